//! Explain: why a message did or did not match each subscription, predicate by predicate, with the value
//! that was seen. It powers the UI's "why did it route there" and the routing debugger.

use super::*;
use crate::filter::{Filter, Op, Predicate};
use crate::matcher::{CompiledFilter, CompiledPredicate, RoutingProps};
use crate::message::Context;
use crate::property::bts;

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
    /// BizTalk added this predicate, not the subscriber's filter: an orchestration's message type.
    #[serde(default)]
    pub added_by_engine: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupExplanation {
    pub matched: bool,
    pub predicates: Vec<PredicateExplanation>,
    /// BizTalk added the whole group, not the subscriber's filter: a send port's (group's) own id, or
    /// an orchestration's message type when it has no filter of its own.
    #[serde(default)]
    pub added_by_engine: bool,
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
            .filter_map(|(n, v)| Some((schema.id_of(n)?, v.clone()))),
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
                added_by_engine: false,
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
        added_by_engine: false,
    }
}

/// Explains the activation subscription `def` would have against a context, without a MessageBox: the
/// routing debugger's way to ask thousands of subscribers in time linear in their number.
pub fn explain_service(
    def: &ServiceDef,
    context: &Context,
    schema: &PropertySchema,
    collation: Collation,
) -> Result<Vec<GroupExplanation>, CommandError> {
    let filter = activation_filter(def);
    let compiled = CompiledFilter::compile(&filter, schema, collation)
        .map_err(|e| CommandError::Refused(format!("{}: filter: {e}", owner_of(def))))?;
    let mut groups = explain_filter(&filter, &compiled, context, schema, collation);
    mark_added_by_engine(&mut groups, def);
    Ok(groups)
}

/// Marks what BizTalk added to a subscriber's filter when it created its activation subscription
/// (domain.md 1.6, 1.7), so an explanation tells the user's predicates from the engine's.
fn mark_added_by_engine(groups: &mut [GroupExplanation], def: &ServiceDef) {
    match def {
        ServiceDef::SendPort(p) => mark_identity(groups, bts::SP_TRANSPORT_ID, &p.name),
        ServiceDef::SendPortGroup(g) => mark_identity(groups, bts::SP_GROUP_ID, &g.name),
        ServiceDef::Orchestration(o) => {
            let Some(message_type) = &o.message_type else {
                return;
            };
            // The message type is appended to every AND-group.
            for group in groups {
                if let Some(last) = group.predicates.last_mut() {
                    last.added_by_engine = is_system(last, bts::MESSAGE_TYPE, message_type);
                }
                group.added_by_engine = group.predicates.iter().all(|p| p.added_by_engine);
            }
        }
    }
}

/// The first group of a send port's (group's) subscription is its own id.
fn mark_identity(groups: &mut [GroupExplanation], property: &str, name: &str) {
    let Some(first) = groups.first_mut() else {
        return;
    };
    if let [only] = first.predicates.as_mut_slice() {
        if is_system(only, property, name) {
            only.added_by_engine = true;
            first.added_by_engine = true;
        }
    }
}

fn is_system(p: &PredicateExplanation, property: &str, value: &str) -> bool {
    p.predicate.property.to_string() == property
        && p.predicate.op == Op::Eq
        && p.predicate.value.as_deref() == Some(value)
}

impl MessageBox {
    /// Explains a stored message against every subscription, in subscription order.
    pub fn explain(&self, message: MessageId) -> Option<Vec<SubscriptionExplanation>> {
        let context = self.state.messages.get(&message)?.context();
        Some(self.explain_context(context))
    }

    /// Explains any context (for example one loaded from a file) against every subscription.
    pub fn explain_context(&self, context: &Context) -> Vec<SubscriptionExplanation> {
        self.explain_some(context, |_| true)
    }

    /// Explains a context against the activation subscriptions only: a glance at who would start work,
    /// which stays cheap while thousands of running instances hold instance subscriptions.
    pub fn explain_activation(&self, context: &Context) -> Vec<SubscriptionExplanation> {
        self.explain_some(context, |s| s.kind == SubscriptionKind::Activation)
    }

    fn explain_some(
        &self,
        context: &Context,
        wanted: impl Fn(&Subscription) -> bool,
    ) -> Vec<SubscriptionExplanation> {
        self.state
            .subscriptions
            .values()
            .filter(|s| wanted(s))
            .map(|s| {
                let mut groups = explain_filter(
                    &s.filter,
                    &s.compiled,
                    context,
                    &self.state.schema,
                    self.state.collation,
                );
                // Only activation subscriptions carry what BizTalk adds; instance ones are as written.
                if s.kind == SubscriptionKind::Activation {
                    if let Some(service) = self.state.services.get(&s.owner) {
                        mark_added_by_engine(&mut groups, &service.def);
                    }
                }
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
