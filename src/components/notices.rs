//! The notice bar (what just happened, or why something was refused) and the confirmation bar for
//! actions that discard work.

use super::dispatch::use_dispatch;
use crate::lab::{Action, Notice};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub notice: Option<Notice>,
    /// A saved session that could not be restored is there to download.
    pub unrestored: bool,
}

#[component]
pub fn NoticeBar(props: &NoticeProps) -> Html {
    let on = use_dispatch();
    let Some(notice) = &props.notice else {
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
            if props.unrestored {
                <button data-testid="btn-download-saved"
                        onclick={on.reform(|_| Action::DownloadUnrestored)}>
                    { "Download the saved session" }
                </button>
            }
            <button aria-label="Dismiss" onclick={on.reform(|_| Action::DismissNotice)}>{ "×" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ConfirmationProps {
    /// What the pending action would discard, in words; None when nothing waits for a yes.
    pub pending: Option<String>,
}

#[component]
pub fn Confirmation(props: &ConfirmationProps) -> Html {
    let on = use_dispatch();
    let Some(text) = props.pending.clone() else {
        return html! {};
    };
    html! {
        <div class="confirm" role="alertdialog" aria-label="Please confirm" data-testid="confirm">
            <span>{ text }</span>
            <button class="danger" data-testid="confirm-yes" onclick={on.reform(|_| Action::Confirm)}>
                { "Go ahead" }
            </button>
            <button data-testid="confirm-no" onclick={on.reform(|_| Action::Cancel)}>{ "Cancel" }</button>
        </div>
    }
}

const SHORTCUTS: &[(&str, &str)] = &[
    ("Space", "play or pause"),
    ("Right arrow", "run one step (one scheduled piece of work)"),
    ("?", "show or hide this help"),
    ("Escape", "close this help or a confirmation"),
    (
        "Tab / Shift+Tab",
        "move between controls; Enter opens the focused item in the inspector",
    ),
];

#[component]
pub fn HelpOverlay() -> Html {
    let on = use_dispatch();
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-label="Help: keyboard shortcuts and glossary"
             data-testid="help-overlay">
            <div class="overlay-box">
                // The glossary makes the box long: a Close at the top too, in view when it opens.
                <button class="overlay-close" aria-label="Close the help" data-testid="btn-close-help"
                        onclick={on.reform(|_| Action::ToggleHelp)}>{ "Close ✕" }</button>
                <h2>{ "Keyboard shortcuts" }</h2>
                <dl>
                    { for SHORTCUTS.iter().map(|(k, what)| html! {
                        <><dt><kbd>{ *k }</kbd></dt><dd>{ *what }</dd></>
                    }) }
                </dl>
                <super::glossary::GlossaryList />
                <button onclick={on.reform(|_| Action::ToggleHelp)}>{ "Close" }</button>
            </div>
        </div>
    }
}
