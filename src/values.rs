//! Values file + `--set` → [`Values`]: each field's value, checked against its type and
//! written out as it will appear in the text, with the place it came from. Precedence:
//! schema default < values file < `--set`. Slots are another module's business, but a
//! field's anchors say what its slots stand for: the parts of a date (`20XX年[[X]]月`), the
//! unit written after a number (`X万元`).

use indexmap::IndexMap;
use std::borrow::Cow;

use crate::date::{self, Date, Part};
use crate::error::{Error, Origin, did_you_mean};
use crate::numeral;
use crate::schema::{Field, FieldType, Schema};
use crate::yaml::{self, Node, Value as Yaml};

/// A checked value: the text that goes into the slots, and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// What is written into the slots.
    pub text: String,
    /// Where it came from.
    pub origin: Origin,
    /// For a date field: the date and the parts the field's format writes in Chinese
    /// numerals, for the slots that take one part of it.
    date: Option<(Date, [bool; 3])>,
}

impl Value {
    /// What goes into one slot of the field: the value's text, or for a date field a slot
    /// followed by 年, 月, 日 or 号 (`after`, the template's character after the slot) gets
    /// that part, in the form the slot's own text (`slot`: `20XX`, `xx`, `X`) shows. `None`
    /// when the date lacks that part.
    pub fn slot_text(&self, slot: &str, after: Option<char>) -> Option<Cow<'_, str>> {
        slot_text(&self.text, self.date.as_ref(), slot, after)
    }

    /// The date of a date field's value.
    pub fn date(&self) -> Option<&Date> {
        self.date.as_ref().map(|(d, _)| d)
    }
}

/// The values of a fill, by field name, in schema order.
#[derive(Debug, Clone, Default)]
pub struct Values {
    map: IndexMap<String, Value, rustc_hash::FxBuildHasher>,
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

    /// These values over `shared` (a batch row's over the values every row shares): a field
    /// given here, other than by the schema's default, keeps its value; every other field
    /// takes `shared`'s. Schema order is kept. A field that writes another's amount again
    /// (`equals`) is checked against it once more, as the two may now come from either side.
    pub fn over(mut self, shared: &Values, schema: &Schema) -> Result<Values, Error> {
        let mut given: Vec<Option<Value>> = schema
            .fields
            .keys()
            .map(|name| match self.map.swap_remove(name) {
                Some(own) if !matches!(own.origin, Origin::Default(_)) => Some(own),
                own => shared.map.get(name).cloned().or(own),
            })
            .collect();
        let mut errors = Vec::new();
        equal_amounts(schema, &mut given, &mut errors);
        Error::collect(errors)?;
        Ok(Values::in_order(schema, given, self.skipped))
    }

    /// The values `given` for the schema's fields, in its order.
    fn in_order(
        schema: &Schema,
        given: Vec<Option<Value>>,
        skipped: Vec<(String, Origin)>,
    ) -> Values {
        // Made at its size: collected from a filtered iterator, the map grew (and rehashed)
        // several times for every row of a batch.
        let mut map = IndexMap::with_capacity_and_hasher(
            given.iter().filter(|v| v.is_some()).count(),
            Default::default(),
        );
        map.extend(
            schema
                .fields
                .keys()
                .zip(given)
                .filter_map(|(name, v)| v.map(|v| (name.clone(), v))),
        );
        Values { map, skipped }
    }
}

/// A values file's text and display name.
pub struct Source<'a> {
    /// The YAML text.
    pub text: &'a str,
    /// The name shown in messages.
    pub file: &'a str,
}

/// A value given one at a time (a `--set`, a row's cell, a form's input): its field, its
/// text as written, and where it comes from (for messages).
#[derive(Debug, Clone)]
pub struct Given<'a> {
    /// The field's name.
    pub field: &'a str,
    /// The value as written.
    pub raw: &'a str,
    /// Where it was given.
    pub origin: Origin,
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
    let mut bad = Vec::new();
    let given: Vec<Given> = sets
        .iter()
        .filter_map(|arg| match arg.split_once('=') {
            Some((field, raw)) => Some(Given {
                field: field.trim(),
                raw,
                origin: Origin::Set(arg.clone()),
            }),
            None => {
                bad.push(Error::BadSet { arg: arg.clone() });
                None
            }
        })
        .collect();
    match resolve_given(schema, file, &given, skip_unknown) {
        Ok(values) if bad.is_empty() => Ok(values),
        Ok(_) => Err(Error::collect(bad).expect_err("bad is not empty")),
        Err(e) => {
            bad.insert(0, e);
            Err(Error::collect(bad).expect_err("bad is not empty"))
        }
    }
}

