//! The field paths a DaemonSet may hold, for kubectl's strict-validation warning
//! `unknown field "spec.replicas"`. A table of names, not generated API types:
//! the whole Kubernetes API as Rust types would triple the size of the site.
//! Fields the controller never reads and whose insides vary a lot (volumes,
//! probes, security contexts, env) are checked by name only, not inside.

use crate::yaml::Value;

use super::locate::FieldPath;

/// What may stand at a field.
#[derive(Clone, Copy)]
pub enum Shape {
    /// Any value; not looked into.
    Any,
    /// A mapping with exactly these fields.
    Object(&'static [(&'static str, Shape)]),
    /// A sequence of mappings with these fields.
    ListOf(&'static [(&'static str, Shape)]),
}

use Shape::{Any, ListOf, Object};

const OBJECT_META: &[(&str, Shape)] = &[
    ("name", Any), ("generateName", Any), ("namespace", Any), ("uid", Any),
    ("resourceVersion", Any), ("generation", Any), ("creationTimestamp", Any),
    ("deletionTimestamp", Any), ("deletionGracePeriodSeconds", Any), ("labels", Any),
    ("annotations", Any), ("ownerReferences", Any), ("finalizers", Any),
    ("managedFields", Any), ("selfLink", Any),
];

const SELECTOR_REQUIREMENT: &[(&str, Shape)] = &[("key", Any), ("operator", Any), ("values", Any)];

const LABEL_SELECTOR: &[(&str, Shape)] =
    &[("matchLabels", Any), ("matchExpressions", ListOf(SELECTOR_REQUIREMENT))];

const NODE_SELECTOR_TERM: &[(&str, Shape)] = &[
    ("matchExpressions", ListOf(SELECTOR_REQUIREMENT)),
    ("matchFields", ListOf(SELECTOR_REQUIREMENT)),
];

const NODE_AFFINITY: &[(&str, Shape)] = &[
    ("requiredDuringSchedulingIgnoredDuringExecution", Object(&[("nodeSelectorTerms", ListOf(NODE_SELECTOR_TERM))])),
    ("preferredDuringSchedulingIgnoredDuringExecution", Any),
];

const AFFINITY: &[(&str, Shape)] = &[
    ("nodeAffinity", Object(NODE_AFFINITY)),
    ("podAffinity", Any),
    ("podAntiAffinity", Any),
];

const TOLERATION: &[(&str, Shape)] = &[
    ("key", Any), ("operator", Any), ("value", Any), ("effect", Any), ("tolerationSeconds", Any),
];

const CONTAINER_PORT: &[(&str, Shape)] = &[
    ("name", Any), ("containerPort", Any), ("hostPort", Any), ("protocol", Any), ("hostIP", Any),
];

const RESOURCES: &[(&str, Shape)] = &[("requests", Any), ("limits", Any), ("claims", Any)];

const CONTAINER: &[(&str, Shape)] = &[
    ("name", Any), ("image", Any), ("command", Any), ("args", Any), ("workingDir", Any),
    ("ports", ListOf(CONTAINER_PORT)), ("envFrom", Any), ("env", Any),
    ("resources", Object(RESOURCES)), ("resizePolicy", Any), ("restartPolicy", Any),
    ("restartPolicyRules", Any), ("volumeMounts", Any), ("volumeDevices", Any),
    ("livenessProbe", Any), ("readinessProbe", Any), ("startupProbe", Any), ("lifecycle", Any),
    ("terminationMessagePath", Any), ("terminationMessagePolicy", Any),
    ("imagePullPolicy", Any), ("securityContext", Any), ("stdin", Any), ("stdinOnce", Any),
    ("tty", Any),
];

