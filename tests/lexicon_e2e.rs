//! End-to-end over stdio: slogan hover, diagnostics with fixes, completion, workspace
//! lexicon loading, go-to-definition, a broken lexicon file, "Add to workspace lexicon".

mod common;

use common::{covered, offset_of, position_of, Client};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const USER_LEXICON: &str = r#"{
  "version": 1,
  "entries": [
    {
      "id": "san-ge-jiada-lidu",
      "term": "三个加大力度",
      "full": "加大产业扶贫力度、加大就业扶贫力度、加大易地扶贫搬迁后续扶持力度",
      "summary": "新疆脱贫攻坚提法（工作区词库测试条目）。",
      "origin": { "date": "2020", "occasion": "新疆维吾尔自治区" },
      "source": "https://example.org/xinjiang",
      "confidence": "unsure",
      "note": "测试条目",
      "scope": "local"
    }
  ]
}
"#;

fn workspace(name: &str, lexicon: Option<&str>) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("policy-lsp-lex-e2e-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".policy-lsp")).unwrap();
    if let Some(text) = lexicon {
        std::fs::write(dir.join(".policy-lsp/lexicon.json"), text).unwrap();
    }
    dir
}

fn file_uri(p: &Path) -> String {
    tower_lsp::lsp_types::Url::from_file_path(p)
        .unwrap()
        .to_string()
}

fn start(root: &Path) -> Client {
    start_with(root, json!({"general": {"positionEncodings": ["utf-16"]}}))
}

fn start_with(root: &Path, capabilities: Value) -> Client {
    let mut c = Client::spawn();
    c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": file_uri(root),
            "workspaceFolders": [{"uri": file_uri(root), "name": "ws"}],
            "capabilities": capabilities
        }),
    );
    c.notify("initialized", json!({}));
    c
}

fn pos(text: &str, needle: &str, extra_chars: usize) -> Value {
    let at = text.find(needle).unwrap();
    let at = at + needle.char_indices().nth(extra_chars).map_or(0, |(i, _)| i);
    let (line, character) = position_of(text, at, "utf-16");
    json!({"line": line, "character": character})
}

fn hover(c: &mut Client, uri: &str, p: Value) -> String {
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": p}),
    );
    h["contents"]["value"].as_str().unwrap_or("").to_string()
}

