//! A guard between the editor's byte stream and tower-lsp. tower-lsp stops reading its input
//! for good after one undecodable message (tokio-util's framed reader ends on the first
//! error), so a single malformed message would end the session. Here every incoming message is
//! parsed first: malformed ones get a JSON-RPC error response (-32700 parse error, -32600
//! invalid request) and only well-formed ones reach tower-lsp. `"params": null` is dropped,
//! since JSON-RPC allows omitting params and tower-lsp rejects an explicit null for methods
//! without params (`shutdown`, `exit`).

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Messages larger than this are refused (and skipped) rather than buffered.
const MAX_MESSAGE: usize = 256 * 1024 * 1024;

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
    Eof,
}

/// Reads one framed message (headers, blank line, body).
pub async fn read_frame<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> std::io::Result<Incoming> {
    let mut len: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let n = r.read_until(b'\n', &mut line).await?;
        if n == 0 {
            return Ok(Incoming::Eof);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank lines between messages
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                len = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("invalid Content-Length `{}`", value.trim())),
                );
            }
        }
    }
    let len = match len {
        None => return Ok(Incoming::BadHeader("missing Content-Length header".into())),
        Some(Err(e)) => return Ok(Incoming::BadHeader(e)),
        Some(Ok(n)) => n,
    };
    if len > MAX_MESSAGE {
        let mut skip = r.take(len as u64);
        tokio::io::copy(&mut skip, &mut tokio::io::sink()).await?;
        return Ok(Incoming::BadHeader(format!(
            "message of {len} bytes exceeds the {MAX_MESSAGE}-byte limit"
        )));
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).await?;
    Ok(Incoming::Message(body))
}

/// What to do with one message body.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    Forward(Vec<u8>),
    /// The `exit` notification: forward it, then end tower-lsp's input, since tower-lsp only
    /// stops serving when its input ends and the editor may keep our stdin open.
    ForwardLast(Vec<u8>),
    Reply(Value),
}

fn error_response(id: Value, code: i64, message: String) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// The fields of a JSON-RPC message this guard looks at. `params`, `result` and `error` are
/// only checked for well-formedness (`IgnoredAny`), not built into a tree: a didOpen can carry
/// a 10 MB document, and the message is then forwarded as received.
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

pub fn judge(body: &[u8]) -> Verdict {
    let envelope: Envelope = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) if e.is_data() => {
            // Well-formed JSON, but not an object (or a member of the wrong shape).
            let id = serde_json::from_slice::<Value>(body)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .filter(|id| matches!(id, Value::Number(_) | Value::String(_)))
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
    let id_ok = matches!(id, Value::Null | Value::Number(_) | Value::String(_));
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
            "invalid request: not a JSON-RPC 2.0 request, notification or response".into(),
        ));
    }
    let is_exit = envelope.method == Some(json!("exit")) && envelope.id.is_none();
    let bytes = if matches!(envelope.params, Some(None)) {
        // JSON-RPC allows omitting params; tower-lsp rejects an explicit null for methods
        // without params, so drop it (rare and small: re-serialising is fine here).
        let mut value: Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return Verdict::Reply(error_response(id, -32603, e.to_string())),
        };
        if let Some(obj) = value.as_object_mut() {
            obj.remove("params");
        }
        match serde_json::to_vec(&value) {
            Ok(v) => v,
            Err(e) => return Verdict::Reply(error_response(id, -32603, e.to_string())),
        }
    } else {
        body.to_vec()
    };
    if is_exit {
        Verdict::ForwardLast(bytes)
    } else {
        Verdict::Forward(bytes)
    }
}

