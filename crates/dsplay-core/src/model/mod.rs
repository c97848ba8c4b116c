//! The Kubernetes objects the controller reads, reduced to the fields it (or the
//! scheduler checks that decide where a DaemonSet pod lands) actually looks at.
//!
//! These are plain data: no parsing, no behaviour. `crate::read` fills them from
//! YAML; everything else reads them.

mod daemonset;
mod meta;
mod node;
mod pod;
mod quantity;
mod scheduling;
mod string_map;

pub use daemonset::{DaemonSet, DaemonSetSpec, IntOrString, RollingUpdate, UpdateStrategy};
pub use meta::{LabelSelector, LabelSelectorRequirement, Labels, ObjectMeta, OwnerReference};
pub use node::{Node, NodeCondition};
pub use pod::{Container, ContainerPort, Pod, PodCondition, PodSpec, PodTemplate, ResourceList};
pub use quantity::Quantity;
pub use scheduling::{
    NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration,
};
pub use string_map::StringMap;

/// Seconds since the Unix epoch. All time in the core is given, never read.
pub type Timestamp = i64;
