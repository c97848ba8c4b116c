//! The Pod the controller would create for a node, as YAML, in a modal dialog
//! (spec g.2, g.3, a.3): what it adds to the template is highlighted and
//! explained beside it. For a pod written in the editor, the fields dsplay
//! read of it. Opened by `Action::Inspect(Some(..))`, closed by Esc, the close
//! button or a click outside; focus returns to whatever opened it.
use dsplay_core::eligibility::tolerations::{automatic_tolerations, daemon_pod_tolerations};
use dsplay_core::model::{DaemonSet, Toleration};
use dsplay_core::new_pod::{daemon_pod_manifest, owner_reference};
use dsplay_core::revision::{
    is_pod_updated, template_generation, REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL,
};
use dsplay_core::{Action as PlanAction, Plan};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::kubectl_pods::{ds_pods, Origin};
use crate::state::{Action, Good, State};

#[derive(Properties, PartialEq)]
pub struct PodManifestProps {
    pub state: UseReducerHandle<State>,
}

/// What the dialog shows for the inspected pod.
struct Shown {
    title: String,
    /// The Pod as YAML.
    yaml: String,
    /// Per line of `yaml`: added or replaced by the controller.
    marks: Vec<bool>,
    notes: Html,
}

#[function_component(PodManifest)]
pub fn view(props: &PodManifestProps) -> Html {
    let inspected = props.state.inspected.clone();
    let close_ref = use_node_ref();
    let pre_ref = use_node_ref();
    let copy_ref = use_node_ref();
    let dialog_ref = use_node_ref();
    let opener = use_mut_ref(|| None::<HtmlElement>);
    let copy_message = use_state_eq(String::new);

    // Focus moves into the dialog when it opens and back to the opener when it closes.
    {
        let close_ref = close_ref.clone();
        let copy_message = copy_message.clone();
        use_effect_with(inspected.clone(), move |target| {
            copy_message.set(String::new());
            let active = || {
                web_sys::window()?
                    .document()?
                    .active_element()
                    .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            };
            if target.is_some() {
                if opener.borrow().is_none() {
                    *opener.borrow_mut() = active();
                }
                if let Some(close) = close_ref.cast::<HtmlElement>() {
                    let _ = close.focus();
                }
            } else if let Some(element) = opener.borrow_mut().take() {
                if element.is_connected() {
                    let _ = element.focus();
                }
            }
        });
    }

    let Some((node, pod_name)) = inspected else {
        return Html::default();
    };
    let state = &*props.state;
    let shown = match (state.good.as_deref(), state.plan.as_deref()) {
        (Some(good), Some(plan)) => shown(good, plan, &node, &pod_name),
        _ => None,
    };
    let shown = shown.unwrap_or_else(|| Shown {
        title: format!("Pod {pod_name}"),
        yaml: String::new(),
        marks: Vec::new(),
        notes: html! { <p>{ "This pod is no longer among the DaemonSet's pods: the DaemonSet or the nodes changed." }</p> },
    });

    let close = {
        let handle = props.state.clone();
        Callback::from(move |()| handle.dispatch(Action::Inspect(None)))
    };
    let on_close_click = close.reform(|_: MouseEvent| ());
    let on_backdrop = {
        let close = close.clone();
        Callback::from(move |e: MouseEvent| {
            if e.target() == e.current_target() {
                close.emit(());
            }
        })
    };
    let onkeydown = {
        let close = close.clone();
        let first = close_ref.clone();
        // The copy button, unless it is disabled (nothing to copy).
        let last = if shown.yaml.is_empty() {
            pre_ref.clone()
        } else {
            copy_ref.clone()
        };
        let dialog = dialog_ref.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                close.emit(());
            }
            // Keep Tab inside the dialog.
            "Tab" => {
                let active = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element());
                let is = |r: &NodeRef| {
                    active.is_some()
                        && r.get().map(JsValue::from) == active.clone().map(JsValue::from)
                };
                let to = if e.shift_key() && (is(&first) || is(&dialog)) {
                    Some(&last)
                } else if !e.shift_key() && is(&last) {
                    Some(&first)
                } else {
                    None
                };
                if let Some(element) = to.and_then(|r| r.cast::<HtmlElement>()) {
                    e.prevent_default();
                    let _ = element.focus();
                }
            }
            _ => {}
        })
    };
    let on_copy = {
        let yaml = shown.yaml.clone();
        let message = copy_message.clone();
        let pre_ref = pre_ref.clone();
        Callback::from(move |_: MouseEvent| copy_text(&yaml, &pre_ref, &message))
    };

    let lines = shown.yaml.lines().enumerate().map(|(i, line)| {
        let text = format!("{line}\n");
        if shown.marks.get(i).copied().unwrap_or(false) {
            html! { <mark class="kc-injected">{ text }</mark> }
        } else {
            html! { <span>{ text }</span> }
        }
    });

    html! {
        <div class="kc-backdrop" onclick={on_backdrop}>
            <div
                class="kc-dialog"
                ref={dialog_ref}
                tabindex="-1"
                role="dialog"
                aria-modal="true"
                aria-labelledby="kc-manifest-title"
                data-testid="pod-manifest-dialog"
                {onkeydown}
            >
                <header class="kc-dialog-head">
                    <h2 id="kc-manifest-title">{ shown.title.clone() }</h2>
                    <button
                        type="button"
                        class="kc-close"
                        ref={close_ref}
                        aria-label="Close the Pod manifest"
                        data-testid="close-manifest"
                        onclick={on_close_click}
                    >
                        { "Close" }
                    </button>
                </header>
                <div class="kc-dialog-body">
                    <pre
                        class="kc-yaml"
                        ref={pre_ref}
                        data-testid="pod-manifest"
                        tabindex="0"
                        aria-label="Pod YAML"
                    >
                        { for lines }
                    </pre>
                    <aside class="kc-explain" aria-label="What the controller adds">{ shown.notes }</aside>
                </div>
                <footer class="kc-dialog-foot">
                    <button
                        type="button"
                        class="primary"
                        ref={copy_ref}
                        data-testid="copy-manifest"
                        disabled={shown.yaml.is_empty()}
                        onclick={on_copy}
                    >
                        { "Copy YAML" }
                    </button>
                    <span class="kc-copy-status" role="status" aria-live="polite">{ (*copy_message).clone() }</span>
                </footer>
            </div>
        </div>
    }
}

