//! [`Error`]: why xfill could not do the job, where, and what to do next. Unfilled slots
//! are results, not errors. The library never prints; `report` renders these.

use std::fmt;
use std::io;
use std::sync::Arc;

/// Characters of a long line shown on each side of a marked place.
pub const EXCERPT_CHARS: usize = 20;

/// A place in a named file, with the line's text when known (for the caret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file's display name (a path, or `-`, or `--set`), shared by the many places in
    /// one file.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// How many characters to underline (at least one is shown).
    pub len: usize,
    /// The line's text, when known (boxed: most places never show it, and a schema of
    /// 100,000 fields keeps a place for each field and anchor).
    pub source: Option<Box<SourceLine>>,
}

/// The text of a place's line, for the caret under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// The line without its line ending; for a long line, only the part around the place.
    pub text: String,
    /// 1-based column of the place within `text`.
    pub column: usize,
    /// Whether `text` starts after the line's start, or ends before its end.
    pub cut: (bool, bool),
}

impl Location {
    /// A location without source text.
    pub fn new(file: impl Into<Arc<str>>, line: usize, column: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column,
            len: 1,
            source: None,
        }
    }

    /// Adds the line's text and the width of what to underline.
    pub fn with_source(mut self, line_text: &str, len: usize) -> Self {
        self.source = Some(Box::new(SourceLine {
            text: line_text.to_string(),
            column: self.column,
            cut: (false, false),
        }));
        self.len = len.max(1);
        self
    }

    /// Adds the text around `span` of `text` (at most [`EXCERPT_CHARS`] characters on each
    /// side, within the line) and underlines the span. Costs only the excerpt, however long
    /// the line: a 200 MB single-line file lists its slots in linear time.
    pub fn with_excerpt(mut self, text: &str, span: crate::span::Span) -> Self {
        let mut start = span.start;
        let mut before = 0;
        for (i, c) in text[..span.start].char_indices().rev() {
            if c == '\n' || c == '\r' || before == EXCERPT_CHARS {
                break;
            }
            start = i;
            before += 1;
        }
        let end = text[span.end..]
            .char_indices()
            .take(EXCERPT_CHARS)
            .take_while(|&(_, c)| c != '\n' && c != '\r')
            .last()
            .map_or(span.end, |(i, c)| span.end + i + c.len_utf8());
        let line_start = !matches!(text[..start].chars().next_back(), None | Some('\n'));
        let line_end = !matches!(text[end..].chars().next(), None | Some('\n' | '\r'));
        self.source = Some(Box::new(SourceLine {
            text: text[start..end].to_string(),
            column: before + 1,
            cut: (line_start, line_end),
        }));
        self.len = text[span.start..span.end].chars().count().max(1);
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The field's `default:` in the schema.
    Default(Location),
    /// A values file.
    File(Location),
    /// A `--set name=value` argument.
    Set(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default(at) => write!(f, "the schema default at {at}"),
            Origin::File(at) => write!(f, "{at}"),
            Origin::Set(arg) => write!(f, "--set {arg}"),
        }
    }
}

impl Origin {
    /// The file location, for values from a file or a schema default.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Origin::Default(at) | Origin::File(at) => Some(at),
            Origin::Set(_) => None,
        }
    }
}

