//! The slogan lexicon: entry model and loading. The built-in lexicon is
//! `lexicon/builtin.json`, embedded at build time; its schema is `lexicon/lexicon.schema.json`.

mod model;

pub use model::{Confidence, Entry, Examples, Origin, Scope, Variant, VariantStatus};

use serde::Deserialize;
use std::sync::OnceLock;

const BUILTIN_JSON: &str = include_str!("../../../lexicon/builtin.json");

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LexiconFile {
    #[serde(default)]
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// A set of entries, later ones overriding earlier ones with the same `id`.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entries: Vec<Entry>,
}

/// Where a lexicon file failed to load: 1-based line and column (characters) and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl Lexicon {
    /// The lexicon shipped in the binary.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // A test over the embedded file guarantees it parses; failing here would be a
            // build defect, so fall back to an empty lexicon rather than abort the server.
            Lexicon::from_json(BUILTIN_JSON).unwrap_or_default()
        })
    }

    pub fn from_json(text: &str) -> Result<Lexicon, LoadError> {
        let file: LexiconFile = serde_json::from_str(text).map_err(|e| LoadError {
            line: e.line().max(1),
            column: e.column().max(1),
            message: e.to_string(),
        })?;
        Ok(Lexicon {
            entries: file.entries,
        })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// `self` with `other`'s entries laid over it: same `id` replaces, new ids are appended.
    pub fn merged_with(&self, other: &Lexicon) -> Lexicon {
        let mut entries = self.entries.clone();
        for e in &other.entries {
            match entries.iter_mut().find(|x| x.id == e.id) {
                Some(slot) => *slot = e.clone(),
                None => entries.push(e.clone()),
            }
        }
        Lexicon { entries }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_parses() {
        let lex = Lexicon::from_json(BUILTIN_JSON).expect("lexicon/builtin.json must parse");
        assert!(!lex.entries().is_empty());
    }

    #[test]
    fn malformed_json_reports_line_and_column() {
        let err = Lexicon::from_json("{\n  \"entries\": [\n    {,\n  ]\n}").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.column >= 5, "{err}");
    }

    #[test]
    fn same_id_overrides() {
        let a = Lexicon::builtin();
        let first = &a.entries()[0];
        let mut replaced = first.clone();
        replaced.summary = "override".into();
        let user = Lexicon {
            entries: vec![replaced],
        };
        let m = a.merged_with(&user);
        assert_eq!(m.entries().len(), a.entries().len());
        assert_eq!(m.get(&first.id).unwrap().summary, "override");
    }
}
