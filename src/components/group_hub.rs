//! The Group Hub, per group: routing failure reports, suspended messages and instances (resume,
//! terminate), and the running and dehydrated instances.

use super::dispatch::use_dispatch;
use super::group_picker::{group_picker, shown_group};
use super::inspector::resume_terminate;
use super::lab_ref::LabProps;
use crate::lab::explain_text::{instance_state, suspend_reason, transmission_state};
use crate::lab::Action;
use crate::lab::Selection;
use messagebox_engine::messagebox::{RefState, Target};
use messagebox_engine::orchestration::InstanceState;
use messagebox_engine::world::Command;
use yew::prelude::*;

/// A list shows at most this many rows; a 5,000-order burst has thousands of instances in flight.
const SHOWN: usize = 100;

#[component]
pub fn GroupHub(props: &LabProps) -> Html {
    let on = &use_dispatch();
    let chosen = use_state(|| None::<String>);
    let lab = props.lab.lab.borrow();
    let name = shown_group(&lab, &chosen);
    let Some(g) = lab.session.world.group(&name) else {
        return html! { <section data-testid="group-hub"><p>{ "No group." }</p></section> };
    };
    let open = |sel: Selection, text: String| {
        html! { <button class="link" onclick={on.reform(move |_| Action::Select(sel.clone()))}>{ text }</button> }
    };
    let state = g.messagebox.state();
    let reports = state.reports.values().take(SHOWN).map(|r| {
        let command = Command::TerminateReport { group: name.clone(), report: r.id };
        html! {
            <li data-testid="routing-failure">
                { open(Selection::Message { group: name.clone(), id: r.failed_message.0 }, format!("Routing failure report {} for message #{}", r.id.0, r.failed_message.0)) }
                <details><summary>{ "BizTalk's description" }</summary><p class="description">{ r.description.clone() }</p></details>
                <button class="danger" onclick={on.reform(move |_| Action::Act(command.clone()))}>{ "Terminate report" }</button>
            </li>
        }
    });
    let suspended = state
        .references
        .values()
        .filter_map(|r| match &r.state {
            RefState::Suspended { resumable, reason } => Some((r, *resumable, *reason)),
            _ => None,
        })
        .take(SHOWN)
        .map(|(r, resumable, reason)| {
            let who = match &r.target {
                Target::Subscriber { owner, .. } => format!("for {owner}"),
                Target::Unrouted { .. } => "no subscriber".into(),
            };
            let resume = Command::ResumeReference { group: name.clone(), reference: r.id };
            let terminate = Command::TerminateReference { group: name.clone(), reference: r.id };
            html! {
                <li data-testid="suspended-message">
                    { open(Selection::Message { group: name.clone(), id: r.message.0 }, format!("Message #{} {who}", r.message.0)) }
                    { format!(" · {} · {}", suspend_reason(reason), if resumable { "resumable" } else { "not resumable" }) }
                    <div class="actions">
                        <button disabled={!resumable} data-testid="btn-resume-message" onclick={on.reform(move |_| Action::Act(resume.clone()))}>{ "Resume" }</button>
                        <button class="danger" onclick={on.reform(move |_| Action::Act(terminate.clone()))}>{ "Terminate" }</button>
                    </div>
                </li>
            }
        });
    let suspended_runs = g
        .runs
        .values()
        .filter(|r| matches!(r.state, InstanceState::SuspendedResumable { .. } | InstanceState::SuspendedNotResumable { .. }))
        .map(|r| html! {
            <li data-testid="suspended-instance">
                { open(Selection::Instance { group: name.clone(), id: r.id.0 }, format!("{} instance {}", r.orchestration, r.id.0)) }
                { format!(" · {}", instance_state(&r.state)) }
                { resume_terminate(&name, r.id, on) }
            </li>
        });
    let suspended_sends = g
        .suspended_transmissions()
        .map(|(id, t)| {
            html! {
                <li data-testid="suspended-instance">
                    { format!("Send port {} transmission {} (message #{}) · {}", t.port, id.0, t.message.0, transmission_state(&t.state)) }
                    { resume_terminate(&name, *id, on) }
                </li>
            }
        });
    let live = g
        .runs
        .values()
        .filter(|r| !r.state.is_finished() && !matches!(r.state, InstanceState::SuspendedResumable { .. } | InstanceState::SuspendedNotResumable { .. }))
        .take(SHOWN)
        .map(|r| html! {
            <li data-testid="live-instance">
                { open(Selection::Instance { group: name.clone(), id: r.id.0 }, format!("{} instance {}", r.orchestration, r.id.0)) }
                { format!(" · {}", instance_state(&r.state)) }
            </li>
        });
    let ended = lab.session.world.ended(&name);
    let finished: usize = ended.values().map(|e| e.completed + e.terminated).sum();
    let ended_rows = ended.iter().map(|(orchestration, e)| {
        html! {
            <tr data-testid={format!("ended-{orchestration}")}>
                <th scope="row">{ orchestration.clone() }</th>
                <td data-testid="ended-completed">{ e.completed }</td>
                <td data-testid="ended-terminated">{ e.terminated }</td>
            </tr>
        }
    });
    let live_count = g.runs.values().filter(|r| !r.state.is_finished()).count();
    html! {
        <section class="group-hub" data-testid="group-hub" aria-label="Group Hub">
            <h2>{ "Group Hub" }</h2>
            { group_picker(&lab, &name, chosen.clone()) }
            <h3>{ format!("Routing failures ({})", state.reports.len()) }</h3>
            <p class="hint">{ "A message nobody subscribed to: BizTalk keeps a report (context only) and suspends the message itself." }</p>
            <ul>{ for reports }</ul>
            <h3>{ "Suspended messages" }</h3>
            <ul>{ for suspended }</ul>
            <h3>{ "Suspended instances" }</h3>
            <ul>{ for suspended_runs }{ for suspended_sends }</ul>
            <h3>{ format!("Running and dehydrated instances ({live_count})") }</h3>
            <ul>{ for live }</ul>
            if live_count > SHOWN {
                <p class="hint">{ format!("The first {SHOWN} are listed; the dashboard charts them all.") }</p>
            }
            <h3>{ "Ended instances" }</h3>
            <p class="hint">{ format!("{finished} instances have ended (completed or terminated).") }</p>
            if !ended.is_empty() {
                <table class="ended" data-testid="ended-instances">
                    <thead><tr><th scope="col">{ "Orchestration" }</th><th scope="col">{ "Completed" }</th><th scope="col">{ "Terminated" }</th></tr></thead>
                    <tbody>{ for ended_rows }</tbody>
                </table>
            }
        </section>
    }
}
