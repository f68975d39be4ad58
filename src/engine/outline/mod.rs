//! The outline of a meeting report: title block (with its metadata line), lead (导语),
//! 会议指出 / 会议强调 … sections, speaker sections (丁中平指出), GB/T 9704 headings
//! (一、 → （一） → 1. → （1）), attendee and editor lines.
//!
//! Paragraphs wholly made of web residue are skipped, and residue text never shows in a name.
//! A paragraph is split where a heading follows 。 or ； inside it (scraped pages that lost
//! their line breaks) and, after the lead, where a 会议X sentence follows 。.
//!
//! Ranges: a section covers its paragraph and the unmarked paragraphs after it; a heading
//! covers everything up to the next heading of the same or a higher level.

pub mod headings;
pub mod markers;

use super::config::Config;
use super::document::{Document, Paragraphs};
use super::text::{is_cjk_punct, overlaps};
use super::types::{OutlineKind, OutlineNode, Span};
use std::borrow::Cow;

/// Characters kept in a section's or heading's name.
const NAME_CHARS: usize = 30;
/// Characters kept in a title's or metadata line's name.
const TITLE_CHARS: usize = 60;
/// How far into the document the title block and lead are looked for.
const HEADER_PARAGRAPHS: usize = 12;

/// Builds the outline of `doc`.
pub fn build(doc: &Document, config: &Config) -> Vec<OutlineNode> {
    let heads = headings::find(doc);
    Builder::new(doc, config).run(&heads, &mut |_, _, _, _| false)
}

/// The outline from parts prepared elsewhere: `heads` as [`headings::find`] gives them,
/// `paras` the paragraphs that are not wholly residue, and `known(p, after_lead, is_lead,
/// items)`, which appends the body items of paragraph `p` (one of `paras`, in order) and returns true when the caller has
/// them (else they are computed here).
pub(crate) fn build_from(
    doc: &Document,
    config: &Config,
    heads: &[headings::HeadingMark],
    paras: Cow<'_, Paragraphs>,
    known: &mut KnownItems,
) -> Vec<OutlineNode> {
    Builder { doc, config, paras }.run(heads, known)
}

/// The body items of paragraph `p` of `doc` (a paragraph that is not wholly residue) after
/// the lead, given the document's headings `heads`: what [`build_from`] takes as known.
pub(crate) fn paragraph_items(
    doc: &Document,
    config: &Config,
    p: &Span,
    heads: &[headings::HeadingMark],
) -> Vec<Item> {
    Builder {
        doc,
        config,
        paras: Cow::Owned(Paragraphs::default()),
    }
    .paragraph_items(p, heads, true, false)
}

/// Whether `p` is wholly web residue (such paragraphs stay out of the outline).
pub(crate) fn is_wholly_masked(doc: &Document, p: &Span) -> bool {
    wholly_masked(doc, p)
}

/// Whether `item` opens with a speech the story quotes rather than reports: a speaker
/// opener naming a meeting (习近平总书记在决战决胜脱贫攻坚座谈会上强调) whose speech the title
/// or lead calls 在…上的(重要)讲话, as stories of reactions to a past speech do. Reports of the
/// meeting itself say 在会上 / 在讲话中 and keep their speakers.
fn quotes_a_speech(text: &str, item: &Item, head: &[&str]) -> bool {
    if item.kind != OutlineKind::Speaker {
        return false;
    }
    let Some(meeting) = text
        .get(item.span.start..item.selection.end)
        .and_then(markers::named_meeting)
    else {
        return false;
    };
    head.iter().any(|h| {
        h.match_indices(meeting).any(|(i, _)| {
            let rest = &h[i + meeting.len()..];
            rest.starts_with("上的重要讲话") || rest.starts_with("上的讲话")
        })
    })
}

/// `known(paragraph, after_lead, is_lead, items)` of [`build_from`].
pub(crate) type KnownItems<'k> = dyn FnMut(&Span, bool, bool, &mut Vec<Item>) -> bool + 'k;

