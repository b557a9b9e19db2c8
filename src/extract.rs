//! Template × filled text → what each slot became ([`Recovery`]), and with a schema the
//! values of its fields ([`FieldValues`]); read from files, what `extract` recovers
//! ([`Extracted`]) and what `diff` compares ([`Compared`]).
//!
//! The text between slots is known, so aligning costs about one pass over the filled text:
//! for each slot, the literal text that follows it is looked up just after where its value
//! starts, and one more pass checks that the values put back give the filled text. Where it
//! was edited outside the slots, the alignment picks up again at the next literal whose end
//! survived, searching only a bounded window; the slots are aligned from the end too, and
//! where the two disagree, a character diff of that stretch alone says which slots kept the
//! characters next to them (and so their values) and which are lost, with the reason.
//! Printing is `report`'s business.

use memchr::memmem;

use std::path::Path;

use crate::bind::Bindings;
use crate::date::{self, Date, Part};
use crate::diff::Hunk;
use crate::encoding::Encoding;
use crate::error::Error;
use crate::report::Extraction;
use crate::scan::Slot;
use crate::schema::{Field, FieldType, Schema};
use crate::span::Span;

/// How far ahead (in bytes) a literal is looked for after the place it was expected.
pub const WINDOW: usize = 1 << 20;
/// Characters of a literal's head or tail used to find it again after an edit: short enough
/// to survive an edit close to the slot, long enough to be rare in Chinese text.
const KEY_CHARS: usize = 4;

/// The shortest literal that alignment may pick up again at after an edit.
const MIN_RESYNC_CHARS: usize = 3;

/// How far (in bytes) a value may run before a two-character head of the text after it.
const NEAR_BYTES: usize = 256;

/// What one slot became in the filled text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// The slot's value: the filled text between the template text around it.
    Value(String),
    /// The slot is still there, unfilled (its text is unchanged).
    Unfilled,
    /// The text around the slot changed, so its value cannot be told.
    Lost(Lost),
}

/// Why a slot's value could not be recovered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost {
    /// The template text just before the slot is not in the filled text.
    TextBefore,
    /// The template text just after the slot is not in the filled text.
    TextAfter,
    /// No template text stands between the slot and the one next to it (a schema's
    /// pattern can make two slots touch), and the filled text no longer shows the slot: where
    /// one value ends and the other begins cannot be told.
    Touching,
}

impl Lost {
    /// A sentence for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Lost::TextBefore => "the text just before it was edited or removed",
            Lost::TextAfter => "the text just after it was edited or removed",
            Lost::Touching => {
                "no template text stands between it and the slot next to it, so where its value \
                 ends cannot be told"
            }
        }
    }
}

/// Aligns `filled` with `template` (whose slots are `slots`) and recovers each slot.
pub fn extract(template: &str, slots: &[Slot], filled: &str) -> Vec<Recovery> {
    let spans: Vec<Span> = slots.iter().map(|s| s.span()).collect();
    let given_back = |forward: Vec<Read>| forward.into_iter().map(|r| r.recovery).collect();
    let forward = align(template, &spans, filled);
    if gives_back(template, &spans, &forward, filled) {
        return given_back(forward);
    }
    // A copy saved with Windows line endings still has the template's lines: read it with
    // LF as well (only now: values may hold CRLF of their own), and take that reading
    // unless it loses more slots.
    let lf =
        (!template.contains('\r') && filled.contains("\r\n")).then(|| filled.replace("\r\n", "\n"));
    let lf_forward = match &lf {
        Some(lf) => {
            let forward = align(template, &spans, lf);
            if gives_back(template, &spans, &forward, lf) {
                return given_back(forward);
            }
            Some(forward)
        }
        None => None,
    };
    let first = read_edited(template, &spans, filled, forward);
    if let (Some(lf), Some(forward)) = (&lf, lf_forward) {
        let second = read_edited(template, &spans, lf, forward);
        let lost = |r: &[Recovery]| r.iter().filter(|r| matches!(r, Recovery::Lost(_))).count();
        if lost(&second) <= lost(&first) {
            return second;
        }
    }
    first
}

/// What a slot whose text is `own` became, given the text found in its place.
fn recovery(value: &str, own: &str) -> Recovery {
    if value == own {
        Recovery::Unfilled
    } else {
        Recovery::Value(value.to_string())
    }
}

/// One slot as an alignment read it: what it became, and where its value is in the filled
/// text (`None` when lost).
#[derive(Debug, Clone)]
struct Read {
    recovery: Recovery,
    at: Option<(usize, usize)>,
    /// The whole template text on both sides of the slot was found right next to the value
    /// (not picked up again after an edit, nor only the first words of the text after).
    exact: bool,
}

/// The template text before slot `i` of `spans` (`i == spans.len()`: after the last).
fn literal<'t>(template: &'t str, spans: &[Span], i: usize) -> &'t str {
    let start = if i == 0 { 0 } else { spans[i - 1].end };
    let end = spans.get(i).map_or(template.len(), |s| s.start);
    &template[start..end]
}

