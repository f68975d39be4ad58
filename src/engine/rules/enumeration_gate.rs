//! When a run of slogan components is a real enumeration of the slogan, which `slogan-order`
//! and `slogan-incomplete` may judge, and when their fix may be applied without a look
//! (fix-all, `check --fix`).
//!
//! Published text is full of lists that share words with a slogan without enumerating it:
//! 捍卫国际公平正义、维护世界和平、促进共同发展 (not 全人类共同价值), 践行“绿色、共享、开放、廉洁”理念
//! (not 新发展理念), 严防严纠享乐主义、奢靡之风，着力整治形式主义、官僚主义 (四风 in two clauses),
//! 推进伟大工程，要结合伟大斗争、伟大事业、伟大梦想的实践来进行 (the 十九大 report's own wording). An
//! enumeration is judged only when
//! - it holds the full set of components or all but one (or, misordered, a group of three
//!   distinctive or four generic components: 严以律己、严以修身、严以用权; a group of distinctive
//!   ones is most of the slogan or built alike, so that 系统观念、问题导向、守正创新, three of the
//!   six 必须坚持, is the writer's own list);
//! - it stays within one clause: no gap between its items holds a sentence mark, and list
//!   marks (、) and clause marks (，；) are not mixed unless the slogan's own wording mixes them;
//! - the list does not go on with items of its own on either side (…发展、人权和国际合作);
//! - it does not sit inside a quoted passage (a quotation of an original wording);
//! - when its components are generic words (two characters or fewer: 和平, 发展, 绿色), the
//!   slogan is named in the same sentence (“新发展理念”, …的发展理念) or four of them stand
//!   together;
//! - an item swapped for a component of a three-item slogan needs the name too
//!   (稳增长、稳就业、稳预期 is a list of its own).
//!
//! Its fix is preferred (applied by fix-all) only when the enumeration is labelled (the
//! slogan's name in the same sentence) or unambiguous (full set of distinctive components).

use crate::engine::lexicon::{Confidence, Entry, Enumeration, Scope, Verdict};
use crate::engine::types::Span;

/// What the slogan rules may do with an enumeration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Judgement {
    /// Not a real enumeration of the slogan: say nothing.
    Skip,
    /// Report it; offer the fix, but not for fix-all.
    Offer,
    /// Report it; the fix may be applied without a look.
    Apply,
}

/// Characters of a generic component: a word that occurs in any prose.
const GENERIC_CHARS: usize = 2;

