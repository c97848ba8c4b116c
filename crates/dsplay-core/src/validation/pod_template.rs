//! `spec.template`: the pod template checks that apply to any workload, in the
//! order `ValidatePodSpec` runs them (for the fields the model keeps).

use super::containers::{
    validate_containers, validate_host_network_ports, validate_init_containers,
};
use super::field_error::FieldError;
use super::label_syntax::dns1123_subdomain_errors;
use super::node_affinity::validate_node_selector;
use super::object_meta::{validate_annotations, validate_labels};
use super::render::{go_quote, json_string};
use super::tolerations::validate_tolerations;
use crate::model::{PodSpec, PodTemplate};

/// `restartPolicy` after `SetDefaults_PodSpec`: absent or empty is `Always`.
pub(crate) fn restart_policy(spec: &PodSpec) -> &str {
    match spec.restart_policy.as_deref() {
        None | Some("") => "Always",
        Some(policy) => policy,
    }
}

/// Upstream reports template labels and annotations at `<path>.labels` and
/// `<path>.annotations` (no `metadata`); the error's `field` names where they
/// are in the YAML.
// Models pkg/apis/core/validation/validation.go ValidatePodTemplateSpec
pub(crate) fn validate_pod_template(
    template: &PodTemplate,
    path: &str,
    errs: &mut Vec<FieldError>,
) {
    let start = errs.len();
    validate_labels(&template.labels, &format!("{path}.labels"), errs);
    for e in errs.iter_mut().skip(start) {
        e.field = format!("{path}.metadata.labels");
    }
    let start = errs.len();
    validate_annotations(&template.annotations, &format!("{path}.annotations"), errs);
    for e in errs.iter_mut().skip(start) {
        e.field = format!("{path}.metadata.annotations");
    }
    validate_pod_spec(&template.spec, &format!("{path}.spec"), errs);
}

// Models pkg/apis/core/validation/validation.go ValidatePodSpec
fn validate_pod_spec(spec: &PodSpec, path: &str, errs: &mut Vec<FieldError>) {
    validate_containers(&spec.containers, &format!("{path}.containers"), errs);
    validate_init_containers(
        &spec.init_containers,
        &spec.containers,
        &format!("{path}.initContainers"),
        errs,
    );
    validate_host_network_ports(spec, path, errs);

    // Models pkg/apis/core/validation/validation.go validateRestartPolicy
    let policy = restart_policy(spec);
    if !matches!(policy, "Always" | "OnFailure" | "Never") {
        errs.push(FieldError::not_supported(
            &format!("{path}.restartPolicy"),
            &json_string(policy),
            &["Always", "OnFailure", "Never"],
        ));
    }

    validate_labels(&spec.node_selector, &format!("{path}.nodeSelector"), errs);

    // Models pkg/apis/core/validation/validation.go validateAffinity / validateNodeAffinity
    if let Some(required) = &spec.required_node_affinity {
        validate_node_selector(
            required,
            &format!("{path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution"),
            errs,
        );
    }

    if !spec.node_name.is_empty() {
        // ValidateNodeName = NameIsDNSSubdomain
        for msg in dns1123_subdomain_errors(&spec.node_name) {
            errs.push(FieldError::invalid(
                &format!("{path}.nodeName"),
                &go_quote(&spec.node_name),
                &msg,
            ));
        }
    }

    if let Some(seconds) = spec.active_deadline_seconds {
        if !(1..=i64::from(i32::MAX)).contains(&seconds) {
            errs.push(FieldError::invalid(
                &format!("{path}.activeDeadlineSeconds"),
                &seconds.to_string(),
                "must be between 1 and 2147483647, inclusive",
            ));
        }
    }

    validate_tolerations(&spec.tolerations, &format!("{path}.tolerations"), errs);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Container, NodeSelector, Toleration};

    fn template() -> PodTemplate {
        let mut t = PodTemplate::default();
        t.labels.insert("app".into(), "ds".into());
        t.spec.containers = vec![Container {
            name: "main".into(),
            image: "registry.example/ds:1.0".into(),
            ..Default::default()
        }];
        t
    }

    fn validate(t: &PodTemplate) -> Vec<FieldError> {
        let mut errs = Vec::new();
        validate_pod_template(t, "spec.template", &mut errs);
        errs
    }

    #[test]
    fn valid_template() {
        assert!(validate(&template()).is_empty());
    }

    #[test]
    fn template_labels_use_upstream_path_but_point_at_metadata() {
        let mut t = template();
        t.labels.insert("bad key".into(), "x".into());
        let errs = validate(&t);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.starts_with(
            "spec.template.labels: Invalid value: \"bad key\": name part must consist"
        ));
        assert_eq!(errs[0].field, "spec.template.metadata.labels");
    }

    #[test]
    fn restart_policy_unknown_value() {
        let mut t = template();
        t.spec.restart_policy = Some("Sometimes".into());
        let errs = validate(&t);
        assert_eq!(errs.len(), 1);
        assert_eq!(
            errs[0].message,
            "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""
        );
        t.spec.restart_policy = Some("OnFailure".into());
        assert!(validate(&t).is_empty());
        t.spec.restart_policy = Some(String::new());
        assert_eq!(restart_policy(&t.spec), "Always");
    }

    #[test]
    fn node_selector_labels() {
        let mut t = template();
        t.spec
            .node_selector
            .insert("disk".into(), "fast ssd".into());
        let errs = validate(&t);
        assert_eq!(errs.len(), 1);
        assert!(errs[0]
            .message
            .starts_with("spec.template.spec.nodeSelector: Invalid value: \"fast ssd\": a valid label must be an empty string"));
        assert_eq!(errs[0].field, "spec.template.spec.nodeSelector");
    }

    #[test]
    fn node_name_and_active_deadline() {
        let mut t = template();
        t.spec.node_name = "Node_1".into();
        t.spec.active_deadline_seconds = Some(0);
        let messages: Vec<String> = validate(&t).into_iter().map(|e| e.message).collect();
        assert_eq!(messages.len(), 2);
        assert!(messages[0].starts_with("spec.template.spec.nodeName: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain"));
        assert_eq!(
            messages[1],
            "spec.template.spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"
        );
    }

    #[test]
    fn order_containers_affinity_tolerations() {
        let mut t = template();
        t.spec.containers.clear();
        t.spec.required_node_affinity = Some(NodeSelector::default());
        t.spec.tolerations = vec![Toleration {
            operator: "Equal".into(),
            ..Default::default()
        }];
        let messages: Vec<String> = validate(&t).into_iter().map(|e| e.message).collect();
        assert_eq!(
            messages,
            vec![
                "spec.template.spec.containers: Required value",
                "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term",
                "spec.template.spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            ]
        );
    }
}
