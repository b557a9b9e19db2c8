//! Bytes ⇄ [`Document`]: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM) and GB18030
//! (which covers GBK and GB2312). Decoding happens once, at the edge; everything inside works
//! on `&str`. Line endings are left in the text exactly as they came, so writing the text
//! back with [`encode`] in the same encoding and BOM reproduces the input byte for byte.
//! Knows nothing about slots or schemas.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::error::Error;
use crate::span::Span;

/// A text encoding xfill reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8.
    Utf8,
    /// UTF-16, little endian.
    Utf16Le,
    /// UTF-16, big endian.
    Utf16Be,
    /// GB18030, a superset of GBK and GB2312.
    Gb18030,
}

impl Encoding {
    /// The name used on the command line and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
        }
    }

    /// The byte-order mark of the encoding (none for GB18030).
    pub fn bom(self) -> &'static [u8] {
        match self {
            Encoding::Utf8 => b"\xEF\xBB\xBF",
            Encoding::Utf16Le => b"\xFF\xFE",
            Encoding::Utf16Be => b"\xFE\xFF",
            Encoding::Gb18030 => b"",
        }
    }

    /// The encoding whose byte-order mark `bytes` start with.
    pub fn of_bom(bytes: &[u8]) -> Option<Encoding> {
        [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be]
            .into_iter()
            .find(|e| bytes.starts_with(e.bom()))
    }

    /// The codec that reads and writes it.
    pub fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Utf8 => encoding_rs::UTF_8,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
            Encoding::Gb18030 => encoding_rs::GB18030,
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "utf-16le" | "utf16le" => Ok(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Ok(Encoding::Utf16Be),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Ok(Encoding::Gb18030),
            other => Err(format!(
                "unknown encoding `{other}`; use utf-8, utf-16le, utf-16be or gb18030"
            )),
        }
    }
}

/// A decoded text together with what is needed to write it back the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The text, without BOM, line endings as they came.
    pub text: String,
    /// The encoding the bytes were in.
    pub encoding: Encoding,
    /// Whether the bytes started with a byte order mark.
    pub bom: bool,
    /// The bytes as read, BOM included, when they are not the text's own UTF-8 bytes: GB18030
    /// decodes several byte sequences to one character (`A3A0` and `A1A1` both to U+3000),
    /// so only the bytes themselves write the text back as it was.
    raw: Option<Arc<Vec<u8>>>,
}

/// What [`Document::encode_with`] could not encode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unencodable {
    /// The index of the change whose text holds the character; `None`: the document's own
    /// text (only when writing another encoding than the one read).
    pub change: Option<usize>,
    /// The character.
    pub character: char,
}

impl Document {
    /// A UTF-8 document without BOM, for text that is already in memory.
    pub fn from_text(text: impl Into<String>) -> Self {
        Document {
            text: text.into(),
            encoding: Encoding::Utf8,
            bom: false,
            raw: None,
        }
    }

    /// The same encoding and BOM, another text.
    pub fn with_text(&self, text: String) -> Self {
        Document {
            text,
            encoding: self.encoding,
            bom: self.bom,
            raw: None,
        }
    }

    /// The bytes of this document in its own encoding and BOM: the bytes as read when the
    /// text is unchanged.
    pub fn encode(&self) -> Vec<u8> {
        match self.encode_with(&[], None) {
            Ok(bytes) => bytes,
            // Only GB18030 can fail, and only for a text not read from bytes (U+E5E5).
            Err(_) => encode(&self.text, self.encoding, self.bom),
        }
    }

