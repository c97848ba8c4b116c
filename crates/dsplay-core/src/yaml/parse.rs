//! Reading one YAML document into a `Value`: saphyr-parser's events, resolved
//! the way serde_yaml 0.9 resolves them.

use std::fmt;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_yaml::value::{Tag as ValueTag, TaggedValue};
use serde_yaml::{Mapping, Number, Value};

/// Deeper nesting than this is refused, as serde_yaml refuses it.
const MAX_DEPTH: usize = 128;
/// Aliases may expand the document to at most this many times its events
/// (serde_yaml's bound against "billion laughs").
const MAX_REPETITION: usize = 100;

/// Why a text is not YAML, and where (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at line {} column {}", self.message, self.line, self.column)
    }
}

impl SyntaxError {
    fn at(span: Span, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            line: span.start.line() as u32,
            column: span.start.col() as u32 + 1,
        }
    }
}

/// One document (an empty text is `Value::Null`). Never panics.
pub fn from_str(text: &str) -> Result<Value, SyntaxError> {
    let events = scan(text)?;
    Builder::new(events.len()).build(events)
}

/// How many flow lines `scan` re-indents before it gives up.
const MAX_REINDENTS: usize = 64;

type Events = Vec<(Event<'static>, Span)>;

/// The document's events. libyaml (and so serde_yaml and the API server's
/// go-yaml) ignores indentation inside flow collections; saphyr-parser wants
/// their lines indented past the enclosing block, and real manifests (Elastic's
/// filebeat DaemonSet) close `args: [` with a `]` under `args`. Such a line is
/// indented past the collection's `[` and read again, which changes no value.
fn scan(text: &str) -> Result<Events, SyntaxError> {
    let mut text = std::borrow::Cow::Borrowed(text);
    let mut shifted: Vec<(usize, usize)> = Vec::new();
    for _ in 0..=MAX_REINDENTS {
        match scan_once(&text) {
            Ok(events) => return Ok(events),
            Err(Failure { mut error, flow_column }) => {
                let line = error.line as usize;
                let reindent = error.message.starts_with("invalid indentation") && shifted.len() < MAX_REINDENTS;
                if let (true, Some(column)) = (reindent, flow_column) {
                    if let Some(added) = indent_line(text.to_mut(), line, column + 1) {
                        shifted.push((line, added));
                        continue;
                    }
                }
                let added: usize = shifted.iter().filter(|(l, _)| *l == line).map(|(_, a)| a).sum();
                error.column = error.column.saturating_sub(added as u32).max(1);
                return Err(error);
            }
        }
    }
    Err(SyntaxError { message: "invalid indentation".into(), line: 1, column: 1 })
}

struct Failure {
    error: SyntaxError,
    /// The column of the outermost flow collection open where the error is.
    flow_column: Option<usize>,
}

fn scan_once(text: &str) -> Result<Events, Failure> {
    let lines: Vec<&str> = text.split('\n').collect();
    let total_chars = if text.ends_with('\n') { 0 } else { text.chars().count() };
    let char_at = |span: &Span| lines.get(span.start.line().wrapping_sub(1)).and_then(|l| l.chars().nth(span.start.col()));
    let mut events = Vec::new();
    let mut documents = 0;
    // For each open collection, whether it is a flow one, and the column it opened at.
    let mut open: Vec<Option<usize>> = Vec::new();
    let outermost_flow = |open: &Vec<Option<usize>>| open.iter().flatten().next().copied();
    for next in Parser::new_from_str(text) {
        let (event, span) = next.map_err(|error| Failure {
            error: SyntaxError {
                message: error.info().to_string(),
                line: error.marker().line() as u32,
                column: error.marker().col() as u32 + 1,
            },
            flow_column: outermost_flow(&open),
        })?;
        let fail = |message: &str, column: usize, open: &Vec<Option<usize>>| Failure {
            error: SyntaxError { message: message.to_string(), line: span.start.line() as u32, column: column as u32 + 1 },
            flow_column: outermost_flow(open),
        };
        let starts_node = matches!(event, Event::Scalar(..) | Event::Alias(_) | Event::SequenceStart(..) | Event::MappingStart(..));
        if starts_node && outermost_flow(&open).is_none() {
            // Models libyaml's scanner: in block context a tab cannot indent a token.
            let line = lines.get(span.start.line().wrapping_sub(1)).copied().unwrap_or("");
            let mut before = line.chars().take(span.start.col()).enumerate().skip_while(|(_, c)| *c == ' ');
            if let Some((column, '\t')) = before.next() {
                if before.all(|(_, c)| c.is_whitespace()) {
                    return Err(fail("found character that cannot start any token", column, &open));
                }
            }
        }
        match &event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(fail("deserializing from YAML containing more than one document is not supported", span.start.col(), &open));
                }
                continue;
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                open.push(matches!(char_at(&span), Some('[' | '{')).then_some(span.start.col()));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                open.pop();
            }
            Event::Scalar(..) | Event::Alias(_) => {}
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
        }
        let mut event = owned(event);
        // A block scalar that runs to the end of a text without a final line
        // break has no final line break to keep (libyaml); saphyr-parser adds one.
        if let Event::Scalar(value, ScalarStyle::Literal | ScalarStyle::Folded, ..) = &mut event {
            if !text.ends_with('\n') && span.end.index() >= total_chars && value.ends_with('\n') {
                value.to_mut().pop();
            }
        }
        events.push((event, span));
    }
    Ok(events)
}

