//! The model's objects written back as YAML values: the Pod a view shows, the
//! Node list the editor prints and the pieces of the pod the controller makes.
//! One set of builders, so that a field is written the same way everywhere.

use crate::model::{Labels, NodeSelector, NodeSelectorRequirement, OwnerReference, Pod, Toleration};
use crate::timestamp::format_rfc3339;
use crate::yaml::{Mapping, Value};

pub fn string(text: &str) -> Value {
    Value::String(text.into())
}

/// A mapping of `entries`, in the order given.
pub fn map<'a>(entries: impl IntoIterator<Item = (&'a str, Value)>) -> Value {
    Value::Mapping(entries.into_iter().map(|(k, v)| (string(k), v)).collect::<Mapping>())
}

/// An object of the core API group (`v1`): a Pod or a Node.
pub fn core_object(kind: &str, metadata: Value, spec: Value, status: Value) -> Value {
    map([("apiVersion", string("v1")), ("kind", string(kind)), ("metadata", metadata), ("spec", spec), ("status", status)])
}

/// Labels or annotations: a mapping of strings, in key order.
pub fn labels(labels: &Labels) -> Value {
    Value::Mapping(labels.iter().map(|(k, v)| (string(k), string(v))).collect())
}

pub fn owner_reference(o: &OwnerReference) -> Value {
    map([
        ("apiVersion", string(&o.api_version)),
        ("kind", string(&o.kind)),
        ("name", string(&o.name)),
        ("uid", string(&o.uid)),
        ("controller", Value::Bool(o.controller)),
        ("blockOwnerDeletion", Value::Bool(o.block_owner_deletion)),
    ])
}

/// A toleration, without the fields left empty.
pub fn toleration(t: &Toleration) -> Value {
    let mut fields: Vec<(&str, Value)> = [("key", &t.key), ("operator", &t.operator), ("value", &t.value), ("effect", &t.effect)]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| (key, string(value)))
        .collect();
    if let Some(seconds) = t.toleration_seconds {
        fields.push(("tolerationSeconds", Value::from(seconds)));
    }
    map(fields)
}

/// A required node affinity's `nodeSelectorTerms`.
pub fn node_selector(selector: &NodeSelector) -> Value {
    let requirements = |list: &[NodeSelectorRequirement]| {
        let each = list.iter().map(|r| {
            let mut fields = vec![("key", string(&r.key)), ("operator", string(&r.operator))];
            if !r.values.is_empty() {
                fields.push(("values", Value::Sequence(r.values.iter().map(|v| string(v)).collect())));
            }
            map(fields)
        });
        Value::Sequence(each.collect())
    };
    let terms = selector.terms.iter().map(|t| {
        let mut fields = Vec::new();
        if !t.match_expressions.is_empty() {
            fields.push(("matchExpressions", requirements(&t.match_expressions)));
        }
        if !t.match_fields.is_empty() {
            fields.push(("matchFields", requirements(&t.match_fields)));
        }
        map(fields)
    });
    map([("nodeSelectorTerms", Value::Sequence(terms.collect()))])
}

