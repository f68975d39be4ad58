//! The project configuration file `.policy-lsp/config.json`: the same keys as the server's
//! settings (see [`Settings`]), read by the CLI and the server alike.
//!
//! Pure part: [`parse`], [`apply`], [`with_ignored_phrase`]. I/O part (clearly separate, at the
//! end): [`find_config`] walks up from a file or directory, [`load_for`] reads and parses.
//!
//! Merging: the project file is laid over the caller's settings (client settings or CLI
//! defaults): keys it sets win, rule settings merge per rule, and within `recurring` only the
//! keys the file names change; `recurring.ignore` lists are united, not replaced.

use super::config::{RecurringSettings, Settings};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

pub const CONFIG_DIR: &str = ".policy-lsp";
pub const CONFIG_FILE: &str = "config.json";
/// A config file larger than this is not read (it is a few hundred bytes).
const CONFIG_CAP: u64 = 4 << 20;

/// Where and why a config file failed to parse: 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Parses the file's text as JSON. An empty file means "no settings".
pub fn parse(text: &str) -> Result<Value, ConfigError> {
    // Editors may write a UTF-8 byte-order mark; serde_json refuses one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| ConfigError {
        line: e.line().max(1),
        column: e.column().max(1),
        message: e.to_string(),
    })?;
    if !value.is_object() {
        return Err(ConfigError {
            line: 1,
            column: 1,
            message: "the configuration must be a JSON object".into(),
        });
    }
    Ok(value)
}

/// The settings object inside the file: `{ "policyLsp": {...} }` or the bare object.
fn inner(value: &Value) -> &Value {
    value
        .get("policyLsp")
        .or_else(|| value.get("policy-lsp"))
        .or_else(|| value.get("policy_lsp"))
        .unwrap_or(value)
}

/// `base` with the project file's settings laid over it (see the module doc).
pub fn apply(base: &Settings, project: &Value) -> Result<Settings, String> {
    let project_settings = Settings::from_json(project)?;
    let mut out = base.merged_with(&Settings {
        recurring: RecurringSettings::default(),
        ..project_settings.clone()
    });
    // `merged_with` replaces `recurring` wholesale; here only the named keys count.
    out.recurring = base.recurring.clone();
    if let Some(rec) = inner(project).get("recurring").and_then(Value::as_object) {
        let p = &project_settings.recurring;
        let has = |camel: &str, snake: &str| rec.contains_key(camel) || rec.contains_key(snake);
        if has("minChars", "min_chars") {
            out.recurring.min_chars = p.min_chars;
        }
        if has("minCount", "min_count") {
            out.recurring.min_count = p.min_count;
        }
        if has("reportAll", "report_all") {
            out.recurring.report_all = p.report_all;
        }
        if has("minCharsAcross", "min_chars_across") {
            out.recurring.min_chars_across = p.min_chars_across;
        }
        for phrase in &p.ignore {
            if !out.recurring.ignore.contains(phrase) {
                out.recurring.ignore.push(phrase.clone());
            }
        }
    }
    Ok(out)
}

/// Parses `text` and lays it over `base`; errors carry a position when the JSON is broken.
pub fn settings_from_text(base: &Settings, text: &str) -> Result<Settings, ConfigError> {
    let value = parse(text)?;
    apply(base, &value).map_err(|message| ConfigError {
        line: 1,
        column: 1,
        message,
    })
}

/// The new text of the config file with `phrase` appended to `recurring.ignore` (created if
/// missing; other keys are kept; nothing changes if it is already there). `existing` is the
/// current text, `None` when the file doesn't exist yet.
pub fn with_ignored_phrase(existing: Option<&str>, phrase: &str) -> Result<String, ConfigError> {
    let mut value = match existing {
        Some(t) => parse(t)?,
        None => Value::Object(Map::new()),
    };
    let wrapper = ["policyLsp", "policy-lsp", "policy_lsp"]
        .into_iter()
        .find(|k| value.get(*k).is_some_and(Value::is_object));
    let settings = match wrapper {
        Some(k) => &mut value[k],
        None => &mut value,
    };
    let bad = |what: &str| ConfigError {
        line: 1,
        column: 1,
        message: format!("`{what}` is not an object"),
    };
    let obj = settings.as_object_mut().ok_or_else(|| bad("settings"))?;
    let rec = obj
        .entry("recurring")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .ok_or_else(|| bad("recurring"))?;
    let list = rec
        .entry("ignore")
        .or_insert_with(|| Value::Array(Vec::new()));
    let arr = list.as_array_mut().ok_or_else(|| ConfigError {
        line: 1,
        column: 1,
        message: "`recurring.ignore` is not a list".into(),
    })?;
    if !arr.iter().any(|v| v.as_str() == Some(phrase)) {
        arr.push(Value::String(phrase.to_string()));
    }
    let mut text = serde_json::to_string_pretty(&value).map_err(|e| ConfigError {
        line: 1,
        column: 1,
        message: e.to_string(),
    })?;
    text.push('\n');
    Ok(text)
}

// ---- I/O -----------------------------------------------------------------------------------

/// The nearest `.policy-lsp/config.json` in `start` (a file's directory, or a directory) or
/// any of its ancestors.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let dir = if start.is_dir() {
        start
    } else {
        start.parent()?
    };
    dir.ancestors()
        .map(|d| d.join(CONFIG_DIR).join(CONFIG_FILE))
        .find(|p| p.exists())
}

