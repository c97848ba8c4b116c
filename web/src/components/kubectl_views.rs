//! kubectl's views of the DaemonSet after this sync, as tabs: `kubectl get
//! pods -o wide`, `kubectl describe ds` with its events, the controller's
//! actions, and the lints. Pod names open the Pod manifest
//! (`Action::Inspect`). Long listings stop at `ROW_LIMIT` rows with a count.
use dsplay_core::name_index::NameIndex;

use dsplay_core::kubectl::{format_table, label_selector_text, node_selector_text};
use dsplay_core::model::DaemonSet;
use dsplay_core::revision::{template_generation, TEMPLATE_GENERATION_ANNOTATION};
use dsplay_core::{Action as PlanAction, Plan};
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::kubectl_pods::{
    count_text, ds_pods, more_text, namespace_flag, plural, pod_row, DsPod, Origin, EVENT_SOURCE,
    POD_HEADER, ROW_LIMIT,
};
use crate::state::{Action, Good, State};
use crate::class_list::class_list;

#[derive(Properties, PartialEq)]
pub struct KubectlViewsProps {
    pub state: UseReducerHandle<State>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Pods,
    Describe,
    Actions,
    Lints,
}

const TABS: [Tab; 4] = [Tab::Pods, Tab::Describe, Tab::Actions, Tab::Lints];

impl Tab {
    fn id(self) -> &'static str {
        match self {
            Tab::Pods => "pods",
            Tab::Describe => "describe",
            Tab::Actions => "actions",
            Tab::Lints => "lints",
        }
    }
}

