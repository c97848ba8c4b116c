//! The playground's state and the only place it changes: `State::reduce`.
//!
//! Every change re-reads the editor text with `dsplay_core::read::read_sources`
//! and re-plans with `dsplay_core::plan`. When the text has an error the last
//! DaemonSet that read cleanly stays planned (and on screen) beside the message.

use std::rc::Rc;

use dsplay_core::model::{DaemonSet, Labels, Node, NodeCondition, ObjectMeta, Pod, Quantity};
use dsplay_core::read::{read_sources, Source};
use dsplay_core::{Action as PlanAction, Diagnostic, NodePlan, Plan, PlanOptions, Severity, Status};
use yew::Reducible;

/// The file name diagnostics point at.
pub const EDITOR_FILE: &str = "daemonset.yaml";

/// What the editor holds when the page opens: a `nodeSelector`, so that editing
/// it visibly moves the pods.
pub const DEFAULT_DAEMONSET: &str = "\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: monitoring
spec:
  selector:
    matchLabels:
      app: node-exporter
  template:
    metadata:
      labels:
        app: node-exporter
    spec:
      nodeSelector:
        disktype: ssd
      containers:
      - name: node-exporter
        image: quay.io/prometheus/node-exporter:v1.8.2
";

/// The labels the add-node form starts with.
pub const DEFAULT_NEW_NODE_LABELS: &str = "disktype=ssd";

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// The editor text, exactly as typed.
    pub yaml: String,
    pub nodes: Vec<Node>,
    /// What reading `yaml` said (errors, warnings, notes), plus the page's own notes.
    pub diagnostics: Vec<Diagnostic>,
    /// The last DaemonSet (and the pods beside it) read without errors.
    pub good: Option<(DaemonSet, Vec<Pod>)>,
    /// The plan of `good` over `nodes`.
    pub plan: Option<Plan>,
    /// True when `yaml` has errors, so `plan` belongs to an earlier text.
    pub stale: bool,
    /// The number in the name of the next added node.
    next_node: usize,
}

pub enum Action {
    /// The editor text changed.
    EditYaml(String),
    /// Add a node with labels written `key=value,key=value`.
    AddNode(String),
    /// Remove the node with this name.
    RemoveNode(String),
}

impl Default for State {
    fn default() -> Self {
        let nodes = vec![
            new_node("node-1", "disktype=ssd"),
            new_node("node-2", "disktype=ssd"),
            new_node("node-3", "disktype=hdd"),
        ];
        State::new(DEFAULT_DAEMONSET.to_string(), nodes)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::EditYaml(text) => {
                next.yaml = text;
                next.read();
            }
            Action::AddNode(labels) => {
                let name = loop {
                    let name = format!("node-{}", next.next_node);
                    next.next_node += 1;
                    if !next.nodes.iter().any(|n| n.name() == name) {
                        break name;
                    }
                };
                next.nodes.push(new_node(&name, &labels));
            }
            Action::RemoveNode(name) => next.nodes.retain(|n| n.name() != name),
        }
        next.replan();
        Rc::new(next)
    }
}

impl State {
    pub fn new(yaml: String, nodes: Vec<Node>) -> State {
        let next_node = nodes.len() + 1;
        let mut state = State {
            yaml,
            nodes,
            diagnostics: Vec::new(),
            good: None,
            plan: None,
            stale: false,
            next_node,
        };
        state.read();
        state.replan();
        state
    }

    /// Re-reads the editor text; keeps the last good DaemonSet when it has errors.
    fn read(&mut self) {
        let outcome = read_sources(&[Source { name: EDITOR_FILE, text: &self.yaml }]);
        let has_errors = outcome.has_errors();
        let mut diagnostics = outcome.diagnostics;
        let cluster = outcome.cluster;
        let note = |message: String| Diagnostic {
            severity: Severity::Note,
            file: EDITOR_FILE.to_string(),
            line: 0,
            column: 0,
            message,
        };
        if !cluster.nodes.is_empty() {
            diagnostics.push(note(format!(
                "{} Node(s) in the editor are not used: the node list on the right is the cluster",
                cluster.nodes.len()
            )));
        }
        if cluster.daemon_sets.len() > 1 {
            diagnostics.push(note(format!(
                "{} DaemonSets in the editor: showing the first, {}",
                cluster.daemon_sets.len(),
                cluster.daemon_sets[0].meta.name
            )));
        }
        self.stale = true;
        if !has_errors {
            match cluster.daemon_sets.into_iter().next() {
                Some(ds) => {
                    self.good = Some((ds, cluster.pods));
                    self.stale = false;
                }
                None => diagnostics.push(Diagnostic {
                    severity: Severity::Error,
                    ..note("no apps/v1 DaemonSet in the editor".to_string())
                }),
            }
        }
        self.diagnostics = diagnostics;
    }

