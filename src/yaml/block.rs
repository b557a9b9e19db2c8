//! A fast reader for plain block-style YAML: the shape `xfill init` and `xfill extract`
//! write, and what people write by hand. libyaml (under `serde_yaml`) reads about 10 MB/s,
//! so a generated schema of 100,000 fields spent most of its loading time there; this reader
//! makes one pass over the lines and builds the same values directly (what remains of its
//! time is mostly allocating them).
//!
//! It reads a subset: mappings (plain or quoted keys), block lists of scalars, one-line flow
//! lists of scalars, plain and quoted one-line scalars, comments. Anything else (anchors,
//! aliases, tags, block scalars, multi-line scalars, flow mappings, lists of mappings, a
//! syntax error) returns `None` and the caller reads the file with `serde_yaml`, which also
//! gives the error messages. Where it answers, the answer equals `serde_yaml`'s: tests and
//! a fuzz target compare the two.

use std::borrow::Cow;
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashSet};
use serde_yaml::{Number, Value};

use super::{Node, PlaceMap, ROOT, extend, extend_item, find_pair};

/// One line with content: its 1-based number, indentation (in spaces), and the rest.
#[derive(Clone, Copy)]
struct Line<'t> {
    number: usize,
    indent: usize,
    text: &'t str,
}

/// The lines with content, one at a time (a generated schema has hundreds of thousands:
/// they are not kept). A line outside the subset ends them and marks them `bad`.
struct Lines<'t> {
    text: &'t str,
    /// Where the next raw line starts, and its number.
    next: usize,
    number: usize,
    /// Where the lines end (a line starts there, or the text ends).
    end: usize,
    /// The current line, and where it starts.
    current: Option<(Line<'t>, usize)>,
    bad: bool,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines::range(text, 0..text.len(), 1)
    }

    /// The lines of `text[range]`, the first numbered `number`; `range` starts at a line.
    fn range(text: &'t str, range: std::ops::Range<usize>, number: usize) -> Self {
        let mut lines = Lines {
            text,
            next: range.start,
            number,
            end: range.end,
            current: None,
            bad: false,
        };
        lines.advance();
        lines
    }

    /// The current line.
    fn peek(&self) -> Option<Line<'t>> {
        self.current.map(|(line, _)| line)
    }

    /// The next raw line (without its `\n`), where it starts and its number.
    fn raw(&mut self) -> Option<(&'t str, usize, usize)> {
        if self.next > self.end {
            return None;
        }
        let start = self.next;
        let stop = memchr::memchr(b'\n', &self.text.as_bytes()[start..self.end])
            .map_or(self.end, |i| start + i);
        self.next = stop + 1;
        self.number += 1;
        Some((&self.text[start..stop], start, self.number - 1))
    }

    /// Moves to the next line with content.
    fn advance(&mut self) {
        self.current = None;
        while let Some((raw, start, number)) = self.raw() {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            if raw.contains(['\t', '\r']) {
                self.bad = true;
                return;
            }
            let body = raw.trim_start_matches(' ');
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            // A byte-order mark at the start, a directive or a document marker ("---",
            // "..."); "-" items at the margin are lists, which are read.
            let marker = raw.len() == body.len()
                && (body.starts_with("---") || body.starts_with("...") || body.starts_with('%'));
            if (number == 1 && body.starts_with('\u{feff}')) || marker {
                self.bad = true;
                return;
            }
            let line = Line {
                number,
                indent: raw.len() - body.len(),
                text: body,
            };
            self.current = Some((line, start));
            return;
        }
    }

    /// The current line and those after it, up to the first with content indented less
    /// than `indent`, cut into about `pieces` runs of lines that each start at a key
    /// indented by `indent` (a list's items may be indented as its key is): each run's byte
    /// range and first line number, and where the lines go on after the runs (see
    /// [`Lines::resume`]).
    #[allow(clippy::type_complexity)]
    fn runs(
        &self,
        indent: usize,
        pieces: usize,
    ) -> (Vec<(std::ops::Range<usize>, usize)>, (usize, usize)) {
        let Some((first, start)) = self.current else {
            return (Vec::new(), (self.next, self.number));
        };
        let step = (self.end - start) / pieces.max(1);
        let mut runs = vec![(start..start, first.number)];
        let mut rest = Lines {
            next: start,
            number: first.number,
            current: None,
            ..*self
        };
        let mut resume = None;
        while let Some((raw, at, number)) = rest.raw() {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            let body = raw.trim_start_matches(' ');
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            let depth = raw.len() - body.len();
            if depth < indent {
                resume = Some((at, number));
                break;
            }
            let last = &runs[runs.len() - 1].0;
            if depth == indent && !is_item(body) && at >= last.start + step && at > last.start {
                runs.push((at..at, number));
            }
        }
        let resume = resume.unwrap_or((rest.next, rest.number));
        for i in 0..runs.len() {
            runs[i].0.end = runs
                .get(i + 1)
                .map_or(resume.0.min(self.end), |next| next.0.start);
        }
        (runs, resume)
    }

    /// Goes on from the line at byte `at`, numbered `number`.
    fn resume(&mut self, (at, number): (usize, usize)) {
        self.next = at;
        self.number = number;
        self.advance();
    }
}

