//! Word packages (.docx) as text and back: [`Docx::open`] reads the paragraphs of the body,
//! headers, footers, footnotes and endnotes into one text, one paragraph per line, and
//! remembers which XML bytes each character came from; [`Docx::replace`] writes edits of
//! that text into the runs (`w:r`) that hold it and copies every other part of the package
//! as it was, compressed bytes and all.
//!
//! A slot that Word split across runs (spelling marks, revisions, bookmarks, a change of
//! formatting) is one piece of text here, so the scanner sees it whole. Finding slots,
//! binding and filling them are other modules' business; so are files: this module takes and
//! returns bytes.

use std::borrow::Cow;
use std::fmt;
use std::io::{Cursor, Read, Write};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::error::Error;
use crate::span::Span;

/// The main part, the one a package must hold to be a Word document.
const DOCUMENT: &str = "word/document.xml";

/// WordprocessingML, transitional and strict.
const W_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Markup compatibility: `mc:AlternateContent`, `mc:Choice`, `mc:Fallback`.
const MC_NAMESPACE: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The text parts of a package together may inflate to this many bytes; past it the package
/// is refused before more is read (a zip bomb guard: a 1.5 MB file can inflate to gigabytes).
pub const MAX_INFLATED: u64 = 256 << 20;

/// True when `bytes` are a zip archive holding `word/document.xml`, whatever the file is called.
pub fn is_docx(bytes: &[u8]) -> bool {
    ZipArchive::new(Cursor::new(bytes))
        .map(|archive| archive.index_for_name(DOCUMENT).is_some())
        .unwrap_or(false)
}

/// Where a byte offset of [`Docx::text`] is in the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The part, e.g. `word/document.xml` or `word/header1.xml`.
    pub part: String,
    /// The paragraph (`w:p`) within the part, from 1, counted in the order the paragraphs
    /// open (a text box's paragraphs come after the paragraph that anchors it); 0 only when
    /// the package has no paragraph at all.
    pub paragraph: usize,
}

/// A Word package read for its text: the archive's bytes, the XML of each text part, the
/// text, and for every character of the text the XML bytes it came from.
pub struct Docx {
    /// The display name, for errors.
    name: String,
    /// The archive as read.
    bytes: Vec<u8>,
    /// The text parts, in text order.
    parts: Vec<Part>,
    /// Every paragraph of every text part, each ended by `\n`.
    text: String,
    /// Where each line of `text` starts and which paragraph it is.
    lines: Vec<Line>,
    /// The characters of `text` (all but the line ends), in text order, by where they came from.
    pieces: Vec<Piece>,
    /// The `w:t` elements that hold text, indexed by [`Piece::t`].
    texts: Vec<TextElement>,
}

/// A part of the package whose paragraphs are in the text.
struct Part {
    /// Its name in the archive.
    name: String,
    /// Its index in the archive.
    entry: usize,
    /// Its XML.
    xml: String,
}

/// One line of the text: one paragraph.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// Offset of its first byte in the text.
    start: usize,
    /// Index into [`Docx::parts`].
    part: usize,
    /// The paragraph's number within its part, from 1.
    paragraph: usize,
}

/// How the bytes of a [`Piece`] stand in the XML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Character data of a `w:t`, byte for byte (a line break in it reads as a space).
    Raw,
    /// The content of a CDATA section in a `w:t`, byte for byte.
    CData,
    /// An entity or character reference in a `w:t` (`&amp;`, `&#x4E00;`): one character.
    Entity,
    /// A run element that reads as one character: `w:tab` (`\t`), `w:br` or `w:cr` (a space),
    /// `w:noBreakHyphen` (`-`).
    Element,
}

/// A stretch of the text and the XML bytes it came from.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Offset in the text (relative to its line while a part is read).
    start: usize,
    /// Length in the text, in bytes.
    len: usize,
    /// Index into [`Docx::parts`].
    part: usize,
    /// The XML bytes: for [`Kind::Raw`] and [`Kind::CData`] exactly `len` bytes that match the
    /// text one for one; otherwise the whole reference or element.
    xml: (usize, usize),
    /// How the XML stands for the text.
    kind: Kind,
    /// Index into [`Docx::texts`] of the `w:t` holding it; [`NO_TEXT`] for an element.
    t: usize,
}

impl Piece {
    fn end(&self) -> usize {
        self.start + self.len
    }
}

/// [`Piece::t`] of a piece that is not inside a `w:t`.
const NO_TEXT: usize = usize::MAX;

/// What a replacement needs to know about a `w:t` start tag.
#[derive(Debug, Clone, Copy)]
struct TextElement {
    /// Offset of the `>` that closes the start tag.
    close: usize,
    /// The bytes of its `xml:space` value, when it has one.
    space: Option<(usize, usize)>,
    /// Whether `xml:space="preserve"`.
    preserve: bool,
}

/// One change to a part's XML: `start..end` becomes `insert`.
#[derive(Debug)]
struct XmlEdit {
    start: usize,
    end: usize,
    insert: String,
}

impl fmt::Debug for Docx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Docx")
            .field("name", &self.name)
            .field("bytes", &self.bytes.len())
            .field(
                "parts",
                &self.parts.iter().map(|p| &p.name).collect::<Vec<_>>(),
            )
            .field("lines", &self.lines.len())
            .finish_non_exhaustive()
    }
}

impl Docx {
    /// Reads a .docx; `name` is the display name for errors ([`Error::Docx`]).
    ///
    /// Fails on bytes that are not a zip archive, a package without `word/document.xml`, a text
    /// part that cannot be decompressed, is not UTF-8 or is not well-formed XML; the message
    /// names the part and the byte offset.
    pub fn open(bytes: Vec<u8>, name: &str) -> Result<Docx, Error> {
        Docx::open_with_limit(bytes, name, MAX_INFLATED)
    }

