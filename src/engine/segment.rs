//! Word segmentation with jieba-rs, loading only the dictionary words the text needs.
//!
//! The word list is `data/segment/dict.txt`: jieba-rs's own dictionary with only the
//! part-of-speech tags the recurrence filters tell apart, sorted by word
//! (`data/segment/generate.py`). Loaded whole into jieba-rs it costs ~45 MB (its trie
//! alone ~21 MB), yet jieba-rs only ever looks up dictionary words that occur in the sentence
//! it cuts. So the shared [`Jieba`] starts empty and, before a text is cut, receives the
//! dictionary words occurring in it as substrings, found by binary search in the sorted list.
//!
//! Segmentation stays exactly that of the full dictionary: every word keeps its frequency and
//! tag, and jieba-rs's `total` (the denominator of every word's probability) is kept equal to
//! the full dictionary's by a sentinel word holding the frequency of the words not loaded yet.
//! jieba-rs has no setter for `total`; `add_word` adjusts it by the change of a word's
//! frequency, which is how the sentinel moves it.

use jieba_rs::{Jieba, Tag};
use std::sync::{OnceLock, RwLock, RwLockReadGuard};

static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();

/// The word list, embedded (made by `data/segment/generate.py`; see `data/README.md`).
pub static DICT: &str = include_str!("../../data/segment/dict.txt");

/// The word holding the frequency of the dictionary words not loaded yet. jieba-rs only cuts
/// words out of runs of Han characters, ASCII letters, digits and `+#&._%-`; other characters
/// become one-character words (or white-space runs). Private-use characters are none of these,
/// so a run of three is never a word jieba-rs considers or returns, even in a text that
/// contains it: the sentinel only ever enters `total`. (jieba-rs's `suggest_freq` of exactly
/// this string would see it, but only the lexicon's terms are given to `suggest_freq`.)
const SENTINEL: &str = "\u{F8FD}\u{F8FE}\u{F8FF}";

/// The full dictionary, kept as its sorted text for substring search.
struct Dictionary {
    text: &'static str,
    /// Byte offset of each line of `text`; the lines are sorted by word.
    starts: Vec<u32>,
    /// Byte length of each line's word (the search compares words millions of times).
    lens: Vec<u8>,
    /// Per first character of a word: that character and the range of lines starting with it.
    first: Vec<(char, u32, u32)>,
    /// Sum of all frequencies: jieba-rs's `total` once the whole dictionary is loaded.
    total: usize,
    /// Every tag a word can carry, so tags outlive the lock the segmenter holds while tagging.
    tags: Vec<&'static str>,
}

/// Up to four bytes as a big-endian number, shorter ones padded with zero bytes (which no
/// word contains), so numbers order like the byte strings.
fn pack(bytes: &[u8]) -> u32 {
    let mut n = 0u32;
    for k in 0..4 {
        n = n << 8 | u32::from(bytes.get(k).copied().unwrap_or(0));
    }
    n
}

/// One dictionary line: word, frequency, tag (jieba-rs's own format and defaults).
fn parse_line(line: &str) -> (&str, usize, &str) {
    let mut parts = line.split_whitespace();
    let word = parts.next().unwrap_or("");
    let freq = parts.next().and_then(|f| f.parse().ok()).unwrap_or(0);
    let tag = parts.next().unwrap_or("");
    (word, freq, tag)
}