pub(crate) fn judge(en: &Enumeration, entry: &Entry, text: &str) -> Judgement {
    let n = entry.components.len();
    let present: Vec<&str> = en
        .items
        .iter()
        .filter_map(|i| i.canonical)
        .map(|c| entry.components[c].as_str())
        .collect();
    let k = present.len();
    let swapped = matches!(en.verdict, Verdict::Swapped { .. });
    let generic = present.iter().any(|c| c.chars().count() <= GENERIC_CHARS);
    // Full set, or all but one (a swapped item stands in for the missing one). A shorter
    // run in the wrong order counts when it is a group of its own: three distinctive items
    // (严以律己、严以修身、严以用权 of 三严三实) or four generic ones (富强、民主、和谐、文明).
    let enough =
        k + 1 >= n || (en.verdict == Verdict::OutOfOrder && k >= if generic { 4 } else { 3 });
    if !enough || en.items.len() < 2 {
        return Judgement::Skip;
    }
    if crosses_clause(en, entry) || continues(en, text) || inside_quoted_passage(en, text) {
        return Judgement::Skip;
    }
    let labelled = labelled(en, entry, text);
    // A short run of distinctive items is a group of the slogan's own when its items are
    // built alike (严以修身、严以用权、严以律己 of 三严三实) or are most of the slogan; three of the
    // six 必须坚持 (坚持系统观念、问题导向、守正创新, 新闻联播 2024-10-21) are a list of the
    // writer's, in the writer's order.
    let short = k + 1 < n;
    let own_group = generic || labelled || 2 * k > n || built_alike(en, text);
    if short && !own_group {
        return Judgement::Skip;
    }
    // Generic words make the slogan only when it is named, or when four or more of them
    // stand together.
    if generic && !labelled && k < 4 {
        return Judgement::Skip;
    }
    // In a list of three, an item in place of a component is as likely a different list
    // (稳增长、稳就业、稳预期 of 2024 against 稳增长、稳就业、稳物价).
    if swapped && n < 4 && !labelled {
        return Judgement::Skip;
    }
    // A local formulation of short items (三防: 防输入、防扩散、防输出) is not imposed on text
    // that does not name it, and two items of an unverified entry swapped in prose
    // (生命至上、人民至上) are that slogan only when quoted as one.
    // A user's own entry is no more certain than an unsure one.
    let unsure = entry.confidence != Confidence::Confirmed;
    let distinctive = present.iter().all(|c| c.chars().count() >= 4);
    let local = entry.scope == Scope::Local && !distinctive;
    if (local || (n == 2 && unsure && !quoted_exactly(en, text))) && !labelled {
        return Judgement::Skip;
    }
    // Nor is an unverified entry's list of components imposed on a list one item short of it
    // that does not name the slogan (用最严格的监管、最严厉的处罚、最严肃的问责, three of the
    // four of 四个最严, an entry still unsure).
    if en.verdict == Verdict::Missing && unsure && !labelled {
        return Judgement::Skip;
    }
    // A list one short of the slogan that builds another thing than the slogan's own
    // (…、生活富裕的时代画卷 against …的总要求; 人民日报's six items of …的社会治理格局 against
    // the seven of …的社会治理体系) is a formulation of its own.
    if matches!(en.verdict, Verdict::Missing | Verdict::Swapped { .. })
        && builds_another_head(en, entry, text)
    {
        return Judgement::Skip;
    }
    // The left-out component is in the same sentence (学史力行是…落脚点，要把学史明理、学史增信、
    // 学史崇德的成果…): the text sets it apart on purpose.
    if en.verdict == Verdict::Missing && left_out_nearby(en, entry, text) {
        return Judgement::Skip;
    }
    let full = k == n && !swapped;
    if labelled || (full && !generic && !unsure && en.verdict == Verdict::OutOfOrder) {
        Judgement::Apply
    } else {
        Judgement::Offer
    }
}

/// Whether every item opens with the same character (严以…, 全面…).
fn same_opening(items: &[&str]) -> bool {
    let first = |s: &&str| s.chars().next();
    items
        .first()
        .map(first)
        .is_some_and(|f| items.iter().all(|s| first(s) == f))
}

/// Whether the items, as written, open the same way: 严以修身、严以用权、严以律己, or each with
/// the slogan's verb (必须坚持人民至上，必须坚持守正创新，必须坚持自信自立).
fn built_alike(en: &Enumeration, text: &str) -> bool {
    let written: Vec<&str> = en
        .items
        .iter()
        .filter_map(|i| text.get(i.range.clone()))
        .collect();
    written.len() == en.items.len() && same_opening(&written)
}

fn is_clause_mark(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '：' | ':' | '。' | '！' | '？' | '!' | '?'
    )
}

