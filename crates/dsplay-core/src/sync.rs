//! One sync of the DaemonSet controller, end to end: what `dsplay plan` prints.

use crate::eligibility::Eligibility;
use crate::manage::{manage, Decisions};
use crate::model::{DaemonSet, Node, Pod};
use crate::name_index::NameIndex;
use crate::naming::NameGenerator;
use crate::new_pod::DaemonPodFactory;
use crate::ownership::{claim, Claim};
use crate::plan::{Action, Event, NodePlan, Plan, PlanOptions};
use crate::rollout::{rolling_numbers, rolling_update};
use crate::scheduler_fit::{pending_reason, BoundPods};
use crate::status::compute_status;
use crate::sync_context::{judge_nodes, SyncContext};
use crate::validation::validate_daemon_set;

/// At most this many creates and this many deletes per sync.
// Models pkg/controller/daemon/daemon_controller.go BurstReplicas
pub const BURST_REPLICAS: usize = 250;

/// The API versions a current API server serves DaemonSets under.
const SERVED_API_VERSION: &str = "apps/v1";

/// kubectl's refusal of a DaemonSet under an API version no server serves any more.
pub fn unserved_api_version(ds: &DaemonSet) -> Option<String> {
    (ds.api_version != SERVED_API_VERSION).then(|| {
        format!(
            "resource mapping not found for name: {} namespace: {}: no matches for kind \"DaemonSet\" in version {} \
             (DaemonSets are served only as apps/v1 since Kubernetes 1.16; apps/v1 also requires spec.selector)",
            crate::validation::go_quote(&ds.meta.name),
            crate::validation::go_quote(&ds.meta.namespace),
            crate::validation::go_quote(&ds.api_version)
        )
    })
}

/// What the API server says of the DaemonSet: its version, then validation.
pub fn api_server_errors(ds: &DaemonSet) -> Vec<String> {
    let mut errors: Vec<String> = unserved_api_version(ds).into_iter().collect();
    errors.extend(validate_daemon_set(ds).into_iter().map(|e| e.message));
    errors
}

/// One reconcile of `ds` against the cluster.
// Models pkg/controller/daemon/daemon_controller.go syncDaemonSet
pub fn plan(ds: &DaemonSet, nodes: &[Node], pods: &[Pod], options: &PlanOptions) -> Plan {
    let eligibility = judge_nodes(ds, nodes);
    let ctx = SyncContext::new(ds, nodes, &eligibility, pods.iter().collect(), options.current_revision_hash.as_deref(), options.now);
    let desired = ctx.desired_number_scheduled();
    let rolling = ds.spec.update_strategy.is_rolling_update().then(|| rolling_numbers(ds, desired).ok()).flatten();
    let mut plan = Plan {
        daemon_set: format!("{}/{}", ds.meta.namespace, ds.meta.name),
        validation_errors: api_server_errors(ds),
        nodes: Vec::with_capacity(nodes.len()),
        actions: Vec::new(),
        events: Vec::new(),
        status: None,
        status_after: None,
        rolling,
        revision_hash: ctx.hash.clone(),
    };

    let selects_everything = ds.spec.selector.as_ref().is_some_and(|s| s.is_empty());
    if selects_everything {
        plan.events.push(Event::warning(
            "SelectingAll",
            "This daemon set is selecting all pods. A non-empty selector is required.".into(),
        ));
    }
    let acts = !selects_everything && ds.meta.deletion_timestamp.is_none();

    let mut decisions = Decisions::default();
    if acts {
        plan.actions.extend(claims(ds, pods));
        decisions = manage(&ctx, &options.failed_pod_backoff);
        // The informer has not seen this sync's writes yet: the rolling update
        // runs only in a sync where manage had nothing to do.
        if decisions.is_empty() {
            if let Some(numbers) = rolling {
                if let Ok(rollout) = rolling_update(&ctx, numbers) {
                    decisions = rollout;
                }
            }
        }
    }

    let (created, deleted) = if acts { sync_nodes(&ctx, decisions, options, &mut plan) } else { Default::default() };
    let pending = pending_reasons(&ctx, &created);
    if acts {
        let status = compute_status(&ctx);
        // The same sync seen after its writes, without copying any pod; a sync
        // that writes nothing (a settled cluster) is seen as it is.
        plan.status_after = Some(if created.is_empty() && deleted.is_empty() {
            status
        } else {
            let mut gone = vec![false; ctx.pods.len()];
            for i in deleted {
                if let Some(gone) = gone.get_mut(i) {
                    *gone = true;
                }
            }
            let kept = ctx.pods.iter().zip(gone).filter(|(_, gone)| !gone).map(|(p, _)| *p);
            let after = ctx.seeing(kept.chain(&created).collect());
            compute_status(&after)
        });
        plan.status = Some(status);
    }
    // The sync is over: the verdicts' reasons move into the plan, not copied.
    drop(ctx);
    plan.nodes = node_plans(nodes, eligibility, pending);
    plan
}

