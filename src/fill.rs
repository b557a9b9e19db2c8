//! Template × [`Bindings`] × [`Values`] → [`Filled`]: the filled text, identical to the
//! template outside the slots, and one [`Outcome`] per slot saying what happened to it.
//! A value is inserted as data: it is never scanned or expanded again. A date field's slot
//! followed by 年, 月, 日 or 号 takes that part of the date (`20XX年X月X日` from 2026-06-30).
//! Colour and I/O belong to `report` and the CLI.

use crate::bind::Bindings;
use crate::encoding::{Document, Encoding};
use crate::error::Error;
use crate::scan::Slot;
use crate::schema::Schema;
use crate::span::Span;
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

impl Filled {
    /// The filled document's bytes: the template's own bytes between the slots, copied as
    /// read (byte-identical in every encoding), and what was written over each slot encoded
    /// in `to` (encoding and BOM; default: the template's). A value the output encoding
    /// cannot hold is an error naming its field and the character.
    pub fn encode(
        &self,
        doc: &Document,
        slots: &[Slot],
        schema: &Schema,
        to: Option<(Encoding, bool)>,
    ) -> Result<Vec<u8>, Error> {
        let changes: Vec<(Span, &str)> = self
            .replacements
            .iter()
            .map(|(span, new)| (*span, new.as_str()))
            .collect();
        let encoding = to.map_or(doc.encoding, |(encoding, _)| encoding);
        doc.encode_with(&changes, to).map_err(|e| {
            let what = match e.change {
                None => "the template".to_string(),
                Some(i) => {
                    let span = self.replacements[i].0;
                    let slot = slots.partition_point(|s| s.span().start < span.start);
                    match self.outcomes.get(slot).and_then(Outcome::field) {
                        Some(f) => format!("the value of `{}`", schema.fields[f].name),
                        None => format!("the text written over the slot at byte {}", span.start),
                    }
                }
            };
            Error::Unencodable {
                what,
                character: e.character,
                encoding: encoding.name(),
            }
        })
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
    // A replacement per slot at most: made at that size, not grown for each document.
    let mut replacements = Vec::with_capacity(slots.len());
    let mut last = 0;
    for (i, slot) in slots.iter().enumerate() {
        out.push_str(&text[last..slot.span().start]);
        last = slot.span().end;
        let original = slot.text(text);
        let (outcome, written) = match bindings.field_of[i] {
            Some(f) => {
                let field = &schema.fields[f];
                // A date field's slot followed by 年, 月 or 日 takes that part of the date.
                let after = text[slot.span().end..].chars().next();
                match values
                    .get(&field.name)
                    .and_then(|v| v.slot_text(original, after))
                {
                    Some(new) => (Outcome::Filled { field: f }, Some(new.into_owned())),
                    None => (
                        Outcome::Missing { field: f },
                        options.mark.then(|| mark(Some(&field.name), original)),
                    ),
                }
            }
            None => (
                Outcome::Unmapped,
                options.mark.then(|| mark(None, original)),
            ),
        };
        match written {
            Some(new) => {
                out.push_str(&new);
                replacements.push((slot.span(), new));
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

/// What `--mark` writes over a slot left unfilled: the name of the field it waits for, or
/// the slot's own text when no field claims it, in 【】.
pub(crate) fn mark(field: Option<&str>, original: &str) -> String {
    format!("【{}】", field.unwrap_or(original))
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
        fill_with(SCHEMA, TEXT, values, mark)
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

    fn fill_with(schema: &str, text: &str, values: &str, mark: bool) -> Filled {
        let schema = Schema::parse(schema, "s.yaml").unwrap();
        let slots = scan(text);
        let bindings = bind(&schema, text, &slots);
        let values = resolve(
            &schema,
            Some(Source {
                text: values,
                file: "v.yaml",
            }),
            &[],
        )
        .unwrap();
        fill(text, &slots, &bindings, &schema, &values, Options { mark })
    }

    #[test]
    fn a_date_field_fills_each_part_slot() {
        let schema = "version: 1\nfields:\n  起始日期:\n    type: date\n    anchors:\n      - 自[[20XX]]年X月X日起\n      - 自20XX年[[X]]月X日起\n      - 自20XX年X月[[X]]日起\n  签订日期:\n    type: date\n    anchors: ['[[xxxx]]年xx月xx日', 'xxxx年[[xx]]月xx日', 'xxxx年xx月[[xx]]日']\n  成文日期:\n    type: date\n    anchors: [于X印发]\n";
        let text = "自20XX年X月X日起施行。签订：xxxx年xx月xx日。于X印发。";
        let filled = fill_with(
            schema,
            text,
            "起始日期: 2026-06-30\n签订日期: 2026年6月5日\n成文日期: 2026/6/30\n",
            true,
        );
        assert_eq!(
            filled.text,
            "自2026年6月30日起施行。签订：2026年06月05日。于2026年6月30日印发。"
        );
        assert_eq!(filled.remaining(), 0);
        // The replacements (which a .docx applies) hold each part.
        let parts: Vec<&str> = filled
            .replacements
            .iter()
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(
            parts,
            ["2026", "6", "30", "2026", "06", "05", "2026年6月30日"]
        );
    }

    #[test]
    fn a_part_the_date_lacks_leaves_its_slot() {
        // The anchor that ends with its slot is matched where the template has 年: the
        // month-and-day value leaves the year slot to be filled.
        let schema = "version: 1\nfields:\n  日期:\n    type: date\n    anchors: ['[[X]]', 'X年[[X]]月X日', 'X年X月[[X]]日']\n";
        let filled = fill_with(schema, "X年X月X日", "日期: 6-30\n", true);
        assert_eq!(filled.text, "【日期】年6月30日");
        assert_eq!(filled.outcomes[0], Outcome::Missing { field: 0 });
    }
}
