//! The formula inventory in the editor: a code lens on the first place of every formula
//! family the document repeats (「坚决打赢疫情防控攻坚战」×5，2 种写法), and the workspace
//! command `policy-lsp.formulas` that returns the whole inventory of a document (names,
//! counts, fixed or not, written forms, every place as an LSP range).

use super::position::span_to_range;
use super::{blocking, unknown_document, Backend};
use crate::cli::formulas_cmd::{inventory, marks, summary_json};
use crate::engine::config::Locale;
use crate::engine::recurrence::family::Family;
use serde_json::{json, Value};
use tower_lsp::jsonrpc::Result as RpcResult;
use tower_lsp::lsp_types::{CodeLens, Command, Url};

/// The command the lenses run and clients may call: arguments `[uri]`.
pub const COMMAND: &str = "policy-lsp.formulas";

fn lens_title(f: &Family, locale: Locale) -> String {
    let v = f.variants.len();
    let forms = if v > 1 {
        locale.pick(format!("，{v} 种写法"), format!(", {v} variants"))
    } else {
        String::new()
    };
    let fixed = marks(f, locale);
    format!("「{}」×{}{forms}{fixed}", f.name, f.occurrences.len())
}

impl Backend {
    /// The families of the document's current text, with its snapshot.
    async fn families(&self, uri: &Url) -> Option<(super::documents::Snapshot, Vec<Family>)> {
        let snap = self.inner.docs.snapshot(uri)?;
        let config = self.state().config;
        let text = snap.rope.to_string();
        let fams = blocking("listing formulas", move || inventory(&text, &config))
            .await
            .unwrap_or_default();
        Some((snap, fams))
    }

    pub async fn formula_lenses(&self, uri: &Url) -> RpcResult<Option<Vec<CodeLens>>> {
        let Some((snap, fams)) = self.families(uri).await else {
            return Err(unknown_document(uri));
        };
        let state = self.state();
        let locale = state.config.locale;
        let lenses = fams
            .iter()
            .filter_map(|f| {
                let first = f.occurrences.first()?;
                Some(CodeLens {
                    range: span_to_range(&snap.rope, &first.span, state.encoding),
                    command: Some(Command {
                        title: lens_title(f, locale),
                        command: COMMAND.into(),
                        arguments: Some(vec![json!(uri)]),
                    }),
                    data: None,
                })
            })
            .collect();
        Ok(Some(lenses))
    }

    /// `workspace/executeCommand` for [`COMMAND`]: the inventory of the document named by
    /// the first argument.
    pub async fn formula_inventory(&self, args: &[Value]) -> RpcResult<Option<Value>> {
        let Some(uri) = args
            .first()
            .and_then(|a| a.as_str())
            .and_then(|s| Url::parse(s).ok())
        else {
            return Err(tower_lsp::jsonrpc::Error::invalid_params(
                "policy-lsp.formulas needs a document URI",
            ));
        };
        let Some((snap, fams)) = self.families(&uri).await else {
            return Err(unknown_document(&uri));
        };
        let enc = self.state().encoding;
        let list: Vec<Value> = fams
            .iter()
            .map(|f| {
                let mut v = summary_json(f);
                v["ranges"] = json!(f
                    .occurrences
                    .iter()
                    .map(|o| span_to_range(&snap.rope, &o.span, enc))
                    .collect::<Vec<_>>());
                v
            })
            .collect();
        Ok(Some(json!({"uri": uri, "formulas": list})))
    }
}
