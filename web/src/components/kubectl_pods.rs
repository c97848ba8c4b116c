//! The DaemonSet's pods after the plan and the text kubectl prints about them,
//! shared by the status line, kubectl's views and the pod manifest. No
//! components here: plain data built from `state.good` and `state.plan`.

use dsplay_core::name_index::NameIndex;

use dsplay_core::kubectl::{age_since, pod_status_text};
use dsplay_core::model::{DaemonSet, Pod, PodSpec};
use dsplay_core::ownership::{claim, target_node_name, Claim};
use dsplay_core::{Action as PlanAction, Plan};

use crate::state::{Good, PAGE_EPOCH};

/// At most this many rows of a long listing are drawn; a count says how many more.
pub const ROW_LIMIT: usize = 100;

/// `kubectl get pods -o wide`'s columns.
pub const POD_HEADER: [&str; 9] = [
    "NAME",
    "READY",
    "STATUS",
    "RESTARTS",
    "AGE",
    "IP",
    "NODE",
    "NOMINATED NODE",
    "READINESS GATES",
];

/// The name of the component that records the DaemonSet's events.
pub const EVENT_SOURCE: &str = "daemonset-controller";

/// Where a pod of the listing comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Origin<'a> {
    /// In the editor beside the DaemonSet (owned, or adopted by this sync).
    Existing(&'a Pod),
    /// Created by this sync: Pending, not yet bound to a node.
    Created,
}

/// One of the DaemonSet's pods after the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct DsPod<'a> {
    pub name: &'a str,
    /// The node the pod is for: its nodeName, or the node its affinity pins it to.
    pub target: Option<&'a str>,
    pub origin: Origin<'a>,
    /// Deleted by this sync, still shown while it terminates.
    pub deleting: bool,
    /// An orphan this sync adopts.
    pub adopted: bool,
}

impl DsPod<'_> {
    pub fn is_created(&self) -> bool {
        self.origin == Origin::Created
    }

    /// The `(node, pod)` pair `Action::Inspect` takes.
    pub fn inspect_target(&self) -> (String, String) {
        (
            self.target.unwrap_or_default().to_string(),
            self.name.to_string(),
        )
    }
}

/// The DaemonSet's pods once the plan is done, sorted by name as the API
/// server lists them: the editor's pods it owns or adopts (those it deletes
/// while they terminate) and the pods it creates. A deleted pod that is not
/// bound to a node, or has finished, goes at once (the API server gives it no
/// grace period), so it is left out.
// Models pkg/registry/core/pod/strategy.go CheckGracefulDelete (grace period 0
// for an unscheduled or terminal pod)
pub fn ds_pods<'a>(good: &'a Good, plan: &'a Plan) -> Vec<DsPod<'a>> {
    let mut deleted = NameIndex::default();
    let mut adopted = NameIndex::default();
    for action in &plan.actions {
        match action {
            PlanAction::Delete { pod, .. } => {
                deleted.insert(pod);
            }
            PlanAction::Adopt { pod, .. } => {
                adopted.insert(pod);
            }
            _ => {}
        }
    }
    let ds = &good.daemon_set;
    let mut pods: Vec<DsPod<'a>> = Vec::new();
    for pod in &good.pods {
        let claimed = matches!(claim(ds, pod), Claim::Owned | Claim::Adopt);
        if !claimed {
            continue;
        }
        let deleting = deleted.contains(pod.name());
        if deleting && (pod.spec.node_name.is_empty() || pod.is_terminal()) {
            continue;
        }
        pods.push(DsPod {
            name: pod.name(),
            target: target_node_name(pod),
            origin: Origin::Existing(pod),
            deleting,
            adopted: adopted.contains(pod.name()),
        });
    }
    for action in &plan.actions {
        if let PlanAction::Create { node, pod } = action {
            pods.push(DsPod {
                name: pod,
                target: Some(node),
                origin: Origin::Created,
                deleting: false,
                adopted: false,
            });
        }
    }
    dsplay_core::sorting::sort_by(&mut pods, |a, b| a.name.cmp(b.name));
    pods
}

/// Containers READY counts: the containers plus the restartable init
/// containers (sidecars).
// Models pkg/printers/internalversion/printers.go printPod (totalContainers)
fn container_count(spec: &PodSpec) -> usize {
    let sidecars = spec
        .init_containers
        .iter()
        .filter(|c| c.restart_policy.as_deref() == Some("Always"))
        .count();
    spec.containers.len() + sidecars
}

/// The pod's `kubectl get pods -o wide` row. dsplay does not model pod IPs,
/// restarts or readiness gates: IP shows `<none>`, RESTARTS 0.
pub fn pod_row(pod: &DsPod, ds: &DaemonSet) -> Vec<String> {
    let none = || "<none>".to_string();
    let template = &ds.spec.template.spec;
    let (ready, status, age, node) = match pod.origin {
        Origin::Created => {
            // A created pod has no nodeName: the scheduler binds it later. Only a
            // template that sets nodeName itself binds the pod at once.
            let node = if template.node_name.is_empty() {
                none()
            } else {
                template.node_name.clone()
            };
            (
                format!("0/{}", container_count(template)),
                "Pending".to_string(),
                "0s".to_string(),
                node,
            )
        }
        Origin::Existing(existing) => {
            let mut total = container_count(&existing.spec);
            if total == 0 {
                total = container_count(template);
            }
            let ready = if existing.is_ready() { total } else { 0 };
            let status = if pod.deleting {
                "Terminating".to_string()
            } else {
                pod_status_text(existing)
            };
            let node = if existing.spec.node_name.is_empty() {
                none()
            } else {
                existing.spec.node_name.clone()
            };
            (
                format!("{ready}/{total}"),
                status,
                age_since(existing.meta.creation_timestamp, PAGE_EPOCH),
                node,
            )
        }
    };
    vec![
        pod.name.to_string(),
        ready,
        status,
        "0".into(),
        age,
        none(),
        node,
        none(),
        none(),
    ]
}

/// What the client prints when the API server refuses the DaemonSet, in
/// kubectl's words: one error on the line, several as a list. An apiVersion
/// no server serves fails earlier, in kubectl's REST mapping.
// Models staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go StandardErrorMessage
// (IsInvalid: `The %s %q is invalid`) and MultilineError
pub fn refusal_text(name: &str, errors: &[String]) -> String {
    if let Some(mapping) = errors
        .iter()
        .find(|e| e.starts_with("resource mapping not found"))
    {
        return format!("error: {mapping}");
    }
    let prefix = format!("The DaemonSet {} is invalid: ", dsplay_core::validation::go_quote(name));
    match errors {
        [] => String::new(),
        [one] => format!("{prefix}{one}"),
        many => {
            let mut text = prefix;
            for error in many {
                text.push_str("\n* ");
                text.push_str(error);
            }
            text
        }
    }
}

/// `4900` as `4,900`.
pub fn count_text(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 pod`, `3 pods`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count_text(n), if n == 1 { one } else { many })
}

/// `... and 4,900 more` under a listing cut at [`ROW_LIMIT`] rows.
pub fn more_text(total: usize) -> Option<String> {
    (total > ROW_LIMIT).then(|| format!("... and {} more", count_text(total - ROW_LIMIT)))
}

/// The namespace flag kubectl needs for the DaemonSet's namespace.
pub fn namespace_flag(ds: &DaemonSet) -> String {
    if ds.meta.namespace.is_empty() || ds.meta.namespace == "default" {
        String::new()
    } else {
        format!(" -n {}", ds.meta.namespace)
    }
}