/// Reads `text`, or returns `None` where it is outside the subset (see the module doc).
pub(crate) fn parse(text: &str) -> Option<(Node<'_>, PlaceMap)> {
    parse_in_runs(text, PARALLEL_BYTES)
}

/// A mapping of this many bytes or more at the top of a file, or just under it (a
/// schema's `fields`, a values file's keys), is read in runs of entries on all cores.
const PARALLEL_BYTES: usize = 1 << 20;

/// [`parse`], reading mappings of `parallel` bytes or more in runs: tests and the fuzz
/// target read small texts in runs too, and compare with reading them in one go.
pub(crate) fn parse_in_runs(text: &str, parallel: usize) -> Option<(Node<'_>, PlaceMap)> {
    if !all_allowed(text, parallel) {
        return None;
    }
    // A place per line (a key or an item), and one per item of a flow list: a generated
    // schema has three lines and four places per field.
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut reader = Reader::new(Lines::new(text), lines, parallel, 0);
    let value = match reader.lines.peek() {
        None => Node::Null,
        Some(first) if first.indent == 0 && !is_item(first.text) => reader.mapping(0, ROOT, 0)?,
        Some(_) => return None,
    };
    (reader.lines.peek().is_none() && !reader.lines.bad).then_some((value, reader.places))
}

/// Whether every character of `text` is [`allowed`], checked in pieces on all cores when
/// it has `parallel` bytes or more.
fn all_allowed(text: &str, parallel: usize) -> bool {
    use rayon::prelude::*;
    if text.len() < parallel {
        return text.chars().all(allowed);
    }
    crate::span::line_starts(text, 4 * rayon::current_num_threads())
        .par_windows(2)
        .all(|w| text[w[0]..w[1]].chars().all(allowed))
}

/// Whether a key comes twice among `entries`: compared in full only where two hashes agree,
/// once there are many (the `fields` of a schema may have 100,000).
fn repeats_a_key(entries: &[(Node<'_>, Node<'_>)]) -> bool {
    if entries.len() < 16 {
        return entries
            .iter()
            .enumerate()
            .any(|(i, (key, _))| entries[..i].iter().any(|(k, _)| k == key));
    }
    let mut seen = FxHashSet::with_capacity_and_hasher(entries.len(), FxBuildHasher);
    entries.iter().enumerate().any(|(i, (key, _))| {
        !seen.insert(FxBuildHasher.hash_one(key)) && entries[..i].iter().any(|(k, _)| k == key)
    })
}

