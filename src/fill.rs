//! Template × [`Bindings`] × [`Values`] → [`Filled`]: the filled text, identical to the
//! template outside the slots, and one [`Outcome`] per slot saying what happened to it.
//! A value is inserted as data: it is never scanned or expanded again.
//! Colour and I/O belong to `report` and the CLI.

use crate::bind::Bindings;
use crate::scan::Slot;
use crate::schema::Schema;
use crate::values::Values;

/// What happened to one slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Filled with the field's value.
    Filled {
        /// Index of the field in the schema.
        field: usize,
    },
    /// The slot's field has no value.
    Missing {
        /// Index of the field in the schema.
        field: usize,
    },
    /// No field claims the slot.
    Unmapped,
}

impl Outcome {
    /// True unless the slot was filled.
    pub fn remains(&self) -> bool {
        !matches!(self, Outcome::Filled { .. })
    }

    /// The field index, if the slot has a field.
    pub fn field(&self) -> Option<usize> {
        match *self {
            Outcome::Filled { field } | Outcome::Missing { field } => Some(field),
            Outcome::Unmapped => None,
        }
    }
}

/// How to fill.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Write slots that remain as `【field】` (or `【X】` when no field claims them) instead of
    /// leaving them as they were.
    pub mark: bool,
}

/// The result of a fill.
#[derive(Debug, Clone)]
pub struct Filled {
    /// The filled text.
    pub text: String,
    /// One outcome per slot, in slot order.
    pub outcomes: Vec<Outcome>,
    /// What was written over each slot that changed: its span in the template and the new
    /// text (for documents such as .docx that apply the changes themselves).
    pub replacements: Vec<(crate::span::Span, String)>,
}

impl Filled {
    /// How many slots remain unfilled.
    pub fn remaining(&self) -> usize {
        self.outcomes.iter().filter(|o| o.remains()).count()
    }

    /// Fields with slots but no value, in schema order, without repeats.
    pub fn missing_fields(&self) -> Vec<usize> {
        missing_fields(&self.outcomes)
    }
}

/// The fields of `outcomes` that have slots but no value, in schema order, without repeats.
pub fn missing_fields(outcomes: &[Outcome]) -> Vec<usize> {
    let mut fields: Vec<usize> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Missing { field } => Some(*field),
            _ => None,
        })
        .collect();
    fields.sort_unstable();
    fields.dedup();
    fields
}

/// Fills `slots` of `text` with `values` through `bindings`.
pub fn fill(
    text: &str,
    slots: &[Slot],
    bindings: &Bindings,
    schema: &Schema,
    values: &Values,
    options: Options,
) -> Filled {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut outcomes = Vec::with_capacity(slots.len());
    let mut replacements = Vec::new();
    let mut last = 0;
    for (i, slot) in slots.iter().enumerate() {
        out.push_str(&text[last..slot.span.start]);
        last = slot.span.end;
        let original = slot.text(text);
        let (outcome, written) = match bindings.field_of[i] {
            Some(f) => {
                let field = &schema.fields[f];
                match values.get(&field.name) {
                    // A date over several slots: each slot takes its part.
                    Some(value) => match bindings.part(i) {
                        Some(part) => (
                            Outcome::Filled { field: f },
                            Some(date_part(&value.text, part, original)),
                        ),
                        None => (Outcome::Filled { field: f }, Some(value.text.clone())),
                    },
                    None => (
                        Outcome::Missing { field: f },
                        options.mark.then(|| format!("【{}】", field.name)),
                    ),
                }
            }
            None => (
                Outcome::Unmapped,
                options.mark.then(|| format!("【{original}】")),
            ),
        };
        match written {
            Some(new) => {
                out.push_str(&new);
                replacements.push((slot.span, new));
            }
            None => out.push_str(original),
        }
        outcomes.push(outcome);
    }
    out.push_str(&text[last..]);
    Filled {
        text: out,
        outcomes,
        replacements,
    }
}

/// The part of a written date (its numbers in year, month, day order) that a slot followed
/// by `part` holds, zero-padded to the slot's width (`xx` → `05`).
fn date_part(date: &str, part: char, slot: &str) -> String {
    let numbers: Vec<&str> = date
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    let index = match (numbers.len(), part) {
        (3, '年') => 0,
        (3, '月') => 1,
        (3, _) => 2,
        _ => return date.to_string(),
    };
    let n = numbers[index].trim_start_matches('0');
    let n = if n.is_empty() { "0" } else { n };
    let width = slot.chars().count();
    format!("{n:0>width$}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bind::bind;
    use crate::scan::scan;
    use crate::values::{Source, resolve};

    const SCHEMA: &str = "version: 1\nfields:\n  单位:\n    anchors: [X党委, 现将X]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n";
    const TEXT: &str = "X党委：\r\n现将X工作，分为X个组。\r\n其他X项\r\n";

    fn run(values: &str, mark: bool) -> Filled {
        let schema = Schema::parse(SCHEMA, "s.yaml").unwrap();
        let slots = scan(TEXT);
        let bindings = bind(&schema, TEXT, &slots);
        let values = resolve(
            &schema,
            Some(Source {
                text: values,
                file: "v.yaml",
            }),
            &[],
        )
        .unwrap();
        fill(TEXT, &slots, &bindings, &schema, &values, Options { mark })
    }

    #[test]
    fn fills_and_keeps_crlf() {
        let filled = run("单位: 县经信局\n组数: 4\n", false);
        assert_eq!(
            filled.text,
            "县经信局党委：\r\n现将县经信局工作，分为4个组。\r\n其他X项\r\n"
        );
        assert_eq!(filled.remaining(), 1);
        assert_eq!(filled.outcomes[3], Outcome::Unmapped);
    }

    #[test]
    fn missing_value_is_reported_and_can_be_marked() {
        let filled = run("单位: 甲\n", true);
        assert_eq!(
            filled.text,
            "甲党委：\r\n现将甲工作，分为【组数】个组。\r\n其他【X】项\r\n"
        );
        assert_eq!(filled.missing_fields(), vec![1]);
    }

    #[test]
    fn value_with_x_is_data() {
        let filled = run("单位: XX科技\n组数: 2\n", false);
        assert!(filled.text.starts_with("XX科技党委"));
        assert_eq!(filled.remaining(), 1); // only the unmapped one
    }

    #[test]
    fn date_over_several_slots_writes_each_part_padded_to_the_slot() {
        assert_eq!(date_part("2024年5月1日", '年', "20XX"), "2024");
        assert_eq!(date_part("2024年5月1日", '月', "xx"), "05");
        assert_eq!(date_part("2024年5月1日", '日', "X"), "1");
        assert_eq!(date_part("2024-12-31", '号', "X"), "31");
    }
}
