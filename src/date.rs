//! Dates of `date` fields: read from what people write (`2026-06-30`, `2026/6/30`,
//! `2026年6月30日`, `二〇二六年六月三十日`, and the parts alone: `6-30`, `6月30日`, `2026-06`),
//! checked to be real, and written whole by the field's `format` or part by part into the
//! slots of `20XX年X月X日`. Which slots a field has is the binding's business; here a slot's
//! part is only named by the character after it.

use crate::numeral;

/// Whether `slot` is the next part of the date whose part `prev` is: `prev` and `slot` are
/// neighbours with only 年 or 月 between them (`20XX年X月X日`). The parts of one date are one
/// place for its value, not several.
pub fn is_next_part(text: &str, prev: &crate::scan::Slot, slot: &crate::scan::Slot) -> bool {
    prev.span().end <= slot.span().start
        && matches!(&text[prev.span().end..slot.span().start], "年" | "月")
}

/// The default `format` of a date field.
pub const DEFAULT_FORMAT: &str = "%Y年%-m月%-d日";

/// The directives a date `format` may use, for messages.
pub const DIRECTIVES: &str = "%Y (2026), %m (06), %-m (6), %d (05), %-d (5), %CY (二〇二六), %Cm (六), %Cd (三十), %% (a % sign)";

/// A part of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The year.
    Year,
    /// The month.
    Month,
    /// The day of the month.
    Day,
}

impl Part {
    /// The three parts, in order.
    pub const ALL: [Part; 3] = [Part::Year, Part::Month, Part::Day];

    /// The part that a slot followed by `next` stands for: 年 year, 月 month, 日 or 号 day.
    pub fn after_slot(next: Option<char>) -> Option<Part> {
        match next? {
            '年' => Some(Part::Year),
            '月' => Some(Part::Month),
            '日' | '号' => Some(Part::Day),
            _ => None,
        }
    }

    /// `year`, `month` or `day`.
    pub fn name(self) -> &'static str {
        match self {
            Part::Year => "year",
            Part::Month => "month",
            Part::Day => "day",
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn marker(self) -> char {
        ['年', '月', '日'][self.index()]
    }
}

/// A date, whole or in part: a field whose slots have no year takes month and day alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Date {
    /// The year (1000 to 9999).
    pub year: Option<u32>,
    /// The month (1 to 12).
    pub month: Option<u32>,
    /// The day of the month.
    pub day: Option<u32>,
}

/// What a `format` writes: which parts, and which of them in Chinese numerals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// Whether the format writes the year, the month, the day.
    pub writes: [bool; 3],
    /// Whether it writes them in Chinese numerals (`%CY`, `%Cm`, `%Cd`).
    pub chinese: [bool; 3],
}

enum Piece<'f> {
    Text(&'f str),
    Number {
        part: Part,
        padded: bool,
        chinese: bool,
    },
}

