//! The logic behind the playground's node editor: label and taint chips in
//! kubectl's syntax, cordon and readiness as the node lifecycle controller shows
//! them (spec a.8), new nodes, renames, and the YAML and kubectl commands that
//! reproduce the edited nodes. Pure; never panics on any input.

use crate::manifest::{core_object, labels, map, string};
use crate::yaml::Value;

use crate::eligibility::tolerations::{
    TAINT_DISK_PRESSURE, TAINT_MEMORY_PRESSURE, TAINT_NETWORK_UNAVAILABLE, TAINT_NOT_READY,
    TAINT_PID_PRESSURE, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE,
};
use crate::model::{Node, NodeCondition, Quantity, Taint};
use crate::validation::{dns1123_subdomain_errors, label_key_errors, label_value_errors};

const EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const HOSTNAME: &str = "kubernetes.io/hostname";

/// `key=value` or `key` (empty value), as `kubectl label` takes it.
pub fn parse_label_chip(text: &str) -> Result<(String, String), String> {
    let text = text.trim();
    let (key, value) = text.split_once('=').unwrap_or((text, ""));
    let errs = label_key_errors(key);
    if !errs.is_empty() {
        return Err(format!("invalid label key {}: {}", crate::validation::go_quote(key), errs.join("; ")));
    }
    let errs = label_value_errors(value);
    if !errs.is_empty() {
        return Err(format!(
            "invalid label value {}: {}",
            crate::validation::go_quote(value),
            errs.join("; ")
        ));
    }
    Ok((key.to_string(), value.to_string()))
}

/// `key=value:Effect` or `key:Effect`, checked in the order and words of kubectl.
// Models staging/src/k8s.io/kubectl/pkg/cmd/taint/utils.go parseTaint (and
// ParseTaints: adding a taint needs an effect)
pub fn parse_taint_chip(text: &str) -> Result<Taint, String> {
    let st = text.trim();
    let invalid = || format!("invalid taint spec: {st}");
    let parts: Vec<&str> = st.split(':').collect();
    let (key_value, effect) = match parts.as_slice() {
        [key] => (*key, ""),
        [key_value, effect] => {
            if !EFFECTS.contains(effect) {
                return Err(format!(
                    "invalid taint effect: {effect}, unsupported taint effect"
                ));
            }
            (*key_value, *effect)
        }
        _ => return Err(invalid()),
    };
    let kv: Vec<&str> = key_value.split('=').collect();
    let (key, value) = match kv.as_slice() {
        [key] => (*key, ""),
        [key, value] if !effect.is_empty() => {
            let errs = label_value_errors(value);
            if !errs.is_empty() {
                return Err(format!("{}, {}", invalid(), errs.join("; ")));
            }
            (*key, *value)
        }
        // kubectl ignores `=` without an effect; the key check below then fails on it.
        _ if effect.is_empty() => (key_value, ""),
        _ => return Err(invalid()),
    };
    let errs = label_key_errors(key);
    if !errs.is_empty() {
        return Err(format!("{}, {}", invalid(), errs.join("; ")));
    }
    if effect.is_empty() {
        return Err(invalid());
    }
    Ok(Taint {
        key: key.into(),
        value: value.into(),
        effect: effect.into(),
    })
}

/// As `kubectl describe node` shows a taint.
// Models k8s.io/api/core/v1/taint.go Taint.ToString
pub fn taint_chip_text(t: &Taint) -> String {
    match (t.value.is_empty(), t.effect.is_empty()) {
        (true, true) => t.key.clone(),
        (false, true) => format!("{}={}:", t.key, t.value),
        (true, false) => format!("{}:{}", t.key, t.effect),
        (false, false) => format!("{}={}:{}", t.key, t.value, t.effect),
    }
}

/// `key=value`, and `key=` for an empty value, as `kubectl get --show-labels` prints.
pub fn label_chip_text(k: &str, v: &str) -> String {
    format!("{k}={v}")
}

fn add_taint(node: &mut Node, key: &str, effect: &str) {
    if !node
        .taints
        .iter()
        .any(|t| t.key == key && t.effect == effect)
    {
        node.taints.push(Taint {
            key: key.into(),
            value: String::new(),
            effect: effect.into(),
        });
    }
}

fn remove_taints(node: &mut Node, key: &str) {
    node.taints
        .retain(|t| t.key != key || !(t.effect == "NoSchedule" || t.effect == "NoExecute"));
}

/// `kubectl cordon`, plus the taint the node lifecycle controller adds for it.
pub fn cordon(node: &mut Node) {
    node.unschedulable = true;
    add_taint(node, TAINT_UNSCHEDULABLE, "NoSchedule");
}

