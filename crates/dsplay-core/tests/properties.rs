//! Properties that must hold for any nodes, labels, taints and tolerations.
#![cfg(not(target_arch = "wasm32"))]

use dsplay_core::model::{
    DaemonSet, LabelSelector, Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, ObjectMeta, Pod, Taint,
    Toleration,
};
use dsplay_core::{apply, plan, Action, PlanOptions};
use proptest::prelude::*;

const KEYS: &[&str] = &["zone", "disktype", "gpu", "node-role.kubernetes.io/control-plane", "special", ""];
const VALUES: &[&str] = &["a", "b", "ssd", "", "1", "10"];
const EFFECTS: &[&str] = &["NoSchedule", "NoExecute", "PreferNoSchedule", ""];
const OPERATORS: &[&str] = &["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", "Bogus"];

fn pick(options: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(options).prop_map(str::to_string)
}

fn taint() -> impl Strategy<Value = Taint> {
    (pick(KEYS), pick(VALUES), pick(EFFECTS)).prop_map(|(key, value, effect)| Taint { key, value, effect })
}

fn toleration() -> impl Strategy<Value = Toleration> {
    (pick(KEYS), pick(&["", "Equal", "Exists", "Gt"]), pick(VALUES), pick(EFFECTS), proptest::option::of(0i64..600))
        .prop_map(|(key, operator, value, effect, toleration_seconds)| Toleration { key, operator, value, effect, toleration_seconds })
}

fn node(index: usize) -> impl Strategy<Value = Node> {
    (
        proptest::collection::btree_map(pick(KEYS), pick(VALUES), 0..4),
        proptest::collection::vec(taint(), 0..3),
    )
        .prop_map(move |(labels, taints)| Node {
            meta: ObjectMeta { name: format!("node-{index}"), labels: labels.into_iter().collect(), ..Default::default() },
            taints,
            ..Default::default()
        })
}

fn nodes() -> impl Strategy<Value = Vec<Node>> {
    (0usize..12).prop_flat_map(|n| (0..n).map(node).collect::<Vec<_>>())
}

fn requirement() -> impl Strategy<Value = NodeSelectorRequirement> {
    (pick(KEYS), pick(OPERATORS), proptest::collection::vec(pick(VALUES), 0..3))
        .prop_map(|(key, operator, values)| NodeSelectorRequirement { key, operator, values })
}

fn daemon_set() -> impl Strategy<Value = DaemonSet> {
    (
        proptest::collection::btree_map(pick(KEYS), pick(VALUES), 0..2),
        proptest::collection::vec(toleration(), 0..4),
        proptest::option::of(proptest::collection::vec(proptest::collection::vec(requirement(), 0..3), 0..3)),
        any::<bool>(),
    )
        .prop_map(|(node_selector, tolerations, terms, host_network)| {
            let mut ds = DaemonSet { api_version: "apps/v1".into(), ..Default::default() };
            ds.meta = ObjectMeta { name: "ds".into(), namespace: "default".into(), uid: "u1".into(), ..Default::default() };
            ds.spec.selector = Some(LabelSelector { match_labels: [("app".to_string(), "ds".to_string())].into(), ..Default::default() });
            ds.spec.template.labels = [("app".to_string(), "ds".to_string())].into();
            let spec = &mut ds.spec.template.spec;
            spec.node_selector = node_selector.into_iter().collect();
            spec.tolerations = tolerations;
            spec.host_network = host_network;
            spec.required_node_affinity = terms.map(|terms| NodeSelector {
                terms: terms.into_iter().map(|match_expressions| NodeSelectorTerm { match_expressions, match_fields: vec![] }).collect(),
            });
            ds
        })
}

fn options() -> PlanOptions {
    PlanOptions { now: 1_000_000, ..Default::default() }
}

