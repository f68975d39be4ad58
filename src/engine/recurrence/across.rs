//! Across documents: whole sentences that also stand in another file of the workspace
//! (boilerplate carried over from last year's report).
//!
//! [`CorpusIndex`] keeps, for every indexed document, its characters sentence by sentence
//! (white space, control characters, sentence ends 。！？； and masked spans become
//! boundaries; commas, quotes and digits inside a sentence are kept) and a hash table of
//! sampled k-grams: the k-gram starting
//! at every `step`-th position, with `k + step - 1 == min_chars`, so any common run of at
//! least `min_chars` characters contains a sampled k-gram of the other document. A query
//! hashes every k-gram of the queried text, verifies hits, extends them to maximal common
//! runs and skips hits on a diagonal it has already extended, so work is linear in the text
//! plus the hits. Purely in memory and pure: the caller feeds texts and keys (URIs or paths).

use crate::engine::config::Config;
use crate::engine::text::{han_count, is_han, is_sentence_end};
use crate::engine::types::{Diagnostic, Related, Severity, Span};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Positions kept per k-gram and document (see `CorpusIndex::insert`): enough for any real
/// refrain; a k-gram standing more often in one file (junk runs like 议议议…) keeps its first
/// 64 places, so such a file can't make lookups quadratic.
const MAX_POSTINGS_PER_DOC: usize = 64;

/// The rule's id; its diagnostics come from [`crate::engine::analyze_across`].
pub const RULE_ID: &str = "recurring-across-docs";
pub const DEFAULT_SEVERITY: Severity = Severity::Information;

/// Whether `c` is a boundary of the index's runs: no shared run crosses a sentence end, a
/// line break or other white space.
fn is_run_break(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_sentence_end(c)
}

/// Characters of one document as the index sees them.
#[derive(Debug, Clone, Default)]
struct HanSeq {
    /// The characters within sentences; `'\0'` marks a boundary (see [`is_run_break`]) or
    /// a masked span.
    chars: Vec<char>,
    /// Byte offset of each character in the document.
    bytes: Vec<u32>,
}

impl HanSeq {
    fn new(text: &str, masked: &[Span]) -> HanSeq {
        let mut chars = Vec::with_capacity(text.len() / 3);
        let mut bytes = Vec::with_capacity(text.len() / 3);
        let mut masked: Vec<Span> = masked.to_vec();
        masked.sort_by_key(|m| m.start);
        let mut m = 0usize;
        for (i, c) in text.char_indices() {
            while masked.get(m).is_some_and(|s| s.end <= i) {
                m += 1;
            }
            let is_masked = masked[m..]
                .iter()
                .take_while(|s| s.start <= i)
                .any(|s| s.start <= i && i < s.end);
            if !is_run_break(c) && !is_masked {
                chars.push(c);
                bytes.push(i as u32);
            } else if chars.last() != Some(&'\0') {
                chars.push('\0');
                bytes.push(i as u32);
            }
        }
        super::break_periodic_runs(&mut chars, '\0');
        HanSeq { chars, bytes }
    }

    /// Byte span of characters `a..b` (no boundary among them).
    fn span(&self, a: usize, b: usize) -> Span {
        let start = self.bytes[a] as usize;
        let last = self.bytes[b - 1] as usize;
        start..last + self.chars[b - 1].len_utf8()
    }

    /// `(position, hash)` of every k-gram without a boundary.
    fn kgrams(&self, k: usize) -> impl Iterator<Item = (usize, u64)> + '_ {
        const BASE: u64 = 0x100_0000_01b3;
        let pow = (0..k).fold(1u64, |p, _| p.wrapping_mul(BASE));
        let mut h = 0u64;
        let mut clean = 0usize; // length of the boundary-free run ending here
        self.chars.iter().enumerate().filter_map(move |(i, &c)| {
            h = h.wrapping_mul(BASE).wrapping_add(c as u64 + 1);
            if i >= k {
                h = h.wrapping_sub(pow.wrapping_mul(self.chars[i - k] as u64 + 1));
            }
            clean = if c == '\0' { 0 } else { clean + 1 };
            (clean >= k).then(|| (i + 1 - k, mix(h)))
        })
    }
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

/// The keys of the table are already well-mixed hashes.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Table = HashMap<u64, Postings, BuildHasherDefault<IdentityHasher>>;

/// The places (document id, character position) of one sampled k-gram. Almost every k-gram
/// has one, kept inline: a heap vector per k-gram made the index of a 1 MB document ~9 MB.
/// The rare longer lists are boxed so that an entry of the table is 24 bytes, not 32.
#[derive(Debug, Clone)]
enum Postings {
    One([(u32, u32); 1]),
    #[allow(clippy::box_collection)]
    Many(Box<Vec<(u32, u32)>>),
}

