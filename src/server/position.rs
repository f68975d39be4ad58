//! The one place that knows position encodings. The engine speaks UTF-8 byte offsets; LSP
//! speaks (line, character) where `character` counts UTF-8 bytes, UTF-16 code units or code
//! points depending on the negotiated encoding (LSP 3.17 `general.positionEncodings`).
//!
//! Lines end at `\n`, `\r\n` or `\r` (ropey is built with `cr_lines` and without
//! `unicode_lines`, so its line count is LSP's). Out-of-range input is clamped, never a panic:
//! a column past the end of its line means the end of the line, a line past the end of the
//! document means the end of the document, and a column inside a character (a UTF-16
//! surrogate pair, a multi-byte UTF-8 sequence) means the start of that character.

use crate::engine::Span;
use ropey::Rope;
use tower_lsp::lsp_types::{Position, PositionEncodingKind, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion cost, and Neovim offers it first),
    /// otherwise the mandatory UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or(&[]);
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }
}

/// A byte offset resolved from a position, and whether the position had to be clamped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub offset: usize,
    pub clamped: bool,
}

/// Byte offset of the end of line `line`'s content (before its terminator).
fn line_content_end(rope: &Rope, line: usize) -> usize {
    let next = if line + 1 < rope.len_lines() {
        rope.line_to_byte(line + 1)
    } else {
        return rope.len_bytes();
    };
    let start = rope.line_to_byte(line);
    let mut end = next;
    if end > start && rope.byte(end - 1) == b'\n' {
        end -= 1;
    }
    if end > start && rope.byte(end - 1) == b'\r' {
        end -= 1;
    }
    end
}

/// Units of `enc` between two char indices.
fn units_between(rope: &Rope, from_char: usize, to_char: usize, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => rope.char_to_byte(to_char) - rope.char_to_byte(from_char),
        Encoding::Utf16 => rope.char_to_utf16_cu(to_char) - rope.char_to_utf16_cu(from_char),
        Encoding::Utf32 => to_char - from_char,
    }
}

/// The position of byte `offset` (clamped to the document, rounded down to a char boundary).
pub fn offset_to_position(rope: &Rope, offset: usize, enc: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let char_idx = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_idx);
    let line_start = rope.line_to_char(line);
    let col = units_between(rope, line_start, char_idx, enc);
    Position::new(line as u32, col as u32)
}

/// The byte offset of `pos`, clamped as described in the module doc.
pub fn position_to_offset(rope: &Rope, pos: Position, enc: Encoding) -> Resolved {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return Resolved {
            offset: rope.len_bytes(),
            clamped: true,
        };
    }
    let start_byte = rope.line_to_byte(line);
    let end_byte = line_content_end(rope, line);
    let col = pos.character as usize;
    let (offset, clamped) = match enc {
        Encoding::Utf8 => {
            let want = start_byte.saturating_add(col);
            if want >= end_byte {
                (end_byte, want > end_byte)
            } else {
                // Round down into the character that holds this byte.
                (rope.char_to_byte(rope.byte_to_char(want)), false)
            }
        }
        Encoding::Utf16 => {
            let base = rope.char_to_utf16_cu(rope.byte_to_char(start_byte));
            let end = rope.char_to_utf16_cu(rope.byte_to_char(end_byte));
            let want = base.saturating_add(col);
            if want >= end {
                (end_byte, want > end)
            } else {
                (rope.char_to_byte(rope.utf16_cu_to_char(want)), false)
            }
        }
        Encoding::Utf32 => {
            let base = rope.byte_to_char(start_byte);
            let end = rope.byte_to_char(end_byte);
            let want = base.saturating_add(col);
            if want >= end {
                (end_byte, want > end)
            } else {
                (rope.char_to_byte(want), false)
            }
        }
    };
    Resolved { offset, clamped }
}

pub fn span_to_range(rope: &Rope, span: &Span, enc: Encoding) -> Range {
    Range::new(
        offset_to_position(rope, span.start, enc),
        offset_to_position(rope, span.end, enc),
    )
}

/// The byte span of `range`; a reversed range is put in order. `clamped` tells whether any
/// part of the range lay outside the document or was reversed.
pub fn range_to_span(rope: &Rope, range: Range, enc: Encoding) -> (Span, bool) {
    let a = position_to_offset(rope, range.start, enc);
    let b = position_to_offset(rope, range.end, enc);
    let reversed = a.offset > b.offset;
    let span = if reversed {
        b.offset..a.offset
    } else {
        a.offset..b.offset
    };
    (span, a.clamped || b.clamped || reversed)
}

