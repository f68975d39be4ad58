//! Checking a user's lexicon file (`.policy-lsp/lexicon.json` or a `lexiconPaths` file) and
//! reporting every problem at its exact line and column: JSON syntax, unknown or missing
//! fields, wrong types, duplicate ids. Nothing here panics on any input.

use super::json_pos::{self, serde_offset, LineIndex, Member, Node, Spanned};
use super::model::{
    AcceptedUse, Confidence, Entry, Examples, Kind, Origin, Scope, Variant, VariantStatus,
};
use super::{Lexicon, LoadError};
use crate::engine::types::Span;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

const REQUIRED: [&str; 8] = [
    "id",
    "term",
    "full",
    "summary",
    "origin",
    "source",
    "confidence",
    "scope",
];

/// Fields of [`REQUIRED`] a user's own entry (`"confidence": "user"`) may leave out.
const SOURCED: [&str; 3] = ["summary", "origin", "source"];

/// The text being validated: `json` for parsing (a byte-order mark blanked out), `lines` over
/// the original text for positions (the same byte offsets).
struct Source<'a> {
    json: &'a str,
    lines: LineIndex<'a>,
}

fn error_at(src: &Source, offset: usize, message: String) -> LoadError {
    let (line, column) = src.lines.line_col(offset);
    LoadError {
        line,
        column,
        message,
    }
}

/// Deserializes `text[span]` as `T`; a failure is reported at its absolute position.
fn check_type<T: DeserializeOwned>(
    src: &Source,
    value: &Spanned,
    what: &str,
) -> Result<T, LoadError> {
    let span = &value.span;
    let sub = &src.json[span.clone()];
    serde_json::from_str::<T>(sub).map_err(|e| {
        let at = span.start + serde_offset(sub, e.line(), e.column());
        let at = json_pos::innermost_start(value, at);
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        error_at(src, at, format!("{what}: {msg}"))
    })
}

fn check_field(text: &Source, member: &Member) -> Result<(), LoadError> {
    let (key, value) = (member.key.as_str(), &member.value);
    let span = value;
    let what = format!("field `{key}`");
    match key {
        "id" | "term" | "full" | "summary" | "source" | "summary_en" | "note" | "region"
        | "category" | "source_date" | "source_title" | "valid_from" | "valid_until"
        | "superseded_by" => check_type::<String>(text, span, &what).map(drop),
        "flag_after_until" => check_type::<bool>(text, span, &what).map(drop),
        "aliases" | "components" => check_type::<Vec<String>>(text, span, &what).map(drop),
        "origin" => check_type::<Origin>(text, span, &what).map(drop),
        "confidence" => check_type::<Confidence>(text, span, &what).map(drop),
        "kind" => check_type::<Kind>(text, span, &what).map(drop),
        "scope" => check_type::<Scope>(text, span, &what).map(drop),
        "examples" => check_type::<Examples>(text, span, &what).map(drop),
        "accepted_use" => check_type::<AcceptedUse>(text, span, &what).map(drop),
        "variants" => {
            let Node::Array(items) = &value.node else {
                return check_type::<Vec<Variant>>(text, span, &what).map(drop);
            };
            for (i, item) in items.iter().enumerate() {
                let v: Variant = check_type(text, item, &format!("variants[{i}]"))?;
                if v.form.is_none() && v.components.is_empty() {
                    return Err(error_at(
                        text,
                        item.span.start,
                        format!("variants[{i}]: needs `form`, `components` or both"),
                    ));
                }
                if v.status == VariantStatus::EraBound && v.until.is_none() {
                    return Err(error_at(
                        text,
                        item.span.start,
                        format!("variants[{i}]: an era-bound variant needs `until` (yyyy-mm-dd)"),
                    ));
                }
            }
            Ok(())
        }
        _ => Err(error_at(
            text,
            member.key_span.start,
            format!("unknown field `{key}`"),
        )),
    }
}

