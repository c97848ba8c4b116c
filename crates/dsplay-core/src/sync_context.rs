//! What one sync of a DaemonSet sees: the objects, each node's verdict, the
//! pods grouped by node and the current revision. Built once, read by
//! `manage`, `rolling_update` and `status`.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use crate::eligibility::{DaemonPodRules, Eligibility};
use crate::model::{DaemonSet, Node, Pod, Timestamp};
use crate::ownership::daemon_pods_with_nodes;
use crate::revision::{is_pod_updated, template_generation, template_hash};

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
    /// The DaemonSet's pods whose target node is not in the node list.
    pub groups_elsewhere: BTreeMap<&'a str, Vec<usize>>,
    pub hash: String,
    pub generation: Option<i64>,
    pub now: Timestamp,
}

/// FNV-1a: node names are short and not adversarial within one page, and
/// std's SipHash costs more than the rest of a lookup here.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = hash;
    }
}

type BuildFnv = BuildHasherDefault<Fnv>;

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
        let position: HashMap<&str, usize, BuildFnv> = nodes.iter().enumerate().map(|(i, n)| (n.name(), i)).collect();
        let mut groups = vec![Vec::new(); nodes.len()];
        let mut groups_elsewhere: BTreeMap<&'a str, Vec<usize>> = BTreeMap::new();
        for (node, pod) in daemon_pods_with_nodes(ds, &pods) {
            match position.get(node) {
                Some(&i) => groups[i].push(pod),
                None => groups_elsewhere.entry(node).or_default().push(pod),
            }
        }
        SyncContext {
            ds,
            nodes,
            groups,
            groups_elsewhere,
            pods,
            eligibility,
            hash: hash.map_or_else(|| template_hash(&ds.spec.template.raw), str::to_string),
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
