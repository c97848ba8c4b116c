//! The playground's state and the only place it changes: `State::reduce`.
//!
//! The inputs are the DaemonSet editor's text and the node list; everything on
//! screen is derived from them by the core (`read_sources`, `plan`, lints).
//! When the text has an error, the last DaemonSet that read cleanly stays
//! planned (and on screen) beside the message: nothing the user did is lost.

use std::rc::Rc;

use dsplay_core::lints::{lint_daemon_set, Lint};
use dsplay_core::model::{DaemonSet, Node, Pod, Quantity, Taint};
use dsplay_core::node_edit;
use dsplay_core::presets::{preset, Preset};
use dsplay_core::read::{read_sources, select_daemon_set, Origin, Source};
use dsplay_core::{Action as PlanAction, Diagnostic, NodePlan, Plan, PlanOptions, Severity};
use dsplay_core::simulation::World;
use yew::Reducible;

use crate::flow::{creation_flow, flow_of, settled_world, Cause, Flow, EAGER_FLOW_NODES};

/// The file name diagnostics point at.
pub const EDITOR_FILE: &str = "daemonset.yaml";

/// The preset the page opens with when nothing was saved or shared.
pub const DEFAULT_PRESET: &str = "selector-taints";

/// What the user made: the editor text and the node list. This is what is
/// saved, shared and restored; everything else is derived.
#[derive(Clone, Debug, PartialEq)]
pub struct Inputs {
    pub yaml: String,
    /// Shared, so that a change elsewhere does not copy thousands of nodes.
    pub nodes: Rc<Vec<Node>>,
    /// The DaemonSet picked when the editor holds several (`namespace/name`).
    pub selected: Option<String>,
}

impl Inputs {
    /// A preset's DaemonSet and nodes.
    pub fn from_preset(preset: &Preset) -> Inputs {
        let nodes = read_sources(&[Source { name: "nodes.yaml", text: preset.nodes }]).cluster.nodes;
        Inputs { yaml: preset.daemon_set.to_string(), nodes: Rc::new(nodes), selected: None }
    }
}

impl Default for Inputs {
    fn default() -> Self {
        preset(DEFAULT_PRESET).map(Inputs::from_preset).unwrap_or_else(|| Inputs {
            yaml: String::new(),
            nodes: Rc::default(),
            selected: None,
        })
    }
}

/// The DaemonSet that read cleanly last, with where it came from and the pods
/// the editor holds beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Good {
    pub daemon_set: DaemonSet,
    pub origin: Origin,
    pub pods: Vec<Pod>,
    pub lints: Vec<Lint>,
}

#[derive(Clone, Debug)]
pub struct State {
    pub inputs: Inputs,
    /// What reading the editor said: errors, warnings (unknown fields,
    /// validation, lints) and notes, each at its line.
    pub diagnostics: Vec<Diagnostic>,
    /// The DaemonSets in the editor (`namespace/name`), when there are several.
    pub daemon_set_choices: Vec<String>,
    pub good: Option<Rc<Good>>,
    /// The plan of `good` over the node list.
    pub plan: Option<Rc<Plan>>,
    /// True when the editor text has errors, so `plan` belongs to an earlier text.
    pub stale: bool,
    /// The pod whose manifest is shown: (node, pod name).
    pub inspected: Option<(String, String)>,
    /// Group the cluster view by this label key.
    pub group_by: Option<String>,
    /// Show only nodes whose name or labels contain this text.
    pub filter: String,
    /// A message about the node list that was refused (bad paste, bad name).
    pub node_error: Option<String>,
    /// Counts changes to `inputs`: what autosave watches, cheaper than comparing
    /// thousands of nodes.
    pub revision: u64,
    /// The flow the player shows: the last change, or the creation.
    pub flow: Option<Rc<Flow>>,
    /// An embedded, read-only page: the inputs do not change.
    pub readonly: bool,
    /// The cluster as it settles with the current inputs: where the next
    /// change's flow starts. `None` for large clusters.
    pub settled: Option<Rc<World>>,
}

