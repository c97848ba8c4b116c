//! The flow player: the last change (or the DaemonSet's creation) played step
//! by step from the core's simulated timeline, in the seeds' visual language.
//!
//! The player's own state (the current step, playing or paused) lives in an
//! inner component and starts afresh with each new flow (a new `Flow::id`);
//! a tick re-renders the player only, never the page. The DOM stays: nodes and
//! pods are keyed by name, so the next flow animates from what is on screen,
//! and a focused control keeps its focus. The speed and the Deployment
//! comparison are the reader's preferences and outlive the flows.

use std::rc::Rc;
use std::time::Duration;

use dsplay_core::name_index::NameIndex;
use dsplay_core::simulation::{Actor, Snapshot, Step, Timeline};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::flow_compare::{deployment_compare, find_join};
use crate::components::flow_diagram::{flow_diagram, flow_legend};
use crate::flow::Flow;
use crate::hooks::debouncer::use_debouncer;
use crate::state::{Action, State};
use crate::class_list::class_list;

/// How long a step stays on screen at 1×.
pub const STEP_MS: u64 = 900;
/// The speeds offered, in halves (0.5×, 1×, 2×, 4×).
pub const SPEEDS_X2: [u32; 4] = [1, 2, 4, 8];
/// Up to this many steps the whole list is drawn; above, a window around the current one.
pub const ALL_STEPS_UP_TO: usize = 300;
/// Steps drawn each side of the current one in a long timeline.
pub const STEP_WINDOW: usize = 40;

#[derive(Properties, PartialEq)]
pub struct FlowPlayerProps {
    pub state: UseReducerHandle<State>,
}

/// `?autoplay=1` (or `true`, `yes`, bare `autoplay`) in the page's address.
fn autoplay_asked() -> bool {
    crate::location::query_param("autoplay")
        .is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes" | ""))
}

/// Whether the reader asked their system for less motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

#[function_component(FlowPlayer)]
pub fn flow_player(props: &FlowPlayerProps) -> Html {
    let state = &props.state;
    let speed = use_state(|| 2u32);
    let compare = use_state(|| false);
    // The flow the page opened with: `?autoplay=1` plays it at once.
    let opening = use_memo((), {
        let id = state.flow.as_ref().map(|f| f.id);
        move |_| (id, autoplay_asked())
    });
    let motion = use_memo((), |_| if reduced_motion() { "reduced" } else { "full" });
    // A large cluster opens without a flow: with `?autoplay=1`, ask for it once.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            if state.flow.is_none() && state.good.is_some() && autoplay_asked() {
                state.dispatch(Action::PlayCreation);
            }
        });
    }
    let play_creation = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::PlayCreation))
    };

    let Some(flow) = state.flow.clone() else {
        let why = if state.good.is_none() {
            "No DaemonSet yet: write one in the editor and its creation plays here.".to_string()
        } else {
            format!(
                "This cluster has {} nodes: its flow is worked out when you ask (it takes a moment), and drawn in aggregate.",
                state.inputs.nodes.len()
            )
        };
        return html! {
            <section class="flow flow-empty" aria-label="What the controller does, step by step" data-testid="flow-player" data-motion={*motion}>
                <p class="flow-empty-text" data-testid="flow-empty">{ why }</p>
                if state.good.is_some() {
                    <button type="button" class="primary" data-testid="flow-play-creation" onclick={play_creation}>
                        { "▶ Play the creation" }
                    </button>
                }
            </section>
        };
    };
    let autoplay = flow.autoplay || (opening.1 && opening.0 == Some(flow.id));
    html! {
        <Player flow={flow.clone()} dispatch={state.dispatcher()} {autoplay}
            speed={*speed} set_speed={speed.setter()} compare={*compare} set_compare={compare.setter()}
            motion={*motion} />
    }
}

// ---- the playhead ---------------------------------------------------------------

/// Where the player stands and whether it moves on by itself. Positions
/// count steps done: 0 is the cluster before the first step (the timeline's
/// start), `k` the cluster after step `k`, the last the settled end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Playhead {
    /// The flow it plays (`Flow::id`).
    pub flow: u64,
    pub pos: usize,
    pub playing: bool,
    /// The last position: the number of steps.
    pub last: usize,
}

pub enum PlayheadAction {
    /// The timer: one step on, stopping at the end.
    Tick,
    /// Play (from the start when at the end) or pause.
    Toggle,
    Forward,
    Back,
    /// Back to the start, playing on if it was playing.
    Restart,
    Jump(usize),
    /// A new flow: start over with this playhead (ignored for the same flow).
    Reset(Playhead),
}

