//! The flow's diagram at one step, after the seeds' pictures: a box per node
//! (regular, new, removed) holding its DaemonSet pod, the controller's checks
//! ticked or crossed with the verdict and its reason, and the objects the step
//! touched highlighted. A cluster larger than the core's `DETAILED_NODES` is
//! drawn in aggregate: the pods by status, as bars.
//!
//! Movement is CSS only (transform and opacity): pods are keyed by name, so a
//! new pod animates in, and a pod gone at this step stays a moment as a fading
//! ghost. `prefers-reduced-motion` turns all of it off (flow.css).

use dsplay_core::name_index::NameIndex;

use dsplay_core::simulation::{CheckView, Counts, PodView, Snapshot, Timeline};
use yew::prelude::*;

use crate::components::flow_player::scan_index;
use crate::class_list::class_list;

/// Above this many nodes the boxes are compact: the pod as a chip without its
/// name, the verdict as a tick or a cross with its reason as a tooltip.
pub const COMPACT_ABOVE: usize = 40;
/// Above this many objects touched by one step, the highlight does not move.
pub const MOVING_TOUCHES: usize = 48;

/// The cluster at position `pos` and one step before it (the start twice at the start).
pub fn snapshots(timeline: &Timeline, pos: usize) -> (&Snapshot, &Snapshot) {
    (
        timeline.snapshot_at(pos),
        timeline.snapshot_at(pos.saturating_sub(1)),
    )
}

/// The CSS class of a pod's state: Pending (dashed), ContainerCreating,
/// Running, Ready (solid), Terminating (fading).
pub fn status_class(status: &str, ready: bool) -> &'static str {
    match status {
        "Pending" => "status-pending",
        "ContainerCreating" => "status-creating",
        "Running" if ready => "status-ready",
        "Running" => "status-running",
        "Terminating" => "status-terminating",
        _ => "status-other",
    }
}

/// What a pod's state reads as.
fn status_text(status: &str, ready: bool) -> String {
    match (status, ready) {
        ("Running", true) => "Running · Ready".to_string(),
        ("Running", false) => "Running · not ready".to_string(),
        (status, _) => status.to_string(),
    }
}

/// The check's name as the list shows it, short, and what it checks in full.
pub fn check_text(check: &CheckView) -> (&str, &'static str) {
    match check.name.as_str() {
        "nodeName" => ("nodeName", "spec.nodeName, when the template names a node"),
        "nodeSelector and node affinity" => (
            "nodeSelector, affinity",
            "the template's nodeSelector and required node affinity against the node's labels",
        ),
        "taints and tolerations" => (
            "taints vs tolerations",
            "the node's NoSchedule and NoExecute taints against the template's tolerations and the automatic ones every DaemonSet pod gets",
        ),
        name => (name, ""),
    }
}

/// The diagram at position `pos`: 0 the start, `k` after step `k`.
pub fn flow_diagram(timeline: &Timeline, pos: usize) -> Html {
    let (snapshot, before) = snapshots(timeline, pos);
    let step = pos.checked_sub(1).and_then(|i| timeline.steps.get(i));
    // The scan's position: after its step.
    let scan = scan_index(timeline).map(|i| i + 1);
    // The checks appear when the controller makes them, and stay.
    let revealed = scan.is_none_or(|s| pos >= s);
    let revealing = scan == Some(pos);

    if snapshot.nodes.is_empty() {
        return html! {
            <div class="flow-diagram aggregate" data-testid="flow-diagram">
                { aggregate(&snapshot.counts, &before.counts) }
            </div>
        };
    }

    let touched = NameIndex::new(step.into_iter().flat_map(|s| s.touched.iter().map(String::as_str)));
    let nodes = NameIndex::new(snapshot.nodes.iter().map(|n| n.name.as_str()));
    let pods_on = nodes.group(&snapshot.pods, |pod| pod.node.as_str());
    let now = NameIndex::new(snapshot.pods.iter().map(|p| p.name.as_str()));
    let earlier = NameIndex::new(before.pods.iter().map(|p| p.name.as_str()));
    let gone_from = nodes.group(before.pods.iter().filter(|p| !now.contains(&p.name)), |pod| pod.node.as_str());
    let had_pod = NameIndex::new(timeline.start.pods.iter().map(|p| p.node.as_str()));
    let compact = snapshot.nodes.len() > COMPACT_ABOVE;
    // A burst touches hundreds of nodes: they are outlined without movement.
    let many_touched = touched.len() > MOVING_TOUCHES;

    // Each box is a component with plain-data props: a step redraws only the
    // boxes it changed.
    let boxes = snapshot.nodes.iter().map(|node| {
        let name = node.name.as_str();
        let at = nodes.position(name);
        let (pods, gone) = (group_at(&pods_on, at), group_at(&gone_from, at));
        let judged = !node.checks.is_empty() && revealed;
        let props = NodeBoxProps {
            name: AttrValue::from(node.name.clone()),
            joined: node.joined,
            removed: node.removed,
            verdict: judged.then(|| Verdict {
                should_run: node.should_run,
                keeps: !node.should_run && node.should_continue_running && !pods.is_empty(),
                reason: AttrValue::from(node.reasons.first().cloned().unwrap_or_default()),
            }),
            checks: if judged && !compact {
                node.checks.clone()
            } else {
                Vec::new()
            },
            pods: pods
                .iter()
                .map(|pod| PodData {
                    name: AttrValue::from(pod.name.clone()),
                    status: AttrValue::from(pod.status.clone()),
                    ready: pod.ready,
                    bound: pod.bound,
                    updated: pod.updated,
                    arrived: !earlier.contains(&pod.name),
                    touched: touched.contains(&pod.name),
                })
                .collect(),
            gone: gone
                .iter()
                .map(|p| AttrValue::from(p.name.clone()))
                .collect(),
            touched: touched.contains(name)
                || pods
                    .iter()
                    .chain(gone)
                    .any(|p| touched.contains(&p.name)),
            revealing: revealing && judged && !compact,
            compact,
            terminated: node.removed && had_pod.contains(name),
        };
        html! { <NodeBox key={name} ..props /> }
    });
    html! {
        <div class={class_list(&[Some("flow-diagram"), compact.then_some("compact"), many_touched.then_some("many-touched")])} data-testid="flow-diagram">
            <ul class="flow-grid" aria-label="Nodes at this step">{ for boxes }</ul>
        </div>
    }
}