/// Whether the enumeration runs over a clause boundary: a gap holds a sentence mark, or
/// the gaps mix list marks (、) with clause marks (，；) where the slogan's own wording does
/// not (守初心、担使命，找差距、抓落实 does). A list written with commas throughout is one list.
fn crosses_clause(en: &Enumeration, entry: &Entry) -> bool {
    let mut list_mark = false;
    let mut clause_mark = false;
    for g in &en.gaps {
        for c in g.chars() {
            match c {
                '。' | '！' | '？' | '!' | '?' | '：' | ':' => return true,
                '，' | ',' | '；' | ';' => clause_mark = true,
                '、' => list_mark = true,
                _ => {}
            }
        }
    }
    let own_wording_mixes = entry.full.contains('、') && entry.full.contains(['，', '；']);
    // Two items in two clauses are two statements, not a list: 一头连接21世纪海上丝绸之路，一头
    // 连接丝绸之路经济带 (新闻联播 2017-05-12) names both parts of 一带一路 in its own order.
    let two_clauses = en.items.len() == 2 && clause_mark && !entry.full.contains(['，', '；']);
    (list_mark && clause_mark && !own_wording_mixes) || two_clauses
}

fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '"' | '「' | '」' | '『' | '』')
}

/// Whether the list has further items of its own before or after the enumeration
/// (…发展、人权和国际合作; 统筹X、和平、发展…).
fn continues(en: &Enumeration, text: &str) -> bool {
    let span = en.span();
    if listed_on(text, &span) {
        return true;
    }
    let after = text[span.end..].trim_start_matches(is_quote);
    for conj in ["和", "与", "及", "以及"] {
        if let Some(rest) = after.strip_prefix(conj) {
            // 和 before a new item of the same shape; not 和 starting the next phrase
            // (…看齐意识和“四个自信”), which the enumeration's own items would have caught.
            if item_follows(rest) && is_list_tail(rest, en, text) {
                return true;
            }
        }
    }
    false
}

/// Whether a component the enumeration leaves out stands elsewhere in its sentence.
pub(crate) fn left_out_nearby(en: &Enumeration, entry: &Entry, text: &str) -> bool {
    let (before, after) = sentence_of(en, text);
    entry
        .components
        .iter()
        .enumerate()
        .filter(|(c, _)| !en.items.iter().any(|i| i.canonical == Some(*c)))
        .any(|(_, m)| before.contains(m.as_str()) || after.contains(m.as_str()))
}

/// Whether the enumeration is followed by 的 and a head noun other than the one the slogan's
/// full form gives its list (完善…科技支撑|的社会治理体系): the text names another thing, read
/// by the head's last two characters within the next few (…法治保障、科技支撑|的社会治理格局).
/// Without such a head in the full form, or a 的 after the list, nothing is decided.
fn builds_another_head(en: &Enumeration, entry: &Entry, text: &str) -> bool {
    // The head follows the term (…的社会治理体系) or, in a full form that spells the list out,
    // its last component (…全面从严治党的战略布局).
    let after_term = entry
        .full
        .find(entry.term.as_str())
        .and_then(|at| entry.full[at + entry.term.len()..].strip_prefix('的'));
    let after_list = || {
        let last = entry.components.last()?;
        let at = entry.full.rfind(last.as_str())?;
        entry.full[at + last.len()..].strip_prefix('的')
    };
    let Some(head) = after_term.or_else(after_list).filter(|h| !h.is_empty()) else {
        return false;
    };
    // The head's last two characters (体系 of 社会治理体系, 要求 of 总要求).
    let tail = &head[head.char_indices().rev().nth(1).map_or(0, |(i, _)| i)..];
    let Some(after) = text[en.span().end..]
        .trim_start_matches(is_quote)
        .strip_prefix('的')
    else {
        return false;
    };
    let reach: String = after.chars().take(head.chars().count() + 2).collect();
    !tail.is_empty() && !reach.contains(tail)
}

/// Whether `rest` opens on an item: a Han character or a quotation mark.
fn item_follows(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_some_and(|c| crate::engine::text::is_han(c) || is_quote(c))
}

/// Whether the list written at `span` goes on with a 、 and an item after it, or follows a
/// 、 before it: `span` is then a part of a longer list (党委领导、…、法治保障|、科技支撑).
pub(crate) fn listed_on(text: &str, span: &Span) -> bool {
    let after = text[span.end..].trim_start_matches(is_quote);
    if after.strip_prefix('、').is_some_and(item_follows) {
        return true;
    }
    text[..span.start]
        .trim_end_matches(is_quote)
        .ends_with('、')
}