/// Positions of many byte offsets in one pass over the text: the same results as
/// [`offset_to_position`] for each. The text between two offsets is consumed a stretch at a
/// time (line breaks found with `memchr`, columns counted a machine word at a time on the
/// last line only), which costs far less per byte than a tree lookup; only across a long gap
/// does the walk restart at a looked-up position. Publishing converts thousands of offsets spread over the whole
/// document at every keystroke.
pub fn offsets_to_positions(rope: &Rope, offsets: &[usize], enc: Encoding) -> Vec<Position> {
    /// A gap (in bytes) worth a lookup rather than a walk: the five tree lookups of
    /// [`offset_to_position`] cost about as much as consuming this much text.
    const JUMP: usize = 4096;
    let len = rope.len_bytes();
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i].min(len));
    let mut out = vec![Position::default(); offsets.len()];
    let mut walk = Walk::from(rope, 0, Position::default());
    for i in order {
        let target = offsets[i].min(len);
        if target >= walk.byte + JUMP {
            let at = rope.char_to_byte(rope.byte_to_char(target));
            walk = Walk::from(rope, at, offset_to_position(rope, at, enc));
        }
        out[i] = walk.advance_to(target, enc);
    }
    out
}

/// A position kept up to date while the text is consumed forward.
struct Walk<'a> {
    chunks: ropey::iter::Chunks<'a>,
    /// The rest of the current chunk.
    rest: &'a str,
    byte: usize,
    line: usize,
    col: u32,
    /// A `\r` just passed: the line ends after it unless a `\n` follows (CRLF is one break).
    after_cr: bool,
}

impl<'a> Walk<'a> {
    /// A walk from `byte` (a char boundary), whose position is `at`.
    fn from(rope: &'a Rope, byte: usize, at: Position) -> Self {
        let (mut chunks, chunk_start, _, _) = rope.chunks_at_byte(byte);
        let rest = chunks.next().map_or("", |c| &c[byte - chunk_start..]);
        Walk {
            chunks,
            rest,
            byte,
            line: at.line as usize,
            col: at.character,
            after_cr: false,
        }
    }

    /// The position of `target` (at or after the walk; inside a character means its start).
    fn advance_to(&mut self, target: usize, enc: Encoding) -> Position {
        loop {
            let want = target.saturating_sub(self.byte);
            if want < self.rest.len() {
                let cut = crate::engine::text::floor_char_boundary(self.rest, want);
                let (before, rest) = self.rest.split_at(cut);
                self.consume(before, enc);
                self.rest = rest;
                self.byte += cut;
                if self.after_cr && !rest.starts_with('\n') {
                    self.new_line();
                }
                return self.position();
            }
            self.consume(self.rest, enc);
            self.byte += self.rest.len();
            match self.chunks.next() {
                Some(chunk) => self.rest = chunk,
                None => {
                    self.rest = "";
                    if self.after_cr {
                        self.new_line();
                    }
                    return self.position();
                }
            }
        }
    }

    fn position(&self) -> Position {
        Position::new(self.line as u32, self.col)
    }

    fn new_line(&mut self) {
        self.line += 1;
        self.col = 0;
        self.after_cr = false;
    }