/// The slots' recoveries from a filled text that the values put back do not give (`forward`,
/// as [`align`] read it): edited outside the slots, or with values that hold the template's
/// own words. An alignment that meets an edit can take the text after a slot from a later
/// sentence that reads the same, so the slots are aligned from the end as well; where the
/// two agree and each found the whole template text on both sides of the slot next to its
/// value, the value stands, and each run of slots where they do not is read from a
/// character diff of that stretch of the two texts alone (see [`diff_stretch`]). A run too
/// long to diff keeps what the alignment from the start read.
fn read_edited(template: &str, spans: &[Span], filled: &str, forward: Vec<Read>) -> Vec<Recovery> {
    let backward = align_from_end(template, spans, filled);
    let n = spans.len();
    let sure: Vec<bool> = forward
        .iter()
        .zip(&backward)
        .map(|(f, b)| f.exact && b.exact && f.at == b.at)
        .collect();
    let mut out: Vec<Recovery> = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        if sure[i] {
            out.push(forward[i].recovery.clone());
            i += 1;
            continue;
        }
        let j = (i..n).find(|&j| sure[j]).unwrap_or(n);
        // The stretch between the slots on either side, which both alignments agree on.
        let t = (
            if i == 0 { 0 } else { spans[i - 1].end },
            spans.get(j).map_or(template.len(), |s| s.start),
        );
        let f = (
            if i == 0 {
                0
            } else {
                forward[i - 1].at.map_or(0, |a| a.1)
            },
            if j == n {
                filled.len()
            } else {
                forward[j].at.map_or(filled.len(), |a| a.0)
            },
        );
        match diff_stretch(template, &spans[i..j], t, filled, f) {
            Some(read) => out.extend(read),
            None => out.extend(forward[i..j].iter().map(|r| r.recovery.clone())),
        }
        i = j;
    }
    out
}

/// Whether putting the values of `reads` back into the template gives `filled`.
fn gives_back(template: &str, spans: &[Span], reads: &[Read], filled: &str) -> bool {
    let mut at = 0;
    for (i, read) in reads.iter().enumerate() {
        let lit = literal(template, spans, i);
        match read.at {
            Some((start, end)) if start == at + lit.len() && filled[at..].starts_with(lit) => {
                at = end;
            }
            _ => return false,
        }
    }
    filled[at..] == *literal(template, spans, reads.len())
}

/// [`align`] from the end: both texts read backwards, character by character.
fn align_from_end(template: &str, spans: &[Span], filled: &str) -> Vec<Read> {
    let back = |s: &str| s.chars().rev().collect::<String>();
    let (t, f) = (back(template), back(filled));
    let (tn, fn_) = (template.len(), filled.len());
    let rspans: Vec<Span> = spans
        .iter()
        .rev()
        .map(|s| Span::new(tn - s.end, tn - s.start))
        .collect();
    let mut reads = align(&t, &rspans, &f);
    reads.reverse();
    for read in &mut reads {
        if let Recovery::Value(v) = &read.recovery {
            read.recovery = Recovery::Value(back(v));
        }
        read.at = read.at.map(|(s, e)| (fn_ - e, fn_ - s));
    }
    reads
}

/// The most bytes (template and filled text together) a stretch may have for a character
/// diff, which costs the stretch's length times the number of differences.
const DIFF_BYTES: usize = 32 * 1024;

/// The slots at `spans`, which lie in the template's stretch `t`, read from a character
/// diff of that stretch against the filled text's stretch `f`: a slot's value is what
/// stands between the characters next to it, where the diff keeps both; else it is lost.
/// `None` when the stretches are too long to diff ([`DIFF_BYTES`]).
///
/// Each slot is one token of the template that no character equals, so the diff keeps as
/// much of the template's own text as it can: all of it where only the values changed,
/// and then the values read give that stretch back exactly.
fn diff_stretch(
    template: &str,
    spans: &[Span],
    (t0, t1): (usize, usize),
    filled: &str,
    (f0, f1): (usize, usize),
) -> Option<Vec<Recovery>> {
    if f0 > f1 {
        return Some(vec![Recovery::Lost(Lost::TextAfter); spans.len()]);
    }
    if (t1 - t0) + (f1 - f0) > DIFF_BYTES {
        return None;
    }
    let fs = &filled[f0..f1];
    let mut tokens: Vec<Option<char>> = Vec::with_capacity(t1 - t0);
    let mut slot_token = Vec::with_capacity(spans.len());
    let mut at = t0;
    for span in spans {
        tokens.extend(template[at..span.start].chars().map(Some));
        slot_token.push(tokens.len());
        tokens.push(None);
        at = span.end;
    }
    tokens.extend(template[at..t1].chars().map(Some));
    let chars: Vec<Option<char>> = fs.chars().map(Some).collect();
    let starts: Vec<usize> = fs
        .char_indices()
        .map(|(i, _)| i)
        .chain([fs.len()])
        .collect();
    // Where each template token is kept in the filled text (a character index).
    let mut kept: Vec<Option<usize>> = vec![None; tokens.len()];
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &tokens, &chars) {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                kept[old_index + k] = Some(new_index + k);
            }
        }
    }
    let read = spans
        .iter()
        .zip(slot_token)
        .map(|(span, ti)| {
            let own = span.of(template);
            // Next to another slot: no character of the template to go by on that side.
            let touching = (ti > 0 && tokens[ti - 1].is_none())
                || tokens.get(ti + 1).is_some_and(Option::is_none);
            // The end of the kept character before the slot, the start of the one after.
            let before = if ti == 0 {
                Some(0)
            } else {
                kept[ti - 1].map(|c| starts[c + 1])
            };
            let after = if ti + 1 == tokens.len() {
                Some(fs.len())
            } else {
                kept[ti + 1].map(|c| starts[c])
            };
            match (before, after) {
                _ if touching => Recovery::Lost(Lost::Touching),
                (Some(a), Some(b)) => recovery(&fs[a..b], own),
                (None, _) => Recovery::Lost(Lost::TextBefore),
                _ => Recovery::Lost(Lost::TextAfter),
            }
        })
        .collect();
    Some(read)
}

