//! [`Schema`] × slots → [`Bindings`]: which field fills each slot, through the anchors.
//! Reports slots claimed by two fields, slots no field claims, and anchors that match no
//! slot (the template changed). Values are another module's business.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::error::{Error, Location};
use crate::scan::Slot;
use crate::schema::Schema;

/// An anchor of the schema: field index and anchor index within the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnchorRef {
    /// Index of the field in the schema's order.
    pub field: usize,
    /// Index of the anchor within the field.
    pub anchor: usize,
}

/// Which field fills each slot.
#[derive(Debug, Clone, Default)]
pub struct Bindings {
    /// For each slot (by index into the slot list), the index of its field.
    pub field_of: Vec<Option<usize>>,
    /// Slots whose anchors come from two fields: slot index and the two field indexes.
    pub claimed_twice: Vec<(usize, [usize; 2])>,
    /// Anchors that match no slot.
    pub stale: Vec<AnchorRef>,
}

impl Bindings {
    /// Indexes of slots that no field claims.
    pub fn unmapped(&self) -> impl Iterator<Item = usize> + '_ {
        self.field_of
            .iter()
            .enumerate()
            .filter(|(_, f)| f.is_none())
            .map(|(i, _)| i)
    }

    /// Slots claimed twice as errors naming both fields and the slot's place in `file`.
    pub fn conflicts(
        &self,
        schema: &Schema,
        text: &str,
        slots: &[Slot],
        file: &str,
    ) -> Result<(), Error> {
        let errors = self
            .claimed_twice
            .iter()
            .map(|&(s, [a, b])| {
                let slot = &slots[s];
                Error::SlotClaimedTwice {
                    slot: Location::new(file, slot.position().line, slot.position().column)
                        .with_excerpt(text, slot.span()),
                    fields: [schema.fields[a].name.clone(), schema.fields[b].name.clone()],
                }
            })
            .collect();
        Error::collect(errors)
    }
}

/// The fields `init` would draft for `slots` in `text` and their bindings, without writing
/// the anchors: what binding init's schema would give (see [`crate::schema::draft_fields`]).
/// For reading values out of a filled document when no schema is given.
pub fn drafted(text: &str, slots: &[Slot], file: &str) -> (Schema, Bindings) {
    let (schema, field_of) = crate::schema::draft_fields(text, slots, file);
    let bindings = Bindings {
        field_of: field_of.into_iter().map(Some).collect(),
        ..Bindings::default()
    };
    (schema, bindings)
}

