//! Drafts a schema from a template's slots: one field per thing the slots stand for, each
//! with the shortest anchors that match exactly its own slots.
//!
//! Grouping only on evidence, since one field over two different things writes a wrong
//! document that every check calls complete: slots share a field when the same entity word
//! follows the same slot text (every `X村`), the same role label stands before them
//! (`申请人：`), or the report names itself there (`现将X…`, `X全体党员`, `X党委` opening a
//! sentence); a date's parts are one `date` field; every other slot is a field of its own.
//! Names come from the slot's label or the whole noun it fills (English text: snake_case).
//! The fields that fill several places are listed for review ([`shared_fields`]).

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use crate::error::Location;
use crate::scan::{PERSON_WORDS, Slot, SlotKind, is_ideograph, is_mark};
use crate::schema::{Anchor, Field, FieldType, Schema};

/// Name words that belong to the reporting unit itself: X党委 is the unit's committee.
const UNIT_WORDS: &[&str] = &["党委", "党组", "党支部", "党总支", "支部", "委员会"];
/// Money units: the field is an amount.
const MONEY: &[&str] = &["元", "万元", "亿元", "千元", "百元"];
/// Units whose amounts are often fractional.
const FRACTIONAL: &[&str] = &[
    "万元",
    "亿元",
    "万",
    "亿",
    "吨",
    "万吨",
    "%",
    "％",
    "‰",
    "亩",
    "万亩",
    "公顷",
    "公里",
    "厘米",
    "毫米",
    "倍",
    "平方米",
    "平米",
    "平方公里",
    "立方米",
    "米",
    "千米",
    "千克",
    "公斤",
    "斤",
    "升",
    "学分",
];
/// Words that end a noun which is itself an amount of money (转让价格, 净利润, 销售费用,
/// 伙食补助): the amount is named by it alone, never `…金额` (the word alone, 费用, is
/// still `费用金额`).
const MONEY_NOUN_ENDS: &[&str] = &[
    "价格", "利润", "费用", "补助", "补贴", "津贴", "收益", "损失", "报酬", "薪酬", "工资", "目标",
];
/// Characters that end a noun phrase when reading outwards from a slot.
const STOP: &[char] = &[
    '的', '和', '与', '及', '或', '了', '为', '将', '对', '把', '在', '从', '向', '是', '有', '共',
    '计', '约', '达', '需', '其', '于', '以', '至', '每', '该', '到', '中', '等', '并', '自', '起',
    '前', '后',
];
/// Names of fields that take a telephone number.
const PHONE_WORDS: &[&str] = &[
    "电话",
    "电话号码",
    "手机",
    "手机号",
    "手机号码",
    "传真",
    "座机",
];
/// A resident ID number: 17 digits and a check digit or X.
const ID_NUMBER: &str = "[0-9]{17}[0-9Xx]";

/// A time of day, hours and minutes (`9:30`, `14：00`).
const TIME_OF_DAY: &str = r"([01]?[0-9]|2[0-3])[:：][0-5][0-9]";

/// What a pattern that `init` drafts takes, said in words for a message about a value it
/// refused (the pattern itself means little to whoever fills the form).
pub(crate) fn pattern_meaning(pattern: &str) -> Option<&'static str> {
    match pattern {
        ID_NUMBER => Some("an ID number (17 digits and a check digit, 0-9 or X)"),
        TIME_OF_DAY => Some("a time of day (hours:minutes, as 9:30)"),
        PHONE => Some("a telephone number (digits, + - ( ) and 转; no words)"),
        _ => None,
    }
}

/// Any telephone number as Chinese documents write it: `13812345678`, `0571-88886666`,
/// `(0571)88886666`, `+86 138 1234 5678`, `12345`, `0571-88886666转801`, two of them
/// (`0571-88886666、13812345678`); never a word.
const PHONE: &str = r"[+＋(（0-9][0-9 ()（）+＋\-－—/、，,转]{2,40}";

/// The longest anchor context, in characters on each side.
const MAX_CONTEXT: usize = 48;
// Window reaches are kept as bytes: a character is at most 4, a line break 2.
const _: () = assert!(MAX_CONTEXT * 4 + 2 <= u8::MAX as usize);
/// The room a slot's window distances take: a zero and [`MAX_CONTEXT`] distances a side.
const STRIDE: usize = 2 * (MAX_CONTEXT + 1);
/// The most line breaks a window holds on each side of its slot.
const MAX_BREAKS: usize = 2;
/// The least context an anchor has (when the line has it): one character of context is
/// often unique but breaks as soon as the template gains a similar phrase.
const MIN_CONTEXT: usize = 2;

/// What a group's field is drafted as: its name before [`Groups`] numbers it, type, label
/// and bounds. A template that repeats one phrase drafts the same field for every slot, so
/// drafts are kept once and groups point at them (a million `X个` are one draft).
struct Draft {
    name: String,
    ty: FieldType,
    label: String,
    min: Option<f64>,
    max: Option<f64>,
    extra: Extra,
}

/// What a drafted field has beyond its type and bounds.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Extra {
    None,
    /// How a date or amount is written, when the template shows it (`二〇XX年X月X日`,
    /// `大写`).
    Format(&'static str),
    /// The form a text value takes (a time of day).
    Pattern(&'static str),
    /// The values a text may take (性别).
    Choices(&'static [&'static str]),
    /// The digits after the point a number shows (`XXXX.XX元`).
    Decimals(u8),
}

/// The least context (characters before, after) a slot's anchor is to hold, kept small:
/// there is one per slot, and no window is wider than [`MAX_CONTEXT`] anyway.
#[derive(Clone, Copy)]
struct Reach(u8, u8);

impl Reach {
    fn new((before, after): (usize, usize)) -> Self {
        let narrow = |n: usize| u8::try_from(n.min(MAX_CONTEXT)).expect("MAX_CONTEXT fits a byte");
        Reach(narrow(before), narrow(after))
    }

    fn wide(self) -> (usize, usize) {
        (self.0.into(), self.1.into())
    }
}

/// A draft as [`group`] looks it up: name, type, label, bounds (as bits).
type DraftKey = (
    String,
    &'static str,
    String,
    Option<u64>,
    Option<u64>,
    Extra,
);

/// The groups of slots [`group`] makes, a field each: a draft and the number that makes
/// the draft's name unique (1 for the name alone, then `_2`, `_3`, …).
#[derive(Default)]
struct Groups {
    drafts: Vec<Draft>,
    groups: Vec<(u32, u32)>,
}

impl Groups {
    fn len(&self) -> usize {
        self.groups.len()
    }

    /// The name of group `g`'s field.
    fn name(&self, g: usize) -> Cow<'_, str> {
        let (d, n) = self.groups[g];
        let base = self.drafts[d as usize].name.as_str();
        match n {
            1 => Cow::Borrowed(base),
            n => Cow::Owned([base, "_", itoa::Buffer::new().format(n)].concat()),
        }
    }

    fn label(&self, g: usize) -> &str {
        &self.drafts[self.groups[g].0 as usize].label
    }

    /// Group `g`'s field, declared at `at` (one place for all: it has no line yet).
    fn field(&self, g: usize, at: &Location) -> Field {
        let d = &self.drafts[self.groups[g].0 as usize];
        let mut field = Field::new(self.name(g).into_owned(), d.ty, at.clone());
        field.label = Some(d.label.clone());
        field.min = d.min;
        field.max = d.max;
        match d.extra {
            Extra::None => {}
            Extra::Format(format) => field.extras_mut().format = Some(format.to_string()),
            Extra::Pattern(p) => {
                field.extras_mut().pattern = Some(
                    regex::Regex::new(&format!("^(?:{p})$")).expect("a drafted pattern compiles"),
                )
            }
            Extra::Decimals(n) => field.extras_mut().decimals = Some(n.into()),
            Extra::Choices(choices) => {
                field.ty = FieldType::Choice;
                field.extras_mut().choices = choices.iter().map(|c| c.to_string()).collect();
            }
        }
        field
    }
}

/// A schema for `text` whose fields claim every one of `slots` (found by `schema`'s scanner,
/// so that a schema given with ignore words and patterns keeps them). `file` names the
/// schema in its own locations.
pub fn init(text: &str, slots: &[Slot], file: &str) -> Schema {
    let (fields, group_of, reach) = drafted_groups(text, slots, file);
    let windows = Windows::prepare(text, slots, true);
    let mut schema = build(windows, fields, group_of, &reach, file).0;
    link_amounts(&mut schema, text, slots);
    schema
}

/// `月租金X元（大写：XXXX元整）`: the amount in financial numerals writes the amount right
/// before it again (or right after: `（大写）XXXX元整（￥X元）`), so its field `equals` that
/// amount's field, and the two can never be given different amounts.
fn link_amounts(schema: &mut Schema, text: &str, slots: &[Slot]) {
    let financial = |f: &Field| f.extras().format.as_deref() == Some(crate::numeral::FINANCIAL);
    if !schema.fields.values().any(financial) {
        return;
    }
    let field_of = crate::bind::bind(schema, text, slots).field_of;
    let mut links = Vec::new();
    for (s, f) in field_of.iter().enumerate() {
        let Some(f) = *f else { continue };
        if !financial(&schema.fields[f]) {
            continue;
        }
        // The money slot next to it on the same line, of another number field, in the
        // same unit: `XXX万元（大写：XXXX元整）` writes 万 inside its slot, which the
        // amount in 万元 cannot write again.
        let amount = [s.checked_sub(1), Some(s + 1)]
            .into_iter()
            .flatten()
            .filter(|&t| t < slots.len())
            .find(|&t| {
                let (a, b) = (slots[t.min(s)].span().end, slots[t.max(s)].span().start);
                slots[t].unit().is_some_and(|u| MONEY.contains(&u))
                    && slots[t].unit() == slots[s].unit()
                    && !text[a..b].contains('\n')
                    && field_of[t].is_some_and(|g| {
                        g != f
                            && !financial(&schema.fields[g])
                            && matches!(schema.fields[g].ty, FieldType::Integer | FieldType::Number)
                    })
            });
        if let Some(g) = amount.and_then(|t| field_of[t]) {
            links.push((f, schema.fields[g].name.clone()));
        }
    }
    for (f, amount) in links {
        schema.fields[f].extras_mut().equals.get_or_insert(amount);
    }
}

/// The fields [`init`] drafts for `slots`, without anchors, and the field (an index into
/// the schema's fields) of each slot: what binding init's schema to `text` would give,
/// without writing the anchors, which is most of init's work. For reading the values out
/// of a filled document when no schema is given.
pub fn draft_fields(text: &str, slots: &[Slot], file: &str) -> (Schema, Vec<usize>) {
    let (fields, mut group_of, reach) = drafted_groups(text, slots, file);
    let (windows, maps) = Windows::prepare(text, slots, false);
    let groups = fields.len();
    // Merging the groups that no window tells apart; the fields of groups merged into
    // others, which have no slot left, are taken out after.
    windows.anchors(&mut group_of, maps, &reach, false);
    let has_slots = has_slots(groups, &group_of);
    let mut schema = Schema::empty(file);
    schema
        .fields
        .reserve(has_slots.iter().filter(|&&has| has).count());
    for (field, _) in fields.into_iter().zip(&has_slots).filter(|(_, has)| **has) {
        schema.insert(field);
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
) -> (impl ExactSizeIterator<Item = Field>, Vec<usize>, Vec<Reach>) {
    let (groups, group_of, reach) = group(text, slots);
    let at = Location::new(file, 1, 1);
    (
        (0..groups.len()).map(move |g| groups.field(g, &at)),
        group_of,
        reach,
    )
}

/// A drafted field that fills more than one slot: the places to review, each as
/// line, column and the slot in a few characters of its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    /// The field's name.
    pub field: String,
    /// How many slots it fills.
    pub count: usize,
    /// Where the first of them (at most [`REVIEW_PLACES`]) are: line, column, context.
    pub places: Vec<(usize, usize, String)>,
}

/// The most places listed for one field in a review.
pub const REVIEW_PLACES: usize = 20;

/// The fields of `schema` that fill several of `text`'s slots, in schema order: one value
/// goes into all of them, so a person checks that they are the same thing.
pub fn shared_fields(schema: &Schema, text: &str, slots: &[Slot]) -> Vec<Shared> {
    let bindings = crate::bind::bind(schema, text, slots);
    let mut count = vec![0usize; schema.fields.len()];
    let mut places: Vec<Vec<(usize, usize, String)>> = vec![Vec::new(); schema.fields.len()];
    for (s, f) in bindings.field_of.iter().enumerate() {
        let Some(f) = *f else { continue };
        // The parts of one date are one place.
        if s > 0
            && bindings.field_of[s - 1] == Some(f)
            && crate::date::is_next_part(text, &slots[s - 1], &slots[s])
        {
            continue;
        }
        count[f] += 1;
        if places[f].len() < REVIEW_PLACES {
            let slot = &slots[s];
            let at = (slot.position().line, slot.position().column);
            places[f].push((at.0, at.1, context(text, slot)));
        }
    }
    schema
        .fields
        .keys()
        .zip(count.into_iter().zip(places))
        .filter(|(_, (n, _))| *n > 1)
        .map(|(name, (count, places))| Shared {
            field: name.clone(),
            count,
            places,
        })
        .collect()
}

/// `yaml` (a schema as [`Schema::to_yaml`] writes it) with a comment above each field of
/// `shared` that lists its places for review.
pub fn with_review(yaml: &str, shared: &[Shared]) -> String {
    // Field names as the YAML writes them (quoted where they must be).
    let by_name: FxHashMap<String, &Shared> = shared
        .iter()
        .map(|s| (crate::schema::quote(&s.field).into_owned(), s))
        .collect();
    let mut out = String::with_capacity(yaml.len());
    let mut in_fields = false;
    for line in yaml.split_inclusive('\n') {
        if line.starts_with("fields:") {
            in_fields = true;
        } else if in_fields && line.starts_with("  ") && !line.starts_with("   ") {
            let name = line
                .trim_end()
                .trim_start_matches(' ')
                .trim_end_matches(':');
            if let Some(s) = by_name.get(name) {
                out.push_str(&format!(
                    "  # {} fills {} places: check that they are the same thing\n",
                    s.field, s.count
                ));
                for (l, c, context) in &s.places {
                    let context = context.replace(['\n', '\r'], " ");
                    out.push_str(&format!("  #   {l}:{c}  {context}\n"));
                }
                if s.count > s.places.len() {
                    let more = s.count - s.places.len();
                    out.push_str(&format!("  #   … and {more} more\n"));
                }
            }
        }
        out.push_str(line);
    }
    out
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
    /// New fields for slots an old anchor also matches, though they do not stand where its
    /// field stood: (new field, old field, the old anchor).
    pub collided: Vec<(String, String, String)>,
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
    let (groups, drafted_group_of, reach) = group(text, slots);
    // Slots an old anchor matches that do not stand where its field stood: new fields.
    let fresh = collisions(text, slots, old, &groups, &drafted_group_of, &mut field_of);

    // Slots init would group with slots of an old field join that field.
    let mut slots_of: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    for (s, &g) in drafted_group_of.iter().enumerate() {
        slots_of[g].push(s);
    }
    let mut fields: Vec<Field> = old.fields.values().cloned().collect();
    let old_count = fields.len();
    let mut taken: std::collections::HashSet<String> = old.fields.keys().cloned().collect();
    let mut group_of = vec![0; slots.len()];
    let at = Location::new(file, 1, 1);
    for (g, members) in slots_of.iter().enumerate() {
        // A slot that only an old anchor's wider match reached never joins an old field.
        let fresh_group = members.iter().any(|&s| fresh[s].is_some());
        let known = members
            .iter()
            .find_map(|&s| field_of[s])
            .filter(|_| !fresh_group);
        let target = match known {
            Some(f) => f,
            None => {
                let mut field = groups.field(g, &at);
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
        for &s in members {
            group_of[s] = field_of[s].unwrap_or(target);
        }
    }
    let drafted_field = group_of.clone();
    let windows = Windows::prepare(text, slots, true);
    let (mut schema, present) = build(windows, fields.iter().cloned(), group_of, &reach, file);
    let mut is_present = vec![false; fields.len()];
    for &f in &present {
        is_present[f] = true;
    }
    let present = is_present;
    schema
        .set_scanning(old.ignore.clone(), old.patterns.clone())
        .expect("patterns of a parsed schema compile");
    let name = |f: usize| fields[f].name.clone();
    let mut collided: Vec<(String, String, String)> = Vec::new();
    for (s, why) in fresh.iter().enumerate() {
        if let Some((old_field, anchor)) = why {
            let entry = (name(drafted_field[s]), old_field.clone(), anchor.clone());
            if !collided.contains(&entry) {
                collided.push(entry);
            }
        }
    }
    Carried {
        collided,
        schema,
        kept: (0..old_count).filter(|&f| present[f]).map(name).collect(),
        added: (old_count..fields.len())
            .filter(|&f| present[f])
            .map(name)
            .collect(),
        lost: (0..old_count).filter(|&f| !present[f]).map(name).collect(),
    }
}

/// Where an old anchor now matches slots that its wider context tells apart (a new sentence
/// that ends like an old one), only the slots whose fresh draft agrees with the old field
/// (the same name or label) stay in it; when none does, none can be told to have stood
/// there and none stays. The others are
/// taken from it (`field_of` set to none) and returned with the old field's name and the
/// anchor, so that they get new fields and are listed.
fn collisions(
    text: &str,
    slots: &[Slot],
    old: &Schema,
    groups: &Groups,
    drafted_group_of: &[usize],
    field_of: &mut [Option<usize>],
) -> Vec<Option<(String, String)>> {
    let mut fresh = vec![None; slots.len()];
    let windows = Windows::new(text, slots);
    let mut by_field: Vec<Vec<usize>> = vec![Vec::new(); old.fields.len()];
    for (s, f) in field_of.iter().enumerate() {
        if let Some(f) = f {
            by_field[*f].push(s);
        }
    }
    for (f, field) in old.fields.values().enumerate() {
        if by_field[f].len() < 2 {
            continue;
        }
        for anchor in &field.anchors {
            let (prefix, suffix) = (anchor.prefix(), anchor.suffix());
            let matched: Vec<usize> = by_field[f]
                .iter()
                .copied()
                .filter(|&s| {
                    let span = slots[s].span();
                    slots[s].text(text) == anchor.slot()
                        && text[..span.start].ends_with(prefix)
                        && text[span.end..].starts_with(suffix)
                })
                .collect();
            let mut classes: Vec<u32> = matched.iter().map(|&s| windows.class_of[s]).collect();
            classes.sort_unstable();
            classes.dedup();
            if classes.len() < 2 {
                continue;
            }
            let fits = |c: u32| {
                matched.iter().any(|&s| {
                    let g = drafted_group_of[s];
                    windows.class_of[s] == c
                        && (groups.name(g) == field.name.as_str()
                            || field.label.as_deref() == Some(groups.label(g)))
                })
            };
            let kept: Vec<u32> = classes.iter().copied().filter(|&c| fits(c)).collect();
            for &s in &matched {
                let c = windows.class_of[s];
                if !kept.contains(&c) {
                    field_of[s] = None;
                    fresh[s] = Some((field.name.clone(), anchor.text.clone()));
                }
            }
        }
    }
    fresh
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
                    let span = slots[s].span();
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
    reach: &[Reach],
    file: &str,
) -> (Schema, Vec<usize>) {
    let mut anchors = windows
        .anchors(&mut group_of, maps, reach, true)
        .into_iter()
        .peekable();
    let has_slots = has_slots(fields.len(), &group_of);
    let mut schema = Schema::empty(file);
    // Only the groups left with slots: one group per slot is merged into a few fields when
    // a template repeats one phrase.
    schema
        .fields
        .reserve(has_slots.iter().filter(|&&has| has).count());
    let mut present = Vec::new();
    for (g, mut field) in fields.enumerate() {
        if !has_slots[g] {
            continue;
        }
        field.anchors.clear();
        while anchors.next_if(|&(a, _)| a < g).is_some() {}
        while let Some((_, t)) = anchors.next_if(|&(a, _)| a == g) {
            let anchor = Anchor::parse(&t, schema.scanner(), Location::new(file, 1, 1))
                .expect("init writes anchors that parse");
            field.anchors.push(anchor);
        }
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

/// What a slot's text says about it: the label or noun it fills, and whether it is one of
/// several slots that stand for the same thing.
enum Key<'t> {
    /// Its own field.
    Own,
    /// The reporting unit, where a report names itself.
    Unit,
    /// The same entity word after the same slot text (`X村` … `X村`).
    Entity(&'t str, &'t str),
    /// The same role label before the slot (`申请人：XXX` … `申请人（签字）：XXX`).
    Role(&'t str),
}

/// A slot's draft: its group key, the field it would start, and how many characters of
/// context its anchor must hold before and after it (its label or noun, its unit).
struct SlotDraft<'t> {
    key: Key<'t>,
    name: String,
    ty: FieldType,
    label: String,
    min: Option<f64>,
    max: Option<f64>,
    reach: (usize, usize),
    extra: Extra,
}

/// The groups of `slots` (a field each), each slot's group, and the context (characters
/// before, after) each slot's anchor is to hold at least.
fn group(text: &str, slots: &[Slot]) -> (Groups, Vec<usize>, Vec<Reach>) {
    let mut groups = Groups::default();
    let mut group_of = Vec::with_capacity(slots.len());
    let mut reach = Vec::with_capacity(slots.len());
    let mut shared: FxHashMap<(u8, &str, &str), usize> = FxHashMap::default();
    let listed = listed_entities(text, slots);
    // Each draft once, and how many groups have taken each name so far.
    let mut drafts: FxHashMap<DraftKey, u32> = FxHashMap::default();
    let mut names: FxHashMap<String, u32> = FxHashMap::default();
    let mut add = |groups: &mut Groups, mut d: SlotDraft| -> usize {
        // `主 持 人：` spaced out to fill a form's width: the name is 主持人.
        if d.name.contains(' ') && d.name.chars().any(is_ideograph) {
            d.name.retain(|c| c != ' ');
            d.label.retain(|c| c != ' ');
        }
        if d.name.ends_with("性别") && d.ty == FieldType::Text {
            d.extra = Extra::Choices(&["男", "女"]);
        }
        if d.name.starts_with("是否") && d.ty == FieldType::Text {
            d.extra = Extra::Choices(&["是", "否"]);
        }
        // A resident ID number: 17 digits and a check digit or X.
        if (d.name.contains("身份证") || d.name.contains("身份号码")) && d.ty == FieldType::Text
        {
            d.extra = Extra::Pattern(ID_NUMBER);
        }
        // A telephone number, of whatever kind: a landline with its area code may stand
        // where the template shows 11 X for a mobile, a hotline has 5 digits (12345), and
        // an extension follows 转. Words (`见附件`, a name) are refused.
        if d.ty == FieldType::Text
            && matches!(d.extra, Extra::None)
            && PHONE_WORDS.iter().any(|w| d.name.ends_with(w))
        {
            d.extra = Extra::Pattern(PHONE);
        }
        let n = names.entry(d.name.clone()).or_insert(0);
        *n += 1;
        let key = (
            d.name,
            d.ty.as_str(),
            d.label,
            d.min.map(f64::to_bits),
            d.max.map(f64::to_bits),
            d.extra,
        );
        let draft = match drafts.get(&key) {
            Some(&i) => i,
            None => {
                let i = groups.drafts.len() as u32;
                groups.drafts.push(Draft {
                    name: key.0.clone(),
                    ty: d.ty,
                    label: key.2.clone(),
                    min: d.min,
                    max: d.max,
                    extra: d.extra,
                });
                drafts.insert(key, i);
                i
            }
        };
        groups.groups.push((draft, *n));
        groups.groups.len() - 1
    };
    let mut i = 0;
    while i < slots.len() {
        // A date's parts (年, 月, 日 in a row) are one field.
        let parts = date_parts(text, slots, i);
        if parts > 1 || (parts == 1 && is_day_count(text, &slots[i]).is_none()) {
            // One field for the whole date, one anchor per part: `fill` writes into each
            // slot the part named by the character after it.
            let d = in_section(text, &slots[i], draft_date(text, slots, i, parts));
            let d = of_party(text, &slots[i], d);
            let first = d.reach.0;
            let g = add(&mut groups, d);
            for k in 0..parts {
                group_of.push(g);
                // Each part's anchor holds its own 年, 月 or 日, the first the date's label.
                reach.push(Reach::new((if k == 0 { first } else { 0 }, 1)));
            }
            i += parts;
            continue;
        }
        let d = in_section(text, &slots[i], draft_slot(text, slots, i));
        let d = of_party(text, &slots[i], d);
        // `任命×××同志为XX局局长；任命×××同志为XX局副局长`: each post's body may be another;
        // it is the document's own (`XX市人民政府关于…`) only when that came first.
        let post = matches!(d.key, Key::Entity(..)) && in_post(text, slots, i);
        let key = match d.key {
            Key::Own => None,
            Key::Unit => Some((0, "", "")),
            // `X村、X村`: a list of several villages; the word is no evidence of one.
            Key::Entity(word, slot) if listed.contains(&(word, slot)) => None,
            // `×××（XX镇党委书记）`, `×××，男，…，现任XX局副局长`: a person's own place or
            // body, which the next person's may not be.
            Key::Entity(..) if about_person(text, slots, i) => None,
            // `向XX局申请复核`, `抄送：XX局`: a body the document turns to, which is seldom
            // the one that writes it.
            Key::Entity(..) if addressed(text, &slots[i]) => None,
            Key::Entity(word, _) if heard_or_tasked(text, &slots[i], word) => None,
            // `X村党支部书记XXX、X村党支部书记XXX`: the place of a person named after it.
            Key::Entity(word, _) if listed_with_post(text, slots, i, word) => None,
            // `X镇X村党支部书记XXX、X镇X村党支部书记XXX`: the places of people listed by
            // their posts, each person's own.
            Key::Entity(..) if places_of_listed_post_holder(text, slots, i) => None,
            // `委托XX有限公司的×××`: the body a person works for, which the next person's
            // may not be.
            Key::Entity(word, _) if of_person(text, slots, i, word) => None,
            // `工作单位为XX市XX区XX有限公司`: the place in a company's name, which says
            // nothing of where the document's other bodies are.
            Key::Entity(..) if in_company_name(text, slots, i) => None,
            // `原工作单位为XX有限公司`: a body the person has left.
            Key::Entity(..) if former(text, &slots[i]) => None,
            // `X公司完成改制，X公司实现扭亏为盈`: two subjects of one sentence, each doing its
            // own thing, are two bodies.
            Key::Entity(word, _) if parallel_subject(text, slots, i, word) => None,
            Key::Entity(word, slot) => Some((1, word, slot)),
            Key::Role(label) => Some((2, label, "")),
        };
        reach.push(Reach::new(d.reach));
        if let Some(key) = key {
            if let Some(&g) = shared.get(&key) {
                group_of.push(g);
                i += 1;
                continue;
            }
            if !post {
                shared.insert(key, groups.len());
            }
        }
        group_of.push(add(&mut groups, d));
        i += 1;
    }
    (groups, group_of, reach)
}

/// A text field of its own named `name`, labelled with the slot in its context.
fn own_text<'t>(text: &str, slot: &Slot, name: String, reach: (usize, usize)) -> SlotDraft<'t> {
    SlotDraft {
        key: Key::Own,
        label: format!("{name}（“{}”）", context(text, slot)),
        name,
        ty: FieldType::Text,
        min: None,
        max: None,
        reach,
        extra: Extra::None,
    }
}

/// A signature or its date under the heading of whose opinion it is (`部门负责人意见：` over
/// `签字：×××    20XX年X月X日`): named by the one who signs (部门负责人签字,
/// 部门负责人签字日期), as a form has one such block per approver.
fn in_section<'t>(text: &str, slot: &Slot, mut d: SlotDraft<'t>) -> SlotDraft<'t> {
    const SIGNS: &[&str] = &["签字", "签名", "签章", "盖章", "日期"];
    if !SIGNS.contains(&d.name.as_str()) || !matches!(d.key, Key::Own) {
        return d;
    }
    let (line_start, line_end) = line_near(text, slot);
    let Some(above) = text[..line_start].strip_suffix('\n') else {
        return d;
    };
    let above = above.strip_suffix('\r').unwrap_or(above);
    let heading = above[above.rfind('\n').map_or(0, |i| i + 1)..]
        .trim_matches([' ', '\t', '\u{3000}'])
        .trim_end_matches(['：', ':']);
    let Some(holder) = ["意见", "审批", "审核", "签批"]
        .into_iter()
        .find_map(|w| heading.strip_suffix(w))
        .filter(|h| (2..=8).contains(&h.chars().count()) && h.chars().all(is_ideograph))
    else {
        return d;
    };
    let line = &text[line_start..line_end];
    let name = match d.name.as_str() {
        "日期" if line.contains("签字") || line.contains("签名") => "签字日期",
        name => name,
    };
    d.name = [holder, name].concat();
    d.label = d.name.clone();
    d
}

/// A field of its own in the line of one party (`被告：×××，女，19XX年X月X日出生，…，
/// 身份证号码：XXXX`), named as that party's (被告出生日期, 被告身份证号码): each party has
/// one, and the name says whose it is rather than `_2`. Only for a line of one cell, whose
/// first label is the party's.
fn of_party<'t>(text: &str, slot: &Slot, mut d: SlotDraft<'t>) -> SlotDraft<'t> {
    if !matches!(d.key, Key::Own) {
        return d;
    }
    let Some(party) = party_of_line(text, slot) else {
        return d;
    };
    let (line_start, _) = line_near(text, slot);
    if d.name.starts_with(party) || cells(&text[line_start..slot.span().start]).len() > 1 {
        return d;
    }
    d.label = [party, d.label.as_str()].concat();
    d.name = [party, d.name.as_str()].concat();
    d
}

/// Whether slot `i` says where a person named by a bare slot (`×××`, `XXX`) works or comes
/// from: in brackets right after the name (`×××（XX镇党委书记）`), or on a line that opens
/// with the name and a comma (`×××，男，汉族，XX省XX县人，现任XX局副局长`).
fn about_person(text: &str, slots: &[Slot], i: usize) -> bool {
    let person = |s: &Slot| {
        s.kind() == SlotKind::Name
            && s.suffix().is_none()
            && s.text(text).chars().count() >= 2
            && s.text(text).chars().all(crate::scan::is_mark)
    };
    let at = slots[i].span().start;
    if let Some(open) = text[..at].strip_suffix(['（', '('])
        && i > 0
        && slots[i - 1].span().end == open.len()
        && person(&slots[i - 1])
    {
        return true;
    }
    let Some(line_start) = line_start_near(text, &slots[i]) else {
        return false;
    };
    let indent = text[line_start..].len()
        - text[line_start..]
            .trim_start_matches([' ', '\t', '\u{3000}'])
            .len();
    let first = slots[..i].partition_point(|s| s.span().start < line_start + indent);
    first < i
        && slots[first].span().start == line_start + indent
        && person(&slots[first])
        && text[slots[first].span().end..].starts_with(['，', ','])
}

/// Whether the body slot `i` names (its entity word `word`) is a person's, by 的 and the
/// person's name right after it (`XX有限公司的×××`).
fn of_person(text: &str, slots: &[Slot], i: usize, word: &str) -> bool {
    let at = slots[i].span().end + word.len();
    let Some(rest) = text.get(at..).and_then(|r| r.strip_prefix('的')) else {
        return false;
    };
    let start = text.len() - rest.len();
    slots.get(i + 1).is_some_and(|next| {
        next.span().start == start
            && next.kind() == SlotKind::Name
            && next.text(text).chars().all(crate::scan::is_mark)
    })
}

/// Whether slot `i` is a place that begins a company's name (`XX市XX区XX有限公司`): the
/// slots after it, each right after the one before's entity word, end in a company.
fn in_company_name(text: &str, slots: &[Slot], i: usize) -> bool {
    const COMPANY: &[&str] = &["公司", "集团", "厂"];
    let mut j = i;
    while let Some(w) = slots[j].suffix() {
        let word = entity_word(text, &slots[j], w);
        if j > i && COMPANY.iter().any(|c| word.ends_with(c)) {
            return true;
        }
        let end = slots[j].span().end + word.len();
        match slots.get(j + 1) {
            // A company's name holds a few places at most (`XX省XX市XX区XX有限公司`).
            Some(next) if !word.is_empty() && next.span().start == end && j - i < 6 => j += 1,
            _ => return false,
        }
    }
    false
}

/// Whether slot `i` stands in the post of an appointee before it in the same clause
/// (`任命×××同志为XX镇镇长`, `免去×××同志XX局局长职务`).
fn in_post(text: &str, slots: &[Slot], i: usize) -> bool {
    let at = slots[i].span().start;
    // A few slots back at most: a line of slots without a pause is read in linear time.
    slots[..i]
        .iter()
        .rev()
        .take(4)
        .take_while(|s| !text[s.span().end..at].contains(['；', ';', '。', '\n']))
        .any(|s| appointee(text, s).is_some())
}

/// Whether a slot names a body one was in before (`原工作单位为XX有限公司`, `原XX局`).
fn former(text: &str, slot: &Slot) -> bool {
    // Eight characters are read: 32 bytes hold them and the separator before.
    let before = &text[crate::span::floor_char_boundary(text, slot.span().start.saturating_sub(32))
        ..slot.span().start];
    let clause = before
        .rsplit(['，', ',', '。', '；', ';', '\n', '：', ':'])
        .next()
        .unwrap_or(before);
    // The last eight characters of the clause: 原 opens them, or 原(工作)单位 stands in them.
    let tail = &clause[clause.char_indices().rev().nth(7).map_or(0, |(i, _)| i)..];
    tail.starts_with('原') || tail.contains("原工作单位") || tail.contains("原单位")
}

/// Whether a slot names a body the document turns to: right after 向 (`向XX局申请复核`), or
/// on a line of copies or addressees (`抄送：XX局，XX办`).
fn addressed(text: &str, slot: &Slot) -> bool {
    let before = &text[..slot.span().start];
    let line = line_start_near(text, slot).map_or("", |start| &text[start..slot.span().start]);
    let line = line.trim_start_matches([' ', '\t', '\u{3000}']);
    before.ends_with('向') || ["抄送", "抄报", "主送"].iter().any(|w| line.starts_with(w))
}

/// Whether a slot names a body a meeting hears or gives a task (`听取了XX局关于…的汇报`,
/// `要求XX局做好…`, `由XX局牵头`): minutes and plans hear and task one body after another,
/// so the same word there is no evidence of the same body.
fn heard_or_tasked(text: &str, slot: &Slot, word: &str) -> bool {
    let before = text[..slot.span().start].trim_end_matches(['，', ',']);
    let after = text[slot.span().end..]
        .strip_prefix(word)
        .unwrap_or(&text[slot.span().end..]);
    ["听取了", "听取", "要求", "责成", "督促", "由"]
        .iter()
        .any(|w| before.ends_with(w))
        || ["牵头", "负责", "配合", "汇报"]
            .iter()
            .any(|w| after.starts_with(w))
}

/// Whether slot `i` (with its entity `word`) is followed by a post and a person's name
/// (`X村党支部书记XXX`, `XX局局长×××`): that person's place or body, which another
/// person's with the same post may not be.
fn post_of_person(text: &str, slots: &[Slot], i: usize, word: &str) -> bool {
    let Some(next) = slots.get(i + 1) else {
        return false;
    };
    let name = next.text(text);
    if !(2..=4).contains(&name.chars().count()) || !name.chars().all(crate::scan::is_mark) {
        return false;
    }
    let Some(post) = text[slots[i].span().end..next.span().start].strip_prefix(word) else {
        return false;
    };
    (2..=8).contains(&post.chars().count())
        && post.chars().all(is_ideograph)
        && PERSON_NOUN_ENDS.iter().any(|w| post.ends_with(w))
}

/// What stands between two people of a list (`X村党支部书记XXX、X村党支部书记XXX`).
const LIST_APART: [&str; 4] = ["、", "和", "及", "，"];

/// The name slot of the person whose places start at slot `i`, named after a post
/// (`X村党支部书记XXX`, `X镇X村党支部书记XXX`): a chain of places, each right after the last,
/// then the post and the name.
fn post_holder_at(text: &str, slots: &[Slot], i: usize) -> Option<usize> {
    for k in i..(i + 4).min(slots.len()) {
        let slot = &slots[k];
        let word = entity_word(text, slot, slot.suffix()?);
        if word.is_empty() {
            return None;
        }
        if post_of_person(text, slots, k, word) {
            return Some(k + 1);
        }
        let next = slots.get(k + 1)?;
        if &text[slot.span().end..next.span().start] != word {
            return None;
        }
    }
    None
}

/// The first of the places right before slot `i` that lead to it (`X镇X村`: X镇 for X村),
/// or `i`.
fn chain_start(text: &str, slots: &[Slot], i: usize) -> usize {
    let mut k = i;
    while k > 0 && i - k < 3 {
        let prev = &slots[k - 1];
        let word = prev.suffix().map_or("", |w| entity_word(text, prev, w));
        if word.is_empty() || text[prev.span().end..slots[k].span().start] != *word {
            break;
        }
        k -= 1;
    }
    k
}

/// Whether slot `i` starts the places of a person named after a post, in a list of such
/// people (`X镇X村党支部书记XXX、X镇X村党支部书记XXX`): each person's own.
fn places_of_listed_post_holder(text: &str, slots: &[Slot], i: usize) -> bool {
    let i = chain_start(text, slots, i);
    let Some(name) = post_holder_at(text, slots, i) else {
        return false;
    };
    let apart = |a: usize, b: usize| {
        LIST_APART.contains(&&text[slots[a].span().end..slots[b].span().start])
    };
    let next = name + 1 < slots.len()
        && apart(name, name + 1)
        && post_holder_at(text, slots, name + 1).is_some();
    let prev = i >= 2
        && apart(i - 1, i)
        && (i.saturating_sub(5)..i - 1).any(|j| post_holder_at(text, slots, j) == Some(i - 1));
    next || prev
}

/// Whether slot `i` is the place of a person in a list of people with their posts
/// (`X村党支部书记XXX、X村党支部书记XXX`): each person's own.
fn listed_with_post(text: &str, slots: &[Slot], i: usize, word: &str) -> bool {
    let joined = |name: usize, other: usize| {
        slots.get(other).is_some_and(|o| {
            let gap = &text[slots[name].span().end..o.span().start];
            LIST_APART.contains(&gap) && post_of_person(text, slots, other, word)
        })
    };
    post_of_person(text, slots, i, word)
        && (joined(i + 1, i + 2)
            || i >= 2 && joined(i - 1, i) && post_of_person(text, slots, i - 2, word))
}