/// The values of the values file `path` (`-` is standard input), if any, and of `sets`
/// (`field=value`, each winning over the file), checked against `schema`; with
/// `skip_unknown`, a field the schema lacks is skipped (and listed) instead of refused. A
/// file that is refused and has `fields:` says it looks like a schema.
pub fn load(
    schema: &Schema,
    path: Option<&std::path::Path>,
    sets: &[String],
    skip_unknown: bool,
) -> Result<Values, Error> {
    let file = path
        .map(|p| crate::files::read_document(p, None))
        .transpose()?;
    let source = file.as_ref().map(|(name, doc)| Source {
        text: &doc.text,
        file: name,
    });
    resolve_with(schema, source, sets, skip_unknown).map_err(|e| match &file {
        Some((name, doc)) if yaml::has_block_key(&doc.text, "fields") => Error::Usage {
            message: format!("{name} has `fields:`: it looks like a schema, not a values file"),
            help: "did you swap --schema and --values? `xfill values TEMPLATE --schema S` writes \
                   a values file to fill in"
                .into(),
        },
        _ => e,
    })
}

/// Resolves the values for `schema`: its defaults, then `file`, then each of `given` (a
/// field named in `given` wins over the file). Every problem is reported, not only the
/// first; with `skip_unknown`, the file's fields the schema lacks are skipped (see
/// [`resolve_with`]).
pub fn resolve_given(
    schema: &Schema,
    file: Option<Source>,
    given_items: &[Given],
    skip_unknown: bool,
) -> Result<Values, Error> {
    let mut skipped = Vec::new();
    let mut errors = Vec::new();
    // A value per field of the schema, by the field's index: a batch resolves a row's
    // values 10,000s of times, and hashing each name into a map of its own cost a third
    // of a 10,000-row batch.
    let mut given: Vec<Option<Value>> = Vec::new();
    given.resize_with(schema.fields.len(), || None);

    for (f, field) in schema.fields.values().enumerate() {
        if let Some(default) = &field.extras().default {
            let from = Origin::Default(schema.locate(&field.at));
            keep(
                &mut given[f],
                &mut errors,
                field,
                Raw::Node(&Node::new(default.clone())),
                from,
            );
        }
    }

    // "Did you mean" suggests only fields not given a value in the same place (the file, or
    // the --set arguments): a name written there already is not the one the user was after.
    // (A --set may still be meant for a field of the file: --set wins over the file.)
    let set_names = || -> std::collections::HashSet<String> {
        given_items.iter().map(|g| g.field.to_string()).collect()
    };
    let suggest = |name: &str, named: &std::collections::HashSet<String>| {
        did_you_mean(
            name,
            schema
                .fields
                .keys()
                .map(String::as_str)
                .filter(|f| !named.contains(*f)),
        )
    };
    if let Some(src) = file {
        match yaml::load(src.text, src.file) {
            Err(e) => errors.push(e),
            Ok((root, places)) => {
                match root.value {
                    Yaml::Map(map) => {
                        // The names the file gives, for a "did you mean" only: made at the
                        // first unknown name (the 1 MB bench document's 440 values: 9.64 →
                        // 9.38 million instructions to load them, callgrind).
                        let named = std::cell::OnceCell::new();
                        let named = || -> &std::collections::HashSet<String> {
                            named.get_or_init(|| {
                                map.iter()
                                    .map(|(key, _)| key.key_name().into_owned())
                                    .collect()
                            })
                        };
                        for (key, raw) in &map {
                            let name = key.key_name().into_owned();
                            let Some((f, _, field)) = schema.fields.get_full(&name) else {
                                if skip_unknown {
                                    skipped.push((name.clone(), Origin::File(places.at(key))));
                                    continue;
                                }
                                errors.push(Error::UnknownField {
                                    did_you_mean: suggest(&name, named()),
                                    name: name.clone(),
                                    from: Origin::File(places.at(key)),
                                });
                                continue;
                            };
                            let from = Origin::File(places.value_at(key, raw));
                            keep(&mut given[f], &mut errors, field, Raw::Node(raw), from);
                        }
                    }
                    Yaml::Null => {} // an empty values file gives no values
                    _ => errors.push(Error::Syntax {
                        at: places.top(),
                        message: format!("{} must be a mapping of field names to values", src.file),
                        help: Some(
                            "write one `field: value` per line, e.g. `组数: 4`, not a list".into(),
                        ),
                    }),
                }
            }
        }
    }

    for item in given_items {
        let (name, raw) = (item.field, item.raw);
        let from = item.origin.clone();
        let Some((f, _, field)) = schema.fields.get_full(name) else {
            errors.push(Error::UnknownField {
                did_you_mean: suggest(name, &set_names()),
                name: name.to_string(),
                from,
            });
            continue;
        };
        keep(&mut given[f], &mut errors, field, Raw::Str(raw), from);
    }
    if errors.is_empty() {
        equal_amounts(schema, &mut given, &mut errors);
    }
    Error::collect(errors)?;
    Ok(Values::in_order(schema, given, skipped))
}

