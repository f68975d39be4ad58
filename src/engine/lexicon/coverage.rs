//! How much of the quoted numbered slogans of published national news the lexicon knows.
//! The slogans and their counts are `lexicon/coverage/xwlb-2022-2026.tsv`, derived from
//! 新闻联播 transcripts by `lexicon/coverage/extract.py` (provenance in its header).

use super::{unknown_numbered_slogans, Lexicon};

/// The share of occurrences known, and the unknown slogans with their counts (most frequent
/// first).
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub occurrences: u64,
    pub known: u64,
    pub unknown: Vec<(String, u64)>,
}

impl Coverage {
    pub fn share(&self) -> f64 {
        if self.occurrences == 0 {
            return 1.0;
        }
        self.known as f64 / self.occurrences as f64
    }
}

/// Coverage of `tsv` (rows `term<TAB>occurrences<TAB>…`, `#` comments and a header row) by
/// `lexicon`: a slogan is known when, written in quotation marks, it is not reported as an
/// unknown numbered slogan, i.e. a lexicon name covers it.
pub fn coverage(tsv: &str, lexicon: &Lexicon) -> Coverage {
    let mut c = Coverage {
        occurrences: 0,
        known: 0,
        unknown: Vec::new(),
    };
    for line in tsv.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let mut cols = line.split('\t');
        let (Some(term), Some(Ok(n))) = (cols.next(), cols.next().map(str::parse::<u64>)) else {
            continue;
        };
        c.occurrences += n;
        if unknown_numbered_slogans(&format!("“{term}”"), lexicon).is_empty() {
            c.known += n;
        } else {
            c.unknown.push((term.to_string(), n));
        }
    }
    c.unknown
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    const XWLB: &str = include_str!("../../../lexicon/coverage/xwlb-2022-2026.tsv");

    /// `cargo test --lib coverage -- --nocapture` prints the share and the most frequent
    /// slogans the lexicon lacks.
    #[test]
    fn coverage_of_numbered_slogans_in_national_news_2022_2026() {
        let c = coverage(XWLB, Lexicon::builtin());
        assert!(c.occurrences > 10_000, "{}", c.occurrences);
        let top: Vec<String> = c
            .unknown
            .iter()
            .take(30)
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        println!(
            "lexicon knows {} of {} occurrences ({:.1}%); most frequent unknown: {}",
            c.known,
            c.occurrences,
            c.share() * 100.0,
            top.join("，")
        );
        assert!(c.share() >= 0.90, "coverage {:.3}", c.share());
    }

    #[test]
    fn an_empty_lexicon_knows_nothing() {
        let empty = Lexicon::default();
        let tsv = "# c\nterm\toccurrences\n两新\t3\n六稳\t2\n";
        let c = coverage(tsv, &empty);
        assert_eq!((c.occurrences, c.known), (5, 0));
        assert_eq!(c.unknown[0], ("两新".to_string(), 3));
        let c = coverage(tsv, Lexicon::builtin());
        assert!(c.known >= 2, "六稳 is built in: {c:?}");
    }
}
