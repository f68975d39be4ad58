//! `heading-sequence`: the GB/T 9704 heading numbers 一、 → （一） → 1. → （1） must run without
//! gaps or repeats within their parent, each level must sit under the level above it, an
//! Arabic number takes a full stop (1.) rather than 、 (GB/T 15834), and a parenthesised
//! number takes no punctuation after it (（一）、 → （一）). Headings are those the outline finds,
//! including those inside a paragraph that lost its line breaks.

use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::outline::headings::{self, cn_numeral, HeadingMark, Style};
use crate::engine::types::{Diagnostic, Fix, Severity, TextEdit};

pub struct HeadingSequence;

static INFO: RuleInfo = RuleInfo {
    id: "heading-sequence",
    default_severity: Severity::Warning,
    doc: "GB/T 9704 heading numbers skipped, repeated, out of order, or wrongly punctuated.",
};

/// How a number of `level` is written: 二 for levels 1 and 2, 2 for levels 3 and 4.
fn numeral(level: u8, n: u32) -> String {
    if level <= 2 {
        cn_numeral(n)
    } else {
        n.to_string()
    }
}

/// The marker as GB/T 9704 writes it, e.g. （二） or 3.
fn marker(level: u8, n: u32) -> String {
    match level {
        1 => format!("{}、", cn_numeral(n)),
        2 => format!("（{}）", cn_numeral(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

impl Rule for HeadingSequence {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        report(doc.text, &headings::find(doc), config, out);
    }
}

/// The rule's findings over the document's headings `marks` (as [`headings::find`] gives
/// them for `text`).
pub(crate) fn report(
    text: &str,
    marks: &[HeadingMark],
    config: &Config,
    out: &mut Vec<Diagnostic>,
) {
    let this = HeadingSequence;
    let Some(top) = marks.iter().map(|h| h.level).min() else {
        return;
    };
    // last[l] = the last number seen at level l+1 under the current parent.
    let mut last: [Option<u32>; 4] = [None; 4];
    // orphan[l] = level l+1 was already reported as lacking its parent here.
    let mut orphan = [false; 4];
    for h in marks {
        let l = usize::from(h.level.clamp(1, 4) - 1);
        this.style(text, config, h, out);
        if h.level > top && last[l - 1].is_none() && !orphan[l] {
            orphan[l] = true;
            let parent = marker(h.level - 1, 1);
            out.push(Diagnostic::new(
                INFO.id,
                INFO.default_severity,
                h.marker.clone(),
                config.locale.pick(
                    format!(
                        "「{}」前缺少上一级标题（如「{parent}」）",
                        &text[h.marker.clone()]
                    ),
                    format!(
                        "\"{}\" appears without a parent heading (such as \"{parent}\")",
                        &text[h.marker.clone()]
                    ),
                ),
            ));
        }
        let expected = last[l].map_or(1, |n| n + 1);
        if h.number != expected {
            let found = &text[h.number_span.clone()];
            let want = numeral(h.level, expected);
            let message = if Some(h.number) == last[l] {
                config.locale.pick(
                    format!("标题序号「{found}」重复，应为「{want}」"),
                    format!("Heading number \"{found}\" repeated; expected \"{want}\""),
                )
            } else if h.number > expected {
                config.locale.pick(
                    format!(
                        "标题序号从「{}」跳到「{found}」，应为「{want}」",
                        last[l].map_or("—".to_string(), |n| numeral(h.level, n))
                    ),
                    format!("Heading number skips to \"{found}\"; expected \"{want}\""),
                )
            } else {
                config.locale.pick(
                    format!("标题序号「{found}」倒退，应为「{want}」"),
                    format!("Heading number \"{found}\" goes back; expected \"{want}\""),
                )
            };
            let title = config
                .locale
                .pick(format!("改为「{want}」"), format!("Renumber as \"{want}\""));
            out.push(
                Diagnostic::new(
                    INFO.id,
                    INFO.default_severity,
                    h.number_span.clone(),
                    message,
                )
                .with_fix(Fix::replace(title, h.number_span.clone(), want)),
            );
        }
        last[l] = Some(h.number);
        for deeper in last.iter_mut().skip(l + 1) {
            *deeper = None;
        }
        for deeper in orphan.iter_mut().skip(l + 1) {
            *deeper = false;
        }
    }
}

impl HeadingSequence {
    fn style(&self, text: &str, config: &Config, h: &HeadingMark, out: &mut Vec<Diagnostic>) {
        match &h.style {
            Style::Ok => {}
            Style::CommaAfterArabic(span) => {
                let n = &text[h.number_span.clone()];
                out.push(
                    Diagnostic::new(
                        INFO.id,
                        INFO.default_severity,
                        h.marker.clone(),
                        config.locale.pick(
                            format!("阿拉伯数字序号后用下脚点：「{n}、」应为「{n}.」"),
                            format!("An Arabic heading number takes a full stop: \"{n}、\" should be \"{n}.\""),
                        ),
                    )
                    .with_fix(Fix {
                        title: config.locale.pick(format!("改为「{n}.」"), format!("Use \"{n}.\"")),
                        edits: vec![TextEdit {
                            range: span.clone(),
                            new_text: ".".to_string(),
                        }],
                        preferred: true,
                    }),
                );
            }
            Style::PunctAfterParen(span) => {
                let p = &text[span.clone()];
                out.push(
                    Diagnostic::new(
                        INFO.id,
                        INFO.default_severity,
                        span.clone(),
                        config.locale.pick(
                            format!("括号序号后不加标点，应删去「{p}」"),
                            format!("No punctuation after a parenthesised number; delete \"{p}\""),
                        ),
                    )
                    .with_fix(Fix {
                        title: config
                            .locale
                            .pick(format!("删除「{p}」"), format!("Delete \"{p}\"")),
                        edits: vec![TextEdit {
                            range: span.clone(),
                            new_text: String::new(),
                        }],
                        preferred: true,
                    }),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{apply, run};
    use super::*;
    use crate::seeds::SEEDS;

    fn flagged(t: &str) -> Vec<(String, String)> {
        run(&HeadingSequence, t)
            .into_iter()
            .map(|d| (t[d.range.clone()].to_string(), d.message))
            .collect()
    }

    fn fix_all(t: &str) -> String {
        let edits: Vec<TextEdit> = run(&HeadingSequence, t)
            .iter()
            .flat_map(|d| d.fixes.first().map(|f| f.edits.clone()).unwrap_or_default())
            .collect();
        apply(t, &edits)
    }

    #[test]
    fn seeds_are_clean() {
        for (name, t) in SEEDS {
            assert!(flagged(t).is_empty(), "{name}: {:?}", flagged(t));
        }
    }

    #[test]
    fn skipped_repeated_and_backward_numbers() {
        let t = "一、总体要求\n三、重点任务\n三、保障措施\n二、附则";
        let f = flagged(t);
        assert_eq!(f.len(), 3, "{f:?}");
        assert!(f[0].1.contains("跳到"), "{f:?}");
        assert!(f[1].1.contains("重复"), "{f:?}");
        assert!(f[2].1.contains("倒退"), "{f:?}");
        assert_eq!(
            fix_all("一、总体要求\n三、重点任务"),
            "一、总体要求\n二、重点任务"
        );
    }

    #[test]
    fn numbering_restarts_under_a_new_parent() {
        let t = "一、甲\n（一）子\n（二）丑\n二、乙\n（一）寅\n1.卯\n2.辰\n（二）巳\n1.午";
        assert!(flagged(t).is_empty(), "{:?}", flagged(t));
    }

    #[test]
    fn a_level_without_its_parent() {
        let t = "一、总体要求\n1.坚持稳中求进\n2.坚持新发展理念";
        let f = flagged(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "1.");
        assert!(f[0].1.contains("缺少上一级"));
        // A document whose top level is 1. is fine.
        assert!(flagged("1.坚持稳中求进\n2.坚持新发展理念").is_empty());
    }

    #[test]
    fn arabic_number_with_dunhao_and_punctuation_after_parentheses() {
        assert_eq!(
            fix_all("1、坚持稳中求进\n2、坚持新发展理念"),
            "1.坚持稳中求进\n2.坚持新发展理念"
        );
        assert_eq!(
            fix_all("（一）、指导思想\n（二）：目标"),
            "（一）指导思想\n（二）目标"
        );
        assert_eq!(fix_all("（1）.稳就业"), "（1）稳就业");
    }

    #[test]
    fn mid_line_headings_of_a_scraped_page() {
        let t = "导语。一、要坚持。二、要落实。\n四、要保障。";
        let f = flagged(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("跳到"));
        assert_eq!(f[0].0, "四");
    }
}
