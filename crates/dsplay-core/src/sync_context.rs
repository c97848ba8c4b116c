//! What one sync of a DaemonSet sees: the objects, each node's verdict, the
//! pods grouped by node and the current revision. Built once, read by
//! `manage`, `rolling_update` and `status`.

use std::rc::Rc;

use crate::eligibility::{DaemonPodRules, Eligibility};
use crate::model::{DaemonSet, Node, Pod, Timestamp};
use crate::name_index::NameIndex;
use crate::ownership::daemon_pods_with_nodes;
use crate::revision::{is_pod_updated, template_generation, template_hash};
use crate::sorting::sort_by;

pub struct SyncContext<'a> {
    pub ds: &'a DaemonSet,
    pub nodes: &'a [Node],
    /// Every pod in the cluster (the controller filters its own).
    pub pods: Vec<&'a Pod>,
    /// One per node, in node order.
    pub eligibility: &'a [Eligibility],
    /// The DaemonSet's pods (indices into `pods`) on each node, in node order.
    /// A Vec, not a map by name: a sync looks groups up many times per node.
    pub groups: Vec<Vec<usize>>,
    /// The DaemonSet's pods whose target node is not in the node list, by
    /// that node's name, in name order.
    pub groups_elsewhere: Vec<(&'a str, Vec<usize>)>,
    /// Each node's position in `nodes` by name: built once per sync and shared
    /// with the sync seen after its writes (`seeing`) and the scheduler's checks.
    pub position: Rc<NameIndex<'a>>,
    pub hash: String,
    pub generation: Option<i64>,
    pub now: Timestamp,
}

/// Every node's verdict, in node order: computed once per sync.
pub fn judge_nodes(ds: &DaemonSet, nodes: &[Node]) -> Vec<Eligibility> {
    let rules = DaemonPodRules::new(ds);
    nodes.iter().map(|node| rules.judge(node)).collect()
}

impl<'a> SyncContext<'a> {
    pub fn new(
        ds: &'a DaemonSet,
        nodes: &'a [Node],
        eligibility: &'a [Eligibility],
        pods: Vec<&'a Pod>,
        hash: Option<&str>,
        now: Timestamp,
    ) -> Self {
        let position = Rc::new(NameIndex::new(nodes.iter().map(Node::name)));
        let hash = hash.map_or_else(|| template_hash(&ds.spec.template.raw), str::to_string);
        Self::grouped(ds, nodes, eligibility, pods, position, hash, now)
    }

    /// The same sync over other pods (the pods after its writes).
    pub fn seeing(&self, pods: Vec<&'a Pod>) -> Self {
        Self::grouped(self.ds, self.nodes, self.eligibility, pods, self.position.clone(), self.hash.clone(), self.now)
    }

    fn grouped(
        ds: &'a DaemonSet,
        nodes: &'a [Node],
        eligibility: &'a [Eligibility],
        pods: Vec<&'a Pod>,
        position: Rc<NameIndex<'a>>,
        hash: String,
        now: Timestamp,
    ) -> Self {
        let mut groups = vec![Vec::new(); nodes.len()];
        let mut groups_elsewhere: Vec<(&'a str, Vec<usize>)> = Vec::new();
        let mut elsewhere = NameIndex::default();
        for (node, pod) in daemon_pods_with_nodes(ds, &pods) {
            match position.position(node) {
                Some(i) => groups[i].push(pod),
                None => match elsewhere.position(node).and_then(|i| groups_elsewhere.get_mut(i)) {
                    Some((_, group)) => group.push(pod),
                    None => {
                        elsewhere.insert(node);
                        groups_elsewhere.push((node, vec![pod]));
                    }
                },
            }
        }
        sort_by(&mut groups_elsewhere, |a, b| a.0.cmp(b.0));
        SyncContext {
            ds,
            nodes,
            groups,
            groups_elsewhere,
            position,
            pods,
            eligibility,
            hash,
            generation: template_generation(ds),
            now,
        }
    }

    /// The pods (indices into `pods`) on the node at `node_index`; empty when none.
    pub fn group(&self, node_index: usize) -> &[usize] {
        self.groups.get(node_index).map_or(&[], Vec::as_slice)
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

}
