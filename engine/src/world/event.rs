//! The world's events: the MessageBox's, plus what orchestrations, ports and partner systems do. The
//! trace is every event with its time and group, in order.

use crate::message::MessageId;
use crate::messagebox::{Event, InstanceId};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Traced {
    pub at: u64,
    pub group: compact_str::CompactString,
    pub event: WorldEvent,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum WorldEvent {
    MessageBox {
        event: Event,
    },
    /// A receive location took a message and its pipeline published it.
    Received {
        location: String,
        message: MessageId,
    },
    /// A subscriber's filter was replaced (the filter editor's Apply).
    FilterChanged {
        owner: crate::messagebox::Owner,
        filter: String,
    },
    ReceiveLocationChanged {
        location: String,
        enabled: bool,
    },
    InstanceStarted {
        instance: InstanceId,
        orchestration: String,
    },
    Consumed {
        instance: InstanceId,
        port: String,
        message: MessageId,
    },
    Sent {
        instance: InstanceId,
        port: String,
        message: MessageId,
    },
    Waiting {
        instance: InstanceId,
    },
    Dehydrated {
        instance: InstanceId,
    },
    Rehydrated {
        instance: InstanceId,
    },
    ExceptionThrown {
        instance: InstanceId,
        exception: super::ExceptionKind,
        detail: String,
    },
    ExceptionCaught {
        instance: InstanceId,
        exception: super::ExceptionKind,
        scope: String,
    },
    InstanceSuspended {
        instance: InstanceId,
        resumable: bool,
        error: String,
    },
    InstanceResumed {
        instance: InstanceId,
    },
    InstanceCompleted {
        instance: InstanceId,
        status: Option<String>,
    },
    InstanceTerminated {
        instance: InstanceId,
        reason: String,
    },
    /// An event-log entry written by an orchestration.
    Logged {
        instance: InstanceId,
        text: String,
    },
    /// A delivered message that no running instance could take (a zombie, domain.md 1.12).
    Discarded {
        instance: InstanceId,
        message: MessageId,
    },
    TransmitAttempt {
        transmission: InstanceId,
        port: String,
        message: MessageId,
        endpoint: String,
        attempt: u32,
        backup: bool,
    },
    Transmitted {
        transmission: InstanceId,
        port: String,
        message: MessageId,
        endpoint: String,
    },
    TransmitFailed {
        transmission: InstanceId,
        port: String,
        endpoint: String,
        retry_at: Option<u64>,
    },
    MovedToBackup {
        transmission: InstanceId,
        port: String,
    },
    TransmissionSuspended {
        transmission: InstanceId,
        port: String,
        message: MessageId,
        resumable: bool,
    },
    /// A delivery notification nobody subscribed to: discarded, not suspended (domain.md 1.10).
    AckDiscarded {
        port: String,
    },
    EndpointChanged {
        endpoint: String,
        available: bool,
    },
    ResponderChanged {
        responder: String,
        running: bool,
    },
    /// A partner system answered: the reply arrives at its receive location.
    ResponderReplied {
        responder: String,
    },
    ConfigChanged {
        key: String,
    },
    /// A send port put a message on the wire to another group's (or this group's) receive location.
    WireSent {
        /// The send port that transmitted.
        port: String,
        message: MessageId,
        to: String,
        location: String,
        arrives_at: u64,
    },
    LinkChanged {
        a: String,
        b: String,
        up: bool,
    },
    ApplicationImported {
        application: String,
    },
    ApplicationStarted {
        application: String,
    },
    ApplicationStopped {
        application: String,
        mode: super::StopMode,
    },
    ApplicationRemoved {
        application: String,
    },
    BridgeCreated {
        send_port: String,
        to: String,
        receive_port: String,
    },
    /// Something the engine wants the user to know (an orchestration enlisted on both ends of a bridge).
    Warning {
        text: String,
    },
}

impl WorldEvent {
    /// The event's name, as its serialised `kind` tag spells it; a MessageBox event gives its own.
    pub fn kind(&self) -> &'static str {
        match self {
            WorldEvent::MessageBox { event } => event.kind(),
            WorldEvent::Received { .. } => "received",
            WorldEvent::FilterChanged { .. } => "filterChanged",
            WorldEvent::ReceiveLocationChanged { .. } => "receiveLocationChanged",
            WorldEvent::InstanceStarted { .. } => "instanceStarted",
            WorldEvent::Consumed { .. } => "consumed",
            WorldEvent::Sent { .. } => "sent",
            WorldEvent::Waiting { .. } => "waiting",
            WorldEvent::Dehydrated { .. } => "dehydrated",
            WorldEvent::Rehydrated { .. } => "rehydrated",
            WorldEvent::ExceptionThrown { .. } => "exceptionThrown",
            WorldEvent::ExceptionCaught { .. } => "exceptionCaught",
            WorldEvent::InstanceSuspended { .. } => "instanceSuspended",
            WorldEvent::InstanceResumed { .. } => "instanceResumed",
            WorldEvent::InstanceCompleted { .. } => "instanceCompleted",
            WorldEvent::InstanceTerminated { .. } => "instanceTerminated",
            WorldEvent::Logged { .. } => "logged",
            WorldEvent::Discarded { .. } => "discarded",
            WorldEvent::TransmitAttempt { .. } => "transmitAttempt",
            WorldEvent::Transmitted { .. } => "transmitted",
            WorldEvent::TransmitFailed { .. } => "transmitFailed",
            WorldEvent::MovedToBackup { .. } => "movedToBackup",
            WorldEvent::TransmissionSuspended { .. } => "transmissionSuspended",
            WorldEvent::AckDiscarded { .. } => "ackDiscarded",
            WorldEvent::EndpointChanged { .. } => "endpointChanged",
            WorldEvent::ResponderChanged { .. } => "responderChanged",
            WorldEvent::ResponderReplied { .. } => "responderReplied",
            WorldEvent::ConfigChanged { .. } => "configChanged",
            WorldEvent::WireSent { .. } => "wireSent",
            WorldEvent::LinkChanged { .. } => "linkChanged",
            WorldEvent::ApplicationImported { .. } => "applicationImported",
            WorldEvent::ApplicationStarted { .. } => "applicationStarted",
            WorldEvent::ApplicationStopped { .. } => "applicationStopped",
            WorldEvent::ApplicationRemoved { .. } => "applicationRemoved",
            WorldEvent::BridgeCreated { .. } => "bridgeCreated",
            WorldEvent::Warning { .. } => "warning",
        }
    }
}

