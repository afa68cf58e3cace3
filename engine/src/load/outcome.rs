//! What happened to each order, folded from a run's summary: the instances that consumed its messages
//! and how they ended, and where its messages went. Times and ids are left out, so the outcome of an
//! order is the same whether it ran among thousands or alone.

use crate::world::{InstanceSummary, MessageSummary, Retired, Summary};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// An instance that consumed one of the order's messages.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct InstanceOutcome {
    pub group: String,
    pub orchestration: String,
    pub state: String,
    pub status: Option<String>,
}

/// The outcome of one request (keyed by `ReqId` / `RequestID`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OrderOutcome {
    /// Sorted; an instance that consumed several of the order's messages counts once.
    pub instances: Vec<InstanceOutcome>,
    /// Whether a message carrying the request had no subscriber.
    pub routing_failure: bool,
    /// `group/subscriber` for every subscriber that received a copy of a message carrying the request.
    pub copies: BTreeSet<String>,
    /// The root names of those messages (the broker's `CSR_OrderError` is the one sign of an unassigned
    /// order: its routing failure rolls back the atomic scope, so nothing unrouted is stored, 10.5 M7).
    pub message_types: BTreeSet<String>,
}

/// Every request's outcome in a finished run's summary.
pub fn outcomes(summary: &Summary) -> BTreeMap<String, OrderOutcome> {
    let mut fold = OutcomeFold::default();
    fold.summary(summary);
    fold.finish()
}

/// Orders' outcomes folded piece by piece: from finished work as the world hands it out, then from what
/// is still live at the end. Holds one small record per order, nothing per message.
#[derive(Clone, Debug, Default)]
pub struct OutcomeFold {
    out: BTreeMap<String, OrderOutcome>,
}

impl OutcomeFold {
    pub fn retired(&mut self, r: &Retired) {
        match r {
            Retired::Message { group, record } => {
                self.message(group, &MessageSummary::of_retired(record))
            }
            Retired::Instance { group, record } => {
                if let Some(i) = InstanceSummary::of_retired(record) {
                    self.instance(group, &i);
                }
            }
        }
    }

    pub fn summary(&mut self, summary: &Summary) {
        for (group, g) in &summary.groups {
            for m in &g.messages {
                self.message(group, m);
            }
            for i in &g.instances {
                self.instance(group, i);
            }
        }
    }

    fn message(&mut self, group: &str, m: &MessageSummary) {
        let Some(request) = &m.request else { return };
        let o = self.out.entry(request.clone()).or_default();
        o.routing_failure |= m.routing_failure;
        o.copies
            .extend(m.copies.iter().map(|c| format!("{group}/{c}")));
        if let Some(t) = &m.message_type {
            o.message_types
                .insert(t.rsplit('#').next().unwrap_or(t).to_string());
        }
    }

    fn instance(&mut self, group: &str, i: &InstanceSummary) {
        let requests: BTreeSet<&String> = i.requests.iter().collect();
        for request in requests {
            self.out
                .entry(request.clone())
                .or_default()
                .instances
                .push(InstanceOutcome {
                    group: group.to_string(),
                    orchestration: i.orchestration.clone(),
                    state: i.state.clone(),
                    status: i.status.clone(),
                });
        }
    }

    pub fn finish(mut self) -> BTreeMap<String, OrderOutcome> {
        for o in self.out.values_mut() {
            o.instances.sort();
        }
        self.out
    }
}
