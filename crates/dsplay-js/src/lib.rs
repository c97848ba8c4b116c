//! dsplay-js: the DaemonSet controller simulator of `dsplay-core` as a JavaScript
//! package (built with wasm-pack; see README.md). Two functions, `plan` and
//! `simulate`, take the objects' YAML and return plain JavaScript objects shaped
//! like `dsplay plan --output json` and `dsplay simulate --output json`; failures
//! are thrown as `Error`s that carry the line and column they are about.
//!
//! The logic lives in `api` and `events`, in plain Rust tested natively; this
//! file only converts values between JavaScript and Rust. Keeping it out of
//! dsplay-core keeps the core free of wasm-bindgen.

pub mod api;
pub mod events;

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use api::{check_option_names, Failure, PlanOptionsSpec, SimulateOptionsSpec};
use events::EventSpec;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** How bad a diagnostic is. Only errors stop the YAML being used (and are thrown). */
export type Severity = "error" | "warning" | "note";

/** A message about the YAML. `line` and `column` are 1-based; 0 means unknown. */
export interface Diagnostic {
  severity: Severity;
  /** Always "objects.yaml". */
  file: string;
  line: number;
  column: number;
  message: string;
}

/** What is thrown: a YAML or read error (with `file`, `line` and `column` of the
 * first error; `message` is "objects.yaml:LINE:COLUMN: message", one line per
 * error), a DaemonSet that cannot be picked, a bad option or a bad event. */
export interface DsplayError extends Error {
  file?: string;
  line?: number;
  column?: number;
  /** Everything reading said; empty when the YAML was not read yet. */
  diagnostics: Diagnostic[];
}

/** Options of `plan`; every one may be left out. */
export interface PlanOptions {
  /** `name` or `namespace/name`; needed when the YAML holds several DaemonSets. */
  daemonSet?: string;
  /** The `controller-revision-hash` that counts as current (default: dsplay's own hash of the template). */
  currentRevisionHash?: string;
  /** The wall clock, RFC 3339 ("2024-01-01T00:00:00Z"), for minReadySeconds. Default: now. */
  now?: string;
  /** Nodes whose failed-pod back-off window is still open. */
  failedPodBackoff?: string[];
  /** Seed of the generated pod-name suffixes. Default 0. */
  seed?: number;
}

/** Options of `simulate`; every one may be left out. */
export interface SimulateOptions {
  /** `name` or `namespace/name`; needed when the YAML holds several DaemonSets. */
  daemonSet?: string;
  /** Seed of the generated pod-name suffixes. Default 1. */
  seed?: number;
}

/** What one sync of the DaemonSet controller would do (`dsplay plan --output json`). */
export interface Plan {
  /** `namespace/name`. */
  daemonSet: string;
  /** The API server's messages if it would refuse the DaemonSet (the plan is still made). */
  validationErrors: string[];
  /** One per node, in input order. */
  nodes: NodePlan[];
  actions: Action[];
  events: Event[];
  /** The status the controller would write, before its actions (null when it does not act). */
  status: Status | null;
  /** The same status as it would read once the actions are done. */
  statusAfter: Status | null;
  /** The rolling-update budget, for a RollingUpdate DaemonSet. */
  rolling: RollingNumbers | null;
  /** The `controller-revision-hash` of the current template. */
  revisionHash: string;
  /** Warnings and notes about the YAML (not in the CLI's JSON). */
  diagnostics: Diagnostic[];
}

/** The verdict for one node. */
export interface NodePlan {
  name: string;
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  /** Why the node gets no pod, or why its pod would stay Pending, in the scheduler's words. */
  reasons: string[];
}

/** A write of the controller. `pod` is the name the API server would generate for a create. */
export interface Action {
  type: "create" | "delete" | "adopt" | "release";
  node: string;
  pod: string;
}

