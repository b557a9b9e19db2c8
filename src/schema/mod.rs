//! YAML text → [`Schema`]: the ordered fields of a template, each with a type, options and
//! the anchors that say which slots it fills. Errors carry file:line:column, and a schema
//! with several problems reports them all at once. [`init`] drafts a schema from slots.
//! Never opens a file: callers pass the text and a display name.

mod init;

use std::borrow::Cow;
use std::sync::Arc;

use indexmap::IndexMap;
use regex::Regex;

use crate::error::{Error, Location, did_you_mean};
use crate::scan::Scanner;
use crate::span::LineIndex;
use crate::yaml::{self, Lines, Node, Value as Yaml};

pub use crate::yaml::{Node as YamlNode, Number as YamlNumber, Value as YamlValue};

pub(crate) use init::pattern_meaning;
pub use init::{
    Carried, REVIEW_PLACES, Shared, draft_fields, init, init_from, shared_fields, with_review,
};

/// The one schema format version this xfill reads and writes.
pub const VERSION: u64 = 1;

/// A field's type: what values it takes and how they are written into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Any text (`pattern` may restrict it).
    Text,
    /// A whole number (`min`, `max`).
    Integer,
    /// A decimal number (`min`, `max`, `decimals`).
    Number,
    /// A calendar date, given as 2024-05-01 (or 2024/5/1, 2024年5月1日, 二〇二四年五月一日)
    /// and written by `format`; a slot followed by 年, 月 or 日 takes that part alone.
    Date,
    /// One of `choices`.
    Choice,
}

impl FieldType {
    /// The name used in schemas.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Date => "date",
            FieldType::Choice => "choice",
        }
    }

    const ALL: [FieldType; 5] = [
        FieldType::Text,
        FieldType::Integer,
        FieldType::Number,
        FieldType::Date,
        FieldType::Choice,
    ];
}

/// A snippet of the template's own text around one slot, e.g. `分为X个组`.
///
/// It fills every slot where the template reads `prefix`, then exactly a slot whose text is
/// `slot`, then `suffix`. When the snippet holds more than one run of X, the slot it fills is
/// written in double brackets: `20XX年[[X]]月`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The anchor as written in the schema.
    pub text: String,
    /// Where the anchor is written.
    pub at: Location,
    /// `text[..prefix_end]` is the prefix, `text[slot.0..slot.1]` the slot, and
    /// `text[suffix_start..]` the suffix (the brackets of `[[X]]` lie between them).
    prefix_end: usize,
    slot: (usize, usize),
    suffix_start: usize,
    /// The regex that finds the anchor's prefix and suffix around a value, made once
    /// (`check` of a folder asks it of every file).
    around: Around,
}

/// A regex made the first time it is asked for; anchors compare without it.
#[derive(Clone, Default)]
struct Around(std::sync::OnceLock<regex::Regex>);

impl PartialEq for Around {
    fn eq(&self, _: &Around) -> bool {
        true
    }
}

impl Eq for Around {}

impl std::fmt::Debug for Around {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Around")
    }
}

impl Anchor {
    /// The regex `make` gives for this anchor, made on the first call only.
    pub(crate) fn around(&self, make: impl FnOnce() -> regex::Regex) -> &regex::Regex {
        self.around.0.get_or_init(make)
    }

    /// Splits `text` into prefix, slot and suffix using `scanner`; `Err` says why not.
    pub fn parse(text: &str, scanner: &Scanner, at: Location) -> Result<Anchor, String> {
        let anchor = |prefix_end, slot, suffix_start| Anchor {
            text: text.to_string(),
            at,
            prefix_end,
            slot,
            suffix_start,
            around: Around::default(),
        };
        // The first `[` that another follows: `find("[[")` set up a substring search for
        // each anchor (the 1 MB bench document's fill, 2,914 anchors: 99.1 → 98.4 million
        // instructions with this, callgrind).
        let open = text
            .match_indices('[')
            .map(|(i, _)| i)
            .find(|&i| text[i + 1..].starts_with('['));
        if let Some(open) = open {
            let close = text[open..]
                .find("]]")
                .map(|c| open + c)
                .ok_or("`[[` without `]]`")?;
            if close == open + 2 {
                return Err("`[[]]` marks no slot text".into());
            }
            return Ok(anchor(open, (open + 2, close), close + 2));
        }
        let slots = scanner.spans(text);
        match slots.as_slice() {
            [one] => {
                let (start, end) = (one.start, one.end);
                Ok(anchor(start, (start, end), end))
            }
            [] => Err("has no slot (no run of X in it)".into()),
            _ => Err(format!(
                "has {} slots; an anchor names exactly one (mark it as [[X]] when the text around it holds others)",
                slots.len()
            )),
        }
    }

    /// Text before the slot.
    pub fn prefix(&self) -> &str {
        &self.text[..self.prefix_end]
    }

    /// The slot's own text (`X`, `20XX`, `×××`).
    pub fn slot(&self) -> &str {
        &self.text[self.slot.0..self.slot.1]
    }

    /// Text after the slot.
    pub fn suffix(&self) -> &str {
        &self.text[self.suffix_start..]
    }

    /// The text the anchor matches in a template: prefix, slot, suffix (the anchor's own
    /// text when it has no `[[ ]]`).
    pub fn needle(&self) -> Cow<'_, str> {
        if self.prefix_end == self.slot.0 && self.slot.1 == self.suffix_start {
            Cow::Borrowed(&self.text)
        } else {
            Cow::Owned([self.prefix(), self.slot(), self.suffix()].concat())
        }
    }
}

/// One named field.
#[derive(Debug, Clone)]
pub struct Field {
    /// The field's name, the key in `fields:` and in values files.
    pub name: String,
    /// Its type.
    pub ty: FieldType,
    /// A human label.
    pub label: Option<String>,
    /// Smallest allowed value (integer, number).
    pub min: Option<f64>,
    /// Largest allowed value (integer, number).
    pub max: Option<f64>,
    /// The anchors that say which slots this field fills.
    pub anchors: Vec<Anchor>,
    /// Where the field is declared.
    pub at: Location,
    /// The options few fields have; see [`Field::extras`].
    extras: Extras,
}

