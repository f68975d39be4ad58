//! A guard between the editor's byte stream and tower-lsp. tower-lsp stops reading its input
//! for good after one undecodable message (tokio-util's framed reader ends on the first
//! error), so a single malformed message would end the session. Here every incoming message is
//! checked first against everything tower-lsp's decoder rejects (UTF-8, JSON syntax, nesting
//! deeper than serde_json's 128 levels, numbers out of range, ids that are not 64-bit
//! integers or strings): malformed ones get a JSON-RPC error response (-32700 parse error,
//! -32600 invalid request) and only decodable ones reach tower-lsp. Lone UTF-16 surrogate
//! escapes (`"\ud800"`, which a JavaScript client sends for a document holding one) are
//! replaced by U+FFFD in place, one UTF-16 unit for one, so the document stays in step with
//! the editor. `"params": null` is dropped, since JSON-RPC allows omitting params and
//! tower-lsp rejects an explicit null for methods without params (`shutdown`, `exit`).
//!
//! Framing: after a header block without a usable Content-Length, or bytes that are not a
//! header at all (the rest of a body whose Content-Length was too short), the reader scans
//! ahead to the next `Content-Length`, as tower-lsp's own codec does.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{json, Value};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

/// Messages larger than this are refused (and skipped) rather than buffered.
const MAX_MESSAGE: usize = 256 * 1024 * 1024;
/// A header block longer than this is garbage.
const MAX_HEADER: usize = 8 * 1024;
/// How much is read from the stream at a time.
const CHUNK: usize = 64 * 1024;

fn header(len: usize) -> String {
    format!("Content-Length: {len}\r\n\r\n")
}

pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = header(body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// [`frame`] in `body`'s own buffer: a megabyte of diagnostics is not copied again.
pub fn frame_owned(mut body: Vec<u8>) -> Vec<u8> {
    let header = header(body.len());
    body.splice(0..0, header.into_bytes());
    body
}

/// One step of reading the input stream.
#[derive(Debug, PartialEq)]
pub enum Incoming {
    Message(Vec<u8>),
    /// A header block without a usable Content-Length; the block was skipped.
    BadHeader(String),
    /// Bytes that were not a header were skipped up to the next `Content-Length`.
    Skipped(usize),
    Eof,
}

/// Whether `b` may appear in a header name (an HTTP token).
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// The first `Content-Length` (any case) in `hay` at or after `from`.
fn find_content_length(hay: &[u8], from: usize) -> Option<usize> {
    const NAME: &[u8] = b"content-length";
    let mut at = from;
    while at < hay.len() {
        let i = at + memchr::memchr2(b'c', b'C', &hay[at..])?;
        if hay.len() - i >= NAME.len() && hay[i..i + NAME.len()].eq_ignore_ascii_case(NAME) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// Where the first header line's name ends, if `pending` starts like a header (`Name:`):
/// `Some(true)` it does, `Some(false)` it cannot, `None` not known until more bytes arrive.
fn starts_like_header(pending: &[u8]) -> Option<bool> {
    for &b in pending.iter().take(MAX_HEADER) {
        if b == b':' {
            return Some(!pending.starts_with(b":"));
        }
        if !is_token(b) {
            return Some(false);
        }
    }
    if pending.len() >= MAX_HEADER {
        Some(false)
    } else {
        None
    }
}

/// The end of the header block at the start of `pending` and where the body starts.
fn header_end(pending: &[u8]) -> Option<(usize, usize)> {
    let crlf = memchr::memmem::find(pending, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(pending, b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The Content-Length of a header block, or why it has none.
fn content_length(block: &[u8]) -> Result<usize, String> {
    let mut len = None;
    for line in block.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Err("a header line without `:`".into());
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        if name.is_empty() || !name.iter().all(|&b| is_token(b)) {
            return Err("a malformed header name".into());
        }
        if name.eq_ignore_ascii_case(b"content-length") {
            let value = String::from_utf8_lossy(value);
            let value = value.trim();
            len = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| format!("invalid Content-Length `{value}`"))?,
            );
        }
    }
    len.ok_or_else(|| "missing Content-Length header".into())
}

/// Reads framed messages (headers, blank line, body) from a byte stream.
pub struct FrameReader<R> {
    r: R,
    buf: Vec<u8>,
    start: usize,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(r: R) -> Self {
        FrameReader {
            r,
            buf: Vec::new(),
            start: 0,
        }
    }

    fn pending(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    /// Reads more bytes after the pending ones; 0 at the end of the stream.
    async fn fill(&mut self) -> std::io::Result<usize> {
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        let old = self.buf.len();
        self.buf.resize(old + CHUNK, 0);
        let n = self.r.read(&mut self.buf[old..]).await;
        self.buf.truncate(old + *n.as_ref().unwrap_or(&0));
        n
    }

    /// The next message, bad header or skipped stretch.
    pub async fn next(&mut self) -> std::io::Result<Incoming> {
        loop {
            let blank = self
                .pending()
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .count();
            self.start += blank;
            if self.pending().is_empty() {
                if self.fill().await? == 0 {
                    return Ok(Incoming::Eof);
                }
                continue;
            }
            match starts_like_header(self.pending()) {
                None => {
                    if self.fill().await? == 0 {
                        return Ok(Incoming::Eof);
                    }
                    continue;
                }
                Some(false) => {
                    // Not a header: skip to the next `Content-Length`, keeping a tail that
                    // may hold the start of one.
                    let pending = self.pending();
                    let skip = match find_content_length(pending, 1) {
                        Some(i) => i,
                        None => pending.len().saturating_sub(13).max(1),
                    };
                    self.start += skip;
                    return Ok(Incoming::Skipped(skip));
                }
                Some(true) => {}
            }
            let Some((block_end, body_start)) = header_end(self.pending()) else {
                if self.pending().len() > MAX_HEADER {
                    let skip =
                        find_content_length(self.pending(), 1).unwrap_or(self.pending().len());
                    self.start += skip;
                    return Ok(Incoming::BadHeader(format!(
                        "a header block longer than {MAX_HEADER} bytes"
                    )));
                }
                if self.fill().await? == 0 {
                    return Ok(Incoming::Eof);
                }
                continue;
            };
            let len = content_length(&self.pending()[..block_end]);
            self.start += body_start;
            let len = match len {
                Ok(n) => n,
                Err(why) => return Ok(Incoming::BadHeader(why)),
            };
            return self.body(len).await;
        }
    }

    async fn body(&mut self, len: usize) -> std::io::Result<Incoming> {
        let buffered = self.pending().len().min(len);
        if len > MAX_MESSAGE {
            self.start += buffered;
            let mut skip = (&mut self.r).take((len - buffered) as u64);
            tokio::io::copy(&mut skip, &mut tokio::io::sink()).await?;
            return Ok(Incoming::BadHeader(format!(
                "message of {len} bytes exceeds the {MAX_MESSAGE}-byte limit"
            )));
        }
        // The body gets a buffer of its own size; the read buffer stays small.
        let mut body = Vec::with_capacity(len);
        body.extend_from_slice(&self.pending()[..buffered]);
        self.start += buffered;
        if buffered < len {
            body.resize(len, 0);
            match self.r.read_exact(&mut body[buffered..]).await {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    return Ok(Incoming::Eof)
                }
                Err(e) => return Err(e),
            }
        }
        if self.buf.capacity() > 4 * CHUNK {
            self.buf.drain(..self.start);
            self.start = 0;
            self.buf.shrink_to(2 * CHUNK);
        }
        Ok(Incoming::Message(body))
    }
}

/// What to do with one message body.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    Forward(Vec<u8>),
    /// `exit`: forward it (as a notification), answer it if it came as a request, then end
    /// tower-lsp's input, since tower-lsp only stops serving when its input ends and the
    /// editor may keep our stdin open.
    ForwardLast(Vec<u8>, Option<Value>),
    Reply(Value),
}

fn error_response(id: Value, code: i64, message: String) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// The fields of a JSON-RPC message this guard looks at. `params`, `result` and `error` are
/// only skimmed here (`IgnoredAny`); [`Checked`] then walks the whole message without
/// building a tree: a didOpen can carry a 10 MB document, and the message is then forwarded
/// as received.
#[derive(serde::Deserialize)]
struct Envelope {
    jsonrpc: Option<Value>,
    id: Option<Value>,
    method: Option<Value>,
    /// `None`: absent; `Some(None)`: `null`.
    #[serde(default, deserialize_with = "present")]
    params: Option<Option<serde::de::IgnoredAny>>,
    #[serde(default, deserialize_with = "present")]
    result: Option<Option<serde::de::IgnoredAny>>,
    #[serde(default, deserialize_with = "present")]
    error: Option<Option<serde::de::IgnoredAny>>,
}

/// Tells a member that is present (even as `null`) from one that is absent.
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde::Deserialize::deserialize(d).map(Some)
}

/// Any JSON value, visited the way tower-lsp's decoder visits it (every string decoded, every
/// number parsed, serde_json's nesting limit counted), with nothing kept.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_none<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Checked, D::Error> {
        Checked::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_entry::<Checked, Checked>()?.is_some() {}
        Ok(Checked)
    }
}

