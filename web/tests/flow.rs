//! The flow player, rendered by Yew in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown -p dsplay-web --test flow`.
//! The page opens on the `selector-taints` preset: five nodes, pods on node-1,
//! node-3 and node-5 (node-2 is type=logging, node-4 has special:NoSchedule),
//! its creation flow shown settled.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use dsplay_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    Element, HtmlElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent, KeyboardEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// The app in a fresh div, drawn, with nothing saved by an earlier test (the
/// app autosaves in localStorage). Destroy the handle at the end so that no
/// timer outlives the test.
async fn render() -> (Element, yew::AppHandle<App>) {
    if let Ok(Some(storage)) = web_sys::window().unwrap().local_storage() {
        storage.clear().unwrap();
    }
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    (root, handle)
}

async fn finish(root: Element, handle: yew::AppHandle<App>) {
    handle.destroy();
    yew::scheduler::flush().await;
    root.remove();
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}

async fn click(root: &Element, selector: &str) {
    one(root, selector)
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::scheduler::flush().await;
}

async fn sleep(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
    yew::scheduler::flush().await;
}

/// Waits (up to `ms`) until `ready` holds; false if it never does.
async fn wait_for(ms: u64, ready: impl Fn() -> bool) -> bool {
    for _ in 0..ms / 25 {
        if ready() {
            return true;
        }
        sleep(25).await;
    }
    ready()
}

/// The player's position: 0 the start (before the first step), k after step k.
fn position(root: &Element) -> usize {
    one(root, "[data-testid=flow-position]")
        .get_attribute("data-step")
        .unwrap()
        .parse()
        .unwrap()
}

fn step_count(root: &Element) -> usize {
    all(root, "[data-testid=flow-step]").len()
}

/// The index of the list item marked current.
fn current_item(root: &Element) -> usize {
    let items = all(root, "[data-testid=flow-step]");
    let current: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, li)| li.get_attribute("aria-current").as_deref() == Some("step"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(current.len(), 1, "exactly one current step");
    current[0]
}

fn diagram_node(node: &str) -> String {
    format!("[data-testid=flow-diagram] [data-testid=flow-node][data-node-name=\"{node}\"]")
}

/// (node, pod status) for each pod in the diagram.
fn diagram_pods(root: &Element) -> Vec<(String, String)> {
    all(root, "[data-testid=flow-diagram] [data-testid=flow-node]")
        .iter()
        .flat_map(|node| {
            let name = node.get_attribute("data-node-name").unwrap();
            all(node, "[data-testid=flow-pod]")
                .into_iter()
                .map(move |pod| (name.clone(), pod.get_attribute("data-status").unwrap()))
        })
        .collect()
}

fn has_class(element: &Element, class: &str) -> bool {
    element
        .get_attribute("class")
        .unwrap_or_default()
        .split_whitespace()
        .any(|c| c == class)
}

fn playing(root: &Element) -> bool {
    one(root, "[data-testid=flow-play]")
        .get_attribute("aria-pressed")
        .as_deref()
        == Some("true")
}

