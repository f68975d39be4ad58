//! Word tokens of one paragraph, as the recurrence finder sees them.
//!
//! `segment_paragraph` is a pure function of the paragraph text, so a cache keyed by the text
//! (or its hash) can wrap it without changing results.

use crate::engine::cache::{content_hash, TwoGenCache};
use crate::engine::segment::jieba;
use crate::engine::text::{is_cjk_punct, is_han};
use std::sync::{Arc, Mutex};

/// What a token is for phrase finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum TokenKind {
    /// Only Han characters: may be part of a reported phrase.
    Han,
    /// Latin letters, digits, currency signs, emoji …: takes part in matching (a phrase always
    /// glued to the same `Other` token is not maximal) but is never part of a reported phrase.
    Other,
    /// White space or punctuation: a hard boundary no phrase crosses.
    Break,
}

/// The part of speech, reduced to what the filters need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum WordClass {
    /// jieba's `nr*` tags: a person's name.
    Name,
    /// Particles and conjunctions (的, 了, 和, 与 …): never the first or last word of a phrase.
    Particle,
    /// Prepositions (jieba `p`, and 在, 对, 为 … whatever jieba tags them): dropped from the
    /// edges of a phrase (在全面建设… is reported without 在).
    Preposition,
    /// Pronouns, modal and interjection words, common auxiliaries.
    Function,
    /// Numerals and measure words.
    Number,
    /// jieba `v`: a plain verb (not a verbal noun `vn`), which leaves its object cut off when
    /// it ends a phrase followed by more words.
    Verb,
    /// jieba `ns`: a place (中华人民共和国, 吉尔吉斯共和国).
    Place,
    /// jieba `nt`: an organisation (国务院, 全国人大常委会).
    Org,
    /// jieba `f`: 方位词 (上, 中, 前), never the edge of a formula.
    Locative,
    /// jieba `t`: a time word (今年, 目前).
    Time,
    Content,
}

/// One jieba word of a paragraph; offsets are bytes relative to the paragraph start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub class: WordClass,
}

/// A character that no phrase may contain: white space, Chinese punctuation, ASCII
/// punctuation, general punctuation (U+2000–U+206F), control characters.
pub fn is_break_char(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || is_cjk_punct(c)
        || c.is_ascii_punctuation()
        || matches!(c as u32, 0x2000..=0x206F | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F)
}

fn kind_of(word: &str) -> TokenKind {
    if !word.is_empty() && word.chars().all(is_han) {
        TokenKind::Han
    } else if word.chars().any(is_break_char) {
        TokenKind::Break
    } else {
        TokenKind::Other
    }
}

/// Whether `word`, a set phrase of four or more characters (jieba tags those `i` or `l`, so
/// they count as content), ends on a plain verb the dictionary lists (严厉打击, 积极参与): at
/// the end of a phrase followed by more words, it leaves its object cut off like the verb.
pub(crate) fn set_phrase_ends_on_verb(word: &str) -> bool {
    if word.chars().count() < 4 {
        return false;
    }
    let tail = word
        .char_indices()
        .rev()
        .nth(1)
        .map_or("", |(i, _)| &word[i..]);
    let segmenter = jieba();
    matches!(segmenter.tag_of(word), Some("i" | "l")) && segmenter.tag_of(tail) == Some("v")
}

pub(crate) fn class_of(word: &str, tag: &str) -> WordClass {
    if tag.starts_with("nr") {
        return WordClass::Name;
    }
    if is_numeral(word) || tag == "m" || tag == "q" || tag == "mq" {
        return WordClass::Number;
    }
    if matches!(tag.as_bytes().first(), Some(b'u' | b'c')) || PARTICLES.contains(&word) {
        return WordClass::Particle;
    }
    if tag.starts_with('p') || PREPOSITIONS.contains(&word) {
        return WordClass::Preposition;
    }
    if LOCATIVES.contains(&word) {
        return WordClass::Locative;
    }
    let function_tag = matches!(tag.as_bytes().first(), Some(b'y' | b'e' | b'o'))
        || tag == "r"
        || tag == "rr"
        || tag == "rz";
    if function_tag || FUNCTION_WORDS.contains(&word) {
        return WordClass::Function;
    }
    match tag {
        "v" => WordClass::Verb,
        "ns" => WordClass::Place,
        "nt" => WordClass::Org,
        "f" => WordClass::Locative,
        "t" => WordClass::Time,
        _ => WordClass::Content,
    }
}

/// Particles and conjunctions, whatever jieba tags them.
const PARTICLES: &[&str] = &[
    "的", "地", "得", "了", "着", "过", "之", "和", "与", "及", "以及", "或", "或者", "并且",
    "而且", "同",
];

