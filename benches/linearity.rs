//! Super-linearity check: times input-proportional paths at size n and 4n and fails (exit
//! status 1) when the time grows well past 4× (a quadratic path grows 16×). Covers lexicon
//! loading (validation, merge over the built-in lexicon, matcher), `halfwidth-punct` and
//! `unpaired-mark` on hostile paragraphs, and `analyze` on odd document shapes. No criterion:
//! each case is timed as the best of a few runs, enough to tell ×4 from ×16.
//!
//! `cargo bench --bench linearity` (release); `LINEARITY_ONLY=lexicon` runs the cases whose
//! name contains that text. The limit is 8× (`POLICY_LSP_MAX_RATIO`
//! overrides it); a case whose larger run takes under 5 ms is reported but not judged, as
//! timer noise dominates there.

use policy_lsp::engine::document::Document;
use policy_lsp::engine::lexicon::{validate_user_lexicon, Lexicon};
use policy_lsp::engine::{analyze, rules, Config};
use std::time::{Duration, Instant};

fn lexicon_json(n: usize, with_errors: bool) -> String {
    let mut out = String::from("{\n  \"version\": 1,\n  \"entries\": [\n");
    for i in 0..n {
        if i > 0 {
            out.push_str(",\n");
        }
        // With errors: every tenth entry repeats an earlier id and every tenth has a typo'd
        // field, so positions are computed for many errors.
        let id = if with_errors && i % 10 == 9 { i / 2 } else { i };
        let extra = if with_errors && i % 10 == 3 {
            ",\n      \"colour\": 1"
        } else {
            ""
        };
        out.push_str(&format!(
            "    {{\n      \"id\": \"entry-{id}\",\n      \"term\": \"提法{i}号\",\n      \"full\": \"第{i}个完整提法\",\n      \"summary\": \"测试条目。\",\n      \"origin\": {{ \"date\": \"2020\", \"occasion\": \"会议\" }},\n      \"source\": \"https://example.org/{i}\",\n      \"confidence\": \"unsure\",\n      \"scope\": \"local\"{extra}\n    }}"
        ));
    }
    out.push_str("\n  ]\n}\n");
    out
}

/// The server's load of a user lexicon: validate, merge over the built-in one, build the
/// matcher.
fn load_lexicon(text: &str) {
    match validate_user_lexicon(text) {
        Ok(user) => {
            let merged = Lexicon::builtin().merged_with(&user);
            merged.matcher();
        }
        Err(errors) => assert!(!errors.is_empty()),
    }
}

fn run_rule(id: &str, text: &str) -> usize {
    let rule = rules::find(id).expect("rule");
    let doc = Document::prepare(text);
    let mut out = Vec::new();
    rule.check(&doc, &Config::default(), &mut out);
    out.len()
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()).max(1))
}

fn nested_parens(bytes: usize) -> String {
    let k = bytes / 2;
    format!("{}中{}", "(".repeat(k), ")".repeat(k))
}

