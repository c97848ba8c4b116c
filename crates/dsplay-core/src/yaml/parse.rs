//! Reading one YAML document into a `Value` (the text is read by `reader`),
//! and resolving its scalars the way serde_yaml 0.9 resolves them.

use std::fmt;

use super::{Number, Tag, TaggedValue, Value};

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

/// One document (an empty text is `Value::Null`). Never panics.
pub fn from_str(text: &str) -> Result<Value, SyntaxError> {
    super::reader::Reader::new(text).document()
}

/// A node's tag, resolved from its handle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum TagKind {
    /// `!!name`: the suffix of a YAML core schema tag.
    Core(String),
    /// `!name` (or `!` alone): what serde_yaml keeps as `Value::Tagged`.
    Local(String),
    /// Any other URI: dropped, as serde_yaml's parse_tag drops it.
    Other,
}

impl TagKind {
    /// The kind of a tag written out in full (`tag:yaml.org,2002:str`, `!foo`).
    pub(super) fn of(full: &str) -> TagKind {
        if let Some(suffix) = full.strip_prefix("tag:yaml.org,2002:") {
            TagKind::Core(suffix.to_string())
        } else if let Some(rest) = full.strip_prefix('!') {
            TagKind::Local(if rest.is_empty() { "!".to_string() } else { rest.to_string() })
        } else {
            TagKind::Other
        }
    }
}

/// serde_yaml's words for a repeated key.
pub(super) fn duplicate_key_message(key: &Value) -> String {
    match key {
        Value::Null => "duplicate entry with null key".to_string(),
        Value::Bool(b) => format!("duplicate entry with key `{b}`"),
        Value::Number(n) => format!("duplicate entry with key {n}"),
        // serde_yaml quotes with Rust's Debug; Go's quoting is the same for printable text.
        Value::String(s) => format!("duplicate entry with key {}", crate::validation::go_quote(s)),
        _ => "duplicate entry in YAML map".to_string(),
    }
}

pub(super) fn node_count(value: &Value) -> usize {
    match value {
        Value::Sequence(items) => 1 + items.iter().map(node_count).sum::<usize>(),
        Value::Mapping(mapping) => 1 + mapping.iter().map(|(k, v)| node_count(k) + node_count(v)).sum::<usize>(),
        Value::Tagged(tagged) => node_count(&tagged.value),
        _ => 1,
    }
}

// Models serde_yaml 0.9 de.rs visit_scalar: core-schema tags force a type,
// local tags wrap the value, plain scalars are resolved, the others are strings.
pub(super) fn scalar_value(tag: Option<&TagKind>, text: &str, plain: bool) -> Result<Value, String> {
    match tag {
        None if plain => match wide_integer(text) {
            Some(wide) => Err(wide),
            None => Ok(resolve_plain(text)),
        },
        None | Some(TagKind::Other) => Ok(Value::String(text.to_string())),
        Some(TagKind::Local(tag)) => {
            let value = if plain { resolve_plain(text) } else { Value::String(text.to_string()) };
            Ok(Value::Tagged(Box::new(TaggedValue { tag: Tag::new(tag), value })))
        }
        Some(TagKind::Core(suffix)) => {
            let invalid = |what: &str| format!("invalid value: string {}, expected {what}", crate::validation::go_quote(text));
            match suffix.as_str() {
                "bool" => parse_bool(text).map(Value::Bool).ok_or_else(|| invalid("a boolean")),
                "int" => parse_int(text).ok_or_else(|| invalid("an integer")),
                "float" => parse_f64(text).map(|f| Value::Number(f.into())).ok_or_else(|| invalid("a float")),
                "null" => parse_null(text).then_some(Value::Null).ok_or_else(|| invalid("null")),
                _ => Ok(Value::String(text.to_string())),
            }
        }
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

/// An integer `Value` can hold (u64 or i64, as in serde_yaml), with its 0x, 0o and
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