/// Binds `slots` of `text` to the fields of `schema`, in one pass over the text.
pub fn bind(schema: &Schema, text: &str, slots: &[Slot]) -> Bindings {
    let mut bindings = Bindings {
        field_of: vec![None; slots.len()],
        ..Bindings::default()
    };
    // One needle per distinct anchor text (with its line-ending variants); several anchors
    // may share one. For each needle, the anchors it stands for, with their prefix and slot
    // lengths.
    let mut by_needle: FxHashMap<Cow<str>, usize> = FxHashMap::default();
    let mut owners: Vec<Vec<Owner>> = Vec::new();
    let mut variants = Vec::new();
    let mut shapes: Vec<(usize, usize)> = Vec::new();
    // For each shape, the first and the last bytes of its needles: a slot's surroundings are
    // hashed and looked up only when they start and end as a needle of the shape does (the
    // 1 MB bench document's fill, 20 shapes: bind 6.3 → 5.3 million instructions, callgrind).
    let mut ends: Vec<(ByteSet, ByteSet)> = Vec::new();
    for (f, field) in schema.fields.values().enumerate() {
        for (a, anchor) in field.anchors.iter().enumerate() {
            line_ending_variants(anchor.prefix(), anchor.needle(), &mut variants);
            let slot_len = anchor.slot().len();
            for (prefix_len, needle) in variants.drain(..) {
                let shape = (prefix_len, needle.len() - prefix_len - slot_len);
                let k = match shapes.iter().position(|s| *s == shape) {
                    Some(k) => k,
                    None => {
                        shapes.push(shape);
                        ends.push(Default::default());
                        shapes.len() - 1
                    }
                };
                // A needle holds its slot: it is never empty.
                if let (Some(&first), Some(&last)) =
                    (needle.as_bytes().first(), needle.as_bytes().last())
                {
                    ends[k].0.insert(first);
                    ends[k].1.insert(last);
                }
                let next = by_needle.len();
                let id = *by_needle.entry(needle).or_insert(next);
                if id == owners.len() {
                    owners.push(Vec::new());
                }
                let anchor_ref = AnchorRef {
                    field: f,
                    anchor: a,
                };
                owners[id].push(Owner(anchor_ref, prefix_len, slot_len));
            }
        }
    }
    // An anchor counts as used when any of its line-ending variants matched.
    let mut used = vec![false; owners.len()];
    // The text around a slot can only match an anchor of the same shape (its prefix and
    // suffix lengths). A schema has few shapes: each slot's surroundings are looked up once
    // per shape, about ten times faster on a 1 MB template than searching the text for every
    // anchor (cargo bench --bench flow -- bind: 0.2 vs 3.2 ms). Past MAX_SHAPES (a hand-made
    // schema of very different anchors) one Aho-Corasick pass keeps the cost linear.
    if shapes.len() <= MAX_SHAPES {
        for (s, slot) in slots.iter().enumerate() {
            for (&(before, after), (firsts, lasts)) in shapes.iter().zip(&ends) {
                let (Some(start), end) = (
                    slot.span().start.checked_sub(before),
                    slot.span().end + after,
                ) else {
                    continue;
                };
                // The window is as long as the needles of its shape, and is one of them only
                // when it starts and ends as one does.
                let bytes = text.as_bytes();
                if end > bytes.len()
                    || !firsts.contains(bytes[start])
                    || !lasts.contains(bytes[end - 1])
                {
                    continue;
                }
                if let Some(&id) = text.get(start..end).and_then(|w| by_needle.get(w)) {
                    for &owner in &owners[id] {
                        claim_at(&mut bindings, &mut used, slots, id, owner, s, before);
                    }
                }
            }
        }
    } else {
        let mut needles = vec![""; owners.len()];
        for (needle, &id) in &by_needle {
            needles[id] = needle.as_ref();
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&needles)
            .expect("anchors are short literals and always build an automaton");
        let starts: FxHashMap<usize, usize> = slots
            .iter()
            .enumerate()
            .map(|(i, s)| (s.span().start, i))
            .collect();
        for m in ac.find_overlapping_iter(text) {
            let id = m.pattern().as_usize();
            for &owner in &owners[id] {
                if let Some(&s) = starts.get(&(m.start() + owner.1)) {
                    claim_at(&mut bindings, &mut used, slots, id, owner, s, owner.1);
                }
            }
        }
    }
    // An anchor with a line-ending variant that matched is not stale (only needed when
    // some needle matched nothing).
    let mut matched = rustc_hash::FxHashSet::default();
    if used.contains(&false) {
        for (id, _) in used.iter().enumerate().filter(|(_, used)| **used) {
            matched.extend(owners[id].iter().map(|o| o.0));
        }
    }
    for (id, _) in used.iter().enumerate().filter(|(_, used)| !**used) {
        let stale = owners[id].iter().map(|o| o.0);
        bindings
            .stale
            .extend(stale.filter(|a| !matched.contains(a)));
    }
    bindings.stale.sort_by_key(|r| (r.field, r.anchor));
    bindings.stale.dedup();
    bindings.claimed_twice.sort();
    bindings
}

/// A set of bytes.
#[derive(Clone, Copy, Default)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn insert(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] >> (b & 63) & 1 == 1
    }
}

/// An anchor a needle stands for, with the lengths of its prefix and slot in the needle.
#[derive(Clone, Copy)]
struct Owner(AnchorRef, usize, usize);

/// Above this many anchor shapes, one search of the text is cheaper than a look-up of every
/// slot's surroundings per shape.
const MAX_SHAPES: usize = 64;

/// Needle `id` was found with `before` bytes ahead of slot `s`: `owner`'s field claims the
/// slot when the anchor's prefix and slot are exactly that long (a shorter run of X inside
/// a longer one, or a run glued to digits, is no match).
fn claim_at(
    bindings: &mut Bindings,
    used: &mut [bool],
    slots: &[Slot],
    id: usize,
    owner: Owner,
    s: usize,
    before: usize,
) {
    let Owner(anchor, prefix_len, slot_len) = owner;
    if prefix_len == before && slot_len == slots[s].span().len() {
        used[id] = true;
        claim(bindings, s, anchor.field);
    }
}

