//! Label keys, label values and DNS names, checked character by character.
//!
//! Models apimachinery/pkg/api/validate/content (`kube.go` IsLabelKey /
//! IsLabelValue, `dns.go` IsDNS1123Subdomain / IsDNS1123Label, `errors.go`
//! MaxLenError / RegexError), which `util/validation` IsQualifiedName and
//! IsValidLabelValue use from v1.34 on. Lengths are in bytes, as in Go.

const LABEL_NAME_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_NAME_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1123_SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const LABEL_NAME_MAX: usize = 63;
const LABEL_VALUE_MAX: usize = 63;
const DNS1123_LABEL_MAX: usize = 63;
const DNS1123_SUBDOMAIN_MAX: usize = 253;

// Models content/errors.go MaxLenError
fn max_len_error(max: usize) -> String {
    format!("must be no more than {max} bytes")
}

// Models content/errors.go RegexError (note the two spaces before each "or").
fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    let mut out = String::from(msg);
    if examples.is_empty() {
        out.push_str(" (regex used for validation is '");
    } else {
        out.push_str(" (e.g. ");
        for (i, example) in examples.iter().enumerate() {
            if i > 0 {
                out.push_str(" or ");
            }
            out.push('\'');
            out.push_str(example);
            out.push_str("', ");
        }
        out.push_str("regex used for validation is '");
    }
    out.push_str(fmt);
    out.push_str("')");
    out
}

