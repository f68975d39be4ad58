//! A ~3 MB document must not hold up the rest of the session: hover on another document is
//! answered while the big one is still being analysed, and diagnostics for a version that
//! was superseded never arrive after a newer version's. Asserts orderings, not timings.

mod common;

use common::{keystroke, position_of, Client};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const BIG: &str = "file:///e2e/big.txt";
const SMALL: &str = "file:///e2e/seed000.txt";

fn is_big_diagnostics(m: &Value) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == BIG
}

/// Waits until the big document's diagnostics for `version` arrive, recording the version of
/// every diagnostics notification for it on the way, in arrival order. A debug build takes
/// longer than the client's per-message timeout to analyse megabytes, so this polls with hover
/// requests on the small document (each must be answered) rather than waiting on one message.
fn collect_until(c: &mut Client, version: i64, hover: &Value, seen: &mut Vec<i64>) {
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let mut done = false;
        c.backlog.retain(|m| {
            if !is_big_diagnostics(m) {
                return true;
            }
            let v = m["params"]["version"]
                .as_i64()
                .expect("versioned diagnostics");
            seen.push(v);
            done |= v == version;
            false
        });
        if done {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "no diagnostics for version {version}"
        );
        std::thread::sleep(Duration::from_millis(200));
        let h = c.request("textDocument/hover", hover.clone());
        assert!(!h.is_null(), "hover on the small document");
    }
}

#[test]
fn big_document_does_not_block_other_documents_nor_publish_stale_diagnostics() {
    let big = policy_lsp::seeds::clean_corpus(3_000_000);
    let (_, small) = policy_lsp::seeds::SEEDS[0];
    let at = small.find("四个意识").unwrap() + "四".len();
    let (line, character) = position_of(small, at, "utf-16");
    let hover =
        json!({"textDocument": {"uri": SMALL}, "position": {"line": line, "character": character}});

    let t = Instant::now();
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    c.open(SMALL, small, 1);
    c.diagnostics(SMALL, 1);
    c.backlog.clear();

    c.open(BIG, &big, 1);
    let h = c.request("textDocument/hover", hover.clone());
    let md = h["contents"]["value"].as_str().unwrap_or_default();
    assert!(md.contains("四个意识"), "hover on 四个意识: {h}");
    // The hover answer came before the big document's first diagnostics: it did not wait for
    // that analysis.
    assert!(
        !c.backlog.iter().any(is_big_diagnostics),
        "hover on a small document waited for the big document's analysis"
    );
    // The small document's outline too (it is cached or analysed on its own).
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": SMALL}}),
    );
    assert!(
        symbols.as_array().is_some_and(|a| !a.is_empty()),
        "{symbols}"
    );

    let mut seen = Vec::new();
    collect_until(&mut c, 1, &hover, &mut seen);
    eprintln!("big document analysed in {:?}", t.elapsed());
    // Version 2 is superseded by version 3 at once; version 4 comes after 3 is published.
    c.change(BIG, 2, json!([keystroke(&big, big.len() / 2, 0, "的")]));
    c.change(BIG, 3, json!([keystroke(&big, big.len() / 2, 1, "的")]));
    collect_until(&mut c, 3, &hover, &mut seen);
    eprintln!("two edits analysed at {:?}", t.elapsed());
    c.change(BIG, 4, json!([keystroke(&big, big.len() / 2, 0, "的")]));
    collect_until(&mut c, 4, &hover, &mut seen);
    // A request as a barrier: whatever the server published before answering is now in the
    // backlog.
    c.request("textDocument/hover", hover.clone());
    seen.extend(
        c.backlog
            .iter()
            .filter(|m| is_big_diagnostics(m))
            .map(|m| m["params"]["version"].as_i64().unwrap_or(-1)),
    );
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "diagnostics of a superseded version arrived after a newer version's: {seen:?}"
    );
    assert_eq!(seen.last(), Some(&4), "{seen:?}");
    assert_eq!(c.shutdown_and_exit(), 0);
}
