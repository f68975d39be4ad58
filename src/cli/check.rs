//! `policy-lsp check [--format human|json] PATH...`

use super::width::str_width;
use super::{collect_files, CliError};
use crate::engine::{self, text, Config, Diagnostic};
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// 1-based line and character column of a byte offset, for humans.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let lines = text::lines(text);
    let idx = lines
        .partition_point(|l| l.end < offset)
        .min(lines.len() - 1);
    let start = lines[idx].start.min(offset);
    (idx + 1, text[start..offset].chars().count() + 1)
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_range: [usize; 2],
    related: Vec<JsonRelated<'a>>,
    fixes: Vec<&'a engine::Fix>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// The source line of `span` with a caret underline, windowed around the span when the line
/// is long (scraped pages put a whole report on one line).
pub fn snippet(text: &str, span: &engine::Span) -> String {
    const CONTEXT: usize = 24;
    let lines = text::lines(text);
    let idx = lines
        .partition_point(|l| l.end < span.start)
        .min(lines.len() - 1);
    let line = lines[idx].clone();
    let start = span.start.clamp(line.start, line.end);
    let end = span.end.clamp(start, line.end);
    let before: Vec<char> = text[line.start..start].chars().collect();
    let marked = &text[start..end];
    let after: Vec<char> = text[end..line.end].chars().collect();
    let (lead, before_s) = if before.len() > CONTEXT {
        (
            "…",
            before[before.len() - CONTEXT..].iter().collect::<String>(),
        )
    } else {
        ("", before.iter().collect())
    };
    let (trail, after_s) = if after.len() > CONTEXT {
        ("…", after[..CONTEXT].iter().collect::<String>())
    } else {
        ("", after.iter().collect())
    };
    let marked_show: String = if marked.chars().count() > 3 * CONTEXT {
        marked.chars().take(3 * CONTEXT).chain(['…']).collect()
    } else {
        marked.to_string()
    };
    let shown = format!("{lead}{before_s}{marked_show}{after_s}{trail}").replace('\t', "    ");
    let pad = str_width(lead) + str_width(&before_s.replace('\t', "    "));
    let carets = str_width(&marked_show).max(1);
    let gutter = " ".repeat((idx + 1).to_string().len());
    format!(
        "{gutter} |\n{} | {shown}\n{gutter} | {}{}",
        idx + 1,
        " ".repeat(pad),
        "^".repeat(carets)
    )
}

fn human(path: &str, text: &str, d: &Diagnostic) -> String {
    let (line, col) = line_col(text, d.range.start);
    let mut s = format!(
        "{path}:{line}:{col}: {}[{}]: {}\n{}\n",
        d.severity.as_str(),
        d.rule,
        d.message,
        snippet(text, &d.range)
    );
    for r in &d.related {
        match &r.doc {
            None => {
                let (l, c) = line_col(text, r.range.start);
                s.push_str(&format!("  = {path}:{l}:{c}: {}\n", r.message));
            }
            Some(other) => s.push_str(&format!("  = {other}: {}\n", r.message)),
        }
    }
    s
}

pub struct Outcome {
    pub files: usize,
    pub counts: [usize; 4],
}

/// Checks every file under `paths`; prints to stdout. Errors name the path.
/// Applies every preferred fix (a few passes, since one fix can reveal another) and writes the
/// file back when it changed. Returns the new text and the number of fixes applied.
fn fix_file(path: &Path, text: &str, config: &Config) -> Result<(String, usize), CliError> {
    let mut current = text.to_string();
    let mut total = 0;
    for _ in 0..3 {
        let analysis = engine::analyze(&current, config);
        let (edits, n) = engine::select_fixes(&analysis, None);
        if n == 0 {
            break;
        }
        current = engine::apply_edits(&current, &edits);
        total += n;
    }
    if current != text {
        std::fs::write(path, &current).map_err(|e| CliError::io(path, e))?;
    }
    Ok((current, total))
}