impl Dictionary {
    /// Indexes `text`, one `word freq [tag]` line per word, sorted by the words' bytes.
    fn new(text: &'static str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 12);
        let mut lens = Vec::with_capacity(text.len() / 12);
        let mut first: Vec<(char, u32, u32)> = Vec::new();
        let mut total = 0usize;
        let mut tags = vec!["", "nz", "x", "m", "eng"];
        let mut offset = 0usize;
        for line in text.split('\n') {
            let start = offset;
            offset += line.len() + 1;
            let (word, freq, tag) = parse_line(line);
            let (Some(c), Ok(at), Ok(len)) = (
                word.chars().next(),
                u32::try_from(start),
                u8::try_from(word.len()),
            ) else {
                continue;
            };
            let index = starts.len() as u32;
            starts.push(at);
            lens.push(len);
            total += freq;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
            match first.last_mut() {
                Some(last) if last.0 == c => last.2 = index + 1,
                _ => first.push((c, index, index + 1)),
            }
        }
        tags.sort_unstable();
        Dictionary {
            text,
            starts,
            lens,
            first,
            total,
            tags,
        }
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    fn line(&self, i: u32) -> &'static str {
        let start = self
            .starts
            .get(i as usize)
            .map_or(self.text.len(), |&s| s as usize);
        let rest = self.text.get(start..).unwrap_or("");
        rest.split('\n').next().unwrap_or("")
    }