/// A field's rarer options: description, default, choices, format, decimals, pattern.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// A longer description.
    pub description: Option<String>,
    /// The value used when no values file or `--set` gives one.
    pub default: Option<YamlValue>,
    /// Allowed values (choice).
    pub choices: Vec<String>,
    /// How a date is written whole (`%Y年%-m月%-d日` by default; see
    /// [`crate::date::DIRECTIVES`]), and in which numerals its parts are.
    pub format: Option<String>,
    /// Digits after the decimal point (number).
    pub decimals: Option<usize>,
    /// A regular expression a text value must match as a whole: the schema's pattern, which
    /// compiles alone, in `^(?:…)$`.
    pub pattern: Option<Regex>,
    /// The number field whose amount this one writes again (`月租金大写` of `月租金`): taken
    /// from it when not given, refused when given another amount.
    pub equals: Option<String>,
}

impl Field {
    /// A text field with no options and no anchors.
    pub fn new(name: impl Into<String>, ty: FieldType, at: Location) -> Self {
        Field {
            name: name.into(),
            ty,
            label: None,
            min: None,
            max: None,
            anchors: Vec::new(),
            at,
            extras: Extras::default(),
        }
    }

    /// The field's description, default, choices, format, decimals and pattern.
    pub fn extras(&self) -> &Extras {
        &self.extras
    }

    /// The default value as text, as the user wrote it, if the field has one.
    pub fn default_text(&self) -> Option<String> {
        self.extras().default.as_ref().map(YamlValue::scalar_text)
    }

    /// The same, to set them.
    pub fn extras_mut(&mut self) -> &mut Extras {
        &mut self.extras
    }
}

/// A schema's fields by name, in the file's order (hashed with FxHash: a schema may have
/// 100,000 fields, and it is the user's own file).
pub type Fields = IndexMap<String, Field, rustc_hash::FxBuildHasher>;

/// A parsed schema.
#[derive(Debug, Clone)]
pub struct Schema {
    /// The file's display name.
    pub file: String,
    /// Fields, in the file's order.
    pub fields: Fields,
    /// Extra words whose X is not a slot.
    pub ignore: Vec<String>,
    /// Extra placeholder patterns (regular expressions), as written.
    pub patterns: Vec<String>,
    scanner: Scanner,
    /// The text it was read from, for [`Schema::locate`].
    source: Option<SchemaText>,
}

/// A schema file's text and its lines, kept once so that the places of its fields and
/// anchors need not each copy their line (a schema may have 100,000 fields).
#[derive(Clone)]
struct SchemaText {
    text: Arc<String>,
    lines: LineIndex,
}

impl std::fmt::Debug for SchemaText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SchemaText({} bytes)", self.text.len())
    }
}

/// The longest field name, in characters (YAML keys longer than about 1,000 cannot be
/// written back as plain keys).
const MAX_NAME: usize = 200;

const TOP_KEYS: &[&str] = &[
    "version",
    "fields",
    "ignore",
    "patterns",
    "title",
    "description",
];
const FIELD_KEYS: &[&str] = &[
    "type",
    "label",
    "description",
    "default",
    "anchors",
    "min",
    "max",
    "choices",
    "format",
    "decimals",
    "pattern",
    "equals",
];

impl Schema {
    /// An empty schema with the built-in scanner.
    pub fn empty(file: impl Into<String>) -> Self {
        Schema {
            file: file.into(),
            fields: Fields::default(),
            ignore: Vec::new(),
            patterns: Vec::new(),
            scanner: Scanner::default(),
            source: None,
        }
    }

    /// `at` with the text of its line (for the caret under it), when `at` is a place in the
    /// file this schema was read from: fields and anchors record only line and column.
    pub fn locate(&self, at: &Location) -> Location {
        match &self.source {
            Some(src)
                if at.source.is_none()
                    && *at.file == *self.file
                    && (1..=src.lines.line_count()).contains(&at.line) =>
            {
                let line = src.lines.line_text(&src.text, at.line);
                at.clone().with_source(line, at.len)
            }
            _ => at.clone(),
        }
    }

    /// The scanner this schema implies: built-in forms plus its ignore words and patterns.
    pub fn scanner(&self) -> &Scanner {
        &self.scanner
    }

    /// Parses a schema from `text`, naming `file` in errors. Reports every problem found.
    pub fn parse(text: &str, file: &str) -> Result<Schema, Error> {
        Schema::parse_owned(text.to_string(), file)
    }

    /// As [`Schema::parse`], keeping `text` itself rather than a copy (a generated schema
    /// may be megabytes).
    pub fn parse_owned(text: String, file: &str) -> Result<Schema, Error> {
        let (mut schema, lines) = Schema::read(&text, file)?;
        schema.source = Some(SchemaText {
            text: Arc::new(text),
            lines,
        });
        Ok(schema)
    }

