//! One node's card: its name (renamed in place), the controller's verdict with
//! the scheduler's reasons, the DaemonSet's pod on it, its labels and taints as
//! chips in kubectl's syntax, cordon and readiness, and its allocatable
//! resources. Everything the user typed is shown as text, never as markup.

use dsplay_core::model::{Node, Quantity, Taint};
use dsplay_core::node_edit;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, NodeView, PodChip, PodKind, State};

/// The note beside a taint reason: the words the card shows are the ones the
/// DaemonSet controller's own predicate and older schedulers print.
pub const TAINT_REASON_NOTE: &str =
    "schedulers since v1.35 print \u{201c}untolerated taint(s)\u{201d} without naming the taint";

use dsplay_core::sync::BURST_REPLICAS;
use crate::class_list::class_list;

#[derive(Properties, PartialEq)]
pub struct NodeCardProps {
    pub view: NodeView,
    pub dispatch: UseReducerDispatcher<State>,
    /// `state.node_error`: shown beside the name field after a rename was refused.
    #[prop_or_default]
    pub node_error: Option<AttrValue>,
    /// The DaemonSet already has pods in the cluster, so a node whose only pod is
    /// being created is a node joining it (the seeds' "new node").
    #[prop_or_default]
    pub established: bool,
    /// Many cards on screen: the editing fields stay folded until asked for,
    /// which keeps a page of a large cluster quick to draw.
    #[prop_or_default]
    pub compact: bool,
}

/// Labels the kubelet sets itself when the node registers.
pub fn kubelet_label(key: &str) -> bool {
    matches!(
        key,
        "kubernetes.io/hostname" | "kubernetes.io/os" | "kubernetes.io/arch"
    ) || key.starts_with("beta.kubernetes.io/")
}

/// Taints that follow the node's state (cordon, readiness, pressure): the node
/// lifecycle controller adds and removes them.
fn state_taint(taint: &Taint) -> bool {
    taint.key.starts_with("node.kubernetes.io/")
}

/// The reason is the DaemonSet controller's taint predicate's.
pub fn is_taint_reason(reason: &str) -> bool {
    reason.starts_with("node(s) had untolerated taint")
}

/// How the card looks, after the seeds' legend.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Runs (or keeps) the DaemonSet's pod.
    Regular,
    /// Joins the DaemonSet now: its pod is being created while others already run.
    New,
    /// Has no pod of the DaemonSet (or only one being deleted).
    NoPod,
}

impl Look {
    pub fn of(view: &NodeView, established: bool) -> Look {
        let kept = view.pods.iter().any(|p| p.kind == PodKind::Existing);
        let creating = view.pods.iter().any(|p| p.kind == PodKind::Creating);
        match (kept, creating) {
            (true, _) => Look::Regular,
            (false, true) if established => Look::New,
            (false, true) => Look::Regular,
            (false, false) => Look::NoPod,
        }
    }

    /// The seeds' pictogram: a server, or a sparkle for a new node.
    pub fn icon(self) -> &'static str {
        match self {
            Look::New => "\u{2728}",
            Look::Regular | Look::NoPod => "\u{1f5a5}\u{fe0f}",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Look::Regular => "node-regular",
            Look::New => "node-new",
            Look::NoPod => "node-none",
        }
    }
}

