use super::*;
use crate::engine::config::Settings;
use crate::engine::document::Document;
use crate::engine::recurrence::segment_paragraph;
use std::sync::Arc;

const SEED_000: &str = include_str!("../../../../seeds/000_aeb186bd1e0d189c.txt");
const LAST_YEAR: &str = "file:///ws/2019%E5%B9%B4%E6%8A%A5%E5%91%8A.txt";

/// A new draft reusing two whole sentences of seed 000 (last year's report), and the start
/// of a third one (深入贯彻落实新时代党的治疆方略,) in a sentence of its own.
const DRAFT: &str = "会议强调,要坚持毫不放松,坚决打赢疫情防控阻击战。\
会议强调,要坚持统筹兼顾,保持经济平稳运行和社会和谐稳定。\
深入贯彻落实新时代党的治疆方略,做好今年各项工作。";
const FIRST: &str = "会议强调,要坚持毫不放松,坚决打赢疫情防控阻击战";
const SECOND: &str = "会议强调,要坚持统筹兼顾,保持经济平稳运行和社会和谐稳定";

fn index_with(docs: &[(&str, &str)]) -> CorpusIndex {
    let mut index = CorpusIndex::new(12);
    for (k, t) in docs {
        index.update(k, t);
    }
    index
}

fn flagged(text: &str, key: &str, index: &CorpusIndex, config: &Config) -> Vec<String> {
    diagnose_across(text, key, &[], index, config)
        .iter()
        .map(|d| text[d.range.clone()].to_string())
        .collect()
}

#[test]
fn boilerplate_from_last_years_report_is_found_with_its_place() {
    let index = index_with(&[(LAST_YEAR, SEED_000)]);
    let d = diagnose_across(
        DRAFT,
        "file:///ws/draft.txt",
        &[],
        &index,
        &Config::default(),
    );
    let phrases: Vec<&str> = d.iter().map(|d| &DRAFT[d.range.clone()]).collect();
    // Only whole sentences reused verbatim: 深入贯彻落实新时代党的治疆方略, opens a sentence
    // that differs from last year's.
    assert_eq!(phrases, vec![FIRST, SECOND]);
    let d0 = &d[0];
    assert_eq!(d0.rule, RULE_ID);
    assert_eq!(d0.severity, Severity::Information);
    assert_eq!(
        d0.message,
        "「会议强调,要坚持毫不放松,坚决打赢疫情防控阻击战」也出现在 2019年报告.txt 中"
    );
    assert_eq!(d0.related.len(), 1);
    assert_eq!(d0.related[0].doc.as_deref(), Some(LAST_YEAR));
    assert_eq!(&SEED_000[d0.related[0].range.clone()], FIRST);
}

#[test]
fn own_key_short_runs_and_removed_documents_are_not_reported() {
    let mut index = index_with(&[(LAST_YEAR, SEED_000)]);
    // The document itself, indexed under its own key, is skipped.
    assert!(flagged(SEED_000, LAST_YEAR, &index, &Config::default()).is_empty());
    // A whole sentence of 13 Han characters: too short to be more than a common frame.
    let short = "会议强调,要坚持科学有序防控。";
    index.update("short.txt", short);
    assert!(flagged(short, "draft", &index, &Config::default()).is_empty());
    index.remove("short.txt");
    // A sentence of the other file cut short, or standing inside a longer one here.
    let cut = "会议强调,要坚持毫不放松。要坚持毫不放松,坚决打赢疫情防控阻击战。";
    assert!(flagged(cut, "draft", &index, &Config::default()).is_empty());
    let inside = "此外,会议强调,要坚持毫不放松,坚决打赢疫情防控阻击战。";
    assert!(flagged(inside, "draft", &index, &Config::default()).is_empty());
    index.remove(LAST_YEAR);
    assert!(index.is_empty());
    assert!(flagged(DRAFT, "draft", &index, &Config::default()).is_empty());
}

#[test]
fn updating_a_document_replaces_its_text() {
    let mut index = index_with(&[("a.txt", SEED_000)]);
    index.update("a.txt", "完全不同的内容。");
    assert_eq!(index.len(), 1);
    assert!(flagged(DRAFT, "draft", &index, &Config::default()).is_empty());
}

