//! `slogan-variant`: a slogan written in a form that is no longer right: garbled in copying
//! (以同志为核心的党中央, the name dropped), deprecated, or era-bound and used in a document
//! dated after the change (an era-bound form is right in a document dated before its `until`;
//! a document without a dateline is read as current; in the three months after the change
//! it is information, a lag to fix, not an error). The fix writes the canonical form.
//! Accepted variants are never flagged.

use super::dating::{soon_after, soon_after_note};
use super::narration::tells_of_before;
use super::{enumeration_gate, Rule, RuleInfo};
use crate::engine::config::{Config, Locale};
use crate::engine::document::{Date, Document};
use crate::engine::lexicon::{Entry, NameKind, Variant, VariantStatus, Verdict};
use crate::engine::text::overlaps;
use crate::engine::types::{Diagnostic, Fix, Severity, Span};

pub struct SloganVariant;

static INFO: RuleInfo = RuleInfo {
    id: "slogan-variant",
    // A wrong wording of a core formula is a political/factual error: it ranks above
    // standards (warning) and style.
    default_severity: Severity::Error,
    default_enabled: true,
    doc: "A garbled, deprecated or outdated form of a slogan; use the canonical form.",
};

/// `yyyy`, `yyyy-mm` or `yyyy-mm-dd` as the last day it covers.
pub fn parse_until(s: &str) -> Option<Date> {
    let mut parts = s.trim().split('-');
    let y: u32 = parts.next()?.parse().ok()?;
    let m: u32 = match parts.next() {
        Some(m) => m.parse().ok()?,
        None => return Some((y, 12, 31)),
    };
    let d: u32 = match parts.next() {
        Some(d) => d.parse().ok()?,
        None => 31,
    };
    Some((y, m, d))
}

/// Why `variant` is wrong in a document dated `date`, in both languages, and whether the
/// document falls in the transition after an era-bound form's change; `None` when it is
/// right there.
fn wrong_here(variant: &Variant, date: Option<Date>) -> Option<(String, String, bool)> {
    let until = variant.until.as_deref().and_then(parse_until);
    let after = |until: Option<Date>| match (date, until) {
        (Some(d), Some(u)) => d > u,
        _ => true,
    };
    let note = variant
        .note
        .as_deref()
        .map(|n| format!("（{n}）"))
        .unwrap_or_default();
    match variant.status {
        VariantStatus::Accepted => None,
        VariantStatus::Garbled => Some((
            format!("残缺或错误的写法{note}"),
            "a garbled or truncated form".to_string(),
            false,
        )),
        VariantStatus::Deprecated => after(until).then(|| {
            (
                format!("已不再使用的提法{note}"),
                "a form no longer in use".to_string(),
                false,
            )
        }),
        VariantStatus::EraBound => after(until).then(|| {
            let last = variant.until.clone().unwrap_or_default();
            match date {
                Some(day @ (y, m, d)) => {
                    let lag = until.is_some_and(|u| soon_after(u, day));
                    let (zh, en) = if lag {
                        (soon_after_note(Locale::ZhCn), soon_after_note(Locale::En))
                    } else {
                        ("", "")
                    };
                    (
                        format!("{last}以前的提法，本文日期为{y}-{m:02}-{d:02}{zh}{note}"),
                        format!("the form in use until {last}; this document is dated {y}-{m:02}-{d:02}{en}"),
                        lag,
                    )
                }
                None => (
                    format!("{last}以前的提法，本文未标明日期，按现行提法检查{note}"),
                    format!("the form in use until {last}; this document has no date, so the current form applies"),
                    false,
                ),
            }
        }),
    }
}

/// What replaces a variant form: the canonical enumeration when the variant is one, else
/// whichever of the term and the full form is closer in length to what was written.
fn replacement(entry: &Entry, variant: &Variant, written: &str) -> String {
    if !variant.components.is_empty() && entry.components.len() >= 2 {
        return entry.components.join("、");
    }
    let n = written.chars().count() as isize;
    let dist = |s: &str| (s.chars().count() as isize - n).abs();
    if dist(&entry.term) <= dist(&entry.full) {
        entry.term.clone()
    } else {
        entry.full.clone()
    }
}

