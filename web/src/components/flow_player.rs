//! The flow player: the last change (or the DaemonSet's creation) played step
//! by step from the core's simulated timeline, in the seeds' visual language.
//!
//! The player's own state (the current step, playing or paused) lives in an
//! inner component keyed by the flow's id: a new flow starts afresh, and a tick
//! re-renders the player only, never the page. The speed and the Deployment
//! comparison are the reader's preferences and outlive the flows.

use std::rc::Rc;
use std::time::Duration;

use dsplay_core::simulation::{Actor, Snapshot, Step, Timeline};
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::flow_compare::{find_join, DeploymentCompare};
use crate::components::flow_diagram::{FlowDiagram, FlowLegend};
use crate::flow::Flow;
use crate::hooks::debouncer::use_debouncer;
use crate::state::{Action, State};

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
    crate::location::query_param("autoplay").is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes" | ""))
}

/// Whether the reader asked their system for less motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
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
        <Player key={flow.id} flow={flow.clone()} dispatch={state.dispatcher()} {autoplay}
            speed={*speed} set_speed={speed.setter()} compare={*compare} set_compare={compare.setter()}
            motion={*motion} />
    }
}

// ---- the playhead ---------------------------------------------------------------

/// Where the player stands: the current step (its snapshot is on screen) and
/// whether it moves on by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Playhead {
    pub pos: usize,
    pub playing: bool,
    /// The index of the last step (0 for an empty timeline).
    pub last: usize,
}

pub enum PlayheadAction {
    /// The timer: one step on, stopping at the end.
    Tick,
    /// Play (from the start when at the end) or pause.
    Toggle,
    Forward,
    Back,
    /// Back to the first step, playing on if it was playing.
    Restart,
    Jump(usize),
}

impl Playhead {
    /// A new flow: played from its first step, or shown settled at its last.
    pub fn new(steps: usize, autoplay: bool) -> Playhead {
        let last = steps.saturating_sub(1);
        if autoplay && steps > 1 {
            Playhead { pos: 0, playing: true, last }
        } else {
            Playhead { pos: last, playing: false, last }
        }
    }

    pub fn next(self, action: PlayheadAction) -> Playhead {
        let Playhead { pos, playing, last } = self;
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
        };
        Playhead { pos, playing, last }
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
        snapshot.status.map_or(pods, |s| usize::try_from(s.current_number_scheduled + s.number_misscheduled).unwrap_or(0))
    } else {
        let mut names: Vec<&str> =
            snapshot.pods.iter().filter(|p| p.status != "Terminating").map(|p| p.node.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    };
    let noun = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if with_pod == c.nodes {
        format!("{} on {}", noun(pods, "pod", "pods"), noun(c.nodes, "node", "nodes"))
    } else {
        format!("{} on {} of {}", noun(pods, "pod", "pods"), with_pod, noun(c.nodes, "node", "nodes"))
    }
}

