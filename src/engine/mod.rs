//! The analysis engine: pure functions from `&str` to plain data. No LSP types, no I/O.
//! Offsets are UTF-8 byte offsets on `char` boundaries.

pub mod cache;
pub mod complete;
pub mod config;
pub mod document;
pub mod hover;
mod incremental;
pub mod lexicon;
pub mod outline;
pub mod paragraphs;
pub mod project_config;
pub mod recurrence;
pub mod remap;
pub mod residue;
pub mod rules;
pub mod segment;
pub mod suppress;
pub mod text;
pub mod types;

pub use config::{Config, Locale, Settings};
pub use types::*;

use document::Document;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Analyses one document. Never panics: a rule that panics is isolated and reported in
/// `Analysis::rule_errors`, and the other rules' results are kept.
pub fn analyze(text: &str, config: &Config) -> Analysis {
    analyze_cancellable(text, config, &|| false).unwrap_or_default()
}

/// The outline alone: what document symbols and folding need, at a fraction of the cost of
/// a full analysis.
pub fn outline(text: &str, config: &Config) -> Vec<OutlineNode> {
    let mut errors = Vec::new();
    if let Ok(Some(parts)) = incremental::prepare(text, config, &|| false) {
        if let Ok(heads) = catch_unwind(AssertUnwindSafe(|| parts.headings())) {
            return outline_isolated(|| parts.outline(&heads, config), &mut errors);
        }
    }
    let doc = Document::prepare(text);
    outline_isolated(|| outline::build(&doc, config), &mut errors)
}

/// [`analyze`], giving up (`None`) as soon as `cancelled()` says the result is no longer
/// wanted; it is asked between rules, so a superseded version of a large document stops
/// costing CPU within one rule's time.
///
/// Lines seen before (in this document or another) are not analysed again: their results
/// are cached by content (see `incremental.rs`), so the cost of an analysis after an edit
/// grows with the edited paragraph, apart from `recurring-phrase`.
pub fn analyze_cancellable(
    text: &str,
    config: &Config,
    cancelled: &dyn Fn() -> bool,
) -> Option<Analysis> {
    match incremental::prepare(text, config, cancelled) {
        Ok(None) => None,
        Ok(Some(parts)) => match catch_unwind(AssertUnwindSafe(|| parts.headings())) {
            Ok(heads) => analyze_parts(text, config, cancelled, &parts, &heads),
            Err(_) => analyze_whole(text, config, cancelled),
        },
        Err(incremental::Fallback) => analyze_whole(text, config, cancelled),
    }
}

/// [`analyze`] of the whole text at once, bypassing the per-line cache. The results are the
/// same; this is the reference the cached analysis is tested against.
pub fn analyze_uncached(text: &str, config: &Config) -> Analysis {
    analyze_whole(text, config, &|| false).unwrap_or_default()
}

/// The analysis assembled from cached per-line parts.
fn analyze_parts(
    text: &str,
    config: &Config,
    cancelled: &dyn Fn() -> bool,
    parts: &incremental::Parts,
    heads: &[outline::headings::HeadingMark],
) -> Option<Analysis> {
    let doc = &parts.doc;
    let mut analysis = Analysis::default();
    if config.outline {
        analysis.outline =
            outline_isolated(|| parts.outline(heads, config), &mut analysis.rule_errors);
    }
    // A suppression comment may drop findings after the limit is counted, so it holds only
    // without them.
    let limit = config.diagnostic_limit.filter(|_| !parts.may_suppress());
    let masked = masked_test(doc);
    let admit = |d: &Diagnostic| admissible(text, &masked, d);
    for rule in rules::all() {
        let info = rule.info();
        if !config.rule_enabled(info.id) {
            continue;
        }
        if cancelled() {
            return None;
        }
        let mut found = Vec::new();
        let run = catch_unwind(AssertUnwindSafe(|| {
            match (incremental::line_rule_index(info.id), info.id) {
                (Some(k), _) => found = parts.line_rule(k, config, limit, &admit),
                (None, "heading-sequence") => {
                    rules::heading_sequence_report(text, heads, config, &mut found)
                }
                (None, "slogan-variant") => parts.variants(config, &mut found),
                (None, "outdated-formulation") => parts.dated(0, config, &mut found),
                (None, "office-title") => parts.dated(1, config, &mut found),
                _ => rule.check(doc, config, &mut found),
            }
        }));
        accept(text, &masked, config, info, run, found, &mut analysis);
    }
    let (flagged, full) = parts.mark_counts();
    halfwidth_habit(config, flagged, full, &mut analysis.diagnostics);
    if parts.may_suppress() {
        suppress::filter(text, &mut analysis.diagnostics);
    }
    analysis
        .diagnostics
        .sort_by_key(|d| (d.range.start, d.range.end));
    match catch_unwind(AssertUnwindSafe(|| parts.slogans(config))) {
        Ok(found) => analysis.slogans = found,
        Err(payload) => analysis
            .rule_errors
            .push(("slogans".to_string(), panic_message(&payload))),
    }
    analysis.masked = doc.masked.clone();
    Some(analysis)
}

