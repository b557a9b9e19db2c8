//! JSON output. The wire structs live here, apart from the model, so that the model can
//! change while the format keeps its meaning. Keys are never renamed; new keys may appear.
//!
//! `scan --format json`:
//! `{"file", "count", "slots": [Slot]}` where a Slot is
//! `{"id", "line", "column", "byte_start", "byte_end", "text", "before", "after", "kind",
//! "unit", "suffix", "confidence", "reason"}`: `line` and `column` are 1-based, the column in
//! characters; `byte_start`/`byte_end` index the decoded UTF-8 text; `kind` is quantity, date,
//! name or other; `unit` is the measure word after a quantity and `suffix` the place or
//! organisation word after a name (else null); `confidence` is high or low, and `reason`
//! says why it is low.
//!
//! `check --format json` and `fill --format json` (on stderr):
//! `{"file", "slots", "filled", "remaining": [Slot + {"field", "status"}], "missing_fields",
//! "stale_anchors": [{"field", "anchor", "line", "column"}], "skipped_fields"}`: `status` is `missing` (its
//! field has no value), `unmapped` (no field claims it) or `unfilled` (checked without a
//! schema); `field` is null when there is none.
//!
//! `batch --format json`: `{"template", "rows_file", "out_dir", "rows": [Row], "total",
//! "written", "complete", "incomplete", "rejected", "failed"}` where a Row is `{"row", "line",
//! "file", "status", "remaining", "missing_fields", "error"}`: `status` is complete,
//! incomplete, rejected or failed; `file` is null when none was written, `error` when there
//! is none. Rows are written as they are done, one per line.

use std::io::{self, Write};

use serde::Serialize;

use super::{Extraction, FieldChange, Findings};
use crate::diff::{Hunk, Tag};
use crate::extract::Recovery;
use crate::fill::Outcome;
use crate::scan::{CONTEXT_CHARS, Slot, context};

#[derive(Serialize)]
struct SlotJson<'a> {
    id: usize,
    line: usize,
    column: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'a str,
    before: &'a str,
    after: &'a str,
    kind: &'static str,
    unit: Option<&'static str>,
    suffix: Option<&'static str>,
    confidence: &'static str,
    reason: Option<&'static str>,
}

impl<'a> SlotJson<'a> {
    fn new(text: &'a str, slot: &Slot) -> Self {
        let (before, after) = context(text, slot.span(), CONTEXT_CHARS);
        SlotJson {
            id: slot.id(),
            line: slot.position().line,
            column: slot.position().column,
            byte_start: slot.span().start,
            byte_end: slot.span().end,
            text: slot.text(text),
            before,
            after,
            kind: slot.kind().as_str(),
            unit: slot.unit(),
            suffix: slot.suffix(),
            confidence: slot.confidence().as_str(),
            reason: slot.reason(),
        }
    }
}

#[derive(Serialize)]
struct RemainingJson<'a> {
    #[serde(flatten)]
    slot: SlotJson<'a>,
    field: Option<&'a str>,
    status: &'static str,
}

#[derive(Serialize)]
struct StaleJson<'a> {
    field: &'a str,
    anchor: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct FindingsJson<'a> {
    file: &'a str,
    slots: usize,
    filled: usize,
    remaining: Vec<RemainingJson<'a>>,
    missing_fields: Vec<&'a str>,
    stale_anchors: Vec<StaleJson<'a>>,
    skipped_fields: Vec<&'a str>,
}

/// `scan --format json`: one object, each slot on a line of its own (compact, and still easy
/// to read or grep).
pub fn scan(w: &mut impl Write, file: &str, text: &str, slots: &[Slot]) -> io::Result<()> {
    write!(w, "{{\"file\":")?;
    serde_json::to_writer(&mut *w, file)?;
    write!(w, ",\"count\":{},\"slots\":[", slots.len())?;
    for (i, slot) in slots.iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *w, &SlotJson::new(text, slot))?;
    }
    writeln!(w, "\n]}}")
}

