//! `policy-lsp check [--format human|json] PATH...`

use super::width::str_width;
use super::{collect_files, CliError};
use crate::engine::lexicon::{validate_user_lexicon, Lexicon};
use crate::engine::project_config;
use crate::engine::recurrence::across::CorpusIndex;
use crate::engine::{self, text, Analysis, Config, Diagnostic, Settings};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::path::PathBuf;
use std::sync::Arc;

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

/// A file being checked, with the configuration that applies to it.
struct FileDoc {
    path: String,
    text: String,
    config: Config,
}

/// Line and column of `offset` in the file named `key`, if it is one of `docs`.
fn locate(docs: &[FileDoc], key: &str, offset: usize) -> Option<(usize, usize)> {
    docs.iter()
        .find(|d| d.path == key)
        .map(|d| line_col(&d.text, offset))
}

fn human(docs: &[FileDoc], doc: &FileDoc, d: &Diagnostic) -> String {
    let (path, text) = (&doc.path, &doc.text);
    let (line, col) = line_col(text, d.range.start);
    let mut s = format!(
        "{path}:{line}:{col}: {}[{}]: {}\n{}\n",
        d.severity.as_str(),
        d.rule,
        d.message,
        snippet(text, &d.range)
    );
    for r in &d.related {
        let (target, at) = match &r.doc {
            None => (path.as_str(), Some(line_col(text, r.range.start))),
            Some(other) => (other.as_str(), locate(docs, other, r.range.start)),
        };
        match at {
            Some((l, c)) => s.push_str(&format!("  = {target}:{l}:{c}: {}\n", r.message)),
            None => s.push_str(&format!("  = {target}: {}\n", r.message)),
        }
    }
    s
}

pub struct Outcome {
    pub files: usize,
    pub counts: [usize; 4],
}

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

/// The settings for `path`: `base` with the nearest `.policy-lsp/config.json` laid over it.
fn settings_for(path: &Path, base: &Settings) -> (Settings, Option<PathBuf>) {
    match project_config::load_for(path, base) {
        Ok(Some((config_path, s))) => (s, Some(config_path)),
        Ok(None) => (base.clone(), None),
        Err((config_path, msg)) => {
            eprintln!(
                "policy-lsp: warning: ignoring {}: {msg}",
                config_path.display()
            );
            (base.clone(), None)
        }
    }
}

/// The built-in lexicon with the workspace lexicons for `path` laid over it: the nearest
/// `.policy-lsp/lexicon.json`, then `lexiconPaths` (relative to the project folder). Each
/// distinct set is loaded once.
struct Lexicons {
    loaded: HashMap<Vec<PathBuf>, Arc<Lexicon>>,
}

impl Lexicons {
    fn for_file(
        &mut self,
        path: &Path,
        settings: &Settings,
        config_path: Option<&Path>,
    ) -> Arc<Lexicon> {
        let start = path.parent().unwrap_or(Path::new("."));
        let mut files: Vec<PathBuf> = start
            .ancestors()
            .map(|d| d.join(".policy-lsp").join("lexicon.json"))
            .find(|p| p.is_file())
            .into_iter()
            .collect();
        // `lexiconPaths` are relative to the folder holding `.policy-lsp/`.
        let root = config_path
            .and_then(|c| c.parent())
            .and_then(|d| d.parent())
            .map(Path::to_path_buf)
            .unwrap_or_default();
        files.extend(settings.lexicon_paths.iter().map(|p| root.join(p)));
        self.loaded
            .entry(files.clone())
            .or_insert_with(|| {
                let mut lexicon = Lexicon::builtin().clone();
                for f in &files {
                    let text = match std::fs::read_to_string(f) {
                        Ok(t) => t,
                        Err(e) => {
                            eprintln!(
                                "policy-lsp: warning: cannot read lexicon {}: {e}",
                                f.display()
                            );
                            continue;
                        }
                    };
                    match validate_user_lexicon(&text) {
                        Ok(user) => lexicon = lexicon.merged_with(&user),
                        Err(errors) => {
                            for e in errors {
                                eprintln!(
                                    "policy-lsp: warning: {}:{e}; this lexicon is skipped",
                                    f.display()
                                );
                            }
                        }
                    }
                }
                Arc::new(lexicon)
            })
            .clone()
    }
}

