//! `nested-quote`: a quotation inside a quotation marked with double quotes again (他说：“要牢记
//! “国之大者”……”). GB/T 15834-2011 4.8: the outer quotation takes “”, the inner one ‘’
//! (and a quotation inside that takes “” again, which is not flagged). The fix turns the inner
//! pair into ‘’. Only well-formed nesting is judged: a paragraph with a stray closing quote, or
//! an unclosed outer quotation that does not open the paragraph (a lost ”, `unpaired-mark`'s
//! finding), is left alone; a quotation running over several paragraphs (each opening with “,
//! only the last closing) is read one paragraph at a time and raises nothing. Quotes inside a
//! title in 书名号 are part of the title and keep their form (“……《平“语”近人》一书……”).

use super::standards::diag;
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::types::{Diagnostic, Fix, Severity, TextEdit};

pub struct NestedQuote;

static INFO: RuleInfo = RuleInfo {
    id: "nested-quote",
    default_severity: Severity::Warning,
    default_enabled: true,
    doc: "A quotation inside “” marked with “” again; GB/T 15834-2011 4.8 wants ‘’ for the inner one.",
};

/// An open quote on the stack, with the nested pairs found directly inside it.
struct Open {
    at: usize,
    double: bool,
    nested: Vec<(usize, usize)>,
}

impl Rule for NestedQuote {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        for para in &doc.paragraphs {
            let line = &doc.text[para.clone()];
            let mut stack: Vec<Open> = Vec::new();
            let mut found: Vec<(usize, usize)> = Vec::new();
            let mut broken = false;
            // Quotes inside a title belong to the title (《平“语”近人》).
            let mut in_title = 0usize;
            for (i, c) in line.char_indices() {
                let at = para.start + i;
                match c {
                    '《' => in_title += 1,
                    '》' => in_title = in_title.saturating_sub(1),
                    _ if in_title > 0 => {}
                    '“' | '‘' => stack.push(Open {
                        at,
                        double: c == '“',
                        nested: Vec::new(),
                    }),
                    // An apostrophe (China’s) when no ‘ is open: ignored.
                    '’' if stack.last().is_some_and(|o| !o.double) => {
                        if let Some(o) = stack.pop() {
                            found.extend(o.nested);
                        }
                    }
                    '”' => {
                        let Some(o) = stack.pop().filter(|o| o.double) else {
                            broken = true;
                            break;
                        };
                        // Closed: the pairs nested in it are confirmed.
                        found.extend(o.nested);
                        if let Some(outer) = stack.last_mut().filter(|p| p.double) {
                            outer.nested.push((o.at, at));
                        }
                    }
                    _ => {}
                }
            }
            if broken {
                continue;
            }
            // A quotation opening the paragraph may close in a later one.
            if let Some(first) = stack.first().filter(|o| o.at == para.start && o.double) {
                found.extend(first.nested.iter().copied());
            }
            found.sort_unstable();
            for (open, close) in found {
                let range = open..close + '”'.len_utf8();
                let inner = &doc.text[open + '“'.len_utf8()..close];
                out.push(
                    diag(&INFO, config, range, "引号里面还要用引号时，外面一层用双引号，里面一层用单引号：此处应为‘’（GB/T 15834-2011 4.8）".to_string(), "A quotation inside a quotation takes single quotes ‘’ (GB/T 15834-2011 4.8)".to_string())
                    .with_fix(Fix {
                        title: config
                            .locale
                            .pick(format!("改为‘{inner}’"), format!("Use ‘{inner}’")),
                        edits: vec![
                            TextEdit {
                                range: open..open + '“'.len_utf8(),
                                new_text: "‘".to_string(),
                            },
                            TextEdit {
                                range: close..close + '”'.len_utf8(),
                                new_text: "’".to_string(),
                            },
                        ],
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

    fn flagged(t: &str) -> Vec<&str> {
        run(&NestedQuote, t)
            .into_iter()
            .map(|d| &t[d.range])
            .collect()
    }

    #[test]
    fn issue_case_and_held_out_text() {
        let t = "他说：“要牢记“国之大者”……”";
        let d = run(&NestedQuote, t);
        assert_eq!(flagged(t), vec!["“国之大者”"]);
        assert_eq!(apply(t, &d[0].fixes[0].edits), "他说：“要牢记‘国之大者’……”");
        assert!(d[0].message.contains("4.8"));
        // 新闻联播 2021 (held-out, tv.cctv.com)
        let t = "就是自己写的一首诗：“我们用变秋天为春天的精神，让祖国绿树成荫，鲜花灿烂。我们要让“红岩精神”代代相传。”";
        assert_eq!(flagged(t), vec!["“红岩精神”"]);
        // The first paragraph of a quotation that runs on.
        assert_eq!(flagged("“要牢记“国之大者”，"), vec!["“国之大者”"]);
    }

    #[test]
    fn counterexamples() {
        for t in [
            // eval/published/xwlb.jsonl: ‘’ inside “”.
            "主题为“唱响‘全球南方’主旋律　开启发展振兴新篇章”",
            "开展“清朗·整治‘自媒体’无底线博流量”专项行动",
            // Multi-paragraph quotation: each paragraph opens with “, only the last closes.
            "“第一段引文，要增强政治意识。\n“第二段引文。\n“第三段引文。”",
            // Third level: “ inside ‘ inside “ is right.
            "他说：“我读了‘他写的“春天”’这一篇。”",
            // A lost closing quote: unpaired-mark's finding, not a nesting.
            "要增强“四个意识、坚定“四个自信”",
            "要增强”四个意识”、坚定“四个自信”",
            "China’s “发展”",
            // Xinhua, 2025-11-14 (caijing666666/xinwenlianbo data/news): a title's own quotes.
            "李织凡说，“一段时间以来，我投入《平“语”近人——习近平喜欢的典故》一书的波斯文翻译工作。”",
        ] {
            assert!(flagged(t).is_empty(), "{t}: {:?}", flagged(t));
        }
    }
}