    /// The schema in `text`, without its source yet, and the lines of `text`.
    fn read(text: &str, file: &str) -> Result<(Schema, LineIndex), Error> {
        let (mut root, places) = yaml::load(text, file)?;
        let top = &root;
        let mut problems = Vec::new();
        let mut problem = |at: Location, message: String, help: Option<String>| {
            problems.push(Error::Syntax { at, message, help });
        };
        let Yaml::Map(entries) = &top.value else {
            problem(
                Location::new(file, 1, 1),
                format!(
                    "{file} is not a schema: expected a mapping with `version: 1` and `fields:`"
                ),
                Some("start from `xfill init TEMPLATE`, which writes a schema".into()),
            );
            return Err(Error::collect(problems).unwrap_err());
        };

        for (key, _) in entries {
            let name = key.key_name();
            if !TOP_KEYS.contains(&name.as_ref()) {
                let help = did_you_mean(&name, TOP_KEYS.iter().copied())
                    .map(|s| format!("did you mean `{s}`?"))
                    .or_else(|| Some(format!("a schema has the keys {}", TOP_KEYS.join(", "))));
                problem(
                    places.at(key),
                    format!("unknown key `{name}` in schema"),
                    help,
                );
            }
        }
        match top.get("version") {
            Some(v) if v.as_u64() == Some(VERSION) => {}
            // `version: "1"` and `version: !!str 1` say the same as `version: 1`.
            Some(Node {
                value: Yaml::Str(s),
                ..
            }) if s.trim().parse::<u64>().ok() == Some(VERSION) => {}
            Some(v) => problem(
                places.at(v),
                format!("unsupported schema version {}", v.scalar_text()),
                Some(format!("this xfill reads `version: {VERSION}`")),
            ),
            None => problem(
                Location::new(file, 1, 1),
                "schema has no `version`".into(),
                Some(format!("add `version: {VERSION}` at the top")),
            ),
        }

        let ignore = string_list(
            top.entry("ignore"),
            &places,
            ListPath::Top("ignore"),
            &mut problem,
        );
        let patterns = text_list(
            top.entry("patterns"),
            &places,
            ListPath::Top("patterns"),
            &mut problem,
        );
        let mut compiled = Vec::new();
        for (p, item) in &patterns {
            match Regex::new(p) {
                Ok(re) => compiled.push(re),
                Err(e) => problem(
                    places.at(item),
                    format!("pattern {p:?} is not a valid regular expression"),
                    Some(regex_help(&e)),
                ),
            }
        }
        let scanner = Scanner::new(&ignore, compiled);
        let patterns: Vec<String> = patterns.into_iter().map(|(p, _)| p.into_owned()).collect();

        let mut fields = Fields::default();
        // Taken out of the tree: each field's YAML is dropped once read, and the memory it
        // held goes to the fields that follow.
        let fields_entry = root.take("fields");
        match fields_entry {
            Some((
                _,
                Node {
                    value: Yaml::Map(map),
                    ..
                },
            )) => {
                fields.reserve(map.len());
                for (key, body) in map {
                    if let Some((name, field)) =
                        read_field(&key, &body, &places, &scanner, &mut problem)
                    {
                        fields.insert(name, field);
                    }
                }
            }
            Some((
                _,
                Node {
                    value: Yaml::Null, ..
                },
            ))
            | None => problem(
                Location::new(file, 1, 1),
                "schema has no `fields`".into(),
                Some(
                    "add `fields:` with one entry per field; `xfill init TEMPLATE` drafts them"
                        .into(),
                ),
            ),
            Some((key, _)) => problem(
                places.at(&key),
                "`fields` must be a mapping of field names to their settings".into(),
                None,
            ),
        }
        for field in fields.values() {
            let Some(other) = field.extras().equals.as_deref() else {
                continue;
            };
            let number = |f: &Field| matches!(f.ty, FieldType::Integer | FieldType::Number);
            match fields.get(other) {
                Some(o) if o.name != field.name && number(o) => {}
                found => problem(
                    field.at.clone(),
                    format!(
                        "`equals` of field `{}` names `{other}`, {}",
                        field.name,
                        match found {
                            None => "which is no field of the schema",
                            Some(o) if o.name == field.name => "the field itself",
                            Some(_) => "which is not a number field",
                        }
                    ),
                    Some(
                        "name the integer or number field whose amount this one writes again"
                            .into(),
                    ),
                ),
            }
        }
        Error::collect(problems)?;
        let schema = Schema {
            file: file.to_string(),
            fields,
            ignore,
            patterns,
            scanner,
            source: None,
        };
        Ok((schema, places.into_lines()))
    }

    /// Adds a field (replacing one of the same name).
    pub fn insert(&mut self, field: Field) {
        self.fields.insert(field.name.clone(), field);
    }

