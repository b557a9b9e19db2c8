//! Values file + `--set` → [`Values`]: each field's value, checked against its type and
//! written out as it will appear in the text, with the place it came from. Precedence:
//! schema default < values file < `--set`. Slots are another module's business.

use indexmap::IndexMap;
use std::borrow::Cow;

use serde_yaml::Value as Yaml;

use crate::error::{Error, Origin, did_you_mean};
use crate::schema::{Field, FieldType, Schema, scalar_text};
use crate::yaml;
use crate::yaml::Node;

/// A checked value: the text that goes into the slots, and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// What is written into the slots.
    pub text: String,
    /// Where it came from.
    pub origin: Origin,
}

/// The values of a fill, by field name, in schema order.
#[derive(Debug, Clone, Default)]
pub struct Values {
    map: IndexMap<String, Value>,
    /// Fields of the values file that the schema does not have (only with `skip_unknown`).
    pub skipped: Vec<(String, Origin)>,
}

impl Values {
    /// The value of `field`, if one was given.
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.map.get(field)
    }

    /// Field names and values, in schema order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.map.iter()
    }

    /// Number of fields with a value.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when no field has a value.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// A values file's text and display name.
pub struct Source<'a> {
    /// The YAML text.
    pub text: &'a str,
    /// The name shown in messages.
    pub file: &'a str,
}

/// Resolves the values for `schema`: its defaults, then `file`, then each `--set k=v` in
/// `sets`. Every problem is reported, not only the first.
pub fn resolve(schema: &Schema, file: Option<Source>, sets: &[String]) -> Result<Values, Error> {
    resolve_with(schema, file, sets, false)
}

