//! Scenarios: the versioned JSON files under `scenarios/` that describe a simulation's starting point.

mod catalog;
mod load;
mod model;
mod save;
mod summary;

pub use catalog::{shipped, ShippedScenario};
pub use load::orchestration_def;
pub(crate) use load::{add_application, deploy_properties, promotions_of};
pub use model::{
    ApplicationSpec, EndpointSpec, GroupSpec, HostSpec, OrchestrationSpec, PropertySpec, Scenario,
    ScriptItem,
};
pub use save::scenario_of;
pub use summary::{GroupSummary, ScenarioError, ScenarioSummary, FORMAT_VERSION};
