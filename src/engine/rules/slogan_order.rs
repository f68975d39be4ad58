//! `slogan-order`: a slogan's components enumerated in full but not in the canonical order
//! (增强政治意识、核心意识、大局意识、看齐意识 for 四个意识). The order of these formulas is fixed,
//! so the fix rewrites the enumeration in the canonical order, keeping the separators, quotes
//! and the words around it. An order given by an accepted variant is never flagged.
//!
//! Only real enumerations are judged (`enumeration_gate`): the full set or all but one, in
//! one clause, not a longer list, not inside a quoted passage, and named in the sentence
//! when its components are generic words. The fix is applied by fix-all only when the
//! enumeration is labelled or unambiguous.

use super::dating::since_origin;
use super::enumeration_gate::{judge, Judgement};
use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::lexicon::Verdict;
use crate::engine::types::{Diagnostic, Fix, Severity};

pub struct SloganOrder;

static INFO: RuleInfo = RuleInfo {
    id: "slogan-order",
    // A wrong wording of a core formula is a political/factual error: it ranks above
    // standards (warning) and style.
    default_severity: Severity::Error,
    default_enabled: true,
    doc: "A slogan's components are enumerated in a non-canonical order; reorder them.",
};

impl Rule for SloganOrder {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        let lex = &config.lexicon;
        let entries = lex.entries();
        let scan = lex.scan(doc.text);
        for en in scan.enumerations.iter() {
            if en.verdict != Verdict::OutOfOrder {
                continue;
            }
            let entry = &entries[en.entry];
            // Published text writes these items in any order (lexicon `accepted_use`).
            if entry.accepted_use.as_ref().is_some_and(|u| u.any_order) {
                continue;
            }
            let judgement = judge(en, entry, doc.text);
            if judgement == Judgement::Skip {
                continue;
            }
            // Items move whole, with their own verb if each has one.
            let mut order: Vec<(usize, &str)> = en
                .items
                .iter()
                .filter_map(|i| Some((i.canonical?, &doc.text[i.range.clone()])))
                .collect();
            if order.len() != en.items.len() {
                continue;
            }
            order.sort_unstable();
            let span = en.span();
            let mut new_text = String::new();
            for (i, (_, item)) in order.iter().enumerate() {
                new_text.push_str(item);
                if let Some(next) = en.items.get(i + 1) {
                    new_text.push_str(&doc.text[en.items[i].range.end..next.range.start]);
                }
            }
            let canonical = entry.components.join("、");
            let message = config.locale.pick(
                format!("「{}」各项顺序不规范，规范顺序为：{canonical}", entry.term),
                format!(
                    "The items of \"{}\" are out of order; the canonical order is: {canonical}",
                    entry.term
                ),
            );
            let title = config.locale.pick(
                format!("按规范顺序排列：{canonical}"),
                format!("Reorder: {canonical}"),
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
        super::super::testing::run(&SloganOrder, text)
    }

    fn fixed(text: &str) -> String {
        let d = run(text);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        assert!(d[0].fixes[0].preferred);
        apply(text, &d[0].fixes[0].edits)
    }

    #[test]
    fn four_consciousnesses_out_of_order() {
        let t = "要增强政治意识、核心意识、大局意识、看齐意识,坚定“四个自信”";
        assert_eq!(
            fixed(t),
            "要增强政治意识、大局意识、核心意识、看齐意识,坚定“四个自信”"
        );
        let d = run(t);
        assert_eq!(
            &t[d[0].range.clone()],
            "政治意识、核心意识、大局意识、看齐意识"
        );
    }

    #[test]
    fn items_with_their_own_verbs_move_whole() {
        let t = "进行伟大斗争、推进伟大事业、建设伟大工程、实现伟大梦想";
        assert_eq!(
            fixed(t),
            "进行伟大斗争、建设伟大工程、推进伟大事业、实现伟大梦想"
        );
    }

    #[test]
    fn quotes_and_separators_are_kept() {
        let t = "坚定“道路自信”、“制度自信”、“理论自信”、“文化自信”";
        assert_eq!(
            fixed(t),
            "坚定“道路自信”、“理论自信”、“制度自信”、“文化自信”"
        );
        let t = "毫不动摇坚持“内防反弹、外防输入”总策略";
        assert_eq!(fixed(t), "毫不动摇坚持“外防输入、内防反弹”总策略");
    }

    #[test]
    fn canonical_and_partial_enumerations_pass() {
        for t in [
            // Seeds 000, 001, 003, 004.
            "要增强“四个意识”、坚定“四个自信”、做到“两个维护”",
            "坚持集中患者、集中专家、集中资源、集中救治,中西医结合",
            "严格落实早发现 、早报告、早隔离 、早治疗措施",
            "坚决打赢疫情防控人民战争、总体战、阻击战",
            "高度警惕麻痹思想、厌战情绪、侥幸心理、松劲心态",
            "坚决克服厌战情绪、松劲心态,做到应检尽检",
            "抓实“外防输入、内防反弹”和“动态清零”工作",
            // Ordinary prose with two generic components joined by 和.
            "统筹推进经济社会发展和疫情防控",
        ] {
            assert!(run(t).is_empty(), "{t}: {:?}", run(t));
        }
    }

    #[test]
    fn an_accepted_variant_order_passes() {
        // 湖北 wrote 内防扩散、外防输出; accepted.
        assert!(run("做到内防扩散、外防输出").is_empty());
    }
}
