//! [`Schema`] × slots → [`Bindings`]: which field fills each slot, through the anchors.
//! Reports slots claimed by two fields, slots no field claims, and anchors that match no
//! slot (the template changed). Values are another module's business.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

use crate::error::{Error, Location};
use crate::grouped::Grouped;
use crate::scan::Slot;
use crate::schema::Schema;

/// An anchor of the schema: field index and anchor index within the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnchorRef {
    /// Index of the field in the schema's order.
    pub field: usize,
    /// Index of the anchor within the field.
    pub anchor: usize,
}

/// Which field fills each slot.
#[derive(Debug, Clone, Default)]
pub struct Bindings {
    /// For each slot (by index into the slot list), the index of its field.
    pub field_of: Vec<Option<usize>>,
    /// Slots whose anchors come from two fields: slot index and the two field indexes.
    pub claimed_twice: Vec<(usize, [usize; 2])>,
    /// Anchors that match no slot.
    pub stale: Vec<AnchorRef>,
    /// For each slot of a `date` field that fills several slots, the part of the date it
    /// holds: the character right after it (年, 月, 日 or 号); empty when there is none.
    pub date_part: Vec<Option<char>>,
}

impl Bindings {
    /// Marks the slots of `date` fields that fill several slots with the part each holds.
    fn mark_date_parts(&mut self, schema: &Schema, text: &str, slots: &[Slot]) {
        let mut count = vec![0usize; schema.fields.len()];
        for f in self.field_of.iter().flatten() {
            count[*f] += 1;
        }
        let dated =
            |f: usize| schema.fields[f].ty == crate::schema::FieldType::Date && count[f] > 1;
        if !(0..count.len()).any(dated) {
            return;
        }
        self.date_part = self
            .field_of
            .iter()
            .zip(slots)
            .map(|(f, slot)| {
                f.filter(|&f| dated(f))
                    .and_then(|_| text[slot.span.end..].chars().next())
                    .filter(|c| "年月日号".contains(*c))
            })
            .collect();
    }

    /// The part of a date slot `s` holds (年, 月, 日 or 号), if it holds one.
    pub fn part(&self, s: usize) -> Option<char> {
        self.date_part.get(s).copied().flatten()
    }
}

impl Bindings {
    /// Indexes of slots that no field claims.
    pub fn unmapped(&self) -> impl Iterator<Item = usize> + '_ {
        self.field_of
            .iter()
            .enumerate()
            .filter(|(_, f)| f.is_none())
            .map(|(i, _)| i)
    }

    /// Slots claimed twice as errors naming both fields and the slot's place in `file`.
    pub fn conflicts(
        &self,
        schema: &Schema,
        text: &str,
        slots: &[Slot],
        file: &str,
    ) -> Result<(), Error> {
        let errors = self
            .claimed_twice
            .iter()
            .map(|&(s, [a, b])| {
                let slot = &slots[s];
                Error::SlotClaimedTwice {
                    slot: Location::new(file, slot.position.line, slot.position.column)
                        .with_excerpt(text, slot.span),
                    fields: [schema.fields[a].name.clone(), schema.fields[b].name.clone()],
                }
            })
            .collect();
        Error::collect(errors)
    }
}

/// The fields `init` would draft for `slots` in `text` and their bindings, without writing
/// the anchors: what binding init's schema would give (see [`crate::schema::draft_fields`]).
/// For reading values out of a filled document when no schema is given.
pub fn drafted(text: &str, slots: &[Slot], file: &str) -> (Schema, Bindings) {
    let (schema, field_of) = crate::schema::draft_fields(text, slots, file);
    let mut bindings = Bindings {
        field_of: field_of.into_iter().map(Some).collect(),
        ..Bindings::default()
    };
    bindings.mark_date_parts(&schema, text, slots);
    (schema, bindings)
}