/// The analysis of the whole text at once, without the per-line cache: what the cached
/// analysis must equal, and the fallback when it cannot be used.
fn analyze_whole(text: &str, config: &Config, cancelled: &dyn Fn() -> bool) -> Option<Analysis> {
    let doc = Document::prepare(text);
    let mut analysis = Analysis::default();
    if config.outline {
        analysis.outline =
            outline_isolated(|| outline::build(&doc, config), &mut analysis.rule_errors);
    }
    let masked = masked_test(&doc);
    for rule in rules::all() {
        let info = rule.info();
        if !config.rule_enabled(info.id) {
            continue;
        }
        if cancelled() {
            return None;
        }
        let mut found = Vec::new();
        let run = catch_unwind(AssertUnwindSafe(|| rule.check(&doc, config, &mut found)));
        accept(text, &masked, config, info, run, found, &mut analysis);
    }
    drop(masked);
    let (flagged, full) = doc.paragraphs.iter().fold((0, 0), |(h, f), p| {
        let (ph, pf) = rules::halfwidth_mark_counts(&text[p.clone()]);
        (h + u64::from(ph), f + u64::from(pf))
    });
    halfwidth_habit(config, flagged, full, &mut analysis.diagnostics);
    suppress::filter(text, &mut analysis.diagnostics);
    analysis
        .diagnostics
        .sort_by_key(|d| (d.range.start, d.range.end));
    // Slogan occurrences: names and spelled-out enumerations, outside web residue.
    match catch_unwind(AssertUnwindSafe(|| {
        lexicon::occurrences(text, &config.lexicon)
    })) {
        Ok(mut found) => {
            found.retain(|o| !doc.is_masked(&o.range));
            analysis.slogans = found;
        }
        Err(payload) => analysis
            .rule_errors
            .push(("slogans".to_string(), panic_message(&payload))),
    }
    analysis.masked = doc.masked;
    Some(analysis)
}

/// Adds one rule's findings to `analysis`: a panic becomes a rule error, as does a finding
/// whose range is not on char boundaries; findings in residue (except `web-residue`'s own)
/// are dropped; severity overrides apply.
fn accept(
    text: &str,
    masked: &impl Fn(&Diagnostic) -> bool,
    config: &Config,
    info: &rules::RuleInfo,
    run: std::thread::Result<()>,
    found: Vec<Diagnostic>,
    analysis: &mut Analysis,
) {
    if let Err(payload) = run {
        analysis
            .rule_errors
            .push((info.id.to_string(), panic_message(&payload)));
        return;
    }
    let severity_override = config.rules.get(info.id).and_then(|r| r.severity);
    let mut found = found;
    found.retain_mut(|d| {
        if !valid(text, d) {
            analysis.rule_errors.push((
                info.id.to_string(),
                format!("rule produced an invalid range {:?}", d.range),
            ));
            return false;
        }
        if masked(d) {
            return false;
        }
        if let Some(s) = severity_override {
            d.severity = s;
        }
        true
    });
    // The larger list keeps its allocation: a rule with a finding per line (1.7 M on a
    // 60 MB file) is not copied into a second list of its size.
    if found.len() > analysis.diagnostics.len() {
        // Exactly: grown by doubling, 280,000 findings reserved room for 520,000 (27 MB).
        found.reserve_exact(analysis.diagnostics.len());
        found.splice(0..0, std::mem::take(&mut analysis.diagnostics));
        analysis.diagnostics = found;
    } else {
        analysis.diagnostics.append(&mut found);
    }
}

