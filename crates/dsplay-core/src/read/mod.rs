//! Reading the user's YAML: any number of files, each any number of documents,
//! holding DaemonSets, Nodes, Pods and `List`s of them. Reading never fails and
//! never panics: it returns what it could read plus diagnostics that name the
//! file, line and column.

mod decode;
mod documents;
mod known_fields;
mod locate;

use std::sync::Arc;

use crate::yaml::Value;

pub use documents::{split_documents, Document};
pub use locate::{locate, FieldPath, Segment};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{DaemonSet, Node, Pod};
use decode::{field, scalar_text, Decoder};

/// Inputs larger than this are refused whole, with a message, before parsing:
/// the page must stay responsive whatever is pasted into it.
pub const MAX_SOURCE_BYTES: usize = 4 * 1024 * 1024;

/// A list's items (or a DaemonSet's unknown fields) report at most this many
/// problems one by one; the rest are counted.
pub const MAX_LIST_DIAGNOSTICS: usize = 100;

/// One input file (or editor buffer).
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Everything that was read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cluster {
    pub daemon_sets: Vec<DaemonSet>,
    /// Where each DaemonSet was read from, in the same order.
    pub daemon_set_origins: Vec<Origin>,
    pub nodes: Vec<Node>,
    pub pods: Vec<Pod>,
}

/// Where an object was read from, to point messages about its fields at lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    /// The YAML document holding the object, and the line it starts on.
    /// Shared: every item of a 5,000-node List points at the same text.
    pub document: Arc<str>,
    pub first_line: u32,
    /// The object's own path inside the document (`items[2]` inside a List).
    pub root: FieldPath,
}

impl Origin {
    /// The line and column of `field` (API-server notation, relative to the object).
    pub fn locate(&self, field: &str) -> (u32, u32) {
        let mut path = self.root.clone();
        path.0.extend(FieldPath::parse(field).0);
        locate(&self.document, self.first_line, &path)
    }

