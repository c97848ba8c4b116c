//! The simulation: the API server, the DaemonSet controller, the scheduler,
//! the kubelets, the taint manager and the pod garbage collector taking turns
//! on one simulated clock until the cluster is quiet.
//!
//! Each round every actor looks at the cluster once, in a fixed order, and the
//! clock moves on by `ROUND_MS`. Nothing here reads a real clock or draws a
//! random number it was not given: the same input gives the same timeline.

use crate::yaml::Value;

use super::events::UserEvent;
use super::timeline::{Actor, CheckView, NodeView, PodView, Snapshot, Step, Timeline, DETAILED_NODES};
use crate::eligibility::node_affinity::matches_node;
use crate::eligibility::tolerations::first_untolerated;
use crate::model::{DaemonSet, Node, Pod, PodCondition, Timestamp};
use crate::name_index::NameIndex;
use crate::new_pod::{owner_reference, DaemonPodFactory};
use crate::ownership::{claim, target_node_name, Claim};
use crate::plan::{Action, Plan, PlanOptions, Status};
use crate::revision::{template_generation, template_hash, TEMPLATE_GENERATION_ANNOTATION};
use crate::scheduler_fit::{pending_reason, BoundPods};
use crate::status::compute_status;
use crate::sync::{api_server_errors, plan};
use crate::sync_context::{judge_nodes, SyncContext};

/// Simulated time between two rounds.
pub const ROUND_MS: i64 = 1000;
/// A simulation stops after this many steps and says so.
pub const MAX_STEPS: usize = 5000;
/// A simulation stops after this many rounds and says so (a loop that never
/// settles, such as a pod the scheduler can never place, still ends).
pub const MAX_ROUNDS: usize = 600;

/// The cluster a simulation starts from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct World {
    /// `None` before `kubectl apply`.
    pub daemon_set: Option<DaemonSet>,
    pub nodes: Vec<Node>,
    pub pods: Vec<Pod>,
}

#[derive(Clone, Debug)]
pub struct SimulationOptions {
    /// The wall clock at the start, in seconds since the epoch.
    pub start: Timestamp,
    /// The seed for generated pod names.
    pub name_seed: u64,
    pub max_steps: usize,
}

impl Default for SimulationOptions {
    fn default() -> Self {
        SimulationOptions { start: 1_704_067_200, name_seed: 1, max_steps: MAX_STEPS }
    }
}

/// Plays `events` on `world`, one after the other, each until the cluster is quiet.
pub fn simulate(world: World, events: &[UserEvent], options: &SimulationOptions) -> Timeline {
    // Whatever the starting cluster still has to do happens before the story starts.
    let mut sim = Sim::new(world, options, false);
    sim.run_until_quiet();
    sim.record = true;
    sim.story_start_ms = sim.clock_ms;
    let start = sim.snapshot();
    for event in events {
        if sim.truncated.is_some() {
            break;
        }
        sim.user_event(event);
        sim.run_until_quiet();
    }
    Timeline { start, steps: sim.steps, truncated: sim.truncated }
}

/// The cluster once `events` have played and everything has settled, without
/// a timeline: what the page shows when it opens.
pub fn settle(world: World, events: &[UserEvent], options: &SimulationOptions) -> World {
    let mut sim = Sim::new(world, options, false);
    sim.run_until_quiet();
    for event in events {
        sim.user_event(event);
        sim.run_until_quiet();
    }
    sim.world
}

struct Sim {
    world: World,
    start: Timestamp,
    clock_ms: i64,
    /// The clock when the recorded story began (steps count from there).
    story_start_ms: i64,
    name_seed: u64,
    syncs: u64,
    record: bool,
    steps: Vec<Step>,
    max_steps: usize,
    truncated: Option<String>,
    /// The pods whose containers the kubelet is creating (ContainerCreating).
    container_creating: NameIndex<'static>,
    joined: NameIndex<'static>,
    removed: Vec<String>,
    /// Pods the scheduler has already said it cannot place (said once).
    unschedulable_reported: NameIndex<'static>,
    last_status: Option<Status>,
    /// The controller's verdicts when it last said them.
    last_scan: Option<Vec<(String, bool)>>,
}

impl Sim {
    fn new(world: World, options: &SimulationOptions, record: bool) -> Sim {
        Sim {
            world,
            start: options.start,
            clock_ms: 0,
            story_start_ms: 0,
            name_seed: options.name_seed,
            syncs: 0,
            record,
            steps: Vec::new(),
            max_steps: options.max_steps,
            truncated: None,
            container_creating: NameIndex::default(),
            joined: NameIndex::default(),
            removed: Vec::new(),
            unschedulable_reported: NameIndex::default(),
            last_status: None,
            last_scan: None,
        }
    }