    fn replan(&mut self) {
        self.plan = self.good.as_ref().map(|(ds, pods)| {
            dsplay_core::plan(ds, &self.nodes, pods, &PlanOptions::default())
        });
    }

    /// Each node with its verdict and the DaemonSet's pods on it after the plan.
    pub fn node_views(&self) -> Vec<NodeView> {
        self.nodes
            .iter()
            .map(|node| {
                let name = node.name();
                let mut pods = Vec::new();
                let mut verdict = None;
                if let (Some(plan), Some((ds, existing))) = (&self.plan, &self.good) {
                    verdict = plan.nodes.iter().find(|n| n.name == name).cloned();
                    let acted = |pod: &str, want: fn(&PlanAction) -> bool| {
                        plan.actions.iter().any(|a| want(a) && a.pod() == pod)
                    };
                    for pod in existing.iter().filter(|p| p.spec.node_name == name) {
                        let owned = pod.meta.controller_ref().is_some_and(|r| r.name == ds.meta.name);
                        let adopted = acted(pod.name(), |a| matches!(a, PlanAction::Adopt { .. }));
                        let released = acted(pod.name(), |a| matches!(a, PlanAction::Release { .. }));
                        if !(owned && !released || adopted) {
                            continue;
                        }
                        let kind = if acted(pod.name(), |a| matches!(a, PlanAction::Delete { .. })) {
                            PodKind::Deleting
                        } else {
                            PodKind::Existing
                        };
                        pods.push(PodChip { name: pod.name().to_string(), kind });
                    }
                    for action in &plan.actions {
                        if let PlanAction::Create { node, pod } = action {
                            if node == name {
                                pods.push(PodChip { name: pod.clone(), kind: PodKind::Creating });
                            }
                        }
                    }
                }
                NodeView { node: node.clone(), verdict, pods }
            })
            .collect()
    }
}

/// One node card's content.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    pub node: Node,
    /// `None` before any DaemonSet has read cleanly.
    pub verdict: Option<NodePlan>,
    pub pods: Vec<PodChip>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodChip {
    pub name: String,
    pub kind: PodKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PodKind {
    /// Already in the cluster (written in the editor, owned or adopted) and kept.
    Existing,
    /// Created by this reconcile.
    Creating,
    /// Already in the cluster and deleted by this reconcile.
    Deleting,
}

impl PodKind {
    /// The `data-pod-state` of the chip, also its CSS class.
    pub fn name(self) -> &'static str {
        match self {
            PodKind::Existing => "existing",
            PodKind::Creating => "creating",
            PodKind::Deleting => "deleting",
        }
    }
}

/// A Ready node with room for pods, named `name`, labelled from `key=value,key=value`
/// (also split on whitespace; an entry without `=` is a label with an empty value).
pub fn new_node(name: &str, labels: &str) -> Node {
    let allocatable = [("cpu", "4"), ("memory", "8Gi"), ("pods", "110")]
        .into_iter()
        .filter_map(|(k, v)| Some((k.to_string(), Quantity::parse(v)?)))
        .collect();
    Node {
        meta: ObjectMeta { name: name.to_string(), labels: parse_labels(labels), ..Default::default() },
        allocatable,
        conditions: vec![NodeCondition { kind: "Ready".into(), status: "True".into() }],
        ..Default::default()
    }
}

pub fn parse_labels(text: &str) -> Labels {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|entry| !entry.is_empty())
        .map(|entry| match entry.split_once('=') {
            Some((key, value)) => (key.to_string(), value.to_string()),
            None => (entry.to_string(), String::new()),
        })
        .filter(|(key, _)| !key.is_empty())
        .collect()
}

/// The `kubectl get ds` table for `name` (no namespace) and `status`:
/// a header line and a value line, columns padded as kubectl pads them.
pub fn status_table(name: &str, status: &Status) -> String {
    let header = ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE"];
    let values = [
        name.to_string(),
        status.desired_number_scheduled.to_string(),
        status.current_number_scheduled.to_string(),
        status.number_ready.to_string(),
        status.updated_number_scheduled.to_string(),
        status.number_available.to_string(),
    ];
    let mut lines = [String::new(), String::new()];
    for (i, (h, v)) in header.iter().zip(&values).enumerate() {
        let width = h.len().max(v.len());
        let last = i + 1 == header.len();
        for (line, cell) in lines.iter_mut().zip([*h, v.as_str()]) {
            if last {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<width$}   "));
            }
        }
    }
    lines.join("\n")
}

/// `namespace/name` → `name`.
pub fn short_name(daemon_set: &str) -> &str {
    daemon_set.rsplit('/').next().unwrap_or(daemon_set)
}
