//! Which nodes a DaemonSet wants: `(shouldRun, shouldContinueRunning)` per node,
//! and the scheduler's words for why a node gets no pod.

pub mod node_affinity;
pub mod tolerations;

use crate::model::{DaemonSet, Node, Toleration};
use tolerations::{daemon_pod_tolerations, first_untolerated, untolerated_taint_reason};

pub const REASON_NODE_NAME: &str = "node(s) didn't match the requested node name";
pub const REASON_NODE_AFFINITY: &str = "node(s) didn't match Pod's node affinity/selector";

/// The controller's verdict for one node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Eligibility {
    /// A pod should be created here if there is none.
    pub should_run: bool,
    /// A pod already here may stay.
    pub should_continue_running: bool,
    /// Why not, in the scheduler's words (empty when `should_run`).
    pub reasons: Vec<String>,
    /// Which of the checks, in order, the node passed: the playground ticks them.
    pub checks: Vec<Check>,
}

/// One of the checks `NodeShouldRunDaemonPod` makes, in the order it makes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub name: &'static str,
    pub passed: bool,
}

/// Judges nodes for one DaemonSet; what depends only on the DaemonSet (the
/// merged tolerations) is worked out once, not per node.
pub struct DaemonPodRules<'a> {
    ds: &'a DaemonSet,
    tolerations: Vec<Toleration>,
}

pub fn node_should_run_daemon_pod(ds: &DaemonSet, node: &Node) -> Eligibility {
    DaemonPodRules::new(ds).judge(node)
}

impl<'a> DaemonPodRules<'a> {
    pub fn new(ds: &'a DaemonSet) -> Self {
        DaemonPodRules { ds, tolerations: daemon_pod_tolerations(&ds.spec.template.spec) }
    }

/// Models pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod (with
/// `predicates`): reads only the node's name, labels and taints; never its
/// conditions, `spec.unschedulable`, resources or pods.
pub fn judge(&self, node: &Node) -> Eligibility {
    let spec = &self.ds.spec.template.spec;
    let tolerations = &self.tolerations;
    let mut checks = Vec::with_capacity(3);
    let verdict = |should_run, should_continue_running, reason: Option<String>, checks| Eligibility {
        should_run,
        should_continue_running,
        reasons: reason.into_iter().collect(),
        checks,
    };

    let name_ok = spec.node_name.is_empty() || spec.node_name == node.name();
    checks.push(Check { name: "nodeName", passed: name_ok });
    if !name_ok {
        return verdict(false, false, Some(REASON_NODE_NAME.into()), checks);
    }

    let affinity_ok = node_affinity::matches_node(spec, node);
    checks.push(Check { name: "nodeSelector and node affinity", passed: affinity_ok });
    if !affinity_ok {
        return verdict(false, false, Some(REASON_NODE_AFFINITY.into()), checks);
    }

    // Models daemon_controller.go predicates: FindMatchingUntoleratedTaint over
    // NoSchedule and NoExecute taints; PreferNoSchedule never blocks.
    let blocking = first_untolerated(&node.taints, tolerations, |t| t.effect == "NoSchedule" || t.effect == "NoExecute");
    checks.push(Check { name: "taints and tolerations", passed: blocking.is_none() });
    match blocking {
        None => verdict(true, true, None, checks),
        Some(taint) => {
            let evicting = first_untolerated(&node.taints, tolerations, |t| t.effect == "NoExecute");
            verdict(false, evicting.is_none(), Some(untolerated_taint_reason(taint)), checks)
        }
    }
}
}
