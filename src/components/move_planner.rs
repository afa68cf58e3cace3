//! The move planner: pick an application and a group, and the engine says what the move implies
//! (imports in order, schemas, hosts, the subscriptions that leave, the bridge, the traffic, the
//! risks). Compare runs the run's orders without and with the move; Apply records it;
//! Export the bridge downloads its two binding files.

use super::dispatch::use_dispatch;
use super::lab_ref::LabProps;
use crate::lab::import_summary::thousands;
use crate::lab::planner::{planner, PlannerEdit};
use crate::lab::{Action, Tab};
use messagebox_engine::plan::{Comparison, MovePlan, Side};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[component]
pub fn MovePlanner(props: &LabProps) -> Html {
    let on = use_dispatch();
    let root = use_node_ref();
    let lab = props.lab.lab.borrow();
    // The comparison is below the plan: bring it into view when it starts and when its answer comes,
    // so a Compare pressed at the top of a long plan shows its progress.
    let stage = match (&lab.planner.comparing, &lab.planner.comparison) {
        (Some(_), _) => "computing",
        (None, Some(_)) => "answered",
        (None, None) => "",
    };
    {
        let root = root.clone();
        use_effect_with(stage, move |stage| {
            if !stage.is_empty() {
                if let Some(section) = root.cast::<web_sys::Element>().and_then(|r| {
                    r.query_selector("section.comparison, [data-testid=plan-compare-error]")
                        .ok()
                        .flatten()
                }) {
                    section.scroll_into_view_with_bool(true);
                }
            }
        });
    }
    let choice = lab.planner_choice();
    let (apps, chosen_app, groups, chosen_to) = (
        &choice.applications,
        &choice.application,
        &choice.targets,
        &choice.to,
    );
    let pick = |f: fn(String) -> PlannerEdit| {
        on.reform(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            planner(f(s.value()))
        })
    };
    let plan = match &lab.planner.plan {
        None => {
            html! { <p class="hint">{ "Choose an application and the group it moves to, then press Plan." }</p> }
        }
        Some(Err(e)) => {
            html! { <p class="error" role="alert" data-testid="plan-error">{ format!("No plan: {e}") }</p> }
        }
        Some(Ok(p)) => plan_view(p, lab.planner.comparing.is_some(), &on),
    };
    let comparison = match (&lab.planner.comparing, &lab.planner.comparison) {
        (Some(c), _) => comparing_view(c.progress(), c.steps(), &on),
        (None, None) => html! {},
        (None, Some(Err(e))) => {
            html! { <p class="error" role="alert" data-testid="plan-compare-error">{ format!("No comparison: {e}") }</p> }
        }
        (None, Some(Ok(c))) => comparison_view(c),
    };
    html! {
        <section class="move-planner wide-view" data-testid="move-planner" aria-label="Move planner" ref={root}>
            <header class="wide-head">
                <h2>{ "Plan a move" }</h2>
                <button data-testid="btn-back-to-canvas" onclick={on.reform(|_| Action::Tab(Tab::Inspector))}>{ "Back to the canvas" }</button>
            </header>
            <p class="hint">{ "What moving an application to another BizTalk group implies, computed by the engine on a copy of this run: nothing changes until you press Apply." }</p>
            <div class="query-bar">
                <label>{ "Move " }
                    <select data-testid="plan-application" onchange={pick(PlannerEdit::Application)}>
                        { for apps.iter().map(|(a, g)| html! { <option value={a.clone()} selected={a == chosen_app}>{ format!("{a} (in {g})") }</option> }) }
                    </select>
                </label>
                <label>{ " to " }
                    <select data-testid="plan-to" onchange={pick(PlannerEdit::To)}>
                        { for groups.iter().map(|g| html! { <option value={g.clone()} selected={g == chosen_to}>{ g.clone() }</option> }) }
                    </select>
                </label>
                <button class="primary" data-testid="btn-plan" onclick={on.reform(|_| planner(PlannerEdit::Plan))}>{ "Plan" }</button>
            </div>
            <div class="planner-body">
                { plan }
                { comparison }
            </div>
        </section>
    }
}