/// Characters libyaml accepts in a stream (YAML 1.1 §5.1), less those this reader leaves
/// to libyaml: the tab, the byte-order mark, and the line breaks of YAML 1.1 that are not
/// line breaks here (U+0085, U+2028, U+2029).
fn allowed(c: char) -> bool {
    matches!(c, '\n' | '\r' | ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && !matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
}

/// Nesting deeper than this is left to serde_yaml, which has its own limit.
const MAX_DEPTH: usize = 64;

fn is_item(text: &str) -> bool {
    text.trim_end_matches(' ') == "-" || text.starts_with("- ")
}

struct Reader<'t> {
    lines: Lines<'t>,
    places: PlaceMap,
    /// Entries and items of the collections being read, innermost last: each collection
    /// is moved out into a vector of its exact size when it ends (a schema has a small
    /// mapping and list per field, and growing each would reserve room for four entries).
    entries: Vec<(Node<'t>, Node<'t>)>,
    items: Vec<Node<'t>>,
    /// Mappings of this many bytes or more, at a depth from `split_from` to 1, are read in
    /// runs (see [`Reader::mapping_in_runs`]).
    parallel: usize,
    split_from: usize,
}

impl<'t> Reader<'t> {
    /// A reader of `lines`, which hold about `count` lines.
    fn new(lines: Lines<'t>, count: usize, parallel: usize, split_from: usize) -> Self {
        Reader {
            lines,
            // At most a place and a half and an entry per line: memory is touched only as
            // they come, and the `fields` of a large schema has 100,000 entries.
            places: PlaceMap::with_capacity(count + count / 2),
            entries: Vec::with_capacity(count),
            items: Vec::new(),
            parallel,
            split_from,
        }
    }

