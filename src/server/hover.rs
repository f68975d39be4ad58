//! Hover, completion and go-to-definition for slogans: LSP glue around
//! `engine::hover` and `engine::complete`. Positions go through `position` only.

use super::position::{position_to_offset, span_to_range};
use super::{blocking, guard, Backend};
use crate::engine::complete::{completions, CompletionKind};
use crate::engine::hover::{hover_at, target_at, Target};
use tower_lsp::jsonrpc::Result as RpcResult;
use tower_lsp::lsp_types::*;

impl Backend {
    pub async fn lexicon_hover(&self, params: HoverParams) -> RpcResult<Option<Hover>> {
        self.lexicons_ready().await;
        let p = params.text_document_position_params;
        let Some(snap) = self.inner.docs.snapshot(&p.text_document.uri) else {
            return Err(super::unknown_document(&p.text_document.uri));
        };
        let state = self.state();
        let enc = state.encoding;
        let result = blocking("computing a hover", move || {
            let offset = position_to_offset(&snap.rope, p.position, enc).offset;
            let text = snap.text();
            let h = hover_at(&text, offset, &state.config)?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: h.markdown,
                }),
                range: Some(span_to_range(&snap.rope, &h.range, enc)),
            })
        })
        .await;
        Ok(result.flatten())
    }

    pub async fn lexicon_completion(
        &self,
        params: CompletionParams,
    ) -> RpcResult<Option<CompletionResponse>> {
        self.lexicons_ready().await;
        let p = params.text_document_position;
        let Some(snap) = self.inner.docs.snapshot(&p.text_document.uri) else {
            return Err(super::unknown_document(&p.text_document.uri));
        };
        let state = self.state();
        let enc = state.encoding;
        let result = blocking("computing completions", move || {
            let offset = position_to_offset(&snap.rope, p.position, enc).offset;
            let text = snap.text();
            let items: Vec<CompletionItem> = completions(&text, offset, &state.config)
                .into_iter()
                .map(|c| CompletionItem {
                    label: c.label,
                    kind: Some(match c.kind {
                        CompletionKind::Term => CompletionItemKind::CONSTANT,
                        CompletionKind::Full => CompletionItemKind::TEXT,
                    }),
                    detail: Some(c.detail),
                    documentation: Some(Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: c.documentation_markdown,
                    })),
                    filter_text: Some(c.filter_text),
                    sort_text: Some(c.sort_text),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                        range: span_to_range(&snap.rope, &c.replace_range, enc),
                        new_text: c.insert_text,
                    })),
                    ..Default::default()
                })
                .collect();
            // Chinese is typed through an input method, so the prefix changes in jumps:
            // ask again on every keystroke.
            CompletionResponse::List(CompletionList {
                is_incomplete: true,
                items,
            })
        })
        .await;
        Ok(result)
    }

    pub async fn lexicon_goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> RpcResult<Option<GotoDefinitionResponse>> {
        self.lexicons_ready().await;
        let p = params.text_document_position_params;
        let Some(snap) = self.inner.docs.snapshot(&p.text_document.uri) else {
            return Err(super::unknown_document(&p.text_document.uri));
        };
        let state = self.state();
        let id = guard("finding a definition", || {
            let offset = position_to_offset(&snap.rope, p.position, state.encoding).offset;
            match target_at(&snap.text(), offset, &state.config.lexicon)? {
                Target::Slogan { entry_id, .. } => Some(entry_id),
                Target::Unknown { .. } => None,
            }
        })
        .flatten();
        Ok(id
            .and_then(|id| self.lexicon_definition(&id))
            .map(GotoDefinitionResponse::Scalar))
    }
}
