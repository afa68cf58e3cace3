//! The side panel: a tab list for the inspector, the compose form, the Group Hub, the subscription
//! viewer and the routing debugger.

use super::compose::Compose;
use super::dashboard::DashboardPanel;
use super::debugger::Debugger;
use super::dispatch::use_dispatch;
use super::group_hub::GroupHub;
use super::inspector::Inspector;
use super::lab_ref::LabRef;
use super::move_planner::MovePlanner;
use super::subscriptions::Subscriptions;
use crate::lab::Action;
use crate::lab::Tab;
use yew::prelude::*;

const TABS: &[(Tab, &str, &str)] = &[
    (Tab::Inspector, "Inspector", "tab-inspector"),
    (Tab::Compose, "Compose", "tab-compose"),
    (Tab::GroupHub, "Group Hub", "tab-group-hub"),
    (Tab::Subscriptions, "Subscriptions", "tab-subscriptions"),
    (Tab::Debugger, "Debugger", "tab-debugger"),
    (Tab::Dashboard, "Dashboard", "tab-dashboard"),
    (Tab::Planner, "Move planner", "tab-planner"),
];

#[derive(Properties, PartialEq)]
pub struct SidePanelProps {
    pub lab: LabRef,
    /// The tab shown.
    pub tab: Tab,
}

#[component]
pub fn SidePanel(props: &SidePanelProps) -> Html {
    let on = use_dispatch();
    let tab = props.tab;
    let buttons = TABS.iter().map(|(t, label, testid)| {
        let t = *t;
        html! {
            <button role="tab" aria-selected={(t == tab).to_string()} data-testid={*testid}
                    class={classes!((t == tab).then_some("active"))}
                    onclick={on.reform(move |_| Action::Tab(t))}>{ *label }</button>
        }
    });
    let lab = props.lab.clone();
    html! {
        <aside class="side-panel" data-testid="side-panel" aria-label="Details">
            <div class="tabs" role="tablist">{ for buttons }</div>
            <div class="tab-body" role="tabpanel">
                { match tab {
                    Tab::Inspector => html! { <Inspector {lab} /> },
                    Tab::Compose => html! { <Compose {lab} /> },
                    Tab::GroupHub => html! { <GroupHub {lab} /> },
                    Tab::Subscriptions => html! { <Subscriptions {lab} /> },
                    Tab::Debugger => html! { <Debugger {lab} /> },
                    Tab::Dashboard => html! { <DashboardPanel {lab} /> },
                    Tab::Planner => html! { <MovePlanner {lab} /> },
                } }
            </div>
        </aside>
    }
}
