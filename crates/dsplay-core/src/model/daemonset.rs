use super::{LabelSelector, ObjectMeta, PodTemplate};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DaemonSet {
    /// `apiVersion` as written: `extensions/v1beta1` is read, and refused.
    pub api_version: String,
    pub meta: ObjectMeta,
    pub spec: DaemonSetSpec,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DaemonSetSpec {
    /// `None` when the field is absent: it then selects nothing.
    pub selector: Option<LabelSelector>,
    pub template: PodTemplate,
    pub update_strategy: UpdateStrategy,
    pub min_ready_seconds: i64,
    pub revision_history_limit: Option<i64>,
}

/// `spec.updateStrategy`, after `SetDefaults_DaemonSet`.
#[derive(Clone, Debug, PartialEq)]
pub struct UpdateStrategy {
    /// `RollingUpdate`, `OnDelete`, or whatever the user wrote (validation says no).
    pub kind: String,
    pub rolling_update: Option<RollingUpdate>,
}

impl Default for UpdateStrategy {
    // Models pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet
    fn default() -> Self {
        UpdateStrategy { kind: "RollingUpdate".into(), rolling_update: Some(RollingUpdate::default()) }
    }
}

impl UpdateStrategy {
    pub fn is_rolling_update(&self) -> bool {
        self.kind == "RollingUpdate"
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RollingUpdate {
    pub max_unavailable: Option<IntOrString>,
    pub max_surge: Option<IntOrString>,
}

impl Default for RollingUpdate {
    // Models pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet: maxUnavailable 1, maxSurge 0
    fn default() -> Self {
        RollingUpdate { max_unavailable: Some(IntOrString::Int(1)), max_surge: Some(IntOrString::Int(0)) }
    }
}

/// `intstr.IntOrString`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntOrString {
    Int(i64),
    Str(String),
}
