//! Numbers as people write them in values: Chinese numerals (五, 十二, 三百, 一千二百零五, 两,
//! the financial 壹万贰仟), digit by digit for years (二〇二六), full-width digits (１２).
//! Reading and writing only: a value keeps the text as it was given.

/// The value of a Chinese digit (零 and 〇 are 0; 两 is 2; the financial forms too).
fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' | '貳' | '兩' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The power of ten of a unit character within a group of four digits.
fn small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Whether `c` is a digit of a year written in Chinese numerals (二〇二六, 一九九八).
pub(crate) fn is_year_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

/// Whether `c` can be part of a Chinese numeral.
pub(crate) fn is_numeral_char(c: char) -> bool {
    digit(c).is_some() || small_unit(c).is_some() || matches!(c, '万' | '萬' | '亿' | '億')
}

/// `s` with full-width digits, point and signs written as ASCII (`１２．５` → `12.5`).
pub(crate) fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() || !s.chars().any(|c| ('０'..='９').contains(&c) || c == '．') {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// A whole number in Chinese numerals: 五, 十二, 三百, 一千二百零五, 两万, 三百五 (350),
/// 一亿零五百万. `None` for anything else, digit-by-digit forms (三四) included.
pub(crate) fn parse_int(s: &str) -> Option<u64> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() || chars.len() > 40 {
        return None;
    }
    if let [one] = chars.as_slice()
        && let Some(d) = digit(*one)
    {
        return Some(d);
    }
    // Done 亿 groups, the 万 group in progress, the group of four in progress.
    let (mut yi, mut wan, mut group) = (0u64, 0u64, 0u64);
    let mut pending: Option<u64> = None;
    // The last unit of the group (units fall: 千 before 百 before 十) and whether a 零 came
    // after it (三百零五 is 305, 三百五 is 350).
    let mut last_unit = u64::MAX;
    let mut zero = false;
    let mut any = false;
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = digit(c) {
            if d == 0 {
                if pending.is_some() {
                    return None;
                }
                zero = true;
                continue;
            }
            if pending.is_some() {
                return None; // 三四: two digits with no unit between them
            }
            pending = Some(d);
            any = true;
        } else if let Some(u) = small_unit(c) {
            let n = match pending.take() {
                Some(n) => n,
                // 十二 and 一万十二: a 十 with no digit before it is one ten.
                None if u == 10 && (i == 0 || group == 0) => 1,
                None => return None,
            };
            if u >= last_unit {
                return None;
            }
            group += n * u;
            last_unit = u;
            zero = false;
            any = true;
        } else if matches!(c, '万' | '萬') {
            let g = group + pending.take().unwrap_or(0);
            if g == 0 || wan != 0 {
                return None;
            }
            wan = g * 10_000;
            group = 0;
            last_unit = u64::MAX;
            zero = false;
        } else if matches!(c, '亿' | '億') {
            let g = wan + group + pending.take().unwrap_or(0);
            if g == 0 || yi != 0 {
                return None;
            }
            yi = g.checked_mul(100_000_000)?;
            wan = 0;
            group = 0;
            last_unit = u64::MAX;
            zero = false;
        } else {
            return None;
        }
    }
    if !any && yi == 0 && wan == 0 && group == 0 {
        return None;
    }
    // A last digit right after a unit stands one place lower (三百五 = 350, 一万五 = 15000).
    let tail = match pending {
        Some(d) if !zero && last_unit != u64::MAX && last_unit > 10 => d * last_unit / 10,
        Some(d) if !zero && last_unit == u64::MAX && (wan != 0 || yi != 0) && group == 0 => {
            // 一万五: after 万 (or 亿) with nothing in its group.
            let unit = if wan != 0 { 1000 } else { 10_000_000 };
            d * unit
        }
        Some(d) => d,
        None => 0,
    };
    yi.checked_add(wan)?.checked_add(group)?.checked_add(tail)
}

/// A number written digit by digit in Chinese (二〇二六, 一九九八): at least two digits.
pub(crate) fn parse_digits(s: &str) -> Option<u64> {
    let mut n: u64 = 0;
    let mut count = 0;
    for c in s.chars() {
        n = n.checked_mul(10)?.checked_add(digit(c)?)?;
        count += 1;
    }
    (count >= 2).then_some(n)
}

/// A decimal in Chinese numerals: 三点五, 十二点零五 (or a whole number).
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    match s.split_once('点') {
        None => parse_int(s).map(|n| n as f64),
        Some((whole, fraction)) => {
            let whole = parse_int(whole)?;
            let mut digits = String::new();
            for c in fraction.chars() {
                digits.push(char::from(b'0' + digit(c)? as u8));
            }
            if digits.is_empty() {
                return None;
            }
            format!("{whole}.{digits}").parse().ok()
        }
    }
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// `n` digit by digit: 2026 → 二〇二六.
pub(crate) fn write_digits(n: u64) -> String {
    n.to_string()
        .bytes()
        .map(|b| DIGITS[usize::from(b - b'0')])
        .collect()
}

