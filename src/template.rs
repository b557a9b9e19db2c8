//! The front door: a template's text with its schema, scanned and bound once, ready to
//! [`fill`](Template::fill), [`check`](Template::check) and [`extract`](Template::extract).
//! Each step stays in its own module; this one only runs them in order and gives one record
//! per slot, so that a caller (the command line, the local page, a Rust program) never has
//! to match parallel lists by index or remember to look for slots claimed twice.

use crate::bind::{self, Bindings};
use crate::error::Error;
use crate::extract::{self, Recovery};
use crate::fill::{self, Filled, Outcome};
use crate::scan::Slot;
use crate::schema::{Field, Schema};
use crate::values::{self, Source, Values};

/// A template and its schema: slots found with the schema's own scanner, each bound to its
/// field.
#[derive(Debug, Clone)]
pub struct Template<'a> {
    text: &'a str,
    schema: &'a Schema,
    slots: Vec<Slot>,
    bindings: Bindings,
}

/// One slot and the field that fills it.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The slot.
    pub slot: &'a Slot,
    /// Its field, if one claims it.
    pub field: Option<&'a Field>,
}

/// One slot after a fill: where it is, its field, and what happened to it.
#[derive(Debug, Clone)]
pub struct Filling<'a> {
    /// The slot and its field.
    pub place: Place<'a>,
    /// Filled, missing a value, or claimed by no field.
    pub outcome: Outcome,
    /// The text written over the slot (its value), if it was filled.
    pub value: Option<&'a str>,
}

/// Whether a text of `len` bytes fits the scanner's 32-bit offsets.
fn scannable(len: usize) -> bool {
    u32::try_from(len).is_ok()
}

