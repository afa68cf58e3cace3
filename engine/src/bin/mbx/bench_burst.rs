//! `mbx bench-burst`: the app's compose burst, natively: N distinct new orders (order ids from 1000)
//! submitted at once into the default scenario, run to the end with every finished piece of work kept
//! (as the app keeps it). Prints one JSON line; `make bench-ui` sets the page's Run to end against it.

use messagebox_engine::bpm::csr_request;
use messagebox_engine::scenario::{self, Scenario};
use messagebox_engine::world::Command;
use serde_json::json;
use std::time::Instant;

pub fn run(orders: usize) -> Result<(), String> {
    let shipped = scenario::shipped().map_err(|e| e.to_string())?;
    let default = shipped.first().ok_or("no shipped scenario")?;
    let start = Instant::now();
    let mut world = Scenario::from_shipped(default.text)
        .and_then(|s| s.build())
        .map_err(|e| e.to_string())?;
    let mut events = 0usize;
    for i in 0..orders {
        let id = (1000 + i).to_string();
        let body = csr_request(&format!("R-{}", 1000 + i), "1", &id, 1, "NS", "NEW");
        let command = Command::Submit {
            group: "SRV-SEA".into(),
            location: "Order-RP-TestRL".into(),
            body,
        };
        events += world.apply(command).map_err(|e| e.to_string())?.len();
    }
    while let Some(step) = world.step() {
        events += step.len();
    }
    let wall = start.elapsed().as_secs_f64();
    println!(
        "{}",
        json!({"orders": orders, "events": events, "virtual_ms": world.now(), "wall_s": wall,
               "events_per_s": events as f64 / wall})
    );
    Ok(())
}
