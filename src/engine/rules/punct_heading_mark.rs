//! `heading-mark`: a heading or list number in Chinese numerals followed by a full stop, dot or
//! comma (一．总体要求, 二.主要任务, 三，保障措施). GB/T 15834-2011 4.5.3.3: a sequence number in
//! Chinese numerals without brackets takes the 顿号 (一、总体要求); the fix writes it. The
//! number must open the paragraph and be followed by Chinese text, so 一.二九运动-like names in
//! running text and decimals are not touched.

use super::standards::{cn_digit, diag, fix};
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::text::is_han;
use crate::engine::types::{Diagnostic, Severity};

pub struct HeadingMark;

static INFO: RuleInfo = RuleInfo {
    id: "heading-mark",
    default_severity: Severity::Warning,
    default_enabled: true,
    doc: "A Chinese-numeral sequence number followed by ．/./， (一．总体要求); GB/T 15834-2011 4.5.3.3 wants 一、.",
};

/// The Chinese-numeral sequence number opening `line` and the wrong mark after it
/// (`一．总体要求` → (3, '．')), when this rule flags it. Other rules leave that mark to this
/// rule (`heading-sequence` keeps to the order of numbers, `halfwidth-punct` does not turn
/// `四,` into `四，`), so the problem is reported once.
pub(crate) fn wrong_mark(line: &str) -> Option<(usize, char)> {
    let number_len: usize = line
        .chars()
        .take_while(|&c| c == '十' || (cn_digit(c).is_some_and(|v| v > 0) && c != '两'))
        .take(3)
        .map(char::len_utf8)
        .sum();
    if number_len == 0 {
        return None;
    }
    let mut rest = line[number_len..].chars();
    let mark = rest.next()?;
    (matches!(mark, '．' | '.' | '，' | ',' | '。') && rest.next().is_some_and(is_han))
        .then_some((number_len, mark))
}

impl Rule for HeadingMark {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        for para in &doc.paragraphs {
            let line = &doc.text[para.clone()];
            let Some((number_len, mark)) = wrong_mark(line) else {
                continue;
            };
            let number = &line[..number_len];
            let at = para.start + number_len;
            let range = at..at + mark.len_utf8();
            out.push(
                diag(&INFO, config, para.start..range.end, format!("汉字数字序号后用顿号：应为「{number}、」，不用「{mark}」（GB/T 15834-2011 4.5.3.3）"), format!("A sequence number in Chinese numerals takes the 顿号: \"{number}、\", not \"{mark}\" (GB/T 15834-2011 4.5.3.3)"))
                .with_fix(fix(config, format!("改为「{number}、」"), format!("Write \"{number}、\""), range, "、".to_string())),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{apply, run};
    use super::*;

    fn flagged(t: &str) -> Vec<&str> {
        run(&HeadingMark, t)
            .into_iter()
            .map(|d| &t[d.range])
            .collect()
    }

    #[test]
    fn issue_case() {
        let t = "一．总体要求\n二.主要任务\n十一，保障措施";
        let d = run(&HeadingMark, t);
        assert_eq!(flagged(t), vec!["一．", "二.", "十一，"]);
        assert!(d[0].message.contains("4.5.3.3") && d[0].message.contains("一、"));
        let edits: Vec<_> = d.iter().flat_map(|d| d.fixes[0].edits.clone()).collect();
        assert_eq!(
            apply(t, &edits),
            "一、总体要求\n二、主要任务\n十一、保障措施"
        );
    }

    #[test]
    fn counterexamples_from_seeds() {
        for t in [
            "一、总体要求",
            "（一）指导思想",
            "一是坚持稳中求进",
            "十四五时期",
            "一.5倍",
            "两，三",
        ] {
            assert!(flagged(t).is_empty(), "{t}: {:?}", flagged(t));
        }
        for (name, seed) in crate::seeds::SEEDS {
            assert!(flagged(seed).is_empty(), "{name}: {:?}", flagged(seed));
        }
    }
}
