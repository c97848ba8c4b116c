//! The playground's scenario presets: a DaemonSet, the cluster's nodes (a `List`
//! as `kubectl get nodes -o yaml` prints it) and, for the animated flows, a node
//! that joins or leaves. The YAML lives in `presets/` and is embedded here.

/// One scenario the playground can load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Stable identifier (URLs, tests).
    pub name: &'static str,
    /// What the picker shows.
    pub title: &'static str,
    /// One or two sentences a learner reads: what this scenario shows.
    pub summary: &'static str,
    /// The DaemonSet manifest.
    pub daemon_set: &'static str,
    /// The nodes: a `kind: List` of Nodes.
    pub nodes: &'static str,
    /// YAML of a Node that joins in this scenario (node added).
    pub joining_node: Option<&'static str>,
    /// Name of a node, from `nodes`, that leaves in this scenario (node removed).
    pub leaving_node: Option<&'static str>,
}

macro_rules! preset_file {
    ($file:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/presets/", $file))
    };
}

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "monitoring",
        title: "A monitoring agent on every node",
        summary: "A node-exporter metrics agent on a three-node cluster. A DaemonSet has no replica count: \
                  the controller wants exactly one pod on each node that qualifies, so three nodes give three pods.",
        daemon_set: preset_file!("monitoring.daemonset.yaml"),
        nodes: preset_file!("monitoring.nodes.yaml"),
        joining_node: None,
        leaving_node: None,
    },
    Preset {
        name: "node-added",
        title: "A node joins the cluster",
        summary: "Four nodes run four Fluent Bit pods. When node-5 registers, the controller finds a node that \
                  should run the pod and has none, and creates one there without anyone scaling anything: five nodes, five pods.",
        daemon_set: preset_file!("node-added.daemonset.yaml"),
        nodes: preset_file!("node-added.nodes.yaml"),
        joining_node: Some(preset_file!("node-added.joining-node.yaml")),
        leaving_node: None,
    },
    Preset {
        name: "node-removed",
        title: "A node leaves the cluster",
        summary: "Four nodes run the Fluent Bit log agent, then node-3 is deleted. Its pod goes with it (the pod \
                  garbage collector removes pods bound to a node that no longer exists), the DaemonSet now wants \
                  three pods, and the other three are left exactly as they were.",
        daemon_set: preset_file!("node-removed.daemonset.yaml"),
        nodes: preset_file!("node-removed.nodes.yaml"),
        joining_node: None,
        leaving_node: Some("node-3"),
    },
    Preset {
        name: "ssd",
        title: "Only on SSD nodes (nodeSelector)",
        summary: "A storage provisioner asks for disktype=ssd in its nodeSelector. node-1 and node-3 carry that \
                  label and each get a pod; node-2 and node-4 are labelled disktype=hdd, do not match, and get none.",
        daemon_set: preset_file!("ssd.daemonset.yaml"),
        nodes: preset_file!("ssd.nodes.yaml"),
        joining_node: None,
        leaving_node: None,
    },
    Preset {
        name: "selector-taints",
        title: "nodeSelector and taints together",
        summary: "Five nodes, two filters. The nodeSelector type=monitoring rules out node-2 (type=logging) and \
                  node-4's special:NoSchedule taint is not tolerated, while node-3's node-role taint is: pods land \
                  on node-1, node-3 and node-5.",
        daemon_set: preset_file!("selector-taints.daemonset.yaml"),
        nodes: preset_file!("selector-taints.nodes.yaml"),
        joining_node: None,
        leaving_node: None,
    },
    Preset {
        name: "control-plane",
        title: "Running on control-plane nodes",
        summary: "Control-plane nodes are tainted node-role.kubernetes.io/control-plane:NoSchedule to keep ordinary \
                  workloads off; this DaemonSet tolerates the taint, so all six nodes get a pod. Delete the toleration \
                  and the three control-plane nodes get none: the controller adds tolerations of its own only for \
                  node-condition taints (not-ready, pressure, unschedulable...), never for this one.",
        daemon_set: preset_file!("control-plane.daemonset.yaml"),
        nodes: preset_file!("control-plane.nodes.yaml"),
        joining_node: None,
        leaving_node: None,
    },
    Preset {
        name: "gpu",
        title: "GPU nodes only",
        summary: "The NVIDIA device plugin's required node affinity picks the nodes labelled \
                  nvidia.com/gpu.present=true, and its toleration lets it past their nvidia.com/gpu taint: \
                  gpu-node-1 and gpu-node-2 get a pod, the general-purpose nodes none.",
        daemon_set: preset_file!("gpu.daemonset.yaml"),
        nodes: preset_file!("gpu.nodes.yaml"),
        joining_node: None,
        leaving_node: None,
    },
    Preset {
        name: "fluentd",
        title: "fluentd: logs from every node",
        summary: "The fluentd-elasticsearch log collector from the Kubernetes documentation, reading each node's \
                  /var/log through a hostPath volume. Its tolerations for the control-plane taint (and for its old \
                  name, master) give every node a pod, the control plane included.",
        daemon_set: preset_file!("fluentd.daemonset.yaml"),
        nodes: preset_file!("fluentd.nodes.yaml"),
        joining_node: None,
        leaving_node: None,
    },
    Preset {
        name: "cordoned",
        title: "A cordoned node keeps its daemon pod",
        summary: "node-2 is cordoned: spec.unschedulable is true and its node.kubernetes.io/unschedulable:NoSchedule \
                  taint keeps ordinary pods away. It still gets a NodeLocal DNSCache pod, because the controller adds \
                  a toleration for that taint to every daemon pod, although the YAML lists none.",
        daemon_set: preset_file!("cordoned.daemonset.yaml"),
        nodes: preset_file!("cordoned.nodes.yaml"),
        joining_node: None,
        leaving_node: None,
    },
];