pub fn run(
    paths: &[String],
    format: Format,
    fix: bool,
    config: &Config,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let files = collect_files(paths)?;
    let mut outcome = Outcome {
        files: files.len(),
        counts: [0; 4],
    };
    let mut json_out = Vec::new();
    let mut texts = Vec::new();
    for f in &files {
        let mut text = std::fs::read_to_string(f).map_err(|e| CliError::io(f, e))?;
        if fix {
            let (fixed, n) = fix_file(f, &text, config)?;
            if n > 0 {
                eprintln!(
                    "{}",
                    config.locale.pick(
                        format!("{}：已修复 {n} 处", f.display()),
                        format!("{}: fixed {n} problems", f.display())
                    )
                );
            }
            text = fixed;
        }
        texts.push((f.display().to_string(), text));
    }
    let analyses: Vec<_> = texts
        .iter()
        .map(|(_, t)| engine::analyze(t, config))
        .collect();
    for ((path, text), analysis) in texts.iter().zip(&analyses) {
        for (rule, msg) in &analysis.rule_errors {
            eprintln!("policy-lsp: internal error in rule {rule} on {path}: {msg}");
        }
        for d in &analysis.diagnostics {
            // `Severity` is declared error, warning, information, hint: the order of `counts`.
            outcome.counts[d.severity as usize] += 1;
        }
        match format {
            Format::Human => {
                for d in &analysis.diagnostics {
                    writeln!(out, "{}", human(path, text, d)).map_err(CliError::output)?;
                }
            }
            Format::Json => json_out.push(JsonFile {
                path: path.clone(),
                diagnostics: analysis
                    .diagnostics
                    .iter()
                    .map(|d| json_diag(text, d))
                    .collect(),
            }),
        }
    }
    match format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json_out).unwrap_or_else(|_| "[]".into())
        )
        .map_err(CliError::output)?,
        Format::Human => {
            let [e, w, i, h] = outcome.counts;
            writeln!(
                out,
                "{}",
                config.locale.pick(
                    format!(
                        "检查了 {} 个文件：{e} 个错误，{w} 个警告，{i} 条提示，{h} 条建议",
                        outcome.files
                    ),
                    format!(
                        "checked {} files: {e} errors, {w} warnings, {i} infos, {h} hints",
                        outcome.files
                    ),
                )
            )
            .map_err(CliError::output)?;
        }
    }
    Ok(outcome)
}

fn json_diag<'a>(text: &str, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let (line, column) = line_col(text, d.range.start);
    let (end_line, end_column) = line_col(text, d.range.end);
    JsonDiagnostic {
        rule: d.rule,
        severity: d.severity.as_str(),
        message: &d.message,
        line,
        column,
        end_line,
        end_column,
        byte_range: [d.range.start, d.range.end],
        related: d
            .related
            .iter()
            .map(|r| {
                let here = r.doc.is_none().then(|| line_col(text, r.range.start));
                JsonRelated {
                    path: r.doc.as_deref(),
                    line: here.map(|h| h.0),
                    column: here.map(|h| h.1),
                    message: &r.message,
                }
            })
            .collect(),
        fixes: d.fixes.iter().collect(),
    }
}

impl Outcome {
    pub fn exit_code(&self) -> i32 {
        let [e, w, ..] = self.counts;
        i32::from(e + w > 0)
    }
}

pub fn is_checkable(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md" | "markdown")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let t = "来源:新疆日报\n𠮷a,b";
        assert_eq!(line_col(t, t.find(':').unwrap()), (1, 3));
        assert_eq!(line_col(t, t.find(',').unwrap()), (2, 3));
        assert_eq!(line_col(t, t.len()), (2, 5));
        assert_eq!(line_col("a\r\nb", 3), (2, 1));
    }

    #[test]
    fn caret_lines_up_under_wide_characters() {
        let t = "来源:新疆日报";
        let s = snippet(t, &(6..7));
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[1], "1 | 来源:新疆日报");
        // 来源 is four columns wide.
        assert_eq!(lines[2], "  |     ^");
    }

    #[test]
    fn long_lines_are_windowed() {
        let t = format!("{}要坚持,坚决{}", "会".repeat(500), "议".repeat(500));
        let at = t.find(',').unwrap();
        let s = snippet(&t, &(at..at + 1));
        assert!(s.lines().nth(1).unwrap().chars().count() < 80, "{s}");
        let caret_line = s.lines().nth(2).unwrap();
        let text_line = s.lines().nth(1).unwrap();
        let prefix: String = text_line.chars().take_while(|&c| c != ',').collect();
        assert_eq!(caret_line.find('^').unwrap(), str_width(&prefix));
    }
}
