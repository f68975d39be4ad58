//! `policy-lsp explain TERM` and `policy-lsp lexicon [--json]`: the slogan lexicon on the
//! command line. The built-in lexicon is merged with `.policy-lsp/lexicon.json` in the
//! current folder (if any) and files given with `--lexicon PATH`; a broken user file is
//! reported on stderr and skipped.

use super::Arg;
use crate::engine::config::Locale;
use crate::engine::hover::entry_markdown;
use crate::engine::lexicon::{occurrences, validate_user_lexicon, Lexicon};
use std::io::Write;
use std::path::Path;

struct Options {
    json: bool,
    locale: Locale,
    lexicons: Vec<String>,
    positional: Vec<String>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        json: false,
        locale: Locale::ZhCn,
        lexicons: Vec::new(),
        positional: Vec::new(),
    };
    for arg in super::split_args(args, &["--format", "--locale", "--lexicon"])? {
        match arg {
            Arg::Flag(f) if f == "--json" => o.json = true,
            Arg::Opt(k, v) if k == "--format" => o.json = v == "json",
            Arg::Opt(k, v) if k == "--locale" => o.locale = Locale::parse(&v),
            Arg::Opt(_, v) => o.lexicons.push(v),
            Arg::Flag(f) => return Err(format!("unknown option `{f}`")),
            Arg::Positional(p) => o.positional.push(p),
        }
    }
    Ok(o)
}

/// The built-in lexicon with the workspace file and `--lexicon` files laid over it.
fn load(extra: &[String], err: &mut dyn Write) -> Lexicon {
    let mut lex = Lexicon::builtin().clone();
    let mut paths: Vec<String> = Vec::new();
    if Path::new(".policy-lsp/lexicon.json").is_file() {
        paths.push(".policy-lsp/lexicon.json".into());
    }
    paths.extend(extra.iter().cloned());
    for p in paths {
        let text = match std::fs::read_to_string(&p) {
            Ok(t) => t,
            Err(e) => {
                let _ = writeln!(err, "policy-lsp: warning: {p}: {e}");
                continue;
            }
        };
        match validate_user_lexicon(&text) {
            Ok(user) => lex = lex.merged_with(&user),
            Err(errors) => {
                for e in errors {
                    let _ = writeln!(err, "{p}:{}:{}: {}", e.line, e.column, e.message);
                }
                let _ = writeln!(err, "policy-lsp: warning: {p} skipped");
            }
        }
    }
    lex
}

fn run_explain(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let o = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(err, "policy-lsp: error: {e}");
            return 2;
        }
    };
    if o.positional.is_empty() {
        let _ = writeln!(
            err,
            "policy-lsp: error: explain needs a term, e.g. `policy-lsp explain 四个意识`"
        );
        return 2;
    }
    let lex = load(&o.lexicons, err);
    let query = o.positional.join(" ");
    // A name, an id, or text that uses a slogan (增强政治意识、大局意识…).
    let entry = lex.lookup(&query).or_else(|| {
        occurrences(&query, &lex)
            .into_iter()
            .max_by_key(|occ| occ.range.len())
            .and_then(|occ| lex.get(&occ.entry_id))
    });
    let Some(entry) = entry else {
        let _ = writeln!(
            err,
            "policy-lsp: `{query}` is not in the lexicon; add it to .policy-lsp/lexicon.json"
        );
        return 1;
    };
    let written = if o.json {
        serde_json::to_string_pretty(entry)
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}"))
    } else {
        writeln!(out, "{}", entry_markdown(entry, o.locale, None))
    };
    if written.is_err() {
        return 0;
    }
    0
}

fn run_lexicon(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let o = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(err, "policy-lsp: error: {e}");
            return 2;
        }
    };
    let lex = load(&o.lexicons, err);
    let written = if o.json {
        serde_json::to_string_pretty(lex.entries())
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}"))
    } else {
        lex.entries().iter().try_for_each(|e| {
            let mark = if e.confidence == crate::engine::lexicon::Confidence::Unsure {
                " ⚠"
            } else {
                ""
            };
            writeln!(out, "{:<44} {}{mark}  {}", e.id, e.term, e.full)
        })
    };
    // A closed pipe (`| head`) is not an error.
    let _ = written;
    0
}

/// `policy-lsp explain TERM [--json] [--locale en] [--lexicon PATH]`: prints one entry.
/// Exit status 0 when found, 1 when the lexicon lacks it, 2 on usage errors.
pub fn explain(args: &[String]) -> i32 {
    run_explain(args, &mut std::io::stdout().lock(), &mut std::io::stderr())
}

/// `policy-lsp lexicon [--json] [--lexicon PATH]`: lists every entry.
pub fn lexicon(args: &[String]) -> i32 {
    run_lexicon(args, &mut std::io::stdout().lock(), &mut std::io::stderr())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(
        f: fn(&[String], &mut dyn Write, &mut dyn Write) -> i32,
        args: &[&str],
    ) -> (i32, String, String) {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = f(&args, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn explain_by_term_by_quoted_term_and_by_enumeration() {
        let (code, out, _) = run(run_explain, &["四个意识"]);
        assert_eq!(code, 0);
        assert!(out.contains("1. 政治意识") && out.contains("http"), "{out}");
        assert_eq!(run(run_explain, &["“四个意识”"]).0, 0);
        let (code, out, _) = run(run_explain, &["增强政治意识、核心意识、大局意识、看齐意识"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("**四个意识**"), "{out}");
        let (code, out, _) = run(run_explain, &["--json", "si-ge-yishi"]);
        assert_eq!(code, 0);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&out).unwrap()["term"],
            "四个意识"
        );
    }

    #[test]
    fn explain_unknown_and_usage() {
        assert_eq!(run(run_explain, &["十六字方针"]).0, 1);
        assert_eq!(run(run_explain, &[]).0, 2);
        assert_eq!(run(run_explain, &["--bogus", "x"]).0, 2);
    }

    #[test]
    fn lexicon_json_lists_every_entry_with_a_source() {
        let (code, out, _) = run(run_lexicon, &["--json"]);
        assert_eq!(code, 0);
        let v: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        assert_eq!(v.len(), Lexicon::builtin().entries().len());
        assert!(v.len() >= 120, "{} entries", v.len());
        assert!(v
            .iter()
            .all(|e| e["source"].as_str().is_some_and(|s| s.starts_with("http"))));
        let (_, human, _) = run(run_lexicon, &[]);
        assert!(human.contains("si-ge-yishi"));
    }

    #[test]
    fn a_broken_extra_lexicon_is_reported_and_skipped() {
        let dir = std::env::temp_dir().join(format!("policy-lsp-lexcmd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bad = dir.join("bad.json");
        std::fs::write(&bad, "{\n  \"entries\": [\n    {\"id\": 3}\n  ]\n}").unwrap();
        let (code, out, err) = run(
            run_explain,
            &["--lexicon", bad.to_str().unwrap(), "四个意识"],
        );
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("政治意识"));
        assert!(err.contains(":3:"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
