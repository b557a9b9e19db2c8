//! One template file filled, as `fill` does it: the template read (text in any encoding, or
//! .docx), its schema and values read, the slots filled, the output encoded as the input was
//! (or as asked), and what remains. The filling itself is [`crate::template`]'s; writing the
//! bytes and printing what remains are left to the caller.

use std::path::{Path, PathBuf};

use crate::bind::{self, AnchorRef};
use crate::diff::Hunk;
use crate::encoding::{self, Encoding};
use crate::error::{Error, Origin};
use crate::files;
use crate::fill::{self, Filled};
use crate::report::Findings;
use crate::scan::Slot;
use crate::schema::Schema;
use crate::template::Template;
use crate::values;

/// What to fill: the files and the choices `fill` takes.
#[derive(Debug, Clone, Default)]
pub struct Job {
    /// The template (`-` is standard input).
    pub template: PathBuf,
    /// The schema file.
    pub schema: PathBuf,
    /// The values file, if any.
    pub values: Option<PathBuf>,
    /// Values as `field=value`; they win over the values file.
    pub sets: Vec<String>,
    /// Skip fields of the values file that the schema does not have.
    pub skip_unknown: bool,
    /// The template's encoding; guessed when `None`.
    pub encoding: Option<Encoding>,
    /// The output's encoding; the template's when `None`.
    pub output_encoding: Option<Encoding>,
    /// How to fill.
    pub options: fill::Options,
}

/// Where `fill` writes the filled document: standard output, a file, or the template itself.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// The file to write (`-o`); standard output when `None` (or `-`).
    pub path: Option<PathBuf>,
    /// Write over the template itself instead.
    pub in_place: bool,
    /// With `in_place`, first keep the template with this suffix (see [`files::backup`]).
    pub backup: Option<String>,
}

impl Output {
    /// Refuses, before anything is read, an output file that is one of the inputs: the
    /// template, the `schema` or the `values` file. Writing over the template in place is
    /// what `in_place` is for.
    pub fn refuse_inputs(
        &self,
        template: &Path,
        schema: Option<&Path>,
        values: Option<&Path>,
    ) -> Result<(), Error> {
        if self.in_place {
            return Ok(());
        }
        let inputs = [Some(template), schema, values];
        files::refuse_input_as_output(self.path.as_deref(), &inputs)
    }

    /// The file to write the filled `template` to (`None`: standard output); in place,
    /// the template itself, once its backup is kept.
    pub fn target(&self, template: &Path) -> Result<Option<PathBuf>, Error> {
        match self.in_place {
            true => files::in_place(template, self.backup.as_deref()).map(Some),
            false => Ok(self.path.clone()),
        }
    }

    /// The output's name in `--diff`'s header: the `-o` file, else `-`.
    pub fn shown(&self) -> String {
        self.path
            .as_ref()
            .map_or("-".into(), |p| p.display().to_string())
    }
}

/// A template file filled: the bytes to write, and what remains.
#[derive(Debug, Clone)]
pub struct FilledFile {
    /// The template's display name.
    pub name: String,
    /// The template's text.
    pub text: String,
    /// The schema.
    pub schema: Schema,
    /// The template's slots, in text order.
    pub slots: Vec<Slot>,
    /// The filled text, and what happened to each slot.
    pub filled: Filled,
    /// Anchors of the schema whose text is gone from the template (drift).
    pub stale: Vec<AnchorRef>,
    /// Fields of the values file that the schema does not have, skipped.
    pub skipped: Vec<(String, Origin)>,
    /// The filled document, encoded (a .docx stays one).
    pub bytes: Vec<u8>,
}

/// Reads the template, the schema and the values of `job`, in that order, and fills.
pub fn fill(job: &Job) -> Result<FilledFile, Error> {
    let (name, doc, docx) = files::read_input(&job.template, job.encoding)?;
    let schema = files::read_schema(&job.schema)?;
    let values = values::load(&schema, job.values.as_deref(), &job.sets, job.skip_unknown)?;
    let t = Template::new(&doc.text, &schema, &name)?;
    let filled = t.fill(&values, job.options);
    let bytes = match &docx {
        Some(docx) => docx.replace(&filled.replacements)?,
        None => filled.encode(
            &doc,
            t.slots(),
            &schema,
            job.output_encoding.map(|to| encoding::output_as(to, &doc)),
        )?,
    };
    let stale = bind::drift(&schema, &doc.text, &t.bindings().stale);
    let slots = t.slots().to_vec();
    Ok(FilledFile {
        name,
        text: doc.text,
        schema,
        slots,
        filled,
        stale,
        skipped: values.skipped,
        bytes,
    })
}

impl FilledFile {
    /// The lines filling changed, template to filled document, with three lines of context
    /// around each change: what `fill --diff` shows.
    pub fn diff(&self) -> Vec<Hunk> {
        crate::diff::diff(&self.text, &self.filled.text, 3)
    }

    /// True when every slot was filled.
    pub fn is_complete(&self) -> bool {
        self.filled.remaining() == 0
    }

    /// What remains to do, to render.
    pub fn findings(&self) -> Findings<'_> {
        Findings {
            file: &self.name,
            text: &self.text,
            slots: &self.slots,
            outcomes: &self.filled.outcomes,
            schema: Some(&self.schema),
            stale: &self.stale,
            skipped: &self.skipped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_place_writes_the_template_and_may_use_it_as_output() {
        let dir = tempfile::tempdir().unwrap();
        let template = dir.path().join("t.txt");
        std::fs::write(&template, "共X户。\n").unwrap();
        let to_template = Output {
            path: Some(template.clone()),
            ..Output::default()
        };
        assert!(matches!(
            to_template.refuse_inputs(&template, None, None),
            Err(Error::Refused { .. })
        ));
        assert_eq!(
            to_template.target(&template).unwrap(),
            Some(template.clone())
        );
        assert_eq!(to_template.shown(), template.display().to_string());
        let in_place = Output {
            in_place: true,
            ..Output::default()
        };
        assert!(in_place.refuse_inputs(&template, None, None).is_ok());
        assert_eq!(in_place.target(&template).unwrap(), Some(template.clone()));
        assert_eq!(in_place.shown(), "-");
        assert!(in_place.target(Path::new("-")).is_err());
    }
}
