//! The server's whole first publish after a keystroke, once a full analysis exists: the quick
//! analysis (recurrence off, no outline), the previous recurrence findings carried through the
//! edit and the 1,000 most severe picked (`remap::most_severe_with_carried`), the rope built,
//! positions converted to UTF-16 and the JSON written. Text as scraped (`seeds::corpus`).
//! Meant for `valgrind --tool=callgrind --collect-atstart=no
//! --toggle-collect=*quick_publish_cost*quick*` (instruction counts hold under load) or plain
//! wall time, which it prints per stage.
//! Run: `cargo run --release --example quick_publish_cost -- [bytes] [edits]`.

use policy_lsp::engine::config::DEFAULT_MAX_DIAGNOSTICS;
use policy_lsp::engine::{analyze, remap, Analysis, Config, Diagnostic};
use policy_lsp::server::{convert, position::Encoding};
use ropey::Rope;
use std::hint::black_box;
use std::time::Instant;
use tower_lsp::lsp_types::Url;

const WHOLE_DOCUMENT: [&str; 2] = ["recurring-phrase", "recurring-across-docs"];

/// One edited text and the byte offset where 的 was inserted.
struct Edited {
    text: String,
    at: usize,
}

fn edited(text: &str, k: usize) -> Edited {
    let at = policy_lsp::engine::text::floor_char_boundary(
        text,
        k.wrapping_mul(7919) % text.len().max(1),
    );
    let mut out = String::with_capacity(text.len() + 3);
    out.push_str(&text[..at]);
    out.push('的');
    out.push_str(&text[at..]);
    Edited { text: out, at }
}

/// Seconds spent per stage: analysis, carry and pick, rope, conversion and JSON.
#[inline(never)]
fn quick(edits: &[Edited], full: &Analysis, config: &Config, uri: &Url) -> [f64; 4] {
    let mut t = [0.0; 4];
    for e in edits {
        let s = Instant::now();
        let fresh = analyze(&e.text, config);
        t[0] += s.elapsed().as_secs_f64();
        let s = Instant::now();
        let moved = [remap::Edit {
            start: e.at,
            old_end: e.at,
            new_len: '的'.len_utf8(),
        }];
        let whole = full
            .diagnostics
            .iter()
            .filter(|d| WHOLE_DOCUMENT.contains(&d.rule));
        let picked = remap::most_severe_with_carried(
            fresh.diagnostics,
            whole,
            &moved,
            DEFAULT_MAX_DIAGNOSTICS,
        );
        t[1] += s.elapsed().as_secs_f64();
        let s = Instant::now();
        let rope = Rope::from_str(&e.text);
        t[2] += s.elapsed().as_secs_f64();
        let s = Instant::now();
        let refs: Vec<&Diagnostic> = picked.iter().collect();
        let none = |_: &str| None;
        let converted = convert::diagnostics(&refs, uri, &rope, Encoding::Utf16, &none);
        black_box(serde_json::to_vec(&converted).map_or(0, |v| v.len()));
        t[3] += s.elapsed().as_secs_f64();
    }
    t
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10);
    let text = policy_lsp::seeds::corpus(bytes);
    let full_config = Config {
        diagnostic_limit: Some(DEFAULT_MAX_DIAGNOSTICS),
        ..Config::default()
    };
    let full = analyze(&text, &full_config);
    let mut config = full_config.clone();
    for id in WHOLE_DOCUMENT {
        config.rules.entry(id.to_string()).or_default().enabled = Some(false);
    }
    config.outline = false;
    // Warm the per-line cache, as the server's previous keystrokes did.
    analyze(&text, &config);
    let edits: Vec<Edited> = (1..=n).map(|k| edited(&text, k * 37)).collect();
    let uri = Url::parse("file:///probe.txt").expect("a valid URL");
    let t = quick(&edits, &full, &config, &uri);
    let ms = |x: f64| x * 1000.0 / n.max(1) as f64;
    println!(
        "{bytes} bytes, {n} edits, per edit: analysis {:.2} ms, carry and pick {:.2} ms, rope {:.2} ms, conversion and JSON {:.2} ms",
        ms(t[0]),
        ms(t[1]),
        ms(t[2]),
        ms(t[3])
    );
}