/// One run, in a function of its own so that callgrind can count it alone.
#[inline(never)]
fn run_once(run: fn(&str), text: &str) {
    run(std::hint::black_box(text));
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

struct Case {
    name: &'static str,
    /// The input at size `n` (bytes, or entries for lexicons).
    make: fn(usize) -> String,
    run: fn(&str),
    n: usize,
}

fn main() {
    let max_ratio: f64 = std::env::var("POLICY_LSP_MAX_RATIO")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8.0);
    policy_lsp::engine::segment::warm_up();
    Lexicon::builtin().matcher();
    let cases = [
        Case {
            name: "lexicon load (entries)",
            make: |n| lexicon_json(n, false),
            run: load_lexicon,
            n: 25_000,
        },
        Case {
            name: "lexicon with errors (entries)",
            make: |n| lexicon_json(n, true),
            run: load_lexicon,
            n: 25_000,
        },
        Case {
            name: "halfwidth-punct, nested (",
            make: nested_parens,
            run: |t| {
                std::hint::black_box(run_rule("halfwidth-punct", t));
            },
            n: 20_000,
        },
        Case {
            name: "halfwidth-punct, 项目(一),… list",
            make: |n| repeat_to("项目(一),责任单位(市发改委、市财政局),", n),
            run: |t| {
                std::hint::black_box(run_rule("halfwidth-punct", t));
            },
            n: 40_000,
        },
        Case {
            name: "halfwidth-punct, one address run",
            make: |n| format!("见{}", repeat_to("a,b@c(d)", n)),
            run: |t| {
                std::hint::black_box(run_rule("halfwidth-punct", t));
            },
            n: 20_000,
        },
        Case {
            name: "unpaired-mark, “ and web residue",
            make: |n| repeat_to("“会议 http://a.cn/x “要 ", n),
            run: |t| {
                std::hint::black_box(run_rule("unpaired-mark", t));
            },
            n: 200_000,
        },
        Case {
            name: "analyze, nested (",
            make: nested_parens,
            run: |t| drop(std::hint::black_box(analyze(t, &Config::default()))),
            n: 20_000,
        },
        Case {
            name: "analyze, 项目(一),… list",
            make: |n| repeat_to("项目(一),责任单位(市发改委、市财政局),", n),
            run: |t| drop(std::hint::black_box(analyze(t, &Config::default()))),
            n: 40_000,
        },
        Case {
            name: "analyze, one finding per line",
            make: |n| repeat_to("会议指出,要坚持稳中求进\n", n),
            run: |t| drop(std::hint::black_box(analyze(t, &Config::default()))),
            n: 250_000,
        },
        Case {
            name: "analyze, one-character lines",
            make: |n| repeat_to("议\n", n),
            run: |t| drop(std::hint::black_box(analyze(t, &Config::default()))),
            n: 250_000,
        },
        Case {
            name: "analyze, one long paragraph",
            make: |n| policy_lsp::seeds::clean_corpus(n).replace('\n', ""),
            run: |t| drop(std::hint::black_box(analyze(t, &Config::default()))),
            n: 50_000,
        },
        // A pasted line of one character, or of one phrase, must not make the repeat finder
        // quadratic (the LSP stress test sends a 2 MB line of one character).
        Case {
            name: "analyze, one character repeated",
            make: |n| format!("会议指出,{}", repeat_to("议", n)),
            run: |t| drop(std::hint::black_box(analyze(t, &Config::default()))),
            n: 150_000,
        },
        Case {
            name: "analyze, one phrase repeated",
            make: |n| format!("{}。", repeat_to("加强党的领导", n)),
            run: |t| drop(std::hint::black_box(analyze(t, &Config::default()))),
            n: 150_000,
        },
        Case {
            name: "analyze, reports",
            make: policy_lsp::seeds::clean_corpus,
            run: |t| drop(std::hint::black_box(analyze(t, &Config::default()))),
            n: 250_000,
        },
    ];
    println!(
        "{:<36} {:>9} {:>11} {:>11} {:>7}",
        "case", "n", "t(n) ms", "t(4n) ms", "ratio"
    );
    let mut failed = Vec::new();
    // `LINEARITY_ONLY=text`: only the cases whose name contains it.
    let only = std::env::var("LINEARITY_ONLY").unwrap_or_default();
    // `LINEARITY_ONCE=1` or `4`: run the chosen cases once at n or 4n, untimed, for an
    // instruction count that machine load does not disturb:
    // `valgrind --tool=callgrind --toggle-collect='linearity::run_once*' target/release/deps/linearity-…`
    // at both sizes, then compare the totals.
    if let Ok(factor) = std::env::var("LINEARITY_ONCE") {
        let factor: usize = factor.parse().unwrap_or(1);
        for case in cases.iter().filter(|c| c.name.contains(&only)) {
            let text = (case.make)(factor * case.n);
            run_once(case.run, &text);
            println!("{} at {}×n: ran once", case.name, factor);
        }
        return;
    }
    for case in cases.iter().filter(|c| c.name.contains(&only)) {
        let small = (case.make)(case.n);
        let large = (case.make)(4 * case.n);
        (case.run)(&small);
        let t1 = best_of(3, || (case.run)(&small));
        let t4 = best_of(3, || (case.run)(&large));
        let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-9);
        let judged = t4 >= Duration::from_millis(5);
        let verdict = match (judged, ratio > max_ratio) {
            (false, _) => "(too fast to judge)",
            (true, true) => "SUPER-LINEAR",
            (true, false) => "ok",
        };
        println!(
            "{:<36} {:>9} {:>11.2} {:>11.2} {:>7.2} {verdict}",
            case.name,
            case.n,
            t1.as_secs_f64() * 1e3,
            t4.as_secs_f64() * 1e3,
            ratio
        );
        if judged && ratio > max_ratio {
            failed.push(case.name);
        }
    }
    if !failed.is_empty() {
        eprintln!("super-linear growth (time ×{max_ratio:.0} or more for ×4 input): {failed:?}");
        std::process::exit(1);
    }
}