/// Whether tower-lsp's decoder accepts `body` as JSON: valid UTF-8, and what serde_json reads
/// into a value (it parses every message into one first).
fn decodable(body: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(body).map_err(|e| format!("not UTF-8: {e}"))?;
    serde_json::from_str::<Checked>(text)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// Replaces each `\uXXXX` escape of a lone UTF-16 surrogate in `body` by `\ufffd` (the same
/// six bytes, and one UTF-16 unit for one); returns how many. Escaped backslashes are
/// skipped, so `\\ud800` (the text `\ud800`) stays.
pub fn repair_lone_surrogates(body: &mut [u8]) -> usize {
    fn hex4(b: &[u8]) -> Option<u16> {
        let s = std::str::from_utf8(b.get(..4)?).ok()?;
        u16::from_str_radix(s, 16).ok()
    }
    fn escape_at(body: &[u8], i: usize) -> Option<u16> {
        (body.get(i) == Some(&b'\\') && body.get(i + 1) == Some(&b'u'))
            .then(|| hex4(&body[i + 2..]))
            .flatten()
    }
    let mut fixed = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'\\', &body[i..]) {
        i += k;
        match escape_at(body, i) {
            Some(0xD800..=0xDBFF) if matches!(escape_at(body, i + 6), Some(0xDC00..=0xDFFF)) => {
                i += 12;
            }
            Some(0xD800..=0xDFFF) => {
                body[i + 2..i + 6].copy_from_slice(b"fffd");
                fixed += 1;
                i += 6;
            }
            _ => i += 2,
        }
        if i >= body.len() {
            break;
        }
    }
    fixed
}

/// Whether `id` is one tower-lsp can decode: a 64-bit signed integer, a string or null.
fn id_ok(id: &Value) -> bool {
    match id {
        Value::Null | Value::String(_) => true,
        Value::Number(n) => n.is_i64(),
        _ => false,
    }
}

pub fn judge(mut body: Vec<u8>) -> Verdict {
    let envelope: Envelope = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) if e.is_data() => {
            // Well-formed JSON, but not an object (or a member of the wrong shape).
            let id = serde_json::from_slice::<Value>(&body)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .filter(|id| matches!(id, Value::Number(_) | Value::String(_)) && id_ok(id))
                .unwrap_or(Value::Null);
            return Verdict::Reply(error_response(
                id,
                -32600,
                "invalid request: a message must be a JSON-RPC 2.0 object (batches are not used by LSP)".into(),
            ));
        }
        Err(e) => {
            return Verdict::Reply(error_response(
                Value::Null,
                -32700,
                format!("parse error: {e}"),
            ))
        }
    };
    let id = envelope.id.clone().unwrap_or(Value::Null);
    let id_ok = id_ok(&id);
    let is_request = envelope.method.is_some();
    let is_response = envelope.result.is_some() || envelope.error.is_some();
    let method_ok = envelope.method.as_ref().is_none_or(Value::is_string);
    if envelope.jsonrpc != Some(json!("2.0"))
        || !id_ok
        || !method_ok
        || !(is_request || is_response)
    {
        let id = if id_ok { id } else { Value::Null };
        return Verdict::Reply(error_response(
            id,
            -32600,
            "invalid request: not a JSON-RPC 2.0 request, notification or response (an id is a 64-bit integer or a string)".into(),
        ));
    }
    if envelope.method == Some(json!("exit")) {
        // Whatever its form (with an id, with params), `exit` ends the session.
        let reply = envelope
            .id
            .map(|id| json!({"jsonrpc": "2.0", "id": id, "result": null}));
        let body = br#"{"jsonrpc":"2.0","method":"exit"}"#.to_vec();
        return Verdict::ForwardLast(body, reply);
    }
    let repaired = repair_lone_surrogates(&mut body);
    if let Err(e) = decodable(&body) {
        return Verdict::Reply(error_response(id, -32700, format!("parse error: {e}")));
    }
    if repaired > 0 {
        eprintln!(
            "policy-lsp: replaced {repaired} lone UTF-16 surrogate escape(s) with U+FFFD in a message"
        );
    }
    if matches!(envelope.params, Some(None)) {
        // JSON-RPC allows omitting params; tower-lsp rejects an explicit null for methods
        // without params, so drop it (rare and small: re-serialising is fine here).
        let mut value: Value = match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => return Verdict::Reply(error_response(id, -32603, e.to_string())),
        };
        if let Some(obj) = value.as_object_mut() {
            obj.remove("params");
        }
        match serde_json::to_vec(&value) {
            Ok(v) => body = v,
            Err(e) => return Verdict::Reply(error_response(id, -32603, e.to_string())),
        }
    }
    Verdict::Forward(body)
}

