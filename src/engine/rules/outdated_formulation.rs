//! `outdated-formulation`: a formulation used after it stopped being current, judged against
//! the document's date (see `dating.rs`): a goal stated after it was reached (确保如期全面建成
//! 小康社会 after 2021-07-01), a policy after it ended (坚持“动态清零”总方针 after 2022-12-26).
//! Lexicon data drives it: variant forms with `valid_until`, and entries marked
//! `flag_after_until` (whose every use is a goal). The fix is the current wording where the
//! lexicon names one (`superseded_by`).

use super::dating::{document_date, soon_after, soon_after_note, Dated};
use super::narration::tells_of_before;
use super::{parse_until, Rule, RuleInfo};
use crate::engine::config::{Config, Locale};
use crate::engine::document::Document;
use crate::engine::lexicon::{Entry, Lexicon};
use crate::engine::types::{Diagnostic, Fix, Severity};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::sync::{Arc, Mutex};

pub struct OutdatedFormulation;

static INFO: RuleInfo = RuleInfo {
    id: "outdated-formulation",
    default_severity: Severity::Error,
    default_enabled: true,
    doc: "A goal or policy formulation used after the date it was reached or ended (judged against the document's date).",
};

/// One dated wording: the entry, the variant (None: the entry's own names) and its last day.
struct Dated1 {
    entry: usize,
    variant: Option<usize>,
}

/// The automaton over a lexicon's dated wordings.
struct Forms {
    matcher_id: u64,
    ac: Option<AhoCorasick>,
    forms: Vec<Dated1>,
    line_safe: bool,
}

fn forms_of(lex: &Lexicon) -> Arc<Forms> {
    static CACHE: Mutex<Option<Arc<Forms>>> = Mutex::new(None);
    let id = lex.matcher().id();
    let mut slot = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(f) = slot.as_ref().filter(|f| f.matcher_id == id) {
        return f.clone();
    }
    let mut patterns: Vec<&str> = Vec::new();
    let mut forms = Vec::new();
    for (i, e) in lex.entries().iter().enumerate() {
        if e.flag_after_until && e.valid_until.is_some() {
            for name in std::iter::once(&e.term)
                .chain(e.aliases.iter())
                .chain(std::iter::once(&e.full))
            {
                patterns.push(name);
                forms.push(Dated1 {
                    entry: i,
                    variant: None,
                });
            }
        }
        for (v, var) in e.variants.iter().enumerate() {
            if let (Some(form), Some(_)) = (&var.form, &var.valid_until) {
                patterns.push(form);
                forms.push(Dated1 {
                    entry: i,
                    variant: Some(v),
                });
            }
        }
    }
    let ac = AhoCorasick::builder()
        // A handful of patterns: a full DFA scans fastest (the rule runs on every analysis).
        // No prefilter: these patterns open with the commonest bytes of Chinese text, so a
        // prefilter stops at nearly every character (measured: 15 ms instead of ~1 on 1 MB).
        .kind(Some(AhoCorasickKind::DFA))
        .prefilter(false)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .ok();
    let line_safe = !patterns.iter().any(|p| p.contains(['\n', '\r']));
    let f = Arc::new(Forms {
        matcher_id: id,
        ac,
        forms,
        line_safe,
    });
    *slot = Some(f.clone());
    f
}

/// `(valid_until, replacement, what followed)` of a dated wording: a form's own
/// `superseded_by` replaces it; the entry's successor, when the form has none, is only named
/// (坚持“动态清零”总方针 is not fixed by writing 乙类乙管 in its place).
fn period(e: &Entry, v: Option<usize>) -> Option<(&str, Option<&str>, Option<&str>)> {
    match v {
        Some(v) => {
            let var = e.variants.get(v)?;
            let own = var.superseded_by.as_deref();
            let after = if own.is_none() {
                e.superseded_by.as_deref()
            } else {
                None
            };
            Some((var.valid_until.as_deref()?, own, after))
        }
        None => Some((e.valid_until.as_deref()?, e.superseded_by.as_deref(), None)),
    }
}

/// A dated wording found in a text, not yet judged: where it is and which form it is (an
/// index into the lexicon's dated forms). What it says depends on the document's date alone,
/// so the per-line analysis caches these and judges them at assembly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    span: std::ops::Range<usize>,
    form: usize,
}

impl Candidate {
    pub(crate) fn span(&self) -> &std::ops::Range<usize> {
        &self.span
    }
}