/// `kubectl uncordon`: the lifecycle controller then removes the taint.
pub fn uncordon(node: &mut Node) {
    node.unschedulable = false;
    node.taints
        .retain(|t| !(t.key == TAINT_UNSCHEDULABLE && t.effect == "NoSchedule"));
}

/// The kubelet reporting Ready=True or Ready=False, and the taints the node
/// lifecycle controller keeps in step (spec a.8): not-ready NoSchedule and
/// NoExecute while not ready; unreachable taints go either way, as the
/// controller swaps them for not-ready ones.
pub fn set_ready(node: &mut Node, ready: bool) {
    let status = if ready { "True" } else { "False" };
    match node.conditions.iter_mut().find(|c| c.kind == "Ready") {
        Some(c) => c.status = status.into(),
        None => node.conditions.push(NodeCondition {
            kind: "Ready".into(),
            status: status.into(),
        }),
    }
    remove_taints(node, TAINT_UNREACHABLE);
    if ready {
        remove_taints(node, TAINT_NOT_READY);
    } else {
        add_taint(node, TAINT_NOT_READY, "NoSchedule");
        add_taint(node, TAINT_NOT_READY, "NoExecute");
    }
}

/// `spec.unschedulable`, which `kubectl get nodes` shows as SchedulingDisabled.
pub fn is_cordoned(node: &Node) -> bool {
    node.unschedulable
}

/// Ready=True; a node reporting no Ready condition is not ready.
pub fn is_ready(node: &Node) -> bool {
    node.condition("Ready") == Some("True")
}

/// A node as a fresh kubelet registers it: hostname, os and arch labels,
/// 4 cpu, 8Gi memory, 110 pods, Ready.
pub fn new_node(name: &str) -> Node {
    let mut node = Node::default();
    node.meta.name = name.to_string();
    for (k, v) in [
        (HOSTNAME, name),
        ("kubernetes.io/os", "linux"),
        ("kubernetes.io/arch", "amd64"),
    ] {
        node.meta.labels.insert(k.into(), v.into());
    }
    for (k, v) in [("cpu", 4), ("memory", 8 << 30), ("pods", 110)] {
        node.allocatable.insert(k.into(), Quantity::from_units(v));
    }
    node.conditions.push(NodeCondition {
        kind: "Ready".into(),
        status: "True".into(),
    });
    node
}

/// Renames `node` if `new_name` is a valid node name; the hostname label
/// follows when it was the old name. Uniqueness is the caller's to check.
pub fn rename_node(node: &mut Node, new_name: &str) -> Result<(), String> {
    if new_name.is_empty() {
        return Err("a node needs a name".into());
    }
    let errs = dns1123_subdomain_errors(new_name);
    if !errs.is_empty() {
        return Err(format!(
            "invalid node name {}: {}",
            crate::validation::go_quote(new_name),
            errs.join("; ")
        ));
    }
    if let Some(hostname) = node.meta.labels.get_mut(HOSTNAME) {
        if *hostname == node.meta.name {
            *hostname = new_name.to_string();
        }
    }
    node.meta.name = new_name.to_string();
    Ok(())
}

fn node_value(node: &Node) -> Value {
    let mut meta = Vec::new();
    if !node.meta.annotations.is_empty() {
        meta.push(("annotations", labels(&node.meta.annotations)));
    }
    if !node.meta.labels.is_empty() {
        meta.push(("labels", labels(&node.meta.labels)));
    }
    meta.push(("name", string(&node.meta.name)));
    let mut spec = Vec::new();
    if !node.taints.is_empty() {
        let taints = node.taints.iter().map(|t| {
            let mut fields = vec![
                ("effect", string(&t.effect)),
                ("key", string(&t.key)),
            ];
            if !t.value.is_empty() {
                fields.push(("value", string(&t.value)));
            }
            map(fields)
        });
        spec.push(("taints", Value::Sequence(taints.collect())));
    }
    if node.unschedulable {
        spec.push(("unschedulable", Value::Bool(true)));
    }
    let mut status = Vec::new();
    if !node.allocatable.is_empty() {
        let list = node
            .allocatable
            .iter()
            .map(|(k, q)| (string(k), Value::from(q.text_for(k))));
        status.push(("allocatable", Value::Mapping(list.collect())));
    }
    if !node.conditions.is_empty() {
        let conditions = node.conditions.iter().map(|c| {
            map([
                ("status", string(&c.status)),
                ("type", string(&c.kind)),
            ])
        });
        status.push(("conditions", Value::Sequence(conditions.collect())));
    }
    core_object("Node", map(meta), map(spec), map(status))
}

