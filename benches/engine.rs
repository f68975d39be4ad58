//! Engine benchmarks: `analyze` on a 20,000-character report and on a 1 MB document, both
//! built from the seeds with variation (`policy_lsp::seeds::corpus`), and the fast phase the
//! server publishes first on every keystroke (recurrence rules off) after a one-character
//! edit, with the rest of the document already analysed. Run `cargo bench --bench engine`.

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use policy_lsp::engine::{analyze, Config};

fn bench_analyze(c: &mut Criterion) {
    let config = Config::default();
    policy_lsp::engine::segment::warm_up();
    let mut g = c.benchmark_group("analyze");
    g.sample_size(20);
    for (label, bytes) in [("20k-chars", 60_000), ("1MB", 1_000_000)] {
        let text = policy_lsp::seeds::clean_corpus(bytes);
        g.bench_function(label, |b| b.iter(|| analyze(black_box(&text), &config)));
        let label = format!("{label}-as-scraped");
        let text = policy_lsp::seeds::corpus(bytes);
        g.bench_function(label, |b| b.iter(|| analyze(black_box(&text), &config)));
    }
    g.finish();
}

fn bench_fast_phase(c: &mut Criterion) {
    let mut config = Config::default();
    for id in ["recurring-phrase", "recurring-across-docs"] {
        config.rules.entry(id.to_string()).or_default().enabled = Some(false);
    }
    let mut g = c.benchmark_group("analyze without recurrence after a one-char edit");
    g.sample_size(30);
    for (label, bytes) in [("20k-chars", 60_000), ("1MB", 1_000_000)] {
        let text = policy_lsp::seeds::clean_corpus(bytes);
        analyze(&text, &config);
        let mut k = 0;
        g.bench_function(label, |b| {
            b.iter_batched(
                || {
                    k += 1;
                    policy_lsp::seeds::one_char_edit(&text, k)
                },
                |edited| analyze(black_box(&edited), &config),
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, bench_analyze, bench_fast_phase);
criterion_main!(benches);
