//! The workspace side over real LSP: background indexing with `$/progress`, across-docs
//! diagnostics pointing into a file that is not open, the project config file applied, and
//! the "Ignore this phrase in this workspace" action editing it.

mod common;

use common::Client;
use serde_json::{json, Value};

const SEED_000: &str = include_str!("../seeds/000_aeb186bd1e0d189c.txt");
// Two sentences reused verbatim from seed 000 (recurring-across-docs reports whole sentences
// only), and one that only starts like one of seed 000's.
const DRAFT: &str = "会议强调,要坚持毫不放松,坚决打赢疫情防控阻击战。\
会议强调,要坚持统筹兼顾,保持经济平稳运行和社会和谐稳定。深入贯彻落实新时代党的治疆方略,做好今年各项工作。";
const FIRST: &str = "会议强调,要坚持毫不放松,坚决打赢疫情防控阻击战";

fn file_uri(p: &std::path::Path) -> String {
    let mut s = String::from("file://");
    for part in p.components().skip(1) {
        s.push('/');
        s.push_str(&part.as_os_str().to_string_lossy());
    }
    s
}

#[test]
fn workspace_index_config_and_ignore_action() {
    let root = std::env::temp_dir().join(format!("policy-lsp-ws-e2e-{}", std::process::id()));
    std::fs::create_dir_all(root.join(".policy-lsp")).unwrap();
    std::fs::write(root.join("lastyear.txt"), SEED_000).unwrap();
    let config = root.join(".policy-lsp").join("config.json");
    std::fs::write(
        &config,
        r#"{"rules": {"halfwidth-punct": {"enabled": false}}}"#,
    )
    .unwrap();

    let mut c = Client::spawn();
    c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": file_uri(&root),
            "workspaceFolders": [{"uri": file_uri(&root), "name": "ws"}],
            "capabilities": {
                "window": {"workDoneProgress": true},
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {"publishDiagnostics": {"relatedInformation": true}}
            }
        }),
    );
    c.notify("initialized", json!({}));
    // Indexing reports progress from begin to end.
    c.wait_for("$/progress", |p| p["value"]["kind"] == "begin");
    c.wait_for("$/progress", |p| p["value"]["kind"] == "end");

    let draft = file_uri(&root.join("draft.txt"));
    c.open(&draft, DRAFT, 1);
    let last_year = file_uri(&root.join("lastyear.txt"));
    let p = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == draft.as_str()
            && p["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "recurring-across-docs"))
    });
    let diags = p["diagnostics"].as_array().unwrap();
    // The project config turned halfwidth-punct off.
    assert!(
        diags.iter().all(|d| d["code"] != "halfwidth-punct"),
        "{diags:?}"
    );
    let across: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "recurring-across-docs")
        .collect();
    assert_eq!(across.len(), 2, "{across:?}");
    let related = &across[0]["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], last_year.as_str());
    // The seed's line that opens with the first sentence.
    let line = related["range"]["start"]["line"].as_u64().unwrap() as usize;
    assert!(SEED_000.lines().nth(line).unwrap().starts_with(FIRST));

    // The ignore action rewrites the existing config file, keeping its rules.
    let actions = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": draft},
            "range": across[0]["range"],
            "context": {"diagnostics": []}
        }),
    );
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("忽略")))
        .expect("ignore action")
        .clone();
    assert_eq!(action["title"], format!("在本工作区忽略「{FIRST}」"));
    let edits = &action["edit"]["changes"][file_uri(&config)];
    let new_text = edits[0]["newText"].as_str().unwrap();
    let v: Value = serde_json::from_str(new_text).unwrap();
    assert_eq!(v["recurring"]["ignore"][0], FIRST);
    assert_eq!(v["rules"]["halfwidth-punct"]["enabled"], false);

    // Once the file says so (as after the edit is saved), the phrase is no longer reported.
    std::fs::write(&config, new_text).unwrap();
    c.backlog.clear();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
    );
    // The first publish after the change is the new set: the ignored sentence is gone and
    // the other shared sentence stays (no publish without the across-docs findings first).
    let across = |p: &Value| {
        p["diagnostics"].as_array().map_or(0, |d| {
            d.iter()
                .filter(|d| d["code"] == "recurring-across-docs")
                .count()
        })
    };
    let first = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == draft.as_str()
    });
    assert_eq!(across(&first), 1, "{first}");
    assert_eq!(c.shutdown_and_exit(), 0);
    std::fs::remove_dir_all(&root).unwrap();
}

/// The project file's `maxDiagnostics` limits what is published, not only what is built.
#[test]
fn project_max_diagnostics_limits_every_publish() {
    let root = std::env::temp_dir().join(format!("policy-lsp-ws-max-{}", std::process::id()));
    std::fs::create_dir_all(root.join(".policy-lsp")).unwrap();
    std::fs::write(
        root.join(".policy-lsp").join("config.json"),
        r#"{"maxDiagnostics": 2}"#,
    )
    .unwrap();
    let mut c = Client::spawn();
    c.initialize_in(&["utf-16"], Value::Null, Some(&file_uri(&root)));
    // Three half-width commas and an unclosed quotation mark: two rules, four findings.
    let text = "会议强调,要坚持,加强“团结,推进改革。\n";
    let draft = file_uri(&root.join("draft.txt"));
    c.open(&draft, text, 1);
    // The project file is read in the background after `initialized`: edit once it is.
    std::thread::sleep(std::time::Duration::from_millis(800));
    c.change(&draft, 2, json!([{"text": text}]));
    let first = c.diagnostics(&draft, 2);
    assert!(!first.is_empty() && first.len() <= 2, "{first:?}");
    // The full analysis' publish, if it differs from the first.
    let wait = std::time::Duration::from_millis(1500);
    if let Some(p) = c.try_wait_for(
        "textDocument/publishDiagnostics",
        |p| p["uri"] == draft.as_str() && p["version"] == 2,
        wait,
    ) {
        let full = p["diagnostics"].as_array().unwrap();
        assert!(full.len() <= 2, "{full:?}");
    }
    assert_eq!(c.shutdown_and_exit(), 0);
    let _ = std::fs::remove_dir_all(&root);
}
