//! The event log's region: every engine event will be listed here, filterable.

use yew::prelude::*;

#[component]
pub fn EventLog() -> Html {
    html! {
        <section class="event-log" data-testid="event-log" aria-label="Event log">
            <h2 class="region-label">{ "Event log" }</h2>
            <p class="placeholder-note">{ "No events yet: the simulation has not run." }</p>
        </section>
    }
}
