//! The command line: `policy-lsp [serve] | check | outline | explain | lexicon | rules`.
//! Rendering only: all analysis is the engine's.
//!
//! Arguments are parsed by clap (derive) from `OsString`s, so a file name that is not UTF-8
//! (GBK names from zip files made on Chinese Windows) is a path like any other. Each
//! subcommand owns its `clap::Args` struct and a `run` function; adding one is a variant of
//! [`Command`] and one arm in [`main`].
//!
//! Nothing here may panic on a closed or full stdout/stderr: all output goes through
//! `write!` with the error handled (see [`say`]), never `println!`/`eprintln!`.

mod check;
pub mod formulas_cmd;
pub mod lexicon_cmd;
pub mod outline_cmd;
pub(crate) mod validate;
mod walk;
mod width;
mod write;

use crate::engine;
use clap::{Parser, Subcommand};
use std::io::Write;

pub use check::{line_col, LineIndex};

/// Printed after `--help` of the program and of `check`.
pub const EXIT_STATUS: &str = "\
Exit status:
  0  nothing at warning level or above (or: --diff found nothing to fix)
  1  at least one warning or error (or: --diff has fixes to show)
  2  usage error, or a file could not be read, decoded or written (the other files are
     still checked and reported)";

#[derive(Parser, Debug)]
#[command(
    name = "policy-lsp",
    version,
    about = "A language server and checker for Chinese official texts (会议通稿, 工作报告, 政策文件)",
    long_about = "A language server and checker for Chinese official texts (会议通稿, 工作报告, \
                  政策文件).\n\nWithout a command it speaks LSP on stdin/stdout, as editors \
                  expect.",
    after_help = EXIT_STATUS
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Speak LSP on stdin/stdout (what some clients pass; same as `serve`)
    #[arg(long, hide = true)]
    stdio: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Speak LSP on stdin/stdout (the default without a command)
    Serve(ServeArgs),
    /// Check files or folders (.txt, .md, .markdown, .policy) and print the findings
    Check(check::CheckArgs),
    /// Print a document's outline: title, lead, sections, headings
    Outline(outline_cmd::OutlineArgs),
    /// List the formulas a document repeats, by family, with counts and written forms
    Formulas(formulas_cmd::FormulasArgs),
    /// Explain a slogan: its components, meaning, origin and source
    Explain(lexicon_cmd::ExplainArgs),
    /// List the slogan lexicon
    Lexicon(lexicon_cmd::LexiconArgs),
    /// List the rules with their default severity and a one-line description
    Rules(RulesArgs),
}

#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// Accepted for clients that pass it; stdio is the only transport
    #[arg(long)]
    stdio: bool,
}

#[derive(clap::Args, Debug)]
struct RulesArgs {}

/// Writes one line to stderr; a full or closed stderr is ignored (never a panic).
pub(crate) fn say(msg: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{msg}");
}

/// Writing to stdout failed: a closed pipe (`| head`) is not worth a message; anything else
/// (a full disk) is an error, exit 2.
pub(crate) fn output_failed(e: &std::io::Error) -> i32 {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        0
    } else {
        say(&format!("policy-lsp: error: cannot write output: {e}"));
        2
    }
}

fn cmd_rules(out: &mut dyn Write) -> std::io::Result<()> {
    for r in engine::rules::all() {
        let info = r.info();
        // A rule that is off unless the settings turn it on says so after its severity.
        let default = if info.default_enabled {
            info.default_severity.as_str().to_string()
        } else {
            format!("{} (off)", info.default_severity.as_str())
        };
        writeln!(out, "{:<24} {:<8} {}", info.id, default, info.doc)?;
    }
    out.flush()
}

/// Reads one document named on the command line (`-`: standard input) and decodes it like
/// `check` does; the error is a message naming the file.
pub(crate) fn read_document(file: &std::path::Path) -> Result<String, String> {
    let path = file.display();
    let bytes = if file.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .map_err(|e| format!("stdin: {e}"))?;
        b
    } else {
        crate::userfile::read_bytes(file, crate::userfile::DEFAULT_CAP).map_err(|e| match e {
            crate::userfile::UserFileError::Io(e) => format!("{path}: {}", walk::io_message(&e)),
            e => format!("{path}: {e}"),
        })?
    };
    crate::encoding::decode(&bytes)
        .map(|d| d.text)
        .map_err(|e| format!("{path}: {e}"))
}

/// Runs the CLI on the process arguments and returns the exit code.
pub fn main() -> i32 {
    run_args(std::env::args_os())
}

/// Runs the CLI on `args` (the program name first) and returns the exit code.
pub fn run_args<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors to stderr with 2.
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let Some(command) = cli.command else {
        return crate::server::run_stdio();
    };
    match command {
        Command::Serve(_) => crate::server::run_stdio(),
        Command::Check(args) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let mut err = std::io::stderr();
            check::run(&args, &mut out, &mut err)
        }
        Command::Outline(args) => outline_cmd::run(&args),
        Command::Formulas(args) => formulas_cmd::run(&args),
        Command::Explain(args) => lexicon_cmd::explain(&args),
        Command::Lexicon(args) => lexicon_cmd::lexicon(&args),
        Command::Rules(_) => match cmd_rules(&mut std::io::stdout().lock()) {
            Ok(()) => 0,
            Err(e) => output_failed(&e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_has_help() {
        for sub in [
            "check", "outline", "formulas", "explain", "lexicon", "rules", "serve",
        ] {
            let e = Cli::try_parse_from(["policy-lsp", sub, "--help"]).unwrap_err();
            assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp, "{sub}");
            assert!(!e.use_stderr());
        }
    }
}