/// Writes one line to stderr; a closed or full stderr is not worth ending the session for.
fn note(message: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "policy-lsp: {message}");
}

/// Copies `input` to `to_server`, answering malformed messages through `replies`. Returns
/// whether the session ended with `exit` (rather than the end of the input).
pub async fn filter_input<R, W>(input: R, mut to_server: W, replies: mpsc::Sender<Vec<u8>>) -> bool
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut r = FrameReader::new(input);
    let mut exited = false;
    loop {
        let step = match r.next().await {
            Ok(s) => s,
            Err(e) => {
                note(format_args!("input stream error: {e}"));
                break;
            }
        };
        match step {
            Incoming::Eof => break,
            Incoming::Skipped(n) => {
                note(format_args!(
                    "skipped {n} bytes that were not a message header"
                ));
            }
            Incoming::BadHeader(why) => {
                note(format_args!("skipped a message: {why}"));
                let reply = error_response(Value::Null, -32700, format!("parse error: {why}"));
                let _ = replies.send(frame(reply.to_string().as_bytes())).await;
            }
            Incoming::Message(body) => match judge(body) {
                Verdict::Forward(bytes) => {
                    let head = header(bytes.len());
                    if to_server.write_all(head.as_bytes()).await.is_err()
                        || to_server.write_all(&bytes).await.is_err()
                    {
                        break;
                    }
                    let _ = to_server.flush().await;
                }
                Verdict::ForwardLast(bytes, reply) => {
                    let _ = to_server.write_all(header(bytes.len()).as_bytes()).await;
                    let _ = to_server.write_all(&bytes).await;
                    let _ = to_server.flush().await;
                    if let Some(reply) = reply {
                        let _ = replies.send(frame(reply.to_string().as_bytes())).await;
                    }
                    exited = true;
                    break;
                }
                Verdict::Reply(reply) => {
                    note(format_args!(
                        "rejected a message: {}",
                        reply["error"]["message"]
                    ));
                    let _ = replies.send(frame(reply.to_string().as_bytes())).await;
                }
            },
        }
    }
    let _ = to_server.shutdown().await;
    exited
}

/// Copies whole frames from tower-lsp's output into `out`, so replies written by
/// `filter_input` never land in the middle of one of its messages.
pub async fn forward_output<R: AsyncRead + Unpin>(from_server: R, out: mpsc::Sender<Vec<u8>>) {
    let mut r = FrameReader::new(from_server);
    loop {
        match r.next().await {
            Ok(Incoming::Message(body)) => {
                if out.send(frame_owned(body)).await.is_err() {
                    break;
                }
            }
            Ok(Incoming::Skipped(_) | Incoming::BadHeader(_)) => continue,
            Ok(Incoming::Eof) | Err(_) => break,
        }
    }
}

pub async fn write_output<W: AsyncWrite + Unpin>(mut out: W, mut rx: mpsc::Receiver<Vec<u8>>) {
    while let Some(bytes) = rx.recv().await {
        if out.write_all(&bytes).await.is_err() || out.flush().await.is_err() {
            break;
        }
    }
}

/// After the input ends (`exit`, or the editor closed our stdin), how long tower-lsp gets to
/// finish writing before the session ends regardless: a handler still busy must not keep
/// the process alive.
const GRACE: std::time::Duration = std::time::Duration::from_millis(500);

