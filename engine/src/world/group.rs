//! A BizTalk group: its own MessageBox, ports, endpoints, partner systems and running instances. Nothing
//! routes across groups (domain.md 5).

use super::config::{Endpoint, Promotion, ReceivePortDef, Responder, SendPortDef};
use super::transport::Transmission;
use crate::matcher::SubId;
use crate::messagebox::{InstanceId, MessageBox};
use crate::orchestration::Run;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    pub site: String,
    pub team: String,
    pub messagebox: MessageBox,
    pub receive_ports: Vec<ReceivePortDef>,
    pub send_ports: BTreeMap<String, SendPortDef>,
    pub promotions: Vec<Promotion>,
    pub endpoints: BTreeMap<String, Endpoint>,
    pub responders: Vec<Responder>,
    pub runs: BTreeMap<InstanceId, Run>,
    pub transmissions: BTreeMap<InstanceId, Transmission>,
    /// Instance subscriptions made by the runtime, and the instance and port each one feeds.
    pub instance_ports: BTreeMap<SubId, (InstanceId, String)>,
    /// Orchestrations enlisted in this group and their hosts.
    pub orchestration_hosts: BTreeMap<String, String>,
    /// Instances that were ready to run while their host was stopped.
    pub deferred: Vec<InstanceId>,
    /// The applications deployed in the group, as configured.
    pub applications: Vec<crate::scenario::ApplicationSpec>,
    /// What the live transmissions imply (messages they need, transmissions by port); derived.
    #[serde(skip)]
    pub sending: super::sending::Sending,
}

impl Group {
    /// The send port transmissions suspended after their retries (domain.md 4.2): with the suspended
    /// messages, what the Group Hub lists and the suspended queue counts.
    pub fn suspended_transmissions(&self) -> impl Iterator<Item = (&InstanceId, &Transmission)> {
        self.transmissions
            .iter()
            .filter(|(_, t)| matches!(t.state, super::TransmissionState::Suspended { .. }))
    }

    /// The receive port and location with this location name.
    pub fn location(&self, name: &str) -> Option<(&ReceivePortDef, usize)> {
        self.receive_ports.iter().find_map(|p| {
            p.locations
                .iter()
                .position(|l| l.name == name)
                .map(|i| (p, i))
        })
    }

    pub fn host_running(&self, host: &str) -> bool {
        self.messagebox
            .state()
            .hosts
            .get(host)
            .copied()
            .unwrap_or(true)
    }
}
