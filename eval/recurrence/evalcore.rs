//! The recurrence evaluation, shared by `examples/recurrence_eval.rs` (figures) and
//! `tests/recurrence_eval.rs` (the precision gate); included in both with `#[path]`.
//!
//! Stories are read from JSON lines in the `eval/published` shape, plus the five seeds;
//! each is analysed on its own with the default configuration, as `published_counts` does
//! (dateline prepended). Annotations (`eval/recurrence/annotations.tsv`) judge distinct
//! flagged phrases: `formula` (a formula or fixed formulation), `repeat` (a genuine close
//! repeat of the document's own wording), `fragment` (starts or ends mid-constituent, cuts
//! a name, number or date), `entity` (a name, title chain, place, organisation or the
//! document's topic), `frame` (a news frame every report uses).
#![allow(dead_code)]

use policy_lsp::engine::{self, config::Config, types::Severity};
use std::collections::{BTreeMap, BTreeSet};

pub const RULE: &str = "recurring-phrase";

pub use super::stories::{read_jsonl, Story};

pub fn seeds() -> Vec<Story> {
    policy_lsp::seeds::all()
        .map(|(name, text)| Story {
            id: format!("seed-{}", &name[..3]),
            url: format!("seeds/{name}"),
            text: text.to_string(),
        })
        .collect()
}

/// The evaluation set: every story of the files plus the seeds, or only those named.
pub fn load(files: &[&str], only: Option<&BTreeSet<String>>) -> Result<Vec<Story>, String> {
    let mut all = seeds();
    for f in files {
        all.extend(read_jsonl(f)?);
    }
    if let Some(ids) = only {
        all.retain(|s| ids.contains(&s.id));
    }
    Ok(all)
}

pub struct Flag {
    pub story: usize,
    pub range: std::ops::Range<usize>,
    pub phrase: String,
    pub severity: Severity,
    pub message: String,
}

pub fn run(stories: &[Story], config: &Config) -> Vec<Flag> {
    let mut out = Vec::new();
    for (i, s) in stories.iter().enumerate() {
        for d in engine::analyze(&s.text, config).diagnostics {
            if d.rule == RULE {
                out.push(Flag {
                    story: i,
                    phrase: s.text[d.range.clone()].to_string(),
                    range: d.range,
                    severity: d.severity,
                    message: d.message,
                });
            }
        }
    }
    out
}

/// The labels of an annotation file (`phrase<TAB>label<TAB>story<TAB>note`). A label is a
/// judgement of a phrase in one story; a phrase judged in several stories has a row for
/// each, and the last row of a phrase is its label wherever it has none of its own.
#[derive(Debug, Default)]
pub struct Annotations {
    /// phrase -> story -> label.
    in_story: BTreeMap<String, BTreeMap<String, String>>,
    last: BTreeMap<String, String>,
}

impl Annotations {
    /// The label of `phrase` flagged first in the story `story_id`: the one judged there, or
    /// else the phrase's last label (judged in another story).
    pub fn get(&self, phrase: &str, story_id: &str) -> Option<&str> {
        self.in_story
            .get(phrase)
            .and_then(|stories| stories.get(story_id))
            .or_else(|| self.last.get(phrase))
            .map(String::as_str)
    }

    /// Whether `phrase` was judged in `story_id` itself.
    pub fn judged_in(&self, phrase: &str, story_id: &str) -> bool {
        self.in_story
            .get(phrase)
            .is_some_and(|stories| stories.contains_key(story_id))
    }
}

pub fn read_annotations(path: &str) -> Result<Annotations, String> {
    let body = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = Annotations::default();
    for (n, line) in body.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [phrase, label, ..] = cols[..] else {
            return Err(format!("{path}:{}: expected phrase<TAB>label…", n + 1));
        };
        if !["formula", "repeat", "fragment", "entity", "frame"].contains(&label) {
            return Err(format!("{path}:{}: unknown label {label}", n + 1));
        }
        if let Some(story) = cols.get(2).filter(|s| !s.is_empty()) {
            out.in_story
                .entry(phrase.to_string())
                .or_default()
                .insert(story.to_string(), label.to_string());
        }
        out.last.insert(phrase.to_string(), label.to_string());
    }
    Ok(out)
}

#[derive(Debug, Default)]
pub struct Metrics {
    pub stories: usize,
    pub chars: usize,
    pub findings: usize,
    /// Findings at information severity or above.
    pub info_plus: usize,
    /// Findings overlapping another recurring finding of the same story.
    pub overlapping: usize,
    pub distinct: usize,
    pub annotated: usize,
    /// Annotated distinct phrases judged formula or genuine close repeat.
    pub genuine: usize,
    pub fragments: usize,
    pub unannotated: Vec<(String, usize)>,
    /// Phrases flagged first in a story they were not judged in (their label comes from
    /// another story): to judge again where the rule now shows them.
    pub moved: Vec<(String, usize)>,
}

impl Metrics {
    pub fn per_1000(&self, n: usize) -> f64 {
        n as f64 * 1000.0 / self.chars.max(1) as f64
    }
    pub fn precision(&self) -> f64 {
        self.genuine as f64 / self.annotated.max(1) as f64
    }
    pub fn fragment_rate(&self) -> f64 {
        self.fragments as f64 / self.annotated.max(1) as f64
    }
}

pub fn metrics(stories: &[Story], flags: &[Flag], ann: &Annotations) -> Metrics {
    let mut m = Metrics {
        stories: stories.len(),
        chars: stories.iter().map(|s| s.text.chars().count()).sum(),
        findings: flags.len(),
        info_plus: flags
            .iter()
            .filter(|f| f.severity <= Severity::Information)
            .count(),
        ..Metrics::default()
    };
    for (i, f) in flags.iter().enumerate() {
        let overlaps = flags.iter().enumerate().any(|(j, g)| {
            j != i
                && g.story == f.story
                && g.range.start < f.range.end
                && f.range.start < g.range.end
        });
        m.overlapping += usize::from(overlaps);
    }
    let mut first_story: BTreeMap<&str, usize> = BTreeMap::new();
    for f in flags {
        first_story.entry(&f.phrase).or_insert(f.story);
    }
    m.distinct = first_story.len();
    for (phrase, story) in first_story {
        let id = &stories[story].id;
        match ann.get(phrase, id) {
            Some(label) => {
                if !ann.judged_in(phrase, id) {
                    m.moved.push((phrase.to_string(), story));
                }
                m.annotated += 1;
                m.genuine += usize::from(label == "formula" || label == "repeat");
                m.fragments += usize::from(label == "fragment");
            }
            None => m.unannotated.push((phrase.to_string(), story)),
        }
    }
    m
}
