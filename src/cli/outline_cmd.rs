//! `policy-lsp outline FILE [--json] [--locale zh-CN|en]`: prints the outline the server
//! offers as document symbols — indented, with line numbers — or as JSON.

use crate::engine::{self, Config, OutlineKind, OutlineNode, Settings};
use serde_json::{json, Value};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct OutlineArgs {
    /// The document (`-` reads standard input)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
    /// Output format (`--format json` is `--json`)
    #[arg(long, value_parser = ["human", "json"], value_name = "FORMAT")]
    pub format: Option<String>,
    /// Language of the labels: zh-CN (default) or en
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
}

/// Runs the subcommand; returns the exit code (0 = printed, 2 = I/O error or not text).
pub fn run(args: &OutlineArgs) -> i32 {
    let json_out = args.json || args.format.as_deref() == Some("json");
    let locale = args.locale.clone();
    let path = args.file.display().to_string();
    let text = match super::read_document(&args.file) {
        Ok(t) => t,
        Err(msg) => return fail(&msg),
    };
    let settings = Settings {
        locale,
        ..Settings::default()
    };
    let config = Config::from_settings(&settings, Config::default().lexicon);
    let outline = engine::analyze(&text, &config).outline;
    let lines = LineIndex::new(&text);
    let rendered = if json_out {
        let v: Vec<Value> = outline.iter().map(|n| to_json(n, &lines)).collect();
        serde_json::to_string_pretty(&json!({ "file": path, "outline": v }))
            .unwrap_or_else(|_| "{}".to_string())
            + "\n"
    } else {
        render(&outline, &lines)
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match out.write_all(rendered.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) => super::output_failed(&e),
    }
}

fn fail(msg: &str) -> i32 {
    super::say(&format!("policy-lsp outline: error: {msg}"));
    2
}

/// Byte offset → 1-based line number (lines end at \n, \r\n or a lone \r, as in LSP).
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(engine::text::lines(text).windows(2).map(|w| w[1].start))
            .collect();
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }
}

fn kind_name(kind: OutlineKind) -> String {
    match kind {
        OutlineKind::Heading(l) => format!("heading-{l}"),
        OutlineKind::Title => "title".into(),
        OutlineKind::Metadata => "metadata".into(),
        OutlineKind::Lead => "lead".into(),
        OutlineKind::Section => "section".into(),
        OutlineKind::Speaker => "speaker".into(),
        OutlineKind::Attendees => "attendees".into(),
        OutlineKind::Editor => "editor".into(),
        OutlineKind::Task => "task".into(),
        OutlineKind::Other => "other".into(),
    }
}

/// `L12-14  [section] 会议指出，…` lines, children indented.
fn render(nodes: &[OutlineNode], lines: &LineIndex) -> String {
    fn walk(nodes: &[OutlineNode], depth: usize, lines: &LineIndex, out: &mut String) {
        for n in nodes {
            let start = lines.line(n.range.start);
            let end = lines.line(n.range.end.saturating_sub(1).max(n.range.start));
            let at = if start == end {
                format!("L{start}")
            } else {
                format!("L{start}-{end}")
            };
            let detail = match (&n.detail, n.kind) {
                (Some(d), OutlineKind::Section | OutlineKind::Speaker) => String::new() + d,
                _ => kind_name(n.kind),
            };
            out.push_str(&format!(
                "{at:<10}{}[{detail}] {}\n",
                "  ".repeat(depth),
                n.name
            ));
            walk(&n.children, depth + 1, lines, out);
        }
    }
    let mut out = String::new();
    walk(nodes, 0, lines, &mut out);
    out
}

fn to_json(n: &OutlineNode, lines: &LineIndex) -> Value {
    json!({
        "name": n.name,
        "detail": n.detail,
        "kind": kind_name(n.kind),
        "range": [n.range.start, n.range.end],
        "selection": [n.selection.start, n.selection.end],
        "startLine": lines.line(n.range.start),
        "endLine": lines.line(n.range.end.saturating_sub(1).max(n.range.start)),
        "children": n.children.iter().map(|c| to_json(c, lines)).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline_of(text: &str) -> (Vec<OutlineNode>, LineIndex) {
        (
            engine::analyze(text, &Config::default()).outline,
            LineIndex::new(text),
        )
    }

    #[test]
    fn renders_seed_003_with_line_numbers() {
        let t = crate::seeds::SEEDS[3].1;
        let (o, l) = outline_of(t);
        let s = render(&o, &l);
        assert!(
            s.starts_with("L1-3      [title] 做好疫情防控·有序复工复产\n"),
            "{s}"
        );
        assert!(
            s.contains("L6        [丁中平指出] 丁中平指出,疫情发生以来\n"),
            "{s}"
        );
        assert!(s.contains("L12       [editor] 本条编辑:韦雪\n"), "{s}");
    }

    #[test]
    fn json_has_kinds_lines_and_children() {
        let t = "一、总体要求\r\n（一）指导思想\r\n二、重点任务\r\n";
        let (o, l) = outline_of(t);
        let v = to_json(&o[0], &l);
        assert_eq!(v["kind"], "heading-1");
        assert_eq!(v["startLine"], 1);
        assert_eq!(v["endLine"], 2);
        assert_eq!(v["children"][0]["kind"], "heading-2");
        assert_eq!(v["children"][0]["startLine"], 2);
    }

    #[test]
    fn line_index_counts_all_terminators() {
        let l = LineIndex::new("a\r\nb\rc\nd");
        assert_eq!(l.line(0), 1);
        assert_eq!(l.line(3), 2);
        assert_eq!(l.line(5), 3);
        assert_eq!(l.line(7), 4);
    }

    #[test]
    fn missing_files_and_binary_files_exit_2() {
        let args = |f: &str| OutlineArgs {
            file: f.into(),
            json: false,
            format: None,
            locale: None,
        };
        assert_eq!(run(&args("/nonexistent/x.txt")), 2);
        let bin =
            std::env::temp_dir().join(format!("policy-lsp-outline-{}.txt", std::process::id()));
        std::fs::write(&bin, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        assert_eq!(run(&args(bin.to_str().unwrap())), 2);
        let _ = std::fs::remove_file(&bin);
    }
}
