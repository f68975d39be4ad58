//! End-to-end: the real server binary over stdio, driven like an editor would.

mod common;

use common::{covered, position_of, Client};
use policy_lsp::seeds;
use serde_json::{json, Value};

const HALF_WIDTH: [&str; 7] = [",", ":", ";", "?", "!", "(", ")"];

fn uri(name: &str) -> String {
    format!("file:///tmp/policy-lsp-e2e/{name}")
}

/// Every diagnostic's range is valid in `encoding` and covers what its rule says.
fn check_ranges(text: &str, diags: &[Value], encoding: &str) {
    for d in diags {
        assert_eq!(d["source"], "policy-lsp");
        let s = covered(text, &d["range"], encoding);
        if d["code"] == "halfwidth-punct" {
            assert!(HALF_WIDTH.contains(&s), "{encoding}: covers {s:?}: {d}");
        }
    }
}

fn open_all_seeds(encoding_offer: &[&str], expect: &str) {
    let mut c = Client::spawn();
    let init = c.initialize(encoding_offer, Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], expect);
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    for (name, text) in seeds::all() {
        let u = uri(name);
        c.open(&u, text, 1);
        let diags = c.diagnostics(&u, 1);
        assert!(!diags.is_empty(), "{name}: no diagnostics");
        check_ranges(text, &diags, expect);
    }
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn seeds_in_utf16() {
    open_all_seeds(&["utf-16"], "utf-16");
}

#[test]
fn seeds_in_utf8_when_offered_first() {
    open_all_seeds(&["utf-8", "utf-16"], "utf-8");
}

#[test]
fn no_encoding_offered_means_utf16() {
    let mut c = Client::spawn();
    let init = c.initialize(&[], Value::Null);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
}

fn incremental_edits(encoding: &str) {
    let mut c = Client::spawn();
    c.initialize(&[encoding], Value::Null);
    let u = uri("astral.txt");
    let mut text = String::from("𠮷😀会议指出,要坚持\n第二行:内容");
    c.open(&u, &text, 1);
    let d = c.diagnostics(&u, 1);
    assert_eq!(d.len(), 2, "{d:?}");
    let comma = text.find(',').unwrap();
    let (l, col) = position_of(&text, comma, encoding);
    assert_eq!(d[0]["range"]["start"], json!({"line": l, "character": col}));

    // Insert 𠮷 at the start of line 0 and an emoji in the middle of line 1, one notification.
    let (l1, c1) = position_of(&text, text.find("内容").unwrap(), encoding);
    let changes = json!([
        {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "𠮷"},
        {"range": {"start": {"line": l1, "character": c1}, "end": {"line": l1, "character": c1}}, "text": "🎉"}
    ]);
    c.change(&u, 2, changes);
    text.insert(0, '𠮷');
    let at = text.find("内容").unwrap();
    text.insert(at, '🎉');
    let d = c.diagnostics(&u, 2);
    check_ranges(&text, &d, encoding);
    let starts: Vec<Value> = d.iter().map(|x| x["range"]["start"].clone()).collect();
    let expect: Vec<Value> = [text.find(',').unwrap(), text.find(':').unwrap()]
        .iter()
        .map(|&o| {
            let (l, c) = position_of(&text, o, encoding);
            json!({"line": l, "character": c})
        })
        .collect();
    assert_eq!(starts, expect);

    // Replace the comma with a full-width one: that diagnostic goes away.
    let comma = text.find(',').unwrap();
    let (l, s) = position_of(&text, comma, encoding);
    let (_, e) = position_of(&text, comma + 1, encoding);
    c.change(
        &u,
        3,
        json!([{"range": {"start": {"line": l, "character": s}, "end": {"line": l, "character": e}}, "text": "，"}]),
    );
    text.replace_range(comma..comma + 1, "，");
    let d = c.diagnostics(&u, 3);
    assert_eq!(d.len(), 1);
    assert_eq!(covered(&text, &d[0]["range"], encoding), ":");
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn incremental_edits_with_astral_characters_utf16() {
    incremental_edits("utf-16");
}

#[test]
fn incremental_edits_with_astral_characters_utf8() {
    incremental_edits("utf-8");
}

#[test]
fn quick_fix_yields_full_width_mark() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    let u = uri("fix.txt");
    let text = "会议强调 ,要坚持提高站位";
    c.open(&u, text, 1);
    let d = c.diagnostics(&u, 1);
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": d[0]["range"], "context": {"diagnostics": d}}),
    );
    let actions: Vec<tower_lsp::lsp_types::CodeActionOrCommand> =
        serde_json::from_value(actions).expect("valid CodeAction[]");
    let tower_lsp::lsp_types::CodeActionOrCommand::CodeAction(a) = &actions[0] else {
        panic!("expected a code action");
    };
    assert_eq!(a.is_preferred, Some(true));
    let edits = &a.edit.as_ref().unwrap().changes.as_ref().unwrap()[&u.parse().unwrap()];
    let e = &edits[0];
    let r = serde_json::to_value(e.range).unwrap();
    let start = common::offset_of(text, 0, r["start"]["character"].as_u64().unwrap(), "utf-16");
    let end = common::offset_of(text, 0, r["end"]["character"].as_u64().unwrap(), "utf-16");
    let mut fixed = text.to_string();
    fixed.replace_range(start..end, &e.new_text);
    assert_eq!(fixed, "会议强调，要坚持提高站位");
}

