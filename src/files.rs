//! Files: reading an input whole or streamed, capped at `--max-size` (a document, standard
//! input), and writing safely: a temp file in the same folder and a rename (a batch's new
//! files, on Linux: an unnamed file linked at its name once written), backups, and
//! refusals of what must not be written (an input of the command, a symbolic link, a named
//! pipe or a device where a batch file goes). Temp files being written are removed on Ctrl-C
//! or SIGTERM. Decoding is [`crate::encoding`]'s, Word documents [`crate::docx`]'s; what the
//! bytes mean is left to them.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::docx::{self, Docx};
use crate::encoding::{self, Document, Encoding};
use crate::error::Error;
use crate::schema::Schema;

/// Reads and decodes `path` (`-` is standard input); returns its display name too. A Word
/// document (told by its content) reads as its text, one paragraph per line.
pub fn read_document(path: &Path, forced: Option<Encoding>) -> Result<(String, Document), Error> {
    read_input(path, forced).map(|(name, doc, _)| (name, doc))
}

/// Reads `path` as [`read_document`] does, for the commands that only need its text.
pub fn read_text(path: &Path, forced: Option<Encoding>) -> Result<(String, String), Error> {
    read_document(path, forced).map(|(name, doc)| (name, doc.text))
}

/// Reads the document at `path` (as [`read_document`] does), then the schema at `schema` if
/// any, and finds the slots with its scanner, as `scan` lists them: the document's display
/// name, its text and its slots.
pub fn read_scanned(
    path: &Path,
    schema: Option<&Path>,
    forced: Option<Encoding>,
) -> Result<(String, String, Vec<crate::scan::Slot>), Error> {
    let (name, doc) = read_document(path, forced)?;
    let schema = schema.map(read_schema).transpose()?;
    let slots = crate::schema::scan_with(schema.as_ref(), &doc.text);
    Ok((name, doc.text, slots))
}

/// Whether `bytes` are taken for a Word document: any zip archive is, so that a damaged one
/// says so. Told by the zip's leading signature: looking for a zip's directory at the end of
/// every text file cost 6% of `check` over a folder.
pub fn is_word(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || (bytes.starts_with(b"PK\x05\x06") && docx::is_docx(bytes))
}

/// As [`read_document`], also returning the Word document when the input is one.
pub fn read_input(
    path: &Path,
    forced: Option<Encoding>,
) -> Result<(String, Document, Option<Docx>), Error> {
    let (shown, bytes) = read_bytes(path)?;
    if is_word(&bytes) {
        let docx = Docx::open(bytes, &shown)?;
        let doc = Document::from_text(docx.text());
        return Ok((shown, doc, Some(docx)));
    }
    let doc = encoding::decode_vec(bytes, &shown, forced)?;
    Ok((shown, doc, None))
}

/// The document of bytes read by [`read_bytes`]: a Word document's text, or the text decoded.
pub fn read_input_from(
    shown: String,
    bytes: Vec<u8>,
    forced: Option<Encoding>,
) -> Result<Document, Error> {
    if is_word(&bytes) {
        return Ok(Document::from_text(Docx::open(bytes, &shown)?.text()));
    }
    encoding::decode_vec(bytes, &shown, forced)
}

/// Reads the document `path` whole (`-` is standard input) and hands `f` its display name
/// and text: plain UTF-8 (most documents) where it was read, without a copy; anything else
/// decoded, a Word document as its text.
///
/// A file is read into a buffer its thread keeps for the next one, without asking its size
/// unless it holds more than `UNASKED` bytes (10,000 files of about 5 KB: one `statx`, one
/// allocation and its freeing less per file).
pub fn with_text<R>(
    path: &Path,
    forced: Option<Encoding>,
    f: impl FnOnce(&str, &str) -> R,
) -> Result<R, Error> {
    if path.as_os_str() == "-" {
        let (name, mut bytes) = read_bytes(path)?;
        return text_of(&name, &mut bytes, forced, f);
    }
    let name = match path.to_str() {
        Some(name) => std::borrow::Cow::Borrowed(name),
        None => std::borrow::Cow::Owned(path.display().to_string()),
    };
    let mut bytes = READ_BUFFER.take();
    let result = read_file_into(path, &name, &mut bytes)
        .and_then(|()| text_of(&name, &mut bytes, forced, f));
    if bytes.capacity() <= KEPT {
        READ_BUFFER.set(bytes);
    }
    result
}

/// Hands `f` the name `name` and the text of `bytes`: plain UTF-8 where it stands, anything
/// else decoded (which takes the bytes, leaving `bytes` empty).
fn text_of<R>(
    name: &str,
    bytes: &mut Vec<u8>,
    forced: Option<Encoding>,
    f: impl FnOnce(&str, &str) -> R,
) -> Result<R, Error> {
    let plain = (!is_word(bytes))
        .then(|| encoding::as_plain_utf8(bytes, forced))
        .flatten();
    Ok(match plain {
        Some(text) => f(name, text),
        None => {
            let text = read_input_from(name.to_string(), std::mem::take(bytes), forced)?.text;
            f(name, &text)
        }
    })
}