    /// Sets the ignore words and patterns, rebuilding the scanner. `Err` names a bad pattern.
    pub fn set_scanning(
        &mut self,
        ignore: Vec<String>,
        patterns: Vec<String>,
    ) -> Result<(), String> {
        let compiled = patterns
            .iter()
            .map(|p| Regex::new(p).map_err(|e| format!("{p:?}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        self.scanner = Scanner::new(&ignore, compiled);
        self.ignore = ignore;
        self.patterns = patterns;
        Ok(())
    }

    /// The schema as YAML, in the format [`Schema::parse`] reads.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!("version: {VERSION}\n"));
        if !self.ignore.is_empty() {
            out.push_str("ignore:\n");
            for w in &self.ignore {
                out.push_str(&format!("  - {}\n", quote(w)));
            }
        }
        if !self.patterns.is_empty() {
            out.push_str("patterns:\n");
            for p in &self.patterns {
                out.push_str(&format!("  - {}\n", quote(p)));
            }
        }
        // A bare `fields:` reads back as no `fields` at all.
        out.push_str(if self.fields.is_empty() {
            "fields: {}\n"
        } else {
            "fields:\n"
        });
        for field in self.fields.values() {
            let extras = field.extras();
            out.push_str(&format!("  {}:\n", quote(&field.name)));
            out.push_str(&format!("    type: {}\n", field.ty.as_str()));
            if let Some(label) = &field.label {
                out.push_str(&format!("    label: {}\n", quote(label)));
            }
            if let Some(d) = &extras.description {
                out.push_str(&format!("    description: {}\n", quote(d)));
            }
            for (key, v) in [("min", field.min), ("max", field.max)] {
                if let Some(v) = v {
                    out.push_str(&format!("    {key}: {}\n", yaml_number(v)));
                }
            }
            if let Some(d) = extras.decimals {
                out.push_str(&format!("    decimals: {d}\n"));
            }
            if let Some(f) = &extras.format {
                out.push_str(&format!("    format: {}\n", quote(f)));
            }
            if let Some(e) = &extras.equals {
                out.push_str(&format!("    equals: {}\n", quote(e)));
            }
            if let Some(p) = &extras.pattern {
                // `parse` anchors the pattern as `^(?:…)$`; write it as the schema gave it.
                let p = p.as_str();
                let given = p
                    .strip_prefix("^(?:")
                    .and_then(|p| p.strip_suffix(")$"))
                    .unwrap_or(p);
                out.push_str(&format!("    pattern: {}\n", quote(given)));
            }
            if !extras.choices.is_empty() {
                out.push_str("    choices:\n");
                for c in &extras.choices {
                    out.push_str(&format!("      - {}\n", quote(c)));
                }
            }
            if let Some(d) = &extras.default {
                // A scalar on the key's line; a list or a mapping on one line too, in flow
                // style (strings quoted where a plain scalar would not read back the same).
                let mut text = String::new();
                d.write_flow(&mut text);
                out.push_str(&format!("    default: {text}\n"));
            }
            out.push_str("    anchors:\n");
            for a in &field.anchors {
                out.push_str(&format!("      - {}\n", quote(&a.text)));
            }
        }
        out
    }
}

/// The field under `key:` in `fields:`, with its name.
fn read_field(
    key: &Node,
    body: &Node,
    places: &Lines,
    scanner: &Scanner,
    problem: &mut impl FnMut(Location, String, Option<String>),
) -> Option<(String, Field)> {
    if matches!(key.value, Yaml::Seq(_) | Yaml::Map(_)) {
        problem(
            places.at(key),
            "a field's name must be text, not a list or a mapping".into(),
            Some("write each field as `name:` with its settings below".into()),
        );
        return None;
    }
    let name = key.key_name();
    if name.trim().is_empty() {
        problem(
            places.at(key),
            "a field's name is empty".into(),
            Some("name the field, e.g. `组数:`; values files and --set use the name".into()),
        );
        return None;
    }
    if name.chars().count() > MAX_NAME {
        problem(
            places.at(key),
            format!("a field's name has at most {MAX_NAME} characters"),
            Some("a name is a short label such as `组数`; put prose in `description`".into()),
        );
        return None;
    }
    parse_field(&name, key, body, places, scanner, problem).map(|field| (name.into_owned(), field))
}

fn parse_field(
    name: &str,
    key: &Node,
    body: &Node,
    places: &Lines,
    scanner: &Scanner,
    problem: &mut impl FnMut(Location, String, Option<String>),
) -> Option<Field> {
    let at = || places.at(key);
    // Kept with the field: its line is shown only when a report needs it (`locate`).
    let field_at = places.place(key);
    let empty = Node::new(Yaml::Map(Vec::new()));
    let map = match body.value {
        Yaml::Map(_) => body,
        Yaml::Null => &empty,
        _ => {
            problem(
                at(),
                format!("field `{name}` must be a mapping (type, label, anchors, …)"),
                Some(
                    "write e.g. `type: text` and `anchors: [X党委]` under the field's name".into(),
                ),
            );
            return None;
        }
    };
    let here = |key: &str| {
        map.entry(key)
            .map_or_else(at, |(k, v)| places.value_at(k, v))
    };
    let Yaml::Map(entries) = &map.value else {
        unreachable!("a field's body is a mapping here")
    };
    for (key, _) in entries {
        let k = key.key_name();
        if !FIELD_KEYS.contains(&k.as_ref()) {
            let help = did_you_mean(&k, FIELD_KEYS.iter().copied())
                .map(|s| format!("did you mean `{s}`?"))
                .or_else(|| Some(format!("a field has the keys {}", FIELD_KEYS.join(", "))));
            problem(
                places.at(key),
                format!("unknown option `{k}` in field `{name}`"),
                help,
            );
        }
    }
    let ty = match map.get("type") {
        None => FieldType::Text,
        Some(v) => match FieldType::ALL
            .iter()
            .find(|t| v.as_str() == Some(t.as_str()))
        {
            Some(&t) => t,
            None => {
                let given = v.scalar_text();
                let names = FieldType::ALL.map(FieldType::as_str);
                let help = did_you_mean(&given, names)
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| format!("use one of {}", names.join(", ")));
                problem(
                    here("type"),
                    format!("unknown type `{given}` for field `{name}`"),
                    Some(help),
                );
                FieldType::Text
            }
        },
    };
    let mut field = Field::new(name, ty, field_at);
    let mut text = |key: &str| -> Option<String> {
        match map.get(key) {
            None => None,
            Some(v) => match &v.value {
                Yaml::Null => None,
                Yaml::Str(s) => Some(s.to_string()),
                Yaml::Number(_) | Yaml::Bool(_) => Some(v.scalar_text()),
                _ => {
                    problem(
                        here(key),
                        format!("`{key}` of field `{name}` must be text"),
                        None,
                    );
                    None
                }
            },
        }
    };
    field.label = text("label");
    let mut extras = Extras {
        description: text("description"),
        format: text("format"),
        equals: text("equals"),
        ..Extras::default()
    };
    let pattern = text("pattern");
    extras.default = map
        .get("default")
        .filter(|v| !v.is_null())
        .map(|v| v.value.clone());

    let mut only_for = |key: &str, allowed: &[FieldType]| {
        if let Some((k, _)) = map.entry(key).filter(|_| !allowed.contains(&ty)) {
            let names: Vec<&str> = allowed.iter().map(|t| t.as_str()).collect();
            problem(
                places.at(k),
                format!(
                    "option `{key}` does not apply to type {} (field `{name}`)",
                    ty.as_str()
                ),
                Some(format!(
                    "`{key}` is for type {}; remove it or change the type",
                    names.join(" or ")
                )),
            );
        }
    };
    only_for("min", &[FieldType::Integer, FieldType::Number]);
    only_for("max", &[FieldType::Integer, FieldType::Number]);
    only_for("decimals", &[FieldType::Number]);
    only_for("choices", &[FieldType::Choice]);
    only_for(
        "format",
        &[FieldType::Date, FieldType::Integer, FieldType::Number],
    );
    only_for("pattern", &[FieldType::Text]);
    only_for("equals", &[FieldType::Integer, FieldType::Number]);

    for (key, slot) in [("min", &mut field.min), ("max", &mut field.max)] {
        match map.get(key).filter(|v| !v.is_null()) {
            None => {}
            Some(v) => match v.as_f64() {
                Some(n) => *slot = Some(n),
                None => problem(
                    here(key),
                    format!("`{key}` of field `{name}` must be a number"),
                    None,
                ),
            },
        }
    }
    if let (Some(min), Some(max)) = (field.min, field.max)
        && min > max
    {
        problem(
            here("max"),
            format!("field `{name}` has min {min} above max {max}"),
            None,
        );
    }
    match map.get("decimals").filter(|v| !v.is_null()) {
        None => {}
        Some(v) => match v.as_u64().filter(|&d| d <= 12) {
            Some(d) => extras.decimals = Some(d as usize),
            None => problem(
                here("decimals"),
                format!("`decimals` of field `{name}` must be a whole number from 0 to 12"),
                None,
            ),
        },
    }
    if let Some(p) = pattern {
        // Compiled alone first: `\d+)|(.*` is no pattern, though wrapped in `^(?:…)$` it
        // would compile (and match anything).
        match Regex::new(&p).and_then(|_| Regex::new(&format!("^(?:{p})$"))) {
            Ok(re) => extras.pattern = Some(re),
            Err(e) => problem(
                here("pattern"),
                format!("`pattern` of field `{name}` is not a valid regular expression"),
                Some(regex_help(&e)),
            ),
        }
    }
    if ty == FieldType::Date
        && let Some(format) = &extras.format
        && let Err(directive) = crate::date::check_format(format)
    {
        problem(
            here("format"),
            format!("`format` of field `{name}` has the unknown directive `{directive}`"),
            Some(format!(
                "a date format writes {}; e.g. '%Y年%-m月%-d日'",
                crate::date::DIRECTIVES
            )),
        );
    }
    if matches!(ty, FieldType::Integer | FieldType::Number)
        && let Some(format) = &extras.format
        && format != crate::numeral::FINANCIAL
    {
        problem(
            here("format"),
            format!("`format` of number field `{name}` is `{format}`"),
            Some(format!(
                "a number's format is `{}` (written in financial numerals: 3500 → 叁仟伍佰) or none",
                crate::numeral::FINANCIAL
            )),
        );
    }
    extras.choices = string_list(
        map.entry("choices"),
        places,
        ListPath::Field(name, "choices"),
        problem,
    );
    if ty == FieldType::Choice && extras.choices.is_empty() {
        problem(
            at(),
            format!("field `{name}` is a choice but has no `choices`"),
            Some("list the allowed values under `choices:`".into()),
        );
    }

    let anchors = match map.entry("anchors") {
        Some((
            _,
            one @ Node {
                value: Yaml::Str(text),
                ..
            },
        )) => vec![(Cow::Borrowed(text.as_str()), one)],
        other => text_list(other, places, ListPath::Field(name, "anchors"), problem),
    };
    field.anchors.reserve_exact(anchors.len());
    for (text, item) in &anchors {
        match Anchor::parse(text, scanner, places.place(item)) {
            Ok(anchor) => field.anchors.push(anchor),
            Err(why) => problem(
                places.at(item),
                format!("anchor {text:?} of field `{name}` {why}"),
                Some("an anchor is the template's text around one slot, e.g. `分为X个组`".into()),
            ),
        }
    }
    *field.extras_mut() = extras;
    Some(field)
}

/// The last line of a regex error: what is wrong (`error: unopened group`).
fn regex_help(e: &regex::Error) -> String {
    e.to_string()
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Where a list is, for its errors: under a top key (`ignore`) or a field's key
/// (`fields.组数.choices`). Written out only when an error names it (with the lists made at
/// their size in [`text_list`], the 1 MB bench document's fill: 98.4 → 97.5 million
/// instructions, callgrind).
#[derive(Clone, Copy)]
enum ListPath<'a> {
    Top(&'static str),
    Field(&'a str, &'static str),
}

impl ListPath<'_> {
    /// The key the list is under.
    fn key(self) -> &'static str {
        match self {
            ListPath::Top(key) | ListPath::Field(_, key) => key,
        }
    }
}

