//! dsplay-core: a faithful, deterministic simulator of the Kubernetes DaemonSet
//! controller and of the scheduler checks that decide where a DaemonSet pod lands.
//!
//! Pure: no DOM, no clock, no randomness it is not given. Reading input never
//! fails and never panics: it returns the model plus diagnostics.
//! `shared/spec/DAEMONSET.md` is the specification; every ported rule names the
//! upstream file and function it models.

pub mod diagnostic;
pub mod eligibility;
pub mod kubectl;
pub mod lints;
pub mod manage;
pub mod manifest;
pub mod model;
pub mod name_index;
pub mod naming;
pub mod new_pod;
pub mod node_edit;
pub mod ownership;
pub mod plan;
pub mod presets;
pub mod read;
pub mod revision;
pub mod rollout;
pub mod scheduler_fit;
pub mod selector;
pub mod share_link;
pub mod simulation;
pub mod sorting;
pub mod status;
pub mod sync;
pub mod sync_context;
pub mod timestamp;
pub mod validation;
pub mod yaml;

pub use diagnostic::{Diagnostic, Severity};
pub use plan::{Action, Event, NodePlan, Plan, PlanOptions, RollingNumbers, Status};
pub use read::{read_sources, select_daemon_set, Cluster, ReadOutcome, Source};
pub use sync::{apply, plan};
