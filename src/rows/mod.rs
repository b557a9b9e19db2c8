//! Rows for batch filling: a CSV, JSON Lines or YAML file → [`Row`]s of field → value text,
//! one fill each; [`resolve`] checks a row's values as [`crate::values`] checks a values
//! file; [`NamePattern`] and [`sanitize`] give each row a safe file name, and [`Names`]
//! finds two rows with the same one. Reading is streamed: CSV and JSON Lines are read one
//! row at a time, so memory stays flat however many rows there are; a YAML list is parsed
//! whole. The caller opens the file (twice, if it wants the names first); this module only
//! reads from an `impl Read`, and knows nothing of slots or output files. Naming the rows'
//! files is [`naming`]'s.
//!
//! ```
//! use xfill::{rows::{self, Rows}, schema::Schema};
//!
//! let schema = Schema::parse(
//!     "version: 1\nfields:\n  单位:\n    anchors: [现将X]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n",
//!     "schema.yaml",
//! )?;
//! let data = "\u{feff}单位,组数\n县经信局,4\n县农业局,十几\n";
//! let input = rows::detect(data.as_bytes(), Some("csv")).expect("reading a slice");
//! let all: Vec<_> = Rows::new(data.as_bytes(), "rows.csv", input)?.collect::<Result<_, _>>()?;
//! assert_eq!(all[0].get("单位"), Some("县经信局"));
//!
//! let values = rows::resolve(&schema, &all[0], "rows.csv")?;
//! assert_eq!(values.get("组数").unwrap().text, "4");
//! let err = rows::resolve(&schema, &all[1], "rows.csv").unwrap_err();
//! assert_eq!(err.to_string(), "value \"十几\" for field `组数` is not an integer");
//! assert_eq!(err.location().unwrap().line, 3);
//!
//! let pattern = rows::NamePattern::parse("{单位}/{#}.txt")?;
//! assert_eq!(pattern.name(&all[0], &schema, 4).unwrap(), "县经信局_0001.txt");
//! # Ok::<(), xfill::error::Error>(())
//! ```

use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;

use crate::encoding::Encoding;
use crate::error::{Error, Location, Origin, did_you_mean};
use crate::schema::Schema;
use crate::values::{self, Values};
use crate::yaml;

pub mod naming;
pub use naming::{MAX_NAME_BYTES, NamePattern, Names, number_width, sanitize};

/// How a rows file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma- (or tab-) separated values; the first record names the fields.
    Csv {
        /// The separator: `,`, or a tab for .tsv.
        delimiter: u8,
    },
    /// One JSON object per line.
    JsonLines,
    /// A YAML (or JSON) list of mappings, parsed whole.
    Yaml,
}

impl Format {
    /// The format a file extension (without the dot, any case) stands for; `None` when the
    /// extension says nothing (`.json` may be JSON Lines or a list, `.txt` anything).
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv { delimiter: b',' }),
            "tsv" | "tab" => Some(Format::Csv { delimiter: b'\t' }),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }

    /// The format of a text that starts with `start`, judged by its first line that is
    /// neither blank nor a `#` comment: `{` is JSON Lines; `[`, `- ` or `---` a YAML (or
    /// JSON) list; anything else CSV, separated by tabs when that line has tabs and no commas.
    pub fn sniff(start: &str) -> Format {
        let first = start
            .lines()
            .map(|l| l.trim_start_matches('\u{feff}').trim())
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("");
        if first.starts_with('{') {
            Format::JsonLines
        } else if first.starts_with('[')
            || first.starts_with("- ")
            || first == "-"
            || first.starts_with("---")
            || first.starts_with("%YAML")
        {
            Format::Yaml
        } else if first.contains('\t') && !first.contains(',') {
            Format::Csv { delimiter: b'\t' }
        } else {
            Format::Csv { delimiter: b',' }
        }
    }

    /// The format's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv { delimiter: b'\t' } => "TSV",
            Format::Csv { .. } => "CSV",
            Format::JsonLines => "JSON Lines",
            Format::Yaml => "YAML",
        }
    }
}

/// What [`detect`] found out about a rows file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input {
    /// How the rows are written.
    pub format: Format,
    /// The text encoding.
    pub encoding: Encoding,
    /// Whether the bytes start with a byte order mark.
    pub bom: bool,
}

/// Bytes of the start kept for sniffing the format.
const SNIFF_BYTES: usize = 8 << 10;

/// Reads the whole stream once to tell its encoding and format: a BOM (UTF-8, UTF-16),
/// else UTF-8 if every byte of it is valid UTF-8, else GB18030 (as Chinese Excel saves
/// CSV); the format from `extension` (see [`Format::from_extension`]) or else from the
/// first line ([`Format::sniff`]). Memory stays flat: only the first few KB are kept.
pub fn detect(mut reader: impl Read, extension: Option<&str>) -> io::Result<Input> {
    let mut start = Vec::with_capacity(SNIFF_BYTES);
    let mut buf = vec![0u8; 64 << 10];
    // UTF-8 is checked chunk by chunk; a character cut by a chunk's end is carried over.
    let mut carry: Vec<u8> = Vec::new();
    let mut utf8 = true;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let chunk = &buf[..n];
        if start.len() < SNIFF_BYTES {
            let take = (SNIFF_BYTES - start.len()).min(n);
            start.extend_from_slice(&chunk[..take]);
        }
        if utf8 {
            carry.extend_from_slice(chunk);
            match std::str::from_utf8(&carry) {
                Ok(_) => carry.clear(),
                Err(e) if e.error_len().is_none() => {
                    carry.drain(..e.valid_up_to());
                }
                Err(_) => utf8 = false,
            }
        }
        // Once the start is in, a BOM or a byte that is not UTF-8 settles the question.
        if start.len() >= SNIFF_BYTES && (!utf8 || Encoding::of_bom(&start).is_some()) {
            break;
        }
    }
    let (encoding, bom) = match Encoding::of_bom(&start) {
        Some(encoding) => (encoding, true),
        None if utf8 && carry.is_empty() => (Encoding::Utf8, false),
        None => (Encoding::Gb18030, false),
    };
    let format = extension
        .and_then(Format::from_extension)
        .unwrap_or_else(|| Format::sniff(&decode_lossy(&start, encoding, bom)));
    Ok(Input {
        format,
        encoding,
        bom,
    })
}