/// Checks every file under `paths`; prints to `out`. Each file gets its project's settings
/// (`.policy-lsp/config.json` over `base`) and lexicon; phrases shared between the files are
/// reported by `recurring-across-docs`.
pub fn run(
    paths: &[String],
    format: Format,
    fix: bool,
    base: &Settings,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, CliError> {
    let files = collect_files(paths)?;
    let mut lexicons = Lexicons {
        loaded: HashMap::new(),
    };
    let mut docs = Vec::new();
    for f in &files {
        let (settings, config_path) = settings_for(f, base);
        let lexicon = lexicons.for_file(f, &settings, config_path.as_deref());
        let config = Config::from_settings(&settings, lexicon);
        let mut text = std::fs::read_to_string(f).map_err(|e| CliError::io(f, e))?;
        if fix {
            let (fixed, n) = fix_file(f, &text, &config)?;
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
        docs.push(FileDoc {
            path: f.display().to_string(),
            text,
            config,
        });
    }
    let locale = docs
        .first()
        .map(|d| d.config.locale)
        .unwrap_or(crate::engine::Locale::parse(
            base.locale.as_deref().unwrap_or(""),
        ));
    let mut outcome = Outcome {
        files: docs.len(),
        counts: [0; 4],
    };
    let mut analyses: Vec<Analysis> = docs
        .iter()
        .map(|doc| {
            let analysis = engine::analyze(&doc.text, &doc.config);
            for (rule, msg) in &analysis.rule_errors {
                eprintln!(
                    "policy-lsp: internal error in rule {rule} on {}: {msg}",
                    doc.path
                );
            }
            analysis
        })
        .collect();
    if docs.len() > 1 {
        let mut index = CorpusIndex::new(base.recurring.min_chars_across);
        for (d, a) in docs.iter().zip(&analyses) {
            index.update_masked(&d.path, &d.text, &a.masked);
        }
        for (doc, analysis) in docs.iter().zip(analyses.iter_mut()) {
            if index.min_chars() != doc.config.recurring.min_chars_across {
                index.set_min_chars(doc.config.recurring.min_chars_across);
            }
            let across =
                engine::analyze_across(&doc.text, &analysis.masked, &doc.path, &index, &doc.config);
            analysis.diagnostics.extend(across);
            analysis
                .diagnostics
                .sort_by_key(|d| (d.range.start, d.range.end));
        }
    }
    for d in analyses.iter().flat_map(|a| &a.diagnostics) {
        // `Severity` is declared error, warning, information, hint: the order of `counts`.
        outcome.counts[d.severity as usize] += 1;
    }
    let mut json_out = Vec::new();
    for (doc, analysis) in docs.iter().zip(&analyses) {
        match format {
            Format::Human => {
                for d in &analysis.diagnostics {
                    writeln!(out, "{}", human(&docs, doc, d)).map_err(CliError::output)?;
                }
            }
            Format::Json => json_out.push(JsonFile {
                path: doc.path.clone(),
                diagnostics: analysis
                    .diagnostics
                    .iter()
                    .map(|d| json_diag(&docs, doc, d))
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
                locale.pick(
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

fn json_diag<'a>(docs: &[FileDoc], doc: &FileDoc, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let text = &doc.text;
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
                let at = match &r.doc {
                    None => Some(line_col(text, r.range.start)),
                    Some(other) => locate(docs, other, r.range.start),
                };
                JsonRelated {
                    path: r.doc.as_deref(),
                    line: at.map(|h| h.0),
                    column: at.map(|h| h.1),
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