/// Both absent, or the same allocation: "unchanged" for values that are
/// replaced, never changed, without comparing their contents.
pub fn same<T>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// What Yew compares to decide whether a component given the state handle
/// redraws (each component does, at each render of the page). The inputs
/// change only with `revision`, and what is derived from them sits behind an
/// `Rc` that is replaced, never changed: comparing the counter and the
/// pointers says the same as comparing everything, without walking a
/// 4 MiB editor text or a plan of 5,000 nodes for every component.
impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && same(&self.good, &other.good)
            && same(&self.plan, &other.plan)
            && same(&self.flow, &other.flow)
            && same(&self.settled, &other.settled)
            && self.stale == other.stale
            && self.readonly == other.readonly
            && self.inspected == other.inspected
            && self.group_by == other.group_by
            && self.filter == other.filter
            && self.node_error == other.node_error
            && self.diagnostics == other.diagnostics
            && self.daemon_set_choices == other.daemon_set_choices
    }
}

pub enum Action {
    /// Apply this editor text (after a pause in typing, or Ctrl/Cmd+Enter).
    Apply(String),
    /// Pick one of several DaemonSets in the editor.
    SelectDaemonSet(String),
    /// Start over from a preset (or the default one).
    LoadPreset(String),
    /// Replace everything (a share link, saved work).
    Restore(Inputs),
    AddNode,
    RemoveNode(String),
    RenameNode { from: String, to: String },
    AddLabel { node: String, key: String, value: String },
    RemoveLabel { node: String, key: String },
    AddTaint { node: String, taint: Taint },
    RemoveTaint { node: String, index: usize },
    SetCordoned { node: String, cordoned: bool },
    SetReady { node: String, ready: bool },
    /// Set `status.allocatable[resource]` (cpu, memory, pods) from its text.
    SetAllocatable { node: String, resource: String, quantity: String },
    /// Replace the node list with the Nodes in this YAML (`kubectl get nodes -o yaml`).
    ReplaceNodes(String),
    /// Show (or hide, with None) the manifest of a pod.
    Inspect(Option<(String, String)>),
    GroupBy(Option<String>),
    Filter(String),
    DismissNodeError,
    /// Play the DaemonSet's creation from the start.
    PlayCreation,
}

impl Action {
    /// Whether the action edits what the user made (refused when read-only).
    pub fn changes_inputs(&self) -> bool {
        !matches!(self, Action::Inspect(_) | Action::GroupBy(_) | Action::Filter(_) | Action::DismissNodeError | Action::PlayCreation)
    }
}

impl Default for State {
    fn default() -> Self {
        State::new(Inputs::default())
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if let Action::Apply(text) = &action {
            if *text == self.inputs.yaml && !self.stale && self.good.is_some() {
                return self;
            }
        }
        if self.readonly && action.changes_inputs() {
            return self;
        }
        let cause = Cause::of(&action, &self);
        let play = matches!(action, Action::PlayCreation);
        let mut next = self.reduce_inputs(action);
        if let Some(cause) = cause {
            let id = self.flow.as_ref().map_or(0, |f| f.id) + 1;
            next.settled = settled_world(&next);
            let flow = match (&self.settled, cause) {
                (_, Cause::Restart) if play || next.inputs.nodes.len() <= EAGER_FLOW_NODES => creation_flow(&next, id, play),
                (_, Cause::Restart) => None,
                (Some(before), cause) if !next.stale => flow_of(cause, before, &next, id),
                _ => None,
            };
            // A broken text keeps the last flow on screen, like the last good plan.
            if flow.is_some() || !next.stale {
                next.flow = flow.map(Rc::new);
            }
        }
        Rc::new(next)
    }
}

