//! Web residue: page furniture left in a text copied from a web page (site maps, download
//! walls, copyright and ICP lines, view counters, share widgets) and SEO spam injected into
//! the text. The patterns are data, in `data/residue.json` (documented in `data/README.md`),
//! embedded at build time and compiled once.
//!
//! Each pattern is matched against one paragraph (a trimmed line) at a time, so `^` and `$`
//! mean the paragraph's start and end. A `line`-scoped pattern marks the whole paragraph, a
//! `run`-scoped one only the matched text. `analyze` masks every run so that no other rule
//! analyses it, and the `web-residue` rule reports them.

use super::config::Locale;
use super::text;
use super::types::Span;
use regex::Regex;
use serde::Deserialize;
use std::sync::OnceLock;

/// The embedded pattern list.
pub const RESIDUE_JSON: &str = include_str!("../../data/residue.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The pattern is a plain string.
    Literal,
    /// The pattern is a `regex` crate regular expression.
    Regex,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Only the matched text is residue.
    Run,
    /// The whole line (paragraph) holding the match is residue.
    Line,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    /// Anywhere in the document.
    #[default]
    Any,
    /// Only among the first or last three paragraphs, where page headers and footers sit.
    Edge,
}

/// One entry of `data/residue.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternSpec {
    pub id: String,
    pub kind: Kind,
    pub pattern: String,
    pub reason_zh: String,
    pub reason_en: String,
    pub scope: Scope,
    #[serde(default)]
    pub position: Position,
    /// A line-scoped pattern marks only paragraphs of at most this many characters. This is
    /// how a footer pattern stays off content paragraphs: `^[^。]*(?:ICP\s*备|…)[^。]*$` with
    /// `max_chars` 170, rather than bounded repetitions (`[^。]{0,80}`), whose compiled forms
    /// are hundreds of states and whose matching caches grew ~1 MB per pattern and thread.
    #[serde(default)]
    pub max_chars: Option<usize>,
    /// Texts the pattern must flag (checked by a test).
    pub examples: Vec<String>,
    /// Legitimate texts the pattern must leave alone (checked by a test).
    #[serde(default)]
    pub counterexamples: Vec<String>,
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Pattern {
    pub spec: PatternSpec,
    regex: Regex,
}

impl Pattern {
    pub fn reason(&self, locale: Locale) -> &str {
        match locale {
            Locale::ZhCn => &self.spec.reason_zh,
            Locale::En => &self.spec.reason_en,
        }
    }
}

/// Whether `line` has more than `n` characters.
fn longer_than(line: &str, n: usize) -> bool {
    // A character is at most four bytes and at least one.
    line.len() > n.saturating_mul(4) || (line.len() > n && line.chars().nth(n).is_some())
}

/// The compiled pattern table.
#[derive(Debug)]
pub struct Table {
    pub patterns: Vec<Pattern>,
}

impl Table {
    /// Parses and compiles a pattern list in the `data/residue.json` format.
    pub fn from_json(json: &str) -> Result<Table, String> {
        let specs: Vec<PatternSpec> = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut patterns = Vec::with_capacity(specs.len());
        for spec in specs {
            let source = match spec.kind {
                Kind::Literal => regex::escape(&spec.pattern),
                Kind::Regex => spec.pattern.clone(),
            };
            if spec.pattern.is_empty() {
                return Err(format!("{}: empty pattern", spec.id));
            }
            let regex = Regex::new(&source).map_err(|e| format!("{}: {e}", spec.id))?;
            patterns.push(Pattern { spec, regex });
        }
        Ok(Table { patterns })
    }

