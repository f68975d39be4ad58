//! `analyze` assembled from per-line parts cached by content, so that after an edit only the
//! lines it touched are analysed again and the rest costs a hash and a lookup.
//!
//! One line is one paragraph. For each line the cache keeps what depends on that line alone:
//! its web residue, the findings of the paragraph-local rules, slogan names and
//! enumerations, heading candidates and outline items. The key is the line's text with its
//! terminator, plus the little context those results need (whether the paragraph is among
//! the first or last three, where edge residue patterns apply; the locale; the lexicon).
//! Rule enablement and severity are applied when the parts are assembled, so one cached line
//! serves every configuration over the same lexicon and locale.
//!
//! What spans paragraphs is rebuilt from the parts on every analysis: heading numbering and
//! the outline (from cached candidates and items), quotations continued in the next
//! paragraph, the dateline's date, suppression comments, and the rare slogan enumeration
//! that runs on over a line break (`政治意识、` at a line's end), which is re-scanned with its
//! neighbours. The result is identical to analysing the whole text at once; when that cannot
//! be guaranteed (a lexicon pattern holding a line break, a panic in a rule) the caller falls
//! back to the whole-text analysis.

use super::cache::{content_hash, HashedMap, TwoGenCache};
use super::config::{Config, Locale};
use super::document::{self, Document, Paragraphs};
use super::lexicon::matcher::{may_join, occurrence_spans};
use super::outline::{self, headings, headings::HeadingMark};
use super::residue::{self, ResidueRun};
use super::rules::{self, VariantCandidate};
use super::text;
use super::types::{Diagnostic, OutlineNode, SloganOccurrence, Span};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, OnceLock};

/// The rules whose findings in a paragraph depend on that paragraph alone (`unpaired-mark`
/// also on the next paragraph's first character, applied when assembling).
pub(crate) const LINE_RULES: [&str; 5] = [
    "halfwidth-punct",
    "unpaired-mark",
    "web-residue",
    "slogan-order",
    "slogan-incomplete",
];
const ORDER: usize = 3;
const INCOMPLETE: usize = 4;
/// The line rules computed only when the assembly asks for a line's findings: with a
/// diagnostic limit it stops asking once it has enough, so a scraped compilation's tens of
/// thousands of `halfwidth-punct` findings are neither built nor cached past the first ones.
const LAZY: usize = 3;

/// Cache budget per generation, in bytes of line text plus an estimate of the results: a
/// few megabytes of documents, edited for a long while, before the oldest lines go.
const GENERATION_BUDGET: usize = 8 << 20;

/// Past this many distinct new lines averaging under [`SHORT_LINE`] bytes, the text is
/// analysed whole instead: each line's facts take a few hundred bytes, so 2 MB of short
/// distinct lines (numbers, table cells) held 180 MB of them, where the whole-text analysis
/// needs 25 MB and a third of the time. Ordinary documents have far fewer, longer lines.
const DENSE_LINES: usize = 20_000;
const SHORT_LINE: usize = 64;

/// Missed lines analysed between two questions to `cancelled`.
const CANCEL_STRIDE: usize = 256 << 10;

/// Why the parts cannot stand for the whole-text analysis.
pub(crate) struct Fallback;

/// A line: its content `start..end` and where the next one starts (after the terminator).
/// 8 bytes: offsets are 32-bit and the terminator's length (0, 1 or 2) takes the end's top
/// two bits, so a text of 1 GiB or more takes [`Fallback`]. 4.5 M one-character lines are
/// 36 MB, not 108.
#[derive(Debug, Clone)]
struct Line {
    at: u32,
    end_and_break: u32,
}

const BREAK_SHIFT: u32 = 30;
/// Unused room in the line list worth handing back (1 MB).
const SPARE_LINES: usize = 1 << 17;
const END_MASK: u32 = (1 << BREAK_SHIFT) - 1;

impl Line {
    fn start(&self) -> usize {
        self.at as usize
    }

    fn end(&self) -> usize {
        (self.end_and_break & END_MASK) as usize
    }

    fn next(&self) -> usize {
        self.end() + (self.end_and_break >> BREAK_SHIFT) as usize
    }
}

/// The lines of `text`, split like [`text::lines`] (`\n`, `\r\n`, lone `\r`).
fn split_lines(text: &str) -> Option<Vec<Line>> {
    let bytes = text.as_bytes();
    if bytes.len() > END_MASK as usize {
        return None;
    }
    let line = |start: usize, end: usize, next: usize| Line {
        at: start as u32,
        end_and_break: end as u32 | ((next - end) as u32) << BREAK_SHIFT,
    };
    let mut out = Vec::with_capacity(bytes.len() / 64 + 1);
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            continue; // the \n of a \r\n
        }
        let next = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
        out.push(line(start, i, next));
        start = next;
    }
    out.push(line(start, bytes.len(), bytes.len()));
    // Grown by doubling, the list may hold up to twice its lines' room: on millions of
    // short lines that is tens of megabytes, handed back here (a shrink in place).
    if out.capacity() - out.len() > SPARE_LINES {
        out.shrink_to_fit();
    }
    Some(out)
}

