//! The properties the fuzz targets in `fuzz/` check, as plain functions over bytes, so that a
//! normal test (`tests/fuzz_corpus.rs`) runs the same checks over `fuzz/corpus/`. Each one
//! panics when its property fails; any input is fine otherwise: bytes that are not a
//! document, a schema or a values file are simply rejected by the code under test.
//! Not part of xfill's API.

use std::sync::LazyLock;

use regex::Regex;

use crate::bind;
use crate::encoding::{self, Document};
use crate::error::Error;
use crate::report::{self, Paint};
use crate::scan::{self, CONTEXT_CHARS, Confidence, Scanner, Slot, SlotKind};
use crate::schema::{self, FieldType, Schema};
use crate::span::LineIndex;
use crate::values::{self, Source};

/// The text the bytes stand for: decoded as xfill decodes files when that works, else
/// read as UTF-8 with replacement characters, so that every input reaches the scanner.
fn text_of(data: &[u8]) -> (Option<Document>, String) {
    match encoding::decode(data, "fuzz", None) {
        Ok(doc) => {
            let text = doc.text.clone();
            (Some(doc), text)
        }
        Err(_) => (None, String::from_utf8_lossy(data).into_owned()),
    }
}

/// A scanner with ignore words and patterns, as a schema may give.
static CUSTOM: LazyLock<Scanner> = LazyLock::new(|| {
    let ignore = ["X2000型", "XX", "X光机", "×"].map(String::from);
    let patterns = ["_{3,}", "〇+", "（ *）", "X{2}月"]
        .map(|p| Regex::new(p).expect("the fuzz patterns are valid"));
    Scanner::new(&ignore, patterns.into())
});

/// Decodes `data` (bytes xfill rejects are read as UTF-8 with replacement characters), scans
/// it with the built-in scanner and with one that has ignore words and patterns, and checks
/// the slots: spans in bounds, on char boundaries, sorted, not overlapping and not empty; ids
/// 1..=n in order; each position agrees with its span; kind, unit, suffix and confidence agree
/// with each other and the text. Also checks that a decoded document encodes back to the same
/// text and the same bytes, and that the human and JSON listings render.
pub fn check_scan(data: &[u8]) {
    let (doc, text) = text_of(data);
    if let Some(doc) = &doc {
        let again =
            encoding::decode(&doc.encode(), "again", Some(doc.encoding)).unwrap_or_else(|e| {
                panic!("{} text does not decode after encoding: {e}", doc.encoding)
            });
        assert_eq!(again.text, doc.text, "{} round trip", doc.encoding);
        // The bytes as read come back as they were, in every encoding.
        assert!(doc.encode() == data, "{} bytes changed", doc.encoding);
    }
    let index = LineIndex::new(&text);

    let slots = scan::scan(&text);
    check_slots(&text, &index, &slots);
    for slot in &slots {
        assert!(
            slot.text(&text).chars().any(|c| "XxＸｘ×".contains(c)),
            "built-in slot {:?} has no X",
            slot.text(&text)
        );
    }
    let mut out = Vec::new();
    report::human::scan(&mut out, "fuzz", &text, &slots, Paint::new(true))
        .expect("writing to a Vec does not fail");
    report::json::scan(&mut out, "fuzz", &text, &slots).expect("writing to a Vec does not fail");

    check_slots(&text, &index, &CUSTOM.scan(&text));
}