/// The group at `at`, when there is one.
fn group_at<'a, 'p>(groups: &'a [Vec<&'p PodView>], at: Option<usize>) -> &'a [&'p PodView] {
    at.and_then(|i| groups.get(i)).map_or(&[], Vec::as_slice)
}

/// A pod in a node's box.
#[derive(Clone, Debug, PartialEq)]
struct PodData {
    name: AttrValue,
    status: AttrValue,
    ready: bool,
    bound: bool,
    updated: bool,
    /// Created at this step.
    arrived: bool,
    touched: bool,
}

/// The controller's verdict on a node, once its checks are shown.
#[derive(Clone, Debug, PartialEq)]
struct Verdict {
    should_run: bool,
    /// No new pod, but the one it has stays (an untolerated NoSchedule taint).
    keeps: bool,
    reason: AttrValue,
}

#[derive(Properties, PartialEq)]
struct NodeBoxProps {
    name: AttrValue,
    joined: bool,
    removed: bool,
    verdict: Option<Verdict>,
    /// The checks in order (empty when not shown).
    checks: Vec<CheckView>,
    pods: Vec<PodData>,
    /// Pods gone at this step, drawn as fading ghosts.
    gone: Vec<AttrValue>,
    touched: bool,
    /// The controller's scan is the current step: the checks appear one by one.
    revealing: bool,
    compact: bool,
    /// A removed node whose pod was terminated.
    terminated: bool,
}

