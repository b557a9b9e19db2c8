//! Human output: slot listings, what remains with the source line and a caret sized by
//! display width, errors with where and what to do, and coloured unified diffs.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{Extraction, FieldChange, Findings, Paint};
use crate::diff::{Hunk, Tag};
use crate::error::{EXCERPT_CHARS, Error, Location, Origin};
use crate::extract::Recovery;
use crate::fill::Outcome;
use crate::scan::{CONTEXT_CHARS, Slot, context};
use crate::span::display_width;

/// `s` with the characters a terminal acts on written out as `\u{1b}`: C0 controls but tab
/// and line feed, DEL, C1 controls, and the bidirectional overrides and isolates (U+202A–202E,
/// U+2066–2069) that reorder what is shown. A template or value is data: printed raw, an
/// `ESC ] 0 ; … BEL` would set the terminal's title, and a bidi override would show text
/// other than what is there. The escaped form is ASCII, so widths measured after escaping
/// keep carets in place.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(acts_on_terminal) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if acts_on_terminal(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line per slot: line:column, kind, the slot marked as 【X】 in its context.
pub fn scan(
    w: &mut impl Write,
    file: &str,
    text: &str,
    slots: &[Slot],
    paint: Paint,
) -> io::Result<()> {
    // Written piece by piece, without a string per slot: a 1 MB document has ~3,000.
    let file = clean(file);
    let digits = |n: usize| n.checked_ilog10().unwrap_or(0) as usize + 1;
    let place_len =
        |s: &Slot| file.len() + 2 + digits(s.position().line) + digits(s.position().column);
    let kind_len = |s: &Slot| {
        let kind = s.kind().as_str().len();
        s.unit()
            .or(s.suffix())
            .map_or(kind, |word| kind + 3 + display_width(word))
    };
    let place_width = slots.iter().map(place_len).max().unwrap_or(0);
    let kind_width = slots.iter().map(kind_len).max().unwrap_or(0);
    for slot in slots {
        let (before, after) = context(text, slot.span(), CONTEXT_CHARS);
        let at = slot.position();
        paint.write_accent(w, format_args!("{file}:{}:{}", at.line, at.column))?;
        write!(
            w,
            "{:pad$}  {}",
            "",
            slot.kind().as_str(),
            pad = place_width - place_len(slot)
        )?;
        if let Some(word) = slot.unit().or(slot.suffix()) {
            write!(w, " ({word})")?;
        }
        write!(
            w,
            "{:pad$}  {}",
            "",
            clean(before),
            pad = kind_width - kind_len(slot)
        )?;
        paint.write_slot(w, format_args!("【{}】", clean(slot.text(text))))?;
        write!(w, "{}", clean(after))?;
        if let Some(reason) = slot.reason() {
            write!(w, "  {}", paint.warning(&format!("? {reason}")))?;
        }
        writeln!(w)?;
    }
    Ok(())
}