impl Postings {
    fn push(&mut self, place: (u32, u32)) {
        match self {
            Postings::One([first]) => *self = Postings::Many(Box::new(vec![*first, place])),
            Postings::Many(v) => v.push(place),
        }
    }

    fn as_slice(&self) -> &[(u32, u32)] {
        match self {
            Postings::One(one) => one,
            Postings::Many(v) => v,
        }
    }

    /// Drops the places in document `id`; `false` when none is left.
    fn remove_doc(&mut self, id: u32) -> bool {
        match self {
            Postings::One([(d, _)]) => *d != id,
            Postings::Many(v) => {
                v.retain(|&(d, _)| d != id);
                match v[..] {
                    [] => false,
                    [only] => {
                        *self = Postings::One([only]);
                        true
                    }
                    _ => true,
                }
            }
        }
    }
}

/// A place in another document holding the same text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherPlace {
    pub key: String,
    pub span: Span,
    /// Whether the text stands there between two boundaries (a whole sentence or line), not
    /// inside a longer sentence.
    pub whole: bool,
}

/// A span of the queried text that also stands elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossMatch {
    pub span: Span,
    pub others: Vec<OtherPlace>,
}

/// An index of the workspace's documents for finding shared runs of text.
pub struct CorpusIndex {
    min_chars: usize,
    k: usize,
    step: usize,
    ids: HashMap<String, u32>,
    docs: Vec<Option<(String, HanSeq)>>,
    table: Table,
}

impl Default for CorpusIndex {
    fn default() -> Self {
        CorpusIndex::new(crate::engine::config::RecurringSettings::default().min_chars_across)
    }
}

impl CorpusIndex {
    /// An empty index that finds common runs of at least `min_chars` characters.
    pub fn new(min_chars: usize) -> CorpusIndex {
        let min_chars = min_chars.max(2);
        let k = (min_chars * 2 / 3).max(min_chars.min(4));
        CorpusIndex {
            min_chars,
            k,
            step: min_chars + 1 - k,
            ids: HashMap::new(),
            docs: Vec::new(),
            table: Table::default(),
        }
    }

    pub fn min_chars(&self) -> usize {
        self.min_chars
    }