    fn word(&self, i: u32) -> &'static [u8] {
        let (Some(&start), Some(&len)) = (self.starts.get(i as usize), self.lens.get(i as usize))
        else {
            return &[];
        };
        let start = start as usize;
        self.text
            .as_bytes()
            .get(start..start + len as usize)
            .unwrap_or(&[])
    }

    /// The dictionary lines whose words occur in `text`, appended to `out` (unsorted, possibly
    /// repeated). From each character, the range of words starting there narrows one character
    /// at a time while some word still has the longer prefix.
    fn words_in(&self, text: &str, out: &mut Vec<u32>) {
        for (i, c) in text.char_indices() {
            let Ok(k) = self.first.binary_search_by(|e| e.0.cmp(&c)) else {
                continue;
            };
            let (_, mut lo, mut hi) = self.first[k];
            let mut end = i + c.len_utf8();
            loop {
                // Every word in lo..hi starts with text[i..end] and the shortest sorts first,
                // so the text's word, if listed, is the first one and as long.
                if lo < hi && self.lens.get(lo as usize).map(|&l| l as usize) == Some(end - i) {
                    out.push(lo);
                    lo += 1;
                }
                let Some(next) = text.get(end..).and_then(|r| r.chars().next()) else {
                    break;
                };
                let (a, b) = self.narrow(lo, hi, end - i, next);
                if a == b {
                    break;
                }
                (lo, hi, end) = (a, b, end + next.len_utf8());
            }
        }
    }

    /// The sub-range of `lo..hi` (sorted lines whose words share their first `at` bytes) whose
    /// next character is `next`.
    fn narrow(&self, lo: u32, hi: u32, at: usize, next: char) -> (u32, u32) {
        let mut buf = [0; 4];
        let key = pack(next.encode_utf8(&mut buf).as_bytes());
        let k = next.len_utf8();
        // The next `k` bytes of a word, as a number ordered like the bytes: UTF-8 is
        // prefix-free, so they equal `key` exactly when the word's next character is `next`.
        let word_key = |i: u32| {
            let rest = self.word(i).get(at..).unwrap_or(&[]);
            pack(rest.get(..k).unwrap_or(rest))
        };
        let (mut a, mut b) = (lo, hi);
        while a < b {
            let mid = a + (b - a) / 2;
            if word_key(mid) < key {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        let start = a;
        let mut b = hi;
        while a < b {
            let mid = a + (b - a) / 2;
            if word_key(mid) == key {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        (start, a)
    }

    /// The tag the dictionary gives `word`, if it lists it.
    fn tag_of(&self, word: &str) -> Option<&'static str> {
        let mut found = Vec::new();
        self.words_in(word, &mut found);
        found
            .into_iter()
            .find(|&i| self.word(i) == word.as_bytes())
            .map(|i| self.static_tag(parse_line(self.line(i)).2))
    }

    /// `tag` as a string that lives as long as the program.
    fn static_tag(&self, tag: &str) -> &'static str {
        match self.tags.binary_search(&tag) {
            Ok(k) => self.tags[k],
            // Unreachable: jieba-rs tags with the dictionary's tags, ours ("nz", the sentinel's
            // "") or its own "x", "m", "eng", all in `tags`.
            Err(_) => "",
        }
    }
}

/// The jieba-rs instance with the dictionary words loaded so far.
struct Loaded {
    jieba: Jieba,
    /// One bit per dictionary line: added to `jieba`.
    done: Vec<u64>,
    /// The sentinel's frequency: the frequencies of the dictionary words not loaded yet.
    reserve: usize,
}

impl Loaded {
    fn new(dict: &Dictionary) -> Self {
        let mut jieba = Jieba::empty();
        jieba.add_word(SENTINEL, Some(dict.total), None);
        Loaded {
            jieba,
            done: vec![0; dict.len().div_ceil(64)],
            reserve: dict.total,
        }
    }

    fn is_done(&self, i: u32) -> bool {
        self.done
            .get(i as usize / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Adds the dictionary lines `lines` not added yet, keeping `total` that of the full
    /// dictionary (plus whatever the lexicon's terms added).
    fn load(&mut self, dict: &Dictionary, lines: &[u32]) {
        let mut moved = 0usize;
        for &i in lines {
            let Some(bits) = self.done.get_mut(i as usize / 64) else {
                continue;
            };
            if *bits & (1 << (i % 64)) != 0 {
                continue;
            }
            *bits |= 1 << (i % 64);
            let (word, freq, tag) = parse_line(dict.line(i));
            // Only a lexicon term could be there already, and each term's dictionary words are
            // loaded before the term (`Segmenter::new`); re-adding would overwrite its
            // frequency.
            if word.is_empty() || self.jieba.has_word(word) {
                continue;
            }
            self.jieba.add_word(word, Some(freq), Some(tag));
            moved += freq;
        }
        if moved > 0 {
            self.reserve = self.reserve.saturating_sub(moved);
            self.jieba.add_word(SENTINEL, Some(self.reserve), None);
        }
    }
}

/// The shared segmenter: jieba-rs with the full dictionary and the lexicon's terms, as far as
/// any text cut so far needed them.
pub struct Segmenter {
    dict: Dictionary,
    loaded: RwLock<Loaded>,
}

/// The lexicon's terms jieba-rs learns as user words, so a slogan is one token.
fn lexicon_terms() -> impl Iterator<Item = &'static str> {
    super::lexicon::Lexicon::builtin()
        .entries()
        .iter()
        .map(|e| e.term.as_str())
        .filter(|t| t.chars().count() >= 2)
}

/// Adds the lexicon's terms as user words so a slogan is one token.
#[cfg(test)]
fn add_lexicon_terms(j: &mut Jieba) {
    for term in lexicon_terms() {
        j.add_word(term, None, Some("nz"));
    }
}

impl Segmenter {
    fn new(text: &'static str) -> Self {
        let dict = Dictionary::new(text);
        let mut loaded = Loaded::new(&dict);
        // A term's frequency is suggested by cutting it with the words known so far, in the
        // lexicon's order: each term needs its own dictionary words first (a term that is a
        // dictionary word gets the dictionary's entry, then the term's frequency, as when the
        // whole dictionary comes first).
        let mut found = Vec::new();
        for term in lexicon_terms() {
            found.clear();
            dict.words_in(term, &mut found);
            loaded.load(&dict, &found);
            loaded.jieba.add_word(term, None, Some("nz"));
        }
        Segmenter {
            dict,
            loaded: RwLock::new(loaded),
        }
    }

    /// The instance, with every dictionary word occurring in `text` loaded.
    fn ready_for(&self, text: &str) -> RwLockReadGuard<'_, Loaded> {
        let mut found = Vec::new();
        self.dict.words_in(text, &mut found);
        {
            let guard = self.loaded.read().unwrap_or_else(|e| e.into_inner());
            if found.iter().all(|&i| guard.is_done(i)) {
                return guard;
            }
        }
        found.sort_unstable();
        found.dedup();
        self.loaded
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .load(&self.dict, &found);
        // Words other threads add meanwhile occur elsewhere and never change this cut.
        self.loaded.read().unwrap_or_else(|e| e.into_inner())
    }

    /// jieba-rs's `cut` as with the full dictionary and the lexicon's terms.
    pub fn cut<'a>(&self, text: &'a str, hmm: bool) -> Vec<&'a str> {
        self.ready_for(text).jieba.cut(text, hmm)
    }

    /// The dictionary's tag of `word` (`v`, `n`, `i` …), if it lists the word.
    pub fn tag_of(&self, word: &str) -> Option<&'static str> {
        self.dict.tag_of(word)
    }

    /// jieba-rs's `tag` as with the full dictionary and the lexicon's terms.
    pub fn tag<'a>(&self, text: &'a str, hmm: bool) -> Vec<Tag<'a>> {
        let guard = self.ready_for(text);
        let base = text.as_ptr() as usize;
        guard
            .jieba
            .tag(text, hmm)
            .into_iter()
            .filter_map(|t| {
                // jieba-rs returns sub-slices of `text`; re-slice it to outlive the lock.
                let start = (t.word.as_ptr() as usize).wrapping_sub(base);
                let word = text.get(start..start.checked_add(t.word.len())?)?;
                Some(Tag {
                    word,
                    tag: self.dict.static_tag(t.tag),
                })
            })
            .collect()
    }
}

