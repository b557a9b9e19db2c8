//! `&str` → [`Slot`]s: finds the placeholder slots of a template and says what each one is.
//!
//! A slot is a maximal run of `X`, `Ｘ` or `×` (and of `x`/`ｘ` where the text around it is
//! Chinese), together with the digits and decimal point glued to it when they are part of the
//! same value (`20XX`, `X.X`, `138xxxxxxxx`), not a label's number (`附件3XXX`). An X that
//! belongs to a Latin word or token, a multiplication or size (`1080px × 1920px`), a product
//! name (`Model X`), an ID-card check digit, a Markdown checkbox, a form's cross (`不合格打×`)
//! or a word such as X光 is not a slot. Each slot gets a kind (quantity, date, name, other)
//! from the words that follow it. Schemas, values and filling are other modules' business.

use std::num::NonZeroU16;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::span::{Position, Span};

/// What a slot evidently stands for, judged by the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlotKind {
    /// A count or amount: followed by a measure word (个, 名, 元, 万元, 吨, %, …).
    Quantity,
    /// A part of a date: followed by 年, 月 or 日.
    Date,
    /// A place, organisation or person: followed by 村, 县, 公司, 党委, 同志, …, or a bare X
    /// standing for the reporting unit.
    Name,
    /// Anything else.
    Other,
}

impl SlotKind {
    /// The lower-case name used in output and schemas.
    pub fn as_str(self) -> &'static str {
        match self {
            SlotKind::Quantity => "quantity",
            SlotKind::Date => "date",
            SlotKind::Name => "name",
            SlotKind::Other => "other",
        }
    }
}

/// How sure the scanner is that a slot is a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Confidence {
    /// Chinese text around it, or a form that only placeholders take.
    High,
    /// Could be a placeholder, could be part of Latin text: look at it.
    Low,
}

impl Confidence {
    /// The lower-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Low => "low",
        }
    }
}

/// One placeholder slot found in a text.
///
/// Kept in 28 bytes, as a dense template holds a slot every few bytes: offsets, line and
/// column are `u32` (a text scanned is under 4 GiB: [`Scanner::scan`]), and the measure
/// word, suffix and doubt are indices into the scanner's own word lists. The accessors give
/// them back as [`Span`], [`Position`] and `&'static str`.
#[derive(Clone, PartialEq, Eq)]
pub struct Slot {
    start: u32,
    end: u32,
    line: u32,
    column: u32,
    id: u32,
    kind: SlotKind,
    confidence: Confidence,
    reason: u8,
    unit: Option<NonZeroU16>,
    suffix: Option<NonZeroU16>,
}

impl Slot {
    /// Ordinal, from 1, in text order.
    pub fn id(&self) -> usize {
        self.id as usize
    }

    /// Where the slot's text is.
    pub fn span(&self) -> Span {
        Span {
            start: self.start as usize,
            end: self.end as usize,
        }
    }

    /// Line and column (in characters) of the slot's first character.
    pub fn position(&self) -> Position {
        Position {
            line: self.line as usize,
            column: self.column as usize,
        }
    }

    /// What the slot stands for.
    pub fn kind(&self) -> SlotKind {
        self.kind
    }

    /// The measure word after a quantity (个, 万元, %).
    pub fn unit(&self) -> Option<&'static str> {
        self.unit.map(word)
    }

    /// The place, organisation or person word after a name (村, 党委, 同志).
    pub fn suffix(&self) -> Option<&'static str> {
        self.suffix.map(word)
    }

    /// How sure the scanner is.
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }

    /// Why the confidence is low.
    pub fn reason(&self) -> Option<&'static str> {
        REASONS
            .get(usize::from(self.reason).checked_sub(1)?)
            .copied()
    }

    /// The slot's text, e.g. `X`, `20XX`, `×××`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span().of(text)
    }

    /// A slot at `span` as found, before its kind, words and place are known.
    fn found(span: Span, confidence: Confidence, reason: Option<&'static str>) -> Slot {
        let offset = |at: usize| u32::try_from(at).expect("a text scanned is under 4 GiB");
        Slot {
            start: offset(span.start),
            end: offset(span.end),
            line: 0,
            column: 0,
            id: 0,
            kind: SlotKind::Other,
            confidence,
            reason: reason.map_or(0, |r| {
                let i = REASONS.iter().position(|&known| known == r);
                (i.expect("every doubt is one of REASONS") + 1) as u8
            }),
            unit: None,
            suffix: None,
        }
    }
}

impl std::fmt::Debug for Slot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Slot")
            .field("id", &self.id())
            .field("span", &self.span())
            .field("position", &self.position())
            .field("kind", &self.kind)
            .field("unit", &self.unit())
            .field("suffix", &self.suffix())
            .field("confidence", &self.confidence)
            .field("reason", &self.reason())
            .finish()
    }
}

/// The doubts a low-confidence slot can have, in the order [`Slot::reason`] numbers them.
const REASONS: [&str; 3] = [
    OPENS_CODE,
    "masked number without Chinese around it",
    "stands between Latin words",
];

/// The measure words [`infer`] names itself, after [`WORDS`] and [`ORG_WORDS`].
const OWN_WORDS: [&str; 4] = ["年级", "年", "日历天", "日报"];

/// A measure word or suffix as [`Slot`] keeps it: numbered from 1 through [`WORDS`], then
/// [`ORG_WORDS`], then [`OWN_WORDS`].
#[derive(Clone, Copy)]
enum Word {
    /// `WORDS[i]`.
    Listed(usize),
    /// `ORG_WORDS[i]`.
    Org(usize),
    /// `OWN_WORDS[i]`.
    Own(usize),
}

impl Word {
    fn number(self) -> NonZeroU16 {
        let i = match self {
            Word::Listed(i) => i,
            Word::Org(i) => WORDS.len() + i,
            Word::Own(i) => WORDS.len() + ORG_WORDS.len() + i,
        };
        NonZeroU16::new(u16::try_from(i + 1).expect("the word lists are short")).expect("from 1")
    }

    fn text(self) -> &'static str {
        match self {
            Word::Listed(i) => WORDS[i].0,
            Word::Org(i) => ORG_WORDS[i],
            Word::Own(i) => OWN_WORDS[i],
        }
    }
}

/// The word numbered `n` by [`Word::number`].
fn word(n: NonZeroU16) -> &'static str {
    let i = usize::from(n.get()) - 1;
    let word = if i < WORDS.len() {
        Word::Listed(i)
    } else if i < WORDS.len() + ORG_WORDS.len() {
        Word::Org(i - WORDS.len())
    } else {
        Word::Own(i - WORDS.len() - ORG_WORDS.len())
    };
    word.text()
}

/// How many characters of context [`context`] gives on each side.
pub const CONTEXT_CHARS: usize = 10;

/// Up to `n` characters before and after `span`, not crossing a line end.
pub fn context(text: &str, span: Span, n: usize) -> (&str, &str) {
    let before = &text[..span.start];
    let mut start = span.start;
    for (i, c) in before.char_indices().rev().take(n) {
        if c == '\n' || c == '\r' {
            break;
        }
        start = i;
    }
    let after = &text[span.end..];
    let mut end = span.end;
    for (i, c) in after.char_indices().take(n) {
        if c == '\n' || c == '\r' {
            break;
        }
        end = span.end + i + c.len_utf8();
    }
    (&text[start..span.start], &text[span.end..end])
}

/// Finds slots. [`Scanner::default`] knows the built-in forms; a schema adds its own ignore
/// words and patterns with [`Scanner::new`].
#[derive(Debug, Clone, Default)]
pub struct Scanner {
    ignore: Option<AhoCorasick>,
    patterns: Vec<Regex>,
}

/// Words that start with X and are not placeholders.
const BUILTIN_WORDS: &[&str] = &[
    "光",
    "射线",
    "线",
    "轴",
    "型",
    "染色体",
    "刀",
    "战警",
    "因素",
    "展架",
    "形",
    "世代",
    // `胸部X片检查`: an X-ray film (X光片); `X片区` is still a slot.
    "片检查",
    "片显示",
    "片提示",
    "片示",
    "片子",
];

/// The first characters of [`BUILTIN_WORDS`] (a test keeps them alike): the words are looked
/// for only after one of these (with the side after asked first in [`is_multiplication`], the
/// 1 MB bench document's scan: 35.6 → 34.3 million instructions, callgrind).
const BUILTIN_FIRST: &[char] = &[
    '光', '射', '线', '轴', '型', '染', '刀', '战', '因', '展', '形', '世', '片',
];

/// The marks of a text, in order. A short text (an anchor) is read character by character;
/// a longer one is searched once for each mark, the ASCII two together (memchr2) and each
/// fullwidth one alone (memmem), and the four streams merged. One regex for all five went
/// through an automaton that stopped at every fullwidth comma (it shares Ｘ's lead byte):
/// scanning 1 MB of Chinese took 1.88 ms in-process, 1.61 with the four searches.
struct Marks<'t> {
    text: &'t str,
    /// The ASCII marks, then Ｘ, ｘ and ×: each stream's next place at or after where the
    /// caller asked last (None: no more).
    streams: Option<Streams<'t>>,
}

/// The searchers for Ｘ, ｘ and ×, built once: `check` asks every document of a folder
/// whether it holds a mark, and building them for each document was most of that question's
/// cost.
static WIDE: LazyLock<[memchr::memmem::Finder<'static>; 3]> =
    LazyLock::new(|| ["Ｘ", "ｘ", "×"].map(|m| memchr::memmem::Finder::new(m.as_bytes())));

struct Streams<'t> {
    ascii: memchr::Memchr2<'t>,
    wide: [memchr::memmem::FindIter<'t, 'static>; 3],
    heads: [Option<usize>; 4],
}

impl<'t> Marks<'t> {
    fn new(text: &'t str) -> Self {
        let streams = (text.len() > 128).then(|| {
            let bytes = text.as_bytes();
            let mut ascii = memchr::memchr2_iter(b'X', b'x', bytes);
            let mut wide = WIDE.each_ref().map(|finder| finder.find_iter(bytes));
            let heads = [ascii.next(), wide[0].next(), wide[1].next(), wide[2].next()];
            Streams { ascii, wide, heads }
        });
        Marks { text, streams }
    }

    /// Where the next mark at or after `from` is. `from` never goes back between calls.
    fn next(&mut self, from: usize) -> Option<usize> {
        let Some(s) = &mut self.streams else {
            return self.text[from..]
                .char_indices()
                .find(|&(_, c)| is_mark(c))
                .map(|(i, _)| from + i);
        };
        while s.heads[0].is_some_and(|at| at < from) {
            s.heads[0] = s.ascii.next();
        }
        for (head, stream) in s.heads[1..].iter_mut().zip(&mut s.wide) {
            while head.is_some_and(|at| at < from) {
                *head = stream.next();
            }
        }
        s.heads.iter().flatten().min().copied()
    }
}

