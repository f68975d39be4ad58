//! Resident memory of the segmenter and of a 1 MB analysis, stage by stage.
//!
//! Run: `cargo run --release --example mem_probe` (optionally with a size in bytes, and a
//! shape: `reports` (default), `lines` (one-character lines, the shape whose per-line data
//! dominates), `lines-distinct` (short lines that all differ)).
//! Prints VmRSS (now) and VmHWM (peak during the stage: the peak is reset before each stage
//! through /proc/self/clear_refs) after each stage, so the segmenter's share is the difference
//! between "start" and "segmenter ready". Building the corpus is a stage of its own because it
//! peaks far above what the analysis needs.

use policy_lsp::engine::config::Config;
use policy_lsp::engine::document::Document;
use policy_lsp::engine::recurrence::{segment_paragraph, segment_paragraph_cached};
use policy_lsp::engine::segment;
use std::time::Instant;

fn status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Starts a new peak (Linux 4.0+; elsewhere the peak stays the process's).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn report(stage: &str, started: Instant) {
    let mb = |kb: Option<u64>| kb.map_or(f64::NAN, |k| k as f64 / 1024.0);
    println!(
        "{stage:<40} rss {:>6.1} MB  peak {:>6.1} MB  ({:.0} ms)",
        mb(status_kb("VmRSS:")),
        mb(status_kb("VmHWM:")),
        started.elapsed().as_secs_f64() * 1000.0
    );
    reset_peak();
}

/// Returns the corpus builder's freed memory, which the server never holds.
fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn main() {
    // The server's allocator settings, so resident sizes compare with its.
    policy_lsp::tune_malloc();
    let bytes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let t = Instant::now();
    report("start", t);
    let t = Instant::now();
    segment::warm_up();
    report("segmenter ready", t);

    let shape = std::env::args().nth(2).unwrap_or_else(|| "reports".into());
    let t = Instant::now();
    let text = match shape.as_str() {
        "lines" => "a\n".repeat(bytes / 2),
        "lines-distinct" => {
            let mut s = String::with_capacity(bytes);
            let mut i = 0u32;
            while s.len() < bytes {
                s.push(char::from_u32(0x4E00 + i % 0x5000).unwrap_or('议'));
                s.push('\n');
                i += 1;
            }
            s
        }
        _ => policy_lsp::seeds::clean_corpus(bytes),
    };
    trim();
    report(&format!("corpus built ({} bytes)", text.len()), t);

    let t = Instant::now();
    let doc = Document::new(&text, Vec::new());
    let mut tokens = 0usize;
    for p in &doc.paragraphs {
        tokens += segment_paragraph_cached(&text[p.clone()]).len();
    }
    report(
        &format!(
            "segmented {} paragraphs, {tokens} tokens",
            doc.paragraphs.len()
        ),
        t,
    );

    // Every dictionary word is loaded now: segmenting again costs what an edited paragraph
    // costs.
    let t = Instant::now();
    for p in &doc.paragraphs {
        std::hint::black_box(segment_paragraph(&text[p.clone()]));
    }
    report("segmented again (uncached)", t);

    let t = Instant::now();
    let config = Config {
        diagnostic_limit: Some(1000),
        ..Config::default()
    };
    let analysis = policy_lsp::engine::analyze(&text, &config);
    report(
        &format!("analyzed ({} diagnostics)", analysis.diagnostics.len()),
        t,
    );
}
