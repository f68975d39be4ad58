//! Stories of the published corpus (`eval/published/*.jsonl`, one JSON object a line: `id`,
//! `date`, `title`, `url`, `source`, `text`), read the one way every evaluation reads them.
//! Included with `#[path]` by `examples/published_counts.rs`, `tests/published_text.rs` and
//! the recurrence evaluation (`eval/recurrence/evalcore.rs`).
#![allow(dead_code)]

pub struct Story {
    pub id: String,
    pub url: String,
    /// The story as a drafter's document has it: its headline on the first line, then its
    /// date as a dateline (`发布时间：2025年3月11日`), so date-aware rules judge it against the
    /// day it was published, then the text.
    pub text: String,
}

/// Every story of the JSON-lines file at `path`; an error names the file and line.
pub fn read_jsonl(path: &str) -> Result<Vec<Story>, String> {
    let body = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out = Vec::new();
    for (n, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let mut text = String::new();
        let title = field("title");
        if !title.trim().is_empty() {
            text.push_str(title.trim());
            text.push('\n');
        }
        if let [y, m, d] = field("date").split('-').collect::<Vec<_>>().as_slice() {
            let (m, d) = (m.trim_start_matches('0'), d.trim_start_matches('0'));
            text.push_str(&format!("发布时间：{y}年{m}月{d}日\n"));
        }
        text.push_str(&field("text"));
        out.push(Story {
            id: field("id"),
            url: field("url"),
            text,
        });
    }
    Ok(out)
}
