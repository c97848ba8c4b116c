use super::{ObjectMeta, ResourceList, Taint};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Node {
    pub meta: ObjectMeta,
    /// `spec.unschedulable` (`kubectl cordon`). The DaemonSet controller never reads it.
    pub unschedulable: bool,
    /// `spec.taints`, in node order: the first untolerated one is the one reported.
    pub taints: Vec<Taint>,
    /// `status.allocatable`: what the scheduler's resource fit compares requests with.
    pub allocatable: ResourceList,
    pub conditions: Vec<NodeCondition>,
}

impl Node {
    pub fn name(&self) -> &str {
        &self.meta.name
    }

    /// The status of condition `kind` (`"True"`, `"False"`, `"Unknown"`), if reported.
    pub fn condition(&self, kind: &str) -> Option<&str> {
        self.conditions.iter().find(|c| c.kind == kind).map(|c| c.status.as_str())
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeCondition {
    pub kind: String,
    pub status: String,
}
