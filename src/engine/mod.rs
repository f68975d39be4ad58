//! The analysis engine: pure functions from `&str` to plain data. No LSP types, no I/O.
//! Offsets are UTF-8 byte offsets on `char` boundaries.

pub mod config;
pub mod document;
pub mod lexicon;
pub mod rules;
pub mod segment;
pub mod text;
pub mod types;

pub use config::{Config, Locale, Settings};
pub use types::*;

use document::Document;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Analyses one document. Never panics: a rule that panics is isolated and reported in
/// `Analysis::rule_errors`, and the other rules' results are kept.
pub fn analyze(text: &str, config: &Config) -> Analysis {
    let doc = Document::new(text, Vec::new());
    let mut analysis = Analysis::default();
    for rule in rules::all() {
        let info = rule.info();
        if !config.rule_enabled(info.id) {
            continue;
        }
        let mut found = Vec::new();
        let run = catch_unwind(AssertUnwindSafe(|| rule.check(&doc, config, &mut found)));
        if let Err(payload) = run {
            analysis
                .rule_errors
                .push((info.id.to_string(), panic_message(&payload)));
            continue;
        }
        let severity_override = config.rules.get(info.id).and_then(|r| r.severity);
        for mut d in found {
            if !valid_span(text, &d.range) || d.fixes.iter().any(|f| !valid_fix(text, f)) {
                analysis.rule_errors.push((
                    info.id.to_string(),
                    format!("rule produced an invalid range {:?}", d.range),
                ));
                continue;
            }
            if doc.is_masked(&d.range) && d.rule != "web-residue" {
                continue;
            }
            if let Some(s) = severity_override {
                d.severity = s;
            }
            analysis.diagnostics.push(d);
        }
    }
    analysis
        .diagnostics
        .sort_by_key(|d| (d.range.start, d.range.end));
    analysis
}

fn valid_span(text: &str, span: &Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn valid_fix(text: &str, fix: &Fix) -> bool {
    fix.edits.iter().all(|e| valid_span(text, &e.range))
}

fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_rules_do_not_run_and_severity_overrides_apply() {
        let text = "会议指出,要坚持";
        let on = analyze(text, &Config::default());
        assert_eq!(on.diagnostics.len(), 1);
        assert_eq!(on.diagnostics[0].severity, Severity::Warning);

        let settings = Settings::from_json(&serde_json::json!({
            "rules": {"halfwidth-punct": {"severity": "hint"}}
        }))
        .unwrap();
        let cfg = Config::from_settings(&settings, Config::default().lexicon);
        assert_eq!(analyze(text, &cfg).diagnostics[0].severity, Severity::Hint);

        let settings = Settings::from_json(&serde_json::json!({
            "rules": {"halfwidth-punct": {"enabled": false}}
        }))
        .unwrap();
        let cfg = Config::from_settings(&settings, Config::default().lexicon);
        assert!(analyze(text, &cfg).diagnostics.is_empty());
    }

    #[test]
    fn every_seed_analyses_without_rule_errors() {
        for (name, text) in crate::seeds::all() {
            let a = analyze(text, &Config::default());
            assert!(a.rule_errors.is_empty(), "{name}: {:?}", a.rule_errors);
        }
    }
}