/// The nodes as `kubectl get nodes -o yaml` prints them (keys sorted), reduced
/// to what the model holds: name, labels, annotations, unschedulable, taints,
/// allocatable and condition types and statuses.
pub fn nodes_to_yaml(nodes: &[Node]) -> String {
    let list = map([
        ("apiVersion", string("v1")),
        (
            "items",
            Value::Sequence(nodes.iter().map(node_value).collect()),
        ),
        ("kind", string("List")),
        ("metadata", map([("resourceVersion", string(""))])),
    ]);
    crate::yaml::to_string(&list)
}

/// Labels the kubelet sets itself.
fn kubelet_label(key: &str) -> bool {
    matches!(
        key,
        "kubernetes.io/hostname" | "kubernetes.io/os" | "kubernetes.io/arch"
    ) || key.starts_with("beta.kubernetes.io/")
}

/// Taints the node lifecycle controller owns: it adds and removes them from
/// node conditions and `spec.unschedulable`, so `kubectl taint` cannot keep them.
// Models pkg/controller/nodelifecycle/node_lifecycle_controller.go
// doNoScheduleTaintingPass / doNoExecuteTaintingPass
fn controller_taint(t: &Taint) -> bool {
    match t.effect.as_str() {
        "NoSchedule" => [
            TAINT_NOT_READY,
            TAINT_UNREACHABLE,
            TAINT_MEMORY_PRESSURE,
            TAINT_DISK_PRESSURE,
            TAINT_PID_PRESSURE,
            TAINT_NETWORK_UNAVAILABLE,
            TAINT_UNSCHEDULABLE,
        ]
        .contains(&t.key.as_str()),
        "NoExecute" => t.key == TAINT_NOT_READY || t.key == TAINT_UNREACHABLE,
        _ => false,
    }
}

/// `text` as one shell word: as is when that is safe, else in single quotes.
fn shell_word(text: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c);
    if !text.is_empty() && text.chars().all(safe) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// The kubectl commands that give real nodes of these names the same labels,
