//! Tests over whole lexicons and real seed text: every built-in entry loads, has a source, and
//! its `examples` behave (each `flag` sentence is flagged by a slogan rule, each `ok` sentence
//! by none); occurrences are found in the seeds.

use super::{occurrences, test_config, Lexicon};
use crate::engine::{analyze, Config};
use std::sync::Arc;

const SLOGAN_RULES: [&str; 3] = ["slogan-order", "slogan-incomplete", "slogan-variant"];

fn slogan_diags(text: &str, config: &Config) -> Vec<String> {
    analyze(text, config)
        .diagnostics
        .into_iter()
        .filter(|d| SLOGAN_RULES.contains(&d.rule))
        .map(|d| format!("{} {:?} {}", d.rule, &text[d.range.clone()], d.message))
        .collect()
}

fn check_examples(lex: Arc<Lexicon>) {
    let config = Config {
        lexicon: lex.clone(),
        ..Config::default()
    };
    let mut failures = Vec::new();
    for e in lex.entries() {
        assert!(
            e.source.starts_with("http://") || e.source.starts_with("https://"),
            "{}: source {:?}",
            e.id,
            e.source
        );
        let Some(ex) = &e.examples else { continue };
        for s in &ex.flag {
            if slogan_diags(s, &config).is_empty() {
                failures.push(format!("{}: not flagged: {s}", e.id));
            }
        }
        for s in &ex.ok {
            let d = slogan_diags(s, &config);
            if !d.is_empty() {
                failures.push(format!("{}: flagged: {s} → {d:?}", e.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_builtin_entry_loads_has_a_source_and_its_examples_behave() {
    let lex = Lexicon::builtin();
    assert!(!lex.entries().is_empty());
    check_examples(Arc::new(lex.clone()));
}

#[test]
fn seed_000_occurrences_and_no_slogan_diagnostics() {
    let seed = include_str!("../../../seeds/000_aeb186bd1e0d189c.txt");
    let config = test_config();
    let occ = occurrences(seed, &config.lexicon);
    let ids: Vec<&str> = occ.iter().map(|o| o.entry_id.as_str()).collect();
    for id in [
        "si-ge-yishi",
        "si-ge-zixin",
        "liang-ge-weihu",
        "liu-wen",
        "si-jizhong",
        "renmin-zhanzheng-zongtizhan-zujizhan",
        "yi-xjp-tongzhi-wei-hexin-de-dangzhongyang",
        "yiqing-zongyaoqiu-2020",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    // 以习近平同志为核心的党中央 twice.
    let n = ids
        .iter()
        .filter(|i| **i == "yi-xjp-tongzhi-wei-hexin-de-dangzhongyang")
        .count();
    assert_eq!(n, 2);
    // The spelled-out 四集中 counts as that slogan.
    let jz = occ.iter().find(|o| o.entry_id == "si-jizhong").unwrap();
    assert_eq!(
        &seed[jz.range.clone()],
        "集中患者、集中专家、集中资源、集中救治"
    );
    assert!(
        slogan_diags(seed, &config).is_empty(),
        "{:?}",
        slogan_diags(seed, &config)
    );
    assert_eq!(analyze(seed, &config).slogans, occ);
}

#[test]
fn no_slogan_diagnostics_on_seeds_except_the_garbled_name() {
    let config = test_config();
    for (name, text) in crate::seeds::all() {
        let d = slogan_diags(text, &config);
        let expected = if name.starts_with("004") { 2 } else { 0 };
        assert_eq!(d.len(), expected, "{name}: {d:?}");
    }
}

#[test]
fn hostile_text_never_panics() {
    let config = test_config();
    for t in [
        "",
        "、",
        "政治意识、",
        "、政治意识",
        "𠮷、政治意识、𠮷、大局意识",
        "政治意识\r大局意识、核心意识\r\n看齐意识",
        "“四个",
        "四个意识、四个意识、四个意识",
        "政治意识、政治意识、大局意识、核心意识",
        "e\u{301}、政治意识、👍",
    ] {
        let _ = analyze(t, &config);
        let _ = occurrences(t, &config.lexicon);
    }
}

/// Hosts of authoritative sources: 人民网, 新华网, 求是, 中国政府网 (and government sites
/// under gov.cn), 共产党员网, 央视网 (新闻联播 transcripts). Kept in step with `check.py`.
const AUTHORITATIVE: [&str; 7] = [
    "people.com.cn",
    "news.cn",
    "xinhuanet.com",
    "qstheory.cn",
    "gov.cn",
    "12371.cn",
    "cctv.com",
];
/// A local formulation may cite the provincial party paper that published its originating
/// report; it then stays unsure.
const LOCAL_PAPERS: [&str; 3] = ["ahnews.com.cn", "xjdaily.com", "henandaily.cn"];

fn host(url: &str) -> &str {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or("");
    rest.split(['/', '?', '#', ':']).next().unwrap_or("")
}

fn under(host: &str, domains: &[&str]) -> bool {
    domains
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

#[test]
fn every_builtin_entry_cites_an_authoritative_source_with_a_confidence() {
    use super::{Confidence, Scope};
    let mut bad = Vec::new();
    let lex = Lexicon::builtin();
    assert!(lex.entries().len() >= 300, "{}", lex.entries().len());
    for e in lex.entries() {
        let h = host(&e.source);
        let local_paper = e.scope == Scope::Local
            && under(h, &LOCAL_PAPERS)
            && e.confidence == Confidence::Unsure;
        if !under(h, &AUTHORITATIVE) && !local_paper {
            bad.push(format!("{}: {}", e.id, e.source));
        }
        if e.confidence == Confidence::Unsure && e.note.as_deref().is_none_or(str::is_empty) {
            bad.push(format!("{}: unsure without a note", e.id));
        }
        for v in e.variants.iter().filter(|v| v.valid_until.is_some()) {
            match v.source.as_deref() {
                Some(s) if under(host(s), &AUTHORITATIVE) => {}
                other => bad.push(format!("{}: dated form without source: {other:?}", e.id)),
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert_eq!(
        host("https://tv.cctv.com/2024/05/13/x.shtml"),
        "tv.cctv.com"
    );
    assert!(!under("zh.wikipedia.org", &AUTHORITATIVE));
    assert!(!under("notgov.cn.example.com", &AUTHORITATIVE));
}

/// The dated and naming errors of issue 14, in a document dated 2025 and in one dated before
/// each change, through the whole analysis.
#[test]
fn issue_14_dated_errors_are_flagged_in_2025_only() {
    let config = test_config();
    let cases: [(&str, &str, &str); 8] = [
        (
            "确保如期全面建成小康社会",
            "outdated-formulation",
            "2020年3月6日",
        ),
        (
            "决胜全面建成小康社会、决战脱贫攻坚",
            "outdated-formulation",
            "2020年3月18日",
        ),
        (
            "坚持“动态清零”总方针",
            "outdated-formulation",
            "2022年5月5日",
        ),
        (
            "中共中央总书记、国家主席李强",
            "office-title",
            "2016年1月1日",
        ),
        ("国务院总理李克强", "office-title", "2022年3月5日"),
        ("全国人大常委会委员长王沪宁", "office-title", "2016年1月1日"),
        ("全国政协主席赵乐际", "office-title", "2016年1月1日"),
        ("以习近平为核心的党中央", "slogan-variant", ""),
    ];
    for (sentence, rule, before) in cases {
        let text = format!("2025年3月5日\n会议强调，{sentence}。");
        let found: Vec<_> = analyze(&text, &config)
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == rule)
            .collect();
        assert_eq!(found.len(), 1, "{sentence}: {found:?}");
        if !before.is_empty() && rule != "office-title" {
            let text = format!("{before}\n会议强调，{sentence}。");
            let d = analyze(&text, &config).diagnostics;
            assert!(d.iter().all(|d| d.rule != rule), "{text}: {d:?}");
        }
    }
    // Before 2023-03-11, 李克强 was premier.
    let d = analyze("2022年3月5日\n国务院总理李克强作政府工作报告", &config).diagnostics;
    assert!(d.iter().all(|d| d.rule != "office-title"), "{d:?}");
    let t = "2025年3月5日\n深入学习习近平新时代中国特色社会主义理论";
    let d = analyze(t, &config).diagnostics;
    assert!(
        d.iter()
            .any(|d| d.rule == "slogan-variant" && d.message.contains("思想")),
        "{d:?}"
    );
}

/// Every well-known term named in issue 14 hovers with content.
#[test]
fn issue_14_terms_hover_with_content() {
    let config = test_config();
    for term in [
        "两新",
        "三新",
        "六个更",
        "三保",
        "四个机关",
        "五个中心",
        "十大伙伴行动",
        "五个必须",
        "六个坚持",
        "九项工程",
        "五大家园",
        "五个认同",
        "十五五",
        "新质生产力",
        "全面从严治党",
        "全过程人民民主",
        "全球发展倡议",
        "全球安全倡议",
        "全球文明倡议",
        "全球治理倡议",
        "两重",
    ] {
        let text = format!("推进“{term}”工作");
        let at = text.find(term).unwrap();
        let h = crate::engine::hover::hover_at(&text, at, &config)
            .unwrap_or_else(|| panic!("no hover on {term}"));
        assert!(
            h.markdown.contains("出处：") && !h.markdown.contains("不在提法词库中"),
            "{term}: {}",
            h.markdown
        );
    }
}
