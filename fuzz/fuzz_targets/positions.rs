//! Any text and any position, in every encoding: conversion never panics, lands on a char
//! boundary and round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lsp::server::position::{offset_to_position, position_to_offset, Encoding};
use ropey::Rope;
use tower_lsp::lsp_types::Position;

fuzz_target!(|input: (u32, u32, &[u8])| {
    let (line, col, bytes) = input;
    let text = String::from_utf8_lossy(bytes);
    let rope = Rope::from_str(&text);
    for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
        let r = position_to_offset(&rope, Position::new(line % 64, col % 256), enc);
        assert!(text.is_char_boundary(r.offset));
        let p = offset_to_position(&rope, r.offset, enc);
        let back = position_to_offset(&rope, p, enc);
        assert_eq!(back.offset, r.offset);
    }
});
