//! One test per rule of the reconcile loop, status and rollout
//! (shared/spec/DAEMONSET.md sections a to d), on small scenarios.

mod common;
use common::*;

const T0: &str = "2024-01-01T00:00:00Z";
const T1: &str = "2024-01-01T00:00:10Z";

#[test]
fn the_seeds_five_node_scenario() {
    let yaml = daemon_set("", "      nodeSelector: {type: monitoring}\n      tolerations: [{key: node-role, operator: Exists, effect: NoSchedule}]\n")
        + &node("node-1", "type=monitoring", "")
        + &node("node-2", "type=logging", "")
        + &node("node-3", "type=monitoring", "node-role=:NoSchedule")
        + &node("node-4", "type=monitoring", "special=:NoSchedule")
        + &node("node-5", "type=monitoring", "");
    let plan = plan_of(&yaml, &with_hash("h2"));
    assert_eq!(creates(&plan), ["node-1", "node-3", "node-5"]);
    assert_eq!(verdict(&plan, "node-2"), (false, false, vec!["node(s) didn't match Pod's node affinity/selector".into()]));
    assert_eq!(verdict(&plan, "node-4"), (false, true, vec!["node(s) had untolerated taint {special: }".into()]));
    let after = plan.status_after.unwrap();
    assert_eq!((after.desired_number_scheduled, after.current_number_scheduled, after.number_unavailable), (3, 3, 3));
    assert_eq!(after.updated_number_scheduled, 3);
    assert!(plan.events.iter().filter(|e| e.reason == "SuccessfulCreate").count() == 3);
}

/// The checks the playground ticks: in order, up to the first that fails.
#[test]
fn the_checks_stop_at_the_first_that_fails() {
    use dsplay_core::eligibility::node_should_run_daemon_pod;
    let yaml = daemon_set("", "      nodeSelector: {type: monitoring}\n")
        + &node("eligible", "type=monitoring", "")
        + &node("unselected", "type=logging", "special=:NoSchedule")
        + &node("tainted", "type=monitoring", "special=:NoSchedule");
    let cluster = dsplay_core::read_sources(&[dsplay_core::Source { name: "test.yaml", text: &yaml }]).cluster;
    let ticks = |node: usize| -> Vec<(&str, bool)> {
        node_should_run_daemon_pod(&cluster.daemon_sets[0], &cluster.nodes[node]).checks().map(|c| (c.name, c.passed)).collect()
    };
    assert_eq!(ticks(0), [("nodeName", true), ("nodeSelector and node affinity", true), ("taints and tolerations", true)]);
    assert_eq!(ticks(1), [("nodeName", true), ("nodeSelector and node affinity", false)]);
    assert_eq!(ticks(2), [("nodeName", true), ("nodeSelector and node affinity", true), ("taints and tolerations", false)]);
}

#[test]
fn noexecute_untolerated_means_no_pod_and_the_existing_one_goes() {
    let yaml = daemon_set("", "") + &node("n", "", "evict=now:NoExecute") + &pod("p", "n", "h2", "Running", true, T0);
    let plan = plan_of(&yaml, &with_hash("h2"));
    assert_eq!(verdict(&plan, "n").0, false);
    assert_eq!(verdict(&plan, "n").1, false);
    assert_eq!(deletes(&plan), ["p"]);
}

#[test]
fn noschedule_added_after_the_pod_keeps_it_as_misscheduled() {
    let yaml = daemon_set("", "") + &node("n", "", "late=x:NoSchedule") + &pod("p", "n", "h2", "Running", true, T0);
    let plan = plan_of(&yaml, &with_hash("h2"));
    assert!(plan.actions.is_empty());
    let status = plan.status.unwrap();
    assert_eq!((status.desired_number_scheduled, status.number_misscheduled), (0, 1));
}

#[test]
fn not_ready_node_keeps_its_pod_but_gets_no_new_one() {
    let taints = "node.kubernetes.io/not-ready=:NoSchedule,node.kubernetes.io/not-ready=:NoExecute";
    let plan = plan_of(&(daemon_set("", "") + &node("n", "", taints)), &with_hash("h2"));
    assert_eq!(verdict(&plan, "n").0, false);
    assert_eq!(verdict(&plan, "n").1, true);
    assert!(creates(&plan).is_empty());
}

