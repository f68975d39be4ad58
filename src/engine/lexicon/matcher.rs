//! Finding a lexicon's slogans in text. Two leftmost-longest Aho–Corasick automata are built
//! once per [`Lexicon`] (see [`Automaton`]): one over the names (terms, aliases, full forms, variant forms) and
//! one over the enumerated components. Names are matched directly, quoted or not; components
//! are grouped into enumerations (runs of components separated by 、，, 和 与 及 or adjacent
//! quotes) and each enumeration is judged against its entry: canonical, out of order,
//! incomplete, an item swapped for a foreign one, or a known variant.

use super::model::{Entry, VariantStatus};
use super::Lexicon;
use crate::engine::text::is_han;
use crate::engine::types::{SloganOccurrence, Span};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Input, MatchKind};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How a name pattern relates to its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Term,
    Alias,
    Full,
    /// `entries[i].variants[v].form`.
    VariantForm(usize),
}

/// A name found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameHit {
    pub range: Span,
    /// Index into `Lexicon::entries()`.
    pub entry: usize,
    pub kind: NameKind,
}

/// One item of an enumeration as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub range: Span,
    /// Index of the component in the entry's canonical list, if it is one.
    pub canonical: Option<usize>,
}

/// What an enumeration is, judged against its entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// All components, canonical order.
    Canonical,
    /// Matches an accepted variant.
    Accepted,
    /// All components, wrong order.
    OutOfOrder,
    /// One component left out (entries of four or more components).
    Missing,
    /// One component replaced by `items[foreign]`, an item that is not the entry's.
    Swapped { foreign: usize },
    /// Exactly the components of `variants[variant]`, whose status is not `accepted`.
    Variant { variant: usize },
    /// Some components only; not judged.
    Partial,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enumeration {
    pub entry: usize,
    /// In text order. Components carry their exact range; a foreign item (at most one) spans
    /// the item as written (after the entry's leading verb, if it repeats it).
    pub items: Vec<Item>,
    /// Whether `items[i]` is a component of the entry (in any of its lists).
    pub is_component: Vec<bool>,
    /// The text between consecutive items, verbatim (`、`, `”“`, `和` …).
    pub gaps: Vec<String>,
    pub verdict: Verdict,
}

impl Enumeration {
    /// From the first item's start to the last item's end.
    pub fn span(&self) -> Span {
        let start = self.items.first().map_or(0, |i| i.range.start);
        let end = self.items.last().map_or(0, |i| i.range.end);
        start..end
    }

    /// Components only, in text order.
    pub fn component_ranges(&self) -> impl Iterator<Item = &Span> {
        self.items
            .iter()
            .zip(&self.is_component)
            .filter(|(_, c)| **c)
            .map(|(i, _)| &i.range)
    }

    /// The canonical enumeration written with this enumeration's own separators, e.g.
    /// `“政治意识”、“大局意识”` when the original quoted its items. Items present keep their
    /// written form (with their own verb, if each item has one); missing ones come from the
    /// entry's full form when it lists them one by one.
    pub fn canonical_text(&self, entry: &Entry, text: &str) -> String {
        let parts: Vec<&str> = entry.full.split('、').collect();
        let prefixed = self.items.iter().zip(&self.is_component).any(|(i, c)| {
            *c && i.canonical.is_some_and(|k| {
                text.get(i.range.clone()) != entry.components.get(k).map(String::as_str)
            })
        });
        let items: Vec<String> = entry
            .components
            .iter()
            .enumerate()
            .map(|(k, c)| {
                if let Some(item) = self.items.iter().find(|i| i.canonical == Some(k)) {
                    return text.get(item.range.clone()).unwrap_or(c).to_string();
                }
                match parts.get(k) {
                    Some(p)
                        if prefixed
                            && parts.len() == entry.components.len()
                            && p.contains(c.as_str()) =>
                    {
                        p.to_string()
                    }
                    _ => c.clone(),
                }
            })
            .collect();
        join_with_gaps(&items, &self.gaps)
    }
}

/// Joins `items` reusing `gaps`: the last gap stays last (it may be 和 or 与), the first gap
/// fills in when more are needed.
pub fn join_with_gaps(items: &[String], gaps: &[String]) -> String {
    let mut out = String::new();
    let n = items.len();
    for (i, item) in items.iter().enumerate() {
        out.push_str(item);
        if i + 1 < n {
            let gap = if i + 2 == n {
                gaps.last()
            } else {
                gaps.get(i).filter(|_| i + 1 < gaps.len())
            };
            out.push_str(
                gap.or(gaps.first())
                    .map(String::as_str)
                    .filter(|g| !g.is_empty())
                    .unwrap_or("、"),
            );
        }
    }
    out
}

/// The automata of one lexicon.
pub struct Matcher {
    names: Option<Automaton>,
    /// Per name pattern: (entry, kind); canonical kinds first.
    name_targets: Vec<Vec<(usize, NameKind)>>,
    components: Option<Automaton>,
    /// Per component pattern: (entry, list) with list 0 = canonical, v + 1 = variants[v].
    component_targets: Vec<Vec<(usize, usize)>>,
    component_strings: Vec<String>,
    /// Unique per matcher (and so per lexicon): caches of per-paragraph results key on it.
    id: u64,
    /// No pattern holds a line break, so no name or component spans two lines.
    line_safe: bool,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("names", &self.name_targets.len())
            .field("components", &self.component_targets.len())
            .finish()
    }
}