/// Binds `slots` of `text` to the fields of `schema`, in one pass over the text.
pub fn bind(schema: &Schema, text: &str, slots: &[Slot]) -> Bindings {
    let mut bindings = Bindings {
        field_of: vec![None; slots.len()],
        ..Bindings::default()
    };
    // One needle per distinct anchor text; several anchors may share it. For each needle,
    // the anchors it stands for, with their prefix and slot lengths.
    let anchors: usize = schema.fields.values().map(|f| f.anchors.len()).sum();
    let mut by_needle: FxHashMap<Cow<str>, usize> = FxHashMap::default();
    by_needle.reserve(anchors);
    let mut found: Vec<(usize, Owner)> = Vec::with_capacity(anchors);
    let mut variants = Vec::new();
    // The text around a slot can only match an anchor of the same shape (prefix and suffix
    // lengths), and the sieve below tells most windows that match none; both are made here,
    // while each needle is at hand (a schema may have 100,000: going over them again costs
    // a cache miss each).
    let mut shapes: Vec<(usize, usize)> = Vec::new();
    let mut sieve = Sieve::new(anchors);
    for (f, field) in schema.fields.values().enumerate() {
        for (a, anchor) in field.anchors.iter().enumerate() {
            line_ending_variants(anchor.prefix(), anchor.needle(), &mut variants);
            let slot_len = anchor.slot().len();
            for (prefix_len, needle) in variants.drain(..) {
                let shape = (prefix_len, needle.len() - prefix_len - slot_len);
                // Past MAX_SHAPES the number is all that matters.
                if shapes.len() <= MAX_SHAPES && !shapes.contains(&shape) {
                    shapes.push(shape);
                }
                sieve.insert(needle.as_bytes(), prefix_len);
                let next = by_needle.len();
                let id = *by_needle.entry(needle).or_insert(next);
                let anchor_ref = AnchorRef {
                    field: f,
                    anchor: a,
                };
                found.push((id, Owner(anchor_ref, prefix_len, slot_len)));
            }
        }
    }
    // Each needle's owners.
    let owners = Grouped::new(by_needle.len(), found);
    // An anchor counts as used when any of its line-ending variants matched.
    let mut used = vec![false; owners.keys()];
    // Look each slot's surroundings up for every shape the schema has, when there are few.
    shapes.sort_unstable();
    if shapes.len() <= MAX_SHAPES {
        // Only a large table is worth a sieve: a small one stays in the cache.
        let sieve = (owners.keys() > SIEVE_FROM).then_some(sieve);
        // The needles around each slot, found on all cores (a large template has 100,000
        // slots, each looked up once per shape), then claimed in slot order.
        let around = |s: usize, hits: &mut Vec<(usize, usize, usize)>| {
            let slot = &slots[s];
            for &(before, after) in &shapes {
                let (Some(start), end) =
                    (slot.span.start.checked_sub(before), slot.span.end + after)
                else {
                    continue;
                };
                let Some(bytes) = text.as_bytes().get(start..end) else {
                    continue;
                };
                if let Some(sieve) = &sieve
                    && !sieve.may_hold(bytes, before)
                {
                    continue;
                }
                if let Some(&id) = text.get(start..end).and_then(|w| by_needle.get(w)) {
                    hits.push((s, id, before));
                }
            }
        };
        let hits: Vec<Vec<(usize, usize, usize)>> = (0..slots.len().div_ceil(PARALLEL_SLOTS))
            .into_par_iter()
            .map(|chunk| {
                let mut hits = Vec::new();
                let end = ((chunk + 1) * PARALLEL_SLOTS).min(slots.len());
                for s in chunk * PARALLEL_SLOTS..end {
                    around(s, &mut hits);
                }
                hits
            })
            .collect();
        for (s, id, before) in hits.into_iter().flatten() {
            for &Owner(anchor, prefix_len, slot_len) in owners.of(id) {
                if prefix_len == before && slot_len == slots[s].span.len() {
                    used[id] = true;
                    claim(&mut bindings, s, anchor.field);
                }
            }
        }
    } else if owners.keys() > 0 {
        let mut needles = vec![""; owners.keys()];
        for (needle, &id) in &by_needle {
            needles[id] = needle.as_ref();
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&needles)
            .expect("anchors are short literals and always build an automaton");
        let starts: FxHashMap<usize, usize> = slots
            .iter()
            .enumerate()
            .map(|(i, s)| (s.span.start, i))
            .collect();
        for m in ac.find_overlapping_iter(text) {
            let id = m.pattern().as_usize();
            for &Owner(anchor, prefix_len, slot_len) in owners.of(id) {
                let at = m.start() + prefix_len;
                let Some(&s) = starts.get(&at) else { continue };
                if slots[s].span.end != at + slot_len {
                    continue; // part of a longer run, or a run glued to digits
                }
                used[id] = true;
                claim(&mut bindings, s, anchor.field);
            }
        }
    }
    // An anchor with a line-ending variant that matched is not stale (only needed when
    // some needle matched nothing).
    let mut matched = rustc_hash::FxHashSet::default();
    if used.contains(&false) {
        for (id, _) in used.iter().enumerate().filter(|(_, used)| **used) {
            matched.extend(owners.of(id).iter().map(|o| o.0));
        }
    }
    for (id, _) in used.iter().enumerate().filter(|(_, used)| !**used) {
        let stale = owners.of(id).iter().map(|o| o.0);
        bindings
            .stale
            .extend(stale.filter(|a| !matched.contains(a)));
    }
    bindings.stale.sort_by_key(|r| (r.field, r.anchor));
    bindings.stale.dedup();
    bindings.claimed_twice.sort();
    bindings.mark_date_parts(schema, text, slots);
    bindings
}

