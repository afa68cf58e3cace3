//! The inspector: whatever was clicked. A message shows its body, its context (promoted and written
//! marked), its lifecycle, and why it routed where it did, per subscription and predicate, from the
//! engine's Explain. An instance shows its state, wait, correlation values and consumed messages.

use super::dispatch::use_dispatch;
use super::filter_editor::FilterEditor;
use super::inspector_admin::{host_admin, location_admin, service_admin, GroupAdmin};
use super::lab_ref::LabProps;
use crate::lab::describe::{clock, describe_in, republished, Described};
use crate::lab::explain_text::{
    added_note, first_failure, instance_state, predicate_line, short_name, subscription_kind,
    subscription_state, suspend_reason, transmission_state,
};
use crate::lab::marks::{context_value, message_mark};
use crate::lab::Action;
use crate::lab::{Lab, Selection};
use messagebox_engine::matcher::SubId;
use messagebox_engine::message::MessageId;
use messagebox_engine::messagebox::{InstanceId, RefState, ServiceState, Target};
use messagebox_engine::world::{Group, Traced};
use yew::prelude::*;

#[component]
pub fn Inspector(props: &LabProps) -> Html {
    let on = &use_dispatch();
    let lab = props.lab.lab.borrow();
    let body = match &lab.selection {
        None => html! {
            <p class="hint">
                { "Click a message token, a port, an orchestration, a location or a group's title on the \
                   canvas, or a line of the event log, to see its details here. Try Compose to submit an \
                   order, then press Play." }
            </p>
        },
        Some(sel) => match lab.session.world.group(sel.group()) {
            None => {
                html! { <p class="hint">{ format!("Group {} is not in this run.", sel.group()) }</p> }
            }
            Some(g) => match sel {
                Selection::Message { id, .. } => message_view(&lab, g, MessageId(*id), on),
                Selection::Instance { id, .. } => instance_view(&lab, g, InstanceId(*id), on),
                Selection::Subscription { id, .. } => subscription_view(g, SubId(*id), on),
                Selection::Service { owner, group } => html! {
                    <>
                        { service_admin(g, owner, on) }
                        <FilterEditor key={format!("{group}/{owner}")} lab={props.lab.clone()} group={group.clone()} owner={owner.clone()} />
                    </>
                },
                Selection::Location { name, .. } => location_admin(g, name, on),
                Selection::Host { name, .. } => host_admin(g, name, on),
                Selection::Group { group } => {
                    html! { <GroupAdmin lab={props.lab.clone()} group={group.clone()} /> }
                }
            },
        },
    };
    html! { <section class="inspector" data-testid="inspector" aria-live="polite">{ body }</section> }
}