/// Serves LSP over `input` and `output` through the guard until `exit` or the end of the
/// input. `shutdown` is set when the client asked for `shutdown`. Returns whether the session
/// ended with `exit`.
pub async fn serve<I, O>(input: I, output: O, shutdown: Arc<AtomicBool>) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (tx, rx) = mpsc::channel(256);
    let direct = tx.downgrade();
    let (service, socket) = tower_lsp::LspService::new(move |client| {
        super::Backend::new(client, shutdown, Some(direct))
    });
    // The pipes keep their largest fill allocated: 64 KiB, not the 1 MB a document's
    // didOpen would leave behind in each; a larger message passes in pieces.
    const PIPE: usize = 64 << 10;
    let (to_server, server_in) = tokio::io::duplex(PIPE);
    let (server_out, from_server) = tokio::io::duplex(PIPE);
    let mut input = tokio::spawn(filter_input(input, to_server, tx.clone()));
    let forward = tokio::spawn(forward_output(from_server, tx));
    let writer = tokio::spawn(write_output(output, rx));
    let mut input_ended = None;
    {
        let server = tower_lsp::Server::new(server_in, server_out, socket).serve(service);
        tokio::pin!(server);
        tokio::select! {
            _ = &mut server => {}
            ended = &mut input => {
                input_ended = Some(ended.unwrap_or(false));
                let _ = tokio::time::timeout(GRACE, &mut server).await;
            }
        }
    }
    // `exit` was received (or the input ended): flush what tower-lsp wrote, then stop
    // reading; the editor may keep our stdin open.
    let exited = match input_ended {
        Some(ended) => ended,
        None => {
            input.abort();
            input.await.unwrap_or(false)
        }
    };
    let _ = tokio::time::timeout(GRACE, forward).await;
    let _ = tokio::time::timeout(GRACE, writer).await;
    exited
}

/// Support for the raw-frame fuzz target (`fuzz/fuzz_targets/raw_frames.rs`) and its
/// property test: whole sessions over hostile byte streams, in process.
#[doc(hidden)]
pub mod fuzzing {
    use super::*;

    const SENTINEL: &str = "policy-lsp-fuzz-sentinel";