/// Whether `text` holds any of the marks X x Ｘ ｘ ×: the searches of [`Marks`] asked once
/// (a clean 5 KB document: about 0.5 µs, the whole scanner 0.6 µs, in-process). Most
/// finished documents hold none, and `check` then has nothing to scan.
pub(crate) fn has_mark(text: &str) -> bool {
    Marks::new(text).next(0).is_some()
}

pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ' | '×')
}

fn is_lower_mark(c: char) -> bool {
    matches!(c, 'x' | 'ｘ')
}

/// A CJK ideograph.
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Chinese text: ideographs, CJK and fullwidth punctuation, Chinese quotes.
pub(crate) fn is_chinese(c: char) -> bool {
    is_ideograph(c)
        || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

impl Scanner {
    /// A scanner that also skips `ignore` words (each containing the X that is not a slot,
    /// e.g. `X2000型`) and treats every match of `patterns` as a slot (e.g. `_{3,}`).
    pub fn new(ignore: &[String], patterns: Vec<Regex>) -> Self {
        let words: Vec<&str> = ignore
            .iter()
            .map(String::as_str)
            .filter(|w| !w.is_empty())
            .collect();
        let ignore = (!words.is_empty()).then(|| {
            AhoCorasick::new(&words).expect("literal ignore words always build an automaton")
        });
        Scanner { ignore, patterns }
    }

    /// Whether this scanner finds what [`Scanner::default`] finds: no ignore words and no
    /// patterns of its own.
    pub fn is_builtin(&self) -> bool {
        self.ignore.is_none() && self.patterns.is_empty()
    }

    /// All slots of `text`, in order, numbered from 1. One pass on one thread: a 1 MB
    /// document is scanned in a few milliseconds, less than handing it to other cores costs.
    ///
    /// # Panics
    ///
    /// If `text` is 4 GiB or longer. Files are read under `--max-size`, which is less.
    pub fn scan(&self, text: &str) -> Vec<Slot> {
        let mut slots = self.find(text);
        let mut cursor = Cursor::default();
        for (i, slot) in slots.iter_mut().enumerate() {
            let span = slot.span();
            let (kind, unit, suffix) = infer(text, span);
            let position = cursor.advance(text, span.start);
            slot.id = u32::try_from(i + 1).expect("fewer slots than bytes");
            slot.line = u32::try_from(position.line).expect("fewer lines than bytes");
            slot.column = u32::try_from(position.column).expect("fewer columns than bytes");
            slot.kind = kind;
            slot.unit = unit.map(Word::number);
            slot.suffix = suffix.map(Word::number);
        }
        slots
    }

    /// Where the slots of `text` are, in order, without what they stand for or their line
    /// and column: what an anchor needs (a schema may have 100,000 of them).
    pub fn spans(&self, text: &str) -> Vec<Span> {
        self.find(text).iter().map(Slot::span).collect()
    }

    /// The slots, with their spans, confidence and reason only, in order.
    fn find(&self, text: &str) -> Vec<Slot> {
        let ignored = Ignored::new(self.ignored_ranges(text));
        let custom = self.custom_matches(text);
        let mut found = marks(text, 0, text.len(), &ignored, &custom);
        if !custom.is_empty() {
            found.extend(
                custom
                    .into_iter()
                    .map(|span| Slot::found(span, Confidence::High, None)),
            );
            found.sort_by_key(|slot| slot.start);
        }
        found
    }

    fn ignored_ranges(&self, text: &str) -> Vec<Span> {
        match &self.ignore {
            Some(ac) => ac
                .find_overlapping_iter(text)
                .map(|m| Span::new(m.start(), m.end()))
                .collect(),
            None => Vec::new(),
        }
    }

    fn custom_matches(&self, text: &str) -> Vec<Span> {
        let mut spans: Vec<Span> = self
            .patterns
            .iter()
            .flat_map(|re| re.find_iter(text))
            .filter(|m| !m.is_empty())
            .map(|m| Span::new(m.start(), m.end()))
            .collect();
        spans.sort();
        // Keep the first of overlapping matches so that slots never overlap.
        let mut kept: Vec<Span> = Vec::with_capacity(spans.len());
        for span in spans {
            if kept.last().is_none_or(|last| last.end <= span.start) {
                kept.push(span);
            }
        }
        kept
    }
}

/// Scans with the built-in forms only.
pub fn scan(text: &str) -> Vec<Slot> {
    Scanner::default().scan(text)
}

/// The runs of marks that start in `from..to` and are slots: not inside an `ignored`
/// word, not overlapping a `custom` match (sorted, apart), not the X of a word.
fn marks(text: &str, from: usize, to: usize, ignored: &Ignored, custom: &[Span]) -> Vec<Slot> {
    // Sized for a dense template (a slot in every 128 bytes) so that it seldom grows.
    let mut found = Vec::with_capacity((to - from) / 128);
    let mut pos = from;
    let mut marks = Marks::new(&text[..to]);
    while let Some(at) = marks.next(pos) {
        let span = extend(text, at, pos);
        pos = span.end;
        // The first custom match that ends after the run starts: it overlaps the run
        // when it also starts before the run ends.
        let next = custom.partition_point(|c| c.end <= span.start);
        if custom.get(next).is_some_and(|c| c.start < span.end) {
            continue;
        }
        if ignored.covers(span) {
            continue;
        }
        if let Some((confidence, reason)) = classify(text, span) {
            found.push(Slot::found(
                label_digits_apart(text, span),
                confidence,
                reason,
            ));
        }
    }
    found
}

/// The ignore words found in a text, for asking whether one covers a run of marks.
struct Ignored {
    /// Sorted by start.
    words: Vec<Span>,
    /// For each word, the furthest end of it and the words before it.
    reach: Vec<usize>,
}

impl Ignored {
    fn new(mut words: Vec<Span>) -> Ignored {
        words.sort();
        let reach = words
            .iter()
            .scan(0, |end, w| {
                *end = w.end.max(*end);
                Some(*end)
            })
            .collect();
        Ignored { words, reach }
    }

    /// Whether a word covers `span`: one that starts at or before it and ends at or after it.
    fn covers(&self, span: Span) -> bool {
        let starting = self.words.partition_point(|w| w.start <= span.start);
        starting > 0 && self.reach[starting - 1] >= span.end
    }
}

/// Walks line and column forward through sorted offsets in one pass over the text.
#[derive(Default)]
struct Cursor {
    offset: usize,
    line: usize,
    column: usize,
}

impl Cursor {
    fn advance(&mut self, text: &str, to: usize) -> Position {
        if self.line == 0 {
            self.line = 1;
            self.column = 1;
        }
        let between = &text[self.offset..to];
        match memchr::memrchr(b'\n', between.as_bytes()) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', between.as_bytes()).count();
                self.column = 1 + between[last + 1..].chars().count();
            }
            None => self.column += between.chars().count(),
        }
        self.offset = to;
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

/// Grows the mark at `at` into the whole token: the run of marks, the digits glued to it on
/// both sides, and a decimal point between two of these. Never reaches back before `floor`.
fn extend(text: &str, at: usize, floor: usize) -> Span {
    let bytes = text.as_bytes();
    let mut start = at;
    loop {
        let digit = start > floor && bytes[start - 1].is_ascii_digit();
        let point =
            start > floor + 1 && bytes[start - 1] == b'.' && bytes[start - 2].is_ascii_digit();
        if digit || point {
            start -= 1;
        } else {
            break;
        }
    }
    let mut end = at;
    let mut chars = text[at..].chars().peekable();
    // `二〇XX年`: the year's digits written in Chinese numerals are the slot's too, as the 20
    // of `20XX年` is, so that the year is written whole. Asked only after a Chinese digit.
    if start == at && text[floor..at].ends_with(crate::numeral::is_year_digit) {
        let run_end = text[at..]
            .find(|c: char| !is_mark(c))
            .map_or(text.len(), |n| at + n);
        if text[run_end..].starts_with('年') {
            let marks = text[at..run_end].chars().count();
            let (mut digits, mut first) = (0, at);
            for (i, c) in text[floor..at].char_indices().rev().take(4) {
                if !crate::numeral::is_year_digit(c) {
                    break;
                }
                (digits, first) = (digits + 1, floor + i);
            }
            if digits + marks == 4 {
                start = first;
            }
        }
    }
    while let Some(&c) = chars.peek() {
        if c == '×'
            && end > at
            && text[end + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
        {
            break; // `X.XX×10^9/L`: a value, then a multiplication
        }
        if is_mark(c) || c.is_ascii_digit() {
            end += c.len_utf8();
            chars.next();
        } else if c == '.' {
            let mut ahead = chars.clone();
            ahead.next();
            match ahead.peek() {
                Some(&n) if is_mark(n) || n.is_ascii_digit() => {
                    end += 1;
                    chars.next();
                }
                _ => break,
            }
        } else if c == ',' && thousands(&text[end + 1..]) {
            end += 1;
            chars.next();
        } else {
            break;
        }
    }
    // A time, a date or a telephone number goes on after a colon, a dash or a slash: only
    // then are they looked for (most runs end at an ideograph).
    // `XXXX XXXX XXXX XXXX XXX`: an account or card number written in groups of four is one
    // value, when there are three groups or more.
    if text.as_bytes().get(end) == Some(&b' ') && start == at {
        let group = |s: &str| {
            s.find(|c: char| !(c.is_ascii_digit() || is_mark(c)))
                .unwrap_or(s.len())
        };
        if text[at..end].len() == 4 && text[at..end].chars().all(is_mark) {
            let mut to = end;
            let mut groups = 1;
            while text[to..].starts_with(' ') {
                let n = group(&text[to + 1..]);
                if !(3..=4).contains(&n) || !text[to + 1..to + 1 + n].contains(is_mark) {
                    break;
                }
                to += 1 + n;
                groups += 1;
                if n < 4 {
                    break;
                }
            }
            if groups >= 3 {
                end = to;
            }
        }
    }
    if matches!(text.as_bytes().get(end), Some(b':' | b'-' | b'/' | 0xEF)) {
        // `上午X:XX`, `XX：XX开始`: a time of day is one value, hours and minutes, when the words
        // around it say it is a time (`附件X：XX` is a number and a title).
        if let Some(colon) = text[end..]
            .chars()
            .next()
            .filter(|&c| c == ':' || c == '：')
            && start == at
            && (1..=2).contains(&text[at..end].chars().count())
            && let Some(minutes) = time_minutes(&text[end + colon.len_utf8()..])
        {
            const BEFORE: &[&str] = &[
                "上午",
                "下午",
                "晚上",
                "早上",
                "中午",
                "凌晨",
                "傍晚",
                "早",
                "晚",
                "于",
                "日",
                "至",
                "到",
                "时间：",
                "时间:",
                "-",
                "—",
                "～",
                "~",
            ];
            const AFTER: &[&str] = &[
                "-", "—", "～", "~", "至", "到", "前", "后", "开始", "结束", "召开", "举行",
                "举办", "出发", "集合", "报到", "在", "开幕", "闭幕", "签到", "入场", "截止",
                "发车", "开考",
            ];
            let then = &text[end + colon.len_utf8() + minutes..];
            if BEFORE.iter().any(|w| text[floor..at].ends_with(w))
                || AFTER.iter().any(|w| then.starts_with(w))
            {
                end += colon.len_utf8() + minutes;
            }
        }
        // `20XX-XX-XX`, `20XX/X/X`: a date written with dashes or slashes is one value.
        if let Some(sep) = text[end..].chars().next().filter(|&c| c == '-' || c == '/')
            && is_year_token(&text[start..end])
        {
            let mut at = end;
            let mut parts = 0;
            while parts < 2 && text[at..].starts_with(sep) {
                let part = text[at + 1..]
                    .find(|c: char| !(c.is_ascii_digit() || is_mark(c)))
                    .map_or(text.len() - at - 1, |n| n);
                if !(1..=2).contains(&text[at + 1..at + 1 + part].chars().count()) {
                    break;
                }
                at += 1 + part;
                parts += 1;
            }
            if parts > 0 && !text[at..].starts_with(sep) {
                end = at;
            }
        }
        // `0XXX-XXXXXXX`: a telephone number, area code and number, is one value.
        let area = &text[start..end];
        if text[end..].starts_with('-')
            && (3..=4).contains(&area.chars().count())
            && area.starts_with(|c: char| c == '0' || is_mark(c))
            && area.chars().all(|c| c.is_ascii_digit() || is_mark(c))
        {
            let number = text[end + 1..]
                .find(|c: char| !(c.is_ascii_digit() || is_mark(c)))
                .unwrap_or(text.len() - end - 1);
            if (7..=8).contains(&text[end + 1..end + 1 + number].chars().count()) {
                end += 1 + number;
            }
        }
    }
    // `XXXX@XX.com`: an e-mail address blank on both sides of its `@` is one value, the
    // address; `XXXX@163.com` keeps its domain and only the name is blank.
    if text.as_bytes().get(end) == Some(&b'@') {
        end = email_domain(text, end);
    }
    // `“X·XX”事故`: an event named by its month and day, in quotes, is one value (`7·20`).
    // Looked for only at a `·` (0xC2 0xB7), as seldom as it is.
    if text.as_bytes().get(end) == Some(&0xC2) {
        end = event_day(text, floor, start, end);
    }
    // `X,XXX元`: a comma groups the thousands of an amount, when a unit follows the whole.
    if let Some(comma) = text[at..end].find(',')
        && !followed_by_unit(&text[end..])
    {
        end = at + comma;
    }
    Span::new(start, end)
}

/// Where a slot that stops at the `@` at `at` ends: after the domain when the domain holds a
/// blank too (`XX.com`), a bounded run of letters, digits, dots and dashes; else at `at`.
#[inline(never)]
fn email_domain(text: &str, at: usize) -> usize {
    let domain = &text[at + 1..];
    let n = domain
        .char_indices()
        .take(64)
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '.' || c == '-' || is_mark(c)))
        .map_or(domain.len().min(64), |(i, _)| i);
    let part = domain[..n].trim_end_matches(['.', '-']);
    let top = part.rsplit_once('.').map(|(_, t)| t);
    if part.contains(is_mark)
        && top.is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_lowercase()))
    {
        at + 1 + part.len()
    } else {
        at
    }
}