/// Why xfill could not do the job.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    Read {
        /// The path as given.
        path: String,
        /// The cause.
        source: io::Error,
    },
    /// A file's bytes are not valid in the encoding used.
    Decode {
        /// The path as given.
        path: String,
        /// The encoding tried.
        encoding: &'static str,
        /// Offset of the first bad byte.
        byte: usize,
        /// Whether the encoding was guessed (not given with `--encoding`).
        guessed: bool,
    },
    /// A document is empty: there is nothing to scan or fill.
    Empty {
        /// The path as given.
        path: String,
    },
    /// A file holds a NUL byte: it is not text.
    Binary {
        /// The path as given.
        path: String,
        /// Offset of the NUL byte.
        byte: usize,
    },
    /// A schema or values file is not well-formed YAML, or not of the expected shape.
    Syntax {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
        /// What to do.
        help: Option<String>,
    },
    /// One slot is claimed by the anchors of two fields.
    SlotClaimedTwice {
        /// The slot's place in the template.
        slot: Location,
        /// The two fields, in schema order.
        fields: [String; 2],
    },
    /// A value does not fit its field's type.
    BadValue {
        /// The field.
        field: String,
        /// The value as written.
        value: String,
        /// What the type wants, e.g. "an integer".
        expected: String,
        /// Where the value came from.
        from: Origin,
        /// What to do, when there is something specific to say.
        help: Option<String>,
    },
    /// A value names a field the schema does not have.
    UnknownField {
        /// The name as written.
        name: String,
        /// Where it was written.
        from: Origin,
        /// The nearest field name, if one is close.
        did_you_mean: Option<String>,
    },
    /// A `--set` argument without `=`.
    BadSet {
        /// The argument as given.
        arg: String,
    },
    /// A Word document that cannot be read or written back.
    Docx {
        /// The path as given.
        path: String,
        /// The part of the package, e.g. `word/document.xml`, when known.
        part: Option<String>,
        /// What is wrong, e.g. "not a zip archive" or "XML not well-formed at byte 120".
        message: String,
    },
    /// A file could not be written.
    Write {
        /// The path as given.
        path: String,
        /// The cause.
        source: io::Error,
    },
    /// A command was asked for something it cannot do as asked (e.g. `--ask` without a
    /// terminal, an output file that exists already).
    Usage {
        /// What is wrong.
        message: String,
        /// What to do instead.
        help: String,
    },
    /// Several problems found at once (a schema or values file with more than one).
    Several(Vec<Error>),
    /// A file is UTF-8 but for a few bytes: not taken for GB18030, which would read it as
    /// other characters.
    MostlyUtf8 {
        /// The path as given.
        path: String,
        /// Offset of the first bad byte in the file.
        byte: usize,
        /// 1-based line of that byte.
        line: usize,
        /// 1-based column (in characters) of that byte.
        column: usize,
    },
    /// What is written into a slot has a character the output encoding cannot hold.
    Unencodable {
        /// Whose text it is, e.g. "the value of `单位`".
        what: String,
        /// The character.
        character: char,
        /// The output encoding.
        encoding: &'static str,
    },
    /// An input is larger than the size cap (`--max-size`).
    TooLarge {
        /// The path as given.
        path: String,
        /// The cap in bytes.
        limit: u64,
    },
    /// A write xfill will not make: over an input, through a symbolic link, onto what is
    /// not a regular file, over a file kept on purpose.
    Refused {
        /// The path that would have been written.
        path: String,
        /// Why not, e.g. "it is a symbolic link to ../else/p.txt".
        why: String,
        /// What to do instead.
        help: String,
    },
    /// A folder given to `check` holds no document to check.
    NothingToCheck {
        /// The folder as given.
        path: String,
        /// Why, e.g. "the folder is empty".
        why: String,
        /// What to do.
        help: String,
    },
}