    /// As [`Docx::open`], with at most `limit` bytes for the text parts inflated together.
    pub fn open_with_limit(bytes: Vec<u8>, name: &str, limit: u64) -> Result<Docx, Error> {
        let fail = |part: Option<&str>, message: String| Error::Docx {
            path: name.to_string(),
            part: part.map(str::to_string),
            message,
        };
        let mut parts = Vec::new();
        {
            let mut archive = ZipArchive::new(Cursor::new(bytes.as_slice()))
                .map_err(|e| fail(None, format!("not a zip archive ({e})")))?;
            // The reader keeps one entry per name: a name twice would be dropped from the
            // package written back. Refused, as Word refuses such a file.
            if let Some(listed) = listed_entries(&bytes)
                && listed > archive.len()
            {
                return Err(fail(
                    None,
                    format!(
                        "the package lists {listed} entries but only {} names: an entry's name \
                         comes twice",
                        archive.len()
                    ),
                ));
            }
            let mut found: Vec<((u8, u64), String, usize)> = (0..archive.len())
                .filter_map(|entry| {
                    let part = archive.name_for_index(entry)?.ok()?;
                    Some((text_part_order(&part)?, part.into_owned(), entry))
                })
                .collect();
            if !found.iter().any(|(_, part, _)| part == DOCUMENT) {
                return Err(fail(
                    None,
                    format!("the package has no {DOCUMENT}: it is not a Word document"),
                ));
            }
            found.sort();
            let mut budget = limit;
            for (_, part, entry) in found {
                let xml = read_part(&mut archive, entry, &mut budget, limit)
                    .map_err(|m| fail(Some(&part), m))?;
                parts.push(Part {
                    name: part,
                    entry,
                    xml,
                });
            }
        }

        let mut text = String::new();
        let mut lines = Vec::new();
        let mut pieces = Vec::new();
        let mut texts = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let paragraphs =
                walk(&part.xml, index, &mut texts).map_err(|m| fail(Some(&part.name), m))?;
            for (i, paragraph) in paragraphs.into_iter().enumerate() {
                let start = text.len();
                lines.push(Line {
                    start,
                    part: index,
                    paragraph: i + 1,
                });
                text.push_str(&paragraph.text);
                text.push('\n');
                pieces.extend(paragraph.pieces.into_iter().map(|mut p| {
                    p.start += start;
                    p
                }));
            }
        }
        Ok(Docx {
            name: name.to_string(),
            bytes,
            parts,
            text,
            lines,
            pieces,
            texts,
        })
    }

    /// The document's text: every paragraph (`w:p`) of every text part, one per line (`\n`),
    /// parts in this order: `word/document.xml`, then headers (`word/header*.xml`), footers,
    /// footnotes, endnotes. The paragraphs of a text box (`w:txbxContent`) are lines of the
    /// part that holds the box, after the paragraph that anchors it.
    ///
    /// Only text a reader sees counts: `w:t` inside a run, revisions' inserted text, field
    /// results. Deleted text (`w:delText`, `w:del`, `w:moveFrom`), field codes (`w:instrText`)
    /// and the legacy copy of a text box (`mc:Fallback`) do not. `w:tab` reads as `\t`,
    /// `w:br` and `w:cr` as a space (a line is a paragraph), `w:noBreakHyphen` as `-`.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where byte `offset` of [`Docx::text`] is: the part and the paragraph within it.
    pub fn place(&self, offset: usize) -> Place {
        let Some(line) = self
            .lines
            .partition_point(|l| l.start <= offset)
            .checked_sub(1)
            .map(|i| self.lines[i])
        else {
            return Place {
                part: DOCUMENT.to_string(),
                paragraph: 0,
            };
        };
        Place {
            part: self.parts[line.part].name.clone(),
            paragraph: line.paragraph,
        }
    }

    /// A new package in which each `(span of text(), replacement)` is applied. The spans must
    /// be sorted, must not overlap and must not cross a line end.
    ///
    /// The replacement goes into the run holding the span's first character, so it keeps that
    /// run's formatting (`w:rPr`); the rest of the span is cut from the runs that follow, which
    /// may be left with an empty `w:t`. The replacement is XML-escaped, and a `w:t` that gets
    /// leading or trailing white space gets `xml:space="preserve"`. Parts without a
    /// replacement are copied unchanged, compressed bytes and all. The result is read back
    /// with [`Docx::open`] before it is returned.
    pub fn replace(&self, edits: &[(Span, String)]) -> Result<Vec<u8>, Error> {
        let fail = |part: Option<&str>, message: String| Error::Docx {
            path: self.name.clone(),
            part: part.map(str::to_string),
            message,
        };
        let mut by_part: Vec<Vec<XmlEdit>> = (0..self.parts.len()).map(|_| Vec::new()).collect();
        // (w:t index, edit index, whether the edit's value goes into that w:t, a piece of it)
        let mut touched: Vec<(usize, usize, bool, usize)> = Vec::new();
        let mut last_end = 0;
        for (number, (span, value)) in edits.iter().enumerate() {
            self.check_value(*span, value)?;
            self.check_edit(*span, value, last_end)
                .map_err(|m| fail(None, m))?;
            last_end = span.end;
            if span.of(&self.text) == value {
                // Nothing changes: leave the part as it is, compressed bytes and all.
                continue;
            }
            let first = self.first_piece(*span).ok_or_else(|| {
                let place = self.place(span.start);
                fail(
                    Some(&place.part),
                    format!(
                        "paragraph {} has no run to hold a value at text offset {}",
                        place.paragraph, span.start
                    ),
                )
            })?;
            let piece = self.pieces[first];
            let xml = &mut by_part[piece.part];

            // The value, in the first piece.
            let cut_end = span.end.min(piece.end());
            let escaped = escape(value);
            match piece.kind {
                Kind::Raw | Kind::CData => {
                    let at = piece.xml.0 + (span.start - piece.start);
                    let insert = if piece.kind == Kind::CData && !escaped.is_empty() {
                        format!("]]>{escaped}<![CDATA[")
                    } else {
                        escaped
                    };
                    xml.push(XmlEdit {
                        start: at,
                        end: at + (cut_end - span.start),
                        insert,
                    });
                }
                Kind::Entity | Kind::Element => {
                    // An atom is one character: the span covers it whole, or the span is empty
                    // and sits right after it.
                    let (start, end) = if span.start == piece.start && cut_end > span.start {
                        piece.xml
                    } else if span.start == piece.start {
                        (piece.xml.0, piece.xml.0)
                    } else {
                        (piece.xml.1, piece.xml.1)
                    };
                    let insert = if piece.kind == Kind::Element && !escaped.is_empty() {
                        let prefix = element_prefix(&self.parts[piece.part].xml, piece.xml.0);
                        let space = if needs_preserve(value) {
                            " xml:space=\"preserve\""
                        } else {
                            ""
                        };
                        format!("<{prefix}t{space}>{escaped}</{prefix}t>")
                    } else {
                        escaped
                    };
                    xml.push(XmlEdit { start, end, insert });
                }
            }
            if piece.t != NO_TEXT {
                touched.push((piece.t, number, true, first));
            }

            // The rest of the span, cut from the pieces that follow.
            for (index, piece) in self
                .pieces
                .iter()
                .enumerate()
                .skip(first + 1)
                .take_while(|(_, p)| p.start < span.end)
            {
                let end = span.end.min(piece.end());
                let (start, end) = match piece.kind {
                    Kind::Raw | Kind::CData => (piece.xml.0, piece.xml.0 + (end - piece.start)),
                    Kind::Entity | Kind::Element => piece.xml,
                };
                by_part[piece.part].push(XmlEdit {
                    start,
                    end,
                    insert: String::new(),
                });
                if piece.t != NO_TEXT {
                    touched.push((piece.t, number, false, index));
                }
            }
        }

        self.preserve_spaces(edits, touched, &mut by_part);

        let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(self.bytes.len())));
        let mut archive = ZipArchive::new(Cursor::new(self.bytes.as_slice()))
            .map_err(|e| fail(None, format!("not a zip archive ({e})")))?;
        for entry in 0..archive.len() {
            let edited = self
                .parts
                .iter()
                .zip(&mut by_part)
                .find(|(part, xml)| part.entry == entry && !xml.is_empty());
            let file = archive
                .by_index_raw(entry)
                .map_err(|e| fail(None, format!("cannot read entry {entry} ({e})")))?;
            let entry_name = String::from_utf8_lossy(file.name_raw()).into_owned();
            let written = match edited {
                None => out.raw_copy_file(file),
                Some((part, xml)) => {
                    let method = match file.compression() {
                        CompressionMethod::Stored => CompressionMethod::Stored,
                        _ => CompressionMethod::Deflated,
                    };
                    let mut options = SimpleFileOptions::default()
                        .compression_method(method)
                        .last_modified_time(file.last_modified().unwrap_or_default());
                    if let Some(mode) = file.unix_mode() {
                        options = options.unix_permissions(mode);
                    }
                    drop(file);
                    xml.sort_by_key(|e| (e.start, e.end));
                    let new_xml = apply(&part.xml, xml);
                    out.start_file(part.name.as_str(), options)
                        .and_then(|()| out.write_all(new_xml.as_bytes()).map_err(Into::into))
                }
            };
            written.map_err(|e| fail(Some(&entry_name), format!("cannot write it ({e})")))?;
        }
        let bytes = out
            .finish()
            .map_err(|e| fail(None, format!("cannot finish the archive ({e})")))?
            .into_inner();

        let check = Docx::open(bytes, &self.name)
            .map_err(|e| fail(None, format!("the written package does not read back: {e}")))?;
        if check.text != self.expected_text(edits) {
            return Err(fail(
                None,
                "the written package does not read back as the filled text".into(),
            ));
        }
        Ok(check.bytes)
    }

    /// Why an edit cannot be applied, if it cannot.
    /// What a Word document cannot take, blamed on where it comes from: a slot that runs
    /// across the end of a paragraph (a schema's `patterns` made it), a value with a character
    /// XML cannot hold.
    fn check_value(&self, span: Span, value: &str) -> Result<(), Error> {
        let text = &self.text;
        if span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            return Ok(()); // check_edit says what is wrong with the span itself
        }
        let at = || {
            let before = &text[..span.start];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let place = self.place(span.start);
            format!(
                "the slot at {}:{} ({}, paragraph {})",
                1 + before.matches('\n').count(),
                1 + before[line_start..].chars().count(),
                place.part,
                place.paragraph
            )
        };
        if span.of(text).contains('\n') {
            return Err(Error::Usage {
                message: format!(
                    "cannot fill {}: {} runs across the end of a paragraph ({:?}), and a Word \
                     document fills a slot within one paragraph",
                    self.name,
                    at(),
                    span.of(text)
                ),
                help: "a schema's `patterns` made this slot: write the pattern so that it stops \
                       at a line end ([^\\n] rather than . or \\s)"
                    .into(),
            });
        }
        if let Some(c) = value.chars().find(|&c| !is_xml_char(c)) {
            return Err(Error::Usage {
                message: format!(
                    "cannot fill {}: the value {value:?} for {} holds U+{:04X}, which a Word \
                     document cannot hold",
                    self.name,
                    at(),
                    c as u32
                ),
                help: "remove that character from the value".into(),
            });
        }
        Ok(())
    }

    fn check_edit(&self, span: Span, value: &str, last_end: usize) -> Result<(), String> {
        let text = &self.text;
        if span.start > span.end
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            return Err(format!(
                "edit {}..{} is not a range of the text",
                span.start, span.end
            ));
        }
        if span.start < last_end {
            return Err(format!(
                "edit {}..{} overlaps or comes before the one ending at {last_end}",
                span.start, span.end
            ));
        }
        if span.of(text).contains('\n') {
            return Err(format!(
                "edit {}..{} crosses the end of a paragraph",
                span.start, span.end
            ));
        }
        if let Some(c) = value.chars().find(|&c| !is_xml_char(c)) {
            return Err(format!(
                "value {value:?} holds {c:?}, which XML cannot hold"
            ));
        }
        Ok(())
    }

    /// The index of the piece that receives the value of `span`: the one holding its first
    /// character, or for an empty span at the end of a paragraph the one before it.
    fn first_piece(&self, span: Span) -> Option<usize> {
        let i = self.pieces.partition_point(|p| p.end() <= span.start);
        match self.pieces.get(i) {
            Some(p) if p.start <= span.start && span.start < p.end() => Some(i),
            _ if span.is_empty() && i > 0 && self.pieces[i - 1].end() == span.start => Some(i - 1),
            _ => None,
        }
    }

    /// Adds `xml:space="preserve"` to each touched `w:t` whose new text starts or ends with
    /// white space, which Word would otherwise drop.
    fn preserve_spaces(
        &self,
        edits: &[(Span, String)],
        mut touched: Vec<(usize, usize, bool, usize)>,
        by_part: &mut [Vec<XmlEdit>],
    ) {
        // The value's entry first, so that it is written before what the edit cuts.
        touched.sort_by_key(|&(t, edit, receives, _)| (t, edit, !receives));
        let mut rest = touched.as_slice();
        while let Some(&(t, _, _, piece)) = rest.first() {
            let n = rest.iter().take_while(|x| x.0 == t).count();
            let (group, tail) = rest.split_at(n);
            rest = tail;
            let element = self.texts[t];
            if element.preserve {
                continue;
            }
            let (first, last) = self.pieces_of(t, piece);
            let (start, end) = (self.pieces[first].start, self.pieces[last].end());
            let mut new = String::new();
            let mut pos = start;
            for &(_, edit, receives, _) in group {
                let (span, value) = &edits[edit];
                let (cut_start, cut_end) =
                    (span.start.clamp(start, end), span.end.clamp(start, end));
                new.push_str(&self.text[pos.min(cut_start)..cut_start]);
                if receives {
                    new.push_str(value);
                }
                pos = pos.max(cut_end);
            }
            new.push_str(&self.text[pos..end]);
            if needs_preserve(&new) {
                let part = self.pieces[first].part;
                let edit = match element.space {
                    Some((start, end)) => XmlEdit {
                        start,
                        end,
                        insert: "preserve".into(),
                    },
                    None => XmlEdit {
                        start: element.close,
                        end: element.close,
                        insert: " xml:space=\"preserve\"".into(),
                    },
                };
                by_part[part].push(edit);
            }
        }
    }

    /// The first and last index of the pieces of `w:t` number `t`, given the index of one of
    /// them (they are next to each other).
    fn pieces_of(&self, t: usize, any: usize) -> (usize, usize) {
        debug_assert_eq!(self.pieces[any].t, t);
        let mut first = any;
        while first > 0 && self.pieces[first - 1].t == t {
            first -= 1;
        }
        let mut last = any;
        while last + 1 < self.pieces.len() && self.pieces[last + 1].t == t {
            last += 1;
        }
        (first, last)
    }

    /// The text with the edits applied, as [`Docx::open`] reads it back.
    fn expected_text(&self, edits: &[(Span, String)]) -> String {
        let mut out = String::with_capacity(self.text.len());
        let mut pos = 0;
        for (span, value) in edits {
            out.push_str(&self.text[pos..span.start]);
            out.extend(value.chars().map(|c| match c {
                '\n' | '\r' => ' ',
                c => c,
            }));
            pos = span.end;
        }
        out.push_str(&self.text[pos..]);
        out
    }
}