/// Where the slot `start..end` ends when it is the month of an event named by its date in
/// quotes (`“X·XX”`): after the day; else at `end`. Kept out of [`extend`]'s body, which it
/// made slower inline (1 MB scan: 37.05 → 36.90 million instructions, callgrind).
#[inline(never)]
fn event_day(text: &str, floor: usize, start: usize, end: usize) -> usize {
    if !(text[end..].starts_with('·') && text[floor..start].ends_with('“')) {
        return end;
    }
    let part = |s: &str| {
        let n = s
            .find(|c: char| !(c.is_ascii_digit() || is_mark(c)))
            .unwrap_or(s.len());
        ((1..=2).contains(&s[..n].chars().count()) && s[..n].contains(is_mark)).then_some(n)
    };
    let day = end + '·'.len_utf8();
    if (1..=2).contains(&text[start..end].chars().count())
        && let Some(n) = part(&text[day..])
        && text[day + n..].starts_with('”')
    {
        day + n
    } else {
        end
    }
}

/// The length of the minutes of a time at the start of `after` (what follows a colon): two
/// digits or marks, at least one a mark, and no more (`XX:XXXX` is no time).
fn time_minutes(after: &str) -> Option<usize> {
    let mut chars = after.chars();
    let mut part = || chars.next().filter(|&c| is_mark(c) || c.is_ascii_digit());
    let (a, b) = (part()?, part()?);
    let marked = is_mark(a) || is_mark(b);
    (marked && part().is_none()).then(|| a.len_utf8() + b.len_utf8())
}

/// A year of four digits or marks (`20XX`, `XXXX`, `19XX`), as a written date starts.
fn is_year_token(token: &str) -> bool {
    token.chars().count() == 4
        && token.chars().all(|c| c.is_ascii_digit() || is_mark(c))
        && (token.starts_with(is_mark) || token.starts_with("19") || token.starts_with("20"))
}

/// The separator of a date written whole in one slot (`20XX.X.X`, `19XX.XX`, `20XX-XX-XX`,
/// `20XX/X/X`): a year of four digits or marks, then a month and maybe a day of one or two,
/// with one separator between them.
pub(crate) fn written_date(token: &str) -> Option<char> {
    let sep = token.chars().find(|c| matches!(c, '.' | '-' | '/'))?;
    let mut parts = token.split(sep);
    let year = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let digit_or_mark = |c: char| c.is_ascii_digit() || is_mark(c);
    // `XXXX.XX` is as often an amount (`其他收入：XXXX.XX`): a year and a month alone are a
    // date only when the year shows its century.
    let century = year.starts_with("19") || year.starts_with("20");
    (is_year_token(year)
        && (rest.len() == 2 || rest.len() == 1 && century)
        && rest
            .iter()
            .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(digit_or_mark)))
    .then_some(sep)
}

/// Whether `after` (what follows a comma) is a group of three digits or marks, and no more.
fn thousands(after: &str) -> bool {
    let mut chars = after.chars();
    let digit = |c: Option<char>| c.is_some_and(|c| is_mark(c) || c.is_ascii_digit());
    (0..3).all(|_| digit(chars.next())) && !digit(chars.next())
}

/// The slot without the digits glued before its marks when they are a label's number, not
/// part of the slot's value: `附件3XXX` and `表2XX` keep `附件3` and `表2` as text.
///
/// The digits stay in the slot when the whole reads as one value: a year (`20XX`, `19XX`,
/// `202X`), a masked number of 7 characters or more (`138xxxxxxxx`), a decimal (`0.X`), or a
/// partly written number followed by its unit or date word (`1X人`, `第3X条`, `202X年`).
/// Otherwise the digits are a label's number when a word that numbers things stands right
/// before them ([`NUMBERED_WORDS`]: 附件, 表, 图, 指标, …); elsewhere (`办公室3XX房间`,
/// `编号：3XX`) nothing says they are a label, and they stay in the slot. A list's item
/// number at the start of a line (`2.XX区`) is a label too, unless a unit follows.
fn label_digits_apart(text: &str, span: Span) -> Span {
    let token = span.of(text);
    let Some(first_mark) = token.find(is_mark) else {
        return span;
    };
    let lead = &token[..first_mark];
    if lead.is_empty() {
        return span;
    }
    if let Some(number) = lead.strip_suffix('.') {
        // `2.XX区` at the start of a line (or after `附件：`) is item 2 of a list, not a
        // decimal: a decimal has a unit after it (`1.X万元`).
        let colon = text[..span.start].trim_end_matches(['：', ':']);
        let after_label =
            colon.len() < span.start && NUMBERED_WORDS.iter().any(|w| colon.ends_with(w));
        let listed = number.len() <= 2
            && !number.contains('.')
            && (starts_line(text, span.start) || after_label)
            && !followed_by_unit(&text[span.end..]);
        return match listed {
            true => Span::new(span.start + first_mark, span.end),
            false => span,
        };
    }
    if lead.contains('.') {
        return span;
    }
    let year = (lead.starts_with("19")
        || lead.starts_with("20")
        || lead.chars().all(crate::numeral::is_year_digit))
        && token.chars().count() == 4;
    let masked = token.chars().count() >= 7;
    if year || masked || token.contains('.') || followed_by_unit(&text[span.end..]) {
        return span;
    }
    let before = &text[..span.start];
    if NUMBERED_WORDS.iter().any(|w| before.ends_with(w)) {
        Span::new(span.start + first_mark, span.end)
    } else {
        span
    }
}

/// Whether only spaces stand between the line's start and `at`.
fn starts_line(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .all(|c| matches!(c, ' ' | '\t' | '\r' | '\u{3000}'))
}

/// Words that take a number as a label: the digits after them are not a slot's value.
const NUMBERED_WORDS: &[&str] = &[
    "附件", "附表", "附图", "附录", "表", "图", "指标", "任务", "目标", "问题", "措施", "步骤",
    "阶段", "方案", "材料", "样本", "专栏", "模块", "章", "节", "款", "条",
];

/// Whether `after` starts with a measure word or a date word (after 余 or 多).
fn followed_by_unit(after: &str) -> bool {
    if after.starts_with(['年', '月', '日', '号']) {
        return true;
    }
    let measured = after
        .strip_prefix('余')
        .or_else(|| after.strip_prefix('多'))
        .unwrap_or(after);
    let Some(c) = measured.chars().next() else {
        return false;
    };
    WORDS_BY_FIRST.get(&c).is_some_and(|words| {
        words.iter().any(|&i| {
            let (word, kind) = WORDS[i];
            kind == SlotKind::Quantity && measured.starts_with(word)
        })
    })
}

/// Whether a token is a slot, and how sure that is. `None`: not a slot.
/// The doubt of a slot that opens a code (`XXZB-20XX-0XX`).
pub const OPENS_CODE: &str = "opens a code whose other parts are slots";