/// Whether no dated wording of `lex` holds a line break, so that scanning line by line finds
/// what scanning the whole text finds.
pub(crate) fn line_safe(lex: &Lexicon) -> bool {
    forms_of(lex).line_safe
}

/// The dated wordings of `lex` in `text`, leftmost-longest.
pub(crate) fn candidates(text: &str, lex: &Lexicon) -> Vec<Candidate> {
    let forms = forms_of(lex);
    let Some(ac) = &forms.ac else {
        return Vec::new();
    };
    ac.find_iter(text)
        .map(|m| Candidate {
            span: m.start()..m.end(),
            form: m.pattern().as_usize(),
        })
        .collect()
}

/// The findings among `found` (candidates in `text`) for a document dated `when`.
pub(crate) fn report(
    text: &str,
    found: &[Candidate],
    when: Dated,
    config: &Config,
    out: &mut Vec<Diagnostic>,
) {
    let lex = &config.lexicon;
    let forms = forms_of(lex);
    for c in found {
        let Some(f) = forms.forms.get(c.form) else {
            continue;
        };
        let Some(entry) = lex.entries().get(f.entry) else {
            continue;
        };
        let Some((until, successor, after)) = period(entry, f.variant) else {
            continue;
        };
        let Some(last) = parse_until(until) else {
            continue;
        };
        if when.date <= last {
            continue;
        }
        let span = c.span.clone();
        // Told as history, the wording is right in any later year: 经过5年持续奋斗，…决战脱贫
        // 攻坚取得全面胜利.
        let markers = f
            .variant
            .and_then(|v| entry.variants.get(v))
            .map_or(&[][..], |v| v.era_markers.as_slice());
        if tells_of_before(text, &span, last, when.date, markers) {
            continue;
        }
        let Some(written) = text.get(span.clone()) else {
            continue;
        };
        let note = f
            .variant
            .and_then(|v| entry.variants.get(v))
            .and_then(|v| v.note.as_deref())
            .map(|n| format!("（{n}）"))
            .unwrap_or_default();
        // Soon after the change the old wording is a lag to fix, not an error.
        let lag = soon_after(last, when.date);
        let soon = if lag {
            soon_after_note(config.locale)
        } else {
            ""
        };
        let severity = if lag {
            Severity::Information
        } else {
            INFO.default_severity
        };
        let message = match config.locale {
            Locale::ZhCn => {
                let now = match (successor, after) {
                    (Some(s), _) => format!("；现行提法为「{s}」"),
                    (None, Some(a)) => format!("；其后为「{a}」"),
                    _ => String::new(),
                };
                format!(
                    "「{written}」是{until}以前的提法{note}，{}{}{now}",
                    when.describe(Locale::ZhCn),
                    soon
                )
            }
            Locale::En => {
                let now = match (successor, after) {
                    (Some(s), _) => format!("; the current wording is \"{s}\""),
                    (None, Some(a)) => format!("; it was followed by \"{a}\""),
                    _ => String::new(),
                };
                format!(
                    "\"{written}\" was current until {until}; {}{}{now}",
                    when.describe(Locale::En),
                    soon
                )
            }
        };
        let mut d = Diagnostic::new(INFO.id, severity, span.clone(), message);
        if let Some(s) = successor {
            let title = config
                .locale
                .pick(format!("改为「{s}」"), format!("Replace with \"{s}\""));
            d = d.with_fix(Fix::replace(title, span, s.to_string()));
        }
        out.push(d);
    }
}