impl Playhead {
    /// A new flow: played from its start, or shown settled at its end.
    pub fn new(flow: u64, steps: usize, autoplay: bool) -> Playhead {
        let last = steps;
        if autoplay && steps > 0 {
            Playhead {
                flow,
                pos: 0,
                playing: true,
                last,
            }
        } else {
            Playhead {
                flow,
                pos: last,
                playing: false,
                last,
            }
        }
    }

    pub fn next(self, action: PlayheadAction) -> Playhead {
        let Playhead {
            flow,
            pos,
            playing,
            last,
        } = self;
        let (pos, playing) = match action {
            PlayheadAction::Tick if playing && pos < last => (pos + 1, pos + 1 < last),
            PlayheadAction::Tick => (pos, false),
            PlayheadAction::Toggle if playing => (pos, false),
            PlayheadAction::Toggle if pos >= last => (0, last > 0),
            PlayheadAction::Toggle => (pos, true),
            PlayheadAction::Forward => ((pos + 1).min(last), false),
            PlayheadAction::Back => (pos.saturating_sub(1), false),
            PlayheadAction::Restart => (0, playing && last > 0),
            PlayheadAction::Jump(to) => (to.min(last), false),
            PlayheadAction::Reset(fresh) if fresh.flow != flow => return fresh,
            PlayheadAction::Reset(_) => (pos, playing),
        };
        Playhead {
            flow,
            pos,
            playing,
            last,
        }
    }
}

impl Reducible for Playhead {
    type Action = PlayheadAction;