/// An anchor's prefix length and needle as written, and, when it spans line breaks, with
/// each break as LF or as CRLF: a schema drafted from an LF template works on its CRLF copy,
/// and on a template whose lines end both ways (as `drift` reads line ends too). They are
/// added to `variants` (a list the caller reuses: a schema may have 100,000 anchors).
fn line_ending_variants<'a>(
    prefix: &str,
    needle: Cow<'a, str>,
    variants: &mut Vec<(usize, Cow<'a, str>)>,
) {
    let breaks = needle.matches('\n').count();
    if breaks == 0 {
        variants.push((prefix.len(), needle));
        return;
    }
    let lf = |s: &str| s.replace("\r\n", "\n");
    let (lf_prefix, lf_needle) = (lf(prefix), lf(&needle));
    let first = variants.len();
    variants.push((prefix.len(), needle));
    // Every mix for the few breaks an anchor spans (init's span two at most); beyond that,
    // all LF or all CRLF. Bit i of a mask makes break i a CRLF.
    let masks: Vec<u32> = if breaks <= 4 {
        (0..1 << breaks).collect()
    } else {
        vec![0, u32::MAX]
    };
    let with = |s: &str, mask: u32| {
        let mut out = String::with_capacity(s.len() + breaks);
        for (i, part) in s.split('\n').enumerate() {
            if i > 0 {
                let crlf = (mask >> (i - 1).min(31)) & 1 == 1;
                out.push_str(if crlf { "\r\n" } else { "\n" });
            }
            out.push_str(part);
        }
        out
    };
    for mask in masks {
        let v = (
            with(&lf_prefix, mask).len(),
            Cow::Owned(with(&lf_needle, mask)),
        );
        if !variants[first..].contains(&v) {
            variants.push(v);
        }
    }
}

/// The stale anchors whose surrounding text is gone too: the template changed there.
///
/// An anchor matches no slot both when the template was edited and when its slot was
/// filled; in a filled document its prefix and suffix still stand around the value, so an
/// anchor counts as drift only when no line holds its prefix, then some text, then its suffix.
pub fn drift(schema: &Schema, text: &str, stale: &[AnchorRef]) -> Vec<AnchorRef> {
    stale
        .iter()
        .copied()
        .filter(|r| {
            let anchor = &schema.fields[r.field].anchors[r.anchor];
            if anchor.prefix().is_empty() && anchor.suffix().is_empty() {
                return false;
            }
            !holds_around(text, anchor)
        })
        .collect()
}

/// The most characters a filled value between an anchor's prefix and suffix may have.
const MAX_VALUE_CHARS: usize = 200;

/// How many places of a prefix holding other slots [`holds_around`] tries before it leaves
/// the rest to a regex that bounds the value itself.
const LOOSE_TRIES: usize = 16;

