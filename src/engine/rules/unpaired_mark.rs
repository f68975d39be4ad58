//! `unpaired-mark`: an opening “ ‘ 《 （ 【 「 『 without its closing mark in the same paragraph,
//! or a closing mark without an opening one. A quotation that runs over several paragraphs
//! (each opening with “, only the last closing) is the GB/T 15834 convention and is left alone,
//! as is ’ used as an apostrophe between Latin letters. When a closing quote stands where an
//! opening one belongs (”四个意识”), the fix turns it round. Web residue is skipped.

use super::{Rule, RuleInfo};
use crate::engine::config::Config;
use crate::engine::document::Document;
use crate::engine::types::{Diagnostic, Fix, Severity, Span, TextEdit};

pub struct UnpairedMark;

static INFO: RuleInfo = RuleInfo {
    id: "unpaired-mark",
    default_severity: Severity::Warning,
    default_enabled: true,
    doc: "An opening or closing quote, title mark or bracket without its partner in the paragraph.",
};

const PAIRS: [(char, char); 7] = [
    ('“', '”'),
    ('‘', '’'),
    ('《', '》'),
    ('（', '）'),
    ('【', '】'),
    ('「', '」'),
    ('『', '』'),
];

fn pair_of(c: char) -> Option<(usize, bool)> {
    PAIRS.iter().enumerate().find_map(|(i, &(o, cl))| {
        if c == o {
            Some((i, true))
        } else if c == cl {
            Some((i, false))
        } else {
            None
        }
    })
}

