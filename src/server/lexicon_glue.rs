//! Workspace lexicons in the server: `.policy-lsp/lexicon.json` in each workspace folder and
//! the files named by the `lexiconPaths` setting are merged over the built-in lexicon (same
//! `id` overrides), reloaded when they change (watched files, registered dynamically, and the
//! editor's own buffer when the file is open), and checked: a broken file gets diagnostics at
//! the exact line and column and a message, and the last good version of it stays in use.
//! Also the "Add to workspace lexicon" code action for unknown numbered slogans.
//!
//! A repository names these files, so they may be anything: a FIFO, `/dev/zero`, a 1 GB log.
//! They are read through [`crate::userfile::read_bytes`] on the blocking pool, and validated
//! and merged there too, never under the bookkeeping lock; such a file costs a logged error.

use super::position::span_to_range;
use super::{convert, Backend};
use crate::engine::lexicon::json_pos::LineIndex;
use crate::engine::lexicon::{
    insert_stub, new_lexicon_file, stub_entry, unknown_numbered_slogans, validate_user_lexicon,
    Lexicon, LoadError,
};
use crate::engine::text::is_han;
use crate::engine::Span;
use crate::userfile::{self, UserFileError};
use ropey::Rope;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tower_lsp::lsp_types::*;

pub const WORKSPACE_LEXICON: &str = ".policy-lsp/lexicon.json";
const WATCH_ID: &str = "policy-lsp-lexicon-watch";

/// Lexicon files larger than this are not read.
const LEXICON_CAP: u64 = userfile::DEFAULT_CAP;
/// At most this many problems of one lexicon file are published as diagnostics.
const MAX_LEXICON_DIAGNOSTICS: usize = 1000;

#[derive(Debug, Default)]
struct LexState {
    dynamic_watch: bool,
    /// Whether the client applies `CreateFile` operations in workspace edits.
    create_files: bool,
    /// The last version of each user lexicon file that loaded.
    last_good: HashMap<PathBuf, Arc<Lexicon>>,
    /// Files whose diagnostics are published (so they can be cleared).
    broken: HashSet<PathBuf>,
    /// Files that could not be read (not a regular file, too large, …), already reported.
    unreadable: HashSet<PathBuf>,
    /// Which user file defines each entry id, for go-to-definition.
    defined_in: HashMap<String, PathBuf>,
    /// The lexicon files in merge order, as last computed.
    files: Vec<PathBuf>,
}

/// The server's lexicon bookkeeping; lives in `Inner`.
#[derive(Debug, Default)]
pub struct LexiconState {
    inner: Mutex<LexState>,
    /// Reloads run one at a time (held across their blocking work; hover and the rest never
    /// take it).
    reload: tokio::sync::Mutex<()>,
    /// Reloads asked for so far: one that finds a newer one queued leaves the work to it.
    requested: AtomicU64,
    /// A skipped reload wanted its problems announced.
    announce: AtomicBool,
    /// The first load (at `initialized`) is done; `ready` wakes those waiting for it.
    first_done: AtomicBool,
    ready: tokio::sync::Notify,
}

/// How long a request waits for the first lexicon load before going on without it.
const READY_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// One lexicon file as read and checked on the blocking pool.
enum Outcome {
    Missing,
    /// Not readable as a lexicon at all (a FIFO, a device, too large, permission denied).
    Unreadable(String),
    Loaded(Arc<Lexicon>),
    Broken {
        diagnostics: Vec<Diagnostic>,
        first: LoadError,
        count: usize,
    },
}

