//! Word segmentation with jieba-rs. The dictionary takes ~100 ms to load, so it is loaded once,
//! and the server warms it up on a background thread at start-up.

use jieba_rs::Jieba;
use std::sync::OnceLock;

static JIEBA: OnceLock<Jieba> = OnceLock::new();

/// The shared segmenter, with the lexicon's terms added as user words so a slogan is one token.
pub fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(|| {
        let mut j = Jieba::new();
        for e in super::lexicon::Lexicon::builtin().entries() {
            if e.term.chars().count() >= 2 {
                j.add_word(&e.term, None, Some("nz"));
            }
        }
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

    #[test]
    fn slogan_terms_are_single_tokens() {
        let words = jieba().cut("要增强四个意识", false);
        assert!(words.contains(&"四个意识"), "{words:?}");
    }
}
