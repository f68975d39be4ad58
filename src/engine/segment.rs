//! Word segmentation with jieba-rs. The dictionary takes ~100 ms to load, so it is loaded once,
//! and the server warms it up on a background thread at start-up.
//!
//! The word list is `data/segment/dict.txt`: jieba-rs's own dictionary with only the
//! part-of-speech tags the recurrence filters tell apart (`scripts/gen_segment_dict.py`).
//! jieba-rs keeps a heap string per tag, so the full tags cost ~12 MB and its embedded
//! compressed copy another 5 MB once inflated; segmentation and word classes are the same.

use jieba_rs::Jieba;
use std::sync::OnceLock;

static JIEBA: OnceLock<Jieba> = OnceLock::new();

const DICT: &str = include_str!("../../data/segment/dict.txt");

/// The dictionary alone, without the lexicon's terms.
fn dictionary() -> Jieba {
    Jieba::with_dict(&mut DICT.as_bytes()).expect("data/segment/dict.txt parses (tested)")
}

/// Adds the lexicon's terms as user words so a slogan is one token.
fn add_lexicon_terms(j: &mut Jieba) {
    for e in super::lexicon::Lexicon::builtin().entries() {
        if e.term.chars().count() >= 2 {
            j.add_word(&e.term, None, Some("nz"));
        }
    }
}

/// The shared segmenter, with the lexicon's terms added as user words so a slogan is one token.
pub fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(|| {
        let mut j = dictionary();
        add_lexicon_terms(&mut j);
        j
    })
}

/// Whether the dictionary is loaded (so segmenting will not wait for it).
pub fn is_ready() -> bool {
    JIEBA.get().is_some()
}

/// Loads the dictionary now (call from a background thread at start-up).
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
