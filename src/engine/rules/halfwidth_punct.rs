//! `halfwidth-punct`: a half-width , : ; ? ! ( ) used inside Chinese text, where GB/T 15834
//! wants the full-width mark. Numbers (1,000), times (11:52), URLs, e-mail addresses and Latin
//! text keep their half-width marks. The fix swaps in the full-width mark and drops the spaces
//! that scraped pages leave around it, since full-width marks carry their own spacing.

use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::text::{is_chinese, is_han};
use crate::engine::types::{Diagnostic, Fix, Severity};

pub struct HalfwidthPunct;

static INFO: RuleInfo = RuleInfo {
    id: "halfwidth-punct",
    default_severity: Severity::Warning,
    doc: "Half-width , : ; ? ! ( ) between Chinese characters; use the full-width mark.",
};

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// True when the mark at byte `at` sits inside a URL or e-mail address: the run of non-space,
/// non-Chinese text around it has one, and the mark is not at that run's edge.
fn inside_address(line: &str, at: usize) -> bool {
    let start = line[..at]
        .rfind(|c: char| c.is_whitespace() || is_chinese(c))
        .map(|i| i + line[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let end = line[at..]
        .find(|c: char| c.is_whitespace() || is_chinese(c))
        .map(|i| at + i)
        .unwrap_or(line.len());
    let token = &line[start..end];
    let address = token.contains("://") || token.contains('@') || token.starts_with("www.");
    address && start < at && at + 1 < end
}

/// The matched half-width parentheses of `line`: `(open, close, chinese)`, where `chinese`
/// says the pair belongs to Chinese text: it encloses Chinese, or Chinese stands on both sides
/// (世界卫生组织(WHO)发布), or it is a list number opening the line or a sentence ((1)稳就业).
/// Phone area codes ((023)71422767) and Latin asides keep their half-width parentheses.
fn paren_pairs(line: &str) -> Vec<(usize, usize, bool)> {
    let mut stack = Vec::new();
    let mut out = Vec::new();
    for (i, c) in line.char_indices() {
        match c {
            '(' => stack.push(i),
            ')' => {
                let Some(open) = stack.pop() else { continue };
                let inner = &line[open + 1..i];
                let before = line[..open].trim_end_matches(is_space).chars().next_back();
                let after = line[i + 1..].trim_start_matches(is_space).chars().next();
                let encloses_chinese = inner.chars().any(is_chinese);
                let between_chinese =
                    before.is_some_and(is_chinese) && after.is_some_and(is_chinese);
                let list_number = !inner.is_empty()
                    && inner.len() <= 2
                    && inner.bytes().all(|b| b.is_ascii_digit())
                    && before.is_none_or(|b| matches!(b, '。' | '；' | '：' | '，'))
                    && after.is_some_and(is_han);
                out.push((open, i, encloses_chinese || between_chinese || list_number));
            }
            _ => {}
        }
    }
    out
}

impl Rule for HalfwidthPunct {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        for para in &doc.paragraphs {
            let line = &doc.text[para.clone()];
            let pairs = paren_pairs(line);
            for (i, c) in line.char_indices() {
                let Some(fw) = full_width(c) else { continue };
                let before = line[..i].trim_end_matches(is_space);
                let after = line[i + 1..].trim_start_matches(is_space);
                let prev = before.chars().next_back();
                let next = after.chars().next();
                let chinese_before = prev.is_some_and(is_chinese);
                let chinese_after = next.is_some_and(is_chinese);
                let latin_after = next.is_some_and(|n| n.is_ascii_alphabetic());
                let paired = pairs.iter().find(|p| p.0 == i || p.1 == i).map(|p| p.2);
                let flagged = match c {
                    // A matched pair is converted as a whole or not at all.
                    '(' | ')' if paired.is_some() => paired == Some(true),
                    // An opening parenthesis belongs to what follows, a closing one to what
                    // precedes; either side being Chinese makes it a Chinese parenthesis.
                    '(' => chinese_after || (chinese_before && !latin_after),
                    ')' => prev.is_some_and(is_han) || chinese_after,
                    // After a number or a closing bracket the next word decides:
                    // 71663120;举报邮箱 is Chinese, 1,000 and 11:52 are not.
                    _ => {
                        chinese_before
                            || (chinese_after
                                && prev.is_some_and(|p| p.is_ascii_digit() || p == ')'))
                    }
                };
                if !flagged || inside_address(line, i) {
                    continue;
                }
                let at = para.start + i;
                let edit_start = para.start + before.len();
                let edit_end = para.start + line.len() - after.len();
                let message = config.locale.pick(
                    format!("中文语境中的半角「{c}」应改为全角「{fw}」"),
                    format!("Half-width \"{c}\" in Chinese text; use the full-width \"{fw}\""),
                );
                let title = config.locale.pick(
                    format!("改为全角「{fw}」"),
                    format!("Replace with full-width \"{fw}\""),
                );
                out.push(
                    Diagnostic::new(INFO.id, INFO.default_severity, at..at + 1, message)
                        .with_fix(Fix::replace(title, edit_start..edit_end, fw.to_string())),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{apply, run};
    use super::*;
    use crate::engine::types::TextEdit;

    fn fixed(text: &str) -> String {
        let diags = run(&HalfwidthPunct, text);
        let edits: Vec<TextEdit> = diags
            .iter()
            .flat_map(|d| d.fixes[0].edits.clone())
            .collect();
        apply(text, &edits)
    }

    #[test]
    fn seed_000_commas_and_colon_are_fixed() {
        // Seed 000's byline and lead.
        let t = "来源:新疆日报   发布时间: 2020-02-23 11:52:58  作者:姚彤 王兴瑞";
        assert_eq!(
            fixed(t),
            "来源：新疆日报   发布时间：2020-02-23 11:52:58  作者：姚彤 王兴瑞"
        );
        let t = "新疆平安网讯 2月22日上午,自治区召开新冠肺炎疫情防控工作视频会议,传达学习";
        assert_eq!(
            fixed(t),
            "新疆平安网讯 2月22日上午，自治区召开新冠肺炎疫情防控工作视频会议，传达学习"
        );
    }

    #[test]
    fn seed_001_spaced_comma_and_parentheses() {
        let t = "分析研判我省当前疫情防控形势 ,研究部署下一阶段疫情防控工作";
        assert_eq!(
            fixed(t),
            "分析研判我省当前疫情防控形势，研究部署下一阶段疫情防控工作"
        );
        assert_eq!(
            fixed("筑牢社区(村)排查防控防线"),
            "筑牢社区（村）排查防控防线"
        );
    }

    #[test]
    fn leaves_times_numbers_urls_mail_and_latin_alone() {
        for t in [
            "11:52:58",
            "共1,000人",
            "网址:http://qstheory.cn/a,b",
            "举报邮箱:cqnczfw@163.com,谢谢",
            "Hello, world",
            "见 COVID-19 (新冠)",
        ] {
            let d = run(&HalfwidthPunct, t);
            let flagged: Vec<&str> = d.iter().map(|d| &t[d.range.clone()]).collect();
            match t {
                // The colon after 网址 and 邮箱 is Chinese context; the marks inside the
                // address are not.
                "网址:http://qstheory.cn/a,b" | "举报邮箱:cqnczfw@163.com,谢谢" => {
                    assert_eq!(d.len(), 1, "{t}: {flagged:?}");
                    assert_eq!(d[0].range.start, t.find(':').unwrap());
                }
                "见 COVID-19 (新冠)" => assert_eq!(d.len(), 2, "{t}: {flagged:?}"),
                _ => assert!(d.is_empty(), "{t}: {flagged:?}"),
            }
        }
    }

    #[test]
    fn parentheses_are_converted_in_pairs() {
        // Seed 003's hotline: area codes keep their half-width parentheses.
        let t = "南川扫黑除恶举报电话:110、(023)71422767、(023)71663120;举报邮箱:cqnczfw@163.com。";
        assert_eq!(
            fixed(t),
            "南川扫黑除恶举报电话：110、(023)71422767、(023)71663120；举报邮箱：cqnczfw@163.com。"
        );
        // Seed 001's byline, seed 002's 县(市、区), an abbreviation between Chinese words
        // and a list number.
        assert_eq!(
            fixed("本报讯(通讯员 宗禾 记者 吴林红)2月5日下午"),
            "本报讯（通讯员 宗禾 记者 吴林红）2月5日下午"
        );
        assert_eq!(fixed("县(市、区)设分会场"), "县（市、区）设分会场");
        assert_eq!(fixed("世界卫生组织(WHO)发布"), "世界卫生组织（WHO）发布");
        assert_eq!(fixed("(1)稳就业"), "（1）稳就业");
        assert_eq!(fixed("见附件(1)"), "见附件(1)");
    }

    #[test]
    fn masked_residue_is_not_reported_through_analyze() {
        let t = crate::seeds::SEEDS[1].1;
        let a = crate::engine::analyze(t, &Config::default());
        let hw: Vec<String> = a
            .diagnostics
            .iter()
            .filter(|d| d.rule == "halfwidth-punct")
            .map(|d| t[d.range.start..].chars().take(12).collect::<String>())
            .collect();
        assert!(!hw.iter().any(|s| s.starts_with(":4864")), "{hw:?}");
        assert!(hw.iter().any(|s| s.starts_with(":2020-02-06")), "{hw:?}");
        let t = crate::seeds::SEEDS[4].1;
        let a = crate::engine::analyze(t, &Config::default());
        let first_body = t.find("资源描述").unwrap();
        assert!(a
            .diagnostics
            .iter()
            .filter(|d| d.rule == "halfwidth-punct")
            .all(|d| d.range.start > first_body));
    }

    #[test]
    fn diagnostic_range_is_the_mark_itself() {
        let t = "要坚持𠮷,坚决打赢";
        let d = run(&HalfwidthPunct, t);
        assert_eq!(d.len(), 1);
        assert_eq!(&t[d[0].range.clone()], ",");
    }
}
