//! The node editor and the cluster view, rendered by Yew in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown -p dsplay-web --test nodes`.
//! The page opens on the `selector-taints` preset: five nodes, pods on node-1,
//! node-3 and node-5 (node-2 is type=logging, node-4 has special:NoSchedule).
#![cfg(target_arch = "wasm32")]

use dsplay_core::node_edit;
use dsplay_web::components::cluster_view::ClusterView;
use dsplay_web::components::node_io::utf8_text;
use dsplay_web::components::node_tools::NodeTools;
use dsplay_web::state::{Inputs, State};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement,
    HtmlTextAreaElement,
};
use yew::prelude::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn card(node: &str) -> String {
    format!("[data-testid=node][data-node-name=\"{node}\"]")
}

fn card_names(root: &Element) -> Vec<String> {
    all(root, "[data-testid=node]")
        .iter()
        .map(|c| c.get_attribute("data-node-name").unwrap())
        .collect()
}

fn nodes_with_pods(root: &Element) -> Vec<String> {
    all(root, "[data-testid=node]")
        .iter()
        .filter(|c| c.query_selector("[data-testid=pod]").unwrap().is_some())
        .map(|c| c.get_attribute("data-node-name").unwrap())
        .collect()
}

fn event(kind: &str) -> Event {
    let init = EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    Event::new_with_event_init_dict(kind, &init).unwrap()
}

async fn click(root: &Element, selector: &str) {
    one(root, selector)
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::scheduler::flush().await;
}

/// Types `value` into the input (or textarea) as one `input` event.
async fn type_into(root: &Element, selector: &str, value: &str) {
    let element = one(root, selector);
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else {
        element
            .dyn_ref::<HtmlTextAreaElement>()
            .expect("an input or a textarea")
            .set_value(value);
    }
    element.dispatch_event(&event("input")).unwrap();
    yew::scheduler::flush().await;
}

/// Submits the form around `selector` (as Enter in its field does).
async fn submit(root: &Element, selector: &str) {
    let form = one(root, selector)
        .closest("form")
        .unwrap()
        .expect("a form");
    form.dispatch_event(&event("submit")).unwrap();
    yew::scheduler::flush().await;
}

/// Types a chip (`label` or `taint`) into a node's card and presses Enter.
async fn add_chip(root: &Element, node: &str, kind: &str, chip: &str) {
    let field = format!("{} [data-testid={kind}-input]", card(node));
    type_into(root, &field, chip).await;
    submit(root, &field).await;
}

/// Waits out the pause after which the filter of a large cluster applies.
async fn pause_for_the_filter() {
    let pause = dsplay_web::components::cluster_view::FILTER_PAUSE_MS + 100;
    yew::platform::time::sleep(std::time::Duration::from_millis(pause)).await;
    yew::scheduler::flush().await;
}

async fn paste_nodes(root: &Element, yaml: &str) {
    if root
        .query_selector("[data-testid=paste-text]")
        .unwrap()
        .is_none()
    {
        click(root, "[data-testid=paste-nodes]").await;
    }
    type_into(root, "[data-testid=paste-text]", yaml).await;
    submit(root, "[data-testid=paste-text]").await;
}

#[wasm_bindgen_test]
async fn the_preset_shows_its_pods_and_reasons() {
    let root = render_app().await;
    assert_eq!(
        card_names(&root),
        ["node-1", "node-2", "node-3", "node-4", "node-5"]
    );
    assert_eq!(nodes_with_pods(&root), ["node-1", "node-3", "node-5"]);
    let pod = one(&root, &format!("{} [data-testid=pod]", card("node-1")));
    assert_eq!(
        pod.get_attribute("data-pod-state").as_deref(),
        Some("creating")
    );
    assert!(pod
        .get_attribute("data-pod-name")
        .unwrap()
        .starts_with("node-monitor-"));
    assert!(
        pod.text_content().unwrap().contains("Pending"),
        "the phase is shown"
    );
    assert_eq!(
        one(&root, &format!("{} [data-testid=verdict]", card("node-1")))
            .get_attribute("data-verdict")
            .as_deref(),
        Some("runs")
    );
    let reasons = text(&root, &format!("{} [data-testid=reasons]", card("node-2")));
    assert!(
        reasons.contains("node(s) didn't match Pod's node affinity/selector"),
        "{reasons}"
    );
    let reasons = text(&root, &format!("{} [data-testid=reasons]", card("node-4")));
    assert!(
        reasons.contains("node(s) had untolerated taint {special: }"),
        "{reasons}"
    );
    assert!(
        reasons.contains("v1.35"),
        "the note on newer schedulers' words: {reasons}"
    );
    // Accessible names carry the node's name.
    one(
        &root,
        &format!("{} button[aria-label=\"Remove node-3\"]", card("node-3")),
    );
    one(
        &root,
        &format!("{} button[aria-label=\"Rename node-3\"]", card("node-3")),
    );
    one(&root, "[data-testid=legend]");
    assert!(text(&root, "[data-testid=summary]").contains("5 node(s)"));
}