    fn reduce(self: Rc<Self>, action: PlayheadAction) -> Rc<Self> {
        let next = (*self).next(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// How long the current step stays on screen at `speed_x2` (speed in halves).
pub fn step_delay(speed_x2: u32) -> Duration {
    Duration::from_millis(STEP_MS * 2 / u64::from(speed_x2.max(1)))
}

fn speed_text(speed_x2: u32) -> String {
    match speed_x2 {
        1 => "0.5×".to_string(),
        n => format!("{}×", n / 2),
    }
}

/// The actor's badge class (its lane colour).
pub fn actor_class(actor: Actor) -> &'static str {
    match actor {
        Actor::Kubectl => "actor-kubectl",
        Actor::ApiServer => "actor-api-server",
        Actor::DaemonSetController => "actor-controller",
        Actor::Scheduler => "actor-scheduler",
        Actor::Kubelet => "actor-kubelet",
        Actor::Node => "actor-node",
        Actor::TaintManager => "actor-taint-manager",
        Actor::PodGarbageCollector => "actor-pod-gc",
    }
}

/// Simulated time as the list shows it: "0.0 s", "12.0 s".
pub fn time_text(time_ms: i64) -> String {
    format!("{}.{} s", time_ms / 1000, (time_ms % 1000).abs() / 100)
}

/// "5 pods on 5 nodes", "3 pods on 3 of 5 nodes": the DaemonSet's pods (not
/// those terminating) and the nodes they are on.
pub fn pods_on_nodes(snapshot: &Snapshot) -> String {
    let c = &snapshot.counts;
    let pods = c.pending + c.container_creating + c.running;
    let with_pod = if snapshot.nodes.is_empty() {
        snapshot.status.map_or(pods, |s| {
            usize::try_from(s.current_number_scheduled + s.number_misscheduled).unwrap_or(0)
        })
    } else {
        let names = snapshot.pods.iter().filter(|p| p.status != "Terminating").map(|p| p.node.as_str());
        NameIndex::new(names).len()
    };
    let noun = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if with_pod == c.nodes {
        format!(
            "{} on {}",
            noun(pods, "pod", "pods"),
            noun(c.nodes, "node", "nodes")
        )
    } else {
        format!(
            "{} on {} of {}",
            noun(pods, "pod", "pods"),
            with_pod,
            noun(c.nodes, "node", "nodes")
        )
    }
}

/// The first step where the controller checks the nodes: the per-node checks
/// are revealed there.
pub fn scan_index(timeline: &Timeline) -> Option<usize> {
    timeline
        .steps
        .iter()
        .position(|s| s.caption.starts_with("The DaemonSet controller checks"))
}

// ---- the player -------------------------------------------------------------------

#[derive(Properties)]
struct PlayerProps {
    flow: Rc<Flow>,
    dispatch: UseReducerDispatcher<State>,
    autoplay: bool,
    speed: u32,
    set_speed: UseStateSetter<u32>,
    compare: bool,
    set_compare: UseStateSetter<bool>,
    motion: &'static str,
}

impl PartialEq for PlayerProps {
    fn eq(&self, other: &Self) -> bool {
        // The flow is compared by identity: a timeline can be thousands of steps.
        Rc::ptr_eq(&self.flow, &other.flow)
            && self.dispatch == other.dispatch
            && self.autoplay == other.autoplay
            && self.speed == other.speed
            && self.set_speed == other.set_speed
            && self.compare == other.compare
            && self.set_compare == other.set_compare
            && self.motion == other.motion
    }
}

#[function_component(Player)]
fn player(props: &PlayerProps) -> Html {
    let flow = &props.flow;
    let timeline = &flow.timeline;
    let steps = timeline.steps.len();
    let fresh = Playhead::new(flow.id, steps, props.autoplay);
    let stored = use_reducer(move || fresh);
    // A new flow is drawn from its fresh playhead at once; the reducer catches up.
    let head = if stored.flow == flow.id {
        *stored
    } else {
        fresh
    };
    use_effect_with(flow.id, {
        let dispatcher = stored.dispatcher();
        move |_| dispatcher.dispatch(PlayheadAction::Reset(fresh))
    });

    // The clock: one step per STEP_MS / speed while playing. Each new position
    // (or a pause) cancels the tick pending before it.
    let ticker = use_debouncer();
    use_effect_with((head.playing, head.pos, props.speed, flow.id), {
        let dispatcher = stored.dispatcher();
        move |&(playing, _, speed, _)| {
            if playing {
                ticker.after(step_delay(speed), move || {
                    dispatcher.dispatch(PlayheadAction::Tick)
                });
            } else {
                ticker.cancel();
            }
        }
    });

    let list = use_node_ref();
    use_current_step_in_view(list.clone(), head.pos, flow.id);

    let send = |action: fn() -> PlayheadAction| {
        let dispatcher = stored.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action()))
    };
    let on_restart = send(|| PlayheadAction::Restart);
    let on_back = send(|| PlayheadAction::Back);
    let on_toggle = send(|| PlayheadAction::Toggle);
    let on_forward = send(|| PlayheadAction::Forward);
    let on_jump = {
        let dispatcher = stored.dispatcher();
        Callback::from(move |i: usize| dispatcher.dispatch(PlayheadAction::Jump(i)))
    };
    let on_speed = {
        let set_speed = props.set_speed.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(v) = select.value().parse::<u32>() {
                set_speed.set(v);
            }
        })
    };
    let on_compare = {
        let set_compare = props.set_compare.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            set_compare.set(input.checked());
        })
    };
    let on_play_creation = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::PlayCreation))
    };
    // Arrow keys step, from anywhere in the player but its fields.
    let on_key = {
        let dispatcher = stored.dispatcher();
        Callback::from(move |e: KeyboardEvent| {
            let in_field = e
                .target_dyn_into::<HtmlElement>()
                .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
            if in_field || e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let action = match e.key().as_str() {
                "ArrowRight" => PlayheadAction::Forward,
                "ArrowLeft" => PlayheadAction::Back,
                _ => return,
            };
            e.prevent_default();
            dispatcher.dispatch(action);
        })
    };

    let pos = head.pos.min(steps);
    let step: Option<&Step> = pos.checked_sub(1).and_then(|i| timeline.steps.get(i));
    let snapshot = timeline.snapshot_at(pos);
    let settled = pos == steps;
    let is_creation =
        flow.title.starts_with("kubectl apply: DaemonSet") && flow.title.ends_with("is created");
    let join = find_join(timeline);

    let caption = match step {
        Some(step) => html! {
            <>
                <span class={class_list(&[Some("flow-actor"), Some(actor_class(step.actor))])}>{ step.actor.label() }</span>
                <span class="flow-caption-box">
                    <span class="flow-caption-text" key={pos}>{ &step.caption }</span>
                </span>
            </>
        },
        None => html! {
            <>
                <span class="flow-actor actor-start">{ "before" }</span>
                <span class="flow-caption-box">
                    <span class="flow-caption-text" key={pos}>{ start_caption(timeline) }</span>
                </span>
            </>
        },
    };
    let speed_options = SPEEDS_X2.iter().map(|&s| {
        html! { <option value={s.to_string()} selected={s == props.speed}>{ speed_text(s) }</option> }
    });

    html! {
        <section class="flow" aria-labelledby="flow-title" data-testid="flow-player" data-motion={props.motion}
            data-flow-id={flow.id.to_string()} onkeydown={on_key}>
            <div class="flow-head">
                <h2 class="flow-title" id="flow-title" data-testid="flow-title">{ &flow.title }</h2>
                <span class="flow-position" data-testid="flow-position" data-step={pos.to_string()}>
                    { if pos == 0 { format!("before step 1 of {steps}") } else { format!("step {pos} of {steps}") } }
                    if settled { { " · settled" } }
                </span>
            </div>
            <p class="flow-caption" data-testid="flow-caption" aria-live="polite">{ caption }</p>
            <div class="flow-controls" role="group" aria-label="Player">
                <button type="button" class="flow-button" data-testid="flow-restart" aria-label="Restart"
                    title="Restart" onclick={on_restart} disabled={steps == 0}>{ icon(Icon::Restart) }</button>
                <button type="button" class="flow-button" data-testid="flow-back" aria-label="Step back"
                    title="Step back (←)" aria-keyshortcuts="ArrowLeft" onclick={on_back} disabled={pos == 0}>{ icon(Icon::Back) }</button>
                <button type="button" class="flow-button flow-play" data-testid="flow-play"
                    aria-label="Play" aria-pressed={head.playing.to_string()}
                    title={if head.playing { "Pause" } else { "Play" }} onclick={on_toggle} disabled={steps == 0}>
                    { icon(if head.playing { Icon::Pause } else { Icon::Play }) }
                </button>
                <button type="button" class="flow-button" data-testid="flow-forward" aria-label="Step forward"
                    title="Step forward (→)" aria-keyshortcuts="ArrowRight" onclick={on_forward} disabled={settled}>{ icon(Icon::Forward) }</button>
                <label class="flow-speed">
                    <span>{ "Speed" }</span>
                    <select data-testid="flow-speed" onchange={on_speed}>{ for speed_options }</select>
                </label>
                <label class="flow-switch">
                    <input type="checkbox" role="switch" data-testid="compare-deployment" checked={props.compare} onchange={on_compare} />
                    <span>{ "Compare with a Deployment" }</span>
                </label>
                <button type="button" class="flow-button" data-testid="flow-play-creation" onclick={on_play_creation}>
                    { if is_creation { "Replay the creation" } else { "Play the creation" } }
                </button>
            </div>
            <div class="flow-body">
                <div class={class_list(&[Some("flow-stage"), props.compare.then_some("comparing")])}>
                    { flow_diagram(timeline, pos) }
                    if props.compare {
                        { deployment_compare(timeline, pos, join.as_ref()) }
                    }
                </div>
                <div class="flow-side">
                    { counters(snapshot.status, timeline.snapshot_at(pos.saturating_sub(1)).status, &pods_on_nodes(snapshot), settled) }
                    { step_list(timeline, pos, &on_jump, list.clone()) }
                </div>
            </div>
            { flow_legend() }
        </section>
    }
}

