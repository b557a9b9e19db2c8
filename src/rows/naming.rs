//! Output file names for batch rows: [`NamePattern`] (`{单位}-{#}.txt`) gives each row a
//! name, [`sanitize`] makes it one safe path component, and [`Names`] finds two rows with
//! the same one. Reading the rows is [`crate::rows`]'s; writing the files is the caller's.

use std::collections::HashMap;

use super::Row;
use crate::error::{Error, Location};
use crate::schema::Schema;

/// Longest file name [`sanitize`] gives, in UTF-8 bytes (most file systems allow 255).
pub const MAX_NAME_BYTES: usize = 200;

/// Makes `name` a safe name for a file in the output folder, or `None` when nothing is
/// left of it. In order:
///
/// 1. path separators (`/`, `\`), control characters (tab, newline, …), bidirectional
///    controls (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and `< > : " | ? *` become `_`;
/// 2. a run of dots becomes one dot, so `..` never appears;
/// 3. dots and white space at either end are removed (no hidden `.name`, no `name.`);
/// 4. a name whose part before the first dot is a Windows device name (CON, PRN, AUX, NUL,
///    COM0–COM9, LPT0–LPT9, CONIN$, CONOUT$, in any case) gets a leading `_`;
/// 5. a name longer than [`MAX_NAME_BYTES`] is cut, on a character boundary, before its
///    extension (an extension of up to 16 bytes is kept).
///
/// The result is one path component: joined to a folder, it names a file in that folder.
pub fn sanitize(name: &str) -> Option<String> {
    let mut clean = String::with_capacity(name.len());
    for c in name.chars() {
        let c = if c.is_control()
            || matches!(
                c,
                '/' | '\\'
                    | '<'
                    | '>'
                    | ':'
                    | '"'
                    | '|'
                    | '?'
                    | '*'
                    | '\u{200e}'
                    | '\u{200f}'
                    | '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
            ) {
            '_'
        } else {
            c
        };
        if c == '.' && clean.ends_with('.') {
            continue;
        }
        clean.push(c);
    }
    // Copied only when something is trimmed (most names: nothing, and no copy).
    let trim = |s: String| {
        let trimmed = s.trim_matches(|c: char| c == '.' || c.is_whitespace());
        if trimmed.len() == s.len() {
            s
        } else {
            trimmed.to_string()
        }
    };
    let mut clean = trim(clean);
    let stem = clean.split('.').next().unwrap_or("").trim_end();
    if is_device_name(stem) {
        clean.insert(0, '_');
    }
    if clean.len() > MAX_NAME_BYTES {
        let (stem, extension) = match clean.rfind('.') {
            Some(dot) if clean.len() - dot <= 17 && dot > 0 => {
                (&clean[..dot], Some(&clean[dot + 1..]))
            }
            _ => (clean.as_str(), None),
        };
        let room = MAX_NAME_BYTES - extension.map_or(0, |e| e.len() + 1);
        let mut cut = room.min(stem.len());
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        let stem = trim(stem[..cut].to_string());
        clean = match extension {
            Some(ext) if !stem.is_empty() => format!("{stem}.{ext}"),
            Some(ext) => ext.to_string(),
            None => stem,
        };
    }
    (!clean.is_empty()).then_some(clean)
}

fn is_device_name(stem: &str) -> bool {
    let named = |names: &[&str]| names.iter().any(|n| stem.eq_ignore_ascii_case(n));
    if named(&["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]) {
        return true;
    }
    // The first three bytes, when they are whole characters (`éé` has none).
    let Some((base, digit)) = stem.get(..3).map(|base| (base, &stem[3..])) else {
        return false;
    };
    (base.eq_ignore_ascii_case("COM") || base.eq_ignore_ascii_case("LPT"))
        && matches!(
            digit,
            "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³"
        )
}

/// An output file name pattern, such as `{单位}-{年度}.txt`: `{field}` is the row's value
/// of that field (or the field's schema default), `{#}` the row number padded with zeros,
/// `{{` and `}}` are braces. The name is then [`sanitize`]d.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePattern {
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Field(String),
    Number,
}

