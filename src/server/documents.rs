//! Open documents as ropes with their versions. Every change is applied synchronously under
//! one lock, in the order the notifications arrive, before the handler awaits anything.

use super::position::{range_to_span, Encoding};
use crate::engine::remap::Edit;
use ropey::Rope;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use tower_lsp::lsp_types::{TextDocumentContentChangeEvent, Url};

/// How many byte edits a document remembers, for carrying findings across versions.
const EDIT_LOG: usize = 4096;

/// Revisions are unique across documents and reopenings, so a finding computed for one
/// text is never moved through the edits of another.
fn next_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

#[derive(Debug, Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub language_id: String,
    /// Counts applied changes; unlike `version` it always increases.
    pub revision: u64,
    /// The byte edits that made each revision, oldest first.
    log: VecDeque<(u64, Edit)>,
    /// The oldest revision the log can replay from.
    log_from: u64,
}

/// A consistent copy of a document at one version (a rope clone is O(1)).
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub uri: Url,
    pub rope: Rope,
    pub version: i32,
    pub language_id: String,
    pub revision: u64,
}

impl Snapshot {
    pub fn text(&self) -> String {
        rope_text(&self.rope)
    }
}

/// The rope's text in a string of exactly its size. (`to_string` goes through `Display` and
/// grows the string by doubling: up to twice the document's size, per copy in flight.)
pub fn rope_text(rope: &Rope) -> String {
    String::from(rope)
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
            revision: next_revision(),
            log: VecDeque::new(),
            log_from: 0,
        };
        let doc = Document {
            log_from: doc.revision,
            ..doc
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

    /// The byte edits that turned revision `from` of the document into revision `to`, in
    /// order; `None` if they are no longer known (a whole-text replacement, or too many).
    pub fn edits_between(&self, uri: &Url, from: u64, to: u64) -> Option<Vec<Edit>> {
        let docs = self.lock();
        let doc = docs.get(uri)?;
        if from < doc.log_from || to > doc.revision || from > to {
            return None;
        }
        Some(
            doc.log
                .iter()
                .filter(|(r, _)| *r > from && *r <= to)
                .map(|(_, e)| *e)
                .collect(),
        )
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
        doc.revision = next_revision();
        let revision = doc.revision;
        for (index, change) in changes.iter().enumerate() {
            match change.range {
                None => {
                    doc.rope = Rope::from_str(&change.text);
                    doc.log.clear();
                    doc.log_from = revision;
                }
                Some(range) => {
                    let (span, clamped) = range_to_span(&doc.rope, range, enc);
                    if clamped {
                        problems.push(ChangeProblem::RangeClamped { index });
                    }
                    doc.log.push_back((
                        revision,
                        Edit {
                            start: span.start,
                            old_end: span.end,
                            new_len: change.text.len(),
                        },
                    ));
                    if doc.log.len() > EDIT_LOG {
                        if let Some((r, _)) = doc.log.pop_front() {
                            doc.log_from = r;
                        }
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
        revision: doc.revision,
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
    fn edit_log_moves_spans_between_revisions() {
        let store = DocumentStore::default();
        let first = store.open(
            uri(),
            "会议指出,要坚持
𠮷野家统筹",
            1,
            "plaintext".into(),
        );
        let at = "会议指出,要坚持
𠮷野家"
            .len();
        let (s2, _) = store
            .apply_changes(&uri(), 2, &[change(0, 0, 0, 0, "今日")], Encoding::Utf16)
            .unwrap();
        let (s3, _) = store
            .apply_changes(
                &uri(),
                3,
                &[change(0, 6, 0, 7, "，"), change(1, 0, 1, 2, "")],
                Encoding::Utf16,
            )
            .unwrap();
        let edits = store
            .edits_between(&uri(), first.revision, s3.revision)
            .unwrap();
        assert_eq!(edits.len(), 3);
        let moved = crate::engine::remap::map_span(&(at..at + 6), &edits).unwrap();
        assert_eq!(&s3.text()[moved], "统筹");
        assert_eq!(
            store
                .edits_between(&uri(), s2.revision, s3.revision)
                .map(|e| e.len()),
            Some(2)
        );
        // A whole-text replacement can't be replayed across.
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "新文本".into(),
        };
        let (s4, _) = store
            .apply_changes(&uri(), 4, &[full], Encoding::Utf16)
            .unwrap();
        assert!(store
            .edits_between(&uri(), s3.revision, s4.revision)
            .is_none());
        assert_eq!(
            store.edits_between(&uri(), s4.revision, s4.revision),
            Some(vec![])
        );
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