/// The pods once the plan's actions are done: deleted pods gone, created pods
/// appended at the end (Pending, not ready, current revision), adopted pods owned
/// and released pods let go.
pub fn apply(ds: &DaemonSet, pods: &[Pod], plan: &Plan, now: crate::model::Timestamp) -> Vec<Pod> {
    let factory = DaemonPodFactory::new(ds, &plan.revision_hash, crate::revision::template_generation(ds));
    let mut after: Vec<Pod> = Vec::with_capacity(pods.len() + plan.actions.len());
    let mut created = Vec::new();
    let mut deleted = NameIndex::default();
    let mut adopted = NameIndex::default();
    let mut released = NameIndex::default();
    for action in &plan.actions {
        match action {
            Action::Create { node, pod } => created.push(factory.pod(node, pod, now)),
            Action::Delete { pod, .. } => {
                deleted.insert(pod);
            }
            Action::Adopt { pod, .. } => {
                adopted.insert(pod.as_str());
            }
            Action::Release { pod, .. } => {
                released.insert(pod.as_str());
            }
        }
    }
    for pod in pods.iter().filter(|p| !deleted.contains(p.name())) {
        let mut pod = pod.clone();
        if adopted.contains(pod.name()) {
            pod.meta.owner_references.push(crate::new_pod::owner_reference(ds));
        } else if released.contains(pod.name()) {
            pod.meta.owner_references.retain(|r| !(r.controller && r.uid == ds.meta.uid));
        }
        after.push(pod);
    }
    after.extend(created);
    after
}

/// Adoptions and releases the controller-ref manager makes before anything else.
fn claims<'a>(ds: &'a DaemonSet, pods: &'a [Pod]) -> impl Iterator<Item = Action> + 'a {
    pods.iter().filter_map(move |pod| {
        let node = crate::ownership::target_node_name(pod).unwrap_or_default().to_string();
        let pod_name = pod.name().to_string();
        match claim(ds, pod) {
            Claim::Adopt => Some(Action::Adopt { node, pod: pod_name }),
            Claim::Release => Some(Action::Release { node, pod: pod_name }),
            Claim::Owned | Claim::Ignore => None,
        }
    })
}