/// A leftmost-longest automaton over distinct, non-empty patterns, in one part or, for a
/// large pattern list, two parts built on two threads; a search then merges the parts'
/// matches into the ones a single automaton finds (see [`Automaton::matches`]).
///
/// Each part is a contiguous NFA, not a DFA: on the built-in lexicon's few hundred Chinese
/// names the DFA takes ~7 MB (a 256-wide row per state) against ~0.2 MB, and scanning a 1 MB
/// document costs ~6 ms instead of ~3 ms, once, since results are cached per line. (The
/// daachorse crate's character-wise double array built 200,000 plain names in half the
/// instructions, but placing its sibling groups grew quadratically on components such as
/// 第N项甲/乙/丙: 0.15 G at 15,000 of them, 1.9 G at 60,000.)
struct Automaton {
    /// Each part with the index of its first pattern in the whole list.
    parts: Vec<(AhoCorasick, usize)>,
}

impl Automaton {
    /// The automaton of `patterns`, whose indices start at `offset`; `None` for no patterns.
    fn part(patterns: &[&str], offset: usize) -> Option<(AhoCorasick, usize)> {
        if patterns.is_empty() {
            return None;
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(patterns)
            .or_else(|_| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(patterns)
            })
            .ok()?;
        Some((ac, offset))
    }

    fn build(patterns: &[&str]) -> Option<Automaton> {
        Automaton::from_parts(vec![Automaton::part(patterns, 0)])
    }

    /// `None` when no part was built.
    fn from_parts(parts: Vec<Option<(AhoCorasick, usize)>>) -> Option<Automaton> {
        let parts: Vec<_> = parts.into_iter().flatten().collect();
        (!parts.is_empty()).then_some(Automaton { parts })
    }

    /// The first leftmost-longest match of part `k` starting at or after `from`.
    fn first_from(&self, k: usize, text: &str, from: usize) -> Option<(Span, usize)> {
        let (ac, offset) = &self.parts[k];
        if from > text.len() {
            return None;
        }
        let m = ac.find(Input::new(text).span(from..text.len()))?;
        Some((m.start()..m.end(), offset + m.pattern().as_usize()))
    }

    /// Leftmost-longest, non-overlapping matches: (byte range, pattern index). With several
    /// parts, each match is the earliest-starting of the parts' next matches (the longest on
    /// a tie), and a part whose next match overlaps it searches again from its end: exactly
    /// what one automaton over all the patterns yields. Re-searches cover only the overlap, so
    /// the cost stays linear in the text.
    fn matches(&self, text: &str) -> Vec<(Span, usize)> {
        if let [(ac, offset)] = self.parts.as_slice() {
            return ac
                .find_iter(text)
                .map(|m| (m.start()..m.end(), offset + m.pattern().as_usize()))
                .collect();
        }
        let mut next: Vec<Option<(Span, usize)>> = (0..self.parts.len())
            .map(|k| self.first_from(k, text, 0))
            .collect();
        let mut out = Vec::new();
        while let Some(best) = next
            .iter()
            .flatten()
            .min_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)))
            .cloned()
        {
            let end = best.0.end;
            out.push(best);
            for (k, slot) in next.iter_mut().enumerate() {
                if slot.as_ref().is_some_and(|(r, _)| r.start < end) {
                    *slot = self.first_from(k, text, end);
                }
            }
        }
        out
    }
}

/// Distinct patterns in first-seen order, each found by a map (a search of the list per
/// name made building the matcher of a 100,000-entry lexicon quadratic). Borrows the
/// entries' strings: no copy is made until the automata are built.
#[derive(Default)]
struct Interner<'a> {
    list: Vec<&'a str>,
    index: std::collections::HashMap<&'a str, usize>,
}

impl<'a> Interner<'a> {
    fn intern(&mut self, s: &'a str) -> Option<usize> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        let next = self.list.len();
        let i = *self.index.entry(s).or_insert(next);
        if i == next {
            self.list.push(s);
        }
        Some(i)
    }
}

/// From this many patterns (names and components), the automata are built on two threads.
const PARALLEL_FROM: usize = 20_000;

/// Builds the two automata, on two threads when the patterns are many (the names' automaton
/// of a 100,000-entry lexicon takes most of its load time); on one if a thread cannot start.
/// The threads get about as many patterns each: when the components are fewer than the
/// names, the names are built in two parts, one on each thread.
fn build_pair(
    names: &[&str],
    comps: &[&str],
    parallel_from: usize,
) -> (Option<Automaton>, Option<Automaton>) {
    if names.len() + comps.len() < parallel_from {
        return (Automaton::build(names), Automaton::build(comps));
    }
    // Names before `split` go with the components.
    let split = names.len().saturating_sub(comps.len()) / 2;
    let (first, rest) = names.split_at(split);
    let other_side = || (Automaton::part(first, 0), Automaton::build(comps));
    std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .name("lexicon-automata".into())
            .spawn_scoped(scope, other_side);
        let names_rest = Automaton::part(rest, split);
        let (names_first, comps) = match other {
            Ok(handle) => handle.join().unwrap_or_else(|_| other_side()),
            Err(_) => other_side(),
        };
        let names = if split == 0 {
            Automaton::from_parts(vec![names_rest])
        } else if names_first.is_none() || names_rest.is_none() {
            None
        } else {
            Automaton::from_parts(vec![names_first, names_rest])
        };
        (names, comps)
    })
}