#[test]
fn hover_order_fix_completion_user_lexicon_and_definition() {
    let root = workspace("main", Some(USER_LEXICON));
    let mut c = start(&root);
    let seed = include_str!("../seeds/000_aeb186bd1e0d189c.txt");
    let u = file_uri(&root.join("seed000.txt"));
    c.open(&u, seed, 1);
    c.diagnostics(&u, 1);

    let md = hover(&mut c, &u, pos(seed, "四个意识", 1));
    let at: Vec<usize> = ["政治意识", "大局意识", "核心意识", "看齐意识"]
        .iter()
        .map(|s| {
            md.find(&format!(". {s}"))
                .unwrap_or_else(|| panic!("{s}: {md}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{md}");
    assert!(md.contains("2016-01-29") && md.contains("http"), "{md}");

    // The workspace lexicon's entry: hover and go to its definition.
    let md = hover(&mut c, &u, pos(seed, "三个加大力度", 2));
    assert!(md.contains("工作区词库测试条目"), "{md}");
    let def = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": u}, "position": pos(seed, "三个加大力度", 2)}),
    );
    assert_eq!(def["uri"], file_uri(&root.join(".policy-lsp/lexicon.json")));
    assert_eq!(def["range"]["start"]["line"], 3);

    // slogan-order with a preferred fix.
    let t = "会议强调，要增强政治意识、核心意识、大局意识、看齐意识。";
    let u2 = file_uri(&root.join("order.txt"));
    c.open(&u2, t, 1);
    let d: Vec<Value> = c
        .diagnostics(&u2, 1)
        .into_iter()
        .filter(|d| d["code"] == "slogan-order")
        .collect();
    assert_eq!(d.len(), 1, "{d:?}");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u2}, "range": d[0]["range"], "context": {"diagnostics": d}}),
    );
    let a = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isPreferred"] == true)
        .expect("a preferred fix");
    let e = &a["edit"]["changes"][&u2][0];
    let start = offset_of(
        t,
        0,
        e["range"]["start"]["character"].as_u64().unwrap(),
        "utf-16",
    );
    let end = offset_of(
        t,
        0,
        e["range"]["end"]["character"].as_u64().unwrap(),
        "utf-16",
    );
    let mut fixed = t.to_string();
    fixed.replace_range(start..end, e["newText"].as_str().unwrap());
    assert_eq!(
        fixed,
        "会议强调，要增强政治意识、大局意识、核心意识、看齐意识。"
    );

    // Completion after 四个.
    let t3 = "要增强四个";
    let u3 = file_uri(&root.join("complete.txt"));
    c.open(&u3, t3, 1);
    let list = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": u3}, "position": {"line": 0, "character": 5}}),
    );
    let items = list["items"].as_array().unwrap();
    let full = items
        .iter()
        .find(|i| i["textEdit"]["newText"] == "增强政治意识、大局意识、核心意识、看齐意识")
        .expect("full-form item");
    assert_eq!(covered(t3, &full["textEdit"]["range"], "utf-16"), "四个");
    assert_eq!(c.shutdown_and_exit(), 0);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_broken_lexicon_is_reported_at_its_line_and_the_last_good_one_stays() {
    let root = workspace("broken", Some(USER_LEXICON));
    let mut c = start(&root);
    let doc = "扎实推进“七个一批”“三个加大力度”";
    let u = file_uri(&root.join("doc.txt"));
    c.open(&u, doc, 1);
    c.diagnostics(&u, 1);
    assert!(hover(&mut c, &u, pos(doc, "三个加大力度", 1)).contains("工作区词库测试条目"));

    // The user breaks the file in the editor: a missing comma at the end of line 6 (0-based 5).
    let lex_uri = file_uri(&root.join(".policy-lsp/lexicon.json"));
    let broken = USER_LEXICON.replacen(
        "\"term\": \"三个加大力度\",",
        "\"term\": \"三个加大力度\"",
        1,
    );
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": lex_uri, "languageId": "json", "version": 1, "text": broken}}),
    );
    let p = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == lex_uri.as_str() && !p["diagnostics"].as_array().unwrap().is_empty()
    });
    let d = &p["diagnostics"][0];
    assert_eq!(d["range"]["start"]["line"], 5, "{d}");
    let msg = c.wait_for("window/showMessage", |_| true);
    assert!(
        msg["message"].as_str().unwrap().contains("lexicon.json"),
        "{msg}"
    );
    // Hover still works with the last good lexicon.
    assert!(hover(&mut c, &u, pos(doc, "三个加大力度", 1)).contains("工作区词库测试条目"));

    // Fixed in the editor: the diagnostics clear.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": lex_uri, "version": 2}, "contentChanges": [{"text": USER_LEXICON}]}),
    );
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == lex_uri.as_str() && p["diagnostics"] == json!([])
    });
    assert_eq!(c.shutdown_and_exit(), 0);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn unknown_numbered_slogan_hover_and_add_to_workspace_lexicon() {
    let root = workspace("add", None);
    let doc = "要坚持“十六字方针”,完善强化疫防各项举措";
    let u = file_uri(&root.join("doc.txt"));
    let p = pos(doc, "十六字方针", 1);
    // A client that cannot create files is not offered the action.
    let mut c = start(&root);
    c.open(&u, doc, 1);
    c.diagnostics(&u, 1);
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": {"start": p, "end": p}, "context": {"diagnostics": []}}),
    );
    assert!(
        !actions
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["title"].as_str().unwrap_or("").contains("十六字方针")),
        "{actions}"
    );
    assert_eq!(c.shutdown_and_exit(), 0);

    let mut c = start_with(
        &root,
        json!({
            "general": {"positionEncodings": ["utf-16"]},
            "workspace": {"workspaceEdit": {"documentChanges": true, "resourceOperations": ["create", "rename"]}}
        }),
    );
    c.open(&u, doc, 1);
    c.diagnostics(&u, 1);
    let md = hover(&mut c, &u, pos(doc, "十六字方针", 1));
    assert!(md.contains("不在提法词库中"), "{md}");
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": {"start": p, "end": p}, "context": {"diagnostics": []}}),
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap_or("").contains("十六字方针"))
        .expect("an add-to-lexicon action");
    let ops = add["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    let text = ops[1]["edits"][0]["newText"].as_str().unwrap();
    let lex = policy_lsp::engine::lexicon::validate_user_lexicon(text).unwrap();
    assert_eq!(lex.entries()[0].term, "十六字方针");
    assert_eq!(c.shutdown_and_exit(), 0);
    let _ = std::fs::remove_dir_all(&root);
}

