//! Per-rule counts on published, professionally edited text: the false-alarm judge.
//!
//! Run: `cargo run --release --example published_counts -- [FILE.jsonl ...] [--show RULE[:N]]
//! [--json OUT]`. Default input: every `eval/published/*.jsonl`. Each line is one story
//! (`{"id","date","title","url","source","text"}`, see `eval/README.md`), analysed on its own
//! as a document, with the story's date line prepended so date-aware rules see it.
//!
//! Prints, per rule: findings, findings per 1,000 characters, stories with a finding, and
//! distinct flagged texts. `--show RULE:N` prints N findings of RULE with their context and
//! source address, for annotation. `--json OUT` writes the table, so a change can be compared
//! with the committed baseline in `eval/counts/`.

use policy_lsp::engine::{self, config::Config};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
struct Count {
    findings: usize,
    stories: usize,
    distinct: BTreeSet<String>,
    by_severity: BTreeMap<&'static str, usize>,
}

#[path = "../eval/stories.rs"]
mod stories;
use stories::Story;

fn read_stories(paths: &[String]) -> Vec<Story> {
    let mut out = Vec::new();
    for path in paths {
        match stories::read_jsonl(path) {
            Ok(s) => out.extend(s),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        }
    }
    out
}

fn context(text: &str, range: &std::ops::Range<usize>) -> String {
    let mut start = range.start;
    for _ in 0..20 {
        match text[..start].char_indices().next_back() {
            Some((i, c)) if c != '\n' => start = i,
            _ => break,
        }
    }
    let mut end = range.end;
    for _ in 0..20 {
        match text[end..].chars().next() {
            Some(c) if c != '\n' => end += c.len_utf8(),
            _ => break,
        }
    }
    format!(
        "{}【{}】{}",
        &text[start..range.start],
        &text[range.clone()],
        &text[range.end..end]
    )
}

fn main() {
    let mut files = Vec::new();
    let mut show: Option<(String, usize)> = None;
    let mut json_out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--show" => {
                let spec = args.next().unwrap_or_default();
                let (rule, n) = spec.split_once(':').unwrap_or((&spec, "20"));
                show = Some((rule.to_string(), n.parse().unwrap_or(20)));
            }
            "--json" => json_out = args.next(),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        let mut found: Vec<String> = std::fs::read_dir("eval/published")
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.path().to_string_lossy().into_owned())
                    .filter(|p| p.ends_with(".jsonl"))
                    .collect()
            })
            .unwrap_or_default();
        found.sort();
        files = found;
    }
    let stories = read_stories(&files);
    let config = Config::default();
    let chars: usize = stories.iter().map(|s| s.text.chars().count()).sum();
    let mut counts: BTreeMap<&'static str, Count> = BTreeMap::new();
    let mut shown = 0;
    for story in &stories {
        let analysis = engine::analyze(&story.text, &config);
        let mut seen = BTreeSet::new();
        for d in &analysis.diagnostics {
            let c = counts.entry(d.rule).or_default();
            c.findings += 1;
            *c.by_severity.entry(d.severity.as_str()).or_default() += 1;
            c.distinct.insert(story.text[d.range.clone()].to_string());
            if seen.insert(d.rule) {
                c.stories += 1;
            }
            if let Some((rule, n)) = &show {
                if rule == d.rule && shown < *n {
                    shown += 1;
                    println!(
                        "{} {}\n  {}\n  {}\n",
                        story.id,
                        story.url,
                        d.message,
                        context(&story.text, &d.range)
                    );
                }
            }
        }
    }
    println!(
        "{} stories, {} characters ({})",
        stories.len(),
        chars,
        files.join(", ")
    );
    println!(
        "{:<24} {:>8} {:>9} {:>8} {:>9}  severities",
        "rule", "findings", "per 1000", "stories", "distinct"
    );
    let mut table = serde_json::Map::new();
    for (rule, c) in &counts {
        let per_k = c.findings as f64 * 1000.0 / chars.max(1) as f64;
        let sev: Vec<String> = c
            .by_severity
            .iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect();
        println!(
            "{:<24} {:>8} {:>9.3} {:>8} {:>9}  {}",
            rule,
            c.findings,
            per_k,
            c.stories,
            c.distinct.len(),
            sev.join(", ")
        );
        table.insert(
            rule.to_string(),
            serde_json::json!({
                "findings": c.findings,
                "per_1000_chars": (per_k * 1000.0).round() / 1000.0,
                "stories": c.stories,
                "distinct": c.distinct.len(),
                "by_severity": c.by_severity,
            }),
        );
    }
    if let Some(path) = json_out {
        let doc = serde_json::json!({
            "inputs": files,
            "stories": stories.len(),
            "characters": chars,
            "rules": table,
        });
        let body = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
        if let Err(e) = std::fs::write(&path, body) {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    }
}
