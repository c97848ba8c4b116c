//! The flow's diagram at one step, after the seeds' pictures: a box per node
//! (regular, new, removed) holding its DaemonSet pod, the controller's checks
//! ticked or crossed with the verdict and its reason, and the objects the step
//! touched highlighted. A cluster larger than the core's `DETAILED_NODES` is
//! drawn in aggregate: the pods by status, as bars.
//!
//! Movement is CSS only (transform and opacity): pods are keyed by name, so a
//! new pod animates in, and a pod gone at this step stays a moment as a fading
//! ghost. `prefers-reduced-motion` turns all of it off (flow.css).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use dsplay_core::simulation::{CheckView, Counts, NodeView, PodView, Snapshot, Timeline};
use yew::prelude::*;

use crate::components::flow_player::scan_index;
use crate::flow::Flow;

/// Above this many nodes the boxes are compact: the pod as a chip without its
/// name, the checks folded into the verdict's tooltip.
pub const COMPACT_ABOVE: usize = 40;

#[derive(Properties)]
pub struct FlowDiagramProps {
    pub flow: Rc<Flow>,
    /// The current step (its snapshot is drawn).
    pub pos: usize,
}

impl PartialEq for FlowDiagramProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.flow, &other.flow) && self.pos == other.pos
    }
}

/// The cluster after step `pos` and before it (a flow without steps: the start twice).
pub fn snapshots(timeline: &Timeline, pos: usize) -> (&Snapshot, &Snapshot) {
    if timeline.steps.is_empty() {
        (&timeline.start, &timeline.start)
    } else {
        (timeline.snapshot_at(pos + 1), timeline.snapshot_at(pos))
    }
}

/// The CSS class of a pod's state: Pending (dashed), ContainerCreating,
/// Running, Ready (solid), Terminating (fading).
pub fn status_class(pod: &PodView) -> &'static str {
    match pod.status.as_str() {
        "Pending" => "status-pending",
        "ContainerCreating" => "status-creating",
        "Running" if pod.ready => "status-ready",
        "Running" => "status-running",
        "Terminating" => "status-terminating",
        _ => "status-other",
    }
}

/// What a pod's state reads as.
fn status_text(pod: &PodView) -> String {
    match (pod.status.as_str(), pod.ready) {
        ("Running", true) => "Running · Ready".to_string(),
        ("Running", false) => "Running · not ready".to_string(),
        (status, _) => status.to_string(),
    }
}

/// The check's name as the list shows it.
pub fn check_text(check: &CheckView) -> String {
    match check.name.as_str() {
        "taints and tolerations" => "taints and tolerations (the pod's and the automatic ones)".to_string(),
        name => name.to_string(),
    }
}

#[function_component(FlowDiagram)]
pub fn flow_diagram(props: &FlowDiagramProps) -> Html {
    let timeline = &props.flow.timeline;
    let (snapshot, before) = snapshots(timeline, props.pos);
    let step = timeline.steps.get(props.pos);
    let scan = scan_index(timeline);
    // The checks appear when the controller makes them, and stay.
    let revealed = scan.is_none_or(|s| props.pos >= s);
    let revealing = scan == Some(props.pos);

    if snapshot.nodes.is_empty() {
        return html! {
            <div class="flow-diagram aggregate" data-testid="flow-diagram">
                <Aggregate counts={snapshot.counts} before={before.counts} />
            </div>
        };
    }

    let touched: HashSet<&str> = step.map(|s| s.touched.iter().map(String::as_str).collect()).unwrap_or_default();
    let mut pods_on: HashMap<&str, Vec<&PodView>> = HashMap::new();
    for pod in &snapshot.pods {
        pods_on.entry(pod.node.as_str()).or_default().push(pod);
    }
    let now: HashSet<&str> = snapshot.pods.iter().map(|p| p.name.as_str()).collect();
    let earlier: HashSet<&str> = before.pods.iter().map(|p| p.name.as_str()).collect();
    let mut gone_from: HashMap<&str, Vec<&PodView>> = HashMap::new();
    for pod in before.pods.iter().filter(|p| !now.contains(p.name.as_str())) {
        gone_from.entry(pod.node.as_str()).or_default().push(pod);
    }
    let had_pod: HashSet<&str> = timeline.start.pods.iter().map(|p| p.node.as_str()).collect();
    let compact = snapshot.nodes.len() > COMPACT_ABOVE;

    let boxes = snapshot.nodes.iter().map(|node| {
        let pods = pods_on.get(node.name.as_str()).map_or(&[][..], Vec::as_slice);
        let gone = gone_from.get(node.name.as_str()).map_or(&[][..], Vec::as_slice);
        let is_touched = touched.contains(node.name.as_str())
            || pods.iter().chain(gone).any(|p| touched.contains(p.name.as_str()));
        let context = NodeContext {
            pods,
            gone,
            touched: &touched,
            earlier: &earlier,
            is_touched,
            revealed,
            revealing,
            compact,
            had_pod: had_pod.contains(node.name.as_str()),
        };
        node_box(node, &context)
    });
    html! {
        <div class={classes!("flow-diagram", compact.then_some("compact"))} data-testid="flow-diagram">
            <ul class="flow-grid" aria-label="Nodes at this step">{ for boxes }</ul>
        </div>
    }
}