/// taints and cordon state. Labels the kubelet sets and taints that follow the
/// node's state are left out; nothing is removed from the real nodes.
pub fn kubectl_commands(nodes: &[Node]) -> Vec<String> {
    let mut commands = Vec::new();
    for node in nodes {
        let name = shell_word(node.name());
        let labels: Vec<String> = node
            .meta
            .labels
            .iter()
            .filter(|(k, _)| !kubelet_label(k))
            .map(|(k, v)| shell_word(&label_chip_text(k, v)))
            .collect();
        if !labels.is_empty() {
            commands.push(format!(
                "kubectl label node {name} {} --overwrite",
                labels.join(" ")
            ));
        }
        let taints: Vec<String> = node
            .taints
            .iter()
            .filter(|t| !controller_taint(t))
            .map(|t| shell_word(&taint_chip_text(t)))
            .collect();
        if !taints.is_empty() {
            commands.push(format!(
                "kubectl taint node {name} {} --overwrite",
                taints.join(" ")
            ));
        }
        if node.unschedulable {
            commands.push(format!("kubectl cordon {name}"));
        }
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{read_sources, Source};

    const NAME_REGEX: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    const VALUE_REGEX: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    fn taint(key: &str, value: &str, effect: &str) -> Taint {
        Taint {
            key: key.into(),
            value: value.into(),
            effect: effect.into(),
        }
    }

    #[test]
    fn label_chips() {
        assert_eq!(parse_label_chip("zone=a"), Ok(("zone".into(), "a".into())));
        assert_eq!(parse_label_chip(" gpu "), Ok(("gpu".into(), "".into())));
        assert_eq!(
            parse_label_chip("example.com/gpu="),
            Ok(("example.com/gpu".into(), "".into()))
        );
        assert_eq!(
            parse_label_chip("a b"),
            Err(format!("invalid label key \"a b\": {NAME_REGEX}"))
        );
        assert_eq!(
            parse_label_chip(""),
            Err(format!(
                "invalid label key \"\": name part must be non-empty; {NAME_REGEX}"
            ))
        );
        assert_eq!(
            parse_label_chip("Ex/a"),
            Err("invalid label key \"Ex/a\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".into())
        );
        assert_eq!(
            parse_label_chip("k=a=b"),
            Err(format!("invalid label value \"a=b\": {VALUE_REGEX}"))
        );
        let long = "v".repeat(64);
        assert_eq!(
            parse_label_chip(&format!("k={long}")),
            Err(format!(
                "invalid label value {long:?}: must be no more than 63 bytes"
            ))
        );
        assert_eq!(label_chip_text("zone", "a"), "zone=a");
        assert_eq!(label_chip_text("gpu", ""), "gpu=");
        assert_eq!(
            parse_label_chip(&label_chip_text("gpu", "")),
            Ok(("gpu".into(), "".into()))
        );
    }

    #[test]
    fn taint_chips() {
        assert_eq!(
            parse_taint_chip("dedicated=gpu:NoSchedule"),
            Ok(taint("dedicated", "gpu", "NoSchedule"))
        );
        assert_eq!(
            parse_taint_chip("example.com/spot:NoExecute"),
            Ok(taint("example.com/spot", "", "NoExecute"))
        );
        assert_eq!(
            parse_taint_chip("k=:PreferNoSchedule"),
            Ok(taint("k", "", "PreferNoSchedule"))
        );
        let err = |text: &str| parse_taint_chip(text).unwrap_err();
        assert_eq!(
            err("k=v:Sometimes"),
            "invalid taint effect: Sometimes, unsupported taint effect"
        );
        assert_eq!(
            err("k:"),
            "invalid taint effect: , unsupported taint effect"
        );
        assert_eq!(err("k=v"), format!("invalid taint spec: k=v, {NAME_REGEX}"));
        assert_eq!(err("dedicated"), "invalid taint spec: dedicated");
        assert_eq!(err("a:b:NoSchedule"), "invalid taint spec: a:b:NoSchedule");
        assert_eq!(
            err("a=b=c:NoSchedule"),
            "invalid taint spec: a=b=c:NoSchedule"
        );
        assert_eq!(
            err("k=a b:NoSchedule"),
            format!("invalid taint spec: k=a b:NoSchedule, {VALUE_REGEX}")
        );
        assert_eq!(
            err("=v:NoSchedule"),
            format!("invalid taint spec: =v:NoSchedule, name part must be non-empty; {NAME_REGEX}")
        );
        assert_eq!(
            err(""),
            format!("invalid taint spec: , name part must be non-empty; {NAME_REGEX}")
        );
        for t in [taint("k", "v", "NoSchedule"), taint("k", "", "NoExecute")] {
            assert_eq!(parse_taint_chip(&taint_chip_text(&t)), Ok(t));
        }
        assert_eq!(
            taint_chip_text(&taint("k", "v", "NoSchedule")),
            "k=v:NoSchedule"
        );
        assert_eq!(taint_chip_text(&taint("k", "", "NoExecute")), "k:NoExecute");
        assert_eq!(taint_chip_text(&taint("k", "v", "")), "k=v:");
        assert_eq!(taint_chip_text(&taint("k", "", "")), "k");
    }

    #[test]
    fn cordon_is_idempotent_and_uncordon_undoes_it() {
        let mut node = new_node("a");
        node.taints.push(taint("x", "", "NoSchedule"));
        cordon(&mut node);
        cordon(&mut node);
        assert!(is_cordoned(&node));
        assert_eq!(
            node.taints,
            vec![
                taint("x", "", "NoSchedule"),
                taint(TAINT_UNSCHEDULABLE, "", "NoSchedule")
            ]
        );
        uncordon(&mut node);
        assert!(!is_cordoned(&node));
        assert_eq!(node.taints, vec![taint("x", "", "NoSchedule")]);
        uncordon(&mut node);
        assert_eq!(node, {
            let mut n = new_node("a");
            n.taints.push(taint("x", "", "NoSchedule"));
            n
        });
    }

    #[test]
    fn set_ready_round_trip() {
        let mut node = new_node("a");
        node.taints.push(taint(TAINT_UNREACHABLE, "", "NoExecute"));
        set_ready(&mut node, false);
        set_ready(&mut node, false);
        assert!(!is_ready(&node));
        assert_eq!(node.condition("Ready"), Some("False"));
        assert_eq!(
            node.taints,
            vec![
                taint(TAINT_NOT_READY, "", "NoSchedule"),
                taint(TAINT_NOT_READY, "", "NoExecute")
            ]
        );
        set_ready(&mut node, true);
        assert!(is_ready(&node));
        assert_eq!(node, new_node("a"));
        let mut bare = Node::default();
        assert!(!is_ready(&bare));
        set_ready(&mut bare, true);
        assert!(is_ready(&bare));
    }

    #[test]
    fn new_nodes_look_registered() {
        let node = new_node("worker-1");
        assert_eq!(
            node.meta.labels.get(HOSTNAME).map(String::as_str),
            Some("worker-1")
        );
        assert_eq!(
            node.meta
                .labels
                .get("kubernetes.io/arch")
                .map(String::as_str),
            Some("amd64")
        );
        assert_eq!(
            node.allocatable.get("memory"),
            Quantity::parse("8Gi").as_ref()
        );
        assert_eq!(
            node.allocatable.get("pods"),
            Some(&Quantity::from_units(110))
        );
        assert!(is_ready(&node) && !is_cordoned(&node) && node.taints.is_empty());
    }

    #[test]
    fn rename_keeps_hostname_in_step() {
        let mut node = new_node("a");
        assert_eq!(rename_node(&mut node, "b.example"), Ok(()));
        assert_eq!(
            (node.name(), node.meta.labels.get(HOSTNAME).unwrap().as_str()),
            ("b.example", "b.example")
        );
        node.meta.labels.insert(HOSTNAME.into(), "custom".into());
        assert_eq!(rename_node(&mut node, "c"), Ok(()));
        assert_eq!(node.meta.labels.get(HOSTNAME).unwrap(), "custom");
        assert_eq!(
            rename_node(&mut node, "Bad_Name"),
            Err("invalid node name \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".into())
        );
        assert_eq!(
            rename_node(&mut node, ""),
            Err("a node needs a name".into())
        );
        assert_eq!(node.name(), "c");
    }

    fn edited_nodes() -> Vec<Node> {
        let mut a = new_node("a");
        a.meta.labels.insert("gpu".into(), "".into());
        a.meta.labels.insert("zone".into(), "true".into());
        a.meta
            .labels
            .insert("beta.kubernetes.io/os".into(), "linux".into());
        a.meta.annotations.insert("note".into(), "123".into());
        a.taints.push(taint("spot", "", "NoExecute"));
        a.taints.push(taint("dedicated", "infra", "NoSchedule"));
        a.allocatable
            .insert("cpu".into(), Quantity::parse("3500m").unwrap_or_default());
        cordon(&mut a);
        let mut b = new_node("b");
        set_ready(&mut b, false);
        b.allocatable
            .insert("example.com/fpga".into(), Quantity::from_units(2));
        b.allocatable.insert(
            "ephemeral-storage".into(),
            Quantity::parse("100G").unwrap_or_default(),
        );
        vec![
            a,
            b,
            Node {
                meta: crate::model::ObjectMeta {
                    name: "bare".into(),
                    ..Default::default()
                },
                ..Default::default()
            },
        ]
    }

    #[test]
    fn yaml_round_trip() {
        let nodes = edited_nodes();
        let text = nodes_to_yaml(&nodes);
        let out = read_sources(&[Source {
            name: "nodes.yaml",
            text: &text,
        }]);
        assert!(out.diagnostics.is_empty(), "{:?}\n{text}", out.diagnostics);
        assert_eq!(out.cluster.nodes, nodes, "{text}");
        assert!(
            text.starts_with("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Node\n"),
            "{text}"
        );
        assert!(
            text.contains("    memory: 8Gi\n") && text.contains("    cpu: 3500m\n"),
            "{text}"
        );
        assert!(text.contains("  spec:\n    taints:\n    - effect: NoExecute\n      key: spot\n    - effect: NoSchedule\n"), "{text}");
        assert!(
            text.contains("    unschedulable: true\n") && text.contains("  spec: {}\n"),
            "{text}"
        );
        assert!(
            text.ends_with("kind: List\nmetadata:\n  resourceVersion: ''\n"),
            "{text}"
        );
        assert_eq!(
            nodes_to_yaml(&[]),
            "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ''\n"
        );
    }

    #[test]
    fn kubectl_commands_reproduce_the_edits() {
        let mut nodes = edited_nodes();
        nodes[1].meta.labels.insert("odd".into(), "it's a b".into());
        nodes[1].taints.push(taint("x", "", "PreferNoSchedule"));
        assert_eq!(
            kubectl_commands(&nodes),
            vec![
                "kubectl label node a gpu= zone=true --overwrite",
                "kubectl taint node a spot:NoExecute dedicated=infra:NoSchedule --overwrite",
                "kubectl cordon a",
                "kubectl label node b 'odd=it'\\''s a b' --overwrite",
                "kubectl taint node b x:PreferNoSchedule --overwrite",
            ]
        );
        assert_eq!(kubectl_commands(&[new_node("a")]), Vec::<String>::new());
        assert_eq!(shell_word(""), "''");
    }
}
