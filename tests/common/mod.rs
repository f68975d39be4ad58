//! An end-to-end LSP client for tests: runs the built `policy-lsp` binary over pipes and
//! speaks framed JSON-RPC. Every message the server sends is checked against the LSP types
//! where the method is known (publishDiagnostics, initialize, documentSymbol, codeAction …).

#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Arrival times of publishDiagnostics, by (uri, version).
type Arrivals = Arc<Mutex<HashMap<(String, i64), Vec<Instant>>>>;

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests received while waiting for something else.
    pub backlog: Vec<Value>,
    /// When each publishDiagnostics of (uri, version) arrived: its last byte read, before the
    /// JSON is parsed, so benchmarks don't count this client's parsing.
    published: Arrivals,
}

fn read_message(r: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut buf = vec![0; len?];
    r.read_exact(&mut buf).ok()?;
    let arrived = Instant::now();
    Some((arrived, serde_json::from_slice(&buf).ok()?))
}

impl Client {
    pub fn spawn() -> Client {
        // POLICY_LSP_WRAP="heaptrack -o /tmp/ht" runs the server under a profiler (benches).
        let wrap = std::env::var("POLICY_LSP_WRAP").unwrap_or_default();
        let mut words = wrap.split_whitespace();
        let mut command = match words.next() {
            Some(program) => {
                let mut c = Command::new(program);
                c.args(words).arg(env!("CARGO_BIN_EXE_policy-lsp"));
                c
            }
            None => Command::new(env!("CARGO_BIN_EXE_policy-lsp")),
        };
        let mut child = command
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // POLICY_LSP_TIMING=1 shows the server's per-publish timings (benches).
            .stderr(if std::env::var_os("POLICY_LSP_TIMING").is_some() {
                Stdio::inherit()
            } else {
                Stdio::null()
            })
            .spawn()
            .expect("start policy-lsp");
        let stdout = child.stdout.take().unwrap();
        let stdin = child.stdin.take();
        let (tx, rx) = channel();
        let published = Arc::new(Mutex::new(HashMap::new()));
        let arrivals = published.clone();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some((arrived, msg)) = read_message(&mut r) {
                if msg["method"] == "textDocument/publishDiagnostics" {
                    let key = (
                        msg["params"]["uri"].as_str().unwrap_or("").to_string(),
                        msg["params"]["version"].as_i64().unwrap_or(-1),
                    );
                    let mut map = arrivals.lock().unwrap();
                    let e: &mut Vec<Instant> = map.entry(key).or_default();
                    e.push(arrived);
                }
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            published,
            next_id: 1,
            backlog: Vec::new(),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn send(&mut self, msg: &Value) {
        let body = serde_json::to_vec(msg).unwrap();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(&body).unwrap();
        stdin.flush().unwrap();
    }

    /// Sends raw bytes as one framed message (for malformed-JSON tests).
    pub fn send_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(body).unwrap();
        stdin.flush().unwrap();
    }

    /// Writes `bytes` to the server's stdin as they are (no framing).
    pub fn send_raw_stream(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Closes the server's stdin, as an editor that goes away does.
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Waits for the process to end; returns its exit code.
    pub fn wait_exit_pub(self) -> i32 {
        self.wait_exit()
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn recv(&mut self, deadline: Instant) -> Value {
        match self.try_recv(deadline) {
            Ok(v) => v,
            Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for the server"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    fn try_recv(&mut self, deadline: Instant) -> Result<Value, RecvTimeoutError> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(v) => {
                validate(&v);
                // Answer server-to-client requests so the server never waits on us.
                if v.get("id").is_some() && v.get("method").is_some() {
                    let id = v["id"].clone();
                    let result = match v["method"].as_str() {
                        Some("workspace/configuration") => {
                            let n = v["params"]["items"].as_array().map_or(0, Vec::len);
                            Value::Array(vec![Value::Null; n])
                        }
                        _ => Value::Null,
                    };
                    self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
                }
                Ok(v)
            }
            Err(e) => Err(e),
        }
    }

    /// Sends a request and returns the whole response message (`result` or `error`).
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let msg = self.recv(deadline);
            if msg.get("id") == Some(&json!(id)) && msg.get("method").is_none() {
                return msg;
            }
            self.backlog.push(msg);
        }
    }