/// The preset called `name`.
pub fn preset(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::diagnostic::Severity;
    use crate::model::Pod;
    use crate::plan::{Action, Plan, PlanOptions};
    use crate::read::{read_sources, select_daemon_set, Cluster, Source};

    const AFFINITY: &str = "node(s) didn't match Pod's node affinity/selector";

    /// Which nodes get a pod, per preset, in node order.
    const PLACEMENTS: &[(&str, &[&str])] = &[
        ("monitoring", &["node-1", "node-2", "node-3"]),
        ("node-added", &["node-1", "node-2", "node-3", "node-4"]),
        ("node-removed", &["node-1", "node-2", "node-3", "node-4"]),
        ("ssd", &["node-1", "node-3"]),
        ("selector-taints", &["node-1", "node-3", "node-5"]),
        (
            "control-plane",
            &[
                "control-plane-1",
                "control-plane-2",
                "control-plane-3",
                "node-1",
                "node-2",
                "node-3",
            ],
        ),
        ("gpu", &["gpu-node-1", "gpu-node-2"]),
        (
            "fluentd",
            &["control-plane-1", "node-1", "node-2", "node-3"],
        ),
        ("cordoned", &["node-1", "node-2", "node-3"]),
    ];

    /// Reads the preset as the playground does: the DaemonSet and the nodes as two files.
    fn read(p: &Preset) -> Cluster {
        let outcome = read_sources(&[
            Source {
                name: "daemonset.yaml",
                text: p.daemon_set,
            },
            Source {
                name: "nodes.yaml",
                text: p.nodes,
            },
        ]);
        let noisy: Vec<_> = outcome
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Note)
            .collect();
        assert!(noisy.is_empty(), "{}: {noisy:?}", p.name);
        assert_eq!(
            select_daemon_set(&outcome.cluster, None),
            Ok(0),
            "{}",
            p.name
        );
        assert!(outcome.cluster.pods.is_empty(), "{}", p.name);
        outcome.cluster
    }

    fn plan(cluster: &Cluster, pods: &[Pod]) -> Plan {
        crate::plan(
            &cluster.daemon_sets[0],
            &cluster.nodes,
            pods,
            &PlanOptions::default(),
        )
    }

    fn created_on(plan: &Plan) -> Vec<&str> {
        plan.actions
            .iter()
            .map(|a| match a {
                Action::Create { node, .. } => node.as_str(),
                other => panic!("{}: unexpected {other:?}", plan.daemon_set),
            })
            .collect()
    }

    /// The cluster once the plan is done and the scheduler has bound and started
    /// every created pod.
    fn settle(cluster: &Cluster, pods: &[Pod], plan: &Plan) -> Vec<Pod> {
        let mut after = crate::apply(&cluster.daemon_sets[0], pods, plan, Default::default());
        for pod in &mut after {
            if pod.spec.node_name.is_empty() {
                pod.spec.node_name = crate::ownership::target_node_name(pod).unwrap().to_string();
                pod.phase = "Running".into();
            }
        }
        after
    }

    #[test]
    fn names_are_unique_and_unknown_names_are_none() {
        let names: BTreeSet<&str> = PRESETS.iter().map(|p| p.name).collect();
        assert_eq!(names.len(), PRESETS.len());
        assert_eq!(names, PLACEMENTS.iter().map(|(name, _)| *name).collect());
        assert!(preset("nope").is_none());
        for p in PRESETS {
            assert_eq!(preset(p.name), Some(p));
            assert!(!p.title.is_empty() && !p.summary.is_empty(), "{}", p.name);
        }
    }

    #[test]
    fn every_preset_reads_cleanly_and_the_api_server_accepts_it() {
        for p in PRESETS {
            let cluster = read(p);
            let ds = &cluster.daemon_sets[0];
            assert_eq!(
                crate::sync::api_server_errors(ds),
                Vec::<String>::new(),
                "{}",
                p.name
            );
            assert_ne!(ds.meta.namespace, "default", "{}", p.name);
            for container in &ds.spec.template.spec.containers {
                let tag = container.image.rsplit('/').next().unwrap();
                assert!(
                    tag.contains(':') && !tag.ends_with(":latest"),
                    "{}: {}",
                    p.name,
                    container.image
                );
                for resource in ["cpu", "memory"] {
                    assert!(
                        container.requests.contains_key(resource),
                        "{}: {resource} request",
                        p.name
                    );
                    assert!(
                        container.limits.contains_key(resource),
                        "{}: {resource} limit",
                        p.name
                    );
                }
            }
            for node in &cluster.nodes {
                assert_eq!(
                    node.condition("Ready"),
                    Some("True"),
                    "{}: {}",
                    p.name,
                    node.name()
                );
                assert!(!node.allocatable.is_empty(), "{}: {}", p.name, node.name());
                for label in [
                    "kubernetes.io/hostname",
                    "kubernetes.io/os",
                    "kubernetes.io/arch",
                ] {
                    assert!(
                        node.meta.labels.contains_key(label),
                        "{}: {} has no {label}",
                        p.name,
                        node.name()
                    );
                }
            }
        }
    }

    #[test]
    fn pods_land_where_each_scenario_says() {
        for &(name, expected) in PLACEMENTS {
            let cluster = read(preset(name).unwrap());
            let plan = plan(&cluster, &[]);
            assert!(
                plan.validation_errors.is_empty(),
                "{name}: {:?}",
                plan.validation_errors
            );
            assert_eq!(created_on(&plan), expected, "{name}");
            for node in &plan.nodes {
                let wanted = expected.contains(&node.name.as_str());
                assert_eq!(node.should_run, wanted, "{name}: {}", node.name);
                // Nodes with a pod: it is scheduled and runs (nothing keeps it Pending).
                // Nodes without: one reason says why.
                assert_eq!(node.reasons.len(), usize::from(!wanted), "{name}: {node:?}");
            }
            let status = plan.status_after.unwrap();
            assert_eq!(
                status.desired_number_scheduled,
                expected.len() as i64,
                "{name}"
            );
            assert_eq!(
                status.current_number_scheduled,
                expected.len() as i64,
                "{name}"
            );
            // Once the pods run, the controller has nothing more to do.
            let pods = settle(&cluster, &[], &plan);
            assert!(crate::plan(
                &cluster.daemon_sets[0],
                &cluster.nodes,
                &pods,
                &PlanOptions::default()
            )
            .actions
            .is_empty());
        }
    }

    fn reasons(plan: &Plan) -> Vec<(&str, &[String])> {
        plan.nodes
            .iter()
            .filter(|n| !n.should_run)
            .map(|n| (n.name.as_str(), n.reasons.as_slice()))
            .collect()
    }

    #[test]
    fn nodes_without_a_pod_say_why() {
        let why = |name: &str| {
            let cluster = read(preset(name).unwrap());
            let plan = plan(&cluster, &[]);
            reasons(&plan)
                .into_iter()
                .map(|(n, r)| (n.to_string(), r.to_vec()))
                .collect::<Vec<_>>()
        };
        let one = |node: &str, reason: &str| (node.to_string(), vec![reason.to_string()]);
        assert_eq!(
            why("selector-taints"),
            [
                one("node-2", AFFINITY),
                one("node-4", "node(s) had untolerated taint {special: }")
            ]
        );
        assert_eq!(
            why("ssd"),
            [one("node-2", AFFINITY), one("node-4", AFFINITY)]
        );
        assert_eq!(
            why("gpu"),
            [one("node-1", AFFINITY), one("node-2", AFFINITY)]
        );
    }

    #[test]
    fn without_the_toleration_the_control_plane_gets_no_pod() {
        for name in ["control-plane", "fluentd"] {
            let p = preset(name).unwrap();
            let mut cluster = read(p);
            cluster.daemon_sets[0]
                .spec
                .template
                .spec
                .tolerations
                .clear();
            let plan = plan(&cluster, &[]);
            let skipped = reasons(&plan);
            assert!(!skipped.is_empty(), "{name}");
            for (node, why) in skipped {
                assert!(node.starts_with("control-plane-"), "{name}: {node}");
                assert_eq!(
                    why,
                    ["node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"]
                );
            }
        }
    }

    #[test]
    fn the_cordoned_node_is_really_cordoned_and_still_gets_its_pod() {
        let cluster = read(preset("cordoned").unwrap());
        let node = cluster.nodes.iter().find(|n| n.name() == "node-2").unwrap();
        assert!(node.unschedulable);
        assert_eq!(node.taints[0].key, "node.kubernetes.io/unschedulable");
        assert!(cluster.daemon_sets[0]
            .spec
            .template
            .spec
            .tolerations
            .is_empty());
        assert!(created_on(&plan(&cluster, &[])).contains(&"node-2"));
    }

    #[test]
    fn the_joining_node_gets_exactly_one_new_pod() {
        let p = preset("node-added").unwrap();
        let mut cluster = read(p);
        let before = plan(&cluster, &[]);
        let pods = settle(&cluster, &[], &before);
        assert_eq!(pods.len(), 4);

        let joining = read_sources(&[Source {
            name: "node-5.yaml",
            text: p.joining_node.unwrap(),
        }]);
        assert!(
            joining
                .diagnostics
                .iter()
                .all(|d| d.severity == Severity::Note),
            "{:?}",
            joining.diagnostics
        );
        assert_eq!(joining.cluster.nodes.len(), 1);
        let node = joining.cluster.nodes[0].clone();
        assert_eq!(node.name(), "node-5");
        assert!(
            cluster.nodes.iter().all(|n| n.name() != "node-5"),
            "node-5 is new"
        );
        cluster.nodes.push(node);

        let after = plan(&cluster, &pods);
        assert_eq!(created_on(&after), ["node-5"]);
        assert!(after
            .nodes
            .iter()
            .all(|n| n.should_run && n.reasons.is_empty()));
        assert_eq!(after.status_after.unwrap().current_number_scheduled, 5);
    }

    #[test]
    fn the_leaving_node_takes_only_its_own_pod_with_it() {
        let p = preset("node-removed").unwrap();
        let mut cluster = read(p);
        let leaving = p.leaving_node.unwrap();
        let before = plan(&cluster, &[]);
        let pods = settle(&cluster, &[], &before);

        let count = cluster.nodes.len();
        cluster.nodes.retain(|n| n.name() != leaving);
        assert_eq!(
            cluster.nodes.len(),
            count - 1,
            "{leaving} is one of the nodes"
        );

        let after = plan(&cluster, &pods);
        assert!(after.nodes.iter().all(|n| n.name != leaving));
        assert_eq!(after.nodes.len(), count - 1);
        // The controller touches none of the remaining pods (the bound pod of the
        // gone node is the pod garbage collector's business, not the controller's).
        assert!(after.actions.is_empty(), "{:?}", after.actions);
        let remaining = |pods: &[Pod]| -> Vec<Pod> {
            pods.iter()
                .filter(|p| p.spec.node_name != leaving)
                .cloned()
                .collect()
        };
        let kept = crate::apply(&cluster.daemon_sets[0], &pods, &after, Default::default());
        assert_eq!(remaining(&kept), remaining(&pods));
        assert_eq!(remaining(&pods).len(), count - 1);
        let status = after.status_after.unwrap();
        assert_eq!(
            (
                status.desired_number_scheduled,
                status.current_number_scheduled
            ),
            (3, 3)
        );
    }

    #[test]
    fn only_the_flow_presets_have_events() {
        for p in PRESETS {
            assert_eq!(
                p.joining_node.is_some(),
                p.name == "node-added",
                "{}",
                p.name
            );
            assert_eq!(
                p.leaving_node.is_some(),
                p.name == "node-removed",
                "{}",
                p.name
            );
        }
    }
}
