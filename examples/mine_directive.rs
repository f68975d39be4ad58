//! Adds the `directive_share` column to the background table: for each phrase of
//! `data/formulas/background.tsv`, the share of the background stories holding it in which it
//! stands in a paragraph that reports what the leadership or a meeting says or decides (one
//! holding a word of [`DIRECTIVE_MARKERS`]).
//!
//! ```sh
//! cargo run --release --example mine_directive -- data/formulas/background.tsv /tmp/bg.jsonl \
//!     > /tmp/background.tsv && mv /tmp/background.tsv data/formulas/background.tsv
//! ```
//!
//! `/tmp/bg.jsonl` is the corpus `examples/mine_formulas.rs` mines the table from (see
//! `data/formulas/README.md`). The other columns are copied unchanged, so the column can be
//! added to (or recomputed in) a table without mining it again. Phrases are found as
//! substrings of each paragraph, so every story holding the phrase counts, however it is
//! segmented.
//!
//! Political formulas are the language of what is said and decided (党风廉政建设 0.92,
//! 新发展格局 0.77); the words a report uses to tell its news are not (社区卫生服务中心 0.15,
//! 全员核酸检测 0.14, 国际原子能机构 0.40).

use aho_corasick::AhoCorasick;
use std::io::Write;

/// Words that make a paragraph one reporting what the leadership or a meeting says or
/// decides: the leader, the Party centre, the verbs that report a directive, a meeting.
const DIRECTIVE_MARKERS: &[&str] = &["习近平", "总书记", "党中央", "强调", "指出", "要求", "会议"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: mine_directive BACKGROUND.tsv CORPUS.jsonl ...");
        std::process::exit(2);
    }
    let read = |path: &str| {
        std::fs::read_to_string(path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        })
    };
    let table = read(&args[0]);
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').take(5).collect())
        .collect();
    let phrases: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    let finder = AhoCorasick::new(&phrases).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    let markers = AhoCorasick::new(DIRECTIVE_MARKERS).expect("fixed patterns build");
    let mut stories = vec![0u32; phrases.len()];
    let mut directive = vec![0u32; phrases.len()];
    // The last story each phrase was counted in, anywhere and in a directive paragraph.
    let mut seen = vec![u32::MAX; phrases.len()];
    let mut seen_directive = vec![u32::MAX; phrases.len()];
    let mut n = 0u32;
    for path in &args[1..] {
        for line in read(path).lines().filter(|l| !l.trim().is_empty()) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let text = v.get("text").and_then(|t| t.as_str()).unwrap_or("");
            for para in text.lines() {
                let is_directive = markers.is_match(para);
                for m in finder.find_overlapping_iter(para) {
                    let i = m.pattern().as_usize();
                    if seen[i] != n {
                        seen[i] = n;
                        stories[i] += 1;
                    }
                    if is_directive && seen_directive[i] != n {
                        seen_directive[i] = n;
                        directive[i] += 1;
                    }
                }
            }
            n += 1;
        }
    }
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    for (i, row) in rows.iter().enumerate() {
        let share = f64::from(directive[i]) / f64::from(stories[i].max(1));
        let _ = writeln!(w, "{}\t{share:.2}", row.join("\t"));
    }
    eprintln!("{n} stories, {} phrases", rows.len());
}