/// How many marks `token` holds.
fn marks_in(token: &str) -> usize {
    token.chars().filter(|&c| is_mark(c)).count()
}

fn classify(text: &str, span: Span) -> Option<(Confidence, Option<&'static str>)> {
    let token = span.of(text);
    let prev = text[..span.start].chars().next_back();
    let next = text[span.end..].chars().next();
    // Fullwidth letters too (`ＺＹＸ-`), but not the fullwidth marks themselves.
    let latin = |c: Option<char>| {
        c.is_some_and(|c| {
            c.is_ascii_alphabetic()
                || c == '_'
                || (('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c)) && !is_mark(c)
        })
    };
    if latin(prev) || latin(next) {
        // `项目编号：XXZB-20XX-0XX`: two marks or more opening a code whose other parts are
        // slots too may be a placeholder: listed, with the doubt.
        let code = text[span.end..]
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || is_mark(c)))
            .next()
            .unwrap_or_default();
        let opens_code = !latin(prev)
            && marks_in(token) >= 2
            && token.chars().all(|c| c == 'X')
            && code.contains('-')
            && code[code.find('-').unwrap_or(0)..].contains('X');
        if opens_code {
            return Some((Confidence::Low, Some(OPENS_CODE)));
        }
        if !latin(next) && is_plate_number(text, span, token) {
            return Some((Confidence::High, None));
        }
        return None; // XML, SpaceX, Windows XP, x86_64, tar xzf
    }
    let hyphen_latin = text[span.end..]
        .strip_prefix('-')
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic() && !is_mark(c)));
    if hyphen_latin {
        return None; // X-ray, X-Men
    }
    if token.starts_with('×') && prev.is_some_and(|c| is_mark(c) || c.is_ascii_digit()) {
        return None; // the × of `X.XX×10^9`, after the value
    }
    if let Some(flag @ ('-' | '+')) = prev {
        let before_flag = text[..span.start - flag.len_utf8()].chars().next_back();
        if before_flag.is_none_or(|c| c.is_whitespace()) && !next.is_some_and(is_chinese) {
            return None; // chmod +x, curl -X
        }
    }
    let marks = marks_in(token);
    let single = marks == 1 && token.chars().count() == 1;
    if single && prev == Some('[') && next == Some(']') {
        return None; // a Markdown checkbox
    }
    let equation = |c: Option<char>| matches!(c, Some('=' | '＝' | '^' | '²' | '³'));
    let unknown = || {
        ["未知数", "未知数为", "未知数是", "变量"]
            .iter()
            .any(|w| text[..span.start].ends_with(w))
    };
    if single && (equation(prev) || equation(next) || unknown()) {
        return None; // 解得x=5, y=x², 设未知数为x: an equation's unknown
    }
    if single && (is_dimension(prev, next) || is_cross_mark(text, span, next)) {
        return None; // 长×宽×高, 不合格打×
    }
    if is_id_number(token)
        || is_product(token, marks)
        || is_multiplication(text, span, token, marks)
        || is_product_name(text, span, token)
    {
        return None;
    }
    if single
        && text[span.end..].starts_with(BUILTIN_FIRST)
        && BUILTIN_WORDS
            .iter()
            .any(|w| text[span.end..].starts_with(w))
    {
        return None; // X光, X射线, X型 …
    }
    let chinese_around = prev.is_some_and(is_chinese) || next.is_some_and(is_chinese);
    let all_lower = token.chars().filter(|&c| is_mark(c)).all(is_lower_mark);
    if all_lower {
        // `xxxx@xx.gov.cn`: the parts of an e-mail address.
        // `www.xxx.gov.cn`, `https://xxx.com`: a web address's name.
        let site = ["www.", "://"]
            .iter()
            .any(|w| text[..span.start].ends_with(w));
        if chinese_around || prev == Some('@') || next == Some('@') || site {
            return Some((Confidence::High, None));
        }
        let digits = token.chars().any(|c| c.is_ascii_digit());
        return (digits && marks >= 4).then_some((
            Confidence::Low,
            Some("masked number without Chinese around it"),
        ));
    }
    if !chinese_around && latin_neighbours(text, span) {
        return Some((Confidence::Low, Some("stands between Latin words")));
    }
    Some((Confidence::High, None))
}

/// The number of a licence plate after its province and letter (`京AXXXXX`, `粤BDXXXXX`): four
/// to six X after one or two capitals that follow a Chinese character.
fn is_plate_number(text: &str, span: Span, token: &str) -> bool {
    let before = &text[..span.start];
    let letters = before.len()
        - before
            .trim_end_matches(|c: char| c.is_ascii_uppercase())
            .len();
    (1..=2).contains(&letters)
        && before[..before.len() - letters]
            .chars()
            .next_back()
            .is_some_and(is_ideograph)
        && token.chars().all(|c| c == 'X')
        && (4..=6).contains(&token.len())
}

/// A single mark between two measures of a size: `长×宽×高`, `长X宽`.
fn is_dimension(prev: Option<char>, next: Option<char>) -> bool {
    let measure = |c: Option<char>| matches!(c, Some('长' | '宽' | '高' | '厚' | '深'));
    measure(prev) && measure(next)
}

/// A single mark that is the cross of a form's ticks and crosses: after a verb of marking
/// (`不合格打×`, `错误的画“×”`) or beside a tick (`（√/×）`), and followed by no word (`打X分`
/// is a score).
fn is_cross_mark(text: &str, span: Span, next: Option<char>) -> bool {
    if next.is_some_and(|c| is_ideograph(c) && c != '或') {
        return false;
    }
    let before = text[..span.start].trim_end_matches(['“', '"', '‘', '\'', '「', '『', '（', '(']);
    if before.ends_with(['打', '画', '划']) {
        return true;
    }
    // The tick right beside it, or one `/`, `或`, `、` or space away: a colon between them
    // (`是否党员（√）：X`) makes the X a slot of its own.
    let tick = |c: Option<char>| matches!(c, Some('√' | '✓' | '✔'));
    let apart = |c: Option<char>| matches!(c, Some('/' | '或' | '、' | ' ' | '\u{3000}'));
    let mut left = text[..span.start].chars().rev();
    let mut right = text[span.end..].chars();
    let (l1, r1) = (left.next(), right.next());
    if tick(l1) || tick(r1) || apart(l1) && tick(left.next()) || apart(r1) && tick(right.next()) {
        return true;
    }
    // `合格（√）不合格（×）`: a cross in brackets, a tick in brackets a few characters away on
    // its line.
    if !(matches!(l1, Some('（' | '(')) && matches!(r1, Some('）' | ')'))) {
        return false;
    }
    // Sixteen characters a side at most (48 bytes), cut at the line's ends.
    let from = crate::span::floor_char_boundary(text, span.start.saturating_sub(48));
    let to = crate::span::floor_char_boundary(text, span.end + 48);
    let head = &text[from..span.start];
    let head = &head[head.rfind(['\n', '\r']).map_or(0, |i| i + 1)..];
    let tail = &text[span.end..to];
    let tail = &tail[..tail.find(['\n', '\r']).unwrap_or(tail.len())];
    [head, tail]
        .iter()
        .any(|s| s.contains("（√）") || s.contains("(√)"))
}

/// 17 digits and a check character X: an ID-card number.
fn is_id_number(token: &str) -> bool {
    let b = token.as_bytes();
    b.len() == 18 && b[..17].iter().all(u8::is_ascii_digit) && matches!(b[17], b'X' | b'x')
}

/// One X followed by digits, nothing before: a model name such as X1 or x86.
fn is_product(token: &str, marks: usize) -> bool {
    let mut chars = token.chars();
    marks == 1
        && chars.next().is_some_and(|c| matches!(c, 'X' | 'x'))
        && chars.as_str().bytes().all(|b| b.is_ascii_digit())
        && !chars.as_str().is_empty()
}

/// A single X or × between numbers: 3×4, 1920x1080, "2 × 3".
fn is_multiplication(text: &str, span: Span, token: &str, marks: usize) -> bool {
    if marks != 1 {
        return false;
    }
    let Some(i) = token.find(is_mark) else {
        return false;
    };
    let mark_len = token[i..].chars().next().map_or(1, char::len_utf8);
    let (left, right) = (&token[..i], &token[i + mark_len..]);
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if number(left) && number(right) {
        return true;
    }
    if left.is_empty() && (right.is_empty() || number(right)) {
        // "2 × 3", "1080px × 1920px", "210 mm × 297 mm", "3厘米×4厘米": a number, maybe with
        // its unit, on each side. The side after is asked first: most slots have no number
        // after them, and the side before need not be read then (see [`BUILTIN_FIRST`]).
        let after = text[span.end..].trim_start_matches([' ', '\t']);
        let number_after = !right.is_empty() || after.starts_with(|c: char| c.is_ascii_digit());
        if !number_after {
            return false;
        }
        let before = text[..span.start].trim_end_matches([' ', '\t']);
        let spaced = before.len() < span.start;
        let unit = before
            .strip_suffix(|c: char| matches!(c, '%' | '°' | '″' | '′' | '"' | '\''))
            .or_else(|| LENGTH_UNITS.iter().find_map(|u| before.strip_suffix(u)))
            .or_else(|| {
                let letters = before.len()
                    - before
                        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                        .len();
                (spaced && (1..=4).contains(&letters)).then(|| &before[..before.len() - letters])
            });
        let number_before = unit
            .unwrap_or(before)
            .trim_end_matches([' ', '\t'])
            .ends_with(|c: char| c.is_ascii_digit());
        return number_before && (spaced || unit.is_some());
    }
    false
}

/// Units of length written in Chinese before a `×` (`3厘米×4厘米`).
const LENGTH_UNITS: &[&str] = &["毫米", "厘米", "公分", "英寸", "像素", "米", "寸"];

