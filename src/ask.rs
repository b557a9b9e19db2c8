//! What `fill --ask` needs besides a terminal: the schema it asks by (given, beside the
//! template, or drafted as `init` drafts one), the values given so far, and the check of each
//! answer, the same as `--set`'s; and the values file `values` writes to fill in an editor.
//! What to ask and how answers join a values file is [`crate::questions`]'s; prompting is the
//! caller's.

use std::path::{Path, PathBuf};

use crate::draft::{self, Draft};
use crate::encoding::Encoding;
use crate::error::Error;
use crate::files;
use crate::questions;
use crate::schema::Schema;
use crate::values::{self, Source, Values};

/// The schema `fill --ask` asks by.
#[derive(Debug, Clone)]
pub struct AskSchema {
    /// Where it is, or where the draft is to be saved.
    pub path: PathBuf,
    /// The schema.
    pub schema: Schema,
    /// When there was none, the draft, to be saved after the last answer.
    pub drafted: Option<Draft>,
}

/// The schema at `given`; else the one beside `template` (`NAME.schema.yaml`); else one
/// drafted from the template's text `text` (named `name`), to be saved there.
pub fn schema(
    template: &Path,
    name: &str,
    text: &str,
    given: Option<PathBuf>,
) -> Result<AskSchema, Error> {
    let is_given = given.is_some();
    let path = given.unwrap_or_else(|| files::beside(template, "schema.yaml"));
    if is_given || path.exists() {
        let schema = files::read_schema(&path)?;
        return Ok(AskSchema {
            path,
            schema,
            drafted: None,
        });
    }
    let file = path.display().to_string();
    let then = "then fill again.";
    let d = draft::draft(
        text,
        name,
        draft::Base::Nothing,
        &file,
        "xfill fill --ask",
        then,
    );
    Ok(AskSchema {
        schema: Schema::parse(&d.yaml, &file)?,
        path,
        drafted: Some(d),
    })
}

/// Whether `answer` is a value that `field` of `schema` takes, checked as
/// `--set field=answer` is; if not, why, with what to do. A blank answer passes: it leaves
/// the field unfilled.
pub fn check_answer(schema: &Schema, field: &str, answer: &str) -> Result<(), String> {
    if answer.trim().is_empty() {
        return Ok(());
    }
    match values::resolve(schema, None, &[format!("{field}={answer}")]) {
        Ok(_) => Ok(()),
        Err(e) => Err(match e.help() {
            Some(help) => format!("{e} ({help})"),
            None => e.to_string(),
        }),
    }
}

/// The values file `fill --ask` adds its answers to, and the values given so far.
#[derive(Debug, Clone)]
pub struct Given {
    /// The values file: as given, else the one beside the template (`NAME.values.yaml`).
    pub path: PathBuf,
    /// Its text, if it exists.
    pub text: Option<String>,
    /// The values it and `--set` give.
    pub values: Values,
}

/// The values file at `path` (else the one beside `template`), read if it exists, and the
/// values it and `sets` give for `schema`.
pub fn given(
    template: &Path,
    path: Option<PathBuf>,
    schema: &Schema,
    sets: &[String],
    skip_unknown: bool,
) -> Result<Given, Error> {
    let path = path.unwrap_or_else(|| files::beside(template, "values.yaml"));
    let existing = match path.exists() {
        true => Some(files::read_document(&path, None)?),
        false => None,
    };
    let source = existing.as_ref().map(|(file, doc)| Source {
        text: &doc.text,
        file,
    });
    let values = values::resolve_with(schema, source, sets, skip_unknown)?;
    Ok(Given {
        path,
        text: existing.map(|(_, doc)| doc.text),
        values,
    })
}

/// The values file of `xfill values` for the template at `template` and the schema at
/// `schema`: each field empty (or its default), after comments naming what it takes and
/// where it stands.
pub fn skeleton(template: &Path, schema: &Path, forced: Option<Encoding>) -> Result<String, Error> {
    let (name, doc, _) = files::read_input(template, forced)?;
    let parsed = files::read_schema(schema)?;
    questions::skeleton_for(&parsed, &doc.text, &name, &schema.display().to_string())
}
