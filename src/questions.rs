//! What to ask a person for: the fields that still have no value, each with its label, what
//! it takes, and the sentence of its first slot with the slot marked; the values-file
//! skeleton that lists every field that way; and adding answers to a values file without
//! touching what is already written there. Prompting and files are the caller's business.

use std::fmt::Write as _;

use crate::bind::Bindings;
use crate::error::Error;
use crate::scan::Slot;
use crate::schema::{Field, FieldType, Schema, quote};
use crate::span::{Position, Span};
use crate::values::Values;

/// The characters a sentence of a template ends with.
const SENTENCE_END: [char; 8] = ['。', '！', '？', '；', '\n', '!', '?', ';'];
/// At most this many characters of a sentence are shown on each side of the slot.
const SIDE: usize = 40;

/// A slot in its sentence: `before`, the slot's own text, `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence<'t> {
    /// The sentence up to the slot (at most 40 characters, cut with `…`).
    pub before: &'t str,
    /// The slot's text, e.g. `X`.
    pub slot: &'t str,
    /// The sentence after the slot (at most 40 characters).
    pub after: &'t str,
    /// Whether `before` or `after` were cut short.
    pub cut: (bool, bool),
}

impl std::fmt::Display for Sentence<'_> {
    /// The sentence with the slot marked 【like this】.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ellipsis = |cut: bool| if cut { "…" } else { "" };
        write!(
            f,
            "{}{}【{}】{}{}",
            ellipsis(self.cut.0),
            self.before.trim_start(),
            self.slot,
            self.after.trim_end(),
            ellipsis(self.cut.1)
        )
    }
}

/// The sentence around `span` in `text`: from the end of the previous sentence to the end of
/// this one (its closing mark included), at most 40 characters on each side.
pub fn sentence(text: &str, span: Span) -> Sentence<'_> {
    let head = &text[..span.start];
    let start = head.rfind(SENTENCE_END).map_or(0, |i| {
        i + head[i..].chars().next().map_or(0, char::len_utf8)
    });
    let tail = &text[span.end..];
    let end = tail.find(SENTENCE_END).map_or(text.len(), |i| {
        let mark = tail[i..].chars().next().expect("found a character");
        // The closing mark belongs to the sentence; a line break does not.
        span.end + i + if mark == '\n' { 0 } else { mark.len_utf8() }
    });
    let before = &text[start..span.start];
    let before_start = before
        .char_indices()
        .rev()
        .nth(SIDE - 1)
        .map_or(0, |(i, _)| i);
    let after = &text[span.end..end];
    let after_end = after
        .char_indices()
        .nth(SIDE)
        .map_or(after.len(), |(i, _)| i);
    Sentence {
        before: &before[before_start..],
        slot: span.of(text),
        after: after[..after_end].trim_end_matches('\r'),
        cut: (before_start > 0, after_end < after.len()),
    }
}

/// A field that still needs a value.
#[derive(Debug, Clone)]
pub struct Question<'a> {
    /// The field.
    pub field: &'a Field,
    /// Its slots, as indexes into the slot list, in text order.
    pub slots: Vec<usize>,
    /// Where its first slot is.
    pub position: Position,
    /// The sentence of its first slot.
    pub sentence: Sentence<'a>,
}

impl Question<'_> {
    /// The question to put: the field's label (or name) and what it takes.
    pub fn prompt(&self) -> String {
        let label = self.field.label.as_deref().unwrap_or(&self.field.name);
        if label == self.field.name {
            format!("{label} ({})", takes(self.field))
        } else {
            format!("{label} [{}] ({})", self.field.name, takes(self.field))
        }
    }
}

/// What a field takes, in a few words: `integer, at least 0`, `date, e.g. 2026-06-30`,
/// `one of: 县级, 市级`.
pub fn takes(field: &Field) -> String {
    let extras = field.extras();
    let mut s = String::from(field.ty.as_str());
    match field.ty {
        FieldType::Integer | FieldType::Number => match (field.min, field.max) {
            (Some(min), Some(max)) => write!(s, ", {min} to {max}"),
            (Some(min), None) => write!(s, ", at least {min}"),
            (None, Some(max)) => write!(s, ", at most {max}"),
            (None, None) => Ok(()),
        }
        .expect("writing to a String"),
        FieldType::Date => s.push_str(", e.g. 2026-06-30"),
        FieldType::Choice => {
            write!(s, ", one of: {}", extras.choices.join(", ")).expect("writing to a String")
        }
        FieldType::Text => {
            if let Some(pattern) = &extras.pattern {
                write!(s, ", matching {}", pattern.as_str()).expect("writing to a String");
            }
        }
    }
    s
}

