//! Recurring phrases: the formulas a report repeats (疫情防控和经济社会发展 seven times),
//! and the boilerplate it shares with other files of the workspace (`across`).
//!
//! # Within one document
//!
//! 1. Each paragraph is segmented with jieba ([`segment_paragraph`], cacheable by text).
//! 2. Words are interned to ids; punctuation, white space and masked text become *unique*
//!    sentinels, so no match crosses them. Latin/digit/symbol tokens keep their ids: they take
//!    part in matching but can't be part of a reported phrase, so Han text always glued to the
//!    same junk (seed 002's `…¥在线官网`) is part of a longer non-Han repeat, not a formula.
//! 3. A suffix array with LCP intervals over the id sequence yields every right-maximal
//!    repeat with its occurrences in O(n log n); keeping the left-maximal ones gives the
//!    maximal repeats, so a phrase contained in a longer one with the same occurrences is
//!    never reported separately.
//! 4. Filters: only Han words, at least `min_chars` Han characters, at least `min_count`
//!    non-overlapping occurrences, not only function words or numerals, not only a person's
//!    name with titles, not in the ignore list.
//!
//! Lexicon slogans (四个意识 …) used at least `min_count` times are reported the same way
//! whatever their length.

pub mod across;
pub mod action;
pub mod background;
pub mod confidence;
pub mod family;
pub mod joined;
pub mod suffix;
pub mod theme;
pub mod tokens;

pub use tokens::{
    segment_paragraph, segment_paragraph_cached, Token, TokenKind, Tokens, WordClass,
};

use super::config::RecurringSettings;
use super::document::Document;
use super::lexicon::{Lexicon, PhraseSet};
use super::text::{floor_char_boundary, han_count, has_han_chars, is_han, overlaps, quoted_by};
use super::types::Span;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

/// A phrase and every place it stands, in text order, non-overlapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurrence {
    pub phrase: String,
    pub spans: Vec<Span>,
    /// The lexicon entry when the phrase is a known slogan.
    pub entry_id: Option<String>,
    /// Stories of the background corpus that contain the phrase (0 when it is not in the
    /// table): a phrase dispersed across many official texts is a formula, a phrase only this
    /// document repeats is its own wording.
    pub background_df: u32,
    /// Whether the document's headline or agenda names the phrase ([`theme`]): what the
    /// document is about, not a formula it uses.
    pub topic: bool,
}

/// Longer repeats (without punctuation!) are copied passages or junk, not formulas.
const MAX_PHRASE_WORDS: usize = 64;

/// A unit of up to this many words repeated four times in a row (议议议议…, 加强加强加强加强)
/// is junk, never a formula: the repeats after the third become boundaries.
const MAX_JUNK_PERIOD: usize = 8;

/// A byte offset into the document as the sequence stores it: `u32` whenever the document
/// fits (half the memory of `usize` for the per-token arrays), `usize` beyond 4 GiB.
trait Offset: Copy + Ord {
    /// Only called with offsets within the document, which fit by the choice of type.
    fn from_usize(x: usize) -> Self;
    fn get(self) -> usize;
}

impl Offset for u32 {
    fn from_usize(x: usize) -> Self {
        u32::try_from(x).unwrap_or(u32::MAX)
    }
    fn get(self) -> usize {
        self as usize
    }
}

impl Offset for usize {
    fn from_usize(x: usize) -> Self {
        x
    }
    fn get(self) -> usize {
        self
    }
}

/// A paragraph's tokens as a segmenter hands them over.
trait TokenList {
    fn tokens(&self) -> impl Iterator<Item = Token> + '_;
    fn count(&self) -> usize;
}

impl TokenList for Arc<Vec<Token>> {
    fn tokens(&self) -> impl Iterator<Item = Token> + '_ {
        self.iter().cloned()
    }
    fn count(&self) -> usize {
        self.len()
    }
}

impl TokenList for Arc<Tokens> {
    fn tokens(&self) -> impl Iterator<Item = Token> + '_ {
        self.iter()
    }
    fn count(&self) -> usize {
        self.len()
    }
}

/// The token sequence of a document, ready for repeat finding.
struct Sequence<O> {
    /// Symbol per position: interned word id or a unique sentinel.
    ids: Vec<u32>,
    /// Word ids are `< vocab_len`; sentinels are `>= vocab_len`, each unique.
    vocab_len: u32,
    /// Number of distinct symbols (words and sentinels).
    alphabet: usize,
    /// Byte span (start, end) of each position in the document: empty for sentinels, at the
    /// end of the word before, so that the starts are sorted.
    spans: Vec<(O, O)>,
    classes: Vec<WordClass>,
    /// Whether each position is a Han word.
    is_han: Vec<bool>,
    /// Prefix sums: Han characters and non-Han positions (Other or sentinel) before `i`.
    /// Empty until [`Sequence::fill_prefix_sums`].
    han_before: Vec<u32>,
    non_han_before: Vec<u32>,
    /// Token boundaries (byte offsets) where a phrase may start or end.
    boundaries: Vec<O>,
}

/// A fast hasher for interning short words (FxHash-style multiply-rotate; the keys are not
/// attacker-chosen in a way that matters: a collision only slows interning down).
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }
}

impl<O: Offset> Sequence<O> {
    fn is_sentinel(&self, i: usize) -> bool {
        self.ids[i] >= self.vocab_len
    }

    /// Whether position `i` is a Han word (not past the end, not a sentinel).
    fn word_at(&self, i: usize) -> bool {
        i < self.ids.len() && !self.is_sentinel(i) && self.is_han[i]
    }

    /// The word starting at byte `at`, if one does.
    fn position_at(&self, at: usize) -> Option<usize> {
        let first = self.spans.partition_point(|&(s, _)| s.get() < at);
        (first..self.ids.len())
            .take_while(|&i| self.start(i) == at)
            .find(|&i| !self.is_sentinel(i))
    }

    /// Fills `han_before` and `non_han_before`. Called after the suffix sorting, which
    /// doesn't need them, so that they don't add to its memory peak.
    fn fill_prefix_sums(&mut self, text: &str) {
        let n = self.ids.len();
        let (mut h, mut o) = (0u32, 0u32);
        let mut han_before = Vec::with_capacity(n + 1);
        let mut non_han_before = Vec::with_capacity(n + 1);
        han_before.push(0);
        non_han_before.push(0);
        for i in 0..n {
            if self.is_han[i] {
                let chars = text.get(self.span(i)).map_or(0, |w| w.chars().count());
                h = h.wrapping_add(chars as u32);
            } else {
                o = o.wrapping_add(1);
            }
            han_before.push(h);
            non_han_before.push(o);
        }
        self.han_before = han_before;
        self.non_han_before = non_han_before;
    }

    fn span(&self, i: usize) -> Span {
        let (s, e) = self.spans[i];
        s.get()..e.get()
    }

    fn start(&self, i: usize) -> usize {
        self.spans[i].0.get()
    }

    fn end(&self, i: usize) -> usize {
        self.spans[i].1.get()
    }
}

/// Turns into `sentinel` every item (word id, character) that continues a unit of
/// `p <= MAX_JUNK_PERIOD` items already repeated three times in a row (议议议议…): junk, not
/// text to match. Keeps suffix sorting and across-document extension linear on such input.
pub(crate) fn break_periodic_runs<T: Copy + PartialEq>(ids: &mut [T], sentinel: T) {
    let mut run = [0usize; MAX_JUNK_PERIOD + 1];
    let mut junk = Vec::new();
    for i in 0..ids.len() {
        for (p, r) in run.iter_mut().enumerate().skip(1) {
            *r = if i >= p && ids[i] != sentinel && ids[i] == ids[i - p] {
                *r + 1
            } else {
                0
            };
            if *r >= 3 * p {
                junk.push(i);
            }
        }
    }
    for i in junk {
        ids[i] = sentinel;
    }
}

