//! What the API server says when it rejects a DaemonSet on create
//! (DAEMONSET.md section e), with the exact messages of v1.34+.
//!
//! The input is the object after the server's defaulting: an absent
//! `restartPolicy` is `Always`, an absent update strategy is RollingUpdate with
//! maxUnavailable 1 and maxSurge 0. Checks run in upstream order; where Go walks
//! a map (labels, nodeSelector, annotations) the keys are taken in sorted order.

mod containers;
mod field_error;
pub mod label_syntax;
mod node_affinity;
mod object_meta;
mod pod_template;
mod render;
mod selector;
mod tolerations;
mod update_strategy;

pub use field_error::FieldError;
pub use render::go_quote;
pub use label_syntax::{dns1123_subdomain_errors, label_key_errors, label_value_errors};

use crate::model::{DaemonSet, DaemonSetSpec};
use field_error::nonnegative;
use render::{json_labels, json_string};

/// Every reason the API server would reject `ds` on create, in the order it
/// reports them; empty when it would accept it.
// Models pkg/apis/apps/validation/validation.go ValidateDaemonSet (and the
// de-duplication of field.ErrorList.ToAggregate behind the server's message)
pub fn validate_daemon_set(ds: &DaemonSet) -> Vec<FieldError> {
    let mut errs = Vec::new();
    object_meta::validate_object_meta(&ds.meta, &mut errs);
    validate_daemon_set_spec(&ds.spec, "spec", &mut errs);
    let mut unique: Vec<FieldError> = Vec::with_capacity(errs.len());
    for e in errs {
        if !unique.iter().any(|u| u.message == e.message) {
            unique.push(e);
        }
    }
    unique
}

