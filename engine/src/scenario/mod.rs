//! Scenarios: the versioned JSON files under `scenarios/` that describe a simulation's starting point.

mod catalog;
mod summary;

pub use catalog::{shipped, ShippedScenario};
pub use summary::{GroupSummary, ScenarioError, ScenarioSummary, FORMAT_VERSION};