/// What one line contributes, offsets relative to the line's start.
struct LineFacts {
    /// The paragraph (the line trimmed); `None` for a blank line.
    para: Option<Span>,
    residue: Vec<ResidueRun<'static>>,
    /// Findings of [`LINE_RULES`], in that order, before masking and severity overrides;
    /// the first [`LAZY`] are filled on first use ([`Parts::line_found`]).
    found: [OnceLock<Vec<Diagnostic>>; 5],
    /// Findings of the GB/T 15834/15835 rules (`rules::standards`), grouped by rule, filled on
    /// first use: one slot for the whole family.
    standards: OnceLock<Vec<Diagnostic>>,
    /// What the dated rules found, filled on first use; `None` (the common case) when nothing.
    dated: OnceLock<Option<Box<DatedLine>>>,
    variants: Vec<VariantCandidate>,
    /// Slogan occurrences outside residue: (range, entry index).
    occurrences: Vec<(Span, usize)>,
    /// First component match start, last component match end.
    extent: Option<(usize, usize)>,
    heads: Vec<HeadingMark>,
    /// Outline items of the paragraph after the lead, when all of `heads` are headings.
    outline: Vec<outline::Item>,
    /// The same when only the heads at the line's start are (the numbering rejected those
    /// after 。 or ；); empty when there are no others.
    outline_no_mid: Vec<outline::Item>,
    wholly_masked: bool,
    /// The line mentions `policy-lsp-`, so suppression comments may apply.
    suppress_marker: bool,
    /// `halfwidth-punct`'s flagged and full-width marks ([`rules::halfwidth_mark_counts`]).
    marks: (u32, u32),
}

impl LineFacts {
    /// Rough heap size, for the cache budget.
    fn cost(&self) -> usize {
        // Lazy findings are not counted: the limit keeps them few.
        let diags: usize = self
            .found
            .iter()
            .filter_map(OnceLock::get)
            .chain(self.standards.get())
            .map(Vec::len)
            .sum();
        std::mem::size_of::<LineFacts>()
            + 48 * self.residue.len()
            + 256 * (diags + self.variants.len())
            + 32 * self.occurrences.len()
            + 96 * self.heads.len()
            + 128 * (self.outline.len() + self.outline_no_mid.len())
    }
}

/// Each line's facts. Lines with the same text share an entry, which a line names by a
/// 32-bit index: 4.5 M one-character lines take 18 MB here, not the 36 of a pointer each.
struct FactsTable {
    distinct: Vec<Arc<LineFacts>>,
    of_line: Vec<u32>,
}

impl FactsTable {
    fn get(&self, line: usize) -> Option<&LineFacts> {
        let entry = *self.of_line.get(line)?;
        self.distinct.get(entry as usize).map(|f| &**f)
    }

    /// The facts of each line in order.
    fn iter(&self) -> impl Iterator<Item = &LineFacts> + '_ {
        self.of_line
            .iter()
            .filter_map(|&entry| self.distinct.get(entry as usize).map(|f| &**f))
    }
}

type Key = (Box<str>, u64);
type LineCache = TwoGenCache<Key, Arc<LineFacts>>;

static CACHE: Mutex<Option<LineCache>> = Mutex::new(None);

fn with_cache<R>(f: impl FnOnce(&mut LineCache) -> R) -> R {
    let mut guard = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    f(guard.get_or_insert_with(|| TwoGenCache::new(GENERATION_BUDGET)))
}

fn entry_cost(k: &Key, v: &Arc<LineFacts>) -> usize {
    k.0.len() + v.cost()
}

/// The context word of a line's key.
fn context(at_edge: bool, config: &Config) -> u64 {
    let locale = match config.locale {
        Locale::ZhCn => 0,
        Locale::En => 1,
    };
    u64::from(at_edge) | (locale << 1) | (config.lexicon.matcher().id() << 8)
}

/// Analyses one line, `mini` = its text with its terminator, alone.
fn compute_line(mini: &str, content_len: usize, at_edge: bool, config: &Config) -> LineFacts {
    let para = text::trim_span(mini, 0..content_len);
    let residue = match &para {
        Some(p) => residue::table().find_in_paragraph(mini, p, at_edge),
        None => Vec::new(),
    };
    let doc = line_document(mini, &para, &residue);
    let found: [OnceLock<Vec<Diagnostic>>; 5] = Default::default();
    for (k, slot) in found.iter().enumerate().skip(LAZY) {
        let _ = slot.set(check_line(&doc, k, config));
    }
    let lexicon = &config.lexicon;
    let variants = rules::variant_candidates(&doc, config);
    let mut occurrences = occurrence_spans(&lexicon.scan(mini), lexicon.entries());
    occurrences.retain(|(r, _)| !doc.is_masked(r));
    let extent = lexicon.matcher().component_extent(mini);
    let mut outline = Vec::new();
    let mut outline_no_mid = Vec::new();
    let (heads, wholly_masked) = match &para {
        Some(p) => {
            let heads = headings::candidates_in(&doc, p);
            let wholly = outline::is_wholly_masked(&doc, p);
            if !wholly {
                outline = outline::paragraph_items(&doc, config, p, &heads);
                let starts: Vec<HeadingMark> =
                    heads.iter().filter(|h| h.line_start).cloned().collect();
                if starts.len() != heads.len() {
                    outline_no_mid = outline::paragraph_items(&doc, config, p, &starts);
                }
            }
            (heads, wholly)
        }
        None => (Vec::new(), false),
    };
    let marks = para
        .as_ref()
        .map_or((0, 0), |p| rules::halfwidth_mark_counts(&mini[p.clone()]));
    LineFacts {
        para,
        residue,
        found,
        standards: OnceLock::new(),
        dated: OnceLock::new(),
        variants,
        occurrences,
        extent,
        heads,
        outline,
        outline_no_mid,
        wholly_masked,
        suppress_marker: mini.contains("policy-lsp-"),
        marks,
    }
}

/// A line's candidates for the dated rules (`outdated-formulation`, `office-title`), and their
/// findings for the date they were last judged against: a document's date rarely changes, so
/// a keystroke elsewhere costs a comparison, not a message per finding.
struct DatedLine {
    outdated: Vec<rules::OutdatedCandidate>,
    offices: Vec<rules::OfficeCandidate>,
    judged: OnceLock<(rules::Dated, [Vec<Diagnostic>; 2])>,
}

