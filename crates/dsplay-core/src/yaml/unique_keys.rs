//! A mapping as the reader builds it, refusing a repeated key.
//!
//! Looking each new key up in the entries before it is quadratic: a pasted
//! 100,000-key mapping would take minutes. Past a few entries the keys'
//! hashes are kept too, so that a new key is known new at once; only a hash
//! seen before is confirmed by comparing keys.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use super::{Mapping, Value};
use crate::name_index::Fnv;

/// Up to this many entries, scanning them is cheaper than hashing.
const SCAN_UP_TO: usize = 16;

#[derive(Default)]
pub(super) struct UniqueKeys {
    mapping: Mapping,
    /// The hashes of the keys, once there are more than `SCAN_UP_TO`.
    hashes: HashSet<u64, BuildHasherDefault<Fnv>>,
}

fn hash(key: &Value) -> u64 {
    let mut hasher = Fnv::default();
    key.hash(&mut hasher);
    hasher.finish()
}

impl UniqueKeys {
    /// Adds an entry at the end; gives the key back when it is there already.
    pub(super) fn insert(&mut self, key: Value, value: Value) -> Result<(), Value> {
        let repeated = if self.mapping.len() < SCAN_UP_TO {
            self.mapping.contains_key(&key)
        } else {
            if self.hashes.is_empty() {
                self.hashes.extend(self.mapping.keys().map(hash));
            }
            !self.hashes.insert(hash(&key)) && self.mapping.contains_key(&key)
        };
        if repeated {
            return Err(key);
        }
        self.mapping.push_new(key, value);
        Ok(())
    }

    pub(super) fn into_mapping(self) -> Mapping {
        self.mapping
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_repeats_in_small_and_large_mappings() {
        let mut keys = UniqueKeys::default();
        for i in 0..100u64 {
            assert!(keys.insert(Value::from(i), Value::Null).is_ok());
            assert!(keys.insert(Value::from(i.to_string()), Value::Null).is_ok(), "1 and \"1\" differ");
        }
        assert_eq!(keys.insert(Value::from(3u64), Value::Null), Err(Value::from(3u64)));
        assert_eq!(keys.insert(Value::from("99"), Value::Null), Err(Value::from("99")));
        assert!(keys.insert(Value::from(-0.0), Value::Null).is_ok());
        assert!(keys.insert(Value::from(0.0), Value::Null).is_err(), "0.0 and -0.0 are equal");
        assert_eq!(keys.into_mapping().len(), 201);
    }
}