#[test]
fn close_clears_diagnostics() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    let u = uri("close.txt");
    c.open(&u, "会议指出,要", 1);
    assert_eq!(c.diagnostics(&u, 1).len(), 1);
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    let p = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str()
    });
    assert_eq!(p["diagnostics"], json!([]));
}

#[test]
fn settings_from_initialization_options_apply() {
    let mut c = Client::spawn();
    c.initialize(
        &["utf-16"],
        json!({"locale": "en", "rules": {"halfwidth-punct": {"severity": "hint"}}}),
    );
    let u = uri("en.txt");
    c.open(&u, "会议指出,要", 1);
    let d = c.diagnostics(&u, 1);
    assert_eq!(d[0]["severity"], 4);
    assert!(d[0]["message"].as_str().unwrap().starts_with("Half-width"));
    // And a configuration change re-analyses open documents.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"policyLsp": {"rules": {"halfwidth-punct": {"enabled": false}}}}}),
    );
    let p = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str() && p["diagnostics"] == json!([])
    });
    assert_eq!(p["version"], 1);
}

#[test]
fn bad_input_gets_errors_and_the_server_keeps_answering() {
    let mut c = Client::spawn();
    // A request before initialize: ServerNotInitialized.
    let r = c.request_raw(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri("x")}}),
    );
    assert_eq!(r["error"]["code"], -32002);
    c.initialize(&["utf-16"], Value::Null);

    // Unknown document.
    let r = c.request_raw(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri("nope.txt")}}),
    );
    assert!(r.get("error").is_some(), "{r}");
    // Malformed params.
    let r = c.request_raw("textDocument/documentSymbol", json!({"textDocument": 42}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    // Unknown method.
    let r = c.request_raw("policy/noSuchThing", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // Malformed JSON.
    c.send_raw(b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ");
    let r = c.request_raw("policy/stillThere", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    assert!(
        c.backlog
            .iter()
            .any(|m| m["error"]["code"] == -32700 && m["id"].is_null()),
        "no parse error reply: {:?}",
        c.backlog
    );
    // A change to an unknown document, and a change whose range is far outside the document.
    c.change(&uri("ghost.txt"), 2, json!([{"text": "x"}]));
    let u = uri("range.txt");
    c.open(&u, "会议", 1);
    c.diagnostics(&u, 1);
    c.change(
        &u,
        2,
        json!([{"range": {"start": {"line": 99, "character": 5}, "end": {"line": 120, "character": 0}}, "text": "指出,要"}]),
    );
    let d = c.diagnostics(&u, 2);
    assert_eq!(d.len(), 1, "the clamped edit lands at the end: {d:?}");
    assert_eq!(covered("会议指出,要", &d[0]["range"], "utf-16"), ",");
    // Odd Unicode: lone surrogates can't be sent in JSON, but combining marks, emoji ZWJ
    // sequences, NUL and a 2 MB line can.
    let odd = format!(
        "e\u{301}\u{0}👩\u{200d}👩\u{200d}👧,会议\r\r\n{}",
        "议".repeat(700_000)
    );
    let u2 = uri("odd.txt");
    c.open(&u2, &odd, 1);
    c.diagnostics(&u2, 1);
    // Still alive and answering.
    let r = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u}}),
    );
    assert!(r.is_array());
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn exit_without_shutdown_exits_1() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    assert_eq!(c.exit_without_shutdown(), 1);
}

#[test]
fn recurrence_arrives_even_when_opened_while_the_dictionary_loads() {
    // Opened right after initialize, while jieba's dictionary may still be loading: the
    // first publish may lack recurring-phrase, but a full one for the same version follows.
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    let (name, text) = seeds::SEEDS[3];
    let u = uri(name);
    c.open(&u, text, 1);
    let p = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str()
            && p["version"] == 1
            && p["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|x| x["code"] == "recurring-phrase"))
    });
    let found: Vec<&str> = p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "recurring-phrase")
        .map(|d| covered(text, &d["range"], "utf-16"))
        .collect();
    assert!(found.contains(&"抓紧抓实抓细各项防控工作"), "{found:?}");
}