    /// The residue runs of `text`, sorted, not overlapping.
    pub fn find<'t>(&'t self, text: &str) -> Vec<ResidueRun<'t>> {
        let paragraphs = text::paragraphs(text);
        let n = paragraphs.len();
        let mut out = Vec::new();
        for (index, para) in paragraphs.iter().enumerate() {
            out.extend(self.find_in_paragraph(text, para, at_edge(index, n)));
        }
        out
    }

    /// The residue runs of one paragraph of `text`, sorted, not overlapping. Runs never cross
    /// paragraphs, so a document's runs are its paragraphs' runs in order; a paragraph's
    /// runs depend only on its text and on whether it is at the document's edge.
    pub fn find_in_paragraph<'t>(
        &'t self,
        text: &str,
        para: &Span,
        at_edge: bool,
    ) -> Vec<ResidueRun<'t>> {
        let line = &text[para.clone()];
        let mut runs: Vec<ResidueRun> = Vec::new();
        // One regex at a time: a RegexSet of these Unicode patterns overflows the lazy
        // DFA's cache on large documents and is many times slower.
        for pattern in &self.patterns {
            if pattern.spec.position == Position::Edge && !at_edge
                || pattern.spec.max_chars.is_some_and(|n| longer_than(line, n))
            {
                continue;
            }
            match pattern.spec.scope {
                Scope::Line if pattern.regex.is_match(line) => runs.push(ResidueRun {
                    span: para.clone(),
                    pattern,
                    whole_line: true,
                }),
                Scope::Line => {}
                Scope::Run => {
                    for m in pattern.regex.find_iter(line) {
                        if m.start() < m.end() {
                            runs.push(ResidueRun {
                                span: para.start + m.start()..para.start + m.end(),
                                pattern,
                                whole_line: false,
                            });
                        }
                    }
                }
            }
        }
        // Whole lines first at equal starts, then drop runs inside an earlier one and merge
        // partial overlaps into the earlier run.
        runs.sort_by_key(|r| (r.span.start, std::cmp::Reverse(r.span.end)));
        let mut out: Vec<ResidueRun> = Vec::with_capacity(runs.len());
        for r in runs {
            match out.last_mut() {
                Some(last) if r.span.start < last.span.end => {
                    last.span.end = last.span.end.max(r.span.end);
                }
                _ => out.push(r),
            }
        }
        out
    }
}

/// Whether paragraph `index` of `n` is among the first or last three, where `edge` patterns
/// apply.
pub fn at_edge(index: usize, n: usize) -> bool {
    index < 3 || index + 3 >= n
}

/// One stretch of residue.
#[derive(Debug, Clone)]
pub struct ResidueRun<'t> {
    pub span: Span,
    pub pattern: &'t Pattern,
    /// The run is a whole paragraph (line); deleting it should delete the line.
    pub whole_line: bool,
}

impl ResidueRun<'_> {
    pub fn reason(&self, locale: Locale) -> &str {
        self.pattern.reason(locale)
    }
}

/// The built-in table from `data/residue.json`. An invalid file (caught by the tests) yields
/// an empty table rather than a panic.
pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        Table::from_json(RESIDUE_JSON).unwrap_or_else(|_| Table {
            patterns: Vec::new(),
        })
    })
}

/// The residue runs of `text` according to the built-in patterns.
pub fn find(text: &str) -> Vec<ResidueRun<'static>> {
    table().find(text)
}

