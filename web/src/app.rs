use yew::prelude::*;

use crate::components::cluster_view::ClusterView;
use crate::components::editor::Editor;
use crate::components::flow_player::FlowPlayer;
use crate::components::kubectl_views::KubectlViews;
use crate::components::node_tools::NodeTools;
use crate::components::pod_manifest::PodManifest;
use crate::components::status_line::StatusLine;
use crate::components::toolbar::Toolbar;
use crate::hooks::debouncer::use_debouncer;
use crate::state::{Inputs, State};

/// How long editing must pause before the work is saved.
const SAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(500);
use crate::{location, storage};

/// Where the page's first state comes from, in order: a share link in the
/// address, `?preset=NAME`, the work saved in this browser, the default preset.
fn first_state() -> (State, Option<String>) {
    if let Some(shared) = location::shared_inputs() {
        return match shared {
            Ok(inputs) => (State::new(inputs), None),
            Err(message) => (State::default(), Some(format!("The link could not be opened: {message}."))),
        };
    }
    if let Some(name) = location::query_param("preset") {
        return match dsplay_core::presets::preset(&name) {
            Some(preset) => (State::new(Inputs::from_preset(preset)), None),
            None => (State::default(), Some(format!("There is no preset named {name:?}."))),
        };
    }
    match storage::load() {
        Some(saved) => (State::new(saved), None),
        None => (State::default(), None),
    }
}

/// The page: the toolbar, the `kubectl get ds` line, the DaemonSet editor
/// beside the cluster, and kubectl's views of it below.
#[function_component(App)]
pub fn app() -> Html {
    let first = use_memo((), |_| first_state());
    let state = use_reducer({
        let first = first.clone();
        move || first.0.clone()
    });
    let notice = use_state({
        let first = first.clone();
        move || first.1.clone()
    });

    // Autosave whenever the inputs change, but not what a link or preset
    // opened until the user edits it: that would overwrite their saved work.
    // Saving encodes every node, so it waits for a pause in editing.
    let saver = use_debouncer();
    {
        let notice = notice.clone();
        let storage_refused = use_mut_ref(|| false);
        use_effect_with(state.revision, {
            let state = state.clone();
            move |revision| {
                if *revision > 0 {
                    location::forget_opened_state();
                    let inputs = state.inputs.clone();
                    saver.after(SAVE_DELAY, move || {
                        if let Err(message) = storage::save(&inputs) {
                            // Said once; the page goes on in memory.
                            if !*storage_refused.borrow() {
                                *storage_refused.borrow_mut() = true;
                                notice.set(Some(format!("Not saved: {message}.")));
                            }
                        }
                    });
                }
            }
        });
    }

    let dismiss = {
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| notice.set(None))
    };

    html! {
        <div class="app">
            <Toolbar state={state.clone()} />
            if let Some(message) = (*notice).clone() {
                <p class="notice" role="status" data-testid="notice">
                    { message }
                    <button class="dismiss" aria-label="Dismiss this message" onclick={dismiss}>{ "×" }</button>
                </p>
            }
            <StatusLine state={state.clone()} />
            <FlowPlayer state={state.clone()} />
            <main class="panes">
                <Editor state={state.clone()} />
                <section class="pane cluster-pane" aria-label="Cluster">
                    <NodeTools state={state.clone()} />
                    <ClusterView state={state.clone()} />
                </section>
            </main>
            <KubectlViews state={state.clone()} />
            <PodManifest state={state} />
        </div>
    }
}