/// A unit of the body: a paragraph or the part of one between two split points.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    kind: OutlineKind,
    span: Span,
    selection: Span,
    name: String,
    detail: Option<String>,
}

impl Item {
    /// The same item `by` bytes further on.
    pub(crate) fn shifted(&self, by: usize) -> Item {
        Item {
            kind: self.kind,
            span: self.span.start + by..self.span.end + by,
            selection: self.selection.start + by..self.selection.end + by,
            name: self.name.clone(),
            detail: self.detail.clone(),
        }
    }
}

struct Builder<'a, 'd> {
    doc: &'a Document<'d>,
    config: &'a Config,
    /// Paragraphs that are not wholly residue (usually all of them: then borrowed, not a
    /// copy of the list).
    paras: Cow<'a, Paragraphs>,
}

impl<'a, 'd> Builder<'a, 'd> {
    fn new(doc: &'a Document<'d>, config: &'a Config) -> Self {
        let paras: Paragraphs = doc
            .paragraphs
            .iter()
            .filter(|p| !wholly_masked(doc, p))
            .collect::<Paragraphs>();
        let paras = Cow::Owned(paras);
        Builder { doc, config, paras }
    }

    fn pick(&self, zh: &str, en: &str) -> String {
        self.config.locale.pick(zh.to_string(), en.to_string())
    }

    fn run(self, heads: &[headings::HeadingMark], known: &mut KnownItems) -> Vec<OutlineNode> {
        let text = self.doc.text;
        let mut roots = Vec::new();

        // Title block and lead.
        let mut titles: Vec<Span> = Vec::new();
        let mut metas: Vec<Span> = Vec::new();
        let mut lead: Option<usize> = None;
        let mut body_from = 0;
        let mut stopped = false;
        // The headline the recurrence rule reads as the document's theme is the outline's
        // title too, a speaker's headline included (习近平在…上强调 坚持…).
        let head = headline(self.doc);
        for (i, p) in self.paras.iter().enumerate().take(HEADER_PARAGRAPHS) {
            let s = &text[p.clone()];
            if i == 0 && head.as_ref().is_some_and(|h| h.end == p.end) {
                titles.push(p.clone());
                body_from = 1;
                continue;
            }
            if markers::metadata(s) {
                metas.push(p.clone());
                body_from = i + 1;
                continue;
            }
            // 各位代表： before a work report's first paragraph: the lead follows it.
            if markers::salutation(s) {
                body_from = i + 1;
                continue;
            }
            let atx = headings::atx_prefix(s);
            let opens_body = heads.iter().any(|h| h.marker.start == p.start + atx)
                || markers::section(s).is_some()
                || markers::speaker(s).is_some()
                || markers::editor(s).is_some();
            if opens_body {
                stopped = true;
                break;
            }
            if looks_like_lead(s) || !looks_like_title(s) {
                lead = Some(i);
                body_from = i + 1;
                stopped = true;
                break;
            }
            titles.push(p.clone());
            body_from = i + 1;
        }
        if !stopped && self.paras.len() > HEADER_PARAGRAPHS {
            // No lead among many short lines: only the first one is a title.
            titles.truncate(1);
            let second = self.paras.get(1).map_or(usize::MAX, |p| p.start);
            metas.retain(|m| m.start < second);
            body_from = 1 + metas.len();
        }
        if let Some(first) = titles.first() {
            let mut children = Vec::new();
            for t in titles.iter().skip(1) {
                children.push(self.leaf(OutlineKind::Title, t.clone(), t.clone(), TITLE_CHARS));
            }
            for m in &metas {
                children.push(self.leaf(OutlineKind::Metadata, m.clone(), m.clone(), TITLE_CHARS));
            }
            children.sort_by_key(|c| c.range.start);
            let end = titles
                .iter()
                .chain(metas.iter())
                .map(|s| s.end)
                .max()
                .unwrap_or(first.end);
            let begin = titles
                .iter()
                .chain(metas.iter())
                .map(|s| s.start)
                .min()
                .unwrap_or(first.start);
            roots.push(OutlineNode {
                name: self.label(first.clone(), TITLE_CHARS),
                detail: Some(self.pick("标题", "title")),
                kind: OutlineKind::Title,
                range: begin..end,
                selection: first.clone(),
                children,
            });
        } else {
            for m in &metas {
                roots.push(self.leaf(OutlineKind::Metadata, m.clone(), m.clone(), TITLE_CHARS));
            }
        }

        // Body items, from the lead on.
        let start = lead.unwrap_or(body_from);
        let mut items = Vec::new();
        let mut scratch = Vec::new();
        for (i, p) in self.paras.iter().enumerate().skip(start) {
            let after_lead = lead.is_none_or(|l| i > l);
            let is_lead = lead == Some(i);
            if !known(&p, after_lead, is_lead, &mut scratch) {
                scratch.extend(self.paragraph_items(&p, heads, after_lead, is_lead));
            }
            for item in scratch.drain(..) {
                push_compact(&mut items, item);
            }
        }
        let head: Vec<&str> = titles
            .iter()
            .cloned()
            .chain(lead.and_then(|l| self.paras.get(l)))
            .filter_map(|p| text.get(p.clone()))
            .collect();
        items.retain(|it| !quotes_a_speech(text, it, &head));
        roots.extend(nest(items));
        roots
    }

