//! The indexed matcher, in the spirit of BizTalk's per-operator predicate tables (domain.md 1.7).
//!
//! Every AND-group is filed under one *access* route:
//! - a group with at least one `==` predicate is filed in the equality table under its most selective
//!   `==`: the one on the property with the most distinct `==` values among all filed groups (so the
//!   least likely to be hit), then the smallest bucket. A bucket entry carries the group's other predicates inline, so a
//!   message looks up each of its (property, value) pairs by hash and checks the entries it finds
//!   without chasing pointers;
//! - a group with no `==` has each predicate filed in the table of its operator: ordered lists for
//!   `<`, `<=`, `>`, `>=` (a binary search finds the satisfied run), lists for `exists` and `!=`. A
//!   counting pass adds one per satisfied predicate and the group matches when its count reaches its
//!   size.
//!
//! A predicate on an absent property is never satisfied, `!=` included, as in the naive matcher.

use super::{CompiledFilter, CompiledPredicate, Matcher, RoutingProps, SubId};
use crate::filter::Op;
use crate::property::{PropId, Value};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

type GroupIx = u32;

/// A group filed by equality: the predicates left to check when its bucket is hit.
#[derive(Clone, Debug)]
struct Entry {
    group: GroupIx,
    sub: SubId,
    rest: SmallVec<[CompiledPredicate; 3]>,
}

/// Where a group is filed, to unfile it.
#[derive(Clone, Debug)]
enum Filed {
    Equality(PropId, Value),
    Counted { predicates: Vec<CompiledPredicate> },
}

/// Counted groups' predicates on one property, one table per operator.
#[derive(Clone, Debug, Default)]
struct PropertyTables {
    exists: Vec<GroupIx>,
    /// Every `!=` group, and the same groups by their value: all are counted, then those whose value
    /// equals the message's are taken back, so no value is compared.
    not_equal: Vec<GroupIx>,
    not_equal_by_value: FxHashMap<Value, Vec<GroupIx>>,
    /// Sorted by value, for a binary search per message.
    less: Vec<(Value, GroupIx)>,
    less_or_equal: Vec<(Value, GroupIx)>,
    greater: Vec<(Value, GroupIx)>,
    greater_or_equal: Vec<(Value, GroupIx)>,
}

impl PropertyTables {
    fn remove(&mut self, ix: GroupIx) {
        self.exists.retain(|g| *g != ix);
        self.not_equal.retain(|g| *g != ix);
        for list in self.not_equal_by_value.values_mut() {
            list.retain(|g| *g != ix);
        }
        for list in [
            &mut self.less,
            &mut self.less_or_equal,
            &mut self.greater,
            &mut self.greater_or_equal,
        ] {
            list.retain(|(_, g)| *g != ix);
        }
    }
}

/// Tables indexed directly by property id (ids are small and dense), so a message's properties find
/// their tables without hashing.
#[derive(Clone, Debug)]
struct ByProp<T>(Vec<T>);

impl<T> Default for ByProp<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T: Default> ByProp<T> {
    fn get(&self, prop: PropId) -> Option<&T> {
        self.0.get(prop.0 as usize)
    }

    fn get_mut(&mut self, prop: PropId) -> Option<&mut T> {
        self.0.get_mut(prop.0 as usize)
    }

    fn entry(&mut self, prop: PropId) -> &mut T {
        let i = prop.0 as usize;
        if i >= self.0.len() {
            self.0.resize_with(i + 1, T::default);
        }
        &mut self.0[i]
    }
}

#[derive(Clone, Debug, Default)]
pub struct IndexedMatcher {
    filed: Vec<Option<Filed>>,
    free: Vec<GroupIx>,
    groups_of_sub: FxHashMap<SubId, Vec<GroupIx>>,
    equality: ByProp<FxHashMap<Value, Vec<Entry>>>,
    /// How many filed groups compare each property to each value with `==`: the number of distinct
    /// values per property estimates how selective an `==` on it is.
    equality_values: FxHashMap<PropId, FxHashMap<Value, u32>>,
    counted: ByProp<PropertyTables>,
    /// For each group slot: how many predicates a counted group needs, and whose it is (compact, so
    /// the counting pass reads no `Filed`).
    required: Vec<u16>,
    owner: Vec<SubId>,
    /// Scratch for the counting pass, kept to avoid allocating per message.
    counts: Vec<u16>,
    touched: Vec<GroupIx>,
}