fn decode_lossy(bytes: &[u8], encoding: Encoding, bom: bool) -> String {
    let body = if bom {
        &bytes[encoding.bom().len().min(bytes.len())..]
    } else {
        bytes
    };
    encoding
        .codec()
        .decode_without_bom_handling(body)
        .0
        .into_owned()
}

/// The offset of a byte the encoding cannot decode, carried inside an `io::Error`.
#[derive(Debug)]
struct BadByte(usize);

impl std::fmt::Display for BadByte {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad byte at offset {}", self.0)
    }
}

impl std::error::Error for BadByte {}

/// Turns bytes in any encoding but UTF-8 into UTF-8 as they are read, a buffer at a time.
struct Transcode<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    /// Unread input is `input[start..end]`.
    start: usize,
    end: usize,
    /// Offset in the file of `input[0]`.
    offset: usize,
    eof: bool,
    /// The decoder has had its last call.
    finished: bool,
    output: Vec<u8>,
    /// Unread output is `output[out_start..out_end]`.
    out_start: usize,
    out_end: usize,
}

impl<R: Read> Transcode<R> {
    fn new(inner: R, encoding: Encoding, skipped: usize) -> Self {
        Transcode {
            inner,
            decoder: encoding.codec().new_decoder_without_bom_handling(),
            input: vec![0; 32 << 10],
            start: 0,
            end: 0,
            offset: skipped,
            eof: false,
            finished: false,
            output: vec![0; 96 << 10 | 16],
            out_start: 0,
            out_end: 0,
        }
    }
}

impl<R: Read> Read for Transcode<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_start == self.out_end {
            if self.start == self.end && !self.eof {
                self.offset += self.end;
                self.start = 0;
                self.end = 0;
                let n = loop {
                    match self.inner.read(&mut self.input) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        other => break other?,
                    }
                };
                self.end = n;
                self.eof = n == 0;
            }
            if self.eof && self.start == self.end && self.out_start == self.out_end {
                // Flush what the decoder still holds (a cut character is an error), once:
                // encoding_rs panics on a decoder used after its last call.
                if self.finished {
                    return Ok(0);
                }
                self.finished = true;
                let (result, _, written) =
                    self.decoder
                        .decode_to_utf8_without_replacement(&[], &mut self.output, true);
                if let encoding_rs::DecoderResult::Malformed(..) = result {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        BadByte(self.offset + self.end),
                    ));
                }
                self.out_start = 0;
                self.out_end = written;
                if written == 0 {
                    return Ok(0);
                }
                break;
            }
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.input[self.start..self.end],
                &mut self.output,
                false,
            );
            if let encoding_rs::DecoderResult::Malformed(bad, later) = result {
                let at = self.start + read - bad as usize - later as usize;
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    BadByte(self.offset + at),
                ));
            }
            self.start += read;
            self.out_start = 0;
            self.out_end = written;
        }
        let n = buf.len().min(self.out_end - self.out_start);
        buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
        self.out_start += n;
        Ok(n)
    }
}

/// Counts lines under the CSV reader: [`Lines::line_of`] turns the byte offset where the
/// reader says a record starts (just after the previous record, before any line ends and
/// blank lines) into the line of its first character. Keeps only the bytes read ahead.
struct Lines<R> {
    inner: R,
    /// Offset in the stream of `kept[0]`.
    base: u64,
    /// The line `kept[0]` is on.
    line: usize,
    kept: Vec<u8>,
    /// How much of `kept` is behind the last record: dropped at the next read, not at each
    /// record (moving the bytes read ahead at each record was up to 0.8% of the samples of
    /// a 10,000-row batch).
    done: usize,
    /// Where the CSV stands as read so far: whether in a quoted value, and since which line.
    quotes: Quotes,
}

/// Follows the CSV's quoting as the bytes go by, so that a quoted value that never closes
/// (and would swallow every row after it into one value) is an error naming the line where
/// its quote opened. In CSV a quote opens a value only at its start; `""` inside a quoted
/// value is a quote character.
struct Quotes {
    delimiter: u8,
    state: Quoting,
    /// The line being read.
    line: usize,
    /// The line where the open quoted value started.
    opened: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted value: its end, or the first of `""`.
    QuoteInQuoted,
}

/// A quoted value may hold line breaks, but not this many: past them it is taken for a quote
/// left open by mistake, which would read the rows after it as part of the value.
pub const MAX_VALUE_LINES: usize = 100;

/// The error [`Lines`] gives for a quoted value left open, read back by [`csv_error`].
#[derive(Debug)]
struct UnclosedQuote {
    opened: usize,
    to_end: bool,
}

impl std::fmt::Display for UnclosedQuote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the quoted value opened at line {} never closes",
            self.opened
        )
    }
}

impl std::error::Error for UnclosedQuote {}

impl Quotes {
    fn read(&mut self, bytes: &[u8]) -> Result<(), UnclosedQuote> {
        // Outside a quoted value, bytes without a quote only end lines and cells: counted at
        // once, not followed byte by byte (which was 2% of a 1,000,000-row batch's time,
        // the rows being read twice).
        if matches!(self.state, Quoting::FieldStart | Quoting::Unquoted)
            && memchr::memchr(b'"', bytes).is_none()
        {
            self.line += memchr::memchr_iter(b'\n', bytes).count();
            let last = match memchr::memrchr2(b'\n', self.delimiter, bytes) {
                Some(end) => {
                    self.state = Quoting::FieldStart;
                    &bytes[end + 1..]
                }
                None => bytes,
            };
            // A cell starts after `\r`s only (a CRLF cut by the chunk's end).
            if last.iter().any(|&b| b != b'\r') {
                self.state = Quoting::Unquoted;
            }
            return Ok(());
        }
        self.step(bytes)
    }

