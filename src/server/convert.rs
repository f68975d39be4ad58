//! Engine data → LSP types. Every byte span goes through `position`.

use super::position::{offsets_to_positions, span_to_range, Encoding};
use crate::engine::{self, Analysis, OutlineKind, OutlineNode, Severity, Span};
use ropey::Rope;
use std::collections::HashMap;
use tower_lsp::lsp_types::{
    self as lsp, CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions,
    DiagnosticRelatedInformation, DiagnosticSeverity, DocumentChangeOperation, DocumentChanges,
    DocumentSymbol, FoldingRange, FoldingRangeKind, Location, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range, ResourceOp, SymbolKind, TextDocumentEdit,
    TextEdit, Url, WorkspaceEdit,
};

pub const SOURCE: &str = "policy-lsp";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Resolves a related location in another document (`Related::doc`) to its URI and text.
pub type OtherDocs<'a> = dyn Fn(&str) -> Option<(Url, Rope)> + 'a;

/// Converts diagnostics of the document `uri` (whose text is `rope`). All offsets of one
/// document are converted in a single pass (see [`offsets_to_positions`]): a report can carry
/// hundreds of diagnostics with thousands of related locations, converted at every keystroke.
pub fn diagnostics(
    list: &[&engine::Diagnostic],
    uri: &Url,
    rope: &Rope,
    enc: Encoding,
    other: &OtherDocs,
) -> Vec<lsp::Diagnostic> {
    let mut own = Vec::new();
    // Related locations in other documents, by document key: (diagnostic, related) indices.
    let mut elsewhere: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (di, d) in list.iter().enumerate() {
        own.extend([d.range.start, d.range.end]);
        for (ri, r) in d.related.iter().enumerate() {
            match &r.doc {
                None => own.extend([r.range.start, r.range.end]),
                Some(key) => elsewhere.entry(key).or_default().push((di, ri)),
            }
        }
    }
    let own = offsets_to_positions(rope, &own, enc);
    let mut resolved_elsewhere: HashMap<(usize, usize), Location> = HashMap::new();
    for (key, refs) in elsewhere {
        let Some((other_uri, other_rope)) = other(key) else {
            continue;
        };
        let offsets: Vec<usize> = refs
            .iter()
            .flat_map(|&(di, ri)| {
                let r = &list[di].related[ri].range;
                [r.start, r.end]
            })
            .collect();
        let positions = offsets_to_positions(&other_rope, &offsets, enc);
        for (k, at) in refs.into_iter().enumerate() {
            let range = Range::new(positions[2 * k], positions[2 * k + 1]);
            resolved_elsewhere.insert(at, Location::new(other_uri.clone(), range));
        }
    }
    let mut own = own.chunks_exact(2).map(|p| Range::new(p[0], p[1]));
    let mut out = Vec::with_capacity(list.len());
    for (di, d) in list.iter().enumerate() {
        let range = own.next().unwrap_or_default();
        let mut related = Vec::with_capacity(d.related.len());
        for (ri, r) in d.related.iter().enumerate() {
            let location = match &r.doc {
                None => Location::new(uri.clone(), own.next().unwrap_or_default()),
                Some(_) => match resolved_elsewhere.remove(&(di, ri)) {
                    Some(l) => l,
                    None => continue,
                },
            };
            related.push(DiagnosticRelatedInformation {
                location,
                message: r.message.to_string(),
            });
        }
        out.push(lsp::Diagnostic {
            range,
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.rule.to_string())),
            code_description: None,
            source: Some(SOURCE.to_string()),
            message: d.message.clone(),
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        });
    }
    out
}

fn edits(fix_edits: &[engine::TextEdit], rope: &Rope, enc: Encoding) -> Vec<TextEdit> {
    fix_edits
        .iter()
        .map(|e| TextEdit::new(span_to_range(rope, &e.range, enc), e.new_text.clone()))
        .collect()
}

pub fn workspace_edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

/// Creates the file `uri` (left alone if it appeared meanwhile) and writes `text` into it:
/// for workspace files (lexicon, config) that code actions start.
pub fn create_file_edit(uri: &Url, text: String) -> WorkspaceEdit {
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(vec![
            DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                uri: uri.clone(),
                options: Some(CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            })),
            DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version: None,
                },
                edits: vec![OneOf::Left(TextEdit::new(Default::default(), text))],
            }),
        ])),
        ..Default::default()
    }
}

/// Quick fixes for the diagnostics that touch `span`, then one "fix all" action per rule
/// that has more than one preferred fix in the document.
pub fn code_actions(
    analysis: &Analysis,
    uri: &Url,
    rope: &Rope,
    enc: Encoding,
    span: &Span,
    locale: engine::Locale,
    other: &OtherDocs,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let touches = |r: &Span| r.start <= span.end && span.start <= r.end;
    let mut rules_here: Vec<&'static str> = Vec::new();
    let here: Vec<&engine::Diagnostic> = analysis
        .diagnostics
        .iter()
        .filter(|d| touches(&d.range))
        .collect();
    let converted = diagnostics(&here, uri, rope, enc, other);
    for (d, lsp_diag) in here.into_iter().zip(converted) {
        for fix in &d.fixes {
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diag.clone()]),
                edit: Some(workspace_edit(uri, edits(&fix.edits, rope, enc))),
                is_preferred: Some(fix.preferred),
                ..Default::default()
            }));
        }
        if !d.fixes.is_empty() && !rules_here.contains(&d.rule) {
            rules_here.push(d.rule);
        }
    }
    for rule in rules_here {
        if let Some(action) = fix_all(analysis, Some(rule), uri, rope, enc, locale) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    out
}

