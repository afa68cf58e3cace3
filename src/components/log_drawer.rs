//! The event log as a drawer under the canvas: closed, one line with the newest event and the count, so
//! the canvas keeps the height; open, the whole log with its filters.

use super::dispatch::use_dispatch;
use super::event_log::EventLog;
use super::lab_ref::LabRef;
use crate::lab::describe::{clock, describe_in};
use crate::lab::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LogDrawerProps {
    pub lab: LabRef,
    pub open: bool,
}

#[component]
pub fn LogDrawer(props: &LogDrawerProps) -> Html {
    let on = use_dispatch();
    let toggle = on.reform(|_| Action::ToggleLog);
    if props.open {
        return html! {
            <div class="log-drawer open" data-testid="log-drawer">
                <button class="drawer-toggle" data-testid="btn-log-drawer" aria-expanded="true"
                        onclick={toggle}>{ "▾ Hide the event log" }</button>
                <EventLog lab={props.lab.clone()} />
            </div>
        };
    }
    let lab = props.lab.lab.borrow();
    let trace = lab.session.recent();
    let total = lab.session.events_total();
    let latest = trace.len().checked_sub(1).map(|i| {
        let t = &trace[i];
        let d = describe_in(t, &lab.session.world, &trace[..i]);
        format!("{}  {}  {}", clock(t.at), t.group, d.text)
    });
    html! {
        <div class="log-drawer closed" data-testid="log-drawer">
            <button class="drawer-toggle" data-testid="btn-log-drawer" aria-expanded="false" onclick={toggle}>
                { format!("▴ Event log ({total} event{})", if total == 1 { "" } else { "s" }) }
            </button>
            <span class="log-latest" data-testid="log-latest">
                { latest.unwrap_or_else(|| "Nothing has happened yet: press Play or Step.".into()) }
            </span>
        </div>
    }
}
