//! `kubectl get ds` for the DaemonSet after this sync, the pods-on-nodes
//! summary a learner reads first, and the API server's refusal when it would
//! refuse the DaemonSet (spec g.4, e).
use dsplay_core::kubectl::{age_since, format_table, get_ds_header, get_ds_row};
use dsplay_core::name_index::NameIndex;
use dsplay_core::Status;
use yew::prelude::*;

use crate::components::kubectl_pods::{
    ds_pods, namespace_flag, plural, refusal_text, EVENT_SOURCE,
};
use crate::state::{State, PAGE_EPOCH};
use crate::class_list::class_list;

#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    pub state: UseReducerHandle<State>,
}

#[function_component(StatusLine)]
pub fn status_line(props: &StatusLineProps) -> Html {
    let state = &*props.state;
    let (Some(good), Some(plan)) = (state.good.as_deref(), state.plan.as_deref()) else {
        return html! {
            <section class="kc-status" aria-label="DaemonSet status">
                <pre class="ds-status kc-ds" data-testid="ds-status">
                    { "No DaemonSet yet: write one in the editor." }
                </pre>
            </section>
        };
    };
    let ds = &good.daemon_set;
    // The page's clock is fixed: a DaemonSet without a creationTimestamp is
    // being created now.
    let age = age_since(ds.meta.creation_timestamp.or(Some(PAGE_EPOCH)), PAGE_EPOCH);
    // A DaemonSet whose status the controller never writes shows zeros, as a
    // new one does.
    let status = plan.status_after.unwrap_or_default();
    let table = format_table(
        &get_ds_header(false),
        &[get_ds_row(ds, &status, &age, false)],
    );
    let refused = !plan.validation_errors.is_empty();
    let class = class_list(&[Some("ds-status"), Some("kc-ds"), state.stale.then_some("kc-stale"), refused.then_some("kc-refused")]);

    let refusal = refused.then(|| {
        html! {
            <div class="kc-refusal" role="alert" data-testid="validation-errors">
                <p class="kc-refusal-title">{ "The API server would refuse this DaemonSet" }</p>
                <pre class="kc-term-text">
                    <span class="kc-prompt">{ "$ kubectl apply -f daemonset.yaml" }</span>
                    { "\n" }
                    { refusal_text(&ds.meta.name, &plan.validation_errors) }
                </pre>
                <p class="kc-note">
                    { "Nothing would be created: a refused DaemonSet never reaches the controller. \
                       The views below show what it would do if the DaemonSet were accepted." }
                </p>
            </div>
        }
    });

    let no_status = plan.status_after.is_none().then(|| {
        let why = if ds.meta.deletion_timestamp.is_some() {
            "it is being deleted (metadata.deletionTimestamp is set): the garbage collector removes its pods"
        } else {
            "its selector is empty, so it would select every pod in its namespace"
        };
        let events = plan.events.iter().map(|e| {
            html! {
                <li data-testid="status-event">
                    <span class={class_list(&[Some("kc-event-type"), (e.kind == "Warning").then_some("kc-warning")])}>{ &e.kind }</span>
                    { " " }<code>{ &e.reason }</code>{ " " }{ &e.message }
                    <span class="kc-muted">{ format!(" (from {EVENT_SOURCE})") }</span>
                </li>
            }
        });
        html! {
            <div class="kc-no-status" data-testid="no-status">
                <p>{ format!("The controller writes no status for this DaemonSet and creates or deletes nothing: {why}.") }</p>
                <ul class="kc-plain-list">{ for events }</ul>
            </div>
        }
    });

    html! {
        <section class="kc-status" aria-label="DaemonSet status">
            { refusal }
            <div class="kc-term">
                <div class="kc-prompt">{ format!("$ kubectl get ds {}{}", ds.meta.name, namespace_flag(ds)) }</div>
                <pre class={class} data-testid="ds-status">{ table }</pre>
            </div>
            if state.stale {
                <p class="kc-stale-note" data-testid="ds-status-stale">
                    { "The editor's text has errors: this is the last DaemonSet that read cleanly." }
                </p>
            }
            { no_status }
            <p class="kc-summary" data-testid="ds-summary">{ summary(state, &status) }</p>
        </section>
    }
}

/// "3 pods on 3 of 5 nodes · 3 created by this sync · 2 nodes get none".
fn summary(state: &State, status: &Status) -> String {
    let (Some(good), Some(plan)) = (state.good.as_deref(), state.plan.as_deref()) else {
        return String::new();
    };
    let pods = ds_pods(good, plan);
    let staying: Vec<_> = pods.iter().filter(|p| !p.deleting).collect();
    let nodes = NameIndex::new(staying.iter().filter_map(|p| p.target));
    let total = state.inputs.nodes.len();
    let mut parts = vec![format!(
        "{} on {} of {}",
        plural(staying.len(), "pod", "pods"),
        nodes.len(),
        plural(total, "node", "nodes")
    )];
    let count =
        |want: fn(&dsplay_core::Action) -> bool| plan.actions.iter().filter(|a| want(a)).count();
    let created = count(|a| matches!(a, dsplay_core::Action::Create { .. }));
    let deleted = count(|a| matches!(a, dsplay_core::Action::Delete { .. }));
    if created > 0 {
        parts.push(format!(
            "{created} created by this sync, Pending until the scheduler binds them"
        ));
    }
    if deleted > 0 {
        parts.push(format!("{deleted} deleted"));
    }
    if status.number_misscheduled > 0 {
        parts.push(format!(
            "{} misscheduled (kept on a node it would not get now)",
            status.number_misscheduled
        ));
    }
    let bare = total.saturating_sub(nodes.len());
    if bare > 0 {
        parts.push(format!("{} none", plural(bare, "node gets", "nodes get")));
    }
    parts.join(" · ")
}