    /// [`Quotes::read`] a byte at a time.
    fn step(&mut self, bytes: &[u8]) -> Result<(), UnclosedQuote> {
        for &b in bytes {
            if b == b'\n' {
                self.line += 1;
            }
            self.state = match (self.state, b) {
                (Quoting::FieldStart, b'"') => {
                    self.opened = self.line;
                    Quoting::Quoted
                }
                (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
                (Quoting::Quoted, _) => Quoting::Quoted,
                (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
                (_, b'\n') => Quoting::FieldStart,
                (_, b) if b == self.delimiter => Quoting::FieldStart,
                (Quoting::FieldStart, b'\r') => Quoting::FieldStart,
                _ => Quoting::Unquoted,
            };
            if self.state == Quoting::Quoted && self.line - self.opened >= MAX_VALUE_LINES {
                return Err(UnclosedQuote {
                    opened: self.opened,
                    to_end: false,
                });
            }
        }
        Ok(())
    }

    fn end(&self) -> Result<(), UnclosedQuote> {
        match self.state {
            Quoting::Quoted => Err(UnclosedQuote {
                opened: self.opened,
                to_end: true,
            }),
            _ => Ok(()),
        }
    }
}

impl<R> Lines<R> {
    fn new(inner: R, delimiter: u8) -> Self {
        Lines {
            inner,
            base: 0,
            line: 1,
            kept: Vec::new(),
            done: 0,
            quotes: Quotes {
                delimiter,
                state: Quoting::FieldStart,
                line: 1,
                opened: 1,
            },
        }
    }

    fn line_of(&mut self, offset: u64) -> usize {
        let ahead = &self.kept[self.done..];
        let upto = usize::try_from(offset.saturating_sub(self.base))
            .unwrap_or(usize::MAX)
            .min(ahead.len());
        self.line += memchr::memchr_iter(b'\n', &ahead[..upto]).count();
        self.done += upto;
        self.base += upto as u64;
        let ends = self.kept[self.done..]
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .filter(|&&b| b == b'\n')
            .count();
        self.line + ends
    }
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.kept.drain(..self.done);
        self.done = 0;
        self.kept.extend_from_slice(&buf[..n]);
        let quoting = if n == 0 {
            self.quotes.end()
        } else {
            self.quotes.read(&buf[..n])
        };
        quoting.map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        Ok(n)
    }
}

/// One field's value in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The field (the CSV column's header, the JSON or YAML key): one name shared by the
    /// cells of a column (20 columns: 20 allocations a row fewer).
    pub field: Arc<str>,
    /// The value as text; `None` for an empty cell, blank text or null, which give no value.
    pub value: Option<String>,
    /// False for a list or mapping (JSON, YAML), which no field takes.
    pub scalar: bool,
    /// Where the value is in the rows file: 1-based line and column (in characters; 1 for
    /// CSV, whose cells are not located).
    pub line: usize,
    /// See `line`.
    pub column: usize,
}

impl Cell {
    /// Makes this cell a CSV cell of the column `field` holding `value`, on `line`, in the
    /// memory it has.
    fn reuse(&mut self, field: &Arc<str>, value: Option<&str>, line: usize) {
        if !Arc::ptr_eq(&self.field, field) {
            self.field = field.clone();
        }
        match (&mut self.value, value) {
            (Some(text), Some(value)) => {
                text.clear();
                text.push_str(value);
            }
            (slot, value) => *slot = value.map(str::to_string),
        }
        self.scalar = true;
        self.line = line;
        self.column = 1;
    }
}

/// One row: the values of one fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based number among the rows (a CSV header, blank lines and rows whose cells are
    /// all empty are not counted).
    pub number: usize,
    /// The line of the rows file where the row starts.
    pub line: usize,
    /// The row's cells, in file order.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The value of `field`, if the row has a non-empty one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.cells
            .iter()
            .find(|c| &*c.field == field)
            .and_then(|c| c.value.as_deref())
    }

    /// The cells whose field the schema does not have.
    pub fn unknown<'r>(&'r self, schema: &'r Schema) -> impl Iterator<Item = &'r Cell> + 'r {
        self.cells
            .iter()
            .filter(|c| !schema.fields.contains_key(&*c.field))
    }
}

/// The error for a cell whose field `schema` does not have, with "did you mean".
pub fn unknown_field(schema: &Schema, cell: &Cell, file: &str) -> Error {
    Error::UnknownField {
        name: cell.field.to_string(),
        from: Origin::File(Location::new(file, cell.line, cell.column)),
        did_you_mean: did_you_mean(&cell.field, schema.fields.keys().map(String::as_str)),
    }
}

/// Checks a row's values as a values file's are checked ([`values::resolve`]): schema
/// defaults first, then the row's non-empty cells. Cells of fields the schema does not
/// have are left out (see [`Row::unknown`]). An error names the field, and its location
/// the row's line in `file`.
pub fn resolve(schema: &Schema, row: &Row, file: &str) -> Result<Values, Error> {
    let mut given = Vec::with_capacity(row.cells.len());
    let mut errors = Vec::new();
    // One name for all the row's places (a place per cell, 10,000s of rows).
    let file: std::sync::Arc<str> = file.into();
    for cell in &row.cells {
        let (Some(value), Some(field)) = (&cell.value, schema.fields.get(&*cell.field)) else {
            continue;
        };
        let at = Location::new(file.clone(), cell.line, cell.column);
        if !cell.scalar {
            errors.push(Error::BadValue {
                field: field.name.clone(),
                value: value.replace('\n', " "),
                expected: "a single value".into(),
                from: Origin::File(at),
                help: Some("write the field's value as text or a number, not a list".into()),
            });
            continue;
        }
        given.push(values::Given {
            field: &cell.field,
            raw: value,
            origin: Origin::File(at),
        });
    }
    match values::resolve_given(schema, None, &given, false) {
        Ok(values) if errors.is_empty() => Ok(values),
        Ok(_) => Err(Error::collect(errors).expect_err("errors is not empty")),
        Err(e) => {
            errors.push(e);
            Err(Error::collect(flatten(errors)).expect_err("errors is not empty"))
        }
    }
}