impl NamePattern {
    /// Parses a pattern; an unclosed or empty `{}` is an error located in `--name`.
    pub fn parse(pattern: &str) -> Result<NamePattern, Error> {
        let fail = |column: usize, message: &str, help: &str| Error::Syntax {
            at: Location::new("--name", 1, column).with_source(pattern, 1),
            message: format!("--name {pattern:?} {message}"),
            help: Some(help.into()),
        };
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = pattern.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' if chars.next_if(|&(_, c)| c == '{').is_some() => text.push('{'),
                '}' if chars.next_if(|&(_, c)| c == '}').is_some() => text.push('}'),
                '{' => {
                    let mut field = String::new();
                    let mut closed = false;
                    for (_, c) in chars.by_ref() {
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        field.push(c);
                    }
                    if !closed {
                        return Err(fail(
                            i + 1,
                            "has a `{` that is not closed",
                            "write {field} for a field's value, {{ for a brace",
                        ));
                    }
                    let field = field.trim();
                    if field.is_empty() {
                        return Err(fail(
                            i + 1,
                            "has an empty {}",
                            "put a field name between the braces, or {#} for the row number",
                        ));
                    }
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(if field == "#" {
                        Piece::Number
                    } else {
                        Piece::Field(field.to_string())
                    });
                }
                '}' => {
                    return Err(fail(
                        i + 1,
                        "has a `}` that opens nothing",
                        "write }} for a brace",
                    ));
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(NamePattern { pieces })
    }

    /// The default: the row number, then `.` and `extension` (`0001.txt`).
    pub fn numbered(extension: &str) -> NamePattern {
        let mut pieces = vec![Piece::Number];
        if !extension.is_empty() {
            pieces.push(Piece::Text(format!(".{extension}")));
        }
        NamePattern { pieces }
    }

    /// Whether every name is made of the row's number (and fixed text) alone: no two rows
    /// can have the same name.
    pub fn is_numbered(&self) -> bool {
        self.pieces.contains(&Piece::Number)
            && !self.pieces.iter().any(|p| matches!(p, Piece::Field(_)))
    }

    /// The fields the pattern uses, in order, with repeats.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Field(f) => Some(f.as_str()),
            _ => None,
        })
    }

    /// The sanitised file name of `row`, its number padded with zeros to `width` digits;
    /// `Err` says why the row has none (a field without value, nothing left of the name).
    pub fn name(&self, row: &Row, schema: &Schema, width: usize) -> Result<String, String> {
        self.name_as_given(row, schema, width).map(|(safe, _)| safe)
    }

    /// As [`NamePattern::name`], with the name as the pattern gave it before it was made
    /// safe (the two differ for `../x`, `a/b`, a device name…).
    pub fn name_as_given(
        &self,
        row: &Row,
        schema: &Schema,
        width: usize,
    ) -> Result<(String, String), String> {
        use std::fmt::Write;
        let mut name = String::with_capacity(32);
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => name.push_str(t),
                Piece::Number => {
                    let _ = write!(name, "{:0width$}", row.number);
                }
                Piece::Field(f) => {
                    if let Some(v) = row.get(f) {
                        name.push_str(v.trim());
                        continue;
                    }
                    let default = schema
                        .fields
                        .get(f)
                        .and_then(|field| field.extras().default.as_ref())
                        .map(|d| d.scalar_text())
                        .filter(|s| !s.trim().is_empty());
                    match default {
                        Some(v) => name.push_str(v.trim()),
                        None => return Err(format!("no value for `{f}`, which --name uses")),
                    }
                }
            }
        }
        match sanitize(&name) {
            Some(safe) => Ok((safe, name)),
            None => Err(format!(
                "--name gives nothing usable as a file name ({name:?})"
            )),
        }
    }
}

/// The digits of the row number in names: at least 4 (`0001`), more for more rows.
pub fn number_width(rows: usize) -> usize {
    rows.to_string().len().max(4)
}

/// The file names given so far, to find two rows with the same one. Names are compared
/// ignoring case, as Windows and macOS folders do.
#[derive(Debug, Default)]
pub struct Names {
    seen: HashMap<String, usize>,
    clashes: Vec<(usize, usize, usize, String)>,
}

/// Clashes listed one by one before the rest are counted.
const CLASHES_SHOWN: usize = 20;

impl Names {
    /// No names yet.
    pub fn new() -> Names {
        Names::default()
    }

    /// Adds `row`'s file name; a name already given is remembered as a clash.
    pub fn add(&mut self, name: &str, row: &Row) {
        let key = name.to_lowercase();
        match self.seen.get(&key) {
            Some(&first) => self
                .clashes
                .push((first, row.number, row.line, name.to_string())),
            None => {
                self.seen.insert(key, row.number);
            }
        }
    }

    /// The row that gave `name` (ignoring case), if one did.
    pub fn row_of(&self, name: &str) -> Option<usize> {
        self.seen.get(&name.to_lowercase()).copied()
    }

