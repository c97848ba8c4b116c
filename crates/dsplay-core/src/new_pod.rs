//! The pod the controller creates for a node: the template plus the revision
//! labels, the owner reference, the automatic tolerations and the node affinity
//! that pins it to its node (how DaemonSet pods are scheduled since v1.12).

use crate::manifest::{self, map, string, toleration};
use crate::yaml::{Mapping, Value};

use crate::eligibility::tolerations::daemon_pod_tolerations;
use crate::model::{
    DaemonSet, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, ObjectMeta, OwnerReference, Pod, PodSpec, Timestamp,
};
use crate::revision::{REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL};

/// The required node affinity of a created pod: exactly one term,
/// `metadata.name In [node]`; the user's required terms are dropped.
// Models pkg/controller/daemon/util/daemonset_util.go ReplaceDaemonSetPodNodeNameNodeAffinity
pub fn pinning_affinity(node: &str) -> NodeSelector {
    NodeSelector {
        terms: vec![NodeSelectorTerm {
            match_expressions: Vec::new(),
            match_fields: vec![NodeSelectorRequirement {
                key: "metadata.name".into(),
                operator: "In".into(),
                values: vec![node.into()],
            }],
        }],
    }
}

fn pod_labels(ds: &DaemonSet, hash: &str, generation: Option<i64>) -> Vec<(String, String)> {
    let mut labels: Vec<(String, String)> =
        ds.spec.template.labels.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    labels.push((REVISION_HASH_LABEL.into(), hash.into()));
    if let Some(generation) = generation {
        labels.push((TEMPLATE_GENERATION_LABEL.into(), generation.to_string()));
    }
    labels
}

pub fn owner_reference(ds: &DaemonSet) -> OwnerReference {
    OwnerReference {
        api_version: "apps/v1".into(),
        kind: "DaemonSet".into(),
        name: ds.meta.name.clone(),
        uid: ds.meta.uid.clone(),
        controller: true,
        block_owner_deletion: true,
    }
}

/// Makes the pods the controller creates for one DaemonSet revision: what is
/// the same for every node is worked out once.
// Models pkg/controller/daemon/util/daemonset_util.go CreatePodTemplate +
// pkg/controller/controller_utils.go GetPodFromTemplate
pub struct DaemonPodFactory {
    prototype: Pod,
}

impl DaemonPodFactory {
    pub fn new(ds: &DaemonSet, hash: &str, generation: Option<i64>) -> Self {
        let mut spec = ds.spec.template.spec.clone();
        spec.tolerations = daemon_pod_tolerations(&spec);
        let prototype = Pod {
            meta: ObjectMeta {
                namespace: ds.meta.namespace.clone(),
                labels: pod_labels(ds, hash, generation).into_iter().collect(),
                annotations: ds.spec.template.annotations.clone(),
                owner_references: vec![owner_reference(ds)],
                ..Default::default()
            },
            spec,
            phase: "Pending".into(),
            conditions: Vec::new(),
        };
        DaemonPodFactory { prototype }
    }

    /// The created pod as the model sees it: Pending, not ready, up to date.
    pub fn pod(&self, node: &str, name: &str, now: Timestamp) -> Pod {
        let mut pod = self.prototype.clone();
        pod.meta.name = name.into();
        pod.meta.creation_timestamp = Some(now);
        pod.spec.required_node_affinity = Some(pinning_affinity(node));
        pod
    }

    /// The created pod as the sync's status counts it: its metadata (owner,
    /// labels, revision) and the node it is pinned to, without the template's
    /// spec. `plan` makes up to 250 of them per sync only to count them, and
    /// copying the whole spec was a fifth of its time at 5,000 nodes.
    pub fn counted_pod(&self, node: &str, name: &str, now: Timestamp) -> Pod {
        let mut meta = self.prototype.meta.clone();
        meta.name = name.into();
        meta.creation_timestamp = Some(now);
        Pod {
            meta,
            spec: PodSpec { required_node_affinity: Some(pinning_affinity(node)), ..Default::default() },
            phase: self.prototype.phase.clone(),
            conditions: Vec::new(),
        }
    }
}

/// The whole Pod object the controller would send to the API server, as YAML,
/// keeping every field of the user's template.
pub fn daemon_pod_manifest(ds: &DaemonSet, node: &str, name: &str, hash: &str, generation: Option<i64>) -> Value {
    let template = ds.spec.template.raw.as_mapping().cloned().unwrap_or_default();
    let template_meta = template.get("metadata").and_then(Value::as_mapping).cloned().unwrap_or_default();
    let mut spec = template.get("spec").and_then(Value::as_mapping).cloned().unwrap_or_default();

    let mut metadata = Mapping::new();
    metadata.insert(string("generateName"), string(&format!("{}-", ds.meta.name)));
    metadata.insert(string("name"), string(name));
    metadata.insert(string("namespace"), string(&ds.meta.namespace));
    let labels: Mapping = pod_labels(ds, hash, generation).into_iter().map(|(k, v)| (string(&k), string(&v))).collect();
    metadata.insert(string("labels"), Value::Mapping(labels));
    if let Some(annotations) = template_meta.get("annotations") {
        metadata.insert(string("annotations"), annotations.clone());
    }
    metadata.insert(string("ownerReferences"), Value::Sequence(vec![manifest::owner_reference(&owner_reference(ds))]));

    // Keep preferred node affinity, podAffinity and podAntiAffinity; replace the required part.
    let mut affinity = spec.get("affinity").and_then(Value::as_mapping).cloned().unwrap_or_default();
    let mut node_affinity = affinity.get("nodeAffinity").and_then(Value::as_mapping).cloned().unwrap_or_default();
    let pinned = manifest::node_selector(&pinning_affinity(node));
    node_affinity.insert(string("requiredDuringSchedulingIgnoredDuringExecution"), pinned);
    affinity.insert(string("nodeAffinity"), Value::Mapping(node_affinity));
    spec.insert(string("affinity"), Value::Mapping(affinity));
    let tolerations = daemon_pod_tolerations(&ds.spec.template.spec);
    spec.insert(string("tolerations"), Value::Sequence(tolerations.iter().map(toleration).collect()));

    let status = map([("phase", string("Pending"))]);
    manifest::core_object("Pod", Value::Mapping(metadata), Value::Mapping(spec), status)
}
