//! What `xfill init` says besides the schema: the step after it (in the schema's header),
//! the review of a draft on stderr, and where the schema went. The drafting is
//! [`crate::draft`]'s; the lines are [`super::human`]'s.

use std::io::{self, Write};
use std::path::Path;

use super::Paint;
use crate::draft::Draft;

/// The name of `init`'s output in what it writes: the `-o` path, else `default`.
pub fn shown(output: Option<&Path>, default: &str) -> String {
    output.map_or(default.into(), |p| p.display().to_string())
}

/// The schema header's next step: fill the template `name` with the schema written to
/// `output` (stdout: a name to choose).
pub fn then(name: &str, output: Option<&Path>) -> String {
    format!(
        "then:\n#   xfill fill {name} --schema {} --values VALUES.yaml",
        shown(output, "SCHEMA.yaml")
    )
}

/// Writes the review of draft `d`, before the schema goes out: with `--from`, what was
/// carried over from the old schema `from`; then each field that fills several places.
/// A template without a slot gets a schema without a field, and a warning that says why.
pub fn review(w: &mut impl Write, d: &Draft, from: Option<&str>, paint: Paint) -> io::Result<()> {
    if d.slots == 0 {
        writeln!(
            w,
            "{}: no slot found, so the schema has no field; init drafts from the template \
             with its X, not from a filled document",
            paint.warning("warning")
        )?;
    }
    if let (Some(carried), Some(from)) = (&d.carried, from) {
        super::human::carried(w, carried, from, paint)?;
    }
    super::human::shared_review(w, &d.shared, paint)
}

/// Writes what was written where, last: nothing when the schema went to stdout (its header
/// says it there).
pub fn written(
    w: &mut impl Write,
    d: &Draft,
    output: Option<&Path>,
    paint: Paint,
) -> io::Result<()> {
    match output.filter(|p| p.as_os_str() != "-") {
        Some(out) => {
            let out = out.display().to_string();
            super::human::schema_written(w, d.schema.fields.len(), d.slots, &out, paint)
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_step_names_the_schema_written() {
        assert_eq!(
            then("t.txt", Some(Path::new("t.schema.yaml"))),
            "then:\n#   xfill fill t.txt --schema t.schema.yaml --values VALUES.yaml"
        );
        assert!(then("t.txt", None).contains("--schema SCHEMA.yaml "));
    }

    #[test]
    fn a_template_without_slots_is_warned_of() {
        let base = crate::draft::Base::Nothing;
        let review_of = |text: &str| {
            let d = crate::draft::draft(text, "t.txt", base, "-", "xfill init", "");
            let mut out = Vec::new();
            review(&mut out, &d, None, Paint::new(false)).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert!(
            review_of("现将县经信局上半年工作总结如下。\n").starts_with("warning: no slot found")
        );
        assert!(!review_of("分为X个组。\n").contains("no slot found"));
    }

    #[test]
    fn a_schema_on_stdout_is_not_announced() {
        let d = crate::draft::draft(
            "共X户。\n",
            "t.txt",
            crate::draft::Base::Nothing,
            "-",
            "xfill init",
            "then",
        );
        for output in [None, Some(Path::new("-"))] {
            let mut w = Vec::new();
            written(&mut w, &d, output, Paint::new(false)).unwrap();
            assert!(w.is_empty());
        }
        let mut w = Vec::new();
        written(&mut w, &d, Some(Path::new("s.yaml")), Paint::new(false)).unwrap();
        assert_eq!(
            String::from_utf8(w).unwrap(),
            "xfill: 1 field for 1 slot → s.yaml\n"
        );
    }
}
