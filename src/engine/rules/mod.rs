//! The rule registry. Each rule lives in its own file with its id, default severity, one-line
//! doc, `check` and tests on real sentences from the seeds.

use super::config::Config;
use super::document::Document;
use super::types::{Diagnostic, Severity};

mod dating;
mod enumeration_gate;
mod halfwidth_punct;
mod heading_sequence;
mod narration;
// GB/T 15834-2011 / GB/T 15835-2011 (issue #15)
mod number_approx;
mod number_date;
mod number_mixed;
mod number_range;
mod punct_dash;
mod punct_doubled;
mod punct_ellipsis;
mod punct_heading_mark;
mod punct_nested_quote;
mod punct_title_dunhao;
pub(crate) mod standards;
// end GB/T
mod office_title;
mod outdated_formulation;
// recurrence (issue #4)
pub mod recurring_across_docs;
pub mod recurring_phrase;
// end recurrence
mod slogan_incomplete;
mod slogan_order;
mod slogan_variant;
mod unpaired_mark;
mod web_residue;
pub use slogan_variant::parse_until;
// Parts of document-level rules that the incremental analysis assembles from cached pieces.
pub(crate) use dating::{document_date, judged_on, stated_date, Dated};
pub use halfwidth_punct::mark_counts as halfwidth_mark_counts;
pub(crate) use halfwidth_punct::{as_habit as halfwidth_as_habit, habitual as halfwidth_habitual};
pub(crate) use heading_sequence::report as heading_sequence_report;
pub(crate) use office_title::{
    candidates as office_candidates, report as office_report, Candidate as OfficeCandidate,
};
pub(crate) use outdated_formulation::{
    candidates as outdated_candidates, line_safe as outdated_line_safe, report as outdated_report,
    Candidate as OutdatedCandidate,
};
pub(crate) use slogan_variant::{
    candidates as variant_candidates, report as variant_report, Candidate as VariantCandidate,
};

/// What `policy-lsp rules` prints and the registry checks: stable id, default severity, doc.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub id: &'static str,
    pub default_severity: Severity,
    /// Whether the rule runs when the settings do not mention it (`"rules": {"<id>":
    /// {"enabled": …}}` overrides it). A rule that is off by default says so here, and
    /// `policy-lsp rules`, the README rules table and the configuration schema show it.
    pub default_enabled: bool,
    /// One line, English.
    pub doc: &'static str,
}

/// A rule reads the prepared document and appends diagnostics. It must not assume anything
/// about other rules' output; `analyze` applies severities, masking and isolation.
pub trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;
    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>);
}

/// Every rule, in the order their diagnostics are reported.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &halfwidth_punct::HalfwidthPunct,
        &heading_sequence::HeadingSequence,
        &unpaired_mark::UnpairedMark,
        &web_residue::WebResidue,
        // GB/T 15834-2011 / GB/T 15835-2011 (issue #15), in `standards::family` order
        &number_mixed::MixedNumeral,
        &number_date::DateNumeral,
        &number_range::RangeMark,
        &number_approx::ApproxNumeral,
        &punct_title_dunhao::TitleMarkDunhao,
        &punct_nested_quote::NestedQuote,
        &punct_doubled::DoubledPunct,
        &punct_ellipsis::Ellipsis,
        &punct_dash::DashLength,
        &punct_heading_mark::HeadingMark,
        &slogan_order::SloganOrder,
        &slogan_incomplete::SloganIncomplete,
        &slogan_variant::SloganVariant,
        &outdated_formulation::OutdatedFormulation,
        &office_title::OfficeTitle,
        &recurring_phrase::RecurringPhrase,
        &recurring_across_docs::RecurringAcrossDocs,
    ]
}

/// Looks a rule up by id.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.info().id == id)
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// Runs one rule on `text` with the default configuration (over the shared test
    /// lexicon, so its matcher is built once).
    pub fn run(rule: &dyn Rule, text: &str) -> Vec<Diagnostic> {
        let doc = Document::new(text, Vec::new());
        let mut out = Vec::new();
        rule.check(&doc, &crate::engine::lexicon::test_config(), &mut out);
        out
    }

    /// Applies a fix's edits to `text` (edits must not overlap).
    pub fn apply(text: &str, edits: &[crate::engine::types::TextEdit]) -> String {
        let mut edits = edits.to_vec();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let mut s = text.to_string();
        for e in edits {
            s.replace_range(e.range.clone(), &e.new_text);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_kebab_case_and_documented() {
        let mut seen = HashSet::new();
        for r in all() {
            let info = r.info();
            assert!(seen.insert(info.id), "duplicate rule id {}", info.id);
            assert!(info.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
            assert!(!info.doc.is_empty() && !info.doc.contains('\n'));
        }
    }
}
