//! Server latency harness: starts the real server binary over stdio and measures what a
//! drafter feels. Run with `cargo bench --bench lsp_latency`.
//!
//! - cold start: spawn → `initialize` answered; `didOpen` of a seed → first diagnostics;
//! - keystroke → `publishDiagnostics` for that version, one character at typing speed, on a
//!   20,000-character report and on a 1 MB document (p50/p95/p99);
//! - bursts: ten keystrokes back to back → diagnostics for the last one;
//! - pastes: a sentence holding a recurring phrase pasted ten times → first diagnostics and
//!   the recomputed recurrence;
//! - peak RSS of the server process with the 1 MB document open.
//!
//! The pasted phrase is the first recurring phrase among the published diagnostics.
//! `LATENCY_PASTE=phrase` sets it instead: a server that publishes none (an older build
//! whose recurrence findings rank below the limit) then does the same work, so that peaks
//! compare.

#[path = "../tests/common/mod.rs"]
mod common;

use common::{keystroke, peak_rss_mb, report, resident_split_mb, Client};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// Milliseconds from `sent` until the first diagnostics of `version` arrived (read off the
/// pipe, before this client parsed them).
fn ms_until_published(c: &Client, uri: &str, version: i64, sent: Instant) -> f64 {
    let first = c.publish_times(uri, version).first().copied();
    first.map_or(f64::NAN, |t| (t - sent).as_secs_f64() * 1000.0)
}

/// Types `count` single characters into the middle of the document, alternately inserting
/// and deleting 的 so the document stays the same size; returns each keystroke's latency.
fn typing(
    c: &mut Client,
    uri: &str,
    text: &str,
    first_version: i64,
    count: usize,
    pause: Duration,
) -> Vec<f64> {
    let mut out = Vec::new();
    for k in 0..count {
        let version = first_version + k as i64;
        let change = keystroke(text, text.len() / 2, k, "的");
        let t = Instant::now();
        c.change(uri, version, json!([change]));
        c.diagnostics(uri, version);
        out.push(ms_until_published(c, uri, version, t));
        c.backlog.clear();
        std::thread::sleep(pause);
    }
    out
}

/// Pastes a sentence made of a phrase the document already repeats into the middle and
/// removes it again, `count` times: every paste changes that phrase's count, so the server
/// publishes twice per version — at once with the recurrence findings carried over, then
/// the recomputed set. Returns (first publish, recomputed publish) latencies.
fn pasting(
    c: &mut Client,
    uri: &str,
    text: &str,
    phrase: &str,
    first_version: i64,
    count: usize,
) -> (Vec<f64>, Vec<f64>) {
    let sentence = format!("要{phrase}。");
    let (mut first, mut full) = (Vec::new(), Vec::new());
    for k in 0..count {
        let version = first_version + k as i64;
        let change = keystroke(text, text.len() / 2, k, &sentence);
        let t = Instant::now();
        c.change(uri, version, json!([change]));
        c.diagnostics(uri, version);
        let second = c.try_wait_for(
            "textDocument/publishDiagnostics",
            |p| p["uri"] == uri && p["version"] == version,
            Duration::from_secs(10),
        );
        first.push(ms_until_published(c, uri, version, t));
        if second.is_some() {
            let last = c.publish_times(uri, version).last().copied();
            full.push(last.map_or(f64::NAN, |l| (l - t).as_secs_f64() * 1000.0));
        }
        c.backlog.clear();
        std::thread::sleep(Duration::from_millis(50));
    }
    (first, full)
}

