//! The DaemonSet's status counters, as `kubectl get ds` shows them.

use crate::ownership::oldest_scheduled_first;
use crate::plan::Status;
use crate::sync_context::SyncContext;

// Models pkg/controller/daemon/daemon_controller.go updateDaemonSetStatus
pub fn compute_status(ctx: &SyncContext<'_>) -> Status {
    let mut status = Status::default();
    for (index, verdict) in ctx.eligibility.iter().enumerate() {
        let group = ctx.group(index);
        if !verdict.should_run {
            if !group.is_empty() {
                status.number_misscheduled += 1;
            }
            continue;
        }
        status.desired_number_scheduled += 1;
        // The oldest pod speaks for the node.
        let oldest = group.iter().map(|&i| ctx.pods[i]).min_by(|a, b| oldest_scheduled_first(a, b));
        let Some(pod) = oldest else { continue };
        status.current_number_scheduled += 1;
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
