//! `policy-lsp formulas FILE [--json] [--locale zh-CN|en]`: the formulas a document repeats,
//! as families with their counts and written forms (the inventory of `recurring-phrase`).

use crate::engine::config::{Config, Locale};
use crate::engine::document::Document;
use crate::engine::recurrence::family::{families, Family};
use crate::engine::recurrence::find_recurring;
use crate::engine::rules::recurring_phrase::is_fixed;
use serde_json::json;
use std::io::Write;

const USAGE: &str = "usage: policy-lsp formulas FILE [--json] [--locale zh-CN|en]";

/// The families of `text` under the default configuration.
pub fn inventory(text: &str, config: &Config) -> Vec<Family> {
    let doc = Document::new(text, Vec::new());
    let found = find_recurring(&doc, &config.recurring, &config.lexicon);
    families(text, &found, config.recurring.min_count)
}

/// 1-based line and column (characters) of a byte offset.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn render(path: &str, text: &str, fams: &[Family], locale: Locale) -> String {
    let mut out = String::new();
    for f in fams {
        let mark = if is_fixed(f) {
            locale.pick("（规范表述）".into(), " (fixed formulation)".into())
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{:>3}× 「{}」{mark}\n",
            f.occurrences.len(),
            f.name
        ));
        if f.variants.len() > 1 {
            for (w, c) in &f.variants {
                out.push_str(&format!("       {c}× 「{w}」\n"));
            }
        }
        let places: Vec<String> = f
            .occurrences
            .iter()
            .map(|o| {
                let (l, c) = line_col(text, o.span.start);
                format!("{l}:{c}")
            })
            .collect();
        out.push_str(&format!("       {path}: {}\n", places.join(", ")));
    }
    if fams.is_empty() {
        out.push_str(&locale.pick(
            "本文没有重复出现的提法\n".into(),
            "no recurring formulas in this document\n".into(),
        ));
    }
    out
}

/// A family's name, count, whether it is fixed, lexicon entry and written forms, as JSON
/// (shared with the server's `policy-lsp.formulas` command).
pub fn summary_json(f: &Family) -> serde_json::Value {
    json!({
        "name": f.name,
        "count": f.occurrences.len(),
        "fixed": is_fixed(f),
        "entryId": f.entry_id,
        "variants": f.variants.iter().map(|(w, c)| json!({"text": w, "count": c})).collect::<Vec<_>>(),
    })
}

fn to_json(path: &str, text: &str, fams: &[Family]) -> String {
    let list: Vec<_> = fams
        .iter()
        .map(|f| {
            let mut v = summary_json(f);
            v["occurrences"] = json!(f
                .occurrences
                .iter()
                .map(|o| {
                    let (line, column) = line_col(text, o.span.start);
                    json!({"line": line, "column": column, "text": &text[o.span.clone()]})
                })
                .collect::<Vec<_>>());
            v
        })
        .collect();
    serde_json::to_string_pretty(&json!({"file": path, "formulas": list}))
        .unwrap_or_else(|_| "{}".into())
        + "\n"
}

/// Entry point; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    let (mut json_out, mut locale, mut file) = (false, Locale::ZhCn, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json_out = true,
            "--locale" => match it.next() {
                Some(l) => locale = Locale::parse(l),
                None => return usage("--locale needs a value"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return 0;
            }
            f if f.starts_with("--") => return usage(&format!("unknown option `{f}`")),
            _ if file.is_some() => return usage("formulas takes one file"),
            p => file = Some(p.to_string()),
        }
    }
    let Some(path) = file else {
        return usage("formulas needs a file");
    };
    let bytes = match crate::userfile::read_bytes(
        std::path::Path::new(&path),
        crate::userfile::DEFAULT_CAP,
    ) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("policy-lsp: {path}: {e}");
            return 2;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("policy-lsp: {path}: not valid UTF-8 text");
        return 2;
    };
    let fams = inventory(&text, &Config::default());
    let body = if json_out {
        to_json(&path, &text, &fams)
    } else {
        render(&path, &text, &fams, locale)
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match out.write_all(body.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("policy-lsp: cannot write output: {e}");
            2
        }
    }
}

fn usage(msg: &str) -> i32 {
    eprintln!("policy-lsp: {msg}\n{USAGE}");
    2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_families_are_listed_with_counts_and_forms() {
        let text = crate::seeds::SEEDS[4].1;
        let fams = inventory(text, &Config::default());
        let f = fams
            .iter()
            .find(|f| f.name == "坚决打赢疫情防控攻坚战")
            .expect("family");
        assert_eq!(f.occurrences.len(), 5);
        let human = render("004.txt", text, &fams, Locale::ZhCn);
        assert!(
            human.contains("  5× 「坚决打赢疫情防控攻坚战」\n"),
            "{human}"
        );
        assert!(
            human.contains("       1× 「坚决打赢疫情防控」\n"),
            "{human}"
        );
        let v: serde_json::Value = serde_json::from_str(&to_json("004.txt", text, &fams)).unwrap();
        let list = v["formulas"].as_array().unwrap();
        assert!(list
            .iter()
            .any(|f| f["name"] == "动态清零" && f["fixed"] == true));
        assert_eq!(line_col("a\n𠮷b", 6), (2, 2));
    }
}
