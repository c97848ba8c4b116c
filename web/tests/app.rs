//! The page, rendered by Yew into a div in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown -p dsplay-web`.
//! These tests hold the `data-testid` hooks in place for the browser tests too.
#![cfg(target_arch = "wasm32")]

use dsplay_web::state::DEFAULT_DAEMONSET;
use dsplay_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Renders the app into a fresh div and waits until it is drawn.
async fn render() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"))
}

/// `node name -> pod names` in page order.
fn pods_by_node(root: &Element) -> Vec<(String, Vec<String>)> {
    all(root, "[data-testid=node]")
        .iter()
        .map(|card| {
            let name = card.get_attribute("data-node-name").unwrap();
            let pods = all(card, "[data-testid=pod]").iter().map(|p| p.text_content().unwrap()).collect();
            (name, pods)
        })
        .collect()
}

fn nodes_with_pods(root: &Element) -> Vec<String> {
    pods_by_node(root).into_iter().filter(|(_, pods)| !pods.is_empty()).map(|(n, _)| n).collect()
}

async fn type_yaml(root: &Element, text: &str) {
    let area: HtmlTextAreaElement = one(root, "[data-testid=yaml-editor]").dyn_into().unwrap();
    area.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).unwrap();
    area.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

async fn click(root: &Element, selector: &str) {
    one(root, selector).dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_default_daemonset_runs_on_the_ssd_nodes() {
    let root = render().await;
    let editor: HtmlTextAreaElement = one(&root, "[data-testid=yaml-editor]").dyn_into().unwrap();
    assert_eq!(editor.value(), DEFAULT_DAEMONSET);
    let nodes = pods_by_node(&root);
    assert_eq!(nodes.len(), 3, "{nodes:?}");
    assert_eq!(nodes_with_pods(&root), ["node-1", "node-2"]);
    for (_, pods) in &nodes {
        assert!(pods.len() <= 1, "{nodes:?}");
        assert!(pods.iter().all(|p| p.starts_with("node-exporter-")), "{nodes:?}");
    }
    // The node without a pod says why, in the scheduler's words.
    let reasons = one(&root, "[data-node-name=node-3] [data-testid=reasons]").text_content().unwrap();
    assert!(reasons.contains("node affinity/selector"), "{reasons}");
    let status = one(&root, "[data-testid=ds-status]").text_content().unwrap();
    let lines: Vec<Vec<&str>> = status.lines().map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(lines[0], ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE"], "{status}");
    assert_eq!(lines[1][0], "node-exporter", "{status}");
    assert_eq!(lines[1][1], "2", "desired: {status}");
}

#[wasm_bindgen_test]
async fn editing_the_node_selector_moves_the_pods() {
    let root = render().await;
    type_yaml(&root, &DEFAULT_DAEMONSET.replace("disktype: ssd", "disktype: hdd")).await;
    assert_eq!(nodes_with_pods(&root), ["node-3"]);
    assert!(root.query_selector("[data-testid=stale]").unwrap().is_none());

    type_yaml(&root, &DEFAULT_DAEMONSET.replace("      nodeSelector:\n        disktype: ssd\n", "")).await;
    assert_eq!(nodes_with_pods(&root), ["node-1", "node-2", "node-3"]);
}

#[wasm_bindgen_test]
async fn a_broken_text_keeps_the_last_good_plan_and_says_where() {
    let root = render().await;
    type_yaml(&root, &DEFAULT_DAEMONSET.replace("disktype: ssd", "disktype: hdd")).await;
    type_yaml(&root, "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: [unclosed\n").await;
    assert_eq!(nodes_with_pods(&root), ["node-3"], "the last good plan stays");
    one(&root, "[data-testid=stale]");
    let diagnostics = one(&root, "[data-testid=diagnostics]").text_content().unwrap();
    assert!(diagnostics.contains("daemonset.yaml:"), "{diagnostics}");
}

#[wasm_bindgen_test]
async fn the_add_node_button_adds_a_node_that_gets_a_pod() {
    let root = render().await;
    click(&root, "[data-testid=add-node]").await;
    let nodes = pods_by_node(&root);
    assert_eq!(nodes.len(), 4, "{nodes:?}");
    assert_eq!(nodes[3].0, "node-4");
    assert_eq!(nodes_with_pods(&root), ["node-1", "node-2", "node-4"]);
    let status = one(&root, "[data-testid=ds-status]").text_content().unwrap();
    assert_eq!(status.lines().nth(1).unwrap().split_whitespace().nth(1), Some("3"), "{status}");
}

#[wasm_bindgen_test]
async fn a_node_can_be_removed() {
    let root = render().await;
    click(&root, "[data-node-name=node-1] button.remove").await;
    assert_eq!(nodes_with_pods(&root), ["node-2"]);
    assert_eq!(pods_by_node(&root).len(), 2);
}