/// The summary line, then each remaining slot with its source line, then schema drift.
/// `verb` is "filled" (fill) or "found" (check).
pub fn findings(w: &mut impl Write, f: &Findings, filling: bool, paint: Paint) -> io::Result<()> {
    let total = f.slots.len();
    let left = f.remaining().count();
    let missing = f.missing_fields();
    let mut summary = if filling {
        if left == 0 {
            format!("all {total} slots filled")
        } else {
            format!("{} of {total} slots filled; {left} left", total - left)
        }
    } else if left == 0 {
        format!("{}: no slots left", clean(f.file))
    } else {
        format!(
            "{}: {left} slot{} left",
            clean(f.file),
            if left == 1 { "" } else { "s" }
        )
    };
    if !missing.is_empty() {
        summary.push_str(&format!(" (no value for {})", clean(&missing.join(", "))));
    }
    for (name, from) in f.skipped {
        writeln!(
            w,
            "{}: {}",
            paint.warning("warning"),
            clean(&format!(
                "skipped `{name}` ({from}): the schema has no such field"
            ))
        )?;
    }
    writeln!(w, "{} {summary}", paint.bold("xfill:"))?;
    if let (true, Some(schema)) = (filling, f.schema) {
        let shared = f.shared_fields();
        if !shared.is_empty() {
            writeln!(
                w,
                "{}: one value fills several places; check that each place means the same thing:",
                paint.warning("review")
            )?;
        }
        for (field, slots) in shared {
            writeln!(
                w,
                "  {} → {} places: {}",
                clean(&schema.fields[field].name),
                slots.len(),
                places(f.slots, &slots)
            )?;
        }
    }

    // A field left without a value is shown once, at its first slot, with the list of all.
    let mut shown = std::collections::HashSet::new();
    for i in f.remaining() {
        if let Outcome::Missing { field } = f.outcomes[i]
            && !shown.insert(field)
        {
            continue;
        }
        let slot = &f.slots[i];
        let slot_text = slot.text(f.text);
        let mut label = match (f.outcomes[i].field(), f.schema) {
            (Some(field), Some(schema)) => schema.fields[field].name.clone(),
            (None, Some(_)) => "no field".to_string(),
            _ => String::new(),
        };
        let mut kind = slot.kind().as_str().to_string();
        if let Some(word) = slot.unit().or(slot.suffix()) {
            kind.push_str(&format!(" ({word})"));
        }
        label = if label.is_empty() {
            kind
        } else {
            format!("{label} · {kind}")
        };
        let at = Location::new(f.file, slot.position().line, slot.position().column)
            .with_excerpt(f.text, slot.span());
        let help = match (&f.outcomes[i], f.schema) {
            (Outcome::Missing { field }, Some(schema)) => {
                let name = &schema.fields[*field].name;
                let all: Vec<usize> = f
                    .remaining()
                    .filter(|&s| f.outcomes[s] == Outcome::Missing { field: *field })
                    .collect();
                let also = if all.len() > 1 {
                    format!(
                        " (it fills {} places: {})",
                        all.len(),
                        places(f.slots, &all)
                    )
                } else {
                    String::new()
                };
                format!("add `{name}` to the values file, or pass --set {name}=…{also}")
            }
            (_, Some(schema)) => {
                let (before, after) = context(f.text, slot.span(), 2);
                format!(
                    "no field claims this slot: add the anchor `{before}{slot_text}{after}` to a field in {}",
                    schema.file
                )
            }
            (_, None) => {
                "write the real text here, or fill it with `xfill fill --schema`".to_string()
            }
        };
        let note = slot.reason().map(|r| format!("uncertain: {r}"));
        snippet(w, paint, &at, Some(&label), note.as_deref(), Some(&help))?;
    }
    if let Some(schema) = f.schema {
        for r in f.stale {
            let field = &schema.fields[r.field];
            let anchor = &field.anchors[r.anchor];
            writeln!(
                w,
                "{}: anchor `{}` of field `{}` matches no slot in {}",
                paint.warning("warning"),
                clean(&anchor.text.replace('\r', "\\r").replace('\n', "\\n")),
                clean(&field.name),
                clean(f.file)
            )?;
            snippet(
                w,
                paint,
                &schema.locate(&anchor.at),
                None,
                None,
                Some("the template changed here: update the anchor to the new text, or remove it"),
            )?;
        }
    }
    Ok(())
}

/// One line per slot left, `file:line:column: what`, the form editors read as a quickfix
/// list (`check --brief`, and each file of a folder): `what` is the field's name, or for a
/// slot no field claims `unfilled KIND (WORD): TEXT`. Anchors whose text is gone follow, at
/// their place in the schema.
pub fn brief(w: &mut impl Write, f: &Findings, paint: Paint) -> io::Result<()> {
    // Written piece by piece, without the formatting machinery, the file's name cleaned and
    // painted once: a folder's check lists thousands of slots.
    let file = clean(f.file);
    let shown = paint.accent(&file);
    for i in f.remaining() {
        let slot = &f.slots[i];
        w.write_all(shown.as_bytes())?;
        w.write_all(b":")?;
        write_number(w, slot.position().line)?;
        w.write_all(b":")?;
        write_number(w, slot.position().column)?;
        w.write_all(b": ")?;
        match (f.outcomes[i].field(), f.schema) {
            (Some(field), Some(schema)) => {
                w.write_all(clean(&schema.fields[field].name).as_bytes())?;
            }
            _ => {
                w.write_all(b"unfilled ")?;
                w.write_all(slot.kind().as_str().as_bytes())?;
                if let Some(word) = slot.unit().or(slot.suffix()) {
                    w.write_all(b" (")?;
                    w.write_all(word.as_bytes())?;
                    w.write_all(b")")?;
                }
                w.write_all(b": ")?;
                w.write_all(clean(slot.text(f.text)).as_bytes())?;
            }
        }
        w.write_all(b"\n")?;
    }
    if let Some(schema) = f.schema {
        for r in f.stale {
            let field = &schema.fields[r.field];
            let anchor = &field.anchors[r.anchor];
            writeln!(
                w,
                "{}:{}:{}: {}: anchor `{}` of field `{}` matches no slot in {}",
                paint.accent(&clean(&schema.file)),
                anchor.at.line,
                anchor.at.column,
                paint.warning("drift"),
                clean(&anchor.text.replace('\r', "\\r").replace('\n', "\\n")),
                clean(&field.name),
                file
            )?;
        }
    }
    Ok(())
}

