//! The world's events: the MessageBox's, plus what orchestrations, ports and partner systems do. The
//! trace is every event with its time and group, in order.

use crate::message::MessageId;
use crate::messagebox::{Event, InstanceId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Traced {
    pub at: u64,
    pub group: String,
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
        exception: String,
        detail: String,
    },
    ExceptionCaught {
        instance: InstanceId,
        exception: String,
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