/// Entity words (and slot texts) that stand in a list somewhere (`X村、X村`, `X县和X县`):
/// the same word there names different things, so it groups nothing.
fn listed_entities<'t>(text: &'t str, slots: &[Slot]) -> rustc_hash::FxHashSet<(&'t str, &'t str)> {
    let mut listed = rustc_hash::FxHashSet::default();
    for pair in slots.windows(2) {
        let (prev, next) = (&pair[0], &pair[1]);
        let (Some(w), Some(v)) = (prev.suffix(), next.suffix()) else {
            continue;
        };
        let word = entity_word(text, prev, w);
        if w != v || prev.text(text) != next.text(text) || word != entity_word(text, next, v) {
            continue;
        }
        let between = &text[prev.span().end + word.len()..next.span().start];
        // A list, or a range (`XX村至XX村`: its ends are two places).
        const APART: &[&str] = &[
            "、",
            "，",
            ",",
            "和",
            "与",
            "及",
            "或",
            "以及",
            "、以及",
            "至",
            "到",
            "—",
            "-",
            "～",
            "~",
        ];
        // `第X中学、第X中学`: two numbered schools.
        let ordinal = between.strip_suffix('第');
        if APART.contains(&ordinal.unwrap_or(between)) {
            listed.insert((word, prev.text(text)));
            if let Some(o) = ordinal_of(text, prev).filter(|_| ordinal.is_some()) {
                listed.insert((word, o));
            }
        }
    }
    // Rows of a table, one a line (`20XX.X—20XX.X  XX大学  XX专业` over another such row):
    // the same name in two rows names two records' things.
    for slot in slots {
        let Some(w) = slot.suffix() else {
            continue;
        };
        let word = entity_word(text, slot, w);
        if word.is_empty() || listed.contains(&(word, slot.text(text))) {
            continue;
        }
        let cell = [slot.text(text), word].concat();
        let row = |start: usize, end: usize| {
            let cells = cells(&text[start..end]);
            cells.len() >= 3 && cells.iter().any(|(_, c)| c.starts_with(cell.as_str()))
        };
        let (start, end) = line_near(text, slot);
        let Some(next) = text[end..]
            .strip_prefix('\r')
            .unwrap_or(&text[end..])
            .strip_prefix('\n')
        else {
            continue;
        };
        let next_start = text.len() - next.len();
        let next_end = next
            .find(['\n', '\r'])
            .map_or(text.len(), |i| next_start + i)
            .min(next_start + NEAR);
        if row(start, end) && text.is_char_boundary(next_end) && row(next_start, next_end) {
            listed.insert((word, slot.text(text)));
        }
    }
    listed
}

/// How many date slots from `i` make one date: `20XX年X月X日` (3), `X年X月` or `X月X日` (2),
/// else 1 for a date slot, 0 for any other.
fn date_parts(text: &str, slots: &[Slot], i: usize) -> usize {
    // A date written with points (`20XX.X.X`) is a whole date in one slot, not a part.
    if slots[i].kind() != SlotKind::Date || crate::scan::written_date(slots[i].text(text)).is_some()
    {
        return 0;
    }
    let mut n = 1;
    while i + n < slots.len() && n < 3 {
        let (prev, next) = (&slots[i + n - 1], &slots[i + n]);
        let between = &text[prev.span().end..next.span().start];
        let order = match between {
            "年" => next_part(text, next) == Some('月'),
            "月" => matches!(next_part(text, next), Some('日' | '号')),
            _ => false,
        };
        if next.kind() != SlotKind::Date || !order {
            break;
        }
        n += 1;
    }
    n
}

/// The character right after a slot: which part of a date it is (年, 月, 日, 号).
fn next_part(text: &str, slot: &Slot) -> Option<char> {
    text[slot.span().end..].chars().next()
}

/// `X日内`, `X天内`: a number of days, not a day of the month.
fn is_day_count<'t>(text: &'t str, slot: &Slot) -> Option<&'t str> {
    let after = &text[slot.span().end..];
    let within = [
        "日内",
        "天内",
        "日之内",
        "个工作日",
        "分钟内",
        "分钟之内",
        "小时内",
        "个小时内",
        "小时之内",
    ]
    .into_iter()
    .find(|w| after.starts_with(w))
    .map(|w| &after[..w.len()]);
    // 共X日, 为期X天: a length of time.
    let before = &text[..slot.span().start];
    let length = [
        "共",
        "计",
        "为期",
        "连续",
        "历时",
        "逾期",
        "超过",
        "超出",
        "提前",
        "延期",
        "延长",
        "满",
        "不超过",
        "不少于",
        "不足",
    ]
    .iter()
    .any(|w| before.ends_with(w))
        && after.starts_with(['日', '天']);
    within.or_else(|| length.then(|| &after[..after.chars().next().map_or(0, char::len_utf8)]))
}

/// The dashes that join the two dates of a range (`X月X日—X月X日`); a doubled one (——) is
/// a dash of the sentence.
const RANGE_DASHES: &[char] = &['—', '－', '～', '~'];

/// A single range dash right after the date that ends with `last` (its 日 or 月), and a
/// date's slot or digit right after the dash.
fn range_dash_after(text: &str, last: &Slot) -> bool {
    let mut after = text[last.span().end..].chars().skip(1);
    matches!(after.next(), Some(c) if RANGE_DASHES.contains(&c))
        && after
            .next()
            .is_some_and(|c| crate::scan::is_mark(c) || c.is_ascii_digit())
}

/// A single range dash right before the date that starts with `first`, after the 日 or 月 of
/// another date.
fn range_dash_before(text: &str, first: &Slot) -> bool {
    let mut before = text[..first.span().start].chars().rev();
    matches!(before.next(), Some(c) if RANGE_DASHES.contains(&c))
        && matches!(before.next(), Some('日' | '月'))
}

/// The draft of a date made of `parts` slots from `i`: one `date` field named by its label
/// or the noun before it.
fn draft_date<'t>(text: &'t str, slots: &[Slot], i: usize, parts: usize) -> SlotDraft<'t> {
    let first = &slots[i];
    let floor = floor(slots, i);
    let last = &slots[i + parts - 1];
    let tail = text[last.span().end..].chars().nth(1);
    let label =
        line_label(text, first.span().start, floor).or_else(|| cell_label(text, first, floor));
    let (name, reach_before) = match label {
        // `会议时间：20XX年X月X日上午X:XX`: the label is the date's and the time's, which are
        // two fields, 会议日期 and 会议时间.
        Some((label, chars)) if parts > 1 && time_after(text, slots, i + parts - 1) => {
            ([time_stem(label), "日期"].concat(), chars)
        }
        Some((label, chars)) => (label.to_string(), chars),
        // `X月X日下午X:XX前报到`: the date of what is done at its time (报到日期).
        None if parts > 1
            && time_after(text, slots, i + parts - 1)
            && let Some(stem) = event_after_time(text, &slots[i + parts]) =>
        {
            ([stem.as_str(), "日期"].concat(), 0)
        }
        None if parts > 1 && matches!(tail, Some('前' | '止')) => ("截止日期".to_string(), 0),
        None if parts > 1 && tail == Some('起') => ("起始日期".to_string(), 0),
        // `X月X日至X月X日`: a range's first date starts it, the one after 至 ends it.
        None if parts > 1 && tail == Some('至') => ("起始日期".to_string(), 0),
        // `X月X日—X月XX日`: a range written with a dash, another date right after it.
        None if parts > 1 && range_dash_after(text, last) => ("起始日期".to_string(), 0),
        // `X月X日至X月X日放假调休`: what follows a range is done over the whole range; its
        // second date ends it.
        None if parts > 1
            && i > 0
            && slots[i - 1].kind() == SlotKind::Date
            && matches!(
                &text[slots[i - 1].span().end..first.span().start],
                "日至" | "号至" | "月至"
            ) =>
        {
            ("截止日期".to_string(), 0)
        }
        None if parts > 1
            && let Some(event) = event_after(text, last) =>
        {
            (event, 0)
        }
        None if parts > 1
            && (text[..first.span().start].ends_with('至')
                && !text[..first.span().start].ends_with("截至")
                || range_dash_before(text, first)) =>
        {
            ("截止日期".to_string(), 0)
        }
        None => {
            let noun = noun_before(text, first.span().start, floor);
            // `车辆交付时间为20XX年X月X日`: a date is what the time before 为 is.
            let is = text[..first.span().start].strip_suffix('为');
            let touches = text[..first.span().start].ends_with(noun)
                || is.is_some_and(|b| b.ends_with(noun) && noun.ends_with("时间"));
            let every = ["每年", "每月", "每周"]
                .into_iter()
                .find(|w| text[..first.span().start].ends_with(w));
            if parts == 1
                && let Some(every) = every
            {
                // `每月X日前支付`: which day of every month.
                ([every, "几"].concat(), 2)
            } else if parts == 1
                && let Some(name) = month_end(text, first)
            {
                (name, 0)
            } else if parts == 1 && next_part(text, first) == Some('年') {
                let year = if text[first.span().end..].starts_with("年度") {
                    "年度"
                } else {
                    "年份"
                };
                (year.to_string(), 0)
            } else if noun.chars().count() >= 2 && touches {
                // `交付时间为20XX年X月X日X时`: the hour after it is a field of its own, the
                // date is the time's day (交付日期).
                let hour = slots.get(i + parts).is_some_and(|s| {
                    s.unit() == Some("时")
                        && text[last.span().end..s.span().start].chars().count() <= 1
                });
                let name = if noun.ends_with("时间") && hour {
                    [time_stem(noun), "日期"].concat()
                } else if noun.ends_with(['日', '期', '间']) {
                    noun.to_string()
                } else {
                    [noun, "日期"].concat()
                };
                (name, noun.chars().count())
            } else {
                ("日期".to_string(), 0)
            }
        }
    };
    let shape: String = slots[i..i + parts]
        .iter()
        .map(|s| match next_part(text, s) {
            Some('年') => "年",
            Some('月') => "月",
            _ => "日",
        })
        .collect();
    let label = if parts == 1 {
        // A lone part: a year, a month or a day of the month.
        let name = if name.starts_with('每') {
            [name.as_str(), &shape].concat()
        } else {
            name.clone()
        };
        format!("{name}（“{}”）", context(text, first))
    } else {
        name.clone()
    };
    let (ty, min, max) = match (parts, shape.as_str()) {
        (1, "年") => (FieldType::Integer, Some(1900.0), Some(2100.0)),
        (1, "月") => (FieldType::Integer, Some(1.0), Some(12.0)),
        (1, _) => (FieldType::Integer, Some(1.0), Some(31.0)),
        _ => (FieldType::Date, None, None),
    };
    let name = match (parts, name.as_str()) {
        (1, "年度" | "年份") => name,
        (1, n) if n.ends_with("月份") => name,
        (1, _) => [name.as_str(), &shape].concat(),
        _ => name,
    };
    SlotDraft {
        key: Key::Own,
        name,
        ty,
        label,
        min,
        max,
        reach: (reach_before, 1),
        // 二〇XX年X月X日: the year in Chinese numerals, and so the month and day.
        extra: if first.text(text).contains(crate::numeral::is_year_digit) {
            Extra::Format(match shape.as_str() {
                "年月日" => "%CY年%Cm月%Cd日",
                "年月" => "%CY年%Cm月",
                _ => "%CY年",
            })
        } else {
            Extra::None
        },
    }
}

/// Where the text that may name slot `i` starts: after the previous slot and its unit.
/// Whether `slot` is a time of day (`上午X:XX`, `XX：XX`).
fn is_time_of_day(text: &str, slot: &Slot) -> bool {
    slot.kind() == SlotKind::Other
        && (slot.text(text).contains([':', '：']) || is_hour_of_time(text, slot))
}

/// Where the time of day `slot` ends: past the minutes written after an hour slot.
fn time_end(text: &str, slot: &Slot) -> usize {
    let end = slot.span().end;
    if !is_hour_of_time(text, slot) {
        return end;
    }
    let colon = text[end..].chars().next().map_or(0, char::len_utf8);
    end + colon + 2
}

/// `上午X:00`, `XX:30`: the hour of a time of day whose minutes are written (two digits
/// after the colon; `X:1` is a ratio or a score).
fn is_hour_of_time(text: &str, slot: &Slot) -> bool {
    let Some(rest) = text[slot.span().end..].strip_prefix([':', '：']) else {
        return false;
    };
    let b = rest.as_bytes();
    slot.text(text).chars().all(crate::scan::is_mark)
        && b.len() >= 2
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && b.get(2).is_none_or(|c| !c.is_ascii_digit())
}

/// What the words between two slots are when they say nothing but a part of the day
/// (`日上午`, `至下午`), with `lead` (日, 至) first.
fn only_day_part(between: &str, leads: &[&str]) -> bool {
    leads.iter().any(|lead| {
        between.strip_prefix(lead).is_some_and(|rest| {
            let rest = rest.trim_matches([' ', '\u{3000}']);
            rest.is_empty() || DAY_PARTS.contains(&rest)
        })
    })
}

/// Whether the slot after date part `last` is the time of day of that date
/// (`X月X日上午X:XX`).
fn time_after(text: &str, slots: &[Slot], last: usize) -> bool {
    slots.get(last + 1).is_some_and(|next| {
        is_time_of_day(text, next)
            && only_day_part(
                &text[slots[last].span().end..next.span().start],
                &["日", "号"],
            )
    })
}

/// A label for a date and its time without its 时间 or 日期 (`会议时间` → `会议`).
fn time_stem(label: &str) -> &str {
    ["时间", "日期", "时"]
        .iter()
        .find_map(|w| label.strip_suffix(w))
        .unwrap_or(label)
}

/// The name of the time of day `slots[i]` when no label stands right before it: the time of
/// the labelled date before it (`会议时间：20XX年X月X日上午X:XX` → 会议时间, the date being
/// 会议日期), and of a range's ends (`上午X:XX至下午X:XX`) 开始时间 and 结束时间.
fn time_name(text: &str, slots: &[Slot], i: usize) -> String {
    let range_dash: &[&str] = &["至", "到", "—", "－", "-", "～", "~"];
    let after_time = i.checked_sub(1).filter(|&p| {
        is_time_of_day(text, &slots[p])
            && only_day_part(
                &text[time_end(text, &slots[p])..slots[i].span().start],
                range_dash,
            )
    });
    if let Some(p) = after_time {
        let start = time_name(text, slots, p);
        let stem = start.strip_suffix("开始时间").unwrap_or(time_stem(&start));
        return [stem, "结束时间"].concat();
    }
    // The labelled date right before the time: its first part, past 年 and 月.
    let mut stem = "";
    if i > 0 && time_after(text, slots, i - 1) {
        let mut first = i - 1;
        while first > 0
            && slots[first - 1].kind() == SlotKind::Date
            && matches!(
                &text[slots[first - 1].span().end..slots[first].span().start],
                "年" | "月"
            )
        {
            first -= 1;
        }
        if first + 1 < i
            && let Some((label, _)) =
                line_label(text, slots[first].span().start, floor(slots, first))
        {
            stem = time_stem(label);
        }
    }
    // `下午X:XX前报到`: the time of what is done then (报到时间).
    let event = event_after_time(text, &slots[i]);
    if stem.is_empty()
        && let Some(event) = &event
    {
        return [event.as_str(), "时间"].concat();
    }
    let range_start = slots.get(i + 1).is_some_and(|next| {
        is_time_of_day(text, next)
            && only_day_part(
                &text[time_end(text, &slots[i])..next.span().start],
                range_dash,
            )
    });
    [
        stem,
        if range_start {
            "开始时间"
        } else {
            "时间"
        },
    ]
    .concat()
}

/// `共X层，其中地下X层`: a count of a building's floors (层数, 地下层数), not which floor
/// (`在X楼X层`, 楼层).
fn floor_count(text: &str, slot: &Slot, unit: &str) -> Option<String> {
    if unit != "层" {
        return None;
    }
    let before = &text[..slot.span().start];
    if ["共", "共计", "总"].iter().any(|w| before.ends_with(w)) {
        return Some("层数".to_string());
    }
    ["地下", "地上"]
        .iter()
        .find(|w| before.ends_with(*w))
        .map(|w| [w, "层数"].concat())
}

/// A lone month that ends something: a range's last month (`1—X月`, 截止月份), or the month
/// by whose end a thing is done (`于X月底前完成`, 完成月份).
fn month_end(text: &str, slot: &Slot) -> Option<String> {
    let rest = text[slot.span().end..].strip_prefix('月')?;
    let before = &text[..slot.span().start];
    let ranged = ["—", "－", "-", "～", "~", "至"].iter().any(|d| {
        before
            .strip_suffix(d)
            .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit() || crate::scan::is_mark(c)))
    });
    if ranged {
        return Some("截止月份".to_string());
    }
    let end = rest.strip_prefix('底');
    let by = end.unwrap_or(rest).strip_prefix('前');
    if end.is_none() && by.is_none() {
        return None;
    }
    // The verb of what is done, its first two characters (完成 of 完成自查工作).
    let verb = event_in(by.or(end).unwrap_or(rest))
        .map(|e| e.chars().take(2).collect::<String>())
        .filter(|v| v.chars().count() == 2 && !v.ends_with(['日', '期']));
    match verb {
        Some(verb) => Some([verb.as_str(), "月份"].concat()),
        None => by.map(|_| "截止月份".to_string()),
    }
}

/// What happened on a date, from the words right after it: `19XX年X月生` → 出生日期,
/// `XXXX年X月参加工作` → 参加工作日期, `20XX年X月X日召开` → 召开日期. None when a particle, a
/// time of day or a place follows (`X日（星期X）`, `X日上午`, `X日在`), or nothing does.
fn event_after(text: &str, last: &Slot) -> Option<String> {
    event_in(text[last.span().end..].strip_prefix(['年', '月', '日', '号'])?)
}

/// What is done at the time of day `slot`, from the words right after it, past a 前
/// (`下午X:XX前报到` → 报到): the stem naming that time and the date before it.
fn event_after_time(text: &str, slot: &Slot) -> Option<String> {
    if !is_time_of_day(text, slot) {
        return None;
    }
    let rest = &text[slot.span().end..];
    let event = event_in(rest.strip_prefix('前').unwrap_or(rest))?;
    let stem = event.strip_suffix("日期")?;
    (stem.chars().count() >= 2).then(|| stem.to_string())
}

/// [`event_after`], from the words `rest` right after the date.
fn event_in(rest: &str) -> Option<String> {
    let words: String = rest
        .chars()
        .take_while(|&c| is_ideograph(c))
        .take(8)
        .collect();
    // `X日县政府第X次常务会议研究决定`: words that run into a number name nothing.
    let runs_on = rest[words.len()..].starts_with(crate::scan::is_mark);
    // `因个人原因离职`: the reason is no part of the event.
    let words = match words.strip_prefix('因').and_then(|w| w.split_once("原因")) {
        Some((_, event)) => event,
        None => &words,
    };
    // `毕业于XX大学`, `入职我公司`: the event is what comes before the place.
    // 报到 is one word, whose 到 leads to no place.
    let words = match words.strip_prefix("报到") {
        Some(rest) => &words[..words.len() - rest.len()],
        None => words
            .split(['于', '在', '至', '到', '我', '本', '贵', '了'])
            .next()
            .unwrap_or_default(),
    };
    let count = words.chars().count();
    if count == 0 || count > 7 {
        return None;
    }
    let first = words.chars().next()?;
    const NOT_EVENTS: &str =
        "在于至到起止前后的以为和与及或上下中午晚早凌星期共将由对向从内度底初末止";
    if NOT_EVENTS.contains(first) {
        return None;
    }
    // `X日县政府第X次常务会议研究决定`, `X日会议研究决定`: the date of a meeting, whatever
    // it decided.
    let clause: String = rest
        .chars()
        .take_while(|c| !"，。；：,;:\n".contains(*c))
        .take(20)
        .collect();
    if (runs_on && clause.contains("会议")) || words.starts_with("会议") {
        return Some("会议日期".to_string());
    }
    if runs_on {
        return None;
    }
    Some(match words {
        "生" | "出生" => "出生日期".to_string(),
        _ => format!("{words}日期"),
    })
}

fn floor(slots: &[Slot], i: usize) -> usize {
    i.checked_sub(1).map_or(0, |p| {
        let prev = &slots[p];
        prev.span().end + prev.unit().or(prev.suffix()).map_or(0, str::len)
    })
}

/// [`floor`], past a date's part word and its 止, 起 or 前 when the slot before is a date's:
/// in `X月X日止，共计X年` nothing before the count names it (it used to be named 日止).
fn floor_past_date(text: &str, slots: &[Slot], i: usize) -> usize {
    let at = floor(slots, i);
    if i == 0 || slots[i - 1].kind() != SlotKind::Date {
        return at;
    }
    let rest = &text[at..];
    let rest = rest.strip_prefix(['年', '月', '日', '号']).unwrap_or(rest);
    let rest = rest.strip_prefix(['止', '起', '前']).unwrap_or(rest);
    text.len() - rest.len()
}

/// The draft of the slot `i` (not a date).
fn draft_slot<'t>(text: &'t str, slots: &[Slot], i: usize) -> SlotDraft<'t> {
    let mut d = draft_one(text, slots, i, true);
    // `第一产业增加值X.X亿元，增长X.X%`: a change without a noun of its own is the change of
    // the measure just before it in the clause (第一产业增加值增长).
    if matches!(d.key, Key::Own)
        && CHANGE_WORDS.contains(&d.name.trim_end_matches("百分点"))
        && let Some(p) = i.checked_sub(1)
        && slots[p].kind() == SlotKind::Quantity
    {
        // `完成销售额XXX万元，完成年度目标的XX%，同比增长XX%`: the share of a target reached
        // says how far the measure came, not what grew; the measure before it did.
        let share = |k: usize| share_of_target(text, &slots[k]);
        let (p, reach) = match p.checked_sub(1) {
            Some(q) if share(p) && slots[q].kind() == SlotKind::Quantity && !share(q) => (q, 28),
            _ => (p, 12),
        };
        let between = &text[slots[p].span().end..slots[i].span().start];
        if between.chars().count() <= reach && !between.contains(['。', '；', ';', '：', ':', '\n'])
        {
            let of = draft_one(text, slots, p, false).name;
            if !of.is_empty() && !CHANGE_WORDS.iter().any(|w| of.ends_with(w)) {
                d.label = [of.as_str(), d.label.as_str()].concat();
                d.name = [of, d.name].concat();
            }
        }
    }
    // `召开X年级家长会`: the grade, not a count of what is done before it.
    if matches!(d.key, Key::Own) && slots[i].unit() == Some("年级") {
        d.name = "年级".into();
        d.label = "年级".into();
        d.min = Some(1.0);
    }
    // `月基本工资由XXXX元调整为XXXX元`: the value before and after the change, named by
    // what changes (原月基本工资, 调整后月基本工资), not by the words around each.
    if matches!(d.key, Key::Own)
        && let Some((noun, after)) = changed_from_to(text, slots, i)
    {
        let name = match after {
            // 调整为 → 调整后, 增加到 → 增加后; 降为, 改为 → 调整后.
            Some(verb) => {
                let stem = &verb[..verb.len() - verb.chars().last().map_or(0, char::len_utf8)];
                let stem = if stem.chars().count() == 2 {
                    stem
                } else {
                    "调整"
                };
                [stem, "后", noun].concat()
            }
            None => ["原", noun].concat(),
        };
        d.label = match slots[i].unit() {
            Some(u) if slots[i].kind() == SlotKind::Quantity => format!("{name}（{u}）"),
            _ => name.clone(),
        };
        d.name = name;
    }
    d
}

/// Whether `slot` is the share of a target reached (`完成年度目标的XX%`): a percent right
/// after 的, which tells how far a measure came, not a measure that grows.
fn share_of_target(text: &str, slot: &Slot) -> bool {
    slot.unit() == Some("%") && text[..slot.span().start].ends_with('的')
}

/// Verbs that change a value from one to another (`由X元调整为X元`, `从X人增加到X人`).
const CHANGED_TO: &[&str] = &[
    "调整为",
    "调整至",
    "调整到",
    "变更为",
    "变更至",
    "提高到",
    "提高至",
    "提高为",
    "增加到",
    "增加至",
    "降低到",
    "降低至",
    "降低为",
    "降为",
    "降至",
    "提至",
    "调为",
    "改为",
    "升至",
];

/// What slot `i` gives the value of before or after a change (`乙方月基本工资由XXXX元调整为
/// XXXX元`: 月基本工资, before or after), with the verb when it is the value after.
fn changed_from_to<'t>(
    text: &'t str,
    slots: &[Slot],
    i: usize,
) -> Option<(&'t str, Option<&'static str>)> {
    // The slot after 由 or 从, its unit or a word after it, then the verb.
    let from = |k: usize| -> Option<&'t str> {
        let s = &slots[k];
        let lead = text[..s.span().start].strip_suffix(['由', '从'])?;
        let rest = &text[s.span().end..];
        let gap = rest
            .char_indices()
            .take(5)
            .find(|(b, _)| CHANGED_TO.iter().any(|v| rest[*b..].starts_with(v)))?
            .0;
        if rest[..gap].contains(|c: char| !is_ideograph(c)) {
            return None;
        }
        let noun = noun_before(text, lead.len(), floor(slots, k).min(lead.len()));
        let noun = ["甲方", "乙方", "丙方", "本人", "我方", "其"]
            .into_iter()
            .find_map(|p| noun.strip_prefix(p))
            .unwrap_or(noun);
        (noun.chars().count() >= 2 && text[..lead.len()].ends_with(noun)).then_some(noun)
    };
    if let Some(noun) = from(i) {
        return Some((noun, None));
    }
    let p = i.checked_sub(1)?;
    let before = &text[slots[p].span().end..slots[i].span().start];
    let verb = CHANGED_TO.iter().find(|v| before.ends_with(*v))?;
    let gap = &before[..before.len() - verb.len()];
    (gap.chars().count() <= 4 && gap.chars().all(is_ideograph))
        .then(|| from(p))
        .flatten()
        .map(|noun| (noun, Some(*verb)))
}

/// Words of a change (`增长X%`) that say of what only through the measure before them.
const CHANGE_WORDS: &[&str] = &[
    "增长",
    "下降",
    "同比增长",
    "同比下降",
    "环比增长",
    "环比下降",
    "增加",
    "减少",
    "提高",
    "降低",
    "上升",
    "增幅",
    "降幅",
    "增速",
];