/// The pieces of `format`; `Err` gives an unknown directive as written (`%Q`, or `%` at
/// the end).
fn pieces(format: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = format;
    while let Some(at) = rest.find('%') {
        if at > 0 {
            out.push(Piece::Text(&rest[..at]));
        }
        let after = &rest[at + 1..];
        let (piece, len) = if let Some(d) = after.strip_prefix('-') {
            match d.chars().next() {
                Some('m') => (number(Part::Month, false, false), 2),
                Some('d') => (number(Part::Day, false, false), 2),
                _ => return Err(directive(after, 2)),
            }
        } else if let Some(c) = after.strip_prefix('C') {
            match c.chars().next() {
                Some('Y') => (number(Part::Year, false, true), 2),
                Some('m') => (number(Part::Month, false, true), 2),
                Some('d') => (number(Part::Day, false, true), 2),
                _ => return Err(directive(after, 2)),
            }
        } else {
            match after.chars().next() {
                Some('Y') => (number(Part::Year, true, false), 1),
                Some('m') => (number(Part::Month, true, false), 1),
                Some('d') => (number(Part::Day, true, false), 1),
                Some('%') => (Piece::Text("%"), 1),
                _ => return Err(directive(after, 1)),
            }
        };
        out.push(piece);
        rest = &after[len..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

fn number(part: Part, padded: bool, chinese: bool) -> Piece<'static> {
    Piece::Number {
        part,
        padded,
        chinese,
    }
}

/// `%` and the first `chars` characters of `after`, as a directive is named in messages.
fn directive(after: &str, chars: usize) -> String {
    let end = after
        .char_indices()
        .nth(chars)
        .map_or(after.len(), |(i, _)| i);
    format!("%{}", &after[..end])
}

/// Checks a date `format`: `Err` names its first unknown directive.
pub fn check_format(format: &str) -> Result<(), String> {
    pieces(format).map(|_| ())
}

/// What `format` writes (an unknown directive writes nothing).
pub fn style(format: &str) -> Style {
    let mut style = Style::default();
    for piece in pieces(format).unwrap_or_default() {
        if let Piece::Number { part, chinese, .. } = piece {
            style.writes[part.index()] = true;
            style.chinese[part.index()] |= chinese;
        }
    }
    style
}

impl Date {
    /// The value of `part`, if the date has it.
    pub fn get(&self, part: Part) -> Option<u32> {
        [self.year, self.month, self.day][part.index()]
    }

    /// Sets `part` to `n`; false when the date already has another value for it.
    pub fn merge(&mut self, part: Part, n: u32) -> bool {
        let slot = match part {
            Part::Year => &mut self.year,
            Part::Month => &mut self.month,
            Part::Day => &mut self.day,
        };
        match *slot {
            Some(old) => old == n,
            None => {
                *slot = Some(n);
                true
            }
        }
    }

    /// The date with only the parts `keep` (year, month, day) says.
    pub fn only(self, keep: [bool; 3]) -> Date {
        let pick = |part: Part| self.get(part).filter(|_| keep[part.index()]);
        Date {
            year: pick(Part::Year),
            month: pick(Part::Month),
            day: pick(Part::Day),
        }
    }

    /// The date written by `format`, or `None` when it lacks a part the format writes.
    pub fn format(&self, format: &str) -> Option<String> {
        let mut out = String::new();
        // A format that does not read as one is written as plain text.
        let Ok(pieces) = pieces(format) else {
            return Some(format.to_string());
        };
        for piece in pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Number {
                    part,
                    padded,
                    chinese,
                } => out.push_str(&write_part(part, self.get(part)?, padded, chinese)),
            }
        }
        Some(out)
    }

    /// The date as one text: by `format` when it has the parts the format writes, else its
    /// parts with 年, 月, 日 (`6月30日`, in the format's numerals).
    pub fn text(&self, format: &str) -> String {
        if let Some(text) = self.format(format) {
            return text;
        }
        let chinese = style(format).chinese;
        let mut out = String::new();
        for part in Part::ALL {
            if let Some(n) = self.get(part) {
                out.push_str(&write_part(part, n, false, chinese[part.index()]));
                out.push(part.marker());
            }
        }
        out
    }

    /// What goes into a slot that stands for `part` and reads `slot` in the template: the
    /// year in four digits, a month or day padded to two digits when the slot shows two
    /// (`xx月`), in Chinese numerals when `chinese` or when the slot shows them (`二〇XX`).
    /// `None` when the date lacks the part.
    pub fn part_text(&self, part: Part, slot: &str, chinese: bool) -> Option<String> {
        // `二〇XX`: the slot shows the year in Chinese numerals.
        let chinese = chinese || slot.contains(numeral::is_year_digit);
        let padded = part != Part::Year && slot.chars().count() >= 2;
        Some(write_part(part, self.get(part)?, padded, chinese))
    }

    /// Reads a date as people write it: as `format` writes it, or `2026-06-30`, `2026/6/30`,
    /// `2026.6.30`, `2026年6月30日` (digits, full-width digits or Chinese numerals), and parts
    /// alone (`6-30`, `6月30日`, `2026-06`, `2026年6月`, `2026`). Not checked to be real: see
    /// [`Date::check`].
    pub fn read(text: &str, format: &str) -> Option<Date> {
        let text = numeral::ascii_digits(text.trim());
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if text.is_empty() {
            return None;
        }
        read_by_format(&text, format).or_else(|| read_loose(&text))
    }

    /// Why the date is not a real one, if it is not.
    pub fn check(&self) -> Result<(), String> {
        if let Some(y) = self.year
            && !(1000..=9999).contains(&y)
        {
            return Err("a year has four digits".into());
        }
        if let Some(m) = self.month
            && !(1..=12).contains(&m)
        {
            return Err(format!("there is no month {m}: a month is 1 to 12"));
        }
        if let Some(d) = self.day {
            let most = match (self.year, self.month) {
                (_, None) => 31,
                (None, Some(2)) => 29,
                (Some(y), Some(m)) => days_in(y, m),
                (None, Some(m)) => days_in(2000, m),
            };
            if !(1..=most).contains(&d) {
                return Err(match (self.year, self.month) {
                    (_, None) => format!("there is no day {d}: a day is 1 to 31"),
                    (Some(y), Some(m)) => format!("{y}年{m}月 has {most} days"),
                    (None, Some(m)) => format!("{m}月 has at most {most} days"),
                });
            }
        }
        Ok(())
    }
}

