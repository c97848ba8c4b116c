//! Rolling updates: the maxSurge / maxUnavailable budget and which old pods go
//! (or which nodes get a surge pod) in this sync. OnDelete never calls this.

use crate::manage::Decisions;
use crate::model::{DaemonSet, IntOrString, Pod};
use crate::plan::RollingNumbers;
use crate::sync_context::SyncContext;

/// `intstr.GetScaledValueFromIntOrPercent(value, total, roundUp = true)`.
// Models k8s.io/apimachinery/pkg/util/intstr/intstr.go GetScaledValueFromIntOrPercent
pub fn scaled_value(value: &IntOrString, total: i64) -> Result<i64, String> {
    match value {
        IntOrString::Int(n) => Ok(*n),
        IntOrString::Str(text) => {
            let percent: i64 = text
                .strip_suffix('%')
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| format!("invalid value for IntOrString: invalid value {}: must be an integer or a percentage", crate::validation::go_quote(text)))?;
            let scaled = percent.saturating_mul(total);
            // Ceiling division that is right for negative numbers too.
            Ok(-((-scaled).div_euclid(100)))
        }
    }
}

fn budget(ds: &DaemonSet, pick: impl Fn(&crate::model::RollingUpdate) -> Option<&IntOrString>, total: i64) -> Result<i64, String> {
    let strategy = &ds.spec.update_strategy;
    match strategy.rolling_update.as_ref().filter(|_| strategy.is_rolling_update()) {
        None => Ok(0),
        Some(rolling) => pick(rolling).map_or(Ok(0), |v| scaled_value(v, total)),
    }
}

// Models pkg/controller/daemon/util/daemonset_util.go SurgeCount
pub fn surge_count(ds: &DaemonSet, total: i64) -> Result<i64, String> {
    budget(ds, |r| r.max_surge.as_ref(), total)
}

// Models pkg/controller/daemon/util/daemonset_util.go UnavailableCount
pub fn unavailable_count(ds: &DaemonSet, total: i64) -> Result<i64, String> {
    budget(ds, |r| r.max_unavailable.as_ref(), total)
}

/// Surge is on when maxSurge is a positive number or a positive percentage.
// Models pkg/controller/daemon/util/daemonset_util.go AllowsSurge
pub fn allows_surge(ds: &DaemonSet) -> bool {
    surge_count(ds, 1).is_ok_and(|n| n > 0)
}

/// maxSurge, maxUnavailable and desiredNumberScheduled after rounding, with the
/// safety net: nothing allowed at all falls back to one unavailable.
// Models pkg/controller/daemon/update.go updatedDesiredNodeCounts
pub fn rolling_numbers(ds: &DaemonSet, desired: i64) -> Result<RollingNumbers, String> {
    let mut max_unavailable = unavailable_count(ds, desired)?;
    let max_surge = surge_count(ds, desired)?;
    if desired > 0 && max_unavailable == 0 && max_surge == 0 {
        max_unavailable = 1;
    }
    Ok(RollingNumbers { max_surge, max_unavailable, desired_number_scheduled: desired })
}

/// The pod on a node that runs the current template and the one that does not,
/// ignoring pods being deleted; `None` when there are two of either.
// Models pkg/controller/daemon/update.go findUpdatedPodsOnNode
fn updated_and_old<'p>(ctx: &SyncContext<'p>, ids: &[usize]) -> Option<(Option<usize>, Option<usize>)> {
    let (mut new, mut old) = (None, None);
    for &id in ids {
        let pod: &'p Pod = ctx.pods[id];
        if pod.is_being_deleted() {
            continue;
        }
        let slot = if ctx.is_updated(pod) { &mut new } else { &mut old };
        if slot.replace(id).is_some() {
            return None;
        }
    }
    Some((new, old))
}

/// Nodes the rolling update looks at: every node with pods, and every node
/// that should run one. Upstream walks a Go map (unspecified order); dsplay
/// walks nodes in input order, then pods' target nodes that are not in the list.
/// Each entry: the node's index in the node list (None for a node that is gone) and its pods.
fn rollout_nodes<'c>(ctx: &'c SyncContext<'_>) -> Vec<(Option<usize>, &'c [usize])> {
    let mut out = Vec::new();
    for (i, verdict) in ctx.eligibility.iter().enumerate() {
        if verdict.should_run || !ctx.group(i).is_empty() {
            out.push((Some(i), ctx.group(i)));
        }
    }
    out.extend(ctx.groups_elsewhere.iter().map(|(_, ids)| (None, ids.as_slice())));
    out
}

/// The rolling update's deletions (and, with surge, creations) for this sync.
// Models pkg/controller/daemon/update.go rollingUpdate
pub fn rolling_update(ctx: &SyncContext<'_>, numbers: RollingNumbers) -> Result<Decisions, String> {
    if numbers.max_surge == 0 {
        Ok(rolling_update_without_surge(ctx, numbers.max_unavailable))
    } else {
        rolling_update_with_surge(ctx, numbers)
    }
}

