//! Mines the background statistics of recurring phrases from published official text:
//! `data/formulas/background.tsv`, embedded by `src/engine/recurrence/background.rs`.
//!
//! ```sh
//! python3 eval/tools/extract_xwlb.py /work/.mirror/china-data+xwlb/repo \
//!     --from 2016-01-01 --to 2023-12-31 --days 700 --out /tmp/bg.jsonl
//! cargo run --release --example mine_formulas -- /tmp/bg.jsonl > /tmp/bg5.tsv
//! cargo run --release --example mine_directive -- /tmp/bg5.tsv /tmp/bg.jsonl \
//!     > data/formulas/background.tsv
//! ```
//!
//! The input is JSON lines in the `eval/published` shape (`id`, `text`, …); the years are
//! chosen so that none of it is in the evaluation corpus (2024-01..2026-06), which stays
//! held out. Every story is segmented with the engine's own segmenter (so phrases are cut
//! exactly as at run time) into Han words; punctuation and non-Han text separate clauses.
//! A suffix array over the word sequence yields every repeated word n-gram that is both
//! left- and right-maximal (its neighbours differ somewhere), and for each with enough
//! dispersion the output line gives:
//!
//! `phrase  df  left_entropy  right_entropy  lede_share`
//!
//! - `df`: stories containing it (dispersion across documents);
//! - `left_entropy`, `right_entropy`: entropy in bits of the word before / after it, a clause
//!   boundary counting as a distinct neighbour each time (boundary entropy: a low value means
//!   the phrase is usually part of a longer unit on that side);
//! - `lede_share`: the share of its stories in which it stands in the first paragraph
//!   (news frames such as 主持召开国务院常务会议 live in ledes; formulas anywhere).
//!
//! Lines are sorted by the phrase's UTF-8 bytes, so the engine can binary-search the text.
//! The engine reads a sixth column, `directive_share`, which `examples/mine_directive.rs` adds
//! to this output (see `data/formulas/README.md`).

use policy_lsp::engine::recurrence::{segment_paragraph, suffix, TokenKind};
use std::collections::HashMap;
use std::io::Write;

/// Fewest stories a phrase must stand in to be written out.
const MIN_DF: usize = 12;
/// Fewest and most Han characters of a written phrase.
const MIN_CHARS: usize = 4;
const MAX_CHARS: usize = 16;
/// Longest phrase considered, in words.
const MAX_WORDS: usize = 10;

fn entropy(counts: impl Iterator<Item = usize>) -> f64 {
    let counts: Vec<usize> = counts.collect();
    let total: usize = counts.iter().sum();
    if total == 0 {
        return 0.0;
    }
    let t = total as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / t;
            -p * p.log2()
        })
        .sum()
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: mine_formulas FILE.jsonl ...");
        std::process::exit(2);
    }
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut words: Vec<String> = Vec::new();
    // Word ids; clause boundaries are pushed as u32::MAX and renumbered to unique ids later.
    let mut seq: Vec<u32> = Vec::new();
    let mut story_of: Vec<u32> = Vec::new();
    let mut in_lede: Vec<bool> = Vec::new();
    let mut stories = 0u32;
    for path in &paths {
        let body = std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        });
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let text = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
            for (pi, para) in text.lines().enumerate() {
                for t in segment_paragraph(para).iter() {
                    let w = &para[t.start..t.end];
                    let id = if t.kind == TokenKind::Han {
                        let next = words.len() as u32;
                        *vocab.entry(w.to_string()).or_insert_with(|| {
                            words.push(w.to_string());
                            next
                        })
                    } else {
                        u32::MAX
                    };
                    if id == u32::MAX && seq.last() == Some(&u32::MAX) {
                        continue;
                    }
                    seq.push(id);
                    story_of.push(stories);
                    in_lede.push(pi == 0);
                }
                seq.push(u32::MAX);
                story_of.push(stories);
                in_lede.push(false);
            }
            stories += 1;
        }
    }
    let vocab_len = words.len() as u32;
    let mut next = vocab_len;
    for id in seq.iter_mut() {
        if *id == u32::MAX {
            *id = next;
            next += 1;
        }
    }
    eprintln!(
        "{stories} stories, {} positions, {vocab_len} words",
        seq.len()
    );
    let sa = suffix::suffix_array(&seq, next as usize);
    let lcp = suffix::lcp_array(&seq, &sa);
    let chars: Vec<usize> = words.iter().map(|w| w.chars().count()).collect();
    let is_word = |p: usize| seq[p] < vocab_len;
    const DIVERSE: u32 = u32::MAX;
    let leaf = |i: usize| match (sa[i] as usize).checked_sub(1) {
        Some(q) if is_word(q) => seq[q],
        _ => DIVERSE,
    };
    let merge = |a: u32, b: u32| if a == b { a } else { DIVERSE };
    let mut out: Vec<(String, usize, f64, f64, f64)> = Vec::new();
    suffix::lcp_intervals(&lcp, leaf, merge, |len, lb, rb, left| {
        if left != DIVERSE || len > MAX_WORDS || rb - lb + 1 < MIN_DF {
            return;
        }
        let p0 = sa[lb] as usize;
        if (p0..p0 + len).any(|p| !is_word(p)) {
            return;
        }
        let n_chars: usize = (p0..p0 + len).map(|p| chars[seq[p] as usize]).sum();
        if !(MIN_CHARS..=MAX_CHARS).contains(&n_chars) {
            return;
        }
        let occ = &sa[lb..=rb];
        let mut docs: Vec<(u32, bool)> = occ
            .iter()
            .map(|&p| (story_of[p as usize], in_lede[p as usize]))
            .collect();
        docs.sort_unstable();
        let mut df = 0usize;
        let mut lede = 0usize;
        let mut i = 0;
        while i < docs.len() {
            let d = docs[i].0;
            let mut any_lede = false;
            while i < docs.len() && docs[i].0 == d {
                any_lede |= docs[i].1;
                i += 1;
            }
            df += 1;
            lede += usize::from(any_lede);
        }
        if df < MIN_DF {
            return;
        }
        // Neighbours: a boundary (sentinel) is a distinct neighbour each time.
        let mut right: HashMap<u32, usize> = HashMap::new();
        let mut left: HashMap<u32, usize> = HashMap::new();
        let mut lone_right = 0usize;
        let mut lone_left = 0usize;
        for &p in occ {
            let p = p as usize;
            match seq.get(p + len) {
                Some(&w) if w < vocab_len => *right.entry(w).or_default() += 1,
                _ => lone_right += 1,
            }
            match p.checked_sub(1) {
                Some(q) if is_word(q) => *left.entry(seq[q]).or_default() += 1,
                _ => lone_left += 1,
            }
        }
        let re = entropy(
            right
                .values()
                .copied()
                .chain(std::iter::repeat_n(1, lone_right)),
        );
        let le = entropy(
            left.values()
                .copied()
                .chain(std::iter::repeat_n(1, lone_left)),
        );
        let phrase: String = (p0..p0 + len)
            .map(|p| words[seq[p] as usize].as_str())
            .collect();
        out.push((phrase, df, le, re, lede as f64 / df as f64));
    });
    out.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    out.dedup_by(|a, b| a.0 == b.0);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    for (phrase, df, le, re, lede) in &out {
        let _ = writeln!(w, "{phrase}\t{df}\t{le:.1}\t{re:.1}\t{lede:.2}");
    }
    eprintln!("{} phrases", out.len());
}