impl Matcher {
    pub fn new(entries: &[Entry]) -> Matcher {
        Matcher::build(entries, PARALLEL_FROM)
    }

    fn build(entries: &[Entry], parallel_from: usize) -> Matcher {
        let mut names = Interner::default();
        let mut name_targets: Vec<Vec<(usize, NameKind)>> = Vec::new();
        let mut add_name = |s, target: (usize, NameKind)| {
            if let Some(i) = names.intern(s) {
                if name_targets.len() <= i {
                    name_targets.resize(i + 1, Vec::new());
                }
                if !name_targets[i].contains(&target) {
                    name_targets[i].push(target);
                }
            }
        };
        for (ei, e) in entries.iter().enumerate() {
            add_name(&e.term, (ei, NameKind::Term));
            for a in &e.aliases {
                add_name(a, (ei, NameKind::Alias));
            }
            add_name(&e.full, (ei, NameKind::Full));
            for (vi, v) in e.variants.iter().enumerate() {
                if let Some(form) = &v.form {
                    add_name(form, (ei, NameKind::VariantForm(vi)));
                }
            }
        }
        // A string that is some entry's own name is never read as another entry's variant.
        for t in &mut name_targets {
            if t.iter()
                .any(|(_, k)| !matches!(k, NameKind::VariantForm(_)))
            {
                t.retain(|(_, k)| !matches!(k, NameKind::VariantForm(_)));
            }
            // Later entries win: user lexicons are laid over the built-in one.
            t.sort_by_key(|(e, k)| (matches!(k, NameKind::VariantForm(_)), std::cmp::Reverse(*e)));
        }

        let mut comps = Interner::default();
        let mut component_targets: Vec<Vec<(usize, usize)>> = Vec::new();
        for (ei, e) in entries.iter().enumerate() {
            let lists =
                std::iter::once(&e.components).chain(e.variants.iter().map(|v| &v.components));
            for (li, list) in lists.enumerate() {
                if list.len() < 2 {
                    continue;
                }
                for c in list {
                    if let Some(i) = comps.intern(c) {
                        if component_targets.len() <= i {
                            component_targets.resize(i + 1, Vec::new());
                        }
                        if !component_targets[i].contains(&(ei, li)) {
                            component_targets[i].push((ei, li));
                        }
                    }
                }
            }
        }
        let (names, comps) = (names.list, comps.list);
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let line_safe = !names.iter().chain(&comps).any(|p| p.contains(['\n', '\r']));
        let (names_ac, comps_ac) = build_pair(&names, &comps, parallel_from);
        Matcher {
            names: names_ac,
            name_targets,
            components: comps_ac,
            component_targets,
            component_strings: comps.into_iter().map(str::to_string).collect(),
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            line_safe,
        }
    }

    /// This matcher's identity, never reused within the process.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Whether every name and component match lies within one line, so that matching line
    /// by line finds exactly what matching the whole text finds.
    pub fn line_safe(&self) -> bool {
        self.line_safe
    }

    /// The start of the first component match in `text` and the end of the last one. An
    /// enumeration can only continue from one paragraph into the next across the text between
    /// those two (see [`may_join`]).
    pub fn component_extent(&self, text: &str) -> Option<(usize, usize)> {
        let ac = self.components.as_ref()?;
        let hits = ac.matches(text);
        Some((hits.first()?.0.start, hits.last()?.0.end))
    }

    /// Every name in `text`, leftmost-longest, non-overlapping, each attributed to one entry.
    pub fn names(&self, text: &str) -> Vec<NameHit> {
        let Some(ac) = &self.names else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (range, pattern) in ac.matches(text) {
            // One entry per name: the entry's own name before another's variant, the later
            // (user) entry before the built-in one.
            if let Some(&(entry, kind)) = self.name_targets.get(pattern).and_then(|t| t.first()) {
                out.push(NameHit { range, entry, kind });
            }
        }
        out
    }