fn align(template: &str, spans: &[Span], filled: &str) -> Vec<Read> {
    let mut out = Vec::with_capacity(spans.len());
    let literal = |i: usize| literal(template, spans, i);
    // Where the value of the next slot starts in `filled`, when the text before it survived.
    let first = literal(0);
    // Whether the cursor stands right after the whole text before the slot (not picked up
    // again after an edit).
    let mut exact = filled.starts_with(first);
    let mut cursor = if exact {
        Some(first.len())
    } else {
        resync(filled, 0, first)
    };
    // The furthest place in `filled` known to be aligned, to search from after a loss.
    let mut known = cursor.unwrap_or(0);
    let lost = |why| Read {
        recovery: Recovery::Lost(why),
        at: None,
        exact: false,
    };
    for (i, span) in spans.iter().enumerate() {
        let after = literal(i + 1);
        let last = i + 1 == spans.len();
        let Some(start) = cursor else {
            // After a slot it touches, nothing says where this one's value starts.
            let why = if i > 0 && literal(i).is_empty() {
                Lost::Touching
            } else {
                Lost::TextBefore
            };
            out.push(lost(why));
            cursor = resync(filled, known, after);
            exact = false;
            known = cursor.unwrap_or(known);
            continue;
        };
        // A slot still unfilled, with the text after it in place, is read as such first: the
        // text after it may also occur inside the slot's own (a pattern's slot XX月 before X).
        let own = span.of(template);
        let unfilled = filled[start..].starts_with(own) && {
            let rest = &filled[start + own.len()..];
            rest.starts_with(after) && (!last || rest.len() == after.len())
        };
        let end = if last && after.is_empty() {
            Some(filled.len())
        } else if unfilled {
            Some(start + own.len())
        } else if after.is_empty() {
            // Touching the next slot and filled: nothing shows where its value ends.
            out.push(lost(Lost::Touching));
            cursor = None;
            exact = false;
            known = start;
            continue;
        } else {
            find_after(filled, start, after, last)
        };
        match end {
            Some(end) => {
                let whole = filled[end..].starts_with(after);
                out.push(Read {
                    recovery: recovery(&filled[start..end], own),
                    at: Some((start, end)),
                    exact: exact && whole,
                });
                exact = whole;
                cursor = if whole {
                    Some(end + after.len())
                } else {
                    resync(filled, end, after)
                };
            }
            None => {
                out.push(lost(Lost::TextAfter));
                cursor = resync(filled, start, after);
                exact = false;
            }
        }
        known = cursor.unwrap_or(start);
    }
    out
}

/// Where the literal `after` (the template text after a slot) starts in `filled`, at or
/// after `from`. Prefers the first place where all of it follows; else the first place where
/// its head does (the literal was edited further on). The last literal must end the text.
fn find_after(filled: &str, from: usize, after: &str, last: bool) -> Option<usize> {
    if last {
        let at = filled.len().checked_sub(after.len())?;
        return (at >= from && filled.is_char_boundary(at) && filled[at..] == *after).then_some(at);
    }
    let end = window_end(filled, from, after.len());
    let haystack = &filled.as_bytes()[from..end];
    let boundary = |at: &usize| filled.is_char_boundary(from + at);
    // Values are short, so the literal is usually a few bytes on: look at each place its
    // first byte occurs before building a searcher (which costs more than a short scan).
    let near = &haystack[..haystack.len().min(NEAR_BYTES)];
    if let Some(&first) = after.as_bytes().first()
        && let Some(at) = memchr::memchr_iter(first, near)
            .find(|&at| haystack[at..].starts_with(after.as_bytes()) && boundary(&at))
    {
        return Some(from + at);
    }
    if let Some(at) = memmem::find_iter(haystack, after.as_bytes()).find(boundary) {
        return Some(from + at);
    }
    // The literal was edited further on (its head still follows the value), or a sentence
    // was added right after the slot's own (its first words still do). Only close by and on
    // the value's line: the same words further on are another sentence, and taking them
    // would read everything up to there as the value.
    let line = memchr::memchr(b'\n', near).unwrap_or(near.len());
    let close = &near[..line];
    [head(after, KEY_CHARS), head(after, 2)]
        .into_iter()
        .find_map(|key| memmem::find_iter(close, key.as_bytes()).find(boundary))
        .map(|at| from + at)
}