/// After 和/与/及: an item of the same shape as the list's own closes it (收治率和治愈率、降低感染率
/// 和病亡率): within eight characters it has the last character of the list's last item.
fn is_list_tail(rest: &str, en: &Enumeration, text: &str) -> bool {
    let Some(last) = en
        .items
        .last()
        .and_then(|i| text[i.range.clone()].chars().next_back())
    else {
        return false;
    };
    rest.chars()
        .take_while(|c| crate::engine::text::is_han(*c))
        .take(8)
        .any(|c| c == last)
}

/// Whether the enumeration sits inside a quoted passage that is more than the list: a
/// quotation holding a clause mark outside the enumeration.
fn inside_quoted_passage(en: &Enumeration, text: &str) -> bool {
    let span = en.span();
    let (from, to) = lines_of(en, text);
    let before = &text[from..span.start];
    let Some(open) = before.rfind('“') else {
        return false;
    };
    if before[open..].contains('”') {
        return false;
    }
    let after = &text[span.end..to];
    let Some(close) = after.find('”') else {
        return false;
    };
    let inside = format!("{}{}", &before[open..], &after[..close]);
    inside.chars().any(is_clause_mark)
}

/// The enumeration's sentence without the enumeration: the text before it and after it.
/// The lines the enumeration is on (it may run over a line break): the only context the
/// gate reads, so that a line judged alone and the whole text agree.
fn lines_of(en: &Enumeration, text: &str) -> (usize, usize) {
    let span = en.span();
    let from = text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let to = text[span.end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| span.end + i);
    (from, to)
}

fn sentence_of<'t>(en: &Enumeration, text: &'t str) -> (&'t str, &'t str) {
    let span = en.span();
    let is_end = |c: char| matches!(c, '。' | '！' | '？' | '\n' | '\r');
    let start = text[..span.start].rfind(is_end).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[span.end..]
        .find(is_end)
        .map_or(text.len(), |i| span.end + i);
    (&text[start..span.start], &text[span.end..end])
}

/// Whether the enumeration is quoted as one formula: “内防反弹、外防输入”.
fn quoted_exactly(en: &Enumeration, text: &str) -> bool {
    let span = en.span();
    text[..span.start].ends_with(['“', '「', '"']) && text[span.end..].starts_with(['”', '」', '"'])
}