/// The sequence of the paragraphs holding at least `fewest_han` Han characters: a shorter one
/// can hold neither a phrase of `min_chars` Han characters nor a lexicon slogan (`fewest_han`
/// is at most both), so leaving it out changes no finding. It spares segmenting and ~22
/// bytes a word for text such as a million one-character lines.
fn build_sequence<O: Offset, L: TokenList>(
    doc: &Document,
    fewest_han: usize,
    segment: &mut dyn FnMut(&str) -> L,
) -> Sequence<O> {
    // Sentinels are numbered after the vocabulary once it is known; mark them for now.
    const SENTINEL: u32 = u32::MAX;
    let kept: Vec<Span> = doc
        .paragraphs
        .iter()
        .filter(|p| has_han_chars(&doc.text[p.clone()], fewest_han))
        .collect();
    // Segmented first, so that the arrays (~22 bytes a word) are allocated once at their
    // size instead of reallocated ~18 times each while growing.
    let lists: Vec<L> = kept
        .iter()
        .map(|p| segment(&doc.text[(*p).clone()]))
        .collect();
    let positions: usize = lists.iter().map(|l| l.count() + 1).sum();
    let mut vocab: HashMap<&str, u32, BuildHasherDefault<WordHasher>> = HashMap::default();
    let mut ids = Vec::with_capacity(positions);
    let mut spans: Vec<(O, O)> = Vec::with_capacity(positions);
    let mut classes = Vec::with_capacity(positions);
    let mut boundaries = Vec::with_capacity(2 * positions);
    let mut is_han = Vec::with_capacity(positions);
    let mut masked = doc.masked.clone();
    masked.sort_by_key(|m| (m.start, m.end));
    let mut next_mask = 0usize;
    for (para, toks) in kept.into_iter().zip(lists) {
        // The paragraph's tokens followed by an end-of-paragraph boundary.
        let items = toks.tokens().map(Some).chain(std::iter::once(None));
        for t in items {
            let word = t.and_then(|t| {
                let span = para.start + t.start..para.start + t.end;
                boundaries.push(O::from_usize(span.start));
                boundaries.push(O::from_usize(span.end));
                while masked.get(next_mask).is_some_and(|m| m.end <= span.start) {
                    next_mask += 1;
                }
                let is_masked = masked[next_mask..]
                    .iter()
                    .take_while(|m| m.start < span.end)
                    .any(|m| overlaps(m, &span));
                (t.kind != TokenKind::Break && !is_masked).then_some((t, span))
            });
            match word {
                None => {
                    if ids.last() == Some(&SENTINEL) {
                        continue;
                    }
                    ids.push(SENTINEL);
                    let at = spans.last().map_or(O::from_usize(0), |&(_, e)| e);
                    spans.push((at, at));
                    classes.push(WordClass::Function);
                    is_han.push(false);
                }
                Some((t, span)) => {
                    let next = vocab.len() as u32;
                    ids.push(*vocab.entry(&doc.text[span.clone()]).or_insert(next));
                    is_han.push(t.kind == TokenKind::Han);
                    spans.push((O::from_usize(span.start), O::from_usize(span.end)));
                    classes.push(t.class);
                }
            }
        }
    }
    break_periodic_runs(&mut ids, SENTINEL);
    let vocab_len = vocab.len() as u32;
    let mut next = vocab_len;
    for id in ids.iter_mut() {
        if *id == SENTINEL {
            *id = next;
            next += 1;
        }
    }
    // Tokens come in text order, so the boundaries are already sorted.
    boundaries.dedup();
    // These live through the suffix sorting, the memory peak of the analysis.
    ids.shrink_to_fit();
    spans.shrink_to_fit();
    classes.shrink_to_fit();
    is_han.shrink_to_fit();
    boundaries.shrink_to_fit();
    Sequence {
        ids,
        vocab_len,
        alphabet: next as usize,
        spans,
        classes,
        is_han,
        han_before: Vec::new(),
        non_han_before: Vec::new(),
        boundaries,
    }
}

/// Finds the recurring phrases and the recurring lexicon slogans of `doc`.
pub fn find_recurring(
    doc: &Document,
    settings: &RecurringSettings,
    lexicon: &Lexicon,
) -> Vec<Recurrence> {
    find_with(doc, settings, lexicon, &mut segment_paragraph_cached)
}

/// The formula families of `doc`: its recurring phrases ([`find_recurring`]) grouped
/// ([`family::families`]) and assessed ([`confidence::assess`]). What the rule, the
/// inventory and the evaluation all read.
pub fn formula_families(
    doc: &Document,
    settings: &RecurringSettings,
    lexicon: &Lexicon,
) -> Vec<family::Family> {
    let found = find_recurring(doc, settings, lexicon);
    let mut fams = family::families(doc.text, &found, settings.min_count);
    confidence::assess(doc, &mut fams);
    fams
}

/// [`find_recurring`] with a caller-supplied segmenter (e.g. a cache around
/// [`segment_paragraph`]); the segmenter must return what `segment_paragraph` would.
pub fn find_recurring_with(
    doc: &Document,
    settings: &RecurringSettings,
    lexicon: &Lexicon,
    segment: &mut dyn FnMut(&str) -> Arc<Vec<Token>>,
) -> Vec<Recurrence> {
    find_with(doc, settings, lexicon, segment)
}

fn find_with<L: TokenList>(
    doc: &Document,
    settings: &RecurringSettings,
    lexicon: &Lexicon,
    segment: &mut dyn FnMut(&str) -> L,
) -> Vec<Recurrence> {
    if u32::try_from(doc.text.len()).is_ok() {
        find_in::<u32, L>(doc, settings, lexicon, segment)
    } else {
        find_in::<usize, L>(doc, settings, lexicon, segment)
    }
}

fn find_in<O: Offset, L: TokenList>(
    doc: &Document,
    settings: &RecurringSettings,
    lexicon: &Lexicon,
    segment: &mut dyn FnMut(&str) -> L,
) -> Vec<Recurrence> {
    let sets = cached_sets(lexicon);
    let fewest_han = sets.fewest_han.min(settings.min_chars.max(1));
    let mut seq = build_sequence::<O, L>(doc, fewest_han, segment);
    let slogans = recurring_slogans(doc, &seq, settings, &sets);
    // Only the slogans need the boundaries: free them before the suffix sorting, the memory
    // peak of the analysis.
    seq.boundaries = Vec::new();
    // A lexicon entry's full form (夺取疫情防控和经济社会发展双胜利 for 双胜利) is a formula
    // whatever the background corpus says.
    let mut found = repeated_phrases(doc, &mut seq, settings, &sets.full_forms);
    for s in slogans {
        if let Some(existing) = found.iter_mut().find(|r| r.phrase == s.phrase) {
            existing.entry_id = s.entry_id;
        } else {
            found.push(s);
        }
    }
    found.retain(|r| !sets.names.contains(&r.phrase));
    let theme = theme::theme(doc);
    if !theme.pieces.is_empty() || !theme.names.is_empty() {
        let pieces: Vec<&str> = theme.pieces.iter().map(|t| &doc.text[t.clone()]).collect();
        let names: Vec<&str> = theme.names.iter().map(|t| &doc.text[t.clone()]).collect();
        let subject = theme.subject.as_ref().map(|t| &doc.text[t.clone()]);
        for r in &mut found {
            // A thing a lede or heading names is what the text reports on; a call to action
            // there is its message, which it may repeat as a formula, unless the lede opens
            // on it as its subject.
            let reported = || {
                subject == Some(r.phrase.as_str())
                    || names.iter().any(|t| names_exactly(t, &r.phrase))
                        && !action::says_what_to_do(&r.phrase)
            };
            r.topic = pieces.iter().any(|t| names_topic(t, &r.phrase)) || reported() || {
                // The other forms cost a segmentation of the phrase: only when needed.
                let entry = r.entry_id.as_deref().and_then(|id| lexicon.get(id));
                let forms = other_topic_forms(&r.phrase, entry.map(|e| e.full.as_str()));
                let components = entry.map_or(&[][..], |e| &e.components[..]);
                pieces.iter().any(|t| {
                    forms.iter().any(|f| names_exactly(t, f))
                        || names_most_components(t, components)
                })
            };
        }
    }
    joined::join_runs(doc.text, &mut found, settings.min_count);
    found.sort_by_key(|r| {
        (
            r.spans.first().map_or(0, |s| s.start),
            std::cmp::Reverse(r.phrase.len()),
        )
    });
    found
}

/// Whether `theme`, a piece of the headline or agenda, names `phrase` as what the document is
/// about: anywhere in it (审议《黄河流域生态保护和高质量发展规划纲要》 names what the meeting is
/// about too), except as the start of a standing body's name (中央全面深化改革|委员会) when the
/// theme does not report that body's meeting; or with a modifier of up to
/// [`MAX_THEME_INSERT`] characters inserted once (推动中部地区|加快|崛起 names 中部地区崛起,
/// 长三角一体化|高质量|发展 names 长三角一体化发展); or shortened by up to
/// [`MAX_THEME_OMIT`] characters left out once, as headlines do (高水平开放 names 高水平|对外|
/// 开放).
fn names_topic(theme: &str, phrase: &str) -> bool {
    names_exactly(theme, phrase)
        || names_task_verb_first(theme, phrase)
        || han_count(phrase) <= MAX_INSERTED_TOPIC_CHARS
            && (names_with_insert(theme, phrase) || names_shortened(theme, phrase))
}

