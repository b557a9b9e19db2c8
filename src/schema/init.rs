//! Drafts a schema from a template's slots: one field per thing the slots stand for, each
//! with the shortest anchors that match exactly its own slots.
//!
//! Grouping: every bare X (and X党委, X党组 …) names the reporting unit, so they share one
//! field; slots before the same place word (every X村) share one; each count, amount, date
//! part and person gets a field of its own. Names come from the nouns around the slot.

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use crate::error::Location;
use crate::grouped::Grouped;
use crate::scan::{PERSON_WORDS, Slot, SlotKind, is_ideograph};
use crate::schema::{Anchor, Field, FieldType, Schema};

/// Name words that belong to the reporting unit itself: X党委 is the unit's committee.
const UNIT_WORDS: &[&str] = &["党委", "党组", "党支部", "党总支", "支部", "委员会"];
/// Money units: the field is an amount.
const MONEY: &[&str] = &["元", "万元", "亿元", "千元", "百元"];
/// Units whose amounts are often fractional.
const FRACTIONAL: &[&str] = &[
    "万元", "亿元", "万", "亿", "吨", "万吨", "%", "％", "亩", "万亩", "公顷", "公里", "倍",
];
/// Characters that end a noun phrase when reading outwards from a slot.
const STOP: &[char] = &[
    '的', '和', '与', '及', '或', '了', '为', '将', '对', '把', '在', '从', '向', '是', '有', '共',
    '计', '约', '达', '需', '其', '于', '以', '至', '每', '各', '该', '用', '到', '中', '等', '并',
    '自', '起', '前', '后',
];
/// The longest anchor context, in characters on each side.
const MAX_CONTEXT: usize = 24;
// Window reaches are kept as bytes: a character is at most 4, a line break 2.
const _: () = assert!(MAX_CONTEXT * 4 + 2 <= u8::MAX as usize);
/// The least context an anchor has (when the line has it): one character of context is
/// often unique but breaks as soon as the template gains a similar phrase.
const MIN_CONTEXT: usize = 2;
/// The longest noun taken from the text around a slot for a field name.
const NOUN_CHARS: usize = 4;

#[derive(Clone)]
struct Group {
    name: String,
    ty: FieldType,
    label: String,
    min: Option<f64>,
    max: Option<f64>,
}

/// A schema for `text` whose fields claim every one of `slots` (found by `schema`'s scanner,
/// so that a schema given with ignore words and patterns keeps them). `file` names the
/// schema in its own locations.
pub fn init(text: &str, slots: &[Slot], file: &str) -> Schema {
    // Grouping the slots and measuring their windows are independent: two cores.
    let ((fields, group_of), windows) = rayon::join(
        || drafted_groups(text, slots, file),
        || Windows::prepare(text, slots, true),
    );
    build(windows, fields, group_of, file).0
}

/// The fields [`init`] drafts for `slots`, without anchors, and the field (an index into
/// the schema's fields) of each slot: what binding init's schema to `text` would give,
/// without writing the anchors, which is most of init's work. For reading the values out
/// of a filled document when no schema is given.
pub fn draft_fields(text: &str, slots: &[Slot], file: &str) -> (Schema, Vec<usize>) {
    let ((fields, mut group_of), (windows, maps)) = rayon::join(
        || drafted_groups(text, slots, file),
        || Windows::prepare(text, slots, false),
    );
    let groups = fields.len();
    // Merging the groups that no window tells apart, and taking every group's field into
    // the schema (no anchors to wait for): two cores. The fields of groups merged into
    // others, which have no slot left, are taken out after.
    let ((), mut schema) = rayon::join(
        || {
            windows.anchors(&mut group_of, maps, false);
        },
        || {
            let mut schema = Schema::empty(file);
            schema.fields.reserve(groups);
            for field in fields {
                schema.insert(field);
            }
            schema
        },
    );
    let has_slots = has_slots(groups, &group_of);
    if has_slots.contains(&false) {
        let mut g = 0;
        schema.fields.retain(|_, _| {
            g += 1;
            has_slots[g - 1]
        });
    }
    let mut field = vec![usize::MAX; groups];
    for (i, g) in (0..groups).filter(|&g| has_slots[g]).enumerate() {
        field[g] = i;
    }
    (schema, group_of.iter().map(|&g| field[g]).collect())
}

/// A field per group of slots (made as they are taken, so that the fields of a large
/// template are not all held twice), and each slot's group.
fn drafted_groups(
    text: &str,
    slots: &[Slot],
    file: &str,
) -> (impl ExactSizeIterator<Item = Field>, Vec<usize>) {
    let (groups, group_of) = group(text, slots);
    let at = Location::new(file, 1, 1);
    (groups.into_iter().map(move |g| g.into_field(&at)), group_of)
}