thread_local! {
    /// The buffer [`with_text`] reads files into, kept by each thread between files.
    static READ_BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The bytes of a file read before its size is asked: past them, a file larger than the cap
/// is refused without being read.
const UNASKED: u64 = 1 << 20;

/// The largest buffer a thread keeps for the next file.
const KEPT: usize = 4 << 20;

/// Reads the file `path` (shown as `name`) whole into `bytes`, as [`read_bytes`] does: a
/// folder, a file larger than [`max_size`] and an empty file are errors.
fn read_file_into(path: &Path, name: &str, bytes: &mut Vec<u8>) -> Result<(), Error> {
    let fail = |source| Error::Read {
        path: name.to_string(),
        source,
    };
    let limit = max_size();
    let too_large = || Error::TooLarge {
        path: name.to_string(),
        limit,
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    // What a read fails on is told apart only then: a folder opens, but is not read.
    let read_fail = |source| match file.metadata() {
        Ok(meta) if meta.is_dir() => fail(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a directory, not a file",
        )),
        _ => fail(source),
    };
    bytes.clear();
    let first = limit.saturating_add(1).min(UNASKED);
    (&file).take(first).read_to_end(bytes).map_err(read_fail)?;
    if bytes.len() as u64 == first && first <= limit {
        // More may follow: a file larger than the cap is refused unread.
        let len = file.metadata().map_err(fail)?.len();
        if len > limit {
            return Err(too_large());
        }
        bytes.reserve(
            usize::try_from(len)
                .unwrap_or(0)
                .saturating_sub(bytes.len()),
        );
        (&file)
            .take(limit.saturating_add(1) - bytes.len() as u64)
            .read_to_end(bytes)
            .map_err(read_fail)?;
    }
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    if bytes.is_empty() {
        return Err(Error::Empty {
            path: name.to_string(),
        });
    }
    Ok(())
}

/// A document's bytes, read whole (`-` is standard input), and its display name. Empty is an
/// error.
pub fn read_bytes(path: &Path) -> Result<(String, Vec<u8>), Error> {
    let name = path.display().to_string();
    let bytes = if name == "-" {
        read_capped(std::io::stdin().lock(), "<stdin>", None)?
    } else {
        let fail = |source| Error::Read {
            path: name.clone(),
            source,
        };
        let file = std::fs::File::open(path).map_err(fail)?;
        let meta = file.metadata().map_err(fail)?;
        if meta.is_dir() {
            return Err(fail(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a directory, not a file",
            )));
        }
        read_capped(file, &name, Some(meta.len()))?
    };
    let shown = if name == "-" {
        "<stdin>".to_string()
    } else {
        name
    };
    if bytes.is_empty() {
        return Err(Error::Empty { path: shown });
    }
    Ok((shown, bytes))
}

/// Reads and parses the schema file `path` (`-` is standard input). A file that is refused
/// and looks like a values file (a mapping of scalars, no `fields:`) says so: the two were
/// likely swapped.
pub fn read_schema(path: &Path) -> Result<Schema, Error> {
    let (name, doc) = read_document(path, None)?;
    // A mapping of scalars with no `fields:` (checked only once the schema is refused).
    let looks_like_values = |text: &str| {
        !crate::yaml::has_block_key(text, "fields")
            && crate::values::scalars(text, &name).is_ok_and(|found| !found.is_empty())
    };
    Schema::parse(&doc.text, &name).map_err(|e| {
        if looks_like_values(&doc.text) {
            Error::Usage {
                message: format!(
                    "{name} has no `fields:`: it looks like a values file (field: value), not a \
                     schema"
                ),
                help: "did you swap --schema and --values? `xfill init TEMPLATE -o S` drafts a \
                       schema"
                    .into(),
            }
        } else {
            e
        }
    })
}

/// Writes `bytes` over `path` through a temp file in the same folder and a rename, keeping
/// the old file's permissions, as [`write_with`] does.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_with(path, |w| w.write_all(bytes))
}

/// Writes the output over `path` through a temp file in its folder and a rename, keeping
/// the old file's permissions; on error the old file is untouched. `write` writes the output
/// as it is made (no copy of a large output in memory); if it fails, nothing is renamed over
/// `path`. The folder must exist.
pub fn write_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
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
        )));
    }
    replace_file_with(path, dir, true, write)
}

/// Writes `bytes` to `path` through a temp file in the same folder and a rename, keeping
/// the old file's permissions, as [`write()`] does; without a path (or with `-`), to `stdout`,
/// flushed. On error the old file is untouched. A failure to write `stdout` is an
/// [`std::io::Error`] (a closed pipe, say), a failure to write the file an [`Error`]: `E`
/// keeps them apart for the caller.
pub fn write_output<E: From<Error> + From<std::io::Error>>(
    path: Option<&Path>,
    bytes: &[u8],
    stdout: &mut impl Write,
) -> Result<(), E> {
    write_output_with(path, stdout, |w| w.write_all(bytes))
}

/// As [`write_output`], with `write` writing the output as it is made (no copy of a large
/// output in memory); if it fails, nothing is renamed over `path`.
pub fn write_output_with<E: From<Error> + From<std::io::Error>>(
    path: Option<&Path>,
    stdout: &mut impl Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), E> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
        buffered(&mut *stdout, write)?;
        stdout.flush()?;
        return Ok(());
    };
    write_with(path, write)?;
    Ok(())
}

