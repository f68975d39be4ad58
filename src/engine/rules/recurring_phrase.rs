//! `recurring-phrase`: a formula the document repeats (疫情防控和经济社会发展 seven times in one
//! short report), so the drafter can see every repeat, keep some and vary the rest.
//!
//! Phrases come from [`crate::engine::recurrence::find_recurring`]: maximal repeats of whole
//! jieba words, no punctuation inside, at least `recurring.minChars` Han characters and
//! `recurring.minCount` occurrences; recurring lexicon slogans are included whatever their
//! length. Each occurrence after the first is flagged (every one with `recurring.reportAll`),
//! with the others as related locations.
//!
//! Nested phrases don't stack: an occurrence lying inside an occurrence of a longer reported
//! phrase gets no diagnostic of its own (it still counts, and is listed as related), so
//! 疫情防控和经济社会发展 is flagged only where it stands outside 统筹做好疫情防控和经济社会发展工作.

use super::{Rule, RuleInfo};
use crate::engine::config::{Config, Locale};
use crate::engine::document::Document;
use crate::engine::recurrence::{find_recurring, Recurrence};
use crate::engine::suppress;
use crate::engine::types::{Diagnostic, Related, Severity, Span};

pub struct RecurringPhrase;

pub static INFO: RuleInfo = RuleInfo {
    id: "recurring-phrase",
    default_severity: Severity::Information,
    doc: "A phrase repeated several times in the document; vary the wording where it reads as boilerplate.",
};

/// At most this many related locations per diagnostic: the first occurrence and the nearest
/// others. A 200-page compilation can repeat a phrase hundreds of times, and listing every
/// other occurrence on every occurrence would be quadratic in size.
const MAX_RELATED: usize = 12;

/// Indices of the occurrences to relate to occurrence `k` of `n`: all others when they fit,
/// else the first one and the nearest ones on either side, in document order.
fn related_indices(k: usize, n: usize) -> Vec<usize> {
    if n <= MAX_RELATED + 1 {
        return (0..n).filter(|&j| j != k).collect();
    }
    let mut picked = if k == 0 { Vec::new() } else { vec![0usize] };
    let (mut lo, mut hi) = (k, k);
    while picked.len() < MAX_RELATED && (lo > 0 || hi + 1 < n) {
        if hi + 1 < n {
            hi += 1;
            picked.push(hi);
        }
        if picked.len() < MAX_RELATED && lo > 0 {
            lo -= 1;
            picked.push(lo);
        }
    }
    picked.retain(|&j| j != k);
    picked.sort_unstable();
    picked.dedup();
    picked
}

impl Rule for RecurringPhrase {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        let found = find_recurring(doc, &config.recurring, &config.lexicon);
        let mut picks = flagged(&found, config);
        if let Some(limit) = config.diagnostic_limit {
            // A compilation flags tens of thousands of occurrences, each with a dozen related
            // places; only the first `limit` can be published, so only those are built.
            picks = first_published(doc, &found, config, picks, limit);
        }
        emit(&found, config, &picks, out);
    }
}

/// Turns recurrences into diagnostics (shared with tests and callers that already hold
/// the recurrences).
pub fn diagnose(found: &[Recurrence], config: &Config, out: &mut Vec<Diagnostic>) {
    emit(found, config, &flagged(found, config), out);
}

/// The occurrences to flag, as (recurrence index, occurrence index), grouped by recurrence.
fn flagged(found: &[Recurrence], config: &Config) -> Vec<(usize, usize)> {
    // Longer phrases claim their occurrences first.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(found[i].phrase.chars().count()));
    // Occurrences of longer phrases, keyed by (start, end), for the containment test.
    let mut claimed: std::collections::BTreeSet<(usize, usize)> = std::collections::BTreeSet::new();
    let mut longest_claimed = 0usize;
    let mut picks = Vec::new();
    for i in order {
        let r = &found[i];
        let covered = |s: &Span| {
            // A container starts at or before `s` and no earlier than `s.end - longest_claimed`.
            let from = s.end.saturating_sub(longest_claimed);
            claimed
                .range((from, 0)..=(s.start, usize::MAX))
                .any(|&(cs, ce)| ce >= s.end && ce - cs > s.end - s.start)
        };
        let before = picks.len();
        for (k, s) in r.spans.iter().enumerate() {
            if (config.recurring.report_all || k > 0) && !covered(s) {
                picks.push((i, k));
            }
        }
        claimed.extend(r.spans.iter().map(|s| (s.start, s.end)));
        if picks.len() > before {
            longest_claimed =
                longest_claimed.max(r.spans.iter().map(|s| s.len()).max().unwrap_or(0));
        }
    }
    picks
}