impl IndexedMatcher {
    pub fn new() -> Self {
        Self::default()
    }

    fn file(&mut self, ix: GroupIx, sub: SubId, predicates: &[CompiledPredicate]) -> Filed {
        for p in predicates.iter().filter(|p| p.op == Op::Eq) {
            if let Some(key) = &p.key {
                *self
                    .equality_values
                    .entry(p.prop)
                    .or_default()
                    .entry(key.clone())
                    .or_default() += 1;
            }
        }
        let access = predicates
            .iter()
            .enumerate()
            .filter(|(_, p)| p.op == Op::Eq)
            .filter_map(|(i, p)| Some((i, p.prop, p.key.as_ref()?)))
            .min_by_key(|(_, prop, key)| {
                let distinct = self.equality_values.get(prop).map_or(0, |v| v.len());
                let size = self
                    .equality
                    .get(*prop)
                    .and_then(|b| b.get(*key))
                    .map_or(0, Vec::len);
                (std::cmp::Reverse(distinct), size)
            });
        if let Some((i, prop, key)) = access {
            let mut rest: SmallVec<[CompiledPredicate; 3]> = predicates.iter().cloned().collect();
            rest.remove(i);
            self.equality
                .entry(prop)
                .entry(key.clone())
                .or_default()
                .push(Entry {
                    group: ix,
                    sub,
                    rest,
                });
            return Filed::Equality(prop, key.clone());
        }
        for p in predicates {
            let tables = self.counted.entry(p.prop);
            let sorted = |list: &mut Vec<(Value, GroupIx)>, key: Value| {
                let at = list.partition_point(|(v, _)| *v <= key);
                list.insert(at, (key, ix));
            };
            match (p.op, p.key.clone()) {
                (Op::Exists, _) | (_, None) => tables.exists.push(ix),
                (Op::Ne, Some(k)) => {
                    tables.not_equal.push(ix);
                    tables.not_equal_by_value.entry(k).or_default().push(ix);
                }
                (Op::Lt, Some(k)) => sorted(&mut tables.less, k),
                (Op::Le, Some(k)) => sorted(&mut tables.less_or_equal, k),
                (Op::Gt, Some(k)) => sorted(&mut tables.greater, k),
                (Op::Ge, Some(k)) => sorted(&mut tables.greater_or_equal, k),
                (Op::Eq, Some(_)) => unreachable!("groups with == are filed by equality"),
            }
        }
        Filed::Counted {
            predicates: predicates.to_vec(),
        }
    }

    /// Takes a removed group's `==` values out of the distinct-value counts.
    fn forget_equalities(&mut self, access: PropId, key: &Value, rest: &[CompiledPredicate]) {
        let access = CompiledPredicate {
            prop: access,
            op: Op::Eq,
            key: Some(key.clone()),
        };
        for p in rest.iter().chain([&access]).filter(|p| p.op == Op::Eq) {
            let (Some(values), Some(k)) = (self.equality_values.get_mut(&p.prop), &p.key) else {
                continue;
            };
            if let Some(n) = values.get_mut(k) {
                *n -= 1;
                if *n == 0 {
                    values.remove(k);
                }
            }
        }
    }

    fn unfile(&mut self, ix: GroupIx) {
        match self.filed[ix as usize].take() {
            Some(Filed::Equality(prop, key)) => {
                let Some(bucket) = self.equality.get_mut(prop).and_then(|b| b.get_mut(&key)) else {
                    return;
                };
                if let Some(at) = bucket.iter().position(|e| e.group == ix) {
                    let entry = bucket.remove(at);
                    self.forget_equalities(prop, &key, &entry.rest);
                }
            }
            Some(Filed::Counted { predicates, .. }) => {
                for p in &predicates {
                    if let Some(t) = self.counted.get_mut(p.prop) {
                        t.remove(ix);
                    }
                }
            }
            None => return,
        }
        self.free.push(ix);
    }
}

