use super::{Labels, StringMap, NodeSelector, ObjectMeta, Quantity, Timestamp, Toleration};

/// Resource name (`cpu`, `memory`, `pods`, `nvidia.com/gpu`, ...) to amount.
pub type ResourceList = StringMap<Quantity>;

/// `spec.template` of a DaemonSet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodTemplate {
    pub labels: Labels,
    pub annotations: Labels,
    pub spec: PodSpec,
    /// The template exactly as written, for the revision hash and for showing the
    /// pod the controller would create with every field the user wrote.
    pub raw: crate::yaml::Value,
}

/// The fields of a pod spec that the controller and the scheduler's filters read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodSpec {
    pub node_name: String,
    pub node_selector: Labels,
    /// `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`;
    /// `None` when any part of that path is absent or null.
    pub required_node_affinity: Option<NodeSelector>,
    pub tolerations: Vec<Toleration>,
    pub host_network: bool,
    pub host_pid: bool,
    pub host_ipc: bool,
    pub restart_policy: Option<String>,
    pub active_deadline_seconds: Option<i64>,
    pub containers: Vec<Container>,
    pub init_containers: Vec<Container>,
    pub overhead: ResourceList,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub ports: Vec<ContainerPort>,
    pub requests: ResourceList,
    pub limits: ResourceList,
    /// `Always` on an init container makes it a sidecar (restartable).
    pub restart_policy: Option<String>,
    pub privileged: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContainerPort {
    pub container_port: i64,
    pub host_port: i64,
    /// `TCP` when not written.
    pub protocol: String,
    /// `""` means every address (0.0.0.0).
    pub host_ip: String,
}

/// A Pod already in the cluster.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pod {
    pub meta: ObjectMeta,
    pub spec: PodSpec,
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`; `Pending` when absent.
    pub phase: String,
    pub conditions: Vec<PodCondition>,
}

impl Pod {
    pub fn name(&self) -> &str {
        &self.meta.name
    }

    pub fn is_terminal(&self) -> bool {
        self.phase == "Succeeded" || self.phase == "Failed"
    }

    pub fn is_being_deleted(&self) -> bool {
        self.meta.deletion_timestamp.is_some()
    }

    /// The Ready condition, if the pod reports one.
    pub fn ready_condition(&self) -> Option<&PodCondition> {
        self.conditions.iter().find(|c| c.kind == "Ready")
    }

    // Models pkg/api/v1/pod/util.go IsPodReady
    pub fn is_ready(&self) -> bool {
        self.ready_condition().is_some_and(|c| c.status == "True")
    }

    // Models pkg/api/v1/pod/util.go IsPodAvailable (v1.34+: "at or before now")
    pub fn is_available(&self, min_ready_seconds: i64, now: Timestamp) -> bool {
        let Some(ready) = self.ready_condition().filter(|c| c.status == "True") else {
            return false;
        };
        if min_ready_seconds <= 0 {
            return true;
        }
        ready
            .last_transition_time
            .is_some_and(|t| t.saturating_add(min_ready_seconds) <= now)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodCondition {
    pub kind: String,
    pub status: String,
    pub last_transition_time: Option<Timestamp>,
}
