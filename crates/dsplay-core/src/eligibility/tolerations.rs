//! Taints, tolerations, and the tolerations every DaemonSet pod gets.

use crate::model::{PodSpec, Taint, Toleration};

pub const TAINT_NOT_READY: &str = "node.kubernetes.io/not-ready";
pub const TAINT_UNREACHABLE: &str = "node.kubernetes.io/unreachable";
pub const TAINT_DISK_PRESSURE: &str = "node.kubernetes.io/disk-pressure";
pub const TAINT_MEMORY_PRESSURE: &str = "node.kubernetes.io/memory-pressure";
pub const TAINT_PID_PRESSURE: &str = "node.kubernetes.io/pid-pressure";
pub const TAINT_UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";
pub const TAINT_NETWORK_UNAVAILABLE: &str = "node.kubernetes.io/network-unavailable";
pub const TAINT_CONTROL_PLANE: &str = "node-role.kubernetes.io/control-plane";

fn exists(key: &str, effect: &str) -> Toleration {
    Toleration { key: key.into(), operator: "Exists".into(), effect: effect.into(), ..Default::default() }
}

/// The tolerations the controller adds to every pod it creates, in order.
// Models pkg/controller/daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations
pub fn automatic_tolerations(spec: &PodSpec) -> Vec<Toleration> {
    let mut automatic = vec![
        exists(TAINT_NOT_READY, "NoExecute"),
        exists(TAINT_UNREACHABLE, "NoExecute"),
        exists(TAINT_DISK_PRESSURE, "NoSchedule"),
        exists(TAINT_MEMORY_PRESSURE, "NoSchedule"),
        exists(TAINT_PID_PRESSURE, "NoSchedule"),
        exists(TAINT_UNSCHEDULABLE, "NoSchedule"),
    ];
    if spec.host_network {
        automatic.push(exists(TAINT_NETWORK_UNAVAILABLE, "NoSchedule"));
    }
    automatic
}

/// The template's tolerations with the automatic ones merged in.
// Models pkg/apis/core/v1/helper/helpers.go AddOrUpdateTolerationInPodSpec: every
// toleration equal in key, operator, value and effect is replaced in place (so a
// tolerationSeconds is dropped); otherwise the automatic one is appended.
pub fn daemon_pod_tolerations(spec: &PodSpec) -> Vec<Toleration> {
    let mut tolerations = spec.tolerations.clone();
    for auto in automatic_tolerations(spec) {
        let mut replaced = false;
        for existing in tolerations.iter_mut() {
            if matches_toleration(existing, &auto) {
                *existing = auto.clone();
                replaced = true;
            }
        }
        if !replaced {
            tolerations.push(auto);
        }
    }
    tolerations
}

// Models k8s.io/api/core/v1/toleration.go MatchToleration
fn matches_toleration(a: &Toleration, b: &Toleration) -> bool {
    a.key == b.key && a.operator == b.operator && a.value == b.value && a.effect == b.effect
}

/// Whether `toleration` tolerates `taint`.
// Models k8s.io/api/core/v1/toleration.go ToleratesTaint (feature gate
// TaintTolerationComparisonOperators off, the default: Lt/Gt never match)
pub fn tolerates(toleration: &Toleration, taint: &Taint) -> bool {
    if !toleration.effect.is_empty() && toleration.effect != taint.effect {
        return false;
    }
    if !toleration.key.is_empty() && toleration.key != taint.key {
        return false;
    }
    match toleration.operator.as_str() {
        "" | "Equal" => toleration.value == taint.value,
        "Exists" => true,
        _ => false,
    }
}

/// The first taint, in node order, that `filter` keeps and no toleration tolerates.
// Models k8s.io/component-helpers/scheduling/corev1/helpers.go FindMatchingUntoleratedTaint
pub fn first_untolerated<'t>(
    taints: &'t [Taint],
    tolerations: &[Toleration],
    filter: impl Fn(&Taint) -> bool,
) -> Option<&'t Taint> {
    taints
        .iter()
        .filter(|taint| filter(taint))
        .find(|taint| !tolerations.iter().any(|t| tolerates(t, taint)))
}