impl Error {
    /// Where the problem is, when it has a place.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Syntax { at, .. } => Some(at),
            Error::SlotClaimedTwice { slot, .. } => Some(slot),
            Error::BadValue { from, .. } | Error::UnknownField { from, .. } => from.location(),
            _ => None,
        }
    }

    /// What to do next.
    pub fn help(&self) -> Option<String> {
        match self {
            Error::Read { source, .. } if source.kind() == io::ErrorKind::NotFound => {
                Some("check the path; `-` reads standard input".into())
            }
            Error::Read { .. } => Some("check that the path is a readable file".into()),
            Error::Decode { guessed: true, .. } => Some(
                "name the file's encoding with --encoding (utf-8, utf-16le, utf-16be, gb18030)"
                    .into(),
            ),
            Error::Decode { .. } => {
                Some("try another --encoding, or leave it out to let xfill guess".into())
            }
            Error::Binary { .. } => Some("xfill reads text files; is this the right file?".into()),
            Error::MostlyUtf8 { .. } => Some(
                "fix that byte, or pass --encoding gb18030 if the file really is GB18030".into(),
            ),
            Error::Unencodable { encoding, .. } => Some(format!(
                "change the value, or write the output in another encoding \
                 (--output-encoding utf-8); {encoding} cannot hold that character"
            )),
            Error::Empty { .. } => Some("is this the right file? a template holds text with X where values go".into()),
            Error::Syntax { help, .. } | Error::BadValue { help, .. } => help.clone(),
            Error::SlotClaimedTwice { fields, .. } => Some(format!(
                "make the anchors of `{}` or `{}` longer so that only one of them matches this slot",
                fields[0], fields[1]
            )),
            Error::UnknownField {
                did_you_mean: Some(name),
                ..
            } => Some(format!("did you mean `{name}`?")),
            Error::UnknownField { .. } => Some(
                "add the field to the schema, or fix its name (xfill init lists the fields)".into(),
            ),
            Error::BadSet { .. } => Some("write it as --set field=value".into()),
            Error::Docx { .. } => Some(
                "open the file in Word or LibreOffice and save it again as .docx; is it a complete copy?".into(),
            ),
            Error::Write { .. } => Some("check that the folder exists and is writable".into()),
            Error::Usage { help, .. } => Some(help.clone()),
            Error::Several(_) => None,
            Error::TooLarge { .. } => Some(
                "if the file is meant to be this large, raise the cap, e.g. --max-size 1G".into(),
            ),
            Error::Refused { help, .. } | Error::NothingToCheck { help, .. } => Some(help.clone()),
        }
    }

    /// The errors this one stands for: itself, or each of [`Error::Several`].
    pub fn each(&self) -> Vec<&Error> {
        match self {
            Error::Several(all) => all.iter().flat_map(Error::each).collect(),
            one => vec![one],
        }
    }

    /// One error from many: `Ok` when empty, the only one, or [`Error::Several`].
    pub fn collect(mut errors: Vec<Error>) -> Result<(), Error> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.remove(0)),
            _ => Err(Error::Several(errors)),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read { path, source } => write!(f, "cannot read {path}: {source}"),
            Error::Decode {
                path,
                encoding,
                byte,
                ..
            } => write!(
                f,
                "{path} is not valid {encoding}: bad byte at offset {byte}"
            ),
            Error::Empty { path } => write!(f, "{path} is empty"),
            Error::Binary { path, byte } => {
                write!(
                    f,
                    "{path} is not a text file: it has a NUL byte at offset {byte}"
                )
            }
            Error::Syntax { message, .. } => f.write_str(message),
            Error::SlotClaimedTwice { slot, fields } => write!(
                f,
                "slot at {slot} is claimed by two fields, `{}` and `{}`",
                fields[0], fields[1]
            ),
            Error::BadValue {
                field,
                value,
                expected,
                ..
            } => write!(f, "value {value:?} for field `{field}` is not {expected}"),
            Error::UnknownField { name, from, .. } => match from {
                Origin::Set(_) => write!(f, "--set names an unknown field `{name}`"),
                _ => write!(f, "unknown field `{name}`"),
            },
            Error::BadSet { arg } => write!(f, "--set {arg:?} has no `=`"),
            Error::Docx {
                path,
                part: Some(part),
                message,
            } => write!(f, "{path} is not a usable .docx: {part}: {message}"),
            Error::Docx { path, message, .. } => {
                write!(f, "{path} is not a usable .docx: {message}")
            }
            Error::Write { path, source } => write!(f, "cannot write {path}: {source}"),
            Error::Usage { message, .. } => f.write_str(message),
            Error::Several(all) => write!(f, "{} problems", all.len()),
            Error::MostlyUtf8 {
                path,
                byte,
                line,
                column,
            } => write!(
                f,
                "{path} is not valid UTF-8 at byte {byte} (line {line}, column {column}); \
                 the rest of the file is UTF-8"
            ),
            Error::Unencodable {
                what,
                character,
                encoding,
            } => write!(
                f,
                "{what} has the character {character:?} (U+{:04X}), which {encoding} cannot encode",
                *character as u32
            ),
            Error::TooLarge { path, limit } => write!(
                f,
                "{path} is larger than {}, the most xfill reads (--max-size)",
                size_text(*limit)
            ),
            Error::Refused { path, why, .. } => write!(f, "will not write {path}: {why}"),
            Error::NothingToCheck { path, why, .. } => {
                write!(f, "nothing to check in {path}: {why}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A size in bytes as people write it: `256 MB`, `1 GB`, `1500 bytes` (MB and GB of 2^20
/// and 2^30 bytes, as `--max-size` reads them).
pub fn size_text(bytes: u64) -> String {
    const MB: u64 = 1 << 20;
    const GB: u64 = 1 << 30;
    if bytes >= GB && bytes.is_multiple_of(GB) {
        format!("{} GB", bytes / GB)
    } else if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else {
        format!("{bytes} bytes")
    }
}

/// The candidate nearest to `name` within edit distance 2, for "did you mean".
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let len = name.chars().count();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(name, c), c))
        // Replacing every character of a short name is no suggestion, but a name that
        // contains or is contained in a field's name is one.
        .filter(|&(d, c)| d <= 2 && (d < len || c.contains(name) || name.contains(c)))
        .min_by_key(|&(d, c)| (d, !c.starts_with(name)))
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_nearest_within_two_edits() {
        let fields = ["组数", "村名", "单位名称"];
        assert_eq!(did_you_mean("组树", fields), Some("组数".into()));
        assert_eq!(did_you_mean("单位", fields), Some("单位名称".into()));
        assert_eq!(did_you_mean("完全无关的名字", fields), None);
    }

    #[test]
    fn distance_counts_characters_not_bytes() {
        // 组树 is one character from 组数 (three bytes apart in UTF-8).
        assert_eq!(did_you_mean("组树", ["组数树"]), Some("组数树".into()));
        assert_eq!(strsim::levenshtein("组数", "组"), 1);
    }
}