impl DatedLine {
    fn find(doc: &Document, config: &Config) -> Option<Box<DatedLine>> {
        let mut outdated = rules::outdated_candidates(doc.text, &config.lexicon);
        outdated.retain(|c| !doc.is_masked(c.span()));
        let mut offices = rules::office_candidates(doc.text);
        offices.retain(|c| !doc.is_masked(&c.span()));
        if outdated.is_empty() && offices.is_empty() {
            return None;
        }
        Some(Box::new(DatedLine {
            outdated,
            offices,
            judged: OnceLock::new(),
        }))
    }

    fn judge(&self, mini: &str, when: rules::Dated, config: &Config) -> [Vec<Diagnostic>; 2] {
        let mut outdated = Vec::new();
        rules::outdated_report(mini, &self.outdated, when, config, &mut outdated);
        let mut offices = Vec::new();
        rules::office_report(mini, &self.offices, when, config, &mut offices);
        [outdated, offices]
    }
}

/// One line (`mini`, its text with its terminator) as a document of its own.
fn line_document<'t>(
    mini: &'t str,
    para: &Option<Span>,
    residue: &[ResidueRun<'static>],
) -> Document<'t> {
    Document {
        text: mini,
        paragraphs: para.iter().cloned().collect(),
        masked: residue::spans(residue),
        date: None,
        residue: Some(residue.to_vec()),
        fenced: Vec::new(),
    }
}

/// The findings of line rule `k` in a one-line document.
fn check_line(doc: &Document, k: usize, config: &Config) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(rule) = LINE_RULES.get(k).and_then(|id| rules::find(id)) {
        rule.check(doc, config, &mut out);
    }
    out
}

/// Slogan results of lines joined by an enumeration that runs over a line break, relative to
/// the first line's start.
struct Unit {
    first: usize,
    last: usize,
    start: usize,
    order: Vec<Diagnostic>,
    incomplete: Vec<Diagnostic>,
    variants: Vec<VariantCandidate>,
    occurrences: Vec<(Span, usize)>,
}

/// The document in parts.
pub(crate) struct Parts<'t> {
    pub doc: Document<'t>,
    lines: Vec<Line>,
    facts: FactsTable,
    units: Vec<Unit>,
}

/// Splits `text` into lines and fetches or computes each line's facts. `Ok(None)` when
/// `cancelled` said so.
pub(crate) fn prepare<'t>(
    text: &'t str,
    config: &Config,
    cancelled: &dyn Fn() -> bool,
) -> Result<Option<Parts<'t>>, Fallback> {
    if !config.lexicon.matcher().line_safe() {
        return Err(Fallback);
    }
    let lines = split_lines(text).ok_or(Fallback)?;
    // The lines that are paragraphs at the document's edge (where residue reads
    // differently): with the configuration, the context of a line's cache key. A few
    // indices, not a flag per line: on 4.5 M short lines each per-line byte is 4.5 MB.
    let blank = |l: &Line| text::trim_span(text, l.start()..l.end()).is_none();
    let n = lines.iter().filter(|l| !blank(l)).count();
    // The edge is the first and last few paragraphs: read from both ends, not all lines again.
    let paragraph_lines = || lines.iter().enumerate().filter(|(_, l)| !blank(l));
    let mut edge_lines: Vec<usize> = paragraph_lines()
        .enumerate()
        .take_while(|&(index, _)| residue::at_edge(index, n))
        .map(|(_, (i, _))| i)
        .collect();
    edge_lines.extend(
        paragraph_lines()
            .rev()
            .enumerate()
            .take_while(|&(back, _)| residue::at_edge(n - 1 - back, n))
            .map(|(_, (i, _))| i),
    );
    edge_lines.sort_unstable();
    edge_lines.dedup();
    let edge = |i: usize| edge_lines.binary_search(&i).is_ok();
    let contexts = [context(false, config), context(true, config)];
    let key = |i: usize| contexts[usize::from(edge(i))];
    let hash = |i: usize| content_hash(&text.as_bytes()[lines[i].start()..lines[i].next()], key(i));

    // Lines with the same text in the same context share one entry of facts (a million
    // one-character lines had a million copies of the same facts), found by their first
    // occurrence; each line names its entry.
    let same = |i: usize, j: usize| {
        key(i) == key(j)
            && text[lines[i].start()..lines[i].next()] == text[lines[j].start()..lines[j].next()]
    };
    let mut of_line: Vec<u32> = Vec::with_capacity(lines.len());
    let mut firsts: Vec<(usize, u64)> = Vec::new();
    let mut first_seen: HashedMap<u32> = HashedMap::default();
    for i in 0..lines.len() {
        let h = hash(i);
        // Entries are fewer than lines, which are fewer than 2^30 (`split_lines`).
        let fresh_entry = firsts.len() as u32;
        let entry = match first_seen.get(&h) {
            Some(&k) if same(firsts[k as usize].0, i) => k,
            Some(_) => fresh_entry,
            None => {
                first_seen.insert(h, fresh_entry);
                fresh_entry
            }
        };
        if entry == fresh_entry {
            firsts.push((i, h));
        }
        of_line.push(entry);
    }
    drop(first_seen);
    let mut distinct: Vec<Option<Arc<LineFacts>>> = with_cache(|cache| {
        firsts
            .iter()
            .map(|&(i, h)| {
                let mini = &text[lines[i].start()..lines[i].next()];
                cache.get(h, |k| k.1 == key(i) && &*k.0 == mini, entry_cost)
            })
            .collect()
    });

    // Analyse the missed lines outside the lock, so other documents keep using the cache.
    let mut fresh: Vec<(usize, Arc<LineFacts>)> = Vec::new();
    let mut since_asked = 0;
    let mut fresh_bytes = 0;
    for (slot, &(i, _)) in distinct.iter_mut().zip(&firsts) {
        if slot.is_some() {
            continue;
        }
        let l = &lines[i];
        since_asked += l.next() - l.start();
        if since_asked > CANCEL_STRIDE {
            since_asked = 0;
            if cancelled() {
                store(&fresh, &lines, &|i| (hash(i), key(i)), text);
                return Ok(None);
            }
        }
        let mini = &text[l.start()..l.next()];
        let computed = catch_unwind(AssertUnwindSafe(|| {
            compute_line(mini, l.end() - l.start(), edge(i), config)
        }))
        .map_err(|_| Fallback)?;
        let computed = Arc::new(computed);
        *slot = Some(computed.clone());
        fresh.push((i, computed));
        fresh_bytes += l.next() - l.start();
        if fresh.len() > DENSE_LINES && fresh_bytes < fresh.len() * SHORT_LINE {
            return Err(Fallback);
        }
    }
    store(&fresh, &lines, &|i| (hash(i), key(i)), text);
    drop(fresh);
    if distinct.iter().any(Option::is_none) {
        return Err(Fallback);
    }
    // Collected in place (an `Option<Arc>` is an `Arc`'s size); `flatten` would collect
    // into a second list.
    #[allow(clippy::filter_map_identity)]
    let distinct: Vec<Arc<LineFacts>> = distinct.into_iter().filter_map(|f| f).collect();
    let facts = FactsTable { distinct, of_line };

    let mut paragraphs = Paragraphs::with_capacity(n);
    let mut masked = Vec::new();
    let mut runs = Vec::new();
    for (l, f) in lines.iter().zip(facts.iter()) {
        if let Some(p) = &f.para {
            paragraphs.push(p.start + l.start()..p.end + l.start());
        }
        for r in &f.residue {
            let span = r.span.start + l.start()..r.span.end + l.start();
            masked.push(span.clone());
            runs.push(ResidueRun {
                span,
                pattern: r.pattern,
                whole_line: r.whole_line,
            });
        }
    }
    // Code fences span lines, so they are found here, on the whole text, and mask what the
    // lines inside them found (as `Document::prepare` does for the whole-text analysis).
    let fenced = document::code_fences(text);
    if !fenced.is_empty() {
        runs.retain(|r| !document::is_masked(&fenced, &r.span));
        masked = document::with_fences(residue::spans(&runs), &fenced);
    }
    let doc = Document {
        text,
        paragraphs,
        masked,
        date: document::dateline_date(text),
        residue: Some(runs),
        fenced,
    };
    let units = catch_unwind(AssertUnwindSafe(|| {
        glued_units(&doc, &lines, &facts, config)
    }))
    .map_err(|_| Fallback)?;
    Ok(Some(Parts {
        doc,
        lines,
        facts,
        units,
    }))
}

