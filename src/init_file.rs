//! One template's schema drafted, as `init` does it: the output checked first (never one of
//! the inputs, an existing file kept unless forced), then the template and the old schema
//! read, and the draft made from the base they give. Drafting is [`crate::draft`]'s;
//! printing the review and writing the schema are left to the caller.

use std::path::PathBuf;

use crate::draft::{self, Base, Draft};
use crate::encoding::Encoding;
use crate::error::Error;
use crate::files;
use crate::report;

/// What to draft from: the files and the choices `init` takes.
#[derive(Debug, Clone, Default)]
pub struct Job {
    /// The template (`-` is standard input).
    pub template: PathBuf,
    /// Where the schema is to be written; standard output when `None` (or `-`).
    pub output: Option<PathBuf>,
    /// Replace an existing output file.
    pub force: bool,
    /// A schema whose ignore words and patterns the draft keeps.
    pub schema: Option<PathBuf>,
    /// The schema of the template's previous version, to carry over.
    pub from: Option<PathBuf>,
    /// The template's encoding; guessed when `None`.
    pub encoding: Option<Encoding>,
}

/// A schema drafted for a template file.
#[derive(Debug, Clone)]
pub struct Drafted {
    /// The draft: its schema, the file's text, and what to review.
    pub draft: Draft,
    /// With [`Job::from`], the old schema's name as the review shows it.
    pub from: Option<String>,
}

/// Refuses an output that is an input or (unless [`Job::force`]) exists already, then reads
/// the template and the old schema of `job`, in that order, and drafts.
pub fn init(job: &Job) -> Result<Drafted, Error> {
    let output = job.output.as_deref();
    let inputs = [
        Some(job.template.as_path()),
        job.schema.as_deref(),
        job.from.as_deref(),
    ];
    files::refuse_input_as_output(output, &inputs)?;
    if !job.force {
        files::refuse_existing(
            output,
            "the file exists (a schema edited by hand would be lost)",
            "pass --force to replace it, or write to another file with -o",
        )?;
    }
    let (name, doc) = files::read_document(&job.template, job.encoding)?;
    let old = job.schema.as_deref().or(job.from.as_deref());
    let old = old.map(files::read_schema).transpose()?;
    let from = job.from.as_ref().map(|p| p.display().to_string());
    let base = Base::of(old.as_ref(), from.as_deref());
    let then = report::init::then(&name, output);
    let shown = report::init::shown(output, "-");
    let draft = draft::draft(&doc.text, &name, base, &shown, "xfill init", &then);
    Ok(Drafted { draft, from })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_output_is_kept_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let template = dir.path().join("t.txt");
        let output = dir.path().join("t.schema.yaml");
        std::fs::write(&template, "共X户。\n").unwrap();
        std::fs::write(&output, "# edited by hand\n").unwrap();
        let mut job = Job {
            template,
            output: Some(output),
            ..Job::default()
        };
        assert!(matches!(init(&job), Err(Error::Refused { .. })));
        job.force = true;
        let drafted = init(&job).unwrap();
        assert_eq!(drafted.draft.slots, 1);
        assert!(drafted.from.is_none());
    }
}