/// [`draft_slot`] without naming a change by the measure before it.
///
/// With `near`, a slot may be named through a slot beside it (`排名XX/XXX`, `即XXX元` after a
/// share, `同比增长X%` after an amount), which is drafted without `near`: a chain of such
/// slots, however long, is never read through one slot after another.
fn draft_one<'t>(text: &'t str, slots: &[Slot], i: usize, near: bool) -> SlotDraft<'t> {
    let slot = &slots[i];
    let slot_text = slot.text(text);
    let floor = floor(slots, i);
    if is_english(text, slot) {
        return draft_english(text, slot, floor);
    }
    // `大写：X万X仟X佰X拾X元X角X分`: one capital digit (壹, 贰) of an amount in words, a
    // word named by its place, not an amount of 万 or a count of 角.
    if let Some(place) = capital_digit_place(text, slot) {
        let name = ["大写金额", &place, "位"].concat();
        // One financial numeral: a digit written `5` is refused, not filled.
        let mut d = own_text(text, slot, name, (0, 1));
        d.extra = Extra::Choices(&crate::numeral::FINANCIAL_DIGITS);
        return d;
    }
    // `在XX部任XX，`, `调任XX部XX至今`, `现任XX`: the post held.
    if slot_text.chars().all(crate::scan::is_mark) && holds_post(text, slot) {
        return own_text(text, slot, "职务".into(), (1, 0));
    }
    // `因XX原因`: the reason itself, whatever word comes after it.
    if text[slot.span().end..].starts_with("原因")
        && ['因', '于']
            .iter()
            .any(|c| text[..slot.span().start].ends_with(*c))
        && slot_text.chars().all(crate::scan::is_mark)
    {
        return own_text(text, slot, "原因".into(), (1, 2));
    }
    // `给予XX处分`, `处以XX处罚`: the kind of penalty (警告, 记过), a word, not a count of 处.
    if let Some(w) = ["处分", "处罚"]
        .into_iter()
        .find(|w| text[slot.span().end..].starts_with(w))
        && !slot_text.chars().any(|c| c.is_ascii_digit())
    {
        let name = [w, "种类"].concat();
        return own_text(text, slot, name, (0, 2));
    }
    // `荣获X等奖`, `记X等功`: the grade of a prize or a merit (一, 二, 特), a word.
    if let Some((w, name)) = [("等奖", "获奖等级"), ("等功", "立功等级")]
        .into_iter()
        .find(|(w, _)| text[slot.span().end..].starts_with(w))
        && slot_text.chars().all(crate::scan::is_mark)
    {
        return own_text(text, slot, name.into(), (0, w.chars().count()));
    }
    if let Some(name) = room_layout(text, slot) {
        return SlotDraft {
            key: Key::Own,
            label: format!("{name}（“{}”）", context(text, slot)),
            name: name.to_string(),
            ty: FieldType::Integer,
            min: Some(0.0),
            max: None,
            reach: (0, 1),
            extra: Extra::None,
        };
    }
    let label = line_label(text, slot.span().start, floor)
        .or_else(|| cell_label(text, slot, floor))
        .or_else(|| column_label(text, slot))
        .or_else(|| row_label(text, slot));
    let unit = slot.unit().unwrap_or("");
    // `XXX余名专家学者`: 余 or 多 stands between the number and its unit.
    let about = ['余', '多']
        .into_iter()
        .find(|&c| {
            !unit.is_empty()
                && text[slot.span().end..]
                    .strip_prefix(c)
                    .is_some_and(|r| r.starts_with(unit))
        })
        .map_or(0, char::len_utf8);
    let after_unit = slot.span().end + about + unit.len();
    // `排名XX/XXX`: the second of two numbers a slash joins is the whole it is out of.
    if near
        && let Some(p) = i.checked_sub(1)
        && slots[p].span().end + '/'.len_utf8() == slot.span().start
        && text[..slot.span().start].ends_with('/')
        && slot_text.chars().all(crate::scan::is_mark)
    {
        let of = draft_one(text, slots, p, false).name;
        let name = [of.as_str(), "总数"].concat();
        return SlotDraft {
            key: Key::Own,
            label: format!("{name}（“{}”）", context(text, slot)),
            name,
            ty: FieldType::Integer,
            min: Some(0.0),
            max: None,
            reach: (1, 0),
            extra: Extra::None,
        };
    }
    if let Some(days) = is_day_count(text, slot) {
        let before = noun_before(text, slot.span().start, floor);
        // X日内修复: the time allowed for what follows (修复期限).
        let then: String = if days.ends_with('内') || days.ends_with("工作日") {
            let rest = &text[slot.span().end + days.len()..];
            let rest = rest.strip_prefix('内').unwrap_or(rest);
            let noun: String = noun_after(text, text.len() - rest.len())
                .chars()
                .take(2)
                .collect();
            // `X分钟内赶到`: what is to be done in the time, when it is a verb.
            let verb: String = rest.chars().take(2).collect();
            let is_verb = verb.chars().count() == 2
                && verb.chars().all(is_ideograph)
                && verb.chars().next().is_some_and(|c| !STOP.contains(&c));
            if noun.chars().count() < 2 && is_verb {
                verb
            } else {
                noun
            }
        } else {
            String::new()
        };
        // 使用期限：自…起，共X日: the line's label names the length.
        let (line_start, _) = line_near(text, slot);
        let line_label = text[line_start..slot.span().start]
            .split_once(['：', ':'])
            .map(|(l, _)| l.trim())
            .filter(|l| (2..=8).contains(&l.chars().count()) && l.chars().all(is_ideograph));
        // X分钟内, X小时内: the same limit, counted in minutes or hours.
        let count = if days.contains("分钟") {
            "分钟数"
        } else if days.contains("小时") {
            "小时数"
        } else {
            "天数"
        };
        let (name, a) = match (label, line_label) {
            (Some((l, a)), _) => (l.to_string(), a),
            _ if then.chars().count() == 2 => ([then.as_str(), "期限"].concat(), 0),
            (None, Some(l)) => {
                let l = l.strip_suffix("期限").unwrap_or(l);
                ([l, count].concat(), 0)
            }
            // `整改期限不超过X日`: the bound is no part of what is counted.
            _ if before.chars().count() >= 2 => {
                let what = ["不超过", "不得超过", "不少于", "不低于", "最长", "最多"]
                    .into_iter()
                    .find_map(|w| before.strip_suffix(w))
                    .filter(|w| w.chars().count() >= 2)
                    .unwrap_or(before);
                ([what, count].concat(), before.chars().count())
            }
            // `X月X日至X月X日，共X天`: a length of time, no limit.
            _ if !days.ends_with('内')
                && !text[slot.span().end + days.len()..].starts_with('内') =>
            {
                (count.to_string(), 0)
            }
            _ => (["期限", count].concat(), 0),
        };
        // The anchor holds the days and what they are for (`X日内清理`).
        let inner = text[slot.span().end + days.len()..].starts_with('内');
        let b = days.chars().count()
            + if name.ends_with("期限") {
                2 + usize::from(inner && !days.ends_with('内'))
            } else {
                0
            };
        return SlotDraft {
            key: Key::Own,
            label: [name.as_str(), "（", days, "）"].concat(),
            name,
            ty: FieldType::Integer,
            min: Some(0.0),
            max: None,
            reach: (a, b),
            extra: Extra::None,
        };
    }
    if label.is_none()
        && let Some((part, name)) = address_part(text, slot)
    {
        // `XX路XX号X栋X单元XXX室`: the parts of an address, named by what they number.
        return SlotDraft {
            key: Key::Own,
            label: format!("{name}（“{}”）", context(text, slot)),
            name: name.to_string(),
            ty: FieldType::Text,
            min: None,
            max: None,
            reach: (0, part.chars().count()),
            extra: Extra::None,
        };
    }
    if label.is_none()
        && let Some(d) = code_part(text, slot)
    {
        return d;
    }
    if slot.kind() == SlotKind::Other && is_year(slot_text) {
        // `20XX—20XX学年`, `〔20XX〕`: a year without 年 after it.
        let (name, a) = label.map_or(("年份".to_string(), 0), |(l, a)| (l.to_string(), a));
        return SlotDraft {
            key: Key::Own,
            label: format!("{name}（“{}”）", context(text, slot)),
            name,
            ty: FieldType::Integer,
            min: Some(1900.0),
            max: Some(2100.0),
            reach: (a, 0),
            extra: Extra::None,
        };
    }
    if slot.kind() == SlotKind::Date
        && let Some(sep) = crate::scan::written_date(slot_text)
    {
        // `20XX.X.X`, `出生年月：19XX.XX`, `20XX-XX-XX`: a whole date in one slot, written as
        // it shows it.
        let (name, a) = label.map_or(("日期".to_string(), 0), |(l, a)| (l.to_string(), a));
        // `20XX.X—20XX.X  XX大学`: the start and the end of a range, whatever heading the
        // lines are under; a label on the date's own line names the start.
        let part = if slot_text.matches(sep).count() == 1 {
            "年月"
        } else {
            "日期"
        };
        let dash = |c: Option<char>| c.is_some_and(|c| RANGE_DASHES.contains(&c));
        let mut after = text[slot.span().end..].chars();
        let mut before = text[..slot.span().start].chars().rev();
        let (name, a) = if dash(after.next()) && !dash(after.next()) {
            match line_label(text, slot.span().start, floor) {
                Some((l, a)) => (l.to_string(), a),
                None => (["起始", part].concat(), 0),
            }
        } else if dash(before.next())
            && before
                .next()
                .is_some_and(|c| c.is_ascii_digit() || crate::scan::is_mark(c))
        {
            (["截止", part].concat(), 0)
        } else {
            (name, a)
        };
        let padded = slot_text.split(sep).skip(1).all(|p| p.chars().count() == 2);
        let format = match (sep, slot_text.matches(sep).count(), padded) {
            ('.', 1, true) => "%Y.%m",
            ('.', 1, false) => "%Y.%-m",
            ('.', _, true) => "%Y.%m.%d",
            ('.', _, false) => "%Y.%-m.%-d",
            ('-', 1, true) => "%Y-%m",
            ('-', 1, false) => "%Y-%-m",
            ('-', _, true) => "%Y-%m-%d",
            ('-', _, false) => "%Y-%-m-%-d",
            (_, 1, true) => "%Y/%m",
            (_, 1, false) => "%Y/%-m",
            (_, _, true) => "%Y/%m/%d",
            (_, _, false) => "%Y/%-m/%-d",
        };
        return SlotDraft {
            key: Key::Own,
            label: name.clone(),
            name,
            ty: FieldType::Date,
            min: None,
            max: None,
            reach: (a, 0),
            extra: Extra::Format(format),
        };
    }
    if slot.reason() == Some(crate::scan::OPENS_CODE) {
        // `项目编号：XXZB-20XX-0XX`: the letters that open the code, not the whole code.
        let name = label.map_or("编号".to_string(), |(l, _)| l.to_string()) + "开头字母";
        return own_text(text, slot, name, (0, 2));
    }
    if slot_text.chars().count() == 1 && text[..slot.span().start].ends_with("星期") {
        // `（星期X）`: the day of the week.
        return SlotDraft {
            key: Key::Own,
            name: "星期".to_string(),
            label: "星期几".to_string(),
            ty: FieldType::Text,
            min: None,
            max: None,
            reach: (2, 0),
            extra: Extra::Choices(&["一", "二", "三", "四", "五", "六", "日"]),
        };
    }
    if is_time_of_day(text, slot) {
        // `上午X:XX`: a time of day, hours and minutes as one value (9:30).
        let (name, a) = label.map_or_else(
            || (time_name(text, slots, i), 0),
            |(l, a)| (l.to_string(), a),
        );
        // `上午X:00`: only the hour is blank, a whole number of the clock.
        if !slot_text.contains([':', '：']) {
            return SlotDraft {
                key: Key::Own,
                label: format!("{name}（几点，如 9）"),
                name,
                ty: FieldType::Integer,
                min: Some(0.0),
                max: Some(23.0),
                reach: (a, 0),
                extra: Extra::None,
            };
        }
        return SlotDraft {
            key: Key::Own,
            label: format!("{name}（时:分，如 9:30）"),
            name,
            ty: FieldType::Text,
            min: None,
            max: None,
            reach: (a, 0),
            extra: Extra::Pattern(TIME_OF_DAY),
        };
    }
    if let Some(d) = document_number_part(text, slot) {
        return d;
    }
    if let Some(d) = book_title(text, slot) {
        return d;
    }
    if let Some(d) = rate_of(text, slot, unit) {
        return d;
    }
    if label.is_none()
        && let Some(d) = points_of(text, slot, unit, floor)
    {
        return d;
    }
    match slot.kind() {
        // `20XX届初中毕业生`: a class named by the year it leaves school, not a count.
        SlotKind::Quantity if unit == "届" && is_year(slot_text) => SlotDraft {
            key: Key::Own,
            name: "届别".to_string(),
            label: format!("届别（年份，“{}”）", context(text, slot)),
            ty: FieldType::Integer,
            min: Some(1900.0),
            max: Some(2100.0),
            reach: (0, 1),
            extra: Extra::None,
        },
        SlotKind::Quantity => {
            let floor = floor_past_date(text, slots, i);
            let money = MONEY.contains(&unit);
            // 每单位限X人: the limit is on the unit's people.
            // `失业率控制在X%`, `每单位限X人`: the noun is before the verb that bounds it.
            let mut before = money_noun(text, slot.span().start, floor);
            // `编织袋不少于X条`, `成绩不低于X分`: the noun is before the bound too.
            for bound in ["不少", "不低", "不高", "不多", "不超过", "不得超过"] {
                before = before.strip_suffix(bound).unwrap_or(before);
            }
            for bound in ["控制", "保持", "稳定", "限"] {
                if !before.ends_with("期限") {
                    before = before.strip_suffix(bound).unwrap_or(before);
                }
            }
            // `毛利率提高到XX%`: the rate is what the number is, not its rise.
            if ["到", "至"]
                .iter()
                .any(|w| text[..slot.span().start].ends_with(&[before, w].concat()))
            {
                let rate = [
                    "提高", "提升", "降低", "下降", "增长", "增加", "减少", "上升",
                ]
                .into_iter()
                .find_map(|w| before.strip_suffix(w))
                .filter(|r| r.chars().count() >= 2);
                before = rate.unwrap_or(before);
            }
            // `以上合计X万元`, `讲解费、场地费共计X元`: a total, not the last thing before it.
            if money && let Some(total) = total_before(text, slot.span().start, floor) {
                before = total;
            }
            // `合计X个`: 计 stops the noun, and 合 alone names nothing.
            if before.chars().count() == 1 && total_lead(text, slot.span().start, floor) {
                before = "";
            }
            // `现将X年来`, `把X名…`: the word before 将 or 把 does the counting, it is not what
            // is counted.
            let head = text[floor.min(slot.span().start)..slot.span().start].trim_end_matches(STOP);
            let disposal = text[floor.min(slot.span().start) + head.len()..slot.span().start]
                .contains(['将', '把']);
            // `本合同一式X份，甲乙双方各执X份`: copies, not contracts or parties.
            let copies = ["一式", "各执"].into_iter().find(|w| before.ends_with(w));
            // `分X批次`, `分为X组`: the parts are what is counted, not what is split.
            // `党纪处分X人`, `积分X分`: 分 that ends a noun splits nothing.
            let noun_fen = [
                "处分", "积分", "学分", "部分", "评分", "得分", "扣分", "加分",
            ]
            .iter()
            .any(|w| text[..slot.span().start].ends_with(w));
            let split = ["分为", "分成", "分"].into_iter().find(|w| {
                is_classifier(unit)
                    && text[..slot.span().start].ends_with(w)
                    && (*w != "分" || !noun_fen)
            });
            if disposal || copies.is_some() || split.is_some() {
                before = "";
            } else if before.is_empty()
                && let Some(quoted) = quoted_before(text, slot.span().start, floor)
            {
                // `“优秀”X票、“称职”X票`: what is counted is the word quoted before it.
                before = quoted;
            } else if before.is_empty() {
                // `联络员，共X名`: what is counted closes the clause before.
                let head = text[floor.min(slot.span().start)..slot.span().start]
                    .trim_end_matches(STOP)
                    .trim_end_matches(['，', ','])
                    .len();
                before = money_noun(text, floor.min(slot.span().start) + head, floor);
                // `，合计X个`: 合 is no noun.
                if before.chars().count() < 2 {
                    before = "";
                }
            }
            // `X名60周岁以上老人`: what is counted follows the bound it is counted above.
            let after = match noun_after(text, after_unit) {
                "" => {
                    bound_len(&text[after_unit..]).map_or("", |n| noun_after(text, after_unit + n))
                }
                after => after,
            };
            // `X万人`, `X万剂次`: a count in ten thousands is written with decimals (3.2万人).
            // `平均分X分`, `人均X次`: an average is seldom whole (85.6分).
            let average = ["平均", "均分", "人均", "户均"]
                .iter()
                .any(|w| before.contains(w));
            let fractional = slot_text.contains('.')
                || FRACTIONAL.contains(&unit)
                || unit.starts_with(['万', '亿'])
                || money
                || average;
            let ty = if fractional {
                FieldType::Number
            } else {
                FieldType::Integer
            };
            let unit_chars = unit.chars().count() + usize::from(about > 0);
            if label.is_none() && !unit.is_empty() && text[..slot.span().start].ends_with('第') {
                // 第X季度, 第X届: an ordinal, named by what it numbers.
                let name = ["第几", unit].concat();
                // 第X季度: four quarters a year, two terms.
                let max = match unit {
                    "季度" => Some(4.0),
                    "学期" => Some(2.0),
                    _ => None,
                };
                return SlotDraft {
                    key: Key::Own,
                    label: name.clone(),
                    name,
                    ty: FieldType::Integer,
                    min: Some(1.0),
                    max,
                    reach: (1, unit_chars),
                    extra: Extra::None,
                };
            }
            // `辖区X万人口`: a count in ten thousands of what the noun after it says, where
            // it is done or held before it (辖区人口).
            if label.is_none()
                && matches!(unit, "万" | "亿")
                && !money
                && !disposal
                && copies.is_none()
                && split.is_none()
                && after.chars().count() >= 2
            {
                let head = if before.chars().count() >= 2 {
                    before
                } else {
                    ""
                };
                let name = [head, after].concat();
                return SlotDraft {
                    key: Key::Own,
                    label: [name.as_str(), "（", unit, "）"].concat(),
                    name,
                    ty: FieldType::Number,
                    min: Some(0.0),
                    max: None,
                    reach: (head.chars().count(), unit_chars + after.chars().count()),
                    extra: match slot_text.split_once('.') {
                        Some((_, places)) => Extra::Decimals(places.chars().count().min(12) as u8),
                        None => Extra::None,
                    },
                };
            }
            let (noun, a, b) = match label {
                Some((l, a)) => (l, a, unit_chars),
                // The anchor holds 一式 or 各执.
                None if disposal || copies.is_some() => ("", copies.map_or(0, |_| 2), unit_chars),
                None if let Some(w) = split
                    && (after.is_empty() || !is_classifier(unit)) =>
                {
                    ("", w.chars().count(), unit_chars)
                }
                // 上午X时: the hour, whatever part of the day it is in.
                None if unit == "时" && DAY_PARTS.contains(&before) => {
                    ("", before.chars().count(), unit_chars)
                }
                // `有着X年党龄`, `具有X年以上`: one character before a length of time
                // names nothing; the noun after it does, or the unit alone.
                None if matches!(unit, "年" | "小时" | "个月") && before.chars().count() < 2 => {
                    if unit == "年" && after.chars().count() >= 2 {
                        (after, 0, unit_chars + after.chars().count())
                    } else {
                        ("", 0, unit_chars)
                    }
                }
                // `X时XX分`: an hour and its minutes, whatever precedes them.
                None if unit == "时" && text[after_unit..].starts_with(crate::scan::is_mark) => {
                    ("", 0, unit_chars)
                }
                None if unit == "分" && text[..slot.span().start].ends_with('时') => {
                    ("", 1, unit_chars)
                }
                // `确保完成X亿元投资目标`: an amount set as a target, named by it.
                None if money && after.chars().count() >= 3 && after.ends_with("目标") => {
                    (after, 0, unit_chars + after.chars().count())
                }
                None => {
                    // `借款期限X个月`: months count what is before them.
                    let months_of = unit == "个月" && before.chars().count() >= 2;
                    let use_after =
                        !money && !after.is_empty() && is_classifier(unit) && !months_of;
                    if use_after || before.is_empty() {
                        (after, 0, unit_chars + after.chars().count())
                    } else {
                        (before, before.chars().count(), unit_chars)
                    }
                }
            };
            // `停电范围为X栋至X栋`: the ends of a range of numbered buildings, not counts.
            if label.is_none()
                && let Some(end) = numbered_range_end(text, slots, i)
            {
                let number = match unit {
                    "号楼" => "楼号",
                    "层" => "楼层",
                    "单元" => "单元号",
                    _ => "栋号",
                };
                let name = [end, number].concat();
                return SlotDraft {
                    key: Key::Own,
                    label: format!("{name}（“{}”）", context(text, slot)),
                    name,
                    ty: FieldType::Integer,
                    min: Some(0.0),
                    max: None,
                    reach: (0, unit_chars),
                    extra: Extra::None,
                };
            }
            let respective = respective(text, slots, i);
            // `违约金每日XX元`: an amount for each day (or month, person), named by what it is
            // an amount of, the noun before 每 (每日违约金), not by the day.
            let per = per_word(text, slot.span().start, floor).filter(|_| label.is_none());
            // `每箱XX瓶`, `每组X人`: a count in each of what is named after 每.
            if let Some(per) = per
                && !money
                && is_classifier(unit)
                && per.chars().count() == 2
            {
                let name = [per, unit, "数"].concat();
                return SlotDraft {
                    key: Key::Own,
                    label: [name.as_str(), "（", unit, "）"].concat(),
                    name,
                    ty: FieldType::Integer,
                    min: Some(0.0),
                    max: None,
                    reach: (2, unit_chars),
                    extra: Extra::None,
                };
            }
            if let Some(per) = per.filter(|_| money) {
                let mut at = slot.span().start - per.len();
                // `按每人每天X元标准`, `每生每年X元`: an amount for each person for each day.
                let per = match per_word(text, at, floor) {
                    Some(each) => {
                        at -= each.len();
                        &text[at..slot.span().start]
                    }
                    None => per,
                };
                let owner = money_after(text, after_unit)
                    .unwrap_or_else(|| money_noun(text, at, floor.min(at)));
                // `每天X元标准`: the amount is the standard, whoever it is for.
                let standard = text[slot.span().end..]
                    .strip_prefix(unit)
                    .is_some_and(|r| r.starts_with("标准"));
                let owner = if standard {
                    "标准"
                } else if owner.chars().count() >= 2 {
                    owner
                } else {
                    "金额"
                };
                let name = [per, owner].concat();
                let a = per.chars().count()
                    + if owner == "金额" || standard {
                        0
                    } else {
                        owner.chars().count()
                    };
                return SlotDraft {
                    key: Key::Own,
                    label: [name.as_str(), "（", unit, "）"].concat(),
                    name,
                    ty,
                    min: Some(0.0),
                    max: None,
                    reach: (a, unit_chars + if standard { 2 } else { 0 }),
                    extra: match slot_text.split_once('.') {
                        Some((_, places)) => Extra::Decimals(places.chars().count().min(12) as u8),
                        None => Extra::None,
                    },
                };
            }
            // `以XX分的成绩`: a score, of what the words after it say (成绩, 总成绩).
            if unit == "分" && label.is_none() && !text[..slot.span().start].ends_with('时') {
                let of = text[after_unit..].strip_prefix('的').and_then(|rest| {
                    ["总成绩", "成绩", "总分", "分数", "得分"]
                        .into_iter()
                        .find(|w| rest.starts_with(w))
                });
                if of.is_some() || text[..slot.span().start].ends_with('以') {
                    let of = of.unwrap_or("");
                    let name = if of.ends_with("分数") {
                        of.to_string()
                    } else {
                        [of, "分数"].concat()
                    };
                    let b = unit_chars + of.chars().count() + usize::from(!of.is_empty());
                    return SlotDraft {
                        key: Key::Own,
                        label: [name.as_str(), "（分）"].concat(),
                        name,
                        ty: FieldType::Number,
                        min: Some(0.0),
                        max: None,
                        reach: (0, b),
                        extra: Extra::None,
                    };
                }
            }
            // `值班地点：XX楼XXX室`: the building of the place the label names, a name or a
            // number.
            if let Some((l, a)) = label
                && unit == "楼"
                && text[after_unit..].starts_with(crate::scan::is_mark)
            {
                let name = [l, "楼号"].concat();
                return own_text(text, slot, name, (a, unit_chars));
            }
            let paid_as = money_after(text, after_unit).filter(|_| money && label.is_none());
            let name = if copies == Some("各执") {
                "各执份数".to_string()
            } else if let Some(what) = paid_as {
                // `处以X万元罚款`, `X元违约金`: the amount is of the penalty after it.
                if what.ends_with('款') {
                    [what, "金额"].concat()
                } else {
                    what.to_string()
                }
            } else if let Some(name) = respective.clone() {
                name
            } else if let Some(name) = floor_count(text, slot, unit) {
                name
            } else if split.is_some() && noun.is_empty() {
                [unit, "数"].concat()
            } else if unit == "岁" {
                "年龄".to_string() // （男，XX岁）: not the 男's
            } else if unit == "周" && label.is_none() {
                // `建议休息X周，X周后复查`: weeks of what is before them, or of what is done
                // after them (休息周数, 复查周数).
                let of = noun.strip_prefix("建议").unwrap_or(noun);
                let then: String = text[after_unit..]
                    .strip_prefix('后')
                    .unwrap_or("")
                    .chars()
                    .take(2)
                    .collect();
                if of.chars().count() >= 2 && !noun.ends_with(['周', '数']) && noun != after {
                    [of, "周数"].concat()
                } else if then.chars().count() == 2
                    && then.chars().all(is_ideograph)
                    && !then.contains(STOP)
                {
                    [then.as_str(), "周数"].concat()
                } else {
                    "周数".to_string()
                }
            } else if money
                && label.is_none()
                && let Some(whole) = bracketed_label(text, noun)
            {
                // `因公出国（境）费X万元`: the noun is the whole word, the bracket read in.
                whole
            } else if let Some(stem) = noun
                .is_empty()
                .then(|| count_beside(text, slots, i, near))
                .flatten()
            {
                // `帮扶对象X户X人`, `培训X期X人次`: the people of what the count before
                // counts (帮扶对象人数, 培训人次).
                match unit {
                    "人" | "名" => [stem.as_str(), "人数"].concat(),
                    "人次" => [stem.as_str(), "人次"].concat(),
                    _ => [stem.as_str(), unit, "数"].concat(),
                }
            } else if noun.is_empty() || money && label.is_none() && noun.chars().count() == 1 {
                // `交来XX款人民币X元`: 款 alone says no more than 金额.
                match unit {
                    "份" => "份数",
                    "楼" => "楼号",
                    "层" => "楼层",
                    "室" => "房间号",
                    "号" => "号码",
                    "年" => "年数",
                    "小时" => "小时数",
                    "个月" => "月数",
                    "字" => "字数",
                    // `X月X日X时XX分`: the hour and minute of a time.
                    "时" => "时",
                    "分" if text[..slot.span().start].ends_with('时') => "分",
                    "人次" => "人次",
                    // `业务骨干X名，共计约X人`: the whole of what was counted before.
                    "人" | "名" if total_lead(text, slot.span().start, floor) => "总人数",
                    // `出差人员：×××、×××　X人`: how many people, not a 数量.
                    "人" => "人数",
                    _ if money => "金额",
                    _ if is_classifier(unit) && total_lead(text, slot.span().start, floor) => {
                        "总数"
                    }
                    _ => "数量",
                }
                .to_string()
            } else if let Some((l, _)) = label
                && money
                && let Some(whole) = bracketed_label(text, l)
            {
                // `应退（补）款：XXX元`: the label is the whole word, the bracket read in.
                [whole.as_str(), "金额"].concat()
            } else if label.is_some() {
                noun.to_string()
            } else if money
                && !noun.ends_with(['金', '款', '费', '资', '额', '入', '值', '本', '价', '税'])
                && !MONEY_NOUN_ENDS
                    .iter()
                    .any(|w| noun.len() > w.len() && noun.ends_with(w))
            {
                [noun, "金额"].concat()
            } else if matches!(unit, "楼" | "层") && !noun.ends_with(['楼', '层']) {
                // XX酒店X楼: which floor of the hotel.
                [noun, "楼层"].concat()
            } else if unit == "票" && !noun.ends_with("票数") {
                [noun, "票数"].concat()
            } else if unit == "字" && !noun.ends_with("字数") {
                // `心得体会不少于XXXX字`: a length in characters.
                [noun, "字数"].concat()
            } else if matches!(unit, "天" | "日历天") && !noun.ends_with("天数") {
                [noun, "天数"].concat()
            } else if unit == "人" && !noun.ends_with(['人', '数']) {
                [noun, "人数"].concat()
            } else if unit == "年" && noun.ends_with("连续") {
                // `XX股工作连续X年`: the years in a row, whatever went on for them.
                "连续年数".to_string()
            } else if unit == "年" && label.is_none() && noun.ends_with('已') {
                // `参加工作至今已有X年`, `我与该生相识已有X年`: how long what is done before 已
                // has lasted, named by that verb (工作年数, 相识年数).
                let end = text[..slot.span().start]
                    .trim_end_matches('有')
                    .trim_end_matches('已')
                    .len();
                let head = &text[floor.min(end)..end];
                let head = head.strip_suffix("至今").unwrap_or(head);
                let verb: String = head
                    .chars()
                    .rev()
                    .take(2)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                if verb.chars().count() == 2
                    && verb.chars().all(is_ideograph)
                    && !verb.contains(STOP)
                {
                    [verb.as_str(), "年数"].concat()
                } else {
                    "年数".to_string()
                }
            } else if unit == "年" && !noun.ends_with(['年', '数', '龄', '限']) {
                // 连续X年, 已使用X年: a number of years.
                [noun, "年数"].concat()
            } else if unit == "学分" && !noun.ends_with("学分") {
                // `已修满XXX学分`: credits, named as such (修满学分).
                [noun, "学分"].concat()
            } else if unit == "小时" && !noun.ends_with(['时', '长', '数']) {
                [noun, "小时数"].concat()
            } else if unit == "个月" && !noun.ends_with("月数") {
                [noun, "月数"].concat()
            } else if is_classifier(unit) && !noun.ends_with('数') {
                [noun, "数"].concat()
            } else {
                noun.to_string()
            };
            // `（大写：XXXX元整）`, `大写XXXX元`: the amount written out in financial numerals.
            let lead = text[floor.min(slot.span().start)..slot.span().start]
                .trim_end_matches(['：', ':', '）', ')', ' ', '\u{3000}'])
                .strip_suffix("大写");
            let financial = lead.is_some();
            let ty = if financial { FieldType::Integer } else { ty };
            // `月收入X元（大写：XXXX元整）`: named by the amount it writes out again.
            // `月收入X元（大写：XXXX元整）`, `总价款（大写）XXXX元`: named by the amount it
            // writes out, as the amount before it is, or by the words before 大写.
            let name = if let Some(lead) = lead {
                let lead = lead.trim_end_matches(['（', '(', ' ', '\u{3000}']);
                let amount = i
                    .checked_sub(1)
                    .filter(|&p| {
                        slots[p].unit().is_some_and(|u| MONEY.contains(&u))
                            && !text[slots[p].span().end..slot.span().start].contains('\n')
                    })
                    .map(|p| {
                        let (at, floor) = (slots[p].span().start, self::floor(slots, p));
                        total_before(text, at, floor).unwrap_or_else(|| money_noun(text, at, floor))
                    })
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| {
                        noun_before(text, floor.min(slot.span().start) + lead.len(), floor)
                    });
                let amount = amount.strip_suffix("人民币").unwrap_or(amount);
                let amount = if amount.is_empty() { "金额" } else { amount };
                [amount, "大写"].concat()
            } else {
                name
            };
            // `营业收入X万元，同比增长X%`: a change is the change of the amount the sentence
            // gave before it (营业收入同比增长), not a field of its own name.
            // `预付货款的XX%`, `占营业收入的XX%`: a share of what is before 的.
            let name = if matches!(unit, "%" | "％")
                && label.is_none()
                && respective.is_none()
                && text[..slot.span().start].ends_with(&[noun, "的"].concat())
                && noun.chars().count() >= 2
                && !noun.ends_with(['率', '比', '例'])
            {
                [noun, "比例"].concat()
            } else {
                name
            };
            // `预付货款的XX%，即XXXXX元`: the amount the share before it comes to.
            let named = name.clone();
            let name = match i.checked_sub(1) {
                Some(p)
                    if near
                        && money
                        && label.is_none()
                        && text[..slot.span().start]
                            .trim_end_matches("人民币")
                            .ends_with(['即', '计'])
                        && matches!(slots[p].unit(), Some("%" | "％"))
                        && !text[slots[p].span().end..slot.span().start]
                            .contains(['。', '；', '\n']) =>
                {
                    let of = draft_one(text, slots, p, false).name;
                    let of = of.trim_end_matches("比例");
                    if of.chars().count() >= 2 {
                        [of, "金额"].concat()
                    } else {
                        name
                    }
                }
                _ => name,
            };
            let compared = if near && label.is_none() && respective.is_none() && !financial {
                compared_to(text, slots, i, noun)
            } else {
                None
            };
            let name = match &compared {
                Some(of) => [of.as_str(), noun].concat(),
                None => name,
            };
            let comes_to = name != named && name.ends_with("金额");
            // `占X%`, `大专以上学历仅占X%`: the share, named as one (占比).
            let share = unit == "%" && !financial && name.ends_with('占');
            let name = if share {
                let stem = name
                    .trim_end_matches('占')
                    .trim_end_matches(['仅', '约', '只', '共']);
                [stem, "占比"].concat()
            } else {
                name
            };
            let noun =
                if financial || respective.is_some() || compared.is_some() || comes_to || share {
                    ""
                } else {
                    noun
                };
            let shown = if noun.is_empty() || unit == "岁" {
                name.as_str()
            } else {
                noun
            };
            let label = if unit.is_empty() || shown == unit {
                shown.to_string()
            } else {
                [shown, "（", unit, "）"].concat()
            };
            // An hour and a minute of a time of day.
            let max = match name.as_str() {
                "时" if ty == FieldType::Integer => Some(23.0),
                "分" if ty == FieldType::Integer => Some(59.0),
                _ => None,
            };
            SlotDraft {
                key: Key::Own,
                name,
                ty,
                max,
                label,
                min: Some(0.0),
                reach: (a, b),
                extra: if financial {
                    Extra::Format(crate::numeral::FINANCIAL)
                } else if ty == FieldType::Number
                    && let Some((_, places)) = slot_text.split_once('.')
                {
                    Extra::Decimals(places.chars().count().min(12) as u8)
                } else {
                    Extra::None
                },
            }
        }
        SlotKind::Name => draft_name(text, slots, i, label, floor),
        _ if let Some(d) = event_name(text, slot) => d,
        _ => {
            let (name, a, b) = match (label, list_label(text, slot)) {
                (Some((l, a)), _) => (l.to_string(), a, 0),
                (None, Some(l)) => (l.to_string(), 1, 0),
                (None, None) if let Some(h) = item_heading(text, slot) => (h.to_string(), 0, 0),
                (None, None) => {
                    let before = noun_before(text, slot.span().start, floor);
                    let after = noun_after(text, slot.span().end);
                    // `本人因XX，需请假`: the reason.
                    let cause = ["因为", "由于", "因"]
                        .into_iter()
                        .find(|w| text[..slot.span().start].ends_with(w));
                    if let Some(w) = cause {
                        ("原因".to_string(), w.chars().count(), 0)
                    } else if text[..slot.span().start].ends_with("用于") {
                        ("用途".to_string(), 2, 0) // 用于XXXX
                    } else if text[..slot.span().start].ends_with('叫') {
                        ("姓名".to_string(), 1, 0) // 我叫XXX
                    } else if let Some(named) = quoted_name_of(text, slot) {
                        // `开展“XX”主题实践活动`: the name of the activity in quotes.
                        let n = named.chars().count();
                        ([named, "名称"].concat(), 1, n + 1)
                    } else if before.chars().count() >= 2 {
                        (before.to_string(), before.chars().count(), 0)
                    } else if after.chars().count() >= 2 {
                        (after.to_string(), 0, after.chars().count())
                    } else {
                        ("内容".to_string(), 0, 0)
                    }
                }
            };
            let key = match label {
                Some((l, _)) if is_role(l) => Key::Role(l),
                _ => Key::Own,
            };
            // `计划人数：XX`, a `招生人数` column: a count of people, a whole number.
            let count = label.is_some_and(|(l, _)| l.ends_with("人数"))
                && slot_text.chars().all(crate::scan::is_mark);
            // A `数量` column of a list of goods (`领用数量`, `实发数量`): an amount, which
            // may be a fraction of its unit (2.5 公斤), never a word.
            let amount = label.is_some_and(|(l, _)| l.ends_with("数量"))
                && slot_text.chars().all(crate::scan::is_mark);
            SlotDraft {
                key,
                label: name.clone(),
                name,
                ty: if count {
                    FieldType::Integer
                } else if amount {
                    FieldType::Number
                } else {
                    FieldType::Text
                },
                min: (count || amount).then_some(0.0),
                max: None,
                reach: (a, b),
                extra: Extra::None,
            }
        }
    }
}

/// The `每` and what it is each of, just before `at` (`每日`, `每户`, `每箱`, `每平方米`):
/// one ideograph that ends no clause, or a unit of measure.
fn per_word(text: &str, at: usize, floor: usize) -> Option<&str> {
    let before = &text[floor.min(at)..at];
    let each = ["平方米", "立方米", "公里", "公斤", "千克"]
        .into_iter()
        .find(|w| before.strip_suffix(w).is_some_and(|r| r.ends_with('每')))
        .map(str::len)
        .or_else(|| {
            let mut rev = before.chars().rev();
            let c = rev.next()?;
            (is_ideograph(c) && !STOP.contains(&c) && rev.next() == Some('每'))
                .then_some(c.len_utf8())
        })?;
    Some(&before[before.len() - each - '每'.len_utf8()..])
}

/// Words that say how a rate is written (`万分之X`): the X is the rate, a number.
const RATE_WORDS: &[&str] = &["万分之", "千分之", "百分之"];

/// What a penalty rate is charged as (`…按未付款的X‰支付违约金`).
const PENALTY_WORDS: &[&str] = &["违约金", "滞纳金", "罚息", "利息"];

/// A rate charged by the day (`按每日万分之X的标准收取违约金`, `每逾期一日按未付款的X‰`),
/// or any rate written `万分之X`: a number, named by what it is charged as and how often.
fn rate_of<'t>(text: &'t str, slot: &Slot, unit: &str) -> Option<SlotDraft<'t>> {
    let before = &text[..slot.span().start];
    let written = RATE_WORDS.iter().find(|w| before.ends_with(*w));
    if written.is_none() && !matches!(unit, "‰" | "‱") {
        return None;
    }
    if !slot.text(text).chars().all(crate::scan::is_mark) {
        return None;
    }
    let start = before
        .char_indices()
        .rev()
        .take(24)
        .take_while(|&(_, c)| !"，,。；;：:\n".contains(c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let lead = &before[start..];
    let rest = &text[slot.span().end + unit.len()..];
    let end = rest
        .find(['，', ',', '。', '；', ';', '\n'])
        .unwrap_or(rest.len())
        .min(60);
    let rest = rest.get(..end).unwrap_or("");
    let overdue = [
        "每逾期一日",
        "每逾期一天",
        "逾期每日",
        "逾期每天",
        "每延迟一日",
        "每迟延一日",
    ]
    .iter()
    .any(|w| lead.contains(w));
    let daily = overdue || ["每日", "每天"].iter().any(|w| lead.contains(w));
    let owner = PENALTY_WORDS
        .iter()
        .find(|w| rest.contains(*w) || lead.contains(*w))
        .copied();
    let name = match (overdue, owner) {
        (true, _) => "逾期日费率".to_string(),
        (false, Some(o)) if daily => [o, "日费率"].concat(),
        (false, Some(o)) => [o, "费率"].concat(),
        (false, None) if daily => "日费率".to_string(),
        // `出生率为X‰`: a rate of its own, not charged; the ordinary reading names it.
        (false, None) if written.is_none() => return None,
        // `合格率达到百分之X`: named by the noun before it, or as a rate.
        (false, None) => {
            let at = slot.span().start - written.map_or(0, |w| w.len());
            let noun = noun_before(text, at, start);
            let noun = ["达到", "不低于", "不高于", "为", "按", "的"]
                .into_iter()
                .find_map(|w| noun.strip_suffix(w))
                .unwrap_or(noun);
            if noun.chars().count() >= 2 {
                noun.to_string()
            } else {
                "比率".to_string()
            }
        }
    };
    let how = match (written, unit) {
        (Some(w), _) => [w, "几"].concat(),
        (None, u) => u.to_string(),
    };
    Some(SlotDraft {
        key: Key::Own,
        label: format!("{name}（{how}）"),
        name,
        ty: FieldType::Number,
        min: Some(0.0),
        max: None,
        reach: (
            written.map_or(0, |w| w.chars().count()),
            unit.chars().count(),
        ),
        extra: Extra::None,
    })
}

/// Words of a change counted in percentage points (`下降X个百分点`).
const POINT_CHANGES: &[&str] = &[
    "下降", "上升", "提高", "降低", "增长", "增加", "减少", "回落", "提升",
];

/// A change counted in percentage points (`毛利率较上年同期下降X个百分点`): a number named by
/// the rate that changed and how (毛利率下降百分点), without the time it is compared with.
fn points_of<'t>(text: &'t str, slot: &Slot, unit: &str, floor: usize) -> Option<SlotDraft<'t>> {
    if !unit.ends_with("百分点") {
        return None;
    }
    let before = &text[floor.min(slot.span().start)..slot.span().start];
    let change = POINT_CHANGES.iter().find(|w| before.ends_with(*w))?;
    let mut at = before.len() - change.len();
    // `较上年同期`, `同比`: what it is compared with is no part of the name.
    for _ in 0..2 {
        let head = &before[..at];
        let cut = ["同期", "同比", "环比"]
            .into_iter()
            .find_map(|w| head.strip_suffix(w))
            .unwrap_or(head);
        let cut = [
            "较上年",
            "比上年",
            "较去年",
            "比去年",
            "较上月",
            "比上月",
            "较上季度",
            "比上季度",
        ]
        .into_iter()
        .find_map(|w| cut.strip_suffix(w))
        .unwrap_or(cut);
        at = cut.len();
    }
    let base = floor.min(slot.span().start);
    let noun = noun_before(text, base + at, base);
    let noun = if noun.chars().count() >= 2 { noun } else { "" };
    let name = [noun, change, "百分点"].concat();
    Some(SlotDraft {
        key: Key::Own,
        label: format!("{name}（{unit}）"),
        name,
        ty: FieldType::Number,
        min: Some(0.0),
        max: None,
        reach: (change.chars().count(), unit.chars().count()),
        extra: Extra::None,
    })
}

/// The numbers that open the items of a list (`1．`, `2.`, `（1）`, `3、`): the rest of the
/// line when `line` starts with one.
fn after_item_number(line: &str) -> Option<&str> {
    let line = line.trim_start_matches([' ', '\t', '\u{3000}']);
    let (open, line) = match line.strip_prefix(['（', '(']) {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let digits = line.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() == line.len() {
        return None;
    }
    if open {
        digits.strip_prefix(['）', ')'])
    } else {
        digits.strip_prefix(['．', '.', '、', '）', ')'])
    }
}

/// `临床诊断：` on a line of its own, then `1．XXXXXXX`, `2．XXXXXXX`: an item of a list that is
/// all a slot is named by the heading over the list (临床诊断, 临床诊断_2).
fn item_heading<'t>(text: &'t str, slot: &Slot) -> Option<&'t str> {
    // A short line of its own: where it starts and ends are within line_near's reach.
    let start = line_start_near(text, slot)?;
    let end = line_near(text, slot).1;
    if end < text.len() && !matches!(text.as_bytes()[end], b'\n' | b'\r') {
        return None;
    }
    let rest =
        text[slot.span().end..end].trim_end_matches([' ', '\t', '\u{3000}', '\r', '。', '；', ';']);
    if !rest.is_empty() || !after_item_number(&text[start..slot.span().start])?.is_empty() {
        return None;
    }
    let mut at = start;
    for _ in 0..12 {
        let above = text[..at.checked_sub(1)?].trim_end_matches('\r');
        let line_start = above.rfind('\n').map_or(0, |i| i + 1);
        let line = above[line_start..].trim_matches([' ', '\t', '\u{3000}']);
        if let Some(head) = line.strip_suffix(['：', ':']) {
            let head = after_item_number(head).unwrap_or(head);
            return ((2..=8).contains(&head.chars().count()) && head.chars().all(is_ideograph))
                .then_some(head);
        }
        after_item_number(line)?;
        at = line_start;
    }
    None
}

/// A later part of a code joined by dashes after its label (`合同编号：XX-20XX-XXX`,
/// `规格型号：XX-XXX`): named by the label, the year as its year (合同编号年份), the others
/// as further parts of it (合同编号_2), never as 年份 or 内容 of their own.
fn code_part<'t>(text: &'t str, slot: &Slot) -> Option<SlotDraft<'t>> {
    let floor = line_near(text, slot).0;
    let before = text[floor..slot.span().start].strip_suffix('-')?;
    let colon = before.rfind(['：', ':'])?;
    let value = floor + colon + before[colon..].chars().next()?.len_utf8();
    let code = &text[value..floor + before.len()];
    if code.is_empty()
        || !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || crate::scan::is_mark(c))
    {
        return None;
    }
    let (label, _) = line_label(text, value, floor)?;
    let year = is_year(slot.text(text));
    let name = if year {
        [label, "年份"].concat()
    } else {
        label.to_string()
    };
    Some(SlotDraft {
        key: Key::Own,
        label: format!("{name}（“{}”）", context(text, slot)),
        name,
        ty: if year {
            FieldType::Integer
        } else {
            FieldType::Text
        },
        min: year.then_some(1900.0),
        max: year.then_some(2100.0),
        reach: (1, 0),
        extra: Extra::None,
    })
}

/// A one-character label after a word with another in brackets (`应退（补）款：`), read
/// whole without the brackets (应退补款): the label alone (款) names nothing.
fn bracketed_label(text: &str, label: &str) -> Option<String> {
    if label.chars().count() != 1 {
        return None;
    }
    let at = (label.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let inner = text.get(..at)?.strip_suffix('）')?;
    let open = inner.rfind('（')?;
    let alt = &inner[open + '（'.len_utf8()..];
    let head = &inner[..open];
    let word: String = head
        .chars()
        .rev()
        .take_while(|&c| is_ideograph(c))
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    ((1..=2).contains(&alt.chars().count()) && alt.chars().all(is_ideograph) && !word.is_empty())
        .then(|| [word.as_str(), alt, label].concat())
}

/// Words that say a number is a change from an earlier one (`同比增长X%`).
const COMPARED: &[&str] = &["同比", "环比", "比上年", "较上年", "比去年", "较去年"];

/// What a change (`noun`, as 同比增长) is the change of: the amount the same sentence gave
/// last before it, past other changes of it (`营业收入X万元，同比增长X%，环比增长X%`).
fn compared_to(text: &str, slots: &[Slot], i: usize, noun: &str) -> Option<String> {
    if !COMPARED.iter().any(|w| noun.starts_with(w)) {
        return None;
    }
    let mut p = i;
    for _ in 0..4 {
        let prev = p.checked_sub(1)?;
        if text[slots[prev].span().end..slots[p].span().start].contains(['。', '；', ';', '\n']) {
            return None;
        }
        p = prev;
        let before = noun_before(text, slots[p].span().start, floor(slots, p));
        if slots[p].kind() != SlotKind::Quantity {
            return None;
        }
        if COMPARED.iter().any(|w| before.starts_with(w)) || share_of_target(text, &slots[p]) {
            continue;
        }
        let of = draft_one(text, slots, p, false).name;
        let of = of.strip_suffix("金额").unwrap_or(&of);
        return (of.chars().count() >= 2 && !COMPARED.iter().any(|w| of.contains(w)))
            .then(|| of.to_string());
    }
    None
}

/// `事故起数、死亡人数同比分别下降X%和X%`: counts or amounts given in turn for the things
/// listed before 分别, each named by its own thing and what is said of it
/// (`事故起数同比下降`, `死亡人数同比下降`), never one name for both.
fn respective(text: &str, slots: &[Slot], i: usize) -> Option<String> {
    let joined = |p: usize| {
        let (a, b) = (&slots[p], &slots[p + 1]);
        let after = text[a.span().end..].strip_prefix(a.unit().unwrap_or(""));
        a.kind() == SlotKind::Quantity
            && b.kind() == SlotKind::Quantity
            && a.unit() == b.unit()
            && after.is_some_and(|rest| {
                rest.len() >= b.span().start - (text.len() - rest.len())
                    && matches!(
                        &rest[..b.span().start - (text.len() - rest.len())],
                        "和" | "、" | "及" | "与" | "，" | ","
                    )
            })
    };
    let mut first = i;
    while first > 0 && joined(first - 1) {
        first -= 1;
    }
    let mut last = i;
    while last + 1 < slots.len() && joined(last) {
        last += 1;
    }
    if first == last {
        return None;
    }
    let (line_start, _) = line_near(text, &slots[first]);
    let pre = &text[line_start..slots[first].span().start];
    let pre = pre
        .rfind(['。', '；', '！', '？', '，', ',', ';'])
        .map_or(pre, |at| {
            &pre[at + pre[at..].chars().next().map_or(1, char::len_utf8)..]
        });
    let (subjects, predicate) = pre.rsplit_once("分别")?;
    if predicate.chars().count() > 4 || !predicate.chars().all(is_ideograph) {
        return None;
    }
    let items: Vec<&str> = subjects.split(['、', '和', '及', '与']).collect();
    if items.len() != last - first + 1 || items.iter().any(|s| s.is_empty()) {
        return None;
    }
    // `事故起数、死亡人数同比`: the comparison closing the list is said of each.
    let compared = ["同比", "环比"]
        .into_iter()
        .find(|w| items[items.len() - 1].ends_with(w))
        .unwrap_or("");
    let item = items[i - first];
    let item = item.strip_suffix(compared).unwrap_or(item);
    // The item is whole between its marks (`事故起数`, where 起 would end a noun read
    // backwards), less the words that lead into it (全年).
    let noun = LEAD_WORDS
        .iter()
        .find_map(|w| item.strip_prefix(w))
        .unwrap_or(item);
    if noun.chars().count() < 2 || !noun.chars().all(is_ideograph) {
        return None;
    }
    let predicate = match predicate {
        "为" | "是" | "达" | "达到" => "",
        p => p,
    };
    Some([noun, compared, predicate].concat())
}

/// `X应急〔20XX〕X号`: the parts of a document's number (发文字号) around its year in 〔〕,
/// the issuer's abbreviation before it (`发文机关代字`, text) and the serial number after
/// it (`发文序号`, an integer from 1).
fn document_number_part<'t>(text: &'t str, slot: &Slot) -> Option<SlotDraft<'t>> {
    let slot_text = slot.text(text);
    if !slot_text.chars().all(crate::scan::is_mark) {
        return None;
    }
    let (before, after) = (&text[..slot.span().start], &text[slot.span().end..]);
    let draft = |name: &str, ty, min, reach| SlotDraft {
        key: Key::Own,
        name: name.to_string(),
        label: format!("{name}（“{}”）", context(text, slot)),
        ty,
        min,
        max: None,
        reach,
        extra: Extra::None,
    };
    if before.ends_with(['〕', '］']) && after.starts_with('号') {
        return Some(draft("发文序号", FieldType::Integer, Some(1.0), (1, 1)));
    }
    // The abbreviation: a few ideographs, then the year in 〔〕 and 号.
    let word: usize = after
        .chars()
        .take_while(|&c| is_ideograph(c))
        .take(6)
        .map(char::len_utf8)
        .sum();
    let year = after[word..].strip_prefix(['〔', '［'])?;
    let close = year.find(['〕', '］']).filter(|&n| (4..=12).contains(&n))?;
    let serial = &year[close + '〕'.len_utf8()..];
    let digits = serial
        .find(|c: char| !(c.is_ascii_digit() || crate::scan::is_mark(c)))
        .unwrap_or(serial.len());
    (word > 0 && digits > 0 && serial[digits..].starts_with('号')).then(|| {
        let n = after[..word].chars().count();
        draft("发文机关代字", FieldType::Text, None, (0, n + 1))
    })
}