/// Writes `n` in decimal.
fn write_number(w: &mut impl Write, mut n: usize) -> io::Result<()> {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    w.write_all(&digits[at..])
}

/// An error: what, where (with the line and a caret), what to do.
pub fn error(w: &mut impl Write, err: &Error, paint: Paint) -> io::Result<()> {
    for one in err.each() {
        writeln!(w, "{}: {}", paint.error("error"), clean(&one.to_string()))?;
        let help = one.help();
        if let Some(at) = one.location() {
            snippet(w, paint, at, None, None, help.as_deref())?;
            continue;
        }
        if let Error::BadValue {
            from: Origin::Set(arg),
            ..
        }
        | Error::UnknownField {
            from: Origin::Set(arg),
            ..
        } = one
        {
            writeln!(w, " {} --set {}", paint.accent("-->"), clean(arg))?;
        }
        if let Some(help) = help {
            writeln!(w, "  {} help: {}", paint.accent("="), clean(&help))?;
        }
    }
    Ok(())
}

/// A place in a file: ` --> file:line:col  label`, the line, and a caret under the place.
fn snippet(
    w: &mut impl Write,
    paint: Paint,
    at: &Location,
    label: Option<&str>,
    note: Option<&str>,
    help: Option<&str>,
) -> io::Result<()> {
    let gutter = at.line.to_string();
    let pad = " ".repeat(gutter.len());
    let place = at.to_string();
    let place = clean(&place);
    match label {
        Some(label) => writeln!(w, "{pad}{} {place}  {}", paint.accent("-->"), clean(label))?,
        None => writeln!(w, "{pad}{} {place}", paint.accent("-->"))?,
    }
    if let Some(line) = &at.source {
        let (shown, caret_start, caret_len) = excerpt(&line.text, line.column, at.len, line.cut);
        let bar = paint.accent("|");
        writeln!(w, "{pad} {bar}")?;
        writeln!(w, "{} {bar} {shown}", paint.accent(&gutter))?;
        let spaces = " ".repeat(caret_start);
        let carets = "^".repeat(caret_len.max(1));
        writeln!(w, "{pad} {bar} {spaces}{}", paint.error(&carets))?;
    }
    if let Some(note) = note {
        writeln!(w, "{pad} {} note: {}", paint.accent("="), clean(note))?;
    }
    if let Some(help) = help {
        writeln!(w, "{pad} {} help: {}", paint.accent("="), clean(help))?;
    }
    Ok(())
}

/// The part of `line` to show around `column` (1-based, characters) for `len` characters:
/// the text, the display column where the caret starts, and the caret's display width.
fn excerpt(line: &str, column: usize, len: usize, cut: (bool, bool)) -> (String, usize, usize) {
    let chars: Vec<char> = line
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let start = column.saturating_sub(1).min(chars.len());
    let end = (start + len).min(chars.len());
    let from = start.saturating_sub(EXCERPT_CHARS);
    let to = (end + EXCERPT_CHARS).min(chars.len());
    let mut shown = String::new();
    if from > 0 || cut.0 {
        shown.push('…');
    }
    let lead: String = chars[from..start].iter().collect();
    let marked: String = chars[start..end].iter().collect();
    let tail: String = chars[end..to].iter().collect();
    let (lead, marked) = (clean(&lead), clean(&marked));
    let caret_start = display_width(&shown) + display_width(&lead);
    shown.push_str(&lead);
    shown.push_str(&marked);
    shown.push_str(&clean(&tail));
    if to < chars.len() || cut.1 {
        shown.push('…');
    }
    (shown, caret_start, display_width(&marked))
}

