//! The reducer and the small pure helpers, without a DOM (still run in the browser:
//! this crate's tests all run on wasm32).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use dsplay_core::Status;
use dsplay_web::state::{new_node, parse_labels, short_name, status_table, Action, State, DEFAULT_DAEMONSET};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn pods_on(state: &State) -> Vec<String> {
    state
        .node_views()
        .into_iter()
        .filter(|v| !v.pods.is_empty())
        .map(|v| v.node.name().to_string())
        .collect()
}

#[wasm_bindgen_test]
fn labels_parse_from_commas_or_spaces() {
    let labels = parse_labels("a=1, b=2 c, =x");
    let got: Vec<(&str, &str)> = labels.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(got, [("a", "1"), ("b", "2"), ("c", "")]);
}

#[wasm_bindgen_test]
fn status_table_pads_like_kubectl() {
    let status = Status {
        desired_number_scheduled: 2,
        current_number_scheduled: 2,
        updated_number_scheduled: 2,
        ..Default::default()
    };
    assert_eq!(
        status_table("node-exporter", &status),
        "NAME            DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE\n\
         node-exporter   2         2         0       2            0"
    );
    assert_eq!(short_name("monitoring/node-exporter"), "node-exporter");
}

#[wasm_bindgen_test]
fn the_reducer_replans_on_every_action() {
    let state = Rc::new(State::default());
    assert_eq!(pods_on(&state), ["node-1", "node-2"]);

    let state = state.reduce(Action::AddNode("disktype=hdd".into()));
    assert_eq!(state.nodes.len(), 4);
    assert_eq!(pods_on(&state), ["node-1", "node-2"]);

    let state = state.reduce(Action::EditYaml(DEFAULT_DAEMONSET.replace("ssd", "hdd")));
    assert_eq!(pods_on(&state), ["node-3", "node-4"]);

    let state = state.reduce(Action::RemoveNode("node-3".into()));
    assert_eq!(pods_on(&state), ["node-4"]);

    // A broken text keeps the last good DaemonSet, which still follows node changes.
    let state = state.reduce(Action::EditYaml("kind: [".into()));
    assert!(state.stale);
    assert!(!state.diagnostics.is_empty());
    let state = state.reduce(Action::AddNode("disktype=hdd".into()));
    assert_eq!(pods_on(&state), ["node-4", "node-5"]);
}

#[wasm_bindgen_test]
fn added_node_names_never_collide() {
    let state = Rc::new(State::new(DEFAULT_DAEMONSET.into(), vec![new_node("node-2", "")]));
    let state = state.reduce(Action::AddNode(String::new()));
    let names: Vec<&str> = state.nodes.iter().map(|n| n.name()).collect();
    assert_eq!(names, ["node-2", "node-3"]);
}

#[wasm_bindgen_test]
fn pods_written_in_the_editor_are_kept_or_deleted() {
    let owned = |name: &str, node: &str| {
        format!(
            "---
apiVersion: v1
kind: Pod
metadata:
  name: {name}
  namespace: monitoring
  labels: {{app: node-exporter}}
  ownerReferences:
  - {{apiVersion: apps/v1, kind: DaemonSet, name: node-exporter, uid: u-1, controller: true}}
spec:
  nodeName: {node}
  containers: [{{name: node-exporter, image: x}}]
status:
  phase: Running
"
        )
    };
    let text = DEFAULT_DAEMONSET.replace("  namespace: monitoring\n", "  namespace: monitoring\n  uid: u-1\n")
        + &owned("kept", "node-1")
        + &owned("misplaced", "node-3");
    let state = State::new(text, State::default().nodes);
    assert!(!state.stale, "{:?}", state.diagnostics);
    let chips: Vec<(String, Vec<(String, &str)>)> = state
        .node_views()
        .into_iter()
        .map(|v| (v.node.name().to_string(), v.pods.iter().map(|p| (p.name.clone(), p.kind.name())).collect()))
        .collect();
    assert_eq!(chips[0].1, [("kept".to_string(), "existing")], "{chips:?}");
    assert_eq!(chips[1].1.len(), 1, "{chips:?}");
    assert_eq!(chips[1].1[0].1, "creating", "{chips:?}");
    assert_eq!(chips[2].1, [("misplaced".to_string(), "deleting")], "{chips:?}");
}