/// `^` first and last byte in `ends`, every byte in `ends` or `middle` `$`, non-empty.
fn matches_name(s: &str, ends: fn(u8) -> bool, middle: fn(u8) -> bool) -> bool {
    let bytes = s.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last)) => {
            ends(first) && ends(last) && bytes.iter().all(|&b| ends(b) || middle(b))
        }
        _ => false,
    }
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
fn is_label_name(s: &str) -> bool {
    matches_name(
        s,
        |b| b.is_ascii_alphanumeric(),
        |b| matches!(b, b'-' | b'_' | b'.'),
    )
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
fn is_dns1123_label(s: &str) -> bool {
    matches_name(
        s,
        |b| b.is_ascii_lowercase() || b.is_ascii_digit(),
        |b| b == b'-',
    )
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`
fn is_dns1123_subdomain(s: &str) -> bool {
    s.split('.').all(is_dns1123_label)
}

/// Why `key` is not a valid label key (`IsQualifiedName` / `IsLabelKey`); empty
/// when it is valid.
// Models apimachinery/pkg/api/validate/content/kube.go IsLabelKey
pub fn label_key_errors(key: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let mut parts = key.split('/');
    let first = parts.next().unwrap_or("");
    let (prefix, name) = match (parts.next(), parts.next()) {
        (None, _) => (None, first),
        (Some(name), None) => (Some(first), name),
        (Some(_), Some(_)) => {
            errs.push(format!(
                "a valid label key {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(LABEL_NAME_MSG, LABEL_NAME_FMT, &["MyName", "my.name", "123-abc"])
            ));
            return errs;
        }
    };
    if let Some(prefix) = prefix {
        if prefix.is_empty() {
            errs.push("prefix part must be non-empty".to_string());
        } else {
            errs.extend(
                dns1123_subdomain_errors(prefix)
                    .into_iter()
                    .map(|m| format!("prefix part {m}")),
            );
        }
    }
    if name.is_empty() {
        errs.push("name part must be non-empty".to_string());
    } else if name.len() > LABEL_NAME_MAX {
        errs.push(format!("name part {}", max_len_error(LABEL_NAME_MAX)));
    }
    if !is_label_name(name) {
        errs.push(format!(
            "name part {}",
            regex_error(
                LABEL_NAME_MSG,
                LABEL_NAME_FMT,
                &["MyName", "my.name", "123-abc"]
            )
        ));
    }
    errs
}

/// Why `value` is not a valid label value (`IsValidLabelValue`); empty when it is.
// Models apimachinery/pkg/api/validate/content/kube.go IsLabelValue
pub fn label_value_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > LABEL_VALUE_MAX {
        errs.push(max_len_error(LABEL_VALUE_MAX));
    }
    if !value.is_empty() && !is_label_name(value) {
        errs.push(regex_error(
            LABEL_VALUE_MSG,
            LABEL_VALUE_FMT,
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

/// Why `name` is not a lowercase RFC 1123 subdomain (object names, node names,
/// label key prefixes); empty when it is one.
// Models apimachinery/pkg/api/validate/content/dns.go IsDNS1123Subdomain
pub fn dns1123_subdomain_errors(name: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if name.len() > DNS1123_SUBDOMAIN_MAX {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX));
    }
    if !is_dns1123_subdomain(name) {
        errs.push(regex_error(
            DNS1123_SUBDOMAIN_MSG,
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    errs
}

/// Why `name` is not a lowercase RFC 1123 label (namespaces, container names).
// Models apimachinery/pkg/api/validate/content/dns.go IsDNS1123Label
pub(crate) fn dns1123_label_errors(name: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if name.len() > DNS1123_LABEL_MAX {
        errs.push(max_len_error(DNS1123_LABEL_MAX));
    }
    if !is_dns1123_label(name) {
        if is_dns1123_subdomain(name) {
            errs.push("must not contain dots".to_string());
        } else {
            errs.push(regex_error(
                DNS1123_LABEL_MSG,
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAME_REGEX: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    const VALUE_REGEX: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    const SUBDOMAIN_REGEX: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    #[test]
    fn valid_label_keys() {
        for key in [
            "app",
            "App_1.x-y",
            "a",
            "example.com/name",
            "kubernetes.io/os",
            "node-role.kubernetes.io/control-plane",
        ] {
            assert!(label_key_errors(key).is_empty(), "{key}");
        }
        assert!(label_key_errors(&"a".repeat(63)).is_empty());
    }

    #[test]
    fn label_key_name_part() {
        assert_eq!(
            label_key_errors("-app"),
            vec![format!("name part {NAME_REGEX}")]
        );
        assert_eq!(
            label_key_errors("my key"),
            vec![format!("name part {NAME_REGEX}")]
        );
        assert_eq!(
            label_key_errors(""),
            vec![
                "name part must be non-empty".to_string(),
                format!("name part {NAME_REGEX}")
            ]
        );
        assert_eq!(
            label_key_errors(&"a".repeat(64)),
            vec!["name part must be no more than 63 bytes".to_string()]
        );
        assert_eq!(
            label_key_errors("é"),
            vec![format!("name part {NAME_REGEX}")]
        );
    }

    #[test]
    fn label_key_prefix_part() {
        assert_eq!(
            label_key_errors("/app"),
            vec!["prefix part must be non-empty".to_string()]
        );
        assert_eq!(
            label_key_errors("Example.com/app"),
            vec![format!("prefix part {SUBDOMAIN_REGEX}")]
        );
        assert_eq!(
            label_key_errors("example.com/"),
            vec![
                "name part must be non-empty".to_string(),
                format!("name part {NAME_REGEX}")
            ]
        );
    }

    #[test]
    fn label_key_too_many_slashes() {
        assert_eq!(
            label_key_errors("a/b/c"),
            vec![format!(
                "a valid label key {NAME_REGEX} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            )]
        );
    }

    #[test]
    fn label_values() {
        for value in ["", "x", "my_value", "1.2.3", "A-b"] {
            assert!(label_value_errors(value).is_empty(), "{value}");
        }
        assert_eq!(label_value_errors("a b"), vec![VALUE_REGEX.to_string()]);
        assert_eq!(label_value_errors("-x"), vec![VALUE_REGEX.to_string()]);
        assert_eq!(
            label_value_errors(&"v".repeat(64)),
            vec!["must be no more than 63 bytes".to_string()]
        );
        assert_eq!(
            label_value_errors(&format!("{}-", "v".repeat(63))),
            vec![
                "must be no more than 63 bytes".to_string(),
                VALUE_REGEX.to_string()
            ]
        );
    }

    #[test]
    fn dns_subdomains() {
        for name in ["ds", "node-1", "a.b-c.d", "0"] {
            assert!(dns1123_subdomain_errors(name).is_empty(), "{name}");
        }
        for name in ["", "Node", "a..b", ".a", "a.", "-a", "a_b"] {
            assert_eq!(
                dns1123_subdomain_errors(name),
                vec![SUBDOMAIN_REGEX.to_string()],
                "{name}"
            );
        }
        assert_eq!(
            dns1123_subdomain_errors(&"a".repeat(254)),
            vec!["must be no more than 253 bytes".to_string()]
        );
    }

    #[test]
    fn dns_labels() {
        assert!(dns1123_label_errors("default").is_empty());
        assert_eq!(
            dns1123_label_errors("a.b"),
            vec!["must not contain dots".to_string()]
        );
        assert_eq!(
            dns1123_label_errors("My_Ns"),
            vec!["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')".to_string()]
        );
        assert_eq!(
            dns1123_label_errors(&"a".repeat(64)),
            vec!["must be no more than 63 bytes".to_string()]
        );
    }
}
