//! A small JSON reader that keeps the byte span of every value and key, so that lexicon
//! errors can point at the exact line and column and stubs can be inserted without
//! reformatting the user's file. It accepts what `serde_json` accepts for well-formed input;
//! callers run `serde_json` first for syntax errors and use this only for positions.

use crate::engine::types::Span;

#[derive(Debug, Clone)]
pub enum Node {
    Object(Vec<Member>),
    Array(Vec<Spanned>),
    String(String),
    Other,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Spanned,
}

#[derive(Debug, Clone)]
pub struct Spanned {
    pub span: Span,
    pub node: Node,
}

impl Spanned {
    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.node {
            Node::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.node {
            Node::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Parses `text` into a spanned tree; `None` when it is not well-formed JSON.
pub fn parse(text: &str) -> Option<Spanned> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
        depth: 0,
    };
    // A UTF-8 byte-order mark is tolerated, as editors may write one.
    if text.starts_with('\u{feff}') {
        p.i = 3;
    }
    let v = p.value()?;
    p.ws();
    (p.i == p.s.len()).then_some(v)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    depth: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn value(&mut self) -> Option<Spanned> {
        self.ws();
        let start = self.i;
        self.depth += 1;
        if self.depth > 256 {
            return None;
        }
        let node = match *self.s.get(self.i)? {
            b'{' => {
                self.i += 1;
                let mut members = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        let key_start = self.i;
                        let key = self.string()?;
                        let key_span = key_start..self.i;
                        self.ws();
                        if self.s.get(self.i) != Some(&b':') {
                            return None;
                        }
                        self.i += 1;
                        let value = self.value()?;
                        members.push(Member {
                            key,
                            key_span,
                            value,
                        });
                        self.ws();
                        match self.s.get(self.i)? {
                            b',' => self.i += 1,
                            b'}' => {
                                self.i += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Node::Object(members)
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                } else {
                    loop {
                        items.push(self.value()?);
                        self.ws();
                        match self.s.get(self.i)? {
                            b',' => self.i += 1,
                            b']' => {
                                self.i += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                Node::Array(items)
            }
            b'"' => Node::String(self.string()?),
            _ => {
                while let Some(c) = self.s.get(self.i) {
                    if !(c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')) {
                        break;
                    }
                    self.i += 1;
                }
                if self.i == start {
                    return None;
                }
                Node::Other
            }
        };
        self.depth -= 1;
        Some(Spanned {
            span: start..self.i,
            node,
        })
    }

    /// Reads a string literal starting at `self.i` (which must be `"`), decoding escapes.
    fn string(&mut self) -> Option<String> {
        if self.s.get(self.i) != Some(&b'"') {
            return None;
        }
        let start = self.i;
        self.i += 1;
        loop {
            match *self.s.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    break;
                }
                b'\\' => self.i += 2,
                _ => self.i += 1,
            }
        }
        let raw = self.text.get(start..self.i)?;
        serde_json::from_str::<String>(raw).ok()
    }
}

/// The start of the innermost value of `root` that contains the byte just before `pos`
/// (serde reports errors just past the offending token). Children are in text order, so each
/// level is a binary search: an error in a 100,000-entry array costs a few steps.
pub fn innermost_start(root: &Spanned, pos: usize) -> usize {
    fn child_at<'a>(
        spans: impl Fn(usize) -> &'a Spanned,
        n: usize,
        at: usize,
    ) -> Option<&'a Spanned> {
        // The last child starting at or before `at`.
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if spans(mid).span.start <= at {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let c = spans(lo.checked_sub(1)?);
        (at < c.span.end).then_some(c)
    }
    let at = pos.saturating_sub(1);
    let mut node = root;
    loop {
        let child = match &node.node {
            Node::Object(members) => child_at(|i| &members[i].value, members.len(), at),
            Node::Array(items) => child_at(|i| &items[i], items.len(), at),
            _ => None,
        };
        match child {
            Some(c) => node = c,
            None => return node.span.start,
        }
    }
}

/// Where each line of a text starts, for turning byte offsets into line and column and back
/// in O(log lines + line length) each; built once per text in O(text).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of each line's start (lines end at `\n`, as `serde_json` counts them).
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and 1-based character column of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }

    /// The byte offset of 1-based `line` and character `column`, clamped to the line and the
    /// text.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.max(1) - 1) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
        start
            + rest
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i)
    }
}

/// 1-based line and 1-based character column of byte `offset` (lines end at `\n`, as
/// `serde_json` counts them). For many offsets in one text, build a [`LineIndex`] once.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// The byte offset of a `serde_json` error position (1-based line, 1-based byte column;
/// column 0 means "at the start of the line") within `text`, on a char boundary.
pub fn serde_offset(text: &str, line: usize, column: usize) -> usize {
    let mut line_start = 0;
    for _ in 1..line.max(1) {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => break,
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let mut at = (line_start + column.saturating_sub(1)).min(line_end);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_keys_and_values() {
        let t = "{\n  \"entries\": [ {\"id\": \"a\\u0062\", \"n\": 1} ]\n}";
        let root = parse(t).unwrap();
        let entries = &root.member("entries").unwrap().value;
        let Node::Array(items) = &entries.node else {
            panic!()
        };
        let id = &items[0].member("id").unwrap().value;
        assert_eq!(id.as_str(), Some("ab"));
        assert_eq!(&t[id.span.clone()], "\"a\\u0062\"");
        assert_eq!(line_col(t, id.span.start), (2, 23));
    }

    #[test]
    fn rejects_malformed_and_never_panics() {
        for t in ["", "{", "[1,", "{\"a\" 1}", "\"\\", "{\"a\":}", "[]]", "𠮷"] {
            assert!(parse(t).is_none(), "{t}");
        }
        assert!(parse(&"[".repeat(10_000)).is_none());
    }

    #[test]
    fn the_line_index_agrees_with_line_col_and_inverts_it() {
        let t = "ab\n𠮷cd\r\n\n会议,x";
        let index = LineIndex::new(t);
        for offset in 0..=t.len() + 2 {
            let (line, col) = index.line_col(offset);
            assert_eq!((line, col), line_col(t, offset), "{offset}");
            let back = index.offset(line, col);
            let mut o = offset.min(t.len());
            while !t.is_char_boundary(o) {
                o -= 1;
            }
            assert_eq!(back, o, "{offset}");
        }
        assert_eq!(index.offset(99, 1), t.len());
        assert_eq!(index.offset(1, 99), 2);
    }

    #[test]
    fn innermost_value_of_a_long_array() {
        let t = format!("[{}]", vec!["{\"a\": [1, 2]}"; 1000].join(","));
        let root = parse(&t).unwrap();
        let at = t.rfind('2').unwrap();
        assert_eq!(innermost_start(&root, at + 1), at);
        let bracket = t.rfind("[1").unwrap();
        assert_eq!(innermost_start(&root, bracket + 1), bracket);
        assert_eq!(innermost_start(&root, 0), 0);
        assert_eq!(innermost_start(&root, t.len() + 5), 0);
    }

    #[test]
    fn serde_positions_map_to_offsets() {
        let t = "ab\n𠮷cd";
        assert_eq!(serde_offset(t, 2, 5), 7);
        assert_eq!(line_col(t, 7), (2, 2));
        assert_eq!(serde_offset(t, 9, 99), t.len());
    }
}