#[wasm_bindgen_test]
async fn adding_a_node_adds_a_card_and_a_pod_where_eligible() {
    let root = render_app().await;
    click(&root, "[data-testid=add-node]").await;
    assert_eq!(card_names(&root).len(), 6);
    // A fresh node has the kubelet's labels only: the nodeSelector type=monitoring rules it out.
    let new = card("node-6");
    assert!(root
        .query_selector(&format!("{new} [data-testid=pod]"))
        .unwrap()
        .is_none());
    assert!(text(&root, &format!("{new} [data-testid=reasons]"))
        .contains("didn't match Pod's node affinity/selector"));
    // The kubelet's labels are there, muted.
    assert_eq!(
        all(&root, &format!("{new} [data-testid=label].muted")).len(),
        3
    );

    add_chip(&root, "node-6", "label", "type=monitoring").await;
    assert_eq!(
        nodes_with_pods(&root),
        ["node-1", "node-3", "node-5", "node-6"]
    );
    let pod = one(&root, &format!("{new} [data-testid=pod]"));
    assert_eq!(
        pod.get_attribute("data-pod-state").as_deref(),
        Some("creating")
    );
    assert!(text(&root, &format!("{new} [data-testid=label-input]")).is_empty());
    assert_eq!(
        one(&root, &format!("{new} [data-testid=label-input]"))
            .dyn_into::<HtmlInputElement>()
            .unwrap()
            .value(),
        ""
    );

    // Removing a label takes the pod away again; removing the node, the card.
    click(
        &root,
        &format!("{new} button[aria-label=\"Remove label type=monitoring from node-6\"]"),
    )
    .await;
    assert_eq!(nodes_with_pods(&root), ["node-1", "node-3", "node-5"]);
    click(
        &root,
        &format!("{new} button[aria-label=\"Remove node-6\"]"),
    )
    .await;
    assert_eq!(card_names(&root).len(), 5);
}

#[wasm_bindgen_test]
async fn an_untolerated_taint_takes_the_pod_away_with_the_reason() {
    let root = render_app().await;
    add_chip(&root, "node-1", "taint", "dedicated=infra:NoSchedule").await;
    assert_eq!(nodes_with_pods(&root), ["node-3", "node-5"]);
    let node = card("node-1");
    assert_eq!(
        one(&root, &format!("{node} [data-testid=verdict]"))
            .get_attribute("data-verdict")
            .as_deref(),
        Some("blocked")
    );
    let reasons = text(&root, &format!("{node} [data-testid=reasons]"));
    assert!(
        reasons.contains("node(s) had untolerated taint {dedicated: infra}"),
        "{reasons}"
    );
    assert!(reasons.contains("untolerated taint(s)"), "{reasons}");
    let chips: Vec<String> = all(&root, &format!("{node} [data-testid=taint]"))
        .iter()
        .map(|c| c.text_content().unwrap())
        .collect();
    assert!(
        chips
            .iter()
            .any(|c| c.starts_with("dedicated=infra:NoSchedule")),
        "{chips:?}"
    );

    // A PreferNoSchedule taint never blocks; a refused taint says why in kubectl's words.
    add_chip(&root, "node-5", "taint", "soft=yes:PreferNoSchedule").await;
    assert!(nodes_with_pods(&root).contains(&"node-5".to_string()));
    add_chip(&root, "node-5", "taint", "k=v:Sometimes").await;
    let error = text(
        &root,
        &format!("{} [data-testid=taint-error]", card("node-5")),
    );
    assert_eq!(
        error,
        node_edit::parse_taint_chip("k=v:Sometimes").unwrap_err()
    );

    // Taking the taint off gives the pod back.
    click(
        &root,
        &format!(
            "{node} button[aria-label=\"Remove taint dedicated=infra:NoSchedule from node-1\"]"
        ),
    )
    .await;
    assert_eq!(nodes_with_pods(&root), ["node-1", "node-3", "node-5"]);
}