fn owned(event: Event<'_>) -> Event<'static> {
    use std::borrow::Cow;
    let tag = |tag: Option<Cow<'_, Tag>>| tag.map(|t| Cow::Owned(t.into_owned()));
    match event {
        Event::Scalar(text, style, anchor, t) => Event::Scalar(Cow::Owned(text.into_owned()), style, anchor, tag(t)),
        Event::SequenceStart(anchor, t) => Event::SequenceStart(anchor, tag(t)),
        Event::MappingStart(anchor, t) => Event::MappingStart(anchor, tag(t)),
        Event::Alias(anchor) => Event::Alias(anchor),
        Event::SequenceEnd => Event::SequenceEnd,
        Event::MappingEnd => Event::MappingEnd,
        Event::DocumentStart(explicit) => Event::DocumentStart(explicit),
        Event::DocumentEnd => Event::DocumentEnd,
        Event::StreamStart => Event::StreamStart,
        Event::StreamEnd => Event::StreamEnd,
        Event::Nothing => Event::Nothing,
    }
}

/// Indents 1-based `line` so that its content starts at `column` (0-based);
/// how many spaces it added, or None when it already does.
fn indent_line(text: &mut String, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2)?.0 + 1 };
    let indent = text[start..].chars().take_while(|c| *c == ' ').count();
    let added = column.checked_sub(indent).filter(|n| *n > 0)?;
    text.insert_str(start, &" ".repeat(added));
    Some(added)
}

/// A collection being read: its items so far, and what to do when it ends.
enum Open {
    Sequence(Vec<Value>),
    /// A mapping, and the key (with its position) whose value comes next.
    Mapping(Mapping, Option<(Value, Span)>),
}

struct Frame {
    open: Open,
    anchor: usize,
    tag: Option<ValueTag>,
}

struct Builder {
    stack: Vec<Frame>,
    /// Anchored values by anchor id, with their node counts (for the repetition bound).
    anchors: Vec<Option<(Value, usize)>>,
    repeated: usize,
    repetition_budget: usize,
    root: Option<Value>,
}

impl Builder {
    fn new(events: usize) -> Builder {
        Builder {
            stack: Vec::new(),
            anchors: Vec::new(),
            repeated: 0,
            repetition_budget: events.saturating_mul(MAX_REPETITION),
            root: None,
        }
    }

    fn build(mut self, events: Events) -> Result<Value, SyntaxError> {
        for (event, span) in events {
            match event {
                Event::Scalar(text, style, anchor, tag) => {
                    let value = scalar(&text, style, tag.as_deref()).map_err(|message| SyntaxError::at(span, message))?;
                    self.remember(anchor, &value);
                    self.add(value, span)?;
                }
                Event::Alias(anchor) => {
                    let (value, size) = self
                        .anchors
                        .get(anchor)
                        .and_then(Option::as_ref)
                        .ok_or_else(|| SyntaxError::at(span, "while parsing node, found unknown anchor"))?;
                    self.repeated = self.repeated.saturating_add(*size);
                    if self.repeated > self.repetition_budget {
                        return Err(SyntaxError::at(span, "repetition limit exceeded"));
                    }
                    let value = value.clone();
                    self.add(value, span)?;
                }
                Event::SequenceStart(anchor, tag) => self.open(Open::Sequence(Vec::new()), anchor, tag.as_deref(), span)?,
                Event::MappingStart(anchor, tag) => self.open(Open::Mapping(Mapping::new(), None), anchor, tag.as_deref(), span)?,
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(frame) = self.stack.pop() else { continue };
                    let value = match frame.open {
                        Open::Sequence(items) => Value::Sequence(items),
                        Open::Mapping(mapping, _) => Value::Mapping(mapping),
                    };
                    let value = match frame.tag {
                        Some(tag) => Value::Tagged(Box::new(TaggedValue { tag, value })),
                        None => value,
                    };
                    self.remember(frame.anchor, &value);
                    self.add(value, span)?;
                }
                _ => {}
            }
        }
        Ok(self.root.unwrap_or(Value::Null))
    }

    fn open(&mut self, open: Open, anchor: usize, tag: Option<&Tag>, span: Span) -> Result<(), SyntaxError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(SyntaxError::at(span, "recursion limit exceeded"));
        }
        let tag = tag.filter(|tag| !tag.is_yaml_core_schema()).and_then(value_tag);
        self.stack.push(Frame { open, anchor, tag });
        Ok(())
    }

    fn remember(&mut self, anchor: usize, value: &Value) {
        if anchor == 0 {
            return;
        }
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        self.anchors[anchor] = Some((value.clone(), node_count(value)));
    }

    fn add(&mut self, value: Value, span: Span) -> Result<(), SyntaxError> {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame { open: Open::Sequence(items), .. }) => items.push(value),
            Some(Frame { open: Open::Mapping(mapping, pending), .. }) => match pending.take() {
                None => *pending = Some((value, span)),
                Some((key, key_span)) => {
                    if mapping.contains_key(&key) {
                        return Err(SyntaxError::at(key_span, duplicate_key_message(&key)));
                    }
                    mapping.insert(key, value);
                }
            },
        }
        Ok(())
    }
}

