//! How the API server prints a bad value inside an error message (v1.34+).
//!
//! Models apimachinery/pkg/util/validation/field/errors.go `Error.ErrorBody`:
//! a plain Go `string` is printed with `%q`, integers bare, everything else
//! (named string types such as `RestartPolicy`, maps, structs, `IntOrString`)
//! as `encoding/json` output. The two quotings differ only for unusual
//! characters, but those are exactly the ones a user gets wrong.

use crate::model::{IntOrString, Labels, Toleration, UpdateStrategy};

const HEX: &[u8; 16] = b"0123456789abcdef";

fn push_hex(out: &mut String, value: u32, digits: u32) {
    for shift in (0..digits).rev() {
        let nibble = (value >> (shift * 4)) & 0xF;
        out.push(char::from(
            HEX.get(nibble as usize).copied().unwrap_or(b'0'),
        ));
    }
}

/// Go's `unicode.IsPrint`, without Unicode tables: ASCII exactly; beyond ASCII
/// every character counts as printable except the spaces, format characters,
/// private-use characters and noncharacters listed here (unassigned code points
/// are treated as printable, where Go would escape them).
fn is_print(c: char) -> bool {
    let u = u32::from(c);
    if u < 0x80 {
        return (0x20..0x7F).contains(&u);
    }
    let not_printable = matches!(
        u,
        0x80..=0xA0
            | 0xAD
            | 0x0600..=0x0605
            | 0x061C
            | 0x06DD
            | 0x070F
            | 0x0890..=0x0891
            | 0x08E2
            | 0x1680
            | 0x180E
            | 0x2000..=0x200F
            | 0x2028..=0x202F
            | 0x205F..=0x206F
            | 0x3000
            | 0xE000..=0xF8FF
            | 0xFDD0..=0xFDEF
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0x110BD
            | 0x110CD
            | 0x13430..=0x1343F
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0001
            | 0xE0020..=0xE007F
            | 0xF0000..=0x10FFFF
    ) || (u & 0xFFFE) == 0xFFFE;
    !not_printable
}

/// Go `strconv.Quote` (`%q`).
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_print(c) => out.push(c),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if u32::from(c) < 0x20 || c == '\u{7f}' => {
                out.push_str("\\x");
                push_hex(&mut out, u32::from(c), 2);
            }
            c if u32::from(c) < 0x10000 => {
                out.push_str("\\u");
                push_hex(&mut out, u32::from(c), 4);
            }
            c => {
                out.push_str("\\U");
                push_hex(&mut out, u32::from(c), 8);
            }
        }
    }
    out.push('"');
    out
}

/// Go `encoding/json` string encoding (HTML-safe, Go 1.22+ `\b` and `\f`).
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 || matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') => {
                out.push_str("\\u");
                push_hex(&mut out, u32::from(c), 4);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A `map[string]string` as JSON, keys sorted. The model cannot tell an absent
/// map from `{}`; absent is far more common, and Go prints a nil map as `null`.
pub(crate) fn json_labels(labels: &Labels) -> String {
    if labels.is_empty() {
        return "null".to_string();
    }
    let mut out = String::from("{");
    for (i, (key, value)) in labels.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&json_string(key));
        out.push(':');
        out.push_str(&json_string(value));
    }
    out.push('}');
    out
}

/// `intstr.IntOrString` as its `MarshalJSON` prints it.
pub(crate) fn json_int_or_string(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::Str(s) => json_string(s),
    }
}

/// The internal `core.Toleration` (no json tags: Go field names, no omitempty).
pub(crate) fn json_toleration(t: &Toleration) -> String {
    let seconds = t
        .toleration_seconds
        .map_or_else(|| "null".to_string(), |s| s.to_string());
    format!(
        "{{\"Key\":{},\"Operator\":{},\"Value\":{},\"Effect\":{},\"TolerationSeconds\":{}}}",
        json_string(&t.key),
        json_string(&t.operator),
        json_string(&t.value),
        json_string(&t.effect),
        seconds
    )
}

/// The internal `apps.DaemonSetUpdateStrategy` (no json tags); an unset
/// `IntOrString` is its zero value, the integer 0.
pub(crate) fn json_update_strategy(s: &UpdateStrategy) -> String {
    let rolling = match &s.rolling_update {
        None => "null".to_string(),
        Some(r) => {
            let zero = IntOrString::Int(0);
            format!(
                "{{\"MaxUnavailable\":{},\"MaxSurge\":{}}}",
                json_int_or_string(r.max_unavailable.as_ref().unwrap_or(&zero)),
                json_int_or_string(r.max_surge.as_ref().unwrap_or(&zero))
            )
        }
    };
    format!(
        "{{\"Type\":{},\"RollingUpdate\":{}}}",
        json_string(&s.kind),
        rolling
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RollingUpdate;

    #[test]
    fn go_quote_plain_and_escapes() {
        assert_eq!(go_quote("abc"), "\"abc\"");
        assert_eq!(go_quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(go_quote("a\nb\tc\u{7}"), "\"a\\nb\\tc\\a\"");
        assert_eq!(go_quote("\u{1}\u{7f}"), "\"\\x01\\x7f\"");
        assert_eq!(go_quote("café <&>"), "\"café <&>\"");
        assert_eq!(go_quote("a\u{a0}b\u{200b}"), "\"a\\u00a0b\\u200b\"");
        assert_eq!(go_quote("\u{f0000}"), "\"\\U000f0000\"");
        assert_eq!(go_quote(""), "\"\"");
    }

    #[test]
    fn json_string_escapes_like_encoding_json() {
        assert_eq!(json_string("OnFailure"), "\"OnFailure\"");
        assert_eq!(json_string("a<b>&c"), "\"a\\u003cb\\u003e\\u0026c\"");
        assert_eq!(json_string("\u{8}\u{c}\n\u{1}"), "\"\\b\\f\\n\\u0001\"");
        assert_eq!(json_string("\u{7f}é\u{2028}"), "\"\u{7f}é\\u2028\"");
    }

    #[test]
    fn labels_render_sorted_or_null() {
        let mut labels = Labels::new();
        assert_eq!(json_labels(&labels), "null");
        labels.insert("b".into(), "2".into());
        labels.insert("a".into(), "1".into());
        assert_eq!(json_labels(&labels), "{\"a\":\"1\",\"b\":\"2\"}");
    }

    #[test]
    fn structs_render_with_go_field_names() {
        let t = Toleration {
            key: "k".into(),
            operator: "Exists".into(),
            value: "v".into(),
            effect: String::new(),
            toleration_seconds: Some(5),
        };
        assert_eq!(
            json_toleration(&t),
            "{\"Key\":\"k\",\"Operator\":\"Exists\",\"Value\":\"v\",\"Effect\":\"\",\"TolerationSeconds\":5}"
        );
        let s = UpdateStrategy {
            kind: "Foo".into(),
            rolling_update: None,
        };
        assert_eq!(
            json_update_strategy(&s),
            "{\"Type\":\"Foo\",\"RollingUpdate\":null}"
        );
        let s = UpdateStrategy {
            kind: "Foo".into(),
            rolling_update: Some(RollingUpdate {
                max_unavailable: Some(IntOrString::Str("10%".into())),
                max_surge: None,
            }),
        };
        assert_eq!(
            json_update_strategy(&s),
            "{\"Type\":\"Foo\",\"RollingUpdate\":{\"MaxUnavailable\":\"10%\",\"MaxSurge\":0}}"
        );
    }
}
