//! Plain data produced by the engine. Every range is a UTF-8 byte range into the analysed text,
//! always on `char` boundaries. Nothing here knows about LSP.

use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;

/// A byte range into the analysed text.
pub type Span = Range<usize>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    #[serde(alias = "info")]
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "info",
            Severity::Hint => "hint",
        }
    }

    /// Warning and error fail `policy-lsp check`; information and hints do not.
    pub fn is_at_least_warning(self) -> bool {
        matches!(self, Severity::Error | Severity::Warning)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextEdit {
    pub range: Span,
    pub new_text: String,
}

/// A quick fix: one or more edits to the same document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
    /// The fix an editor may apply with "auto-fix"; at most one per diagnostic.
    pub preferred: bool,
}

impl Fix {
    /// The common fix: replace `range` with `new_text`, preferred.
    pub fn replace(title: String, range: Span, new_text: String) -> Fix {
        Fix {
            title,
            edits: vec![TextEdit { range, new_text }],
            preferred: true,
        }
    }
}

/// Another place that explains a diagnostic: in the same document, or in another file of
/// the workspace (`doc` = that document's URI or path, as the caller named it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    pub range: Span,
    /// Shared: a recurring phrase's findings point at each other's places, so one place's
    /// text ("第 3 次出现（共 7 次）") stands in up to a dozen lists.
    pub message: Arc<str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub range: Span,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
    /// The first day the finding can apply, (year, month, day): a slogan's list cannot be
    /// misordered or short before the slogan existed. The finding is dropped in a document
    /// dated earlier, by the assembly when a rule judged one line alone, without its date.
    #[serde(skip)]
    pub not_before: Option<(u32, u32, u32)>,
}

impl Diagnostic {
    pub fn new(rule: &'static str, severity: Severity, range: Span, message: String) -> Self {
        Diagnostic {
            range,
            rule,
            severity,
            message,
            related: Vec::new(),
            fixes: Vec::new(),
            not_before: None,
        }
    }

    pub fn not_before(mut self, day: Option<(u32, u32, u32)>) -> Self {
        self.not_before = day;
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }
}

/// What a node of the outline stands for; the server maps it to an LSP `SymbolKind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutlineKind {
    Title,
    Metadata,
    Lead,
    /// A 会议指出 / 会议强调 … paragraph or group.
    Section,
    /// A «speaker»指出 paragraph.
    Speaker,
    /// A GB/T 9704 heading; level 1 = 一、 … level 4 = （1）.
    Heading(u8),
    /// An enumerated task inside a section: 一是…, 二是…, 第一，….
    Task,
    Attendees,
    Editor,
    /// Anything else worth listing (e.g. a paragraph of web residue).
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutlineNode {
    pub name: String,
    pub detail: Option<String>,
    pub kind: OutlineKind,
    /// The whole extent of the node, children included.
    pub range: Span,
    /// The part to highlight and reveal (e.g. the marker 会议指出); inside `range`.
    pub selection: Span,
    pub children: Vec<OutlineNode>,
}

/// One place where a lexicon entry is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SloganOccurrence {
    pub range: Span,
    /// The lexicon entry's `id`.
    pub entry_id: String,
}

/// Everything the engine says about one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Analysis {
    pub diagnostics: Vec<Diagnostic>,
    pub outline: Vec<OutlineNode>,
    pub slogans: Vec<SloganOccurrence>,
    /// Web-residue spans the rules did not analyse (for callers that index the text).
    pub masked: Vec<Span>,
    /// Rules that failed (panicked) on this document: `(rule id, message)`. The other rules'
    /// results are still there.
    pub rule_errors: Vec<(String, String)>,
}