impl State {
    fn reduce_inputs(self: &Rc<Self>, action: Action) -> State {
        let mut next = (**self).clone();
        let mut reread = false;
        match action {
            Action::Apply(text) => {
                next.inputs.yaml = text;
                reread = true;
            }
            Action::SelectDaemonSet(name) => {
                next.inputs.selected = Some(name);
                reread = true;
            }
            Action::LoadPreset(name) => {
                let Some(preset) = preset(&name) else { return (**self).clone() };
                let mut loaded = State::new(Inputs::from_preset(preset));
                loaded.revision = next.revision + 1;
                loaded.readonly = next.readonly;
                return loaded;
            }
            Action::Restore(inputs) => {
                let mut restored = State::new(inputs);
                restored.revision = next.revision + 1;
                restored.readonly = next.readonly;
                return restored;
            }
            Action::AddNode => {
                let name = next.unused_node_name();
                Rc::make_mut(&mut next.inputs.nodes).push(node_edit::new_node(&name));
            }
            Action::RemoveNode(name) => Rc::make_mut(&mut next.inputs.nodes).retain(|n| n.name() != name),
            Action::RenameNode { from, to } => {
                if from == to {
                    return (**self).clone();
                }
                if next.inputs.nodes.iter().any(|n| n.name() == to) {
                    next.node_error = Some(format!("a node named {} already exists", dsplay_core::validation::go_quote(&to)));
                } else if let Some(node) = next.node_mut(&from) {
                    if let Err(message) = node_edit::rename_node(node, &to) {
                        next.node_error = Some(message);
                    }
                }
            }
            Action::AddLabel { node, key, value } => {
                if let Some(node) = next.node_mut(&node) {
                    node.meta.labels.insert(key, value);
                }
            }
            Action::RemoveLabel { node, key } => {
                if let Some(node) = next.node_mut(&node) {
                    node.meta.labels.remove(&key);
                }
            }
            Action::AddTaint { node, taint } => {
                if let Some(node) = next.node_mut(&node) {
                    // A node holds one taint per key and effect, as the API server insists.
                    node.taints.retain(|t| !(t.key == taint.key && t.effect == taint.effect));
                    node.taints.push(taint);
                }
            }
            Action::RemoveTaint { node, index } => {
                if let Some(node) = next.node_mut(&node) {
                    if index < node.taints.len() {
                        node.taints.remove(index);
                    }
                }
            }
            Action::SetCordoned { node, cordoned } => {
                if let Some(node) = next.node_mut(&node) {
                    if cordoned {
                        node_edit::cordon(node);
                    } else {
                        node_edit::uncordon(node);
                    }
                }
            }
            Action::SetReady { node, ready } => {
                if let Some(node) = next.node_mut(&node) {
                    node_edit::set_ready(node, ready);
                }
            }
            Action::SetAllocatable { node, resource, quantity } => {
                let Some(amount) = Quantity::parse(&quantity) else {
                    next.node_error = Some(format!("{resource}: {} is not a quantity such as 4, 500m or 8Gi", dsplay_core::validation::go_quote(&quantity)));
                    return next;
                };
                if let Some(node) = next.node_mut(&node) {
                    node.allocatable.insert(resource, amount);
                }
            }
            Action::ReplaceNodes(text) => {
                let outcome = read_sources(&[Source { name: "nodes.yaml", text: &text }]);
                let errors: Vec<String> = outcome
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(Diagnostic::located)
                    .collect();
                if !errors.is_empty() {
                    next.node_error = Some(errors.join("\n"));
                } else if outcome.cluster.nodes.is_empty() {
                    next.node_error = Some("no Node in that YAML: paste `kubectl get nodes -o yaml` output or Node objects".into());
                } else {
                    next.inputs.nodes = Rc::new(outcome.cluster.nodes);
                    next.node_error = None;
                }
            }
            Action::Inspect(target) => {
                next.inspected = target;
                return next;
            }
            Action::GroupBy(key) => {
                next.group_by = key.filter(|k| !k.is_empty());
                return next;
            }
            Action::Filter(text) => {
                next.filter = text;
                return next;
            }
            Action::DismissNodeError => {
                next.node_error = None;
                return next;
            }
            Action::PlayCreation => return next,
        }
        if reread {
            next.read();
        }
        next.replan();
        next.revision += 1;
        next
    }
}