impl std::fmt::Display for ListPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ListPath::Top(key) => f.write_str(key),
            ListPath::Field(name, key) => write!(f, "fields.{name}.{key}"),
        }
    }
}

fn string_list(
    entry: Option<(&Node, &Node)>,
    places: &Lines,
    path: ListPath,
    problem: &mut impl FnMut(Location, String, Option<String>),
) -> Vec<String> {
    text_list(entry, places, path, problem)
        .into_iter()
        .map(|(text, _)| text.into_owned())
        .collect()
}

/// The texts of the list at `path` (`fields.组数.choices`: the entry given), numbers and
/// booleans as written, borrowed from the YAML, each with its item.
fn text_list<'n>(
    entry: Option<(&'n Node, &'n Node)>,
    places: &Lines,
    path: ListPath,
    problem: &mut impl FnMut(Location, String, Option<String>),
) -> Vec<(Cow<'n, str>, &'n Node)> {
    let Some((key, value)) = entry else {
        return Vec::new();
    };
    match &value.value {
        Yaml::Null => Vec::new(),
        Yaml::Seq(items) => {
            // Made at its size: collected from a filter, a list of 7 anchors grew (see
            // [`ListPath`]).
            let mut texts = Vec::with_capacity(items.len());
            for item in items {
                match &item.value {
                    Yaml::Str(s) => texts.push((Cow::Borrowed(s.as_str()), item)),
                    Yaml::Number(_) | Yaml::Bool(_) => {
                        texts.push((Cow::Owned(item.scalar_text()), item))
                    }
                    _ => problem(
                        places.at(item),
                        format!("`{path}` must be a list of text"),
                        None,
                    ),
                }
            }
            texts
        }
        _ => {
            problem(
                places.at(key),
                format!("`{}` must be a list", path.key()),
                Some("write one item per line, each starting with `- `".into()),
            );
            Vec::new()
        }
    }
}

