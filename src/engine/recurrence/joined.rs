//! Formulas written side by side, the same way each time (增强“四个意识”、坚定“四个自信”、做到
//! “两个维护”): the punctuation between them keeps the phrase finder from reading them as one
//! phrase, yet the document repeats the run whole, as one compound formula. Each such run
//! becomes one recurrence spanning it, so its pieces are not flagged one by one at the same
//! places: the longest formula wins.

use super::background::FIXED_DF;
use super::Recurrence;
use crate::engine::segment;
use crate::engine::text::{is_han, is_sentence_end, overlaps, quoted_by, QUOTE_PAIRS};
use crate::engine::types::Span;
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

/// At most this many characters between two formulas of a run: quotation marks, a comma and a
/// verb (”、坚定“, ”，推进, ” 、做到“).
const MAX_JOINT_CHARS: usize = 6;

/// At most this many formulas in one run: a longer list of them is an enumeration, not one
/// formula, and is left to its pieces.
const MAX_RUN: usize = 6;

/// What may stand between two formulas of a run: within one sentence, a mark that parts them
/// (a comma, 、, a quotation mark), with a few characters more (a verb: 、坚定“), or the particle
/// 的 (实现中华民族伟大复兴|的|中国梦). Words alone between them (…党中央|权威和|集中统一领导) are
/// a phrase the phrase finder read and did not report. Another recurring phrase between them
/// ends the run (see [`join_runs`]).
fn joins(joint: &str) -> bool {
    const PARTING: [char; 3] = ['、', '，', ','];
    let quote = |c: char| QUOTE_PAIRS.iter().any(|&(o, e)| c == o || c == e);
    let breaks = |c: char| is_sentence_end(c) || matches!(c, '：' | ':' | '\n' | '\r');
    joint.len() <= MAX_JOINT_CHARS * 4
        && joint.chars().count() <= MAX_JOINT_CHARS
        && !joint.contains(breaks)
        && (joint.contains(PARTING) || joint.contains(quote) || joint == "的")
}

/// Whether `joint` holds words (a verb: 、坚定“), not only marks or 的.
fn worded(joint: &str) -> bool {
    joint != "的" && joint.chars().any(is_han)
}

/// Whether every quotation mark of `run` is closed within it, in order, each kind with its own.
fn quotes_balanced(run: &str) -> bool {
    let mut open: Vec<char> = Vec::new();
    for c in run.chars() {
        if let Some(&(_, close)) = QUOTE_PAIRS.iter().find(|&&(o, _)| o == c) {
            open.push(close);
        } else if QUOTE_PAIRS.iter().any(|&(_, e)| e == c) && open.pop() != Some(c) {
            return false;
        }
    }
    open.is_empty()
}

/// A formula a run may join: a known slogan or a fixed formulation (规范表述), not the
/// document's topic. Any other recurring phrase ends a run where it stands.
fn joinable(r: &Recurrence) -> bool {
    !r.topic && (r.entry_id.is_some() || r.background_df >= FIXED_DF)
}

/// Whether `formula` opens on a verb or verbal noun of its own (全面|建设社会主义现代化国家), as
/// jieba tags its first two words, rather than on a thing a verb before it acts on (四个意识).
fn carries_its_verb(formula: &str) -> bool {
    segment::jieba()
        .tag(formula, false)
        .iter()
        .take(2)
        .any(|t| matches!(t.tag, "v" | "vn"))
}

/// A place of a formula: start, end, index into `found`.
type Place = (usize, usize, usize);

