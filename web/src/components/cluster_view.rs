//! The cluster: one card per node, grouped by a label and filtered by name or
//! label, under a legend in the seeds' visual language and a summary of where
//! the DaemonSet's pods go. Views are built only for the cards on screen: a
//! large cluster (the Kubernetes limit is 5,000 nodes) is summarised and paged.

use std::rc::Rc;

use dsplay_core::model::Node;
use dsplay_core::name_index::NameIndex;
use dsplay_core::ownership::{claim, target_node_name, Claim};
use dsplay_core::sync::BURST_REPLICAS;
use dsplay_core::{Action as PlanAction, Plan};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::node_card::NodeCard;
use crate::state::{same, Action, Good, State};
use crate::class_list::class_list;

/// Up to this many nodes shown, every card is drawn; above, pages of `PAGE`.
pub const ALL_CARDS_UP_TO: usize = 200;
/// 24 (about two screens of cards), not 50 or 100: an edit that changes every
/// verdict (a new nodeSelector) redraws the whole page of cards. Measured with
/// per-component marks at 5,000 nodes: 36 of 53 ms with pages of 100 (a slow
/// day), 18 of 35 ms with pages of 50; on 2026-11-23, 4.1 ms with pages of 50
/// and 2.0 ms with pages of 24, most of it Yew's diff and the DOM changes (the
/// cards' own code 0.3 ms).
pub const PAGE: usize = 24;
/// In a cluster of more than `ALL_CARDS_UP_TO` nodes, the filter applies after this pause in typing.
pub const FILTER_PAUSE_MS: u64 = 200;
/// Above this many cards on screen, each card folds its editing fields.
pub const UNFOLDED_UP_TO: usize = 24;

#[derive(Properties, PartialEq)]
pub struct ClusterViewProps {
    pub state: UseReducerHandle<State>,
}

/// What the derived view depends on; the node list and the plan compare by
/// identity, so that nothing is recomputed (nor compared) node by node.
#[derive(Clone)]
struct ViewKey {
    nodes: Rc<Vec<Node>>,
    /// Each node's position by name, built once per node list (`node_list_facts`).
    index: Rc<NameIndex<'static>>,
    plan: Option<Rc<Plan>>,
    good: Option<Rc<Good>>,
    filter: String,
    group_by: Option<String>,
}

impl PartialEq for ViewKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.nodes, &other.nodes)
            && Rc::ptr_eq(&self.index, &other.index)
            && same(&self.plan, &other.plan)
            && same(&self.good, &other.good)
            && self.filter == other.filter
            && self.group_by == other.group_by
    }
}

/// The DaemonSet's pods on one node after the plan.
#[derive(Clone, Copy, Default)]
struct PodCount {
    kept: usize,
    creating: usize,
    deleting: usize,
}

/// One group of the shown nodes (all of them when not grouping).
#[derive(Clone, PartialEq)]
struct Group {
    /// The label's value; `None` for the nodes without the label.
    value: Option<String>,
    nodes: usize,
    with_pod: usize,
}

#[derive(Clone, Default, PartialEq)]
struct Summary {
    nodes: usize,
    with_pod: usize,
    creating: usize,
    deleting: usize,
    keeping: usize,
    /// Nodes without a pod, by the first reason.
    without: Vec<(String, usize)>,
}

#[derive(Clone, Default, PartialEq)]
struct Shown {
    /// Node indices in display order (by group when grouping).
    order: Vec<usize>,
    /// The group of each entry of `order`.
    group_of: Vec<usize>,
    groups: Vec<Group>,
    summary: Summary,
    /// Nodes no longer in the list that the DaemonSet's pods still name.
    removed: Vec<RemovedNode>,
}

#[derive(Clone, PartialEq)]
struct RemovedNode {
    node: String,
    /// The pods, and whether the controller deletes them (pending ones) or
    /// leaves them to the pod garbage collector (bound ones).
    pods: Vec<(String, bool)>,
}

/// `text` matches the node's name, or a label's key, value or `key=value`.
fn matches(node: &Node, filter: &str) -> bool {
    if filter.is_empty() || node.name().contains(filter) {
        return true;
    }
    let pair = filter.split_once('=');
    node.meta.labels.iter().any(|(k, v)| {
        k.contains(filter)
            || v.contains(filter)
            || pair.is_some_and(|(fk, fv)| k.ends_with(fk) && v.starts_with(fv))
    })
}

