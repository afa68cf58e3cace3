//! Under the header after Copy link: the link in a field (selectable where the clipboard is refused),
//! or, for a run too long for a link, why and its file instead.

use super::dispatch::use_dispatch;
use crate::browser_share::page_url;
use crate::lab::share::{ShareLink, LINK_LIMIT};
use crate::lab::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub link: ShareLink,
}

#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let on = use_dispatch();
    let body = match &props.link {
        ShareLink::Link(fragment) => html! {
            <>
                <label>{ "Link to this run at this step (copied): " }
                    <input type="text" readonly=true data-testid="share-link" value={page_url(fragment)}
                           onfocus={Callback::from(|e: FocusEvent| {
                               let i: web_sys::HtmlInputElement = e.target_unchecked_into();
                               i.select();
                           })} />
                </label>
                <span class="hint">{ "Opening it replays the scenario and your actions to the same step." }</span>
            </>
        },
        ShareLink::TooLong(bytes) => html! {
            <>
                <span data-testid="share-too-long">{ format!(
                    "This run's link would be {:.1} KB, over the {} KB a link carries safely (an imported file is part of the run). Share the run's file instead.",
                    *bytes as f64 / 1024.0, LINK_LIMIT / 1024) }</span>
                <button data-testid="btn-download-run" onclick={on.reform(|_| Action::DownloadRun)}>{ "Download the run" }</button>
            </>
        },
    };
    html! {
        <div class="share-panel" role="status" data-testid="share-panel">
            { body }
            <button aria-label="Close" onclick={on.reform(|_| Action::CloseShare)}>{ "×" }</button>
        </div>
    }
}
