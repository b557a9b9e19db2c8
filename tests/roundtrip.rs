//! Property tests of the whole flow through the library: templates built from Chinese
//! phrases and slots, a schema drafted by `init`, a value for every field, then `fill`.
//!
//! Properties: every slot is filled; the text outside the slots is byte-identical; a value
//! that contains X is data, never a slot; decode(encode(text)) == text for UTF-8, UTF-16 and
//! GB18030, CRLF kept; extract(fill(template, values)) == values, and filling the template
//! with the values file that extract writes gives the filled text back byte for byte.

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::sample::select;

use xfill::encoding::{Encoding, decode, encode};
use xfill::extract::{self, FieldValues, Recovery};
use xfill::fill::{self, Filled, Outcome};
use xfill::report::{self, Extraction};
use xfill::scan::{self, Scanner, Slot};
use xfill::schema::{self, FieldType, Schema};
use xfill::{bind, values};

/// Text between slots: no X, no digits, no Latin, nothing that glues to a slot.
const FILLERS: &[&str] = &[
    "工作总结",
    "分为",
    "党员干部",
    "召开会议",
    "全年",
    "共计",
    "现将",
    "如下",
    "培训",
    "、",
    "，",
    "。",
    "：",
    "（",
    "）",
    "\n",
    "\r\n",
    "\n\n",
];

/// Slots with the words that tell what they are.
const SLOTS: &[&str] = &[
    "X个组",
    "X名",
    "X次",
    "X项",
    "X户",
    "X万元",
    "X吨",
    "X%",
    "X.X%",
    "X人",
    "X党委",
    "X镇",
    "X村",
    "X县",
    "XX单位",
    "XX公司",
    "×××同志",
    "20XX年X月X日",
    "Ｘ楼Ｘ层",
];

/// Text values: X runs (which must stay data), CJK and emoji.
const TEXT_PIECES: &[&str] = &[
    "X",
    "XX",
    "XXX",
    "Ｘ",
    "×",
    "科技",
    "有限公司",
    "青石",
    "甲",
    "😀",
    "🎉",
    "👨‍👩‍👧",
    "·",
];

/// Slots one character apart, for extract: each slot's value ends where a one-character
/// literal starts.
const CLOSE_SLOTS: &[&str] = &["X、X名", "X，X户", "X，X"];

/// Text values for extract: those of [`TEXT_PIECES`] and line breaks, spaces and what YAML
/// reads as something else than a string (`true`, `1.5`, `# `, `: `, quotes). Zero pieces
/// make an empty value.
const EXTRACT_PIECES: &[&str] = &[
    "X",
    "XX",
    "Ｘ",
    "×",
    "科技",
    "青石",
    "甲",
    "😀",
    "👨‍👩‍👧",
    "·",
    "\n",
    "\r\n",
    " ",
    "true",
    "1.5",
    "# ",
    ": ",
    "\"",
    "'",
    "工作",
];

fn template() -> impl Strategy<Value = String> {
    let segment = (prop::collection::vec(select(FILLERS), 0..4), select(SLOTS));
    (
        prop::collection::vec(segment, 1..10),
        prop::collection::vec(select(FILLERS), 0..3),
    )
        .prop_map(|(segments, tail)| {
            let mut text = String::new();
            for (fillers, slot) in segments {
                fillers.iter().for_each(|f| text.push_str(f));
                text.push_str(slot);
            }
            tail.iter().for_each(|f| text.push_str(f));
            text
        })
}

fn text_value() -> impl Strategy<Value = String> {
    prop::collection::vec(select(TEXT_PIECES), 1..5).prop_map(|pieces| pieces.concat())
}