/// One English line a learner can read; a MessageBox event reads as its own.
impl fmt::Display for WorldEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorldEvent::MessageBox { event } => write!(f, "{event}"),
            WorldEvent::Received { location, message } => {
                write!(f, "message {message} received at {location}")
            }
            WorldEvent::FilterChanged { owner, filter } => {
                write!(f, "{owner}: filter set to {filter}")
            }
            WorldEvent::ReceiveLocationChanged { location, enabled } => write!(
                f,
                "receive location {location} {}",
                if *enabled { "enabled" } else { "disabled" }
            ),
            WorldEvent::InstanceStarted {
                instance,
                orchestration,
            } => write!(f, "{orchestration} instance {} started", instance.0),
            WorldEvent::Consumed {
                instance,
                port,
                message,
            } => write!(
                f,
                "instance {} took message {message} on {port}",
                instance.0
            ),
            WorldEvent::Sent {
                instance,
                port,
                message,
            } => write!(
                f,
                "instance {} sent message {message} on {port}",
                instance.0
            ),
            WorldEvent::Waiting { instance } => {
                write!(f, "instance {} waits for a message", instance.0)
            }
            WorldEvent::Dehydrated { instance } => write!(
                f,
                "instance {} dehydrated (idle, saved to the database)",
                instance.0
            ),
            WorldEvent::Rehydrated { instance } => {
                write!(f, "instance {} rehydrated", instance.0)
            }
            WorldEvent::ExceptionThrown {
                instance,
                exception,
                detail,
            } => {
                write!(f, "instance {} threw {exception}", instance.0)?;
                if !detail.is_empty() {
                    write!(f, ": {detail}")?;
                }
                Ok(())
            }
            WorldEvent::ExceptionCaught {
                instance,
                exception,
                scope,
            } => write!(
                f,
                "instance {} caught {exception} in {scope}",
                instance.0
            ),
            WorldEvent::InstanceSuspended {
                instance,
                resumable,
                error,
            } => write!(
                f,
                "instance {} suspended ({}): {error}",
                instance.0,
                if *resumable {
                    "resumable"
                } else {
                    "not resumable"
                }
            ),
            WorldEvent::InstanceResumed { instance } => {
                write!(f, "instance {} resumed", instance.0)
            }
            WorldEvent::InstanceCompleted { instance, status } => match status {
                Some(s) => write!(f, "instance {} completed ({s})", instance.0),
                None => write!(f, "instance {} completed", instance.0),
            },
            WorldEvent::InstanceTerminated { instance, reason } => {
                write!(f, "instance {} terminated: {reason}", instance.0)
            }
            WorldEvent::Logged { instance, text } => {
                write!(f, "instance {} logged: {text}", instance.0)
            }
            WorldEvent::Discarded { instance, message } => write!(
                f,
                "message {message} discarded: instance {} could not take it",
                instance.0
            ),
            WorldEvent::TransmitAttempt {
                transmission,
                port,
                message,
                endpoint,
                attempt,
                backup,
            } => write!(
                f,
                "send port {port} tries to send message {message} to {endpoint} (attempt {attempt}{}, transmission {})",
                if *backup { ", backup transport" } else { "" },
                transmission.0
            ),
            WorldEvent::Transmitted {
                port,
                message,
                endpoint,
                ..
            } => write!(f, "send port {port} sent message {message} to {endpoint}"),
            WorldEvent::TransmitFailed {
                port,
                endpoint,
                retry_at,
                ..
            } => match retry_at {
                Some(at) => write!(
                    f,
                    "send port {port} could not reach {endpoint}; retry at {}",
                    clock(*at)
                ),
                None => write!(
                    f,
                    "send port {port} could not reach {endpoint}; no retries left"
                ),
            },
            WorldEvent::MovedToBackup { port, .. } => {
                write!(f, "send port {port} moved to its backup transport")
            }
            WorldEvent::TransmissionSuspended {
                port,
                message,
                resumable,
                ..
            } => write!(
                f,
                "send port {port}: transmission of message {message} suspended ({})",
                if *resumable {
                    "resumable"
                } else {
                    "not resumable"
                }
            ),
            WorldEvent::AckDiscarded { port } => write!(
                f,
                "a delivery notification from send port {port} was discarded: nobody subscribed"
            ),
            WorldEvent::EndpointChanged {
                endpoint,
                available,
            } => write!(
                f,
                "endpoint {endpoint} {}",
                if *available {
                    "available"
                } else {
                    "unavailable"
                }
            ),
            WorldEvent::ResponderChanged { responder, running } => write!(
                f,
                "partner system {responder} {}",
                if *running { "running" } else { "stopped" }
            ),
            WorldEvent::ResponderReplied { responder } => {
                write!(f, "partner system {responder} replied")
            }
            WorldEvent::ConfigChanged { key } => write!(f, "configuration {key} changed"),
            WorldEvent::WireSent {
                port,
                message,
                to,
                location,
                arrives_at,
            } => write!(
                f,
                "send port {port} put message {message} on the wire to {to} / {location}, arriving at {}",
                clock(*arrives_at)
            ),
            WorldEvent::LinkChanged { a, b, up } => {
                write!(f, "link {a} - {b} {}", if *up { "restored" } else { "cut" })
            }
            WorldEvent::ApplicationImported { application } => {
                write!(f, "application {application} imported")
            }
            WorldEvent::ApplicationStarted { application } => {
                write!(f, "application {application} started")
            }
            WorldEvent::ApplicationStopped { application, mode } => write!(
                f,
                "application {application} stopped ({})",
                stop_mode(*mode)
            ),
            WorldEvent::ApplicationRemoved { application } => {
                write!(f, "application {application} removed")
            }
            WorldEvent::BridgeCreated {
                send_port,
                to,
                receive_port,
            } => write!(
                f,
                "bridge created: send port {send_port} to {to} / receive port {receive_port}"
            ),
            WorldEvent::Warning { text } => write!(f, "warning: {text}"),
        }
    }
}

/// Simulated time as mm:ss.mmm, as the app's clock shows it.
fn clock(ms: u64) -> String {
    format!("{:02}:{:02}.{:03}", ms / 60_000, ms / 1000 % 60, ms % 1000)
}

fn stop_mode(mode: super::StopMode) -> &'static str {
    match mode {
        super::StopMode::AllowRunning => "partial stop: running instances continue",
        super::StopMode::Suspend => "partial stop: running instances suspended",
        super::StopMode::Full => "full stop: instances terminated",
    }
}
