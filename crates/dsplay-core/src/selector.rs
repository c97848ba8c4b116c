//! `metav1.LabelSelector` matching, for deciding which pods a DaemonSet owns.

use crate::model::{LabelSelector, Labels};

/// Whether `selector` selects `labels`. A missing selector selects nothing; an
/// empty one selects everything (the controller refuses to act on that).
// Models k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector
// + k8s.io/apimachinery/pkg/labels/selector.go Requirement.Matches. A selector
// that does not parse selects nothing (the controller's claim fails).
pub fn selects(selector: Option<&LabelSelector>, labels: &Labels) -> bool {
    let Some(selector) = selector else { return false };
    let labels_match = selector.match_labels.iter().all(|(k, v)| labels.get(k) == Some(v));
    labels_match
        && selector.match_expressions.iter().all(|req| {
            let value = labels.get(&req.key);
            match req.operator.as_str() {
                "In" if !req.values.is_empty() => value.is_some_and(|v| req.values.contains(v)),
                "NotIn" if !req.values.is_empty() => value.is_none_or(|v| !req.values.contains(v)),
                "Exists" if req.values.is_empty() => value.is_some(),
                "DoesNotExist" if req.values.is_empty() => value.is_none(),
                _ => false,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LabelSelectorRequirement;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn match_labels_and_expressions_are_anded() {
        let selector = LabelSelector {
            match_labels: labels(&[("app", "x")]),
            match_expressions: vec![LabelSelectorRequirement { key: "tier".into(), operator: "NotIn".into(), values: vec!["db".into()] }],
        };
        assert!(selects(Some(&selector), &labels(&[("app", "x")])));
        assert!(selects(Some(&selector), &labels(&[("app", "x"), ("tier", "web")])));
        assert!(!selects(Some(&selector), &labels(&[("app", "x"), ("tier", "db")])));
        assert!(!selects(Some(&selector), &labels(&[("app", "y")])));
    }

    #[test]
    fn none_selects_nothing_and_empty_selects_everything() {
        assert!(!selects(None, &labels(&[("app", "x")])));
        assert!(selects(Some(&LabelSelector::default()), &labels(&[])));
    }
}
