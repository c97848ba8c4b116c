//! dsplay-core: a faithful, deterministic simulator of the Kubernetes DaemonSet
//! controller and of the scheduler checks that decide where a DaemonSet pod lands.
//!
//! Pure: no DOM, no clock, no randomness it is not given. Reading input never
//! fails and never panics: it returns the model plus diagnostics.
//! `shared/spec/DAEMONSET.md` is the specification; every ported rule names the
//! upstream file and function it models.

pub mod diagnostic;
pub mod kubectl;
pub mod model;
pub mod plan;
pub mod scheduler_fit;
pub mod validation;

pub use diagnostic::{Diagnostic, Severity};
pub use plan::{Action, Event, NodePlan, Plan, PlanOptions, RollingNumbers, Status};
