//! The YAML reader: text to one `Value`, by recursive descent, the way libyaml
//! (and so serde_yaml, and the API server's go-yaml) reads it: block and flow
//! collections, plain, quoted and block scalars, anchors, aliases, tags and
//! directives. Like libyaml it ignores indentation inside flow collections and
//! quoted scalars, and refuses tabs that indent a token.
//!
//! Every recursion goes through `nested`, bounded by the 128-level limit; every
//! loop consumes input or ends. It never panics: positions only move forward
//! over bytes it has looked at, and text is sliced at ASCII bytes only.

use super::parse::{duplicate_key_message, node_count, scalar_value, SyntaxError, TagKind};
use super::unique_keys::UniqueKeys;
use super::{Mapping, Tag, TaggedValue, Value};
use crate::name_index::NameIndex;

/// Deeper nesting than this is refused, as serde_yaml refuses it.
const MAX_DEPTH: usize = 128;
/// Aliases may expand the document to at most this many times the nodes read
/// (serde_yaml's bound against "billion laughs").
const MAX_REPETITION: usize = 100;

type Result<T> = std::result::Result<T, SyntaxError>;

/// Where a block node sits, which decides what may start on its line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The document's root.
    Root,
    /// After `- `: a compact sequence or mapping may start on the same line.
    Entry,
    /// After `key:`: only a scalar, an alias or a flow collection on the same
    /// line; a sequence on the next lines may sit at the key's own column.
    Value,
}

/// A node's properties: its anchor and its tag.
#[derive(Default)]
struct Props {
    anchor: Option<String>,
    tag: Option<TagKind>,
}

impl Props {
    /// Takes in the properties written on a line above (`outer`), when none
    /// repeats one of these: a node's tag and anchor may stand on separate
    /// lines, and libyaml's parser gathers them into the one node.
    // Models libyaml parser.c yaml_parser_parse_node (TAG and ANCHOR tokens, either order)
    fn adopt(&mut self, outer: &mut Props) {
        let repeats = (self.tag.is_some() && outer.tag.is_some()) || (self.anchor.is_some() && outer.anchor.is_some());
        if repeats || (self.tag.is_none() && self.anchor.is_none()) {
            return;
        }
        if self.tag.is_none() {
            self.tag = outer.tag.take();
        }
        if self.anchor.is_none() {
            self.anchor = outer.anchor.take();
        }
    }
}

/// A node as read, before its properties apply: a scalar keeps its text (only
/// plain ones become null, booleans or numbers, and a tag may decide).
enum Node {
    Scalar { text: String, plain: bool },
    Value(Value),
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// A tag's `%XX` escapes decoded, as libyaml decodes them; None when one is
/// malformed or the bytes are not UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_string());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub(super) struct Reader<'t> {
    src: &'t str,
    b: &'t [u8],
    pos: usize,
    /// 1-based line of `pos`, and where that line starts.
    line: u32,
    line_start: usize,
    /// Each anchor's value, and how many nodes it holds, in `anchored`.
    anchors: NameIndex<'static>,
    anchored: Vec<(Value, usize)>,
    /// `%TAG` handles and their prefixes.
    handles: Vec<(String, String)>,
    depth: usize,
    /// Nodes read from the text, and nodes repeated by aliases.
    nodes: usize,
    repeated: usize,
}

type Mark = (usize, u32, usize);

/// Where a plain scalar stands, which decides where its continuation lines end.
#[derive(Clone, Copy)]
enum PlainContext {
    /// In a block collection: a continuation line is indented past `parent`.
    Block { parent: isize },
    /// Inside `[...]` or `{...}`.
    Flow,
}

