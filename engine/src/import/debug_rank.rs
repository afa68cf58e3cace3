//! The debugger's answer in reading order: the subscribers that matched, then the near misses (one
//! predicate off), then the rest, so the one a user is looking for is on top among thousands.

use super::debugger::{DebugSubscriber, RoutingDebug};
use crate::messagebox::GroupExplanation;

impl DebugSubscriber {
    /// The groups of the subscriber's own filter: a send port's implicit transport-id group (and any
    /// other group BizTalk adds) says nothing about the user's filter, unless it is all there is.
    pub fn own_groups(&self) -> impl Iterator<Item = &GroupExplanation> {
        let only_added = self.groups.iter().all(|g| g.added_by_engine);
        self.groups
            .iter()
            .filter(move |g| only_added || !g.added_by_engine)
    }

    /// How many predicates fail in the subscriber's closest group: 0 when it matched, None when it
    /// has no group at all.
    pub fn predicates_off(&self) -> Option<usize> {
        if self.matched {
            return Some(0);
        }
        self.own_groups()
            .map(|g| g.predicates.iter().filter(|p| !p.holds).count())
            .min()
    }

    /// How many predicates hold in the subscriber's closest group: among near misses, the one whose
    /// other predicates hold most is the one the user most likely meant.
    pub fn predicates_holding(&self) -> usize {
        let fails = |g: &&GroupExplanation| g.predicates.iter().filter(|p| !p.holds).count();
        self.own_groups()
            .min_by_key(|g| (fails(g), usize::MAX - g.predicates.len()))
            .map_or(0, |g| g.predicates.iter().filter(|p| p.holds).count())
    }

    /// Did not match, with exactly one predicate of one group failing.
    pub fn is_near_miss(&self) -> bool {
        !self.matched && self.predicates_off() == Some(1)
    }
}

/// The subscribers split for reading, each part in the file's order, except the near misses: those
/// with the most predicates holding come first.
#[derive(Debug, Default)]
pub struct Ranked<'a> {
    pub matched: Vec<&'a DebugSubscriber>,
    pub near_misses: Vec<&'a DebugSubscriber>,
    pub rest: Vec<&'a DebugSubscriber>,
}

impl RoutingDebug {
    /// Matches first, then near misses, then the rest; with a non-empty `search`, only subscribers
    /// whose name, or a property or value of their filter, contains it (case-insensitive).
    pub fn ranked(&self, search: &str) -> Ranked<'_> {
        let needle = search.trim().to_lowercase();
        let mut ranked = Ranked::default();
        for s in self
            .subscribers
            .iter()
            .filter(|s| needle.is_empty() || mentions(s, &needle))
        {
            if s.matched {
                ranked.matched.push(s);
            } else if s.is_near_miss() {
                ranked.near_misses.push(s);
            } else {
                ranked.rest.push(s);
            }
        }
        ranked
            .near_misses
            .sort_by_key(|s| std::cmp::Reverse(s.predicates_holding()));
        ranked
    }
}

fn mentions(s: &DebugSubscriber, needle: &str) -> bool {
    s.owner.name().to_lowercase().contains(needle)
        || s.groups.iter().flat_map(|g| &g.predicates).any(|p| {
            p.predicate
                .property
                .to_string()
                .to_lowercase()
                .contains(needle)
                || p.predicate
                    .value
                    .as_deref()
                    .is_some_and(|v| v.to_lowercase().contains(needle))
        })
}