/// Whether `theme` names the task `phrase` (an object and a verb of `taskHeads`:
/// 自由贸易港|建设) with the verb first and the object later in the same clause, at most
/// [`MAX_TASK_GAP`] characters apart (加快建设|具有世界影响力的中国特色|自由贸易港).
fn names_task_verb_first(theme: &str, phrase: &str) -> bool {
    filter_words().task_heads.iter().any(|verb| {
        let Some(object) = phrase.strip_suffix(verb.as_str()) else {
            return false;
        };
        han_count(object) >= MIN_OBJECT_CHARS
            && theme.match_indices(verb.as_str()).any(|(at, _)| {
                let after = &theme[at + verb.len()..];
                after.find(object).is_some_and(|k| {
                    let gap = &after[..k];
                    gap.chars().count() <= MAX_TASK_GAP && !gap.chars().any(tokens::is_break_char)
                })
            })
    })
}

/// The most characters between a task's verb and its object in a headline or agenda: a
/// modifier of the object (具有世界影响力的中国特色, 12), not another clause.
const MAX_TASK_GAP: usize = 16;

fn names_with_insert(theme: &str, phrase: &str) -> bool {
    phrase
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| han_count(&phrase[..i]) >= 2 && han_count(&phrase[i..]) >= 2)
        .any(|i| {
            let (head, tail) = phrase.split_at(i);
            theme.match_indices(head).any(|(at, _)| {
                let after = &theme[at + head.len()..];
                after
                    .char_indices()
                    .skip(1)
                    .take(MAX_THEME_INSERT)
                    .any(|(j, _)| after[j..].starts_with(tail))
            })
        })
}

fn names_shortened(theme: &str, phrase: &str) -> bool {
    let cuts: Vec<usize> = phrase.char_indices().map(|(i, _)| i).collect();
    cuts.iter().enumerate().any(|(k, &from)| {
        han_count(&phrase[..from]) >= 2
            && cuts[k + 1..].iter().take(MAX_THEME_OMIT).any(|&to| {
                han_count(&phrase[to..]) >= 2 && {
                    let short = format!("{}{}", &phrase[..from], &phrase[to..]);
                    han_count(&short) >= MIN_SHORTENED_CHARS && names_exactly(theme, &short)
                }
            })
    })
}

/// Whether `theme` holds `phrase` as written, other than as the start of a standing body's
/// name; a body whose meeting the theme reports is named for what that meeting is about
/// (中央全面深化改革|委员会第四次会议, 首都规划建设|委员会第六次全体会议).
fn names_exactly(theme: &str, phrase: &str) -> bool {
    theme.match_indices(phrase).any(|(at, _)| {
        let rest = &theme[at + phrase.len()..];
        !opens_body_name(rest) || opens_body_meeting(rest)
    })
}

/// Whether `rest` opens with a standing body's head and then its meeting, numbered or not,
/// plenary or not (委员会第二十四次会议, 领导小组会议, 委员会第六次全体会议; `meetingHeads`).
fn opens_body_meeting(rest: &str) -> bool {
    long_body_heads().any(|h| {
        let Some(after) = rest.strip_prefix(h) else {
            return false;
        };
        let after = after
            .strip_prefix('第')
            .and_then(|n| n.split_once('次'))
            .filter(|(number, _)| tokens::is_numeral(number))
            .map_or(after, |(_, meeting)| meeting);
        let after = after.strip_prefix("全体").unwrap_or(after);
        filter_words()
            .meeting_heads
            .iter()
            .any(|m| after.starts_with(m.as_str()))
    })
}

/// Other ways a headline or agenda names the topic `phrase` stands for:
/// - its object without the verb the text puts before it, when that object is a name of
///   [`MIN_OBJECT_CHARS`] characters or more (推动|高质量发展 when the agenda is 扎实推进高质量
///   发展; 打赢|脱贫攻坚战 for a speech on 打好精准脱贫攻坚战);
/// - a verb and its object the other way round (保护知识产权 for 加强知识产权保护);
/// - a lexicon slogan's full form (碳达峰碳中和 for 双碳), its enumeration commas left out;
/// - the phrase without its 的 (习近平总书记重要讲话 for 习近平总书记的重要讲话), or without a
///   generic head or with another in its place (减税降费 for 减税降费政策, the collection of
///   writings 习近平法治文选 for the thought 习近平法治思想: `topicHeads` of
///   `data/formulas/words.json`).
fn other_topic_forms(phrase: &str, full: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    for (head, forms) in &filter_words().topic_heads {
        if let Some(name) = phrase.strip_suffix(head.as_str()) {
            if han_count(name) >= MIN_OBJECT_CHARS {
                out.extend(forms.iter().map(|f| format!("{name}{f}")));
            }
        }
    }
    let without_de = phrase.replace('的', "");
    if without_de.len() < phrase.len() && han_count(&without_de) >= MIN_OBJECT_CHARS {
        out.push(without_de);
    }
    if let Some(full) = full {
        let joined: String = full
            .chars()
            .filter(|c| !tokens::is_break_char(*c))
            .collect();
        if joined != phrase && han_count(&joined) >= 2 {
            out.push(joined);
        }
    }
    // Only jieba's plain verbs: the segmenter's dictionary keeps no verbal-noun tag (深化,
    // 建设), which is why 深化|党和国家机构改革 is not seen as a verb and its object.
    let base = phrase.as_ptr() as usize;
    for (i, word) in crate::engine::segment::jieba()
        .tag(phrase, false)
        .into_iter()
        .take(MAX_LEADING_VERBS)
        .take_while(|t| t.tag == "v")
        .enumerate()
    {
        // The tagger's words are slices of `phrase`.
        let end = (word.word.as_ptr() as usize).wrapping_sub(base) + word.word.len();
        let Some(object) = phrase.get(end..) else {
            break;
        };
        if han_count(object) >= MIN_OBJECT_CHARS {
            out.push(object.to_string());
        }
        if i == 0 && han_count(object) >= 2 {
            out.push(format!("{object}{}", &phrase[..end]));
        }
    }
    out
}

/// Whether `theme` names most of a slogan's components, two at least (农业农村 for 三农:
/// 农业、农村、农民), or one of them as a line of work or a task (中央农村工作会议, 深化农村改革:
/// 农村 and a word of `fieldHeads` or `taskHeads`): it is about what the slogan stands for.
fn names_most_components(theme: &str, components: &[String]) -> bool {
    let named = components
        .iter()
        .filter(|c| !c.is_empty() && theme.contains(c.as_str()))
        .count();
    let words = filter_words();
    let as_field = |c: &String| {
        han_count(c) >= 2
            && theme.match_indices(c.as_str()).any(|(at, _)| {
                let rest = &theme[at + c.len()..];
                words
                    .field_heads
                    .iter()
                    .chain(&words.task_heads)
                    .any(|h| rest.starts_with(h.as_str()))
            })
    };
    named >= 2 && 2 * named > components.len() || components.iter().any(as_field)
}

/// How many verbs may open a topic phrase before its object (打赢|脱贫攻坚战, 加快|建设|农业强国).
const MAX_LEADING_VERBS: usize = 2;

/// The shortest object, in characters, that stands for a topic without its verb: shorter ones
/// (发展, 改革, 开放) are words every agenda uses.
const MIN_OBJECT_CHARS: usize = 4;

/// Whether `rest`, the text after a phrase, opens with the head of a standing body's name of
/// two characters or more (|委员会, |领导小组): the phrase is a piece of that name there. (A
/// one-character head, 部 or 委, is only trusted as a word of its own: 部署, 委托.)
fn opens_body_name(rest: &str) -> bool {
    long_body_heads().any(|h| rest.starts_with(h))
}

/// The heads of standing bodies' names of two characters or more (委员会, 领导小组, 政治局):
/// long enough to be read in running text, unlike 部 or 委.
fn long_body_heads() -> impl Iterator<Item = &'static str> {
    filter_words()
        .body_heads
        .iter()
        .map(String::as_str)
        .filter(|h| h.chars().count() >= 2)
}

/// The longest modifier a headline or agenda may insert into a topic phrase, in characters.
const MAX_THEME_INSERT: usize = 4;

/// The most characters a headline may leave out of a topic phrase: one word (对外 of 高水平对外
/// 开放); a longer cut leaves a different phrase.
const MAX_THEME_OMIT: usize = 2;

/// The fewest characters a shortened topic keeps: a shorter one is as often the start of
/// another name (全国人民|代表大会 in an agenda is no 全国各族人民).
const MIN_SHORTENED_CHARS: usize = 5;

/// Only a topic phrase of at most this many characters is looked for with a modifier
/// inserted: topics are short names (中部地区崛起), and the search costs a scan of the theme
/// per character of the phrase.
const MAX_INSERTED_TOPIC_CHARS: usize = 12;

/// How far before a phrase an opening 《 is looked for: 100 Chinese characters, longer than
/// any document title in practice.
const MAX_TITLE_BYTES: usize = 300;

