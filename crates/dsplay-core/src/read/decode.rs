//! From a parsed YAML value to the model. Decoding never fails: a field of the
//! wrong type is recorded as an error at its path and read as its zero value,
//! so the caller always gets an object and every problem at once.

use crate::yaml::{Mapping, Value};

use super::locate::FieldPath;
use crate::model::*;
use crate::timestamp::parse_rfc3339;

#[derive(Default)]
pub struct Decoder {
    /// Type errors found so far, with the path they were found at.
    pub errors: Vec<(FieldPath, String)>,
}

/// `map[key]`, with YAML `null` read as absent (as Go's JSON decoder does).
pub fn field<'v>(map: Option<&'v Mapping>, key: &str) -> Option<&'v Value> {
    map?.get(key).filter(|v| !v.is_null())
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

impl Decoder {
    fn wrong_type(&mut self, path: &FieldPath, expected: &str, got: &Value) {
        let message = match got {
            Value::Number(_) | Value::Bool(_) if expected == "a string" => format!(
                "{path}: expected a string, got {}: quote it, as in \"{}\"",
                type_name(got),
                scalar_text(got)
            ),
            _ => format!("{path}: expected {expected}, got {}", type_name(got)),
        };
        self.errors.push((path.clone(), message));
    }

    pub fn mapping<'v>(&mut self, value: Option<&'v Value>, path: &FieldPath) -> Option<&'v Mapping> {
        match value? {
            Value::Mapping(map) => Some(map),
            other => {
                self.wrong_type(path, "a mapping", other);
                None
            }
        }
    }

    fn sequence<'v>(&mut self, value: Option<&'v Value>, path: &FieldPath) -> &'v [Value] {
        match value {
            None => &[],
            Some(Value::Sequence(items)) => items,
            Some(other) => {
                self.wrong_type(path, "a list", other);
                &[]
            }
        }
    }

    /// Decodes each item of the list at `key` of `map` with `item`.
    fn list<T>(
        &mut self,
        map: Option<&Mapping>,
        key: &str,
        path: &FieldPath,
        mut item: impl FnMut(&mut Self, Option<&Mapping>, &FieldPath) -> T,
    ) -> Vec<T> {
        let path = path.key(key);
        let items = self.sequence(field(map, key), &path);
        items
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let item_path = path.index(i);
                let item_map = self.mapping(Some(value).filter(|v| !v.is_null()), &item_path);
                item(self, item_map, &item_path)
            })
            .collect()
    }

    pub fn string(&mut self, map: Option<&Mapping>, key: &str, path: &FieldPath) -> String {
        match field(map, key) {
            None => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => {
                self.wrong_type(&path.key(key), "a string", other);
                scalar_text(other)
            }
        }
    }

    fn opt_string(&mut self, map: Option<&Mapping>, key: &str, path: &FieldPath) -> Option<String> {
        field(map, key).is_some().then(|| self.string(map, key, path))
    }

    pub fn int(&mut self, map: Option<&Mapping>, key: &str, path: &FieldPath) -> Option<i64> {
        match field(map, key)? {
            Value::Number(n) if n.as_i64().is_some() => n.as_i64(),
            other => {
                self.wrong_type(&path.key(key), "an integer", other);
                None
            }
        }
    }

    fn bool(&mut self, map: Option<&Mapping>, key: &str, path: &FieldPath) -> bool {
        match field(map, key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.wrong_type(&path.key(key), "true or false", other);
                false
            }
        }
    }

    fn string_map(&mut self, map: Option<&Mapping>, key: &str, path: &FieldPath) -> Labels {
        let path = path.key(key);
        let Some(entries) = self.mapping(field(map, key), &path) else { return Labels::new() };
        // Gathered, then sorted once (`StringMap`'s `collect`).
        let mut labels = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let key = scalar_text(k);
            let value = match v {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => {
                    self.wrong_type(&path.key(&key), "a string", other);
                    scalar_text(other)
                }
            };
            labels.push((key, value));
        }
        labels.into_iter().collect()
    }

    fn string_list(&mut self, map: Option<&Mapping>, key: &str, path: &FieldPath) -> Vec<String> {
        let path = path.key(key);
        let items = self.sequence(field(map, key), &path);
        items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::String(s) => s.clone(),
                other => {
                    self.wrong_type(&path.index(i), "a string", other);
                    scalar_text(other)
                }
            })
            .collect()
    }

    fn timestamp(&mut self, map: Option<&Mapping>, key: &str, path: &FieldPath) -> Option<Timestamp> {
        let text = self.opt_string(map, key, path)?;
        let parsed = parse_rfc3339(&text);
        if parsed.is_none() {
            self.errors.push((path.key(key), format!("{}: Invalid value: {}: not an RFC 3339 time", path.key(key), crate::validation::go_quote(&text))));
        }
        parsed
    }

    fn int_or_string(&mut self, map: Option<&Mapping>, key: &str, path: &FieldPath) -> Option<IntOrString> {
        match field(map, key)? {
            Value::Number(n) if n.as_i64().is_some() => n.as_i64().map(IntOrString::Int),
            Value::String(s) => Some(IntOrString::Str(s.clone())),
            other => {
                self.wrong_type(&path.key(key), "an integer or a percentage", other);
                None
            }
        }
    }

    fn resources(&mut self, map: Option<&Mapping>, key: &str, path: &FieldPath) -> ResourceList {
        let path = path.key(key);
        let Some(entries) = self.mapping(field(map, key), &path) else { return ResourceList::new() };
        let mut list = Vec::new();
        for (k, v) in entries {
            let name = scalar_text(k);
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(_) => scalar_text(v),
                other => {
                    self.wrong_type(&path.key(&name), "a quantity", other);
                    continue;
                }
            };
            match Quantity::parse(&text) {
                Some(q) => list.push((name, q)),
                None => self.errors.push((
                    path.key(&name),
                    format!("{}: Invalid value: {}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", path.key(&name), crate::validation::go_quote(&text)),
                )),
            }
        }
        list.into_iter().collect()
    }

    pub fn object_meta(&mut self, map: Option<&Mapping>, path: &FieldPath) -> ObjectMeta {
        let path = path.key("metadata");
        let meta = self.mapping(field(map, "metadata"), &path);
        ObjectMeta {
            name: self.string(meta, "name", &path),
            namespace: self.string(meta, "namespace", &path),
            uid: self.string(meta, "uid", &path),
            generation: self.int(meta, "generation", &path).unwrap_or(0),
            labels: self.string_map(meta, "labels", &path),
            annotations: self.string_map(meta, "annotations", &path),
            creation_timestamp: self.timestamp(meta, "creationTimestamp", &path),
            deletion_timestamp: self.timestamp(meta, "deletionTimestamp", &path),
            owner_references: self.list(meta, "ownerReferences", &path, |d, m, p| OwnerReference {
                api_version: d.string(m, "apiVersion", p),
                kind: d.string(m, "kind", p),
                name: d.string(m, "name", p),
                uid: d.string(m, "uid", p),
                controller: d.bool(m, "controller", p),
                block_owner_deletion: d.bool(m, "blockOwnerDeletion", p),
            }),
        }
    }

    fn label_selector(&mut self, map: Option<&Mapping>, path: &FieldPath) -> LabelSelector {
        LabelSelector {
            match_labels: self.string_map(map, "matchLabels", path),
            match_expressions: self.list(map, "matchExpressions", path, |d, m, p| LabelSelectorRequirement {
                key: d.string(m, "key", p),
                operator: d.string(m, "operator", p),
                values: d.string_list(m, "values", p),
            }),
        }
    }

    fn node_selector_requirements(&mut self, map: Option<&Mapping>, key: &str, path: &FieldPath) -> Vec<NodeSelectorRequirement> {
        self.list(map, key, path, |d, m, p| NodeSelectorRequirement {
            key: d.string(m, "key", p),
            operator: d.string(m, "operator", p),
            values: d.string_list(m, "values", p),
        })
    }

    fn required_node_affinity(&mut self, spec: Option<&Mapping>, path: &FieldPath) -> Option<NodeSelector> {
        let path = path.key("affinity");
        let affinity = self.mapping(field(spec, "affinity"), &path)?;
        let path = path.key("nodeAffinity");
        let node_affinity = self.mapping(field(Some(affinity), "nodeAffinity"), &path)?;
        let key = "requiredDuringSchedulingIgnoredDuringExecution";
        let path = path.key(key);
        let required = self.mapping(field(Some(node_affinity), key), &path)?;
        let terms = self.list(Some(required), "nodeSelectorTerms", &path, |d, m, p| NodeSelectorTerm {
            match_expressions: d.node_selector_requirements(m, "matchExpressions", p),
            match_fields: d.node_selector_requirements(m, "matchFields", p),
        });
        Some(NodeSelector { terms })
    }

    fn container(&mut self, map: Option<&Mapping>, path: &FieldPath, host_network: bool) -> Container {
        let resources_path = path.key("resources");
        let resources = self.mapping(field(map, "resources"), &resources_path);
        let security_path = path.key("securityContext");
        let security = self.mapping(field(map, "securityContext"), &security_path);
        Container {
            name: self.string(map, "name", path),
            image: self.string(map, "image", path),
            ports: self.list(map, "ports", path, |d, m, p| {
                let container_port = d.int(m, "containerPort", p).unwrap_or(0);
                let mut host_port = d.int(m, "hostPort", p).unwrap_or(0);
                // Models pkg/apis/core/v1/defaults.go SetDefaults_PodSpec (hostNetwork ports)
                if host_network && host_port == 0 {
                    host_port = container_port;
                }
                let protocol = d.string(m, "protocol", p);
                ContainerPort {
                    container_port,
                    host_port,
                    protocol: if protocol.is_empty() { "TCP".into() } else { protocol },
                    host_ip: d.string(m, "hostIP", p),
                }
            }),
            requests: self.resources(resources, "requests", &resources_path),
            limits: self.resources(resources, "limits", &resources_path),
            restart_policy: self.opt_string(map, "restartPolicy", path),
            privileged: self.bool(security, "privileged", &security_path),
        }
    }

    pub fn pod_spec(&mut self, map: Option<&Mapping>, path: &FieldPath) -> PodSpec {
        let path = path.key("spec");
        let spec = self.mapping(field(map, "spec"), &path);
        let host_network = self.bool(spec, "hostNetwork", &path);
        PodSpec {
            node_name: self.string(spec, "nodeName", &path),
            node_selector: self.string_map(spec, "nodeSelector", &path),
            required_node_affinity: self.required_node_affinity(spec, &path),
            tolerations: self.list(spec, "tolerations", &path, |d, m, p| Toleration {
                key: d.string(m, "key", p),
                operator: d.string(m, "operator", p),
                value: d.string(m, "value", p),
                effect: d.string(m, "effect", p),
                toleration_seconds: d.int(m, "tolerationSeconds", p),
            }),
            host_network,
            host_pid: self.bool(spec, "hostPID", &path),
            host_ipc: self.bool(spec, "hostIPC", &path),
            restart_policy: self.opt_string(spec, "restartPolicy", &path),
            active_deadline_seconds: self.int(spec, "activeDeadlineSeconds", &path),
            containers: self.list(spec, "containers", &path, |d, m, p| d.container(m, p, host_network)),
            init_containers: self.list(spec, "initContainers", &path, |d, m, p| d.container(m, p, host_network)),
            overhead: self.resources(spec, "overhead", &path),
        }
    }

    pub fn daemon_set(&mut self, map: &Mapping, api_version: &str) -> DaemonSet {
        let root = FieldPath::default();
        let map = Some(map);
        let mut meta = self.object_meta(map, &root);
        if meta.namespace.is_empty() {
            meta.namespace = "default".into();
        }
        let path = root.key("spec");
        let spec = self.mapping(field(map, "spec"), &path);
        let selector_path = path.key("selector");
        let selector = self
            .mapping(field(spec, "selector"), &selector_path)
            .map(|m| self.label_selector(Some(m), &selector_path));
        let template_path = path.key("template");
        let template_value = field(spec, "template");
        let template = self.mapping(template_value, &template_path);
        let template_meta_path = template_path.key("metadata");
        let template_meta = self.mapping(field(template, "metadata"), &template_meta_path);
        let strategy_path = path.key("updateStrategy");
        let strategy = self.mapping(field(spec, "updateStrategy"), &strategy_path);
        DaemonSet {
            api_version: api_version.to_string(),
            meta,
            spec: DaemonSetSpec {
                selector,
                template: PodTemplate {
                    labels: self.string_map(template_meta, "labels", &template_meta_path),
                    annotations: self.string_map(template_meta, "annotations", &template_meta_path),
                    spec: self.pod_spec(template, &template_path),
                    raw: template_value.cloned().unwrap_or(Value::Null),
                },
                update_strategy: self.update_strategy(strategy, &strategy_path),
                min_ready_seconds: self.int(spec, "minReadySeconds", &path).unwrap_or(0),
                revision_history_limit: self.int(spec, "revisionHistoryLimit", &path),
            },
        }
    }

    // Models pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet
    fn update_strategy(&mut self, map: Option<&Mapping>, path: &FieldPath) -> UpdateStrategy {
        let kind = self.opt_string(map, "type", path).unwrap_or_else(|| "RollingUpdate".into());
        let rolling_path = path.key("rollingUpdate");
        let rolling = self.mapping(field(map, "rollingUpdate"), &rolling_path);
        let rolling_update = if kind == "RollingUpdate" {
            Some(RollingUpdate {
                max_unavailable: self
                    .int_or_string(rolling, "maxUnavailable", &rolling_path)
                    .or(Some(IntOrString::Int(1))),
                max_surge: self.int_or_string(rolling, "maxSurge", &rolling_path).or(Some(IntOrString::Int(0))),
            })
        } else {
            rolling.map(|r| RollingUpdate {
                max_unavailable: self.int_or_string(Some(r), "maxUnavailable", &rolling_path),
                max_surge: self.int_or_string(Some(r), "maxSurge", &rolling_path),
            })
        };
        UpdateStrategy { kind, rolling_update }
    }

    pub fn node(&mut self, map: &Mapping, root: &FieldPath) -> Node {
        let map = Some(map);
        let meta = self.object_meta(map, root);
        let spec_path = root.key("spec");
        let spec = self.mapping(field(map, "spec"), &spec_path);
        let status_path = root.key("status");
        let status = self.mapping(field(map, "status"), &status_path);
        Node {
            meta,
            unschedulable: self.bool(spec, "unschedulable", &spec_path),
            taints: self.list(spec, "taints", &spec_path, |d, m, p| Taint {
                key: d.string(m, "key", p),
                value: d.string(m, "value", p),
                effect: d.string(m, "effect", p),
            }),
            allocatable: self.resources(status, "allocatable", &status_path),
            conditions: self.list(status, "conditions", &status_path, |d, m, p| NodeCondition {
                kind: d.string(m, "type", p),
                status: d.string(m, "status", p),
            }),
        }
    }

    pub fn pod(&mut self, map: &Mapping, root: &FieldPath) -> Pod {
        let map = Some(map);
        let mut meta = self.object_meta(map, root);
        if meta.namespace.is_empty() {
            meta.namespace = "default".into();
        }
        let status_path = root.key("status");
        let status = self.mapping(field(map, "status"), &status_path);
        let phase = self.string(status, "phase", &status_path);
        Pod {
            meta,
            spec: self.pod_spec(map, root),
            phase: if phase.is_empty() { "Pending".into() } else { phase },
            conditions: self.list(status, "conditions", &status_path, |d, m, p| PodCondition {
                kind: d.string(m, "type", p),
                status: d.string(m, "status", p),
                last_transition_time: d.timestamp(m, "lastTransitionTime", p),
            }),
        }
    }
}

/// A scalar as YAML would print it (`1`, `true`, `1.5`), for messages and for
/// coercing a mistyped value so that reading can go on.
pub fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        _ => String::new(),
    }
}
