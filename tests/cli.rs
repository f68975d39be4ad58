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
    // Seed 000, line 2 `来源:新疆日报`: the colon is the third character. The seed writes
    // every mark half-width (107 of them), a document-wide habit: information.
    assert!(out.contains("seeds/000_aeb186bd1e0d189c.txt:2:3: info[halfwidth-punct]"));
    assert!(out.contains("[recurring-phrase]"));
    // The seeds share formulas and clauses, never a whole sentence.
    assert!(!out.contains("[recurring-across-docs]"));
    assert!(out.contains("[web-residue]"));
    assert!(out.contains("[slogan-variant]"));
}

#[test]
fn json_output_parses_and_locates_related_places_in_other_files() {
    // A draft that pastes a whole sentence of last year's report (seed 000).
    let dir = temp_dir("across");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_aeb186bd1e0d189c.txt");
    std::fs::copy(&seed, dir.join("lastyear.txt")).unwrap();
    std::fs::write(
        dir.join("draft.txt"),
        "今年以来,各地区各部门认真落实党中央决策部署。\n会议强调,要坚持统筹兼顾,保持经济平稳运行和社会和谐稳定。\n",
    )
    .unwrap();
    let (code, out, _) = policy_lsp(&["check", "--format", "json", "--locale", "en", "."], &dir);
    assert_eq!(code, 1);
    let files: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let files = files.as_array().unwrap();
    assert_eq!(files.len(), 2);
    let across: Vec<&serde_json::Value> = files
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().iter())
        .filter(|d| d["rule"] == "recurring-across-docs")
        .collect();
    // One finding in each file, pointing at the other.
    assert_eq!(across.len(), 2, "{across:?}");
    let across = across
        .iter()
        .find(|d| {
            d["related"][0]["path"]
                .as_str()
                .unwrap()
                .ends_with("lastyear.txt")
        })
        .expect("the draft's finding");
    let related = &across["related"][0];
    assert_eq!(related["line"].as_u64(), Some(20));
    assert!(
        across["message"].as_str().unwrap().contains("also"),
        "{across}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
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

/// A report with findings of several rules, Windows line endings and a non-BMP character.
const REPORT: &str = "来源:新疆日报\r\n会议强调 ,要增强“四个意识”、坚定“四个自信”。𠮷\r\n\
<!-- policy-lsp-disable-next-line halfwidth-punct -->\r\n会议指出,要坚持。\r\n";

fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut v = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        v.extend_from_slice(&u.to_le_bytes());
    }
    v
}

