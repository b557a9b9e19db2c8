//! YAML helpers shared by `schema` and `values`: reading a file into a [`Node`] with
//! file:line:column errors, and finding the line of a key, which `serde_yaml` forgets.

use std::collections::HashMap;

use crate::error::{Error, Location};
use crate::span::LineIndex;

mod block;
mod node;

pub(crate) use block::plain_is_text;
pub use node::Node;

/// Reads a YAML file with the places of its keys: plain block YAML by the fast reader in
/// [`block`], anything else by `serde_yaml` (which also words the errors).
pub(crate) fn load<'t>(text: &'t str, file: &str) -> Result<(Node<'t>, Places<'t>), Error> {
    refuse_deep(text, file)?;
    if let Some((node, places)) = block::parse(text) {
        return Ok((node, Places::from_map(text, file, places)));
    }
    let value = parse(text, file)?;
    Ok((Node::from_value(value), Places::new(text, file)))
}

/// How deep `[` and `{` may nest in a YAML file; schemas, values and rows need two or three.
const MAX_DEPTH: usize = 64;

/// A file nested deeper than [`MAX_DEPTH`] (brackets, or indented mappings and lists) is an
/// error at the place it goes too deep: told in one pass, before a parser spends minutes on
/// 250,000 brackets or 10,000 indented keys.
fn refuse_deep(text: &str, file: &str) -> Result<(), Error> {
    let Some((at, what)) = too_deep(text)
        .map(|at| (at, "brackets"))
        .or_else(|| too_indented(text).map(|at| (at, "indented mappings or lists")))
    else {
        return Ok(());
    };
    let index = LineIndex::new(text);
    let position = index.position(text, at);
    let (line, column) = (position.line, position.column);
    Err(Error::Syntax {
        at: Location::new(file, line, column).with_source(index.line_text(text, line), 1),
        message: format!(
            "{file} is not valid YAML for xfill: {what} nested more than {MAX_DEPTH} deep"
        ),
        help: Some("schemas and values files are flat: a field and its value, one per line".into()),
    })
}

/// The offset of the first line whose indentation opens a level deeper than [`MAX_DEPTH`].
fn too_indented(text: &str) -> Option<usize> {
    let mut levels: Vec<usize> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_start_matches(' ');
        if body.trim().is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - body.len();
        while levels.last().is_some_and(|&top| top > indent) {
            levels.pop();
        }
        if levels.last() != Some(&indent) {
            levels.push(indent);
            if levels.len() > MAX_DEPTH {
                return Some(start + indent);
            }
        }
    }
    None
}

/// The byte offset of the first `[` or `{` nested deeper than [`MAX_DEPTH`], outside quotes
/// and comments.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    let mut comment = false;
    let mut prev = '\n';
    for (i, c) in text.char_indices() {
        match (quote, c) {
            _ if comment => comment = c != '\n',
            (Some('\''), '\'') | (Some('"'), '"') if prev != '\\' || quote == Some('\'') => {
                quote = None
            }
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '#') if prev.is_whitespace() => comment = true,
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        prev = c;
    }
    None
}