/// `check --format json`, `fill --format json`.
pub fn findings(w: &mut impl Write, f: &Findings) -> io::Result<()> {
    let remaining: Vec<RemainingJson> = f
        .remaining()
        .map(|i| {
            let outcome = &f.outcomes[i];
            RemainingJson {
                slot: SlotJson::new(f.text, &f.slots[i]),
                field: outcome
                    .field()
                    .and_then(|field| f.schema.map(|s| s.fields[field].name.as_str())),
                status: match (outcome, f.schema) {
                    (Outcome::Missing { .. }, _) => "missing",
                    (_, Some(_)) => "unmapped",
                    (_, None) => "unfilled",
                },
            }
        })
        .collect();
    let stale_anchors = f
        .schema
        .map(|schema| {
            f.stale
                .iter()
                .map(|r| {
                    let field = &schema.fields[r.field];
                    let anchor = &field.anchors[r.anchor];
                    StaleJson {
                        field: &field.name,
                        anchor: &anchor.text,
                        line: anchor.at.line,
                        column: anchor.at.column,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let out = FindingsJson {
        file: f.file,
        slots: f.slots.len(),
        filled: f.slots.len() - remaining.len(),
        remaining,
        missing_fields: f.missing_fields(),
        stale_anchors,
        skipped_fields: f.skipped.iter().map(|(name, _)| name.as_str()).collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &out)?;
    writeln!(w)
}

#[derive(Serialize)]
struct RecoveredJson<'a> {
    id: usize,
    line: usize,
    column: usize,
    text: &'a str,
    field: Option<&'a str>,
    status: &'static str,
    value: Option<&'a str>,
    reason: Option<&'static str>,
}

#[derive(Serialize)]
struct ConflictJson<'a> {
    field: &'a str,
    slots: Vec<ConflictSlotJson<'a>>,
}

#[derive(Serialize)]
struct ConflictSlotJson<'a> {
    id: usize,
    value: &'a str,
}

fn recovered<'a>(x: &'a Extraction) -> Vec<RecoveredJson<'a>> {
    x.slots
        .iter()
        .enumerate()
        .map(|(i, slot)| {
            let (status, value, reason) = match &x.recovered[i] {
                Recovery::Value(v) => ("recovered", Some(v.as_str()), None),
                Recovery::Unfilled => ("unfilled", None, None),
                Recovery::Lost(why) => ("lost", None, Some(why.as_str())),
            };
            RecoveredJson {
                id: slot.id(),
                line: slot.position().line,
                column: slot.position().column,
                text: slot.text(x.template),
                field: x
                    .bindings
                    .field_of
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|f| x.schema.fields[f].name.as_str()),
                status,
                value,
                reason,
            }
        })
        .collect()
}

/// `extract --format json`.
pub fn extraction(w: &mut impl Write, x: &Extraction) -> io::Result<()> {
    let values: serde_json::Map<String, serde_json::Value> = x
        .fields
        .values
        .iter()
        .map(|(f, v)| {
            (
                x.schema.fields[*f].name.clone(),
                serde_json::Value::String(v.clone()),
            )
        })
        .collect();
    let conflicts: Vec<ConflictJson> = x
        .fields
        .conflicts
        .iter()
        .map(|(f, slots)| ConflictJson {
            field: &x.schema.fields[*f].name,
            slots: slots
                .iter()
                .map(|(s, v)| ConflictSlotJson {
                    id: x.slots[*s].id(),
                    value: v,
                })
                .collect(),
        })
        .collect();
    let out = serde_json::json!({
        "template": x.template_name,
        "filled": x.filled_name,
        "values": values,
        "slots": recovered(x),
        "conflicts": conflicts,
    });
    serde_json::to_writer_pretty(&mut *w, &out)?;
    writeln!(w)
}

#[derive(Serialize)]
struct LineJson {
    tag: &'static str,
    text: String,
    changed: Vec<[usize; 2]>,
}

#[derive(Serialize)]
struct HunkJson {
    old_start: usize,
    old_len: usize,
    new_start: usize,
    new_len: usize,
    lines: Vec<LineJson>,
}

