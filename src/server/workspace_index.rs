//! The workspace side of recurring phrases: the corpus index of the workspace folders' `.txt`
//! and `.md` files (for `recurring-across-docs`), the project config file
//! `.policy-lsp/config.json`, and the "Ignore this phrase in this workspace" code action.
//!
//! - At `initialized`, [`start`] loads the project config, then indexes the workspace folders
//!   on the blocking pool, reporting `$/progress` (when the client supports work-done
//!   progress), and re-analyses the open documents when done.
//! - Open documents are indexed from their buffers as they are analysed (every change);
//!   files are re-read from disk when closed. Saving a document re-analyses the others, whose
//!   across-docs diagnostics may have changed.
//! - Settings = client settings (initializationOptions / didChangeConfiguration) with the
//!   project file laid over them (`engine::project_config::apply`). The file is re-read when
//!   it changes on disk (watched files) or in an editor buffer.

use super::documents::DocumentStore;
use super::position::{span_to_range, Encoding};
use super::{convert, Backend};
use crate::engine::project_config::{self, CONFIG_DIR, CONFIG_FILE};
use crate::engine::recurrence::across::{CorpusIndex, RULE_ID as ACROSS_ID};
use crate::engine::rules::recurring_phrase::INFO as PHRASE_INFO;
use crate::engine::{self, Analysis, Config, Locale, Settings, Span};
use ropey::Rope;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tower_lsp::lsp_types::notification::Progress;
use tower_lsp::lsp_types::request::{RegisterCapability, WorkDoneProgressCreate};
use tower_lsp::lsp_types::*;

/// Files larger than this are not indexed (a generated dump is not a report).
const MAX_FILE_BYTES: u64 = 4 << 20;
/// At most this many files are indexed per workspace.
const MAX_FILES: usize = 5000;

/// The loaded project config file.
#[derive(Debug, Clone)]
pub struct ProjectConfig {
    pub path: PathBuf,
    pub value: Value,
}

#[derive(Default)]
pub struct WorkspaceIndex {
    corpus: RwLock<CorpusIndex>,
    /// The only document so far, not in `corpus` yet: with nothing to share text with, its
    /// sequence and k-gram table (~12 bytes per character, 4-6 MB for a 1 MB document,
    /// rebuilt on every analysis) would serve no query. It is indexed from this copy (a rope
    /// clone shares the buffer's nodes) when a second document arrives. Lock it before
    /// `corpus`; while it is set, `corpus` is empty.
    lone: Mutex<Option<Deferred>>,
    /// Text of every indexed document, for positions of related locations in files that are
    /// not open.
    ropes: RwLock<HashMap<String, Rope>>,
    project: RwLock<Option<ProjectConfig>>,
    progress_supported: AtomicBool,
    watch_supported: AtomicBool,
    /// Serialises index rebuilds triggered by a new `minCharsAcross`.
    rebuild: Mutex<()>,
}

/// A document whose indexing waits for a second one (see `WorkspaceIndex::lone`).
struct Deferred {
    key: String,
    rope: Rope,
    masked: Vec<Span>,
}

/// The index key of a document: its URI, normalised through the file path for `file:` URIs
/// so that a URI from the client and one built from a path agree.
pub fn key_for(uri: &Url) -> String {
    uri.to_file_path()
        .ok()
        .and_then(|p| Url::from_file_path(p).ok())
        .unwrap_or_else(|| uri.clone())
        .to_string()
}

/// `.txt` and `.md` files are indexed and checked.
pub fn is_indexable(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "txt" | "md" | "markdown"))
}

fn is_config_uri(uri: &Url) -> bool {
    uri.path()
        .ends_with(&format!("/{CONFIG_DIR}/{CONFIG_FILE}"))
}

/// The `.txt`/`.md` files under `roots`, skipping hidden folders and build output; sorted,
/// at most `limit`.
pub fn collect_files(roots: &[PathBuf], limit: usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = roots.to_vec();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name();
            let name = name.to_string_lossy();
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_dir() {
                if !name.starts_with('.') && !matches!(name.as_ref(), "target" | "node_modules") {
                    stack.push(e.path());
                }
            } else if ft.is_file() && is_indexable(&e.path()) {
                if e.metadata().is_ok_and(|m| m.len() <= MAX_FILE_BYTES) {
                    out.push(e.path());
                }
                if out.len() >= limit {
                    out.sort();
                    return out;
                }
            }
        }
    }
    out.sort();
    out
}

