/// `spec.taints[]` of a Node.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Taint {
    pub key: String,
    pub value: String,
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    pub effect: String,
}

/// `spec.tolerations[]` of a pod.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Toleration {
    pub key: String,
    /// `""` (means Equal), `Equal` or `Exists`.
    pub operator: String,
    pub value: String,
    /// `""` means every effect.
    pub effect: String,
    pub toleration_seconds: Option<i64>,
}

/// `requiredDuringSchedulingIgnoredDuringExecution` of a node affinity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeSelector {
    pub terms: Vec<NodeSelectorTerm>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeSelectorTerm {
    pub match_expressions: Vec<NodeSelectorRequirement>,
    pub match_fields: Vec<NodeSelectorRequirement>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeSelectorRequirement {
    pub key: String,
    pub operator: String,
    pub values: Vec<String>,
}
