//! What `fill --ask` does besides prompting ([`ask`]): the schema it asks by (given, beside the
//! template, or drafted as `init` drafts one), the values given so far, the check of each
//! answer, the same as `--set`'s, and the files the answers are saved to; and the values file
//! `values` writes to fill in an editor. What to ask and how answers join a values file is
//! [`crate::questions`]'s; the prompt itself is the caller's.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::draft::{self, Draft};
use crate::encoding::Encoding;
use crate::error::Error;
use crate::files;
use crate::questions::{self, Question};
use crate::report::{self, Paint};
use crate::schema::Schema;
use crate::template::Template;
use crate::values::{self, Source, Values};

/// What `fill --ask` is given: the files and the choices `fill` takes.
#[derive(Debug, Clone, Default)]
pub struct Job {
    /// The template; a file, since standard input is where the answers are typed.
    pub template: PathBuf,
    /// The schema file, if given (see [`schema()`]).
    pub schema: Option<PathBuf>,
    /// The values file, if given (see [`given()`]).
    pub values: Option<PathBuf>,
    /// Values as `field=value`; they are not asked for.
    pub sets: Vec<String>,
    /// Skip fields of the values file that the schema does not have.
    pub skip_unknown: bool,
    /// The template's encoding; guessed when `None`.
    pub encoding: Option<Encoding>,
}

/// One question to put: the field, the prompt's text and help line, and the check of an
/// answer as it is typed.
#[derive(Debug)]
pub struct Prompt<'a> {
    /// The question: the field, its slots and the sentence of the first.
    pub question: &'a Question<'a>,
    /// The prompt: the field's label and what it takes ([`Question::prompt`]).
    pub text: String,
    /// The line under it: where the first slot stands, and its sentence.
    pub help: String,
    /// The check of an answer.
    pub check: AnswerCheck,
}

/// The check of an answer to one field, as [`check_answer`] makes it; cheap to clone, for a
/// prompt that checks as the answer is typed.
#[derive(Debug, Clone)]
pub struct AnswerCheck {
    schema: Rc<Schema>,
    field: String,
}

impl AnswerCheck {
    /// Whether `answer` is a value the field takes; if not, why (see [`check_answer`]).
    pub fn check(&self, answer: &str) -> Result<(), String> {
        check_answer(&self.schema, &self.field, answer)
    }
}

/// Where `fill --ask` left the schema and the values: what `fill` goes on with.
#[derive(Debug, Clone)]
pub struct Asked {
    /// The schema file (drafted and saved, when none was given or found).
    pub schema: PathBuf,
    /// The values file, if there is one (the answers were added to it).
    pub values: Option<PathBuf>,
}

/// Asks, through `prompt`, for every field of the template of `job` that has no value yet,
/// then saves the answers into the values file (and a drafted schema, when there was none).
/// `prompt` returns the answer, or `None` to leave the field unfilled; a blank answer leaves
/// it unfilled too. Nothing is written before the last answer: an error from `prompt` (Ctrl-C)
/// leaves every file as it was. Refused first: a template from standard input, and no
/// `terminal` (see [`refuse`]). What is drafted, asked and saved is said on `stderr`.
pub fn ask<E: From<Error> + From<std::io::Error>>(
    job: &Job,
    terminal: bool,
    stderr: &mut impl Write,
    paint: Paint,
    mut prompt: impl FnMut(&Prompt) -> Result<Option<String>, E>,
) -> Result<Asked, E> {
    let template = job.template.as_path();
    refuse(template, terminal)?;
    let (name, doc, _) = files::read_input(template, job.encoding)?;

    // The schema: as given, else the one beside the template, else drafted as `init` does.
    let asked = schema(template, &name, &doc.text, job.schema.clone())?;
    if let Some(d) = &asked.drafted {
        report::human::shared_review(stderr, &d.shared, paint)?;
    }
    let schema = &asked.schema;

    // The values given so far: the values file (if it exists yet) and --set.
    let given = given(
        template,
        job.values.clone(),
        schema,
        &job.sets,
        job.skip_unknown,
    )?;

    let t = Template::new(&doc.text, schema, &name)?;
    let questions = questions::questions(schema, &doc.text, t.slots(), t.bindings(), &given.values);
    report::ask::asking(stderr, &name, questions.len())?;
    stderr.flush()?;

    let checked = Rc::new(schema.clone());
    let mut answers = Vec::new();
    for question in &questions {
        let field = question.field.name.clone();
        let check = AnswerCheck {
            schema: Rc::clone(&checked),
            field: field.clone(),
        };
        let (text, help) = (question.prompt(), report::ask::help(&name, question));
        let p = Prompt {
            question,
            text,
            help,
            check,
        };
        match prompt(&p)? {
            Some(answer) if !answer.trim().is_empty() => answers.push((field, answer)),
            _ => {}
        }
    }

    // All answered: now write, the schema first (the values file names its fields).
    if asked.save()? {
        report::ask::drafted(stderr, &asked.path)?;
    }
    if given.add(&answers)? {
        report::ask::answered(stderr, answers.len(), &given.path)?;
    }
    stderr.flush()?;
    Ok(Asked {
        values: given.path.exists().then_some(given.path),
        schema: asked.path,
    })
}

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

    /// An error of [`ask`] or of its prompt.
    type Failed = Box<dyn std::error::Error>;

    #[test]
    fn ask_puts_each_field_without_a_value_then_saves_schema_and_answers() {
        let dir = tempfile::tempdir().unwrap();
        let template = dir.path().join("t.txt");
        std::fs::write(&template, "共X户。\n").unwrap();
        let job = Job {
            template: template.clone(),
            ..Job::default()
        };
        let paint = Paint::new(false);

        // Stopped at the prompt: nothing is written.
        let mut stderr = Vec::new();
        let stopped = ask::<Failed>(&job, true, &mut stderr, paint, |_| Err("stopped".into()));
        assert_eq!(stopped.unwrap_err().to_string(), "stopped");
        assert!(!files::beside(&template, "schema.yaml").exists());

        let mut put = Vec::new();
        let asked = ask::<Failed>(&job, true, &mut stderr, paint, |p| {
            assert!(p.check.check("3").is_ok());
            put.push(p.text.clone());
            Ok(Some("3".into()))
        })
        .unwrap();
        assert_eq!(put.len(), 1);
        assert_eq!(asked.schema, files::beside(&template, "schema.yaml"));
        assert!(asked.schema.exists());
        let values = asked.values.expect("the answers' values file");
        assert_eq!(values, files::beside(&template, "values.yaml"));
        assert!(std::fs::read_to_string(values).unwrap().contains('3'));
        let said = String::from_utf8(stderr).unwrap();
        assert!(
            said.contains("drafted a schema") && said.contains("1 answers"),
            "{said}"
        );

        let piped = ask::<Failed>(&job, false, &mut Vec::new(), paint, |_| Ok(None));
        let piped = piped.unwrap_err().downcast::<Error>().unwrap();
        assert!(matches!(*piped, Error::Usage { .. }));
    }

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
