//! References: what a publish creates, one per matching subscriber, and how each one ends.

use super::{InstanceId, Owner};
use crate::matcher::SubId;
use crate::message::MessageId;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RefId(pub u64);

/// A reference is the subscriber's copy of the message, as the lessons call it: "copy 17" reads plainly
/// in the event log where "ref 17" meant nothing to a newcomer.
impl fmt::Display for RefId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "copy {}", self.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ReportId(pub u64);

/// Where a reference leads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// A subscriber: a new instance (activation), a running instance (instance subscription or convoy),
    /// or a send port, possibly as a member of a send port group.
    Subscriber {
        subscription: SubId,
        owner: Owner,
        host: String,
        priority: u8,
        /// Set when a convoy set routed an activation match to an existing instance.
        convoy_instance: Option<InstanceId>,
        /// Set when the reference reached a send port through this send port group.
        via_group: Option<String>,
    },
    /// No subscriber: the message itself, after a routing failure (domain.md 1.9).
    Unrouted { report: ReportId },
}

/// Why a reference is suspended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SuspendReason {
    /// The subscriber is enlisted but stopped: the reference waits until it starts (domain.md 4.4).
    SubscriberStopped,
    /// Nothing subscribed (domain.md 1.9).
    RoutingFailure,
    /// An orchestration published a message that its own activation receive subscribes to (domain.md 3).
    ActivationLoop,
}

/// The life of a reference. Every reference is in exactly one of these states.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RefState {
    /// In its host's work queue. `forced` is set by a resume, which delivers even to a stopped port.
    Queued { forced: bool },
    /// Taken by its subscriber.
    Delivered { instance: Option<InstanceId> },
    /// In its host's suspended queue.
    Suspended {
        resumable: bool,
        reason: SuspendReason,
    },
    /// A routing failure handled by failed-message routing: an error message was published instead.
    Rerouted { error_message: MessageId },
    /// A suspended routing failure that was resumed and published again (new references were made).
    Republished,
    /// Terminated by an administrator.
    Terminated,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageRef {
    pub id: RefId,
    pub message: MessageId,
    pub target: Target,
    pub state: RefState,
}

/// The routing failure report: no body, a snapshot of the failed message's context, suspended
/// non-resumable with a blank service name (domain.md 1.9).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoutingFailureReport {
    pub id: ReportId,
    pub failed_message: MessageId,
    pub context_snapshot: crate::message::Context,
    pub publisher: super::Publisher,
    pub description: String,
}
