//! `title-mark-dunhao`: a 顿号 between two titles in 书名号 (《中国共产党章程》、《中国共产党纪律
//! 处分条例》). GB/T 15834-2011 4.5.3.5: parallel items in 书名号 *usually* (通常) take no 顿号;
//! where other matter stands between them (a bracketed note after a title: 《A》（注）、《B》),
//! the 顿号 is preferred (宜用).
//!
//! On by default as a hint, a house-style note rather than a correctness finding: the
//! standard's own word is 通常, and Xinhua and 央视网 often keep the 顿号 (13 times in
//! eval/published). Its fix is offered, never applied by `--fix`.
//!
//! A list of titles joined by 顿号 is judged as a whole and left alone when any of its titles
//! carries other matter the standard names or that reads the same way: a bracketed note right
//! after a title, a title closing on a parenthetical (《习近平论强军兴军（二）》), or a nested
//! title in 〈〉 (《…贯彻实施党的二十届三中全会〈决定〉…方案》). The published corpus writes
//! such lists with the 顿号 throughout. Quoted items (“A”、“B”) are left alone.

use super::standards::{alternative, diag};
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::types::{Diagnostic, Severity};

pub struct TitleMarkDunhao;

static INFO: RuleInfo = RuleInfo {
    id: "title-mark-dunhao",
    default_severity: Severity::Hint,
    default_enabled: true,
    doc: "A 顿号 between titles in 书名号 (《A》、《B》); GB/T 15834-2011 4.5.3.5 usually (通常) omits it. A house-style hint; lists with a bracketed note or nested title keep it.",
};

/// One title in 书名号 within a line (byte offsets into the line).
struct Title {
    /// Offset of 《.
    open: usize,
    /// Offset just past 》, or past the bracketed note （…） that follows it.
    end: usize,
    /// A bracketed note follows, the title closes on a parenthetical, or it holds a 〈〉 title:
    /// the standard's "other matter" between parallel titles.
    other_matter: bool,
}

/// The titles of `line` in order. Nested titles use 〈〉, so a 《 before the closing 》 starts
/// over (the earlier 《 is unpaired, which `unpaired-mark` reports).
fn titles(line: &str) -> Vec<Title> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut iter = line.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        match c {
            '《' => open = Some(i),
            '》' => {
                let Some(start) = open.take() else { continue };
                let inner = &line[start + '《'.len_utf8()..i];
                let mut end = i + '》'.len_utf8();
                let mut other_matter = inner.ends_with('）') || inner.contains('〈');
                if line[end..].starts_with('（') {
                    if let Some(close) = line[end..].find('）') {
                        end += close + '）'.len_utf8();
                        other_matter = true;
                        while iter.peek().is_some_and(|&(j, _)| j < end) {
                            iter.next();
                        }
                    }
                }
                out.push(Title {
                    open: start,
                    end,
                    other_matter,
                });
            }
            _ => {}
        }
    }
    out
}

impl Rule for TitleMarkDunhao {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        for para in &doc.paragraphs {
            let line = &doc.text[para.clone()];
            if !line.contains("》、《") && !line.contains("）、《") {
                continue;
            }
            let titles = titles(line);
            // Runs of titles joined by a 顿号 alone.
            let mut k = 0;
            while k < titles.len() {
                let mut j = k;
                while j + 1 < titles.len() && &line[titles[j].end..titles[j + 1].open] == "、" {
                    j += 1;
                }
                let run = &titles[k..=j];
                if run.len() > 1 && !run.iter().any(|t| t.other_matter) {
                    for t in &run[..run.len() - 1] {
                        let at = para.start + t.end;
                        let range = at..at + '、'.len_utf8();
                        out.push(
                            diag(
                                &INFO,
                                config,
                                range.clone(),
                                "并列的书名号之间通常不用顿号：GB/T 15834-2011 4.5.3.5“标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号”（行文习惯提示，非差错）".to_string(),
                                "Parallel titles in 书名号 usually take no 顿号: GB/T 15834-2011 4.5.3.5 “标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号” (a house-style note, not an error)".to_string(),
                            )
                            // "Usually": offered as a quick fix, never applied by --fix.
                            .with_fix(alternative(
                                config,
                                "删去顿号".to_string(),
                                "Delete the 顿号".to_string(),
                                range,
                                String::new(),
                            )),
                        );
                    }
                }
                k = j + 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{apply, run};
    use super::*;

    #[test]
    fn issue_case_is_a_hint_quoting_the_clause() {
        let t = "学习《中国共产党章程》、《中国共产党纪律处分条例》";
        let d = run(&TitleMarkDunhao, t);
        assert_eq!(d.len(), 1);
        assert_eq!(&t[d[0].range.clone()], "、");
        assert_eq!(d[0].severity, Severity::Hint);
        assert!(d[0].message.contains("4.5.3.5"));
        assert!(d[0].message.contains("通常不用顿号"));
        assert!(!d[0].fixes[0].preferred);
        assert_eq!(
            apply(t, &d[0].fixes[0].edits),
            "学习《中国共产党章程》《中国共产党纪律处分条例》"
        );
    }

    #[test]
    fn published_lists_without_other_matter_get_one_note_per_dunhao() {
        // eval/published/xwlb.jsonl, xwlb-20240130-1 and xwlb-20251226-1.
        let t = "全新编排的经典歌曲《延安颂》、《红梅赞》、《我是一个兵》唤起革命军人的红色记忆";
        let d = run(&TitleMarkDunhao, t);
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| &t[d.range.clone()] == "、"));
        let t = "对照《中共中央政治局关于加强和维护党中央集中统一领导的若干规定》、《中共中央政治局贯彻落实中央八项规定实施细则》，认真查摆";
        assert_eq!(run(&TitleMarkDunhao, t).len(), 1);
    }

    #[test]
    fn other_matter_between_titles_keeps_the_dunhao() {
        for t in [
            // eval/published/xwlb.jsonl: no 顿号, and quoted items.
            "全新编排的经典歌曲《延安颂》《红梅赞》",
            "坚决防止搞“小圈子”、“拜码头”、“搭天线”",
            // A bracketed note after a title (the standard's case): the whole list keeps it.
            "《秋浦歌》（李白）、《将进酒》（李白）",
            "《秋浦歌》（李白）、《将进酒》、《静夜思》",
            // xwlb-20250818-1: titles closing on a parenthetical, the list as published.
            "把学习《习近平论强军兴军（四）》与学习《习近平论强军兴军》、《习近平论强军兴军（二）》、《习近平论强军兴军（三）》、《习近平强军思想学习纲要（2023年版）》等结合起来",
            // xwlb-20240829-1: a nested title in 〈〉.
            "审议了《中央和国家机关有关部门贯彻实施党的二十届三中全会〈决定〉重要改革举措分工方案》、《关于实施自由贸易试验区提升战略的意见》等文件",
            // Odd input: unpaired marks, emoji and 𠮷 do not upset the scan.
            "《𠮷》、", "》、《", "《😀（", "、《a》、《b",
        ] {
            assert!(run(&TitleMarkDunhao, t).is_empty(), "{t}");
        }
    }
}