impl Rule for SloganVariant {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        report(doc.text, doc.date, candidates(doc, config), config, out);
    }
}

/// A variant form found in the text: `(span, entry, variant, canonical replacement)`. Whether
/// it is wrong depends on the document's date, which [`report`] applies.
pub(crate) type Candidate = (Span, usize, usize, String);

/// The variant forms of `doc`, whatever its date.
pub(crate) fn candidates(doc: &Document, config: &Config) -> Vec<Candidate> {
    let lex = &config.lexicon;
    let entries = lex.entries();
    let scan = lex.scan(doc.text);
    let mut found: Vec<Candidate> = Vec::new();
    for hit in scan.names.iter() {
        let NameKind::VariantForm(v) = hit.kind else {
            continue;
        };
        let entry = &entries[hit.entry];
        let Some(variant) = entry.variants.get(v) else {
            continue;
        };
        let written = &doc.text[hit.range.clone()];
        // A form that is a list, written inside a longer list, is not that form: the list goes
        // on with items of its own (…、法治保障|、科技支撑的社会治理格局, 人民日报 2026).
        if written.contains('、') && enumeration_gate::listed_on(doc.text, &hit.range) {
            continue;
        }
        found.push((
            hit.range.clone(),
            hit.entry,
            v,
            replacement(entry, variant, written),
        ));
    }
    for en in scan.enumerations.iter() {
        let Verdict::Variant { variant: v } = en.verdict else {
            continue;
        };
        // The component the older form lacks follows in the same sentence: 中国有坚定的道路自信、
        // 理论自信、制度自信，其本质是…的文化自信 sets it apart on purpose.
        if enumeration_gate::left_out_nearby(en, &entries[en.entry], doc.text) {
            continue;
        }
        let span = en.span();
        if found
            .iter()
            .any(|(r, e, _, _)| *e == en.entry && overlaps(r, &span))
        {
            continue;
        }
        found.push((
            span,
            en.entry,
            v,
            en.canonical_text(&entries[en.entry], doc.text),
        ));
    }
    found
}

/// How far (in characters) a title mark is looked for on either side of a form.
const TITLE_REACH: usize = 80;

/// Whether `span` lies inside a 《…》 title on its own line: a 《 before it with no 》 in
/// between, and a 》 after it with no 《 in between, within [`TITLE_REACH`] characters.
fn in_book_title(text: &str, span: &Span) -> bool {
    let (Some(before), Some(after)) = (text.get(..span.start), text.get(span.end..)) else {
        return false;
    };
    let opened = before
        .chars()
        .rev()
        .take(TITLE_REACH)
        .find(|c| matches!(c, '《' | '》' | '\n' | '\r'))
        == Some('《');
    opened
        && after
            .chars()
            .take(TITLE_REACH)
            .find(|c| matches!(c, '《' | '》' | '\n' | '\r'))
            == Some('》')
}