/// Copies `text` with the asynchronous clipboard API; without it (a page not
/// served over https), selects the YAML so Ctrl+C copies it.
fn copy_text(text: &str, pre: &NodeRef, message: &UseStateHandle<String>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window.is_secure_context() {
        let promise = window.navigator().clipboard().write_text(text);
        let done = message.clone();
        let failed = message.clone();
        let ok = Closure::once(move |_: JsValue| done.set("Copied to the clipboard.".into()));
        let err = Closure::once(move |_: JsValue| {
            failed.set("The browser refused: select the YAML and copy it.".into())
        });
        let _ = promise.then2(&ok, &err);
        // Each is called at most once; the one never called stays (a few bytes).
        ok.forget();
        err.forget();
        return;
    }
    if let (Ok(Some(selection)), Some(pre)) = (window.get_selection(), pre.get()) {
        let _ = selection.select_all_children(&pre);
        message.set("Selected: press Ctrl+C (⌘C) to copy.".into());
    }
}

/// The dialog's content for `pod` on `node`, or None when it is not one of
/// the DaemonSet's pods any more.
fn shown(good: &Good, plan: &Plan, node: &str, pod: &str) -> Option<Shown> {
    let ds = &good.daemon_set;
    let generation = template_generation(ds);
    let created = plan.actions.iter().find_map(|a| match a {
        PlanAction::Create {
            node: on,
            pod: name,
        } if name == pod => Some(on.as_str()),
        _ => None,
    });
    if let Some(on) = created {
        let value = daemon_pod_manifest(ds, on, pod, &plan.revision_hash, generation);
        let yaml = dsplay_core::yaml::to_string(&value);
        let tolerations = daemon_pod_tolerations(&ds.spec.template.spec);
        let marks = injected_lines(
            &yaml,
            &automatic_flags(&tolerations, &automatic_tolerations(&ds.spec.template.spec)),
        );
        return Some(Shown {
            title: format!("Pod {pod}, created for {on}"),
            yaml,
            marks,
            notes: created_notes(ds, plan, on, generation),
        });
    }
    // One of the editor's pods, or a pod this sync deletes or releases.
    let pods = ds_pods(good, plan);
    let listed = pods.iter().find(|p| p.name == pod);
    let existing = match listed.map(|p| p.origin) {
        Some(Origin::Existing(p)) => p,
        _ => good.pods.iter().find(|p| {
            p.name() == pod
                && (node.is_empty() || dsplay_core::ownership::target_node_name(p) == Some(node))
        })?,
    };
    let adopted = listed.is_some_and(|p| p.adopted);
    let mut after = existing.clone();
    if adopted {
        after.meta.owner_references.push(owner_reference(ds));
    }
    let value = dsplay_core::manifest::pod(&after);
    let yaml = dsplay_core::yaml::to_string(&value);
    let marks = injected_lines(
        &yaml,
        &automatic_flags(&after.spec.tolerations, &automatic_tolerations(&after.spec)),
    );
    let action = plan.actions.iter().find(|a| a.pod() == pod);
    let updated = is_pod_updated(existing, &plan.revision_hash, generation);
    let target = dsplay_core::ownership::target_node_name(existing);
    let notes = html! {
        <>
            <p>
                { "Written in the editor beside the DaemonSet. dsplay shows the fields of it that the controller \
                   and the scheduler read, not the whole pod." }
            </p>
            <ul>
                <li>{ match target {
                    Some(t) if !existing.spec.node_name.is_empty() => format!("Bound to {t} (spec.nodeName)."),
                    Some(t) => format!("For {t}: its matchFields affinity names that node; not bound yet."),
                    None => "It names no node (no nodeName, no matchFields affinity): the controller counts it on none.".to_string(),
                } }</li>
                <li>{ match action {
                    Some(PlanAction::Delete { .. }) => "This sync deletes it.".to_string(),
                    Some(PlanAction::Adopt { .. }) => "An orphan the selector matches: this sync adopts it, patching in the ownerReference shown.".to_string(),
                    Some(PlanAction::Release { .. }) => "Controlled by the DaemonSet but no longer selected: this sync releases it, removing its ownerReference.".to_string(),
                    _ => "This sync leaves it as it is.".to_string(),
                } }</li>
                <li>{ if updated {
                    format!("Runs the current template: its {REVISION_HASH_LABEL} (or {TEMPLATE_GENERATION_LABEL}) label matches.")
                } else {
                    format!("Runs an older template: its labels do not name the current revision ({REVISION_HASH_LABEL}: {}). The update strategy decides when it is replaced.", plan.revision_hash)
                } }</li>
            </ul>
            <p class="kc-muted">{ "Highlighted: the parts the controller adds to the pods it creates." }</p>
        </>
    };
    Some(Shown {
        title: format!("Pod {pod}"),
        yaml,
        marks,
        notes,
    })
}

