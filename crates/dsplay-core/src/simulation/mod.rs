//! A deterministic simulation of a cluster around the DaemonSet controller,
//! on one injected clock: what the page animates and `dsplay simulate` prints.

mod engine;
mod events;
mod timeline;

pub use engine::{settle, simulate, SimulationOptions, World, MAX_ROUNDS, MAX_STEPS, ROUND_MS};
pub use events::UserEvent;
pub use timeline::{Actor, CheckView, Counts, NodeView, PodView, Snapshot, Step, Timeline, DETAILED_NODES};
