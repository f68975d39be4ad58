//! Any text: `analyze` must not panic, and must return ranges on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lsp::engine::{analyze, Config};
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    let config = CONFIG.get_or_init(Config::default);
    let text = String::from_utf8_lossy(data);
    let a = analyze(&text, config);
    assert!(a.rule_errors.is_empty(), "{:?}", a.rule_errors);
    for d in &a.diagnostics {
        assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
    }
});