    /// The body items of paragraph `p`: its segments, the first one the lead if `is_lead`.
    fn paragraph_items(
        &self,
        p: &Span,
        heads: &[headings::HeadingMark],
        after_lead: bool,
        is_lead: bool,
    ) -> Vec<Item> {
        let text = self.doc.text;
        let segments = self.segments(p, heads, after_lead);
        let mut items = Vec::with_capacity(segments.len());
        for (k, seg) in segments.into_iter().enumerate() {
            if is_lead && k == 0 {
                items.push(Item {
                    kind: OutlineKind::Lead,
                    name: self.label(seg.clone(), NAME_CHARS),
                    detail: Some(self.pick("导语", "lead")),
                    selection: first_clause(text, &seg),
                    span: seg,
                });
            } else {
                items.push(self.classify(seg, heads));
            }
        }
        items
    }

    /// Splits a paragraph at accepted mid-paragraph headings and, after the lead, at 会议X
    /// sentences that follow 。！？.
    fn segments(&self, p: &Span, heads: &[headings::HeadingMark], after_lead: bool) -> Vec<Span> {
        let text = self.doc.text;
        let mut cuts: Vec<usize> = heads
            .iter()
            .filter(|h| !h.line_start && h.marker.start > p.start && h.marker.start < p.end)
            .map(|h| h.marker.start)
            .collect();
        if after_lead {
            let line = &text[p.clone()];
            for (i, c) in line.char_indices() {
                if !matches!(c, '。' | '！' | '？') {
                    continue;
                }
                let rest = line[i + c.len_utf8()..].trim_start();
                let at = p.end - rest.len();
                if at < p.end
                    && markers::section(rest).is_some()
                    && !self.doc.is_masked(&(at..at + 1))
                {
                    cuts.push(at);
                }
            }
            // Enumerated tasks (一是…。二是…；第一，…) after 。 or ；.
            for (i, c) in line.char_indices() {
                if !matches!(c, '。' | '；' | ';') {
                    continue;
                }
                let rest = line[i + c.len_utf8()..].trim_start();
                let at = p.end - rest.len();
                if at < p.end && markers::task(rest).is_some() && !self.doc.is_masked(&(at..at + 1))
                {
                    cuts.push(at);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut out = Vec::with_capacity(cuts.len() + 1);
        let mut from = p.start;
        for c in cuts {
            if let Some(s) = super::text::trim_span(text, from..c) {
                out.push(s);
            }
            from = c;
        }
        if let Some(s) = super::text::trim_span(text, from..p.end) {
            out.push(s);
        }
        out
    }

    fn classify(&self, seg: Span, heads: &[headings::HeadingMark]) -> Item {
        let text = self.doc.text;
        let s = &text[seg.clone()];
        let atx = headings::atx_prefix(s);
        if let Some(h) = heads.iter().find(|h| h.marker.start == seg.start + atx) {
            let level_name = ["一", "二", "三", "四"][usize::from(h.level.clamp(1, 4) - 1)];
            return Item {
                kind: OutlineKind::Heading(h.level),
                name: self.label(seg.start..sentence_end(text, &seg), NAME_CHARS),
                detail: Some(self.config.locale.pick(
                    format!("{level_name}级标题"),
                    format!("level-{} heading", h.level),
                )),
                selection: h.marker.clone(),
                span: seg,
            };
        }
        if let Some((len, _)) = markers::task(s) {
            let marker = seg.start..seg.start + len;
            return Item {
                kind: OutlineKind::Task,
                name: self.label(seg.start..sentence_end(text, &seg), NAME_CHARS),
                detail: Some(self.unmasked(marker.clone())),
                selection: marker,
                span: seg,
            };
        }
        if let Some((len, detail)) = markers::section(s) {
            return self.marked(OutlineKind::Section, seg, len, detail);
        }
        if let Some((len, detail)) = markers::speaker(s) {
            return self.marked(OutlineKind::Speaker, seg, len, detail);
        }
        if let Some(len) = markers::editor(s) {
            return Item {
                kind: OutlineKind::Editor,
                name: self.label(seg.clone(), TITLE_CHARS),
                detail: Some(self.pick("编辑", "editor")),
                selection: seg.start..seg.start + len,
                span: seg,
            };
        }
        if markers::metadata(s) {
            return Item {
                kind: OutlineKind::Metadata,
                name: self.label(seg.clone(), TITLE_CHARS),
                detail: Some(self.pick("来源信息", "metadata")),
                selection: seg.clone(),
                span: seg,
            };
        }
        if let Some(m) = markers::attendees(s) {
            return Item {
                kind: OutlineKind::Attendees,
                name: self.label(seg.clone(), NAME_CHARS),
                detail: Some(self.pick("出席/参会", "attendees")),
                selection: seg.start + m.start..seg.start + m.end,
                span: seg,
            };
        }
        Item {
            kind: OutlineKind::Other,
            name: String::new(),
            detail: None,
            selection: seg.clone(),
            span: seg,
        }
    }

    /// A section or speaker item: name = marker + first clause, detail = marker.
    fn marked(&self, kind: OutlineKind, seg: Span, len: usize, detail: String) -> Item {
        let text = self.doc.text;
        let marker = seg.start..seg.start + len;
        let rest_start = {
            let rest = &text[marker.end..seg.end];
            let skipped = rest
                .char_indices()
                .find(|&(_, c)| !(c.is_whitespace() || matches!(c, ',' | '，' | ':' | '：')))
                .map_or(rest.len(), |(i, _)| i);
            marker.end + skipped
        };
        // The document's own words, from the marker to the end of the first clause after
        // it: nothing is inserted (会议还研究了其他事项 stays whole).
        let clause_end = clause_end(text, rest_start..seg.end);
        let full = self.unmasked(seg.start..clause_end.max(marker.end));
        Item {
            kind,
            name: cut(&full, NAME_CHARS),
            detail: Some(detail),
            selection: marker,
            span: seg,
        }
    }

    fn leaf(&self, kind: OutlineKind, span: Span, selection: Span, chars: usize) -> OutlineNode {
        let detail = match kind {
            OutlineKind::Title => self.pick("副标题", "subtitle"),
            OutlineKind::Metadata => self.pick("来源信息", "metadata"),
            _ => String::new(),
        };
        OutlineNode {
            name: self.label(span.clone(), chars),
            detail: Some(detail),
            kind,
            range: span,
            selection,
            children: Vec::new(),
        }
    }

    /// The text of `span` without residue, normalised and cut to `chars` characters.
    fn label(&self, span: Span, chars: usize) -> String {
        // A Markdown ATX heading is named without its `#`s.
        let text = self.doc.text;
        let skip = text
            .get(span.clone())
            .map_or(0, |s| headings::atx_prefix(s).min(s.len()));
        cut(&self.unmasked(span.start + skip..span.end), chars)
    }

    /// The text of `span` (at most a few hundred characters of it) minus masked runs, with
    /// runs of white space collapsed; otherwise verbatim.
    fn unmasked(&self, span: Span) -> String {
        let text = self.doc.text;
        let masks: Vec<&Span> = self
            .doc
            .masked
            .iter()
            .filter(|m| overlaps(m, &span))
            .collect();
        let mut out = String::new();
        let mut space = false;
        for (i, c) in text[span.clone()].char_indices().take(400) {
            let at = span.start + i;
            if masks.iter().any(|m| m.contains(&at)) {
                continue;
            }
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if space {
                // One space between words; none next to a full-width mark or a half-width
                // one about to become full-width.
                let prev_punct = out.chars().next_back().is_some_and(is_cjk_punct);
                if !prev_punct && !is_cjk_punct(c) && !matches!(c, ',' | ';' | ':') {
                    out.push(' ');
                }
                space = false;
            }
            out.push(c);
        }
        out
    }
}

/// Nests body items: a heading holds what follows up to the next heading of its level or
/// above; a section or speaker item holds the unmarked paragraphs after it; lead, attendee,
/// editor and metadata items stand at the top.
/// Appends `item` to the body items, keeping memory proportional to the outline rather than
/// to the paragraph count: [`nest`] reads an `Other` item only for where it ends, so a run of
/// them is kept as one nameless item reaching the run's furthest end (a document of a million
/// one-character lines held a million named items here).
fn push_compact(items: &mut Vec<Item>, item: Item) {
    if item.kind != OutlineKind::Other {
        items.push(item);
        return;
    }
    match items.last_mut() {
        Some(last) if last.kind == OutlineKind::Other => {
            last.span.end = last.span.end.max(item.span.end);
        }
        _ => items.push(Item {
            name: String::new(),
            detail: None,
            ..item
        }),
    }
}

fn nest(items: Vec<Item>) -> Vec<OutlineNode> {
    fn depth(kind: OutlineKind) -> Option<u8> {
        match kind {
            OutlineKind::Heading(l) => Some(l),
            OutlineKind::Section | OutlineKind::Speaker => Some(10),
            // Under the section, speaker or heading that enumerates them.
            OutlineKind::Task => Some(11),
            _ => None,
        }
    }
    fn close(stack: &mut Vec<(u8, OutlineNode)>, roots: &mut Vec<OutlineNode>, min_depth: u8) {
        while stack.last().is_some_and(|(d, _)| *d >= min_depth) {
            let Some((_, node)) = stack.pop() else { break };
            match stack.last_mut() {
                Some((_, parent)) => {
                    parent.range.end = parent.range.end.max(node.range.end);
                    parent.children.push(node);
                }
                None => roots.push(node),
            }
        }
    }
    let mut roots = Vec::new();
    let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
    for item in items {
        let node = |item: Item| OutlineNode {
            name: item.name,
            detail: item.detail,
            kind: item.kind,
            range: item.span,
            selection: item.selection,
            children: Vec::new(),
        };
        match (item.kind, depth(item.kind)) {
            (OutlineKind::Other, _) => {
                if let Some((_, top)) = stack.last_mut() {
                    top.range.end = top.range.end.max(item.span.end);
                }
            }
            (_, Some(d)) => {
                close(&mut stack, &mut roots, d);
                stack.push((d, node(item)));
            }
            (_, None) => {
                close(&mut stack, &mut roots, 0);
                roots.push(node(item));
            }
        }
    }
    close(&mut stack, &mut roots, 0);
    roots
}

fn wholly_masked(doc: &Document, p: &Span) -> bool {
    let mut at = p.start;
    for m in &doc.masked {
        if m.end <= at {
            continue;
        }
        if m.start > at {
            break;
        }
        at = m.end;
        if at >= p.end {
            return true;
        }
    }
    at >= p.end
}

/// The document's headline: its first paragraph (a Markdown `#` aside), when that reads as a
/// title: short (or a news headline's joined lines), without a full stop, not a dateline, a
/// GB/T heading, a section opener or a lead. A speaker's verb is a headline's
/// (习近平在中央农村工作会议上强调 坚持把解决好“三农”问题…). What the document says it is about;
/// `None` when it opens otherwise.
pub fn headline(doc: &Document) -> Option<Span> {
    let p = doc
        .paragraphs
        .iter()
        .find(|p| !wholly_masked(doc, p) && !doc.text[p.clone()].trim().is_empty())?;
    let line = &doc.text[p.clone()];
    let atx = headings::atx_prefix(line);
    let s = &line[atx..];
    let opens_body = headings::parse_at(s, p.start + atx).is_some()
        || markers::metadata(s)
        || markers::salutation(s)
        || markers::section(s).is_some()
        || markers::editor(s).is_some();
    // A news headline joins its lines into one, up to 200 characters with no comma or stop
    // (中共中央政治局召开会议 分析国内外新冠肺炎疫情防控形势 研究部署完善常态化疫情防控举措 …).
    let joined = || s.chars().count() <= MAX_JOINED_HEADLINE && !s.contains(['，', '；', ',']);
    let titled = looks_like_title(s) || joined();
    (!opens_body && titled && !looks_like_lead(s)).then(|| p.start + atx..p.end)
}

/// The longest headline of joined lines, in characters.
const MAX_JOINED_HEADLINE: usize = 200;

/// Ends with sentence punctuation (closing quotes and brackets aside), or is long and has
/// a full stop: a lead, not a headline. A short line asking or exclaiming without a full
/// stop is a feature's headline (精准扶贫：钱怎么用到刀刃上？).
pub fn looks_like_lead(s: &str) -> bool {
    let trimmed = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '”' | '’' | '」' | '）' | ')' | '"')
    });
    let last = trimmed.chars().next_back();
    let short_headline = || s.chars().count() <= MAX_ASKING_HEADLINE && !s.contains('。');
    let ends = match last {
        Some('。' | '…' | '.') => true,
        Some('！' | '？') => !short_headline(),
        _ => false,
    };
    ends || (s.contains('。') && s.chars().count() >= 30)
}

