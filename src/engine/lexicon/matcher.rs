//! Finding a lexicon's slogans in text. Two leftmost-longest searches are built once per
//! [`Lexicon`] (see [`PatternSearch`]): one over the names (terms, aliases, full forms, variant
//! forms) and one over the enumerated components. Names are matched directly, quoted or not; components
//! are grouped into enumerations (runs of components separated by 、，, 和 与 及 or adjacent
//! quotes) and each enumeration is judged against its entry: canonical, out of order,
//! incomplete, an item swapped for a foreign one, or a known variant.

use super::model::{Entry, VariantStatus};
use super::Lexicon;
use crate::engine::text::is_han;
use crate::engine::types::{SloganOccurrence, Span};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::cell::RefCell;
use std::hash::BuildHasher;
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
    names: PatternSearch,
    /// Per name pattern: the one (entry, kind) it stands for (see [`Matcher::build`]).
    name_targets: Vec<(usize, NameKind)>,
    components: PatternSearch,
    /// Per component pattern: (entry, list) with list 0 = canonical, v + 1 = variants[v].
    component_targets: Targets,
    /// Unique per matcher (and so per lexicon): caches of per-paragraph results key on it.
    id: u64,
    /// No pattern holds a line break, so no name or component spans two lines.
    line_safe: bool,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("names", &self.names.patterns.len())
            .field("components", &self.components.patterns.len())
            .finish()
    }
}

/// Distinct, trimmed, non-empty patterns in first-seen order, stored end to end in one string
/// and found by a hash table: one allocation for all of them, and the same table confirms a
/// keyed search's candidates (see [`PatternSearch`]). The table hashes with hashbrown's
/// default hasher (foldhash, seeded at random per process): several times faster than std's
/// SipHash on these short strings, and its seed keeps a repository's lexicon from choosing
/// colliding names.
#[derive(Default)]
struct Patterns {
    text: String,
    /// Pattern `i` is `text[ends[i - 1]..ends[i]]` (from 0 for the first).
    ends: Vec<usize>,
    table: hashbrown::HashTable<usize>,
    hasher: hashbrown::DefaultHashBuilder,
}

impl Patterns {
    /// Room for about `n` patterns of `bytes` bytes in all.
    fn with_capacity(n: usize, bytes: usize) -> Patterns {
        Patterns {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(n),
            table: hashbrown::HashTable::with_capacity(n),
            hasher: Default::default(),
        }
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The index of pattern `s`, if it is one.
    fn find(&self, s: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(s);
        self.table.find(hash, |&i| self.get(i) == s).copied()
    }

    /// The index of `s` trimmed, added if new; `None` for a blank string.
    fn intern(&mut self, s: &str) -> Option<usize> {
        let s = s.trim();
        (!s.is_empty()).then(|| self.intern_exact(s))
    }

    /// The index of `s` as it is, added if new.
    fn intern_exact(&mut self, s: &str) -> usize {
        let hash = self.hasher.hash_one(s);
        if let Some(&i) = self.table.find(hash, |&i| self.get(i) == s) {
            return i;
        }
        let i = self.ends.len();
        self.text.push_str(s);
        self.ends.push(self.text.len());
        let Patterns {
            text,
            ends,
            table,
            hasher,
        } = self;
        table.insert_unique(hash, i, |&j| {
            let start = if j == 0 { 0 } else { ends[j - 1] };
            hasher.hash_one(&text[start..ends[j]])
        });
        i
    }
}

/// Per pattern, a list of (entry, list) targets, stored end to end (one allocation, not one
/// per pattern).
struct Targets {
    /// Pattern `p`'s targets are `targets[starts[p]..starts[p + 1]]`.
    starts: Vec<usize>,
    targets: Vec<(usize, usize)>,
}

impl Targets {
    /// From (pattern, target) pairs with each pattern's targets in order; a target repeated
    /// next to itself is kept once.
    fn new(patterns: usize, pairs: &[(usize, (usize, usize))]) -> Targets {
        let mut starts = vec![0; patterns + 1];
        for &(p, _) in pairs {
            starts[p + 1] += 1;
        }
        for p in 0..patterns {
            starts[p + 1] += starts[p];
        }
        let mut next = starts.clone();
        let mut placed = vec![(0, 0); pairs.len()];
        for &(p, t) in pairs {
            placed[next[p]] = t;
            next[p] += 1;
        }
        let mut targets = Vec::with_capacity(placed.len());
        let mut kept = Vec::with_capacity(patterns + 1);
        kept.push(0);
        for p in 0..patterns {
            let own = &placed[starts[p]..starts[p + 1]];
            for (i, t) in own.iter().enumerate() {
                if i == 0 || own[i - 1] != *t {
                    targets.push(*t);
                }
            }
            kept.push(targets.len());
        }
        Targets {
            starts: kept,
            targets,
        }
    }