/// Runs `write` into `w` through a buffer, and flushes the buffer.
pub fn buffered(
    w: impl Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, w);
    write(&mut out)?;
    out.flush()
}

/// Writes the output over `path` through a temp file in `dir` (the path's folder) and a rename,
/// keeping the old file's permissions; on error the old file is untouched. With `sync`, the
/// data reaches the disk before a rename that replaces a file, so that a crash just after it
/// cannot leave an empty file where the old one was (a new file has nothing to lose, and
/// skips the wait: about 25 ms for 10 MB).
///
/// Only regular files are replaced: a device, FIFO or socket (`-o /dev/null`, a named pipe)
/// is written into, since a rename would put a regular file in its place; through a symbolic
/// link, the file it points to is replaced and the link stays. `write` writes the contents.
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
    let (mut temp, _registered) = Registered::temp_in(&builder, dir).map_err(fail)?;
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

/// Keeps a copy of `path` as `path` + `suffix` (e.g. `report.txt.bak`) before it is
/// overwritten: through a temp file and a rename that never replaces what is already there,
/// so that an existing backup (or a symbolic link by that name) is neither overwritten nor
/// followed, and a full disk leaves the template as it was.
pub fn backup(path: &Path, suffix: &str) -> Result<(), Error> {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    let to = PathBuf::from(name);
    let shown = to.display().to_string();
    let taken = |why: &str| Error::Refused {
        path: shown.clone(),
        why: why.to_string(),
        help: "move the old backup away, or keep this one under another name with --backup=SUFFIX"
            .into(),
    };
    if suffix.is_empty() {
        return Err(Error::Refused {
            path: shown.clone(),
            why: "an empty --backup suffix names the template itself".into(),
            help: "give a suffix, e.g. --backup=.orig, or leave it out for .bak".into(),
        });
    }
    match std::fs::symlink_metadata(&to) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(taken("it exists, as a symbolic link"));
        }
        Ok(_) => return Err(taken("a backup by that name exists")),
        Err(_) => {}
    }
    let fail = |source| Error::Write {
        path: shown.clone(),
        source,
    };
    let dir = match to.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut from = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.display().to_string(),
        source,
    })?;
    let (mut temp, _registered) =
        Registered::temp_in(&tempfile::Builder::new(), dir).map_err(fail)?;
    std::io::copy(&mut from, temp.as_file_mut()).map_err(fail)?;
    if let Ok(meta) = from.metadata() {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(fail)?;
    }
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist_noclobber(&to).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            taken("a backup by that name exists")
        } else {
            fail(e.error)
        }
    })?;
    Ok(())
}

/// The file `fill --in-place` writes: the template itself, which must be a file, not
/// standard input; with `backup`, a copy of it is kept first (see [`backup`]).
pub fn in_place(template: &Path, backup_suffix: Option<&str>) -> Result<PathBuf, Error> {
    if template.as_os_str() == "-" {
        let source = std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "--in-place needs a file, not standard input",
        );
        return Err(Error::Write {
            path: "-".into(),
            source,
        });
    }
    if let Some(suffix) = backup_suffix {
        backup(template, suffix)?;
    }
    Ok(template.to_path_buf())
}

/// Refuses to write `output` when something (a file, a link, even a broken one) is there
/// already, saying `why` and what to do (`help`). `-` and no output are standard output.
pub fn refuse_existing(output: Option<&Path>, why: &str, help: &str) -> Result<(), Error> {
    match output.filter(|p| p.as_os_str() != "-") {
        Some(out) if std::fs::symlink_metadata(out).is_ok() => Err(Error::Refused {
            path: out.display().to_string(),
            why: why.into(),
            help: help.into(),
        }),
        _ => Ok(()),
    }
}

/// A file beside `template`, named for it: `summary.schema.yaml` for `summary.txt` and
/// `what` = `schema.yaml`.
pub fn beside(template: &Path, what: &str) -> PathBuf {
    let stem = template
        .file_stem()
        .map_or_else(|| "template".into(), |s| s.to_string_lossy().into_owned());
    template.with_file_name(format!("{stem}.{what}"))
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

/// Stops a command whose output file is one of its inputs: the same file by device and
/// inode, however it is named (another path, a symbolic or hard link). `-` and a path that
/// does not exist yet are no input.
pub fn refuse_input_as_output(
    output: Option<&Path>,
    inputs: &[Option<&Path>],
) -> Result<(), Error> {
    let Some(output) = output.filter(|p| p.as_os_str() != "-") else {
        return Ok(());
    };
    let Some(id) = file_id(output) else {
        return Ok(());
    };
    for input in inputs.iter().flatten() {
        if input.as_os_str() != "-" && file_id(input) == Some(id) {
            return Err(Error::Refused {
                path: output.display().to_string(),
                why: format!("it is {}, an input of this command", input.display()),
                help: "write the output to another file (fill --in-place replaces a template on purpose)"
                    .into(),
            });
        }
    }
    Ok(())
}

/// The device and inode of the file `path` names (through symbolic links), when it exists.
pub fn file_id(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        // Without inode numbers, the canonical path stands for the file.
        let path = std::fs::canonicalize(path).ok()?;
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        path.hash(&mut h);
        Some((0, h.finish()))
    }
}

