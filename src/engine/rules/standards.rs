//! What the GB/T 15834-2011 (标点符号用法) and GB/T 15835-2011 (出版物上数字用法) rules share:
//! their ids in registry order, the word lists of `data/standards.json`, numeral helpers, and
//! the family check the per-line assembly caches as one slot per line (so ten rules cost one
//! cache entry per line, not ten).
//!
//! Every rule of the family looks at one paragraph at a time, in one pass over its characters.

use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::types::{Diagnostic, Fix, Span};
use serde::Deserialize;
use std::sync::OnceLock;

/// The family, in the order of [`super::all`]. The per-line cache keeps their findings in one
/// vector grouped in this order.
pub(crate) fn family() -> [&'static dyn Rule; 10] {
    [
        &super::number_mixed::MixedNumeral,
        &super::number_date::DateNumeral,
        &super::number_range::RangeMark,
        &super::number_approx::ApproxNumeral,
        &super::punct_title_dunhao::TitleMarkDunhao,
        &super::punct_nested_quote::NestedQuote,
        &super::punct_doubled::DoubledPunct,
        &super::punct_ellipsis::Ellipsis,
        &super::punct_dash::DashLength,
        &super::punct_heading_mark::HeadingMark,
    ]
}

/// The position of rule `id` in [`family`].
pub(crate) fn index(id: &str) -> Option<usize> {
    family().iter().position(|r| r.info().id == id)
}

/// Every family rule's findings on `doc`, grouped by rule in [`family`] order.
pub(crate) fn check_all(doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
    for rule in family() {
        rule.check(doc, config, out);
    }
}

/// The findings of family rule `k` in `all` (as [`check_all`] grouped them).
pub(crate) fn slice(all: &[Diagnostic], k: usize) -> &[Diagnostic] {
    // Most lines have no findings: the assembly asks every line for every family rule.
    if all.is_empty() {
        return all;
    }
    let Some(id) = family().get(k).map(|r| r.info().id) else {
        return &[];
    };
    let Some(start) = all.iter().position(|d| d.rule == id) else {
        return &[];
    };
    let len = all[start..].iter().take_while(|d| d.rule == id).count();
    &all[start..start + len]
}

/// A finding of `info`'s rule at its default severity, the message picked by locale.
pub(crate) fn diag(
    info: &RuleInfo,
    config: &Config,
    range: Span,
    zh: String,
    en: String,
) -> Diagnostic {
    Diagnostic::new(
        info.id,
        info.default_severity,
        range,
        config.locale.pick(zh, en),
    )
}

/// A preferred replacement, its title picked by locale.
pub(crate) fn fix(config: &Config, zh: String, en: String, range: Span, new_text: String) -> Fix {
    Fix::replace(config.locale.pick(zh, en), range, new_text)
}

/// A replacement offered as a quick fix but never applied by fix-all or `check --fix`: the
/// standard allows more than one form, or house style in published text differs from it.
pub(crate) fn alternative(
    config: &Config,
    zh: String,
    en: String,
    range: Span,
    new_text: String,
) -> Fix {
    Fix {
        preferred: false,
        ..fix(config, zh, en, range, new_text)
    }
}

/// `data/standards.json` (schema in `data/README.md`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Lists {
    pub range_units: String,
    pub approx_measures: String,
    pub approx_not_after_year: String,
    pub hao_not_day: String,
}

pub(crate) fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        serde_json::from_str(include_str!("../../../data/standards.json"))
            .expect("data/standards.json is checked by a test")
    })
}

pub(crate) use crate::engine::text::cn_digit;

/// The Chinese digit written for an Arabic one in a year or a number read digit by digit
/// (GB/T 15835-2011 5.2.5: 〇 for the zero of a numbering).
pub(crate) fn cn_for_ascii(c: char) -> Option<char> {
    Some(match c {
        '0' => '〇',
        '1' => '一',
        '2' => '二',
        '3' => '三',
        '4' => '四',
        '5' => '五',
        '6' => '六',
        '7' => '七',
        '8' => '八',
        '9' => '九',
        _ => return None,
    })
}

/// A paragraph's characters with their absolute byte offsets, for rules that look a few
/// characters back and forth.
pub(crate) fn chars_of(doc: &Document, para: &std::ops::Range<usize>) -> Vec<(usize, char)> {
    doc.text[para.clone()]
        .char_indices()
        .map(|(i, c)| (para.start + i, c))
        .collect()
}

