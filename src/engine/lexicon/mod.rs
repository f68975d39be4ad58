//! The slogan lexicon: entry model and loading. The built-in lexicon is
//! `lexicon/builtin.json`, embedded at build time; its schema is `lexicon/lexicon.schema.json`.

pub mod coverage;
pub mod json_pos;
pub mod matcher;
mod model;
pub mod numbered;
pub mod stub;
pub mod validate;

pub use matcher::{
    occurrences, Enumeration, Item, Matcher, NameHit, NameKind, PhraseSet, Scan, Verdict,
};
pub use model::{AcceptedUse, Confidence, Entry, Examples, Origin, Scope, Variant, VariantStatus};
pub use numbered::{unknown_numbered_slogans, UnknownSlogan};
pub use stub::{insert_stub, new_lexicon_file, stub_entry};
pub use validate::{definition_span, validate_user_lexicon};

use serde::Deserialize;
use std::sync::{Arc, OnceLock};

/// The built-in lexicon, embedded (schema: `lexicon/README.md`).
pub static BUILTIN_JSON: &str = include_str!("../../../lexicon/builtin.json");

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LexiconFile {
    #[serde(default)]
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// A set of entries, later ones overriding earlier ones with the same `id`. Entries are
/// shared: a lexicon merged over another holds the same entries, not copies (a merge of a
/// 100,000-entry user lexicon copied ~60 MB of strings, a quarter of its load time).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entries: Vec<Arc<Entry>>,
    /// Built on first use and shared by clones.
    matcher: OnceLock<Arc<Matcher>>,
}

/// Where a lexicon file failed to load: 1-based line and column (characters) and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl LoadError {
    /// The byte offset in `text` this error points at (lines counted at `\n`, columns in
    /// characters, as reported); clamped to the text.
    pub fn offset_in(&self, text: &str) -> usize {
        let mut start = 0;
        for _ in 1..self.line.max(1) {
            match text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => return text.len(),
            }
        }
        let line = &text[start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        start
            + line
                .char_indices()
                .nth(self.column.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i)
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl Lexicon {
    /// The lexicon shipped in the binary.
    pub fn builtin() -> &'static Lexicon {
        Lexicon::builtin_shared_ref()
    }

    /// The lexicon shipped in the binary, shared: a configuration that uses it as it is
    /// holds this `Arc` instead of a copy of its entries.
    pub fn builtin_shared() -> Arc<Lexicon> {
        Arc::clone(Lexicon::builtin_shared_ref())
    }

    fn builtin_shared_ref() -> &'static Arc<Lexicon> {
        static BUILTIN: OnceLock<Arc<Lexicon>> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // A test over the embedded file guarantees it parses; failing here would be a
            // build defect, so fall back to an empty lexicon rather than abort the server.
            let lex = Lexicon::from_json(BUILTIN_JSON).unwrap_or_default();
            // Built now so that every clone (one per merged user lexicon) shares the automata.
            lex.matcher();
            Arc::new(lex)
        })
    }

    pub fn from_json(text: &str) -> Result<Lexicon, LoadError> {
        let file: LexiconFile = serde_json::from_str(text).map_err(|e| LoadError {
            line: e.line().max(1),
            column: e.column().max(1),
            message: e.to_string(),
        })?;
        Ok(Lexicon::from_entries(file.entries))
    }

    pub fn from_entries<E: Into<Arc<Entry>>>(entries: impl IntoIterator<Item = E>) -> Lexicon {
        Lexicon {
            entries: entries.into_iter().map(Into::into).collect(),
            matcher: OnceLock::new(),
        }
    }

    /// The automata over this lexicon's names and components, built once.
    pub fn matcher(&self) -> &Matcher {
        self.matcher
            .get_or_init(|| Arc::new(Matcher::new(&self.entries)))
    }

    pub(crate) fn matcher_arc(&self) -> Arc<Matcher> {
        self.matcher();
        self.matcher
            .get()
            .cloned()
            .unwrap_or_else(|| Arc::new(Matcher::new(&self.entries)))
    }

    /// Names and enumerations of `text`, shared between callers on the same text.
    pub fn scan(&self, text: &str) -> matcher::Scan {
        matcher::scan(text, self)
    }

    /// The entry whose term, alias or full form is `name`, or whose id is `name`.
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        let name = name.trim().trim_matches(|c| matches!(c, '“' | '”' | '"'));
        self.get(name).or_else(|| {
            self.entries
                .iter()
                .find(|e| e.term == name || e.full == name || e.aliases.iter().any(|a| a == name))
                .map(|e| &**e)
        })
    }

    pub fn entries(&self) -> &[Arc<Entry>] {
        &self.entries
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id).map(|e| &**e)
    }

    /// `self` with `other`'s entries laid over it: same `id` replaces, new ids are appended.
    /// Linear in both sizes (an id map, not a search per entry); the entries are shared, not
    /// copied.
    pub fn merged_with(&self, other: &Lexicon) -> Lexicon {
        let mut entries = self.entries.clone();
        let mut slot_of: hashbrown::HashMap<&str, usize> =
            hashbrown::HashMap::with_capacity(self.entries.len() + other.entries.len());
        for (i, e) in self.entries.iter().enumerate() {
            // With a duplicate id in `self`, the first is the one replaced.
            slot_of.entry(e.id.as_str()).or_insert(i);
        }
        for e in &other.entries {
            match slot_of.get(e.id.as_str()) {
                Some(&i) => entries[i] = Arc::clone(e),
                None => {
                    slot_of.insert(e.id.as_str(), entries.len());
                    entries.push(Arc::clone(e));
                }
            }
        }
        Lexicon::from_entries(entries)
    }
}

/// The lexicon tests run against: the built-in one (its matcher built once).
#[cfg(test)]
pub(crate) fn test_lexicon() -> std::sync::Arc<Lexicon> {
    Lexicon::builtin_shared()
}

/// A default configuration over [`test_lexicon`].
#[cfg(test)]
pub(crate) fn test_config() -> crate::engine::Config {
    crate::engine::Config {
        lexicon: test_lexicon(),
        ..crate::engine::Config::default()
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
    fn load_error_offsets() {
        let t = "ab\n𠮷cd\n";
        let e = |line, column| LoadError {
            line,
            column,
            message: String::new(),
        };
        assert_eq!(e(2, 2).offset_in(t), 7);
        assert_eq!(e(2, 99).offset_in(t), 9);
        assert_eq!(e(9, 1).offset_in(t), t.len());
    }

    #[test]
    fn same_id_overrides() {
        let a = Lexicon::builtin();
        let first = &a.entries()[0];
        let mut replaced = Entry::clone(first);
        replaced.summary = "override".into();
        let user = Lexicon::from_entries(vec![replaced]);
        let m = a.merged_with(&user);
        assert_eq!(m.entries().len(), a.entries().len());
        assert_eq!(m.get(&first.id).unwrap().summary, "override");
        // Entries are shared with the lexicons merged, not copied.
        assert!(Arc::ptr_eq(&m.entries()[0], &user.entries()[0]));
        assert!(Arc::ptr_eq(&m.entries()[1], &a.entries()[1]));
        // New ids are appended in order; an id repeated in the overlay: its last version.
        let mut new = Entry::clone(first);
        new.id = "new-entry".into();
        let mut newer = new.clone();
        newer.summary = "newer".into();
        let m = a.merged_with(&Lexicon::from_entries(vec![new, newer]));
        assert_eq!(m.entries().len(), a.entries().len() + 1);
        assert_eq!(m.entries().last().unwrap().summary, "newer");
    }
}

#[cfg(test)]
mod tests_lexicon;
