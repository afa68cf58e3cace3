//! BTreeMaps and BTreeSets built by inserting rather than by `collect()`. `collect()` first runs the
//! standard library's stable sort, and every key/value type gets its own copy of it (about 4 KB of the
//! browser's wasm each). Where these are used, equal keys are identical (names, ids), so "the first key
//! with the last value", which inserting keeps for equal keys, is what `collect()` kept.

use std::collections::{BTreeMap, BTreeSet};

pub(crate) fn map<K: Ord, V>(items: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut out = BTreeMap::new();
    for (key, value) in items {
        out.insert(key, value);
    }
    out
}

pub(crate) fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut out = BTreeSet::new();
    for item in items {
        out.insert(item);
    }
    out
}
