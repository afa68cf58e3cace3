//! The import's summary in its group's panel: one sentence (added or updated, what it holds, how many
//! warnings) and the warnings listed under it.

use crate::lab::import_summary::{thousands, ImportSummary};
use crate::lab::Action;
use yew::prelude::*;

/// At most this many warnings are listed (a 20,000-port file can warn once per port).
const WARNINGS_SHOWN: usize = 200;

pub fn import_summary_view(s: &ImportSummary, on: &Callback<Action>) -> Html {
    let more = s.warnings.len().saturating_sub(WARNINGS_SHOWN);
    html! {
        <section class="import-summary" data-testid="import-summary" role="status" aria-label="What the import did">
            <p><strong>{ "Imported. " }</strong>{ s.headline() }</p>
            if !s.warnings.is_empty() {
                <details open={s.warnings.len() <= 10}>
                    <summary>{ format!("Warnings: what the file holds that the simulator does not model ({})", thousands(s.warnings.len())) }</summary>
                    <ul data-testid="import-warnings">
                        { for s.warnings.iter().take(WARNINGS_SHOWN).map(|w| html! { <li>{ w.clone() }</li> }) }
                    </ul>
                    if more > 0 { <p class="hint">{ format!("and {} more, also in the event log", thousands(more)) }</p> }
                </details>
            }
            <button class="link" data-testid="btn-dismiss-import-summary" onclick={on.reform(|_| Action::DismissImportSummary)}>{ "Dismiss" }</button>
        </section>
    }
}