fn is_ignored(phrase: &str, settings: &RecurringSettings) -> bool {
    settings
        .ignore
        .iter()
        .any(|i| !i.trim().is_empty() && i.trim().contains(phrase))
}

/// Greedy left-to-right choice of non-overlapping occurrences.
fn non_overlapping(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| s.start);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if out.last().is_none_or(|l| l.end <= s.start) {
            out.push(s);
        }
    }
    out
}

fn repeated_phrases<O: Offset>(
    doc: &Document,
    seq: &mut Sequence<O>,
    settings: &RecurringSettings,
    full_forms: &PhraseSet,
) -> Vec<Recurrence> {
    let min_count = settings.min_count.max(2);
    let min_chars = settings.min_chars.max(1) as u32;
    let sa = suffix::suffix_array(&seq.ids, seq.alphabet);
    let lcp = suffix::lcp_array(&seq.ids, &sa);
    seq.fill_prefix_sums(doc.text);
    let seq = &*seq;
    // Left context of each suffix: the preceding symbol, or "diverse" at the start and after
    // a sentinel (sentinels are unique). Folded over intervals: one symbol or diverse.
    const DIVERSE: u32 = u32::MAX;
    let leaf = |i: usize| match (sa[i] as usize).checked_sub(1) {
        Some(q) if !seq.is_sentinel(q) => seq.ids[q],
        _ => DIVERSE,
    };
    let merge = |a: u32, b: u32| if a == b { a } else { DIVERSE };
    let mut out = Vec::new();
    suffix::lcp_intervals(&lcp, leaf, merge, |len, lb, rb, left| {
        let count = rb - lb + 1;
        // Left-maximal: the occurrences are not all preceded by the same symbol.
        if count < min_count || left != DIVERSE || len > MAX_PHRASE_WORDS {
            return;
        }
        // Particles, conjunctions and prepositions at the edges are not part of the formula
        // (和经济社会发展 is reported as 经济社会发展, 在全面建设… without 在), nor are pronouns,
        // auxiliaries and 方位词 at its end (习近平总书记对, 全国代表大会上). A phrase starting
        // on a pronoun or 方位词 (各代表团团长…, 上|合组织…) cuts what precedes: not a formula.
        let mut first = sa[lb] as usize;
        let mut end = first + len;
        let (mut skip_front, mut skip_back) = (0, 0);
        while first < end
            && matches!(
                seq.classes[first],
                WordClass::Particle | WordClass::Preposition
            )
        {
            first += 1;
            skip_front += 1;
        }
        while end > first
            && matches!(
                seq.classes[end - 1],
                WordClass::Particle
                    | WordClass::Preposition
                    | WordClass::Function
                    | WordClass::Locative
            )
        {
            end -= 1;
            skip_back += 1;
        }
        if first == end
            || matches!(
                seq.classes[first],
                WordClass::Function | WordClass::Locative
            )
        {
            return;
        }
        // Only Han words (sentinels never match, so they can't be inside), enough characters.
        if seq.non_han_before[end] != seq.non_han_before[first] {
            return;
        }
        if seq.han_before[end] - seq.han_before[first] < min_chars {
            return;
        }
        let phrase_text = &doc.text[seq.start(first)..seq.end(end - 1)];
        let occurrences = || sa[lb..=rb].iter().map(|&p| p as usize + skip_front);
        let (background, uses) = match whole_constituent(
            full_forms,
            doc,
            seq,
            first,
            end,
            len - skip_front - skip_back,
            occurrences,
        ) {
            Some(b) => b,
            None => return,
        };
        if is_ignored(phrase_text, settings) {
            return;
        }
        let spans: Vec<Span> = sa[lb..=rb]
            .iter()
            .zip(uses)
            .filter(|&(_, used)| used)
            .map(|(&p, _)| {
                let p = p as usize;
                seq.start(p + skip_front)..seq.end(p + len - 1 - skip_back)
            })
            .collect();
        let spans = non_overlapping(spans);
        if spans.len() < min_count {
            return;
        }
        out.push(Recurrence {
            phrase: phrase_text.to_string(),
            spans,
            entry_id: None,
            background_df: background,
            topic: false,
        });
    });
    // Trimming can make two intervals yield the same phrase; keep the one seen most often.
    out.sort_by(|a, b| {
        a.phrase
            .cmp(&b.phrase)
            .then(b.spans.len().cmp(&a.spans.len()))
    });
    out.dedup_by(|later, kept| later.phrase == kept.phrase);
    prune_contained(out)
}

/// A noun phrase in fewer background stories than a fixed formulation is
/// ([`background::FIXED_DF`]), standing at least `TOPIC_MIN_COUNT` times in one document, is
/// that document's topic.
const TOPIC_MAX_DF: u32 = background::FIXED_DF;
const TOPIC_MIN_COUNT: usize = 5;

/// Word lists of the filters (`data/formulas/words.json`, see its `$comment`).
#[derive(Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct FilterWords {
    title_words: Vec<String>,
    entity_heads: Vec<String>,
    place_heads: Vec<String>,
    reporting_verbs: Vec<String>,
    courtesy_heads: Vec<String>,
    date_pieces: Vec<String>,
    field_heads: Vec<String>,
    /// A generic head and the forms a theme names the topic with in its place ("": none).
    topic_heads: std::collections::BTreeMap<String, Vec<String>>,
    task_heads: Vec<String>,
    meeting_heads: Vec<String>,
    body_heads: Vec<String>,
    agenda_verbs: Vec<String>,
    agenda_openers: Vec<String>,
    time_suffixes: Vec<String>,
    duration_suffixes: Vec<String>,
    indicator_heads: Vec<String>,
    determiners: Vec<String>,
}

fn filter_words() -> &'static FilterWords {
    static WORDS: OnceLock<FilterWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        serde_json::from_str(include_str!("../../../data/formulas/words.json")).unwrap_or_default()
    })
}

/// Titles and offices that, with a name, make a mention of a person rather than a formula.
fn title_words() -> &'static [String] {
    &filter_words().title_words
}

/// Whether `phrase` names a place or area (雄安新区, 粤港澳大湾区, 海南自由贸易港): never a
/// formula, even when it is a lexicon slogan or widespread in published text.
fn names_place(phrase: &str) -> bool {
    filter_words()
        .place_heads
        .iter()
        .any(|h| phrase.ends_with(h.as_str()))
}

/// Whether `phrase` is the spirit of a named meeting (党的二十大精神, 中共十九大精神,
/// 四中全会精神, 全国教育大会精神): a reference to one event, what a meeting or study session
/// is about, not a formula (伟大建党精神, 中央八项规定精神 and 重要讲话精神 name no meeting).
fn spirit_of_meeting(phrase: &str) -> bool {
    let Some(meeting) = phrase.strip_suffix("精神") else {
        return false;
    };
    // A congress by its number: 十九大, 二十大.
    let numbered = meeting.strip_suffix('大').is_some_and(|m| {
        m.chars()
            .next_back()
            .is_some_and(|c| "一二三四五六七八九十".contains(c))
    });
    numbered
        || filter_words()
            .meeting_heads
            .iter()
            .any(|h| meeting.ends_with(h.as_str()))
}

/// The text of the paragraph before `s` and after `e`, at most a title's length of each (a
/// web page copied without line breaks is one paragraph of tens of kilobytes, searched again
/// for every occurrence of every candidate).
fn surroundings<'t>(doc: &Document<'t>, s: usize, e: usize) -> (&'t str, &'t str) {
    let para = doc.paragraphs.partition_point(|q| q.end < s);
    let (start, end) = doc
        .paragraphs
        .get(para)
        .map_or((s, e), |q| (q.start.min(s), q.end.max(e)));
    let from = start.max(floor_char_boundary(
        doc.text,
        s.saturating_sub(MAX_TITLE_BYTES),
    ));
    let to = end.min(floor_char_boundary(doc.text, e + MAX_TITLE_BYTES));
    (&doc.text[from..s], &doc.text[e..to])
}

/// Whether a phrase with the text `before` and `after` it stands in a title (《…》).
fn in_title(before: &str, after: &str) -> bool {
    let open = before.rfind('《');
    let close = before.rfind('》');
    after.starts_with('》') || open.is_some_and(|o| close.is_none_or(|c| c < o))
}

/// Whether a place of a phrase, with the text `before` and `after` it, is a piece of a name:
/// of a standing body's (中央|全面深化改革|领导小组), a zone's (广州人工智能与数字经济|试验区),
/// a title, or a name joined to another by a dash (中国—|中东欧国家合作).
fn in_a_name(before: &str, after: &str) -> bool {
    name_head_within(after) || in_named(before, after) || after_name_dash(before)
}

