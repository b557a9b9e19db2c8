//! Reading YAML (schema, values and rows files) through serde-saphyr into a small tree whose
//! every part knows its place, so that errors say file:line:column. serde-saphyr's limits
//! refuse an alias bomb and deep nesting, and its duplicate-key check a key given twice.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, DuplicateKeyPolicy, MessageFormatter, Options, Spanned};

use crate::error::{Error, Location};
use crate::span::LineIndex;

/// A YAML value as xfill reads it; each item of a list and each key and value of a mapping
/// knows its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or nothing.
    Null,
    /// `true`, `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// Text.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping: its entries in the file's order (no key twice).
    Map(Vec<(Node, Node)>),
}

/// A YAML number.
#[derive(Debug, Clone, Copy)]
pub enum Number {
    /// A whole number below zero.
    Int(i64),
    /// A whole number, zero or above.
    UInt(u64),
    /// Any other number.
    Float(f64),
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        match (self, other) {
            (Number::Float(a), Number::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            (Number::Float(_), _) | (_, Number::Float(_)) => false,
            (a, b) => a.as_f64() == b.as_f64() && a.as_u64() == b.as_u64(),
        }
    }
}

impl Number {
    /// The number, if it is whole and not negative.
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Number::UInt(n) => Some(n),
            Number::Int(n) => u64::try_from(n).ok(),
            Number::Float(_) => None,
        }
    }

    /// The number as a float.
    pub fn as_f64(&self) -> f64 {
        match *self {
            Number::UInt(n) => n as f64,
            Number::Int(n) => n as f64,
            Number::Float(f) => f,
        }
    }
}

/// As YAML writes it, and reads it back: `12`, `-3`, `1.5`, `7.0`, `1e30`, `.inf`, `.nan`.
impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Number::UInt(n) => write!(f, "{n}"),
            Number::Int(n) => write!(f, "{n}"),
            Number::Float(x) if x.is_nan() => f.write_str(".nan"),
            Number::Float(x) if x.is_infinite() => {
                f.write_str(if x > 0.0 { ".inf" } else { "-.inf" })
            }
            Number::Float(x) => write!(f, "{x:?}"),
        }
    }
}

/// A value and its place in the file (compared by value alone).
#[derive(Debug, Clone)]
pub struct Node {
    /// The value.
    pub value: Value,
    at: Place,
}

impl PartialEq for Node {
    fn eq(&self, other: &Node) -> bool {
        self.value == other.value
    }
}

/// Where a node starts (1-based line, column in characters), how many characters it spans,
/// and its bytes in the text (kept small: a schema holds a few nodes per field).
#[derive(Debug, Clone, Copy, Default)]
struct Place {
    line: u32,
    column: u32,
    len: u32,
    start: u32,
    end: u32,
}

impl Node {
    /// A node with no place, for a value given elsewhere (`--set`).
    pub fn new(value: Value) -> Node {
        Node {
            value,
            at: Place::default(),
        }
    }

