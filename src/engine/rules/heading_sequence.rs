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
    default_enabled: true,
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

/// What kind of document the headings belong to, as far as numbering goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A formal document (公文) or a report structured by GB/T 9704 headings: at least two
    /// headings of the upper levels (一、 or （一）).
    Formal,
    /// Anything else: a meeting report or a news summary whose numbered lines are ordinary
    /// lists. Lists restart at 1 and need no parent; only a skip or repeat between adjacent
    /// lines is reported.
    Lists,
}

fn kind(marks: &[HeadingMark]) -> Kind {
    if marks.iter().filter(|h| h.level <= 2).count() >= 2 {
        Kind::Formal
    } else {
        Kind::Lists
    }
}

/// The rule's findings over the document's headings `marks` (as [`headings::find`] gives
/// them for `text`).
///
/// In a formal document a level may be skipped (一、 then （1）, as the 十五五 规划建议 does),
/// and a level may be numbered on across its parents ((3) under 一、, (4) under 二、): both are
/// accepted. A heading is reported as lacking its parent only when no heading of a higher
/// level comes before it at all.
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
    let kind = kind(marks);
    // last[l] = the last heading (number, marker start) at level l+1 under the current parent;
    // global[l] = the last number at level l+1 in the whole document.
    let mut last: [Option<(u32, usize)>; 4] = [None; 4];
    let mut global: [Option<u32>; 4] = [None; 4];
    let mut orphan_reported = [false; 4];
    let mut seen_levels = [false; 4];
    for h in marks {
        let l = usize::from(h.level.clamp(1, 4) - 1);
        this.style(text, config, h, out);
        let higher_seen = seen_levels[..l].iter().any(|s| *s);
        seen_levels[l] = true;
        if kind == Kind::Formal && h.level > top && !higher_seen && !orphan_reported[l] {
            orphan_reported[l] = true;
            let parent = marker(top, 1);
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
        let prev = last[l];
        let expected = prev.map_or(1, |(n, _)| n + 1);
        // Under a new parent: 1, or the number after the last one of the document.
        let continued = prev.is_none() && global[l].is_some_and(|g| h.number == g + 1);
        let judged = match kind {
            // A restart at 1 opens a new list (two decisions of one 任免 announcement, an
            // annex); only other numbers are judged.
            Kind::Formal => h.number != 1 || prev.is_none(),
            // A list: only between adjacent lines, and a restart at 1 is a new list.
            Kind::Lists => h.number != 1 && prev.is_some_and(|(_, at)| adjacent_lines(text, at, h)),
        };
        let skipped_line = prev.is_some_and(|(_, at)| {
            h.number > expected && number_line_between(text, at, h.marker.start, h.level, expected)
        });
        if judged && h.number != expected && !continued && !skipped_line {
            let found = &text[h.number_span.clone()];
            let want = numeral(h.level, expected);
            let message = if prev.is_some_and(|(n, _)| n == h.number) {
                config.locale.pick(
                    format!("标题序号「{found}」重复，应为「{want}」"),
                    format!("Heading number \"{found}\" repeated; expected \"{want}\""),
                )
            } else if let (Some((n, _)), true) = (prev, h.number > expected) {
                config.locale.pick(
                    format!(
                        "标题序号从「{}」跳到「{found}」，应为「{want}」",
                        numeral(h.level, n)
                    ),
                    format!("Heading number skips to \"{found}\"; expected \"{want}\""),
                )
            } else if prev.is_none() {
                config.locale.pick(
                    format!("本级标题应从「{want}」开始，此处为「{found}」"),
                    format!("Numbering at this level should start at \"{want}\", not \"{found}\""),
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
            let mut fix = Fix::replace(title, h.number_span.clone(), want);
            // Renumbering a list is for the drafter to decide, not fix-all.
            fix.preferred = kind == Kind::Formal;
            out.push(
                Diagnostic::new(
                    INFO.id,
                    INFO.default_severity,
                    h.number_span.clone(),
                    message,
                )
                .with_fix(fix),
            );
        }
        last[l] = Some((h.number, h.marker.start));
        global[l] = Some(h.number);
        for deeper in last.iter_mut().skip(l + 1) {
            *deeper = None;
        }
    }
}

/// Whether heading `h` opens the line right after the line holding byte `at`.
fn adjacent_lines(text: &str, at: usize, h: &HeadingMark) -> bool {
    if !h.line_start {
        return false;
    }
    let between = &text[at.min(h.marker.start)..h.marker.start];
    between.matches('\n').count() <= 1
}

/// Whether a line between `from` and `to` opens with the number `n` of `level` written in
/// a way the heading parser does not take (8.2024年春风行动收官, 7.1至7月…, 5.11月份…): the
/// numbering did not skip, that line is its item.
fn number_line_between(text: &str, from: usize, to: usize, level: u8, n: u32) -> bool {
    let want = numeral(level, n);
    let Some(between) = text.get(from.min(to)..to) else {
        return false;
    };
    between.split('\n').skip(1).any(|line| {
        let line = line.trim_start().trim_start_matches(['(', '（']);
        line.strip_prefix(want.as_str()).is_some_and(|rest| {
            rest.starts_with(['.', '．', '、', '）', ')', ' ', '　'])
                || rest.starts_with(|c: char| !c.is_ascii_digit() && level >= 3)
        })
    })
}

/// Whether `heading-mark` flags the marker at `start`: it opens its (trimmed) line and
/// [`super::punct_heading_mark::wrong_mark`] holds there.
fn heading_mark_sees(text: &str, start: usize) -> bool {
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    text[line_start..start].trim().is_empty()
        && super::punct_heading_mark::wrong_mark(text[start..line_end].trim_end()).is_some()
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
            // `heading-mark` (GB/T 15834-2011 4.5.3.3) owns a wrong mark after a Chinese
            // numeral opening a line; this rule reports it only where that one cannot see it
            // (a Markdown heading, a heading inside a scraped line).
            Style::DotAfterCn(_) if heading_mark_sees(text, h.marker.start) => {}
            Style::DotAfterCn(span) => {
                let n = &text[h.number_span.clone()];
                let dot = &text[span.clone()];
                out.push(
                    Diagnostic::new(
                        INFO.id,
                        INFO.default_severity,
                        h.marker.clone(),
                        config.locale.pick(
                            format!("汉字序号后用顿号：「{n}{dot}」应为「{n}、」"),
                            format!("A Chinese heading number takes 、: \"{n}{dot}\" should be \"{n}、\""),
                        ),
                    )
                    .with_fix(Fix {
                        title: config.locale.pick(format!("改为「{n}、」"), format!("Use \"{n}、\"")),
                        edits: vec![TextEdit {
                            range: span.clone(),
                            new_text: "、".to_string(),
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
        let t = "一、总体要求\n三、重点任务\n三、保障措施\n二、附则\n一、附件说明";
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
        // （一） before any 一、 in a formal document.
        let t = "（一）指导思想\n一、总体要求\n二、重点任务";
        let f = flagged(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "（一）");
        assert!(f[0].1.contains("缺少上一级"));
        // A level may be skipped under its parent (GB/T 9704 says the levels "may" be used),
        // and a document whose top level is 1. is fine.
        assert!(flagged("一、总体要求\n1.坚持稳中求进\n2.坚持新发展理念\n二、任务").is_empty());
        assert!(flagged("1.坚持稳中求进\n2.坚持新发展理念").is_empty());
    }

    #[test]
    fn numbering_continued_across_parents() {
        // The structure of the 十五五 规划建议 (tv.cctv.com, 2025-10-28): 一、 parts and
        // （1）…（61） numbered through the whole document.
        let t = "一、“十五五”时期是基本实现社会主义现代化的关键时期\n（1）“十四五”时期我国发展取得重大成就。\n\
                 （2）“十五五”时期在基本实现社会主义现代化进程中具有承前启后的重要地位。\n\
                 二、“十五五”时期经济社会发展的指导方针和主要目标\n（3）“十五五”时期经济社会发展的指导思想。\n\
                 三、建设现代化产业体系，巩固壮大实体经济根基\n现代化产业体系是中国式现代化的物质技术基础。\n\
                 （4）优化提升传统产业。";
        assert!(flagged(t).is_empty(), "{:?}", flagged(t));
    }

    #[test]
    fn news_summary_lists_are_not_headings() {
        // Numbers followed by a year, a decimal or a month are list items the parser does
        // not take as headings; the numbering around them did not skip (issue 13).
        for t in [
            "7.新疆进入赏花季 “花经济”助推乡村振兴\n8.2024年春风行动收官 发布岗位超4300万个\n9.国际联播快讯",
            "6.多地推进春耕\n7.1至7月我国外贸进出口保持增长\n8.国际联播快讯",
            "4.多地推进春耕\n5.11月份居民消费价格同比上涨\n6.国际联播快讯",
            // Summaries restart at 1, with no 一、 above them.
            "1.习近平会见外宾\n2.国务院常务会议\n3.国际联播快讯\n1.本周天气\n2.交通提示",
        ] {
            assert!(flagged(t).is_empty(), "{t}: {:?}", flagged(t));
        }
        // A real skip between adjacent items of a list is still reported.
        let f = flagged("1.甲事项\n2.乙事项\n4.丁事项");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("从「2」跳到「4」"), "{f:?}");
    }

    #[test]
    fn messages_name_both_numbers() {
        let t = "导语。一、要坚持。二、要落实。\n（三）要保障。\n（四）要考核。";
        let f = flagged(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(!f[0].1.contains('—'), "{f:?}");
        assert!(f[0].1.contains("应从「一」开始"), "{f:?}");
    }

    #[test]
    fn a_dot_after_a_chinese_numeral() {
        // Opening a line, the mark is `heading-mark`'s (GB/T 15834-2011 4.5.3.3): one finding.
        let t = "一．总体要求\n二、重点任务";
        assert!(flagged(t).is_empty());
        // Where that rule cannot see it (a Markdown heading), this rule still reports it.
        let t = "## 一．总体要求\n## 二、重点任务";
        let f = flagged(t);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("应为「一、」"), "{f:?}");
        assert_eq!(fix_all(t), "## 一、总体要求\n## 二、重点任务");
    }

    #[test]
    fn markdown_headings_carry_their_numbers() {
        let f = flagged("# 实施方案\n## 一、总体要求\n## 三、重点任务");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "三");
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
