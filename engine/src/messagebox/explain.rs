//! Explain: why a message did or did not match each subscription, predicate by predicate, with the value
//! that was seen. It powers the UI's "why did it route there" and the routing debugger.

use super::*;
use crate::filter::{Filter, Predicate};
use crate::matcher::{CompiledFilter, CompiledPredicate, RoutingProps};
use crate::message::Context;

/// What a predicate saw of its property in the message context.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "seen", content = "value", rename_all = "camelCase")]
pub enum Seen {
    Promoted(Value),
    /// Present but only written: invisible to routing (domain.md 1.4).
    WrittenNotPromoted(Value),
    Absent,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PredicateExplanation {
    pub predicate: Predicate,
    pub holds: bool,
    pub seen: Seen,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupExplanation {
    pub matched: bool,
    pub predicates: Vec<PredicateExplanation>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionExplanation {
    pub subscription: SubId,
    pub owner: Owner,
    pub state: SubscriptionState,
    pub matched: bool,
    pub groups: Vec<GroupExplanation>,
}

/// Explains one filter (and its compiled form) against a context.
pub fn explain_filter(
    filter: &Filter,
    compiled: &CompiledFilter,
    context: &Context,
    schema: &PropertySchema,
    collation: Collation,
) -> Vec<GroupExplanation> {
    let promoted = RoutingProps::new(
        context
            .promoted()
            .filter_map(|(n, v)| Some((schema.id(&n.to_string())?, v.clone()))),
        collation,
    );
    filter
        .groups
        .iter()
        .zip(&compiled.groups)
        .map(|(group, compiled_group)| {
            let predicates: Vec<PredicateExplanation> = group
                .iter()
                .zip(compiled_group)
                .map(|(p, c)| explain_predicate(p, c, context, &promoted))
                .collect();
            GroupExplanation {
                matched: predicates.iter().all(|p| p.holds),
                predicates,
            }
        })
        .collect()
}

fn explain_predicate(
    predicate: &Predicate,
    compiled: &CompiledPredicate,
    context: &Context,
    promoted: &RoutingProps,
) -> PredicateExplanation {
    let seen = match context.get(&predicate.property) {
        Some(p) if p.promoted => Seen::Promoted(p.value.clone()),
        Some(p) => Seen::WrittenNotPromoted(p.value.clone()),
        None => Seen::Absent,
    };
    PredicateExplanation {
        predicate: predicate.clone(),
        holds: compiled.holds(promoted),
        seen,
    }
}

impl MessageBox {
    /// Explains a stored message against every subscription, in subscription order.
    pub fn explain(&self, message: MessageId) -> Option<Vec<SubscriptionExplanation>> {
        let context = self.state.messages.get(&message)?.context();
        Some(self.explain_context(context))
    }

    /// Explains any context (for example one loaded from a file) against every subscription.
    pub fn explain_context(&self, context: &Context) -> Vec<SubscriptionExplanation> {
        self.state
            .subscriptions
            .values()
            .map(|s| {
                let groups = explain_filter(
                    &s.filter,
                    &s.compiled,
                    context,
                    &self.state.schema,
                    self.state.collation,
                );
                SubscriptionExplanation {
                    subscription: s.id,
                    owner: s.owner.clone(),
                    state: s.state,
                    matched: s.state != SubscriptionState::Disabled
                        && groups.iter().any(|g| g.matched),
                    groups,
                }
            })
            .collect()
    }
}
