//! The scenarios shipped with the app, compiled into the engine so the browser needs no fetch.

use super::summary::{ScenarioError, ScenarioSummary};

/// A shipped scenario: its file name, its parsed summary, and its text (to build its world).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShippedScenario {
    pub file: &'static str,
    pub summary: ScenarioSummary,
    pub text: &'static str,
}

/// The shipped scenario files, the default one first.
const FILES: &[(&str, &str)] = &[
    (
        "default.json",
        include_str!("../../../scenarios/default.json"),
    ),
    (
        "split-groups.json",
        include_str!("../../../scenarios/split-groups.json"),
    ),
    ("empty.json", include_str!("../../../scenarios/empty.json")),
];

/// Every shipped scenario, default first. A shipped file that fails to parse is a build defect, so it is
/// reported with its file name rather than skipped.
pub fn shipped() -> Result<Vec<ShippedScenario>, ScenarioError> {
    FILES
        .iter()
        .map(|(file, text)| {
            ScenarioSummary::from_json(text)
                .map(|summary| ShippedScenario {
                    file,
                    summary,
                    text,
                })
                .map_err(|e| ScenarioError {
                    field: format!("{file}: {}", e.field),
                    reason: e.reason,
                })
        })
        .collect()
}