/// `spans` sorted and merged where they overlap or touch.
fn disjoint(spans: &[Span]) -> Vec<Span> {
    let mut sorted: Vec<Span> = spans.iter().filter(|s| !s.is_empty()).cloned().collect();
    sorted.sort_by_key(|s| s.start);
    let mut out: Vec<Span> = Vec::with_capacity(sorted.len());
    for s in sorted {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

impl Rule for UnpairedMark {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, doc: &Document, config: &Config, out: &mut Vec<Diagnostic>) {
        let text = doc.text;
        // The masked spans as a sorted, disjoint list, walked with one cursor as the offsets
        // grow: a test per character against every mask of the paragraph was quadratic.
        let masks = disjoint(&doc.masked);
        let mut m = 0;
        for (pi, para) in doc.paragraphs.iter().enumerate() {
            let line = &text[para.clone()];
            let mut open: [Vec<usize>; PAIRS.len()] = Default::default();
            // Closing marks with no opener: (pair, byte offset).
            let mut stray: Vec<(usize, usize)> = Vec::new();
            let mut prev: Option<char> = None;
            let mut chars = line.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let at = para.start + i;
                let next = chars.peek().map(|&(_, n)| n);
                let before = prev;
                prev = Some(c);
                while masks.get(m).is_some_and(|k| k.end <= at) {
                    m += 1;
                }
                if masks.get(m).is_some_and(|k| k.start <= at) {
                    continue;
                }
                let Some((k, opening)) = pair_of(c) else {
                    continue;
                };
                if c == '’'
                    && before.is_some_and(|b| b.is_ascii_alphabetic())
                    && next.is_some_and(|n| n.is_ascii_alphabetic())
                {
                    continue; // China’s
                }
                if opening {
                    open[k].push(at);
                } else if open[k].pop().is_none() {
                    stray.push((k, at));
                }
            }
            // A quotation continued in the next paragraph (which opens with the same mark).
            let next_opens_with = |k: usize| {
                doc.paragraphs
                    .get(pi + 1)
                    .and_then(|n| text[n.clone()].chars().next())
                    .is_some_and(|c| c == PAIRS[k].0)
            };
            for (k, starts) in open.iter().enumerate() {
                if k <= 1 && next_opens_with(k) {
                    continue;
                }
                for &at in starts {
                    let (o, cl) = PAIRS[k];
                    out.push(Diagnostic::new(
                        INFO.id,
                        INFO.default_severity,
                        at..at + o.len_utf8(),
                        config.locale.pick(
                            format!("「{o}」在本段中没有对应的「{cl}」"),
                            format!("\"{o}\" is not closed by \"{cl}\" in this paragraph"),
                        ),
                    ));
                }
            }
            // Consecutive stray closing quotes: the first of each two is a reversed opener.
            let mut i = 0;
            while i < stray.len() {
                let (k, at) = stray[i];
                let (o, cl) = PAIRS[k];
                let range = at..at + cl.len_utf8();
                let reversed = k <= 1 && stray.get(i + 1).is_some_and(|&(k2, _)| k2 == k);
                let mut d = Diagnostic::new(
                    INFO.id,
                    INFO.default_severity,
                    range.clone(),
                    if reversed {
                        config.locale.pick(
                            format!("此处应为前引号「{o}」"),
                            format!("This should be the opening quote \"{o}\""),
                        )
                    } else {
                        config.locale.pick(
                            format!("「{cl}」前没有对应的「{o}」"),
                            format!("\"{cl}\" has no opening \"{o}\" before it"),
                        )
                    },
                );
                if reversed {
                    d = d.with_fix(Fix {
                        title: config
                            .locale
                            .pick(format!("改为「{o}」"), format!("Use \"{o}\"")),
                        edits: vec![TextEdit {
                            range,
                            new_text: o.to_string(),
                        }],
                        preferred: true,
                    });
                    out.push(d);
                    i += 2;
                } else {
                    out.push(d);
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{apply, run};
    use super::*;
    use crate::seeds::SEEDS;

    fn flagged(t: &str) -> Vec<&str> {
        run(&UnpairedMark, t)
            .into_iter()
            .map(|d| &t[d.range])
            .collect()
    }

    #[test]
    fn masks_are_merged_into_a_sorted_disjoint_list() {
        assert_eq!(
            disjoint(&[5..9, 0..2, 1..3, 9..10, 12..12, 20..25, 21..22]),
            vec![0..3, 5..10, 20..25]
        );
    }

    #[test]
    fn seeds_are_balanced() {
        for (name, t) in SEEDS {
            assert!(flagged(t).is_empty(), "{name}: {:?}", flagged(t));
        }
    }

    #[test]
    fn unclosed_marks_from_seed_sentences() {
        // Seed 000 with the closing quote of 四个意识 lost.
        assert_eq!(flagged("要增强“四个意识、坚定“四个自信”"), vec!["“"]);
        assert_eq!(flagged("加大对传染病防治法的宣传教育》,推动"), vec!["》"]);
        assert_eq!(flagged("筑牢社区（村排查防控防线"), vec!["（"]);
        assert_eq!(flagged("贯彻落实《中华人民共和国传染病防治法"), vec!["《"]);
    }

    #[test]
    fn reversed_opening_quote_is_fixed() {
        let t = "要增强”四个意识”、坚定“四个自信”";
        let d = run(&UnpairedMark, t);
        assert_eq!(d.len(), 1);
        assert_eq!(
            apply(t, &d[0].fixes[0].edits),
            "要增强“四个意识”、坚定“四个自信”"
        );
    }

    #[test]
    fn multi_paragraph_quotation_and_apostrophes() {
        let t = "“第一段引文。\n“第二段引文。”";
        assert!(flagged(t).is_empty());
        assert!(flagged("China’s 发展").is_empty());
        assert!(flagged("（一）指导思想").is_empty());
    }

    #[test]
    fn residue_is_skipped() {
        let t = "正文“引文”。 》残留";
        let at = t.find('》').unwrap();
        let masked: Vec<Span> = std::iter::once(at..t.len()).collect();
        let doc = Document::new(t, masked);
        let mut out = Vec::new();
        UnpairedMark.check(&doc, &Config::default(), &mut out);
        assert!(out.is_empty());
    }
}