/// The verb right before `at`, past an opening quotation mark, as jieba tags it, within the
/// clause: 增强 in …，增强“四个意识”.
fn verb_before(text: &str, at: usize) -> Option<&str> {
    let before = &text[..at];
    let clause = before
        .char_indices()
        .rev()
        .take(MAX_JOINT_CHARS)
        .take_while(|&(_, c)| is_han(c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let stretch = &before[clause..];
    let tags = segment::jieba().tag(stretch, false);
    let last = tags.last()?;
    (last.tag == "v" && stretch.ends_with(last.word)).then_some(last.word)
}

/// Adds to `found` one recurrence for each run of formulas that the document writes
/// identically at least `min_count` times, with at least one known slogan among them, longest
/// runs first and never overlapping one another; the places of the formulas inside a run are
/// then the run's only, so each formula keeps its other places as its own family. Each place
/// of a run spans the quotation marks around it when every place has them, and the verb before
/// it when a later formula of the run follows a verb of its own (增强|“四个意识”、坚定“四个自信”、
/// 做到“两个维护”): the same verb at every place, or a first formula that opens on its own;
/// otherwise the run would start on an object cut from its verb, and is not formed. A run
/// carries the first slogan's entry, the least background dispersion of its formulas, and no
/// topic.
pub fn join_runs(text: &str, found: &mut Vec<Recurrence>, min_count: usize) {
    let min_count = min_count.max(2);
    let mut places: Vec<(Place, bool)> = found
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            let ok = joinable(r);
            r.spans.iter().map(move |s| ((s.start, s.end, i), ok))
        })
        .collect();
    // At one start the longer formula first: the shorter one is nested in it.
    places.sort_unstable_by_key(|&((s, e, i), _)| (s, Reverse(e), i));
    // Maximal runs of places of different formulas with a joint between each two. A place
    // nested in the previous one is passed over; a phrase that may not join ends the run.
    let mut runs: Vec<Vec<Place>> = Vec::new();
    // The end, formula and joinability of the last place not nested in another.
    let mut prev: Option<(usize, usize, bool)> = None;
    for (p, ok) in places {
        let extend = match prev {
            Some((end, _, _)) if p.0 < end => {
                if p.1 <= end {
                    continue;
                }
                false
            }
            Some((end, ix, prev_ok)) => prev_ok && ok && p.2 != ix && joins(&text[end..p.0]),
            None => false,
        };
        prev = Some((p.1, p.2, ok));
        if !ok {
            continue;
        }
        match runs.last_mut() {
            Some(run) if extend => run.push(p),
            _ => runs.push(vec![p]),
        }
    }
    // Every sub-run of two formulas or more, by its text: the places of its formulas each
    // time, in text order.
    let mut by_text: HashMap<&str, Vec<&[Place]>> = HashMap::new();
    for run in runs.iter().filter(|r| (2..=MAX_RUN).contains(&r.len())) {
        for a in 0..run.len() {
            for b in a + 1..run.len() {
                by_text
                    .entry(&text[run[a].0..run[b].1])
                    .or_default()
                    .push(&run[a..=b]);
            }
        }
    }
    let mut candidates: Vec<(&str, Vec<&[Place]>)> = by_text
        .into_iter()
        .filter(|(_, at)| at.len() >= min_count)
        .collect();
    candidates.sort_by_key(|(t, at)| (Reverse(t.len()), Reverse(at.len()), at[0][0].0));
    // The places of the runs formed so far, start -> end, never overlapping.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let free = |taken: &BTreeMap<usize, usize>, s: &Span| {
        taken
            .range(..s.end)
            .next_back()
            .is_none_or(|(_, &end)| end <= s.start)
    };
    let mut joined: Vec<(Recurrence, Vec<usize>)> = Vec::new();
    for (run_text, at) in candidates {
        // A run with no mark inside (实现中华民族伟大复兴的中国梦) may be a phrase found already.
        if found.iter().any(|r| r.phrase == run_text) {
            continue;
        }
        let members: Vec<usize> = at[0].iter().map(|p| p.2).collect();
        if !members.iter().any(|&i| found[i].entry_id.is_some()) {
            continue;
        }
        // In text order, outside the runs formed so far; a run that a longer run of the same
        // formulas writes twice, overlapping (A、B、A in A、B、A、B、A), counts once.
        let mut spans: Vec<Span> = Vec::new();
        for s in at.iter().map(|run| run[0].0..run[run.len() - 1].1) {
            if free(&taken, &s) && !spans.last().is_some_and(|l| overlaps(l, &s)) {
                spans.push(s);
            }
        }
        if spans.len() < min_count {
            continue;
        }
        if let Some(pair @ (open, close)) = quoted_by(text, &spans[0]) {
            if spans.iter().all(|s| quoted_by(text, s) == Some(pair)) {
                for s in &mut spans {
                    *s = s.start - open.len_utf8()..s.end + close.len_utf8();
                }
            }
        }
        let run = at[0];
        let first = &text[run[0].0..run[0].1];
        let verbs_between = run.windows(2).any(|w| worded(&text[w[0].1..w[1].0]));
        if verbs_between && !carries_its_verb(first) {
            let verb = verb_before(text, spans[0].start);
            match verb {
                Some(v)
                    if spans[1..]
                        .iter()
                        .all(|s| verb_before(text, s.start) == Some(v)) =>
                {
                    for s in &mut spans {
                        s.start -= v.len();
                    }
                }
                _ => continue,
            }
        }
        // A run that opens or closes inside a quotation (“三个代表|”重要思想、科学发展观) cuts
        // it. The last two tests are defensive: a verb taken in never reaches into another
        // place, as it stops at the clause's first mark.
        if !quotes_balanced(&text[spans[0].clone()])
            || !spans.iter().all(|s| free(&taken, s))
            || spans.windows(2).any(|w| overlaps(&w[0], &w[1]))
        {
            continue;
        }
        taken.extend(spans.iter().map(|s| (s.start, s.end)));
        let recurrence = Recurrence {
            phrase: text[spans[0].clone()].to_string(),
            entry_id: members.iter().find_map(|&i| found[i].entry_id.clone()),
            background_df: members
                .iter()
                .map(|&i| found[i].background_df)
                .min()
                .unwrap_or(0),
            topic: false,
            spans,
        };
        joined.push((recurrence, members));
    }
    // Inside a run, its formulas stand for the run only: their other places stay theirs, and
    // they do not join the run's family with them.
    for (run, members) in &joined {
        for &i in members {
            found[i].spans.retain(|s| {
                !run.spans
                    .iter()
                    .any(|r| r.start <= s.start && s.end <= r.end)
            });
        }
    }
    found.retain(|r| !r.spans.is_empty());
    found.extend(joined.into_iter().map(|(r, _)| r));
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::engine::recurrence::recurrence_of;

    /// The three slogans of 增强“四个意识”、坚定“四个自信”、做到“两个维护” as the lexicon
    /// finds them in `text` (each its own entry).
    fn slogans(text: &str) -> Vec<Recurrence> {
        ["四个意识", "四个自信", "两个维护"]
            .into_iter()
            .map(|p| Recurrence {
                entry_id: Some(p.to_string()),
                ..recurrence_of(text, p)
            })
            .collect()
    }

    /// The runs `join_runs` adds to the three slogans of `text`, and what is left of them.
    fn runs_in(text: &str) -> (Vec<Recurrence>, Vec<Recurrence>) {
        let mut found = slogans(text);
        join_runs(text, &mut found, 3);
        found.into_iter().partition(|r| r.phrase.contains('、'))
    }

    #[test]
    fn a_run_of_slogans_written_alike_each_time_is_one_recurrence() {
        // Seed 000's sentence, three times, and 两个维护 once more on its own.
        let s = "要增强“四个意识”、坚定“四个自信”、做到“两个维护”,进一步增强统筹做好疫情防控和经济社会发展工作的责任感、紧迫感。";
        let text = format!("{}坚决做到“两个维护”。", s.repeat(3));
        let (runs, rest) = runs_in(&text);
        assert_eq!(runs.len(), 1);
        let run = &runs[0];
        assert_eq!(run.phrase, "增强“四个意识”、坚定“四个自信”、做到“两个维护”");
        assert_eq!(run.spans.len(), 3);
        assert_eq!(run.entry_id.as_deref(), Some("四个意识"));
        assert!(run.spans.iter().all(|s| text[s.clone()] == run.phrase));
        // Inside the run the slogans stand for it; 两个维护 keeps its place of its own.
        assert_eq!(rest.len(), 1);
        assert_eq!(rest[0].phrase, "两个维护");
        assert_eq!(rest[0].spans.len(), 1);
    }

    #[test]
    fn runs_need_a_slogan_the_same_writing_and_one_sentence() {
        let s = "增强“四个意识”、坚定“四个自信”。做到“两个维护”。";
        let text = format!("{s}{s}增强“四个意识”、坚定“四个自信”，做到“两个维护”。");
        // 四个意识、四个自信 three times alike, quoted; never across 。, and the third place's
        // joint to 两个维护 differs.
        let (runs, rest) = runs_in(&text);
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].phrase, "增强“四个意识”、坚定“四个自信”");
        assert_eq!(rest.len(), 1);
        // Two fixed formulations with no slogan among them are left as they are.
        let mut plain = vec![
            recurrence_of(&text, "四个意识"),
            recurrence_of(&text, "四个自信"),
        ];
        for r in &mut plain {
            r.background_df = FIXED_DF;
        }
        join_runs(&text, &mut plain, 3);
        assert_eq!(plain.len(), 2);
    }

    #[test]
    fn a_run_takes_its_verb_or_is_not_formed() {
        // Quoted speech: the slogans in single quotation marks, the verb before the first.
        let s = "代表们表示：“要增强‘四个意识’、坚定‘四个自信’、做到‘两个维护’，做好各项工作。”";
        let (runs, _) = runs_in(&s.repeat(3));
        assert_eq!(runs.len(), 1);
        assert_eq!(
            runs[0].phrase,
            "增强‘四个意识’、坚定‘四个自信’、做到‘两个维护’"
        );
        // Different verbs before the first slogan: no run starts on its object.
        let text = "要增强四个意识、坚定四个自信、做到两个维护。\
                    牢固树立四个意识、坚定四个自信、做到两个维护。\
                    始终增强四个意识、坚定四个自信、做到两个维护。";
        let (runs, rest) = runs_in(text);
        assert!(runs.is_empty(), "{runs:?}");
        assert_eq!(rest.len(), 3);
    }

    #[test]
    fn a_phrase_that_may_not_join_ends_a_run() {
        // 中国梦 is the document's topic here: the slogans on either side stay apart.
        let text = "坚持四个意识、中国梦、四个自信。".repeat(3);
        let mut found = slogans(&text);
        found.push(Recurrence {
            entry_id: Some("中国梦".to_string()),
            topic: true,
            ..recurrence_of(&text, "中国梦")
        });
        join_runs(&text, &mut found, 3);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().all(|r| !r.phrase.contains('、')));
    }

    #[test]
    fn places_never_overlap_in_a_periodic_list() {
        // A list that writes the same two slogans over and over: every run found stands in
        // places that overlap no other run's.
        let s = "增强“四个意识”、坚定“四个自信”、增强“四个意识”、坚定“四个自信”、增强“四个意识”。";
        let text = s.repeat(2);
        let (runs, _) = runs_in(&text);
        let mut places: Vec<Span> = runs.iter().flat_map(|r| r.spans.clone()).collect();
        assert!(!places.is_empty());
        places.sort_by_key(|p| p.start);
        assert!(
            places.windows(2).all(|w| w[0].end <= w[1].start),
            "{places:?}"
        );
        assert!(runs
            .iter()
            .all(|r| r.spans.iter().all(|p| text[p.clone()] == r.phrase)));
    }

    /// Each of `phrases` as a known slogan of `text`.
    fn known(text: &str, phrases: &[&str]) -> Vec<Recurrence> {
        phrases
            .iter()
            .map(|&p| Recurrence {
                entry_id: Some(p.to_string()),
                ..recurrence_of(text, p)
            })
            .collect()
    }

    #[test]
    fn a_run_ends_on_the_longer_formula_at_a_start() {
        // 四个全面 and 四个全面战略布局 start at one place: the run takes the longer.
        let text = "坚持新发展理念、四个全面战略布局。".repeat(3);
        let mut found = known(&text, &["新发展理念", "四个全面", "四个全面战略布局"]);
        join_runs(&text, &mut found, 3);
        let runs: Vec<&str> = found
            .iter()
            .filter(|r| r.phrase.contains('、'))
            .map(|r| r.phrase.as_str())
            .collect();
        assert_eq!(runs, ["新发展理念、四个全面战略布局"]);
    }

    #[test]
    fn a_list_longer_than_a_run_is_an_enumeration() {
        let list = [
            "四个意识",
            "四个自信",
            "两个维护",
            "两个确立",
            "四个全面",
            "五位一体",
            "新发展理念",
        ];
        let text = format!("{}。", list.join("、")).repeat(3);
        let mut found = known(&text, &list);
        join_runs(&text, &mut found, 3);
        assert_eq!(found.len(), list.len(), "{found:?}");
    }
}