    /// The document with `changes` written over it: each a span of [`Document::text`]
    /// (sorted, apart) and the text that replaces it. Between the changes come the bytes as
    /// read, copied, not decoded and encoded again, so the output is byte-identical outside
    /// the changes in every encoding; only the changes are encoded, in `to` (encoding and
    /// BOM; default: the document's own).
    ///
    /// Writing another encoding than the one read encodes the whole text. A character the
    /// output encoding cannot hold (in GB18030, U+E5E5) is an error naming where it is,
    /// never a character reference or a `?`.
    pub fn encode_with(
        &self,
        changes: &[(Span, &str)],
        to: Option<(Encoding, bool)>,
    ) -> Result<Vec<u8>, Unencodable> {
        let (encoding, bom) = to.unwrap_or((self.encoding, self.bom));
        let bom = bom && encoding != Encoding::Gb18030;
        let mut out = Vec::with_capacity(self.text.len() + self.text.len() / 4 + 3);
        if bom {
            out.extend_from_slice(encoding.bom());
        }
        let copied = if encoding == self.encoding {
            self.body_offsets(changes)
        } else {
            None
        };
        let mut last = 0;
        for (i, &(span, new)) in changes.iter().enumerate() {
            let piece = Span::new(last, span.start);
            self.write_piece(
                piece,
                copied.as_ref().map(|o| (o[2 * i], o[2 * i + 1])),
                encoding,
                &mut out,
            )?;
            encode_into(new, encoding, &mut out).map_err(|character| Unencodable {
                change: Some(i),
                character,
            })?;
            last = span.end;
        }
        let tail = Span::new(last, self.text.len());
        let bytes = copied.as_ref().map(|o| (o[o.len() - 2], o[o.len() - 1]));
        self.write_piece(tail, bytes, encoding, &mut out)?;
        Ok(out)
    }

    /// Writes the text `piece` in `encoding`: the bytes as read at `bytes` (offsets in the
    /// body) when they decode to the piece, else the piece encoded.
    fn write_piece(
        &self,
        piece: Span,
        bytes: Option<(usize, usize)>,
        encoding: Encoding,
        out: &mut Vec<u8>,
    ) -> Result<(), Unencodable> {
        let text = piece.of(&self.text);
        if let Some((from, to)) = bytes {
            let own = self.body().get(from..to);
            // The text's own bytes (UTF-8 read without a copy) need no check.
            let same = |own: &&[u8]| own.as_ptr() == text.as_ptr() && own.len() == text.len();
            if let Some(own) = own.filter(|own| same(own) || decodes_to(own, self.encoding, text)) {
                out.extend_from_slice(own);
                return Ok(());
            }
        }
        encode_into(text, encoding, out).map_err(|character| Unencodable {
            change: None,
            character,
        })
    }

    /// The bytes as read without BOM: the text's own bytes for UTF-8 read without a copy.
    fn body(&self) -> &[u8] {
        match &self.raw {
            Some(raw) if self.bom => raw.get(self.encoding.bom().len()..).unwrap_or(&[]),
            Some(raw) => raw,
            None => self.text.as_bytes(),
        }
    }

    /// For the pieces between `changes` (their number plus one), the byte range of each in
    /// [`Document::body`], two offsets per piece; `None` when the bytes as read do not
    /// follow the text (a text changed after reading).
    fn body_offsets(&self, changes: &[(Span, &str)]) -> Option<Vec<usize>> {
        let mut wanted = Vec::with_capacity(2 * changes.len() + 2);
        let mut last = 0;
        for (span, _) in changes {
            wanted.extend([last, span.start]);
            last = span.end;
        }
        wanted.extend([last, self.text.len()]);
        if self.raw.is_none() {
            // A text not read from bytes (`with_text`): its own UTF-8 is the body only when
            // the document is UTF-8.
            return (self.encoding == Encoding::Utf8).then_some(wanted);
        }
        if self.encoding == Encoding::Utf8 {
            return Some(wanted); // the body is the text's UTF-8
        }
        let body = self.body();
        let mut offsets = Vec::with_capacity(wanted.len());
        let (mut at_text, mut at_byte) = (0, 0);
        let mut chars = self.text.char_indices();
        for want in wanted {
            while at_text < want {
                let (_, c) = chars.next()?;
                at_byte += match self.encoding {
                    Encoding::Gb18030 => gb18030_len(body, at_byte)?,
                    _ => 2 * c.len_utf16(),
                };
                at_text += c.len_utf8();
            }
            if at_text != want {
                return None;
            }
            offsets.push(at_byte);
        }
        (at_byte == body.len()).then_some(offsets)
    }
}

/// The length of the GB18030 sequence that starts at `at`: one byte below 0x81, four when
/// the second byte is a digit, else two (the decoder's grammar; each sequence is one
/// character).
fn gb18030_len(body: &[u8], at: usize) -> Option<usize> {
    let lead = *body.get(at)?;
    if lead < 0x81 {
        return Some(1);
    }
    let len = if body.get(at + 1)?.is_ascii_digit() {
        4
    } else {
        2
    };
    (at + len <= body.len()).then_some(len)
}

