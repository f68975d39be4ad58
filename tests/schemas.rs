//! The JSON schemas editors validate with (`lexicon/lexicon.schema.json`, bundled into the
//! VS Code extension, and `editors/vscode/schemas/config.schema.json`) tested against the Rust
//! model the server and the CLI use, so the three cannot drift apart unnoticed.

use policy_lsp::engine::lexicon::{insert_stub, new_lexicon_file, stub_entry, Lexicon};
use policy_lsp::engine::Settings;
use serde_json::{json, Value};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(rel: &str) -> Value {
    let text = std::fs::read_to_string(root().join(rel)).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Validates `instance` against the schema at `rel`; returns the instance locations of the
/// innermost errors (empty when valid).
fn schema_errors(rel: &str, instance: &Value) -> Vec<String> {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.set_default_draft(boon::Draft::V7);
    let url = format!("file://{}", root().join(rel).display());
    compiler.add_resource(&url, read_json(rel)).unwrap();
    let index = compiler.compile(&url, &mut schemas).unwrap();
    match schemas.validate(instance, index) {
        Ok(()) => Vec::new(),
        Err(e) => {
            fn leaves(e: &boon::ValidationError, out: &mut Vec<String>) {
                if e.causes.is_empty() {
                    out.push(format!("{} ({})", e.instance_location, e.kind));
                }
                for c in &e.causes {
                    leaves(c, out);
                }
            }
            let mut out = Vec::new();
            leaves(&e, &mut out);
            out
        }
    }
}

const LEXICON_SCHEMA: &str = "lexicon/lexicon.schema.json";
const CONFIG_SCHEMA: &str = "editors/vscode/schemas/config.schema.json";

#[test]
fn the_builtin_lexicon_satisfies_its_schema() {
    let builtin = read_json("lexicon/builtin.json");
    let errors = schema_errors(LEXICON_SCHEMA, &builtin);
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!Lexicon::builtin().entries().is_empty());
}

/// "Add to workspace lexicon" writes the user's own entry (`"confidence": "user"`): what it
/// knows (id, term, full form, scope, category) and nothing invented. A new file and an
/// appended entry both satisfy the schema and load without errors, and hover shows the entry
/// as the user's own, not as sourced.
#[test]
fn add_to_workspace_lexicon_writes_what_the_schema_accepts() {
    use policy_lsp::engine::hover::entry_markdown;
    use policy_lsp::engine::lexicon::{validate::validate_user_lexicon, Confidence};
    use policy_lsp::engine::Locale;
    let entry = stub_entry("十六字方针");
    assert_eq!(entry.confidence, Confidence::User);
    let new_file = new_lexicon_file(&entry);
    let existing = serde_json::to_string_pretty(&json!({
        "version": 1,
        "entries": [serde_json::to_value(stub_entry("三个务必")).unwrap()],
    }))
    .unwrap();
    let edit = insert_stub(&existing, &entry).unwrap();
    let mut appended = existing.clone();
    appended.replace_range(edit.range, &edit.new_text);
    for text in [new_file, appended] {
        let doc: Value = serde_json::from_str(&text).unwrap();
        let errors = schema_errors(LEXICON_SCHEMA, &doc);
        assert!(errors.is_empty(), "{text}\n{errors:#?}");
        let loaded = validate_user_lexicon(&text).unwrap_or_else(|e| {
            panic!(
                "{text}\n{:?}",
                e.iter().map(|e| &e.message).collect::<Vec<_>>()
            )
        });
        let e = loaded
            .entries()
            .iter()
            .find(|e| e.term == "十六字方针")
            .unwrap();
        let zh = entry_markdown(e, Locale::ZhCn, None);
        assert!(
            zh.contains("自行添加") && !zh.contains("出处：") && !zh.contains("待核实"),
            "{zh}"
        );
        let en = entry_markdown(e, Locale::En, None);
        assert!(
            en.contains("Your own entry") && !en.contains("Source:"),
            "{en}"
        );
    }
    // A user's own entry cites nothing: a source or origin in it is refused by both.
    let mut cited = serde_json::to_value(&entry).unwrap();
    cited["source"] = json!("https://www.news.cn/");
    let text = serde_json::to_string_pretty(&json!({"entries": [cited]})).unwrap();
    assert!(!schema_errors(LEXICON_SCHEMA, &serde_json::from_str(&text).unwrap()).is_empty());
    assert!(validate_user_lexicon(&text).is_err());
    // And a sourced entry still needs its summary, origin and source.
    let mut unsure = serde_json::to_value(&entry).unwrap();
    unsure["confidence"] = json!("unsure");
    unsure["note"] = json!("待核实");
    let text = serde_json::to_string_pretty(&json!({"entries": [unsure]})).unwrap();
    assert!(!schema_errors(LEXICON_SCHEMA, &serde_json::from_str(&text).unwrap()).is_empty());
    assert!(validate_user_lexicon(&text).is_err());
}