// Models pkg/apis/apps/validation/validation.go ValidateDaemonSetSpec
fn validate_daemon_set_spec(spec: &DaemonSetSpec, path: &str, errs: &mut Vec<FieldError>) {
    let selector_path = format!("{path}.selector");
    let before = errs.len();
    if let Some(sel) = &spec.selector {
        selector::validate_label_selector(sel, &selector_path, errs);
    }
    // LabelSelectorAsSelector fails exactly when the selector has syntax errors;
    // then the match is not checked. An absent selector selects nothing.
    let parses = errs.len() == before;
    if parses && !crate::selector::selects(spec.selector.as_ref(), &spec.template.labels) {
        errs.push(FieldError::invalid(
            &format!("{path}.template.metadata.labels"),
            &json_labels(&spec.template.labels),
            "`selector` does not match template `labels`",
        ));
    }
    if spec.selector.as_ref().is_some_and(|s| s.is_empty()) {
        errs.push(FieldError::invalid(
            &selector_path,
            "{}",
            "empty selector is invalid for daemonset",
        ));
    }

    let template_path = format!("{path}.template");
    pod_template::validate_pod_template(&spec.template, &template_path, errs);

    let policy = pod_template::restart_policy(&spec.template.spec);
    if policy != "Always" {
        errs.push(FieldError::not_supported(
            &format!("{template_path}.spec.restartPolicy"),
            &json_string(policy),
            &["Always"],
        ));
    }
    if spec.template.spec.active_deadline_seconds.is_some() {
        errs.push(FieldError::forbidden(
            &format!("{template_path}.spec.activeDeadlineSeconds"),
            "activeDeadlineSeconds in DaemonSet is not Supported",
        ));
    }
    nonnegative(
        spec.min_ready_seconds,
        &format!("{path}.minReadySeconds"),
        errs,
    );
    // templateGeneration is set by the server on create (strategy.go PrepareForCreate).
    update_strategy::validate_update_strategy(
        &spec.update_strategy,
        &format!("{path}.updateStrategy"),
        errs,
    );
    if let Some(limit) = spec.revision_history_limit {
        nonnegative(limit, &format!("{path}.revisionHistoryLimit"), errs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Container, IntOrString, LabelSelector, LabelSelectorRequirement, NodeSelector,
        NodeSelectorRequirement, NodeSelectorTerm, ObjectMeta, PodTemplate,
        Toleration, UpdateStrategy,
    };

    /// The DaemonSet of the conformance cases: name `ds`, selector and template
    /// labels `app: ds`, one container.
    fn daemon_set() -> DaemonSet {
        let mut labels = crate::model::Labels::new();
        labels.insert("app".into(), "ds".into());
        let mut annotations = crate::model::Labels::new();
        annotations.insert(
            "deprecated.daemonset.template.generation".into(),
            "1".into(),
        );
        let mut template = PodTemplate {
            labels: labels.clone(),
            ..Default::default()
        };
        template.spec.containers = vec![Container {
            name: "main".into(),
            image: "registry.example/ds:1.0".into(),
            ..Default::default()
        }];
        DaemonSet {
            api_version: "apps/v1".into(),
            meta: ObjectMeta {
                name: "ds".into(),
                namespace: "default".into(),
                uid: "6f0c2b1e-0000-4000-8000-000000000001".into(),
                generation: 1,
                annotations,
                ..Default::default()
            },
            spec: DaemonSetSpec {
                selector: Some(LabelSelector {
                    match_labels: labels,
                    match_expressions: vec![],
                }),
                template,
                ..Default::default()
            },
        }
    }

    fn messages(ds: &DaemonSet) -> Vec<String> {
        validate_daemon_set(ds)
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    use super::update_strategy::tests::rolling;

    #[test]
    fn valid_daemon_set() {
        assert!(validate_daemon_set(&daemon_set()).is_empty());
    }

    #[test]
    fn case_102_selector_template_mismatch() {
        let mut ds = daemon_set();
        ds.spec.template.labels.insert("app".into(), "other".into());
        let errs = validate_daemon_set(&ds);
        assert_eq!(
            errs,
            vec![FieldError {
                field: "spec.template.metadata.labels".into(),
                message: "spec.template.metadata.labels: Invalid value: {\"app\":\"other\"}: `selector` does not match template `labels`".into(),
            }]
        );
    }

    #[test]
    fn case_103_empty_selector() {
        let mut ds = daemon_set();
        ds.spec.selector = Some(LabelSelector::default());
        assert_eq!(
            messages(&ds),
            vec!["spec.selector: Invalid value: {}: empty selector is invalid for daemonset"]
        );
    }

    #[test]
    fn absent_selector_matches_nothing() {
        let mut ds = daemon_set();
        ds.spec.selector = None;
        assert_eq!(
            messages(&ds),
            vec!["spec.template.metadata.labels: Invalid value: {\"app\":\"ds\"}: `selector` does not match template `labels`"]
        );
        ds.spec.template.labels.clear();
        assert_eq!(
            messages(&ds),
            vec!["spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`"]
        );
    }

    #[test]
    fn invalid_selector_skips_the_match_check() {
        let mut ds = daemon_set();
        ds.spec.selector = Some(LabelSelector {
            match_labels: Default::default(),
            match_expressions: vec![LabelSelectorRequirement {
                key: "app".into(),
                operator: "In".into(),
                values: vec![],
            }],
        });
        assert_eq!(
            messages(&ds),
            vec!["spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]
        );
    }

    #[test]
    fn selector_expressions_can_match() {
        let mut ds = daemon_set();
        ds.spec.selector = Some(LabelSelector {
            match_labels: Default::default(),
            match_expressions: vec![LabelSelectorRequirement {
                key: "app".into(),
                operator: "NotIn".into(),
                values: vec!["ds".into()],
            }],
        });
        assert_eq!(
            messages(&ds),
            vec!["spec.template.metadata.labels: Invalid value: {\"app\":\"ds\"}: `selector` does not match template `labels`"]
        );
    }

    #[test]
    fn case_105_surge_and_unavailable() {
        let mut ds = daemon_set();
        ds.spec.update_strategy = rolling(Some(IntOrString::Int(1)), Some(IntOrString::Int(1)));
        assert_eq!(
            messages(&ds),
            vec!["spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"]
        );
    }

    #[test]
    fn case_106_both_zero() {
        let mut ds = daemon_set();
        ds.spec.update_strategy = rolling(Some(IntOrString::Int(0)), Some(IntOrString::Int(0)));
        assert_eq!(
            messages(&ds),
            vec!["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"]
        );
    }

    #[test]
    fn case_108_bad_percent() {
        let mut ds = daemon_set();
        ds.spec.update_strategy = rolling(Some(IntOrString::Str("abc".into())), None);
        assert_eq!(
            messages(&ds),
            vec![
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"abc\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0",
            ]
        );
    }

    #[test]
    fn case_109_negative_min_ready() {
        let mut ds = daemon_set();
        ds.spec.min_ready_seconds = -1;
        assert_eq!(
            messages(&ds),
            vec!["spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"]
        );
    }

    #[test]
    fn negative_revision_history_limit() {
        let mut ds = daemon_set();
        ds.spec.revision_history_limit = Some(0);
        assert!(messages(&ds).is_empty());
        ds.spec.revision_history_limit = Some(-1);
        assert_eq!(
            messages(&ds),
            vec![
                "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"
            ]
        );
    }

    #[test]
    fn case_111_gt_two_values() {
        let mut ds = daemon_set();
        ds.spec.template.spec.required_node_affinity = Some(NodeSelector {
            terms: vec![NodeSelectorTerm {
                match_expressions: vec![NodeSelectorRequirement {
                    key: "level".into(),
                    operator: "Gt".into(),
                    values: vec!["1".into(), "2".into()],
                }],
                match_fields: vec![],
            }],
        });
        let errs = validate_daemon_set(&ds);
        let path = "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values";
        assert_eq!(
            errs,
            vec![FieldError {
                field: path.into(),
                message: format!("{path}: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"),
            }]
        );
    }

    #[test]
    fn case_112_toleration_empty_key_equal() {
        let mut ds = daemon_set();
        ds.spec.template.spec.tolerations = vec![Toleration {
            key: String::new(),
            operator: "Equal".into(),
            value: "x".into(),
            effect: "NoSchedule".into(),
            toleration_seconds: None,
        }];
        assert_eq!(
            messages(&ds),
            vec!["spec.template.spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""]
        );
    }

    #[test]
    fn restart_policy_must_be_always() {
        let mut ds = daemon_set();
        ds.spec.template.spec.restart_policy = Some("Always".into());
        assert!(messages(&ds).is_empty());
        ds.spec.template.spec.restart_policy = Some("OnFailure".into());
        assert_eq!(
            messages(&ds),
            vec!["spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""]
        );
        ds.spec.template.spec.restart_policy = Some("Sometimes".into());
        assert_eq!(
            messages(&ds),
            vec![
                "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
                "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\"",
            ]
        );
    }

    #[test]
    fn active_deadline_seconds_forbidden() {
        let mut ds = daemon_set();
        ds.spec.template.spec.active_deadline_seconds = Some(30);
        assert_eq!(
            messages(&ds),
            vec!["spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported"]
        );
        ds.spec.template.spec.active_deadline_seconds = Some(-5);
        assert_eq!(
            messages(&ds),
            vec![
                "spec.template.spec.activeDeadlineSeconds: Invalid value: -5: must be between 1 and 2147483647, inclusive",
                "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported",
            ]
        );
    }

    #[test]
    fn unsupported_update_strategy_type() {
        let mut ds = daemon_set();
        ds.spec.update_strategy = UpdateStrategy {
            kind: "Recreate".into(),
            rolling_update: None,
        };
        assert_eq!(
            messages(&ds),
            vec!["spec.updateStrategy: Unsupported value: {\"Type\":\"Recreate\",\"RollingUpdate\":null}: supported values: \"RollingUpdate\", \"OnDelete\""]
        );
    }

    #[test]
    fn metadata_name_first() {
        let mut ds = daemon_set();
        ds.meta.name = "DS".into();
        ds.spec.min_ready_seconds = -1;
        let errs = messages(&ds);
        assert_eq!(errs.len(), 2);
        assert!(errs[0]
            .starts_with("metadata.name: Invalid value: \"DS\": a lowercase RFC 1123 subdomain"));
        assert_eq!(
            errs[1],
            "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"
        );
    }

    #[test]
    fn identical_messages_are_reported_once() {
        let mut ds = daemon_set();
        ds.spec
            .template
            .spec
            .node_selector
            .insert("a".into(), "bad value".into());
        ds.spec
            .template
            .spec
            .node_selector
            .insert("b".into(), "bad value".into());
        let errs = messages(&ds);
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].starts_with("spec.template.spec.nodeSelector: Invalid value: \"bad value\":")
        );
    }

    proptest::proptest! {
        /// Any strings anywhere: never a panic, and every message starts with its field
        /// (template labels and annotations aside).
        #[test]
        fn never_panics(
            name in ".{0,8}",
            key in "\\PC{0,70}",
            value in "\\PC{0,70}",
            operator in "(In|NotIn|Exists|DoesNotExist|Gt|Lt|Equal|)",
            percent in "[-+0-9%a ]{0,25}",
            number in proptest::num::i64::ANY,
        ) {
            let mut ds = daemon_set();
            ds.meta.name = name;
            ds.spec.template.labels.insert(key.clone(), value.clone());
            ds.spec.template.spec.node_selector.insert(key.clone(), value.clone());
            ds.spec.selector = Some(LabelSelector {
                match_labels: Default::default(),
                match_expressions: vec![LabelSelectorRequirement {
                    key: key.clone(),
                    operator: operator.clone(),
                    values: vec![value.clone()],
                }],
            });
            ds.spec.template.spec.required_node_affinity = Some(NodeSelector {
                terms: vec![NodeSelectorTerm {
                    match_expressions: vec![NodeSelectorRequirement {
                        key: key.clone(),
                        operator: operator.clone(),
                        values: vec![value.clone()],
                    }],
                    match_fields: vec![NodeSelectorRequirement {
                        key: key.clone(),
                        operator: operator.clone(),
                        values: vec![value.clone()],
                    }],
                }],
            });
            ds.spec.template.spec.tolerations = vec![Toleration {
                key,
                operator,
                value: value.clone(),
                effect: value,
                toleration_seconds: Some(number),
            }];
            ds.spec.template.spec.active_deadline_seconds = Some(number);
            ds.spec.min_ready_seconds = number;
            ds.spec.update_strategy = rolling(Some(IntOrString::Str(percent)), Some(IntOrString::Int(number)));
            for e in validate_daemon_set(&ds) {
                let own_path = e.message.starts_with(&format!("{}: ", e.field));
                proptest::prop_assert!(own_path || e.field.starts_with("spec.template.metadata."));
            }
        }
    }

    #[test]
    fn full_order_of_checks() {
        let mut ds = daemon_set();
        ds.meta.name = String::new();
        ds.spec.selector = Some(LabelSelector::default());
        ds.spec.template.spec.restart_policy = Some("Never".into());
        ds.spec.template.spec.tolerations = vec![Toleration {
            key: "k".into(),
            operator: "Exists".into(),
            effect: "Bad".into(),
            ..Default::default()
        }];
        ds.spec.min_ready_seconds = -3;
        ds.spec.update_strategy = rolling(Some(IntOrString::Str("150%".into())), None);
        ds.spec.revision_history_limit = Some(-1);
        assert_eq!(
            messages(&ds),
            vec![
                "metadata.name: Required value: name or generateName is required",
                "spec.selector: Invalid value: {}: empty selector is invalid for daemonset",
                "spec.template.spec.tolerations[0].effect: Unsupported value: \"Bad\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"",
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
                "spec.minReadySeconds: Invalid value: -3: must be greater than or equal to 0",
                "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%",
                "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
            ]
        );
    }
}