/// A unified diff; changed characters are coloured, and marked `[-…-]`/`{+…+}` when colour
/// is off so that the change is visible either way.
///
/// Unless `full_lines`, a long line shows only a window around each change: [`WINDOW`]
/// characters on either side, the rest as `…`; an unchanged line of context shows its
/// start, and a line changed as a whole its first [`WINDOW`] × 4 characters.
pub fn diff(
    w: &mut impl Write,
    old_name: &str,
    new_name: &str,
    hunks: &[Hunk],
    full_lines: bool,
    paint: Paint,
) -> io::Result<()> {
    if hunks.is_empty() {
        return Ok(());
    }
    writeln!(w, "{}", paint.bold(&format!("--- {}", clean(old_name))))?;
    writeln!(w, "{}", paint.bold(&format!("+++ {}", clean(new_name))))?;
    for h in hunks {
        writeln!(
            w,
            "{}",
            paint.accent(&format!(
                "@@ -{},{} +{},{} @@",
                h.old_start, h.old_len, h.new_start, h.new_len
            ))
        )?;
        for line in &h.lines {
            let (sign, open, close) = match line.tag {
                Tag::Equal => (' ', "", ""),
                Tag::Delete => ('-', "[-", "-]"),
                Tag::Insert => ('+', "{+", "+}"),
            };
            let mut out = String::new();
            let whole_line = line.pieces.iter().all(|(e, _)| *e);
            let pieces = if full_lines {
                Cow::Borrowed(line.pieces.as_slice())
            } else {
                Cow::Owned(window(&line.pieces))
            };
            for (emphasized, piece) in pieces.iter() {
                let piece = &clean(piece).into_owned();
                let emphasized = *emphasized && !whole_line;
                let piece = if emphasized && !paint.enabled {
                    format!("{open}{piece}{close}")
                } else {
                    piece.clone()
                };
                out.push_str(&match line.tag {
                    Tag::Equal => piece,
                    Tag::Delete => paint.deleted(&piece, emphasized),
                    Tag::Insert => paint.inserted(&piece, emphasized),
                });
            }
            let sign = match line.tag {
                Tag::Equal => sign.to_string(),
                Tag::Delete => paint.deleted(&sign.to_string(), false),
                Tag::Insert => paint.inserted(&sign.to_string(), false),
            };
            writeln!(w, "{sign}{out}")?;
        }
    }
    Ok(())
}