/// Caches the freshly computed facts; `hash_key(i)` is line `i`'s hash and context.
fn store(
    fresh: &[(usize, Arc<LineFacts>)],
    lines: &[Line],
    hash_key: &dyn Fn(usize) -> (u64, u64),
    text: &str,
) {
    if fresh.is_empty() {
        return;
    }
    with_cache(|cache| {
        for (i, f) in fresh {
            let l = &lines[*i];
            let (hash, context) = hash_key(*i);
            let key: Key = (text[l.start()..l.next()].into(), context);
            let cost = entry_cost(&key, f);
            cache.insert(hash, key, f.clone(), cost);
        }
    });
}

/// Lines whose enumerations run into each other, analysed together.
fn glued_units(doc: &Document, lines: &[Line], facts: &FactsTable, config: &Config) -> Vec<Unit> {
    let text = doc.text;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut prev: Option<(usize, usize)> = None; // (line, absolute end of its last match)
    for (i, (l, f)) in lines.iter().zip(facts.iter()).enumerate() {
        let Some((first, last)) = f.extent else {
            continue;
        };
        if let Some((pl, end)) = prev {
            if text.get(end..l.start() + first).is_some_and(may_join) {
                match spans.last_mut() {
                    Some(s) if s.1 == pl => s.1 = i,
                    _ => spans.push((pl, i)),
                }
            }
        }
        prev = Some((i, l.start() + last));
    }
    spans
        .into_iter()
        .map(|(a, b)| {
            let start = lines[a].start();
            let mini = &text[start..lines[b].next()];
            let masked: Vec<Span> = doc
                .masked
                .iter()
                .filter(|m| m.start >= start && m.end <= lines[b].next())
                .map(|m| m.start - start..m.end - start)
                .collect();
            let unit_doc = Document {
                text: mini,
                paragraphs: text::paragraphs(mini).into_iter().collect(),
                masked,
                date: None,
                residue: None,
                fenced: Vec::new(),
            };
            let mut order = Vec::new();
            let mut incomplete = Vec::new();
            for (id, out) in [
                (LINE_RULES[ORDER], &mut order),
                (LINE_RULES[INCOMPLETE], &mut incomplete),
            ] {
                if let Some(rule) = rules::find(id) {
                    rule.check(&unit_doc, config, out);
                }
            }
            let lexicon = &config.lexicon;
            let mut occurrences = occurrence_spans(&lexicon.scan(mini), lexicon.entries());
            occurrences.retain(|(r, _)| !unit_doc.is_masked(r));
            Unit {
                first: a,
                last: b,
                start,
                order,
                incomplete,
                variants: rules::variant_candidates(&unit_doc, config),
                occurrences,
            }
        })
        .collect()
}

fn shift_diagnostic(d: &Diagnostic, by: usize) -> Diagnostic {
    let mut d = d.clone();
    d.range = d.range.start + by..d.range.end + by;
    for r in &mut d.related {
        if r.doc.is_none() {
            r.range = r.range.start + by..r.range.end + by;
        }
    }
    for f in &mut d.fixes {
        for e in &mut f.edits {
            e.range = e.range.start + by..e.range.end + by;
        }
    }
    d
}

