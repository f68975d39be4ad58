//! Formulas written side by side, the same way each time (增强“四个意识”、坚定“四个自信”、做到
//! “两个维护”): the punctuation between them keeps the phrase finder from reading them as one
//! phrase, yet the document repeats the run whole, as one compound formula. Each such run
//! becomes one recurrence spanning it, so its pieces are not flagged one by one at the same
//! places: the longest formula wins.

use super::background::FIXED_DF;
use super::Recurrence;
use crate::engine::segment;
use crate::engine::text::is_han;
use crate::engine::types::Span;
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

/// At most this many characters between two formulas of a run: quotation marks, a comma and a
/// verb (”、坚定“, ”，推进, ” 、做到“).
const MAX_JOINT_CHARS: usize = 6;

/// At most this many formulas in one run: a longer list is an enumeration, not a formula, and
/// the sub-runs of a run are counted one by one.
const MAX_RUN: usize = 6;

/// What may stand between two formulas of a run: within one sentence, a mark that parts
/// them (a comma, 、, a quotation mark) with a verb at most, or the particle 的 (实现中华民族伟大
/// 复兴|的|中国梦). Words alone between them (…党中央|权威和|集中统一领导) are a phrase the
/// phrase finder read and did not report.
fn joins(joint: &str) -> bool {
    const SENTENCE_ENDS: [char; 11] =
        ['。', '！', '？', '；', '：', '!', '?', ';', ':', '\n', '\r'];
    const PARTING: [char; 7] = ['、', '，', ',', '“', '”', '‘', '’'];
    joint.chars().count() <= MAX_JOINT_CHARS
        && !joint.contains(SENTENCE_ENDS)
        && (joint.contains(PARTING) || joint == "的")
}

/// Whether every quotation mark of `run` is closed within it, in order.
fn quotes_balanced(run: &str) -> bool {
    let mut open = 0usize;
    for c in run.chars() {
        match c {
            '“' => open += 1,
            '”' if open == 0 => return false,
            '”' => open -= 1,
            _ => {}
        }
    }
    open == 0
}

/// A formula a run may join: a known slogan or a fixed formulation (规范表述), not the
/// document's topic (a run holding the topic is about it too).
fn joinable(r: &Recurrence) -> bool {
    !r.topic && (r.entry_id.is_some() || r.background_df >= FIXED_DF)
}

/// A place of a formula in a run: start, end, index into `found`.
type Place = (usize, usize, usize);

/// Every sub-run of two formulas or more, by its text: the places of its formulas each time.
type SubRuns<'t> = HashMap<&'t str, Vec<Vec<Place>>>;