    fn now(&self) -> Timestamp {
        self.start + self.clock_ms.div_euclid(1000)
    }

    fn step(&mut self, actor: Actor, caption: String, touched: Vec<String>) {
        if !self.record || self.truncated.is_some() {
            return;
        }
        if self.steps.len() >= self.max_steps {
            self.truncated = Some(format!("stopped after {} steps", self.max_steps));
            return;
        }
        let after = self.snapshot();
        self.steps.push(Step { time_ms: self.clock_ms - self.story_start_ms, actor, caption, touched, after });
    }

    /// The DaemonSet's pods (indices), in input order.
    fn daemon_pods(&self) -> Vec<usize> {
        let Some(ds) = &self.world.daemon_set else { return Vec::new() };
        (0..self.world.pods.len())
            .filter(|&i| matches!(claim(ds, &self.world.pods[i]), Claim::Owned | Claim::Adopt))
            .collect()
    }

    fn pod_status(&self, pod: &Pod) -> &'static str {
        if pod.is_being_deleted() {
            "Terminating"
        } else if pod.phase == "Running" {
            "Running"
        } else if self.container_creating.contains(pod.name()) {
            "ContainerCreating"
        } else {
            match pod.phase.as_str() {
                "Succeeded" => "Completed",
                "Failed" => "Error",
                _ => "Pending",
            }
        }
    }

    fn snapshot(&self) -> Snapshot {
        let detailed = self.world.nodes.len() <= DETAILED_NODES;
        let mut snapshot = Snapshot::default();
        snapshot.counts.nodes = self.world.nodes.len();
        let ds = self.world.daemon_set.as_ref();
        let verdicts = ds.map(|ds| judge_nodes(ds, &self.world.nodes));
        let hash = ds.map(|ds| template_hash(&ds.spec.template.raw)).unwrap_or_default();
        if detailed {
            for (i, node) in self.world.nodes.iter().enumerate() {
                let verdict = verdicts.as_ref().and_then(|v| v.get(i));
                snapshot.nodes.push(NodeView {
                    name: node.name().to_string(),
                    joined: self.joined.contains(node.name()),
                    removed: false,
                    should_run: verdict.is_some_and(|v| v.should_run),
                    should_continue_running: verdict.is_some_and(|v| v.should_continue_running),
                    reasons: verdict.map(|v| v.reasons.clone()).unwrap_or_default(),
                    checks: verdict
                        .map(|v| v.checks().map(|c| CheckView { name: c.name.to_string(), passed: c.passed }).collect())
                        .unwrap_or_default(),
                });
            }
            for name in &self.removed {
                snapshot.nodes.push(NodeView {
                    name: name.clone(),
                    joined: false,
                    removed: true,
                    should_run: false,
                    should_continue_running: false,
                    reasons: Vec::new(),
                    checks: Vec::new(),
                });
            }
        }
        let generation = ds.and_then(template_generation);
        for i in self.daemon_pods() {
            let pod = &self.world.pods[i];
            let status = self.pod_status(pod);
            let counts = &mut snapshot.counts;
            match status {
                "Terminating" => counts.terminating += 1,
                "ContainerCreating" => counts.container_creating += 1,
                "Running" => counts.running += 1,
                _ => counts.pending += 1,
            }
            if pod.is_ready() {
                counts.ready += 1;
            }
            if detailed {
                snapshot.pods.push(PodView {
                    name: pod.name().to_string(),
                    node: target_node_name(pod).unwrap_or_default().to_string(),
                    bound: !pod.spec.node_name.is_empty(),
                    status: status.to_string(),
                    ready: pod.is_ready(),
                    updated: crate::revision::is_pod_updated(pod, &hash, generation),
                });
            }
        }
        snapshot.status = ds.filter(|ds| !ds.spec.selector.as_ref().is_some_and(|s| s.is_empty())).map(|ds| {
            let eligibility = verdicts.clone().unwrap_or_default();
            let ctx = SyncContext::new(ds, &self.world.nodes, &eligibility, self.world.pods.iter().collect(), Some(&hash), self.now());
            compute_status(&ctx)
        });
        snapshot
    }

    fn node_mut(&mut self, name: &str) -> Option<&mut Node> {
        self.world.nodes.iter_mut().find(|n| n.name() == name)
    }

    // ---- what the user does -------------------------------------------------

    fn user_event(&mut self, event: &UserEvent) {
        match event {
            UserEvent::Apply(ds) => self.apply(ds, format!("kubectl apply -f {}.yaml", ds.meta.name)),
            UserEvent::SetImage { container, image } => {
                let Some(mut ds) = self.world.daemon_set.clone() else { return };
                let command = format!("kubectl set image daemonset/{} {container}={image}", ds.meta.name);
                if !set_image(&mut ds, container, image) {
                    self.step(Actor::Kubectl, format!("{command}: the DaemonSet has no container named {}.", crate::validation::go_quote(container)), vec![]);
                    return;
                }
                self.apply(&ds, command);
            }
            UserEvent::AddNode(node) => {
                let name = node.name().to_string();
                if self.world.nodes.iter().any(|n| n.name() == name) {
                    return;
                }
                self.world.nodes.push((**node).clone());
                self.removed.retain(|n| *n != name);
                self.joined.insert(name.clone());
                self.step(Actor::Node, format!("Node {name} joins the cluster: its kubelet registers it with the API server."), vec![name]);
            }
            UserEvent::RemoveNode { node } => {
                let before = self.world.nodes.len();
                self.world.nodes.retain(|n| n.name() != node);
                if self.world.nodes.len() == before {
                    return;
                }
                self.removed.push(node.clone());
                self.step(Actor::Kubectl, format!("kubectl delete node {node}: the node leaves the cluster, its pods are now orphans."), vec![node.clone()]);
            }
            UserEvent::Taint { node, taint } => {
                let Some(n) = self.node_mut(node) else { return };
                n.taints.retain(|t| !(t.key == taint.key && t.effect == taint.effect));
                n.taints.push(taint.clone());
                let text = crate::node_edit::taint_chip_text(taint);
                self.step(Actor::Kubectl, format!("kubectl taint nodes {node} {text}"), vec![node.clone()]);
            }
            UserEvent::Untaint { node, key, effect } => {
                let Some(n) = self.node_mut(node) else { return };
                n.taints.retain(|t| !(t.key == *key && (effect.is_empty() || t.effect == *effect)));
                let suffix = if effect.is_empty() { String::new() } else { format!(":{effect}") };
                self.step(Actor::Kubectl, format!("kubectl taint nodes {node} {key}{suffix}-"), vec![node.clone()]);
            }
            UserEvent::Label { node, key, value } => {
                let Some(n) = self.node_mut(node) else { return };
                let command = match value {
                    Some(value) => {
                        n.meta.labels.insert(key.clone(), value.clone());
                        format!("kubectl label nodes {node} {key}={value} --overwrite")
                    }
                    None => {
                        n.meta.labels.remove(key);
                        format!("kubectl label nodes {node} {key}-")
                    }
                };
                self.step(Actor::Kubectl, command, vec![node.clone()]);
            }
            UserEvent::Cordon { node, cordoned } => {
                let Some(n) = self.node_mut(node) else { return };
                if *cordoned {
                    crate::node_edit::cordon(n);
                } else {
                    crate::node_edit::uncordon(n);
                }
                let caption = if *cordoned {
                    format!("kubectl cordon {node}: the node is marked unschedulable (and tainted node.kubernetes.io/unschedulable:NoSchedule), which DaemonSet pods tolerate.")
                } else {
                    format!("kubectl uncordon {node}")
                };
                self.step(Actor::Kubectl, caption, vec![node.clone()]);
            }
            UserEvent::SetReady { node, ready } => {
                let Some(n) = self.node_mut(node) else { return };
                crate::node_edit::set_ready(n, *ready);
                let caption = if *ready {
                    format!("Node {node} reports Ready again: the node lifecycle controller removes its not-ready taints.")
                } else {
                    format!("Node {node} stops reporting Ready: the node lifecycle controller taints it node.kubernetes.io/not-ready (NoSchedule and NoExecute).")
                };
                self.step(Actor::Node, caption, vec![node.clone()]);
                if !*ready {
                    self.mark_pods_not_ready(node);
                }
            }
            UserEvent::DeletePod { pod } => {
                let now = self.now();
                let Some(p) = self.world.pods.iter_mut().find(|p| p.name() == pod) else { return };
                if p.spec.node_name.is_empty() {
                    self.world.pods.retain(|p| p.name() != pod);
                } else {
                    p.meta.deletion_timestamp = Some(now);
                }
                self.step(Actor::Kubectl, format!("kubectl delete pod {pod}"), vec![pod.clone()]);
            }
        }
    }

    /// A NotReady node's pods stop being ready (the node lifecycle controller
    /// marks them so), though they keep running as far as anyone can tell.
    fn mark_pods_not_ready(&mut self, node: &str) {
        let now = self.now();
        let mut touched = Vec::new();
        for pod in self.world.pods.iter_mut().filter(|p| p.spec.node_name == node && p.is_ready()) {
            set_ready_condition(pod, false, now);
            touched.push(pod.name().to_string());
        }
        if !touched.is_empty() {
            self.step(Actor::Node, format!("The node lifecycle controller marks {} on {node} not ready.", pod_list(&touched)), touched);
        }
    }

    fn apply(&mut self, incoming: &DaemonSet, command: String) {
        let errors = api_server_errors(incoming);
        let name = incoming.meta.name.clone();
        self.step(Actor::Kubectl, command, vec![]);
        if let Some(first) = errors.first() {
            let more = if errors.len() > 1 { format!(" (and {} more)", errors.len() - 1) } else { String::new() };
            self.step(Actor::ApiServer, format!("The API server refuses DaemonSet {name}: {first}{more}"), vec![]);
            return;
        }
        let mut ds = incoming.clone();
        match self.world.daemon_set.take() {
            None => {
                if ds.meta.uid.is_empty() {
                    ds.meta.uid = format!("{}-uid", ds.meta.name);
                }
                ds.meta.generation = 1;
                ds.meta.annotations.insert(TEMPLATE_GENERATION_ANNOTATION.into(), "1".into());
                ds.meta.creation_timestamp = Some(self.now());
                self.world.daemon_set = Some(ds);
                self.step(
                    Actor::ApiServer,
                    format!("The API server stores DaemonSet {name} (generation 1). The DaemonSet controller, watching DaemonSets, is told."),
                    vec![],
                );
            }
            Some(old) => {
                ds.meta.uid = old.meta.uid.clone();
                ds.meta.creation_timestamp = old.meta.creation_timestamp;
                let template_changed = template_hash(&old.spec.template.raw) != template_hash(&ds.spec.template.raw);
                let spec_changed = template_changed || old.spec != ds.spec;
                ds.meta.generation = old.meta.generation + i64::from(spec_changed);
                let old_generation = template_generation(&old).unwrap_or(1);
                let generation = old_generation + i64::from(template_changed);
                ds.meta.annotations.insert(TEMPLATE_GENERATION_ANNOTATION.into(), generation.to_string());
                let on_delete = !ds.spec.update_strategy.is_rolling_update();
                self.world.daemon_set = Some(ds);
                let caption = if template_changed {
                    format!("The API server stores the new pod template of {name}: generation {}, template generation {generation}. Pods of the old template are now out of date.", old.meta.generation + 1)
                } else if spec_changed {
                    format!("The API server stores the change to {name} (generation {}); the pod template is the same, so no pod needs replacing.", old.meta.generation + 1)
                } else {
                    format!("DaemonSet {name} is unchanged.")
                };
                self.step(Actor::ApiServer, caption, vec![]);
                if template_changed && on_delete {
                    self.step(
                        Actor::DaemonSetController,
                        "updateStrategy OnDelete: the controller leaves the old pods running. Each is replaced with the new template only when someone deletes it.".to_string(),
                        vec![],
                    );
                }
            }
        }
    }

    // ---- the cluster's own actors ---------------------------------------------

    fn run_until_quiet(&mut self) {
        for _ in 0..MAX_ROUNDS {
            if self.truncated.is_some() {
                return;
            }
            // Not `any`: every actor gets its turn in each round.
            #[allow(clippy::unnecessary_fold)]
            let acted = [
                Sim::taint_manager as fn(&mut Sim) -> bool,
                Sim::pod_garbage_collector,
                Sim::controller,
                Sim::scheduler,
                Sim::kubelet,
            ]
            .iter()
            .fold(false, |acted, actor| actor(self) || acted);
            if !acted && !self.wait_for_min_ready() {
                self.status_step();
                return;
            }
            self.clock_ms += ROUND_MS;
        }
        if self.record {
            self.truncated = Some(format!("the cluster did not settle within {MAX_ROUNDS} rounds"));
        }
    }

    /// The taint manager evicts pods from nodes with NoExecute taints they do not tolerate.
    // Models pkg/controller/tainteviction/taint_eviction.go (tolerationSeconds not timed here:
    // a pod that tolerates the taint for a while is treated as tolerating it)
    fn taint_manager(&mut self) -> bool {
        let now = self.now();
        let mut evicted = Vec::new();
        let mut why = String::new();
        let nodes = NameIndex::new(self.world.nodes.iter().map(|n| n.name()));
        for i in self.daemon_pods() {
            let pod = &self.world.pods[i];
            if pod.is_being_deleted() || pod.spec.node_name.is_empty() {
                continue;
            }
            let Some(node) = nodes.position(&pod.spec.node_name).map(|i| &self.world.nodes[i]) else { continue };
            if let Some(taint) = first_untolerated(&node.taints, &pod.spec.tolerations, |t| t.effect == "NoExecute") {
                why = crate::node_edit::taint_chip_text(taint);
                evicted.push(i);
            }
        }
        drop(nodes);
        if evicted.is_empty() {
            return false;
        }
        let names: Vec<String> = evicted.iter().map(|&i| self.world.pods[i].name().to_string()).collect();
        for &i in &evicted {
            self.world.pods[i].meta.deletion_timestamp = Some(now);
        }
        self.step(
            Actor::TaintManager,
            format!("The taint manager evicts {}: the node has the NoExecute taint {why}, which the pod does not tolerate.", pod_list(&names)),
            names,
        );
        true
    }

    /// Pods bound to a node that no longer exists are deleted.
    // Models pkg/controller/podgc/gc_controller.go gcOrphaned
    fn pod_garbage_collector(&mut self) -> bool {
        let nodes = NameIndex::new(self.world.nodes.iter().map(|n| n.name()));
        let orphans: Vec<(String, String)> = self
            .world
            .pods
            .iter()
            .filter(|p| !p.spec.node_name.is_empty() && !nodes.contains(p.spec.node_name.as_str()))
            .map(|p| (p.name().to_string(), p.spec.node_name.clone()))
            .collect();
        if orphans.is_empty() {
            return false;
        }
        let gone = NameIndex::new(orphans.iter().map(|(p, _)| p.as_str()));
        self.world.pods.retain(|p| !gone.contains(p.name()));
        let names: Vec<String> = orphans.iter().map(|(p, _)| p.clone()).collect();
        let mut node_names: Vec<&str> = orphans.iter().map(|(_, n)| n.as_str()).collect();
        crate::sorting::sort_by(&mut node_names, |a, b| a.cmp(b));
        node_names.dedup();
        let nodes_text = node_names.join(", ");
        self.step(
            Actor::PodGarbageCollector,
            format!("The pod garbage collector deletes {}: {nodes_text} is gone. The DaemonSet controller does not recreate it; it only runs pods on nodes that exist.", pod_list(&names)),
            names,
        );
        true
    }

    /// One sync of the DaemonSet controller: the plan, played out.
    fn controller(&mut self) -> bool {
        let Some(ds) = self.world.daemon_set.clone() else { return false };
        self.syncs += 1;
        let options = PlanOptions {
            current_revision_hash: None,
            now: self.now(),
            failed_pod_backoff: Vec::new(),
            name_seed: self.name_seed.wrapping_add(self.syncs.wrapping_mul(0x9e37_79b9)),
        };
        let plan = plan(&ds, &self.world.nodes, &self.world.pods, &options);
        self.scan_step(&plan);
        if plan.actions.is_empty() {
            return false;
        }
        self.play_claims(&ds, &plan);
        self.play_deletes(&ds, &plan);
        self.play_creates(&ds, &plan);
        self.status_step();
        true
    }

    /// When the set of nodes that should run a pod changes (the DaemonSet is new,
    /// a node joined, labels or taints changed), the controller's verdicts.
    fn scan_step(&mut self, plan: &Plan) {
        let verdicts: Vec<(String, bool)> = plan.nodes.iter().map(|n| (n.name.clone(), n.should_run)).collect();
        if self.last_scan.as_ref() == Some(&verdicts) {
            return;
        }
        self.last_scan = Some(verdicts);
        let running: Vec<&str> = plan.nodes.iter().filter(|n| n.should_run).map(|n| n.name.as_str()).collect();
        let mut caption = format!(
            "The DaemonSet controller checks the {} node(s) against nodeName, nodeSelector, node affinity and taints: {} should run a pod",
            plan.nodes.len(),
            running.len()
        );
        if !running.is_empty() && running.len() <= 8 {
            caption.push_str(&format!(" ({})", running.join(", ")));
        }
        let skipped: Vec<String> = plan
            .nodes
            .iter()
            .filter(|n| !n.should_run)
            .take(6)
            .map(|n| format!("{}: {}", n.name, n.reasons.first().map_or("", String::as_str)))
            .collect();
        if !skipped.is_empty() {
            caption.push_str(&format!("; not {}", skipped.join("; ")));
        }
        caption.push('.');
        self.step(Actor::DaemonSetController, caption, running.iter().map(|n| n.to_string()).collect());
    }

    fn play_claims(&mut self, ds: &DaemonSet, plan: &Plan) {
        for action in &plan.actions {
            let (adopt, pod_name) = match action {
                Action::Adopt { pod, .. } => (true, pod),
                Action::Release { pod, .. } => (false, pod),
                _ => continue,
            };
            let Some(pod) = self.world.pods.iter_mut().find(|p| p.name() == pod_name) else { continue };
            let caption = if adopt {
                pod.meta.owner_references.push(owner_reference(ds));
                format!("The DaemonSet controller adopts pod {pod_name}: it has no owner and its labels match the selector.")
            } else {
                pod.meta.owner_references.retain(|r| !(r.controller && r.uid == ds.meta.uid));
                format!("The DaemonSet controller releases pod {pod_name}: its labels no longer match the selector.")
            };
            self.step(Actor::DaemonSetController, caption, vec![pod_name.clone()]);
        }
    }

    fn play_deletes(&mut self, ds: &DaemonSet, plan: &Plan) {
        let now = self.now();
        let hash = &plan.revision_hash;
        let generation = template_generation(ds);
        let mut deletions: Vec<(String, String)> = Vec::new();
        for action in &plan.actions {
            let Action::Delete { node, pod } = action else { continue };
            let Some(index) = self.world.pods.iter().position(|p| p.name() == pod) else { continue };
            let p = &self.world.pods[index];
            let verdict = plan.nodes.iter().find(|n| n.name == *node);
            let reason = if p.phase == "Failed" {
                "it failed; a replacement follows".to_string()
            } else if p.phase == "Succeeded" {
                "it exited; a daemon pod should keep running, so a replacement follows".to_string()
            } else if verdict.is_none() {
                format!("it waits for node {node}, which no longer exists")
            } else if let Some(v) = verdict.filter(|v| !v.should_continue_running) {
                format!("{node} no longer qualifies ({})", v.reasons.join("; "))
            } else if !crate::revision::is_pod_updated(p, hash, generation) {
                match plan.rolling {
                    Some(r) if r.max_surge > 0 => "its replacement with the new template is available".to_string(),
                    Some(r) => format!("rolling update: it runs the old template (at most {} pod(s) unavailable at a time)", r.max_unavailable),
                    None => "it runs the old template".to_string(),
                }
            } else {
                format!("{node} has more than one pod; the oldest stays")
            };
            deletions.push((reason, pod.clone()));
            if p.spec.node_name.is_empty() {
                // Never scheduled: nothing to stop, the API server removes it at once.
                self.world.pods.remove(index);
            } else {
                self.world.pods[index].meta.deletion_timestamp = Some(now);
            }
        }
        // One step per reason, reasons in order, each reason's pods in plan order.
        crate::sorting::sort_by(&mut deletions, |a, b| a.0.cmp(&b.0));
        let mut deletions = deletions.into_iter().peekable();
        while let Some((reason, pod)) = deletions.next() {
            let mut pods = vec![pod];
            while let Some((_, pod)) = deletions.next_if(|(next, _)| *next == reason) {
                pods.push(pod);
            }
            self.step(Actor::DaemonSetController, format!("The DaemonSet controller deletes {}: {reason}.", pod_list(&pods)), pods);
        }
    }

    /// Creates, in the controller's slow-start batches (1, 2, 4, ...).
    fn play_creates(&mut self, ds: &DaemonSet, plan: &Plan) {
        let creates: Vec<(&str, &str)> = plan
            .actions
            .iter()
            .filter_map(|a| match a {
                Action::Create { node, pod } => Some((node.as_str(), pod.as_str())),
                _ => None,
            })
            .collect();
        if creates.is_empty() {
            return;
        }
        let factory = DaemonPodFactory::new(ds, &plan.revision_hash, template_generation(ds));
        let now = self.now();
        let total = creates.len();
        let mut batch = 1usize;
        let mut done = 0usize;
        while done < total {
            let take = batch.min(total - done);
            let slice = &creates[done..done + take];
            for (node, pod) in slice {
                self.world.pods.push(factory.pod(node, pod, now));
            }
            let touched: Vec<String> = slice.iter().flat_map(|(n, p)| [p.to_string(), n.to_string()]).collect();
            let caption = match slice {
                [(node, pod)] if total == 1 => format!(
                    "The DaemonSet controller creates pod {pod} for {node}: the node should run one and has none. The pod is pinned to {node} by node affinity and waits for the scheduler."
                ),
                [(node, pod)] => format!(
                    "The DaemonSet controller creates pod {pod} for {node} (slow start: a batch of 1, then 2, 4, 8, ... while creates succeed)."
                ),
                many => format!(
                    "The DaemonSet controller creates {} pods, one for each of {} (slow-start batch of {take}).",
                    many.len(),
                    many.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                ),
            };
            self.step(Actor::DaemonSetController, caption, touched);
            done += take;
            batch *= 2;
        }
    }

    /// Records the status when its counters moved.
    fn status_step(&mut self) {
        let Some(ds) = self.world.daemon_set.as_ref() else { return };
        if ds.spec.selector.as_ref().is_some_and(|s| s.is_empty()) {
            return;
        }
        let eligibility = judge_nodes(ds, &self.world.nodes);
        let ctx = SyncContext::new(ds, &self.world.nodes, &eligibility, self.world.pods.iter().collect(), None, self.now());
        let status = compute_status(&ctx);
        if self.last_status == Some(status) {
            return;
        }
        self.last_status = Some(status);
        let s = status;
        self.step(
            Actor::DaemonSetController,
            format!(
                "The DaemonSet controller updates the status: {} desired, {} current, {} ready, {} up to date, {} available.",
                s.desired_number_scheduled, s.current_number_scheduled, s.number_ready, s.updated_number_scheduled, s.number_available
            ),
            vec![],
        );
    }

    /// The scheduler binds each waiting pod to the node its affinity names, or
    /// says why it cannot.
    // Models pkg/scheduler/schedule_one.go (filters in order: NodeUnschedulable,
    // TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit)
    fn scheduler(&mut self) -> bool {
        let mut bound = Vec::new();
        let mut refused = Vec::new();
        let node_count = self.world.nodes.len();
        // Pods already on each node, for the resource and port checks.
        let on_node = BoundPods::new(&self.world.nodes, &self.world.pods);
        let nodes = NameIndex::new(self.world.nodes.iter().map(|n| n.name()));
        for i in self.daemon_pods() {
            let pod = &self.world.pods[i];
            if !pod.spec.node_name.is_empty() || pod.is_being_deleted() || pod.is_terminal() {
                continue;
            }
            let Some(target) = target_node_name(pod) else { continue };
            let Some(node) = nodes.position(target).map(|i| &self.world.nodes[i]) else { continue };
            let reason = if !matches_node(&pod.spec, node) {
                Some(crate::eligibility::REASON_NODE_AFFINITY.to_string())
            } else if let Some(taint) = first_untolerated(&node.taints, &pod.spec.tolerations, |t| t.effect != "PreferNoSchedule") {
                Some(crate::eligibility::tolerations::untolerated_taint_reason(taint))
            } else if node.allocatable.is_empty() {
                None
            } else {
                pending_reason(&pod.spec, node, on_node.on(target), node_count)
            };
            match reason {
                None => bound.push((i, target.to_string())),
                Some(reason) if !self.unschedulable_reported.contains(pod.name()) => {
                    refused.push((pod.name().to_string(), target.to_string(), reason));
                }
                Some(_) => {}
            }
        }
        drop(on_node);
        drop(nodes);
        let acted = !bound.is_empty();
        if acted {
            let mut touched = Vec::new();
            for (i, node) in &bound {
                self.world.pods[*i].spec.node_name = node.clone();
                touched.push(self.world.pods[*i].name().to_string());
            }
            let caption = match bound.as_slice() {
                [(i, node)] => format!(
                    "The scheduler binds pod {} to {node}, the only node its matchFields affinity allows.",
                    self.world.pods[*i].name()
                ),
                many => format!(
                    "The scheduler binds {} pods, each to the one node its matchFields affinity names ({}).",
                    many.len(),
                    many.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(", ")
                ),
            };
            self.step(Actor::Scheduler, caption, touched);
        }
        for (pod, node, reason) in refused {
            self.unschedulable_reported.insert(pod.clone());
            self.step(
                Actor::Scheduler,
                format!("The scheduler cannot place pod {pod} on {node}, so it stays Pending: {reason}"),
                vec![pod, node],
            );
        }
        acted
    }

    /// Each node's kubelet moves its pods along: ContainerCreating, Running,
    /// Ready; and stops pods being deleted. NotReady nodes' kubelets are silent.
    fn kubelet(&mut self) -> bool {
        let now = self.now();
        let ready_nodes = NameIndex::new(
            self.world.nodes.iter().filter(|n| n.condition("Ready").is_none_or(|s| s == "True")).map(|n| n.name()),
        );
        let image = self
            .world
            .daemon_set
            .as_ref()
            .and_then(|ds| ds.spec.template.spec.containers.first().map(|c| c.image.clone()))
            .unwrap_or_default();
        let (mut stopped, mut creating, mut started, mut ready) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for i in self.daemon_pods() {
            let pod = &self.world.pods[i];
            if pod.spec.node_name.is_empty() || !ready_nodes.contains(&pod.spec.node_name) {
                continue;
            }
            let name = pod.name().to_string();
            if pod.is_being_deleted() {
                stopped.push(name);
            } else if pod.phase == "Pending" {
                if self.container_creating.contains(&name) {
                    started.push(name);
                } else {
                    creating.push(name);
                }
            } else if pod.phase == "Running" && !pod.is_ready() {
                ready.push(name);
            }
        }
        let acted = !(stopped.is_empty() && creating.is_empty() && started.is_empty() && ready.is_empty());
        if !stopped.is_empty() {
            let gone = NameIndex::new(stopped.iter().map(String::as_str));
            self.world.pods.retain(|p| !gone.contains(p.name()));
            for name in &stopped {
                self.container_creating.remove(name);
            }
            self.step(Actor::Kubelet, format!("The kubelet stops {} and the pod is removed.", pod_list(&stopped)), stopped);
        }
        if !creating.is_empty() {
            for name in &creating {
                self.container_creating.insert(name.clone());
            }
            let whose = match creating.as_slice() {
                [one] => format!("on {}", self.world.pods.iter().find(|p| p.name() == one).map_or("its node", |p| p.spec.node_name.as_str())),
                _ => "on each node".to_string(),
            };
            self.step(
                Actor::Kubelet,
                format!("The kubelet {whose} sees {} bound to it, pulls {image} and creates the container (ContainerCreating).", pod_list(&creating)),
                creating,
            );
        }
        if !started.is_empty() {
            let started_set = NameIndex::new(started.iter().map(String::as_str));
            for pod in self.world.pods.iter_mut().filter(|p| started_set.contains(p.name())) {
                pod.phase = "Running".into();
                set_ready_condition(pod, false, now);
            }
            for name in &started {
                self.container_creating.remove(name);
            }
            let what = if started.len() == 1 { "Its container runs" } else { "Their containers run" };
            self.step(Actor::Kubelet, format!("{what}: {} {} Running, not ready yet.", pod_list(&started), if started.len() == 1 { "is" } else { "are" }), started);
        }
        if !ready.is_empty() {
            let ready_set = NameIndex::new(ready.iter().map(String::as_str));
            for pod in self.world.pods.iter_mut().filter(|p| ready_set.contains(p.name())) {
                set_ready_condition(pod, true, now);
            }
            let verb = if ready.len() == 1 { "passes its readiness check" } else { "pass their readiness checks" };
            self.step(Actor::Kubelet, format!("{} {verb}: Ready.", capitalized(&pod_list(&ready))), ready);
        }
        acted
    }

    /// With minReadySeconds, ready pods become available only later: when
    /// nothing else happens, the clock jumps to that moment.
    fn wait_for_min_ready(&mut self) -> bool {
        let Some(ds) = self.world.daemon_set.as_ref() else { return false };
        let min_ready = ds.spec.min_ready_seconds;
        if min_ready <= 0 {
            return false;
        }
        let now = self.now();
        let next = self
            .daemon_pods()
            .into_iter()
            .map(|i| &self.world.pods[i])
            .filter(|p| p.is_ready() && !p.is_available(min_ready, now) && !p.is_being_deleted())
            .filter_map(|p| p.ready_condition().and_then(|c| c.last_transition_time))
            .map(|t| t + min_ready)
            .min();
        let Some(at) = next else { return false };
        self.clock_ms = (at - self.start).max(0) * 1000;
        self.step(
            Actor::DaemonSetController,
            format!("minReadySeconds ({min_ready} s) have passed since the pods became ready: they now count as available."),
            vec![],
        );
        true
    }
}

