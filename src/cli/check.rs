//! `policy-lsp check [OPTIONS] PATH...`
//!
//! Files are read with [`crate::userfile::read_bytes`] (regular files only, size cap) and
//! decoded by [`crate::encoding`]; a file that cannot be read or decoded is reported and
//! skipped, and the others are still checked. Each file is analysed, rendered and dropped in
//! turn; only when several files are checked for passages they share
//! (`recurring-across-docs`) are their texts kept until the end, since that rule's findings
//! point into the other files.

use super::validate;
use super::walk::{self, Found};
use super::width::str_width;
use crate::encoding::{self, TextFormat};
use crate::engine::config::RuleSetting;
use crate::engine::lexicon::{validate_user_lexicon, Lexicon};
use crate::engine::project_config;
use crate::engine::recurrence::across::{CorpusIndex, RULE_ID as ACROSS};
use crate::engine::{self, text, Config, Diagnostic, Locale, Settings, Severity};
use crate::userfile;
use clap::ValueEnum;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// The `--severity` threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Error,
    Warning,
    #[value(alias = "information")]
    Info,
    Hint,
}

impl Level {
    fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Information,
            Level::Hint => Severity::Hint,
        }
    }
}

#[derive(clap::Args, Debug)]
#[command(after_help = super::EXIT_STATUS)]
pub struct CheckArgs {
    /// Files or folders to check; in folders, .txt, .md, .markdown and .policy files.
    /// `-` reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Language of messages: zh-CN (default) or en; overrides a project file's `locale`
    #[arg(long, value_name = "LOCALE")]
    pub locale: Option<String>,
    /// Apply every preferred quick fix and rewrite the files (atomically, in their own
    /// encoding and line endings)
    #[arg(long)]
    pub fix: bool,
    /// Print what --fix would change as a unified diff, and write nothing
    #[arg(long)]
    pub diff: bool,
    /// Report only these rules (comma-separated or repeated; see `policy-lsp rules`)
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub select: Vec<String>,
    /// Do not report these rules (comma-separated or repeated)
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    pub ignore: Vec<String>,
    /// Report only findings at this severity or above
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub severity: Option<Level>,
    /// Print the number of findings per rule instead of the findings
    #[arg(long)]
    pub statistics: bool,
    /// Print only the findings (no summary line, no notes)
    #[arg(short, long)]
    pub quiet: bool,
}

/// Byte offset → 1-based line and character column, built once per file: line starts, plus
/// a character count every [`LineIndex::STRIDE`] bytes, so a lookup costs a binary search and
/// a scan of at most a stride, even on a megabyte-long line.
pub struct LineIndex {
    lines: Vec<std::ops::Range<usize>>,
    /// (byte offset on a char boundary, characters before it), every STRIDE bytes.
    marks: Vec<(usize, usize)>,
}

impl LineIndex {
    const STRIDE: usize = 256;

    pub fn new(text: &str) -> LineIndex {
        #[cfg(test)]
        tests::LINE_INDEXES.with(|n| n.set(n.get() + 1));
        let mut marks = vec![(0, 0)];
        let mut next = Self::STRIDE;
        for (chars, (i, _)) in text.char_indices().enumerate() {
            if i >= next {
                marks.push((i, chars));
                next = i + Self::STRIDE;
            }
        }
        LineIndex {
            lines: text::lines(text),
            marks,
        }
    }

    /// 0-based index of the line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.end < offset)
            .min(self.lines.len().saturating_sub(1))
    }

    /// Characters before byte `offset` (a char boundary).
    fn char_index(&self, text: &str, offset: usize) -> usize {
        let k = self.marks.partition_point(|m| m.0 <= offset).max(1) - 1;
        let (at, chars) = self.marks[k];
        chars + text[at..offset].chars().count()
    }

    /// 1-based line and character column of `offset`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_boundary(text, offset.min(text.len()));
        let idx = self.line_of(offset);
        let start = self.lines.get(idx).map_or(0, |l| l.start).min(offset);
        (
            idx + 1,
            self.char_index(text, offset) - self.char_index(text, start) + 1,
        )
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// 1-based line and character column of a byte offset (one lookup; build a [`LineIndex`]
/// for many).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(text, offset)
}