    /// Re-indexes everything for another `min_chars` (no-op when unchanged).
    pub fn set_min_chars(&mut self, min_chars: usize) {
        if min_chars.max(2) == self.min_chars {
            return;
        }
        let docs = std::mem::take(&mut self.docs);
        *self = CorpusIndex::new(min_chars);
        for (key, seq) in docs.into_iter().flatten() {
            self.insert(key, seq);
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.ids.contains_key(key)
    }

    /// Adds or replaces a document.
    pub fn update(&mut self, key: &str, text: &str) {
        self.update_masked(key, text, &[]);
    }

    /// Adds or replaces a document, leaving `masked` spans (web residue) out.
    pub fn update_masked(&mut self, key: &str, text: &str, masked: &[Span]) {
        self.remove(key);
        self.insert(key.to_string(), HanSeq::new(text, masked));
    }

    fn insert(&mut self, key: String, seq: HanSeq) {
        let id = match self.docs.iter().position(Option::is_none) {
            Some(free) => free,
            None => {
                self.docs.push(None);
                self.docs.len() - 1
            }
        } as u32;
        // A k-gram repeated within one document (junk runs, a refrain) is kept at most
        // MAX_POSTINGS_PER_DOC times, so one document can't make lookups slow.
        let mut seen: HashMap<u64, u8, BuildHasherDefault<IdentityHasher>> = HashMap::default();
        for (pos, h) in seq.kgrams(self.k) {
            if pos % self.step == 0 {
                let n = seen.entry(h).or_default();
                if (*n as usize) < MAX_POSTINGS_PER_DOC {
                    *n += 1;
                    let place = (id, pos as u32);
                    match self.table.entry(h) {
                        std::collections::hash_map::Entry::Occupied(mut e) => {
                            e.get_mut().push(place)
                        }
                        std::collections::hash_map::Entry::Vacant(e) => {
                            e.insert(Postings::One([place]));
                        }
                    }
                }
            }
        }
        self.ids.insert(key.clone(), id);
        self.docs[id as usize] = Some((key, seq));
    }

    pub fn remove(&mut self, key: &str) {
        let Some(id) = self.ids.remove(key) else {
            return;
        };
        if let Some((_, seq)) = self.docs[id as usize].take() {
            for (pos, h) in seq.kgrams(self.k) {
                if pos % self.step != 0 {
                    continue;
                }
                if let Some(v) = self.table.get_mut(&h) {
                    if !v.remove_doc(id) {
                        self.table.remove(&h);
                    }
                }
            }
        }
    }

    /// Maximal runs of text within a sentence (no boundary inside, at least `min_chars`
    /// characters, and at least the index's own `min_chars`) that `text` shares with other
    /// indexed documents;
    /// the document indexed under `key` itself is skipped. One entry per (span, other
    /// document) pair; spans may overlap.
    pub fn query_raw(
        &self,
        text: &str,
        key: &str,
        masked: &[Span],
        min_chars: usize,
    ) -> Vec<(Span, OtherPlace)> {
        let min_chars = min_chars.max(self.min_chars);
        let me = self.ids.get(key).copied();
        if self.ids.len() <= usize::from(me.is_some()) {
            // Nothing to share text with (a lone open file): spare building the sequence.
            return Vec::new();
        }
        let q = HanSeq::new(text, masked);
        // (other document, diagonal) -> end of the match already extended along it.
        let mut done: HashMap<(u32, i64), usize> = HashMap::new();
        let mut out = Vec::new();
        for (i, h) in q.kgrams(self.k) {
            let Some(hits) = self.table.get(&h) else {
                continue;
            };
            for &(d, pos) in hits.as_slice() {
                if Some(d) == me {
                    continue;
                }
                let diag = pos as i64 - i as i64;
                if done.get(&(d, diag)).is_some_and(|&end| i < end) {
                    continue;
                }
                let Some((okey, other)) = self.docs[d as usize].as_ref() else {
                    continue;
                };
                let p = pos as usize;
                if q.chars[i..i + self.k] != other.chars[p..p + self.k] {
                    continue;
                }
                let (mut a0, mut b0) = (i, p);
                while a0 > 0
                    && b0 > 0
                    && q.chars[a0 - 1] != '\0'
                    && q.chars[a0 - 1] == other.chars[b0 - 1]
                {
                    a0 -= 1;
                    b0 -= 1;
                }
                let (mut a1, mut b1) = (i + self.k, p + self.k);
                while a1 < q.chars.len()
                    && b1 < other.chars.len()
                    && q.chars[a1] != '\0'
                    && q.chars[a1] == other.chars[b1]
                {
                    a1 += 1;
                    b1 += 1;
                }
                done.insert((d, diag), a1);
                if a1 - a0 >= min_chars {
                    let whole = (b0 == 0 || other.chars[b0 - 1] == '\0')
                        && other.chars.get(b1).is_none_or(|&c| c == '\0');
                    out.push((
                        q.span(a0, a1),
                        OtherPlace {
                            key: okey.clone(),
                            span: other.span(b0, b1),
                            whole,
                        },
                    ));
                }
            }
        }
        out
    }

    /// [`query_raw`](Self::query_raw) grouped by span, with spans contained in a longer one
    /// merged into it.
    pub fn query(
        &self,
        text: &str,
        key: &str,
        masked: &[Span],
        min_chars: usize,
    ) -> Vec<CrossMatch> {
        group(self.query_raw(text, key, masked, min_chars))
    }
}

fn group(raw: Vec<(Span, OtherPlace)>) -> Vec<CrossMatch> {
    let mut by_span: HashMap<(usize, usize), Vec<OtherPlace>> = HashMap::new();
    for (s, o) in raw {
        by_span.entry((s.start, s.end)).or_default().push(o);
    }
    let mut spans: Vec<((usize, usize), Vec<OtherPlace>)> = by_span.into_iter().collect();
    spans.sort_by_key(|((s, e), _)| (*s, std::cmp::Reverse(*e)));
    let mut out: Vec<CrossMatch> = Vec::new();
    let mut widest: Option<usize> = None; // index in `out` of the kept span reaching farthest
    for ((s, e), others) in spans {
        match widest {
            Some(w) if out[w].span.end >= e => {
                for o in others {
                    if !out[w].others.contains(&o) {
                        out[w].others.push(o);
                    }
                }
            }
            _ => {
                out.push(CrossMatch { span: s..e, others });
                widest = Some(out.len() - 1);
            }
        }
    }
    for m in &mut out {
        m.others
            .sort_by(|a, b| a.key.cmp(&b.key).then(a.span.start.cmp(&b.span.start)));
        m.others.dedup();
    }
    out
}

/// The display name of a key: the last path segment, percent-decoded.
pub fn display_name(key: &str) -> String {
    let last = key.rsplit(['/', '\\']).next().unwrap_or(key);
    let bytes = last.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| last.to_string())
}

fn shorten(phrase: &str, max: usize) -> String {
    if phrase.chars().count() <= max {
        phrase.to_string()
    } else {
        let head: String = phrase.chars().take(max).collect();
        format!("{head}…")
    }
}

/// A shared sentence needs at least this many Han characters, whatever
/// `recurring.minCharsAcross` says: shorter ones (会议强调，要坚持稳中求进。) are what every
/// report writes.
pub const MIN_SENTENCE_HAN: usize = 15;