/// Hovers until the hover text contains `want` (lexicons load in the background).
fn hover_until(c: &mut Client, uri: &str, p: Value, want: &str) -> String {
    let deadline = std::time::Instant::now() + common::TIMEOUT;
    loop {
        let md = hover(c, uri, p.clone());
        if md.contains(want) || std::time::Instant::now() > deadline {
            return md;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn lexicon_paths_from_the_repository_load_at_start_and_hostile_ones_cost_a_logged_error() {
    let root = workspace("hostile", None);
    let good = root.join("good.json");
    std::fs::write(&good, USER_LEXICON).unwrap();
    let fifo = root.join("pipe.json");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let big = root.join("big.json");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    std::os::unix::fs::symlink("/dev/zero", root.join("zero.json")).unwrap();
    let config =
        json!({"lexiconPaths": ["/dev/zero", "pipe.json", "big.json", "zero.json", "good.json"]});
    std::fs::write(
        root.join(".policy-lsp/config.json"),
        serde_json::to_string(&config).unwrap(),
    )
    .unwrap();
    let mut c = start(&root);
    let doc = "要落实“三个加大力度”。";
    let u = file_uri(&root.join("doc.txt"));
    c.open(&u, doc, 1);
    c.diagnostics(&u, 1);
    // Loaded at start-up, from the repository's config alone.
    let md = hover_until(
        &mut c,
        &u,
        pos(doc, "三个加大力度", 2),
        "工作区词库测试条目",
    );
    assert!(md.contains("工作区词库测试条目"), "{md}");
    // A configuration change reloads them: still answering.
    c.notify("workspace/didChangeConfiguration", json!({"settings": {}}));
    let md = hover(&mut c, &u, pos(doc, "三个加大力度", 2));
    assert!(md.contains("工作区词库测试条目"), "{md}");
    let r = c.request_raw("shutdown", Value::Null);
    assert!(r.get("error").is_none(), "{r}");
    let errors: Vec<String> = c
        .backlog
        .iter()
        .filter(|m| m["method"] == "window/logMessage" && m["params"]["type"] == 1)
        .filter_map(|m| m["params"]["message"].as_str().map(String::from))
        .collect();
    for name in ["/dev/zero", "pipe.json", "big.json", "zero.json"] {
        assert!(
            errors
                .iter()
                .any(|e| e.contains(name) && e.contains("not read")),
            "{name}: {errors:?}"
        );
    }
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit_pub(), 0);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_lexicon_with_a_byte_order_mark_loads_and_one_not_in_utf8_gets_a_diagnostic() {
    let root = workspace("bom", Some(&format!("\u{feff}{USER_LEXICON}")));
    let latin1 = root.join("latin1.json");
    let mut bytes = USER_LEXICON
        .replace("测试条目\"", "caf\u{e9}\"")
        .into_bytes();
    let at = bytes.windows(2).position(|w| w == "é".as_bytes()).unwrap();
    bytes.splice(at..at + 2, [0xe9]);
    std::fs::write(&latin1, bytes).unwrap();
    std::fs::write(
        root.join(".policy-lsp/config.json"),
        r#"{"lexiconPaths": ["latin1.json"]}"#,
    )
    .unwrap();
    let mut c = start(&root);
    let doc = "要落实“三个加大力度”。";
    let u = file_uri(&root.join("doc.txt"));
    c.open(&u, doc, 1);
    c.diagnostics(&u, 1);
    let md = hover_until(
        &mut c,
        &u,
        pos(doc, "三个加大力度", 2),
        "工作区词库测试条目",
    );
    assert!(md.contains("工作区词库测试条目"), "{md}");
    let lat = file_uri(&latin1);
    let p = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == lat.as_str() && !p["diagnostics"].as_array().unwrap().is_empty()
    });
    let d = &p["diagnostics"][0];
    assert!(d["message"].as_str().unwrap().contains("UTF-8"), "{d}");
    // The bad byte is in `"note": "caf\xe9"`, line 11 (from 0).
    assert_eq!(d["range"]["start"]["line"], 11, "{d}");
    assert_eq!(c.shutdown_and_exit(), 0);
    let _ = std::fs::remove_dir_all(&root);
}
