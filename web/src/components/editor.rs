use dsplay_core::{Diagnostic, Severity};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The nodes show the plan of an earlier text.
    pub stale: bool,
    pub on_edit: Callback<String>,
}

/// The DaemonSet YAML editor and what reading it said.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_edit.emit(area.value());
        })
    };
    let message = |d: &Diagnostic| {
        let class = match d.severity {
            Severity::Error => "diagnostic error",
            Severity::Warning => "diagnostic warning",
            Severity::Note => "diagnostic note",
        };
        html! { <li class={class}>{ d.located() }</li> }
    };

    html! {
        <section class="pane editor-pane">
            <label class="pane-title" for="yaml-editor">{ "DaemonSet" }</label>
            <textarea
                id="yaml-editor"
                class="yaml-editor"
                data-testid="yaml-editor"
                spellcheck="false"
                autocomplete="off"
                value={props.text.clone()}
                {oninput}
            />
            if props.stale {
                <p class="stale" data-testid="stale">{ "The text has errors: the nodes show the last DaemonSet that read cleanly." }</p>
            }
            if !props.diagnostics.is_empty() {
                <ul class="diagnostics" data-testid="diagnostics">
                    { for props.diagnostics.iter().map(message) }
                </ul>
            }
        </section>
    }
}
