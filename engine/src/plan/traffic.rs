//! The subscriptions that leave with the application, and the source group's traffic so far sorted
//! by what the move does to it: messages only the moved subscribers took (a routing failure in the
//! source without a bridge, so they must cross the link), messages they took among others (a copy
//! crosses), and messages the moved orchestrations publish to each other (they stay inside the
//! target group). Counted per message type, with the rate at the run's virtual time.

use crate::messagebox::{Owner, SubscriptionKind};
use crate::world::World;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeavingSubscription {
    pub owner: String,
    /// "activation", or "instance" (a running instance's convoy or correlation).
    pub kind: String,
    pub filter: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KindCount {
    /// The message type's root name.
    pub kind: String,
    pub count: usize,
    /// Per virtual minute of the run so far.
    pub per_minute: f64,
    /// Up to five request ids among them.
    pub requests: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Crossing {
    pub kind: String,
    pub count: usize,
    pub per_minute: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Traffic {
    /// What the counts are taken from.
    pub basis: String,
    /// Published by what stays, taken only by what moves: no subscriber left without a bridge.
    pub stranded: Vec<KindCount>,
    /// Everything taken by what moves and published by what stays: it crosses the link.
    pub crossing: Vec<Crossing>,
    /// Published and taken by what moves (stage traffic, interrupts): stays inside the target.
    pub inside: Vec<KindCount>,
}

/// The owners of the application's services.
pub(crate) fn moved_owners(world: &World, from: &str, application: &str) -> BTreeSet<Owner> {
    let Some(app) = world.groups[from]
        .applications
        .iter()
        .find(|a| a.name == application)
    else {
        return BTreeSet::new();
    };
    app.orchestrations
        .iter()
        .map(|o| Owner::Orchestration(o.name.clone()))
        .chain(
            app.send_ports
                .iter()
                .map(|p| Owner::SendPort(p.name.clone())),
        )
        .chain(
            app.send_port_groups
                .iter()
                .map(|p| Owner::SendPortGroup(p.name.clone())),
        )
        .collect()
}

pub fn leaving(world: &World, from: &str, application: &str) -> Vec<LeavingSubscription> {
    let owners = moved_owners(world, from, application);
    let mb = &world.groups[from].messagebox;
    let schema = mb.schema();
    let mut out: Vec<LeavingSubscription> = Vec::new();
    let mut instances: BTreeMap<String, usize> = BTreeMap::new();
    for s in mb
        .state()
        .subscriptions
        .values()
        .filter(|s| owners.contains(&s.owner))
    {
        match s.kind {
            SubscriptionKind::Activation => out.push(LeavingSubscription {
                owner: s.owner.to_string(),
                kind: "activation".into(),
                filter: s.filter.to_orchestration(schema),
            }),
            SubscriptionKind::Instance(_) => {
                *instances.entry(s.owner.to_string()).or_default() += 1
            }
        }
    }
    out.extend(instances.into_iter().map(|(owner, n)| LeavingSubscription {
        owner,
        kind: "instance".into(),
        filter: format!("{n} running instance subscription(s): they end with the full stop"),
    }));
    out
}

pub fn traffic(world: &World, from: &str, application: &str) -> Traffic {
    let owners = moved_owners(world, from, application);
    let names: BTreeSet<&str> = owners.iter().map(|o| o.name()).collect();
    let moved_publisher = |p: &str| {
        owners
            .iter()
            .any(|o| matches!(o, Owner::Orchestration(_)) && p == o.to_string())
    };
    let summary = world.summary();
    let minutes = world.now() as f64 / 60_000.0;
    // Under 3 virtual seconds a rate says nothing (and would be huge): none is given.
    let rate = |n: usize| {
        if minutes >= 0.05 {
            n as f64 / minutes
        } else {
            0.0
        }
    };
    let mut stranded: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    let mut crossing: BTreeMap<String, usize> = BTreeMap::new();
    let mut inside: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    let mut seen = 0;
    if let Some(g) = summary.groups.get(from) {
        for m in &g.messages {
            seen += 1;
            let takers: Vec<&String> = m.copies.iter().chain(&m.waiting).collect();
            let moved = takers.iter().filter(|t| names.contains(t.as_str())).count();
            if moved == 0 {
                continue;
            }
            let kind = m
                .message_type
                .as_deref()
                .map(|t| t.rsplit('#').next().unwrap_or(t).to_string())
                .unwrap_or_else(|| "(untyped)".into());
            let note = |map: &mut BTreeMap<String, (usize, Vec<String>)>| {
                let e = map.entry(kind.clone()).or_default();
                e.0 += 1;
                if let Some(r) = &m.request {
                    if e.1.len() < 5 && !e.1.contains(r) {
                        e.1.push(r.clone());
                    }
                }
            };
            if moved_publisher(&m.publisher) {
                note(&mut inside);
                continue;
            }
            *crossing.entry(kind.clone()).or_default() += 1;
            if moved == takers.len() {
                note(&mut stranded);
            }
        }
    }
    let counts = |map: BTreeMap<String, (usize, Vec<String>)>| {
        map.into_iter()
            .map(|(kind, (count, requests))| KindCount {
                per_minute: rate(count),
                kind,
                count,
                requests,
            })
            .collect()
    };
    Traffic {
        basis: if seen == 0 {
            format!(
                "No message has been published in {from} yet in this run, so there is nothing to \
                 count: run some orders first (Compare runs them without and with the move)"
            )
        } else if minutes < 0.05 {
            format!(
                "Counted from the {seen} messages published in {from} so far; the run is at virtual \
                 time {:.1} s, too early for a rate",
                minutes * 60.0
            )
        } else {
            format!(
                "Counted from the {seen} messages published in {from} in the first {minutes:.1} \
                 virtual minutes of this run"
            )
        },
        stranded: counts(stranded),
        crossing: crossing
            .into_iter()
            .map(|(kind, count)| Crossing {
                per_minute: rate(count),
                kind,
                count,
            })
            .collect(),
        inside: counts(inside),
    }
}
