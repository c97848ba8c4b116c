//! The events `simulate` takes, as JavaScript objects tagged by `type`, and how
//! they become the core's `UserEvent`s. Mirrors `dsplay simulate`'s flags
//! (crates/dsplay-cli/src/simulate.rs), plus the events the page can play.

use std::collections::{BTreeMap, BTreeSet};

use dsplay_core::model::Node;
use dsplay_core::node_edit::{new_node, parse_taint_chip, rename_node};
use dsplay_core::simulation::UserEvent;
use dsplay_core::validation::{label_key_errors, label_value_errors};
use serde::Deserialize;

const EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// One event as JavaScript writes it: `{type: "add-node", name: "node-6", labels: {...}}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum EventSpec {
    /// A node registers (as a fresh kubelet would: Ready, 4 cpu, 8Gi, 110 pods,
    /// hostname/os/arch labels), with these labels and taints besides.
    AddNode {
        name: String,
        #[serde(default)]
        labels: BTreeMap<String, String>,
        /// `key=value:Effect`, as `kubectl taint` takes them.
        #[serde(default)]
        taints: Vec<String>,
    },
    RemoveNode {
        node: String,
    },
    /// `kubectl taint nodes NODE key=value:Effect`.
    Taint {
        node: String,
        taint: String,
    },
    /// `kubectl taint nodes NODE key:Effect-`; no effect removes every effect.
    Untaint {
        node: String,
        key: String,
        #[serde(default)]
        effect: Option<String>,
    },
    /// `kubectl label nodes NODE key=value --overwrite`, or `key-` with `value: null`.
    /// `value` must be given (a string, or null) so that a forgotten value never
    /// silently removes a label.
    Label {
        node: String,
        key: String,
        #[serde(default, deserialize_with = "present")]
        value: Option<Option<String>>,
    },
    /// `kubectl set image daemonset/NAME CONTAINER=IMAGE`.
    SetImage {
        container: String,
        image: String,
    },
    /// `kubectl cordon` (`cordoned: true`) or `kubectl uncordon` (`false`).
    Cordon {
        node: String,
        cordoned: bool,
    },
    /// The kubelet posts Ready (`true`) or stops (`false`).
    SetReady {
        node: String,
        ready: bool,
    },
    /// `kubectl delete pod POD`.
    DeletePod {
        pod: String,
    },
}

/// `Some(None)` for an explicit null, `None` (by `default`) when the field is absent.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

impl EventSpec {
    /// The `type` tag, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            EventSpec::AddNode { .. } => "add-node",
            EventSpec::RemoveNode { .. } => "remove-node",
            EventSpec::Taint { .. } => "taint",
            EventSpec::Untaint { .. } => "untaint",
            EventSpec::Label { .. } => "label",
            EventSpec::SetImage { .. } => "set-image",
            EventSpec::Cordon { .. } => "cordon",
            EventSpec::SetReady { .. } => "set-ready",
            EventSpec::DeletePod { .. } => "delete-pod",
        }
    }

    fn node(&self) -> Option<&str> {
        match self {
            EventSpec::RemoveNode { node }
            | EventSpec::Taint { node, .. }
            | EventSpec::Untaint { node, .. }
            | EventSpec::Label { node, .. }
            | EventSpec::Cordon { node, .. }
            | EventSpec::SetReady { node, .. } => Some(node),
            EventSpec::AddNode { .. }
            | EventSpec::SetImage { .. }
            | EventSpec::DeletePod { .. } => None,
        }
    }
}

fn label(key: &str, value: &str) -> Result<(), String> {
    let errors = label_key_errors(key);
    if !errors.is_empty() {
        return Err(format!("invalid label key {key:?}: {}", errors.join("; ")));
    }
    let errors = label_value_errors(value);
    if !errors.is_empty() {
        return Err(format!(
            "invalid label value {value:?}: {}",
            errors.join("; ")
        ));
    }
    Ok(())
}

