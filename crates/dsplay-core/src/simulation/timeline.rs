//! What a simulation yields: ordered steps, each with the actor that acted,
//! what changed and a sentence a learner understands; and the cluster as it
//! stands after any step, for the page to draw.

use serde::Serialize;

use crate::plan::Status;

/// Who acted. The page draws each in its own lane or colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Actor {
    Kubectl,
    ApiServer,
    DaemonSetController,
    Scheduler,
    Kubelet,
    /// The node itself joining or leaving the cluster.
    Node,
    /// The taint manager of the node lifecycle controller (NoExecute evictions).
    TaintManager,
    /// The pod garbage collector (pods bound to nodes that are gone).
    PodGarbageCollector,
}

impl Actor {
    pub fn label(self) -> &'static str {
        match self {
            Actor::Kubectl => "kubectl",
            Actor::ApiServer => "API server",
            Actor::DaemonSetController => "DaemonSet controller",
            Actor::Scheduler => "scheduler",
            Actor::Kubelet => "kubelet",
            Actor::Node => "node",
            Actor::TaintManager => "taint manager",
            Actor::PodGarbageCollector => "pod garbage collector",
        }
    }
}

/// A pod as the page draws it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodView {
    pub name: String,
    /// The node it is for (bound or not yet).
    pub node: String,
    pub bound: bool,
    /// What `kubectl get pods` shows in STATUS: Pending, ContainerCreating,
    /// Running, Terminating.
    pub status: String,
    pub ready: bool,
    /// Runs the DaemonSet's current template.
    pub updated: bool,
}

/// A node as the page draws it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeView {
    pub name: String,
    /// Joined during the simulation (the seeds' "new node").
    pub joined: bool,
    /// Left during the simulation (the seeds' "removed node"); drawn until the end.
    pub removed: bool,
    pub should_run: bool,
    pub should_continue_running: bool,
    pub reasons: Vec<String>,
    /// The controller's checks in the order it makes them, up to the first that fails.
    pub checks: Vec<CheckView>,
}

/// One check of `NodeShouldRunDaemonPod`: nodeName, nodeSelector and node
/// affinity, taints and tolerations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckView {
    pub name: String,
    pub passed: bool,
}

/// The cluster after a step. Clusters larger than `DETAILED_NODES` are drawn
/// in aggregate: their snapshots hold the counts, not every node and pod.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub nodes: Vec<NodeView>,
    pub pods: Vec<PodView>,
    pub counts: Counts,
    /// `None` until the DaemonSet exists (and while it selects everything).
    pub status: Option<Status>,
}

/// Up to this many nodes, snapshots list every node and pod.
pub const DETAILED_NODES: usize = 300;

/// The DaemonSet's pods by what `kubectl get pods` would show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub nodes: usize,
    pub pending: usize,
    pub container_creating: usize,
    pub running: usize,
    pub ready: usize,
    pub terminating: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// Simulated milliseconds since the start: the one clock of the simulation.
    pub time_ms: i64,
    pub actor: Actor,
    /// One sentence: what happened and why.
    pub caption: String,
    /// The objects this step touched (pod and node names), for highlighting.
    pub touched: Vec<String>,
    /// The cluster after this step.
    pub after: Snapshot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// The cluster before the first step.
    pub start: Snapshot,
    pub steps: Vec<Step>,
    /// Why the simulation stopped early, if it did (a step or time limit).
    pub truncated: Option<String>,
}

impl Timeline {
    /// The cluster after `step` steps (0 = the start).
    pub fn snapshot_at(&self, step: usize) -> &Snapshot {
        match step.checked_sub(1).and_then(|i| self.steps.get(i)) {
            Some(step) => &step.after,
            None => self.steps.last().filter(|_| step > 0).map_or(&self.start, |s| &s.after),
        }
    }
}