fn days_in(year: u32, month: u32) -> u32 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        2 if leap => 29,
        2 => 28,
        _ => 30,
    }
}

fn write_part(part: Part, n: u32, padded: bool, chinese: bool) -> String {
    match (part, chinese) {
        (Part::Year, true) => numeral::write_digits(u64::from(n)),
        (_, true) => numeral::write_small(n),
        (_, false) if padded => format!("{n:02}"),
        (_, false) => n.to_string(),
    }
}

/// A part's number as written in a slot: `2026`, `06`, `6`, `二〇二六`, `六`, `三十`.
pub fn read_part(part: Part, text: &str) -> Option<u32> {
    let text = numeral::ascii_digits(text.trim());
    let n = if text.bytes().all(|b| b.is_ascii_digit()) {
        let max = if part == Part::Year { 4 } else { 2 };
        if text.is_empty() || text.len() > max {
            return None;
        }
        text.parse().ok()?
    } else {
        let n = match part {
            Part::Year => numeral::parse_digits(&text).or_else(|| numeral::parse_int(&text))?,
            _ => numeral::parse_int(&text)?,
        };
        u32::try_from(n).ok()?
    };
    Some(n)
}

fn read_by_format(text: &str, format: &str) -> Option<Date> {
    let mut date = Date::default();
    let mut rest = text;
    for piece in pieces(format).ok()? {
        match piece {
            Piece::Text(t) => rest = rest.strip_prefix(t)?,
            Piece::Number { part, chinese, .. } => {
                let end = if chinese {
                    rest.find(|c| !numeral::is_numeral_char(c))
                        .unwrap_or(rest.len())
                } else {
                    let run = rest
                        .find(|c: char| !c.is_ascii_digit())
                        .unwrap_or(rest.len());
                    // A padded or unpadded month or day has at most two digits.
                    run.min(if part == Part::Year { 4 } else { 2 })
                };
                if end == 0 {
                    return None;
                }
                if !date.merge(part, read_part(part, &rest[..end])?) {
                    return None;
                }
                rest = &rest[end..];
            }
        }
    }
    rest.is_empty().then_some(date)
}