    fn of(&self, p: usize) -> &[(usize, usize)] {
        self.starts
            .get(p..p + 2)
            .map_or(&[], |s| &self.targets[s[0]..s[1]])
    }
}

/// From this many entries, a matcher's two searches are built on two threads.
const PARALLEL_FROM: usize = 5_000;

/// From this many patterns, a [`PatternSearch`] is keyed rather than exact.
const KEYED_FROM: usize = 20_000;

/// Characters of a pattern that make its key in a keyed search.
const KEY_CHARS: usize = 2;

/// The most text a keyed search hashes where one key occurs (the sum of its patterns'
/// distinct lengths, in bytes); a real lexicon's keys stay far below (the rich shape of
/// `examples/lexicon_load`: under 300).
const MAX_PROBE_BYTES: usize = 4096;

/// Leftmost-longest, non-overlapping search for distinct, non-empty patterns.
///
/// A few hundred patterns (the built-in lexicon) get one exact Aho–Corasick automaton. It is a
/// contiguous NFA, not a DFA: on the built-in lexicon's Chinese names the DFA takes ~7 MB (a
/// 256-wide row per state) against ~0.2 MB, and scanning a 1 MB document costs ~6 ms instead
/// of ~3 ms, once, since results are cached per line.
///
/// From [`KEYED_FROM`] patterns (a user lexicon of many thousand entries) the search is
/// keyed: the automaton holds only each pattern's first [`KEY_CHARS`] characters (its key;
/// the whole pattern when shorter), an overlapping search finds every key in the text, and
/// at each key found the key's patterns are tried longest first by a lookup in [`Patterns`],
/// one per distinct byte length among them. The longest pattern at each start, taken
/// leftmost first and skipping what overlaps a match taken, is what the exact automaton
/// finds (tests compare the two). A byte trie over 700,000 Chinese patterns had millions of
/// states and took 2.5 s to build; the keys' automaton is small, and building the whole
/// search costs little more than interning the patterns. (The daachorse crate's
/// character-wise double array was tried too: placing its sibling groups grew quadratically on
/// components such as 第N项甲/乙/丙.)
struct PatternSearch {
    patterns: Patterns,
    search: Search,
}

enum Search {
    /// No patterns, an automaton that could not be built, or a set built for membership
    /// only ([`PhraseSet::new`] with `searchable: false`).
    None,
    Exact(AhoCorasick),
    Keyed {
        /// Standard semantics, searched for overlapping matches.
        keys: AhoCorasick,
        /// Per key: the distinct byte lengths of its patterns, longest first.
        lengths: Vec<Vec<usize>>,
    },
}

/// A contiguous NFA over `patterns` (the default choice if that fails, as for too many
/// states).
fn automaton<'a>(
    patterns: impl Iterator<Item = &'a str> + Clone,
    kind: MatchKind,
) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new()
        .match_kind(kind)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns.clone())
        .or_else(|_| AhoCorasickBuilder::new().match_kind(kind).build(patterns))
        .ok()
}

impl PatternSearch {
    /// The search for `patterns`, keyed from `keyed_from` of them.
    fn new(patterns: Patterns, keyed_from: usize) -> PatternSearch {
        let exact = |patterns: &Patterns| {
            automaton(patterns.iter(), MatchKind::LeftmostLongest)
                .map_or(Search::None, Search::Exact)
        };
        let search = if patterns.len() == 0 {
            Search::None
        } else if patterns.len() < keyed_from {
            exact(&patterns)
        } else {
            PatternSearch::keyed(&patterns).unwrap_or_else(|| exact(&patterns))
        };
        PatternSearch { patterns, search }
    }

