//! `plan` and `simulate` as the JavaScript functions run them, in plain Rust:
//! options in, the core's answer (or a failure with its location) out. The
//! wasm-bindgen glue in `lib.rs` only converts values; everything here also
//! runs (and is tested) natively. Mirrors `dsplay plan` and `dsplay simulate`
//! (crates/dsplay-cli).

use dsplay_core::simulation::{
    settle, simulate as run_simulation, SimulationOptions, Timeline, UserEvent, World,
};
use dsplay_core::timestamp::parse_rfc3339;
use dsplay_core::{
    read_sources, select_daemon_set, Cluster, Diagnostic, Plan, PlanOptions, Severity, Source,
};
use serde::{Deserialize, Serialize};

use crate::events::{user_events, EventSpec};

/// The name diagnostics give the YAML text.
pub const FILE_NAME: &str = "objects.yaml";

/// `plan`'s options; every one may be left out.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanOptionsSpec {
    /// `name` or `namespace/name`; needed when the YAML holds several DaemonSets.
    pub daemon_set: Option<String>,
    pub current_revision_hash: Option<String>,
    /// RFC 3339; the wall clock when left out (as `dsplay plan` does).
    pub now: Option<String>,
    pub failed_pod_backoff: Option<Vec<String>>,
    /// Seed of generated pod names; 0 when left out (as `dsplay plan`).
    pub seed: Option<u64>,
}

impl PlanOptionsSpec {
    pub const FIELDS: &'static [&'static str] = &[
        "daemonSet",
        "currentRevisionHash",
        "now",
        "failedPodBackoff",
        "seed",
    ];
}

/// `simulate`'s options; every one may be left out.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimulateOptionsSpec {
    pub daemon_set: Option<String>,
    /// Seed of generated pod names; 1 when left out (as `dsplay simulate`).
    pub seed: Option<u64>,
}

impl SimulateOptionsSpec {
    pub const FIELDS: &'static [&'static str] = &["daemonSet", "seed"];
}

/// Why a call failed: thrown to JavaScript as an `Error`.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub message: String,
    /// The first error, when the failure is about a place in the YAML.
    pub at: Option<Diagnostic>,
    /// Everything reading said (errors, warnings, notes); empty when reading was not reached.
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            at: None,
            diagnostics: Vec::new(),
        }
    }
}

/// The core's answer plus what reading said (warnings and notes): the CLI's
/// JSON with one field more.
#[derive(Debug, Serialize)]
pub struct WithDiagnostics<T> {
    #[serde(flatten)]
    pub value: T,
    pub diagnostics: Vec<Diagnostic>,
}

/// Unknown option names are refused, naming the ones there are (serde-wasm-bindgen
/// reads only the fields a struct has, so `deny_unknown_fields` cannot see them).
pub fn check_option_names(keys: &[String], known: &[&str]) -> Result<(), Failure> {
    match keys.iter().find(|k| !known.contains(&k.as_str())) {
        Some(key) => Err(Failure::new(format!(
            "unknown option {key:?}; the options are: {}",
            known.join(", ")
        ))),
        None => Ok(()),
    }
}

struct Read {
    cluster: Cluster,
    index: usize,
    diagnostics: Vec<Diagnostic>,
}

/// Reads the YAML and picks the DaemonSet, as the CLI's `read_inputs` does.
fn read(objects_yaml: &str, daemon_set: Option<&str>) -> Result<Read, Failure> {
    let outcome = read_sources(&[Source {
        name: FILE_NAME,
        text: objects_yaml,
    }]);
    let errors: Vec<&Diagnostic> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if let Some(first) = errors.first() {
        let message = errors
            .iter()
            .map(|d| d.located())
            .collect::<Vec<_>>()
            .join("\n");
        return Err(Failure {
            message,
            at: Some((*first).clone()),
            diagnostics: outcome.diagnostics.clone(),
        });
    }
    match select_daemon_set(&outcome.cluster, daemon_set) {
        Ok(index) => Ok(Read {
            cluster: outcome.cluster,
            index,
            diagnostics: outcome.diagnostics,
        }),
        Err(message) => Err(Failure {
            message: message.replace(
                "pick one with --daemonset",
                "pick one with the daemonSet option",
            ),
            at: None,
            diagnostics: outcome.diagnostics,
        }),
    }
}