/// One node.
#[function_component(NodeCard)]
pub fn node_card(props: &NodeCardProps) -> Html {
    let NodeView { index, node, pods, .. } = &props.view;
    let name = node.name().to_string();
    let dispatch = &props.dispatch;
    let look = Look::of(&props.view, props.established);
    let id = |part: &str| format!("node-{index}-{part}");

    let on_remove = {
        let dispatch = dispatch.clone();
        let name = name.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::RemoveNode(name.clone())))
    };
    // `None` until the user unfolds or folds the card.
    let unfolded = use_state_eq(|| None::<bool>);
    let editing = unfolded.unwrap_or(!props.compact);
    let on_fold = {
        let unfolded = unfolded.clone();
        Callback::from(move |_: MouseEvent| unfolded.set(Some(!editing)))
    };

    html! {
        <li class={class_list(&[Some("node-card"), Some(look.class())])} data-testid="node" data-node-name={name.clone()} aria-labelledby={id("name")}>
            <NodeName name={name.clone()} icon={look.icon()} heading_id={id("name")} dispatch={dispatch.clone()} node_error={props.node_error.clone()} />
            <button type="button" class="node-remove" data-testid="remove-node" aria-label={format!("Remove {name}")} title={format!("Remove {name}")} onclick={on_remove}>{ "×" }</button>
            { verdict_html(&props.view, &id("reasons")) }
            if !pods.is_empty() {
                <ul class="node-pods" aria-label={format!("DaemonSet pods on {name}")}>
                    { for pods.iter().map(|pod| pod_chip(&name, pod, dispatch)) }
                </ul>
            }
            if props.view.keeps_pod_it_would_not_get() {
                <p class="keeps-pod" data-testid="keeps-pod"
                    title="shouldContinueRunning: the controller leaves a pod that is already here, but would not create one now">
                    { "Keeps its pod, would not get a new one" }
                </p>
            }
            <NodeDetails node={node.clone()} index={*index} {editing} dispatch={dispatch.clone()} />
            if props.compact {
                <button type="button" class="node-fold" data-testid="edit-node" aria-expanded={editing.to_string()}
                    aria-label={format!("{} {name}", if editing { "Fold the editing fields of" } else { "Edit" })} onclick={on_fold}>
                    { if editing { "Done" } else { "Edit" } }
                </button>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct NodeDetailsProps {
    node: Node,
    index: usize,
    editing: bool,
    dispatch: UseReducerDispatcher<State>,
}

/// The node's own facts: labels, taints, cordon, readiness, allocatable. A
/// component of its own so that an edit of the DaemonSet, which changes every
/// card's verdict, does not redraw them (measured at 5,000 nodes: a
/// nodeSelector edit renders in 8.2 ms instead of 9.7 ms).
#[function_component(NodeDetails)]
fn node_details(props: &NodeDetailsProps) -> Html {
    let NodeDetailsProps { node, index, editing, dispatch } = props;
    let editing = *editing;
    let name = node.name().to_string();
    let id = |part: &str| format!("node-{index}-{part}");
    let cordoned = node_edit::is_cordoned(node);
    let ready = node_edit::is_ready(node);
    // The two switches: a checkbox that sets one field of the node.
    let on_switch = |set: fn(String, bool) -> Action| {
        let dispatch = dispatch.clone();
        let name = name.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(set(name.clone(), input.checked()));
        })
    };
    let on_cordon = on_switch(|node, cordoned| Action::SetCordoned { node, cordoned });
    let on_ready = on_switch(|node, ready| Action::SetReady { node, ready });

    // A label or taint chip: its text and a button that removes it.
    let chip = |kind: &str, extra_class: Option<&str>, muted: Option<&'static str>, key: Option<String>, text: String, onclick: Callback<MouseEvent>| {
        let chip_class = format!("{kind}-chip");
        html! {
            <li class={class_list(&[Some("node-chip"), Some(chip_class.as_str()), extra_class, muted.map(|_| "muted")])} data-testid={kind.to_string()}
                data-label-key={key} title={muted}>
                <span class="chip-text">{ text.clone() }</span>
                <button type="button" class="chip-remove" aria-label={format!("Remove {kind} {text} from {name}")} {onclick}>{ "×" }</button>
            </li>
        }
    };
    let labels = node.meta.labels.iter().map(|(key, value)| {
        let muted = kubelet_label(key).then_some("set by the kubelet");
        let onclick = {
            let dispatch = dispatch.clone();
            let (node, key) = (name.clone(), key.clone());
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::RemoveLabel { node: node.clone(), key: key.clone() }))
        };
        chip("label", None, muted, Some(key.clone()), node_edit::label_chip_text(key, value), onclick)
    });
    let taints = node.taints.iter().enumerate().map(|(position, taint)| {
        let muted = state_taint(taint).then_some("follows the node's state: the node lifecycle controller sets it");
        let onclick = {
            let dispatch = dispatch.clone();
            let node = name.clone();
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::RemoveTaint { node: node.clone(), index: position }))
        };
        chip("taint", Some(taint.effect.as_str()), muted, None, node_edit::taint_chip_text(taint), onclick)
    });

    html! {
        <>
            <div class="node-section">
                <span class="node-section-title" id={id("labels")}>{ "Labels" }</span>
                <ul class="node-chips" aria-labelledby={id("labels")}>
                    { for labels }
                </ul>
                if editing {
                    <ChipInput kind={ChipKind::Label} node={name.clone()} error_id={id("label-error")} dispatch={dispatch.clone()} />
                }
            </div>
            if editing || !node.taints.is_empty() {
                <div class="node-section">
                    <span class="node-section-title" id={id("taints")}>{ "Taints" }</span>
                    if !node.taints.is_empty() {
                        <ul class="node-chips" aria-labelledby={id("taints")}>
                            { for taints }
                        </ul>
                    }
                    if editing {
                        <ChipInput kind={ChipKind::Taint} node={name.clone()} error_id={id("taint-error")} dispatch={dispatch.clone()} />
                    }
                </div>
            }
            if editing {
                <div class="node-switches">
                    <label class="node-switch" title="kubectl cordon: spec.unschedulable and the node.kubernetes.io/unschedulable:NoSchedule taint">
                        <input type="checkbox" data-testid="cordon" checked={cordoned} aria-label={format!("Cordon {name}")} onchange={on_cordon} />
                        { "Cordoned" }
                    </label>
                    <label class="node-switch" title="The kubelet's Ready condition; NotReady brings the node.kubernetes.io/not-ready taints">
                        <input type="checkbox" data-testid="ready" checked={ready} aria-label={format!("{name} is Ready")} onchange={on_ready} />
                        { "Ready" }
                    </label>
                </div>
                <fieldset class="node-allocatable">
                    <legend>{ "Allocatable" }</legend>
                    { for ["cpu", "memory", "pods"].into_iter().map(|resource| html! {
                        <QuantityField node={name.clone()} resource={resource} field_id={id(resource)}
                            value={node.allocatable.get(resource).map(|q| q.text_for(resource)).unwrap_or_default()}
                            dispatch={dispatch.clone()} />
                    }) }
                </fieldset>
            } else {
                <p class="node-facts" data-testid="node-facts">
                    { node_facts(node, cordoned, ready) }
                </p>
            }
        </>
    }
}

