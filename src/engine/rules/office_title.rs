//! `office-title`: a person named with a national office they did not hold at the document's
//! date (国务院总理李克强 in 2025, 全国政协主席赵乐际, 中共中央总书记、国家主席李强). The
//! table of offices and holders is `data/offices.json`, each tenure with the transcripts that
//! report it. Only a title chain written right before the name is read (中共中央政治局常委、
//! 国务院总理李强); a chain marked as past (时任, 原, 前, 曾任) or a sentence naming an earlier
//! year is history and is left alone. Dates before an office's `covered_from` are not judged.

use super::dating::{document_date, parse_from, Dated};
use super::{Rule, RuleInfo};
use crate::engine::config::{Config, Locale};
use crate::engine::document::{Date, Document};
use crate::engine::types::{Diagnostic, Severity, Span};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use std::sync::OnceLock;

pub struct OfficeTitle;

static INFO: RuleInfo = RuleInfo {
    id: "office-title",
    default_severity: Severity::Error,
    default_enabled: true,
    doc: "A person named with a national office they did not hold at the document's date (data/offices.json).",
};

const OFFICES_JSON: &str = include_str!("../../../data/offices.json");

// Every field is deserialized so that the data file's shape is checked (unknown fields
// rejected); sources and notes are for curators and tests.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub date: String,
    pub url: String,
    pub title: String,
}

// Every field is deserialized so that the data file's shape is checked (unknown fields
// rejected); sources and notes are for curators and tests.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holder {
    pub name: String,
    pub from: Option<String>,
    pub until: Option<String>,
    pub sources: Vec<Source>,
    #[serde(default)]
    pub note: Option<String>,
}

// Every field is deserialized so that the data file's shape is checked (unknown fields
// rejected); sources and notes are for curators and tests.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub covered_from: String,
    pub holders: Vec<Holder>,
}

// Every field is deserialized so that the data file's shape is checked (unknown fields
// rejected); sources and notes are for curators and tests.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeTable {
    #[serde(default)]
    pub description: String,
    pub checked_until: String,
    pub offices: Vec<Office>,
}

/// The table and the automaton over holders' names.
struct Data {
    table: OfficeTable,
    names: Vec<String>,
    ac: AhoCorasick,
}

fn data() -> Option<&'static Data> {
    static DATA: OnceLock<Option<Data>> = OnceLock::new();
    DATA.get_or_init(|| {
        // A test guarantees the embedded table parses; without it the rule is silent.
        let table: OfficeTable = serde_json::from_str(OFFICES_JSON).ok()?;
        let mut names: Vec<String> = table
            .offices
            .iter()
            .flat_map(|o| o.holders.iter().map(|h| h.name.clone()))
            .collect();
        names.sort();
        names.dedup();
        let ac = AhoCorasick::builder()
            // A handful of patterns: a full DFA scans fastest (rules run on every analysis).
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)
            .ok()?;
        Some(Data { table, names, ac })
    })
    .as_ref()
}

/// Whether `name` held `office` on `date` (a tenure's first day counts, its last does too).
fn held(office: &Office, name: &str, date: Date) -> bool {
    office.holders.iter().any(|h| {
        h.name == name
            && h.from
                .as_deref()
                .and_then(parse_from)
                .is_none_or(|f| f <= date)
            && h.until
                .as_deref()
                .and_then(super::parse_until)
                .is_none_or(|u| date <= u)
    })
}

/// The holder of `office` on `date`, if the table knows one.
fn holder_on(office: &Office, date: Date) -> Option<&Holder> {
    office.holders.iter().find(|h| held(office, &h.name, date))
}

/// The offices written right before `end` (a title chain joined by 、), nearest first, with
/// where the chain starts.
fn chain_before<'d>(
    text: &str,
    end: usize,
    offices: &'d [Office],
) -> (Vec<(usize, &'d Office, &'d str)>, usize) {
    let mut found = Vec::new();
    let mut at = end;
    loop {
        let before = &text[..at];
        let hit = offices.iter().find_map(|o| {
            std::iter::once(&o.title)
                .chain(o.aliases.iter())
                .find(|t| before.ends_with(t.as_str()))
                .map(|t| (o, t.as_str()))
        });
        let Some((o, t)) = hit else { break };
        let start = at - t.len();
        found.push((start, o, t));
        at = start;
        // Other titles in the chain (中共中央政治局常委、) end it; only 、 joins offices read here.
        if text[..at].ends_with('、') {
            let sep = at - '、'.len_utf8();
            let further = offices.iter().any(|o| {
                std::iter::once(&o.title)
                    .chain(o.aliases.iter())
                    .any(|t| text[..sep].ends_with(t.as_str()))
            });
            if further {
                at = sep;
                continue;
            }
        }
        break;
    }
    (found, at)
}