#[function_component(KubectlViews)]
pub fn view(props: &KubectlViewsProps) -> Html {
    let selected = use_state_eq(|| Tab::Pods);
    let tab_refs = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    let state = &*props.state;
    let (Some(good), Some(plan)) = (state.good.as_deref(), state.plan.as_deref()) else {
        return html! {
            <section class="kc-views pane" aria-label="kubectl">
                <p class="kc-note">{ "kubectl's views appear once a DaemonSet reads cleanly." }</p>
            </section>
        };
    };
    let pods = ds_pods(good, plan);
    let inspect = {
        let handle = props.state.clone();
        Callback::from(move |target: (String, String)| {
            handle.dispatch(Action::Inspect(Some(target)))
        })
    };

    let counts = [
        format!("{} ({})", "Pods", count_text(pods.len())),
        format!("{} ({})", "Events", count_text(plan.events.len())),
        format!("{} ({})", "Actions", count_text(plan.actions.len())),
        format!("{} ({})", "Warnings", count_text(good.lints.len())),
    ];
    let tab_buttons = TABS.iter().enumerate().map(|(i, &tab)| {
        let is_selected = *selected == tab;
        let onclick = {
            let selected = selected.clone();
            Callback::from(move |_: MouseEvent| selected.set(tab))
        };
        let onkeydown = {
            let selected = selected.clone();
            let refs = tab_refs.clone();
            Callback::from(move |e: KeyboardEvent| {
                let last = TABS.len() - 1;
                let to = match e.key().as_str() {
                    "ArrowRight" => Some(if i == last { 0 } else { i + 1 }),
                    "ArrowLeft" => Some(if i == 0 { last } else { i - 1 }),
                    "Home" => Some(0),
                    "End" => Some(last),
                    _ => None,
                };
                if let Some(to) = to {
                    e.prevent_default();
                    selected.set(TABS[to]);
                    if let Some(el) = refs[to].cast::<HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            })
        };
        html! {
            <button
                type="button"
                role="tab"
                ref={tab_refs[i].clone()}
                id={format!("kc-tab-{}", tab.id())}
                class="kc-tab"
                aria-selected={if is_selected { "true" } else { "false" }}
                aria-controls={format!("kc-panel-{}", tab.id())}
                tabindex={if is_selected { "0" } else { "-1" }}
                data-testid={format!("tab-{}", tab.id())}
                {onclick}
                {onkeydown}
            >
                { counts[i].clone() }
            </button>
        }
    });
    // Only the selected tab's panel is drawn: the others are empty until
    // chosen, so that an edit at 5,000 nodes does not redraw a hundred events
    // and a hundred actions nobody sees.
    let mut body = Some(match *selected {
        Tab::Pods => pods_view(good, plan, &pods, &inspect),
        Tab::Describe => describe_view(good, plan, &pods),
        Tab::Actions => actions_view(plan, &inspect),
        Tab::Lints => lints_view(good, state.inputs.nodes.len()),
    });
    let panels = TABS.iter().map(|&tab| {
        let shown = tab == *selected;
        html! {
            <div
                role="tabpanel"
                id={format!("kc-panel-{}", tab.id())}
                class="kc-panel"
                aria-labelledby={format!("kc-tab-{}", tab.id())}
                tabindex="0"
                hidden={!shown}
            >
                { if shown { body.take().unwrap_or_default() } else { Html::default() } }
            </div>
        }
    });

    html! {
        <section class="kc-views pane" aria-labelledby="kc-views-title">
            <h2 id="kc-views-title" class="kc-title">{ "What kubectl would show" }</h2>
            <div class="kc-tabs" role="tablist" aria-label="kubectl views">{ for tab_buttons }</div>
            { for panels }
        </section>
    }
}

fn prompt(command: String) -> Html {
    html! { <div class="kc-prompt">{ format!("$ {command}") }</div> }
}

/// A pod name that opens its manifest.
fn pod_button(name: &str, target: (String, String), inspect: &Callback<(String, String)>) -> Html {
    let onclick = inspect.reform(move |_: MouseEvent| target.clone());
    html! {
        <button
            type="button"
            class="kc-pod"
            data-testid="pod-link"
            aria-label={format!("Show the manifest of pod {name}")}
            aria-haspopup="dialog"
            {onclick}
        >
            { name.to_string() }
        </button>
    }
}

fn pods_view(
    good: &Good,
    plan: &Plan,
    pods: &[DsPod],
    inspect: &Callback<(String, String)>,
) -> Html {
    let ds = &good.daemon_set;
    let command = format!(
        "kubectl get pods{} -l {} -o wide",
        namespace_flag(ds),
        label_selector_text(ds.spec.selector.as_ref())
    );
    let shown = &pods[..pods.len().min(ROW_LIMIT)];
    let rows: Vec<Vec<String>> = shown.iter().map(|p| pod_row(p, ds)).collect();
    // Looked up once per row: a scan of 5,000 verdicts per row took milliseconds.
    // Only nodes that should run carry the scheduler's reasons (the others'
    // reasons say why they get no pod), so the index stays small.
    let pending_nodes = NameIndex::new(
        plan.nodes.iter().filter(|n| n.should_run && !n.reasons.is_empty()).map(|n| n.name.as_str()),
    );
    let text = format_table(&POD_HEADER, &rows);
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default().to_string();
    let lines = shown.iter().zip(&rows).zip(lines).map(|((pod, row), line)| {
        let cell = |i: usize| row.get(i).cloned().unwrap_or_default();
        let rest = line.strip_prefix(pod.name).unwrap_or(line).to_string();
        let name = if line.starts_with(pod.name) {
            pod_button(pod.name, pod.inspect_target(), inspect)
        } else {
            Html::default()
        };
        html! {
            <span
                class={class_list(&[Some("kc-line"), pod.is_created().then_some("kc-created"), pod.deleting.then_some("kc-deleting")])}
                data-testid="pod-row"
                data-pod={pod.name.to_string()}
                data-status={cell(2)}
                data-node={cell(6)}
            >
                { name }{ rest }
                <span class="kc-comment">{ pod_comment(pod, &pending_nodes, ds) }</span>
                { "\n" }
            </span>
        }
    });
    let created = plan
        .actions
        .iter()
        .any(|a| matches!(a, PlanAction::Create { .. }));
    html! {
        <div class="kc-term">
            { prompt(command) }
            if pods.is_empty() {
                <pre class="kc-term-text" data-testid="pods-table">
                    { format!("No resources found in {} namespace.", namespace_name(ds)) }
                </pre>
            } else {
                <pre class="kc-term-text" data-testid="pods-table">
                    <span class="kc-line kc-header">{ header }{ "\n" }</span>
                    { for lines }
                    if let Some(more) = more_text(pods.len()) {
                        <span class="kc-line kc-more" data-testid="pods-more">{ more }</span>
                    }
                </pre>
            }
            if created {
                <p class="kc-note">
                    { "A pod the controller creates has no " }<code>{ "spec.nodeName" }</code>
                    { ": it is Pending with NODE <none> until the default scheduler binds it. Since Kubernetes \
                       1.12 the controller does not place its pods itself; it gives each one a required node \
                       affinity, " }
                    <code>{ "matchFields: metadata.name In [node]" }</code>
                    { ", that only its node satisfies. Open a pod to see it." }
                </p>
            }
            <p class="kc-note kc-muted">{ "dsplay does not model pod IPs or restarts: IP shows <none>, RESTARTS 0." }</p>
        </div>
    }
}

/// The `# ...` after a row: what this sync does to the pod, and where a new
/// pod goes.
/// `pending_nodes`: the nodes whose verdict carries the scheduler's reasons.
fn pod_comment(pod: &DsPod, pending_nodes: &NameIndex, ds: &DaemonSet) -> String {
    let node = pod.target.unwrap_or("?");
    if pod.is_created() {
        if !ds.spec.template.spec.node_name.is_empty() {
            return "   # new: the template's nodeName binds it directly".into();
        }
        let stays_pending = pending_nodes.contains(node);
        return if stays_pending {
            format!("   # new, for {node}: the scheduler would leave it Pending (see the node)")
        } else {
            format!("   # new, for {node}: the scheduler binds it there")
        };
    }
    if pod.deleting {
        return "   # deleted by this sync".into();
    }
    if pod.adopted {
        return "   # adopted by this sync".into();
    }
    String::new()
}

fn namespace_name(ds: &DaemonSet) -> &str {
    if ds.meta.namespace.is_empty() {
        "default"
    } else {
        &ds.meta.namespace
    }
}

/// `kubectl describe ds`, without the Pod Template part (open a pod for it).
// Models staging/src/k8s.io/kubectl/pkg/describe/describe.go DaemonSetDescriber
// (describeDaemonSet) and DescribeEvents
fn describe_view(good: &Good, plan: &Plan, pods: &[DsPod]) -> Html {
    let ds = &good.daemon_set;
    let status = plan.status_after.unwrap_or_default();
    let mut text = String::new();
    let field = |text: &mut String, key: &str, values: Vec<String>| {
        let pad = 16usize;
        let values = if values.is_empty() {
            vec!["<none>".to_string()]
        } else {
            values
        };
        for (i, value) in values.iter().enumerate() {
            let key = if i == 0 {
                format!("{key}:")
            } else {
                String::new()
            };
            text.push_str(&format!("{key:<pad$}{value}\n"));
        }
    };
    field(&mut text, "Name", vec![ds.meta.name.clone()]);
    field(
        &mut text,
        "Selector",
        vec![label_selector_text(ds.spec.selector.as_ref())],
    );
    let node_selector = node_selector_text(ds);
    field(&mut text, "Node-Selector", vec![node_selector]);
    field(
        &mut text,
        "Labels",
        ds.meta
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect(),
    );
    // The API server sets the template generation annotation on create.
    let mut annotations = ds.meta.annotations.clone();
    if let Some(generation) = template_generation(ds) {
        annotations.get_or_insert_with(TEMPLATE_GENERATION_ANNOTATION, || generation.to_string());
    }
    field(
        &mut text,
        "Annotations",
        annotations
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect(),
    );
    for (label, count) in [
        ("Desired Number of Nodes Scheduled", status.desired_number_scheduled),
        ("Current Number of Nodes Scheduled", status.current_number_scheduled),
        ("Number of Nodes Scheduled with Up-to-date Pods", status.updated_number_scheduled),
        ("Number of Nodes Scheduled with Available Pods", status.number_available),
        ("Number of Nodes Misscheduled", status.number_misscheduled),
    ] {
        text.push_str(&format!("{label}: {count}\n"));
    }
    let (mut running, mut waiting, mut succeeded, mut failed) = (0, 0, 0, 0);
    for pod in pods {
        let phase = match pod.origin {
            Origin::Created => "Pending",
            Origin::Existing(p) if p.phase.is_empty() => "Pending",
            Origin::Existing(p) => p.phase.as_str(),
        };
        match phase {
            "Running" => running += 1,
            "Pending" => waiting += 1,
            "Succeeded" => succeeded += 1,
            "Failed" => failed += 1,
            _ => {}
        }
    }
    text.push_str(&format!(
        "Pods Status:  {running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"
    ));

    let events = if plan.events.is_empty() {
        html! { <span class="kc-line" data-testid="events">{ "Events:  <none>\n" }</span> }
    } else {
        let shown = &plan.events[..plan.events.len().min(ROW_LIMIT)];
        let mut rows: Vec<Vec<String>> = vec![["----", "------", "----", "----", "-------"]
            .map(String::from)
            .to_vec()];
        rows.extend(shown.iter().map(|e| {
            vec![
                e.kind.clone(),
                e.reason.clone(),
                "0s".into(),
                EVENT_SOURCE.into(),
                e.message.clone(),
            ]
        }));
        let table = format_table(&["Type", "Reason", "Age", "From", "Message"], &rows);
        let mut lines = table.lines();
        let head: String = lines.by_ref().take(2).map(|l| format!("  {l}\n")).collect();
        let rows = shown.iter().zip(lines).map(|(event, line)| {
            html! {
                <span
                    class={class_list(&[Some("kc-line"), (event.kind == "Warning").then_some("kc-warning")])}
                    data-testid="event"
                    data-reason={event.reason.clone()}
                >
                    { format!("  {line}\n") }
                </span>
            }
        });
        html! {
            <span data-testid="events">
                { "Events:\n" }{ head }
                { for rows }
                if let Some(more) = more_text(plan.events.len()) {
                    <span class="kc-line kc-more">{ format!("  {more}\n") }</span>
                }
            </span>
        }
    };
    html! {
        <div class="kc-term">
            { prompt(format!("kubectl describe ds {}{}", ds.meta.name, namespace_flag(ds))) }
            <pre class="kc-term-text" data-testid="describe">{ text }{ events }</pre>
            <p class="kc-note kc-muted">
                { "The events of this one sync (Age 0s: the page's clock stands still). The Pod Template \
                   section is left out: open a pod to see the pod the controller makes from it." }
            </p>
        </div>
    }
}

fn actions_view(plan: &Plan, inspect: &Callback<(String, String)>) -> Html {
    if plan.actions.is_empty() {
        return html! {
            <p class="kc-note" data-testid="actions">
                { "Nothing to do: the pods already match the DaemonSet, so this sync creates and deletes nothing." }
            </p>
        };
    }
    let items = plan.actions.iter().take(ROW_LIMIT).map(|action| {
        let (verb, joiner, after) = match action {
            PlanAction::Create { .. } => (
                "create",
                "for node",
                " (Pending until the scheduler binds it)",
            ),
            PlanAction::Delete { .. } => ("delete", "on node", ""),
            PlanAction::Adopt { .. } => ("adopt", "on node", ": its ownerReference is patched in"),
            PlanAction::Release { .. } => ("release", "on node", ": its ownerReference is removed"),
        };
        let node = if action.node().is_empty() {
            "<none>"
        } else {
            action.node()
        };
        let target = (action.node().to_string(), action.pod().to_string());
        html! {
            <li class="kc-action" data-testid="action" data-action={verb}>
                <span class={class_list(&[Some("kc-verb"), Some(format!("kc-verb-{verb}").as_str())])}>{ verb }</span>
                { " pod " }{ pod_button(action.pod(), target, inspect) }
                { format!(" {joiner} ") }<code>{ node }</code>{ after }
            </li>
        }
    });
    html! {
        <div>
            <p class="kc-note">{ format!("What this one sync would ask the API server to do ({}):", plural(plan.actions.len(), "action", "actions")) }</p>
            <ol class="kc-actions" data-testid="actions">{ for items }</ol>
            if let Some(more) = more_text(plan.actions.len()) {
                <p class="kc-more">{ more }</p>
            }
        </div>
    }
}

fn lints_view(good: &Good, nodes: usize) -> Html {
    let items = good.lints.iter().map(|lint| {
        html! {
            <li class="kc-lint" data-testid="lint" data-code={lint.code}>
                <span class="kc-badge kc-warning">{ "warning" }</span>
                { " " }<code class="kc-field">{ &lint.field }</code>
                <p>{ &lint.message }</p>
            </li>
        }
    });
    html! {
        <div data-testid="lints">
            if good.lints.is_empty() {
                <p class="kc-note">{ "No warnings: nothing risky that would be multiplied across the nodes." }</p>
            } else {
                <p class="kc-note">
                    { format!(
                        "Legal, so the API server accepts them, but a DaemonSet runs one pod on every node it \
                         selects: each risk below is taken on all of them (up to {} here).",
                        plural(nodes, "node", "nodes")
                    ) }
                </p>
                <ul class="kc-lints">{ for items }</ul>
            }
        </div>
    }
}
