//! A run's outcome in a few lines per group: what every message reached, how every instance ended,
//! what is suspended, and the routing failure reports. `mbx run` prints it; golden tests compare it.

use super::{TransmissionState, World, WorldEvent};
use crate::messagebox::{Event, Owner, RefState};
use crate::orchestration::{eval_field, InstanceState};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub time: u64,
    pub events: usize,
    pub groups: BTreeMap<String, GroupSummary>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupSummary {
    pub messages: Vec<MessageSummary>,
    pub instances: Vec<InstanceSummary>,
    /// Suspended references (held messages, routing failures): reference id, owner or "routing failure".
    pub suspended_messages: Vec<String>,
    pub suspended_transmissions: Vec<String>,
    pub routing_failure_reports: Vec<String>,
    /// Messages received at each endpoint.
    pub endpoints: BTreeMap<String, usize>,
    pub log: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageSummary {
    pub id: u64,
    pub publisher: String,
    /// The CSR request id, for messages that carry one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_type: Option<String>,
    /// Subscribers that received a copy.
    pub copies: Vec<String>,
    /// Subscribers whose copy waits (held for a stopped subscriber, queued for a stopped host).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waiting: Vec<String>,
    pub routing_failure: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InstanceSummary {
    pub id: u64,
    pub orchestration: String,
    pub state: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The request ids of the order messages it consumed.
    pub requests: Vec<String>,
}

fn owner_name(owner: &Owner) -> String {
    owner.name().to_string()
}

impl World {
    pub fn summary(&self) -> Summary {
        let mut groups = BTreeMap::new();
        for (name, g) in &self.groups {
            let mb = &g.messagebox;
            let mut s = GroupSummary::default();
            let mut publishers = BTreeMap::new();
            for t in self.trace().iter().filter(|t| &t.group == name) {
                match &t.event {
                    WorldEvent::MessageBox {
                        event: Event::Published { message, publisher },
                    } => {
                        publishers.insert(*message, publisher.clone());
                    }
                    WorldEvent::Logged { text, .. } => s.log.push(text.clone()),
                    _ => {}
                }
            }
            for (id, message) in &mb.state().messages {
                let refs: Vec<_> = mb.references_of(*id).collect();
                let targets = |pred: &dyn Fn(&RefState) -> bool| -> Vec<String> {
                    refs.iter()
                        .filter(|r| pred(&r.state))
                        .filter_map(|r| match &r.target {
                            crate::messagebox::Target::Subscriber { owner, .. } => {
                                Some(owner_name(owner))
                            }
                            crate::messagebox::Target::Unrouted { .. } => None,
                        })
                        .collect()
                };
                s.messages.push(MessageSummary {
                    id: id.0,
                    publisher: publishers.get(id).cloned().unwrap_or_default(),
                    request: eval_field(message.body(), "ReqId")
                        .or_else(|| eval_field(message.body(), "RequestID")),
                    message_type: message.message_type(),
                    copies: targets(&|st| matches!(st, RefState::Delivered { .. })),
                    waiting: targets(&|st| {
                        matches!(st, RefState::Queued { .. } | RefState::Suspended { .. })
                    }),
                    routing_failure: refs
                        .iter()
                        .any(|r| matches!(r.target, crate::messagebox::Target::Unrouted { .. })),
                });
                for r in refs
                    .iter()
                    .filter(|r| matches!(r.state, RefState::Suspended { .. }))
                {
                    let what = match &r.target {
                        crate::messagebox::Target::Subscriber { owner, .. } => owner_name(owner),
                        crate::messagebox::Target::Unrouted { .. } => "routing failure".into(),
                    };
                    s.suspended_messages
                        .push(format!("ref {} of message {}: {what}", r.id.0, id.0));
                }
            }
            for run in g.runs.values() {
                let requests = mb
                    .state()
                    .instances
                    .get(&run.id)
                    .map(|i| {
                        i.consumed
                            .iter()
                            .filter_map(|m| {
                                mb.message(*m).and_then(|m| {
                                    eval_field(m.body(), "RequestID")
                                        .or_else(|| eval_field(m.body(), "ReqId"))
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let state = match &run.state {
                    InstanceState::Active => "active".to_string(),
                    InstanceState::Waiting => "waiting".to_string(),
                    InstanceState::Dehydrated => "dehydrated".to_string(),
                    InstanceState::SuspendedResumable { error } => {
                        format!("suspended (resumable): {error}")
                    }
                    InstanceState::SuspendedNotResumable { error } => {
                        format!("suspended (not resumable): {error}")
                    }
                    InstanceState::Completed => "completed".to_string(),
                    InstanceState::Terminated { reason } => format!("terminated: {reason}"),
                };
                s.instances.push(InstanceSummary {
                    id: run.id.0,
                    orchestration: run.orchestration.clone(),
                    state,
                    status: run.status.clone(),
                    requests,
                });
            }
            for t in g.transmissions.values() {
                if let TransmissionState::Suspended { resumable } = t.state {
                    s.suspended_transmissions.push(format!(
                        "instance {} of {} (message {}): {}",
                        t.id.0,
                        t.port,
                        t.message.0,
                        if resumable {
                            "resumable"
                        } else {
                            "not resumable"
                        }
                    ));
                }
            }
            for r in mb.state().reports.values() {
                s.routing_failure_reports.push(format!(
                    "report {} for message {} from {}",
                    r.id.0,
                    r.failed_message.0,
                    r.publisher.label()
                ));
            }
            s.endpoints = g
                .endpoints
                .iter()
                .map(|(n, e)| (n.clone(), e.received.len()))
                .collect();
            groups.insert(name.clone(), s);
        }
        Summary {
            time: self.now(),
            events: self.trace().len(),
            groups,
        }
    }
}