/// Whether the head of a standing body's or a zone's name opens `after`, the text after a
/// phrase, or follows within [`MAX_NAME_INFIX`] Chinese characters that the name adds
/// (全面深化改革|开放|试验区): the phrase is a piece of that name.
fn name_head_within(after: &str) -> bool {
    let mut rest = after;
    for _ in 0..=MAX_NAME_INFIX {
        if opens_body_name(rest) || opens_place_name(rest) {
            return true;
        }
        let mut chars = rest.chars();
        // A particle or conjunction makes a description (中国式现代化|的示范区、引领地), not a name.
        if !chars
            .next()
            .is_some_and(|c| is_han(c) && !matches!(c, '的' | '之' | '和' | '与' | '及'))
        {
            return false;
        }
        rest = chars.as_str();
    }
    false
}

/// The most characters a name may add between a phrase and its head (开放 of
/// 全面深化改革开放试验区).
const MAX_NAME_INFIX: usize = 2;

/// Whether `rest`, the text after a phrase, opens with the head of a place's name
/// (数字经济|试验区, 乡村振兴|示范区): the phrase names the zone there. The heads are the ones
/// [`names_place`] reads at a phrase's end, all of two characters or more.
fn opens_place_name(rest: &str) -> bool {
    filter_words()
        .place_heads
        .iter()
        .any(|h| rest.starts_with(h.as_str()))
}

/// Whether the text `before` a phrase ends on a name joined to it by a one-character dash or
/// hyphen (中国—|中东欧国家合作, 中国-|中东欧国家合作, 中国—|东盟自由贸易区): the phrase is the tail
/// of that name. A double dash (——) opens an explanation, in which the phrase is used.
fn after_name_dash(before: &str) -> bool {
    before
        .strip_suffix(['—', '–', '-', '－', '‐'])
        .and_then(|b| b.chars().next_back())
        .is_some_and(is_han)
}

/// The most words a quoted name or an enumeration item is read for: a name is short, and a
/// text without punctuation (a web page copied whole) would otherwise be walked again for
/// every occurrence of every candidate.
const MAX_RUN_WORDS: usize = 32;

/// Whether the words `first..end` stand inside a quoted name longer than themselves: a
/// quotation of words without a verb (“习近平新时代中国特色社会主义思想|概论”课, “中国梦·劳动美”).
/// Quoted wording with a verb (“完善城乡融合发展体制机制”) uses the phrase.
fn in_quoted_name<O: Offset>(doc: &Document, seq: &Sequence<O>, first: usize, end: usize) -> bool {
    let lead = (1..=MAX_RUN_WORDS)
        .take_while(|&k| k <= first && seq.word_at(first - k))
        .count();
    let tail = (end..end + MAX_RUN_WORDS)
        .take_while(|&i| seq.word_at(i))
        .count();
    let (a, b) = (first - lead, end + tail);
    if (a == first && b == end) || (a..b).any(|i| seq.classes[i] == WordClass::Verb) {
        return false;
    }
    quoted_by(doc.text, &(seq.start(a)..seq.end(b - 1))).is_some()
}

/// Whether a phrase with the text `before` and `after` it stands inside a title longer than
/// itself (《习近平新时代中国特色社会主义思想|学生读本》): a piece of a document's name there.
/// A title holding a clause's punctuation (《推进全面依法治国，发挥法治在…中的积极作用》) is
/// a sentence, in which the phrase is used.
fn in_named(before: &str, after: &str) -> bool {
    let (Some(q), Some(c)) = (before.rfind('《'), after.find('》')) else {
        return false;
    };
    let (lead, tail) = (&before[q + '《'.len_utf8()..], &after[..c]);
    let unbroken = |t: &str| {
        !t.contains(['《', '》']) && !t.contains(['，', '；', '。', '！', '？', '：', ',', ';'])
    };
    unbroken(lead) && unbroken(tail) && !(lead.is_empty() && tail.is_empty())
}

/// Whether the enumeration whose next item starts at the word `item` (after a 、) holds only
/// noun phrases: no item up to its end, or up to 等, has a verb. An item or a list longer than
/// [`MAX_RUN_WORDS`] is not read: the phrase is taken as whole.
fn noun_items_after<O: Offset>(doc: &Document, seq: &Sequence<O>, mut item: usize) -> bool {
    if !seq.word_at(item) {
        return false;
    }
    for _ in 0..MAX_RUN_WORDS {
        let mut i = item;
        while seq.word_at(i) && &doc.text[seq.span(i)] != "等" {
            if seq.classes[i] == WordClass::Verb || i - item == MAX_RUN_WORDS {
                return false;
            }
            i += 1;
        }
        // Sentinels have no text: the mark is read after the item's last word.
        let listed_on = i > item
            && i < seq.ids.len()
            && seq.is_sentinel(i)
            && doc.text[seq.end(i - 1)..].starts_with('、');
        if i == item || !listed_on {
            // An item that opens on no word (a quotation) is not read.
            return i > item;
        }
        item = i + 1;
    }
    false
}

/// Whether the enumeration item starting at the word `item` opens on a noun and, within its
/// first [`MAX_HEAD_WORDS`] words, ends a word on the last character of `last` (the last word
/// of the phrase before the 、): the two items are nouns with one head (物质文明、政治文明;
/// 劳动者、建设者), both the object of the phrase's verb.
fn item_shares_head<O: Offset>(doc: &Document, seq: &Sequence<O>, item: usize, last: &str) -> bool {
    let Some(head) = last.chars().next_back() else {
        return false;
    };
    seq.word_at(item)
        && seq.classes[item] != WordClass::Verb
        && (item..item + MAX_HEAD_WORDS)
            .take_while(|&i| seq.word_at(i))
            .any(|i| doc.text[seq.span(i)].ends_with(head))
}

/// How many words of the next enumeration item are read for the head it shares.
const MAX_HEAD_WORDS: usize = 4;

/// An enumeration item after a phrase with at most this many Han characters (安全, 不能腐) is
/// too short to stand alone: it shares what the phrase opens with.
const MAX_SHORT_ITEM: usize = 3;

