//! Subscriptions: what a subscriber asks for, and what to do with a match (domain.md 1.6).

use crate::filter::Filter;
use crate::matcher::{CompiledFilter, SubId};
use crate::property::PropertyName;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A running service instance (orchestration or messaging) in a MessageBox.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InstanceId(pub u64);

/// Activation subscriptions create an instance per match; instance subscriptions feed one running
/// instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubscriptionKind {
    Activation,
    Instance(InstanceId),
}

/// Who a subscription belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Owner {
    Orchestration(String),
    SendPort(String),
    SendPortGroup(String),
}

impl Owner {
    pub fn name(&self) -> &str {
        match self {
            Owner::Orchestration(n) | Owner::SendPort(n) | Owner::SendPortGroup(n) => n,
        }
    }
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Owner::Orchestration(n) => write!(f, "orchestration {n}"),
            Owner::SendPort(n) => write!(f, "send port {n}"),
            Owner::SendPortGroup(n) => write!(f, "send port group {n}"),
        }
    }
}

/// Started subscriptions deliver; stopped ones still match but hold what they match; disabled ones do
/// not match at all (domain.md 1.6, 1.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubscriptionState {
    Started,
    Stopped,
    Disabled,
}

/// Priority 1 is highest and 10 lowest (domain.md 1.6).
pub const ACTIVATION_PRIORITY: u8 = 7;
pub const INSTANCE_PRIORITY: u8 = 5;
pub const SEND_PORT_PRIORITY: u8 = 5;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    pub id: SubId,
    pub kind: SubscriptionKind,
    pub owner: Owner,
    /// The host whose queues hold this subscription's references.
    pub host: String,
    pub priority: u8,
    pub state: SubscriptionState,
    pub filter: Filter,
    pub compiled: CompiledFilter,
    /// For a convoy's activation subscription: the correlation properties (at most 3, domain.md 1.6).
    pub convoy: Option<Vec<PropertyName>>,
}
