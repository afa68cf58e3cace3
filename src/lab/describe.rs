//! Engine events in words, for the event log: a kind to filter by, a sentence, and what to open in the
//! inspector when the line is clicked.

use super::Selection;
use messagebox_engine::messagebox::Event;
use messagebox_engine::world::{Traced, WorldEvent};

pub struct Described {
    pub kind: &'static str,
    pub text: String,
    pub link: Option<Selection>,
    /// The message the event is about, for the log's message filter.
    pub message: Option<u64>,
}

pub const KINDS: &[&str] = &[
    "publish", "route", "deliver", "failure", "instance", "port", "admin", "link", "other",
];

pub fn describe(t: &Traced) -> Described {
    let g = t.group.clone();
    let msg = |id: u64| {
        Some(Selection::Message {
            group: g.clone(),
            id,
        })
    };
    let inst = |id: u64| {
        Some(Selection::Instance {
            group: g.clone(),
            id,
        })
    };
    let d = |kind, text: String, link, message| Described {
        kind,
        text,
        link,
        message,
    };
    match &t.event {
        WorldEvent::MessageBox { event } => match event {
            Event::Published { message, publisher } => d(
                "publish",
                format!("message #{} published by {publisher}", message.0),
                msg(message.0),
                Some(message.0),
            ),
            Event::Evaluated { message, matched } => d(
                "route",
                format!(
                    "message #{} matched {} subscription{}",
                    message.0,
                    matched.len(),
                    if matched.len() == 1 { "" } else { "s" }
                ),
                msg(message.0),
                Some(message.0),
            ),
            Event::Queued { message, owner, .. } => d(
                "route",
                format!("message #{} queued for {owner}", message.0),
                msg(message.0),
                Some(message.0),
            ),
            Event::Held { message, owner, .. } => d(
                "route",
                format!("message #{} held: {owner} is stopped", message.0),
                msg(message.0),
                Some(message.0),
            ),
            Event::Delivered {
                message,
                owner,
                instance,
                ..
            } => d(
                "deliver",
                match instance {
                    Some(i) => format!(
                        "message #{} delivered to {owner} (instance {})",
                        message.0, i.0
                    ),
                    None => format!("message #{} delivered to {owner}", message.0),
                },
                msg(message.0),
                Some(message.0),
            ),
            Event::RoutingFailed { message, .. } => d(
                "failure",
                format!("routing failure: no subscriber for message #{}", message.0),
                msg(message.0),
                Some(message.0),
            ),
            Event::InstanceActivated {
                instance,
                owner,
                message,
            } => d(
                "instance",
                format!(
                    "{owner} activated as instance {} by message #{}",
                    instance.0, message.0
                ),
                inst(instance.0),
                Some(message.0),
            ),
            Event::ServiceStateChanged { owner, to, .. } => {
                d("admin", format!("{owner} is now {to}"), None, None)
            }
            Event::HostStateChanged { host, running } => d(
                "admin",
                format!(
                    "host {host} {}",
                    if *running { "started" } else { "stopped" }
                ),
                None,
                None,
            ),
            Event::SubscriptionCreated {
                subscription,
                owner,
                filter,
            } => d(
                "admin",
                format!(
                    "subscription {} created for {owner}: {filter}",
                    subscription.0
                ),
                Some(Selection::Subscription {
                    group: g.clone(),
                    id: subscription.0,
                }),
                None,
            ),
            Event::SubscriptionRemoved {
                subscription,
                owner,
            } => d(
                "admin",
                format!("subscription {} of {owner} removed", subscription.0),
                None,
                None,
            ),
            Event::ConvoySetCreated {
                instance, values, ..
            } => d(
                "instance",
                format!(
                    "instance {} now receives the convoy of ({})",
                    instance.0,
                    values
                        .iter()
                        .map(|v| v.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                inst(instance.0),
                None,
            ),
            Event::ConvoyMatched { instance, .. } => d(
                "route",
                format!("a convoy match went to running instance {}", instance.0),
                inst(instance.0),
                None,
            ),
            Event::Released { owner, .. } => d(
                "route",
                format!("a held message for {owner} was released to its queue"),
                None,
                None,
            ),
            Event::InstanceCompleted { instance } => d(
                "instance",
                format!("instance {} left the MessageBox", instance.0),
                inst(instance.0),
                None,
            ),
            Event::CommandRefused { reason } => {
                d("failure", format!("refused: {reason}"), None, None)
            }
            other => d("other", format!("{other:?}"), None, None),
        },
        WorldEvent::Received { location, message } => d(
            "publish",
            format!("message #{} received at {location}", message.0),
            msg(message.0),
            Some(message.0),
        ),
        WorldEvent::InstanceStarted {
            instance,
            orchestration,
        } => d(
            "instance",
            format!("{orchestration} instance {} started", instance.0),
            inst(instance.0),
            None,
        ),
        WorldEvent::Consumed {
            instance,
            port,
            message,
        } => d(
            "instance",
            format!(
                "instance {} took message #{} on {port}",
                instance.0, message.0
            ),
            inst(instance.0),
            Some(message.0),
        ),
        WorldEvent::Sent {
            instance,
            port,
            message,
        } => d(
            "instance",
            format!(
                "instance {} sent message #{} on {port}",
                instance.0, message.0
            ),
            msg(message.0),
            Some(message.0),
        ),
        WorldEvent::InstanceSuspended {
            instance, error, ..
        } => d(
            "failure",
            format!("instance {} suspended: {error}", instance.0),
            inst(instance.0),
            None,
        ),
        WorldEvent::InstanceCompleted { instance, status } => d(
            "instance",
            format!(
                "instance {} completed{}",
                instance.0,
                status
                    .as_ref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default()
            ),
            inst(instance.0),
            None,
        ),
        WorldEvent::InstanceTerminated { instance, reason } => d(
            "instance",
            format!("instance {} terminated: {reason}", instance.0),
            inst(instance.0),
            None,
        ),
        WorldEvent::Waiting { instance } => d(
            "instance",
            format!("instance {} waits for a message", instance.0),
            inst(instance.0),
            None,
        ),
        WorldEvent::Dehydrated { instance } => d(
            "instance",
            format!(
                "instance {} dehydrated (idle, saved to the database)",
                instance.0
            ),
            inst(instance.0),
            None,
        ),
        WorldEvent::Rehydrated { instance } => d(
            "instance",
            format!("instance {} rehydrated", instance.0),
            inst(instance.0),
            None,
        ),
        WorldEvent::Discarded { instance, message } => d(
            "failure",
            format!(
                "message #{} discarded: instance {} could not take it",
                message.0, instance.0
            ),
            msg(message.0),
            Some(message.0),
        ),
        WorldEvent::Logged { text, .. } => d("other", format!("log: {text}"), None, None),
        WorldEvent::ExceptionThrown {
            instance,
            exception,
            ..
        } => d(
            "failure",
            format!("instance {} threw {exception}", instance.0),
            inst(instance.0),
            None,
        ),
        WorldEvent::Transmitted {
            port,
            message,
            endpoint,
            ..
        } => d(
            "port",
            format!("{port} sent message #{} to {endpoint}", message.0),
            msg(message.0),
            Some(message.0),
        ),
        WorldEvent::TransmitAttempt {
            port,
            message,
            endpoint,
            attempt,
            backup,
            ..
        } => d(
            "port",
            format!(
                "{port} tries to send message #{} to {endpoint} (attempt {attempt}{})",
                message.0,
                if *backup { ", backup transport" } else { "" }
            ),
            msg(message.0),
            Some(message.0),
        ),
        WorldEvent::MovedToBackup { port, .. } => d(
            "port",
            format!("{port} moved to its backup transport"),
            None,
            None,
        ),
        WorldEvent::AckDiscarded { port } => d(
            "port",
            format!("a delivery notification from {port} was discarded: nobody subscribed"),
            None,
            None,
        ),
        WorldEvent::ResponderReplied { responder } => {
            d("port", format!("{responder} replied"), None, None)
        }
        WorldEvent::ExceptionCaught {
            instance,
            exception,
            scope,
        } => d(
            "instance",
            format!("instance {} caught {exception} in {scope}", instance.0),
            inst(instance.0),
            None,
        ),
        WorldEvent::InstanceResumed { instance } => d(
            "instance",
            format!("instance {} resumed", instance.0),
            inst(instance.0),
            None,
        ),
        WorldEvent::TransmitFailed {
            port,
            endpoint,
            retry_at,
            ..
        } => d(
            "failure",
            match retry_at {
                Some(at) => format!("{port} could not reach {endpoint}; retry at {}", clock(*at)),
                None => format!("{port} could not reach {endpoint}; no retries left"),
            },
            None,
            None,
        ),
        WorldEvent::TransmissionSuspended { port, message, .. } => d(
            "failure",
            format!("{port}: transmission of message #{} suspended", message.0),
            msg(message.0),
            Some(message.0),
        ),
        WorldEvent::WireSent {
            to,
            location,
            arrives_at,
        } => d(
            "link",
            format!(
                "on the wire to {to} / {location}, arriving at {}",
                clock(*arrives_at)
            ),
            None,
            None,
        ),
        WorldEvent::LinkChanged { a, b, up } => d(
            "link",
            format!("link {a} - {b} {}", if *up { "restored" } else { "cut" }),
            None,
            None,
        ),
        WorldEvent::Warning { text } => d("other", format!("warning: {text}"), None, None),
        other => d("admin", admin_text(other), None, None),
    }
}

fn admin_text(event: &WorldEvent) -> String {
    match event {
        WorldEvent::ReceiveLocationChanged { location, enabled } => format!(
            "receive location {location} {}",
            if *enabled { "enabled" } else { "disabled" }
        ),
        WorldEvent::FilterChanged { owner, filter } => format!("{owner}: filter set to {filter}"),
        WorldEvent::ApplicationImported { application } => format!("{application} imported"),
        WorldEvent::ApplicationStarted { application } => format!("{application} started"),
        WorldEvent::ApplicationStopped { application, .. } => format!("{application} stopped"),
        WorldEvent::ApplicationRemoved { application } => format!("{application} removed"),
        WorldEvent::BridgeCreated {
            send_port,
            to,
            receive_port,
        } => format!("bridge created: {send_port} to {to} / {receive_port}"),
        WorldEvent::EndpointChanged {
            endpoint,
            available,
        } => format!(
            "endpoint {endpoint} {}",
            if *available {
                "available"
            } else {
                "unavailable"
            }
        ),
        WorldEvent::ResponderChanged { responder, running } => format!(
            "{responder} {}",
            if *running { "running" } else { "stopped" }
        ),
        other => format!("{other:?}"),
    }
}

/// Simulated time as mm:ss.mmm.
pub fn clock(ms: u64) -> String {
    format!("{:02}:{:02}.{:03}", ms / 60_000, ms / 1000 % 60, ms % 1000)
}
