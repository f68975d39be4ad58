//! Publishing without glitches: a settings change replaces the diagnostics in one publish
//! (never an empty or partial one first), and opening a document in a workspace publishes
//! it once, not again when the workspace index or the project config arrives.

mod common;

use common::Client;
use serde_json::{json, Value};
use std::time::Duration;

fn file_uri(p: &std::path::Path) -> String {
    let mut s = String::from("file://");
    for part in p.components().skip(1) {
        s.push('/');
        s.push_str(&part.as_os_str().to_string_lossy());
    }
    s
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("policy-lsp-pub-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn codes(p: &Value) -> Vec<String> {
    p["diagnostics"]
        .as_array()
        .map(|d| {
            d.iter()
                .map(|x| x["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

const PHRASE: &str = "坚持把疫情防控作为头等大事";

#[test]
fn a_settings_change_publishes_the_new_set_without_an_empty_one_first() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    let u = "file:///tmp/policy-lsp-pub/settings.txt";
    // Only recurrence findings: a quick publish without them would be empty.
    let text = format!("要{PHRASE}。\n必须{PHRASE}。\n各地{PHRASE}。\n");
    c.open(u, &text, 1);
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == u && codes(p).iter().any(|c| c == "recurring-phrase")
    });
    c.backlog.clear();
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"policyLsp": {"rules": {"recurring-phrase": {"severity": "hint"}}}}}),
    );
    let fresh = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == u
            && p["diagnostics"]
                .as_array()
                .is_some_and(|d| !d.is_empty() && d.iter().all(|x| x["severity"] == 4))
    });
    assert!(codes(&fresh).iter().all(|c| c == "recurring-phrase"));
    let before: Vec<&Value> = c
        .backlog
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u)
        .collect();
    assert!(
        before.is_empty(),
        "published before the new set: {before:?}"
    );
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn opening_a_document_in_a_workspace_publishes_once() {
    let root = temp_dir("open-once");
    std::fs::create_dir_all(root.join(".policy-lsp")).unwrap();
    std::fs::write(
        root.join(".policy-lsp/config.json"),
        r#"{"recurring": {"minCount": 4}}"#,
    )
    .unwrap();
    for i in 0..3 {
        std::fs::write(root.join(format!("other{i}.txt")), "今天天气很好。\n").unwrap();
    }
    let mut c = Client::spawn();
    c.initialize_in(&["utf-16"], Value::Null, Some(&file_uri(&root)));
    let u = file_uri(&root.join("draft.txt"));
    c.open(&u, "会议指出,要坚持。\n", 1);
    // The workspace is indexed, and the open documents re-analysed, after this log line.
    c.wait_for("window/logMessage", |p| {
        p["message"]
            .as_str()
            .is_some_and(|m| m.contains("indexed") && m.contains("workspace files"))
    });
    let first = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str()
    });
    assert_eq!(codes(&first), ["halfwidth-punct"]);
    let again = c.try_wait_for(
        "textDocument/publishDiagnostics",
        |p| p["uri"] == u.as_str(),
        Duration::from_secs(3),
    );
    assert!(again.is_none(), "published twice: {first} then {again:?}");
    assert_eq!(c.shutdown_and_exit(), 0);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_misspelt_setting_is_logged_with_a_suggestion() {
    let mut c = Client::spawn();
    c.initialize(
        &["utf-16"],
        json!({"locle": "en", "rules": {"halfwidth-punc": {"enabled": false}}}),
    );
    let logged = |needle: &'static str| {
        move |p: &Value| p["message"].as_str().is_some_and(|m| m.contains(needle))
    };
    c.wait_for("window/logMessage", logged("did you mean `locale`"));
    c.wait_for(
        "window/logMessage",
        logged("did you mean `halfwidth-punct`"),
    );
    assert_eq!(c.shutdown_and_exit(), 0);
}