/// Why a batch output file may not be written at `path` (it exists and is not a regular
/// file: a symbolic link, a folder, a named pipe, a device), when it may not.
pub fn in_the_way(path: &Path) -> Option<String> {
    why_in_the_way(path, &std::fs::symlink_metadata(path).ok()?)
}

/// [`in_the_way`] for what `meta` (the path's own, not a link's target) says is there.
fn why_in_the_way(path: &Path, meta: &std::fs::Metadata) -> Option<String> {
    let kind = meta.file_type();
    if kind.is_symlink() {
        let to = std::fs::read_link(path)
            .map(|t| format!(" to {}", t.display()))
            .unwrap_or_default();
        Some(format!(
            "it is a symbolic link{to}, and xfill batch never writes through one"
        ))
    } else if kind.is_dir() {
        Some("a folder is in the way".into())
    } else if !kind.is_file() {
        Some("it is not a regular file (a named pipe, a socket or a device)".into())
    } else {
        None
    }
}

/// Writes `bytes` as [`write_regular`] does, for a file whose name was free a moment ago
/// (batch looked when it began): without a look at what is there first (one `statx` a
/// file: a 10,000-row batch took 207 ms of CPU with it, 192 ms without). Whatever came in
/// the meantime is replaced by the rename, never written through or into, as the rename
/// replaces the folder entry itself; a folder in the way fails the rename.
///
/// On Linux the file is first written unnamed (`O_TMPFILE`) and then linked at its name: one
/// entry added to the folder instead of three changes (a temp name made, then renamed), and
/// nothing left even if the process is killed. A name taken meanwhile (the link fails), or
/// a system without unnamed files, falls back to the temp file and the rename.
pub fn write_new_regular(path: &Path, dir: &Path, bytes: &[u8]) -> Result<(), Error> {
    #[cfg(target_os = "linux")]
    if written(unnamed::write(rustix::fs::CWD, dir, path, bytes), path)? {
        return Ok(());
    }
    write_temp_then_rename(path, dir, bytes, None)
}

/// Whether an unnamed file was written and linked (`false`: fall back to a temp name); an
/// error names `path`.
#[cfg(target_os = "linux")]
fn written(linked: std::io::Result<bool>, path: &Path) -> Result<bool, Error> {
    linked.map_err(|source| Error::Write {
        path: path.display().to_string(),
        source,
    })
}

/// A batch's output folder, held open while the rows' files are written into it: on Linux
/// a new file is made and named in it by its descriptor, not by a path walked twice for
/// every file (1,000,000 rows: 4% of the samples went to walking paths).
#[derive(Debug)]
pub struct OutDir {
    path: PathBuf,
    #[cfg(target_os = "linux")]
    fd: Option<std::os::fd::OwnedFd>,
}

impl OutDir {
    /// Holds the folder `path` open (if it cannot be, files are written by their paths).
    pub fn open(path: &Path) -> OutDir {
        OutDir {
            path: path.to_path_buf(),
            #[cfg(target_os = "linux")]
            fd: {
                use rustix::fs::{Mode, OFlags};
                let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
                rustix::fs::open(path, flags, Mode::empty()).ok()
            },
        }
    }

    /// The folder's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` as the new file `name` of the folder (`path`: the folder's path
    /// joined with `name`), as [`write_new_regular`] does.
    pub fn write_new(&self, name: &str, path: &Path, bytes: &[u8]) -> Result<(), Error> {
        #[cfg(target_os = "linux")]
        if let Some(fd) = &self.fd {
            use std::os::fd::AsFd;
            let linked = unnamed::write(fd.as_fd(), Path::new("."), Path::new(name), bytes);
            if written(linked, path)? {
                return Ok(());
            }
            return write_temp_then_rename(path, &self.path, bytes, None);
        }
        let _ = name;
        write_new_regular(path, &self.path, bytes)
    }
}

/// Files written unnamed in their folder (`O_TMPFILE`), then given their name by a link
/// that never replaces what is there: a file appears whole under its name or not at all, and
/// an interrupted or killed run leaves nothing behind (an unnamed file goes with its last
/// descriptor).
#[cfg(target_os = "linux")]
mod unnamed {
    use std::io::Write;
    use std::path::Path;
    use std::sync::atomic::{AtomicU8, Ordering};

    use std::os::fd::BorrowedFd;

    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use rustix::io::Errno;

    /// How a file is linked: by its descriptor (`AT_EMPTY_PATH`, which Linux allows the
    /// file's opener since 6.10, and anyone with `CAP_DAC_READ_SEARCH` before), ...
    pub(super) const BY_FD: u8 = 0;
    /// ... through its name under /proc/self/fd, ...
    pub(super) const BY_PROC: u8 = 1;
    /// ... or not at all: the temp file and the rename.
    const OFF: u8 = 2;
    /// The first way that worked, tried in that order (a failure moves on for good).
    static HOW: AtomicU8 = AtomicU8::new(BY_FD);

