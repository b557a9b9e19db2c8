//! Renders results into any `impl Write`: [`human`] for people (optionally coloured) and
//! [`json`] for machines. Computes nothing: the models come from the other modules.

pub mod ask;
pub mod batch;
pub mod human;
pub mod init;
pub mod json;
pub mod man;
pub mod versions;

use crate::bind::AnchorRef;
use crate::error::Error;
use crate::fill::Outcome;
use crate::scan::Slot;
use crate::schema::Schema;

/// `--format`: for people, or for machines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Lines for people to read.
    #[default]
    Human,
    /// JSON, for programs.
    Json,
}

/// `--color`: when to colour what people read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// How a check writes its findings for one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Each slot with its line and a caret, as `fill` reports.
    Full,
    /// One line per slot, `file:line:column: field`.
    Brief,
    /// The JSON object of one file.
    Json,
}

impl Style {
    /// The style of a check in `format`: with one document named (`single`), its full
    /// report unless `brief`; with a folder or several documents, brief lines.
    pub fn of(format: Format, brief: bool, single: bool) -> Style {
        match format {
            Format::Json => Style::Json,
            Format::Human if brief || !single => Style::Brief,
            Format::Human => Style::Full,
        }
    }
}

/// Writes a checked document's findings in `style`.
pub fn checked(
    w: &mut impl std::io::Write,
    findings: &Findings,
    style: Style,
    paint: Paint,
) -> std::io::Result<()> {
    match style {
        Style::Full => human::findings(w, findings, false, paint),
        Style::Brief => human::brief(w, findings, paint),
        Style::Json => json::findings(w, findings),
    }
}

/// Writes the check of one document: its `report` (made in `style`), a JSON list of one
/// when `style` is JSON, as for several documents.
pub fn check_one(w: &mut impl std::io::Write, report: &[u8], style: Style) -> std::io::Result<()> {
    let json = style == Style::Json;
    let (open, close) = if json { ("[\n", "]\n") } else { ("", "") };
    w.write_all(open.as_bytes())?;
    w.write_all(report)?;
    w.write_all(close.as_bytes())
}

/// Writes the slots `scan` found in `text` (the document `name`) in `format`.
pub fn scanned(
    w: &mut impl std::io::Write,
    format: Format,
    (name, text): (&str, &str),
    slots: &[Slot],
    paint: Paint,
) -> std::io::Result<()> {
    match format {
        Format::Human => human::scan(w, name, text, slots, paint),
        Format::Json => json::scan(w, name, text, slots),
    }
}

/// Writes what `fill` left in `format`: the slots that remain, skipped fields, drift.
pub fn filled(
    w: &mut impl std::io::Write,
    findings: &Findings,
    format: Format,
    paint: Paint,
) -> std::io::Result<()> {
    match format {
        Format::Human => human::findings(w, findings, true, paint),
        Format::Json => json::findings(w, findings),
    }
}