/// Whether the chain starting at `start` is marked as past (时任, 原…), and the earliest year
/// (1900 or later) its sentence names before it: a sentence that names a year before the
/// document's is history.
fn history_marks(text: &str, start: usize) -> (bool, Option<u32>) {
    let before = &text[..start];
    let past = ["时任", "原", "前", "曾任", "历任", "已故"]
        .iter()
        .any(|m| before.ends_with(m));
    let sentence_start = before.rfind(['。', '！', '？', '\n', '；']).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let sentence = &text[sentence_start..start];
    let bytes = sentence.as_bytes();
    let earliest = sentence
        .match_indices('年')
        .filter_map(|(i, _)| {
            let four = i >= 4
                && bytes[i - 4..i].iter().all(u8::is_ascii_digit)
                && (i < 5 || !bytes[i - 5].is_ascii_digit());
            four.then(|| sentence[i - 4..i].parse::<u32>().ok())
                .flatten()
                .filter(|y| *y >= 1900)
        })
        .min();
    (past, earliest)
}

/// A holder's name written after a chain of offices, not yet judged: whether the chain is
/// wrong depends on the document's date alone, so the per-line analysis caches these and
/// judges them at assembly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// The name's span and its index in the table's names.
    name: Span,
    name_index: usize,
    /// The chain, nearest first: (start, office index, written title's length).
    chain: Vec<(usize, usize, usize)>,
    past: bool,
    earliest_year: Option<u32>,
}

impl Candidate {
    /// Where the finding would start: the chain's outermost office.
    pub(crate) fn span(&self) -> Span {
        let start = self.chain.last().map_or(self.name.start, |c| c.0);
        start..self.name.end
    }
}

/// The holders' names in `text` written right after a chain of offices.
pub(crate) fn candidates(text: &str) -> Vec<Candidate> {
    let Some(data) = data() else {
        return Vec::new();
    };
    let offices = &data.table.offices;
    let mut out = Vec::new();
    for m in data.ac.find_iter(text) {
        let (chain, chain_start) = chain_before(text, m.start(), offices);
        if chain.is_empty() {
            continue;
        }
        let (past, earliest_year) = history_marks(text, chain_start);
        let chain = chain
            .into_iter()
            .filter_map(|(start, office, written)| {
                let i = offices.iter().position(|o| std::ptr::eq(o, office))?;
                Some((start, i, written.len()))
            })
            .collect();
        out.push(Candidate {
            name: m.start()..m.end(),
            name_index: m.pattern().as_usize(),
            chain,
            past,
            earliest_year,
        });
    }
    out
}

/// The findings among `found` (candidates in `text`) for a document dated `dated`.
pub(crate) fn report(
    text: &str,
    found: &[Candidate],
    dated: Dated,
    config: &Config,
    out: &mut Vec<Diagnostic>,
) {
    let Some(data) = data() else { return };
    let offices = &data.table.offices;
    for c in found {
        if c.past || c.earliest_year.is_some_and(|y| y < dated.date.0) {
            continue;
        }
        let Some(name) = data.names.get(c.name_index) else {
            continue;
        };
        // One finding per name: the wrong offices of its chain, outermost first.
        let wrong: Vec<(usize, &Office, &str)> = c
            .chain
            .iter()
            .rev()
            .filter_map(|&(start, i, len)| {
                let office = offices.get(i)?;
                let written = text.get(start..start + len)?;
                Some((start, office, written))
            })
            .filter(|(_, office, _)| {
                parse_from(&office.covered_from).is_none_or(|c| dated.date >= c)
                    && !held(office, name, dated.date)
            })
            .collect();
        let Some(&(start, _, _)) = wrong.first() else {
            continue;
        };
        let message = wrong
            .iter()
            .map(|(_, office, written)| message(office, written, name, dated, config.locale))
            .collect::<Vec<_>>()
            .join(config.locale.pick("；".into(), "; ".into()).as_str());
        out.push(Diagnostic::new(
            INFO.id,
            INFO.default_severity,
            start..c.name.end,
            message,
        ));
    }
}

impl Rule for OfficeTitle {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        let mut found = candidates(doc.text);
        found.retain(|c| !doc.is_masked(&c.span()));
        if !found.is_empty() {
            report(doc.text, &found, document_date(doc, config), config, out);
        }
    }
}

