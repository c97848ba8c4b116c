//! The DaemonSet's status counters, as `kubectl get ds` shows them.

use crate::ownership::sort_oldest_scheduled_first;
use crate::plan::Status;
use crate::sync_context::SyncContext;

// Models pkg/controller/daemon/daemon_controller.go updateDaemonSetStatus
pub fn compute_status(ctx: &SyncContext<'_>) -> Status {
    let mut status = Status::default();
    for (node, verdict) in ctx.nodes.iter().zip(&ctx.eligibility) {
        let mut pods = ctx.group(node.name()).to_vec();
        if !verdict.should_run {
            if !pods.is_empty() {
                status.number_misscheduled += 1;
            }
            continue;
        }
        status.desired_number_scheduled += 1;
        if pods.is_empty() {
            continue;
        }
        status.current_number_scheduled += 1;
        // The oldest pod speaks for the node.
        sort_oldest_scheduled_first(&mut pods, ctx.pods);
        let pod = &ctx.pods[pods[0]];
        if pod.is_ready() {
            status.number_ready += 1;
            if ctx.is_available(pod) {
                status.number_available += 1;
            }
        }
        if ctx.is_updated(pod) {
            status.updated_number_scheduled += 1;
        }
    }
    status.number_unavailable = status.desired_number_scheduled - status.number_available;
    status
}
