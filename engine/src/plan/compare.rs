//! The same orders before and after the move, side by side: the world at its start is run to its end
//! twice (deterministic), once as it is and once with the move's commands applied first, and each
//! order's outcome (who received it, the instances it ran in and how they ended, a routing failure) is
//! put beside the other.

use crate::load::{outcomes, OrderOutcome};
use crate::world::{Command, Retention, World};
use serde::Serialize;

/// A run stops after this many steps: the comparison says so rather than running without end.
pub const STEP_LIMIT: usize = 2_000_000;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Side {
    /// `group/subscriber` for each subscriber that received a copy of one of the order's messages.
    pub received_by: Vec<String>,
    /// `group orchestration: state (status)` for each instance the order ran in.
    pub instances: Vec<String>,
    pub routing_failure: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderRow {
    pub request: String,
    pub before: Side,
    pub after: Side,
    pub changed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub rows: Vec<OrderRow>,
    /// A run hit `STEP_LIMIT` (its outcomes are those reached by then).
    pub truncated: bool,
}

fn side(o: Option<&OrderOutcome>) -> Side {
    let Some(o) = o else {
        return Side::default();
    };
    Side {
        received_by: o.copies.iter().cloned().collect(),
        instances: o
            .instances
            .iter()
            .map(|i| match &i.status {
                Some(s) => format!("{} {}: {} ({s})", i.group, i.orchestration, i.state),
                None => format!("{} {}: {}", i.group, i.orchestration, i.state),
            })
            .collect(),
        routing_failure: o.routing_failure,
    }
}

fn run(mut world: World, first: &[Command]) -> Result<(World, bool), String> {
    world.set_retention(Retention::Keep);
    for c in first {
        world.apply(c.clone()).map_err(|e| e.to_string())?;
    }
    let mut steps = 0;
    while world.step().is_some() {
        steps += 1;
        if steps >= STEP_LIMIT {
            return Ok((world, true));
        }
    }
    Ok((world, false))
}

/// Runs `start` to its end without and with `commands` applied first, and compares every order.
pub fn compare(start: &World, commands: &[Command]) -> Result<Comparison, String> {
    let (before, cut_before) = run(start.clone(), &[])?;
    let (after, cut_after) = run(start.clone(), commands)?;
    let (b, a) = (outcomes(&before.summary()), outcomes(&after.summary()));
    let mut requests: Vec<&String> = b.keys().chain(a.keys()).collect();
    requests.sort();
    requests.dedup();
    Ok(Comparison {
        rows: requests
            .into_iter()
            .map(|r| {
                let (before, after) = (side(b.get(r)), side(a.get(r)));
                OrderRow {
                    request: r.clone(),
                    changed: before != after,
                    before,
                    after,
                }
            })
            .collect(),
        truncated: cut_before || cut_after,
    })
}