/// Whether the slogan is named (term or alias) in the enumeration's sentence, or the entry's
/// term is the enumeration itself.
fn labelled(en: &Enumeration, entry: &Entry, text: &str) -> bool {
    let span = en.span();
    let (before, after_list) = sentence_of(en, text);
    let sentence_without_list = format!("{before}{after_list}");
    // Right after the list, the end of the name: 创新、协调…共享的发展理念.
    let after = text[span.end..].trim_start_matches(|c: char| is_quote(c) || c == '的');
    std::iter::once(&entry.term)
        .chain(&entry.aliases)
        .filter(|t| !t.is_empty() && !t.contains('、') && !t.contains('，'))
        .any(|t| {
            sentence_without_list.contains(t.as_str())
                || t.char_indices()
                    .skip(1)
                    .map(|(i, _)| &t[i..])
                    .take_while(|tail| tail.chars().count() >= 3)
                    .any(|tail| after.starts_with(tail))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lexicon::test_lexicon;

    #[test]
    fn a_list_inside_a_longer_list_is_listed_on() {
        let five = "党委领导、政府负责、社会协同、公众参与、法治保障";
        let at = |t: &str| {
            let s = t.find(five).unwrap();
            s..s + five.len()
        };
        // 人民日报 2026-01-28: the list goes on with 、科技支撑.
        let t =
            "系统构建党委领导、政府负责、社会协同、公众参与、法治保障、科技支撑的社会治理格局。";
        assert!(listed_on(t, &at(t)));
        // tv.cctv.com 2020-09-26: the five items are the whole list.
        let t = "要全面形成党委领导、政府负责、社会协同、公众参与、法治保障的社会治理体制";
        assert!(!listed_on(t, &at(t)));
    }

    fn judgements(text: &str) -> Vec<(String, Judgement)> {
        let lex = test_lexicon();
        let scan = lex.scan(text);
        scan.enumerations
            .iter()
            .filter(|en| {
                matches!(
                    en.verdict,
                    Verdict::OutOfOrder | Verdict::Missing | Verdict::Swapped { .. }
                )
            })
            .map(|en| {
                let entry = &lex.entries()[en.entry];
                (entry.term.clone(), judge(en, entry, text))
            })
            .collect()
    }

    #[test]
    fn lists_that_only_share_words_are_skipped() {
        for t in [
            // tv.cctv.com, 2022-10-01 (the 十九大 report quoted in 《求是》).
            "推进伟大工程，要结合伟大斗争、伟大事业、伟大梦想的实践来进行，确保党始终走在时代前列。",
            // tv.cctv.com, 2025-09-04.
            "要肩负起捍卫国际公平正义、维护世界和平、促进共同发展的历史责任。",
            // tv.cctv.com, 2022-10-28.
            "相信中国将为增进和平、民主、发展、人权和国际合作作出新的重大贡献。",
            // tv.cctv.com, 2024-12-25.
            "严防严纠享乐主义、奢靡之风，着力整治形式主义、官僚主义。",
            // tv.cctv.com, 2025 (残特奥会).
            "践行“绿色、共享、开放、廉洁”理念，本届残特奥会。",
            // tv.cctv.com, 2016-11-25: three 全面 that build another thing than 四个全面's
            // 战略布局.
            "国家监察体制改革是事关全局的重大政治改革，体现了全面深化改革、全面依法治国和全面从严治党的有机统一。",
            // tv.cctv.com, 2017-05-12: the two parts of 一带一路 in two clauses.
            "海运网络覆盖全球。一头连接21世纪海上丝绸之路，一头连接丝绸之路经济带，地处西南边陲的广西，正在成为国际交通新枢纽。",
            // tv.cctv.com, 2024-10-21: three of the six 必须坚持, in the writer's order.
            "坚定“四个自信”、做到“两个维护”，坚持系统观念、问题导向、守正创新，深化产业工人队伍建设改革。",
        ] {
            assert!(
                judgements(t).iter().all(|(_, j)| *j == Judgement::Skip),
                "{t}: {:?}",
                judgements(t)
            );
        }
    }

    #[test]
    fn real_enumerations_are_judged() {
        let j = judgements("要增强政治意识、核心意识、大局意识、看齐意识,坚定“四个自信”");
        assert_eq!(j, vec![("四个意识".to_string(), Judgement::Apply)]);
        // Labelled generic components.
        let j = judgements("坚持创新、绿色、协调、开放、共享的新发展理念");
        assert_eq!(j, vec![("新发展理念".to_string(), Judgement::Apply)]);
        // All but one, unlabelled: offered, not applied.
        let j = judgements("要增强政治意识、大局意识、核心意识,坚定信心");
        assert_eq!(j, vec![("四个意识".to_string(), Judgement::Offer)]);
        // Three of the six of 三严三实 are built alike, a group of the slogan's own; three
        // of the six 必须坚持 are not.
        assert!(same_opening(&["严以修身", "严以用权", "严以律己"]));
        assert!(!same_opening(&["系统观念", "问题导向", "守正创新"]));
        assert!(!same_opening(&[]));
        // A quoted wording of the original is left alone.
        let j = judgements("他说：“我们要增强政治意识、核心意识、大局意识、看齐意识，坚定自信。”");
        assert!(j.iter().all(|(_, j)| *j == Judgement::Skip), "{j:?}");
    }
}