/// A number as YAML that reads back as the same number: whole numbers in digits (`-0` would
/// read as the integer 0, and `1e30` written out in digits as an integer too large to read),
/// others in Rust's shortest exact form (`1.5`, `1e30`), infinities and NaN as YAML spells them.
fn yaml_number(v: f64) -> String {
    if v.is_nan() {
        ".nan".into()
    } else if v.is_infinite() {
        if v > 0.0 { ".inf" } else { "-.inf" }.into()
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:?}")
    }
}

/// Whether a reader of YAML 1.1 (PyYAML, and others still common) reads `s`, written plain,
/// as something other than text: `yes`, `on`, `n` as booleans, `9:30` as 570, `1_000` as a
/// number, `2025-03-04` as a date. YAML 1.2 reads them as text, but a values file is read
/// by other programs too: such text is written quoted.
fn yaml11_reads_otherwise(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
        "OFF", "<<", "=",
    ];
    WORDS.contains(&s)
        || s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))
            && s.bytes().all(|b| {
                b.is_ascii_digit()
                    || matches!(b, b':' | b'_' | b'-' | b'+' | b'.' | b' ' | b'T' | b'Z')
            })
}

/// Quotes a string for YAML when a plain scalar would not read back the same.
pub fn quote(s: &str) -> Cow<'_, str> {
    let plain_ok = !s.is_empty()
        && !s.starts_with(|c: char| c.is_whitespace() || "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !s.ends_with(char::is_whitespace)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.contains([
            '\n', '\r', '\t', '[', ']', '{', '}', ',', '\u{85}', '\u{2028}', '\u{2029}',
        ])
        && !yaml11_reads_otherwise(s)
        && yaml::plain_is_text(s);
    if plain_ok {
        return Cow::Borrowed(s);
    }
    // JSON leaves DEL, the C1 controls (U+0085 among them, which YAML reads as a line break),
    // the line and paragraph separators U+2028/U+2029 (line breaks to YAML too) and
    // U+FFFE/U+FFFF as they are; YAML rejects or folds them unless escaped.
    let odd = |c: char| {
        matches!(
            c,
            '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
        )
    };
    let json = serde_json::to_string(s).expect("a string always serialises");
    if !json.contains(odd) {
        return Cow::Owned(json);
    }
    Cow::Owned(
        json.chars()
            .map(|c| match c {
                c if odd(c) => format!("\\u{:04x}", c as u32),
                c => c.to_string(),
            })
            .collect(),
    )
}

