//! Dequeueing in batches (domain.md 1.8: host instances' dequeue threads take work off the queue a batch
//! at a time): a burst of orders queued at one moment is delivered over several dispatches of at most
//! `DEQUEUE_BATCH` references each, in the same order, so no single step's work grows with the burst,
//! and every order still reaches its own OrderManager.

mod common;

use common::*;
use messagebox_engine::messagebox::Event;
use messagebox_engine::world::WorldEvent;
use messagebox_engine::world::DEQUEUE_BATCH;

const BURST: usize = 450;

#[test]
fn a_burst_is_delivered_in_bounded_batches_and_every_order_gets_its_manager() {
    let script = (0..BURST)
        .map(|i| {
            (
                0,
                order(
                    &format!("R-{i}"),
                    "3",
                    &format!("{}", 5000 + i),
                    1,
                    "NS",
                    "NEW",
                ),
            )
        })
        .collect();
    let mut w = record(scenario_with(script).build().unwrap());
    let mut largest = 0;
    let mut batches = 0;
    while let Some(events) = w.step() {
        let delivered = events
            .iter()
            .filter(|t| {
                matches!(
                    t.event,
                    WorldEvent::MessageBox {
                        event: Event::Delivered { .. }
                    }
                )
            })
            .count();
        assert!(
            delivered <= DEQUEUE_BATCH,
            "{delivered} deliveries in one step"
        );
        if delivered == DEQUEUE_BATCH {
            batches += 1;
        }
        largest = largest.max(events.len());
    }
    // The burst's first dispatch alone had 450 deliveries: now it takes full batches.
    assert!(batches >= BURST / DEQUEUE_BATCH, "{batches} full batches");
    assert!(
        largest <= 8 * DEQUEUE_BATCH,
        "a step handed out {largest} events"
    );
    let managers = w
        .world
        .all_runs(SEA)
        .into_iter()
        .filter(|r| r.orchestration == "OrderManager");
    let completed = managers.filter(|r| r.state.is_finished()).count();
    assert_eq!(completed, BURST);
    // The tallies kept as work ends say the same, without walking the history.
    assert_eq!(w.world.ended(SEA)["OrderManager"].completed, BURST);
}