/// `“X·XX”较大火灾事故`: an event named by its month and day (`7·20`), its own field (two
/// incidents of a report are two events), named by what it is: `事故名称`.
fn event_name<'t>(text: &'t str, slot: &Slot) -> Option<SlotDraft<'t>> {
    const EVENTS: &[&str] = &[
        "事故", "事件", "案件", "专案", "惨案", "灾害", "灾情", "险情", "疫情", "暴雨", "洪水",
        "洪灾", "地震", "火灾", "爆炸", "讲话",
    ];
    let slot_text = slot.text(text);
    if !slot_text.contains('·') {
        return None;
    }
    let phrase = after_quote(text, slot)?;
    // The head noun comes last: `较大火灾事故` is an accident.
    let event = EVENTS
        .iter()
        .filter_map(|w| phrase.find(w).map(|at| (at + w.len(), *w)))
        .max();
    let (reach, name) = match event {
        Some((end, w)) => (1 + phrase[..end].chars().count(), [w, "名称"].concat()),
        None => (1, "名称".to_string()),
    };
    let shown = event.map_or("", |(end, _)| &phrase[..end]);
    Some(SlotDraft {
        key: Key::Own,
        label: format!("{name}（“{slot_text}”{shown}，月·日，如 7·20）"),
        name,
        ty: FieldType::Text,
        min: None,
        max: None,
        reach: (1, reach),
        extra: Extra::None,
    })
}

/// For a slot that is the whole of a quoted text (`“XX”`), the words right after the
/// closing quote: ten ideographs at most.
fn after_quote<'t>(text: &'t str, slot: &Slot) -> Option<&'t str> {
    if !text[..slot.span().start].ends_with('“') {
        return None;
    }
    let after = text[slot.span().end..].strip_prefix('”')?;
    let n: usize = after
        .chars()
        .take_while(|&c| is_ideograph(c))
        .take(10)
        .map(char::len_utf8)
        .sum();
    Some(&after[..n])
}

/// `开展“XX”主题实践活动`, `“XX”品牌`: the slot is the whole of a quoted name, and the
/// noun after the quote is what it names, up to a word for an activity or a brand.
fn quoted_name_of<'t>(text: &'t str, slot: &Slot) -> Option<&'t str> {
    const HEADS: &[&str] = &[
        "活动",
        "行动",
        "工程",
        "品牌",
        "项目",
        "计划",
        "竞赛",
        "比赛",
        "评选",
        "工作法",
        "讲堂",
    ];
    let phrase = after_quote(text, slot)?;
    HEADS
        .iter()
        .filter_map(|w| phrase.find(w).map(|at| at + w.len()))
        .min()
        .map(|end| &phrase[..end])
}

/// The part of an address a slot numbers — its word after it and the field's name — when
/// the slot follows another part of the address: `XX路XX号` → (号, 门牌号), `X栋`, `X单元`,
/// `XXX室`. `X号文件` or `空调X台` is no address.
fn address_part(text: &str, slot: &Slot) -> Option<(&'static str, &'static str)> {
    const PARTS: &[(&str, &str)] = &[
        ("号楼", "楼号"),
        ("号", "门牌号"),
        ("栋", "栋号"),
        ("幢", "栋号"),
        ("单元", "单元号"),
        ("室", "房间号"),
        ("层", "楼层"),
    ];
    const BEFORE: &[&str] = &[
        "路", "街", "道", "巷", "弄", "号", "号楼", "栋", "幢", "单元", "小区", "大厦", "花园",
        "村",
    ];
    let after = &text[slot.span().end..];
    let before = &text[..slot.span().start];
    let &(part, name) = PARTS.iter().find(|(p, _)| after.starts_with(p))?;
    // `XX楼XXX室`: a room of a building (not `X楼X号会议室`, a room by its number).
    let room_of_building = part == "室" && before.ends_with('楼');
    // `尊敬的X栋X单元XXX室业主`: a building numbered before its unit or room is an address
    // whatever comes before it, not a count of buildings.
    let numbered_on = ["栋", "幢", "号楼"].contains(&part) && {
        let rest = after[part.len()..].trim_start_matches(crate::scan::is_mark);
        rest.len() < after.len() - part.len()
            && ["单元", "室", "层"].iter().any(|p| rest.starts_with(p))
    };
    (room_of_building || numbered_on || BEFORE.iter().any(|b| before.ends_with(b)))
        .then_some((part, name))
}

/// `X室X厅X卫`, `X房X厅`: the number of rooms of each kind of a flat's layout — a count
/// named by its room (卧室数, 厅数), not a room number or the name of a 科室.
fn room_layout(text: &str, slot: &Slot) -> Option<&'static str> {
    const ROOMS: &[(char, &str)] = &[
        ('室', "卧室数"),
        ('房', "卧室数"),
        ('厅', "客厅数"),
        ('卫', "卫生间数"),
        ('厨', "厨房数"),
    ];
    if !slot.text(text).chars().all(crate::scan::is_mark) {
        return None;
    }
    let after = &text[slot.span().end..];
    let c = after.chars().next()?;
    let &(_, name) = ROOMS.iter().find(|(r, _)| *r == c)?;
    // The room of a slot next to it, joined to it with nothing but the blank between.
    let next = after[c.len_utf8()..].trim_start_matches(crate::scan::is_mark);
    let next_room = (next.len() < after.len() - c.len_utf8())
        .then(|| next.chars().next())
        .flatten();
    // The room before it, after a blank of its own (`X室[X]厅`): two characters back.
    let from = crate::span::floor_char_boundary(text, slot.span().start.saturating_sub(8));
    let mut back = text[from..slot.span().start].chars().rev();
    let prev_room = back
        .next()
        .filter(|_| back.next().is_some_and(crate::scan::is_mark));
    let layout = |a: Option<char>, b: Option<char>| {
        matches!(
            (a, b),
            (Some('室' | '房'), Some('厅'))
                | (Some('厅'), Some('卫' | '厨'))
                | (Some('卫'), Some('厨'))
        )
    };
    (layout(Some(c), next_room) || layout(prev_room, Some(c))).then_some(name)
}

/// `19XX`, `20XX`: the first two digits of a year and two marks.
fn is_year(slot: &str) -> bool {
    slot.chars().count() == 4
        && (slot.starts_with("19") || slot.starts_with("20"))
        && slot.chars().skip(2).all(crate::scan::is_mark)
}

/// The draft of a name slot: a person, an entity before its word (`X村`), or a bare X.
fn draft_name<'t>(
    text: &'t str,
    slots: &[Slot],
    i: usize,
    label: Option<(&'t str, usize)>,
    floor: usize,
) -> SlotDraft<'t> {
    let slot = &slots[i];
    let slot_text = slot.text(text);
    let text_field = |key, name: String, label: String, reach| SlotDraft {
        key,
        name,
        ty: FieldType::Text,
        label,
        min: None,
        max: None,
        reach,
        extra: Extra::None,
    };
    // `可拨打监督电话XXXX-XXXXXXXX进行反映`: a number with words right after it is the
    // telephone the noun before it names, no name.
    if label.is_none()
        && slot.suffix().is_none()
        && slot_text
            .chars()
            .all(|c| crate::scan::is_mark(c) || c == '-')
        && slot_text.chars().filter(|&c| c != '-').count() >= 7
    {
        let noun = noun_before(text, slot.span().start, floor);
        if PHONE_WORDS.iter().any(|w| noun.ends_with(w)) {
            return own_text(text, slot, noun.to_string(), (noun.chars().count(), 0));
        }
    }
    let word = slot.suffix().map(|w| entity_word(text, slot, w));
    // `XX市第X中学`, `第X人民医院`: the number of a numbered school or hospital (三, 12),
    // named by what it numbers, as `第X届` is.
    if let (Some(w), Some(word), Some(ordinal)) = (slot.suffix(), word, ordinal_of(text, slot))
        && !PERSON_WORDS.contains(&w)
        && !word.is_empty()
    {
        let name = ["第几", word].concat();
        return SlotDraft {
            key: Key::Entity(word, ordinal),
            label: name.clone(),
            name,
            ty: FieldType::Integer,
            min: Some(1.0),
            max: None,
            reach: (1, word.chars().count()),
            extra: Extra::None,
        };
    }
    // `甲方：XX市XX区应急管理局`: the label names the whole value, of which each slot is only a
    // part, the city, the district: the fields are the label's (甲方市名, 甲方区名), not the
    // label itself, and not shared with other cities.
    if let (Some(w), Some(word)) = (slot.suffix(), word)
        && !PERSON_WORDS.contains(&w)
        && let Some(l) = value_label(text, slot, word)
    {
        let w = word.trim_start_matches("有限");
        // `开户银行：XX银行XX支行`: a label that ends with the word says it once.
        let l = if l.ends_with(w) && l != w { "" } else { l };
        let name = if w.chars().count() == 1 {
            [l, w, "名"].concat()
        } else {
            [l, w, "名称"].concat()
        };
        let label = format!("{name}（“{}”）", context(text, slot));
        return text_field(Key::Own, name, label, (0, word.chars().count()));
    }
    if let Some((l, a)) = label {
        let key = if is_role(l) { Key::Role(l) } else { Key::Own };
        return text_field(key, l.to_string(), l.to_string(), (a, 0));
    }
    if let Some(l) = list_label(text, slot) {
        return text_field(Key::Own, l.to_string(), l.to_string(), (1, 0));
    }
    // `任命×××同志为XX科科长`, `免去×××同志XX中心主任职务`: each appointee by the post.
    if let Some(name) = appointee(text, slot) {
        return own_text(text, slot, name, (2, 0));
    }
    match (slot.suffix(), word) {
        (Some(w), _) if PERSON_WORDS.contains(&w) => {
            let before = role_before(text, slot.span().start, floor);
            let n = w.chars().count();
            // `表扬XXX同志`, `决定对XXX同志`: a verb before the name is no role.
            let before = match person_noun_before(text, slot.span().start, floor) {
                Some(noun) => noun,
                None if before.chars().count() >= 2 && !is_role(before) => "",
                None => before,
            };
            if before.chars().count() >= 2 {
                // 主持人×××同志: the role before the name.
                let name = [before, "姓名"].concat();
                text_field(Key::Own, name.clone(), name, (before.chars().count(), n))
            } else {
                let label = format!("{w}的姓名（“{}”）", context(text, slot));
                text_field(Key::Own, [w, "姓名"].concat(), label, (0, n))
            }
        }
        (Some(w), Some(word)) => {
            let n = word.chars().count();
            let w_name = |w: &str| {
                let w = w.trim_start_matches("有限");
                if w.chars().count() == 1 {
                    [w, "名"].concat()
                } else {
                    [w, "名称"].concat()
                }
            };
            // `XX有限公司：` opening a letter: the body it is sent to, never the one that signs
            // it (`XX有限公司（盖章）`).
            if is_salutation(text, slot) {
                let name = ["收信", &w_name(word)].concat();
                let label = format!("{name}（“{}”）", context(text, slot));
                return text_field(Key::Own, name, label, (0, n));
            }
            // `被告：×××，女，…住XX省XX市…`: a place in a party's line is that party's.
            if let Some(party) = party_of_line(text, slot) {
                let name = [party, &w_name(word)].concat();
                let label = format!("{name}（“{}”）", context(text, slot));
                return text_field(Key::Own, name, label, (0, n));
            }
            let unit =
                UNIT_WORDS.contains(&w) && (self_naming(text, slot) || names_itself(text, slot));
            if unit {
                return text_field(Key::Unit, "单位名称".into(), UNIT_LABEL.into(), (0, n));
            }
            let w = word.trim_start_matches("有限");
            let name = if w.chars().count() == 1 {
                [w, "名"].concat()
            } else {
                [w, "名称"].concat()
            };
            // `XX省XX县人`: where a person comes from, not where anything is done.
            if native_place(text, slots, i) {
                let name = ["籍贯", name.as_str()].concat();
                return text_field(Key::Own, name.clone(), name, (0, n));
            }
            text_field(Key::Entity(word, slot_text), name.clone(), name, (0, n))
        }
        // `工作人员XXX`, `家长代表XXX`: a person named by the role just before the name;
        // `XXX主持`, `XXX作了讲话`: by what the person does at a meeting.
        _ if let Some((name, reach)) = person_by_role(text, slot, floor) => {
            text_field(Key::Own, name.clone(), name, reach)
        }
        // `特委托×××为代理人`, `任命×××为项目经理`: a person named by the role given.
        _ if let Some(role) = appointed_as(text, slot) => {
            let name = [role, "姓名"].concat();
            text_field(Key::Own, name.clone(), name, (0, 1 + role.chars().count()))
        }
        // `以×××为组长、×××为副组长`: the post the person is made, named by it.
        _ if let Some((verb, post)) = post_after(text, slot) => {
            let name = [post, "姓名"].concat();
            let reach = (0, verb.chars().count() + post.chars().count());
            text_field(Key::Own, name.clone(), name, reach)
        }
        // `今借到×××`: the lender of an IOU; `今收到×××交来`: who pays in a receipt.
        _ if slot_text.starts_with('×') && text[..slot.span().start].ends_with("借到") => {
            text_field(Key::Own, "出借人".into(), "出借人".into(), (2, 0))
        }
        _ if slot_text.starts_with('×')
            && text[..slot.span().start].ends_with("收到")
            && ["交来", "交纳", "缴纳", "缴来", "人民币"]
                .iter()
                .any(|w| text[slot.span().end..].starts_with(w)) =>
        {
            text_field(Key::Own, "交款人".into(), "交款人".into(), (2, 2))
        }
        _ if slot_text.starts_with('×') => {
            let before = role_before(text, slot.span().start, floor);
            let title = TITLE_WORDS
                .iter()
                .find(|w| text[slot.span().end..].starts_with(*w));
            if let Some(t) = title {
                let label = format!("{t}的姓名（“{}”）", context(text, slot));
                text_field(
                    Key::Own,
                    [t, "姓名"].concat(),
                    label,
                    (0, t.chars().count()),
                )
            } else if is_role(before) {
                // `委托人×××因…`: the party the document names, as `委托人：×××` is.
                text_field(
                    Key::Role(before),
                    before.to_string(),
                    before.to_string(),
                    (before.chars().count(), 0),
                )
            } else if before.chars().count() >= 2 {
                let name = [before, "姓名"].concat();
                text_field(Key::Own, name.clone(), name, (before.chars().count(), 0))
            } else {
                text_field(Key::Own, "姓名".into(), "姓名".into(), (0, 0))
            }
        }
        _ if self_naming(text, slot) => {
            let lead = ["现将", "现就", "特将", "今将"]
                .iter()
                .any(|w| text[..slot.span().start].ends_with(w));
            let member = MEMBER_WORDS
                .iter()
                .filter(|w| text[slot.span().end..].starts_with(*w))
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            let reach = (if lead { 2 } else { 0 }, member);
            text_field(Key::Unit, "单位名称".into(), UNIT_LABEL.into(), reach)
        }
        _ => {
            // A bare X that names something else: its own field, named by the word after
            // it when that is a kind of place or body, and shown in its context.
            let after = noun_after(text, slot.span().end);
            let body = BODY_WORDS
                .iter()
                .copied()
                .find(|w| after.starts_with(*w))
                .or_else(|| contest_after(text, slot));
            // `XX银行XX支行`: the branch of a bank.
            let branch = ["支行", "分行", "营业部", "分理处", "储蓄所"]
                .into_iter()
                .find(|w| after.starts_with(w));
            if let Some(w) = branch {
                let name = [w, "名称"].concat();
                let label = format!("{name}（“{}”）", context(text, slot));
                return text_field(Key::Own, name, label, (0, w.chars().count()));
            }
            // `兹证明XXX（身份证号码…）`: the person a certificate is about.
            if text[..slot.span().start].ends_with("兹证明") {
                return text_field(Key::Own, "姓名".into(), "姓名".into(), (3, 0));
            }
            // `（XX科科长）`, `由XX科负责`: a section of a body (科, 股, 处, 部), named as one.
            if let Some(name) = section(text, slot) {
                let label = format!("{name}（“{}”）", context(text, slot));
                return text_field(Key::Own, name.to_string(), label, (0, 1));
            }
            // `现任XX部门XXXX一职`: a post.
            if text[slot.span().end..].starts_with("一职") {
                return text_field(Key::Own, "职务".into(), "职务".into(), (0, 2));
            }
            // `任职于XX部`, `XX部XX岗位`, `我是XX部的×××`: a department, the 部 alone.
            let rest = &text[slot.span().end..];
            let dept = rest.starts_with('部')
                && ![
                    "部门", "部长", "部分", "部署", "部队", "部位", "部件", "部委", "部落",
                ]
                .iter()
                .any(|w| rest.starts_with(w));
            if after == "部" || dept {
                let label = format!("部门名称（“{}”）", context(text, slot));
                return text_field(Key::Own, "部门名称".into(), label, (0, 1));
            }
            // `负责XXXX工作`, `主要负责XXXX等工作`: what the work is.
            let rest = &text[slot.span().end..];
            if let Some(w) = ["工作", "等工作", "事宜", "等事宜", "事项", "等事项"]
                .into_iter()
                .find(|w| rest.starts_with(w))
            {
                let name = if w.ends_with("工作") {
                    "工作内容"
                } else {
                    "事项"
                };
                let label = format!("{name}（“{}”）", context(text, slot));
                return text_field(Key::Own, name.into(), label, (0, w.chars().count()));
            }
            // XXX志愿服务队: a body whose name the X is.
            let org = after.ends_with(ORG_ENDS) && after.chars().count() >= 2;
            // `第X条第X款`: the number of a part of a law, as 第几条 is.
            let part = ["款", "项", "章", "节", "目"]
                .into_iter()
                .find(|w| text[slot.span().end..].starts_with(w));
            // `县委第X巡察组`, `第X检查组`: the number of one of several bodies; in
            // `第X巡察组巡察反馈意见` the body ends at its own word.
            let numbered = if org {
                Some(after)
            } else {
                after
                    .char_indices()
                    .find(|(_, c)| ORG_ENDS.contains(c))
                    .map(|(i, c)| &after[..i + c.len_utf8()])
                    .filter(|b| b.chars().count() >= 2)
            };
            if let Some(after) = part.or(numbered)
                && ordinal_of(text, slot).is_some()
            {
                let name = ["第几", after].concat();
                return SlotDraft {
                    key: Key::Own,
                    label: name.clone(),
                    name,
                    ty: FieldType::Integer,
                    min: Some(1.0),
                    max: None,
                    reach: (1, after.chars().count()),
                    extra: Extra::None,
                };
            }
            // `运费由X方承担`: the party that bears it (运费承担方).
            if let Some(verb) = ["承担", "负责", "支付", "提供"]
                .into_iter()
                .find(|v| text[slot.span().end..].starts_with(&["方", v].concat()))
                && let Some(lead) = text[..slot.span().start].strip_suffix('由')
            {
                let base = floor.min(lead.len());
                let of = noun_before(text, lead.len(), base);
                let of = if of.chars().count() >= 2 { of } else { "" };
                let name = [of, verb, "方"].concat();
                let label = format!("{name}（“{}”）", context(text, slot));
                return text_field(Key::Own, name, label, (1, 3));
            }
            // `患有XX病`: the illness; `XX牌小型轿车`: the brand.
            let rest = &text[slot.span().end..];
            if rest.starts_with('病') && text[..slot.span().start].ends_with("患有") {
                let label = format!("病名（“{}”）", context(text, slot));
                return text_field(Key::Own, "病名".into(), label, (2, 1));
            }
            // `男，XX族，19XX年X月出生`: the person's ethnic group.
            if rest.starts_with('族') && !rest.starts_with("族群") {
                return own_text(text, slot, "民族".into(), (0, 1));
            }
            if rest.starts_with('牌') && !rest.starts_with("牌照") {
                let label = format!("品牌（“{}”）", context(text, slot));
                return text_field(Key::Own, "品牌".into(), label, (0, 1));
            }
            // `发生一起XX事故`: the kind of accident (火灾, 机械伤害).
            if rest.starts_with("事故")
                && ["一起", "一次", "发生", "造成"]
                    .iter()
                    .any(|w| text[..slot.span().start].ends_with(w))
            {
                return own_text(text, slot, "事故类型".into(), (0, 2));
            }
            // `以XX为指导`: the guiding thought of a plan.
            if text[..slot.span().start].ends_with('以')
                && ["为指导", "为指引", "为引领"]
                    .iter()
                    .any(|w| rest.starts_with(w))
            {
                return own_text(text, slot, "指导思想".into(), (1, 3));
            }
            // `交来XX款`: what the money paid in is for.
            if rest.starts_with('款')
                && (["交来", "缴来", "交纳", "缴纳", "支付", "收到"]
                    .iter()
                    .any(|w| text[..slot.span().start].ends_with(w))
                    || ["款人民币", "款项"].iter().any(|w| rest.starts_with(w)))
            {
                return own_text(text, slot, "款项名称".into(), (0, 1));
            }
            // `XX部门领导：` opening a letter: the body it is sent to.
            if let Some(w) = body
                && is_salutation(text, slot)
            {
                let name = ["收信", w, "名称"].concat();
                let label = format!("{name}（“{}”）", context(text, slot));
                return text_field(Key::Own, name, label, (0, w.chars().count()));
            }
            // `赴XX红色教育基地开展`, `在XX宾馆三楼会议室召开`: a place named by the first
            // word of a venue in the noun after it (the 宾馆, not its room).
            let venue = body
                .is_none()
                .then(|| {
                    VENUE_WORDS
                        .iter()
                        .filter_map(|w| after.find(w).map(|at| at + w.len()))
                        .min()
                })
                .flatten()
                .filter(|&end| !(org && end == after.len()) && after[..end].chars().count() <= 8);
            if let Some(end) = venue {
                let name = [&after[..end], "名称"].concat();
                let label = format!("{name}（“{}”）", context(text, slot));
                return text_field(Key::Own, name, label, (0, after[..end].chars().count()));
            }
            let name = match body {
                Some(w) => [w, "名称"].concat(),
                // X号会议室: which room, by its number.
                None if org && after.starts_with('号') => [&after["号".len()..], "编号"].concat(),
                None if org => [after, "名称"].concat(),
                None => "名称".to_string(),
            };
            // The anchor holds the body word, or reads on into the phrase the X stands in.
            let b = match body {
                Some(w) => w.chars().count(),
                None if org => after.chars().count(),
                None => text[slot.span().end..]
                    .chars()
                    .take_while(|c| !"，。；、：！？,.;:!?\n\r".contains(*c))
                    .take(4)
                    .count(),
            };
            // A field named for what it is shows that name first (on the page, its title).
            let label = match name.as_str() {
                "名称" => format!("“{}”中的 {slot_text}", context(text, slot)),
                named => format!("{named}（“{}”）", context(text, slot)),
            };
            text_field(Key::Own, name, label, (0, b))
        }
    }
}

/// Words a noun that names a person ends with (工作人员, 负责人, 家长代表, 总经理).
const PERSON_NOUN_ENDS: &[&str] = &[
    "人", "员", "长", "代表", "家属", "经理", "助理", "主任", "书记", "老师", "教师", "委员",
    "主席", "学生", "同学", "记者", "干部", "员工", "职工", "村民", "居民", "医生", "护士", "会计",
    "秘书", "律师", "专家", "顾问", "师傅",
];

/// The noun naming a person right before `at` (`工作人员`, `科室负责人`), less the body
/// word of a slot before it (`XX部部长` → 部长): none when the words before are no such noun
/// (`表扬`, `决定对`).
fn person_noun_before(text: &str, at: usize, floor: usize) -> Option<&str> {
    const BODY_ENDS: &[&str] = &[
        "有限公司",
        "公司",
        "集团",
        "医院",
        "学校",
        "小学",
        "中学",
        "大学",
        "党委",
        "党支部",
        "支部",
        "中心",
        "科",
        "部",
        "局",
        "处",
        "室",
        "办",
        "村",
        "镇",
        "乡",
        "县",
        "市",
        "区",
        "厂",
        "站",
        "所",
        "队",
        "组",
        "院",
    ];
    let mut before = noun_before(text, at, floor.min(at));
    if !text[..at].ends_with(before) {
        return None;
    }
    if text[..at - before.len()].ends_with(crate::scan::is_mark) {
        let body = BODY_ENDS.iter().find(|w| before.starts_with(*w))?;
        before = &before[body.len()..];
    }
    (before.chars().count() >= 2 && PERSON_NOUN_ENDS.iter().any(|w| before.ends_with(w)))
        .then_some(before)
}

/// What a person does at a meeting, said right after the name (`XXX主持`, `XXX作了讲话`),
/// and the role it makes the person.
const MEETING_ACTS: &[(&str, &str)] = &[
    ("主持", "主持人"),
    ("作了讲话", "讲话人"),
    ("作讲话", "讲话人"),
    ("讲话", "讲话人"),
    ("发言", "发言人"),
    ("作了发言", "发言人"),
    ("汇报", "汇报人"),
    ("作了汇报", "汇报人"),
    ("记录", "记录人"),
    ("带队", "带队人"),
    ("陪同", "陪同人"),
    ("负责", "负责人"),
];

/// A name slot of marks alone (`XXX`, `×××`) named by the person noun right before it
/// (`工作人员XXX` → 工作人员姓名) or the meeting act right after it (`XXX主持` → 主持人姓名),
/// with its reach.
fn person_by_role(text: &str, slot: &Slot, floor: usize) -> Option<(String, (usize, usize))> {
    let slot_text = slot.text(text);
    let n = slot_text.chars().count();
    if !(2..=4).contains(&n) || !slot_text.chars().all(crate::scan::is_mark) {
        return None;
    }
    let at = slot.span().start;
    // `全国中学生XXXX竞赛`, `学生XXX专业`: a contest or a body named after the slot is no
    // person, whatever noun stands before it.
    let after = noun_after(text, slot.span().end);
    if BODY_WORDS.iter().any(|w| after.starts_with(w)) || contest_after(text, slot).is_some() {
        return None;
    }
    if let Some(before) = person_noun_before(text, at, floor) {
        // `委托人×××`: a party of the document, whose field its label's line shares.
        if is_role(before) {
            return None;
        }
        let name = [before, "姓名"].concat();
        return Some((name, (before.chars().count(), 0)));
    }
    let rest = &text[slot.span().end..];
    // `办公室主任由×××兼任`: the post named before 由 is the person's.
    if let Some(by) = text[floor.min(at)..at].strip_suffix('由')
        && ["兼任", "担任", "出任"].iter().any(|w| rest.starts_with(w))
        && let Some(post) = person_noun_before(text, floor.min(at) + by.len(), floor)
        && !is_role(post)
    {
        return Some(([post, "姓名"].concat(), (post.chars().count() + 1, 2)));
    }
    let (act, role) = MEETING_ACTS
        .iter()
        .filter(|(a, _)| rest.starts_with(a))
        .max_by_key(|(a, _)| a.len())?;
    Some(([role, "姓名"].concat(), (0, act.chars().count())))
}

/// A penalty or payment right after an amount (`X万元罚款`, `X元支付违约金`, `X元的赔偿金`)
/// that the amount is of.
fn money_after(text: &str, at: usize) -> Option<&'static str> {
    const PAID: &[&str] = &["罚款", "违约金", "赔偿金", "滞纳金", "赔偿款", "罚金"];
    let rest = &text[at..];
    let rest = ["的", "支付", "作为", "缴纳"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    PAID.iter().copied().find(|w| {
        rest.strip_prefix(w).is_some_and(|r| {
            r.chars()
                .next()
                .is_none_or(|c| !is_ideograph(c) || c == '和')
        })
    })
}

/// The role a person's name is given by `为` after it (`×××为代理人`, `×××为项目经理`): a
/// noun that names a person.
fn appointed_as<'t>(text: &'t str, slot: &Slot) -> Option<&'t str> {
    let at = slot.span().end
        + text[slot.span().end..]
            .strip_prefix('为')
            .map(|_| '为'.len_utf8())?;
    let role = noun_after(text, at);
    let person = role.ends_with(['人', '员'])
        || role.ends_with("代表")
        || TITLE_WORDS
            .iter()
            .chain(PERSON_WORDS)
            .any(|w| role.ends_with(w));
    (person && role.chars().count() >= 2).then_some(role)
}

/// The place (万, 仟, 拾万, 元, 角) of slot one capital digit of an amount written out in
/// words fills, where the amount is blank digit by digit after 大写 (`大写：X万X仟X佰X拾X元
/// X角X分`, `（大写）X拾X万元整`); not the whole amount in words (`大写：XXXX元`).
fn capital_digit_place(text: &str, slot: &Slot) -> Option<String> {
    const PLACES: &[char] = &[
        '亿', '万', '仟', '千', '佰', '百', '拾', '十', '元', '圆', '角', '分',
    ];
    let is_mark = crate::scan::is_mark;
    if !slot.text(text).chars().all(is_mark) {
        return None;
    }
    // The digits after 大写 are at most 30 characters (below): a few more bytes are read.
    let before = &text[crate::span::floor_char_boundary(text, slot.span().start.saturating_sub(128))
        ..slot.span().start];
    let at = before.rfind("大写")?;
    let between = &before[at + "大写".len()..];
    let between = between.replace("人民币", "");
    let filler = |c: char| ['：', ':', '（', '(', '）', ')', ' '].contains(&c);
    if between.chars().count() > 30
        || !between
            .chars()
            .all(|c| is_mark(c) || PLACES.contains(&c) || filler(c))
    {
        return None;
    }
    let after = &text[slot.span().end..];
    let mut chars = after.chars();
    let unit = chars.next().filter(|c| PLACES.contains(c))?;
    // Another digit beside it: the amount is blank digit by digit.
    let digits = between.chars().any(is_mark) || chars.next().is_some_and(is_mark);
    if !digits {
        return None;
    }
    // `X拾X万`: a 拾 before the 万 that follows it is the place of tens of thousands.
    let mut place = unit.to_string();
    if !['亿', '万', '元', '圆', '角', '分'].contains(&unit) {
        let rest: String = after
            .chars()
            .skip(1)
            .take_while(|&c| is_mark(c) || PLACES.contains(&c))
            .collect();
        if let Some(big) = rest.chars().find(|c| ['亿', '万', '元', '圆'].contains(c))
            && big != '元'
            && big != '圆'
        {
            place.push(big);
        }
    }
    Some(place)
}

/// Whether a bare slot is the post someone holds: after 任 (担任, 现任, 调任; `XX部任`) or
/// after a department so held (`调任XX部XX`), and before a pause or 至今, 职务.
fn holds_post(text: &str, slot: &Slot) -> bool {
    const BODIES: &[&str] = &["部", "科", "室", "处", "局", "司", "队", "组", "中心"];
    const VERBS: &[&str] = &["担", "现", "调", "兼", "曾", "改", "升"];
    let rest = &text[slot.span().end..];
    let pause = rest.chars().next().is_none_or(|c| !is_ideograph(c))
        || ["至今", "职务", "一职", "等职"]
            .iter()
            .any(|w| rest.starts_with(w));
    if !pause {
        return false;
    }
    let before = &text[..slot.span().start];
    // A department right before, itself blank: `XX部`.
    fn after_body(s: &str) -> Option<&str> {
        BODIES.iter().find_map(|b| {
            let lead = s.strip_suffix(b)?;
            lead.ends_with(crate::scan::is_mark)
                .then(|| lead.trim_end_matches(crate::scan::is_mark))
        })
    }
    if let Some(lead) = before.strip_suffix('任') {
        return VERBS.iter().any(|w| lead.ends_with(w)) || after_body(lead).is_some();
    }
    after_body(before).is_some_and(|lead| lead.ends_with('任'))
}

/// `任命×××同志为XX科科长`, `免去×××的XX局副局长职务`: the person a notice of
/// appointments appoints or removes, named by the act and the post (任命科长姓名,
/// 免去副局长姓名), as such a notice lists several. Only where the post's body is itself
/// blank (a bare `任命×××为项目经理` is [`appointed_as`]'s).
fn appointee(text: &str, slot: &Slot) -> Option<String> {
    const ACTS: &[&str] = &["任命", "免去", "聘任", "聘请", "提名", "拟任", "解聘"];
    const POSTS: &[&str] = &[
        "局长",
        "科长",
        "处长",
        "主任",
        "部长",
        "院长",
        "校长",
        "所长",
        "站长",
        "队长",
        "馆长",
        "书记",
        "主席",
        "秘书长",
        "县长",
        "市长",
        "区长",
        "乡长",
        "镇长",
        "厅长",
        "行长",
        "庭长",
        "经理",
        "总经理",
        "组长",
        "委员",
        "主任科员",
        "调研员",
        "总工程师",
        "会长",
        "社长",
        "董事长",
        "监事长",
        "总监",
        "主管",
        "园长",
    ];
    if !slot.text(text).chars().all(crate::scan::is_mark) {
        return None;
    }
    let act = ACTS
        .iter()
        .find(|a| text[..slot.span().start].ends_with(*a))?;
    let rest = &text[slot.span().end..];
    let rest = rest.strip_prefix("同志").unwrap_or(rest);
    let rest = match *act {
        "免去" | "解聘" => rest.strip_prefix('的').unwrap_or(rest),
        _ => rest.strip_prefix('为')?,
    };
    // A post is a few words: 96 bytes are read, not the rest of a long line.
    let rest = &rest[..crate::span::floor_char_boundary(rest, 96)];
    let end = rest
        .find(['；', ';', '。', '，', ',', '、', '\n', '（', '('])
        .unwrap_or(rest.len());
    let post = &rest[..end];
    let post = post.strip_suffix("职务").unwrap_or(post);
    if !post.chars().any(crate::scan::is_mark) {
        return None;
    }
    let title = POSTS
        .iter()
        .filter(|p| post.ends_with(*p))
        .max_by_key(|p| p.len())?;
    let vice = if post.ends_with(&["副", title].concat()) {
        "副"
    } else {
        ""
    };
    Some([act, vice, title, "姓名"].concat())
}

/// `《XXXX购销合同》`, `《XXXX》课程`: the title of a document, a course, a book, named by
/// what it is the title of (the words after the slot in the brackets, or after them).
fn book_title<'t>(text: &'t str, slot: &Slot) -> Option<SlotDraft<'t>> {
    if !text[..slot.span().start].ends_with('《') {
        return None;
    }
    let rest = &text[slot.span().end..];
    let close = rest.find('》')?;
    let inside = &rest[..close];
    if !inside.chars().all(is_ideograph) || inside.chars().count() > 12 {
        return None;
    }
    let after = noun_after(text, slot.span().end + close + '》'.len_utf8());
    let what = match (inside, after) {
        ("", "") => "标题",
        ("", after) => after,
        (inside, _) => inside,
    };
    let name = match what {
        "标题" => what.to_string(),
        _ => [what, "名称"].concat(),
    };
    Some(SlotDraft {
        key: Key::Own,
        label: format!("{name}（“{}”）", context(text, slot)),
        name,
        ty: FieldType::Text,
        min: None,
        max: None,
        reach: (1, inside.chars().count() + 1),
        extra: Extra::None,
    })
}