/// Binds every pending pod to its node and makes it Running and Ready, as the
/// scheduler and the kubelet would.
fn run_pods(pods: &mut [Pod]) {
    for pod in pods {
        if let Some(node) = dsplay_core::ownership::target_node_name(pod).map(str::to_string) {
            pod.spec.node_name = node;
        }
        pod.phase = "Running".into();
        pod.conditions = vec![dsplay_core::model::PodCondition { kind: "Ready".into(), status: "True".into(), last_transition_time: Some(0) }];
    }
}

proptest! {
    #[test]
    fn never_more_than_one_pod_created_per_node_and_only_where_it_should_run(ds in daemon_set(), nodes in nodes()) {
        let plan = plan(&ds, &nodes, &[], &options());
        let mut seen = std::collections::BTreeSet::new();
        for action in &plan.actions {
            prop_assert!(matches!(action, Action::Create { .. }), "an empty cluster only gets creates");
            prop_assert!(seen.insert(action.node().to_string()), "two creates on {}", action.node());
            let verdict = plan.nodes.iter().find(|n| n.name == action.node()).unwrap();
            prop_assert!(verdict.should_run);
        }
        for verdict in &plan.nodes {
            prop_assert!(!(verdict.should_run && !verdict.should_continue_running), "(true, false) never occurs");
            prop_assert_eq!(verdict.should_run, seen.contains(&verdict.name));
            prop_assert_eq!(verdict.should_run, verdict.reasons.is_empty(), "{:?}", verdict);
        }
    }

    #[test]
    fn applying_the_plan_then_planning_again_does_nothing(ds in daemon_set(), nodes in nodes()) {
        let first = plan(&ds, &nodes, &[], &options());
        let mut pods = apply(&ds, &[], &first, 1_000_000);
        let pending_again = plan(&ds, &nodes, &pods, &options());
        prop_assert!(pending_again.actions.is_empty(), "{:?}", pending_again.actions);
        run_pods(&mut pods);
        let running = plan(&ds, &nodes, &pods, &options());
        prop_assert!(running.actions.is_empty(), "{:?}", running.actions);
        let status = running.status.unwrap();
        prop_assert_eq!(status.desired_number_scheduled, status.current_number_scheduled);
        prop_assert_eq!(status.number_available, status.desired_number_scheduled);
        prop_assert_eq!(status.number_misscheduled, 0);
    }

    #[test]
    fn a_removed_node_leaves_no_pod_behind(ds in daemon_set(), nodes in nodes(), bind in any::<bool>(), gone in any::<prop::sample::Index>()) {
        prop_assume!(!nodes.is_empty());
        let first = plan(&ds, &nodes, &[], &options());
        let mut pods = apply(&ds, &[], &first, 1_000_000);
        if bind {
            run_pods(&mut pods);
        }
        let removed = gone.index(nodes.len());
        let removed_name = nodes[removed].meta.name.clone();
        let remaining: Vec<Node> = nodes.iter().enumerate().filter(|(i, _)| *i != removed).map(|(_, n)| n.clone()).collect();
        let next = plan(&ds, &remaining, &pods, &options());
        // Unscheduled pods for the node are deleted by the controller; bound ones
        // are the pod garbage collector's and are no longer counted.
        let after = apply(&ds, &pods, &next, 1_000_000);
        for pod in &after {
            if dsplay_core::ownership::target_node_name(pod) == Some(removed_name.as_str()) {
                prop_assert!(!pod.spec.node_name.is_empty(), "pending pod {} for a removed node survived", pod.meta.name);
            }
        }
        let status = next.status.unwrap();
        let pods_on_remaining = first.actions.iter().filter(|a| a.node() != removed_name).count() as i64;
        prop_assert_eq!(status.current_number_scheduled, pods_on_remaining);
    }

    #[test]
    fn reading_arbitrary_text_never_panics(text in ".{0,400}") {
        let outcome = dsplay_core::read_sources(&[dsplay_core::Source { name: "fuzz", text: &text }]);
        for ds in &outcome.cluster.daemon_sets {
            let _ = plan(ds, &outcome.cluster.nodes, &outcome.cluster.pods, &options());
        }
    }
}