fn check_slots(text: &str, index: &LineIndex, slots: &[Slot]) {
    let mut last_end = 0;
    for (i, slot) in slots.iter().enumerate() {
        let span = slot.span();
        let shown = text.get(span.start..span.end.min(text.len()));
        assert_eq!(slot.id(), i + 1, "slot ids are ordinals: {slots:?}");
        assert!(span.start < span.end, "empty slot {span:?}");
        assert!(
            span.end <= text.len(),
            "slot {span:?} past the end {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "slot {span:?} not on char boundaries"
        );
        assert!(
            last_end <= span.start,
            "slot {span:?} {shown:?} overlaps or precedes the one ending at {last_end}"
        );
        last_end = span.end;
        assert_eq!(
            slot.position(),
            index.position(text, span.start),
            "position of slot {span:?} {shown:?}"
        );

        assert_eq!(
            slot.confidence() == Confidence::Low,
            slot.reason().is_some(),
            "a reason is given exactly for low confidence: {slot:?}"
        );
        let after = &text[span.end..];
        if let Some(unit) = slot.unit() {
            assert_eq!(
                slot.kind(),
                SlotKind::Quantity,
                "unit without quantity: {slot:?}"
            );
            let measured = after.strip_prefix(['余', '多']).unwrap_or("");
            assert!(
                after.starts_with(unit) || measured.starts_with(unit),
                "unit {unit:?} does not follow slot {shown:?}"
            );
        }
        if let Some(suffix) = slot.suffix() {
            assert_eq!(
                slot.kind(),
                SlotKind::Name,
                "suffix without a name: {slot:?}"
            );
            assert!(
                after.contains(suffix),
                "suffix {suffix:?} is not after slot {shown:?}"
            );
        }
        let (before, after) = scan::context(text, span, CONTEXT_CHARS);
        assert!(
            !before.contains(['\n', '\r']) && !after.contains(['\n', '\r']),
            "context crosses a line end: {before:?} {after:?}"
        );
        assert!(before.chars().count() <= CONTEXT_CHARS && after.chars().count() <= CONTEXT_CHARS);
    }
}

/// Parses `data` (as UTF-8, invalid bytes replaced) as a schema: `Ok` or `Err`, never a
/// panic. An error renders; a schema written out with `to_yaml` parses again to the same
/// YAML, with the same fields.
pub fn check_schema(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let schema = match Schema::parse(&text, "s.yaml") {
        Ok(schema) => schema,
        Err(e) => {
            render(&e);
            return;
        }
    };
    let yaml = schema.to_yaml();
    let again = Schema::parse(&yaml, "s.yaml")
        .unwrap_or_else(|e| panic!("to_yaml does not parse again: {e}\n{yaml}"));
    assert_eq!(again.to_yaml(), yaml, "to_yaml changes on a round trip");
    assert_eq!(again.ignore, schema.ignore);
    assert_eq!(again.patterns, schema.patterns);
    for (a, b) in schema.fields.values().zip(again.fields.values()) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.ty, b.ty, "type of `{}`", a.name);
        assert_eq!(
            a.extras().default,
            b.extras().default,
            "default of `{}`\n{yaml}",
            a.name
        );
        let texts = |f: &schema::Field| {
            f.anchors
                .iter()
                .map(|a| a.needle().into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(a), texts(b), "anchors of `{}`", a.name);
    }
    assert_eq!(schema.fields.len(), again.fields.len());
}

const VALUES_SCHEMA: &str = "\
version: 1
fields:
  单位:
    default: 某某局
    pattern: '[^X]+'
    anchors: [X党委]
  组数:
    type: integer
    min: 1
    max: 20
    anchors: [分为X个组]
  比例:
    type: number
    decimals: 1
    min: -5.5
    anchors: [X%]
  日期:
    type: date
    format: '%Y年%m月%-d日 %%'
    anchors: [于X召开]
  级别:
    type: choice
    choices: [县级, 市级, '3']
    anchors: [X重点]
";

static SCHEMA: LazyLock<Schema> = LazyLock::new(|| {
    Schema::parse(VALUES_SCHEMA, "s.yaml").expect("the fuzz values schema parses")
});

/// Resolves `data` (as UTF-8, invalid bytes replaced) as a values file, and each of its
/// lines as a `--set` argument, against a fixed schema with one field of each type: never a
/// panic; an error renders; the values given fit their fields.
pub fn check_values(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let sets: Vec<String> = text.lines().map(String::from).collect();
    let file = Some(Source {
        text: &text,
        file: "v.yaml",
    });
    for result in [
        values::resolve(&SCHEMA, file, &[]),
        values::resolve(&SCHEMA, None, &sets),
    ] {
        match result {
            Ok(values) => check_resolved(&values),
            Err(e) => render(&e),
        }
    }
}