/// `halfwidth-punct`'s findings published as a document-wide habit when they are one
/// (`rules::halfwidth_habitual`), unless the user set the rule's severity. All or none of a
/// document's findings change, so the first findings in document order are still the most
/// severe of the rule (what [`Config::diagnostic_limit`] relies on).
fn halfwidth_habit(config: &Config, flagged: u64, full: u64, diagnostics: &mut [Diagnostic]) {
    let overridden = config
        .rules
        .get("halfwidth-punct")
        .is_some_and(|r| r.severity.is_some());
    if !overridden && rules::halfwidth_habitual(flagged, full) {
        rules::halfwidth_as_habit(diagnostics, config);
    }
}

/// What a caller with room for `limit` diagnostics keeps: the `limit` most severe, ties in
/// document order, returned in document order (the server publishes these). An analysis
/// with [`Config::diagnostic_limit`] = `limit` yields the same selection as one without.
pub fn most_severe(all: &[Diagnostic], limit: usize) -> Vec<&Diagnostic> {
    let mut picked: Vec<&Diagnostic> = all.iter().collect();
    keep_most_severe(&mut picked, limit, |d| (d.severity, d.range.clone()));
    picked
}

/// [`most_severe`]'s selection on any entries in range order, each giving its severity and
/// range: keeps the `limit` most severe, ties in document order, in range order.
pub(crate) fn keep_most_severe<T>(
    entries: &mut Vec<T>,
    limit: usize,
    key: impl Fn(&T) -> (Severity, Span),
) {
    if entries.len() <= limit {
        return;
    }
    // Stable: equal severities keep document order.
    entries.sort_by_key(|e| key(e).0);
    entries.truncate(limit);
    entries.sort_by_key(|e| {
        let r = key(e).1;
        (r.start, r.end)
    });
}

/// Whether a finding lies in `doc`'s masked text: web residue (unless `web-residue` reports
/// it) or a Markdown code fence (whatever the rule).
fn masked_test<'d>(doc: &'d Document) -> impl Fn(&Diagnostic) -> bool + 'd {
    let sorted = document::sorted_disjoint(&doc.masked);
    move |d: &Diagnostic| {
        if d.rule == "web-residue" {
            return document::is_masked(&doc.fenced, &d.range);
        }
        if sorted {
            document::is_masked_sorted(&doc.masked, &d.range)
        } else {
            doc.is_masked(&d.range)
        }
    }
}

/// Whether a rule's finding has valid ranges.
fn valid(text: &str, d: &Diagnostic) -> bool {
    valid_span(text, &d.range) && d.fixes.iter().all(|f| valid_fix(text, f))
}

/// Whether [`accept`] keeps a finding: valid, and outside masked text ([`masked_test`]).
fn admissible(text: &str, masked: &impl Fn(&Diagnostic) -> bool, d: &Diagnostic) -> bool {
    valid(text, d) && !masked(d)
}

/// `recurring-across-docs` diagnostics for `text` (whose web residue is `masked`, as
/// [`Analysis::masked`] gives it), stored in the workspace index under `key`
/// (URI or path; the document's own entry is skipped), against the other documents of
/// `index`. Disabled rules, severity overrides, masking and suppression comments apply as in
/// [`analyze`]; the result is sorted. Publish these together with `analyze`'s diagnostics.
pub fn analyze_across(
    text: &str,
    masked: &[Span],
    key: &str,
    index: &recurrence::across::CorpusIndex,
    config: &Config,
) -> Vec<Diagnostic> {
    let run = catch_unwind(AssertUnwindSafe(|| {
        recurrence::across::diagnose_across(text, key, masked, index, config)
    }));
    let mut out: Vec<Diagnostic> = run
        .unwrap_or_default()
        .into_iter()
        .filter(|d| {
            valid_span(text, &d.range) && !masked.iter().any(|m| text::overlaps(m, &d.range))
        })
        .collect();
    suppress::filter(text, &mut out);
    out.sort_by_key(|d| (d.range.start, d.range.end));
    out
}

/// The outline, or none (with the panic recorded under the id `outline`) if building it
/// panicked.
fn outline_isolated(
    build: impl FnOnce() -> Vec<OutlineNode>,
    errors: &mut Vec<(String, String)>,
) -> Vec<OutlineNode> {
    match catch_unwind(AssertUnwindSafe(build)) {
        Ok(nodes) => nodes,
        Err(payload) => {
            errors.push(("outline".to_string(), panic_message(&payload)));
            Vec::new()
        }
    }
}

