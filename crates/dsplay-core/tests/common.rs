//! Shared by the integration tests: build scenarios from small YAML snippets.
#![allow(dead_code)]

use dsplay_core::{plan, read_sources, Action, Plan, PlanOptions, Source};

/// A DaemonSet `ds` (uid u1) with `spec` lines (indented 2) merged into its spec.
pub fn daemon_set(extra_spec: &str, pod_spec: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ds
  namespace: default
  uid: u1
  annotations:
    deprecated.daemonset.template.generation: '2'
spec:
  selector:
    matchLabels:
      app: ds
{extra_spec}  template:
    metadata:
      labels:
        app: ds
    spec:
      containers:
      - name: main
        image: registry.example/ds:1.0
{pod_spec}"
    )
}

/// A Node with labels (`k=v,k2=v2`) and taints (`k=v:Effect,...`).
pub fn node(name: &str, labels: &str, taints: &str) -> String {
    let mut out = format!("---\napiVersion: v1\nkind: Node\nmetadata:\n  name: {name}\n  labels: {{");
    for pair in labels.split(',').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap();
        out.push_str(&format!("{k:?}: {v:?}, "));
    }
    out.push_str("}\nspec:\n  taints:\n");
    for taint in taints.split(',').filter(|p| !p.is_empty()) {
        let (kv, effect) = taint.rsplit_once(':').unwrap();
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        out.push_str(&format!("  - {{key: {k:?}, value: {v:?}, effect: {effect}}}\n"));
    }
    out.push_str("status:\n  allocatable: {cpu: '4', memory: 8Gi, pods: '110'}\n");
    out
}

/// A pod of `ds` on `node`, with revision hash `hash`, phase and readiness.
pub fn pod(name: &str, node: &str, hash: &str, phase: &str, ready: bool, created: &str) -> String {
    format!(
        "---
apiVersion: v1
kind: Pod
metadata:
  name: {name}
  namespace: default
  labels: {{app: ds, controller-revision-hash: {hash}}}
  creationTimestamp: '{created}'
  ownerReferences:
  - {{apiVersion: apps/v1, kind: DaemonSet, name: ds, uid: u1, controller: true}}
spec:
  nodeName: {node}
  containers: [{{name: main, image: x}}]
status:
  phase: {phase}
  conditions: [{{type: Ready, status: '{}', lastTransitionTime: '2024-01-01T00:00:00Z'}}]
",
        if ready { "True" } else { "False" }
    )
}

pub fn plan_of(yaml: &str, options: &PlanOptions) -> Plan {
    let outcome = read_sources(&[Source { name: "test.yaml", text: yaml }]);
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    let cluster = outcome.cluster;
    plan(&cluster.daemon_sets[0], &cluster.nodes, &cluster.pods, options)
}

pub fn with_hash(hash: &str) -> PlanOptions {
    PlanOptions { current_revision_hash: Some(hash.into()), now: 1_704_067_200 + 3600, ..Default::default() }
}

pub fn creates(plan: &Plan) -> Vec<String> {
    plan.actions.iter().filter(|a| matches!(a, Action::Create { .. })).map(|a| a.node().to_string()).collect()
}

pub fn deletes(plan: &Plan) -> Vec<String> {
    plan.actions.iter().filter(|a| matches!(a, Action::Delete { .. })).map(|a| a.pod().to_string()).collect()
}

pub fn verdict(plan: &Plan, node: &str) -> (bool, bool, Vec<String>) {
    let n = plan.nodes.iter().find(|n| n.name == node).unwrap();
    (n.should_run, n.should_continue_running, n.reasons.clone())
}