    /// The mapping whose keys are at `indent`, starting at the current line.
    fn mapping(&mut self, indent: usize, path: u64, depth: usize) -> Option<Node<'t>> {
        if depth > MAX_DEPTH {
            return None;
        }
        if (self.split_from..=1).contains(&depth)
            && let Some((_, start)) = self.lines.current
            && self.lines.end - start >= self.parallel
        {
            let (runs, resume) = self.lines.runs(indent, 4 * rayon::current_num_threads());
            if runs.len() > 1 {
                return self.mapping_in_runs(indent, path, depth, runs, resume);
            }
        }
        let start = self.entries.len();
        self.entries_at(indent, path, depth, true)?;
        Some(Node::Map(self.entries.drain(start..).collect()))
    }

    /// Reads the entries of the mapping whose keys are at `indent` onto the stack of
    /// entries; with `unique`, a key that comes twice is outside the subset.
    fn entries_at(&mut self, indent: usize, path: u64, depth: usize, unique: bool) -> Option<()> {
        let start = self.entries.len();
        while let Some(line) = self.lines.peek() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent || is_item(line.text) {
                return None;
            }
            let (number, text) = (line.number, line.text);
            let (key_text, key, rest, value_at) = split_key(text)?;
            let value_col = indent + text[..value_at].chars().count();
            let child = extend(path, key_text);
            self.places
                .insert(child, (number, indent + 1, value_col + 1));
            self.lines.advance();
            let value = if rest.is_empty() {
                self.nested(indent, child, depth)?
            } else {
                let flow = (child, number, value_col);
                let value = inline(rest, &mut self.items, Some((&mut self.places, flow)))?;
                if self.lines.peek().is_some_and(|l| l.indent > indent) {
                    return None; // a multi-line scalar, or a mapping after a value
                }
                value
            };
            self.entries.push((key, value));
        }
        // A duplicate key: serde_yaml says where.
        (!unique || !repeats_a_key(&self.entries[start..])).then_some(())
    }

    /// The mapping at `indent` read as `runs` of its entries (from [`Lines::runs`]), each
    /// by a reader of its own on any core; the places are taken in the runs' order, which is
    /// the file's, and the lines go on at `resume`.
    fn mapping_in_runs(
        &mut self,
        indent: usize,
        path: u64,
        depth: usize,
        runs: Vec<(std::ops::Range<usize>, usize)>,
        resume: (usize, usize),
    ) -> Option<Node<'t>> {
        use rayon::prelude::*;
        let text = self.lines.text;
        let parallel = self.parallel;
        let read: Vec<Option<_>> = runs
            .into_par_iter()
            .map(|(range, number)| {
                let count = memchr::memchr_iter(b'\n', &text.as_bytes()[range.clone()]).count();
                let mut run = Reader::new(
                    Lines::range(text, range, number),
                    count + 1,
                    parallel,
                    depth + 1,
                );
                // Keys are checked once all runs are in.
                run.entries_at(indent, path, depth, false)?;
                (run.lines.peek().is_none() && !run.lines.bad).then_some((run.entries, run.places))
            })
            .collect();
        let mut entries = Vec::with_capacity(read.iter().flatten().map(|(e, _)| e.len()).sum());
        for run in read {
            let (run_entries, places) = run?;
            entries.extend(run_entries);
            self.places.append(places);
        }
        // A key in two runs (or twice in one): serde_yaml says where.
        if repeats_a_key(&entries) {
            return None;
        }
        self.lines.resume(resume);
        Some(Node::Map(entries))
    }

    /// The value under `key:` with nothing after the colon, owned by the mapping at `indent`.
    fn nested(&mut self, indent: usize, path: u64, depth: usize) -> Option<Node<'t>> {
        let Some(next) = self.lines.peek() else {
            return Some(Node::Null);
        };
        if is_item(next.text) && next.indent >= indent {
            self.list(next.indent, path)
        } else if next.indent > indent {
            self.mapping(next.indent, path, depth + 1)
        } else {
            Some(Node::Null)
        }
    }

    /// The block list whose `-` are at `indent`; its items are scalars.
    fn list(&mut self, indent: usize, path: u64) -> Option<Node<'t>> {
        let start = self.items.len();
        while let Some(line) = self.lines.peek() {
            if line.indent != indent || !is_item(line.text) {
                if line.indent > indent {
                    return None;
                }
                break;
            }
            self.places.insert(
                extend_item(path, self.items.len() - start),
                (line.number, indent + 1, indent + 3),
            );
            let rest = line.text[1..].trim_matches(' ');
            if rest.is_empty() || is_item(rest) || split_key(rest).is_some() {
                return None; // an empty item, a nested list or a mapping in an item
            }
            let item = inline(rest, &mut self.items, None)?;
            self.items.push(item);
            self.lines.advance();
            if self.lines.peek().is_some_and(|l| l.indent > indent) {
                return None;
            }
        }
        Some(Node::Seq(self.items.drain(start..).collect()))
    }
}

/// `key: rest` or `key:` → the key as written (unquoted), as a YAML value, the text after
/// `: ` (empty after a bare colon or before a comment), and where that text (or the
/// comment) starts.
fn split_key(text: &str) -> Option<(&str, Node<'_>, &str, usize)> {
    let (key_text, key, after) = if text.starts_with(['"', '\'']) {
        let (value, rest) = quoted(text)?;
        let raw = &text[1..text.len() - rest.len() - 1];
        // Places look keys up by their text; an escape would make the two differ.
        if raw != value {
            return None;
        }
        (raw, Node::Str(value), rest.trim_start_matches(' '))
    } else {
        let colon =
            find_pair(text, b':', b' ').or_else(|| text.ends_with(':').then(|| text.len() - 1))?;
        let raw = text[..colon].trim_end_matches(' ');
        if raw.is_empty() || find_pair(raw, b' ', b'#').is_some() || !plain_start(raw) {
            return None;
        }
        (raw, plain(raw)?, &text[colon..])
    };
    let after = after.strip_prefix(':')?;
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let rest = after.trim_start_matches(' ');
    let value_at = text.len() - rest.len();
    let rest = if rest.starts_with('#') {
        ""
    } else {
        rest.trim_end_matches(' ')
    };
    // libyaml allows a simple key of at most 1024 characters.
    (key_text.len() < 1000).then_some((key_text, key, rest, value_at))
}

