//! Why a DaemonSet pod the controller created would stay Pending: the default
//! scheduler's filters that the controller itself does not run (spec section f).
//!
//! The controller only looks at node name, labels and taints (spec a.1). The pod
//! it creates is pinned to its node by required node affinity (spec g.3), so the
//! scheduler's NodeAffinity PreFilter narrows the candidates to that one node and
//! the remaining Filter plugins decide. Of those, the ones a DaemonSet pod on an
//! eligible node can fail and that our model can see are NodePorts and
//! NodeResourcesFit, run in that order, stopping at the first failing plugin.

use crate::model::{Container, Node, Pod, PodSpec, Quantity, ResourceList};
use std::rc::Rc;

use crate::name_index::NameIndex;

/// `nodeports.ErrReason`.
pub const NODE_PORTS_REASON: &str = "node(s) didn't have free ports for the requested pod ports";
/// The NodeResourcesFit reason for the pod count.
pub const TOO_MANY_PODS_REASON: &str = "Too many pods";
/// The status the NodeAffinity PreFilter result gives every node it leaves out.
const ABSENT_NODES_REASON: &str = "node(s) didn't satisfy plugin(s) [NodeAffinity]";
/// The DynamicResources PostFilter message for a pod without resource claims.
const NO_CLAIMS_MESSAGE: &str = "no new claims to deallocate";
const NO_VICTIMS_REASON: &str = "No preemption victims found for incoming pod";
const PREEMPTION_NOT_HELPFUL_REASON: &str = "Preemption is not helpful for scheduling";

/// The pods bound to each node, for the resource and port checks (a pod that
/// has finished holds nothing). Looked up by node name; a name the list
/// repeats stands for all its nodes.
pub struct BoundPods<'a> {
    nodes: Rc<NameIndex<'a>>,
    pods: Vec<Vec<&'a PodSpec>>,
}

impl<'a> BoundPods<'a> {
    pub fn new(nodes: &'a [Node], pods: impl IntoIterator<Item = &'a Pod>) -> BoundPods<'a> {
        Self::by_position(Rc::new(NameIndex::new(nodes.iter().map(Node::name))), nodes.len(), pods)
    }

    /// With the nodes' positions already indexed (`index` of `node_count` nodes).
    pub fn by_position(index: Rc<NameIndex<'a>>, node_count: usize, pods: impl IntoIterator<Item = &'a Pod>) -> BoundPods<'a> {
        let mut bound = vec![Vec::new(); node_count];
        for pod in pods.into_iter().filter(|p| !p.is_terminal() && !p.spec.node_name.is_empty()) {
            if let Some(slot) = index.position(&pod.spec.node_name).and_then(|i| bound.get_mut(i)) {
                slot.push(&pod.spec);
            }
        }
        BoundPods { nodes: index, pods: bound }
    }

    pub fn on(&self, node: &str) -> &[&'a PodSpec] {
        self.nodes.position(node).and_then(|i| self.pods.get(i)).map_or(&[], Vec::as_slice)
    }
}

/// The scheduler's FitError message for a DS pod pinned to `node`, or None when it fits.
/// `others` = pods already assigned to that node that count for its usage (non-terminal; the caller filters),
/// `node_count` = number of nodes in the scheduler snapshot (N in "0/N nodes are available").
///
/// The text is what the `FailedScheduling` event and the `PodScheduled` condition
/// show, e.g. `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't
/// satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, preemption: 0/3
/// nodes are available: 1 No preemption victims found for incoming pod, 2
/// Preemption is not helpful for scheduling.`
///
/// Choice of the part after the first `.` (the PostFilter message), for the
/// v1.34+ target of spec f:
/// * DynamicResources is enabled by default from v1.34 and runs its PostFilter
///   before DefaultPreemption; for a pod without resource claims it answers
///   `no new claims to deallocate`, and the framework joins the PostFilter
///   reasons with `", "`, hence `no new claims to deallocate, preemption: ...`.
/// * DefaultPreemption: the other N-1 nodes are UnschedulableAndUnresolvable
///   (left out by the PreFilter result), so preemption does not try them
///   (`Preemption is not helpful for scheduling`); on the pod's own node it looks
///   for lower-priority victims. The model has no pod priority, so every pod has
///   the same priority (0, no priorityClassName), there are never victims, and the
///   node reports `No preemption victims found for incoming pod`.
pub fn pending_reason(
    pod: &PodSpec,
    node: &Node,
    others: &[&PodSpec],
    node_count: usize,
) -> Option<String> {
    let reasons = filter_reasons(pod, node, others);
    if reasons.is_empty() {
        return None;
    }
    Some(fit_error_message(&reasons, node_count))
}