/// Words after which a single X is a slot in English text, not part of a name: titles
/// (`Mr X`), numbered parts and places (`Appendix X`, `Room X`, `Gate X`), the records and
/// roles templates leave open (`Invoice X`, `Company X`, `Product X`).
const SLOT_BEFORE_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "sir",
    "madam",
    "dear",
    "section",
    "chapter",
    "article",
    "clause",
    "appendix",
    "annex",
    "attachment",
    "exhibit",
    "schedule",
    "figure",
    "fig",
    "table",
    "item",
    "step",
    "phase",
    "stage",
    "level",
    "round",
    "room",
    "floor",
    "building",
    "block",
    "unit",
    "no",
    "number",
    "version",
    "week",
    "day",
    "month",
    "year",
    "quarter",
    "group",
    "team",
    "class",
    "grade",
    "page",
    "line",
    "part",
    "party",
    "company",
    "client",
    "customer",
    "vendor",
    "supplier",
    "partner",
    "project",
    "product",
    "person",
    "patient",
    "user",
    "member",
    "employee",
    "candidate",
    "applicant",
    "region",
    "city",
    "district",
    "site",
    "zone",
    "area",
    "plan",
    "option",
    "case",
    "sample",
    "lot",
    "batch",
    "invoice",
    "order",
    "ticket",
    "account",
    "task",
    "issue",
    "contract",
    "agreement",
    "policy",
    "reference",
    "ref",
    "id",
    "code",
    "form",
    "file",
    "document",
    "report",
    "meeting",
    "event",
    "session",
    "module",
    "lesson",
    "test",
    "question",
    "exercise",
    "problem",
    "hall",
    "gate",
    "desk",
    "seat",
    "row",
    "platform",
    "terminal",
    "route",
    "bus",
    "flight",
    "train",
    "lane",
    "street",
    "road",
    "avenue",
    "house",
    "apartment",
    "suite",
    "box",
    "school",
    "hospital",
    "department",
    "office",
    "county",
    "town",
    "village",
    "province",
    "state",
    "country",
    "name",
];