/// What [`init_from`] did with the old schema's fields.
#[derive(Debug, Clone)]
pub struct Carried {
    /// The schema for the new template.
    pub schema: Schema,
    /// Old fields that found slots in the new template, by name.
    pub kept: Vec<String>,
    /// Fields added for slots the old schema does not know.
    pub added: Vec<String>,
    /// Old fields that lost all their slots.
    pub lost: Vec<String>,
}

/// A schema for a new version of a template, carried over from the old version's schema:
/// every old field keeps its name, label, type and options wherever its anchors (or, when
/// the template changed around a slot, the anchor's text on one side of it) still find a
/// slot; slots the old schema does not know get new fields, drafted as by [`init`]; fields
/// that found no slot are listed as lost. Anchors are written afresh for the new text.
pub fn init_from(text: &str, slots: &[Slot], old: &Schema, file: &str) -> Carried {
    let bindings = crate::bind::bind(old, text, slots);
    let mut field_of: Vec<Option<usize>> = bindings.field_of.clone();
    claim_by_one_side(text, slots, old, &bindings.stale, &mut field_of);

    // Slots init would group with slots of an old field join that field.
    let (groups, drafted_group_of) = group(text, slots);
    let slots_of = Grouped::new(
        groups.len(),
        drafted_group_of
            .iter()
            .enumerate()
            .map(|(s, &g)| (g, s))
            .collect(),
    );
    let mut fields: Vec<Field> = old.fields.values().cloned().collect();
    let old_count = fields.len();
    let mut taken: std::collections::HashSet<String> = old.fields.keys().cloned().collect();
    let mut group_of = vec![0; slots.len()];
    let at = Location::new(file, 1, 1);
    for (g, group) in groups.iter().enumerate() {
        let known = slots_of.of(g).iter().find_map(|&s| field_of[s]);
        let target = match known {
            Some(f) => f,
            None => {
                let mut field = group.field(&at);
                let base = field.name.clone();
                let mut n = 1;
                while taken.contains(&field.name) {
                    n += 1;
                    field.name = format!("{base}_{n}");
                }
                taken.insert(field.name.clone());
                fields.push(field);
                fields.len() - 1
            }
        };
        for &s in slots_of.of(g) {
            group_of[s] = field_of[s].unwrap_or(target);
        }
    }
    let windows = Windows::prepare(text, slots, true);
    let (mut schema, present) = build(windows, fields.iter().cloned(), group_of, file);
    let mut is_present = vec![false; fields.len()];
    for &f in &present {
        is_present[f] = true;
    }
    let present = is_present;
    schema
        .set_scanning(old.ignore.clone(), old.patterns.clone())
        .expect("patterns of a parsed schema compile");
    let name = |f: usize| fields[f].name.clone();
    Carried {
        schema,
        kept: (0..old_count).filter(|&f| present[f]).map(name).collect(),
        added: (old_count..fields.len())
            .filter(|&f| present[f])
            .map(name)
            .collect(),
        lost: (0..old_count).filter(|&f| !present[f]).map(name).collect(),
    }
}

/// For anchors that matched nothing, a slot that still has the anchor's text on one side
/// (and the same slot text) is taken to be the anchor's, when exactly one slot does.
fn claim_by_one_side(
    text: &str,
    slots: &[Slot],
    old: &Schema,
    stale: &[crate::bind::AnchorRef],
    field_of: &mut [Option<usize>],
) {
    for r in stale {
        let anchor = &old.fields[r.field].anchors[r.anchor];
        let sides = [(anchor.prefix(), true), (anchor.suffix(), false)];
        for (side, before) in sides {
            if side.chars().count() < MIN_CONTEXT {
                continue;
            }
            let candidates: Vec<usize> = (0..slots.len())
                .filter(|&s| field_of[s].is_none() && slots[s].text(text) == anchor.slot())
                .filter(|&s| {
                    let span = slots[s].span;
                    if before {
                        text[..span.start].ends_with(side)
                    } else {
                        text[span.end..].starts_with(side)
                    }
                })
                .collect();
            if let [only] = candidates.as_slice() {
                field_of[*only] = Some(r.field);
                break;
            }
        }
    }
}