/// The places of `slots` as `line:column`, separated by commas.
fn places(all: &[Slot], slots: &[usize]) -> String {
    slots
        .iter()
        .map(|&s| format!("{}:{}", all[s].position().line, all[s].position().column))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Characters of unchanged text shown on either side of a change in a long diff line.
pub const WINDOW: usize = 30;

/// A diff line's pieces (changed or not, in order) cut to windows around the changes.
fn window(pieces: &[(bool, String)]) -> Vec<(bool, String)> {
    let chars = |s: &str| s.chars().count();
    let head = |s: &str, n: usize| -> String {
        if chars(s) <= n {
            s.to_string()
        } else {
            let mut cut: String = s.chars().take(n).collect();
            cut.push('…');
            cut
        }
    };
    let tail = |s: &str, n: usize| -> String {
        let count = chars(s);
        if count <= n {
            s.to_string()
        } else {
            let mut cut = String::from("…");
            cut.extend(s.chars().skip(count - n));
            cut
        }
    };
    let any_change = pieces.iter().any(|(e, _)| *e);
    let all_change = pieces.iter().all(|(e, _)| *e);
    if !any_change || all_change {
        // Context, or a line added or removed as a whole: its start is enough to know it.
        let limit = if any_change { 4 * WINDOW } else { 2 * WINDOW };
        let whole: String = pieces.iter().map(|(_, p)| p.as_str()).collect();
        return vec![(any_change, head(&whole, limit))];
    }
    let last = pieces.len() - 1;
    pieces
        .iter()
        .enumerate()
        .map(|(i, (changed, piece))| {
            let shown = match (*changed, i, i == last) {
                (true, ..) => piece.clone(),
                (false, 0, _) => tail(piece, WINDOW),
                (false, _, true) => head(piece, WINDOW),
                (false, ..) if chars(piece) > 2 * WINDOW + 1 => {
                    let mut both = head(piece, WINDOW);
                    both.push_str(tail(piece, WINDOW).trim_start_matches('…'));
                    both
                }
                (false, ..) => piece.clone(),
            };
            (*changed, shown)
        })
        .collect()
}

/// What `extract` could not recover: a summary, then each lost slot and each conflict.
pub fn extraction(w: &mut impl Write, x: &Extraction, paint: Paint) -> io::Result<()> {
    let total = x.slots.len();
    let lost: Vec<usize> = x.lost().collect();
    let unfilled = x
        .recovered
        .iter()
        .filter(|r| matches!(r, Recovery::Unfilled))
        .count();
    let mut summary = if x.nothing_filled() {
        format!(
            "no slot is filled in {}: it still reads as the template {} (did you give the \
             template twice?)",
            clean(x.filled_name),
            clean(x.template_name)
        )
    } else {
        format!(
            "recovered {} of {total} slots from {}",
            total - lost.len() - unfilled,
            clean(x.filled_name)
        )
    };
    if unfilled > 0 && unfilled < total {
        summary.push_str(&format!("; {unfilled} still unfilled"));
    }
    if !lost.is_empty() {
        summary.push_str(&format!("; {} lost", lost.len()));
    }
    if !x.fields.conflicts.is_empty() {
        summary.push_str(&format!(
            "; {} field(s) with conflicting values",
            x.fields.conflicts.len()
        ));
    }
    writeln!(w, "{} {summary}", paint.bold("xfill:"))?;
    let at = |s: usize| {
        let slot = &x.slots[s];
        Location::new(
            x.template_name,
            slot.position().line,
            slot.position().column,
        )
        .with_excerpt(x.template, slot.span())
    };
    let field_name = |s: usize| x.bindings.field_of[s].map(|f| x.schema.fields[f].name.clone());
    for s in lost {
        let Recovery::Lost(why) = x.recovered[s] else {
            continue;
        };
        let label = field_name(s).unwrap_or_else(|| "no field".into());
        let help = format!(
            "lost: {}; give its value with --set or in the values file",
            why.as_str()
        );
        snippet(w, paint, &at(s), Some(&label), None, Some(&help))?;
    }
    for (f, slots) in &x.fields.conflicts {
        let name = clean(&x.schema.fields[*f].name);
        writeln!(
            w,
            "{}: field `{name}` has different values in its slots",
            paint.warning("conflict")
        )?;
        for (s, v) in slots {
            let slot = &x.slots[*s];
            writeln!(
                w,
                "  slot {} at {}:{}: {v:?}",
                slot.id(),
                slot.position().line,
                slot.position().column
            )?;
        }
        writeln!(
            w,
            "  {} help: none is picked; write the right one into the values file, or give the slots separate fields",
            paint.accent("=")
        )?;
    }
    Ok(())
}

/// The slots of the old version and what the new one has there; then changed fields.
pub fn slot_changes(
    w: &mut impl Write,
    x: Option<&Extraction>,
    fields: &[FieldChange],
    paint: Paint,
) -> io::Result<()> {
    if let Some(x) = x.filter(|x| !x.slots.is_empty()) {
        writeln!(
            w,
            "{}",
            paint.bold(&format!(
                "slots of {} in {}:",
                clean(x.template_name),
                clean(x.filled_name)
            ))
        )?;
        let place = |s: &Slot| format!("{}:{}", s.position().line, s.position().column);
        let width = x.slots.iter().map(|s| place(s).len()).max().unwrap_or(0);
        let field_of = |i: usize| {
            let f = x.bindings.field_of.get(i).copied().flatten();
            f.map(|f| clean(x.schema.fields[f].name.as_str()))
        };
        let field_width = (0..x.slots.len())
            .filter_map(|i| field_of(i).map(|name| display_width(&name)))
            .max()
            .unwrap_or(0);
        for (i, slot) in x.slots.iter().enumerate() {
            let field = field_of(i)
                .map(|name| format!("{name}{}", " ".repeat(field_width - display_width(&name))));
            let now = match &x.recovered[i] {
                Recovery::Value(v) => paint.inserted(&format!("{v:?}"), false),
                Recovery::Unfilled => "unchanged".to_string(),
                Recovery::Lost(why) => paint.warning(&format!("lost ({})", why.as_str())),
            };
            let p = place(slot);
            let pad = " ".repeat(width - p.len());
            let was = clean(slot.text(x.template));
            match field {
                Some(name) => writeln!(w, "  {p}{pad}  {name}  {was} → {now}")?,
                None => writeln!(w, "  {p}{pad}  {was} → {now}")?,
            }
        }
    }
    if !fields.is_empty() {
        writeln!(w, "{}", paint.bold("fields that changed:"))?;
        for c in fields {
            let show = |v: &Option<String>| {
                v.as_ref()
                    .map_or("(none)".to_string(), |v| format!("{v:?}"))
            };
            writeln!(
                w,
                "  {}: {} → {}",
                clean(&c.field),
                paint.deleted(&show(&c.old), false),
                paint.inserted(&show(&c.new), false)
            )?;
        }
    }
    Ok(())
}

/// `init`'s review list: each drafted field that fills several places.
pub fn shared_review(
    w: &mut impl Write,
    shared: &[crate::schema::Shared],
    paint: Paint,
) -> io::Result<()> {
    for s in shared {
        writeln!(
            w,
            "{} {} fills {} places — review them (listed above the field in the schema)",
            paint.bold("xfill:"),
            s.field,
            s.count
        )?;
    }
    Ok(())
}

/// What `init --from` carried over from the old schema `from`: the counts, the new fields
/// an old anchor also matches, and the fields carried over (their values will be last
/// year's).
pub fn carried(
    w: &mut impl Write,
    carried: &crate::schema::Carried,
    from: &str,
    paint: Paint,
) -> io::Result<()> {
    let bold = paint.bold("xfill:");
    let list = |names: &[String]| {
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        }
    };
    writeln!(
        w,
        "{bold} kept {} fields of {}; {} new ({}); {} lost ({})",
        carried.kept.len(),
        from,
        carried.added.len(),
        list(&carried.added),
        carried.lost.len(),
        list(&carried.lost)
    )?;
    for (new, old, anchor) in &carried.collided {
        writeln!(
            w,
            "{bold} new: {new} (the anchor '{anchor}' of {old} also matches it; it is not filled with {old}'s value)"
        )?;
    }
    if !carried.kept.is_empty() {
        writeln!(
            w,
            "{bold} carried over, review them: {}",
            carried.kept.join(", ")
        )?;
    }
    Ok(())
}

