//! Names the API server would generate for created pods: `<ds-name>-xxxxx`.
//! Randomness comes only from the seed the caller gives.

use crate::name_index::NameIndex;
use crate::revision::ALPHANUMS;

/// Generates unique pod names for one DaemonSet from a seed.
pub struct NameGenerator<'a> {
    prefix: String,
    state: u64,
    taken: NameIndex<'a>,
}

impl<'a> NameGenerator<'a> {
    /// `taken`: names already in use, never generated again.
    // Models k8s.io/apiserver/pkg/storage/names/generate.go SimpleNameGenerator
    // (base truncated to 58 characters, 5 random characters appended)
    pub fn new(ds_name: &str, seed: u64, taken: impl IntoIterator<Item = &'a str>) -> NameGenerator<'a> {
        let mut prefix: String = format!("{ds_name}-");
        if prefix.len() > 58 {
            let mut cut = 58;
            while !prefix.is_char_boundary(cut) {
                cut -= 1;
            }
            prefix.truncate(cut);
        }
        let name_hash = ds_name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        NameGenerator { prefix, state: seed ^ name_hash, taken: NameIndex::new(taken) }
    }

    /// splitmix64: small, fast and well mixed; enough for names.
    fn next_random(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn next_name(&mut self) -> String {
        loop {
            let mut name = self.prefix.clone();
            for _ in 0..5 {
                let pick = (self.next_random() % ALPHANUMS.len() as u64) as usize;
                name.push(ALPHANUMS[pick] as char);
            }
            if !self.taken.contains(name.as_str()) {
                self.taken.insert(name.clone());
                return name;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_deterministic_unique_and_use_the_alphabet() {
        let mut a = NameGenerator::new("fluentd", 7, []);
        let mut b = NameGenerator::new("fluentd", 7, []);
        let first = a.next_name();
        assert_eq!(first, b.next_name());
        assert!(first.starts_with("fluentd-") && first.len() == "fluentd-".len() + 5);
        assert!(first["fluentd-".len()..].bytes().all(|c| ALPHANUMS.contains(&c)));
        let mut c = NameGenerator::new("fluentd", 7, [first.as_str()]);
        assert_ne!(c.next_name(), first, "a taken name is never reused");
    }

    #[test]
    fn long_names_are_truncated_to_58_characters_before_the_suffix() {
        let long = "a".repeat(80);
        let name = NameGenerator::new(&long, 1, []).next_name();
        assert_eq!(name.len(), 63);
    }
}