/// An anchor a needle stands for, with the lengths of its prefix and slot in the needle.
#[derive(Clone, Copy)]
struct Owner(AnchorRef, usize, usize);

/// Slots looked up as one piece of work: fewer are not worth handing to another thread.
const PARALLEL_SLOTS: usize = 4096;

/// From this many needles on, windows go through a [`Sieve`] first.
const SIEVE_FROM: usize = 4096;

/// A bit per needle's prefix length, length and first and last bytes: most windows
/// around a slot match no needle and fail it without a look into the needle table, which
/// for a schema of 100,000 anchors is far larger than the processor's caches.
struct Sieve {
    bits: Vec<u64>,
    shift: u32,
}

impl Sieve {
    /// A sieve for about `n` needles (few false hits: 32 bits per needle).
    fn new(n: usize) -> Sieve {
        let bits = (n * 32).next_power_of_two().max(1 << 12);
        Sieve {
            bits: vec![0; bits / 64],
            shift: 64 - bits.trailing_zeros(),
        }
    }

    fn bit(&self, text: &[u8], before: usize) -> usize {
        let n = text.len();
        let (head, tail) = match (text.first_chunk::<8>(), text.last_chunk::<8>()) {
            (Some(head), Some(tail)) => (u64::from_le_bytes(*head), u64::from_le_bytes(*tail)),
            // Shorter than a word: the same bytes at both ends.
            _ => {
                let mut w = [0u8; 8];
                w[..n].copy_from_slice(text);
                let w = u64::from_le_bytes(w);
                (w, w)
            }
        };
        let mut h = head.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h = (h ^ tail).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h = (h ^ ((n as u64) << 32 | before as u64)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        // The top bits are the best mixed.
        (h >> self.shift) as usize
    }

    fn insert(&mut self, needle: &[u8], before: usize) {
        let b = self.bit(needle, before);
        self.bits[b / 64] |= 1 << (b % 64);
    }

    fn may_hold(&self, window: &[u8], before: usize) -> bool {
        let b = self.bit(window, before);
        self.bits[b / 64] & (1 << (b % 64)) != 0
    }
}

/// Above this many anchor shapes (prefix and suffix lengths), an Aho-Corasick automaton
/// over the text is cheaper than looking up every slot's surroundings once per shape.
const MAX_SHAPES: usize = 64;

/// An anchor's prefix length and needle as written, and, when it spans line breaks, with
/// each break as LF or as CRLF: a schema drafted from an LF template works on its CRLF copy,
/// and on a template whose lines end both ways (as `drift` reads line ends too). They are
/// added to `variants` (a list the caller reuses: a schema may have 100,000 anchors).
fn line_ending_variants<'a>(
    prefix: &str,
    needle: Cow<'a, str>,
    variants: &mut Vec<(usize, Cow<'a, str>)>,
) {
    let breaks = needle.matches('\n').count();
    if breaks == 0 {
        variants.push((prefix.len(), needle));
        return;
    }
    let lf = |s: &str| s.replace("\r\n", "\n");
    let (lf_prefix, lf_needle) = (lf(prefix), lf(&needle));
    let first = variants.len();
    variants.push((prefix.len(), needle));
    // Every mix for the few breaks an anchor spans (init's span two at most); beyond that,
    // all LF or all CRLF. Bit i of a mask makes break i a CRLF.
    let masks: Vec<u32> = if breaks <= 4 {
        (0..1 << breaks).collect()
    } else {
        vec![0, u32::MAX]
    };
    let with = |s: &str, mask: u32| {
        let mut out = String::with_capacity(s.len() + breaks);
        for (i, part) in s.split('\n').enumerate() {
            if i > 0 {
                let crlf = (mask >> (i - 1).min(31)) & 1 == 1;
                out.push_str(if crlf { "\r\n" } else { "\n" });
            }
            out.push_str(part);
        }
        out
    };
    for mask in masks {
        let v = (
            with(&lf_prefix, mask).len(),
            Cow::Owned(with(&lf_needle, mask)),
        );
        if !variants[first..].contains(&v) {
            variants.push(v);
        }
    }
}

/// The stale anchors whose surrounding text is gone too: the template changed there.
///
/// An anchor matches no slot both when the template was edited and when its slot was
/// filled; in a filled document its prefix and suffix still stand around the value, so an
/// anchor counts as drift only when no line holds its prefix, then some text, then its suffix.
pub fn drift(schema: &Schema, text: &str, stale: &[AnchorRef]) -> Vec<AnchorRef> {
    stale
        .iter()
        .copied()
        .filter(|r| {
            let anchor = &schema.fields[r.field].anchors[r.anchor];
            if anchor.prefix().is_empty() && anchor.suffix().is_empty() {
                return false;
            }
            let pattern = format!(
                "{}[^\\n]{{1,200}}?{}",
                loose(anchor.prefix()),
                loose(anchor.suffix())
            );
            let re =
                regex::Regex::new(&pattern).expect("escaped literals always form a valid regex");
            !re.is_match(text)
        })
        .collect()
}

/// A regex for `literal` in which each run of X (another slot, filled by now) matches any text
/// on the line, and line endings match LF or CRLF.
fn loose(literal: &str) -> String {
    static RUN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new("[0-9.]*[XxＸｘ×]+[0-9.XxＸｘ×]*").expect("the run pattern is valid")
    });
    let mut out = String::new();
    let mut last = 0;
    for m in RUN.find_iter(literal) {
        out.push_str(&regex::escape(&literal[last..m.start()]));
        out.push_str("[^\\n]*?");
        last = m.end();
    }
    out.push_str(&regex::escape(&literal[last..]));
    out.replace("\r\n", "\n").replace('\n', "\r?\n")
}