fn bursts(c: &mut Client, uri: &str, text: &str, first_version: i64, bursts: usize) -> Vec<f64> {
    // Both edits computed before timing starts.
    let edits = [
        keystroke(text, text.len() / 3, 0, "要"),
        keystroke(text, text.len() / 3, 1, "要"),
    ];
    let mut out = Vec::new();
    let mut version = first_version;
    for _ in 0..bursts {
        let t = Instant::now();
        for k in 0..10 {
            c.change(uri, version, json!([edits[k % 2].clone()]));
            version += 1;
        }
        c.diagnostics(uri, version - 1);
        out.push(ms_until_published(c, uri, version - 1, t));
        c.backlog.clear();
        std::thread::sleep(Duration::from_millis(50));
    }
    out
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported.
    let quick = std::env::var("LATENCY_QUICK").is_ok();
    let (keys, burst_n) = if quick { (20, 3) } else { (200, 20) };

    // Cold start (skipped when LATENCY_DOCS picks documents).
    let mut cold = Vec::new();
    let mut first_diag = Vec::new();
    let starts = match (std::env::var_os("LATENCY_DOCS"), quick) {
        (Some(_), _) => 0,
        (None, true) => 2,
        (None, false) => 10,
    };
    for _ in 0..starts {
        let t = Instant::now();
        let mut c = Client::spawn();
        c.initialize(&["utf-16"], Value::Null);
        cold.push(t.elapsed().as_secs_f64() * 1000.0);
        let (name, seed) = policy_lsp::seeds::SEEDS[0];
        let uri = format!("file:///bench/{name}");
        let t = Instant::now();
        c.open(&uri, seed, 1);
        c.diagnostics(&uri, 1);
        first_diag.push(ms_until_published(&c, &uri, 1, t));
        c.shutdown_and_exit();
    }
    if starts > 0 {
        report("cold start: spawn → initialize answered", cold);
        report("cold start: didOpen seed 000 → diagnostics", first_diag);
    }

    let mut docs: Vec<(String, String)> = [
        ("20,000-char report", 60_000, false),
        ("20,000-char report as scraped", 60_000, true),
        ("1 MB document", 1_000_000, false),
        ("1 MB document as scraped", 1_000_000, true),
    ]
    .into_iter()
    .map(|(label, bytes, scraped)| {
        let text = if scraped {
            policy_lsp::seeds::corpus(bytes)
        } else {
            policy_lsp::seeds::clean_corpus(bytes)
        };
        (label.to_string(), text)
    })
    .collect();
    // LATENCY_FILE=path adds a document of your own (e.g. a real compilation).
    if let Ok(path) = std::env::var("LATENCY_FILE") {
        match std::fs::read_to_string(&path) {
            Ok(text) => docs.push((format!("file {path}"), text)),
            Err(e) => eprintln!("LATENCY_FILE {path}: {e}"),
        }
    }
    // LATENCY_DOCS="1 MB" runs only the documents whose label contains it.
    let only = std::env::var("LATENCY_DOCS").unwrap_or_default();
    for (label, text) in docs {
        if !label.contains(only.as_str()) {
            continue;
        }
        let mut c = Client::spawn();
        // LATENCY_ROOT=/path opens that folder as the workspace (its files are indexed for
        // recurring-across-docs).
        let root = std::env::var("LATENCY_ROOT")
            .ok()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .map(|p| format!("file://{}", p.display()));
        c.initialize_in(&["utf-16"], Value::Null, root.as_deref());
        let uri = "file:///bench/big.txt";
        let t = Instant::now();
        c.open(uri, &text, 1);
        c.diagnostics(uri, 1);
        // The full set (with recurrence) for the opened version.
        let diagnostics = c
            .try_wait_for(
                "textDocument/publishDiagnostics",
                |p| {
                    let recurring = |d: &Value| d["code"] == "recurring-phrase";
                    p["uri"] == uri
                        && p["version"] == 1
                        && p["diagnostics"]
                            .as_array()
                            .is_some_and(|a| a.iter().any(recurring))
                },
                Duration::from_secs(20),
            )
            .and_then(|p| p["diagnostics"].as_array().cloned())
            .unwrap_or_default();
        let times = c.publish_times(uri, 1);
        let ms = |i: Option<&Instant>| i.map_or(f64::NAN, |i| (*i - t).as_secs_f64() * 1000.0);
        println!(
            "{label}: {} chars, {} bytes; didOpen → first diagnostics {:.1} ms, with recurrence {:.1} ms",
            text.chars().count(),
            text.len(),
            ms(times.first()),
            ms(times.last()),
        );
        // The peak so far after each phase, to see which one sets it.
        let mut peaks = vec![("open", peak_rss_mb(c.pid()))];
        c.backlog.clear();
        report(
            &format!("{label}: keystroke → diagnostics"),
            typing(&mut c, uri, &text, 2, keys, Duration::from_millis(30)),
        );
        peaks.push(("typing", peak_rss_mb(c.pid())));
        report(
            &format!("{label}: burst of 10 → diagnostics"),
            bursts(&mut c, uri, &text, 2 + keys as i64, burst_n),
        );
        peaks.push(("bursts", peak_rss_mb(c.pid())));
        let phrase = std::env::var("LATENCY_PASTE").ok().or_else(|| {
            diagnostics
                .iter()
                .find(|d| d["code"] == "recurring-phrase")
                .and_then(|d| d["message"].as_str())
                .and_then(|m| m.split(['「', '」']).nth(1))
                .map(str::to_string)
        });
        if let Some(phrase) = phrase {
            let first_version = 2 + keys as i64 + 10 * burst_n as i64;
            let (first, full) = pasting(&mut c, uri, &text, &phrase, first_version, keys / 2);
            report(&format!("{label}: paste → first diagnostics"), first);
            if full.is_empty() {
                println!("{label}: paste → no recomputed diagnostics arrived");
            } else {
                report(&format!("{label}: paste → recomputed recurrence"), full);
            }
        }
        if let Some(mb) = peak_rss_mb(c.pid()) {
            peaks.push(("pastes", Some(mb)));
            let phases: Vec<String> = peaks
                .iter()
                .map(|(phase, mb)| format!("{phase} {:.1}", mb.unwrap_or(f64::NAN)))
                .collect();
            println!(
                "{label}: server peak RSS {mb:.1} MB (after {})",
                phases.join(", ")
            );
        }
        if let Some((anon, file)) = resident_split_mb(c.pid()) {
            println!(
                "{label}: server resident at the end {:.1} MB: anonymous {anon:.1}, file-backed {file:.1}",
                anon + file
            );
        }
        c.shutdown_and_exit();
    }
}