/// Parses `text` (from the file named `file`), turning a syntax error into [`Error::Syntax`].
pub(crate) fn parse(text: &str, file: &str) -> Result<serde_yaml::Value, Error> {
    refuse_deep(text, file)?;
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let index = LineIndex::new(text);
        let mut line = line.min(index.line_count()).max(1);
        let mut column = column;
        // At the end of the input (an unclosed bracket or quote) libyaml points past the last
        // line; the last line with text on it is where the reader can act.
        while line > 1 && index.line_text(text, line).trim().is_empty() {
            line -= 1;
            column = index.line_text(text, line).chars().count() + 1;
        }
        let mut message = e.to_string();
        // serde_yaml appends " at line L column C"; the location is shown on its own.
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        // libyaml points at the mapping; the second occurrence of the key is the place to act.
        if let Some(key) = message
            .strip_prefix("duplicate entry with key \"")
            .and_then(|k| k.strip_suffix('"'))
        {
            let second = (1..=index.line_count())
                .filter(|&l| {
                    let t = index.line_text(text, l).trim_start_matches([' ', '-']);
                    t.strip_prefix(key)
                        .is_some_and(|r| r.trim_start().starts_with(':'))
                        || t.strip_prefix(&format!("\"{key}\""))
                            .is_some_and(|r| r.trim_start().starts_with(':'))
                })
                .nth(1);
            if let Some(l) = second {
                line = l;
                column = index.line_text(text, l).len()
                    - index
                        .line_text(text, l)
                        .trim_start_matches([' ', '-'])
                        .len()
                    + 1;
            }
        }
        let help = if message.contains("duplicate entry") {
            "each key may appear once in a mapping: remove or rename the second one"
        } else if message.contains("recursion limit") || message.contains("repetition limit") {
            "the file expands to too much data (nested aliases); write the values out plainly"
        } else {
            "fix the YAML syntax at this place (indentation, a missing `:`, an unclosed quote)"
        };
        Error::Syntax {
            at: Location::new(file, line, column).with_source(index.line_text(text, line), 1),
            message: format!("{file} is not valid YAML: {message}"),
            help: Some(help.into()),
        }
    })
}

/// Where each key and list item of a block-style YAML file is: `["fields", "组数", "anchors",
/// "0"]` → line and column (1-based, columns in characters) of the key or item.
/// Flow-style collections are not looked into; their parent key's place stands in for them.
///
/// Paths are kept as 64-bit hashes of their segments, not as strings: a generated schema
/// has hundreds of thousands of keys, and this index costs one pass and no allocation per key.
pub(crate) struct Places<'t> {
    text: &'t str,
    file: std::sync::Arc<str>,
    index: LineIndex,
    places: PlaceMap,
}

/// Line, key column and value column of one key or item.
pub(crate) type Place = (usize, usize, usize);

/// A [`Place`] as kept: a schema has a few places per field, 100,000s in all.
type Kept = (u32, u32, u32);

/// Places in document order, found by the hash of their path. Readers ask in document
/// order (a schema field by field, a values file key by key), so a lookup first tries the
/// few places after the last one found; the hash index is built only on the first miss.
/// Random lookups into an index of a few hundred thousand places cost a cache miss each.
#[derive(Default)]
pub(crate) struct PlaceMap {
    entries: Vec<(u64, Kept)>,
    index: std::sync::OnceLock<HashMap<u64, usize, BuildPathHash>>,
}