/// The shared segmenter.
pub fn jieba() -> &'static Segmenter {
    SEGMENTER.get_or_init(|| Segmenter::new(DICT))
}

/// Whether the segmenter is set up (so segmenting will not wait for it).
pub fn is_ready() -> bool {
    SEGMENTER.get().is_some()
}

/// Sets the segmenter up now (call from a background thread at start-up).
pub fn warm_up() {
    let _ = jieba();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::recurrence::tokens::class_of;

    #[test]
    fn slogan_terms_are_single_tokens() {
        let words = jieba().cut("要增强四个意识", false);
        assert!(words.contains(&"四个意识"), "{words:?}");
    }

    /// The same words, each of the same class, as jieba-rs's full embedded dictionary gives
    /// (the dev build enables it), on every seed and on large generated reports.
    #[test]
    fn same_segmentation_as_the_full_dictionary() {
        let mut full = Jieba::new();
        add_lexicon_terms(&mut full);
        let ours = jieba();
        let mut texts: Vec<String> = crate::seeds::all().map(|(_, t)| t.to_string()).collect();
        texts.push(crate::seeds::corpus(400_000));
        texts.push("𠮷𠮷 a\u{301}b 🙂会议🙂\r\n\r2020年GDP增长6.1%，习近平总书记重要讲话".into());
        let mut words = 0;
        for text in &texts {
            for line in text.lines() {
                let a = full.tag(line, false);
                let b = ours.tag(line, false);
                assert_eq!(a.len(), b.len(), "{line}");
                for (x, y) in a.iter().zip(&b) {
                    assert_eq!(x.word, y.word, "{line}");
                    assert_eq!(
                        class_of(x.word, x.tag),
                        class_of(y.word, y.tag),
                        "{} ({} / {})",
                        x.word,
                        x.tag,
                        y.tag
                    );
                }
                words += a.len();
            }
        }
        assert!(words > 80_000, "{words}");
    }
}

#[cfg(test)]
mod lazy_tests {
    use super::*;
    use crate::engine::recurrence::tokens::{class_of, WordClass};