/// Whether the words `first..end` (`n` words, at the document positions `occurrences`) make
/// a whole constituent a drafter would call a formula or a repeat of their own, by the
/// evidence of part-of-speech tags, the document and the background corpus. `Some` with
/// the background dispersion when it does, and for each occurrence whether it is a use of
/// the phrase (not where it goes on into a fixed formulation across an edge published text
/// nearly always crosses: 全面建成|社会主义现代化|强国); `None` when it is a fragment, a name,
/// place or organisation, a news frame, or the document's own topic.
fn whole_constituent<O: Offset, I: Iterator<Item = usize>>(
    full_forms: &PhraseSet,
    doc: &Document,
    seq: &Sequence<O>,
    first: usize,
    end: usize,
    n: usize,
    occurrences: impl Fn() -> I,
) -> Option<(u32, Vec<bool>)> {
    let classes = &seq.classes[first..end];
    let word = |i: usize| &doc.text[seq.span(i)];
    let words = filter_words();
    // Never split a number or a date.
    let (head, tail) = (classes[0], classes[classes.len() - 1]);
    if matches!(head, WordClass::Number | WordClass::Time)
        || matches!(tail, WordClass::Number | WordClass::Time)
        || words.date_pieces.iter().any(|w| w == word(first))
    {
        return None;
    }
    // Nor a time adverbial: how long since something began (禁渔三年多来, 改革开放以来).
    let last = word(end - 1);
    let after_number = classes.len() >= 2
        && matches!(
            classes[classes.len() - 2],
            WordClass::Number | WordClass::Time
        );
    if words.time_suffixes.iter().any(|w| w == last)
        || after_number && words.duration_suffixes.iter().any(|w| w == last)
    {
        return None;
    }
    // Not a person, place or organisation with titles: 习近平总书记, 吉尔吉斯共和国.
    let named = |i: usize| {
        matches!(
            seq.classes[i],
            WordClass::Name | WordClass::Place | WordClass::Org
        ) || title_words().iter().any(|t| t == word(i))
    };
    // A foreign name jieba cuts into a name's piece and single characters (米尔|济|约|耶|夫) is
    // one too.
    let opens_on_name = seq.classes[first] == WordClass::Name;
    let glue = |i: usize| word(i).chars().count() == 1 && seq.classes[i] != WordClass::Verb;
    if (first..end).all(|i| named(i) || opens_on_name && glue(i)) {
        return None;
    }
    let has_verb = classes.contains(&WordClass::Verb);
    let reporting = |w: &str| words.reporting_verbs.iter().any(|r| r == w);
    if reporting(word(end - 1)) {
        return None;
    }
    // A courtesy's wording (表示诚挚感谢 to each party a work report thanks, 转达…总统的亲切
    // 问候): the ritual of the occasion, not a formula.
    if words
        .courtesy_heads
        .iter()
        .any(|h| word(end - 1).ends_with(h.as_str()))
    {
        return None;
    }
    // The name of an institution, body, meeting, event, post or document (工业和信息化部,
    // 中非合作论坛, 政府工作报告), or of a place (雄安新区).
    let whole = &doc.text[seq.start(first)..seq.end(end - 1)];
    if words
        .entity_heads
        .iter()
        .any(|h| whole.ends_with(h.as_str()))
        || names_place(whole)
    {
        return None;
    }
    // A figure's name (制造业增加值, 社会消费品零售总额); with a verb it is a task (稳定粮食产量).
    if !has_verb
        && words
            .indicator_heads
            .iter()
            .any(|h| whole.ends_with(h.as_str()))
    {
        return None;
    }
    // A line of work (人民政协工作, 全国人大常委会工作, 纪检监察工作): a noun phrase headed by a
    // field word names what a body does or what a meeting is about, not a formula. With a
    // verb (做好经济工作) or a coordination (疫情防控和经济社会发展工作) it is a formula's.
    if !has_verb
        && !classes.contains(&WordClass::Particle)
        && words.field_heads.iter().any(|h| h == word(end - 1))
    {
        return None;
    }
    if spirit_of_meeting(whole) {
        return None;
    }
    // A name followed by its verb is a news frame (李希出席会议, 习近平主持会议,
    // 中央军委主席习近平出席会议并发表重要讲话), and so is a title chain ending the phrase
    // (农业和农村|委员会副主任): a mention of a person, not a formula.
    if let Some(name) = (first..end).position(|i| seq.classes[i] == WordClass::Name) {
        if (first + name + 1..end).any(|i| seq.classes[i] == WordClass::Verb) {
            return None;
        }
    }
    // Ending on a person's name, the phrase is a mention of the person (热烈欢迎习近平).
    if tail == WordClass::Name {
        return None;
    }
    // A title may be one word with its qualifier (主席团|常务主席, 执行主席).
    if title_words()
        .iter()
        .any(|t| word(end - 1).ends_with(t.as_str()))
    {
        return None;
    }
    // A verb ending the phrase while a word follows it: the object is cut off (春播粮食超过,
    // 会见英国首相 ends on a title after a verb). A noun phrase always followed by another noun
    // is a modifier of longer compounds (社会主义现代化|强国, |国家); one always preceded by a
    // noun is the tail of one (上合|组织成员国政府首脑, 海南|自由贸易港建设). Inside 《》 it is a
    // title (殡葬管理条例).
    let nounish = |i: usize| {
        matches!(
            seq.classes[i],
            WordClass::Content | WordClass::Place | WordClass::Org | WordClass::Name
        )
    };
    let word_at = |i: usize| seq.word_at(i);
    let mut followed = 0usize;
    let mut quoted_after = 0usize;
    let mut asked = 0usize;
    let mut noun_after = 0usize;
    let mut noun_before = 0usize;
    let mut titled = 0usize;
    let mut whole_clauses = 0usize;
    let mut last_items = 0usize;
    let mut short_items_after = 0usize;
    let mut body_named = 0usize;
    let mut determined = 0usize;
    let mut reported = 0usize;
    let mut total = 0usize;
    // Whether each occurrence stands whole: not inside a body's name, not a verb cut from its
    // listed object.
    let mut whole_here: Vec<bool> = Vec::new();
    // The word after each occurrence (content words and verbs), and whether the occurrence
    // stands in a title.
    let mut next_words: Vec<(u32, bool)> = Vec::new();
    for p in occurrences() {
        total += 1;
        let next = p + n;
        let titled_before = titled;
        if word_at(next) {
            followed += 1;
            noun_after += usize::from(nounish(next));
        } else if doc.text[seq.end(p + n - 1)..].starts_with(['“', '《', '‘', '「']) {
            // A quotation or title right after the phrase is what a verb at its end governs
            // (深刻把握实现|“十五五”时期目标任务).
            followed += 1;
            quoted_after += 1;
        } else if doc.text[seq.end(p + n - 1)..].starts_with(|c: char| c.is_ascii_digit()) {
            // So is a figure (投资同比增长|16.1%).
            followed += 1;
        } else if doc.text[seq.end(p + n - 1)..].starts_with(['？', '?']) {
            asked += 1;
        }
        // A one-character 方位词 right before a noun phrase is the end of an abbreviation
        // (老中|命运共同体建设, 上|合组织), not a 方位词 after its noun.
        let abbreviated = |i: usize| {
            seq.classes[i] == WordClass::Locative
                && nounish(p)
                && doc.text[seq.span(i)].chars().count() == 1
        };
        if p > 0 && word_at(p - 1) && (nounish(p - 1) || abbreviated(p - 1)) {
            noun_before += 1;
        }
        // After 各 or an enumeration's 等 the phrase is the head of the noun phrase they open
        // or close (各|领域交流合作, 网络安全等|领域交流合作).
        determined += usize::from(
            p > 0 && word_at(p - 1) && words.determiners.iter().any(|d| d == word(p - 1)),
        );
        // A clause may open on a modal or pronoun (要|筑牢…, 必须|坚持…) before the phrase.
        let lead = (1..=3)
            .take_while(|&k| {
                p >= k && !seq.is_sentinel(p - k) && seq.classes[p - k] == WordClass::Function
            })
            .count();
        let starts_clause = p == lead || seq.is_sentinel(p - lead - 1);
        let ends_clause = next >= seq.ids.len() || seq.is_sentinel(next);
        // After 、 the phrase is an item of an enumeration: whole only when another 、
        // follows it. The last item runs on into what the whole enumeration shares
        // (党的领导、人民当家作主、|依法治国有机统一).
        let mark = |at: usize, before: bool| {
            if before {
                doc.text[..at].chars().next_back()
            } else {
                doc.text[at..].chars().next()
            }
        };
        let listed = mark(seq.start(p - lead), true) == Some('、')
            && mark(seq.end(p + n - 1), false) != Some('、');
        last_items += usize::from(listed);
        whole_clauses += usize::from(starts_clause && ends_clause && !listed);
        let (s, e) = (seq.start(p), seq.end(p + n - 1));
        let (before, after) = surroundings(doc, s, e);
        let in_title = in_title(before, after);
        titled += usize::from(in_title);
        if word_at(next) && (nounish(next) || seq.classes[next] == WordClass::Verb) {
            next_words.push((seq.ids[next], titled > titled_before));
        }
        // Who says something (广大干部群众|表示, |认为): the subject of reported speech.
        reported += usize::from(word_at(next) && reporting(word(next)));
        // The first item of an enumeration whose next item is short (维护国家主权|、安全、
        // 发展利益, 一体推进不敢腐|、不能腐、不想腐): the items share the phrase's verb or
        // modifier, so the phrase cuts the enumeration after its first item.
        if let Some(rest) = doc.text[e..].strip_prefix('、') {
            let item = rest.chars().take_while(|&c| is_han(c)).count();
            short_items_after += usize::from((1..=MAX_SHORT_ITEM).contains(&item));
        }
        // A standing body's name goes on after it (中央|全面深化改革|领导小组): the phrase is a
        // piece of the name there. Long heads are read in the text (jieba may cut 领导|小组),
        // one-character ones only as a word.
        let in_body_name = opens_body_name(&doc.text[e..])
            || word_at(next) && words.body_heads.iter().any(|h| h == word(next));
        body_named += usize::from(in_body_name);
        // A verb opening the phrase governs the whole enumeration after it when every further
        // item is a noun phrase (应对|气候变化、海洋多样性等全球性挑战), or when the next item
        // ends a noun on the phrase's own head (推动物质文明|、政治文明和精神文明协调发展,
        // 包括全体社会主义劳动者|、社会主义事业的建设者、拥护…的爱国者): later items may then
        // hold verbs, in a modifier or the predicate the enumeration shares. When the items
        // are clauses of their own (贯彻新发展理念、构建新发展格局), they are parallel and the
        // phrase whole.
        let object_listed = seq.classes[p] == WordClass::Verb
            && doc.text[e..].starts_with('、')
            && (noun_items_after(doc, seq, next + 1)
                || item_shares_head(doc, seq, next + 1, &doc.text[seq.span(p + n - 1)]));
        whole_here.push(
            !in_body_name
                && !object_listed
                && !in_a_name(before, after)
                && !in_quoted_name(doc, seq, p, next),
        );
    }
    // The same word after most occurrences, and a title holding the two: the phrase is cut
    // from a name the document writes (生态环境保护|督察 three times of four, once in
    // 《生态环境保护督察工作条例》). A formula before a word that forms no name
    // (平安中国|建设) stays.
    next_words.sort_unstable();
    let named_compound = next_words
        .chunk_by(|a, b| a.0 == b.0)
        .any(|c| 2 * c.len() > total && c.iter().any(|&(_, in_title)| in_title));
    if named_compound {
        return None;
    }
    if noun_after == total
        || noun_before == total
        || determined == total
        || 2 * titled > total
        || 2 * last_items > total
        || 2 * short_items_after > total
        || 2 * body_named > total
        || 2 * reported > total
    {
        return None;
    }
    if tail == WordClass::Verb && 2 * followed > total {
        return None;
    }
    // So does a set phrase ending on a verb, followed by a noun most of the time: 依法严厉打击|
    // 金融领域的违法犯罪行为 (the work report of 2006); before 的 it is a modifier, whole
    // (人民当家作主|的重要途径).
    if tail == WordClass::Content
        && 2 * noun_after > total
        && tokens::set_phrase_ends_on_verb(word(end - 1))
    {
        return None;
    }
    // Whatever its last word, a phrase every use of which runs on into a quotation or title
    // is cut before what completes it: a verb's object or the rest of a noun phrase the
    // quotation sits in (深刻回答了我们党|“为什么要自我革命”的重大问题, three times).
    if quoted_after == total {
        return None;
    }
    // A question at every place (请问对此有何评论？ after each of a press conference's
    // questions) is the reporter's frame: a formula states.
    if asked == total {
        return None;
    }
    // A verb with a name, place or organisation at the end: the rest is cut off
    // (学习贯彻习近平总书记…, 会见英国首相…).
    if has_verb && named(end - 1) {
        return None;
    }
    let phrase = &doc.text[seq.start(first)..seq.end(end - 1)];
    if full_forms.contains(phrase) {
        return Some((background::lookup(phrase).map_or(0, |b| b.df), whole_here));
    }
    let stats = background::lookup(phrase);
    // A noun phrase before which published text puts few distinct words is a modifier's head
    // when it mostly follows a noun here (中越|命运共同体建设, 中国特色|社会主义事业); a clause
    // after a noun is that noun's predicate (党中央|团结带领全国各族人民).
    let left_modifier_entropy = if has_verb {
        background::MODIFIER_ENTROPY
    } else {
        background::NOUN_MODIFIER_ENTROPY
    };
    let df = match stats {
        Some(b) if b.lede_share >= background::FRAME_LEDE_SHARE => None,
        Some(b) if b.directive_share < background::REPORTAGE_SHARE => None,
        Some(b)
            if b.left_entropy < background::MIN_BOUNDARY_ENTROPY
                || b.right_entropy < background::MIN_BOUNDARY_ENTROPY =>
        {
            None
        }
        // A noun phrase published text seldom uses, repeated again and again in this one
        // document, is what the document is about (巴勒斯坦人民 ×12, df 16; 全球可持续发展
        // ×8, df 18), not a formula.
        Some(b) if !has_verb && b.df < TOPIC_MAX_DF && total >= TOPIC_MIN_COUNT => None,
        // Mostly followed (preceded) by a noun here, and by few distinct words in published
        // text: a modifier (head) of longer compounds (中国特色社会主义法治|理论, |体系, |道路).
        Some(b)
            if (2 * noun_after > total && b.right_entropy < background::MODIFIER_ENTROPY)
                || (2 * noun_before > total && b.left_entropy < left_modifier_entropy) =>
        {
            None
        }
        Some(b) => Some(b.df),
        // Unknown to published text: the document's own wording. A noun compound only this
        // document repeats is its topic (县域普通高中, 渔船安全生产); a clause with a verb is a
        // formula of its own (抓紧抓实抓细各项防控工作).
        // Such a clause must stand whole, from one punctuation mark to the next, in at least
        // two places: a verb phrase cut out of longer sentences (听取|推动高质量发展综合督查|情况
        // 汇报, 各代表团团长|注意到上合组织成员国|…) or standing whole once is the document's
        // topic or a fragment, not a formula.
        // A clause that names who acts (受国务院委托: an organisation; 会议经过表决: the
        // meeting) tells the news, it is no formula of the document's own; nor does one that
        // opens on an agenda verb (研究县政府初步贯彻意见 after each item a meeting studied):
        // what the meeting did, the report's procedure.
        None if has_verb
            && whole_clauses >= 2
            && !narrates(doc, seq, first, end)
            && !theme::starts_with_agenda_verb(phrase) =>
        {
            Some(0)
        }
        None => None,
    }?;
    if inside_longer_units(doc, seq, n, stats, occurrences()) {
        return None;
    }
    // Only an edge published text nearly always crosses is read at each place.
    let weak = |e: f32| e < background::PIECE_ENTROPY;
    let Some(b) = stats.filter(|b| weak(b.left_entropy) || weak(b.right_entropy)) else {
        return Some((df, whole_here));
    };
    let fixed = |a: usize, z: usize| {
        background::lookup(&doc.text[seq.start(a)..seq.end(z)])
            .is_some_and(|s| s.df >= background::FIXED_DF)
    };
    let noun_at = |i: usize| word_at(i) && nounish(i);
    let uses = occurrences()
        .zip(whole_here)
        .map(|(p, whole)| {
            let last = p + n - 1;
            let into_left = weak(b.left_entropy) && p > 0 && noun_at(p - 1) && fixed(p - 1, last);
            let into_right = weak(b.right_entropy) && noun_at(last + 1) && fixed(p, last + 1);
            whole && !(into_left || into_right)
        })
        .collect();
    Some((df, uses))
}