/// Writes a check over several documents to `out`: each document's report (made in
/// `style`) in order, with `verbose` a line for each clean one, then the counts (a JSON list
/// instead, without them); each error goes to `err` as it comes. `unlisted` more documents
/// were checked, clean, with nothing to show: they are only counted. Returns the counts.
pub fn check_list(
    out: &mut impl std::io::Write,
    err: &mut impl std::io::Write,
    checked: impl IntoIterator<Item = crate::check::Walked<crate::check::Report>>,
    unlisted: usize,
    style: Style,
    verbose: bool,
    (out_paint, err_paint): (Paint, Paint),
) -> std::io::Result<human::CheckCounts> {
    let json = style == Style::Json;
    let mut counts = human::CheckCounts {
        checked: unlisted,
        ..human::CheckCounts::default()
    };
    if json {
        writeln!(out, "[")?;
    }
    for item in checked {
        match item {
            Ok((path, (clean, report))) => {
                if json && counts.checked > unlisted {
                    writeln!(out, ",")?;
                }
                out.write_all(&report)?;
                if clean && verbose && !json {
                    let path = human::clean(&path.display().to_string()).into_owned();
                    writeln!(out, "{}: no slots left", out_paint.accent(&path))?;
                }
                counts.checked += 1;
                counts.left += usize::from(!clean);
            }
            Err(e) => {
                match e {
                    Error::NothingToCheck { .. } => counts.empty += 1,
                    _ => counts.failed += 1,
                }
                human::error(err, &e, err_paint)?;
            }
        }
    }
    if json {
        writeln!(out, "]")?;
    } else {
        human::check_summary(out, &counts, out_paint)?;
    }
    Ok(counts)
}

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
    /// Fields of the values file that the schema does not have (`fill --skip-unknown`).
    pub skipped: &'a [(String, crate::error::Origin)],
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
        crate::fill::missing_fields(self.outcomes)
            .into_iter()
            .map(|f| schema.fields[f].name.as_str())
            .collect()
    }

    /// Fields that filled two or more places with one value, each with the first slot of
    /// each place, in schema order: one value shared between places, for a person to
    /// review. The parts of one date (`20XX年X月X日`) are one place.
    pub fn shared_fields(&self) -> Vec<(usize, Vec<usize>)> {
        let mut by_field: indexmap::IndexMap<usize, Vec<usize>> = indexmap::IndexMap::new();
        for (s, outcome) in self.outcomes.iter().enumerate() {
            if let Outcome::Filled { field } = outcome {
                let places = by_field.entry(*field).or_default();
                let part = s > 0
                    && self.outcomes[s - 1] == *outcome
                    && crate::date::is_next_part(self.text, &self.slots[s - 1], &self.slots[s]);
                if !part {
                    places.push(s);
                }
            }
        }
        let mut shared: Vec<(usize, Vec<usize>)> =
            by_field.into_iter().filter(|(_, s)| s.len() > 1).collect();
        shared.sort_by_key(|(f, _)| *f);
        shared
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

    /// Colours as `choice` says, for a stream that is a `terminal` or not: `auto` colours a
    /// terminal when `NO_COLOR` is unset (or empty) and `TERM` is not `dumb`.
    pub fn choose(choice: Color, terminal: bool) -> Self {
        let environment = || {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        };
        Paint::new(match choice {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => terminal && environment(),
        })
    }

    fn wrap(&self, style: anstyle::Style, s: &str) -> String {
        if self.enabled {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    }

    /// Writes `s` in `style` (plainly when colours are off), without making a `String`.
    fn write_in(
        &self,
        w: &mut impl std::io::Write,
        style: anstyle::Style,
        s: impl std::fmt::Display,
    ) -> std::io::Result<()> {
        if self.enabled {
            write!(w, "{}{s}{}", style.render(), style.render_reset())
        } else {
            write!(w, "{s}")
        }
    }

    fn fg(color: anstyle::AnsiColor) -> anstyle::Style {
        anstyle::Style::new().fg_color(Some(color.into()))
    }

    pub(crate) fn error(&self, s: &str) -> String {
        self.wrap(Self::fg(anstyle::AnsiColor::Red).bold(), s)
    }
    /// Warning style.
    pub fn warning(&self, s: &str) -> String {
        self.wrap(Self::fg(anstyle::AnsiColor::Yellow).bold(), s)
    }
    /// Accent style (file names, places).
    pub fn accent(&self, s: &str) -> String {
        self.wrap(Self::fg(anstyle::AnsiColor::Blue).bold(), s)
    }
    /// Bold text.
    pub fn bold(&self, s: &str) -> String {
        self.wrap(anstyle::Style::new().bold(), s)
    }
    /// [`Paint::accent`], written to `w`.
    pub(crate) fn write_accent(
        &self,
        w: &mut impl std::io::Write,
        s: impl std::fmt::Display,
    ) -> std::io::Result<()> {
        self.write_in(w, Self::fg(anstyle::AnsiColor::Blue).bold(), s)
    }
    /// A slot's text (magenta, bold), written to `w`.
    pub(crate) fn write_slot(
        &self,
        w: &mut impl std::io::Write,
        s: impl std::fmt::Display,
    ) -> std::io::Result<()> {
        self.write_in(w, Self::fg(anstyle::AnsiColor::Magenta).bold(), s)
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

/// What `extract` found: each slot's recovery and the values of the schema's fields.
#[derive(Debug, Clone)]
pub struct Extraction<'a> {
    /// The template's display name.
    pub template_name: &'a str,
    /// The filled document's display name.
    pub filled_name: &'a str,
    /// The template text.
    pub template: &'a str,
    /// The template's slots.
    pub slots: &'a [Slot],
    /// One recovery per slot.
    pub recovered: &'a [crate::extract::Recovery],
    /// The schema (given, or drafted by `init`).
    pub schema: &'a Schema,
    /// Which field each slot belongs to.
    pub bindings: &'a crate::bind::Bindings,
    /// The fields' values and conflicts.
    pub fields: &'a crate::extract::FieldValues,
}

impl<'a> Extraction<'a> {
    /// What each slot of the template `t` became in the document `filled_name`
    /// (`recovered`), and each field's value (`fields`).
    pub fn of(
        t: &'a crate::extract::Reference,
        filled_name: &'a str,
        recovered: &'a [crate::extract::Recovery],
        fields: &'a crate::extract::FieldValues,
    ) -> Extraction<'a> {
        Extraction {
            template_name: &t.name,
            filled_name,
            template: &t.text,
            slots: &t.slots,
            recovered,
            schema: &t.schema,
            bindings: &t.bindings,
            fields,
        }
    }

    /// Slot indexes whose value was lost.
    pub fn lost(&self) -> impl Iterator<Item = usize> + '_ {
        self.recovered
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, crate::extract::Recovery::Lost(_)))
            .map(|(i, _)| i)
    }

    /// True when the template has slots and the filled document still shows every one of
    /// them unfilled: nothing was filled (the template given twice, or a blank copy).
    pub fn nothing_filled(&self) -> bool {
        !self.recovered.is_empty()
            && self
                .recovered
                .iter()
                .all(|r| matches!(r, crate::extract::Recovery::Unfilled))
    }

    /// True when every slot was recovered and no field conflicts.
    pub fn is_complete(&self) -> bool {
        self.lost().next().is_none() && self.fields.conflicts.is_empty()
    }
}