fn check_resolved(values: &values::Values) {
    let mut order = 0;
    for (name, value) in values.iter() {
        let (at, _, field) = SCHEMA
            .fields
            .get_full(name)
            .unwrap_or_else(|| panic!("a value for `{name}`, not a field"));
        assert!(order <= at, "values out of schema order");
        order = at;
        let v = value.text.as_str();
        assert!(
            !v.chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
            "control character in {v:?}"
        );
        // Digits (full-width too), or Chinese numerals written as given.
        let chinese = v.chars().any(crate::numeral::is_numeral_char);
        let digits = crate::numeral::ascii_digits(v);
        match field.ty {
            FieldType::Integer => {
                let n = match chinese {
                    true => crate::numeral::parse_int(v).map(|n| n as i64),
                    false => digits.parse().ok(),
                }
                .unwrap_or_else(|| panic!("integer {v:?}"));
                assert!((1..=20).contains(&n), "integer {n} out of range");
            }
            FieldType::Number => {
                let n = match chinese {
                    true => crate::numeral::parse_decimal(v),
                    false => digits.parse().ok(),
                }
                .unwrap_or_else(|| panic!("number {v:?}"));
                assert!(n.is_finite() && n >= -5.5, "number {n} out of range");
                if !chinese {
                    assert_eq!(v.split_once('.').map(|(_, d)| d.len()), Some(1), "{v:?}");
                }
            }
            FieldType::Choice => assert!(field.extras().choices.iter().any(|c| c == v), "{v:?}"),
            FieldType::Date => assert!(v.ends_with("日 %") && v.contains('年'), "{v:?}"),
            FieldType::Text => assert!(!v.contains('X'), "{v:?} passed the pattern"),
        }
    }
}

/// Drafts a schema with `init` for `data` (decoded, or read as UTF-8 with replacement
/// characters) and checks that it works: its YAML parses again to the same YAML, and binding
/// it to the text maps every slot, claims none twice and leaves no anchor stale.
pub fn check_init(data: &[u8]) {
    let (_, text) = text_of(data);
    let slots = scan::scan(&text);
    let drafted = schema::init(&text, &slots, "s.yaml");
    let yaml = drafted.to_yaml();
    let schema = Schema::parse(&yaml, "s.yaml")
        .unwrap_or_else(|e| panic!("init wrote a schema that does not parse: {e}\n{yaml}"));
    assert_eq!(
        schema.to_yaml(),
        yaml,
        "init's schema changes on a round trip"
    );
    let b = bind::bind(&schema, &text, &slots);
    let unmapped: Vec<&str> = b.unmapped().map(|s| slots[s].text(&text)).collect();
    assert!(
        unmapped.is_empty(),
        "init left slots {unmapped:?} unmapped in {text:?}\n{yaml}"
    );
    assert!(
        b.claimed_twice.is_empty(),
        "init's anchors claim slots twice: {:?} in {text:?}\n{yaml}",
        b.claimed_twice
    );
    assert!(
        b.stale.is_empty(),
        "init wrote stale anchors {:?} for {text:?}\n{yaml}",
        b.stale
    );
    check_draft_fields(&text, &slots, &schema, &b);
}

/// `draft_fields` gives init's fields, in order, and for each slot the field that binding
/// init's schema to the text gives.
fn check_draft_fields(text: &str, slots: &[Slot], init: &Schema, b: &bind::Bindings) {
    let (fields, field_of) = schema::draft_fields(text, slots, "s.yaml");
    assert!(
        fields.fields.keys().eq(init.fields.keys()),
        "draft_fields names {:?}, init {:?} for {text:?}",
        fields.fields.keys().collect::<Vec<_>>(),
        init.fields.keys().collect::<Vec<_>>()
    );
    let bound: Vec<usize> = b.field_of.iter().map(|f| f.unwrap_or(usize::MAX)).collect();
    assert_eq!(
        field_of, bound,
        "draft_fields and init's bindings differ for {text:?}"
    );
}

