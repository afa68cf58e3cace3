//! Engine events for the event log: the engine's own kind and sentence, plus what only the app knows:
//! the category the log filters by, what to open in the inspector when the line is clicked, and the
//! message the line is about.

use super::Selection;
use messagebox_engine::matcher::SubId;
use messagebox_engine::message::MessageId;
use messagebox_engine::messagebox::{Event, InstanceId, Owner, RefId};
use messagebox_engine::world::{Traced, World, WorldEvent};

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

/// Like `describe`, for the screen: an event that names only a reference (resumed, terminated, released,
/// a convoy match) is told by the message the reference carries, found in the world's MessageBox or in
/// the events before it (`before`: the kept events that came before `t`), and it belongs to that
/// message's lifecycle and opens it.
pub fn describe_in(t: &Traced, world: &World, before: &[Traced]) -> Described {
    let mut d = describe(t);
    let WorldEvent::MessageBox { event } = &t.event else {
        return d;
    };
    let reference = match event {
        Event::Resumed { reference }
        | Event::Terminated { reference }
        | Event::Released { reference, .. }
        | Event::ConvoyMatched { reference, .. } => *reference,
        _ => return d,
    };
    let Some(message) = message_of_reference(world, before, &t.group, reference) else {
        return d;
    };
    d.text = match event {
        Event::Resumed { .. } => format!("message {message} resumed ({reference})"),
        Event::Terminated { .. } => format!("message {message} terminated ({reference})"),
        Event::Released { owner, .. } => {
            format!("message {message}, held for {owner}, released to its work queue ({reference})")
        }
        Event::ConvoyMatched { instance, .. } => format!(
            "message {message} went to instance {}, which holds its convoy set ({reference})",
            instance.0
        ),
        _ => unreachable!("only reference events reach here"),
    };
    d.message = Some(message.0);
    if !matches!(event, Event::ConvoyMatched { .. }) {
        d.link = Opens::Message(message).selection(&t.group);
    }
    d
}

/// How far back `message_of_reference` looks: a reference's own events are close to it.
const LOOK_BACK: usize = 5_000;

/// The message a reference carries: from the group's MessageBox while the reference is live, else from
/// the latest of the events `before` (at most `LOOK_BACK` back) that names both.
pub fn message_of_reference(
    world: &World,
    before: &[Traced],
    group: &str,
    reference: RefId,
) -> Option<MessageId> {
    if let Some(r) = world
        .group(group)
        .and_then(|g| g.messagebox.state().references.get(&reference))
    {
        return Some(r.message);
    }
    before
        .iter()
        .rev()
        .take(LOOK_BACK)
        .filter(|t| t.group == group)
        .find_map(|t| {
            let WorldEvent::MessageBox { event } = &t.event else {
                return None;
            };
            match event {
                Event::Queued {
                    reference: r,
                    message,
                    ..
                }
                | Event::Held {
                    reference: r,
                    message,
                    ..
                }
                | Event::Delivered {
                    reference: r,
                    message,
                    ..
                }
                | Event::RoutingFailed {
                    reference: r,
                    message,
                    ..
                }
                | Event::ActivationLoopDetected {
                    reference: r,
                    message,
                    ..
                } if *r == reference => Some(*message),
                _ => None,
            }
        })
}

/// A resume that published a suspended message again: the message resumed and the new message the
/// MessageBox published for it (every publish takes a new number).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Republished {
    pub original: MessageId,
    pub reference: RefId,
    pub new: MessageId,
}

/// Every resume in the trace that published its message again, in order: a `Resumed` event directly
/// followed, in its group, by the new message's `Published` (the engine emits them together).
pub fn republished(world: &World, trace: &[Traced], group: &str) -> Vec<Republished> {
    let events: Vec<(usize, &Traced)> = trace
        .iter()
        .enumerate()
        .filter(|(_, t)| t.group == group)
        .collect();
    events
        .windows(2)
        .filter_map(|pair| {
            let [(i, a), (_, b)] = pair else { return None };
            let WorldEvent::MessageBox {
                event: Event::Resumed { reference },
            } = &a.event
            else {
                return None;
            };
            let WorldEvent::MessageBox {
                event: Event::Published { message: new, .. },
            } = &b.event
            else {
                return None;
            };
            let original = message_of_reference(world, &trace[..*i], group, *reference)?;
            Some(Republished {
                original,
                reference: *reference,
                new: *new,
            })
        })
        .collect()
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
