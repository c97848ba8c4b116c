//! `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`.
//! The API checks syntax only: Gt/Lt values are not checked for being integers.

use super::field_error::FieldError;
use super::label_syntax::dns1123_subdomain_errors;
use super::render::{go_quote, json_string};
use super::selector::{validate_requirement, Operators};
use crate::model::{NodeSelector, NodeSelectorRequirement};

// Models pkg/apis/core/validation/validation.go ValidateNodeSelector / ValidateNodeSelectorTerm
pub(crate) fn validate_node_selector(
    selector: &NodeSelector,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    let terms_path = format!("{path}.nodeSelectorTerms");
    if selector.terms.is_empty() {
        errs.push(FieldError::required(
            &terms_path,
            "must have at least one node selector term",
        ));
        return;
    }
    for (i, term) in selector.terms.iter().enumerate() {
        let term_path = format!("{terms_path}[{i}]");
        for (j, requirement) in term.match_expressions.iter().enumerate() {
            let path = format!("{term_path}.matchExpressions[{j}]");
            validate_requirement(&requirement.key, &requirement.operator, &requirement.values, Operators::Node, &path, errs);
        }
        for (j, requirement) in term.match_fields.iter().enumerate() {
            validate_field_requirement(requirement, &format!("{term_path}.matchFields[{j}]"), errs);
        }
    }
}

// Models pkg/apis/core/validation/validation.go ValidateNodeFieldSelectorRequirement
// (the only field key is metadata.name, validated with ValidateNodeName)
fn validate_field_requirement(
    requirement: &NodeSelectorRequirement,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    let values_path = format!("{path}.values");
    match requirement.operator.as_str() {
        "In" | "NotIn" => {
            if requirement.values.len() != 1 {
                errs.push(FieldError::required(
                    &values_path,
                    "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
                ));
            }
        }
        operator => errs.push(FieldError::invalid(
            &format!("{path}.operator"),
            &json_string(operator),
            "not a valid selector operator",
        )),
    }
    if requirement.key != "metadata.name" {
        errs.push(FieldError::invalid(
            &format!("{path}.key"),
            &go_quote(&requirement.key),
            "not a valid field selector key",
        ));
    } else {
        for (i, value) in requirement.values.iter().enumerate() {
            for msg in dns1123_subdomain_errors(value) {
                errs.push(FieldError::invalid(
                    &format!("{values_path}[{i}]"),
                    &go_quote(value),
                    &msg,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeSelectorTerm;

    const PATH: &str =
        "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution";

    fn requirement(key: &str, operator: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement {
            key: key.into(),
            operator: operator.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    fn validate_expressions(expressions: Vec<NodeSelectorRequirement>) -> Vec<String> {
        let selector = NodeSelector {
            terms: vec![NodeSelectorTerm {
                match_expressions: expressions,
                match_fields: vec![],
            }],
        };
        let mut errs = Vec::new();
        validate_node_selector(&selector, PATH, &mut errs);
        errs.into_iter().map(|e| e.message).collect()
    }

    fn validate_fields(fields: Vec<NodeSelectorRequirement>) -> Vec<String> {
        let selector = NodeSelector {
            terms: vec![NodeSelectorTerm {
                match_expressions: vec![],
                match_fields: fields,
            }],
        };
        let mut errs = Vec::new();
        validate_node_selector(&selector, PATH, &mut errs);
        errs.into_iter().map(|e| e.message).collect()
    }

    #[test]
    fn needs_at_least_one_term() {
        let mut errs = Vec::new();
        validate_node_selector(&NodeSelector::default(), PATH, &mut errs);
        assert_eq!(errs.len(), 1);
        assert_eq!(
            errs[0].message,
            format!("{PATH}.nodeSelectorTerms: Required value: must have at least one node selector term")
        );
        assert_eq!(errs[0].field, format!("{PATH}.nodeSelectorTerms"));
    }

    #[test]
    fn empty_term_is_accepted() {
        let selector = NodeSelector {
            terms: vec![NodeSelectorTerm::default()],
        };
        let mut errs = Vec::new();
        validate_node_selector(&selector, PATH, &mut errs);
        assert!(errs.is_empty());
    }

    #[test]
    fn operators_and_values() {
        assert_eq!(
            validate_expressions(vec![requirement("zone", "In", &[])]),
            vec![format!("{PATH}.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'")]
        );
        assert_eq!(
            validate_expressions(vec![requirement("zone", "Exists", &["a"])]),
            vec![format!("{PATH}.nodeSelectorTerms[0].matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'")]
        );
        assert_eq!(
            validate_expressions(vec![requirement("zone", "Foo", &["a"])]),
            vec![format!("{PATH}.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: \"Foo\": not a valid selector operator")]
        );
    }

    #[test]
    fn gt_needs_exactly_one_value_not_an_integer() {
        // Conformance case 111-validation-gt-two-values.
        assert_eq!(
            validate_expressions(vec![requirement("level", "Gt", &["1", "2"])]),
            vec![format!("{PATH}.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'")]
        );
        assert!(validate_expressions(vec![requirement("level", "Lt", &["abc"])]).is_empty());
    }

    #[test]
    fn key_then_values_syntax() {
        assert_eq!(
            validate_expressions(vec![requirement("bad key", "In", &["a b"])]),
            vec![
                format!("{PATH}.nodeSelectorTerms[0].matchExpressions[0].key: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
                format!("{PATH}.nodeSelectorTerms[0].matchExpressions[0].values[0]: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
            ]
        );
    }

    #[test]
    fn match_fields() {
        assert!(
            validate_fields(vec![requirement("metadata.name", "NotIn", &["node-1"])]).is_empty()
        );
        assert_eq!(
            validate_fields(vec![requirement("metadata.name", "In", &["a", "b"])]),
            vec![format!("{PATH}.nodeSelectorTerms[0].matchFields[0].values: Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector")]
        );
        assert_eq!(
            validate_fields(vec![requirement("metadata.foo", "Exists", &[])]),
            vec![
                format!("{PATH}.nodeSelectorTerms[0].matchFields[0].operator: Invalid value: \"Exists\": not a valid selector operator"),
                format!("{PATH}.nodeSelectorTerms[0].matchFields[0].key: Invalid value: \"metadata.foo\": not a valid field selector key"),
            ]
        );
        let errs = validate_fields(vec![requirement("metadata.name", "In", &["Node_1"])]);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with(&format!(
            "{PATH}.nodeSelectorTerms[0].matchFields[0].values[0]: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain"
        )));
    }
}
