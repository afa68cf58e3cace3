//! Engine events for the event log: the engine's own kind and sentence, plus what only the app knows:
//! the category the log filters by, what to open in the inspector when the line is clicked, and the
//! message the line is about.

use super::Selection;
use messagebox_engine::matcher::SubId;
use messagebox_engine::message::MessageId;
use messagebox_engine::messagebox::{Event, InstanceId, Owner};
use messagebox_engine::world::{Traced, WorldEvent};

pub struct Described {
    /// The log's coarse filter, one of `CATEGORIES`.
    pub category: &'static str,
    /// The engine's name for the event (`WorldEvent::kind`).
    pub kind: &'static str,
    /// The engine's sentence for the event (`WorldEvent`'s Display).
    pub text: String,
    pub link: Option<Selection>,
    /// The message the event is about, for the log's message filter and a message's lifecycle.
    pub message: Option<u64>,
}

pub const CATEGORIES: &[&str] = &[
    "publish", "route", "deliver", "failure", "instance", "port", "admin", "link", "other",
];

pub fn describe(t: &Traced) -> Described {
    let (category, opens, message) = about(&t.event);
    Described {
        category,
        kind: t.event.kind(),
        text: t.event.to_string(),
        link: opens.selection(&t.group),
        message: message.map(|m| m.0),
    }
}

/// What a log line opens in the inspector.
enum Opens {
    Nothing,
    Message(MessageId),
    Instance(InstanceId),
    Subscription(SubId),
    Service(Owner),
    Location(String),
    Host(String),
    Group,
}

impl Opens {
    fn selection(self, group: &str) -> Option<Selection> {
        let group = group.to_string();
        Some(match self {
            Opens::Nothing => return None,
            Opens::Message(m) => Selection::Message { group, id: m.0 },
            Opens::Instance(i) => Selection::Instance { group, id: i.0 },
            Opens::Subscription(s) => Selection::Subscription { group, id: s.0 },
            Opens::Service(owner) => Selection::Service { group, owner },
            Opens::Location(name) => Selection::Location { group, name },
            Opens::Host(name) => Selection::Host { group, name },
            Opens::Group => Selection::Group { group },
        })
    }
}

/// The category, what the line opens, and the message it is about.
fn about(event: &WorldEvent) -> (&'static str, Opens, Option<MessageId>) {
    use Opens::*;
    let on_message = |category, m: &MessageId| (category, Message(*m), Some(*m));
    match event {
        WorldEvent::MessageBox { event } => about_messagebox(event),
        WorldEvent::Received { message, .. } => on_message("publish", message),
        WorldEvent::FilterChanged { owner, .. } => ("admin", Service(owner.clone()), None),
        WorldEvent::ReceiveLocationChanged { location, .. } => {
            ("admin", Location(location.clone()), None)
        }
        WorldEvent::InstanceStarted { instance, .. }
        | WorldEvent::Waiting { instance }
        | WorldEvent::Dehydrated { instance }
        | WorldEvent::Rehydrated { instance }
        | WorldEvent::ExceptionCaught { instance, .. }
        | WorldEvent::InstanceResumed { instance }
        | WorldEvent::InstanceCompleted { instance, .. }
        | WorldEvent::InstanceTerminated { instance, .. } => {
            ("instance", Instance(*instance), None)
        }
        WorldEvent::Consumed {
            instance, message, ..
        } => ("instance", Instance(*instance), Some(*message)),
        WorldEvent::Sent { message, .. } => on_message("instance", message),
        WorldEvent::ExceptionThrown { instance, .. }
        | WorldEvent::InstanceSuspended { instance, .. } => ("failure", Instance(*instance), None),
        WorldEvent::Logged { instance, .. } => ("other", Instance(*instance), None),
        WorldEvent::Discarded { message, .. } => on_message("failure", message),
        WorldEvent::TransmitAttempt { message, .. } | WorldEvent::Transmitted { message, .. } => {
            on_message("port", message)
        }
        // A transmission opens like an instance: its state, resume and terminate.
        WorldEvent::TransmitFailed { transmission, .. } => {
            ("failure", Instance(*transmission), None)
        }
        WorldEvent::MovedToBackup { transmission, .. } => ("port", Instance(*transmission), None),
        WorldEvent::TransmissionSuspended { message, .. } => on_message("failure", message),
        WorldEvent::AckDiscarded { port } => ("port", Service(Owner::SendPort(port.clone())), None),
        WorldEvent::ResponderReplied { .. } => ("port", Nothing, None),
        WorldEvent::EndpointChanged { .. }
        | WorldEvent::ResponderChanged { .. }
        | WorldEvent::ConfigChanged { .. } => ("admin", Nothing, None),
        WorldEvent::WireSent { message, .. } => on_message("link", message),
        WorldEvent::LinkChanged { .. } => ("link", Nothing, None),
        WorldEvent::ApplicationImported { .. }
        | WorldEvent::ApplicationStarted { .. }
        | WorldEvent::ApplicationStopped { .. }
        | WorldEvent::ApplicationRemoved { .. }
        | WorldEvent::BridgeCreated { .. } => ("admin", Group, None),
        WorldEvent::Warning { .. } => ("other", Nothing, None),
    }
}

fn about_messagebox(event: &Event) -> (&'static str, Opens, Option<MessageId>) {
    use Opens::*;
    let on_message = |category, m: &MessageId| (category, Message(*m), Some(*m));
    match event {
        Event::ServiceAdded { owner } | Event::ServiceStateChanged { owner, .. } => {
            ("admin", Service(owner.clone()), None)
        }
        Event::SubscriptionCreated { subscription, .. }
        | Event::SubscriptionStateChanged { subscription, .. } => {
            ("admin", Subscription(*subscription), None)
        }
        Event::HostStateChanged { host, .. } => ("admin", Host(host.clone()), None),
        Event::ServiceRemoved { .. }
        | Event::SubscriptionRemoved { .. }
        | Event::Resumed { .. }
        | Event::Terminated { .. }
        | Event::ReportRemoved { .. } => ("admin", Nothing, None),
        Event::Published { message, .. } => on_message("publish", message),
        Event::Evaluated { message, .. }
        | Event::Queued { message, .. }
        | Event::Held { message, .. } => on_message("route", message),
        Event::Released { owner, .. } => ("route", Service(owner.clone()), None),
        Event::ConvoyMatched { instance, .. } => ("route", Instance(*instance), None),
        Event::Delivered { message, .. } => on_message("deliver", message),
        Event::InstanceActivated {
            instance, message, ..
        } => ("instance", Instance(*instance), Some(*message)),
        Event::ConvoySetCreated { instance, .. } | Event::InstanceCompleted { instance } => {
            ("instance", Instance(*instance), None)
        }
        Event::RoutingFailed { message, .. } | Event::ActivationLoopDetected { message, .. } => {
            on_message("failure", message)
        }
        // The line opens the error message; it belongs to the failed message's lifecycle.
        Event::ErrorMessagePublished {
            failed_message,
            error_message,
            ..
        } => ("failure", Message(*error_message), Some(*failed_message)),
        Event::CommandRefused { .. } => ("failure", Nothing, None),
    }
}

/// Simulated time as mm:ss.mmm.
pub fn clock(ms: u64) -> String {
    format!("{:02}:{:02}.{:03}", ms / 60_000, ms / 1000 % 60, ms % 1000)
}