/// Whether `bytes` in `encoding` decode to exactly `text`.
fn decodes_to(bytes: &[u8], encoding: Encoding, text: &str) -> bool {
    match encoding {
        Encoding::Utf8 => bytes == text.as_bytes(),
        _ => encoding
            .codec()
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some_and(|t| t == text),
    }
}

/// Appends `text` in `encoding`; the first character it cannot hold is the error.
fn encode_into(text: &str, encoding: Encoding, out: &mut Vec<u8>) -> Result<(), char> {
    match encoding {
        Encoding::Utf8 => out.extend_from_slice(text.as_bytes()),
        Encoding::Utf16Le => text
            .encode_utf16()
            .for_each(|u| out.extend_from_slice(&u.to_le_bytes())),
        Encoding::Utf16Be => text
            .encode_utf16()
            .for_each(|u| out.extend_from_slice(&u.to_be_bytes())),
        Encoding::Gb18030 => {
            let mut encoder = encoding_rs::GB18030.new_encoder();
            let mut rest = text;
            loop {
                let room = encoder
                    .max_buffer_length_from_utf8_without_replacement(rest.len())
                    .unwrap_or(rest.len() * 4 + 16);
                out.reserve(room);
                let (result, read) =
                    encoder.encode_from_utf8_to_vec_without_replacement(rest, out, true);
                rest = &rest[read..];
                match result {
                    encoding_rs::EncoderResult::InputEmpty => break,
                    encoding_rs::EncoderResult::OutputFull => continue,
                    encoding_rs::EncoderResult::Unmappable(c) => return Err(c),
                }
            }
        }
    }
    Ok(())
}

/// Decodes `bytes` read from `name` (a path or `-`, used in errors).
///
/// Without `forced`, guesses in this order: a BOM, valid UTF-8, then GB18030. Bytes that are
/// valid in none of these, or that hold a NUL outside UTF-16, are an error, never mojibake.
pub fn decode(bytes: &[u8], name: &str, forced: Option<Encoding>) -> Result<Document, Error> {
    decode_vec(bytes.to_vec(), name, forced)
}

/// As [`decode`], taking the bytes: UTF-8 without BOM (the common case) is checked once.
pub fn decode_vec(bytes: Vec<u8>, name: &str, forced: Option<Encoding>) -> Result<Document, Error> {
    if let Some(text) = as_plain_utf8(&bytes, forced) {
        // Checked by simdutf8 and copied: the standard library's check of CJK text runs at
        // about 1 GB/s, simdutf8's at 14 and a copy at 25 (1 MB: 1.1 ms against 72 + 40 µs,
        // in-process); `String::from_utf8` would check it again.
        return Ok(Document {
            text: text.to_owned(),
            encoding: Encoding::Utf8,
            bom: false,
            raw: None,
        });
    }
    decode_slow(bytes, name, forced)
}

