//! `mbx run`: runs a scenario headlessly and prints its outcome, or its event trace.

use super::input;
use messagebox_engine::scenario::Scenario;
use messagebox_engine::world::{Retention, SummaryBuilder};
use std::io::Write;
use std::path::Path;

/// How long after the last scripted command a run goes on by default.
const AFTER_SCRIPT_MS: u64 = 60_000;

pub fn run(path: &Path, seed: Option<u64>, until: Option<u64>, trace: bool) -> Result<(), String> {
    let text = input::read(path)?;
    let mut scenario =
        Scenario::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Some(seed) = seed {
        scenario.seed = seed;
    }
    let mut world = scenario
        .build()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let until = until.unwrap_or_else(|| {
        scenario.script.iter().map(|s| s.at).max().unwrap_or(0) + AFTER_SCRIPT_MS
    });
    // The run hands its events and its finished work out as it goes: the trace is streamed, the summary
    // folded, and neither is held whole in memory.
    world.set_retention(Retention::HandOut);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut summary = SummaryBuilder::new();
    while world.next_due().is_some_and(|t| t <= until) {
        let events = world.step().unwrap_or_default();
        for t in &events {
            if trace {
                let line = serde_json::to_string(t).map_err(|e| e.to_string())?;
                writeln!(out, "{line}").map_err(|e| e.to_string())?;
            } else {
                summary.event(t);
            }
        }
        for r in world.take_retired() {
            summary.retired(&r);
        }
    }
    world.advance_to(until);
    if !trace {
        let text =
            serde_json::to_string_pretty(&summary.finish(&world)).map_err(|e| e.to_string())?;
        writeln!(out, "{text}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}