impl State {
    pub fn new(inputs: Inputs) -> State {
        let mut state = State {
            inputs,
            diagnostics: Vec::new(),
            daemon_set_choices: Vec::new(),
            good: None,
            plan: None,
            stale: false,
            inspected: None,
            group_by: None,
            filter: String::new(),
            node_error: None,
            revision: 0,
            flow: None,
            settled: None,
            readonly: false,
        };
        state.read();
        state.replan();
        state.settled = settled_world(&state);
        if state.inputs.nodes.len() <= EAGER_FLOW_NODES {
            state.flow = creation_flow(&state, 1, false).map(Rc::new);
        }
        state
    }

    fn node_mut(&mut self, name: &str) -> Option<&mut Node> {
        Rc::make_mut(&mut self.inputs.nodes).iter_mut().find(|n| n.name() == name)
    }

    fn unused_node_name(&self) -> String {
        (self.inputs.nodes.len() + 1..)
            .map(|i| format!("node-{i}"))
            .find(|name| !self.inputs.nodes.iter().any(|n| n.name() == name))
            .unwrap_or_else(|| "node-new".into())
    }

    /// Re-reads the editor text; keeps the last good DaemonSet when it has errors.
    fn read(&mut self) {
        let outcome = read_sources(&[Source { name: EDITOR_FILE, text: &self.inputs.yaml }]);
        let has_errors = outcome.has_errors();
        let mut diagnostics = outcome.diagnostics;
        let cluster = outcome.cluster;
        let note = |severity, message: String| Diagnostic { severity, file: EDITOR_FILE.into(), line: 0, column: 0, message };
        if !cluster.nodes.is_empty() {
            diagnostics.push(note(
                Severity::Note,
                format!("{} Node(s) in the editor are not used: the node list is the cluster", cluster.nodes.len()),
            ));
        }
        self.daemon_set_choices = if cluster.daemon_sets.len() > 1 {
            cluster.daemon_sets.iter().map(|ds| format!("{}/{}", ds.meta.namespace, ds.meta.name)).collect()
        } else {
            Vec::new()
        };
        self.stale = true;
        if !has_errors {
            let picked = match select_daemon_set(&cluster, self.inputs.selected.as_deref()) {
                Ok(index) => Some(index),
                // Several and none picked yet (or the picked one is gone): show the first.
                Err(_) if !cluster.daemon_sets.is_empty() => Some(0),
                Err(message) => {
                    diagnostics.push(note(Severity::Error, message));
                    None
                }
            };
            if let Some(index) = picked {
                let daemon_set = cluster.daemon_sets[index].clone();
                let origin = cluster.daemon_set_origins[index].clone();
                // The API server's refusal and the lints, at their lines.
                for error in dsplay_core::validation::validate_daemon_set(&daemon_set) {
                    diagnostics.push(origin.diagnostic(Severity::Error, &error.field, error.message));
                }
                let lints = lint_daemon_set(&daemon_set);
                for lint in &lints {
                    diagnostics.push(origin.diagnostic(Severity::Warning, &lint.field, lint.message.clone()));
                }
                dsplay_core::sorting::sort_by_key(&mut diagnostics, |d| (d.line == 0, d.line, d.severity));
                self.good = Some(Rc::new(Good { daemon_set, origin, pods: cluster.pods, lints }));
                self.stale = false;
            }
        }
        self.diagnostics = diagnostics;
    }

    fn replan(&mut self) {
        self.plan = self.good.as_ref().map(|good| {
            Rc::new(dsplay_core::plan(&good.daemon_set, &self.inputs.nodes, &good.pods, &plan_options()))
        });
    }

    /// The name of the DaemonSet on screen, without its namespace.
    pub fn daemon_set_name(&self) -> Option<&str> {
        self.good.as_ref().map(|g| g.daemon_set.meta.name.as_str())
    }