/// After an edit, the place just past the tail of literal `lit` at or after `from`: where
/// the next slot's value starts, if the end of the text before it survived.
fn resync(filled: &str, from: usize, lit: &str) -> Option<usize> {
    // A tail of one or two characters (年, 个，) turns up everywhere: picking up there would
    // read wrong values as recovered. Better to lose the next slot too.
    if lit.chars().count() < MIN_RESYNC_CHARS {
        return None;
    }
    let tail = tail(lit);
    let end = window_end(filled, from, lit.len());
    let at = memmem::find(&filled.as_bytes()[from..end], tail.as_bytes())?;
    Some(from + at + tail.len())
}

fn window_end(filled: &str, from: usize, len: usize) -> usize {
    from.saturating_add(WINDOW)
        .saturating_add(len)
        .min(filled.len())
}

fn head(lit: &str, chars: usize) -> &str {
    let end = lit.char_indices().nth(chars).map_or(lit.len(), |(i, _)| i);
    &lit[..end]
}

fn tail(lit: &str) -> &str {
    let start = lit
        .char_indices()
        .rev()
        .nth(KEY_CHARS - 1)
        .map_or(0, |(i, _)| i);
    &lit[start..]
}

/// The values of a schema's fields, from the recoveries of their slots.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldValues {
    /// Field index → value, for fields whose slots all agree.
    pub values: Vec<(usize, String)>,
    /// Fields whose slots hold different values: field index and (slot index, value) pairs.
    pub conflicts: Vec<(usize, Vec<(usize, String)>)>,
}

impl FieldValues {
    /// Each of `fields` fields' value, by field index (a schema may have 100,000 fields: one
    /// look-up each, not a search).
    pub fn by_index(&self, fields: usize) -> Vec<Option<&String>> {
        let mut value = vec![None; fields];
        for (f, v) in &self.values {
            value[*f] = Some(v);
        }
        value
    }
}

/// Gathers slot recoveries into field values; a field whose slots disagree is a conflict and
/// gets no value. Fields whose slots are all lost or unfilled get none either. A date field
/// filled part by part (`2026年6月30日` from the slots of `20XX年X月X日`) gets its date back
/// whole, written by its format, as a values file gives it; `template` and `slots` tell
/// which part each slot stands for.
pub fn by_field(
    schema: &Schema,
    bindings: &Bindings,
    template: &str,
    slots: &[Slot],
    recovered: &[Recovery],
) -> FieldValues {
    // Each field's (slot, value) pairs, in text order.
    let mut by_field: Vec<Vec<(usize, &str)>> = vec![Vec::new(); schema.fields.len()];
    for (s, r) in recovered.iter().enumerate() {
        if let (Some(field), Recovery::Value(v)) = (bindings.field_of[s], r) {
            by_field[field].push((s, v.as_str()));
        }
    }
    let mut out = FieldValues::default();
    for (field, of_field) in by_field.iter().enumerate() {
        let Some(&(_, first)) = of_field.first() else {
            continue;
        };
        let def = &schema.fields[field];
        if def.ty == FieldType::Date
            && let Some(date) = date_of(def, template, slots, of_field)
        {
            out.values.push((field, date));
        } else if of_field.iter().all(|&(_, v)| v == first) {
            out.values.push((field, first.to_string()));
        } else {
            out.conflicts.push((
                field,
                of_field.iter().map(|&(s, v)| (s, v.to_string())).collect(),
            ));
        }
    }
    out
}

/// The date that a date field's slots hold together: each part slot (followed by 年, 月,
/// 日 or 号 in the template) its part, each other slot the whole date, all agreeing and real.
fn date_of(
    field: &Field,
    template: &str,
    slots: &[Slot],
    values: &[(usize, &str)],
) -> Option<String> {
    let format = field
        .extras()
        .format
        .as_deref()
        .unwrap_or(date::DEFAULT_FORMAT);
    let mut whole = Date::default();
    for &(s, value) in values {
        let after = template.get(slots[s].span().end..)?.chars().next();
        match Part::after_slot(after) {
            Some(part) => {
                if !whole.merge(part, date::read_part(part, value)?) {
                    return None;
                }
            }
            None => {
                let given = Date::read(value, format)?;
                for part in Part::ALL {
                    if let Some(n) = given.get(part)
                        && !whole.merge(part, n)
                    {
                        return None;
                    }
                }
            }
        }
    }
    whole.check().ok()?;
    Some(whole.text(format))
}

/// A field whose value differs between two filled versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The field's name.
    pub field: String,
    /// Its value in the old version, if recovered.
    pub old: Option<String>,
    /// Its value in the new version, if recovered.
    pub new: Option<String>,
}

