//! `mbx plan-move`: what moving an application to another group implies, as JSON (the engine's move
//! planner on the scenario's world at its start), and with `--compare` the scenario's orders run
//! before and after the move, side by side.

use super::input;
use messagebox_engine::plan::{compare, plan_move};
use messagebox_engine::scenario::Scenario;
use std::path::Path;

pub fn run(path: &Path, application: &str, to: &str, with_comparison: bool) -> Result<(), String> {
    let text = input::read(path)?;
    let scenario = Scenario::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let world = scenario
        .build()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let plan = plan_move(&world, application, to).map_err(|e| format!("plan-move: {e}"))?;
    let mut out = serde_json::json!({ "plan": plan });
    if with_comparison {
        let comparison = compare(&world, &plan.commands).map_err(|e| format!("compare: {e}"))?;
        out["comparison"] = serde_json::to_value(comparison).expect("serialisable");
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&out).expect("a plan always serialises")
    );
    Ok(())
}
