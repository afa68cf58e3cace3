//! The time controls' region. The controls themselves need the simulation's clock, which is not built yet,
//! so the region says so instead of showing buttons that would do nothing.

use yew::prelude::*;

#[component]
pub fn Controls() -> Html {
    html! {
        <section class="controls" data-testid="controls" aria-label="Time controls">
            <h2 class="region-label">{ "Controls" }</h2>
            <p class="placeholder-note">
                { "Play, step, speed and the timeline arrive with the simulation clock." }
            </p>
        </section>
    }
}