/// A group's kept events that `pred` accepts, each told for the screen (`describe_in`).
fn events_about<'a>(
    lab: &'a Lab,
    group: &'a str,
    pred: impl Fn(&Described) -> bool + 'a,
) -> impl Iterator<Item = (&'a Traced, Described)> + 'a {
    let (world, trace) = (&lab.session.world, lab.session.recent());
    trace
        .iter()
        .enumerate()
        .filter(move |(_, t)| t.group == group)
        .map(move |(i, t)| (t, describe_in(t, world, &trace[..i])))
        .filter(move |(_, d)| pred(d))
}

fn lifecycle(lab: &Lab, group: &str, message: u64, on: &Callback<Action>) -> Html {
    let rows = events_about(lab, group, move |d| d.message == Some(message)).map(|(t, d)| {
        let link = d.link.clone();
        html! {
            <li>
                <span class="time">{ clock(t.at) }</span>{ " " }
                if let Some(link) = link {
                    <button class="link" onclick={on.reform(move |_| Action::Select(link.clone()))}>{ d.text }</button>
                } else {
                    { d.text }
                }
            </li>
        }
    });
    let dropped = lab.session.events_kept_from();
    html! {
        <>
            if dropped > 0 {
                <p class="hint" data-testid="lifecycle-window">{ format!(
                    "From the newest events only: the run's first {dropped} events are not kept in full. \
                     The event log's Search the earlier events, with this message's number, rebuilds them."
                ) }</p>
            }
            <ol class="lifecycle">{ for rows }</ol>
        </>
    }
}

fn message_view(lab: &Lab, g: &Group, id: MessageId, on: &Callback<Action>) -> Html {
    let mb = &g.messagebox;
    let world = &lab.session.world;
    let Some(m) = world.find_message(&g.name, id) else {
        return html! { <p class="hint">{ format!("Message #{} is not in {} at this point of the run.", id.0, g.name) }</p> };
    };
    let mark = message_mark(m);
    let schema = mb.schema();
    let context = m.context().iter().map(|(name, p)| {
        html! {
            <tr class={classes!(if p.promoted { "promoted" } else { "written" })}>
                <td title={name.to_string()}>{ short_name(&name.to_string(), schema) }</td>
                <td>{ p.value.to_string() }</td>
                <td>{ if p.promoted { "promoted" } else { "written" } }</td>
            </tr>
        }
    });
    let resumes = republished(world, lab.session.recent(), &g.name);
    let refs = world.references_of(&g.name, id).into_iter().map(|r| {
        let r_id = r.id;
        let who = match &r.target {
            Target::Subscriber { owner, .. } => owner.to_string(),
            Target::Unrouted { .. } => "nobody: routing failure".into(),
        };
        let state = match &r.state {
            RefState::Queued { .. } => "queued".to_string(),
            RefState::Delivered { instance } => match instance {
                Some(i) => format!("delivered to instance {}", i.0),
                None => "delivered".into(),
            },
            RefState::Suspended { resumable, reason } => {
                format!(
                    "suspended ({}; {})",
                    suspend_reason(*reason),
                    if *resumable {
                        "resumable"
                    } else {
                        "not resumable"
                    }
                )
            }
            RefState::Rerouted { error_message } => {
                format!("rerouted as error message #{}", error_message.0)
            }
            RefState::Republished => match resumes.iter().find(|r| r.reference == r_id) {
                Some(r) => format!("resumed and published again as message #{}", r.new.0),
                None => "resumed and published again as a new message".into(),
            },
            RefState::Terminated => "terminated".into(),
        };
        html! { <li>{ format!("{who}: {state}") }</li> }
    });
    // Subscribers with no subscription at all never appear in the explanation: say so.
    let unsubscribed: Vec<String> = mb
        .state()
        .services
        .iter()
        .filter(|(_, s)| s.state == ServiceState::Unenlisted)
        .map(|(owner, _)| format!("{owner} (unenlisted)"))
        .collect();
    let mut explanation = mb.explain_context(m.context());
    let matched = explanation.iter().filter(|e| e.matched).count();
    // Matches first; the others keep the MessageBox's order.
    explanation.sort_by_key(|e| !e.matched);
    let why = explanation.iter().map(|e| {
        let groups = e.groups.iter().enumerate().map(|(i, grp)| {
            // A group the engine added says so once, not on its predicates too.
            let preds = grp.predicates.iter().map(|p| html! {
                <li class={classes!(if p.holds { "holds" } else { "fails" })}>
                    { if p.holds { "✓ " } else { "✗ " } }{ predicate_line(p, schema) }
                    { added_note(p.added_by_engine && !grp.added_by_engine) }
                </li>
            });
            html! {
                <li>
                    <span class="group-label">{ if i == 0 { "if" } else { "or" } }</span>
                    { added_note(grp.added_by_engine) }
                    <ul class="predicates">{ for preds }</ul>
                </li>
            }
        });
        let reason = first_failure(e, schema).map(|r| format!(": {r}")).unwrap_or_default();
        html! {
            <li class={classes!("explain", if e.matched { "matched" } else { "unmatched" })} data-testid="explanation">
                <details open={e.matched}>
                    <summary>
                        <strong>{ format!("{} {}", if e.matched { "✓ matched" } else { "✗ no match" }, e.owner) }</strong>
                        { format!("{reason} · subscription {} ({})", e.subscription.0, subscription_state(e.state)) }
                    </summary>
                    <ul class="groups">{ for groups }</ul>
                </details>
            </li>
        }
    });
    html! {
        <>
            <h2>{ format!("Message #{} ", id.0) }<span class={classes!("mark", mark.class)}>{ mark.label.clone() }</span></h2>
            <p class="wrap">{ format!("Type: {}", m.message_type().unwrap_or_else(|| "(none)".into())) }</p>
            { resume_note(&g.name, id, &resumes, on) }
            <h3>{ "Where it went" }</h3>
            <ul class="refs">{ for refs }</ul>
            <h3>{ format!("Why: {matched} of {} subscriptions matched", explanation.len()) }</h3>
            <p class="hint">{ "Only promoted properties route. A predicate that saw a written value or nothing fails." }</p>
            <ul class="explanations">{ for why }</ul>
            if !unsubscribed.is_empty() {
                <p class="hint" data-testid="unsubscribed">{ format!("Not subscribed, so never considered: {}.", unsubscribed.join(", ")) }</p>
            }
            <h3>{ "Context" }</h3>
            <table class="context">
                <thead><tr><th>{ "Property" }</th><th>{ "Value" }</th><th>{ "" }</th></tr></thead>
                <tbody>{ for context }</tbody>
            </table>
            <h3>{ "Body" }</h3>
            <pre class="body">{ m.body().to_string() }</pre>
            <h3>{ "Lifecycle" }</h3>
            { lifecycle(lab, &g.name, id.0, on) }
        </>
    }
}

fn instance_view(lab: &Lab, g: &Group, id: InstanceId, on: &Callback<Action>) -> Html {
    let group = g.name.clone();
    let world = &lab.session.world;
    let Some(run) = world.find_run(&g.name, id) else {
        if let Some(t) = world.find_transmission(&g.name, id) {
            return html! {
                <>
                    <h2>{ format!("Transmission {} of {}", id.0, t.port) }</h2>
                    <p>{ format!("Message #{} · state: {}", t.message.0, transmission_state(&t.state)) }</p>
                    { resume_terminate(&group, id, on) }
                </>
            };
        }
        return html! { <p class="hint">{ format!("Instance {} is not in {} at this point of the run.", id.0, g.name) }</p> };
    };
    let consumed = world
        .find_instance(&g.name, id)
        .map(|i| i.consumed.clone())
        .unwrap_or_default();
    let consumed_view = consumed.iter().map(|m| {
        let sel = Selection::Message { group: group.clone(), id: m.0 };
        let about = world.find_message(&group, *m).map(message_summary).unwrap_or_default();
        html! { <li><button class="link" onclick={on.reform(move |_| Action::Select(sel.clone()))}>{ format!("message #{} {about}", m.0) }</button></li> }
    });
    let correlation = run.correlation.iter().map(|(name, (props, values))| {
        let pairs: Vec<String> = props
            .iter()
            .zip(values)
            .map(|(p, v)| format!("{} = {v}", short_name(p, g.messagebox.schema())))
            .collect();
        html! { <li>{ format!("{name}: {}", pairs.join(", ")) }</li> }
    });
    let log = events_about(
        lab,
        &g.name,
        move |d| matches!(&d.link, Some(Selection::Instance { id: i, .. }) if *i == id.0),
    )
    .map(|(t, d)| html! { <li><span class="time">{ clock(t.at) }</span>{ " " }{ d.text }</li> });
    html! {
        <>
            <h2>{ format!("{} instance {}", run.orchestration, id.0) }</h2>
            <p data-testid="instance-state">{ format!("State: {}", instance_state(&run.state)) }</p>
            if let Some(shape) = lab.session.world.current_shape(&g.name, id) {
                <p data-testid="instance-shape">{ format!("At: {shape}") }</p>
            }
            if let Some(status) = &run.status {
                <p>{ format!("Order status: {status}") }</p>
            }
            <h3>{ "Correlation" }</h3>
            <ul>{ for correlation }</ul>
            <h3>{ "Messages it consumed" }</h3>
            <ul>{ for consumed_view }</ul>
            { resume_terminate(&group, id, on) }
            <h3>{ "Events" }</h3>
            <ol class="lifecycle">{ for log }</ol>
        </>
    }
}

pub fn resume_terminate(group: &str, id: InstanceId, on: &Callback<Action>) -> Html {
    use messagebox_engine::world::Command;
    let g1 = group.to_string();
    let g2 = group.to_string();
    html! {
        <div class="actions">
            <button onclick={on.reform(move |_| Action::Act(Command::ResumeInstance { group: g1.clone(), instance: id }))}>{ "Resume" }</button>
            <button class="danger" onclick={on.reform(move |_| Action::Act(Command::TerminateInstance { group: g2.clone(), instance: id }))}>{ "Terminate" }</button>
        </div>
    }
}

fn subscription_view(g: &Group, id: SubId, on: &Callback<Action>) -> Html {
    let Some(s) = g.messagebox.state().subscriptions.get(&id) else {
        return html! { <p class="hint">{ format!("Subscription {} no longer exists.", id.0) }</p> };
    };
    let owner = Selection::Service {
        group: g.name.clone(),
        owner: s.owner.clone(),
    };
    html! {
        <>
            <h2>{ format!("Subscription {}", id.0) }</h2>
            <p>
                <button class="link" onclick={on.reform(move |_| Action::Select(owner.clone()))}>{ s.owner.to_string() }</button>
            </p>
            <p>{ format!("Kind: {}", subscription_kind(&s.kind)) }</p>
            <p>{ format!("State: {} · priority {} (1 is highest) · host {}", subscription_state(s.state), s.priority, s.host) }</p>
            <h3>{ "Filter (as the MessageBox holds it)" }</h3>
            <pre class="filter-text">{ s.filter.to_orchestration(g.messagebox.schema()) }</pre>
            if let Some(c) = &s.convoy {
                <p>{ format!("Convoy on: {}", c.iter().map(|p| short_name(&p.to_string(), g.messagebox.schema())).collect::<Vec<_>>().join(", ")) }</p>
            }
        </>
    }
}

/// Why a message has the number it has, when a resume made it: the MessageBox gives every publish a new
/// number, so a resumed routing failure comes back under a new one.
fn resume_note(
    group: &str,
    id: MessageId,
    resumes: &[crate::lab::describe::Republished],
    on: &Callback<Action>,
) -> Html {
    let link = |m: MessageId| {
        let sel = Selection::Message {
            group: group.to_string(),
            id: m.0,
        };
        html! { <button class="link" onclick={on.reform(move |_| Action::Select(sel.clone()))}>{ format!("message #{}", m.0) }</button> }
    };
    let numbering = "The MessageBox gives every publish a new number, from one counter it also uses for                      instances, subscriptions and references; that is why the numbers you see skip.";
    if let Some(r) = resumes.iter().find(|r| r.new == id) {
        return html! {
            <p class="resume-note" data-testid="resumed-from">
                { "Resumed from " }{ link(r.original) }
                { format!(": it was suspended as a routing failure, and resuming it published the same body                            and context again, evaluated against the subscriptions as they are now. {numbering}") }
            </p>
        };
    }
    if let Some(r) = resumes.iter().find(|r| r.original == id) {
        return html! {
            <p class="resume-note" data-testid="resumed-as">
                { "Resumed, and published again as " }{ link(r.new) }
                { format!(". {numbering}") }
            </p>
        };
    }
    html! {}
}

/// A message in a few words: its mark and the order it is about.
fn message_summary(m: &messagebox_engine::message::Message) -> String {
    let mark = message_mark(m);
    match (context_value(m, "CustID"), context_value(m, "OrderID")) {
        (Some(c), Some(o)) => format!("{} (customer {c}, order {o})", mark.label),
        _ => mark.label,
    }
}