impl<'a> Template<'a> {
    /// Scans `text` with `schema`'s scanner and binds each slot to its field. A slot that two
    /// fields claim is an error naming both and the slot's place in `file`; a text of 4 GiB
    /// or more, more than the scanner's offsets hold, is [`Error::TooLarge`].
    pub fn new(text: &'a str, schema: &'a Schema, file: &str) -> Result<Template<'a>, Error> {
        // The scanner's offsets are 32-bit; files are read under `--max-size`, at most 2 GiB.
        if !scannable(text.len()) {
            return Err(Error::TooLarge {
                path: file.to_string(),
                limit: u64::from(u32::MAX),
            });
        }
        let slots = schema.scanner().scan(text);
        let bindings = bind::bind(schema, text, &slots);
        bindings.conflicts(schema, text, &slots, file)?;
        Ok(Template {
            text,
            schema,
            slots,
            bindings,
        })
    }

    /// The template's text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The schema.
    pub fn schema(&self) -> &'a Schema {
        self.schema
    }

    /// The slots, in text order.
    pub fn slots(&self) -> &[Slot] {
        &self.slots
    }

    /// Which field fills each slot.
    pub fn bindings(&self) -> &Bindings {
        &self.bindings
    }

    /// Each slot with its field, in text order.
    pub fn places(&self) -> impl Iterator<Item = Place<'_>> + '_ {
        self.slots
            .iter()
            .zip(&self.bindings.field_of)
            .map(|(slot, f)| Place {
                slot,
                field: f.map(|f| &self.schema.fields[f]),
            })
    }

    /// The values for this template's schema: its defaults, then `file`, then `items`, each
    /// `(field, value as typed)`; each value checked against its field's type. Every problem
    /// is reported, not only the first.
    pub fn values(&self, file: Option<Source>, items: &[(&str, &str)]) -> Result<Values, Error> {
        let given: Vec<values::Given> = items
            .iter()
            .map(|&(field, raw)| values::Given {
                field,
                raw,
                origin: crate::error::Origin::Set(format!("{field}={raw}")),
            })
            .collect();
        values::resolve_given(self.schema, file, &given, false)
    }

    /// Fills the slots with `values`.
    pub fn fill(&self, values: &Values, options: fill::Options) -> Filled {
        fill::fill(
            self.text,
            &self.slots,
            &self.bindings,
            self.schema,
            values,
            options,
        )
    }

    /// One record per slot of a fill made by [`Template::fill`] with `filled`.
    pub fn fillings<'f>(&'f self, filled: &'f Filled) -> Vec<Filling<'f>> {
        let mut written = filled.replacements.iter().peekable();
        self.places()
            .zip(&filled.outcomes)
            .map(|(place, outcome)| {
                let value = match outcome {
                    Outcome::Filled { .. } => written
                        .next_if(|(span, _)| *span == place.slot.span())
                        .map(|(_, text)| text.as_str()),
                    _ => {
                        // A marked slot (`【field】`) has a replacement too; it is no value.
                        written.next_if(|(span, _)| *span == place.slot.span());
                        None
                    }
                };
                Filling {
                    place,
                    outcome: outcome.clone(),
                    value,
                }
            })
            .collect()
    }

    /// What remains in this text when it is a finished document: the places whose slot is
    /// still there (all of them: a slot found in a finished document is unfilled).
    pub fn check(&self) -> Vec<Place<'_>> {
        self.places().collect()
    }

    /// Reads the values out of `filled`, a document filled from this template: one
    /// [`Recovery`] per slot, in slot order.
    pub fn extract(&self, filled: &str) -> Vec<Recovery> {
        extract::extract(self.text, &self.slots, filled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = "version: 1\nfields:\n  单位:\n    anchors: [X党委, 现将X]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n";
    const TEXT: &str = "X党委：\n现将X工作，分为X个组。\n其他X项\n";

    #[test]
    fn a_text_is_scannable_under_4_gib() {
        assert!(scannable(u32::MAX as usize));
        assert!(!scannable(u32::MAX as usize + 1));
    }

    #[test]
    fn fills_and_gives_one_record_per_slot() {
        let schema = Schema::parse(SCHEMA, "s.yaml").unwrap();
        let t = Template::new(TEXT, &schema, "t.txt").unwrap();
        let values = t.values(None, &[("单位", "甲")]).unwrap();
        let filled = t.fill(&values, fill::Options::default());
        assert_eq!(filled.text, "甲党委：\n现将甲工作，分为X个组。\n其他X项\n");
        let records = t.fillings(&filled);
        let summary: Vec<(Option<&str>, Option<&str>)> = records
            .iter()
            .map(|r| (r.place.field.map(|f| f.name.as_str()), r.value))
            .collect();
        assert_eq!(
            summary,
            [
                (Some("单位"), Some("甲")),
                (Some("单位"), Some("甲")),
                (Some("组数"), None),
                (None, None)
            ]
        );
        assert!(matches!(records[2].outcome, Outcome::Missing { .. }));
    }

    #[test]
    fn marked_slots_have_no_value() {
        let schema = Schema::parse(SCHEMA, "s.yaml").unwrap();
        let t = Template::new(TEXT, &schema, "t.txt").unwrap();
        let values = t.values(None, &[]).unwrap();
        let filled = t.fill(&values, fill::Options { mark: true });
        assert!(t.fillings(&filled).iter().all(|r| r.value.is_none()));
    }

    #[test]
    fn a_slot_claimed_twice_is_an_error() {
        let schema = Schema::parse(
            "version: 1\nfields:\n  a:\n    anchors: [X党委]\n  b:\n    anchors: [X党]\n",
            "s.yaml",
        )
        .unwrap();
        let err = Template::new(TEXT, &schema, "t.txt").unwrap_err();
        assert!(err.to_string().contains("claimed by two fields"), "{err}");
    }

    #[test]
    fn extract_reads_back_what_fill_wrote() {
        let schema = Schema::parse(SCHEMA, "s.yaml").unwrap();
        let t = Template::new(TEXT, &schema, "t.txt").unwrap();
        let recovered = t.extract("甲党委：\n现将甲工作，分为4个组。\n其他X项\n");
        assert_eq!(recovered[2], Recovery::Value("4".into()));
        assert_eq!(recovered[3], Recovery::Unfilled);
    }
}
