//! The LSP layer: tower-lsp glue around the engine. It owns the document store, the
//! negotiated position encoding, the configuration, and the latest analysis of each document.
//!
//! Ordering invariant: `did_change` applies the edits to the store synchronously, before its
//! first `.await`, so concurrent handlers can never apply edits out of order (tower-lsp
//! interleaves handlers at every await point).

/// `eprintln!` without its panic when stderr cannot be written (`2>/dev/full`, a closed
/// pipe): the server's log lines are best-effort.
macro_rules! elog {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod convert;
pub mod documents;
pub mod formulas;
// Slogan hover/completion/definition and workspace lexicons.
pub mod hover;
pub mod lexicon_glue;
pub mod position;
pub mod transport;
pub mod workspace_index;

use crate::engine::{self, Analysis, Config, Settings};
use documents::{ChangeProblem, DocumentStore, Snapshot};
use position::{range_to_span, Encoding};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower_lsp::jsonrpc::{Error as RpcError, Result as RpcResult};
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

/// Settings and capabilities fixed at `initialize` or changed by configuration.
#[derive(Debug, Clone)]
pub struct State {
    pub encoding: Encoding,
    pub settings: Settings,
    pub config: Arc<Config>,
    pub hierarchical_symbols: bool,
    pub workspace_roots: Vec<std::path::PathBuf>,
}

impl Default for State {
    fn default() -> Self {
        State {
            encoding: Encoding::Utf16,
            settings: Settings::default(),
            config: Arc::new(engine_config(
                &Settings::default(),
                Config::default().lexicon,
            )),
            hierarchical_symbols: true,
            workspace_roots: Vec::new(),
        }
    }
}

/// A running analysis of one version; the value turns `Some` when it finishes, and the
/// sender is dropped (the wait fails) if it is cancelled or fails.
pub type Inflight = (i32, tokio::sync::watch::Receiver<Option<Arc<Analysis>>>);

/// The latest finished analysis of a document, for requests (code actions, symbols).
#[derive(Clone)]
pub struct Cached {
    pub version: i32,
    /// The document revision analysed (see `documents::Document::revision`).
    pub revision: u64,
    pub analysis: Arc<Analysis>,
    /// How long the analysis took (wall clock), to pace the next one.
    pub took: std::time::Duration,
    /// The configuration it ran with: findings are carried to new versions only under the
    /// same one (an ignored phrase, a changed threshold must not come back for a moment).
    pub config: Arc<Config>,
}

pub struct Inner {
    pub client: Client,
    pub docs: DocumentStore,
    pub state: RwLock<State>,
    pub analyses: Mutex<HashMap<Url, Cached>>,
    /// The analysis `schedule` is running for each document: requests for that version wait
    /// for it instead of starting another full analysis.
    pub inflight: Mutex<HashMap<Url, Inflight>>,
    /// Per document: one quick and one full background analysis at a time (see
    /// [`Backend::gate`]).
    pub gates: Mutex<HashMap<Url, Gates>>,
    /// A hash of the last diagnostics frame sent per document: an identical one (a
    /// re-analysis after the workspace index or project config arrived that found the same)
    /// is not sent again.
    pub last_published: Mutex<HashMap<Url, u64>>,
    pub shutdown_requested: Arc<AtomicBool>,
    pub lexicon: lexicon_glue::LexiconState,
    /// Workspace corpus for recurring-across-docs, project config (workspace_index.rs).
    pub workspace: Arc<workspace_index::WorkspaceIndex>,
    /// The output stream, for diagnostics serialised here (see [`Backend::publish`]). Weak, so
    /// the writer still ends when the session does.
    pub output: Option<tokio::sync::mpsc::WeakSender<Vec<u8>>>,
}

/// The turnstiles of one document's background analyses. Each analysis copies the text and
/// builds its own working data, so versions typed faster than they are analysed would
/// otherwise run side by side (seven copies of a 1 MB document were seen at once); queued
/// behind the one running, each finds on its turn whether it was superseded meanwhile.
pub struct Gates {
    quick: Arc<Semaphore>,
    full: Arc<Semaphore>,
}

impl Default for Gates {
    fn default() -> Gates {
        Gates {
            quick: Arc::new(Semaphore::new(1)),
            full: Arc::new(Semaphore::new(1)),
        }
    }
}

#[derive(Clone)]
pub struct Backend {
    pub inner: Arc<Inner>,
}

/// Runs `f`, turning a panic into `None` and a message on stderr: a bug in one request must
/// never take the editor's session down.
pub fn guard<T>(what: &str, f: impl FnOnce() -> T) -> Option<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => Some(v),
        Err(_) => {
            elog!("policy-lsp: internal error while {what}; the request got an empty result");
            None
        }
    }
}