#[test]
fn min_chars_across_is_configurable() {
    let mut index = index_with(&[(LAST_YEAR, SEED_000)]);
    let settings =
        Settings::from_json(&serde_json::json!({"recurring": {"minCharsAcross": 23}})).unwrap();
    let cfg = Config::from_settings(
        &settings,
        Arc::new(crate::engine::lexicon::Lexicon::default()),
    );
    // 22 Han characters: below 23.
    assert_eq!(flagged(DRAFT, "d", &index, &cfg), vec![SECOND]);
    // A lower threshold than the index was built for needs a re-index; whole sentences of
    // fewer than MIN_SENTENCE_HAN characters are never reported.
    let settings =
        Settings::from_json(&serde_json::json!({"recurring": {"minCharsAcross": 8}})).unwrap();
    let cfg = Config::from_settings(
        &settings,
        Arc::new(crate::engine::lexicon::Lexicon::default()),
    );
    index.set_min_chars(8);
    index.update(
        "other.txt",
        "坚决守住不发生系统性金融风险的底线。稳住经济大盘。",
    );
    let f = flagged("坚决守住不发生系统性金融风险的底线；", "d", &index, &cfg);
    assert_eq!(f, vec!["坚决守住不发生系统性金融风险的底线"], "{f:?}");
    let f = flagged("稳住经济大盘。", "d", &index, &cfg);
    assert!(f.is_empty(), "{f:?}");
    // Part of a sentence that differs: nothing.
    let f = flagged("要坚决守住不发生系统性金融风险的底线。", "d", &index, &cfg);
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn disabled_rule_and_ignore_list() {
    let index = index_with(&[(LAST_YEAR, SEED_000)]);
    let off = Settings::from_json(&serde_json::json!({
        "rules": {"recurring-across-docs": {"enabled": false}}
    }))
    .unwrap();
    let cfg = Config::from_settings(&off, Arc::new(crate::engine::lexicon::Lexicon::default()));
    assert!(flagged(DRAFT, "d", &index, &cfg).is_empty());
    let ignore =
        Settings::from_json(&serde_json::json!({ "recurring": { "ignore": [FIRST] } })).unwrap();
    let cfg = Config::from_settings(
        &ignore,
        Arc::new(crate::engine::lexicon::Lexicon::default()),
    );
    assert_eq!(flagged(DRAFT, "d", &index, &cfg), vec![SECOND]);
}

#[test]
fn spans_are_whole_sentences() {
    // Each seed, and a draft pasting seed 000's sentences, against all the seeds.
    let mut index = CorpusIndex::new(12);
    for (name, t) in crate::seeds::all() {
        index.update(name, t);
    }
    let mut reported = 0;
    for (name, t) in crate::seeds::all().chain([("draft.txt", DRAFT)]) {
        let doc = Document::new(t, Vec::new());
        let mut bounds = Vec::new();
        for p in &doc.paragraphs {
            for tok in segment_paragraph(&t[p.clone()]).iter() {
                bounds.push(p.start + tok.start);
                bounds.push(p.start + tok.end);
            }
        }
        for d in diagnose_across(t, name, &[], &index, &Config::default()) {
            reported += 1;
            let phrase = &t[d.range.clone()];
            assert!(
                bounds.contains(&d.range.start) && bounds.contains(&d.range.end),
                "{phrase}"
            );
            assert!(
                han_count(phrase) >= MIN_SENTENCE_HAN && is_whole_sentence(t, &d.range),
                "{phrase}"
            );
            for r in &d.related {
                let other = crate::seeds::all()
                    .find(|(n, _)| Some(*n) == r.doc.as_deref())
                    .map(|(_, t)| t)
                    .unwrap();
                assert_eq!(&other[r.range.clone()], phrase);
                assert_ne!(r.doc.as_deref(), Some(name));
            }
        }
    }
    assert_eq!(reported, 2);
}

#[test]
fn every_common_run_of_min_chars_is_found() {
    // Exhaustive check of the sampling guarantee on the seeds: every 12-character Han window
    // of one seed that occurs in another lies inside a reported raw match.
    let mut index = CorpusIndex::new(12);
    for (name, t) in crate::seeds::all() {
        index.update(name, t);
    }
    for (name, a) in crate::seeds::all() {
        let raw = index.query_raw(a, name, &[], 12);
        let chars: Vec<(usize, char)> = a.char_indices().collect();
        for w in chars.windows(12) {
            if !w.iter().all(|(_, c)| is_han(*c)) {
                continue;
            }
            let start = w[0].0;
            let end = w[11].0 + w[11].1.len_utf8();
            let gram = &a[start..end];
            let elsewhere = crate::seeds::all().any(|(n, b)| n != name && b.contains(gram));
            let covered = raw.iter().any(|(s, _)| s.start <= start && end <= s.end);
            assert_eq!(elsewhere, covered, "{name}: {gram}");
        }
    }
}

#[test]
fn masked_text_is_left_out() {
    let index = index_with(&[(LAST_YEAR, SEED_000)]);
    let d = diagnose_across(DRAFT, "d", &[], &index, &Config::default());
    let f: Vec<&str> = d.iter().map(|d| &DRAFT[d.range.clone()]).collect();
    assert_eq!(f, vec![FIRST, SECOND]);
    let at = DRAFT.find("阻击战").unwrap();
    let masked: Vec<Span> = std::iter::once(at..at + "阻击战".len()).collect();
    let d = diagnose_across(DRAFT, "d", &masked, &index, &Config::default());
    let f: Vec<&str> = d.iter().map(|d| &DRAFT[d.range.clone()]).collect();
    assert_eq!(f, vec![SECOND]);
}

#[test]
fn display_names() {
    assert_eq!(display_name(LAST_YEAR), "2019年报告.txt");
    assert_eq!(display_name("C:\\docs\\a.md"), "a.md");
    assert_eq!(display_name("x%"), "x%");
    assert_eq!(display_name("%E5"), "%E5");
}

#[test]
fn odd_input_does_not_panic() {
    let mut index = CorpusIndex::new(3);
    for t in ["", "\r", "𠮷𠮷𠮷𠮷𠮷𠮷", "🙂会议🙂\r\n", "a\u{301}"] {
        index.update(t, t);
    }
    for t in ["", "𠮷𠮷𠮷𠮷𠮷𠮷𠮷", "会议🙂"] {
        let _ = diagnose_across(t, "q", &[], &index, &Config::default());
    }
}

#[test]
fn periodic_junk_stays_linear() {
    // The LSP stress test's 2 MB line of one character, indexed and queried.
    let junk = "议".repeat(300_000);
    let started = std::time::Instant::now();
    let mut index = CorpusIndex::new(12);
    index.update("a", &junk);
    index.update("b", &junk);
    // Junk is not text to match.
    assert!(index.query(&junk, "a", &[], 12).is_empty());
    assert!(index.query(&junk, "c", &[], 12).is_empty());
    index.remove("a");
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

/// Places shared by several documents survive the removal of some of them (the postings of a
/// k-gram shrink from many to one to none).
#[test]
fn removing_documents_keeps_the_others_places() {
    let (a, b, c) = ("file:///ws/a.txt", "file:///ws/b.txt", "file:///ws/c.txt");
    let mut index = index_with(&[(a, SEED_000), (b, SEED_000), (c, SEED_000)]);
    let config = Config::default();
    let others = |index: &CorpusIndex| -> Vec<String> {
        let mut keys: Vec<String> =
            diagnose_across(DRAFT, "file:///ws/draft.txt", &[], index, &config)
                .iter()
                .flat_map(|d| d.related.iter().filter_map(|r| r.doc.clone()))
                .collect();
        keys.sort();
        keys.dedup();
        keys
    };
    assert_eq!(others(&index), vec![a, b, c]);
    index.remove(b);
    assert_eq!(others(&index), vec![a, c]);
    index.remove(a);
    assert_eq!(others(&index), vec![c]);
    index.update(a, SEED_000);
    assert_eq!(others(&index), vec![a, c]);
    index.remove(c);
    index.remove(a);
    assert!(others(&index).is_empty());
}

#[test]
fn a_lone_document_shares_nothing_until_another_is_indexed() {
    let draft = "file:///ws/draft.txt";
    let mut index = index_with(&[(draft, DRAFT)]);
    let config = Config::default();
    assert!(index.query_raw(DRAFT, draft, &[], 12).is_empty());
    index.update(LAST_YEAR, SEED_000);
    assert_eq!(flagged(DRAFT, draft, &index, &config).len(), 2);
    index.remove(LAST_YEAR);
    assert!(flagged(DRAFT, draft, &index, &config).is_empty());
}

#[test]
fn a_table_entry_stays_small() {
    assert!(std::mem::size_of::<(u64, Postings)>() <= 24);
}

#[test]
fn news_frames_are_never_shared_text() {
    // Every State Council executive meeting report opens with the same frame.
    let a = "国务院总理李强5日主持召开国务院常务会议，研究甲事项。";
    let b = "国务院总理李强9日主持召开国务院常务会议，部署乙工作。";
    let index = index_with(&[("file:///ws/a.txt", a)]);
    let f = flagged(b, "file:///ws/b.txt", &index, &Config::default());
    assert!(f.is_empty(), "{f:?}");
    // The same frame sentence, word for word, in two reports.
    let frame = "中共中央总书记、国家主席、中央军委主席习近平出席会议并发表重要讲话。";
    let index = index_with(&[("file:///ws/a.txt", frame)]);
    let f = flagged(frame, "file:///ws/b.txt", &index, &Config::default());
    assert!(f.is_empty(), "{f:?}");
    assert!(is_news_frame(frame.trim_end_matches('。')));
    assert!(!is_news_frame(SECOND));
}
