//! Warnings (never errors) about DaemonSet settings that are legal but risky.
//! A DaemonSet runs one copy on every node, so each risk is multiplied across
//! the whole cluster; node agents (CNI plugins, log collectors, monitoring
//! agents, CSI drivers) often take these risks on purpose, so nothing is refused.

use crate::yaml::Value;

use crate::model::{Container, DaemonSet};

/// One warning about `field` (API-server notation, relative to the DaemonSet).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    pub field: String,
    /// Stable, for filtering and tests: `host-network`, `host-pid`, `host-ipc`,
    /// `host-port`, `host-path`, `sensitive-host-path`, `privileged`,
    /// `no-resources`, `no-limits`, `unpinned-image`.
    pub code: &'static str,
    pub message: String,
}

/// Host paths that give a container its node: these, anything under them, and
/// anything above them (mounting `/var` exposes `/var/lib/kubelet`).
/// `/var/run` is compared as `/run`, which it links to.
const SENSITIVE_PATHS: [&str; 12] = [
    "/proc",
    "/sys",
    "/dev",
    "/etc",
    "/boot",
    "/root",
    "/var/lib/kubelet",
    "/var/lib/docker",
    "/var/lib/containerd",
    "/run/docker.sock",
    "/run/containerd",
    "/run/crio",
];

const SPEC: &str = "spec.template.spec";

/// The lints for `ds`, in field order: pod-level flags, volumes, then each
/// init container and container.
pub fn lint_daemon_set(ds: &DaemonSet) -> Vec<Lint> {
    let spec = &ds.spec.template.spec;
    let mut lints = Vec::new();
    let mut push = |field: String, code, message: String| {
        lints.push(Lint {
            field,
            code,
            message,
        })
    };
    let flags = [
        (spec.host_network, "hostNetwork", "host-network",
         "hostNetwork shares the node's network with this pod: on every node it can see and bind all host interfaces, so a flaw in it reaches the network of the whole cluster. CNI plugins and some monitoring agents need this on purpose."),
        (spec.host_pid, "hostPID", "host-pid",
         "hostPID lets this pod see every process on its node, on every node at once (and signal them, with enough privilege). Monitoring and debugging agents sometimes need this on purpose."),
        (spec.host_ipc, "hostIPC", "host-ipc",
         "hostIPC lets this pod use the shared memory of every process on its node, on every node at once. Even node agents rarely need it."),
    ];
    for (on, name, code, message) in flags {
        if on {
            push(format!("{SPEC}.{name}"), code, message.to_string());
        }
    }
    for (i, path) in host_paths(&ds.spec.template.raw) {
        let field = format!("{SPEC}.volumes[{i}].hostPath.path");
        if is_sensitive_path(&path) {
            push(field, "sensitive-host-path", format!("hostPath {} is sensitive: a container that mounts it can take over its node, and this pod runs on every node. Only agents that manage the node itself (CNI plugins, CSI drivers) should need it; mount it read-only if you can.", crate::validation::go_quote(&path)));
        } else {
            push(field, "host-path", format!("hostPath {} mounts a directory of every node's filesystem into this pod. Log collectors and CSI drivers do this on purpose; keep it narrow and read-only.", crate::validation::go_quote(&path)));
        }
    }
    let groups = [
        ("initContainers", &spec.init_containers),
        ("containers", &spec.containers),
    ];
    for (list, containers) in groups {
        for (i, c) in containers.iter().enumerate() {
            lint_container(
                &format!("{SPEC}.{list}[{i}]"),
                c,
                spec.host_network,
                &mut push,
            );
        }
    }
    lints
}

