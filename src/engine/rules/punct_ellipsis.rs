//! `ellipsis`: an ellipsis of the wrong length or made of the wrong marks. GB/T 15834-2011 4.11
//! writes it as six dots in two characters' space, “……” (twelve dots, “…………”, for a whole
//! omitted paragraph or line of verse). Flagged: a lone “…” or three or more “…”s, three or more
//! 。, and three or more ASCII dots or middle dots next to Chinese text (“……” is the fix).

use super::standards::{diag, fix};
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::text::is_chinese;
use crate::engine::types::{Diagnostic, Severity};

pub struct Ellipsis;

static INFO: RuleInfo = RuleInfo {
    id: "ellipsis",
    default_severity: Severity::Warning,
    default_enabled: true,
    doc: "An ellipsis not written …… (a lone …, 。。。, ...); GB/T 15834-2011 4.11.",
};

impl Rule for Ellipsis {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        for para in &doc.paragraphs {
            let line = &doc.text[para.clone()];
            let mut prev: Option<char> = None;
            let mut it = line.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                if !matches!(c, '…' | '。' | '.' | '·' | '・') {
                    prev = Some(c);
                    continue;
                }
                let mut n = 1;
                let mut end = i + c.len_utf8();
                while let Some((j, x)) = it.next_if(|&(_, x)| x == c) {
                    n += 1;
                    end = j + x.len_utf8();
                }
                let next = it.peek().map(|&(_, x)| x);
                let before = prev;
                prev = Some(c);
                // Only in Chinese text (not 1...10, not English prose).
                let chinese = before.is_some_and(is_chinese) || next.is_some_and(is_chinese);
                let wrong = match c {
                    '…' => (n == 1 || n == 3 || n > 4) && chinese,
                    '。' => n >= 3,
                    _ => n >= 3 && chinese,
                };
                if !wrong {
                    continue;
                }
                let range = para.start + i..para.start + end;
                let written = &line[i..end];
                out.push(
                    diag(&INFO, config, range.clone(), format!("省略号应写作“……”（六个小圆点，占两个字的位置），不写作「{written}」（GB/T 15834-2011 4.11）"), format!("An ellipsis is written \"……\" (six dots in two characters' space), not \"{written}\" (GB/T 15834-2011 4.11)"))
                    .with_fix(fix(config, "改为“……”".to_string(), "Write \"……\"".to_string(), range, "……".to_string())),
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
        run(&Ellipsis, t).into_iter().map(|d| &t[d.range]).collect()
    }

    #[test]
    fn wrong_forms_from_held_out_text() {
        // 新闻联播 2022 (held-out, tv.cctv.com)
        let t = "没有英雄的民族没有未来…这是目前为止最有深度的节目";
        let d = run(&Ellipsis, t);
        assert_eq!(flagged(t), vec!["…"]);
        assert_eq!(
            apply(t, &d[0].fixes[0].edits),
            "没有英雄的民族没有未来……这是目前为止最有深度的节目"
        );
        assert!(d[0].message.contains("4.11"));
        // 新闻联播 2019 (held-out): ASCII dots.
        assert_eq!(
            flagged("智能微波炉、智能AI空调......在广交会家电展区"),
            vec!["......"]
        );
        assert_eq!(flagged("抓好落实。。。"), vec!["。。。"]);
        assert_eq!(flagged("等等………"), vec!["………"]);
    }

    #[test]
    fn counterexamples() {
        for t in [
            // eval/published/xwlb.jsonl
            "在湖南宁乡高新区……今天的中国，创新动力、发展活力",
            "（省略一段）…………",
            "Wait... what",
            "Wait… what",
            "第1...10页",
            "“清朗·整治‘自媒体’无底线博流量”",
            "抓好落实。",
        ] {
            assert!(flagged(t).is_empty(), "{t}: {:?}", flagged(t));
        }
    }
}
