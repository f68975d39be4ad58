//! Random edit sequences through the server's `DocumentStore`, in every position encoding,
//! compared with a plain `String` reference whose position arithmetic is written here from
//! the LSP specification (independently of `server::position` and ropey): line breaks are
//! LF, CRLF and lone CR; a column past the end of its line clamps to the line's end; a column
//! inside a character (UTF-8 byte, UTF-16 surrogate) rounds down to its start; a line past
//! the end clamps to the end of the document; a reversed range is put in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lsp::server::documents::DocumentStore;
use policy_lsp::server::position::Encoding;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

/// Byte offsets where lines start, and where each line's content ends (before its break).
fn lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push((start, i));
                start = i + 1;
            }
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                out.push((start, i));
                i += 1;
                start = i + 1;
            }
            b'\r' => {
                out.push((start, i));
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((start, b.len()));
    out
}

fn units(c: char, enc: Encoding) -> usize {
    match enc {
        Encoding::Utf8 => c.len_utf8(),
        Encoding::Utf16 => c.len_utf16(),
        Encoding::Utf32 => 1,
    }
}

fn reference_offset(text: &str, pos: Position, enc: Encoding) -> usize {
    let lines = lines(text);
    let Some(&(start, end)) = lines.get(pos.line as usize) else {
        return text.len();
    };
    let col = pos.character as usize;
    let mut seen = 0;
    for (o, c) in text[start..end].char_indices() {
        let n = units(c, enc);
        if col < seen + n {
            return start + o;
        }
        seen += n;
    }
    end
}

fn encoding(k: u8) -> Encoding {
    match k % 3 {
        0 => Encoding::Utf8,
        1 => Encoding::Utf16,
        _ => Encoding::Utf32,
    }
}

/// Coordinates biased towards the document: mostly small lines and columns, sometimes huge.
fn coord(v: u16, small: u32) -> u32 {
    if v >= 0xFF00 {
        u32::MAX - u32::from(v & 0xFF)
    } else {
        u32::from(v) % small
    }
}

fuzz_target!(|input: (u8, String, Vec<(u8, u16, u16, u16, u16, String)>)| {
    let (enc, start, edits) = input;
    let enc = encoding(enc);
    let uri = Url::parse("file:///fuzz.txt").unwrap();
    let store = DocumentStore::default();
    store.open(uri.clone(), &start, 0, "plaintext".into());
    let mut reference = start;
    for (n, (kind, l1, c1, l2, c2, text)) in edits.into_iter().take(64).enumerate() {
        let change = if kind % 16 == 0 {
            reference = text.clone();
            TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text,
            }
        } else {
            let range = Range::new(
                Position::new(coord(l1, 16), coord(c1, 64)),
                Position::new(coord(l2, 16), coord(c2, 64)),
            );
            let a = reference_offset(&reference, range.start, enc);
            let b = reference_offset(&reference, range.end, enc);
            reference.replace_range(a.min(b)..a.max(b), &text);
            TextDocumentContentChangeEvent {
                range: Some(range),
                range_length: None,
                text,
            }
        };
        let (snap, _) = store
            .apply_changes(&uri, n as i32 + 1, &[change], enc)
            .expect("the document is open");
        assert_eq!(snap.text(), reference, "after edit #{n} in {enc:?}");
        assert_eq!(snap.version, n as i32 + 1);
    }
});
