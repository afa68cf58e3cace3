//! The same orders before and after the move, side by side: the world at its start is run to its end
//! twice (deterministic), once as it is and once with the move's commands applied, and each order's
//! outcome (who received it, the instances it ran in and how they ended, a routing failure) is put
//! beside the other. A recorded run (the app's actions: imports, submitted orders, changed states) is
//! replayed on both sides up to the step where the move would be applied.

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
    /// The step (agenda items run) at which the after side applied the move; 0 is the start.
    pub moved_at_step: u64,
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

/// An action of a recorded run and the step at which it was taken (after that many agenda items ran).
#[derive(Clone, Debug, PartialEq)]
pub struct TimedCommand {
    pub step: u64,
    pub command: Command,
}

/// Runs `world` to its end, applying each action at its step, then `inserted` (if any) at its step.
fn run(
    mut world: World,
    actions: &[TimedCommand],
    inserted: Option<(u64, &[Command])>,
) -> Result<(World, bool), String> {
    world.set_retention(Retention::Keep);
    let mut next = actions.iter().enumerate().peekable();
    let mut steps: u64 = 0;
    loop {
        while let Some((i, a)) = next.next_if(|(_, a)| a.step <= steps) {
            world
                .apply(a.command.clone())
                .map_err(|e| format!("the run's action {} (step {}): {e}", i + 1, a.step))?;
        }
        if let Some((at, commands)) = inserted.filter(|(at, _)| *at == steps) {
            for c in commands {
                world
                    .apply(c.clone())
                    .map_err(|e| format!("the move at step {at}: {e}"))?;
            }
        }
        if world.step().is_none() {
            break;
        }
        steps += 1;
        if steps >= STEP_LIMIT as u64 {
            return Ok((world, true));
        }
    }
    Ok((world, false))
}

/// Runs `start` to its end without and with `commands` applied first, and compares every order.
pub fn compare(start: &World, commands: &[Command]) -> Result<Comparison, String> {
    compare_run(start, &[], 0, commands)
}

/// Replays a recorded run from `start` with its `actions` taken up to step `at` (later ones are left
/// out on both sides, as applying the move there would discard them), then runs it to its end without
/// and with `commands` applied at step `at`, and compares every order.
pub fn compare_run(
    start: &World,
    actions: &[TimedCommand],
    at: u64,
    commands: &[Command],
) -> Result<Comparison, String> {
    let taken = &actions[..actions.partition_point(|a| a.step <= at)];
    let (before, cut_before) = run(start.clone(), taken, None)?;
    let (after, cut_after) = run(start.clone(), taken, Some((at, commands)))?;
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
        moved_at_step: at,
        truncated: cut_before || cut_after,
    })
}
