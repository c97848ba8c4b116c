use yew::prelude::*;

use crate::components::editor::Editor;
use crate::components::node_list::NodeList;
use crate::components::status_line::StatusLine;
use crate::state::{Action, State};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);

    let on_edit = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::EditYaml(text)))
    };
    let on_add = {
        let state = state.clone();
        Callback::from(move |labels: String| state.dispatch(Action::AddNode(labels)))
    };
    let on_remove = {
        let state = state.clone();
        Callback::from(move |name: String| state.dispatch(Action::RemoveNode(name)))
    };

    html! {
        <div class="app">
            <header class="masthead">
                <h1>{ "dsplay" }</h1>
                <p class="tagline">{ "Edit a DaemonSet, see which nodes get a pod. Simulated in your browser; nothing is sent anywhere." }</p>
            </header>
            <StatusLine plan={state.plan.clone()} stale={state.stale} />
            <main class="panes">
                <Editor
                    text={state.yaml.clone()}
                    diagnostics={state.diagnostics.clone()}
                    stale={state.stale}
                    {on_edit}
                />
                <NodeList nodes={state.node_views()} {on_add} {on_remove} />
            </main>
        </div>
    }
}
