//! `policy-lsp explain TERM` and `policy-lsp lexicon [--json]`: the slogan lexicon on the
//! command line. The built-in lexicon is merged with `.policy-lsp/lexicon.json` in the
//! current folder (if any) and files given with `--lexicon PATH`; a broken user file is
//! reported on stderr and skipped.

use crate::engine::config::Locale;
use crate::engine::hover::entry_markdown;
use crate::engine::lexicon::{occurrences, validate_user_lexicon, Lexicon};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Options shared by `explain` and `lexicon`.
#[derive(clap::Args, Debug, Default)]
pub struct LexiconOptions {
    /// Print JSON
    #[arg(long)]
    pub json: bool,
    /// Output format (`--format json` is `--json`)
    #[arg(long, value_parser = ["human", "json"], value_name = "FORMAT")]
    pub format: Option<String>,
    /// Language of the explanation: zh-CN (default) or en
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
    /// An extra lexicon file laid over the built-in one (repeatable)
    #[arg(long = "lexicon", value_name = "PATH")]
    pub lexicons: Vec<PathBuf>,
}

impl LexiconOptions {
    fn json(&self) -> bool {
        self.json || self.format.as_deref() == Some("json")
    }

    fn locale(&self) -> Locale {
        Locale::parse(self.locale.as_deref().unwrap_or(""))
    }
}

#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// A slogan's term (四个意识), its id (si-ge-yishi), or text that uses it
    #[arg(required = true, value_name = "TERM")]
    pub term: Vec<OsString>,
    #[command(flatten)]
    pub options: LexiconOptions,
}

#[derive(clap::Args, Debug)]
pub struct LexiconArgs {
    #[command(flatten)]
    pub options: LexiconOptions,
}

/// The built-in lexicon with the workspace file and `--lexicon` files laid over it.
fn load(extra: &[PathBuf], err: &mut dyn Write) -> Lexicon {
    let mut lex = Lexicon::builtin().clone();
    let mut paths: Vec<PathBuf> = Vec::new();
    if Path::new(".policy-lsp/lexicon.json").is_file() {
        paths.push(".policy-lsp/lexicon.json".into());
    }
    paths.extend(extra.iter().cloned());
    for path in paths {
        let p = path.display();
        let read = crate::userfile::read_bytes(&path, crate::userfile::DEFAULT_CAP)
            .map_err(|e| e.to_string())
            .and_then(|b| crate::encoding::decode(&b).map_err(|e| e.to_string()));
        let text = match read {
            Ok(d) => d.text,
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

/// The term as text; a term that is not UTF-8 (typed in a GBK terminal) gets a clear error.
fn term_text(term: &[OsString]) -> Result<String, String> {
    let mut parts = Vec::new();
    for t in term {
        match t.to_str() {
            Some(s) => parts.push(s.to_string()),
            None => {
                return Err(format!(
                    "the term `{}` is not valid UTF-8 (a terminal set to GBK?); \
                     policy-lsp reads arguments as UTF-8",
                    t.to_string_lossy()
                ))
            }
        }
    }
    Ok(parts.join(" "))
}

fn run_explain(args: &ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let o = &args.options;
    let query = match term_text(&args.term) {
        Ok(q) => q,
        Err(e) => {
            let _ = writeln!(err, "policy-lsp: error: {e}");
            return 2;
        }
    };
    let lex = load(&o.lexicons, err);
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
    let written = if o.json() {
        serde_json::to_string_pretty(entry)
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}"))
    } else {
        writeln!(out, "{}", entry_markdown(entry, o.locale(), None))
    };
    match written.and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) => super::output_failed(&e),
    }
}

fn run_lexicon(args: &LexiconArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let o = &args.options;
    let lex = load(&o.lexicons, err);
    let written = if o.json() {
        serde_json::to_string_pretty(&lex.entries().iter().map(|e| &**e).collect::<Vec<_>>())
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}"))
    } else {
        lex.entries().iter().try_for_each(|e| {
            let mark = match e.confidence {
                crate::engine::lexicon::Confidence::Unsure => " ⚠",
                // The user's own entry, without a source.
                crate::engine::lexicon::Confidence::User => " (user)",
                crate::engine::lexicon::Confidence::Confirmed => "",
            };
            writeln!(out, "{:<44} {}{mark}  {}", e.id, e.term, e.full)
        })
    };
    match written.and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) => super::output_failed(&e),
    }
}