/// The end offset of character `k` of `cs` (or of the paragraph when `k` is past the end).
pub(crate) fn end_of(cs: &[(usize, char)], k: usize) -> usize {
    cs.get(k)
        .map(|&(i, c)| i + c.len_utf8())
        .unwrap_or_else(|| cs.last().map_or(0, |&(i, c)| i + c.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The issue's cases through the whole analysis, cached per line and whole-text: each on
    /// its span, by its rule, with a clause in the message.
    #[test]
    fn issue_cases_through_analyze() {
        let config = crate::engine::lexicon::test_config();
        let text = "一．总体要求\n\
            二0二五年七月一号，1-6月约有三、四十个项目，占百分之12。\n\
            学习《中国共产党章程》、《中国共产党纪律处分条例》。\n\
            他说：“要牢记“国之大者”……”\n\
            要抓好落实”。。真的吗！？没有未来…这是成果—“千万核”。\n\
            “第一段引文，要牢记‘国之大者’，\n\
            “第二段引文。”\n";
        let expected = [
            ("heading-mark", "一．"),
            ("mixed-numeral", "二0二五"),
            ("date-numeral", "号"),
            ("range-mark", "-"),
            ("approx-numeral", "三、四"),
            ("mixed-numeral", "百分之12"),
            ("title-mark-dunhao", "、"),
            ("nested-quote", "“国之大者”"),
            ("doubled-punct", "。。"),
            ("doubled-punct", "！？"),
            ("ellipsis", "…"),
            ("dash-length", "—"),
        ];
        for round in 0..2 {
            let cached = crate::engine::analyze(text, &config);
            let fresh = crate::engine::analyze_uncached(text, &config);
            assert_eq!(cached.diagnostics, fresh.diagnostics, "round {round}");
            let ours: Vec<(&str, &str)> = cached
                .diagnostics
                .iter()
                .filter(|d| index(d.rule).is_some())
                .map(|d| (d.rule, &text[d.range.clone()]))
                .collect();
            assert_eq!(ours, expected, "round {round}");
            for d in cached
                .diagnostics
                .iter()
                .filter(|d| index(d.rule).is_some())
            {
                assert!(d.message.contains("GB/T 1583"), "{}", d.message);
                assert!(!d.message.contains(d.rule), "{}", d.message);
            }
            // The multi-paragraph quotation raises nothing, from us or from unpaired-mark.
            let last = text.find("“第一段").unwrap();
            assert!(cached.diagnostics.iter().all(|d| d.range.start < last));
        }
        let en = Config {
            locale: crate::engine::config::Locale::En,
            ..config.clone()
        };
        let a = crate::engine::analyze(text, &en);
        assert!(a
            .diagnostics
            .iter()
            .filter(|d| index(d.rule).is_some())
            .all(|d| d.message.starts_with(|c: char| c.is_ascii()) && d.message.contains("GB/T")));
    }

    /// Issue 15 cases where an older rule saw the same problem: one finding per problem, so
    /// no two findings (recurrence aside) overlap.
    #[test]
    fn each_problem_is_reported_once() {
        let config = crate::engine::lexicon::test_config();
        let text = "一．总体要求\n\
            二.主要任务\n\
            三，保障措施\n\
            四,组织实施\n\
            五、工作要求\n\
            1-6月增长，4~6℃，1–6月。\n\
            他说。。。我们要努力...还有，，以及、、还有；；\n\
            要抓好落实”。。真的吗？？？好！！\n\
            大桥--港珠澳大桥，这是——————成果\n\
            他说:“要牢记“国之大者”……”\n\
            学习《中国共产党章程》、《中国共产党纪律处分条例》。\n";
        let a = crate::engine::analyze(text, &config);
        let mut spans: Vec<(std::ops::Range<usize>, &str)> = a
            .diagnostics
            .iter()
            .filter(|d| !d.rule.starts_with("recurring-"))
            .map(|d| (d.range.clone(), d.rule))
            .collect();
        spans.sort_by_key(|(r, _)| (r.start, r.end));
        for w in spans.windows(2) {
            assert!(
                w[0].0.end <= w[1].0.start,
                "{} and {} on 「{}」/「{}」",
                w[0].1,
                w[1].1,
                &text[w[0].0.clone()],
                &text[w[1].0.clone()]
            );
        }
        // Each heading line has its one finding, from the standard's rule.
        for (line, mark) in ["一．", "二.", "三，", "四,"].iter().enumerate() {
            let start = text
                .split_inclusive('\n')
                .take(line)
                .map(str::len)
                .sum::<usize>();
            let here: Vec<_> = spans.iter().filter(|(r, _)| r.start == start).collect();
            assert_eq!(here.len(), 1, "{mark}: {here:?}");
            assert_eq!(here[0].1, "heading-mark");
        }
        // 三，and 四, still number their headings: 五、 follows 四 and is no skip.
        assert!(
            spans.iter().all(|(_, rule)| *rule != "heading-sequence"),
            "{spans:?}"
        );
    }

    #[test]
    fn lists_parse_and_family_ids_are_registered() {
        let l = lists();
        assert!(l.range_units.contains('月') && !l.approx_measures.is_empty());
        for (k, r) in family().iter().enumerate() {
            assert_eq!(index(r.info().id), Some(k));
            assert!(super::super::find(r.info().id).is_some());
            assert!(r.info().doc.contains("GB/T 1583"), "{}", r.info().id);
        }
    }
}