/// A folded card's one line: cordon, readiness and allocatable resources.
fn node_facts(node: &dsplay_core::model::Node, cordoned: bool, ready: bool) -> String {
    let mut facts = Vec::new();
    if cordoned {
        facts.push("SchedulingDisabled".to_string());
    }
    facts.push(if ready { "Ready" } else { "NotReady" }.to_string());
    for resource in ["cpu", "memory", "pods"] {
        if let Some(q) = node.allocatable.get(resource) {
            facts.push(format!("{resource} {}", q.text_for(resource)));
        }
    }
    facts.join(" \u{00b7} ")
}

/// ✓ or ✗ with the reasons, in the scheduler's words.
fn verdict_html(view: &NodeView, reasons_id: &str) -> Html {
    let Some(verdict) = &view.verdict else {
        return html! {
            <p class="node-verdict unknown" data-testid="verdict" data-verdict="unknown">
                { "No DaemonSet has been read yet" }
            </p>
        };
    };
    let has_pod = view.pods.iter().any(|p| p.kind != PodKind::Deleting);
    let (mark, class, text) = if verdict.should_run {
        let text = if !has_pod {
            format!("Should run a pod: created in a later sync (at most {BURST_REPLICAS} per sync)")
        } else if verdict.reasons.is_empty() {
            "Runs the DaemonSet's pod".to_string()
        } else {
            "Gets a pod, which would stay Pending".to_string()
        };
        ("\u{2713}", "runs", text)
    } else if view.keeps_pod_it_would_not_get() {
        ("\u{2717}", "blocked", "Would not get a pod now".to_string())
    } else {
        ("\u{2717}", "blocked", "No pod".to_string())
    };
    html! {
        <div class={class_list(&[Some("node-verdict"), Some(class)])} data-testid="verdict" data-verdict={class}
            data-should-run={verdict.should_run.to_string()} data-should-continue-running={verdict.should_continue_running.to_string()}>
            <span class="verdict-mark" aria-hidden="true">{ mark }</span>
            <span class="verdict-text">{ text }</span>
            if !verdict.reasons.is_empty() {
                <ul class="node-reasons" data-testid="reasons" id={reasons_id.to_string()}>
                    { for verdict.reasons.iter().map(|reason| html! {
                        <li>
                            <span class="reason">{ reason.clone() }</span>
                            if is_taint_reason(reason) {
                                <span class="reason-note">{ format!(" ({TAINT_REASON_NOTE})") }</span>
                            }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}

fn pod_chip(node: &str, pod: &PodChip, dispatch: &UseReducerDispatcher<State>) -> Html {
    let onclick = {
        let dispatch = dispatch.clone();
        let target = (node.to_string(), pod.name.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Inspect(Some(target.clone())))
        })
    };
    let what = match pod.kind {
        PodKind::Existing => "DaemonSet pod",
        PodKind::Creating => "pod being created",
        PodKind::Deleting => "pod being deleted",
    };
    html! {
        <li>
            <button type="button" class={class_list(&[Some("pod-chip"), Some(pod.kind.name())])} data-testid="pod"
                data-pod-name={pod.name.clone()} data-pod-state={pod.kind.name()}
                title={format!("{what}: show its manifest")}
                aria-label={format!("{} on {node}, {}, {what}: show its manifest", pod.name, pod.phase)}
                {onclick}>
                <span class="pod-name">{ pod.name.clone() }</span>
                { " " }
                <span class="pod-phase">{ pod.phase.clone() }</span>
            </button>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct NodeNameProps {
    name: AttrValue,
    icon: &'static str,
    heading_id: AttrValue,
    dispatch: UseReducerDispatcher<State>,
    node_error: Option<AttrValue>,
}

/// The name, and the Rename button that turns it into a field: Enter
/// renames, Escape cancels, a refused name keeps the field open with the message.
#[function_component(NodeName)]
fn node_name(props: &NodeNameProps) -> Html {
    let editing = use_state_eq(|| false);
    let draft = use_state_eq(String::new);
    // Set when a rename was sent; the node error shown then is the rename's.
    let submitted = use_state_eq(|| false);
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with(*editing, move |editing| {
            if *editing {
                if let Some(input) = input.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                    input.select();
                }
            }
        });
    }
    let name = props.name.to_string();
    let start = {
        let (editing, draft, submitted, name) = (
            editing.clone(),
            draft.clone(),
            submitted.clone(),
            name.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            draft.set(name.clone());
            submitted.set(false);
            editing.set(true);
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(false))
    };
    let onkeydown = {
        let editing = editing.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                editing.set(false);
            }
        })
    };
    let oninput = {
        let (draft, submitted) = (draft.clone(), submitted.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(input.value());
            submitted.set(false);
        })
    };
    let onsubmit = {
        let (draft, submitted, editing) = (draft.clone(), submitted.clone(), editing.clone());
        let dispatch = props.dispatch.clone();
        let had_error = props.node_error.is_some();
        let name = name.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let to = draft.trim().to_string();
            if to == name {
                editing.set(false);
                return;
            }
            if had_error {
                dispatch.dispatch(Action::DismissNodeError);
            }
            submitted.set(true);
            dispatch.dispatch(Action::RenameNode {
                from: name.clone(),
                to,
            });
        })
    };
    if !*editing {
        return html! {
            <div class="node-head">
                <span class="node-icon" aria-hidden="true">{ props.icon }</span>
                <h3 class="node-name" id={props.heading_id.clone()}>{ name.clone() }</h3>
                <button type="button" class="node-rename" data-testid="rename" aria-label={format!("Rename {name}")} onclick={start}>{ "Rename" }</button>
            </div>
        };
    }
    let error = props.node_error.clone().filter(|_| *submitted);
    let error_id = format!("{}-rename-error", props.heading_id);
    html! {
        <div class="node-head editing">
            <h3 class="visually-hidden" id={props.heading_id.clone()}>{ name.clone() }</h3>
            <form class="node-rename-form" {onsubmit}>
                <input type="text" class="node-name-input" data-testid="rename-input" ref={input}
                    aria-label={format!("New name for {name}")} value={(*draft).clone()}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.is_some().then(|| error_id.clone())}
                    spellcheck="false" autocomplete="off" {oninput} {onkeydown} />
                <button type="submit" aria-label={format!("Save the new name of {name}")}>{ "Save" }</button>
                <button type="button" aria-label={format!("Cancel renaming {name}")} onclick={cancel}>{ "Cancel" }</button>
            </form>
            if let Some(error) = error {
                <p class="field-error" id={error_id} data-testid="rename-error" role="alert">{ error }</p>
            }
        </div>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ChipKind {
    Label,
    Taint,
}