/// Validates a user lexicon: `{ "entries": [...] }` (with optional `$schema`, `version`) or a
/// bare array of entries. Returns every error found, each at its line and column.
///
/// Linear in the file's size: a valid file is read in one typed pass; a file with problems
/// gets positions from one line table and duplicate ids from a map. 100,000 entries with
/// the required fields only (29 MB) take 0.80 G instructions here, four fifths of their
/// load (`examples/lexicon_load`); nearly all of it is `serde_json` reading the
/// entries. A UTF-8 byte-order mark at the start is accepted, as editors may write one.
pub fn validate_user_lexicon(original: &str) -> Result<Lexicon, Vec<LoadError>> {
    if original.trim_start_matches('\u{feff}').trim().is_empty() {
        return Ok(Lexicon::default());
    }
    // serde_json refuses a byte-order mark; three spaces keep every byte offset.
    let json: Cow<str> = match original.strip_prefix('\u{feff}') {
        Some(rest) => Cow::Owned(format!("   {rest}")),
        None => Cow::Borrowed(original),
    };
    // A valid file (the usual case) is read in one typed pass; only a file with a problem
    // pays for the positioned tree that locates each problem.
    if let Some(entries) = accept_fast(&json) {
        return Ok(Lexicon::from_entries(entries));
    }
    validate_precisely(original, &json)
}

/// The top level of a lexicon file, as [`validate_precisely`] accepts it.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileShape {
    #[serde(rename = "$schema", default)]
    _schema: Option<serde::de::IgnoredAny>,
    #[serde(rename = "version", default)]
    _version: Option<serde::de::IgnoredAny>,
    #[serde(rename = "description", default)]
    _description: Option<serde::de::IgnoredAny>,
    #[serde(rename = "name", default)]
    _name: Option<serde::de::IgnoredAny>,
    entries: Vec<SharedEntry>,
}

/// An entry read straight into its shared allocation (see [`Lexicon`]): read as a
/// `Vec<Entry>`, a 100,000-entry file's entries (~60 MB) were copied again at every doubling
/// of the vector and once more into their `Arc`s.
struct SharedEntry(Arc<Entry>);

impl<'de> serde::Deserialize<'de> for SharedEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <Entry as serde::Deserialize>::deserialize(d).map(|e| SharedEntry(Arc::new(e)))
    }
}

/// The entries of `json` when it is a valid lexicon, read with one typed `serde_json` pass
/// (about a fifth of the work of [`validate_precisely`]); `None` whenever anything might be
/// wrong, and the precise path then finds and places each problem. Never accepts what the
/// precise path rejects: the typed model rejects unknown fields, missing required ones and
/// wrong types; the checks the model cannot express (empty id or term, variants, duplicate
/// ids) are repeated here; and a `null` anywhere (which an optional field would take as
/// absent, while the precise path refuses it) sends the file to the precise path.
fn accept_fast(json: &str) -> Option<Vec<Arc<Entry>>> {
    if memchr::memmem::find(json.as_bytes(), b"null").is_some() {
        return None;
    }
    let entries = if json.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<SharedEntry>>(json).ok()?
    } else {
        serde_json::from_str::<FileShape>(json).ok()?.entries
    };
    // The same layout: collected in place.
    let entries: Vec<Arc<Entry>> = entries.into_iter().map(|e| e.0).collect();
    let mut ids = hashbrown::HashSet::with_capacity(entries.len());
    for e in &entries {
        if e.id.trim().is_empty() || e.term.trim().is_empty() || !ids.insert(e.id.as_str()) {
            return None;
        }
        // Whether a sourced field was left out (allowed only in a user's own entry, and then
        // `source` and `origin` must be absent) is the precise path's to judge: the typed
        // entry cannot tell an absent field from an empty one.
        if e.confidence == Confidence::User
            || e.summary.is_empty()
            || e.source.is_empty()
            || e.origin.is_empty()
        {
            return None;
        }
        let bad_variant = e.variants.iter().any(|v| {
            (v.form.is_none() && v.components.is_empty())
                || (v.status == VariantStatus::EraBound && v.until.is_none())
        });
        if bad_variant {
            return None;
        }
    }
    drop(ids);
    Some(entries)
}

