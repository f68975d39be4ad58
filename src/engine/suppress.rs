//! Suppression comments, as Markdown (or HTML) comments anywhere in the text:
//!
//! - `<!-- policy-lsp-disable rule-id other-id -->` … `<!-- policy-lsp-enable rule-id -->`:
//!   no diagnostics of those rules between the two (to the end of the text without an enable);
//! - `<!-- policy-lsp-disable-next-line rule-id -->`: none on the following line;
//! - without ids, a comment applies to every rule; ids may be separated by spaces or commas;
//!   `policy-lsp-enable some-id` inside a `policy-lsp-disable` of all rules re-enables that one.
//!
//! A diagnostic is suppressed when its start lies in a disabled stretch.

use super::text::lines;
use super::types::Diagnostic;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
}

/// One disable/enable comment: where it takes effect and for which rules (`None` = all).
#[derive(Debug, Clone)]
struct Event {
    at: usize,
    kind: Kind,
    rules: Option<Vec<String>>,
}

/// A line on which some rules are off.
#[derive(Debug, Clone)]
struct LineOff {
    start: usize,
    end: usize,
    rules: Option<Vec<String>>,
}

fn comment_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"<!--\s*policy-lsp-(disable-next-line|disable|enable)\b((?s:.)*?)-->")
            .expect("valid regex")
    })
}

fn parse_rules(s: &str) -> Option<Vec<String>> {
    let ids: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    (!ids.is_empty()).then_some(ids)
}

fn applies(rules: &Option<Vec<String>>, rule: &str) -> bool {
    rules.as_ref().is_none_or(|r| r.iter().any(|x| x == rule))
}

/// Removes the diagnostics that suppression comments in `text` switch off.
pub fn filter(text: &str, diagnostics: &mut Vec<Diagnostic>) {
    if diagnostics.is_empty() || !text.contains("policy-lsp-") {
        return;
    }
    let mut events = Vec::new();
    let mut next_lines = Vec::new();
    let all_lines = lines(text);
    for m in comment_re().captures_iter(text) {
        let (Some(whole), Some(kind), Some(ids)) = (m.get(0), m.get(1), m.get(2)) else {
            continue;
        };
        let rules = parse_rules(ids.as_str());
        match kind.as_str() {
            "disable-next-line" => {
                // The line after the one the comment ends on.
                let idx = all_lines.partition_point(|l| l.end < whole.end());
                if let Some(next) = all_lines.get(idx + 1) {
                    next_lines.push(LineOff {
                        start: next.start,
                        end: next.end,
                        rules,
                    });
                }
            }
            "disable" => events.push(Event {
                at: whole.end(),
                kind: Kind::Disable,
                rules,
            }),
            _ => events.push(Event {
                at: whole.start(),
                kind: Kind::Enable,
                rules,
            }),
        }
    }
    diagnostics.retain(|d| {
        let pos = d.range.start;
        let on_line = next_lines
            .iter()
            .any(|l| l.start <= pos && pos <= l.end && applies(&l.rules, d.rule));
        !on_line && !disabled_at(&events, pos, d.rule)
    });
}

fn disabled_at(events: &[Event], pos: usize, rule: &str) -> bool {
    let mut all_off = false;
    let mut this_off = false;
    let mut this_excepted = false;
    for e in events.iter().filter(|e| e.at <= pos) {
        match (&e.kind, &e.rules) {
            (Kind::Disable, None) => {
                all_off = true;
                this_excepted = false;
            }
            (Kind::Disable, Some(_)) if applies(&e.rules, rule) => this_off = true,
            (Kind::Enable, None) => {
                all_off = false;
                this_off = false;
                this_excepted = false;
            }
            (Kind::Enable, Some(_)) if applies(&e.rules, rule) => {
                this_off = false;
                this_excepted = true;
            }
            _ => {}
        }
    }
    this_off || (all_off && !this_excepted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::types::Severity;

    fn diag(text: &str, needle: &str, nth: usize, rule: &'static str) -> Diagnostic {
        let at = text.match_indices(needle).nth(nth).map(|(i, _)| i).unwrap();
        Diagnostic::new(
            rule,
            Severity::Warning,
            at..at + needle.len(),
            String::new(),
        )
    }

    const DOC: &str = "会议指出,要坚持提高站位。\n\
<!-- policy-lsp-disable halfwidth-punct -->\n\
会议强调,要坚持毫不放松。\n\
<!-- policy-lsp-enable halfwidth-punct -->\n\
会议强调,要坚持统筹兼顾。\n\
<!-- policy-lsp-disable-next-line recurring-phrase, halfwidth-punct -->\n\
会议指出,要坚持压实责任。\n\
会议指出,要坚持压实责任。\n";

    #[test]
    fn regions_and_next_line() {
        // Commas: 0 line 1, 1 disabled region, 2 after enable, 3 inside the next-line
        // comment itself, 4 the next line (off), 5 the line after.
        let mut d: Vec<Diagnostic> = (0..6)
            .map(|i| diag(DOC, ",", i, "halfwidth-punct"))
            .collect();
        d.push(diag(DOC, "压实责任", 0, "recurring-phrase"));
        d.push(diag(DOC, "压实责任", 1, "recurring-phrase"));
        d.push(diag(DOC, "毫不放松", 0, "recurring-phrase"));
        filter(DOC, &mut d);
        let kept: Vec<(usize, &str)> = d.iter().map(|d| (d.range.start, d.rule)).collect();
        let comma = |n| DOC.match_indices(',').nth(n).unwrap().0;
        let phrase = |n| DOC.match_indices("压实责任").nth(n).unwrap().0;
        assert_eq!(
            kept,
            vec![
                (comma(0), "halfwidth-punct"),
                (comma(2), "halfwidth-punct"),
                (comma(3), "halfwidth-punct"),
                (comma(5), "halfwidth-punct"),
                (phrase(1), "recurring-phrase"),
                (DOC.find("毫不放松").unwrap(), "recurring-phrase"),
            ]
        );
    }

    #[test]
    fn disable_all_with_an_exception_and_no_enable() {
        let t = "甲,乙。\n<!--policy-lsp-disable-->\n丙,丁。\n<!-- policy-lsp-enable halfwidth-punct -->\n戊,己。";
        let mut d: Vec<Diagnostic> = (0..3).map(|i| diag(t, ",", i, "halfwidth-punct")).collect();
        d.push(diag(t, "戊", 0, "recurring-phrase"));
        filter(t, &mut d);
        let kept: Vec<&str> = d.iter().map(|d| &t[d.range.clone()]).collect();
        assert_eq!(kept, vec![",", ","]);
        assert_eq!(d[1].range.start, t.rfind(',').unwrap());
    }

    #[test]
    fn text_without_comments_is_untouched_and_odd_input_is_safe() {
        let t = "会议指出,要坚持";
        let mut d = vec![diag(t, ",", 0, "halfwidth-punct")];
        filter(t, &mut d);
        assert_eq!(d.len(), 1);
        let t = "<!-- policy-lsp-disable-next-line -->";
        let mut d = vec![Diagnostic::new("x", Severity::Hint, 0..0, String::new())];
        filter(t, &mut d);
        assert_eq!(d.len(), 1);
        let t = "<!-- policy-lsp-disable\r\n";
        filter(t, &mut d);
        assert_eq!(d.len(), 1);
    }
}
