//! Workspace lexicons in the server: `.policy-lsp/lexicon.json` in each workspace folder and
//! the files named by the `lexiconPaths` setting are merged over the built-in lexicon (same
//! `id` overrides), reloaded when they change (watched files, registered dynamically, and the
//! editor's own buffer when the file is open), and checked: a broken file gets diagnostics at
//! the exact line and column and a message, and the last good version of it stays in use.
//! Also the "Add to workspace lexicon" code action for unknown numbered slogans.

use super::position::span_to_range;
use super::{convert, Backend};
use crate::engine::lexicon::{
    insert_stub, new_lexicon_file, stub_entry, unknown_numbered_slogans, validate_user_lexicon,
    Lexicon,
};
use crate::engine::text::is_han;
use crate::engine::Span;
use ropey::Rope;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tower_lsp::lsp_types::*;

pub const WORKSPACE_LEXICON: &str = ".policy-lsp/lexicon.json";
const WATCH_ID: &str = "policy-lsp-lexicon-watch";

#[derive(Debug, Default)]
struct LexState {
    dynamic_watch: bool,
    /// The last version of each user lexicon file that loaded.
    last_good: HashMap<PathBuf, Lexicon>,
    /// Files whose diagnostics are published (so they can be cleared).
    broken: HashSet<PathBuf>,
    /// Which user file defines each entry id, for go-to-definition.
    defined_in: HashMap<String, PathBuf>,
    /// The lexicon files in merge order, as last computed.
    files: Vec<PathBuf>,
}

/// The server's lexicon bookkeeping; lives in `Inner`.
#[derive(Debug, Default)]
pub struct LexiconState {
    inner: Mutex<LexState>,
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
        self.inner.lexicon.lock().dynamic_watch = dynamic;
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
        let text = std::fs::read_to_string(path).ok()?;
        let rope = Rope::from_str(&text);
        Some((text, rope))
    }

    /// Re-reads every user lexicon, publishes problems, rebuilds the configuration and
    /// re-analyses open documents. `announce`: show a message for broken files even if they
    /// were already broken (on start, save and watched-file events, not on every keystroke).
    pub async fn reload_lexicons(&self, announce: bool) {
        let files = self.lexicon_files();
        let enc = self.state().encoding;
        let mut publish: Vec<(Url, Vec<Diagnostic>)> = Vec::new();
        let mut messages: Vec<String> = Vec::new();
        let merged = {
            let mut st = self.inner.lexicon.lock();
            for path in &files {
                let Some((text, rope)) = self.file_text(path) else {
                    st.last_good.remove(path);
                    if st.broken.remove(path) {
                        if let Some(u) = uri_of(path) {
                            publish.push((u, Vec::new()));
                        }
                    }
                    continue;
                };
                match validate_user_lexicon(&text) {
                    Ok(lex) => {
                        st.last_good.insert(path.clone(), lex);
                        if st.broken.remove(path) {
                            if let Some(u) = uri_of(path) {
                                publish.push((u, Vec::new()));
                            }
                        }
                    }
                    Err(errors) => {
                        let newly = st.broken.insert(path.clone());
                        let diags = errors
                            .iter()
                            .map(|e| {
                                let at = e.offset_in(&text);
                                let end =
                                    text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
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
                        if let Some(u) = uri_of(path) {
                            publish.push((u, diags));
                        }
                        if newly || announce {
                            let first = &errors[0];
                            let kept = if st.last_good.contains_key(path) {
                                "the last good version stays in use"
                            } else {
                                "it is ignored until fixed"
                            };
                            messages.push(format!(
                                "policy-lsp: {}:{}:{}: {} ({} problem(s); {kept})",
                                path.display(),
                                first.line,
                                first.column,
                                first.message,
                                errors.len()
                            ));
                        }
                    }
                }
            }
            // Files no longer configured drop out.
            st.last_good.retain(|p, _| files.contains(p));
            let mut merged = Lexicon::builtin().clone();
            let mut defined_in = HashMap::new();
            for path in &files {
                if let Some(user) = st.last_good.get(path) {
                    merged = merged.merged_with(user);
                    for e in user.entries() {
                        defined_in.insert(e.id.clone(), path.clone());
                    }
                }
            }
            st.defined_in = defined_in;
            st.files = files;
            merged
        };
        merged.matcher();
        // Client settings with the project config file laid over them.
        let settings = self
            .inner
            .workspace
            .effective_settings(&self.state().settings);
        let config = Arc::new(super::engine_config(&settings, Arc::new(merged)));
        self.set_state(|s| s.config = config);
        for (uri, diags) in publish {
            self.publish(uri, diags, None).await;
        }
        for m in messages {
            self.log(MessageType::WARNING, m.clone()).await;
            self.inner
                .client
                .show_message(MessageType::WARNING, m)
                .await;
        }
        self.reanalyse_all();
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
        let path = root.join(WORKSPACE_LEXICON);
        let Some(uri) = uri_of(&path) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for term in terms {
            let entry = stub_entry(&term);
            let title = state.config.locale.pick(
                format!("将「{term}」加入工作区词库"),
                format!("Add \"{term}\" to workspace lexicon"),
            );
            let edit = match self.file_text(&path) {
                Some((existing, rope)) => match insert_stub(&existing, &entry) {
                    Ok(e) => convert::workspace_edit(
                        &uri,
                        vec![TextEdit::new(
                            span_to_range(&rope, &e.range, state.encoding),
                            e.new_text,
                        )],
                    ),
                    Err(_) => continue,
                },
                None => convert::create_file_edit(&uri, new_lexicon_file(&entry)),
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