    /// Every enumeration of components in `text` (two or more components of one entry).
    pub fn enumerations(&self, text: &str, entries: &[Entry]) -> Vec<Enumeration> {
        let Some(ac) = &self.components else {
            return Vec::new();
        };
        let hits: Vec<(Span, usize)> = ac.matches(text);
        let mut out = Vec::new();
        let mut i = 0;
        while i < hits.len() {
            // Grow a run of hits joined by separators, allowing one foreign item in between.
            let mut run: Vec<RunItem> = vec![RunItem::Hit(hits[i].0.clone(), hits[i].1)];
            let mut foreign_used = false;
            // Items that each carry their own verb (进行伟大斗争、建设伟大工程…).
            let (mut plain_gaps, mut prefixed_gaps, mut prefix_chars) = (0, 0, 0);
            let mut j = i + 1;
            while j < hits.len() {
                let prev_end = run.last().map_or(hits[i].0.end, run_end);
                let gap = &text[prev_end..hits[j].0.start];
                if is_separator(gap) {
                    plain_gaps += 1;
                    run.push(RunItem::Hit(hits[j].0.clone(), hits[j].1));
                } else if let Some(p) = prefixed_gap(gap) {
                    prefixed_gaps += 1;
                    prefix_chars = gap[gap.len() - p..].chars().count();
                    run.push(RunItem::Hit(hits[j].0.start - p..hits[j].0.end, hits[j].1));
                } else if let (false, Some(f)) = (foreign_used, inner_foreign(gap)) {
                    foreign_used = true;
                    run.push(RunItem::Foreign(prev_end + f.start..prev_end + f.end));
                    run.push(RunItem::Hit(hits[j].0.clone(), hits[j].1));
                } else {
                    // The last hit may be part of a longer, foreign item (担当 in 担当意识):
                    // read that whole item as the foreign one.
                    let retry = (!foreign_used && run.len() >= 2)
                        .then(|| run.pop())
                        .flatten()
                        .filter(|r| matches!(r, RunItem::Hit(..)));
                    if let Some(popped) = retry {
                        let prev_end = run.last().map_or(0, run_end);
                        let gap = &text[prev_end..hits[j].0.start];
                        if let Some(f) = inner_foreign(gap) {
                            foreign_used = true;
                            run.push(RunItem::Foreign(prev_end + f.start..prev_end + f.end));
                            run.push(RunItem::Hit(hits[j].0.clone(), hits[j].1));
                            j += 1;
                            continue;
                        }
                        run.push(popped);
                    }
                    break;
                }
                j += 1;
            }
            if prefixed_gaps > 0 && plain_gaps == 0 && !foreign_used {
                // The first item's verb: as many characters as the others', when they are Han.
                if let Some(RunItem::Hit(first, _)) = run.first_mut() {
                    let before: Vec<(usize, char)> = text[..first.start]
                        .char_indices()
                        .rev()
                        .take(prefix_chars)
                        .collect();
                    if before.len() == prefix_chars && before.iter().all(|(_, c)| is_han(*c)) {
                        if let Some((at, _)) = before.last() {
                            first.start = *at;
                        }
                    }
                }
            }
            if run.len() >= 2 {
                self.split_run(text, &run, entries, &mut out);
            }
            i = j;
        }
        out
    }

    /// Splits a run among entries: the entry with the most components in a contiguous part
    /// of the run takes that part; the rest is split again.
    fn split_run(
        &self,
        text: &str,
        run: &[RunItem],
        entries: &[Entry],
        out: &mut Vec<Enumeration>,
    ) {
        let hit_count = run.iter().filter(|r| matches!(r, RunItem::Hit(..))).count();
        if hit_count < 2 {
            return;
        }
        let mut candidates: Vec<usize> = run
            .iter()
            .filter_map(|r| match r {
                RunItem::Hit(_, p) => Some(self.component_targets[*p].iter().map(|(e, _)| *e)),
                RunItem::Foreign(_) => None,
            })
            .flatten()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        // (hits, exact canonical set, fewer components) ranks a candidate part.
        let mut best: Option<(PartRank, usize, Span)> = None;
        for &e in &candidates {
            let belongs = |r: &RunItem| match r {
                RunItem::Hit(_, p) => self.component_targets[*p].iter().any(|(x, _)| *x == e),
                RunItem::Foreign(_) => true,
            };
            let mut k = 0;
            while k < run.len() {
                if !belongs(&run[k]) {
                    k += 1;
                    continue;
                }
                let start = k;
                while k < run.len() && belongs(&run[k]) {
                    k += 1;
                }
                // Foreign items at the edges of a part belong to the neighbouring part.
                let (mut s, mut t) = (start, k);
                while s < t && matches!(run[s], RunItem::Foreign(_)) {
                    s += 1;
                }
                while t > s && matches!(run[t - 1], RunItem::Foreign(_)) {
                    t -= 1;
                }
                let hits: Vec<&str> = run[s..t]
                    .iter()
                    .filter_map(|r| match r {
                        RunItem::Hit(_, p) => Some(self.component_strings[*p].as_str()),
                        RunItem::Foreign(_) => None,
                    })
                    .collect();
                let exact = same_set(&hits, &entries[e].components);
                let key = (
                    hits.len(),
                    exact,
                    std::cmp::Reverse(entries[e].components.len()),
                );
                if best.as_ref().is_none_or(|(b, _, _)| key > *b) {
                    best = Some((key, e, s..t));
                }
            }
        }
        let Some(((hits, _, _), e, part)) = best else {
            return;
        };
        if hits >= 2 {
            if let Some(en) = self.judge(text, &run[part.clone()], e, entries) {
                out.push(en);
            }
        }
        self.split_run(text, &run[..part.start], entries, out);
        self.split_run(text, &run[part.end..], entries, out);
    }