/// A field that writes another's amount again (`equals`, as `月租金大写` does `月租金`) takes
/// that amount when it is not given, and is refused when given another: the two never
/// disagree in a filled document.
fn equal_amounts(schema: &Schema, given: &mut [Option<Value>], errors: &mut Vec<Error>) {
    for (f, field) in schema.fields.values().enumerate() {
        let Some((g, _, other)) = field
            .extras()
            .equals
            .as_deref()
            .and_then(|o| schema.fields.get_full(o))
        else {
            continue;
        };
        let Some(amount) = given[g].clone() else {
            continue;
        };
        // `3000.00` is a whole amount too.
        let text = amount.text.replace(',', "");
        let whole = match text.split_once('.') {
            Some((int, fraction)) if fraction.bytes().all(|b| b == b'0') => int,
            _ => &text,
        };
        let mut derived = None;
        let mut refused = Vec::new();
        keep(
            &mut derived,
            &mut refused,
            field,
            Raw::Str(whole),
            amount.origin.clone(),
        );
        if !refused.is_empty() {
            errors.push(Error::BadValue {
                field: other.name.clone(),
                value: amount.text.clone(),
                expected: format!("an amount `{}` can write again (a whole one)", field.name),
                from: amount.origin.clone(),
                help: Some(format!(
                    "`{}` writes this amount again in financial numerals, which take whole amounts (and its `min`, `max`)",
                    field.name
                )),
            });
            continue;
        }
        match (&given[f], derived) {
            (None, derived) => given[f] = derived,
            (Some(own), Some(derived)) if own.text != derived.text => {
                errors.push(Error::BadValue {
                    field: field.name.clone(),
                    value: own.text.clone(),
                    expected: format!("the amount of `{}`, {}", other.name, amount.text),
                    from: own.origin.clone(),
                    help: Some(format!(
                        "`{}` writes the amount of `{}` again: give it the same amount, or leave it out and it is written from `{}`",
                        field.name, other.name, other.name
                    )),
                })
            }
            _ => {}
        }
    }
}

/// The scalar values of a values file, without a schema to check them against (used to
/// tell data from slots when checking a finished document).
pub fn scalars(text: &str, file: &str) -> Result<Vec<String>, Error> {
    match yaml::load(text, file)?.0.value {
        Yaml::Map(map) => Ok(map
            .iter()
            .filter(|(_, v)| !matches!(v.value, Yaml::Null | Yaml::Seq(_) | Yaml::Map(_)))
            .map(|(_, v)| v.scalar_text())
            .collect()),
        Yaml::Null => Ok(Vec::new()),
        _ => Err(Error::Syntax {
            at: crate::error::Location::new(file, 1, 1),
            message: format!("{file} must be a mapping of field names to values"),
            help: Some("write one `field: value` per line, not a list".into()),
        }),
    }
}

/// A checked value's text (borrowed from the text given when written as given) and, for a
/// date field, its date and the parts written in Chinese numerals.
pub(crate) type Checked<'a> = (Cow<'a, str>, Option<(Date, [bool; 3])>);

/// A value to check: a YAML node, or text as written (a `--set`, a batch row's cell).
#[derive(Clone, Copy)]
enum Raw<'a> {
    Node(&'a Node),
    Str(&'a str),
}

/// `raw` checked for `field` as the value in `slot` (an empty one leaves it), or its error.
fn keep(slot: &mut Option<Value>, errors: &mut Vec<Error>, field: &Field, raw: Raw, from: Origin) {
    match check(field, raw, &from) {
        Ok(Some((text, date))) => {
            *slot = Some(Value {
                text: text.into_owned(),
                origin: from,
                date,
            })
        }
        Ok(None) => {}
        Err(e) => errors.push(e),
    }
}

/// A batch row's cell `raw` checked for `field` as [`resolve_given`] checks it, its text
/// borrowed from `raw` when written as given; `None` when it is refused (what is wrong is
/// for [`resolve_given`] to say: this is the path of the rows that are right).
pub(crate) fn check_cell<'a>(field: &Field, raw: &'a str) -> Option<Checked<'a>> {
    // The origin shows only in an error, which is dropped.
    check_text(field, raw, None, &Origin::Set(String::new())).ok()
}

/// What goes into one slot of a field whose value is `text` (and `date`, for a date field):
/// see [`Value::slot_text`].
pub(crate) fn slot_text<'v>(
    text: &'v str,
    date: Option<&(Date, [bool; 3])>,
    slot: &str,
    after: Option<char>,
) -> Option<Cow<'v, str>> {
    match (date, Part::after_slot(after)) {
        (Some((date, chinese)), Some(part)) => date
            .part_text(part, slot, chinese[part as usize])
            .map(Cow::Owned),
        _ => Some(Cow::Borrowed(text)),
    }
}

