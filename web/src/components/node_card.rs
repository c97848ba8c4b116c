use yew::prelude::*;

use crate::state::NodeView;

#[derive(Properties, PartialEq)]
pub struct NodeCardProps {
    pub view: NodeView,
    pub on_remove: Callback<String>,
}

/// One node: its name, labels, the DaemonSet's pods on it, or why it gets none.
#[function_component(NodeCard)]
pub fn node_card(props: &NodeCardProps) -> Html {
    let NodeView { node, verdict, pods } = &props.view;
    let name = node.name().to_string();
    let onclick = {
        let on_remove = props.on_remove.clone();
        let name = name.clone();
        Callback::from(move |_: MouseEvent| on_remove.emit(name.clone()))
    };
    let runs = verdict.as_ref().is_some_and(|v| v.should_run);
    let class = classes!("node", runs.then_some("runs"));
    let reasons = verdict.as_ref().map(|v| v.reasons.as_slice()).unwrap_or_default();

    html! {
        <li class={class} data-testid="node" data-node-name={name.clone()}>
            <div class="node-head">
                <span class="node-name">{ &name }</span>
                <button class="remove" title={format!("Remove {name}")} aria-label={format!("Remove {name}")} {onclick}>{ "×" }</button>
            </div>
            <ul class="labels">
                { for node.meta.labels.iter().map(|(k, v)| html! {
                    <li class="label">{ if v.is_empty() { k.clone() } else { format!("{k}={v}") } }</li>
                }) }
                if node.meta.labels.is_empty() {
                    <li class="label none">{ "no labels" }</li>
                }
            </ul>
            <ul class="pods">
                { for pods.iter().map(|pod| html! {
                    <li class={classes!("pod", pod.kind.name())} data-testid="pod" data-pod-name={pod.name.clone()} data-pod-state={pod.kind.name()} title={pod.kind.name()}>{ &pod.name }</li>
                }) }
            </ul>
            if !reasons.is_empty() {
                <ul class="reasons" data-testid="reasons">
                    { for reasons.iter().map(|r| html! { <li>{ r }</li> }) }
                </ul>
            }
        </li>
    }
}