/// The source line of `span` with a caret underline, windowed around the span when the line
/// is long (scraped pages put a whole report on one line). Costs O(window), not O(line).
fn snippet(text: &str, lines: &LineIndex, span: &engine::Span) -> String {
    const CONTEXT: usize = 24;
    let idx = lines.line_of(span.start);
    let line = lines.lines.get(idx).cloned().unwrap_or(0..text.len());
    let start = floor_boundary(text, span.start.clamp(line.start, line.end));
    let end = floor_boundary(text, span.end.clamp(start, line.end));
    let mut before: Vec<char> = text[line.start..start]
        .chars()
        .rev()
        .take(CONTEXT + 1)
        .collect();
    before.reverse();
    let lead = if before.len() > CONTEXT {
        before.remove(0);
        "…"
    } else {
        ""
    };
    let before: String = before.into_iter().collect();
    let mut after: String = text[end..line.end].chars().take(CONTEXT + 1).collect();
    let trail = if after.chars().count() > CONTEXT {
        after.pop();
        "…"
    } else {
        ""
    };
    let mut marked: String = text[start..end].chars().take(3 * CONTEXT + 1).collect();
    if marked.chars().count() > 3 * CONTEXT {
        marked.pop();
        marked.push('…');
    }
    let shown = format!("{lead}{before}{marked}{after}{trail}").replace('\t', "    ");
    let pad = str_width(lead) + str_width(&before.replace('\t', "    "));
    let carets = str_width(&marked).max(1);
    let gutter = " ".repeat((idx + 1).to_string().len());
    format!(
        "{gutter} |\n{} | {shown}\n{gutter} | {}{}",
        idx + 1,
        " ".repeat(pad),
        "^".repeat(carets)
    )
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
    path: &'a str,
    /// Why the file was not checked (unreadable, not text, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// One input of the run.
enum Source {
    Stdin,
    File(PathBuf),
}

/// A file read, decoded and configured.
struct Doc {
    name: String,
    path: Option<PathBuf>,
    text: String,
    format: TextFormat,
    config: Config,
    lines: std::cell::OnceCell<LineIndex>,
}

impl Doc {
    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }
}

/// What the run found, for the summary and the exit status.
#[derive(Default)]
struct Tally {
    files: usize,
    errors: usize,
    counts: [usize; 4],
    per_rule: BTreeMap<&'static str, (Severity, usize)>,
    changed: usize,
}

/// Everything a run needs besides its inputs.
struct Run<'a> {
    args: &'a CheckArgs,
    base: Settings,
    lexicons: Lexicons,
    configs_seen: HashSet<PathBuf>,
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    tally: Tally,
    json_started: bool,
}

/// Runs `check`; returns the exit status (see [`super::EXIT_STATUS`]).
pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match run_inner(args, out, err) {
        Ok(code) => code,
        Err(e) => {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                0
            } else {
                let _ = writeln!(err, "policy-lsp: error: cannot write output: {e}");
                2
            }
        }
    }
}

