//! A map keyed by strings and kept in key order in one vector: labels,
//! annotations, node selectors and resource lists.
//!
//! An object carries a few dozen such entries at most, and a sorted vector
//! finds a key with a binary search. It replaced `BTreeMap`, whose code is
//! compiled again for each value type: several KB of the page's wasm each
//! (README, "Size").

use std::slice;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringMap<V>(Vec<(String, V)>);

impl<V> Default for StringMap<V> {
    fn default() -> Self {
        StringMap(Vec::new())
    }
}

impl<V> StringMap<V> {
    pub const fn new() -> Self {
        StringMap(Vec::new())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.get(self.find(key).ok()?).map(|(_, v)| v)
    }

    pub fn get_key_value(&self, key: &str) -> Option<(&String, &V)> {
        self.0.get(self.find(key).ok()?).map(|(k, v)| (k, v))
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        let at = self.find(key).ok()?;
        self.0.get_mut(at).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it replaced, if any.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(at) => self.0.get_mut(at).map(|(_, v)| std::mem::replace(v, value)),
            Err(at) => {
                self.0.insert(at, (key, value));
                None
            }
        }
    }

    /// Takes `key` out; returns its value, if it was there.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        let at = self.find(key).ok()?;
        Some(self.0.remove(at).1)
    }

    /// The value of `key`, set to `default()` first when there is none.
    pub fn get_or_insert_with(&mut self, key: &str, default: impl FnOnce() -> V) -> &mut V {
        let at = match self.find(key) {
            Ok(at) => at,
            Err(at) => {
                self.0.insert(at, (key.to_string(), default()));
                at
            }
        };
        &mut self.0[at].1
    }

    pub fn iter(&self) -> Iter<'_, V> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

pub type Iter<'a, V> = std::iter::Map<slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

/// Sorted once, not inserted one by one (which moves the entries after each
/// insertion: quadratic for a pasted object with thousands of labels out of
/// order). A repeated key keeps its last value, as collecting into a map does.
impl<V> FromIterator<(String, V)> for StringMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        let mut entries: Vec<(String, V)> = entries.into_iter().collect();
        crate::sorting::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        entries.dedup_by(|later, kept| {
            let repeated = later.0 == kept.0;
            if repeated {
                std::mem::swap(later, kept);
            }
            repeated
        });
        StringMap(entries)
    }
}

impl<V> Extend<(String, V)> for StringMap<V> {
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, entries: I) {
        for (key, value) in entries {
            self.insert(key, value);
        }
    }
}

impl<V, const N: usize> From<[(String, V); N]> for StringMap<V> {
    fn from(entries: [(String, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V> IntoIterator for StringMap<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a StringMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = Iter<'a, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        /// Whatever is inserted, removed or collected, the map holds what a
        /// `BTreeMap` would, in the same order.
        #[test]
        fn behaves_as_a_btree_map(
            collected in proptest::collection::vec(("[a-d]{0,2}", 0u8..9), 0..20),
            edits in proptest::collection::vec(("[a-d]{0,2}", proptest::option::of(0u8..9)), 0..30),
        ) {
            let mut ours: StringMap<u8> = collected.clone().into_iter().collect();
            let mut model: BTreeMap<String, u8> = collected.into_iter().collect();
            for (key, value) in edits {
                match value {
                    Some(v) => prop_assert_eq!(ours.insert(key.clone(), v), model.insert(key, v)),
                    None => prop_assert_eq!(ours.remove(&key), model.remove(&key)),
                }
                prop_assert_eq!(ours.iter().collect::<Vec<_>>(), model.iter().collect::<Vec<_>>());
            }
            for key in ["", "a", "ab", "zz"] {
                prop_assert_eq!(ours.get(key), model.get(key));
            }
        }
    }

    #[test]
    fn get_or_insert_with_inserts_once_in_order() {
        let mut map: StringMap<i32> = [("b".to_string(), 1)].into();
        *map.get_or_insert_with("a", || 5) += 1;
        *map.get_or_insert_with("b", || 5) += 1;
        assert_eq!(map.into_iter().collect::<Vec<_>>(), [("a".to_string(), 6), ("b".to_string(), 2)]);
    }
}
