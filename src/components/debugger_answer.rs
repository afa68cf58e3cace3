//! The debugger's answer: the verdict first, then the subscribers that matched, the near misses (one
//! predicate off), and the rest folded away, with a search over names, properties and values.

use super::dispatch::use_dispatch;
use super::lab_ref::LabProps;
use crate::lab::debugger_form::DebuggerEdit;
use crate::lab::explain_text::{predicate_text, seen_text};
use crate::lab::Action;
use messagebox_engine::import::{DebugSubscriber, Outcome, RoutingDebug, StateSource};
use messagebox_engine::messagebox::{GroupExplanation, Owner, ServiceState};
use messagebox_engine::property::PropertySchema;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The folded part lists at most this many, and the near misses this many; the search narrows them.
const REST_SHOWN: usize = 200;
const NEAR_SHOWN: usize = 100;

#[component]
pub fn DebuggerAnswer(props: &LabProps) -> Html {
    let on = use_dispatch();
    let lab = props.lab.lab.borrow();
    let form = &lab.debugger;
    let d = match &form.answer {
        None => {
            return html! { <div class="debugger-answer"><p class="hint">{ "The answer appears here after Explain." }</p></div> }
        }
        Some(Err(e)) => {
            return html! { <div class="debugger-answer"><p class="error" role="alert" data-testid="debugger-error">{ e.clone() }</p></div> }
        }
        Some(Ok(d)) => d.clone(),
    };
    let ranked = d.ranked(&form.search);
    let search = on.reform(|e: InputEvent| {
        let i: HtmlInputElement = e.target_unchecked_into();
        Action::Debugger(DebuggerEdit::Search(i.value()))
    });
    let card = |s: &DebugSubscriber| subscriber_card(s, &d.schema);
    let total = d.subscribers.len();
    let rest_note = (ranked.rest.len() > REST_SHOWN).then(|| {
        format!(
            "Showing {REST_SHOWN} of {}; search to narrow them.",
            ranked.rest.len()
        )
    });
    html! {
        <div class="debugger-answer">
            { verdict(&d) }
            <label class="search">{ "Search subscribers " }
                <input type="search" data-testid="debugger-search" value={form.search.clone()} oninput={search}
                       placeholder="name, property or value" />
            </label>
            <p class="counts" data-testid="debugger-summary">
                { format!("{} of {total} subscribers match; {} are one predicate off", count(&d, |s| s.matched), count(&d, |s| s.is_near_miss())) }
                if !form.search.trim().is_empty() {
                    { format!(" (shown: the {} that mention \u{201c}{}\u{201d})", ranked.matched.len() + ranked.near_misses.len() + ranked.rest.len(), form.search.trim()) }
                }
            </p>
            <h3>{ format!("Matched ({})", ranked.matched.len()) }</h3>
            if ranked.matched.is_empty() { <p class="hint">{ "None." }</p> }
            <ul class="explanations" data-testid="debugger-matched">{ for ranked.matched.iter().map(|s| card(s)) }</ul>
            <h3>{ format!("Near misses: one predicate off ({})", ranked.near_misses.len()) }</h3>
            if ranked.near_misses.is_empty() { <p class="hint">{ "None." }</p> }
            if ranked.near_misses.len() > NEAR_SHOWN {
                <p class="hint">{ format!("Showing the {NEAR_SHOWN} closest of {} (most predicates holding first); search to narrow them.", ranked.near_misses.len()) }</p>
            }
            <ul class="explanations" data-testid="debugger-near">{ for ranked.near_misses.iter().take(NEAR_SHOWN).map(|s| card(s)) }</ul>
            <details class="rest" data-testid="debugger-rest">
                <summary>{ format!("The other {} subscribers", ranked.rest.len()) }</summary>
                if let Some(note) = rest_note { <p class="hint">{ note }</p> }
                <ul class="explanations">{ for ranked.rest.iter().take(REST_SHOWN).map(|s| card(s)) }</ul>
            </details>
            <details open={true}>
                <summary>{ format!("Assumptions ({})", d.assumptions.len() + d.notes.len() + d.links.len()) }</summary>
                <ul data-testid="debugger-assumptions">
                    { for d.assumptions.iter().chain(&d.notes).chain(&d.links).map(|n| html! { <li>{ n.clone() }</li> }) }
                </ul>
            </details>
            if !d.warnings.is_empty() {
                <details>
                    <summary>{ format!("Not simulated, from the binding file ({})", d.warnings.len()) }</summary>
                    <ul>{ for d.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul>
                </details>
            }
        </div>
    }
}

fn count(d: &RoutingDebug, f: impl Fn(&DebugSubscriber) -> bool) -> usize {
    d.subscribers.iter().filter(|s| f(s)).count()
}

fn verdict(d: &RoutingDebug) -> Html {
    let (class, text) = match d.verdict.outcome {
        Outcome::Delivered => ("delivered", "Delivered"),
        Outcome::Held => (
            "held",
            "Held: suspended (resumable) until a stopped subscriber starts",
        ),
        Outcome::RoutingFailure => ("failure", "Routing failure: no enlisted subscriber matches"),
    };
    let copies = d.verdict.copies();
    html! {
        <div class={classes!("verdict", class)} data-testid="debugger-verdict" role="status">
            <strong>{ text }</strong>
            if !copies.is_empty() {
                <ul class="copies">
                    { for copies.iter().map(|(owner, n)| html! {
                        <li>{ format!("{} {}: {n} {}", kind(owner), owner.name(), if *n == 1 { "copy" } else { "copies" }) }</li>
                    }) }
                </ul>
            }
        </div>
    }
}

fn kind(owner: &Owner) -> &'static str {
    match owner {
        Owner::Orchestration(_) => "orchestration",
        Owner::SendPort(_) => "send port",
        Owner::SendPortGroup(_) => "send port group",
    }
}

