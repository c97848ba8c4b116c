//! Which pods belong to a DaemonSet, and which node each one is for.

use std::cmp::Ordering;

use crate::model::{DaemonSet, Pod};
use crate::selector::selects;

/// What the controller-ref manager decides for one pod.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// Controlled by this DaemonSet and selected by it.
    Owned,
    /// An orphan the selector matches: the controller patches its ownerReference in.
    Adopt,
    /// Controlled by this DaemonSet but no longer selected: its ownerReference is removed.
    Release,
    /// Not this DaemonSet's business.
    Ignore,
}

// Models pkg/controller/controller_ref_manager.go PodControllerRefManager.ClaimPods
pub fn claim(ds: &DaemonSet, pod: &Pod) -> Claim {
    if pod.meta.namespace != ds.meta.namespace {
        return Claim::Ignore;
    }
    let selected = selects(ds.spec.selector.as_ref(), &pod.meta.labels);
    match pod.meta.controller_ref() {
        Some(owner) if owner.uid == ds.meta.uid => {
            if selected {
                Claim::Owned
            } else {
                Claim::Release
            }
        }
        Some(_) => Claim::Ignore,
        None if selected && !pod.is_being_deleted() && ds.meta.deletion_timestamp.is_none() => Claim::Adopt,
        None => Claim::Ignore,
    }
}

/// The node a DaemonSet pod is for: its `spec.nodeName`, or the node its
/// `metadata.name In [node]` affinity pins it to before it is scheduled.
// Models pkg/controller/daemon/util/daemonset_util.go GetTargetNodeName
pub fn target_node_name(pod: &Pod) -> Option<&str> {
    if !pod.spec.node_name.is_empty() {
        return Some(&pod.spec.node_name);
    }
    let required = pod.spec.required_node_affinity.as_ref()?;
    required
        .terms
        .iter()
        .flat_map(|term| term.match_fields.iter())
        .find(|req| req.key == "metadata.name" && req.operator == "In")
        .and_then(|req| match req.values.as_slice() {
            [node] => Some(node.as_str()),
            _ => None,
        })
}

/// The DaemonSet's pods, each with its target node, in input order (pod
/// indices into `pods`). Terminal pods already being deleted are dropped.
// Models pkg/controller/daemon/daemon_controller.go getNodesToDaemonPods
pub fn daemon_pods_with_nodes<'p, 'a>(
    ds: &'p DaemonSet,
    pods: &'p [&'a Pod],
) -> impl Iterator<Item = (&'a str, usize)> + 'p {
    pods.iter().enumerate().filter_map(move |(i, &pod)| {
        let claimed = matches!(claim(ds, pod), Claim::Owned | Claim::Adopt);
        let dropped = pod.is_terminal() && pod.is_being_deleted();
        if !claimed || dropped {
            return None;
        }
        target_node_name(pod).map(|node| (node, i))
    })
}

/// Scheduled pods first, then oldest first, then by name.
// Models pkg/controller/daemon/daemon_controller.go podByCreationTimestampAndPhase
pub fn oldest_scheduled_first(a: &Pod, b: &Pod) -> Ordering {
    let unscheduled = |p: &Pod| p.spec.node_name.is_empty();
    unscheduled(a)
        .cmp(&unscheduled(b))
        .then(a.meta.creation_timestamp.cmp(&b.meta.creation_timestamp))
        .then_with(|| a.meta.name.cmp(&b.meta.name))
}

/// Sorts pod indices with `oldest_scheduled_first`.
pub fn sort_oldest_scheduled_first(ids: &mut [usize], pods: &[&Pod]) {
    crate::sorting::sort_by(ids, |&a, &b| oldest_scheduled_first(pods[a], pods[b]));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LabelSelector, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, ObjectMeta, OwnerReference};

    fn ds() -> DaemonSet {
        let mut ds = DaemonSet::default();
        ds.meta = ObjectMeta { name: "ds".into(), namespace: "default".into(), uid: "u1".into(), ..Default::default() };
        ds.spec.selector = Some(LabelSelector { match_labels: [("app".to_string(), "ds".to_string())].into(), ..Default::default() });
        ds
    }

    fn pod(name: &str, app: &str, owner_uid: Option<&str>) -> Pod {
        let mut pod = Pod::default();
        pod.meta.name = name.into();
        pod.meta.namespace = "default".into();
        pod.meta.labels.insert("app".into(), app.into());
        if let Some(uid) = owner_uid {
            pod.meta.owner_references.push(OwnerReference { uid: uid.into(), controller: true, kind: "DaemonSet".into(), ..Default::default() });
        }
        pod
    }

    #[test]
    fn claims_follow_the_controller_ref_manager() {
        let ds = ds();
        assert_eq!(claim(&ds, &pod("a", "ds", Some("u1"))), Claim::Owned);
        assert_eq!(claim(&ds, &pod("b", "ds", None)), Claim::Adopt);
        assert_eq!(claim(&ds, &pod("c", "other", Some("u1"))), Claim::Release);
        assert_eq!(claim(&ds, &pod("d", "ds", Some("u2"))), Claim::Ignore);
        assert_eq!(claim(&ds, &pod("e", "other", None)), Claim::Ignore);
        let mut deleting = pod("f", "ds", None);
        deleting.meta.deletion_timestamp = Some(1);
        assert_eq!(claim(&ds, &deleting), Claim::Ignore);
        let mut elsewhere = pod("g", "ds", Some("u1"));
        elsewhere.meta.namespace = "kube-system".into();
        assert_eq!(claim(&ds, &elsewhere), Claim::Ignore);
    }

    #[test]
    fn target_node_comes_from_node_name_or_pinning_affinity() {
        let mut p = pod("a", "ds", Some("u1"));
        assert_eq!(target_node_name(&p), None);
        p.spec.required_node_affinity = Some(NodeSelector {
            terms: vec![NodeSelectorTerm {
                match_expressions: vec![],
                match_fields: vec![NodeSelectorRequirement { key: "metadata.name".into(), operator: "In".into(), values: vec!["n1".into()] }],
            }],
        });
        assert_eq!(target_node_name(&p), Some("n1"));
        p.spec.node_name = "n2".into();
        assert_eq!(target_node_name(&p), Some("n2"));
    }

    #[test]
    fn oldest_scheduled_pod_sorts_first() {
        let mut a = pod("a", "ds", None);
        a.meta.creation_timestamp = Some(5);
        let mut b = pod("b", "ds", None);
        b.meta.creation_timestamp = Some(1);
        let mut c = pod("c", "ds", None);
        c.meta.creation_timestamp = Some(5);
        c.spec.node_name = "n".into();
        let mut d = pod("d", "ds", None);
        d.meta.creation_timestamp = Some(5);
        d.spec.node_name = "n".into();
        let pods = [&a, &b, &d, &c];
        let mut ids = vec![0, 1, 2, 3];
        sort_oldest_scheduled_first(&mut ids, &pods);
        let names: Vec<&str> = ids.iter().map(|&i| pods[i].name()).collect();
        assert_eq!(names, ["c", "d", "b", "a"]);
    }
}