/// The first step where the controller checks the nodes: the per-node checks
/// are revealed there.
pub fn scan_index(timeline: &Timeline) -> Option<usize> {
    timeline.steps.iter().position(|s| s.caption.starts_with("The DaemonSet controller checks"))
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
    let head = use_reducer({
        let autoplay = props.autoplay;
        move || Playhead::new(steps, autoplay)
    });

    // The clock: one step per STEP_MS / speed while playing. Each new position
    // (or a pause) cancels the tick pending before it.
    let ticker = use_debouncer();
    use_effect_with((head.playing, head.pos, props.speed), {
        let dispatcher = head.dispatcher();
        move |&(playing, _, speed)| {
            if playing {
                ticker.after(step_delay(speed), move || dispatcher.dispatch(PlayheadAction::Tick));
            } else {
                ticker.cancel();
            }
        }
    });

    let send = |action: fn() -> PlayheadAction| {
        let dispatcher = head.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action()))
    };
    let on_restart = send(|| PlayheadAction::Restart);
    let on_back = send(|| PlayheadAction::Back);
    let on_toggle = send(|| PlayheadAction::Toggle);
    let on_forward = send(|| PlayheadAction::Forward);
    let on_jump = {
        let dispatcher = head.dispatcher();
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
        let dispatcher = head.dispatcher();
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

    let pos = head.pos.min(steps.saturating_sub(1));
    let step: Option<&Step> = timeline.steps.get(pos);
    let snapshot = if steps == 0 { &timeline.start } else { timeline.snapshot_at(pos + 1) };
    let settled = pos + 1 >= steps;
    let is_creation = flow.title.starts_with("kubectl apply: DaemonSet") && flow.title.ends_with("is created");
    let join = find_join(timeline);

    let caption = match step {
        Some(step) => html! {
            <>
                <span class={classes!("flow-actor", actor_class(step.actor))}>{ step.actor.label() }</span>
                <span class="flow-caption-box">
                    <span class="flow-caption-text" key={pos}>{ &step.caption }</span>
                </span>
            </>
        },
        None => html! { <span class="flow-caption-text">{ "Nothing happens: the cluster is already as this change wants it." }</span> },
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
                    { if steps == 0 { "no steps".to_string() } else { format!("step {} of {}", pos + 1, steps) } }
                    if settled && steps > 0 { { " · settled" } }
                </span>
            </div>
            <p class="flow-caption" data-testid="flow-caption" aria-live="polite">{ caption }</p>
            <div class="flow-controls" role="group" aria-label="Player">
                <button type="button" class="flow-button" data-testid="flow-restart" aria-label="Restart"
                    title="Restart" onclick={on_restart} disabled={steps == 0}>{ "⏮" }</button>
                <button type="button" class="flow-button" data-testid="flow-back" aria-label="Step back"
                    title="Step back (←)" aria-keyshortcuts="ArrowLeft" onclick={on_back} disabled={pos == 0}>{ "◀" }</button>
                <button type="button" class="flow-button flow-play" data-testid="flow-play"
                    aria-label={if head.playing { "Pause" } else { "Play" }} aria-pressed={head.playing.to_string()}
                    title={if head.playing { "Pause" } else { "Play" }} onclick={on_toggle} disabled={steps < 2}>
                    { if head.playing { "⏸" } else { "▶" } }
                </button>
                <button type="button" class="flow-button" data-testid="flow-forward" aria-label="Step forward"
                    title="Step forward (→)" aria-keyshortcuts="ArrowRight" onclick={on_forward} disabled={settled}>{ "▶|" }</button>
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
                <div class={classes!("flow-stage", props.compare.then_some("comparing"))}>
                    <FlowDiagram flow={flow.clone()} pos={pos} />
                    if props.compare {
                        <DeploymentCompare flow={flow.clone()} pos={pos} join={join} />
                    }
                </div>
                <div class="flow-side">
                    <FlowCounters now={snapshot.status} before={previous(timeline, pos).status}
                        summary={pods_on_nodes(snapshot)} settled={settled && steps > 0} />
                    <StepList flow={flow.clone()} pos={pos} on_jump={on_jump} />
                </div>
            </div>
            <FlowLegend />
        </section>
    }
}

/// The snapshot before the current step.
fn previous(timeline: &Timeline, pos: usize) -> &Snapshot {
    timeline.snapshot_at(pos)
}

// ---- the status counters -------------------------------------------------------------

#[derive(Properties, PartialEq)]
struct CountersProps {
    now: Option<dsplay_core::Status>,
    before: Option<dsplay_core::Status>,
    /// "5 pods on 5 nodes".
    summary: String,
    settled: bool,
}

/// The DaemonSet's status after the current step, as `kubectl get ds` counts
/// it; a counter that just moved is marked.
#[function_component(FlowCounters)]
fn flow_counters(props: &CountersProps) -> Html {
    let (now, before) = (props.now, props.before);
    let counter = |key: &'static str, label: &'static str, get: fn(&dsplay_core::Status) -> i64| {
        let value = now.map(|s| get(&s));
        let moved = value != before.map(|s| get(&s));
        let text = value.map_or("–".to_string(), |v| v.to_string());
        html! {
            <div class={classes!("flow-counter", moved.then_some("moved"))} data-counter={key}>
                <span class="flow-counter-box">
                    <span class="flow-counter-value" key={text.clone()}>{ text }</span>
                </span>
                <span class="flow-counter-label">{ label }</span>
            </div>
        }
    };
    let summary = &props.summary;
    html! {
        <div class="flow-status" data-testid="flow-counters" aria-label="DaemonSet status at this step">
            <div class="flow-counters">
                { counter("desired", "desired", |s| s.desired_number_scheduled) }
                { counter("current", "current", |s| s.current_number_scheduled) }
                { counter("ready", "ready", |s| s.number_ready) }
                { counter("up-to-date", "up to date", |s| s.updated_number_scheduled) }
                { counter("available", "available", |s| s.number_available) }
            </div>
            <p class={classes!("flow-summary", props.settled.then_some("settled"))} data-testid="flow-summary">
                { if props.settled { format!("Settled: {summary}") } else { summary.clone() } }
            </p>
        </div>
    }
}