fn run_inner(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    if args.fix && args.paths.iter().any(|p| p.as_os_str() == "-") {
        writeln!(
            err,
            "policy-lsp: error: --fix cannot rewrite standard input; use --diff to see the fixes"
        )?;
        return Ok(2);
    }
    if let Some(l) = &args.locale {
        if let Some(w) = validate::unknown_locale(l) {
            writeln!(err, "policy-lsp: warning: {w}")?;
        }
    }
    for id in args.select.iter().chain(&args.ignore) {
        if let Some(w) = validate::unknown_rule(id) {
            writeln!(err, "policy-lsp: warning: {w}")?;
        }
    }
    let mut run = Run {
        args,
        base: Settings {
            locale: args.locale.clone(),
            ..Settings::default()
        },
        lexicons: Lexicons {
            loaded: HashMap::new(),
        },
        configs_seen: HashSet::new(),
        out,
        err,
        tally: Tally::default(),
        json_started: false,
    };
    let mut sources = Vec::new();
    let mut files = Vec::new();
    for p in &args.paths {
        if p.as_os_str() == "-" {
            sources.push(Source::Stdin);
        } else {
            files.push(p.clone());
        }
    }
    // Paths are walked first, in argument order; standard input comes first when given.
    for found in walk::collect(&files) {
        match found {
            Found::File(p) => sources.push(Source::File(p)),
            Found::Error(p, msg) => run.file_error(&p.display().to_string(), &msg)?,
        }
    }
    let code = if args.diff {
        for s in &sources {
            if let Some(doc) = run.load(s)? {
                run.diff(&doc)?;
            }
        }
        if !args.quiet {
            let n = run.tally.changed;
            writeln!(run.err, "policy-lsp: {n} file(s) would be changed")?;
        }
        i32::from(run.tally.changed > 0)
    } else {
        run.check_all(&sources)?;
        let [e, w, ..] = run.tally.counts;
        i32::from(e + w > 0)
    };
    run.out.flush()?;
    Ok(if run.tally.errors > 0 { 2 } else { code })
}