impl WorkspaceIndex {
    /// Records what the client supports; call from `initialize`.
    pub fn set_client_capabilities(&self, caps: &ClientCapabilities) {
        let progress = caps
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false);
        let watch = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        self.progress_supported.store(progress, Ordering::SeqCst);
        self.watch_supported.store(watch, Ordering::SeqCst);
    }

    /// Adds or replaces a document.
    pub fn update(&self, key: &str, text: &str, masked: &[Span], rope: Rope) {
        {
            let mut lone = self.lone.lock().unwrap_or_else(|e| e.into_inner());
            let mut corpus = self.corpus.write().unwrap_or_else(|e| e.into_inner());
            if corpus.is_empty() && lone.as_ref().is_none_or(|d| d.key == key) {
                *lone = Some(Deferred {
                    key: key.to_string(),
                    rope: rope.clone(),
                    masked: masked.to_vec(),
                });
            } else {
                if let Some(first) = lone.take() {
                    let text = super::documents::rope_text(&first.rope);
                    corpus.update_masked(&first.key, &text, &first.masked);
                }
                corpus.update_masked(key, text, masked);
            }
        }
        self.ropes
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key.to_string(), rope);
    }

    pub fn remove(&self, key: &str) {
        {
            let mut lone = self.lone.lock().unwrap_or_else(|e| e.into_inner());
            if lone.as_ref().is_some_and(|d| d.key == key) {
                *lone = None;
            }
            self.corpus
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .remove(key);
        }
        self.ropes
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }

    /// Documents indexed, the deferred lone one included.
    pub fn len(&self) -> usize {
        let lone = self.lone.lock().unwrap_or_else(|e| e.into_inner());
        usize::from(lone.is_some()) + self.corpus.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The URI and text of an indexed document, for related locations.
    pub fn rope(&self, key: &str) -> Option<(Url, Rope)> {
        let rope = self
            .ropes
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(key)?
            .clone();
        Some((Url::parse(key).ok()?, rope))
    }

    /// Indexes `text` under `key` and appends its across-docs diagnostics to `analysis`
    /// (kept sorted). Runs on the blocking pool, inside the analysis of a document.
    pub fn index_and_check(
        &self,
        key: &str,
        text: &str,
        rope: &Rope,
        config: &Config,
        analysis: &mut Analysis,
    ) {
        self.update(key, text, &analysis.masked, rope.clone());
        let wanted = config.recurring.min_chars_across.max(2);
        if self
            .corpus
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .min_chars()
            != wanted
        {
            let _one = self.rebuild.lock().unwrap_or_else(|e| e.into_inner());
            self.corpus
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .set_min_chars(wanted);
        }
        let corpus = self.corpus.read().unwrap_or_else(|e| e.into_inner());
        let across = engine::analyze_across(text, &analysis.masked, key, &corpus, config);
        if !across.is_empty() {
            analysis.diagnostics.extend(across);
            analysis
                .diagnostics
                .sort_by_key(|d| (d.range.start, d.range.end));
        }
    }

    pub fn project(&self) -> Option<ProjectConfig> {
        self.project
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Client settings with the project file laid over them.
    pub fn effective_settings(&self, client: &Settings) -> Settings {
        match self.project() {
            Some(p) => project_config::apply(client, &p.value).unwrap_or_else(|_| client.clone()),
            None => client.clone(),
        }
    }

    /// Loads the project config: from `text` when given (an editor buffer), else from the
    /// first workspace root that has one. `Ok(true)` when it changed; `Err` carries a message
    /// for the user (the previous config stays).
    pub fn load_project(
        &self,
        roots: &[PathBuf],
        buffer: Option<(PathBuf, &str)>,
    ) -> Result<bool, String> {
        let found = match buffer {
            Some((path, text)) => Some((path, Ok(text.to_string()))),
            None => roots
                .iter()
                .map(|r| r.join(CONFIG_DIR).join(CONFIG_FILE))
                .find(|p| p.exists())
                .map(|p| {
                    // A repository names this file: read it like any user-named file.
                    let text = match crate::userfile::read_bytes(&p, MAX_FILE_BYTES) {
                        Ok(bytes) => String::from_utf8(bytes)
                            .map_err(|_| format!("{}: not valid UTF-8", p.display())),
                        Err(e) => Err(format!("{}: {e}", p.display())),
                    };
                    (p, text)
                }),
        };
        let found = match found {
            Some((p, Ok(text))) => Some((p, text)),
            Some((_, Err(msg))) => return Err(msg),
            None => None,
        };
        let mut slot = self.project.write().unwrap_or_else(|e| e.into_inner());
        let Some((path, text)) = found else {
            let changed = slot.is_some();
            *slot = None;
            return Ok(changed);
        };
        let value = project_config::parse(&text).map_err(|e| format!("{}:{e}", path.display()))?;
        // Reject files whose keys have the wrong types, keeping the previous settings.
        project_config::apply(&Settings::default(), &value)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let changed = slot
            .as_ref()
            .is_none_or(|old| old.path != path || old.value != value);
        *slot = Some(ProjectConfig { path, value });
        Ok(changed)
    }
}

/// Resolves a related location's document: an open document, else an indexed file.
pub fn other_doc(docs: &DocumentStore, index: &WorkspaceIndex, key: &str) -> Option<(Url, Rope)> {
    let uri = Url::parse(key).ok()?;
    match docs.snapshot(&uri) {
        Some(s) => Some((uri, s.rope)),
        None => index.rope(key),
    }
}

/// Re-reads the project config and recomputes the effective configuration; reports problems
/// to the user. Re-analyses the open documents.
pub async fn reload_project(backend: &Backend, buffer: Option<(PathBuf, String)>) {
    let roots = backend.state().workspace_roots;
    let ws = backend.inner.workspace.clone();
    // The file is read on the blocking pool (see `crate::userfile`).
    let result = tokio::task::spawn_blocking(move || {
        ws.load_project(
            &roots,
            buffer.as_ref().map(|(p, t)| (p.clone(), t.as_str())),
        )
    })
    .await
    .unwrap_or_else(|_| Err("the project config could not be read".into()));
    match result {
        Ok(true) => {
            // Its `lexiconPaths` may have changed (at start-up: are known only now); the
            // reload rebuilds the configuration and re-analyses.
            backend.reload_lexicons(false).await;
        }
        Ok(false) => {}
        Err(msg) => {
            let msg = format!("ignored invalid project config {msg}");
            backend.log(MessageType::WARNING, msg.clone()).await;
            backend
                .inner
                .client
                .show_message(MessageType::WARNING, msg)
                .await;
        }
    }
}

/// Recomputes `state.config` from the client settings and the project file.
pub fn refresh_config(backend: &Backend) {
    let state = backend.state();
    let effective = backend.inner.workspace.effective_settings(&state.settings);
    let config = Arc::new(super::engine_config(
        &effective,
        state.config.lexicon.clone(),
    ));
    backend.set_state(|s| s.config = config);
}

/// At `initialized`: watch the config file, load it, index the workspace, all in a task of
/// its own (the client answers our requests only after `initialized` has been handled).
pub fn start(backend: &Backend) {
    let this = backend.clone();
    tokio::spawn(async move {
        let ws = this.inner.workspace.clone();
        if ws.watch_supported.load(Ordering::SeqCst) {
            let options = serde_json::json!({
                "watchers": [{"globPattern": format!("**/{CONFIG_DIR}/{CONFIG_FILE}")}]
            });
            let reg = Registration {
                id: "policy-lsp-config-watch".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: Some(options),
            };
            let _ = this
                .inner
                .client
                .send_request::<RegisterCapability>(RegistrationParams {
                    registrations: vec![reg],
                })
                .await;
        }
        reload_project(&this, None).await;
        index_workspace(&this).await;
    });
}

async fn progress(backend: &Backend, token: &NumberOrString, value: WorkDoneProgress) {
    backend
        .inner
        .client
        .send_notification::<Progress>(ProgressParams {
            token: token.clone(),
            value: ProgressParamsValue::WorkDone(value),
        })
        .await;
}

/// Indexes the workspace folders' files, reporting `$/progress`, then re-analyses the open
/// documents so their across-docs diagnostics appear.
pub async fn index_workspace(backend: &Backend) {
    let roots = backend.state().workspace_roots;
    if roots.is_empty() {
        return;
    }
    let locale = backend.state().config.locale;
    let token = NumberOrString::String("policy-lsp/index-workspace".into());
    let mut report = backend
        .inner
        .workspace
        .progress_supported
        .load(Ordering::SeqCst);
    if report {
        report = backend
            .inner
            .client
            .send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                token: token.clone(),
            })
            .await
            .is_ok();
    }
    if report {
        let begin = WorkDoneProgressBegin {
            title: locale.pick(
                "索引工作区文档".into(),
                "Indexing workspace documents".into(),
            ),
            cancellable: Some(false),
            message: None,
            percentage: Some(0),
        };
        progress(backend, &token, WorkDoneProgress::Begin(begin)).await;
    }
    let files = tokio::task::spawn_blocking(move || collect_files(&roots, MAX_FILES))
        .await
        .unwrap_or_default();
    let total = files.len();
    let mut done = 0usize;
    for chunk in files.chunks(16) {
        let chunk_len = chunk.len();
        let chunk: Vec<PathBuf> = chunk
            .iter()
            .filter(|p| {
                // An open document is indexed from its buffer, not from disk.
                Url::from_file_path(p)
                    .ok()
                    .is_none_or(|u| backend.inner.docs.snapshot(&u).is_none())
            })
            .cloned()
            .collect();
        let ws = backend.inner.workspace.clone();
        let _ = tokio::task::spawn_blocking(move || {
            for p in chunk {
                index_file(&ws, &p);
            }
        })
        .await;
        done += chunk_len;
        if report {
            let pct = (done.min(total) * 100 / total.max(1)) as u32;
            let message = locale.pick(
                format!("{}/{} 个文件", done.min(total), total),
                format!("{}/{} files", done.min(total), total),
            );
            let r = WorkDoneProgressReport {
                cancellable: Some(false),
                message: Some(message),
                percentage: Some(pct),
            };
            progress(backend, &token, WorkDoneProgress::Report(r)).await;
        }
    }
    if report {
        let message = locale.pick(
            format!("已索引 {total} 个文件"),
            format!("indexed {total} files"),
        );
        progress(
            backend,
            &token,
            WorkDoneProgress::End(WorkDoneProgressEnd {
                message: Some(message),
            }),
        )
        .await;
    }
    backend
        .log(
            MessageType::INFO,
            format!("indexed {total} workspace files"),
        )
        .await;
    if total > 0 {
        backend.reanalyse_all();
    }
}