/** An event on the DaemonSet, as `kubectl describe ds` lists it. */
export interface Event {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

/** `DaemonSetStatus`. */
export interface Status {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  numberAvailable: number;
  updatedNumberScheduled: number;
  numberUnavailable: number;
}

/** The rolling-update budget after percentage rounding. */
export interface RollingNumbers {
  maxSurge: number;
  maxUnavailable: number;
  desiredNumberScheduled: number;
}

/** What a user does to the cluster, for `simulate`. */
export type SimEvent =
  /** A node joins: Ready, 4 cpu, 8Gi memory, 110 pods, hostname/os/arch labels, plus these. */
  | { type: "add-node"; name: string; labels?: Record<string, string>; taints?: string[] }
  | { type: "remove-node"; node: string }
  /** `kubectl taint nodes NODE key=value:Effect`. */
  | { type: "taint"; node: string; taint: string }
  /** `kubectl taint nodes NODE key:Effect-`; without an effect, every effect of the key. */
  | { type: "untaint"; node: string; key: string; effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute" }
  /** `kubectl label nodes NODE key=value --overwrite`; `value: null` removes the label. */
  | { type: "label"; node: string; key: string; value: string | null }
  /** `kubectl set image daemonset/NAME CONTAINER=IMAGE`. */
  | { type: "set-image"; container: string; image: string }
  /** `kubectl cordon` (true) or `kubectl uncordon` (false). */
  | { type: "cordon"; node: string; cordoned: boolean }
  /** The node's kubelet posts Ready (true) or stops (false). */
  | { type: "set-ready"; node: string; ready: boolean }
  | { type: "delete-pod"; pod: string };

/** Who acted in a step. */
export type Actor =
  | "kubectl"
  | "api-server"
  | "daemon-set-controller"
  | "scheduler"
  | "kubelet"
  | "node"
  | "taint-manager"
  | "pod-garbage-collector";

/** What a simulation yields (`dsplay simulate --output json`). */
export interface Timeline {
  /** The cluster before the first step. */
  start: Snapshot;
  steps: Step[];
  /** Why the simulation stopped early, if it did. */
  truncated: string | null;
  /** Warnings and notes about the YAML (not in the CLI's JSON). */
  diagnostics: Diagnostic[];
}

export interface Step {
  /** Simulated milliseconds since the start. */
  timeMs: number;
  actor: Actor;
  /** One sentence: what happened and why. */
  caption: string;
  /** The pod and node names this step touched. */
  touched: string[];
  /** The cluster after this step. */
  after: Snapshot;
}

/** The cluster at one moment. Above 300 nodes only `counts` and `status` are filled. */
export interface Snapshot {
  nodes: NodeView[];
  /** The DaemonSet's pods. */
  pods: PodView[];
  counts: Counts;
  /** null until the DaemonSet exists. */
  status: Status | null;
}

export interface NodeView {
  name: string;
  /** Joined during the simulation. */
  joined: boolean;
  /** Left during the simulation. */
  removed: boolean;
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  reasons: string[];
  /** The controller's checks in order, up to the first that fails. */
  checks: { name: string; passed: boolean }[];
}

export interface PodView {
  name: string;
  node: string;
  bound: boolean;
  /** As `kubectl get pods` shows it. */
  status: "Pending" | "ContainerCreating" | "Running" | "Terminating" | "Completed" | "Error";
  ready: boolean;
  /** Runs the DaemonSet's current template. */
  updated: boolean;
}

/** The DaemonSet's pods by status. */
export interface Counts {
  nodes: number;
  pending: number;
  containerCreating: number;
  running: number;
  ready: number;
  terminating: number;
}
"#;

/// What one sync of the DaemonSet controller would do with the objects in
/// `objectsYaml` (DaemonSets, Nodes, Pods, Lists of them; multi-document YAML):
/// the object `dsplay plan --output json` prints, plus `diagnostics`.
/// Throws a `DsplayError` when the YAML cannot be read.
#[wasm_bindgen(js_name = plan, unchecked_return_type = "Plan")]
pub fn plan_js(
    #[wasm_bindgen(js_name = objectsYaml)] objects_yaml: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "PlanOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || {
        let options: PlanOptionsSpec = options_from(options, PlanOptionsSpec::FIELDS)?;
        let wall_clock = || (js_sys::Date::now() / 1000.0).floor() as i64;
        to_js(&api::plan(objects_yaml, options, wall_clock)?)
    };
    run().map_err(js_error)
}

/// The timeline of what the cluster does, step by step (the object
/// `dsplay simulate --output json` prints, plus `diagnostics`): with no events,
/// the DaemonSet being created on the given nodes; with events, those events
/// played in order on the cluster once the DaemonSet has settled.
/// Throws a `DsplayError` when the YAML cannot be read or an event is bad.
#[wasm_bindgen(js_name = simulate, unchecked_return_type = "Timeline")]
pub fn simulate_js(
    #[wasm_bindgen(js_name = objectsYaml)] objects_yaml: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "SimEvent[]")] events: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SimulateOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let run = || {
        let events = events_from(events)?;
        let options: SimulateOptionsSpec = options_from(options, SimulateOptionsSpec::FIELDS)?;
        to_js(&api::simulate(objects_yaml, &events, options)?)
    };
    run().map_err(js_error)
}