/// Where a text part goes in the text, or `None` for a part that holds no text of ours.
fn text_part_order(name: &str) -> Option<(u8, u64)> {
    let rest = name.strip_prefix("word/")?.strip_suffix(".xml")?;
    if rest.contains('/') {
        return None;
    }
    let numbered = |prefix: &str| {
        let n = rest.strip_prefix(prefix)?;
        Some(n.parse::<u64>().unwrap_or(u64::MAX))
    };
    match rest {
        "document" => Some((0, 0)),
        "footnotes" => Some((3, 0)),
        "endnotes" => Some((4, 0)),
        _ => numbered("header")
            .map(|n| (1, n))
            .or_else(|| numbered("footer").map(|n| (2, n))),
    }
}

/// The XML of archive entry `entry`, or why it cannot be had; what it inflates to is taken
/// from `budget` (the text parts' share of `limit` still unread).
fn read_part<R: Read + std::io::Seek>(
    archive: &mut ZipArchive<R>,
    entry: usize,
    budget: &mut u64,
    limit: u64,
) -> Result<String, String> {
    let too_large = || {
        format!(
            "the package's text inflates to more than {} MB, more than xfill reads (a zip bomb?); \
             --max-size raises the limit",
            limit >> 20
        )
    };
    let file = archive
        .by_index(entry)
        .map_err(|e| format!("cannot open it ({e})"))?;
    if file.size() > *budget {
        return Err(too_large());
    }
    // The declared size may lie: read no more than the budget, reserve no more than a large
    // document needs.
    let mut bytes = Vec::with_capacity(file.size().min(1 << 24) as usize);
    file.take(*budget + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot decompress it ({e})"))?;
    if bytes.len() as u64 > *budget {
        return Err(too_large());
    }
    *budget -= bytes.len() as u64;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("the XML is UTF-16; xfill reads UTF-8 parts only".into());
    }
    let mut xml = String::from_utf8(bytes).map_err(|e| {
        format!(
            "the XML is not UTF-8: bad byte at offset {}",
            e.utf8_error().valid_up_to()
        )
    })?;
    // The reader skips a byte order mark without counting it in its offsets; an edited part
    // is written back without it, which XML allows for UTF-8.
    if xml.starts_with('\u{FEFF}') {
        xml.drain(..'\u{FEFF}'.len_utf8());
    }
    Ok(xml)
}

