//! `recurring-across-docs`: a whole sentence (from the start of a line or sentence to 。！？；)
//! of at least 15 Han characters and `recurring.minCharsAcross` (12 by default) that stands,
//! whole and verbatim, in another file of the workspace — boilerplate carried over from last
//! year's report — and is not mostly a news frame. Related locations point into the other
//! files.
//!
//! The rule needs the workspace index, which a single document doesn't have, so its
//! diagnostics come from [`crate::engine::analyze_across`] (backed by
//! [`crate::engine::recurrence::across`]); it is registered here so that `policy-lsp rules`
//! lists it and settings can enable, disable and re-grade it like any other rule, and its
//! `check` adds nothing.

use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::recurrence::across::{DEFAULT_SEVERITY, RULE_ID};
use crate::engine::types::Diagnostic;

pub struct RecurringAcrossDocs;

pub static INFO: RuleInfo = RuleInfo {
    id: RULE_ID,
    default_severity: DEFAULT_SEVERITY,
    default_enabled: true,
    doc: "A whole sentence (at least 15 and minCharsAcross Han characters) that also stands in another file of the workspace.",
};

impl Rule for RecurringAcrossDocs {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, _doc: &Document, _config: &Config, _out: &mut Vec<Diagnostic>) {
        // Runs through `analyze_across`, which has the corpus index (see the module doc).
    }
}