fn set_ready_condition(pod: &mut Pod, ready: bool, now: Timestamp) {
    let status = if ready { "True" } else { "False" };
    match pod.conditions.iter_mut().find(|c| c.kind == "Ready") {
        Some(c) if c.status == status => {}
        Some(c) => {
            c.status = status.into();
            c.last_transition_time = Some(now);
        }
        None => pod.conditions.push(PodCondition { kind: "Ready".into(), status: status.into(), last_transition_time: Some(now) }),
    }
}

/// Sets the image of `container` in the DaemonSet's template, model and YAML.
/// False when there is no such container.
fn set_image(ds: &mut DaemonSet, container: &str, image: &str) -> bool {
    let Some(model) = ds.spec.template.spec.containers.iter_mut().find(|c| c.name == container) else { return false };
    model.image = image.to_string();
    let containers = ds
        .spec
        .template
        .raw
        .get_mut("spec")
        .and_then(|s| s.get_mut("containers"))
        .and_then(Value::as_sequence_mut);
    if let Some(containers) = containers {
        for c in containers.iter_mut() {
            if c.get("name").and_then(Value::as_str) == Some(container) {
                if let Some(map) = c.as_mapping_mut() {
                    map.insert("image".into(), Value::String(image.to_string()));
                }
            }
        }
    }
    true
}

/// `pod a`, `pods a and b`, `pods a, b and c`, `12 pods`.
fn pod_list(names: &[String]) -> String {
    match names {
        [] => "no pod".into(),
        [one] => format!("pod {one}"),
        [a, b] => format!("pods {a} and {b}"),
        many if many.len() <= 5 => {
            let (last, rest) = many.split_last().unwrap_or((&many[0], &[]));
            format!("pods {} and {last}", rest.join(", "))
        }
        many => format!("{} pods", many.len()),
    }
}

/// The first letter in upper case (captions begin with ASCII: a name or our own words).
fn capitalized(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}
