//! `doubled-punct`: the same point mark typed twice (抓好落实”。。, ，，, 、、, ；；, ：：), and
//! question and exclamation marks combined against GB/T 15834-2011: when a sentence is both a
//! question and an exclamation the question mark comes first, one of each (？！, not ！？ or
//! ？！！), and a mark is repeated at most three times (？？？). Three or more 。 are an
//! ellipsis written wrong, `ellipsis`'s finding. Each mark's clause is cited: 4.1 句号, 4.2
//! 问号, 4.3 叹号, 4.4 逗号, 4.5 顿号, 4.6 分号, 4.7 冒号.

use super::standards::{diag, fix};
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::types::{Diagnostic, Severity};

pub struct DoubledPunct;

static INFO: RuleInfo = RuleInfo {
    id: "doubled-punct",
    default_severity: Severity::Warning,
    default_enabled: true,
    doc: "A point mark typed twice (。。 ，，) or ？！ misused (！？, ？！！); GB/T 15834-2011 4.1-4.7.",
};

fn clause(c: char) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match c {
        '。' => ("4.1", "句号", "full stop"),
        '，' => ("4.4", "逗号", "comma"),
        '、' => ("4.5", "顿号", "enumeration comma"),
        '；' => ("4.6", "分号", "semicolon"),
        '：' => ("4.7", "冒号", "colon"),
        _ => return None,
    })
}

impl Rule for DoubledPunct {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        for para in &doc.paragraphs {
            let line = &doc.text[para.clone()];
            let mut it = line.char_indices().peekable();
            while let Some((i, c)) = it.next() {
                let start = para.start + i;
                if let Some((cl, zh, en)) = clause(c) {
                    let mut n = 1;
                    while it.next_if(|&(_, x)| x == c).is_some() {
                        n += 1;
                    }
                    if n < 2 || (c == '。' && n >= 3) {
                        continue;
                    }
                    let range = start..start + n * c.len_utf8();
                    out.push(
                        diag(
                            &INFO,
                            config,
                            range.clone(),
                            format!("{zh}「{c}」重复使用，只保留一个（GB/T 15834-2011 {cl}）"),
                            format!("The {en} \"{c}\" is doubled; keep one (GB/T 15834-2011 {cl})"),
                        )
                        .with_fix(fix(
                            config,
                            format!("只保留一个「{c}」"),
                            format!("Keep one \"{c}\""),
                            range,
                            c.to_string(),
                        )),
                    );
                    continue;
                }
                if c != '？' && c != '！' {
                    continue;
                }
                let mut run = String::from(c);
                while let Some((_, x)) = it.next_if(|&(_, x)| x == '？' || x == '！') {
                    run.push(x);
                }
                let q = run.chars().filter(|&x| x == '？').count();
                let e = run.chars().count() - q;
                let fine = (q == 0 || e == 0) && q + e <= 3 || run == "？！";
                if fine {
                    continue;
                }
                let range = start..start + run.len();
                let (message, good) = if q > 0 && e > 0 {
                    (
                        config.locale.pick(
                            format!("「{run}」：疑问和感叹语气都强烈时，先问号后叹号，各用一个（GB/T 15834-2011 4.2、4.3）"),
                            format!("\"{run}\": for a question that is also an exclamation, write one question mark, then one exclamation mark (GB/T 15834-2011 4.2, 4.3)"),
                        ),
                        "？！".to_string(),
                    )
                } else {
                    (
                        config.locale.pick(
                            format!("「{run}」：问号或叹号最多叠用三个（GB/T 15834-2011 4.2、4.3）"),
                            format!("\"{run}\": a question or exclamation mark is repeated at most three times (GB/T 15834-2011 4.2, 4.3)"),
                        ),
                        c.to_string().repeat(3),
                    )
                };
                out.push(
                    Diagnostic::new(INFO.id, INFO.default_severity, range.clone(), message)
                        .with_fix(fix(
                            config,
                            format!("改为「{good}」"),
                            format!("Write \"{good}\""),
                            range,
                            good,
                        )),
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
        run(&DoubledPunct, t)
            .into_iter()
            .map(|d| &t[d.range])
            .collect()
    }

    #[test]
    fn issue_cases() {
        let t = "要抓好落实”。。";
        let d = run(&DoubledPunct, t);
        assert_eq!(flagged(t), vec!["。。"]);
        assert_eq!(apply(t, &d[0].fixes[0].edits), "要抓好落实”。");
        assert!(d[0].message.contains("4.1"));
        assert_eq!(flagged("统筹发展和安全，，推动"), vec!["，，"]);
        let t = "这难道不是奇迹吗！？";
        let d = run(&DoubledPunct, t);
        assert_eq!(flagged(t), vec!["！？"]);
        assert_eq!(apply(t, &d[0].fixes[0].edits), "这难道不是奇迹吗？！");
        assert_eq!(flagged("真的吗？！！"), vec!["？！！"]);
        assert_eq!(flagged("为什么？？？？"), vec!["？？？？"]);
    }

    #[test]
    fn counterexamples() {
        for t in [
            // eval/published/xwlb.jsonl
            "道路两旁，高举“中法友谊万岁！”、“祝习近平主席访问法国取得圆满成功！”",
            "原来，你也玩《原神》？！",
            "这是为什么？？",
            "省略号写错了。。。",
            "他说：“好！”。",
        ] {
            assert!(flagged(t).is_empty(), "{t}: {:?}", flagged(t));
        }
    }
}