/// The spans of `runs`, for `Document::new`.
pub fn spans(runs: &[ResidueRun]) -> Vec<Span> {
    runs.iter().map(|r| r.span.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::SEEDS;

    fn flagged(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r.span]).collect()
    }

    #[test]
    fn max_chars_keeps_a_footer_pattern_off_longer_paragraphs() {
        assert!(longer_than("四个字符", 3) && !longer_than("四个字符", 4));
        assert!(longer_than("abcd", 3) && !longer_than("𠮷𠮷", 2));
        let footer = "网站标识码：4100000001";
        assert_eq!(flagged(footer), vec![footer]);
        // The same words closing a long paragraph without a full stop are content.
        let long = "各地要按照要求".repeat(30) + "，公布网站标识码";
        assert!(flagged(&long).is_empty());
    }

    #[test]
    fn the_embedded_table_compiles() {
        let t = Table::from_json(RESIDUE_JSON).expect("data/residue.json is valid");
        assert!(t.patterns.len() >= 15);
        let mut ids = std::collections::HashSet::new();
        for p in &t.patterns {
            assert!(ids.insert(p.spec.id.clone()), "duplicate id {}", p.spec.id);
            assert!(!p.spec.reason_zh.is_empty() && !p.spec.reason_en.is_empty());
            assert!(!p.spec.examples.is_empty(), "{} has no example", p.spec.id);
        }
    }

    #[test]
    fn every_pattern_flags_its_examples_and_spares_its_counterexamples() {
        let t = Table::from_json(RESIDUE_JSON).unwrap();
        for p in &t.patterns {
            for ex in &p.spec.examples {
                let runs = t.find(ex);
                assert!(
                    runs.iter().any(|r| r.pattern.spec.id == p.spec.id),
                    "{} does not flag its example {ex:?}",
                    p.spec.id
                );
            }
            for ex in &p.spec.counterexamples {
                let runs = t.find(ex);
                assert!(
                    runs.is_empty(),
                    "{ex:?} (counterexample of {}) flagged by {:?}",
                    p.spec.id,
                    runs.iter().map(|r| &r.pattern.spec.id).collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn bad_tables_are_rejected_with_the_pattern_id() {
        let bad = r#"[{"id":"x","kind":"regex","pattern":"(","reason_zh":"a","reason_en":"b","scope":"run","examples":[]}]"#;
        assert!(Table::from_json(bad).unwrap_err().contains('x'));
        let unknown = r#"[{"id":"x","kind":"glob","pattern":"a","reason_zh":"a","reason_en":"b","scope":"run","examples":[]}]"#;
        assert!(Table::from_json(unknown).is_err());
    }

    #[test]
    fn seed_002_spam_is_one_run_each_time_it_occurs() {
        let t = SEEDS[2].1;
        let spam = "90分钟足球网_bet36亚洲体育¥在线官网";
        let got = flagged(t);
        assert_eq!(got.len(), t.matches(spam).count(), "{got:?}");
        assert!(got.iter().all(|g| *g == spam), "{got:?}");
    }

    #[test]
    fn seed_001_site_name_view_count_and_site_map() {
        let t = SEEDS[1].1;
        assert_eq!(flagged(t), vec!["博源国际", "浏览量 :4864", "XML地图"]);
    }

    #[test]
    fn seed_004_download_page_furniture() {
        let t = SEEDS[4].1;
        let got = flagged(t);
        assert_eq!(
            got,
            vec![
                "整理文档很辛苦,赏杯茶钱您下走!",
                "免费阅读已结束,点击下载阅读编辑剩下 ...",
                "阅读已结束,您可以下载文档离线阅读编辑",
                "资源描述",
                "1 / 8",
                "下载文档,编辑使用",
                "©2015-2020 m.777doc.com 三七文档.",
                "备案号:鲁ICP备2024069028号-1 客服联系 QQ:2149211541",
                "×",
                "保存成功",
            ]
        );
    }

    #[test]
    fn legitimate_lines_of_seeds_000_and_003_are_left_alone() {
        // Seed 003 ends with a report hotline and mail address, seed 000 has an author line:
        // both are content.
        assert!(flagged(SEEDS[0].1).is_empty(), "{:?}", flagged(SEEDS[0].1));
        assert!(flagged(SEEDS[3].1).is_empty(), "{:?}", flagged(SEEDS[3].1));
    }

    #[test]
    fn site_names_only_at_the_edges() {
        let mut t = String::from("标题\n导语。\n");
        for _ in 0..5 {
            t.push_str("会议指出,要坚持。\n");
        }
        t.push_str("金沙娱乐城\n");
        for _ in 0..5 {
            t.push_str("会议强调,要坚持。\n");
        }
        assert!(flagged(&t).is_empty());
        t.push_str("金沙娱乐城\n");
        assert_eq!(flagged(&t), vec!["金沙娱乐城"]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["", "\r", "\n\n", "𠮷_bet体育", "é\u{301}×", "×\r\n×"] {
            let _ = find(t);
        }
    }
}
