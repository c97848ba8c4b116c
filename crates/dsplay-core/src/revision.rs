//! The template's revision: the `controller-revision-hash` label value and the
//! `pod-template-generation`, which together say whether a pod is up to date.

use crate::yaml::Value;

use crate::model::{DaemonSet, Pod};

pub const REVISION_HASH_LABEL: &str = "controller-revision-hash";
pub const TEMPLATE_GENERATION_LABEL: &str = "pod-template-generation";
pub const TEMPLATE_GENERATION_ANNOTATION: &str = "deprecated.daemonset.template.generation";

/// The alphabet of generated names and hashes: no vowels, no 0, 1 or 3, so that
/// nothing generated spells a word.
// Models k8s.io/apimachinery/pkg/util/rand/rand.go alphanums
pub const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// dsplay's own hash of a template. Upstream's `ComputeHash` dumps Go structs,
/// which cannot be reproduced outside Go; this keeps its shape: FNV-32a, printed
/// in decimal and re-encoded with `SafeEncodeString`.
// Models pkg/controller/controller_utils.go ComputeHash (shape, not value)
pub fn template_hash(template: &Value) -> String {
    let mut canonical = String::new();
    write_canonical(template, &mut canonical);
    let mut hash: u32 = 0x811c_9dc5;
    for byte in canonical.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    safe_encode(&hash.to_string())
}

// Models k8s.io/apimachinery/pkg/util/rand/rand.go SafeEncodeString
fn safe_encode(text: &str) -> String {
    text.bytes().map(|b| ALPHANUMS[usize::from(b) % ALPHANUMS.len()] as char).collect()
}

/// A serialisation where mapping order and formatting do not matter, so that
/// re-indenting a manifest does not look like a new revision.
fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push('~'),
        Value::Bool(b) => out.push_str(if *b { "T" } else { "F" }),
        Value::Number(n) => {
            out.push('#');
            out.push_str(&n.to_string());
        }
        Value::String(s) => {
            out.push('"');
            out.push_str(&s.len().to_string());
            out.push(':');
            out.push_str(s);
        }
        Value::Sequence(items) => {
            out.push('[');
            for item in items {
                write_canonical(item, out);
                out.push(',');
            }
            out.push(']');
        }
        Value::Mapping(map) => {
            let mut entries: Vec<(String, &Value)> = map
                .iter()
                .map(|(k, v)| {
                    let mut key = String::new();
                    write_canonical(k, &mut key);
                    (key, v)
                })
                .collect();
            crate::sorting::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
            out.push('{');
            for (key, item) in entries {
                out.push_str(&key);
                out.push('=');
                write_canonical(item, out);
                out.push(',');
            }
            out.push('}');
        }
        Value::Tagged(tagged) => write_canonical(&tagged.value, out),
    }
}

/// The DaemonSet's template generation; the API server sets it to 1 on create.
// Models pkg/controller/daemon/util/daemonset_util.go GetTemplateGeneration
pub fn template_generation(ds: &DaemonSet) -> Option<i64> {
    match ds.meta.annotations.get(TEMPLATE_GENERATION_ANNOTATION) {
        None => Some(1),
        Some(text) => text.parse().ok(),
    }
}

/// Whether `pod` runs the current template.
// Models pkg/controller/daemon/util/daemonset_util.go IsPodUpdated
pub fn is_pod_updated(pod: &Pod, hash: &str, generation: Option<i64>) -> bool {
    // Compared as text, as upstream does (fmt.Sprint of the generation), without
    // formatting a string per pod: "007" is not "7".
    let template_matches = generation.is_some_and(|g| {
        pod.meta.labels.get(TEMPLATE_GENERATION_LABEL).is_some_and(|l| {
            l.parse::<i64>().is_ok_and(|n| n == g) && l.len() == decimal_len(g)
        })
    });
    let hash_matches = !hash.is_empty() && pod.meta.labels.get(REVISION_HASH_LABEL).is_some_and(|l| l == hash);
    hash_matches || template_matches
}

/// The length of `n` printed in decimal.
fn decimal_len(n: i64) -> usize {
    let sign = usize::from(n < 0);
    let mut rest = n.unsigned_abs();
    let mut digits = 1;
    while rest >= 10 {
        rest /= 10;
        digits += 1;
    }
    sign + digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_ignores_key_order_and_sees_changes() {
        let a: Value = crate::yaml::from_str("{spec: {containers: [{name: a, image: 'x:1'}]}, metadata: {labels: {app: a}}}").unwrap();
        let b: Value = crate::yaml::from_str("metadata:\n  labels: {app: a}\nspec:\n  containers:\n  - {image: 'x:1', name: a}\n").unwrap();
        let c: Value = crate::yaml::from_str("{spec: {containers: [{name: a, image: 'x:2'}]}, metadata: {labels: {app: a}}}").unwrap();
        assert_eq!(template_hash(&a), template_hash(&b));
        assert_ne!(template_hash(&a), template_hash(&c));
        assert!(template_hash(&a).bytes().all(|ch| ALPHANUMS.contains(&ch)));
    }

    #[test]
    fn a_pod_is_updated_by_hash_or_by_generation() {
        let mut pod = Pod::default();
        pod.meta.labels.insert(REVISION_HASH_LABEL.into(), "h2".into());
        assert!(is_pod_updated(&pod, "h2", None));
        assert!(!is_pod_updated(&pod, "h3", Some(2)));
        pod.meta.labels.insert(TEMPLATE_GENERATION_LABEL.into(), "2".into());
        assert!(is_pod_updated(&pod, "h3", Some(2)));
        pod.meta.labels.insert(TEMPLATE_GENERATION_LABEL.into(), "02".into());
        assert!(!is_pod_updated(&pod, "h3", Some(2)), "compared as text");
        pod.meta.labels.insert(TEMPLATE_GENERATION_LABEL.into(), "-1".into());
        assert!(is_pod_updated(&pod, "h3", Some(-1)));
        assert!(!is_pod_updated(&pod, "", None));
    }
}