    /// The keyed search for `patterns`; `None` when some key's lookups would hash more than
    /// [`MAX_PROBE_BYTES`] of text at each place the key occurs (patterns sharing their first
    /// characters in many lengths, as a hostile lexicon may have: ＡＡ, ＡＡＡ, … in a text of
    /// Ａ), where the exact automaton's scan stays linear.
    fn keyed(patterns: &Patterns) -> Option<Search> {
        let mut keys = Patterns::default();
        let mut lengths: Vec<Vec<usize>> = Vec::new();
        for p in patterns.iter() {
            let key_len = p.char_indices().nth(KEY_CHARS).map_or(p.len(), |(i, _)| i);
            // Patterns are trimmed, but a key may end in a blank: intern it untrimmed.
            let k = keys.intern_exact(&p[..key_len]);
            if lengths.len() <= k {
                lengths.push(Vec::new());
            }
            // A key's patterns have few distinct lengths.
            if !lengths[k].contains(&p.len()) {
                lengths[k].push(p.len());
            }
        }
        if lengths
            .iter()
            .any(|l| l.iter().sum::<usize>() > MAX_PROBE_BYTES)
        {
            return None;
        }
        for l in &mut lengths {
            l.sort_unstable_by(|a, b| b.cmp(a));
        }
        let keys = automaton(keys.iter(), MatchKind::Standard)?;
        Some(Search::Keyed { keys, lengths })
    }

    /// Leftmost-longest, non-overlapping matches: (byte range, pattern index).
    fn matches(&self, text: &str) -> Vec<(Span, usize)> {
        match &self.search {
            Search::None => Vec::new(),
            Search::Exact(ac) => ac
                .find_iter(text)
                .map(|m| (m.start()..m.end(), m.pattern().as_usize()))
                .collect(),
            Search::Keyed { keys, lengths } => {
                // The longest pattern starting at each key found: (start, end, pattern).
                let mut found: Vec<(usize, usize, usize)> = Vec::new();
                for m in keys.find_overlapping_iter(text) {
                    let start = m.start();
                    let longest = lengths[m.pattern().as_usize()].iter().find_map(|&len| {
                        let p = self.patterns.find(text.get(start..start + len)?)?;
                        Some((start, start + len, p))
                    });
                    found.extend(longest);
                }
                // Leftmost first, the longest of those starting together first.
                found.sort_unstable_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
                let mut out = Vec::new();
                let mut next = 0;
                for (s, e, p) in found {
                    if s >= next {
                        out.push((s..e, p));
                        next = e;
                    }
                }
                out
            }
        }
    }
}

/// A set of strings searched like the matcher's own names (leftmost-longest, exact for a
/// few hundred strings, keyed from [`KEYED_FROM`]), with exact membership: recurrence's
/// slogan terms and the lexicon's full forms, whose building took half a second and a
/// hash of every entry per analysis with a 100,000-entry lexicon.
pub struct PhraseSet {
    search: PatternSearch,
}