/// Whether a line of `text` holds the anchor's prefix, then 1 to [`MAX_VALUE_CHARS`]
/// characters, then its suffix (both as [`loose`] reads them).
///
/// Most anchors are plain words around their slot (`分为X个组`): those are looked for as
/// words, each place of the prefix with a look at most a value's length ahead, which is
/// linear in the text. An anchor holding other slots or line breaks takes a regex with a
/// lazy value whose length is checked after: `{1,200}?` in a regex makes the lazy DFA build
/// states for every count, and checking a filled 5 KB document with its schema that way
/// took 60 ms (28 anchors), 2.4 s for 1 MB.
fn holds_around(text: &str, anchor: &crate::schema::Anchor) -> bool {
    let (prefix, suffix) = (anchor.prefix(), anchor.suffix());
    let plain = |s: &str| !s.contains(['\n', '\r']) && !s.chars().any(crate::scan::is_mark);
    if !(plain(prefix) && plain(suffix)) {
        let re = anchor.around(|| {
            let (prefix, suffix) = (loose(prefix), loose(suffix));
            regex::Regex::new(&format!("{prefix}([^\\n]+?){suffix}"))
                .expect("escaped literals always form a valid regex")
        });
        // The value is found lazily and its length checked after; a value too long at one
        // start is looked for again from the next, a few times.
        let mut locs = re.capture_locations();
        let mut at = 0;
        for _ in 0..LOOSE_TRIES {
            let Some(m) = re.captures_read_at(&mut locs, text, at) else {
                return false;
            };
            let (start, end) = locs.get(1).expect("the value is a group of every match");
            if text[start..end].chars().nth(MAX_VALUE_CHARS).is_none() {
                return true;
            }
            at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        // A line with many places of the prefix far from the suffix: the bounded regex,
        // slow to run but linear.
        let (prefix, suffix) = (loose(prefix), loose(suffix));
        let bounded = format!("{prefix}[^\\n]{{1,{MAX_VALUE_CHARS}}}?{suffix}");
        return regex::Regex::new(&bounded)
            .expect("escaped literals always form a valid regex")
            .is_match(text);
    }
    // A value: at least one character, at most MAX_VALUE_CHARS (4 bytes or fewer each),
    // none a line break.
    let value_at = |from: usize| -> Option<&str> {
        // Looked at no further than a value can reach: a long line read to its end for
        // every place of the prefix would make the search quadratic.
        let rest = &text[from..];
        let mut end = rest.len().min(4 * MAX_VALUE_CHARS);
        end = memchr::memchr(b'\n', &rest.as_bytes()[..end]).unwrap_or(end);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let line = &rest[..end];
        let most = line
            .char_indices()
            .nth(MAX_VALUE_CHARS)
            .map_or(line.len(), |(i, _)| i);
        (most > 0).then(|| &line[..most])
    };
    if prefix.is_empty() {
        // Any character before the suffix on its line will do.
        return places(text, suffix).any(|at| at > 0 && text.as_bytes()[at - 1] != b'\n');
    }
    places(text, prefix).any(|at| {
        let Some(room) = value_at(at + prefix.len()) else {
            return false;
        };
        // The suffix starts after the value's first character, within the room.
        let first = room.chars().next().map_or(0, char::len_utf8);
        let after = &text.as_bytes()[at + prefix.len() + first..];
        let reach = room.len() - first + suffix.len();
        suffix.is_empty()
            || memchr::memmem::find(&after[..reach.min(after.len())], suffix.as_bytes()).is_some()
    })
}

/// Every place of `word` in `text`, overlapping ones too (`。。` in `。。。`).
fn places<'t>(text: &'t str, word: &str) -> impl Iterator<Item = usize> + 't {
    let finder = memchr::memmem::Finder::new(word).into_owned();
    let first = finder.find(text.as_bytes());
    std::iter::successors(first, move |&at| {
        let next = at + text[at..].chars().next().map_or(1, char::len_utf8);
        finder.find(&text.as_bytes()[next..]).map(|i| next + i)
    })
}

/// A regex for `literal` in which each run of X (another slot, filled by now) matches any text
/// on the line, and line endings match LF or CRLF. A run takes the digits, points and commas
/// glued to it (`20XX`, `X.X`, `X,XXX`) and a time's colon with the minutes after it (`X：1X`,
/// written `9:30`): whatever the scanner made part of the slot.
fn loose(literal: &str) -> String {
    static RUN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new("[0-9.]*[XxＸｘ×]+[0-9.,XxＸｘ×]*(?:[:：][0-9XxＸｘ×]+)?")
            .expect("the run pattern is valid")
    });
    let mut out = String::new();
    let mut last = 0;
    for m in RUN.find_iter(literal) {
        out.push_str(&regex::escape(&literal[last..m.start()]));
        out.push_str("[^\\n]*?");
        last = m.end();
    }
    out.push_str(&regex::escape(&literal[last..]));
    out.replace("\r\n", "\n").replace('\n', "\r?\n")
}

