//! GB/T 9704 headings: 一、 → （一） → 1. → （1）. Found at the start of a paragraph, and —
//! for scraped pages that lost their line breaks — right after 。 or ； inside a paragraph,
//! when the numbering makes that plausible (一、 later followed by 二、).

use crate::engine::document::Document;
use crate::engine::text;
use crate::engine::types::Span;

/// How a heading's marker is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Style {
    /// As GB/T 9704 / GB/T 15834 want it.
    Ok,
    /// `1、` where `1.` is wanted; the span is the 、.
    CommaAfterArabic(Span),
    /// Punctuation after （一） or （1）, e.g. （一）、; the span is that punctuation.
    PunctAfterParen(Span),
    /// `一．`, `一.` or `三，` where `一、` is wanted; the span is that mark.
    DotAfterCn(Span),
}

/// One heading marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingMark {
    /// 1 = 一、, 2 = （一）, 3 = 1., 4 = （1）.
    pub level: u8,
    pub number: u32,
    /// The whole marker, e.g. `一、`, `（一）`, `1.`, including wrong trailing punctuation.
    pub marker: Span,
    /// The numeral alone.
    pub number_span: Span,
    pub style: Style,
    /// The marker opens its paragraph (otherwise it follows 。 or ； inside one).
    pub line_start: bool,
}

const CN_DIGITS: &str = "〇零一二三四五六七八九十";

fn cn_value(s: &str) -> Option<u32> {
    // 两 counts in amounts (两万), never in a heading's number.
    let digit = |c: char| text::cn_digit(c).filter(|_| c != '两');
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a).filter(|&d| d > 0),
        ['十', b] => digit(*b).filter(|&d| d > 0).map(|d| 10 + d),
        [a, '十'] => digit(*a).filter(|&d| d > 1).map(|d| d * 10),
        [a, '十', b] => Some(digit(*a).filter(|&d| d > 1)? * 10 + digit(*b).filter(|&d| d > 0)?),
        _ => None,
    }
}

/// The value of a Chinese numeral (一 … 九十九).
pub fn cn_value_pub(s: &str) -> Option<u32> {
    cn_value(s)
}

