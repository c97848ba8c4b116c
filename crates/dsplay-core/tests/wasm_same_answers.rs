//! The core gives the same answers compiled to WebAssembly (in headless Chromium,
//! as the playground runs it) as compiled natively (as `dsplay` runs it).
//!
//! Every test here runs twice from this one file:
//!   natively:  cargo test -p dsplay-core --test wasm_same_answers
//!   in wasm:   cargo test --target wasm32-unknown-unknown -p dsplay-core --test wasm_same_answers
//! and compares with the same expected JSON, so a difference between the two
//! targets (a `usize` that is 32 bits on wasm32, a hash, an iteration order,
//! a float) fails one of the two runs.
//!
//! The scenarios are small copies of cases in `shared/conformance/cases` (the
//! expectations follow that directory's FORMAT.md), plus golden answers for the
//! playground's opening scenario, which were produced by the native build: when the
//! core's output changes on purpose, run the native test and paste the JSON it prints.

use dsplay_core::read::{read_sources, Source};
use dsplay_core::{plan, Plan, PlanOptions};
use serde_json::{json, Value};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const DS_UID: &str = "6f0c2b1e-0000-4000-8000-000000000001";

/// A DaemonSet named `name` selecting `app: NAME`; `template_spec` is indented
/// under `spec.template.spec`, `spec_extra` under `spec`.
fn daemon_set(name: &str, template_spec: &str, spec_extra: &str) -> String {
    format!(
        "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {name}
  namespace: default
  uid: {DS_UID}
  generation: 1
  annotations:
    deprecated.daemonset.template.generation: '1'
spec:
{spec_extra}  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
      - name: main
        image: registry.example/{name}:1.0
{template_spec}"
    )
}

/// A Ready node with room for 110 pods. `labels` and `taints` are YAML flow maps/lists.
fn node(name: &str, labels: &str, taints: &str, pods: &str) -> String {
    format!(
        "---
apiVersion: v1
kind: Node
metadata:
  name: {name}
  labels: {labels}
spec:
  taints: {taints}
status:
  conditions:
  - type: Ready
    status: 'True'
  allocatable:
    cpu: '4'
    memory: 8Gi
    pods: '{pods}'
"
    )
}

/// A running, ready pod of DaemonSet `ds` (or of nobody when `ds` is empty) on `node`.
fn pod(name: &str, node: &str, ds: &str, labels: &str) -> String {
    let owner = if ds.is_empty() {
        String::new()
    } else {
        format!(
            "  ownerReferences:
  - apiVersion: apps/v1
    kind: DaemonSet
    name: {ds}
    uid: {DS_UID}
    controller: true
    blockOwnerDeletion: true
"
        )
    };
    format!(
        "---
apiVersion: v1
kind: Pod
metadata:
  name: {name}
  namespace: default
  labels: {labels}
  creationTimestamp: '2024-01-01T00:00:00Z'
{owner}spec:
  nodeName: {node}
  containers:
  - name: main
    image: registry.example/x:1.0
status:
  phase: Running
  conditions:
  - type: Ready
    status: 'True'
"
    )
}

fn plan_of(text: &str, options: &PlanOptions) -> Plan {
    let outcome = read_sources(&[Source { name: "case.yaml", text }]);
    assert!(!outcome.has_errors(), "the scenario does not read: {:#?}", outcome.diagnostics);
    assert_eq!(outcome.cluster.daemon_sets.len(), 1);
    let cluster = outcome.cluster;
    plan(&cluster.daemon_sets[0], &cluster.nodes, &cluster.pods, options)
}

