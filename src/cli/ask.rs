//! `fill --ask` and `values`: ask in the terminal for the fields that have no value, or write
//! a values file to fill in an editor. What to ask and how answers are added to a values file
//! is the library's (`xfill::questions`); this module prompts and writes files.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::rc::Rc;

use inquire::validator::Validation;
use xfill::encoding::Encoding;
use xfill::error::Error;
use xfill::questions;
use xfill::report::{self, Paint};

use super::{Failure, ValueArgs, files};

/// Asks for every field of the template that has no value yet, then writes the answers into
/// the values file (and a drafted schema, when there was none) and returns the arguments
/// that `fill` goes on with. Nothing is written before the last answer: Ctrl-C leaves every
/// file as it was.
pub fn ask(
    template: &Path,
    mut args: ValueArgs,
    encoding: Option<Encoding>,
    stderr: &mut impl Write,
    paint: Paint,
) -> Result<ValueArgs, Failure> {
    if template.as_os_str() == "-" {
        return Err(usage(
            "--ask needs the template as a file: standard input is where the answers are typed",
            "save the template to a file and pass its path",
        ));
    }
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(usage(
            "--ask needs a terminal to ask in, and this is not one (a pipe, a script or CI)",
            "write the values into a file instead: `xfill values TEMPLATE --schema S -o V`, \
             fill it in, then `xfill fill TEMPLATE --schema S --values V`",
        ));
    }
    let (name, doc, _) = files::read_input(template, encoding)?;

    // The schema: as given, else the one beside the template, else drafted as `init` does.
    let asked = xfill::ask::schema(template, &name, &doc.text, args.schema.take())?;
    if let Some(d) = &asked.drafted {
        report::human::shared_review(stderr, &d.shared, paint)?;
    }
    let (schema_path, schema) = (asked.path, Rc::new(asked.schema));

    // The values given so far: the values file (if it exists yet) and --set.
    let values = args.values.take();
    let given = xfill::ask::given(template, values, &schema, &args.sets, args.skip_unknown)?;
    let values_path = given.path;

    let t = xfill::template::Template::new(&doc.text, &schema, &name)?;
    let questions =
        questions::questions(&schema, &doc.text, t.slots(), t.bindings(), &given.values);
    report::ask::asking(stderr, &name, questions.len())?;
    stderr.flush()?;

    let mut answers = Vec::new();
    for q in &questions {
        let field = q.field.name.clone();
        let check = Rc::clone(&schema);
        let checked_field = field.clone();
        // The one validation path: the same check as `fill --set`.
        let validator = move |answer: &str| {
            Ok(
                match xfill::ask::check_answer(&check, &checked_field, answer) {
                    Ok(()) => Validation::Valid,
                    Err(why) => Validation::Invalid(why.into()),
                },
            )
        };
        let help = report::ask::help(&name, q);
        let prompt = q.prompt();
        let answer = inquire::Text::new(&prompt)
            .with_help_message(&help)
            .with_validator(validator)
            .prompt();
        match answer {
            Ok(a) if a.trim().is_empty() => {}
            Ok(a) => answers.push((field, a)),
            // Esc: leave this field unfilled, go on.
            Err(inquire::InquireError::OperationCanceled) => {}
            Err(inquire::InquireError::OperationInterrupted) => return Err(Failure::Interrupted),
            Err(e) => {
                return Err(usage(
                    &format!("could not ask in this terminal: {e}"),
                    "write the values into a file instead: `xfill values TEMPLATE --schema S -o V`",
                ));
            }
        }
    }

    // All answered: now write, the schema first (the values file names its fields).
    let mut sink = std::io::sink();
    if let Some(d) = &asked.drafted {
        files::write_output::<Failure>(Some(&schema_path), d.yaml.as_bytes(), &mut sink)?;
        report::ask::drafted(stderr, &schema_path)?;
    }
    if !answers.is_empty() {
        let before = given.text.as_deref().unwrap_or("");
        let after = questions::add_answers(before, &answers);
        files::write_output::<Failure>(Some(&values_path), after.as_bytes(), &mut sink)?;
        report::ask::answered(stderr, answers.len(), &values_path)?;
    }
    stderr.flush()?;
    args.schema = Some(schema_path);
    args.values = (values_path.exists()).then_some(values_path);
    Ok(args)
}

/// Refuses to replace an existing `path` unless `force`.
pub fn refuse_existing(path: Option<&Path>, force: bool) -> Result<(), Failure> {
    match path {
        Some(path) if !force && path.as_os_str() != "-" && path.exists() => Err(usage(
            &format!("{} exists already; nothing was written", path.display()),
            "pass --force to replace it, or choose another -o",
        )),
        _ => Ok(()),
    }
}

fn usage(message: &str, help: &str) -> Failure {
    Failure::Xfill(Error::Usage {
        message: message.to_string(),
        help: help.to_string(),
    })
}
