//! The side panel: a tab list for the inspector, the compose form, the Group Hub, the subscription
//! viewer and the routing debugger.

use super::compose::Compose;
use super::dashboard::DashboardPanel;
use super::debugger::Debugger;
use super::group_hub::GroupHub;
use super::header::PanelProps;
use super::inspector::Inspector;
use super::subscriptions::Subscriptions;
use crate::app::Msg;
use crate::lab::Tab;
use yew::prelude::*;

const TABS: &[(Tab, &str, &str)] = &[
    (Tab::Inspector, "Inspector", "tab-inspector"),
    (Tab::Compose, "Compose", "tab-compose"),
    (Tab::GroupHub, "Group Hub", "tab-group-hub"),
    (Tab::Subscriptions, "Subscriptions", "tab-subscriptions"),
    (Tab::Debugger, "Debugger", "tab-debugger"),
    (Tab::Dashboard, "Dashboard", "tab-dashboard"),
];

#[component]
pub fn SidePanel(props: &PanelProps) -> Html {
    let tab = props.lab.lab.borrow().tab;
    let buttons = TABS.iter().map(|(t, label, testid)| {
        let t = *t;
        html! {
            <button role="tab" aria-selected={(t == tab).to_string()} data-testid={*testid}
                    class={classes!((t == tab).then_some("active"))}
                    onclick={props.on.reform(move |_| Msg::Tab(t))}>{ *label }</button>
        }
    });
    let (lab, on) = (props.lab.clone(), props.on.clone());
    html! {
        <aside class="side-panel" data-testid="side-panel" aria-label="Details">
            <div class="tabs" role="tablist">{ for buttons }</div>
            <div class="tab-body" role="tabpanel">
                { match tab {
                    Tab::Inspector => html! { <Inspector {lab} {on} /> },
                    Tab::Compose => html! { <Compose {lab} {on} /> },
                    Tab::GroupHub => html! { <GroupHub {lab} {on} /> },
                    Tab::Subscriptions => html! { <Subscriptions {lab} {on} /> },
                    Tab::Debugger => html! { <Debugger /> },
                    Tab::Dashboard => html! { <DashboardPanel {lab} {on} /> },
                } }
            </div>
        </aside>
    }
}