/// The name of the section of a body a bare X names by the one character after it
/// (`XX科`, `XX股`, `XX处`, `XX部`), when a post or a pause follows it (`XX科科长`,
/// `XX科负责`, `XX科）`), not another character of a word (`XX科技`, `XX部署`).
fn section(text: &str, slot: &Slot) -> Option<&'static str> {
    const POSTS: &[&str] = &[
        "科长",
        "副科长",
        "股长",
        "副股长",
        "处长",
        "副处长",
        "部长",
        "副部长",
        "主任",
        "副主任",
        "负责",
        "牵头",
        "工作",
        "干部",
        "同志",
        "职工",
        "员工",
        "任",
    ];
    let rest = &text[slot.span().end..];
    let c = rest.chars().next()?;
    let name = match c {
        '科' | '室' => "科室名称",
        '股' => "股室名称",
        '处' => "处室名称",
        '部' => "部门名称",
        _ => return None,
    };
    let after = &rest[c.len_utf8()..];
    let pause = after.chars().next().is_none_or(|n| !is_ideograph(n));
    (pause || POSTS.iter().any(|p| after.starts_with(p))).then_some(name)
}

/// `X栋至X栋`, `X号楼—X号楼`: which end of a range of numbered places slot `i` is, 起始 or
/// 截止, when both ends are numbers in the same unit of numbering (栋, 号楼, 单元, 层).
fn numbered_range_end(text: &str, slots: &[Slot], i: usize) -> Option<&'static str> {
    const NUMBERING: &[&str] = &["栋", "幢", "号楼", "单元", "层"];
    const DASHES: &[&str] = &["至", "到", "—", "－", "-", "～", "~"];
    let unit = slots[i].unit().filter(|u| NUMBERING.contains(u))?;
    let joined = |a: &Slot, b: &Slot| {
        b.unit() == Some(unit)
            && text[a.span().end..b.span().start]
                .strip_prefix(unit)
                .is_some_and(|between| DASHES.contains(&between))
    };
    if slots.get(i + 1).is_some_and(|next| joined(&slots[i], next)) {
        Some("起始")
    } else if i > 0 && joined(&slots[i - 1], &slots[i]) {
        Some("截止")
    } else {
        None
    }
}

/// Whether a count at `at` follows 共, 共计, 合计, 总计 or 累计 (and 约) with nothing between.
fn total_lead(text: &str, at: usize, floor: usize) -> bool {
    let lead = text[floor.min(at)..at].trim_end_matches(['约', '达']);
    ["共", "共计", "合计", "总计", "累计"]
        .iter()
        .any(|w| lead.ends_with(w))
}

/// The word in quotes right before `at` (`“优秀”X票`), of two to eight ideographs.
fn quoted_before(text: &str, at: usize, floor: usize) -> Option<&str> {
    let before = text[floor.min(at)..at].strip_suffix('”')?;
    let open = before.rfind('“')?;
    let word = &before[open + '“'.len_utf8()..];
    ((2..=8).contains(&word.chars().count()) && word.chars().all(is_ideograph)).then_some(word)
}

/// Whether slot `i` is a part of a person's native place: a run of places that ends with 人
/// and a pause (`XX省XX县人，`), not 人民 or 人员.
fn native_place(text: &str, slots: &[Slot], i: usize) -> bool {
    let mut j = i;
    loop {
        let s = &slots[j];
        let Some(w) = s.suffix() else {
            return false;
        };
        let end = s.span().end + entity_word(text, s, w).len();
        if let Some(rest) = text[end..].strip_prefix('人') {
            return rest.chars().next().is_none_or(|c| !is_ideograph(c));
        }
        match slots.get(j + 1) {
            // A native place holds a few places at most (`XX省XX市XX县人`).
            Some(next) if next.span().start == end && j - i < 6 => j += 1,
            _ => return false,
        }
    }
}

/// The post a person named by a bare slot is made (`×××为副组长`, `XXX为联络员`): a noun
/// right after 为, 任 or 担任 that ends as a post does, with that verb.
fn post_after<'t>(text: &'t str, slot: &Slot) -> Option<(&'static str, &'t str)> {
    const POSTS: &[&str] = &[
        "组长",
        "主任",
        "书记",
        "成员",
        "委员",
        "负责人",
        "联系人",
        "联络员",
        "召集人",
        "责任人",
        "主持人",
        "队长",
        "站长",
        "秘书长",
        "指挥长",
    ];
    if !slot.text(text).chars().all(crate::scan::is_mark) {
        return None;
    }
    // `以×××为组长`, `由XXX任组长`, `XXX担任副组长`.
    let rest = &text[slot.span().end..];
    let verb = ["为", "担任", "任"]
        .into_iter()
        .find(|v| rest.starts_with(v))?;
    let post = noun_after(text, slot.span().end + verb.len());
    (post.chars().count() <= 6 && POSTS.iter().any(|p| post.ends_with(p))).then_some((verb, post))
}

/// `第X`: a slot of marks alone right after 第, with its 第 (an ordinal).
fn ordinal_of<'t>(text: &'t str, slot: &Slot) -> Option<&'t str> {
    let start = slot.span().start.checked_sub('第'.len_utf8())?;
    (text[..slot.span().start].ends_with('第') && slot.text(text).chars().all(crate::scan::is_mark))
        .then(|| &text[start..slot.span().end])
}

/// The role named before a person (`主持人×××同志`), or nothing when the words before are
/// what is done to the person (`兹证明XXX同志`, `授予×××`).
fn role_before(text: &str, at: usize, floor: usize) -> &str {
    const DONE_TO: &[&str] = &[
        "证明", "介绍", "授予", "推荐", "任命", "委托", "聘任", "聘请", "表彰", "选派", "派遣",
        "同意", "批准", "免去", "确定", "叫", "接收", "吸收", "发展", "尊敬", "敬爱", "亲爱",
        "给予", "处分", "奖励", "嘉奖", "通报",
    ];
    let before = noun_before(text, at, floor);
    // `20XX级学生×××`: the 级 is the year's, not the role's.
    let before = match before.strip_prefix(['级', '届']) {
        Some(rest) if text[..at - before.len()].ends_with(crate::scan::is_mark) => rest,
        _ => before,
    };
    if before.ends_with('给') {
        // `将相关资料移交给×××`: whoever receives it.
        "接收人"
    } else if before.ends_with('由') {
        // `请假期间工作由×××代为处理`, `由×××负责`: named by what the person does.
        let after = &text[at..];
        let after = after.trim_start_matches(crate::scan::is_mark);
        if after.starts_with('代') {
            "代理人"
        } else if after.starts_with("负责") {
            "负责人"
        } else {
            ""
        }
    } else if !before.ends_with(['人', '方', '员']) && DONE_TO.iter().any(|w| before.contains(w))
    {
        // `兹介绍我单位×××`: a verb with its object before the name is no role (委托人 is).
        ""
    } else {
        before
    }
}

/// The label of the line whose value `slot` (followed by its entity `word`) is a part of:
/// when the value goes on after the word (`甲方：XX市XX区应急管理局`, not `单位：XX公司`),
/// or began before the slot (the 市 of `籍贯：XX省XX市　　学历：`).
fn value_label<'t>(text: &'t str, slot: &Slot, word: &str) -> Option<&'t str> {
    let after = &text[slot.span().end + word.len()..];
    let goes_on = after.starts_with(|c: char| is_ideograph(c) || crate::scan::is_mark(c));
    colon_value(text, slot, |value| {
        // The value starts with a slot, and holds no pause before this one.
        (value.is_empty() && goes_on || value.starts_with(crate::scan::is_mark))
            && !value.contains(['，', '。', '；', ',', ';', ' ', '\u{3000}', '\t'])
    })
}

/// The label of a list of slots that a later one of them is an item of (the second ××× of
/// `培养联系人：×××、×××`): each item is the label's, its own field.
fn list_label<'t>(text: &'t str, slot: &Slot) -> Option<&'t str> {
    colon_value(text, slot, |value| {
        let Some(items) = value.strip_suffix('、') else {
            return false;
        };
        // An item may say more of itself in brackets: `XXX（XX科科长）`.
        items.split('、').all(|item| {
            let name = match item.strip_suffix(['）', ')']) {
                Some(inner) => inner.rfind(['（', '(']).map_or(item, |open| &inner[..open]),
                None => item,
            };
            !name.is_empty() && name.chars().all(crate::scan::is_mark)
        })
    })
}

/// The label of `slot`'s line, when what stands between the line's last colon and the slot
/// (`value`) is as `fits` wants it; a label holding a slot is none.
fn colon_value<'t>(text: &'t str, slot: &Slot, fits: impl Fn(&str) -> bool) -> Option<&'t str> {
    let (line_start, _) = line_near(text, slot);
    let line = &text[line_start..slot.span().start];
    let colon = line.rfind(['：', ':'])?;
    let value_start = colon + line[colon..].chars().next()?.len_utf8();
    if !fits(&line[value_start..]) {
        return None;
    }
    line_label(text, line_start + value_start, line_start)
        .map(|(label, _)| label)
        .filter(|label| !label.contains(crate::scan::is_mark))
}

/// Parts of a day that an hour is given in (`上午X时`).
const DAY_PARTS: &[&str] = &["上午", "下午", "晚上", "早上", "中午", "凌晨", "傍晚"];

/// Titles after a person's name (`×××教授`).
const TITLE_WORDS: &[&str] = &[
    "教授", "专家", "院士", "博士", "律师", "医生", "经理", "科长", "处长", "部长", "总监",
];

/// What a reporting unit's name is shown as.
const UNIT_LABEL: &str = "报告单位名称";

/// Words after a bare X that say what kind of place or body it names.
const BODY_WORDS: &[&str] = &[
    "机关",
    "系统",
    "辖区",
    "地区",
    "区域",
    "园区",
    "部门",
    "单位",
    "全县",
    "全区",
    "全市",
    "专业",
    "岗位",
    "职务",
    "模块",
    "项目",
    "业务",
    "政策",
    "学科",
    "车间",
    "律师事务所",
    // Places and media a report names (`在XX广场开展义诊`, `XX电视台进行了报道`).
    "广场",
    "公园",
    "电视台",
    "报社",
    "手续",
    "规定",
    "制度",
    "设备",
    "生产线",
    "行业",
    // `在XX领域`, `实地考察XX产业园`, `以XX产业为主导`, `XX国际会议中心`, `XX水文站`.
    "领域",
    "产业园",
    "产业",
    "国际会议中心",
    "会议中心",
    "水文站",
];

/// Words that end the name of a venue: a bare X before a noun holding one names that place.
const VENUE_WORDS: &[&str] = &[
    "宾馆",
    "酒店",
    "饭店",
    "基地",
    "博物馆",
    "纪念馆",
    "展览馆",
    "图书馆",
    "体育馆",
    "文化馆",
    "科技馆",
    "美术馆",
    "会展中心",
    "礼堂",
    "会堂",
    "剧院",
    "景区",
    "陵园",
    "故居",
    "遗址",
];

/// `获XXXX竞赛X等奖`, `（XX赛区）`: a contest a certificate or a form names, when the noun
/// after the slot is no body of it (`XXXX竞赛组委会`).
fn contest_after(text: &str, slot: &Slot) -> Option<&'static str> {
    let after = noun_after(text, slot.span().end);
    ["竞赛", "比赛", "大赛", "赛区"]
        .into_iter()
        .find(|w| after.starts_with(w))
        .filter(|_| !after.ends_with(ORG_ENDS))
}

/// Last characters of a noun that names a body (志愿服务队, 工作站).
const ORG_ENDS: &[char] = &[
    '队', '会', '社', '站', '组', '团', '部', '所', '院', '馆', '处', '科', '室', '厂', '店', '局',
    '厅',
];

/// Words after a bare X that belong to the reporting unit itself: its members, its period.
const MEMBER_WORDS: &[&str] = &[
    "全体",
    "党员",
    "干部",
    "职工",
    "上半年",
    "下半年",
    "全年",
    "年度",
    "本年",
    "今年",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "第一季度",
    "第二季度",
    "第三季度",
    "第四季度",
    // The unit's own leaders and parts: `X领导班子带头学习`, `X各支部`, `X下设党支部X个`.
    "领导班子",
    "班子成员",
    "各支部",
    "各党支部",
    "各科室",
    "各股室",
    "下设",
];

/// Where a report names itself: `现将X…`, `X全体党员`, `X上半年`.
fn self_naming(text: &str, slot: &Slot) -> bool {
    let before = &text[..slot.span().start];
    if ["现将", "现就", "特将", "今将"]
        .iter()
        .any(|w| before.ends_with(w))
    {
        return true;
    }
    if slot.suffix().is_none()
        && MEMBER_WORDS
            .iter()
            .any(|w| text[slot.span().end..].starts_with(w))
    {
        return true;
    }
    // `下一步，X将继续…`: the plans a report ends with are its unit's own.
    let ahead = [
        "下一步，",
        "下步，",
        "下阶段，",
        "下一阶段，",
        "今后，",
        "新的一年，",
    ];
    slot.suffix().is_none()
        && ahead.iter().any(|w| before.ends_with(w))
        && text[slot.span().end..].starts_with(['将', '要'])
}

/// `X党委` as the subject of a sentence: at the start of a line, a sentence or a clause.
fn names_itself(text: &str, slot: &Slot) -> bool {
    let before = text[..slot.span().start].trim_end_matches([' ', '\t', '\u{3000}']);
    before.is_empty()
        || before.ends_with(['。', '！', '？', '；', '\n', '，', '：', '）'])
        || before.ends_with("一年来")
}

/// `X公司完成改制，X公司实现扭亏为盈`, `X村种植中药材X亩，X村发展茶叶X亩`: the same name
/// slot and word opening two clauses of one sentence names two bodies or places, each the
/// subject of its own clause. Looks at a few slots either side only.
fn parallel_subject(text: &str, slots: &[Slot], i: usize, word: &str) -> bool {
    const SLOTS: usize = 4;
    let slot = &slots[i];
    if word.is_empty() || !names_itself(text, slot) {
        return false;
    }
    let same = |j: usize| {
        let other = &slots[j];
        let (a, b) = if j < i { (other, slot) } else { (slot, other) };
        let between = &text[a.span().end..b.span().start];
        other.text(text) == slot.text(text)
            && other.suffix() == slot.suffix()
            && between.len() <= NEAR
            && between.starts_with(word)
            && !between.contains(['。', '！', '？', '\n', '\r'])
            && between.contains(['，', '；'])
            && names_itself(text, other)
            && other
                .suffix()
                .is_some_and(|w| entity_word(text, other, w) == word)
    };
    (i.saturating_sub(SLOTS)..i).any(same) || (i + 1..slots.len().min(i + 1 + SLOTS)).any(same)
}

/// The entity word a name slot is followed by, through its suffix (`X科技有限公司` →
/// `科技有限公司`), so that two companies are never one.
fn entity_word<'t>(text: &'t str, slot: &Slot, suffix: &str) -> &'t str {
    let after = &text[slot.span().end..];
    if suffix == "办" && after.starts_with("办公室") {
        return &after[.."办公室".len()];
    }
    let within: usize = after.chars().take(10).map(char::len_utf8).sum();
    match after[..within].find(suffix) {
        Some(at) => &after[..at + suffix.len()],
        None => &after[..0],
    }
}

/// Labels that name a party of the whole document, the same person or body wherever they
/// stand (`申请人`, `甲方`). Others (`联系人`, `负责人`, `姓名`) may be one per section.
fn is_role(label: &str) -> bool {
    const PARTIES: &[&str] = &[
        "申请人",
        "申请单位",
        "报告单位",
        "填报单位",
        "甲方",
        "乙方",
        "丙方",
        "委托人",
        "受托人",
        "委托方",
        "受托方",
        "出租人",
        "出租方",
        "承租人",
        "承租方",
        "买方",
        "卖方",
        "借款人",
        "贷款人",
        "投标人",
        "招标人",
    ];
    PARTIES.contains(&label)
}

/// Whether `slot` opens a line that names whom a letter is for (`XX有限公司：`,
/// `尊敬的XX大学研究生招生委员会：`): the slot, a few words, a colon and nothing else.
fn is_salutation(text: &str, slot: &Slot) -> bool {
    let (start, end) = line_near(text, slot);
    let before = text[start..slot.span().start].trim_start_matches([' ', '\t', '\u{3000}']);
    let before = ["尊敬的", "致"]
        .into_iter()
        .find_map(|w| before.strip_prefix(w))
        .unwrap_or(before);
    let after = text[slot.span().end..end].trim_end_matches([' ', '\t', '\u{3000}', '\r']);
    before.is_empty()
        && after
            .strip_suffix(['：', ':'])
            .is_some_and(|a| (1..=12).contains(&a.chars().count()) && a.chars().all(is_ideograph))
}

/// Parties of a lawsuit, each introduced by a line of their own (`原告：×××，男，…`).
const LITIGANTS: &[&str] = &[
    "原告",
    "被告",
    "第三人",
    "上诉人",
    "被上诉人",
    "申请人",
    "被申请人",
    "申请执行人",
    "被执行人",
    "原审原告",
    "原审被告",
];

/// The party whose line `slot` stands in, after the line's first label and not right after
/// it (`被告：×××，女，19XX年X月X日出生，住XX省…`).
fn party_of_line<'t>(text: &'t str, slot: &Slot) -> Option<&'t str> {
    let (start, _) = line_near(text, slot);
    let line = &text[start..slot.span().start];
    // Each colon looked for alone: a search for either reads the line by characters.
    let colon = line.find('：').into_iter().chain(line.find(':')).min()?;
    let value = colon + line[colon..].chars().next()?.len_utf8();
    if value == line.len() {
        return None;
    }
    let (label, _) = line_label(text, start + value, start)?;
    (is_role(label) || LITIGANTS.contains(&label)).then_some(label)
}

/// Whether `line` has a gap that parts cells: a full-width space, a tab or two spaces. Each
/// looked for alone, with memchr: a search for any of them reads the line by characters.
fn has_wide_gap(line: &str) -> bool {
    line.contains('\u{3000}') || line.contains('\t') || line.contains("  ")
}

/// The cells of a line of a table written in text: runs of characters between two or more
/// spaces, a full-width space or a tab. Each cell with its byte offset.
fn cells(line: &str) -> Vec<(usize, &str)> {
    // Without a full-width space, a tab or two spaces, the line is one cell (most lines;
    // `X个` repeated to 1 MB: 2.1 billion instructions here, callgrind, read by characters).
    if !has_wide_gap(line) {
        let start = line.len() - line.trim_start_matches(' ').len();
        let cell = line[start..].trim_end_matches(' ');
        return if cell.is_empty() {
            Vec::new()
        } else {
            vec![(start, cell)]
        };
    }
    let mut cells = Vec::new();
    let mut start = None;
    let mut gap = 0;
    let mut gap_start = 0;
    for (i, c) in line.char_indices() {
        let space = c == '\u{3000}' || c == '\t' || c == ' ';
        if space {
            if gap == 0 {
                gap_start = i;
            }
            gap += if c == ' ' { 1 } else { 2 };
            continue;
        }
        if gap >= 2
            && let Some(s) = start.take()
        {
            cells.push((s, &line[s..gap_start]));
        }
        gap = 0;
        start.get_or_insert(i);
    }
    if let Some(s) = start {
        let end = if gap > 0 { gap_start } else { line.len() };
        cells.push((s, &line[s..end]));
    }
    cells
}

/// The header of a table's column that a slot stands in (`序号　物品名称　　数量` over
/// `1　　XXXX　　X台`): the nearest line above of as many cells or one more (a column left
/// for a signature), at least three, none a slot. A column's slots are each their own field,
/// one per row, named by the header (`单价（元）` → `单价`).
fn column_label<'t>(text: &'t str, slot: &Slot) -> Option<(&'t str, usize)> {
    let (line_start, line_end) = line_near(text, slot);
    let line = &text[line_start..line_end];
    // A row has three cells or more (most lines are one, which `cells` sees at once).
    let row = cells(line);
    if row.len() < 3 {
        return None;
    }
    let at = slot.span().start - line_start;
    let k = row.iter().position(|&(s, c)| s <= at && at < s + c.len())?;
    // The slot is its cell, with its unit at most (`X台`).
    let cell = row[k].1;
    let unit = slot.unit().or(slot.suffix()).unwrap_or("");
    // `XX科` under 单位: a name and the word that ends it.
    let named = slot.kind() == SlotKind::Name
        && cell
            .strip_prefix(slot.text(text))
            .is_some_and(|w| (1..=2).contains(&w.chars().count()) && w.chars().all(is_ideograph));
    if !named && cell != [slot.text(text), unit].concat() {
        return None;
    }
    let mut above = &text[..line_start];
    for _ in 0..12 {
        let body = above.strip_suffix('\n')?;
        let body = body.strip_suffix('\r').unwrap_or(body);
        let start = body.rfind('\n').map_or(0, |i| i + 1);
        let header = cells(&body[start..]);
        above = &text[..start];
        if header.iter().any(|(_, c)| c.contains(crate::scan::is_mark)) {
            // Another row of the table.
            if header.len() == row.len() {
                continue;
            }
            return None;
        }
        if !(header.len() == row.len() || header.len() == row.len() + 1) || header.len() < 3 {
            return None;
        }
        let name = header[k].1;
        let name = match name.strip_suffix(['）', ')']) {
            Some(h) => h.rfind(['（', '(']).map_or(h, |o| &h[..o]),
            None => name,
        };
        let chars = name.chars().count();
        return ((1..=8).contains(&chars) && name.chars().all(is_ideograph)).then_some((name, 0));
    }
    None
}

/// The label of a row of two cells whose second the slot fills (`差旅费　　　XXXX.XX` in a
/// list of expenses under `费用项目　　金额（元）`): the first cell, one to eight ideographs.
fn row_label<'t>(text: &'t str, slot: &Slot) -> Option<(&'t str, usize)> {
    let (line_start, line_end) = line_near(text, slot);
    let row = cells(&text[line_start..line_end]);
    let [(_, label), (at, cell)] = row[..] else {
        return None;
    };
    let unit = slot.unit().unwrap_or("");
    if line_start + at != slot.span().start || cell != [slot.text(text), unit].concat() {
        return None;
    }
    let chars = label.chars().count();
    ((1..=8).contains(&chars) && label.chars().all(is_ideograph)).then(|| {
        let reach = text[line_start..slot.span().start].chars().count();
        (label, reach)
    })
}

/// The label right before a slot on its line: `住址：XXX`, `申请人（签字）：xxx`. Also the
/// number of characters from the label's start to the slot.
fn line_label(text: &str, at: usize, floor: usize) -> Option<(&str, usize)> {
    let before = &text[floor.min(at)..at];
    let line = before.rsplit(['\n', '\r']).next().unwrap_or(before);
    let trimmed = line.trim_end_matches([' ', '\t', '\u{3000}', '_']);
    // `收据编号：NO.XXXXXXX`: the number sign is the value's, the label is before it.
    let trimmed = ["NO.", "No.", "no.", "NO．", "No．", "№", "NO", "No"]
        .iter()
        .find_map(|sign| {
            trimmed
                .strip_suffix(sign)
                .filter(|t| t.ends_with(['：', ':']))
        })
        .or_else(|| {
            // `车牌号：京AXXXXX`: a plate's province and letters are the value's too.
            let letters = trimmed.trim_end_matches(|c: char| c.is_ascii_uppercase());
            let province = letters.strip_suffix(is_ideograph)?;
            ((1..=2).contains(&(trimmed.len() - letters.len())) && province.ends_with(['：', ':']))
                .then_some(province)
        })
        .unwrap_or(trimmed);
    let head = trimmed.strip_suffix(['：', ':'])?;
    // 申请人（签字）: the part in brackets says how, not what.
    let head = head.trim_end_matches([' ', '\u{3000}']);
    let head = match head.strip_suffix(['）', ')']) {
        Some(h) => h.rfind(['（', '(']).map_or(h, |o| &h[..o]),
        None => head,
    };
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_ideograph(c) || c.is_ascii_alphanumeric() || c == ' ')
        .last()
        .map_or(head.len(), |(i, _)| i);
    let label = head[start..].trim();
    // `开工日期：20XX年X月X日    完工日期：`: words that start right after the slot before on
    // the line are its unit's (日), not the label's, when a wide gap parts them from it.
    let label = match label.rsplit_once("  ") {
        Some((_, rest))
            if label.as_ptr() == before.as_ptr()
                && floor > 0
                && !text[..floor.min(at)].ends_with(['\n', '\r']) =>
        {
            rest.trim_start()
        }
        _ => label,
    };
    // `2.1 建设地点：`: a list's number is no part of the label (an English one keeps its
    // digits: `Room 3`).
    let label = match label.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ') {
        rest if rest.starts_with(is_ideograph) => rest,
        _ => label,
    };
    let chars = label.chars().count();
    if chars == 0 || chars > 12 || !label.chars().any(is_ideograph) && !label.is_ascii() {
        return None;
    }
    let offset = label.as_ptr() as usize - line.as_ptr() as usize;
    let reach = line[offset..].chars().count();
    Some((label, reach))
}

/// The label of a form's cell: a slot that opens its line, under a line that is a bare label
/// (`姓名`, `联系电话：`; one to eight ideographs, letters or digits), as a Word table gives a
/// label cell and then its value cell. Taken for a slot that fills its line (or is a count
/// or a date, whose unit follows it), never for a name with its own noun (`XX小区`).
fn cell_label<'t>(text: &'t str, slot: &Slot, floor: usize) -> Option<(&'t str, usize)> {
    let above = text[..slot.span().start].strip_suffix('\n')?;
    let above = above.strip_suffix('\r').unwrap_or(above);
    let start = above.rfind('\n').map_or(0, |i| i + 1);
    // The whole line above, with no slot in it.
    if start < floor {
        return None;
    }
    let line = &above[start..];
    let label = line.trim_matches([' ', '\t', '\u{3000}']);
    let label = label.strip_suffix(['：', ':']).unwrap_or(label).trim_end();
    let chars = label.chars().count();
    if !(1..=8).contains(&chars)
        || !label.chars().any(is_ideograph)
        || !label
            .chars()
            .all(|c| is_ideograph(c) || c.is_ascii_alphanumeric())
    {
        return None;
    }
    // `县委政策研究室\n20XX年X月X日`, `县委巡察办：\n20XX年X月…`: a date under a signature
    // or the addressee is no cell of theirs; a date's label says it is a time.
    if slot.kind() == SlotKind::Date && !label.contains(['日', '期', '时', '间', '年', '月'])
    {
        return None;
    }
    let rest = &text[slot.span().end..];
    let rest = rest.strip_prefix(slot.unit().unwrap_or("")).unwrap_or(rest);
    let fills_line = rest.is_empty() || rest.starts_with(['\n', '\r']);
    if !fills_line && !matches!(slot.kind(), SlotKind::Quantity | SlotKind::Date) {
        return None;
    }
    // The anchor reaches from the label across the line break to the slot.
    let reach = text[label.as_ptr() as usize - text.as_ptr() as usize..slot.span().start]
        .chars()
        .count();
    Some((label, reach))
}

/// The part of the slot's line near it: at most [`NEAR`] bytes on each side, so that a
/// template that is one long line is not read again for every slot.
fn line_near(text: &str, slot: &Slot) -> (usize, usize) {
    let mut from = slot.span().start.saturating_sub(NEAR);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (slot.span().end + NEAR).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    // Bytes, not characters: a line break is one byte in UTF-8, never inside a character
    // (`X个` repeated to 1 MB: 1.4 billion instructions here, callgrind, with a char search).
    let bytes = text.as_bytes();
    let start =
        memchr::memrchr(b'\n', &bytes[from..slot.span().start]).map_or(from, |i| from + i + 1);
    let end = memchr::memchr2(b'\n', b'\r', &bytes[slot.span().end..to])
        .map_or(to, |i| slot.span().end + i);
    (start, end)
}

/// Where the slot's line starts, when that is within [`line_near`]'s reach.
fn line_start_near(text: &str, slot: &Slot) -> Option<usize> {
    let start = line_near(text, slot).0;
    (start == 0 || text.as_bytes()[start - 1] == b'\n').then_some(start)
}

/// How far [`line_near`] reads around a slot, in bytes.
const NEAR: usize = 240;

/// Whether the slot stands in English text: the characters around it on its line are ASCII,
/// with letters that are not marks. A row of a table of blanks (`XXX    XXX    XXXXXXXXXXX`
/// under `姓名    职务    手机号码`) is all marks and spaces: Chinese, named by its header.
fn is_english(text: &str, slot: &Slot) -> bool {
    let (line_start, line_end) = line_near(text, slot);
    let line = &text[line_start..line_end];
    line.is_ascii()
        && line
            .bytes()
            .filter(|&b| b.is_ascii_alphabetic() && b != b'X' && b != b'x')
            .count()
            > 2
}

/// Small English words that end a name read outwards from a slot.
const ENGLISH_STOP: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "and", "or", "was",
    "were", "is", "are", "be", "been", "from", "about", "after", "before", "since", "until",
    "than", "that", "this", "per", "we", "our", "it", "its", "as", "into", "over",
];

/// Words after a count: the slot is a number of them.
const ENGLISH_COUNTS: &[&str] = &[
    "users",
    "customers",
    "requests",
    "errors",
    "hours",
    "minutes",
    "seconds",
    "days",
    "servers",
    "nodes",
    "times",
    "people",
    "accounts",
    "orders",
    "tickets",
    "alerts",
    "pages",
    "incidents",
    "services",
    "regions",
    "calls",
    "messages",
    "jobs",
    "records",
    "files",
    "weeks",
];

/// The draft of a slot in English text: snake_case names from its label or nearby words.
fn draft_english<'t>(text: &'t str, slot: &Slot, floor: usize) -> SlotDraft<'t> {
    let start = floor.min(slot.span().start);
    let (line_start, line_end) = line_near(text, slot);
    let before = &text[line_start.max(start)..slot.span().start];
    let after = &text[slot.span().end..line_end];
    let words = |s: &'t str, rev: bool| -> Vec<&'t str> {
        let mut out = Vec::new();
        let mut iter: Box<dyn Iterator<Item = &str>> = if rev {
            Box::new(s.split(' ').rev())
        } else {
            Box::new(s.split(' '))
        };
        // The first piece is what touches the slot (empty when a space follows it).
        if let Some(first) = iter.next()
            && !first.is_empty()
        {
            return out;
        }
        let mut first = true;
        for w in iter {
            let clean = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
            // `Detected by XXX`: a small word right before the slot goes with the word before.
            let small = ENGLISH_STOP.contains(&clean.to_ascii_lowercase().as_str());
            if rev && first && small && !clean.is_empty() {
                first = false;
                out.push(clean);
                continue;
            }
            first = false;
            let ends = w.ends_with([',', '.', ';', ':', ')', '(']) && !rev;
            let starts = w.ends_with([',', '.', ';', ':']) && rev;
            if clean.is_empty()
                || starts
                || ENGLISH_STOP.contains(&clean.to_ascii_lowercase().as_str())
                || !clean.bytes().all(|b| b.is_ascii_alphabetic())
            {
                break;
            }
            out.push(clean);
            if ends || out.len() == 3 {
                break;
            }
        }
        // A small word alone names nothing.
        if out.len() == 1 && ENGLISH_STOP.contains(&out[0].to_ascii_lowercase().as_str()) {
            out.clear();
        }
        if rev {
            out.reverse();
        }
        out
    };
    let given: Option<&'t str> = before.trim_end().strip_suffix(':').map(|h| {
        let h = h.trim_end();
        let s = h
            .rfind(['.', ',', ';', '(', ')', '|', '-', '*', '#'])
            .map_or(0, |i| i + 1);
        h[s..].trim()
    });
    let next_is_count = words(after, false)
        .first()
        .is_some_and(|w| ENGLISH_COUNTS.contains(&w.to_ascii_lowercase().as_str()));
    // `Impact: X users affected`: the count's own words name it, not the line's label.
    let given = given.filter(|l| !l.is_empty() && l.len() <= 40 && !next_is_count);
    let (phrase, a, b, count) = match given {
        Some(l) => {
            let at = l.as_ptr() as usize - before.as_ptr() as usize;
            (l.to_string(), before.len() - at, 0, false)
        }
        None => {
            let next = words(after, false);
            let prev = words(before, true);
            let count = next
                .first()
                .is_some_and(|w| ENGLISH_COUNTS.contains(&w.to_ascii_lowercase().as_str()));
            if let Some(last) = next.last() {
                let b = last.as_ptr() as usize + last.len() - after.as_ptr() as usize;
                (next.join(" "), 0, b, count)
            } else if let Some(first) = prev.first() {
                let a = before.len() - (first.as_ptr() as usize - before.as_ptr() as usize);
                (prev.join(" "), a, 0, false)
            } else {
                ("value".to_string(), 0, 0, false)
            }
        }
    };
    let name: String = phrase
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    let name = if name.is_empty() {
        "value".to_string()
    } else {
        name
    };
    let mut label = phrase;
    if let Some(first) = label.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    // `Owner: XXX` in two sections may be two people: an English label groups nothing.
    let key = Key::Own;
    SlotDraft {
        key,
        name,
        ty: if count {
            FieldType::Integer
        } else {
            FieldType::Text
        },
        label,
        min: count.then_some(0.0),
        max: None,
        // `a` and `b` are bytes of ASCII text: characters.
        reach: (a, b),
        extra: Extra::None,
    }
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
        "起",
        "例",
        "宗",
        "架",
        "艘",
        "门",
        "棵",
        "箱",
        "袋",
        "盒",
        "瓶",
        "桶",
        "枚",
        "具",
        "面",
        "封",
        "节",
        "盏",
        "顶",
        "根",
        "幅",
        "桌",
        "卷",
        "口",
        "字",
        "人次",
        "场次",
        "批次",
        "家次",
        "户次",
        "件次",
        "架次",
        "万人次",
        "万人",
        "万户",
        "剂次",
        "台次",
        "万剂次",
        "万剂",
        "万份",
        "万册",
        "万件",
        "万株",
        "万头",
        "万只",
        "万辆",
        "万套",
        "万次",
        "个月",
        "工作日",
        "天",
    ];
    COUNTS.contains(&unit)
}

/// The most characters a noun read outwards from a slot may have.
const NOUN_CHARS: usize = 20;

/// Words that open what a count or amount is of, kept in its name (`销售农产品X万元`).
const ACTION_WORDS: &[&str] = &[
    "捐赠", "销售", "发放", "培训", "走访", "慰问", "收集", "清运", "改造", "引进", "帮助", "外销",
    "救助", "资助", "补贴", "接待", "受理", "办理", "调解", "排查", "检查", "整改", "新建", "修建",
    "硬化", "种植", "养殖", "安置", "招聘", "录用", "投入", "筹集", "争取", "追回", "讨回", "追缴",
    "补发", "转移",
];

/// Words before what a count is of that its name leaves out (`已整治完成不满意事项X件`).
const LEAD_WORDS: &[&str] = &[
    "完成",
    "累计",
    "共计",
    "合计",
    "总计",
    "新增",
    "实现",
    "达到",
    "全年",
    "全镇",
    "全县",
    "全区",
    "全市",
    "年内",
    "开展",
    "召开",
    "举办",
    "组织",
    "出台",
    "制定",
    "选派",
    "联合",
    "已经",
    "已",
    "共",
    "整治",
    "解决",
    "各类",
    "各级",
    "各项",
    "各",
    "已建成",
    "建成",
    "整合",
    "安排",
    "配备",
    "派出",
    "享受",
    "撰写",
    "支付",
    "附带",
    "增加",
    "申请",
    // `同意拨付项目资金X万元`, `违规发放津补贴X万元`: what is decided on or done wrong is
    // no part of the money's name.
    "同意",
    "批准",
    "拨付",
    "下拨",
    "划拨",
    "下达",
    "违规",
    "违反规定",
    "收受",
    // `力争明年村集体经济收入达到X万元`: the aim and its year are no part of the name.
    "力争",
    // `给予党纪处分X人`: the penalty is the noun, not its giving.
    "给予",
    "争取",
    "确保",
    "明年",
    "拨打",
];

/// Words that say what is done after the noun they follow (`员工深受感动X人`): the noun
/// ends before them.
const PREDICATE_WORDS: &[&str] = &["深受", "受到", "主动", "自愿", "积极", "纷纷"];

/// One-character words that open a clause and are no part of the noun after them
/// (`由区长×××主持`, `他连续X天`), and the words they start that are nouns of their own.
const FUNCTION_LEADS: &[char] = &['由', '为', '他', '她', '我', '请', '应'];
const FUNCTION_WORDS: &[&str] = &[
    "由于", "为期", "为民", "他人", "请示", "请求", "她们", "他们", "我们", "我国", "我省", "我市",
    "我县", "我区", "我镇", "应急", "应届", "应收", "应付", "应聘", "应用", "应到", "应缴", "应发",
    "应交", "应征",
];

/// Words after a count that start what is said of it (`X名年轻干部担任…`): the noun ends.
const VERB_WORDS: &[&str] = &[
    "担任", "充实", "参加", "参与", "在", "用于", "开展", "建设", "进行", "实施", "完成", "获得",
    "入驻", "落户", "签约", "到", "承办", "主办", "协办", "负责", "召开", "举行", "举办", "参会",
    "出席", "配备", "配置", "安装", "提供", "组建", "成立", "设立", "建立", "受到", "得到", "接受",
    "坚守", "安排", "深受", "发生", "报名", "组成",
];

/// Words after a count and the noun it counts that start what is said of them
/// (`X名糕点师现场教学`, `XX个机关食堂加入`): the noun ends before them, never at once.
const LATER_VERBS: &[&str] = &[
    "加入", "宣传", "现场", "送去", "送来", "逐条", "逐项", "补缴", "参与", "前来",
];

/// Whether stop character `c` starts a word with the character after it (亿元以上项目, 服务中心,
/// 医共体), where it ends no noun.
fn starts_word(c: char, next: Option<char>) -> bool {
    matches!(
        (c, next),
        ('以', Some('上' | '下' | '内' | '外'))
            | (
                '中',
                Some('心' | '学' | '央' | '国' | '层' | '队' | '医' | '等' | '级')
            )
            | ('有', Some('效' | '限' | '关' | '偿'))
            | ('需', Some('求' | '要'))
            | ('计', Some('划' | '算' | '量'))
            | ('约', Some('金' | '定' | '谈'))
            | ('共', Some('体' | '青' | '享' | '产'))
            | ('对', Some('象'))
            | ('其', Some('他' | '余'))
            | ('在', Some('职' | '岗' | '编' | '校' | '读' | '建'))
            | ('自', Some('筹' | '有' | '动' | '然' | '治'))
            | ('及', Some('格' | '时'))
            | ('等', Some('奖' | '功' | '候' | '待'))
    )
}