/// Delete just enough old pods to stay within maxUnavailable; `manage` creates
/// the replacements in a later sync.
fn rolling_update_without_surge(ctx: &SyncContext<'_>, max_unavailable: i64) -> Decisions {
    let mut unavailable = 0i64;
    let mut replace_now = Vec::new();
    let mut candidates = Vec::new();
    for (_, ids) in rollout_nodes(ctx) {
        let Some((new, old)) = updated_and_old(ctx, ids) else {
            unavailable += 1; // manage will prune this node
            continue;
        };
        match (new, old) {
            (None, None) | (Some(_), Some(_)) => unavailable += 1,
            (Some(new), None) => {
                if !ctx.is_available(ctx.pods[new]) {
                    unavailable += 1;
                }
            }
            (None, Some(old)) => {
                if !ctx.is_available(ctx.pods[old]) {
                    // An old pod that is down anyway is replaced without using budget.
                    replace_now.push(old);
                    unavailable += 1;
                } else if unavailable < max_unavailable {
                    candidates.push(old);
                }
            }
        }
    }
    let take = (max_unavailable - unavailable).clamp(0, candidates.len() as i64) as usize;
    replace_now.extend_from_slice(&candidates[..take]);
    Decisions { delete: replace_now, ..Default::default() }
}

/// Create a new pod next to an old one on up to maxSurge nodes; an old pod goes
/// once the new pod beside it is available.
fn rolling_update_with_surge(ctx: &SyncContext<'_>, numbers: RollingNumbers) -> Result<Decisions, String> {
    let mut delete = Vec::new();
    let mut should_not_run = Vec::new();
    let mut candidates = Vec::new();
    let mut allowed = Vec::new();
    let (mut surge, mut available) = (0i64, 0i64);
    for (node, ids) in rollout_nodes(ctx) {
        let Some((new, old)) = updated_and_old(ctx, ids) else {
            surge += 1; // manage will prune this node
            continue;
        };
        if let Some(counted) = old.or(new) {
            if ctx.is_available(ctx.pods[counted]) {
                available += 1;
            }
        }
        // Upstream fails the sync when the node of a pod is gone.
        let should_run = || -> Result<bool, String> {
            let index = node.ok_or_else(|| "couldn't get node for a pod's nodeName".to_string())?;
            Ok(ctx.eligibility[index].should_run)
        };
        match (new, old) {
            (_, None) => {}
            (None, Some(old)) => {
                if !ctx.is_available(ctx.pods[old]) {
                    if should_run()? {
                        allowed.extend(node.map(|i| ctx.nodes[i].name().to_string()));
                    } else {
                        delete.push(old);
                    }
                } else if !should_run()? {
                    should_not_run.push(old);
                } else if surge < numbers.max_surge {
                    candidates.extend(node.map(|i| ctx.nodes[i].name().to_string()));
                }
            }
            (Some(new), Some(old)) => {
                if ctx.is_available(ctx.pods[new]) {
                    delete.push(old);
                } else {
                    surge += 1;
                }
            }
        }
    }
    // With surge the owner expects full availability: pods on nodes that no
    // longer qualify go only as pods elsewhere become available.
    let deletable = (available - numbers.desired_number_scheduled).clamp(0, should_not_run.len() as i64) as usize;
    delete.extend(should_not_run[..deletable].iter().copied().filter(|&id| !ctx.pods[id].is_being_deleted()));
    let take = (numbers.max_surge - surge).clamp(0, candidates.len() as i64) as usize;
    allowed.extend(candidates.into_iter().take(take));
    Ok(Decisions { create_on: allowed, delete, events: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RollingUpdate;

    fn ds_with(max_unavailable: IntOrString, max_surge: IntOrString) -> DaemonSet {
        let mut ds = DaemonSet::default();
        ds.spec.update_strategy.rolling_update =
            Some(RollingUpdate { max_unavailable: Some(max_unavailable), max_surge: Some(max_surge) });
        ds
    }
    fn pct(p: &str) -> IntOrString {
        IntOrString::Str(p.into())
    }

    #[test]
    fn percentages_round_up() {
        for (p, total, want) in [("30%", 5, 2), ("10%", 5, 1), ("50%", 3, 2), ("50%", 2, 1), ("100%", 2, 2), ("0%", 7, 0), ("25%", 0, 0)] {
            assert_eq!(scaled_value(&pct(p), total), Ok(want), "{p} of {total}");
        }
        assert!(scaled_value(&pct("abc"), 5).is_err());
    }

    #[test]
    fn both_zero_falls_back_to_one_unavailable() {
        let ds = ds_with(IntOrString::Int(0), IntOrString::Int(0));
        assert_eq!(rolling_numbers(&ds, 3).unwrap(), RollingNumbers { max_surge: 0, max_unavailable: 1, desired_number_scheduled: 3 });
        assert_eq!(rolling_numbers(&ds, 0).unwrap().max_unavailable, 0);
    }

    #[test]
    fn surge_is_allowed_for_any_positive_value() {
        assert!(allows_surge(&ds_with(IntOrString::Int(0), pct("1%"))));
        assert!(!allows_surge(&ds_with(IntOrString::Int(1), IntOrString::Int(0))));
        let mut on_delete = ds_with(IntOrString::Int(0), IntOrString::Int(2));
        on_delete.spec.update_strategy.kind = "OnDelete".into();
        assert!(!allows_surge(&on_delete));
    }
}
