//! The command line as a user runs it: exit codes, formats, project config, across-file checks.

use std::path::Path;
use std::process::Command;

fn policy_lsp(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_policy-lsp"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run policy-lsp");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("policy-lsp-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn check_seeds_reports_with_line_col_and_exits_1() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out, _) = policy_lsp(&["check", "seeds/"], root);
    assert_eq!(code, 1);
    // Seed 000, line 2 `来源:新疆日报`: the colon is the third character.
    assert!(out.contains("seeds/000_aeb186bd1e0d189c.txt:2:3: warning[halfwidth-punct]"));
    assert!(out.contains("[recurring-phrase]"));
    assert!(out.contains("[recurring-across-docs]"));
    assert!(out.contains("[web-residue]"));
    assert!(out.contains("[slogan-variant]"));
}

#[test]
fn json_output_parses_and_locates_related_places_in_other_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out, _) = policy_lsp(
        &["check", "--format", "json", "--locale", "en", "seeds"],
        root,
    );
    assert_eq!(code, 1);
    let files: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let files = files.as_array().unwrap();
    assert_eq!(files.len(), 5);
    let across = files
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().iter())
        .find(|d| d["rule"] == "recurring-across-docs")
        .expect("an across-docs finding");
    let related = &across["related"][0];
    assert!(related["path"].as_str().unwrap().starts_with("seeds/"));
    assert!(related["line"].as_u64().unwrap() >= 1);
    assert!(
        across["message"].as_str().unwrap().contains("also"),
        "{across}"
    );
}

#[test]
fn usage_and_io_errors_exit_2_with_a_message() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, _, err) = policy_lsp(&["check", "no/such/file.txt"], root);
    assert_eq!(code, 2);
    assert!(
        err.contains("no/such/file.txt") && err.contains("no such file"),
        "{err}"
    );
    let (code, _, err) = policy_lsp(&["check", "--format", "xml", "seeds"], root);
    assert_eq!(code, 2);
    assert!(err.contains("xml"), "{err}");
    let (code, _, _) = policy_lsp(&["frobnicate"], root);
    assert_eq!(code, 2);
    let (code, out, _) = policy_lsp(&["--version"], root);
    assert_eq!(code, 0);
    assert!(out.starts_with("policy-lsp "));
}

#[test]
fn project_config_applies_to_the_files_below_it() {
    let d = temp_dir("config");
    std::fs::write(d.join("a.txt"), "会议指出,要坚持。\n").unwrap();
    let (code, out, _) = policy_lsp(&["check", "a.txt"], &d);
    assert_eq!(code, 1, "{out}");
    std::fs::create_dir_all(d.join(".policy-lsp")).unwrap();
    std::fs::write(
        d.join(".policy-lsp/config.json"),
        r#"{"rules": {"halfwidth-punct": {"severity": "hint"}}}"#,
    )
    .unwrap();
    let (code, out, _) = policy_lsp(&["check", "a.txt"], &d);
    assert_eq!(code, 0, "hints do not fail the check: {out}");
    assert!(out.contains("hint[halfwidth-punct]"));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn fix_rewrites_the_file() {
    let d = temp_dir("fix");
    std::fs::write(d.join("a.txt"), "来源:新疆日报\n会议强调 ,要坚持。\n").unwrap();
    let (code, _, _) = policy_lsp(&["check", "--fix", "a.txt"], &d);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(d.join("a.txt")).unwrap(),
        "来源：新疆日报\n会议强调，要坚持。\n"
    );
    let _ = std::fs::remove_dir_all(&d);
}
