//! A document prepared once for all rules: its paragraphs, the spans no rule should look at
//! (web residue) and the date it bears.

use super::text;
use super::types::Span;
use regex::Regex;
use std::sync::OnceLock;

/// A calendar date `(year, month, day)`; comparable, so era checks can use `<`.
pub type Date = (u32, u32, u32);

pub struct Document<'a> {
    pub text: &'a str,
    /// Non-blank lines, trimmed.
    pub paragraphs: Vec<Span>,
    /// Spans that other rules must not analyse (page furniture, injected spam). Sorted.
    pub masked: Vec<Span>,
    /// The date from the document's dateline, if it has one.
    pub date: Option<Date>,
    /// The web-residue runs behind `masked`, when `prepare` found them (so the `web-residue`
    /// rule need not search again).
    pub residue: Option<Vec<super::residue::ResidueRun<'static>>>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, masked: Vec<Span>) -> Self {
        Document {
            text,
            paragraphs: text::paragraphs(text),
            masked,
            date: dateline_date(text),
            residue: None,
        }
    }

    /// The document as `analyze` sees it: residue found once, and masked for the other rules.
    pub fn prepare(text: &'a str) -> Self {
        let runs = super::residue::find(text);
        let mut doc = Document::new(text, super::residue::spans(&runs));
        doc.residue = Some(runs);
        doc
    }

    pub fn is_masked(&self, span: &Span) -> bool {
        is_masked(&self.masked, span)
    }
}

/// Whether `span` overlaps one of `masked`. When `masked` is sorted and disjoint (as residue
/// runs are), only the first mask ending after `span.start` can overlap it, so a binary
/// search replaces the scan.
pub fn is_masked(masked: &[Span], span: &Span) -> bool {
    if !sorted_disjoint(masked) {
        return masked.iter().any(|m| text::overlaps(m, span));
    }
    is_masked_sorted(masked, span)
}

/// Whether the spans are in order and do not overlap (what [`is_masked_sorted`] needs).
pub fn sorted_disjoint(masked: &[Span]) -> bool {
    masked.iter().all(|m| m.start <= m.end) && masked.windows(2).all(|w| w[0].end <= w[1].start)
}

/// [`is_masked`] for spans known to be [`sorted_disjoint`].
pub fn is_masked_sorted(masked: &[Span], span: &Span) -> bool {
    let i = masked.partition_point(|m| m.end <= span.start);
    masked.get(i).is_some_and(|m| text::overlaps(m, span))
}

/// The first full date (2020-02-23, 2020/2/23, 2020年2月23日) in the first lines of a document,
/// where meeting reports carry their dateline.
pub fn dateline_date(text: &str) -> Option<Date> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})").expect("valid")
    });
    let mut head_end = text.len().min(2000);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let caps = re.captures(&text[..head_end])?;
    let y: u32 = caps[1].parse().ok()?;
    let m: u32 = caps[2].parse().ok()?;
    let d: u32 = caps[3].parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_dateline_of_seed_000() {
        let t = include_str!("../../seeds/000_aeb186bd1e0d189c.txt");
        assert_eq!(dateline_date(t), Some((2020, 2, 23)));
    }

    #[test]
    fn reads_chinese_dates_and_ignores_impossible_ones() {
        assert_eq!(dateline_date("2021年11月11日，会议"), Some((2021, 11, 11)));
        assert_eq!(dateline_date("编号 2020-13-45"), None);
        assert_eq!(dateline_date("无日期"), None);
    }
}