fn list(items: impl IntoIterator<Item = String>) -> Html {
    let items: Vec<String> = items.into_iter().collect();
    if items.is_empty() {
        return html! { <p class="muted">{ "None." }</p> };
    }
    html! { <ul>{ for items.into_iter().map(|t| html! { <li>{ t }</li> }) }</ul> }
}

fn plan_view(p: &MovePlan, comparing: bool, on: &Callback<Action>) -> Html {
    let b = &p.bridge;
    let kinds = |v: &[messagebox_engine::plan::KindCount]| {
        list(v.iter().map(|k| {
            format!(
                "{}: {}{}{}",
                k.kind,
                k.count,
                per_minute(k.per_minute),
                if k.requests.is_empty() {
                    String::new()
                } else {
                    format!(", e.g. {}", k.requests.join(", "))
                }
            )
        }))
    };
    html! {
        <div class="plan" data-testid="plan">
            <h3>{ format!("Moving {} from {} to {}", p.application, p.from, p.to) }</h3>
            <div class="plan-actions">
                <button data-testid="btn-plan-compare" disabled={comparing} onclick={on.reform(|_| planner(PlannerEdit::Compare))}>{ "Compare before and after" }</button>
                <button class="primary" data-testid="btn-plan-apply" onclick={on.reform(|_| planner(PlannerEdit::Apply))}>{ format!("Apply ({} actions)", p.commands.len()) }</button>
                <button data-testid="btn-plan-export" onclick={on.reform(|_| planner(PlannerEdit::ExportBridge))}>{ "Export the bridge (binding files)" }</button>
            </div>
            <div class="plan-grid">
                <section>
                    <h4>{ format!("Import into {}, in this order", p.to) }</h4>
                    <ol data-testid="plan-imports">{ for p.imports.iter().map(|i| html! {
                        <li>{ format!("{}{}: {}", i.application, if i.already_in_target { " (already there)" } else { "" }, i.why) }</li>
                    }) }</ol>
                    <h4>{ "Property schemas the filters and promotions need" }</h4>
                    { list(p.schemas.iter().map(|s| format!("{} ({}): deployed by {}; {} {}", s.prefix, s.properties.join(", "),
                        s.deployed_by.clone().unwrap_or_else(|| "no application here".into()),
                        if s.in_target { "already in" } else { "missing in" }, p.to))) }
                    <h4>{ "Hosts" }</h4>
                    { list(p.hosts.iter().map(|h| format!("{} ({}): {} in {}", h.host, h.used_by.join(", "), if h.in_target { "exists" } else { "missing" }, p.to))) }
                    <h4>{ "Partner systems" }</h4>
                    <div data-testid="plan-partners">{ list(p.partners.iter().map(|n| format!("{} ({}, reached by {}): {} in {}", n.partner, n.address, n.send_port, if n.in_target { "answers" } else { "nothing answers" }, p.to))) }</div>
                    <h4>{ format!("Subscriptions that leave {}", p.from) }</h4>
                    { list(p.leaving.iter().map(|l| format!("{} ({}): {}", l.owner, l.kind, l.filter))) }
                </section>
                <section>
                    <h4>{ "The bridge" }</h4>
                    <dl class="bridge-plan" data-testid="plan-bridge">
                        <dt>{ format!("Send port in {}", p.from) }</dt><dd>{ b.send_port.clone() }</dd>
                        <dt>{ "Its filter" }</dt><dd><code data-testid="plan-bridge-filter">{ b.filter.clone() }</code></dd>
                        <dt>{ "Transport" }</dt><dd>{ format!("{} to {}{}", b.transport_type, b.address, if b.ordered_delivery { ", ordered delivery" } else { "" }) }</dd>
                        <dt>{ format!("Receive location in {}", p.to) }</dt><dd>{ format!("{} (port {})", b.receive_location, b.receive_port) }</dd>
                        <dt>{ "Its pipeline" }</dt><dd>{ format!("{}, promoting {}", b.pipeline, b.promotes.join(", ")) }</dd>
                    </dl>
                    <h4>{ "Traffic" }</h4>
                    <p class="hint" data-testid="plan-traffic-basis">{ format!("{}.", p.traffic.basis) }</p>
                    <p>{ "Crosses the link:" }</p>
                    { list(p.traffic.crossing.iter().map(|c| format!("{}: {}{}", c.kind, c.count, per_minute(c.per_minute)))) }
                    <p>{ "A routing failure without the bridge:" }</p>
                    { kinds(&p.traffic.stranded) }
                    <p>{ format!("Stays inside {}:", p.to) }</p>
                    { kinds(&p.traffic.inside) }
                    <h4>{ "Risks" }</h4>
                    <ul data-testid="plan-risks">{ for p.risks.iter().map(|r| html! { <li>{ format!("{} (domain {})", r.text, r.rule) }</li> }) }</ul>
                </section>
            </div>
        </div>
    }
}