    /// Writes `bytes` into an unnamed file in the folder `dir` and links it at `path`, both
    /// paths taken from the folder `at` (`CWD`: as they are). `Ok(false)`: no file was
    /// made, and nothing is left (no unnamed files here, or `path` is taken); an error
    /// writing the bytes is returned, the unnamed file gone with it.
    pub(super) fn write(
        at: BorrowedFd,
        dir: &Path,
        path: &Path,
        bytes: &[u8],
    ) -> std::io::Result<bool> {
        let how = HOW.load(Ordering::Relaxed);
        if how == OFF {
            return Ok(false);
        }
        // An interruption ends the run as when temp files are named (exit 130 or 143); an
        // unnamed file has nothing to remove.
        super::clean_up_ready();
        let mut file = match create(at, dir) {
            Ok(file) => file,
            // No unnamed files on this file system (or kernel, which opens the folder).
            Err(Errno::OPNOTSUPP | Errno::ISDIR | Errno::INVAL) => {
                HOW.store(OFF, Ordering::Relaxed);
                return Ok(false);
            }
            // Whatever else (a missing folder, no permission) the fallback meets and says.
            Err(_) => return Ok(false),
        };
        file.write_all(bytes)?;
        let mut how = how;
        loop {
            match link(&file, at, path, how) {
                Ok(()) => return Ok(true),
                // Taken since the run began: replaced by the rename, whole.
                Err(Errno::EXIST) => return Ok(false),
                Err(_) => {
                    how = if how == BY_FD { BY_PROC } else { OFF };
                    HOW.store(how, Ordering::Relaxed);
                    if how == OFF {
                        return Ok(false);
                    }
                }
            }
        }
    }

    /// A new unnamed file in `dir`, for writing; its permissions those of any new file
    /// (0666 less the umask).
    pub(super) fn create(at: BorrowedFd, dir: &Path) -> rustix::io::Result<std::fs::File> {
        let flags = OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC;
        rustix::fs::openat(at, dir, flags, Mode::from(0o666)).map(std::fs::File::from)
    }

    /// Links the unnamed `file` at `path` (from the folder `at`) the way `how` says; never
    /// replaces `path`, nor follows a link there.
    pub(super) fn link(
        file: &std::fs::File,
        at: BorrowedFd,
        path: &Path,
        how: u8,
    ) -> rustix::io::Result<()> {
        if how == BY_FD {
            return rustix::fs::linkat(file, "", at, path, AtFlags::EMPTY_PATH);
        }
        use std::os::fd::AsRawFd;
        let mut proc = itoa::Buffer::new();
        let fd = proc.format(file.as_raw_fd());
        let from = ["/proc/self/fd/", fd].concat();
        rustix::fs::linkat(CWD, from.as_str(), at, path, AtFlags::SYMLINK_FOLLOW)
    }
}

/// Writes `bytes` as the regular file `path` in `dir` for batch: a temp file and a rename,
/// without `fsync`, the old file's permissions kept. The rename replaces the folder entry
/// itself, so a symbolic link is never followed; a link, folder, named pipe or device in the
/// way is refused ([`in_the_way`]) rather than replaced or written into.
pub fn write_regular(path: &Path, dir: &Path, bytes: &[u8]) -> Result<(), Error> {
    // One look at what is there: refused if not a regular file, else its permissions kept.
    let existing = std::fs::symlink_metadata(path).ok();
    if let Some(why) = existing
        .as_ref()
        .and_then(|meta| why_in_the_way(path, meta))
    {
        return Err(Error::Refused {
            path: path.display().to_string(),
            why,
            help: "remove it from the output folder, or write into another --out-dir".into(),
        });
    }
    write_temp_then_rename(path, dir, bytes, existing.map(|meta| meta.permissions()))
}