/// Renders an error as the CLI would, to check that places and carets never panic.
fn render(e: &Error) {
    let mut out = Vec::new();
    report::human::error(&mut out, e, Paint::new(false)).expect("writing to a Vec does not fail");
    for one in e.each() {
        let _ = (one.help(), one.to_string());
        if let Some(at) = one.location() {
            assert!(at.line >= 1 && at.column >= 1, "location {at} of {one}");
        }
    }
}

/// Splits fuzz bytes at their first NUL into two texts (no NUL: the second is `None`).
fn two_texts(data: &[u8]) -> (String, Option<String>) {
    match data.iter().position(|&b| b == 0) {
        Some(cut) => (text_of(&data[..cut]).1, Some(text_of(&data[cut + 1..]).1)),
        None => (text_of(data).1, None),
    }
}

/// A template (the bytes before the first NUL) and a document said to be filled from it
/// (the bytes after it, when there is one): `extract` never panics, gives one recovery per
/// slot, and each recovered value is text of the filled document (or of it read with LF
/// line ends); the reports (values file, human, JSON) render. Also, on the template alone:
/// read against itself, every slot is unfilled; filled with values made of characters the
/// template does not have (one to three private-use characters per slot), extract gives
/// back exactly those values. And with the filled text's pieces between `|` as values,
/// whatever they hold: where extract loses no slot, its values give the document back.
pub fn check_extract(data: &[u8]) {
    use crate::extract::{self, Recovery};

    let (template, filled) = two_texts(data);
    for scanner in [&Scanner::default(), &*CUSTOM] {
        let slots = scanner.scan(&template);
        let itself = extract::extract(&template, &slots, &template);
        for (slot, r) in slots.iter().zip(&itself) {
            assert_eq!(
                *r,
                Recovery::Unfilled,
                "template read against itself, slot {} {:?}",
                slot.id(),
                slot.text(&template)
            );
        }

        let private = |c: char| ('\u{E000}'..='\u{F8FF}').contains(&c);
        // Two slots with nothing between them cannot be told apart once filled.
        let touching = slots
            .windows(2)
            .any(|w| w[0].span().end == w[1].span().start);
        if !template.chars().any(private) && !touching {
            let value = |i: usize| -> String {
                let c = char::from_u32(0xE000 + (i % 0x1000) as u32).expect("a private-use char");
                std::iter::repeat_n(c, 1 + i % 3).collect()
            };
            let spliced = splice(&template, &slots, value);
            let recovered = extract::extract(&template, &slots, &spliced);
            for (i, (slot, r)) in slots.iter().zip(&recovered).enumerate() {
                assert_eq!(
                    *r,
                    Recovery::Value(value(i)),
                    "slot {} {:?} filled and read back",
                    slot.id(),
                    slot.text(&template)
                );
            }
        }

        if let Some(filled) = &filled {
            let recovered = extract::extract(&template, &slots, filled);
            assert_eq!(recovered.len(), slots.len(), "one recovery per slot");
            // A copy saved with CRLF may be read with LF (see `extract::extract`).
            let lf = filled.replace("\r\n", "\n");
            for r in &recovered {
                if let Recovery::Value(v) = r {
                    assert!(
                        filled.contains(v.as_str()) || lf.contains(v.as_str()),
                        "{v:?} is not in the filled text"
                    );
                }
            }
            render_extraction(&template, &slots, &recovered);

            // The filled text's pieces between `|` as values, whatever they hold (the
            // template's own text, X, line breaks): where extract loses no slot, its values
            // put back into the template give the filled document again (read with LF
            // line ends when that is how extract read it).
            let pieces: Vec<&str> = filled.split('|').collect();
            let filled = splice(&template, &slots, |i| pieces[i % pieces.len()].to_string());
            let recovered = extract::extract(&template, &slots, &filled);
            if !recovered.iter().any(|r| matches!(r, Recovery::Lost(_))) {
                let again = splice(&template, &slots, |i| match &recovered[i] {
                    Recovery::Value(v) => v.clone(),
                    _ => slots[i].text(&template).to_string(),
                });
                assert!(
                    again == filled || again == filled.replace("\r\n", "\n"),
                    "extract recovered every slot of {filled:?}, but its values give {again:?}"
                );
            }
        }
    }
}

