//! Timelines of every flow the page animates, step by step.

mod common;
use common::*;

use dsplay_core::model::{DaemonSet, Taint};
use dsplay_core::node_edit::new_node;
use dsplay_core::read_sources;
use dsplay_core::simulation::{settle, simulate, Actor, SimulationOptions, Timeline, UserEvent, World};
use dsplay_core::Source;

fn read_world(yaml: &str) -> (DaemonSet, World) {
    let outcome = read_sources(&[Source { name: "t.yaml", text: yaml }]);
    assert!(!outcome.has_errors(), "{:?}", outcome.diagnostics);
    let c = outcome.cluster;
    (c.daemon_sets[0].clone(), World { daemon_set: None, nodes: c.nodes, pods: c.pods })
}

fn options() -> SimulationOptions {
    SimulationOptions::default()
}

fn settled(yaml: &str) -> World {
    let (ds, world) = read_world(yaml);
    settle(world, &[UserEvent::Apply(Box::new(ds))], &options())
}

/// (node, status) of every pod at the end.
fn pods_at_end(timeline: &Timeline) -> Vec<(String, String)> {
    let end = timeline.snapshot_at(timeline.steps.len());
    let mut pods: Vec<(String, String)> = end.pods.iter().map(|p| (p.node.clone(), p.status.clone())).collect();
    pods.sort();
    pods
}

fn first_step(timeline: &Timeline, actor: Actor, needle: &str) -> usize {
    timeline
        .steps
        .iter()
        .position(|s| s.actor == actor && s.caption.contains(needle))
        .unwrap_or_else(|| panic!("no {actor:?} step containing {needle:?}: {:#?}", timeline.steps.iter().map(|s| &s.caption).collect::<Vec<_>>()))
}

fn seed_yaml() -> String {
    daemon_set("", "      nodeSelector: {type: monitoring}\n      tolerations: [{key: node-role, operator: Exists, effect: NoSchedule}]\n")
        + &node("node-1", "type=monitoring", "")
        + &node("node-2", "type=logging", "")
        + &node("node-3", "type=monitoring", "node-role=:NoSchedule")
        + &node("node-4", "type=monitoring", "special=:NoSchedule")
        + &node("node-5", "type=monitoring", "")
}

#[test]
fn creation_flow_in_order_kubectl_api_server_controller_scheduler_kubelet() {
    let (ds, world) = read_world(&seed_yaml());
    let timeline = simulate(world, &[UserEvent::Apply(Box::new(ds))], &options());
    let actors: Vec<Actor> = timeline.steps.iter().map(|s| s.actor).collect();
    assert_eq!(actors[0], Actor::Kubectl);
    assert_eq!(actors[1], Actor::ApiServer);
    let scan = first_step(&timeline, Actor::DaemonSetController, "checks the 5 node(s)");
    assert!(timeline.steps[scan].caption.contains("node-4: node(s) had untolerated taint {special: }"));
    let create = first_step(&timeline, Actor::DaemonSetController, "creates");
    let bind = first_step(&timeline, Actor::Scheduler, "binds");
    let running = first_step(&timeline, Actor::Kubelet, "Running");
    let ready = first_step(&timeline, Actor::Kubelet, "Ready");
    assert!(scan < create && create < bind && bind < running && running < ready);
    // Slow start: a batch of one, then two.
    assert!(timeline.steps[create].caption.contains("for node-1"));
    assert!(timeline.steps[create + 1].caption.contains("batch of 2"));
    assert_eq!(pods_at_end(&timeline), [("node-1".into(), "Running".into()), ("node-3".into(), "Running".into()), ("node-5".into(), "Running".into())]);
    let status = timeline.snapshot_at(timeline.steps.len()).status.unwrap();
    assert_eq!((status.desired_number_scheduled, status.number_available), (3, 3));
    // The start is empty, and steps are in time order.
    assert!(timeline.start.pods.is_empty());
    assert!(timeline.steps.windows(2).all(|w| w[0].time_ms <= w[1].time_ms));
}

#[test]
fn the_same_input_gives_the_same_timeline() {
    let (ds, world) = read_world(&seed_yaml());
    let a = simulate(world.clone(), &[UserEvent::Apply(Box::new(ds.clone()))], &options());
    let b = simulate(world, &[UserEvent::Apply(Box::new(ds))], &options());
    assert_eq!(a, b);
}

#[test]
fn node_added_gets_a_pod_and_not_before_the_controller_creates_it() {
    let world = settled(&seed_yaml());
    let mut joining = new_node("node-6");
    joining.meta.labels.insert("type".into(), "monitoring".into());
    let timeline = simulate(world, &[UserEvent::AddNode(Box::new(joining))], &options());
    let joined = first_step(&timeline, Actor::Node, "node-6 joins");
    let created = first_step(&timeline, Actor::DaemonSetController, "for node-6");
    assert!(joined < created);
    let on_new = |step: usize| timeline.snapshot_at(step).pods.iter().any(|p| p.node == "node-6");
    assert!(!on_new(created), "no pod on the new node before the controller creates it");
    assert!(on_new(created + 1));
    assert!(timeline.snapshot_at(joined + 1).nodes.iter().any(|n| n.name == "node-6" && n.joined));
    assert_eq!(pods_at_end(&timeline).len(), 4);
}