    /// Moves over `text` (whole characters). Columns are counted only where they can still
    /// matter: on the run after the last line break, and before a `\r` (the position between
    /// a CR and its LF is on the CR's line).
    fn consume(&mut self, text: &str, enc: Encoding) {
        let mut from = 0;
        for at in memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()) {
            let run = &text[from..at];
            if text.as_bytes()[at] == b'\n' {
                if self.after_cr && !run.is_empty() {
                    self.line += 1;
                }
                self.new_line();
            } else {
                self.same_line(run, enc);
                if self.after_cr {
                    self.new_line();
                }
                self.col += 1;
                self.after_cr = true;
            }
            from = at + 1;
        }
        self.same_line(&text[from..], enc);
    }

    /// Moves over `run`, which holds no line break.
    fn same_line(&mut self, run: &str, enc: Encoding) {
        if run.is_empty() {
            return;
        }
        if self.after_cr {
            self.new_line();
        }
        let units = match enc {
            Encoding::Utf8 => run.len(),
            Encoding::Utf16 => str_indices::utf16::count(run),
            Encoding::Utf32 => str_indices::chars::count(run),
        };
        self.col = self.col.saturating_add(units as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

    fn pos(l: u32, c: u32) -> Position {
        Position::new(l, c)
    }

    #[test]
    fn astral_characters_count_two_utf16_units_four_bytes_one_code_point() {
        let rope = Rope::from_str("𠮷a\n会😀b");
        let b = "𠮷a\n会😀".len(); // the byte offset of 'b'
        assert_eq!(offset_to_position(&rope, b, Encoding::Utf8), pos(1, 7));
        assert_eq!(offset_to_position(&rope, b, Encoding::Utf16), pos(1, 3));
        assert_eq!(offset_to_position(&rope, b, Encoding::Utf32), pos(1, 2));
        assert_eq!(offset_to_position(&rope, 4, Encoding::Utf16), pos(0, 2));
    }

    #[test]
    fn every_char_boundary_round_trips_in_every_encoding() {
        let text = "来源:新疆日报\r\n𠮷野家😀\r\r\n\u{301}é\n最后一行";
        let rope = Rope::from_str(text);
        for enc in ALL {
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let p = offset_to_position(&rope, i, enc);
                let back = position_to_offset(&rope, p, enc);
                // Offsets inside a CRLF pair map to the end of the line's content.
                if text[..i].ends_with('\r') && text[i..].starts_with('\n') {
                    continue;
                }
                assert_eq!(
                    back,
                    Resolved {
                        offset: i,
                        clamped: false
                    },
                    "{enc:?} at {i}"
                );
            }
        }
    }

    #[test]
    fn one_pass_conversion_matches_single_offsets() {
        let long = crate::seeds::corpus(100_000)
            .replace("。", "。\r\n")
            .replace("；", "；\r")
            .replace("，", "，😀𠮷");
        // One long line, as some web copies come: the walk restarts inside the line.
        let oneline = long.replace(['\r', '\n'], "");
        let texts = [
            long.as_str(),
            oneline.as_str(),
            "",
            "来源:新疆日报\r\n𠮷野家😀\r\r\n\u{301}é\n最后一行",
            "a\rb\r\nc\nd\u{2028}e\r",
            "\r\n\r\n会议指出\n",
        ];
        for text in texts {
            let rope = Rope::from_str(text);
            // Every byte (inside characters too), past the end, and in shuffled order.
            let step = 1 + text.len() / 5000;
            let mut dense: Vec<usize> = (0..=text.len() + 3).rev().step_by(step).collect();
            dense.extend([1, 0, text.len()]);
            // Apart, and far apart, so the walk restarts at a looked-up position: next to
            // line breaks (between a CR and its LF too) and inside astral characters.
            let sparse = |gap: usize| {
                let mut sparse: Vec<usize> = Vec::new();
                for (i, _) in text.match_indices(['\r', '\n', '😀']) {
                    if sparse.last().is_none_or(|&l| i > l + gap) {
                        sparse.extend([i, i + 1, i + 2]);
                    }
                }
                sparse.retain(|&o| o <= text.len() + 3);
                sparse
            };
            for offsets in [dense, sparse(700), sparse(20_000)] {
                for enc in ALL {
                    let batch = offsets_to_positions(&rope, &offsets, enc);
                    for (o, p) in offsets.iter().zip(&batch) {
                        assert_eq!(
                            *p,
                            offset_to_position(&rope, *o, enc),
                            "{text:?} {o} {enc:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn line_terminators_match_lsp() {
        let rope = Rope::from_str("a\rb\r\nc\nd\u{2028}e");
        assert_eq!(offset_to_position(&rope, 2, Encoding::Utf16), pos(1, 0));
        assert_eq!(offset_to_position(&rope, 5, Encoding::Utf16), pos(2, 0));
        // U+2028 is not a line break for LSP.
        let e = "a\rb\r\nc\nd\u{2028}".len();
        assert_eq!(offset_to_position(&rope, e, Encoding::Utf16), pos(3, 2));
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let rope = Rope::from_str("会议\r\n指出");
        for enc in ALL {
            let r = position_to_offset(&rope, pos(0, 99), enc);
            assert_eq!(
                r,
                Resolved {
                    offset: 6,
                    clamped: true
                },
                "{enc:?}"
            );
            let r = position_to_offset(&rope, pos(7, 0), enc);
            assert_eq!(
                r,
                Resolved {
                    offset: rope.len_bytes(),
                    clamped: true
                }
            );
            let r = position_to_offset(&rope, pos(u32::MAX, u32::MAX), enc);
            assert_eq!(r.offset, rope.len_bytes());
        }
    }

    #[test]
    fn columns_inside_a_character_round_down() {
        let rope = Rope::from_str("a𠮷b");
        // UTF-16 column 2 is between the two surrogates of 𠮷.
        assert_eq!(
            position_to_offset(&rope, pos(0, 2), Encoding::Utf16).offset,
            1
        );
        // UTF-8 column 3 is inside 𠮷's four bytes.
        assert_eq!(
            position_to_offset(&rope, pos(0, 3), Encoding::Utf8).offset,
            1
        );
        assert_eq!(offset_to_position(&rope, 3, Encoding::Utf16), pos(0, 1));
    }

    #[test]
    fn empty_document_and_trailing_newline() {
        let rope = Rope::from_str("");
        assert_eq!(offset_to_position(&rope, 0, Encoding::Utf16), pos(0, 0));
        assert_eq!(
            position_to_offset(&rope, pos(0, 0), Encoding::Utf16).offset,
            0
        );
        let rope = Rope::from_str("会\n");
        assert_eq!(offset_to_position(&rope, 4, Encoding::Utf16), pos(1, 0));
        assert_eq!(
            position_to_offset(&rope, pos(1, 0), Encoding::Utf16).offset,
            4
        );
    }

    #[test]
    fn negotiation_prefers_utf8_and_defaults_to_utf16() {
        let offered = [PositionEncodingKind::UTF8, PositionEncodingKind::UTF16];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF16])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