/// Writes `bytes` into a temp file in `dir`, gives it `permissions` (else those of any new
/// file), and renames it to `path`.
fn write_temp_then_rename(
    path: &Path,
    dir: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> Result<(), Error> {
    let fail = |source: std::io::Error| Error::Write {
        path: path.display().to_string(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let (mut temp, _registered) = Registered::temp_in(&builder, dir).map_err(fail)?;
    // The bytes are all here: written at once, not copied through a 64 KB buffer made for
    // each file (whose freeing made malloc consolidate: 2.9% of a 10,000-row batch's
    // samples, 1.8% without).
    temp.as_file_mut().write_all(bytes).map_err(fail)?;
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions).map_err(fail)?;
    }
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

// ---- The input size cap (`--max-size`) ----

static MAX_SIZE: AtomicU64 = AtomicU64::new(crate::DEFAULT_MAX_SIZE);

/// Sets the most bytes read from one input.
pub fn set_max_size(bytes: u64) {
    MAX_SIZE.store(bytes, Ordering::Relaxed);
}

/// The most bytes read from one input.
pub fn max_size() -> u64 {
    MAX_SIZE.load(Ordering::Relaxed)
}

/// The most `--max-size` may be: a text decoded from UTF-16 or GB18030 grows by half in
/// UTF-8, and the scanner's offsets are 32-bit.
pub const MAX_SIZE_LIMIT: u64 = 2 << 30;

/// Parses `--max-size`: bytes, or a number with K, M or G (powers of 1024), e.g. `512M`, up
/// to [`MAX_SIZE_LIMIT`].
pub fn parse_size(arg: &str) -> Result<u64, String> {
    let arg = arg.trim();
    let (digits, unit) = match arg.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => arg.split_at(i),
        None => (arg, ""),
    };
    let shift = match unit
        .trim()
        .to_ascii_uppercase()
        .trim_end_matches(['B', 'I'])
    {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        "T" => 40,
        _ => {
            return Err(format!(
                "{arg:?} is not a size: write e.g. 512M, 2G or 1000000"
            ));
        }
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{arg:?} is not a size: write e.g. 512M, 2G or 1000000"))?;
    let n = n
        .checked_mul(1 << shift)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("{arg:?} is not a usable size"))?;
    if n > MAX_SIZE_LIMIT {
        return Err(format!("{arg:?} is more than xfill reads: 2G at most"));
    }
    Ok(n)
}

/// Reads all of `r` (`len` bytes, when known), but no more than [`max_size`].
fn read_capped(r: impl Read, shown: &str, len: Option<u64>) -> Result<Vec<u8>, Error> {
    let limit = max_size();
    let too_large = || Error::TooLarge {
        path: shown.to_string(),
        limit,
    };
    if len.is_some_and(|len| len > limit) {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(len.unwrap_or(0).min(limit) as usize);
    r.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: shown.to_string(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// A reader that fails once more than [`max_size`] bytes have come through: rows files are
/// streamed, so their size is checked as they are read.
pub struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Capped<R> {
    /// Caps `inner` at [`max_size`].
    pub fn new(inner: R) -> Capped<R> {
        Capped {
            inner,
            left: max_size(),
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let want = buf.len().min(
            usize::try_from(self.left)
                .unwrap_or(usize::MAX)
                .saturating_add(1),
        );
        let n = self.inner.read(&mut buf[..want])?;
        if n as u64 > self.left {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                format!(
                    "it is larger than {}, the most xfill reads; raise the cap with --max-size",
                    crate::error::size_text(max_size())
                ),
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

// ---- Temp files removed on Ctrl-C and SIGTERM ----

/// The temp files being written now: removed if the process is interrupted. One list per
/// job (by its thread), so that jobs writing at once do not wait on each other's lock (a
/// 10,000-row batch with two jobs: 8,011 futex calls with one shared list, 169 so).
static TEMPS: [Mutex<Vec<PathBuf>>; SHARDS] = [const { Mutex::new(Vec::new()) }; SHARDS];

/// The number of lists in [`TEMPS`].
const SHARDS: usize = 16;

/// The list in [`TEMPS`] of the calling thread: a job's own, by its place in the pool.
fn temps_here() -> &'static Mutex<Vec<PathBuf>> {
    let i = rayon::current_thread_index().map_or(SHARDS - 1, |i| i % (SHARDS - 1));
    &TEMPS[i]
}

/// A temp file's place in [`TEMPS`], for as long as it lives.
struct Registered(PathBuf, &'static Mutex<Vec<PathBuf>>);

impl Registered {
    /// A new temp file in `dir`, registered. It is made while its list is locked: once an
    /// interruption has taken the lock to clean up, no other job can make one it would miss.
    fn temp_in(
        builder: &tempfile::Builder,
        dir: &Path,
    ) -> std::io::Result<(tempfile::NamedTempFile, Registered)> {
        clean_up_ready();
        let list = temps_here();
        let mut temps = list.lock().unwrap_or_else(|e| e.into_inner());
        let temp = builder.tempfile_in(dir)?;
        let path = temp.path().to_path_buf();
        temps.push(path.clone());
        Ok((temp, Registered(path, list)))
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        let mut temps = self.1.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = temps.iter().rposition(|p| *p == self.0) {
            temps.swap_remove(i);
        }
    }
}

/// Starts [`clean_up_on_interrupt`], once.
fn clean_up_ready() {
    static CLEAN_UP: std::sync::Once = std::sync::Once::new();
    CLEAN_UP.call_once(clean_up_on_interrupt);
}

/// On SIGINT (Ctrl-C) or SIGTERM, removes the temp files being written and exits with
/// 128 + the signal's number (130, 143), as a shell reports a process the signal ended.
/// The work happens on a thread of its own, not in the signal handler, started with the
/// first temp file: until then an interruption has nothing to clean (a thread started at
/// every run was ~2% of the seed's fill, most of which writes no file).
fn clean_up_on_interrupt() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return; // no handler: the default action, as before
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Every lock is held until the exit: no temp file is made after this.
                let all: Vec<_> = TEMPS
                    .iter()
                    .map(|list| list.lock().unwrap_or_else(|e| e.into_inner()))
                    .collect();
                for path in all.iter().flat_map(|temps| temps.iter()) {
                    let _ = std::fs::remove_file(path);
                }
                std::process::exit(128 + signal);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_scanned_finds_slots_with_the_schemas_scanner() {
        let dir = tempfile::tempdir().unwrap();
        let (doc, schema) = (dir.path().join("t.txt"), dir.path().join("s.yaml"));
        std::fs::write(&doc, "共X户，X光。\n").unwrap();
        std::fs::write(&schema, "version: 1\nignore: [X户]\nfields: {}\n").unwrap();
        let (name, text, slots) = read_scanned(&doc, None, None).unwrap();
        assert_eq!(
            (name, text),
            (doc.display().to_string(), "共X户，X光。\n".into())
        );
        assert_eq!(slots.len(), 1);
        let (_, _, ignoring) = read_scanned(&doc, Some(&schema), None).unwrap();
        assert!(ignoring.is_empty(), "{ignoring:?}");
        assert!(read_scanned(&doc, Some(&dir.path().join("none.yaml")), None).is_err());
    }

    /// A failure to write stdout or the file, as the CLI tells them apart.
    type Failed = Box<dyn std::error::Error>;

    #[test]
    fn write_output_goes_to_stdout_without_a_path_or_with_dash_else_to_the_file() {
        let mut stdout = Vec::new();
        write_output::<Failed>(None, b"one\n", &mut stdout).unwrap();
        write_output::<Failed>(Some(Path::new("-")), b"two\n", &mut stdout).unwrap();
        assert_eq!(stdout, b"one\ntwo\n");

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        write_output::<Failed>(Some(&path), b"new", &mut stdout).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(stdout, b"one\ntwo\n", "nothing more on stdout");

        // A failed write leaves the old file as it was.
        let failed = write_output_with::<Failed>(Some(&path), &mut stdout, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("stopped"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn beside_names_a_file_for_the_template() {
        assert_eq!(
            beside(Path::new("a/summary.txt"), "schema.yaml"),
            Path::new("a/summary.schema.yaml")
        );
        assert_eq!(
            beside(Path::new("notice"), "values.yaml"),
            Path::new("notice.values.yaml")
        );
    }

    #[test]
    fn in_place_needs_a_file_and_keeps_a_backup() {
        assert!(matches!(
            in_place(Path::new("-"), None),
            Err(Error::Write { .. })
        ));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.txt");
        std::fs::write(&path, "模板").unwrap();
        assert_eq!(in_place(&path, Some(".orig")).unwrap(), path);
        assert!(dir.path().join("t.txt.orig").exists());
    }

    #[test]
    fn refuse_existing_only_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.yaml");
        assert!(refuse_existing(Some(&path), "why", "help").is_ok());
        assert!(refuse_existing(Some(Path::new("-")), "why", "help").is_ok());
        assert!(refuse_existing(None, "why", "help").is_ok());
        std::fs::write(&path, "x").unwrap();
        assert!(matches!(
            refuse_existing(Some(&path), "why", "help"),
            Err(Error::Refused { .. })
        ));
    }

    #[test]
    fn with_text_decodes_what_is_not_plain_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("p.txt");
        std::fs::write(&plain, "分为X个组").unwrap();
        let text = with_text(&plain, None, |_, text| text.to_string()).unwrap();
        assert_eq!(text, "分为X个组");
        let gb = dir.path().join("g.txt");
        let (bytes, _, _) = encoding_rs::GB18030.encode("分为X个组");
        std::fs::write(&gb, &bytes).unwrap();
        let text = with_text(&gb, None, |name, text| format!("{name}: {text}")).unwrap();
        assert_eq!(text, format!("{}: 分为X个组", gb.display()));
        let empty = dir.path().join("e.txt");
        std::fs::write(&empty, "").unwrap();
        assert!(matches!(
            with_text(&empty, None, |_, _| ()),
            Err(Error::Empty { .. })
        ));
    }

    /// A file past the bytes read before its size is asked is read whole all the same; a
    /// folder is refused as one; the buffer kept from a large file does not leak into the
    /// next, smaller one.
    #[test]
    fn with_text_reads_large_files_whole_and_refuses_folders() {
        let dir = tempfile::tempdir().unwrap();
        let large = dir.path().join("l.txt");
        let text = "分为X个组。\n".repeat(UNASKED as usize / 10);
        std::fs::write(&large, &text).unwrap();
        assert!(text.len() as u64 > UNASKED);
        let read = with_text(&large, None, |_, t| t == text).unwrap();
        assert!(read);
        let small = dir.path().join("s.txt");
        std::fs::write(&small, "由X党委").unwrap();
        let read = with_text(&small, None, |_, t| t.to_string()).unwrap();
        assert_eq!(read, "由X党委");
        match with_text(dir.path(), None, |_, _| ()) {
            Err(Error::Read { source, .. }) => {
                assert_eq!(source.kind(), std::io::ErrorKind::IsADirectory);
                assert_eq!(source.to_string(), "it is a directory, not a file");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("256M"), Ok(256 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("1000000"), Ok(1_000_000));
        assert_eq!(parse_size(" 4 KiB "), Ok(4 << 10));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12 apples").is_err());
        assert!(parse_size("99999999999G").is_err());
        // Above 2 GiB a decoded text could outgrow the scanner's 32-bit offsets.
        assert!(parse_size("3G").unwrap_err().contains("2G at most"));
        assert!(parse_size("1T").is_err());
    }

    #[test]
    fn write_replaces_a_file_and_keeps_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        write(&path, "新".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "新");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn write_into_a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = write(&dir.path().join("no/out.txt"), b"x").unwrap_err();
        assert!(matches!(err, Error::Write { .. }), "{err}");
    }

    #[test]
    fn backup_never_replaces_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.txt");
        std::fs::write(&path, "模板").unwrap();
        backup(&path, ".bak").unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("t.txt.bak")).unwrap(),
            "模板"
        );
        assert!(matches!(backup(&path, ".bak"), Err(Error::Refused { .. })));
        assert!(matches!(backup(&path, ""), Err(Error::Refused { .. })));
    }

    #[test]
    fn only_one_input_is_stdin() {
        let dash = Path::new("-");
        assert!(one_stdin(dash, Path::new("a.txt"), "a and b").is_ok());
        assert!(matches!(
            one_stdin(dash, dash, "a and b"),
            Err(Error::Usage { .. })
        ));
    }

    #[test]
    fn an_input_is_no_output() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("t.txt");
        std::fs::write(&input, "x").unwrap();
        let other = dir.path().join("o.txt");
        assert!(refuse_input_as_output(Some(&other), &[Some(&input)]).is_ok());
        assert!(refuse_input_as_output(Some(&input), &[Some(&input), None]).is_err());
        assert!(refuse_input_as_output(Some(Path::new("-")), &[Some(&input)]).is_ok());
    }

    #[test]
    fn a_folder_is_in_the_way_a_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.txt");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(in_the_way(&file), None);
        assert_eq!(in_the_way(&dir.path().join("missing")), None);
        assert!(in_the_way(dir.path()).is_some());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.txt");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert!(in_the_way(&link).unwrap().contains("symbolic link"));
            assert!(write_regular(&link, dir.path(), b"y").is_err());
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_replaces_what_came_meanwhile_and_writes_through_nothing() {
        // By the folder's path, and in the folder held open.
        let by_path = |path: &Path, dir: &Path, bytes: &[u8]| write_new_regular(path, dir, bytes);
        let held = |path: &Path, dir: &Path, bytes: &[u8]| {
            let name = path.file_name().unwrap().to_str().unwrap();
            OutDir::open(dir).write_new(name, path, bytes)
        };
        new_files_replace_what_came_meanwhile(by_path);
        new_files_replace_what_came_meanwhile(held);
    }

    #[cfg(unix)]
    fn new_files_replace_what_came_meanwhile(
        write_new_regular: impl Fn(&Path, &Path, &[u8]) -> Result<(), Error>,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0001.txt");
        write_new_regular(&path, dir.path(), "新".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "新");
        // A link put at the name after the run looked: replaced, its target untouched.
        let target = dir.path().join("precious.txt");
        std::fs::write(&target, "precious").unwrap();
        let link = dir.path().join("0002.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_new_regular(&link, dir.path(), b"row").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
        assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read(&link).unwrap(), b"row");
        // A folder: the rename fails, and no temp file is left.
        std::fs::create_dir(dir.path().join("0003.txt")).unwrap();
        assert!(write_new_regular(&dir.path().join("0003.txt"), dir.path(), b"x").is_err());
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["0001.txt", "0002.txt", "0003.txt", "precious.txt"]);
    }

    /// Batch's new files are written unnamed and linked whole at their name, by either way
    /// of linking, never over a name already there (a file, a link: left as they are).
    #[cfg(target_os = "linux")]
    #[test]
    fn unnamed_files_are_linked_at_a_free_name_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0001.txt");
        let cwd = rustix::fs::CWD;
        assert!(unnamed::write(cwd, dir.path(), &path, "新".as_bytes()).unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "新");
        // A name taken: nothing written, to leave it to the rename.
        assert!(!unnamed::write(cwd, dir.path(), &path, b"other").unwrap());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "新");
        let target = dir.path().join("precious.txt");
        std::fs::write(&target, "precious").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        for (how, name) in [(unnamed::BY_FD, "fd.txt"), (unnamed::BY_PROC, "proc.txt")] {
            let mut file = unnamed::create(cwd, dir.path()).unwrap();
            file.write_all(name.as_bytes()).unwrap();
            assert_eq!(
                unnamed::link(&file, cwd, &link, how),
                Err(rustix::io::Errno::EXIST)
            );
            unnamed::link(&file, cwd, &dir.path().join(name), how).unwrap();
            assert_eq!(
                std::fs::read_to_string(dir.path().join(name)).unwrap(),
                name
            );
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        // An unnamed file never linked leaves nothing.
        drop(unnamed::create(cwd, dir.path()).unwrap());
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            ["0001.txt", "fd.txt", "link.txt", "precious.txt", "proc.txt"]
        );
    }

    #[test]
    fn capped_reader_stops_past_the_cap() {
        let mut capped = Capped {
            inner: &[0u8; 10][..],
            left: 4,
        };
        let mut out = Vec::new();
        let err = capped.read_to_end(&mut out).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::FileTooLarge);
    }

    #[test]
    fn a_values_file_given_as_schema_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.yaml");
        std::fs::write(&path, "单位: 县经信局\n组数: 4\n").unwrap();
        let err = read_schema(&path).unwrap_err();
        assert!(
            err.to_string().contains("looks like a values file"),
            "{err}"
        );
    }
}
