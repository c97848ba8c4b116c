//! The node list as a whole: add a node, replace the list with pasted or
//! uploaded `kubectl get nodes -o yaml` output, export it as YAML, copy the
//! `kubectl label` / `kubectl taint` commands that would build the same nodes,
//! and the message of a refused change. Pasted text is kept whatever happens.

use std::rc::Rc;

use dsplay_core::model::Node;
use dsplay_core::node_edit;
use dsplay_core::read::MAX_SOURCE_BYTES;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::node_io::{copy_text, download_text, read_text_file};
use crate::state::{Action, State};

#[derive(Properties, PartialEq)]
pub struct NodeToolsProps {
    pub state: UseReducerHandle<State>,
}

/// The open panel, one at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Panel {
    Closed,
    Paste,
    Export,
    Kubectl,
}

/// A note of the tools themselves (upload, copy, download).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Note {
    Info(String),
    Error(String),
}

/// The node list's identity and whether the panel showing it is open: the YAML
/// and the commands are written only for an open panel, once per node list.
#[derive(Clone)]
struct Wanted(Rc<Vec<Node>>, bool);

impl PartialEq for Wanted {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) && self.1 == other.1
    }
}

#[function_component(NodeTools)]
pub fn view(props: &NodeToolsProps) -> Html {
    let state = &props.state;
    let panel = use_state_eq(|| Panel::Closed);
    let paste = use_state_eq(String::new);
    let note = use_state_eq(|| None::<Note>);
    let area = use_node_ref();
    let upload = use_node_ref();
    let yaml = use_memo(
        Wanted(state.inputs.nodes.clone(), *panel == Panel::Export),
        |Wanted(nodes, open)| {
            if *open {
                node_edit::nodes_to_yaml(nodes)
            } else {
                String::new()
            }
        },
    );
    let commands = use_memo(
        Wanted(state.inputs.nodes.clone(), *panel == Panel::Kubectl),
        |Wanted(nodes, open)| {
            if *open {
                node_edit::kubectl_commands(nodes).join("\n")
            } else {
                String::new()
            }
        },
    );
    // The node list a replace was asked of: when the list has changed without
    // an error, the replace worked and the panel closes (the text is kept).
    let replacing = use_mut_ref(|| None::<Rc<Vec<Node>>>);
    {
        let (replacing, panel, note) = (replacing.clone(), panel.clone(), note.clone());
        use_effect_with(
            (
                Wanted(state.inputs.nodes.clone(), state.node_error.is_some()),
                state.node_error.clone(),
            ),
            move |(Wanted(nodes, failed), _)| {
                let asked = replacing.borrow().clone();
                if let Some(before) = asked {
                    if *failed {
                        *replacing.borrow_mut() = None;
                    } else if !Rc::ptr_eq(&before, nodes) {
                        *replacing.borrow_mut() = None;
                        note.set(Some(Note::Info(format!(
                            "Replaced the node list: {} node(s)",
                            nodes.len()
                        ))));
                        panel.set(Panel::Closed);
                    }
                }
            },
        );
    }
    {
        // The paste field takes the focus when its panel opens.
        let area = area.clone();
        use_effect_with(*panel, move |panel| {
            if *panel == Panel::Paste {
                if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                    let _ = area.focus();
                }
            }
        });
    }

    let dispatch = state.dispatcher();
    let on_add = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::AddNode))
    };
    let toggle = |which: Panel| {
        let (panel, note) = (panel.clone(), note.clone());
        Callback::from(move |_: MouseEvent| {
            note.set(None);
            panel.set(if *panel == which {
                Panel::Closed
            } else {
                which
            });
        })
    };
    let close = {
        let panel = panel.clone();
        Callback::from(move |_: MouseEvent| panel.set(Panel::Closed))
    };
    let on_paste_input = {
        let paste = paste.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            paste.set(area.value());
        })
    };
    let on_replace = {
        let (paste, dispatch, note, replacing) = (
            paste.clone(),
            dispatch.clone(),
            note.clone(),
            replacing.clone(),
        );
        let nodes = state.inputs.nodes.clone();
        let had_error = state.node_error.is_some();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            note.set(None);
            // A new attempt, a new message: the same error again must show as new.
            if had_error {
                dispatch.dispatch(Action::DismissNodeError);
            }
            *replacing.borrow_mut() = Some(nodes.clone());
            dispatch.dispatch(Action::ReplaceNodes((*paste).clone()));
        })
    };
    let on_upload_click = {
        let upload = upload.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = upload.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file = {
        let (paste, panel, note, dispatch) =
            (paste.clone(), panel.clone(), note.clone(), dispatch.clone());
        let (replacing, nodes) = (replacing.clone(), state.inputs.nodes.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // The same file chosen again must fire `change` again.
            input.set_value("");
            let name = file.name();
            // Refused before it is read: a file over the reader's limit would
            // only be copied into the paste field, whose layout alone freezes
            // the page for many seconds (a 28 MB list of 100,000 nodes: 27 s).
            let size = file.size();
            if size > MAX_SOURCE_BYTES as f64 {
                note.set(Some(Note::Error(format!(
                    "{name} is {} KiB; dsplay reads at most {} KiB per file",
                    (size / 1024.0) as u64,
                    MAX_SOURCE_BYTES / 1024
                ))));
                return;
            }
            let done = {
                let (paste, panel, note, dispatch) =
                    (paste.clone(), panel.clone(), note.clone(), dispatch.clone());
                let (replacing, nodes) = (replacing.clone(), nodes.clone());
                Callback::from(move |read: Result<String, String>| match read {
                    Ok(text) => {
                        // Kept in the paste field: on an error, it is there to be corrected.
                        note.set(Some(Note::Info(format!("Read {name}"))));
                        paste.set(text.clone());
                        panel.set(Panel::Paste);
                        *replacing.borrow_mut() = Some(nodes.clone());
                        dispatch.dispatch(Action::ReplaceNodes(text));
                    }
                    Err(message) => note.set(Some(Note::Error(message))),
                })
            };
            read_text_file(&file, done);
        })
    };
    let copy = |text: Rc<String>| {
        let (note, area) = (note.clone(), area.clone());
        Callback::from(move |_: MouseEvent| {
            let (note, area) = (note.clone(), area.clone());
            copy_text(
                &text,
                Callback::from(move |copied: bool| {
                    if copied {
                        note.set(Some(Note::Info("Copied to the clipboard".into())));
                    } else {
                        // No clipboard here (plain http, or refused): select the text instead.
                        if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                            let _ = area.focus();
                            area.select();
                        }
                        note.set(Some(Note::Info(
                            "This page may not write to the clipboard: the text is selected, press Ctrl+C (\u{2318}C on a Mac) to copy it"
                                .into(),
                        )));
                    }
                }),
            );
        })
    };
    let on_download = {
        let (yaml, note) = (yaml.clone(), note.clone());
        Callback::from(move |_: MouseEvent| {
            match download_text("nodes.yaml", "application/yaml", &yaml) {
                Ok(()) => note.set(Some(Note::Info("Downloading nodes.yaml".into()))),
                Err(message) => note.set(Some(Note::Error(message))),
            }
        })
    };
    let on_dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::DismissNodeError))
    };

    let expanded = |which: Panel| if *panel == which { "true" } else { "false" };
    let count = state.inputs.nodes.len();
    let panel_html = match *panel {
        Panel::Closed => html! {},
        Panel::Paste => html! {
            <form class="node-tools-panel" id="node-tools-panel" data-testid="paste-panel" onsubmit={on_replace}>
                <label for="node-paste" class="node-tools-hint">
                    { "Paste the output of " }<code>{ "kubectl get nodes -o yaml" }</code>
                    { " (or any Node objects, as a List or as YAML documents): they replace the node list." }
                </label>
                <textarea id="node-paste" class="node-tools-text" data-testid="paste-text" ref={area.clone()} rows="12"
                    spellcheck="false" autocomplete="off" placeholder="apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  ..."
                    aria-invalid={state.node_error.is_some().then_some("true")}
                    aria-describedby={state.node_error.is_some().then_some("node-error")}
                    value={(*paste).clone()} oninput={on_paste_input} />
                <div class="node-tools-actions">
                    <button type="submit" class="primary" data-testid="paste-apply" disabled={paste.trim().is_empty()}>{ "Replace the nodes" }</button>
                    <button type="button" onclick={close.clone()}>{ "Close" }</button>
                </div>
            </form>
        },
        Panel::Export => html! {
            <div class="node-tools-panel" id="node-tools-panel" data-testid="export-panel">
                <label for="node-export" class="node-tools-hint">
                    { format!("The {count} node(s) as ") }<code>{ "kubectl get nodes -o yaml" }</code>{ " prints them (the fields dsplay models)." }
                </label>
                <textarea id="node-export" class="node-tools-text" data-testid="export-text" ref={area.clone()} rows="12"
                    readonly=true spellcheck="false" value={(*yaml).clone()} />
                <div class="node-tools-actions">
                    <button type="button" class="primary" data-testid="download-yaml" onclick={on_download}>{ "Download nodes.yaml" }</button>
                    <button type="button" data-testid="copy-yaml" onclick={copy(yaml.clone())}>{ "Copy" }</button>
                    <button type="button" onclick={close.clone()}>{ "Close" }</button>
                </div>
            </div>
        },
        Panel::Kubectl => html! {
            <div class="node-tools-panel" id="node-tools-panel" data-testid="kubectl-panel">
                <label for="node-kubectl" class="node-tools-hint">
                    { "Run these against a cluster whose nodes have the same names to give them the same labels, taints and cordons. \
                       Labels the kubelet sets and taints that follow a node's state are left out; nothing is removed." }
                </label>
                if commands.is_empty() {
                    <p class="node-tools-empty" data-testid="kubectl-empty">{ "Nothing to run: no node has a label, taint or cordon of its own." }</p>
                } else {
                    <textarea id="node-kubectl" class="node-tools-text" data-testid="kubectl-text" ref={area.clone()}
                        rows={commands.lines().count().clamp(2, 12).to_string()} readonly=true spellcheck="false" value={(*commands).clone()} />
                }
                <div class="node-tools-actions">
                    if !commands.is_empty() {
                        <button type="button" class="primary" data-testid="copy-kubectl" onclick={copy(commands.clone())}>{ "Copy" }</button>
                    }
                    <button type="button" onclick={close}>{ "Close" }</button>
                </div>
            </div>
        },
    };

    html! {
        <div class="node-tools">
            <div class="node-tools-bar" role="toolbar" aria-label="Node list">
                <button type="button" class="primary" data-testid="add-node" onclick={on_add}>{ "Add node" }</button>
                <button type="button" data-testid="paste-nodes" aria-expanded={expanded(Panel::Paste)}
                    aria-controls={(*panel == Panel::Paste).then_some("node-tools-panel")} onclick={toggle(Panel::Paste)}>{ "Paste nodes" }</button>
                <button type="button" data-testid="upload-nodes" onclick={on_upload_click}
                    title="Read a kubectl get nodes -o yaml file">{ "Upload\u{2026}" }</button>
                <input type="file" class="node-upload" data-testid="upload" ref={upload} hidden=true tabindex="-1"
                    accept=".yaml,.yml,.json,.txt,application/yaml,application/json,text/yaml,text/plain"
                    aria-label="Upload a node list (kubectl get nodes -o yaml)" onchange={on_file} />
                <button type="button" data-testid="export-yaml" aria-expanded={expanded(Panel::Export)}
                    aria-controls={(*panel == Panel::Export).then_some("node-tools-panel")} onclick={toggle(Panel::Export)}>{ "Export YAML" }</button>
                <button type="button" data-testid="kubectl-commands" aria-expanded={expanded(Panel::Kubectl)}
                    aria-controls={(*panel == Panel::Kubectl).then_some("node-tools-panel")} onclick={toggle(Panel::Kubectl)}>{ "kubectl commands" }</button>
            </div>
            if let Some(error) = state.node_error.clone() {
                <div class="node-error" id="node-error" data-testid="node-error" role="alert">
                    <pre class="node-error-text">{ error }</pre>
                    <button type="button" data-testid="dismiss-node-error" aria-label="Dismiss the node list message" onclick={on_dismiss}>{ "Dismiss" }</button>
                </div>
            }
            if let Some(current) = (*note).clone() {
                {
                    match current {
                        Note::Info(text) => html! { <p class="node-tools-note" data-testid="node-tools-note" role="status">{ text }</p> },
                        Note::Error(text) => html! { <p class="node-tools-note error" data-testid="node-tools-note" role="alert">{ text }</p> },
                    }
                }
            }
            { panel_html }
        </div>
    }
}
