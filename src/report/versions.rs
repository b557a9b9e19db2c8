//! What `extract` and `diff` show of two versions of a document: the values file (YAML for
//! `fill`, or JSON), the review of what was lost, and the diff with what each slot became.
//! The comparing is [`crate::extract`]'s and [`crate::diff`]'s; the lines are
//! [`super::human`]'s and [`super::json`]'s.

use std::io::{self, Write};

use super::{Extraction, FieldChange, Format, Paint};
use crate::diff::Hunk;

/// Writes the values `extract` recovered in `format`: a values file that `fill` takes (with
/// `comments` naming each field's slots, for fields named by a draft), or JSON.
pub fn values(w: &mut dyn Write, x: &Extraction, format: Format, comments: bool) -> io::Result<()> {
    match format {
        Format::Human => super::values_yaml(&mut &mut *w, x, comments),
        Format::Json => super::json::extraction(&mut &mut *w, x),
    }
}

/// Writes what `extract` could not recover, for people; JSON says it with the values.
pub fn review(w: &mut impl Write, x: &Extraction, format: Format, paint: Paint) -> io::Result<()> {
    match format {
        Format::Human => super::human::extraction(w, x, paint),
        Format::Json => Ok(()),
    }
}

/// Writes `diff`'s report in `format` of the versions `(old, new)` (their display names):
/// the `hunks` (lines whole with `full_lines`), what
/// each slot of the old version became (`slots`), and the fields whose values `changed`.
/// For people, equal versions show nothing.
pub fn diff(
    w: &mut impl Write,
    format: Format,
    (old, new): (&str, &str),
    hunks: &[Hunk],
    (slots, changed): (&Extraction, &[FieldChange]),
    full_lines: bool,
    paint: Paint,
) -> io::Result<()> {
    match format {
        Format::Human if hunks.is_empty() => Ok(()),
        Format::Human => {
            super::human::diff(w, old, new, hunks, full_lines, paint)?;
            super::human::slot_changes(w, Some(slots), changed, paint)
        }
        Format::Json => super::json::diff(w, old, new, hunks, Some(slots), changed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Extracted, Reference};

    /// Runs `f` on what each slot of the template `old` became in `new`.
    fn with_extraction(old: &str, new: &str, f: impl FnOnce(&Extraction)) {
        let t = Reference::new("t.txt".into(), old.into(), None).unwrap();
        f(&Extracted::new(t, "f.txt".into(), new.into()).extraction());
    }

    /// `diff` of a template and its filled copy, rendered in `format`.
    fn rendered(old: &str, new: &str, format: Format) -> String {
        let hunks = crate::diff::diff(old, new, 3);
        let mut w = Vec::new();
        with_extraction(old, new, |x| {
            let names = ("t.txt", "f.txt");
            diff(
                &mut w,
                format,
                names,
                &hunks,
                (x, &[]),
                false,
                Paint::new(false),
            )
            .unwrap();
        });
        String::from_utf8(w).unwrap()
    }

    #[test]
    fn equal_versions_show_nothing_to_people_but_a_report_to_machines() {
        assert_eq!(rendered("共X户。\n", "共X户。\n", Format::Human), "");
        assert!(rendered("共X户。\n", "共X户。\n", Format::Json).starts_with('{'));
        let changed = rendered("共X户。\n", "共3户。\n", Format::Human);
        assert!(
            changed.contains("t.txt") && changed.contains("f.txt"),
            "{changed}"
        );
    }

    #[test]
    fn values_are_yaml_for_fill_or_json() {
        with_extraction("共X户。\n", "共3户。\n", |x| {
            let mut yaml = Vec::new();
            values(&mut yaml, x, Format::Human, false).unwrap();
            assert!(String::from_utf8(yaml).unwrap().ends_with(": 3\n"));
            let mut json = Vec::new();
            values(&mut json, x, Format::Json, false).unwrap();
            assert!(json.starts_with(b"{"));
            let mut review_json = Vec::new();
            review(&mut review_json, x, Format::Json, Paint::new(false)).unwrap();
            assert!(review_json.is_empty());
        });
    }
}
