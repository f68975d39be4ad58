//! `slogan-incomplete`: an enumeration of a slogan with one component left out
//! (增强政治意识、大局意识、核心意识 for 四个意识) or with a component swapped for an item that is not
//! the slogan's own (…、担当意识). The fix writes out the full canonical enumeration.
//!
//! Only confident cases are reported: a left-out component needs a slogan of four or more
//! components with all the others present, and a swapped item must look like the missing
//! one (same affix as the components, such as …意识 or 早…). Shorter mentions
//! (坚决克服厌战情绪、松劲心态) and accepted shorter variants are not flagged.

use super::dating::since_origin;
use super::enumeration_gate::{judge, Judgement};
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::lexicon::Verdict;
use crate::engine::types::{Diagnostic, Fix, Severity};

pub struct SloganIncomplete;

static INFO: RuleInfo = RuleInfo {
    id: "slogan-incomplete",
    // A wrong wording of a core formula is a political/factual error: it ranks above
    // standards (warning) and style.
    default_severity: Severity::Error,
    default_enabled: true,
    doc: "A slogan's enumeration lacks a component or has one swapped for a foreign item.",
};

impl Rule for SloganIncomplete {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        let lex = &config.lexicon;
        let entries = lex.entries();
        let scan = lex.scan(doc.text);
        for en in scan.enumerations.iter() {
            let entry = &entries[en.entry];
            if !matches!(en.verdict, Verdict::Missing | Verdict::Swapped { .. }) {
                continue;
            }
            // Partial lists are this entry's normal wording (a disciplinary announcement
            // lists the disciplines violated): lexicon `accepted_use.partial`.
            if en.verdict == Verdict::Missing
                && entry.accepted_use.as_ref().is_some_and(|u| u.partial)
            {
                continue;
            }
            let judgement = judge(en, entry, doc.text);
            if judgement == Judgement::Skip {
                continue;
            }
            let present: Vec<usize> = en.items.iter().filter_map(|i| i.canonical).collect();
            let missing: Vec<&str> = (0..entry.components.len())
                .filter(|i| !present.contains(i))
                .map(|i| entry.components[i].as_str())
                .collect();
            let missing = missing.join("、");
            let n = entry.components.len();
            let (zh, en_msg) = match &en.verdict {
                Verdict::Missing => (
                    format!("「{}」共{n}项，此处缺少「{missing}」", entry.term),
                    format!(
                        "\"{}\" has {n} items; \"{missing}\" is missing here",
                        entry.term
                    ),
                ),
                Verdict::Swapped { foreign } => {
                    let Some(f) = en.items.get(*foreign) else {
                        continue;
                    };
                    let f = &doc.text[f.range.clone()];
                    (
                        format!("「{f}」不是「{}」的内容，应为「{missing}」", entry.term),
                        format!(
                            "\"{f}\" is not part of \"{}\"; it should be \"{missing}\"",
                            entry.term
                        ),
                    )
                }
                _ => continue,
            };
            let span = en.span();
            let new_text = en.canonical_text(entry, doc.text);
            let message = config.locale.pick(zh, en_msg);
            let title = config.locale.pick(
                format!("补全为：{new_text}"),
                format!("Complete as: {new_text}"),
            );
            let mut fix = Fix::replace(title, span.clone(), new_text);
            fix.preferred = judgement == Judgement::Apply;
            // Not named and not unambiguous: a likely error, one rank lower.
            let severity = if judgement == Judgement::Apply {
                INFO.default_severity
            } else {
                Severity::Warning
            };
            let d = Diagnostic::new(INFO.id, severity, span, message).with_fix(fix);
            out.extend(since_origin(d, entry, doc, config));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::apply;
    use super::*;

    fn run(text: &str) -> Vec<Diagnostic> {
        super::super::testing::run(&SloganIncomplete, text)
    }

    fn fixed(text: &str) -> String {
        let d = run(text);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        apply(text, &d[0].fixes[0].edits)
    }

    #[test]
    fn a_left_out_component_is_restored() {
        let t = "要增强政治意识、大局意识、核心意识,坚定“四个自信”";
        assert_eq!(
            fixed(t),
            "要增强政治意识、大局意识、核心意识、看齐意识,坚定“四个自信”"
        );
        assert!(run(t)[0].message.contains("看齐意识"));
        // Seed 001's 四早 with one left out, separators with stray spaces.
        let t = "严格落实早发现 、早隔离 、早治疗措施";
        assert_eq!(fixed(t), "严格落实早发现 、早报告 、早隔离 、早治疗措施");
    }

    #[test]
    fn a_list_short_of_the_same_head_is_still_incomplete() {
        // The lexicon's full form of the 乡村振兴 总要求 with one item left out: the same head.
        let t = "按照产业兴旺、生态宜居、乡风文明、生活富裕的总要求";
        assert!(run(t)[0].message.contains("治理有效"), "{:?}", run(t));
        // The same four items before another head are a description of their own.
        assert!(run(&t.replace("总要求", "时代画卷")).is_empty());
    }

    #[test]
    fn a_swapped_component_is_replaced() {
        let t = "增强政治意识、大局意识、核心意识、担当意识";
        assert_eq!(fixed(t), "增强政治意识、大局意识、核心意识、看齐意识");
        let t = "增强政治意识、担当意识、核心意识、看齐意识";
        assert_eq!(fixed(t), "增强政治意识、大局意识、核心意识、看齐意识");
        let t = "增强担当意识、大局意识、核心意识、看齐意识";
        assert_eq!(fixed(t), "增强政治意识、大局意识、核心意识、看齐意识");
        let d = run("坚持集中患者、集中专家、集中资源、集中力量");
        assert_eq!(d.len(), 1, "{d:?}");
    }

    #[test]
    fn real_partial_mentions_pass() {
        for t in [
            // Seeds 000, 001, 003, 004.
            "坚持集中患者、集中专家、集中资源、集中救治,中西医结合",
            "坚决克服厌战情绪、松劲心态,做到应检尽检",
            "坚决克服麻痹思想、厌战情绪、松劲心态,充分估计",
            "为我们打赢疫情防控阻击战提供了政治上的“压舱石”",
            "坚决打赢打好疫情防控总体战阻击战",
            "打好精准脱贫、污染防治攻坚战",
            "要增强“四个意识”、坚定“四个自信”、做到“两个维护”",
            "各地区、各部门、各单位要压实责任",
            "增强政治意识、大局意识、核心意识、看齐意识、担当意识",
            // Published 新闻联播 text (tv.cctv.com): a disciplinary announcement lists the
            // disciplines violated (lexicon `accepted_use`), 三新一高's three-item wording,
            // and the 2024 list 稳增长、稳就业、稳预期.
            "唐仁健严重违反党的政治纪律、组织纪律、廉洁纪律、工作纪律和生活纪律，构成严重职务违法",
            "长江经济带应该在践行新发展理念、构建新发展格局、推动高质量发展中发挥重要作用。",
            "实施更加积极的宏观政策，持续稳增长、稳就业、稳预期。",
            // A list one short that builds another thing than the slogan's own (…的总要求,
            // …的社会治理体系): tv.cctv.com 2022-05-29 and 2018-11-05, 人民日报 2026-01-28.
            "55.6万贫困人口成功脱贫，一幅产业兴旺、生态宜居、乡风文明、生活富裕的时代画卷徐徐展开。",
            "动态版绿水青山图呈现出浙江省安吉县产业兴旺、生态宜居、乡风文明、治理有效的发展现状。",
            "健全党领导下的社会治理体制机制，系统构建党委领导、政府负责、社会协同、公众参与、法治保障、科技支撑的社会治理格局。",
            // An entry still unsure (四个最严) is not imposed on a list one short of it that
            // does not name it (tv.cctv.com 2015-01-29).
            "用最严格的监管、最严厉的处罚、最严肃的问责，严守不发生系统性、区域性食品安全事故底线。",
        ] {
            assert!(run(t).is_empty(), "{t}: {:?}", run(t));
        }
    }
}