impl<'t> Reader<'t> {
    pub(super) fn new(src: &'t str) -> Reader<'t> {
        // A byte order mark is skipped where a line starts (next_content), and
        // counts as a column, as in serde_yaml, which hands libyaml UTF-8 text.
        Reader {
            src,
            b: src.as_bytes(),
            pos: 0,
            line: 1,
            line_start: 0,
            anchors: NameIndex::default(),
            anchored: Vec::new(),
            handles: Vec::new(),
            depth: 0,
            nodes: 0,
            repeated: 0,
        }
    }

    // ---- position ------------------------------------------------------------

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<u8> {
        self.b.get(self.pos + k).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.b.len()
    }

    fn at_break(&self) -> bool {
        self.peek().is_some_and(is_break)
    }

    /// Whether the byte `k` ahead is a blank, a line break or the end.
    fn blank_at(&self, k: usize) -> bool {
        self.peek_at(k).is_none_or(|b| is_blank(b) || is_break(b))
    }

    /// `c` followed by a blank, a line break or the end (`- `, `? `, `: `).
    fn at_indicator(&self, c: u8) -> bool {
        self.peek() == Some(c) && self.blank_at(1)
    }

    fn mark(&self) -> Mark {
        (self.pos, self.line, self.line_start)
    }

    fn reset(&mut self, (pos, line, line_start): Mark) {
        self.pos = pos;
        self.line = line;
        self.line_start = line_start;
    }

    /// The 0-based column of `pos`, in characters.
    fn column(&self) -> usize {
        self.src.get(self.line_start..self.pos).map_or(0, |s| s.chars().count())
    }

    fn error_at(&self, (pos, line, line_start): Mark, message: &str) -> SyntaxError {
        let column = self.src.get(line_start..pos).map_or(0, |s| s.chars().count());
        SyntaxError { message: message.to_string(), line, column: column as u32 + 1 }
    }

    fn error(&self, message: &str) -> SyntaxError {
        self.error_at(self.mark(), message)
    }

    /// Steps over one line break (`\n`, `\r\n` or `\r`).
    fn newline(&mut self) {
        if self.peek() == Some(b'\r') {
            self.pos += 1;
        }
        if self.peek() == Some(b'\n') {
            self.pos += 1;
        }
        self.line += 1;
        self.line_start = self.pos;
    }

    /// Steps over one character.
    fn bump(&mut self) {
        let len = self.src.get(self.pos..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
        self.pos += len;
    }

    fn skip_blanks(&mut self) {
        while self.peek().is_some_and(is_blank) {
            self.pos += 1;
        }
    }

    fn skip_to_line_end(&mut self) {
        while self.peek().is_some_and(|b| !is_break(b)) {
            self.pos += 1;
        }
    }

    /// Blanks, then a comment, up to the line's end: whether nothing else is there.
    fn rest_of_line_is_empty(&mut self) -> bool {
        self.skip_blanks();
        match self.peek() {
            None => true,
            Some(b) if is_break(b) => true,
            // Between tokens a `#` always starts a comment (inside a plain
            // scalar only after a blank, which plain_line sees to).
            Some(b'#') => {
                self.skip_to_line_end();
                true
            }
            _ => false,
        }
    }

    /// `---` or `...` at the start of a line, then a blank or the end.
    fn at_document_marker(&self, c: u8) -> bool {
        self.pos == self.line_start
            && self.peek() == Some(c)
            && self.peek_at(1) == Some(c)
            && self.peek_at(2) == Some(c)
            && self.blank_at(3)
    }

    /// Past blank lines and comments to the next content in block context: its
    /// column, or None at the end of the document. A tab indenting a token is
    /// refused, as libyaml refuses it.
    fn next_content(&mut self) -> Result<Option<usize>> {
        loop {
            if self.pos != self.line_start {
                if !self.rest_of_line_is_empty() {
                    return Ok(Some(self.column()));
                }
                if self.at_end() {
                    return Ok(None);
                }
                self.newline();
                continue;
            }
            if self.at_end() || self.at_document_marker(b'-') || self.at_document_marker(b'.') {
                return Ok(None);
            }
            // libyaml skips a byte order mark at the start of any line (it still
            // counts as a column).
            if self.b[self.pos..].starts_with("\u{feff}".as_bytes()) {
                self.pos += 3;
                continue;
            }
            while self.peek() == Some(b' ') {
                self.pos += 1;
            }
            match self.peek() {
                None => return Ok(None),
                Some(b) if is_break(b) => self.newline(),
                Some(b'#') => self.skip_to_line_end(),
                Some(b'\t') => {
                    let tab = self.mark();
                    self.skip_blanks();
                    match self.peek() {
                        None => return Ok(None),
                        Some(b) if is_break(b) => self.newline(),
                        Some(b'#') => self.skip_to_line_end(),
                        _ => return Err(self.error_at(tab, "found character that cannot start any token")),
                    }
                }
                _ => return Ok(Some(self.column())),
            }
        }
    }

    fn nested(&mut self, read: impl FnOnce(&mut Self) -> Result<Value>) -> Result<Value> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    // ---- the document --------------------------------------------------------

    pub(super) fn document(&mut self) -> Result<Value> {
        while let Some(0) = self.next_content()? {
            if self.peek() != Some(b'%') {
                break;
            }
            self.directive()?;
        }
        let value = if self.at_document_marker(b'-') {
            self.pos += 3;
            self.block_node(-1, Place::Root)?
        } else if self.next_content()?.is_some() {
            self.block_node(-1, Place::Root)?
        } else {
            Value::Null
        };
        if self.next_content()?.is_some() {
            return Err(self.error("did not find expected <document start>"));
        }
        if self.at_document_marker(b'.') {
            self.pos += 3;
            if self.next_content()?.is_some() {
                return Err(self.error("did not find expected <document start>"));
            }
        }
        if self.at_document_marker(b'-') {
            return Err(self.error("deserializing from YAML containing more than one document is not supported"));
        }
        Ok(value)
    }

    fn directive(&mut self) -> Result<()> {
        let start = self.pos;
        self.skip_to_line_end();
        let mut words = self.src[start..self.pos].split_whitespace();
        if words.next() == Some("%TAG") {
            let (Some(handle), Some(prefix)) = (words.next(), words.next()) else {
                return Err(self.error("while scanning a %TAG directive, did not find expected whitespace"));
            };
            self.handles.push((handle.to_string(), prefix.to_string()));
        }
        Ok(())
    }

    // ---- block context -------------------------------------------------------

    /// A node in block context, read from just after its indicator (`- `,
    /// `key:`, `---`, or the document's first content). `parent` is the column
    /// of the collection it belongs to (-1 at the root).
    fn block_node(&mut self, parent: isize, place: Place) -> Result<Value> {
        self.skip_blanks();
        let at = self.mark();
        let props = self.properties()?;
        if self.rest_of_line_is_empty() {
            // Its content, if any, is on the following lines.
            let Some(column) = self.next_content()? else { return self.empty(props, at) };
            let indentless = place == Place::Value && column as isize == parent && self.at_indicator(b'-');
            if place == Place::Value && column as isize == parent && !indentless {
                // libyaml reads a scalar at the key's own column as the value,
                // unless it is the next key.
                let before = self.mark();
                if matches!(self.peek(), Some(b'|' | b'>')) {
                    let node = Node::Scalar { text: self.block_scalar(parent)?, plain: false };
                    return self.resolve(props, node, at);
                }
                if !matches!(self.peek(), Some(b'?' | b'-' | b':')) {
                    let value_at = self.mark();
                    let value_props = self.properties()?;
                    let (node, _) = self.block_key_or_value(parent)?;
                    self.skip_blanks();
                    // A `:` after it makes it the first key of a mapping.
                    if !self.at_indicator(b':') {
                        let value = self.resolve(value_props, node, value_at)?;
                        return self.resolve(props, Node::Value(value), at);
                    }
                }
                self.reset(before);
                return self.empty(props, at);
            }
            if column as isize <= parent && !indentless {
                return self.empty(props, at);
            }
            let mut props = props;
            let node = self.block_content(column, parent, true, &mut props)?;
            return self.resolve(props, node, at);
        }
        // On the same line, the properties belong to what follows them: to the
        // key, when a mapping starts here (libyaml's simple keys start at them).
        drop(props);
        self.reset(at);
        let column = self.column();
        let compact = place != Place::Value;
        if !compact && self.at_indicator(b'-') {
            return Err(self.error("block sequence entries are not allowed in this context"));
        }
        let node = self.block_content(column, parent, compact, &mut Props::default())?;
        self.resolve(Props::default(), node, at)
    }

    /// The node that starts here, at `column`: a sequence, a mapping (when
    /// `may_map`), a block scalar, or another scalar, alias or flow collection.
    /// Unless a mapping starts here, properties it begins with join `outer`'s,
    /// written on the lines above (taken out of `outer` when they do).
    fn block_content(&mut self, column: usize, parent: isize, may_map: bool, outer: &mut Props) -> Result<Node> {
        match self.peek() {
            Some(b'-') if self.blank_at(1) && may_map => return Ok(Node::Value(self.nested(|r| r.block_sequence(column))?)),
            Some(b'?') if self.blank_at(1) && may_map => return Ok(Node::Value(self.nested(|r| r.block_mapping(column, None))?)),
            Some(b'|' | b'>') => return Ok(Node::Scalar { text: self.block_scalar(parent)?, plain: false }),
            _ => {}
        }
        let at = self.mark();
        let mut props = self.properties()?;
        if (props.anchor.is_some() || props.tag.is_some()) && self.rest_of_line_is_empty() {
            // Properties on a line of their own: the node is on the next lines.
            props.adopt(outer);
            let next = self.next_content()?;
            let value = match next {
                Some(column) if column as isize > parent => self.nested(|r| {
                    let node = r.block_content(column, parent, true, &mut props)?;
                    r.resolve(props, node, at)
                })?,
                _ => self.empty(props, at)?,
            };
            return Ok(Node::Value(value));
        }
        if matches!(self.peek(), Some(b'|' | b'>')) {
            props.adopt(outer);
            let node = Node::Scalar { text: self.block_scalar(parent)?, plain: false };
            return Ok(Node::Value(self.resolve(props, node, at)?));
        }
        let (node, one_line) = self.block_key_or_value(parent)?;
        self.skip_blanks();
        if self.at_indicator(b':') {
            if !may_map || !one_line {
                return Err(self.error("mapping values are not allowed in this context"));
            }
            let key = self.resolve(props, node, at)?;
            return Ok(Node::Value(self.nested(|r| r.block_mapping(column, Some((key, at))))?));
        }
        if props.anchor.is_none() && props.tag.is_none() {
            return Ok(node);
        }
        props.adopt(outer);
        Ok(Node::Value(self.resolve(props, node, at)?))
    }

    /// A scalar, alias or flow collection in block context; whether it stayed on one line.
    fn block_key_or_value(&mut self, parent: isize) -> Result<(Node, bool)> {
        let line = self.line;
        let node = match self.peek() {
            Some(b'[' | b'{') => Node::Value(self.nested(Reader::flow_collection)?),
            Some(b'*') => Node::Value(self.alias()?),
            Some(b'"' | b'\'') => Node::Scalar { text: self.quoted()?, plain: false },
            _ => Node::Scalar { text: self.plain(PlainContext::Block { parent })?, plain: true },
        };
        Ok((node, self.line == line))
    }

    fn block_sequence(&mut self, column: usize) -> Result<Value> {
        let mut items = Vec::new();
        loop {
            self.pos += 1; // `-`
            items.push(self.block_node(column as isize, Place::Entry)?);
            match self.next_content()? {
                Some(c) if c == column && self.at_indicator(b'-') => {}
                Some(c) if c > column => return Err(self.error("did not find expected '-' indicator")),
                _ => break,
            }
        }
        Ok(Value::Sequence(items))
    }

    /// A block mapping at `column`; `first` is a key already read, with where it started.
    fn block_mapping(&mut self, column: usize, mut first: Option<(Value, Mark)>) -> Result<Value> {
        let mut mapping = UniqueKeys::default();
        loop {
            let (key, at) = match first.take() {
                Some(first) => first,
                None => {
                    let at = self.mark();
                    if self.at_indicator(b'?') {
                        self.pos += 1;
                        let key = self.block_node(column as isize, Place::Entry)?;
                        match self.next_content()? {
                            Some(c) if c == column && self.at_indicator(b':') => {}
                            next => {
                                // An explicit key without a value.
                                self.insert(&mut mapping, key, Value::Null, at)?;
                                match next {
                                    Some(c) if c == column => continue,
                                    Some(c) if c > column => return Err(self.error("did not find expected key")),
                                    _ => break,
                                }
                            }
                        }
                        (key, at)
                    } else if self.at_indicator(b':') {
                        (Value::Null, at)
                    } else {
                        if self.at_indicator(b'-') {
                            return Err(self.error("did not find expected key"));
                        }
                        let props = self.properties()?;
                        let (key, one_line) = self.block_key_or_value(column as isize)?;
                        let key = self.resolve(props, key, at)?;
                        self.skip_blanks();
                        if !one_line || !self.at_indicator(b':') {
                            return Err(self.error_at(at, "while scanning a simple key, could not find expected ':'"));
                        }
                        (key, at)
                    }
                }
            };
            // After an explicit key's `:`, as after `- `, a compact collection may start.
            let explicit = self.b.get(at.0) == Some(&b'?') && self.b.get(at.0 + 1).is_none_or(|b| is_blank(*b) || is_break(*b));
            self.pos += 1; // `:`
            let value = self.block_node(column as isize, if explicit { Place::Entry } else { Place::Value })?;
            self.insert(&mut mapping, key, value, at)?;
            match self.next_content()? {
                Some(c) if c == column => {
                    if self.at_indicator(b'-') {
                        return Err(self.error("did not find expected key"));
                    }
                }
                Some(c) if c > column => return Err(self.error("did not find expected key")),
                _ => break,
            }
        }
        Ok(Value::Mapping(mapping.into_mapping()))
    }

    fn insert(&self, mapping: &mut UniqueKeys, key: Value, value: Value, at: Mark) -> Result<()> {
        mapping.insert(key, value).map_err(|key| self.error_at(at, &duplicate_key_message(&key)))
    }

    // ---- plain scalars -------------------------------------------------------

    /// Refuses what cannot start a plain scalar (libyaml's indicators).
    fn check_plain_start(&self, flow: bool) -> Result<()> {
        match self.peek() {
            Some(b'@' | b'`') => Err(self.error("found character that cannot start any token")),
            Some(b',' | b']' | b'}' | b'%') if !flow => Err(self.error("did not find expected node content")),
            Some(b'|' | b'>') if flow => Err(self.error("did not find expected node content")),
            _ => Ok(()),
        }
    }

    /// The rest of a plain scalar's line: up to `: `, ` #` or the line's end;
    /// in flow context also up to a flow indicator or a `:` before one.
    fn plain_line(&mut self, flow: bool) -> String {
        let start = self.pos;
        let mut end = self.pos;
        while let Some(b) = self.peek() {
            if is_break(b) {
                break;
            }
            if b == b':' && (self.blank_at(1) || (flow && self.peek_at(1).is_some_and(is_flow_indicator))) {
                break;
            }
            if flow && is_flow_indicator(b) {
                break;
            }
            if b == b'#' && self.pos > start && self.b.get(self.pos - 1).is_some_and(|p| is_blank(*p)) {
                break;
            }
            self.bump();
            if !is_blank(b) {
                end = self.pos;
            }
        }
        self.pos = end;
        self.src[start..end].to_string()
    }

    /// A plain scalar with its continuation lines, folded.
    fn plain(&mut self, context: PlainContext) -> Result<String> {
        let flow = matches!(context, PlainContext::Flow);
        self.check_plain_start(flow)?;
        let mut text = self.plain_line(flow);
        loop {
            let before = self.mark();
            self.skip_blanks();
            if !self.at_break() {
                self.reset(before);
                break;
            }
            let mut empty_lines = 0;
            let indent = loop {
                self.newline();
                let mut indent = 0;
                while self.peek() == Some(b' ') {
                    self.pos += 1;
                    indent += 1;
                }
                self.skip_blanks();
                if self.at_break() {
                    empty_lines += 1;
                } else {
                    break indent;
                }
            };
            let ends = self.at_end()
                || self.peek() == Some(b'#')
                || match context {
                    PlainContext::Block { parent } => {
                        indent as isize <= parent
                            || (indent == 0 && (self.at_document_marker(b'-') || self.at_document_marker(b'.')))
                            || self.at_indicator(b':')
                    }
                    // In flow context indentation means nothing; the flow's own
                    // indicators end the scalar.
                    PlainContext::Flow => {
                        self.peek().is_some_and(is_flow_indicator)
                            || (self.peek() == Some(b':')
                                && (self.blank_at(1) || self.peek_at(1).is_some_and(is_flow_indicator)))
                    }
                };
            if ends {
                self.reset(before);
                break;
            }
            let more = self.plain_line(flow);
            if more.is_empty() {
                self.reset(before);
                break;
            }
            if empty_lines == 0 {
                text.push(' ');
            } else {
                text.extend(std::iter::repeat_n('\n', empty_lines));
            }
            text.push_str(&more);
        }
        Ok(text)
    }

    // ---- quoted scalars ------------------------------------------------------

    /// A single- or double-quoted scalar, unescaped and folded.
    fn quoted(&mut self) -> Result<String> {
        let start = self.mark();
        let double = self.peek() == Some(b'"');
        self.pos += 1;
        let mut text = String::new();
        let mut blanks = String::new();
        loop {
            let Some(b) = self.peek() else {
                return Err(self.error_at(start, "while scanning a quoted scalar, found unexpected end of stream"));
            };
            match b {
                b'\'' if !double => {
                    if self.peek_at(1) == Some(b'\'') {
                        text.push_str(&blanks);
                        blanks.clear();
                        text.push('\'');
                        self.pos += 2;
                    } else {
                        self.pos += 1;
                        text.push_str(&blanks);
                        return Ok(text);
                    }
                }
                b'"' if double => {
                    self.pos += 1;
                    text.push_str(&blanks);
                    return Ok(text);
                }
                b'\\' if double && self.peek_at(1).is_some_and(is_break) => {
                    // An escaped line break: the lines join without a space.
                    text.push_str(&blanks);
                    blanks.clear();
                    self.pos += 1;
                    self.newline();
                    self.skip_blanks();
                    while self.at_break() {
                        text.push('\n');
                        self.newline();
                        self.skip_blanks();
                    }
                }
                b'\\' if double => {
                    text.push_str(&blanks);
                    blanks.clear();
                    self.escape(&mut text)?;
                }
                b' ' | b'\t' => {
                    blanks.push(b as char);
                    self.pos += 1;
                }
                b'\n' | b'\r' => {
                    // Folding: trailing blanks go, one break is a space, more are line feeds.
                    blanks.clear();
                    self.newline();
                    self.skip_blanks();
                    let mut breaks = 0;
                    while self.at_break() {
                        breaks += 1;
                        self.newline();
                        self.skip_blanks();
                    }
                    if self.at_document_marker(b'-') || self.at_document_marker(b'.') {
                        return Err(self.error("while scanning a quoted scalar, found unexpected document indicator"));
                    }
                    if breaks == 0 {
                        text.push(' ');
                    } else {
                        text.extend(std::iter::repeat_n('\n', breaks));
                    }
                }
                _ => {
                    text.push_str(&blanks);
                    blanks.clear();
                    let from = self.pos;
                    self.bump();
                    text.push_str(&self.src[from..self.pos]);
                }
            }
        }
    }

    /// One escape of a double-quoted scalar, at its `\`.
    fn escape(&mut self, text: &mut String) -> Result<()> {
        let at = self.mark();
        self.pos += 1;
        let simple = match self.peek() {
            Some(b'0') => Some('\0'),
            Some(b'a') => Some('\u{7}'),
            Some(b'b') => Some('\u{8}'),
            Some(b't' | b'\t') => Some('\t'),
            Some(b'n') => Some('\n'),
            Some(b'v') => Some('\u{b}'),
            Some(b'f') => Some('\u{c}'),
            Some(b'r') => Some('\r'),
            Some(b'e') => Some('\u{1b}'),
            Some(b' ') => Some(' '),
            Some(b'"') => Some('"'),
            Some(b'/') => Some('/'),
            Some(b'\\') => Some('\\'),
            Some(b'N') => Some('\u{85}'),
            Some(b'_') => Some('\u{a0}'),
            Some(b'L') => Some('\u{2028}'),
            Some(b'P') => Some('\u{2029}'),
            _ => None,
        };
        if let Some(c) = simple {
            text.push(c);
            self.pos += 1;
            return Ok(());
        }
        let digits = match self.peek() {
            Some(b'x') => 2,
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => return Err(self.error_at(at, "while parsing a quoted scalar, found unknown escape character")),
        };
        self.pos += 1;
        let hex = self.src.get(self.pos..self.pos + digits).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(c) = hex.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) else {
            return Err(self.error_at(at, "while parsing a quoted scalar, did not find expected hexdecimal number"));
        };
        text.push(c);
        self.pos += digits;
        Ok(())
    }

    // ---- block scalars -------------------------------------------------------

    /// A literal (`|`) or folded (`>`) scalar whose content is indented past
    /// `parent`.
    // Models libyaml scanner.c yaml_parser_scan_block_scalar (and its chomping).
    fn block_scalar(&mut self, parent: isize) -> Result<String> {
        let literal = self.peek() == Some(b'|');
        self.pos += 1;
        let mut chomp: Option<bool> = None; // Some(true): keep; Some(false): strip
        let mut increment = 0usize;
        for _ in 0..2 {
            match self.peek() {
                Some(b'+') if chomp.is_none() => chomp = Some(true),
                Some(b'-') if chomp.is_none() => chomp = Some(false),
                Some(d @ b'1'..=b'9') if increment == 0 => increment = usize::from(d - b'0'),
                Some(b'0') => return Err(self.error("while scanning a block scalar, found an indentation indicator equal to 0")),
                _ => break,
            }
            self.pos += 1;
        }
        // A comment may follow the indicators directly (libyaml).
        self.skip_blanks();
        if self.peek() == Some(b'#') {
            self.skip_to_line_end();
        }
        if !(self.at_end() || self.at_break()) {
            return Err(self.error("while scanning a block scalar, did not find expected comment or line break"));
        }
        let base = parent.max(-1);
        let mut indent = if increment > 0 { (base.max(0) as usize) + increment } else { 0 };
        if increment > 0 && base < 0 {
            indent = increment;
        }
        let mut text = String::new();
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        let mut leading_blank = false;
        if self.at_end() {
            return Ok(text);
        }
        self.newline();
        // Leading empty lines, and the indentation when it is not given.
        self.block_scalar_breaks(&mut indent, base, &mut trailing_breaks)?;
        while self.column_bytes() == indent && !self.at_end() {
            let trailing_blank = self.peek().is_some_and(is_blank);
            if !literal && leading_break.starts_with('\n') && !leading_blank && !trailing_blank {
                if trailing_breaks.is_empty() {
                    text.push(' ');
                }
                leading_break.clear();
            } else {
                text.push_str(&leading_break);
                leading_break.clear();
            }
            text.push_str(&trailing_breaks);
            trailing_breaks.clear();
            leading_blank = trailing_blank;
            let from = self.pos;
            self.skip_to_line_end();
            text.push_str(&self.src[from..self.pos]);
            if self.at_end() {
                break;
            }
            self.newline();
            leading_break.push('\n');
            self.block_scalar_breaks(&mut indent, base, &mut trailing_breaks)?;
        }
        if chomp != Some(false) {
            text.push_str(&leading_break);
        }
        if chomp == Some(true) {
            text.push_str(&trailing_breaks);
        }
        // Leave the position at the start of the line that ended the scalar.
        if !self.at_end() {
            self.pos = self.line_start;
        }
        Ok(text)
    }

    /// Bytes from the line's start to `pos` (indentation is spaces only).
    fn column_bytes(&self) -> usize {
        self.pos - self.line_start
    }

    // Models libyaml scanner.c yaml_parser_scan_block_scalar_breaks.
    fn block_scalar_breaks(&mut self, indent: &mut usize, base: isize, breaks: &mut String) -> Result<()> {
        let mut max_indent = 0;
        loop {
            while (*indent == 0 || self.column_bytes() < *indent) && self.peek() == Some(b' ') {
                self.pos += 1;
            }
            max_indent = max_indent.max(self.column_bytes());
            if (*indent == 0 || self.column_bytes() < *indent) && self.peek() == Some(b'\t') {
                return Err(self.error("while scanning a block scalar, found a tab character where an indentation space is expected"));
            }
            if !self.at_break() {
                break;
            }
            breaks.push('\n');
            self.newline();
        }
        if *indent == 0 {
            *indent = max_indent.max((base + 1).max(1) as usize);
        }
        Ok(())
    }

    // ---- flow context --------------------------------------------------------

    /// Blanks, line breaks and comments between flow tokens: indentation does
    /// not matter here.
    fn skip_flow_space(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t') => self.pos += 1,
                Some(b) if is_break(b) => self.newline(),
                Some(b'#') => self.skip_to_line_end(),
                _ => return,
            }
        }
    }

    /// `[...]` or `{...}`, at its opening bracket.
    fn flow_collection(&mut self) -> Result<Value> {
        let sequence = self.peek() == Some(b'[');
        let close = if sequence { b']' } else { b'}' };
        let expected = if sequence { "did not find expected ',' or ']'" } else { "did not find expected ',' or '}'" };
        self.pos += 1;
        let mut items = Vec::new();
        let mut mapping = UniqueKeys::default();
        loop {
            self.skip_flow_space();
            match self.peek() {
                None => return Err(self.error(expected)),
                Some(b) if b == close => {
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            let at = self.mark();
            let explicit = self.at_indicator(b'?');
            if explicit {
                self.pos += 1;
                self.skip_flow_space();
            }
            let key_line = self.line;
            let key = self.flow_node()?;
            self.skip_flow_space();
            // An implicit key is one line long (libyaml's simple keys).
            if self.peek() == Some(b':') && !explicit && self.line != key_line {
                return Err(self.error(expected));
            }
            let pair = if self.peek() == Some(b':') {
                self.pos += 1;
                self.skip_flow_space();
                Some((key, self.flow_node()?))
            } else if explicit || !sequence {
                Some((key, Value::Null))
            } else {
                items.push(key);
                None
            };
            if let Some((key, value)) = pair {
                if sequence {
                    // `[a: b]` is a sequence of one-pair mappings.
                    let mut one = Mapping::new();
                    one.insert(key, value);
                    items.push(Value::Mapping(one));
                } else {
                    self.insert(&mut mapping, key, value, at)?;
                }
            }
            self.skip_flow_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b) if b == close => {
                    self.pos += 1;
                    break;
                }
                _ => return Err(self.error(expected)),
            }
        }
        Ok(if sequence { Value::Sequence(items) } else { Value::Mapping(mapping.into_mapping()) })
    }

    /// A node in flow context; empty (null) before `,`, `:` or a closing bracket.
    fn flow_node(&mut self) -> Result<Value> {
        let at = self.mark();
        let props = self.properties_in_flow()?;
        let node = match self.peek() {
            Some(b'[' | b'{') => Node::Value(self.nested(Reader::flow_collection)?),
            Some(b'*') => Node::Value(self.alias()?),
            Some(b'"' | b'\'') => Node::Scalar { text: self.quoted()?, plain: false },
            None | Some(b',' | b']' | b'}') => return self.empty(props, at),
            Some(b':') if self.blank_at(1) || self.peek_at(1).is_some_and(is_flow_indicator) => return self.empty(props, at),
            _ => Node::Scalar { text: self.plain(PlainContext::Flow)?, plain: true },
        };
        self.resolve(props, node, at)
    }

    fn properties_in_flow(&mut self) -> Result<Props> {
        // In flow context line breaks separate a node's properties as blanks do.
        let props = self.properties_separated_by(Reader::skip_flow_space)?;
        self.skip_flow_space();
        Ok(props)
    }

    // ---- properties, aliases, tags -------------------------------------------

    fn properties(&mut self) -> Result<Props> {
        self.properties_separated_by(Reader::skip_blanks)
    }

    fn properties_separated_by(&mut self, skip: fn(&mut Reader<'t>)) -> Result<Props> {
        let mut props = Props::default();
        loop {
            match self.peek() {
                Some(b'&') if props.anchor.is_none() => {
                    self.pos += 1;
                    props.anchor = Some(self.anchor_name()?);
                }
                Some(b'!') if props.tag.is_none() => props.tag = Some(self.tag()?),
                _ => return Ok(props),
            }
            skip(self);
        }
    }

    /// libyaml's anchor names: letters, digits, `-` and `_`.
    fn anchor_name(&mut self) -> Result<String> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            self.pos += 1;
        }
        let ends_well = self.peek().is_none_or(|b| is_blank(b) || is_break(b) || matches!(b, b'?' | b':' | b',' | b']' | b'}' | b'%' | b'@' | b'`'));
        if self.pos == start || !ends_well {
            return Err(self.error("while scanning an anchor or alias, did not find expected alphabetic or numeric character"));
        }
        Ok(self.src[start..self.pos].to_string())
    }

    fn alias(&mut self) -> Result<Value> {
        let at = self.mark();
        self.pos += 1;
        let name = self.anchor_name()?;
        let Some((value, size)) = self.anchors.position(&name).and_then(|i| self.anchored.get(i)) else {
            return Err(self.error_at(at, "while parsing node, found unknown anchor"));
        };
        self.repeated = self.repeated.saturating_add(*size);
        if self.repeated > self.nodes.max(100).saturating_mul(MAX_REPETITION) {
            return Err(self.error_at(at, "repetition limit exceeded"));
        }
        Ok(value.clone())
    }

    /// `!`, `!suffix`, `!!suffix`, `!handle!suffix` or `!<uri>`, resolved.
    fn tag(&mut self) -> Result<TagKind> {
        let at = self.mark();
        let start = self.pos;
        self.pos += 1;
        if self.peek() == Some(b'<') {
            let from = self.pos + 1;
            while self.peek().is_some_and(|b| b != b'>' && !is_break(b)) {
                self.pos += 1;
            }
            if self.peek() != Some(b'>') {
                return Err(self.error_at(at, "while scanning a tag, did not find the expected '>'"));
            }
            let Some(uri) = percent_decoded(&self.src[from..self.pos]) else {
                return Err(self.error_at(at, "while parsing a tag, did not find URI escaped octet"));
            };
            self.pos += 1;
            return Ok(TagKind::of(&uri));
        }
        while self.peek().is_some_and(|b| !is_blank(b) && !is_break(b) && !is_flow_indicator(b)) {
            self.bump();
        }
        let written = &self.src[start..self.pos];
        // A named handle is `!word!` (libyaml: letters, digits, `-`, `_`).
        let word = written[1..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_').count();
        let (handle, suffix) = if written.as_bytes().get(1 + word) == Some(&b'!') {
            written.split_at(word + 2)
        } else {
            ("!", &written[1..])
        };
        if handle != "!" && suffix.is_empty() {
            return Err(self.error_at(at, "while parsing a tag, did not find expected tag URI"));
        }
        let Some(suffix) = percent_decoded(suffix) else {
            return Err(self.error_at(at, "while parsing a tag, did not find URI escaped octet"));
        };
        let suffix = suffix.as_str();
        let prefix = self.handles.iter().rev().find(|(h, _)| h == handle).map(|(_, p)| p.clone());
        let full = match (handle, prefix) {
            (_, Some(prefix)) => format!("{prefix}{suffix}"),
            ("!!", None) => format!("tag:yaml.org,2002:{suffix}"),
            ("!", None) => format!("!{suffix}"),
            (_, None) => return Err(self.error_at(at, "while parsing a node, found undefined tag handle")),
        };
        Ok(TagKind::of(&full))
    }

    /// A node with no content: null, or what its tag makes of an empty scalar.
    fn empty(&mut self, props: Props, at: Mark) -> Result<Value> {
        self.resolve(props, Node::Scalar { text: String::new(), plain: true }, at)
    }

    /// The node's value under its properties: a scalar resolved (by its tag, if
    /// any), a collection wrapped in its local tag; remembered under its anchor.
    fn resolve(&mut self, props: Props, node: Node, at: Mark) -> Result<Value> {
        let value = match node {
            Node::Scalar { text, plain } => {
                scalar_value(props.tag.as_ref(), &text, plain).map_err(|m| self.error_at(at, &m))?
            }
            Node::Value(value) => match props.tag {
                // A node has one tag: a second one (on the line above) is not stacked.
                Some(TagKind::Local(tag)) if !matches!(value, Value::Tagged(_)) => {
                    Value::Tagged(Box::new(TaggedValue { tag: Tag::new(tag), value }))
                }
                _ => value,
            },
        };
        self.nodes += 1;
        if let Some(name) = props.anchor {
            let anchored = (value.clone(), node_count(&value));
            // An anchor defined again stands for its latest value.
            if let Some(slot) = self.anchors.position(&name).and_then(|i| self.anchored.get_mut(i)) {
                *slot = anchored;
            } else {
                self.anchors.set(name, self.anchored.len());
                self.anchored.push(anchored);
            }
        }
        Ok(value)
    }
}