/// Templates for extract: as [`template`], plus slots one character apart, sometimes a bare
/// slot as the very first character and one as the very last.
fn extract_template() -> impl Strategy<Value = String> {
    let slot = prop_oneof![3 => select(SLOTS), 1 => select(CLOSE_SLOTS)];
    let segment = (prop::collection::vec(select(FILLERS), 0..3), slot);
    (
        any::<bool>(),
        prop::collection::vec(segment, 1..8),
        prop::collection::vec(select(FILLERS), 0..2),
        any::<bool>(),
    )
        .prop_map(|(first, segments, tail, last)| {
            let mut text = String::new();
            if first {
                text.push_str("X，");
            }
            for (fillers, slot) in segments {
                fillers.iter().for_each(|f| text.push_str(f));
                text.push_str(slot);
            }
            tail.iter().for_each(|f| text.push_str(f));
            if last {
                text.push_str("共X");
            }
            text
        })
}

/// Templates whose sentences repeat (slots no window tells apart, so init merges their
/// fields) and whose text holds brackets (anchors that must be written as `[[X]]`).
fn repeating_template() -> impl Strategy<Value = String> {
    const BRACKETS: &[&str] = &["[", "[[", "]]", "【", "a[b"];
    let filler = prop_oneof![4 => select(FILLERS), 1 => select(BRACKETS)];
    let sentence = (prop::collection::vec(filler, 0..3), select(SLOTS));
    (
        prop::collection::vec(sentence, 1..4),
        prop::collection::vec(0usize..4, 1..10),
    )
        .prop_map(|(sentences, order)| {
            let mut text = String::new();
            for i in order {
                let (fillers, slot) = &sentences[i % sentences.len()];
                fillers.iter().for_each(|f| text.push_str(f));
                text.push_str(slot);
            }
            text
        })
}

/// Values for extract: text values from [`EXTRACT_PIECES`], empty ones included.
fn extract_pool() -> impl Strategy<Value = (Vec<String>, Vec<u32>)> {
    let text = prop::collection::vec(select(EXTRACT_PIECES), 0..5).prop_map(|p| p.concat());
    (
        prop::collection::vec(text, 1..12),
        prop::collection::vec(any::<u32>(), 1..12),
    )
}

/// A pool of raw values; field `i` takes entry `i % len`.
fn pool() -> impl Strategy<Value = (Vec<String>, Vec<u32>)> {
    (
        prop::collection::vec(text_value(), 1..12),
        prop::collection::vec(any::<u32>(), 1..12),
    )
}

/// What `xfill init` and `xfill fill` would do with `text` and a value for every field.
struct Flow {
    text: String,
    slots: Vec<Slot>,
    schema: Schema,
    bindings: bind::Bindings,
    values: values::Values,
    filled: Filled,
}

fn flow(text: &str, (texts, numbers): &(Vec<String>, Vec<u32>)) -> Flow {
    let draft = schema::init(text, &scan::scan(text), "s.yaml");
    let yaml = draft.to_yaml();
    let schema = Schema::parse(&yaml, "s.yaml")
        .unwrap_or_else(|e| panic!("init writes a schema that parses: {e}\n{yaml}"));
    let slots = schema.scanner().scan(text);
    let bindings = bind::bind(&schema, text, &slots);
    assert!(
        bindings.claimed_twice.is_empty(),
        "init drafted anchors that claim a slot twice: {:?}\n{yaml}",
        bindings.claimed_twice
    );
    let sets: Vec<String> = schema
        .fields
        .values()
        .enumerate()
        .map(|(i, field)| {
            let n = numbers[i % numbers.len()];
            let value = match field.ty {
                FieldType::Integer => {
                    let min = field.min.unwrap_or(0.0) as i64;
                    let span = field.max.map_or(1000, |max| max as i64 - min + 1);
                    (min + i64::from(n) % span).to_string()
                }
                FieldType::Number => format!("{}.{}", n % 1000, n % 10),
                FieldType::Text => texts[i % texts.len()].clone(),
                FieldType::Date => format!("{}-{}-{}", 1990 + n % 100, 1 + n % 12, 1 + n % 28),
                other => panic!("init drafted a field of type {}", other.as_str()),
            };
            format!("{}={value}", field.name)
        })
        .collect();
    let values = values::resolve(&schema, None, &sets)
        .unwrap_or_else(|e| panic!("every value fits its field: {e}\n{sets:?}\n{yaml}"));
    let filled = fill::fill(
        text,
        &slots,
        &bindings,
        &schema,
        &values,
        fill::Options::default(),
    );
    Flow {
        text: text.to_string(),
        slots,
        schema,
        bindings,
        values,
        filled,
    }
}

