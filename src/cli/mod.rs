//! The command line: `policy-lsp [serve] | check | rules`, plus the subcommands the other
//! modules add. Rendering only: all analysis is the engine's.

mod check;
pub mod lexicon_cmd;
mod width;

use crate::engine::{self, Settings};
use std::path::{Path, PathBuf};

const HELP: &str = "\
policy-lsp — a language server and checker for Chinese official texts (会议通稿, 工作报告, 政策文件)

USAGE:
    policy-lsp                         speak LSP on stdin/stdout (same as `serve`)
    policy-lsp serve                   speak LSP on stdin/stdout
    policy-lsp check [OPTIONS] PATH... check .txt/.md files or folders
    policy-lsp outline FILE [--json]   print the outline (title, lead, sections, headings)
    policy-lsp formulas FILE [--json]  list the formulas the file repeats, by family
    policy-lsp rules                   list the rules with their default severity
    policy-lsp explain TERM [--json]   explain a slogan (term, id, or text using it)
    policy-lsp lexicon [--json]        list the slogan lexicon
    policy-lsp --help | --version

CHECK OPTIONS:
    --format human|json   output format (default: human)
    --locale zh-CN|en     language of messages (default: zh-CN)
    --fix                 apply every preferred quick fix and rewrite the files

EXIT STATUS (check):
    0  no problem at warning level or above
    1  at least one warning or error
    2  usage or I/O error
";

/// An error the CLI reports on stderr, exiting 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl CliError {
    pub fn io(path: &Path, e: std::io::Error) -> CliError {
        let what = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            std::io::ErrorKind::InvalidData => "not valid UTF-8 text".to_string(),
            _ => e.to_string(),
        };
        CliError(format!("{}: {what}", path.display()))
    }
}

impl CliError {
    /// Writing to stdout failed; a closed pipe (`| head`) is not worth a message.
    pub fn output(e: std::io::Error) -> CliError {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            CliError(String::new())
        } else {
            CliError(format!("cannot write output: {e}"))
        }
    }
}

/// Files to check: each path itself, or the `.txt`/`.md` files under a folder, sorted.
pub fn collect_files(paths: &[String]) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    for p in paths {
        let path = PathBuf::from(p);
        let meta = std::fs::metadata(&path).map_err(|e| CliError::io(&path, e))?;
        if meta.is_dir() {
            walk(&path, &mut out)?;
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), CliError> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| CliError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules");
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out)?;
        } else if check::is_checkable(&p) {
            out.push(p);
        }
    }
    Ok(())
}

/// One command-line argument, as [`split_args`] reads it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Arg {
    /// `--name`, an option without a value.
    Flag(String),
    /// `--name value` or `--name=value`.
    Opt(String, String),
    Positional(String),
}

/// Splits `args` for every subcommand alike: the options named in `with_value` take a value
/// (`--x v` or `--x=v`); any other `--x` is a flag (the caller rejects the ones it does not
/// know); `--` ends the options; `-` alone is positional (standard input).
pub(crate) fn split_args(args: &[String], with_value: &[&str]) -> Result<Vec<Arg>, String> {
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--" {
            out.extend(it.by_ref().cloned().map(Arg::Positional));
            break;
        }
        if !a.starts_with("--") {
            out.push(Arg::Positional(a.clone()));
            continue;
        }
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) => (k, Some(v.to_string())),
            None => (a.as_str(), None),
        };
        if with_value.contains(&key) {
            let value = inline
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{key} needs a value"))?;
            out.push(Arg::Opt(key.to_string(), value));
        } else {
            out.push(Arg::Flag(a.clone()));
        }
    }
    Ok(out)
}

/// The options of `check`, and its files and folders.
struct Common {
    format: check::Format,
    fix: bool,
    locale: Option<String>,
    positional: Vec<String>,
}

fn parse_common(args: &[String]) -> Result<Common, CliError> {
    let mut c = Common {
        format: check::Format::Human,
        fix: false,
        locale: None,
        positional: Vec::new(),
    };
    for arg in split_args(args, &["--format", "--locale"]).map_err(CliError)? {
        match arg {
            Arg::Opt(k, v) if k == "--format" => {
                c.format = match v.as_str() {
                    "human" => check::Format::Human,
                    "json" => check::Format::Json,
                    other => {
                        return Err(CliError(format!(
                            "unknown format `{other}` (expected human or json)"
                        )))
                    }
                }
            }
            Arg::Opt(_, v) => c.locale = Some(v),
            Arg::Flag(f) if f == "--fix" => c.fix = true,
            Arg::Flag(f) => return Err(CliError(format!("unknown option `{f}`"))),
            Arg::Positional(p) => c.positional.push(p),
        }
    }
    Ok(c)
}

fn cmd_check(args: &[String]) -> Result<i32, CliError> {
    let c = parse_common(args)?;
    if c.positional.is_empty() {
        return Err(CliError("check needs at least one file or folder".into()));
    }
    let settings = Settings {
        locale: c.locale,
        ..Settings::default()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let outcome = check::run(&c.positional, c.format, c.fix, &settings, &mut out)?;
    std::io::Write::flush(&mut out).map_err(CliError::output)?;
    Ok(outcome.exit_code())
}

fn cmd_rules() -> i32 {
    for r in engine::rules::all() {
        let info = r.info();
        println!(
            "{:<24} {:<8} {}",
            info.id,
            info.default_severity.as_str(),
            info.doc
        );
    }
    0
}

pub mod formulas_cmd;
pub mod outline_cmd;

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        None => return crate::server::run_stdio(),
        Some((c, r)) => (c.as_str(), r),
    };
    let result = match cmd {
        "serve" | "--stdio" => return crate::server::run_stdio(),
        "-h" | "--help" | "help" => {
            print!("{HELP}");
            Ok(0)
        }
        "-V" | "--version" => {
            println!("policy-lsp {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        "check" => cmd_check(rest),
        "rules" => Ok(cmd_rules()),
        "outline" => Ok(outline_cmd::run(rest)),
        "formulas" => Ok(formulas_cmd::run(rest)),
        "explain" => return lexicon_cmd::explain(rest),
        "lexicon" => return lexicon_cmd::lexicon(rest),
        other => Err(CliError(format!(
            "unknown command `{other}`; see `policy-lsp --help`"
        ))),
    };
    match result {
        Ok(code) => code,
        Err(CliError(msg)) if msg.is_empty() => 0,
        Err(CliError(msg)) => {
            eprintln!("policy-lsp: error: {msg}");
            2
        }
    }
}

#[cfg(test)]
mod arg_tests {
    use super::{split_args, Arg};

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn values_inline_or_following_flags_positionals_and_double_dash() {
        let got = split_args(
            &strings(&[
                "--format=json",
                "a.txt",
                "--locale",
                "en",
                "--fix",
                "-",
                "--",
                "--x",
            ]),
            &["--format", "--locale"],
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                Arg::Opt("--format".into(), "json".into()),
                Arg::Positional("a.txt".into()),
                Arg::Opt("--locale".into(), "en".into()),
                Arg::Flag("--fix".into()),
                Arg::Positional("-".into()),
                Arg::Positional("--x".into()),
            ]
        );
        let err = split_args(&strings(&["--locale"]), &["--locale"]).unwrap_err();
        assert!(err.contains("--locale needs a value"));
    }
}
