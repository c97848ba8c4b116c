//! `plan` on clusters of 100, 1,000 and 5,000 nodes (the Kubernetes limit).
//! Run with `cargo bench -p dsplay-core --bench plan`. Target: 5,000 nodes under 2 ms.

#[path = "cluster.rs"]
mod cluster;

use cluster::cluster;
use dsplay_core::model::Pod;
use dsplay_core::{apply, plan, PlanOptions};

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[100, 1_000, 5_000];

/// A new DaemonSet on an empty cluster: every node judged, up to 250 creates.
#[divan::bench(args = SIZES)]
fn plan_new_daemon_set(bencher: divan::Bencher, size: usize) {
    let (ds, nodes) = cluster(size);
    let options = PlanOptions::default();
    bencher.bench(|| plan(divan::black_box(&ds), &nodes, &[], &options));
}

/// A settled cluster: a pod bound, running and ready on every eligible node
/// (the DaemonSet played to the end), nothing to do.
#[divan::bench(args = SIZES)]
fn plan_settled(bencher: divan::Bencher, size: usize) {
    use dsplay_core::simulation::{settle, SimulationOptions, UserEvent, World};
    let (ds, nodes) = cluster(size);
    let world = World { daemon_set: None, nodes, pods: Vec::new() };
    let settled = settle(world, &[UserEvent::Apply(Box::new(ds))], &SimulationOptions::default());
    let ds = settled.daemon_set.expect("applied");
    let options = PlanOptions { now: i64::MAX / 2, ..PlanOptions::default() };
    assert!(plan(&ds, &settled.nodes, &settled.pods, &options).actions.is_empty(), "settled");
    bencher.bench(|| plan(divan::black_box(&ds), &settled.nodes, &settled.pods, &options));
}

/// Every pod created but none scheduled yet (what `plan` then `apply` leave, with
/// no scheduler): each node's pod is judged for fit, as the page shows it.
#[divan::bench(args = SIZES)]
fn plan_all_pending(bencher: divan::Bencher, size: usize) {
    let (ds, nodes) = cluster(size);
    let options = PlanOptions::default();
    let mut pods: Vec<Pod> = Vec::new();
    // Apply syncs until no more creates (250 per sync).
    loop {
        let step = plan(&ds, &nodes, &pods, &options);
        if step.actions.is_empty() {
            break;
        }
        pods = apply(&ds, &pods, &step, 0);
    }
    bencher.bench(|| plan(divan::black_box(&ds), &nodes, &pods, &options));
}

/// The page's settled view: a new DaemonSet played to the end, without a timeline.
#[divan::bench(args = SIZES)]
fn settle_new_daemon_set(bencher: divan::Bencher, size: usize) {
    use dsplay_core::simulation::{settle, SimulationOptions, UserEvent, World};
    let (ds, nodes) = cluster(size);
    let world = World { daemon_set: None, nodes, pods: Vec::new() };
    let events = [UserEvent::Apply(Box::new(ds))];
    let options = SimulationOptions::default();
    bencher.bench(|| settle(divan::black_box(world.clone()), &events, &options));
}

/// The creation flow with every step's snapshot.
#[divan::bench(args = SIZES)]
fn simulate_creation(bencher: divan::Bencher, size: usize) {
    use dsplay_core::simulation::{simulate, SimulationOptions, UserEvent, World};
    let (ds, nodes) = cluster(size);
    let world = World { daemon_set: None, nodes, pods: Vec::new() };
    let events = [UserEvent::Apply(Box::new(ds))];
    let options = SimulationOptions::default();
    bencher.bench(|| simulate(divan::black_box(world.clone()), &events, &options));
}

/// Reading a pasted node list (`kubectl get nodes -o yaml`-like), and the same
/// text through serde_yaml, whose reading `dsplay_core::yaml` replaced.
#[divan::bench(args = SIZES)]
fn read_node_list(bencher: divan::Bencher, size: usize) {
    use dsplay_core::read::{read_sources, Source};
    let text = dsplay_core::node_edit::nodes_to_yaml(&cluster(size).1);
    bencher.bench(|| read_sources(&[Source { name: "nodes.yaml", text: divan::black_box(&text) }]));
}

#[divan::bench(args = SIZES)]
fn parse_node_list_with_serde_yaml(bencher: divan::Bencher, size: usize) {
    let text = dsplay_core::node_edit::nodes_to_yaml(&cluster(size).1);
    bencher.bench(|| serde_yaml::from_str::<serde_yaml::Value>(divan::black_box(&text)));
}

#[divan::bench(args = SIZES)]
fn parse_node_list_with_dsplay_yaml(bencher: divan::Bencher, size: usize) {
    let text = dsplay_core::node_edit::nodes_to_yaml(&cluster(size).1);
    bencher.bench(|| dsplay_core::yaml::from_str(divan::black_box(&text)));
}
