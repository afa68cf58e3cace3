//! `mbx run`: runs a scenario headlessly and prints its outcome, or its event trace.

use super::input;
use messagebox_engine::scenario::Scenario;
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
    world.advance_to(until);
    if trace {
        for t in world.trace() {
            println!("{}", serde_json::to_string(t).map_err(|e| e.to_string())?);
        }
    } else {
        println!(
            "{}",
            serde_json::to_string_pretty(&world.summary()).map_err(|e| e.to_string())?
        );
    }
    Ok(())
}
