//! The schema file that `init` (and `fill --ask`) writes: a template's slots drafted into
//! fields, or the fields of the schema of its previous version carried over, with a header
//! saying what was done and the fields that fill several places listed for review. Drafting
//! and carrying fields over is [`crate::schema`]'s; printing the review is `report`'s.

use crate::report;
use crate::schema::{self, Carried, Schema, Shared};

/// What a drafted schema starts from.
#[derive(Debug, Clone, Copy)]
pub enum Base<'a> {
    /// Nothing: the built-in scanner, fields drafted from the slots.
    Nothing,
    /// A schema whose ignore words and patterns the draft keeps.
    Scanning(&'a Schema),
    /// The schema of the template's previous version, shown as `name`: its fields keep their
    /// names, types and options wherever they still find a slot.
    From(&'a Schema, &'a str),
}

impl<'a> Base<'a> {
    /// The base `init` drafts from: the old schema `old` carried over when it is the one
    /// `--from` named (shown as `from`), else only its ignore words and patterns kept;
    /// nothing without one.
    pub fn of(old: Option<&'a Schema>, from: Option<&'a str>) -> Base<'a> {
        match (old, from) {
            (Some(old), Some(from)) => Base::From(old, from),
            (Some(old), None) => Base::Scanning(old),
            (None, _) => Base::Nothing,
        }
    }
}

/// A schema file drafted for a template.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The schema drafted.
    pub schema: Schema,
    /// The file's text: the header, then the schema.
    pub yaml: String,
    /// The fields that fill several places, for review.
    pub shared: Vec<Shared>,
    /// With [`Base::From`], which fields were kept, added and lost.
    pub carried: Option<Carried>,
    /// How many slots the template has.
    pub slots: usize,
}

/// Drafts the schema file for the template `name` whose text is `text`, to be saved as
/// `file`. Its first line says it was drafted by `by` (`xfill init`); the advice to check
/// it ends with `then`.
pub fn draft(text: &str, name: &str, base: Base, file: &str, by: &str, then: &str) -> Draft {
    let slots = schema::scan_with(
        match base {
            Base::Nothing => None,
            Base::Scanning(schema) | Base::From(schema, _) => Some(schema),
        },
        text,
    );
    let (schema, carried, header) = match base {
        Base::From(old, from) => {
            let carried = schema::init_from(text, &slots, old, file);
            let header = report::carried_header(&carried, from);
            (carried.schema.clone(), Some(carried), header)
        }
        _ => {
            let mut draft = schema::init(text, &slots, file);
            if let Base::Scanning(base) = base {
                draft
                    .set_scanning(base.ignore.clone(), base.patterns.clone())
                    .expect("patterns of a parsed schema compile");
            }
            (draft, None, String::new())
        }
    };
    let shared = schema::shared_fields(&schema, text, &slots);
    let head = format!("# Schema for {name}: {{}}, drafted by `{by}`.\n{header}");
    let yaml = report::drafted_schema(&schema, &shared, slots.len(), &head, then);
    Draft {
        schema,
        yaml,
        shared,
        carried,
        slots: slots.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_schema_is_carried_over_only_when_named_by_from() {
        let old = Schema::parse("version: 1\nfields: {}\n", "old.yaml").unwrap();
        assert!(matches!(Base::of(None, None), Base::Nothing));
        assert!(matches!(Base::of(None, Some("old.yaml")), Base::Nothing));
        assert!(matches!(Base::of(Some(&old), None), Base::Scanning(_)));
        assert!(matches!(
            Base::of(Some(&old), Some("old.yaml")),
            Base::From(_, "old.yaml")
        ));
    }
}