#[wasm_bindgen_test]
async fn an_invalid_label_chip_shows_the_kubernetes_message_and_changes_nothing() {
    let root = render_app().await;
    let node = card("node-1");
    let labels = |root: &Element| -> Vec<String> {
        all(root, &format!("{} [data-testid=label]", card("node-1")))
            .iter()
            .map(|c| c.text_content().unwrap())
            .collect()
    };
    let before = labels(&root);
    add_chip(&root, "node-1", "label", "a b=c").await;
    let expected = node_edit::parse_label_chip("a b=c").unwrap_err();
    assert!(
        expected.starts_with("invalid label key \"a b\""),
        "{expected}"
    );
    assert_eq!(
        text(&root, &format!("{node} [data-testid=label-error]")),
        expected
    );
    let input: HtmlInputElement = one(&root, &format!("{node} [data-testid=label-input]"))
        .dyn_into()
        .unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.value(), "a b=c", "the text stays to be corrected");
    let described = input.get_attribute("aria-describedby").unwrap();
    assert_eq!(
        one(&root, &format!("#{described}")).text_content().unwrap(),
        expected
    );
    assert_eq!(labels(&root), before, "no label added");
    assert_eq!(before.len(), 5);
    assert_eq!(nodes_with_pods(&root), ["node-1", "node-3", "node-5"]);

    // Typing again clears the message.
    type_into(&root, &format!("{node} [data-testid=label-input]"), "a-b=c").await;
    assert!(root
        .query_selector(&format!("{node} [data-testid=label-error]"))
        .unwrap()
        .is_none());
    assert!(input.get_attribute("aria-invalid").is_none());
}

#[wasm_bindgen_test]
async fn markup_in_labels_and_messages_is_text() {
    let root = render_app().await;
    let markup = "<img src=x onerror=alert(1)>";
    // Refused as a label key: the message quotes it, as text.
    add_chip(&root, "node-1", "label", &format!("{markup}=x")).await;
    // kubectl splits at the first `=`: the key is `<img src`.
    let error = text(
        &root,
        &format!("{} [data-testid=label-error]", card("node-1")),
    );
    assert!(
        error.starts_with("invalid label key \"<img src\""),
        "{error}"
    );
    // Accepted as a label value from a pasted node list (the API server would refuse it; the list is shown as is).
    let yaml = format!(
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: web-1\n  labels:\n    type: monitoring\n    note: \"{markup}\"\n"
    );
    paste_nodes(&root, &yaml).await;
    assert_eq!(card_names(&root), ["web-1"]);
    let chips: Vec<String> = all(&root, "[data-testid=label]")
        .iter()
        .map(|c| c.text_content().unwrap())
        .collect();
    assert!(
        chips.iter().any(|c| c.contains(&format!("note={markup}"))),
        "{chips:?}"
    );
    assert!(
        root.query_selector("img").unwrap().is_none(),
        "no element was made from the text"
    );
    one(
        &root,
        "button[aria-label=\"Remove label note=<img src=x onerror=alert(1)> from web-1\"]",
    );
}