const POD_SPEC: &[(&str, Shape)] = &[
    ("volumes", Any), ("initContainers", ListOf(CONTAINER)), ("containers", ListOf(CONTAINER)),
    ("ephemeralContainers", Any), ("restartPolicy", Any), ("terminationGracePeriodSeconds", Any),
    ("activeDeadlineSeconds", Any), ("dnsPolicy", Any), ("nodeSelector", Any),
    ("serviceAccountName", Any), ("serviceAccount", Any), ("automountServiceAccountToken", Any),
    ("nodeName", Any), ("hostNetwork", Any), ("hostPID", Any), ("hostIPC", Any),
    ("shareProcessNamespace", Any), ("securityContext", Any), ("imagePullSecrets", Any),
    ("hostname", Any), ("hostnameOverride", Any), ("subdomain", Any),
    ("affinity", Object(AFFINITY)), ("schedulerName", Any), ("tolerations", ListOf(TOLERATION)),
    ("hostAliases", Any), ("priorityClassName", Any), ("priority", Any), ("dnsConfig", Any),
    ("readinessGates", Any), ("runtimeClassName", Any), ("enableServiceLinks", Any),
    ("preemptionPolicy", Any), ("overhead", Any), ("topologySpreadConstraints", Any),
    ("setHostnameAsFQDN", Any), ("os", Any), ("hostUsers", Any), ("schedulingGates", Any),
    ("resourceClaims", Any), ("resources", Object(RESOURCES)),
];

const POD_TEMPLATE: &[(&str, Shape)] = &[("metadata", Object(OBJECT_META)), ("spec", Object(POD_SPEC))];

const UPDATE_STRATEGY: &[(&str, Shape)] = &[
    ("type", Any),
    ("rollingUpdate", Object(&[("maxUnavailable", Any), ("maxSurge", Any)])),
];

const DAEMON_SET_SPEC: &[(&str, Shape)] = &[
    ("selector", Object(LABEL_SELECTOR)), ("template", Object(POD_TEMPLATE)),
    ("updateStrategy", Object(UPDATE_STRATEGY)), ("minReadySeconds", Any),
    ("revisionHistoryLimit", Any),
    // extensions/v1beta1 only; such objects are refused anyway.
    ("templateGeneration", Any),
];

/// A whole DaemonSet object.
pub const DAEMON_SET: Shape = Object(&[
    ("apiVersion", Any), ("kind", Any), ("metadata", Object(OBJECT_META)),
    ("spec", Object(DAEMON_SET_SPEC)), ("status", Any),
]);

/// Calls `unknown` with the path of every field `value` holds that `shape` does
/// not know, in document order. Values of the wrong type are the decoder's
/// business, not this walk's.
pub fn find_unknown_fields(value: &Value, shape: Shape, path: &FieldPath, unknown: &mut dyn FnMut(FieldPath)) {
    match (shape, value) {
        (Object(fields), Value::Mapping(map)) => {
            for (key, child) in map {
                let Some(key) = key.as_str() else { continue };
                match fields.iter().find(|(name, _)| *name == key) {
                    Some((_, child_shape)) => find_unknown_fields(child, *child_shape, &path.key(key), unknown),
                    None => unknown(path.key(key)),
                }
            }
        }
        (ListOf(fields), Value::Sequence(items)) => {
            for (i, item) in items.iter().enumerate() {
                find_unknown_fields(item, Object(fields), &path.index(i), unknown);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown_in(yaml: &str) -> Vec<String> {
        let value: Value = crate::yaml::from_str(yaml).unwrap();
        let mut found = Vec::new();
        find_unknown_fields(&value, DAEMON_SET, &FieldPath::default(), &mut |p| found.push(p.to_string()));
        found
    }

    #[test]
    fn replicas_is_not_a_daemonset_field() {
        assert_eq!(unknown_in("spec: {replicas: 3, selector: {}}"), ["spec.replicas"]);
    }

    #[test]
    fn finds_typos_deep_in_containers_and_tolerations() {
        let yaml = "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        imge: x\n      tolerations:\n      - key: a\n        efect: NoSchedule\n";
        assert_eq!(
            unknown_in(yaml),
            ["spec.template.spec.containers[0].imge", "spec.template.spec.tolerations[0].efect"]
        );
    }

    #[test]
    fn leaves_free_form_fields_alone() {
        let yaml = "metadata: {labels: {anything: x}}\nspec:\n  template:\n    spec:\n      volumes: [{hostPath: {path: /, whatever: 1}}]\n";
        assert!(unknown_in(yaml).is_empty());
    }
}