/// The scheduler's TaintToleration reason, in the wording that names the taint
/// (schedulers before v1.35 printed it; dsplay keeps it because a learner needs
/// to know which taint blocks the pod).
// Models pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go Filter
pub fn untolerated_taint_reason(taint: &Taint) -> String {
    format!("node(s) had untolerated taint {{{}: {}}}", taint.key, taint.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taint(key: &str, value: &str, effect: &str) -> Taint {
        Taint { key: key.into(), value: value.into(), effect: effect.into() }
    }
    fn toleration(key: &str, operator: &str, value: &str, effect: &str) -> Toleration {
        Toleration { key: key.into(), operator: operator.into(), value: value.into(), effect: effect.into(), toleration_seconds: None }
    }

    #[test]
    fn equal_compares_values_and_an_omitted_operator_means_equal() {
        let t = taint("dedicated", "user1", "NoSchedule");
        assert!(tolerates(&toleration("dedicated", "Equal", "user1", "NoSchedule"), &t));
        assert!(tolerates(&toleration("dedicated", "", "user1", ""), &t));
        assert!(!tolerates(&toleration("dedicated", "Equal", "user2", "NoSchedule"), &t));
        assert!(tolerates(&toleration(TAINT_CONTROL_PLANE, "", "", "NoSchedule"), &taint(TAINT_CONTROL_PLANE, "", "NoSchedule")));
    }

    #[test]
    fn exists_ignores_the_value_and_empty_key_matches_every_key() {
        assert!(tolerates(&toleration("k", "Exists", "", "NoSchedule"), &taint("k", "anything", "NoSchedule")));
        assert!(tolerates(&toleration("", "Exists", "", ""), &taint("any", "v", "NoExecute")));
        assert!(!tolerates(&toleration("", "Exists", "", "NoSchedule"), &taint("any", "v", "NoExecute")));
    }

    #[test]
    fn comparison_operators_never_match_with_the_gate_off() {
        assert!(!tolerates(&toleration("k", "Gt", "1", ""), &taint("k", "5", "NoSchedule")));
    }

    #[test]
    fn automatic_tolerations_follow_host_network() {
        let mut spec = PodSpec::default();
        assert_eq!(automatic_tolerations(&spec).len(), 6);
        spec.host_network = true;
        let all = automatic_tolerations(&spec);
        assert_eq!(all.len(), 7);
        assert_eq!(all[6].key, TAINT_NETWORK_UNAVAILABLE);
        assert!(all.iter().all(|t| t.toleration_seconds.is_none() && t.operator == "Exists"));
    }

    #[test]
    fn merging_replaces_a_user_copy_in_place_and_keeps_other_operators() {
        let spec = PodSpec {
            tolerations: vec![
                Toleration { toleration_seconds: Some(300), ..toleration(TAINT_NOT_READY, "Exists", "", "NoExecute") },
                toleration(TAINT_UNREACHABLE, "Equal", "", "NoExecute"),
            ],
            ..Default::default()
        };
        let merged = daemon_pod_tolerations(&spec);
        assert_eq!(merged[0], toleration(TAINT_NOT_READY, "Exists", "", "NoExecute"), "seconds dropped in place");
        assert_eq!(merged[1], toleration(TAINT_UNREACHABLE, "Equal", "", "NoExecute"), "different operator kept");
        assert_eq!(merged[2].key, TAINT_UNREACHABLE, "automatic one appended");
        assert_eq!(merged.len(), 7);
    }

    #[test]
    fn the_first_untolerated_taint_in_node_order_is_reported() {
        let taints = [taint("a", "1", "PreferNoSchedule"), taint("b", "", "NoSchedule"), taint("c", "3", "NoExecute")];
        let found = first_untolerated(&taints, &[], |t| t.effect != "PreferNoSchedule");
        assert_eq!(found, Some(&taints[1]));
        assert_eq!(untolerated_taint_reason(&taints[1]), "node(s) had untolerated taint {b: }");
    }
}