/// Finds, reads and lays the nearest project config over `base`. `Ok(None)`: no config file;
/// `Err((path, message))`: the file exists but can't be read or parsed.
pub fn load_for(
    start: &Path,
    base: &Settings,
) -> Result<Option<(PathBuf, Settings)>, (PathBuf, String)> {
    let Some(path) = find_config(start) else {
        return Ok(None);
    };
    // A repository names this file: a FIFO or a device there must not hang or exhaust us.
    let bytes = crate::userfile::read_bytes(&path, CONFIG_CAP)
        .map_err(|e| (path.clone(), e.to_string()))?;
    let text =
        String::from_utf8(bytes).map_err(|_| (path.clone(), "not valid UTF-8".to_string()))?;
    match settings_from_text(base, &text) {
        Ok(s) => Ok(Some((path, s))),
        Err(e) => Err((path, e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::types::Severity;
    use serde_json::json;

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let v = parse("\u{feff}{\"locale\": \"en\"}").unwrap();
        assert_eq!(v["locale"], "en");
        assert!(parse("\u{feff}").unwrap().as_object().unwrap().is_empty());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_config_that_is_a_device_is_an_error_not_a_read() {
        let dir = std::env::temp_dir().join(format!("policy-lsp-pc-dev-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(CONFIG_DIR)).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.join(CONFIG_DIR).join(CONFIG_FILE)).unwrap();
        let err = load_for(&dir, &Settings::default()).unwrap_err();
        assert!(err.1.contains("not a regular file"), "{err:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn project_keys_override_and_ignore_lists_unite() {
        let client = Settings::from_json(&json!({
            "locale": "en",
            "recurring": {"minChars": 8, "ignore": ["坚决打赢疫情防控攻坚战"]},
            "rules": {"recurring-phrase": {"severity": "hint"}}
        }))
        .unwrap();
        let file = r#"{
            "recurring": {"min_count": 4, "ignore": ["筑牢疫情防控屏障"]},
            "rules": {"recurring-phrase": {"enabled": false}}
        }"#;
        let s = settings_from_text(&client, file).unwrap();
        assert_eq!(s.locale.as_deref(), Some("en"));
        assert_eq!(
            s.recurring.min_chars, 8,
            "not named in the file: the client's value"
        );
        assert_eq!(s.recurring.min_count, 4);
        assert_eq!(
            s.recurring.ignore,
            vec!["坚决打赢疫情防控攻坚战", "筑牢疫情防控屏障"]
        );
        assert_eq!(s.rules["recurring-phrase"].enabled, Some(false));
        assert_eq!(s.rules["recurring-phrase"].severity, Some(Severity::Hint));
    }

    #[test]
    fn broken_files_report_position() {
        let e = settings_from_text(&Settings::default(), "{\n  \"recurring\": {,\n}").unwrap_err();
        assert_eq!(e.line, 2);
        let e = settings_from_text(&Settings::default(), "[1]").unwrap_err();
        assert!(e.message.contains("object"));
        let e = settings_from_text(
            &Settings::default(),
            r#"{"recurring": {"minChars": "six"}}"#,
        )
        .unwrap_err();
        assert!(e.message.contains("invalid type"), "{e}");
        assert_eq!(
            settings_from_text(&Settings::default(), "").unwrap(),
            Settings::default()
        );
    }

    #[test]
    fn adding_an_ignored_phrase() {
        let t = with_ignored_phrase(None, "疫情防控和经济社会发展").unwrap();
        let s = settings_from_text(&Settings::default(), &t).unwrap();
        assert_eq!(s.recurring.ignore, vec!["疫情防控和经济社会发展"]);

        let existing = r#"{"policyLsp": {"locale": "en", "recurring": {"minChars": 7}}}"#;
        let t = with_ignored_phrase(Some(existing), "筑牢疫情防控屏障").unwrap();
        let t = with_ignored_phrase(Some(&t), "筑牢疫情防控屏障").unwrap();
        let s = settings_from_text(&Settings::default(), &t).unwrap();
        assert_eq!(s.recurring.ignore, vec!["筑牢疫情防控屏障"]);
        assert_eq!(s.recurring.min_chars, 7);
        assert_eq!(s.locale.as_deref(), Some("en"));

        assert!(with_ignored_phrase(Some("{\"recurring\": 3}"), "x").is_err());
        assert!(with_ignored_phrase(Some("{oops"), "x").is_err());
    }

    #[test]
    fn finds_the_nearest_config_walking_up() {
        let root = std::env::temp_dir().join(format!("policy-lsp-cfg-{}", std::process::id()));
        let sub = root.join("2020").join("二月");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::create_dir_all(root.join(CONFIG_DIR)).unwrap();
        let cfg = root.join(CONFIG_DIR).join(CONFIG_FILE);
        std::fs::write(&cfg, r#"{"recurring": {"minCount": 5}}"#).unwrap();
        let file = sub.join("通稿.txt");
        std::fs::write(&file, "会议指出").unwrap();
        assert_eq!(find_config(&file), Some(cfg.clone()));
        let (path, s) = load_for(&file, &Settings::default()).unwrap().unwrap();
        assert_eq!(path, cfg);
        assert_eq!(s.recurring.min_count, 5);
        std::fs::write(&cfg, "{").unwrap();
        assert!(load_for(&sub, &Settings::default()).is_err());
        std::fs::remove_dir_all(&root).unwrap();
    }
}
