//! The reference matcher: evaluates every predicate of every subscription.

use super::{CompiledFilter, Matcher, RoutingProps, SubId};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub struct NaiveMatcher {
    subs: BTreeMap<SubId, CompiledFilter>,
}

impl Matcher for NaiveMatcher {
    fn insert(&mut self, sub: SubId, filter: &CompiledFilter) {
        self.subs.insert(sub, filter.clone());
    }

    fn remove(&mut self, sub: SubId) {
        self.subs.remove(&sub);
    }

    fn matches_into(&mut self, props: &RoutingProps, out: &mut Vec<SubId>) {
        out.clear();
        out.extend(
            self.subs
                .iter()
                .filter(|(_, f)| f.matches(props))
                .map(|(id, _)| *id),
        );
    }
}