/// A template to read filled documents against: its text and slots, the schema (given, or
/// the fields `init` would draft) and the slots' fields.
#[derive(Debug)]
pub struct Reference {
    /// The template's display name.
    pub name: String,
    /// The template's text.
    pub text: String,
    /// Its slots, found by the schema's scanner (or the built-in one).
    pub slots: Vec<Slot>,
    /// The schema given, or drafted.
    pub schema: Schema,
    /// Each slot's field.
    pub bindings: Bindings,
    /// Whether the schema was drafted (no schema given).
    pub drafted: bool,
}

impl Reference {
    /// The template `text` (named `name`) read with the schema `given`, or, without one,
    /// with the fields `init` would draft: no anchors are needed to read values. A slot
    /// that two fields of the given schema claim is an error.
    pub fn new(name: String, text: String, given: Option<Schema>) -> Result<Reference, Error> {
        let slots = match &given {
            Some(s) => s.scanner().scan(&text),
            None => crate::scan::scan(&text),
        };
        let drafted = given.is_none();
        let (schema, bindings) = match given {
            Some(schema) => {
                let bindings = crate::bind::bind(&schema, &text, &slots);
                bindings.conflicts(&schema, &text, &slots, &name)?;
                (schema, bindings)
            }
            None => crate::bind::drafted(&text, &slots, "-"),
        };
        Ok(Reference {
            name,
            text,
            slots,
            schema,
            bindings,
            drafted,
        })
    }

    /// Reads the template at `path` (`-` is standard input; `encoding` forced, else guessed)
    /// with the schema at `schema`, read first, or without one as [`Reference::new`] does.
    pub fn read(
        path: &Path,
        schema: Option<&Path>,
        encoding: Option<Encoding>,
    ) -> Result<Reference, Error> {
        let given = schema.map(crate::files::read_schema).transpose()?;
        let (name, text) = crate::files::read_text(path, encoding)?;
        Reference::new(name, text, given)
    }

    /// What each slot became in `filled`, and each field's value.
    pub fn recover(&self, filled: &str) -> Recovered {
        let slots = extract(&self.text, &self.slots, filled);
        let fields = by_field(
            &self.schema,
            &self.bindings,
            &self.text,
            &self.slots,
            &slots,
        );
        Recovered { slots, fields }
    }

    /// The values of each field in `filled`.
    pub fn values(&self, filled: &str) -> FieldValues {
        self.recover(filled).fields
    }

    /// The fields whose values differ between two documents filled from this template, in
    /// schema order.
    pub fn changes(&self, old: &str, new: &str) -> Vec<FieldChange> {
        let (a, b) = (self.values(old), self.values(new));
        let fields = self.schema.fields.len();
        a.by_index(fields)
            .into_iter()
            .zip(b.by_index(fields))
            .enumerate()
            .filter(|(_, (old, new))| old != new)
            .map(|(f, (old, new))| FieldChange {
                field: self.schema.fields[f].name.clone(),
                old: old.cloned(),
                new: new.cloned(),
            })
            .collect()
    }
}

/// What each slot of a template became in a filled document, and each field's value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovered {
    /// One recovery per slot of the template.
    pub slots: Vec<Recovery>,
    /// The values of the schema's fields, from the recoveries of their slots.
    pub fields: FieldValues,
}

/// A filled document read against its template: what `extract` recovers, and what `diff`
/// shows each slot of its old version became in the new one.
#[derive(Debug)]
pub struct Extracted {
    /// The template (or the old version), with its schema.
    pub template: Reference,
    /// The filled document's (or the new version's) display name.
    pub filled_name: String,
    /// The filled document's text.
    pub filled: String,
    /// What each slot of the template became in it.
    pub recovered: Recovered,
}

impl Extracted {
    /// What each slot of `template` became in `filled` (named `filled_name`).
    pub fn new(template: Reference, filled_name: String, filled: String) -> Extracted {
        let recovered = template.recover(&filled);
        Extracted {
            template,
            filled_name,
            filled,
            recovered,
        }
    }

    /// Reads the template at `template` (with the schema at `schema`, see [`Reference::read`]),
    /// then the filled document at `filled` (`-` is standard input; `encoding` forced, else
    /// guessed), and recovers its values. A template without slots is an error
    /// ([`no_slots`]). Refused first: both inputs from standard input, and an `output` (where
    /// the values are to go) that is one of the inputs.
    pub fn read(
        template: &Path,
        filled: &Path,
        schema: Option<&Path>,
        output: Option<&Path>,
        encoding: Option<Encoding>,
    ) -> Result<Extracted, Error> {
        crate::files::one_stdin(template, filled, "the template and the filled document")?;
        let inputs = [Some(template), Some(filled), schema];
        crate::files::refuse_input_as_output(output, &inputs)?;
        let t = Reference::read(template, schema, encoding)?;
        let (filled_name, filled) = crate::files::read_text(filled, encoding)?;
        if t.slots.is_empty() {
            return Err(no_slots(&t.name, &filled_name, &filled));
        }
        Ok(Extracted::new(t, filled_name, filled))
    }

