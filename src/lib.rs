//! policy-lsp: a language server for drafting Chinese official texts.
//!
//! - [`engine`]: pure analysis of `&str` into diagnostics, outline and slogan occurrences.
//! - [`server`]: the LSP layer (tower-lsp), the only place that knows positions and encodings.
//! - [`cli`]: `policy-lsp check|outline|explain|lexicon|rules`, rendering engine output.

pub mod cli;
pub mod engine;
pub mod seeds;
pub mod server;