/// The first publish after a keystroke carries the previous recurrence findings moved
/// through the edit: each still covers its phrase in the new text, and one whose phrase was
/// typed into is gone. The recomputed set follows for the same version.
#[test]
fn recurrence_findings_follow_edits_at_once() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    let phrase = "坚持把疫情防控作为头等大事";
    let mut text = format!(
        "{}\n要{phrase}。\n必须{phrase}。\n各地{phrase}。\n",
        seeds::SEEDS[0].1
    );
    let u = uri("carry.txt");
    c.open(&u, &text, 1);
    let has_phrase = |p: &Value| {
        p["diagnostics"].as_array().is_some_and(|d| {
            d.iter().any(|x| {
                x["code"] == "recurring-phrase"
                    && x["message"].as_str().unwrap_or("").contains(phrase)
            })
        })
    };
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str() && p["version"] == 1 && has_phrase(p)
    });
    let check = |text: &str, diags: &[Value]| -> usize {
        let mut ours = 0;
        for d in diags.iter().filter(|d| d["code"] == "recurring-phrase") {
            let message = d["message"].as_str().unwrap();
            let quoted = message.split(['「', '」']).nth(1).unwrap();
            // A finding names its formula family and covers the form written there (a
            // family's forms share its name or a bridging member): whole Han text, moved
            // with the edit.
            let han = |t: &str| {
                !t.is_empty() && t.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            };
            let here = covered(text, &d["range"], "utf-16");
            assert!(han(here), "{d}");
            for r in d["relatedInformation"].as_array().into_iter().flatten() {
                assert!(han(covered(text, &r["location"]["range"], "utf-16")), "{d}");
            }
            ours += usize::from(quoted == phrase);
        }
        ours
    };
    // Type at the start of the document: everything moves, nothing is lost.
    c.change(
        &u,
        2,
        json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "今日"}]),
    );
    text.insert_str(0, "今日");
    let first = c.diagnostics(&u, 2);
    let before = check(&text, &first);
    assert!(before >= 2, "{first:?}");
    // Type into the last occurrence of the phrase.
    let at = text.rfind(phrase).unwrap() + "坚持".len();
    let (line, col) = position_of(&text, at, "utf-16");
    c.change(
        &u,
        3,
        json!([{"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": "要"}]),
    );
    text.insert(at, '要');
    let first = c.diagnostics(&u, 3);
    assert_eq!(check(&text, &first), before - 1);
    // The recomputed set: the phrase now occurs twice, below the default minimum of three.
    let full = c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str() && p["version"] == 3 && !has_phrase(p)
    });
    check(&text, full["diagnostics"].as_array().unwrap());
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn keystrokes_faster_than_analyses_publish_in_order_and_end_on_the_last_version() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    let u = uri("burst.txt");
    let base = seeds::clean_corpus(120_000);
    c.open(&u, &base, 1);
    let recurring = |p: &Value| {
        p["diagnostics"]
            .as_array()
            .is_some_and(|d| d.iter().any(|x| x["code"] == "recurring-phrase"))
    };
    c.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == u.as_str() && p["version"] == 1 && recurring(p)
    });
    // Thirty keystrokes back to back, each queued behind the analyses of the one before.
    let mut texts = vec![String::new(), base.clone()];
    let at = base.len() / 2;
    for k in 0..30 {
        let text = texts.last().unwrap().clone();
        let change = common::keystroke(&text, at, k, "的");
        let mut next = text;
        let at = (at..).find(|&i| next.is_char_boundary(i)).unwrap();
        if k % 2 == 0 {
            next.insert(at, '的');
        } else {
            next.replace_range(at..at + '的'.len_utf8(), "");
        }
        c.change(&u, texts.len() as i64, json!([change]));
        texts.push(next);
    }
    let last = texts.len() as i64 - 1;
    let mut versions = Vec::new();
    loop {
        let p = c
            .try_wait_for(
                "textDocument/publishDiagnostics",
                |p| p["uri"] == u.as_str(),
                std::time::Duration::from_secs(60),
            )
            .expect("the last version's full diagnostics arrive");
        let v = p["version"].as_i64().unwrap();
        check_ranges(
            &texts[v as usize],
            p["diagnostics"].as_array().unwrap(),
            "utf-16",
        );
        versions.push(v);
        if v == last && recurring(&p) {
            break;
        }
    }
    assert!(versions.windows(2).all(|w| w[0] <= w[1]), "{versions:?}");
    assert_eq!(c.shutdown_and_exit(), 0);
}