fn claim(bindings: &mut Bindings, slot: usize, field: usize) {
    match bindings.field_of[slot] {
        None => bindings.field_of[slot] = Some(field),
        Some(existing) if existing == field => {}
        Some(existing) => {
            let pair = [existing.min(field), existing.max(field)];
            if !bindings.claimed_twice.contains(&(slot, pair)) {
                bindings.claimed_twice.push((slot, pair));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::scan;

    const TEXT: &str = "X党委召开会议，X党员分为X个组。XX公司";

    fn schema(yaml: &str) -> Schema {
        Schema::parse(yaml, "s.yaml").unwrap()
    }

    #[test]
    fn the_sieve_holds_what_was_put_in_and_little_else() {
        let mut sieve = Sieve::new(1000);
        let needles: Vec<String> = (0..1000).map(|i| format!("第{i}项完成X名")).collect();
        for n in &needles {
            sieve.insert(n.as_bytes(), n.find('X').unwrap());
        }
        assert!(
            needles
                .iter()
                .all(|n| sieve.may_hold(n.as_bytes(), n.find('X').unwrap()))
        );
        let others = (1000..11000)
            .map(|i| format!("第{i}项完成X名"))
            .filter(|n| sieve.may_hold(n.as_bytes(), n.find('X').unwrap()))
            .count();
        assert!(
            others < 1000,
            "{others} of 10000 other windows pass the sieve"
        );
        sieve.insert(b"X", 0);
        assert!(sieve.may_hold(b"X", 0));
    }

    /// Enough fields for the sieve: every slot still finds its field.
    #[test]
    fn a_large_schema_binds_every_slot() {
        let n = SIEVE_FROM + 100;
        let text: String = (0..n).map(|i| format!("第{i}项完成X名。")).collect();
        let mut yaml = String::from("version: 1\nfields:\n");
        for i in 0..n {
            yaml.push_str(&format!("  f{i}:\n    anchors: [第{i}项完成X名]\n"));
        }
        let schema = Schema::parse(&yaml, "s.yaml").unwrap();
        let slots = crate::scan::scan(&text);
        let b = bind(&schema, &text, &slots);
        assert_eq!(slots.len(), n);
        assert!(b.field_of.iter().enumerate().all(|(s, f)| *f == Some(s)));
        assert!(b.stale.is_empty());
    }

    #[test]
    fn anchors_claim_their_slots() {
        let s = schema(
            "version: 1\nfields:\n  单位:\n    anchors: [X党委, X党员]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n",
        );
        let slots = scan(TEXT);
        let b = bind(&s, TEXT, &slots);
        assert_eq!(b.field_of, vec![Some(0), Some(0), Some(1), None]);
        assert_eq!(b.unmapped().collect::<Vec<_>>(), vec![3]);
        assert!(b.stale.is_empty() && b.claimed_twice.is_empty());
    }

    #[test]
    fn anchor_does_not_claim_part_of_a_longer_run() {
        // "X公司" occurs inside "XX公司", but the slot there is "XX".
        let s = schema("version: 1\nfields:\n  公司:\n    anchors: [X公司]\n");
        let slots = scan(TEXT);
        let b = bind(&s, TEXT, &slots);
        assert_eq!(b.field_of[3], None);
        assert_eq!(
            b.stale,
            vec![AnchorRef {
                field: 0,
                anchor: 0
            }]
        );
    }

    #[test]
    fn filled_anchor_is_not_drift_but_changed_text_is() {
        let s = schema(
            "version: 1\nfields:\n  组数:\n    anchors: [分为X个组]\n  村:\n    anchors: [为X村捐款]\n",
        );
        let filled = "党员分为4个组。为新华村捐款";
        let b = bind(&s, filled, &scan(filled));
        assert_eq!(b.stale.len(), 2);
        assert!(drift(&s, filled, &b.stale).is_empty());
        let edited = "党员分成4组。为新华村捐款";
        let b = bind(&s, edited, &scan(edited));
        assert_eq!(
            drift(&s, edited, &b.stale),
            vec![AnchorRef {
                field: 0,
                anchor: 0
            }]
        );
    }

    #[test]
    fn anchor_binds_across_mixed_line_endings() {
        // init writes anchors with LF; here the line before ends in LF, the slot's in CRLF.
        let s = schema("version: 1\nfields:\n  a:\n    anchors: [\"\\nX\\n\"]\n");
        for text in ["\nX\r\n", "\r\nX\n", "\nX\n", "\r\nX\r\n"] {
            let b = bind(&s, text, &scan(text));
            assert_eq!(b.field_of, vec![Some(0)], "{text:?}");
            assert!(b.stale.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn slot_claimed_by_two_fields() {
        let s =
            schema("version: 1\nfields:\n  a:\n    anchors: [X党委]\n  b:\n    anchors: [X党]\n");
        let slots = scan(TEXT);
        let b = bind(&s, TEXT, &slots);
        assert_eq!(b.claimed_twice, vec![(0, [0, 1])]);
        let err = b.conflicts(&s, TEXT, &slots, "t.txt").unwrap_err();
        assert_eq!(
            err.to_string(),
            "slot at t.txt:1:1 is claimed by two fields, `a` and `b`"
        );
    }

    #[test]
    fn init_then_bind_maps_every_slot_to_its_group() {
        let text = "X党委召开会议。现将X工作总结如下：为X村捐款X万元，作为X村帮扶单位，分为X个组。\n20XX年X月X日";
        let slots = scan(text);
        let schema = crate::schema::init(text, &slots, "s.yaml");
        let again = Schema::parse(&schema.to_yaml(), "s.yaml").unwrap();
        let b = bind(&again, text, &slots);
        assert!(b.field_of.iter().all(Option::is_some), "{:?}", b.field_of);
        assert!(b.claimed_twice.is_empty() && b.stale.is_empty());
        assert_eq!(b.field_of[0], b.field_of[1]);
        assert_eq!(b.field_of[2], b.field_of[4]);
    }
}