/// Whether stop character `c` ends a word with the character before it (签约率, 违法行为,
/// 会计, 高中, 售后服务, 公共卫生), where it ends no noun.
fn ends_word(before: Option<char>, c: char) -> bool {
    matches!(
        (before, c),
        (
            Some('签' | '预' | '履' | '违' | '续' | '解' | '特' | '合' | '节' | '契'),
            '约'
        ) | (Some('行'), '为')
            | (Some('会' | '统' | '设' | '审' | '估'), '计')
            | (Some('高' | '初' | '集'), '中')
            | (Some('提' | '学'), '前')
            | (Some('售' | '善'), '后')
            | (Some('公'), '共')
            | (Some('普'), '及')
            | (Some('高' | '初' | '中'), '等')
            | (Some('报' | '迟' | '签'), '到')
            | (Some('意' | '定'), '向')
    )
}

/// `s` less the stop characters at its end, but for one that ends a word there (签约).
fn trim_stops_end(s: &str) -> &str {
    let mut end = s.len();
    let mut chars = s.char_indices().rev().peekable();
    while let Some((i, c)) = chars.next() {
        if !STOP.contains(&c) || ends_word(chars.peek().map(|&(_, b)| b), c) {
            break;
        }
        end = i;
    }
    &s[..end]
}

/// `65岁以上老年人`, `3年以上工作经验`: a noun read back to a number starts with that number's
/// measure and bound, which are no part of it.
fn after_a_number<'t>(head: &str, run: &'t str) -> &'t str {
    if !head
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || is_mark(c))
    {
        return run;
    }
    let Some(rest) = run.strip_prefix(['岁', '年', '周', '月', '天', '万', '千', '百'])
    else {
        return run;
    };
    let rest = rest.strip_prefix('岁').unwrap_or(rest);
    let rest = ["及以上", "及以下", "以上", "以下", "以内", "左右"]
        .iter()
        .find_map(|b| rest.strip_prefix(b))
        .unwrap_or(rest);
    if rest.chars().count() >= 2 { rest } else { run }
}

/// The noun just before `at`: ideographs back to a stop character, less the words that lead
/// into it (完成, 累计); from an action word on (捐赠, 销售) when there is one.
fn noun_before(text: &str, at: usize, floor: usize) -> &str {
    let before = &text[floor.min(at)..at];
    // `医师数仅为X人`: 仅 before the stop is no part of the noun either.
    // `罚没款合计X万元`: the total's word is no part of the noun either.
    let before_total = ["合计", "共计", "总计"]
        .iter()
        .find_map(|w| before.strip_suffix(w))
        .filter(|b| b.chars().next_back().is_some_and(is_ideograph))
        .unwrap_or(before);
    let end = trim_stops_end(trim_stops_end(before_total).trim_end_matches(['仅', '只'])).len();
    // A stop character ends the noun, but not inside a word it starts or ends (亿元以上项目,
    // 服务中心, 会议室中).
    let mut start = end;
    let mut following = None;
    for (i, c) in before[..end].char_indices().rev().take(NOUN_CHARS) {
        // `应提前X日`: 前 of 提前; `签约率`: 约 of 签约.
        let prior = before[..i].chars().next_back();
        // `中考平均分`, but `其中考核优秀`.
        let exam = c == '中' && following == Some('考') && prior != Some('其');
        let word = starts_word(c, following) || ends_word(prior, c) || exam;
        if !is_ideograph(c) || STOP.contains(&c) && !word {
            break;
        }
        start = i;
        following = Some(c);
    }
    let run = after_a_number(&before[..start], &before[start..end]);
    // `20XX年以来干部档案`, `20XX年度应缴党费党员`: the 来 of 以来 and the 度 of 年度 (its 年
    // the year's unit) close what is before them.
    let run = match run.strip_prefix(['来', '度']) {
        Some(rest)
            if rest.chars().count() >= 2
                && (run.starts_with('来') && before[..start].ends_with('以')
                    || run.starts_with('度')
                        && before[..start].is_empty()
                        && text[..floor.min(at)].ends_with('年')) =>
        {
            rest
        }
        _ => run,
    };
    // The last place where a lead word ends or an action word starts, leaving a noun.
    let mut cut = 0;
    for (i, _) in run.char_indices() {
        let rest = &run[i..];
        // `工业增加值`, `完成值`: with 值 after it, the word is the noun's own.
        if let Some(w) = LEAD_WORDS.iter().find(|w| rest.starts_with(*w))
            && rest[w.len()..].chars().count() >= 2
            && !rest[w.len()..].starts_with('值')
            // `组织部部长`, `共产党员`: 组织 of a department's name, 共 of 共产.
            && !(*w == "组织" && rest[w.len()..].starts_with(['部', '处']))
            && !(*w == "共" && rest[w.len()..].starts_with('产'))
        {
            cut = cut.max(i + w.len());
        }
        if ACTION_WORDS.iter().any(|w| rest.starts_with(w)) && rest.chars().count() > 2 {
            cut = cut.max(i);
        }
    }
    let mut run = &run[cut..];
    // `获一等奖X人`: the prize, from its rank.
    if let Some(at) = run.find("等奖").or_else(|| run.find("等功"))
        && let Some((r, c)) = run[..at].char_indices().next_back()
        && "一二三四五六七八九特".contains(c)
    {
        run = &run[r..];
    }
    // `员工深受感动X人`: what is said of the noun is no part of it.
    if let Some(end) = run
        .char_indices()
        .skip(1)
        .find(|&(i, _)| PREDICATE_WORDS.iter().any(|w| run[i..].starts_with(w)))
        .map(|(i, _)| i)
    {
        run = &run[..end];
    }
    // `由区长×××`, `他连续X天`: a word that opens the clause is not the noun's.
    match run.strip_prefix(FUNCTION_LEADS) {
        Some(rest)
            if rest.chars().count() >= 2 && !FUNCTION_WORDS.iter().any(|w| run.starts_with(w)) =>
        {
            rest
        }
        _ => run,
    }
}

/// The length of a bound that opens `rest` (`60周岁以上`, `50人以下`, `3年及以上`).
fn bound_len(rest: &str) -> Option<usize> {
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let rest = &rest[digits..];
    let unit = ["周岁", "岁", "年", "人", "万元", "元", "平方米", "亩"]
        .iter()
        .find(|u| rest.starts_with(*u))
        .map_or(0, |u| u.len());
    let rest = &rest[unit..];
    ["及以上", "及以下", "以上", "以下"]
        .iter()
        .find(|w| rest.starts_with(*w))
        .map(|w| digits + unit + w.len())
}

/// `落实监测帮扶对象X户X人`: the stem of the name of the count whose unit the count at `i`
/// follows (落实监测帮扶对象), with `near` (that count is drafted without it).
fn count_beside(text: &str, slots: &[Slot], i: usize, near: bool) -> Option<String> {
    let prev = &slots[i.checked_sub(1)?];
    let unit = prev.unit()?;
    // `X个X个`: the same unit twice counts two things of one kind, not people of another.
    if !near
        || !is_classifier(unit)
        || prev.unit() == slots[i].unit()
        || prev.span().end + unit.len() != slots[i].span().start
    {
        return None;
    }
    let d = draft_one(text, slots, i - 1, false);
    let stem = d.name.strip_suffix("数")?;
    (stem.chars().count() >= 2 && matches!(d.ty, FieldType::Integer)).then(|| stem.to_string())
}

/// `以上合计X万元`, `讲解费、场地费共计X元`: an amount right after 合计, 共计 or 总计 (and 人民币)
/// that follows no noun of its own, or the last of a list, is the total: `合计`. `费用共计X元`
/// stays the 费用's.
fn total_before(text: &str, at: usize, floor: usize) -> Option<&'static str> {
    let lead = text[floor.min(at)..at]
        .trim_end_matches(['：', ':'])
        .trim_end_matches("人民币");
    let word = ["合计", "共计", "总计"]
        .into_iter()
        .find(|w| lead.ends_with(w))?;
    let end = floor.min(at) + lead.len() - word.len();
    let noun = noun_before(text, end, floor);
    let start = end - noun.len();
    let listed = text[floor.min(start)..start].ends_with(['、', '和', '及']);
    (noun.is_empty() || matches!(noun, "以上" | "上述" | "总") || listed).then_some("合计")
}

/// The noun just before `at`, less the currency `人民币`, or before it when that is all
/// (`月租金为人民币X元`: the rent, not the currency).
fn money_noun(text: &str, at: usize, floor: usize) -> &str {
    let noun = noun_before(text, at, floor);
    let Some(rest) = noun.strip_suffix("人民币") else {
        return noun;
    };
    // The noun is a piece of `text`: where it starts is where it points.
    let currency = noun.as_ptr() as usize - text.as_ptr() as usize + rest.len();
    // `今借到×××人民币X元`, `现捐出人民币X元`: the verb before the party or the currency
    // says what the amount is; a verb that names nothing leaves it 金额.
    const DEALS: &[(&str, &str)] = &[
        ("借到", "借款金额"),
        ("借给", "借款金额"),
        ("借出", "借款金额"),
        ("收到", "收款金额"),
        ("收取", "收款金额"),
        ("付给", "付款金额"),
        ("支付", "付款金额"),
        ("捐出", "捐款金额"),
        ("交来", "交款金额"),
        ("交纳", "交款金额"),
        ("缴纳", "交款金额"),
        ("欠", "欠款金额"),
    ];
    // 月收入人民币X元, 月租金为人民币X元: the owner is before the currency.
    let owner = if rest.is_empty() {
        noun_before(text, currency, floor)
    } else {
        rest
    };
    let lead = if owner.is_empty() {
        // `今借到×××（身份证号：…）人民币`: the party's details in brackets stand between.
        let lead = text[..currency].trim_end_matches(crate::scan::is_mark);
        let lead = match lead.strip_suffix(['）', ')']) {
            Some(inner) => inner.rfind(['（', '(']).map_or(lead, |o| &inner[..o]),
            None => lead,
        };
        lead.trim_end_matches(crate::scan::is_mark)
    } else {
        owner
    };
    if let Some(&(_, name)) = DEALS.iter().find(|(verb, _)| lead.ends_with(verb)) {
        return name;
    }
    // `合计金额：人民币X元`: the line's label.
    if owner.is_empty()
        && let Some((label, _)) = line_label(text, currency, floor)
    {
        return label;
    }
    if owner.ends_with([
        '出', '到', '给', '付', '交', '缴', '还', '借', '收', '捐', '取',
    ]) {
        return "";
    }
    owner
}

/// The noun just after `at`: ideographs up to a stop character or a verb that follows it.
fn noun_after(text: &str, at: usize) -> &str {
    let after = &text[at..];
    let mut chars = after.char_indices().peekable();
    let mut end = 0;
    // A stop character ends the noun, but not a word it starts (`X个医共体`, `X个中心`);
    // `X个以上` is a count and more, not a noun 以上.
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let word = starts_word(c, next) && (i > 0 || c != '以');
        if !is_ideograph(c) || STOP.contains(&c) && !word {
            break;
        }
        end = i + c.len_utf8();
        if after[..end].chars().count() == NOUN_CHARS {
            break;
        }
    }
    let run = &after[..end];
    // A verb right after (`X楼召开`) names nothing; an action word there is what is counted
    // (`X场培训`). A verb may end in a stop character (`X个单位参与`: 与).
    let cut = run
        .char_indices()
        .find(|&(i, _)| {
            let rest = &after[i..];
            VERB_WORDS
                .iter()
                .chain(if i > 0 { ACTION_WORDS } else { &[] })
                .chain(if i > 0 { LATER_VERBS } else { &[] })
                .any(|w| rest.starts_with(w))
                // `X个党支部全部完成`: 全部 opens what all of them did.
                || i > 0 && rest.starts_with("全部")
        })
        .map_or(run.len(), |(i, _)| i);
    &run[..cut]
}

/// The slot in a few characters of its line, for a label or a review note.
fn context(text: &str, slot: &Slot) -> String {
    let (line_start, line_end) = line_near(text, slot);
    const ENDS: &str = "。；！？;!?";
    let before: Vec<char> = text[line_start..slot.span().start].chars().collect();
    let from = before
        .iter()
        .rposition(|c| ENDS.contains(*c))
        .map_or(0, |i| i + 1)
        .max(before.len().saturating_sub(8));
    let before: String = before[from..].iter().collect();
    let after: String = text[slot.span().end..line_end]
        .chars()
        .take(8)
        .take_while(|c| !ENDS.contains(*c))
        .collect();
    [before.as_str(), slot.text(text), &after].concat()
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
    /// Shapes: how many bytes a window reaches before its slot with 0, 1, 2, … characters,
    /// then after it: small numbers (at most [`MAX_CONTEXT`] characters and a line break),
    /// [`STRIDE`] bytes a shape in one buffer. Slots share shapes (every slot amid Chinese
    /// text has the same), so each is kept once: a template of `X个` repeated, a slot every 4
    /// bytes, holds 4 bytes a slot here instead of 52.
    reach: Vec<u8>,
    /// Per shape: how many distances there are before and after its slot.
    reach_at: Vec<(u8, u8)>,
    /// Per slot: its shape.
    shape_of: Vec<u32>,
    /// Slots whose widest windows read the same: no window tells them apart, so they are
    /// indexed once, by their first slot (a template of one phrase repeated has few classes
    /// however long it is). Each slot's class, and each class's slots.
    class_of: Vec<u32>,
    classes: Vec<Vec<u32>>,
}