/// The preferred fix of each diagnostic (of `rule`, or of every rule), skipping any fix whose
/// edits overlap one already taken. Returns the edits and how many fixes they come from.
pub fn select_fixes(analysis: &Analysis, rule: Option<&str>) -> (Vec<TextEdit>, usize) {
    let mut taken: Vec<TextEdit> = Vec::new();
    let mut count = 0;
    for d in &analysis.diagnostics {
        if rule.is_some_and(|r| r != d.rule) {
            continue;
        }
        let Some(fix) = d.fixes.iter().find(|f| f.preferred) else {
            continue;
        };
        let clash = fix.edits.iter().any(|e| {
            taken.iter().any(|t| {
                text::overlaps(&e.range, &t.range)
                    || (e.range.is_empty() && e.range.start == t.range.start)
            })
        });
        if !clash {
            taken.extend(fix.edits.iter().cloned());
            count += 1;
        }
    }
    (taken, count)
}

/// `text` with non-overlapping `edits` applied.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        if e.range.start < at || !valid_span(text, &e.range) {
            continue;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

fn valid_span(text: &str, span: &Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn valid_fix(text: &str, fix: &Fix) -> bool {
    fix.edits.iter().all(|e| valid_span(text, &e.range))
}

fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_rules_do_not_run_and_severity_overrides_apply() {
        let text = "会议指出,要坚持";
        let on = analyze(text, &Config::default());
        assert_eq!(on.diagnostics.len(), 1);
        assert_eq!(on.diagnostics[0].severity, Severity::Warning);

        let settings = Settings::from_json(&serde_json::json!({
            "rules": {"halfwidth-punct": {"severity": "hint"}}
        }))
        .unwrap();
        let cfg = Config::from_settings(&settings, Config::default().lexicon);
        assert_eq!(analyze(text, &cfg).diagnostics[0].severity, Severity::Hint);

        let settings = Settings::from_json(&serde_json::json!({
            "rules": {"halfwidth-punct": {"enabled": false}}
        }))
        .unwrap();
        let cfg = Config::from_settings(&settings, Config::default().lexicon);
        assert!(analyze(text, &cfg).diagnostics.is_empty());
    }

    #[test]
    fn cancellation_stops_between_rules() {
        let (_, seed) = crate::seeds::SEEDS[3];
        let cfg = Config::default();
        assert!(analyze_cancellable(seed, &cfg, &|| true).is_none());
        let calls = std::cell::Cell::new(0);
        let later = || {
            calls.set(calls.get() + 1);
            calls.get() > 2
        };
        assert!(analyze_cancellable(seed, &cfg, &later).is_none());
        assert_eq!(calls.get(), 3);
        let full = analyze_cancellable(seed, &cfg, &|| false).unwrap();
        assert_eq!(full.diagnostics, analyze(seed, &cfg).diagnostics);
        assert_eq!(outline(seed, &cfg), full.outline);
    }

    /// With the outline turned off (as `check` does), the findings are the same, cached or
    /// not, and no outline is built.
    #[test]
    fn outline_off_changes_no_finding() {
        for (_, seed) in crate::seeds::all() {
            let on = Config::default();
            let off = Config {
                outline: false,
                ..Config::default()
            };
            let with = analyze(seed, &on);
            assert!(!with.outline.is_empty());
            for without in [analyze(seed, &off), analyze_uncached(seed, &off)] {
                assert!(without.outline.is_empty());
                assert_eq!(without.diagnostics, with.diagnostics);
                assert_eq!(without.slogans, with.slogans);
            }
        }
    }

    #[test]
    fn fixing_everything_leaves_no_fixable_finding() {
        let (_, seed) = crate::seeds::SEEDS[0];
        let cfg = Config::default();
        let before = analyze(seed, &cfg);
        let (edits, n) = select_fixes(&before, Some("halfwidth-punct"));
        assert!(n > 50, "{n}");
        let fixed = apply_edits(seed, &edits);
        let after = analyze(&fixed, &cfg);
        assert!(after
            .diagnostics
            .iter()
            .all(|d| d.rule != "halfwidth-punct"));
        assert!(fixed.contains("来源：新疆日报"));
    }

    #[test]
    fn every_seed_analyses_without_rule_errors() {
        for (name, text) in crate::seeds::all() {
            let a = analyze(text, &Config::default());
            assert!(a.rule_errors.is_empty(), "{name}: {:?}", a.rule_errors);
        }
    }
}