impl Run<'_> {
    fn locale(&self) -> Locale {
        Locale::parse(self.base.locale.as_deref().unwrap_or(""))
    }

    fn keep_rule(&self, rule: &str) -> bool {
        (self.args.select.is_empty() || self.args.select.iter().any(|s| s == rule))
            && !self.args.ignore.iter().any(|s| s == rule)
    }

    fn keep(&self, d: &Diagnostic) -> bool {
        self.keep_rule(d.rule)
            && self
                .args
                .severity
                .is_none_or(|level| d.severity <= level.severity())
    }

    /// Reports a file that was not checked, on stderr and in the JSON output.
    fn file_error(&mut self, name: &str, msg: &str) -> std::io::Result<()> {
        self.tally.errors += 1;
        writeln!(self.err, "policy-lsp: error: {name}: {msg}")?;
        if self.args.format == Format::Json && !self.args.statistics && !self.args.diff {
            let file = JsonFile {
                path: name,
                error: Some(msg),
                diagnostics: Vec::new(),
            };
            self.json_item(&file)?;
        }
        Ok(())
    }

    fn json_item(&mut self, item: &impl Serialize) -> std::io::Result<()> {
        let s = serde_json::to_string_pretty(item).map_err(std::io::Error::other)?;
        let sep = if self.json_started { ",\n" } else { "[\n" };
        self.json_started = true;
        write!(self.out, "{sep}{s}")
    }

    /// The settings for a file at `path`: the nearest project file over the defaults, then
    /// the command line's `--locale`, `--select` and `--ignore` over both.
    fn settings_for(&mut self, path: &Path) -> std::io::Result<(Settings, Option<PathBuf>)> {
        let (mut settings, config_path) = match project_config::load_for(path, &self.base) {
            Ok(Some((config_path, s))) => (s, Some(config_path)),
            Ok(None) => (self.base.clone(), None),
            Err((config_path, msg)) => {
                writeln!(
                    self.err,
                    "policy-lsp: warning: ignoring {}: {msg}",
                    config_path.display()
                )?;
                (self.base.clone(), None)
            }
        };
        if let Some(cp) = &config_path {
            if self.configs_seen.insert(cp.clone()) {
                self.warn_config(cp)?;
            }
        }
        if self.args.locale.is_some() {
            settings.locale = self.args.locale.clone();
        }
        for info in engine::rules::all().iter().map(|r| r.info()) {
            if !self.keep_rule(info.id) {
                settings.rules.insert(
                    info.id.to_string(),
                    RuleSetting {
                        enabled: Some(false),
                        severity: None,
                    },
                );
            }
        }
        Ok((settings, config_path))
    }

    /// Warnings for unknown keys, rule ids and locales in a project file.
    fn warn_config(&mut self, path: &Path) -> std::io::Result<()> {
        let Some(value) = userfile::read_bytes(path, userfile::DEFAULT_CAP)
            .ok()
            .and_then(|b| encoding::decode(&b).ok())
            .and_then(|d| project_config::parse(&d.text).ok())
        else {
            return Ok(());
        };
        let mut warnings = validate::config_warnings(&value);
        if let Some(l) = value
            .get("policyLsp")
            .unwrap_or(&value)
            .get("locale")
            .and_then(|l| l.as_str())
        {
            warnings.extend(validate::unknown_locale(l));
        }
        for w in warnings {
            writeln!(self.err, "policy-lsp: warning: {}: {w}", path.display())?;
        }
        Ok(())
    }

    /// Reads, decodes and configures one input; `None` when it was reported as an error.
    fn load(&mut self, source: &Source) -> std::io::Result<Option<Doc>> {
        let (name, path, read) = match source {
            Source::Stdin => {
                let mut buf = Vec::new();
                let read = std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf)
                    .map(|_| buf)
                    .map_err(|e| e.to_string());
                ("<stdin>".to_string(), None, read)
            }
            Source::File(p) => {
                let read = userfile::read_bytes(p, userfile::DEFAULT_CAP).map_err(|e| match e {
                    userfile::UserFileError::Io(io) => walk::io_message(&io),
                    other => other.to_string(),
                });
                (p.display().to_string(), Some(p.clone()), read)
            }
        };
        let bytes = match read {
            Ok(b) => b,
            Err(msg) => {
                self.file_error(&name, &msg)?;
                return Ok(None);
            }
        };
        let decoded = match encoding::decode(&bytes) {
            Ok(d) => d,
            Err(e) => {
                self.file_error(&name, &e.to_string())?;
                return Ok(None);
            }
        };
        drop(bytes);
        // Standard input is configured like a file in the current folder.
        let config_anchor = path
            .clone()
            .unwrap_or_else(|| PathBuf::from(".").join("stdin"));
        let (settings, config_path) = self.settings_for(&config_anchor)?;
        let lexicon =
            self.lexicons
                .for_file(&config_anchor, &settings, config_path.as_deref(), self.err);
        let mut config = Config::from_settings(&settings, lexicon);
        // `check` prints findings only.
        config.outline = false;
        let warnings = validate::suppression_warnings(&decoded.text);
        if !warnings.is_empty() {
            let lines = LineIndex::new(&decoded.text);
            for (at, w) in warnings {
                let (l, c) = lines.line_col(&decoded.text, at);
                writeln!(self.err, "policy-lsp: warning: {name}:{l}:{c}: {w}")?;
            }
        }
        Ok(Some(Doc {
            name,
            path,
            text: decoded.text,
            format: decoded.format,
            config,
            lines: std::cell::OnceCell::new(),
        }))
    }

    /// `--diff`: the fixes of one file as a unified diff.
    fn diff(&mut self, doc: &Doc) -> std::io::Result<()> {
        let (fixed, n) = fix_text(&doc.text, &doc.config);
        if n == 0 || fixed == doc.text {
            return Ok(());
        }
        self.tally.changed += 1;
        let diff = similar::TextDiff::from_lines(doc.text.as_str(), fixed.as_str());
        let unified = diff
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{}", doc.name), &format!("b/{}", doc.name))
            .to_string();
        write!(self.out, "{unified}")
    }

    /// `--fix`: applies the fixes and writes the file back; returns the fixed document.
    fn fix(&mut self, mut doc: Doc) -> std::io::Result<Option<Doc>> {
        let (fixed, n) = fix_text(&doc.text, &doc.config);
        if n == 0 || fixed == doc.text {
            return Ok(Some(doc));
        }
        let Some(path) = doc.path.clone() else {
            return Ok(Some(doc));
        };
        let bytes = match encoding::encode(&fixed, doc.format) {
            Ok(b) => b,
            Err(e) => {
                self.file_error(&doc.name, &format!("not fixed: {e}"))?;
                return Ok(Some(doc));
            }
        };
        if let Err(e) = super::write::write_atomic(&path, &bytes) {
            self.file_error(&doc.name, &format!("cannot write the fixes: {e}"))?;
            return Ok(Some(doc));
        }
        if !self.args.quiet {
            let msg = doc.config.locale.pick(
                format!("{}：已修复 {n} 处", doc.name),
                format!("{}: fixed {n} problems", doc.name),
            );
            writeln!(self.err, "{msg}")?;
        }
        doc.text = fixed;
        doc.lines = std::cell::OnceCell::new();
        Ok(Some(doc))
    }

    fn load_for_check(&mut self, s: &Source) -> std::io::Result<Option<Doc>> {
        match self.load(s)? {
            Some(doc) if self.args.fix => self.fix(doc),
            other => Ok(other),
        }
    }

    /// Checks every source. With one source, or when `recurring-across-docs` is not wanted,
    /// each file is loaded, checked, printed and dropped before the next; otherwise all
    /// texts are loaded and indexed first.
    fn check_all(&mut self, sources: &[Source]) -> std::io::Result<()> {
        let across = sources.len() > 1 && self.keep_rule(ACROSS);
        if across {
            let mut docs = Vec::new();
            let mut index = CorpusIndex::new(self.base.recurring.min_chars_across);
            for s in sources {
                if let Some(doc) = self.load_for_check(s)? {
                    let masked = engine::document::Document::prepare(&doc.text).masked;
                    index.update_masked(&doc.name, &doc.text, &masked);
                    docs.push(doc);
                }
            }
            for i in 0..docs.len() {
                self.check_doc(&docs[i], Some((&docs, &mut index)))?;
            }
        } else {
            for s in sources {
                if let Some(doc) = self.load_for_check(s)? {
                    self.check_doc(&doc, None)?;
                }
            }
        }
        self.finish()
    }

    fn check_doc(
        &mut self,
        doc: &Doc,
        across: Option<(&[Doc], &mut CorpusIndex)>,
    ) -> std::io::Result<()> {
        self.tally.files += 1;
        let mut analysis = engine::analyze(&doc.text, &doc.config);
        for (rule, msg) in &analysis.rule_errors {
            writeln!(
                self.err,
                "policy-lsp: internal error in rule {rule} on {}: {msg}",
                doc.name
            )?;
        }
        let docs: &[Doc] = match across {
            Some((docs, index)) => {
                if index.min_chars() != doc.config.recurring.min_chars_across {
                    index.set_min_chars(doc.config.recurring.min_chars_across);
                }
                let found = engine::analyze_across(
                    &doc.text,
                    &analysis.masked,
                    &doc.name,
                    index,
                    &doc.config,
                );
                analysis.diagnostics.extend(found);
                analysis
                    .diagnostics
                    .sort_by_key(|d| (d.range.start, d.range.end));
                docs
            }
            None => &[],
        };
        analysis.diagnostics.retain(|d| self.keep(d));
        for d in &analysis.diagnostics {
            // `Severity` is declared error, warning, information, hint: the order of `counts`.
            self.tally.counts[d.severity as usize] += 1;
            self.tally
                .per_rule
                .entry(d.rule)
                .or_insert((d.severity, 0))
                .1 += 1;
        }
        if self.args.statistics {
            return Ok(());
        }
        match self.args.format {
            Format::Human => {
                for d in &analysis.diagnostics {
                    let s = human(docs, doc, d);
                    writeln!(self.out, "{s}")?;
                }
            }
            Format::Json => {
                let file = JsonFile {
                    path: &doc.name,
                    error: None,
                    diagnostics: analysis
                        .diagnostics
                        .iter()
                        .map(|d| json_diag(docs, doc, d))
                        .collect(),
                };
                self.json_item(&file)?;
            }
        }
        Ok(())
    }

    /// The statistics table, the closing bracket of the JSON array, the summary line.
    fn finish(&mut self) -> std::io::Result<()> {
        let locale = self.locale();
        if self.args.statistics {
            let mut rows: Vec<(&str, Severity, usize)> = self
                .tally
                .per_rule
                .iter()
                .map(|(r, (s, n))| (*r, *s, *n))
                .collect();
            rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
            match self.args.format {
                Format::Json => {
                    let v: Vec<_> = rows
                        .iter()
                        .map(|(r, s, n)| serde_json::json!({"rule": r, "severity": s.as_str(), "count": n}))
                        .collect();
                    let s = serde_json::to_string_pretty(&v).map_err(std::io::Error::other)?;
                    writeln!(self.out, "{s}")?;
                }
                Format::Human => {
                    for (rule, sev, n) in &rows {
                        writeln!(self.out, "{n:>7}  {rule:<24} {}", sev.as_str())?;
                    }
                }
            }
        } else if self.args.format == Format::Json {
            let open = if self.json_started { "\n" } else { "[" };
            writeln!(self.out, "{open}]")?;
        }
        if self.args.format == Format::Human && !self.args.quiet {
            let [e, w, i, h] = self.tally.counts;
            let files = self.tally.files;
            let mut line = locale.pick(
                format!("检查了 {files} 个文件：{e} 个错误，{w} 个警告，{i} 条提示，{h} 条建议"),
                format!("checked {files} files: {e} errors, {w} warnings, {i} infos, {h} hints"),
            );
            let bad = self.tally.errors;
            if bad > 0 {
                line += &locale.pick(
                    format!("；{bad} 个文件无法检查"),
                    format!("; {bad} could not be checked"),
                );
            }
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }
}