/// Whether a plain scalar may start this way (YAML 1.2 §7.3.3): not with an indicator,
/// except `-`, `?` or `:` before a non-space.
fn plain_start(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        None => false,
        Some('-' | '?' | ':') => chars.next().is_some_and(|c| c != ' '),
        Some(
            '[' | ']' | '{' | '}' | ',' | '#' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%'
            | '@' | '`',
        ) => false,
        Some(_) => true,
    }
}

/// A value written on the key's line: a quoted or plain scalar or a one-line flow list,
/// with an optional comment after it.
///
/// The items of a flow list are placed (under `flow`: the list's path, line and column) when
/// a `PlaceMap` is given.
/// `items` is the reader's stack of list items (see [`Reader`]).
fn inline<'t>(
    text: &'t str,
    items: &mut Vec<Node<'t>>,
    flow: Option<(&mut PlaceMap, (u64, usize, usize))>,
) -> Option<Node<'t>> {
    if text.starts_with(['"', '\'']) {
        let (value, rest) = quoted(text)?;
        return end_of_line(rest).then_some(Node::Str(value));
    }
    if let Some(inner) = text.strip_prefix('[') {
        return flow_list(inner, items, flow);
    }
    let value = match find_pair(text, b' ', b'#') {
        Some(cut) => text[..cut].trim_end_matches(' '),
        None => text,
    };
    if !plain_start(value) || find_pair(value, b':', b' ').is_some() || value.ends_with(':') {
        return None;
    }
    plain(value)
}

/// Nothing but spaces and a comment (after a space) is left on the line.
fn end_of_line(rest: &str) -> bool {
    let trimmed = rest.trim_start_matches(' ');
    trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())
}

/// The items of `[a, "b", c]` after the `[`.
fn flow_list<'t>(
    list: &'t str,
    items: &mut Vec<Node<'t>>,
    mut flow: Option<(&mut PlaceMap, (u64, usize, usize))>,
) -> Option<Node<'t>> {
    let start = items.len();
    let mut text = list;
    loop {
        text = text.trim_start_matches(' ');
        if let Some((places, (path, line, column))) = &mut flow
            && !text.starts_with(']')
        {
            // The `[` is at 0-based `column`; the item's 1-based column follows.
            let at = *column + 2 + list[..list.len() - text.len()].chars().count();
            places.insert(extend_item(*path, items.len() - start), (*line, at, at));
        }
        if let Some(rest) = text.strip_prefix(']') {
            return end_of_line(rest).then(|| Node::Seq(items.drain(start..).collect()));
        }
        let (item, rest) = if text.starts_with(['"', '\'']) {
            let (item, rest) = quoted(text)?;
            (Node::Str(item), rest)
        } else {
            let end = text.find([',', ']'])?;
            let raw = text[..end].trim_end_matches(' ');
            // libyaml reads `:` and `?` in flow lists differently from YAML 1.2: leave them.
            if !plain_start(raw) || raw.contains(['[', '{', '}', ':', '?', '#']) {
                return None;
            }
            (plain(raw)?, &text[end..])
        };
        items.push(item);
        let rest = rest.trim_start_matches(' ');
        text = match rest.strip_prefix(',') {
            Some(after) => {
                if after.trim_start_matches(' ').starts_with(',') {
                    return None;
                }
                after
            }
            None if rest.starts_with(']') => rest,
            None => return None,
        };
    }
}