/// The `format` of a number field that writes its value in financial numerals.
pub const FINANCIAL: &str = "大写";

/// The financial numerals for 0 to 9, as an amount in words writes its digits.
pub(crate) const FINANCIAL_DIGITS: [&str; 10] =
    ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];

/// `n` in financial numerals, as an amount is written out on a contract or receipt
/// (`（大写）叁仟伍佰元整`): 3500 → 叁仟伍佰, 10005 → 壹万零伍, 100000 → 壹拾万.
pub(crate) fn write_financial(n: u64) -> String {
    const PLACES: [&str; 4] = ["", "拾", "佰", "仟"];
    const GROUPS: [&str; 5] = ["", "万", "亿", "万亿", "亿亿"];
    if n == 0 {
        return "零".to_string();
    }
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push(rest % 10_000);
        rest /= 10_000;
    }
    let mut out = String::new();
    // A zero (or a run of them) waiting to be written before the next digit that is not one:
    // inside a group, or between groups when a whole group is zero or the next one has no
    // thousands (贰仟万叁仟 but 壹万零伍).
    let mut zero = false;
    for (g, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            zero |= !out.is_empty();
            continue;
        }
        zero |= group < 1000 && !out.is_empty();
        for place in (0..4).rev() {
            let d = (group / 10u64.pow(place as u32) % 10) as usize;
            if d == 0 {
                zero |= !out.is_empty();
                continue;
            }
            if zero {
                out.push('零');
                zero = false;
            }
            out.push_str(FINANCIAL_DIGITS[d]);
            out.push_str(PLACES[place]);
        }
        out.push_str(GROUPS[g]);
        zero = false;
    }
    out
}

/// `n` (below 100) as a month or day is written: 6 → 六, 10 → 十, 12 → 十二, 30 → 三十.
pub(crate) fn write_small(n: u32) -> String {
    let (tens, ones) = ((n / 10) as usize, (n % 10) as usize);
    let mut out = String::new();
    match tens {
        0 => {}
        1 => out.push('十'),
        t => {
            out.push(DIGITS[t % 10]);
            out.push('十');
        }
    }
    if ones != 0 || tens == 0 {
        out.push(DIGITS[ones]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers() {
        for (text, n) in [
            ("五", 5),
            ("两", 2),
            ("零", 0),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("三百", 300),
            ("三百零五", 305),
            ("三百五", 350),
            ("一千二百零五", 1205),
            ("两千三", 2300),
            ("一万五", 15_000),
            ("一万零十二", 10_012),
            ("壹万贰仟叁佰", 12_300),
            ("一亿零五百万", 105_000_000),
        ] {
            assert_eq!(parse_int(text), Some(n), "{text}");
        }
        for text in [
            "",
            "三四",
            "百",
            "十百",
            "五十十",
            "万",
            "一二三",
            "三x",
            "五万万",
        ] {
            assert_eq!(parse_int(text), None, "{text}");
        }
    }

    #[test]
    fn financial_numerals_as_amounts_are_written_out() {
        for (n, text) in [
            (0, "零"),
            (5, "伍"),
            (3500, "叁仟伍佰"),
            (1010, "壹仟零壹拾"),
            (10005, "壹万零伍"),
            (100000, "壹拾万"),
            (20000000, "贰仟万"),
            (100010000, "壹亿零壹万"),
            (120003400, "壹亿贰仟万叁仟肆佰"),
            (100000001, "壹亿零壹"),
        ] {
            assert_eq!(write_financial(n), text, "{n}");
            assert_eq!(parse_int(text), Some(n), "{text} reads back");
        }
    }

    #[test]
    fn digits_decimals_and_writing() {
        assert_eq!(parse_digits("二〇二六"), Some(2026));
        assert_eq!(parse_digits("二"), None);
        assert_eq!(parse_decimal("三点五"), Some(3.5));
        assert_eq!(parse_decimal("十二点零五"), Some(12.05));
        assert_eq!(parse_decimal("三点"), None);
        assert_eq!(write_digits(2026), "二〇二六");
        for (n, text) in [
            (6, "六"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (31, "三十一"),
        ] {
            assert_eq!(write_small(n), text);
        }
        assert_eq!(ascii_digits("１２．５"), "12.5");
    }

    #[test]
    fn small_numbers_read_back() {
        for n in 0..100 {
            assert_eq!(parse_int(&write_small(n)), Some(u64::from(n)), "{n}");
        }
        for n in [10, 2026, 1998, 9999] {
            assert_eq!(parse_digits(&write_digits(n)), Some(n));
        }
    }

    proptest::proptest! {
        /// Any run of numeral characters reads as a number or not, without a panic or an
        /// overflow.
        #[test]
        fn any_numeral_text_reads(text in "[零〇一二两三四五六七八九十百千万亿壹拾佰仟点]{0,45}") {
            let _ = parse_int(&text);
            let _ = parse_digits(&text);
            let _ = parse_decimal(&text);
        }
    }
}