fn flatten(errors: Vec<Error>) -> Vec<Error> {
    errors
        .into_iter()
        .flat_map(|e| match e {
            Error::Several(all) => flatten(all),
            one => vec![one],
        })
        .collect()
}

/// The rows of a rows file, read one at a time (a YAML list is parsed whole first).
pub struct Rows<'r> {
    name: String,
    source: Source<'r>,
    count: usize,
}

enum Source<'r> {
    Csv {
        reader: csv::Reader<Lines<Box<dyn Read + 'r>>>,
        header: Vec<Arc<str>>,
        record: csv::StringRecord,
    },
    JsonLines {
        reader: BufReader<Box<dyn Read + 'r>>,
        line: usize,
        text: String,
        /// The last row's keys, in order: the next row's are mostly the same, and shared.
        keys: Vec<Arc<str>>,
    },
    Yaml(std::vec::IntoIter<Row>),
}

impl std::fmt::Debug for Rows<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rows")
            .field("name", &self.name)
            .field("count", &self.count)
            .finish_non_exhaustive()
    }
}

impl<'r> Rows<'r> {
    /// Starts reading `reader` (the rows file named `name`, for messages) as [`detect`]
    /// described it. A CSV header is read here: duplicate column names are an error.
    pub fn new(mut reader: impl Read + 'r, name: &str, input: Input) -> Result<Rows<'r>, Error> {
        let read_error = |source: io::Error| to_error(source, name, input.encoding);
        if input.bom {
            let mut bom = vec![0; input.encoding.bom().len()];
            reader.read_exact(&mut bom).map_err(read_error)?;
        }
        let skipped = if input.bom {
            input.encoding.bom().len()
        } else {
            0
        };
        let reader: Box<dyn Read + 'r> = match input.encoding {
            // UTF-8 is read as it is; the CSV reader and the JSON parser check it.
            Encoding::Utf8 => Box::new(reader),
            other => Box::new(Transcode::new(reader, other, skipped)),
        };
        let source = match input.format {
            Format::Csv { delimiter } => {
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(Lines::new(reader, delimiter));
                let mut record = csv::StringRecord::new();
                let header: Vec<Arc<str>> = if reader
                    .read_record(&mut record)
                    .map_err(|e| csv_error(e, name, input.encoding))?
                {
                    record.iter().map(|h| h.trim().into()).collect()
                } else {
                    Vec::new()
                };
                let mut errors = Vec::new();
                // A set, not a look back along the header: a row of 200,000 columns took a
                // minute that way.
                let mut seen = std::collections::HashSet::with_capacity(header.len());
                for h in &header {
                    if !h.is_empty() && !seen.insert(&**h) {
                        errors.push(Error::Syntax {
                            at: Location::new(name, 1, 1),
                            message: format!("{name} has two columns named `{h}`"),
                            help: Some("give each column of the header its own field name".into()),
                        });
                    }
                }
                Error::collect(errors)?;
                Source::Csv {
                    reader,
                    header,
                    record,
                }
            }
            Format::JsonLines => Source::JsonLines {
                reader: BufReader::with_capacity(64 << 10, reader),
                line: 0,
                text: String::new(),
                keys: Vec::new(),
            },
            Format::Yaml => {
                let mut text = String::new();
                let mut reader = reader;
                reader.read_to_string(&mut text).map_err(|e| {
                    if e.kind() == io::ErrorKind::InvalidData && e.get_ref().is_none() {
                        // read_to_string's own complaint: the bytes are not UTF-8.
                        Error::Decode {
                            path: name.to_string(),
                            encoding: input.encoding.name(),
                            byte: 0,
                            guessed: true,
                        }
                    } else {
                        read_error(e)
                    }
                })?;
                Source::Yaml(yaml_rows(&text, name)?.into_iter())
            }
        };
        Ok(Rows {
            name: name.to_string(),
            source,
            count: 0,
        })
    }

    /// The CSV header's field names (empty ones included); `None` for JSON Lines and YAML,
    /// whose rows name their own fields.
    pub fn header(&self) -> Option<&[Arc<str>]> {
        match &self.source {
            Source::Csv { header, .. } => Some(header),
            _ => None,
        }
    }

    /// The next row as [`Rows::next`] reads it, checked the same way, but a CSV row without
    /// its cells: for a pass that only counts the rows, since a CSV names its columns once,
    /// in the header (20 columns: 40 allocations a row, 400,000 of the 2.35 million a
    /// 10,000-row batch made). Other formats give the cells.
    pub fn next_bare(&mut self) -> Option<Result<Row, Error>> {
        self.next_row(false, Vec::new()).transpose()
    }

    /// The next row as [`Rows::next`] reads it, made in the memory of `old`, a row read
    /// before and no longer needed: a CSV row's values are copied into the text of `old`'s
    /// cells, not each into an allocation of its own (20 columns: 20 allocations a row).
    pub fn next_reusing(&mut self, old: Row) -> Option<Result<Row, Error>> {
        self.next_row(true, old.cells).transpose()
    }