    /// A diagnostic about `field` of the object.
    pub fn diagnostic(&self, severity: Severity, field: &str, message: String) -> Diagnostic {
        let (line, column) = self.locate(field);
        Diagnostic { severity, file: self.file.clone(), line, column, message }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadOutcome {
    pub cluster: Cluster,
    pub diagnostics: Vec<Diagnostic>,
}

impl ReadOutcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

pub fn read_sources(sources: &[Source<'_>]) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    for source in sources {
        read_source(*source, &mut outcome);
    }
    outcome
}

fn read_source(source: Source<'_>, out: &mut ReadOutcome) {
    if source.text.len() > MAX_SOURCE_BYTES {
        out.diagnostics.push(Diagnostic {
            severity: Severity::Error,
            file: source.name.to_string(),
            line: 0,
            column: 0,
            message: format!(
                "input is {} KiB; dsplay reads at most {} KiB per file",
                source.text.len() / 1024,
                MAX_SOURCE_BYTES / 1024
            ),
        });
        return;
    }
    for document in split_documents(source.text) {
        match crate::yaml::from_str(document.text) {
            Ok(Value::Null) => {}
            Ok(value) => {
                let origin = Origin {
                    file: source.name.to_string(),
                    document: Arc::from(document.text),
                    first_line: document.first_line,
                    root: FieldPath::default(),
                };
                read_object(&value, origin, out);
            }
            Err(error) => out.diagnostics.push(Diagnostic {
                severity: Severity::Error,
                file: source.name.to_string(),
                line: document.first_line + error.line.max(1) - 1,
                column: error.column,
                message: error.message,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ReadOutcome {
        read_sources(&[Source { name: "f.yaml", text }])
    }

    #[test]
    fn syntax_errors_point_at_the_file_line() {
        let out = read("apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\na: [1,\n");
        let error = &out.diagnostics[0];
        assert_eq!((error.severity, error.line), (Severity::Error, 6), "{error:?}");
        assert!(!error.message.contains("line 2"), "{}", error.message);
        assert!(!error.message.contains(&format!("at line {} column {}", error.line, error.column)), "{}", error.message);
        assert_eq!(out.cluster.nodes.len(), 1, "the good document is kept");
    }

    #[test]
    fn duplicate_keys_are_rejected_as_strict_decoding_does() {
        let out = read("apiVersion: v1\nkind: Node\nkind: Pod\n");
        assert!(out.has_errors());
        assert!(out.diagnostics[0].message.contains("duplicate"), "{:?}", out.diagnostics);
    }

    #[test]
    fn unknown_fields_warn_at_their_line_in_kubectl_wording() {
        let out = read("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  replicas: 3\n");
        let warning = out.diagnostics.iter().find(|d| d.severity == Severity::Warning).unwrap();
        assert_eq!(warning.message, "unknown field \"spec.replicas\"");
        assert_eq!((warning.line, warning.column), (5, 3));
        assert_eq!(out.cluster.daemon_sets.len(), 1);
    }

    #[test]
    fn wrong_types_are_errors_at_the_field_and_reading_goes_on() {
        let out = read("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  minReadySeconds: soon\n  template:\n    metadata:\n      labels: {tier: 1}\n");
        let messages: Vec<(u32, &str)> = out.diagnostics.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert_eq!(messages[0].0, 8);
        assert!(messages[0].1.contains("spec.template.metadata.labels.tier: expected a string, got a number"));
        assert_eq!(messages[1], (5, "spec.minReadySeconds: expected an integer, got a string"));
        assert_eq!(out.cluster.daemon_sets.len(), 1);
    }

    #[test]
    fn lists_other_kinds_and_comment_only_documents() {
        let text = "# only a comment\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: a}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n---\n";
        let out = read(text);
        assert_eq!(out.cluster.nodes.len(), 1);
        let note = out.diagnostics.iter().find(|d| d.severity == Severity::Note).unwrap();
        assert_eq!(note.message, "skipped ConfigMap \"c\": dsplay simulates DaemonSets, Nodes and Pods");
        assert_eq!(note.line, 7);
    }

    #[test]
    fn several_daemon_sets_must_be_picked_by_name() {
        let ds = |name: &str| format!("---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: {name}, namespace: ns}}\n");
        let out = read(&(ds("a") + &ds("b")));
        let err = select_daemon_set(&out.cluster, None).unwrap_err();
        assert!(err.contains("ns/a, ns/b"), "{err}");
        assert_eq!(select_daemon_set(&out.cluster, Some("b")), Ok(1));
        assert_eq!(select_daemon_set(&out.cluster, Some("ns/a")), Ok(0));
        assert!(select_daemon_set(&out.cluster, Some("c")).is_err());
    }

    #[test]
    fn a_broken_list_reports_its_first_problems_and_counts_the_rest() {
        let mut text = String::from("apiVersion: v1\nkind: List\nitems:\n");
        for i in 0..20_000 {
            text.push_str(&format!("- kind: Node\n  metadata: {{name: n{i}}}\n"));
        }
        text.push_str("- {apiVersion: v1, kind: Node, metadata: {name: good}}\n");
        let out = read(&text);
        assert_eq!(out.diagnostics.len(), MAX_LIST_DIAGNOSTICS + 1);
        assert_eq!(out.diagnostics[0].line, 4, "{:?}", out.diagnostics[0]);
        let last = out.diagnostics.last().unwrap();
        assert_eq!(last.severity, Severity::Error);
        assert!(last.message.starts_with("19900 more problems"), "{}", last.message);
        assert_eq!(out.cluster.nodes.len(), 1);
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let big = "a".repeat(MAX_SOURCE_BYTES + 1);
        let out = read(&big);
        assert!(out.has_errors());
        assert!(out.diagnostics[0].message.contains("at most"));
    }

    #[test]
    fn alias_bombs_and_deep_nesting_do_not_hang_or_panic() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            bomb.push_str(&format!("b{i}: &b{i} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n", p = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) }));
        }
        assert!(read(&bomb).has_errors());
        let deep = "[".repeat(10_000);
        assert!(read(&deep).has_errors());
    }
}

fn read_object(value: &Value, origin: Origin, out: &mut ReadOutcome) {
    let at_root = |severity, message| origin.diagnostic(severity, "", message);
    let Value::Mapping(map) = value else {
        out.diagnostics.push(at_root(
            Severity::Error,
            "a document must be a Kubernetes object: a mapping with apiVersion and kind".into(),
        ));
        return;
    };
    let text_of = |key: &str| field(Some(map), key).map(scalar_text).unwrap_or_default();
    let (api_version, kind) = (text_of("apiVersion"), text_of("kind"));
    if kind.is_empty() || api_version.is_empty() {
        let missing: Vec<&str> = [("apiVersion", &api_version), ("kind", &kind)]
            .iter()
            .filter(|(_, v)| v.is_empty())
            .map(|(k, _)| *k)
            .collect();
        let message = format!("error validating data: [{} not set]", missing.join(" not set, "));
        out.diagnostics.push(at_root(Severity::Error, message));
        return;
    }
    let mut decoder = Decoder::default();
    match kind.as_str() {
        "DaemonSet" => {
            let ds = decoder.daemon_set(map, &api_version);
            if let Some(refusal) = crate::sync::unserved_api_version(&ds) {
                out.diagnostics.push(origin.diagnostic(Severity::Warning, "apiVersion", refusal));
            }
            let mut unknown = 0usize;
            known_fields::find_unknown_fields(value, known_fields::DAEMON_SET, &FieldPath::default(), &mut |path| {
                unknown += 1;
                // Each is located by walking the document: report a bounded number.
                if unknown <= MAX_LIST_DIAGNOSTICS {
                    let message = format!("unknown field \"{path}\"");
                    out.diagnostics.push(origin.diagnostic(Severity::Warning, &path.to_string(), message));
                }
            });
            if unknown > MAX_LIST_DIAGNOSTICS {
                let message = format!("{} more unknown fields are not shown", unknown - MAX_LIST_DIAGNOSTICS);
                out.diagnostics.push(at_root(Severity::Warning, message));
            }
            out.cluster.daemon_sets.push(ds);
            out.cluster.daemon_set_origins.push(origin.clone());
        }
        "Node" => {
            let node = decoder.node(map, &FieldPath::default());
            out.cluster.nodes.push(node);
        }
        "Pod" => {
            let pod = decoder.pod(map, &FieldPath::default());
            out.cluster.pods.push(pod);
        }
        list if list == "List" || list.ends_with("List") => {
            let items_path = FieldPath::default().key("items");
            let items = match field(Some(map), "items") {
                Some(Value::Sequence(items)) => items.as_slice(),
                _ => &[],
            };
            let first_diagnostic = out.diagnostics.len();
            let (mut unshown, mut unshown_errors) = (0usize, false);
            for (i, item) in items.iter().enumerate() {
                let mut item_origin = origin.clone();
                item_origin.root = items_path.index(i);
                if out.diagnostics.len() - first_diagnostic < MAX_LIST_DIAGNOSTICS {
                    read_object(item, item_origin, out);
                    continue;
                }
                // Past the limit, items are still read but not located: finding a
                // line walks the document, which for every item of a large broken
                // list would take time quadratic in its length.
                item_origin.document = Arc::from("");
                let before = out.diagnostics.len();
                read_object(item, item_origin, out);
                unshown += out.diagnostics.len() - before;
                unshown_errors |= out.diagnostics[before..].iter().any(|d| d.severity == Severity::Error);
                out.diagnostics.truncate(before);
            }
            if unshown > 0 {
                let severity = if unshown_errors { Severity::Error } else { Severity::Warning };
                let message = format!("{unshown} more problems in this list's items are not shown (the first {MAX_LIST_DIAGNOSTICS} are)");
                out.diagnostics.push(at_root(severity, message));
            }
        }
        other => {
            let name = field(field(Some(map), "metadata").and_then(Value::as_mapping), "name")
                .map(scalar_text)
                .unwrap_or_default();
            out.diagnostics.push(at_root(
                Severity::Note,
                format!("skipped {other} \"{name}\": dsplay simulates DaemonSets, Nodes and Pods"),
            ));
        }
    }
    for (path, message) in decoder.errors {
        let relative = path.to_string();
        out.diagnostics.push(origin.diagnostic(Severity::Error, &relative, message));
    }
}

/// Which DaemonSet to plan: the only one, or the one `wanted` names
/// (`name` or `namespace/name`). The error lists the names to choose from.
pub fn select_daemon_set(cluster: &Cluster, wanted: Option<&str>) -> Result<usize, String> {
    let names: Vec<String> =
        cluster.daemon_sets.iter().map(|ds| format!("{}/{}", ds.meta.namespace, ds.meta.name)).collect();
    match wanted {
        Some(wanted) => names
            .iter()
            .position(|full| full == wanted || full.split_once('/').is_some_and(|(_, name)| name == wanted))
            .ok_or_else(|| format!("no DaemonSet named {}; the input holds: {}", crate::validation::go_quote(wanted), list_or_none(&names))),
        None => match names.len() {
            1 => Ok(0),
            0 => Err("the input holds no DaemonSet".into()),
            _ => Err(format!(
                "the input holds {} DaemonSets; pick one with --daemonset: {}",
                names.len(),
                names.join(", ")
            )),
        },
    }
}

fn list_or_none(names: &[String]) -> String {
    if names.is_empty() { "no DaemonSet".into() } else { names.join(", ") }
}

