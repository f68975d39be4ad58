//! Analysis settings. One JSON shape serves the server's `initializationOptions`,
//! `workspace/didChangeConfiguration` and the project file `.policy-lsp/config.json`.
//! Keys are camelCase; the snake_case spelling (`min_chars`) is accepted too.

use super::lexicon::Lexicon;
use super::types::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The language of messages, hover text and code-action titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    ZhCn,
    En,
}

impl Locale {
    /// `en`, `en-US`, `EN_gb` … mean English; anything else is Simplified Chinese.
    pub fn parse(s: &str) -> Locale {
        let s = s.trim().to_ascii_lowercase();
        if s == "en" || s.starts_with("en-") || s.starts_with("en_") {
            Locale::En
        } else {
            Locale::ZhCn
        }
    }

    /// Picks the message for this locale; both texts are written at the call site so that
    /// a rule's wording stays next to its logic.
    pub fn pick(self, zh: String, en: String) -> String {
        match self {
            Locale::ZhCn => zh,
            Locale::En => en,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct RuleSetting {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RecurringSettings {
    #[serde(alias = "min_chars")]
    pub min_chars: usize,
    #[serde(alias = "min_count")]
    pub min_count: usize,
    /// Flag every occurrence, not only those after the first.
    #[serde(alias = "report_all")]
    pub report_all: bool,
    #[serde(alias = "min_chars_across")]
    pub min_chars_across: usize,
    /// Phrases never reported as recurring.
    pub ignore: Vec<String>,
}

impl Default for RecurringSettings {
    fn default() -> Self {
        RecurringSettings {
            min_chars: 6,
            min_count: 3,
            report_all: false,
            min_chars_across: 12,
            ignore: Vec::new(),
        }
    }
}

/// The user-facing settings, as read from JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Settings {
    pub locale: Option<String>,
    pub rules: BTreeMap<String, RuleSetting>,
    pub recurring: RecurringSettings,
    #[serde(alias = "lexicon_paths")]
    pub lexicon_paths: Vec<String>,
    /// At most this many diagnostics are published per document (most severe first); a
    /// 200-page compilation with tens of thousands of findings would otherwise flood the
    /// editor on every keystroke. Default 1000.
    #[serde(alias = "max_diagnostics")]
    pub max_diagnostics: Option<usize>,
    /// The date dated checks judge documents against (`yyyy-mm-dd`), over the document's
    /// own dateline or title date (`outdated-formulation`, `office-title`).
    #[serde(alias = "document_date")]
    pub document_date: Option<String>,
}

pub const DEFAULT_MAX_DIAGNOSTICS: usize = 1000;

impl Settings {
    /// Reads settings from a JSON value; `{ "policyLsp": {...} }` and the bare object both work.
    pub fn from_json(value: &serde_json::Value) -> Result<Settings, String> {
        let inner = value
            .get("policyLsp")
            .or_else(|| value.get("policy-lsp"))
            .or_else(|| value.get("policy_lsp"))
            .unwrap_or(value);
        if inner.is_null() {
            return Ok(Settings::default());
        }
        serde_json::from_value(inner.clone()).map_err(|e| e.to_string())
    }

    /// Overlays `other` on `self`: values `other` sets win, rule settings merge per rule.
    pub fn merged_with(&self, other: &Settings) -> Settings {
        let mut out = self.clone();
        if other.locale.is_some() {
            out.locale = other.locale.clone();
        }
        for (id, setting) in &other.rules {
            let slot = out.rules.entry(id.clone()).or_default();
            if setting.enabled.is_some() {
                slot.enabled = setting.enabled;
            }
            if setting.severity.is_some() {
                slot.severity = setting.severity;
            }
        }
        if other.recurring != RecurringSettings::default() {
            out.recurring = other.recurring.clone();
        }
        if other.max_diagnostics.is_some() {
            out.max_diagnostics = other.max_diagnostics;
        }
        if other.document_date.is_some() {
            out.document_date = other.document_date.clone();
        }
        let mut seen: std::collections::HashSet<String> =
            out.lexicon_paths.iter().cloned().collect();
        for p in &other.lexicon_paths {
            if seen.insert(p.clone()) {
                out.lexicon_paths.push(p.clone());
            }
        }
        out
    }
}

/// Everything `analyze` needs besides the text.
#[derive(Debug, Clone)]
pub struct Config {
    pub locale: Locale,
    pub rules: BTreeMap<String, RuleSetting>,
    pub recurring: RecurringSettings,
    pub lexicon: Arc<Lexicon>,
    /// At most this many diagnostics of one rule are wanted: the caller keeps only the most
    /// severe `n` ([`super::most_severe`]), so a rule whose findings share one
    /// severity may produce just the first `n` of them in document order (after suppression
    /// comments and masked spans) without changing the kept set. `None` (the CLI) asks for
    /// every finding. Rules that produce many findings (`recurring-phrase`) respect it to
    /// spare memory, and the cached analysis stops building (and caching) a paragraph-local
    /// rule's findings once it has `n`; the server sets it to `maxDiagnostics`.
    pub diagnostic_limit: Option<usize>,
    /// The `documentDate` setting, parsed.
    pub document_date: Option<super::document::Date>,
    /// Whether [`super::analyze`] builds the outline (on by default). `check`, which prints
    /// none, turns it off: on a file of many short sections the outline holds an item per
    /// line (192 MB for the items alone on 60 MB of one-sentence lines).
    pub outline: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config::from_settings(&Settings::default(), Lexicon::builtin_shared())
    }
}

impl Config {
    pub fn from_settings(settings: &Settings, lexicon: Arc<Lexicon>) -> Config {
        Config {
            locale: settings
                .locale
                .as_deref()
                .map(Locale::parse)
                .unwrap_or_default(),
            rules: settings.rules.clone(),
            recurring: settings.recurring.clone(),
            lexicon,
            diagnostic_limit: None,
            document_date: settings
                .document_date
                .as_deref()
                .and_then(super::rules::parse_until),
            outline: true,
        }
    }

    pub fn rule_enabled(&self, id: &str) -> bool {
        self.rules
            .get(id)
            .and_then(|r| r.enabled)
            .unwrap_or_else(|| super::rules::find(id).is_none_or(|r| r.info().default_enabled))
    }

    pub fn severity_for(&self, id: &str, default: Severity) -> Severity {
        self.rules
            .get(id)
            .and_then(|r| r.severity)
            .unwrap_or(default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_nested_and_bare_settings_in_both_spellings() {
        let a = Settings::from_json(&json!({"policyLsp": {"recurring": {"minChars": 8}}})).unwrap();
        let b = Settings::from_json(&json!({"recurring": {"min_chars": 8}})).unwrap();
        assert_eq!(a.recurring.min_chars, 8);
        assert_eq!(a, b);
        assert_eq!(a.recurring.min_count, 3);
    }

    #[test]
    fn rejects_wrong_types_with_a_message() {
        let err = Settings::from_json(&json!({"recurring": {"minChars": "six"}})).unwrap_err();
        assert!(err.contains("invalid type"), "{err}");
    }

    #[test]
    fn locale_parsing() {
        assert_eq!(Locale::parse("en"), Locale::En);
        assert_eq!(Locale::parse("en-US"), Locale::En);
        assert_eq!(Locale::parse("zh-CN"), Locale::ZhCn);
        assert_eq!(Locale::parse(""), Locale::ZhCn);
    }

    #[test]
    fn rule_overrides_merge_per_rule() {
        let base = Settings::from_json(&json!({"rules": {"a": {"enabled": false}}})).unwrap();
        let over = Settings::from_json(&json!({"rules": {"a": {"severity": "hint"}}})).unwrap();
        let m = base.merged_with(&over);
        assert_eq!(m.rules["a"].enabled, Some(false));
        assert_eq!(m.rules["a"].severity, Some(Severity::Hint));
    }
}