/// The reasons the node's filters give, without the `0/N nodes are available`
/// frame (the short words a table shows, e.g. `["Insufficient cpu"]`). Empty when
/// the pod fits. Plugins run in the scheduler's order and stop at the first that
/// fails: NodePorts, then NodeResourcesFit (which reports every failing resource).
// Models pkg/scheduler/framework/runtime/framework.go RunFilterPlugins (first failure wins)
pub fn filter_reasons(pod: &PodSpec, node: &Node, others: &[&PodSpec]) -> Vec<String> {
    if !fits_ports(pod, others) {
        return vec![NODE_PORTS_REASON.to_string()];
    }
    fits_request(pod, node, others)
}

// ---------------------------------------------------------------------------
// FitError message

/// `0/N nodes are available: <histogram>. <PostFilter message>`.
// Models pkg/scheduler/framework/types.go FitError.Error
fn fit_error_message(reasons: &[String], node_count: usize) -> String {
    let all = node_count.max(1);
    let others = all - 1;

    let mut counts: Vec<(&str, usize)> = Vec::new();
    for reason in reasons {
        count(&mut counts, reason, 1);
    }
    // Models pkg/scheduler/schedule_one.go findNodesThatFitPod: nodes outside the
    // PreFilter result share one "absent nodes" status, counted NumAllNodes - explicit.
    if others > 0 {
        count(&mut counts, ABSENT_NODES_REASON, others);
    }
    let mut message = available_message(all, &counts);

    // Models pkg/scheduler/framework/runtime/framework.go RunPostFilterPlugins
    // (DynamicResources before DefaultPreemption, reasons joined with ", ") and
    // pkg/scheduler/framework/preemption/preemption.go Evaluator.Preempt (no candidates).
    let mut preemption = vec![(NO_VICTIMS_REASON, 1)];
    if others > 0 {
        preemption.push((PREEMPTION_NOT_HELPFUL_REASON, others));
    }
    message.push(' ');
    message.push_str(NO_CLAIMS_MESSAGE);
    message.push_str(", preemption: ");
    message.push_str(&available_message(all, &preemption));
    message
}

/// Adds `n` to `reason`'s count (a reason histogram has a few entries).
fn count<'a>(counts: &mut Vec<(&'a str, usize)>, reason: &'a str, n: usize) {
    match counts.iter_mut().find(|(r, _)| *r == reason) {
        Some((_, c)) => *c += n,
        None => counts.push((reason, n)),
    }
}

/// `0/N nodes are available: <c1> <r1>, <c2> <r2>.`, entries sorted as strings.
// Models pkg/scheduler/framework/types.go FitError.Error sortReasonsHistogram
fn available_message(all: usize, counts: &[(&str, usize)]) -> String {
    let mut entries: Vec<String> = counts
        .iter()
        .map(|(reason, count)| {
            let mut entry = count.to_string();
            entry.push(' ');
            entry.push_str(reason);
            entry
        })
        .collect();
    crate::sorting::sort_by(&mut entries, Ord::cmp);
    let mut message = String::from("0/");
    message.push_str(&all.to_string());
    message.push_str(" nodes are available: ");
    message.push_str(&entries.join(", "));
    message.push('.');
    message
}

