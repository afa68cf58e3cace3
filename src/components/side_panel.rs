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
    /// Open, or closed to a rail that gives the canvas the room.
    pub open: bool,
    /// Its width when open (CSS pixels).
    pub width: f64,
}

#[derive(Properties, PartialEq)]
struct ResizeHandleProps {
    /// The panel's width now (CSS pixels).
    width: f64,
}

/// The edge of the side panel, dragged (or moved with the arrow keys) to resize it.
#[component]
fn ResizeHandle(props: &ResizeHandleProps) -> Html {
    let on = use_dispatch();
    let dragging = use_mut_ref(|| false);
    let width_at = |x: f64| {
        let window = web_sys::window().and_then(|w| w.inner_width().ok()?.as_f64());
        window.map(|w| w - x)
    };
    let down = {
        let dragging = dragging.clone();
        Callback::from(move |e: PointerEvent| {
            *dragging.borrow_mut() = true;
            if let Some(el) = e.target_dyn_into::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
        })
    };
    let moved = {
        let dragging = dragging.clone();
        let on = on.clone();
        Callback::from(move |e: PointerEvent| {
            // A capture lost without a pointer-up leaves no button pressed: the drag is over.
            if e.buttons() == 0 {
                *dragging.borrow_mut() = false;
            }
            if *dragging.borrow() {
                if let Some(w) = width_at(e.client_x() as f64) {
                    on.emit(Action::ResizeSidePanel(w));
                }
            }
        })
    };
    let up = Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = false);
    let keys = {
        let on = on.clone();
        Callback::from(move |e: KeyboardEvent| {
            let by = match e.key().as_str() {
                "ArrowLeft" => 24.0,
                "ArrowRight" => -24.0,
                _ => return,
            };
            e.prevent_default();
            let panel = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("[data-testid=side-panel]").ok().flatten());
            if let Some(panel) = panel {
                on.emit(Action::ResizeSidePanel(panel.client_width() as f64 + by));
            }
        })
    };
    html! {
        <div class="side-resize" role="separator" aria-orientation="vertical" tabindex="0"
             aria-label="Resize the side panel (Left and Right arrows)" data-testid="side-resize"
             aria-valuenow={format!("{:.0}", props.width)}
             aria-valuemin={format!("{:.0}", crate::lab::panels::SIDE_MIN)}
             aria-valuemax={format!("{:.0}", crate::lab::panels::SIDE_MAX)}
             onpointerdown={down} onpointermove={moved} onpointerup={up.clone()} onpointercancel={up}
             onkeydown={keys}></div>
    }
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
    if !props.open {
        return html! {
            <aside class="side-panel closed" data-testid="side-panel" aria-label="Details">
                <button class="side-toggle" data-testid="btn-side-panel" aria-expanded="false"
                        title="Open the side panel: Inspector, Compose, Group Hub and more"
                        onclick={on.reform(|_| Action::ToggleSidePanel)}>
                    { "◂ Details" }
                </button>
            </aside>
        };
    }
    html! {
        <aside class="side-panel" data-testid="side-panel" aria-label="Details">
            <ResizeHandle width={props.width} />
            <div class="tabs-bar">
                <div class="tabs" role="tablist">{ for buttons }</div>
                <button class="side-toggle" data-testid="btn-side-panel" aria-expanded="true"
                        title="Close the side panel: the canvas takes its room"
                        onclick={on.reform(|_| Action::ToggleSidePanel)}>{ "Hide ▸" }</button>
            </div>
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