    fn judge(
        &self,
        text: &str,
        part: &[RunItem],
        e: usize,
        entries: &[Entry],
    ) -> Option<Enumeration> {
        let entry = &entries[e];
        let canon = &entry.components;
        let mut items = Vec::new();
        let mut is_component = Vec::new();
        let mut strings: Vec<&str> = Vec::new();
        let mut foreign = None;
        for r in part {
            match r {
                RunItem::Hit(range, p) => {
                    let s = self.component_strings[*p].as_str();
                    strings.push(s);
                    items.push(Item {
                        range: range.clone(),
                        canonical: canon.iter().position(|c| c == s),
                    });
                    is_component.push(true);
                }
                RunItem::Foreign(range) => {
                    foreign = Some(items.len());
                    items.push(Item {
                        range: range.clone(),
                        canonical: None,
                    });
                    is_component.push(false);
                }
            }
        }
        let conj_only = part.windows(2).all(|w| {
            let gap = &text[run_end(&w[0])..run_start(&w[1])];
            is_conjunction(gap.trim())
        });
        if conj_only && !term_adjacent(text, run_end(&part[part.len() - 1]), entry) {
            // 疫情防控和经济社会发展 is ordinary prose unless the slogan's name follows.
            return None;
        }
        let mut distinct = strings.clone();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() != strings.len() {
            return None;
        }
        let all_canonical = items
            .iter()
            .zip(&is_component)
            .all(|(i, c)| !*c || i.canonical.is_some());
        let n = canon.len();
        let k = strings.len();
        let in_order = |list: &[String]| {
            let idx: Vec<Option<usize>> = strings
                .iter()
                .map(|s| list.iter().position(|c| c == s))
                .collect();
            idx.iter().all(Option::is_some) && idx.windows(2).all(|w| w[0] < w[1])
        };

        let mut verdict = Verdict::Partial;
        // The written order matches a variant's list: that variant decides.
        let variant_match = entry.variants.iter().position(|v| {
            v.components.len() >= 2 && same_set(&strings, &v.components) && in_order(&v.components)
        });
        let variant_set = entry
            .variants
            .iter()
            .position(|v| v.components.len() >= 2 && same_set(&strings, &v.components));
        let canon_set = same_set(&strings, canon);
        let by_variant = |v: usize| match entry.variants[v].status {
            VariantStatus::Accepted => Verdict::Accepted,
            _ => Verdict::Variant { variant: v },
        };
        if foreign.is_none() && canon_set && in_order(canon) {
            verdict = Verdict::Canonical;
        } else if let (None, Some(v)) = (foreign, variant_match) {
            verdict = by_variant(v);
        } else if foreign.is_none() && canon_set {
            verdict = Verdict::OutOfOrder;
        } else if let (None, Some(v)) = (foreign, variant_set) {
            verdict = by_variant(v);
        } else if all_canonical && k + 1 == n {
            let (foreign_idx, items2, is_comp2) = match foreign {
                Some(f) => (Some(f), items.clone(), is_component.clone()),
                None => {
                    // Look for a foreign neighbour before or after the run.
                    let first = items[0].range.clone();
                    let last = items[items.len() - 1].range.clone();
                    if let Some(r) = trailing_foreign(text, last.end) {
                        let mut it = items.clone();
                        let mut ic = is_component.clone();
                        it.push(Item {
                            range: r,
                            canonical: None,
                        });
                        ic.push(false);
                        (Some(it.len() - 1), it, ic)
                    } else if let Some(r) = leading_foreign(text, first.start, entry) {
                        let mut it = items.clone();
                        let mut ic = is_component.clone();
                        it.insert(
                            0,
                            Item {
                                range: r,
                                canonical: None,
                            },
                        );
                        ic.insert(0, false);
                        (Some(0), it, ic)
                    } else {
                        (None, items.clone(), is_component.clone())
                    }
                }
            };
            let missing: Vec<&String> = canon
                .iter()
                .filter(|c| !strings.contains(&c.as_str()))
                .collect();
            let swapped = foreign_idx.filter(|&f| {
                let ftext = &text[items2[f].range.clone()];
                missing.len() == 1 && resembles(ftext, missing[0], canon)
            });
            if let Some(f) = swapped {
                items = items2;
                is_component = is_comp2;
                verdict = Verdict::Swapped { foreign: f };
            } else if foreign.is_none() && n >= 4 {
                verdict = Verdict::Missing;
            } else if let Some(f) = foreign {
                // An unrelated item inside the run: keep only the components.
                items.remove(f);
                is_component.remove(f);
            }
        } else if let Some(f) = foreign {
            items.remove(f);
            is_component.remove(f);
        }
        // Three or more components of a longer slogan, in the wrong relative order
        // (严以律己、严以修身、严以用权): an order problem too.
        let any_variant_order = entry
            .variants
            .iter()
            .any(|v| v.components.len() >= 2 && in_order(&v.components));
        if verdict == Verdict::Partial
            && foreign.is_none()
            && all_canonical
            && k >= 3
            && !in_order(canon)
            && !any_variant_order
        {
            verdict = Verdict::OutOfOrder;
        }
        let gaps = items
            .windows(2)
            .map(|w| text[w[0].range.end..w[1].range.start].to_string())
            .collect::<Vec<_>>();
        // A partial run with a foreign item removed has gaps that span it; keep the simplest.
        let gaps = gaps
            .into_iter()
            .map(|g| {
                if is_separator(&g) {
                    g
                } else {
                    "、".to_string()
                }
            })
            .collect();
        Some(Enumeration {
            entry: e,
            items,
            is_component,
            gaps,
            verdict,
        })
    }
}