fn findings(json: &serde_json::Value, path_suffix: &str) -> Vec<(String, u64, u64, String)> {
    let file = json
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(path_suffix))
        .unwrap_or_else(|| panic!("{path_suffix} in {json}"));
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] != "recurring-across-docs")
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn gbk_utf16_and_bom_files_give_the_utf8_findings_and_a_binary_file_is_skipped() {
    let d = temp_dir("encodings");
    let (gbk, _, bad) = encoding_rs::GB18030.encode(REPORT);
    assert!(!bad);
    std::fs::write(d.join("a-utf8.txt"), REPORT).unwrap();
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(REPORT.as_bytes());
    std::fs::write(d.join("b-bom.txt"), &bom).unwrap();
    std::fs::write(d.join("c-gbk.txt"), &gbk).unwrap();
    std::fs::write(d.join("d-utf16.txt"), utf16le_bom(REPORT)).unwrap();
    std::fs::write(d.join("e-binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    let (code, out, err) = policy_lsp(&["check", "--format", "json", "."], &d);
    assert_eq!(code, 2, "a file could not be checked: {err}");
    assert!(
        err.contains("e-binary.txt") && err.contains("not a text file"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON despite the error");
    let reference = findings(&json, "a-utf8.txt");
    assert!(reference.len() >= 2, "{reference:?}");
    // 来源: the colon is the third character, with or without a BOM.
    assert!(reference
        .iter()
        .any(|f| f.0 == "halfwidth-punct" && f.1 == 1 && f.2 == 3));
    for other in ["b-bom.txt", "c-gbk.txt", "d-utf16.txt"] {
        assert_eq!(findings(&json, other), reference, "{other}");
    }
    let binary = json
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("e-binary.txt"))
        .unwrap();
    assert!(binary["error"]
        .as_str()
        .unwrap()
        .contains("not a text file"));
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn fix_writes_back_in_the_files_own_encoding_and_line_endings() {
    let d = temp_dir("fix-encodings");
    let (gbk, _, _) = encoding_rs::GB18030.encode(REPORT);
    std::fs::write(d.join("gbk.txt"), &gbk).unwrap();
    std::fs::write(d.join("utf16.txt"), utf16le_bom(REPORT)).unwrap();
    let (_, _, err) = policy_lsp(&["check", "--fix", "--quiet", "gbk.txt", "utf16.txt"], &d);
    let fixed = "来源：新疆日报\r\n会议强调，要增强“四个意识”、坚定“四个自信”。𠮷\r\n\
<!-- policy-lsp-disable-next-line halfwidth-punct -->\r\n会议指出,要坚持。\r\n";
    let (want_gbk, _, _) = encoding_rs::GB18030.encode(fixed);
    assert_eq!(
        std::fs::read(d.join("gbk.txt")).unwrap(),
        want_gbk.as_ref(),
        "{err}"
    );
    assert_eq!(
        std::fs::read(d.join("utf16.txt")).unwrap(),
        utf16le_bom(fixed)
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_are_paths_not_panics() {
    use std::os::unix::ffi::OsStrExt;
    let d = temp_dir("gbk-name");
    // 会议.txt, its name in GBK.
    let name = std::ffi::OsStr::from_bytes(b"\xbb\xe1\xd2\xe9.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_policy-lsp"))
        .arg("check")
        .arg(name)
        .current_dir(&d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no such file"), "{err}");
    std::fs::write(d.join(name), "会议指出,要坚持。\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_policy-lsp"))
        .args(["check", "."])
        .current_dir(&d)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("halfwidth-punct"));
    let out = Command::new(env!("CARGO_BIN_EXE_policy-lsp"))
        .arg("explain")
        .arg(std::ffi::OsStr::from_bytes(b"\xbb\xe1\xd2\xe9"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid UTF-8"));
    let _ = std::fs::remove_dir_all(&d);
}

fn policy_lsp_stdin(args: &[&str], cwd: &Path, input: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-lsp"))
        .args(args)
        .current_dir(cwd)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A command refused before it reads its input (check --fix -) may exit first: the write
    // then meets a closed pipe, which is no failure of the test.
    let written = child.stdin.take().unwrap().write_all(input.as_bytes());
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn stdin_help_and_the_filtering_options() {
    let d = temp_dir("options");
    let (code, out, _) = policy_lsp(&["check", "--help"], &d);
    assert_eq!(code, 0);
    assert!(
        out.contains("--select") && out.contains("Exit status"),
        "{out}"
    );
    let (code, out, _) = policy_lsp_stdin(&["check", "-"], &d, REPORT);
    assert_eq!(code, 1);
    assert!(
        out.contains("<stdin>:1:3: warning[halfwidth-punct]"),
        "{out}"
    );
    let (_, all, _) = policy_lsp_stdin(&["check", "--quiet", "-"], &d, REPORT);
    assert!(!all.contains("检查了"), "--quiet drops the summary");
    let (code, only, _) = policy_lsp_stdin(&["check", "--select", "slogan-order", "-"], &d, REPORT);
    assert!(only.contains("checked") || only.contains("检查了"));
    assert!(!only.contains("halfwidth-punct"), "{only}");
    assert_eq!(code, 0, "{only}");
    let (_, ignored, _) =
        policy_lsp_stdin(&["check", "--ignore", "halfwidth-punct", "-"], &d, REPORT);
    assert!(!ignored.contains("[halfwidth-punct]"));
    let (code, errors_only, _) =
        policy_lsp_stdin(&["check", "--severity", "error", "-"], &d, REPORT);
    assert!(!errors_only.contains("warning["), "{errors_only}");
    assert_eq!(code, 0);
    let (_, stats, _) = policy_lsp_stdin(&["check", "--statistics", "-"], &d, REPORT);
    let row = stats
        .lines()
        .find(|l| l.contains("halfwidth-punct"))
        .expect("a row per rule");
    assert_eq!(row.split_whitespace().next(), Some("2"), "{stats}");
    assert!(
        !stats.contains("<stdin>:"),
        "statistics replace the findings"
    );
    let (code, _, err) = policy_lsp_stdin(&["check", "--fix", "-"], &d, REPORT);
    assert_eq!(code, 2);
    assert!(err.contains("--diff"), "{err}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn diff_is_a_dry_run() {
    let d = temp_dir("diff");
    std::fs::write(d.join("a.txt"), "来源:新疆日报\n正文。\n").unwrap();
    let (code, out, _) = policy_lsp(&["check", "--diff", "a.txt"], &d);
    assert_eq!(code, 1);
    assert!(
        out.contains("--- a/a.txt") && out.contains("+++ b/a.txt"),
        "{out}"
    );
    assert!(
        out.contains("-来源:新疆日报") && out.contains("+来源：新疆日报"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("a.txt")).unwrap(),
        "来源:新疆日报\n正文。\n"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn mistakes_in_names_get_a_warning_with_a_suggestion() {
    let d = temp_dir("names");
    std::fs::write(d.join("a.txt"), "会议指出,要坚持。\n").unwrap();
    std::fs::create_dir_all(d.join(".policy-lsp")).unwrap();
    std::fs::write(
        d.join(".policy-lsp/config.json"),
        r#"{"locale": "en", "rules": {"halfwidth-punc": {"enabled": false}}, "maxDiagnostic": 3}"#,
    )
    .unwrap();
    let (_, out, err) = policy_lsp(&["check", "--locale", "zh-CN", "a.txt"], &d);
    assert!(err.contains("did you mean `halfwidth-punct`"), "{err}");
    assert!(err.contains("did you mean `maxDiagnostics`"), "{err}");
    assert!(
        out.contains("检查了"),
        "an explicit --locale beats the project's: {out}"
    );
    let (_, out, err) = policy_lsp(
        &[
            "check",
            "--locale",
            "fr",
            "--select",
            "slogan-ordr",
            "a.txt",
        ],
        &d,
    );
    assert!(err.contains("unknown locale `fr`"), "{err}");
    assert!(err.contains("did you mean `slogan-order`"), "{err}");
    assert!(out.contains("检查了"), "{out}");
    let _ = std::fs::remove_dir_all(&d);
}

/// Runs the binary with a deadline: a hang fails the test instead of stalling the suite.
fn run_with_deadline(mut cmd: Command) -> std::process::Output {
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("policy-lsp did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn symlink_loops_fifos_and_device_links_are_errors_not_hangs() {
    let d = temp_dir("hostile");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::write(d.join("sub/ok.txt"), "会议指出,要坚持。\n").unwrap();
    std::os::unix::fs::symlink(&d, d.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.txt")).unwrap();
    let fifo = Command::new("mkfifo")
        .arg(d.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(fifo.success());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_policy-lsp"));
    cmd.args(["check", "."]).current_dir(&d);
    let out = run_with_deadline(cmd);
    let err = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("pipe.txt: not a regular file"), "{err}");
    assert!(err.contains("zero.txt: not a regular file"), "{err}");
    assert!(
        err.contains("loop") && err.contains("symlink loop"),
        "{err}"
    );
    assert!(stdout.contains("sub/ok.txt:1:5"), "{stdout}");
    let _ = std::fs::remove_dir_all(&d);
}

#[cfg(target_os = "linux")]
#[test]
fn an_interrupted_fix_leaves_the_old_file_whole() {
    let d = temp_dir("fsize");
    // Larger than the file-size limit below, with something to fix on every line.
    let old = "来源:新疆日报,会议指出。\n".repeat(400);
    std::fs::write(d.join("a.txt"), &old).unwrap();
    // `ulimit -f 4`: no file may grow past 2-4 KB; the write of the fixed text is cut off.
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 4; exec \"$0\" check --fix --quiet a.txt")
        .arg(env!("CARGO_BIN_EXE_policy-lsp"))
        .current_dir(&d)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(d.join("a.txt")).unwrap(),
        old,
        "the original is untouched"
    );
    let _ = std::fs::remove_dir_all(&d);
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stderr_or_stdout_is_not_a_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (args, to_stdout) in [
        (&["check", "no/such/file.txt"][..], false),
        (
            &["check", "--locale", "fr", "seeds/003_b7cc8050b06c14b8.txt"][..],
            false,
        ),
        (&["check", "seeds/"][..], true),
        (&["rules"][..], true),
        (&["explain", "四个意识"][..], true),
        (&["--help"][..], true),
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_policy-lsp"));
        cmd.args(args).current_dir(root);
        if to_stdout {
            cmd.stdout(full);
        } else {
            cmd.stderr(full);
        }
        let status = cmd.status().unwrap();
        assert_ne!(status.code(), Some(101), "{args:?} panicked");
        assert!(status.code().is_some(), "{args:?}");
    }
}
