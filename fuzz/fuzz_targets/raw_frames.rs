//! Raw bytes on the server's input, framed and unframed (see
//! `policy_lsp::server::transport::fuzzing::hostile_stream`), through the transport guard
//! and tower-lsp with the real backend: whatever came before, a request sent afterwards is
//! answered (or the input ended the session with `exit`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lsp::server::transport::fuzzing::{answers_after, hostile_stream};

fuzz_target!(|data: &[u8]| {
    let stream = hostile_stream(data);
    if let Err(e) = answers_after(&stream) {
        panic!("{e}: input {:?}", String::from_utf8_lossy(&stream));
    }
});
