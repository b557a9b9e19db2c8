//! Places in a text: byte ranges (`Span`), human positions (`Position`: 1-based line and
//! column counted in characters) and display width for underlines under CJK text.
//! Knows nothing about files, slots or schemas.

use unicode_width::UnicodeWidthStr;

/// A byte range `start..end` into a text, always on `char` boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// A human position: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

/// Byte offsets where each line starts, for turning bytes into positions.
///
/// Lines end at `\n`; a `\r` before it belongs to the line ending, not to the line's text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        // Counted first: a list that grows by doubling is copied and touched twice over.
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let mut starts = Vec::with_capacity(lines + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// Number of lines (a trailing newline does not open a counted line of its own).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The position of byte `offset` in `text` (the text this index was built from).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let line0 = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = text[self.starts[line0]..offset].chars().count() + 1;
        Position {
            line: line0 + 1,
            column,
        }
    }

    /// The byte range of line `line` (1-based), without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts[line - 1];
        let mut end = self
            .starts
            .get(line)
            .map(|&next| next - 1)
            .unwrap_or(text.len());
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// The text of line `line` (1-based), without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        self.line_span(text, line).of(text)
    }
}

/// Display width of `s` in terminal columns (CJK characters count two).
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The first character at or before `offset` that starts a `char` in `text`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "第一行\n分为X个组\n";
        let index = LineIndex::new(text);
        let x = text.find('X').unwrap();
        assert_eq!(index.position(text, x), Position { line: 2, column: 3 });
    }

    #[test]
    fn line_text_drops_crlf() {
        let text = "甲\r\n乙X\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_text(text, 1), "甲");
        assert_eq!(index.line_text(text, 2), "乙X");
        let x = text.find('X').unwrap();
        assert_eq!(index.position(text, x), Position { line: 2, column: 2 });
    }

    #[test]
    fn last_line_without_newline() {
        let text = "a\nbX";
        let index = LineIndex::new(text);
        assert_eq!(index.line_text(text, 2), "bX");
        assert_eq!(index.line_count(), 2);
    }

    #[test]
    fn cjk_is_two_columns_wide() {
        assert_eq!(display_width("组数"), 4);
        assert_eq!(display_width("X"), 1);
        assert_eq!(display_width("Ｘ"), 2);
    }
}
