//! Completion of slogans: typing the start of a term (四个…, 六…) offers every slogan whose
//! term or alias starts with what was typed, twice: once inserting the term, once inserting
//! the full formulation. Each item documents the full form and components.

use super::config::{Config, Locale};
use super::hover::entry_markdown;
use super::text::is_han;
use super::types::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompletionKind {
    /// Inserts the term (四个意识).
    Term,
    /// Inserts the full formulation (增强政治意识、大局意识、核心意识、看齐意识).
    Full,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItemData {
    pub label: String,
    pub insert_text: String,
    /// What the editor filters on: the term the user is typing.
    pub filter_text: String,
    pub sort_text: String,
    pub detail: String,
    pub documentation_markdown: String,
    /// The typed prefix, replaced by `insert_text`.
    pub replace_range: Span,
    pub kind: CompletionKind,
    pub entry_id: String,
}

const MAX_PREFIX_CHARS: usize = 8;

/// Completions at byte `offset`; empty when the text before the cursor starts no slogan.
pub fn completions(text: &str, offset: usize, config: &Config) -> Vec<CompletionItemData> {
    let offset = crate::engine::text::floor_char_boundary(text, offset);
    let before = &text[..offset];
    // Start offsets of the trailing Han characters, nearest last.
    let starts: Vec<usize> = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c))
        .take(MAX_PREFIX_CHARS)
        .map(|(i, _)| i)
        .collect();
    let lex = &config.lexicon;
    let en = config.locale == Locale::En;
    // The longest typed suffix that starts some slogan's name.
    for &start in starts.iter().rev() {
        let typed = &before[start..];
        let mut out = Vec::new();
        for e in lex.entries() {
            let Some(name) = std::iter::once(&e.term)
                .chain(&e.aliases)
                .find(|n| n.starts_with(typed) && n.as_str() != typed || n.as_str() == typed)
            else {
                continue;
            };
            let doc = entry_markdown(e, config.locale, None);
            let sort = format!("{:03}{}", name.chars().count(), e.id);
            out.push(CompletionItemData {
                label: e.term.clone(),
                insert_text: e.term.clone(),
                filter_text: name.clone(),
                sort_text: format!("{sort}0"),
                detail: e.full.clone(),
                documentation_markdown: doc.clone(),
                replace_range: start..offset,
                kind: CompletionKind::Term,
                entry_id: e.id.clone(),
            });
            if e.full != e.term {
                out.push(CompletionItemData {
                    label: if en {
                        format!("{} (full)", e.term)
                    } else {
                        format!("{}（全文）", e.term)
                    },
                    insert_text: e.full.clone(),
                    filter_text: name.clone(),
                    sort_text: format!("{sort}1"),
                    detail: e.full.clone(),
                    documentation_markdown: doc,
                    replace_range: start..offset,
                    kind: CompletionKind::Full,
                    entry_id: e.id.clone(),
                });
            }
        }
        if !out.is_empty() {
            out.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
            return out;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lexicon::test_config;

    #[test]
    fn typing_si_ge_offers_the_four_slogans_in_two_forms() {
        let t = "要增强四个";
        let items = completions(t, t.len(), &test_config());
        let terms: Vec<&str> = items
            .iter()
            .filter(|i| i.kind == CompletionKind::Term)
            .map(|i| i.label.as_str())
            .collect();
        assert!(
            terms.contains(&"四个意识") && terms.contains(&"四个自信"),
            "{terms:?}"
        );
        assert!(!terms.contains(&"六稳"));
        let full = items
            .iter()
            .find(|i| i.kind == CompletionKind::Full && i.entry_id == "si-ge-yishi")
            .unwrap();
        assert_eq!(
            full.insert_text,
            "增强政治意识、大局意识、核心意识、看齐意识"
        );
        assert_eq!(&t[full.replace_range.clone()], "四个");
        assert!(full.documentation_markdown.contains("1. 政治意识"));
    }

    #[test]
    fn one_character_and_nothing() {
        let t = "全面做好六";
        let items = completions(t, t.len(), &test_config());
        assert!(items.iter().any(|i| i.label == "六稳") && items.iter().any(|i| i.label == "六保"));
        assert!(completions("做好,", 7, &test_config()).is_empty());
        assert!(completions("", 0, &test_config()).is_empty());
        assert!(completions("𠮷", 2, &test_config()).is_empty());
    }
}
