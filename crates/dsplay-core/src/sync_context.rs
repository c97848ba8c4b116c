//! What one sync of a DaemonSet sees: the objects, each node's verdict, the
//! pods grouped by node and the current revision. Built once, read by
//! `manage`, `rolling_update` and `status`.

use std::collections::BTreeMap;

use crate::eligibility::{node_should_run_daemon_pod, Eligibility};
use crate::model::{DaemonSet, Node, Pod, Timestamp};
use crate::ownership::pods_by_node;
use crate::revision::{is_pod_updated, template_generation, template_hash};

pub struct SyncContext<'a> {
    pub ds: &'a DaemonSet,
    pub nodes: &'a [Node],
    pub pods: &'a [Pod],
    /// One per node, in node order.
    pub eligibility: Vec<Eligibility>,
    /// The DaemonSet's pods (indices into `pods`) by target node.
    pub groups: BTreeMap<String, Vec<usize>>,
    pub hash: String,
    pub generation: Option<i64>,
    pub now: Timestamp,
}

impl<'a> SyncContext<'a> {
    pub fn new(ds: &'a DaemonSet, nodes: &'a [Node], pods: &'a [Pod], hash: Option<&str>, now: Timestamp) -> Self {
        SyncContext {
            ds,
            nodes,
            pods,
            eligibility: nodes.iter().map(|node| node_should_run_daemon_pod(ds, node)).collect(),
            groups: pods_by_node(ds, pods),
            hash: hash.map_or_else(|| template_hash(&ds.spec.template.raw), str::to_string),
            generation: template_generation(ds),
            now,
        }
    }

    /// The pods (indices into `pods`) grouped on `node`; empty when none.
    pub fn group(&self, node: &str) -> &[usize] {
        self.groups.get(node).map_or(&[], Vec::as_slice)
    }

    pub fn is_updated(&self, pod: &Pod) -> bool {
        is_pod_updated(pod, &self.hash, self.generation)
    }

    pub fn is_available(&self, pod: &Pod) -> bool {
        pod.is_available(self.ds.spec.min_ready_seconds, self.now)
    }

    pub fn desired_number_scheduled(&self) -> i64 {
        self.eligibility.iter().filter(|e| e.should_run).count() as i64
    }

    pub fn node_index(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.name() == name)
    }
}