    /// The value under the text key `key`, for a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key and the value of the text key `key`, for a mapping.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// Moves the entry of the text key `key` out of a mapping, leaving null there.
    pub fn take(&mut self, key: &str) -> Option<(Node, Node)> {
        match &mut self.value {
            Value::Map(entries) => entries
                .iter_mut()
                .find(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))
                .map(|(k, v)| (k.clone(), std::mem::replace(v, Node::new(Value::Null)))),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A non-negative whole number.
    pub fn as_u64(&self) -> Option<u64> {
        match &self.value {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    /// Any number.
    pub fn as_f64(&self) -> Option<f64> {
        match &self.value {
            Value::Number(n) => Some(n.as_f64()),
            _ => None,
        }
    }

    /// Whether this is null.
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// A mapping key as text (YAML keys may be numbers or booleans); a text key is borrowed.
    pub fn key_name(&self) -> Cow<'_, str> {
        match &self.value {
            Value::Str(s) => Cow::Borrowed(s),
            _ => Cow::Owned(self.scalar_text()),
        }
    }

    /// A scalar as the user wrote it, near enough: numbers and booleans in their usual form;
    /// a collection as YAML on one line (`[a, b]`, `{k: v}`).
    pub fn scalar_text(&self) -> String {
        self.value.scalar_text()
    }
}

impl Value {
    /// As [`Node::scalar_text`].
    pub fn scalar_text(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Null => String::new(),
            Value::Seq(_) | Value::Map(_) => {
                let mut out = String::new();
                self.write_flow(&mut out);
                out
            }
        }
    }

    /// The value as YAML on one line: a scalar plain when that reads back the same, else
    /// quoted; a collection in flow style.
    pub fn write_flow(&self, out: &mut String) {
        match self {
            Value::Null => out.push('~'),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => out.push_str(&n.to_string()),
            Value::Str(s) => out.push_str(&crate::schema::quote(s)),
            Value::Seq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.value.write_flow(out);
                }
                out.push(']');
            }
            Value::Map(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.value.write_flow(out);
                    out.push_str(": ");
                    v.value.write_flow(out);
                }
                out.push('}');
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        let spanned = Spanned::<Value>::deserialize(d)?;
        let at = spanned.referenced;
        let small = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let span = at.span();
        let start = span.byte_offset().map_or(u32::MAX, small);
        let end = span
            .byte_len()
            .map_or(u32::MAX, |len| start.saturating_add(small(len)));
        Ok(Node {
            value: spanned.value,
            at: Place {
                line: small(at.line()),
                column: small(at.column()),
                len: small(span.len()),
                start,
                end,
            },
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        struct Any;
        impl<'de> Visitor<'de> for Any {
            type Value = Value;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value, E> {
                Ok(Value::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
                Value::deserialize(d)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
                Ok(Value::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
                Ok(Value::Number(match u64::try_from(n) {
                    Ok(n) => Number::UInt(n),
                    Err(_) => Number::Int(n),
                }))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
                Ok(Value::Number(Number::UInt(n)))
            }
            fn visit_i128<E>(self, n: i128) -> Result<Value, E> {
                Ok(Value::Number(if let Ok(n) = u64::try_from(n) {
                    Number::UInt(n)
                } else if let Ok(n) = i64::try_from(n) {
                    Number::Int(n)
                } else {
                    Number::Float(n as f64)
                }))
            }
            fn visit_u128<E>(self, n: u128) -> Result<Value, E> {
                Ok(Value::Number(match u64::try_from(n) {
                    Ok(n) => Number::UInt(n),
                    Err(_) => Number::Float(n as f64),
                }))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
                Ok(Value::Number(Number::Float(n)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Value, E> {
                Ok(Value::Str(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Value, E> {
                Ok(Value::Str(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Value::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
                while let Some(key) = map.next_key()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(Value::Map(entries))
            }
        }
        d.deserialize_any(Any)
    }
}

/// The places of a file's nodes as [`Location`]s: the file's name, text and lines.
#[derive(Debug)]
pub(crate) struct Lines<'t> {
    text: &'t str,
    file: Arc<str>,
    index: LineIndex,
}

impl Lines<'_> {
    /// Where `node` is, with its line's text and the node underlined.
    pub(crate) fn at(&self, node: &Node) -> Location {
        let at = self.place(node);
        if at.line > self.index.line_count() {
            return at;
        }
        let (line, len) = (at.line, at.len);
        at.with_source(self.index.line_text(self.text, line), len)
    }

    /// Where the value of `key` is: the value itself when it starts on the key's line (a
    /// scalar, a flow list), else the key (a block list or mapping starts on the lines below,
    /// at its first item).
    pub(crate) fn value_at(&self, key: &Node, value: &Node) -> Location {
        if value.at.line == key.at.line || value.at.line == 0 {
            self.at(value)
        } else {
            self.at(key)
        }
    }

    /// As [`Lines::at`], without a copy of the line's text: for places kept by the
    /// thousand and shown seldom.
    pub(crate) fn place(&self, node: &Node) -> Location {
        let Place {
            line, column, len, ..
        } = node.at;
        if line == 0 {
            return self.top();
        }
        Location {
            len: (len as usize).max(1),
            ..Location::new(self.file.clone(), line as usize, column.max(1) as usize)
        }
    }

    /// The first line with text on it, for what the whole file is wrong about.
    pub(crate) fn top(&self) -> Location {
        let first = (1..=self.index.line_count())
            .find(|&l| !self.index.line_text(self.text, l).trim().is_empty())
            .unwrap_or(1);
        let line = self.index.line_text(self.text, first);
        Location::new(self.file.clone(), first, 1).with_source(line, line.chars().count())
    }

    /// The line index of the text, for whoever keeps the text.
    pub(crate) fn into_lines(self) -> LineIndex {
        self.index
    }
}

/// How deep lists and mappings may nest: a schema nests four levels, a values file two.
pub(crate) const MAX_DEPTH: usize = 64;

/// How many values aliases (`*name`) may stand for in all: far more than any schema or
/// values file repeats, far less than an alias bomb's billion.
pub(crate) const MAX_REPLAYED: usize = 100_000;

/// serde-saphyr's options for a file of `len` bytes: a key given twice is an error; only
/// `true` and `false` are booleans (`yes` stays text); nesting and aliases are limited,
/// and the counts of nodes and bytes scale with the file (a generated schema may hold
/// 100,000 fields).
fn options(len: usize) -> Options {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_events = budget.max_events.max(len.saturating_mul(4));
    budget.max_nodes = budget.max_nodes.max(len.saturating_mul(2));
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(len.saturating_mul(2));
    budget.max_anchors = budget.max_anchors.max(len);
    // The limit on what aliases replay stops a bomb; many aliases to one anchor are fine.
    budget.max_aliases = budget.max_aliases.max(len);
    budget.enforce_alias_anchor_ratio = false;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = MAX_REPLAYED;
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.strict_booleans = true;
    options.reject_non_finite_typeless_float = false;
    // A tag xfill does not know (`!custom 5`) is an error, not silently dropped.
    options.reject_unsupported_tags = true;
    options.with_snippet = false;
    // Comments are never read back: the parser need not keep their text.
    options.emit_comments = false;
    options
}

/// Reads the YAML in `text` (from the file named `file`): the document (null when empty)
/// and the places of its nodes. A syntax error, a key given twice, an alias bomb or nesting
/// deeper than [`MAX_DEPTH`] is an [`Error::Syntax`] at its line and column.
pub(crate) fn load<'t>(text: &'t str, file: &str) -> Result<(Node, Lines<'t>), Error> {
    let lines = Lines {
        text,
        file: file.into(),
        index: LineIndex::new(text),
    };
    let mut root = if text.trim().is_empty() {
        Node::new(Value::Null)
    } else {
        serde_saphyr::from_str_with_options::<Node>(text, options(text.len()))
            .map_err(|e| syntax_error(&e, &lines))?
    };
    core_schema(&mut root, text);
    Ok((root, lines))
}

/// Plain scalars as YAML 1.2's core schema reads them, where serde-saphyr reads them
/// otherwise: `.inf`, `-.inf`, `.nan` are numbers (serde-saphyr hands them over as text);
/// `12` is a whole number (serde-saphyr reads some as floats); and `007`, `1_000` and whole
/// numbers too large for 64 bits are text, as written (an ID keeps its zeros and digits).
fn core_schema(node: &mut Node, text: &str) {
    let written = |node: &Node| -> Option<String> {
        text.get(node.at.start as usize..node.at.end as usize)
            .filter(|w| !w.is_empty() && !w.starts_with(['"', '\'', '|', '>', '!', '&', '*']))
            .map(str::to_string)
    };
    match &node.value {
        Value::Str(s)
            if matches!(s.as_str(), ".inf" | "-.inf" | ".nan") && written(node).is_some() =>
        {
            node.value = Value::Number(Number::Float(match s.as_str() {
                ".inf" => f64::INFINITY,
                "-.inf" => f64::NEG_INFINITY,
                _ => f64::NAN,
            }));
        }
        Value::Number(n) => {
            let Some(w) = written(node) else { return };
            let digits = w.strip_prefix(['-', '+']).unwrap_or(&w);
            let whole = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            if w.contains('_') || (whole && digits.len() > 1 && digits.starts_with('0')) {
                node.value = Value::Str(w);
            } else if whole && matches!(n, Number::Float(_)) {
                node.value = if let Ok(u) = w.trim_start_matches('+').parse::<u64>() {
                    Value::Number(Number::UInt(u))
                } else if let Ok(i) = w.parse::<i64>() {
                    Value::Number(Number::Int(i))
                } else {
                    Value::Str(w)
                };
            }
        }
        Value::Seq(_) | Value::Map(_) => match &mut node.value {
            Value::Seq(items) => items.iter_mut().for_each(|i| core_schema(i, text)),
            Value::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                core_schema(k, text);
                core_schema(v, text);
            }),
            _ => {}
        },
        _ => {}
    }
}

/// Whether `s`, written as a plain scalar where one may stand (`k: s`, once the caller has
/// ruled out indicators, `: ` and ` #`), reads back as this very text: not a YAML word
/// (null, true…), not number-like. Most text (CJK words, names) is certainly plain and is
/// not parsed; the rest is read to see.
pub(crate) fn plain_is_text(s: &str) -> bool {
    let first = s.bytes().next();
    let certain =
        first.is_some_and(|b| !(b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'~')))
            && !matches!(
                s,
                "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
            ) && s.chars().all(|c| {
            matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
                && !matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
        });
    certain || {
        let text = format!("k: {s}\n");
        serde_saphyr::from_str_with_options::<Node>(&text, options(text.len()))
            .is_ok_and(|node| node.get("k").and_then(Node::as_str) == Some(s))
    }
}

/// serde-saphyr's error as xfill words it: what is wrong, where, and what to do.
fn syntax_error(e: &serde_saphyr::Error, lines: &Lines) -> Error {
    let e = e.without_snippet();
    let (text, index, file) = (lines.text, &lines.index, &lines.file);
    let (mut line, mut column) = e
        .location()
        .filter(|l| l.line() > 0)
        .map_or((1, 1), |l| (l.line() as usize, l.column().max(1) as usize));
    line = line.min(index.line_count()).max(1);
    // At the end of the input (an unclosed bracket or quote) the place may be past the last
    // line; the last line with text on it is where the reader can act.
    while line > 1 && index.line_text(text, line).trim().is_empty() {
        line -= 1;
        column = index.line_text(text, line).chars().count() + 1;
    }
    let said = serde_saphyr::DefaultMessageFormatter.format_message(e);
    let budget = |what: &str| said.contains("budget breached") && said.contains(what);
    let (message, help) = match e {
        serde_saphyr::Error::DuplicateMappingKey { key, .. } => (
            match key {
                Some(key) => format!("duplicate entry with key \"{key}\""),
                None => "duplicate entry in a mapping".to_string(),
            },
            "each key may appear once in a mapping: remove or rename the second one",
        ),
        _ if said.contains("recursion limit") || budget("Depth") => {
            // The reader stops some way past the level that breached the limit: on a line of
            // brackets, point at the bracket that opened one level too many.
            if let Some(at) = too_deep_bracket(index.line_text(text, line), column) {
                column = at;
            }
            (
                format!("lists and mappings nest more than {MAX_DEPTH} levels deep"),
                "a schema or values file nests a few levels at most: close the brackets, or \
             indent less",
            )
        }
        serde_saphyr::Error::AliasReplayLimitExceeded { .. }
        | serde_saphyr::Error::AliasExpansionLimitExceeded { .. }
        | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. }
        | serde_saphyr::Error::AliasReplayCounterOverflow { .. }
        | serde_saphyr::Error::Budget { .. }
        | serde_saphyr::Error::AliasError { .. } => (
            "its aliases (`*name`) stand for more than 100,000 values".to_string(),
            "the file expands to too much data (nested aliases); write the values out plainly",
        ),
        _ if said.contains("multiline quoted scalar") => (
            said.trim().to_string(),
            "close the quote on this line: a quoted value that goes on to the next line must \
             indent it, and end with its closing quote",
        ),
        serde_saphyr::Error::UnsupportedTag { .. }
        | serde_saphyr::Error::TaggedScalarCannotDeserializeIntoString { .. } => (
            said.trim().to_string(),
            "remove the tag (`!name`): xfill reads plain text, numbers, lists and mappings",
        ),
        _ => (
            said.trim().to_string(),
            "fix the YAML syntax at this place (indentation, a missing `:`, an unclosed quote)",
        ),
    };
    Error::Syntax {
        at: Location::new(file.clone(), line, column).with_source(index.line_text(text, line), 1),
        message: format!("{file} is not valid YAML: {message}"),
        help: Some(help.into()),
    }
}

/// The column of the first `[` or `{` on `line`, before `column`, that opens a level past
/// [`MAX_DEPTH`] counting the line's brackets alone (quotes ignored: a line this deep is not
/// a value anyone wrote); `None` when the line's brackets stay within the limit.
fn too_deep_bracket(line: &str, column: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in line.chars().take(column).enumerate() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_DEPTH {
            return Some(i + 1);
        }
    }
    None
}

/// Whether `text` has `key:` alone on a line at the left margin: a key whose value is the
/// indented block below it (a schema's `fields:`), not a field with a value. Tells a schema
/// given for a values file, and the other way round.
pub(crate) fn has_block_key(text: &str, key: &str) -> bool {
    text.lines().any(|line| {
        line.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|rest| rest.split('#').next().is_some_and(|v| v.trim().is_empty()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "version: 1\nfields:\n  组数:\n    type: integer\n    anchors:\n      - 分为X个组\n      - \"X个小组\"\n  单位:\n    anchors: [X党委]\n";

    #[test]
    fn nodes_know_their_places() {
        let (root, lines) = load(TEXT, "s.yaml").unwrap();
        let fields = root.get("fields").unwrap();
        let (key, body) = fields.entry("组数").unwrap();
        assert_eq!((lines.at(key).line, lines.at(key).column), (3, 3));
        let ty = lines.at(body.get("type").unwrap());
        assert_eq!((ty.line, ty.column, ty.len), (4, 11, 7));
        let Value::Seq(items) = &fields.get("单位").unwrap().get("anchors").unwrap().value else {
            panic!("a list")
        };
        let item = lines.at(&items[0]);
        assert_eq!((item.line, item.column), (9, 15));
    }

    #[test]
    fn numbers_keep_their_kind() {
        let (root, _) = load(
            "a: 007\nb: 1.50\nc: -3\nd: 2026-06-30\ne: yes\nf: 0x10\ng: 1_000\n\
             h: 12345678901234567890123\ni: .inf\nj: '.inf'\nk: 12\n",
            "v.yaml",
        )
        .unwrap();
        let text = |k: &str| root.get(k).unwrap().scalar_text();
        // As YAML 1.2 reads them: text that keeps its zeros and digits, or numbers.
        assert_eq!(root.get("a").unwrap().as_str(), Some("007"));
        assert_eq!(text("g"), "1_000");
        assert_eq!(text("h"), "12345678901234567890123");
        assert_eq!(root.get("i").unwrap().as_f64(), Some(f64::INFINITY));
        assert_eq!(root.get("j").unwrap().as_str(), Some(".inf"));
        assert_eq!(root.get("k").unwrap().as_u64(), Some(12));
        assert_eq!(text("b"), "1.5");
        assert_eq!(text("c"), "-3");
        assert_eq!(text("d"), "2026-06-30");
        assert_eq!(text("e"), "yes");
        assert_eq!(text("f"), "16");
    }

    #[test]
    fn syntax_error_has_a_line() {
        let err = load("a: 1\nb: [unclosed\n", "v.yaml").unwrap_err();
        let at = err.location().unwrap();
        assert_eq!(&*at.file, "v.yaml");
        assert_eq!(at.line, 2, "{at}");
    }

    #[test]
    fn duplicate_keys_are_an_error_at_the_second() {
        let err = load("a: 1\nb:\n  c: 2\n  c: 3\n", "v.yaml").unwrap_err();
        assert!(
            err.to_string().contains("duplicate entry with key \"c\""),
            "{err}"
        );
        assert_eq!(err.location().unwrap().line, 4);
    }

    #[test]
    fn empty_text_is_null() {
        assert!(load("", "v.yaml").unwrap().0.is_null());
        assert!(load("# nothing\n", "v.yaml").unwrap().0.is_null());
    }
}