#[wasm_bindgen_test]
async fn the_page_opens_on_the_settled_creation() {
    let (root, handle) = render().await;
    assert!(text(&root, "[data-testid=flow-title]").contains("node-monitor is created"));
    let nodes: Vec<String> = all(&root, "[data-testid=flow-diagram] [data-testid=flow-node]")
        .iter()
        .map(|n| n.get_attribute("data-node-name").unwrap())
        .collect();
    assert_eq!(nodes, ["node-1", "node-2", "node-3", "node-4", "node-5"]);
    let running = |n: &str| (n.to_string(), "Running".to_string());
    assert_eq!(
        diagram_pods(&root),
        [running("node-1"), running("node-3"), running("node-5")]
    );
    assert!(!playing(&root), "shown settled, paused");
    let items = step_count(&root);
    assert!(items >= 9, "the start and {} steps", items - 1);
    assert_eq!(current_item(&root), items - 1, "the last step is current");
    assert_eq!(position(&root), items - 1);
    assert_eq!(
        text(&root, "[data-testid=flow-summary]"),
        "Settled: 3 pods on 3 of 5 nodes"
    );
    assert!(text(&root, "[data-testid=flow-caption]").contains("3 desired, 3 current, 3 ready"));
    assert_eq!(
        text(&root, "[data-counter=desired] .flow-counter-value"),
        "3"
    );
    assert_eq!(
        text(&root, "[data-counter=available] .flow-counter-value"),
        "3"
    );
    // The legend in the seeds' words, and the player's own attributes.
    let legend = text(&root, "[data-testid=flow-legend]");
    for item in [
        "Regular node",
        "New node",
        "Removed node",
        "DaemonSet pod",
        "Pending",
        "Terminating",
    ] {
        assert!(legend.contains(item), "legend: {legend}");
    }
    let player = one(&root, "[data-testid=flow-player]");
    assert!(matches!(
        player.get_attribute("data-motion").as_deref(),
        Some("full" | "reduced")
    ));
    finish(root, handle).await;
}

#[wasm_bindgen_test]
async fn restart_and_step_through_the_creation() {
    let (root, handle) = render().await;
    let caption = || text(&root, "[data-testid=flow-caption]");
    click(&root, "[data-testid=flow-restart]").await;
    assert_eq!(position(&root), 0);
    assert_eq!(current_item(&root), 0);
    assert!(
        diagram_pods(&root).is_empty(),
        "no pods before kubectl apply"
    );
    assert!(caption().contains("The cluster before: 5 nodes and no DaemonSet yet"));
    assert!(
        all(&root, "[data-testid=flow-check]").is_empty(),
        "the checks wait for the controller's scan"
    );
    assert!(one(&root, "[data-testid=flow-back]").has_attribute("disabled"));

    click(&root, "[data-testid=flow-forward]").await;
    assert_eq!((position(&root), current_item(&root)), (1, 1));
    assert!(caption().contains("kubectl apply -f node-monitor.yaml"));
    assert!(diagram_pods(&root).is_empty(), "no pods at kubectl apply");
    click(&root, "[data-testid=flow-forward]").await;
    assert!(caption().contains("The API server stores"));
    assert!(all(&root, "[data-testid=flow-check]").is_empty());
    click(&root, "[data-testid=flow-forward]").await;
    // The scan: every node's checks appear, in order, with the verdict.
    assert!(
        caption().starts_with("DaemonSet controller"),
        "the actor badge leads the caption"
    );
    assert!(caption().contains("The DaemonSet controller checks the 5 node(s)"));
    assert!(has_class(&one(&root, &diagram_node("node-4")), "revealing"));
    assert_eq!(all(&root, "[data-testid=flow-verdict]").len(), 5);
    assert!(diagram_pods(&root).is_empty(), "no pod before the creates");
    click(&root, "[data-testid=flow-forward]").await;
    assert_eq!(
        diagram_pods(&root),
        [("node-1".to_string(), "Pending".to_string())],
        "slow start: one pod first"
    );
    assert!(has_class(&one(&root, &diagram_node("node-1")), "touched"));
    click(&root, "[data-testid=flow-back]").await;
    assert_eq!(position(&root), 3);
    assert!(diagram_pods(&root).is_empty());

    // Clicking a step jumps to it; the arrow keys step.
    one(&root, "[data-testid=flow-step]:nth-child(6) button")
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::scheduler::flush().await;
    assert_eq!(position(&root), 5);
    let init = KeyboardEventInit::new();
    init.set_key("ArrowRight");
    init.set_bubbles(true);
    let key = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    one(&root, "[data-testid=flow-steps] [aria-current=step] button")
        .dispatch_event(&key)
        .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(position(&root), 6);
    finish(root, handle).await;
}

