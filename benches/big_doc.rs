//! Responsiveness with a 10 MB document open: starts the real server binary over stdio,
//! opens a 10 MB report compilation, and while it is being analysed measures requests on a
//! small report (hover, documentSymbol, keystroke → diagnostics). Then edits the big document
//! twice back to back and checks that the superseded version's diagnostics are never
//! published. Run with `cargo bench --bench big_doc` (`BIG_DOC_BYTES` overrides the size).

#[path = "../tests/common/mod.rs"]
mod common;

use common::{keystroke, peak_rss_mb, position_of, report, Client};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const BIG: &str = "file:///bench/big.txt";
const SMALL: &str = "file:///bench/seed000.txt";

/// Versions of the big document's diagnostics seen so far (in arrival order), taken out of
/// the backlog.
fn take_big_diagnostics(c: &mut Client, seen: &mut Vec<i64>) {
    c.backlog.retain(|m| {
        let big = m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == BIG;
        if big {
            seen.push(m["params"]["version"].as_i64().unwrap_or(-1));
        }
        !big
    });
}

fn main() {
    let bytes: usize = std::env::var("BIG_DOC_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000_000);
    let rounds = 20;
    let big = policy_lsp::seeds::clean_corpus(bytes);
    let (_, small) = policy_lsp::seeds::SEEDS[0];
    let hover_at = small.find("四个意识").expect("seed 000 has 四个意识") + "四".len();
    let (hl, hc) = position_of(small, hover_at, "utf-16");
    println!(
        "big document: {} bytes, {} chars, {} lines",
        big.len(),
        big.chars().count(),
        big.lines().count()
    );

    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    // Let the server load jieba's dictionary before the clock starts.
    c.open(SMALL, small, 1);
    c.diagnostics(SMALL, 1);
    c.backlog.clear();

    let mut big_seen = Vec::new();
    let t_open = Instant::now();
    c.open(BIG, &big, 1);
    let sent_open = t_open.elapsed().as_secs_f64() * 1000.0;

    // Hover, documentSymbol and a keystroke on the small document, over and over until the
    // big document's first diagnostics arrive (and at least `rounds` times).
    let hover_small =
        json!({"textDocument": {"uri": SMALL}, "position": {"line": hl, "character": hc}});
    let (mut hover_ms, mut symbol_ms, mut typing_ms) = (Vec::new(), Vec::new(), Vec::new());
    let mut k = 0;
    let mut after = 0;
    while k < 400 && (big_seen.is_empty() || k < rounds) {
        let t = Instant::now();
        let h = c.request("textDocument/hover", hover_small.clone());
        let hover = t.elapsed().as_secs_f64() * 1000.0;
        assert!(
            h["contents"]["value"]
                .as_str()
                .is_some_and(|s| s.contains("四个意识")),
            "hover on 四个意识: {h}"
        );
        let t = Instant::now();
        let s = c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": SMALL}}),
        );
        let symbol = t.elapsed().as_secs_f64() * 1000.0;
        assert!(s.as_array().is_some_and(|a| !a.is_empty()), "symbols: {s}");
        let version = 2 + k as i64;
        let t = Instant::now();
        c.change(
            SMALL,
            version,
            json!([keystroke(small, small.len() / 2, k, "的")]),
        );
        c.diagnostics(SMALL, version);
        let typing = t.elapsed().as_secs_f64() * 1000.0;
        take_big_diagnostics(&mut c, &mut big_seen);
        if big_seen.is_empty() {
            hover_ms.push(hover);
            symbol_ms.push(symbol);
            typing_ms.push(typing);
        } else {
            after += 1;
        }
        k += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
    println!(
        "{} rounds of small-document requests were answered before the big document's first \
         diagnostics, {after} after (didOpen sent in {sent_open:.0} ms)",
        hover_ms.len()
    );
    if !hover_ms.is_empty() {
        report("while analysing 10 MB: hover on seed 000", hover_ms);
        report(
            "while analysing 10 MB: documentSymbol on seed 000",
            symbol_ms,
        );
        report(
            "while analysing 10 MB: keystroke on seed 000 → diagnostics",
            typing_ms,
        );
    }

    if big_seen.is_empty() {
        let d = c.diagnostics(BIG, 1);
        big_seen.push(1);
        println!(
            "big document: didOpen → diagnostics {:.0} ms ({} diagnostics)",
            t_open.elapsed().as_secs_f64() * 1000.0,
            d.len()
        );
    } else {
        println!("big document: diagnostics arrived during the small-document requests");
    }
    take_big_diagnostics(&mut c, &mut big_seen);

    // Two edits back to back: version 2 is superseded by version 3 within milliseconds.
    let t = Instant::now();
    c.change(BIG, 2, json!([keystroke(&big, big.len() / 2, 0, "的")]));
    c.change(BIG, 3, json!([keystroke(&big, big.len() / 2, 1, "的")]));
    c.diagnostics(BIG, 3);
    let v3_ms = t.elapsed().as_secs_f64() * 1000.0;
    big_seen.push(3);
    // Wait as long again for a straggling version 2, then use a request as a barrier: every
    // message the server sent before its answer is then in the backlog.
    std::thread::sleep(Duration::from_secs_f64(v3_ms / 1000.0 + 1.0));
    c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": SMALL}, "position": {"line": hl, "character": hc}}),
    );
    take_big_diagnostics(&mut c, &mut big_seen);
    println!("two edits back to back → diagnostics of the second: {v3_ms:.0} ms");
    println!("big document diagnostics published, in arrival order: versions {big_seen:?}");
    let superseded = big_seen.contains(&2);
    let ordered = big_seen.windows(2).all(|w| w[0] < w[1]);
    println!(
        "superseded version 2 published: {}; versions strictly increasing: {}",
        if superseded { "YES (bad)" } else { "no" },
        if ordered { "yes" } else { "NO (bad)" }
    );

    // Requests on the big document itself once it is analysed.
    let at = big.find("四个意识").expect("the corpus has 四个意识") + "四".len();
    let (bl, bc) = position_of(&big, at, "utf-16");
    let hover_big =
        json!({"textDocument": {"uri": BIG}, "position": {"line": bl, "character": bc}});
    let mut ms = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        c.request("textDocument/hover", hover_big.clone());
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    report("analysed 10 MB: hover on the big document", ms);
    let mut ms = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        c.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": BIG}}),
        );
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    report("analysed 10 MB: documentSymbol on the big document", ms);
    // An edit, then at once what an editor asks after an edit: symbols of the edited version.
    let t = Instant::now();
    c.change(BIG, 4, json!([keystroke(&big, big.len() / 2, 0, "的")]));
    c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": BIG}}),
    );
    let symbols = t.elapsed().as_secs_f64() * 1000.0;
    c.diagnostics(BIG, 4);
    println!(
        "edit of the big document → documentSymbol answered {symbols:.0} ms, diagnostics {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    if let Some(mb) = peak_rss_mb(c.pid()) {
        println!("server peak RSS {mb:.0} MB");
    }
    c.shutdown_and_exit();
}
