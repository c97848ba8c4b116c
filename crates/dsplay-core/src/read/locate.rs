//! Finding the line of a field in a YAML document, so that a validation error
//! or an unknown field points at the line the user wrote. A `Value`
//! keeps no positions; block-style YAML (what people write) is simple enough to
//! walk by indentation. Flow-style or unusual layouts fall back to the nearest
//! enclosing field that could be found, never to a wrong deeper one.

use std::fmt;

/// One step of a field path: a mapping key or a sequence index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A field path such as `spec.template.spec.containers[0].image`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    pub fn key(&self, key: &str) -> FieldPath {
        let mut path = self.clone();
        path.0.push(Segment::Key(key.to_string()));
        path
    }

    pub fn index(&self, index: usize) -> FieldPath {
        let mut path = self.clone();
        path.0.push(Segment::Index(index));
        path
    }

    /// Parses the API server's notation back into segments
    /// (`spec.tolerations[0].key`); keys containing dots cannot be told apart
    /// from nesting there, so such paths locate their parent.
    pub fn parse(text: &str) -> FieldPath {
        let mut segments = Vec::new();
        for part in text.split('.') {
            let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
            if !key.is_empty() {
                segments.push(Segment::Key(key.to_string()));
            }
            while let Some((index, after)) = rest.split_once(']') {
                if let Ok(index) = index.parse() {
                    segments.push(Segment::Index(index));
                }
                rest = after.trim_start_matches('[');
            }
        }
        FieldPath(segments)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => write!(f, "{key}")?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A content line: its 1-based number, indentation and text without indentation.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    number: u32,
    indent: usize,
    text: &'a str,
}

/// Splits `- key: value` into a `-` line and a `key: value` line indented past
/// the dash, so that sequence items and mappings are walked the same way.
fn content_lines(text: &str, first_line: u32) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let number = first_line.saturating_add(i as u32);
        let trimmed = raw.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") {
            continue;
        }
        let mut indent = raw.len() - trimmed.len();
        let mut text = trimmed.trim_end();
        while let Some(after_dash) = text.strip_prefix('-').filter(|r| r.is_empty() || r.starts_with(' ')) {
            lines.push(Line { number, indent, text: "-" });
            let item = after_dash.trim_start_matches(' ');
            if item.is_empty() {
                text = "";
                break;
            }
            indent += 1 + (after_dash.len() - item.len());
            text = item;
        }
        if !text.is_empty() {
            lines.push(Line { number, indent, text });
        }
    }
    lines
}

fn is_key_line(text: &str, key: &str) -> bool {
    let quoted = |q: char| {
        text.strip_prefix(q)
            .and_then(|r| r.strip_prefix(key))
            .and_then(|r| r.strip_prefix(q))
    };
    let rest = text.strip_prefix(key).or_else(|| quoted('"')).or_else(|| quoted('\''));
    rest.is_some_and(|r| r.trim_start_matches(' ').starts_with(':'))
}

/// The (line, column) of `path` in a document that starts at `first_line`,
/// or of the deepest part of it that can be found; the document's first
/// content line when nothing can be.
pub fn locate(text: &str, first_line: u32, path: &FieldPath) -> (u32, u32) {
    let lines = content_lines(text, first_line);
    let Some(first) = lines.first() else { return (first_line, 1) };
    let mut best = (first.number, first.indent as u32 + 1);
    // The lines that make up the value being searched.
    let (mut start, mut end) = (0usize, lines.len());
    for segment in &path.0 {
        let children = &lines[start..end];
        let Some(child_indent) = children.first().map(|l| l.indent) else { break };
        let found = match segment {
            Segment::Key(key) => children
                .iter()
                .position(|l| l.indent == child_indent && is_key_line(l.text, key)),
            Segment::Index(n) => children
                .iter()
                .enumerate()
                .filter(|(_, l)| l.indent == child_indent && l.text == "-")
                .nth(*n)
                .map(|(i, _)| i),
        };
        let Some(found) = found else { break };
        let at = start + found;
        let line = lines[at];
        best = (line.number, line.indent as u32 + 1);
        // The value's lines: deeper than the owner, or a block sequence written
        // at the owner's own indentation (`key:` then `- item`).
        let is_key = matches!(segment, Segment::Key(_));
        let mut stop = at + 1;
        while stop < end {
            let l = lines[stop];
            let deeper = l.indent > line.indent;
            let same_level_sequence = is_key && l.indent == line.indent && l.text == "-";
            if !(deeper || same_level_sequence) {
                break;
            }
            stop += 1;
        }
        start = at + 1;
        end = stop;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const DS: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: x
spec:
  replicas: 3
  template:
    spec:
      containers:
      - name: a
        image: a:1
      - name: b
        ports:
          - containerPort: 80
            hostPort: 80
      tolerations:
      - key: k
        operator: Exists
";

    fn at(path: &str) -> (u32, u32) {
        locate(DS, 1, &FieldPath::parse(path))
    }

    #[test]
    fn finds_keys_and_sequence_items() {
        assert_eq!(at("spec.replicas"), (6, 3));
        assert_eq!(at("spec.template.spec.containers[0].image"), (11, 9));
        assert_eq!(at("spec.template.spec.containers[1].name"), (12, 9));
        assert_eq!(at("spec.template.spec.containers[1].ports[0].hostPort"), (15, 13));
        assert_eq!(at("spec.template.spec.tolerations[0].operator"), (18, 9));
    }

    #[test]
    fn falls_back_to_the_deepest_found_parent() {
        assert_eq!(at("spec.template.spec.nodeSelector"), (8, 5));
        assert_eq!(at("spec.template.spec.containers[7]"), (9, 7));
        assert_eq!(locate("", 4, &FieldPath::parse("a")), (4, 1));
    }

    #[test]
    fn honours_the_document_offset_and_quoted_keys() {
        assert_eq!(locate("---\n\"a\":\n  b: 1\n", 10, &FieldPath::parse("a.b")), (12, 3));
    }

    #[test]
    fn paths_print_as_the_api_server_writes_them() {
        let path = FieldPath::default().key("spec").key("tolerations").index(0).key("key");
        assert_eq!(path.to_string(), "spec.tolerations[0].key");
        assert_eq!(FieldPath::parse("spec.tolerations[0].key"), path);
    }
}
