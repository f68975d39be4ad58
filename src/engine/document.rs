//! A document prepared once for all rules: its paragraphs, the spans no rule should look at
//! (web residue) and the date it bears.

pub use super::paragraphs::Paragraphs;
use super::text;
use super::types::Span;
use regex::Regex;
use std::sync::OnceLock;

/// A calendar date `(year, month, day)`; comparable, so era checks can use `<`.
pub type Date = (u32, u32, u32);

pub struct Document<'a> {
    pub text: &'a str,
    /// Non-blank lines, trimmed.
    pub paragraphs: Paragraphs,
    /// Spans that other rules must not analyse (page furniture, injected spam). Sorted.
    pub masked: Vec<Span>,
    /// The date from the document's dateline, if it has one.
    pub date: Option<Date>,
    /// The web-residue runs behind `masked`, when `prepare` found them (so the `web-residue`
    /// rule need not search again).
    pub residue: Option<Vec<super::residue::ResidueRun<'static>>>,
    /// Markdown code fences ([`code_fences`]), also part of `masked`: no rule, not even
    /// `web-residue`, reports anything inside them. Sorted.
    pub fenced: Vec<Span>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, masked: Vec<Span>) -> Self {
        Document {
            text,
            paragraphs: text::paragraphs(text).into_iter().collect(),
            masked,
            date: dateline_date(text),
            residue: None,
            fenced: Vec::new(),
        }
    }

    /// The document as `analyze` sees it: residue found once, and masked for the other rules
    /// together with Markdown code fences (residue inside a fence is code, not residue).
    pub fn prepare(text: &'a str) -> Self {
        let fenced = code_fences(text);
        let mut runs = super::residue::find(text);
        runs.retain(|r| !is_masked(&fenced, &r.span));
        let masked = with_fences(super::residue::spans(&runs), &fenced);
        let mut doc = Document::new(text, masked);
        doc.residue = Some(runs);
        doc.fenced = fenced;
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

/// The Markdown code fences of `text`: from a line opening a fence (at most three spaces,
/// then three or more backticks or tildes; an opening backtick fence's info string has no
/// backtick) to the line closing it (the same character, at least as many, nothing else) or
/// to the end of the text when none does, terminators included. A text without such a line
/// (every ordinary report) has none. Indented code blocks are not recognised on purpose:
/// Chinese drafts indent their paragraphs with spaces.
pub fn code_fences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    // Asked on every keystroke of every document: one vectorised pass for either character
    // (two `memmem` passes cost 0.6 M instructions per 1 MB keystroke; str's two-way search
    // 6 M, more than the edit's own analysis).
    let bytes = text.as_bytes();
    let fence_run = memchr::memchr2_iter(b'`', b'~', bytes).any(|i| {
        let run = &bytes[i..];
        run.starts_with(b"```") || run.starts_with(b"~~~")
    });
    if !fence_run {
        return out;
    }
    let lines = text::lines(text);
    // (fence character, its length, where the fence started)
    let mut open: Option<(u8, usize, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let s = &text[line.clone()];
        let Some((c, n, rest)) = fence_marker(s) else {
            continue;
        };
        match open {
            None => {
                if c == b'`' && rest.contains('`') {
                    continue; // inline code such as ```a``` b, not a fence
                }
                open = Some((c, n, line.start));
            }
            Some((oc, on, start)) => {
                if c == oc && n >= on && rest.trim().is_empty() {
                    let end = lines.get(i + 1).map_or(text.len(), |next| next.start);
                    out.push(start..end);
                    open = None;
                }
            }
        }
    }
    if let Some((_, _, start)) = open {
        out.push(start..text.len());
    }
    out
}

/// A fence line's character, its run length and what follows the run.
fn fence_marker(line: &str) -> Option<(u8, usize, &str)> {
    let indent = line.bytes().take_while(|&b| b == b' ').count();
    if indent > 3 {
        return None;
    }
    let body = &line[indent..];
    let c = *body.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = body.bytes().take_while(|&b| b == c).count();
    (n >= 3).then(|| (c, n, &body[n..]))
}

/// `masked` (sorted, disjoint) with `fences` added: sorted and disjoint again, masks inside a
/// fence absorbed by it.
pub fn with_fences(masked: Vec<Span>, fences: &[Span]) -> Vec<Span> {
    if fences.is_empty() {
        return masked;
    }
    let mut all: Vec<Span> = masked
        .into_iter()
        .filter(|m| !is_masked(fences, m))
        .chain(fences.iter().cloned())
        .collect();
    all.sort_by_key(|m| (m.start, m.end));
    all
}

/// The first full date (2020-02-23, 2020/2/23, 2020年2月23日) in the first lines of a document,
/// where meeting reports carry their dateline.
pub fn dateline_date(text: &str) -> Option<Date> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})").expect("valid")
    });
    let head_end = text::floor_char_boundary(text, 2000);
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
    fn finds_markdown_code_fences() {
        let t = "正文\n```rust\nfn a() {}\n````\n正文\n";
        let open = t.find("```").unwrap();
        let close = t.find("````\n").unwrap() + 5;
        assert_eq!(code_fences(t), vec![open..close]);
        // A shorter or a different closing mark does not close; unclosed runs to the end.
        let t = "正文\n~~~~\n一、\n~~~\n```\n";
        assert_eq!(code_fences(t), vec![t.find('~').unwrap()..t.len()]);
        // Inline code and four-space indentation are not fences; plain reports have none.
        assert!(code_fences("```a``` 正文\n    ```\n正文").is_empty());
        for (_, seed) in crate::seeds::SEEDS {
            assert!(code_fences(seed).is_empty());
        }
    }

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