/// `bytes` as text without a copy, when they are plain UTF-8 (see [`decode_vec`]); `None`
/// leaves them to [`decode_vec`]. simdutf8 checks CJK text about five times as fast as the
/// standard library: that was a quarter of `check` over a folder of 10,000 documents.
pub fn as_plain_utf8(bytes: &[u8], forced: Option<Encoding>) -> Option<&str> {
    if !plain(bytes, forced) {
        return None;
    }
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Whether `bytes`, if valid UTF-8, is the text as it stands: read as UTF-8 (none or UTF-8
/// `forced`), no byte-order mark, no NUL (UTF-16 without a BOM has them).
fn plain(bytes: &[u8], forced: Option<Encoding>) -> bool {
    matches!(forced, None | Some(Encoding::Utf8))
        && !bytes.starts_with(b"\xEF\xBB\xBF")
        && !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF")
        && memchr::memchr(0, bytes).is_none()
}

fn decode_slow(bytes: Vec<u8>, name: &str, forced: Option<Encoding>) -> Result<Document, Error> {
    let (encoding, bom) = match forced {
        Some(encoding) => (
            encoding,
            bytes.starts_with(encoding.bom()) && encoding != Encoding::Gb18030,
        ),
        None => guess(&bytes),
    };
    let body = if bom {
        &bytes[encoding.bom().len()..]
    } else {
        &bytes[..]
    };
    if matches!(encoding, Encoding::Utf8 | Encoding::Gb18030)
        && let Some(byte) = memchr::memchr(0, body)
    {
        return Err(Error::Binary {
            path: name.to_string(),
            byte: byte + if bom { encoding.bom().len() } else { 0 },
        });
    }
    if forced.is_none() && encoding == Encoding::Gb18030 {
        let faults = Utf8Faults::of(body);
        // Valid multi-byte UTF-8 characters are rare by chance in GB18030 text; a file made
        // of them but for a few bytes is UTF-8 with a fault, which GB18030 would read as
        // other characters without a word.
        if faults.bad * 8 <= faults.multibyte
            || (faults.bad <= 3
                && encoding_rs::GB18030
                    .decode_without_bom_handling_and_without_replacement(body)
                    .is_none())
        {
            return Err(faults.error(body, name));
        }
    }
    let decoded = match encoding {
        Encoding::Utf8 => std::str::from_utf8(body)
            .map(str::to_owned)
            .map_err(|e| e.valid_up_to()),
        Encoding::Utf16Le => utf16(body, encoding_rs::UTF_16LE),
        Encoding::Utf16Be => utf16(body, encoding_rs::UTF_16BE),
        Encoding::Gb18030 => encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|cow| cow.into_owned())
            .ok_or_else(|| first_bad(encoding_rs::GB18030, body)),
    };
    match decoded {
        Ok(text) => Ok(Document {
            text,
            encoding,
            bom,
            raw: Some(Arc::new(bytes)),
        }),
        Err(byte) => Err(Error::Decode {
            path: name.to_string(),
            encoding: encoding.name(),
            byte: byte + if bom { encoding.bom().len() } else { 0 },
            guessed: forced.is_none(),
        }),
    }
}

fn guess(bytes: &[u8]) -> (Encoding, bool) {
    if let Some(encoding) = Encoding::of_bom(bytes) {
        (encoding, true)
    } else if std::str::from_utf8(bytes).is_ok() {
        (Encoding::Utf8, false)
    } else {
        (Encoding::Gb18030, false)
    }
}

fn utf16(body: &[u8], encoding: &'static encoding_rs::Encoding) -> Result<String, usize> {
    if body.len() % 2 == 1 {
        return Err(body.len() - 1);
    }
    encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .map(|cow| cow.into_owned())
        .ok_or_else(|| first_bad(encoding, body))
}

/// The offset in `body` of the first byte `encoding` cannot decode, for the error message:
/// where the malformed sequence starts, before the bytes the decoder read past it.
fn first_bad(encoding: &'static encoding_rs::Encoding, body: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(body.len()).unwrap_or(0));
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            read.saturating_sub(bad as usize + after as usize)
        }
        _ => read,
    }
}

/// How a text that is not valid UTF-8 falls short of it.
struct Utf8Faults {
    /// Invalid sequences.
    bad: usize,
    /// Valid characters of two bytes or more.
    multibyte: usize,
    /// Offset of the first invalid byte.
    first: usize,
}

impl Utf8Faults {
    fn of(body: &[u8]) -> Utf8Faults {
        let mut faults = Utf8Faults {
            bad: 0,
            multibyte: 0,
            first: body.len(),
        };
        let mut at = 0;
        while at < body.len() {
            let rest = &body[at..];
            let (valid, skip) = match std::str::from_utf8(rest) {
                Ok(_) => (rest.len(), 0),
                Err(e) => (
                    e.valid_up_to(),
                    e.error_len().unwrap_or(rest.len() - e.valid_up_to()),
                ),
            };
            faults.multibyte += rest[..valid].iter().filter(|&&b| b >= 0xC0).count();
            if skip > 0 {
                faults.first = faults.first.min(at + valid);
                faults.bad += 1;
            }
            at += valid + skip;
        }
        faults
    }

    fn error(&self, body: &[u8], name: &str) -> Error {
        // Everything before the first fault is valid UTF-8.
        let before = std::str::from_utf8(&body[..self.first]).unwrap_or("");
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Error::MostlyUtf8 {
            path: name.to_string(),
            byte: self.first,
            line: 1 + memchr::memchr_iter(b'\n', before.as_bytes()).count(),
            column: 1 + before[line_start..].chars().count(),
        }
    }
}