/// Whether `span` of `text` is a whole sentence: it starts at the start of the text, a line
/// or a sentence, and ends on a sentence end (。！？；).
fn is_whole_sentence(text: &str, span: &Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    before.is_none_or(is_run_break) && after.is_some_and(is_sentence_end)
}

/// Whether a shared sentence is mostly a news frame: phrases the background corpus finds
/// mostly in news ledes (主持召开国务院常务会议, 出席会议并发表重要讲话) cover half of its Han
/// characters, or one of its clauses starts with a date's tail (日主持…).
fn is_news_frame(sentence: &str) -> bool {
    let mut han = 0usize;
    let mut covered = 0usize;
    for clause in sentence
        .split(|c: char| !is_han(c))
        .filter(|c| !c.is_empty())
    {
        if clause.starts_with(['日', '月', '年', '号']) {
            return true;
        }
        let chars: Vec<(usize, char)> = clause.char_indices().collect();
        let n = chars.len();
        let at = |i: usize| chars.get(i).map_or(clause.len(), |c| c.0);
        let mut mark = vec![false; n];
        for len in (4..=n.min(16)).rev() {
            for i in 0..=n - len {
                if mark[i..i + len].iter().all(|&m| m) {
                    continue;
                }
                if super::background::lookup(&clause[at(i)..at(i + len)])
                    .is_some_and(|b| b.lede_share >= super::background::FRAME_LEDE_SHARE)
                {
                    mark[i..i + len].iter_mut().for_each(|m| *m = true);
                }
            }
        }
        han += n;
        covered += mark.iter().filter(|&&m| m).count();
    }
    han > 0 && 2 * covered >= han
}

/// At most this many other places per diagnostic.
const MAX_RELATED: usize = 20;

/// Diagnostics of `recurring-across-docs` for `text` (indexed or about to be, under `key`)
/// against the other documents of `index`: one per whole sentence of at least
/// `recurring.minCharsAcross` (and [`MIN_SENTENCE_HAN`]) Han characters that stands, whole,
/// in another file, with the other files' places as related locations. `masked` spans (web
/// residue) are left out.
pub fn diagnose_across(
    text: &str,
    key: &str,
    masked: &[Span],
    index: &CorpusIndex,
    config: &Config,
) -> Vec<Diagnostic> {
    if !config.rule_enabled(RULE_ID) || index.is_empty() {
        return Vec::new();
    }
    let min_chars = config.recurring.min_chars_across.max(2);
    let min_han = min_chars.max(MIN_SENTENCE_HAN);
    let raw = index.query_raw(text, key, masked, min_chars);
    if raw.is_empty() {
        return Vec::new();
    }
    // Only whole sentences reused verbatim, whole in the other file too. Formulas and clauses
    // shared with another report are the drafter's business (they stand inside sentences
    // that differ), and a sentence that is mostly a news frame
    // (中共中央总书记、国家主席、中央军委主席习近平出席会议并发表重要讲话。) is what every report
    // must write.
    let mut trimmed = Vec::with_capacity(raw.len());
    for (span, other) in raw {
        let phrase = &text[span.clone()];
        if !other.whole
            || !is_whole_sentence(text, &span)
            || han_count(phrase) < min_han
            || is_news_frame(phrase)
            || config
                .recurring
                .ignore
                .iter()
                .any(|i| !i.trim().is_empty() && i.trim().contains(phrase))
        {
            continue;
        }
        trimmed.push((span, other));
    }
    let severity = config.severity_for(RULE_ID, DEFAULT_SEVERITY);
    let mut out = Vec::new();
    for m in group(trimmed) {
        let phrase = shorten(&text[m.span.clone()], 24);
        let mut files: Vec<&str> = m.others.iter().map(|o| o.key.as_str()).collect();
        files.dedup();
        let first = display_name(files[0]);
        let message = if files.len() == 1 {
            config.locale.pick(
                format!("「{phrase}」也出现在 {first} 中"),
                format!("「{phrase}」 also stands in {first}"),
            )
        } else {
            config.locale.pick(
                format!("「{phrase}」也出现在 {first} 等 {} 个文件中", files.len()),
                format!(
                    "「{phrase}」 also stands in {first} and {} other files",
                    files.len() - 1
                ),
            )
        };
        let mut d = Diagnostic::new(RULE_ID, severity, m.span.clone(), message);
        d.related = m
            .others
            .iter()
            .take(MAX_RELATED)
            .map(|o| Related {
                doc: Some(o.key.clone()),
                range: o.span.clone(),
                message: config
                    .locale
                    .pick(
                        format!("{} 中的相同文字", display_name(&o.key)),
                        format!("the same text in {}", display_name(&o.key)),
                    )
                    .into(),
            })
            .collect();
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests;