#[test]
fn cordoned_and_pressured_nodes_still_get_a_pod() {
    let yaml = daemon_set("", "")
        + &node("cordoned", "", "node.kubernetes.io/unschedulable=:NoSchedule")
        + &node("pressure", "", "node.kubernetes.io/disk-pressure=:NoSchedule,node.kubernetes.io/memory-pressure=:NoSchedule");
    assert_eq!(creates(&plan_of(&yaml, &with_hash("h2"))), ["cordoned", "pressure"]);
}

#[test]
fn network_unavailable_is_tolerated_only_with_host_network() {
    let taint = "node.kubernetes.io/network-unavailable=:NoSchedule";
    let without = plan_of(&(daemon_set("", "") + &node("n", "", taint)), &with_hash("h"));
    assert_eq!(verdict(&without, "n").0, false);
    let with = plan_of(&(daemon_set("", "      hostNetwork: true\n") + &node("n", "", taint)), &with_hash("h"));
    assert_eq!(verdict(&with, "n").0, true);
}

#[test]
fn duplicates_keep_the_oldest_scheduled_pod() {
    let yaml = daemon_set("", "") + &node("n", "", "") + &pod("young", "n", "h2", "Running", true, T1) + &pod("old", "n", "h2", "Running", true, T0);
    let plan = plan_of(&yaml, &with_hash("h2"));
    assert_eq!(deletes(&plan), ["young"]);
    assert!(creates(&plan).is_empty());
}

#[test]
fn failed_pods_are_deleted_with_an_event_unless_backing_off() {
    let yaml = daemon_set("", "") + &node("n", "", "") + &pod("f", "n", "h2", "Failed", false, T0);
    let plan = plan_of(&yaml, &with_hash("h2"));
    assert_eq!(deletes(&plan), ["f"]);
    assert!(creates(&plan).is_empty(), "the replacement comes in a later sync");
    assert!(plan.events.iter().any(|e| e.reason == "FailedDaemonPod" && e.message == "Found failed daemon pod default/f on node n, will try to kill it"));
    let mut options = with_hash("h2");
    options.failed_pod_backoff = vec!["n".into()];
    let backing_off = plan_of(&yaml, &options);
    assert!(backing_off.actions.is_empty());
}

#[test]
fn succeeded_pods_are_deleted_with_a_normal_event() {
    let yaml = daemon_set("", "") + &node("n", "", "") + &pod("s", "n", "h2", "Succeeded", false, T0);
    let plan = plan_of(&yaml, &with_hash("h2"));
    assert_eq!(deletes(&plan), ["s"]);
    assert!(plan.events.iter().any(|e| e.reason == "SucceededDaemonPod" && e.kind == "Normal"));
}

#[test]
fn pods_on_a_removed_node_are_left_to_the_garbage_collector() {
    let yaml = daemon_set("", "") + &node("n", "", "") + &pod("p", "n", "h2", "Running", true, T0) + &pod("gone", "removed", "h2", "Running", true, T0);
    let plan = plan_of(&yaml, &with_hash("h2"));
    assert!(plan.actions.is_empty());
    assert_eq!(plan.status.unwrap().current_number_scheduled, 1);
}

#[test]
fn burst_creates_at_most_250_pods_per_sync() {
    let mut yaml = daemon_set("", "");
    for i in 0..300 {
        yaml += &node(&format!("n{i}"), "", "");
    }
    let plan = plan_of(&yaml, &with_hash("h"));
    assert_eq!(creates(&plan).len(), 250);
    assert_eq!(plan.status_after.unwrap().current_number_scheduled, 250);
}

#[test]
fn empty_selector_stops_the_controller() {
    let yaml = daemon_set("", "").replace("    matchLabels:\n      app: ds\n", "    {}\n").replace("  selector:\n    {}\n", "  selector: {}\n") + &node("n", "", "");
    let plan = plan_of(&yaml, &with_hash("h"));
    assert!(plan.actions.is_empty());
    assert!(plan.status.is_none());
    assert!(plan.events.iter().any(|e| e.reason == "SelectingAll"));
    assert!(plan.validation_errors.iter().any(|e| e.contains("empty selector is invalid for daemonset")));
}

#[test]
fn rolling_update_deletes_within_max_unavailable() {
    let mut yaml = daemon_set("  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {maxUnavailable: 2}\n", "");
    for i in 0..5 {
        yaml += &node(&format!("n{i}"), "", "");
        yaml += &pod(&format!("old-{i}"), &format!("n{i}"), "h1", "Running", true, T0);
    }
    let plan = plan_of(&yaml, &with_hash("h2"));
    assert_eq!(deletes(&plan).len(), 2);
    assert_eq!(plan.rolling.unwrap().max_unavailable, 2);
}