/// `policy-lsp explain TERM [--json] [--locale en] [--lexicon PATH]`: prints one entry.
/// Exit status 0 when found, 1 when the lexicon lacks it, 2 on usage errors.
pub fn explain(args: &ExplainArgs) -> i32 {
    run_explain(args, &mut std::io::stdout().lock(), &mut std::io::stderr())
}

/// `policy-lsp lexicon [--json] [--lexicon PATH]`: lists every entry.
pub fn lexicon(args: &LexiconArgs) -> i32 {
    run_lexicon(args, &mut std::io::stdout().lock(), &mut std::io::stderr())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain_cli(args: &[&str]) -> (i32, String, String) {
        #[derive(clap::Parser)]
        struct P {
            #[command(flatten)]
            a: ExplainArgs,
        }
        let Ok(p) = <P as clap::Parser>::try_parse_from(
            std::iter::once("explain").chain(args.iter().copied()),
        ) else {
            return (2, String::new(), String::new());
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_explain(&p.a, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    fn lexicon_cli(args: &[&str]) -> (i32, String, String) {
        #[derive(clap::Parser)]
        struct P {
            #[command(flatten)]
            a: LexiconArgs,
        }
        let p = <P as clap::Parser>::try_parse_from(
            std::iter::once("lexicon").chain(args.iter().copied()),
        )
        .unwrap();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_lexicon(&p.a, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn explain_by_term_by_quoted_term_and_by_enumeration() {
        let (code, out, _) = explain_cli(&["四个意识"]);
        assert_eq!(code, 0);
        assert!(out.contains("1. 政治意识") && out.contains("http"), "{out}");
        assert_eq!(explain_cli(&["“四个意识”"]).0, 0);
        let (code, out, _) = explain_cli(&["增强政治意识、核心意识、大局意识、看齐意识"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("**四个意识**"), "{out}");
        let (code, out, _) = explain_cli(&["--json", "si-ge-yishi"]);
        assert_eq!(code, 0);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&out).unwrap()["term"],
            "四个意识"
        );
    }

    #[test]
    fn explain_unknown_and_usage() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            // 会议 in GBK, as a GBK terminal passes it.
            let gbk = OsString::from_vec(vec![0xbb, 0xe1, 0xd2, 0xe9]);
            let args = ExplainArgs {
                term: vec![gbk],
                options: LexiconOptions::default(),
            };
            let (mut out, mut err) = (Vec::new(), Vec::new());
            assert_eq!(run_explain(&args, &mut out, &mut err), 2);
            let err = String::from_utf8(err).unwrap();
            assert!(err.contains("not valid UTF-8"), "{err}");
        }
        assert_eq!(explain_cli(&["十六字方针"]).0, 1);
        assert_eq!(explain_cli(&[]).0, 2);
        assert_eq!(explain_cli(&["--bogus", "x"]).0, 2);
    }

    #[test]
    fn lexicon_json_lists_every_entry_with_a_source() {
        let (code, out, _) = lexicon_cli(&["--json"]);
        assert_eq!(code, 0);
        let v: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        assert_eq!(v.len(), Lexicon::builtin().entries().len());
        assert!(v.len() >= 120, "{} entries", v.len());
        assert!(v
            .iter()
            .all(|e| e["source"].as_str().is_some_and(|s| s.starts_with("http"))));
        let (_, human, _) = lexicon_cli(&[]);
        assert!(human.contains("si-ge-yishi"));
    }

    #[test]
    fn a_broken_extra_lexicon_is_reported_and_skipped() {
        let dir = std::env::temp_dir().join(format!("policy-lsp-lexcmd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let bad = dir.join("bad.json");
        std::fs::write(&bad, "{\n  \"entries\": [\n    {\"id\": 3}\n  ]\n}").unwrap();
        let (code, out, err) = explain_cli(&["--lexicon", bad.to_str().unwrap(), "四个意识"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("政治意识"));
        assert!(err.contains(":3:"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