// ---------------------------------------------------------------------------
// NodePorts

/// One `(hostIP, protocol, hostPort)` after `HostPortInfo.sanitize`.
struct HostPort<'a> {
    ip: &'a str,
    protocol: &'a str,
    port: i64,
}

const BIND_ALL: &str = "0.0.0.0";

/// The host ports a pod uses: app containers and restartable (sidecar) init
/// containers, only ports with `hostPort > 0`.
// Models pkg/scheduler/util/utils.go GetHostPorts
fn host_ports(spec: &PodSpec) -> Vec<HostPort<'_>> {
    let sidecars = spec.init_containers.iter().filter(|c| is_restartable(c));
    let mut ports = Vec::new();
    for container in sidecars.chain(spec.containers.iter()) {
        for p in &container.ports {
            // Models pkg/apis/core/v1/defaults.go defaultHostNetworkPorts
            // (SetDefaults_Pod): hostNetwork pods get hostPort = containerPort.
            let port = if spec.host_network && p.host_port == 0 {
                p.container_port
            } else {
                p.host_port
            };
            if port <= 0 {
                continue;
            }
            // Models pkg/scheduler/framework/types.go HostPortInfo.sanitize
            let ip = if p.host_ip.is_empty() {
                BIND_ALL
            } else {
                p.host_ip.as_str()
            };
            let protocol = if p.protocol.is_empty() {
                "TCP"
            } else {
                p.protocol.as_str()
            };
            ports.push(HostPort { ip, protocol, port });
        }
    }
    ports
}

/// True when none of the pod's host ports conflicts with a port used on the node.
/// The pod's own ports are not checked against each other (API validation does that).
// Models pkg/scheduler/framework/plugins/nodeports/node_ports.go fitsPorts
fn fits_ports(pod: &PodSpec, others: &[&PodSpec]) -> bool {
    let used: Vec<HostPort<'_>> = others.iter().flat_map(|spec| host_ports(spec)).collect();
    !host_ports(pod).iter().any(|want| conflicts(&used, want))
}