/// The schema with `fields` (in order), each claiming the slots `group_of` gives it, with
/// fresh anchors; fields that end up with no slot are left out. Also returns which field
/// indexes are in it.
fn build(
    (windows, maps): (Windows, WindowMaps),
    fields: impl ExactSizeIterator<Item = Field>,
    mut group_of: Vec<usize>,
    file: &str,
) -> (Schema, Vec<usize>) {
    let anchors = windows.anchors(&mut group_of, maps, true);
    let has_slots = has_slots(fields.len(), &group_of);
    let mut schema = Schema::empty(file);
    schema.fields.reserve(fields.len());
    let mut present = Vec::new();
    for (g, mut field) in fields.enumerate() {
        if !has_slots[g] {
            continue;
        }
        field.anchors = anchors[g]
            .iter()
            .map(|t| {
                Anchor::parse(t, schema.scanner(), Location::new(file, 1, 1))
                    .expect("init writes anchors that parse")
            })
            .collect();
        present.push(g);
        schema.insert(field);
    }
    (schema, present)
}

/// Which of `groups` groups some slot is in.
fn has_slots(groups: usize, group_of: &[usize]) -> Vec<bool> {
    let mut has = vec![false; groups];
    for &g in group_of {
        has[g] = true;
    }
    has
}

impl Group {
    /// The group's field, declared at `at` (one place for all: it has no line yet).
    fn field(&self, at: &Location) -> Field {
        self.clone().into_field(at)
    }

    /// The same, taking the group's name and label.
    fn into_field(self, at: &Location) -> Field {
        let mut field = Field::new(self.name, self.ty, at.clone());
        field.label = Some(self.label);
        field.min = self.min;
        field.max = self.max;
        field
    }
}

/// The groups of `slots` (a field each), and each slot's group.
fn group(text: &str, slots: &[Slot]) -> (Vec<Group>, Vec<usize>) {
    let mut groups: Vec<Group> = Vec::with_capacity(slots.len());
    let mut group_of = Vec::with_capacity(slots.len());
    let mut shared: FxHashMap<(Option<&str>, &str), usize> = FxHashMap::default();
    let mut names: FxHashMap<String, usize> = FxHashMap::default();
    let mut unique = |base: String| -> String {
        match names.get_mut(&base) {
            Some(n) => {
                *n += 1;
                [base.as_str(), "_", itoa::Buffer::new().format(*n)].concat()
            }
            None => {
                names.insert(base.clone(), 1);
                base
            }
        }
    };
    let mut date_noun = "";
    for (i, slot) in slots.iter().enumerate() {
        let slot_text = slot.text(text);
        let floor = i.checked_sub(1).map_or(0, |p| {
            let prev = &slots[p];
            prev.span.end + prev.unit.or(prev.suffix).map_or(0, str::len)
        });
        let before = noun_before(text, slot.span.start, floor);
        let after_unit = slot.span.end + slot.unit.map_or(0, str::len);
        let after = noun_after(text, after_unit);
        let key = match (slot.kind, slot.suffix) {
            (SlotKind::Name, Some(w)) if PERSON_WORDS.contains(&w) => None,
            (SlotKind::Name, Some(w)) if UNIT_WORDS.contains(&w) => Some((None, slot_text)),
            // ××× stands for a person; each is its own field.
            (SlotKind::Name, None) if slot_text.starts_with('×') => None,
            (SlotKind::Name, None) => Some((None, slot_text)),
            (SlotKind::Name, Some(w)) => Some((Some(w), slot_text)),
            _ => None,
        };
        if let Some(key) = key {
            if let Some(&g) = shared.get(&key) {
                group_of.push(g);
                continue;
            }
            shared.insert(key, groups.len());
        }
        let (base, ty, label, min, max) = match slot.kind {
            SlotKind::Name => match slot.suffix {
                Some(w) if PERSON_WORDS.contains(&w) => (
                    "姓名".to_string(),
                    FieldType::Text,
                    format!("{w}的姓名"),
                    None,
                    None,
                ),
                None if slot_text.starts_with('×') => (
                    "姓名".to_string(),
                    FieldType::Text,
                    "姓名".to_string(),
                    None,
                    None,
                ),
                Some(w) if !UNIT_WORDS.contains(&w) => {
                    let w = w.trim_start_matches("有限");
                    let base = if w.chars().count() == 1 {
                        format!("{w}名")
                    } else {
                        format!("{w}名称")
                    };
                    (base.clone(), FieldType::Text, base, None, None)
                }
                _ => (
                    "单位名称".to_string(),
                    FieldType::Text,
                    "报告单位（文中多处的 X）".to_string(),
                    None,
                    None,
                ),
            },
            SlotKind::Quantity => {
                let unit = slot.unit.unwrap_or("");
                let money = MONEY.contains(&unit);
                let noun = if money || after.is_empty() || !is_classifier(unit) {
                    if before.is_empty() { after } else { before }
                } else {
                    after
                };
                let base = if noun.is_empty() {
                    "数量".to_string()
                } else if money && !noun.ends_with(['金', '款', '费', '资', '额']) {
                    [noun, "金额"].concat()
                } else if is_classifier(unit) {
                    [noun, "数"].concat()
                } else {
                    noun.to_string()
                };
                let fractional = slot_text.contains('.') || FRACTIONAL.contains(&unit);
                let ty = if fractional {
                    FieldType::Number
                } else {
                    FieldType::Integer
                };
                let noun = if noun.is_empty() { "数量" } else { noun };
                let label = if unit.is_empty() {
                    noun.to_string()
                } else {
                    [noun, "（", unit, "）"].concat()
                };
                (base, ty, label, Some(0.0), None)
            }
            SlotKind::Date => {
                let next = text[slot.span.end..].chars().next().unwrap_or('日');
                let continues = i > 0
                    && slots[i - 1].kind == SlotKind::Date
                    && matches!(&text[slots[i - 1].span.end..slot.span.start], "年" | "月");
                if !continues {
                    date_noun = if before.is_empty() { "日期" } else { before };
                }
                let (part, min, max) = match next {
                    '年' => ("年", 1900.0, 2100.0),
                    '月' => ("月", 1.0, 12.0),
                    _ => ("日", 1.0, 31.0),
                };
                (
                    [date_noun, part].concat(),
                    FieldType::Integer,
                    [date_noun, "（", part, "）"].concat(),
                    Some(min),
                    Some(max),
                )
            }
            SlotKind::Other => {
                let noun = if before.is_empty() { after } else { before };
                let noun = if noun.is_empty() { "内容" } else { noun };
                (
                    noun.to_string(),
                    FieldType::Text,
                    noun.to_string(),
                    None,
                    None,
                )
            }
        };
        group_of.push(groups.len());
        groups.push(Group {
            name: unique(base),
            ty,
            label,
            min,
            max,
        });
    }
    (groups, group_of)
}

