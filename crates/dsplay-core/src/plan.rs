//! What one reconcile of the DaemonSet controller would do: the answer `dsplay plan`
//! prints and the playground draws. Shaped like the JSON in
//! `shared/conformance/FORMAT.md`.

use serde::Serialize;

use crate::model::Timestamp;

/// What the caller decides, because the controller would read it from the world.
#[derive(Clone, Debug, Default)]
pub struct PlanOptions {
    /// The `controller-revision-hash` that counts as current; `None` = our own hash
    /// of the template (upstream's Go-struct hash cannot be reproduced).
    pub current_revision_hash: Option<String>,
    /// The wall clock, for `minReadySeconds`.
    pub now: Timestamp,
    /// Nodes whose failed-pod back-off window is still open.
    pub failed_pod_backoff: Vec<String>,
    /// The seed for the 5-character suffixes of created pod names.
    pub name_seed: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// `namespace/name`.
    pub daemon_set: String,
    /// The API server's messages if it would refuse the DaemonSet.
    pub validation_errors: Vec<String>,
    pub nodes: Vec<NodePlan>,
    pub actions: Vec<Action>,
    pub events: Vec<Event>,
    pub status: Option<Status>,
    pub status_after: Option<Status>,
    pub rolling: Option<RollingNumbers>,
    /// The `controller-revision-hash` of the current template.
    pub revision_hash: String,
}

/// The verdict for one node, in input order.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodePlan {
    pub name: String,
    pub should_run: bool,
    pub should_continue_running: bool,
    /// Why the node gets no pod, or why its pod would stay Pending, in the
    /// scheduler's words. Empty when the pod lands and runs.
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Action {
    /// Create a pod for `node`; `pod` is the name the API server would generate.
    Create { node: String, pod: String },
    /// Delete `pod`, which is on (or targeted at) `node`.
    Delete { node: String, pod: String },
    /// Take an orphan pod the selector matches (its ownerReference is patched in).
    Adopt { node: String, pod: String },
    /// Let go of an owned pod the selector no longer matches.
    Release { node: String, pod: String },
}

impl Action {
    pub fn node(&self) -> &str {
        match self {
            Action::Create { node, .. }
            | Action::Delete { node, .. }
            | Action::Adopt { node, .. }
            | Action::Release { node, .. } => node,
        }
    }
    pub fn pod(&self) -> &str {
        match self {
            Action::Create { pod, .. }
            | Action::Delete { pod, .. }
            | Action::Adopt { pod, .. }
            | Action::Release { pod, .. } => pod,
        }
    }
}

/// An event on the DaemonSet, as `kubectl describe ds` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    /// `Normal` or `Warning`.
    #[serde(rename = "type")]
    pub kind: String,
    pub reason: String,
    pub message: String,
}

impl Event {
    pub fn normal(reason: &str, message: String) -> Event {
        Event { kind: "Normal".into(), reason: reason.into(), message }
    }
    pub fn warning(reason: &str, message: String) -> Event {
        Event { kind: "Warning".into(), reason: reason.into(), message }
    }
}

/// `DaemonSetStatus`, the seven counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub desired_number_scheduled: i64,
    pub current_number_scheduled: i64,
    pub number_misscheduled: i64,
    pub number_ready: i64,
    pub number_available: i64,
    pub updated_number_scheduled: i64,
    pub number_unavailable: i64,
}

/// The rolling-update budget after percentage rounding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RollingNumbers {
    pub max_surge: i64,
    pub max_unavailable: i64,
    pub desired_number_scheduled: i64,
}
