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
use crate::page_options::PageOptions;
use crate::state::{Inputs, State};
use crate::{location, storage};
use crate::class_list::class_list;

/// How long editing must pause before the work is saved.
const SAVE_DELAY: std::time::Duration = std::time::Duration::from_millis(500);

/// What the page opens on: the inputs (`None`: the default preset) and a
/// notice to show with them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Opening {
    pub inputs: Option<Inputs>,
    pub notice: Option<String>,
}

impl Opening {
    /// Where the page's first state comes from, in order: a share link in the
    /// address, `?preset=NAME`, the work saved in this browser (not when
    /// embedded: a tutorial's frame shows its own scenario), the default
    /// preset. Asynchronous: the browser inflates links and saved work; with
    /// neither, it is ready on its first poll.
    pub async fn from_address(options: &PageOptions) -> Opening {
        let opened = |inputs| Opening { inputs: Some(inputs), notice: None };
        let refused = |notice| Opening { inputs: None, notice: Some(notice) };
        if let Some(shared) = location::shared_inputs().await {
            return match shared {
                Ok(inputs) => opened(inputs),
                Err(message) => refused(format!("The link could not be opened: {message}.")),
            };
        }
        if let Some(name) = location::query_param("preset") {
            return match dsplay_core::presets::preset(&name) {
                Some(preset) => opened(Inputs::from_preset(preset)),
                None => refused(format!("There is no preset named {}.", dsplay_core::validation::go_quote(&name))),
            };
        }
        if !options.embed {
            if let Some(saved) = storage::load().await {
                return opened(saved);
            }
        }
        Opening::default()
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// What the page opens on (`main` works it out before the first render,
    /// so no default preset flashes by); the default preset when not given.
    #[prop_or_default]
    pub opening: Opening,
}

/// The page: the toolbar, the `kubectl get ds` line, the flow, the DaemonSet
/// editor beside the cluster, and kubectl's views of it below. Embedded, it
/// drops the chrome and shows the parts `view=` asks for.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let options = *use_memo((), |_| PageOptions::from_address());
    let state = use_reducer({
        let inputs = props.opening.inputs.clone();
        move || {
            let mut state = inputs.map(State::new).unwrap_or_default();
            state.readonly = options.readonly;
            state
        }
    });
    let notice = use_state({
        let notice = props.opening.notice.clone();
        move || notice
    });

    // For scripts/bench-page: the first render, and every render after a
    // change, is in the document (effects run once every component has rendered).
    use_effect_with((), |_| crate::perf::mark("dsplay:first-render"));
    use_effect(|| crate::perf::mark("dsplay:rendered"));

    // `theme=light|dark` overrides the system's colour scheme.
    use_effect_with(options.theme_attribute(), |theme| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = if theme.is_empty() { root.remove_attribute("data-theme") } else { root.set_attribute("data-theme", theme) };
        }
    });

    // Autosave whenever the inputs change, but not what a link or preset
    // opened until the user edits it (that would overwrite their saved work),
    // and never from an embedded frame. Saving encodes every node, so it
    // waits for a pause in editing.
    let saver = use_debouncer();
    {
        let notice = notice.clone();
        let storage_refused = use_mut_ref(|| false);
        use_effect_with(state.revision, {
            let state = state.clone();
            move |revision| {
                // Text over the reader's limit is not saved (the last saved
                // work stays): compressing 10 MB would block the page for a second.
                let oversize = state.inputs.yaml.len() > dsplay_core::read::MAX_SOURCE_BYTES;
                if *revision > 0 && !options.embed && !oversize {
                    location::forget_opened_state();
                    let inputs = state.inputs.clone();
                    saver.after(SAVE_DELAY, move || {
                        yew::platform::spawn_local(async move {
                            if let Err(message) = storage::save(inputs).await {
                                // Said once; the page goes on in memory.
                                if !*storage_refused.borrow() {
                                    *storage_refused.borrow_mut() = true;
                                    notice.set(Some(format!("Not saved: {message}.")));
                                }
                            }
                        });
                    });
                }
            }
        });
    }

    let dismiss = {
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| notice.set(None))
    };
    let class = class_list(&[Some("app"), options.embed.then_some("embed"), options.readonly.then_some("readonly")]);

    html! {
        <ContextProvider<PageOptions> context={options}>
            <div {class}>
                <Toolbar state={state.clone()} />
                if let Some(message) = (*notice).clone() {
                    <p class="notice" role="status" data-testid="notice">
                        { message }
                        <button class="dismiss" aria-label="Dismiss this message" onclick={dismiss}>{ "×" }</button>
                    </p>
                }
                <StatusLine state={state.clone()} />
                if options.shows_flow() {
                    <FlowPlayer state={state.clone()} />
                }
                if options.shows_editor() {
                    <main class="panes">
                        <Editor state={state.clone()} />
                        <section class="pane cluster-pane" aria-label="Cluster">
                            if !options.readonly {
                                <NodeTools state={state.clone()} />
                            }
                            <ClusterView state={state.clone()} />
                        </section>
                    </main>
                    if !options.embed {
                        <KubectlViews state={state.clone()} />
                    }
                }
                <PodManifest state={state} />
            </div>
        </ContextProvider<PageOptions>>
    }
}