/// 0.0.0.0 conflicts with the same protocol/port on any address; a specific
/// address conflicts with itself and with 0.0.0.0. Addresses compare as strings.
// Models pkg/scheduler/framework/types.go HostPortInfo.CheckConflict
fn conflicts(used: &[HostPort<'_>], want: &HostPort<'_>) -> bool {
    used.iter().any(|u| {
        u.port == want.port
            && u.protocol == want.protocol
            && (want.ip == BIND_ALL || u.ip == BIND_ALL || u.ip == want.ip)
    })
}

// ---------------------------------------------------------------------------
// NodeResourcesFit

fn is_restartable(container: &Container) -> bool {
    container.restart_policy.as_deref() == Some("Always")
}

fn add_into(total: &mut ResourceList, list: &ResourceList) {
    for (name, quantity) in list {
        let entry = total.get_or_insert_with(name, || Quantity::ZERO);
        *entry = entry.saturating_add(*quantity);
    }
}

fn max_into(total: &mut ResourceList, list: &ResourceList) {
    for (name, quantity) in list {
        let entry = total.get_or_insert_with(name, || *quantity);
        if *quantity > *entry {
            *entry = *quantity;
        }
    }
}

/// A container's requests after API defaulting: a resource with a limit and no
/// request gets the limit as its request.
// Models pkg/apis/core/v1/defaults.go SetDefaults_Pod (requests default to limits)
fn container_requests(container: &Container) -> ResourceList {
    let mut requests = container.requests.clone();
    for (name, limit) in &container.limits {
        requests.get_or_insert_with(name, || *limit);
    }
    requests
}

/// The pod's effective request: app containers summed; each init container runs
/// alone together with the sidecars started before it (max over those); sidecars
/// (restartable init containers) also add to the app total; overhead on top.
// Models k8s.io/component-helpers/resource/helpers.go PodRequests / AggregateContainerRequests
fn pod_requests(spec: &PodSpec) -> ResourceList {
    let mut requests = ResourceList::new();
    for container in &spec.containers {
        add_into(&mut requests, &container_requests(container));
    }
    let mut sidecars = ResourceList::new();
    let mut init_max = ResourceList::new();
    for container in &spec.init_containers {
        let own = container_requests(container);
        let effective = if is_restartable(container) {
            add_into(&mut requests, &own);
            add_into(&mut sidecars, &own);
            sidecars.clone()
        } else {
            let mut with_sidecars = own;
            add_into(&mut with_sidecars, &sidecars);
            with_sidecars
        };
        max_into(&mut init_max, &effective);
    }
    max_into(&mut requests, &init_max);
    add_into(&mut requests, &spec.overhead);
    requests
}

/// A quantity in the scheduler's integer unit: millicores for cpu
/// (`MilliValue`), whole units rounded up for everything else (`Value`).
// Models pkg/scheduler/framework/types.go Resource.Add
fn scheduler_units(name: &str, quantity: Quantity) -> i128 {
    if name == "cpu" {
        return quantity.millis;
    }
    let m = quantity.millis;
    m.div_euclid(1000) + i128::from(m.rem_euclid(1000) != 0)
}

/// The resources NodeResourcesFit compares: cpu, memory, ephemeral-storage and
/// the "scalar" ones; any other name (and `pods`, checked as a count) is ignored.
// Models pkg/scheduler/framework/types.go Resource.Add + pkg/scheduler/util/utils.go IsScalarResourceName
fn is_checked_resource(name: &str) -> bool {
    matches!(name, "cpu" | "memory" | "ephemeral-storage")
        || is_extended_resource_name(name)
        || name.starts_with("hugepages-")
        || name.contains("kubernetes.io/")
        || name.starts_with("attachable-volumes-")
}

// Models pkg/apis/core/v1/helper/helpers.go IsExtendedResourceName
fn is_extended_resource_name(name: &str) -> bool {
    let native = !name.contains('/') || name.contains("kubernetes.io/");
    if native || name.starts_with("requests.") {
        return false;
    }
    let mut quota_name = String::from("requests.");
    quota_name.push_str(name);
    crate::validation::label_key_errors(&quota_name).is_empty()
}

/// One reason per failing resource, all reported: the pod count, then cpu,
/// memory, ephemeral-storage, then the other resources by name.
// Models pkg/scheduler/framework/plugins/noderesources/fit.go fitsRequest
fn fits_request(pod: &PodSpec, node: &Node, others: &[&PodSpec]) -> Vec<String> {
    let mut reasons = Vec::new();

    // Models fit.go fitsRequest: len(nodeInfo.Pods)+1 > Allocatable.AllowedPodNumber;
    // a node without an allocatable `pods` entry allows 0 pods.
    let allowed_pods = node
        .allocatable
        .get("pods")
        .map_or(0, |q| scheduler_units("pods", *q));
    let pod_count = i128::try_from(others.len()).unwrap_or(i128::MAX);
    if pod_count.saturating_add(1) > allowed_pods {
        reasons.push(TOO_MANY_PODS_REASON.to_string());
    }

    // Models pkg/scheduler/framework/types.go NodeInfo.update: the node's
    // Requested is the sum, pod by pod, of each pod's request in scheduler units.
    // A handful of resource names: a list searched in order beats a map here.
    let mut requested: Vec<(&str, i128)> = Vec::new();
    let other_requests: Vec<ResourceList> = others.iter().map(|spec| pod_requests(spec)).collect();
    for list in &other_requests {
        for (name, quantity) in list {
            let units = scheduler_units(name, *quantity);
            match requested.iter_mut().find(|(n, _)| n == name) {
                Some((_, sum)) => *sum = sum.saturating_add(units),
                None => requested.push((name, units)),
            }
        }
    }

    let wanted = pod_requests(pod);
    let order = ["cpu", "memory", "ephemeral-storage"];
    let fixed = order.iter().filter_map(|name| wanted.get_key_value(name));
    let rest = wanted
        .iter()
        .filter(|(name, _)| !order.contains(&name.as_str()));
    for (name, quantity) in fixed.chain(rest) {
        if !is_checked_resource(name) {
            continue;
        }
        let request = scheduler_units(name, *quantity);
        if request <= 0 {
            continue;
        }
        let allocatable = node
            .allocatable
            .get(name)
            .map_or(0, |q| scheduler_units(name, *q));
        let used = requested.iter().find(|(n, _)| n == name).map_or(0, |&(_, sum)| sum);
        if request > allocatable.saturating_sub(used) {
            let mut reason = String::from("Insufficient ");
            reason.push_str(name);
            reasons.push(reason);
        }
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ContainerPort, ObjectMeta};

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).expect("valid quantity")
    }

    fn list(pairs: &[(&str, &str)]) -> ResourceList {
        pairs.iter().map(|(k, v)| (k.to_string(), q(v))).collect()
    }

    fn container(requests: &[(&str, &str)]) -> Container {
        Container {
            name: "c".into(),
            image: "i".into(),
            requests: list(requests),
            ..Default::default()
        }
    }

    fn sidecar(requests: &[(&str, &str)]) -> Container {
        Container {
            restart_policy: Some("Always".into()),
            ..container(requests)
        }
    }

    fn pod(requests: &[(&str, &str)]) -> PodSpec {
        PodSpec {
            containers: vec![container(requests)],
            ..Default::default()
        }
    }

    fn node(allocatable: &[(&str, &str)]) -> Node {
        Node {
            meta: ObjectMeta {
                name: "node-a".into(),
                ..Default::default()
            },
            allocatable: list(allocatable),
            ..Default::default()
        }
    }

    fn roomy() -> Node {
        node(&[("cpu", "4"), ("memory", "8Gi"), ("pods", "110")])
    }

    fn port_pod(ports: &[(i64, &str, &str)]) -> PodSpec {
        let ports = ports
            .iter()
            .map(|(port, protocol, ip)| ContainerPort {
                container_port: *port,
                host_port: *port,
                protocol: protocol.to_string(),
                host_ip: ip.to_string(),
            })
            .collect();
        PodSpec {
            containers: vec![Container {
                ports,
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn reasons(pod: &PodSpec, node: &Node, others: &[&PodSpec]) -> Vec<String> {
        filter_reasons(pod, node, others)
    }

    #[test]
    fn fits_returns_none() {
        assert_eq!(
            pending_reason(&pod(&[("cpu", "500m")]), &roomy(), &[], 3),
            None
        );
        assert_eq!(pending_reason(&PodSpec::default(), &roomy(), &[], 1), None);
    }

    #[test]
    fn case_082_message_format() {
        let n = node(&[("cpu", "100m"), ("memory", "8Gi"), ("pods", "110")]);
        let message = pending_reason(&pod(&[("cpu", "500m")]), &n, &[], 3).unwrap();
        let prefix = "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].";
        assert!(message.starts_with(prefix), "{message}");
        assert_eq!(
            message,
            [
                prefix,
                " no new claims to deallocate, preemption: 0/3 nodes are available: ",
                "1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling."
            ]
            .concat()
        );
    }

    #[test]
    fn case_079_single_node_insufficient_memory() {
        let n = node(&[("cpu", "1"), ("memory", "100M"), ("pods", "100")]);
        let message =
            pending_reason(&pod(&[("memory", "200M"), ("cpu", "500m")]), &n, &[], 1).unwrap();
        assert_eq!(
            message,
            "0/1 nodes are available: 1 Insufficient memory. no new claims to deallocate, preemption: \
             0/1 nodes are available: 1 No preemption victims found for incoming pod."
        );
    }

    #[test]
    fn case_081_too_many_pods() {
        let n = node(&[("cpu", "4"), ("memory", "8Gi"), ("pods", "1")]);
        let other = pod(&[]);
        assert_eq!(
            reasons(&pod(&[]), &n, &[&other]),
            vec![TOO_MANY_PODS_REASON]
        );
        let message = pending_reason(&pod(&[]), &n, &[&other], 2).unwrap();
        assert!(message.starts_with(
            "0/2 nodes are available: 1 Too many pods, 1 node(s) didn't satisfy plugin(s) [NodeAffinity]."
        ));
        // exactly at the limit still fits
        let n = node(&[("pods", "2")]);
        assert!(reasons(&pod(&[]), &n, &[&other]).is_empty());
        // no allocatable pods entry: 0 pods allowed
        assert_eq!(
            reasons(&pod(&[]), &node(&[]), &[]),
            vec![TOO_MANY_PODS_REASON]
        );
    }

    #[test]
    fn all_failing_resources_are_reported_and_histogram_sorted() {
        let n = node(&[
            ("cpu", "1"),
            ("memory", "1Gi"),
            ("pods", "1"),
            ("example.com/gpu", "1"),
        ]);
        let other = pod(&[("cpu", "500m")]);
        let p = pod(&[
            ("cpu", "600m"),
            ("memory", "2Gi"),
            ("ephemeral-storage", "1Gi"),
            ("example.com/gpu", "2"),
        ]);
        assert_eq!(
            reasons(&p, &n, &[&other]),
            vec![
                "Too many pods",
                "Insufficient cpu",
                "Insufficient memory",
                "Insufficient ephemeral-storage",
                "Insufficient example.com/gpu"
            ]
        );
        let message = pending_reason(&p, &n, &[&other], 12).unwrap();
        assert!(message.starts_with(
            "0/12 nodes are available: 1 Insufficient cpu, 1 Insufficient ephemeral-storage, \
             1 Insufficient example.com/gpu, 1 Insufficient memory, 1 Too many pods, \
             11 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, \
             preemption: 0/12 nodes are available: 1 No preemption victims found for incoming pod, \
             11 Preemption is not helpful for scheduling."
        ));
    }

    #[test]
    fn used_amount_is_subtracted_and_equality_fits() {
        let n = node(&[("cpu", "1"), ("memory", "1Gi"), ("pods", "10")]);
        let other = pod(&[("cpu", "400m"), ("memory", "512Mi")]);
        assert!(reasons(&pod(&[("cpu", "600m"), ("memory", "512Mi")]), &n, &[&other]).is_empty());
        assert_eq!(
            reasons(&pod(&[("cpu", "601m")]), &n, &[&other]),
            vec!["Insufficient cpu"]
        );
        assert_eq!(
            reasons(&pod(&[("memory", "513Mi")]), &n, &[&other]),
            vec!["Insufficient memory"]
        );
    }

    #[test]
    fn zero_requests_and_unknown_resources_are_not_checked() {
        let n = node(&[("pods", "10")]);
        assert!(reasons(&pod(&[("cpu", "0"), ("memory", "0")]), &n, &[]).is_empty());
        // unprefixed non-standard names are not scalar resources: ignored
        assert!(reasons(&pod(&[("foo", "1")]), &n, &[]).is_empty());
        // a node without an entry for a requested resource has none of it
        assert_eq!(
            reasons(&pod(&[("cpu", "1m")]), &n, &[]),
            vec!["Insufficient cpu"]
        );
        assert_eq!(
            reasons(&pod(&[("hugepages-2Mi", "2Mi")]), &n, &[]),
            vec!["Insufficient hugepages-2Mi"]
        );
        assert_eq!(
            reasons(&pod(&[("nvidia.com/gpu", "1")]), &n, &[]),
            vec!["Insufficient nvidia.com/gpu"]
        );
    }

    #[test]
    fn memory_is_compared_in_whole_bytes_rounded_up() {
        // 0.5 byte requests round up to 1 byte
        let n = node(&[("memory", "1"), ("pods", "10")]);
        assert!(reasons(&pod(&[("memory", "500m")]), &n, &[]).is_empty());
        let other = pod(&[("memory", "1m")]);
        assert_eq!(
            reasons(&pod(&[("memory", "1m")]), &n, &[&other]),
            vec!["Insufficient memory"]
        );
    }

    #[test]
    fn limits_default_requests() {
        let n = node(&[("cpu", "1"), ("pods", "10")]);
        let mut c = container(&[]);
        c.limits = list(&[("cpu", "2")]);
        let p = PodSpec {
            containers: vec![c.clone()],
            ..Default::default()
        };
        assert_eq!(reasons(&p, &n, &[]), vec!["Insufficient cpu"]);
        // an explicit request wins over the limit
        c.requests = list(&[("cpu", "100m")]);
        let p = PodSpec {
            containers: vec![c],
            ..Default::default()
        };
        assert!(reasons(&p, &n, &[]).is_empty());
    }

    #[test]
    fn init_containers_take_the_max_with_app_containers() {
        let spec = PodSpec {
            containers: vec![container(&[("cpu", "100m")]), container(&[("cpu", "200m")])],
            init_containers: vec![
                container(&[("cpu", "250m"), ("memory", "1Gi")]),
                container(&[("cpu", "500m")]),
            ],
            ..Default::default()
        };
        assert_eq!(
            pod_requests(&spec),
            list(&[("cpu", "500m"), ("memory", "1Gi")])
        );
        let spec = PodSpec {
            containers: vec![container(&[("cpu", "800m")])],
            init_containers: vec![container(&[("cpu", "500m")])],
            ..Default::default()
        };
        assert_eq!(pod_requests(&spec), list(&[("cpu", "800m")]));
    }

    #[test]
    fn sidecars_add_to_app_containers_and_to_later_init_containers() {
        // sidecar 100m; init after it 500m (+100m = 600m); app 300m (+100m = 400m)
        let spec = PodSpec {
            containers: vec![container(&[("cpu", "300m")])],
            init_containers: vec![sidecar(&[("cpu", "100m")]), container(&[("cpu", "500m")])],
            overhead: list(&[("cpu", "10m")]),
            ..Default::default()
        };
        assert_eq!(pod_requests(&spec), list(&[("cpu", "610m")]));
        // an init container before the sidecar does not get it added
        let spec = PodSpec {
            containers: vec![container(&[("cpu", "300m")])],
            init_containers: vec![container(&[("cpu", "350m")]), sidecar(&[("cpu", "100m")])],
            ..Default::default()
        };
        assert_eq!(pod_requests(&spec), list(&[("cpu", "400m")]));
        let n = node(&[("cpu", "400m"), ("pods", "10")]);
        assert!(reasons(&spec, &n, &[]).is_empty());
        assert_eq!(
            reasons(&spec, &n, &[&pod(&[("cpu", "1m")])]),
            vec!["Insufficient cpu"]
        );
    }

    #[test]
    fn overhead_is_added() {
        let spec = PodSpec {
            overhead: list(&[("memory", "100Mi")]),
            ..pod(&[("memory", "100Mi")])
        };
        assert_eq!(pod_requests(&spec), list(&[("memory", "200Mi")]));
    }

    #[test]
    fn host_port_conflicts() {
        let n = roomy();
        let any = port_pod(&[(80, "TCP", "")]);
        let any_explicit = port_pod(&[(80, "", "0.0.0.0")]);
        let specific = port_pod(&[(80, "TCP", "10.0.0.1")]);
        let other_ip = port_pod(&[(80, "TCP", "10.0.0.2")]);
        let udp = port_pod(&[(80, "UDP", "")]);
        let other_port = port_pod(&[(81, "TCP", "")]);

        let conflict =
            |want: &PodSpec, used: &PodSpec| reasons(want, &n, &[used]) == vec![NODE_PORTS_REASON];
        assert!(conflict(&any, &any));
        assert!(
            conflict(&any, &any_explicit),
            "\"\" means 0.0.0.0 and protocol defaults to TCP"
        );
        assert!(
            conflict(&any, &specific),
            "0.0.0.0 conflicts with any address"
        );
        assert!(
            conflict(&specific, &any),
            "a specific address conflicts with 0.0.0.0"
        );
        assert!(conflict(&specific, &specific));
        assert!(!conflict(&specific, &other_ip));
        assert!(!conflict(&any, &udp), "different protocols do not conflict");
        assert!(!conflict(&udp, &any));
        assert!(!conflict(&any, &other_port));
        // the pod's own ports are not compared with each other
        assert!(reasons(&port_pod(&[(80, "TCP", ""), (80, "TCP", "")]), &n, &[]).is_empty());
    }

    #[test]
    fn host_ports_stop_before_resources() {
        let n = node(&[("cpu", "100m"), ("pods", "1")]);
        let mut want = port_pod(&[(9100, "TCP", "")]);
        want.containers[0].requests = list(&[("cpu", "1")]);
        let used = port_pod(&[(9100, "TCP", "")]);
        assert_eq!(reasons(&want, &n, &[&used]), vec![NODE_PORTS_REASON]);
        let message = pending_reason(&want, &n, &[&used], 2).unwrap();
        assert!(message.starts_with(
            "0/2 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, \
             1 node(s) didn't satisfy plugin(s) [NodeAffinity]."
        ));
    }

    #[test]
    fn host_network_defaults_host_port_and_zero_ports_never_conflict() {
        let n = roomy();
        let mut hostnet = port_pod(&[(9100, "TCP", "")]);
        hostnet.containers[0].ports[0].host_port = 0;
        hostnet.host_network = true;
        let used = port_pod(&[(9100, "TCP", "")]);
        assert_eq!(reasons(&hostnet, &n, &[&used]), vec![NODE_PORTS_REASON]);
        assert_eq!(reasons(&used, &n, &[&hostnet]), vec![NODE_PORTS_REASON]);
        // without hostNetwork a containerPort alone uses no host port
        hostnet.host_network = false;
        assert!(reasons(&hostnet, &n, &[&used]).is_empty());
        assert!(reasons(&hostnet, &n, &[&hostnet]).is_empty());
    }

    #[test]
    fn sidecar_ports_count_plain_init_container_ports_do_not() {
        let n = roomy();
        let used = port_pod(&[(8080, "TCP", "")]);
        let ported = port_pod(&[(8080, "TCP", "")]).containers.remove(0);
        let plain_init = PodSpec {
            init_containers: vec![ported.clone()],
            ..Default::default()
        };
        let sidecar_init = PodSpec {
            init_containers: vec![Container {
                restart_policy: Some("Always".into()),
                ..ported
            }],
            ..Default::default()
        };
        assert!(reasons(&plain_init, &n, &[&used]).is_empty());
        assert_eq!(
            reasons(&sidecar_init, &n, &[&used]),
            vec![NODE_PORTS_REASON]
        );
        assert_eq!(
            reasons(&used, &n, &[&sidecar_init]),
            vec![NODE_PORTS_REASON]
        );
    }

    #[test]
    fn extreme_quantities_do_not_panic() {
        let huge = Quantity { millis: i128::MAX };
        let tiny = Quantity { millis: i128::MIN };
        let mut n = roomy();
        n.allocatable.insert("cpu".into(), tiny);
        n.allocatable.insert("pods".into(), huge);
        let mut p = pod(&[]);
        p.containers[0].requests.insert("cpu".into(), huge);
        p.containers.push(p.containers[0].clone());
        p.overhead.insert("memory".into(), tiny);
        let other = p.clone();
        let _ = pending_reason(&p, &n, &[&other, &other], 0);
        let _ = pending_reason(&p, &n, &[], usize::MAX);
    }
}
