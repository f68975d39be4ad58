//! `policy-lsp formulas FILE [--json] [--locale zh-CN|en]`: the formulas a document repeats,
//! as families with their counts and written forms (the inventory of `recurring-phrase`).

use super::LineIndex;
use crate::engine::config::{Config, Locale};
use crate::engine::document::Document;
use crate::engine::recurrence::family::Family;
use crate::engine::recurrence::formula_families;
use crate::engine::rules::recurring_phrase::is_fixed;
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;

/// The families of `text` under the default configuration.
pub fn inventory(text: &str, config: &Config) -> Vec<Family> {
    let doc = Document::new(text, Vec::new());
    formula_families(&doc, &config.recurring, &config.lexicon)
}

/// What kind of formula a family is, as the inventory shows it after its name: a fixed
/// formulation (规范表述), the document's topic (本文主题, named by its headline or agenda).
pub fn marks(f: &Family, locale: Locale) -> String {
    let mut out = String::new();
    if is_fixed(f) {
        out.push_str(&locale.pick("（规范表述）".into(), " (fixed formulation)".into()));
    }
    if f.topic {
        out.push_str(&locale.pick("（本文主题）".into(), " (this document's topic)".into()));
    } else if !f.confident {
        out.push_str(&locale.pick(
            "（疑为本文所述对象，不提示）".into(),
            " (probably what this document reports on; not flagged)".into(),
        ));
    }
    out
}

fn render(path: &str, text: &str, fams: &[Family], locale: Locale) -> String {
    let lines = LineIndex::new(text);
    let mut out = String::new();
    for f in fams {
        let mark = marks(f, locale);
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
                let (l, c) = lines.line_col(text, o.span.start);
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
        "topic": f.topic,
        "flagged": !f.topic && f.confident,
        "entryId": f.entry_id,
        "variants": f.variants.iter().map(|(w, c)| json!({"text": w, "count": c})).collect::<Vec<_>>(),
    })
}

fn to_json(path: &str, text: &str, fams: &[Family]) -> String {
    let lines = LineIndex::new(text);
    let list: Vec<_> = fams
        .iter()
        .map(|f| {
            let mut v = summary_json(f);
            v["occurrences"] = json!(f
                .occurrences
                .iter()
                .map(|o| {
                    let (line, column) = lines.line_col(text, o.span.start);
                    json!({"line": line, "column": column, "text": &text[o.span.clone()]})
                })
                .collect::<Vec<_>>());
            v
        })
        .collect();
    serde_json::to_string_pretty(&json!({"file": path, "formulas": list}))
        .unwrap_or_else(|_| "{}".into())
        + "
"
}

/// `policy-lsp formulas`.
#[derive(clap::Args, Debug)]
pub struct FormulasArgs {
    /// The document (`-` reads standard input)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
    /// Language of the output: zh-CN (default) or en
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
}

/// Runs the subcommand; returns the exit code (0 = printed, 2 = I/O error or not text).
pub fn run(args: &FormulasArgs) -> i32 {
    let path = args.file.display().to_string();
    let text = match super::read_document(&args.file) {
        Ok(t) => t,
        Err(msg) => {
            super::say(&format!("policy-lsp formulas: error: {msg}"));
            return 2;
        }
    };
    let locale = args
        .locale
        .as_deref()
        .map(Locale::parse)
        .unwrap_or_default();
    let fams = inventory(&text, &Config::default());
    let body = if args.json {
        to_json(&path, &text, &fams)
    } else {
        render(&path, &text, &fams, locale)
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match out.write_all(body.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) => super::output_failed(&e),
    }
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
        // Four places; the cut 坚决打赢疫情防控 (before 和推动…) is not a form of it.
        assert_eq!(f.occurrences.len(), 4);
        let human = render("004.txt", text, &fams, Locale::ZhCn);
        assert!(
            human.contains("  4× 「坚决打赢疫情防控攻坚战」\n"),
            "{human}"
        );
        assert!(!human.contains("「坚决打赢疫情防控」"), "{human}");
        let v: serde_json::Value = serde_json::from_str(&to_json("004.txt", text, &fams)).unwrap();
        let list = v["formulas"].as_array().unwrap();
        assert!(list
            .iter()
            .any(|f| f["name"] == "动态清零" && f["fixed"] == true));
    }
}