/// serde_yaml's words for a repeated key.
fn duplicate_key_message(key: &Value) -> String {
    match key {
        Value::Null => "duplicate entry with null key".to_string(),
        Value::Bool(b) => format!("duplicate entry with key `{b}`"),
        Value::Number(n) => format!("duplicate entry with key {n}"),
        // serde_yaml quotes with Rust's Debug; Go's quoting is the same for printable text.
        Value::String(s) => format!("duplicate entry with key {}", crate::validation::go_quote(s)),
        _ => "duplicate entry in YAML map".to_string(),
    }
}

fn node_count(value: &Value) -> usize {
    match value {
        Value::Sequence(items) => 1 + items.iter().map(node_count).sum::<usize>(),
        Value::Mapping(mapping) => 1 + mapping.iter().map(|(k, v)| node_count(k) + node_count(v)).sum::<usize>(),
        Value::Tagged(tagged) => node_count(&tagged.value),
        _ => 1,
    }
}

/// The tag a value keeps, as serde_yaml's parse_tag keeps it: only local tags
/// (`!name`, and `!` alone); a URI tag (`!<tag:example.com,2024:x>`) is dropped.
fn value_tag(tag: &Tag) -> Option<ValueTag> {
    match tag.handle.as_str() {
        "!" if tag.suffix.is_empty() => Some(ValueTag::new("!")),
        "" if tag.suffix == "!" => Some(ValueTag::new("!")),
        "!" => Some(ValueTag::new(tag.suffix.clone())),
        handle if handle.starts_with('!') => Some(ValueTag::new(format!("{}{}", &handle[1..], tag.suffix))),
        _ => None,
    }
}

// Models serde_yaml 0.9 de.rs visit_scalar: core-schema tags force a type,
// other tags wrap the value, plain scalars are resolved, quoted and block ones are strings.
fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    let plain = style == ScalarStyle::Plain;
    let Some(tag) = tag else {
        if plain {
            if let Some(wide) = wide_integer(text) {
                return Err(wide);
            }
            return Ok(resolve_plain(text));
        }
        return Ok(Value::String(text.to_string()));
    };
    if !tag.is_yaml_core_schema() {
        let value = if plain { resolve_plain(text) } else { Value::String(text.to_string()) };
        return Ok(match value_tag(tag) {
            Some(tag) => Value::Tagged(Box::new(TaggedValue { tag, value })),
            None => value,
        });
    }
    let invalid = |what: &str| format!("invalid value: string {}, expected {what}", crate::validation::go_quote(text));
    match tag.suffix.as_str() {
        "bool" => parse_bool(text).map(Value::Bool).ok_or_else(|| invalid("a boolean")),
        "int" => parse_int(text).ok_or_else(|| invalid("an integer")),
        "float" => parse_f64(text).map(|f| Value::Number(f.into())).ok_or_else(|| invalid("a float")),
        "null" => parse_null(text).then_some(Value::Null).ok_or_else(|| invalid("null")),
        _ => Ok(Value::String(text.to_string())),
    }
}

/// Whether a plain scalar `text` reads back as this same string (not as null,
/// a boolean or a number, and not refused as a too-wide integer), without
/// building the value: the writer asks this of every string it writes.
pub(super) fn reads_as_string(text: &str) -> bool {
    !(text.is_empty()
        || parse_null(text)
        || parse_bool(text).is_some()
        || parse_int(text).is_some()
        || wide_integer(text).is_some()
        || (!digits_but_not_number(text) && parse_f64(text).is_some()))
}