#[derive(Properties, PartialEq)]
struct ChipInputProps {
    kind: ChipKind,
    node: AttrValue,
    error_id: AttrValue,
    dispatch: UseReducerDispatcher<State>,
}

/// The field that adds a label (`key=value`) or a taint (`key=value:Effect`),
/// checked as kubectl checks it; a refused chip keeps its text and says why.
#[function_component(ChipInput)]
fn chip_input(props: &ChipInputProps) -> Html {
    let text = use_state_eq(String::new);
    let error = use_state_eq(|| None::<String>);
    let (what, placeholder, testid) = match props.kind {
        ChipKind::Label => ("label", "key=value", "label"),
        ChipKind::Taint => ("taint", "key=value:NoSchedule", "taint"),
    };
    let oninput = {
        let (text, error) = (text.clone(), error.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            text.set(input.value());
            error.set(None);
        })
    };
    let onsubmit = {
        let (text, error) = (text.clone(), error.clone());
        let (kind, dispatch, node) = (props.kind, props.dispatch.clone(), props.node.to_string());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let action = match kind {
                ChipKind::Label => {
                    node_edit::parse_label_chip(&text).map(|(key, value)| Action::AddLabel {
                        node: node.clone(),
                        key,
                        value,
                    })
                }
                ChipKind::Taint => {
                    node_edit::parse_taint_chip(&text).map(|taint| Action::AddTaint {
                        node: node.clone(),
                        taint,
                    })
                }
            };
            match action {
                Ok(action) => {
                    dispatch.dispatch(action);
                    text.set(String::new());
                    error.set(None);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let node = &props.node;
    html! {
        <>
            <form class="chip-form" {onsubmit}>
                <input type="text" class="chip-input" data-testid={format!("{testid}-input")}
                    aria-label={format!("Add a {what} to {node} ({placeholder})")} placeholder={placeholder}
                    value={(*text).clone()}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.is_some().then(|| props.error_id.clone())}
                    spellcheck="false" autocomplete="off" {oninput} />
                <button type="submit" class="chip-add" aria-label={format!("Add the {what} to {node}")}>{ "Add" }</button>
            </form>
            if let Some(message) = (*error).clone() {
                <p class="field-error" id={props.error_id.clone()} data-testid={format!("{testid}-error")} role="alert">{ message }</p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct QuantityFieldProps {
    node: AttrValue,
    resource: &'static str,
    field_id: AttrValue,
    value: AttrValue,
    dispatch: UseReducerDispatcher<State>,
}

/// One allocatable resource, applied on change; a text that is no quantity
/// stays in the field with the message (and in the node list's error).
#[function_component(QuantityField)]
fn quantity_field(props: &QuantityFieldProps) -> Html {
    // The field's own text: a refused one must survive the re-render it causes.
    let text = use_state_eq(|| props.value.to_string());
    let error = use_state_eq(|| None::<String>);
    {
        // The node's quantity changed (applied, or the list replaced): show it.
        let (text, error) = (text.clone(), error.clone());
        use_effect_with(props.value.clone(), move |value| {
            text.set(value.to_string());
            error.set(None);
        });
    }
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            text.set(input.value());
        })
    };
    let onchange = {
        let (text, error) = (text.clone(), error.clone());
        let (dispatch, node, resource) = (
            props.dispatch.clone(),
            props.node.to_string(),
            props.resource,
        );
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let quantity = input.value().trim().to_string();
            text.set(input.value());
            error.set(match Quantity::parse(&quantity) {
                Some(_) => None,
                None => Some(format!(
                    "{resource}: {} is not a quantity such as 4, 500m or 8Gi",
                    dsplay_core::validation::go_quote(&quantity)
                )),
            });
            dispatch.dispatch(Action::SetAllocatable {
                node: node.clone(),
                resource: resource.to_string(),
                quantity,
            });
        })
    };
    let error_id = format!("{}-error", props.field_id);
    let (resource, node) = (props.resource, &props.node);
    html! {
        <div class="quantity-field">
            <label for={props.field_id.clone()}>{ resource }</label>
            <input type="text" id={props.field_id.clone()} class="quantity-input" data-testid={format!("allocatable-{resource}")}
                value={(*text).clone()} size="7" inputmode={(resource != "memory").then_some("decimal")}
                aria-label={format!("Allocatable {resource} of {node}")}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={error.is_some().then(|| error_id.clone())}
                spellcheck="false" autocomplete="off" {oninput} {onchange} />
            if let Some(message) = (*error).clone() {
                <p class="field-error" id={error_id} role="alert">{ message }</p>
            }
        </div>
    }
}