#[wasm_bindgen_test]
async fn the_checks_are_ticked_or_crossed_with_the_reason() {
    let (root, handle) = render().await;
    let checks = |node: &str| -> Vec<(String, bool)> {
        all(
            &root,
            &format!("{} [data-testid=flow-check]", diagram_node(node)),
        )
        .iter()
        .map(|c| {
            (
                c.get_attribute("data-check").unwrap(),
                c.get_attribute("data-passed").unwrap() == "true",
            )
        })
        .collect()
    };
    let pass = |name: &str, passed: bool| (name.to_string(), passed);
    assert_eq!(
        checks("node-1"),
        [
            pass("nodeName", true),
            pass("nodeSelector and node affinity", true),
            pass("taints and tolerations", true)
        ]
    );
    // The checks stop at the first that fails.
    assert_eq!(
        checks("node-2"),
        [
            pass("nodeName", true),
            pass("nodeSelector and node affinity", false)
        ]
    );
    assert_eq!(
        checks("node-4"),
        [
            pass("nodeName", true),
            pass("nodeSelector and node affinity", true),
            pass("taints and tolerations", false)
        ]
    );
    let node4 = one(&root, &diagram_node("node-4"));
    assert!(has_class(&node4, "ineligible"));
    let verdict = text(&node4, "[data-testid=flow-verdict]");
    assert!(
        verdict.contains("untolerated taint {special: }"),
        "{verdict}"
    );
    assert!(text(&node4, "[data-testid=flow-check]:last-child").contains("✗"));
    assert!(text(
        &root,
        &format!("{} [data-testid=flow-verdict]", diagram_node("node-2"))
    )
    .contains("didn't match Pod's node affinity/selector"));
    assert!(text(
        &root,
        &format!("{} [data-testid=flow-verdict]", diagram_node("node-3"))
    )
    .contains("should run a pod"));
    assert!(has_class(&one(&root, &diagram_node("node-3")), "eligible"));
    finish(root, handle).await;
}

#[wasm_bindgen_test]
async fn a_change_plays_its_flow_and_the_creation_is_one_click_away() {
    let (root, handle) = render().await;
    click(&root, "[data-testid=add-node]").await;
    assert_eq!(text(&root, "[data-testid=flow-title]"), "Node node-6 joins");
    assert!(playing(&root), "a change plays at once");
    // From the cluster before the change: node-6 is not there yet.
    assert_eq!(position(&root), 0);
    assert!(root
        .query_selector(&diagram_node("node-6"))
        .unwrap()
        .is_none());
    // node-6 has no type=monitoring label: the flow is the join and the scan.
    assert_eq!(step_count(&root), 3, "the start and two steps");
    assert!(
        wait_for(2000, || position(&root) == 1).await,
        "it plays by itself"
    );
    let new_node = one(&root, &diagram_node("node-6"));
    assert!(has_class(&new_node, "node-new"), "the seeds' new node");
    assert!(text(&new_node, ".flow-node-head").contains("new"));
    assert!(wait_for(2000, || position(&root) == 2).await);
    assert!(
        wait_for(500, || !playing(&root)).await,
        "stopped at the end"
    );
    assert!(text(
        &root,
        &format!("{} [data-testid=flow-verdict]", diagram_node("node-6"))
    )
    .contains("didn't match"));

    // The creation, played from its first step, by itself.
    click(&root, "[data-testid=flow-play-creation]").await;
    assert!(text(&root, "[data-testid=flow-title]").contains("is created"));
    assert_eq!(position(&root), 0);
    assert!(playing(&root));
    assert!(diagram_pods(&root).is_empty());
    assert!(
        wait_for(2000, || position(&root) >= 1).await,
        "it plays by itself"
    );
    click(&root, "[data-testid=flow-play]").await;
    assert!(!playing(&root), "paused");
    let paused_at = position(&root);
    sleep(1100).await;
    assert_eq!(position(&root), paused_at, "paused means paused");

    // Faster: 4×.
    let speed = one(&root, "[data-testid=flow-speed]")
        .dyn_into::<HtmlSelectElement>()
        .unwrap();
    speed.set_value("8");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    speed
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    click(&root, "[data-testid=flow-restart]").await;
    assert_eq!(position(&root), 0);
    click(&root, "[data-testid=flow-play]").await;
    sleep(700).await;
    assert!(position(&root) >= 2, "4×: {} after 700 ms", position(&root));
    finish(root, handle).await;
}

