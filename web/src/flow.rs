//! The flows the page animates: every change the user makes, played by the
//! core's simulation from the cluster as it had settled before the change.

use std::rc::Rc;

use dsplay_core::model::{Node, Taint};
use dsplay_core::simulation::{settle, simulate, SimulationOptions, Timeline, UserEvent, World};

use crate::state::{Action, State, PAGE_EPOCH};

/// Up to this many nodes, flows are worked out as soon as something changes;
/// larger clusters get theirs when the user asks (they take a moment).
pub const EAGER_FLOW_NODES: usize = 300;

/// A timeline ready to play, and what it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    /// Changes whenever a new flow replaces the last: the player restarts.
    pub id: u64,
    pub title: String,
    pub timeline: Timeline,
    /// Play from the first step (a change the user just made), or show the
    /// settled end with the flow one click away (a page, preset or link opening).
    pub autoplay: bool,
}

/// What a reducer action does to the cluster, worked out before the action
/// is applied (the node names it needs may change).
pub enum Cause {
    /// The DaemonSet text was applied.
    Apply,
    NodeAdded,
    NodeRemoved(String),
    Label { node: String, key: String, value: Option<String> },
    Taint { node: String, taint: Taint },
    Untaint { node: String, key: String, effect: String },
    Cordon { node: String, cordoned: bool },
    Ready { node: String, ready: bool },
    /// Everything was replaced (a preset, a link, a pasted node list): the
    /// creation flow, shown settled.
    Restart,
}

impl Cause {
    pub fn of(action: &Action, state: &State) -> Option<Cause> {
        Some(match action {
            Action::Apply(_) | Action::SelectDaemonSet(_) => Cause::Apply,
            Action::LoadPreset(_) | Action::Restore(_) | Action::ReplaceNodes(_) | Action::RenameNode { .. } => Cause::Restart,
            Action::SetAllocatable { .. } => Cause::Restart,
            Action::AddNode => Cause::NodeAdded,
            Action::RemoveNode(name) => Cause::NodeRemoved(name.clone()),
            Action::AddLabel { node, key, value } => Cause::Label { node: node.clone(), key: key.clone(), value: Some(value.clone()) },
            Action::RemoveLabel { node, key } => Cause::Label { node: node.clone(), key: key.clone(), value: None },
            Action::AddTaint { node, taint } => Cause::Taint { node: node.clone(), taint: taint.clone() },
            Action::RemoveTaint { node, index } => {
                let taint = state.inputs.nodes.iter().find(|n| n.name() == node)?.taints.get(*index)?;
                Cause::Untaint { node: node.clone(), key: taint.key.clone(), effect: taint.effect.clone() }
            }
            Action::SetCordoned { node, cordoned } => Cause::Cordon { node: node.clone(), cordoned: *cordoned },
            Action::SetReady { node, ready } => Cause::Ready { node: node.clone(), ready: *ready },
            Action::PlayCreation => Cause::Restart,
            Action::Inspect(_) | Action::GroupBy(_) | Action::Filter(_) | Action::DismissNodeError => return None,
        })
    }
}

pub fn options() -> SimulationOptions {
    SimulationOptions { start: PAGE_EPOCH, name_seed: 1, ..Default::default() }
}

/// The cluster before the DaemonSet: the nodes and the pods from the editor.
fn empty_world(state: &State) -> Option<World> {
    let good = state.good.as_ref()?;
    Some(World { daemon_set: None, nodes: state.inputs.nodes.as_ref().clone(), pods: good.pods.clone() })
}

/// The cluster with the DaemonSet applied and everything settled.
pub fn settled_world(state: &State) -> Option<Rc<World>> {
    if state.inputs.nodes.len() > EAGER_FLOW_NODES || state.stale {
        return None;
    }
    let good = state.good.as_ref()?;
    let world = empty_world(state)?;
    Some(Rc::new(settle(world, &[UserEvent::Apply(Box::new(good.daemon_set.clone()))], &options())))
}

/// The DaemonSet being created on the nodes, step by step.
pub fn creation_flow(state: &State, id: u64, autoplay: bool) -> Option<Flow> {
    let good = state.good.as_ref()?;
    let world = empty_world(state)?;
    let ds = &good.daemon_set;
    let timeline = simulate(world, &[UserEvent::Apply(Box::new(ds.clone()))], &options());
    Some(Flow { id, title: format!("kubectl apply: DaemonSet {} is created", ds.meta.name), timeline, autoplay })
}

/// The flow of `cause`, played on the cluster as it had settled before it.
pub fn flow_of(cause: Cause, before: &World, next: &State, id: u64) -> Option<Flow> {
    let node_named = |name: &str| -> Option<Node> { next.inputs.nodes.iter().find(|n| n.name() == name).cloned() };
    let (title, event) = match cause {
        Cause::Restart => return creation_flow(next, id, false),
        Cause::Apply => {
            let ds = next.good.as_ref()?.daemon_set.clone();
            if before.daemon_set.is_none() {
                return creation_flow(next, id, true);
            }
            (format!("kubectl apply: DaemonSet {} changes", ds.meta.name), UserEvent::Apply(Box::new(ds)))
        }
        Cause::NodeAdded => {
            let node = next.inputs.nodes.last()?.clone();
            (format!("Node {} joins", node.name()), UserEvent::AddNode(Box::new(node)))
        }
        Cause::NodeRemoved(node) => (format!("Node {node} leaves"), UserEvent::RemoveNode { node }),
        Cause::Label { node, key, value } => {
            node_named(&node)?;
            let title = match &value {
                Some(v) => format!("{node} is labelled {key}={v}"),
                None => format!("{node} loses its label {key}"),
            };
            (title, UserEvent::Label { node, key, value })
        }
        Cause::Taint { node, taint } => {
            let title = format!("{node} is tainted {}", dsplay_core::node_edit::taint_chip_text(&taint));
            (title, UserEvent::Taint { node, taint })
        }
        Cause::Untaint { node, key, effect } => (format!("{node} loses its taint {key}:{effect}"), UserEvent::Untaint { node, key, effect }),
        Cause::Cordon { node, cordoned } => {
            (format!("{node} is {}", if cordoned { "cordoned" } else { "uncordoned" }), UserEvent::Cordon { node, cordoned })
        }
        Cause::Ready { node, ready } => {
            (format!("{node} becomes {}", if ready { "Ready" } else { "NotReady" }), UserEvent::SetReady { node, ready })
        }
    };
    let timeline = simulate(before.clone(), &[event], &options());
    Some(Flow { id, title, timeline, autoplay: true })
}
