//! `approx-numeral`: two adjacent numerals of an approximation separated by a 顿号 (约有三、四十个,
//! 二、三百年). GB/T 15834-2011 4.5.3.4 writes an approximation without the
//! 顿号 (三四十个); the fix deletes it. An abbreviated enumeration keeps it (二、三产业,
//! 一、二季度, 三、四年级 — what follows is not a measure word), as do ordinals (第十九、二十集).

use super::standards::{chars_of, cn_digit, diag, end_of, fix, lists};
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::types::{Diagnostic, Severity};

pub struct ApproxNumeral;

static INFO: RuleInfo = RuleInfo {
    id: "approx-numeral",
    default_severity: Severity::Warning,
    default_enabled: true,
    doc: "A 顿号 inside an approximate number (三、四十个 → 三四十个); GB/T 15834-2011 4.5.3.4.",
};

fn digit(c: char) -> Option<u32> {
    cn_digit(c).filter(|&v| v > 0)
}

impl Rule for ApproxNumeral {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        let l = lists();
        for para in &doc.paragraphs {
            let cs = chars_of(doc, &para);
            for k in 1..cs.len().saturating_sub(2) {
                if cs[k].1 != '、' {
                    continue;
                }
                let (Some(a), Some(b)) = (digit(cs[k - 1].1), digit(cs[k + 1].1)) else {
                    continue;
                };
                // Neighbours (三四, 七八) or the set phrase 三五.
                if !(b == a + 1 || (a, b) == (3, 5)) {
                    continue;
                }
                // An ordinal or a longer number before (第十九、二十集, 二十六、二十七颗).
                let before = k.checked_sub(2).map(|p| cs[p].1);
                if before.is_some_and(|p| p == '第' || p == '十' || cn_digit(p).is_some()) {
                    continue;
                }
                let Some(&(_, next)) = cs.get(k + 2) else {
                    continue;
                };
                if !l.approx_measures.contains(next) {
                    continue;
                }
                let after = cs.get(k + 3).map(|x| x.1);
                if next == '年' && after.is_some_and(|n| l.approx_not_after_year.contains(n)) {
                    continue;
                }
                let range = cs[k - 1].0..end_of(&cs, k + 1);
                let mark = cs[k].0..cs[k + 1].0;
                let joined = format!("{}{}", cs[k - 1].1, cs[k + 1].1);
                out.push(
                    diag(&INFO, config, range, format!("相邻两数字连用表示概数，中间不用顿号：应为「{joined}」（GB/T 15834-2011 4.5.3.4）"), format!("Two adjacent numerals of an approximation take no 顿号: \"{joined}\" (GB/T 15834-2011 4.5.3.4)"))
                    .with_fix(fix(config, "删去顿号".to_string(), "Delete the 顿号".to_string(), mark, String::new())),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{apply, run};
    use super::*;

    fn flagged(t: &str) -> Vec<&str> {
        run(&ApproxNumeral, t)
            .into_iter()
            .map(|d| &t[d.range])
            .collect()
    }

    #[test]
    fn issue_case_and_held_out_text() {
        let t = "约有三、四十个";
        let d = run(&ApproxNumeral, t);
        assert_eq!(flagged(t), vec!["三、四"]);
        assert_eq!(apply(t, &d[0].fixes[0].edits), "约有三四十个");
        assert!(d[0].message.contains("4.5.3.4"));
        // 新闻联播 2018 (held-out, tv.cctv.com)
        assert_eq!(
            flagged("用不到四十年走过了西方发达国家二、三百年走过的路"),
            vec!["二、三"]
        );
        assert_eq!(flagged("每次三、五天"), vec!["三、五"]);
    }

    #[test]
    fn counterexamples() {
        for t in [
            // GB/T 15834-2011 4.5.3.4's own example of an abbreviation.
            "农业是国民经济的基础，也是二、三产业的基础",
            "一、二季度经济增长",
            "三、四年级学生",
            // 新闻联播 (held-out)
            "在中央广播电视总台播出第三十七、三十八集",
            "成功发射第二十六、二十七颗北斗导航卫星",
            "一、总体要求",
            "八九公里和前方一二十公里",
        ] {
            assert!(flagged(t).is_empty(), "{t}: {:?}", flagged(t));
        }
    }
}