fn is_classifier(unit: &str) -> bool {
    const COUNTS: &[&str] = &[
        "个",
        "名",
        "人",
        "次",
        "件",
        "条",
        "项",
        "户",
        "家",
        "所",
        "位",
        "场",
        "批",
        "台",
        "辆",
        "间",
        "份",
        "篇",
        "期",
        "届",
        "株",
        "头",
        "只",
        "座",
        "处",
        "块",
        "套",
        "本",
        "册",
        "张",
        "栋",
        "页",
        "组",
        "轮",
        "支",
        "人次",
        "万人次",
        "万人",
        "万户",
        "个月",
        "工作日",
        "天",
    ];
    COUNTS.contains(&unit)
}

/// The noun just before `at`: ideographs back to a stop character, at most a few.
fn noun_before(text: &str, at: usize, floor: usize) -> &str {
    let before = &text[floor.min(at)..at];
    let end = before.trim_end_matches(STOP).len();
    let start = before[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_ideograph(c) && !STOP.contains(&c))
        .take(NOUN_CHARS)
        .last()
        .map_or(end, |(i, _)| i);
    &before[start..end]
}

/// The noun just after `at`: ideographs up to a stop character, at most a few.
fn noun_after(text: &str, at: usize) -> &str {
    let after = &text[at..];
    let end = after
        .char_indices()
        .take_while(|&(_, c)| is_ideograph(c) && !STOP.contains(&c))
        .take(NOUN_CHARS)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    &after[..end]
}

/// For each window size (characters before, after): the slots by their window's text.
/// [`WIDEST`] stands for each slot's widest window.
type WindowMaps = FxHashMap<(usize, usize), WindowMap>;

/// The key of [`Windows::index_widest`] among the [`WindowMaps`]: no window is that wide.
const WIDEST: (usize, usize) = (usize::MAX, usize::MAX);

/// Slots by the hash of their window's text (as [`Windows::key`] gives it). Hashes, not
/// texts, keep the maps small (a 100 MB template has half a million slots, and init may
/// index them for many window sizes); a hash that two texts share only adds candidates,
/// which [`Windows::matching`] leaves out by comparing the texts.
type WindowMap = FxHashMap<u64, Slots>;

/// The slots that share a window's hash: usually one.
enum Slots {
    One([u32; 1]),
    Many(Vec<u32>),
}

impl Slots {
    fn push(&mut self, s: u32) {
        match self {
            Slots::One([first]) => *self = Slots::Many(vec![*first, s]),
            Slots::Many(all) => all.push(s),
        }
    }