/// What `init -o` wrote where: the fields for the slots, and the file.
pub fn schema_written(
    w: &mut impl Write,
    fields: usize,
    slots: usize,
    out: &str,
    paint: Paint,
) -> io::Result<()> {
    writeln!(
        w,
        "{} {fields} field{} for {} slot{} → {}",
        paint.bold("xfill:"),
        if fields == 1 { "" } else { "s" },
        slots,
        if slots == 1 { "" } else { "s" },
        out
    )
}

/// What a check of several files found, for its last line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CheckCounts {
    /// Files checked.
    pub checked: usize,
    /// Files with slots left.
    pub left: usize,
    /// Files that could not be read.
    pub failed: usize,
    /// Folders with nothing to check.
    pub empty: usize,
}

impl CheckCounts {
    /// Whether the check did its job: every file was read and every folder had something to
    /// check. If not, the check failed, whatever the others showed.
    pub fn all_checked(&self) -> bool {
        self.failed == 0 && self.empty == 0
    }
}

/// The last line of a check of several files: how many were checked, with slots left, not
/// read, and folders with nothing to check.
pub fn check_summary(w: &mut impl Write, counts: &CheckCounts, paint: Paint) -> io::Result<()> {
    let CheckCounts {
        checked,
        left,
        failed,
        empty,
    } = *counts;
    let mut line = format!(
        "{checked} file{} checked, {left} with slots left",
        if checked == 1 { "" } else { "s" }
    );
    if failed > 0 {
        line.push_str(&format!(", {failed} could not be read"));
    }
    if empty > 0 {
        line.push_str(&format!(
            ", {empty} folder{} with nothing to check",
            if empty == 1 { "" } else { "s" }
        ));
    }
    writeln!(w, "{} {line}", paint.bold("xfill:"))
}

