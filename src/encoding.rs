//! Bytes ⇄ [`Document`]: UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM) and GB18030
//! (which covers GBK and GB2312). Decoding happens once, at the edge; everything inside works
//! on `&str`. Line endings are left in the text exactly as they came, so writing the text
//! back with [`encode`] in the same encoding and BOM reproduces the input byte for byte.
//! Knows nothing about slots or schemas.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

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

    fn bom(self) -> &'static [u8] {
        match self {
            Encoding::Utf8 => b"\xEF\xBB\xBF",
            Encoding::Utf16Le => b"\xFF\xFE",
            Encoding::Utf16Be => b"\xFE\xFF",
            Encoding::Gb18030 => b"",
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
}

impl Document {
    /// A UTF-8 document without BOM, for text that is already in memory.
    pub fn from_text(text: impl Into<String>) -> Self {
        Document {
            text: text.into(),
            encoding: Encoding::Utf8,
            bom: false,
        }
    }

    /// The same encoding and BOM, another text.
    pub fn with_text(&self, text: String) -> Self {
        Document {
            text,
            encoding: self.encoding,
            bom: self.bom,
        }
    }

    /// The bytes of this document in its own encoding and BOM.
    pub fn encode(&self) -> Vec<u8> {
        encode(&self.text, self.encoding, self.bom)
    }
}

/// Decodes `bytes` read from `name` (a path or `-`, used in errors).
///
/// Without `forced`, guesses in this order: a BOM, valid UTF-8, then GB18030. Bytes that are
/// valid in none of these, or that hold a NUL outside UTF-16, are an error, never mojibake.
pub fn decode(bytes: &[u8], name: &str, forced: Option<Encoding>) -> Result<Document, Error> {
    decode_vec(bytes.to_vec(), name, forced)
}

/// As [`decode`], taking the bytes: UTF-8 without BOM (the common case) is checked once and
/// kept without a copy.
pub fn decode_vec(bytes: Vec<u8>, name: &str, forced: Option<Encoding>) -> Result<Document, Error> {
    if is_plain_utf8(&bytes, forced) {
        // SAFETY: `is_plain_utf8` has just checked that `bytes` is valid UTF-8.
        let text = unsafe { String::from_utf8_unchecked(bytes) };
        return Ok(Document {
            text,
            encoding: Encoding::Utf8,
            bom: false,
        });
    }
    decode_slow(&bytes, name, forced)
}

/// Whether `bytes` read as UTF-8 (none or UTF-8 `forced`) is the text as it stands: no
/// byte-order mark, no NUL (UTF-16 without a BOM has them), valid UTF-8. simdutf8 checks CJK
/// text about ten times as fast as the standard library; the error path (not UTF-8) is left
/// to the standard library's exact report.
pub fn is_plain_utf8(bytes: &[u8], forced: Option<Encoding>) -> bool {
    matches!(forced, None | Some(Encoding::Utf8))
        && !bytes.starts_with(b"\xEF\xBB\xBF")
        && !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF")
        && memchr::memchr(0, bytes).is_none()
        && simdutf8::basic::from_utf8(bytes).is_ok()
}

fn decode_slow(bytes: &[u8], name: &str, forced: Option<Encoding>) -> Result<Document, Error> {
    let (encoding, bom) = match forced {
        Some(encoding) => (
            encoding,
            bytes.starts_with(encoding.bom()) && encoding != Encoding::Gb18030,
        ),
        None => guess(bytes),
    };
    let body = if bom {
        &bytes[encoding.bom().len()..]
    } else {
        bytes
    };
    if matches!(encoding, Encoding::Utf8 | Encoding::Gb18030)
        && let Some(byte) = memchr::memchr(0, body)
    {
        return Err(Error::Binary {
            path: name.to_string(),
            byte: byte + if bom { encoding.bom().len() } else { 0 },
        });
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
            .ok_or_else(|| first_bad_gb18030(body)),
    };
    match decoded {
        Ok(text) => Ok(Document {
            text,
            encoding,
            bom,
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
    if bytes.starts_with(Encoding::Utf8.bom()) {
        (Encoding::Utf8, true)
    } else if bytes.starts_with(Encoding::Utf16Le.bom()) {
        (Encoding::Utf16Le, true)
    } else if bytes.starts_with(Encoding::Utf16Be.bom()) {
        (Encoding::Utf16Be, true)
    } else if simdutf8::basic::from_utf8(bytes).is_ok() {
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
        .ok_or(0)
}

/// The offset of the first byte GB18030 cannot decode, for the error message.
fn first_bad_gb18030(body: &[u8]) -> usize {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(body.len()).unwrap_or(0));
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => read,
    }
}

/// Encodes `text` in `encoding`, with a BOM when `bom` is set (ignored for GB18030).
pub fn encode(text: &str, encoding: Encoding, bom: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() + 3);
    if bom {
        out.extend_from_slice(encoding.bom());
    }
    match encoding {
        Encoding::Utf8 => out.extend_from_slice(text.as_bytes()),
        Encoding::Utf16Le => text
            .encode_utf16()
            .for_each(|u| out.extend_from_slice(&u.to_le_bytes())),
        Encoding::Utf16Be => text
            .encode_utf16()
            .for_each(|u| out.extend_from_slice(&u.to_be_bytes())),
        Encoding::Gb18030 => {
            let (bytes, _, _) = encoding_rs::GB18030.encode(text);
            out.extend_from_slice(&bytes);
        }
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

    #[test]
    fn nul_byte_is_binary() {
        let err = decode(b"ab\0cd", "a.png", None).unwrap_err();
        assert!(matches!(err, Error::Binary { byte: 2, .. }), "{err:?}");
    }

    #[test]
    fn invalid_everywhere_is_an_error_naming_the_byte() {
        // 0xFF is invalid in UTF-8 and in GB18030.
        let err = decode(b"abc\xFF", "bad.txt", None).unwrap_err();
        assert!(matches!(err, Error::Decode { byte: 3, .. }), "{err:?}");
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