/// Reads one file from disk into the index (or drops it when it is gone, not a regular file,
/// too large, or not text). GBK and UTF-16 files are decoded like the CLI decodes them.
fn index_file(ws: &WorkspaceIndex, path: &Path) {
    let Ok(uri) = Url::from_file_path(path) else {
        return;
    };
    let key = key_for(&uri);
    let decoded = crate::userfile::read_bytes(path, MAX_FILE_BYTES)
        .ok()
        .and_then(|bytes| crate::encoding::decode(&bytes).ok());
    match decoded.map(|d| d.text) {
        Some(text) => {
            let masked = engine::document::Document::prepare(&text).masked;
            ws.update(&key, &text, &masked, Rope::from_str(&text));
        }
        None => ws.remove(&key),
    }
}

/// What happened to a document, for [`on_document_event`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocEvent {
    Opened,
    Changed,
    Saved,
    Closed,
}

/// Keeps the index and the project config up to date with the editor. Call from `did_open`,
/// `did_change`, `did_save` and `did_close` (after the store was updated).
pub async fn on_document_event(backend: &Backend, uri: &Url, event: DocEvent) {
    if is_config_uri(uri) {
        let Ok(path) = uri.to_file_path() else { return };
        let buffer = match event {
            DocEvent::Closed => None,
            _ => backend.inner.docs.snapshot(uri).map(|s| (path, s.text())),
        };
        reload_project(backend, buffer).await;
        return;
    }
    match event {
        // Open documents are indexed from their buffers as they are analysed.
        DocEvent::Opened | DocEvent::Changed => {}
        DocEvent::Saved => {
            // Other documents' across-docs diagnostics may change with this one's text.
            for other in backend.inner.docs.uris() {
                if &other != uri {
                    if let Some(snap) = backend.inner.docs.snapshot(&other) {
                        backend.schedule(snap);
                    }
                }
            }
        }
        DocEvent::Closed => {
            let ws = backend.inner.workspace.clone();
            let key = key_for(uri);
            let path = uri.to_file_path().ok();
            let _ = tokio::task::spawn_blocking(move || match path {
                Some(p) if p.is_file() && is_indexable(&p) => index_file(&ws, &p),
                _ => ws.remove(&key),
            })
            .await;
        }
    }
}