    fn as_slice(&self) -> &[u32] {
        match self {
            Slots::One(one) => one,
            Slots::Many(all) => all,
        }
    }
}

fn window_hash(key: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(key.as_bytes());
    h.finish()
}

/// Byte offsets of the characters around each slot, within its line.
struct Windows<'t> {
    text: &'t str,
    slots: &'t [Slot],
    /// For each slot, how many bytes the window reaches before the slot with 0, 1, 2, …
    /// characters, then after it: small numbers (at most [`MAX_CONTEXT`] characters and a
    /// line break), kept in one buffer: a 100 MB template has half a million slots.
    reach: Vec<u8>,
    /// Per slot: where its distances start in `reach`, and how many there are before and after.
    reach_at: Vec<(usize, u8, u8)>,
}

impl<'t> Windows<'t> {
    fn new(text: &'t str, slots: &'t [Slot]) -> Self {
        // Room for the widest windows (memory is only touched as it is used).
        let mut reach = Vec::with_capacity(slots.len() * (2 * MAX_CONTEXT + 3));
        let mut reach_at = Vec::with_capacity(slots.len());
        for slot in slots {
            let at = reach.len();
            reach.push(0);
            for (i, c) in text[..slot.span.start]
                .char_indices()
                .rev()
                .take(MAX_CONTEXT)
            {
                // A window may reach one line break on each side, so that a slot at the start
                // or end of a line can be told from the same words in mid-line.
                reach.push((slot.span.start - i) as u8);
                if c == '\n' {
                    break;
                }
            }
            let before = reach.len() - at;
            reach.push(0);
            let rest = &text[slot.span.end..];
            for (i, c) in rest.char_indices().take(MAX_CONTEXT) {
                if c == '\n' || c == '\r' {
                    let crlf = rest[i..].starts_with("\r\n");
                    // A lone CR stays out: ending an anchor, it would match the CR of a CRLF.
                    if c == '\n' || crlf {
                        reach.push((i + if crlf { 2 } else { 1 }) as u8);
                    }
                    break;
                }
                reach.push((i + c.len_utf8()) as u8);
            }
            let after = reach.len() - at - before;
            reach_at.push((at, before as u8, after as u8));
        }
        Windows {
            text,
            slots,
            reach,
            reach_at,
        }
    }

    /// The windows of `slots`, and the index maps [`Windows::anchors`] starts from: without
    /// `write`, the index of every slot's widest window, which it will need.
    fn prepare(text: &'t str, slots: &'t [Slot], write: bool) -> (Self, WindowMaps) {
        let windows = Windows::new(text, slots);
        let mut maps = WindowMaps::default();
        if !write {
            maps.insert(WIDEST, windows.index_widest());
        }
        (windows, maps)
    }

    /// The most characters a window of slot `s` has before and after it.
    fn max(&self, s: usize) -> (usize, usize) {
        let (_, before, after) = self.reach_at[s];
        (usize::from(before) - 1, usize::from(after) - 1)
    }

    /// Where the window with `a` characters before slot `s` starts.
    fn start(&self, s: usize, a: usize) -> usize {
        self.slots[s].span.start - usize::from(self.reach[self.reach_at[s].0 + a])
    }

    /// Where the window with `b` characters after slot `s` ends.
    fn end(&self, s: usize, b: usize) -> usize {
        let (at, before, _) = self.reach_at[s];
        self.slots[s].span.end + usize::from(self.reach[at + usize::from(before) + b])
    }