/// Checks `raw` against `field`'s type; `Ok(None)` for an empty value (left unfilled).
fn check<'a>(field: &Field, raw: Raw<'a>, from: &Origin) -> Result<Option<Checked<'a>>, Error> {
    // Text is borrowed, not copied into a YAML node first: a batch checks a value per cell
    // of every row (20 columns, 10,000 rows: 400,000 allocations fewer, of the 1.09 million
    // that this change and those beside it cut; malloc calls counted with a uprobe).
    let raw = match raw {
        Raw::Str(s) => return check_text(field, s, None, from).map(Some),
        Raw::Node(raw) => raw,
    };
    let given = match raw.value {
        Yaml::Null => return Ok(None),
        Yaml::Seq(_) | Yaml::Map(_) => {
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
    // A YAML number: as the file wrote it when that is plain digits (`3000.50` keeps its
    // zero), else as YAML reads it.
    let written = match (&raw.value, field.ty) {
        (Yaml::Number(n), FieldType::Integer | FieldType::Number) => {
            written_number(from, Some(n.as_f64()))
        }
        _ => None,
    };
    check_text(field, &given, written.as_deref(), from)
        .map(|(text, date)| Some((Cow::Owned(text.into_owned()), date)))
}

/// Checks the text `given` against `field`'s type; for a number, `written` is how the
/// values file wrote it, when that is to be kept.
fn check_text<'a>(
    field: &Field,
    given: &'a str,
    written: Option<&'a str>,
    from: &Origin,
) -> Result<Checked<'a>, Error> {
    // A NUL or an escape sequence written into a document is invisible there and breaks
    // what reads it next (`check` refuses such a file, Word cannot hold it).
    if let Some((at, c)) = given
        .chars()
        .enumerate()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(bad(
            field,
            given,
            &format!(
                "text without control characters: it holds U+{:04X} at character {}",
                c as u32,
                at + 1
            ),
            from,
            Some(
                "remove it; a value may hold tabs and line breaks, not other control characters"
                    .into(),
            ),
        ));
    }
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
                && !re.is_match(given)
            {
                let pattern = re
                    .as_str()
                    .strip_prefix("^(?:")
                    .and_then(|p| p.strip_suffix(")$"))
                    .unwrap_or(re.as_str());
                let expected = match crate::schema::pattern_meaning(pattern) {
                    Some(meaning) => format!("{meaning}: /{pattern}/"),
                    None => format!("text matching /{pattern}/"),
                };
                return Err(bad(field, given, &expected, from, Some(declared())));
            }
            Cow::Borrowed(given)
        }
        FieldType::Integer | FieldType::Number => {
            let integer = field.ty == FieldType::Integer;
            let (what, example) = if integer {
                ("an integer", "12 or 十二")
            } else {
                ("a number", "3.5 or 3000.50")
            };
            let text = written.unwrap_or(given.trim());
            // The unit the template writes after every slot of the field (`万元` of
            // `X万元`), if they all write the same one. Looked for only when the value is
            // not a plain number: reading the text after each anchor for every cell of a
            // batch was 2% of its samples.
            let unit = || {
                let mut units = field.anchors.iter().map(|a| leading_unit(a.suffix()));
                units
                    .next()
                    .filter(|u| !u.is_empty())
                    .filter(|u| units.all(|v| v == *u))
            };
            let Some((number, n)) = read_number(text, integer)
                .map(|n| (text, n))
                .or_else(|| without_unit(text, unit()?, integer))
            else {
                let unit = unit();
                // A unit in the value: money, a percentage, or what the template writes.
                let (number, tail) = split_unit(text);
                let is_unit = !tail.is_empty()
                    && read_number(number, integer).is_some()
                    && (UNITS.contains(&tail) || unit.is_some_and(|u| u.starts_with(tail)));
                let help = match unit {
                    Some(unit) if is_unit => format!(
                        "write the number alone: the template writes `{unit}` after the slot"
                    ),
                    None if is_unit => {
                        format!("write the number alone, without `{tail}` ({})", declared())
                    }
                    _ => format!(
                        "write it in digits or Chinese numerals, e.g. {example} ({})",
                        declared()
                    ),
                };
                return Err(bad(field, given, what, from, Some(help)));
            };
            in_range(field, n, given, from)?;
            if field.extras().format.as_deref() == Some(numeral::FINANCIAL) {
                // `（大写：XXXX元整）`: the amount in financial numerals, whole yuan.
                if n < 0.0 || n.fract() != 0.0 || n >= 1e16 {
                    return Err(bad(
                        field,
                        given,
                        "a whole amount (its format writes it in financial numerals)",
                        from,
                        Some("write it in whole units, e.g. 3500 or 叁仟伍佰".to_string()),
                    ));
                }
                return Ok((Cow::Owned(numeral::write_financial(n as u64)), None));
            }
            let chinese = number.chars().any(numeral::is_numeral_char);
            match (field.extras().decimals, chinese) {
                (Some(d), false) if !integer => Cow::Owned(format!("{n:.d$}")),
                // As given: "007" keeps its zeros, "三百" stays in Chinese.
                _ => Cow::Borrowed(number),
            }
        }
        FieldType::Date => {
            let format = field
                .extras()
                .format
                .as_deref()
                .unwrap_or(date::DEFAULT_FORMAT);
            let (needs, unknown) = date_needs(field, format);
            let example = date_example(needs);
            let Some(date) = Date::read(given, format) else {
                return Err(bad(
                    field,
                    given,
                    "a date",
                    from,
                    Some(format!("write it as {example} ({})", declared())),
                ));
            };
            if let Err(why) = date.check() {
                return Err(bad(field, given, "a real date", from, Some(why)));
            }
            let missing: Vec<&str> = Part::ALL
                .into_iter()
                .filter(|&p| needs[p as usize] && date.get(p).is_none())
                .map(Part::name)
                .collect();
            if !missing.is_empty() {
                return Err(bad(
                    field,
                    given,
                    &format!("a date with a {}", missing.join(" and a ")),
                    from,
                    Some(format!(
                        "the template has a slot for its {}; write it as {example} ({})",
                        missing.join(" and its "),
                        declared()
                    )),
                ));
            }
            // Only the parts the template has: a full date given for `X月X日` reads, and
            // is read back by extract, as the month and day it fills.
            let date = if unknown { date } else { date.only(needs) };
            let chinese = date::style(format).chinese;
            return Ok((Cow::Owned(date.text(format)), Some((date, chinese))));
        }
        FieldType::Choice => {
            if !field.extras().choices.iter().any(|c| c == given) {
                let help = did_you_mean(given, field.extras().choices.iter().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`?"))
                    .unwrap_or_else(|| {
                        format!("choose one of: {}", field.extras().choices.join(", "))
                    });
                return Err(bad(
                    field,
                    given,
                    "one of the field's choices",
                    from,
                    Some(help),
                ));
            }
            Cow::Borrowed(given)
        }
    };
    Ok((text, None))
}

/// The parts of a date that `field`'s slots need: those its anchors name by the character
/// after the slot (`20XX年[[X]]月` a month), and all that `format` writes when an anchor
/// names none (the whole date goes into that slot) or the field has no anchor. An anchor
/// that ends with its slot says nothing of what follows it in the template: a `20XX` slot is
/// a year, any other is unknown (second of the pair), and then the date keeps all the parts
/// given.
fn date_needs(field: &Field, format: &str) -> ([bool; 3], bool) {
    let mut needs = [false; 3];
    let mut whole = false;
    let mut unknown = false;
    for anchor in &field.anchors {
        match Part::after_slot(anchor.suffix().chars().next()) {
            Some(part) => needs[part as usize] = true,
            None if anchor.suffix().is_empty() => {
                let slot: Vec<char> = anchor.slot().chars().collect();
                if matches!(slot.as_slice(), ['1' | '2', '0'..='9', _, _]) {
                    needs[Part::Year as usize] = true;
                } else {
                    unknown = true;
                }
            }
            None => whole = true,
        }
    }
    if whole || needs == [false; 3] {
        for (need, writes) in needs.iter_mut().zip(date::style(format).writes) {
            *need |= writes;
        }
    }
    (needs, unknown)
}

/// How to write a date with the parts `needs`.
fn date_example(needs: [bool; 3]) -> &'static str {
    match needs {
        [false, true, true] => "6-30 or 6月30日 (month and day)",
        [true, true, false] => "2026-06 or 2026年6月 (year and month)",
        [true, false, false] => "2026 (the year)",
        [false, true, false] => "6月 (the month)",
        [false, false, true] => "30日 (the day)",
        _ => "YYYY-MM-DD, e.g. 2026-06-30 (or 2026/6/30, 2026年6月30日)",
    }
}

/// The text of a number as the values file wrote it, when that is plain digits that read
/// as `n` (`3000.50`, `007`); `None` otherwise (`1e3`, `0x10`, a flow mapping).
fn written_number(from: &Origin, n: Option<f64>) -> Option<String> {
    let at = from.location()?;
    let line = &at.source.as_ref()?.text;
    let rest: String = line.chars().skip(at.column.checked_sub(1)?).collect();
    let rest = rest.split(" #").next().unwrap_or_default().trim();
    let body = rest.strip_prefix('-').unwrap_or(rest);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction) && n.is_some() && rest.parse::<f64>().ok() == n)
        .then(|| rest.to_string())
}

/// Units a value may carry that belong in the template's text.
const UNITS: &[&str] = &[
    "元",
    "万元",
    "亿元",
    "千元",
    "百万元",
    "万",
    "亿",
    "%",
    "％",
    "‰",
    "个百分点",
];

/// `50万元` → (`50`, `万元`): a run of digits or of Chinese numerals, and what follows.
fn split_unit(text: &str) -> (&str, &str) {
    let digit =
        |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || matches!(c, '.' | '．');
    let chinese = |c: char| numeral::is_numeral_char(c) || c == '点';
    let first = text.trim_start_matches(['-', '+']).chars().next();
    let end = match first {
        Some(c) if digit(c) => text
            .char_indices()
            .find(|&(i, c)| !(digit(c) || (i == 0 && matches!(c, '-' | '+')))),
        Some(c) if chinese(c) => text.char_indices().find(|&(_, c)| !chinese(c)),
        _ => return ("", text),
    }
    .map_or(text.len(), |(i, _)| i);
    (&text[..end], text[end..].trim())
}

/// `50万元` read as 50 when the template writes `万元` (`unit`) after the slot: the value
/// ends with all or the start of the unit (`50万` too), and what comes before is a number.
fn without_unit<'t>(text: &'t str, unit: &str, integer: bool) -> Option<(&'t str, f64)> {
    unit.char_indices()
        .map(|(i, c)| &unit[..i + c.len_utf8()])
        .rev()
        .find_map(|start| {
            let number = text.strip_suffix(start)?.trim_end();
            read_number(number, integer).map(|n| (number, n))
        })
}

/// The unit at the start of the text after a slot (`万元` of `万元，`).
fn leading_unit(after: &str) -> &str {
    let end = after
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || matches!(c, '%' | '‰' | '％')))
        .map_or(after.len(), |(i, _)| i);
    &after[..end]
}

/// A number in digits (full-width too) or Chinese numerals; for an integer field, whole.
fn read_number(text: &str, integer: bool) -> Option<f64> {
    let digits = numeral::ascii_digits(text);
    let digits = ungrouped(&digits).map_or(digits, Cow::Owned);
    let n = if digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+'))
    {
        if integer {
            digits.parse::<i64>().ok().map(|n| n as f64)
        } else {
            // Digits only: Rust reads `inf`, `NaN` and `1e3` too.
            digits.parse::<f64>().ok()
        }
    } else if integer {
        numeral::parse_int(text).map(|n| n as f64)
    } else {
        numeral::parse_decimal(text)
    }?;
    n.is_finite().then_some(n)
}

/// `1,200` → `1200`, `-12,000.50` → `-12000.50`: digits grouped by threes with commas, as
/// amounts are often written; `None` for anything else (`1,20` and `1,2` are no grouping,
/// and a full-width `，` separates list items).
fn ungrouped(s: &str) -> Option<String> {
    if !s.contains(',') {
        return None;
    }
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let whole = unsigned.split_once('.').map_or(unsigned, |(w, _)| w);
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let grouped = (1..=3).contains(&first.len())
        && digits(first)
        && groups.all(|g| g.len() == 3 && digits(g));
    grouped.then(|| s.replace(',', ""))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_written_again_is_taken_from_its_amount_and_never_differs() {
        let schema = Schema::parse(
            "version: 1\nfields:\n  租金:\n    type: number\n    anchors: [租金X元]\n  租金大写:\n    type: integer\n    format: 大写\n    equals: 租金\n    anchors: [大写X元]\n",
            "s.yaml",
        )
        .unwrap();
        let set = |items: &[(&str, &str)]| {
            let given: Vec<Given> = items
                .iter()
                .map(|&(field, raw)| Given {
                    field,
                    raw,
                    origin: Origin::Set(format!("{field}={raw}")),
                })
                .collect();
            resolve_given(&schema, None, &given, false)
        };
        let again = Schema::parse(&schema.to_yaml(), "s.yaml").unwrap();
        assert_eq!(
            again.fields["租金大写"].extras().equals.as_deref(),
            Some("租金")
        );
        let values = set(&[("租金", "3000.00")]).unwrap();
        assert_eq!(values.get("租金大写").unwrap().text, "叁仟");
        assert!(set(&[("租金", "3000"), ("租金大写", "叁仟")]).is_ok());
        let e = set(&[("租金", "3000"), ("租金大写", "3500")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("is not the amount of `租金`"), "{e}");
        // An amount that is not whole cannot be written in financial numerals.
        assert!(set(&[("租金", "3000.5")]).is_err());
        let bad = "version: 1\nfields:\n  a:\n    type: integer\n    equals: b\n    anchors: [X]\n";
        let e = Schema::parse(bad, "s.yaml").unwrap_err().to_string();
        assert!(
            e.contains("`equals` of field `a` names `b`, which is no field"),
            "{e}"
        );
    }

    #[test]
    fn load_reads_a_values_file_under_sets() {
        let schema = Schema::parse(
            "version: 1\nfields:\n  单位:\n    anchors: [由X党委]\n",
            "s.yaml",
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.yaml");
        std::fs::write(&path, "单位: 县经信局\n").unwrap();
        let values = load(&schema, Some(&path), &[], false).unwrap();
        assert_eq!(values.iter().next().unwrap().1.text, "县经信局");
        let values = load(&schema, Some(&path), &["单位=市局".to_string()], false).unwrap();
        assert_eq!(values.iter().next().unwrap().1.text, "市局");
        std::fs::write(&path, "version: 1\nfields:\n  单位: {}\n").unwrap();
        let err = load(&schema, Some(&path), &[], false).unwrap_err();
        assert!(err.to_string().contains("looks like a schema"), "{err}");
    }

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

    /// What "did you mean" suggests for an unknown name in the file or in --set.
    fn suggestion(text: &str, sets: &[&str]) -> Option<String> {
        match values(text, sets) {
            Err(e) => e.each().into_iter().find_map(|e| match e {
                Error::UnknownField { did_you_mean, .. } => did_you_mean.clone(),
                _ => None,
            }),
            Ok(_) => panic!("the unknown name is an error"),
        }
    }

    #[test]
    fn did_you_mean_skips_fields_already_given() {
        // 组数x is close to 组数; while 组数 has no value it is the suggestion.
        assert_eq!(suggestion("组数x: 4\n", &[]).as_deref(), Some("组数"));
        // Once 组数 is given, the typo is not 组数 again: nothing else is close.
        assert_eq!(suggestion("组数: 4\n组数x: 5\n", &[]), None);
        assert_eq!(suggestion("", &["组数=4", "组数x=5"]), None);
        // A --set may be meant to replace the file's value: the file's fields stay candidates.
        assert_eq!(
            suggestion("组数: 4\n", &["组数x=5"]).as_deref(),
            Some("组数")
        );
        // A --set typo still finds a field the file leaves out.
        assert_eq!(
            suggestion("单位: 甲\n", &["级别x=县级"]).as_deref(),
            Some("级别")
        );
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
        let err = values("单位: 甲\n组数: 十几\n", &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "value \"十几\" for field `组数` is not an integer"
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

    fn one(schema: &str, value: &str) -> Result<Value, Error> {
        let schema = Schema::parse(schema, "s.yaml").unwrap();
        let name = schema.fields[0].name.clone();
        let v = resolve(&schema, None, &[format!("{name}={value}")])?;
        Ok(v.get(&name).expect("a value").clone())
    }

    const DATE_PARTS: &str = "version: 1\nfields:\n  起始日期:\n    type: date\n    anchors:\n      - 自[[20XX]]年X月X日起\n      - 自20XX年[[X]]月X日起\n      - 自20XX年X月[[X]]日起\n";

    #[test]
    fn a_date_fills_its_part_slots() {
        for given in [
            "2026-06-30",
            "2026年6月30日",
            "2026/6/30",
            "二〇二六年六月三十日",
        ] {
            let v = one(DATE_PARTS, given).unwrap();
            assert_eq!(v.slot_text("20XX", Some('年')).unwrap(), "2026", "{given}");
            assert_eq!(v.slot_text("X", Some('月')).unwrap(), "6");
            assert_eq!(v.slot_text("xx", Some('月')).unwrap(), "06");
            assert_eq!(v.slot_text("X", Some('日')).unwrap(), "30");
            assert_eq!(v.slot_text("X", Some('号')).unwrap(), "30");
            // A slot with no part after it gets the whole date.
            assert_eq!(v.slot_text("X", Some('起')).unwrap(), "2026年6月30日");
        }
    }

    #[test]
    fn impossible_dates_are_refused_naming_the_field() {
        for (given, why) in [
            ("2026-02-29", "2026年2月 has 28 days"),
            ("2026年2月31日", "2026年2月 has 28 days"),
            ("2026-13-01", "there is no month 13"),
        ] {
            let err = one(DATE_PARTS, given).unwrap_err();
            assert_eq!(
                err.to_string(),
                format!("value \"{given}\" for field `起始日期` is not a real date")
            );
            assert!(err.help().unwrap().contains(why), "{:?}", err.help());
        }
        needs_a_year(DATE_PARTS);
    }

    /// `6-30` given for a date whose slots hold a year is refused as having none.
    fn needs_a_year(schema: &str) {
        let err = one(schema, "6-30").unwrap_err();
        assert!(
            err.to_string().ends_with("is not a date with a year"),
            "{err}"
        );
    }

    #[test]
    fn a_date_without_a_year_slot_takes_month_and_day() {
        let schema = "version: 1\nfields:\n  报送日期:\n    type: date\n    anchors: ['[[X]]月X日前', X日前]\n";
        for given in ["6-30", "6月30日", "2026-06-30"] {
            let v = one(schema, given).unwrap();
            assert_eq!(v.text, "6月30日");
            assert_eq!(v.slot_text("X", Some('月')).unwrap(), "6");
            assert_eq!(v.slot_text("X", Some('日')).unwrap(), "30");
        }
        assert!(
            one(schema, "2月30日")
                .unwrap_err()
                .to_string()
                .contains("not a real date")
        );
        assert!(one(schema, "2月29日").is_ok());
        let schema = "version: 1\nfields:\n  月份:\n    type: date\n    anchors: ['[[X]]年X月', 'X年[[X]]月']\n";
        let v = one(schema, "2026-06").unwrap();
        assert_eq!(v.slot_text("X", Some('年')).unwrap(), "2026");
        assert_eq!(v.slot_text("X", Some('月')).unwrap(), "6");
        needs_a_year(schema);
    }

    #[test]
    fn an_anchor_ending_with_its_slot_asks_no_more_than_it_shows() {
        // `召开20XX` is a year (`20XX年度`): the year alone will do.
        let schema = "version: 1\nfields:\n  年度:\n    type: date\n    anchors: [召开20XX]\n";
        let v = one(schema, "2026").unwrap();
        assert_eq!(v.slot_text("20XX", Some('年')).unwrap(), "2026");
        // A bare `[[X]]` could be any part: the date keeps all it was given.
        let schema = "version: 1\nfields:\n  日期:\n    type: date\n    anchors: ['截至[[X]]', '截至X月[[X]]日']\n";
        let v = one(schema, "2026-06-30").unwrap();
        assert_eq!(v.slot_text("X", Some('月')).unwrap(), "6");
        assert_eq!(v.slot_text("X", Some('日')).unwrap(), "30");
        assert!(one(schema, "6月").is_err(), "the day slot needs a day");
    }

    #[test]
    fn a_chinese_numeral_format_writes_the_parts_too() {
        let schema = "version: 1\nfields:\n  成文日期:\n    type: date\n    format: '%CY年%Cm月%Cd日'\n    anchors: [于X印发, '[[20XX]]年X月X日', '20XX年[[X]]月X日', '20XX年X月[[X]]日']\n";
        let v = one(schema, "2026-06-30").unwrap();
        assert_eq!(v.text, "二〇二六年六月三十日");
        assert_eq!(v.slot_text("20XX", Some('年')).unwrap(), "二〇二六");
        assert_eq!(v.slot_text("X", Some('月')).unwrap(), "六");
    }

    #[test]
    fn numbers_in_chinese_numerals_are_written_as_given() {
        let v = values("组数: 十二\n", &[]).unwrap();
        assert_eq!(v.get("组数").unwrap().text, "十二");
        assert_eq!(
            values("", &["组数=两"]).unwrap().get("组数").unwrap().text,
            "两"
        );
        // The range applies to the number.
        let err = values("组数: 三百\n", &[]).unwrap_err();
        assert!(err.to_string().contains("between 1 and 20"), "{err}");
        assert!(values("组数: 十几\n", &[]).is_err());
        assert!(values("组数: 三点五\n", &[]).is_err());
        let money = "version: 1\nfields:\n  金额:\n    type: number\n    anchors: [金额X元]\n";
        for (given, written) in [
            ("三点五", "三点五"),
            ("一千二百零五", "一千二百零五"),
            ("3000.50", "3000.50"),
        ] {
            assert_eq!(one(money, given).unwrap().text, written);
        }
    }

    #[test]
    fn thousands_grouped_by_commas_are_read_and_written_as_given() {
        let money = "version: 1\nfields:\n  金额:\n    type: number\n    anchors: [金额X元]\n";
        let people =
            "version: 1\nfields:\n  人数:\n    type: integer\n    max: 5000\n    anchors: [X人]\n";
        assert_eq!(one(money, "12,000.50").unwrap().text, "12,000.50");
        assert_eq!(one(money, "-1,234").unwrap().text, "-1,234");
        assert_eq!(one(people, "1,200").unwrap().text, "1,200");
        // The range applies to the number the groups make.
        let err = one(people, "12,000").unwrap_err();
        assert!(err.to_string().contains("at most 5000"), "{err}");
        for wrong in [
            "1,20", "12,00", "1,2000", ",200", "1,200,", "1，200", "1,200.5",
        ] {
            assert!(one(people, wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn an_unquoted_amount_keeps_its_zeros() {
        let schema = Schema::parse(
            "version: 1\nfields:\n  金额:\n    type: number\n    anchors: [金额X元]\n  人数:\n    type: integer\n    anchors: [X人]\n",
            "s.yaml",
        )
        .unwrap();
        let text = "金额: 3000.50  # 元\n人数: 007\n";
        let v = resolve(
            &schema,
            Some(Source {
                text,
                file: "v.yaml",
            }),
            &[],
        )
        .unwrap();
        assert_eq!(v.get("金额").unwrap().text, "3000.50");
        assert_eq!(v.get("人数").unwrap().text, "007");
        let v = resolve(
            &schema,
            Some(Source {
                text: "金额: 1e3\n",
                file: "v.yaml",
            }),
            &[],
        )
        .unwrap();
        assert_eq!(v.get("金额").unwrap().text, "1000.0");
    }

    #[test]
    fn the_unit_after_the_slot_is_not_written_twice() {
        let schema =
            "version: 1\nfields:\n  捐款:\n    type: number\n    anchors: [捐款X万元, 共X万元，]\n";
        for (given, written) in [
            ("50万元", "50"),
            ("50 万元", "50"),
            ("50万", "50"),
            ("五十万元", "五十"),
            ("50", "50"),
        ] {
            assert_eq!(one(schema, given).unwrap().text, written, "{given}");
        }
        let err = one(schema, "50元").unwrap_err();
        assert_eq!(
            err.help().unwrap(),
            "write the number alone: the template writes `万元` after the slot"
        );
        // Slots with different units: the value must not carry one.
        let schema =
            "version: 1\nfields:\n  数:\n    type: number\n    anchors: [捐款X万元, 共X元]\n";
        let err = one(schema, "50万元").unwrap_err();
        assert!(
            err.help()
                .unwrap()
                .starts_with("write the number alone, without `万元`"),
            "{:?}",
            err.help()
        );
    }

    #[test]
    fn control_characters_are_refused_naming_field_and_character() {
        let err = values("单位: \"甲\\0乙\"\n", &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "value \"甲\\0乙\" for field `单位` is not text without control characters: it holds U+0000 at character 2"
        );
        assert_eq!(err.location().unwrap().line, 1);
        let err = values("", &["单位=a\u{1b}]0;title\u{7}"]).unwrap_err();
        assert!(err.to_string().contains("U+001B"), "{err}");
        let err = values("组数: \"4\\u0085\"\n", &[]).unwrap_err();
        assert!(err.to_string().contains("U+0085"), "{err}");
        // Tabs and line breaks are text.
        let v = values("单位: \"甲\\t乙\\r\\n丙\"\n", &[]).unwrap();
        assert_eq!(v.get("单位").unwrap().text, "甲\t乙\r\n丙");
    }
}