/// Line and column of `offset` in the file named `key`, if it is one of `docs`.
fn locate(docs: &[Doc], key: &str, offset: usize) -> Option<(usize, usize)> {
    docs.iter()
        .find(|d| d.name == key)
        .map(|d| d.lines().line_col(&d.text, offset))
}

fn human(docs: &[Doc], doc: &Doc, d: &Diagnostic) -> String {
    let (path, text, lines) = (&doc.name, &doc.text, doc.lines());
    let (line, col) = lines.line_col(text, d.range.start);
    let mut s = format!(
        "{path}:{line}:{col}: {}[{}]: {}\n{}\n",
        d.severity.as_str(),
        d.rule,
        d.message,
        snippet(text, lines, &d.range)
    );
    for r in &d.related {
        let (target, at) = match &r.doc {
            None => (path.as_str(), Some(lines.line_col(text, r.range.start))),
            Some(other) => (other.as_str(), locate(docs, other, r.range.start)),
        };
        match at {
            Some((l, c)) => s.push_str(&format!("  = {target}:{l}:{c}: {}\n", r.message)),
            None => s.push_str(&format!("  = {target}: {}\n", r.message)),
        }
    }
    s
}

fn json_diag<'a>(docs: &[Doc], doc: &Doc, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let (text, lines) = (&doc.text, doc.lines());
    let (line, column) = lines.line_col(text, d.range.start);
    let (end_line, end_column) = lines.line_col(text, d.range.end);
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
                    None => Some(lines.line_col(text, r.range.start)),
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

