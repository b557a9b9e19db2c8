//! What `fill --ask` says around its prompts: how many fields it will ask for, the help line
//! under each prompt, and which files the answers went to. What to ask is
//! [`crate::questions`]'s; the terminal prompts are the caller's.

use std::io::{self, Write};
use std::path::Path;

use crate::questions::Question;

/// Writes what is about to be asked: `questions` fields of the template `name` have no value
/// (or, when none, that there is nothing to ask).
pub fn asking(w: &mut impl Write, name: &str, questions: usize) -> io::Result<()> {
    match questions {
        0 => writeln!(
            w,
            "xfill: nothing to ask: every field of {name} has a value"
        ),
        n => writeln!(
            w,
            "xfill: {n} fields of {name} have no value; Enter leaves one unfilled, Ctrl-C stops \
             and writes nothing"
        ),
    }
}

/// The help line under a question's prompt: where its first slot stands in the template
/// `name`, and the sentence around it.
pub fn help(name: &str, q: &Question) -> String {
    format!(
        "{}:{}:{}  {}",
        name, q.position.line, q.position.column, q.sentence
    )
}

/// Writes that a schema was drafted for the template and saved at `path`.
pub fn drafted(w: &mut impl Write, path: &Path) -> io::Result<()> {
    writeln!(w, "xfill: drafted a schema → {}", path.display())
}

/// Writes that `answers` answers were added to the values file at `path`.
pub fn answered(w: &mut impl Write, answers: usize, path: &Path) -> io::Result<()> {
    writeln!(w, "xfill: {answers} answers → {}", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_to_ask_is_said_apart() {
        let mut w = Vec::new();
        asking(&mut w, "t.txt", 0).unwrap();
        asking(&mut w, "t.txt", 2).unwrap();
        let said = String::from_utf8(w).unwrap();
        let lines: Vec<&str> = said.lines().collect();
        assert_eq!(
            lines[0],
            "xfill: nothing to ask: every field of t.txt has a value"
        );
        assert!(lines[1].starts_with("xfill: 2 fields of t.txt have no value;"));
    }
}