/// The fields of `schema` that fill at least one slot and have no value in `values`, in
/// schema order: what `fill --ask` asks for.
pub fn questions<'a>(
    schema: &'a Schema,
    text: &'a str,
    slots: &[Slot],
    bindings: &Bindings,
    values: &Values,
) -> Vec<Question<'a>> {
    fields_with_slots(schema, text, slots, bindings)
        .filter(|q| values.get(&q.field.name).is_none())
        .collect()
}

/// Every field of `schema` that fills at least one slot, with its first slot's sentence.
fn fields_with_slots<'a>(
    schema: &'a Schema,
    text: &'a str,
    slots: &[Slot],
    bindings: &Bindings,
) -> impl Iterator<Item = Question<'a>> {
    let mut slots_of = vec![Vec::new(); schema.fields.len()];
    for (s, f) in bindings.field_of.iter().enumerate() {
        if let Some(f) = f {
            slots_of[*f].push(s);
        }
    }
    schema
        .fields
        .values()
        .zip(slots_of)
        .filter(|(_, of)| !of.is_empty())
        .map(move |(field, of)| {
            let first = &slots[of[0]];
            Question {
                field,
                position: first.position(),
                sentence: sentence(text, first.span()),
                slots: of,
            }
        })
}

/// The values file to fill in an editor for the template `text` (named `template`) and
/// `schema` (named `schema_file`), as [`skeleton`] writes it: the slots found by the schema's
/// scanner and bound to its fields; a slot two fields claim is an error.
pub fn skeleton_for(
    schema: &Schema,
    text: &str,
    template: &str,
    schema_file: &str,
) -> Result<String, Error> {
    let t = crate::template::Template::new(text, schema, template)?;
    Ok(skeleton(
        schema,
        text,
        t.slots(),
        t.bindings(),
        template,
        schema_file,
    ))
}

/// A values file with every field of `schema`, in schema order: each preceded by comments
/// (label, what it takes, each slot's place and sentence) and written empty, or with its
/// default. `template` and `schema_file` name the two files in the header.
pub fn skeleton(
    schema: &Schema,
    text: &str,
    slots: &[Slot],
    bindings: &Bindings,
    template: &str,
    schema_file: &str,
) -> String {
    let mut out = format!(
        "# Values for {template}: write each value after its field's colon; a field left empty\n\
         # stays unfilled. Then:\n#   xfill fill {template} --schema {schema_file} --values THIS_FILE\n"
    );
    let with_slots: Vec<Question> = fields_with_slots(schema, text, slots, bindings).collect();
    for field in schema.fields.values() {
        out.push('\n');
        let label = field.label.as_deref().unwrap_or(&field.name);
        writeln!(out, "# {label} · {}", takes(field)).expect("writing to a String");
        match with_slots.iter().find(|q| q.field.name == field.name) {
            Some(q) => {
                for &s in &q.slots {
                    let slot = &slots[s];
                    writeln!(
                        out,
                        "#   {}:{}  {}",
                        slot.position().line,
                        slot.position().column,
                        comment_safe(&sentence(text, slot.span()).to_string())
                    )
                    .expect("writing to a String");
                }
            }
            None => out.push_str("#   (no slot of this template)\n"),
        }
        match field.default_text() {
            Some(d) => writeln!(out, "{}: {}", quote(&field.name), quote(&d)),
            None => writeln!(out, "{}:", quote(&field.name)),
        }
        .expect("writing to a String");
    }
    out
}