/// The fields dsplay read of a pod, as a Pod manifest.
pub fn pod(pod: &Pod) -> Value {
    let timestamp = |t| Value::from(format_rfc3339(t));
    let mut meta = vec![("name", string(pod.name())), ("namespace", string(&pod.meta.namespace))];
    if let Some(t) = pod.meta.creation_timestamp {
        meta.push(("creationTimestamp", timestamp(t)));
    }
    if let Some(t) = pod.meta.deletion_timestamp {
        meta.push(("deletionTimestamp", timestamp(t)));
    }
    if !pod.meta.labels.is_empty() {
        meta.push(("labels", labels(&pod.meta.labels)));
    }
    if !pod.meta.annotations.is_empty() {
        meta.push(("annotations", labels(&pod.meta.annotations)));
    }
    if !pod.meta.owner_references.is_empty() {
        let owners = pod.meta.owner_references.iter().map(owner_reference);
        meta.push(("ownerReferences", Value::Sequence(owners.collect())));
    }
    let mut spec = Vec::new();
    if !pod.spec.node_name.is_empty() {
        spec.push(("nodeName", string(&pod.spec.node_name)));
    }
    if !pod.spec.node_selector.is_empty() {
        spec.push(("nodeSelector", labels(&pod.spec.node_selector)));
    }
    if let Some(required) = &pod.spec.required_node_affinity {
        let required = map([("requiredDuringSchedulingIgnoredDuringExecution", node_selector(required))]);
        spec.push(("affinity", map([("nodeAffinity", required)])));
    }
    if pod.spec.host_network {
        spec.push(("hostNetwork", Value::Bool(true)));
    }
    if !pod.spec.tolerations.is_empty() {
        spec.push(("tolerations", Value::Sequence(pod.spec.tolerations.iter().map(toleration).collect())));
    }
    if !pod.spec.containers.is_empty() {
        let containers = pod
            .spec
            .containers
            .iter()
            .map(|c| map([("name", string(&c.name)), ("image", string(&c.image))]));
        spec.push(("containers", Value::Sequence(containers.collect())));
    }
    let mut status = vec![("phase", string(if pod.phase.is_empty() { "Pending" } else { &pod.phase }))];
    if !pod.conditions.is_empty() {
        let conditions = pod.conditions.iter().map(|c| {
            let mut fields = vec![("type", string(&c.kind)), ("status", string(&c.status))];
            if let Some(t) = c.last_transition_time {
                fields.push(("lastTransitionTime", timestamp(t)));
            }
            map(fields)
        });
        status.push(("conditions", Value::Sequence(conditions.collect())));
    }
    core_object("Pod", map(meta), map(spec), map(status))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NodeSelectorTerm, ObjectMeta, PodCondition};

    #[test]
    fn a_pod_is_written_with_the_fields_dsplay_read_in_the_api_order() {
        let mut pod = Pod { meta: ObjectMeta { name: "agent-x".into(), namespace: "default".into(), ..Default::default() }, ..Default::default() };
        pod.meta.creation_timestamp = Some(0);
        pod.meta.labels = [("app".to_string(), "agent".to_string())].into();
        pod.meta.owner_references = vec![OwnerReference {
            api_version: "apps/v1".into(),
            kind: "DaemonSet".into(),
            name: "agent".into(),
            uid: "u1".into(),
            controller: true,
            block_owner_deletion: true,
        }];
        pod.spec.node_name = "node-1".into();
        pod.spec.required_node_affinity = Some(NodeSelector {
            terms: vec![NodeSelectorTerm {
                match_expressions: Vec::new(),
                match_fields: vec![NodeSelectorRequirement { key: "metadata.name".into(), operator: "In".into(), values: vec!["node-1".into()] }],
            }],
        });
        pod.spec.tolerations = vec![Toleration { operator: "Exists".into(), effect: "NoExecute".into(), toleration_seconds: Some(30), ..Default::default() }];
        pod.conditions = vec![PodCondition { kind: "Ready".into(), status: "True".into(), last_transition_time: None }];
        pod.phase = "Running".into();
        assert_eq!(
            crate::yaml::to_string(&super::pod(&pod)),
            "apiVersion: v1
kind: Pod
metadata:
  name: agent-x
  namespace: default
  creationTimestamp: 1970-01-01T00:00:00Z
  labels:
    app: agent
  ownerReferences:
  - apiVersion: apps/v1
    kind: DaemonSet
    name: agent
    uid: u1
    controller: true
    blockOwnerDeletion: true
spec:
  nodeName: node-1
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchFields:
          - key: metadata.name
            operator: In
            values:
            - node-1
  tolerations:
  - operator: Exists
    effect: NoExecute
    tolerationSeconds: 30
status:
  phase: Running
  conditions:
  - type: Ready
    status: 'True'
"
        );
    }
}
