//! Property tests: random incremental edit sequences applied through the server's document
//! store match a plain `String` reference, in every position encoding, and position
//! conversion round-trips. Texts mix CJK, astral characters, emoji, CRLF, lone CR and
//! combining marks; edits include empty, whole-document and out-of-range ranges.

use policy_lsp::engine::remap::map_span;
use policy_lsp::server::documents::DocumentStore;
use policy_lsp::server::position::{
    offset_to_position, offsets_to_positions, position_to_offset, Encoding,
};
use proptest::prelude::*;
use ropey::Rope;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent, Url};

const PIECES: &[&str] = &[
    "会议",
    "指出",
    ",",
    "，",
    "𠮷",
    "😀",
    "👩\u{200d}👧",
    "e\u{301}",
    "\r\n",
    "\r",
    "\n",
    "a",
    " ",
    "“四个意识”",
    "\u{3000}",
    "",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn encodings() -> impl Strategy<Value = Encoding> {
    prop::sample::select(vec![Encoding::Utf8, Encoding::Utf16, Encoding::Utf32])
}

/// An edit as fractions of the document, so it stays meaningful as the text changes, plus
/// the occasional range far outside it.
#[derive(Debug, Clone)]
enum Edit {
    Replace { a: f64, b: f64, text: String },
    Whole(String),
    Outside(String),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (0.0..=1.0f64, 0.0..=1.0f64, text_strategy()).prop_map(|(a, b, text)| Edit::Replace { a, b, text }),
        1 => text_strategy().prop_map(Edit::Whole),
        1 => text_strategy().prop_map(Edit::Outside),
    ]
}

fn char_boundary_at(s: &str, frac: f64) -> usize {
    let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    bounds[((bounds.len() - 1) as f64 * frac).round() as usize]
}

/// A boundary LSP can address: not between the CR and LF of a CRLF pair.
fn addressable(s: &str, mut i: usize) -> usize {
    while i > 0 && s.as_bytes().get(i) == Some(&b'\n') && s.as_bytes()[i - 1] == b'\r' {
        i -= 1;
    }
    i
}

/// The change event for `edit` on `reference`, which it applies to `reference` the way the
/// LSP specification says the server must.
fn change_for(
    reference: &mut String,
    edit: &Edit,
    enc: Encoding,
) -> TextDocumentContentChangeEvent {
    let rope = Rope::from_str(reference);
    match edit {
        Edit::Replace { a, b, text } => {
            let (mut x, mut y) = (
                addressable(reference, char_boundary_at(reference, *a)),
                addressable(reference, char_boundary_at(reference, *b)),
            );
            if x > y {
                std::mem::swap(&mut x, &mut y);
            }
            let range = Range::new(
                offset_to_position(&rope, x, enc),
                offset_to_position(&rope, y, enc),
            );
            reference.replace_range(x..y, text);
            TextDocumentContentChangeEvent {
                range: Some(range),
                range_length: None,
                text: text.clone(),
            }
        }
        Edit::Whole(text) => {
            *reference = text.clone();
            TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: text.clone(),
            }
        }
        Edit::Outside(text) => {
            reference.push_str(text);
            let far = Position::new(1_000_000, 7);
            TextDocumentContentChangeEvent {
                range: Some(Range::new(far, far)),
                range_length: None,
                text: text.clone(),
            }
        }
    }
}

fn uri() -> Url {
    Url::parse("file:///prop.txt").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn edits_match_a_string_reference(start in text_strategy(), edits in prop::collection::vec(edit_strategy(), 1..12), enc in encodings()) {
        let store = DocumentStore::default();
        store.open(uri(), &start, 0, "plaintext".into());
        let mut reference = start.clone();
        for (n, edit) in edits.iter().enumerate() {
            let change = change_for(&mut reference, edit, enc);
            let (snap, _) = store.apply_changes(&uri(), n as i32 + 1, &[change], enc).unwrap();
            prop_assert_eq!(snap.text(), reference.clone());
        }
    }

    /// Carrying findings across edits: a span the edit log moves still covers the same text,
    /// and the log refuses to replay across a whole-text replacement.
    #[test]
    fn edit_log_moves_spans_onto_the_same_text(start in text_strategy(), edits in prop::collection::vec(edit_strategy(), 1..12), enc in encodings(), a in 0.0..=1.0f64, b in 0.0..=1.0f64) {
        let store = DocumentStore::default();
        let first = store.open(uri(), &start, 0, "plaintext".into());
        let (mut x, mut y) = (char_boundary_at(&start, a), char_boundary_at(&start, b));
        if x > y { std::mem::swap(&mut x, &mut y); }
        let mut reference = start.clone();
        let mut replaced = false;
        let mut last = first.clone();
        for (n, edit) in edits.iter().enumerate() {
            replaced |= matches!(edit, Edit::Whole(_));
            let change = change_for(&mut reference, edit, enc);
            last = store.apply_changes(&uri(), n as i32 + 1, &[change], enc).unwrap().0;
        }
        let log = store.edits_between(&uri(), first.revision, last.revision);
        prop_assert_eq!(log.is_none(), replaced);
        if let Some(moved) = log.and_then(|edits| map_span(&(x..y), &edits)) {
            prop_assert_eq!(&reference[moved], &start[x..y]);
        }
    }

    #[test]
    fn one_pass_positions_match_single_conversions(text in text_strategy(), fracs in prop::collection::vec(0.0..=1.2f64, 0..30), enc in encodings()) {
        let rope = Rope::from_str(&text);
        let offsets: Vec<usize> = fracs.iter().map(|f| (text.len() as f64 * f) as usize).collect();
        let batch = offsets_to_positions(&rope, &offsets, enc);
        for (o, p) in offsets.iter().zip(batch) {
            prop_assert_eq!(p, offset_to_position(&rope, *o, enc));
        }
    }

    #[test]
    fn positions_round_trip(text in text_strategy(), enc in encodings()) {
        let rope = Rope::from_str(&text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let i = addressable(&text, i);
            let p = offset_to_position(&rope, i, enc);
            let back = position_to_offset(&rope, p, enc);
            prop_assert_eq!(back.offset, i);
            prop_assert!(!back.clamped);
        }
    }

    #[test]
    fn any_position_resolves_to_a_char_boundary(text in text_strategy(), line in 0u32..50, col in 0u32..200, enc in encodings()) {
        let rope = Rope::from_str(&text);
        let r = position_to_offset(&rope, Position::new(line, col), enc);
        prop_assert!(r.offset <= text.len());
        prop_assert!(text.is_char_boundary(r.offset));
    }
}