#[test]
fn rolling_update_replaces_unavailable_old_pods_without_budget() {
    let mut yaml = daemon_set("", "");
    for i in 0..3 {
        yaml += &node(&format!("n{i}"), "", "");
        yaml += &pod(&format!("old-{i}"), &format!("n{i}"), "h1", "Running", false, T0);
    }
    assert_eq!(deletes(&plan_of(&yaml, &with_hash("h2"))).len(), 3);
}

#[test]
fn surge_creates_beside_old_pods_then_deletes_them_once_available() {
    let strategy = "  updateStrategy:\n    rollingUpdate: {maxUnavailable: 0, maxSurge: 1}\n";
    let mut yaml = daemon_set(strategy, "");
    for i in 0..3 {
        yaml += &node(&format!("n{i}"), "", "");
        yaml += &pod(&format!("old-{i}"), &format!("n{i}"), "h1", "Running", true, T0);
    }
    let first = plan_of(&yaml, &with_hash("h2"));
    assert_eq!(creates(&first), ["n0"]);
    assert!(deletes(&first).is_empty());
    let with_new = yaml.clone() + &pod("new-0", "n0", "h2", "Running", true, T1);
    assert_eq!(deletes(&plan_of(&with_new, &with_hash("h2"))), ["old-0"]);
    let new_not_ready = yaml + &pod("new-0", "n0", "h2", "Running", false, T1);
    assert!(plan_of(&new_not_ready, &with_hash("h2")).actions.is_empty());
}

#[test]
fn on_delete_waits_for_someone_to_delete_old_pods() {
    let yaml = daemon_set("  updateStrategy: {type: OnDelete}\n", "") + &node("n", "", "") + &pod("old", "n", "h1", "Running", true, T0);
    let plan = plan_of(&yaml, &with_hash("h2"));
    assert!(plan.actions.is_empty());
    assert!(plan.rolling.is_none());
    assert_eq!(plan.status.unwrap().updated_number_scheduled, 0);
}

#[test]
fn orphans_are_adopted_and_unselected_pods_released() {
    let orphan = pod("orphan", "n", "h2", "Running", true, T0).replace("  ownerReferences:\n  - {apiVersion: apps/v1, kind: DaemonSet, name: ds, uid: u1, controller: true}\n", "");
    let yaml = daemon_set("", "") + &node("n", "", "") + &orphan + &pod("stray", "m", "h2", "Running", true, T0).replace("app: ds,", "app: other,");
    let plan = plan_of(&yaml, &with_hash("h2"));
    let kinds: Vec<String> = plan.actions.iter().map(|a| serde_json::to_value(a).unwrap()["type"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, ["adopt", "release"]);
    assert_eq!(plan.status.unwrap().current_number_scheduled, 1);
}

#[test]
fn pending_reasons_use_the_scheduler_message() {
    let yaml = daemon_set("", "        resources: {requests: {cpu: '8'}}\n") + &node("small", "", "");
    let plan = plan_of(&yaml, &with_hash("h"));
    let reasons = verdict(&plan, "small").2;
    assert!(reasons[0].starts_with("0/1 nodes are available: 1 Insufficient cpu."), "{reasons:?}");
}

#[test]
fn a_repeated_node_name_gets_the_pending_reason_on_every_node_of_that_name() {
    let yaml = daemon_set("", "        resources: {requests: {cpu: '8'}}\n") + &node("small", "", "") + &node("small", "", "");
    let plan = plan_of(&yaml, &with_hash("h"));
    assert_eq!(plan.nodes.len(), 2);
    for node in &plan.nodes {
        assert!(node.reasons.first().is_some_and(|r| r.contains("Insufficient cpu")), "{:?}", node.reasons);
    }
}

#[test]
fn min_ready_seconds_decide_availability() {
    let yaml = daemon_set("  minReadySeconds: 30\n", "") + &node("n", "", "") + &pod("p", "n", "h2", "Running", true, T0);
    let mut options = with_hash("h2");
    options.now = 1_704_067_200 + 29;
    assert_eq!(plan_of(&yaml, &options).status.unwrap().number_available, 0);
    options.now = 1_704_067_200 + 30;
    assert_eq!(plan_of(&yaml, &options).status.unwrap().number_available, 1, "at or before now counts (v1.34+)");
}