/// Checks `expect` (keys as in shared/conformance/FORMAT.md) against the plan's JSON,
/// as shared/conformance/check does; panics listing every mismatch.
fn check(text: &str, options: &PlanOptions, expect: Value) {
    let out = serde_json::to_value(plan_of(text, options)).unwrap();
    let mut bad = Vec::new();
    let nodes: Vec<&Value> = out["nodes"].as_array().unwrap().iter().collect();
    let find = |name: &str| nodes.iter().find(|n| n["name"] == name).copied();
    for (name, want) in expect["nodes"].as_object().into_iter().flatten() {
        match find(name) {
            None => bad.push(format!("node {name}: missing")),
            Some(got) => {
                for key in ["shouldRun", "shouldContinueRunning"] {
                    if got[key] != want[key] {
                        bad.push(format!("node {name}: {key} is {}, want {}", got[key], want[key]));
                    }
                }
            }
        }
    }
    let actions = out["actions"].as_array().unwrap();
    let on = |kind: &str| -> Vec<String> {
        let mut v: Vec<String> = actions
            .iter()
            .filter(|a| a["type"] == kind)
            .map(|a| a["node"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    let sorted = |v: &Value| -> Vec<String> {
        let mut v: Vec<String> = v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
        v.sort();
        v
    };
    for (key, kind) in [("create_on", "create"), ("delete_on", "delete")] {
        if !expect[key].is_null() && on(kind) != sorted(&expect[key]) {
            bad.push(format!("{key}: {:?}, want {}", on(kind), expect[key]));
        }
    }
    for (kind, key) in [("create", "create_count"), ("delete", "delete_count")] {
        if let Some(count) = expect[key].as_u64() {
            let allowed = sorted(&expect[format!("{kind}_from")]);
            let got = on(kind);
            if got.len() as u64 != count || !got.iter().all(|n| allowed.contains(n)) {
                bad.push(format!("{kind}s on {got:?}, want {count} of {allowed:?}"));
            }
        }
    }
    for (key, field) in [("status", "status"), ("status_after", "statusAfter"), ("rolling", "rolling")] {
        for (k, v) in expect[key].as_object().into_iter().flatten() {
            if &out[field][k] != v {
                bad.push(format!("{field}.{k} is {}, want {v}", out[field][k]));
            }
        }
    }
    for (name, text) in expect["reason_contains"].as_object().into_iter().flatten() {
        let reasons = find(name).map(|n| n["reasons"].clone()).unwrap_or(Value::Null);
        let text = text.as_str().unwrap();
        if !reasons.as_array().into_iter().flatten().any(|r| r.as_str().unwrap().contains(text)) {
            bad.push(format!("node {name}: no reason contains {text:?}: {reasons}"));
        }
    }
    let errors = &out["validationErrors"];
    if !expect["validation_errors"].is_null() {
        if sorted(errors) != sorted(&expect["validation_errors"]) {
            bad.push(format!("validationErrors are {errors}, want {}", expect["validation_errors"]));
        }
    } else if !errors.as_array().unwrap().is_empty() {
        bad.push(format!("unexpected validationErrors: {errors}"));
    }
    assert!(bad.is_empty(), "{}\nthe plan: {}", bad.join("\n"), serde_json::to_string_pretty(&out).unwrap());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn node_selector_picks_the_labelled_nodes() {
    // 003-nodeselector-match
    let mut text = daemon_set("ds", "      nodeSelector:\n        color: blue\n        speed: fast\n", "");
    for i in 0..4 {
        text += &node(&format!("node-{i}"), "{}", "[]", "110");
    }
    for i in 4..7 {
        text += &node(&format!("node-{i}"), "{color: blue, speed: fast}", "[]", "110");
    }
    let no = json!({"shouldRun": false, "shouldContinueRunning": false});
    let yes = json!({"shouldRun": true, "shouldContinueRunning": true});
    check(
        &text,
        &PlanOptions::default(),
        json!({
            "nodes": {"node-0": no, "node-1": no, "node-2": no, "node-3": no, "node-4": yes, "node-5": yes, "node-6": yes},
            "create_on": ["node-4", "node-5", "node-6"],
            "delete_on": [],
            "status": {"desiredNumberScheduled": 3, "currentNumberScheduled": 0, "numberMisscheduled": 0},
            "reason_contains": {"node-0": "node(s) didn't match Pod's node affinity/selector"}
        }),
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn taints_and_tolerations() {
    // 060-seed-monitoring-5-nodes
    let template = "      nodeSelector:
        type: monitoring
      tolerations:
      - key: node-role
        operator: Exists
        effect: NoSchedule
";
    let text = daemon_set("node-monitor", template, "")
        + &node("node-1", "{type: monitoring, node-role: worker}", "[]", "110")
        + &node("node-2", "{type: logging, node-role: worker}", "[]", "110")
        + &node("node-3", "{type: monitoring, node-role: control-plane}", "[{key: node-role, effect: NoSchedule}]", "110")
        + &node("node-4", "{type: monitoring}", "[{key: special, effect: NoSchedule}]", "110")
        + &node("node-5", "{type: monitoring}", "[]", "110");
    check(
        &text,
        &PlanOptions::default(),
        json!({
            "nodes": {
                "node-1": {"shouldRun": true, "shouldContinueRunning": true},
                "node-2": {"shouldRun": false, "shouldContinueRunning": false},
                "node-3": {"shouldRun": true, "shouldContinueRunning": true},
                "node-4": {"shouldRun": false, "shouldContinueRunning": true},
                "node-5": {"shouldRun": true, "shouldContinueRunning": true}
            },
            "create_on": ["node-1", "node-3", "node-5"],
            "delete_on": [],
            "status": {"desiredNumberScheduled": 3, "currentNumberScheduled": 0, "numberMisscheduled": 0},
            "status_after": {"desiredNumberScheduled": 3, "currentNumberScheduled": 3, "numberMisscheduled": 0,
                             "numberReady": 0, "numberAvailable": 0, "updatedNumberScheduled": 3, "numberUnavailable": 3},
            "reason_contains": {
                "node-2": "node(s) didn't match Pod's node affinity/selector",
                "node-4": "node(s) had untolerated taint {special: }"
            }
        }),
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn existing_pods_on_unselected_nodes_are_deleted() {
    // 070-selector-deletes-unselected-pods, shortened
    let text = daemon_set("ds", "      nodeSelector:\n        color: blue\n", "")
        + &node("node-0", "{}", "[]", "110")
        + &node("node-1", "{color: blue}", "[]", "110")
        + &node("node-2", "{color: blue}", "[]", "110")
        + &pod("node-0-a", "node-0", "ds", "{app: ds}")
        + &pod("node-1-a", "node-1", "ds", "{app: ds}")
        + &pod("node-1-b", "node-1", "ds", "{app: ds}")
        // Not owned and not selected: ignored (an owner-less pod the selector matches would be adopted).
        + &pod("stranger", "node-0", "", "{app: other}");
    check(
        &text,
        &PlanOptions::default(),
        json!({
            "nodes": {
                "node-0": {"shouldRun": false, "shouldContinueRunning": false},
                "node-1": {"shouldRun": true, "shouldContinueRunning": true},
                "node-2": {"shouldRun": true, "shouldContinueRunning": true}
            },
            "create_on": ["node-2"],
            "delete_on": ["node-0", "node-1"],
            "status": {"desiredNumberScheduled": 2, "currentNumberScheduled": 1, "numberMisscheduled": 1}
        }),
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn quantities_and_pod_counts() {
    // 081-too-many-pods
    let text = daemon_set("ds", "", "")
        + &node("full", "{}", "[]", "1")
        + &node("roomy", "{}", "[]", "110")
        + &pod("other", "full", "", "{app: other}");
    check(
        &text,
        &PlanOptions::default(),
        json!({
            "nodes": {
                "full": {"shouldRun": true, "shouldContinueRunning": true},
                "roomy": {"shouldRun": true, "shouldContinueRunning": true}
            },
            "create_on": ["full", "roomy"],
            "delete_on": [],
            "reason_contains": {"full": "Too many pods"}
        }),
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn rolling_update_percentages_round_up() {
    // 087-rolling-percent-30-of-5: every pod is of an old revision.
    let strategy = "  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 30%\n";
    let mut text = daemon_set("ds", "", strategy);
    for i in 0..5 {
        text += &node(&format!("node-{i}"), "{}", "[]", "110");
    }
    for i in 0..5 {
        text += &pod(&format!("ds-old-{i}"), &format!("node-{i}"), "ds", "{app: ds, controller-revision-hash: h1}");
    }
    let options = PlanOptions { current_revision_hash: Some("h2".into()), ..Default::default() };
    check(
        &text,
        &options,
        json!({
            "create_on": [],
            "delete_count": 2,
            "delete_from": ["node-0", "node-1", "node-2", "node-3", "node-4"],
            "rolling": {"maxSurge": 0, "maxUnavailable": 2, "desiredNumberScheduled": 5},
            "status": {"desiredNumberScheduled": 5, "currentNumberScheduled": 5, "numberMisscheduled": 0}
        }),
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn validation_errors_are_the_api_servers() {
    // 102-validation-selector-template-mismatch
    let text = daemon_set("ds", "", "").replace("      labels:\n        app: ds\n", "      labels:\n        app: other\n")
        + &node("node-1", "{}", "[]", "110");
    check(
        &text,
        &PlanOptions::default(),
        json!({
            "validation_errors": [
                "spec.template.metadata.labels: Invalid value: {\"app\":\"other\"}: `selector` does not match template `labels`"
            ]
        }),
    );
}

/// The playground's opening scenario (see web/src/state.rs), seeded pod names and all.
fn playground_text() -> String {
    daemon_set("node-exporter", "      nodeSelector:\n        disktype: ssd\n", "")
        + &node("node-1", "{disktype: ssd}", "[]", "110")
        + &node("node-2", "{disktype: ssd}", "[]", "110")
        + &node("node-3", "{disktype: hdd}", "[]", "110")
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_whole_plan_is_the_same_on_both_targets() {
    let options = PlanOptions { name_seed: 42, ..Default::default() };
    let got = serde_json::to_value(plan_of(&playground_text(), &options)).unwrap();
    let again = serde_json::to_value(plan_of(&playground_text(), &options)).unwrap();
    assert_eq!(got, again, "the same input and seed give the same plan");
    assert_eq!(got, golden_playground_plan(), "actual plan:\n{}", serde_json::to_string_pretty(&got).unwrap());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn syntax_errors_point_at_the_same_place() {
    let text = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: [unclosed\nspec: {}\n";
    let outcome = read_sources(&[Source { name: "broken.yaml", text }]);
    assert!(outcome.has_errors());
    let located: Vec<Value> = outcome
        .diagnostics
        .iter()
        .map(|d| json!({"severity": d.severity, "file": d.file, "line": d.line, "column": d.column}))
        .collect();
    assert_eq!(Value::Array(located), golden_syntax_error(), "{:#?}", outcome.diagnostics);
}

fn golden_playground_plan() -> Value {
    let created = |node: &str, pod: &str| json!({"type": "create", "node": node, "pod": pod});
    let event = |pod: &str| json!({"type": "Normal", "reason": "SuccessfulCreate", "message": format!("Created pod: {pod}")});
    json!({
        "daemonSet": "default/node-exporter",
        "validationErrors": [],
        "nodes": [
            {"name": "node-1", "shouldRun": true, "shouldContinueRunning": true, "reasons": []},
            {"name": "node-2", "shouldRun": true, "shouldContinueRunning": true, "reasons": []},
            {"name": "node-3", "shouldRun": false, "shouldContinueRunning": false,
             "reasons": ["node(s) didn't match Pod's node affinity/selector"]}
        ],
        "actions": [created("node-1", "node-exporter-8dmwq"), created("node-2", "node-exporter-wm4br")],
        "events": [event("node-exporter-8dmwq"), event("node-exporter-wm4br")],
        "revisionHash": "6958d5c858",
        "rolling": {"desiredNumberScheduled": 2, "maxSurge": 0, "maxUnavailable": 1},
        "status": {"desiredNumberScheduled": 2, "currentNumberScheduled": 0, "numberMisscheduled": 0,
                   "numberReady": 0, "numberAvailable": 0, "updatedNumberScheduled": 0, "numberUnavailable": 2},
        "statusAfter": {"desiredNumberScheduled": 2, "currentNumberScheduled": 2, "numberMisscheduled": 0,
                        "numberReady": 0, "numberAvailable": 0, "updatedNumberScheduled": 2, "numberUnavailable": 2}
    })
}

fn golden_syntax_error() -> Value {
    json!([{"severity": "error", "file": "broken.yaml", "line": 5, "column": 5}])
}
