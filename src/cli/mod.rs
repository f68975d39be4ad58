//! The command line: `policy-lsp [serve] | check | outline | explain | lexicon | rules`.

pub mod outline_cmd;

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    0
}