/// `template` with each slot `i` replaced by `value(i)`.
fn splice(template: &str, slots: &[Slot], value: impl Fn(usize) -> String) -> String {
    let mut spliced = String::with_capacity(template.len() + 9 * slots.len());
    let mut at = 0;
    for (i, slot) in slots.iter().enumerate() {
        spliced.push_str(&template[at..slot.span().start]);
        spliced.push_str(&value(i));
        at = slot.span().end;
    }
    spliced.push_str(&template[at..]);
    spliced
}

/// Renders what `xfill extract` writes for `recovered`, with the fields init drafts.
fn render_extraction(template: &str, slots: &[Slot], recovered: &[crate::extract::Recovery]) {
    let (schema, bindings) = bind::drafted(template, slots, "-");
    let fields = crate::extract::by_field(&schema, &bindings, template, slots, recovered);
    let x = report::Extraction {
        template_name: "t.txt",
        filled_name: "f.txt",
        template,
        slots,
        recovered,
        schema: &schema,
        bindings: &bindings,
        fields: &fields,
    };
    let mut out = Vec::new();
    report::values_yaml(&mut out, &x, true).expect("writing to a Vec does not fail");
    report::human::extraction(&mut out, &x, Paint::new(true))
        .expect("writing to a Vec does not fail");
    report::json::extraction(&mut out, &x).expect("writing to a Vec does not fail");
}

/// Two texts (split at the first NUL; no NUL: the text against itself with its X filled
/// in): the hunks of `diff` put together give back each text's lines in their ranges, equal
/// texts have no hunk, and the human and JSON diffs render.
pub fn check_diff(data: &[u8]) {
    use crate::diff::{self, Tag};

    let (old, new) = two_texts(data);
    let new = new.unwrap_or_else(|| old.replace('X', "甲"));
    let lines = |text: &str| -> Vec<String> {
        text.split_inclusive('\n')
            .map(|l| {
                l.strip_suffix('\n')
                    .map_or(l, |l| l.strip_suffix('\r').unwrap_or(l))
                    .to_string()
            })
            .collect()
    };
    let (old_lines, new_lines) = (lines(&old), lines(&new));
    for context in [0, 3] {
        let hunks = diff::diff(&old, &new, context);
        assert_eq!(
            hunks.is_empty(),
            old == new,
            "hunks only for different texts"
        );
        for h in &hunks {
            let text = |keep: Tag| -> Vec<String> {
                h.lines
                    .iter()
                    .filter(|l| l.tag == Tag::Equal || l.tag == keep)
                    .map(|l| l.pieces.iter().map(|p| p.1.as_str()).collect())
                    .collect()
            };
            let range = |all: &[String], start: usize, len: usize| -> Vec<String> {
                all[start.saturating_sub(1)..start.saturating_sub(1) + len].to_vec()
            };
            assert_eq!(text(Tag::Delete), range(&old_lines, h.old_start, h.old_len));
            assert_eq!(text(Tag::Insert), range(&new_lines, h.new_start, h.new_len));
            for l in &h.lines {
                assert!(l.pieces.iter().all(|p| !p.1.is_empty()), "an empty piece");
            }
        }
        let mut out = Vec::new();
        for full_lines in [false, true] {
            report::human::diff(&mut out, "old", "new", &hunks, full_lines, Paint::new(true))
                .expect("writing to a Vec does not fail");
        }
        report::json::diff(&mut out, "old", "new", &hunks, None, &[])
            .expect("writing to a Vec does not fail");
    }
}

