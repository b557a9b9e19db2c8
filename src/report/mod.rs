//! Renders results into any `impl Write`: [`human`] for people (optionally coloured) and
//! [`json`] for machines. Computes nothing: the models come from the other modules.

pub mod human;
pub mod json;

use crate::bind::AnchorRef;
use crate::fill::Outcome;
use crate::scan::Slot;
use crate::schema::Schema;

/// What remains to do in one document: its slots, what happened to each, and schema drift.
/// Built by `fill` (outcomes of the fill) or `check` (slots found in a finished document).
#[derive(Debug, Clone)]
pub struct Findings<'a> {
    /// The document's display name.
    pub file: &'a str,
    /// The text the slots are in (the template for `fill`, the document for `check`).
    pub text: &'a str,
    /// The slots of `text`.
    pub slots: &'a [Slot],
    /// One outcome per slot.
    pub outcomes: &'a [Outcome],
    /// The schema, when one was given.
    pub schema: Option<&'a Schema>,
    /// Anchors whose text is gone from the document.
    pub stale: &'a [AnchorRef],
}

impl Findings<'_> {
    /// Slot indexes that remain.
    pub fn remaining(&self) -> impl Iterator<Item = usize> + '_ {
        self.outcomes
            .iter()
            .enumerate()
            .filter(|(_, o)| o.remains())
            .map(|(i, _)| i)
    }

    /// Names of fields that have slots but no value, in schema order.
    pub fn missing_fields(&self) -> Vec<&str> {
        let Some(schema) = self.schema else {
            return Vec::new();
        };
        let mut fields: Vec<usize> = self
            .outcomes
            .iter()
            .filter_map(|o| match o {
                Outcome::Missing { field } => Some(*field),
                _ => None,
            })
            .collect();
        fields.sort_unstable();
        fields.dedup();
        fields
            .into_iter()
            .map(|f| schema.fields[f].name.as_str())
            .collect()
    }

    /// Whether anything is left to look at: slots remain, or (with a schema) drift.
    pub fn is_clean(&self) -> bool {
        self.remaining().next().is_none() && self.stale.is_empty()
    }
}

/// Terminal styles, or none. Marks never depend on colour alone.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    enabled: bool,
}

impl Paint {
    /// Colours on or off.
    pub fn new(enabled: bool) -> Self {
        Paint { enabled }
    }

    fn wrap(&self, style: anstyle::Style, s: &str) -> String {
        if self.enabled {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    }

    fn fg(color: anstyle::AnsiColor) -> anstyle::Style {
        anstyle::Style::new().fg_color(Some(color.into()))
    }

    pub(crate) fn error(&self, s: &str) -> String {
        self.wrap(Self::fg(anstyle::AnsiColor::Red).bold(), s)
    }
    pub(crate) fn warning(&self, s: &str) -> String {
        self.wrap(Self::fg(anstyle::AnsiColor::Yellow).bold(), s)
    }
    pub(crate) fn accent(&self, s: &str) -> String {
        self.wrap(Self::fg(anstyle::AnsiColor::Blue).bold(), s)
    }
    pub(crate) fn bold(&self, s: &str) -> String {
        self.wrap(anstyle::Style::new().bold(), s)
    }
    pub(crate) fn slot(&self, s: &str) -> String {
        self.wrap(Self::fg(anstyle::AnsiColor::Magenta).bold(), s)
    }
    pub(crate) fn deleted(&self, s: &str, emphasized: bool) -> String {
        let style = Self::fg(anstyle::AnsiColor::Red);
        self.wrap(
            if emphasized {
                style.bold().underline()
            } else {
                style
            },
            s,
        )
    }
    pub(crate) fn inserted(&self, s: &str, emphasized: bool) -> String {
        let style = Self::fg(anstyle::AnsiColor::Green);
        self.wrap(
            if emphasized {
                style.bold().underline()
            } else {
                style
            },
            s,
        )
    }
}
