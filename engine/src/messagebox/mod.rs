//! The MessageBox: subscriptions, the publish algorithm, host queues, suspended messages and routing
//! failures (domain.md 1.6-1.10, 4.3, 4.4). One per group. Every state change is an `Event`.

mod admin;
mod dispatch;
mod error;
mod event;
mod explain;
mod index;
mod publish;
mod reference;
mod retire;
mod services;
mod store;
mod subscription;

pub use admin::owner_of;
pub use error::{CommandError, NO_SUBSCRIBERS_TEXT};
pub use event::Event;
pub use explain::{
    explain_filter, explain_service, GroupExplanation, PredicateExplanation, Seen,
    SubscriptionExplanation,
};
pub use index::{ConvoyKey, QueueLengths};
pub use publish::Publisher;
pub use reference::{
    MessageRef, RefId, RefState, ReportId, RoutingFailureReport, SuspendReason, Target,
};
pub use retire::RetiredMessage;
pub use services::{
    activation_filter, AdminAction, OrchestrationDef, SendPortDef, SendPortGroupDef, Service,
    ServiceDef, ServiceState,
};
pub use subscription::{
    InstanceId, Owner, Subscription, SubscriptionKind, SubscriptionState, ACTIVATION_PRIORITY,
    INSTANCE_PRIORITY, SEND_PORT_PRIORITY,
};

use crate::matcher::{IndexedMatcher, Matcher, SubId};
use crate::message::{Message, MessageId};
use crate::property::{Collation, PropertySchema, Value};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A running or finished service instance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    pub id: InstanceId,
    pub owner: Owner,
    pub active: bool,
    /// False while a convoy's first message waits to be delivered: the instance exists (its convoy set
    /// already catches the later messages) but has not run (domain.md 1.6).
    pub started: bool,
    /// The messages delivered to it, in order.
    pub consumed: Vec<MessageId>,
}

/// Everything a MessageBox holds, serialisable. The matcher's index is derived from it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageBoxState {
    /// Shared, so work that reads it while changing the group needs no copy.
    pub schema: std::sync::Arc<PropertySchema>,
    pub collation: Collation,
    #[serde(with = "crate::serde_pairs")]
    pub services: BTreeMap<Owner, Service>,
    pub subscriptions: BTreeMap<SubId, Subscription>,
    pub messages: BTreeMap<MessageId, Message>,
    pub references: BTreeMap<RefId, MessageRef>,
    pub reports: BTreeMap<ReportId, RoutingFailureReport>,
    pub instances: BTreeMap<InstanceId, Instance>,
    /// Who published each live message.
    pub publishers: BTreeMap<MessageId, Publisher>,
    /// The convoy sets: from the first message of a convoy, the values of its correlation properties
    /// and the instance that message is for, so later messages with the same values reach that instance
    /// (domain.md 1.6).
    #[serde(with = "crate::serde_pairs")]
    pub convoy_sets: BTreeMap<ConvoyKey, InstanceId>,
    /// Hosts by name, and whether a host instance is running.
    pub hosts: BTreeMap<String, bool>,
    next_id: u64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(from = "MessageBoxState", into = "MessageBoxState")]
pub struct MessageBox {
    state: MessageBoxState,
    /// The indexed matcher over the enabled subscriptions' filters.
    matcher: IndexedMatcher,
    /// The lookups each step needs besides matching (index.rs).
    lookups: index::Lookups,
    /// Messages one of whose references just reached an end: candidates to leave the live state.
    spent: std::collections::BTreeSet<MessageId>,
    /// Instances that just ended: candidates to leave the live state.
    ended: std::collections::BTreeSet<InstanceId>,
}

impl PartialEq for MessageBox {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
    }
}

impl From<MessageBoxState> for MessageBox {
    fn from(state: MessageBoxState) -> Self {
        let mut matcher = IndexedMatcher::new();
        for (id, sub) in &state.subscriptions {
            if sub.state != SubscriptionState::Disabled {
                matcher.insert(*id, &sub.compiled);
            }
        }
        let lookups = index::Lookups::build(&state);
        Self {
            state,
            matcher,
            lookups,
            spent: Default::default(),
            ended: Default::default(),
        }
    }
}

impl From<MessageBox> for MessageBoxState {
    fn from(mb: MessageBox) -> Self {
        mb.state
    }
}

impl MessageBox {
    pub fn new(schema: PropertySchema, collation: Collation) -> Self {
        MessageBoxState {
            schema: schema.into(),
            collation,
            ..MessageBoxState::default()
        }
        .into()
    }

    pub fn state(&self) -> &MessageBoxState {
        &self.state
    }

    pub fn schema(&self) -> &PropertySchema {
        &self.state.schema
    }

    /// The schema, shared (a cheap copy of a pointer).
    pub fn shared_schema(&self) -> std::sync::Arc<PropertySchema> {
        self.state.schema.clone()
    }

    /// Deploys more properties (an imported application's property schema). Existing subscriptions keep
    /// their property ids: declaring only appends.
    pub fn deploy_schema(&mut self, schema: PropertySchema) {
        self.state.schema = std::sync::Arc::new(schema);
    }

    pub fn message(&self, id: MessageId) -> Option<&Message> {
        self.state.messages.get(&id)
    }

    pub fn reference(&self, id: RefId) -> Option<&MessageRef> {
        self.state.references.get(&id)
    }

    pub fn references_of(&self, message: MessageId) -> impl Iterator<Item = &MessageRef> {
        self.lookups
            .refs_by_message
            .get(&message)
            .into_iter()
            .flatten()
            .filter_map(|id| self.state.references.get(id))
    }

    /// How many references wait for this stopped subscriber (or, for a send port group, for its members
    /// through it), without looking at the others.
    pub fn held_count(&self, owner: &Owner) -> usize {
        self.lookups.held_count(owner)
    }

    /// References ready to run and suspended references, counted as the state changes: O(hosts).
    pub fn queue_lengths(&self) -> QueueLengths {
        self.lookups.queue_lengths()
    }

    pub fn publisher(&self, message: MessageId) -> Option<&Publisher> {
        self.state.publishers.get(&message)
    }

    /// Ids come from one counter, so they are unique across kinds and follow creation order.
    fn next_id(&mut self) -> u64 {
        self.state.next_id += 1;
        self.state.next_id
    }

    /// Starts or stops a host's instances. While none runs, references wait in its work queue (Ready
    /// to Run) and subscriptions still match (domain.md 1.11).
    pub fn set_host_running(&mut self, host: &str, running: bool) -> Vec<Event> {
        let previous = self.state.hosts.insert(host.to_string(), running);
        if previous == Some(running) {
            return Vec::new();
        }
        vec![Event::HostStateChanged {
            host: host.to_string(),
            running,
        }]
    }

    fn host_running(&self, host: &str) -> bool {
        self.state.hosts.get(host).copied().unwrap_or(true)
    }
}