/// What an element means to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    Paragraph,
    Run,
    Text,
    /// An element that reads as this character.
    Atom(char),
    /// Content a reader does not see: deleted or moved-away text, a legacy fallback.
    Hidden,
    Other,
}

fn classify(ns: &ResolveResult<'_>, local: &str) -> Name {
    let ResolveResult::Bound(ns) = ns else {
        return Name::Other;
    };
    if W_NAMESPACES.contains(&ns.0) {
        match local {
            "p" => Name::Paragraph,
            "r" => Name::Run,
            "t" => Name::Text,
            "tab" => Name::Atom('\t'),
            "br" | "cr" => Name::Atom(' '),
            "noBreakHyphen" => Name::Atom('-'),
            "del" | "moveFrom" => Name::Hidden,
            _ => Name::Other,
        }
    } else if ns.0 == MC_NAMESPACE && local == "Fallback" {
        Name::Hidden
    } else {
        Name::Other
    }
}

/// An open element, as far as the text is concerned.
#[derive(Debug, Clone, Copy)]
enum Tag {
    Paragraph,
    Run,
    /// A `w:t` whose text counts; the index into the `w:t` list.
    Text(usize),
    /// A `w:tab`, `w:br`, … written with an end tag: its character and where it starts.
    Atom(char, usize),
    Hidden,
    Other,
}

