use dsplay_core::Plan;
use yew::prelude::*;

use crate::state::{short_name, status_table};

#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    pub plan: Option<Plan>,
    pub stale: bool,
}

/// `kubectl get ds` for the DaemonSet after this reconcile, plus the API
/// server's refusal if it would refuse the DaemonSet.
#[function_component(StatusLine)]
pub fn status_line(props: &StatusLineProps) -> Html {
    let Some(plan) = &props.plan else {
        return html! {
            <section class="status">
                <pre class="ds-status" data-testid="ds-status">{ "No DaemonSet yet." }</pre>
            </section>
        };
    };
    let name = short_name(&plan.daemon_set);
    let text = match &plan.status_after {
        Some(status) => status_table(name, status),
        None => format!("{name}: the controller writes no status for this DaemonSet"),
    };
    let class = if props.stale { "ds-status stale" } else { "ds-status" };
    html! {
        <section class="status">
            <pre class={class} data-testid="ds-status">{ text }</pre>
            if !plan.validation_errors.is_empty() {
                <ul class="validation" data-testid="validation-errors">
                    { for plan.validation_errors.iter().map(|e| html! {
                        <li>{ format!("The API server would refuse it: {e}") }</li>
                    }) }
                </ul>
            }
        </section>
    }
}