/// Prepositions, whatever jieba tags them.
const PREPOSITIONS: &[&str] = &[
    "在", "于", "对", "对于", "把", "被", "将", "从", "向", "为", "为了", "以", "由", "就", "关于",
];

/// 方位词 jieba tags as nouns.
const LOCATIVES: &[&str] = &["内", "中", "里", "间", "外", "下"];

/// Words that carry grammar, not content, whatever jieba tags them.
const FUNCTION_WORDS: &[&str] = &[
    "并", "而", "是", "也", "都", "就", "又", "还", "再", "更", "最", "很", "这", "那", "其", "此",
    "所", "等", "要", "该", "各", "每", "我们", "他们", "我", "你", "他", "她", "它",
];

/// Chinese or Arabic numerals, ordinals and approximate numbers: 十三五, 第一, 两.
pub(super) fn is_numeral(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || "零〇一二三四五六七八九十百千万亿两第几半双".contains(c))
}

/// A [`Token`] in 8 bytes instead of 24, for the cache that holds every paragraph of every
/// open document: offsets are paragraph-relative, so `u32` suffices for any paragraph up to
/// 4 GiB and `u16` for any word up to 64 KiB (other paragraphs are kept as [`Token`]s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PackedToken {
    start: u32,
    len: u16,
    kind: TokenKind,
    class: WordClass,
}

/// The tokens of one paragraph as the cache stores them: one allocation, packed when the
/// offsets fit in `u32`.
#[derive(Debug)]
pub struct Tokens(TokensRepr);

#[derive(Debug)]
enum TokensRepr {
    Packed(Box<[PackedToken]>),
    Wide(Box<[Token]>),
}

impl Tokens {
    fn new(tokens: &[Token]) -> Tokens {
        let packed: Option<Box<[PackedToken]>> = tokens
            .iter()
            .map(|t| {
                Some(PackedToken {
                    start: u32::try_from(t.start).ok()?,
                    len: u16::try_from(t.end.checked_sub(t.start)?).ok()?,
                    kind: t.kind,
                    class: t.class,
                })
            })
            .collect();
        Tokens(match packed {
            Some(p) => TokensRepr::Packed(p),
            None => TokensRepr::Wide(tokens.into()),
        })
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            TokensRepr::Packed(p) => p.len(),
            TokensRepr::Wide(w) => w.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The tokens in order, as [`Token`]s.
    pub fn iter(&self) -> impl Iterator<Item = Token> + '_ {
        let (packed, wide): (&[PackedToken], &[Token]) = match &self.0 {
            TokensRepr::Packed(p) => (p, &[]),
            TokensRepr::Wide(w) => (&[], w),
        };
        packed
            .iter()
            .map(|p| Token {
                start: p.start as usize,
                end: p.start as usize + p.len as usize,
                kind: p.kind,
                class: p.class,
            })
            .chain(wide.iter().cloned())
    }
}

/// Paragraphs segmented recently, so a keystroke re-segments only the paragraph it changed:
/// the engine's two-generation content cache, keyed by the paragraph text itself.
type SegmentCache = TwoGenCache<Box<str>, Arc<Tokens>>;

/// Bytes of paragraph text plus tokens per generation: several 200-page documents.
const CACHE_GENERATION: usize = 16 << 20;

static CACHE: Mutex<Option<SegmentCache>> = Mutex::new(None);

fn entry_cost(paragraph: &str, tokens: &Arc<Tokens>) -> usize {
    paragraph.len() + 16 * tokens.len()
}

/// [`segment_paragraph`] through a process-wide cache shared by every document and thread.
pub fn segment_paragraph_cached(paragraph: &str) -> Arc<Tokens> {
    let hash = content_hash(paragraph.as_bytes(), 0);
    {
        let mut guard = CACHE.lock().unwrap_or_else(|e| e.into_inner());
        let cache = guard.get_or_insert_with(|| TwoGenCache::new(CACHE_GENERATION));
        if let Some(hit) = cache.get(hash, |k| &**k == paragraph, |k, v| entry_cost(k, v)) {
            return hit;
        }
    }
    // Segment outside the lock: other threads keep using the cache meanwhile.
    let tokens = Arc::new(Tokens::new(&segment_paragraph(paragraph)));
    let mut guard = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(cache) = guard.as_mut() {
        let key: Box<str> = paragraph.into();
        let cost = entry_cost(&key, &tokens);
        cache.insert(hash, key, tokens.clone(), cost);
    }
    tokens
}

