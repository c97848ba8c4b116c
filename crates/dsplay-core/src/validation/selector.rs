//! `spec.selector`: its syntax, and whether it selects the template's labels.

use super::field_error::FieldError;
use super::label_syntax::label_value_errors;
use super::object_meta::{validate_label_name, validate_labels};
use super::render::{go_quote, json_string};
use crate::model::LabelSelector;

// Models apimachinery/pkg/apis/meta/v1/validation/validation.go ValidateLabelSelector
pub(crate) fn validate_label_selector(
    selector: &LabelSelector,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    validate_labels(&selector.match_labels, &format!("{path}.matchLabels"), errs);
    for (i, requirement) in selector.match_expressions.iter().enumerate() {
        let path = format!("{path}.matchExpressions[{i}]");
        validate_requirement(&requirement.key, &requirement.operator, &requirement.values, Operators::Label, &path, errs);
    }
}

/// The operators a requirement may use: a label selector's four, or those
/// and `Gt` and `Lt` in a node selector.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Operators {
    Label,
    Node,
}

// Models apimachinery/pkg/apis/meta/v1/validation/validation.go ValidateLabelSelectorRequirement
// (AllowInvalidLabelValueInSelector is false for a new object) and, with
// `Operators::Node`, pkg/apis/core/validation/validation.go
// ValidateNodeSelectorRequirement (v1.33+: values must be label values;
// AllowInvalidLabelValueInRequiredNodeAffinity is false for a new object):
// the same checks in the same order.
pub(super) fn validate_requirement(
    key: &str,
    operator: &str,
    values: &[String],
    operators: Operators,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    let values_path = format!("{path}.values");
    match operator {
        "In" | "NotIn" => {
            if values.is_empty() {
                errs.push(FieldError::required(
                    &values_path,
                    "must be specified when `operator` is 'In' or 'NotIn'",
                ));
            }
        }
        "Exists" | "DoesNotExist" => {
            if !values.is_empty() {
                errs.push(FieldError::forbidden(
                    &values_path,
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                ));
            }
        }
        "Gt" | "Lt" if operators == Operators::Node => {
            if values.len() != 1 {
                errs.push(FieldError::required(
                    &values_path,
                    "must be specified single value when `operator` is 'Lt' or 'Gt'",
                ));
            }
        }
        operator => errs.push(FieldError::invalid(
            &format!("{path}.operator"),
            &json_string(operator),
            "not a valid selector operator",
        )),
    }
    validate_label_name(key, &format!("{path}.key"), errs);
    for (i, value) in values.iter().enumerate() {
        for msg in label_value_errors(value) {
            errs.push(FieldError::invalid(
                &format!("{values_path}[{i}]"),
                &go_quote(value),
                &msg,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LabelSelectorRequirement, Labels};

    fn requirement(key: &str, operator: &str, values: &[&str]) -> LabelSelectorRequirement {
        LabelSelectorRequirement {
            key: key.into(),
            operator: operator.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    fn validate(selector: &LabelSelector) -> Vec<String> {
        let mut errs = Vec::new();
        validate_label_selector(selector, "spec.selector", &mut errs);
        errs.into_iter().map(|e| e.message).collect()
    }

    #[test]
    fn in_needs_values() {
        let selector = LabelSelector {
            match_expressions: vec![requirement("app", "In", &[])],
            ..Default::default()
        };
        assert_eq!(
            validate(&selector),
            vec!["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]
        );
    }

    #[test]
    fn exists_forbids_values() {
        let selector = LabelSelector {
            match_expressions: vec![requirement("app", "DoesNotExist", &["x"])],
            ..Default::default()
        };
        assert_eq!(
            validate(&selector),
            vec!["spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]
        );
    }

    #[test]
    fn gt_is_for_node_selectors_only() {
        let selector = LabelSelector { match_expressions: vec![requirement("rank", "Gt", &["1"])], ..Default::default() };
        assert_eq!(
            validate(&selector),
            vec!["spec.selector.matchExpressions[0].operator: Invalid value: \"Gt\": not a valid selector operator"]
        );
    }

    #[test]
    fn unknown_operator_then_key_then_values() {
        let selector = LabelSelector {
            match_expressions: vec![
                requirement("app", "In", &["ok"]),
                requirement("-k", "Foo", &["a b"]),
            ],
            ..Default::default()
        };
        assert_eq!(
            validate(&selector),
            vec![
                "spec.selector.matchExpressions[1].operator: Invalid value: \"Foo\": not a valid selector operator",
                "spec.selector.matchExpressions[1].key: Invalid value: \"-k\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "spec.selector.matchExpressions[1].values[0]: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            ]
        );
    }

    #[test]
    fn match_labels_syntax() {
        let mut selector = LabelSelector::default();
        selector
            .match_labels
            .insert("app".into(), "bad value".into());
        let errs = validate(&selector);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with(
            "spec.selector.matchLabels: Invalid value: \"bad value\": a valid label must be"
        ));
    }

    #[test]
    fn matching() {
        let mut labels = Labels::new();
        labels.insert("app".into(), "ds".into());
        labels.insert("tier".into(), "node".into());
        assert!(!crate::selector::selects(None, &labels));
        assert!(crate::selector::selects(Some(&LabelSelector::default()), &labels));
        let mut selector = LabelSelector::default();
        selector.match_labels.insert("app".into(), "ds".into());
        assert!(crate::selector::selects(Some(&selector), &labels));
        selector.match_labels.insert("app".into(), "other".into());
        assert!(!crate::selector::selects(Some(&selector), &labels));

        let with = |r| LabelSelector {
            match_expressions: vec![r],
            ..Default::default()
        };
        assert!(crate::selector::selects(
            Some(&with(requirement("app", "In", &["x", "ds"]))),
            &labels
        ));
        assert!(!crate::selector::selects(
            Some(&with(requirement("app", "NotIn", &["ds"]))),
            &labels
        ));
        assert!(crate::selector::selects(
            Some(&with(requirement("gone", "NotIn", &["ds"]))),
            &labels
        ));
        assert!(crate::selector::selects(
            Some(&with(requirement("tier", "Exists", &[]))),
            &labels
        ));
        assert!(!crate::selector::selects(
            Some(&with(requirement("tier", "DoesNotExist", &[]))),
            &labels
        ));
        assert!(crate::selector::selects(
            Some(&with(requirement("gone", "DoesNotExist", &[]))),
            &labels
        ));
    }
}
