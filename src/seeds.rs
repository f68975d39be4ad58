//! The five real meeting reports in `seeds/`, embedded for tests, benches and the demo.

pub const SEEDS: [(&str, &str); 5] = [
    (
        "000_aeb186bd1e0d189c.txt",
        include_str!("../seeds/000_aeb186bd1e0d189c.txt"),
    ),
    (
        "001_4a8d6fc6b0ac799a.txt",
        include_str!("../seeds/001_4a8d6fc6b0ac799a.txt"),
    ),
    (
        "002_890bb6c2d9a226d6.txt",
        include_str!("../seeds/002_890bb6c2d9a226d6.txt"),
    ),
    (
        "003_b7cc8050b06c14b8.txt",
        include_str!("../seeds/003_b7cc8050b06c14b8.txt"),
    ),
    (
        "004_7fc5e4630ff442c7.txt",
        include_str!("../seeds/004_7fc5e4630ff442c7.txt"),
    ),
];

pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    SEEDS.iter().copied()
}

/// A realistic large document of at least `target_bytes`, built from the seeds' sentences
/// with deterministic variation: each paragraph strings together a few consecutive sentences
/// from a random place in a random seed, with place names, dates and numbers varied. The
/// seeds' own formulas recur as they do in real reports, but whole paragraphs are not pasted
/// over and over (which would make every sentence a "recurring phrase"). Used by benchmarks,
/// the latency harness and tests.
pub fn corpus(target_bytes: usize) -> String {
    const PLACES: [&str; 8] = [
        "自治区",
        "全省",
        "我市",
        "我区",
        "全县",
        "各地",
        "本系统",
        "全州",
    ];
    let sentences: Vec<&str> = all()
        .flat_map(|(_, t)| t.lines())
        .map(str::trim)
        .flat_map(|l| l.split_inclusive(['。', '；', '！', '？']))
        .filter(|s| s.chars().count() > 6)
        .collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        // xorshift64*: deterministic, no dependency.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut out = String::with_capacity(target_bytes + 4096);
    let mut n = 0u64;
    while out.len() < target_bytes {
        n += 1;
        let start = (next() % sentences.len() as u64) as usize;
        let len = 2 + (next() % 6) as usize;
        if next() % 4 == 0 {
            out.push_str(&format!("{}月{}日，", 1 + next() % 12, 1 + next() % 28));
        }
        for s in sentences.iter().skip(start).take(len) {
            let mut s = s.to_string();
            for place in PLACES {
                if s.contains(place) && next() % 2 == 0 {
                    s = s.replace(place, PLACES[(next() % PLACES.len() as u64) as usize]);
                }
            }
            out.push_str(&s);
        }
        if n.is_multiple_of(7) {
            out.push_str(&format!("（第{n}段）"));
        }
        out.push('\n');
    }
    out
}

/// `corpus` with its half-width punctuation fixed, like a document drafted in an editor
/// (the scraped seeds use half-width marks throughout, which would put a diagnostic on
/// almost every clause).
pub fn clean_corpus(target_bytes: usize) -> String {
    use crate::engine::{analyze, apply_edits, select_fixes, Config};
    let dirty = corpus(target_bytes);
    let analysis = analyze(&dirty, &Config::default());
    let (edits, _) = select_fixes(&analysis, Some("halfwidth-punct"));
    apply_edits(&dirty, &edits)
}

/// `text` with one character inserted; `k` picks where and which, so that successive
/// iterations edit different places (benches, `examples/keystroke_cost`) and never find their edited line cached.
pub fn one_char_edit(text: &str, k: usize) -> String {
    const CHARS: [char; 8] = ['的', '，', '要', 'a', '、', '“', '〇', '𠮷'];
    let mut at = k.wrapping_mul(7919) % text.len().max(1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut out = String::with_capacity(text.len() + 4);
    out.push_str(&text[..at]);
    out.push(CHARS[(k / 1013) % CHARS.len()]);
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn corpus_is_deterministic_large_and_varied() {
        let a = super::corpus(200_000);
        assert!(a.len() >= 200_000);
        assert_eq!(a, super::corpus(200_000));
        let lines: std::collections::HashSet<&str> = a.lines().collect();
        assert!(lines.len() > a.lines().count() / 3);
    }
}
