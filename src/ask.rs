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

/// Refuses to ask when the answers cannot be typed: the template comes from standard input,
/// or standard input and error are not both a `terminal` (a pipe, a script or CI).
pub fn refuse(template: &Path, terminal: bool) -> Result<(), Error> {
    if template.as_os_str() == "-" {
        return Err(usage(
            "--ask needs the template as a file: standard input is where the answers are typed",
            "save the template to a file and pass its path",
        ));
    }
    if !terminal {
        return Err(usage(
            "--ask needs a terminal to ask in, and this is not one (a pipe, a script or CI)",
            "write the values into a file instead: `xfill values TEMPLATE --schema S -o V`, \
             fill it in, then `xfill fill TEMPLATE --schema S --values V`",
        ));
    }
    Ok(())
}

/// The error of a terminal that could not be asked in (`why`), with what to do instead.
pub fn cannot_ask(why: impl std::fmt::Display) -> Error {
    usage(
        &format!("could not ask in this terminal: {why}"),
        "write the values into a file instead: `xfill values TEMPLATE --schema S -o V`",
    )
}

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

impl AskSchema {
    /// Saves the draft, if the schema was drafted: true when it was written.
    pub fn save(&self) -> Result<bool, Error> {
        match &self.drafted {
            Some(d) => write_unless_stdout(&self.path, &d.yaml).map(|()| true),
            None => Ok(false),
        }
    }
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

impl Given {
    /// Adds `answers` (field, answer) to the values file, after the values it had: true when
    /// there was any to write.
    pub fn add(&self, answers: &[(String, String)]) -> Result<bool, Error> {
        if answers.is_empty() {
            return Ok(false);
        }
        let before = self.text.as_deref().unwrap_or("");
        let after = questions::add_answers(before, answers);
        write_unless_stdout(&self.path, &after).map(|()| true)
    }
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

/// Refuses to replace an existing `path` (the `-o` of `values`) unless `force`.
pub fn refuse_existing(path: Option<&Path>, force: bool) -> Result<(), Error> {
    match path {
        Some(path) if !force && path.as_os_str() != "-" && path.exists() => Err(usage(
            &format!("{} exists already; nothing was written", path.display()),
            "pass --force to replace it, or choose another -o",
        )),
        _ => Ok(()),
    }
}

/// Writes `text` over `path` as [`files::write`] does; `-` names standard input, where the
/// answers were typed, so nothing goes there.
fn write_unless_stdout(path: &Path, text: &str) -> Result<(), Error> {
    match path.as_os_str() == "-" {
        true => Ok(()),
        false => files::write(path, text.as_bytes()),
    }
}

fn usage(message: &str, help: &str) -> Error {
    Error::Usage {
        message: message.to_string(),
        help: help.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asking_needs_a_template_file_and_a_terminal() {
        let stdin = refuse(Path::new("-"), true).unwrap_err();
        assert!(stdin.to_string().contains("needs the template as a file"));
        let piped = refuse(Path::new("t.txt"), false).unwrap_err();
        assert!(piped.to_string().contains("needs a terminal"));
        assert!(refuse(Path::new("t.txt"), true).is_ok());
    }

    #[test]
    fn answers_join_the_values_file_and_nothing_is_written_without_any() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.values.yaml");
        let given = Given {
            path: path.clone(),
            text: None,
            values: Values::default(),
        };
        assert!(!given.add(&[]).unwrap());
        assert!(!path.exists());
        assert!(given.add(&[("户数".into(), "12".into())]).unwrap());
        let written = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            written,
            questions::add_answers("", &[("户数".into(), "12".into())])
        );
        assert!(refuse_existing(Some(&path), false).is_err());
        assert!(refuse_existing(Some(&path), true).is_ok());
        assert!(refuse_existing(Some(Path::new("-")), false).is_ok());
    }
}