/// Reads `path` (a user-named file) through [`userfile::read_bytes`]. Blocking.
fn read_user_text(path: &Path, cap: u64) -> Result<Option<Vec<u8>>, UserFileError> {
    match userfile::read_bytes(path, cap) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(UserFileError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// [`read_user_text`] from async code that cannot await: off the async worker when the
/// runtime allows it.
fn read_user_text_now(path: &Path, cap: u64) -> Option<String> {
    let read = || read_user_text(path, cap).ok().flatten();
    let multi = tokio::runtime::Handle::try_current()
        .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
    let bytes = if multi {
        tokio::task::block_in_place(read)
    } else {
        read()
    }?;
    let bytes = match bytes.strip_prefix("\u{feff}".as_bytes()) {
        Some(_) => bytes[3..].to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).ok()
}

/// Reads and validates one lexicon file (`buffer`: the editor's text when it is open), with
/// its problems as diagnostics. Blocking.
fn load_file(
    path: &Path,
    buffer: Option<String>,
    enc: super::position::Encoding,
    locale: crate::engine::Locale,
) -> Outcome {
    let text = match buffer {
        Some(t) => t,
        None => match read_user_text(path, LEXICON_CAP) {
            Ok(None) => return Outcome::Missing,
            Err(e) => return Outcome::Unreadable(e.to_string()),
            Ok(Some(mut bytes)) => match String::from_utf8({
                // Editors leave a byte-order mark out of the document they show.
                if bytes.starts_with("\u{feff}".as_bytes()) {
                    bytes.drain(..3);
                }
                bytes
            }) {
                Ok(t) => t,
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    let (line, column) = LineIndex::new(&text).line_col(at);
                    let error = LoadError {
                        line,
                        column,
                        message: locale.pick(
                            "词库文件不是有效的 UTF-8 编码，请以 UTF-8 保存".into(),
                            "the lexicon file is not valid UTF-8; save it as UTF-8".into(),
                        ),
                    };
                    return broken(&text, vec![error], enc);
                }
            },
        },
    };
    match validate_user_lexicon(&text) {
        Ok(lex) => Outcome::Loaded(Arc::new(lex)),
        Err(errors) => broken(&text, errors, enc),
    }
}

fn broken(text: &str, errors: Vec<LoadError>, enc: super::position::Encoding) -> Outcome {
    let rope = Rope::from_str(text);
    let lines = LineIndex::new(text);
    let diagnostics = errors
        .iter()
        .take(MAX_LEXICON_DIAGNOSTICS)
        .map(|e| {
            let at = lines.offset(e.line, e.column);
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            Diagnostic {
                range: span_to_range(&rope, &(at..end), enc),
                severity: Some(DiagnosticSeverity::ERROR),
                code: Some(NumberOrString::String("lexicon-schema".into())),
                source: Some(super::convert::SOURCE.into()),
                message: e.message.clone(),
                ..Default::default()
            }
        })
        .collect();
    let count = errors.len();
    let first = errors.into_iter().next().unwrap_or(LoadError {
        line: 1,
        column: 1,
        message: String::new(),
    });
    Outcome::Broken {
        diagnostics,
        first,
        count,
    }
}

impl LexiconState {
    fn lock(&self) -> std::sync::MutexGuard<'_, LexState> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Whether a path is a workspace lexicon by name (`…/.policy-lsp/lexicon.json`).
fn is_workspace_lexicon(path: &Path) -> bool {
    path.ends_with(WORKSPACE_LEXICON)
}

fn uri_of(path: &Path) -> Option<Url> {
    Url::from_file_path(path).ok()
}

impl Backend {
    /// Called from `initialize`: remembers whether the client can watch files for us.
    pub fn lexicon_initialize(&self, params: &InitializeParams) {
        let dynamic = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        let edits = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.workspace_edit.as_ref());
        let create_files = edits.is_some_and(|e| {
            e.document_changes == Some(true)
                && e.resource_operations
                    .as_ref()
                    .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create))
        });
        let mut st = self.inner.lexicon.lock();
        st.dynamic_watch = dynamic;
        st.create_files = create_files;
    }

    /// Called from `initialized`: registers the file watcher and loads the user lexicons.
    pub async fn lexicon_initialized(&self) {
        if self.inner.lexicon.lock().dynamic_watch {
            let this = self.clone();
            // Not awaited here: the client answers the request after this notification.
            tokio::spawn(async move {
                let options = DidChangeWatchedFilesRegistrationOptions {
                    watchers: vec![FileSystemWatcher {
                        glob_pattern: GlobPattern::String(format!("**/{WORKSPACE_LEXICON}")),
                        kind: None,
                    }],
                };
                let registration = Registration {
                    id: WATCH_ID.into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: serde_json::to_value(options).ok(),
                };
                if let Err(e) = this
                    .inner
                    .client
                    .register_capability(vec![registration])
                    .await
                {
                    this.log(
                        MessageType::WARNING,
                        format!("could not register the lexicon file watcher: {e}"),
                    )
                    .await;
                }
            });
        }
        self.reload_lexicons(true).await;
    }

    /// Waits (a bounded time) for the first load of the user lexicons, so that a hover sent
    /// right after start-up already knows the workspace's entries.
    pub async fn lexicons_ready(&self) {
        let lex = &self.inner.lexicon;
        if lex.first_done.load(Ordering::SeqCst) {
            return;
        }
        let notified = lex.ready.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if lex.first_done.load(Ordering::SeqCst) {
            return;
        }
        let _ = tokio::time::timeout(READY_WAIT, notified).await;
    }

    /// The user lexicon files, in merge order: each workspace folder's
    /// `.policy-lsp/lexicon.json`, then `lexiconPaths` (relative ones against the first folder).
    fn lexicon_files(&self) -> Vec<PathBuf> {
        let state = self.state();
        let mut out: Vec<PathBuf> = state
            .workspace_roots
            .iter()
            .map(|r| r.join(WORKSPACE_LEXICON))
            .collect();
        let effective = self.inner.workspace.effective_settings(&state.settings);
        for p in &effective.lexicon_paths {
            let path = PathBuf::from(p);
            let path = if path.is_absolute() {
                path
            } else if let Some(root) = state.workspace_roots.first() {
                root.join(path)
            } else {
                path
            };
            if !out.contains(&path) {
                out.push(path);
            }
        }
        out
    }

    /// Whether `uri` is one of the lexicon files this server reads.
    pub fn is_lexicon_uri(&self, uri: &Url) -> bool {
        let Ok(path) = uri.to_file_path() else {
            return false;
        };
        is_workspace_lexicon(&path) || self.lexicon_files().contains(&path)
    }

    /// The current text of a file: the editor's buffer when open, else the disk.
    fn file_text(&self, path: &Path) -> Option<(String, Rope)> {
        if let Some(snap) = uri_of(path).and_then(|u| self.inner.docs.snapshot(&u)) {
            return Some((snap.text(), snap.rope));
        }
        let text = read_user_text_now(path, LEXICON_CAP)?;
        let rope = Rope::from_str(&text);
        Some((text, rope))
    }

    /// Re-reads every user lexicon, publishes problems, rebuilds the configuration and
    /// re-analyses open documents. `announce`: show a message for broken files even if they
    /// were already broken (on start, save and watched-file events, not on every keystroke).
    ///
    /// Reading, validating and merging run on the blocking pool, one reload at a time; a
    /// reload that finds a newer one waiting leaves the work to it (typing in an open
    /// lexicon asks for one per keystroke).
    pub async fn reload_lexicons(&self, announce: bool) {
        let lex = &self.inner.lexicon;
        let ticket = lex.requested.fetch_add(1, Ordering::SeqCst) + 1;
        if announce {
            lex.announce.store(true, Ordering::SeqCst);
        }
        let _turn = lex.reload.lock().await;
        if lex.requested.load(Ordering::SeqCst) != ticket {
            return;
        }
        let announce = lex.announce.swap(false, Ordering::SeqCst);
        let files = self.lexicon_files();
        let state = self.state();
        let (enc, locale) = (state.encoding, state.config.locale);
        // The editor's buffers of open lexicon files.
        let sources: Vec<(PathBuf, Option<String>)> = files
            .iter()
            .map(|p| {
                let open = uri_of(p).and_then(|u| self.inner.docs.snapshot(&u));
                (p.clone(), open.map(|s| s.text()))
            })
            .collect();
        let Some(outcomes) = super::blocking("reading lexicons", move || {
            sources
                .into_iter()
                .map(|(path, buffer)| {
                    let outcome = load_file(&path, buffer, enc, locale);
                    (path, outcome)
                })
                .collect::<Vec<_>>()
        })
        .await
        else {
            return;
        };
        let mut publish: Vec<(Url, Vec<Diagnostic>)> = Vec::new();
        let mut messages: Vec<(MessageType, String)> = Vec::new();
        let layers: Vec<(PathBuf, Arc<Lexicon>)> = {
            let mut st = self.inner.lexicon.lock();
            for (path, outcome) in outcomes {
                if !matches!(outcome, Outcome::Unreadable(_)) {
                    st.unreadable.remove(&path);
                }
                let was_broken = st.broken.contains(&path);
                match outcome {
                    Outcome::Missing => {
                        st.last_good.remove(&path);
                    }
                    Outcome::Unreadable(why) => {
                        // Nothing to show in the editor; the last good version stays.
                        if st.unreadable.insert(path.clone()) || announce {
                            messages.push((
                                MessageType::ERROR,
                                format!("policy-lsp: lexicon {} not read: {why}", path.display()),
                            ));
                        }
                        continue;
                    }
                    Outcome::Loaded(lexicon) => {
                        st.last_good.insert(path.clone(), lexicon);
                    }
                    Outcome::Broken {
                        diagnostics,
                        first,
                        count,
                    } => {
                        st.broken.insert(path.clone());
                        if let Some(u) = uri_of(&path) {
                            publish.push((u, diagnostics));
                        }
                        if !was_broken || announce {
                            let kept = if st.last_good.contains_key(&path) {
                                "the last good version stays in use"
                            } else {
                                "it is ignored until fixed"
                            };
                            messages.push((
                                MessageType::WARNING,
                                format!(
                                    "policy-lsp: {}:{}:{}: {} ({count} problem(s); {kept})",
                                    path.display(),
                                    first.line,
                                    first.column,
                                    first.message,
                                ),
                            ));
                        }
                        continue;
                    }
                }
                if st.broken.remove(&path) {
                    if let Some(u) = uri_of(&path) {
                        publish.push((u, Vec::new()));
                    }
                }
            }
            // Files no longer configured drop out.
            st.last_good.retain(|p, _| files.contains(p));
            st.unreadable.retain(|p| files.contains(p));
            files
                .iter()
                .filter_map(|p| Some((p.clone(), st.last_good.get(p)?.clone())))
                .collect()
        };
        if layers.is_empty() && !lex.first_done.load(Ordering::SeqCst) {
            // The first load found no user lexicon: the configuration already holds the
            // built-in one, and re-analysing (and publishing again) would change nothing.
            self.inner.lexicon.lock().files = files;
            lex.first_done.store(true, Ordering::SeqCst);
            lex.ready.notify_waiters();
            self.report_lexicon_problems(publish, messages).await;
            return;
        }
        let Some((merged, defined_in)) = super::blocking("merging lexicons", move || {
            let mut merged = Lexicon::builtin().clone();
            let mut defined_in = HashMap::new();
            for (path, user) in &layers {
                merged = merged.merged_with(user);
                for e in user.entries() {
                    defined_in.insert(e.id.clone(), path.clone());
                }
            }
            merged.matcher();
            (merged, defined_in)
        })
        .await
        else {
            return;
        };
        {
            let mut st = self.inner.lexicon.lock();
            st.defined_in = defined_in;
            st.files = files;
        }
        // Client settings with the project config file laid over them.
        let settings = self
            .inner
            .workspace
            .effective_settings(&self.state().settings);
        let config = Arc::new(super::engine_config(&settings, Arc::new(merged)));
        self.set_state(|s| s.config = config);
        if !lex.first_done.swap(true, Ordering::SeqCst) {
            lex.ready.notify_waiters();
        }
        self.report_lexicon_problems(publish, messages).await;
        self.reanalyse_all();
    }

    async fn report_lexicon_problems(
        &self,
        publish: Vec<(Url, Vec<Diagnostic>)>,
        messages: Vec<(MessageType, String)>,
    ) {
        for (uri, diags) in publish {
            self.publish(uri, diags, None).await;
        }
        for (typ, m) in messages {
            self.log(typ, m.clone()).await;
            self.inner.client.show_message(typ, m).await;
        }
    }

    /// After open/change/save/close of a document: reload when it is a lexicon file.
    pub async fn lexicon_document_event(&self, uri: &Url, announce: bool) {
        if self.is_lexicon_uri(uri) {
            self.reload_lexicons(announce).await;
        }
    }

    /// `workspace/didChangeWatchedFiles`.
    pub async fn lexicon_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|c| self.is_lexicon_uri(&c.uri)) {
            self.reload_lexicons(true).await;
        }
    }

    /// Where the user lexicon defines entry `id`, if a user lexicon does.
    pub fn lexicon_definition(&self, id: &str) -> Option<Location> {
        let path = self.inner.lexicon.lock().defined_in.get(id).cloned()?;
        let (text, rope) = self.file_text(&path)?;
        let span = crate::engine::lexicon::definition_span(&text, id)?;
        let enc = self.state().encoding;
        Some(Location::new(
            uri_of(&path)?,
            span_to_range(&rope, &span, enc),
        ))
    }

    /// "Add to workspace lexicon" for unknown numbered slogans touching `span` of `text`, or
    /// for a selected short Chinese phrase the lexicon does not know.
    pub fn lexicon_code_actions(&self, text: &str, span: &Span) -> Vec<CodeActionOrCommand> {
        let state = self.state();
        let Some(root) = state.workspace_roots.first() else {
            return Vec::new();
        };
        let lex = &state.config.lexicon;
        let touches = |r: &Span| r.start <= span.end && span.start <= r.end;
        let mut terms: Vec<String> = unknown_numbered_slogans(text, lex)
            .into_iter()
            .filter(|u| touches(&u.range))
            .map(|u| u.text)
            .collect();
        if terms.is_empty() && !span.is_empty() {
            if let Some(sel) = text.get(span.clone()) {
                let sel = sel.trim().trim_matches(|c| matches!(c, '“' | '”' | '"'));
                let n = sel.chars().count();
                if (2..=20).contains(&n) && sel.chars().all(is_han) && lex.lookup(sel).is_none() {
                    terms.push(sel.to_string());
                }
            }
        }
        if terms.is_empty() {
            return Vec::new();
        }
        let path = root.join(WORKSPACE_LEXICON);
        let Some(uri) = uri_of(&path) else {
            return Vec::new();
        };
        let create_files = self.inner.lexicon.lock().create_files;
        let existing = self.file_text(&path);
        let mut out = Vec::new();
        for term in terms {
            let entry = stub_entry(&term);
            let title = state.config.locale.pick(
                format!("将「{term}」加入工作区词库"),
                format!("Add \"{term}\" to workspace lexicon"),
            );
            let edit = match &existing {
                Some((existing, rope)) => match insert_stub(existing, &entry) {
                    Ok(e) => convert::workspace_edit(
                        &uri,
                        vec![TextEdit::new(
                            span_to_range(rope, &e.range, state.encoding),
                            e.new_text,
                        )],
                    ),
                    Err(_) => continue,
                },
                // Only for a client that applies file creations.
                None if create_files => convert::create_file_edit(&uri, new_lexicon_file(&entry)),
                None => continue,
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                edit: Some(edit),
                ..Default::default()
            }));
        }
        out
    }
}
