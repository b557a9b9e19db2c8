//! Two texts → [`Hunk`]s of a unified diff, with the changed characters inside each line
//! marked. Lines are compared first, then the characters of changed lines: Chinese has no
//! spaces, so word-level refinement would see a whole line as one word. No colour here.

use similar::{ChangeTag, InlineChangeMode, InlineChangeOptions, TextDiff};

/// Whether a line is kept, removed or added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// One line of a hunk, split into pieces that changed (`true`) or did not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Kept, removed or added.
    pub tag: Tag,
    /// The line's pieces, without its line ending.
    pub pieces: Vec<(bool, String)>,
}

/// A group of changed lines with context, as in `diff -u`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    /// First old line (1-based).
    pub old_start: usize,
    /// Number of old lines.
    pub old_len: usize,
    /// First new line (1-based).
    pub new_start: usize,
    /// Number of new lines.
    pub new_len: usize,
    /// The lines.
    pub lines: Vec<Line>,
}

/// The hunks that turn `old` into `new`, with `context` unchanged lines around each change.
pub fn diff(old: &str, new: &str, context: usize) -> Vec<Hunk> {
    // Lines end at `\n` only, as everywhere in xfill (a lone `\r` is text), so that hunks
    // have the line numbers `scan` and `check` give.
    let (old, new): (Vec<&str>, Vec<&str>) = (
        old.split_inclusive('\n').collect(),
        new.split_inclusive('\n').collect(),
    );
    let text_diff = TextDiff::from_slices(&old, &new);
    let mut options = InlineChangeOptions::new();
    options
        .mode(InlineChangeMode::Chars)
        .semantic_cleanup(true)
        .min_ratio(0.0);
    text_diff
        .grouped_ops(context)
        .iter()
        .map(|group| {
            let first = &group[0];
            let last = &group[group.len() - 1];
            let old_range = first.old_range().start..last.old_range().end;
            let new_range = first.new_range().start..last.new_range().end;
            let mut lines = Vec::new();
            for op in group {
                for change in text_diff.iter_inline_changes_with_options(op, options) {
                    let tag = match change.tag() {
                        ChangeTag::Equal => Tag::Equal,
                        ChangeTag::Delete => Tag::Delete,
                        ChangeTag::Insert => Tag::Insert,
                    };
                    let mut pieces: Vec<(bool, String)> = Vec::new();
                    for (emphasized, piece) in change.iter_strings_lossy() {
                        match pieces.last_mut() {
                            Some((e, s)) if *e == emphasized => s.push_str(&piece),
                            _ => pieces.push((emphasized, piece.into_owned())),
                        }
                    }
                    strip_line_end(&mut pieces);
                    tidy(&mut pieces);
                    lines.push(Line { tag, pieces });
                }
            }
            Hunk {
                old_start: old_range.start + 1,
                old_len: old_range.len(),
                new_start: new_range.start + 1,
                new_len: new_range.len(),
                lines,
            }
        })
        .collect()
}

/// Joins a short unchanged piece between two changes into them, so that a rewritten
/// phrase reads as one change rather than a scatter of single characters. Changes as short
/// as filled slots (`20[-XX-]年[-X-]月`) stay apart.
fn tidy(pieces: &mut Vec<(bool, String)>) {
    const SHORT: usize = 2;
    const REWRITE: usize = 4;
    let chars = |p: &(bool, String)| p.1.chars().count();
    let join: Vec<bool> = (0..pieces.len())
        .map(|i| {
            i > 0
                && i + 1 < pieces.len()
                && !pieces[i].0
                && pieces[i - 1].0
                && pieces[i + 1].0
                && chars(&pieces[i]) <= SHORT
                && chars(&pieces[i - 1]) + chars(&pieces[i + 1]) >= REWRITE
        })
        .collect();
    for (piece, join) in pieces.iter_mut().zip(join) {
        piece.0 |= join;
    }
    let mut merged: Vec<(bool, String)> = Vec::with_capacity(pieces.len());
    for (emphasized, piece) in pieces.drain(..) {
        match merged.last_mut() {
            Some((e, s)) if *e == emphasized => s.push_str(&piece),
            _ => merged.push((emphasized, piece)),
        }
    }
    *pieces = merged;
}

fn strip_line_end(pieces: &mut Vec<(bool, String)>) {
    if let Some((_, last)) = pieces.last_mut() {
        if last.ends_with('\n') {
            last.pop();
            if last.ends_with('\r') {
                last.pop();
            }
        }
        if last.is_empty() {
            pieces.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_changed_characters_in_chinese_lines() {
        let hunks = diff(
            "标题\n分为X个组，共X人\n结尾\n",
            "标题\n分为4个组，共X人\n结尾\n",
            1,
        );
        assert_eq!(hunks.len(), 1);
        let h = &hunks[0];
        assert_eq!(
            (h.old_start, h.old_len, h.new_start, h.new_len),
            (1, 3, 1, 3)
        );
        let deleted = h.lines.iter().find(|l| l.tag == Tag::Delete).unwrap();
        let changed: Vec<&str> = deleted
            .pieces
            .iter()
            .filter(|p| p.0)
            .map(|p| p.1.as_str())
            .collect();
        assert_eq!(changed, vec!["X"]);
        let inserted = h.lines.iter().find(|l| l.tag == Tag::Insert).unwrap();
        assert_eq!(
            inserted.pieces,
            vec![
                (false, "分为".into()),
                (true, "4".into()),
                (false, "个组，共X人".into())
            ]
        );
    }

    #[test]
    fn a_rewritten_phrase_is_one_change() {
        let hunks = diff(
            "2023年是全面贯彻党的二十大精神的开局之年，\n",
            "2024年是实现十四五规划目标任务的关键一年，\n",
            0,
        );
        let inserted = hunks[0]
            .lines
            .iter()
            .find(|l| l.tag == Tag::Insert)
            .unwrap();
        let changes = inserted.pieces.iter().filter(|p| p.0).count();
        assert!(changes <= 2, "{:?}", inserted.pieces);
    }

    #[test]
    fn a_lone_cr_does_not_end_a_line() {
        let hunks = diff("甲\n乙X\r丙\n", "甲\n乙4\r丙\n", 0);
        assert_eq!(hunks.len(), 1);
        let h = &hunks[0];
        assert_eq!(
            (h.old_start, h.old_len, h.new_start, h.new_len),
            (2, 1, 2, 1)
        );
    }

    #[test]
    fn identical_texts_have_no_hunks() {
        assert!(diff("a\nb\n", "a\nb\n", 3).is_empty());
    }
}
