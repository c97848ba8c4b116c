//! The `dsplay` command end to end: output forms and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SEED: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-monitor, namespace: default, uid: u1}
spec:
  selector: {matchLabels: {app: node-monitor}}
  template:
    metadata: {labels: {app: node-monitor}}
    spec:
      nodeSelector: {type: monitoring}
      tolerations: [{key: node-role, operator: Exists, effect: NoSchedule}]
      containers: [{name: main, image: 'registry.example/node-monitor:1.0'}]
---
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Node, metadata: {name: node-1, labels: {type: monitoring}}}
- {apiVersion: v1, kind: Node, metadata: {name: node-2, labels: {type: logging}}}
- {apiVersion: v1, kind: Node, metadata: {name: node-3, labels: {type: monitoring}}, spec: {taints: [{key: node-role, effect: NoSchedule}]}}
- {apiVersion: v1, kind: Node, metadata: {name: node-4, labels: {type: monitoring}}, spec: {taints: [{key: special, effect: NoSchedule}]}}
- {apiVersion: v1, kind: Node, metadata: {name: node-5, labels: {type: monitoring}}}
";

fn dsplay(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dsplay"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command may exit (usage error) before it reads its input.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn plan_prints_what_a_kubectl_user_reads() {
    let out = dsplay(&["plan", "-"], SEED);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("NAME           DESIRED   CURRENT"), "{stdout}");
    assert!(stdout.contains("node-monitor   3         3"), "{stdout}");
    assert!(stdout.contains("node(s) didn't match Pod's node affinity/selector"));
    assert!(stdout.contains("node(s) had untolerated taint {special: }"));
    assert_eq!(stdout.matches("create pod node-monitor-").count(), 3);
}

#[test]
fn plan_json_follows_the_conformance_format() {
    let out = dsplay(&["plan", "--output", "json", "-"], SEED);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["daemonSet"], "default/node-monitor");
    let creates: Vec<&str> = json["actions"].as_array().unwrap().iter().map(|a| a["node"].as_str().unwrap()).collect();
    assert_eq!(creates, ["node-1", "node-3", "node-5"]);
    assert_eq!(json["status"]["desiredNumberScheduled"], 3);
    assert_eq!(json["rolling"]["maxUnavailable"], 1);
}

#[test]
fn exit_codes_say_refused_unreadable_and_usage() {
    let refused = SEED.replace("      containers:", "      restartPolicy: OnFailure\n      containers:");
    let out = dsplay(&["plan", "-"], &refused);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stdout).contains("spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\""));

    let out = dsplay(&["plan", "-"], "a: [1,\nb: 2\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).starts_with("<stdin>:"), "{}", text(&out.stderr));

    assert_eq!(dsplay(&["plan"], "").status.code(), Some(2));
    assert_eq!(dsplay(&["plan", "--output", "yaml", "-"], SEED).status.code(), Some(2));
    assert_eq!(dsplay(&["frobnicate"], "").status.code(), Some(2));
}

#[test]
fn several_daemon_sets_need_a_choice() {
    let two = format!("{SEED}---\n{}", SEED.split("---").next().unwrap().replace("name: node-monitor,", "name: other,"));
    let out = dsplay(&["plan", "-"], &two);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("default/node-monitor, default/other"));
    assert_eq!(dsplay(&["plan", "--daemonset", "other", "-"], &two).status.code(), Some(0));
}

#[test]
fn simulate_prints_the_creation_flow_and_events() {
    let out = dsplay(&["simulate", "-"], SEED);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let kubectl = stdout.find("kubectl apply").unwrap();
    let binds = stdout.find("The scheduler binds").unwrap();
    assert!(kubectl < binds);
    assert!(stdout.contains("Settled: 3 pod(s) on 5 node(s)"), "{stdout}");

    let out = dsplay(&["simulate", "--add-node", "node-6,type=monitoring", "--taint", "node-1", "x=y:NoExecute", "-"], SEED);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Node node-6 joins the cluster"), "{stdout}");
    assert!(stdout.contains("The taint manager evicts"), "{stdout}");
    assert!(stdout.contains("Settled: 3 pod(s) on 6 node(s)"), "{stdout}");

    let json: serde_json::Value = serde_json::from_slice(&dsplay(&["simulate", "--output", "json", "-"], SEED).stdout).unwrap();
    assert_eq!(json["steps"][0]["actor"], "kubectl");

    assert_eq!(dsplay(&["simulate", "--taint", "node-1", "nonsense", "-"], SEED).status.code(), Some(2));
}