/// Every key the configuration schema names is read by the model, with the schema's default.
#[test]
fn every_config_schema_key_is_read_by_the_settings_model() {
    let schema = read_json(CONFIG_SCHEMA);
    let props = schema["properties"].as_object().unwrap();
    let defaults = Settings::default();
    // A value other than the default for each key, as a user would write it.
    let samples = json!({
        "locale": "en",
        "rules": {"halfwidth-punct": {"enabled": false, "severity": "hint"}},
        "recurring": {"minChars": 9, "minCount": 5, "reportAll": true, "minCharsAcross": 20,
                      "ignore": ["坚决打赢疫情防控攻坚战"]},
        "lexiconPaths": ["extra.json"],
        "maxDiagnostics": 7,
    });
    let samples = samples.as_object().unwrap();
    for (key, sub) in props {
        let sample = samples
            .get(key)
            .unwrap_or_else(|| panic!("schema key `{key}` has no sample here: add one"));
        let errors = schema_errors(CONFIG_SCHEMA, &json!({ key: sample }));
        assert!(errors.is_empty(), "{key}: {errors:?}");
        let read = Settings::from_json(&json!({ key: sample })).unwrap();
        assert_ne!(read, defaults, "the model ignores `{key}`");
        if let Some(nested) = sub.get("properties").and_then(Value::as_object) {
            if key == "rules" {
                continue;
            }
            for (inner, _) in nested {
                let one = json!({ key: { inner: sample[inner] } });
                let read = Settings::from_json(&one).unwrap();
                assert_ne!(read, defaults, "the model ignores `{key}.{inner}`");
            }
        }
    }
    // And every sample key is in the schema: the model reads nothing the schema rejects.
    for key in samples.keys() {
        assert!(
            props.contains_key(key),
            "`{key}` is read but not in the schema"
        );
    }
    assert!(!schema_errors(CONFIG_SCHEMA, &json!({"recurring": {"minChars": "six"}})).is_empty());
    assert!(Settings::from_json(&json!({"recurring": {"minChars": "six"}})).is_err());
}

/// The extension's `policyLsp.*` settings are the configuration schema's keys.
#[test]
fn vscode_settings_match_the_config_schema() {
    let package = read_json("editors/vscode/package.json");
    let settings = package["contributes"]["configuration"]["properties"]
        .as_object()
        .unwrap();
    let schema = read_json(CONFIG_SCHEMA);
    let mut schema_keys = Vec::new();
    for (key, sub) in schema["properties"].as_object().unwrap() {
        match sub.get("properties").and_then(Value::as_object) {
            Some(nested) if key != "rules" => {
                schema_keys.extend(nested.keys().map(|k| format!("{key}.{k}")))
            }
            _ => schema_keys.push(key.clone()),
        }
    }
    // Client-only settings: the server never sees them.
    let client_only = ["path", "documentSelector", "trace.server"];
    let mut extension_keys: Vec<String> = settings
        .keys()
        .filter_map(|k| k.strip_prefix("policyLsp."))
        .filter(|k| !client_only.contains(k))
        .map(str::to_string)
        .collect();
    schema_keys.sort();
    extension_keys.sort();
    assert_eq!(extension_keys, schema_keys);
}

/// Both schemas an editor validates settings with (the project file's and the extension's
/// `policyLsp.rules`) list every rule of the registry, each described by its one-line doc and
/// its defaults (severity, and "off" for a rule that runs only when turned on), so a user sees
/// what a rule does before turning it on or off.
#[test]
fn both_schemas_list_every_rule_with_its_defaults() {
    use policy_lsp::engine::{rules, Severity};
    let mut expected: Vec<(String, String)> = rules::all()
        .iter()
        .map(|r| {
            let info = r.info();
            let severity = match info.default_severity {
                Severity::Information => "information",
                s => s.as_str(),
            };
            let off = if info.default_enabled { "" } else { ", off" };
            (
                info.id.to_string(),
                format!("{} Default: {severity}{off}.", info.doc),
            )
        })
        .collect();
    expected.sort();
    let package = read_json("editors/vscode/package.json");
    let config = read_json(CONFIG_SCHEMA);
    for (name, listed) in [
        (
            "package.json",
            &package["contributes"]["configuration"]["properties"]["policyLsp.rules"]["properties"],
        ),
        (CONFIG_SCHEMA, &config["properties"]["rules"]["properties"]),
    ] {
        // (serde_json's map is sorted by key, so both lists are compared sorted.)
        let listed: Vec<(String, String)> = listed
            .as_object()
            .unwrap_or_else(|| panic!("{name}: no rules listed"))
            .iter()
            .map(|(id, v)| {
                (
                    id.clone(),
                    v["description"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        assert_eq!(
            listed, expected,
            "{name}: regenerate the rules list from `policy-lsp rules`"
        );
    }
}