fn state_text(s: &DebugSubscriber) -> String {
    let state = match s.state {
        ServiceState::Started => "started",
        ServiceState::Stopped => "enlisted, stopped",
        ServiceState::Unenlisted => "unenlisted",
    };
    let from = match s.state_from {
        StateSource::File => "from the file",
        StateSource::Option => "as you set it",
        StateSource::Assumed => "assumed",
    };
    format!("{state} ({from})")
}

fn subscriber_card(s: &DebugSubscriber, schema: &PropertySchema) -> Html {
    let badge = match s.predicates_off() {
        Some(0) => "matches".to_string(),
        Some(1) => "one predicate off".to_string(),
        Some(n) => format!("{n} predicates off"),
        None => "no filter".to_string(),
    };
    let own: Vec<&GroupExplanation> = s.own_groups().collect();
    let added: Vec<&GroupExplanation> = s.groups.iter().filter(|g| !own.contains(g)).collect();
    html! {
        <li class={classes!("subscriber", if s.matched { "matched" } else if s.is_near_miss() { "near" } else { "unmatched" })}
            data-testid="debugger-subscriber">
            <div class="sub-head">
                <strong class="sub-name">{ s.owner.name().to_string() }</strong>
                <span class="sub-kind">{ kind(&s.owner) }</span>
                <span class="sub-state">{ state_text(s) }</span>
                <span class="badge">{ badge }</span>
            </div>
            <ol class="groups">
                { for own.iter().enumerate().map(|(i, g)| group_item(i, g, schema)) }
            </ol>
            if !added.is_empty() {
                <p class="added-by-biztalk">
                    { "Added by BizTalk, not the subscriber's filter: " }
                    { added.iter().flat_map(|g| &g.predicates).map(|p| predicate_text(&p.predicate, schema)).collect::<Vec<_>>().join(" Or ") }
                    { " (the port's own subscription, which only its own messages carry)" }
                </p>
            }
        </li>
    }
}

fn group_item(i: usize, g: &GroupExplanation, schema: &PropertySchema) -> Html {
    html! {
        <li class={classes!("group", g.matched.then_some("holds"))}>
            <span class="group-label">{ if i == 0 { "If" } else { "Or" } }</span>
            <ul class="predicates">
                { for g.predicates.iter().map(|p| html! {
                    <li class={classes!(if p.holds { "holds" } else { "fails" }, p.added_by_engine.then_some("added"))}>
                        <span class="mark" role="img" aria-label={if p.holds { "holds" } else { "fails" }}>{ if p.holds { "✓" } else { "✗" } }</span>
                        <code>{ predicate_text(&p.predicate, schema) }</code>
                        <span class="seen">{ format!(" had {}", seen_text(&p.seen)) }</span>
                        if p.added_by_engine { <span class="added-note">{ " added by BizTalk" }</span> }
                    </li>
                }) }
            </ul>
        </li>
    }
}
