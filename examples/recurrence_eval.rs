//! Figures for the recurring-phrase rule on real text: volume, overlap, and, from the
//! annotations, precision and fragment rate; lists what is not annotated yet.
//!
//! ```sh
//! cargo run --release --example recurrence_eval -- [FILE.jsonl ...] [--only eval/recurrence/stories.txt]
//!     [--annotations eval/recurrence/annotations.tsv] [--list] [--all] [--sample N] [--theme]
//!     [--features]
//! ```
//!
//! Default input: `eval/published/xwlb.jsonl` and `eval/recurrence/meetings.jsonl`, plus
//! the seeds. `--only` keeps the stories whose ids the file lists (the evaluation set of
//! `tests/recurrence_eval.rs`). `--list` prints every unannotated distinct phrase with its
//! story and context (for annotation); `--all` every distinct flagged phrase with its label,
//! context and message; `--sample N` prints N distinct flagged phrases drawn
//! at random (fixed seed) with their labels, for a reviewer; `--theme` the pieces of each
//! story that name what it is about (its headline and agenda, which make a phrase its topic);
//! `--features` the evidence `recurrence::confidence` reads on every family of every story
//! (story, name, written forms, topic, lexicon entry, then the features), which
//! `eval/tools/fit_confidence.py` joins with the labels to fit the model.

#[path = "../eval/recurrence/evalcore.rs"]
mod evalcore;
#[path = "../eval/stories.rs"]
mod stories;

use evalcore::*;
use policy_lsp::engine::config::Config;
use policy_lsp::engine::document::Document;
use policy_lsp::engine::recurrence;
use std::collections::BTreeSet;

fn context(text: &str, range: &std::ops::Range<usize>) -> String {
    let before: String = text[..range.start]
        .chars()
        .rev()
        .take(16)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[range.end..].chars().take(16).collect();
    format!("{before}【{}】{after}", &text[range.clone()]).replace('\n', "⏎")
}

fn main() {
    let mut files: Vec<String> = Vec::new();
    let mut only = None;
    let mut ann_path = "eval/recurrence/annotations.tsv".to_string();
    let (mut list, mut all, mut sample, mut theme) = (false, false, 0usize, false);
    let mut features = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--only" => only = args.next(),
            "--annotations" => ann_path = args.next().unwrap_or_default(),
            "--list" => list = true,
            "--all" => all = true,
            "--theme" => theme = true,
            "--features" => features = true,
            "--sample" => sample = args.next().and_then(|n| n.parse().ok()).unwrap_or(40),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        files = vec![
            "eval/published/xwlb.jsonl".into(),
            "eval/recurrence/meetings.jsonl".into(),
        ];
    }
    let ids: Option<BTreeSet<String>> = only.map(|p| {
        std::fs::read_to_string(&p)
            .unwrap_or_else(|e| {
                eprintln!("{p}: {e}");
                std::process::exit(2)
            })
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
            .filter(|l| !l.is_empty())
            .collect()
    });
    let refs: Vec<&str> = files.iter().map(String::as_str).collect();
    let stories = load(&refs, ids.as_ref()).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    if theme {
        for s in &stories {
            let doc = Document::new(&s.text, Vec::new());
            for piece in recurrence::theme::theme(&doc).pieces {
                println!("{}\t{}", s.id, s.text[piece].replace('\n', "⏎"));
            }
        }
        return;
    }
    if features {
        print_features(&stories);
        return;
    }
    let ann = read_annotations(&ann_path).unwrap_or_default();
    let flags = run(&stories, &Config::default());
    let m = metrics(&stories, &flags, &ann);
    println!(
        "{} stories, {} characters; {} findings ({:.2} per 1,000 chars), {} at information or above ({:.2} per 1,000)",
        m.stories,
        m.chars,
        m.findings,
        m.per_1000(m.findings),
        m.info_plus,
        m.per_1000(m.info_plus)
    );
    println!(
        "overlapping another finding: {} ({:.1}%); distinct phrases {}, annotated {}: genuine {:.1}%, fragments {:.1}%",
        m.overlapping,
        100.0 * m.overlapping as f64 / m.findings.max(1) as f64,
        m.distinct,
        m.annotated,
        100.0 * m.precision(),
        100.0 * m.fragment_rate()
    );
    if !m.moved.is_empty() {
        println!(
            "labelled in another story than the one flagged first: {} (--list shows them)",
            m.moved.len()
        );
    }
    if all {
        // Every distinct flagged phrase with its label, first place and message.
        let mut seen = BTreeSet::new();
        for f in &flags {
            if seen.insert(f.phrase.as_str()) {
                let label = ann.get(&f.phrase, &stories[f.story].id).unwrap_or("?");
                println!(
                    "{}\t{label}\t{}\t{}\t{}",
                    f.phrase,
                    stories[f.story].id,
                    context(&stories[f.story].text, &f.range),
                    f.message
                );
            }
        }
    }
    if list {
        // Unjudged phrases, then phrases judged only in another story than the one the rule
        // now shows them in first (`moved from` their label).
        let moved = m.moved.iter().map(|(p, s)| (p, s, true));
        for (phrase, story, was_moved) in m
            .unannotated
            .iter()
            .map(|(p, s)| (p, s, false))
            .chain(moved)
        {
            let s = &stories[*story];
            let f = flags
                .iter()
                .find(|f| f.story == *story && &f.phrase == phrase);
            let ctx = f.map(|f| context(&s.text, &f.range)).unwrap_or_default();
            let msg = f.map(|f| f.message.as_str()).unwrap_or("");
            let label = if was_moved {
                format!("moved from {}", ann.get(phrase, &s.id).unwrap_or("?"))
            } else {
                "?".to_string()
            };
            println!("{phrase}\t{label}\t{}\t{ctx}\t{msg}", s.id);
        }
    }
    if sample > 0 {
        let mut distinct: Vec<&Flag> = Vec::new();
        for f in &flags {
            if !distinct.iter().any(|g| g.phrase == f.phrase) {
                distinct.push(f);
            }
        }
        // A fixed linear congruential draw, so the sample is the same on every run.
        let mut x: u64 = 12;
        let mut picked = BTreeSet::new();
        while picked.len() < sample.min(distinct.len()) {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            picked.insert((x >> 33) as usize % distinct.len());
        }
        for i in picked {
            let f = distinct[i];
            let label = ann.get(&f.phrase, &stories[f.story].id).unwrap_or("?");
            println!(
                "{}\t{label}\t{}\t{}",
                f.phrase,
                stories[f.story].id,
                context(&stories[f.story].text, &f.range)
            );
        }
    }
}

fn print_features(stories: &[Story]) {
    use recurrence::confidence::{Reader, FEATURES};
    let config = Config::default();
    println!("story\tname\tforms\ttopic\tentry\t{}", FEATURES.join("\t"));
    for s in stories {
        let doc = Document::new(&s.text, Vec::new());
        let fams = recurrence::formula_families(&doc, &config.recurring, &config.lexicon);
        let reader = Reader::new(&doc);
        for f in &fams {
            let forms: Vec<&str> = f.variants.iter().map(|(w, _)| w.as_str()).collect();
            let e: Vec<String> = reader
                .evidence(f)
                .iter()
                .map(|x| format!("{x:.4}"))
                .collect();
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                s.id,
                f.name,
                forms.join("|"),
                f.topic,
                f.entry_id.is_some(),
                e.join("\t")
            );
        }
    }
}