/// The encoding and BOM of an output written in `to` from a document read as `doc`: UTF-16
/// always gets a BOM (it is only recognised by one), UTF-8 keeps the input's, GB18030 has
/// none.
pub fn output_as(to: Encoding, doc: &Document) -> (Encoding, bool) {
    let bom = match to {
        Encoding::Utf16Le | Encoding::Utf16Be => true,
        Encoding::Utf8 => doc.bom,
        Encoding::Gb18030 => false,
    };
    (to, bom)
}

/// Encodes `text` in `encoding`, with a BOM when `bom` is set (ignored for GB18030). A
/// character GB18030 cannot hold becomes a character reference: for output, use
/// [`Document::encode_with`], which refuses it.
pub fn encode(text: &str, encoding: Encoding, bom: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 3);
    if bom {
        out.extend_from_slice(encoding.bom());
    }
    if encoding == Encoding::Gb18030 {
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        out.extend_from_slice(&bytes);
    } else {
        encode_into(text, encoding, &mut out).expect("only GB18030 can fail to encode");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "现将X上半年工作\r\n总结如下：\n分为X个组";

    #[test]
    fn every_encoding_round_trips_with_crlf() {
        for encoding in [
            Encoding::Utf8,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
            Encoding::Gb18030,
        ] {
            for bom in [false, true] {
                if encoding != Encoding::Utf8 && encoding != Encoding::Gb18030 && !bom {
                    continue; // UTF-16 is only recognised by its BOM
                }
                let bom = bom && encoding != Encoding::Gb18030;
                let bytes = encode(TEXT, encoding, bom);
                let doc = decode(&bytes, "t.txt", None).unwrap();
                assert_eq!(doc.text, TEXT, "{encoding} bom={bom}");
                assert_eq!(doc.encoding, encoding);
                assert_eq!(doc.bom, bom);
                assert_eq!(doc.encode(), bytes);
            }
        }
    }

    /// GB18030 sequences that decode to a character whose encoding is another sequence
    /// (issue 12, item 9).
    const GB18030_ALIASES: &[&[u8]] = &[
        b"\xA3\xA0",
        b"\x82\x35\x90\x37",
        b"\x84\x31\x82\x36",
        b"\xA6\xD9",
        b"\xFE\x59",
    ];

    #[test]
    fn gb18030_bytes_are_kept_outside_the_changes() {
        let mut bytes = encode("现将X上半年工作\r\n", Encoding::Gb18030, false);
        for alias in GB18030_ALIASES {
            bytes.extend_from_slice(alias);
        }
        bytes.extend_from_slice(&encode("分为X个组", Encoding::Gb18030, false));
        let doc = decode(&bytes, "g.txt", Some(Encoding::Gb18030)).unwrap();
        assert_ne!(
            encode(&doc.text, Encoding::Gb18030, false),
            bytes,
            "these sequences do not survive a decode and encode"
        );
        assert_eq!(doc.encode(), bytes);
        let x = doc.text.find('X').unwrap();
        let changed = doc
            .encode_with(&[(Span::new(x, x + 1), "县\u{3000}局")], None)
            .unwrap();
        let mut expected = encode("现将县\u{3000}局上半年工作\r\n", Encoding::Gb18030, false);
        expected.extend_from_slice(
            &bytes[encode("现将X上半年工作\r\n", Encoding::Gb18030, false).len()..],
        );
        assert_eq!(changed, expected);
    }

    #[test]
    fn another_text_is_encoded_in_the_documents_encoding() {
        for (encoding, bom) in [
            (Encoding::Gb18030, false),
            (Encoding::Utf16Le, true),
            (Encoding::Utf16Be, true),
            (Encoding::Utf8, true),
        ] {
            let doc = decode(&encode("分为X个组", encoding, bom), "t", Some(encoding)).unwrap();
            let other = doc.with_text("分为4个组".to_string());
            assert_eq!(
                other.encode(),
                encode("分为4个组", encoding, bom),
                "{encoding}"
            );
        }
    }

    #[test]
    fn a_character_gb18030_cannot_hold_is_refused() {
        let doc = decode(
            &encode("分为X个组", Encoding::Gb18030, false),
            "g",
            Some(Encoding::Gb18030),
        )
        .unwrap();
        let x = doc.text.find('X').unwrap();
        let err = doc
            .encode_with(&[(Span::new(x, x + 1), "a\u{E5E5}")], None)
            .unwrap_err();
        assert_eq!(
            err,
            Unencodable {
                change: Some(0),
                character: '\u{E5E5}'
            }
        );
        let utf8 = Document::from_text("a\u{E5E5}b");
        let err = utf8
            .encode_with(&[], Some((Encoding::Gb18030, false)))
            .unwrap_err();
        assert_eq!(err.change, None);
    }

    #[test]
    fn utf16_bytes_are_kept_and_values_encoded() {
        for encoding in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let bytes = encode("分为X个组😀", encoding, true);
            let doc = decode(&bytes, "u", None).unwrap();
            let x = doc.text.find('X').unwrap();
            let out = doc
                .encode_with(&[(Span::new(x, x + 1), "4😀")], None)
                .unwrap();
            assert_eq!(out, encode("分为4😀个组😀", encoding, true));
        }
    }

    #[test]
    fn lone_surrogate_is_reported_at_its_byte() {
        // BOM, "abcdef", a lone high surrogate at byte 14, then "g".
        let mut bytes = vec![0xFF, 0xFE];
        for c in "abcdef".encode_utf16() {
            bytes.extend_from_slice(&c.to_le_bytes());
        }
        bytes.extend_from_slice(&[0x00, 0xD8, b'g', 0]);
        let err = decode(&bytes, "s.txt", None).unwrap_err();
        assert!(matches!(err, Error::Decode { byte: 14, .. }), "{err:?}");
    }

    #[test]
    fn utf8_but_for_one_byte_says_so() {
        let mut bytes = "第一行文字\n第二行\n第三行".as_bytes().to_vec();
        bytes.extend_from_slice("文字".as_bytes());
        let at = bytes.len();
        bytes.push(0xFF);
        bytes.extend_from_slice("其余都是文字，共X个组。".as_bytes());
        let err = decode(&bytes, "u.txt", None).unwrap_err();
        assert!(
            matches!(err, Error::MostlyUtf8 { byte, line: 3, column: 6, .. } if byte == at),
            "{err:?}"
        );
        let ascii = decode(b"abc\n\xFFdef", "a.txt", None).unwrap_err();
        assert!(
            matches!(
                ascii,
                Error::MostlyUtf8 {
                    byte: 4,
                    line: 2,
                    column: 1,
                    ..
                }
            ),
            "{ascii:?}"
        );
        // Real GB18030 text is still read as GB18030.
        let gbk = encode(
            "现将X上半年工作总结如下：分为X个组",
            Encoding::Gb18030,
            false,
        );
        assert_eq!(
            decode(&gbk, "g.txt", None).unwrap().encoding,
            Encoding::Gb18030
        );
    }

    #[test]
    fn gb18030_errors_name_the_first_byte_of_the_bad_sequence() {
        for (bytes, at) in [
            (&b"abc\xFFdef"[..], 3),
            (b"ab\x81\x20cd", 2),
            (b"ab\x81\x30\x81\x20cd", 2),
            (b"\xD6\xD0ab\x81", 4),
        ] {
            let err = decode(bytes, "g.txt", Some(Encoding::Gb18030)).unwrap_err();
            assert!(
                matches!(err, Error::Decode { byte, .. } if byte == at),
                "{bytes:?}: {err:?}"
            );
        }
    }

    #[test]
    fn nul_byte_is_binary() {
        let err = decode(b"ab\0cd", "a.png", None).unwrap_err();
        assert!(matches!(err, Error::Binary { byte: 2, .. }), "{err:?}");
    }

    #[test]
    fn invalid_everywhere_is_an_error_naming_the_byte() {
        // 0xFF is invalid in UTF-8 and in GB18030; with this many of them the file is not
        // UTF-8 with a fault either.
        let err = decode(b"abc\xFF\xFF\xFF\xFF", "bad.txt", None).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Decode {
                    byte: 3,
                    encoding: "gb18030",
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn forced_utf8_on_gbk_bytes_fails() {
        let bytes = encode("分为X个组", Encoding::Gb18030, false);
        assert!(decode(&bytes, "g.txt", Some(Encoding::Utf8)).is_err());
        assert_eq!(
            decode(&bytes, "g.txt", None).unwrap().encoding,
            Encoding::Gb18030
        );
    }

    #[test]
    fn encoding_names_parse() {
        assert_eq!("GBK".parse::<Encoding>().unwrap(), Encoding::Gb18030);
        assert!("latin1".parse::<Encoding>().is_err());
    }
}
