//! End-to-end: hostile input on the server's stdin. After any single malformed message the
//! server answers the next request; `exit` ends it in every form; so does the end of stdin.

mod common;

use common::Client;
use serde_json::{json, Value};

/// Sends `body` framed, then a request; the request must be answered.
fn survives(c: &mut Client, body: &[u8]) -> Value {
    c.send_raw(body);
    let r = c.request_raw("policy/stillThere", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    r
}

fn nested(depth: usize) -> Vec<u8> {
    format!(
        "{{\"jsonrpc\":\"2.0\",\"id\":\"x77\",\"method\":\"textDocument/hover\",\"params\":{}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    )
    .into_bytes()
}

#[test]
fn undecodable_messages_get_errors_and_the_session_goes_on() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    let cases: Vec<Vec<u8>> = vec![
        br#"{"jsonrpc":"2.0","id":1.5,"method":"textDocument/hover","params":{}}"#.to_vec(),
        br#"{"jsonrpc":"2.0","id":18446744073709551615,"method":"textDocument/hover","params":{}}"#.to_vec(),
        b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"file:///tmp/x.txt\",\"languageId\":\"plaintext\",\"version\":1,\"text\":\"\xff\xfe\"}}}".to_vec(),
        br#"{"jsonrpc":"2.0","id":"x5","method":"textDocument/hover","params":{"x":1e999}}"#.to_vec(),
        nested(129),
        nested(5000),
    ];
    for body in &cases {
        survives(&mut c, body);
    }
    // Each got an error reply (the nested one with its own id).
    let errors = c
        .backlog
        .iter()
        .filter(|m| m.get("error").is_some())
        .count();
    assert!(errors >= cases.len(), "{:?}", c.backlog);
    assert!(c.backlog.iter().any(|m| m["id"] == "x77"));
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn a_lone_surrogate_is_replaced_and_the_document_stays_in_step() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    let uri = "file:///tmp/policy-lsp-transport/surrogate.txt";
    // `\ud800` then a half-width comma: the comma stays at UTF-16 column 3.
    let open = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{uri}","languageId":"plaintext","version":1,"text":"会\ud800议,要坚持"}}}}}}"#
    );
    c.send_raw(open.as_bytes());
    let d = c.diagnostics(uri, 1);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["range"]["start"], json!({"line": 0, "character": 3}));
    // A change with a lone surrogate too.
    let change = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":2}},"contentChanges":[{{"range":{{"start":{{"line":0,"character":0}},"end":{{"line":0,"character":0}}}},"text":"\udc00"}}]}}}}"#
    );
    c.send_raw(change.as_bytes());
    let d = c.diagnostics(uri, 2);
    assert_eq!(d[0]["range"]["start"], json!({"line": 0, "character": 4}));
    assert_eq!(c.shutdown_and_exit(), 0);
}

/// Raw bytes on stdin, no framing added.
fn send_bytes(c: &mut Client, bytes: &[u8]) {
    c.send_raw_stream(bytes);
}

#[test]
fn the_guard_resynchronises_after_a_bad_frame() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    // A header block with no Content-Length, and its body.
    send_bytes(
        &mut c,
        b"X-Foo: 1\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":500,\"method\":\"policy/x\"}",
    );
    let r = c.request_raw("policy/stillThere", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // A Content-Length shorter than the body.
    send_bytes(
        &mut c,
        b"Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":501,\"method\":\"policy/x\"}",
    );
    let r = c.request_raw("policy/stillThere", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    for _ in 0..3 {
        let r = c.request_raw("policy/stillThere", json!({}));
        assert_eq!(r["error"]["code"], -32601, "{r}");
    }
    assert!(
        !c.backlog.iter().any(|m| m["id"] == 500 || m["id"] == 501),
        "{:?}",
        c.backlog
    );
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn exit_sent_as_a_request_ends_the_process() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    let r = c.request_raw("shutdown", Value::Null);
    assert!(r.get("error").is_none(), "{r}");
    c.send(&json!({"jsonrpc": "2.0", "id": 99, "method": "exit"}));
    assert_eq!(c.wait_exit_pub(), 0);
}

#[test]
fn the_process_ends_when_stdin_closes() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    // A message the server never sees whole, then the end of the input.
    send_bytes(
        &mut c,
        b"Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":3,",
    );
    c.close_stdin();
    assert_eq!(c.wait_exit_pub(), 1);
}

