//! Recurring-phrase detection on a 1 MB document built from the seed reports.
//!
//! The document is real text: the seeds' paragraphs in a rotating order, each copy varied by
//! dropping a different leading clause and numbering it, so repeats are long but not whole
//! copies. Segmentation (jieba) is measured separately from the repeat finding, since a cache
//! keyed by paragraph text can take segmentation off the keystroke path.

use criterion::{criterion_group, criterion_main, Criterion};
use policy_lsp::engine::config::{Config, RecurringSettings};
use policy_lsp::engine::document::Document;
use policy_lsp::engine::lexicon::Lexicon;
use policy_lsp::engine::recurrence::{
    across::CorpusIndex, find_recurring_with, segment_paragraph, Token,
};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// About `size` bytes of varied report text.
pub fn big_document(size: usize) -> String {
    let paras: Vec<&str> = policy_lsp::seeds::all()
        .flat_map(|(_, t)| t.lines())
        .map(str::trim)
        .filter(|l| l.chars().count() > 20)
        .collect();
    let mut out = String::with_capacity(size + 4096);
    let mut round = 0usize;
    while out.len() < size {
        for i in 0..paras.len() {
            // Rotate the order and drop a varying number of leading clauses.
            let p = paras[(i * 7 + round * 3) % paras.len()];
            let clauses: Vec<&str> = p.split([',', '，', '。']).collect();
            let skip = (round + i) % clauses.len().max(1);
            let body = clauses[skip..].join("，");
            out.push_str(&format!("第{}段：{}\n", round * paras.len() + i + 1, body));
            if out.len() >= size {
                break;
            }
        }
        round += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = big_document(1 << 20);
    let doc = Document::new(&text, Vec::new());
    let settings = RecurringSettings::default();
    let lexicon = Lexicon::builtin();
    let _ = Config::default();

    let mut cache: HashMap<String, Arc<Vec<Token>>> = HashMap::new();
    for p in &doc.paragraphs {
        let t = &text[p.clone()];
        cache.insert(t.to_string(), segment_paragraph(t));
    }

    let mut g = c.benchmark_group("recurrence-1MB");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("segment (jieba, every paragraph)", |b| {
        b.iter(|| {
            for p in &doc.paragraphs {
                std::hint::black_box(segment_paragraph(&text[p.clone()]));
            }
        })
    });
    g.bench_function("find_recurring (segmentation cached)", |b| {
        b.iter(|| {
            let mut seg = |p: &str| {
                cache
                    .get(p)
                    .cloned()
                    .unwrap_or_else(|| segment_paragraph(p))
            };
            std::hint::black_box(find_recurring_with(&doc, &settings, lexicon, &mut seg))
        })
    });
    g.bench_function("find_recurring (uncached)", |b| {
        b.iter(|| {
            let mut seg = |p: &str| segment_paragraph(p);
            std::hint::black_box(find_recurring_with(&doc, &settings, lexicon, &mut seg))
        })
    });
    let mut index = CorpusIndex::new(12);
    for (name, t) in policy_lsp::seeds::all() {
        index.update(name, t);
    }
    index.update("big", &text);
    let seed = policy_lsp::seeds::SEEDS[3].1;
    g.bench_function("across: query a seed against 1 MB + seeds", |b| {
        b.iter(|| std::hint::black_box(index.query(seed, "edited.txt", &[], 12)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
