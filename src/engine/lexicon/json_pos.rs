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
/// (serde reports errors just past the offending token).
pub fn innermost_start(root: &Spanned, pos: usize) -> usize {
    let at = pos.saturating_sub(1);
    let mut node = root;
    loop {
        let children: Vec<&Spanned> = match &node.node {
            Node::Object(members) => members.iter().map(|m| &m.value).collect(),
            Node::Array(items) => items.iter().collect(),
            _ => Vec::new(),
        };
        match children
            .into_iter()
            .find(|c| c.span.start <= at && at < c.span.end)
        {
            Some(c) => node = c,
            None => return node.span.start,
        }
    }
}

/// 1-based line and 1-based character column of byte `offset` (lines end at `\n`, as
/// `serde_json` counts them).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
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
    fn serde_positions_map_to_offsets() {
        let t = "ab\n𠮷cd";
        assert_eq!(serde_offset(t, 2, 5), 7);
        assert_eq!(line_col(t, 7), (2, 2));
        assert_eq!(serde_offset(t, 9, 99), t.len());
    }
}
