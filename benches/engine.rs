//! Engine benchmarks: `analyze` on a 20,000-character report and on a 1 MB document, both
//! built from the seeds with variation (`policy_lsp::seeds::corpus`). Run `cargo bench --bench engine`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
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

criterion_group!(benches, bench_analyze);
criterion_main!(benches);
