//! A run's outcome in a few lines per group: what every message reached, how every instance ended,
//! what is suspended, and the routing failure reports. `mbx run` prints it; golden tests compare it.

use super::archive::{Retired, RetiredInstance};
use super::{Traced, TransmissionState, World, WorldEvent};
use crate::message::{root_and_texts, Message, MessageId};
use crate::messagebox::{
    MessageBox, MessageRef, Owner, Publisher, RefState, RetiredMessage, Target,
};
use crate::orchestration::{eval_field, InstanceState, Run};
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

/// The request ids (ReqId / RequestID) of these messages, for those still live.
pub(crate) fn requests_of(mb: &MessageBox, messages: &[MessageId]) -> Vec<String> {
    messages
        .iter()
        .filter_map(|m| mb.message(*m).and_then(|m| request_of(m.body())))
        .collect()
}

fn request_of(body: &str) -> Option<String> {
    eval_field(body, "RequestID").or_else(|| eval_field(body, "ReqId"))
}

fn message_summary(
    message: &Message,
    publisher: Option<&Publisher>,
    refs: &[&MessageRef],
) -> MessageSummary {
    let targets = |pred: &dyn Fn(&RefState) -> bool| -> Vec<String> {
        refs.iter()
            .filter(|r| pred(&r.state))
            .filter_map(|r| match &r.target {
                Target::Subscriber { owner, .. } => Some(owner_name(owner)),
                Target::Unrouted { .. } => None,
            })
            .collect()
    };
    // One pass over the body for the request id and the type.
    let (message_type, mut texts) = root_and_texts(message.body(), &["ReqId", "RequestID"])
        .map_or((None, Default::default()), |(root, texts)| {
            (Some(root), texts)
        });
    MessageSummary {
        id: message.id().0,
        publisher: publisher.map(Publisher::label).unwrap_or_default(),
        request: texts.remove("ReqId").or_else(|| texts.remove("RequestID")),
        message_type,
        copies: targets(&|st| matches!(st, RefState::Delivered { .. })),
        waiting: targets(&|st| matches!(st, RefState::Queued { .. } | RefState::Suspended { .. })),
        routing_failure: refs
            .iter()
            .any(|r| matches!(r.target, Target::Unrouted { .. })),
    }
}

fn instance_summary(run: &Run, requests: Vec<String>) -> InstanceSummary {
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
    InstanceSummary {
        id: run.id.0,
        orchestration: run.orchestration.clone(),
        state,
        status: run.status.clone(),
        requests,
    }
}

impl MessageSummary {
    pub fn of_retired(record: &RetiredMessage) -> Self {
        let refs: Vec<&MessageRef> = record.references.iter().collect();
        message_summary(&record.message, record.publisher.as_ref(), &refs)
    }
}

impl InstanceSummary {
    /// An orchestration instance's summary; `None` for a transmission.
    pub fn of_retired(record: &RetiredInstance) -> Option<Self> {
        match record {
            RetiredInstance::Orchestration { run, requests, .. } => {
                Some(instance_summary(run, requests.clone()))
            }
            _ => None,
        }
    }
}

/// A summary folded as the run goes: finished work as it is retired, event-log lines as they are
/// written, and, at the end, what is still live. One pass, whatever the run's length.
#[derive(Clone, Debug, Default)]
pub struct SummaryBuilder {
    events: usize,
    groups: BTreeMap<String, Folded>,
}

#[derive(Clone, Debug, Default)]
struct Folded {
    messages: BTreeMap<u64, MessageSummary>,
    instances: BTreeMap<u64, InstanceSummary>,
    log: Vec<String>,
}

impl SummaryBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn event(&mut self, t: &Traced) {
        self.events += 1;
        if let WorldEvent::Logged { text, .. } = &t.event {
            self.group(&t.group).log.push(text.clone());
        }
    }

    pub fn retired(&mut self, r: &Retired) {
        match r {
            Retired::Message { group, record } => {
                let m = MessageSummary::of_retired(record);
                self.group(group).messages.insert(m.id, m);
            }
            Retired::Instance { group, record } => {
                if let Some(i) = InstanceSummary::of_retired(record) {
                    self.group(group).instances.insert(i.id, i);
                }
            }
        }
    }

    fn group(&mut self, name: &str) -> &mut Folded {
        self.groups.entry(name.to_string()).or_default()
    }

    /// Adds what is still live in the world, and the counts and reports only the end knows.
    pub fn finish(mut self, world: &World) -> Summary {
        let mut groups = BTreeMap::new();
        for (name, g) in &world.groups {
            let mb = &g.messagebox;
            let folded = self.groups.remove(name).unwrap_or_default();
            let mut s = GroupSummary {
                log: folded.log,
                ..GroupSummary::default()
            };
            let mut messages = folded.messages;
            for (id, message) in &mb.state().messages {
                let refs: Vec<&MessageRef> = mb.references_of(*id).collect();
                messages.insert(id.0, message_summary(message, mb.publisher(*id), &refs));
                for r in refs
                    .iter()
                    .filter(|r| matches!(r.state, RefState::Suspended { .. }))
                {
                    let what = match &r.target {
                        Target::Subscriber { owner, .. } => owner_name(owner),
                        Target::Unrouted { .. } => "routing failure".into(),
                    };
                    s.suspended_messages
                        .push(format!("ref {} of message {}: {what}", r.id.0, id.0));
                }
            }
            s.messages = messages.into_values().collect();
            let mut instances = folded.instances;
            for run in g.runs.values() {
                let requests = mb
                    .state()
                    .instances
                    .get(&run.id)
                    .map(|i| requests_of(mb, &i.consumed))
                    .unwrap_or_default();
                instances.insert(run.id.0, instance_summary(run, requests));
            }
            s.instances = instances.into_values().collect();
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
            time: world.now(),
            events: self.events,
            groups,
        }
    }
}

impl World {
    /// The run's outcome from the live state and the archive (`Retention::Keep`; under the other
    /// retentions fold a `SummaryBuilder` instead, as `mbx run` does).
    pub fn summary(&self) -> Summary {
        let mut b = SummaryBuilder::new();
        for (name, archive) in &self.archive {
            for record in archive.messages.values() {
                b.retired(&Retired::Message {
                    group: name.clone(),
                    record: Box::new(record.clone()),
                });
            }
            for record in archive.instances.values() {
                b.retired(&Retired::Instance {
                    group: name.clone(),
                    record: Box::new(record.clone()),
                });
            }
            b.group(name).log = archive.log.iter().cloned().collect();
        }
        let mut summary = b.finish(self);
        summary.events = self.events_emitted();
        summary
    }
}
