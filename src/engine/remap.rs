//! Carrying findings across edits. Recurrence is a whole-document result: recomputing it on
//! a 1 MB document takes longer than a keystroke should. The server publishes the fresh
//! paragraph-local findings at once together with the previous recurrence findings moved
//! through the edits made since, then replaces them with the recomputed ones. A finding
//! whose text the edits touched is dropped rather than guessed at.

use super::types::{Diagnostic, Span};

/// One replacement, in byte offsets of the text it applies to: `start..old_end` became
/// `new_len` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub old_end: usize,
    pub new_len: usize,
}

impl Edit {
    /// Where `span` is after this edit; `None` if the edit touched its text. An insertion
    /// exactly at either end of the span leaves it outside the span.
    pub fn map(&self, span: &Span) -> Option<Span> {
        if span.end <= self.start {
            return Some(span.clone());
        }
        if span.start >= self.old_end {
            let shift = |o: usize| o - self.old_end + self.start + self.new_len;
            return Some(shift(span.start)..shift(span.end));
        }
        None
    }
}

/// Maps `span` through `edits` in order; `None` once any edit touches it.
pub fn map_span(span: &Span, edits: &[Edit]) -> Option<Span> {
    edits.iter().try_fold(span.clone(), |s, e| e.map(&s))
}

/// `diagnostics` moved through `edits`: a diagnostic whose range or fix was touched is
/// dropped; a related location in this document that was touched is dropped from its list
/// (locations in other documents are kept as they are).
pub fn carry<'a>(
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    edits: &[Edit],
) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter_map(|d| carry_one(d, edits))
        .collect()
}

/// Where `d` lands after `edits`; `None` if they touched its range or one of its fixes.
fn landing(d: &Diagnostic, edits: &[Edit]) -> Option<Span> {
    let range = map_span(&d.range, edits)?;
    let fixes_kept = d
        .fixes
        .iter()
        .flat_map(|f| &f.edits)
        .all(|e| map_span(&e.range, edits).is_some());
    fixes_kept.then_some(range)
}

/// `d` moved through `edits` (see [`carry`]).
fn carry_one(d: &Diagnostic, edits: &[Edit]) -> Option<Diagnostic> {
    let range = landing(d, edits)?;
    let mut moved = d.clone();
    moved.range = range;
    for e in moved.fixes.iter_mut().flat_map(|f| &mut f.edits) {
        e.range = map_span(&e.range, edits)?;
    }
    moved.related.retain_mut(|r| {
        if r.doc.is_some() {
            return true;
        }
        match map_span(&r.range, edits) {
            Some(span) => {
                r.range = span;
                true
            }
            None => false,
        }
    });
    Some(moved)
}

