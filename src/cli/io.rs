//! Output: to standard output, or to a file through [`xfill::files`] (a temp file and a rename).

use std::io::Write;
use std::path::Path;

use xfill::files;

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
        files::buffered(&mut *stdout, write)?;
        stdout.flush()?;
        return Ok(());
    };
    files::write_with(path, write)?;
    Ok(())
}
