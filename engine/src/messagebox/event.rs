//! Events: every state change of a MessageBox, in order. The UI animates these; it never re-derives a
//! routing decision itself.

use super::{InstanceId, Owner, RefId, ReportId, ServiceState, SubscriptionState};
use crate::matcher::SubId;
use crate::message::MessageId;
use crate::property::Value;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "camelCase")]
pub enum Event {
    ServiceAdded {
        owner: Owner,
    },
    ServiceRemoved {
        owner: Owner,
    },
    ServiceStateChanged {
        owner: Owner,
        from: ServiceState,
        to: ServiceState,
    },
    SubscriptionCreated {
        subscription: SubId,
        owner: Owner,
        filter: String,
    },
    SubscriptionStateChanged {
        subscription: SubId,
        owner: Owner,
        state: SubscriptionState,
    },
    SubscriptionRemoved {
        subscription: SubId,
        owner: Owner,
    },
    HostStateChanged {
        host: String,
        running: bool,
    },
    /// A message entered the MessageBox.
    Published {
        message: MessageId,
        publisher: super::Publisher,
    },
    /// The subscriptions a message matched, in priority order.
    Evaluated {
        message: MessageId,
        matched: Vec<SubId>,
    },
    /// A reference went into its host's work queue.
    Queued {
        reference: RefId,
        message: MessageId,
        owner: Owner,
        host: String,
        priority: u8,
    },
    /// A reference for a stopped subscriber went into the suspended queue, resumable, to wait.
    Held {
        reference: RefId,
        message: MessageId,
        owner: Owner,
        host: String,
    },
    /// Held references of a subscriber that started went back to the work queue.
    Released {
        reference: RefId,
        owner: Owner,
    },
    Delivered {
        reference: RefId,
        message: MessageId,
        owner: Owner,
        instance: Option<InstanceId>,
    },
    InstanceActivated {
        instance: InstanceId,
        owner: Owner,
        message: MessageId,
    },
    ConvoySetCreated {
        instance: InstanceId,
        subscription: SubId,
        values: Vec<Value>,
    },
    /// A convoy set matched, so an activation match went to the running instance instead.
    ConvoyMatched {
        reference: RefId,
        instance: InstanceId,
    },
    InstanceCompleted {
        instance: InstanceId,
    },
    /// Nothing subscribed: a routing failure report was created (domain.md 1.9).
    RoutingFailed {
        message: MessageId,
        reference: RefId,
        report: ReportId,
        suspended: bool,
        resumable: bool,
    },
    /// Failed-message routing published an error message in place of suspending the failed one.
    ErrorMessagePublished {
        failed_message: MessageId,
        error_message: MessageId,
        report: ReportId,
    },
    /// An orchestration's publish matched its own activation subscription: held, not delivered.
    ActivationLoopDetected {
        reference: RefId,
        message: MessageId,
        owner: Owner,
    },
    /// A scripted command that was refused, with the reason.
    CommandRefused {
        reason: String,
    },
    Resumed {
        reference: RefId,
    },
    Terminated {
        reference: RefId,
    },
    ReportRemoved {
        report: ReportId,
    },
}