/// How well a part of a run fits an entry: components, exact canonical set, fewer components.
type PartRank = (usize, bool, std::cmp::Reverse<usize>);

#[derive(Debug, Clone)]
enum RunItem {
    Hit(Span, usize),
    Foreign(Span),
}

fn run_start(r: &RunItem) -> usize {
    match r {
        RunItem::Hit(s, _) | RunItem::Foreign(s) => s.start,
    }
}

fn run_end(r: &RunItem) -> usize {
    match r {
        RunItem::Hit(s, _) | RunItem::Foreign(s) => s.end,
    }
}

fn same_set(a: &[&str], b: &[String]) -> bool {
    a.len() == b.len() && b.iter().all(|x| a.contains(&x.as_str()))
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '『' | '』'
    )
}

fn is_conjunction(s: &str) -> bool {
    matches!(s, "和" | "与" | "及" | "以及" | "同")
}

/// The text between two items of one enumeration: a list separator or conjunction, maybe
/// with quotes and spaces around it, or just a closing and an opening quote (“六稳”“六保”).
fn is_separator(gap: &str) -> bool {
    let had_quote = gap.chars().any(is_quote);
    let core = gap.trim_matches(|c: char| c.is_whitespace() || is_quote(c));
    if core.chars().any(is_quote) {
        return false;
    }
    match core {
        "" => had_quote,
        "、" | "，" | "," => true,
        c => is_conjunction(c),
    }
}

/// Characters that end an item.
fn is_boundary(c: char) -> bool {
    matches!(
        c,
        '、' | '，'
            | ','
            | '。'
            | '；'
            | ';'
            | '：'
            | ':'
            | '！'
            | '!'
            | '？'
            | '?'
            | '（'
            | '）'
            | '('
            | ')'
            | '《'
            | '》'
            | '\n'
            | '\r'
    ) || is_quote(c)
        || c.is_whitespace()
}

const MAX_FOREIGN_CHARS: usize = 12;

/// A separator followed by a short verb of one to four characters (、推进 / ，必须坚持): the
/// verb's length in bytes.
fn prefixed_gap(gap: &str) -> Option<usize> {
    let rest = gap
        .strip_prefix('、')
        .or_else(|| gap.strip_prefix('，'))
        .or_else(|| gap.strip_prefix(','))?;
    let verb = rest.trim_start();
    let n = verb.chars().count();
    ((1..=4).contains(&n) && verb.chars().all(is_han)).then_some(verb.len())
}

/// Whether an enumeration's run of components may continue across `gap` (the text between two
/// component matches): exactly when [`Matcher::enumerations`] would join them directly.
/// Cheap on long gaps, which can never join.
pub fn may_join(gap: &str) -> bool {
    let core = gap.trim_matches(|c: char| c.is_whitespace() || is_quote(c));
    // A separator's core is at most 以及 (six bytes); a prefixed gap is a separator, blanks
    // and at most four Han characters.
    if core.len() <= 6 && is_separator(gap) {
        return true;
    }
    let prefixed_candidate = gap.starts_with(['、', '，', ','])
        && gap[gap.chars().next().map_or(0, char::len_utf8)..]
            .trim_start()
            .len()
            <= 16;
    prefixed_candidate && prefixed_gap(gap).is_some()
}

/// `、X、` between two components, X one short item: X's range within the gap.
fn inner_foreign(gap: &str) -> Option<Span> {
    let inner = gap.strip_prefix('、')?.strip_suffix('、')?;
    let n = inner.chars().count();
    if n == 0
        || n > MAX_FOREIGN_CHARS
        || inner.chars().any(is_boundary)
        || !inner.chars().any(is_han)
    {
        return None;
    }
    Some('、'.len_utf8()..'、'.len_utf8() + inner.len())
}

/// `、X` right after a run, X ending at a boundary.
fn trailing_foreign(text: &str, end: usize) -> Option<Span> {
    let rest = text.get(end..)?.strip_prefix('、')?;
    let start = end + '、'.len_utf8();
    let len = rest.find(is_boundary).unwrap_or(rest.len());
    let item = &rest[..len];
    let n = item.chars().count();
    (n > 0 && n <= MAX_FOREIGN_CHARS && item.chars().any(is_han)).then(|| start..start + len)
}

/// `X、` right before a run, X starting at a boundary; the entry's leading verb (增强 in
/// 增强政治意识…) is left out of the item when X starts with it.
fn leading_foreign(text: &str, start: usize, entry: &Entry) -> Option<Span> {
    let before = text.get(..start)?.strip_suffix('、')?;
    let item_start = before.rfind(is_boundary).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let mut item = &before[item_start..];
    let mut s = item_start;
    if let Some(verb) = leading_verb(entry) {
        if let Some(rest) = item.strip_prefix(verb) {
            s += verb.len();
            item = rest;
        }
    }
    let n = item.chars().count();
    (n > 0 && n <= MAX_FOREIGN_CHARS && item.chars().any(is_han)).then(|| s..s + item.len())
}