fn lint_container(
    at: &str,
    c: &Container,
    host_network: bool,
    push: &mut impl FnMut(String, &'static str, String),
) {
    if c.privileged {
        push(format!("{at}.securityContext.privileged"), "privileged", "A privileged container controls its node's kernel and devices, and this one runs on every node. CNI plugins and CSI drivers often need it on purpose; otherwise grant only the capabilities it uses.".into());
    }
    // With hostNetwork every container port is a host port: the hostNetwork lint says so.
    if !host_network {
        for (j, p) in c.ports.iter().enumerate() {
            if p.host_port > 0 {
                push(format!("{at}.ports[{j}].hostPort"), "host-port", format!("hostPort {} opens {}/{} on every node's address; on any node where something else holds it, including the old pod during a maxSurge rollout, this pod stays Pending. Metrics exporters and ingress agents use it on purpose.", p.host_port, p.host_port, p.protocol));
            }
        }
    }
    // Requests default to the limits when only limits are set.
    if c.requests.is_empty() && c.limits.is_empty() {
        push(format!("{at}.resources"), "no-resources", "No resource requests or limits: the scheduler reserves nothing for it, so on every node it is evicted first under pressure and can starve its neighbours. Size requests for your busiest node.".into());
    } else if c.limits.is_empty() {
        push(format!("{at}.resources.limits"), "no-limits", "No resource limits: a leak or spike here can exhaust its node, and it runs on every node at once. Agents often leave out CPU limits on purpose to avoid throttling; a memory limit is still wise.".into());
    }
    if let Some(why) = unpinned(&c.image) {
        push(format!("{at}.image"), "unpinned-image", format!("Image {} {why}: every node pulls whatever that tag names when its pod starts, so nodes drift onto different builds without any rollout. Pin a version tag or a digest.", crate::validation::go_quote(&c.image)));
    }
}

/// Why `image` is not pinned, or `None` when it has a tag other than `latest`
/// or a digest. The tag follows the last `:` after the last `/`, so a
/// registry port (`host:5000/img`) is not a tag.
fn unpinned(image: &str) -> Option<&'static str> {
    if image.trim().is_empty() || image.contains('@') {
        return None;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.rsplit_once(':') {
        Some((_, "latest")) => Some("uses the tag latest"),
        Some((_, tag)) if !tag.is_empty() => None,
        _ => Some("has no tag, which means latest"),
    }
}

/// `(index, path)` of every `spec.volumes[].hostPath.path` in the raw template.
fn host_paths(raw: &Value) -> Vec<(usize, String)> {
    let volumes = raw
        .get("spec")
        .and_then(|s| s.get("volumes"))
        .and_then(Value::as_sequence);
    let volumes = volumes.map(Vec::as_slice).unwrap_or_default();
    let path = |v: &Value| v.get("hostPath")?.get("path")?.as_str().map(str::to_string);
    volumes
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((i, path(v)?)))
        .collect()
}