fn message(office: &Office, written: &str, name: &str, dated: Dated, locale: Locale) -> String {
    let actual = holder_on(office, dated.date).map(|h| h.name.as_str());
    let tenures: Vec<String> = office
        .holders
        .iter()
        .filter(|h| h.name == name)
        .map(|h| {
            format!(
                "{}—{}",
                h.from.as_deref().unwrap_or("?"),
                h.until.as_deref().unwrap_or("")
            )
        })
        .collect();
    let zh = {
        let mut s = format!(
            "{name}在本文日期并非{written}（{}）",
            dated.describe(Locale::ZhCn)
        );
        if let Some(a) = actual {
            s.push_str(&format!("，其时{}为{a}", office.title));
        }
        if !tenures.is_empty() {
            s.push_str(&format!(
                "；{name}任{}：{}",
                office.title,
                tenures.join("，")
            ));
        }
        s
    };
    let en = {
        let mut s = format!(
            "{name} did not hold the office of {written} at this document's date ({})",
            dated.describe(Locale::En)
        );
        if let Some(a) = actual {
            s.push_str(&format!("; the holder then was {a}"));
        }
        if !tenures.is_empty() {
            s.push_str(&format!("; {name} held it {}", tenures.join(", ")));
        }
        s
    };
    locale.pick(zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Diagnostic> {
        super::super::testing::run(&OfficeTitle, text)
    }

    #[test]
    fn the_table_parses_and_cites_transcripts() {
        let d = data().expect("data/offices.json parses");
        assert!(d.table.offices.len() >= 8);
        for o in &d.table.offices {
            assert!(parse_from(&o.covered_from).is_some(), "{}", o.id);
            for h in &o.holders {
                assert!(!h.sources.is_empty(), "{} {}", o.id, h.name);
                for s in &h.sources {
                    assert!(s.url.starts_with("https://tv.cctv.com/"), "{}", s.url);
                    assert!(parse_from(&s.date).is_some());
                }
            }
        }
    }

    #[test]
    fn wrong_offices_in_2025_are_flagged() {
        for (t, wrong) in [
            (
                "2025年3月5日\n中共中央总书记、国家主席李强出席会议",
                vec!["中共中央总书记、国家主席李强"],
            ),
            (
                "2025年3月5日\n国务院总理李克强主持会议",
                vec!["国务院总理李克强"],
            ),
            (
                "2025年3月5日\n全国人大常委会委员长王沪宁出席",
                vec!["全国人大常委会委员长王沪宁"],
            ),
            (
                "2025年3月5日\n全国政协主席赵乐际出席",
                vec!["全国政协主席赵乐际"],
            ),
        ] {
            let d = run(t);
            let spans: Vec<&str> = d.iter().map(|x| &t[x.range.clone()]).collect();
            assert_eq!(spans, wrong, "{t}: {d:?}");
            assert!(d.iter().all(|x| x.severity == Severity::Error));
        }
        let d = run("2025年3月5日\n中共中央总书记、国家主席李强出席会议");
        assert!(
            d[0].message.contains("并非中共中央总书记") && d[0].message.contains("并非国家主席"),
            "{}",
            d[0].message
        );
        let d = run("2025年3月5日\n国务院总理李克强主持会议");
        assert!(
            d[0].message.contains("其时国务院总理为李强"),
            "{}",
            d[0].message
        );
        assert!(
            d[0].message.contains("2013-03-15—2023-03-11"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn right_offices_and_earlier_dates_pass() {
        for t in [
            // 新闻联播 2025-03-05 and 2018-03-18 wording.
            "2025年3月5日\n中共中央总书记、国家主席、中央军委主席习近平，中共中央政治局常委、国务院总理李强",
            "2025年3月5日\n中共中央政治局常委、全国人大常委会委员长赵乐际，全国政协主席王沪宁",
            "2020年3月5日\n国务院总理李克强主持会议",
            "2020年3月5日\n全国政协主席汪洋出席",
            "2023年3月11日\n国务院总理李强",
            // History in a 2025 document.
            "2025年3月5日\n时任国务院总理李克强出席",
            "2025年3月5日\n2014年，国务院总理李克强访问英国",
            "2025年3月5日\n国务院副总理何立峰、全国政协副主席王勇",
            // Before the table's coverage.
            "2010年3月5日\n国务院总理李克强",
        ] {
            assert!(run(t).is_empty(), "{t}: {:?}", run(t));
        }
    }
}