#[wasm_bindgen_test]
async fn cordoning_keeps_the_pod() {
    let root = render_app().await;
    let node = card("node-1");
    click(&root, &format!("{node} [data-testid=cordon]")).await;
    let cordon: HtmlInputElement = one(&root, &format!("{node} [data-testid=cordon]"))
        .dyn_into()
        .unwrap();
    assert!(cordon.checked());
    assert_eq!(
        cordon.get_attribute("aria-label").as_deref(),
        Some("Cordon node-1")
    );
    let chips: Vec<String> = all(&root, &format!("{node} [data-testid=taint]"))
        .iter()
        .map(|c| c.text_content().unwrap())
        .collect();
    assert!(
        chips
            .iter()
            .any(|c| c.starts_with("node.kubernetes.io/unschedulable:NoSchedule")),
        "{chips:?}"
    );
    // DaemonSet pods tolerate the unschedulable taint: the pod stays.
    assert_eq!(nodes_with_pods(&root), ["node-1", "node-3", "node-5"]);
    assert_eq!(
        one(&root, &format!("{node} [data-testid=verdict]"))
            .get_attribute("data-verdict")
            .as_deref(),
        Some("runs")
    );
    // `kubectl cordon` is among the commands that rebuild the nodes.
    click(&root, "[data-testid=kubectl-commands]").await;
    let commands = one(&root, "[data-testid=kubectl-text]")
        .dyn_into::<HtmlTextAreaElement>()
        .unwrap()
        .value();
    assert!(commands.contains("kubectl cordon node-1"), "{commands}");
    assert!(
        commands.contains("kubectl label node node-1 node-role=worker type=monitoring --overwrite"),
        "{commands}"
    );
    assert!(
        commands.contains("kubectl taint node node-3 node-role:NoSchedule --overwrite"),
        "{commands}"
    );
    // Uncordoning takes the taint away.
    click(&root, &format!("{node} [data-testid=cordon]")).await;
    assert!(all(&root, &format!("{node} [data-testid=taint]")).is_empty());
}

#[wasm_bindgen_test]
async fn a_not_ready_node_gets_no_new_pod() {
    let root = render_app().await;
    let node = card("node-1");
    click(&root, &format!("{node} [data-testid=ready]")).await;
    assert!(!one(&root, &format!("{node} [data-testid=ready]"))
        .dyn_into::<HtmlInputElement>()
        .unwrap()
        .checked());
    let verdict = one(&root, &format!("{node} [data-testid=verdict]"));
    assert_eq!(
        verdict.get_attribute("data-verdict").as_deref(),
        Some("blocked")
    );
    // The controller tolerates not-ready:NoExecute (it may keep a pod) but not not-ready:NoSchedule.
    assert_eq!(
        verdict
            .get_attribute("data-should-continue-running")
            .as_deref(),
        Some("true")
    );
    let reasons = text(&root, &format!("{node} [data-testid=reasons]"));
    assert!(
        reasons.contains("node.kubernetes.io/not-ready"),
        "{reasons}"
    );
    assert_eq!(nodes_with_pods(&root), ["node-3", "node-5"]);
    click(&root, &format!("{node} [data-testid=ready]")).await;
    assert_eq!(nodes_with_pods(&root), ["node-1", "node-3", "node-5"]);
}

/// The two node components over a state of our own: the preset's DaemonSet
/// with one pod of it already running on node-1 (an orphan it adopts).
#[function_component(WithExistingPod)]
fn with_existing_pod() -> Html {
    let state = use_reducer(|| {
        let preset = dsplay_core::presets::preset("selector-taints").unwrap();
        let mut inputs = Inputs::from_preset(preset);
        inputs.yaml.push_str(
            "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: node-monitor-old01\n  namespace: monitoring\n  labels:\n    app: node-monitor\nspec:\n  nodeName: node-1\n  containers:\n  - name: node-monitor\n    image: quay.io/prometheus/node-exporter:v1.8.2\nstatus:\n  phase: Running\n",
        );
        State::new(inputs)
    });
    html! {
        <>
            <NodeTools state={state.clone()} />
            <ClusterView state={state} />
        </>
    }
}