#[test]
fn node_removed_its_pod_is_garbage_collected_not_recreated() {
    let world = settled(&seed_yaml());
    let timeline = simulate(world, &[UserEvent::RemoveNode { node: "node-3".into() }], &options());
    first_step(&timeline, Actor::Kubectl, "delete node node-3");
    first_step(&timeline, Actor::PodGarbageCollector, "node-3 is gone");
    assert!(!timeline.steps.iter().any(|s| s.actor == Actor::DaemonSetController && s.caption.contains("creates")));
    assert_eq!(pods_at_end(&timeline).len(), 2);
    let end = timeline.snapshot_at(timeline.steps.len());
    assert!(end.nodes.iter().any(|n| n.name == "node-3" && n.removed));
    assert_eq!(end.status.unwrap().desired_number_scheduled, 2);
}

#[test]
fn a_noschedule_taint_added_later_keeps_the_pod() {
    let world = settled(&seed_yaml());
    let taint = Taint { key: "maintenance".into(), value: "soon".into(), effect: "NoSchedule".into() };
    let timeline = simulate(world, &[UserEvent::Taint { node: "node-1".into(), taint }], &options());
    assert_eq!(pods_at_end(&timeline).len(), 3, "the pod stays");
    let end = timeline.snapshot_at(timeline.steps.len());
    let status = end.status.unwrap();
    assert_eq!((status.desired_number_scheduled, status.number_misscheduled), (2, 1));
    assert!(!timeline.steps.iter().any(|s| s.caption.contains("evicts") || s.caption.contains("deletes")));
}

#[test]
fn a_noexecute_taint_added_later_evicts_the_pod() {
    let world = settled(&seed_yaml());
    let taint = Taint { key: "maintenance".into(), value: "now".into(), effect: "NoExecute".into() };
    let timeline = simulate(world, &[UserEvent::Taint { node: "node-1".into(), taint }], &options());
    let evicted = first_step(&timeline, Actor::TaintManager, "maintenance=now:NoExecute");
    let stopped = first_step(&timeline, Actor::Kubelet, "stops");
    assert!(evicted < stopped);
    assert!(timeline.snapshot_at(evicted + 1).pods.iter().any(|p| p.node == "node-1" && p.status == "Terminating"));
    assert!(!pods_at_end(&timeline).iter().any(|(n, _)| n == "node-1"));
    assert!(!timeline.steps.iter().skip(evicted).any(|s| s.caption.contains("for node-1")), "no replacement");
}

#[test]
fn labels_that_stop_matching_delete_the_pod_and_matching_ones_add_one() {
    let world = settled(&seed_yaml());
    let timeline = simulate(
        world,
        &[
            UserEvent::Label { node: "node-1".into(), key: "type".into(), value: Some("logging".into()) },
            UserEvent::Label { node: "node-2".into(), key: "type".into(), value: Some("monitoring".into()) },
        ],
        &options(),
    );
    first_step(&timeline, Actor::DaemonSetController, "node-1 no longer qualifies");
    first_step(&timeline, Actor::DaemonSetController, "for node-2");
    let nodes: Vec<String> = pods_at_end(&timeline).into_iter().map(|(n, _)| n).collect();
    assert_eq!(nodes, ["node-2", "node-3", "node-5"]);
}

#[test]
fn cordon_keeps_and_not_ready_keeps_existing_pods() {
    let world = settled(&seed_yaml());
    let timeline = simulate(
        world,
        &[UserEvent::Cordon { node: "node-1".into(), cordoned: true }, UserEvent::SetReady { node: "node-5".into(), ready: false }],
        &options(),
    );
    assert_eq!(pods_at_end(&timeline).len(), 3);
    first_step(&timeline, Actor::Node, "node-5 stops reporting Ready");
}

fn rolling_yaml(strategy: &str, nodes: usize) -> String {
    let mut yaml = daemon_set(strategy, "");
    for i in 0..nodes {
        yaml += &node(&format!("n{i}"), "", "");
    }
    yaml
}

#[test]
fn rolling_update_replaces_pods_one_at_a_time_by_default() {
    let world = settled(&rolling_yaml("", 4));
    let timeline = simulate(world, &[UserEvent::SetImage { container: "main".into(), image: "registry.example/ds:2.0".into() }], &options());
    first_step(&timeline, Actor::ApiServer, "new pod template");
    let deletes: Vec<&String> = timeline
        .steps
        .iter()
        .filter(|s| s.actor == Actor::DaemonSetController && s.caption.contains("deletes"))
        .map(|s| &s.caption)
        .collect();
    assert_eq!(deletes.len(), 4, "one old pod at a time: {deletes:#?}");
    assert!(deletes.iter().all(|c| c.contains("at most 1 pod(s) unavailable")));
    // Never more than one node without an available pod.
    for step in &timeline.steps {
        let status = step.after.status.unwrap();
        assert!(status.number_unavailable <= 1, "{}: {status:?}", step.caption);
    }
    let end = timeline.snapshot_at(timeline.steps.len());
    assert!(end.pods.iter().all(|p| p.updated && p.status == "Running"));
    assert_eq!(end.status.unwrap().updated_number_scheduled, 4);
}