/// As [`resolve`]; with `skip_unknown`, fields of the values file that the schema does not
/// have are listed in [`Values::skipped`] instead of being errors (carrying last year's
/// values into a new template whose schema dropped some fields).
pub fn resolve_with(
    schema: &Schema,
    file: Option<Source>,
    sets: &[String],
    skip_unknown: bool,
) -> Result<Values, Error> {
    let mut skipped = Vec::new();
    let mut errors = Vec::new();
    let mut given: IndexMap<String, Value> = IndexMap::new();

    for field in schema.fields.values() {
        if let Some(default) = &field.extras().default {
            let from = Origin::Default(schema.locate(&field.at));
            match check(field, &Node::from_value(default.clone()), &from) {
                Ok(Some(text)) => {
                    given.insert(field.name.clone(), Value { text, origin: from });
                }
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
    }

    if let Some(src) = file {
        match yaml::load(src.text, src.file) {
            Err(e) => errors.push(e),
            Ok((root, places)) => {
                match root {
                    Node::Map(map) => {
                        for (key, raw) in &map {
                            let name = key.key_name().into_owned();
                            let Some(field) = schema.fields.get(&name) else {
                                if skip_unknown {
                                    skipped
                                        .push((name.clone(), Origin::File(places.key(&[&name]))));
                                    continue;
                                }
                                errors.push(Error::UnknownField {
                                    did_you_mean: did_you_mean(
                                        &name,
                                        schema.fields.keys().map(String::as_str),
                                    ),
                                    name: name.clone(),
                                    from: Origin::File(places.key(&[&name])),
                                });
                                continue;
                            };
                            let from = Origin::File(places.value(&[&name]));
                            match check(field, raw, &from) {
                                Ok(Some(text)) => {
                                    given.insert(name, Value { text, origin: from });
                                }
                                Ok(None) => {}
                                Err(e) => errors.push(e),
                            }
                        }
                    }
                    Node::Null => {} // an empty values file gives no values
                    _ => errors.push(Error::Syntax {
                        at: places.key(&[]),
                        message: format!("{} must be a mapping of field names to values", src.file),
                        help: Some(
                            "write one `field: value` per line, e.g. `组数: 4`, not a list".into(),
                        ),
                    }),
                }
            }
        }
    }

    for arg in sets {
        let Some((name, raw)) = arg.split_once('=') else {
            errors.push(Error::BadSet { arg: arg.clone() });
            continue;
        };
        let name = name.trim();
        let from = Origin::Set(arg.clone());
        let Some(field) = schema.fields.get(name) else {
            errors.push(Error::UnknownField {
                did_you_mean: did_you_mean(name, schema.fields.keys().map(String::as_str)),
                name: name.to_string(),
                from,
            });
            continue;
        };
        match check(field, &Node::Str(Cow::Borrowed(raw)), &from) {
            Ok(Some(text)) => {
                given.insert(name.to_string(), Value { text, origin: from });
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    Error::collect(errors)?;

    let map = schema
        .fields
        .keys()
        .filter_map(|name| given.swap_remove(name).map(|v| (name.clone(), v)))
        .collect();
    Ok(Values { map, skipped })
}

/// The scalar values of a values file, without a schema to check them against (used to
/// tell data from slots when checking a finished document).
pub fn scalars(text: &str, file: &str) -> Result<Vec<String>, Error> {
    match yaml::parse(text, file)? {
        Yaml::Mapping(map) => Ok(map
            .values()
            .filter(|v| !matches!(v, Yaml::Null | Yaml::Sequence(_) | Yaml::Mapping(_)))
            .map(scalar_text)
            .collect()),
        Yaml::Null => Ok(Vec::new()),
        _ => Err(Error::Syntax {
            at: crate::error::Location::new(file, 1, 1),
            message: format!("{file} must be a mapping of field names to values"),
            help: Some("write one `field: value` per line, not a list".into()),
        }),
    }
}

/// Checks `raw` against `field`'s type; `Ok(None)` for an empty value (left unfilled).
fn check(field: &Field, raw: &Node, from: &Origin) -> Result<Option<String>, Error> {
    let given = match raw {
        Node::Null => return Ok(None),
        Node::Seq(_) | Node::Map(_) | Node::Other(_) => {
            return Err(bad(
                field,
                &raw.scalar_text().replace('\n', " "),
                "a single value",
                from,
                None,
            ));
        }
        _ => raw.scalar_text(),
    };
    // Only an error says this: built when one is.
    let declared = || {
        format!(
            "{}:{} declares `{}` as {}",
            field.at.file,
            field.at.line,
            field.name,
            field.ty.as_str()
        )
    };
    let text = match field.ty {
        FieldType::Text => {
            if let Some(re) = &field.extras().pattern
                && !re.is_match(&given)
            {
                let pattern = re
                    .as_str()
                    .trim_start_matches("^(?:")
                    .trim_end_matches(")$");
                return Err(bad(
                    field,
                    &given,
                    &format!("text matching /{pattern}/"),
                    from,
                    Some(declared()),
                ));
            }
            given
        }
        FieldType::Integer => {
            let n: i64 = match raw {
                Node::Number(n) if n.is_i64() => n.as_i64().expect("is_i64 was checked"),
                Node::Str(s) if s.trim().parse::<i64>().is_ok() => {
                    s.trim().parse().expect("parse was checked")
                }
                _ => {
                    return Err(bad(
                        field,
                        &given,
                        "an integer",
                        from,
                        Some(format!("write it in digits, e.g. 12 ({})", declared())),
                    ));
                }
            };
            in_range(field, n as f64, &given, from)?;
            match raw {
                // A quoted integer is written exactly as given ("007" keeps its zeros).
                Node::Str(s) => s.trim().to_string(),
                _ => n.to_string(),
            }
        }
        FieldType::Number => {
            let parsed = match raw {
                Node::Number(n) => n.as_f64(),
                Node::Str(s) => s.trim().parse::<f64>().ok(),
                _ => None,
            };
            let Some(n) = parsed.filter(|n| n.is_finite()) else {
                return Err(bad(
                    field,
                    &given,
                    "a number",
                    from,
                    Some(format!("write it in digits, e.g. 3.5 ({})", declared())),
                ));
            };
            in_range(field, n, &given, from)?;
            match (field.extras().decimals, raw) {
                (Some(d), _) => format!("{n:.d$}"),
                // A quoted number is written exactly as given ("3.50" keeps its zero).
                (None, Node::Str(s)) => s.trim().to_string(),
                (None, _) => given,
            }
        }
        FieldType::Date => {
            let Some((y, m, d)) = parse_date(&given) else {
                return Err(bad(
                    field,
                    &given,
                    "a date",
                    from,
                    Some(format!(
                        "write it as YYYY-MM-DD, e.g. 2024-05-01 ({})",
                        declared()
                    )),
                ));
            };
            format_date(
                field.extras().format.as_deref().unwrap_or("%Y年%-m月%-d日"),
                y,
                m,
                d,
            )
        }
        FieldType::Choice => {
            if !field.extras().choices.contains(&given) {
                let help = did_you_mean(&given, field.extras().choices.iter().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`?"))
                    .unwrap_or_else(|| {
                        format!("choose one of: {}", field.extras().choices.join(", "))
                    });
                return Err(bad(
                    field,
                    &given,
                    "one of the field's choices",
                    from,
                    Some(help),
                ));
            }
            given
        }
    };
    Ok(Some(text))
}

fn bad(field: &Field, value: &str, expected: &str, from: &Origin, help: Option<String>) -> Error {
    Error::BadValue {
        field: field.name.clone(),
        value: value.to_string(),
        expected: expected.to_string(),
        from: from.clone(),
        help,
    }
}

fn in_range(field: &Field, n: f64, given: &str, from: &Origin) -> Result<(), Error> {
    let low = field.min.is_some_and(|min| n < min);
    let high = field.max.is_some_and(|max| n > max);
    if !(low || high) {
        return Ok(());
    }
    let expected = match (field.min, field.max) {
        (Some(min), Some(max)) => format!("between {min} and {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => unreachable!("out of range needs a bound"),
    };
    Err(bad(
        field,
        given,
        &expected,
        from,
        Some(format!(
            "{}:{} sets the range of `{}`",
            field.at.file, field.at.line, field.name
        )),
    ))
}

/// `2024-05-01`, `2024/5/1`, `2024.5.1` or `2024年5月1日` → (year, month, day), if real.
fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let s = s.trim();
    let parts: Vec<&str> = s
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let (y, m, d) = (
        y.parse::<i32>().ok()?,
        m.parse::<u32>().ok()?,
        d.parse::<u32>().ok()?,
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1..=days).contains(&d) && (1000..=9999).contains(&y)).then_some((y, m, d))
}

/// Writes a date with `%Y`, `%m`, `%d` (zero-padded), `%-m`, `%-d` (not padded) and `%%`.
fn format_date(format: &str, y: i32, m: u32, d: u32) -> String {
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let unpadded = chars.next_if_eq(&'-').is_some();
        match (chars.next(), unpadded) {
            (Some('Y'), _) => out.push_str(&y.to_string()),
            (Some('m'), false) => out.push_str(&format!("{m:02}")),
            (Some('m'), true) => out.push_str(&m.to_string()),
            (Some('d'), false) => out.push_str(&format!("{d:02}")),
            (Some('d'), true) => out.push_str(&d.to_string()),
            (Some('%'), _) => out.push('%'),
            (Some(other), _) => {
                out.push('%');
                if unpadded {
                    out.push('-');
                }
                out.push(other);
            }
            (None, _) => out.push('%'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEMA: &str = "version: 1\nfields:\n  单位:\n    default: 某某局\n    anchors: [X党委]\n  组数:\n    type: integer\n    min: 1\n    max: 20\n    anchors: [分为X个组]\n  比例:\n    type: number\n    decimals: 1\n    anchors: [X%]\n  日期:\n    type: date\n    anchors: [于X召开]\n  级别:\n    type: choice\n    choices: [县级, 市级]\n    anchors: [X重点]\n";

    fn schema() -> Schema {
        Schema::parse(SCHEMA, "s.yaml").unwrap()
    }

    fn values(text: &str, sets: &[&str]) -> Result<Values, Error> {
        let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
        resolve(
            &schema(),
            Some(Source {
                text,
                file: "v.yaml",
            }),
            &sets,
        )
    }

    #[test]
    fn precedence_default_file_set() {
        let v = values("单位: 文件局\n组数: 4\n", &["组数=5"]).unwrap();
        assert_eq!(v.get("单位").unwrap().text, "文件局");
        assert_eq!(v.get("组数").unwrap().text, "5");
        assert_eq!(v.get("组数").unwrap().origin, Origin::Set("组数=5".into()));
        let v = values("组数: 4\n", &[]).unwrap();
        assert_eq!(v.get("单位").unwrap().text, "某某局");
        assert!(
            matches!(v.get("组数").unwrap().origin, Origin::File(ref at) if at.line == 1 && at.column == 5)
        );
    }

    #[test]
    fn non_number_for_integer_names_field_and_line() {
        let err = values("单位: 甲\n组数: 十二\n", &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "value \"十二\" for field `组数` is not an integer"
        );
        let at = err.location().unwrap();
        assert_eq!((&*at.file, at.line, at.column), ("v.yaml", 2, 5));
        assert!(
            err.help()
                .unwrap()
                .contains("s.yaml:6 declares `组数` as integer")
        );
    }

    #[test]
    fn range_choice_date_number() {
        assert!(
            values("组数: 30\n", &[])
                .unwrap_err()
                .to_string()
                .contains("between 1 and 20")
        );
        let err = values("级别: 县及\n", &[]).unwrap_err();
        assert_eq!(err.help().unwrap(), "did you mean `县级`?");
        assert!(values("日期: 2023-02-29\n", &[]).is_err());
        assert_eq!(
            values("日期: 2024-02-29\n", &[])
                .unwrap()
                .get("日期")
                .unwrap()
                .text,
            "2024年2月29日"
        );
        assert_eq!(
            values("比例: 12\n", &[]).unwrap().get("比例").unwrap().text,
            "12.0"
        );
    }

    #[test]
    fn unknown_field_suggests() {
        let err = values("组树: 3\n", &[]).unwrap_err();
        assert_eq!(err.help().unwrap(), "did you mean `组数`?");
        let err = values("", &["组树=3"]).unwrap_err();
        assert!(err.to_string().starts_with("--set names an unknown field"));
    }

    #[test]
    fn unknown_fields_can_be_skipped() {
        let text = "组数: 3\n旧字段: 1\n";
        let v = resolve_with(
            &schema(),
            Some(Source {
                text,
                file: "v.yaml",
            }),
            &[],
            true,
        )
        .unwrap();
        assert_eq!(v.get("组数").unwrap().text, "3");
        assert_eq!(v.skipped.len(), 1);
        assert_eq!(v.skipped[0].0, "旧字段");
    }

    #[test]
    fn all_problems_reported() {
        let err = values("组数: x\n比例: y\n", &["nothing"]).unwrap_err();
        assert_eq!(err.each().len(), 3);
    }

    #[test]
    fn list_is_not_a_values_file() {
        let err = values("- 组数: 3\n", &[]).unwrap_err();
        assert!(err.to_string().contains("must be a mapping"));
    }

    #[test]
    fn empty_value_stays_unfilled() {
        let v = values("组数:\n", &[]).unwrap();
        assert!(v.get("组数").is_none());
    }

    #[test]
    fn date_formats() {
        assert_eq!(format_date("%Y-%m-%d", 2024, 5, 1), "2024-05-01");
        assert_eq!(format_date("%Y年%-m月%-d日", 2024, 5, 1), "2024年5月1日");
        assert_eq!(parse_date("2024年5月1日"), Some((2024, 5, 1)));
        assert_eq!(parse_date("2024-13-01"), None);
    }
}