    /// What was recovered, to render.
    pub fn extraction(&self) -> Extraction<'_> {
        let r = &self.recovered;
        Extraction::of(&self.template, &self.filled_name, &r.slots, &r.fields)
    }
}

/// Two versions of a document compared, as `diff` shows them: the lines that changed, what
/// each slot of the old version became in the new one, and, given the template both were
/// filled from, the fields whose values changed.
#[derive(Debug)]
pub struct Compared {
    /// The old version read as a template, and the new one against it.
    pub versions: Extracted,
    /// The lines that changed, old to new.
    pub hunks: Vec<Hunk>,
    /// The fields whose values differ between the two versions (none without a template).
    pub changed: Vec<FieldChange>,
}

impl Compared {
    /// Reads the new version at `new`, then the old one at `old` with the schema at `schema`
    /// (see [`Reference::read`]), and compares them with `context` lines around each change;
    /// with `template`, also reads it (with the same schema) to list the fields whose values
    /// changed. `encoding` is every input's, else guessed. Both versions from standard input
    /// are refused.
    pub fn read(
        old: &Path,
        new: &Path,
        schema: Option<&Path>,
        template: Option<&Path>,
        encoding: Option<Encoding>,
        context: usize,
    ) -> Result<Compared, Error> {
        crate::files::one_stdin(old, new, "OLD and NEW")?;
        let (new_name, new) = crate::files::read_text(new, encoding)?;
        let old = Reference::read(old, schema, encoding)?;
        let hunks = crate::diff::diff(&old.text, &new, context);
        let versions = Extracted::new(old, new_name, new);
        let changed = match template {
            Some(t) => {
                let (old, new) = (&versions.template.text, &versions.filled);
                Reference::read(t, schema, encoding)?.changes(old, new)
            }
            None => Vec::new(),
        };
        Ok(Compared {
            versions,
            hunks,
            changed,
        })
    }

    /// True when the two versions have the same text.
    pub fn same(&self) -> bool {
        self.versions.template.text == self.versions.filled
    }
}