/// Runs `f` on the blocking pool under [`guard`]: whole-document work (hover scans, outlines)
/// must not hold one of the runtime's two async workers.
pub async fn blocking<T: Send + 'static>(
    what: &'static str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    tokio::task::spawn_blocking(move || guard(what, f))
        .await
        .ok()
        .flatten()
}

fn is_analysable(snap: &Snapshot) -> bool {
    // JSON files (lexicon, config) are data, not prose.
    !matches!(snap.language_id.as_str(), "json" | "jsonc")
}

impl Backend {
    pub fn new(
        client: Client,
        shutdown_requested: Arc<AtomicBool>,
        output: Option<tokio::sync::mpsc::WeakSender<Vec<u8>>>,
    ) -> Self {
        Backend {
            inner: Arc::new(Inner {
                client,
                docs: DocumentStore::default(),
                state: RwLock::new(State::default()),
                analyses: Mutex::new(HashMap::new()),
                inflight: Mutex::new(HashMap::new()),
                gates: Mutex::new(HashMap::new()),
                last_published: Mutex::new(HashMap::new()),
                shutdown_requested,
                lexicon: Default::default(),
                workspace: Arc::default(),
                output,
            }),
        }
    }

    pub fn state(&self) -> State {
        self.inner
            .state
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(crate) fn set_state(&self, f: impl FnOnce(&mut State)) {
        let mut s = self.inner.state.write().unwrap_or_else(|e| e.into_inner());
        f(&mut s);
    }

    pub async fn log(&self, typ: MessageType, message: String) {
        elog!("policy-lsp: {message}");
        self.inner.client.log_message(typ, message).await;
    }

    /// Publishes diagnostics (see [`Backend::render`]).
    pub async fn publish(&self, uri: Url, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let out = self.render(uri, diagnostics, version);
        self.deliver(out).await;
    }

    /// Diagnostics ready to send. Serialised straight from the typed value into a frame for
    /// the output stream: tower-lsp goes through `serde_json::Value` and then text, which
    /// costs ten times as much (≈9 ms for a 20,000-character report's 0.5 MB). Synchronous,
    /// so the blocking pool can do it, not the async workers.
    fn render(&self, uri: Url, diagnostics: Vec<Diagnostic>, version: Option<i32>) -> Outgoing {
        #[derive(serde::Serialize)]
        struct Notification<'a> {
            jsonrpc: &'static str,
            method: &'static str,
            params: &'a PublishDiagnosticsParams,
        }
        let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
        let uri = params.uri.clone();
        if self.inner.output.is_none() {
            return Outgoing::Values(params);
        }
        let message = Notification {
            jsonrpc: "2.0",
            method: "textDocument/publishDiagnostics",
            params: &params,
        };
        match serde_json::to_vec(&message) {
            Ok(body) => {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                body.hash(&mut h);
                Outgoing::Frame(transport::frame_owned(body), uri, h.finish())
            }
            Err(e) => {
                elog!("policy-lsp: cannot serialise diagnostics: {e}");
                Outgoing::Values(params)
            }
        }
    }

    async fn deliver(&self, out: Outgoing) {
        if self.inner.shutdown_requested.load(Ordering::SeqCst) {
            return;
        }
        let sender = self.inner.output.as_ref().and_then(|w| w.upgrade());
        match (out, sender) {
            (Outgoing::Frame(bytes, uri, hash), Some(sender)) => {
                let repeat = {
                    let mut last = self
                        .inner
                        .last_published
                        .lock()
                        .unwrap_or_else(|e| e.into_inner());
                    last.insert(uri, hash) == Some(hash)
                };
                if !repeat {
                    let _ = sender.send(bytes).await;
                }
            }
            (Outgoing::Values(p), _) => {
                self.inner
                    .client
                    .publish_diagnostics(p.uri, p.diagnostics, p.version)
                    .await
            }
            // The session is ending.
            (Outgoing::Frame(..), None) => {}
        }
    }