fn is_sensitive_path(path: &str) -> bool {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    if parts.first() == Some(&"var") && parts.get(1) == Some(&"run") {
        parts.remove(0);
    }
    let path = format!("/{}", parts.join("/"));
    path == "/"
        || SENSITIVE_PATHS.iter().any(|s| {
            path == *s || path.starts_with(&format!("{s}/")) || s.starts_with(&format!("{path}/"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{read_sources, Source};

    fn ds(pod_spec: &str) -> DaemonSet {
        let text = format!(
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: agent}}\nspec:\n  selector: {{matchLabels: {{app: a}}}}\n  template:\n    metadata: {{labels: {{app: a}}}}\n    spec:\n{pod_spec}"
        );
        let out = read_sources(&[Source {
            name: "ds.yaml",
            text: &text,
        }]);
        assert!(!out.has_errors(), "{:?}", out.diagnostics);
        out.cluster.daemon_sets.into_iter().next().unwrap()
    }

    const CLEAN: &str = "      containers:\n      - name: main\n        image: registry.example:5000/agent:1.2\n        resources: {requests: {cpu: 10m}, limits: {memory: 64Mi}}\n";

    fn codes(ds: &DaemonSet) -> Vec<(String, &'static str)> {
        lint_daemon_set(ds)
            .into_iter()
            .map(|l| (l.field, l.code))
            .collect()
    }

    fn only(pod_spec: &str) -> (String, &'static str) {
        let found = codes(&ds(&format!("{pod_spec}{CLEAN}")));
        assert_eq!(found.len(), 1, "{found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn clean_daemon_set_has_no_lints() {
        assert_eq!(codes(&ds(CLEAN)), vec![]);
        let digest = "      containers:\n      - {name: m, image: 'nginx@sha256:abc', resources: {limits: {cpu: 1}}}\n      volumes:\n      - {name: c, configMap: {name: x}}\n";
        assert_eq!(codes(&ds(digest)), vec![]);
    }

    #[test]
    fn host_namespaces() {
        let net = only("      hostNetwork: true\n");
        assert_eq!(
            net,
            ("spec.template.spec.hostNetwork".into(), "host-network")
        );
        assert_eq!(only("      hostPID: true\n").1, "host-pid");
        assert_eq!(only("      hostIPC: true\n").1, "host-ipc");
        let message =
            &lint_daemon_set(&ds(&format!("      hostNetwork: true\n{CLEAN}")))[0].message;
        assert!(
            message.contains("every node") && message.contains("on purpose"),
            "{message}"
        );
    }

    #[test]
    fn host_ports_per_port_but_not_under_host_network() {
        let spec = "      containers:\n      - name: m\n        image: a:1\n        resources: {requests: {cpu: 1}, limits: {cpu: 1}}\n        ports:\n        - {containerPort: 80}\n        - {containerPort: 9100, hostPort: 9100}\n";
        let lints = lint_daemon_set(&ds(spec));
        assert_eq!(lints.len(), 1, "{lints:?}");
        assert_eq!(
            lints[0].field,
            "spec.template.spec.containers[0].ports[1].hostPort"
        );
        assert!(
            lints[0].message.contains("9100/TCP on every node"),
            "{}",
            lints[0].message
        );
        let with_host_network = codes(&ds(&format!("      hostNetwork: true\n{spec}")));
        assert_eq!(
            with_host_network.iter().map(|c| c.1).collect::<Vec<_>>(),
            ["host-network"]
        );
    }

    #[test]
    fn host_paths_sensitive_or_not() {
        let spec = "      volumes:\n      - {name: logs, hostPath: {path: /var/log}}\n      - {name: sock, hostPath: {path: /var/run/containerd/containerd.sock, type: Socket}}\n      - {name: cm, configMap: {name: x}}\n      - {name: var, hostPath: {path: /var/}}\n";
        let found = codes(&ds(&format!("{spec}{CLEAN}")));
        assert_eq!(
            found,
            vec![
                (
                    "spec.template.spec.volumes[0].hostPath.path".into(),
                    "host-path"
                ),
                (
                    "spec.template.spec.volumes[1].hostPath.path".into(),
                    "sensitive-host-path"
                ),
                (
                    "spec.template.spec.volumes[3].hostPath.path".into(),
                    "sensitive-host-path"
                ),
            ]
        );
        for path in [
            "/",
            "/proc",
            "/sys/fs/cgroup",
            "/var/run/docker.sock",
            "/run/containerd/containerd.sock",
            "/var/lib/kubelet",
            "/etc",
            "/dev",
            "//etc/../etc/",
            "/var/log/../lib",
        ] {
            assert!(is_sensitive_path(path), "{path}");
        }
        for path in [
            "/var/log",
            "/run/flannel",
            "/lib/modules",
            "/etcd-data",
            "/opt/cni/bin",
            "relative",
        ] {
            assert!(!is_sensitive_path(path), "{path}");
        }
    }

    #[test]
    fn privileged_containers_and_init_containers() {
        let spec = "      initContainers:\n      - {name: i, image: a:1, securityContext: {privileged: true}, resources: {limits: {cpu: 1}}}\n";
        assert_eq!(
            only(spec),
            (
                "spec.template.spec.initContainers[0].securityContext.privileged".into(),
                "privileged"
            )
        );
    }

    #[test]
    fn missing_requests_and_limits() {
        let spec = "      initContainers:\n      - {name: i, image: a:1}\n      containers:\n      - {name: a, image: a:1, resources: {requests: {cpu: 1}}}\n      - {name: b, image: a:1, resources: {limits: {cpu: 1}}}\n";
        assert_eq!(
            codes(&ds(spec)),
            vec![
                (
                    "spec.template.spec.initContainers[0].resources".into(),
                    "no-resources"
                ),
                (
                    "spec.template.spec.containers[0].resources.limits".into(),
                    "no-limits"
                ),
            ]
        );
    }

    #[test]
    fn unpinned_images() {
        assert_eq!(unpinned("nginx"), Some("has no tag, which means latest"));
        assert_eq!(unpinned("nginx:latest"), Some("uses the tag latest"));
        assert_eq!(
            unpinned("host:5000/img"),
            Some("has no tag, which means latest")
        );
        assert_eq!(
            unpinned("host:5000/team/img:latest"),
            Some("uses the tag latest")
        );
        assert_eq!(unpinned("img:"), Some("has no tag, which means latest"));
        for pinned in [
            "nginx:1.27",
            "host:5000/img:v2",
            "img@sha256:0123",
            "img:latest@sha256:0123",
            "",
        ] {
            assert_eq!(unpinned(pinned), None, "{pinned}");
        }
        let spec = "      containers:\n      - {name: m, image: 'registry.example:5000/agent', resources: {limits: {cpu: 1}}}\n";
        let lints = lint_daemon_set(&ds(spec));
        assert_eq!(
            (lints[0].field.as_str(), lints[0].code),
            ("spec.template.spec.containers[0].image", "unpinned-image")
        );
        assert!(
            lints[0].message.contains("every node"),
            "{}",
            lints[0].message
        );
    }

    #[test]
    fn odd_raw_templates_do_not_panic() {
        let spec = "      volumes: {a: 1}\n      containers: []\n";
        assert_eq!(codes(&ds(spec)), vec![]);
        assert_eq!(lint_daemon_set(&DaemonSet::default()), vec![]);
        let mut odd = ds(CLEAN);
        odd.spec.template.raw =
            crate::yaml::from_str("spec: {volumes: [1, {hostPath: 2}, {hostPath: {path: [x]}}]}")
                .unwrap();
        assert_eq!(lint_daemon_set(&odd), vec![]);
    }
}
