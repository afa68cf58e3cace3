//! Matching a message's promoted properties against subscriptions. Two matchers behind one interface:
//! the naive one evaluates every predicate; the indexed one works like BizTalk's per-operator predicate
//! tables (domain.md 1.7). They must always agree.

mod compiled;
mod indexed;
mod naive;

pub use compiled::{CompiledFilter, CompiledPredicate, RoutingProps};
pub use indexed::IndexedMatcher;
pub use naive::NaiveMatcher;

use serde::{Deserialize, Serialize};

/// A subscription's id, unique in its MessageBox and never reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SubId(pub u64);

pub trait Matcher {
    /// Registers a subscription's filter. A filter with no groups never matches.
    fn insert(&mut self, sub: SubId, filter: &CompiledFilter);
    /// Forgets a subscription; unknown ids are ignored.
    fn remove(&mut self, sub: SubId);
    /// Replaces `out` with the subscriptions whose filter holds for these properties, in id order, each
    /// once. Reusing `out` spares an allocation per message.
    fn matches_into(&mut self, props: &RoutingProps, out: &mut Vec<SubId>);

    /// The subscriptions whose filter holds for these properties, in id order, each once.
    fn matches(&mut self, props: &RoutingProps) -> Vec<SubId> {
        let mut out = Vec::new();
        self.matches_into(props, &mut out);
        out
    }
}