    /// The node at `index` with its verdict and the DaemonSet's pods on it
    /// after the plan. Views are built for the nodes on screen only.
    pub fn node_view(&self, index: usize) -> Option<NodeView> {
        let node = self.inputs.nodes.get(index)?;
        let plan = self.plan.as_deref();
        let verdict = plan.and_then(|p| p.nodes.get(index)).cloned();
        let pods = match (plan, self.good.as_deref()) {
            (Some(plan), Some(good)) => pods_on(node.name(), plan, good),
            _ => Vec::new(),
        };
        Some(NodeView { index, node: node.clone(), verdict, pods })
    }

    /// Every node's view, in node order.
    pub fn node_views(&self) -> Vec<NodeView> {
        (0..self.inputs.nodes.len()).filter_map(|i| self.node_view(i)).collect()
    }
}

/// The wall clock the page simulates at: fixed, so that the same input always
/// shows the same result (ages and availability are measured from it).
pub fn plan_options() -> PlanOptions {
    PlanOptions { now: PAGE_EPOCH, name_seed: 1, ..Default::default() }
}

/// 2024-01-01T00:00:00Z.
pub const PAGE_EPOCH: i64 = 1_704_067_200;

/// The DaemonSet's pods on `node` after the plan: kept, created or deleted.
fn pods_on(node: &str, plan: &Plan, good: &Good) -> Vec<PodChip> {
    let acted = |pod: &str, want: fn(&PlanAction) -> bool| plan.actions.iter().any(|a| want(a) && a.pod() == pod);
    let ds = &good.daemon_set;
    let mut chips = Vec::new();
    for pod in good.pods.iter().filter(|p| dsplay_core::ownership::target_node_name(p) == Some(node)) {
        let claimed = matches!(
            dsplay_core::ownership::claim(ds, pod),
            dsplay_core::ownership::Claim::Owned | dsplay_core::ownership::Claim::Adopt
        );
        if !claimed {
            continue;
        }
        let kind = if acted(pod.name(), |a| matches!(a, PlanAction::Delete { .. })) {
            PodKind::Deleting
        } else {
            PodKind::Existing
        };
        chips.push(PodChip { name: pod.name().to_string(), phase: pod.phase.clone(), kind });
    }
    for action in &plan.actions {
        if let PlanAction::Create { node: on, pod } = action {
            if on == node {
                chips.push(PodChip { name: pod.clone(), phase: "Pending".into(), kind: PodKind::Creating });
            }
        }
    }
    chips
}

/// One node card's content.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeView {
    /// The node's position in the node list (and in the plan).
    pub index: usize,
    pub node: Node,
    /// `None` before any DaemonSet has read cleanly.
    pub verdict: Option<NodePlan>,
    pub pods: Vec<PodChip>,
}