/// The DaemonSet's pods on each node after the plan, by the node's position
/// in `nodes` (of `node_count`), counted the way `state::pods_on` lists them.
fn pod_counts(plan: &Plan, good: &Good, nodes: &NameIndex, node_count: usize) -> Vec<PodCount> {
    let deleted = NameIndex::new(
        plan.actions
            .iter()
            .filter(|a| matches!(a, PlanAction::Delete { .. }))
            .map(PlanAction::pod),
    );
    let mut counts = vec![PodCount::default(); node_count];
    for pod in &good.pods {
        if !matches!(claim(&good.daemon_set, pod), Claim::Owned | Claim::Adopt) {
            continue;
        }
        let Some(count) = target_node_name(pod)
            .and_then(|node| nodes.position(node))
            .and_then(|i| counts.get_mut(i))
        else {
            continue;
        };
        if deleted.contains(pod.name()) {
            count.deleting += 1;
        } else {
            count.kept += 1;
        }
    }
    for action in &plan.actions {
        if let PlanAction::Create { node, .. } = action {
            if let Some(count) = nodes.position(node).and_then(|i| counts.get_mut(i)) {
                count.creating += 1;
            }
        }
    }
    counts
}

fn derive(inputs: &ViewKey) -> Shown {
    let nodes = &inputs.nodes;
    let filter = inputs.filter.trim();
    let mut order: Vec<usize> = (0..nodes.len())
        .filter(|&i| matches(&nodes[i], filter))
        .collect();
    let value_of = |i: usize| -> Option<&String> {
        inputs
            .group_by
            .as_ref()
            .and_then(|key| nodes[i].meta.labels.get(key))
    };
    if inputs.group_by.is_some() {
        // By value, the nodes without the label last; node order within a group.
        dsplay_core::sorting::sort_by(&mut order, |&a, &b| match (value_of(a), value_of(b)) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    let index = &inputs.index;
    let counts = match (inputs.plan.as_deref(), inputs.good.as_deref()) {
        (Some(plan), Some(good)) => pod_counts(plan, good, index, nodes.len()),
        _ => Vec::new(),
    };
    let names_repeat = index.len() != nodes.len();
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of = Vec::with_capacity(order.len());
    let mut summary = Summary {
        nodes: order.len(),
        ..Summary::default()
    };
    // The first reason of each node without a pod, with how many nodes give
    // it: counted as the nodes go by (by a hash of the text), not sorted node
    // by node.
    let later_sync = format!("to be created in a later sync (at most {BURST_REPLICAS} pods per sync)");
    let mut reasons: Vec<(&str, usize)> = Vec::new();
    let mut reason_slot = NameIndex::default();
    for &i in &order {
        let node = &nodes[i];
        let value = value_of(i);
        if groups.last().is_none_or(|g| g.value.as_ref() != value) {
            groups.push(Group {
                value: value.cloned(),
                nodes: 0,
                with_pod: 0,
            });
        }
        // A name the list repeats is counted at its last node (pod_counts).
        let at = if names_repeat { index.position(node.name()) } else { Some(i) };
        let count = at.and_then(|i| counts.get(i)).copied().unwrap_or_default();
        let has_pod = count.kept + count.creating > 0;
        if let Some(group) = groups.last_mut() {
            group.nodes += 1;
            group.with_pod += usize::from(has_pod);
        }
        group_of.push(groups.len() - 1);
        summary.with_pod += usize::from(has_pod);
        summary.creating += count.creating;
        summary.deleting += count.deleting;
        let verdict = inputs.plan.as_deref().and_then(|p| p.nodes.get(i));
        if verdict.is_some_and(|v| !v.should_run && v.should_continue_running) && count.kept > 0 {
            summary.keeping += 1;
        }
        if !has_pod {
            let reason = match verdict {
                None => "no DaemonSet has been read yet",
                Some(v) if v.should_run => &later_sync,
                Some(v) => v.reasons.first().map_or("no reason given", String::as_str),
            };
            if reason_slot.insert(reason) {
                reasons.push((reason, 1));
            } else if let Some((_, count)) = reason_slot.position(reason).and_then(|i| reasons.get_mut(i)) {
                *count += 1;
            }
        }
    }
    let mut without: Vec<(String, usize)> = reasons.into_iter().map(|(r, n)| (r.to_string(), n)).collect();
    dsplay_core::sorting::sort_by(&mut without, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    summary.without = without;

    // The DaemonSet's pods on nodes no longer in the list: a pending one is the
    // controller's to delete; a bound one is left to the pod garbage collector.
    let mut removed: Vec<RemovedNode> = Vec::new();
    if let (Some(plan), Some(good)) = (inputs.plan.as_deref(), inputs.good.as_deref()) {
        if !good.pods.is_empty() {
            for pod in &good.pods {
                let Some(node) = target_node_name(pod).filter(|n| !index.contains(n)) else {
                    continue;
                };
                if !matches!(claim(&good.daemon_set, pod), Claim::Owned | Claim::Adopt) {
                    continue;
                }
                let deleted = plan
                    .actions
                    .iter()
                    .any(|a| matches!(a, PlanAction::Delete { .. }) && a.pod() == pod.name());
                let entry = (pod.name().to_string(), deleted);
                match removed.iter_mut().find(|r| r.node == node) {
                    Some(r) => r.pods.push(entry),
                    None => removed.push(RemovedNode {
                        node: node.to_string(),
                        pods: vec![entry],
                    }),
                }
            }
        }
    }
    Shown {
        order,
        group_of,
        groups,
        summary,
        removed,
    }
}

/// What the cards need of the whole node list, worked out once per list
/// (an edit of the DaemonSet does not change it): the label keys to group
/// by, and each node's position by name (owned names, so that it is kept).
struct NodeListFacts {
    label_keys: Vec<String>,
    index: Rc<NameIndex<'static>>,
}

fn node_list_facts(nodes: &NodesRef) -> NodeListFacts {
    let mut keys: Vec<&String> = nodes.0.iter().flat_map(|n| n.meta.labels.keys()).collect();
    dsplay_core::sorting::sort_by(&mut keys, |a, b| a.cmp(b));
    keys.dedup();
    let mut index = NameIndex::default();
    for (position, node) in nodes.0.iter().enumerate() {
        index.set(node.name().to_string(), position);
    }
    NodeListFacts { label_keys: keys.into_iter().cloned().collect(), index: Rc::new(index) }
}

/// The node list's identity, for `node_list_facts`.
#[derive(Clone)]
struct NodesRef(Rc<Vec<Node>>);

impl PartialEq for NodesRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[function_component(ClusterView)]
pub fn view(props: &ClusterViewProps) -> Html {
    let state = &props.state;
    let page = use_state_eq(|| 0usize);
    let facts = use_memo(NodesRef(state.inputs.nodes.clone()), node_list_facts);
    let keys = &facts.label_keys;
    let shown = use_memo(
        ViewKey {
            nodes: state.inputs.nodes.clone(),
            index: facts.index.clone(),
            plan: state.plan.clone(),
            good: state.good.clone(),
            filter: state.filter.clone(),
            group_by: state.group_by.clone(),
        },
        derive,
    );

    let on_group = {
        let (dispatch, page) = (state.dispatcher(), page.clone());
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let key = select.value();
            page.set(0);
            dispatch.dispatch(Action::GroupBy((!key.is_empty()).then_some(key)));
        })
    };
    // The filter field's own text. In a large cluster the filter is applied
    // after a pause in typing, so that keystrokes never wait for a page of cards.
    let draft = use_state_eq(|| state.filter.clone());
    let sent = use_mut_ref(|| state.filter.clone());
    let typed = crate::hooks::debouncer::use_debouncer();
    {
        // The filter changed elsewhere (a restore): the field follows.
        let (draft, sent) = (draft.clone(), sent.clone());
        use_effect_with(state.filter.clone(), move |filter| {
            if *sent.borrow() != *filter {
                *sent.borrow_mut() = filter.clone();
                draft.set(filter.clone());
            }
        });
    }
    let on_filter = {
        let (dispatch, page, draft) = (state.dispatcher(), page.clone(), draft.clone());
        let large = state.inputs.nodes.len() > ALL_CARDS_UP_TO;
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            draft.set(text.clone());
            let apply = {
                let (dispatch, page, sent) = (dispatch.clone(), page.clone(), sent.clone());
                move || {
                    *sent.borrow_mut() = text.clone();
                    page.set(0);
                    dispatch.dispatch(Action::Filter(text));
                }
            };
            if !large {
                apply();
                return;
            }
            typed.after(std::time::Duration::from_millis(FILTER_PAUSE_MS), apply);
        })
    };

    let total = shown.order.len();
    let paged = total > ALL_CARDS_UP_TO;
    let pages = total.div_ceil(PAGE).max(1);
    let current = if paged { (*page).min(pages - 1) } else { 0 };
    let range = if paged {
        current * PAGE..((current + 1) * PAGE).min(total)
    } else {
        0..total
    };
    let pager = |place: &'static str| {
        if !paged {
            return html! {};
        }
        let go = |to: usize| {
            let page = page.clone();
            Callback::from(move |_: MouseEvent| page.set(to))
        };
        html! {
            <nav class="cluster-pager" aria-label={format!("Pages of nodes ({place})")}>
                <button type="button" data-testid="page-prev" disabled={current == 0}
                    aria-label="Previous page of nodes" onclick={go(current.saturating_sub(1))}>{ "\u{2190} Previous" }</button>
                <span class="pager-text" data-testid="page-text">
                    { format!("Nodes {}\u{2013}{} of {total} (page {} of {pages})", range.start + 1, range.end, current + 1) }
                </span>
                <button type="button" data-testid="page-next" disabled={current + 1 >= pages}
                    aria-label="Next page of nodes" onclick={go((current + 1).min(pages - 1))}>{ "Next \u{2192}" }</button>
            </nav>
        }
    };

    let dispatch = state.dispatcher();
    let node_error: Option<AttrValue> = state.node_error.clone().map(AttrValue::from);
    let established = state.good.as_ref().is_some_and(|g| !g.pods.is_empty());
    // The cards of this page, in runs of one group each.
    let mut runs: Vec<(usize, Vec<usize>)> = Vec::new();
    for position in range.clone() {
        let (Some(&index), Some(&group)) =
            (shown.order.get(position), shown.group_of.get(position))
        else {
            continue;
        };
        match runs.last_mut() {
            Some((g, indices)) if *g == group => indices.push(index),
            _ => runs.push((group, vec![index])),
        }
    }
    // A page of a large cluster stays folded too: it is drawn again at every edit.
    let compact = paged || range.len() > UNFOLDED_UP_TO;
    let mut keys_used: NameIndex<'static> = NameIndex::default();
    let mut card = |index: usize| -> Html {
        let Some(view) = state.node_view(index) else {
            return html! {};
        };
        let name = view.node.name().to_string();
        // Names are unique in a cluster; a pasted list might still repeat one.
        let key = if keys_used.insert(name.clone()) {
            name
        } else {
            format!("{name}\u{0}{index}")
        };
        html! {
            <NodeCard key={key} view={view} dispatch={dispatch.clone()} node_error={node_error.clone()} established={established} compact={compact} />
        }
    };
    let first_on_page = range.start;
    let group_key = state.group_by.clone().unwrap_or_default();
    let cards: Html = if state.group_by.is_some() {
        runs.into_iter()
            .enumerate()
            .map(|(run, (group, indices))| {
                let Some(g) = shown.groups.get(group) else { return html! {} };
                // The page starts in the middle of this group.
                let continued =
                    run == 0 && first_on_page > 0 && shown.group_of.get(first_on_page - 1) == Some(&group);
                let title = match &g.value {
                    Some(value) => format!("{group_key}={value}"),
                    None => format!("without {group_key}"),
                };
                let heading_id = format!("node-group-{group}");
                html! {
                    <section class="node-group" data-testid="node-group" data-group-value={g.value.clone()} aria-labelledby={heading_id.clone()}>
                        <h3 class="node-group-title" id={heading_id}>
                            <span class="group-name">{ title }</span>
                            if continued { <span class="group-continued">{ " (continued)" }</span> }
                            <span class="group-counts">{ format!(" \u{00b7} {} node(s), {} with a pod", g.nodes, g.with_pod) }</span>
                        </h3>
                        <ul class="node-grid">{ for indices.into_iter().map(&mut card) }</ul>
                    </section>
                }
            })
            .collect()
    } else {
        let indices: Vec<usize> = runs.into_iter().flat_map(|(_, indices)| indices).collect();
        html! { <ul class="node-grid">{ for indices.into_iter().map(&mut card) }</ul> }
    };

    let all = state.inputs.nodes.len();
    let summary = &shown.summary;
    html! {
        <div class="cluster-view">
            <div class="cluster-controls">
                <label class="cluster-control">
                    <span>{ "Group by" }</span>
                    <select data-testid="group-by" aria-label="Group nodes by label" onchange={on_group}>
                        <option value="" selected={state.group_by.is_none()}>{ "(no grouping)" }</option>
                        { for keys.iter().map(|key| html! {
                            <option value={key.clone()} selected={state.group_by.as_deref() == Some(key.as_str())}>{ key.clone() }</option>
                        }) }
                        // A key no node has any longer stays selectable until changed.
                        if let Some(key) = state.group_by.as_ref().filter(|k| !keys.contains(k)) {
                            <option value={key.clone()} selected=true>{ key.clone() }</option>
                        }
                    </select>
                </label>
                <label class="cluster-control cluster-filter">
                    <span>{ "Filter" }</span>
                    <input type="search" data-testid="filter" aria-label="Filter nodes by name or label"
                        placeholder="name, key or key=value" value={(*draft).clone()}
                        spellcheck="false" autocomplete="off" oninput={on_filter} />
                </label>
            </div>
            <Legend />
            <div class="cluster-summary" data-testid="summary">
                <p class="summary-counts">
                    <span data-testid="summary-nodes">{ if total == all { format!("{all} node(s)") } else { format!("{total} of {all} node(s) shown") } }</span>
                    { format!(" \u{00b7} {} with a DaemonSet pod", summary.with_pod) }
                    if summary.creating > 0 { { format!(" \u{00b7} {} pod(s) being created", summary.creating) } }
                    if summary.deleting > 0 { { format!(" \u{00b7} {} pod(s) being deleted", summary.deleting) } }
                    if summary.keeping > 0 { { format!(" \u{00b7} {} keep a pod they would not get now", summary.keeping) } }
                </p>
                if !summary.without.is_empty() {
                    <details class="summary-reasons" open={paged || summary.without.len() > 1}>
                        <summary>{ format!("{} node(s) without a pod, by reason", summary.without.iter().map(|(_, n)| n).sum::<usize>()) }</summary>
                        <ul data-testid="summary-reasons">
                            { for summary.without.iter().map(|(reason, count)| html! {
                                <li><span class="reason-count">{ count }</span>{ " " }<span class="reason">{ reason.clone() }</span></li>
                            }) }
                        </ul>
                    </details>
                }
            </div>
            { pager("top") }
            if total == 0 {
                <p class="cluster-empty" data-testid="no-nodes">
                    { if all == 0 { "No nodes: add one, or paste a node list." } else { "No node matches the filter." } }
                </p>
            }
            { cards }
            { pager("bottom") }
            if !shown.removed.is_empty() {
                <section class="node-group removed-nodes" aria-labelledby="removed-nodes-title">
                    <h3 class="node-group-title" id="removed-nodes-title">{ "Removed nodes" }</h3>
                    <ul class="node-grid">
                        { for shown.removed.iter().map(|removed| html! {
                            <li class="node-card node-removed" data-testid="removed-node" data-node-name={removed.node.clone()}>
                                <div class="node-head">
                                    <span class="node-icon" aria-hidden="true">{ "\u{1f5d1}\u{fe0f}" }</span>
                                    <h4 class="node-name">{ removed.node.clone() }</h4>
                                </div>
                                <p class="node-verdict blocked">{ "Not in the node list" }</p>
                                <ul class="node-pods">
                                    { for removed.pods.iter().map(|(pod, deleted)| html! {
                                        <li>
                                            <span class={class_list(&[Some("pod-chip"), Some(if *deleted { "deleting" } else { "left" })])}
                                                data-pod-name={pod.clone()} data-pod-state={if *deleted { "deleting" } else { "left" }}>
                                                <span class="pod-name">{ pod.clone() }</span>
                                            </span>
                                            <p class="removed-note">
                                                { if *deleted {
                                                    "Never scheduled: the DaemonSet controller deletes it"
                                                } else {
                                                    "Bound to the node: the DaemonSet controller leaves it alone, the pod garbage collector deletes it"
                                                } }
                                            </p>
                                        </li>
                                    }) }
                                </ul>
                            </li>
                        }) }
                    </ul>
                </section>
            }
        </div>
    }
}

/// The seeds' legend: regular, new and removed nodes, nodes without a pod, and
/// the DaemonSet's pods (kept, being created, being deleted).
#[function_component(Legend)]
fn legend() -> Html {
    let item = |class: &'static str, text: &'static str| {
        html! {
            <li><span class={class_list(&[Some("legend-swatch"), Some(class)])} aria-hidden="true"></span>{ text }</li>
        }
    };
    html! {
        <ul class="cluster-legend" aria-label="Legend" data-testid="legend">
            { item("node-regular", "Regular node") }
            { item("node-new", "New node (joins the DaemonSet now)") }
            { item("node-none", "Node without a pod") }
            { item("node-removed", "Removed node") }
            { item("pod-swatch existing", "DaemonSet pod") }
            { item("pod-swatch creating", "Pod being created") }
            { item("pod-swatch deleting", "Pod being deleted") }
        </ul>
    }
}
