//! The cluster the benchmarks time, native (benches/plan.rs) and in wasm
//! (tests/wasm_bench.rs).

use dsplay_core::model::{Container, DaemonSet, LabelSelector, Node, ObjectMeta, Quantity, Taint, Toleration};

/// A realistic mix: a third of the nodes labelled for the agent, some tainted
/// for dedicated workloads, the control plane tainted, every node with capacity.
pub fn cluster(size: usize) -> (DaemonSet, Vec<Node>) {
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