impl Matcher for IndexedMatcher {
    fn insert(&mut self, sub: SubId, filter: &CompiledFilter) {
        self.remove(sub);
        let mut ixs = Vec::with_capacity(filter.groups.len());
        for predicates in filter.groups.iter().filter(|g| !g.is_empty()) {
            let ix = self.free.pop().unwrap_or_else(|| {
                self.filed.push(None);
                self.counts.push(0);
                self.required.push(0);
                self.owner.push(sub);
                (self.filed.len() - 1) as GroupIx
            });
            let filed = self.file(ix, sub, predicates);
            // Equality-filed groups are never counted; u16::MAX keeps them from ever matching here.
            self.required[ix as usize] = match &filed {
                Filed::Counted { predicates, .. } => {
                    predicates.len().min(u16::MAX as usize - 1) as u16
                }
                Filed::Equality(..) => u16::MAX,
            };
            self.owner[ix as usize] = sub;
            self.filed[ix as usize] = Some(filed);
            ixs.push(ix);
        }
        self.groups_of_sub.insert(sub, ixs);
    }

    fn remove(&mut self, sub: SubId) {
        for ix in self.groups_of_sub.remove(&sub).unwrap_or_default() {
            self.unfile(ix);
        }
    }

    fn matches_into(&mut self, props: &RoutingProps, found: &mut Vec<SubId>) {
        found.clear();
        // Equality access: hash lookups, then a check of each entry's other predicates.
        for (prop, value) in props.iter() {
            let Some(bucket) = self.equality.get(*prop).and_then(|b| b.get(value)) else {
                continue;
            };
            for entry in bucket {
                if entry.rest.iter().all(|p| p.holds(props)) {
                    found.push(entry.sub);
                }
            }
        }
        // Counting pass over the groups that have no equality predicate.
        let (counts, touched) = (&mut self.counts, &mut self.touched);
        for (prop, value) in props.iter() {
            let Some(t) = self.counted.get(*prop) else {
                continue;
            };
            t.exists.iter().for_each(|g| bump(counts, touched, *g));
            t.not_equal.iter().for_each(|g| bump(counts, touched, *g));
            if let Some(equal) = t.not_equal_by_value.get(value) {
                equal.iter().for_each(|g| unbump(counts, *g));
            }
            // prop < c holds for every c > value, and so on.
            let from = t.less.partition_point(|(c, _)| c <= value);
            t.less[from..]
                .iter()
                .for_each(|(_, g)| bump(counts, touched, *g));
            let from = t.less_or_equal.partition_point(|(c, _)| c < value);
            t.less_or_equal[from..]
                .iter()
                .for_each(|(_, g)| bump(counts, touched, *g));
            let to = t.greater.partition_point(|(c, _)| c < value);
            t.greater[..to]
                .iter()
                .for_each(|(_, g)| bump(counts, touched, *g));
            let to = t.greater_or_equal.partition_point(|(c, _)| c <= value);
            t.greater_or_equal[..to]
                .iter()
                .for_each(|(_, g)| bump(counts, touched, *g));
        }
        for &ix in &self.touched {
            if std::mem::take(&mut self.counts[ix as usize]) == self.required[ix as usize] {
                found.push(self.owner[ix as usize]);
            }
        }
        self.touched.clear();
        found.sort_unstable();
        found.dedup();
    }
}

fn bump(counts: &mut [u16], touched: &mut Vec<GroupIx>, g: GroupIx) {
    let c = &mut counts[g as usize];
    if *c == 0 {
        touched.push(g);
    }
    *c += 1;
}

fn unbump(counts: &mut [u16], g: GroupIx) {
    counts[g as usize] -= 1;
}
