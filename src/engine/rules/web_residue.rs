//! `web-residue`: page furniture left by copying from the web (XML地图, 免费阅读已结束, 备案号,
//! ©…, 浏览量, 扫一扫分享 …) and spam injected into the text (90分钟足球网_bet36亚洲体育¥在线官网
//! where a name should be). The patterns are data: `data/residue.json`, see
//! [`crate::engine::residue`]. The fix deletes the run, or the whole line with its line break.
//! These spans are also masked: no other rule analyses them.

use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::residue;
use crate::engine::types::{Diagnostic, Fix, Severity, Span, TextEdit};

pub struct WebResidue;

static INFO: RuleInfo = RuleInfo {
    id: "web-residue",
    default_severity: Severity::Warning,
    default_enabled: true,
    doc: "Web page furniture or injected spam left in the text; delete it.",
};

/// The whole line holding `span`, with its line break. (On a last line without a break the
/// break before it stays, so that deleting two adjacent lines never gives overlapping edits.)
fn line_with_break(text: &str, span: &Span) -> Span {
    let start = text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let rest = &text[span.end..];
    let eol = rest.find(['\n', '\r']).map_or(text.len(), |i| span.end + i);
    let bytes = text.as_bytes();
    let end = match bytes.get(eol) {
        Some(b'\r') if bytes.get(eol + 1) == Some(&b'\n') => eol + 2,
        Some(_) => eol + 1,
        None => eol,
    };
    start..end
}

/// `span` widened over the blanks before it when it ends its line, so that no trailing
/// space is left behind.
fn run_with_blanks(text: &str, span: &Span) -> Span {
    let after = &text[span.end..];
    let ends_line = after
        .chars()
        .take_while(|&c| c != '\n' && c != '\r')
        .all(char::is_whitespace);
    if !ends_line {
        return span.clone();
    }
    let before = text[..span.start].trim_end_matches([' ', '\t', '\u{3000}', '\u{a0}']);
    before.len()..span.end
}

fn snippet(s: &str) -> String {
    let mut it = s.char_indices();
    match it.nth(20) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

impl Rule for WebResidue {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        let text = doc.text;
        let found_here;
        let runs = match &doc.residue {
            Some(runs) => runs,
            None => {
                found_here = residue::find(text);
                &found_here
            }
        };
        for run in runs {
            let found = snippet(&text[run.span.clone()]);
            let reason = run.reason(config.locale);
            let message = config.locale.pick(
                format!("网页残留：{reason}（「{found}」）"),
                format!("Web residue: {reason} (\"{found}\")"),
            );
            let (title, range) = if run.whole_line {
                (
                    config
                        .locale
                        .pick("删除此行".to_string(), "Delete this line".to_string()),
                    line_with_break(text, &run.span),
                )
            } else {
                (
                    config
                        .locale
                        .pick(format!("删除「{found}」"), format!("Delete \"{found}\"")),
                    run_with_blanks(text, &run.span),
                )
            };
            out.push(
                Diagnostic::new(INFO.id, INFO.default_severity, run.span.clone(), message)
                    .with_fix(Fix {
                        title,
                        edits: vec![TextEdit {
                            range,
                            new_text: String::new(),
                        }],
                        preferred: true,
                    }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{apply, run};
    use super::*;
    use crate::seeds::SEEDS;

    fn fix_all(text: &str) -> String {
        let edits: Vec<TextEdit> = run(&WebResidue, text)
            .iter()
            .flat_map(|d| d.fixes[0].edits.clone())
            .collect();
        apply(text, &edits)
    }

    #[test]
    fn seed_002_spam_is_flagged_and_deleted() {
        let t = SEEDS[2].1;
        let d = run(&WebResidue, t);
        assert_eq!(d.len(), 4);
        assert!(d[0].message.contains("博彩"), "{}", d[0].message);
        let fixed = fix_all(t);
        assert!(fixed.contains("会议深入学习贯彻总书记重要讲话精神"));
        assert!(!fixed.contains("bet36"));
    }

    #[test]
    fn seed_004_furniture_lines_are_deleted_with_their_breaks() {
        let t = SEEDS[4].1;
        let d = run(&WebResidue, t);
        assert_eq!(d.len(), 10);
        let fixed = fix_all(t);
        for gone in [
            "赏杯茶钱",
            "免费阅读已结束",
            "1 / 8",
            "777doc",
            "备案号",
            "保存成功",
            "×",
        ] {
            assert!(!fixed.contains(gone), "{gone} left");
        }
        assert!(fixed.starts_with("坚持人民至上生命至上全力以赴抓好疫情防控\n\n"));
        assert!(fixed.contains("我国一定能打赢疫情防控阻击战。"));
    }

    #[test]
    fn seed_001_view_counter_goes_without_its_space() {
        let t = "来源:安徽日报 时间:2020-02-06 浏览量 :4864\r\n正文。";
        assert_eq!(fix_all(t), "来源:安徽日报 时间:2020-02-06\r\n正文。");
        let t = "正文。\r\nXML地图";
        assert_eq!(fix_all(t), "正文。\r\n");
        let t = "XML地图\r\n正文。";
        assert_eq!(fix_all(t), "正文。");
    }

    /// The search script of a www.gov.cn news page (2025-11-13), which a scraper kept as the
    /// page's text, before a sentence of seed 000.
    const GOV_CN_SCRIPT: &str = "function goSearch(event) {\nvar e = window.event || event;\n\
        if(e.preventDefault){\ne.preventDefault();\ne.returnValue=false;\n\
        // 市场主体 dataTypeId=14\nif (s == '市场主体') {\nwindow.open(url, '_blank');\n}\n\
        会议指出,新冠肺炎疫情发生后,习近平总书记时刻关注疫情形势。";

    #[test]
    fn page_script_lines_are_residue_and_nothing_else_reads_them() {
        let d = run(&WebResidue, GOV_CN_SCRIPT);
        assert_eq!(d.len(), 9, "{d:?}");
        assert!(d.iter().all(|d| d.message.contains("网页脚本代码")));
        assert_eq!(
            fix_all(GOV_CN_SCRIPT),
            "会议指出,新冠肺炎疫情发生后,习近平总书记时刻关注疫情形势。"
        );
        // The half-width marks of the script are not the text's: only the sentence's commas
        // are reported.
        let a = crate::engine::analyze(GOV_CN_SCRIPT, &Config::default());
        let body = GOV_CN_SCRIPT.find("会议指出").unwrap();
        let halfwidth: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|d| d.rule == "halfwidth-punct")
            .collect();
        assert_eq!(halfwidth.len(), 2, "{halfwidth:?}");
        assert!(halfwidth.iter().all(|d| d.range.start > body));
    }

    #[test]
    fn clean_seeds_give_nothing() {
        assert!(run(&WebResidue, SEEDS[0].1).is_empty());
        assert!(run(&WebResidue, SEEDS[3].1).is_empty());
    }

    #[test]
    fn english_message() {
        let doc = Document::new("XML地图", Vec::new());
        let cfg = Config {
            locale: crate::engine::Locale::En,
            ..Config::default()
        };
        let mut out = Vec::new();
        WebResidue.check(&doc, &cfg, &mut out);
        assert!(out[0]
            .message
            .starts_with("Web residue: web page navigation"));
    }
}
