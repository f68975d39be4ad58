//! Text helpers shared by the rules: lines, character classes, spans.

use super::types::Span;

/// The lines of `text` as byte spans without their terminators. Lines end at `\n`, `\r\n` or a
/// lone `\r`, the same three terminators LSP counts, so line numbers agree with editors.
pub fn lines(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(start..i);
                i += 1;
                start = i;
            }
            b'\r' => {
                out.push(start..i);
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push(start..bytes.len());
    out
}

/// Lines that hold something other than white space (including U+3000 and NBSP), trimmed of
/// that white space at both ends. In meeting reports one line is one paragraph.
pub fn paragraphs(text: &str) -> Vec<Span> {
    lines(text)
        .into_iter()
        .filter_map(|span| trim_span(text, span))
        .collect()
}

/// `span` without leading and trailing white space; `None` when nothing is left.
pub fn trim_span(text: &str, span: Span) -> Option<Span> {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.is_empty() {
        None
    } else {
        Some(span.start + lead..span.start + lead + trimmed.len())
    }
}

/// A Han character (CJK Unified Ideographs, extensions A–G, compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F
        | 0x30000..=0x323AF)
}

/// Full-width or CJK punctuation as used in Chinese text, including the curly quotes.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F
        | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65
        | 0x2018..=0x201F
        | 0x2026
        | 0x2014
        | 0x00B7)
}

/// Whether `c` ends a sentence: 。！？； and their half-width forms.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// Chinese quotation marks, opening and closing.
pub const QUOTE_PAIRS: [(char, char); 4] = [('“', '”'), ('‘', '’'), ('「', '」'), ('『', '』')];

/// The quotation marks right around `span` of `text`, when they make a pair.
pub fn quoted_by(text: &str, span: &Span) -> Option<(char, char)> {
    let before = text.get(..span.start)?.chars().next_back()?;
    let after = text.get(span.end..)?.chars().next()?;
    QUOTE_PAIRS
        .iter()
        .copied()
        .find(|&pair| pair == (before, after))
}

/// Han or Chinese punctuation: the context in which half-width marks are wrong.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Counts the Han characters in `s`.
pub fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

/// The largest char boundary of `text` at or before `at` (`text.len()` past the end).
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether `s` holds at least `n` Han characters (stops counting there).
pub fn has_han_chars(s: &str, n: usize) -> bool {
    n == 0 || s.chars().filter(|&c| is_han(c)).nth(n - 1).is_some()
}

/// True when the spans overlap (share at least one byte).
pub fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The value of a Chinese digit character (〇/零 = 0, 两 = 2).
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_on_all_three_terminators() {
        let t = "一\r\n二\r三\n\n四";
        let got: Vec<&str> = lines(t).into_iter().map(|s| &t[s]).collect();
        assert_eq!(got, vec!["一", "二", "三", "", "四"]);
    }

    #[test]
    fn paragraphs_skip_blank_and_trim_ideographic_space() {
        let t = "　会议指出，要坚持。 \n \n\u{a0}\n责任编辑:李晓晓";
        let got: Vec<&str> = paragraphs(t).into_iter().map(|s| &t[s]).collect();
        assert_eq!(got, vec!["会议指出，要坚持。", "责任编辑:李晓晓"]);
    }

    #[test]
    fn character_classes() {
        assert!(is_han('会'));
        assert!(is_han('𠮷'));
        assert!(!is_han('a'));
        assert!(is_cjk_punct('，'));
        assert!(is_cjk_punct('“'));
        assert!(is_cjk_punct('、'));
        assert!(!is_chinese(','));
        assert_eq!(han_count("做好“六稳”工作"), 6);
    }

    #[test]
    fn quotation_marks_around_a_span_make_a_pair_or_nothing() {
        let t = "增强“𠮷意识”、坚定‘四个自信」";
        let at = |w: &str| {
            let s = t.find(w).unwrap();
            s..s + w.len()
        };
        assert_eq!(quoted_by(t, &at("𠮷意识")), Some(('“', '”')));
        // ‘ with 」 is no pair; a span at either end of the text has nothing around it.
        assert_eq!(quoted_by(t, &at("四个自信")), None);
        assert_eq!(quoted_by(t, &(0..3)), None);
        assert_eq!(quoted_by(t, &(t.len()..t.len())), None);
        // A span that does not fall on character boundaries is no span of the text.
        assert_eq!(quoted_by(t, &(1..2)), None);
        assert!(is_sentence_end('。') && is_sentence_end(';') && !is_sentence_end('，'));
    }
}