#[test]
fn rolling_update_with_surge_starts_new_pods_before_stopping_old_ones() {
    let world = settled(&rolling_yaml("  updateStrategy:\n    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}\n", 3));
    let timeline = simulate(world, &[UserEvent::SetImage { container: "main".into(), image: "registry.example/ds:2.0".into() }], &options());
    let first_create = first_step(&timeline, Actor::DaemonSetController, "creates");
    let first_delete = first_step(&timeline, Actor::DaemonSetController, "deletes");
    assert!(first_create < first_delete);
    for step in &timeline.steps {
        assert_eq!(step.after.status.unwrap().number_unavailable, 0, "surge keeps every node available: {}", step.caption);
    }
    assert!(timeline.snapshot_at(timeline.steps.len()).pods.iter().all(|p| p.updated));
}

#[test]
fn on_delete_waits_until_a_pod_is_deleted() {
    let world = settled(&rolling_yaml("  updateStrategy: {type: OnDelete}\n", 2));
    let timeline = simulate(world.clone(), &[UserEvent::SetImage { container: "main".into(), image: "x:2".into() }], &options());
    first_step(&timeline, Actor::DaemonSetController, "OnDelete");
    assert!(timeline.snapshot_at(timeline.steps.len()).pods.iter().all(|p| !p.updated));
    let after_update = settle(world, &[UserEvent::SetImage { container: "main".into(), image: "x:2".into() }], &options());
    let victim = after_update.pods[0].meta.name.clone();
    let deleted = simulate(after_update, &[UserEvent::DeletePod { pod: victim }], &options());
    let end = deleted.snapshot_at(deleted.steps.len());
    assert_eq!(end.pods.iter().filter(|p| p.updated).count(), 1);
}

#[test]
fn a_refused_daemon_set_changes_nothing() {
    let (ds, world) = read_world(&(daemon_set("", "      restartPolicy: OnFailure\n") + &node("n", "", "")));
    let timeline = simulate(world, &[UserEvent::Apply(Box::new(ds))], &options());
    let refusal = first_step(&timeline, Actor::ApiServer, "refuses");
    assert!(timeline.steps[refusal].caption.contains("restartPolicy"));
    assert!(pods_at_end(&timeline).is_empty());
}

#[test]
fn a_pod_that_cannot_fit_stays_pending_with_the_scheduler_message() {
    let (ds, world) = read_world(&(daemon_set("", "        resources: {requests: {cpu: '64'}}\n") + &node("small", "", "")));
    let timeline = simulate(world, &[UserEvent::Apply(Box::new(ds))], &options());
    let refused = first_step(&timeline, Actor::Scheduler, "stays Pending");
    assert!(timeline.steps[refused].caption.contains("Insufficient cpu"));
    assert_eq!(pods_at_end(&timeline), [("small".into(), "Pending".into())]);
    assert!(timeline.truncated.is_none(), "it settles");
}

#[test]
fn min_ready_seconds_delay_availability() {
    let (ds, world) = read_world(&(daemon_set("  minReadySeconds: 30\n", "") + &node("n", "", "")));
    let timeline = simulate(world, &[UserEvent::Apply(Box::new(ds))], &options());
    let waited = first_step(&timeline, Actor::DaemonSetController, "minReadySeconds (30 s)");
    assert!(timeline.steps[waited].time_ms >= 30_000);
    assert_eq!(timeline.snapshot_at(timeline.steps.len()).status.unwrap().number_available, 1);
}

#[test]
fn large_clusters_animate_in_aggregate_and_respect_the_burst() {
    let mut yaml = daemon_set("", "");
    for i in 0..600 {
        yaml += &node(&format!("n{i}"), "", "");
    }
    let (ds, world) = read_world(&yaml);
    let timeline = simulate(world, &[UserEvent::Apply(Box::new(ds))], &options());
    let end = timeline.snapshot_at(timeline.steps.len());
    assert!(end.pods.is_empty() && end.nodes.is_empty(), "aggregate snapshots");
    assert_eq!(end.counts.running, 600);
    assert_eq!(end.counts.ready, 600);
    let batches: Vec<&String> = timeline.steps.iter().filter(|s| s.caption.contains("creates")).map(|s| &s.caption).collect();
    // 250 per sync: 1+2+4+...+128 = 255 > 250, so 8 batches reach 250 in one sync.
    assert!(batches.len() >= 3 * 8 - 2, "{}", batches.len());
}