/// Segments one paragraph (no line breaks expected, but they are handled) into tokens.
pub fn segment_paragraph(paragraph: &str) -> Arc<Vec<Token>> {
    let base = paragraph.as_ptr() as usize;
    let tags = jieba().tag(paragraph, false);
    let mut out = Vec::with_capacity(tags.len());
    for t in tags {
        // jieba returns sub-slices of its input, in order; the pointer difference is the
        // word's byte offset.
        let start = (t.word.as_ptr() as usize).wrapping_sub(base);
        let end = start + t.word.len();
        if end > paragraph.len() || !paragraph.is_char_boundary(start) {
            continue;
        }
        out.push(Token {
            start,
            end,
            kind: kind_of(t.word),
            class: class_of(t.word, t.tag),
        });
    }
    Arc::new(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(&str, TokenKind)> {
        segment_paragraph(s)
            .iter()
            .map(|t| (&s[t.start..t.end], t.kind))
            .collect()
    }

    #[test]
    fn spam_tokens_are_not_han() {
        // Seed 002: the spam that replaced a name.
        let s = "学习贯彻90分钟足球网_bet36亚洲体育¥在线官网总书记重要讲话精神";
        let w = words(s);
        assert!(w.contains(&("90", TokenKind::Other)), "{w:?}");
        assert!(w.contains(&("bet36", TokenKind::Other)), "{w:?}");
        assert!(w.contains(&("¥", TokenKind::Other)), "{w:?}");
        assert!(w.contains(&("_", TokenKind::Break)), "{w:?}");
        let joined: String = w.iter().map(|(s, _)| *s).collect();
        assert_eq!(joined, s);
    }

    #[test]
    fn punctuation_and_space_break() {
        let s = "会议指出,要坚持 毫不放松，坚决打赢";
        let w = words(s);
        assert!(w.contains(&(",", TokenKind::Break)));
        assert!(w.contains(&(" ", TokenKind::Break)));
        assert!(w.contains(&("，", TokenKind::Break)));
    }

    #[test]
    fn classes() {
        let s = "省委书记王国生出席会议";
        let toks = segment_paragraph(s);
        let name = toks
            .iter()
            .find(|t| &s[t.start..t.end] == "王国生")
            .unwrap();
        assert_eq!(name.class, WordClass::Name);
        assert_eq!(class_of("的", "uj"), WordClass::Particle);
        assert_eq!(class_of("把", "p"), WordClass::Preposition);
        assert_eq!(class_of("各", "r"), WordClass::Function);
        assert_eq!(class_of("十三五", "x"), WordClass::Number);
        assert_eq!(class_of("疫情", "n"), WordClass::Content);
        assert_eq!(class_of("进行", "v"), WordClass::Verb);
        assert_eq!(class_of("发展", "vn"), WordClass::Content);
        // Set phrases ending on a verb (the 2006 work report's 依法严厉打击…).
        assert!(set_phrase_ends_on_verb("严厉打击"));
        assert!(set_phrase_ends_on_verb("积极参与"));
        assert!(!set_phrase_ends_on_verb("实事求是"));
        assert!(!set_phrase_ends_on_verb("打击"));
        assert_eq!(class_of("上", "f"), WordClass::Locative);
        assert_eq!(class_of("国务院", "nt"), WordClass::Org);
        assert_eq!(class_of("中华人民共和国", "ns"), WordClass::Place);
    }

    #[test]
    fn packed_tokens_round_trip() {
        for s in [
            "",
            "学习贯彻90分钟足球网_bet36亚洲体育¥在线官网总书记重要讲话精神",
            "🙂会议🙂\r\n",
        ] {
            let wide = segment_paragraph(s);
            let packed = Tokens::new(&wide);
            assert!(matches!(packed.0, TokensRepr::Packed(_)));
            assert_eq!(packed.len(), wide.len());
            assert_eq!(packed.iter().collect::<Vec<_>>(), *wide);
        }
        // Offsets past u32 can't be packed and are kept whole.
        let far = [Token {
            start: u32::MAX as usize + 1,
            end: u32::MAX as usize + 4,
            kind: TokenKind::Han,
            class: WordClass::Content,
        }];
        let kept = Tokens::new(&far);
        assert!(matches!(kept.0, TokensRepr::Wide(_)));
        assert_eq!(kept.iter().collect::<Vec<_>>(), far);
        let long = [Token {
            start: 3,
            end: 3 + 70_000,
            kind: TokenKind::Other,
            class: WordClass::Content,
        }];
        let kept = Tokens::new(&long);
        assert!(matches!(kept.0, TokensRepr::Wide(_)));
        assert_eq!(kept.iter().collect::<Vec<_>>(), long);
        assert_eq!(std::mem::size_of::<PackedToken>(), 8);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in ["", "𠮷𠮷𠮷", "a\u{301}b", "🙂会议🙂", "\r", "\u{feff}会议"] {
            let toks = segment_paragraph(s);
            for t in toks.iter() {
                assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            }
        }
    }
}
