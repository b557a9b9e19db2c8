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