/// Per toleration of the pod: one the controller adds.
fn automatic_flags(tolerations: &[Toleration], automatic: &[Toleration]) -> Vec<bool> {
    tolerations.iter().map(|t| automatic.contains(t)).collect()
}

fn created_notes(ds: &DaemonSet, plan: &Plan, node: &str, generation: Option<i64>) -> Html {
    let template = &ds.spec.template.spec;
    let replaced_terms = template
        .required_node_affinity
        .as_ref()
        .map_or(0, |s| s.terms.len());
    let reasons: Vec<String> = plan
        .nodes
        .iter()
        .find(|n| n.name == node)
        .map(|n| n.reasons.clone())
        .unwrap_or_default();
    let scheduling = if template.node_name.is_empty() {
        html! {
            <p>
                { "Not bound yet: it has no " }<code>{ "spec.nodeName" }</code>
                { format!(". The default scheduler binds it, and only {node} passes the affinity. Since Kubernetes \
                           1.12 the controller no longer sets nodeName itself: scheduling through the scheduler \
                           gives DaemonSet pods its checks (resources, ports) and priority preemption.") }
            </p>
        }
    } else {
        html! {
            <p>
                { format!("The template sets spec.nodeName: {}, so the pod is bound there at once and the scheduler \
                           never sees it.", template.node_name) }
            </p>
        }
    };
    html! {
        <>
            <p class="kc-muted">{ "Highlighted: what the controller adds to or replaces in the template." }</p>
            <h3>{ "Node affinity" }</h3>
            <p>
                <code>{ "requiredDuringSchedulingIgnoredDuringExecution" }</code>{ " has one term, " }
                <code>{ format!("matchFields: metadata.name In [{node}]") }</code>
                { format!(": a field of the Node object, not a label, so it matches {node} and nothing else.") }
            </p>
            if replaced_terms > 0 {
                <p data-testid="replaced-affinity">
                    { format!("Your required node affinity ({} term{}) was replaced, not merged: the controller \
                               already checked it when it chose {node}. Preferred terms, podAffinity and \
                               podAntiAffinity are kept.", replaced_terms, if replaced_terms == 1 { "" } else { "s" }) }
                </p>
            }
            { scheduling }
            if !reasons.is_empty() {
                <p class="kc-warning-text">{ "The scheduler would leave it Pending: " }{ reasons.join("; ") }</p>
            }
            <h3>{ "Tolerations" }</h3>
            <ul>
                <li><code>{ "node.kubernetes.io/not-ready" }</code>{ ", " }<code>{ "unreachable" }</code>
                    { " (NoExecute): a node going NotReady or unreachable does not evict it." }</li>
                <li><code>{ "disk-pressure" }</code>{ ", " }<code>{ "memory-pressure" }</code>{ ", " }
                    <code>{ "pid-pressure" }</code>{ ", " }<code>{ "unschedulable" }</code>
                    { " (NoSchedule): a node under pressure or cordoned still gets its pod." }</li>
                <li><code>{ "network-unavailable" }</code>{ " (NoSchedule): " }
                    { if template.host_network { "added because the pod uses hostNetwork." } else { "only with hostNetwork: true, so not here." } }</li>
            </ul>
            <p class="kc-muted">{ "None has tolerationSeconds: they tolerate forever. A toleration of yours equal to one of them is replaced by it." }</p>
            <h3>{ "Labels" }</h3>
            <p>
                <code>{ format!("{REVISION_HASH_LABEL}: {}", plan.revision_hash) }</code>
                { " names the template revision; a rolling update replaces pods whose hash differs." }
                if let Some(generation) = generation {
                    { " " }<code>{ format!("{TEMPLATE_GENERATION_LABEL}: \"{generation}\"") }</code>
                    { " is the older way to tell." }
                }
            </p>
            <h3>{ "Owner" }</h3>
            <p>
                <code>{ "ownerReferences" }</code>
                { format!(": DaemonSet {} with controller: true. The controller counts only the pods it controls; \
                           deleting the DaemonSet deletes them.", ds.meta.name) }
                if ds.meta.uid.is_empty() {
                    { " Its uid is empty because the YAML has none: the API server assigns one." }
                }
            </p>
            <p class="kc-muted">
                { format!("The API server adds 5 random characters to generateName {}-; dsplay makes them up from a \
                           fixed seed. Annotations come from the template unchanged.", ds.meta.name) }
            </p>
        </>
    }
}