struct NodeContext<'a> {
    pods: &'a [&'a PodView],
    /// Pods gone at this step (drawn as fading ghosts).
    gone: &'a [&'a PodView],
    touched: &'a HashSet<&'a str>,
    /// The pods before this step: the others arrive now.
    earlier: &'a HashSet<&'a str>,
    is_touched: bool,
    revealed: bool,
    revealing: bool,
    compact: bool,
    /// The node had a pod before the flow (a removed node's pod was terminated).
    had_pod: bool,
}

fn node_box(node: &NodeView, cx: &NodeContext) -> Html {
    let judged = !node.checks.is_empty();
    let look = if node.removed {
        "node-removed"
    } else if node.joined {
        "node-new"
    } else {
        "node-regular"
    };
    let icon = if node.removed {
        "🗑️"
    } else if node.joined {
        "✨"
    } else {
        "🖥️"
    };
    let eligibility = (judged && cx.revealed).then_some(if node.should_run { "eligible" } else { "ineligible" });
    let reason = node.reasons.first().map(String::as_str).unwrap_or_default();

    let pods = cx.pods.iter().map(|pod| {
        let arrived = !cx.earlier.contains(pod.name.as_str());
        let class = classes!(
            "flow-pod",
            status_class(pod),
            if pod.updated { "updated" } else { "old" },
            arrived.then_some("arrived"),
            cx.touched.contains(pod.name.as_str()).then_some("touched"),
        );
        let title = format!(
            "{} · {}{}{}",
            pod.name,
            status_text(pod),
            if pod.bound { "" } else { " · not bound yet" },
            if pod.updated { "" } else { " · old template" }
        );
        html! {
            <div key={pod.name.clone()} class={class} data-testid="flow-pod" data-pod-name={pod.name.clone()}
                data-status={pod.status.clone()} title={title}>
                <span class="flow-pod-icon" aria-hidden="true">{ "📦" }</span>
                if !cx.compact {
                    <span class="flow-pod-name">{ &pod.name }</span>
                }
                <span class="flow-pod-state">
                    <span key={status_class(pod)} class="flow-pod-status">{ status_text(pod) }</span>
                </span>
            </div>
        }
    });
    let ghosts = cx.gone.iter().map(|pod| {
        html! {
            <div key={format!("gone:{}", pod.name)} class="flow-pod flow-pod-gone" data-testid="flow-pod-gone"
                data-pod-name={pod.name.clone()} title={format!("{}: gone", pod.name)}>
                <span class="flow-pod-icon" aria-hidden="true">{ "📦" }</span>
                if !cx.compact {
                    <span class="flow-pod-name">{ &pod.name }</span>
                }
                <span class="flow-pod-state"><span class="flow-pod-status">{ "removed" }</span></span>
            </div>
        }
    });
    let empty = (cx.pods.is_empty() && cx.gone.is_empty()).then(|| {
        let text = if node.removed && cx.had_pod { "Pod terminated" } else { "No pod" };
        html! { <div key="empty" class="flow-no-pod" data-testid="flow-no-pod">{ text }</div> }
    });

    // One keyed list, so that pods animate in and out by name.
    let items: Vec<Html> = pods.chain(ghosts).chain(empty).collect();

    let checks = (judged && cx.revealed && !cx.compact).then(|| {
        let items = node.checks.iter().enumerate().map(|(i, check)| {
            html! {
                <li class={if check.passed { "pass" } else { "fail" }} style={format!("--i: {i}")}
                    data-testid="flow-check" data-check={check.name.clone()} data-passed={check.passed.to_string()}>
                    <span class="flow-check-mark" aria-hidden="true">{ if check.passed { "✓" } else { "✗" } }</span>
                    <span class="visually-hidden">{ if check.passed { "passes: " } else { "fails: " } }</span>
                    { check_text(check) }
                </li>
            }
        });
        html! { <ul class="flow-checks" aria-label="The controller's checks">{ for items }</ul> }
    });
    let verdict = (judged && cx.revealed).then(|| {
        let (mark, class, text) = if node.should_run {
            ("✓", "ok", "should run a pod".to_string())
        } else if node.should_continue_running {
            ("⚠", "keeps", format!("gets no new pod, keeps one it has: {reason}"))
        } else {
            ("✗", "no", format!("no pod: {reason}"))
        };
        html! {
            <p class={classes!("flow-verdict", class)} data-testid="flow-verdict" title={text.clone()}
                style={format!("--i: {}", node.checks.len())}>
                <span aria-hidden="true">{ mark }</span>{ " " }
                if cx.compact { <span class="visually-hidden">{ text }</span> } else { { text } }
            </p>
        }
    });

    html! {
        <li key={node.name.clone()}
            class={classes!("flow-node", look, eligibility, cx.is_touched.then_some("touched"), (cx.revealing && judged).then_some("revealing"))}
            data-testid="flow-node" data-node-name={node.name.clone()}>
            <div class="flow-node-head">
                <span class="flow-node-icon" aria-hidden="true">{ icon }</span>
                <span class="flow-node-name">{ &node.name }</span>
                if node.joined { <span class="flow-tag tag-new">{ "new" }</span> }
                if node.removed { <span class="flow-tag tag-removed">{ "removed" }</span> }
            </div>
            <div class="flow-node-pods">{ for items }</div>
            { checks }
            { verdict }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct AggregateProps {
    counts: Counts,
    before: Counts,
}

/// A large cluster: its pods by status as bars, scaled to the node count.
#[function_component(Aggregate)]
fn aggregate(props: &AggregateProps) -> Html {
    let c = props.counts;
    let b = props.before;
    let total = c.nodes.max(1) as f64;
    let bar = |key: &'static str, label: &'static str, now: usize, was: usize| {
        let scale = (now as f64 / total).min(1.0);
        html! {
            <li class={classes!("flow-bar", (now != was).then_some("moved"))} data-testid="flow-bar" data-status={key}>
                <span class="flow-bar-label">{ label }</span>
                <span class="flow-bar-track" aria-hidden="true">
                    <span class={classes!("flow-bar-fill", format!("status-{key}"))} style={format!("transform: scaleX({scale:.4})")}></span>
                </span>
                <span class="flow-bar-count">{ now }</span>
            </li>
        }
    };
    html! {
        <div class="flow-aggregate" data-testid="flow-aggregate">
            <p class="flow-aggregate-note">
                { format!("{} nodes: drawn in aggregate, the DaemonSet's pods by status (node by node up to {}).",
                    c.nodes, dsplay_core::simulation::DETAILED_NODES) }
            </p>
            <ul class="flow-bars" aria-label="Pods by status">
                { bar("pending", "Pending", c.pending, b.pending) }
                { bar("creating", "ContainerCreating", c.container_creating, b.container_creating) }
                { bar("running", "Running, not ready", c.running.saturating_sub(c.ready), b.running.saturating_sub(b.ready)) }
                { bar("ready", "Ready", c.ready, b.ready) }
                { bar("terminating", "Terminating", c.terminating, b.terminating) }
            </ul>
        </div>
    }
}

/// The seeds' legend, with the pod's states.
#[function_component(FlowLegend)]
pub fn flow_legend() -> Html {
    let item = |class: &'static str, icon: &'static str, text: &'static str| {
        html! {
            <li>
                <span class={classes!("flow-swatch", class)} aria-hidden="true">{ icon }</span>
                { text }
            </li>
        }
    };
    html! {
        <ul class="flow-legend" aria-label="Legend" data-testid="flow-legend">
            { item("node-regular", "🖥️", "Regular node") }
            { item("node-new", "✨", "New node") }
            { item("node-removed", "🗑️", "Removed node") }
            { item("pod status-ready", "📦", "DaemonSet pod") }
            { item("pod status-pending", "", "Pending") }
            { item("pod status-creating", "", "ContainerCreating") }
            { item("pod status-running", "", "Running, not ready") }
            { item("pod status-ready", "", "Ready") }
            { item("pod status-terminating", "", "Terminating") }
            { item("pod status-ready old", "", "Old template") }
        </ul>
    }
}