/// A paragraph's text and pieces, offsets relative to the paragraph.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    pieces: Vec<Piece>,
}

impl Paragraph {
    fn push(&mut self, text: &str, part: usize, xml: (usize, usize), kind: Kind, t: usize) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.extend(text.chars().map(|c| match c {
            '\n' | '\r' => ' ',
            c => c,
        }));
        self.pieces.push(Piece {
            start,
            len: text.len(),
            part,
            xml,
            kind,
            t,
        });
    }
}

/// Reads one part's paragraphs, in the order they open, adding its `w:t` elements to `texts`.
fn walk(xml: &str, part: usize, texts: &mut Vec<TextElement>) -> Result<Vec<Paragraph>, String> {
    let mut reader = NsReader::from_str(xml);
    let mut stack: Vec<Tag> = Vec::new();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    // The paragraphs open around the current element, innermost last.
    let mut open: Vec<usize> = Vec::new();
    let mut hidden = 0usize;
    let mut seen_root = false;
    loop {
        let before = reader.buffer_position() as usize;
        let (name, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => {
                let name = match &event {
                    Event::Start(e) | Event::Empty(e) => classify(&ns, e.local_name().as_ref()),
                    _ => Name::Other,
                };
                (name, event)
            }
            Err(e) => {
                return Err(format!(
                    "the XML is not well-formed at byte {}: {e}",
                    reader.error_position()
                ));
            }
        };
        let after = reader.buffer_position() as usize;
        let visible = hidden == 0;
        let in_run = matches!(stack.last(), Some(Tag::Run)) && visible && !open.is_empty();
        match event {
            Event::Start(e) => {
                seen_root = true;
                let tag = match name {
                    Name::Paragraph if visible => {
                        open.push(paragraphs.len());
                        paragraphs.push(Paragraph::default());
                        Tag::Paragraph
                    }
                    Name::Run => Tag::Run,
                    Name::Text if in_run => {
                        texts.push(text_element(&e, xml, before, after)?);
                        Tag::Text(texts.len() - 1)
                    }
                    // What a `w:tab` written with an end tag holds is no text: the element
                    // reads as its one character, and its whole XML is what a value replaces.
                    Name::Atom(c) if in_run => {
                        hidden += 1;
                        Tag::Atom(c, before)
                    }
                    Name::Hidden => {
                        hidden += 1;
                        Tag::Hidden
                    }
                    _ => Tag::Other,
                };
                stack.push(tag);
            }
            Event::Empty(_) => {
                seen_root = true;
                match name {
                    Name::Paragraph if visible => paragraphs.push(Paragraph::default()),
                    Name::Atom(c) if in_run => {
                        let line = *open.last().expect("a run in view is in a paragraph");
                        paragraphs[line].push(
                            c.encode_utf8(&mut [0; 4]),
                            part,
                            (before, after),
                            Kind::Element,
                            NO_TEXT,
                        );
                    }
                    _ => {}
                }
            }
            Event::End(_) => match stack.pop() {
                Some(Tag::Paragraph) => {
                    open.pop();
                }
                Some(Tag::Hidden) => hidden -= 1,
                Some(Tag::Atom(c, start)) => {
                    hidden -= 1;
                    let line = *open.last().expect("a run in view is in a paragraph");
                    paragraphs[line].push(
                        c.encode_utf8(&mut [0; 4]),
                        part,
                        (start, after),
                        Kind::Element,
                        NO_TEXT,
                    );
                }
                _ => {}
            },
            Event::Text(_) => {
                if let Some(&Tag::Text(t)) = stack.last() {
                    let line = *open.last().expect("a w:t in view is in a paragraph");
                    paragraphs[line].push(&xml[before..after], part, (before, after), Kind::Raw, t);
                }
            }
            Event::CData(_) => {
                if let Some(&Tag::Text(t)) = stack.last() {
                    let line = *open.last().expect("a w:t in view is in a paragraph");
                    let content = (before + "<![CDATA[".len(), after - "]]>".len());
                    paragraphs[line].push(
                        &xml[content.0..content.1],
                        part,
                        content,
                        Kind::CData,
                        t,
                    );
                }
            }
            Event::GeneralRef(r) => {
                if let Some(&Tag::Text(t)) = stack.last() {
                    let c = resolve(&r).ok_or_else(|| {
                        format!(
                            "the XML is not well-formed at byte {before}: unknown entity &{};",
                            &*r
                        )
                    })?;
                    let line = *open.last().expect("a w:t in view is in a paragraph");
                    paragraphs[line].push(
                        c.encode_utf8(&mut [0; 4]),
                        part,
                        (before, after),
                        Kind::Entity,
                        t,
                    );
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(format!(
            "the XML ends at byte {} with {} element(s) still open: is the part cut short?",
            xml.len(),
            stack.len()
        ));
    }
    if !seen_root {
        return Err("the XML has no root element".into());
    }
    Ok(paragraphs)
}

/// The `w:t` start tag `e`, which spans `start..end` of `xml`.
fn text_element(
    e: &BytesStart<'_>,
    xml: &str,
    start: usize,
    end: usize,
) -> Result<TextElement, String> {
    debug_assert_eq!(xml.as_bytes()[end - 1], b'>');
    let mut element = TextElement {
        close: end - 1,
        space: None,
        preserve: false,
    };
    for attribute in e.attributes() {
        let attribute = attribute
            .map_err(|err| format!("the XML is not well-formed at byte {start}: {err}"))?;
        if attribute.key.as_ref() != "xml:space" {
            continue;
        }
        element.preserve = attribute.value.as_ref() == "preserve";
        // The value borrows from `xml`: find its bytes there, to rewrite them if need be.
        if let Cow::Borrowed(value) = attribute.value {
            let offset = (value.as_ptr() as usize).wrapping_sub(xml.as_ptr() as usize);
            if xml.get(offset..offset + value.len()) == Some(value) {
                element.space = Some((offset, offset + value.len()));
            }
        }
        if element.space.is_none() {
            // Cannot be rewritten in place; adding a second xml:space would break the XML.
            element.preserve = true;
        }
    }
    Ok(element)
}

/// The character an entity or character reference stands for.
fn resolve(r: &quick_xml::events::BytesRef<'_>) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        Ok(None) => match &**r {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        },
        Err(_) => None,
    }
}

/// The namespace prefix, with its colon, of the element that starts at `at` (`w:` of `<w:tab/>`).
fn element_prefix(xml: &str, at: usize) -> &str {
    let name = &xml[at + 1..];
    let end = name
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(name.len());
    match name[..end].rfind(':') {
        Some(colon) => &name[..=colon],
        None => "",
    }
}

/// Whether a `w:t` holding `text` needs `xml:space="preserve"` to keep its spaces.
fn needs_preserve(text: &str) -> bool {
    let space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    text.starts_with(space) || text.ends_with(space)
}

/// Characters XML 1.0 can hold.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` as XML character data.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// `xml` with `edits` (sorted, not overlapping) applied.
fn apply(xml: &str, edits: &[XmlEdit]) -> String {
    let mut out = String::with_capacity(xml.len() + 64 * edits.len());
    let mut pos = 0;
    for edit in edits {
        debug_assert!(edit.start >= pos, "XML edits overlap");
        out.push_str(&xml[pos..edit.start]);
        out.push_str(&edit.insert);
        pos = edit.end;
    }
    out.push_str(&xml[pos..]);
    out
}

/// The number of entries a zip archive's end of central directory record lists, when the
/// record is a plain one (not ZIP64, which lists 0xFFFF here).
fn listed_entries(bytes: &[u8]) -> Option<usize> {
    // The record is 22 bytes and a comment of at most 65,535 bytes may follow it.
    let from = bytes.len().saturating_sub(22 + 0xFFFF);
    let at = (from..=bytes.len().checked_sub(22)?)
        .rev()
        .find(|&i| bytes[i..i + 4] == *b"PK\x05\x06")?;
    let total = u16::from_le_bytes([bytes[at + 10], bytes[at + 11]]);
    (total != 0xFFFF).then_some(usize::from(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

    /// A package whose document body is `body`, plus `extra` parts.
    fn package(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:mc="{MC}"><w:body>{body}</w:body></w:document>"#
        );
        let mut parts = vec![
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0"?><Types/>"#.to_string(),
            ),
            (DOCUMENT, document),
        ];
        parts.extend(extra.iter().map(|(n, x)| (*n, x.to_string())));
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, xml) in parts {
            zip.start_file(name, SimpleFileOptions::default()).unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn open(body: &str) -> Docx {
        Docx::open(package(body, &[]), "t.docx").unwrap()
    }

    fn run(text: &str) -> String {
        format!("<w:r><w:t>{text}</w:t></w:r>")
    }

    fn message(result: Result<Docx, Error>) -> (Option<String>, String) {
        match result {
            Err(Error::Docx { part, message, .. }) => (part, message),
            other => panic!("expected Error::Docx, got {other:?}"),
        }
    }

    /// The document.xml of a package.
    fn document_xml(bytes: &[u8]) -> String {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        archive
            .by_name(DOCUMENT)
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    fn fill_all(docx: &Docx, value: &str) -> Vec<u8> {
        let edits: Vec<(Span, String)> = docx
            .text()
            .match_indices('X')
            .map(|(i, _)| (Span::new(i, i + 1), value.to_string()))
            .collect();
        docx.replace(&edits).unwrap()
    }

    #[test]
    fn one_line_per_paragraph_and_runs_join() {
        let body = format!(
            "<w:p>{}<w:proofErr w:type=\"spellStart\"/>{}</w:p><w:p/><w:p>{}</w:p>",
            run("分为"),
            run("X个组"),
            run("甲")
        );
        assert_eq!(open(&body).text(), "分为X个组\n\n甲\n");
    }

    #[test]
    fn references_and_cdata_are_read_as_characters() {
        let body =
            "<w:p><w:r><w:t>A&amp;B&lt;&#x4E00;&#20108;&quot;<![CDATA[<X>]]></w:t></w:r></w:p>";
        assert_eq!(open(body).text(), "A&B<一二\"<X>\n");
    }

    #[test]
    fn tabs_and_breaks_read_as_tab_and_space() {
        let body = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
                    <w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr></w:cr><w:noBreakHyphen/></w:r></w:p>";
        assert_eq!(open(body).text(), "a\tb c -\n");
    }

    #[test]
    fn deleted_text_field_codes_and_fallbacks_are_not_text() {
        let body = format!(
            "<w:p><w:del w:id=\"1\"><w:r><w:tab/><w:delText>删X</w:delText></w:r></w:del>\
             <w:ins w:id=\"2\">{}</w:ins>\
             <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE X </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
             <w:moveFrom w:id=\"3\">{}</w:moveFrom>\
             <w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:txbxContent><w:p>{}</w:p></w:txbxContent></mc:Choice>\
             <mc:Fallback><w:txbxContent><w:p>{}</w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>",
            run("增X"),
            run("7"),
            run("移走"),
            run("框内X"),
            run("旧框X"),
        );
        let docx = open(&body);
        assert_eq!(docx.text(), "增X7\n框内X\n");
        assert_eq!(docx.place(0).paragraph, 1);
        assert_eq!(docx.place(docx.text().find('框').unwrap()).paragraph, 2);
    }

    #[test]
    fn text_box_paragraph_comes_after_its_anchor() {
        let body = format!(
            "<w:p>{}<w:r><w:pict><w:txbxContent><w:p>{}</w:p></w:txbxContent></w:pict></w:r>{}</w:p>",
            run("前"),
            run("框"),
            run("后")
        );
        let docx = open(&body);
        assert_eq!(docx.text(), "前后\n框\n");
        let out = docx
            .replace(&[
                (Span::new(0, 3), "甲".into()),
                (Span::new(7, 10), "乙".into()),
            ])
            .unwrap();
        assert_eq!(Docx::open(out, "t").unwrap().text(), "甲后\n乙\n");
    }

    #[test]
    fn raw_pieces_match_their_xml() {
        let body = format!(
            "<w:p>{}{}</w:p><w:p><w:r><w:t xml:space=\"preserve\"> x\ny&amp;</w:t></w:r></w:p>",
            run("分为"),
            run("X个组")
        );
        let docx = open(&body);
        for piece in &docx.pieces {
            let xml = &docx.parts[piece.part].xml[piece.xml.0..piece.xml.1];
            let text = &docx.text[piece.start..piece.end()];
            match piece.kind {
                Kind::Raw => assert_eq!(xml.replace('\n', " "), text),
                Kind::Entity => assert_eq!(xml, "&amp;"),
                _ => {}
            }
        }
    }

    #[test]
    fn value_goes_into_the_run_of_the_first_character() {
        let body = format!(
            "<w:p>{}<w:r><w:rPr><w:b/></w:rPr><w:t>X</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>X个</w:t></w:r></w:p>",
            run("分为")
        );
        let docx = open(&body);
        let out = docx.replace(&[(Span::new(6, 8), "12".into())]).unwrap();
        let xml = document_xml(&out);
        assert!(xml.contains("<w:rPr><w:b/></w:rPr><w:t>12</w:t>"), "{xml}");
        assert!(xml.contains("<w:rPr><w:i/></w:rPr><w:t>个</w:t>"), "{xml}");
    }

    #[test]
    fn edits_that_change_nothing_leave_the_part_as_it_was() {
        let bytes = package(&format!("<w:p>{}</w:p>", run("甲X乙")), &[]);
        let docx = Docx::open(bytes.clone(), "t").unwrap();
        let out = docx
            .replace(&[
                (Span::new(3, 4), "X".into()),
                (Span::new(7, 7), String::new()),
            ])
            .unwrap();
        let raw = |bytes: &[u8]| {
            let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
            let mut raw = Vec::new();
            archive
                .by_name_raw(DOCUMENT.as_bytes())
                .unwrap()
                .read_to_end(&mut raw)
                .unwrap();
            raw
        };
        assert_eq!(raw(&bytes), raw(&out));
    }

    #[test]
    fn values_are_escaped() {
        let docx = open(&format!("<w:p>{}</w:p>", run("甲X乙")));
        let out = fill_all(&docx, "<A&B>");
        assert!(document_xml(&out).contains("<w:t>甲&lt;A&amp;B&gt;乙</w:t>"));
    }

    #[test]
    fn spaces_at_the_ends_of_a_text_are_preserved() {
        let docx = open(&format!("<w:p>{}{}</w:p>", run("X"), run("X 元")));
        // The value ends with a space; the cut leaves the next w:t starting with one.
        let out = docx.replace(&[(Span::new(0, 2), "三 ".into())]).unwrap();
        let xml = document_xml(&out);
        assert!(
            xml.contains("<w:t xml:space=\"preserve\">三 </w:t>"),
            "{xml}"
        );
        assert!(
            xml.contains("<w:t xml:space=\"preserve\"> 元</w:t>"),
            "{xml}"
        );
        assert_eq!(Docx::open(out, "t").unwrap().text(), "三  元\n");
    }

    #[test]
    fn xml_space_default_is_rewritten_not_doubled() {
        let docx = open("<w:p><w:r><w:t xml:space='default'>X</w:t></w:r></w:p>");
        let out = fill_all(&docx, " 1");
        assert!(document_xml(&out).contains("<w:t xml:space='preserve'> 1</w:t>"));
    }

    #[test]
    fn value_at_a_tab_becomes_a_text_in_its_run() {
        let docx = open("<w:p><w:r><w:rPr><w:b/></w:rPr><w:tab/><w:t>X</w:t></w:r></w:p>");
        let out = docx.replace(&[(Span::new(0, 2), "九".into())]).unwrap();
        assert!(document_xml(&out).contains("<w:b/></w:rPr><w:t>九</w:t><w:t></w:t>"));
    }

    #[test]
    fn value_in_cdata_closes_and_reopens_it() {
        let docx = open("<w:p><w:r><w:t><![CDATA[共X人]]></w:t></w:r></w:p>");
        let out = fill_all(&docx, "<5>");
        assert!(document_xml(&out).contains("<![CDATA[共]]>&lt;5&gt;<![CDATA[人]]>"));
        assert_eq!(Docx::open(out, "t").unwrap().text(), "共<5>人\n");
    }

    #[test]
    fn entity_inside_a_span_is_cut() {
        let docx = open(&format!("<w:p>{}</w:p>", run("X&amp;X")));
        let out = docx.replace(&[(Span::new(0, 3), "甲".into())]).unwrap();
        assert!(document_xml(&out).contains("<w:t>甲</w:t>"));
    }

    #[test]
    fn empty_span_inserts_at_the_end_of_a_paragraph() {
        let docx = open(&format!("<w:p>{}</w:p><w:p>{}</w:p>", run("甲"), run("乙")));
        let out = docx.replace(&[(Span::new(3, 3), "丙".into())]).unwrap();
        assert_eq!(Docx::open(out, "t").unwrap().text(), "甲丙\n乙\n");
    }

    #[test]
    fn bad_edits_are_errors() {
        let docx = open(&format!(
            "<w:p>{}</w:p><w:p/><w:p>{}</w:p>",
            run("甲X"),
            run("乙")
        ));
        let cases = [
            vec![(Span::new(1, 2), "1".to_string())],
            vec![(Span::new(3, 4), "1".into()), (Span::new(0, 3), "2".into())],
            vec![(Span::new(0, 99), "1".to_string())],
            vec![(Span::new(5, 5), "1".to_string())],
        ];
        for edits in cases {
            assert!(
                matches!(docx.replace(&edits), Err(Error::Docx { .. })),
                "{edits:?}"
            );
        }
        // A slot across a paragraph end, a value XML cannot hold: the slot or the value is
        // blamed, with its place, not the package.
        let across = docx.replace(&[(Span::new(3, 9), "1".to_string())]);
        assert!(
            matches!(&across, Err(Error::Usage { message, .. }) if message.contains("slot at 1:2") && message.contains("across the end of a paragraph")),
            "{across:?}"
        );
        let control = docx.replace(&[(Span::new(3, 4), "\u{1}".to_string())]);
        assert!(
            matches!(&control, Err(Error::Usage { message, .. }) if message.contains("U+0001")),
            "{control:?}"
        );
    }

    #[test]
    fn headers_footers_and_notes_follow_the_body_in_order() {
        let part = |root: &str, text: &str| {
            format!(
                "<w:{root} xmlns:w=\"{W}\"><w:p>{}</w:p></w:{root}>",
                run(text)
            )
        };
        let bytes = package(
            &format!("<w:p>{}</w:p>", run("正文")),
            &[
                ("word/endnotes.xml", &part("endnotes", "尾注")),
                ("word/footer1.xml", &part("ftr", "页脚")),
                ("word/header10.xml", &part("hdr", "页眉十")),
                ("word/header2.xml", &part("hdr", "页眉二")),
                ("word/footnotes.xml", &part("footnotes", "脚注")),
                ("word/glossary/document.xml", &part("document", "不算")),
            ],
        );
        let docx = Docx::open(bytes, "t").unwrap();
        assert_eq!(docx.text(), "正文\n页眉二\n页眉十\n页脚\n脚注\n尾注\n");
        let at = docx.text().find("页脚").unwrap();
        assert_eq!(
            docx.place(at),
            Place {
                part: "word/footer1.xml".into(),
                paragraph: 1
            }
        );
    }

    #[test]
    fn a_byte_order_mark_keeps_offsets_right() {
        let xml = format!(
            "\u{FEFF}<?xml version=\"1.0\"?><w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>甲X</w:t></w:r></w:p></w:body></w:document>"
        );
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file(DOCUMENT, SimpleFileOptions::default())
            .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        let docx = Docx::open(zip.finish().unwrap().into_inner(), "t").unwrap();
        let out = fill_all(&docx, "乙");
        assert!(document_xml(&out).contains("<w:t>甲乙</w:t>"));
    }

    #[test]
    fn malformed_xml_names_the_part_and_the_byte() {
        let cases = [
            "<w:p><w:r><w:t>甲</w:r></w:p>",
            "<w:p><w:r><w:t>甲&nbsp;</w:t></w:r></w:p>",
            "<w:p><w:r><w:t>甲 & 乙</w:t></w:r></w:p>",
            "<w:p><w:r><w:t a=>甲</w:t></w:r></w:p>",
        ];
        for body in cases {
            let (part, message) = message(Docx::open(package(body, &[]), "t"));
            assert_eq!(part.as_deref(), Some(DOCUMENT), "{body}");
            assert!(message.contains("at byte"), "{body}: {message}");
        }
    }

    #[test]
    fn cut_short_xml_is_an_error() {
        let bytes = {
            let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
            zip.start_file(DOCUMENT, SimpleFileOptions::default())
                .unwrap();
            zip.write_all(format!("<w:document xmlns:w=\"{W}\"><w:body><w:p>").as_bytes())
                .unwrap();
            zip.finish().unwrap().into_inner()
        };
        let (part, message) = message(Docx::open(bytes, "t"));
        assert_eq!(part.as_deref(), Some(DOCUMENT));
        assert!(message.contains("byte"), "{message}");
    }

    #[test]
    fn is_docx_looks_at_the_content() {
        assert!(is_docx(&package("<w:p/>", &[])));
        assert!(!is_docx(b"PK\x03\x04 not really"));
        assert!(!is_docx("分为X个组".as_bytes()));
    }

    #[test]
    fn damaged_packages_never_panic() {
        let good = package(
            &format!(
                "<w:p>{}{}</w:p><w:p>{}</w:p>",
                run("分为"),
                run("X个组"),
                run("共X人")
            ),
            &[(
                "word/header1.xml",
                &format!("<w:hdr xmlns:w=\"{W}\"><w:p>{}</w:p></w:hdr>", run("X县")),
            )],
        );
        // A small linear congruential generator: the same cases on every run.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for cut in 0..good.len() {
            let _ = Docx::open(good[..cut].to_vec(), "t");
        }
        for _ in 0..2000 {
            let mut bytes = good.clone();
            for _ in 0..1 + next() % 4 {
                let at = next() % bytes.len();
                bytes[at] = next() as u8;
            }
            if let Ok(docx) = Docx::open(bytes, "t") {
                let edits: Vec<(Span, String)> = docx
                    .text()
                    .match_indices('X')
                    .map(|(i, _)| (Span::new(i, i + 1), "1".to_string()))
                    .collect();
                let _ = docx.replace(&edits);
            }
        }
        for len in [0, 1, 4, 22, 100, 1000] {
            let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            assert!(Docx::open(bytes, "t").is_err());
        }
    }

    /// Issue 12, item 12: a run nested inside a `w:tab` written with an end tag, and a
    /// schema pattern that spans the tab: an error or a fill, never a panic.
    #[test]
    fn a_run_inside_a_tab_does_not_panic() {
        let body = "<w:p><w:r><w:t>共</w:t><w:tab><w:r><w:t>X</w:t></w:r></w:tab><w:t>个</w:t></w:r></w:p>";
        let docx = Docx::open(package(body, &[]), "t.docx").expect("a usable package");
        // The tab reads as one character; the run inside it is no text of its own.
        assert_eq!(docx.text(), "共\t个\n");
        let schema = crate::schema::Schema::parse(
            "version: 1\npatterns: ['X\\t个']\nfields:\n  数:\n    anchors: ['X\t个']\n",
            "s.yaml",
        );
        let text = docx.text().to_string();
        let slots = match &schema {
            Ok(schema) => schema.scanner().scan(&text),
            Err(_) => crate::scan::scan(&text),
        };
        for slot in &slots {
            let _ = docx.replace(&[(slot.span(), "5".to_string())]);
        }
        let _ = docx.replace(&[(Span::new(0, text.len()), "整段".to_string())]);
    }

    /// Issue 12, item 13: the text parts together may inflate to `limit` bytes; past it the
    /// package is refused, however the bytes are spread over parts.
    #[test]
    fn the_text_parts_together_are_capped() {
        let filler = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "X".repeat(400 << 10));
        let one = package(&filler, &[]);
        assert!(Docx::open_with_limit(one.clone(), "t.docx", 1 << 20).is_ok());
        let header = format!(r#"<w:hdr xmlns:w="{W}">{}</w:hdr>"#, filler.repeat(2));
        let two = package(&filler, &[("word/header1.xml", &header)]);
        let (part, message) = message(Docx::open_with_limit(two, "t.docx", 1 << 20));
        assert_eq!(part.as_deref(), Some("word/header1.xml"));
        assert!(message.contains("more than 1 MB"), "{message}");
        // The default is 256 MB: this package is far below it.
        assert!(Docx::open(one, "t.docx").is_ok());
    }
}
