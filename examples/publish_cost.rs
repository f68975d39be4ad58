//! The server's share of a publish after the engine: the most severe diagnostics (the
//! server's limit) converted to LSP positions (UTF-16) and serialised, as each keystroke
//! does. Meant for `valgrind --tool=callgrind --collect-atstart=no
//! --toggle-collect=*publish_cost*publish*` (instruction counts hold under load) or plain
//! wall time.
//! Run: `cargo run --release --example publish_cost -- [bytes] [times] [scraped|oneline]`
//! (`oneline`: the scraped text with its line breaks removed, as some web copies come).

use policy_lsp::engine::{analyze, most_severe, Config, Diagnostic};
use policy_lsp::server::{convert, position::Encoding};
use ropey::Rope;
use std::hint::black_box;
use std::time::Instant;
use tower_lsp::lsp_types::Url;

#[inline(never)]
fn publish(list: &[&Diagnostic], uri: &Url, rope: &Rope, times: usize) -> usize {
    let none = |_: &str| None;
    (0..times)
        .map(|_| {
            let converted = convert::diagnostics(list, uri, rope, Encoding::Utf16, &none);
            black_box(serde_json::to_vec(&converted).map_or(0, |v| v.len()))
        })
        .sum()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let times = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10);
    let text = match args.get(3).map(String::as_str) {
        Some("scraped") => policy_lsp::seeds::corpus(bytes),
        Some("oneline") => policy_lsp::seeds::corpus(bytes).replace('\n', ""),
        _ => policy_lsp::seeds::clean_corpus(bytes),
    };
    let config = Config::default();
    let analysis = analyze(&text, &config);
    let list = most_severe(
        &analysis.diagnostics,
        policy_lsp::engine::config::DEFAULT_MAX_DIAGNOSTICS,
    );
    let rope = Rope::from_str(&text);
    let uri = Url::parse("file:///bench/big.txt").expect("a valid URL");
    let last = list.iter().map(|d| d.range.end).max().unwrap_or(0);
    let t = Instant::now();
    let json = publish(&list, &uri, &rope, times);
    println!(
        "{} bytes, {} diagnostics (last ends at byte {last}): {:.2} ms per publish, {} bytes of JSON",
        text.len(),
        list.len(),
        t.elapsed().as_secs_f64() * 1000.0 / times as f64,
        json / times.max(1)
    );
}
