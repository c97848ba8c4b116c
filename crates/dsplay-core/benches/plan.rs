//! `plan` on clusters of 100, 1,000 and 5,000 nodes (the Kubernetes limit).
//! Run with `cargo bench -p dsplay-core --bench plan`. Target: 5,000 nodes under 2 ms.

use dsplay_core::model::{Container, DaemonSet, LabelSelector, Node, ObjectMeta, Pod, Quantity, Taint, Toleration};
use dsplay_core::{apply, plan, PlanOptions};

fn main() {
    divan::main();
}

/// A realistic mix: a third of the nodes labelled for the agent, some tainted
/// for dedicated workloads, the control plane tainted, every node with capacity.
fn cluster(size: usize) -> (DaemonSet, Vec<Node>) {
    let mut ds = DaemonSet { api_version: "apps/v1".into(), ..Default::default() };
    ds.meta = ObjectMeta { name: "agent".into(), namespace: "default".into(), uid: "u1".into(), ..Default::default() };
    ds.spec.selector = Some(LabelSelector { match_labels: [("app".to_string(), "agent".to_string())].into(), ..Default::default() });
    ds.spec.template.labels = [("app".to_string(), "agent".to_string())].into();
    ds.spec.template.spec.node_selector = [("kubernetes.io/os".to_string(), "linux".to_string())].into();
    ds.spec.template.spec.containers =
        vec![Container { name: "agent".into(), image: "registry.example/agent:1.0".into(), ..Default::default() }];
    ds.spec.template.spec.tolerations =
        vec![Toleration { key: "node-role.kubernetes.io/control-plane".into(), operator: "Exists".into(), effect: "NoSchedule".into(), ..Default::default() }];
    let nodes = (0..size)
        .map(|i| {
            let mut labels = vec![("kubernetes.io/hostname".to_string(), format!("node-{i}"))];
            labels.push(("kubernetes.io/os".into(), if i % 10 == 9 { "windows" } else { "linux" }.into()));
            labels.push(("topology.kubernetes.io/zone".into(), format!("zone-{}", i % 3)));
            let taints = match i % 7 {
                0 => vec![Taint { key: "dedicated".into(), value: "db".into(), effect: "NoSchedule".into() }],
                1 if i < 3 => vec![Taint { key: "node-role.kubernetes.io/control-plane".into(), value: String::new(), effect: "NoSchedule".into() }],
                _ => vec![],
            };
            Node {
                meta: ObjectMeta { name: format!("node-{i}"), labels: labels.into_iter().collect(), ..Default::default() },
                taints,
                allocatable: [("cpu", "8"), ("memory", "32Gi"), ("pods", "110")]
                    .iter()
                    .map(|(k, v)| (k.to_string(), Quantity::parse(v).unwrap()))
                    .collect(),
                ..Default::default()
            }
        })
        .collect();
    (ds, nodes)
}

const SIZES: &[usize] = &[100, 1_000, 5_000];

/// A new DaemonSet on an empty cluster: every node judged, up to 250 creates.
#[divan::bench(args = SIZES)]
fn plan_new_daemon_set(bencher: divan::Bencher, size: usize) {
    let (ds, nodes) = cluster(size);
    let options = PlanOptions::default();
    bencher.bench(|| plan(divan::black_box(&ds), &nodes, &[], &options));
}

/// A settled cluster: a pod on every eligible node, nothing to do.
#[divan::bench(args = SIZES)]
fn plan_settled(bencher: divan::Bencher, size: usize) {
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