/// Copies `input` to `to_server`, answering malformed messages through `replies`.
pub async fn filter_input<R, W>(input: R, mut to_server: W, replies: mpsc::Sender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut r = BufReader::with_capacity(64 * 1024, input);
    loop {
        let step = match read_frame(&mut r).await {
            Ok(s) => s,
            Err(e) => {
                eprintln!("policy-lsp: input stream error: {e}");
                break;
            }
        };
        match step {
            Incoming::Eof => break,
            Incoming::BadHeader(why) => {
                eprintln!("policy-lsp: skipped a message: {why}");
                let reply = error_response(Value::Null, -32700, format!("parse error: {why}"));
                let _ = replies.send(frame(reply.to_string().as_bytes())).await;
            }
            Incoming::Message(body) => match judge(&body) {
                Verdict::Forward(bytes) => {
                    let head = header(bytes.len());
                    if to_server.write_all(head.as_bytes()).await.is_err()
                        || to_server.write_all(&bytes).await.is_err()
                    {
                        break;
                    }
                    let _ = to_server.flush().await;
                }
                Verdict::ForwardLast(bytes) => {
                    let _ = to_server.write_all(header(bytes.len()).as_bytes()).await;
                    let _ = to_server.write_all(&bytes).await;
                    let _ = to_server.flush().await;
                    break;
                }
                Verdict::Reply(reply) => {
                    eprintln!(
                        "policy-lsp: rejected a message: {}",
                        reply["error"]["message"]
                    );
                    let _ = replies.send(frame(reply.to_string().as_bytes())).await;
                }
            },
        }
    }
    let _ = to_server.shutdown().await;
}

/// Copies whole frames from tower-lsp's output into `out`, so replies written by
/// `filter_input` never land in the middle of one of its messages.
pub async fn forward_output<R: AsyncRead + Unpin>(from_server: R, out: mpsc::Sender<Vec<u8>>) {
    let mut r = BufReader::with_capacity(64 * 1024, from_server);
    while let Ok(Incoming::Message(body)) = read_frame(&mut r).await {
        if out.send(frame_owned(body)).await.is_err() {
            break;
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

    #[test]
    fn judges_messages() {
        assert!(matches!(
            judge(b"{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"),
            Verdict::ForwardLast(_)
        ));
        assert!(matches!(
            judge(b"{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}"),
            Verdict::Forward(_)
        ));
        let Verdict::Forward(v) =
            judge(b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\",\"params\":null}")
        else {
            panic!()
        };
        assert!(!String::from_utf8(v).unwrap().contains("params"));
        // Forwarded as received: a 10 MB didOpen is not re-serialised.
        let open = "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\", \"params\": {\"textDocument\": {\"text\": \"会议\\n𠮷\"}}}";
        assert_eq!(
            judge(open.as_bytes()),
            Verdict::Forward(open.as_bytes().to_vec())
        );
        let Verdict::Reply(r) =
            judge(b"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"x\",\"params\":[1,}")
        else {
            panic!()
        };
        assert_eq!(r["error"]["code"], -32700);
        let Verdict::Reply(r) = judge(b"{\"jsonrpc\": \"2.0\", \"id\": 9, \"method\": ") else {
            panic!()
        };
        assert_eq!(r["error"]["code"], -32700);
        let Verdict::Reply(r) = judge(b"[1,2]") else {
            panic!()
        };
        assert_eq!(r["error"]["code"], -32600);
        let Verdict::Reply(r) = judge(b"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":5}") else {
            panic!()
        };
        assert_eq!(
            (r["id"].clone(), r["error"]["code"].clone()),
            (json!(7), json!(-32600))
        );
    }

    #[tokio::test]
    async fn reads_frames_and_survives_bad_headers() {
        let input: &[u8] = b"Content-Length: 2\r\n\r\n{}\r\nX-Foo: 1\r\n\r\nContent-Length: abc\r\n\r\nContent-Length: 3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]";
        let mut r = BufReader::new(input);
        assert_eq!(
            read_frame(&mut r).await.unwrap(),
            Incoming::Message(b"{}".to_vec())
        );
        assert!(matches!(
            read_frame(&mut r).await.unwrap(),
            Incoming::BadHeader(_)
        ));
        assert!(matches!(
            read_frame(&mut r).await.unwrap(),
            Incoming::BadHeader(_)
        ));
        assert_eq!(
            read_frame(&mut r).await.unwrap(),
            Incoming::Message(b"[1]".to_vec())
        );
        assert_eq!(read_frame(&mut r).await.unwrap(), Incoming::Eof);
    }
}
