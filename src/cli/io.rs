//! Files and streams: reading a document (or stdin) and writing output atomically.

use std::io::{Read, Write};
use std::path::Path;

use xfill::docx::{self, Docx};
use xfill::encoding::{self, Document, Encoding};
use xfill::error::Error;

/// Reads and decodes `path` (`-` is standard input); returns its display name too. A Word
/// document (told by its content) reads as its text, one paragraph per line.
pub fn read_document(path: &Path, forced: Option<Encoding>) -> Result<(String, Document), Error> {
    read_input(path, forced).map(|(name, doc, _)| (name, doc))
}

/// A document's text for the commands that only read it (`extract`, `diff`): a large UTF-8
/// file without BOM is mapped into memory and checked in place, not copied into a buffer
/// (for a 10 MB file that is most of the reading time); anything else is read and decoded
/// as [`read_document`] does.
pub enum Text {
    /// The file's own bytes, checked to be UTF-8.
    Mapped(memmap2::Mmap),
    /// Decoded text.
    Decoded(String),
}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            // SAFETY: `read_text` maps only files that simdutf8 found to be valid UTF-8.
            Text::Mapped(map) => unsafe { std::str::from_utf8_unchecked(map) },
            Text::Decoded(text) => text,
        }
    }
}

/// Files from this size on are mapped rather than read.
const MAP_FROM: u64 = 1 << 20;

/// Reads `path` as [`Text`]; returns its display name too.
pub fn read_text(path: &Path, forced: Option<Encoding>) -> Result<(String, Text), Error> {
    if let Some(map) = map_utf8(path, forced) {
        return Ok((path.display().to_string(), Text::Mapped(map)));
    }
    read_document(path, forced).map(|(name, doc)| (name, Text::Decoded(doc.text)))
}

/// `path` mapped into memory, when it is a large regular file of plain UTF-8 (and not a Word
/// document). `None` leaves the file to [`read_document`], which reads it and says what is
/// wrong with it.
fn map_utf8(path: &Path, forced: Option<Encoding>) -> Option<memmap2::Mmap> {
    if path.as_os_str() == "-" {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() < MAP_FROM {
        return None;
    }
    // SAFETY: the map is only read. Were another program to shorten the file while xfill
    // runs, reading past the new end would stop the process (SIGBUS), as with any tool that
    // maps its input; the bytes are checked for UTF-8 before they are used as text.
    let map = unsafe { memmap2::MmapOptions::new().populate().map(&file) }.ok()?;
    (!is_word(&map) && encoding::is_plain_utf8(&map, forced)).then_some(map)
}

/// Whether `bytes` are taken for a Word document: any zip archive is, so that a damaged one
/// says so.
fn is_word(bytes: &[u8]) -> bool {
    docx::is_docx(bytes) || bytes.starts_with(b"PK\x03\x04")
}

/// As [`read_document`], also returning the Word document when the input is one.
pub fn read_input(
    path: &Path,
    forced: Option<Encoding>,
) -> Result<(String, Document, Option<Docx>), Error> {
    let name = path.display().to_string();
    let bytes = if name == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Read {
                path: "<stdin>".into(),
                source,
            })?;
        bytes
    } else {
        if path.is_dir() {
            return Err(Error::Read {
                path: name,
                source: std::io::Error::new(
                    std::io::ErrorKind::IsADirectory,
                    "it is a directory, not a file",
                ),
            });
        }
        std::fs::read(path).map_err(|source| Error::Read {
            path: name.clone(),
            source,
        })?
    };
    let shown = if name == "-" {
        "<stdin>".to_string()
    } else {
        name
    };
    if bytes.is_empty() {
        return Err(Error::Empty { path: shown });
    }
    if is_word(&bytes) {
        let docx = Docx::open(bytes, &shown)?;
        let doc = Document::from_text(docx.text());
        return Ok((shown, doc, Some(docx)));
    }
    let doc = encoding::decode_vec(bytes, &shown, forced)?;
    Ok((shown, doc, None))
}

