//! Writing a `Value` as block-style YAML, in the layout serde_yaml (libyaml)
//! writes: two-space indents, sequences inside mappings not indented, strings
//! plain where that reads back as the same string, multi-line strings as
//! literal blocks.

use std::fmt::Write;

use super::{Mapping, Tag, Value};

/// The YAML text of `value`, ending in a newline. `from_str` reads it back as `value`.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Mapping(m) if !m.is_empty() => mapping(&mut out, m, 0),
        Value::Sequence(s) if !s.is_empty() => sequence(&mut out, s, 0),
        _ => {
            // A root block scalar's lines are indented too (by libyaml's two).
            inline(&mut out, value, 2);
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// Entries at `indent`; the first one's padding is already written when the
/// mapping continues a `- ` line.
fn mapping(out: &mut String, m: &Mapping, indent: usize) {
    for (i, (key, value)) in m.iter().enumerate() {
        if i > 0 || !out.ends_with("- ") {
            pad(out, indent);
        }
        match key {
            // A key is one line: no literal blocks.
            Value::String(s) if style_of(s) == Style::Literal => double_quoted(out, s),
            Value::Mapping(_) | Value::Sequence(_) => flow(out, key),
            _ => inline(out, key, indent),
        }
        out.push(':');
        match value {
            Value::Mapping(inner) if !inner.is_empty() => {
                out.push('\n');
                mapping(out, inner, indent + 2);
            }
            // libyaml writes a mapping's sequence at the mapping's own indent.
            Value::Sequence(items) if !items.is_empty() => {
                out.push('\n');
                sequence(out, items, indent);
            }
            _ => {
                out.push(' ');
                inline(out, value, indent + 2);
                out.push('\n');
            }
        }
    }
}

fn sequence(out: &mut String, items: &[Value], indent: usize) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !out.ends_with("- ") {
            pad(out, indent);
        }
        out.push_str("- ");
        match item {
            Value::Mapping(inner) if !inner.is_empty() => mapping(out, inner, indent + 2),
            Value::Sequence(inner) if !inner.is_empty() => sequence(out, inner, indent + 2),
            _ => {
                inline(out, item, indent + 2);
                out.push('\n');
            }
        }
    }
}

/// A scalar, an empty collection or a tagged value on the current line; block
/// scalars continue on the following lines at `indent`.
fn inline(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) => string(out, s, indent),
        Value::Sequence(_) | Value::Mapping(_) => flow(out, value),
        Value::Tagged(tagged) => {
            // serde_yaml shows the non-specific tag `!` as `!!`, which is not one.
            tag(out, &tagged.tag);
            match &tagged.value {
                Value::Sequence(_) | Value::Mapping(_) => flow(out, &tagged.value),
                other => inline(out, other, indent),
            }
        }
    }
}

