//! The side panel: the chosen scenario's description now; the inspector and lessons later.

use messagebox_engine::scenario::ScenarioSummary;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SidePanelProps {
    pub scenario: Option<ScenarioSummary>,
}

#[component]
pub fn SidePanel(props: &SidePanelProps) -> Html {
    html! {
        <aside class="side-panel" data-testid="side-panel" aria-label="Side panel">
            <h2 class="region-label">{ "Scenario" }</h2>
            if let Some(scenario) = &props.scenario {
                <h3 data-testid="scenario-title">{ scenario.title.clone() }</h3>
                <p>{ scenario.summary.clone() }</p>
            } else {
                <p>{ "No scenario is loaded." }</p>
            }
            <h2 class="region-label">{ "Inspector" }</h2>
            <p class="placeholder-note">
                { "Select a message, port or orchestration to inspect it (arrives with the simulation)." }
            </p>
        </aside>
    }
}