    /// Every word, word class and suggested frequency as the full dictionary gives, cutting
    /// `lines` in the given order with a fresh segmenter (so its dictionary grows in that
    /// order).
    fn check_in_order(full: &Jieba, lines: &[&str]) {
        let ours = Segmenter::new(DICT);
        fn classes(tags: Vec<Tag<'_>>) -> Vec<(String, WordClass)> {
            tags.iter()
                .map(|t| (t.word.to_string(), class_of(t.word, t.tag)))
                .collect()
        }
        for line in lines {
            assert_eq!(
                classes(full.tag(line, false)),
                classes(ours.tag(line, false)),
                "{line}"
            );
            assert_eq!(full.cut(line, true), ours.cut(line, true), "{line}");
            // suggest_freq uses jieba-rs's `total`: it must be the full dictionary's. (Of the
            // sentinel itself it gives the sentinel's frequency; only lexicon terms are ever
            // given to suggest_freq.)
            if *line == SENTINEL {
                continue;
            }
            let guard = ours.ready_for(line);
            assert_eq!(
                full.suggest_freq(line),
                guard.jieba.suggest_freq(line),
                "{line}"
            );
        }
    }

    fn full() -> Jieba {
        let mut full = Jieba::new();
        add_lexicon_terms(&mut full);
        full
    }

    #[test]
    fn any_order_of_paragraphs_and_documents_segments_the_same() {
        let full = full();
        let seeds: Vec<String> = crate::seeds::all().map(|(_, t)| t.to_string()).collect();
        let a: Vec<&str> = seeds.iter().flat_map(|t| t.lines()).collect();
        let corpus = crate::seeds::corpus(60_000);
        let b: Vec<&str> = corpus.lines().collect();
        let mut reversed = a.clone();
        reversed.reverse();
        check_in_order(&full, &reversed);
        let mut interleaved = Vec::new();
        for k in 0..a.len().max(b.len()) {
            interleaved.extend(b.get(k));
            interleaved.extend(a.get(a.len().saturating_sub(k + 1)));
        }
        check_in_order(&full, &interleaved);
        // Short pieces first: few words loaded when the long sentences come.
        let mut by_length = a.clone();
        by_length.sort_by_key(|l| l.len());
        check_in_order(&full, &by_length);
    }

    #[test]
    fn text_containing_the_sentinel_segments_the_same() {
        let full = full();
        let s = SENTINEL;
        let lines = [
            format!("会议{s}指出{s}{s}"),
            s.to_string(),
            format!("要增强四个意识{s}坚定四个自信"),
            format!("\u{F8FD}\u{F8FE}学习\u{F8FF}贯彻 {s}\r\n𠮷"),
            format!("GDP{s}6.1%"),
        ];
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        check_in_order(&full, &lines);
    }

    /// The substring search finds exactly the dictionary words occurring in the text.
    #[test]
    fn words_in_finds_every_dictionary_word_of_the_text() {
        let dict = Dictionary::new(DICT);
        let texts = [
            "中华人民共和国国务院总理在政府工作报告中指出",
            "4S店和B超，T恤衫；𠮷野家 🙂 abc 1号店",
            "",
            "习近平新时代中国特色社会主义思想",
        ];
        for text in texts {
            let mut found = Vec::new();
            dict.words_in(text, &mut found);
            found.sort_unstable();
            found.dedup();
            let expected: Vec<u32> = (0..dict.len() as u32)
                .filter(|&i| std::str::from_utf8(dict.word(i)).is_ok_and(|w| text.contains(w)))
                .collect();
            assert_eq!(found, expected, "{text}");
        }
    }

    /// The search needs the lines sorted by word, one line per word, every line parsed.
    #[test]
    fn dictionary_is_sorted_and_parses() {
        let dict = Dictionary::new(DICT);
        assert!(dict.len() > 300_000, "{}", dict.len());
        assert_eq!(dict.len(), DICT.lines().filter(|l| !l.is_empty()).count());
        for i in 1..dict.len() as u32 {
            assert!(dict.word(i - 1) < dict.word(i), "line {i}");
        }
        for line in DICT.lines() {
            let mut parts = line.split_whitespace();
            assert!(parts.next().is_some(), "{line}");
            assert!(
                parts.next().is_some_and(|f| f.parse::<usize>().is_ok()),
                "{line}"
            );
            assert!(parts.nth(1).is_none(), "{line}");
        }
        assert!(!DICT.contains(SENTINEL));
        assert!(lexicon_terms().all(|t| !t.contains(SENTINEL)));
    }
}