    /// Sends a request and returns its `result`, panicking on an error response.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let msg = self.request_raw(method, params);
        if let Some(err) = msg.get("error") {
            panic!("{method} failed: {err}");
        }
        msg["result"].clone()
    }

    /// Waits for a notification matching `pred`, looking at the backlog first.
    pub fn wait_for(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .backlog
            .iter()
            .position(|m| m["method"] == method && pred(&m["params"]))
        {
            return self.backlog.remove(i)["params"].clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let msg = self.recv(deadline);
            if msg["method"] == method && pred(&msg["params"]) {
                return msg["params"].clone();
            }
            self.backlog.push(msg);
        }
    }

    /// Like [`Client::wait_for`], but gives up (`None`) after `timeout`.
    pub fn try_wait_for(
        &mut self,
        method: &str,
        pred: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Option<Value> {
        if let Some(i) = self
            .backlog
            .iter()
            .position(|m| m["method"] == method && pred(&m["params"]))
        {
            return Some(self.backlog.remove(i)["params"].clone());
        }
        let deadline = Instant::now() + timeout;
        loop {
            let msg = self.try_recv(deadline).ok()?;
            if msg["method"] == method && pred(&msg["params"]) {
                return Some(msg["params"].clone());
            }
            self.backlog.push(msg);
        }
    }

    /// When the publishDiagnostics messages of `uri` at `version` arrived so far, in order.
    pub fn publish_times(&self, uri: &str, version: i64) -> Vec<Instant> {
        let map = self.published.lock().unwrap();
        map.get(&(uri.to_string(), version))
            .cloned()
            .unwrap_or_default()
    }

    /// Waits for the diagnostics of `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let p = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    pub fn initialize(&mut self, encodings: &[&str], options: Value) -> Value {
        self.initialize_in(encodings, options, None)
    }

    /// [`Client::initialize`] with a workspace folder (a `file:` URI).
    pub fn initialize_in(
        &mut self,
        encodings: &[&str],
        options: Value,
        root: Option<&str>,
    ) -> Value {
        let folders = root.map(|uri| json!([{"uri": uri, "name": "workspace"}]));
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "workspaceFolders": folders,
                "capabilities": {
                    "general": {"positionEncodings": encodings},
                    "textDocument": {
                        "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
                        "publishDiagnostics": {"relatedInformation": true, "versionSupport": true}
                    }
                },
                "initializationOptions": options
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    pub fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// `shutdown` then `exit`; returns the process exit code.
    pub fn shutdown_and_exit(mut self) -> i32 {
        // `params: null` is what some clients send for methods without params.
        let r = self.request_raw("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "shutdown failed: {r}");
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    pub fn exit_without_shutdown(mut self) -> i32 {
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Waits for the process to end with its stdin still open, as editors leave it: the
    /// server must exit on `exit` alone, not on end of input.
    fn wait_exit(mut self) -> i32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Checks a server message against the LSP types for the methods we know.
fn validate(msg: &Value) {
    use tower_lsp::lsp_types as lsp;
    assert_eq!(msg["jsonrpc"], "2.0", "{msg}");
    if let Some(method) = msg["method"].as_str() {
        let params = msg["params"].clone();
        let ok = match method {
            "textDocument/publishDiagnostics" => {
                serde_json::from_value::<lsp::PublishDiagnosticsParams>(params).is_ok()
            }
            "window/logMessage" => serde_json::from_value::<lsp::LogMessageParams>(params).is_ok(),
            "window/showMessage" => {
                serde_json::from_value::<lsp::ShowMessageParams>(params).is_ok()
            }
            _ => true,
        };
        assert!(ok, "server sent an invalid {method}: {msg}");
    }
}

/// The LSP position of byte `offset` in `text`, computed independently of the server.
pub fn position_of(text: &str, offset: usize, encoding: &str) -> (u64, u64) {
    let before = &text[..offset];
    let mut line = 0;
    let mut line_start = 0;
    let bytes = before.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let seg = &before[line_start..];
    let col = match encoding {
        "utf-8" => seg.len(),
        "utf-32" => seg.chars().count(),
        _ => seg.encode_utf16().count(),
    };
    (line, col as u64)
}

/// The byte offset of an LSP position in `text` (exact; panics if it is not a boundary).
pub fn offset_of(text: &str, line: u64, col: u64, encoding: &str) -> usize {
    let mut starts = vec![0usize];
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            starts.push(i + 1);
        }
        i += 1;
    }
    let start = starts[line as usize];
    let mut units = 0u64;
    for (o, c) in text[start..].char_indices() {
        if units == col {
            return start + o;
        }
        units += match encoding {
            "utf-8" => c.len_utf8() as u64,
            "utf-32" => 1,
            _ => c.len_utf16() as u64,
        };
    }
    assert_eq!(units, col, "column past end of line");
    text.len()
}

/// The text a diagnostic's range covers.
pub fn covered<'a>(text: &'a str, range: &Value, encoding: &str) -> &'a str {
    let s = offset_of(
        text,
        range["start"]["line"].as_u64().unwrap(),
        range["start"]["character"].as_u64().unwrap(),
        encoding,
    );
    let e = offset_of(
        text,
        range["end"]["line"].as_u64().unwrap(),
        range["end"]["character"].as_u64().unwrap(),
        encoding,
    );
    &text[s..e]
}

/// A one-character edit at byte `at` (rounded up to a char boundary) of `text`: inserts `ch`
/// at even steps `k` and deletes it again at odd ones, so the document keeps its size.
pub fn keystroke(text: &str, at: usize, k: usize, ch: &str) -> Value {
    let at = (at.min(text.len())..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    let (line, col) = position_of(text, at, "utf-16");
    let end = if k.is_multiple_of(2) {
        col
    } else {
        col + ch.encode_utf16().count() as u64
    };
    let new_text = if k.is_multiple_of(2) { ch } else { "" };
    json!({"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": end}}, "text": new_text})
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

/// Prints p50/p95/p99/max of latencies in milliseconds (benches).
pub fn report(label: &str, mut ms: Vec<f64>) {
    ms.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label:<58} n={:<4} p50 {:>8.2} ms  p95 {:>8.2} ms  p99 {:>8.2} ms  max {:>8.2} ms",
        ms.len(),
        percentile(&ms, 0.5),
        percentile(&ms, 0.95),
        percentile(&ms, 0.99),
        ms[ms.len() - 1]
    );
}

/// Resident memory of process `pid` now, in MB: anonymous (the heap, stacks) and file-backed
/// (mostly the executable's own code and embedded data, pages the kernel can drop and
/// re-read), from Linux `RssAnon` and `RssFile`.
pub fn resident_split_mb(pid: u32) -> Option<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb = |key: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(key))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    Some((kb("RssAnon:")? / 1024.0, kb("RssFile:")? / 1024.0))
}

/// Peak resident memory of process `pid` in MB (Linux `VmHWM`).
pub fn peak_rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
