//! A stable sort that compiles once.
//!
//! `slice::sort_by` is generic over the element and the comparator, so every
//! call site compiled its own copy of the standard library's stable sort
//! (about 4 KB of wasm each, 40 KB in all). Here one merge sort runs on
//! indices with a `dyn` comparator, and the elements are then moved into
//! that order. Same result as `sort_by`: stable, `O(n log n)` comparisons.
//! (Maps keyed by strings are `model::StringMap`; sets of names are
//! `name_index::NameIndex`; a sorted list without repeats is `sort_by` and
//! `dedup`.)

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, like `items.sort_by(compare)`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_indices(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` stably by the key `key` gives, like `items.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` gives, equal ones kept in
/// position order: a bottom-up merge sort. Not the standard stable sort, which
/// is 4 KB of the page's wasm even instantiated once; the page sorts at most
/// a few thousand items at a time.
fn sorted_indices(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = vec![0; len];
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(width.saturating_mul(2)) {
            let mid = start.saturating_add(width).min(len);
            let end = mid.saturating_add(width).min(len);
            let (left, right) = order[start..end].split_at(mid - start);
            merge(left, right, &mut merged[start..end], compare);
        }
        std::mem::swap(&mut order, &mut merged);
        width = width.saturating_mul(2);
    }
    order
}

/// Merges two sorted runs into `out`, taking from `left` on ties (stable).
fn merge(left: &[usize], right: &[usize], out: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    let (mut l, mut r) = (0, 0);
    for slot in out.iter_mut() {
        *slot = match (left.get(l), right.get(r)) {
            (Some(&a), Some(&b)) if compare(b, a) == Ordering::Less => {
                r += 1;
                b
            }
            (Some(&a), _) => {
                l += 1;
                a
            }
            (None, Some(&b)) => {
                r += 1;
                b
            }
            (None, None) => break,
        };
    }
}

/// Rearranges `items` so that position `i` holds what was at `order[i]`,
/// following each cycle of the permutation with swaps.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort_does(items in proptest::collection::vec((0u8..5, any::<u16>()), 0..300)) {
            let mut ours = items.clone();
            let mut std_sorted = items;
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std_sorted.sort_by(|a, b| a.0.cmp(&b.0));
            prop_assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn sorts_by_key() {
        let mut words = vec!["ccc", "a", "bb", "d"];
        sort_by_key(&mut words, |w| w.len());
        assert_eq!(words, ["a", "d", "bb", "ccc"]);
    }
}
