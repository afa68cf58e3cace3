//! Running a loaded world in chunks of virtual time, counting its events as they come and dropping them,
//! so a long run never holds more than one chunk's events.

use super::outcome::{OrderOutcome, OutcomeFold};
use crate::messagebox::Event;
use crate::scenario::Scenario;
use crate::world::{Retention, SummaryBuilder, Traced, World, WorldEvent};
use std::collections::BTreeMap;

/// One virtual second per `advance_to`.
pub const CHUNK_MS: u64 = 1_000;
/// How long after the last scripted command a run may go on (as `mbx run`): retries and held orders
/// settle well within it.
pub const SETTLE_MS: u64 = 60_000;

/// What a run produced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunCounts {
    pub events: u64,
    /// MessageBox `Published` events.
    pub publishes: u64,
    /// The virtual time the run stopped at.
    pub end_ms: u64,
}

/// The latest a run of this scenario goes on to: `SETTLE_MS` after its last scripted command.
pub fn horizon(scenario: &Scenario) -> u64 {
    scenario
        .script
        .iter()
        .map(|item| item.at)
        .max()
        .unwrap_or(0)
        + SETTLE_MS
}

/// Advances `world` until nothing is scheduled or the next work is due after `horizon`, folding each
/// order's outcome from the finished work the world hands out (it keeps none), and from what is still
/// live at the end. `each` sees every event as it comes (to stream a trace).
pub fn drive(
    world: &mut World,
    horizon: u64,
    mut each: impl FnMut(&Traced),
) -> (RunCounts, BTreeMap<String, OrderOutcome>) {
    world.set_retention(Retention::HandOut);
    let mut fold = OutcomeFold::default();
    let mut counts = RunCounts::default();
    while world.next_due().is_some_and(|due| due <= horizon) {
        let until = (world.now() + CHUNK_MS).min(horizon);
        let events = world.advance_to(until);
        for r in world.take_retired() {
            fold.retired(&r);
        }
        for traced in events {
            each(&traced);
            counts.events += 1;
            if matches!(
                traced.event,
                WorldEvent::MessageBox {
                    event: Event::Published { .. }
                }
            ) {
                counts.publishes += 1;
            }
        }
    }
    counts.end_ms = world.now();
    fold.summary(&SummaryBuilder::new().finish(world));
    (counts, fold.finish())
}
