//! Any text: `analyze` must not panic, must return ranges on char boundaries, and its
//! per-line cached assembly must equal the whole-text analysis (`analyze_uncached`). The cache
//! is process-wide, so every input also meets lines cached from earlier ones. With a
//! diagnostic limit (as the server analyses), the most severe `limit` findings — what the
//! server publishes — must be those of the unlimited analysis.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lsp::engine::{analyze, analyze_uncached, most_severe, Config};
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    const LIMIT: usize = 3;
    static CONFIG: OnceLock<Config> = OnceLock::new();
    static LIMITED: OnceLock<Config> = OnceLock::new();
    let config = CONFIG.get_or_init(Config::default);
    let limited = LIMITED.get_or_init(|| Config {
        diagnostic_limit: Some(LIMIT),
        ..Config::default()
    });
    let text = String::from_utf8_lossy(data);
    let a = analyze(&text, config);
    assert!(a.rule_errors.is_empty(), "{:?}", a.rule_errors);
    for d in &a.diagnostics {
        assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
    }
    let fresh = analyze_uncached(&text, config);
    assert_eq!(a.diagnostics, fresh.diagnostics);
    assert_eq!(a.outline, fresh.outline);
    assert_eq!(a.slogans, fresh.slogans);
    assert_eq!(a.masked, fresh.masked);
    let few = analyze(&text, limited);
    assert_eq!(
        most_severe(&few.diagnostics, LIMIT),
        most_severe(&fresh.diagnostics, LIMIT)
    );
});