/// Every problem of `original` (`json`: the same text with a byte-order mark blanked), each
/// at its line and column, through a tree of spanned values.
fn validate_precisely(original: &str, json: &str) -> Result<Lexicon, Vec<LoadError>> {
    let src = Source {
        json,
        lines: LineIndex::new(original),
    };
    let text: &str = json;
    // Syntax first, without building a tree (the spanned tree below is the one kept).
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let mut at = serde_offset(text, e.line(), e.column());
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        if msg.starts_with("expected `,`") {
            // A missing comma is noticed at the next token, often on the next line; point
            // just after the previous token, where the comma belongs.
            let before = text[..at].trim_end();
            if let Some((i, c)) = before.char_indices().next_back() {
                let after_prev = i + c.len_utf8();
                let token_start = text[..at]
                    .rfind(|c: char| c.is_whitespace())
                    .map_or(0, |k| k + 1);
                if text[after_prev..token_start.max(after_prev)].contains('\n') {
                    at = after_prev;
                }
            }
        }
        return Err(vec![error_at(
            &src,
            at,
            format!("JSON syntax error: {msg}"),
        )]);
    }
    let Some(root) = json_pos::parse(text) else {
        return Err(vec![error_at(&src, 0, "unreadable JSON".into())]);
    };
    let items: &[Spanned] = match &root.node {
        Node::Array(items) => items,
        Node::Object(members) => {
            let mut errors = Vec::new();
            for m in members {
                match m.key.as_str() {
                    "$schema" | "version" | "entries" | "description" | "name" => {}
                    other => errors.push(error_at(
                        &src,
                        m.key_span.start,
                        format!("unknown top-level field `{other}`"),
                    )),
                }
            }
            if !errors.is_empty() {
                return Err(errors);
            }
            match root.member("entries").map(|m| &m.value) {
                Some(Spanned {
                    node: Node::Array(items),
                    ..
                }) => items,
                Some(v) => {
                    return Err(vec![error_at(
                        &src,
                        v.span.start,
                        "`entries` must be an array of entries".into(),
                    )])
                }
                None => {
                    return Err(vec![error_at(
                        &src,
                        root.span.start,
                        "missing field `entries` (an array of entries)".into(),
                    )])
                }
            }
        }
        _ => {
            return Err(vec![error_at(
                &src,
                root.span.start,
                "a lexicon is an object with an `entries` array".into(),
            )])
        }
    };

    let mut errors = Vec::new();
    let mut entries = Vec::new();
    // Each id's first line.
    let mut ids: HashMap<&str, usize> = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Node::Object(members) = &item.node else {
            errors.push(error_at(
                &src,
                item.span.start,
                format!("entries[{i}] must be an object"),
            ));
            continue;
        };
        let before = errors.len();
        for m in members {
            if let Err(e) = check_field(&src, m) {
                errors.push(e);
            }
        }
        // A user's own entry (`"confidence": "user"`) has no authoritative source to cite.
        let users_own = item
            .member("confidence")
            .is_some_and(|m| m.value.as_str() == Some("user"));
        if users_own {
            for key in ["source", "origin"] {
                if let Some(m) = item.member(key) {
                    errors.push(error_at(
                        &src,
                        m.key_span.start,
                        format!("entries[{i}]: a user's own entry (`\"confidence\": \"user\"`) has no `{key}`; to cite one, make it `unsure` or `confirmed`"),
                    ));
                }
            }
        }
        for req in REQUIRED {
            if users_own && SOURCED.contains(&req) {
                continue;
            }
            if !members.iter().any(|m| m.key == req) {
                errors.push(error_at(
                    &src,
                    item.span.start,
                    format!("entries[{i}]: missing required field `{req}`"),
                ));
            }
        }
        for key in ["id", "term"] {
            if let Some(m) = item.member(key) {
                if m.value.as_str().is_some_and(|s| s.trim().is_empty()) {
                    errors.push(error_at(
                        &src,
                        m.value.span.start,
                        format!("entries[{i}]: `{key}` must not be empty"),
                    ));
                }
            }
        }
        if let Some(id) = item.member("id") {
            if let Some(s) = id.value.as_str() {
                if let Some(first_line) = ids.get(s) {
                    errors.push(error_at(
                        &src,
                        id.value.span.start,
                        format!("duplicate id `{s}` (first defined on line {first_line})"),
                    ));
                } else {
                    ids.insert(s, src.lines.line_col(id.value.span.start).0);
                }
            }
        }
        if errors.len() > before {
            continue;
        }
        match check_type::<Entry>(&src, item, &format!("entries[{i}]")) {
            Ok(e) => entries.push(e),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(Lexicon::from_entries(entries))
    } else {
        Err(errors)
    }
}

