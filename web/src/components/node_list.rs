use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::node_card::NodeCard;
use crate::state::{NodeView, DEFAULT_NEW_NODE_LABELS};

#[derive(Properties, PartialEq)]
pub struct NodeListProps {
    pub nodes: Vec<NodeView>,
    /// Add a node with these labels (`key=value,key=value`).
    pub on_add: Callback<String>,
    pub on_remove: Callback<String>,
}

/// The cluster's nodes as a grid of cards, and a form that adds one.
#[function_component(NodeList)]
pub fn node_list(props: &NodeListProps) -> Html {
    let labels = use_state(|| DEFAULT_NEW_NODE_LABELS.to_string());
    let oninput = {
        let labels = labels.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            labels.set(input.value());
        })
    };
    let onsubmit = {
        let labels = labels.clone();
        let on_add = props.on_add.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_add.emit((*labels).clone());
        })
    };

    html! {
        <section class="pane nodes-pane">
            <div class="pane-title">{ format!("Nodes ({})", props.nodes.len()) }</div>
            <form class="add-node" {onsubmit}>
                <input
                    class="new-labels"
                    data-testid="new-node-labels"
                    aria-label="Labels of the new node"
                    placeholder="key=value,key=value"
                    value={(*labels).clone()}
                    {oninput}
                />
                <button type="submit" data-testid="add-node">{ "Add node" }</button>
            </form>
            <ul class="node-grid">
                { for props.nodes.iter().map(|view| html! {
                    <NodeCard key={view.node.name().to_string()} view={view.clone()} on_remove={props.on_remove.clone()} />
                }) }
            </ul>
        </section>
    }
}