/// The core's event for one spec, or why it is not a valid one.
pub fn user_event(spec: &EventSpec) -> Result<UserEvent, String> {
    Ok(match spec {
        EventSpec::AddNode {
            name,
            labels,
            taints,
        } => {
            let mut node = new_node(name);
            rename_node(&mut node, name)?;
            for (key, value) in labels {
                label(key, value)?;
                node.meta.labels.insert(key.clone(), value.clone());
            }
            for taint in taints {
                let taint = parse_taint_chip(taint)?;
                node.taints
                    .retain(|t| !(t.key == taint.key && t.effect == taint.effect));
                node.taints.push(taint);
            }
            UserEvent::AddNode(Box::new(node))
        }
        EventSpec::RemoveNode { node } => UserEvent::RemoveNode { node: node.clone() },
        EventSpec::Taint { node, taint } => UserEvent::Taint {
            node: node.clone(),
            taint: parse_taint_chip(taint)?,
        },
        EventSpec::Untaint { node, key, effect } => {
            let errors = label_key_errors(key);
            if !errors.is_empty() {
                return Err(format!("invalid taint key {key:?}: {}", errors.join("; ")));
            }
            let effect = effect.clone().unwrap_or_default();
            if !effect.is_empty() && !EFFECTS.contains(&effect.as_str()) {
                return Err(format!(
                    "invalid taint effect: {effect}, unsupported taint effect"
                ));
            }
            UserEvent::Untaint {
                node: node.clone(),
                key: key.clone(),
                effect,
            }
        }
        EventSpec::Label { node, key, value } => {
            let value = value
                .clone()
                .ok_or("a label event needs a value: a string, or null to remove the label")?;
            label(key, value.as_deref().unwrap_or_default())?;
            UserEvent::Label {
                node: node.clone(),
                key: key.clone(),
                value,
            }
        }
        EventSpec::SetImage { container, image } => {
            if container.is_empty() || image.is_empty() {
                return Err("set-image needs a container and an image".into());
            }
            UserEvent::SetImage {
                container: container.clone(),
                image: image.clone(),
            }
        }
        EventSpec::Cordon { node, cordoned } => UserEvent::Cordon {
            node: node.clone(),
            cordoned: *cordoned,
        },
        EventSpec::SetReady { node, ready } => UserEvent::SetReady {
            node: node.clone(),
            ready: *ready,
        },
        EventSpec::DeletePod { pod } => {
            if pod.is_empty() {
                return Err("delete-pod needs a pod name".into());
            }
            UserEvent::DeletePod { pod: pod.clone() }
        }
    })
}

/// Every event, checked in order against the nodes there will be when it plays
/// (the cluster's, plus those added and minus those removed before it). The
/// simulator would ignore an event about a node that does not exist; here it
/// is an error, naming the event by its index and type.
pub fn user_events(specs: &[EventSpec], nodes: &[Node]) -> Result<Vec<UserEvent>, String> {
    let mut names: BTreeSet<String> = nodes.iter().map(|n| n.name().to_string()).collect();
    let mut events = Vec::with_capacity(specs.len());
    for (index, spec) in specs.iter().enumerate() {
        let name_it = |message: String| format!("events[{index}] ({}): {message}", spec.kind());
        if let Some(node) = spec.node() {
            if !names.contains(node) {
                return Err(name_it(format!(
                    "no node named {node:?} in the cluster{}",
                    listed(&names)
                )));
            }
        }
        match spec {
            EventSpec::AddNode { name, .. } if names.contains(name) => {
                return Err(name_it(format!(
                    "a node named {name:?} is already in the cluster"
                )));
            }
            EventSpec::AddNode { name, .. } => {
                names.insert(name.clone());
            }
            EventSpec::RemoveNode { node } => {
                names.remove(node);
            }
            _ => {}
        }
        events.push(user_event(spec).map_err(name_it)?);
    }
    Ok(events)
}