/// Whether the words `first..end` name an actor: a person, place or organisation
/// (受国务院委托), a meeting or body as the clause's subject (会议|经过表决, a word that
/// heads names of institutions and meetings), or a post among the words before its first
/// verb (主席团|常务主席|根据代表们的审议意见…, a word ending on a title). Such a clause tells
/// the news; it is not a formula (坚持把疫情防控作为头等大事 names no one).
fn narrates<O: Offset>(doc: &Document, seq: &Sequence<O>, first: usize, end: usize) -> bool {
    let words = filter_words();
    let subject = &doc.text[seq.span(first)];
    let verb = (first..end)
        .find(|&i| seq.classes[i] == WordClass::Verb)
        .unwrap_or(end);
    let post = |i: usize| {
        let w = &doc.text[seq.span(i)];
        words.title_words.iter().any(|t| w.ends_with(t.as_str()))
    };
    seq.classes[first..end]
        .iter()
        .any(|c| matches!(c, WordClass::Name | WordClass::Place | WordClass::Org))
        || words.entity_heads.iter().any(|h| h == subject)
        || (first..verb).any(post)
}

/// Whether most occurrences of the `n` words at `occurrences` stand inside a longer unit
/// that published text knows, as a noun compound across one of their edges: the word before
/// with the first word (民营|经济高质量发展, 海洋|经济高质量发展: 民营经济, 海洋经济 are units;
/// 高技术|制造业增加值), the last word with the word after (社会主义法治|国家), the whole
/// phrase with the word before or after it (中国特色社会主义法治|体系), or a coordination
/// across a conjunction (做好疫情防控|和经济社会发展). Only content words on
/// both sides of the edge count: a verb before a phrase (推动|高质量发展) governs it, it doesn't
/// make a compound with it. And only an edge the phrase's `stats` show to be weak counts
/// (boundary entropy below [`background::CROSSING_ENTROPY`]): published text that puts many
/// different words after 疫情防控和经济社会发展 (5.1 bits) shows it ends there, whatever
/// 发展|工作 may be elsewhere.
fn inside_longer_units<O: Offset>(
    doc: &Document,
    seq: &Sequence<O>,
    n: usize,
    stats: Option<background::Stats>,
    occurrences: impl Iterator<Item = usize>,
) -> bool {
    let weak_left = stats.is_none_or(|b| b.left_entropy < background::CROSSING_ENTROPY);
    let weak_right = stats.is_none_or(|b| b.right_entropy < background::CROSSING_ENTROPY);
    let content = |i: usize| {
        i < seq.ids.len()
            && !seq.is_sentinel(i)
            && seq.is_han[i]
            && matches!(
                seq.classes[i],
                WordClass::Content | WordClass::Place | WordClass::Org
            )
    };
    // Words `a..=b` (adjacent Han words of one paragraph) as a unit of the background table.
    let known =
        |a: usize, b: usize| background::lookup(&doc.text[seq.start(a)..seq.end(b)]).is_some();
    let (mut inside, mut total) = (0usize, 0usize);
    for p in occurrences {
        total += 1;
        let last = p + n - 1;
        let left = weak_left
            && p > 0
            && content(p - 1)
            && content(p)
            && (known(p - 1, p) || known(p - 1, last));
        let right = !left
            && weak_right
            && content(last + 1)
            && content(last)
            && (known(last, last + 1) || known(p, last + 1));
        // A coordination published text knows as one formula, cut at its conjunction
        // (统筹|做好疫情防控|和经济社会发展: 疫情防控和经济社会发展).
        let particle = |i: usize| {
            i < seq.ids.len() && !seq.is_sentinel(i) && seq.classes[i] == WordClass::Particle
        };
        let coordinated = !left
            && !right
            && ((weak_right
                && particle(last + 1)
                && (last + 2..last + 4)
                    .filter(|&b| content(b) && (last + 2..=b).all(content))
                    .any(|b| (p..=last).any(|a| known(a, b))))
                || (weak_left
                    && p >= 2
                    && particle(p - 1)
                    && (p.saturating_sub(3)..p - 1)
                        .filter(|&a| (a..p - 1).all(content))
                        .any(|a| (p..=last).any(|b| known(a, b)))));
        inside += usize::from(left || right || coordinated);
    }
    2 * inside > total
}