    /// The window as anchors see it: CRLF and LF are the same line break.
    fn key(&self, s: usize, a: usize, b: usize) -> Cow<'t, str> {
        let w = self.window(s, a, b);
        if w.contains('\r') {
            Cow::Owned(w.replace("\r\n", "\n"))
        } else {
            Cow::Borrowed(w)
        }
    }

    fn window(&self, s: usize, a: usize, b: usize) -> &'t str {
        &self.text[self.start(s, a)..self.end(s, b)]
    }

    /// The anchors of each group. Slots that no window tells apart from slots of other
    /// groups (the same sentence twice) pull those groups into their own: `group_of` is
    /// updated to the merged groups.
    ///
    /// Without `write`, only the merging is done and no anchor is written (empty lists):
    /// a slot's widest window stands in for the shortest unique one. That merges the same
    /// groups: a slot whose widest window matches only its own group has a window that
    /// does (the widest), and a slot covered by a window that matches only its own group
    /// has no widest window matching another (that slot would match the covering window
    /// too). Where the widest window would not read back (`[[` before the slot), the full
    /// search runs as with `write`.
    fn anchors(
        &self,
        group_of: &mut [usize],
        mut maps: WindowMaps,
        write: bool,
    ) -> Vec<Vec<String>> {
        let groups = group_of.iter().max().map_or(0, |m| m + 1);
        let mut merged: Vec<usize> = (0..groups).collect();
        let root = |merged: &[usize], mut g: usize| {
            while merged[g] != g {
                g = merged[g];
            }
            g
        };
        let mut anchors: Vec<Vec<String>> = vec![Vec::new(); groups];
        let mut covered = vec![false; self.slots.len()];
        for s in 0..self.slots.len() {
            if covered[s] {
                continue;
            }
            let (amax, bmax) = self.max(s);
            let (a, b, matches) = loop {
                let own = root(&merged, group_of[s]);
                let group = |t| root(&merged, group_of[t]);
                let found = if write || !self.reads_back(s, amax, bmax) {
                    self.search(s, own, &mut maps, group)
                } else {
                    self.widest(s, own, &mut maps, group)
                };
                if let Some(found) = found {
                    break found;
                }
                let map = self.widest_map(s, &mut maps);
                let before = merged.clone();
                for t in self.matching(map, s, amax, bmax) {
                    // The earlier group stays, so the field keeps the name drafted first.
                    let (own, other) = (root(&merged, own), root(&merged, group_of[t]));
                    merged[own.max(other)] = own.min(other);
                }
                if merged != before {
                    continue;
                }
                // Only windows whose anchor would not read back are left (`[[` in the text
                // before the slot): the widest that does, down to the slot and what follows.
                let a = (0..=amax)
                    .rev()
                    .find(|&a| self.reads_back(s, a, bmax))
                    .unwrap_or(amax);
                let map = maps.entry((a, bmax)).or_insert_with(|| self.index(a, bmax));
                let matches: Vec<usize> = self.matching(map, s, a, bmax).collect();
                for &t in &matches {
                    let (own, other) = (root(&merged, own), root(&merged, group_of[t]));
                    merged[own.max(other)] = own.min(other);
                }
                break (a, bmax, matches);
            };
            for &t in &matches {
                covered[t] = true;
            }
            let own = root(&merged, group_of[s]);
            if write {
                anchors[own].push(self.anchor_text(s, a, b));
            }
        }
        for g in group_of.iter_mut() {
            *g = root(&merged, *g);
        }
        // A group merged into another hands over the anchors it had found before.
        for g in 0..groups {
            let r = root(&merged, g);
            if r != g {
                let moved = std::mem::take(&mut anchors[g]);
                anchors[r].extend(moved);
            }
        }
        anchors
    }

    /// The shortest window around slot `s` whose matches all belong to group `own`.
    fn search(
        &self,
        s: usize,
        own: usize,
        maps: &mut WindowMaps,
        group: impl Fn(usize) -> usize,
    ) -> Option<(usize, usize, Vec<usize>)> {
        let (amax, bmax) = self.max(s);
        // Windows within the line first; a line break only when nothing else tells apart.
        for breaks in [false, true] {
            for len in MIN_CONTEXT.min(amax + bmax)..=amax + bmax {
                for a in 0..=len.min(amax) {
                    let b = len - a;
                    match (b <= bmax).then(|| self.window(s, a, b)) {
                        Some(w) if breaks || !w.contains(['\n', '\r']) => {}
                        _ => continue,
                    }
                    if let Some(matches) = self.own_matches(s, a, b, own, maps, &group)
                        && self.reads_back(s, a, b)
                    {
                        return Some((a, b, matches));
                    }
                }
            }
        }
        None
    }

    /// Slot `s`'s widest window, when all its matches belong to group `own`.
    fn widest(
        &self,
        s: usize,
        own: usize,
        maps: &mut WindowMaps,
        group: impl Fn(usize) -> usize,
    ) -> Option<(usize, usize, Vec<usize>)> {
        let (a, b) = self.max(s);
        let map = self.widest_map(s, maps);
        self.own_matches_in(map, s, a, b, own, &group)
            .map(|matches| (a, b, matches))
    }

    /// The index that holds every slot whose window could read as slot `s`'s widest one.
    ///
    /// When that window is closed on both sides — by a line break or by [`MAX_CONTEXT`]
    /// characters, not by the text's start or end or a lone CR — a slot whose window of the
    /// same size reads the same has the same widest window (its reach stops at the same
    /// break, or at the same limit): the index of every slot's widest window, built once,
    /// holds them all. Otherwise the index of that window size.
    fn widest_map<'m>(&self, s: usize, maps: &'m mut WindowMaps) -> &'m WindowMap {
        let (a, b) = self.max(s);
        let window = self.window(s, a, b);
        let closed = (a == MAX_CONTEXT || window.starts_with('\n'))
            && (b == MAX_CONTEXT || window.ends_with('\n'));
        if closed {
            maps.entry(WIDEST).or_insert_with(|| self.index_widest())
        } else {
            maps.entry((a, b)).or_insert_with(|| self.index(a, b))
        }
    }

    /// The slots whose window of `a` characters before and `b` after reads as slot `s`'s,
    /// when all of them belong to group `own`.
    fn own_matches(
        &self,
        s: usize,
        a: usize,
        b: usize,
        own: usize,
        maps: &mut WindowMaps,
        group: &impl Fn(usize) -> usize,
    ) -> Option<Vec<usize>> {
        let map = maps.entry((a, b)).or_insert_with(|| self.index(a, b));
        self.own_matches_in(map, s, a, b, own, group)
    }

    /// As [`Windows::own_matches`], from `map`, an index that holds that window size.
    fn own_matches_in(
        &self,
        map: &WindowMap,
        s: usize,
        a: usize,
        b: usize,
        own: usize,
        group: &impl Fn(usize) -> usize,
    ) -> Option<Vec<usize>> {
        // One look-up, given up at the first slot of another group.
        let mut matches = Vec::new();
        for t in self.matching(map, s, a, b) {
            if group(t) != own {
                return None;
            }
            matches.push(t);
        }
        Some(matches)
    }

    /// Every slot's window of `a` characters before and `b` after, by its text's hash.
    fn index(&self, a: usize, b: usize) -> WindowMap {
        self.index_by(WindowMap::default(), |s| {
            let (amax, bmax) = self.max(s);
            (amax >= a && bmax >= b).then_some((a, b))
        })
    }

    /// Every slot's widest window, by its text's hash.
    fn index_widest(&self) -> WindowMap {
        let mut map = WindowMap::default();
        map.reserve(self.slots.len());
        self.index_by(map, |s| Some(self.max(s)))
    }

    /// Adds to `map` each slot's window of the size `size` gives it (none: left out).
    fn index_by(
        &self,
        mut map: WindowMap,
        size: impl Fn(usize) -> Option<(usize, usize)>,
    ) -> WindowMap {
        for s in 0..self.slots.len() {
            let Some((a, b)) = size(s) else { continue };
            match map.entry(window_hash(&self.key(s, a, b))) {
                Entry::Occupied(mut slots) => slots.get_mut().push(s as u32),
                Entry::Vacant(place) => {
                    place.insert(Slots::One([s as u32]));
                }
            }
        }
        map
    }

    /// The slots whose window of `a` characters before and `b` after reads as slot `s`'s
    /// (`s` among them), from `map`, the index of that window size.
    fn matching<'m>(
        &'m self,
        map: &'m WindowMap,
        s: usize,
        a: usize,
        b: usize,
    ) -> impl Iterator<Item = usize> + 'm {
        let key = self.key(s, a, b);
        let candidates = map.get(&window_hash(&key)).map_or(&[][..], Slots::as_slice);
        candidates.iter().map(|&t| t as usize).filter(move |&t| {
            // The index of widest windows holds slots of every size.
            let (amax, bmax) = self.max(t);
            t == s || (amax >= a && bmax >= b && self.key(t, a, b) == key)
        })
    }

    /// The anchor for slot `s`'s window, bracketing the slot when the window alone would not
    /// say which run of X it fills.
    fn anchor_text(&self, s: usize, a: usize, b: usize) -> String {
        let slot = &self.slots[s];
        // Anchors are written with LF; binding matches them against CRLF text too.
        let prefix = &self.text[self.start(s, a)..slot.span.start].replace("\r\n", "\n");
        let slot_text = slot.text(self.text);
        let suffix = &self.text[slot.span.end..self.end(s, b)].replace("\r\n", "\n");
        let plain = format!("{prefix}{slot_text}{suffix}");
        let scanner = crate::scan::Scanner::default();
        match Anchor::parse(&plain, &scanner, Location::new("", 1, 1)) {
            Ok(p) if p.prefix() == prefix && p.slot() == slot_text && !plain.contains("[[") => {
                plain
            }
            _ => format!("{prefix}[[{slot_text}]]{suffix}"),
        }
    }

    /// Whether the anchor for slot `s`'s window parses back to that window's prefix, slot
    /// and suffix: `[[` in the prefix would be read as the slot's bracket.
    fn reads_back(&self, s: usize, a: usize, b: usize) -> bool {
        // Without a `[`, the anchor reads back: as plain text when that parses to the same
        // slot, else bracketed, and then its `[[` and `]]` are the only ones.
        if !self.window(s, a, b).contains('[') {
            return true;
        }
        let slot = &self.slots[s];
        let prefix = self.text[self.start(s, a)..slot.span.start].replace("\r\n", "\n");
        let suffix = self.text[slot.span.end..self.end(s, b)].replace("\r\n", "\n");
        let scanner = crate::scan::Scanner::default();
        Anchor::parse(
            &self.anchor_text(s, a, b),
            &scanner,
            Location::new("", 1, 1),
        )
        .is_ok_and(|p| {
            p.prefix() == prefix && p.slot() == slot.text(self.text) && p.suffix() == suffix
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;

    fn draft(text: &str) -> Schema {
        init(text, &scan(text), "s.yaml")
    }

    #[test]
    fn unit_and_villages_are_grouped() {
        let text = "X党委召开会议。现将X工作总结如下：为X村捐款X万元，作为X村帮扶单位，分为X个组。";
        let schema = draft(text);
        let names: Vec<&str> = schema.fields.keys().map(String::as_str).collect();
        assert_eq!(names, vec!["单位名称", "村名", "捐款", "组数"]);
        assert_eq!(schema.fields["单位名称"].anchors.len(), 2);
        assert_eq!(schema.fields["村名"].anchors[0].text, "X村捐");
        assert_eq!(schema.fields["组数"].ty, FieldType::Integer);
        assert_eq!(schema.fields["捐款"].ty, FieldType::Number);
        assert_eq!(schema.fields["捐款"].label.as_deref(), Some("捐款（万元）"));
    }

    #[test]
    fn anchors_are_as_short_as_possible() {
        let schema = draft("解决问题X个，解决X个。");
        let anchors: Vec<&str> = schema
            .fields
            .values()
            .flat_map(|f| f.anchors.iter().map(|a| a.text.as_str()))
            .collect();
        assert_eq!(anchors, vec!["X个，", "X个。"]);
    }

    /// The schema drafted for `text`, written and read back, binds every slot to exactly one
    /// field and has no anchor that finds nothing.
    fn draft_binds_each_slot_once(text: &str) {
        let slots = scan(text);
        let schema = Schema::parse(&draft(text).to_yaml(), "s.yaml").unwrap();
        let b = crate::bind::bind(&schema, text, &slots);
        assert!(
            b.field_of.iter().all(Option::is_some),
            "{text:?}: {}",
            schema.to_yaml()
        );
        assert!(b.claimed_twice.is_empty(), "{text:?}: {}", schema.to_yaml());
        assert!(b.stale.is_empty(), "{text:?}");
    }

    #[test]
    fn double_brackets_before_a_slot_stay_out_of_its_anchor() {
        for text in [
            "[[Ｘ",
            "[[X��[X��",
            "[[X]]X年X���[X]]X年X���",
            "a[[X]]b分为X个组\n[[分为X个组",
        ] {
            draft_binds_each_slot_once(text);
        }
    }

    #[test]
    fn anchor_does_not_end_in_a_lone_cr_that_matches_crlf() {
        for text in ["X日\rX日\r\n", "X日\r\nX日\r", "共X个\r共X个\n共X个\r\n"] {
            draft_binds_each_slot_once(text);
        }
    }

    #[test]
    fn identical_contexts_share_a_field() {
        let schema = draft("共X个。\n共X个。\n");
        assert_eq!(schema.fields.len(), 1);
    }

    #[test]
    fn line_breaks_tell_a_line_start_from_mid_line() {
        let text = "20XX年X月X日（星期一）\n落款\n20XX年X月X日\n";
        let slots = scan(text);
        let schema = draft(text);
        assert_eq!(schema.fields.len(), 6);
        let b = crate::bind::bind(&schema, text, &slots);
        assert!(b.claimed_twice.is_empty(), "{}", schema.to_yaml());
        assert!(b.field_of.iter().all(Option::is_some));
    }

    #[test]
    fn date_parts_are_named_by_their_part() {
        let schema = draft("会议时间：20XX年X月X日\n");
        let names: Vec<&str> = schema.fields.keys().map(String::as_str).collect();
        assert_eq!(names, vec!["日期年", "日期月", "日期日"]);
        assert_eq!(schema.fields["日期月"].max, Some(12.0));
    }

    #[test]
    fn window_with_another_slot_brackets_its_own() {
        let schema = draft("X月X日；X月X日\n");
        for field in schema.fields.values() {
            for a in &field.anchors {
                assert_eq!(a.slot(), "X", "{}", a.text);
            }
        }
    }
}