// ---- the list of steps ---------------------------------------------------------------

#[derive(Properties)]
struct StepListProps {
    flow: Rc<Flow>,
    pos: usize,
    on_jump: Callback<usize>,
}

impl PartialEq for StepListProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.flow, &other.flow) && self.pos == other.pos
    }
}

/// Every step (a window around the current one in a long timeline); the
/// current one is kept in view by scrolling the list, never the page.
#[function_component(StepList)]
fn step_list(props: &StepListProps) -> Html {
    let list = use_node_ref();
    let steps = &props.flow.timeline.steps;
    {
        let list = list.clone();
        use_effect_with(props.pos, move |_| {
            let Some(list) = list.cast::<HtmlElement>() else { return };
            let Ok(Some(current)) = list.query_selector("[aria-current=step]") else { return };
            let Ok(current) = wasm_bindgen::JsCast::dyn_into::<HtmlElement>(current) else { return };
            let (top, height) = (current.offset_top(), current.offset_height());
            let (scroll, view) = (list.scroll_top(), list.client_height());
            if top < scroll || top + height > scroll + view {
                list.set_scroll_top((top - (view - height) / 2).max(0));
            }
        });
    }
    let (from, to) = if steps.len() <= ALL_STEPS_UP_TO {
        (0, steps.len())
    } else {
        (props.pos.saturating_sub(STEP_WINDOW), (props.pos + STEP_WINDOW + 1).min(steps.len()))
    };
    let items = steps[from..to].iter().enumerate().map(|(offset, step)| {
        let i = from + offset;
        let current = i == props.pos;
        let onclick = {
            let on_jump = props.on_jump.clone();
            Callback::from(move |_: MouseEvent| on_jump.emit(i))
        };
        html! {
            <li key={i} class={classes!("flow-step", current.then_some("current"), (i < props.pos).then_some("done"))}
                data-testid="flow-step" aria-current={current.then_some("step")}>
                <button type="button" class="flow-step-button" onclick={onclick}>
                    <span class="flow-step-number">{ format!("{}.", i + 1) }</span>
                    <span class={classes!("flow-actor", actor_class(step.actor))}>{ step.actor.label() }</span>
                    <span class="flow-step-caption">{ &step.caption }</span>
                    <span class="flow-step-time">{ time_text(step.time_ms) }</span>
                </button>
            </li>
        }
    });
    html! {
        <div class="flow-steps-box">
            if from > 0 {
                <p class="flow-steps-more">{ format!("{from} earlier steps") }</p>
            }
            <ol class="flow-steps" data-testid="flow-steps" ref={list} start={(from + 1).to_string()} aria-label="Steps">
                { for items }
            </ol>
            if to < steps.len() {
                <p class="flow-steps-more">{ format!("{} later steps", steps.len() - to) }</p>
            }
            if let Some(why) = &props.flow.timeline.truncated {
                <p class="flow-steps-more" data-testid="flow-truncated">{ format!("The simulation {why}.") }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::State;

    #[test]
    fn a_new_flow_plays_or_shows_its_end() {
        assert_eq!(Playhead::new(10, true), Playhead { pos: 0, playing: true, last: 9 });
        assert_eq!(Playhead::new(10, false), Playhead { pos: 9, playing: false, last: 9 });
        assert_eq!(Playhead::new(0, true), Playhead { pos: 0, playing: false, last: 0 });
        assert_eq!(Playhead::new(1, true), Playhead { pos: 0, playing: false, last: 0 });
    }

    #[test]
    fn the_playhead_moves_and_stops_at_the_end() {
        let mut head = Playhead::new(3, true);
        head = head.next(PlayheadAction::Tick);
        assert_eq!((head.pos, head.playing), (1, true));
        head = head.next(PlayheadAction::Tick);
        assert_eq!((head.pos, head.playing), (2, false), "stops on the last step");
        head = head.next(PlayheadAction::Tick);
        assert_eq!((head.pos, head.playing), (2, false));
        head = head.next(PlayheadAction::Toggle);
        assert_eq!((head.pos, head.playing), (0, true), "play at the end plays again");
        head = head.next(PlayheadAction::Forward);
        assert_eq!((head.pos, head.playing), (1, false), "stepping pauses");
        head = head.next(PlayheadAction::Back).next(PlayheadAction::Back);
        assert_eq!(head.pos, 0);
        head = head.next(PlayheadAction::Jump(99));
        assert_eq!(head.pos, 2);
        head = head.next(PlayheadAction::Restart);
        assert_eq!((head.pos, head.playing), (0, false));
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
    }
}