/// The slots of `text`, found by `schema`'s scanner (its ignore words and patterns too), or
/// by the built-in one without a schema.
pub fn scan_with(schema: Option<&Schema>, text: &str) -> Vec<crate::scan::Slot> {
    match schema {
        Some(schema) => schema.scanner().scan(text),
        None => crate::scan::scan(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_with_uses_the_schema_ignore_words() {
        let schema = Schema::parse(
            "version: 1\nignore: [X先生]\nfields:\n  组数:\n    anchors: [分为X个组]\n",
            "s.yaml",
        )
        .unwrap();
        let text = "联系X先生，分为X个组";
        assert_eq!(scan_with(Some(&schema), text).len(), 1);
        assert_eq!(scan_with(None, text).len(), 2);
    }

    /// A large schema (over a megabyte: its YAML is read in runs, its fields in batches, on
    /// several threads) keeps the file's order of fields and problems, each at its line.
    #[test]
    fn large_schema_keeps_order_of_fields_and_problems() {
        const FIELDS: usize = 30_000;
        let bad = [7, 7007, 14_007, 21_007, 28_007];
        let mut yaml = String::from("version: 1\nfields:\n");
        for i in 0..FIELDS {
            if bad.contains(&i) {
                yaml.push_str(&format!("  f{i}:\n    type: integer\n    min: low\n"));
            } else {
                yaml.push_str(&format!("  f{i}:\n    anchors: [第{i}项X个]\n"));
            }
        }
        assert!(yaml.len() > 1 << 20, "{} bytes", yaml.len());
        let good = Schema::parse(&yaml.replace("min: low", "min: 0"), "s.yaml").unwrap();
        let names: Vec<String> = (0..FIELDS).map(|i| format!("f{i}")).collect();
        assert!(good.fields.keys().eq(names.iter()));
        // Field i starts on line 3 + 2i, one line lower for each bad field (three lines)
        // before it.
        let last = &good.fields[FIELDS - 1];
        assert_eq!(last.anchors[0].text, format!("第{}项X个", FIELDS - 1));
        assert_eq!(
            last.anchors[0].at.line,
            3 + 2 * (FIELDS - 1) + bad.len() + 1
        );
        let err = Schema::parse(&yaml, "s.yaml").unwrap_err();
        let lines: Vec<usize> = err
            .each()
            .iter()
            .map(|e| e.location().expect("a problem has a place").line)
            .collect();
        // `min` is a bad field's third line.
        let expected: Vec<usize> = bad
            .iter()
            .enumerate()
            .map(|(k, &i)| 3 + 2 * i + k + 2)
            .collect();
        assert_eq!(lines, expected, "{err}");
    }

    const GOOD: &str = "version: 1\nfields:\n  单位:\n    label: 报告单位\n    anchors:\n      - X党委\n      - 现将X上半年\n  组数:\n    type: integer\n    min: 1\n    anchors: [分为X个组]\n";

    #[test]
    fn parses_fields_in_order() {
        let schema = Schema::parse(GOOD, "s.yaml").unwrap();
        let names: Vec<_> = schema.fields.keys().cloned().collect();
        assert_eq!(names, vec!["单位", "组数"]);
        let unit = &schema.fields["单位"];
        assert_eq!(unit.anchors[1].prefix(), "现将");
        assert_eq!(unit.anchors[1].slot(), "X");
        assert_eq!(unit.anchors[1].suffix(), "上半年");
        assert_eq!(unit.anchors[1].at.line, 7);
        assert_eq!(schema.fields["组数"].ty, FieldType::Integer);
        assert_eq!(schema.fields["组数"].min, Some(1.0));
    }

    #[test]
    fn to_yaml_reads_back() {
        let schema = Schema::parse(GOOD, "s.yaml").unwrap();
        let again = Schema::parse(&schema.to_yaml(), "t.yaml").unwrap();
        assert_eq!(again.to_yaml(), schema.to_yaml());
    }

    #[test]
    fn several_problems_at_once() {
        let text = "version: 2\nfields:\n  a:\n    type: integr\n    anchors: [没有占位]\n  b:\n    type: text\n    min: 3\n    anchors: [X月X日]\n";
        let err = Schema::parse(text, "s.yaml").unwrap_err();
        let messages: Vec<String> = err.each().iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 5, "{messages:#?}");
        assert!(messages[0].contains("version 2"));
        assert!(messages.iter().any(|m| m.contains("unknown type `integr`")));
        assert!(messages.iter().any(|m| m.contains("has no slot")));
        assert!(messages.iter().any(|m| m.contains("has 2 slots")));
        assert!(
            messages
                .iter()
                .any(|m| m.contains("option `min` does not apply"))
        );
        let type_err = err
            .each()
            .into_iter()
            .find(|e| e.to_string().contains("integr"))
            .unwrap();
        assert_eq!(type_err.location().unwrap().line, 4);
        assert_eq!(type_err.help().unwrap(), "did you mean `integer`?");
    }

    #[test]
    fn bracketed_anchor_names_its_slot() {
        let a = Anchor::parse(
            "20XX年[[X]]月",
            &Scanner::default(),
            Location::new("s", 1, 1),
        )
        .unwrap();
        assert_eq!((a.prefix(), a.slot(), a.suffix()), ("20XX年", "X", "月"));
        assert_eq!(a.needle(), "20XX年X月");
    }

    #[test]
    fn a_pattern_must_compile_alone() {
        // Issue 12: wrapped in `^(?:…)$`, `\d+)|(.*` compiles and matches anything.
        let text = "version: 1\nfields:\n  编号:\n    pattern: '\\d+)|(.*'\n    anchors: [X号]\n";
        let err = Schema::parse(text, "s.yaml").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`pattern` of field `编号` is not a valid regular expression"
        );
        let at = err.location().unwrap();
        assert_eq!((at.line, at.column), (4, 14));
        assert!(
            err.help().unwrap().contains("unopened group"),
            "{:?}",
            err.help()
        );
        let ok = Schema::parse(&text.replace(r"\d+)|(.*", r"\d+|[a-z]+"), "s.yaml").unwrap();
        let re = ok.fields[0].extras().pattern.as_ref().unwrap();
        assert!(re.is_match("12") && re.is_match("ab") && !re.is_match("12ab"));
    }

    #[test]
    fn version_as_text_is_version_one() {
        for v in ["!!str 1", "\"1\"", "'1'"] {
            let text = format!("version: {v}\nfields:\n  a:\n    anchors: [X党委]\n");
            assert!(Schema::parse(&text, "s.yaml").is_ok(), "{v}");
        }
        let err = Schema::parse("version: \"2\"\nfields: {}\n", "s.yaml").unwrap_err();
        assert!(
            err.to_string().contains("unsupported schema version 2"),
            "{err}"
        );
    }

    #[test]
    fn a_date_format_names_its_unknown_directive() {
        let text = "version: 1\nfields:\n  日期:\n    type: date\n    format: '%Y年%Q'\n    anchors: [于X召开]\n";
        let err = Schema::parse(text, "s.yaml").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`format` of field `日期` has the unknown directive `%Q`"
        );
        assert_eq!(err.location().unwrap().line, 5);
        let help = err.help().unwrap();
        assert!(
            help.contains("%Y (2026)") && help.contains("%CY (二〇二六)"),
            "{help}"
        );
        let chinese = text.replace("%Y年%Q", "%CY年%Cm月%Cd日");
        assert!(Schema::parse(&chinese, "s.yaml").is_ok());
    }

    #[test]
    fn a_field_name_is_not_empty() {
        for key in ["\"\"", "''", "\" \""] {
            let text = format!("version: 1\nfields:\n  {key}:\n    anchors: [X党委]\n");
            let err = Schema::parse(&text, "s.yaml").unwrap_err();
            assert_eq!(err.to_string(), "a field's name is empty", "{key}");
            assert_eq!(err.location().unwrap().line, 3);
        }
    }

    #[test]
    fn a_list_is_not_a_schema() {
        let err = Schema::parse("- a\n- b\n", "s.yaml").unwrap_err();
        assert!(err.to_string().contains("not a schema"));
    }

    #[test]
    fn quote_only_when_needed() {
        assert_eq!(quote("分为X个组"), "分为X个组");
        assert_eq!(quote("a: b"), "\"a: b\"");
        assert_eq!(quote("12"), "\"12\"");
        assert_eq!(quote("“X经济圈”"), "“X经济圈”");
        assert_eq!(quote("X，"), "X，");
        assert_eq!(quote("true"), "\"true\"");
        // Text that a YAML 1.1 reader (PyYAML) would read as a number, a boolean or a date.
        for s in [
            "9:30",
            "yes",
            "On",
            "n",
            "1_000",
            "2025-03-04",
            "0571-88886666",
        ] {
            assert_eq!(quote(s), format!("\"{s}\""), "{s}");
        }
        assert_eq!(quote("yes的"), "yes的");
        for odd in ["甲\u{2028}乙", "甲\u{2029}乙", "甲\u{85}乙", "a\tb"] {
            let (back, _) = yaml::load(&format!("k: {}\n", quote(odd)), "q.yaml").unwrap();
            assert_eq!(back.get("k").and_then(Node::as_str), Some(odd));
        }
    }

    #[test]
    fn to_yaml_writes_pattern_as_given() {
        let text = "version: 1\nfields:\n  a:\n    pattern: '[^X]+'\n    anchors: [X党委]\n";
        let yaml = Schema::parse(text, "s.yaml").unwrap().to_yaml();
        assert!(yaml.contains("pattern: \"[^X]+\"\n"), "{yaml}");
        let again = Schema::parse(&yaml, "s.yaml").unwrap();
        assert_eq!(
            again.fields["a"]
                .extras()
                .pattern
                .as_ref()
                .unwrap()
                .as_str(),
            "^(?:[^X]+)$"
        );
    }

    #[test]
    fn to_yaml_writes_list_mapping_and_multiline_defaults_that_read_back() {
        let text = "version: 1\nfields:\n  a:\n    default: {a: [1, 2]}\n    anchors: [X党委]\n  b:\n    default: [x]\n  c:\n    default: {k: v}\n  d:\n    default: \"一\\n二\\n\\n\"\n  e:\n    default: \"  缩进\\n\"\n  f:\n    default: |\n      缩进\n      二\n  g:\n    default: [\"  a\\nb\", {k: \"\\n c\\n\\n\"}]\n";
        let schema = Schema::parse(text, "s.yaml").unwrap();
        let yaml = schema.to_yaml();
        let again = Schema::parse(&yaml, "s.yaml").unwrap_or_else(|e| panic!("{e}\n{yaml}"));
        for (a, b) in schema.fields.values().zip(again.fields.values()) {
            assert_eq!(a.extras().default, b.extras().default, "{}\n{yaml}", a.name);
        }
        assert_eq!(again.to_yaml(), yaml);
    }

    #[test]
    fn a_tag_xfill_does_not_know_is_an_error_at_its_place() {
        let text =
            "version: 1\nfields:\n  a:\n    default: !custom {a: [1, 2]}\n    anchors: [X党委]\n";
        let err = Schema::parse(text, "s.yaml").unwrap_err();
        assert!(
            err.to_string().contains("unsupported tag `!custom`"),
            "{err}"
        );
        assert_eq!(err.location().unwrap().line, 4);
        assert!(err.help().unwrap().contains("remove the tag"), "{err}");
    }

    #[test]
    fn to_yaml_writes_bounds_that_read_back() {
        // Found by the schema fuzz target: `min: -0.` was written `-0` (read back as the
        // integer 0) and `max: 1e30` in 31 digits (an integer too large to read).
        for (given, written) in [
            ("-0.", "0"),
            ("1e30", "1e30"),
            ("-1.5", "-1.5"),
            ("3", "3"),
            ("0.1", "0.1"),
            ("1.5e-7", "1.5e-7"),
            (".inf", ".inf"),
            ("-.inf", "-.inf"),
        ] {
            let text = format!(
                "version: 1\nfields:\n  比例:\n    type: number\n    min: {given}\n    anchors: [X%]\n"
            );
            let yaml = Schema::parse(&text, "s.yaml").unwrap().to_yaml();
            assert!(
                yaml.contains(&format!("    min: {written}\n")),
                "{given}: {yaml}"
            );
            let again = Schema::parse(&yaml, "s.yaml").unwrap();
            assert_eq!(again.to_yaml(), yaml, "{given}");
        }
    }

    #[test]
    fn a_field_name_is_short_text() {
        // Found by the schema fuzz target: a list as a field's key became a name of 1,000+
        // characters that to_yaml could not write back.
        for text in [
            "version: 1\nfields:\n  ? [a, b]\n  : {anchors: [X党委]}\n".to_string(),
            format!(
                "version: 1\nfields:\n  {}:\n    anchors: [X党委]\n",
                "名".repeat(201)
            ),
        ] {
            let err = Schema::parse(&text, "s.yaml").unwrap_err().to_string();
            assert!(err.contains("field's name"), "{err}");
        }
        let ok = format!(
            "version: 1\nfields:\n  {}:\n    anchors: [X党委]\n",
            "名".repeat(200)
        );
        assert!(Schema::parse(&ok, "s.yaml").is_ok());
    }

    #[test]
    fn to_yaml_of_a_schema_without_fields_reads_back() {
        let yaml = Schema::empty("s.yaml").to_yaml();
        let again = Schema::parse(&yaml, "s.yaml").unwrap();
        assert!(again.fields.is_empty());
        assert_eq!(again.to_yaml(), yaml);
    }

    #[test]
    fn quote_escapes_what_yaml_folds_or_rejects() {
        for s in [
            "X\u{85}X",
            "a\u{7f}",
            "\u{80}",
            "b\u{9f}c",
            "\u{fffe}\u{ffff}",
        ] {
            let quoted = quote(s);
            let (back, _) = yaml::load(&format!("k: {quoted}\n"), "q.yaml").unwrap();
            assert_eq!(back.get("k").and_then(Node::as_str), Some(s), "{quoted}");
        }
        assert_eq!(quote("X\u{85}X"), "\"X\\u0085X\"");
    }

    proptest::proptest! {
        /// Whatever `quote` writes plain or quoted, as a value and as a list item, reads
        /// back as the same string.
        #[test]
        fn quoted_text_reads_back(s in "\\PC{0,12}|[a-zA-Z0-9 .:#~+\\-]{0,8}|[\u{0}-\u{ff}]{0,6}") {
            let quoted = quote(&s);
            let (back, _) = yaml::load(&format!("k: {quoted}\nl:\n  - {quoted}\n"), "q.yaml").unwrap();
            let item = match back.get("l").map(|l| &l.value) {
                Some(Yaml::Seq(items)) => items.first().and_then(Node::as_str),
                _ => None,
            };
            proptest::prop_assert_eq!(back.get("k").and_then(Node::as_str), Some(s.as_str()), "{}", quoted);
            proptest::prop_assert_eq!(item, Some(s.as_str()), "{}", quoted);
        }
    }
}
