//! The subscribers a MessageBox serves — send ports, send port groups, orchestrations — and their
//! enlist / start / stop / unenlist state machine (domain.md 4.3, 4.4).

use crate::filter::Filter;
use crate::property::PropertyName;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A subscriber's administrative state. "Bound" in the docs' table is `Unenlisted` here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServiceState {
    Unenlisted,
    Stopped,
    Started,
}

impl fmt::Display for ServiceState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ServiceState::Unenlisted => "unenlisted",
            ServiceState::Stopped => "stopped",
            ServiceState::Started => "started",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminAction {
    Enlist,
    Start,
    Stop,
    Unenlist,
}

impl fmt::Display for AdminAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AdminAction::Enlist => "enlist",
            AdminAction::Start => "start",
            AdminAction::Stop => "stop",
            AdminAction::Unenlist => "unenlist",
        })
    }
}

impl ServiceState {
    /// The table of domain.md 4.4: start enlists first; unenlist stops first; the cells marked "–" are
    /// refused with the reason.
    pub fn after(self, action: AdminAction) -> Result<ServiceState, String> {
        use AdminAction::*;
        use ServiceState::*;
        match (self, action) {
            (Unenlisted, Enlist) => Ok(Stopped),
            (Unenlisted | Stopped, Start) => Ok(Started),
            (Started, Stop) => Ok(Stopped),
            (Stopped | Started, Unenlist) => Ok(Unenlisted),
            (Stopped | Started, Enlist) => Err("it is already enlisted".into()),
            (Started, Start) => Err("it is already started".into()),
            (Unenlisted, Stop) => Err("it is not enlisted, so it cannot be stopped".into()),
            (Stopped, Stop) => Err("it is already stopped".into()),
            (Unenlisted, Unenlist) => Err("it is not enlisted".into()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SendPortDef {
    pub name: String,
    /// The send handler's host.
    pub host: String,
    pub filter: Filter,
    /// 1 highest .. 10 lowest; 5 by default (domain.md 4.2).
    pub priority: u8,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SendPortGroupDef {
    pub name: String,
    pub members: Vec<String>,
    pub filter: Filter,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrchestrationDef {
    pub name: String,
    pub host: String,
    /// Orchestrations must be bound (their logical ports to physical ones) before they can be enlisted.
    pub bound: bool,
    /// The activating receive's message type, added to every AND-group (domain.md 1.7).
    pub message_type: Option<String>,
    pub activation_filter: Filter,
    /// Convoy correlation properties (at most 3), for a convoy's activation subscription.
    pub convoy: Option<Vec<PropertyName>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ServiceDef {
    SendPort(SendPortDef),
    SendPortGroup(SendPortGroupDef),
    Orchestration(OrchestrationDef),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub def: ServiceDef,
    pub state: ServiceState,
}

/// The filter of a subscriber's activation subscription: what BizTalk adds to the subscriber's own
/// filter when it enlists (domain.md 1.6, 1.7). A send port (group) also subscribes to its own id; an
/// orchestration's activating receive adds its message type to every AND-group.
pub fn activation_filter(def: &ServiceDef) -> Filter {
    use crate::filter::{Op, Predicate};
    use crate::property::bts;
    let system = |name: &str, value: &str| Predicate {
        property: PropertyName::parse(name).expect("system name"),
        op: Op::Eq,
        value: Some(value.to_string()),
    };
    match def {
        ServiceDef::SendPort(p) => {
            let mut groups = vec![vec![system(bts::SP_TRANSPORT_ID, &p.name)]];
            groups.extend(p.filter.groups.iter().cloned());
            Filter { groups }
        }
        ServiceDef::SendPortGroup(g) => {
            let mut groups = vec![vec![system(bts::SP_GROUP_ID, &g.name)]];
            groups.extend(g.filter.groups.iter().cloned());
            Filter { groups }
        }
        ServiceDef::Orchestration(o) => match &o.message_type {
            None => o.activation_filter.clone(),
            Some(t) if o.activation_filter.is_empty() => Filter {
                groups: vec![vec![system(bts::MESSAGE_TYPE, t)]],
            },
            Some(t) => Filter {
                groups: o
                    .activation_filter
                    .groups
                    .iter()
                    .map(|g| {
                        let mut g = g.clone();
                        g.push(system(bts::MESSAGE_TYPE, t));
                        g
                    })
                    .collect(),
            },
        },
    }
}