impl<'t> Windows<'t> {
    fn new(text: &'t str, slots: &'t [Slot]) -> Self {
        let mut all = Vec::new();
        let mut reach_at = Vec::new();
        let mut shape_of = Vec::with_capacity(slots.len());
        let mut shapes: FxHashMap<Vec<u8>, u32> = FxHashMap::default();
        // One slot's distances, copied into `all` at its place.
        let mut reach: Vec<u8> = Vec::with_capacity(STRIDE);
        for slot in slots {
            reach.clear();
            reach.push(0);
            // A window reaches across line breaks: a slot at the start or end of a line is told
            // from the same words in mid-line, and two identical lines (`住址：XXX` of the
            // applicant and of the guarantor) by the lines around them. A CRLF is one line
            // break, never cut: its LF alone would read as the same window one shorter.
            let mut chars = text[..slot.span().start].char_indices().rev().peekable();
            let mut breaks = 0;
            while let Some((i, c)) = chars.next() {
                if reach.len() > MAX_CONTEXT {
                    break;
                }
                // At most two line breaks a side: binding tries every mix of LF and CRLF for
                // up to four.
                if c == '\n' {
                    if breaks == MAX_BREAKS {
                        break;
                    }
                    breaks += 1;
                }
                let i = match chars.peek() {
                    Some(&(r, '\r')) if c == '\n' => {
                        chars.next();
                        r
                    }
                    // A lone CR ends the window here too: written into an anchor before a CRLF
                    // (`\r\r\n`), it would read as a line break of its own.
                    _ if c == '\r' => break,
                    _ => i,
                };
                reach.push((slot.span().start - i) as u8);
            }
            let before = reach.len();
            reach.push(0);
            let rest = &text[slot.span().end..];
            let mut chars = rest.char_indices().peekable();
            let mut breaks = 0;
            while let Some((i, c)) = chars.next() {
                if reach.len() - before > MAX_CONTEXT {
                    break;
                }
                if c == '\n' || c == '\r' {
                    if breaks == MAX_BREAKS {
                        break;
                    }
                    breaks += 1;
                }
                if c == '\r' {
                    // A CRLF is one line break; a lone CR ends the window: ending an anchor, it
                    // would match the CR of a CRLF.
                    if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                        chars.next();
                        reach.push((i + 2) as u8);
                        continue;
                    }
                    break;
                }
                reach.push((i + c.len_utf8()) as u8);
            }
            let after = reach.len() - before;
            // The distances alone are the key: the part after the slot begins at the second 0.
            let shape = match shapes.get(&reach) {
                Some(&shape) => shape,
                None => {
                    let shape = reach_at.len() as u32;
                    all.extend_from_slice(&reach);
                    all.resize(all.len() + STRIDE - reach.len(), 0);
                    reach_at.push((before as u8, after as u8));
                    shapes.insert(reach.clone(), shape);
                    shape
                }
            };
            shape_of.push(shape);
        }
        let mut windows = Windows {
            text,
            slots,
            reach: all,
            reach_at,
            shape_of,
            class_of: Vec::new(),
            classes: Vec::new(),
        };
        windows.classify();
        windows
    }

    /// Sorts the slots into classes by their widest window's text.
    fn classify(&mut self) {
        let n = self.slots.len();
        let mut by_hash: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        let mut class_of = vec![0u32; n];
        // The first slot of each class, per hash of the widest window.
        let mut firsts: Vec<u32> = Vec::new();
        for s in 0..n {
            let (a, b) = self.max(s);
            let key = self.key(s, a, b);
            let reps = by_hash.entry(window_hash(&key)).or_default();
            let found = reps.iter().copied().find(|&r| {
                let (ra, rb) = self.max(r as usize);
                (ra, rb) == (a, b) && self.key(r as usize, a, b) == key
            });
            class_of[s] = match found {
                Some(r) => class_of[r as usize],
                None => {
                    reps.push(s as u32);
                    firsts.push(s as u32);
                    (firsts.len() - 1) as u32
                }
            };
        }
        let mut classes: Vec<Vec<u32>> = vec![Vec::new(); firsts.len()];
        for (s, &c) in class_of.iter().enumerate() {
            classes[c as usize].push(s as u32);
        }
        self.classes = classes;
        self.class_of = class_of;
    }

    /// The slots of the class of slot `s`.
    fn class(&self, s: usize) -> &[u32] {
        &self.classes[self.class_of[s] as usize]
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
        let (before, after) = self.reach_at[self.shape_of[s] as usize];
        (usize::from(before) - 1, usize::from(after) - 1)
    }

    /// The distances of slot `s`'s shape.
    fn distances(&self, s: usize) -> &[u8] {
        &self.reach[self.shape_of[s] as usize * STRIDE..][..STRIDE]
    }

    /// Where the window with `a` characters before slot `s` starts.
    fn start(&self, s: usize, a: usize) -> usize {
        self.slots[s].span().start - usize::from(self.distances(s)[a])
    }

    /// Where the window with `b` characters after slot `s` ends.
    fn end(&self, s: usize, b: usize) -> usize {
        let before = self.reach_at[self.shape_of[s] as usize].0;
        self.slots[s].span().end + usize::from(self.distances(s)[usize::from(before) + b])
    }

    /// Whether byte `at` falls inside a slot (not at its edges). An anchor that ended there
    /// would hold part of that slot's text (the `2` of `20XX`), which filling replaces: the
    /// anchor would no longer be found in the filled document.
    fn cuts_a_slot(&self, at: usize) -> bool {
        let next = self.slots.partition_point(|o| o.span().start < at);
        next.checked_sub(1)
            .is_some_and(|o| at < self.slots[o].span().end)
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

    /// The anchors of each group, as (group, anchor) in the order of the groups. Slots that no window tells apart from slots of other
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
        reach: &[Reach],
        write: bool,
    ) -> Vec<(usize, String)> {
        let groups = group_of.iter().max().map_or(0, |m| m + 1);
        // Each group's parent in a merge, u32 as there is one per slot of a dense template.
        let mut merged: Vec<u32> = (0..groups)
            .map(|g| u32::try_from(g).expect("fewer groups than bytes"))
            .collect();
        let root = |merged: &[u32], mut g: usize| {
            while merged[g] as usize != g {
                g = merged[g] as usize;
            }
            g
        };
        // Slots no window tells apart are one group from the start.
        for slots in &self.classes {
            if slots.len() < 2 {
                continue;
            }
            let roots = slots.iter().map(|&t| root(&merged, group_of[t as usize]));
            let least = roots.clone().min().expect("a class has slots");
            for r in roots.collect::<Vec<_>>() {
                merged[r] = least as u32;
            }
        }
        // (group, group that found it, anchor): most groups of a large template end up
        // merged, so anchors are kept in one list rather than one per group.
        let mut anchors: Vec<(usize, usize, String)> = Vec::new();
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
                    self.search(s, own, &mut maps, reach[s].wide(), group)
                } else {
                    self.widest(s, own, &mut maps, group)
                };
                if let Some(found) = found {
                    break found;
                }
                let map = self.widest_map(s, &mut maps);
                let mut changed = false;
                for t in self.matching(map, s, amax, bmax) {
                    // The earlier group stays, so the field keeps the name drafted first.
                    let (own, other) = (root(&merged, own), root(&merged, group_of[t]));
                    changed |= own != other;
                    merged[own.max(other)] = own.min(other) as u32;
                }
                if changed {
                    continue;
                }
                // Only windows whose anchor would not read back are left (`[[` in the text
                // before the slot, an end that cuts a slot): the widest that does, down to
                // the slot alone, which always does.
                let (a, b) = (0..=bmax)
                    .rev()
                    .flat_map(|b| (0..=amax).rev().map(move |a| (a, b)))
                    .find(|&(a, b)| self.reads_back(s, a, b))
                    .unwrap_or((amax, bmax));
                let map = maps.entry((a, b)).or_insert_with(|| self.index(a, b));
                let matches: Vec<usize> = self.matching(map, s, a, b).collect();
                for &t in &matches {
                    let (own, other) = (root(&merged, own), root(&merged, group_of[t]));
                    merged[own.max(other)] = own.min(other) as u32;
                }
                break (a, b, matches);
            };
            for &t in &matches {
                for &u in self.class(t) {
                    covered[u as usize] = true;
                }
            }
            let own = root(&merged, group_of[s]);
            if write {
                anchors.push((own, own, self.anchor_text(s, a, b)));
            }
        }
        for g in group_of.iter_mut() {
            *g = root(&merged, *g);
        }
        // A group merged into another hands over the anchors it had found before, after
        // its own, in the order of the groups.
        for (g, _, _) in &mut anchors {
            *g = root(&merged, *g);
        }
        anchors.sort_by_key(|&(g, found_by, _)| (g, found_by));
        anchors.into_iter().map(|(g, _, a)| (g, a)).collect()
    }

    /// The shortest window around slot `s` whose matches all belong to group `own`.
    fn search(
        &self,
        s: usize,
        own: usize,
        maps: &mut WindowMaps,
        (amin, bmin): (usize, usize),
        group: impl Fn(usize) -> usize,
    ) -> Option<(usize, usize, Vec<usize>)> {
        let (amax, bmax) = self.max(s);
        // The anchor holds the slot's label or noun and unit, where its line has them.
        let (amin, bmin) = (amin.min(amax), bmin.min(bmax));
        let least = MIN_CONTEXT.max(amin + bmin).min(amax + bmax);
        // Windows within the line first; a line break only when nothing else tells apart.
        for breaks in [false, true] {
            for len in least..=amax + bmax {
                for a in amin..=len.min(amax) {
                    let b = len - a;
                    if b < bmin {
                        continue;
                    }
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
    /// When that window is closed on both sides by [`MAX_CONTEXT`] characters — not by the
    /// text's start or end or a lone CR — a slot whose window of the same size reads the same
    /// has the same widest window (its reach stops at the same limit): the index of every
    /// slot's widest window, built once, holds them all. Otherwise the index of that window
    /// size.
    fn widest_map<'m>(&self, s: usize, maps: &'m mut WindowMaps) -> &'m WindowMap {
        let (a, b) = self.max(s);
        let closed = a == MAX_CONTEXT && b == MAX_CONTEXT;
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
        map.reserve(self.classes.len());
        self.index_by(map, |s| Some(self.max(s)))
    }

    /// Adds to `map` each slot's window of the size `size` gives it (none: left out).
    fn index_by(
        &self,
        mut map: WindowMap,
        size: impl Fn(usize) -> Option<(usize, usize)>,
    ) -> WindowMap {
        for class in &self.classes {
            let s = class[0] as usize;
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
        let own = self.class_of[s];
        let candidates = map.get(&window_hash(&key)).map_or(&[][..], Slots::as_slice);
        candidates.iter().map(|&t| t as usize).filter(move |&t| {
            // The index of widest windows holds slots of every size.
            let (amax, bmax) = self.max(t);
            self.class_of[t] == own || (amax >= a && bmax >= b && self.key(t, a, b) == key)
        })
    }

    /// The anchor for slot `s`'s window, bracketing the slot when the window alone would not
    /// say which run of X it fills.
    fn anchor_text(&self, s: usize, a: usize, b: usize) -> String {
        let slot = &self.slots[s];
        // Anchors are written with LF; binding matches them against CRLF text too.
        let prefix = &self.text[self.start(s, a)..slot.span().start].replace("\r\n", "\n");
        let slot_text = slot.text(self.text);
        let suffix = &self.text[slot.span().end..self.end(s, b)].replace("\r\n", "\n");
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
    /// and suffix (`[[` in the prefix would be read as the slot's bracket), and stays in
    /// the filled document (it cuts no other slot).
    fn reads_back(&self, s: usize, a: usize, b: usize) -> bool {
        let (start, end) = (self.start(s, a), self.end(s, b));
        if self.cuts_a_slot(start) || self.cuts_a_slot(end) {
            return false;
        }
        // Without a `[`, the anchor reads back: as plain text when that parses to the same
        // slot, else bracketed, and then its `[[` and `]]` are the only ones.
        if !self.window(s, a, b).contains('[') {
            return true;
        }
        let slot = &self.slots[s];
        let prefix = self.text[start..slot.span().start].replace("\r\n", "\n");
        let suffix = self.text[slot.span().end..end].replace("\r\n", "\n");
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
    fn a_plate_number_is_named_by_the_label_before_its_province() {
        let schema = draft("车牌号：京AXXXXX\n");
        let names: Vec<&str> = schema.fields.keys().map(String::as_str).collect();
        assert_eq!(names, vec!["车牌号"]);
        assert_eq!(schema.fields["车牌号"].anchors[0].text, "车牌号：京AXXXXX");
    }

    #[test]
    fn a_stop_character_inside_a_word_ends_no_noun() {
        let schema = draft("组建X个医共体，建成X个中心，医师数仅为X.X人，X个以上单位。");
        let names: Vec<&str> = schema.fields.keys().map(String::as_str).collect();
        assert_eq!(names[..3], ["医共体数", "中心数", "医师数"]);
        assert!(!names[3].contains("以上"), "{names:?}");
    }

    #[test]
    fn a_change_is_named_by_the_measure_before_it_in_its_clause() {
        let schema = draft(
            "第一产业增加值X.X亿元，增长X.X%；工业增加值增长X.X%。收入X元。增长X%，提高X个百分点。",
        );
        let names: Vec<&str> = schema.fields.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "第一产业增加值",
                "第一产业增加值增长",
                "工业增加值增长",
                "收入",
                "增长",
                "提高百分点"
            ]
        );
        assert_eq!(
            schema.fields["第一产业增加值增长"].label.as_deref(),
            Some("第一产业增加值增长（%）")
        );
    }

    #[test]
    fn a_chain_of_slots_named_by_their_neighbours_is_not_read_through() {
        // Each 即X元 is named by the share before it, each 同比增长 by the amount before it:
        // drafted through one neighbour each, not down the whole line (the stack).
        let text = ["排名", &"同比增长X%即X元".repeat(3_000), "X/X/X"].concat();
        let schema = draft(&text);
        let longest = schema.fields.keys().map(|n| n.chars().count()).max();
        assert!(longest < Some(20), "{:?}", schema.fields.keys().last());
    }

    #[test]
    fn a_body_the_document_turns_to_is_not_its_writer() {
        let text = "XX局关于给予×××警告处分的决定\n不服的，可向XX局申请复核。\n抄送：XX局\nXX局\n";
        let schema = draft(text);
        let names: Vec<&str> = schema.fields.keys().map(String::as_str).collect();
        // The writer at the top and under the text; the body appealed to, and the one copied.
        assert_eq!(names.len(), 4, "{names:?}");
        assert_eq!(names[1], "姓名", "给予 is what is done to the person");
        assert_eq!((names[0], names[2]), ("局名", "局名_2"));
        assert_eq!(
            schema.fields["局名"].anchors.len(),
            2,
            "{:?}",
            schema.fields["局名"]
        );
    }

    #[test]
    fn anchors_are_as_short_as_possible() {
        let schema = draft("解决问题X个，解决X个。");
        let anchors: Vec<&str> = schema
            .fields
            .values()
            .flat_map(|f| f.anchors.iter().map(|a| a.text.as_str()))
            .collect();
        // Each anchor holds the noun its slot counts.
        assert_eq!(anchors, vec!["问题X个", "解决X个"]);
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
    fn a_window_whose_anchor_would_not_read_back_gives_way_to_a_shorter_one() {
        // The widest window of the third ××× starts after a `[` (its anchor would read
        // `[[[×××]]`) and ends inside 20XX: no width before it read back at that width after.
        draft_binds_each_slot_once(
            "[×××同志[×××同志全年20XX年X月X日[×××同志全年20XX年X月X日[×××同志全年20XX年X月X日",
        );
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
        for text in [
            "X日\rX日\r\n",
            "X日\r\nX日\r",
            "共X个\r共X个\n共X个\r\n",
            // A window across a CRLF never holds its LF alone (found by the round trip).
            "\nX、X名\r\nX、X名",
            // Nor a lone CR before a CRLF.
            "申请人：\r\r\nX.X%\r，甲\nX.X%申请人：",
            "申请人：\r\nX\r共X个。\r\rX.X%。\n]]X个工作日内支付X个工作日内支付Owner: 同志X党委×××\n[[Owner: XX\r\n，\n\n\n\nXX，X党员干部X个工作日内支付Owner: 甲20XX年X月X日[[for X hours",
        ] {
            draft_binds_each_slot_once(text);
        }
    }

    #[test]
    fn identical_contexts_share_a_field() {
        // Within a window's reach, only the same text on both sides is the same context.
        let p = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉".repeat(2);
        let schema = draft(&format!("{p}共X个{p}共X个{p}"));
        assert_eq!(schema.fields.len(), 1);
        // Identical lines are told apart by the lines around them.
        let g = groups("申请人：XXX\n住址：XXX\n担保人：XXX\n住址：XXX\n");
        assert_eq!(g.len(), 4, "{g:?}");
        draft_binds_each_slot_once("申请人：XXX\n住址：XXX\n担保人：XXX\n住址：XXX\n");
    }

    #[test]
    fn line_breaks_tell_a_line_start_from_mid_line() {
        let text = "20XX年X月X日（星期一）\n落款\n20XX年X月X日\n";
        let slots = scan(text);
        let schema = draft(text);
        // Two dates, a field each.
        assert_eq!(schema.fields.len(), 2);
        let b = crate::bind::bind(&schema, text, &slots);
        assert!(b.claimed_twice.is_empty(), "{}", schema.to_yaml());
        assert!(b.field_of.iter().all(Option::is_some));
    }

    #[test]
    fn a_date_is_one_field_with_an_anchor_per_part() {
        let schema = draft("会议时间：20XX年X月X日\n");
        let names: Vec<&str> = schema.fields.keys().map(String::as_str).collect();
        assert_eq!(names, vec!["会议时间"]);
        let field = &schema.fields["会议时间"];
        assert_eq!(field.ty, FieldType::Date);
        let anchors: Vec<&str> = field.anchors.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(anchors.len(), 3, "{anchors:?}");
        assert!(anchors[0].starts_with("会议时间："), "{anchors:?}");
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

    /// Each field's name and type, in order.
    fn name_types(schema: &Schema) -> Vec<(&str, FieldType)> {
        schema
            .fields
            .iter()
            .map(|(n, f)| (n.as_str(), f.ty))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        draft(text).fields.keys().cloned().collect()
    }

    /// The fields of `text` as (name, number of slots), in order.
    fn groups(text: &str) -> Vec<(String, usize)> {
        let slots = scan(text);
        let schema = draft(text);
        let b = crate::bind::bind(&schema, text, &slots);
        let mut count = vec![0; schema.fields.len()];
        for f in b.field_of.iter().flatten() {
            count[*f] += 1;
        }
        schema.fields.keys().cloned().zip(count).collect()
    }

    #[test]
    fn bare_x_naming_something_else_is_its_own_field() {
        // issue 16: only the places where a report names itself share the unit's field.
        let text = "X党委召开会议。现将X上半年工作总结如下：确保年内X内50人以上，让党旗飘扬在X更多的企业中，从X机关选派干部。";
        let g = groups(text);
        assert_eq!(g[0], ("单位名称".to_string(), 2), "{g:?}");
        assert!(g[1..].iter().all(|(_, n)| *n == 1), "{g:?}");
        assert_eq!(g.len(), 4, "{g:?}");
        assert!(g.iter().any(|(n, _)| n == "机关名称"), "{g:?}");
    }

    #[test]
    fn members_and_period_of_the_unit_name_it() {
        let g = groups("X全体党员参加。X干部职工学习。现将X全年工作报告如下。");
        assert_eq!(g, vec![("单位名称".to_string(), 3)]);
    }

    #[test]
    fn unit_committee_mid_sentence_is_not_the_reporting_unit() {
        // 在X党委的领导下: another body's committee, named by its entity word alone.
        let g = groups("X党委召开会议。在县委和X党委的领导下开展工作。");
        assert_eq!(g.len(), 2, "{g:?}");
    }

    #[test]
    fn two_companies_are_two_fields() {
        let g = groups("甲方委托XX科技有限公司，乙方为XX建设有限公司。");
        assert_eq!(g.len(), 2, "{g:?}");
    }

    #[test]
    fn same_place_word_is_one_field() {
        let g = groups("为X村捐款。作为X村帮扶单位。");
        assert_eq!(g, vec![("村名".to_string(), 2)]);
    }

    /// Fills every field of `text`'s drafted schema and returns the anchors that the filled
    /// document no longer holds around any value (what `check --schema` calls drift).
    fn drift_after_filling(text: &str) -> Vec<String> {
        let schema = draft(text);
        let t = crate::template::Template::new(text, &schema, "t.txt").unwrap();
        let values: Vec<(String, String)> = schema
            .fields
            .values()
            .map(|f| {
                let n = |d: f64| {
                    d.max(f.min.unwrap_or(d))
                        .min(f.max.unwrap_or(d))
                        .to_string()
                };
                let v = match f.ty {
                    FieldType::Integer | FieldType::Number => n(7.0),
                    FieldType::Date => "2025年3月4日".to_string(),
                    FieldType::Choice => f.extras().choices[0].clone(),
                    _ if f
                        .extras()
                        .pattern
                        .as_ref()
                        .is_some_and(|p| p.is_match("9:30")) =>
                    {
                        "9:30".to_string() // a time
                    }
                    _ if f.extras().pattern.is_some() => "13812345678".to_string(), // a phone
                    _ => "甲".to_string(),
                };
                (f.name.clone(), v)
            })
            .collect();
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(f, v)| (f.as_str(), v.as_str()))
            .collect();
        let values = t.values(None, &pairs).unwrap();
        let filled = t.fill(&values, crate::fill::Options::default());
        assert_eq!(filled.remaining(), 0, "{text:?} -> {:?}", filled.text);
        let after = crate::template::Template::new(&filled.text, &schema, "f.txt").unwrap();
        crate::bind::drift(&schema, &filled.text, &after.bindings().stale)
            .iter()
            .map(|a| format!("{a:?}"))
            .collect()
    }

    #[test]
    fn no_anchor_holds_part_of_another_slot() {
        // The window after the first X ended in `〔2`: the 2 of 20XX, gone once it is filled.
        for text in [
            "X政发〔20XX〕X号\n",
            "共1X人，X个组\n",
            "电话138XXXX5678，联系人X\n",
        ] {
            assert_eq!(drift_after_filling(text), Vec::<String>::new(), "{text}");
        }
    }

    proptest::proptest! {
        /// A drafted schema, every field filled: each anchor is still found around its value.
        #[test]
        fn drafted_anchors_hold_after_filling(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "X", "20XX年", "X月", "1X人", "〔", "〕", "政发", "，", "\n", "X.X%", "138XXXX5678",
                    "党委", "共", "个", "甲", "附件", "2.", "X,XXX元", "X村", "第X条", "（X）",
                    "X月X日", "XXX同志", "：", "\r\n",
                ]),
                1..40,
            ),
        ) {
            let text = pieces.concat();
            proptest::prop_assume!(!scan(&text).is_empty());
            proptest::prop_assert_eq!(drift_after_filling(&text), Vec::<String>::new(), "{:?}", text);
        }
    }

    #[test]
    fn a_stop_character_inside_a_word_does_not_cut_the_noun() {
        assert_eq!(
            names("新引进项目X个，其中亿元以上项目X个。"),
            vec!["引进项目数", "亿元以上项目数"]
        );
        assert_eq!(names("建成党群服务中心X个。"), vec!["党群服务中心数"]);
        // 以 and 中 alone still end it.
        assert_eq!(names("以党建引领项目X个。"), vec!["党建引领项目数"]);
    }

    #[test]
    fn a_label_cell_names_the_value_cell_under_it() {
        // A Word table's cells are lines: the label cell, then its value cell.
        assert_eq!(
            names("姓名\nXXX\n联系电话：\nXXXXXXXXXXX\n每周可服务\nX小时\n"),
            vec!["姓名", "联系电话", "每周可服务"]
        );
        // Not a line that holds a slot, nor a sentence, nor a name with its own noun.
        assert_eq!(names("X镇党委\n20XX年X月X日\n").last().unwrap(), "日期");
        assert_eq!(names("一、会议地点\nXX会议室\n"), vec!["会议室名称"]);
        assert_eq!(names("所在小区\nXX小区\n"), vec!["小区名称"]);
    }

    #[test]
    fn labels_name_their_slots() {
        assert_eq!(names("住址：XXX\n联系人：×××\n"), vec!["住址", "联系人"]);
        assert_eq!(names("申请人（签字）：xxx\n"), vec!["申请人"]);
    }

    #[test]
    fn role_label_twice_is_one_field_other_labels_are_not() {
        let g = groups("申请人：XXX\n住址：XXX\n担保人：XXX\n住址：XXX，\n申请人（签字）：XXX\n");
        assert_eq!(
            g,
            vec![
                ("申请人".to_string(), 2),
                ("住址".to_string(), 1),
                ("担保人".to_string(), 1),
                ("住址_2".to_string(), 1)
            ]
        );
    }

    #[test]
    fn names_keep_negation_and_whole_words() {
        assert_eq!(names("已整治完成不满意事项X件。"), vec!["不满意事项数"]);
        assert_eq!(
            names("全年新增农民专业合作社X家。"),
            vec!["农民专业合作社数"]
        );
        assert_eq!(names("销售农产品X万元。"), vec!["销售农产品金额"]);
    }

    #[test]
    fn days_within_are_a_count() {
        let schema = draft("请于X日内提交。");
        let field = &schema.fields[0];
        assert_eq!(field.ty, FieldType::Integer);
        assert_eq!(field.name, "提交期限");
        assert_eq!(field.anchors[0].text, "X日内提交");
        assert_eq!(
            names("使用期限：自20XX年X月X日起，共X日。"),
            vec!["起始日期", "使用天数"]
        );
    }

    #[test]
    fn money_is_a_number_and_counts_are_integers() {
        let schema = draft("捐赠现金X元，垃圾桶X个。");
        assert_eq!(schema.fields["捐赠现金"].ty, FieldType::Number);
        assert_eq!(schema.fields["垃圾桶数"].ty, FieldType::Integer);
        assert_eq!(schema.fields["捐赠现金"].anchors[0].text, "捐赠现金X元");
        assert_eq!(schema.fields["垃圾桶数"].anchors[0].text, "垃圾桶X个");
    }

    #[test]
    fn the_parts_of_an_address_are_named_by_what_they_number() {
        assert_eq!(
            names("位于XX路XX号X栋X单元XXX室的房屋"),
            vec!["路名", "门牌号", "栋号", "单元号", "房间号"]
        );
        // Not an address: a document number, a count of units.
        assert_eq!(names("空调X台，X号文件"), vec!["空调数", "名称"]);
    }

    #[test]
    fn a_count_after_a_date_is_not_named_by_it() {
        assert_eq!(
            names("自20XX年X月X日起至20XX年X月X日止，共计X年。"),
            vec!["起始日期", "截止日期", "年数"]
        );
    }

    #[test]
    fn a_floor_is_named_as_one() {
        assert_eq!(names("在XX酒店X楼举办"), vec!["酒店名称", "酒店楼层"]);
    }

    #[test]
    fn a_range_of_dates_is_a_start_and_an_end() {
        assert_eq!(
            names("决定于X月X日至X月X日在全县开展检查。"),
            vec!["起始日期", "截止日期"]
        );
    }

    #[test]
    fn a_year_without_its_word_is_a_year() {
        let schema = draft("XX中学20XX—20XX学年工作计划\n");
        let years: Vec<_> = schema
            .fields
            .values()
            .filter(|f| f.min == Some(1900.0) && f.ty == FieldType::Integer)
            .collect();
        assert_eq!(
            years.len(),
            2,
            "{:?}",
            schema.fields.keys().collect::<Vec<_>>()
        );
        draft_binds_each_slot_once("XX中学20XX—20XX学年工作计划\n");
    }

    #[test]
    fn an_ordinal_is_named_by_what_it_numbers() {
        assert_eq!(
            names("今年第X季度，全市发生事故X起。"),
            vec!["第几季度", "发生事故数"]
        );
        let schema = draft("第X届运动会");
        assert_eq!(schema.fields["第几届"].ty, FieldType::Integer);
        assert_eq!(schema.fields["第几届"].min, Some(1.0));
        draft_binds_each_slot_once("第X季度，第X届");
    }

    #[test]
    fn a_time_of_day_is_one_text_field() {
        let text = "定于X月X日上午X:XX在X楼召开，下午XX：XX结束。";
        assert_eq!(names(text), vec!["日期", "时间", "楼号", "结束时间"]);
        assert_eq!(draft(text).fields["时间"].ty, FieldType::Text);
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn certificates_and_leave_requests_get_the_names_a_clerk_would_give() {
        let text = "兹证明XXX同志，性别X，月收入人民币X元（大写：XXXX元整）。有效期X天。\n本人因XX，需请假X天。\n";
        assert_eq!(
            names(text),
            vec![
                "同志姓名",
                "性别",
                "月收入",
                "月收入大写",
                "有效期天数",
                "原因",
                "请假天数"
            ]
        );
        let schema = draft(text);
        assert_eq!(schema.fields["性别"].ty, FieldType::Choice);
        assert_eq!(schema.fields["性别"].extras().choices, ["男", "女"]);
        assert_eq!(
            schema.fields["月收入大写"].extras().format.as_deref(),
            Some("大写")
        );
        assert_eq!(schema.fields["月收入"].ty, FieldType::Number);
        assert_eq!(
            names("总价款（大写）XXXX元整（￥X元）"),
            vec!["总价款大写", "金额"]
        );
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn a_lease_gets_the_names_and_types_a_clerk_would_give() {
        let text = "承租方：XXX，身份证号：XXXXXXXXXXXXXXXXXX\n建筑面积XX平方米，共计X个月。\n月租金为人民币XXXX元（大写：XXXX元整），乙方应于每月X日前支付；乙方逾期X日未支付的，\n";
        assert_eq!(
            names(text),
            vec![
                "承租方",
                "承租方身份证号",
                "建筑面积",
                "月数",
                "月租金",
                "月租金大写",
                "每月几日",
                "乙方逾期天数"
            ]
        );
        let schema = draft(text);
        assert_eq!(schema.fields["建筑面积"].ty, FieldType::Number);
        assert_eq!(schema.fields["每月几日"].max, Some(31.0));
        let id = schema.fields["承租方身份证号"]
            .extras()
            .pattern
            .as_ref()
            .unwrap();
        assert!(id.is_match("11010519491231002X") && !id.is_match("1101051949123100"));
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn a_work_summary_names_what_is_counted_not_the_verb_around_it() {
        assert_eq!(
            names("城镇登记失业率控制在X.X%以内。为XXX名农民工追回工资XXX.X万元。培训X期X人次。"),
            vec![
                "城镇登记失业率",
                "农民工数",
                "追回工资",
                "培训数",
                "培训人次"
            ]
        );
    }

    #[test]
    fn the_parts_of_one_date_are_one_place_but_two_dates_are_two() {
        let text = "签订日期：20XX年X月X日\n";
        let slots = scan(text);
        assert!(shared_fields(&draft(text), text, &slots).is_empty());
        // Two dates no window tells apart: one field, two places to review.
        let p = "同".repeat(60);
        let text = &format!("{p}20XX年X月X日{p}\n{p}20XX年X月X日{p}");
        let slots = scan(text);
        let shared = shared_fields(&draft(text), text, &slots);
        assert_eq!(shared.len(), 1, "{shared:?}");
        assert_eq!(shared[0].count, 2);
        assert_eq!(
            shared[0].places.iter().map(|p| p.0).collect::<Vec<_>>(),
            [1, 2]
        );
    }

    #[test]
    fn a_date_written_with_points_dashes_or_slashes_is_one_date_field_in_its_own_form() {
        let text = "时间：20XX.X.X\n出生年月：19XX.XX\n";
        let schema = draft(text);
        assert_eq!(names(text), vec!["时间", "出生年月"]);
        assert_eq!(schema.fields["时间"].ty, FieldType::Date);
        assert_eq!(
            schema.fields["时间"].extras().format.as_deref(),
            Some("%Y.%-m.%-d")
        );
        assert_eq!(
            schema.fields["出生年月"].extras().format.as_deref(),
            Some("%Y.%m")
        );
        draft_binds_each_slot_once(text);
        let text = "日期：20XX-XX-XX\n填表日期：XXXX/X/X\n";
        let schema = draft(text);
        assert_eq!(
            schema.fields["日期"].extras().format.as_deref(),
            Some("%Y-%m-%d")
        );
        assert_eq!(
            schema.fields["填表日期"].extras().format.as_deref(),
            Some("%Y/%-m/%-d")
        );
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn a_label_over_a_value_of_several_parts_names_each_part_not_the_first() {
        let text =
            "甲方（发包单位）：XX市XX区应急管理局\n地址：XX省XX市XX区XX路XX号\n单位名称：XX公司\n";
        assert_eq!(
            names(text),
            vec![
                "甲方市名",
                "甲方区名",
                "地址省名",
                "地址市名",
                "地址区名",
                "地址路名",
                "门牌号",
                "单位名称"
            ]
        );
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn the_last_part_of_a_value_and_the_later_items_of_a_list_are_the_labels_too() {
        // A form's line: the value's last part is followed by the next column, not by more
        // of the value; the second of two names is the label's second, not some `内容`.
        let text = "籍贯：XX省XX市　　学历：XX\n培养联系人：XXX、XXX\n通讯地址：XX市XX区\n列席：XXX（科长）、XXX（科长）\n";
        assert_eq!(
            names(text),
            vec![
                "籍贯省名",
                "籍贯市名",
                "学历",
                "培养联系人",
                "培养联系人_2",
                "通讯地址市名",
                "通讯地址区名",
                "列席",
                "列席_2"
            ]
        );
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn an_hour_of_a_part_of_the_day_and_a_numbered_room_are_named_for_what_they_are() {
        let text = "定于X月X日上午X时X分在X楼X号会议室召开。\n";
        assert_eq!(names(text), vec!["日期", "时", "分", "楼号", "会议室编号"]);
        let schema = draft(text);
        assert_eq!(schema.fields["时"].max, Some(23.0));
        assert_eq!(schema.fields["时"].label.as_deref(), Some("时"));
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn choices_bounds_and_decimals_come_from_what_the_template_shows() {
        let text = "是否住宿：X\n会议时间：X月X日（星期X）\n第X季度\n人民币XXXXXX.XX元\n2.1 建设地点：XX县\n自XX村至XX村\n";
        let schema = draft(text);
        assert_eq!(schema.fields["是否住宿"].ty, FieldType::Choice);
        assert_eq!(schema.fields["星期"].extras().choices.len(), 7);
        assert_eq!(schema.fields["第几季度"].max, Some(4.0));
        assert_eq!(schema.fields["金额"].extras().decimals, Some(2));
        assert!(
            schema.fields.contains_key("建设地点"),
            "{:?}",
            schema.fields.keys()
        );
        // The two ends of a range are two villages, not one shared.
        assert!(
            schema.fields.contains_key("村名_2"),
            "{:?}",
            schema.fields.keys()
        );
        let text = "截止时间为20XX年X月X日X时XX分。同意X票。";
        assert_eq!(names(text), vec!["截止日期", "时", "分", "同意票数"]);
        assert_eq!(draft(text).fields["分"].max, Some(59.0));
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn an_amount_in_financial_numerals_equals_the_amount_beside_it() {
        let text = "月租金为人民币XXXX元（大写：XXXX元整），押金XXXX元。\n合同总价款（大写）XXXX元整（￥XXXX元）。\n";
        let schema = draft(text);
        let equals = |f: &str| schema.fields[f].extras().equals.clone();
        assert_eq!(equals("月租金大写").as_deref(), Some("月租金"));
        assert_eq!(equals("合同总价款大写").as_deref(), Some("金额"));
        assert_eq!(equals("押金"), None);
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn an_amount_in_wan_yuan_is_not_written_again_in_yuan() {
        // 320万元 written again as 叁佰贰拾元整 would be a wrong amount that check calls
        // complete: the amount in financial numerals is a field of its own.
        let text =
            "以上合计XXX万元（大写：XXXXXXX元整）。\n罚款人民币X.X万元（大写：XXXXX元整）。\n";
        let schema = draft(text);
        assert!(schema.fields.values().all(|f| f.extras().equals.is_none()));
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn a_value_a_drafted_pattern_refuses_is_told_in_words() {
        let text = "联系电话：XXXXXXXXXXX\n身份证号：XXXXXXXXXXXXXXXXXX\n上午X:XX开幕\n";
        let schema = Schema::parse(&draft(text).to_yaml(), "s.yaml").unwrap();
        for (field, meaning) in [
            ("联系电话", "is not a telephone number"),
            ("身份证号", "is not an ID number"),
            ("开幕时间", "is not a time of day"),
        ] {
            let set = format!("{field}=办公室");
            let err = crate::values::resolve(&schema, None, &[set]).unwrap_err();
            assert!(err.to_string().contains(meaning), "{err}");
        }
    }

    #[test]
    fn a_telephone_field_takes_any_telephone_number_and_no_words() {
        let text = "联系电话：XXXXXXXXXXX\n电话：0XXX-XXXXXXX，传真：XXXXXXXX\n手机：1XXXXXXXXXX\n联系人：×××\n";
        let schema = draft(text);
        let phone = |f: &str| schema.fields[f].extras().pattern.clone();
        let p = phone("联系电话").expect("a telephone field has a pattern");
        // A landline may fill the 11 X a mobile was shown with.
        for ok in [
            "13812345678",
            "0571-88886666",
            "057188886666",
            "(0571)88886666",
            "+86 138 1234 5678",
            "12345",
            "0571-88886666转801",
            "0571-88886666、13812345678",
        ] {
            assert!(p.is_match(ok), "{ok}");
        }
        for bad in ["见附件", "张三", "", "138xxxxxxxx"] {
            assert!(!p.is_match(bad), "{bad}");
        }
        assert!(phone("电话").is_some() && phone("传真").is_some() && phone("手机").is_some());
        assert!(phone("联系人").is_none());
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn an_event_named_by_its_date_is_one_field_named_by_the_event() {
        let text = "20XX年X月X日，XX镇发生“X·XX”较大火灾事故。\n附件：“X·XX”较大火灾事故调查报告\n在“X·XX”特大暴雨灾害中。\n";
        let schema = draft(text);
        assert_eq!(
            names(text),
            vec!["日期", "镇名", "事故名称", "事故名称_2", "灾害名称"]
        );
        let label = schema.fields["事故名称"].label.as_deref().unwrap();
        assert!(label.contains("如 7·20"), "{label}");
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn the_number_of_a_numbered_school_is_an_ordinal() {
        let text = "XX市第X中学招生简章\n参加学校包括XX县第XX小学、第X人民医院。\nXX市第X中学\n";
        let schema = draft(text);
        let school = &schema.fields["第几中学"];
        assert_eq!(school.ty, FieldType::Integer);
        assert_eq!((school.min, school.max), (Some(1.0), None));
        assert_eq!(schema.fields["第几小学"].ty, FieldType::Integer);
        assert_eq!(schema.fields["第几人民医院"].ty, FieldType::Integer);
        // The school of the title and of the signature is one; the two of a list are two.
        let slots = scan(text);
        let field_of = crate::bind::bind(&schema, text, &slots).field_of;
        let school_of = |line: usize| {
            slots
                .iter()
                .zip(&field_of)
                .filter(|(s, _)| s.position().line == line && s.suffix() == Some("中学"))
                .map(|(_, f)| f.unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(school_of(1), school_of(3));
        draft_binds_each_slot_once(text);
        let listed = "第X中学、第X中学\n";
        assert_eq!(names(listed), vec!["第几中学", "第几中学_2"]);
    }

    #[test]
    fn minutes_and_a_daily_newspaper_are_what_they_are() {
        let text = "报告时间约XX分钟，在XX日报发表理论文章X篇，每月X日报送。\n";
        assert_eq!(
            names(text),
            vec!["报告时间", "日报名称", "发表理论文章数", "每月几日"]
        );
        assert_eq!(draft(text).fields["报告时间"].ty, FieldType::Integer);
    }

    #[test]
    fn a_total_is_named_as_a_total() {
        assert_eq!(
            names("以上合计XXX万元。讲解费、场地费共计XXXXX元。费用共计XX元。共计X个月。"),
            vec!["合计金额", "合计金额_2", "费用金额", "月数"]
        );
    }

    #[test]
    fn the_parts_of_a_document_number_are_named_as_such() {
        let text = "X应急〔20XX〕X号\n你区《关于设立XX街道的请示》（X区政〔20XX〕XX号）收悉。\n";
        let schema = draft(text);
        assert_eq!(
            schema.fields.keys().map(String::as_str).collect::<Vec<_>>(),
            vec![
                "发文机关代字",
                "年份",
                "发文序号",
                "街道名称",
                "发文机关代字_2",
                "年份_2",
                "发文序号_2"
            ]
        );
        assert_eq!(schema.fields["发文序号"].ty, FieldType::Integer);
        assert_eq!(schema.fields["发文序号"].min, Some(1.0));
        // 号 after a street is no serial number.
        assert_eq!(names("XX路X号。"), vec!["路名", "门牌号"]);
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn a_count_is_named_by_its_noun_not_by_the_verb_or_bound_around_it() {
        assert_eq!(
            names("已有XXX个单位参与创建活动，储备编织袋不少于XXX条，成绩不低于XXX分。"),
            vec!["单位数", "储备编织袋数", "成绩"]
        );
    }

    #[test]
    fn a_person_is_not_named_by_how_the_letter_greets_or_receives_them() {
        assert_eq!(
            names(
                "尊敬的×××先生/女士：\n今借到×××现金。\n今收到×××交来的房租。\n收到×××的来信。\n"
            ),
            vec!["先生姓名", "出借人", "交款人", "姓名"]
        );
    }

    #[test]
    fn a_range_written_with_a_dash_has_a_start_and_an_end() {
        assert_eq!(
            names("动员阶段（20XX年X月X日—X月XX日），整改阶段（20XX年X月X日～20XX年X月X日）。\n"),
            vec!["起始日期", "截止日期", "起始日期_2", "截止日期_2"]
        );
        // A dash of the sentence joins no range.
        assert_eq!(
            names("X月X日——X月X日召开会议"),
            vec!["日期", "召开会议日期"]
        );
    }

    #[test]
    fn a_count_of_more_than_is_named_by_what_it_counts() {
        let text = "来自XX个省的XXX余名专家学者参会，X多名群众。\n";
        assert_eq!(names(text), vec!["省数", "专家学者数", "群众数"]);
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn a_class_of_a_year_is_a_year_not_a_count() {
        let text = "具有本市户籍的20XX届初中毕业生，第X届运动会，X届学生。\n";
        assert_eq!(names(text), vec!["届别", "第几届", "学生数"]);
        let class = &draft(text).fields["届别"];
        assert_eq!((class.min, class.max), (Some(1900.0), Some(2100.0)));
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn a_number_sign_after_the_label_is_no_part_of_it() {
        let text = "收据编号：NO.XXXXXXX\n合同编号：№XXXX\n";
        assert_eq!(names(text), vec!["收据编号", "合同编号"]);
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn a_person_and_an_age_are_not_named_by_the_words_before_them() {
        let text = "我叫XXX，（男，XX岁），同意确定XXX同志为积极分子。";
        assert_eq!(names(text), vec!["姓名", "年龄", "同志姓名"]);
        assert_eq!(
            draft(text).fields["年龄"].label.as_deref(),
            Some("年龄（岁）")
        );
    }

    #[test]
    fn the_letters_that_open_a_code_are_named_as_such() {
        let text = "项目编号：XXZB-20XX-0XX\n";
        assert_eq!(names(text)[0], "项目编号开头字母");
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn a_label_spaced_out_names_its_field_without_the_spaces() {
        assert_eq!(
            names("主 持 人：XXX\n记 录 人：XXX\n"),
            vec!["主持人", "记录人"]
        );
    }

    #[test]
    fn copies_and_years_are_not_named_by_the_verb_before_them() {
        assert_eq!(
            names("本合同一式X份，甲乙双方各执X份。"),
            vec!["份数", "各执份数"]
        );
        assert_eq!(names("现将X年来的工作总结如下。"), vec!["年数"]);
        draft_binds_each_slot_once("本合同一式X份，甲乙双方各执X份。现将X年来");
    }

    #[test]
    fn dates_of_each_form_are_one_field() {
        for (text, name) in [
            ("签订日期：xxxx年xx月xx日\n", "签订日期"),
            ("自20XX年X月X日起施行。", "起始日期"),
            ("会议于X月X日召开。", "召开日期"),
            ("截至20XX年X月，共有", "日期"),
            ("19XX年X月生，", "出生日期"),
            ("XXXX年X月参加工作，", "参加工作日期"),
            ("于XXXX年X月毕业于该校", "毕业日期"),
            ("定于X月X日（星期三）上午", "日期"),
            ("X月X日上午在会议室", "日期"),
            ("X月X日召开全县脱贫攻坚工作会议", "日期"),
        ] {
            let g = groups(text);
            let slots = scan(text).len();
            assert_eq!(g, vec![(name.to_string(), slots)], "{text}");
            assert_eq!(draft(text).fields[0].ty, FieldType::Date, "{text}");
            draft_binds_each_slot_once(text);
        }
        // A year alone is a year.
        assert_eq!(names("关于20XX年度工作"), vec!["年度"]);
    }

    #[test]
    fn english_templates_get_snake_case_names() {
        assert_eq!(
            names("Impact: X users affected for X hours.\nOwner: XXX\n"),
            vec!["users_affected", "hours", "owner"]
        );
        let schema = draft("X users affected.\n");
        assert_eq!(schema.fields[0].ty, FieldType::Integer);
        assert_eq!(schema.fields[0].label.as_deref(), Some("Users affected"));
    }

    #[test]
    fn a_repeated_phrase_is_indexed_once() {
        // issue 12 item 14: `X个` repeated took time and memory quadratic in its length.
        // Each window index holds one slot per class of identical windows, so a template of
        // 1 MB of one phrase builds indexes of a few dozen entries, not of 262,144.
        let text = "X个".repeat(1 << 18);
        let slots = scan(&text);
        let windows = Windows::new(&text, &slots);
        assert!(windows.classes.len() < 64, "{}", windows.classes.len());
        let schema = init(&text, &slots, "s.yaml");
        let b = crate::bind::bind(
            &Schema::parse(&schema.to_yaml(), "s.yaml").unwrap(),
            &text,
            &slots,
        );
        assert!(b.field_of.iter().all(Option::is_some));
        assert!(b.claimed_twice.is_empty());
    }

    #[test]
    fn review_lists_each_shared_field_with_its_places() {
        let text: String = (1..=25).map(|i| format!("为X村修路第{i}段。\n")).collect();
        let slots = scan(&text);
        let schema = draft(&text);
        let shared = shared_fields(&schema, &text, &slots);
        assert_eq!(shared.len(), 1);
        assert_eq!((shared[0].field.as_str(), shared[0].count), ("村名", 25));
        let yaml = with_review(&schema.to_yaml(), &shared);
        assert!(yaml.contains("  # 村名 fills 25 places: check that they are the same thing\n  #   1:2  为X村修路第1段\n"), "{yaml}");
        assert!(yaml.contains("  #   … and 5 more\n  村名:\n"), "{yaml}");
        // The comments leave the schema as it was.
        assert_eq!(
            Schema::parse(&yaml, "s.yaml").unwrap().to_yaml(),
            schema.to_yaml()
        );
    }

    #[test]
    fn a_list_of_places_is_several_fields() {
        // `X村、X村`: the same word names different villages.
        let g = groups("帮扶X村、X村和X村三个村。X村已建成大棚。");
        assert_eq!(g.len(), 4, "{g:?}");
        assert!(g.iter().all(|(_, n)| *n == 1), "{g:?}");
        // Mentioned apart, the word is evidence of one village.
        assert_eq!(
            groups("为X村捐款。X村已建成大棚。"),
            vec![("村名".to_string(), 2)]
        );
    }

    #[test]
    fn an_amount_of_renminbi_alone_is_named_by_what_is_done_with_it() {
        assert_eq!(
            names("今借到×××人民币XXXXX元，用于周转。"),
            ["出借人", "借款金额"]
        );
        assert_eq!(names("今收到×××人民币XXXX元。"), ["交款人", "收款金额"]);
        assert_eq!(names("现捐出人民币X元。"), ["捐款金额"]);
        assert_eq!(names("现退还人民币X元。"), ["金额"]);
        assert_eq!(names("月租金为人民币X元。"), ["月租金"]);
    }

    #[test]
    fn a_count_is_named_by_its_noun_alone() {
        assert_eq!(names("为X个乡镇配备应急救援装备。"), ["乡镇数"]);
        assert_eq!(names("培训分X批次进行。"), ["批次数"]);
        assert_eq!(names("请贵馆安排讲解员X名。"), ["讲解员数"]);
        assert_eq!(names("员工深受感动X人。"), ["员工人数"]);
        assert_eq!(names("他连续X天坚守岗位。"), ["连续天数"]);
        assert_eq!(names("由区长×××主持。"), ["区长姓名"]);
        assert_eq!(names("分为X个组。"), ["组数"]);
        assert_eq!(names("请假X天。"), ["请假天数"]);
    }

    #[test]
    fn figures_given_in_turn_are_named_by_their_own_things() {
        assert_eq!(
            names("全年事故起数、死亡人数同比分别下降X.X%和X.X%。"),
            ["事故起数同比下降", "死亡人数同比下降"]
        );
    }

    #[test]
    fn a_party_named_before_a_slot_is_the_party_of_its_label() {
        let schema = draft("委托人×××因工作原因不能亲自办理。\n委托人：×××\n");
        let names: Vec<&str> = schema.fields.keys().map(String::as_str).collect();
        assert_eq!(names, ["委托人"]);
        assert_eq!(schema.fields["委托人"].anchors.len(), 2);
    }

    #[test]
    fn a_bank_and_its_branch_are_named_apart() {
        assert_eq!(names("开户银行：XX银行XX支行\n"), ["银行名称", "支行名称"]);
    }

    #[test]
    fn lengths_of_time_are_named_by_what_they_measure() {
        assert_eq!(names("父亲有着X年党龄。"), ["党龄"]);
        assert_eq!(names("连续X年获得奖学金。"), ["连续年数"]);
        assert_eq!(names("设备已使用X年。"), ["使用年数"]);
        assert_eq!(names("借款期限X个月。"), ["借款期限月数"]);
        assert_eq!(
            names("乙方解除合同的，应提前XX日以书面形式通知甲方。"),
            ["提前天数"]
        );
        assert_eq!(names("累计加班X小时。"), ["加班小时数"]);
    }

    #[test]
    fn words_a_stop_character_starts_or_ends_stay_whole() {
        assert_eq!(names("完成系统需求评审X次。"), ["系统需求评审数"]);
        assert_eq!(names("本周计划完成率XX%。"), ["本周计划完成率"]);
        assert_eq!(names("应向对方支付违约金人民币XXXX元。"), ["违约金"]);
        assert_eq!(names("乙方向甲方支付押金人民币XXXX元。"), ["押金"]);
    }

    #[test]
    fn a_limit_in_minutes_or_hours_is_named_as_one_in_days() {
        assert_eq!(
            names("值班人员应在X分钟内赶到现场，X小时内上报。\n"),
            ["赶到期限", "上报期限"]
        );
        assert_eq!(names("事故发生后X日内处理。\n"), ["处理期限"]);
    }

    #[test]
    fn each_time_of_a_report_is_an_hour_and_minutes() {
        assert_eq!(names("伤者于X时XX分被送往医院。"), ["时", "分"]);
        assert_eq!(names("X月X日X时XX分许，发生事故。"), ["日期", "时", "分"]);
    }

    #[test]
    fn a_place_in_a_building_and_a_named_post_have_names_of_their_own() {
        assert_eq!(names("值班地点：XX楼XXX室\n"), ["值班地点楼号", "房间号"]);
        assert_eq!(names("从事XXXX岗位工作。"), ["岗位名称"]);
        assert_eq!(
            names("今借到×××（身份证号：XXXXXXXXXXXXXXXXXX）人民币XXXXX元。"),
            ["出借人", "身份证号", "借款金额"]
        );
    }

    #[test]
    fn a_slot_in_a_table_is_named_by_its_column() {
        let text = "序号　物品名称　　数量　　单价（元）　　金额（元）\n\
                    1　　XXXX　　X台　　XXXX.XX　　XXXXX.XX\n\
                    2　　XXXX　　X箱　　XXX.XX　　XXXX.XX\n\
                    合计金额：人民币XXXXX.XX元\n";
        assert_eq!(
            names(text),
            [
                "物品名称",
                "数量",
                "单价",
                "金额",
                "物品名称_2",
                "数量_2",
                "单价_2",
                "金额_2",
                "合计金额"
            ]
        );
        draft_binds_each_slot_once(text);
        let text = "序号　姓名　　单位　　职务　　签到\n1　　XXX　　XX科　　XXXX\n";
        assert_eq!(names(text), ["姓名", "单位", "职务"]);
    }

    #[test]
    fn an_event_after_a_date_is_named_without_its_reason_or_place() {
        assert_eq!(names("自20XX年X月X日入职我公司。"), ["入职日期"]);
        assert_eq!(names("于20XX年X月X日因个人原因离职。"), ["离职日期"]);
        assert_eq!(names("于20XX年X月递交了入党申请书。"), ["递交日期"]);
    }

    #[test]
    fn a_number_out_of_a_whole_and_a_purpose_have_names_of_their_own() {
        assert_eq!(
            names("成绩排名XX/XXX（名次/总人数）"),
            ["成绩排名", "成绩排名总数"]
        );
        assert_eq!(names("借款用于XXXX，按期归还。"), ["用途"]);
    }

    #[test]
    fn the_rows_of_a_roster_are_not_one_row() {
        let text = "二、值班人员\n\
                    X月X日（星期X）　带班领导：XXX　　值班人员：XXX、XXX\n\
                    X月X日（星期X）　带班领导：XXX　　值班人员：XXX、XXX\n\
                    X月X日（星期X）　带班领导：XXX　　值班人员：XXX、XXX\n\
                    三、值班要求\n";
        let slots = scan(text);
        assert!(shared_fields(&draft(text), text, &slots).is_empty());
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn a_certificate_names_its_person_and_post() {
        assert_eq!(
            names("兹证明XXX（身份证号码：XXXXXXXXXXXXXXXXXX）现任XXXX一职。"),
            ["姓名", "身份证号码", "职务"]
        );
    }

    #[test]
    fn a_place_is_named_by_the_venue_word_after_it() {
        assert_eq!(
            names(
                "组织党员赴XX红色教育基地开展主题党日活动。\n会议在XX宾馆三楼会议室召开。\n前往XX博物馆参观学习。"
            ),
            ["红色教育基地名称", "宾馆名称", "博物馆名称"]
        );
    }

    #[test]
    fn doses_are_counted() {
        let s = draft("接种疫苗X剂次。\n接种流感疫苗X万剂次。");
        let types = name_types(&s);
        assert_eq!(
            types,
            [
                ("接种疫苗数", FieldType::Integer),
                ("接种流感疫苗数", FieldType::Number)
            ]
        );
    }

    #[test]
    fn an_average_is_a_number() {
        let s = draft("期末检测全校平均分X分，村干部平均年龄XX岁。");
        assert!(
            s.fields.values().all(|f| f.ty == FieldType::Number),
            "{s:?}"
        );
    }

    #[test]
    fn banners_and_letters_are_counted_and_a_verb_after_a_name_is_no_unit() {
        let s = draft("收到群众锦旗X面、感谢信X封。\nXX公司面向社会公开招聘。");
        let types = name_types(&s);
        assert_eq!(
            types,
            [
                ("群众锦旗数", FieldType::Integer),
                ("感谢信数", FieldType::Integer),
                ("公司名称", FieldType::Text)
            ]
        );
    }

    #[test]
    fn a_population_in_ten_thousands_is_named_by_the_noun_after_it() {
        let s = draft("警力与辖区X万人口的治安需求不相适应。");
        assert_eq!(s.fields.keys().collect::<Vec<_>>(), ["辖区人口"]);
        assert_eq!(s.fields[0].ty, FieldType::Number);
    }

    #[test]
    fn a_station_that_writes_the_report_is_one_field() {
        let g = groups(
            "X派出所2023年度工作总结\n2023年，X派出所在县公安局党委的领导下开展工作。\nX派出所\n2024年X月X日\n",
        );
        assert!(g.contains(&("派出所名称".to_string(), 3)), "{g:?}");
    }

    #[test]
    fn counts_are_named_through_words_a_stop_character_begins_or_a_count_before() {
        assert_eq!(
            names(
                "期末及格率X%。\n学生获一等奖X人、二等奖X人。\n教师参加各级优质课比赛获奖X人次。\n为辖区X名60周岁以上老人发放补贴。\n落实监测帮扶对象X户X人。\n参加业务培训X期X人次。\n"
            ),
            [
                "期末及格率",
                "一等奖人数",
                "二等奖人数",
                "优质课比赛获奖数",
                "老人数",
                "落实监测帮扶对象数",
                "落实监测帮扶对象人数",
                "参加业务培训数",
                "参加业务培训人次"
            ]
        );
    }

    #[test]
    fn words_a_stop_character_begins_and_a_total_are_read_as_such() {
        assert_eq!(
            names("检定计量器具X台。\n中级以上职称X人。\n手术X台次。\n罚没款合计X.X万元。"),
            ["检定计量器具数", "中级以上职称人数", "手术数", "罚没款"]
        );
    }

    #[test]
    fn a_report_names_itself_by_its_leaders_parts_and_plans() {
        let g = groups(
            "现将X全年工作总结如下：\nX领导班子带头学习，X各支部开展主题党日活动X次。X下设党支部X个。\n下一步，X将继续加强党的建设。\n",
        );
        assert!(g.contains(&("单位名称".to_string(), 5)), "{g:?}");
    }

    #[test]
    fn an_ethnic_group_is_named_as_one() {
        assert_eq!(
            names("我叫XXX，男，XX族，19XX年X月出生。"),
            ["姓名", "民族", "出生日期"]
        );
    }

    #[test]
    fn a_quoted_name_is_named_by_the_activity_after_it() {
        assert_eq!(
            names("组织学生参加“XX”主题实践活动X次。"),
            ["主题实践活动名称", "主题实践活动数"]
        );
    }

    #[test]
    fn the_town_and_village_of_a_secretary_are_the_secretarys_own() {
        let g = groups("X镇X村党支部书记XXX、X镇X村党支部书记XXX参加培训。\n本次评选X镇X个。");
        assert!(g.iter().all(|(_, n)| *n == 1), "{g:?}");
    }

    // Genre round B

    #[test]
    fn the_rows_of_a_table_name_their_own_schools() {
        // A CV: each row its own university and company.
        let text = "教育背景\n\
                    20XX.X—20XX.X  XX大学  XX专业  本科\n\
                    20XX.X—20XX.X  XX大学  XX专业  硕士\n";
        let slots = scan(text);
        assert!(shared_fields(&draft(text), text, &slots).is_empty());
        draft_binds_each_slot_once(text);
    }

    #[test]
    fn a_letter_is_not_signed_by_whom_it_is_for() {
        let text = "XX有限公司：\n    截至目前尚欠货款XXXX元。\n\nXX有限公司（盖章）\n";
        assert_eq!(names(text), ["收信公司名称", "尚欠货款", "公司名称"]);
        let text = "尊敬的XX大学研究生招生委员会：\n    我是XX大学的教师。\n";
        assert_eq!(names(text), ["收信大学名称", "大学名称"]);
    }

    #[test]
    fn the_places_of_two_parties_addresses_are_their_own() {
        let text = "原告：×××，男，住XX省XX市XX区。\n被告：×××，女，住XX省XX市XX区。\n";
        let slots = scan(text);
        assert!(shared_fields(&draft(text), text, &slots).is_empty());
        let n = names(text);
        assert!(n.contains(&"原告市名".to_string()), "{n:?}");
        assert!(n.contains(&"被告市名".to_string()), "{n:?}");
    }

    #[test]
    fn a_score_is_a_number_of_points() {
        let schema = draft("以XX分的成绩通过了考核。");
        let (name, field) = schema.fields.iter().next().unwrap();
        assert_eq!(name, "成绩分数");
        assert_eq!(field.ty, FieldType::Number);
        assert_eq!(names("笔试以X分位列第一。"), ["分数"]);
        // 时X分 stays the minute of a time.
        assert_eq!(names("X时X分")[1], "分");
    }

    #[test]
    fn an_amount_for_each_day_is_named_by_what_it_is_of() {
        assert_eq!(names("甲方逾期交货的，违约金每日XX元。"), ["每日违约金"]);
        assert_eq!(names("租金每月XXXX元。"), ["每月租金"]);
    }

    #[test]
    fn the_dates_of_a_range_in_a_cv_start_and_end_it() {
        let text = "教育背景\n20XX.X—20XX.X  XX大学  XX专业\n20XX.X—至今  XX公司\n";
        let n = names(text);
        assert_eq!(&n[..2], ["起始年月", "截止年月"], "{n:?}");
        assert!(n.contains(&"起始年月_2".to_string()), "{n:?}");
        assert_eq!(
            names("在校时间：20XX.XX—20XX.XX")[..2],
            ["在校时间", "截止年月"]
        );
    }

    #[test]
    fn a_person_given_a_role_is_named_by_it() {
        assert_eq!(names("特委托×××为代理人，代为参加诉讼。"), ["代理人姓名"]);
        assert_eq!(names("任命×××为项目经理。"), ["项目经理姓名"]);
    }

    #[test]
    fn a_change_is_named_by_the_amount_it_is_a_change_of() {
        assert_eq!(
            names("实现营业收入X万元，同比增长X%，环比增长X%；净利润X万元，同比下降X%。"),
            [
                "营业收入",
                "营业收入同比增长",
                "营业收入环比增长",
                "净利润",
                "净利润同比下降"
            ]
        );
        // A change with nothing before it in its sentence keeps its own name.
        assert_eq!(names("全年同比增长X%。"), ["同比增长"]);
    }

    #[test]
    fn an_amount_that_is_a_price_or_a_profit_is_not_its_amount() {
        assert_eq!(
            names("转让价格XXXX元，净利润X万元，销售费用X万元，伙食补助XXX元。"),
            ["转让价格", "净利润", "销售费用", "伙食补助"]
        );
        assert_eq!(names("奖励乙方XXXX元。"), ["奖励乙方金额"]);
    }

    #[test]
    fn a_rate_per_thousand_may_be_fractional() {
        let schema = draft("轻伤负伤率控制在X‰以内。");
        assert_eq!(schema.fields.iter().next().unwrap().1.ty, FieldType::Number);
    }

    #[test]
    fn a_bound_on_days_is_no_part_of_the_name() {
        assert_eq!(names("隐患整改期限不超过X日。"), ["整改期限天数"]);
    }

    #[test]
    fn a_row_of_two_cells_is_a_label_and_its_value() {
        let text = "费用项目        金额（元）\n差旅费          XXXX.XX\n办公费          XXX.XX\n";
        assert_eq!(names(text), ["差旅费", "办公费"]);
        // Two slots, or a slot with words after it in its cell, are no such row.
        assert_eq!(names("XX大学    XX专业\n").len(), 2);
    }

    #[test]
    fn a_name_after_a_verb_is_named_by_the_person_s_part() {
        assert_eq!(names("我会将相关资料移交给×××同事。"), ["接收人姓名"]);
        assert_eq!(names("请假期间工作由×××代为处理。"), ["代理人姓名"]);
        assert_eq!(names("兹介绍我单位×××等同志前往。"), ["姓名"]);
        assert_eq!(
            names("XX专业20XX级学生×××，"),
            ["专业名称", "年份", "学生姓名"]
        );
    }

    #[test]
    fn a_signature_is_named_by_whose_opinion_it_closes() {
        let text = "部门负责人意见：\n签字：×××    20XX年X月X日\n\
                    分管领导意见：\n签字：×××    日期：20XX年X月X日\n";
        assert_eq!(
            names(text),
            [
                "部门负责人签字",
                "部门负责人签字日期",
                "分管领导签字",
                "分管领导签字日期"
            ]
        );
    }

    #[test]
    fn a_department_and_a_piece_of_work_are_named_as_such() {
        assert_eq!(
            names("任职于XX部，负责XXXX工作。"),
            ["部门名称", "工作内容"]
        );
        assert_eq!(names("前往贵处联系XXXX事宜。"), ["事项"]);
        // A 部 that is part of a longer word is not a department.
        assert_ne!(names("XX部队")[0], "部门名称");
    }

    #[test]
    fn a_rate_raised_to_a_value_is_named_by_the_rate_and_people_are_counted() {
        assert_eq!(names("全年毛利率提高到XX%以上。"), ["毛利率"]);
        assert_eq!(
            names("出差人员：×××、×××　共X人"),
            ["出差人员", "出差人员_2", "总人数"]
        );
        assert_eq!(names("出差人员：×××　X人"), ["出差人员", "人数"]);
    }

    #[test]
    fn an_amount_a_share_comes_to_is_named_by_the_share() {
        assert_eq!(
            names("乙方预付货款的XX%，即XXXXX元。"),
            ["乙方预付货款比例", "乙方预付货款金额"]
        );
        let schema = draft("乙方预付货款的XX%，即XXXXX元。");
        assert_eq!(
            schema.fields["乙方预付货款金额"].label.as_deref(),
            Some("乙方预付货款金额（元）")
        );
    }

    #[test]
    fn a_title_in_book_brackets_is_named_by_what_it_titles() {
        assert_eq!(names("签订了《XXXX购销合同》。"), ["购销合同名称"]);
        assert_eq!(names("担任其《XXXX》课程的任课教师。"), ["课程名称"]);
        assert_eq!(names("学习了《XXXX》。"), ["标题"]);
    }

    #[test]
    fn the_details_in_a_party_s_line_are_that_party_s() {
        let text = "原告：×××，男，19XX年X月X日出生，身份证号码：XXXXXXXXXXXXXXXXXX。\n\
                    被告：×××，女，19XX年X月X日出生，身份证号码：XXXXXXXXXXXXXXXXXX。\n";
        assert_eq!(
            names(text),
            [
                "原告",
                "原告出生日期",
                "原告身份证号码",
                "被告",
                "被告出生日期",
                "被告身份证号码"
            ]
        );
        let text = "原告：×××，性别：X\n";
        assert_eq!(draft(text).fields["原告性别"].ty, FieldType::Choice);
        // Two parties side by side on one line are not the first one's.
        let text = "甲方（盖章）：XX公司        日期：20XX年X月X日\n";
        assert!(names(text).contains(&"日期".to_string()));
    }

    // Genre round A

    #[test]
    fn a_date_under_a_signature_or_the_addressee_is_not_named_by_them() {
        assert_eq!(
            names("县委巡察办：\n20XX年X月X日至X月X日，县委巡察组对我局进行了巡察。"),
            ["起始日期", "截止日期"]
        );
        assert_eq!(names("县委政策研究室\n20XX年X月X日\n"), ["日期"]);
        assert_eq!(names("出生年月\n19XX年X月\n"), ["出生年月"]);
    }

    #[test]
    fn a_date_and_its_time_of_day_have_names_of_their_own() {
        assert_eq!(
            names("会议时间：20XX年X月X日上午X:XX\n时间：20XX年X月X日下午X:XX\n"),
            ["会议日期", "会议时间", "日期", "时间"]
        );
        assert_eq!(
            names("报到：20XX年X月X日X:XX前\n"),
            ["报到日期", "报到时间"]
        );
        assert_eq!(
            names("将于20XX年X月X日上午X:XX至下午X:XX停电。"),
            ["日期", "开始时间", "结束时间"]
        );
        assert_eq!(
            names("会议时间：20XX年X月X日上午X:XX至X:XX\n"),
            ["会议日期", "会议开始时间", "会议结束时间"]
        );
    }

    #[test]
    fn a_section_of_a_body_is_named_as_one() {
        assert_eq!(
            names("列席人员：×××（XX科科长）、×××（XX股股长）\n由XX科负责，×××（XX部部长）牵头。"),
            [
                "列席人员",
                "科室名称",
                "列席人员_2",
                "股室名称",
                "科室名称_2",
                "姓名",
                "部门名称"
            ]
        );
        assert_eq!(names("XX科技有限公司"), ["科技有限公司名称"]);
    }

    #[test]
    fn an_amount_decided_on_is_named_without_the_decision() {
        assert_eq!(
            names("本次会议同意拨付项目资金X万元，下达专项经费X万元。"),
            ["项目资金", "专项经费"]
        );
        // 补贴 is money itself: no 金额 after it.
        assert_eq!(names("清退违规发放津补贴X万元。"), ["发放津补贴"]);
        assert_eq!(names("同意拨付X万元。"), ["拨付金额"]);
    }

    #[test]
    fn a_persons_own_place_is_not_shared_with_another() {
        let text = "授予XX镇等X个单位“先进集体”称号。\n\
                    ×××（XX镇党委书记）、×××（XX局局长）\n\
                    ×××，男，汉族，XX省XX县人，现任XX县XX局副局长。\n\
                    XX县人民政府\n";
        let slots = scan(text);
        assert!(shared_fields(&draft(text), text, &slots).is_empty());
        // Not a line about a person: the same town twice is one.
        let text = "XX镇党委书记×××主持会议。\nXX镇全体干部参加。\n";
        let slots = scan(text);
        assert_eq!(shared_fields(&draft(text), text, &slots).len(), 1);
    }

    #[test]
    fn the_date_of_a_meeting_that_decided_is_its_meeting_date() {
        assert_eq!(
            names("经20XX年X月X日县政府第X次常务会议研究决定：\n"),
            ["会议日期", "第几次"]
        );
        assert_eq!(
            names("经局党组20XX年X月X日会议研究决定，给予警告处分。"),
            ["会议日期"]
        );
    }

    #[test]
    fn a_person_before_benren_is_a_name_not_a_count_of_books() {
        assert_eq!(
            names("经查，×××同志违规收受礼金。×××本人对上述事实无异议。"),
            ["同志姓名", "姓名"]
        );
    }

    #[test]
    fn a_person_made_a_post_is_named_by_the_post() {
        assert_eq!(
            names("成立了以×××为组长、×××为副组长的领导小组，XXX为联络员。"),
            ["组长姓名", "副组长姓名", "联络员姓名"]
        );
        assert_eq!(
            names("任命×××为XX县财政局副局长。"),
            ["任命副局长姓名", "县名"]
        );
    }

    #[test]
    fn a_count_after_a_quoted_word_is_named_by_it() {
        assert_eq!(
            names("民主测评“优秀”X票、“称职”X票、“基本称职”X票。"),
            ["优秀票数", "称职票数", "基本称职票数"]
        );
    }

    #[test]
    fn the_second_date_of_a_range_ends_it_whatever_follows() {
        assert_eq!(
            names("放假时间：X月X日至X月X日放假调休，共X天。"),
            ["放假时间", "截止日期", "放假时间天数"]
        );
        assert_eq!(names("X月X日至X月X日停水。"), ["起始日期", "截止日期"]);
    }

    #[test]
    fn a_bare_x_before_a_line_of_work_or_a_section_at_work_is_named_by_it() {
        assert_eq!(
            names("熟悉XX业务，分管的XX股工作考核为优秀。"),
            ["业务名称", "股室名称"]
        );
        assert_eq!(names("开展XX政策解读。"), ["政策名称"]);
    }

    #[test]
    fn a_persons_native_place_is_named_as_one() {
        assert_eq!(
            names("×××，男，19XX年X月生，XX省XX县人，现任XX县XX局副局长。"),
            ["姓名", "出生日期", "籍贯省名", "籍贯县名", "县名", "局名"]
        );
        assert_eq!(names("XX县人民政府"), ["县名"]);
    }

    #[test]
    fn a_numbered_body_is_named_by_its_number() {
        assert_eq!(
            names("X月X日，县委第X巡察组对我局进行了巡察。"),
            ["日期", "第几巡察组"]
        );
    }

    #[test]
    fn a_length_of_time_that_limits_nothing_is_no_limit() {
        assert_eq!(
            names("20XX年X月X日至X月X日，共X天。"),
            ["起始日期", "截止日期", "天数"]
        );
        assert_eq!(names("请于X日内办结。"), ["办结期限"]);
    }

    #[test]
    fn the_ends_of_a_range_of_numbered_buildings_are_not_counts() {
        assert_eq!(
            names("停电范围为X栋至X栋，X号楼—X号楼。"),
            ["起始栋号", "截止栋号", "起始楼号", "截止楼号"]
        );
    }

    #[test]
    fn a_total_count_with_no_noun_is_the_total() {
        assert_eq!(
            names("负责同志X名、业务骨干X名，共计约X人。"),
            ["负责同志数", "业务骨干数", "总人数"]
        );
        assert_eq!(
            names("新建X个、改造X个，合计X个。"),
            ["新建数", "改造数", "总数"]
        );
    }

    #[test]
    fn a_share_is_named_as_one() {
        assert_eq!(
            names("全县有行政村X个，占X%；大专以上学历仅占X%。"),
            ["行政村数", "占比", "大专以上学历占比"]
        );
    }

    #[test]
    fn a_numbered_part_of_a_law_is_named_by_its_number() {
        assert_eq!(
            names("违反了《条例》第X条第X款之规定。"),
            ["第几条", "第几款"]
        );
    }

    #[test]
    fn money_taken_from_the_served_is_named_with_whom() {
        assert_eq!(
            names("违反规定收受管理服务对象礼金共计X万元。"),
            ["管理服务对象礼金"]
        );
    }

    #[test]
    fn a_bureau_named_with_its_trade_is_named_as_one() {
        assert_eq!(names("因XX供电局对线路进行检修，"), ["供电局名称"]);
    }

    // Genre round C

    #[test]
    fn a_date_and_time_before_an_action_are_named_by_it() {
        assert_eq!(
            names("请新生于X月X日下午X:XX前报到。"),
            ["报到日期", "报到时间"]
        );
        assert_eq!(names("下午X:XX前报到。"), ["报到时间"]);
        assert_eq!(names("X月X日上午X:XX在XX召开。").len(), 3);
    }

    #[test]
    fn a_count_of_floors_is_not_a_floor() {
        assert_eq!(
            names("本工程共X层，其中地下X层，地上X层。"),
            ["层数", "地下层数", "地上层数"]
        );
        assert_eq!(names("会议在X楼X层召开。"), ["会议楼层", "楼层"]);
    }

    #[test]
    fn a_lone_month_that_ends_something_is_named_by_it() {
        assert_eq!(
            names("今年1—X月，全区完成投资X亿元。各单位要于X月底前完成自查工作。"),
            ["截止月份", "投资", "完成月份"]
        );
        assert_eq!(names("X月底前报送。"), ["报送月份"]);
    }

    #[test]
    fn years_in_a_row_are_named_as_such() {
        assert_eq!(
            names("本人分管的XX股工作连续X年获得先进。"),
            ["股室名称", "连续年数"]
        );
    }

    #[test]
    fn a_subject_is_named_as_one() {
        assert_eq!(names("二、XX学科教学情况"), ["学科名称"]);
    }

    #[test]
    fn the_head_of_a_section_names_the_section() {
        assert_eq!(
            names("由XX处处长牵头，会同有关单位开展检查。"),
            ["处室名称"]
        );
    }

    #[test]
    fn an_amount_for_each_person_and_day_is_named_as_one() {
        assert_eq!(names("伙食费按每人每天X元标准收取。"), ["每人每天标准"]);
    }

    #[test]
    fn an_amount_set_as_a_target_is_named_by_it() {
        assert_eq!(names("全年确保完成X亿元投资目标。"), ["投资目标"]);
    }

    // Genre round D

    #[test]
    fn a_rate_written_in_parts_of_ten_thousand_is_a_number() {
        let schema = draft("逾期付款的，按每日万分之X的标准收取违约金。");
        let fields: Vec<&str> = schema.fields.keys().map(String::as_str).collect();
        assert_eq!(fields, ["违约金日费率"]);
        assert_eq!(schema.fields["违约金日费率"].ty, FieldType::Number);
        assert_eq!(names("每逾期一日按未付款的X‰支付违约金。"), ["逾期日费率"]);
        assert_eq!(names("合格率达到百分之X。"), ["合格率"]);
        assert_eq!(names("人口出生率为X‰。"), ["人口出生率"]);
    }

    #[test]
    fn a_change_in_percentage_points_is_named_by_the_rate() {
        let schema = draft("毛利率较上年同期下降X个百分点。");
        let fields: Vec<&str> = schema.fields.keys().map(String::as_str).collect();
        assert_eq!(fields, ["毛利率下降百分点"]);
        assert_eq!(schema.fields["毛利率下降百分点"].ty, FieldType::Number);
        assert_eq!(names("，较上年同期下降X个百分点。"), ["下降百分点"]);
        assert_eq!(
            names("资产负债率同比提高X个百分点。"),
            ["资产负债率提高百分点"]
        );
        assert_eq!(
            names("毛利率XX%，提高X个百分点。"),
            ["毛利率", "毛利率提高百分点"]
        );
    }

    #[test]
    fn other_is_a_word_of_the_noun() {
        assert_eq!(names("其他业务收入X万元。"), ["其他业务收入"]);
    }

    #[test]
    fn years_a_thing_has_lasted_are_named_by_it() {
        assert_eq!(names("我参加工作至今已有X年。"), ["工作年数"]);
        assert_eq!(names("我与该生相识已有X年。"), ["相识年数"]);
        assert_eq!(names("，至今已有X年。"), ["年数"]);
    }

    #[test]
    fn a_workshop_a_firm_an_illness_a_brand_are_named_as_such() {
        assert_eq!(names("XX车间（以下简称乙方）"), ["车间名称"]);
        assert_eq!(names("委托XX律师事务所代理。"), ["律师事务所名称"]);
        assert_eq!(names("该员工患有XX病，需休息。"), ["病名"]);
        assert_eq!(names("购买XX牌小型轿车一辆。"), ["品牌"]);
    }

    #[test]
    fn a_department_greeted_is_the_one_written_to() {
        assert_eq!(names("XX部门领导：\n您好！"), ["收信部门名称"]);
        assert_eq!(names("任职于XX部门。"), ["部门名称"]);
    }

    #[test]
    fn the_items_of_a_list_are_named_by_its_heading() {
        assert_eq!(
            names("临床诊断：\n1．XXXXXXX\n2．XXXXXXX\n"),
            ["临床诊断", "临床诊断_2"]
        );
        assert_eq!(names("说明：\n1．XXXXXXX，详见附件\n"), ["内容"]);
    }

    #[test]
    fn the_party_that_bears_a_cost_and_weeks_are_named_as_such() {
        assert_eq!(names("运费由X方承担。"), ["运费承担方"]);
        assert_eq!(names("建议休息X周，X周后复查。"), ["休息周数", "复查周数"]);
    }

    #[test]
    fn a_date_a_time_is_said_to_be_is_named_by_it() {
        assert_eq!(
            names("车辆交付时间为20XX年X月X日X时。"),
            ["车辆交付日期", "时"]
        );
    }

    #[test]
    fn the_parts_of_a_code_after_its_label_are_named_by_it() {
        assert_eq!(
            names("合同编号：XX-20XX-XXX\n规格型号：XX-XXX\n"),
            [
                "合同编号",
                "合同编号年份",
                "合同编号_2",
                "规格型号",
                "规格型号_2"
            ]
        );
    }

    #[test]
    fn a_label_with_a_word_in_brackets_is_read_whole() {
        assert_eq!(names("应退（补）款：XXX元\n"), ["应退补款金额"]);
    }

    #[test]
    fn a_word_that_a_stop_character_ends_or_a_number_starts_is_read_whole() {
        let text = "签约X人，重点人群签约率X%。\n查处违法行为X起。\n会计X人，高中X所。\n\
                    中考平均分X分，其中考核优秀X人。\n65岁以上老年人健康管理X人。\n\
                    中等职业学校X所。\n";
        assert_eq!(
            names(text),
            [
                "签约人数",
                "重点人群签约率",
                "查处违法行为数",
                "会计人数",
                "高中数",
                "中考平均分",
                "考核优秀人数",
                "老年人健康管理人数",
                "中等职业学校数"
            ]
        );
    }

    // Genre round E

    #[test]
    fn the_bodies_a_meeting_hears_or_tasks_are_not_one_body() {
        let g = groups(
            "会议听取了XX局关于安全生产工作的汇报。会议要求，XX局要加强监管。\
             会议听取了XX局关于防汛工作的汇报，要求XX局做好物资储备。由XX局牵头。",
        );
        assert!(g.iter().all(|(_, n)| *n == 1), "{g:?}");
        assert_eq!(groups("为X村捐款X万元，作为X村帮扶单位。")[0].1, 2);
    }

    #[test]
    fn a_person_is_named_by_the_role_before_or_the_act_after() {
        assert_eq!(
            names("XX科工作人员XXX擅自离岗。对科室负责人XXX进行诫勉谈话。"),
            ["科室名称", "工作人员姓名", "科室负责人姓名"]
        );
        assert_eq!(names("老人家属XXX送来锦旗。"), ["老人家属姓名"]);
        assert_eq!(
            names("会议由XXX主持，XXX作了讲话。"),
            ["主持人姓名", "讲话人姓名"]
        );
        assert_eq!(
            names("由XXX任组长，XXX担任副组长。"),
            ["组长姓名", "副组长姓名"]
        );
    }

    #[test]
    fn a_verb_before_a_comrade_is_no_role() {
        assert_eq!(
            names("关于表扬XXX同志的通报。决定对XXX同志给予通报批评。"),
            ["同志姓名", "同志姓名_2"]
        );
    }

    #[test]
    fn a_count_of_lamps_helmets_or_banners_is_a_whole_number() {
        let schema = draft("共检查灭火器XX具，应急灯XX盏，安全帽XX顶，路灯XX根，标语XX幅。");
        let types: Vec<FieldType> = schema.fields.values().map(|f| f.ty).collect();
        assert_eq!(types, [FieldType::Integer; 5]);
        assert_eq!(names("XX具有资质，XXX根据规定办理。").len(), 2);
        assert_eq!(names("约谈X人。"), ["约谈人数"]);
    }

    #[test]
    fn a_value_before_and_after_a_change_is_named_by_what_changes() {
        assert_eq!(
            names("乙方月基本工资由XXXX元调整为XXXX元。"),
            ["原月基本工资", "调整后月基本工资"]
        );
        assert_eq!(
            names("乙方工作岗位由XX岗位调整为XX岗位。"),
            ["原工作岗位", "调整后工作岗位"]
        );
        assert_eq!(
            names("参保人数从XX人增加到XX人。"),
            ["原参保人数", "增加后参保人数"]
        );
    }

    #[test]
    fn a_growth_after_a_share_of_a_target_is_the_measures() {
        assert_eq!(
            names("完成销售额XXX万元，完成年度目标的XX%，同比增长XX%。"),
            ["销售额", "年度目标比例", "销售额同比增长"]
        );
        assert_eq!(
            names("完成产值X亿元，占计划的XX%，增长X%。"),
            ["产值", "占计划比例", "产值增长"]
        );
    }

    #[test]
    fn the_place_of_a_person_named_after_it_is_that_persons_own() {
        let g = groups("X村党支部书记XXX、X村党支部书记XXX参加会议。为X村修建道路X公里。");
        assert_eq!(g[0], ("村名".to_string(), 1), "{g:?}");
        assert!(
            g.iter()
                .filter(|(n, _)| n.starts_with("村名"))
                .all(|(_, n)| *n == 1),
            "{g:?}"
        );
        assert_eq!(names("由XXX负责。"), ["负责人姓名"]);
    }

    #[test]
    fn an_aim_a_number_to_dial_and_a_grade_are_named_by_their_noun() {
        assert_eq!(
            names("力争明年帮扶村集体经济收入达到XX万元。"),
            ["帮扶村集体经济收入"]
        );
        assert_eq!(names("请拨打物业服务电话XXXXXXXX。"), ["物业服务电话"]);
        assert_eq!(names("召开X年级家长会。"), ["年级"]);
    }

    #[test]
    fn a_department_a_square_a_park_and_a_station_are_named_as_such() {
        assert_eq!(
            names("听取了XX部关于工作的汇报。会议要求，XX部要抓好落实。"),
            ["部门名称", "部门名称_2"]
        );
        assert_eq!(
            names("在XX广场和XX公园开展义诊。XX电视台进行了报道。"),
            ["广场名称", "公园名称", "电视台名称"]
        );
        assert_eq!(names("XX部分内容。"), ["名称"]);
    }

    // Genre round F

    #[test]
    fn a_company_before_a_persons_name_is_that_persons_own() {
        // 授权委托书: the agent may work for another company than the one that signs.
        let g = groups("我×××系XX有限公司的法定代表人，现授权委托XX有限公司的×××为我公司代理人。");
        assert!(g.iter().all(|(_, n)| *n == 1), "{g:?}");
    }

    #[test]
    fn the_place_in_a_companys_name_is_not_the_documents_place() {
        // 居住证明: where the person works says nothing of where the committee stands.
        let g =
            groups("其工作单位为XX市XX区XX有限公司。\n\nXX市XX区XX街道XX社区居民委员会（盖章）\n");
        assert!(g.iter().all(|(_, n)| *n == 1), "{g:?}");
    }

    #[test]
    fn the_kind_of_penalty_is_a_word_not_a_count() {
        let s = draft("三、如再次违反，自愿接受公司XX处分。\n对其给予XX处罚。");
        assert_eq!(
            s.fields.keys().collect::<Vec<_>>(),
            ["处分种类", "处罚种类"]
        );
        assert!(s.fields.values().all(|f| f.ty == FieldType::Text));
    }

    #[test]
    fn each_appointee_is_named_by_the_act_and_the_post() {
        assert_eq!(
            names(
                "任命×××同志为XX科科长；\n任命×××同志为XX办公室副主任；\n免去×××同志XX中心主任职务；\n免去×××的XX市财政局副局长职务。\n"
            )
            .into_iter()
            .filter(|n| n.ends_with("姓名"))
            .collect::<Vec<_>>(),
            [
                "任命科长姓名",
                "任命副主任姓名",
                "免去主任姓名",
                "免去副局长姓名"
            ]
        );
    }

    #[test]
    fn the_capital_digits_of_an_amount_in_words_are_words_named_by_their_place() {
        let s = draft("今收到×××交来租金人民币X.XX元（大写：X万X仟X佰X拾X元X角X分）。");
        let digits: Vec<_> = s
            .fields
            .iter()
            .filter(|(n, _)| n.starts_with("大写金额"))
            .collect();
        assert_eq!(
            digits.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            [
                "大写金额万位",
                "大写金额仟位",
                "大写金额佰位",
                "大写金额拾位",
                "大写金额元位",
                "大写金额角位",
                "大写金额分位"
            ]
        );
        assert!(digits.iter().all(|(_, f)| f.ty == FieldType::Choice
            && f.extras().choices.len() == 10
            && f.extras().choices[5] == "伍"));
        assert_eq!(
            names("保证金人民币（大写）X拾X万元整（￥X元）"),
            ["大写金额拾万位", "大写金额万位", "金额"]
        );
    }

    #[test]
    fn a_noun_that_starts_with_a_stop_word_is_read_whole() {
        assert_eq!(
            names("编制人数X人，实有在职人员X人。"),
            ["编制人数", "在职人员人数"]
        );
        assert_eq!(
            names("申请财政资金X万元，单位自筹X万元。"),
            ["财政资金", "单位自筹金额"]
        );
    }

    #[test]
    fn a_bare_x_before_a_kind_of_thing_is_named_by_it() {
        assert_eq!(
            names(
                "本证明仅用于办理XX手续。因XX原因违反了公司XX规定。完成XX制度修订。建设XX生产线X条。"
            ),
            [
                "手续名称",
                "原因",
                "规定名称",
                "制度名称",
                "生产线名称",
                "生产线数"
            ]
        );
        assert_eq!(names("20XX年，我部将以XX为指导，"), ["年份", "指导思想"]);
        assert_eq!(
            names("今收到×××交来XX款人民币X.XX元。"),
            ["交款人", "款项名称", "金额"]
        );
    }

    #[test]
    fn an_amount_of_a_penalty_is_named_by_the_penalty_after_it() {
        assert_eq!(
            names("如逾期未还，借款人愿按每日X元支付违约金。对XX公司处以X万元罚款。"),
            ["每日违约金", "公司名称", "罚款金额"]
        );
    }

    #[test]
    fn a_money_noun_with_a_word_in_brackets_is_read_whole() {
        assert_eq!(names("其中：因公出国（境）费X万元。"), ["因公出国境费"]);
    }

    #[test]
    fn the_bodies_of_several_appointees_posts_are_not_one() {
        let g = groups(
            "任命×××同志为XX镇党委书记；\n任命×××同志为XX镇镇长；\n任命×××同志为XX局局长；\n免去×××同志XX局局长职务。\n",
        );
        assert!(g.iter().all(|(_, n)| *n == 1), "{g:?}");
        // The document's own city, named first, is still the one of its posts.
        let g = groups("XX市人民政府关于×××等同志任免职务的通知\n任命×××为XX市教育局局长；\n");
        assert!(g.contains(&("市名".to_string(), 2)), "{g:?}");
    }

    #[test]
    fn a_body_one_has_left_is_not_the_one_that_certifies() {
        let g = groups(
            "该同志原工作单位为XX有限公司，于20XX年X月离职。\n特此证明。\nXX有限公司人力资源部（盖章）\n",
        );
        assert_eq!(
            g.iter()
                .filter(|(name, n)| name.starts_with("公司名称") && *n == 1)
                .count(),
            2,
            "{g:?}"
        );
    }

    #[test]
    fn a_post_held_in_a_department_is_named_as_a_post() {
        assert_eq!(
            names("20XX年X月至20XX年X月在XX部任XX，20XX年X月起调任XX部XX至今。"),
            [
                "起始日期",
                "截止日期",
                "部门名称",
                "职务",
                "起始日期_2",
                "部门名称_2",
                "职务_2"
            ]
        );
        assert_eq!(
            names("本人×××，系XX公司XX部员工。"),
            ["本人姓名", "公司名称", "部门名称"]
        );
    }

    #[test]
    fn the_kind_of_an_accident_is_named_as_such() {
        assert_eq!(
            names("20XX年X月X日，XX车间发生一起XX事故，造成X人死亡。"),
            ["日期", "车间名称", "事故类型", "死亡人数"]
        );
    }

    #[test]
    fn a_count_in_ten_thousands_takes_decimals() {
        let s = draft("辖区常住人口X万人，接种疫苗X万剂次，门急诊X万人次，共X人。");
        let types: Vec<_> = s.fields.values().map(|f| f.ty).collect();
        assert_eq!(
            types,
            [
                FieldType::Number,
                FieldType::Number,
                FieldType::Number,
                FieldType::Integer
            ]
        );
    }

    // Genre round G

    #[test]
    fn an_email_address_blank_on_both_sides_is_one_field() {
        assert_eq!(names("请发送至电子邮箱XXXX@XX.com。"), ["电子邮箱"]);
        assert_eq!(names("电子邮箱：XXXXXXXX@163.com"), ["电子邮箱"]);
        // A size is two numbers, no number of its unit.
        let s = draft("规格X×X毫米。");
        assert!(s.fields.values().all(|f| f.ty == FieldType::Text));
    }

    #[test]
    fn tables_rolls_centimetres_wells_and_characters_are_measured() {
        let s = draft(
            "宴席规模控制在XX桌以内。路面厚XX厘米，降雨量XXX.X毫米。查阅工程资料XX卷，山塘XXX口，心得体会不少于XXXX字。",
        );
        let types: Vec<_> = s.fields.values().map(|f| f.ty).collect();
        assert_eq!(
            types,
            [
                FieldType::Integer,
                FieldType::Number,
                FieldType::Number,
                FieldType::Integer,
                FieldType::Integer,
                FieldType::Integer
            ]
        );
        assert_eq!(names("限XXX字以内。").len(), 1);
        assert_eq!(names("限XXX字以内。"), ["字数"]);
        assert_eq!(names("XX口岸。XX卷烟厂。").len(), 2);
        assert!(
            draft("XX口岸。XX卷烟厂。")
                .fields
                .values()
                .all(|f| f.ty == FieldType::Text)
        );
    }

    #[test]
    fn a_count_of_people_under_its_label_is_a_whole_number() {
        let s = draft(
            "专业名称    学制    计划人数   学费（元/年）
计算机      3年     XX         XXXX
计划人数：XX
",
        );
        let types = name_types(&s);
        assert_eq!(
            types,
            [
                ("计划人数", FieldType::Integer),
                ("学费", FieldType::Text),
                ("计划人数_2", FieldType::Integer)
            ]
        );
    }

    #[test]
    fn a_count_or_amount_for_each_is_named_by_the_each() {
        assert_eq!(
            names("购进饮料XX箱（每箱XX瓶），进价每箱XX元，以每瓶X.X元的价格销售。每组X人。"),
            ["购进饮料数", "每箱瓶数", "每箱进价", "每瓶金额", "每组人数"]
        );
        assert_eq!(
            names("每生每年XXXX元；慰问困难家庭，每户XXX元。按每平方米XX元计算。"),
            ["每生每年金额", "每户金额", "每平方米金额"]
        );
    }

    #[test]
    fn party_words_and_the_year_before_a_noun_are_read_whole() {
        assert_eq!(
            names("表彰优秀共产党员XX名。新建自动雨量站XX个。共有自然村X个。"),
            ["表彰优秀共产党员数", "新建自动雨量站数", "自然村数"]
        );
        assert_eq!(
            names("梳理20XX年以来干部选拔任用档案XX份。20XX年度应缴党费党员XXX名。"),
            ["年份", "干部选拔任用档案数", "年度", "应缴党费党员数"]
        );
        assert_eq!(names("县委常委、组织部部长×××。"), ["组织部部长姓名"]);
    }

    #[test]
    fn what_is_done_after_a_counted_noun_is_no_part_of_it() {
        assert_eq!(
            names("邀请X名糕点师现场教学。已有XX个机关食堂加入。每月向X名身边人宣传一次。"),
            ["糕点师数", "机关食堂数", "身边人数"]
        );
    }

    #[test]
    fn a_label_after_a_date_on_its_line_is_its_own() {
        assert_eq!(
            names("开工日期：20XX年X月X日    完工日期：20XX年X月X日\n"),
            ["开工日期", "完工日期"]
        );
        assert_eq!(names("姓    名：×××"), ["姓名"]);
    }
    #[test]
    fn a_telephone_with_words_after_it_is_the_telephone() {
        let s = draft("发现浪费行为，可拨打监督电话XXXX-XXXXXXXX进行反映。");
        assert_eq!(s.fields.keys().collect::<Vec<_>>(), ["监督电话"]);
    }

    #[test]
    fn a_penalty_ending_in_fen_splits_nothing() {
        assert_eq!(
            names("给予党纪处分X人、政务处分X人，组织处理X人。分X批次。"),
            ["党纪处分人数", "政务处分人数", "组织处理人数", "批次数"]
        );
    }

    #[test]
    fn a_post_before_by_whom_it_is_held_names_the_person() {
        assert_eq!(
            names("办公室主任由×××兼任。组长由×××担任。"),
            ["办公室主任姓名", "组长姓名"]
        );
    }

    #[test]
    fn a_numbered_body_in_a_title_is_numbered_too() {
        let s =
            draft("关于县委第X巡察组巡察反馈意见整改情况的报告\n县委第X巡察组对我局进行了巡察。\n");
        assert_eq!(
            s.fields.keys().collect::<Vec<_>>(),
            ["第几巡察组", "第几巡察组_2"]
        );
        assert!(s.fields.values().all(|f| f.ty == FieldType::Integer));
    }
    #[test]
    fn a_field_an_industry_a_park_and_a_station_are_named_as_such() {
        assert_eq!(
            names("鉴于您在XX领域的成就。实地考察XX产业园。以XX产业为主导。XX水文站最高水位。"),
            ["领域名称", "产业园名称", "产业名称", "水文站名称"]
        );
    }

    // Genre round H

    #[test]
    fn a_flats_layout_counts_its_rooms() {
        let s = draft("房屋结构为X室X厅X卫，住房结构：X房X厅。\nXX科室名称：X室。\n");
        let layout: Vec<_> = s
            .fields
            .values()
            .filter(|f| f.ty == FieldType::Integer)
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(
            layout,
            ["卧室数", "客厅数", "卫生间数", "卧室数_2", "客厅数_2"]
        );
        assert_eq!(names("在X楼XX会议室。")[1], "会议室名称");
    }

    #[test]
    fn a_building_numbered_before_its_unit_is_an_address() {
        assert_eq!(
            names("尊敬的X栋X单元XXX室业主：\n位于X号楼X单元XXX室。"),
            ["栋号", "单元号", "房间号", "楼号", "单元号_2", "房间号_2"]
        );
        // A count of buildings stays a count.
        let count = draft("新建住宅X栋。");
        assert!(count.fields.values().all(|f| f.ty == FieldType::Integer));
    }

    #[test]
    fn a_label_after_a_wide_gap_is_read_from_the_gap() {
        assert_eq!(
            names(
                "开工日期：20XX年X月X日    竣工日期：20XX年X月X日\n就诊科室：XX科    就诊日期：20XX年X月X日\n"
            ),
            ["开工日期", "竣工日期", "就诊科室", "就诊日期"]
        );
    }

    #[test]
    fn a_pupil_a_contest_and_a_prizes_grade_are_named_as_such() {
        assert_eq!(
            names("XXX同学：\n本学期你表现XXXX。\n全班XX名同学。"),
            ["同学姓名", "本学期你表现", "同学数"]
        );
        assert_eq!(
            names(
                "在第XX届全国中学生XXXX竞赛（XX赛区）中荣获X等奖。\n记X等功一次。\nXXXX竞赛组委会"
            ),
            [
                "第几届",
                "竞赛名称",
                "赛区名称",
                "获奖等级",
                "立功等级",
                "竞赛组委会名称"
            ]
        );
        assert_eq!(names("中学生XXX获奖。"), ["中学生姓名"]);
    }

    #[test]
    fn years_before_months_are_a_length_of_time() {
        // 离职证明: `工作年限共计X年X个月`; a year of a date would refuse 3.
        let s = draft("在我公司工作X年X个月。");
        let f: Vec<_> = s
            .fields
            .values()
            .map(|f| (f.name.as_str(), f.ty, f.min))
            .collect();
        assert_eq!(
            f,
            [
                ("公司工作年数", FieldType::Integer, Some(0.0)),
                ("月数", FieldType::Integer, Some(0.0))
            ]
        );
    }

    #[test]
    fn an_hour_before_written_minutes_is_a_whole_hour() {
        let s = draft("报到时间：20XX年X月X日上午X:00\n会议于上午X:00—XX:30举行，配比X:1。\n");
        let hours: Vec<_> = s
            .fields
            .values()
            .filter(|f| f.ty == FieldType::Integer && f.max == Some(23.0))
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(hours, ["报到时间", "开始时间", "结束时间"]);
    }

    #[test]
    fn credits_are_a_number_that_takes_halves() {
        let s = draft("该生已修满XXX学分，平均学分绩点X.XX。");
        let f = &s.fields["修满学分"];
        assert_eq!(f.ty, FieldType::Number);
    }

    // Genre round J

    #[test]
    fn rows_of_blanks_under_a_chinese_header_are_named_by_the_header() {
        // 会议回执: a row all of X and spaces is no English line.
        let t = "姓名        职务        手机号码\nXXX         XXX         XXXXXXXXXXX\nXXX         XXX         XXXXXXXXXXX\n";
        assert_eq!(
            names(t),
            ["姓名", "职务", "手机号码", "姓名_2", "职务_2", "手机号码_2"]
        );
        // English stays English.
        assert_eq!(names("Dear XXX, welcome."), ["dear"]);
    }

    #[test]
    fn a_quantity_column_of_goods_is_a_number() {
        // 物资领用单: 2.5 公斤 must be taken.
        let t = "序号   物资名称     规格型号     单位   数量   单价（元）\n1      XXXX         XXXX         个     XX     XX.XX\n";
        let s = draft(t);
        let f = &s.fields["数量"];
        assert_eq!((f.ty, f.min), (FieldType::Number, Some(0.0)));
    }

    // Genre round I

    #[test]
    fn two_subjects_of_one_sentence_are_two_bodies() {
        let g = groups("X县供销社20XX年工作总结\nX公司完成改制，X公司实现扭亏为盈。\n");
        assert_eq!(
            g.iter().filter(|(n, _)| n.starts_with("公司名称")).count(),
            2
        );
        // The body a sentence speaks of and then names again as an object stays one.
        let g = groups("X公司工会在公司党委领导下，团结带领X公司干部职工。\n");
        assert_eq!(g, [("公司名称".to_string(), 2)]);
    }

    #[test]
    fn letters_and_visits_are_counted_in_jianci() {
        let s = draft("接待妇女来信来访X件次，调处纠纷X起。");
        let f = s.fields.values().next().unwrap();
        assert_eq!(
            (f.name.as_str(), f.ty),
            ("接待妇女来信来访数", FieldType::Integer)
        );
    }

    #[test]
    fn waiting_is_a_word_not_a_stop() {
        assert_eq!(
            names("办税平均等候时间X分钟，等待时长X分钟。"),
            ["办税平均等候时间", "等待时长"]
        );
    }

    #[test]
    fn all_of_them_ends_the_noun_counted() {
        assert_eq!(
            names("下属X个党支部全部完成标准化建设，X座山塘全部落实责任人。"),
            ["党支部数", "山塘数"]
        );
    }
}