/// A tag and the space after it. serde_yaml shows the non-specific tag `!` as
/// `!!`, which is not one; characters a tag cannot hold as they are are
/// %-escaped (reading decodes them).
fn tag(out: &mut String, tag: &Tag) {
    let text = tag.to_string();
    if text == "!!" {
        out.push('!');
    } else {
        for (i, b) in text.bytes().enumerate() {
            // A `!` past the first would read as the end of a named handle (`!h!x`).
            if b.is_ascii_graphic() && !matches!(b, b',' | b'[' | b']' | b'{' | b'}' | b'%') && (i == 0 || b != b'!') {
                out.push(b as char);
            } else {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out.push(' ');
}

/// Flow style (`{a: 1}`, `[x]`), for empty collections and collection keys.
fn flow(out: &mut String, value: &Value) {
    match value {
        Value::Sequence(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flow(out, item);
            }
            out.push(']');
        }
        Value::Mapping(m) => {
            out.push('{');
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                flow(out, k);
                out.push_str(": ");
                flow(out, v);
            }
            out.push('}');
        }
        Value::String(s) => match style_of(s) {
            // Flow context forbids more in plain scalars than block context does.
            Style::Plain if !s.contains([',', '[', ']', '{', '}']) => out.push_str(s),
            Style::Plain | Style::SingleQuoted => single_quoted(out, s),
            Style::Literal | Style::DoubleQuoted => double_quoted(out, s),
        },
        Value::Tagged(tagged) => {
            tag(out, &tagged.tag);
            flow(out, &tagged.value);
        }
        other => inline(out, other, 0),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

fn string(out: &mut String, s: &str, indent: usize) {
    match style_of(s) {
        Style::Plain => out.push_str(s),
        Style::SingleQuoted => single_quoted(out, s),
        Style::DoubleQuoted => double_quoted(out, s),
        Style::Literal => literal(out, s, indent),
    }
}

// Models serde_yaml 0.9 ser.rs serialize_str (strings that would read back as
// another type are quoted, multi-line ones are literal blocks) and libyaml's
// yaml_emitter_analyze_scalar (what a plain or single-quoted scalar may hold).
fn style_of(s: &str) -> Style {
    let special = s.chars().any(|c| !printable(c));
    if s.contains('\n') {
        let literal_ok = !special && !s.starts_with([' ', '\n']) && !s.contains(" \n") && !s.ends_with(' ');
        return if literal_ok { Style::Literal } else { Style::DoubleQuoted };
    }
    if special {
        return Style::DoubleQuoted;
    }
    if !super::parse::reads_as_string(s) || super::parse::digits_but_not_number(s) {
        return Style::SingleQuoted;
    }
    if s.starts_with([' ', '\t']) || s.ends_with([' ', '\t']) || s.starts_with("---") || s.starts_with("...") {
        return Style::SingleQuoted;
    }
    let bytes = s.as_bytes();
    let followed_by_space = |i: usize| bytes.get(i + 1).is_none_or(|b| matches!(b, b' ' | b'\t'));
    for (i, &b) in bytes.iter().enumerate() {
        let indicator = if i == 0 {
            matches!(b, b'#' | b',' | b'[' | b']' | b'{' | b'}' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`')
                || (matches!(b, b'?' | b':' | b'-') && followed_by_space(i))
        } else {
            (b == b':' && followed_by_space(i)) || (b == b'#' && matches!(bytes[i - 1], b' ' | b'\t'))
        };
        if indicator {
            return Style::SingleQuoted;
        }
    }
    Style::Plain
}

/// What libyaml writes unescaped (with unicode output on).
fn printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && c != '\u{FEFF}'
}

fn single_quoted(out: &mut String, s: &str) {
    out.push('\'');
    out.push_str(&s.replace('\'', "''"));
    out.push('\'');
}

fn double_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xFF => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c if (c as u32) <= 0xFFFF => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
        }
    }
    out.push('"');
}

/// `|`, `|-` or `|+` by how the text ends, then its lines at `indent`.
fn literal(out: &mut String, s: &str, indent: usize) {
    let body = s.trim_end_matches('\n');
    out.push_str(match s.len() - body.len() {
        0 => "|-",
        1 => "|",
        _ => "|+",
    });
    for line in s[..s.len() - usize::from(s.ends_with('\n'))].split('\n') {
        out.push('\n');
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::from_str;
    use super::*;

    #[test]
    fn writes_the_layout_serde_yaml_writes() {
        let text = "a: 1\nb:\n  c: x\n  d:\n  - e: 1\n    f: '2'\n  - - g\n    - h\n  - []\ni: {}\nj: |-\n  two\n  lines\nk: ''\nl: 'yes: no'\nm: null\n";
        let value = from_str(text).unwrap();
        assert_eq!(to_string(&value), text);
    }

    #[test]
    fn strings_read_back_as_themselves() {
        for s in ["", " ", "true", "1", "0755", "99999999999999999999999", "-99999999999999999999999", "1e3", ".inf", "~", "- a", "a: b", "a #b", "#a", "x\n", "x\n\n", "a\tb", "\u{7}", "'q'", "\"", "---", "@x", "a,b", "é", "line\n  indented\n", " lead\nx", "tail \nx"] {
            let value = Value::Mapping([(Value::String(s.into()), Value::String(s.into()))].into_iter().collect());
            let text = to_string(&value);
            assert_eq!(from_str(&text).unwrap(), value, "{s:?} was written as {text:?}");
        }
    }
}