/// A quoted scalar at the start of `text` → its text (borrowed when it has no escape) and
/// the text after the closing quote.
fn quoted(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let quote = text.chars().next()?;
    let body = &text[1..];
    if quote == '\'' {
        let end = body.find('\'')?;
        if !body[end + 1..].starts_with('\'') {
            return Some((Cow::Borrowed(&body[..end]), &body[end + 1..]));
        }
        let mut out = String::new();
        let mut rest = body;
        loop {
            let end = rest.find('\'')?;
            out.push_str(&rest[..end]);
            rest = &rest[end + 1..];
            match rest.strip_prefix('\'') {
                Some(after) => {
                    out.push('\'');
                    rest = after;
                }
                None => return Some((Cow::Owned(out), rest)),
            }
        }
    }
    let end = body.find(['"', '\\'])?;
    if body.as_bytes()[end] == b'"' {
        return Some((Cow::Borrowed(&body[..end]), &body[end + 1..]));
    }
    let mut out = String::from(&body[..end]);
    let mut chars = body[end..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((Cow::Owned(out), &body[end + i + 1..])),
            '\\' => {
                let (_, e) = chars.next()?;
                let hex = |n: usize, chars: &mut std::str::CharIndices| -> Option<char> {
                    let mut code = 0u32;
                    for _ in 0..n {
                        code = code * 16 + chars.next()?.1.to_digit(16)?;
                    }
                    char::from_u32(code)
                };
                out.push(match e {
                    '0' => '\0',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    't' => '\t',
                    'n' => '\n',
                    'v' => '\u{b}',
                    'f' => '\u{c}',
                    'r' => '\r',
                    'e' => '\u{1b}',
                    ' ' => ' ',
                    '"' => '"',
                    '/' => '/',
                    '\\' => '\\',
                    'N' => '\u{85}',
                    '_' => '\u{a0}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    'x' => hex(2, &mut chars)?,
                    'u' => hex(4, &mut chars)?,
                    'U' => hex(8, &mut chars)?,
                    _ => return None,
                });
            }
            c => out.push(c),
        }
    }
    None // no closing quote on this line: a multi-line scalar
}

/// Whether serde_yaml certainly reads `s`, written as a plain scalar where one may stand, as
/// this very string: not a YAML word (null, true…), not number-like, and only characters
/// this reader takes. (`false` says only that it is not certain.)
pub(crate) fn plain_is_text(s: &str) -> bool {
    let first = s.bytes().next();
    first.is_some_and(|b| !(b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'~')))
        && matches!(plain(s), Some(Node::Str(ref v)) if v == s)
        && s.chars().all(allowed)
}