#[function_component(NodeBox)]
fn node_box(props: &NodeBoxProps) -> Html {
    let compact = props.compact;
    let (look, icon) = if props.removed {
        ("node-removed", "🗑️")
    } else if props.joined {
        ("node-new", "✨")
    } else {
        ("node-regular", "🖥️")
    };
    let eligibility = props.verdict.as_ref().map(|v| {
        if v.should_run {
            "eligible"
        } else {
            "ineligible"
        }
    });

    let pods = props.pods.iter().map(|pod| {
        let class = class_list(&[Some("flow-pod"), Some(status_class(&pod.status, pod.ready)), Some(if pod.updated { "updated" } else { "old" }), pod.arrived.then_some("arrived"), pod.touched.then_some("touched")]);
        let state = status_text(&pod.status, pod.ready);
        let title = format!(
            "{} · {state}{}{}",
            pod.name,
            if pod.bound { "" } else { " · not bound yet" },
            if pod.updated { "" } else { " · old template" }
        );
        html! {
            <div key={pod.name.as_str()} class={class} data-testid="flow-pod" data-pod-name={pod.name.clone()}
                data-status={pod.status.clone()} title={title}>
                if compact {
                    <span class="visually-hidden">{ format!("pod {state}") }</span>
                } else {
                    <span class="flow-pod-icon" aria-hidden="true">{ "📦" }</span>
                    <span class="flow-pod-name">{ pod.name.clone() }</span>
                    <span class="flow-pod-state">
                        <span key={status_class(&pod.status, pod.ready)} class="flow-pod-status">{ state }</span>
                    </span>
                }
            </div>
        }
    });
    let ghosts = props.gone.iter().map(|name| {
        html! {
            <div key={format!("gone:{name}")} class="flow-pod flow-pod-gone" data-testid="flow-pod-gone"
                data-pod-name={name.clone()} title={format!("{name}: terminated, gone")}>
                if compact {
                    <span class="visually-hidden">{ "pod terminated" }</span>
                } else {
                    <span class="flow-pod-icon" aria-hidden="true">{ "📦" }</span>
                    <span class="flow-pod-name">{ name.clone() }</span>
                    <span class="flow-pod-state"><span class="flow-pod-status">{ "terminated" }</span></span>
                }
            </div>
        }
    });
    let empty = (props.pods.is_empty() && props.gone.is_empty()).then(|| {
        let text = if props.terminated {
            "Pod terminated"
        } else {
            "No pod"
        };
        html! { <div key="empty" class="flow-no-pod" data-testid="flow-no-pod">{ text }</div> }
    });
    // One keyed list, so that pods animate in and out by name.
    let items: Vec<Html> = pods.chain(ghosts).chain(empty).collect();

    let checks = (!props.checks.is_empty()).then(|| {
        let items = props.checks.iter().map(|check| {
            let (short, full) = check_text(check);
            html! {
                <li class={if check.passed { "pass" } else { "fail" }} title={full}
                    data-testid="flow-check" data-check={check.name.clone()} data-passed={check.passed.to_string()}>
                    <span class="flow-check-mark" aria-hidden="true">{ if check.passed { "✓" } else { "✗" } }</span>
                    <span class="visually-hidden">{ if check.passed { "passes: " } else { "fails: " } }</span>
                    { short }
                </li>
            }
        });
        html! { <ul class="flow-checks" aria-label="The controller's checks">{ for items }</ul> }
    });
    let verdict = props.verdict.as_ref().map(|v| {
        let reason = &v.reason;
        let (mark, class, text) = if v.should_run {
            ("✓", "ok", "should run a pod".to_string())
        } else if v.keeps {
            ("⚠", "keeps", format!("keeps its pod, would not get a new one: {reason}"))
        } else {
            ("✗", "no", format!("no pod: {reason}"))
        };
        html! {
            <p class={class_list(&[Some("flow-verdict"), Some(class)])} data-testid="flow-verdict" title={text.clone()}>
                <span aria-hidden="true">{ mark }</span>{ " " }
                if compact { <span class="visually-hidden">{ text }</span> } else { { text } }
            </p>
        }
    });

    html! {
        <li class={class_list(&[Some("flow-node"), Some(look), eligibility, props.touched.then_some("touched"), props.revealing.then_some("revealing")])}
            data-testid="flow-node" data-node-name={props.name.clone()}>
            <div class="flow-node-head">
                if !compact {
                    <span class="flow-node-icon" aria-hidden="true">{ icon }</span>
                }
                <span class="flow-node-name">{ props.name.clone() }</span>
                if props.joined { <span class="flow-tag tag-new">{ "new" }</span> }
                if props.removed { <span class="flow-tag tag-removed">{ "removed" }</span> }
            </div>
            <div class="flow-node-pods">{ for items }</div>
            { checks }
            { verdict }
        </li>
    }
}

/// `part / total` as a CSS number with four decimals, at most 1. In integers:
/// formatting an f64 would compile in 10 KB of float printing for this alone.
fn bar_scale(part: usize, total: usize) -> String {
    let per_myriad = (part.saturating_mul(10_000) / total.max(1)).min(10_000);
    format!("{}.{:04}", per_myriad / 10_000, per_myriad % 10_000)
}

/// A large cluster: its pods by status as bars, scaled to the node count.
fn aggregate(c: &Counts, b: &Counts) -> Html {
    let total = c.nodes.max(1);
    let bar = |key: &'static str, label: &'static str, now: usize, was: usize| {
        let scale = bar_scale(now, total);
        html! {
            <li class={class_list(&[Some("flow-bar"), (now != was).then_some("moved")])} data-testid="flow-bar" data-status={key}>
                <span class="flow-bar-label">{ label }</span>
                <span class="flow-bar-track" aria-hidden="true">
                    <span class={class_list(&[Some("flow-bar-fill"), Some(format!("status-{key}").as_str())])} style={format!("transform: scaleX({scale})")}></span>
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
pub fn flow_legend() -> Html {
    let item = |class: &'static str, icon: &'static str, text: &'static str| {
        html! {
            <li>
                <span class={class_list(&[Some("flow-swatch"), Some(class)])} aria-hidden="true">{ icon }</span>
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
            <li class="flow-legend-checks">
                <span class="flow-swatch checks" aria-hidden="true">{ "✓✗" }</span>
                { "The controller's checks, in order, up to the first that fails: nodeName; nodeSelector and required node affinity; \
                   taints against tolerations (the template's and the automatic ones every DaemonSet pod gets)" }
            </li>
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::bar_scale;

    #[test]
    fn bar_scales_are_css_numbers_up_to_one() {
        assert_eq!(bar_scale(0, 250), "0.0000");
        assert_eq!(bar_scale(1, 3), "0.3333");
        assert_eq!(bar_scale(250, 250), "1.0000");
        assert_eq!(bar_scale(7, 0), "1.0000");
    }
}