#[derive(Clone, Copy)]
enum Icon {
    Restart,
    Back,
    Play,
    Pause,
    Forward,
}

/// The controls' pictures, drawn (no font has to have the glyphs).
fn icon(which: Icon) -> Html {
    let path = match which {
        Icon::Restart => "M2 3h2v10H2z M9 3v10L4 8z M15 3v10l-5-5z",
        Icon::Back => "M3 3h2v10H3z M13 3v10L6 8z",
        Icon::Play => "M4 2v12l10-6z",
        Icon::Pause => "M4 2h3v12H4z M9 2h3v12H9z",
        Icon::Forward => "M11 3h2v10h-2z M3 3v10l7-5z",
    };
    html! {
        <svg class="flow-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}

/// What the start of a flow shows: the cluster before its first step.
pub fn start_caption(timeline: &Timeline) -> String {
    let start = &timeline.start;
    if timeline.steps.is_empty() {
        "Nothing happens: the cluster is already as this change wants it.".to_string()
    } else if start.status.is_none()
        && start.counts.pending + start.counts.running + start.counts.container_creating == 0
    {
        format!(
            "The cluster before: {} and no DaemonSet yet. Step forward or play.",
            if start.counts.nodes == 1 {
                "1 node".to_string()
            } else {
                format!("{} nodes", start.counts.nodes)
            }
        )
    } else {
        format!(
            "The cluster before: {}. Step forward or play.",
            pods_on_nodes(start)
        )
    }
}

// ---- the status counters -------------------------------------------------------------

/// The DaemonSet's status after the current step, as `kubectl get ds` counts
/// it (a counter that just moved is marked), and "5 pods on 5 nodes".
fn counters(
    now: Option<dsplay_core::Status>,
    before: Option<dsplay_core::Status>,
    summary: &str,
    settled: bool,
) -> Html {
    let counter = |key: &'static str, label: &'static str, get: fn(&dsplay_core::Status) -> i64| {
        let value = now.map(|s| get(&s));
        let moved = value != before.map(|s| get(&s));
        let text = value.map_or("–".to_string(), |v| v.to_string());
        html! {
            <div class={class_list(&[Some("flow-counter"), moved.then_some("moved")])} data-counter={key}>
                <span class="flow-counter-box">
                    <span class="flow-counter-value" key={text.clone()}>{ text }</span>
                </span>
                <span class="flow-counter-label">{ label }</span>
            </div>
        }
    };
    html! {
        <div class="flow-status" data-testid="flow-counters" aria-label="DaemonSet status at this step">
            <div class="flow-counters">
                { counter("desired", "desired", |s| s.desired_number_scheduled) }
                { counter("current", "current", |s| s.current_number_scheduled) }
                { counter("ready", "ready", |s| s.number_ready) }
                { counter("up-to-date", "up to date", |s| s.updated_number_scheduled) }
                { counter("available", "available", |s| s.number_available) }
            </div>
            <p class={class_list(&[Some("flow-summary"), settled.then_some("settled")])} data-testid="flow-summary">
                { if settled { format!("Settled: {summary}") } else { summary.to_string() } }
            </p>
        </div>
    }
}

// ---- the list of steps ---------------------------------------------------------------

/// Keeps the list's current step in view, scrolling the list, never the page.
#[hook]
fn use_current_step_in_view(list: NodeRef, pos: usize, flow: u64) {
    use_effect_with((pos, flow), move |_| {
        // Measured two frames on, when the layout of this step is done:
        // reading it now would force it at once (milliseconds for a
        // 250-node diagram, every step).
        after_next_frame(move || {
            let Some(list) = list.cast::<HtmlElement>() else {
                return;
            };
            let Ok(Some(current)) = list.query_selector("[aria-current=step]") else {
                return;
            };
            let Ok(current) = current.dyn_into::<HtmlElement>() else {
                return;
            };
            let (top, height) = (current.offset_top(), current.offset_height());
            let (scroll, view) = (list.scroll_top(), list.client_height());
            if top < scroll || top + height > scroll + view {
                list.set_scroll_top((top - (view - height) / 2).max(0));
            }
        });
    });
}

/// Every step (a window around the current one in a long timeline), after
/// the start.
fn step_list(timeline: &Timeline, pos: usize, on_jump: &Callback<usize>, list: NodeRef) -> Html {
    let steps = &timeline.steps;
    // Positions: 0 (the start) and one per step.
    let last = steps.len();
    let (from, to) = if last < ALL_STEPS_UP_TO {
        (0, last)
    } else {
        (
            pos.saturating_sub(STEP_WINDOW),
            (pos + STEP_WINDOW).min(last),
        )
    };
    let items = (from..=to).map(|p| {
        let current = p == pos;
        let onclick = {
            let on_jump = on_jump.clone();
            Callback::from(move |_: MouseEvent| on_jump.emit(p))
        };
        let (number, actor, caption, time) = match p.checked_sub(1).and_then(|i| steps.get(i)) {
            Some(step) => (
                format!("{p}."),
                html! { <span class={class_list(&[Some("flow-actor"), Some(actor_class(step.actor))])}>{ step.actor.label() }</span> },
                step.caption.clone(),
                time_text(step.time_ms),
            ),
            None => (
                String::new(),
                html! { <span class="flow-actor actor-start">{ "before" }</span> },
                start_caption(timeline),
                String::new(),
            ),
        };
        html! {
            <li key={p} class={class_list(&[Some("flow-step"), current.then_some("current"), (p < pos).then_some("done")])}
                data-testid="flow-step" data-position={p.to_string()} aria-current={current.then_some("step")}>
                <button type="button" class="flow-step-button" onclick={onclick}>
                    <span class="flow-step-number">{ number }</span>
                    { actor }
                    <span class="flow-step-caption">{ caption }</span>
                    <span class="flow-step-time">{ time }</span>
                </button>
            </li>
        }
    });
    html! {
        <div class="flow-steps-box">
            if from > 0 {
                <p class="flow-steps-more">{ format!("The start and {} earlier steps", from - 1) }</p>
            }
            <ul class="flow-steps" data-testid="flow-steps" ref={list} aria-label="Steps">
                { for items }
            </ul>
            if to < last {
                <p class="flow-steps-more">{ format!("{} later steps", last - to) }</p>
            }
            if let Some(why) = &timeline.truncated {
                <p class="flow-steps-more" data-testid="flow-truncated">{ format!("The simulation {why}.") }</p>
            }
        </div>
    }
}

/// Runs `work` at the start of the frame after the next one: the next frame's
/// style and layout are done by then, so reading them costs nothing.
fn after_next_frame(work: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let second = Closure::once_into_js(work);
    let first = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(second.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(first.unchecked_ref());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::State;

    #[test]
    fn a_new_flow_plays_or_shows_its_end() {
        let head = |pos, playing, last| Playhead {
            flow: 1,
            pos,
            playing,
            last,
        };
        assert_eq!(
            Playhead::new(1, 10, true),
            head(0, true, 10),
            "from the start"
        );
        assert_eq!(Playhead::new(1, 10, false), head(10, false, 10), "settled");
        assert_eq!(
            Playhead::new(1, 0, true),
            head(0, false, 0),
            "nothing to play"
        );
        assert_eq!(Playhead::new(1, 1, true), head(0, true, 1));
    }

    #[test]
    fn the_playhead_moves_and_stops_at_the_end() {
        let mut head = Playhead::new(7, 2, true);
        head = head.next(PlayheadAction::Tick);
        assert_eq!((head.pos, head.playing), (1, true));
        head = head.next(PlayheadAction::Tick);
        assert_eq!((head.pos, head.playing), (2, false), "stops at the end");
        head = head.next(PlayheadAction::Tick);
        assert_eq!((head.pos, head.playing), (2, false));
        head = head.next(PlayheadAction::Toggle);
        assert_eq!(
            (head.pos, head.playing),
            (0, true),
            "play at the end plays again"
        );
        head = head.next(PlayheadAction::Forward);
        assert_eq!((head.pos, head.playing), (1, false), "stepping pauses");
        head = head.next(PlayheadAction::Back).next(PlayheadAction::Back);
        assert_eq!(head.pos, 0);
        head = head.next(PlayheadAction::Jump(99));
        assert_eq!(head.pos, 2);
        head = head.next(PlayheadAction::Restart);
        assert_eq!((head.pos, head.playing), (0, false));
        head = head
            .next(PlayheadAction::Toggle)
            .next(PlayheadAction::Restart);
        assert_eq!(
            (head.pos, head.playing),
            (0, true),
            "restart plays on when playing"
        );
        assert_eq!(
            head.next(PlayheadAction::Reset(Playhead::new(7, 9, false))),
            head,
            "same flow: kept"
        );
        assert_eq!(
            head.next(PlayheadAction::Reset(Playhead::new(8, 9, false)))
                .pos,
            9,
            "a new flow starts afresh"
        );
    }

    #[test]
    fn speeds_and_times_read_well() {
        assert_eq!(step_delay(2), Duration::from_millis(900));
        assert_eq!(step_delay(8), Duration::from_millis(225));
        assert_eq!(speed_text(1), "0.5×");
        assert_eq!(speed_text(4), "2×");
        assert_eq!(time_text(12_345), "12.3 s");
    }

    #[test]
    fn the_creation_settles_on_three_pods_and_reveals_the_checks_at_the_scan() {
        let state = State::default();
        let flow = state.flow.unwrap();
        let end = flow.timeline.snapshot_at(flow.timeline.steps.len());
        assert_eq!(pods_on_nodes(end), "3 pods on 3 of 5 nodes");
        let scan = scan_index(&flow.timeline).unwrap();
        assert_eq!(flow.timeline.steps[scan].actor, Actor::DaemonSetController);
        assert!(scan >= 2, "after kubectl and the API server");
        assert_eq!(
            start_caption(&flow.timeline),
            "The cluster before: 5 nodes and no DaemonSet yet. Step forward or play."
        );
    }
}