impl Parts<'_> {
    /// Visits, in document order, each line's (or glued unit's) slogan results: `(offset,
    /// line facts or unit)`.
    fn slogan_parts(&self, mut visit: impl FnMut(usize, SloganPart)) {
        let mut units = self.units.iter().peekable();
        let mut i = 0;
        while i < self.lines.len() {
            if let Some(u) = units.next_if(|u| u.first == i) {
                visit(u.start, SloganPart::Unit(u));
                i = u.last + 1;
                continue;
            }
            if let Some(f) = self.facts.get(i) {
                visit(self.lines[i].start(), SloganPart::Line(f));
            }
            i += 1;
        }
    }

    /// Line `i`'s findings of line rule `k`, computed on first use.
    fn line_found(&self, i: usize, k: usize, config: &Config) -> &[Diagnostic] {
        let (Some(l), Some(f)) = (self.lines.get(i), self.facts.get(i)) else {
            return &[];
        };
        if let Some(s) = k.checked_sub(LINE_RULES.len()) {
            let all = f.standards.get_or_init(|| {
                let mut out = Vec::new();
                if f.para.is_some() {
                    let mini = &self.doc.text[l.start()..l.next()];
                    let doc = line_document(mini, &f.para, &f.residue);
                    rules::standards::check_all(&doc, config, &mut out);
                }
                out
            });
            return rules::standards::slice(all, s);
        }
        f.found[k].get_or_init(|| {
            if f.para.is_none() {
                return Vec::new();
            }
            let mini = &self.doc.text[l.start()..l.next()];
            check_line(&line_document(mini, &f.para, &f.residue), k, config)
        })
    }

    /// The findings of line rule `k` (an index into [`LINE_RULES`]), in the order the rule
    /// reports them on the whole text. With `limit`, lines are visited only until `limit`
    /// findings passed `admit` (the assembly's own filter), the last ones included.
    pub(crate) fn line_rule(
        &self,
        k: usize,
        config: &Config,
        limit: Option<usize>,
        admit: &dyn Fn(&Diagnostic) -> bool,
    ) -> Vec<Diagnostic> {
        let text = self.doc.text;
        let mut out = Vec::new();
        let mut admitted = 0;
        let full = |admitted: usize| limit.is_some_and(|n| admitted >= n);
        if k == ORDER || k == INCOMPLETE {
            // A slogan is not judged in a document older than the slogan (四个伟大 of 2017 in
            // a report of 2016 lists 伟大斗争、伟大工程、伟大事业 of its own day), and only
            // advised on in its first months (`rules::judged_on`).
            let dated = rules::stated_date(&self.doc, config);
            self.slogan_parts(|at, part| {
                let found = match part {
                    SloganPart::Line(f) => f.found[k].get().map_or(&[][..], Vec::as_slice),
                    SloganPart::Unit(u) if k == ORDER => &u.order,
                    SloganPart::Unit(u) => &u.incomplete,
                };
                for d in found {
                    if full(admitted) {
                        return;
                    }
                    let Some(d) = rules::judged_on(shift_diagnostic(d, at), dated, config.locale)
                    else {
                        continue;
                    };
                    admitted += usize::from(admit(&d));
                    out.push(d);
                }
            });
            return out;
        }
        let unpaired = LINE_RULES.get(k) == Some(&"unpaired-mark");
        let mut next_para = 0;
        for (i, l) in self.lines.iter().enumerate() {
            if full(admitted) {
                break;
            }
            let found = self.line_found(i, k, config);
            if found.is_empty() {
                continue;
            }
            // A quotation continued in the next paragraph (which opens with the same mark)
            // is not unclosed.
            let next_first = if unpaired {
                next_para = next_para.max(i + 1);
                while self.facts.get(next_para).is_some_and(|f| f.para.is_none()) {
                    next_para += 1;
                }
                self.facts.get(next_para).and_then(|f| {
                    let p = f.para.as_ref()?;
                    let s = self.lines[next_para].start();
                    text[s + p.start..s + p.end].chars().next()
                })
            } else {
                None
            };
            for d in found {
                if full(admitted) {
                    break;
                }
                let d = shift_diagnostic(d, l.start());
                if let Some(c) = next_first {
                    let mark = &text[d.range.clone()];
                    if (c == '“' || c == '‘') && mark.starts_with(c) && mark.len() == c.len_utf8()
                    {
                        continue;
                    }
                }
                admitted += usize::from(admit(&d));
                out.push(d);
            }
        }
        out
    }

    /// The findings of a dated rule (`outdated-formulation` is 0, `office-title` 1), judged
    /// against the document's date.
    pub(crate) fn dated(&self, which: usize, config: &Config, out: &mut Vec<Diagnostic>) {
        if !rules::outdated_line_safe(&config.lexicon) {
            let id = ["outdated-formulation", "office-title"][which.min(1)];
            if let Some(rule) = rules::find(id) {
                rule.check(&self.doc, config, out);
            }
            return;
        }
        let mut when = None;
        for (l, f) in self.lines.iter().zip(self.facts.iter()) {
            if f.para.is_none() {
                continue;
            }
            let mini = &self.doc.text[l.start()..l.next()];
            let found = f.dated.get_or_init(|| {
                let doc = line_document(mini, &f.para, &f.residue);
                DatedLine::find(&doc, config)
            });
            let Some(found) = found else { continue };
            let when = *when.get_or_insert_with(|| rules::document_date(&self.doc, config));
            let judged = found
                .judged
                .get_or_init(|| (when, found.judge(mini, when, config)));
            let fresh;
            let diagnostics = if judged.0 == when {
                &judged.1[which]
            } else {
                fresh = found.judge(mini, when, config);
                &fresh[which]
            };
            out.extend(diagnostics.iter().map(|d| shift_diagnostic(d, l.start())));
        }
    }

    /// The `slogan-variant` findings.
    pub(crate) fn variants(&self, config: &Config, out: &mut Vec<Diagnostic>) {
        let mut all: Vec<VariantCandidate> = Vec::new();
        self.slogan_parts(|at, part| {
            let found = match part {
                SloganPart::Line(f) => &f.variants,
                SloganPart::Unit(u) => &u.variants,
            };
            all.extend(
                found
                    .iter()
                    .map(|(s, e, v, t)| (s.start + at..s.end + at, *e, *v, t.clone())),
            );
        });
        rules::variant_report(self.doc.text, self.doc.date, all, config, out);
    }

    /// The document's headings (candidates judged by their numbering).
    pub(crate) fn headings(&self) -> Vec<HeadingMark> {
        let mut all = Vec::new();
        for (l, f) in self.lines.iter().zip(self.facts.iter()) {
            if self.fenced(l) {
                continue;
            }
            all.extend(f.heads.iter().map(|h| h.shifted(l.start())));
        }
        headings::plausible(all)
    }

    /// The outline, given the document's headings.
    pub(crate) fn outline(&self, heads: &[HeadingMark], config: &Config) -> Vec<OutlineNode> {
        // Per line with candidates: how many of them are headings (sparse: a million lines
        // had a word each). Cached items assumed all are.
        let mut accepted: HashMap<usize, usize> = HashMap::new();
        let mut li = 0;
        for h in heads {
            while li < self.lines.len() && self.lines[li].next() <= h.marker.start {
                li += 1;
            }
            if li < self.lines.len() {
                *accepted.entry(li).or_default() += 1;
            }
        }
        // The paragraphs left out of the outline (wholly residue, fenced) are rare: until one
        // is, the outline reads the document's own paragraph list.
        let left_out = |l: &Line, f: &LineFacts| f.wholly_masked || self.fenced(l);
        let paragraph_facts = || {
            self.lines
                .iter()
                .zip(self.facts.iter())
                .filter(|(_, f)| f.para.is_some())
        };
        let paras: std::borrow::Cow<'_, Paragraphs> =
            if paragraph_facts().any(|(l, f)| left_out(l, f)) {
                let kept = paragraph_facts()
                    .filter(|(l, f)| !left_out(l, f))
                    .map(|(l, f)| {
                        let p = f.para.clone().unwrap_or_default();
                        p.start + l.start()..p.end + l.start()
                    })
                    .collect::<Paragraphs>();
                std::borrow::Cow::Owned(kept)
            } else {
                std::borrow::Cow::Borrowed(&self.doc.paragraphs)
            };
        // Paragraphs come in document order, so the line of each is found walking forward
        // (no paragraph-to-line table: 18 MB on 4.5 M lines).
        let mut line = 0;
        let mut known =
            |p: &Span, after_lead: bool, is_lead: bool, out: &mut Vec<outline::Item>| {
                if self.lines.get(line).is_some_and(|l| l.start() > p.start) {
                    line = 0;
                }
                while self.lines.get(line).is_some_and(|l| l.next() <= p.start) {
                    line += 1;
                }
                if line >= self.lines.len() {
                    return false;
                }
                let Some(f) = self.facts.get(line) else {
                    return false;
                };
                let accepted = accepted.get(&line).copied().unwrap_or(0);
                if !after_lead || is_lead {
                    return false;
                }
                // Heads at a line's start are always headings; those after 。 or ； only when
                // the numbering around them makes sense.
                let starts = f.heads.iter().filter(|h| h.line_start).count();
                let items = if accepted == f.heads.len() {
                    &f.outline
                } else if accepted == starts {
                    &f.outline_no_mid
                } else {
                    return false;
                };
                let at = self.lines[line].start();
                out.extend(items.iter().map(|it| it.shifted(at)));
                true
            };
        outline::build_from(&self.doc, config, heads, paras, &mut known)
    }

    /// Slogan occurrences outside residue.
    pub(crate) fn slogans(&self, config: &Config) -> Vec<SloganOccurrence> {
        let entries = config.lexicon.entries();
        let mut out = Vec::new();
        self.slogan_parts(|at, part| {
            let found = match part {
                SloganPart::Line(f) => &f.occurrences,
                SloganPart::Unit(u) => &u.occurrences,
            };
            for (r, e) in found {
                let range = r.start + at..r.end + at;
                if document::is_masked(&self.doc.fenced, &range) {
                    continue;
                }
                if let Some(entry) = entries.get(*e) {
                    out.push(SloganOccurrence {
                        range,
                        entry_id: entry.id.clone(),
                    });
                }
            }
        });
        out
    }

    /// The document's flagged half-width and its full-width marks, summed over the lines.
    pub(crate) fn mark_counts(&self) -> (u64, u64) {
        self.facts.iter().fold((0, 0), |(h, f), l| {
            (h + u64::from(l.marks.0), f + u64::from(l.marks.1))
        })
    }

    /// Whether line `l` lies in a Markdown code fence.
    fn fenced(&self, l: &Line) -> bool {
        !self.doc.fenced.is_empty() && document::is_masked(&self.doc.fenced, &(l.start()..l.next()))
    }

    /// Whether suppression comments may apply anywhere.
    pub(crate) fn may_suppress(&self) -> bool {
        self.facts.iter().any(|f| f.suppress_marker)
    }
}