impl Flow {
    /// The value that went into slot `i` (for a date field's part slot, that part).
    fn value_of(&self, i: usize) -> String {
        let Outcome::Filled { field } = self.filled.outcomes[i] else {
            panic!("slot {i} was not filled: {:?}", self.filled.outcomes[i]);
        };
        let name = &self.schema.fields[field].name;
        let slot = &self.slots[i];
        self.values
            .get(name)
            .expect("a filled slot has a value")
            .slot_text(
                slot.text(&self.text),
                self.text[slot.span().end..].chars().next(),
            )
            .expect("a filled slot has its part")
            .into_owned()
    }
}

impl Flow {
    /// The template text between slot `i` and the next one (or the end of the text).
    fn literal_after(&self, i: usize) -> &str {
        let end = self
            .slots
            .get(i + 1)
            .map_or(self.text.len(), |s| s.span().start);
        &self.text[self.slots[i].span().end..end]
    }

    /// Whether extract's greedy alignment cannot tell where slot `i`'s value ends: the
    /// literal after the slot (not the last one) occurs earlier in value + literal, so the
    /// first match is inside the value.
    fn ambiguous(&self, i: usize) -> bool {
        if i + 1 == self.slots.len() {
            return false; // the last literal must end the text: no choice
        }
        let after = self.literal_after(i);
        let value = self.value_of(i);
        format!("{value}{after}").find(after) != Some(value.len())
    }

    /// Extract on the filled text: each slot's recovery and the fields' values.
    fn extract(&self) -> (Vec<Recovery>, FieldValues) {
        let recovered = extract::extract(&self.text, &self.slots, &self.filled.text);
        let fields = extract::by_field(
            &self.schema,
            &self.bindings,
            &self.text,
            &self.slots,
            &recovered,
        );
        (recovered, fields)
    }
}

/// GB18030 byte sequences whose character is written back as another sequence by a plain
/// encode (`A3A0` as `A1A1`, issue 12): a template may hold them, and fill keeps them.
const GB18030_ALIASES: &[&[u8]] = &[b"\xA3\xA0", b"\x82\x35\x90\x37", b"\x84\x31\x82\x36"];

/// Each alias's character, as GB18030 decodes it.
fn alias_chars() -> Vec<char> {
    GB18030_ALIASES
        .iter()
        .map(|b| {
            let doc = decode(b, "alias", Some(Encoding::Gb18030)).expect("an alias decodes");
            doc.text.chars().next().expect("one character")
        })
        .collect()
}

/// `text` in GB18030, each alias character written as its alias bytes.
fn gb18030_with_aliases(text: &str) -> Vec<u8> {
    let chars = alias_chars();
    let mut out = Vec::new();
    let mut buf = [0; 4];
    for c in text.chars() {
        match chars.iter().position(|&a| a == c) {
            Some(i) => out.extend_from_slice(GB18030_ALIASES[i]),
            None => out.extend(encode(c.encode_utf8(&mut buf), Encoding::Gb18030, false)),
        }
    }
    out
}