/// " (n a minute)", or nothing when the run is too short for a rate.
fn per_minute(rate: f64) -> String {
    if rate > 0.0 {
        format!(" ({rate:.1} a minute)")
    } else {
        String::new()
    }
}

fn side_text(s: &Side) -> String {
    let mut parts = s.instances.clone();
    if parts.is_empty() {
        parts = s.received_by.clone();
    }
    if s.routing_failure {
        parts.push("routing failure".into());
    }
    if parts.is_empty() {
        "nothing received it".into()
    } else {
        parts.join("; ")
    }
}

/// The comparison in progress: how far, and Cancel.
fn comparing_view(progress: f64, steps: u64, on: &Callback<Action>) -> Html {
    html! {
        <section class="comparison">
            <h3>{ "The run's orders, before and after the move" }</h3>
            <div class="computing" data-testid="plan-comparing" role="status" aria-live="polite">
                <progress max="1" value={progress.to_string()} />
                <span>{ format!("Computing the run {}: {} steps ({:.0}%).", if progress < 0.5 { "without the move" } else { "with the move" }, thousands(steps as usize), progress * 100.0) }</span>
                <button data-testid="btn-plan-compare-cancel" onclick={on.reform(|_| planner(PlannerEdit::CancelCompare))}>{ "Cancel" }</button>
            </div>
        </section>
    }
}

/// At most this many orders are drawn; the changed ones first.
const ROWS_DRAWN: usize = 500;

fn comparison_view(c: &Comparison) -> Html {
    let changed = c.rows.iter().filter(|r| r.changed).count();
    let mut rows: Vec<_> = c.rows.iter().filter(|r| r.changed).collect();
    rows.extend(c.rows.iter().filter(|r| !r.changed));
    rows.truncate(ROWS_DRAWN);
    html! {
        <section class="comparison">
            <h3>{ "The run's orders, before and after the move" }</h3>
            <p class="hint" data-testid="plan-compare-basis">{ if c.moved_after_actions == 0 {
                "The run from its start to its end, with the scenario's orders and the orders you submitted: once as it is, once with the move made at the start.".to_string()
            } else {
                format!("The run from its start to its end, with the scenario's orders and every action you took: once as it is, once with the move made at step {}, right after your last change to the deployment (action {}). Orders that ended before it are the same on both sides.", c.moved_at_step, c.moved_after_actions)
            } }</p>
            if c.truncated { <p class="hint">{ "A run was cut at its step limit: outcomes are those reached by then." }</p> }
            if c.rows.is_empty() { <p class="hint" data-testid="plan-no-orders">{ "No order is in this run: the scenario schedules none (a saved deployment has no script) and none was submitted. Submit orders in Compose (or publish a context), then compare." }</p> }
            else {
                <p data-testid="plan-compare-summary">{ format!("{} orders: {} changed, {} the same.{}", thousands(c.rows.len()), thousands(changed), thousands(c.rows.len() - changed),
                    if c.rows.len() > ROWS_DRAWN { format!(" The first {ROWS_DRAWN} are listed, the changed ones first.") } else { String::new() }) }</p>
            }
            <table class="query" data-testid="plan-comparison">
                <thead><tr><th>{ "Order" }</th><th>{ "Before" }</th><th>{ "After" }</th></tr></thead>
                <tbody>
                    { for rows.into_iter().map(|r| html! {
                        <tr class={classes!(r.changed.then_some("changed"))} data-testid="comparison-row">
                            <td>{ r.request.clone() }{ if r.changed { " (changed)" } else { "" } }</td>
                            <td>{ side_text(&r.before) }<br /><span class="muted">{ r.before.received_by.join(", ") }</span></td>
                            <td>{ side_text(&r.after) }<br /><span class="muted">{ r.after.received_by.join(", ") }</span></td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