    /// The next row; with `keep`, a CSV row's cells are made in `spare` (cells no longer
    /// needed, their text reused), else left out.
    fn next_row(&mut self, keep: bool, mut spare: Vec<Cell>) -> Result<Option<Row>, Error> {
        let name = &self.name;
        loop {
            let (line, cells, filled) = match &mut self.source {
                Source::Yaml(rows) => {
                    return Ok(rows.next().map(|mut row| {
                        self.count += 1;
                        row.number = self.count;
                        row
                    }));
                }
                Source::Csv {
                    reader,
                    header,
                    record,
                } => {
                    if !reader
                        .read_record(record)
                        .map_err(|e| csv_error(e, name, Encoding::Utf8))?
                    {
                        return Ok(None);
                    }
                    // The CSV reader's own line count is off after CRLF and blank lines.
                    let start = record.position().map_or(0, |p| p.byte());
                    let line = reader.get_mut().line_of(start);
                    let mut cells = std::mem::take(&mut spare);
                    if keep {
                        cells.reserve(header.len());
                    }
                    let mut made = 0;
                    let mut filled = false;
                    for (i, value) in record.iter().enumerate() {
                        let value = value.trim();
                        match header.get(i) {
                            // Columns without a header name no field.
                            Some(h) if h.is_empty() => {}
                            Some(_) if !keep => filled |= !value.is_empty(),
                            Some(h) => {
                                filled |= !value.is_empty();
                                let value = (!value.is_empty()).then_some(value);
                                match cells.get_mut(made) {
                                    Some(cell) => cell.reuse(h, value, line),
                                    None => cells.push(Cell {
                                        field: h.clone(),
                                        value: value.map(str::to_string),
                                        scalar: true,
                                        line,
                                        column: 1,
                                    }),
                                }
                                made += 1;
                            }
                            None if value.is_empty() => {}
                            None => {
                                return Err(Error::Syntax {
                                    at: Location::new(name.as_str(), line, 1),
                                    message: format!(
                                        "{name}:{line} has {} cells but the header names {}",
                                        record.len(),
                                        header.len()
                                    ),
                                    help: Some(
                                        "quote cells that hold the separator, or add a column name to the header"
                                            .into(),
                                    ),
                                });
                            }
                        }
                    }
                    cells.truncate(made);
                    (line, cells, filled)
                }
                Source::JsonLines {
                    reader,
                    line,
                    text,
                    keys,
                } => {
                    text.clear();
                    let n = reader
                        .read_line(text)
                        .map_err(|e| to_error(e, name, Encoding::Utf8))?;
                    if n == 0 {
                        return Ok(None);
                    }
                    *line += 1;
                    let trimmed = text.trim();
                    if trimmed.is_empty() {
                        continue;
                    }
                    let UniqueObject(object) =
                        serde_json::from_str(trimmed).map_err(|e| {
                            let mut message = e.to_string();
                            if let Some(cut) = message.find(" at line ") {
                                message.truncate(cut);
                            }
                            let shown = text.trim_end_matches(['\r', '\n']);
                            Error::Syntax {
                                at: Location::new(name.as_str(), *line, e.column().max(1))
                                    .with_source(shown, 1),
                                message: format!("{name} is not valid JSON Lines: {message}"),
                                help: Some(
                                    "write one JSON object per line, e.g. {\"单位\": \"县经信局\", \"组数\": 4}"
                                        .into(),
                                ),
                            }
                        })?;
                    let line = *line;
                    keys.truncate(object.len());
                    let cells = object
                        .into_iter()
                        .enumerate()
                        .map(|(i, (field, v))| {
                            let (value, scalar) = json_text(v);
                            let field = match keys.get(i) {
                                Some(key) if **key == *field => key.clone(),
                                _ => {
                                    let key: Arc<str> = field.into();
                                    keys.truncate(i);
                                    keys.push(key.clone());
                                    key
                                }
                            };
                            Cell {
                                field,
                                value,
                                scalar,
                                line,
                                column: 1,
                            }
                        })
                        .collect::<Vec<Cell>>();
                    let filled = cells.iter().any(|c| c.value.is_some());
                    (line, cells, filled)
                }
            };
            if !filled {
                spare = cells;
                continue; // a row with nothing in it, such as Excel's trailing ",,,"
            }
            self.count += 1;
            return Ok(Some(Row {
                number: self.count,
                line,
                cells,
            }));
        }
    }
}

/// A JSON object whose keys each come once, in order: a key given twice in a row is an
/// error (as in YAML), not a value silently replaced by the second.
struct UniqueObject(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for UniqueObject {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = UniqueObject;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<UniqueObject, A::Error> {
                let mut seen = std::collections::HashSet::new();
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if !seen.insert(key.clone()) {
                        return Err(serde::de::Error::custom(format!(
                            "the key `{key}` comes twice in this row"
                        )));
                    }
                    entries.push((key, map.next_value()?));
                }
                Ok(UniqueObject(entries))
            }
        }
        d.deserialize_map(Visit)
    }
}

impl Iterator for Rows<'_> {
    type Item = Result<Row, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_row(true, Vec::new()).transpose()
    }
}

fn json_text(v: serde_json::Value) -> (Option<String>, bool) {
    use serde_json::Value as Json;
    let text = match v {
        Json::Null => return (None, true),
        Json::String(s) => s,
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => n.to_string(),
        nested @ (Json::Array(_) | Json::Object(_)) => return (Some(nested.to_string()), false),
    };
    ((!text.trim().is_empty()).then_some(text), true)
}

fn yaml_rows(text: &str, name: &str) -> Result<Vec<Row>, Error> {
    use crate::yaml::Value as Yaml;
    let (root, places) = yaml::load(text, name)?;
    let items = match root.value {
        Yaml::Null => return Ok(Vec::new()),
        Yaml::Seq(items) => items,
        _ => {
            return Err(Error::Syntax {
                at: places.top(),
                message: format!("{name} must be a list of mappings, one per row"),
                help: Some("write each row as a list item: `- 单位: 县经信局`".into()),
            });
        }
    };
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let at = places.place(&item);
        let map = match item.value {
            Yaml::Map(map) => map,
            Yaml::Null => continue,
            _ => {
                return Err(Error::Syntax {
                    at: places.at(&item),
                    message: format!("item {} of {name} is not a mapping", i + 1),
                    help: Some("write each row as `field: value` lines under its `-`".into()),
                });
            }
        };
        let line = at.line;
        let cells: Vec<Cell> = map
            .iter()
            .map(|(k, v)| {
                let field = k.key_name().into_owned();
                let at = places.place(v);
                let (value, scalar) = match v.value {
                    Yaml::Null => (None, true),
                    Yaml::Seq(_) | Yaml::Map(_) => (Some(v.scalar_text()), false),
                    _ => {
                        let s = v.scalar_text();
                        ((!s.trim().is_empty()).then_some(s), true)
                    }
                };
                Cell {
                    field: field.into(),
                    value,
                    scalar,
                    line: at.line,
                    column: at.column,
                }
            })
            .collect();
        if cells.iter().all(|c| c.value.is_none()) {
            continue;
        }
        rows.push(Row {
            number: 0, // numbered as they are handed out
            line,
            cells,
        });
    }
    Ok(rows)
}

