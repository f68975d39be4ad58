//! "Add to workspace lexicon": a stub entry for an unknown slogan, and the edit that adds it
//! to a lexicon file while leaving the user's own text (order, comments-free formatting,
//! indentation) untouched.

use super::json_pos::{self, Node};
use super::model::{Confidence, Entry, Kind, Origin, Scope};
use crate::engine::types::TextEdit;

/// A stable id for a term: `user-` and a hash of the term (ids are ASCII kebab-case).
pub fn stub_id(term: &str) -> String {
    // FNV-1a, so the id is the same on every run and every platform.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in term.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("user-{:08x}", h as u32)
}

/// The user's own entry for `term` (`"confidence": "user"`): what is known (term, full form,
/// scope, category), nothing invented.
pub fn stub_entry(term: &str) -> Entry {
    let term = term.trim();
    Entry {
        id: stub_id(term),
        term: term.to_string(),
        aliases: Vec::new(),
        full: term.to_string(),
        components: Vec::new(),
        // The user's own entry: no authoritative source, so no summary, origin or source is
        // invented; the user may add a summary in their own words.
        summary: String::new(),
        summary_en: None,
        origin: Origin::default(),
        source: String::new(),
        source_date: None,
        source_title: None,
        confidence: Confidence::User,
        note: None,
        scope: Scope::Local,
        region: None,
        // The lexicon schema requires a category; a workspace's own term is a local one.
        category: Some("local".to_string()),
        // A numbered slogan the user adds is wording they repeat, until they say otherwise.
        kind: Kind::Formulation,
        valid_from: None,
        valid_until: None,
        superseded_by: None,
        flag_after_until: false,
        variants: Vec::new(),
        examples: None,
        accepted_use: None,
    }
}

fn entry_json(entry: &Entry, indent: &str) -> String {
    let pretty = serde_json::to_string_pretty(entry).unwrap_or_else(|_| "{}".to_string());
    pretty
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l.to_string()
            } else {
                format!("{indent}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The whole text of a new lexicon file holding `entry`.
pub fn new_lexicon_file(entry: &Entry) -> String {
    format!(
        "{{\n  \"version\": 1,\n  \"entries\": [\n    {}\n  ]\n}}\n",
        entry_json(entry, "    ")
    )
}

/// The edit that appends `entry` to the `entries` array of an existing lexicon file.
/// Returns `Err` (with a reason) when the file is not well-formed or already has the id;
/// an empty file gets a whole new lexicon.
pub fn insert_stub(existing: &str, entry: &Entry) -> Result<TextEdit, String> {
    if existing.trim().is_empty() {
        return Ok(TextEdit {
            range: 0..existing.len(),
            new_text: new_lexicon_file(entry),
        });
    }
    let root = json_pos::parse(existing).ok_or("the lexicon file is not valid JSON")?;
    let array = match &root.node {
        Node::Array(_) => &root,
        Node::Object(_) => match root.member("entries") {
            Some(m) => &m.value,
            None => {
                // No `entries` yet: add the member before the closing brace.
                let close = root.span.end - 1;
                let has_members = matches!(&root.node, Node::Object(m) if !m.is_empty());
                let head = existing[..close].trim_end();
                let at = head.len();
                return Ok(TextEdit {
                    range: at..close,
                    new_text: format!(
                        "{}\n  \"entries\": [\n    {}\n  ]\n",
                        if has_members { "," } else { "" },
                        entry_json(entry, "    ")
                    ),
                });
            }
        },
        _ => return Err("the lexicon file is neither an object nor an array".into()),
    };
    let Node::Array(items) = &array.node else {
        return Err("`entries` is not an array".into());
    };
    if items
        .iter()
        .any(|e| e.member("id").and_then(|m| m.value.as_str()) == Some(entry.id.as_str()))
    {
        return Err(format!("the lexicon already has an entry `{}`", entry.id));
    }
    match items.last() {
        Some(last) => {
            let line_start = existing[..last.span.start].rfind('\n').map_or(0, |i| i + 1);
            let indent: String = existing[line_start..last.span.start]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let at = last.span.end;
            Ok(TextEdit {
                range: at..at,
                new_text: format!(",\n{indent}{}", entry_json(entry, &indent)),
            })
        }
        None => {
            let open = array.span.start + 1;
            let close = array.span.end - 1;
            let line_start = existing[..array.span.start]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let outer: String = existing[line_start..]
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            let indent = format!("{outer}  ");
            Ok(TextEdit {
                range: open..close,
                new_text: format!("\n{indent}{}\n{outer}", entry_json(entry, &indent)),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::validate::validate_user_lexicon;
    use super::*;

    fn apply(text: &str, e: &TextEdit) -> String {
        let mut s = text.to_string();
        s.replace_range(e.range.clone(), &e.new_text);
        s
    }

    #[test]
    fn new_file_loads_with_the_stub() {
        let e = stub_entry("三个加大力度");
        let lex = validate_user_lexicon(&new_lexicon_file(&e)).unwrap();
        assert_eq!(lex.entries()[0].term, "三个加大力度");
        assert_eq!(stub_id("三个加大力度"), e.id);
        assert_ne!(stub_id("七个一批"), e.id);
    }

    #[test]
    fn appends_to_existing_entries_keeping_user_text() {
        let first = new_lexicon_file(&stub_entry("七个一批"))
            .replace("\"scope\"", "\"region\": \"新疆\", \"scope\"");
        let edit = insert_stub(&first, &stub_entry("三个加大力度")).unwrap();
        let out = apply(&first, &edit);
        assert!(out.starts_with(&first[..first.rfind('}').unwrap() - 6]));
        let lex = validate_user_lexicon(&out).unwrap();
        assert_eq!(lex.entries().len(), 2);
        assert_eq!(lex.entries()[0].region.as_deref(), Some("新疆"));
        assert!(insert_stub(&out, &stub_entry("七个一批")).is_err());
    }

    #[test]
    fn empty_array_missing_entries_bare_array_and_garbage() {
        for t in ["{\"entries\": []}", "{\"version\": 1}", "{}", "[]", "   "] {
            let edit = insert_stub(t, &stub_entry("八严八控")).unwrap();
            let out = apply(t, &edit);
            let lex = validate_user_lexicon(&out).unwrap_or_else(|e| panic!("{t}: {e:?}\n{out}"));
            assert_eq!(lex.entries().len(), 1, "{out}");
        }
        assert!(insert_stub("{\"entries\": [", &stub_entry("x")).is_err());
        assert!(insert_stub("3", &stub_entry("x")).is_err());
    }
}