/// A single X after a capitalised Latin word in the middle of a line: the end of a product or
/// system name (`Model X`, `Mac OS X`, `Galaxy X`, `iPhone X`). Not when the word starts a
/// sentence (`Approximately X users`), nor after a title or a word that names a part or role
/// ([`SLOT_BEFORE_WORDS`]).
fn is_product_name(text: &str, span: Span, token: &str) -> bool {
    if token != "X" {
        return false;
    }
    let before = &text[..span.start];
    let spaced = before.trim_end_matches(' ');
    if spaced.len() == before.len() {
        return false;
    }
    let word_start = spaced
        .rfind(|c: char| !c.is_ascii_alphabetic())
        .map_or(0, |i| {
            i + spaced[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &spaced[word_start..];
    let inner_capital = word.chars().skip(1).any(|c| c.is_ascii_uppercase());
    let capitalised = word.starts_with(|c: char| c.is_ascii_uppercase());
    // `XXXXX X XXXXX`, a form's blank row: a word of marks alone is another slot.
    if word.is_empty()
        || word.chars().all(is_mark)
        || !(capitalised || inner_capital)
        || SLOT_BEFORE_WORDS.contains(&word.to_ascii_lowercase().as_str())
    {
        return false;
    }
    // A capitalised word at a sentence start says nothing; one with a capital inside
    // (iPhone, OS) is a name wherever it stands.
    let preceding = spaced[..word_start].trim_end_matches(' ');
    let sentence_start = match preceding.chars().next_back() {
        None | Some('\n' | '\r' | '.' | '!' | '?' | '。' | '！' | '？') => true,
        Some(_) => false,
    };
    inner_capital || !sentence_start
}

/// The nearest non-space characters on both sides (same line) are Latin letters or digits.
fn latin_neighbours(text: &str, span: Span) -> bool {
    // A neighbour of marks alone (`×××   XXXXX   X   XXXXXXXXXXX`, a form's blank row) is
    // another slot, not a Latin word.
    let near = |it: &mut dyn Iterator<Item = char>| {
        let mut word = it
            .skip_while(|c| *c == ' ' || *c == '\t')
            .take_while(|c| !c.is_whitespace());
        let first = word.next();
        first.is_some_and(|c| c.is_ascii_alphanumeric())
            && !(first.is_some_and(is_mark) && word.take(40).all(is_mark))
    };
    near(&mut text[..span.start].chars().rev()) || near(&mut text[span.end..].chars())
}

/// Measure words and name words, longest first within each starting character.
const WORDS: &[(&str, SlotKind)] = &[
    ("万人次", SlotKind::Quantity),
    ("个百分点", SlotKind::Quantity),
    ("万剂次", SlotKind::Quantity),
    ("万平方米", SlotKind::Quantity),
    ("万千瓦时", SlotKind::Quantity),
    ("平方公里", SlotKind::Quantity),
    ("平方米", SlotKind::Quantity),
    ("立方米", SlotKind::Quantity),
    ("万元", SlotKind::Quantity),
    ("亿元", SlotKind::Quantity),
    ("千元", SlotKind::Quantity),
    ("百元", SlotKind::Quantity),
    ("人次", SlotKind::Quantity),
    ("剂次", SlotKind::Quantity),
    ("台次", SlotKind::Quantity),
    ("场次", SlotKind::Quantity),
    ("批次", SlotKind::Quantity),
    ("家次", SlotKind::Quantity),
    ("户次", SlotKind::Quantity),
    ("件次", SlotKind::Quantity),
    ("架次", SlotKind::Quantity),
    ("万人", SlotKind::Quantity),
    ("万份", SlotKind::Quantity),
    ("万剂", SlotKind::Quantity),
    ("万册", SlotKind::Quantity),
    ("万件", SlotKind::Quantity),
    ("万株", SlotKind::Quantity),
    ("万头", SlotKind::Quantity),
    ("万只", SlotKind::Quantity),
    ("万辆", SlotKind::Quantity),
    ("万套", SlotKind::Quantity),
    ("万次", SlotKind::Quantity),
    ("万户", SlotKind::Quantity),
    ("万亩", SlotKind::Quantity),
    ("万吨", SlotKind::Quantity),
    ("个月", SlotKind::Quantity),
    ("公顷", SlotKind::Quantity),
    ("公里", SlotKind::Quantity),
    ("厘米", SlotKind::Quantity),
    ("毫米", SlotKind::Quantity),
    ("千米", SlotKind::Quantity),
    ("千克", SlotKind::Quantity),
    ("公斤", SlotKind::Quantity),
    ("小时", SlotKind::Quantity),
    ("分钟", SlotKind::Quantity),
    ("课时", SlotKind::Quantity),
    ("学时", SlotKind::Quantity),
    ("学分", SlotKind::Quantity),
    ("星级", SlotKind::Quantity),
    ("日历天", SlotKind::Quantity),
    ("号楼", SlotKind::Quantity),
    ("工作日", SlotKind::Quantity),
    ("有限公司", SlotKind::Name),
    ("经济圈", SlotKind::Name),
    ("经济区", SlotKind::Name),
    ("开发区", SlotKind::Name),
    ("高新区", SlotKind::Name),
    ("委员会", SlotKind::Name),
    ("党支部", SlotKind::Name),
    ("党总支", SlotKind::Name),
    ("幼儿园", SlotKind::Name),
    ("卫生院", SlotKind::Name),
    ("会议室", SlotKind::Name),
    ("派出所", SlotKind::Name),
    ("司法所", SlotKind::Name),
    ("财政所", SlotKind::Name),
    ("供电所", SlotKind::Name),
    ("税务所", SlotKind::Name),
    ("办事处", SlotKind::Name),
    ("服务站", SlotKind::Name),
    ("工作站", SlotKind::Name),
    ("卫生室", SlotKind::Name),
    ("管委会", SlotKind::Name),
    ("居委会", SlotKind::Name),
    ("村委会", SlotKind::Name),
    ("合作社", SlotKind::Name),
    ("新区", SlotKind::Name),
    ("社区", SlotKind::Name),
    ("街道", SlotKind::Name),
    ("园区", SlotKind::Name),
    ("片区", SlotKind::Name),
    ("小区", SlotKind::Name),
    ("公司", SlotKind::Name),
    ("集团", SlotKind::Name),
    ("党委", SlotKind::Name),
    ("党组", SlotKind::Name),
    ("支部", SlotKind::Name),
    ("单位", SlotKind::Name),
    ("学校", SlotKind::Name),
    ("大学", SlotKind::Name),
    ("学院", SlotKind::Name),
    ("中学", SlotKind::Name),
    ("小学", SlotKind::Name),
    ("医院", SlotKind::Name),
    ("中心", SlotKind::Name),
    ("银行", SlotKind::Name),
    ("协会", SlotKind::Name),
    ("商会", SlotKind::Name),
    ("企业", SlotKind::Name),
    ("工厂", SlotKind::Name),
    ("大厦", SlotKind::Name),
    ("大道", SlotKind::Name),
    ("同志", SlotKind::Name),
    ("先生", SlotKind::Name),
    ("女士", SlotKind::Name),
    ("老师", SlotKind::Name),
    ("同学", SlotKind::Name),
    ("书记", SlotKind::Name),
    ("主任", SlotKind::Name),
    ("局长", SlotKind::Name),
    ("元", SlotKind::Quantity),
    ("万", SlotKind::Quantity),
    ("亿", SlotKind::Quantity),
    ("千", SlotKind::Quantity),
    ("百", SlotKind::Quantity),
    ("个", SlotKind::Quantity),
    ("名", SlotKind::Quantity),
    ("人", SlotKind::Quantity),
    ("次", SlotKind::Quantity),
    ("件", SlotKind::Quantity),
    ("条", SlotKind::Quantity),
    ("项", SlotKind::Quantity),
    ("吨", SlotKind::Quantity),
    ("户", SlotKind::Quantity),
    ("家", SlotKind::Quantity),
    ("所", SlotKind::Quantity),
    ("%", SlotKind::Quantity),
    ("‰", SlotKind::Quantity),
    ("票", SlotKind::Quantity),
    ("分", SlotKind::Quantity),
    ("％", SlotKind::Quantity),
    ("位", SlotKind::Quantity),
    ("场", SlotKind::Quantity),
    ("批", SlotKind::Quantity),
    ("台", SlotKind::Quantity),
    ("辆", SlotKind::Quantity),
    ("间", SlotKind::Quantity),
    ("份", SlotKind::Quantity),
    ("篇", SlotKind::Quantity),
    ("期", SlotKind::Quantity),
    ("届", SlotKind::Quantity),
    ("株", SlotKind::Quantity),
    ("头", SlotKind::Quantity),
    ("只", SlotKind::Quantity),
    ("座", SlotKind::Quantity),
    ("处", SlotKind::Quantity),
    ("块", SlotKind::Quantity),
    ("套", SlotKind::Quantity),
    ("本", SlotKind::Quantity),
    ("册", SlotKind::Quantity),
    ("张", SlotKind::Quantity),
    ("亩", SlotKind::Quantity),
    ("米", SlotKind::Quantity),
    ("斤", SlotKind::Quantity),
    ("克", SlotKind::Quantity),
    ("升", SlotKind::Quantity),
    ("天", SlotKind::Quantity),
    ("周岁", SlotKind::Quantity),
    ("学期", SlotKind::Quantity),
    ("节", SlotKind::Quantity),
    ("周", SlotKind::Quantity),
    ("时", SlotKind::Quantity),
    ("岁", SlotKind::Quantity),
    ("倍", SlotKind::Quantity),
    ("层", SlotKind::Quantity),
    ("楼", SlotKind::Quantity),
    ("栋", SlotKind::Quantity),
    ("页", SlotKind::Quantity),
    ("组", SlotKind::Quantity),
    ("轮", SlotKind::Quantity),
    ("支", SlotKind::Quantity),
    ("季度", SlotKind::Quantity),
    ("起", SlotKind::Quantity),
    ("例", SlotKind::Quantity),
    ("宗", SlotKind::Quantity),
    ("架", SlotKind::Quantity),
    ("艘", SlotKind::Quantity),
    ("门", SlotKind::Quantity),
    ("棵", SlotKind::Quantity),
    ("箱", SlotKind::Quantity),
    ("袋", SlotKind::Quantity),
    ("盒", SlotKind::Quantity),
    ("面", SlotKind::Quantity),
    ("封", SlotKind::Quantity),
    ("瓶", SlotKind::Quantity),
    ("桶", SlotKind::Quantity),
    ("枚", SlotKind::Quantity),
    ("具", SlotKind::Quantity),
    ("盏", SlotKind::Quantity),
    ("顶", SlotKind::Quantity),
    ("根", SlotKind::Quantity),
    ("幅", SlotKind::Quantity),
    ("桌", SlotKind::Quantity),
    ("卷", SlotKind::Quantity),
    ("口", SlotKind::Quantity),
    ("字", SlotKind::Quantity),
    ("村", SlotKind::Name),
    ("镇", SlotKind::Name),
    ("乡", SlotKind::Name),
    ("县", SlotKind::Name),
    ("市", SlotKind::Name),
    ("区", SlotKind::Name),
    ("省", SlotKind::Name),
    ("州", SlotKind::Name),
    ("旗", SlotKind::Name),
    ("局", SlotKind::Name),
    ("厅", SlotKind::Name),
    ("委", SlotKind::Name),
    ("办", SlotKind::Name),
    ("厂", SlotKind::Name),
    ("路", SlotKind::Name),
    ("街", SlotKind::Name),
];

/// Words that begin with a measure word or a name word and are neither: in "XX项目" the X
/// name a project, not a count of 项; "XX人民医院", "XX家庭农场", "XX条例", "XX台账" and
/// "XX市场" are names too. A slot before one of them is not a quantity (or a 市), so init
/// does not type a project's name as a whole number.
const COMPOUNDS: &[&str] = &[
    "乡村", "人事", "人口", "人员", "人大", "人才", "人民", "人社", "份额", "位置", "例会", "例如",
    "例行", "元素", "具体", "具备", "具有", "分中", "分享", "分会", "分公", "分别", "分厂", "分局",
    "分工", "分布", "分店", "分所", "分批", "分支", "分散", "分析", "分校", "分段", "分社", "分站",
    "分管", "分类", "分红", "分组", "分行", "分解", "分部", "分配", "分钟", "分队", "分院", "办法",
    "办理", "区域", "卷宗", "卷烟", "厂商", "厂家", "县城", "口号", "口味", "口头", "口岸", "口径",
    "口碑", "口罩", "口腔", "台账", "名义", "名单", "名录", "名称", "吨位", "场地", "场所", "场景",
    "场馆", "处室", "处理", "处置", "处长", "天然", "套餐", "委员", "字体", "字号", "字幕", "字样",
    "字段", "字母", "字符", "字第", "宗教", "宗旨", "家乡", "家具", "家园", "家居", "家属", "家庭",
    "封存", "封锁", "封闭", "封面", "局面", "层次", "层级", "层面", "市场", "幅度", "座谈", "张贴",
    "户口", "户外", "户籍", "所长", "批准", "批复", "支行", "支队", "时代", "时期", "时间", "期刊",
    "期间", "期限", "本人", "本地", "本科", "本部", "条件", "条例", "条款", "架构", "根据", "根本",
    "桌椅", "桌面", "楼宇", "楼盘", "次日", "省份", "篇章", "组委", "组织", "组长", "节日", "节约",
    "节能", "起到", "起步", "起点", "起草", "起诉", "路径", "路线", "门口", "门店", "门户", "门诊",
    "间隔", "面临", "面向", "面对", "面积", "面试", "面貌", "页面", "顶层", "项目",
];

/// `rest` (the text after a slot) starts with one of [`COMPOUNDS`] (two characters of three
/// bytes each, sorted: one binary search). "X项目标" is still X items of goals (项 + 目标).
/// "XX处处长" is the head of a 处 (a section), not X places.
fn starts_compound(rest: &str) -> bool {
    rest.get(..6)
        .is_some_and(|two| COMPOUNDS.binary_search(&two).is_ok())
        && !rest.starts_with("项目标")
        || rest
            .strip_prefix('处')
            .is_some_and(|r| r.starts_with("处长") || r.starts_with("副处长"))
}

/// Indexes into [`WORDS`] by the word's first character, in WORDS's order.
static WORDS_BY_FIRST: LazyLock<rustc_hash::FxHashMap<char, Vec<usize>>> = LazyLock::new(|| {
    let mut by_first: rustc_hash::FxHashMap<char, Vec<usize>> = Default::default();
    for (i, (word, _)) in WORDS.iter().enumerate() {
        let first = word.chars().next().expect("no word is empty");
        by_first.entry(first).or_default().push(i);
    }
    by_first
});

/// Organisation words that may end a name a few characters after its slot.
const ORG_WORDS: &[&str] = &[
    "有限公司",
    "公司",
    "集团",
    "医院",
    "大学",
    "学院",
    "银行",
    "协会",
    "委员会",
];

/// Name words for people: slots before them are names of persons.
pub const PERSON_WORDS: &[&str] = &[
    "同志", "先生", "女士", "老师", "同学", "书记", "主任", "局长",
];

/// The kind of the slot at `span`, with its unit (quantity) or suffix (name).
fn infer(text: &str, span: Span) -> (SlotKind, Option<Word>, Option<Word>) {
    let token = span.of(text);
    let after = &text[span.end..];
    let before = &text[..span.start];
    let next_is = |s: &str| after.starts_with(s);
    if token.contains([':', '：', '@']) {
        return (SlotKind::Other, None, None); // a time of day (`X:XX`), an e-mail address
    }
    if written_date(token).is_some() {
        return (SlotKind::Date, None, None);
    }
    if next_is("年级") {
        return (SlotKind::Quantity, Some(Word::Own(0)), None);
    }
    if next_is("年") {
        let rest = &after["年".len()..];
        let long = token.chars().count() >= 2;
        // `工作年限X年X个月`: years and months of a length of time, not a date.
        let months = rest.trim_start_matches(is_mark);
        if months.len() < rest.len() && months.starts_with("个月") {
            return (SlotKind::Quantity, Some(Word::Own(1)), None);
        }
        // `扎根一线XX年，`, `从教XX年来`: years lasted, after a verb and before the clause
        // ends; `XX年，我局…`, `于XX年毕业` are years of a date.
        let lasted = token.chars().count() == 2
            && !token.bytes().any(|b| b.is_ascii_digit())
            && before
                .chars()
                .next_back()
                .is_some_and(|c| is_chinese(c) && !"于在自从至到止的是为年、：:（(".contains(c))
            && (rest.starts_with(['，', '。', '；', '、', '来', '之', '多', '余'])
                || rest.starts_with("以来")
                || rest.starts_with("以上"));
        if lasted {
            return (SlotKind::Quantity, Some(Word::Own(1)), None);
        }
        if long || rest.starts_with(|c: char| is_mark(c) || "月度底初".contains(c)) {
            return (SlotKind::Date, None, None);
        }
        return (SlotKind::Quantity, Some(Word::Own(1)), None);
    }
    if next_is("月") && !before.ends_with('个') {
        return (SlotKind::Date, None, None);
    }
    if next_is("日历天") {
        return (SlotKind::Quantity, Some(Word::Own(2)), None);
    }
    // `在XX日报发表`, `《XX日报》`: a daily newspaper's name, not the day of a date (`X月X日报送`
    // and `每月X日报到` are days: a month stands before them, or a verb follows).
    if let Some(paper) = after.strip_prefix("日报")
        && !before.ends_with('月')
        && (before.ends_with('《')
            || [
                "》", "发表", "刊发", "刊登", "刊载", "头版", "记者", "社", "、",
            ]
            .iter()
            .any(|w| paper.starts_with(w)))
    {
        return (SlotKind::Name, None, Some(Word::Own(3)));
    }
    if next_is("日") || (next_is("号") && before.ends_with('月')) {
        return (SlotKind::Date, None, None);
    }
    let measured = after
        .strip_prefix('余')
        .or_else(|| after.strip_prefix('多'))
        .unwrap_or(after);
    // Only words that start with the next character can follow: those after a unit's
    // 余 or 多 (quantities), and those right after the slot (the rest), in WORDS's order.
    let starting = |s: &str| {
        s.chars()
            .next()
            .and_then(|c| WORDS_BY_FIRST.get(&c))
            .map_or(&[][..], Vec::as_slice)
    };
    // `X×X毫米`, `X×X米`: a size, two numbers, is no quantity of its unit.
    let size = token.contains('×') && !token.starts_with('×');
    let (quantities, others) = if size {
        (&[][..], &[][..])
    } else {
        (starting(measured), starting(after))
    };
    let (mut q, mut o) = (quantities.iter().peekable(), others.iter().peekable());
    while let Some(&i) = match (q.peek(), o.peek()) {
        (Some(&&a), Some(&&b)) if a <= b => q.next(),
        (Some(_), None) => q.next(),
        _ => o.next(),
    } {
        let (word, kind) = WORDS[i];
        let rest = if kind == SlotKind::Quantity {
            measured
        } else {
            after
        };
        // A compound blocks a one-character word (`X分配` is no score), not the word it is
        // or begins (`X分钟`, `X委员会`); one that a longer word's last character begins
        // leaves it to a shorter word (`X万人口`: X 万 of 人口, not X 万人 of 口).
        let last = word.char_indices().last().map_or(0, |(at, _)| at);
        let blocked = if last == 0 {
            starts_compound(rest)
        } else {
            rest.get(last..).is_some_and(starts_compound)
        };
        if rest.starts_with(word) && !blocked {
            return match kind {
                SlotKind::Quantity => (kind, Some(Word::Listed(i)), None),
                _ => (kind, None, Some(Word::Listed(i))),
            };
        }
    }
    if token.contains('.') {
        return (SlotKind::Quantity, None, None);
    }
    let upper = token.chars().any(|c| is_mark(c) && !is_lower_mark(c));
    let digits = token.bytes().any(|b| b.is_ascii_digit());
    let next = after.chars().next();
    if upper && !digits && next.is_some_and(|c| is_ideograph(c) || "“‘《「（(".contains(c)) {
        // "XX科技有限公司": the organisation word may follow a few characters later.
        let run: String = after
            .chars()
            .take_while(|&c| is_ideograph(c))
            .take(8)
            .collect();
        let org = ORG_WORDS.iter().position(|w| run.contains(*w));
        return (SlotKind::Name, None, org.map(Word::Org));
    }
    if token.starts_with('×') && token.chars().count() >= 2 {
        return (SlotKind::Name, None, None);
    }
    (SlotKind::Other, None, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use SlotKind::*;

    fn found(text: &str) -> Vec<(String, SlotKind, Option<&'static str>)> {
        scan(text)
            .into_iter()
            .map(|s| (s.text(text).to_string(), s.kind(), s.unit().or(s.suffix())))
            .collect()
    }

    macro_rules! scan_cases {
        ($($name:ident: $text:expr => [$(($slot:expr, $kind:expr, $unit:expr)),* $(,)?],)*) => {$(
            #[test]
            fn $name() {
                let expected: Vec<(String, SlotKind, Option<&'static str>)> =
                    vec![$(($slot.to_string(), $kind, $unit)),*];
                assert_eq!(found($text), expected, "scanning {:?}", $text);
            }
        )*};
    }

    #[test]
    fn compounds_are_sorted_pairs_of_ideographs() {
        assert!(COMPOUNDS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            COMPOUNDS
                .iter()
                .all(|w| w.len() == 6 && w.chars().all(is_ideograph))
        );
    }

    #[test]
    fn builtin_first_are_the_first_characters_of_builtin_words() {
        let mut firsts: Vec<char> = BUILTIN_WORDS
            .iter()
            .filter_map(|w| w.chars().next())
            .collect();
        firsts.sort();
        firsts.dedup();
        let mut given = BUILTIN_FIRST.to_vec();
        given.sort();
        assert_eq!(firsts, given);
    }

    scan_cases! {
        count_with_measure_word: "分为X个组" => [("X", Quantity, Some("个"))],
        items:                   "根据X条巡查内容" => [("X", Quantity, Some("条"))],
        money:                   "捐赠现金X元、" => [("X", Quantity, Some("元"))],
        ten_thousand_yuan:       "为X村捐款X万元用于" => [("X", Name, Some("村")), ("X", Quantity, Some("万元"))],
        weight:                  "医用酒精X吨" => [("X", Quantity, Some("吨"))],
        minutes:                 "报告时间约XX分钟" => [("XX", Quantity, Some("分钟"))],
        a_score_is_still_points: "不低于XXX分，X分配" => [("XXX", Quantity, Some("分")), ("X", Name, None)],
        daily_newspaper:         "在XX日报发表文章，《XX日报》" => [("XX", Name, Some("日报")), ("XX", Name, Some("日报"))],
        day_then_report:         "每月X日报送，X月X日报道" => [("X", Date, None), ("X", Date, None), ("X", Date, None)],
        time_before_opening:     "X:XX报到，X:XX开幕" => [("X:XX", Other, None), ("X:XX", Other, None)],
        event_month_and_day:     "“X·XX”较大火灾事故" => [("X·XX", Other, None)],
        event_day_alone:         "“7·XX”特大暴雨" => [("XX", Other, None)],
        dot_in_a_name_is_apart:  "XX·XXX同志，“X·XXX”" => [("XX", Other, None), ("XXX", Name, Some("同志")), ("X", Other, None), ("XXX", Other, None)],
        percent:                 "增长X.X%。" => [("X.X", Quantity, Some("%"))],
        project_is_a_name:       "XX项目进展" => [("XX", Name, None)],
        items_of_goals:          "完成X项目标任务" => [("X", Quantity, Some("项"))],
        head_of_a_section:       "由XX处处长牵头，XX处副处长参加，共X处" => [("XX", Name, None), ("XX", Name, None), ("X", Quantity, Some("处"))],
        peoples_hospital:        "XX人民医院" => [("XX", Name, Some("医院"))],
        regulation_is_a_name:    "按照XX条例规定" => [("XX", Name, None)],
        ledger_and_list:         "建立XX台账，纳入XX名单" => [("XX", Name, None), ("XX", Name, None)],
        market_is_not_a_city:    "XX市场监督管理局" => [("XX", Name, None)],
        city_civil_affairs:      "XX市民政局" => [("XX", Name, Some("市"))],
        accidents_and_quarters:  "第X季度共发生事故X起，确诊X例" => [("X", Quantity, Some("季度")), ("X", Quantity, Some("起")), ("X", Quantity, Some("例"))],
        clinic_is_a_name:        "XX门诊部，开设X门课程" => [("XX", Name, None), ("X", Quantity, Some("门"))],
        times_counted:           "举办招聘会X场次，检查X家次" => [("X", Quantity, Some("场次")), ("X", Quantity, Some("家次"))],
        chinese_year:            "二〇XX年X月X日" => [("二〇XX", Date, None), ("X", Date, None), ("X", Date, None)],
        chinese_year_digit:      "二〇二X年" => [("二〇二X", Date, None)],
        time_of_day:             "上午X:XX在" => [("X:XX", Other, None)],
        time_fullwidth:          "下午XX：ＸＸ召开" => [("XX：ＸＸ", Other, None)],
        time_half_given:         "X:30开始" => [("X", Other, None)],
        time_range:              "每天X:XX-X:XX" => [("X:XX", Other, None), ("X:XX", Other, None)],
        not_a_time_count:        "20XX年X：1X人" => [("20XX", Date, None), ("X", Other, None), ("1X", Quantity, Some("人"))],
        not_a_time:              "XX:XXXX" => [("XX", Other, None), ("XXXX", Other, None)],
        not_a_year_count:        "一X年" => [("X", Quantity, Some("年"))],
        class_hours:             "每天X课时" => [("X", Quantity, Some("课时"))],
        x_men_is_a_title:        "电影《X战警》" => [],
        x_factor:                "发挥X因素的作用" => [],
        x_banner:                "配备X展架X个" => [("X", Quantity, Some("个"))],
        plate_number:            "车牌号：京AXXXXX，粤BDXXXXX；型号CXXXXXXX，ＸＭＬ" => [("XXXXX", Other, None), ("XXXXX", Other, None)],
        sizes:                   "规格（长×宽×高），长X宽" => [],
        crosses_of_a_form:       "合格打√，不合格打×；错误的画“×”；（√/×），（×或√）" => [],
        a_cross_in_brackets_after_a_tick_in_brackets: "合格（√）不合格（×）\n符合(×)  不符合(√)" => [],
        shapes_and_a_generation: "X形支架，X世代的人群" => [],
        a_slot_after_a_tick:     "是否党员（√）：X\n" => [("X", Other, None)],
        a_score_is_a_slot:       "打X分，评为×" => [("X", Quantity, Some("分")), ("×", Other, None)],
        dotted_date:             "时间：20XX.X.X，出生年月：19XX.XX" => [("20XX.X.X", Date, None), ("19XX.XX", Date, None)],
        an_amount_with_points:   "其他收入：XXXX.XX，办公经费：XXXX.XX元" => [("XXXX.XX", Quantity, None), ("XXXX.XX", Quantity, Some("元"))],
        email:                   "邮箱：xxxx@xx.gov.cn" => [("xxxx@xx.gov.cn", Other, None)],
        web_address:             "网址：www.xxx.gov.cn，https://xxx.com" => [("xxx", Other, None), ("xxx", Other, None)],
        fullwidth_latin:         "编号：ＺＹＸ-ＸＸＸＸ" => [("ＸＸＸＸ", Other, None)],
        calendar_days:           "计划工期：XX日历天，同意X票，得分XX分" => [("XX", Quantity, Some("日历天")), ("X", Quantity, Some("票")), ("XX", Quantity, Some("分"))],
        branch_is_a_name:        "XX分公司，XX分局" => [("XX", Name, Some("公司")), ("XX", Name, None)],
        account_in_groups:       "账号：XXXX XXXX XXXX XXXX XXX，卡号XXXX XXXX" => [("XXXX XXXX XXXX XXXX XXX", Other, None), ("XXXX", Other, None), ("XXXX", Other, None)],
        code_prefix:             "项目编号：XXZB-20XX-0XX，尺码XXL，XXL-2" => [("XX", Other, None), ("20XX", Other, None), ("0XX", Other, None)],
        dashed_date:             "日期：20XX-XX-XX，填表：XXXX/X/X" => [("20XX-XX-XX", Date, None), ("XXXX/X/X", Date, None)],
        not_a_dashed_date:       "20XX-20XX学年，XZ-20XX-XXX，20XX-X-X-X" => [("20XX", Other, None), ("20XX", Other, None), ("20XX", Other, None), ("XXX", Other, None), ("20XX", Other, None), ("X", Other, None), ("X", Other, None), ("X", Other, None)],
        a_decimal_stays:         "增长X.X%，共XX.XX万元" => [("X.X", Quantity, Some("%")), ("XX.XX", Quantity, Some("万元"))],
        an_unknown:              "设未知数为x，解得x=5，则y=x²，X＝3" => [],
        more_than:               "共X余人" => [("X", Quantity, Some("人"))],
        ten_thousands_of:        "建档XX.X万份，接种X万剂次" => [("XX.X", Quantity, Some("万份")), ("X", Quantity, Some("万剂次"))],
        date_with_year:          "20XX年X月X日" => [("20XX", Date, None), ("X", Date, None), ("X", Date, None)],
        years_of_work:           "工作X年，" => [("X", Quantity, Some("年"))],
        years_and_months:        "共计X年X个月，XX年XX个月" => [("X", Quantity, Some("年")), ("X", Quantity, Some("个月")), ("XX", Quantity, Some("年")), ("XX", Quantity, Some("个月"))],
        months_count:            "历时X个月" => [("X", Quantity, Some("个月"))],
        party_committee:         "X党委以" => [("X", Name, Some("党委"))],
        new_district:            "与X新区对接" => [("X", Name, Some("新区"))],
        economic_circle:         "抓住“X经济圈”" => [("X", Name, Some("经济圈"))],
        bare_unit:               "现将X上半年工作" => [("X", Name, None)],
        bare_unit_before_quote:  "组织X“两新”党组织" => [("X", Name, None)],
        person:                  "×××同志：" => [("×××", Name, Some("同志"))],
        company_name:            "乙方：XX科技有限公司" => [("XX", Name, Some("有限公司"))],
        crosses_alone:           "联系人：×××" => [("×××", Name, None)],
        fullwidth:               "在Ｘ楼Ｘ层" => [("Ｘ", Quantity, Some("楼")), ("Ｘ", Quantity, Some("层"))],
        double_x:                "XX会议室" => [("XX", Name, Some("会议室"))],
        lowercase_university:    "毕业于xx大学" => [("xx", Name, Some("大学"))],
        lowercase_date:          "x月x日" => [("x", Date, None), ("x", Date, None)],
        masked_phone:            "电话：138xxxxxxxx" => [("138xxxxxxxx", Other, None)],
        end_of_line:             "甲方：XX\n" => [("XX", Other, None)],
        x_ray_is_a_word:         "X光检查" => [],
        blank_form_row:          "×××   XXXXX   X   XXXXXXXXXXX" => [("×××", Name, None), ("XXXXX", Other, None), ("X", Other, None), ("XXXXXXXXXXX", Other, None)],
        years_lasted:            "扎根一线XX年，从教XX年来" => [("XX", Quantity, Some("年")), ("XX", Quantity, Some("年"))],
        years_of_a_date:         "XX年，我局。于XX年毕业。XX年度" => [("XX", Date, None), ("XX", Date, None), ("XX", Date, None)],
        x_ray_film_is_a_word:    "胸部X片检查，X片区" => [("X", Name, Some("片区"))],
        x_rays:                  "X射线、X线、X轴、X型钢" => [],
        latin_token:             "XML文件" => [],
        xbox:                    "Xbox游戏机" => [],
        spacex:                  "SpaceX火箭" => [],
        windows_xp:              "Windows XP系统" => [],
        thinkpad:                "ThinkPad X1笔记本" => [],
        x86:                     "x86_64架构" => [],
        x86_alone:               "x86架构" => [],
        tar:                     "执行 tar xzf a.tgz" => [],
        chmod:                   "运行 chmod +x run.sh" => [],
        curl_flag:               "curl -X POST" => [],
        multiplication:          "面积3×4米" => [],
        resolution:              "分辨率1920x1080" => [],
        spaced_multiplication:   "2 × 3 = 6" => [],
        id_number:               "身份证号11010519900307123X，" => [],
        checkbox:                "- [x] 已验收" => [],
        lowercase_in_latin:      "max value" => [],
        separate_runs:           "X月X日" => [("X", Date, None), ("X", Date, None)],
        // Digits glued to the marks: part of the value, or a label's number (issue 16).
        year_three_digits:       "202X年度" => [("202X", Date, None)],
        year_nineteen:           "出生于19XX年" => [("19XX", Date, None)],
        masked_phone_middle:     "手机138XXXX5678。" => [("138XXXX5678", Other, None)],
        decimal_zero:            "下降0.X个百分点" => [("0.X", Quantity, Some("个百分点"))],
        attachment_number:       "附件3XXX" => [("XXX", Other, None)],
        table_number:            "详见表2XX说明" => [("XX", Name, None)],
        label_digit_with_colon:  "指标2：XX" => [("XX", Other, None)],
        partly_written_count:    "共1X人" => [("1X", Quantity, Some("人"))],
        article_number:          "依据第3X条" => [("3X", Quantity, Some("条"))],
        number_after_colon:      "房间号：3XX" => [("3XX", Other, None)],
        room_number:             "在办公室3XX房间" => [("3XX", Other, None)],
        appendix_number:         "见附录2XX，" => [("XX", Other, None)],
        list_item_number:        "附件：1.XX区简介\n      2.XX街道简介" => [("XX", Name, Some("区")), ("XX", Name, Some("街道"))],
        list_item_decimal:       "1.X万元" => [("1.X", Quantity, Some("万元"))],
        decimal_in_a_line:       "增长2.X个百分点" => [("2.X", Quantity, Some("个百分点"))],
        thousands_amount:        "金额X,XXX元" => [("X,XXX", Quantity, Some("元"))],
        times_ten_to_the:        "白细胞X.XX×10^9/L" => [("X.XX", Quantity, None)],
        fullwidth_times_ten:     "计数Ｘ×10⁹/L" => [("Ｘ", Other, None)],
        sizes_as_one_slot:       "规格X×X毫米" => [("X×X", Name, None)],
        x_ray:                   "X-ray设备X台" => [("X", Quantity, Some("台"))],
        x_men:                   "电影X-Men上映" => [],
        hour_of_day:             "上午X时在X楼" => [("X", Quantity, Some("时")), ("X", Quantity, Some("楼"))],
        age_in_full_years:       "X周岁" => [("X", Quantity, Some("周岁"))],
        school_grade:            "X年级X班" => [("X", Quantity, Some("年级")), ("X", Name, None)],
        term_and_lessons:        "第X学期X节课" => [("X", Quantity, Some("学期")), ("X", Quantity, Some("节"))],
        phone_with_area_code:    "电话：0XXX-XXXXXXX，XXX-XXXXXXXX" => [("0XXX-XXXXXXX", Other, None), ("XXX-XXXXXXXX", Other, None)],
        thousands_decimal:       "人民币XX,XXX.XX元" => [("XX,XXX.XX", Quantity, Some("元"))],
        commas_in_a_list:        "分别为X,XXX,X等" => [("X", Other, None), ("XXX", Other, None), ("X", Name, None)],
        comma_then_more:         "X,XXXX元" => [("X", Other, None), ("XXXX", Quantity, Some("元"))],
        // Sizes with units, and names ending in X, are not slots.
        pixels_spaced:           "尺寸1080px × 1920px" => [],
        millimetres_spaced:      "纸张210mm × 297mm" => [],
        spaced_units:            "面积 2 x 3 米" => [],
        metres_spaced:           "房间 3 × 4 m" => [],
        chinese_units:           "尺寸3厘米×4厘米" => [],
        model_x:                 "试驾 Model X 一次" => [],
        mac_os_x:                "运行 Mac OS X 的电脑" => [],
        galaxy_x:                "型号为 Galaxy X，" => [],
        iphone_x:                "iPhone X" => [],
        title_then_x:            "Dear Mr X," => [("X", Other, None)],
        part_then_x:             "详见 Appendix X" => [("X", Other, None)],
        record_then_x:           "Please pay Invoice X by Friday" => [("X", Other, None)],
        x_then_count:            "X users affected" => [("X", Other, None)],
        sentence_start_word:     "Approximately X users" => [("X", Other, None)],
        slot_beside_size:        "长X米，宽3米" => [("X", Quantity, Some("米"))],
    }

    proptest::proptest! {
        /// Asked in rising steps, the merged searches give each mark a character-by-character
        /// reading gives, fullwidth punctuation (Ｘ's lead byte) and all.
        #[test]
        fn marks_merged_are_marks_read(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["X", "x", "Ｘ", "ｘ", "×", "，", "（", "个", "a", "\n"]),
                0..300,
            ),
            steps in proptest::collection::vec(1usize..9, 1..40),
        ) {
            let text = pieces.concat();
            let mut marks = Marks::new(&text);
            let mut from = 0;
            for step in steps.iter().cycle().take(text.len()) {
                let by_chars = text[from..]
                    .char_indices()
                    .find(|&(_, c)| "XxＸｘ×".contains(c))
                    .map(|(i, _)| from + i);
                proptest::prop_assert_eq!(marks.next(from), by_chars, "from {}", from);
                from = text.ceil_char_boundary(from + step);
                if from >= text.len() {
                    break;
                }
            }
        }
    }

    #[test]
    fn marks_are_found_alike_in_short_and_long_texts() {
        let piece = "完成X名，XML与ｘ、Ｘ和3×4。";
        for n in [1, 5, 6, 20] {
            let text = piece.repeat(n);
            let by_chars = |from: usize| {
                text[from..]
                    .char_indices()
                    .find(|&(_, c)| "XxＸｘ×".contains(c))
                    .map(|(i, _)| from + i)
            };
            // Asked from every place, and asked in steps as the scanner asks.
            for (from, _) in text.char_indices() {
                assert_eq!(
                    Marks::new(&text).next(from),
                    by_chars(from),
                    "{n} pieces from {from}"
                );
            }
            let mut marks = Marks::new(&text);
            for step in [1, 2, 7] {
                let mut from = 0;
                while from < text.len() {
                    assert_eq!(marks.next(from), by_chars(from), "{n} pieces, step {step}");
                    from = text.ceil_char_boundary(from + step);
                }
                marks = Marks::new(&text);
            }
        }
    }

    #[test]
    fn spans_are_where_scan_finds_slots() {
        let text = "X党委分为X个组，XML与X光除外，20XX年X月，×××同志，____处。";
        let scanner = Scanner::new(&[], vec![Regex::new("_{3,}").unwrap()]);
        let spans: Vec<Span> = scanner.scan(text).iter().map(|s| s.span()).collect();
        assert_eq!(spans.len(), 6, "{spans:?}");
        assert_eq!(scanner.spans(text), spans);
    }

    #[test]
    fn x_that_may_be_a_slot_in_english_stays_low() {
        for text in ["X users affected", "Approximately X users", "Dear Mr X,"] {
            let slots = scan(text);
            assert_eq!(slots.len(), 1, "{text}");
            assert_eq!(slots[0].confidence(), Confidence::Low, "{text}");
        }
    }

    #[test]
    fn latin_context_is_low_confidence() {
        let text = "the X factor";
        let slots = scan(text);
        assert_eq!(slots.len(), 1);
        assert_eq!(slots[0].confidence(), Confidence::Low);
    }

    #[test]
    fn positions_count_characters() {
        let text = "第一行\n分为X个组，根据X条\r\nX党委";
        let positions: Vec<_> = scan(text)
            .iter()
            .map(|s| (s.position().line, s.position().column))
            .collect();
        assert_eq!(positions, vec![(2, 3), (2, 9), (3, 1)]);
    }

    #[test]
    fn context_stops_at_line_end() {
        let text = "上一行\n分为X个组\n下一行";
        let slot = &scan(text)[0];
        assert_eq!(context(text, slot.span(), 10), ("分为", "个组"));
    }

    #[test]
    fn schema_ignore_words_and_patterns() {
        assert!(Scanner::default().is_builtin() && Scanner::new(&[], vec![]).is_builtin());
        let scanner = Scanner::new(&["X2000型".into()], vec![Regex::new("_{3,}").unwrap()]);
        assert!(!scanner.is_builtin());
        let text = "采购X2000型设备X台，负责人____。";
        let got: Vec<_> = scanner
            .scan(text)
            .iter()
            .map(|s| s.text(text).to_string())
            .collect();
        assert_eq!(got, vec!["X", "____"]);
    }

    #[test]
    fn ids_are_ordinal() {
        let ids: Vec<_> = scan("X党委X个XX").iter().map(|s| s.id).collect();
        assert_eq!(ids, vec![1, 2, 3]);
    }
}
