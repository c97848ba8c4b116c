//! Names looked up in constant time: which node a pod's node name is, or
//! whether a pod is among those a step touched.
//!
//! One hash map type serves every such lookup in the core and the page,
//! instead of a `BTreeMap`, `BTreeSet` or `HashSet` per key and value type:
//! each of those is its own copy of the collection's code in the page's wasm
//! (this and the short lists that replaced other maps saved about 14 KB of
//! the gzipped wasm; README, "Size").
//! Where order matters (a message listing names), sort with
//! `sorting::sort_by` and `dedup` instead.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: names are short and not adversarial within one page, and std's
/// SipHash costs more than the rest of a lookup here.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// Each name's position in the list it was built from; a repeated name
/// stands for its last position (as collecting into a map keeps the last).
/// Names are borrowed where they can be and owned where they must be (a set
/// kept across steps), so that one type serves both.
#[derive(Default)]
pub struct NameIndex<'a>(HashMap<Cow<'a, str>, usize, BuildHasherDefault<Fnv>>);

impl<'a> NameIndex<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> NameIndex<'a> {
        let names = names.into_iter();
        // Sized up front: growing re-hashes every name already in (at 5,000
        // nodes, half again as many hashes as the names themselves).
        let mut index = NameIndex(HashMap::with_capacity_and_hasher(names.size_hint().0, Default::default()));
        for (position, name) in names.enumerate() {
            index.0.insert(Cow::Borrowed(name), position);
        }
        index
    }

    /// Where `name` stands, when it is there.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.0.get(name).copied()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// How many different names it holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `items` gathered under the position of the name `name_of` gives each
    /// (in their order); an item whose name is not here is left out.
    pub fn group<T>(&self, items: impl IntoIterator<Item = T>, name_of: impl Fn(&T) -> &str) -> Vec<Vec<T>> {
        let mut groups: Vec<Vec<T>> = Vec::new();
        groups.resize_with(self.0.values().max().map_or(0, |&last| last + 1), Vec::new);
        for item in items {
            if let Some(position) = self.position(name_of(&item)) {
                groups[position].push(item);
            }
        }
        groups
    }

    /// Adds `name` (at the next position); `false` when it was there already.
    pub fn insert(&mut self, name: impl Into<Cow<'a, str>>) -> bool {
        let name = name.into();
        if self.0.contains_key(&*name) {
            return false;
        }
        let next = self.0.len();
        self.0.insert(name, next);
        true
    }

    /// Puts `name` at `position` (a name given again keeps its last position, as in `new`).
    pub fn set(&mut self, name: impl Into<Cow<'a, str>>, position: usize) {
        self.0.insert(name.into(), position);
    }

    /// Takes `name` out; `false` when it was not there.
    pub fn remove(&mut self, name: &str) -> bool {
        self.0.remove(name).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::NameIndex;

    #[test]
    fn finds_names_and_keeps_the_last_position_of_a_repeat() {
        let index = NameIndex::new(["a", "b", "a"]);
        assert_eq!(index.position("a"), Some(2));
        assert_eq!(index.position("b"), Some(1));
        assert_eq!(index.position("c"), None);
        assert!(index.contains("b") && !index.contains("c"));
        let groups = index.group([("a", 1), ("c", 2), ("b", 3), ("a", 4)], |item| item.0);
        assert_eq!(groups, vec![vec![], vec![("b", 3)], vec![("a", 1), ("a", 4)]]);
        assert_eq!(index.len(), 2);
        let mut set = NameIndex::default();
        assert!(set.insert("x"));
        assert!(!set.insert("x"));
        assert!(set.contains("x"));
        assert!(set.insert(String::from("owned")) && set.contains("owned"));
        assert!(set.remove("owned") && !set.remove("owned"));
    }
}