/// The longest line read as a headline that asks or exclaims, in characters.
const MAX_ASKING_HEADLINE: usize = 40;

/// A headline: short and without a full stop.
fn looks_like_title(s: &str) -> bool {
    s.chars().count() <= 80 && !s.contains('。')
}

/// Whether `c` ends a clause: ，,。；;：:！？!?
pub(crate) fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '；' | ';' | '：' | ':' | '！' | '!' | '？' | '?'
    )
}

/// Where the first clause of `span` ends (before ，,。；;：:！？!?).
fn clause_end(text: &str, span: Span) -> usize {
    text[span.clone()]
        .char_indices()
        .find(|&(_, c)| is_clause_break(c))
        .map_or(span.end, |(i, _)| span.start + i)
}

/// Where the first sentence of `span` ends (before 。；;！？).
fn sentence_end(text: &str, span: &Span) -> usize {
    text[span.clone()]
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '；' | ';' | '！' | '？'))
        .map_or(span.end, |(i, _)| span.start + i)
}

/// The first clause of `span`, as a selection.
fn first_clause(text: &str, span: &Span) -> Span {
    span.start..clause_end(text, span.clone()).max(span.start)
}

/// `s` cut to `chars` characters, with … when something was cut.
fn cut(s: &str, chars: usize) -> String {
    let mut it = s.char_indices();
    match it.nth(chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests;
