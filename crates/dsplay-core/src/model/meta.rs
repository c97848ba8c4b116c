use std::collections::BTreeMap;

use super::Timestamp;

/// Labels and annotations: sorted, so every output is deterministic.
pub type Labels = BTreeMap<String, String>;

/// Removes label `key`. The map is rebuilt instead of `BTreeMap::remove`
/// being called: removing was the only use of the map's rebalancing code
/// (a few KB of the page's wasm), and labels are a few dozen at most.
pub fn remove_label(labels: &mut Labels, key: &str) {
    if labels.contains_key(key) {
        *labels = crate::sorting::map_of(std::mem::take(labels).into_iter().filter(|(k, _)| k != key));
    }
}

/// `metadata`, the fields of it that the controller reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectMeta {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    pub generation: i64,
    pub labels: Labels,
    pub annotations: Labels,
    pub creation_timestamp: Option<Timestamp>,
    pub deletion_timestamp: Option<Timestamp>,
    pub owner_references: Vec<OwnerReference>,
}

impl ObjectMeta {
    /// The owner reference with `controller: true`, if any.
    pub fn controller_ref(&self) -> Option<&OwnerReference> {
        self.owner_references.iter().find(|r| r.controller)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnerReference {
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub uid: String,
    pub controller: bool,
    pub block_owner_deletion: bool,
}

/// `metav1.LabelSelector`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelSelector {
    pub match_labels: Labels,
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

impl LabelSelector {
    /// `{}`: selects everything, which a DaemonSet may not do.
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LabelSelectorRequirement {
    pub key: String,
    pub operator: String,
    pub values: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removing_a_label_keeps_the_others_in_order() {
        let mut labels: Labels = [("a", "1"), ("b", "2"), ("c", "3")].map(|(k, v)| (k.to_string(), v.to_string())).into();
        remove_label(&mut labels, "b");
        remove_label(&mut labels, "missing");
        assert_eq!(labels.into_iter().collect::<Vec<_>>(), [("a".to_string(), "1".to_string()), ("c".to_string(), "3".to_string())]);
    }
}