/// One action applying every preferred fix (of `rule`, or of all rules) whose edits do not
/// overlap an earlier one. `None` when there are fewer than two such fixes for one rule.
pub fn fix_all(
    analysis: &Analysis,
    rule: Option<&str>,
    uri: &Url,
    rope: &Rope,
    enc: Encoding,
    locale: engine::Locale,
) -> Option<CodeAction> {
    let (taken, count) = engine::select_fixes(analysis, rule);
    if count < 2 && rule.is_some() || count == 0 {
        return None;
    }
    let (title, kind) = match rule {
        Some(rule) => (
            locale.pick(
                // The action is offered on a finding of this rule, so "of this kind" names it without
                // putting the (English) rule id into Chinese text.
                format!("修复本文所有同类问题（{count} 处）"),
                format!("Fix all {rule} problems in this document ({count})"),
            ),
            CodeActionKind::QUICKFIX,
        ),
        None => (
            locale.pick(
                format!("修复本文所有可自动修复的问题（{count} 处）"),
                format!("Fix all auto-fixable problems in this document ({count})"),
            ),
            CodeActionKind::SOURCE_FIX_ALL,
        ),
    };
    Some(CodeAction {
        title,
        kind: Some(kind),
        edit: Some(workspace_edit(uri, edits(&taken, rope, enc))),
        ..Default::default()
    })
}

fn symbol_kind(k: OutlineKind) -> SymbolKind {
    match k {
        // Prose, not code: the symbols VS Code shows for Markdown headings, no {} icons.
        OutlineKind::Title => SymbolKind::FILE,
        OutlineKind::Metadata => SymbolKind::PROPERTY,
        OutlineKind::Lead => SymbolKind::STRING,
        OutlineKind::Section => SymbolKind::STRING,
        OutlineKind::Speaker => SymbolKind::EVENT,
        OutlineKind::Heading(_) => SymbolKind::STRING,
        OutlineKind::Task => SymbolKind::ENUM_MEMBER,
        OutlineKind::Attendees => SymbolKind::ARRAY,
        OutlineKind::Editor => SymbolKind::KEY,
        OutlineKind::Other => SymbolKind::NULL,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be filled in.
pub fn document_symbols(nodes: &[OutlineNode], rope: &Rope, enc: Encoding) -> Vec<DocumentSymbol> {
    nodes
        .iter()
        .map(|n| {
            let range = span_to_range(rope, &n.range, enc);
            // LSP requires the selection range to lie inside the range.
            let sel = if n.selection.start >= n.range.start && n.selection.end <= n.range.end {
                span_to_range(rope, &n.selection, enc)
            } else {
                range
            };
            let name = if n.name.trim().is_empty() {
                "…".to_string()
            } else {
                n.name.clone()
            };
            DocumentSymbol {
                name,
                detail: n.detail.clone(),
                kind: symbol_kind(n.kind),
                tags: None,
                deprecated: None,
                range,
                selection_range: sel,
                children: (!n.children.is_empty())
                    .then(|| document_symbols(&n.children, rope, enc)),
            }
        })
        .collect()
}

/// Flat `SymbolInformation` for clients without hierarchical symbol support.
#[allow(deprecated)]
pub fn flat_symbols(
    nodes: &[OutlineNode],
    uri: &Url,
    rope: &Rope,
    enc: Encoding,
    container: Option<&str>,
    out: &mut Vec<lsp::SymbolInformation>,
) {
    for n in nodes {
        out.push(lsp::SymbolInformation {
            name: if n.name.trim().is_empty() {
                "…".into()
            } else {
                n.name.clone()
            },
            kind: symbol_kind(n.kind),
            tags: None,
            deprecated: None,
            location: Location::new(uri.clone(), span_to_range(rope, &n.range, enc)),
            container_name: container.map(str::to_string),
        });
        flat_symbols(&n.children, uri, rope, enc, Some(&n.name), out);
    }
}

/// A folding range for every outline node that spans more than one line.
pub fn folding_ranges(nodes: &[OutlineNode], rope: &Rope, out: &mut Vec<FoldingRange>) {
    for n in nodes {
        let end = n.range.end.min(rope.len_bytes());
        let start = n.range.start.min(end);
        let first = rope.byte_to_line(start);
        // A range that ends right after a line break ends on the previous line.
        let mut last = rope.byte_to_line(end);
        if end > start && last > first && rope.line_to_byte(last) == end {
            last -= 1;
        }
        if last > first {
            out.push(FoldingRange {
                start_line: first as u32,
                start_character: None,
                end_line: last as u32,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: Some(n.name.clone()),
            });
        }
        folding_ranges(&n.children, rope, out);
    }
}
