//! `mbx bench-world`: runs N generated orders through a shipped scenario's deployment and prints one
//! JSON line with the work done, the wall time, the peak memory and a digest of the orders' outcomes.

use messagebox_engine::load::{self, Deployment};
use serde::Serialize;
use std::io::Write;
use std::time::Instant;

/// The printed line, fields in this order.
#[derive(Serialize)]
struct Line {
    scenario: String,
    orders: usize,
    families: usize,
    seed: u64,
    /// Virtual time the run ended at, and whether nothing was left scheduled then.
    virtual_ms: u64,
    settled: bool,
    events: u64,
    /// MessageBox `Published` events.
    publishes: u64,
    /// Building the world, running it and folding the outcomes as it goes.
    wall_s: f64,
    events_per_s: f64,
    publishes_per_s: f64,
    /// Peak resident memory (VmHWM); null where /proc is not there.
    peak_mb: Option<f64>,
    /// What the live state still holds at the end, over every group: finished work has left it, so
    /// only what waits for an administrator (suspended, routing failure reports) should remain.
    live: Live,
    digest: String,
}

#[derive(Serialize)]
struct Live {
    messages: usize,
    references: usize,
    instances: usize,
    completed_instances: usize,
    reports: usize,
}

fn live(world: &messagebox_engine::world::World) -> Live {
    let groups = || world.groups.values();
    Live {
        messages: groups().map(|g| g.messagebox.state().messages.len()).sum(),
        references: groups()
            .map(|g| g.messagebox.state().references.len())
            .sum(),
        instances: groups().map(|g| g.messagebox.state().instances.len()).sum(),
        completed_instances: groups()
            .flat_map(|g| g.runs.values())
            .filter(|r| r.state.is_finished())
            .count(),
        reports: groups().map(|g| g.messagebox.state().reports.len()).sum(),
    }
}

pub fn run(orders: usize, seed: u64, split: bool, trace: bool) -> Result<(), String> {
    if orders == 0 {
        return Err("--orders must be at least 1".into());
    }
    let deployment = if split {
        Deployment::Split
    } else {
        Deployment::OneGroup
    };
    let deployed = deployment.scenario().map_err(|e| e.to_string())?;
    let generated = load::generate(orders, seed);
    let scenario = load::with_load(&deployed, generated.script());
    let horizon = load::horizon(&scenario);

    let start = Instant::now();
    let mut world = scenario.build().map_err(|e| e.to_string())?;
    // With --trace every event is streamed out as a JSON line as it comes; none is kept.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = None;
    let (counts, outcomes) = load::drive(&mut world, horizon, |t| {
        if trace && failed.is_none() {
            let line = serde_json::to_string(t).map_err(|e| e.to_string());
            if let Err(e) = line.and_then(|l| writeln!(out, "{l}").map_err(|e| e.to_string())) {
                failed = Some(e);
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    out.flush().map_err(|e| e.to_string())?;
    let wall_s = start.elapsed().as_secs_f64().max(1e-9);

    let line = Line {
        scenario: scenario.id,
        orders,
        families: generated.families(),
        seed,
        virtual_ms: counts.end_ms,
        settled: world.next_due().is_none(),
        events: counts.events,
        publishes: counts.publishes,
        wall_s: round3(wall_s),
        events_per_s: (counts.events as f64 / wall_s).round(),
        publishes_per_s: (counts.publishes as f64 / wall_s).round(),
        peak_mb: peak_resident_mb(),
        live: live(&world),
        digest: load::digest(&outcomes),
    };
    let line = serde_json::to_string(&line).map_err(|e| e.to_string())?;
    // After a streamed trace, the result goes to standard error, so the trace stays JSON lines.
    if trace {
        eprintln!("{line}");
    } else {
        println!("{line}");
    }
    Ok(())
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The process's peak resident set (VmHWM) in MB, where /proc says it (Linux); `None` elsewhere.
fn peak_resident_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(round3(kb / 1024.0))
}
