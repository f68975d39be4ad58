//! `title-mark-dunhao`: a 顿号 between two titles in 书名号 (《中国共产党章程》、《中国共产党纪律
//! 处分条例》). GB/T 15834-2011 4.5.3.5: parallel items in 书名号 usually take no 顿号, unless
//! something else stands between them (a bracketed note: 《A》（注）、《B》), which is not
//! flagged. Editors dispute the clause and published news often keeps the 顿号 (13 times in
//! eval/published), so this is a hint, not a warning. Quoted items (“A”、“B”) are left alone.

use super::standards::{alternative, diag};
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::types::{Diagnostic, Severity};

pub struct TitleMarkDunhao;

static INFO: RuleInfo = RuleInfo {
    id: "title-mark-dunhao",
    default_severity: Severity::Hint,
    doc: "A 顿号 between titles in 书名号 (《A》、《B》); GB/T 15834-2011 4.5.3.5 usually omits it. A hint: the practice is disputed.",
};

const PATTERN: &str = "》、《";

impl Rule for TitleMarkDunhao {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        for para in &doc.paragraphs {
            let line = &doc.text[para.clone()];
            for (i, _) in line.match_indices(PATTERN) {
                let at = para.start + i + '》'.len_utf8();
                let range = at..at + '、'.len_utf8();
                out.push(
                    diag(&INFO, config, range.clone(), "并列的书名号之间通常不用顿号（GB/T 15834-2011 4.5.3.5）".to_string(), "Parallel titles in 书名号 usually take no 顿号 between them (GB/T 15834-2011 4.5.3.5)".to_string())
                    // A disputed rule (published news writes 《A》、《B》): offered, never applied by --fix.
                    .with_fix(alternative(config, "删去顿号".to_string(), "Delete the 顿号".to_string(), range, String::new())),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{apply, run};
    use super::*;

    #[test]
    fn issue_case_and_counterexamples() {
        let t = "学习《中国共产党章程》、《中国共产党纪律处分条例》";
        let d = run(&TitleMarkDunhao, t);
        assert_eq!(d.len(), 1);
        assert_eq!(&t[d[0].range.clone()], "、");
        assert_eq!(d[0].severity, Severity::Hint);
        assert!(d[0].message.contains("4.5.3.5"));
        assert_eq!(
            apply(t, &d[0].fixes[0].edits),
            "学习《中国共产党章程》《中国共产党纪律处分条例》"
        );
        for t in [
            // eval/published/xwlb.jsonl: no 顿号, and quoted items.
            "全新编排的经典歌曲《延安颂》《红梅赞》",
            "坚决防止搞“小圈子”、“拜码头”、“搭天线”",
            // Something between the titles: the 顿号 stays (4.5.3.5).
            "《秋浦歌》（李白）、《将进酒》（李白）",
        ] {
            assert!(run(&TitleMarkDunhao, t).is_empty(), "{t}");
        }
    }
}