fn claim(bindings: &mut Bindings, slot: usize, field: usize) {
    match bindings.field_of[slot] {
        None => bindings.field_of[slot] = Some(field),
        Some(existing) if existing == field => {}
        Some(existing) => {
            let pair = [existing.min(field), existing.max(field)];
            if !bindings.claimed_twice.contains(&(slot, pair)) {
                bindings.claimed_twice.push((slot, pair));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;

    const TEXT: &str = "X党委召开会议，X党员分为X个组。XX公司";

    fn schema(yaml: &str) -> Schema {
        Schema::parse(yaml, "s.yaml").unwrap()
    }

    /// Anchors of more than MAX_SHAPES shapes are found by one search of the text: the
    /// bindings are those the look-up per shape gives each field alone.
    #[test]
    fn many_shapes_bind_as_each_field_alone_does() {
        let n = MAX_SHAPES + 20;
        // Field i's anchor has a prefix of i+1 characters; slot runs of one and two X, so
        // that an anchor for X never claims part of XX.
        let text: String = (0..n)
            .map(|i| {
                format!(
                    "<{i}>{}X个，<{i}>{}XX名。",
                    "甲".repeat(i + 1),
                    "乙".repeat(i + 1)
                )
            })
            .collect();
        let slots = scan(&text);
        let mut yaml = String::from("version: 1\nfields:\n");
        for i in 0..n {
            yaml.push_str(&format!(
                "  f{i}:\n    anchors: [{}X个, {}X名]\n",
                "甲".repeat(i + 1),
                "乙".repeat(i + 1)
            ));
        }
        let all = bind(&schema(&yaml), &text, &slots);
        for i in 0..n {
            let one = format!(
                "version: 1\nfields:\n  f{i}:\n    anchors: ['<{i}>{}X个', '<{i}>{}X名']\n",
                "甲".repeat(i + 1),
                "乙".repeat(i + 1)
            );
            let alone = bind(&schema(&one), &text, &slots);
            for (s, f) in alone.field_of.iter().enumerate() {
                if f.is_some() {
                    assert_eq!(all.field_of[s], Some(i), "slot {s}");
                }
            }
            assert_eq!(alone.stale.len(), 1, "X名 never claims an XX");
        }
        assert_eq!(all.field_of.iter().filter(|f| f.is_some()).count(), n);
        assert_eq!(all.stale.len(), n);
    }

    /// A schema of many fields, each with its own anchor: every slot finds its field.
    #[test]
    fn a_large_schema_binds_every_slot() {
        let n = 5000;
        let text: String = (0..n).map(|i| format!("第{i}项完成X名。")).collect();
        let mut yaml = String::from("version: 1\nfields:\n");
        for i in 0..n {
            yaml.push_str(&format!("  f{i}:\n    anchors: [第{i}项完成X名]\n"));
        }
        let schema = Schema::parse(&yaml, "s.yaml").unwrap();
        let slots = crate::scan::scan(&text);
        let b = bind(&schema, &text, &slots);
        assert_eq!(slots.len(), n);
        assert!(b.field_of.iter().enumerate().all(|(s, f)| *f == Some(s)));
        assert!(b.stale.is_empty());
    }

    #[test]
    fn anchors_claim_their_slots() {
        let s = schema(
            "version: 1\nfields:\n  单位:\n    anchors: [X党委, X党员]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n",
        );
        let slots = scan(TEXT);
        let b = bind(&s, TEXT, &slots);
        assert_eq!(b.field_of, vec![Some(0), Some(0), Some(1), None]);
        assert_eq!(b.unmapped().collect::<Vec<_>>(), vec![3]);
        assert!(b.stale.is_empty() && b.claimed_twice.is_empty());
    }

    #[test]
    fn anchor_does_not_claim_part_of_a_longer_run() {
        // "X公司" occurs inside "XX公司", but the slot there is "XX".
        let s = schema("version: 1\nfields:\n  公司:\n    anchors: [X公司]\n");
        let slots = scan(TEXT);
        let b = bind(&s, TEXT, &slots);
        assert_eq!(b.field_of[3], None);
        assert_eq!(
            b.stale,
            vec![AnchorRef {
                field: 0,
                anchor: 0
            }]
        );
    }

    proptest::proptest! {
        /// The word search for plain anchors finds what the regex it stands for finds.
        #[test]
        fn plain_anchors_are_found_as_the_regex_finds_them(
            pieces in proptest::collection::vec(0usize..8, 0..14),
            words in (0usize..4, 0usize..4),
        ) {
            const PIECES: [&str; 8] = ["分为", "个组", "四", "。", "\n", "\r\n", "分", ""];
            let long = "四".repeat(199);
            let text: String = pieces
                .iter()
                .map(|&p| if p == 7 { long.as_str() } else { PIECES[p] })
                .collect();
            const WORDS: [&str; 4] = ["分为", "个组", "。", ""];
            let (prefix, suffix) = (WORDS[words.0], WORDS[words.1]);
            proptest::prop_assume!(!(prefix.is_empty() && suffix.is_empty()));
            let yaml = format!("version: 1\nfields:\n  f:\n    anchors: ['{prefix}[[X]]{suffix}']\n");
            let s = schema(&yaml);
            let re = regex::Regex::new(&format!(
                "{}[^\\n]{{1,200}}?{}",
                regex::escape(prefix),
                regex::escape(suffix)
            ))
            .unwrap();
            proptest::prop_assert_eq!(
                holds_around(&text, &s.fields[0].anchors[0]),
                re.is_match(&text),
                "{:?} around {:?}", (prefix, suffix), text
            );
        }
    }

    proptest::proptest! {
        /// An anchor holding another slot finds what the bounded regex finds.
        #[test]
        fn loose_anchors_are_found_as_the_bounded_regex_finds_them(
            pieces in proptest::collection::vec(0usize..7, 0..24),
        ) {
            const PIECES: [&str; 7] = ["2026年", "年", "6", "月", "\n", "。", ""];
            let long = "六".repeat(120);
            let text: String = pieces
                .iter()
                .map(|&p| if p == 6 { long.as_str() } else { PIECES[p] })
                .collect();
            let s = schema("version: 1\nfields:\n  f:\n    anchors: ['X年[[X]]月']\n");
            let re = regex::Regex::new("[^\\n]*?年[^\\n]{1,200}?月").unwrap();
            proptest::prop_assert_eq!(
                holds_around(&text, &s.fields[0].anchors[0]),
                re.is_match(&text),
                "{:?}", text
            );
        }
    }

    #[test]
    fn a_value_between_prefix_and_suffix_is_at_most_200_characters() {
        let s = schema("version: 1\nfields:\n  组数:\n    anchors: [分为X个组]\n");
        let stale = [AnchorRef {
            field: 0,
            anchor: 0,
        }];
        let value = |n: usize| "四".repeat(n);
        let filled = format!("分为{}个组", value(200));
        assert!(drift(&s, &filled, &stale).is_empty());
        let filled = format!("分为{}个组", value(201));
        assert_eq!(drift(&s, &filled, &stale), stale);
        // Too far from the first prefix, near enough to the second.
        let filled = format!("分为{}，分为{}个组", value(300), value(3));
        assert!(drift(&s, &filled, &stale).is_empty());
        // Not across a line.
        assert_eq!(drift(&s, "分为4\n个组", &stale), stale);
    }

    #[test]
    fn filled_anchor_is_not_drift_but_changed_text_is() {
        let s = schema(
            "version: 1\nfields:\n  组数:\n    anchors: [分为X个组]\n  村:\n    anchors: [为X村捐款]\n",
        );
        let filled = "党员分为4个组。为新华村捐款";
        let b = bind(&s, filled, &scan(filled));
        assert_eq!(b.stale.len(), 2);
        assert!(drift(&s, filled, &b.stale).is_empty());
        let edited = "党员分成4组。为新华村捐款";
        let b = bind(&s, edited, &scan(edited));
        assert_eq!(
            drift(&s, edited, &b.stale),
            vec![AnchorRef {
                field: 0,
                anchor: 0
            }]
        );
    }

    #[test]
    fn anchor_binds_across_mixed_line_endings() {
        // init writes anchors with LF; here the line before ends in LF, the slot's in CRLF.
        let s = schema("version: 1\nfields:\n  a:\n    anchors: [\"\\nX\\n\"]\n");
        for text in ["\nX\r\n", "\r\nX\n", "\nX\n", "\r\nX\r\n"] {
            let b = bind(&s, text, &scan(text));
            assert_eq!(b.field_of, vec![Some(0)], "{text:?}");
            assert!(b.stale.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn slot_claimed_by_two_fields() {
        let s =
            schema("version: 1\nfields:\n  a:\n    anchors: [X党委]\n  b:\n    anchors: [X党]\n");
        let slots = scan(TEXT);
        let b = bind(&s, TEXT, &slots);
        assert_eq!(b.claimed_twice, vec![(0, [0, 1])]);
        let err = b.conflicts(&s, TEXT, &slots, "t.txt").unwrap_err();
        assert_eq!(
            err.to_string(),
            "slot at t.txt:1:1 is claimed by two fields, `a` and `b`"
        );
    }

    #[test]
    fn init_then_bind_maps_every_slot_to_its_group() {
        let text = "X党委召开会议。现将X工作总结如下：为X村捐款X万元，作为X村帮扶单位，分为X个组。\n20XX年X月X日";
        let slots = scan(text);
        let schema = crate::schema::init(text, &slots, "s.yaml");
        let again = Schema::parse(&schema.to_yaml(), "s.yaml").unwrap();
        let b = bind(&again, text, &slots);
        assert!(b.field_of.iter().all(Option::is_some), "{:?}", b.field_of);
        assert!(b.claimed_twice.is_empty() && b.stale.is_empty());
        assert_eq!(b.field_of[0], b.field_of[1]);
        assert_eq!(b.field_of[2], b.field_of[4]);
    }
}