/// Applies every preferred fix (a few passes, since one fix can reveal another). Returns the
/// new text and the number of fixes applied.
fn fix_text(text: &str, config: &Config) -> (String, usize) {
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
    (current, total)
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
        err: &mut dyn Write,
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
                    let text = match userfile::read_bytes(f, userfile::DEFAULT_CAP)
                        .map_err(|e| e.to_string())
                        .and_then(|b| encoding::decode(&b).map_err(|e| e.to_string()))
                    {
                        Ok(d) => d.text,
                        Err(e) => {
                            let _ = writeln!(
                                err,
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
                                let _ = writeln!(
                                    err,
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

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        /// How many line tables were built on this thread.
        pub static LINE_INDEXES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// Rendering is near-linear: one line table per file, not one per finding (an 800 KB
    /// file with a finding per line took minutes when each lookup rebuilt it).
    #[test]
    fn one_line_table_per_file_however_many_findings() {
        let d = std::env::temp_dir().join(format!("policy-lsp-lines-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        let f = d.join("many.txt");
        std::fs::write(&f, "会议指出,要坚持。\n".repeat(3000)).unwrap();
        for format in [Format::Human, Format::Json] {
            let args = CheckArgs {
                paths: vec![f.clone()],
                format,
                locale: None,
                fix: false,
                diff: false,
                select: vec!["halfwidth-punct".into()],
                ignore: vec![],
                severity: None,
                statistics: false,
                quiet: true,
            };
            let before = LINE_INDEXES.with(|n| n.get());
            let (mut out, mut err) = (Vec::new(), Vec::new());
            // 3000 half-width commas and no full-width one: a document-wide habit, published
            // as information, so the exit status is 0.
            assert_eq!(run(&args, &mut out, &mut err), 0);
            let out = String::from_utf8(out).unwrap();
            assert_eq!(out.matches("halfwidth-punct").count(), 3000, "{format:?}");
            assert!(out.contains("3000"), "the last line is found");
            assert_eq!(LINE_INDEXES.with(|n| n.get()) - before, 1, "{format:?}");
        }
        let _ = std::fs::remove_dir_all(&d);
    }

    fn snip(t: &str, span: engine::Span) -> String {
        snippet(t, &LineIndex::new(t), &span)
    }

    #[test]
    fn line_col_counts_characters_from_one() {
        let t = "来源:新疆日报\n𠮷a,b";
        assert_eq!(line_col(t, t.find(':').unwrap()), (1, 3));
        assert_eq!(line_col(t, t.find(',').unwrap()), (2, 3));
        assert_eq!(line_col(t, t.len()), (2, 5));
        assert_eq!(line_col("a\r\nb", 3), (2, 1));
        assert_eq!(line_col("", 0), (1, 1));
    }

    #[test]
    fn line_index_agrees_with_a_naive_count_on_long_mixed_lines() {
        let t = format!(
            "{}\r\n{}\n\n{}",
            "会议a,𠮷".repeat(300),
            "x".repeat(700),
            "议".repeat(400)
        );
        let idx = LineIndex::new(&t);
        for (i, _) in t.char_indices().step_by(7).chain([(t.len(), ' ')]) {
            let before = &t[..i];
            let line_start = before.rfind(['\n', '\r']).map_or(0, |p| p + 1);
            let line = before.matches('\n').count() + before.matches('\r').count()
                - before.matches("\r\n").count()
                + 1;
            let col = t[line_start..i].chars().count() + 1;
            assert_eq!(idx.line_col(&t, i), (line, col), "at {i}");
        }
    }

    #[test]
    fn caret_lines_up_under_wide_characters() {
        let t = "来源:新疆日报";
        let s = snip(t, 6..7);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[1], "1 | 来源:新疆日报");
        // 来源 is four columns wide.
        assert_eq!(lines[2], "  |     ^");
    }

    #[test]
    fn long_lines_are_windowed() {
        let t = format!("{}要坚持,坚决{}", "会".repeat(500), "议".repeat(500));
        let at = t.find(',').unwrap();
        let s = snip(&t, at..at + 1);
        assert!(s.lines().nth(1).unwrap().chars().count() < 80, "{s}");
        let caret_line = s.lines().nth(2).unwrap();
        let text_line = s.lines().nth(1).unwrap();
        let prefix: String = text_line.chars().take_while(|&c| c != ',').collect();
        assert_eq!(caret_line.find('^').unwrap(), str_width(&prefix));
        // Exactly the window: 24 characters each side.
        assert!(text_line.starts_with(&format!("1 | …{}要坚持,", "会".repeat(21))));
        assert!(text_line.ends_with(&format!(",坚决{}…", "议".repeat(22))));
    }
}