/// A template with alias characters among its fillers.
fn template_with_aliases() -> impl Strategy<Value = String> {
    let chars = alias_chars();
    (
        template(),
        prop::collection::vec((any::<prop::sample::Index>(), 0..3usize), 0..8),
    )
        .prop_map(move |(text, inserts)| {
            // Insert before a line break or a Chinese punctuation mark: never glued to a slot.
            let places: Vec<usize> = text
                .char_indices()
                .filter(|&(_, c)| "\n，。、：".contains(c))
                .map(|(i, _)| i)
                .collect();
            let mut text = text;
            let mut chosen: Vec<(usize, char)> = inserts
                .iter()
                .filter(|_| !places.is_empty())
                .map(|(at, which)| (places[at.index(places.len())], chars[*which]))
                .collect();
            chosen.sort_by_key(|&(at, _)| std::cmp::Reverse(at));
            for (at, c) in chosen {
                text.insert(at, c);
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Fill writes the template's own bytes between the slots, in GB18030 too, where a
    /// decode and encode would change some of them: with no slot filled the output is the
    /// template byte for byte, and with every slot filled the bytes between the slots are
    /// the template's.
    /// Whatever bytes decode write back as they were, in the encoding they were read in.
    #[test]
    fn bytes_that_decode_encode_back_as_they_were(
        bytes in prop::collection::vec(prop_oneof![any::<u8>(), 0x81u8..0xFF, 0x30u8..0x3A], 0..48),
        forced in select(vec![
            None,
            Some(Encoding::Gb18030),
            Some(Encoding::Utf8),
            Some(Encoding::Utf16Le),
            Some(Encoding::Utf16Be),
        ]),
    ) {
        if let Ok(doc) = decode(&bytes, "t", forced) {
            prop_assert_eq!(doc.encode(), bytes);
        }
    }

    #[test]
    fn gb18030_bytes_outside_slots_survive_a_fill(text in template_with_aliases(), pool in pool()) {
        let bytes = gb18030_with_aliases(&text);
        let doc = decode(&bytes, "t", Some(Encoding::Gb18030)).expect("decodes");
        prop_assert_eq!(&doc.text, &text);
        let flow = flow(&text, &pool);

        let none = values::resolve(&flow.schema, None, &[]).expect("no values");
        let unfilled = fill::fill(
            &text,
            &flow.slots,
            &flow.bindings,
            &flow.schema,
            &none,
            fill::Options::default(),
        );
        let out = unfilled.encode(&doc, &flow.slots, &flow.schema, None).expect("encodes");
        prop_assert_eq!(out, bytes.clone());

        let out = flow.filled.encode(&doc, &flow.slots, &flow.schema, None).expect("encodes");
        let mut expected = Vec::new();
        let mut from = 0;
        for (i, slot) in flow.slots.iter().enumerate() {
            expected.extend(gb18030_with_aliases(&text[from..slot.span().start]));
            expected.extend(encode(&flow.value_of(i), Encoding::Gb18030, false));
            from = slot.span().end;
        }
        expected.extend(gb18030_with_aliases(&text[from..]));
        prop_assert_eq!(out, expected);
    }


    /// `extract` without a schema takes init's fields from `draft_fields`, which skips the
    /// anchors: it must give init's fields and each slot's field as binding init's schema
    /// does (checked with init's other properties).
    #[test]
    fn draft_fields_are_inits_fields(
        text in prop_oneof![template(), extract_template(), repeating_template()]
    ) {
        xfill::fuzzing::check_init(text.as_bytes());
    }

    #[test]
    fn every_slot_is_filled(text in template(), pool in pool()) {
        let flow = flow(&text, &pool);
        prop_assert!(!flow.slots.is_empty());
        prop_assert_eq!(flow.filled.outcomes.len(), flow.slots.len());
        prop_assert_eq!(flow.filled.remaining(), 0, "outcomes: {:?}", flow.filled.outcomes);
        prop_assert!(flow.filled.missing_fields().is_empty());
    }

    #[test]
    fn text_outside_slots_is_byte_identical(text in template(), pool in pool()) {
        let flow = flow(&text, &pool);
        // Walk template and output together: each gap between slots must come through as is,
        // and each slot must hold exactly its value.
        let out = flow.filled.text.as_str();
        let mut from = 0; // in the template
        let mut at = 0; // in the output
        for (i, slot) in flow.slots.iter().enumerate() {
            let gap = &flow.text[from..slot.span().start];
            prop_assert_eq!(&out[at..at + gap.len()], gap, "gap before slot {}", i);
            at += gap.len();
            let value = flow.value_of(i);
            prop_assert_eq!(&out[at..at + value.len()], value.as_str(), "slot {}", i);
            at += value.len();
            from = slot.span().end;
        }
        prop_assert_eq!(&out[at..], &flow.text[from..]);
        prop_assert_eq!(
            out.matches("\r\n").count(),
            flow.text.matches("\r\n").count(),
            "CRLF kept"
        );
    }

    #[test]
    fn value_with_x_is_data_not_a_slot(text in template(), pool in pool()) {
        let flow = flow(&text, &pool);
        for (i, outcome) in flow.filled.outcomes.iter().enumerate() {
            prop_assert!(
                matches!(outcome, Outcome::Filled { .. }),
                "slot {} remains although its value is {:?}", i, outcome
            );
        }
        // As `check --values` does: values that hold a slot are ignore words, and then the
        // filled text has no slot left.
        let data: Vec<String> = flow
            .values
            .iter()
            .map(|(_, v)| v.text.clone())
            .filter(|v| !scan::scan(v).is_empty())
            .collect();
        let left = Scanner::new(&data, Vec::new()).scan(&flow.filled.text);
        prop_assert!(
            left.is_empty(),
            "slots found in the filled text: {:?}\n{}",
            left.iter().map(|s| s.text(&flow.filled.text)).collect::<Vec<_>>(),
            flow.filled.text
        );
    }

    #[test]
    fn decode_encode_round_trips(text in template(), pool in pool()) {
        let flow = flow(&text, &pool);
        for text in [&flow.text, &flow.filled.text] {
            for (encoding, bom) in [
                (Encoding::Utf8, false),
                (Encoding::Utf8, true),
                (Encoding::Gb18030, false),
                (Encoding::Utf16Le, true),
                (Encoding::Utf16Be, true),
            ] {
                let bytes = encode(text, encoding, bom);
                let forced = decode(&bytes, "t", Some(encoding)).expect("decodes as itself");
                prop_assert_eq!(&forced.text, text, "{} bom={} forced", encoding, bom);
                prop_assert_eq!(forced.encode(), bytes.clone());

                // Guessing finds GB18030 unless its bytes happen to be valid UTF-8 too.
                if encoding == Encoding::Gb18030 && std::str::from_utf8(&bytes).is_ok() {
                    continue;
                }
                let guessed = decode(&bytes, "t", None).expect("decodes by guess");
                prop_assert_eq!(&guessed.text, text, "{} bom={} guessed", encoding, bom);
                prop_assert_eq!(guessed.bom, bom);
                if !text.is_ascii() {
                    prop_assert_eq!(guessed.encoding, encoding);
                }
                prop_assert_eq!(guessed.encode(), bytes);
            }
        }
    }

    #[test]
    fn extract_gives_back_the_values_that_were_filled(
        text in extract_template(),
        pool in extract_pool(),
    ) {
        let flow = flow(&text, &pool);
        prop_assert_eq!(flow.filled.remaining(), 0);
        prop_assume!((0..flow.slots.len()).all(|i| !flow.ambiguous(i)));
        let (recovered, fields) = flow.extract();

        // Each slot gives back its value; a value equal to the slot's own text ("X" for X)
        // leaves the text as the template had it, so the slot reads as unfilled.
        for (i, slot) in flow.slots.iter().enumerate() {
            let value = flow.value_of(i);
            let expected = if value == slot.text(&flow.text) {
                Recovery::Unfilled
            } else {
                Recovery::Value(value.to_string())
            };
            prop_assert_eq!(&recovered[i], &expected, "slot {}\n{:?}", i, flow.filled.text);
        }
        prop_assert!(fields.conflicts.is_empty(), "conflicts: {:?}", fields.conflicts);

        // Field by field: every value, less those that only went into slots of the same text.
        let names = |f: usize| flow.schema.fields[f].name.clone();
        let got: BTreeMap<String, String> = fields
            .values
            .iter()
            .map(|(f, v)| (names(*f), v.clone()))
            .collect();
        let expected: BTreeMap<String, String> = flow
            .values
            .iter()
            .filter(|(name, value)| {
                flow.bindings.field_of.iter().enumerate().any(|(s, f)| {
                    f.is_some_and(|f| names(f) == **name)
                        && flow.slots[s].text(&flow.text) != value.text
                })
            })
            .map(|(name, value)| (name.clone(), value.text.clone()))
            .collect();
        prop_assert_eq!(got, expected, "{:?}", flow.filled.text);
    }

    #[test]
    fn filling_with_the_extracted_values_file_gives_the_filled_text_back(
        text in extract_template(),
        pool in extract_pool(),
        comments in any::<bool>(),
    ) {
        let flow = flow(&text, &pool);
        prop_assume!((0..flow.slots.len()).all(|i| !flow.ambiguous(i)));
        let (recovered, fields) = flow.extract();
        let x = Extraction {
            template_name: "t.txt",
            filled_name: "t.filled.txt",
            template: &flow.text,
            slots: &flow.slots,
            recovered: &recovered,
            schema: &flow.schema,
            bindings: &flow.bindings,
            fields: &fields,
        };
        prop_assert!(x.is_complete());
        // As `xfill extract` writes it (comments when the names were drafted), and as
        // `xfill fill --values` reads it.
        let mut yaml = Vec::new();
        report::values_yaml(&mut yaml, &x, comments).expect("writes to a Vec");
        let yaml = String::from_utf8(yaml).expect("UTF-8");
        let values = values::resolve(
            &flow.schema,
            Some(values::Source { text: &yaml, file: "values.yaml" }),
            &[],
        );
        let values = match values {
            Ok(v) => v,
            Err(e) => {
                let why = format!("fill rejects the values file extract wrote: {e}\n{yaml}");
                return Err(TestCaseError::fail(why));
            }
        };
        let again = fill::fill(
            &flow.text,
            &flow.slots,
            &flow.bindings,
            &flow.schema,
            &values,
            fill::Options::default(),
        );
        prop_assert_eq!(&again.text, &flow.filled.text, "values file:\n{}", yaml);
    }
}

/// Values of characters no generated template has: what extract must cope with is the edit.
const PLAIN_VALUES: &[&str] = &["青石", "科技", "甲", "丁戊", "😀", "乙丙丁"];

/// What an edit outside the slots puts in (nothing: a deletion), also of characters no
/// generated template has.
const EDIT_TEXT: &[&str] = &["", "新增内容", "另起一段"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A filled document edited in one place outside the slots (a piece of the text between
    /// two slots replaced or deleted, not the characters right next to a slot): extract never gives a slot a wrong value — each is its
    /// own value or named as lost — and every slot before the edit is recovered.
    #[test]
    fn an_edit_outside_the_slots_never_gives_a_wrong_value(
        text in extract_template(),
        picks in prop::collection::vec(0..PLAIN_VALUES.len(), 1..12),
        (which, a, b) in (any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<prop::sample::Index>()),
        insert in select(EDIT_TEXT),
    ) {
        let slots = scan::scan(&text);
        let n = slots.len();
        prop_assume!(n > 0);
        let value = |i: usize| PLAIN_VALUES[picks[i % picks.len()]];
        // Literal k is the text before slot k (literal n: after the last slot).
        let literal = |k: usize| {
            let start = if k == 0 { 0 } else { slots[k - 1].span().end };
            let end = slots.get(k).map_or(text.len(), |s| s.span().start);
            &text[start..end]
        };
        // Text put in right next to a value could as well be part of it: an edit leaves the
        // characters next to the slots, so it can only be where a literal has room for it.
        let room = |k: usize| {
            let chars = literal(k).chars().count();
            let lo = usize::from(k > 0);
            let hi = if k == n { Some(chars) } else { chars.checked_sub(1) };
            hi.filter(|&hi| lo <= hi).map(|hi| (lo, hi))
        };
        let editable: Vec<usize> = (0..=n).filter(|&k| room(k).is_some()).collect();
        prop_assume!(!editable.is_empty());
        let edited = editable[which.index(editable.len())];
        let (lo, hi) = room(edited).expect("an editable literal");
        let lit = literal(edited);
        let bounds: Vec<usize> = lit.char_indices().map(|(i, _)| i).chain([lit.len()]).collect();
        let (a, b) = (lo + a.index(hi - lo + 1), lo + b.index(hi - lo + 1));
        let (a, b) = (bounds[a.min(b)], bounds[a.max(b)]);
        let insert = if a == b && insert.is_empty() { "新增内容" } else { insert };
        let changed = [&lit[..a], insert, &lit[b..]].concat();
        let mut filled = String::new();
        for k in 0..=n {
            filled.push_str(if k == edited { &changed } else { literal(k) });
            if k < n {
                filled.push_str(value(k));
            }
        }
        let got = extract::extract(&text, &slots, &filled);
        for (i, r) in got.iter().enumerate() {
            match r {
                Recovery::Value(v) => prop_assert_eq!(
                    v.as_str(), value(i),
                    "slot {} of {}, literal {} edited to {:?}\n{:?}\n{:?}",
                    i, n, edited, changed, text, filled
                ),
                Recovery::Lost(_) => prop_assert!(
                    i + 2 > edited,
                    "slot {} before the edit of literal {} is lost\n{:?}\n{:?}",
                    i, edited, text, filled
                ),
                Recovery::Unfilled => prop_assert!(false, "slot {} unfilled\n{:?}", i, filled),
            }
        }
    }
}

/// The forms of a date in templates: each part's slot and the character after it.
const DATE_FORMS: &[&[(&str, &str)]] = &[
    &[("20XX", "年"), ("X", "月"), ("X", "日")],
    &[("xxxx", "年"), ("xx", "月"), ("xx", "日")],
    &[("X", "月"), ("X", "日")],
    &[("20XX", "年"), ("X", "月")],
    &[("X", "月"), ("X", "号")],
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A date field bound to the part slots of its date (one `[[…]]` anchor per part, as
    /// init drafts it): fill writes each part in the slot's form, extract reads the date
    /// back whole, and the values file extract writes fills the same text again.
    #[test]
    fn a_date_filled_in_parts_round_trips(
        dates in prop::collection::vec(
            (0..DATE_FORMS.len(), 1990u32..2100, 1u32..=12, 1u32..=31, select(FILLERS)),
            1..5,
        ),
    ) {
        let mut text = String::new();
        let mut yaml = String::from("version: 1\nfields:\n");
        let mut sets = Vec::new();
        let mut expected = String::new();
        for (k, &(form, y, m, d, filler)) in dates.iter().enumerate() {
            let d = d.min(28);
            let form = DATE_FORMS[form];
            let prefix = format!("第{k}次");
            text.push_str(&prefix);
            expected.push_str(&prefix);
            yaml.push_str(&format!("  日期{k}:\n    type: date\n    anchors:\n"));
            for j in 0..form.len() {
                let anchor: String = form
                    .iter()
                    .enumerate()
                    .map(|(i, (slot, after))| {
                        if i == j { format!("[[{slot}]]{after}") } else { format!("{slot}{after}") }
                    })
                    .collect();
                yaml.push_str(&format!("      - '{prefix}{anchor}'\n"));
            }
            let mut given = Vec::new();
            for (slot, after) in form.iter() {
                text.push_str(slot);
                text.push_str(after);
                let (n, width) = match *after {
                    "年" => (y, 4),
                    "月" => (m, slot.len().min(2)),
                    _ => (d, slot.len().min(2)),
                };
                expected.push_str(&format!("{n:0width$}{after}"));
                given.push(n.to_string());
            }
            sets.push(format!("日期{k}={}", given.join("-")));
            text.push_str(filler);
            expected.push_str(filler);
        }
        let schema = Schema::parse(&yaml, "s.yaml").unwrap_or_else(|e| panic!("{e}\n{yaml}"));
        let slots = schema.scanner().scan(&text);
        let bindings = bind::bind(&schema, &text, &slots);
        prop_assert!(bindings.field_of.iter().all(Option::is_some), "{:?}\n{}", text, yaml);
        let values = values::resolve(&schema, None, &sets)
            .unwrap_or_else(|e| panic!("{e}\n{sets:?}"));
        let filled = fill::fill(&text, &slots, &bindings, &schema, &values, fill::Options::default());
        prop_assert_eq!(filled.remaining(), 0);
        prop_assert_eq!(&filled.text, &expected);

        let recovered = extract::extract(&text, &slots, &filled.text);
        let fields = extract::by_field(&schema, &bindings, &text, &slots, &recovered);
        prop_assert!(fields.conflicts.is_empty(), "{:?}", fields.conflicts);
        let got: Vec<(String, String)> = fields
            .values
            .iter()
            .map(|(f, v)| (schema.fields[*f].name.clone(), v.clone()))
            .collect();
        let want: Vec<(String, String)> = values
            .iter()
            .map(|(name, v)| (name.clone(), v.text.clone()))
            .collect();
        prop_assert_eq!(got, want);

        let x = Extraction {
            template_name: "t.txt",
            filled_name: "t.filled.txt",
            template: &text,
            slots: &slots,
            recovered: &recovered,
            schema: &schema,
            bindings: &bindings,
            fields: &fields,
        };
        let mut file = Vec::new();
        report::values_yaml(&mut file, &x, false).expect("writes to a Vec");
        let file = String::from_utf8(file).expect("UTF-8");
        let again = values::resolve(&schema, Some(values::Source { text: &file, file: "v.yaml" }), &[])
            .unwrap_or_else(|e| panic!("{e}\n{file}"));
        let again = fill::fill(&text, &slots, &bindings, &schema, &again, fill::Options::default());
        prop_assert_eq!(&again.text, &filled.text, "values file:\n{}", file);
    }
}

/// Labels of form lines, and phrases a bare X may stand in.
const LABELS: &[&str] = &[
    "住址",
    "联系人",
    "申请人",
    "电话",
    "单位名称",
    "邮编",
    "担保人",
    "备注",
];

proptest! {
    /// issue 16: `init` never gives one field to slots after two different labels, so
    /// `fill` with a value per field never writes one value where the template had two.
    #[test]
    fn init_never_merges_slots_with_different_labels(
        lines in prop::collection::vec((select(LABELS), select(&["XXX", "×××", "xxx", "X"][..]), select(&["", "。", "，备注", "村", "党委"][..])), 1..10),
    ) {
        let text: String = lines
            .iter()
            .map(|(label, slot, tail)| format!("{label}：{slot}{tail}\n"))
            .collect();
        let slots = scan::scan(&text);
        let draft = schema::init(&text, &slots, "s.yaml");
        let schema = Schema::parse(&draft.to_yaml(), "s.yaml").unwrap();
        let b = bind::bind(&schema, &text, &slots);
        let mut label_of: Vec<Option<&str>> = vec![None; schema.fields.len()];
        for (s, f) in b.field_of.iter().enumerate() {
            let f = f.expect("init maps every slot");
            let line = text[..slots[s].span().start].rsplit('\n').next().unwrap();
            let label = line.trim_end_matches('：');
            match label_of[f] {
                None => label_of[f] = Some(label),
                Some(other) => prop_assert_eq!(other, label, "{}\n{}", text, draft.to_yaml()),
            }
        }
    }
}