#[wasm_bindgen_test]
async fn the_deployment_comparison_leaves_the_new_node_empty() {
    let (root, handle) = render().await;
    assert!(
        root.query_selector("[data-testid=deployment-panel]")
            .unwrap()
            .is_none(),
        "off by default"
    );
    let toggle = one(&root, "[data-testid=compare-deployment]")
        .dyn_into::<HtmlInputElement>()
        .unwrap();
    toggle.click();
    yew::scheduler::flush().await;
    // The creation has no join: the panel says when it shows.
    let hint = text(&root, "[data-testid=compare-hint]");
    assert!(hint.contains("when a node joins"), "{hint}");
    assert!(one(&root, "[data-testid=compare-hint] a")
        .get_attribute("href")
        .unwrap()
        .contains("preset=node-added"));

    click(&root, "[data-testid=add-node]").await;
    click(&root, "[data-testid=flow-play]").await; // pause, at the start
    assert!(
        one(&root, "[data-testid=compare-deployment]")
            .dyn_into::<HtmlInputElement>()
            .unwrap()
            .checked(),
        "the toggle outlives the flow"
    );
    assert_eq!(
        text(&root, "[data-testid=deployment-title]"),
        "Deployment with replicas: 5"
    );
    assert_eq!(position(&root), 0, "paused before the join");
    assert_eq!(
        all(&root, "[data-testid=deployment-node]").len(),
        5,
        "node-6 has not joined yet"
    );
    assert!(text(&root, "[data-testid=deployment-caption]").contains("Before node-6 joins"));
    click(&root, "[data-testid=flow-forward]").await;
    let boxes = all(&root, "[data-testid=deployment-node]");
    assert_eq!(boxes.len(), 6);
    assert_eq!(all(&root, "[data-testid=deployment-pod]").len(), 5);
    let last = boxes.last().unwrap();
    assert_eq!(
        last.get_attribute("data-node-name").as_deref(),
        Some("node-6")
    );
    assert!(
        last.query_selector("[data-testid=deployment-pod]")
            .unwrap()
            .is_none(),
        "the new node stays empty"
    );
    let caption = text(&root, "[data-testid=deployment-caption]");
    assert!(
        caption.contains("keeps 5 replicas")
            && caption.contains("node-6 gets none until you scale"),
        "{caption}"
    );

    toggle.click();
    yew::scheduler::flush().await;
    assert!(root
        .query_selector("[data-testid=deployment-panel]")
        .unwrap()
        .is_none());
    finish(root, handle).await;
}

#[wasm_bindgen_test]
async fn every_control_has_a_name() {
    let (root, handle) = render().await;
    for id in ["flow-restart", "flow-back", "flow-play", "flow-forward"] {
        let button = one(&root, &format!("[data-testid={id}]"));
        assert!(
            !button
                .get_attribute("aria-label")
                .unwrap_or_default()
                .is_empty(),
            "{id}"
        );
    }
    assert_eq!(
        one(&root, "[data-testid=flow-play]")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Play")
    );
    assert!(one(&root, "[data-testid=flow-speed]")
        .closest("label")
        .unwrap()
        .is_some());
    assert!(one(&root, "[data-testid=compare-deployment]")
        .closest("label")
        .unwrap()
        .is_some());
    assert!(!text(&root, "[data-testid=flow-play-creation]").is_empty());
    assert_eq!(
        one(&root, "[data-testid=flow-caption]")
            .get_attribute("aria-live")
            .as_deref(),
        Some("polite")
    );
    finish(root, handle).await;
}