enum SloganPart<'a> {
    Line(&'a LineFacts),
    Unit(&'a Unit),
}

/// The index of `id` in [`LINE_RULES`], or past them for the GB/T rules' shared slot.
pub(crate) fn line_rule_index(id: &str) -> Option<usize> {
    LINE_RULES
        .iter()
        .position(|r| *r == id)
        .or_else(|| rules::standards::index(id).map(|k| LINE_RULES.len() + k))
}

#[cfg(test)]
mod line_tests {
    use super::split_lines;

    #[test]
    fn lines_end_at_every_kind_of_break_and_keep_little_spare_room() {
        let text = "会议指出\r\n一、要求\r二\n\n𠮷\r\r\n";
        let lines = split_lines(text).unwrap();
        let spans: Vec<(usize, usize, usize)> = lines
            .iter()
            .map(|l| (l.start(), l.end(), l.next()))
            .collect();
        assert_eq!(
            spans,
            vec![
                (0, 12, 14),
                (14, 26, 27),
                (27, 30, 31),
                (31, 31, 32),
                (32, 36, 37),
                (37, 37, 39),
                (39, 39, 39)
            ]
        );
        let many = split_lines(&"字\n".repeat(1_000_000)).unwrap();
        assert_eq!(many.len(), 1_000_001);
        assert!(many.capacity() - many.len() <= super::SPARE_LINES);
    }

    #[test]
    fn repeated_lines_share_facts_and_dense_short_lines_go_whole() {
        use super::{prepare, Fallback};
        use crate::engine::Config;
        let config = Config::default();
        let same = "坚持稳中求进\n".repeat(30_000);
        let Ok(Some(parts)) = prepare(&same, &config, &|| false) else {
            panic!("repeated lines are analysed line by line");
        };
        assert_eq!(parts.facts.of_line.len(), 30_001);
        // The line at the document's edge, the others, and the empty last line.
        assert!(
            parts.facts.distinct.len() <= 4,
            "{}",
            parts.facts.distinct.len()
        );
        let numbers: String = (0..30_000).map(|i| format!("{i}\n")).collect();
        assert!(matches!(
            prepare(&numbers, &config, &|| false),
            Err(Fallback)
        ));
        let long: String = (0..30_000)
            .map(|i| {
                format!("会议指出，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念{i}。\n")
            })
            .collect();
        assert!(matches!(prepare(&long, &config, &|| false), Ok(Some(_))));
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{analyze, analyze_uncached, Analysis, Config};
    use crate::seeds::SEEDS;

    fn assert_same(text: &str, config: &Config) -> Analysis {
        let cached = analyze(text, config);
        let fresh = analyze_uncached(text, config);
        assert_eq!(cached.diagnostics, fresh.diagnostics);
        assert_eq!(cached.outline, fresh.outline);
        assert_eq!(cached.slogans, fresh.slogans);
        assert_eq!(cached.masked, fresh.masked);
        assert_eq!(cached.rule_errors, fresh.rule_errors);
        cached
    }

    #[test]
    fn seeds_in_every_line_ending_match_the_whole_text_analysis() {
        let config = crate::engine::lexicon::test_config();
        for (_, seed) in SEEDS {
            for text in [
                seed.to_string(),
                seed.replace('\n', "\r\n"),
                seed.replace('\n', "\r"),
            ] {
                assert_same(&text, &config);
                // Twice: the second time every line comes from the cache.
                assert_same(&text, &config);
            }
        }
    }

    #[test]
    fn dated_findings_follow_the_documents_date_through_the_cache() {
        let config = crate::engine::lexicon::test_config();
        // Wordings of 新闻联播 transcripts; the same lines under three datelines, one after the
        // other, so cached lines are judged again against each date.
        let body = "国务院总理李克强主持会议，确保如期全面建成小康社会。\n\
                    时任国务院总理李克强出席。\n\
                    全国政协主席赵乐际出席，毫不动摇坚持“动态清零”总方针。\n";
        let mut counts = Vec::new();
        for dateline in ["2025年3月5日", "2020年3月5日", "2025年3月5日", ""] {
            let text = format!("{dateline}\n{body}");
            let a = assert_same(&text, &config);
            let n = |rule: &str| a.diagnostics.iter().filter(|d| d.rule == rule).count();
            counts.push((n("outdated-formulation"), n("office-title")));
        }
        // 2025: the goal, the ended policy and both offices; 2020: nothing (赵乐际 was not yet
        // 全国政协主席, but the table's coverage starts later); undated: judged as of today.
        assert_eq!(counts[0], (2, 2), "{counts:?}");
        assert_eq!(counts[1].0, 0, "{counts:?}");
        assert_eq!(counts[2], counts[0]);
        assert_eq!(counts[3], counts[0]);
    }

    #[test]
    fn with_a_limit_each_line_rule_gives_the_first_findings_of_the_whole_text() {
        let mut config = crate::engine::lexicon::test_config();
        let limit = 40;
        config.diagnostic_limit = Some(limit);
        // As scraped: thousands of half-width marks, residue masking some of them.
        let text = crate::seeds::corpus(150_000);
        let fresh = analyze_uncached(&text, &config);
        let of = |a: &Analysis, rule: &str| -> Vec<_> {
            a.diagnostics
                .iter()
                .filter(|d| d.rule == rule)
                .cloned()
                .collect()
        };
        for round in 0..2 {
            let cached = analyze(&text, &config);
            for rule in super::LINE_RULES {
                let all = of(&fresh, rule);
                let expected: Vec<_> = all.iter().take(limit).cloned().collect();
                assert_eq!(of(&cached, rule), expected, "{rule}, round {round}");
            }
            assert!(of(&fresh, "halfwidth-punct").len() > 10 * limit);
        }
        // What the server publishes is what it would publish without the limit.
        let unlimited = analyze_uncached(&text, &crate::engine::lexicon::test_config());
        let cached = analyze(&text, &config);
        assert_eq!(
            crate::engine::most_severe(&cached.diagnostics, limit),
            crate::engine::most_severe(&unlimited.diagnostics, limit)
        );
        // A suppression comment may drop findings, so then every finding is kept.
        let suppressed = format!("<!-- policy-lsp-disable-next-line unpaired-mark -->\n{text}");
        let cached = analyze(&suppressed, &config);
        let fresh = analyze_uncached(&suppressed, &config);
        assert_eq!(
            of(&cached, "halfwidth-punct"),
            of(&fresh, "halfwidth-punct")
        );
        assert!(of(&cached, "halfwidth-punct").len() > 10 * limit);
    }

    #[test]
    fn one_character_edits_of_a_large_document_match() {
        let config = crate::engine::lexicon::test_config();
        let mut text = crate::seeds::clean_corpus(120_000);
        assert_same(&text, &config);
        for (i, piece) in ["的", "“", "\n", "、", "一、", "\r\n", "𠮷"]
            .iter()
            .enumerate()
        {
            let mut at = text.len() * (i + 1) / 9;
            while !text.is_char_boundary(at) {
                at += 1;
            }
            text.insert_str(at, piece);
            assert_same(&text, &config);
        }
    }

    #[test]
    fn an_enumeration_over_a_line_break_is_judged_whole() {
        let config = crate::engine::lexicon::test_config();
        let text = "会议指出：\n要增强政治意识、\n核心意识、大局意识、看齐意识，坚定“四个自信”。\n";
        let a = assert_same(text, &config);
        let order: Vec<&str> = a
            .diagnostics
            .iter()
            .filter(|d| d.rule == "slogan-order")
            .map(|d| &text[d.range.clone()])
            .collect();
        assert_eq!(
            order,
            vec!["政治意识、\n核心意识、大局意识、看齐意识"],
            "{:?}",
            a.diagnostics
        );
    }

    #[test]
    fn a_quotation_continued_in_the_next_paragraph_and_edge_residue() {
        let config = crate::engine::lexicon::test_config();
        // Seed 000's 四个意识 sentence, its quotation running on into a second paragraph.
        let mut text = String::from("标题\n“要增强政治意识、大局意识，\n“坚定四个自信。”\n");
        for _ in 0..6 {
            text.push_str("会议强调,要坚持。\n");
        }
        text.push_str("金沙娱乐城\n");
        let a = assert_same(&text, &config);
        assert!(a.diagnostics.iter().all(|d| d.rule != "unpaired-mark"));
        assert_eq!(a.masked.len(), 1);
        // Three paragraphs after it: no longer among the last three, so not residue.
        text.push_str("会议强调,要坚持。\n会议强调,要坚持。\n会议强调,要坚持。\n");
        let a = assert_same(&text, &config);
        assert!(a.masked.is_empty());
    }

    #[test]
    fn markdown_code_fences_are_skipped_by_every_rule_and_the_outline() {
        let config = crate::engine::lexicon::test_config();
        // Seed 004's sentence (a truncated 以习近平同志为核心的党中央, a half-width comma),
        // outside a fence, inside a closed ``` fence with a heading and an HTML tag, and inside
        // a ~~~ fence left open to the end.
        let sentence = "我们要自觉在思想上政治上行动上同以同志为核心的党中央保持高度一致,毫不动摇坚持“动态清零”总方针。";
        let text = format!(
            "# 坚持人民至上生命至上\n\n## 一、总体要求\n\n{sentence}\n\n```text\n{sentence}\n二、工作任务\n<p>会议强调,要坚持。</p>\n```\n\n## 二、重点任务\n\n  ~~~\n{sentence}\n三、保障措施\n"
        );
        let fence_a = text.find("```text").unwrap()..text.find("```\n\n## 二").unwrap() + 4;
        let fence_b = text.find("  ~~~").unwrap()..text.len();
        for t in [text.clone(), text.replace('\n', "\r\n")] {
            let a = assert_same(&t, &config);
            let a2 = assert_same(&t, &config); // every line from the cache
            assert_eq!(a.diagnostics, a2.diagnostics);
            let (fa, fb) = if t.contains('\r') {
                let at = |s: &str| t.find(s).unwrap();
                (
                    at("```text")..at("```\r\n\r\n## 二") + 5,
                    at("  ~~~")..t.len(),
                )
            } else {
                (fence_a.clone(), fence_b.clone())
            };
            let inside = |r: &crate::engine::Span| {
                crate::engine::text::overlaps(r, &fa) || crate::engine::text::overlaps(r, &fb)
            };
            // Outside the fences the sentence is checked: the truncated name and the comma.
            assert!(
                a.diagnostics.iter().any(|d| d.rule == "slogan-variant"),
                "{:?}",
                a.diagnostics
            );
            assert!(a.diagnostics.iter().any(|d| d.rule == "halfwidth-punct"));
            let bad: Vec<_> = a.diagnostics.iter().filter(|d| inside(&d.range)).collect();
            assert!(bad.is_empty(), "findings inside a fence: {bad:?}");
            assert!(a.slogans.iter().all(|o| !inside(&o.range)));
            assert_eq!(a.masked, vec![fa.clone(), fb.clone()]);
            let labels: Vec<String> = flatten(&a.outline);
            assert!(
                labels.iter().any(|l| l.contains("一、总体要求")),
                "{labels:?}"
            );
            assert!(
                labels.iter().any(|l| l.contains("二、重点任务")),
                "{labels:?}"
            );
            assert!(
                labels
                    .iter()
                    .all(|l| !l.contains("工作任务") && !l.contains("保障措施")),
                "{labels:?}"
            );
        }
    }

    fn flatten(nodes: &[crate::engine::OutlineNode]) -> Vec<String> {
        let mut out = Vec::new();
        for n in nodes {
            out.push(format!(
                "{} {}",
                n.name,
                n.detail.clone().unwrap_or_default()
            ));
            out.extend(flatten(&n.children));
        }
        out
    }
}