/// Of `picks`, the first `limit` in document order that `analyze` keeps (outside masked
/// spans, not switched off by a suppression comment), in their original order. All share
/// one severity, so these are exactly the ones a caller keeping the `limit` most severe
/// diagnostics can publish.
fn first_published(
    doc: &Document,
    found: &[Recurrence],
    config: &Config,
    picks: Vec<(usize, usize)>,
    limit: usize,
) -> Vec<(usize, usize)> {
    if picks.len() <= limit {
        return picks;
    }
    let span = |p: usize| &found[picks[p].0].spans[picks[p].1];
    let mut by_position: Vec<usize> = (0..picks.len()).collect();
    by_position.sort_by_key(|&p| (span(p).start, span(p).end));
    let severity = config.severity_for(INFO.id, INFO.default_severity);
    let mut candidates = by_position.into_iter().filter(|&p| !doc.is_masked(span(p)));
    let mut keep = vec![false; picks.len()];
    let mut kept = 0;
    // Suppression comments are rare: a first batch of `limit` nearly always suffices.
    while kept < limit {
        let batch: Vec<usize> = candidates.by_ref().take(limit - kept).collect();
        if batch.is_empty() {
            break;
        }
        let mut probes: Vec<Diagnostic> = batch
            .iter()
            .map(|&p| Diagnostic::new(INFO.id, severity, span(p).clone(), String::new()))
            .collect();
        suppress::filter(doc.text, &mut probes);
        // `filter` keeps order, so the survivors are a subsequence of the batch.
        let mut survivors = probes.iter().peekable();
        for p in batch {
            if survivors.peek().is_some_and(|d| d.range == *span(p)) {
                survivors.next();
                keep[p] = true;
                kept += 1;
            }
        }
    }
    let mut k = keep.into_iter();
    picks
        .into_iter()
        .filter(|_| k.next().unwrap_or(false))
        .collect()
}

/// Builds the diagnostics for `picks` (grouped by recurrence, as [`flagged`] returns them).
fn emit(
    found: &[Recurrence],
    config: &Config,
    picks: &[(usize, usize)],
    out: &mut Vec<Diagnostic>,
) {
    let severity = config.severity_for(INFO.id, INFO.default_severity);
    // Formatted once per phrase: a compilation can flag a phrase hundreds of times.
    let mut current: Option<(usize, String, Vec<Option<String>>)> = None;
    for &(i, k) in picks {
        let r = &found[i];
        let n = r.spans.len();
        let (_, message, related_messages) = match current {
            Some(ref mut c) if c.0 == i => c,
            _ => current.insert((
                i,
                match config.locale {
                    Locale::ZhCn => format!("「{}」在本文中出现 {} 次", r.phrase, n),
                    Locale::En => format!("「{}」 recurs {}× in this document", r.phrase, n),
                },
                vec![None; n],
            )),
        };
        let related = related_indices(k, n)
            .into_iter()
            .map(|j| Related {
                doc: None,
                range: r.spans[j].clone(),
                message: related_messages[j]
                    .get_or_insert_with(|| match config.locale {
                        Locale::ZhCn => format!("第 {} 次出现（共 {} 次）", j + 1, n),
                        Locale::En => format!("occurrence {} of {}", j + 1, n),
                    })
                    .clone(),
            })
            .collect();
        let mut d = Diagnostic::new(INFO.id, severity, r.spans[k].clone(), message.clone());
        d.related = related;
        out.push(d);
    }
}