/// What a publish of `fresh` (sorted by range) together with `previous` carried through
/// `edits` shows with room for `limit`: the same as [`super::most_severe`] over both lists
/// merged in range order, but only the carried findings that make the cut are copied. On a
/// large document most carried findings (recurrence, with thousands of related locations)
/// rank below the limit, and copying them all cost more than the keystroke's own analysis.
pub fn most_severe_with_carried<'a>(
    fresh: Vec<Diagnostic>,
    previous: impl IntoIterator<Item = &'a Diagnostic>,
    edits: &[Edit],
    limit: usize,
) -> Vec<Diagnostic> {
    enum From<'a> {
        Fresh(usize),
        Carried(&'a Diagnostic),
    }
    let mut all: Vec<(Span, super::types::Severity, From)> = fresh
        .iter()
        .enumerate()
        .map(|(i, d)| (d.range.clone(), d.severity, From::Fresh(i)))
        .collect();
    all.extend(
        previous
            .into_iter()
            .filter_map(|d| Some((landing(d, edits)?, d.severity, From::Carried(d)))),
    );
    // The merge in range order, then `most_severe`'s selection, on the light entries.
    all.sort_by_key(|(r, _, _)| (r.start, r.end));
    super::keep_most_severe(&mut all, limit, |(r, s, _)| (*s, r.clone()));
    let mut fresh: Vec<Option<Diagnostic>> = fresh.into_iter().map(Some).collect();
    all.into_iter()
        .filter_map(|(_, _, from)| match from {
            From::Fresh(i) => fresh[i].take(),
            From::Carried(d) => carry_one(d, edits),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{analyze, Config};

    fn edit(start: usize, old_end: usize, new_len: usize) -> Edit {
        Edit {
            start,
            old_end,
            new_len,
        }
    }

    #[test]
    fn spans_before_after_and_under_an_edit() {
        let e = edit(10, 13, 6);
        assert_eq!(e.map(&(2..10)), Some(2..10));
        assert_eq!(e.map(&(13..20)), Some(16..23));
        assert_eq!(e.map(&(8..11)), None);
        assert_eq!(e.map(&(12..15)), None);
        // Insertions at the span's ends stay outside it.
        let ins = edit(10, 10, 3);
        assert_eq!(ins.map(&(4..10)), Some(4..10));
        assert_eq!(ins.map(&(10..14)), Some(13..17));
        assert_eq!(ins.map(&(8..12)), None);
        assert_eq!(map_span(&(20..24), &[ins, edit(0, 3, 0)]), Some(20..24));
    }

    /// Carried findings equal the ones computed afresh when the edit leaves the recurring
    /// phrases alone (seed 000 with a clause in its style written three times).
    #[test]
    fn carried_recurrence_matches_a_fresh_analysis_away_from_the_edit() {
        let seed = crate::seeds::SEEDS[0].1;
        let phrase = "坚持把疫情防控作为头等大事";
        let text = format!("{seed}\n要{phrase}。\n必须{phrase}。\n各地{phrase}。\n");
        let cfg = Config::default();
        let recurring = |text: &str| -> Vec<Diagnostic> {
            analyze(text, &cfg)
                .diagnostics
                .into_iter()
                .filter(|d| d.rule == "recurring-phrase")
                .collect()
        };
        let before = recurring(&text);
        let ours = |ds: &[Diagnostic]| ds.iter().filter(|d| d.message.contains(phrase)).count();
        assert!(ours(&before) >= 2, "{before:#?}");
        // Type two characters at the very start of the document.
        let mut edited = text.clone();
        edited.insert_str(0, "今日");
        let carried = carry(&before, &[edit(0, 0, "今日".len())]);
        assert_eq!(carried, recurring(&edited));
        // Typing inside one occurrence drops it and the related locations pointing at it.
        let hit = before.iter().find(|d| d.message.contains(phrase)).unwrap();
        let at = hit.range.start + 3;
        let carried = carry(&before, &[edit(at, at, 3)]);
        assert_eq!(ours(&carried), ours(&before) - 1);
        for d in carried.iter().filter(|d| d.message.contains(phrase)) {
            assert!(d
                .related
                .iter()
                .all(|r| r.range.end <= at || r.range.start >= at));
            assert_eq!(d.related.len(), hit.related.len() - 1);
        }
    }

    /// The lazy selection publishes exactly what carrying everything, merging, sorting and
    /// taking the most severe did, at limits below, at and above the findings' count, with
    /// edits that touch some findings (and fixes) and leave others.
    #[test]
    fn lazy_selection_equals_carrying_everything() {
        let cfg = Config::default();
        let text: String = crate::seeds::SEEDS.iter().map(|s| s.1).collect();
        let full = analyze(&text, &cfg).diagnostics;
        let whole: Vec<&Diagnostic> = full
            .iter()
            .filter(|d| d.rule == "recurring-phrase")
            .collect();
        assert!(whole.len() > 20);
        let mut quick_cfg = cfg.clone();
        quick_cfg
            .rules
            .entry("recurring-phrase".to_string())
            .or_default()
            .enabled = Some(false);
        let with_fix = full.iter().find(|d| !d.fixes.is_empty()).unwrap();
        let cases = [
            vec![edit(0, 0, 3)],
            vec![edit(whole[3].range.start + 3, whole[3].range.start + 6, 0)],
            vec![
                edit(with_fix.range.start, with_fix.range.start, 3),
                edit(10, 10, 6),
            ],
        ];
        for edits in &cases {
            let fresh = analyze(&text, &quick_cfg).diagnostics;
            let n = fresh.len() + whole.len();
            for limit in [1, fresh.len() / 2, fresh.len() + 5, n - 3, n, n + 10] {
                let mut all = fresh.clone();
                all.extend(carry(whole.iter().copied(), edits));
                all.sort_by_key(|d| (d.range.start, d.range.end));
                let expected: Vec<Diagnostic> = crate::engine::most_severe(&all, limit)
                    .into_iter()
                    .cloned()
                    .collect();
                let lazy =
                    most_severe_with_carried(fresh.clone(), whole.iter().copied(), edits, limit);
                assert_eq!(lazy, expected, "limit {limit}, edits {edits:?}");
            }
        }
    }
}
