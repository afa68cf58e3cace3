//! A group's physical configuration: receive ports and locations with their pipelines, send port
//! transports, property promotions, endpoints and simulated partner systems (domain.md 4).

use crate::messagebox::ServiceState;
use serde::{Deserialize, Serialize};

/// A receive pipeline. XmlReceive promotes the message type and the properties of the deployed property
/// schema; PassThru promotes neither, only the engine's own properties (domain.md 1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pipeline {
    XmlReceive,
    PassThru,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReceiveLocationDef {
    pub name: String,
    /// The endpoint (queue, folder, URL) the location reads from.
    pub address: String,
    pub transport_type: String,
    pub pipeline: Pipeline,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReceivePortDef {
    pub name: String,
    #[serde(default)]
    pub two_way: bool,
    /// "Enable routing for failed messages" (domain.md 4.1).
    #[serde(default)]
    pub failed_message_routing: bool,
    pub locations: Vec<ReceiveLocationDef>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransportDef {
    pub transport_type: String,
    /// The endpoint it writes to. A dynamic port takes its address from the message instead.
    pub address: String,
}

/// A send port as configured (domain.md 4.2). Its subscription side lives in the MessageBox.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SendPortDef {
    pub name: String,
    #[serde(default = "default_host")]
    pub host: String,
    /// In any notation; empty for none.
    #[serde(default)]
    pub filter: String,
    pub transport: TransportDef,
    #[serde(default)]
    pub backup: Option<TransportDef>,
    #[serde(default = "default_retry_count")]
    pub retry_count: u32,
    #[serde(default = "default_retry_interval")]
    pub retry_interval_ms: u64,
    #[serde(default = "default_priority")]
    pub priority: u8,
    #[serde(default)]
    pub ordered_delivery: bool,
    /// With ordered delivery: a failure suspends the port's later messages too.
    #[serde(default)]
    pub stop_on_failure: bool,
    #[serde(default = "started")]
    pub state: ServiceState,
}

pub fn default_host() -> String {
    "BizTalkServerApplication".into()
}

/// domain.md 4.2: retry count 3, interval 5 minutes, priority 5.
fn default_retry_count() -> u32 {
    3
}

fn default_retry_interval() -> u64 {
    5 * 60 * 1000
}

fn default_priority() -> u8 {
    5
}

pub fn started() -> ServiceState {
    ServiceState::Started
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SendPortGroupDef {
    pub name: String,
    pub members: Vec<String>,
    #[serde(default)]
    pub filter: String,
    #[serde(default = "started")]
    pub state: ServiceState,
}

/// Which element of which message type a property schema promotes into which property.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Promotion {
    pub message_type: String,
    pub element: String,
    pub property: String,
}

/// Somewhere messages are delivered to, which can be made unavailable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    pub available: bool,
    pub received: Vec<crate::message::MessageId>,
}

/// A simulated partner system (the BPM's facilities system): for each message it takes at its endpoint
/// it sends a reply to a receive location, after a delay, while it runs. Stopped, it keeps the requests
/// (the queue holds them) and answers when started again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResponderDef {
    pub name: String,
    pub endpoint: String,
    pub reply_location: String,
    pub delay_ms: u64,
    /// Up to this much more delay, drawn from the world's seeded RNG.
    #[serde(default)]
    pub jitter_ms: u64,
    #[serde(default = "yes")]
    pub running: bool,
    pub reply_namespace: String,
    pub reply_root: String,
    /// Request elements copied into the reply.
    pub copy_fields: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Responder {
    pub def: ResponderDef,
    /// Requests taken while stopped (their bodies), answered on start.
    pub waiting: Vec<String>,
}