/// A small Word package made from fuzz bytes: paragraphs of runs holding text, X runs,
/// tabs and breaks (some written with end tags and something inside), formatting, a table,
/// deleted text; then read, scanned (with a pattern from the bytes, some crossing tabs), and
/// every slot filled with a value from the bytes. Never a panic; a fill that is `Ok` is a
/// package that reads back to the text with the values in place, and one that is `Err`
/// says why.
pub fn check_docx(data: &[u8]) {
    let mut bytes = data.iter().copied();
    let mut next = move || bytes.next();
    const PIECES: [&str; 12] = [
        "共",
        "X",
        "XX",
        "个",
        "20XX年",
        "X月",
        "党委",
        " ",
        "&amp;",
        "×",
        "X\u{3000}",
        "名",
    ];
    let mut body = String::new();
    'doc: for _ in 0..4 {
        let Some(kind) = next() else { break };
        let table = kind % 5 == 0;
        if table {
            body.push_str("<w:tbl><w:tr><w:tc>");
        }
        body.push_str("<w:p>");
        for _ in 0..(kind % 6 + 1) {
            let Some(b) = next() else {
                body.push_str("</w:p>");
                if table {
                    body.push_str("</w:tc></w:tr></w:tbl>");
                }
                break 'doc;
            };
            let text = PIECES[usize::from(b) % PIECES.len()];
            let run = match b >> 4 {
                0 => format!("<w:r><w:t>{text}</w:t><w:tab/><w:t>{text}</w:t></w:r>"),
                1 => format!("<w:r><w:t>{text}</w:t><w:tab><w:r><w:t>X</w:t></w:r></w:tab></w:r>"),
                2 => format!(
                    "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>"
                ),
                3 => format!("<w:r><w:br/><w:t>{text}</w:t></w:r>"),
                4 => format!("<w:del w:id=\"1\"><w:r><w:delText>{text}</w:delText></w:r></w:del>"),
                5 => format!("<w:r><w:t>{text}</w:t></w:r><w:proofErr w:type=\"spellStart\"/>"),
                6 => format!("<w:r><w:tab></w:tab><w:t>{text}</w:t></w:r>"),
                7 => format!("<w:r><w:t>{text}</w:t><w:cr/></w:r>"),
                _ => format!("<w:r><w:t>{text}</w:t></w:r>"),
            };
            body.push_str(&run);
        }
        body.push_str("</w:p>");
        if table {
            body.push_str("</w:tc></w:tr></w:tbl>");
        }
    }
    let pattern = match next() {
        Some(b) if b % 3 == 0 => "patterns: ['X\\t个', 'XX月']\n",
        Some(b) if b % 3 == 1 => "patterns: ['X\\s*个']\n",
        _ => "",
    };
    let values: Vec<String> = (0..8)
        .map(|i| match next() {
            Some(b) if b % 7 == 0 => String::new(),
            Some(b) if b % 7 == 1 => "a\u{1}b".to_string(),
            Some(b) if b % 7 == 2 => "<&>\"".to_string(),
            Some(b) => format!("值{b}{i}"),
            None => "5".to_string(),
        })
        .collect();

    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let package = docx_package(&document);
    let Ok(docx) = crate::docx::Docx::open(package, "f.docx") else {
        return;
    };
    let text = docx.text().to_string();
    let schema = Schema::parse(&format!("version: 1\n{pattern}fields: {{}}\n"), "s.yaml")
        .expect("the fuzz schema is valid");
    let slots = schema.scanner().scan(&text);
    let edits: Vec<(crate::span::Span, String)> = slots
        .iter()
        .enumerate()
        .map(|(i, s)| (s.span(), values[i % values.len()].clone()))
        .collect();
    match docx.replace(&edits) {
        Ok(out) => {
            let back =
                crate::docx::Docx::open(out, "out.docx").expect("a written package reads back");
            let mut want = String::new();
            let mut last = 0;
            for (span, value) in &edits {
                want.push_str(&text[last..span.start]);
                want.push_str(value);
                last = span.end;
            }
            want.push_str(&text[last..]);
            assert_eq!(back.text(), want, "the filled package reads back");
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// A minimal Word package around `document` (for the fuzz targets and tests).
fn docx_package(document: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
        ),
        ("word/document.xml", document),
    ];
    for (name, xml) in parts {
        zip.start_file(name, options).expect("writing to memory");
        zip.write_all(xml.as_bytes()).expect("writing to memory");
    }
    zip.finish().expect("writing to memory").into_inner()
}