#[test]
fn exit_as_a_request_without_shutdown_then_stdin_closing_ends_the_process() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    c.send(&json!({"jsonrpc": "2.0", "id": 42, "method": "exit"}));
    c.close_stdin();
    assert_eq!(c.wait_exit_pub(), 1);
}

#[test]
fn clamped_changes_log_once_and_shutdown_stays_prompt() {
    let mut c = Client::spawn();
    c.initialize(&["utf-16"], Value::Null);
    let uri = "file:///tmp/policy-lsp-transport/clamped.txt";
    c.open(uri, "会议", 1);
    c.diagnostics(uri, 1);
    let change = json!({"range": {"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 0}}, "text": "a"});
    let changes = Value::Array(vec![change; 20_000]);
    c.change(uri, 2, changes);
    c.diagnostics(uri, 2);
    let r = c.request_raw("shutdown", Value::Null);
    assert!(r.get("error").is_none(), "{r}");
    let logs: Vec<&Value> = c
        .backlog
        .iter()
        .filter(|m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains("clamped"))
        })
        .collect();
    assert_eq!(logs.len(), 1, "{logs:?}");
    assert!(logs[0]["params"]["message"]
        .as_str()
        .unwrap()
        .contains("20000 changes"));
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit_pub(), 0);
}

mod raw_frames {
    use policy_lsp::server::transport::fuzzing::{answers_after, hostile_stream};
    use proptest::prelude::*;

    /// Pieces of hostile input: whole messages good and bad, headers, garbage.
    const PIECES: &[&[u8]] = &[
        br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
        br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
        br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/f.txt","languageId":"plaintext","version":1,"text":"\u4f1a\u8bae,\ud800\u8981"}}}"#,
        br#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///tmp/f.txt","version":2},"contentChanges":[{"range":{"start":{"line":9,"character":0},"end":{"line":0,"character":0}},"text":"(("}]}}"#,
        br#"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///tmp/f.txt"},"position":{"line":0,"character":2}}}"#,
        br#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#,
        br#"{"jsonrpc":"2.0","id":18446744073709551615,"method":"x"}"#,
        br#"{"jsonrpc":"2.0","id":3,"method":"x","params":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
        b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\"}",
        br#"{"jsonrpc":"2.0","id":4,"result":null}"#,
        br#"{"jsonrpc":"2.0","id":5,"error":{"code":1.5,"message":3}}"#,
        br#"{"jsonrpc":"2.0","id":6,"method":"shutdown","params":null}"#,
        br#"[]"#,
        br#"{"#,
        b"\xffX-Foo: 1\r\n\r\n",
        b"\xffContent-Type: text/plain\r\n",
        b"\xff\x00garbage\r\n\r\n",
        b"\xff{\"jsonrpc\":\"2.0\"}",
        b"\xff\r\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
        #[test]
        fn the_server_answers_after_any_sequence_of_hostile_pieces(
            picks in proptest::collection::vec(0..PIECES.len(), 0..12),
            noise in proptest::collection::vec(any::<u8>(), 0..16),
        ) {
            let mut data = Vec::new();
            for i in picks {
                data.extend_from_slice(PIECES[i]);
                data.extend_from_slice(&[0xFE, 0xFE]);
            }
            data.extend_from_slice(&noise);
            let stream = hostile_stream(&data);
            prop_assert!(answers_after(&stream).is_ok(), "{:?}", String::from_utf8_lossy(&stream));
        }
    }
}