/// The span of the entry with id `id` in a lexicon file's text (the whole `{ … }` object),
/// for go-to-definition. `None` when the file is unreadable or has no such entry.
pub fn definition_span(text: &str, id: &str) -> Option<Span> {
    let root = json_pos::parse(text)?;
    let items = match &root.node {
        Node::Array(items) => items,
        Node::Object(_) => match &root.member("entries")?.value.node {
            Node::Array(items) => items,
            _ => return None,
        },
        _ => return None,
    };
    items
        .iter()
        .find(|e| e.member("id").and_then(|m| m.value.as_str()) == Some(id))
        .map(|e| e.span.clone())
}

#[cfg(test)]
mod tests {
    use super::super::json_pos::line_col;
    use super::*;

    const GOOD: &str = r#"{
  "version": 1,
  "entries": [
    {
      "id": "san-ge-jiada-lidu",
      "term": "三个加大力度",
      "full": "加大产业扶贫力度、加大就业扶贫力度、加大易地扶贫搬迁后续扶持力度",
      "components": ["加大产业扶贫力度", "加大就业扶贫力度", "加大易地扶贫搬迁后续扶持力度"],
      "summary": "新疆脱贫攻坚中的提法。",
      "origin": { "date": "2020", "occasion": "新疆维吾尔自治区" },
      "source": "https://example.org/a",
      "confidence": "unsure",
      "scope": "local"
    }
  ]
}"#;

    #[test]
    fn a_good_file_loads() {
        let lex = validate_user_lexicon(GOOD).unwrap();
        assert_eq!(lex.entries()[0].term, "三个加大力度");
        assert_eq!(
            definition_span(GOOD, "san-ge-jiada-lidu").map(|s| line_col(GOOD, s.start)),
            Some((4, 5))
        );
        assert!(validate_user_lexicon("").unwrap().entries().is_empty());
    }

    #[test]
    fn syntax_error_at_its_line() {
        let bad = GOOD.replace("\"term\": \"三个加大力度\",", "\"term\": \"三个加大力度\"");
        let errs = validate_user_lexicon(&bad).unwrap_err();
        assert_eq!(errs.len(), 1);
        // Right after "三个加大力度", where the comma is missing.
        assert_eq!((errs[0].line, errs[0].column), (6, 23), "{errs:?}");
    }

    #[test]
    fn schema_errors_each_at_their_place() {
        let bad = GOOD
            .replace("\"confidence\": \"unsure\"", "\"confidence\": \"maybe\"")
            .replace(
                "\"scope\": \"local\"",
                "\"scope\": \"local\", \"colour\": 1",
            )
            .replace("\"summary\": \"新疆脱贫攻坚中的提法。\",\n", "");
        let errs = validate_user_lexicon(&bad).unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        // confidence on line 11, unknown key on line 12, missing summary at the entry (line 4).
        assert!(
            lines.contains(&11) && lines.contains(&12) && lines.contains(&4),
            "{errs:?}"
        );
        let colour = errs.iter().find(|e| e.message.contains("colour")).unwrap();
        assert_eq!(colour.column, 25, "{colour:?}");
        let conf = errs
            .iter()
            .find(|e| e.message.contains("confidence"))
            .unwrap();
        assert_eq!(conf.column, 21, "{conf:?}");
    }

    #[test]
    fn an_entrys_kind_is_read_and_checked_at_its_place() {
        let name = GOOD.replace(
            "\"scope\": \"local\"",
            "\"scope\": \"local\", \"kind\": \"name\"",
        );
        let lex = validate_user_lexicon(&name).unwrap();
        assert_eq!(lex.entries()[0].kind, Kind::Name);
        assert_eq!(
            validate_user_lexicon(GOOD).unwrap().entries()[0].kind,
            Kind::Formulation
        );
        let bad = GOOD.replace(
            "\"scope\": \"local\"",
            "\"scope\": \"local\", \"kind\": \"slogan\"",
        );
        let errs = validate_user_lexicon(&bad).unwrap_err();
        let kind = errs.iter().find(|e| e.message.contains("kind")).unwrap();
        assert_eq!((kind.line, kind.column), (13, 33), "{errs:?}");
    }

    #[test]
    fn wrong_type_nested_and_duplicates() {
        let bad = GOOD.replace("\"date\": \"2020\"", "\"date\": 2020");
        let errs = validate_user_lexicon(&bad).unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (10, 27), "{errs:?}");
        let dup = format!(
            "[{}, {}]",
            &GOOD[GOOD.find("    {").unwrap()..GOOD.rfind("}\n  ]").unwrap() + 1],
            &GOOD[GOOD.find("    {").unwrap()..GOOD.rfind("}\n  ]").unwrap() + 1]
        );
        let errs = validate_user_lexicon(&dup).unwrap_err();
        assert!(errs[0].message.contains("duplicate id"), "{errs:?}");
        // The second entry starts on line 12 (after the first's closing brace); its id follows.
        let second_id = dup.match_indices("\"id\"").nth(1).unwrap().0;
        assert_eq!(errs[0].line, line_col(&dup, second_id).0);
        assert!(errs[0].message.contains("line 2"), "{errs:?}");
    }

    #[test]
    fn a_byte_order_mark_is_accepted_and_positions_keep_counting_it() {
        let with_bom = format!("\u{feff}{GOOD}");
        let lex = validate_user_lexicon(&with_bom).unwrap();
        assert_eq!(lex.entries().len(), 1);
        let bad = with_bom.replace("\"scope\": \"local\"", "\"scope\": 3");
        let errs = validate_user_lexicon(&bad).unwrap_err();
        // Line 13, column 16 in the file as the editor counts it.
        assert_eq!((errs[0].line, errs[0].column), (13, 16), "{errs:?}");
        assert!(validate_user_lexicon("\u{feff}")
            .unwrap()
            .entries()
            .is_empty());
        assert!(validate_user_lexicon("\u{feff}{").is_err());
    }

    #[test]
    fn duplicates_among_many_entries_name_the_first_line() {
        let entry = |i: usize| {
            format!(
                "{{\"id\": \"e{i}\", \"term\": \"词{i}\", \"full\": \"词{i}\", \"summary\": \"s\", \"origin\": {{\"date\": \"2020\", \"occasion\": \"会议\"}}, \"source\": \"https://example.org\", \"confidence\": \"unsure\", \"scope\": \"local\"}}"
            )
        };
        let mut lines: Vec<String> = (0..5000).map(entry).collect();
        lines.push(entry(1234));
        lines.push(entry(7));
        let text = format!("[\n{}\n]", lines.join(",\n"));
        let errs = validate_user_lexicon(&text).unwrap_err();
        assert_eq!(errs.len(), 2, "{:?}", &errs[..3.min(errs.len())]);
        assert_eq!((errs[0].line, errs[1].line), (5002, 5003));
        assert!(errs[0].message.contains("line 1236"), "{errs:?}");
        assert!(errs[1].message.contains("line 9"), "{errs:?}");
        lines.truncate(5000);
        let text = format!("[\n{}\n]", lines.join(",\n"));
        assert_eq!(validate_user_lexicon(&text).unwrap().entries().len(), 5000);
    }

    /// The one-pass reading never accepts what the positioned validation rejects, and
    /// reads the same entries when both accept.
    #[test]
    fn the_fast_path_agrees_with_the_precise_one() {
        let entry = &GOOD[GOOD.find("    {").unwrap()..GOOD.rfind("}\n  ]").unwrap() + 1];
        let cases: Vec<String> = vec![
            GOOD.to_string(),
            format!("[{entry}]"),
            // Duplicate ids.
            format!("[{entry}, {entry}]"),
            GOOD.replace("\"version\": 1,", "\"version\": 1, \"$schema\": \"x\", \"name\": [1],"),
            GOOD.replace("\"version\": 1,", "\"version\": 1, \"colour\": 1,"),
            GOOD.replace("\"version\": 1,", "\"version\": null,"),
            GOOD.replace("\"scope\": \"local\"", "\"scope\": \"local\", \"note\": null"),
            GOOD.replace("\"scope\": \"local\"", "\"scope\": \"local\", \"examples\": null"),
            GOOD.replace("\"scope\": \"local\"", "\"scope\": \"local\", \"region\": 3"),
            GOOD.replace("\"scope\": \"local\"", "\"scope\": \"local\", \"scope\": \"local\""),
            GOOD.replace("\"id\": \"san-ge-jiada-lidu\"", "\"id\": \" \""),
            GOOD.replace("\"term\": \"三个加大力度\"", "\"term\": \"\""),
            GOOD.replace("\"source\": \"https://example.org/a\",", ""),
            GOOD.replace(
                "\"scope\": \"local\"",
                "\"scope\": \"local\", \"variants\": [{\"status\": \"deprecated\"}]",
            ),
            GOOD.replace(
                "\"scope\": \"local\"",
                "\"scope\": \"local\", \"variants\": [{\"form\": \"三个加大\", \"status\": \"era-bound\"}]",
            ),
            GOOD.replace(
                "\"scope\": \"local\"",
                "\"scope\": \"local\", \"variants\": [{\"form\": \"三个加大\", \"status\": \"deprecated\"}]",
            ),
            GOOD.replace("\"entries\"", "\"entries\": [], \"entries\""),
            "{\"entries\": {}}".to_string(),
            "{\"version\": 1}".to_string(),
            "[1]".to_string(),
            "3".to_string(),
        ];
        let mut fast_accepted = 0;
        for case in &cases {
            let precise = validate_precisely(case, case);
            if let Some(entries) = accept_fast(case) {
                fast_accepted += 1;
                let lex = precise.unwrap_or_else(|e| panic!("fast path accepted {case}: {e:?}"));
                let precise: Vec<&Entry> = lex.entries().iter().map(|e| &**e).collect();
                let fast: Vec<&Entry> = entries.iter().map(|e| &**e).collect();
                assert_eq!(precise, fast, "{case}");
            }
        }
        // The plain files, the decorated top level and the good variant take the fast path.
        assert_eq!(fast_accepted, 4);
        assert!(accept_fast(GOOD).is_some());
    }

    #[test]
    fn garbage_never_panics() {
        for t in [
            "{",
            "[",
            "1",
            "null",
            "{\"entries\": 3}",
            "[1]",
            "{\"entries\": [{}]}",
            "\u{feff}{}",
            "𠮷",
        ] {
            let _ = validate_user_lexicon(t);
        }
        assert!(
            validate_user_lexicon("{\"entries\": [{}]}")
                .unwrap_err()
                .len()
                >= 8
        );
    }
}
