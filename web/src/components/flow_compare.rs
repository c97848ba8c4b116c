//! The seeds' "common mistake": a Deployment is not a DaemonSet. Beside a flow
//! where a node joins, the same nodes with a Deployment of as many replicas as
//! there were nodes: the new node stays empty, because a Deployment keeps its
//! replica count wherever the scheduler puts the pods.

use dsplay_core::simulation::{Actor, Timeline};
use yew::prelude::*;

/// A node joining in a flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Join {
    /// The step where it joins (its index in the timeline's steps).
    pub index: usize,
    pub node: String,
    /// The nodes before it joined: the Deployment's replicas.
    pub replicas: usize,
}

/// The first node that joins in the timeline, if any.
pub fn find_join(timeline: &Timeline) -> Option<Join> {
    let index = timeline
        .steps
        .iter()
        .position(|s| s.actor == Actor::Node && s.caption.contains("joins"))?;
    let step = timeline.steps.get(index)?;
    let node = step.touched.first().cloned().or_else(|| {
        step.after
            .nodes
            .iter()
            .find(|n| n.joined)
            .map(|n| n.name.clone())
    })?;
    let replicas = timeline.snapshot_at(index).counts.nodes;
    Some(Join {
        index,
        node,
        replicas,
    })
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The Deployment beside the DaemonSet at position `pos` (0 the start, `k`
/// after step `k`), or a hint when the flow has no node joining.
pub fn deployment_compare(timeline: &Timeline, pos: usize, join: Option<&Join>) -> Html {
    let Some(join) = join else {
        return html! {
            <aside class="flow-compare" data-testid="deployment-panel" aria-label="A Deployment, for comparison">
                <h3 class="flow-compare-title">{ "DaemonSet vs Deployment" }</h3>
                <p class="flow-compare-caption" data-testid="compare-hint">
                    { "The comparison shows when a node joins the cluster: add a node (the Add node button beside the cluster), or open the " }
                    <a href="?preset=node-added">{ "node-added preset" }</a>
                    { "." }
                </p>
            </aside>
        };
    };
    let n = join.replicas;
    // Positions count steps done: the join is done after position `index`.
    let joined = pos > join.index;
    let now = timeline.snapshot_at(pos);
    let before = timeline.snapshot_at(join.index);

    // The nodes that were there before the join, in order, each with one
    // replica; then the new node, empty.
    let originals: Vec<&str> = before
        .nodes
        .iter()
        .filter(|n| !n.removed)
        .map(|n| n.name.as_str())
        .collect();
    let boxes = originals.iter().enumerate().map(|(i, name)| {
        html! {
            <li key={name.to_string()} class="flow-node node-regular" data-testid="deployment-node" data-node-name={name.to_string()}>
                <div class="flow-node-head">
                    <span class="flow-node-icon" aria-hidden="true">{ "🖥️" }</span>
                    <span class="flow-node-name">{ *name }</span>
                </div>
                <div class="flow-node-pods">
                    <div class="flow-pod status-ready deployment" data-testid="deployment-pod">
                        <span class="flow-pod-icon" aria-hidden="true">{ "📦" }</span>
                        <span class="flow-pod-name">{ format!("replica {}", i + 1) }</span>
                    </div>
                </div>
            </li>
        }
    });
    let new_box = joined.then(|| {
        html! {
            <li key={format!("new:{}", join.node)} class="flow-node node-new" data-testid="deployment-node" data-node-name={join.node.clone()}>
                <div class="flow-node-head">
                    <span class="flow-node-icon" aria-hidden="true">{ "✨" }</span>
                    <span class="flow-node-name">{ &join.node }</span>
                    <span class="flow-tag tag-new">{ "new" }</span>
                </div>
                <div class="flow-node-pods">
                    <div class="flow-no-pod" data-testid="deployment-empty">{ "No pod: stays empty" }</div>
                </div>
            </li>
        }
    });
    let items: Vec<Html> = boxes.chain(new_box).collect();

    let caption = if joined {
        format!(
            "A Deployment keeps {} wherever the scheduler puts them, so {} gets none until you scale it to {}. \
             A DaemonSet gets one pod per node automatically: {} now.",
            plural(n, "replica", "replicas"),
            join.node,
            n + 1,
            plural(now.counts.nodes, "node", "nodes")
        )
    } else {
        format!(
            "Before {} joins, {} on {} look like the DaemonSet's pods. Play on to see the difference.",
            join.node,
            plural(n, "replica", "replicas"),
            plural(n, "node", "nodes")
        )
    };
    html! {
        <aside class="flow-compare" data-testid="deployment-panel" aria-label="A Deployment, for comparison">
            <h3 class="flow-compare-title" data-testid="deployment-title">{ format!("Deployment with replicas: {n}") }</h3>
            <p class="flow-compare-note">
                { "Simplified: one replica per original node. The scheduler spreads replicas, but it may pack them differently." }
            </p>
            if originals.is_empty() {
                <p class="flow-compare-note">{ format!("{} before {} joins: too many to draw.", plural(n, "node", "nodes"), join.node) }</p>
            } else {
                <ul class="flow-grid" aria-label="The Deployment's nodes">{ for items }</ul>
            }
            <p class="flow-compare-caption" data-testid="deployment-caption">{ caption }</p>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, Inputs, State};
    use std::rc::Rc;
    use yew::Reducible;

    #[test]
    fn the_join_is_found_with_the_nodes_before_it() {
        let preset = dsplay_core::presets::preset("node-added").unwrap();
        let state = Rc::new(State::new(Inputs::from_preset(preset)));
        assert!(
            find_join(&state.flow.as_ref().unwrap().timeline).is_none(),
            "the creation has no join"
        );
        let added = state.reduce(Action::AddNode);
        let join = find_join(&added.flow.as_ref().unwrap().timeline).unwrap();
        assert_eq!(
            join,
            Join {
                index: 0,
                node: "node-5".into(),
                replicas: 4
            }
        );
    }
}