/// A notice of a batch run, on a line of its own.
pub fn batch_notice(
    w: &mut impl Write,
    notice: &crate::batch::Notice,
    paint: Paint,
) -> io::Result<()> {
    use crate::batch::Notice;
    match notice {
        Notice::Skipped { field, file, line } => writeln!(
            w,
            "{}: skipped `{}` ({}:{}): the schema has no such field",
            paint.warning("warning"),
            clean(field),
            clean(file),
            line
        ),
        Notice::Renamed {
            row,
            file,
            line,
            given,
            name,
        } => writeln!(
            w,
            "{}: row {} ({}:{}): the name {:?} is not a safe file name in the output folder; writing {:?}",
            paint.warning("renamed"),
            row,
            file,
            line,
            given,
            name
        ),
        Notice::RenamedMore(n) => writeln!(w, "{}: {} more rows", paint.warning("renamed"), n),
        Notice::Jobs { asked, cores, most } => writeln!(
            w,
            "{}: --jobs {asked} is more than 4 per core ({cores} core{}); using {most}",
            paint.warning("warning"),
            if *cores == 1 { "" } else { "s" }
        ),
    }
}

/// The summary of a batch run: the rejected rows and why, the rows with slots left grouped
/// by what is missing, then the counts and where the files went.
pub fn batch_summary(
    w: &mut impl Write,
    outcome: &crate::batch::Outcome,
    out_dir: &std::path::Path,
    paint: Paint,
) -> io::Result<()> {
    use crate::batch::Group;
    let (tally, unmapped, rows) = (&outcome.tally, outcome.unmapped, outcome.rows);
    for (number, problems) in &tally.rejected {
        for p in problems {
            let at =
                p.at.as_ref()
                    .map(|at| format!(" ({})", clean(at)))
                    .unwrap_or_default();
            writeln!(
                w,
                "{} row {number}{at}: {}",
                paint.warning("rejected:"),
                clean(&p.message)
            )?;
            if let Some(help) = &p.help {
                writeln!(w, "  = help: {}", clean(help))?;
            }
        }
    }
    if tally.totals.rejected > tally.rejected.len() {
        writeln!(
            w,
            "{} … and {} more rows (--format json lists them all)",
            paint.warning("rejected:"),
            tally.totals.rejected - tally.rejected.len()
        )?;
    }
    for Group {
        missing,
        unmapped: has_unmapped,
        shown,
        all,
    } in &tally.incomplete
    {
        let mut list: Vec<String> = shown.iter().map(usize::to_string).collect();
        if *all > shown.len() {
            list.push(format!("… ({all} rows)"));
        }
        let mut why = Vec::new();
        if !missing.is_empty() {
            why.push(format!("no value for {}", clean(&missing.join(", "))));
        }
        if *has_unmapped {
            why.push(format!(
                "{unmapped} slot{} no field claims",
                if unmapped == 1 { "" } else { "s" }
            ));
        }
        writeln!(
            w,
            "{} row{} {}: {}",
            paint.warning("slots left:"),
            if *all == 1 { "" } else { "s" },
            list.join(", "),
            why.join("; ")
        )?;
    }
    let t = &tally.totals;
    let mut line = format!(
        "{} row{}: {} written to {}",
        t.total,
        if t.total == 1 { "" } else { "s" },
        t.written,
        clean(&out_dir.display().to_string())
    );
    if t.written > 0 {
        line.push_str(&format!(
            " ({} complete, {} with slots left)",
            t.complete, t.incomplete
        ));
    }
    line.push_str(&format!(", {} rejected", t.rejected));
    if t.failed > 0 {
        line.push_str(&format!(
            ", {} could not be written; the run stopped",
            t.failed
        ));
        if rows > t.total {
            line.push_str(&format!(" with {} rows not tried", rows - t.total));
        }
    }
    writeln!(w, "{} {line}", paint.bold("xfill:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_summary_names_only_what_happened() {
        let line = |counts: CheckCounts| {
            let mut out = Vec::new();
            check_summary(&mut out, &counts, Paint::new(false)).unwrap();
            String::from_utf8(out).unwrap()
        };
        let one = CheckCounts {
            checked: 1,
            ..CheckCounts::default()
        };
        assert_eq!(line(one), "xfill: 1 file checked, 0 with slots left\n");
        assert!(one.all_checked());
        let all = CheckCounts {
            checked: 3,
            left: 2,
            failed: 1,
            empty: 2,
        };
        assert!(!all.all_checked());
        assert_eq!(
            line(all),
            "xfill: 3 files checked, 2 with slots left, 1 could not be read, 2 folders with nothing to check\n"
        );
    }

    #[test]
    fn schema_written_counts_in_the_singular_and_plural() {
        let mut out = Vec::new();
        schema_written(&mut out, 1, 3, "s.yaml", Paint::new(false)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "xfill: 1 field for 3 slots → s.yaml\n"
        );
    }

    #[test]
    fn batch_summary_groups_rows_by_what_is_missing() {
        use crate::batch::{Done, Outcome, Status, Tally};
        let mut tally = Tally::default();
        for n in 1..=15 {
            let status = Status::Incomplete {
                remaining: 1,
                missing: vec![if n % 5 == 0 { "县名" } else { "村名" }.to_string()],
            };
            let done = Done {
                number: n,
                line: n + 1,
                file: Some(format!("{n:04}.txt")),
                status,
            };
            tally.add(&done, 0);
        }
        let outcome = Outcome {
            tally,
            rows: 15,
            unmapped: 0,
            failure: None,
        };
        let mut out = Vec::new();
        batch_summary(
            &mut out,
            &outcome,
            std::path::Path::new("out"),
            Paint::new(false),
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "slots left: rows 1, 2, 3, 4, 6, 7, 8, 9, 11, 12, … (12 rows): no value for 村名\n\
             slots left: rows 5, 10, 15: no value for 县名\n\
             xfill: 15 rows: 15 written to out (0 complete, 15 with slots left), 0 rejected\n"
        );
    }

    #[test]
    fn caret_sits_under_cjk_by_display_width() {
        let (shown, start, len) = excerpt("共走访困难家庭X户，发放慰问金。", 8, 1, (false, false));
        assert_eq!(shown, "共走访困难家庭X户，发放慰问金。");
        assert_eq!((start, len), (14, 1));
        let (_, _, wide) = excerpt("在Ｘ楼", 2, 1, (false, false));
        assert_eq!(wide, 2);
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(clean("分为X个组\tok\n"), "分为X个组\tok\n");
        assert_eq!(
            clean("a\u{1b}]0;title\u{7}b\u{7f}\u{9b}\u{202e}c\u{2066}\r"),
            "a\\u{1b}]0;title\\u{7}b\\u{7f}\\u{9b}\\u{202e}c\\u{2066}\\u{d}"
        );
    }

    #[test]
    fn caret_sits_under_the_place_after_escapes() {
        let (shown, start, len) = excerpt("\u{1b}]0;t\u{7}共X户", 8, 1, (false, false));
        assert_eq!(shown, "\\u{1b}]0;t\\u{7}共X户");
        // Columns: `\u{1b}` (6) + `]0;t` (4) + `\u{7}` (5) + 共 (2) = 17.
        assert_eq!((start, len), (17, 1));
    }

    #[test]
    fn long_lines_are_cut_around_the_place() {
        let line = format!("{}X{}", "甲".repeat(50), "乙".repeat(50));
        let (shown, start, _) = excerpt(&line, 51, 1, (false, false));
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(start, 1 + 2 * EXCERPT_CHARS);
    }

    #[test]
    fn error_shows_place_and_help() {
        let err = Error::BadValue {
            field: "组数".into(),
            value: "十二".into(),
            expected: "an integer".into(),
            from: Origin::File(Location::new("values.yaml", 4, 5).with_source("组数: 十二", 2)),
            help: Some("write it in digits, e.g. 12".into()),
        };
        let mut out = Vec::new();
        error(&mut out, &err, Paint::new(false)).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            "error: value \"十二\" for field `组数` is not an integer\n --> values.yaml:4:5\n  |\n4 | 组数: 十二\n  |       ^^^^\n  = help: write it in digits, e.g. 12\n"
        );
    }
}