/// `existing` (a values file's text, possibly empty) with `answers` added at its end as
/// `field: value` lines. What is already written, comments and order included, is kept byte
/// for byte; a field that the file has with an empty value (as in a skeleton) gets its
/// answer on that line instead. Values are written as strings (quoted where YAML would read
/// them otherwise, e.g. `"007"`), so that the text typed is the text filled.
pub fn add_answers(existing: &str, answers: &[(String, String)]) -> String {
    let newline = if existing.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = existing.to_string();
    for (name, value) in answers {
        let key = format!("{}:", quote(name));
        let line = format!("{key} {}", quote(value));
        // A skeleton's empty entry: the key alone on its line, at the left margin.
        let mut at = 0;
        let mut replaced = false;
        while let Some(i) = out[at..].find(&key) {
            let start = at + i;
            let end = start + key.len();
            let line_end = out[end..].find('\n').map_or(out.len(), |j| end + j);
            // The entry's own text stops before a CR of its line ending, which stays.
            let content_end = if out[..line_end].ends_with('\r') {
                line_end - 1
            } else {
                line_end
            };
            let at_line_start = start == 0 || out.as_bytes()[start - 1] == b'\n';
            if at_line_start && out[end..content_end].trim().is_empty() {
                out.replace_range(start..content_end, &line);
                replaced = true;
                break;
            }
            at = end;
        }
        if !replaced {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(newline);
            }
            out.push_str(&line);
            out.push_str(newline);
        }
    }
    out
}

/// A comment line may not hold a line break.
fn comment_safe(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_for_binds_the_slots_itself() {
        let schema = Schema::parse(
            "version: 1\nfields:\n  组数:\n    type: integer\n    anchors: [分为X个组]\n",
            "s.yaml",
        )
        .unwrap();
        let text = "分为X个组。\n";
        let slots = schema.scanner().scan(text);
        let bindings = crate::bind::bind(&schema, text, &slots);
        assert_eq!(
            skeleton_for(&schema, text, "t.txt", "s.yaml").unwrap(),
            skeleton(&schema, text, &slots, &bindings, "t.txt", "s.yaml")
        );
    }

    fn sentence_of(text: &str, slot: &str) -> String {
        let start = text.find(slot).expect("the slot is in the text");
        sentence(text, Span::new(start, start + slot.len())).to_string()
    }

    #[test]
    fn sentence_runs_from_the_last_mark_to_the_next() {
        let text = "一年来成效明显。全体干部分为X个组，深入开展走访。下一步继续。";
        assert_eq!(
            sentence_of(text, "X"),
            "全体干部分为【X】个组，深入开展走访。"
        );
    }

    #[test]
    fn sentence_stops_at_a_line_break_and_keeps_no_cr() {
        let text = "标题\r\n联系人：XXX\r\n电话：";
        assert_eq!(sentence_of(text, "XXX"), "联系人：【XXX】");
    }

    #[test]
    fn sentence_is_cut_at_forty_characters_each_side() {
        let text = format!("{}X{}。", "甲".repeat(50), "乙".repeat(50));
        let s = sentence_of(&text, "X");
        assert_eq!(s, format!("…{}【X】{}…", "甲".repeat(40), "乙".repeat(40)));
    }

    #[test]
    fn answers_fill_a_skeletons_empty_entries_and_keep_the_rest() {
        let existing = "# 组数 · integer\n组数:\n# 镇名\n镇名: 青石镇 # kept\n";
        let out = add_answers(
            existing,
            &[
                ("组数".into(), "4".into()),
                ("村名".into(), "白溪: 村".into()),
            ],
        );
        assert_eq!(
            out,
            "# 组数 · integer\n组数: \"4\"\n# 镇名\n镇名: 青石镇 # kept\n村名: \"白溪: 村\"\n"
        );
    }

    #[test]
    fn answers_keep_crlf_and_add_a_missing_final_line_break() {
        assert_eq!(
            add_answers(
                "a: 1\r\nb:\r\nc: 3",
                &[("b".into(), "2".into()), ("d".into(), "4".into())]
            ),
            "a: 1\r\nb: \"2\"\r\nc: 3\r\nd: \"4\"\r\n"
        );
        assert_eq!(
            add_answers("", &[("组数".into(), "四".into())]),
            "组数: 四\n"
        );
    }

    #[test]
    fn a_key_inside_another_line_is_not_taken_for_an_entry() {
        // `名:` occurs inside `镇名:` and in a comment; neither is the field `名`.
        let out = add_answers("镇名:\n# 名: old\n", &[("名".into(), "x".into())]);
        assert_eq!(out, "镇名:\n# 名: old\n名: x\n");
    }
}