// Models serde_yaml 0.9 de.rs visit_untagged_scalar.
pub(super) fn resolve_plain(text: &str) -> Value {
    if text.is_empty() || parse_null(text) {
        return Value::Null;
    }
    if let Some(b) = parse_bool(text) {
        return Value::Bool(b);
    }
    if let Some(number) = parse_int(text) {
        return number;
    }
    if !digits_but_not_number(text) {
        if let Some(f) = parse_f64(text) {
            return Value::Number(f.into());
        }
    }
    Value::String(text.to_string())
}

fn parse_null(text: &str) -> bool {
    matches!(text, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// serde_yaml reads integers beyond 64 bits as 128-bit ones, which its
/// `Value` refuses (serde's default `visit_u128`/`visit_i128` message).
fn wide_integer(text: &str) -> Option<String> {
    let (sign, digits) = match text.as_bytes().first()? {
        b'-' => ("-", &text[1..]),
        b'+' => ("", &text[1..]),
        _ => ("", text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || parse_int(text).is_some() || digits_but_not_number(text) {
        return None;
    }
    let n = digits.parse::<u128>().ok()?;
    Some(format!("invalid type: integer `{sign}{n}` as {}128, expected any YAML value", if sign.is_empty() { "u" } else { "i" }))
}

/// An integer serde_yaml's `Value` can hold (u64 or i64), with its 0x, 0o and
/// 0b forms.
fn parse_int(text: &str) -> Option<Value> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if unsigned.starts_with(['+', '-']) {
        return None;
    }
    let (radix, digits) = if let Some(rest) = unsigned.strip_prefix("0x") {
        (16, rest)
    } else if let Some(rest) = unsigned.strip_prefix("0o") {
        (8, rest)
    } else if let Some(rest) = unsigned.strip_prefix("0b") {
        (2, rest)
    } else {
        if digits_but_not_number(text) {
            return None;
        }
        (10, unsigned)
    };
    // from_str_radix accepts a sign of its own, which YAML does not put there.
    if digits.starts_with(['+', '-']) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if !negative {
        return Some(Value::Number(magnitude.into()));
    }
    match magnitude {
        0 => Some(Value::Number(0u64.into())),
        m if m <= i64::MAX as u64 + 1 => Some(Value::Number(Number::from((m as i64).wrapping_neg()))),
        _ => None,
    }
}

// Models serde_yaml 0.9 de.rs parse_f64.
fn parse_f64(text: &str) -> Option<f64> {
    let unsigned = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    match text {
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    super::decimal::decimal_to_f64(unsigned).filter(|f| f.is_finite())
}

/// Leading zeros followed by digits are a string in YAML 1.2 ("0755", "007").
pub(super) fn digits_but_not_number(text: &str) -> bool {
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    text.len() > 1 && text.starts_with('0') && text[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_plain_scalars_like_serde_yaml() {
        let v = from_str("a: 1\nb: -2\nc: 0x1F\nd: 0755\ne: 1.5\nf: .inf\ng: true\nh: ~\ni: ''\nj: '1'\nk:\nl: 1e3\nm: 0o17\n").unwrap();
        let get = |k: &str| v.get(k).cloned().unwrap();
        assert_eq!(get("a"), Value::Number(1u64.into()));
        assert_eq!(get("b"), Value::Number((-2i64).into()));
        assert_eq!(get("c"), Value::Number(31u64.into()));
        assert_eq!(get("d"), Value::String("0755".into()));
        assert_eq!(get("e"), Value::Number(1.5f64.into()));
        assert_eq!(get("f"), Value::Number(f64::INFINITY.into()));
        assert_eq!(get("g"), Value::Bool(true));
        assert_eq!(get("h"), Value::Null);
        assert_eq!(get("i"), Value::String(String::new()));
        assert_eq!(get("j"), Value::String("1".into()));
        assert_eq!(get("k"), Value::Null);
        assert_eq!(get("l"), Value::Number(1000f64.into()));
        assert_eq!(get("m"), Value::Number(15u64.into()));
    }

    #[test]
    fn refuses_duplicates_deep_nesting_and_alias_bombs() {
        let dup = from_str("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!((dup.message.as_str(), dup.line), ("duplicate entry with key \"a\"", 3));
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(from_str(&deep).unwrap_err().message, "recursion limit exceeded");
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"].windows(2).map(|w| (w[0], w[1])) {
            bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        assert_eq!(from_str(&bomb).unwrap_err().message, "repetition limit exceeded");
    }

    #[test]
    fn locates_syntax_errors() {
        let e = from_str("a: 1\nb: [1,\n").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = from_str("a:\n  b: 1\n  c: d: e\n").unwrap_err();
        assert_eq!((e.message.as_str(), e.line), ("mapping values are not allowed in this context", 3), "{e}");
    }
}