/// The rule's findings for the variant forms `found` in `text`, dated `date`.
pub(crate) fn report(
    text: &str,
    date: Option<Date>,
    found: Vec<Candidate>,
    config: &Config,
    out: &mut Vec<Diagnostic>,
) {
    let entries = config.lexicon.entries();
    for (span, e, v, new_text) in found {
        let Some(entry) = entries.get(e) else {
            continue;
        };
        let Some(variant) = entry.variants.get(v) else {
            continue;
        };
        // A title in 《》 is quoted verbatim: 江泽民作题为《全面建设小康社会，开创中国特色社会
        // 主义事业新局面》的报告 keeps the wording of its day. Only a garbled form is still
        // a copying error there.
        if variant.status != VariantStatus::Garbled && in_book_title(text, &span) {
            continue;
        }
        let Some((why_zh, why_en, lag)) = wrong_here(variant, date) else {
            continue;
        };
        // An era-bound form is right where the text tells of its era: 党的十六大提出了全面建设
        // 小康社会奋斗目标, in a report of any later year.
        if variant.status == VariantStatus::EraBound {
            let last = variant.until.as_deref().and_then(parse_until);
            let now = date.unwrap_or_else(super::dating::today);
            if last.is_some_and(|l| tells_of_before(text, &span, l, now, &variant.era_markers)) {
                continue;
            }
        }
        let written = &text[span.clone()];
        let severity = if lag {
            Severity::Information
        } else {
            INFO.default_severity
        };
        // Only the locale's own wording is built: the assembly reports these on every edit.
        let (message, title) = match config.locale {
            Locale::ZhCn => (
                format!(
                    "「{written}」是「{}」的{why_zh}，应为「{new_text}」",
                    entry.term
                ),
                format!("改为「{new_text}」"),
            ),
            Locale::En => (
                format!(
                    "\"{written}\" is {why_en} of \"{}\"; write \"{new_text}\"",
                    entry.term
                ),
                format!("Replace with \"{new_text}\""),
            ),
        };
        out.push(
            Diagnostic::new(INFO.id, severity, span.clone(), message)
                .with_fix(Fix::replace(title, span, new_text)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::apply;
    use super::*;

    fn run(text: &str) -> Vec<Diagnostic> {
        super::super::testing::run(&SloganVariant, text)
    }

    /// 新闻联播 2022-12-02, 江泽民同志生平
    /// (https://tv.cctv.com/2022/12/02/VIDE161gnDKiOQuLEXmbQxLd221202.shtml): the title of the
    /// 十六大 report is quoted verbatim, and the sentence, dated 2002, tells of its own time.
    /// The same words as a task of 2014 (中央民族工作会议, 2014-09-29) are still checked.
    #[test]
    fn a_form_in_a_book_title_or_in_its_own_time_is_not_held_against_the_date() {
        let t = "2002年11月，在中国共产党第十六次全国代表大会上，江泽民作题为《全面建设小康社会，开创中国特色社会主义事业新局面》的报告，提出全面建设小康社会的奋斗目标，阐述全面贯彻“三个代表”重要思想的根本要求。";
        assert!(run(t).is_empty(), "{:?}", run(t));
        let first = t.find("全面建设小康社会").unwrap();
        assert!(in_book_title(t, &(first..first + "全面建设小康社会".len())));
        let task = "2014年9月29日\n会议指出，一些民族地区群众困难多，困难群众多，同全国一道实现全面建设小康社会目标难度较大，必须加快发展。";
        let d = run(task);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&task[d[0].range.clone()], "全面建设小康社会");
        // The paragraph of a later life of 江泽民 names him: the lexicon's era marker.
        let life = "2022年12月2日\n关于中国特色社会主义政治建设，江泽民提出，发展社会主义民主政治，建设社会主义政治文明，是全面建设小康社会的重要目标。";
        assert!(run(life).is_empty(), "{:?}", run(life));
        // A garbled form is a copying error even in a title.
        let g = "学习《以同志为核心的党中央治国理政新实践》";
        assert_eq!(run(g).len(), 1);
        // An unclosed 《 does not make a title.
        assert!(!in_book_title("《全面建设小康社会", &(3..24)));
    }

    #[test]
    fn seed_004_dropped_name_is_restored() {
        let t = "我们要自觉在思想上政治上行动上同以同志为核心的党中央保持高度一致";
        let d = run(t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&t[d[0].range.clone()], "以同志为核心的党中央");
        assert_eq!(
            apply(t, &d[0].fixes[0].edits),
            "我们要自觉在思想上政治上行动上同以习近平同志为核心的党中央保持高度一致"
        );
        // The whole seed: both places.
        let seed = include_str!("../../../seeds/004_7fc5e4630ff442c7.txt");
        assert_eq!(run(seed).len(), 2);
    }

    #[test]
    fn era_bound_forms_depend_on_the_dateline() {
        let old = "2019年3月5日\n协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党战略布局";
        assert!(run(old).is_empty(), "{:?}", run(old));
        let new = old.replace("2019年3月5日", "2021年3月5日");
        let d = run(&new);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            apply(&new, &d[0].fixes[0].edits),
            "2021年3月5日\n协调推进全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党战略布局"
        );
        // No dateline: read as current.
        let undated = "坚定道路自信、理论自信、制度自信";
        let d = run(undated);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            apply(undated, &d[0].fixes[0].edits),
            "坚定道路自信、理论自信、制度自信、文化自信"
        );
        assert!(run("2015年1月1日 坚定道路自信、理论自信、制度自信").is_empty());
    }

    #[test]
    fn an_old_form_soon_after_the_change_is_advice_not_an_error() {
        // tv.cctv.com 2012-11-30, three weeks after the 18th congress changed the goal.
        let t = "2012年11月30日\n贺词指出，全面建设小康社会和全面深化改革开放的历史伟业，需要包括广大侨胞在内的全体中华儿女共同奋斗。";
        let d = run(t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].severity, Severity::Information);
        assert!(d[0].message.contains("新提法启用不久"), "{}", d[0].message);
        assert!(
            d[0].message.contains("应为「全面建成小康社会」"),
            "{}",
            d[0].message
        );
        // tv.cctv.com 2014-09-29: two years on it is an error.
        let t = "2014年9月29日\n民族地区群众困难多，困难群众多，同全国一道实现全面建设小康社会目标难度较大。";
        let d = run(t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].severity, Severity::Error);
        assert!(!d[0].message.contains("新提法启用不久"), "{}", d[0].message);
    }

    #[test]
    fn published_lists_that_are_not_the_older_form_pass() {
        for t in [
            // 人民日报 2026-01-28: the five items of 2017 go on with a sixth.
            "2026年1月28日\n健全党领导下的社会治理体制机制，系统构建党委领导、政府负责、社会协同、公众参与、法治保障、科技支撑的社会治理格局。",
            // tv.cctv.com 2020-09-26: the five items stay the wording of 社会治理体制.
            "2020年9月26日\n要全面形成党委领导、政府负责、社会协同、公众参与、法治保障的社会治理体制，打造共建共治共享的社会治理格局。",
            // tv.cctv.com 2023-06-01: the fourth 自信 follows in the same sentence.
            "2023年6月1日\n习近平总书记指出，中国有坚定的道路自信、理论自信、制度自信，其本质是建立在5000多年文明传承基础上的文化自信。",
        ] {
            assert!(run(t).is_empty(), "{t}: {:?}", run(t));
        }
        // Without the sixth item or the fourth 自信 the older forms are still reported.
        let t = "2026年1月28日\n坚定道路自信、理论自信、制度自信。";
        assert_eq!(run(t).len(), 1, "{:?}", run(t));
    }

    #[test]
    fn canonical_and_accepted_forms_pass() {
        for t in [
            // Seed 000 and 004.
            "坚决贯彻以习近平同志为核心的党中央决策部署",
            "毫不动摇坚持“外防输入、内防反弹”总策略",
            "做到外防输入、内防扩散",
            "做到内防扩散、外防输出",
            "坚决克服麻痹思想、厌战情绪、松劲心态",
        ] {
            assert!(run(t).is_empty(), "{t}: {:?}", run(t));
        }
    }

    #[test]
    fn until_parsing() {
        assert_eq!(parse_until("2020-10-29"), Some((2020, 10, 29)));
        assert_eq!(parse_until("2020"), Some((2020, 12, 31)));
        assert_eq!(parse_until("2020-03"), Some((2020, 3, 31)));
        assert_eq!(parse_until("soon"), None);
    }
}