/// A plain scalar's value under YAML 1.2's core schema, as `serde_yaml` resolves it. The
/// common forms are read here; any other that might not be a string is handed to
/// `serde_yaml` itself.
fn plain(s: &str) -> Option<Node<'_>> {
    match s {
        "~" | "null" | "Null" | "NULL" => return Some(Node::Null),
        "true" | "True" | "TRUE" => return Some(Node::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Node::Bool(false)),
        _ => {}
    }
    let Some(first) = s.bytes().next() else {
        return Some(Node::Null);
    };
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return Some(Node::Str(Cow::Borrowed(s)));
    }
    let digits = s.strip_prefix('-').unwrap_or(s);
    let simple = (digits == "0" || !digits.starts_with('0'))
        && (1..=18).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !(s.starts_with('-') && digits == "0");
    if simple {
        let n: i64 = s.parse().ok()?;
        return Some(Node::Number(Number::from(n)));
    }
    // In its place, so that `...` or `---` read as text, not as document markers.
    let wrapped: Value = serde_yaml::from_str(&format!("k: {s}")).ok()?;
    match wrapped.get("k")? {
        v @ (Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_)) => {
            Some(Node::from_value(v.clone()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    use super::*;

    /// Whatever the fast reader answers equals serde_yaml's value, and its places equal
    /// those [`Places::new`] finds; returns whether it answered.
    fn agrees(text: &str) -> bool {
        crate::yaml::check_fast_reader(text)
    }

    #[test]
    fn reads_what_xfill_writes() {
        for text in [
            "",
            "# only a comment\n",
            "version: 1\nfields:\n  组数:\n    type: integer\n    label: 组数\n    anchors: [分为X个组]\n  单位名称:\n    anchors: [X党委, '现将X上半年', \"X党员\"]\n",
            "version: 1\r\nfields:\r\n  a:\r\n    anchors:\r\n      - 分为X个组\r\n      - \"X个\\\"小组\"\r\n",
            "组数: 4\n单位名称: 某某镇党委 # 上级党委\n金额: 12.5\n空: \n日期: '2024-06-30'\n",
            "a: ~\nb: null\nc: true\nd: False\ne: -12\nf: 0\ng: 007\nh: 0x1F\ni: 1e3\nj: .inf\nk: -.5\nl: +3\nm: ...\nn: ---x\n",
            "list:\n- a\n- 'b'\n- 3\nnext: x\n",
            "flow: [a, 'b, c', \"d\", 4, ]\nempty: []\n",
            "key with spaces  : value with  spaces\n\"quoted key\": 1\n'single': 2\n",
            "url: http://example.com/a#b\nratio: 3:4\ntext: a, b, c\n",
            // Indented, `---` is a key, not a document marker (found by fuzzing).
            "s:\n ---:\n  n:",
            // A colon in a comment after an item is no key (found by fuzzing).
            "k:\n- v #:\n",
            // Spaces between a quoted key and its colon (found by fuzzing).
            "'' :\n e:\n\"k\"  : 1\n",
            // A no-break space is no YAML space: it is the key (found by fuzzing).
            "\u{a0}:\n\u{3000}a\u{3000}: 1\n",
            // Two keys that read the same as text: a number and a string (found by fuzzing).
            "0:\n'0':\n",
            // A float and an integer key share a hash; read in runs, they are no duplicate
            // (found by fuzzing).
            ".2:\n5: \n3:",
            // A quoted item after two spaces, holding a colon: no key (found by fuzzing).
            "k:\n-  ': x'\n",
        ] {
            assert!(agrees(text), "the fast reader should read {text:?}");
        }
    }

    #[test]
    fn reads_every_sample_schema_and_values_file() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(
                    agrees(&text),
                    "the fast reader should read {}",
                    path.display()
                );
                seen += 1;
            }
        }
        assert!(seen >= 6, "{seen} sample YAML files");
    }

    #[test]
    fn leaves_the_rest_to_serde_yaml() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !tag 1\n",
            "a: |\n  block\n",
            "a: >\n  folded\n",
            "a: plain\n  continued\n",
            "a: \"open\n  quote\"\n",
            "a: {b: 1}\n",
            "- a\n- b\n",
            "a:\n  - b: 1\n",
            "a:\n  - - b\n",
            "a: 1\na: 2\n",
            "a: 1\nb:\n  c: 1\n  d: 2\na: 3\n",
            "---\na: 1\n",
            "a: 1\n...\n",
            "a:\tb\n",
            "scalar\n",
            "a: [b, c\n",
            "a: [b:c]\n",
            "a: \"\\q\"\n",
            "a: b: c\n",
            "  a: 1\nb: 2\n",
            "a:\n    b: 1\n  c: 2\n",
            "? a\n: b\n",
            "a: 'x' y\n",
            "a: \"x\"#y\n",
        ] {
            assert!(
                parse(text).is_none() && parse_in_runs(text, 1).is_none(),
                "the fast reader should pass on {text:?}"
            );
            // and serde_yaml decides, error or value, as before
            let _ = serde_yaml::from_str::<Value>(text);
        }
    }

    #[test]
    fn deep_nesting_is_left_to_serde_yaml() {
        let mut text = String::new();
        for depth in 0..500 {
            text.push_str(&" ".repeat(depth));
            text.push_str("a:\n");
        }
        assert!(parse(&text).is_none());
    }

    /// Scalars that are easy to get wrong: numbers, YAML words, indicators, quotes, CJK.
    fn scalar() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "0",
                "-0",
                "00",
                "1",
                "-1",
                "+1",
                "12345678901234567890",
                "1.5",
                "-.5",
                "1e3",
                "1_000",
                "0x1F",
                "0o17",
                "0b1",
                ".inf",
                "-.INF",
                ".NaN",
                "~",
                "null",
                "Null",
                "NULL",
                "true",
                "True",
                "TRUE",
                "yes",
                "no",
                "on",
                "off",
                "y",
                "n",
                "...",
                "---",
                "-",
                "?",
                ":",
                "a:b",
                "a: b",
                "a #b",
                "a#b",
                "#a",
                "[a]",
                "{a}",
                "a,b",
                "'a'",
                "\"a\"",
                "it's",
                "\"\"",
                "''",
                "&a",
                "*a",
                "!a",
                "|",
                ">",
                "%a",
                "@a",
                "`a`",
                "- a",
                "? a",
                "12:30",
                "2024-06-30",
                "20XX年X月X日",
                "X党委",
                "😀",
                " a",
                "a ",
                "\\n",
                "\\x41",
                "\u{85}",
                "\u{a0}",
                "\u{2028}",
            ])
            .prop_map(str::to_string),
            "[a-zA-Z0-9 #:,'\"\\[\\]{}\\-?.\\\\]{0,8}",
            "[\u{4e00}-\u{4e20}X×Ｘ]{1,5}",
        ]
    }

    fn quote(s: &str, how: u8) -> String {
        match how {
            0 => s.to_string(),
            1 => format!("'{}'", s.replace('\'', "''")),
            _ => format!("{s:?}"),
        }
    }

    /// A document: keys at two levels, scalars, flow and block lists, comments, CRLF.
    fn document() -> impl Strategy<Value = String> {
        let entry = (
            scalar(),
            0u8..3,
            scalar(),
            0u8..3,
            0u8..6,
            prop::collection::vec((scalar(), 0u8..3), 0..4),
        );
        (prop::collection::vec(entry, 1..6), any::<bool>(), 1usize..4).prop_map(
            |(entries, crlf, step)| {
                let mut out = String::new();
                for (i, (key, kq, value, vq, shape, items)) in entries.into_iter().enumerate() {
                    let key = quote(&format!("{key}{i}"), kq);
                    let value = quote(&value, vq);
                    let pad = " ".repeat(step);
                    match shape {
                        0 => out.push_str(&format!("{key}: {value}\n")),
                        1 => out.push_str(&format!("{key}: {value} # note\n")),
                        2 => {
                            let list: Vec<String> =
                                items.iter().map(|(s, q)| quote(s, *q)).collect();
                            out.push_str(&format!("{key}: [{}]\n", list.join(", ")));
                        }
                        3 => {
                            out.push_str(&format!("{key}:\n"));
                            for (s, q) in &items {
                                out.push_str(&format!("{pad}- {}\n", quote(s, *q)));
                            }
                        }
                        4 => out
                            .push_str(&format!("{key}:\n{pad}inner{i}: {value}\n{pad}other: x\n")),
                        _ => out.push_str(&format!("# c\n{key}:\n\n")),
                    }
                }
                if crlf {
                    out = out.replace('\n', "\r\n");
                }
                out
            },
        )
    }

    /// The comparison means something only if the fast reader answers for most documents.
    #[test]
    fn reads_most_generated_documents() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = document();
        let (mut read, total) = (0, 400);
        for _ in 0..total {
            let text = strategy.new_tree(&mut runner).unwrap().current();
            read += usize::from(agrees(&text));
        }
        assert!(read * 3 > total, "read {read} of {total}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn agrees_with_serde_yaml(text in document()) {
            agrees(&text);
        }
    }
}