fn options_from<T: serde::de::DeserializeOwned + Default>(
    options: JsValue,
    known: &[&str],
) -> Result<T, Failure> {
    if options.is_undefined() || options.is_null() {
        return Ok(T::default());
    }
    let Some(object) = options
        .dyn_ref::<Object>()
        .filter(|_| !Array::is_array(&options))
    else {
        return Err(Failure::new("options must be an object"));
    };
    let keys: Vec<String> = Object::keys(object)
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    check_option_names(&keys, known)?;
    serde_wasm_bindgen::from_value(options)
        .map_err(|e| Failure::new(format!("options: {}", message_of(e))))
}

/// The message of a serde-wasm-bindgen error, without the `Error: ` that
/// `String(error)` puts in front.
fn message_of(error: serde_wasm_bindgen::Error) -> String {
    let value: JsValue = error.into();
    match value.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => value
            .as_string()
            .unwrap_or_else(|| "not a valid value".into()),
    }
}

/// A shallow copy of an object without its `undefined` properties: in
/// JavaScript `{value: undefined}` means the same as `{}` (serde-wasm-bindgen
/// would read it as `null`, and a label event would remove the label).
fn without_undefined(value: JsValue) -> JsValue {
    let Some(object) = value
        .dyn_ref::<Object>()
        .filter(|_| !Array::is_array(&value))
    else {
        return value;
    };
    let kept = Object::new();
    for entry in Object::entries(object).iter() {
        let entry: Array = entry.unchecked_into();
        let (key, field) = (entry.get(0), entry.get(1));
        if !field.is_undefined() {
            let _ = Reflect::set(&kept, &key, &field);
        }
    }
    kept.into()
}

fn events_from(events: JsValue) -> Result<Vec<EventSpec>, Failure> {
    if events.is_undefined() || events.is_null() {
        return Ok(Vec::new());
    }
    if !Array::is_array(&events) {
        return Err(Failure::new(
            "events must be an array of events such as {type: \"add-node\", name: \"node-6\"}",
        ));
    }
    let events: Array = events.unchecked_into();
    events
        .iter()
        .enumerate()
        .map(|(index, event)| {
            let kind = Reflect::get(&event, &"type".into())
                .ok()
                .and_then(|t| t.as_string());
            serde_wasm_bindgen::from_value(without_undefined(event)).map_err(|e| {
                let named = kind.map(|k| format!(" ({k})")).unwrap_or_default();
                Failure::new(format!("events[{index}]{named}: {}", message_of(e)))
            })
        })
        .collect()
}

/// Plain objects and arrays, `null` for a missing value: what `JSON.parse` of
/// the CLI's output gives.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, Failure> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Failure::new(format!("dsplay could not convert its answer: {e}")))
}

fn js_error(failure: Failure) -> JsValue {
    let error = js_sys::Error::new(&failure.message);
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&error, &key.into(), &value);
    };
    if let Some(at) = &failure.at {
        set("file", at.file.as_str().into());
        set("line", at.line.into());
        set("column", at.column.into());
    }
    set(
        "diagnostics",
        to_js(&failure.diagnostics).unwrap_or_else(|_| Array::new().into()),
    );
    error.into()
}
