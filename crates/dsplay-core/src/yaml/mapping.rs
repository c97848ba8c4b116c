//! A YAML mapping: entries in the order they were written or inserted.
//!
//! A list of pairs looked up by scanning: manifests' mappings are small, and
//! this is far less code than a hash map per mapping. Nothing here is
//! quadratic in what a reader hands it: the reader checks a large mapping for
//! repeated keys with hashes (`reader.rs`) and appends with `push_new`.

use std::fmt;
use std::hash::{Hash, Hasher};

use super::value::{Index, Value};
use crate::name_index::Fnv;

// Models serde_yaml 0.9 mapping.rs Mapping (an IndexMap<Value, Value>)
#[derive(Clone, Default)]
pub struct Mapping {
    entries: Vec<(Value, Value)>,
}

impl Mapping {
    pub fn new() -> Mapping {
        Mapping::default()
    }

    pub fn with_capacity(capacity: usize) -> Mapping {
        Mapping { entries: Vec::with_capacity(capacity) }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position<I: Index>(&self, index: I) -> Option<usize> {
        self.entries.iter().position(|(k, _)| index.is_key(k))
    }

    /// Sets `key` to `value`: in its place when it is there (returning the
    /// value it had), else at the end.
    pub fn insert(&mut self, key: Value, value: Value) -> Option<Value> {
        match self.position(&key) {
            Some(i) => self.entries.get_mut(i).map(|(_, v)| std::mem::replace(v, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    /// Appends an entry whose key the caller knows is not here.
    pub(super) fn push_new(&mut self, key: Value, value: Value) {
        self.entries.push((key, value));
    }

    pub fn contains_key<I: Index>(&self, index: I) -> bool {
        self.position(index).is_some()
    }

    pub fn get<I: Index>(&self, index: I) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| index.is_key(k)).map(|(_, v)| v)
    }

    pub fn get_mut<I: Index>(&mut self, index: I) -> Option<&mut Value> {
        self.entries.iter_mut().find(|(k, _)| index.is_key(k)).map(|(_, v)| v)
    }

    /// Takes `index`'s entry out, the last entry taking its place, as
    /// serde_yaml's `remove` (IndexMap's `swap_remove`) does: what is written
    /// after a removal keeps serde_yaml's order.
    pub fn remove<I: Index>(&mut self, index: I) -> Option<Value> {
        self.position(index).map(|i| self.entries.swap_remove(i).1)
    }

    /// Takes `index`'s entry out, the entries after it keeping their order.
    pub fn shift_remove<I: Index>(&mut self, index: I) -> Option<Value> {
        self.position(index).map(|i| self.entries.remove(i).1)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&Value, &mut Value) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&Value, &Value)> + ExactSizeIterator {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = (&Value, &mut Value)> + ExactSizeIterator {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Value> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut Value> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, v)| v)
    }
}

/// Equal when they hold the same entries in any order (IndexMap's equality).
/// Mappings in the same order, the usual case, are compared in one pass.
impl PartialEq for Mapping {
    fn eq(&self, other: &Mapping) -> bool {
        self.len() == other.len()
            && (self.entries == other.entries || self.iter().all(|(k, v)| other.get(k) == Some(v)))
    }
}

impl Eq for Mapping {}

/// Consistent with `eq`, so not sensitive to the entries' order.
impl Hash for Mapping {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let mut xor = 0;
        for entry in &self.entries {
            let mut hasher = Fnv::default();
            entry.hash(&mut hasher);
            xor ^= hasher.finish();
        }
        xor.hash(state);
    }
}

impl Extend<(Value, Value)> for Mapping {
    fn extend<I: IntoIterator<Item = (Value, Value)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

/// A repeated key keeps its first place and its last value (IndexMap's collect).
impl FromIterator<(Value, Value)> for Mapping {
    fn from_iter<I: IntoIterator<Item = (Value, Value)>>(iter: I) -> Mapping {
        let mut mapping = Mapping::new();
        mapping.extend(iter);
        mapping
    }
}

impl IntoIterator for Mapping {
    type Item = (Value, Value);
    type IntoIter = std::vec::IntoIter<(Value, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a> IntoIterator for &'a Mapping {
    type Item = (&'a Value, &'a Value);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (Value, Value)>, fn(&'a (Value, Value)) -> (&'a Value, &'a Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

/// serde_yaml's layout: scalar keys shown bare (`"a"`, `1`, `true`).
impl fmt::Debug for Mapping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Mapping ")?;
        let mut map = f.debug_map();
        for (k, v) in self {
            match k {
                Value::Bool(b) => map.entry(b, v),
                Value::Number(n) => map.entry(&format_args!("{n}"), v),
                Value::String(s) => map.entry(s, v),
                _ => map.entry(k, v),
            };
        }
        map.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(pairs: &[(&str, i64)]) -> Mapping {
        pairs.iter().map(|(k, v)| (Value::from(*k), Value::from(*v))).collect()
    }

    #[test]
    fn keeps_order_replaces_in_place_and_removes_as_serde_yaml_does() {
        let mut m = mapping(&[("a", 1), ("b", 2), ("c", 3), ("a", 4)]);
        assert_eq!(m.keys().filter_map(Value::as_str).collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(m.get("a"), Some(&Value::from(4)));
        assert_eq!(m.insert(Value::from("b"), Value::from(5)), Some(Value::from(2)));
        assert_eq!(m.remove("a"), Some(Value::from(4)));
        assert_eq!(m.keys().filter_map(Value::as_str).collect::<Vec<_>>(), ["c", "b"], "the last takes the removed one's place");
        assert_eq!(m.shift_remove("c"), Some(Value::from(3)));
        assert_eq!(m.remove("zzz"), None);
        m.insert(Value::from("d"), Value::from(6));
        assert_eq!(m, mapping(&[("b", 5), ("d", 6)]));
    }

    #[test]
    fn equality_and_hash_ignore_order() {
        let (a, b) = (mapping(&[("x", 1), ("y", 2)]), mapping(&[("y", 2), ("x", 1)]));
        assert_eq!(a, b);
        assert_ne!(a, mapping(&[("x", 1), ("y", 3)]));
        assert_ne!(a, mapping(&[("x", 1)]));
        let hash = |m: &Mapping| {
            let mut h = Fnv::default();
            m.hash(&mut h);
            h.finish()
        };
        assert_eq!(hash(&a), hash(&b));
    }
}