/// `workspace/didChangeWatchedFiles`: the project config changed on disk.
pub async fn on_watched_files(backend: &Backend, params: &DidChangeWatchedFilesParams) {
    if params.changes.iter().any(|c| is_config_uri(&c.uri)) {
        reload_project(backend, None).await;
    }
}

/// "Ignore this phrase in this workspace" for the recurring-phrase and across-docs
/// diagnostics touching `span`: a workspace edit creating or rewriting the project config
/// file with the phrase added to `recurring.ignore`.
pub fn ignore_phrase_actions(
    backend: &Backend,
    analysis: &Analysis,
    text: &str,
    span: &Span,
    enc: Encoding,
    locale: Locale,
) -> Vec<CodeActionOrCommand> {
    let touches = |r: &Span| r.start <= span.end && span.start <= r.end;
    let mut phrases: Vec<&str> = Vec::new();
    for d in &analysis.diagnostics {
        if (d.rule == PHRASE_INFO.id || d.rule == ACROSS_ID) && touches(&d.range) {
            if let Some(p) = text.get(d.range.clone()) {
                if !p.is_empty() && !phrases.contains(&p) {
                    phrases.push(p);
                }
            }
        }
    }
    if phrases.is_empty() {
        return Vec::new();
    }
    let path = match backend.inner.workspace.project() {
        Some(p) => p.path,
        None => match backend.state().workspace_roots.first() {
            Some(root) => root.join(CONFIG_DIR).join(CONFIG_FILE),
            None => return Vec::new(),
        },
    };
    let Ok(uri) = Url::from_file_path(&path) else {
        return Vec::new();
    };
    // The current text: the editor's buffer if open, else the file (None if missing).
    let current: Option<String> = match backend.inner.docs.snapshot(&uri) {
        Some(s) => Some(s.text()),
        None => crate::userfile::read_bytes(&path, MAX_FILE_BYTES)
            .ok()
            .and_then(|b| String::from_utf8(b).ok()),
    };
    let mut out = Vec::new();
    for phrase in phrases {
        let Ok(new_text) = project_config::with_ignored_phrase(current.as_deref(), phrase) else {
            continue;
        };
        let edit = match &current {
            Some(old) => {
                let rope = Rope::from_str(old);
                let range = span_to_range(&rope, &(0..old.len()), enc);
                convert::workspace_edit(&uri, vec![TextEdit::new(range, new_text)])
            }
            None => convert::create_file_edit(&uri, new_text),
        };
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: locale.pick(
                format!("在本工作区忽略「{phrase}」"),
                format!("Ignore 「{phrase}」 in this workspace"),
            ),
            kind: Some(CodeActionKind::QUICKFIX),
            edit: Some(edit),
            is_preferred: Some(false),
            ..Default::default()
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_reports_and_skips_hidden_and_build_folders() {
        let root = std::env::temp_dir().join(format!("policy-lsp-ws-{}", std::process::id()));
        for d in ["2020", ".git", "target", ".policy-lsp"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        for f in [
            "2020/通稿.txt",
            "2020/纪要.md",
            "2020/data.json",
            ".git/x.txt",
            "target/y.txt",
        ] {
            std::fs::write(root.join(f), "会议指出").unwrap();
        }
        let files = collect_files(std::slice::from_ref(&root), 100);
        let names: Vec<String> = files
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, vec!["2020/纪要.md", "2020/通稿.txt"]);
        assert_eq!(collect_files(std::slice::from_ref(&root), 1).len(), 1);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn index_and_related_positions_of_closed_files() {
        let ws = WorkspaceIndex::default();
        let last_year = include_str!("../../seeds/000_aeb186bd1e0d189c.txt");
        let key = "file:///ws/2019.txt";
        ws.update(key, last_year, &[], Rope::from_str(last_year));
        // A whole sentence of last year's report reused verbatim (recurring-across-docs
        // reports nothing less), after one of the draft's own.
        let draft = "今年以来,各地区各部门认真落实党中央决策部署。会议强调,要坚持统筹兼顾,保持经济平稳运行和社会和谐稳定。";
        let mut analysis = Analysis::default();
        ws.index_and_check(
            "file:///ws/draft.txt",
            draft,
            &Rope::from_str(draft),
            &Config::default(),
            &mut analysis,
        );
        assert_eq!(analysis.diagnostics.len(), 1);
        let d = &analysis.diagnostics[0];
        assert_eq!(d.rule, ACROSS_ID);
        let (uri, rope) = ws.rope(d.related[0].doc.as_deref().unwrap()).unwrap();
        assert_eq!(uri.as_str(), key);
        assert_eq!(
            rope.byte_slice(d.related[0].range.clone()).to_string(),
            "会议强调,要坚持统筹兼顾,保持经济平稳运行和社会和谐稳定"
        );
        // The draft is indexed too: last year's report now sees it.
        let mut a2 = Analysis::default();
        ws.index_and_check(
            key,
            last_year,
            &Rope::from_str(last_year),
            &Config::default(),
            &mut a2,
        );
        assert!(a2.diagnostics.iter().any(|d| d
            .related
            .iter()
            .any(|r| r.doc.as_deref() == Some("file:///ws/draft.txt"))));
        ws.remove("file:///ws/draft.txt");
        assert_eq!(ws.len(), 1);
    }

    #[test]
    fn a_lone_document_is_indexed_when_a_second_arrives() {
        let ws = WorkspaceIndex::default();
        let check = |key: &str, text: &str| {
            let mut analysis = Analysis::default();
            ws.index_and_check(
                key,
                text,
                &Rope::from_str(text),
                &Config::default(),
                &mut analysis,
            );
            analysis.diagnostics
        };
        let lead = "今年以来,各地区各部门认真落实党中央决策部署。";
        let reused = "会议要求,各级党委和政府要切实担负起主体责任。";
        assert!(check("file:///ws/a.txt", lead).is_empty());
        // Edited while alone: still not in the k-gram index, but counted.
        let edited = format!("{lead}{reused}");
        assert!(check("file:///ws/a.txt", &edited).is_empty());
        assert_eq!(ws.len(), 1);
        assert!(ws.corpus.read().unwrap().is_empty());
        // A second document brings the first one's latest text into the index.
        let found = check(
            "file:///ws/b.txt",
            &format!("会议指出,形势依然严峻。{reused}"),
        );
        assert!(
            found.iter().any(|d| d.rule == ACROSS_ID
                && d.related
                    .iter()
                    .any(|r| r.doc.as_deref() == Some("file:///ws/a.txt"))),
            "{found:?}"
        );
        assert_eq!(ws.corpus.read().unwrap().len(), 2);
        ws.remove("file:///ws/b.txt");
        ws.remove("file:///ws/a.txt");
        assert!(ws.is_empty());
        // Removing the lone document forgets it.
        check("file:///ws/c.txt", lead);
        ws.remove("file:///ws/c.txt");
        assert!(ws.is_empty() && ws.lone.lock().unwrap().is_none());
    }

    #[test]
    fn project_config_is_laid_over_client_settings() {
        let root = std::env::temp_dir().join(format!("policy-lsp-pc-{}", std::process::id()));
        std::fs::create_dir_all(root.join(CONFIG_DIR)).unwrap();
        let path = root.join(CONFIG_DIR).join(CONFIG_FILE);
        std::fs::write(
            &path,
            r#"{"recurring": {"minCount": 5, "ignore": ["双胜利"]}}"#,
        )
        .unwrap();
        let ws = WorkspaceIndex::default();
        assert!(ws.load_project(std::slice::from_ref(&root), None).unwrap());
        assert!(!ws.load_project(std::slice::from_ref(&root), None).unwrap());
        let client =
            Settings::from_json(&serde_json::json!({"recurring": {"minChars": 8}})).unwrap();
        let s = ws.effective_settings(&client);
        assert_eq!((s.recurring.min_chars, s.recurring.min_count), (8, 5));
        assert_eq!(s.recurring.ignore, vec!["双胜利"]);
        // A broken buffer keeps the previous settings and reports the position.
        let err = ws
            .load_project(&[], Some((path.clone(), "{\n oops")))
            .unwrap_err();
        assert!(err.contains(":2:"), "{err}");
        assert_eq!(ws.effective_settings(&client).recurring.min_count, 5);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn keys_and_config_uris() {
        let u = Url::parse("file:///ws/%E9%80%9A%E7%A8%BF.txt").unwrap();
        assert_eq!(key_for(&u), u.to_string());
        assert!(is_config_uri(
            &Url::parse("file:///ws/.policy-lsp/config.json").unwrap()
        ));
        assert!(!is_config_uri(
            &Url::parse("file:///ws/config.json").unwrap()
        ));
        assert!(is_indexable(Path::new("a/通稿.TXT")));
        assert!(!is_indexable(Path::new("a/b.json")));
    }
}