    /// `Ok` when no two rows gave the same name; else one error per clash (the first
    /// twenty, then a count), located at the later row's line of `file`.
    pub fn check(&self, file: &str) -> Result<(), Error> {
        let total = self.clashes.len();
        let mut errors: Vec<Error> = self
            .clashes
            .iter()
            .take(CLASHES_SHOWN)
            .map(|(first, second, line, name)| Error::Syntax {
                at: Location::new(file, *line, 1),
                message: format!("rows {first} and {second} both get the file name `{name}`"),
                help: Some(
                    "make --name tell the rows apart, e.g. add {#} (the row number) or another field"
                        .into(),
                ),
            })
            .collect();
        if total > CLASHES_SHOWN {
            errors.push(Error::Syntax {
                at: Location::new(file, 1, 1),
                message: format!(
                    "… and {} more rows whose file name is taken",
                    total - CLASHES_SHOWN
                ),
                help: None,
            });
        }
        Error::collect(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rows::{Rows, detect};

    fn schema() -> Schema {
        Schema::parse(super::super::tests::SCHEMA, "s.yaml").unwrap()
    }

    fn read(data: &[u8], extension: Option<&str>) -> Result<Vec<Row>, Error> {
        let input = detect(data, extension).unwrap();
        Rows::new(data, "rows", input)?.collect()
    }

    macro_rules! sanitize_cases {
        ($($name:ident: $input:expr => $want:expr,)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(sanitize($input).as_deref(), $want);
            }
        )*};
    }

    sanitize_cases! {
        plain_name_is_kept:        "青石镇-2023.txt"   => Some("青石镇-2023.txt"),
        parent_folder_is_flattened: "../x.txt"          => Some("_x.txt"),
        absolute_path_is_flattened: "/etc/x"            => Some("_etc_x"),
        windows_path_is_flattened: "C:\\a\\b.txt"       => Some("C__a_b.txt"),
        dot_dot_alone_is_nothing:  ".."                 => None,
        dot_runs_collapse:         "a...b..txt"         => Some("a.b.txt"),
        hidden_file_loses_its_dot: ".bashrc"            => Some("bashrc"),
        trailing_dot_and_space:    "报告. "             => Some("报告"),
        control_characters:        "a\tb\nc\u{7f}.txt"  => Some("a_b_c_.txt"),
        reserved_characters:       "a<b>c:d\"e|f?g*.txt" => Some("a_b_c_d_e_f_g_.txt"),
        bidi_override:             "a\u{202e}txt.exe"   => Some("a_txt.exe"),
        device_name:               "con.txt"            => Some("_con.txt"),
        device_name_with_digit:    "LPT1"               => Some("_LPT1"),
        not_a_device_name:         "console.txt"        => Some("console.txt"),
        only_spaces_is_nothing:    "  "                 => None,
        device_name_with_superscript: "com³.txt"       => Some("_com³.txt"),
        // Its third byte is inside a character: looking for COM or LPT there panicked.
        accents_are_no_device_name: "éé.txt"            => Some("éé.txt"),
        cjk_is_no_device_name:     "青石"               => Some("青石"),
    }

    #[test]
    fn long_name_is_cut_before_its_extension() {
        let long = format!("{}.docx", "单".repeat(100));
        let cut = sanitize(&long).unwrap();
        assert!(cut.len() <= MAX_NAME_BYTES, "{}", cut.len());
        assert!(cut.ends_with("单.docx"));
        let no_ext = "x".repeat(300);
        assert_eq!(sanitize(&no_ext).unwrap().len(), MAX_NAME_BYTES);
    }

    #[test]
    fn sanitized_names_are_one_component() {
        for name in [
            "../../etc/passwd",
            "/",
            "a/../../b",
            "..\\..\\x",
            "./.",
            "a/./b",
        ] {
            if let Some(clean) = sanitize(name) {
                let mut parts = std::path::Path::new(&clean).components();
                assert!(
                    matches!(parts.next(), Some(std::path::Component::Normal(_))),
                    "{clean}"
                );
                assert!(parts.next().is_none(), "{clean}");
            }
        }
    }

    #[test]
    fn name_patterns() {
        let rows = read("单位,组数\n../A,4\n,5\n".as_bytes(), Some("csv")).unwrap();
        let schema = schema();
        let p = NamePattern::parse("{单位}-{年度}-{#}{{x}}.txt").unwrap();
        assert_eq!(p.fields().collect::<Vec<_>>(), ["单位", "年度"]);
        assert_eq!(p.name(&rows[0], &schema, 4).unwrap(), "_A-2024-0001{x}.txt");
        assert!(p.name(&rows[1], &schema, 4).unwrap_err().contains("`单位`"));
        assert_eq!(
            NamePattern::numbered("docx")
                .name(&rows[1], &schema, 5)
                .unwrap(),
            "00002.docx"
        );
        for bad in ["{单位", "{}", "a}b"] {
            assert!(NamePattern::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(number_width(10_000), 5);
        assert_eq!(number_width(12), 4);
    }

    #[test]
    fn names_clash_ignoring_case() {
        let rows = read(b"a\nX\nx\ny\n", Some("csv")).unwrap();
        let mut names = Names::new();
        for row in &rows {
            names.add(&format!("{}.txt", row.get("a").unwrap()), row);
        }
        assert_eq!(names.row_of("X.TXT"), Some(1));
        let err = names.check("rows.csv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "rows 1 and 2 both get the file name `x.txt`"
        );
        assert_eq!(err.location().unwrap().line, 3);
    }
}
