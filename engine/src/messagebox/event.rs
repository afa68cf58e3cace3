//! Events: every state change of a MessageBox, in order. The UI animates these; it never re-derives a
//! routing decision itself.

use super::{InstanceId, Owner, RefId, ReportId, ServiceState, SubscriptionState};
use crate::matcher::SubId;
use crate::message::MessageId;
use crate::property::Value;
use serde::{Deserialize, Serialize};
use std::fmt;

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
    /// A convoy set matched, so an activation match went to the convoy's instance (started or not) instead.
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

impl Event {
    /// The event's name, as its serialised `event` tag spells it.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::ServiceAdded { .. } => "serviceAdded",
            Event::ServiceRemoved { .. } => "serviceRemoved",
            Event::ServiceStateChanged { .. } => "serviceStateChanged",
            Event::SubscriptionCreated { .. } => "subscriptionCreated",
            Event::SubscriptionStateChanged { .. } => "subscriptionStateChanged",
            Event::SubscriptionRemoved { .. } => "subscriptionRemoved",
            Event::HostStateChanged { .. } => "hostStateChanged",
            Event::Published { .. } => "published",
            Event::Evaluated { .. } => "evaluated",
            Event::Queued { .. } => "queued",
            Event::Held { .. } => "held",
            Event::Released { .. } => "released",
            Event::Delivered { .. } => "delivered",
            Event::InstanceActivated { .. } => "instanceActivated",
            Event::ConvoySetCreated { .. } => "convoySetCreated",
            Event::ConvoyMatched { .. } => "convoyMatched",
            Event::InstanceCompleted { .. } => "instanceCompleted",
            Event::RoutingFailed { .. } => "routingFailed",
            Event::ErrorMessagePublished { .. } => "errorMessagePublished",
            Event::ActivationLoopDetected { .. } => "activationLoopDetected",
            Event::CommandRefused { .. } => "commandRefused",
            Event::Resumed { .. } => "resumed",
            Event::Terminated { .. } => "terminated",
            Event::ReportRemoved { .. } => "reportRemoved",
        }
    }
}

/// One English line a learner can read: ids as `message #N`, `instance N`, `copy N` (a reference),
/// `subscription N`.
impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::ServiceAdded { owner } => write!(f, "{owner} added"),
            Event::ServiceRemoved { owner } => write!(f, "{owner} removed"),
            Event::ServiceStateChanged { owner, from, to } => {
                write!(f, "{owner} is now {to} (was {from})")
            }
            Event::SubscriptionCreated {
                subscription,
                owner,
                filter,
            } => write!(
                f,
                "subscription {} created for {owner}: {filter}",
                subscription.0
            ),
            Event::SubscriptionStateChanged {
                subscription,
                owner,
                state,
            } => write!(
                f,
                "subscription {} of {owner} is now {}",
                subscription.0,
                subscription_state(*state)
            ),
            Event::SubscriptionRemoved {
                subscription,
                owner,
            } => write!(f, "subscription {} of {owner} removed", subscription.0),
            Event::HostStateChanged { host, running } => {
                write!(f, "host {host} {}", if *running { "started" } else { "stopped" })
            }
            Event::Published { message, publisher } => {
                write!(f, "message {message} published by {publisher}")
            }
            Event::Evaluated { message, matched } => match matched.len() {
                0 => write!(f, "message {message} matched no subscription"),
                1 => write!(f, "message {message} matched 1 subscription"),
                n => write!(f, "message {message} matched {n} subscriptions"),
            },
            Event::Queued {
                reference,
                message,
                owner,
                host,
                priority,
            } => write!(
                f,
                "message {message} queued for {owner} on host {host} ({reference}, priority {priority})"
            ),
            Event::Held {
                reference,
                message,
                owner,
                ..
            } => write!(
                f,
                "message {message} held for {owner}, which is stopped ({reference})"
            ),
            Event::Released { reference, owner } => write!(
                f,
                "held {reference} for {owner} released to its work queue"
            ),
            Event::Delivered {
                reference,
                message,
                owner,
                instance,
            } => match instance {
                Some(i) => write!(
                    f,
                    "message {message} delivered to {owner} (instance {}, {reference})",
                    i.0
                ),
                None => write!(f, "message {message} delivered to {owner} ({reference})"),
            },
            Event::InstanceActivated {
                instance,
                owner,
                message,
            } => write!(
                f,
                "{owner} activated as instance {} by message {message}",
                instance.0
            ),
            Event::ConvoySetCreated {
                instance,
                subscription,
                values,
            } => {
                let values: Vec<String> = values.iter().map(Value::to_string).collect();
                write!(
                    f,
                    "instance {} holds the convoy set ({}): later messages with these values go to it, through subscription {}",
                    instance.0,
                    values.join(", "),
                    subscription.0
                )
            }
            Event::ConvoyMatched {
                reference,
                instance,
            } => write!(
                f,
                "a message of a convoy went to instance {}, which holds its convoy set ({reference})",
                instance.0
            ),
            Event::InstanceCompleted { instance } => {
                write!(f, "instance {} left the MessageBox", instance.0)
            }
            Event::RoutingFailed {
                message,
                reference,
                report,
                suspended,
                resumable,
            } => write!(
                f,
                "routing failure: no subscriber for message {message} (report {}, {reference}, {})",
                report.0,
                match (suspended, resumable) {
                    (false, _) => "not suspended",
                    (true, true) => "suspended, resumable",
                    (true, false) => "suspended, not resumable",
                }
            ),
            Event::ErrorMessagePublished {
                failed_message,
                error_message,
                report,
            } => write!(
                f,
                "failed message {failed_message} published again as error message {error_message} (report {})",
                report.0
            ),
            Event::ActivationLoopDetected {
                reference,
                message,
                owner,
            } => write!(
                f,
                "message {message} would activate {owner}, which published it: held to stop a loop ({reference})"
            ),
            Event::CommandRefused { reason } => write!(f, "refused: {reason}"),
            Event::Resumed { reference } => write!(f, "{reference} resumed"),
            Event::Terminated { reference } => write!(f, "{reference} terminated"),
            Event::ReportRemoved { report } => {
                write!(f, "routing failure report {} removed", report.0)
            }
        }
    }
}

fn subscription_state(state: SubscriptionState) -> &'static str {
    match state {
        SubscriptionState::Started => "started",
        SubscriptionState::Stopped => "stopped",
        SubscriptionState::Disabled => "disabled",
    }
}