/// Writes `bytes` to `path` through a temp file in the same folder and a rename, keeping
/// the old file's permissions; without a path, to `stdout`. On error the old file is untouched.
pub fn write_output(
    path: Option<&Path>,
    bytes: &[u8],
    stdout: &mut impl Write,
) -> Result<(), super::Failure> {
    write_output_with(path, stdout, |w| w.write_all(bytes))
}

/// As [`write_output`], with `write` writing the output as it is made (no copy of a large
/// output in memory); if it fails, nothing is renamed over `path`.
pub fn write_output_with(
    path: Option<&Path>,
    stdout: &mut impl Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), super::Failure> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
        buffered(&mut *stdout, write)?;
        stdout.flush()?;
        return Ok(());
    };
    let shown = path.display().to_string();
    let fail = |source: std::io::Error| Error::Write {
        path: shown.clone(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(fail(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the folder {} does not exist", dir.display()),
        ))
        .into());
    }
    replace_file_with(path, dir, true, write)?;
    Ok(())
}

/// Writes `bytes` over `path` through a temp file in `dir` (the path's folder) and a rename,
/// keeping the old file's permissions; on error the old file is untouched. With `sync`, the
/// data reaches the disk before a rename that replaces a file, so that a crash just after it
/// cannot leave an empty file where the old one was (a new file has nothing to lose, and
/// skips the wait: about 25 ms for 10 MB).
///
/// Only regular files are replaced: a device, FIFO or socket (`-o /dev/null`, a named pipe)
/// is written into, since a rename would put a regular file in its place; through a symbolic
/// link, the file it points to is replaced and the link stays.
pub fn replace_file(path: &Path, dir: &Path, bytes: &[u8], sync: bool) -> Result<(), Error> {
    replace_file_with(path, dir, sync, |w| w.write_all(bytes))
}

/// Runs `write` into `w` through a buffer, and flushes the buffer.
fn buffered(
    w: impl Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, w);
    write(&mut out)?;
    out.flush()
}

/// As [`replace_file`], with `write` writing the file's contents.
fn replace_file_with(
    path: &Path,
    dir: &Path,
    sync: bool,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let fail = |source: std::io::Error| Error::Write {
        path: path.display().to_string(),
        source,
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(fail(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a folder; give a file name",
            )));
        }
        Ok(meta) if !meta.is_file() => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(fail)?;
            return buffered(file, write).map_err(fail);
        }
        _ => {}
    }
    let real;
    let (path, dir) = if path.is_symlink() {
        real = std::fs::canonicalize(path).map_err(fail)?;
        (real.as_path(), real.parent().unwrap_or(dir))
    } else {
        (path, dir)
    };
    let mut builder = tempfile::Builder::new();
    // A new file gets the permissions any new file gets here (0666 less the umask), not the
    // temp file's private 0600; an existing file's are copied below.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(fail)?;
    buffered(temp.as_file_mut(), write).map_err(fail)?;
    let old = std::fs::metadata(path).ok();
    if sync && old.is_some() {
        temp.as_file().sync_all().map_err(fail)?;
    }
    if let Some(meta) = old {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(fail)?;
    }
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Copies `path` to `path` + `suffix` (e.g. `report.txt.bak`) before it is overwritten.
pub fn backup(path: &Path, suffix: &str) -> Result<(), Error> {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    let to = std::path::PathBuf::from(name);
    std::fs::copy(path, &to)
        .map(|_| ())
        .map_err(|source| Error::Write {
            path: to.display().to_string(),
            source,
        })
}

/// Standard input (`-`) can be read once: not for both `a` and `b`.
pub fn one_stdin(a: &Path, b: &Path, what: &str) -> Result<(), Error> {
    if a.as_os_str() == "-" && b.as_os_str() == "-" {
        return Err(Error::Usage {
            message: format!("{what} cannot both come from standard input"),
            help: "only one input can be `-`: give the other as a file".into(),
        });
    }
    Ok(())
}