/// The generic forms: numbers with 年/月/日/号 after them, or numbers between `-`, `/`, `.`.
fn read_loose(text: &str) -> Option<Date> {
    // (number, what follows it)
    let mut tokens: Vec<(&str, Option<char>)> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let first = rest.chars().next()?;
        let end = if first.is_ascii_digit() {
            rest.find(|c: char| !c.is_ascii_digit())
        } else if numeral::is_numeral_char(first) {
            rest.find(|c| !numeral::is_numeral_char(c))
        } else {
            return None;
        }
        .unwrap_or(rest.len());
        let number = &rest[..end];
        rest = &rest[end..];
        let next = rest.chars().next();
        match next {
            None => {}
            Some('年' | '月' | '日' | '号' | '-' | '/' | '.') => {
                rest = &rest[next.expect("matched").len_utf8()..];
                // A separator must stand between two numbers.
                if matches!(next, Some('-' | '/' | '.')) && rest.is_empty() {
                    return None;
                }
            }
            Some(_) => return None,
        }
        tokens.push((number, next));
        if tokens.len() > 3 {
            return None;
        }
    }
    let labelled = tokens
        .iter()
        .any(|(_, next)| Part::after_slot(*next).is_some());
    let parts: Vec<Part> = if labelled {
        let mut parts = Vec::new();
        let mut last: Option<Part> = None;
        for (i, (_, next)) in tokens.iter().enumerate() {
            let part = match (Part::after_slot(*next), next) {
                (Some(p), _) => p,
                // `2026年6月30`: the last number, unlabelled, is the next part.
                (None, None) if i + 1 == tokens.len() => match last? {
                    Part::Year => Part::Month,
                    Part::Month => Part::Day,
                    Part::Day => return None,
                },
                _ => return None,
            };
            if last.is_some_and(|l| l.index() >= part.index()) {
                return None;
            }
            last = Some(part);
            parts.push(part);
        }
        parts
    } else {
        let year_first = |t: &str| t.chars().count() == 4;
        match tokens.as_slice() {
            [_, _, _] => Part::ALL.to_vec(),
            [(first, _), _] if year_first(first) => vec![Part::Year, Part::Month],
            [_, _] => vec![Part::Month, Part::Day],
            [(first, _)] if year_first(first) => vec![Part::Year],
            _ => return None,
        }
    };
    let mut date = Date::default();
    for ((number, _), part) in tokens.iter().zip(parts) {
        if !date.merge(part, read_part(part, number)?) {
            return None;
        }
    }
    Some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: Option<u32>, m: Option<u32>, d: Option<u32>) -> Date {
        Date {
            year: y,
            month: m,
            day: d,
        }
    }

    #[test]
    fn reads_what_people_write() {
        let full = date(Some(2026), Some(6), Some(30));
        for text in [
            "2026-06-30",
            "2026/6/30",
            "2026.6.30",
            "2026年6月30日",
            "2026年06月30号",
            " 2026 年 6 月 30 日 ",
            "２０２６年６月３０日",
            "二〇二六年六月三十日",
            "2026年6月30",
        ] {
            assert_eq!(Date::read(text, DEFAULT_FORMAT), Some(full), "{text}");
        }
        for (text, expected) in [
            ("6-30", date(None, Some(6), Some(30))),
            ("6月30日", date(None, Some(6), Some(30))),
            ("六月三十日", date(None, Some(6), Some(30))),
            ("2026-06", date(Some(2026), Some(6), None)),
            ("2026年6月", date(Some(2026), Some(6), None)),
            ("2026", date(Some(2026), None, None)),
            ("30日", date(None, None, Some(30))),
        ] {
            assert_eq!(Date::read(text, DEFAULT_FORMAT), Some(expected), "{text}");
        }
        for text in [
            "",
            "明天",
            "2026-06-",
            "6",
            "2026-6-30-1",
            "30日6月",
            "2026年6月30日前",
            "2026-6月",
        ] {
            assert_eq!(Date::read(text, DEFAULT_FORMAT), None, "{text}");
        }
        // As the field's own format writes it.
        assert_eq!(Date::read("30/06/2026", "%d/%m/%Y"), Some(full));
        assert_eq!(Date::read("20260630", "%Y%m%d"), Some(full));
    }

    #[test]
    fn impossible_dates_say_why() {
        let why = |y, m, d| date(y, m, d).check().unwrap_err();
        assert_eq!(why(Some(2026), Some(2), Some(29)), "2026年2月 has 28 days");
        assert_eq!(why(None, Some(2), Some(31)), "2月 has at most 29 days");
        assert_eq!(
            why(Some(2026), Some(13), Some(1)),
            "there is no month 13: a month is 1 to 12"
        );
        assert!(date(Some(2024), Some(2), Some(29)).check().is_ok());
        assert!(date(None, Some(2), Some(29)).check().is_ok());
        assert!(date(Some(999), None, None).check().is_err());
    }

    #[test]
    fn writes_whole_and_by_part() {
        let d = date(Some(2026), Some(6), Some(5));
        assert_eq!(d.format(DEFAULT_FORMAT).unwrap(), "2026年6月5日");
        assert_eq!(d.format("%Y-%m-%d").unwrap(), "2026-06-05");
        assert_eq!(d.format("%CY年%Cm月%Cd日").unwrap(), "二〇二六年六月五日");
        assert_eq!(d.format("100%%").unwrap(), "100%");
        assert_eq!(d.part_text(Part::Year, "20XX", false).unwrap(), "2026");
        assert_eq!(d.part_text(Part::Year, "X", false).unwrap(), "2026");
        assert_eq!(d.part_text(Part::Month, "xx", false).unwrap(), "06");
        assert_eq!(d.part_text(Part::Month, "X", false).unwrap(), "6");
        assert_eq!(d.part_text(Part::Day, "X", true).unwrap(), "五");
        let no_year = date(None, Some(6), Some(30));
        assert_eq!(no_year.format(DEFAULT_FORMAT), None);
        assert_eq!(no_year.text(DEFAULT_FORMAT), "6月30日");
        assert_eq!(no_year.part_text(Part::Year, "20XX", false), None);
    }

    #[test]
    fn formats_name_their_unknown_directive() {
        assert_eq!(check_format("%Y年%Q"), Err("%Q".into()));
        assert_eq!(check_format("%-Y"), Err("%-Y".into()));
        assert_eq!(check_format("%CQ"), Err("%CQ".into()));
        assert_eq!(check_format("100%"), Err("%".into()));
        assert!(check_format("%Y-%m-%d %% %-m %-d %CY %Cm %Cd").is_ok());
        let s = style("%CY年%-m月");
        assert_eq!(s.writes, [true, true, false]);
        assert_eq!(s.chinese, [true, false, false]);
    }

    #[test]
    fn parts_read_back() {
        assert_eq!(read_part(Part::Year, "二〇二六"), Some(2026));
        assert_eq!(read_part(Part::Month, "06"), Some(6));
        assert_eq!(read_part(Part::Day, "三十"), Some(30));
        assert_eq!(read_part(Part::Day, "300"), None);
        assert_eq!(read_part(Part::Day, ""), None);
    }

    proptest::proptest! {
        /// Any text reads as a date or not, without a panic; a real date, written by any of
        /// the formats, reads back as itself.
        #[test]
        fn any_text_reads_and_real_dates_read_back(
            text in "[0-9０-９年月日号/.\\-〇零一二两三四五六七八九十百千万 a]{0,14}",
            y in 1000u32..=9999,
            m in 1u32..=12,
            d in 1u32..=31,
            format in proptest::sample::select(vec![
                DEFAULT_FORMAT, "%Y-%m-%d", "%Y/%-m/%-d", "%CY年%Cm月%Cd日", "%d.%m.%Y", "%Y%m%d",
            ]),
        ) {
            let _ = Date::read(&text, format).map(|d| d.check());
            for part in Part::ALL {
                let _ = read_part(part, &text);
            }
            let date = date(Some(y), Some(m), Some(d.min(days_in(y, m))));
            let written = date.format(format).unwrap();
            proptest::prop_assert_eq!(Date::read(&written, format), Some(date), "{}", written);
        }
    }
}