/// The text of `full` before its first component (增强 in 增强政治意识、…), if short.
fn leading_verb(entry: &Entry) -> Option<&str> {
    let first = entry.components.first()?;
    let at = entry.full.find(first.as_str())?;
    let verb = &entry.full[..at];
    (!verb.is_empty() && verb.chars().count() <= 4 && verb.chars().all(is_han)).then_some(verb)
}

fn common_prefix(list: &[String]) -> String {
    let mut p: Vec<char> = list
        .first()
        .map(|s| s.chars().collect())
        .unwrap_or_default();
    for s in list {
        let n = p
            .iter()
            .zip(s.chars())
            .take_while(|(a, b)| **a == *b)
            .count();
        p.truncate(n);
    }
    p.into_iter().collect()
}

fn common_suffix(list: &[String]) -> String {
    let rev: Vec<String> = list.iter().map(|s| s.chars().rev().collect()).collect();
    common_prefix(&rev).chars().rev().collect()
}

/// Whether a foreign item looks like a stand-in for `missing`: it shares the components'
/// common prefix (早…) or suffix (…意识), or all components and it have the same length.
fn resembles(item: &str, missing: &str, components: &[String]) -> bool {
    let n = item.chars().count();
    let max = components
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    let suffix = common_suffix(components);
    let prefix = common_prefix(components);
    if !suffix.is_empty() && item.ends_with(&suffix) && item != suffix && n <= max + 2 {
        return true;
    }
    if !prefix.is_empty() && item.starts_with(&prefix) && item != prefix && n <= max {
        return true;
    }
    // Short items (创新、协调、绿色…) have no shared affix; equal length must do.
    let len = missing.chars().count();
    len <= 3 && components.iter().all(|c| c.chars().count() == len) && n == len
}

/// The entry's term (or an alias) right after an enumeration, allowing a closing quote and 的.
fn term_adjacent(text: &str, end: usize, entry: &Entry) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let rest = rest.trim_start_matches(|c: char| is_quote(c) || c == '的');
    std::iter::once(&entry.term)
        .chain(&entry.aliases)
        .any(|t| !t.is_empty() && rest.starts_with(t.as_str()))
}

/// The names and enumerations of one text, computed once and shared by the slogan rules,
/// `occurrences` and hover.
#[derive(Debug, Clone)]
pub struct Scan {
    pub names: Arc<Vec<NameHit>>,
    pub enumerations: Arc<Vec<Enumeration>>,
}

type CacheSlot = Option<(Arc<Matcher>, String, Scan)>;

thread_local! {
    /// The last text scanned on this thread. `analyze` runs its rules one after another on
    /// one thread, so the three slogan rules and `occurrences` share one scan. The matcher's
    /// `Arc` is held so its address cannot be reused by another lexicon while cached.
    static LAST_SCAN: RefCell<CacheSlot> = const { RefCell::new(None) };
}

/// Scans `text` with `lexicon`'s automata, reusing the previous result for the same text.
pub fn scan(text: &str, lexicon: &Lexicon) -> Scan {
    let m = lexicon.matcher_arc();
    let hit = LAST_SCAN.with(|c| {
        c.borrow().as_ref().and_then(|(cm, ct, sc)| {
            (Arc::ptr_eq(cm, &m) && ct.as_str() == text).then(|| sc.clone())
        })
    });
    if let Some(sc) = hit {
        return sc;
    }
    let sc = Scan {
        names: Arc::new(m.names(text)),
        enumerations: Arc::new(m.enumerations(text, lexicon.entries())),
    };
    LAST_SCAN.with(|c| {
        if let Ok(mut slot) = c.try_borrow_mut() {
            *slot = Some((m.clone(), text.to_string(), sc.clone()));
        }
    });
    sc
}

/// Every use of a slogan: its names (quoted or not) and its enumerations. An enumeration that
/// is also a name (人民战争、总体战、阻击战) counts once.
pub fn occurrences(text: &str, lexicon: &Lexicon) -> Vec<SloganOccurrence> {
    let entries = lexicon.entries();
    occurrence_spans(&scan(text, lexicon), entries)
        .into_iter()
        .map(|(range, e)| SloganOccurrence {
            range,
            entry_id: entries[e].id.clone(),
        })
        .collect()
}

