//! Background statistics of phrases in published official text: how widely a phrase is
//! dispersed across documents and how varied its neighbours are, from
//! `data/formulas/background.tsv` (mined by `examples/mine_formulas.rs` from 10,553 新闻联播
//! stories of 2016–2023, none of them in the evaluation corpus; see `data/formulas/README.md`).
//!
//! The table is embedded as text, sorted by the phrases' UTF-8 bytes, and searched in place:
//! only an index of line starts is built, on first use.

use std::sync::OnceLock;

static DATA: &str = include_str!("../../../data/formulas/background.tsv");

/// What the background corpus says about one phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    /// Stories containing the phrase.
    pub df: u32,
    /// Entropy (bits) of the word before / after the phrase; low means the phrase is usually
    /// part of a longer unit on that side.
    pub left_entropy: f32,
    pub right_entropy: f32,
    /// Share of its stories in which it stands in the first paragraph (news frames).
    pub lede_share: f32,
    /// Share of its stories in which it stands in a paragraph reporting what the leadership
    /// or a meeting says or decides (`examples/mine_directive.rs`).
    pub directive_share: f32,
}

/// A phrase standing in at least this many background stories is a fixed formulation
/// (规范表述).
pub const FIXED_DF: u32 = 30;

/// Boundary entropy below this on a side: published text nearly always goes on across that
/// side, so where the phrase goes on into a fixed formulation (社会主义现代化|强国, 1.6 bits)
/// it is that formulation's piece, not a use of its own.
pub const PIECE_ENTROPY: f32 = 2.0;

/// A phrase standing in at least this many background stories' ledes in this share is a
/// news frame (主持召开国务院常务会议, 中共中央总书记习近平主持会议), not a formula.
pub const FRAME_LEDE_SHARE: f32 = 0.6;

/// A phrase standing in a paragraph that reports the leadership or a meeting in fewer than
/// this share of its background stories is a word of reportage: the name of a facility, a
/// body, a measure or an indicator a story tells its news with (社区卫生服务中心 0.15,
/// 全员核酸检测 0.14, 国际原子能机构 0.40), not a formula (党风廉政建设 0.92, 营商环境 0.53).
pub const REPORTAGE_SHARE: f32 = 0.45;

/// Boundary entropy below this on either side: the phrase is a fragment of a longer unit
/// (疫情防控和经济社会 is nearly always followed by 发展).
pub const MIN_BOUNDARY_ENTROPY: f32 = 1.5;

/// Boundary entropy below this on a side where the phrase is mostly followed (preceded) by a
/// noun in the document: it is a modifier of longer compounds there
/// (中国特色社会主义法治, right entropy 1.6: |理论, |体系, |道路).
pub const MODIFIER_ENTROPY: f32 = 2.5;

/// The same on the left of a noun phrase, which nouns before it modify more often than they
/// do a clause (中越|命运共同体建设, left entropy 3.1; 中国特色|社会主义事业, 3.2).
pub const NOUN_MODIFIER_ENTROPY: f32 = 3.3;

/// Boundary entropy at or above this on one side: published text shows the phrase ends
/// there, so a compound across that edge in a document doesn't make it a fragment.
pub const CROSSING_ENTROPY: f32 = 4.0;

fn line_starts() -> &'static [u32] {
    static STARTS: OnceLock<Vec<u32>> = OnceLock::new();
    STARTS.get_or_init(|| {
        let mut v = vec![0u32];
        v.extend(
            memchr::memchr_iter(b'\n', DATA.as_bytes())
                .map(|i| i as u32 + 1)
                .filter(|&i| (i as usize) < DATA.len()),
        );
        v
    })
}

fn line(i: usize) -> &'static str {
    let starts = line_starts();
    let s = starts[i] as usize;
    let e = starts.get(i + 1).map_or(DATA.len(), |&e| e as usize - 1);
    DATA[s..e].trim_end()
}

/// The background statistics of `phrase`, if it is in the table.
pub fn lookup(phrase: &str) -> Option<Stats> {
    let n = line_starts().len();
    let key = |i: usize| line(i).split('\t').next().unwrap_or("");
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match key(mid).as_bytes().cmp(phrase.as_bytes()) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return parse(line(mid)),
        }
    }
    None
}

fn parse(line: &str) -> Option<Stats> {
    let mut f = line.split('\t').skip(1);
    Some(Stats {
        df: f.next()?.parse().ok()?,
        left_entropy: f.next()?.parse().ok()?,
        right_entropy: f.next()?.parse().ok()?,
        lede_share: f.next()?.parse().ok()?,
        directive_share: f.next()?.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_parses() {
        let n = line_starts().len();
        assert!(n > 10_000, "{n}");
        for i in 1..n {
            let (a, b) = (line(i - 1), line(i));
            let ka = a.split('\t').next().unwrap();
            let kb = b.split('\t').next().unwrap();
            assert!(ka.as_bytes() < kb.as_bytes(), "{ka} {kb}");
            assert!(parse(b).is_some(), "{b}");
        }
    }

    #[test]
    fn formulas_frames_and_fragments() {
        let f = lookup("疫情防控和经济社会发展").unwrap();
        assert!(f.df >= 50 && f.lede_share < FRAME_LEDE_SHARE, "{f:?}");
        assert!(f.right_entropy >= MIN_BOUNDARY_ENTROPY, "{f:?}");
        let frame = lookup("主持召开国务院常务会议").unwrap();
        assert!(frame.lede_share >= FRAME_LEDE_SHARE, "{frame:?}");
        let cut = lookup("疫情防控和经济社会").unwrap();
        assert!(cut.right_entropy < MIN_BOUNDARY_ENTROPY, "{cut:?}");
        // What the leadership says and decides, and the words a report tells its news with.
        for formula in ["党风廉政建设", "新发展格局", "疫情防控和经济社会发展"]
        {
            let f = lookup(formula).unwrap();
            assert!(f.directive_share >= REPORTAGE_SHARE, "{formula} {f:?}");
        }
        for term in ["社区卫生服务中心", "全员核酸检测", "世界卫生组织"] {
            let f = lookup(term).unwrap();
            assert!(f.directive_share < REPORTAGE_SHARE, "{term} {f:?}");
        }
        assert_eq!(lookup("并不存在的短语"), None);
        assert_eq!(lookup(""), None);
    }
}