/// `diff --format json`.
pub fn diff(
    w: &mut impl Write,
    old: &str,
    new: &str,
    hunks: &[Hunk],
    slots: Option<&Extraction>,
    fields: &[FieldChange],
) -> io::Result<()> {
    let hunks: Vec<HunkJson> = hunks
        .iter()
        .map(|h| HunkJson {
            old_start: h.old_start,
            old_len: h.old_len,
            new_start: h.new_start,
            new_len: h.new_len,
            lines: h
                .lines
                .iter()
                .map(|l| {
                    let mut text = String::new();
                    let mut changed = Vec::new();
                    for (emphasized, piece) in &l.pieces {
                        if *emphasized && l.tag != Tag::Equal {
                            changed.push([text.len(), text.len() + piece.len()]);
                        }
                        text.push_str(piece);
                    }
                    LineJson {
                        tag: match l.tag {
                            Tag::Equal => "equal",
                            Tag::Delete => "delete",
                            Tag::Insert => "insert",
                        },
                        text,
                        changed,
                    }
                })
                .collect(),
        })
        .collect();
    let fields_changed: Vec<serde_json::Value> = fields
        .iter()
        .map(|c| serde_json::json!({"field": c.field, "old": c.old, "new": c.new}))
        .collect();
    let out = serde_json::json!({
        "old": old,
        "new": new,
        "identical": hunks.is_empty(),
        "hunks": hunks,
        "slots": slots.map(recovered).unwrap_or_default(),
        "fields_changed": fields_changed,
    });
    serde_json::to_writer_pretty(&mut *w, &out)?;
    writeln!(w)
}

#[derive(Serialize)]
struct BatchRowJson<'a> {
    row: usize,
    line: usize,
    file: Option<String>,
    status: &'static str,
    remaining: usize,
    missing_fields: &'a [String],
    error: Option<String>,
}

#[derive(Serialize)]
struct BatchHeadJson<'a> {
    template: &'a str,
    rows_file: &'a str,
    out_dir: String,
}

#[derive(Serialize)]
struct BatchTotalsJson {
    total: usize,
    written: usize,
    complete: usize,
    incomplete: usize,
    rejected: usize,
    failed: usize,
}

/// `batch --format json`'s head: the object's first keys, up to the opening of its `rows`.
pub fn batch_start(w: &mut impl Write, start: &crate::batch::Start) -> io::Result<()> {
    let head = BatchHeadJson {
        template: start.template,
        rows_file: start.rows_file,
        out_dir: start.out_dir.display().to_string(),
    };
    let head = serde_json::to_string(&head).map_err(io::Error::other)?;
    write!(w, "{},\"rows\":[", head.trim_end_matches('}'))
}

/// One row of `batch --format json`'s `rows`, on a line of its own; `first` for the first.
pub fn batch_row(
    w: &mut impl Write,
    done: &crate::batch::Done,
    first: bool,
    out_dir: &std::path::Path,
) -> io::Result<()> {
    use crate::batch::Status;
    let (remaining, missing, error) = match &done.status {
        Status::Complete => (0, &[][..], None),
        Status::Incomplete { remaining, missing } => (*remaining, &missing[..], None),
        Status::Rejected(problems) => (
            0,
            &[][..],
            Some(
                problems
                    .iter()
                    .map(|p| p.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ),
        Status::Failed(e) => (0, &[][..], Some(e.to_string())),
    };
    let row = BatchRowJson {
        row: done.number,
        line: done.line,
        file: done
            .file
            .as_ref()
            .map(|f| out_dir.join(f).display().to_string()),
        status: done.status.name(),
        remaining,
        missing_fields: missing,
        error,
    };
    w.write_all(if first { b"\n" } else { b",\n" })?;
    serde_json::to_writer(&mut *w, &row).map_err(io::Error::other)
}

/// `batch --format json`'s end: the close of `rows`, then the totals.
pub fn batch_end(w: &mut impl Write, totals: &crate::batch::Totals) -> io::Result<()> {
    let totals = BatchTotalsJson {
        total: totals.total,
        written: totals.written,
        complete: totals.complete,
        incomplete: totals.incomplete,
        rejected: totals.rejected,
        failed: totals.failed,
    };
    let totals = serde_json::to_string(&totals).map_err(io::Error::other)?;
    writeln!(w, "\n],{}", totals.trim_start_matches('{'))
}