#[cfg(test)]
mod related_tests {
    use super::related_indices;

    #[test]
    fn all_others_when_few_else_first_and_nearest() {
        assert_eq!(related_indices(2, 4), vec![0, 1, 3]);
        let r = related_indices(50, 100);
        assert_eq!(r.len(), 12);
        assert_eq!(r[0], 0);
        assert!(r.contains(&49) && r.contains(&51) && !r.contains(&50));
        let r = related_indices(99, 100);
        assert_eq!((r.len(), r[0], *r.last().unwrap()), (12, 0, 98));
        let r = related_indices(0, 100);
        assert_eq!(r, (1..=12).collect::<Vec<_>>());
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;
    use super::*;
    use crate::engine::config::Settings;
    use crate::engine::lexicon::Lexicon;
    use std::sync::Arc;

    const SEED_003: &str = include_str!("../../../seeds/003_b7cc8050b06c14b8.txt");
    const SEED_004: &str = include_str!("../../../seeds/004_7fc5e4630ff442c7.txt");

    fn flagged(text: &str) -> Vec<String> {
        run(&RecurringPhrase, text)
            .iter()
            .map(|d| text[d.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn seed_003_formulas_are_flagged() {
        let f = flagged(SEED_003);
        assert!(f.iter().any(|p| p == "抓紧抓实抓细各项防控工作"), "{f:?}");
        assert!(
            f.iter().any(|p| p.contains("疫情防控和经济社会发展")),
            "{f:?}"
        );
    }

    #[test]
    fn seed_004_formulas_are_flagged() {
        let f = flagged(SEED_004);
        assert!(f.iter().any(|p| p == "坚决打赢疫情防控攻坚战"), "{f:?}");
        assert!(f.iter().any(|p| p == "筑牢疫情防控屏障"), "{f:?}");
    }

    #[test]
    fn message_related_and_first_occurrence() {
        let d = run(&RecurringPhrase, SEED_004);
        let hits: Vec<&Diagnostic> = d
            .iter()
            .filter(|d| &SEED_004[d.range.clone()] == "坚决打赢疫情防控攻坚战")
            .collect();
        // Four occurrences, the first is not flagged.
        assert_eq!(hits.len(), 3);
        let first = SEED_004.find("坚决打赢疫情防控攻坚战").unwrap();
        assert!(hits.iter().all(|d| d.range.start > first));
        assert_eq!(
            hits[0].message,
            "「坚决打赢疫情防控攻坚战」在本文中出现 4 次"
        );
        assert_eq!(hits[0].severity, Severity::Information);
        assert_eq!(hits[0].rule, "recurring-phrase");
        assert_eq!(hits[0].related.len(), 3);
        assert!(hits[0].related.iter().any(|r| r.range.start == first));
        for r in &hits[0].related {
            assert_eq!(&SEED_004[r.range.clone()], "坚决打赢疫情防控攻坚战");
        }
    }

    #[test]
    fn english_message_and_report_all() {
        let settings = Settings::from_json(&serde_json::json!({
            "locale": "en", "recurring": {"reportAll": true}
        }))
        .unwrap();
        let cfg = Config::from_settings(&settings, Arc::new(Lexicon::builtin().clone()));
        let doc = Document::new(SEED_004, Vec::new());
        let mut out = Vec::new();
        RecurringPhrase.check(&doc, &cfg, &mut out);
        let hits: Vec<&Diagnostic> = out
            .iter()
            .filter(|d| &SEED_004[d.range.clone()] == "坚决打赢疫情防控攻坚战")
            .collect();
        assert_eq!(hits.len(), 4);
        assert_eq!(
            hits[0].message,
            "「坚决打赢疫情防控攻坚战」 recurs 4× in this document"
        );
    }

    #[test]
    fn nested_phrases_do_not_stack() {
        for (name, text) in crate::seeds::all() {
            let d = run(&RecurringPhrase, text);
            for (i, a) in d.iter().enumerate() {
                for b in &d[i + 1..] {
                    let nested = (a.range.start <= b.range.start && b.range.end <= a.range.end)
                        || (b.range.start <= a.range.start && a.range.end <= b.range.end);
                    assert!(
                        !nested,
                        "{name}: {:?} and {:?}",
                        &text[a.range.clone()],
                        &text[b.range.clone()]
                    );
                }
            }
        }
    }

    #[test]
    fn flagged_phrases_are_whole_words_without_punctuation() {
        use crate::engine::recurrence::segment_paragraph;
        use crate::engine::recurrence::tokens::is_break_char;
        for (name, text) in crate::seeds::all() {
            let doc = Document::new(text, Vec::new());
            let mut bounds = Vec::new();
            for p in &doc.paragraphs {
                for t in segment_paragraph(&text[p.clone()]).iter() {
                    bounds.push(p.start + t.start);
                    bounds.push(p.start + t.end);
                }
            }
            for d in run(&RecurringPhrase, text) {
                let phrase = &text[d.range.clone()];
                assert!(
                    bounds.contains(&d.range.start),
                    "{name}: {phrase} starts inside a word"
                );
                assert!(
                    bounds.contains(&d.range.end),
                    "{name}: {phrase} ends inside a word"
                );
                assert!(!phrase.chars().any(is_break_char), "{name}: {phrase}");
                assert!(
                    phrase.chars().all(crate::engine::text::is_han),
                    "{name}: {phrase}"
                );
            }
        }
    }

    #[test]
    fn no_fragments_of_words() {
        for (_, text) in crate::seeds::all() {
            for p in flagged(text) {
                assert!(!p.starts_with("好疫情") && !p.starts_with("筹做好"), "{p}");
                assert!(!p.starts_with('和') && !p.ends_with('的'), "{p}");
            }
        }
    }

    #[test]
    fn seed_002_spam_is_not_a_formula() {
        let text = include_str!("../../../seeds/002_890bb6c2d9a226d6.txt");
        for p in flagged(text) {
            for spam in ["在线", "官网", "足球", "体育", "bet"] {
                assert!(!p.contains(spam), "{p}");
            }
        }
        // Even when the spam is masked (as web-residue detection does), nothing of it shows.
        let spam = "90分钟足球网_bet36亚洲体育¥在线官网";
        let masked: Vec<_> = text
            .match_indices(spam)
            .map(|(i, s)| i..i + s.len())
            .collect();
        assert_eq!(masked.len(), 4);
        let doc = Document::new(text, masked);
        let mut out = Vec::new();
        RecurringPhrase.check(&doc, &Config::default(), &mut out);
        assert!(out.iter().all(|d| !doc.is_masked(&d.range)));
        assert!(out
            .iter()
            .any(|d| &text[d.range.clone()] == "疫情防控和经济社会发展"));
    }

    #[test]
    fn names_with_titles_and_function_words_are_not_formulas() {
        // 习近平总书记 recurs in seed 000 many times but alone it is a name and title.
        let text = include_str!("../../../seeds/000_aeb186bd1e0d189c.txt");
        let f = flagged(text);
        assert!(!f.iter().any(|p| p == "习近平总书记"), "{f:?}");
        // A short made-up repetition of a name with title only.
        let t = "省委书记王国生出席。省委书记王国生讲话。省委书记王国生强调。";
        assert!(flagged(t).is_empty(), "{:?}", flagged(t));
        let t = "第一第二第三。第一第二第三。第一第二第三。";
        assert!(flagged(t).is_empty(), "{:?}", flagged(t));
    }

    #[test]
    fn below_min_count_or_min_chars_is_quiet() {
        // Twice only (seed 000: 完善防止返贫机制, no lexicon term in it): nothing.
        let t = "完善防止返贫机制,扎实推进\n完善防止返贫机制,扎实推进";
        assert!(flagged(t).is_empty());
        // Three times but with minChars 30: nothing.
        let t3 = format!("{t}\n完善防止返贫机制,扎实推进");
        assert_eq!(flagged(&t3), vec!["完善防止返贫机制", "完善防止返贫机制"]);
        let settings =
            Settings::from_json(&serde_json::json!({"recurring": {"minChars": 30}})).unwrap();
        let cfg = Config::from_settings(&settings, Arc::new(Lexicon::builtin().clone()));
        let doc = Document::new(&t3, Vec::new());
        let mut out = Vec::new();
        RecurringPhrase.check(&doc, &cfg, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn ignore_list_silences_a_phrase() {
        let settings = Settings::from_json(&serde_json::json!({
            "recurring": {"ignore": ["坚决打赢疫情防控攻坚战"]}
        }))
        .unwrap();
        let cfg = Config::from_settings(&settings, Arc::new(Lexicon::builtin().clone()));
        let doc = Document::new(SEED_004, Vec::new());
        let mut out = Vec::new();
        RecurringPhrase.check(&doc, &cfg, &mut out);
        let f: Vec<&str> = out.iter().map(|d| &SEED_004[d.range.clone()]).collect();
        assert!(!f.contains(&"坚决打赢疫情防控攻坚战"), "{f:?}");
        assert!(f.contains(&"筑牢疫情防控屏障"), "{f:?}");
    }

    #[test]
    fn recurring_slogans_are_flagged_whatever_their_length() {
        // 四个意识 is 4 characters, below minChars, but a lexicon slogan.
        let t = "要增强“四个意识”。必须增强“四个意识”。始终增强“四个意识”。";
        let d = run(&RecurringPhrase, t);
        let f: Vec<&str> = d.iter().map(|d| &t[d.range.clone()]).collect();
        assert_eq!(f, vec!["四个意识", "四个意识"]);
        assert_eq!(d[0].message, "「四个意识」在本文中出现 3 次");
        // Seed 000 uses it once: nothing.
        let text = include_str!("../../../seeds/000_aeb186bd1e0d189c.txt");
        assert!(!flagged(text).iter().any(|p| p == "四个意识"));
    }

    #[test]
    fn seed_004_repeats_the_slogan_dongtai_qingling() {
        // 动态清零 (4 characters) stands eight times in seed 004; it is a lexicon slogan.
        let f = flagged(SEED_004);
        assert_eq!(f.iter().filter(|p| *p == "动态清零").count(), 7, "{f:?}");
        // Slogan forms with punctuation inside are never reported (人民至上、生命至上).
        assert!(f.iter().all(|p| !p.contains('、')), "{f:?}");
    }

    #[test]
    fn a_limit_keeps_exactly_the_first_published_findings() {
        // Seed 004 with web residue and a suppressed stretch in the middle: the limited run
        // must give the first `limit` findings the unlimited run gives after suppression and
        // masking, message and related places included.
        let spam = "90分钟足球网_bet36亚洲体育¥在线官网";
        let mid = SEED_004.len() / 2;
        let mid = (mid..SEED_004.len())
            .find(|&i| SEED_004.is_char_boundary(i))
            .unwrap();
        let text = format!(
            "{spam}坚决打赢疫情防控攻坚战\n{}\n<!-- policy-lsp-disable recurring-phrase -->\n{}\n<!-- policy-lsp-enable -->\n{}",
            &SEED_004[..mid],
            &SEED_004[mid..],
            SEED_004
        );
        let all: Vec<Diagnostic> = crate::engine::analyze(&text, &Config::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == INFO.id)
            .collect();
        assert!(all.len() > 20, "{}", all.len());
        for limit in [0, 1, 7, all.len() - 1, all.len(), all.len() + 5] {
            let cfg = Config {
                diagnostic_limit: Some(limit),
                ..Config::default()
            };
            let limited: Vec<Diagnostic> = crate::engine::analyze(&text, &cfg)
                .diagnostics
                .into_iter()
                .filter(|d| d.rule == INFO.id)
                .collect();
            assert_eq!(limited, all[..limit.min(all.len())], "limit {limit}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "",
            "\r",
            "𠮷𠮷𠮷𠮷𠮷𠮷。𠮷𠮷𠮷𠮷𠮷𠮷。𠮷𠮷𠮷𠮷𠮷𠮷。",
            "🙂🙂🙂\r\n\r",
            "a\u{301}",
        ] {
            let _ = run(&RecurringPhrase, t);
        }
    }
}