/// The key a YAML line starts, unquoted: `foo` of `foo: bar` and `foo:`.
fn line_key(content: &str) -> Option<String> {
    let key = if let Some(at) = content.find(": ") {
        &content[..at]
    } else {
        content.strip_suffix(':')?
    };
    Some(key.trim_matches(|c| c == '\'' || c == '"').to_string())
}

/// Which lines of a Pod manifest (as dsplay_core::yaml writes it: block style,
/// sequences at their key's indentation) the controller adds or replaces:
/// generateName, the revision labels, the ownerReferences, the required node
/// affinity and the tolerations flagged in `automatic` (by position).
pub fn injected_lines(yaml: &str, automatic: &[bool]) -> Vec<bool> {
    // The keys enclosing the current line, with their indentation.
    let mut path: Vec<(usize, String)> = Vec::new();
    let mut toleration: Option<usize> = None;
    let mut marks = Vec::new();
    for line in yaml.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = &line[indent..];
        let (key_indent, key_content, item) = match content.strip_prefix("- ") {
            Some(rest) => (indent + 2, rest, true),
            None if content == "-" => (indent + 2, "", true),
            None => (indent, content, false),
        };
        // A sequence item belongs to the key at its own indentation.
        path.retain(|(i, _)| if item { *i <= indent } else { *i < indent });
        let names: Vec<&str> = path.iter().map(|(_, k)| k.as_str()).collect();
        if item && names == ["spec", "tolerations"] {
            toleration = Some(toleration.map_or(0, |t| t + 1));
        }
        if let Some(key) = line_key(key_content) {
            path.push((key_indent, key));
        }
        let names: Vec<&str> = path.iter().map(|(_, k)| k.as_str()).collect();
        let marked = match names.as_slice() {
            ["metadata", "generateName", ..] => true,
            ["metadata", "labels", key, ..] => {
                *key == REVISION_HASH_LABEL || *key == TEMPLATE_GENERATION_LABEL
            }
            ["metadata", "ownerReferences", ..] => true,
            ["spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", ..] => {
                true
            }
            ["spec", "tolerations", _, ..] => toleration
                .and_then(|t| automatic.get(t))
                .copied()
                .unwrap_or(false),
            _ => false,
        };
        marks.push(marked);
    }
    marks
}