/// Drops a phrase whose occurrences all lie inside the occurrences of a longer reported
/// phrase with the same count (possible after overlapping occurrences were dropped).
fn prune_contained(mut found: Vec<Recurrence>) -> Vec<Recurrence> {
    // Index every occurrence by start for containment lookups.
    let mut starts: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, recurrence index)
    for (i, r) in found.iter().enumerate() {
        for s in &r.spans {
            starts.push((s.start, s.end, i));
        }
    }
    starts.sort_unstable();
    let max_len = found.iter().map(|r| r.phrase.len()).max().unwrap_or(0);
    let mut keep = vec![true; found.len()];
    for (i, r) in found.iter().enumerate() {
        let Some(s) = r.spans.first() else { continue };
        let lo = starts.partition_point(|&(st, _, _)| st + max_len < s.end);
        let hi = starts.partition_point(|&(st, _, _)| st <= s.start);
        let contained_by_equal = starts[lo..hi].iter().any(|&(st, en, j)| {
            j != i
                && st <= s.start
                && en >= s.end
                && en - st > s.end - s.start
                && found[j].spans.len() == r.spans.len()
                && r.spans.iter().all(|x| {
                    found[j]
                        .spans
                        .iter()
                        .any(|y| y.start <= x.start && y.end >= x.end)
                })
        });
        if contained_by_equal {
            keep[i] = false;
        }
    }
    let mut k = keep.into_iter();
    found.retain(|_| k.next().unwrap_or(true));
    found
}

/// What the document-wide pass needs from a lexicon, built once per lexicon.
struct LexiconSets {
    /// Formulations' terms and aliases of two characters or more without punctuation
    /// (人民至上、生命至上 is an enumeration of several phrases; a reported phrase never
    /// contains punctuation).
    slogans: PhraseSet,
    /// Per distinct slogan: the id of the first entry naming it.
    ids: Vec<String>,
    /// The fewest Han characters of any slogan (`usize::MAX` for none): a paragraph with
    /// fewer holds no slogan.
    fewest_han: usize,
    /// Every formulation's full form: a formula whatever the background corpus says.
    full_forms: PhraseSet,
    /// The terms, aliases and full forms of names and field terms (`kind` of the lexicon's
    /// schema): written the same each time because they name one thing, never a formula.
    names: PhraseSet,
}

fn lexicon_sets(lexicon: &Lexicon) -> LexiconSets {
    let mut forms: Vec<(&str, &str)> = Vec::new();
    let formulations = || lexicon.entries().iter().filter(|e| e.kind.is_formulation());
    for e in formulations() {
        for t in std::iter::once(&e.term).chain(&e.aliases) {
            if t.chars().count() >= 2 && !t.chars().any(tokens::is_break_char) {
                forms.push((t, &e.id));
            }
        }
    }
    let (slogans, first) = PhraseSet::new(forms.iter().map(|(t, _)| *t), true);
    let ids = first.iter().map(|&k| forms[k].1.to_string()).collect();
    let fewest_han = (0..slogans.len())
        .map(|i| han_count(slogans.get(i)))
        .min()
        .unwrap_or(usize::MAX);
    let (full_forms, _) = PhraseSet::new(formulations().map(|e| e.full.as_str()), false);
    let names = lexicon
        .entries()
        .iter()
        .filter(|e| !e.kind.is_formulation())
        .flat_map(|e| [&e.term, &e.full].into_iter().chain(&e.aliases))
        .map(String::as_str);
    let (names, _) = PhraseSet::new(names, false);
    LexiconSets {
        slogans,
        ids,
        fewest_han,
        full_forms,
        names,
    }
}

/// The sets of `lexicon`, cached for the last lexicon used: a lexicon's matcher id is unique
/// to its contents' value, so this costs no pass over its entries (a fingerprint of every
/// entry was hashed on each analysis).
fn cached_sets(lexicon: &Lexicon) -> Arc<LexiconSets> {
    type Slot = Mutex<Option<(u64, Arc<LexiconSets>)>>;
    static CACHE: OnceLock<Slot> = OnceLock::new();
    let key = lexicon.matcher().id();
    let cache = CACHE.get_or_init(|| Mutex::new(None));
    if let Ok(guard) = cache.lock() {
        if let Some((k, sets)) = guard.as_ref() {
            if *k == key {
                return sets.clone();
            }
        }
    }
    let sets = Arc::new(lexicon_sets(lexicon));
    if let Ok(mut guard) = cache.lock() {
        *guard = Some((key, sets.clone()));
    }
    sets
}

fn recurring_slogans<O: Offset>(
    doc: &Document,
    seq: &Sequence<O>,
    settings: &RecurringSettings,
    m: &LexiconSets,
) -> Vec<Recurrence> {
    if m.slogans.is_empty() {
        return Vec::new();
    }
    let min_count = settings.min_count.max(2);
    let on_boundary = |b: usize| seq.boundaries.binary_search(&O::from_usize(b)).is_ok();
    let mut by_entry: HashMap<usize, Vec<Span>> = HashMap::new();
    for para in &doc.paragraphs {
        let text = &doc.text[para.clone()];
        if !has_han_chars(text, m.fewest_han) {
            continue;
        }
        for (hit, pattern) in m.slogans.matches(text) {
            let span = para.start + hit.start..para.start + hit.end;
            if !on_boundary(span.start) || !on_boundary(span.end) || doc.is_masked(&span) {
                continue;
            }
            by_entry.entry(pattern).or_default().push(span);
        }
    }
    let mut out: Vec<Recurrence> = Vec::new();
    for (pat, mut spans) in by_entry {
        // Inside a name (中央|全面深化改革|领导小组, a title, a quoted term) a slogan is not used.
        spans.retain(|s| {
            let (before, after) = surroundings(doc, s.start, s.end);
            let quoted = || {
                seq.position_at(s.start).is_some_and(|p| {
                    let end = (p..seq.ids.len())
                        .take_while(|&i| seq.word_at(i))
                        .find(|&i| seq.end(i) == s.end);
                    end.is_some_and(|e| in_quoted_name(doc, seq, p, e + 1))
                })
            };
            !in_a_name(before, after) && !quoted()
        });
        if spans.len() < min_count {
            continue;
        }
        let phrase = doc.text[spans[0].clone()].to_string();
        if is_ignored(&phrase, settings) || names_place(&phrase) {
            continue;
        }
        let background_df = background::lookup(&phrase).map_or(0, |b| b.df);
        out.push(Recurrence {
            phrase,
            spans: non_overlapping(spans),
            entry_id: m.ids.get(pat).cloned(),
            background_df,
            topic: false,
        });
    }
    out
}

#[cfg(test)]
mod tests;

/// Every place `phrase` stands in `text`, as the finder reports a phrase no lexicon knows.
#[cfg(test)]
pub(crate) fn recurrence_of(text: &str, phrase: &str) -> Recurrence {
    Recurrence {
        phrase: phrase.to_string(),
        spans: text
            .match_indices(phrase)
            .map(|(i, p)| i..i + p.len())
            .collect(),
        entry_id: None,
        background_df: 0,
        topic: false,
    }
}

#[cfg(test)]
mod offset_tests {
    use super::*;

    /// The `usize` sequence serves documents past 4 GiB; it must find what the `u32` one does.
    #[test]
    fn narrow_and_wide_offsets_find_the_same() {
        let settings = RecurringSettings::default();
        let mut total = 0;
        for (name, text) in crate::seeds::all() {
            let doc = Document::new(text, Vec::new());
            let narrow = find_in::<u32, _>(&doc, &settings, Lexicon::builtin(), &mut |p: &str| {
                segment_paragraph(p)
            });
            let wide = find_in::<usize, _>(&doc, &settings, Lexicon::builtin(), &mut |p: &str| {
                segment_paragraph(p)
            });
            assert_eq!(narrow, wide, "{name}");
            assert_eq!(narrow, find_recurring(&doc, &settings, Lexicon::builtin()));
            total += narrow.len();
        }
        assert!(total > 0);
    }
}
