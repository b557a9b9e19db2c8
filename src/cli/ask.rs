//! `fill --ask` and `values`: ask in the terminal for the fields that have no value, or write
//! a values file to fill in an editor. What to ask, when asking is refused, and how answers
//! are added to a values file are the library's (`xfill::ask`, `xfill::questions`); this
//! module prompts and reports.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::rc::Rc;

use inquire::validator::Validation;
use xfill::encoding::Encoding;
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
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    xfill::ask::refuse(template, terminal)?;
    let (name, doc, _) = files::read_input(template, encoding)?;

    // The schema: as given, else the one beside the template, else drafted as `init` does.
    let asked = xfill::ask::schema(template, &name, &doc.text, args.schema.take())?;
    if let Some(d) = &asked.drafted {
        report::human::shared_review(stderr, &d.shared, paint)?;
    }
    let schema = Rc::new(asked.schema.clone());

    // The values given so far: the values file (if it exists yet) and --set.
    let values = args.values.take();
    let given = xfill::ask::given(template, values, &schema, &args.sets, args.skip_unknown)?;

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
            Err(e) => return Err(xfill::ask::cannot_ask(e).into()),
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
    args.values = given.path.exists().then_some(given.path);
    args.schema = Some(asked.path);
    Ok(args)
}