/// The verb right before `at` (the word before an opening quotation mark too), as jieba tags
/// it, within the clause: 增强 in …，增强“四个意识”.
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
/// runs first and never overlapping one another. Each place spans the run, the quotation marks
/// around it when every place has them, and the verb before it when the other formulas of the
/// run follow verbs of their own (增强|“四个意识”、坚定“四个自信”、做到“两个维护”: without 增强
/// the run would start on an object cut from its verb). It carries the first slogan's entry,
/// the least background dispersion of its formulas, and no topic.
pub fn join_runs(text: &str, found: &mut Vec<Recurrence>, min_count: usize) {
    let min_count = min_count.max(2);
    let mut places: Vec<Place> = found
        .iter()
        .enumerate()
        .filter(|(_, r)| joinable(r))
        .flat_map(|(i, r)| r.spans.iter().map(move |s| (s.start, s.end, i)))
        .collect();
    places.sort_unstable();
    // Maximal runs of places of different formulas with a joint between each two. A place
    // nested in the previous one (a slogan inside a longer formula) is passed over.
    let mut runs: Vec<Vec<Place>> = Vec::new();
    for p in places {
        let Some(run) = runs.last_mut() else {
            runs.push(vec![p]);
            continue;
        };
        let &(_, last_end, last_ix) = run.last().unwrap_or(&p);
        if p.0 < last_end {
            if p.1 > last_end {
                runs.push(vec![p]);
            }
        } else if p.2 != last_ix && joins(&text[last_end..p.0]) {
            run.push(p);
        } else {
            runs.push(vec![p]);
        }
    }
    let mut by_text: SubRuns = HashMap::new();
    for run in runs.iter().filter(|r| r.len() >= 2) {
        for a in 0..run.len() {
            for b in a + 1..run.len().min(a + MAX_RUN) {
                by_text
                    .entry(&text[run[a].0..run[b].1])
                    .or_default()
                    .push(run[a..=b].to_vec());
            }
        }
    }
    let mut candidates: Vec<(&str, Vec<Vec<Place>>)> = by_text
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
    let mut joined = Vec::new();
    for (_, at) in candidates {
        let members: Vec<usize> = at[0].iter().map(|p| p.2).collect();
        if !members.iter().any(|&i| found[i].entry_id.is_some()) {
            continue;
        }
        // In text order, outside the runs formed so far; a run written twice within one longer
        // run (A、B、A、B) counts once.
        let mut spans: Vec<Span> = Vec::new();
        for s in at.iter().map(|run| run[0].0..run[run.len() - 1].1) {
            if free(&taken, &s) && spans.last().is_none_or(|l| l.end <= s.start) {
                spans.push(s);
            }
        }
        if spans.len() < min_count {
            continue;
        }
        let quoted = |s: &Span| text[..s.start].ends_with('“') && text[s.end..].starts_with('”');
        if spans.iter().all(quoted) {
            let q = '“'.len_utf8();
            for s in &mut spans {
                *s = s.start - q..s.end + q;
            }
        }
        // Verbs between the formulas (、坚定“…”、做到“…”) call for the verb before the first one
        // (增强“四个意识”) when the same verb stands there each time. A quoted first formula is
        // a verb's object: without it, the run is cut from its verb. Unquoted, the first
        // formula carries its own (全面建设社会主义现代化国家、全面推进中华民族伟大复兴).
        let run = &at[0];
        let verbs_between = run.windows(2).any(|w| {
            let joint = &text[w[0].1..w[1].0];
            joint != "的" && joint.chars().any(is_han)
        });
        if verbs_between {
            let verbs: Vec<Option<&str>> =
                spans.iter().map(|s| verb_before(text, s.start)).collect();
            match verbs[0] {
                Some(verb) if verbs.iter().all(|v| *v == Some(verb)) => {
                    for s in &mut spans {
                        s.start -= verb.len();
                    }
                }
                _ if text[spans[0].clone()].starts_with('“') => continue,
                _ => {}
            }
        }
        // A run that opens or closes inside a quotation (“三个代表|”重要思想、科学发展观) cuts it;
        // one whose verb reaches into a longer run is part of it.
        if !quotes_balanced(&text[spans[0].clone()])
            || !spans.iter().all(|s| free(&taken, s))
            || spans.windows(2).any(|w| w[0].end > w[1].start)
        {
            continue;
        }
        taken.extend(spans.iter().map(|s| (s.start, s.end)));
        joined.push(Recurrence {
            phrase: text[spans[0].clone()].to_string(),
            entry_id: members.iter().find_map(|&i| found[i].entry_id.clone()),
            background_df: members
                .iter()
                .map(|&i| found[i].background_df)
                .min()
                .unwrap_or(0),
            topic: false,
            spans,
        });
    }
    found.extend(joined);
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

    #[test]
    fn a_run_of_slogans_written_alike_each_time_is_one_recurrence() {
        // Seed 000's sentence, three times.
        let s = "要增强“四个意识”、坚定“四个自信”、做到“两个维护”,进一步增强统筹做好疫情防控和经济社会发展工作的责任感、紧迫感。";
        let text = s.repeat(3);
        let mut found = slogans(&text);
        join_runs(&text, &mut found, 3);
        assert_eq!(found.len(), 4);
        let run = &found[3];
        assert_eq!(run.phrase, "增强“四个意识”、坚定“四个自信”、做到“两个维护”");
        assert_eq!(run.spans.len(), 3);
        assert_eq!(run.entry_id.as_deref(), Some("四个意识"));
        assert!(run.spans.iter().all(|s| text[s.clone()] == run.phrase));
    }

    #[test]
    fn runs_need_one_writing_a_slogan_and_one_sentence() {
        let s = "增强“四个意识”、坚定“四个自信”。做到“两个维护”。";
        let text = format!("{s}{s}增强“四个意识”、坚定“四个自信”，做到“两个维护”。");
        let mut found = slogans(&text);
        join_runs(&text, &mut found, 3);
        // 四个意识、四个自信 three times alike, quoted; never across 。, and the third place's
        // joint to 两个维护 differs.
        assert_eq!(found.len(), 4);
        assert_eq!(found[3].phrase, "增强“四个意识”、坚定“四个自信”");
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
    fn places_never_overlap_in_a_periodic_list() {
        // A list that writes the same two slogans over and over: every run found stands in
        // places that overlap no other run's.
        let s = "增强“四个意识”、坚定“四个自信”、增强“四个意识”、坚定“四个自信”、增强“四个意识”。";
        let text = s.repeat(2);
        let mut found = slogans(&text);
        join_runs(&text, &mut found, 3);
        let mut places: Vec<Span> = found[3..].iter().flat_map(|r| r.spans.clone()).collect();
        assert!(!places.is_empty());
        places.sort_by_key(|p| p.start);
        assert!(
            places.windows(2).all(|w| w[0].end <= w[1].start),
            "{places:?}"
        );
        assert!(found[3..]
            .iter()
            .all(|r| r.spans.iter().all(|p| text[p.clone()] == r.phrase)));
    }
}
