//! Open documents as ropes with their versions. Every change is applied synchronously under
//! one lock, in the order the notifications arrive, before the handler awaits anything.

use super::position::{range_to_span, Encoding};
use ropey::Rope;
use std::collections::HashMap;
use std::sync::Mutex;
use tower_lsp::lsp_types::{TextDocumentContentChangeEvent, Url};

#[derive(Debug, Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub language_id: String,
}

/// A consistent copy of a document at one version (a rope clone is O(1)).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub uri: Url,
    pub rope: Rope,
    pub version: i32,
    pub language_id: String,
}

impl Snapshot {
    pub fn text(&self) -> String {
        self.rope.to_string()
    }
}

#[derive(Debug, Default)]
pub struct DocumentStore {
    docs: Mutex<HashMap<Url, Document>>,
}

/// What went wrong applying a change; the document is left as consistent as possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeProblem {
    UnknownDocument,
    /// The version did not increase; the change was still applied in arrival order.
    VersionNotIncreasing {
        had: i32,
        got: i32,
    },
    /// A range lay outside the document or was reversed; it was clamped and applied.
    RangeClamped {
        index: usize,
    },
}

impl DocumentStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Url, Document>> {
        // A poisoned lock only means another handler panicked mid-way; the map itself is
        // still usable, and refusing every later request would kill the session.
        self.docs.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn open(&self, uri: Url, text: &str, version: i32, language_id: String) -> Snapshot {
        let doc = Document {
            rope: Rope::from_str(text),
            version,
            language_id,
        };
        let snap = snapshot(&uri, &doc);
        self.lock().insert(uri, doc);
        snap
    }

    pub fn close(&self, uri: &Url) -> bool {
        self.lock().remove(uri).is_some()
    }

    pub fn snapshot(&self, uri: &Url) -> Option<Snapshot> {
        self.lock().get(uri).map(|d| snapshot(uri, d))
    }

    pub fn version(&self, uri: &Url) -> Option<i32> {
        self.lock().get(uri).map(|d| d.version)
    }

    pub fn uris(&self) -> Vec<Url> {
        self.lock().keys().cloned().collect()
    }

    /// Applies `changes` in order. Returns the new snapshot and any problems worth logging.
    pub fn apply_changes(
        &self,
        uri: &Url,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: Encoding,
    ) -> Result<(Snapshot, Vec<ChangeProblem>), ChangeProblem> {
        let mut docs = self.lock();
        let doc = docs.get_mut(uri).ok_or(ChangeProblem::UnknownDocument)?;
        let mut problems = Vec::new();
        if version <= doc.version {
            problems.push(ChangeProblem::VersionNotIncreasing {
                had: doc.version,
                got: version,
            });
        }
        for (index, change) in changes.iter().enumerate() {
            match change.range {
                None => doc.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let (span, clamped) = range_to_span(&doc.rope, range, enc);
                    if clamped {
                        problems.push(ChangeProblem::RangeClamped { index });
                    }
                    let start = doc.rope.byte_to_char(span.start);
                    let end = doc.rope.byte_to_char(span.end);
                    doc.rope.remove(start..end);
                    doc.rope.insert(start, &change.text);
                }
            }
        }
        doc.version = version;
        Ok((snapshot(uri, doc), problems))
    }
}

fn snapshot(uri: &Url, doc: &Document) -> Snapshot {
    Snapshot {
        uri: uri.clone(),
        rope: doc.rope.clone(),
        version: doc.version,
        language_id: doc.language_id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::{Position, Range};

    fn change(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn uri() -> Url {
        Url::parse("file:///tmp/a.txt").unwrap()
    }

    #[test]
    fn incremental_edits_with_astral_characters_in_utf16() {
        let store = DocumentStore::default();
        store.open(uri(), "会议指出,要坚持\n𠮷野家", 1, "plaintext".into());
        // Replace the half-width comma (UTF-16 column 4) with a full-width one.
        let (s, p) = store
            .apply_changes(&uri(), 2, &[change(0, 4, 0, 5, "，")], Encoding::Utf16)
            .unwrap();
        assert!(p.is_empty());
        assert_eq!(s.text(), "会议指出，要坚持\n𠮷野家");
        // Insert after 𠮷 (two UTF-16 units) on line 1.
        let (s, _) = store
            .apply_changes(&uri(), 3, &[change(1, 2, 1, 2, "😀")], Encoding::Utf16)
            .unwrap();
        assert_eq!(s.text(), "会议指出，要坚持\n𠮷😀野家");
        // The same in UTF-8: 𠮷😀 is 8 bytes.
        let (s, _) = store
            .apply_changes(&uri(), 4, &[change(1, 8, 1, 11, "")], Encoding::Utf8)
            .unwrap();
        assert_eq!(s.text(), "会议指出，要坚持\n𠮷😀家");
    }

    #[test]
    fn out_of_range_and_stale_changes_are_reported_not_fatal() {
        let store = DocumentStore::default();
        store.open(uri(), "会议", 5, "plaintext".into());
        let (s, p) = store
            .apply_changes(&uri(), 5, &[change(9, 0, 9, 9, "强调")], Encoding::Utf16)
            .unwrap();
        assert_eq!(s.text(), "会议强调");
        assert!(p.contains(&ChangeProblem::VersionNotIncreasing { had: 5, got: 5 }));
        assert!(p.contains(&ChangeProblem::RangeClamped { index: 0 }));
        let unknown = Url::parse("file:///nope.txt").unwrap();
        assert_eq!(
            store
                .apply_changes(&unknown, 1, &[], Encoding::Utf16)
                .unwrap_err(),
            ChangeProblem::UnknownDocument
        );
    }

    #[test]
    fn full_replacement_and_crlf_edits() {
        let store = DocumentStore::default();
        store.open(uri(), "x", 1, "plaintext".into());
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "一\r\n二\r三".into(),
        };
        store
            .apply_changes(&uri(), 2, &[full], Encoding::Utf16)
            .unwrap();
        let (s, _) = store
            .apply_changes(&uri(), 3, &[change(2, 0, 2, 1, "四")], Encoding::Utf16)
            .unwrap();
        assert_eq!(s.text(), "一\r\n二\r四");
    }
}
