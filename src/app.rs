//! The screen: header, topology canvas and side panel, controls, event log (design.md section 4).

use crate::components::{Canvas, Controls, EventLog, Header, SidePanel};
use crate::state::{Action, AppState};
use messagebox_engine::VERSION;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::load);
    let on_select = {
        let state = state.clone();
        Callback::from(move |index| state.dispatch(Action::SelectScenario(index)))
    };
    let titles: Vec<AttrValue> = match &state.catalog {
        Ok(all) => all
            .iter()
            .map(|s| AttrValue::from(s.summary.title.clone()))
            .collect(),
        Err(_) => Vec::new(),
    };
    let scenario = state.selected_scenario().map(|s| s.summary.clone());

    html! {
        <div class="app">
            <Header engine_version={VERSION} {titles} selected={state.selected} {on_select} />
            if let Err(reason) = &state.catalog {
                <p class="app-error" role="alert" data-testid="catalog-error">
                    { format!("The shipped scenarios could not be read: {reason}") }
                </p>
            }
            <main class="workspace">
                <Canvas groups={scenario.as_ref().map(|s| s.groups.clone()).unwrap_or_default()} />
                <SidePanel {scenario} />
            </main>
            <Controls />
            <EventLog />
        </div>
    }
}
