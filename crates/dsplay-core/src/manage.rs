//! `manage`: per node, decide whether a pod must be created or which pods must go.

use crate::ownership::sort_oldest_scheduled_first;
use crate::plan::Event;
use crate::rollout::allows_surge;
use crate::sync_context::SyncContext;

/// What a sync decided, before the burst limit is applied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decisions {
    /// Nodes that need a new pod, in node order.
    pub create_on: Vec<String>,
    /// Pods to delete (indices into the sync's pods), in the order decided.
    pub delete: Vec<usize>,
    /// Events emitted while deciding (failed/succeeded pods).
    pub events: Vec<Event>,
}

impl Decisions {
    pub fn is_empty(&self) -> bool {
        self.create_on.is_empty() && self.delete.is_empty()
    }
}

// Models pkg/controller/daemon/daemon_controller.go manage
pub fn manage(ctx: &SyncContext<'_>, failed_pod_backoff: &[String]) -> Decisions {
    let mut decisions = Decisions::default();
    for (index, verdict) in ctx.eligibility.iter().enumerate() {
        pods_should_be_on_node(ctx, index, verdict.should_run, verdict.should_continue_running, failed_pod_backoff, &mut decisions);
    }
    decisions.delete.extend(unscheduled_pods_without_node(ctx));
    decisions
}

// Models pkg/controller/daemon/daemon_controller.go podsShouldBeOnNode
fn pods_should_be_on_node(
    ctx: &SyncContext<'_>,
    node_index: usize,
    should_run: bool,
    should_continue_running: bool,
    failed_pod_backoff: &[String],
    out: &mut Decisions,
) {
    let node = ctx.nodes[node_index].name();
    let group = ctx.group(node_index);
    let exists = !group.is_empty();
    if should_run && !exists {
        out.create_on.push(node.to_string());
        return;
    }
    if !should_continue_running {
        if exists {
            out.delete.extend(group.iter().copied().filter(|&i| !ctx.pods[i].is_being_deleted()));
        }
        return;
    }
    let ns = &ctx.ds.meta.namespace;
    let mut running: Vec<usize> = Vec::new();
    for &id in group {
        let pod = ctx.pods[id];
        if pod.is_being_deleted() {
            continue;
        }
        match pod.phase.as_str() {
            "Failed" => {
                // Models failedPodsBackoff: while the node's window is open the pod is
                // left for a later sync, so the controller does not fight the kubelet.
                if failed_pod_backoff.iter().any(|n| n == node) {
                    continue;
                }
                out.events.push(Event::warning(
                    "FailedDaemonPod",
                    format!("Found failed daemon pod {ns}/{} on node {node}, will try to kill it", pod.name()),
                ));
                out.delete.push(id);
            }
            "Succeeded" => {
                out.events.push(Event::normal(
                    "SucceededDaemonPod",
                    format!("Found succeeded daemon pod {ns}/{} on node {node}, will try to delete it", pod.name()),
                ));
                out.delete.push(id);
            }
            _ => running.push(id),
        }
    }
    if !allows_surge(ctx.ds) {
        // More than one pod: keep the oldest, delete the rest. No pod is created
        // in this sync even when none is left running.
        if running.len() > 1 {
            sort_oldest_scheduled_first(&mut running, &ctx.pods);
            out.delete.extend_from_slice(&running[1..]);
        }
        return;
    }
    if running.len() <= 1 {
        if running.is_empty() && should_run {
            out.create_on.push(node.to_string());
        }
        return;
    }
    // Surge: keep the oldest new pod and the oldest old pod, delete the rest;
    // then drop the old one if it is not ready or the new one is available.
    sort_oldest_scheduled_first(&mut running, &ctx.pods);
    let (mut oldest_new, mut oldest_old) = (None, None);
    for id in running {
        let pod = ctx.pods[id];
        let slot = if pod.meta.labels.get(crate::revision::REVISION_HASH_LABEL) == Some(&ctx.hash) {
            &mut oldest_new
        } else {
            &mut oldest_old
        };
        if slot.is_none() {
            *slot = Some(id);
        } else {
            out.delete.push(id);
        }
    }
    if let (Some(new), Some(old)) = (oldest_new, oldest_old) {
        if !ctx.pods[old].is_ready() || ctx.is_available(ctx.pods[new]) {
            out.delete.push(old);
        }
    }
}

/// Pods still waiting to be scheduled onto a node that no longer exists.
/// Pods bound to such a node are the pod garbage collector's, not ours.
// Models pkg/controller/daemon/daemon_controller.go getUnscheduledPodsWithoutNode
fn unscheduled_pods_without_node(ctx: &SyncContext<'_>) -> Vec<usize> {
    let elsewhere = ctx.groups_elsewhere.iter().flat_map(|(_, group)| group).copied();
    elsewhere.filter(|&i| ctx.pods[i].spec.node_name.is_empty()).collect()
}
