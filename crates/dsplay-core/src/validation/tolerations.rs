//! `spec.template.spec.tolerations`.

use super::field_error::FieldError;
use super::label_syntax::label_value_errors;
use super::object_meta::validate_label_name;
use super::render::{go_quote, json_string, json_toleration};
use crate::model::Toleration;

const TAINT_EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// `Lt`/`Gt` operators need an alpha feature gate (v1.35+), off by default:
/// they are unsupported here.
// Models pkg/apis/core/validation/validation.go ValidateTolerations (and validateTaintEffect)
pub(crate) fn validate_tolerations(
    tolerations: &[Toleration],
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    for (i, t) in tolerations.iter().enumerate() {
        let item = format!("{path}[{i}]");
        let operator_path = format!("{item}.operator");
        let effect_path = format!("{item}.effect");
        if !t.key.is_empty() {
            validate_label_name(&t.key, &format!("{item}.key"), errs);
        }
        // An empty key with operator Exists (and no value) matches every taint.
        if t.key.is_empty() && t.operator != "Exists" {
            errs.push(FieldError::invalid(
                &operator_path,
                &json_string(&t.operator),
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            ));
        }
        if t.toleration_seconds.is_some() && t.effect != "NoExecute" {
            errs.push(FieldError::invalid(
                &effect_path,
                &json_string(&t.effect),
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            ));
        }
        match t.operator.as_str() {
            // An empty operator means Equal.
            "Equal" | "" => {
                let msgs = label_value_errors(&t.value);
                if !msgs.is_empty() {
                    errs.push(FieldError::invalid(
                        &operator_path,
                        &go_quote(&t.value),
                        &msgs.join(";"),
                    ));
                }
            }
            "Exists" => {
                if !t.value.is_empty() {
                    errs.push(FieldError::invalid(
                        &operator_path,
                        &json_toleration(t),
                        "value must be empty when `operator` is 'Exists'",
                    ));
                }
            }
            operator => {
                errs.push(FieldError::not_supported(
                    &operator_path,
                    &json_string(operator),
                    &["Equal", "Exists"],
                ));
            }
        }
        // An empty effect matches every taint effect.
        if !t.effect.is_empty() && !TAINT_EFFECTS.contains(&t.effect.as_str()) {
            errs.push(FieldError::not_supported(
                &effect_path,
                &json_string(&t.effect),
                &TAINT_EFFECTS,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toleration(
        key: &str,
        operator: &str,
        value: &str,
        effect: &str,
        seconds: Option<i64>,
    ) -> Toleration {
        Toleration {
            key: key.into(),
            operator: operator.into(),
            value: value.into(),
            effect: effect.into(),
            toleration_seconds: seconds,
        }
    }

    fn validate(t: Toleration) -> Vec<String> {
        let mut errs = Vec::new();
        validate_tolerations(
            &[toleration("ok", "Exists", "", "", None), t],
            "spec.template.spec.tolerations",
            &mut errs,
        );
        errs.into_iter().map(|e| e.message).collect()
    }

    #[test]
    fn valid_tolerations() {
        assert!(validate(toleration("", "Exists", "", "", None)).is_empty());
        assert!(validate(toleration("k", "", "v", "NoSchedule", None)).is_empty());
        assert!(validate(toleration("k", "Equal", "", "NoExecute", Some(30))).is_empty());
    }

    #[test]
    fn empty_key_needs_exists() {
        // Conformance case 112-validation-toleration-empty-key-equal.
        assert_eq!(
            validate(toleration("", "Equal", "x", "NoSchedule", None)),
            vec!["spec.template.spec.tolerations[1].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""]
        );
        assert_eq!(
            validate(toleration("", "", "", "", None)),
            vec!["spec.template.spec.tolerations[1].operator: Invalid value: \"\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""]
        );
    }

    #[test]
    fn exists_forbids_value() {
        assert_eq!(
            validate(toleration("k", "Exists", "v", "NoSchedule", None)),
            vec!["spec.template.spec.tolerations[1].operator: Invalid value: {\"Key\":\"k\",\"Operator\":\"Exists\",\"Value\":\"v\",\"Effect\":\"NoSchedule\",\"TolerationSeconds\":null}: value must be empty when `operator` is 'Exists'"]
        );
    }

    #[test]
    fn toleration_seconds_needs_no_execute() {
        assert_eq!(
            validate(toleration("k", "Exists", "", "NoSchedule", Some(60))),
            vec!["spec.template.spec.tolerations[1].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]
        );
        assert_eq!(
            validate(toleration("k", "Exists", "", "", Some(60))),
            vec!["spec.template.spec.tolerations[1].effect: Invalid value: \"\": effect must be 'NoExecute' when `tolerationSeconds` is set"]
        );
    }

    #[test]
    fn unsupported_operator_and_effect() {
        assert_eq!(
            validate(toleration("k", "In", "v", "Foo", None)),
            vec![
                "spec.template.spec.tolerations[1].operator: Unsupported value: \"In\": supported values: \"Equal\", \"Exists\"",
                "spec.template.spec.tolerations[1].effect: Unsupported value: \"Foo\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
            ]
        );
        assert_eq!(
            validate(toleration("k", "Gt", "5", "", None)),
            vec!["spec.template.spec.tolerations[1].operator: Unsupported value: \"Gt\": supported values: \"Equal\", \"Exists\""]
        );
    }

    #[test]
    fn key_and_value_syntax() {
        assert_eq!(
            validate(toleration("bad key", "Equal", "bad value", "", None)),
            vec![
                "spec.template.spec.tolerations[1].key: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "spec.template.spec.tolerations[1].operator: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            ]
        );
        let long = format!("{}-", "v".repeat(63));
        let errs = validate(toleration("k", "", &long, "", None));
        assert_eq!(errs.len(), 1);
        assert!(errs[0].contains(": must be no more than 63 bytes;a valid label must be"));
    }
}
