//! Two texts → [`Hunk`]s of a unified diff, with the changed characters inside each line
//! marked. Lines are compared first, then the characters of changed lines: Chinese has no
//! spaces, so word-level refinement would see a whole line as one word. No colour here.

use similar::{
    ChangeTag, DiffOp, DiffTag, InlineChange, InlineChangeMode, InlineChangeOptions, TextDiff,
};

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
            let lines = group
                .iter()
                .flat_map(|op| op_lines(&text_diff, (&old, &new), op, options))
                .collect();
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

/// Above this many bytes, a change of unequal line counts is shown without marking the
/// characters inside its lines: a character diff of a whole rewritten document costs far
/// more than it helps (and similar gives up on it after half a second, leaving marks that
/// cover the rest of the text).
const INLINE_BYTES: usize = 16 * 1024;

/// The lines of one operation, with the changed characters inside each line marked.
fn op_lines(
    text_diff: &TextDiff<'_, '_, str>,
    (old_lines, new_lines): (&[&str], &[&str]),
    op: &DiffOp,
    options: InlineChangeOptions,
) -> Vec<Line> {
    let (tag, old, new) = op.as_tag_tuple();
    if tag == DiffTag::Replace && old.len() == new.len() {
        // As many lines as before (slots filled in place): line i against line i, all the
        // removed lines first, then the added ones, as in `diff -u`.
        let mut removed = Vec::with_capacity(old.len());
        let mut added = Vec::with_capacity(new.len());
        for (o, n) in old.zip(new) {
            let one = DiffOp::Replace {
                old_index: o,
                old_len: 1,
                new_index: n,
                new_len: 1,
            };
            for change in text_diff.iter_inline_changes_with_options(&one, options) {
                let line = line_of(change);
                match line.tag {
                    Tag::Insert => added.push(line),
                    _ => removed.push(line),
                }
            }
        }
        removed.extend(added);
        return removed;
    }
    let small = || {
        let lines = old_lines[old.clone()].iter().chain(&new_lines[new.clone()]);
        lines.map(|l| l.len()).sum::<usize>() <= INLINE_BYTES
    };
    if tag != DiffTag::Replace || small() {
        return text_diff
            .iter_inline_changes_with_options(op, options)
            .map(line_of)
            .collect();
    }
    text_diff
        .iter_changes(op)
        .map(|change| {
            let mut pieces = vec![(false, change.value().to_string())];
            strip_line_end(&mut pieces);
            Line {
                tag: tag_of(change.tag()),
                pieces,
            }
        })
        .collect()
}

fn tag_of(tag: ChangeTag) -> Tag {
    match tag {
        ChangeTag::Equal => Tag::Equal,
        ChangeTag::Delete => Tag::Delete,
        ChangeTag::Insert => Tag::Insert,
    }
}

/// A line with its changed pieces, from similar's inline change.
fn line_of(change: InlineChange<'_, str>) -> Line {
    let mut pieces: Vec<(bool, String)> = Vec::new();
    for (emphasized, piece) in change.iter_strings_lossy() {
        match pieces.last_mut() {
            Some((e, s)) if *e == emphasized => s.push_str(&piece),
            _ => pieces.push((emphasized, piece.into_owned())),
        }
    }
    strip_line_end(&mut pieces);
    tidy(&mut pieces);
    Line {
        tag: tag_of(change.tag()),
        pieces,
    }
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

    fn marked(line: &Line) -> Vec<&str> {
        line.pieces
            .iter()
            .filter(|p| p.0)
            .map(|p| p.1.as_str())
            .collect()
    }

    #[test]
    fn lines_filled_in_place_are_marked_line_by_line() {
        let old = "第1项X个\n第2项X个\n第3项X个\n";
        let hunks = diff(old, "第1项5个\n第2项12个\n第3项7个\n", 0);
        let tags: Vec<Tag> = hunks[0].lines.iter().map(|l| l.tag).collect();
        use Tag::{Delete, Insert};
        assert_eq!(tags, [Delete, Delete, Delete, Insert, Insert, Insert]);
        let added: Vec<Vec<&str>> = hunks[0].lines[3..].iter().map(marked).collect();
        assert_eq!(added, [["5"], ["12"], ["7"]]);
        // So many lines that a character diff of the whole run would be slow.
        let old: String = (0..5000).map(|i| format!("第{i}项X个\n")).collect();
        let new: String = (0..5000)
            .map(|i| format!("第{i}项{}个\n", i % 97))
            .collect();
        let hunks = diff(&old, &new, 0);
        let inserted = hunks[0].lines.iter().filter(|l| l.tag == Tag::Insert);
        for (i, line) in inserted.enumerate() {
            assert_eq!(marked(line), [(i % 97).to_string()], "line {}", i + 1);
        }
    }

    #[test]
    fn a_large_rewrite_of_other_length_has_no_marks_inside_lines() {
        let old: String = (0..1000).map(|i| format!("第{i}项X个\n")).collect();
        let new: String = (0..1200).map(|i| format!("新的第{i}段\n")).collect();
        let hunks = diff(&old, &new, 0);
        let lines: Vec<&Line> = hunks.iter().flat_map(|h| &h.lines).collect();
        assert_eq!(lines.len(), 2200);
        assert!(lines.iter().all(|l| marked(l).is_empty()));
        assert_eq!(lines[0].pieces, [(false, "第0项X个".to_string())]);
        // A small one keeps its marks.
        let hunks = diff("甲X乙\n", "甲1乙\n丙\n", 0);
        assert_eq!(marked(&hunks[0].lines[1]), ["1"]);
    }

    #[test]
    fn identical_texts_have_no_hunks() {
        assert!(diff("a\nb\n", "a\nb\n", 3).is_empty());
    }
}