    fn cache_get(&self, uri: &Url) -> Option<Cached> {
        self.inner
            .analyses
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(uri)
            .cloned()
    }

    fn cache_put(&self, uri: Url, cached: Cached) {
        let mut map = self
            .inner
            .analyses
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        match map.get(&uri) {
            Some(old) if old.version > cached.version => {}
            _ => {
                map.insert(uri, cached);
            }
        }
    }

    fn is_current(&self, uri: &Url, version: i32) -> bool {
        self.inner.docs.version(uri) == Some(version)
    }

    /// Waits for the document's quick (or full) analysis turn; `None` if `snap` was
    /// superseded meanwhile. Hold the permit while analysing.
    async fn gate(&self, snap: &Snapshot, quick: bool) -> Option<OwnedSemaphorePermit> {
        let turnstile = {
            let mut gates = self.inner.gates.lock().unwrap_or_else(|e| e.into_inner());
            let g = gates.entry(snap.uri.clone()).or_default();
            // On a very large document one analysis holds a few hundred megabytes of
            // per-line data: its quick and full analyses take turns instead of running side
            // by side (a keystroke there costs seconds either way).
            if quick && snap.rope.len_bytes() <= SHARED_TURN_FROM {
                g.quick.clone()
            } else {
                g.full.clone()
            }
        };
        let permit = turnstile.acquire_owned().await.ok()?;
        self.is_current(&snap.uri, snap.version).then_some(permit)
    }