impl PhraseSet {
    /// The set of `phrases` (trimmed; blank ones left out), and for each distinct phrase, in
    /// the order of the indices [`matches`](Self::matches) reports, the position of its first
    /// occurrence in `phrases`. `searchable: false` builds membership only.
    pub fn new<'a>(
        phrases: impl IntoIterator<Item = &'a str>,
        searchable: bool,
    ) -> (PhraseSet, Vec<usize>) {
        let mut patterns = Patterns::default();
        let mut first = Vec::new();
        for (at, p) in phrases.into_iter().enumerate() {
            if let Some(i) = patterns.intern(p) {
                if i == first.len() {
                    first.push(at);
                }
            }
        }
        let search = if searchable {
            PatternSearch::new(patterns, KEYED_FROM)
        } else {
            PatternSearch {
                patterns,
                search: Search::None,
            }
        };
        (PhraseSet { search }, first)
    }

    /// Leftmost-longest, non-overlapping matches: (byte range, distinct phrase index).
    pub fn matches(&self, text: &str) -> Vec<(Span, usize)> {
        self.search.matches(text)
    }

    /// Whether `s` (trimmed) is one of the phrases.
    pub fn contains(&self, s: &str) -> bool {
        self.search.patterns.find(s.trim()).is_some()
    }

    /// Distinct phrase `i`.
    pub fn get(&self, i: usize) -> &str {
        self.search.patterns.get(i)
    }

    pub fn len(&self) -> usize {
        self.search.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Matcher {
    pub fn new(entries: &[Arc<Entry>]) -> Matcher {
        Matcher::build(entries, KEYED_FROM)
    }

    /// The matcher of `entries`, each search keyed from `keyed_from` patterns. The names and
    /// the components are independent: from [`PARALLEL_FROM`] entries the components are
    /// built on a second thread (on this one if it cannot start).
    fn build(entries: &[Arc<Entry>], keyed_from: usize) -> Matcher {
        let components = || Matcher::components(entries, keyed_from);
        let ((names, name_targets), (components, component_targets)) =
            if entries.len() < PARALLEL_FROM {
                (Matcher::names_of(entries, keyed_from), components())
            } else {
                std::thread::scope(|scope| {
                    let other = std::thread::Builder::new()
                        .name("lexicon-components".into())
                        .spawn_scoped(scope, components);
                    let names = Matcher::names_of(entries, keyed_from);
                    let comps = match other {
                        Ok(handle) => handle.join().unwrap_or_else(|_| components()),
                        Err(_) => components(),
                    };
                    (names, comps)
                })
            };
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let line_safe = [&names, &components]
            .iter()
            .all(|s| memchr::memchr2(b'\n', b'\r', s.patterns.text.as_bytes()).is_none());
        Matcher {
            names,
            name_targets,
            components,
            component_targets,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            line_safe,
        }
    }

    /// The search over the entries' names, and the one (entry, kind) each name stands for.
    fn names_of(
        entries: &[Arc<Entry>],
        keyed_from: usize,
    ) -> (PatternSearch, Vec<(usize, NameKind)>) {
        // Sized once: growing the table rehashed every pattern again at each doubling.
        let (mut count, mut bytes) = (0, 0);
        for e in entries {
            let forms = e.variants.iter().filter_map(|v| v.form.as_ref());
            for s in [&e.term, &e.full]
                .into_iter()
                .chain(&e.aliases)
                .chain(forms)
            {
                count += 1;
                bytes += s.len();
            }
        }
        let mut names = Patterns::with_capacity(count, bytes);
        // Each name stands for one entry: an entry's own name (term, alias, full form) before
        // another's variant form, then the later entry (user lexicons are laid over the
        // built-in one), then the first kind seen.
        let mut name_targets: Vec<(usize, NameKind)> = Vec::with_capacity(count);
        let rank = |&(e, k): &(usize, NameKind)| {
            (matches!(k, NameKind::VariantForm(_)), std::cmp::Reverse(e))
        };
        let mut add_name = |s, target: (usize, NameKind)| {
            if let Some(i) = names.intern(s) {
                if i == name_targets.len() {
                    name_targets.push(target);
                } else if rank(&target) < rank(&name_targets[i]) {
                    name_targets[i] = target;
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
        (PatternSearch::new(names, keyed_from), name_targets)
    }

    /// The search over the components of the entries' lists of two or more, and their
    /// targets.
    fn components(entries: &[Arc<Entry>], keyed_from: usize) -> (PatternSearch, Targets) {
        fn lists_of(e: &Arc<Entry>) -> impl Iterator<Item = &Vec<String>> {
            std::iter::once(&e.components).chain(e.variants.iter().map(|v| &v.components))
        }
        let (mut count, mut bytes) = (0, 0);
        for list in entries.iter().flat_map(lists_of) {
            count += list.len();
            bytes += list.iter().map(String::len).sum::<usize>();
        }
        let mut comps = Patterns::with_capacity(count, bytes);
        // (component pattern, (entry, list)), in entry and list order.
        let mut pairs: Vec<(usize, (usize, usize))> = Vec::with_capacity(count);
        for (ei, e) in entries.iter().enumerate() {
            for (li, list) in lists_of(e).enumerate() {
                if list.len() < 2 {
                    continue;
                }
                for c in list {
                    if let Some(i) = comps.intern(c) {
                        pairs.push((i, (ei, li)));
                    }
                }
            }
        }
        let targets = Targets::new(comps.len(), &pairs);
        (PatternSearch::new(comps, keyed_from), targets)
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
        let hits = self.components.matches(text);
        Some((hits.first()?.0.start, hits.last()?.0.end))
    }

    /// Every name in `text`, leftmost-longest, non-overlapping, each attributed to one entry.
    pub fn names(&self, text: &str) -> Vec<NameHit> {
        let mut out = Vec::new();
        for (range, pattern) in self.names.matches(text) {
            // One entry per name: the entry's own name before another's variant, the later
            // (user) entry before the built-in one.
            if let Some(&(entry, kind)) = self.name_targets.get(pattern) {
                out.push(NameHit { range, entry, kind });
            }
        }
        out
    }

    /// Every enumeration of components in `text` (two or more components of one entry).
    pub fn enumerations(&self, text: &str, entries: &[Arc<Entry>]) -> Vec<Enumeration> {
        let hits: Vec<(Span, usize)> = self.components.matches(text);
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
        entries: &[Arc<Entry>],
        out: &mut Vec<Enumeration>,
    ) {
        let hit_count = run.iter().filter(|r| matches!(r, RunItem::Hit(..))).count();
        if hit_count < 2 {
            return;
        }
        let mut candidates: Vec<usize> = run
            .iter()
            .filter_map(|r| match r {
                RunItem::Hit(_, p) => Some(self.component_targets.of(*p).iter().map(|(e, _)| *e)),
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
                RunItem::Hit(_, p) => self.component_targets.of(*p).iter().any(|(x, _)| *x == e),
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
                        RunItem::Hit(_, p) => Some(self.components.patterns.get(*p)),
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
        entries: &[Arc<Entry>],
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
                    let s = self.components.patterns.get(*p);
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
pub fn occurrence_spans(sc: &Scan, entries: &[Arc<Entry>]) -> Vec<(Span, usize)> {
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

    /// `pats` interned, and what the `aho-corasick` crate's default leftmost-longest
    /// automaton finds of them in `text`.
    fn reference(pats: &[String], text: &str) -> (Patterns, Vec<(Span, usize)>) {
        let mut set = Patterns::default();
        for p in pats {
            set.intern(p);
        }
        let found = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(set.iter())
            .unwrap()
            .find_iter(text)
            .map(|m| (m.start()..m.end(), m.pattern().as_usize()))
            .collect();
        (set, found)
    }

    /// Both the exact and the keyed search find exactly what the reference finds: on the
    /// built-in lexicon's patterns with overlapping prefixes, suffixes and infixes (shorter
    /// and longer than a key), on generated names sharing long prefixes, and on real words
    /// (every eighth word of the segmenter's dictionary).
    #[test]
    fn searches_match_reference() {
        let mut generated = test_patterns();
        for i in 0..3_000 {
            for s in [
                format!("提法{i}号"),
                format!("第{i}项甲"),
                format!("第{i}项乙"),
                format!("第{i}项"),
                format!("第{i}"),
                format!("旧提法{i}"),
                format!("a {i} b"),
            ] {
                generated.push(s);
            }
        }
        let words: Vec<String> = include_str!("../../../data/segment/dict.txt")
            .lines()
            .step_by(8)
            .filter_map(|l| l.split(' ').next().map(str::to_string))
            .collect();
        let text = format!(
            "{}中国特色社会主义𠮷野家😀议会议中国𠮷第12项甲第1项乙第1项提法7号旧提法1a 3 b第",
            crate::seeds::corpus(120_000)
        );
        for (name, pats) in [("generated", generated), ("words", words)] {
            let (set, want) = reference(&pats, &text);
            assert!(want.len() > 1000, "{name}: {}", want.len());
            let exact = PatternSearch::new(set, usize::MAX);
            assert!(matches!(exact.search, Search::Exact(_)));
            assert_eq!(exact.matches(&text), want, "{name}, exact");
            let keyed = PatternSearch::new(exact.patterns, 0);
            assert!(matches!(keyed.search, Search::Keyed { .. }));
            assert_eq!(keyed.matches(&text), want, "{name}, keyed");
        }
    }

    /// Patterns sharing their first characters in many lengths would make a keyed search hash
    /// kilobytes at each place their key occurs: they get the exact automaton.
    #[test]
    fn many_lengths_under_one_key_stay_exact() {
        let mut pats: Vec<String> = (1..=60).map(|k| "Ａ".repeat(k)).collect();
        pats.extend((0..100).map(|i| format!("提法{i}号")));
        let text = format!("{}提法7号{}", "Ａ".repeat(500), "Ａ".repeat(7));
        let (set, want) = reference(&pats, &text);
        let search = PatternSearch::new(set, 0);
        assert!(matches!(search.search, Search::Exact(_)));
        assert_eq!(search.matches(&text), want);
        assert_eq!(want.len(), 11);
    }

    /// A lexicon large enough for keyed searches finds the same names and enumerations as
    /// the same entries searched exactly.
    #[test]
    fn keyed_build_finds_the_same() {
        let mut entries = crate::engine::lexicon::Lexicon::builtin()
            .entries()
            .to_vec();
        let base = Entry::clone(&entries[0]);
        for i in 0..12_000 {
            let mut e = base.clone();
            e.id = format!("gen-{i}");
            e.term = format!("提法{i}号");
            e.aliases = vec![format!("简称{i}")];
            e.full = format!("第{i}个完整提法");
            e.components = ["甲", "乙", "丙"]
                .iter()
                .map(|c| format!("第{i}项{c}"))
                .collect();
            e.variants = Vec::new();
            entries.push(Arc::new(e));
        }
        let keyed = Matcher::build(&entries, KEYED_FROM);
        let exact = Matcher::build(&entries, usize::MAX);
        let is_keyed = |s: &PatternSearch| matches!(s.search, Search::Keyed { .. });
        assert!(is_keyed(&keyed.names) && is_keyed(&keyed.components));
        assert!(!is_keyed(&exact.names) && !is_keyed(&exact.components));
        let text = format!(
            "{}提法11999号与第5个完整提法、简称7，提法1号；第8项甲、第8项丙和第8项乙{}",
            crate::seeds::corpus(40_000),
            crate::seeds::corpus(20_000)
        );
        let found = keyed.names(&text);
        assert!(found.iter().any(|h| h.entry == entries.len() - 1));
        assert!(found.iter().any(|h| h.entry < 100));
        assert_eq!(found, exact.names(&text));
        let en = keyed.enumerations(&text, &entries);
        assert!(en.iter().any(|e| e.verdict == Verdict::OutOfOrder));
        assert_eq!(en, exact.enumerations(&text, &entries));
        assert_eq!(keyed.component_extent(&text), exact.component_extent(&text));
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

    #[test]
    fn phrase_sets_search_like_one_automaton_and_know_their_members() {
        let phrases = ["六稳", "六保", "六稳", " 稳中求进 ", "稳中求进工作总基调"];
        let (set, first) = PhraseSet::new(phrases, true);
        assert_eq!(first, vec![0, 1, 3, 4]);
        assert!(set.contains("稳中求进") && !set.contains("稳中"));
        let text = "坚持稳中求进工作总基调，做好六稳六保";
        let found: Vec<&str> = set
            .matches(text)
            .into_iter()
            .map(|(r, i)| {
                assert_eq!(&text[r.clone()], set.get(i));
                set.get(i)
            })
            .collect();
        assert_eq!(found, vec!["稳中求进工作总基调", "六稳", "六保"]);
        // Many phrases: the keyed search finds what the exact one finds.
        let many: Vec<String> = (0..KEYED_FROM + 10).map(|i| format!("提法{i}号")).collect();
        let (big, _) = PhraseSet::new(many.iter().map(String::as_str), true);
        assert!(matches!(big.search.search, Search::Keyed { .. }));
        let text = "提法12号和提法20005号，提法1";
        let got: Vec<&str> = big
            .matches(text)
            .into_iter()
            .map(|(r, _)| &text[r])
            .collect();
        assert_eq!(got, vec!["提法12号", "提法20005号"]);
        let (members, _) = PhraseSet::new(many.iter().map(String::as_str), false);
        assert!(members.matches(text).is_empty() && members.contains("提法7号"));
    }
}
