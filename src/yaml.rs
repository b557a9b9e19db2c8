//! YAML helpers shared by `schema` and `values`: parsing into a `serde_yaml::Value` with
//! file:line:column errors, and finding the line of a key, which `serde_yaml` forgets.

use std::collections::HashMap;

use crate::error::{Error, Location};
use crate::span::LineIndex;

/// Parses `text` (from the file named `file`), turning a syntax error into [`Error::Syntax`].
pub(crate) fn parse(text: &str, file: &str) -> Result<serde_yaml::Value, Error> {
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
pub(crate) struct Places<'t> {
    text: &'t str,
    file: String,
    index: LineIndex,
    /// Path (segments joined by [`SEP`]) → line, key column, value column.
    places: HashMap<String, (usize, usize, usize)>,
}

/// Joins path segments into one key; a control character no YAML key of ours holds.
const SEP: char = '\u{1f}';

fn join(path: &[&str]) -> String {
    let mut key = String::with_capacity(path.iter().map(|p| p.len() + 1).sum());
    for (i, p) in path.iter().enumerate() {
        if i > 0 {
            key.push(SEP);
        }
        key.push_str(p);
    }
    key
}

fn child(parent: &str, segment: &str) -> String {
    if parent.is_empty() {
        segment.to_string()
    } else {
        format!("{parent}{SEP}{segment}")
    }
}

impl<'t> Places<'t> {
    pub(crate) fn new(text: &'t str, file: &str) -> Self {
        let index = LineIndex::new(text);
        let mut places = HashMap::new();
        // (indent, path, is_item)
        let mut stack: Vec<(usize, String, bool)> = Vec::new();
        let mut counts: HashMap<String, usize> = HashMap::new();
        for line_no in 1..=index.line_count() {
            let line = index.line_text(text, line_no);
            let trimmed = line.trim_start_matches(' ');
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") {
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
                    .is_some_and(|(i, _, is_item)| *i > indent || (*i == indent && *is_item))
                {
                    stack.pop();
                }
                let parent = stack.last().map_or("", |(_, p, _)| p.as_str());
                let n = counts.entry(parent.to_string()).or_insert(0);
                let path = child(parent, &n.to_string());
                *n += 1;
                places.insert(path.clone(), (line_no, indent + 1, indent + 3));
                stack.push((indent, path, true));
                indent += 2;
                rest = item;
            }
            if let Some((key, value_col)) = split_key(rest) {
                while stack.last().is_some_and(|(i, _, _)| *i >= indent) {
                    stack.pop();
                }
                let path = child(stack.last().map_or("", |(_, p, _)| p.as_str()), &key);
                places.insert(path.clone(), (line_no, indent + 1, indent + value_col + 1));
                stack.push((indent, path, false));
            }
        }
        Places {
            text,
            file: file.to_string(),
            index,
            places,
        }
    }

    /// The location of the key at `path`, or of its nearest located parent; the underline
    /// covers the key.
    pub(crate) fn key(&self, path: &[&str]) -> Location {
        self.find(path, false)
    }

    /// The location of the value at `path` (after `key: `), or of its nearest located parent.
    pub(crate) fn value(&self, path: &[&str]) -> Location {
        self.find(path, true)
    }

    fn find(&self, path: &[&str], value: bool) -> Location {
        if path.is_empty() {
            let first = (1..=self.index.line_count())
                .find(|&l| !self.index.line_text(self.text, l).trim().is_empty())
                .unwrap_or(1);
            let line = self.index.line_text(self.text, first);
            return Location::new(&self.file, first, 1).with_source(line, line.chars().count());
        }
        for len in (1..=path.len()).rev() {
            if let Some(&(line, key_col, value_col)) = self.places.get(&join(&path[..len])) {
                let line_text = self.index.line_text(self.text, line);
                let exact = len == path.len();
                let column = if value && exact { value_col } else { key_col };
                let shown: usize = line_text.chars().skip(column - 1).count();
                let width = if value && exact {
                    shown
                } else {
                    path[len - 1].chars().count().min(shown)
                };
                return Location::new(&self.file, line, column).with_source(line_text, width);
            }
        }
        Location::new(&self.file, 1, 1)
    }
}

/// `key: value` or `key:` → the key (unquoted) and the column (0-based, in chars) where the
/// value starts.
fn split_key(s: &str) -> Option<(String, usize)> {
    let (key, after) = if let Some(q @ ('"' | '\'')) = s.chars().next() {
        let close = s[1..].find(q)? + 1;
        (s[1..close].to_string(), &s[close + 1..])
    } else {
        let colon = s
            .find(": ")
            .or_else(|| s.ends_with(':').then(|| s.len() - 1))?;
        if s.starts_with(['[', '{']) {
            return None;
        }
        (s[..colon].trim_end().to_string(), &s[colon..])
    };
    let after = after.strip_prefix(':')?;
    let value_start = s.len() - after.len() + (after.len() - after.trim_start().len());
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
    fn syntax_error_has_a_line() {
        let err = parse("a: 1\nb: [unclosed\n", "v.yaml").unwrap_err();
        let at = err.location().unwrap();
        assert_eq!(at.file, "v.yaml");
        assert!(at.line >= 2, "{at}");
    }

    #[test]
    fn duplicate_keys_are_an_error() {
        let err = parse("a: 1\na: 2\n", "v.yaml").unwrap_err();
        assert!(err.to_string().contains("duplicate"), "{err}");
    }
}
