//! The page's header: what this is, the presets, share, reset and help.

use dsplay_core::presets::PRESETS;
use web_sys::HtmlSelectElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::inputs_codec;
use crate::location::{page_address, share_url};
use crate::page_options::PageOptions;
use crate::state::{Action, State, DEFAULT_PRESET};
use crate::storage;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub state: UseReducerHandle<State>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let state = &props.state;
    let options = use_context::<PageOptions>().unwrap_or_default();
    let share_link = use_state(|| None::<String>);
    let embed_code = use_state(|| None::<String>);
    let help_open = use_state(|| false);

    let on_preset = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let name = select.value();
            if !name.is_empty() {
                state.dispatch(Action::LoadPreset(name));
            }
            // Back to the prompt, so the same preset can be picked again.
            select.set_value("");
        })
    };
    let on_share = {
        let state = state.clone();
        let share_link = share_link.clone();
        Callback::from(move |_: MouseEvent| {
            let (inputs, share_link) = (state.inputs.clone(), share_link.clone());
            spawn_local(async move {
                let url = share_url(&inputs).await;
                copy(&url);
                share_link.set(Some(url));
            });
        })
    };
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            storage::clear();
            state.dispatch(Action::LoadPreset(DEFAULT_PRESET.to_string()));
        })
    };
    let on_embed = {
        let state = state.clone();
        let embed_code = embed_code.clone();
        Callback::from(move |_: MouseEvent| {
            let (inputs, embed_code) = (state.inputs.clone(), embed_code.clone());
            spawn_local(async move {
                let code = embed_snippet(&page_address(), &inputs_codec::encode(&inputs).await);
                copy(&code);
                embed_code.set(Some(code));
            });
        })
    };
    let toggle_help = {
        let help_open = help_open.clone();
        Callback::from(move |_: MouseEvent| help_open.set(!*help_open))
    };
    let select_all = Callback::from(|e: FocusEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.select();
    });

    // Embedded: the way out to the whole playground, with the same state.
    let full_link = use_state_eq(page_address);
    use_effect_with((options.embed, state.revision), {
        let (state, full_link) = (state.clone(), full_link.clone());
        move |(embed, _): &(bool, u64)| {
            if *embed {
                let inputs = state.inputs.clone();
                spawn_local(async move { full_link.set(share_url(&inputs).await) });
            }
        }
    });

    if options.embed {
        // Embedded: no chrome, a way out to the whole playground with the same state.
        let full = (*full_link).clone();
        return html! {
            <header class="toolbar embedded">
                <span class="brand-small">{ "dsplay" }</span>
                <a class="open-full" href={full} target="_blank" rel="noopener" data-testid="open-full">{ "Open in the playground ↗" }</a>
            </header>
        };
    }

    html! {
        <header class="toolbar">
            <div class="brand">
                <h1>{ "dsplay" }</h1>
                <p class="tagline">{ "Where would the DaemonSet controller put your pods? Simulated in your browser; nothing is sent anywhere." }</p>
            </div>
            <nav class="actions" aria-label="Playground">
                <label class="visually-hidden" for="preset-menu">{ "Load a scenario" }</label>
                <select id="preset-menu" data-testid="preset-menu" onchange={on_preset}>
                    <option value="" selected=true>{ "Scenarios…" }</option>
                    { for PRESETS.iter().map(|p| html! {
                        <option value={p.name} title={p.summary}>{ p.title }</option>
                    }) }
                </select>
                <button data-testid="share" onclick={on_share} title="Copy a link that opens exactly this state">{ "Share" }</button>
                <button data-testid="embed" onclick={on_embed} title="Copy an iframe that embeds exactly this state in a tutorial page">{ "Embed" }</button>
                <button data-testid="reset" onclick={on_reset} title="Forget the saved work and start from the default scenario">{ "Reset" }</button>
                <button aria-expanded={help_open.to_string()} aria-controls="help" onclick={toggle_help}>{ "Help" }</button>
            </nav>
            if let Some(url) = (*share_link).clone() {
                <p class="share-link">
                    <label for="share-link">{ "Link to this state (copied):" }</label>
                    <input id="share-link" data-testid="share-link" readonly=true value={url} onfocus={select_all.clone()} />
                </p>
            }
            if let Some(code) = (*embed_code).clone() {
                <p class="share-link">
                    <label for="embed-code">{ "Embed code (copied):" }</label>
                    <input id="embed-code" data-testid="embed-code" readonly=true value={code} onfocus={select_all.clone()} />
                </p>
            }
            if *help_open {
                <section id="help" class="help" data-testid="help">
                    <h2>{ "How to use it" }</h2>
                    <ul>
                        <li>{ "Edit the DaemonSet on the left. It applies after a short pause in typing, or at once with Ctrl+Enter (⌘+Enter on a Mac)." }</li>
                        <li>{ "In the editor, Tab indents and Shift+Tab outdents. To leave the editor with the keyboard, press Esc, then Tab." }</li>
                        <li>{ "Edit the nodes on the right: labels as key=value, taints as key=value:Effect, cordon, Ready or NotReady. Paste `kubectl get nodes -o yaml` to simulate your own cluster." }</li>
                        <li>{ "Each node says whether the controller would run a pod there and, if not, why, in the scheduler's words. Click a pod to see the Pod object the controller would create." }</li>
                        <li>{ "Your work is saved in this browser. Share gives a link that opens exactly this state." }</li>
                    </ul>
                </section>
            }
        </header>
    }
}

/// Puts `text` on the clipboard. Copying may be refused (no permission, an
/// insecure page): the page shows the text anyway.
fn copy(text: &str) {
    if let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) {
        let _ = clipboard.write_text(text);
    }
}

/// An iframe that shows `link` (a share link's fragment) embedded: a sensible
/// size, a title for screen readers, and a sandbox that allows scripts only.
pub fn embed_snippet(page: &str, link: &str) -> String {
    format!(
        "<iframe src=\"{page}?embed=1#{link}\" title=\"dsplay: DaemonSet playground\" width=\"100%\" height=\"620\" style=\"border: 1px solid #ddd; border-radius: 8px\" loading=\"lazy\" sandbox=\"allow-scripts\"></iframe>"
    )
}