    /// Analyses `snap` on the blocking pool. `None` if it panicked or was superseded.
    async fn analyse_snapshot(&self, snap: &Snapshot, cancellable: bool) -> Option<Arc<Analysis>> {
        // A request's analysis (not cancellable) never queues behind background ones.
        let permit = if cancellable {
            Some(self.gate(snap, false).await?)
        } else {
            None
        };
        if !self.is_current(&snap.uri, snap.version) {
            return None;
        }
        // Diagnostics for a version the editor has already replaced are never published:
        // stop analysing it as soon as a newer one arrives.
        let this = self.clone();
        let (uri, version) = (snap.uri.clone(), snap.version);
        let superseded = move || cancellable && !this.is_current(&uri, version);
        let config = self.state().config;
        let used = config.clone();
        let limit = self.diagnostics_limit();
        let rope = snap.rope.clone();
        let (ws, key) = (
            self.inner.workspace.clone(),
            workspace_index::key_for(&snap.uri),
        );
        let indexable = is_analysable(snap);
        let started = std::time::Instant::now();
        let result = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            guard("analysing a document", || {
                let text = documents::rope_text(&rope);
                let mut analysis = engine::analyze_cancellable(&text, &config, &superseded)?;
                if indexable {
                    ws.index_and_check(&key, &text, &rope, &config, &mut analysis);
                }
                // Keep only what can be published: a compilation can have hundreds of
                // thousands of findings, and code actions are offered for published ones.
                if analysis.diagnostics.len() > limit {
                    analysis.diagnostics = engine::most_severe(&analysis.diagnostics, limit)
                        .into_iter()
                        .cloned()
                        .collect();
                }
                Some(analysis)
            })
        })
        .await
        .ok()
        .flatten()
        .flatten()?;
        for (rule, message) in &result.rule_errors {
            self.log(
                MessageType::ERROR,
                format!("rule {rule} failed on {}: {message}", snap.uri),
            )
            .await;
        }
        let analysis = Arc::new(result);
        self.cache_put(
            snap.uri.clone(),
            Cached {
                version: snap.version,
                revision: snap.revision,
                analysis: analysis.clone(),
                took: started.elapsed(),
                config: used,
            },
        );
        Some(analysis)
    }

    /// The analysis of the document's current version, computing it if needed.
    pub async fn current_analysis(&self, uri: &Url) -> Option<(Snapshot, Arc<Analysis>)> {
        let snap = self.inner.docs.snapshot(uri)?;
        if let Some(c) = self.cache_get(uri) {
            if c.version == snap.version {
                return Some((snap, c.analysis));
            }
        }
        let running = self
            .inner
            .inflight
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(uri)
            .filter(|(v, _)| *v == snap.version)
            .map(|(_, rx)| rx.clone());
        if let Some(mut rx) = running {
            if let Ok(done) = rx.wait_for(Option::is_some).await {
                if let Some(a) = done.clone() {
                    return Some((snap, a));
                }
            }
        }
        let analysis = self.analyse_snapshot(&snap, false).await?;
        Some((snap, analysis))
    }

    /// The outline of the document's current version: from the cached analysis when it is
    /// current, otherwise computed alone (cheap), so symbols never wait for a full analysis
    /// of a large document.
    pub async fn current_outline(&self, uri: &Url) -> Option<(Snapshot, Vec<engine::OutlineNode>)> {
        let snap = self.inner.docs.snapshot(uri)?;
        if let Some(c) = self.cache_get(uri) {
            if c.version == snap.version {
                return Some((snap, c.analysis.outline.clone()));
            }
        }
        let config = self.state().config;
        let rope = snap.rope.clone();
        let outline = tokio::task::spawn_blocking(move || {
            guard("building the outline", || {
                engine::outline(&documents::rope_text(&rope), &config)
            })
        })
        .await
        .ok()
        .flatten()?;
        Some((snap, outline))
    }

    /// Analyses and publishes diagnostics, unless a newer version arrives in the meantime.
    ///
    /// Two publishes per version: first at once, with every paragraph-local rule computed
    /// afresh and the recurrence findings of the last full analysis carried through the edits
    /// made since (`engine::remap`); then, when the whole-document recurrence has been
    /// recomputed, the full set if it differs. While the user types, each new version cancels
    /// the previous full analysis, so on a large document recurrence catches up in the pauses.
    pub fn schedule(&self, snap: Snapshot) {
        self.schedule_with(snap, true);
    }

    /// [`Backend::schedule`]; `quick: false` skips the first publish (already made for this
    /// revision).
    fn schedule_with(&self, snap: Snapshot, quick: bool) {
        if !is_analysable(&snap) {
            return;
        }
        let this = self.clone();
        let (done, rx) = tokio::sync::watch::channel(None);
        self.inner
            .inflight
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(snap.uri.clone(), (snap.version, rx));
        tokio::spawn(async move {
            let published = if quick {
                this.publish_quick(&snap).await
            } else {
                None
            };
            // At start-up jieba's dictionary may still be loading: the quick publish had
            // everything else; the full analysis runs as soon as it is loaded.
            let full = if engine::segment::is_ready() {
                // Debounce: while the user types, a full analysis that the next keystroke
                // would cancel (and a second publish the editor would parse) only takes time
                // from that keystroke's quick publish. Wait for a pause in typing — longer on
                // a document whose analysis costs more — and skip it if the version is
                // superseded meanwhile. The first analysis of a document starts at once.
                let pause = this
                    .cache_get(&snap.uri)
                    .map_or(std::time::Duration::ZERO, |c| {
                        (c.took / 2).clamp(FULL_PAUSE_MIN, FULL_PAUSE_MAX)
                    });
                if !pause.is_zero() {
                    tokio::time::sleep(pause).await;
                }
                this.analyse_snapshot(&snap, true).await
            } else {
                let again = this.clone();
                let uri = snap.uri.clone();
                let revision = snap.revision;
                tokio::spawn(async move {
                    let _ = tokio::task::spawn_blocking(engine::segment::warm_up).await;
                    if let Some(current) = again.inner.docs.snapshot(&uri) {
                        let changed = current.revision != revision;
                        again.schedule_with(current, changed);
                    }
                });
                None
            };
            {
                let mut inflight = this
                    .inner
                    .inflight
                    .lock()
                    .unwrap_or_else(|e| e.into_inner());
                if inflight
                    .get(&snap.uri)
                    .is_some_and(|(v, _)| *v == snap.version)
                {
                    inflight.remove(&snap.uri);
                }
            }
            let Some(analysis) = full else {
                return;
            };
            let _ = done.send(Some(analysis.clone()));
            if !this.is_current(&snap.uri, snap.version) {
                return;
            }
            let limit = this.diagnostics_limit();
            let renderer = this.clone();
            let out = blocking("publishing diagnostics", move || {
                let picked = engine::most_severe(&analysis.diagnostics, limit);
                if published
                    .as_ref()
                    .is_some_and(|p| p.iter().eq(picked.iter().copied()))
                {
                    return None;
                }
                Some(renderer.render_for(&snap, &picked))
            })
            .await
            .flatten();
            if let Some(out) = out {
                this.deliver(out).await;
            }
        });
    }

    /// How many diagnostics are published per document: the limit the engine analysed with
    /// (`engine_config`), so that a project file's `maxDiagnostics` counts for both.
    fn diagnostics_limit(&self) -> usize {
        self.state()
            .config
            .diagnostic_limit
            .unwrap_or(engine::config::DEFAULT_MAX_DIAGNOSTICS)
    }

    /// Converts and renders diagnostics of `snap` (blocking pool).
    fn render_for(&self, snap: &Snapshot, picked: &[&engine::Diagnostic]) -> Outgoing {
        let enc = self.state().encoding;
        let (docs, ws) = (&self.inner.docs, &self.inner.workspace);
        let other = |key: &str| workspace_index::other_doc(docs, ws, key);
        let diagnostics = guard("converting diagnostics", || {
            convert::diagnostics(picked, &snap.uri, &snap.rope, enc, &other)
        })
        .unwrap_or_default();
        self.render(snap.uri.clone(), diagnostics, Some(snap.version))
    }

    /// The first publish of a version (see [`Backend::schedule`]). Returns what it published,
    /// `None` if the version was superseded first.
    async fn publish_quick(&self, snap: &Snapshot) -> Option<Vec<engine::Diagnostic>> {
        const WHOLE_DOCUMENT: [&str; 2] = ["recurring-phrase", "recurring-across-docs"];
        let permit = self.gate(snap, true).await?;
        let config = self.state().config;
        let mut local = (*config).clone();
        for id in WHOLE_DOCUMENT {
            local.rules.entry(id.to_string()).or_default().enabled = Some(false);
        }
        // Only the diagnostics of this analysis are used: documentSymbol and folding ask the
        // full analysis (or build the outline themselves).
        local.outline = false;
        let cached = self.cache_get(&snap.uri);
        // The same text analysed under another configuration (a settings or lexicon change):
        // its whole-document findings cannot be carried, and a quick publish without them
        // would blank them until the full analysis. The full analysis publishes the new set
        // in one go; until then the editor keeps showing the previous one.
        if cached
            .as_ref()
            .is_some_and(|c| c.revision == snap.revision && !Arc::ptr_eq(&c.config, &config))
        {
            return None;
        }
        let carried_from = cached.filter(|c| Arc::ptr_eq(&c.config, &config));
        let edits = carried_from.as_ref().and_then(|c| {
            self.inner
                .docs
                .edits_between(&snap.uri, c.revision, snap.revision)
        });
        let limit = self.diagnostics_limit();
        let this = self.clone();
        let (uri, version) = (snap.uri.clone(), snap.version);
        let superseded = move || !this.is_current(&uri, version);
        let (renderer, snapshot) = (self.clone(), snap.clone());
        let rope = snap.rope.clone();
        let started = std::time::Instant::now();
        let (picked, out, analysed) = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            guard("analysing a document", || {
                let text = documents::rope_text(&rope);
                let fresh = engine::analyze_cancellable(&text, &local, &superseded)?;
                // Without a previous full analysis of this configuration (or with its
                // edits lost), nothing is carried.
                let (whole, edits) = match (&carried_from, edits) {
                    (Some(from), Some(edits)) => (&from.analysis.diagnostics[..], edits),
                    _ => (&[][..], Vec::new()),
                };
                let whole = whole.iter().filter(|d| WHOLE_DOCUMENT.contains(&d.rule));
                let picked = engine::remap::most_severe_with_carried(
                    fresh.diagnostics,
                    whole,
                    &edits,
                    limit,
                );
                let analysed = started.elapsed();
                let out = renderer.render_for(&snapshot, &picked.iter().collect::<Vec<_>>());
                Some((picked, out, analysed))
            })
        })
        .await
        .ok()
        .flatten()
        .flatten()?;
        if !self.is_current(&snap.uri, snap.version) {
            return None;
        }
        let rendered = started.elapsed();
        self.deliver(out).await;
        if timing_enabled() {
            elog!(
                "policy-lsp timing: v{} quick: analysed {:.2} ms, converted and serialised {:.2} ms, sent {:.2} ms ({} diagnostics)",
                snap.version,
                analysed.as_secs_f64() * 1e3,
                rendered.as_secs_f64() * 1e3,
                started.elapsed().as_secs_f64() * 1e3,
                picked.len()
            );
        }
        Some(picked)
    }

    async fn apply_settings(&self, value: &serde_json::Value) {
        for w in crate::cli::validate::client_settings_warnings(value) {
            self.log(MessageType::WARNING, format!("policy-lsp settings: {w}"))
                .await;
        }
        match Settings::from_json(value) {
            Ok(settings) => {
                let effective = self.inner.workspace.effective_settings(&settings);
                let config = Arc::new(engine_config(
                    &effective,
                    self.state().config.lexicon.clone(),
                ));
                self.set_state(|s| {
                    s.settings = settings;
                    s.config = config;
                });
            }
            Err(e) => {
                let msg = format!("ignored invalid policy-lsp settings: {e}");
                self.log(MessageType::WARNING, msg.clone()).await;
                self.inner
                    .client
                    .show_message(MessageType::WARNING, msg)
                    .await;
            }
        }
    }

    pub(crate) fn reanalyse_all(&self) {
        for uri in self.inner.docs.uris() {
            if let Some(snap) = self.inner.docs.snapshot(&uri) {
                self.schedule(snap);
            }
        }
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> RpcResult<InitializeResult> {
        // jieba's dictionary takes ~100 ms: load it off the request path. Setting it up and
        // parsing the built-in lexicon read their embedded text once; its pages go back.
        std::thread::spawn(|| {
            engine::segment::warm_up();
            crate::resident::release(engine::segment::DICT.as_bytes());
            crate::resident::release(engine::lexicon::BUILTIN_JSON.as_bytes());
        });

        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        let encoding = Encoding::negotiate(offered);
        let hierarchical = params
            .capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|d| d.hierarchical_document_symbol_support)
            .unwrap_or(false);
        let mut roots: Vec<std::path::PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().ok())
            .collect();
        #[allow(deprecated)]
        if roots.is_empty() {
            if let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path().ok()) {
                roots.push(p);
            }
        }
        self.set_state(|s| {
            s.encoding = encoding;
            s.hierarchical_symbols = hierarchical;
            s.workspace_roots = roots;
        });
        self.inner
            .workspace
            .set_client_capabilities(&params.capabilities);
        if let Some(opts) = &params.initialization_options {
            self.apply_settings(opts).await;
        }
        self.lexicon_initialize(&params);

        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "policy-lsp".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..Default::default()
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::SOURCE_FIX_ALL,
                        ]),
                        ..Default::default()
                    },
                )),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["“".into(), "\"".into()]),
                    ..Default::default()
                }),
                definition_provider: Some(OneOf::Left(true)),
                // The formula inventory (formulas.rs).
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![formulas::COMMAND.into()],
                    ..Default::default()
                }),
                ..Default::default()
            },
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let s = self.state();
        self.log(
            MessageType::INFO,
            format!(
                "policy-lsp {} ready (position encoding {:?})",
                env!("CARGO_PKG_VERSION"),
                s.encoding
            ),
        )
        .await;
        self.lexicon_initialized().await;
        workspace_index::start(self);
    }

    async fn shutdown(&self) -> RpcResult<()> {
        self.inner.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let d = params.text_document;
        let snap = self
            .inner
            .docs
            .open(d.uri, &d.text, d.version, d.language_id);
        let uri = snap.uri.clone();
        self.schedule(snap);
        self.lexicon_document_event(&uri, false).await;
        workspace_index::on_document_event(self, &uri, workspace_index::DocEvent::Opened).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied before any await: see the module doc.
        let enc = self.state().encoding;
        let uri = params.text_document.uri;
        let result = self.inner.docs.apply_changes(
            &uri,
            params.text_document.version,
            &params.content_changes,
            enc,
        );
        match result {
            Ok((snap, problems)) => {
                self.schedule(snap);
                self.lexicon_document_event(&uri, false).await;
                let event = workspace_index::DocEvent::Changed;
                workspace_index::on_document_event(self, &uri, event).await;
                // One message per notification: a didChange can carry 100,000 clamped
                // changes, and a message each would keep this handler (and the client)
                // busy for seconds.
                let mut clamped = Vec::new();
                for p in problems {
                    let msg = match p {
                        ChangeProblem::VersionNotIncreasing { had, got } => format!(
                            "didChange for {uri}: version {got} does not follow {had}; applied in arrival order"
                        ),
                        ChangeProblem::RangeClamped { index } => {
                            clamped.push(index);
                            continue;
                        }
                        ChangeProblem::UnknownDocument => continue,
                    };
                    self.log(MessageType::WARNING, msg).await;
                }
                if let Some(first) = clamped.first() {
                    let msg = match clamped.len() {
                        1 => format!(
                            "didChange for {uri}: change #{first} has a range outside the document; clamped to the document"
                        ),
                        n => format!(
                            "didChange for {uri}: {n} changes (#{first} first) have ranges outside the document; clamped to the document"
                        ),
                    };
                    self.log(MessageType::WARNING, msg).await;
                }
            }
            Err(_) => {
                self.log(
                    MessageType::WARNING,
                    format!("didChange for a document that is not open: {uri}"),
                )
                .await;
            }
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        self.lexicon_document_event(&params.text_document.uri, true)
            .await;
        let event = workspace_index::DocEvent::Saved;
        workspace_index::on_document_event(self, &params.text_document.uri, event).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.inner.docs.close(&uri);
        self.inner
            .gates
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&uri);
        self.inner
            .analyses
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&uri);
        let event = workspace_index::DocEvent::Closed;
        workspace_index::on_document_event(self, &uri, event).await;
        self.publish(uri.clone(), Vec::new(), None).await;
        self.inner
            .last_published
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&uri);
        // A closed lexicon file is read from disk again.
        self.lexicon_document_event(&uri, false).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.apply_settings(&params.settings).await;
        // Reloads lexicons (lexiconPaths may have changed) and re-analyses.
        self.reload_lexicons(false).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        workspace_index::on_watched_files(self, &params).await;
        self.lexicon_watched_files(params).await;
    }

    async fn hover(&self, params: HoverParams) -> RpcResult<Option<Hover>> {
        self.lexicon_hover(params).await
    }

    async fn completion(&self, params: CompletionParams) -> RpcResult<Option<CompletionResponse>> {
        self.lexicon_completion(params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> RpcResult<Option<GotoDefinitionResponse>> {
        self.lexicon_goto_definition(params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> RpcResult<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some((snap, analysis)) = self.current_analysis(&uri).await else {
            return Err(unknown_document(&uri));
        };
        let state = self.state();
        let enc = state.encoding;
        let locale = state.config.locale;
        let only_fix_all = params.context.only.as_ref().is_some_and(|kinds| {
            kinds.iter().all(|k| {
                k.as_str()
                    .starts_with(CodeActionKind::SOURCE_FIX_ALL.as_str())
            })
        });
        let (docs, ws) = (&self.inner.docs, &self.inner.workspace);
        let other = |key: &str| workspace_index::other_doc(docs, ws, key);
        let actions = guard("computing code actions", || {
            let mut out = Vec::new();
            if !only_fix_all {
                let (span, _) = range_to_span(&snap.rope, params.range, enc);
                out =
                    convert::code_actions(&analysis, &uri, &snap.rope, enc, &span, locale, &other);
                if is_analysable(&snap) {
                    let text = snap.text();
                    out.extend(self.lexicon_code_actions(&text, &span));
                    out.extend(workspace_index::ignore_phrase_actions(
                        self, &analysis, &text, &span, enc, locale,
                    ));
                }
            }
            let wants_source = params.context.only.as_ref().is_some_and(|kinds| {
                kinds.iter().any(|k| {
                    CodeActionKind::SOURCE_FIX_ALL
                        .as_str()
                        .starts_with(k.as_str())
                })
            });
            if wants_source {
                if let Some(a) = convert::fix_all(&analysis, None, &uri, &snap.rope, enc, locale) {
                    out.push(CodeActionOrCommand::CodeAction(a));
                }
            }
            out
        })
        .unwrap_or_default();
        Ok(Some(actions))
    }

    async fn code_lens(&self, params: CodeLensParams) -> RpcResult<Option<Vec<CodeLens>>> {
        self.formula_lenses(&params.text_document.uri).await
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> RpcResult<Option<serde_json::Value>> {
        if params.command == formulas::COMMAND {
            return self.formula_inventory(&params.arguments).await;
        }
        Err(RpcError::invalid_params(format!(
            "unknown command {}",
            params.command
        )))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> RpcResult<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        let Some((snap, outline)) = self.current_outline(&uri).await else {
            return Err(unknown_document(&uri));
        };
        let state = self.state();
        let result = guard("building document symbols", || {
            if state.hierarchical_symbols {
                DocumentSymbolResponse::Nested(convert::document_symbols(
                    &outline,
                    &snap.rope,
                    state.encoding,
                ))
            } else {
                let mut flat = Vec::new();
                convert::flat_symbols(&outline, &uri, &snap.rope, state.encoding, None, &mut flat);
                DocumentSymbolResponse::Flat(flat)
            }
        });
        Ok(result)
    }

    async fn folding_range(
        &self,
        params: FoldingRangeParams,
    ) -> RpcResult<Option<Vec<FoldingRange>>> {
        let uri = params.text_document.uri;
        let Some((snap, outline)) = self.current_outline(&uri).await else {
            return Err(unknown_document(&uri));
        };
        let result = guard("building folding ranges", || {
            let mut out = Vec::new();
            convert::folding_ranges(&outline, &snap.rope, &mut out);
            out
        });
        Ok(result)
    }
}

/// The engine configuration the server analyses with: `settings` plus the publishing limit,
/// so a rule that can produce a great many findings (recurring-phrase on a compilation) builds
/// only those that can be published; the CLI reports everything.
pub fn engine_config(settings: &Settings, lexicon: Arc<engine::lexicon::Lexicon>) -> Config {
    let mut config = Config::from_settings(settings, lexicon);
    config.diagnostic_limit = Some(
        settings
            .max_diagnostics
            .unwrap_or(engine::config::DEFAULT_MAX_DIAGNOSTICS),
    );
    config
}

/// Diagnostics ready to send (see [`Backend::render`]).
enum Outgoing {
    /// A whole frame for the output stream, for a document, with a hash of its body.
    Frame(Vec<u8>, Url, u64),
    /// For tower-lsp's client, when the server runs without the output stream.
    Values(PublishDiagnosticsParams),
}

/// The shortest and longest pause in typing before a full analysis (see
/// [`Backend::schedule`]): 50 ms is longer than the gap between keystrokes in a burst (key
/// repeat, an input method committing a phrase) and short enough that recurrence counts
/// follow a pause without a noticeable lag.
/// The document size from which quick and full analyses share one turnstile (see
/// [`Backend::gate`]): above what a report or a day's typing gets to, so the latency of
/// ordinary documents is untouched.
const SHARED_TURN_FROM: usize = 4 << 20;
const FULL_PAUSE_MIN: std::time::Duration = std::time::Duration::from_millis(50);
const FULL_PAUSE_MAX: std::time::Duration = std::time::Duration::from_millis(100);

/// `POLICY_LSP_TIMING=1`: log how long each publish took, on stderr.
fn timing_enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("POLICY_LSP_TIMING").is_some())
}

pub fn unknown_document(uri: &Url) -> RpcError {
    RpcError::invalid_params(format!("document not open: {uri}"))
}

/// Serves LSP on stdin/stdout until `exit`. Returns the process exit code: 0 when `exit`
/// followed `shutdown`, 1 otherwise (LSP 3.17).
pub fn run_stdio() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            elog!("policy-lsp: cannot start the async runtime: {e}");
            return 2;
        }
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    runtime.block_on(transport::serve(
        tokio::io::stdin(),
        tokio::io::stdout(),
        flag,
    ));
    // Don't wait for analysis still running on the blocking pool.
    runtime.shutdown_background();
    if shutdown.load(Ordering::SeqCst) {
        0
    } else {
        1
    }
}