impl Rule for OutdatedFormulation {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        let mut found = candidates(doc.text, &config.lexicon);
        found.retain(|c| !doc.is_masked(&c.span));
        if !found.is_empty() {
            report(doc.text, &found, document_date(doc, config), config, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::apply;
    use super::*;

    fn run(text: &str) -> Vec<Diagnostic> {
        super::super::testing::run(&OutdatedFormulation, text)
    }

    #[test]
    fn goals_and_policies_after_the_change_are_flagged() {
        // Wordings of the 新闻联播 transcripts of 2020-03-06, 2020-03-18 and 2022-05-05.
        for (t, written) in [
            (
                "2025年3月5日\n确保如期全面建成小康社会",
                "确保如期全面建成小康社会",
            ),
            (
                "2025年3月5日\n决胜全面建成小康社会、决战脱贫攻坚",
                "决胜全面建成小康社会、决战脱贫攻坚",
            ),
            (
                "2025年3月5日\n毫不动摇坚持“动态清零”总方针",
                "坚持“动态清零”总方针",
            ),
            ("2025年3月5日\n坚持动态清零不动摇", "坚持动态清零"),
        ] {
            let d = run(t);
            assert_eq!(d.len(), 1, "{t}: {d:?}");
            assert_eq!(&t[d[0].range.clone()], written);
            assert_eq!(d[0].severity, Severity::Error);
            assert!(
                d[0].message.contains("本文日期为2025-03-05（电头）"),
                "{}",
                d[0].message
            );
        }
        let t = "2025年3月5日\n确保如期全面建成小康社会";
        let d = run(t);
        assert!(d[0]
            .message
            .contains("现行提法为「全面建设社会主义现代化国家」"));
        assert_eq!(
            apply(t, &d[0].fixes[0].edits),
            "2025年3月5日\n全面建设社会主义现代化国家"
        );
        // No current wording for the ended policy: no fix.
        let d = run("2025年3月5日\n坚持“动态清零”总方针");
        assert!(d[0].fixes.is_empty());
        assert!(
            d[0].message.contains("其后为「乙类乙管」"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn soon_after_the_change_the_old_wording_is_information() {
        // The 2020-03-18 wording dated five weeks after 决战脱贫攻坚 ended (2021-02-25), and
        // five months after.
        let d = run("2021年4月1日\n决胜全面建成小康社会、决战脱贫攻坚");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].severity, Severity::Information);
        assert!(d[0].message.contains("新提法启用不久"), "{}", d[0].message);
        let d = run("2021年7月26日\n决胜全面建成小康社会、决战脱贫攻坚");
        assert_eq!(d[0].severity, Severity::Error);
        assert!(!d[0].message.contains("新提法启用不久"), "{}", d[0].message);
    }

    #[test]
    fn the_same_sentences_before_the_change_pass() {
        for t in [
            "2020年3月6日\n确保如期全面建成小康社会",
            "2020年3月18日\n决胜全面建成小康社会、决战脱贫攻坚",
            "2022年5月5日\n毫不动摇坚持“动态清零”总方针",
            "2021年3月5日 确保如期全面建成小康社会",
        ] {
            assert!(run(t).is_empty(), "{t}: {:?}", run(t));
        }
    }

    #[test]
    fn history_and_undated_documents() {
        // A 2025 report may say what was achieved (新闻联播 2021-07-01).
        assert!(run("2025年3月5日\n在中华大地上全面建成了小康社会").is_empty());
        assert!(run("2025年3月5日\n“十三五”时期").is_empty());
        // Ended campaigns told as history (新闻联播 2021-02-26, 2023-10-30): the wording of
        // their day is right.
        for t in [
            "2021年2月26日\n会议指出，“十三五”时期我国经济社会发展取得举世瞩目的成就。经过5年持续奋斗，“十三五”规划主要目标任务胜利完成，全面建成小康社会取得伟大历史性成就，决战脱贫攻坚取得全面胜利。",
            "2023年10月30日\n过去5年，各级妇联组织认真贯彻落实党中央决策部署，动员组织广大妇女在推动高质量发展、决胜全面建成小康社会、决战脱贫攻坚、抗击新冠疫情、科技创新、乡村振兴等主战场上奋勇拼搏。",
        ] {
            assert!(run(t).is_empty(), "{t}: {:?}", run(t));
        }
        // Undated: judged as of today.
        let d = run("决战脱贫攻坚");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("未标明日期"), "{}", d[0].message);
        // Title date.
        let d = run("2024年政府工作报告\n坚持“动态清零”总方针");
        assert!(d[0].message.contains("（标题）"), "{}", d[0].message);
    }

    #[test]
    fn the_project_setting_overrides_the_dateline() {
        let doc = Document::new("2025年3月5日\n确保如期全面建成小康社会", Vec::new());
        let cfg = Config {
            document_date: Some((2020, 6, 1)),
            ..crate::engine::lexicon::test_config()
        };
        let mut out = Vec::new();
        OutdatedFormulation.check(&doc, &cfg, &mut out);
        assert!(out.is_empty(), "{out:?}");
        let en = Config {
            locale: crate::engine::config::Locale::En,
            ..crate::engine::lexicon::test_config()
        };
        OutdatedFormulation.check(&doc, &en, &mut out);
        assert!(out[0].message.contains("was current until 2021-07-01"));
        assert!(!out[0].message.contains("小康社会，"), "{}", out[0].message);
    }
}
