//! `date-numeral`: the written form of a formal date. A year in Chinese numerals writes its
//! zero 〇, not 零 (GB/T 15835-2011 5.2.5: 〇 in a numbering, 零 in a quantity: 二〇二五年, not
//! 二零二五年). A date given with its year ends its day with 日, not the spoken 号
//! (二〇二五年七月一日; GB/T 15835-2011 writes its example dates with 日: 2008年8月8日,
//! 二〇〇八年八月八日). Dates
//! without a year (本月25号, in quoted speech) and names (1号线) are left alone; an Arabic 0 in
//! a Chinese year is `mixed-numeral`'s.

use super::standards::{chars_of, cn_digit, diag, end_of, fix, lists};
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::types::{Diagnostic, Severity};

pub struct DateNumeral;

static INFO: RuleInfo = RuleInfo {
    id: "date-numeral",
    default_severity: Severity::Warning,
    default_enabled: true,
    doc: "A formal date's form: 〇 not 零 in a Chinese-numeral year (GB/T 15835-2011 5.2.5), 日 not 号 after a dated day.",
};

/// A character of a year, month or day number.
fn date_digit(c: char) -> bool {
    c.is_ascii_digit() || cn_digit(c).is_some() || c == '十'
}

impl Rule for DateNumeral {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        let not_day = &lists().hao_not_day;
        for para in &doc.paragraphs {
            let cs = chars_of(doc, &para);
            // The run of date digits ending just before each character, as (start, len).
            let mut run_start = 0;
            // Where the state machine is: after "<year>年" (Some(1)), "<year>年<month>月"
            // (Some(2)); the day's digits follow.
            let mut stage: Option<u8> = None;
            for k in 0..cs.len() {
                let c = cs[k].1;
                if !date_digit(c) {
                    let run = &cs[run_start..k];
                    let before = run_start.checked_sub(1).map(|p| cs[p].1);
                    let standalone = before.is_none_or(|b| !date_digit(b));
                    match c {
                        '年' if run.len() == 4 && standalone => {
                            stage = Some(1);
                            if run.iter().all(|x| x.1 != '十' && !x.1.is_ascii_digit())
                                && run.iter().any(|x| x.1 == '零')
                            {
                                let range = run[0].0..end_of(run, 3);
                                let fixed: String = run
                                    .iter()
                                    .map(|x| if x.1 == '零' { '〇' } else { x.1 })
                                    .collect();
                                out.push(
                                    diag(&INFO, config, range.clone(), format!("年份中的零用「〇」，不用「零」：应为「{fixed}」（GB/T 15835-2011 5.2.5）"), format!("The zero of a year is written 〇, not 零: \"{fixed}\" (GB/T 15835-2011 5.2.5)"))
                                    .with_fix(fix(config, format!("改为「{fixed}」"), format!("Write \"{fixed}\""), range, fixed)),
                                );
                            }
                        }
                        '月' if stage == Some(1) && (1..=3).contains(&run.len()) => {
                            stage = Some(2)
                        }
                        '号' if stage == Some(2) && (1..=3).contains(&run.len()) => {
                            stage = None;
                            let next = cs.get(k + 1).map(|x| x.1);
                            if next.is_some_and(|n| not_day.contains(n)) {
                                continue;
                            }
                            let at = cs[k].0;
                            out.push(
                                Diagnostic::new(
                                    INFO.id,
                                    Severity::Information,
                                    at..end_of(&cs, k),
                                    config.locale.pick(
                                        "正式文稿中日期写作“日”，不用口语的“号”（参见GB/T 15835-2011中年月日的写法）".to_string(),
                                        "In a formal text a date ends in 日, not the spoken 号 (see how GB/T 15835-2011 writes dates)".to_string(),
                                    ),
                                )
                                .with_fix(fix(config, "改为“日”".to_string(), "Write 日".to_string(), at..at + '号'.len_utf8(), "日".to_string())),
                            );
                        }
                        _ => stage = None,
                    }
                    run_start = k + 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{apply, run};
    use super::*;

    fn flagged(t: &str) -> Vec<&str> {
        run(&DateNumeral, t)
            .into_iter()
            .map(|d| &t[d.range])
            .collect()
    }

    #[test]
    fn issue_case_hao_and_ling() {
        let t = "二0二五年七月一号";
        let d = run(&DateNumeral, t);
        assert_eq!(flagged(t), vec!["号"]);
        assert_eq!(apply(t, &d[0].fixes[0].edits), "二0二五年七月一日");
        assert!(d[0].message.contains("GB/T 15835-2011"));
        // 新闻联播 2016 (held-out): 从2015年4月1号起，税务部门在全国范围内……
        assert_eq!(
            flagged("从2015年4月1号起，税务部门在全国范围内"),
            vec!["号"]
        );
        let t = "二零二五年工作要点";
        let d = run(&DateNumeral, t);
        assert_eq!(flagged(t), vec!["二零二五"]);
        assert_eq!(apply(t, &d[0].fixes[0].edits), "二〇二五年工作要点");
    }

    #[test]
    fn counterexamples() {
        for t in [
            // eval/published/xwlb.jsonl
            "从二〇二〇年到二〇三五年基本实现社会主义现代化",
            "2024年1月1日，中共中央总书记",
            // 新闻联播 2016 (held-out): no year, spoken style of a report.
            "寻求按计划于本月25号在日内瓦召集叙利亚各派",
            "2025年7月1号线开通",
            "二〇〇二年六月七日在圣彼得堡",
            "三千零五十二年",
        ] {
            assert!(flagged(t).is_empty(), "{t}: {:?}", flagged(t));
        }
    }
}