fn to_error(source: io::Error, name: &str, encoding: Encoding) -> Error {
    if let Some(BadByte(byte)) = source.get_ref().and_then(|e| e.downcast_ref::<BadByte>()) {
        return Error::Decode {
            path: name.to_string(),
            encoding: encoding.name(),
            byte: *byte,
            guessed: true,
        };
    }
    if source.kind() == io::ErrorKind::InvalidData {
        // The JSON Lines reader's complaint about bytes that are not UTF-8.
        return Error::Decode {
            path: name.to_string(),
            encoding: Encoding::Utf8.name(),
            byte: 0,
            guessed: true,
        };
    }
    Error::Read {
        path: name.to_string(),
        source,
    }
}

fn csv_error(e: csv::Error, name: &str, encoding: Encoding) -> Error {
    let line = e.position().map_or(1, |p| p.line() as usize);
    match e.into_kind() {
        csv::ErrorKind::Io(source) => match source
            .get_ref()
            .and_then(|e| e.downcast_ref::<UnclosedQuote>())
        {
            Some(quote) => Error::Syntax {
                at: Location::new(name, quote.opened, 1),
                message: if quote.to_end {
                    format!(
                        "{name}: the quoted value opened at line {} never closes: every row \
                         after it would be read into that one value",
                        quote.opened
                    )
                } else {
                    format!(
                        "{name}: the quoted value opened at line {} runs over {MAX_VALUE_LINES} \
                         lines: its closing quote is missing",
                        quote.opened
                    )
                },
                help: Some(
                    "close the quote at the end of the value; a quote inside a quoted value is \
                     written twice (\"\")"
                        .into(),
                ),
            },
            None => to_error(source, name, encoding),
        },
        csv::ErrorKind::Utf8 { pos, err } => Error::Decode {
            path: name.to_string(),
            encoding: Encoding::Utf8.name(),
            byte: pos.map_or(0, |p| p.byte() as usize) + err.valid_up_to(),
            guessed: true,
        },
        other => Error::Syntax {
            at: Location::new(name, line, 1),
            message: format!("{name} is not valid CSV: {other:?}"),
            help: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const SCHEMA: &str = "version: 1\nfields:\n  单位:\n    anchors: [现将X]\n  组数:\n    type: integer\n    min: 1\n    anchors: [分为X个组]\n  年度:\n    type: integer\n    default: 2024\n    anchors: [X年]\n";

    fn schema() -> Schema {
        Schema::parse(SCHEMA, "s.yaml").unwrap()
    }

    fn read(data: &[u8], extension: Option<&str>) -> Result<Vec<Row>, Error> {
        let input = detect(data, extension).unwrap();
        Rows::new(data, "rows", input)?.collect()
    }

    fn values(rows: &[Row]) -> Vec<Vec<(&str, Option<&str>)>> {
        rows.iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| (&*c.field, c.value.as_deref()))
                    .collect()
            })
            .collect()
    }

    fn csv_error_of(text: &str) -> Error {
        let input = detect(text.as_bytes(), Some("csv")).unwrap();
        let rows = Rows::new(text.as_bytes(), "r.csv", input);
        match rows.and_then(|r| r.collect::<Result<Vec<_>, _>>()) {
            Err(e) => e,
            Ok(rows) => panic!("read {} rows of\n{text}", rows.len()),
        }
    }

    /// Issue 12, item 5: an unclosed quote does not swallow the rows after it.
    #[test]
    fn an_unclosed_quote_is_an_error_at_its_line() {
        let e = csv_error_of("编号,村名\n1,\"青石\n2,白溪\n3,柳湾\n");
        assert_eq!(e.location().map(|l| l.line), Some(2), "{e}");
        assert!(
            e.to_string().contains("opened at line 2 never closes"),
            "{e}"
        );
        // Past MAX_VALUE_LINES lines, a quote closed far later is no value either.
        let mut text = String::from("编号,备注\n1,\"开始\n");
        for i in 0..MAX_VALUE_LINES + 5 {
            text.push_str(&format!("{i},行\n"));
        }
        text.push_str("9,结束\"\n");
        let e = csv_error_of(&text);
        assert!(e.to_string().contains("runs over"), "{e}");
    }

    /// Issue 12, item 16: a header of 200,000 columns is checked for repeats in one pass
    /// (looking back along the header for each column took a minute).
    #[test]
    fn a_wide_header_is_read_in_linear_time() {
        let n = 200_000;
        let mut text: String = (0..n).map(|i| format!("c{i},")).collect();
        text.push_str("c7\n");
        let e = csv_error_of(&text);
        assert!(e.to_string().contains("two columns named `c7`"), "{e}");
    }

    /// Issue 12, item 20: a key twice in a JSON Lines row is an error, as in YAML.
    #[test]
    fn a_key_twice_in_a_json_row_is_an_error() {
        let text = "{\"村名\": \"青石\"}\n{\"村名\": \"白溪\", \"村名\": \"柳湾\"}\n";
        let e = read(text.as_bytes(), Some("jsonl")).unwrap_err();
        assert_eq!(e.location().map(|l| l.line), Some(2), "{e}");
        assert!(e.to_string().contains("the key `村名` comes twice"), "{e}");
    }

    /// Quoting is followed the same way whether the bytes come at once or cut anywhere in
    /// two (a chunk without a quote is taken in one step): same line, same state, same
    /// line where the open quote opened.
    #[test]
    fn quotes_are_followed_the_same_across_chunk_ends() {
        let texts = [
            "编号,备注\r\n1,\"两行\r\n的值\"\r\n2,\"说\"\"好\"\"\"\r\n3,5\"屏\r\n\r\n4,\"开",
            "a,b\n1,2\n,\n\"x\",y\n\"open\n\nstill\n",
            "a\tb\r\n1\t\"2\r\n\r\n3\"\t4\r\n\t\r",
        ];
        let fresh = |delimiter| Quotes {
            delimiter,
            state: Quoting::FieldStart,
            line: 1,
            opened: 1,
        };
        let seen = |q: &Quotes| (q.state, q.line, q.opened);
        for text in texts {
            let delimiter = if text.contains('\t') { b'\t' } else { b',' };
            let bytes = text.as_bytes();
            let mut whole = fresh(delimiter);
            whole.step(bytes).unwrap();
            for cut in 0..=bytes.len() {
                let mut q = fresh(delimiter);
                q.read(&bytes[..cut]).unwrap();
                let mut by_byte = fresh(delimiter);
                by_byte.step(&bytes[..cut]).unwrap();
                assert_eq!(seen(&q), seen(&by_byte), "{text:?} up to {cut}");
                q.read(&bytes[cut..]).unwrap();
                assert_eq!(seen(&q), seen(&whole), "{text:?} cut at {cut}");
            }
        }
    }

    #[test]
    fn quotes_that_close_and_quotes_inside_values_are_fine() {
        let text = "编号,备注\n1,\"两行\n的值\"\n2,\"说\"\"好\"\"\"\n3,5\"屏\n";
        let rows = read(text.as_bytes(), Some("csv")).unwrap();
        let notes: Vec<Option<&str>> = rows.iter().map(|r| r.get("备注")).collect();
        assert_eq!(notes, [Some("两行\n的值"), Some("说\"好\""), Some("5\"屏")]);
    }

    #[test]
    fn csv_with_bom_and_empty_cells() {
        let rows = read(
            "\u{feff}单位,组数\r\n县经信局, 4\r\n县农业局,\r\n,,\r\n\r\n县林业局,\"5\"\r\n"
                .as_bytes(),
            Some("csv"),
        )
        .unwrap();
        assert_eq!(
            values(&rows),
            vec![
                vec![("单位", Some("县经信局")), ("组数", Some("4"))],
                vec![("单位", Some("县农业局")), ("组数", None)],
                vec![("单位", Some("县林业局")), ("组数", Some("5"))],
            ]
        );
        assert_eq!(
            rows.iter().map(|r| (r.number, r.line)).collect::<Vec<_>>(),
            vec![(1, 2), (2, 3), (3, 6)]
        );
    }

    #[test]
    fn gb18030_csv_is_decoded() {
        let bytes = crate::encoding::encode("单位,组数\n县经信局,4\n", Encoding::Gb18030, false);
        let input = detect(&bytes[..], None).unwrap();
        assert_eq!(input.encoding, Encoding::Gb18030);
        assert_eq!(input.format, Format::Csv { delimiter: b',' });
        let rows: Vec<Row> = Rows::new(&bytes[..], "rows", input)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows[0].get("单位"), Some("县经信局"));
    }

    #[test]
    fn gb18030_is_found_after_the_first_chunk() {
        let mut text = String::from("单位,组数\n");
        for _ in 0..20_000 {
            text.push_str("abc,1\n");
        }
        text.push_str("县经信局,4\n");
        let bytes = crate::encoding::encode(&text, Encoding::Gb18030, false);
        assert_eq!(
            detect(&bytes[..], None).unwrap().encoding,
            Encoding::Gb18030
        );
        let rows = Rows::new(&bytes[..], "rows", detect(&bytes[..], None).unwrap()).unwrap();
        assert_eq!(rows.count(), 20_001);
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let bytes = crate::encoding::encode("单位\t组数\n县经信局\t4\n", Encoding::Utf16Le, true);
        let input = detect(&bytes[..], None).unwrap();
        assert_eq!(input.format, Format::Csv { delimiter: b'\t' });
        let rows: Vec<Row> = Rows::new(&bytes[..], "rows", input)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows[0].get("组数"), Some("4"));
    }

    #[test]
    fn gb18030_json_lines_can_be_read_past_the_end() {
        let text = "{\"单位\": \"县经信局\"}\n{\"单位\": \"县农业局\"}\n";
        let bytes = crate::encoding::encode(text, Encoding::Gb18030, false);
        let input = detect(&bytes[..], None).unwrap();
        assert_eq!(input.format, Format::JsonLines);
        let mut rows = Rows::new(&bytes[..], "rows", input).unwrap();
        assert_eq!(rows.next().unwrap().unwrap().get("单位"), Some("县经信局"));
        assert_eq!(rows.next().unwrap().unwrap().get("单位"), Some("县农业局"));
        assert!(rows.next().is_none());
        assert!(rows.next().is_none());
    }

    #[test]
    fn csv_lines_count_quoted_line_breaks() {
        let rows = read(b"a,b\n1,\"x\ny\"\n\n2,z\n", Some("csv")).unwrap();
        assert_eq!(rows[0].get("b"), Some("x\ny"));
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 5]);
    }

    #[test]
    fn bad_gb18030_byte_is_a_decode_error() {
        let mut bytes = crate::encoding::encode("单位\n县经信局\n", Encoding::Gb18030, false);
        bytes.push(0xFF);
        let err = read(&bytes, Some("csv")).unwrap_err();
        assert!(
            matches!(err, Error::Decode { byte, .. } if byte == bytes.len() - 1),
            "{err:?}"
        );
    }

    #[test]
    fn json_lines() {
        let rows = read(
            b"{\"\xe5\x8d\x95\xe4\xbd\x8d\": \"A\", \"n\": 4}\n\n{\"n\": null, \"m\": [1]}\n",
            None,
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].get("n"), Some("4"));
        assert_eq!(rows[1].line, 3);
        assert!(
            !rows[1]
                .cells
                .iter()
                .find(|c| &*c.field == "m")
                .unwrap()
                .scalar
        );
        let err = read(b"{\"a\": 1}\n{oops}\n", Some("jsonl")).unwrap_err();
        assert_eq!(err.location().unwrap().line, 2);
    }

    #[test]
    fn yaml_list() {
        let rows = read(
            "# rows\n- 单位: A\n  组数: 4\n-\n- 单位: B\n".as_bytes(),
            None,
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].number, rows[1].line), (2, 5));
        assert_eq!(rows[0].cells[1].line, 3);
        assert!(read(b"a: 1\n", Some("yaml")).is_err());
    }

    #[test]
    fn sniffing() {
        assert_eq!(Format::sniff("{\"a\":1}"), Format::JsonLines);
        assert_eq!(Format::sniff("# c\n- a: 1"), Format::Yaml);
        assert_eq!(Format::sniff("[{\"a\":1}]"), Format::Yaml);
        assert_eq!(Format::sniff("a\tb\n"), Format::Csv { delimiter: b'\t' });
        assert_eq!(Format::sniff("a,b\n"), Format::Csv { delimiter: b',' });
    }

    #[test]
    fn csv_problems() {
        assert!(read(b"a,a\n1,2\n", Some("csv")).is_err());
        let err = read(b"a,b\n1,2,3\n", Some("csv")).unwrap_err();
        assert_eq!(err.location().unwrap().line, 2);
        // Trailing empty cells and unnamed columns are nothing.
        assert_eq!(read(b"a,,\n1,,\n", Some("csv")).unwrap().len(), 1);
    }

    #[test]
    fn resolve_checks_types_and_names_the_line() {
        let rows = read("单位,组数\nA,4\nB,0\nC,x\n".as_bytes(), Some("csv")).unwrap();
        let v = resolve(&schema(), &rows[0], "rows.csv").unwrap();
        assert_eq!(v.get("组数").unwrap().text, "4");
        assert_eq!(v.get("年度").unwrap().text, "2024"); // the default
        let err = resolve(&schema(), &rows[1], "rows.csv").unwrap_err();
        assert!(err.to_string().contains("`组数`"), "{err}");
        assert_eq!(err.location().unwrap().to_string(), "rows.csv:3:1");
        assert!(matches!(
            resolve(&schema(), &rows[2], "rows.csv").unwrap_err(),
            Error::BadValue {
                from: Origin::File(_),
                ..
            }
        ));
    }

    #[test]
    fn resolve_rejects_a_list() {
        let rows = read(b"{\"\xe5\x8d\x95\xe4\xbd\x8d\": [1, 2]}\n", None).unwrap();
        let err = resolve(&schema(), &rows[0], "rows.jsonl").unwrap_err();
        assert!(err.to_string().contains("a single value"), "{err}");
    }

    #[test]
    fn unknown_fields_are_left_out_and_listed() {
        let rows = read("单位,组树\nA,4\n".as_bytes(), Some("csv")).unwrap();
        let schema = schema();
        assert!(resolve(&schema, &rows[0], "r").is_ok());
        let unknown: Vec<&Cell> = rows[0].unknown(&schema).collect();
        assert_eq!(unknown.len(), 1);
        assert_eq!(
            unknown_field(&schema, unknown[0], "r").help().unwrap(),
            "did you mean `组数`?"
        );
    }

    #[test]
    fn bare_rows_are_the_rows_without_their_cells() {
        // Blank lines, rows of empty cells and CRLF, over many refills of the CSV's buffer.
        let mut text = String::from("单位,组数\r\n");
        for i in 0..5_000 {
            match i % 7 {
                3 => text.push_str("\r\n"),
                5 => text.push_str(" , \r\n"),
                _ => text.push_str(&format!("县{i}局,{i}\r\n")),
            }
        }
        let full = read(text.as_bytes(), Some("csv")).unwrap();
        let input = detect(text.as_bytes(), Some("csv")).unwrap();
        let mut rows = Rows::new(text.as_bytes(), "rows", input).unwrap();
        let mut bare = Vec::new();
        while let Some(row) = rows.next_bare() {
            bare.push(row.unwrap());
        }
        assert_eq!(bare.len(), full.len());
        for (b, f) in bare.iter().zip(&full) {
            assert_eq!((b.number, b.line), (f.number, f.line));
            assert!(b.cells.is_empty());
        }
        // The last row (i = 4,999) is on line 5,001: lines are counted across refills.
        let last = full.last().unwrap();
        assert_eq!(last.line, 5_001);
        assert_eq!(last.get("单位"), Some("县4999局"));
    }

    /// A row read into an old row's memory is the row read afresh: values longer, shorter,
    /// empty or missing where the old row had them, fewer cells than the old row had.
    #[test]
    fn rows_read_into_old_rows_are_the_rows() {
        let text = "单位,组数,年度\r\n县经信局,4,2023\r\n,,\r\n县农业局,,x\r\n县一局\r\n\
                    十分长的单位名称在此,12345,\r\n,7,2024\r\n";
        let full = read(text.as_bytes(), Some("csv")).unwrap();
        let input = detect(text.as_bytes(), Some("csv")).unwrap();
        let mut rows = Rows::new(text.as_bytes(), "rows", input).unwrap();
        let mut reused = Vec::new();
        let mut old = rows.next().unwrap().unwrap();
        reused.push(old.clone());
        while let Some(row) = rows.next_reusing(old) {
            old = row.unwrap();
            reused.push(old.clone());
        }
        assert_eq!(reused, full);
        assert_eq!(full.len(), 5);
        assert_eq!(full[2].cells.len(), 1, "{:?}", full[2]);
    }

    #[test]
    fn a_bare_row_with_too_many_cells_is_an_error() {
        let text = "单位,组数\n县经信局,4\n县农业局,5,多\n";
        let input = detect(text.as_bytes(), Some("csv")).unwrap();
        let mut rows = Rows::new(text.as_bytes(), "rows", input).unwrap();
        assert!(rows.next_bare().unwrap().is_ok());
        let err = rows.next_bare().unwrap().unwrap_err();
        assert!(err.to_string().contains("rows:3 has 3 cells"), "{err}");
    }
}