/// The Chinese numeral for 1..=99, as headings write it.
pub fn cn_numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(n - 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

fn is_cn_digit(c: char) -> bool {
    CN_DIGITS.contains(c)
}

/// Whether the numeral opening `rest` continues an enumeration that starts with `number`:
/// the next number (二 after 一、; 十一 after 十、), a first digit that is (六 of 五、六十年代),
/// or any numeral followed by another 、 (一、三、五).
fn numerals_go_on(number: u32, rest: &str) -> bool {
    let next = number + 1;
    let ascii: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let (run_len, value, first) = if ascii.is_empty() {
        let run: String = rest.chars().take_while(|&c| is_cn_digit(c)).collect();
        let first = run.chars().next().and_then(|c| cn_value(&c.to_string()));
        (run.len(), cn_value(&run), first)
    } else {
        (ascii.len(), ascii.parse().ok(), None)
    };
    value == Some(next) || first == Some(next) || rest[run_len..].starts_with('、')
}

/// Punctuation wrongly put after a parenthesised number.
fn is_stray_punct(c: char) -> bool {
    matches!(c, '、' | '.' | '．' | ',' | '，' | ':' | '：')
}

/// Parses a heading marker at the start of `s`, whose first byte is at `base` in the text.
pub fn parse_at(s: &str, base: usize) -> Option<HeadingMark> {
    let first = s.chars().next()?;
    if first == '（' || first == '(' {
        let open = first.len_utf8();
        let close_rel = s[open..].find(['）', ')'])? + open;
        let inner = &s[open..close_rel];
        if inner.is_empty() || inner.chars().count() > 3 {
            return None;
        }
        let (level, number) = if inner.chars().all(|c| c.is_ascii_digit()) {
            if inner.len() > 2 {
                return None;
            }
            (4, inner.parse().ok()?)
        } else if inner.chars().all(is_cn_digit) {
            (2, cn_value(inner)?)
        } else {
            return None;
        };
        let close_len = s[close_rel..].chars().next()?.len_utf8();
        let mut end = close_rel + close_len;
        let mut style = Style::Ok;
        if let Some(c) = s[end..].chars().next().filter(|&c| is_stray_punct(c)) {
            style = Style::PunctAfterParen(base + end..base + end + c.len_utf8());
            end += c.len_utf8();
        }
        if s[end..].trim().is_empty() {
            return None;
        }
        return Some(HeadingMark {
            level,
            number,
            marker: base..base + end,
            number_span: base + open..base + close_rel,
            style,
            line_start: true,
        });
    }
    if is_cn_digit(first) {
        let num_len: usize = s
            .chars()
            .take_while(|&c| is_cn_digit(c))
            .map(char::len_utf8)
            .sum();
        let number = cn_value(&s[..num_len])?;
        let rest = &s[num_len..];
        let sep = rest.chars().next()?;
        let style = match sep {
            '、' => Style::Ok,
            '．' | '.' => Style::DotAfterCn(base + num_len..base + num_len + sep.len_utf8()),
            // 三，保障措施: a comma or full stop for the 顿号 still numbers a heading when Chinese
            // text follows (the mark is `heading-mark`'s finding, GB/T 15834-2011 4.5.3.3), so
            // the next heading is not reported as a skip.
            '，' | ',' | '。'
                if rest[sep.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(crate::engine::text::is_han) =>
            {
                Style::DotAfterCn(base + num_len..base + num_len + sep.len_utf8())
            }
            _ => return None,
        };
        let end = num_len + sep.len_utf8();
        // 一、二线城市, 三、四月份, 五、六十年代: an enumeration of numerals, not a heading.
        // A numeral that does not go on from the marker's is the heading's text: 一、2024年工作
        // 回顾 and 一、十四年伟大实践的基本总结 (the State Council's and the Party congresses'
        // reports).
        // 一、 过去五年工作回顾 (a space after the mark, 2008's work report as transcribed) is a
        // heading; 一、 alone, or a space before a numeral, is not.
        let spaced = s[end..].trim_start();
        match s[end..].chars().next() {
            Some(c) if c.is_whitespace() => {
                let first = spaced.chars().next();
                if !first.is_some_and(|f| crate::engine::text::is_han(f) && !is_cn_digit(f)) {
                    return None;
                }
            }
            Some(c) if is_cn_digit(c) || c.is_ascii_digit() => {
                if numerals_go_on(number, &s[end..]) {
                    return None;
                }
            }
            Some(_) => {}
            None => return None,
        }
        return Some(HeadingMark {
            level: 1,
            number,
            marker: base..base + end,
            number_span: base..base + num_len,
            style,
            line_start: true,
        });
    }
    if first.is_ascii_digit() {
        let num_len = s.bytes().take_while(u8::is_ascii_digit).count();
        if num_len > 2 {
            return None;
        }
        let number: u32 = s[..num_len].parse().ok()?;
        let sep = s[num_len..].chars().next()?;
        let style = match sep {
            '.' | '．' => Style::Ok,
            '、' => Style::CommaAfterArabic(base + num_len..base + num_len + sep.len_utf8()),
            _ => return None,
        };
        let end = num_len + sep.len_utf8();
        // 1.5万, 1、2、3: a number or an enumeration, not a heading.
        match s[end..].chars().next() {
            Some(c) if !c.is_ascii_digit() && !c.is_whitespace() => {}
            _ => return None,
        }
        return Some(HeadingMark {
            level: 3,
            number,
            marker: base..base + end,
            number_span: base..base + num_len,
            style,
            line_start: true,
        });
    }
    None
}

/// The length of a Markdown ATX heading's opening (`## `), or 0.
pub fn atx_prefix(line: &str) -> usize {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return 0;
    }
    let rest = &line[hashes..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if spaces == 0 {
        return 0;
    }
    hashes + spaces
}

/// Every heading of the document, in order, outside masked text.
pub fn find(doc: &Document) -> Vec<HeadingMark> {
    let mut candidates = Vec::new();
    for para in &doc.paragraphs {
        candidates.extend(candidates_in(doc, &para));
    }
    plausible(candidates)
}

/// The heading candidates of one paragraph of `doc`: its opening marker and the markers
/// after 。 or ； inside it, outside masked text. Which of them are headings depends on the
/// whole document's numbering ([`plausible`]).
pub fn candidates_in(doc: &Document, para: &Span) -> Vec<HeadingMark> {
    let text = doc.text;
    let mut candidates = Vec::new();
    let line = &text[para.clone()];
    let atx = atx_prefix(line);
    if let Some(h) = parse_at(&line[atx..], para.start + atx) {
        if !doc.is_masked(&h.marker) {
            candidates.push(h);
        }
    }
    for (i, c) in line.char_indices() {
        if !matches!(c, '。' | '；' | ';') {
            continue;
        }
        let after = &line[i + c.len_utf8()..];
        let rest = after.trim_start();
        let at = para.start + line.len() - rest.len();
        if let Some(mut h) = parse_at(rest, at) {
            // Inside a paragraph only the two upper levels: （1） and 1. there are
            // usually an inline enumeration.
            if h.level <= 2 && !doc.is_masked(&h.marker) {
                h.line_start = false;
                candidates.push(h);
            }
        }
    }
    candidates
}

impl HeadingMark {
    /// The same mark `by` bytes further on.
    pub fn shifted(&self, by: usize) -> HeadingMark {
        let sh = |s: &Span| s.start + by..s.end + by;
        HeadingMark {
            level: self.level,
            number: self.number,
            marker: sh(&self.marker),
            number_span: sh(&self.number_span),
            style: match &self.style {
                Style::Ok => Style::Ok,
                Style::CommaAfterArabic(s) => Style::CommaAfterArabic(sh(s)),
                Style::PunctAfterParen(s) => Style::PunctAfterParen(sh(s)),
                Style::DotAfterCn(s) => Style::DotAfterCn(sh(s)),
            },
            line_start: self.line_start,
        }
    }
}

/// Keeps every paragraph-start heading, and a mid-paragraph one only when it continues the
/// numbering of its level (n after n-1) or opens a numbering that goes on (1 followed by 2).
pub fn plausible(candidates: Vec<HeadingMark>) -> Vec<HeadingMark> {
    let mut accepted: Vec<HeadingMark> = Vec::with_capacity(candidates.len());
    for (i, c) in candidates.iter().enumerate() {
        if c.line_start {
            accepted.push(c.clone());
            continue;
        }
        // The previous accepted heading of the same level within the same parent.
        let prev = accepted
            .iter()
            .rev()
            .take_while(|h| h.level >= c.level)
            .find(|h| h.level == c.level);
        let ok = match prev {
            Some(p) => p.number + 1 == c.number,
            None => {
                c.number == 1
                    && candidates[i + 1..]
                        .iter()
                        .take_while(|h| !(h.line_start && h.level < c.level))
                        .find(|h| h.level == c.level)
                        .is_some_and(|h| h.number == 2)
            }
        };
        if ok {
            accepted.push(c.clone());
        }
    }
    accepted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<(u8, u32, bool)> {
        let doc = Document::new(text, Vec::new());
        find(&doc)
            .into_iter()
            .map(|h| (h.level, h.number, h.line_start))
            .collect()
    }

    #[test]
    fn numerals() {
        assert_eq!(cn_value("一"), Some(1));
        assert_eq!(cn_value("十"), Some(10));
        assert_eq!(cn_value("十二"), Some(12));
        assert_eq!(cn_value("二十"), Some(20));
        assert_eq!(cn_value("二十三"), Some(23));
        assert_eq!(cn_value("一十"), None);
        assert_eq!(cn_value("〇"), None);
        for n in 1..=99 {
            assert_eq!(cn_value(&cn_numeral(n)), Some(n));
        }
    }

    #[test]
    fn the_four_levels_at_line_start() {
        let t =
            "一、总体要求\n（一）指导思想\n1.坚持稳中求进\n（1）做好六稳\n(2)落实六保\n2、强化保障";
        assert_eq!(
            marks(t),
            vec![
                (1, 1, true),
                (2, 1, true),
                (3, 1, true),
                (4, 1, true),
                (4, 2, true),
                (3, 2, true)
            ]
        );
    }

    #[test]
    fn seed_004_headings_inside_one_long_line() {
        let t = crate::seeds::SEEDS[4].1;
        assert_eq!(marks(t), vec![(1, 1, false), (1, 2, false), (1, 3, false)]);
    }

    #[test]
    fn enumerations_and_numbers_are_not_headings() {
        for t in [
            "一、二线城市房价保持稳定。",
            "三、四月份是春耕关键期。",
            // tv.cctv.com 2021-04-15, mid-sentence and as a paragraph of its own.
            "一季度，全社会用电量累计19219亿千瓦时，同比增长21.2%。一、二、三产业用电量同比增速均超过20%。",
            "一、二、三产业用电量同比增速均超过20%。",
            "1.5万人参加活动。",
            "1、2、3号楼已封闭。",
            "(023)71422767",
            "2020.02.23",
            "要做到三点。一、要坚持。",
            "会议指出,要做到:(1)坚持;(2)落实。",
        ] {
            assert!(marks(t).is_empty(), "{t}: {:?}", marks(t));
        }
    }

    /// The top headings of the government work report of 2016 and of the report to the 14th
    /// Party Congress (eval/published/reports.jsonl): a year or a number of years opens them.
    #[test]
    fn a_heading_may_open_on_a_number() {
        let t = "一、2015年工作回顾\n二、“十三五”时期主要目标任务和重大举措\n三、2016年重点工作";
        assert_eq!(marks(t), vec![(1, 1, true), (1, 2, true), (1, 3, true)]);
        let t = "一、十四年伟大实践的基本总结\n二、九十年代改革和建设的主要任务\n三、国际形势和我们的对外政策";
        assert_eq!(marks(t), vec![(1, 1, true), (1, 2, true), (1, 3, true)]);
        // The work report of 2008 as transcribed, with a space after the first mark.
        let t = "一、 过去五年工作回顾\n（一）加强和改善宏观调控，促进经济平稳快速发展\n二、2008年主要任务";
        assert_eq!(marks(t), vec![(1, 1, true), (2, 1, true), (1, 2, true)]);
        // Fujian's work report of 2026 (eval/recurrence/heldout59.jsonl): 一 opens a phrase.
        let t = "一、一年接着一年干，新福建建设持续取得新进展新成效\n二、一张蓝图绘到底，奋力谱写中国式现代化福建篇章\n三、一鼓作气勇争先，全力推动“十五五”开好局、起好步";
        assert_eq!(marks(t), vec![(1, 1, true), (1, 2, true), (1, 3, true)]);
    }

    #[test]
    fn mid_line_headings_need_a_plausible_sequence() {
        assert_eq!(
            marks("导语。一、要坚持。二、要落实。"),
            vec![(1, 1, false), (1, 2, false)]
        );
        // 二、 alone, or 一、 followed by 三、, is not a heading sequence.
        assert!(marks("导语。二、要落实。").is_empty());
        assert_eq!(marks("导语。一、要坚持。三、要落实。"), vec![]);
    }

    #[test]
    fn wrong_styles_are_recorded() {
        let doc = Document::new("（一）、指导思想\n1、坚持", Vec::new());
        let h = find(&doc);
        assert!(matches!(h[0].style, Style::PunctAfterParen(_)));
        assert!(matches!(h[1].style, Style::CommaAfterArabic(_)));
    }
}