impl NodeView {
    /// The node keeps a pod it would not get now (untolerated NoSchedule taint).
    pub fn keeps_pod_it_would_not_get(&self) -> bool {
        self.verdict.as_ref().is_some_and(|v| !v.should_run && v.should_continue_running)
            && self.pods.iter().any(|p| p.kind == PodKind::Existing)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodChip {
    pub name: String,
    /// The pod's phase (`Pending` for a pod created by this sync).
    pub phase: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: State, action: Action) -> State {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn with_pods(state: &State) -> Vec<String> {
        state.node_views().into_iter().filter(|v| !v.pods.is_empty()).map(|v| v.node.name().to_string()).collect()
    }

    #[test]
    fn opens_on_the_seed_scenario() {
        let state = State::default();
        assert_eq!(with_pods(&state), ["node-1", "node-3", "node-5"]);
        assert!(!state.stale);
        assert_eq!(state.revision, 0);
    }

    #[test]
    fn an_edit_moves_the_pods_and_a_broken_text_keeps_the_last_good_plan() {
        let state = State::default();
        let yaml = state.inputs.yaml.replace("type: monitoring", "type: logging");
        let edited = reduce(state, Action::Apply(yaml));
        assert_eq!(with_pods(&edited), ["node-2"]);
        assert_eq!(edited.revision, 1);
        let broken = reduce(edited.clone(), Action::Apply("spec: [".into()));
        assert!(broken.stale);
        assert_eq!(with_pods(&broken), ["node-2"], "the last good result stays");
        assert!(broken.diagnostics.iter().any(|d| d.severity == Severity::Error && d.line >= 1));
        assert_eq!(broken.inputs.yaml, "spec: [", "the user's text is kept");
    }

    #[test]
    fn several_daemon_sets_are_offered_and_one_is_picked() {
        let state = State::default();
        let second = state.inputs.yaml.replace("name: node-monitor", "name: other-monitor");
        let both = reduce(state.clone(), Action::Apply(format!("{}\n---\n{second}", state.inputs.yaml)));
        assert_eq!(both.daemon_set_choices.len(), 2);
        assert_eq!(both.daemon_set_name(), Some("node-monitor"));
        let picked = reduce(both.clone(), Action::SelectDaemonSet(both.daemon_set_choices[1].clone()));
        assert_eq!(picked.daemon_set_name(), Some("other-monitor"));
    }

    #[test]
    fn node_edits_replan() {
        let state = State::default();
        let added = reduce(state, Action::AddNode);
        assert_eq!(added.inputs.nodes.len(), 6);
        let name = added.inputs.nodes[5].name().to_string();
        let labelled = reduce(added, Action::AddLabel { node: name.clone(), key: "type".into(), value: "monitoring".into() });
        assert!(with_pods(&labelled).contains(&name));
        let taint = Taint { key: "special".into(), value: String::new(), effect: "NoSchedule".into() };
        let tainted = reduce(labelled, Action::AddTaint { node: name.clone(), taint });
        assert!(!with_pods(&tainted).contains(&name));
        let view = tainted.node_view(5).unwrap();
        assert_eq!(view.verdict.unwrap().reasons, ["node(s) had untolerated taint {special: }"]);
        let removed = reduce(tainted, Action::RemoveNode(name));
        assert_eq!(removed.inputs.nodes.len(), 5);
    }

    #[test]
    fn cordoned_nodes_keep_getting_daemon_pods_and_not_ready_ones_do_not() {
        let state = State::default();
        let cordoned = reduce(state, Action::SetCordoned { node: "node-1".into(), cordoned: true });
        assert!(with_pods(&cordoned).contains(&"node-1".to_string()));
        let not_ready = reduce(cordoned, Action::SetReady { node: "node-1".into(), ready: false });
        assert!(!with_pods(&not_ready).contains(&"node-1".to_string()));
    }

    #[test]
    fn renames_refuse_duplicates_and_bad_names() {
        let state = State::default();
        let dup = reduce(state.clone(), Action::RenameNode { from: "node-1".into(), to: "node-2".into() });
        assert!(dup.node_error.unwrap().contains("already exists"));
        let bad = reduce(state.clone(), Action::RenameNode { from: "node-1".into(), to: "Node_1".into() });
        assert!(bad.node_error.is_some());
        let good = reduce(state, Action::RenameNode { from: "node-1".into(), to: "worker-a".into() });
        assert_eq!(good.inputs.nodes[0].name(), "worker-a");
    }

    #[test]
    fn pasting_nodes_replaces_the_list_or_says_why_not() {
        let state = State::default();
        let pasted = reduce(state.clone(), Action::ReplaceNodes("apiVersion: v1\nkind: Node\nmetadata: {name: only}\n".into()));
        assert_eq!(pasted.inputs.nodes.len(), 1);
        let bad = reduce(state.clone(), Action::ReplaceNodes("items: [".into()));
        assert!(bad.node_error.unwrap().contains("nodes.yaml:"));
        assert_eq!(bad.inputs.nodes.len(), 5, "nothing lost");
        let empty = reduce(state, Action::ReplaceNodes("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n".into()));
        assert!(empty.node_error.unwrap().contains("no Node"));
    }

    #[test]
    fn validation_errors_and_lints_point_at_their_lines() {
        let state = State::default();
        let yaml = state.inputs.yaml.replace("    spec:\n", "    spec:\n      restartPolicy: OnFailure\n      hostPID: true\n");
        let edited = reduce(state, Action::Apply(yaml.clone()));
        let line_of = |needle: &str| yaml.lines().position(|l| l.contains(needle)).unwrap() as u32 + 1;
        let error = edited.diagnostics.iter().find(|d| d.severity == Severity::Error).unwrap();
        assert_eq!(error.line, line_of("restartPolicy"));
        assert!(error.message.contains("Unsupported value: \"OnFailure\""));
        let lint = edited.diagnostics.iter().find(|d| d.message.contains("hostPID") || d.message.contains("PID")).unwrap();
        assert_eq!(lint.line, line_of("hostPID"));
    }

    #[test]
    fn presets_and_restores_replace_everything() {
        let state = reduce(State::default(), Action::LoadPreset("ssd".into()));
        assert!(state.inputs.yaml.contains("disktype: ssd"));
        assert_eq!(state.revision, 1);
        let same = reduce(state.clone(), Action::LoadPreset("no-such".into()));
        assert_eq!(same.inputs, state.inputs);
    }
}

#[cfg(test)]
mod flow_tests {
    use super::*;
    use dsplay_core::simulation::Actor;

    fn reduce(state: State, action: Action) -> State {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn the_page_opens_on_the_settled_creation_flow() {
        let state = State::default();
        let flow = state.flow.as_ref().unwrap();
        assert!(!flow.autoplay);
        assert_eq!(flow.timeline.steps[0].actor, Actor::Kubectl);
        let end = flow.timeline.snapshot_at(flow.timeline.steps.len());
        assert_eq!(end.pods.iter().filter(|p| p.status == "Running").count(), 3);
    }

    #[test]
    fn adding_a_node_plays_its_flow() {
        let state = State::default();
        let labelled = reduce(reduce(state, Action::AddNode), Action::AddLabel { node: "node-6".into(), key: "type".into(), value: "monitoring".into() });
        let flow = labelled.flow.as_ref().unwrap();
        assert!(flow.autoplay);
        assert!(flow.title.contains("node-6 is labelled type=monitoring"), "{}", flow.title);
        assert!(flow.timeline.steps.iter().any(|s| s.caption.contains("for node-6")));
    }

    #[test]
    fn a_noexecute_taint_plays_an_eviction() {
        let state = State::default();
        let taint = Taint { key: "maintenance".into(), value: String::new(), effect: "NoExecute".into() };
        let next = reduce(state, Action::AddTaint { node: "node-1".into(), taint });
        let flow = next.flow.as_ref().unwrap();
        assert!(flow.timeline.steps.iter().any(|s| s.actor == dsplay_core::simulation::Actor::TaintManager));
    }

    #[test]
    fn a_template_change_plays_a_rolling_update_and_a_broken_text_keeps_the_flow() {
        let state = State::default();
        let yaml = state.inputs.yaml.replace("node-exporter:v1.8.2", "node-exporter:v1.9.0");
        assert_ne!(yaml, state.inputs.yaml);
        let next = reduce(state, Action::Apply(yaml));
        let flow = next.flow.clone().unwrap();
        assert!(flow.timeline.steps.iter().any(|s| s.caption.contains("rolling update")), "{:#?}", flow.timeline.steps.iter().map(|s| &s.caption).collect::<Vec<_>>());
        let broken = reduce(next, Action::Apply("spec: [".into()));
        assert_eq!(broken.flow, Some(flow));
    }

    #[test]
    fn play_creation_restarts_with_autoplay() {
        let next = reduce(State::default(), Action::PlayCreation);
        assert!(next.flow.unwrap().autoplay);
    }
}
