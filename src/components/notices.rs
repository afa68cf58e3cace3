//! The notice bar (what just happened, or why something was refused) and the confirmation bar for
//! actions that discard work.

use super::header::PanelProps;
use crate::app::Msg;
use yew::prelude::*;

#[component]
pub fn NoticeBar(props: &PanelProps) -> Html {
    let lab = props.lab.lab.borrow();
    let Some(notice) = &lab.notice else {
        return html! {};
    };
    let class = if notice.error {
        "notice notice-error"
    } else {
        "notice"
    };
    html! {
        <div {class} role={if notice.error { "alert" } else { "status" }} data-testid="notice">
            <span>{ notice.text.clone() }</span>
            if lab.unrestored.is_some() {
                <button data-testid="btn-download-saved"
                        onclick={props.on.reform(|_| Msg::DownloadUnrestored)}>
                    { "Download the saved session" }
                </button>
            }
            <button aria-label="Dismiss" onclick={props.on.reform(|_| Msg::DismissNotice)}>{ "×" }</button>
        </div>
    }
}

#[component]
pub fn Confirmation(props: &PanelProps) -> Html {
    let lab = props.lab.lab.borrow();
    let Some(text) = lab.pending_text() else {
        return html! {};
    };
    html! {
        <div class="confirm" role="alertdialog" aria-label="Please confirm" data-testid="confirm">
            <span>{ text }</span>
            <button class="danger" data-testid="confirm-yes" onclick={props.on.reform(|_| Msg::Confirm)}>
                { "Go ahead" }
            </button>
            <button data-testid="confirm-no" onclick={props.on.reform(|_| Msg::Cancel)}>{ "Cancel" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub on: Callback<Msg>,
}

const SHORTCUTS: &[(&str, &str)] = &[
    ("Space", "play or pause"),
    ("Right arrow", "run one step (one scheduled piece of work)"),
    ("?", "show or hide this list"),
    ("Escape", "close this list or a confirmation"),
    (
        "Tab / Shift+Tab",
        "move between controls; Enter opens the focused item in the inspector",
    ),
];

#[component]
pub fn HelpOverlay(props: &HelpProps) -> Html {
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts"
             data-testid="help-overlay">
            <div class="overlay-box">
                <h2>{ "Keyboard shortcuts" }</h2>
                <dl>
                    { for SHORTCUTS.iter().map(|(k, what)| html! {
                        <><dt><kbd>{ *k }</kbd></dt><dd>{ *what }</dd></>
                    }) }
                </dl>
                <button onclick={props.on.reform(|_| Msg::ToggleHelp)}>{ "Close" }</button>
            </div>
        </div>
    }
}