/// [`occurrences`] as `(range, entry index)`, from a scan of the text.
pub fn occurrence_spans(sc: &Scan, entries: &[Entry]) -> Vec<(Span, usize)> {
    let mut out: Vec<(Span, usize)> = sc
        .names
        .iter()
        .map(|h| (h.range.clone(), h.entry))
        .collect();
    for en in sc.enumerations.iter() {
        let n = entries[en.entry].components.len();
        let k = en.is_component.iter().filter(|c| **c).count();
        if en.verdict == Verdict::Partial && 2 * k < n {
            continue;
        }
        let span = en.span();
        if out
            .iter()
            .any(|(r, e)| *e == en.entry && r.start < span.end && span.start < r.end)
        {
            continue;
        }
        out.push((span, en.entry));
    }
    out.sort_by_key(|(r, e)| (r.start, r.end, *e));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every distinct name and component of the built-in lexicon, plus overlapping
    /// prefixes, suffixes and infixes of one another, and astral characters.
    fn test_patterns() -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        let lex = crate::engine::lexicon::Lexicon::builtin();
        let mut add = |s: &str| {
            let s = s.trim();
            if !s.is_empty() && seen.insert(s.to_string()) {
                out.push(s.to_string());
            }
        };
        for e in lex.entries() {
            for s in std::iter::once(&e.term).chain(&e.aliases).chain([&e.full]) {
                add(s);
            }
            for c in e
                .components
                .iter()
                .chain(e.variants.iter().flat_map(|v| &v.components))
            {
                add(c);
            }
            for f in e.variants.iter().filter_map(|v| v.form.as_ref()) {
                add(f);
            }
        }
        for s in [
            "中国",
            "中国特色",
            "国特",
            "特色社会主义",
            "社会",
            "会议",
            "议",
            "𠮷",
            "𠮷野家",
            "😀",
        ] {
            add(s);
        }
        out
    }

    /// One part finds exactly what the `aho-corasick` crate's default leftmost-longest
    /// automaton finds, and so does every two-part split.
    #[test]
    fn automaton_matches_reference_and_splits_agree() {
        let owned = test_patterns();
        let pats: Vec<&str> = owned.iter().map(String::as_str).collect();
        let text = format!(
            "{}中国特色社会主义𠮷野家😀议会议中国𠮷",
            crate::seeds::corpus(120_000)
        );
        let reference: Vec<(Span, usize)> = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&pats)
            .unwrap()
            .find_iter(&text)
            .map(|m| (m.start()..m.end(), m.pattern().as_usize()))
            .collect();
        assert!(reference.len() > 1000, "{}", reference.len());
        assert_eq!(Automaton::build(&pats).unwrap().matches(&text), reference);
        for split in [1, pats.len() / 3, pats.len() / 2, pats.len() - 1] {
            let (a, b) = pats.split_at(split);
            let two = Automaton::from_parts(vec![Automaton::part(a, 0), Automaton::part(b, split)])
                .unwrap();
            assert_eq!(two.parts.len(), 2);
            assert_eq!(two.matches(&text), reference, "split at {split}");
        }
    }

    /// A lexicon large enough to be built on two threads, in parts, finds the same names and
    /// enumerations as the same entries built on one.
    #[test]
    fn parallel_build_finds_the_same() {
        let mut entries = crate::engine::lexicon::Lexicon::builtin()
            .entries()
            .to_vec();
        let base = entries[0].clone();
        for i in 0..12_000 {
            let mut e = base.clone();
            e.id = format!("gen-{i}");
            e.term = format!("提法{i}号");
            e.aliases = vec![format!("简称{i}")];
            e.full = format!("第{i}个完整提法");
            e.components = Vec::new();
            e.variants = Vec::new();
            entries.push(e);
        }
        let parallel = Matcher::build(&entries, PARALLEL_FROM);
        let single = Matcher::build(&entries, usize::MAX);
        let parts = |m: &Matcher| m.names.as_ref().map_or(0, |a| a.parts.len());
        assert_eq!((parts(&parallel), parts(&single)), (2, 1));
        let text = format!(
            "{}提法11999号与第5个完整提法、简称7，提法1号{}",
            crate::seeds::corpus(40_000),
            crate::seeds::corpus(20_000)
        );
        let found = parallel.names(&text);
        assert!(found.iter().any(|h| h.entry == entries.len() - 1));
        assert!(found.iter().any(|h| h.entry < 100));
        assert_eq!(found, single.names(&text));
        let en = parallel.enumerations(&text, &entries);
        assert!(!en.is_empty());
        assert_eq!(en, single.enumerations(&text, &entries));
        assert_eq!(
            parallel.component_extent(&text),
            single.component_extent(&text)
        );
    }

    #[test]
    fn join_keeps_separators() {
        let items: Vec<String> = ["甲", "乙", "丙"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            join_with_gaps(&items, &["、".into(), "和".into()]),
            "甲、乙和丙"
        );
        assert_eq!(join_with_gaps(&items, &["”、“".into()]), "甲”、“乙”、“丙");
        assert_eq!(join_with_gaps(&items, &[]), "甲、乙、丙");
    }

    #[test]
    fn separators() {
        for s in ["、", "，", " , ", "和", "”“", "”、“", "以及"] {
            assert!(is_separator(s), "{s}");
        }
        for s in ["", "、各", "的", "”的“"] {
            assert!(!is_separator(s), "{s}");
        }
    }

    #[test]
    fn resemblance() {
        let c: Vec<String> = ["政治意识", "大局意识", "核心意识", "看齐意识"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(resembles("担当意识", "看齐意识", &c));
        assert!(!resembles("意识", "看齐意识", &c));
        assert!(!resembles("深化改革", "看齐意识", &c) && !resembles("担当", "看齐意识", &c));
    }
}