    /// An input stream from arbitrary bytes: pieces separated by `0xFE 0xFE`; a piece starting
    /// with `0xFF` goes in raw (garbage between frames), any other is framed with its true
    /// length. `Content-Length` is taken out of the bytes themselves, so that the only
    /// headers announcing a length are the true ones, and the stream ends with a blank line.
    pub fn hostile_stream(data: &[u8]) -> Vec<u8> {
        let mut data = data.to_vec();
        while let Some(i) = find_content_length(&data, 0) {
            data[i + 6] = b'_';
        }
        let mut out = Vec::new();
        for piece in data.split(|&b| b == 0xFE).filter(|p| !p.is_empty()) {
            match piece.split_first() {
                Some((0xFF, raw)) => out.extend_from_slice(raw),
                _ => out.extend_from_slice(&frame(piece)),
            }
        }
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// Runs a session over `input` followed by a request; `Ok` when the request is answered
    /// (or `input` ended the session with `exit`), `Err` with what happened otherwise.
    pub fn answers_after(input: &[u8]) -> Result<(), String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let result = runtime.block_on(async {
            let (mut client_w, server_r) = tokio::io::duplex(64 << 10);
            let (server_w, client_r) = tokio::io::duplex(64 << 10);
            let session = tokio::spawn(serve(server_r, server_w, Arc::new(AtomicBool::new(false))));
            let mut stream = input.to_vec();
            let probe = format!(r#"{{"jsonrpc":"2.0","id":"{SENTINEL}","method":"policy/probe"}}"#);
            stream.extend_from_slice(&frame(probe.as_bytes()));
            let writer = tokio::spawn(async move {
                let _ = client_w.write_all(&stream).await;
                // Kept open: the session must answer, not merely end with its input.
                std::future::pending::<()>().await;
            });
            let mut r = FrameReader::new(client_r);
            let wait = async {
                loop {
                    match r.next().await {
                        Ok(Incoming::Message(m)) => {
                            let v: Value = serde_json::from_slice(&m)
                                .map_err(|e| format!("the server sent bad JSON: {e}"))?;
                            if v["id"] == SENTINEL {
                                return Ok(true);
                            }
                        }
                        Ok(Incoming::Eof) | Err(_) => return Ok(false),
                        Ok(other) => return Err(format!("the server sent a bad frame: {other:?}")),
                    }
                }
            };
            let answered = tokio::time::timeout(std::time::Duration::from_secs(30), wait).await;
            writer.abort();
            let result = match answered {
                Err(_) => Err("no answer within 30 s".to_string()),
                Ok(Err(e)) => Err(e),
                Ok(Ok(true)) => Ok(()),
                Ok(Ok(false)) => match session.await {
                    Ok(true) => Ok(()),
                    _ => Err("the session ended without `exit`".to_string()),
                },
            };
            result
        });
        runtime.shutdown_background();
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_in_the_bodys_own_buffer_is_the_same_frame() {
        for body in [&b""[..], b"{}", "{\"message\":\"\u{20BB7}\"}".as_bytes()] {
            assert_eq!(frame_owned(body.to_vec()), frame(body));
        }
        assert!(frame(b"{}").starts_with(b"Content-Length: 2\r\n\r\n"));
    }

    fn reply_code(v: Verdict) -> (Value, Value) {
        match v {
            Verdict::Reply(r) => (r["id"].clone(), r["error"]["code"].clone()),
            other => panic!("forwarded: {other:?}"),
        }
    }

    #[test]
    fn judges_messages() {
        assert!(matches!(
            judge(b"{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}".to_vec()),
            Verdict::ForwardLast(_, None)
        ));
        assert!(matches!(
            judge(b"{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}".to_vec()),
            Verdict::Forward(_)
        ));
        let Verdict::Forward(v) = judge(
            b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\",\"params\":null}".to_vec(),
        ) else {
            panic!()
        };
        assert!(!String::from_utf8(v).unwrap().contains("params"));
        // Forwarded as received: a 10 MB didOpen is not re-serialised.
        let open = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\", \"params\": {\"textDocument\": {\"text\": \"会议\\n𠮷\\ud842\\udfb7\"}}}";
        assert_eq!(
            judge(open.as_bytes().to_vec()),
            Verdict::Forward(open.as_bytes().to_vec())
        );
        let bad = b"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"x\",\"params\":[1,}";
        assert_eq!(
            reply_code(judge(bad.to_vec())),
            (Value::Null, json!(-32700))
        );
        let cut = b"{\"jsonrpc\": \"2.0\", \"id\": 9, \"method\": ";
        assert_eq!(reply_code(judge(cut.to_vec())).1, json!(-32700));
        assert_eq!(reply_code(judge(b"[1,2]".to_vec())).1, json!(-32600));
        let method = b"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":5}";
        assert_eq!(
            reply_code(judge(method.to_vec())),
            (json!(7), json!(-32600))
        );
    }

    /// What tower-lsp's decoder does with a body: UTF-8, then serde_json into a value, then
    /// the id as an `i64`, a string or null.
    fn tower_lsp_accepts(body: &[u8]) -> bool {
        let Ok(text) = std::str::from_utf8(body) else {
            return false;
        };
        match serde_json::from_str::<Value>(text) {
            Ok(v) => v.get("id").is_none_or(id_ok),
            Err(_) => false,
        }
    }

    #[test]
    fn refuses_what_tower_lsp_cannot_decode() {
        let nested = |depth: usize| {
            format!(
                "{{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"x\",\"params\":{}1{}}}",
                "[".repeat(depth),
                "]".repeat(depth)
            )
            .into_bytes()
        };
        let mut cases: Vec<Vec<u8>> = vec![
            b"{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"x\"}".to_vec(),
            b"{\"jsonrpc\":\"2.0\",\"id\":18446744073709551615,\"method\":\"x\"}".to_vec(),
            b"{\"jsonrpc\":\"2.0\",\"id\":-9223372036854775809,\"method\":\"x\"}".to_vec(),
            b"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\",\"params\":{\"t\":\"\xff\xfe\"}}"
                .to_vec(),
            b"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\",\"params\":{\"t\":1e400}}".to_vec(),
            b"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\",\"other\":\"\xc3\"}".to_vec(),
            b"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\",\"params\":{\"\xc3\":1}}".to_vec(),
        ];
        for depth in 120..135 {
            cases.push(nested(depth));
        }
        let mut refused = 0;
        for body in cases {
            let ok = tower_lsp_accepts(&body);
            match judge(body.clone()) {
                Verdict::Forward(fwd) => {
                    assert!(ok, "forwarded {}", String::from_utf8_lossy(&body));
                    assert_eq!(fwd, body);
                }
                Verdict::Reply(r) => {
                    assert!(!ok, "refused {}: {r}", String::from_utf8_lossy(&body));
                    refused += 1;
                }
                other => panic!("{other:?}"),
            }
        }
        // The seven bad messages and the deepest nestings.
        assert!(refused >= 8, "{refused}");
        // A request's id is kept in the reply when it is usable.
        let deep = nested(200);
        assert_eq!(reply_code(judge(deep)), (json!(4), json!(-32700)));
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let body = br#"{"jsonrpc":"2.0","method":"x","params":{"t":"a\ud800b\udc00\\ud800\ud83d\ude00\uDBFF"}}"#;
        let Verdict::Forward(fwd) = judge(body.to_vec()) else {
            panic!()
        };
        let v: Value = serde_json::from_slice(&fwd).unwrap();
        assert_eq!(v["params"]["t"], "a\u{fffd}b\u{fffd}\\ud800😀\u{fffd}");
        assert_eq!(fwd.len(), body.len());
        let mut odd = br#"\u\ud8"#.to_vec();
        assert_eq!(repair_lone_surrogates(&mut odd), 0);
    }

    #[test]
    fn exit_in_every_form_ends_the_session() {
        for (body, reply) in [
            (&br#"{"jsonrpc":"2.0","method":"exit"}"#[..], None),
            (br#"{"jsonrpc":"2.0","method":"exit","params":null}"#, None),
            (br#"{"jsonrpc":"2.0","method":"exit","params":{}}"#, None),
            (
                br#"{"jsonrpc":"2.0","id":8,"method":"exit"}"#,
                Some(json!({"jsonrpc": "2.0", "id": 8, "result": null})),
            ),
        ] {
            assert_eq!(
                judge(body.to_vec()),
                Verdict::ForwardLast(br#"{"jsonrpc":"2.0","method":"exit"}"#.to_vec(), reply)
            );
        }
    }

    async fn read_all(input: &[u8]) -> Vec<Incoming> {
        let mut r = FrameReader::new(input);
        let mut out = Vec::new();
        loop {
            match r.next().await.unwrap() {
                Incoming::Eof => return out,
                step => out.push(step),
            }
        }
    }

    fn messages(steps: &[Incoming]) -> Vec<&[u8]> {
        steps
            .iter()
            .filter_map(|s| match s {
                Incoming::Message(m) => Some(&m[..]),
                _ => None,
            })
            .collect()
    }

    #[tokio::test]
    async fn reads_frames_and_survives_bad_headers() {
        let input: &[u8] = b"Content-Length: 2\r\n\r\n{}\r\nX-Foo: 1\r\n\r\nContent-Length: abc\r\n\r\nContent-Length: 3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]";
        let steps = read_all(input).await;
        assert_eq!(messages(&steps), vec![&b"{}"[..], b"[1]"]);
        assert_eq!(
            steps
                .iter()
                .filter(|s| matches!(s, Incoming::BadHeader(_)))
                .count(),
            2
        );
    }

    #[tokio::test]
    async fn resynchronises_after_a_bad_frame() {
        let good = frame(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#);
        // A header block without Content-Length, its body, then a good message.
        let mut input = b"X-Foo: 1\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":0}".to_vec();
        input.extend_from_slice(&good);
        // A Content-Length shorter than the body, then a good message.
        input.extend_from_slice(b"Content-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2}");
        input.extend_from_slice(&good);
        // Garbage, a lone LF header, then a good message.
        input.extend_from_slice(b"\x00\xffgarbage: \r\n\n");
        input.extend_from_slice(b"Content-Length: 2\n\n{}");
        input.extend_from_slice(&good);
        let steps = read_all(&input).await;
        let body = &good[good.len() - 37..];
        assert_eq!(
            messages(&steps),
            vec![body, b"{\"jso", body, b"{}", body],
            "{steps:?}"
        );
    }

    #[tokio::test]
    async fn reads_large_bodies_and_headers_split_across_reads() {
        let big = vec![b'a'; 300_000];
        let mut input = frame(&big);
        input.extend_from_slice(&frame(b"{}"));
        // One byte at a time: every state of the reader sees a partial buffer.
        let (mut w, r) = tokio::io::duplex(1);
        let writer = tokio::spawn(async move {
            let _ = w.write_all(&input).await;
        });
        let mut reader = FrameReader::new(r);
        assert_eq!(reader.next().await.unwrap(), Incoming::Message(big));
        assert_eq!(
            reader.next().await.unwrap(),
            Incoming::Message(b"{}".to_vec())
        );
        writer.await.unwrap();
        assert_eq!(reader.next().await.unwrap(), Incoming::Eof);
    }
}