/// `dsplay plan --output json`, plus `diagnostics`. `wall_clock` (seconds since
/// the epoch) is asked only when `options.now` is left out.
pub fn plan(
    objects_yaml: &str,
    options: PlanOptionsSpec,
    wall_clock: impl FnOnce() -> i64,
) -> Result<WithDiagnostics<Plan>, Failure> {
    let now = match options.now.as_deref() {
        Some(text) => parse_rfc3339(text).ok_or_else(|| {
            Failure::new(format!(
                "options.now {text:?} is not an RFC 3339 time such as 2024-01-01T00:00:00Z"
            ))
        })?,
        None => wall_clock(),
    };
    let read = read(objects_yaml, options.daemon_set.as_deref())?;
    let ds = &read.cluster.daemon_sets[read.index];
    let core_options = PlanOptions {
        current_revision_hash: options.current_revision_hash,
        now,
        failed_pod_backoff: options.failed_pod_backoff.unwrap_or_default(),
        name_seed: options.seed.unwrap_or(0),
    };
    let plan = dsplay_core::plan(ds, &read.cluster.nodes, &read.cluster.pods, &core_options);
    Ok(WithDiagnostics {
        value: plan,
        diagnostics: read.diagnostics,
    })
}

/// `dsplay simulate --output json`, plus `diagnostics`: with no events, the
/// DaemonSet being created on the given cluster; with events, those events
/// played in order on the cluster once the DaemonSet has settled.
pub fn simulate(
    objects_yaml: &str,
    events: &[EventSpec],
    options: SimulateOptionsSpec,
) -> Result<WithDiagnostics<Timeline>, Failure> {
    let read = read(objects_yaml, options.daemon_set.as_deref())?;
    let events = user_events(events, &read.cluster.nodes).map_err(|message| Failure {
        message,
        at: None,
        diagnostics: read.diagnostics.clone(),
    })?;
    let mut cluster = read.cluster;
    let ds = cluster.daemon_sets.swap_remove(read.index);
    let sim_options = SimulationOptions {
        name_seed: options.seed.unwrap_or(1),
        ..Default::default()
    };
    let empty = World {
        daemon_set: None,
        nodes: cluster.nodes,
        pods: cluster.pods,
    };
    let apply = [UserEvent::Apply(Box::new(ds))];
    let timeline = if events.is_empty() {
        run_simulation(empty, &apply, &sim_options)
    } else {
        run_simulation(settle(empty, &apply, &sim_options), &events, &sim_options)
    };
    Ok(WithDiagnostics {
        value: timeline,
        diagnostics: read.diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seeds' 5-node scenario.
    pub const SEEDS: &str = "\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-monitor
  namespace: default
spec:
  selector:
    matchLabels: {app: node-monitor}
  template:
    metadata:
      labels: {app: node-monitor}
    spec:
      nodeSelector: {type: monitoring}
      tolerations:
      - {key: node-role, operator: Exists, effect: NoSchedule}
      containers:
      - {name: agent, image: node-monitor:1.0}
---
apiVersion: v1
kind: Node
metadata: {name: node-1, labels: {type: monitoring}}
---
apiVersion: v1
kind: Node
metadata: {name: node-2, labels: {type: logging}}
---
apiVersion: v1
kind: Node
metadata: {name: node-3, labels: {type: monitoring}}
spec:
  taints: [{key: node-role, effect: NoSchedule}]
---
apiVersion: v1
kind: Node
metadata: {name: node-4, labels: {type: monitoring}}
spec:
  taints: [{key: special, effect: NoSchedule}]
---
apiVersion: v1
kind: Node
metadata: {name: node-5, labels: {type: monitoring}}
";

    fn no_clock() -> i64 {
        panic!("the wall clock must not be read when options.now is given")
    }

    fn at_2024() -> PlanOptionsSpec {
        PlanOptionsSpec {
            now: Some("2024-01-01T00:00:00Z".into()),
            ..Default::default()
        }
    }

    #[test]
    fn the_seeds_five_nodes_get_three_pods() {
        let out = plan(SEEDS, at_2024(), no_clock).unwrap();
        let created: Vec<&str> = out.value.actions.iter().map(|a| a.node()).collect();
        assert_eq!(created, ["node-1", "node-3", "node-5"]);
        let node_4 = out.value.nodes.iter().find(|n| n.name == "node-4").unwrap();
        assert_eq!(
            node_4.reasons,
            ["node(s) had untolerated taint {special: }"]
        );
    }

    #[test]
    fn the_json_is_the_cli_json_plus_diagnostics() {
        let out = plan(SEEDS, at_2024(), no_clock).unwrap();
        let with = serde_json::to_value(&out).unwrap();
        let mut without = with.clone();
        assert_eq!(
            without.as_object_mut().unwrap().remove("diagnostics"),
            Some(serde_json::json!([]))
        );
        assert_eq!(without, serde_json::to_value(&out.value).unwrap());
        assert_eq!(with["actions"][0]["type"], "create");
        assert_eq!(with["statusAfter"]["desiredNumberScheduled"], 3);
    }

    #[test]
    fn the_wall_clock_is_the_default_now() {
        let mut asked = false;
        plan(SEEDS, PlanOptionsSpec::default(), || {
            asked = true;
            0
        })
        .unwrap();
        assert!(asked);
        let err = plan(
            SEEDS,
            PlanOptionsSpec {
                now: Some("yesterday".into()),
                ..Default::default()
            },
            no_clock,
        )
        .unwrap_err();
        assert!(
            err.message
                .starts_with("options.now \"yesterday\" is not an RFC 3339 time"),
            "{}",
            err.message
        );
    }

    #[test]
    fn syntax_errors_fail_at_their_line_and_column() {
        let err = plan(
            "apiVersion: v1\nkind: Node\nmetadata: {name: [a\n",
            at_2024(),
            no_clock,
        )
        .unwrap_err();
        let at = err.at.unwrap();
        assert_eq!(
            (at.file.as_str(), at.severity),
            (FILE_NAME, Severity::Error)
        );
        assert!(at.line == 3 || at.line == 4, "{at:?}");
        assert!(
            err.message
                .starts_with(&format!("objects.yaml:{}:{}: ", at.line, at.column)),
            "{}",
            err.message
        );
    }

    #[test]
    fn semantic_errors_fail_at_the_field() {
        let yaml = SEEDS.replace(
            "      nodeSelector: {type: monitoring}",
            "      nodeSelector: {type: 5}",
        );
        let err = plan(&yaml, at_2024(), no_clock).unwrap_err();
        let at = err.at.unwrap();
        assert_eq!(at.line, 13, "{}", err.message);
        let prefix = format!(
            "objects.yaml:13:{}: spec.template.spec.nodeSelector.type: expected a string",
            at.column
        );
        assert!(
            at.column > 0 && err.message.starts_with(&prefix),
            "{}",
            err.message
        );
    }

    #[test]
    fn several_daemon_sets_must_be_named() {
        let yaml = format!(
            "{SEEDS}---\n{}",
            SEEDS
                .split("---")
                .next()
                .unwrap()
                .replace("name: node-monitor\n", "name: other\n")
        );
        let err = plan(&yaml, at_2024(), no_clock).unwrap_err();
        assert_eq!(err.message, "the input holds 2 DaemonSets; pick one with the daemonSet option: default/node-monitor, default/other");
        assert!(err.at.is_none());
        let out = plan(
            &yaml,
            PlanOptionsSpec {
                daemon_set: Some("other".into()),
                ..at_2024()
            },
            no_clock,
        )
        .unwrap();
        assert_eq!(out.value.daemon_set, "default/other");
    }

    #[test]
    fn warnings_come_back_as_diagnostics() {
        let yaml = SEEDS.replace("spec:\n  selector:", "spec:\n  replicas: 2\n  selector:");
        let out = plan(&yaml, at_2024(), no_clock).unwrap();
        assert_eq!(out.diagnostics.len(), 1);
        assert_eq!(
            out.diagnostics[0].message,
            "unknown field \"spec.replicas\""
        );
        assert_eq!((out.diagnostics[0].line, out.diagnostics[0].column), (7, 3));
    }

    #[test]
    fn unknown_options_are_named() {
        assert!(check_option_names(&["seed".into()], PlanOptionsSpec::FIELDS).is_ok());
        let err = check_option_names(&["daemonset".into()], PlanOptionsSpec::FIELDS).unwrap_err();
        assert_eq!(err.message, "unknown option \"daemonset\"; the options are: daemonSet, currentRevisionHash, now, failedPodBackoff, seed");
        let from_json: Result<PlanOptionsSpec, _> = serde_json::from_str(r#"{"daemonset": "x"}"#);
        assert!(from_json.is_err());
    }

    fn settled_pods(timeline: &Timeline) -> usize {
        let counts = timeline.snapshot_at(timeline.steps.len()).counts;
        counts.running + counts.pending + counts.container_creating
    }

    #[test]
    fn simulate_creates_then_plays_events_on_the_settled_cluster() {
        let created = simulate(SEEDS, &[], SimulateOptionsSpec::default())
            .unwrap()
            .value;
        assert_eq!(
            created.start.pods.len(),
            0,
            "the creation flow starts before kubectl apply"
        );
        assert_eq!(settled_pods(&created), 3);
        let add: EventSpec = serde_json::from_str(
            r#"{"type": "add-node", "name": "node-6", "labels": {"type": "monitoring"}}"#,
        )
        .unwrap();
        let added = simulate(SEEDS, &[add], SimulateOptionsSpec::default())
            .unwrap()
            .value;
        assert_eq!(
            added.start.pods.len(),
            3,
            "events play on the settled cluster"
        );
        assert_eq!(settled_pods(&added), 4);
    }

    #[test]
    fn simulate_names_a_bad_event() {
        let taint: EventSpec =
            serde_json::from_str(r#"{"type": "taint", "node": "node-9", "taint": "a:NoSchedule"}"#)
                .unwrap();
        let err = simulate(SEEDS, &[taint], SimulateOptionsSpec::default()).unwrap_err();
        assert!(
            err.message
                .starts_with("events[0] (taint): no node named \"node-9\""),
            "{}",
            err.message
        );
    }
}
