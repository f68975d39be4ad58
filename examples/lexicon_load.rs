//! Times the server's load of a large user lexicon, phase by phase: parse + validate
//! (`validate_user_lexicon`), merge over the built-in lexicon, and the matcher build. The
//! lexicon is generated (default 100,000 entries; `LEXICON_ENTRIES=n` changes it), each entry
//! with aliases, components and a variant, so every part of the matcher is exercised
//! (`LEXICON_SHAPE=plain`: the required fields only, as in `benches/linearity.rs`;
//! `LEXICON_SHAPE=words`: real words of the segmenter's dictionary as terms and full forms, so
//! that the names share their first characters as a real lexicon's do). It then times a scan
//! of 1 MB of report text with the merged lexicon (names and enumerations).
//!
//! `cargo run --release --example lexicon_load [-- ENTRIES]`. Under
//! `valgrind --tool=callgrind` it gives instruction counts that machine load does not
//! disturb (`--toggle-collect` is not needed: generation is cheap next to loading).
//! Issue #17's target: 100,000 entries in under 1 s.

use policy_lsp::engine::lexicon::{validate_user_lexicon, Lexicon};
use std::time::Instant;

/// A lexicon file of `n` entries in the layout an editor writes (one field per line).
fn lexicon_json(n: usize, shape: &str) -> String {
    let mut out = String::with_capacity(n * 700);
    out.push_str("{\n  \"version\": 1,\n  \"entries\": [\n");
    // Dictionary words of two characters or more (the words shape only).
    let words: Vec<&str> = if shape == "words" {
        include_str!("../data/segment/dict.txt")
            .lines()
            .filter_map(|l| l.split(' ').next())
            .filter(|w| w.chars().count() >= 2)
            .collect()
    } else {
        Vec::new()
    };
    for i in 0..n {
        if i > 0 {
            out.push_str(",\n");
        }
        // The required fields only, with this term and full form.
        let mut required = |term: &str, full: &str| {
            out.push_str(&format!(
                concat!(
                    "    {{\n",
                    "      \"id\": \"entry-{i}\",\n",
                    "      \"term\": \"{term}\",\n",
                    "      \"full\": \"{full}\",\n",
                    "      \"summary\": \"测试条目。\",\n",
                    "      \"origin\": {{ \"date\": \"2020\", \"occasion\": \"会议\" }},\n",
                    "      \"source\": \"https://example.org/{i}\",\n",
                    "      \"confidence\": \"unsure\",\n",
                    "      \"scope\": \"local\"\n",
                    "    }}"
                ),
                i = i,
                term = term,
                full = full,
            ))
        };
        if shape == "words" {
            let w = |k: usize| words[k % words.len()];
            required(w(3 * i), &format!("{}{}", w(3 * i + 1), w(3 * i + 2)));
            continue;
        }
        if shape == "plain" {
            required(&format!("提法{i}号"), &format!("第{i}个完整提法"));
            continue;
        }
        out.push_str(&format!(
            concat!(
                "    {{\n",
                "      \"id\": \"entry-{i}\",\n",
                "      \"term\": \"提法{i}号\",\n",
                "      \"aliases\": [\"简称{i}\"],\n",
                "      \"full\": \"第{i}项甲、第{i}项乙、第{i}项丙\",\n",
                "      \"components\": [\"第{i}项甲\", \"第{i}项乙\", \"第{i}项丙\"],\n",
                "      \"variants\": [{{ \"form\": \"旧提法{i}\", \"status\": \"deprecated\", \"components\": [] }}],\n",
                "      \"summary\": \"测试条目。\",\n",
                "      \"origin\": {{ \"date\": \"2020\", \"occasion\": \"会议\" }},\n",
                "      \"source\": \"https://example.org/{i}\",\n",
                "      \"confidence\": \"unsure\",\n",
                "      \"scope\": \"local\"\n",
                "    }}"
            ),
            i = i
        ));
    }
    out.push_str("\n  ]\n}\n");
    out
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("LEXICON_ENTRIES").ok())
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let builtin = Lexicon::builtin();
    let shape = std::env::var("LEXICON_SHAPE").unwrap_or_else(|_| "rich".into());
    let text = lexicon_json(n, &shape);
    println!(
        "{n} {shape} entries, {:.1} MB of JSON",
        text.len() as f64 / 1_048_576.0
    );

    let total = Instant::now();
    let t = Instant::now();
    let user = match validate_user_lexicon(&text) {
        Ok(lex) => lex,
        Err(errors) => {
            eprintln!("the generated lexicon does not validate: {}", errors[0]);
            std::process::exit(1);
        }
    };
    let validate = t.elapsed();
    let t = Instant::now();
    let merged = builtin.merged_with(&user);
    let merge = t.elapsed();
    let t = Instant::now();
    let matcher = merged.matcher();
    let build = t.elapsed();
    let total = total.elapsed();

    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!("validate (parse + check) {:>8.1} ms", ms(validate));
    println!("merge over built-in      {:>8.1} ms", ms(merge));
    println!("matcher build            {:>8.1} ms", ms(build));
    println!("total                    {:>8.1} ms", ms(total));
    // Keeps the work observable (and the result checked).
    let last = &merged.entries()[merged.entries().len() - 1].term;
    let hits = matcher.names(last);
    assert_eq!(hits.len(), 1, "the last entry's term must be found");
    assert_eq!(merged.entries().len(), builtin.entries().len() + n);

    let doc = policy_lsp::seeds::corpus(1_000_000);
    let t = Instant::now();
    let names = matcher.names(&doc).len();
    let enumerations = matcher.enumerations(&doc, merged.entries()).len();
    println!(
        "scan of 1 MB             {:>8.1} ms ({names} names, {enumerations} enumerations)",
        ms(t.elapsed())
    );

    // The first full analysis with this lexicon builds what the document-wide passes need
    // from it (recurrence's slogan set): part of what a user waits for after a load. The
    // segmenter is loaded first, as the server does at start-up.
    policy_lsp::engine::segment::warm_up();
    let config = policy_lsp::engine::config::Config {
        lexicon: std::sync::Arc::new(merged),
        ..Default::default()
    };
    let seed = policy_lsp::seeds::all().next().map_or("", |(_, text)| text);
    let t = Instant::now();
    let first = policy_lsp::engine::analyze(seed, &config);
    let first_ms = ms(t.elapsed());
    let t = Instant::now();
    let again = policy_lsp::engine::analyze(seed, &config);
    println!(
        "first analysis of a seed {:>8.1} ms (again: {:.1} ms; {} findings)",
        first_ms,
        ms(t.elapsed()),
        first.diagnostics.len()
    );
    assert_eq!(first.diagnostics.len(), again.diagnostics.len());
}
