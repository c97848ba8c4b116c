//! The table a kubectl user reads: the `kubectl get ds` row, a row per node with
//! its verdict and the reason, the actions, and the events as `kubectl describe
//! ds` lists them.

use dsplay_core::kubectl::{format_table, get_ds_header, get_ds_row};
use dsplay_core::model::{DaemonSet, Node};
use dsplay_core::{Action, Plan};

pub fn render(ds: &DaemonSet, nodes: &[Node], plan: &Plan, wide: bool) -> String {
    let mut out = String::new();
    if !plan.validation_errors.is_empty() {
        out.push_str(&format!("The API server would refuse this DaemonSet: {}\n", refusal(ds, &plan.validation_errors)));
        out.push_str("What the controller would do with it anyway:\n\n");
    }
    if let Some(status) = plan.status_after.as_ref() {
        let header = get_ds_header(wide);
        out.push_str(&format_table(&header, &[get_ds_row(ds, status, "0s", wide)]));
    } else {
        out.push_str("The controller leaves this DaemonSet alone (no status is written).\n");
    }
    out.push('\n');

    let pod_on = |node: &str| -> String {
        let created = plan.actions.iter().find_map(|a| match a {
            Action::Create { node: n, pod } if n == node => Some(format!("{pod} (created)")),
            _ => None,
        });
        let deleted = plan.actions.iter().find_map(|a| match a {
            Action::Delete { node: n, pod } if n == node => Some(format!("{pod} (deleted)")),
            _ => None,
        });
        created.or(deleted).unwrap_or_else(|| "<none>".into())
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let mut header = vec!["NODE", "SHOULD RUN", "MAY KEEP POD", "POD"];
    if wide {
        header.extend(["LABELS", "TAINTS"]);
    }
    header.push("REASON");
    let rows: Vec<Vec<String>> = plan
        .nodes
        .iter()
        .zip(nodes)
        .map(|(verdict, node)| {
            let mut row = vec![
                verdict.name.clone(),
                yes_no(verdict.should_run),
                yes_no(verdict.should_continue_running),
                pod_on(&verdict.name),
            ];
            if wide {
                let labels: Vec<String> = node.meta.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
                let taints: Vec<String> = node
                    .taints
                    .iter()
                    .map(|t| if t.value.is_empty() { format!("{}:{}", t.key, t.effect) } else { format!("{}={}:{}", t.key, t.value, t.effect) })
                    .collect();
                row.push(none_if_empty(labels.join(",")));
                row.push(none_if_empty(taints.join(",")));
            }
            row.push(verdict.reasons.join("; "));
            row
        })
        .collect();
    out.push_str(&format_table(&header, &rows));

    out.push('\n');
    if plan.actions.is_empty() {
        out.push_str("Actions: none\n");
    } else {
        out.push_str("Actions:\n");
        for action in &plan.actions {
            let (verb, pod, node) = match action {
                Action::Create { node, pod } => ("create pod", pod, node),
                Action::Delete { node, pod } => ("delete pod", pod, node),
                Action::Adopt { node, pod } => ("adopt pod", pod, node),
                Action::Release { node, pod } => ("release pod", pod, node),
            };
            out.push_str(&format!("  {verb} {pod} on {}\n", if node.is_empty() { "<no node>" } else { node }));
        }
    }
    if !plan.events.is_empty() {
        out.push_str("\nEvents:\n");
        let rows: Vec<Vec<String>> = plan
            .events
            .iter()
            .map(|e| vec![e.kind.clone(), e.reason.clone(), "0s".into(), "daemonset-controller".into(), e.message.clone()])
            .collect();
        for line in format_table(&["Type", "Reason", "Age", "From", "Message"], &rows).lines() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `DaemonSet.apps "NAME" is invalid: ...`, as kubectl prints the refusal.
pub fn refusal(ds: &DaemonSet, errors: &[String]) -> String {
    let list = match errors {
        [one] => one.clone(),
        many => format!("[{}]", many.join(", ")),
    };
    format!("DaemonSet.apps {:?} is invalid: {list}", ds.meta.name)
}

fn none_if_empty(text: String) -> String {
    if text.is_empty() { "<none>".into() } else { text }
}