pub use crate::extract::FieldChange;

/// A drafted schema as a file: `head` (its `{}` says how many slots in how many fields), the
/// advice to check it and what to do `then`, and the fields, each field of `shared` (filling
/// several places) listed above it for review.
pub fn drafted_schema(
    draft: &Schema,
    shared: &[crate::schema::Shared],
    slots: usize,
    head: &str,
    then: &str,
) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let sizes = format!(
        "{} in {}",
        count(slots, "slot"),
        count(draft.fields.len(), "field")
    );
    format!(
        "{}# Check the field names, labels and types; {then}\n{}",
        head.replacen("{}", &sizes, 1),
        crate::schema::with_review(&draft.to_yaml(), shared)
    )
}

/// The comment line `init --from` puts at the head of the schema: what was carried over from
/// the old schema `from`.
pub fn carried_header(carried: &crate::schema::Carried, from: &str) -> String {
    format!(
        "# Carried over from {}: kept {} fields; new: {}; lost all their slots: {}.\n",
        from,
        carried.kept.len(),
        none_or_list(&carried.added),
        none_or_list(&carried.lost)
    )
}

/// The names, comma-separated, or "none".
fn none_or_list(names: &[String]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

/// A values file for `fill`: the fields in schema order, each with its extracted value.
/// With `comments`, each field is preceded by its slots (id, line:column, context), as
/// `extract` writes it when the field names were drafted by `init`.
///
pub fn values_yaml(
    w: &mut impl std::io::Write,
    x: &Extraction,
    comments: bool,
) -> std::io::Result<()> {
    ValuesYaml::new(x, comments).write(w, 0..x.schema.fields.len())
}

/// What [`values_yaml`] looks up per field, gathered once.
struct ValuesYaml<'x, 'a> {
    x: &'x Extraction<'a>,
    comments: bool,
    /// Each field's slots, in one list.
    slots_of: Vec<Vec<usize>>,
    /// Field index → its value (a schema may have 100,000 fields: one look-up each).
    value_of: Vec<Option<&'x String>>,
    conflict_of: Vec<Option<&'x Vec<(usize, String)>>>,
}

impl<'x, 'a> ValuesYaml<'x, 'a> {
    fn new(x: &'x Extraction<'a>, comments: bool) -> Self {
        let fields = x.schema.fields.len();
        let mut slots_of: Vec<Vec<usize>> = vec![Vec::new(); fields];
        for (s, f) in x.bindings.field_of.iter().enumerate() {
            if let Some(f) = f {
                slots_of[*f].push(s);
            }
        }
        let mut conflict_of = vec![None; fields];
        for (f, c) in &x.fields.conflicts {
            conflict_of[*f] = Some(c);
        }
        ValuesYaml {
            x,
            comments,
            slots_of,
            value_of: x.fields.by_index(fields),
            conflict_of,
        }
    }

    /// The entries of the fields `range`.
    fn write(
        &self,
        w: &mut impl std::io::Write,
        range: std::ops::Range<usize>,
    ) -> std::io::Result<()> {
        use crate::extract::Recovery;
        let x = self.x;
        let mut id = itoa::Buffer::new();
        let (mut line, mut column) = (itoa::Buffer::new(), itoa::Buffer::new());
        for f in range {
            let (_, field) = x.schema.fields.get_index(f).expect("a field of the schema");
            if self.comments {
                for &s in &self.slots_of[f] {
                    let slot = &x.slots[s];
                    let (before, after) = crate::scan::context(x.template, slot.span(), 8);
                    for part in [
                        "# slot ",
                        id.format(slot.id()),
                        " at ",
                        line.format(slot.position().line),
                        ":",
                        column.format(slot.position().column),
                        "  ",
                        before,
                        "【",
                        slot.text(x.template),
                        "】",
                        after,
                    ] {
                        w.write_all(part.as_bytes())?;
                    }
                    match &x.recovered[s] {
                        Recovery::Value(_) => writeln!(w)?,
                        Recovery::Unfilled => writeln!(w, "  (not filled)")?,
                        Recovery::Lost(why) => writeln!(w, "  (lost: {})", why.as_str())?,
                    }
                }
            }
            let conflict = self.conflict_of[f];
            if let Some(conflict) = conflict {
                let shown: Vec<String> = conflict
                    .iter()
                    .map(|(s, v)| format!("slot {} {v:?}", x.slots[*s].id()))
                    .collect();
                writeln!(w, "# conflict: {}", shown.join(", "))?;
            }
            w.write_all(crate::schema::quote(&field.name).as_bytes())?;
            if let Some(v) = self.value_of[f].filter(|_| conflict.is_none()) {
                w.write_all(b": ")?;
                w.write_all(yaml_value(field.ty, v).as_bytes())?;
                w.write_all(b"\n")?;
            } else {
                w.write_all(b":\n")?;
            }
        }
        Ok(())
    }
}

/// A value as YAML: numbers of numeric fields plain when they read back the same, else quoted.
fn yaml_value(ty: crate::schema::FieldType, v: &str) -> std::borrow::Cow<'_, str> {
    use crate::schema::FieldType;
    let canonical = match ty {
        FieldType::Integer => v
            .parse::<i64>()
            .is_ok_and(|n| itoa::Buffer::new().format(n) == v),
        FieldType::Number => v
            .parse::<f64>()
            .is_ok_and(|n| n.is_finite() && n.to_string() == v),
        _ => false,
    };
    if canonical {
        std::borrow::Cow::Borrowed(v)
    } else {
        crate::schema::quote(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_documents_are_checked_briefly() {
        assert_eq!(Style::of(Format::Human, false, true), Style::Full);
        assert_eq!(Style::of(Format::Human, true, true), Style::Brief);
        assert_eq!(Style::of(Format::Human, false, false), Style::Brief);
        assert_eq!(Style::of(Format::Json, true, false), Style::Json);
    }

    #[test]
    fn one_document_checked_is_a_json_list_of_one() {
        let mut w = Vec::new();
        check_one(&mut w, b"{}\n", Style::Json).unwrap();
        assert_eq!(w, b"[\n{}\n]\n");
        let mut w = Vec::new();
        check_one(&mut w, b"a.txt:1:1: x\n", Style::Brief).unwrap();
        assert_eq!(w, b"a.txt:1:1: x\n");
    }

    #[test]
    fn colour_is_chosen_by_the_flag_then_the_terminal() {
        for terminal in [false, true] {
            assert!(Paint::choose(Color::Always, terminal).enabled);
            assert!(!Paint::choose(Color::Never, terminal).enabled);
        }
        assert!(!Paint::choose(Color::Auto, false).enabled);
    }

    #[test]
    fn carried_header_says_none_for_no_names() {
        let schema = Schema::parse(
            "version: 1\nfields:\n  单位:\n    anchors: [由X党委]\n",
            "old.yaml",
        )
        .unwrap();
        let carried = crate::schema::Carried {
            schema,
            kept: vec!["单位".into()],
            added: Vec::new(),
            lost: vec!["年度".into(), "组数".into()],
            collided: Vec::new(),
        };
        assert_eq!(
            carried_header(&carried, "old.yaml"),
            "# Carried over from old.yaml: kept 1 fields; new: none; lost all their slots: 年度, 组数.\n"
        );
        let yaml = drafted_schema(&carried.schema, &[], 1, "# Schema: {}.\n", "then fill.");
        assert!(yaml.starts_with("# Schema: 1 slot in 1 field.\n# Check the field names, labels and types; then fill.\n"), "{yaml}");
    }

    /// A values file of many fields comes out in the schema's order, each field once with
    /// its own value.
    #[test]
    fn a_large_values_file_is_written_in_order() {
        let n = 2000;
        let template: String = (0..n).map(|i| format!("第{i}项共X个。\n")).collect();
        let filled: String = (0..n)
            .map(|i| format!("第{i}项共{}个。\n", i * 3))
            .collect();
        let slots = crate::scan::scan(&template);
        let (schema, bindings) = crate::bind::drafted(&template, &slots, "-");
        assert_eq!(schema.fields.len(), n);
        let recovered = crate::extract::extract(&template, &slots, &filled);
        let fields = crate::extract::by_field(&schema, &bindings, &template, &slots, &recovered);
        let x = Extraction {
            template_name: "t",
            filled_name: "f",
            template: &template,
            slots: &slots,
            recovered: &recovered,
            schema: &schema,
            bindings: &bindings,
            fields: &fields,
        };
        for comments in [false, true] {
            let mut pieces = Vec::new();
            values_yaml(&mut pieces, &x, comments).unwrap();
            let mut whole = Vec::new();
            ValuesYaml::new(&x, comments)
                .write(&mut whole, 0..n)
                .unwrap();
            assert!(pieces == whole, "comments: {comments}");
            let entries: Vec<&str> = std::str::from_utf8(&pieces)
                .unwrap()
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect();
            assert_eq!(entries.len(), n);
            for (i, (entry, name)) in entries.iter().zip(schema.fields.keys()).enumerate() {
                assert_eq!(*entry, format!("{name}: {}", i * 3));
            }
        }
    }
}
