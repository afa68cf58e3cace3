//! What happened to each order, folded from a run's summary: the instances that consumed its messages
//! and how they ended, and where its messages went. Times and ids are left out, so the outcome of an
//! order is the same whether it ran among thousands or alone.

use crate::world::Summary;
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

/// Every request's outcome. Separate from how the summary was obtained (a finished world's
/// `summary()` today, a summary built while streaming later).
pub fn outcomes(summary: &Summary) -> BTreeMap<String, OrderOutcome> {
    let mut out: BTreeMap<String, OrderOutcome> = BTreeMap::new();
    for (group, g) in &summary.groups {
        for m in &g.messages {
            let Some(request) = &m.request else { continue };
            let o = out.entry(request.clone()).or_default();
            o.routing_failure |= m.routing_failure;
            o.copies
                .extend(m.copies.iter().map(|c| format!("{group}/{c}")));
            if let Some(t) = &m.message_type {
                o.message_types
                    .insert(t.rsplit('#').next().unwrap_or(t).to_string());
            }
        }
        for i in &g.instances {
            let requests: BTreeSet<&String> = i.requests.iter().collect();
            for request in requests {
                out.entry(request.clone())
                    .or_default()
                    .instances
                    .push(InstanceOutcome {
                        group: group.clone(),
                        orchestration: i.orchestration.clone(),
                        state: i.state.clone(),
                        status: i.status.clone(),
                    });
            }
        }
    }
    for o in out.values_mut() {
        o.instances.sort();
    }
    out
}
