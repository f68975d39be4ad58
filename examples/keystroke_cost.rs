//! The engine's share of a keystroke: the quick analysis the server publishes first (rules
//! that span the whole document off), after a one-character edit, with every other line
//! already cached. Meant for `valgrind --tool=callgrind --collect-atstart=no
//! --toggle-collect=*keystroke_cost*edits*` (instruction counts hold under load) or plain
//! wall time.
//! Run: `cargo run --release --example keystroke_cost -- [bytes] [edits] [scraped]`.

use policy_lsp::engine::{analyze, Config};
use std::hint::black_box;
use std::time::Instant;

#[inline(never)]
fn edits(texts: &[String], config: &Config) -> usize {
    texts
        .iter()
        .map(|t| black_box(analyze(t, config)).diagnostics.len())
        .sum()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(60_000);
    let n = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20);
    let scraped = args.get(3).is_some_and(|a| a == "scraped");
    let text = if scraped {
        policy_lsp::seeds::corpus(bytes)
    } else {
        policy_lsp::seeds::clean_corpus(bytes)
    };
    let mut config = Config::default();
    // As the server analyses: only the findings it can publish are built.
    config.diagnostic_limit = Some(policy_lsp::engine::config::DEFAULT_MAX_DIAGNOSTICS);
    for id in ["recurring-phrase", "recurring-across-docs"] {
        config.rules.entry(id.to_string()).or_default().enabled = Some(false);
    }
    config.outline = false;
    let first = analyze(&text, &config);
    if std::env::var_os("KEYSTROKE_RULES").is_some() {
        let mut by: std::collections::BTreeMap<&str, usize> = Default::default();
        for d in &first.diagnostics {
            *by.entry(d.rule).or_default() += 1;
        }
        println!("{by:?}");
    }
    let texts: Vec<String> = (1..=n)
        .map(|k| policy_lsp::seeds::one_char_edit(&text, k * 37))
        .collect();
    let t = Instant::now();
    let found = edits(&texts, &config);
    let per = t.elapsed().as_secs_f64() * 1000.0 / n as f64;
    println!("{bytes} bytes, {n} edits: {per:.2} ms per edit ({found} findings)");
}