thread_local! {
    /// Where the last lookup on this thread found its place: a hint only (the schema's
    /// fields are read on several threads, each in document order), so one per thread.
    static NEAR: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many places around the last one found a lookup tries before the index.
const NEAR_PLACES: usize = 16;

/// How many places [`Places::seek`] looks through.
const SEEK_PLACES: usize = 1024;

impl PlaceMap {
    pub(crate) fn with_capacity(n: usize) -> Self {
        PlaceMap {
            entries: Vec::with_capacity(n),
            ..PlaceMap::default()
        }
    }

    pub(crate) fn insert(&mut self, path: u64, (line, key, value): Place) {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.entries
            .push((path, (small(line), small(key), small(value))));
    }

    /// Adds `other`'s places after these.
    pub(crate) fn append(&mut self, mut other: PlaceMap) {
        self.entries.append(&mut other.entries);
    }

    /// Where `path` is among the places `start..start + len` (cut to those there are).
    fn position(&self, path: u64, start: usize, len: usize) -> Option<usize> {
        let start = start.min(self.entries.len());
        let end = (start + len).min(self.entries.len());
        self.entries[start..end]
            .iter()
            .position(|&(h, _)| h == path)
            .map(|i| start + i)
    }

    fn get(&self, path: u64) -> Option<Place> {
        let near = NEAR.get().saturating_sub(2);
        let found = self.position(path, near, NEAR_PLACES + 2).or_else(|| {
            let index = self.index.get_or_init(|| {
                let mut index =
                    HashMap::with_capacity_and_hasher(self.entries.len(), BuildPathHash);
                for (i, &(h, _)) in self.entries.iter().enumerate() {
                    index.entry(h).or_insert(i);
                }
                index
            });
            index.get(&path).copied()
        })?;
        NEAR.set(found + 1);
        let (line, key, value) = self.entries[found].1;
        Some((line as usize, key as usize, value as usize))
    }
}

/// The hash of the empty path (the document).
const ROOT: u64 = 0x243f_6a88_85a3_08d3;

/// The hash of `parent`'s path extended by `segment` (FNV-1a over the bytes, then mixed:
/// segments are short, and a path's hash must not depend on where the segments split).
fn extend(parent: u64, segment: &str) -> u64 {
    let mut h = parent ^ 0xcbf2_9ce4_8422_2325;
    for &b in segment.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    // A separator no key holds, then a final mix so that ["ab"] and ["a", "b"] differ.
    h = (h ^ 0x1f).wrapping_mul(0x0100_0000_01b3);
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// The hash of `parent`'s path extended by list item `index` (the segment `"0"`, `"1"`, …).
fn extend_item(parent: u64, index: usize) -> u64 {
    extend(parent, itoa::Buffer::new().format(index))
}

fn path_hash(path: &[&str]) -> u64 {
    path.iter().fold(ROOT, |h, segment| extend(h, segment))
}

/// The keys are hashes already: use them as they are.
#[derive(Default, Clone, Copy)]
pub(crate) struct BuildPathHash;

impl std::hash::BuildHasher for BuildPathHash {
    type Hasher = PathHasher;
    fn build_hasher(&self) -> PathHasher {
        PathHasher(0)
    }
}

pub(crate) struct PathHasher(u64);

impl std::hash::Hasher for PathHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Panics unless the fast reader agrees with serde_yaml and [`Places::new`] on `text`
/// (where it answers at all); for the fuzz target and the tests.
#[doc(hidden)]
pub(crate) fn check_fast_reader(text: &str) -> bool {
    let read = block::parse(text);
    // Read in runs of entries (as files of a megabyte or more are), the same comes out.
    let in_runs = block::parse_in_runs(text, 1);
    assert_eq!(
        in_runs
            .as_ref()
            .map(|(node, places)| (node, &places.entries)),
        read.as_ref().map(|(node, places)| (node, &places.entries)),
        "reading in runs differs on {text:?}"
    );
    let Some((node, places)) = read else {
        return false;
    };
    let expected: serde_yaml::Value = serde_yaml::from_str(text)
        .unwrap_or_else(|e| panic!("the fast reader read {text:?}, which serde_yaml rejects: {e}"));
    assert_eq!(
        node.into_value(),
        expected,
        "the fast reader disagrees on {text:?}"
    );
    // Every place the line-based index finds is found the same; the fast reader also places
    // the items of flow lists. Where two keys read the same as text (`0` and `'0'`), a lookup
    // gives the first: compare that.
    let first =
        |map: &PlaceMap| -> HashMap<u64, Kept> { map.entries.iter().rev().copied().collect() };
    let fast = first(&places);
    for (path, place) in first(&Places::new(text, "t").places) {
        assert_eq!(fast.get(&path), Some(&place), "places differ in {text:?}");
    }
    true
}

impl<'t> Places<'t> {
    fn from_map(text: &'t str, file: &str, places: PlaceMap) -> Self {
        Places {
            text,
            file: file.into(),
            index: LineIndex::new(text),
            places,
        }
    }

    pub(crate) fn new(text: &'t str, file: &str) -> Self {
        let index = LineIndex::new(text);
        let mut places = PlaceMap::default();
        // (indent, path hash, is_item, items seen under it)
        let mut stack: Vec<(usize, u64, bool, usize)> = Vec::new();
        let mut top_items = 0;
        for line_no in 1..=index.line_count() {
            let line = index.line_text(text, line_no);
            let trimmed = line.trim_start_matches(' ');
            // A document marker is at the margin; indented, `---` is text (a key, say).
            if trimmed.is_empty() || trimmed.starts_with('#') || line.starts_with("---") {
                continue;
            }
            // Indentation is ASCII spaces: bytes are characters.
            let mut indent = line.len() - trimmed.len();
            let mut rest = trimmed;
            if let Some(item) = rest
                .strip_prefix("- ")
                .or_else(|| (rest == "-").then_some(""))
            {
                while stack
                    .last()
                    .is_some_and(|&(i, _, is_item, _)| i > indent || (i == indent && is_item))
                {
                    stack.pop();
                }
                let (parent, n) = match stack.last_mut() {
                    Some((_, parent, _, n)) => (*parent, n),
                    None => (ROOT, &mut top_items),
                };
                let path = extend_item(parent, *n);
                *n += 1;
                places.insert(path, (line_no, indent + 1, indent + 3));
                stack.push((indent, path, true, 0));
                // The item's content starts after the spaces that follow the dash.
                rest = item.trim_start_matches(' ');
                indent += 2 + (item.len() - rest.len());
            }
            if let Some((key, value_col)) = split_key(rest) {
                while stack.last().is_some_and(|&(i, _, _, _)| i >= indent) {
                    stack.pop();
                }
                let path = extend(stack.last().map_or(ROOT, |&(_, p, _, _)| p), key);
                places.insert(path, (line_no, indent + 1, indent + value_col + 1));
                stack.push((indent, path, false, 0));
            }
        }
        Places {
            text,
            file: file.into(),
            index,
            places,
        }
    }

    /// The location of the key at `path`, or of its nearest located parent; the underline
    /// covers the key.
    pub(crate) fn key(&self, path: &[&str]) -> Location {
        self.find(path, false, true)
    }

    /// The location of the value at `path` (after `key: `), or of its nearest located parent.
    pub(crate) fn value(&self, path: &[&str]) -> Location {
        self.find(path, true, true)
    }

    /// As [`Places::key`], without a copy of the line's text: for places kept by the
    /// thousand and shown seldom.
    pub(crate) fn key_place(&self, path: &[&str]) -> Location {
        self.find(path, false, false)
    }

    /// As [`Places::value`], without a copy of the line's text.
    pub(crate) fn value_place(&self, path: &[&str]) -> Location {
        self.find(path, true, false)
    }

    /// Where the key or item at `path` is among the places, looked for from place `from` on
    /// and no further than [`SEEK_PLACES`]: for a reader that goes through many keys in the
    /// file's order (see [`Places::start_near`]).
    pub(crate) fn seek(&self, path: &[&str], from: usize) -> Option<usize> {
        self.places.position(path_hash(path), from, SEEK_PLACES)
    }

    /// Starts this thread's next lookup near place `at` (from [`Places::seek`]): a thread
    /// that takes up a part of a large file finds its places without the index.
    pub(crate) fn start_near(&self, at: usize) {
        NEAR.set(at);
    }

    /// The line index of the text, for whoever keeps the text.
    pub(crate) fn into_lines(self) -> LineIndex {
        self.index
    }

    fn find(&self, path: &[&str], value: bool, with_line: bool) -> Location {
        if path.is_empty() {
            let first = (1..=self.index.line_count())
                .find(|&l| !self.index.line_text(self.text, l).trim().is_empty())
                .unwrap_or(1);
            let line = self.index.line_text(self.text, first);
            return Location::new(self.file.clone(), first, 1)
                .with_source(line, line.chars().count());
        }
        for len in (1..=path.len()).rev() {
            if let Some((line, key_col, value_col)) = self.places.get(path_hash(&path[..len])) {
                let line_text = self.index.line_text(self.text, line);
                let exact = len == path.len();
                let column = if value && exact { value_col } else { key_col };
                let shown: usize = line_text.chars().skip(column - 1).count();
                let width = if value && exact {
                    shown
                } else {
                    path[len - 1].chars().count().min(shown)
                };
                let at = Location::new(self.file.clone(), line, column);
                return if with_line {
                    at.with_source(line_text, width)
                } else {
                    Location {
                        len: width.max(1),
                        ..at
                    }
                };
            }
        }
        Location::new(self.file.clone(), 1, 1)
    }
}

/// Where the two ASCII bytes `a` then `b` first stand in `s` (`": "`, `" #"`): a search
/// for the first byte, cheaper on a short line than a substring searcher.
pub(crate) fn find_pair(s: &str, a: u8, b: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    memchr::memchr_iter(a, bytes).find(|&i| bytes.get(i + 1) == Some(&b))
}

/// `key: value` or `key:` → the key (unquoted) and the column (0-based, in chars) where the
/// value starts.
fn split_key(s: &str) -> Option<(&str, usize)> {
    let (key, after) = if let Some(q @ ('"' | '\'')) = s.chars().next() {
        let close = s[1..].find(q)? + 1;
        // A key with an escape (`\"` or `''`) is not looked into: its text is not the key.
        if (q == '"' && s[1..close].contains('\\')) || s[close + 1..].starts_with(q) {
            return None;
        }
        // `'key' : value` — spaces may stand between a quoted key and its colon.
        (&s[1..close], s[close + 1..].trim_start_matches(' '))
    } else {
        let colon = find_pair(s, b':', b' ').or_else(|| s.ends_with(':').then(|| s.len() - 1))?;
        // A `#` after a space starts a comment: a colon after it is not a key's.
        if s.starts_with(['[', '{']) || find_pair(&s[..colon], b' ', b'#').is_some() {
            return None;
        }
        (s[..colon].trim_end_matches(' '), &s[colon..])
    };
    let after = after.strip_prefix(':')?;
    let value_start = s.len() - after.len() + (after.len() - after.trim_start_matches(' ').len());
    Some((key, s[..value_start].chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "version: 1\nfields:\n  组数:\n    type: integer\n    anchors:\n      - 分为X个组\n      - \"X个小组\"\n  单位:\n    anchors: [X党委]\n";

    #[test]
    fn finds_keys_and_items() {
        let places = Places::new(TEXT, "s.yaml");
        assert_eq!(places.key(&["fields", "组数"]).line, 3);
        assert_eq!(places.value(&["fields", "组数", "type"]).column, 11);
        assert_eq!(places.key(&["fields", "组数", "anchors", "1"]).line, 7);
        // Flow lists fall back to the key that holds them.
        assert_eq!(places.key(&["fields", "单位", "anchors", "0"]).line, 9);
    }

    #[test]
    fn seek_finds_keys_in_order_within_reach() {
        let (_, places) = load(TEXT, "s.yaml").unwrap();
        let first = places.seek(&["fields", "组数"], 0).expect("组数 is placed");
        let second = places
            .seek(&["fields", "单位"], first + 1)
            .expect("单位 follows");
        assert!(second > first);
        assert_eq!(places.places.entries[second].1.0, 8);
        // Behind the start, or out of reach: not found.
        assert_eq!(places.seek(&["fields", "组数"], first + 1), None);
        assert_eq!(places.seek(&["fields", "没有"], 0), None);
        places.start_near(second);
        assert_eq!(places.key(&["fields", "单位"]).line, 8);
    }

    #[test]
    fn the_fast_reader_places_flow_items_too() {
        let (_, places) = load(TEXT, "s.yaml").unwrap();
        assert_eq!(places.key(&["fields", "组数", "anchors", "1"]).line, 7);
        let item = places.value(&["fields", "单位", "anchors", "0"]);
        assert_eq!((item.line, item.column), (9, 15));
        // Asked out of document order, the index answers.
        assert_eq!(places.key(&["version"]).line, 1);
        assert_eq!(places.value(&["fields", "组数", "type"]).column, 11);
    }

    #[test]
    fn find_pair_finds_the_first_pair() {
        assert_eq!(find_pair("a:b: c: d", b':', b' '), Some(3));
        assert_eq!(find_pair("组数:", b':', b' '), None);
        assert_eq!(find_pair("x #y #z", b' ', b'#'), Some(1));
        assert_eq!(find_pair("", b' ', b'#'), None);
    }

    #[test]
    fn syntax_error_has_a_line() {
        let err = parse("a: 1\nb: [unclosed\n", "v.yaml").unwrap_err();
        let at = err.location().unwrap();
        assert_eq!(&*at.file, "v.yaml");
        assert!(at.line >= 2, "{at}");
    }

    #[test]
    fn duplicate_keys_are_an_error() {
        let err = parse("a: 1\na: 2\n", "v.yaml").unwrap_err();
        assert!(err.to_string().contains("duplicate"), "{err}");
    }
}
