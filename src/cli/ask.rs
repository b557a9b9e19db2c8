//! `fill --ask`: the prompts in the terminal. What to ask, when asking is refused, and where
//! the answers are saved are the library's ([`xfill::ask::ask`]); this module puts each
//! question with inquire.

use std::io::{IsTerminal, Write};
use std::path::Path;

use inquire::validator::Validation;
use xfill::ask::Prompt;
use xfill::encoding::Encoding;
use xfill::report::Paint;

use super::{Failure, ValueArgs};

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
    let job = xfill::ask::Job {
        template: template.to_path_buf(),
        schema: args.schema.take(),
        values: args.values.take(),
        sets: args.sets.clone(),
        skip_unknown: args.skip_unknown,
        encoding,
    };
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let asked = xfill::ask::ask(&job, terminal, stderr, paint, prompt)?;
    args.schema = Some(asked.schema);
    args.values = asked.values;
    Ok(args)
}

/// Puts one question in the terminal: the answer, or `None` (Esc) to leave the field unfilled.
fn prompt(p: &Prompt) -> Result<Option<String>, Failure> {
    let check = p.check.clone();
    // The one validation path: the same check as `fill --set`.
    let validator = move |answer: &str| {
        Ok(match check.check(answer) {
            Ok(()) => Validation::Valid,
            Err(why) => Validation::Invalid(why.into()),
        })
    };
    let answer = inquire::Text::new(&p.text)
        .with_help_message(&p.help)
        .with_validator(validator)
        .prompt();
    match answer {
        Ok(a) => Ok(Some(a)),
        // Esc: leave this field unfilled, go on.
        Err(inquire::InquireError::OperationCanceled) => Ok(None),
        Err(inquire::InquireError::OperationInterrupted) => Err(Failure::Interrupted),
        Err(e) => Err(xfill::ask::cannot_ask(e).into()),
    }
}
