//! kubectl's views of the page, rendered by Yew into a div in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown -p dsplay-web --test kubectl`.
//! The page opens on the selector-taints preset: 5 nodes, a pod created for
//! node-1, node-3 and node-5.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use dsplay_core::node_edit::new_node;
use dsplay_web::components::kubectl_pods::{count_text, more_text, refusal_text};
use dsplay_web::components::kubectl_views::KubectlViews;
use dsplay_web::components::pod_manifest::{injected_lines, PodManifest};
use dsplay_web::components::status_line::StatusLine;
use dsplay_web::state::{Inputs, State};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, KeyboardEvent, KeyboardEventInit};
use yew::prelude::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn active_element() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}

async fn key(target: &Element, key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

/// Selects kubectl's `tab` (pods, describe, actions, lints): only the selected
/// tab's panel is drawn.
async fn show_tab(root: &Element, tab: &str) {
    one(root, &format!("[data-testid=tab-{tab}]")).unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn get_ds_line_counts_the_three_created_pods() {
    let root = render_app().await;
    let status = text(&root, "[data-testid=ds-status]");
    let lines: Vec<&str> = status.lines().collect();
    assert_eq!(lines.len(), 2, "{status}");
    let header: Vec<&str> = lines[0]
        .split("   ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(
        header,
        [
            "NAME",
            "DESIRED",
            "CURRENT",
            "READY",
            "UP-TO-DATE",
            "AVAILABLE",
            "NODE SELECTOR",
            "AGE"
        ],
        "{status}"
    );
    let row: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(
        row,
        [
            "node-monitor",
            "3",
            "3",
            "0",
            "3",
            "0",
            "type=monitoring",
            "0s"
        ],
        "{status}"
    );
    let summary = text(&root, "[data-testid=ds-summary]");
    assert!(summary.starts_with("3 pods on 3 of 5 nodes"), "{summary}");
    assert!(summary.contains("2 nodes get none"), "{summary}");
    assert!(root
        .query_selector("[data-testid=validation-errors]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn pods_table_lists_three_pending_unbound_pods() {
    let root = render_app().await;
    let table = text(&root, "[data-testid=pods-table]");
    let header = table.lines().next().unwrap();
    assert!(header.starts_with("NAME"), "{table}");
    for column in [
        "READY",
        "STATUS",
        "RESTARTS",
        "AGE",
        "IP",
        "NODE",
        "NOMINATED NODE",
        "READINESS GATES",
    ] {
        assert!(header.contains(column), "{header}");
    }
    let rows = all(&root, "[data-testid=pod-row]");
    assert_eq!(rows.len(), 3, "{table}");
    for row in &rows {
        assert_eq!(row.get_attribute("data-node").as_deref(), Some("<none>"));
        assert_eq!(row.get_attribute("data-status").as_deref(), Some("Pending"));
        let line = row.text_content().unwrap();
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert!(cells[0].starts_with("node-monitor-"), "{line}");
        assert_eq!(
            &cells[1..9],
            ["0/1", "Pending", "0", "0s", "<none>", "<none>", "<none>", "<none>"],
            "{line}"
        );
    }
    // Each row says which node the scheduler will bind its pod to.
    let comments: Vec<String> = all(&root, "[data-testid=pod-row] .kc-comment")
        .iter()
        .map(|c| c.text_content().unwrap())
        .collect();
    let mut targets: Vec<&str> = ["node-1", "node-3", "node-5"].into();
    targets.retain(|node| !comments.iter().any(|c| c.contains(&format!("for {node}:"))));
    assert!(targets.is_empty(), "no row for {targets:?}: {comments:?}");
}

#[wasm_bindgen_test]
async fn describe_lists_three_successful_creates() {
    let root = render_app().await;
    assert!(all(&root, "[data-testid=event]").is_empty(), "a hidden panel is drawn");
    show_tab(&root, "describe").await;
    let events = all(&root, "[data-testid=event]");
    assert_eq!(events.len(), 3);
    for event in &events {
        assert_eq!(
            event.get_attribute("data-reason").as_deref(),
            Some("SuccessfulCreate")
        );
        let line = event.text_content().unwrap();
        assert!(
            line.contains("Normal") && line.contains("daemonset-controller"),
            "{line}"
        );
        assert!(line.contains("Created pod: node-monitor-"), "{line}");
    }
    let describe = text(&root, "[data-testid=describe]");
    assert!(
        describe.contains("Node-Selector:  type=monitoring"),
        "{describe}"
    );
    assert!(
        describe.contains("Desired Number of Nodes Scheduled: 3"),
        "{describe}"
    );
    assert!(
        describe.contains("Pods Status:  0 Running / 3 Waiting / 0 Succeeded / 0 Failed"),
        "{describe}"
    );
    show_tab(&root, "actions").await;
    assert_eq!(
        all(&root, "[data-testid=action][data-action=create]").len(),
        3
    );
}

#[wasm_bindgen_test]
async fn tabs_follow_the_arrow_keys() {
    let root = render_app().await;
    let pods_tab = one(&root, "[data-testid=tab-pods]");
    assert_eq!(
        pods_tab.get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert!(!one(&root, "#kc-panel-pods").has_attribute("hidden"));
    assert!(one(&root, "#kc-panel-describe").has_attribute("hidden"));
    key(&pods_tab, "ArrowRight").await;
    let describe_tab = one(&root, "[data-testid=tab-describe]");
    assert_eq!(
        describe_tab.get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert_eq!(describe_tab.get_attribute("tabindex").as_deref(), Some("0"));
    assert_eq!(pods_tab.get_attribute("tabindex").as_deref(), Some("-1"));
    assert!(!one(&root, "#kc-panel-describe").has_attribute("hidden"));
    assert_eq!(active_element(), Some(describe_tab.clone()));
    key(&describe_tab, "End").await;
    assert_eq!(
        one(&root, "[data-testid=tab-lints]")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    key(&one(&root, "[data-testid=tab-lints]"), "ArrowRight").await;
    assert_eq!(
        pods_tab.get_attribute("aria-selected").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn clicking_a_pod_shows_the_pod_the_controller_creates() {
    let root = render_app().await;
    assert!(root
        .query_selector("[data-testid=pod-manifest]")
        .unwrap()
        .is_none());
    let row = all(&root, "[data-testid=pod-row]")
        .into_iter()
        .next()
        .unwrap();
    let pod = row.get_attribute("data-pod").unwrap();
    let link: HtmlElement = one(&row, "[data-testid=pod-link]").dyn_into().unwrap();
    link.focus().unwrap();
    link.click();
    yew::scheduler::flush().await;

    let dialog = one(&root, "[role=dialog]");
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    assert!(text(&root, &format!("#{title_id}")).contains(&pod));
    let manifest = text(&root, "[data-testid=pod-manifest]");
    let node = manifest
        .lines()
        .skip_while(|l| !l.contains("matchFields:"))
        .find_map(|l| l.trim().strip_prefix("- node-"))
        .map(|n| format!("node-{n}"))
        .unwrap_or_else(|| panic!("no node in the matchFields term:\n{manifest}"));
    assert!(
        ["node-1", "node-3", "node-5"].contains(&node.as_str()),
        "{manifest}"
    );
    for want in [
        "matchFields:",
        "key: metadata.name",
        "operator: In",
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
        "node.kubernetes.io/unschedulable",
        "controller-revision-hash:",
        "pod-template-generation:",
        "ownerReferences:",
        "kind: DaemonSet",
        "name: node-monitor",
        "generateName: node-monitor-",
        &format!("name: {pod}"),
        // The user's toleration stays.
        "key: node-role",
    ] {
        assert!(manifest.contains(want), "no {want:?} in\n{manifest}");
    }
    // Without hostNetwork, no network-unavailable toleration.
    assert!(!manifest.contains("network-unavailable"), "{manifest}");
    // The injected parts are highlighted; the user's container is not.
    let marked: String = all(&root, "[data-testid=pod-manifest] mark")
        .iter()
        .map(|m| m.text_content().unwrap())
        .collect();
    for want in [
        "matchFields",
        "not-ready",
        "controller-revision-hash",
        "ownerReferences",
    ] {
        assert!(marked.contains(want), "{want} not highlighted:\n{marked}");
    }
    assert!(
        !marked.contains("node-role") && !marked.contains("image:"),
        "{marked}"
    );

    // Focus moved into the dialog; Esc closes it and gives focus back.
    let focused = active_element().unwrap();
    assert!(
        dialog.contains(Some(&focused)),
        "focus is not in the dialog"
    );
    key(&focused, "Escape").await;
    assert!(root.query_selector("[role=dialog]").unwrap().is_none());
    assert_eq!(active_element(), Some(link.unchecked_into::<Element>()));
}

#[wasm_bindgen_test]
async fn close_button_closes_the_dialog() {
    let root = render_app().await;
    show_tab(&root, "actions").await;
    let link: HtmlElement = all(&root, "[data-testid=action] [data-testid=pod-link]")
        .remove(0)
        .dyn_into()
        .unwrap();
    link.click();
    yew::scheduler::flush().await;
    assert!(text(&root, "[data-testid=pod-manifest]").contains("matchFields"));
    one(&root, "[data-testid=close-manifest]")
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::scheduler::flush().await;
    assert!(root.query_selector("[role=dialog]").unwrap().is_none());
}

#[wasm_bindgen_test]
fn helpers() {
    assert_eq!(count_text(4900), "4,900");
    assert_eq!(count_text(1_234_567), "1,234,567");
    assert_eq!(more_text(100), None);
    assert_eq!(more_text(5000).as_deref(), Some("... and 4,900 more"));
    assert_eq!(
        refusal_text("x", &["spec.a: Required value".to_string()]),
        "The DaemonSet \"x\" is invalid: spec.a: Required value"
    );
    assert_eq!(
        refusal_text("x", &["a: 1".to_string(), "b: 2".to_string()]),
        "The DaemonSet \"x\" is invalid: \n* a: 1\n* b: 2"
    );
    let yaml = "metadata:\n  labels:\n    app: a\n    controller-revision-hash: h\n  ownerReferences:\n  - kind: DaemonSet\n    name: x\nspec:\n  affinity:\n    podAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution: []\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchFields: []\n  tolerations:\n  - key: mine\n    operator: Exists\n  - key: node.kubernetes.io/not-ready\n    operator: Exists\n  containers:\n  - name: c\n";
    let marks = injected_lines(yaml, &[false, true]);
    let marked: Vec<&str> = yaml
        .lines()
        .zip(&marks)
        .filter(|(_, m)| **m)
        .map(|(l, _)| l.trim())
        .collect();
    assert_eq!(
        marked,
        [
            "controller-revision-hash: h",
            "ownerReferences:",
            "- kind: DaemonSet",
            "name: x",
            "requiredDuringSchedulingIgnoredDuringExecution:",
            "nodeSelectorTerms:",
            "- matchFields: []",
            "- key: node.kubernetes.io/not-ready",
            "operator: Exists",
        ]
    );
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    inputs: Inputs,
}

/// kubectl's components alone, over a state of the test's own.
#[function_component(Harness)]
fn harness(props: &HarnessProps) -> Html {
    let inputs = props.inputs.clone();
    let state = use_reducer(move || State::new(inputs));
    html! {
        <>
            <StatusLine state={state.clone()} />
            <KubectlViews state={state.clone()} />
            <PodManifest state={state} />
        </>
    }
}

async fn render_state(yaml: &str, nodes: usize) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let nodes = (1..=nodes)
        .map(|i| new_node(&format!("node-{i}")))
        .collect();
    let inputs = Inputs {
        yaml: yaml.to_string(),
        nodes: Rc::new(nodes),
        selected: None,
    };
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), HarnessProps { inputs }).render();
    yew::scheduler::flush().await;
    root
}

const AGENT: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: default
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
      annotations:
        note: \"<img src=x onerror=alert(1)><b>bold</b>\"
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: kubernetes.io/os, operator: In, values: [linux]}
      containers:
      - {name: a, image: 'agent:1', resources: {limits: {memory: 64Mi}}}
";

#[wasm_bindgen_test]
async fn thousands_of_nodes_show_the_first_rows_and_a_count() {
    let root = render_state(AGENT, 5000).await;
    // One sync creates at most 250 pods (the controller's burst).
    let summary = text(&root, "[data-testid=ds-summary]");
    assert!(
        summary.starts_with("250 pods on 250 of 5,000 nodes"),
        "{summary}"
    );
    assert!(text(&root, "[data-testid=ds-status]").contains("agent   5000      250"));
    assert_eq!(all(&root, "[data-testid=pod-row]").len(), 100);
    assert_eq!(text(&root, "[data-testid=pods-more]"), "... and 150 more");
    show_tab(&root, "describe").await;
    assert_eq!(all(&root, "[data-testid=event]").len(), 100);
    show_tab(&root, "actions").await;
    assert_eq!(all(&root, "[data-testid=action]").len(), 100);
    assert!(text(&root, "[data-testid=tab-actions]").contains("250"));
}

#[wasm_bindgen_test]
async fn user_strings_stay_text_and_replaced_affinity_is_explained() {
    let root = render_state(AGENT, 2).await;
    let link: HtmlElement = one(&root, "[data-testid=pod-link]").dyn_into().unwrap();
    link.click();
    yew::scheduler::flush().await;
    let manifest = one(&root, "[data-testid=pod-manifest]");
    assert!(manifest.query_selector("img, b").unwrap().is_none());
    assert!(root.query_selector("img").unwrap().is_none());
    let yaml = manifest.text_content().unwrap();
    assert!(
        yaml.contains("<img src=x onerror=alert(1)><b>bold</b>"),
        "{yaml}"
    );
    // The user's required term is gone from the pod: only the matchFields term is left.
    assert!(!yaml.contains("kubernetes.io/os"), "{yaml}");
    assert!(yaml.contains("matchFields:"), "{yaml}");
    let replaced = text(&root, "[data-testid=replaced-affinity]");
    assert!(
        replaced.contains("1 term") && replaced.contains("replaced"),
        "{replaced}"
    );
    // The annotation is the user's, not the controller's: not highlighted.
    let marked: String = all(&root, "[data-testid=pod-manifest] mark")
        .iter()
        .map(|m| m.text_content().unwrap())
        .collect();
    assert!(!marked.contains("note:"), "{marked}");
}

#[wasm_bindgen_test]
async fn an_empty_selector_writes_no_status() {
    let yaml = AGENT
        .replace("    matchLabels: {app: agent}\n", "    {}\n")
        .replace("  selector:\n    {}\n", "  selector: {}\n");
    let root = render_state(&yaml, 3).await;
    let refusal = text(&root, "[data-testid=validation-errors]");
    assert!(
        refusal.contains("The DaemonSet \"agent\" is invalid: spec.selector: Invalid value: {}: empty selector is invalid for daemonset"),
        "{refusal}"
    );
    let no_status = text(&root, "[data-testid=no-status]");
    assert!(no_status.contains("writes no status"), "{no_status}");
    assert!(no_status.contains("SelectingAll"), "{no_status}");
    assert!(
        no_status
            .contains("This daemon set is selecting all pods. A non-empty selector is required."),
        "{no_status}"
    );
    assert_eq!(all(&root, "[data-testid=pod-row]").len(), 0);
}

#[wasm_bindgen_test]
async fn existing_pods_are_listed_with_their_node_and_status() {
    let yaml = format!(
        "{AGENT}---
apiVersion: v1
kind: Pod
metadata:
  name: agent-old12
  namespace: default
  labels: {{app: agent, controller-revision-hash: stale}}
  creationTimestamp: '2023-12-31T23:00:00Z'
spec:
  nodeName: node-1
  containers: [{{name: a, image: 'agent:0'}}]
status:
  phase: Running
  conditions: [{{type: Ready, status: 'True'}}]
"
    );
    let root = render_state(&yaml, 2).await;
    let rows = all(&root, "[data-testid=pod-row]");
    assert_eq!(rows.len(), 2, "{}", text(&root, "[data-testid=pods-table]"));
    let old = rows
        .iter()
        .find(|r| r.get_attribute("data-pod").as_deref() == Some("agent-old12"))
        .unwrap();
    let cells: Vec<String> = old
        .text_content()
        .unwrap()
        .split_whitespace()
        .map(String::from)
        .collect();
    assert_eq!(
        cells[..9],
        [
            "agent-old12",
            "1/1",
            "Running",
            "0",
            "60m",
            "<none>",
            "node-1",
            "<none>",
            "<none>"
        ]
    );
    assert!(
        old.text_content().unwrap().contains("# adopted"),
        "{cells:?}"
    );
    one(old, "[data-testid=pod-link]")
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::scheduler::flush().await;
    let dialog = text(&root, "[role=dialog]");
    assert!(dialog.contains("nodeName: node-1"), "{dialog}");
    assert!(dialog.contains("adopts it"), "{dialog}");
    assert!(dialog.contains("Runs an older template"), "{dialog}");
    // Adopted: the ownerReference this sync patches in is shown, highlighted.
    let marked: String = all(&root, "[data-testid=pod-manifest] mark")
        .iter()
        .map(|m| m.text_content().unwrap())
        .collect();
    assert!(
        marked.contains("ownerReferences:") && marked.contains("kind: DaemonSet"),
        "{marked}"
    );
    one(&root, "[data-testid=close-manifest]").unchecked_into::<HtmlElement>().click();
    yew::scheduler::flush().await;
    show_tab(&root, "actions").await;
    assert_eq!(
        all(&root, "[data-testid=action][data-action=adopt]").len(),
        1
    );
}