fn listed(names: &BTreeSet<String>) -> String {
    const SHOWN: usize = 10;
    if names.is_empty() {
        return ", which has no nodes".into();
    }
    let mut list: Vec<&str> = names.iter().take(SHOWN).map(String::as_str).collect();
    if names.len() > SHOWN {
        list.push("...");
    }
    format!(" (it has {})", list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(json: &str) -> Result<EventSpec, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    fn nodes(names: &[&str]) -> Vec<Node> {
        names.iter().map(|n| new_node(n)).collect()
    }

    fn one(json: &str) -> Result<UserEvent, String> {
        let spec = spec(json)?;
        user_events(&[spec], &nodes(&["node-1"])).map(|mut events| events.remove(0))
    }

    #[test]
    fn add_node_is_a_fresh_kubelet_with_the_given_labels_and_taints() {
        let event =
            one(r#"{"type": "add-node", "name": "node-6", "labels": {"type": "monitoring"}, "taints": ["special=x:NoSchedule"]}"#)
                .unwrap();
        let UserEvent::AddNode(node) = event else {
            panic!("{event:?}")
        };
        assert_eq!(node.name(), "node-6");
        assert_eq!(
            node.meta.labels.get("type").map(String::as_str),
            Some("monitoring")
        );
        assert_eq!(
            node.meta
                .labels
                .get("kubernetes.io/hostname")
                .map(String::as_str),
            Some("node-6")
        );
        assert_eq!(node.taints.len(), 1);
        assert_eq!(
            (node.taints[0].key.as_str(), node.taints[0].value.as_str()),
            ("special", "x")
        );
        assert!(dsplay_core::node_edit::is_ready(&node));
    }

    #[test]
    fn add_node_without_labels_and_bad_names_or_labels() {
        assert!(matches!(
            one(r#"{"type": "add-node", "name": "node-6"}"#),
            Ok(UserEvent::AddNode(_))
        ));
        let err = one(r#"{"type": "add-node", "name": "Node_6"}"#).unwrap_err();
        assert!(
            err.starts_with("events[0] (add-node): invalid node name \"Node_6\""),
            "{err}"
        );
        let err =
            one(r#"{"type": "add-node", "name": "n", "labels": {"type": "a b"}}"#).unwrap_err();
        assert!(err.contains("invalid label value \"a b\""), "{err}");
        let err = one(r#"{"type": "add-node", "name": "node-1"}"#).unwrap_err();
        assert_eq!(
            err,
            "events[0] (add-node): a node named \"node-1\" is already in the cluster"
        );
    }

    #[test]
    fn taints_are_parsed_as_kubectl_does() {
        let event =
            one(r#"{"type": "taint", "node": "node-1", "taint": "dedicated=infra:NoExecute"}"#)
                .unwrap();
        let UserEvent::Taint { node, taint } = event else {
            panic!()
        };
        assert_eq!(
            (
                node.as_str(),
                taint.key.as_str(),
                taint.value.as_str(),
                taint.effect.as_str()
            ),
            ("node-1", "dedicated", "infra", "NoExecute")
        );
        let err =
            one(r#"{"type": "taint", "node": "node-1", "taint": "dedicated=infra:Sometimes"}"#)
                .unwrap_err();
        assert_eq!(
            err,
            "events[0] (taint): invalid taint effect: Sometimes, unsupported taint effect"
        );
        let err = one(r#"{"type": "taint", "node": "node-1", "taint": "dedicated"}"#).unwrap_err();
        assert_eq!(err, "events[0] (taint): invalid taint spec: dedicated");
    }

    #[test]
    fn untaint_with_and_without_an_effect() {
        let event = one(
            r#"{"type": "untaint", "node": "node-1", "key": "special", "effect": "NoSchedule"}"#,
        )
        .unwrap();
        assert_eq!(
            event,
            UserEvent::Untaint {
                node: "node-1".into(),
                key: "special".into(),
                effect: "NoSchedule".into()
            }
        );
        let event = one(r#"{"type": "untaint", "node": "node-1", "key": "special"}"#).unwrap();
        assert_eq!(
            event,
            UserEvent::Untaint {
                node: "node-1".into(),
                key: "special".into(),
                effect: String::new()
            }
        );
        assert!(one(
            r#"{"type": "untaint", "node": "node-1", "key": "special", "effect": "Never"}"#
        )
        .is_err());
    }

    #[test]
    fn label_sets_removes_and_needs_a_value() {
        let set = one(r#"{"type": "label", "node": "node-1", "key": "type", "value": "logging"}"#)
            .unwrap();
        assert_eq!(
            set,
            UserEvent::Label {
                node: "node-1".into(),
                key: "type".into(),
                value: Some("logging".into())
            }
        );
        let remove =
            one(r#"{"type": "label", "node": "node-1", "key": "type", "value": null}"#).unwrap();
        assert_eq!(
            remove,
            UserEvent::Label {
                node: "node-1".into(),
                key: "type".into(),
                value: None
            }
        );
        let err = one(r#"{"type": "label", "node": "node-1", "key": "type"}"#).unwrap_err();
        assert!(
            err.starts_with("events[0] (label): a label event needs a value"),
            "{err}"
        );
        assert!(
            one(r#"{"type": "label", "node": "node-1", "key": "-bad", "value": "x"}"#).is_err()
        );
    }

    #[test]
    fn the_other_events() {
        assert_eq!(
            one(r#"{"type": "set-image", "container": "agent", "image": "agent:2"}"#).unwrap(),
            UserEvent::SetImage {
                container: "agent".into(),
                image: "agent:2".into()
            }
        );
        assert_eq!(
            one(r#"{"type": "cordon", "node": "node-1", "cordoned": true}"#).unwrap(),
            UserEvent::Cordon {
                node: "node-1".into(),
                cordoned: true
            }
        );
        assert_eq!(
            one(r#"{"type": "set-ready", "node": "node-1", "ready": false}"#).unwrap(),
            UserEvent::SetReady {
                node: "node-1".into(),
                ready: false
            }
        );
        assert_eq!(
            one(r#"{"type": "delete-pod", "pod": "ds-abcde"}"#).unwrap(),
            UserEvent::DeletePod {
                pod: "ds-abcde".into()
            }
        );
        assert_eq!(
            one(r#"{"type": "remove-node", "node": "node-1"}"#).unwrap(),
            UserEvent::RemoveNode {
                node: "node-1".into()
            }
        );
    }

    #[test]
    fn malformed_events_are_refused_by_serde() {
        let err = spec(r#"{"type": "reboot", "node": "node-1"}"#).unwrap_err();
        assert!(err.contains("unknown variant `reboot`"), "{err}");
        let err = spec(r#"{"node": "node-1"}"#).unwrap_err();
        assert!(err.contains("missing field `type`"), "{err}");
        let err = spec(r#"{"type": "cordon", "node": "node-1"}"#).unwrap_err();
        assert!(err.contains("missing field `cordoned`"), "{err}");
        let err = spec(r#"{"type": "cordon", "node": "node-1", "cordoned": true, "nodes": 2}"#)
            .unwrap_err();
        assert!(err.contains("unknown field `nodes`"), "{err}");
    }

    #[test]
    fn nodes_are_checked_as_the_events_add_and_remove_them() {
        let specs: Vec<EventSpec> = serde_json::from_str(
            r#"[{"type": "add-node", "name": "node-2"},
                {"type": "taint", "node": "node-2", "taint": "a:NoSchedule"},
                {"type": "remove-node", "node": "node-1"},
                {"type": "cordon", "node": "node-1", "cordoned": true}]"#,
        )
        .unwrap();
        let err = user_events(&specs, &nodes(&["node-1"])).unwrap_err();
        assert_eq!(
            err,
            "events[3] (cordon): no node named \"node-1\" in the cluster (it has node-2)"
        );
        assert_eq!(
            user_events(&specs[..3], &nodes(&["node-1"])).unwrap().len(),
            3
        );
        let err = user_events(&specs[1..2], &[]).unwrap_err();
        assert_eq!(
            err,
            "events[0] (taint): no node named \"node-2\" in the cluster, which has no nodes"
        );
    }
}
