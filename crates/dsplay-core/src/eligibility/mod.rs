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
    /// How many of `CHECKS` were made: all three, or up to the first that
    /// failed. A count, not a list: a sync judges every node, and in wasm an
    /// allocation per node is a tenth of the sync's time.
    pub checks_made: u8,
}

/// One of `CHECKS`, and whether the node passed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub name: &'static str,
    pub passed: bool,
}

/// The checks `NodeShouldRunDaemonPod` makes, in the order it makes them.
pub const CHECKS: [&str; 3] = ["nodeName", "nodeSelector and node affinity", "taints and tolerations"];

impl Eligibility {
    /// The checks made, in order, with whether the node passed each: every one
    /// before the last passed; the last passed only if the node should run a pod.
    pub fn checks(&self) -> impl Iterator<Item = Check> + '_ {
        let made = usize::from(self.checks_made).min(CHECKS.len());
        CHECKS[..made]
            .iter()
            .enumerate()
            .map(move |(i, &name)| Check { name, passed: i + 1 < made || self.should_run })
    }
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
    let verdict = |should_run, should_continue_running, reason: Option<String>, checks_made| Eligibility {
        should_run,
        should_continue_running,
        reasons: reason.into_iter().collect(),
        checks_made,
    };

    if !(spec.node_name.is_empty() || spec.node_name == node.name()) {
        return verdict(false, false, Some(REASON_NODE_NAME.into()), 1);
    }
    if !node_affinity::matches_node(spec, node) {
        return verdict(false, false, Some(REASON_NODE_AFFINITY.into()), 2);
    }

    // Models daemon_controller.go predicates: FindMatchingUntoleratedTaint over
    // NoSchedule and NoExecute taints; PreferNoSchedule never blocks.
    let blocking = first_untolerated(&node.taints, tolerations, |t| t.effect == "NoSchedule" || t.effect == "NoExecute");
    match blocking {
        None => verdict(true, true, None, 3),
        Some(taint) => {
            let evicting = first_untolerated(&node.taints, tolerations, |t| t.effect == "NoExecute");
            verdict(false, evicting.is_none(), Some(untolerated_taint_reason(taint)), 3)
        }
    }
}
}
