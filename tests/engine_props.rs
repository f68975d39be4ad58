//! Property test: `analyze` never fails on arbitrary text built from real report fragments and
//! odd Unicode, every range it returns lies on char boundaries, and every fix applies.

use policy_lsp::engine::{analyze, Config};
use proptest::prelude::*;

fn fragments() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = vec![
        "𠮷",
        "😀",
        "e\u{301}",
        "\r\n",
        "\r",
        "\n",
        "\u{0}",
        "\u{feff}",
        "<!-- policy-lsp-disable -->",
        "一、",
        "（一）",
        "1.",
        "（1）",
        "1、",
        "“",
        "”",
        "《",
        "》",
        "(",
        ")",
        ",",
        ":",
        "会议指出,",
        "丁中平强调,",
        "90分钟足球网_bet36亚洲体育¥在线官网",
        "增强政治意识、核心意识、大局意识、看齐意识",
        "以同志为核心的党中央",
        "四个",
        "六稳",
        "坚决打赢疫情防控攻坚战",
        "2020-02-23",
    ];
    for (_, seed) in policy_lsp::seeds::all() {
        // Whole sentences of the seeds, so structure and repetition are realistic.
        v.extend(seed.split_inclusive(['。', '\n']).take(30));
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn analyze_is_total_and_consistent(parts in prop::collection::vec(prop::sample::select(fragments()), 0..60)) {
        let text = parts.concat();
        let a = analyze(&text, &Config::default());
        prop_assert!(a.rule_errors.is_empty(), "{:?}", a.rule_errors);
        for d in &a.diagnostics {
            prop_assert!(d.range.start <= d.range.end && d.range.end <= text.len());
            prop_assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
            for f in &d.fixes {
                let mut s = text.clone();
                let mut edits = f.edits.clone();
                edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
                for e in edits {
                    s.replace_range(e.range.clone(), &e.new_text);
                }
            }
        }
        fn walk(nodes: &[policy_lsp::engine::OutlineNode], text: &str) {
            for n in nodes {
                assert!(n.range.end <= text.len() && text.is_char_boundary(n.range.start) && text.is_char_boundary(n.range.end));
                assert!(n.selection.start >= n.range.start && n.selection.end <= n.range.end);
                walk(&n.children, text);
            }
        }
        walk(&a.outline, &text);
    }
}