/// Why a template without slots cannot be extracted from: most often the two arguments were
/// given the other way round (the filled document, `filled`, first).
pub fn no_slots(template: &str, filled_name: &str, filled: &str) -> Error {
    let in_filled = crate::scan::scan(filled).len();
    if in_filled > 0 {
        Error::Usage {
            message: format!(
                "{template} has no slots, but {filled_name} has {in_filled}: the arguments look \
                 swapped"
            ),
            help: format!(
                "give the template first, then the filled document: xfill extract {filled_name} \
                 {template}"
            ),
        }
    } else {
        Error::Usage {
            message: format!("{template} has no slots: there is nothing to extract"),
            help: "give the template the document was filled from (the text with the X in it) \
                   first, then the filled document"
                .into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracted_reads_the_files_and_recovers_the_values() {
        let dir = tempfile::tempdir().unwrap();
        let (t, f) = (dir.path().join("t.txt"), dir.path().join("f.txt"));
        std::fs::write(&t, "共X户。\n").unwrap();
        std::fs::write(&f, "共3户。\n").unwrap();
        let x = Extracted::read(&t, &f, None, None, None).unwrap();
        assert!(x.template.drafted);
        assert_eq!(x.recovered.slots, [Recovery::Value("3".into())]);
        assert_eq!(x.recovered.fields.values.len(), 1);
        assert!(x.extraction().is_complete());
        // Given the other way round: the template has no slots.
        let swapped = Extracted::read(&f, &t, None, None, None).unwrap_err();
        assert!(swapped.to_string().contains("swapped"), "{swapped}");
        // Refused before anything is read: the values written over an input, both inputs
        // from standard input.
        let over = Extracted::read(&t, &f, None, Some(&f), None).unwrap_err();
        assert!(matches!(over, Error::Refused { .. }), "{over}");
        let dash = Path::new("-");
        let stdin = Extracted::read(dash, dash, None, None, None).unwrap_err();
        assert!(stdin.to_string().contains("standard input"), "{stdin}");
    }

    #[test]
    fn compared_versions_list_hunks_and_changed_fields() {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let t = path("t.txt", "共X户。\n");
        let (a, b) = (path("a.txt", "共3户。\n"), path("b.txt", "共4户。\n"));
        let c = Compared::read(&a, &b, None, Some(&t), None, 3).unwrap();
        assert!(!c.same());
        assert_eq!(c.hunks.len(), 1);
        assert_eq!(c.changed.len(), 1);
        assert_eq!(c.changed[0].old.as_deref(), Some("3"));
        assert_eq!(c.changed[0].new.as_deref(), Some("4"));
        let same = Compared::read(&a, &a, None, None, None, 3).unwrap();
        assert!(same.same() && same.hunks.is_empty() && same.changed.is_empty());
        let dash = Path::new("-");
        assert!(Compared::read(dash, dash, None, None, None, 3).is_err());
    }

    #[test]
    fn reference_lists_the_fields_that_changed() {
        let schema = Schema::parse(
            "version: 1\nfields:\n  单位:\n    anchors: [由X党委]\n  组数:\n    anchors: [分为X个组]\n",
            "s.yaml",
        )
        .unwrap();
        let template = "由X党委牵头，分为X个组。\n";
        let r = Reference::new("t.txt".into(), template.into(), Some(schema)).unwrap();
        assert!(!r.drafted);
        let changes = r.changes("由甲党委牵头，分为3个组。\n", "由乙党委牵头，分为3个组。\n");
        assert_eq!(
            changes,
            [FieldChange {
                field: "单位".into(),
                old: Some("甲".into()),
                new: Some("乙".into()),
            }]
        );
        assert!(
            Reference::new("t.txt".into(), template.into(), None)
                .unwrap()
                .drafted
        );
    }

    #[test]
    fn no_slots_says_when_the_arguments_look_swapped() {
        let e = no_slots("f.txt", "t.txt", "分为X个组");
        assert!(e.to_string().contains("look swapped"), "{e}");
        let e = no_slots("f.txt", "g.txt", "分为3个组");
        assert!(e.to_string().contains("nothing to extract"), "{e}");
    }
    use crate::scan::scan;

    fn run(template: &str, filled: &str) -> Vec<Recovery> {
        extract(template, &scan(template), filled)
    }

    fn value(s: &str) -> Recovery {
        Recovery::Value(s.to_string())
    }

    #[test]
    fn recovers_each_slot() {
        let t = "X党委：现将X工作总结如下，分为X个组。";
        let f = "县经信局党委：现将县经信局工作总结如下，分为4个组。";
        assert_eq!(
            run(t, f),
            vec![value("县经信局"), value("县经信局"), value("4")]
        );
    }

    #[test]
    fn touching_slots_are_lost_unless_still_unfilled() {
        // A schema's pattern makes "XX月" a slot, right before the date's X日.
        let scanner = crate::scan::Scanner::new(&[], vec![regex::Regex::new("X{2}月").unwrap()]);
        let t = "会议于XX月X日召开，到会X人。";
        let slots = scanner.scan(t);
        assert_eq!(slots[1].span().start, slots[0].span().end, "{slots:?}");
        let run = |f: &str| extract(t, &slots, f);
        assert_eq!(run(t), vec![Recovery::Unfilled; 3]);
        // The text after a slot may occur inside the slot: "X" after the slot "XX月".
        let t = "会议于XX月X____召开。";
        let scanner = crate::scan::Scanner::new(
            &[],
            ["X{2}月", "_{3,}"]
                .map(|p| regex::Regex::new(p).unwrap())
                .into(),
        );
        let slots = scanner.scan(t);
        assert_eq!(slots.len(), 2, "{slots:?}");
        assert_eq!(extract(t, &slots, t), vec![Recovery::Unfilled; 2]);
        assert_eq!(
            extract(t, &slots, "会议于5月X8日召开。"),
            vec![value("5月"), value("8日")]
        );
        assert_eq!(
            run("会议于XX月8日召开，到会30人。"),
            vec![Recovery::Unfilled, value("8"), value("30")]
        );
        assert_eq!(
            run("会议于5月8日召开，到会30人。"),
            vec![
                Recovery::Lost(Lost::Touching),
                Recovery::Lost(Lost::Touching),
                value("30")
            ]
        );
    }

    #[test]
    fn slots_at_both_ends_and_empty_values() {
        let t = "X年，共X";
        assert_eq!(run(t, "2024年，共"), vec![value("2024"), value("")]);
        assert_eq!(run(t, "X年，共3"), vec![Recovery::Unfilled, value("3")]);
    }

    #[test]
    fn value_containing_the_next_literal_prefers_a_full_match() {
        let t = "单位：X，地址：X。\n";
        let f = "单位：甲，乙公司，地址：某路。\n";
        assert_eq!(run(t, f), vec![value("甲，乙公司"), value("某路")]);
    }

    #[test]
    fn edit_outside_slots_loses_only_the_slots_it_touches() {
        let t = "第一段X个。\n第二段的内容说明X项。\n第三段X名。\n";
        let f = "第一段1个。\n第二段改写了X项。\n第三段3名。\n";
        assert_eq!(
            run(t, f),
            vec![value("1"), Recovery::Lost(Lost::TextBefore), value("3")]
        );
        let added = "第一段1个。\n新加一句。\n第二段的内容说明2项。\n第三段3名。\n";
        assert_eq!(run(t, added), vec![value("1"), value("2"), value("3")]);
        let cut = "第一段1个。\n第三段3名。\n";
        assert_eq!(
            run(t, cut),
            vec![value("1"), Recovery::Lost(Lost::TextBefore), value("3")]
        );
    }

    #[test]
    fn the_head_of_an_edited_literal_is_not_taken_from_another_sentence() {
        // The sentence around both slots was rewritten; "党员干部" comes again only in a later
        // paragraph, which must not end the first slot's value.
        let t = "服务，X党员干部分为X个组，开展帮扶。\n同时选派机关党员干部X名。\n";
        let f = "服务，全体干部分成三组，开展帮扶。\n同时选派机关党员干部8名。\n";
        assert_eq!(
            run(t, f),
            vec![
                Recovery::Lost(Lost::TextAfter),
                Recovery::Lost(Lost::TextBefore),
                value("8")
            ]
        );
        // Close by, on the same line, the head still ends the value.
        let f = "服务，青石党员干部共分成三组，开展帮扶。\n同时选派机关党员干部8名。\n";
        assert_eq!(run(t, f)[0], value("青石"));
    }

    #[test]
    fn an_edit_in_a_repeated_sentence_is_read_from_a_diff_of_that_stretch() {
        // The text after slot 2 reads like that after slot 3: aligned from the start alone,
        // slot 2's value ran on to slot 3's sentence.
        let t = "X，X村工作总结X村工作总结X、X名";
        let f = "甲，青石村新增内容工作总结白沙村工作总结丙、丁名";
        assert_eq!(
            run(t, f),
            vec![
                value("甲"),
                value("青石"),
                value("白沙"),
                value("丙"),
                value("丁")
            ]
        );
        // Where the characters next to a slot are gone, it is lost, not guessed.
        let f = "甲，青石新增内容工作总结白沙村工作总结丙、丁名";
        let got = run(t, f);
        assert_eq!(got[1], Recovery::Lost(Lost::TextAfter));
        assert_eq!(got[2..], [value("白沙"), value("丙"), value("丁")]);
    }

    #[test]
    fn a_short_literal_is_no_place_to_pick_up_again() {
        // After the heading was edited, "年" alone must not be taken for the text after 20XX.
        let t = "召开20XX年度会议。\n一、时间\n20XX年X月\n";
        let f = "召开2024年度会议。\n一、安排\n2024年3月\n";
        let got = run(t, f);
        assert_eq!(got[0], value("2024"));
        assert!(
            got[1..]
                .iter()
                .all(|r| !matches!(r, Recovery::Value(v) if v.contains('\n'))),
            "{got:?}"
        );
    }

    #[test]
    fn crlf_copy_of_a_filled_lf_template() {
        let t = "分为X个组。\n共X人。\n";
        assert_eq!(
            run(t, "分为4个组。\r\n共9人。\r\n"),
            vec![value("4"), value("9")]
        );
    }

    #[test]
    fn conflicting_field_values_are_reported() {
        let yaml = "version: 1\nfields:\n  单位:\n    anchors: [X党委, 现将X]\n";
        let schema = Schema::parse(yaml, "s.yaml").unwrap();
        let t = "X党委，现将X";
        let slots = scan(t);
        let b = crate::bind::bind(&schema, t, &slots);
        let r = extract(t, &slots, "甲党委，现将乙");
        let fv = by_field(&schema, &b, t, &slots, &r);
        assert!(fv.values.is_empty());
        assert_eq!(
            fv.conflicts,
            vec![(0, vec![(0, "甲".into()), (1, "乙".into())])]
        );
    }

    #[test]
    fn a_date_filled_in_parts_is_read_back_whole() {
        let yaml = "version: 1\nfields:\n  起始日期:\n    type: date\n    anchors: ['自[[20XX]]年X月X日起', '自20XX年[[X]]月X日起', '自20XX年X月[[X]]日起', 于X印发]\n";
        let schema = Schema::parse(yaml, "s.yaml").unwrap();
        let t = "自20XX年X月X日起施行，于X印发。";
        let slots = scan(t);
        let b = crate::bind::bind(&schema, t, &slots);
        let fields = |filled: &str| by_field(&schema, &b, t, &slots, &run(t, filled));
        let fv = fields("自2026年6月30日起施行，于2026年6月30日印发。");
        assert_eq!(fv.values, vec![(0, "2026年6月30日".to_string())]);
        assert!(fv.conflicts.is_empty());
        // Padded or in Chinese numerals, the parts are the same date.
        let fv = fields("自2026年06月30日起施行，于二〇二六年六月三十日印发。");
        assert_eq!(fv.values, vec![(0, "2026年6月30日".to_string())]);
        // Parts that disagree with the whole date are a conflict, each slot as it reads.
        let fv = fields("自2026年6月29日起施行，于2026年6月30日印发。");
        assert!(fv.values.is_empty());
        assert_eq!(fv.conflicts[0].1.len(), 4);
    }

    #[test]
    fn a_date_field_over_its_parts_reads_as_one_date() {
        let t = "签订日期：xxxx年xx月xx日\n";
        let f = "签订日期：2024年05月01日\n";
        let slots = scan(t);
        let (schema, b) = crate::bind::drafted(t, &slots, "-");
        let fv = by_field(&schema, &b, t, &slots, &extract(t, &slots, f));
        assert_eq!(fv.values, vec![(0, "2024年5月1日".to_string())]);
        assert!(fv.conflicts.is_empty());
    }
}