#[wasm_bindgen_test]
async fn a_not_ready_node_keeps_the_pod_it_has() {
    let root = fresh_root();
    yew::Renderer::<WithExistingPod>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let node = card("node-1");
    let pod = one(&root, &format!("{node} [data-testid=pod]"));
    assert_eq!(
        pod.get_attribute("data-pod-name").as_deref(),
        Some("node-monitor-old01")
    );
    assert_eq!(
        pod.get_attribute("data-pod-state").as_deref(),
        Some("existing")
    );
    assert!(pod.text_content().unwrap().contains("Running"));
    assert!(root
        .query_selector("[data-testid=keeps-pod]")
        .unwrap()
        .is_none());
    // node-3 and node-5 join a DaemonSet that already runs: new nodes.
    assert!(one(&root, &card("node-3"))
        .get_attribute("class")
        .unwrap()
        .contains("node-new"));

    click(&root, &format!("{node} [data-testid=ready]")).await;
    let pod = one(&root, &format!("{node} [data-testid=pod]"));
    assert_eq!(
        pod.get_attribute("data-pod-state").as_deref(),
        Some("existing"),
        "the pod stays"
    );
    assert!(
        text(&root, &format!("{node} [data-testid=keeps-pod]")).contains("would not get a new one")
    );
    assert_eq!(
        one(&root, &format!("{node} [data-testid=verdict]"))
            .get_attribute("data-verdict")
            .as_deref(),
        Some("blocked")
    );
    assert!(text(&root, "[data-testid=summary]").contains("1 keep a pod they would not get now"));

    // A NoExecute taint it does not tolerate: the pod is deleted.
    add_chip(&root, "node-1", "taint", "evict=now:NoExecute").await;
    let pod = one(&root, &format!("{node} [data-testid=pod]"));
    assert_eq!(
        pod.get_attribute("data-pod-state").as_deref(),
        Some("deleting")
    );
    assert!(root
        .query_selector("[data-testid=keeps-pod]")
        .unwrap()
        .is_none());

    // Removing the node: its bound pod is the pod garbage collector's, not the controller's.
    click(&root, &format!("{node} [data-testid=remove-node]")).await;
    let removed = one(&root, "[data-testid=removed-node]");
    assert_eq!(
        removed.get_attribute("data-node-name").as_deref(),
        Some("node-1")
    );
    let removed = removed.text_content().unwrap();
    assert!(
        removed.contains("node-monitor-old01") && removed.contains("pod garbage collector"),
        "{removed}"
    );
}

#[wasm_bindgen_test]
async fn grouping_and_filtering_by_label() {
    let root = render_app().await;
    let select: HtmlSelectElement = one(&root, "[data-testid=group-by]").dyn_into().unwrap();
    let keys: Vec<String> = all(&root, "[data-testid=group-by] option")
        .iter()
        .map(|o| o.get_attribute("value").unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "",
            "kubernetes.io/arch",
            "kubernetes.io/hostname",
            "kubernetes.io/os",
            "node-role",
            "type"
        ]
    );
    select.set_value("type");
    select.dispatch_event(&event("change")).unwrap();
    yew::scheduler::flush().await;
    let groups: Vec<(String, Vec<String>)> = all(&root, "[data-testid=node-group]")
        .iter()
        .map(|g| {
            (
                g.get_attribute("data-group-value").unwrap_or_default(),
                card_names(g),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("logging".to_string(), vec!["node-2".to_string()]),
            (
                "monitoring".to_string(),
                ["node-1", "node-3", "node-4", "node-5"]
                    .map(String::from)
                    .to_vec()
            ),
        ]
    );
    assert!(text(&root, "[data-testid=node-group] h3").contains("type=logging"));

    // A node without the label comes last, in a group of its own.
    click(&root, "[data-testid=add-node]").await;
    let last = all(&root, "[data-testid=node-group]").pop().unwrap();
    assert!(last.get_attribute("data-group-value").is_none());
    assert_eq!(card_names(&last), ["node-6"]);

    // Filtering: by name, by label value, by key=value.
    type_into(&root, "[data-testid=filter]", "node-3").await;
    assert_eq!(card_names(&root), ["node-3"]);
    type_into(&root, "[data-testid=filter]", "logging").await;
    assert_eq!(card_names(&root), ["node-2"]);
    type_into(&root, "[data-testid=filter]", "node-role=control").await;
    assert_eq!(card_names(&root), ["node-3"]);
    assert!(text(&root, "[data-testid=summary]").contains("1 of 6 node(s) shown"));
    type_into(&root, "[data-testid=filter]", "nothing-like-this").await;
    one(&root, "[data-testid=no-nodes]");

    // Back to everything, ungrouped.
    type_into(&root, "[data-testid=filter]", "").await;
    select.set_value("");
    select.dispatch_event(&event("change")).unwrap();
    yew::scheduler::flush().await;
    assert!(all(&root, "[data-testid=node-group]").is_empty());
    assert_eq!(card_names(&root).len(), 6);
}