/// Issues at most `BURST_REPLICAS` creates (in slow-start batches, which all
/// succeed here) and deletes, with their events.
// Models pkg/controller/daemon/daemon_controller.go syncNodes
fn sync_nodes(ctx: &SyncContext<'_>, mut decisions: Decisions, options: &PlanOptions, plan: &mut Plan) -> (Vec<Pod>, Vec<usize>) {
    decisions.create_on.truncate(BURST_REPLICAS);
    decisions.delete.truncate(BURST_REPLICAS);
    plan.events.append(&mut decisions.events);
    let ds = ctx.ds;
    let taken = if decisions.create_on.is_empty() { Vec::new() } else { ctx.pods.iter().map(|p| p.name()).collect() };
    let mut names = NameGenerator::new(&ds.meta.name, options.name_seed, taken);
    let mut created = Vec::with_capacity(decisions.create_on.len());
    let factory = DaemonPodFactory::new(ds, &ctx.hash, ctx.generation);
    for node in &decisions.create_on {
        let name = names.next_name();
        plan.events.push(Event::normal("SuccessfulCreate", format!("Created pod: {name}")));
        created.push(factory.counted_pod(node, &name, options.now));
        plan.actions.push(Action::Create { node: node.clone(), pod: name });
    }
    for &id in &decisions.delete {
        let pod = &ctx.pods[id];
        let node = crate::ownership::target_node_name(pod).unwrap_or_default().to_string();
        plan.actions.push(Action::Delete { node, pod: pod.name().to_string() });
        plan.events.push(Event::normal("SuccessfulDelete", format!("Deleted pod: {}", pod.name())));
    }
    (created, decisions.delete)
}

/// Per node, the reason its new (or still unscheduled) pod would stay Pending,
/// in the scheduler's words; `None` for a node that does not wait for the
/// scheduler or whose pod would fit.
fn pending_reasons(ctx: &SyncContext<'_>, created: &[Pod]) -> Vec<Option<String>> {
    // Pods bound to each node, for the scheduler's resource and port checks:
    // gathered only once a node has a pod waiting for the scheduler (never in a
    // settled cluster, where it was a fifth of the sync's time).
    let bound = std::cell::OnceCell::new();
    let bound_on = |node: &str| {
        bound.get_or_init(|| BoundPods::by_position(ctx.position.clone(), ctx.nodes.len(), ctx.pods.iter().copied())).on(node)
    };
    // Nodes with a DaemonSet pod that still waits for the scheduler.
    let unscheduled = |p: &&Pod| p.spec.node_name.is_empty() && !p.is_terminal();
    // Marked by position: a few hundred lookups, not one per node. A name the
    // list repeats is indexed at its last node only: then every node asks by name.
    let mut created_at = vec![false; ctx.nodes.len()];
    for node in created.iter().filter_map(crate::ownership::target_node_name) {
        if let Some(mark) = ctx.position.position(node).and_then(|i| created_at.get_mut(i)) {
            *mark = true;
        }
    }
    let names_repeat = ctx.position.len() != ctx.nodes.len();
    let created_on = |index: usize, node: &Node| {
        let at = if names_repeat { ctx.position.position(node.name()) } else { Some(index) };
        at.and_then(|i| created_at.get(i)).copied().unwrap_or(false)
    };
    ctx.nodes
        .iter()
        .zip(ctx.eligibility)
        .enumerate()
        .map(|(index, (node, verdict))| {
            // A node that reports no allocatable resources (hand-written YAML
            // without a status) is not judged for fit: the real scheduler would
            // see zero capacity, which is never what such a user means.
            if !verdict.should_run || node.allocatable.is_empty() {
                return None;
            }
            let waiting = created_on(index, node)
                || ctx.group(index).iter().map(|&i| ctx.pods[i]).any(|p| unscheduled(&p));
            waiting.then(|| pending_reason(&ctx.ds.spec.template.spec, node, bound_on(node.name()), ctx.nodes.len())).flatten()
        })
        .collect()
}

/// Per node: the verdict, with its reasons (why no pod, in the scheduler's
/// words) and the scheduler's reason a pod would stay Pending.
fn node_plans(nodes: &[Node], eligibility: Vec<Eligibility>, pending: Vec<Option<String>>) -> Vec<NodePlan> {
    nodes
        .iter()
        .zip(eligibility)
        .zip(pending)
        .map(|((node, verdict), pending)| {
            let mut reasons = verdict.reasons;
            reasons.extend(pending);
            NodePlan {
                name: node.name().to_string(),
                should_run: verdict.should_run,
                should_continue_running: verdict.should_continue_running,
                reasons,
            }
        })
        .collect()
}
