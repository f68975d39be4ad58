//! Warnings for names the user got wrong: rule ids (`--select`, config files, suppression
//! comments), configuration keys, `--locale`. Each comes with a "did you mean" when a known
//! name is close. The known configuration keys are read from the configuration schema
//! (`editors/vscode/schemas/config.schema.json`, the one editors validate with), so the schema
//! stays the single list of keys; `tests/schemas.rs` checks it against the Rust model.

use crate::engine;
use regex::Regex;
use serde_json::Value;
use std::sync::OnceLock;

const CONFIG_SCHEMA: &str = include_str!("../../editors/vscode/schemas/config.schema.json");

/// The closest of `known` to `given`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(given: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = given.to_ascii_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&lower, &k.to_ascii_lowercase()), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

fn hint(given: &str, known: &[&str]) -> String {
    match did_you_mean(given, known.iter().copied()) {
        Some(k) => format!("; did you mean `{k}`?"),
        None => String::new(),
    }
}

pub fn rule_ids() -> Vec<&'static str> {
    engine::rules::all().iter().map(|r| r.info().id).collect()
}

/// A warning for a rule id that no rule has, else `None`.
pub fn unknown_rule(id: &str) -> Option<String> {
    let ids = rule_ids();
    (!ids.contains(&id)).then(|| {
        format!(
            "unknown rule `{id}`{} (see `policy-lsp rules`)",
            hint(id, &ids)
        )
    })
}

/// Locales the messages exist in: zh-CN and en (with the spellings [`engine::Locale::parse`]
/// understands). Anything else falls back to zh-CN, with this warning.
pub fn unknown_locale(locale: &str) -> Option<String> {
    let l = locale.trim().to_ascii_lowercase();
    let known = l == "en"
        || l.starts_with("en-")
        || l.starts_with("en_")
        || l == "zh"
        || l.starts_with("zh-")
        || l.starts_with("zh_");
    (!known).then(|| {
        format!(
            "unknown locale `{locale}` (expected zh-CN or en){}; messages stay in Simplified Chinese",
            hint(locale, &["zh-CN", "en"])
        )
    })
}

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(CONFIG_SCHEMA).unwrap_or(Value::Null))
}

/// `min_chars` → `minChars`: the model accepts both spellings, the schema lists camelCase.
fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Warnings for the keys of a configuration object (`.policy-lsp/config.json`, bare or under
/// `policyLsp`) that the schema does not know, and for unknown rule ids under `rules`.
pub fn config_warnings(value: &Value) -> Vec<String> {
    let inner = ["policyLsp", "policy-lsp", "policy_lsp"]
        .iter()
        .find_map(|k| value.get(*k))
        .unwrap_or(value);
    let mut out = Vec::new();
    check_object(inner, schema(), "", &mut out);
    out
}

/// [`config_warnings`] for settings a client sends (initializationOptions,
/// didChangeConfiguration): the VS Code extension's own keys (`path`, `documentSelector`,
/// `trace`) may come along and are not the server's business.
pub fn client_settings_warnings(value: &Value) -> Vec<String> {
    const CLIENT_ONLY: [&str; 3] = ["`path`", "`documentSelector`", "`trace"];
    config_warnings(value)
        .into_iter()
        .filter(|w| {
            !CLIENT_ONLY
                .iter()
                .any(|k| w.starts_with(&format!("unknown key {k}")))
        })
        .collect()
}

fn check_object(value: &Value, schema: &Value, at: &str, out: &mut Vec<String>) {
    let (Some(obj), Some(props)) = (
        value.as_object(),
        schema.get("properties").and_then(Value::as_object),
    ) else {
        return;
    };
    let known: Vec<&str> = props.keys().map(String::as_str).collect();
    for (key, child) in obj {
        // `$schema` and other `$` keys are for editors.
        if key.starts_with('$') {
            continue;
        }
        let name = camel(key);
        let path = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
        if at.is_empty() && name == "rules" {
            for rule in child.as_object().into_iter().flat_map(|m| m.keys()) {
                if let Some(w) = unknown_rule(rule) {
                    out.push(format!("rules: {w}"));
                }
            }
            continue;
        }
        match props.get(&name) {
            Some(child_schema) => check_object(child, child_schema, &path, out),
            None => out.push(format!("unknown key `{path}`{}", hint(key, &known))),
        }
    }
}

fn suppression_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"<!--\s*policy-lsp-(?:disable-next-line|disable|enable)\b((?s:.)*?)-->")
            .expect("valid regex")
    })
}

/// Unknown rule ids named in suppression comments: (byte offset of the id, warning).
pub fn suppression_warnings(text: &str) -> Vec<(usize, String)> {
    if memchr::memmem::find(text.as_bytes(), b"policy-lsp-").is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for cap in suppression_re().captures_iter(text) {
        let Some(ids) = cap.get(1) else { continue };
        let mut at = ids.start();
        for part in ids.as_str().split(|c: char| c.is_whitespace() || c == ',') {
            if !part.is_empty() {
                if let Some(w) = unknown_rule(part) {
                    out.push((at, w));
                }
            }
            at += part.len() + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typos_get_a_suggestion() {
        let w = unknown_rule("halfwidth-punc").unwrap();
        assert!(w.contains("did you mean `halfwidth-punct`"), "{w}");
        assert!(unknown_rule("web-residue").is_none());
        assert!(unknown_rule("zzz").unwrap().contains("unknown rule `zzz`"));
        let w = unknown_locale("fr").unwrap();
        assert!(w.contains("`fr`") && w.contains("zh-CN or en"), "{w}");
        assert!(unknown_locale("zh_cn").is_none() && unknown_locale("en-US").is_none());
        assert!(unknown_locale("enn").unwrap().contains("did you mean `en`"));
    }

    #[test]
    fn config_keys_are_checked_against_the_schema() {
        let w = config_warnings(&json!({
            "locale": "en",
            "recurring": {"min_chars": 6, "minCont": 3},
            "rules": {"slogan-ordr": {"enabled": false}, "web-residue": {}},
            "maxDiagnostic": 10,
        }));
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(w
            .iter()
            .any(|m| m.contains("`recurring.minCont`") && m.contains("did you mean `minCount`")));
        assert!(w.iter().any(|m| m.contains("did you mean `slogan-order`")));
        assert!(w
            .iter()
            .any(|m| m.contains("did you mean `maxDiagnostics`")));
        assert!(config_warnings(&json!({"policyLsp": {"lexiconPaths": []}})).is_empty());
        assert!(config_warnings(&json!({"$schema": "./config.schema.json"})).is_empty());
        let client = json!({"policyLsp": {"path": "", "trace": {"server": "off"}, "locle": "en"}});
        let w = client_settings_warnings(&client);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("did you mean `locale`"));
    }

    #[test]
    fn suppression_comments_name_known_rules() {
        let t = "甲<!-- policy-lsp-disable-next-line halfwidth-punct, slogan-ordr -->\n乙";
        let w = suppression_warnings(t);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(&t[w[0].0..w[0].0 + 11], "slogan-ordr");
        assert!(suppression_warnings("<!-- policy-lsp-disable -->").is_empty());
    }
}