#[wasm_bindgen_test]
async fn renaming_a_node() {
    let root = render_app().await;
    click(&root, &format!("{} [data-testid=rename]", card("node-1"))).await;
    let field = format!("{} [data-testid=rename-input]", card("node-1"));
    type_into(&root, &field, "node-2").await;
    submit(&root, &field).await;
    assert_eq!(
        text(
            &root,
            &format!("{} [data-testid=rename-error]", card("node-1"))
        ),
        "a node named \"node-2\" already exists"
    );
    assert_eq!(
        one(&root, &field).get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    type_into(&root, &field, "Bad_Name").await;
    submit(&root, &field).await;
    assert!(text(
        &root,
        &format!("{} [data-testid=rename-error]", card("node-1"))
    )
    .starts_with("invalid node name \"Bad_Name\""));
    type_into(&root, &field, "db-1").await;
    submit(&root, &field).await;
    assert_eq!(
        card_names(&root),
        ["db-1", "node-2", "node-3", "node-4", "node-5"]
    );
    assert_eq!(nodes_with_pods(&root), ["db-1", "node-3", "node-5"]);
    // The hostname label followed the name.
    let chips: Vec<String> = all(&root, &format!("{} [data-testid=label]", card("db-1")))
        .iter()
        .map(|c| c.text_content().unwrap())
        .collect();
    assert!(
        chips
            .iter()
            .any(|c| c.starts_with("kubernetes.io/hostname=db-1")),
        "{chips:?}"
    );
}

#[wasm_bindgen_test]
async fn allocatable_resources_are_checked() {
    let root = render_app().await;
    let node = card("node-1");
    let cpu: HtmlInputElement = one(&root, &format!("{node} [data-testid=allocatable-cpu]"))
        .dyn_into()
        .unwrap();
    assert_eq!(cpu.value(), "4");
    let memory: HtmlInputElement = one(&root, &format!("{node} [data-testid=allocatable-memory]"))
        .dyn_into()
        .unwrap();
    assert_eq!(memory.value(), "15991548Ki");
    cpu.set_value("lots");
    cpu.dispatch_event(&event("change")).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(cpu.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(cpu.value(), "lots", "the text stays to be corrected");
    assert!(text(&root, "[data-testid=node-error]").contains("is not a quantity"));
    click(&root, "[data-testid=dismiss-node-error]").await;
    assert!(root
        .query_selector("[data-testid=node-error]")
        .unwrap()
        .is_none());
    // Too little cpu for the pod's request: it would stay Pending, in the scheduler's words.
    cpu.set_value("50m");
    cpu.dispatch_event(&event("change")).unwrap();
    yew::scheduler::flush().await;
    assert!(cpu.get_attribute("aria-invalid").is_none());
    let reasons = text(&root, &format!("{node} [data-testid=reasons]"));
    assert!(reasons.contains("Insufficient cpu"), "{reasons}");
}

#[wasm_bindgen_test]
async fn pasting_a_node_list_replaces_the_nodes_and_a_bad_one_keeps_the_text() {
    let root = render_app().await;
    let bad = "apiVersion: v1\nkind: List\nitems: [unclosed\n";
    paste_nodes(&root, bad).await;
    assert!(!text(&root, "[data-testid=node-error]").is_empty());
    assert_eq!(card_names(&root).len(), 5, "the nodes stay");
    let area: HtmlTextAreaElement = one(&root, "[data-testid=paste-text]").dyn_into().unwrap();
    assert_eq!(area.value(), bad, "the pasted text is kept");

    let mut a = node_edit::new_node("a");
    a.meta.labels.insert("type".into(), "monitoring".into());
    let yaml = node_edit::nodes_to_yaml(&[a, node_edit::new_node("b")]);
    paste_nodes(&root, &yaml).await;
    assert!(root
        .query_selector("[data-testid=node-error]")
        .unwrap()
        .is_none());
    assert_eq!(card_names(&root), ["a", "b"]);
    // Done: the panel closes and says so; the text is still there when it opens again.
    assert!(root
        .query_selector("[data-testid=paste-text]")
        .unwrap()
        .is_none());
    assert_eq!(
        text(&root, "[data-testid=node-tools-note]"),
        "Replaced the node list: 2 node(s)"
    );
    click(&root, "[data-testid=paste-nodes]").await;
    assert_eq!(
        one(&root, "[data-testid=paste-text]")
            .dyn_into::<HtmlTextAreaElement>()
            .unwrap()
            .value(),
        yaml
    );
    assert_eq!(nodes_with_pods(&root), ["a"]);

    // The export is the same YAML.
    click(&root, "[data-testid=export-yaml]").await;
    let exported = one(&root, "[data-testid=export-text]")
        .dyn_into::<HtmlTextAreaElement>()
        .unwrap()
        .value();
    assert_eq!(exported, yaml);
}

#[wasm_bindgen_test]
fn an_upload_that_is_not_utf8_is_refused_with_a_message() {
    assert_eq!(
        utf8_text("nodes.yaml", b"\xef\xbb\xbfkind: List\n".to_vec()),
        Ok("kind: List\n".to_string())
    );
    let error = utf8_text("nodes.yaml", b"kind: List\nitems: \xff\n".to_vec()).unwrap_err();
    assert!(
        error.starts_with("nodes.yaml is not UTF-8 text (byte 18, line 2"),
        "{error}"
    );
}

#[wasm_bindgen_test]
async fn five_thousand_nodes_stay_usable() {
    let root = render_app().await;
    let nodes: Vec<_> = (1..=5000)
        .map(|i| {
            let mut node = node_edit::new_node(&format!("n{i:04}"));
            node.meta.labels.insert(
                "type".into(),
                if i % 2 == 0 { "monitoring" } else { "logging" }.into(),
            );
            node.meta
                .labels
                .insert("zone".into(), format!("zone-{}", i % 3));
            node
        })
        .collect();
    let started = web_sys::js_sys::Date::now();
    paste_nodes(&root, &node_edit::nodes_to_yaml(&nodes)).await;
    wasm_bindgen_test::console_log!(
        "5,000 nodes pasted and drawn in {} ms (debug build)",
        web_sys::js_sys::Date::now() - started
    );
    let cards = all(&root, "[data-testid=node]").len();
    assert!(cards <= 250 && cards > 0, "{cards} cards");
    assert_eq!(card_names(&root).first().map(String::as_str), Some("n0001"));
    let summary = text(&root, "[data-testid=summary]");
    assert!(summary.contains("5000 node(s)"), "{summary}");
    assert!(
        summary.contains("didn't match Pod's node affinity/selector"),
        "{summary}"
    );
    assert!(
        summary.contains("later sync"),
        "the burst of 250 creates: {summary}"
    );

    click(&root, "[data-testid=page-next]").await;
    let second_page = format!("n{:04}", dsplay_web::components::cluster_view::PAGE + 1);
    assert_eq!(card_names(&root).first(), Some(&second_page));

    // Keystrokes in the filter of a large cluster wait for a pause in typing.
    type_into(&root, "[data-testid=filter]", "n4").await;
    type_into(&root, "[data-testid=filter]", "n49").await;
    assert_eq!(
        card_names(&root).first().map(String::as_str),
        Some(second_page.as_str()),
        "not yet"
    );
    assert_eq!(
        one(&root, "[data-testid=filter]")
            .dyn_into::<HtmlInputElement>()
            .unwrap()
            .value(),
        "n49"
    );
    pause_for_the_filter().await;
    assert_eq!(card_names(&root).len(), 100, "n4900..n4999");
    assert_eq!(
        card_names(&root).first().map(String::as_str),
        Some("n4900"),
        "back to the first page"
    );
    // Many cards: each folds its editing fields until asked.
    let first = card("n4900");
    assert!(root
        .query_selector(&format!("{first} [data-testid=label-input]"))
        .unwrap()
        .is_none());
    assert!(text(&root, &format!("{first} [data-testid=node-facts]")).contains("cpu 4"));
    click(&root, &format!("{first} [data-testid=edit-node]")).await;
    add_chip(&root, "n4900", "label", "type=monitoring").await;
    assert!(
        nodes_with_pods(&root).contains(&"n4900".to_string())
            || text(&root, &first).contains("later sync")
    );

    // Grouped by zone, still paged.
    type_into(&root, "[data-testid=filter]", "").await;
    pause_for_the_filter().await;
    let select: HtmlSelectElement = one(&root, "[data-testid=group-by]").dyn_into().unwrap();
    select.set_value("zone");
    select.dispatch_event(&event("change")).unwrap();
    yew::scheduler::flush().await;
    assert!(all(&root, "[data-testid=node]").len() <= 250);
    assert_eq!(
        all(&root, "[data-testid=node-group]")[0]
            .get_attribute("data-group-value")
            .as_deref(),
        Some("zone-0")
    );
}
