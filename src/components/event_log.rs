//! The event log: every engine event of the run so far, newest first, filterable by group, kind and
//! message, each line opening what it is about in the inspector.

use super::dispatch::use_dispatch;
use super::lab_ref::LabProps;
use super::log_terms::{hide_on_blur, marked_line, show_first_tip};
use crate::lab::describe::{clock, describe_in, CATEGORIES};
use crate::lab::Action;
use messagebox_engine::world::{Traced, World};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The log shows this many matching lines; the filters reach the rest.
const SHOWN: usize = 400;

#[derive(Clone, Default, PartialEq)]
struct LogFilter {
    group: String,
    category: String,
    message: String,
}

impl LogFilter {
    /// `before` holds the events kept before `t`, for a line told by an earlier one.
    fn accepts(&self, t: &Traced, world: &World, before: &[Traced]) -> bool {
        let d = describe_in(t, world, before);
        let message: Option<u64> = self.message.trim().trim_start_matches('#').parse().ok();
        (self.group.is_empty() || t.group == self.group)
            && (self.category.is_empty() || d.category == self.category)
            && (message.is_none() || d.message == message)
    }
}

/// Earlier events found by replay, for the filter and the run position they were searched with.
#[derive(Clone, PartialEq)]
struct Earlier {
    filter: LogFilter,
    before: usize,
    events: Vec<Traced>,
}

/// One line; `id` tells its glossary tooltips apart from other lines'.
fn line(t: &Traced, world: &World, before: &[Traced], on: &Callback<Action>, id: &str) -> Html {
    let d = describe_in(t, world, before);
    let prefix = format!("{}  {}  ", clock(t.at), t.group);
    let marked = marked_line(&d.text, id, d.link.is_none());
    match d.link {
        Some(link) => html! {
            <li class={classes!("log-line", d.category)} data-kind={d.kind}>
                <button class="link" aria-describedby={marked.described_by}
                        onfocus={show_first_tip} onblur={hide_on_blur}
                        onclick={on.reform(move |_| Action::Select(link.clone()))}>{ prefix }{ marked.text }</button>
                { marked.tips }
            </li>
        },
        None => html! {
            <li class={classes!("log-line", d.category)} data-kind={d.kind}>{ prefix }{ marked.text }{ marked.tips }</li>
        },
    }
}

#[component]
pub fn EventLog(props: &LabProps) -> Html {
    let on = use_dispatch();
    let filter = use_state(LogFilter::default);
    let lab = props.lab.lab.borrow();
    let trace = lab.session.recent();
    let world = &lab.session.world;
    let total = lab.session.events_total();
    let dropped = lab.session.events_kept_from();
    let lines: Vec<Html> = trace
        .iter()
        .enumerate()
        .rev()
        .filter(|(i, t)| filter.accepts(t, world, &trace[..*i]))
        .take(SHOWN)
        .map(|(i, t)| line(t, world, &trace[..i], &on, &i.to_string()))
        .collect();
    let shown = lines.len();
    let earlier_state = use_state(|| None::<Earlier>);
    // Found for this filter and this point of the run, else stale.
    let earlier = (*earlier_state)
        .as_ref()
        .filter(|e| e.filter == *filter && e.before == dropped);
    let search_earlier = {
        let (earlier_state, filter, lab) =
            (earlier_state.clone(), (*filter).clone(), props.lab.clone());
        Callback::from(move |_: MouseEvent| {
            let lab = lab.lab.borrow();
            let session = &lab.session;
            let before = session.events_kept_from();
            let world = &session.world;
            let events =
                session.earlier_events(0, before, |t| filter.accepts(t, world, &[]), SHOWN);
            earlier_state.set(Some(Earlier {
                filter: filter.clone(),
                before,
                events,
            }));
        })
    };
    let set = |update: fn(&mut LogFilter, String)| {
        let filter = filter.clone();
        move |value: String| {
            let mut next = (*filter).clone();
            update(&mut next, value);
            filter.set(next);
        }
    };
    let on_group = set(|f, v| f.group = v);
    let on_category = set(|f, v| f.category = v);
    let on_message = set(|f, v| f.message = v);
    html! {
        <section class="event-log" data-testid="event-log" aria-label="Event log">
            <div class="log-filters">
                <h2>{ format!("Event log ({} event{})", total, if total == 1 { "" } else { "s" }) }</h2>
                <label>{ "Group " }
                    <select onchange={Callback::from(move |e: Event| on_group(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                        <option value="" selected={filter.group.is_empty()}>{ "all" }</option>
                        { for lab.session.world.groups.keys().map(|g| html! { <option value={g.clone()} selected={*g == filter.group}>{ g.clone() }</option> }) }
                    </select>
                </label>
                <label>{ "Kind " }
                    <select data-testid="log-kind" onchange={Callback::from(move |e: Event| on_category(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                        <option value="" selected={filter.category.is_empty()}>{ "all" }</option>
                        { for CATEGORIES.iter().map(|k| html! { <option value={*k} selected={*k == filter.category}>{ *k }</option> }) }
                    </select>
                </label>
                <label title="Messages, instances, subscriptions and the subscribers' copies of messages take their numbers from one counter in each MessageBox, so message numbers skip.">{ "Message # " }
                    <input class="short" data-testid="log-message" value={filter.message.clone()}
                           oninput={Callback::from(move |e: InputEvent| on_message(e.target_unchecked_into::<HtmlInputElement>().value()))} />
                </label>
            </div>
            if trace.is_empty() {
                <p class="hint">{ "Nothing has happened yet. Press Play (Space) or Step (Right arrow) to run the scenario, or submit an order from Compose." }</p>
            }
            <ol class="log-lines">{ for lines }</ol>
            if dropped > 0 {
                <p class="hint" data-testid="log-window">{ format!(
                    "The newest {} events are kept in full; the {dropped} before them are rebuilt on \
                     demand by replaying the run from the start.",
                    trace.len()
                ) }</p>
                if let Some(e) = earlier {
                    <p class="hint">{ format!("{} earlier matching events (the newest {SHOWN} at most):", e.events.len()) }</p>
                    <ol class="log-lines" data-testid="log-earlier">{ for e.events.iter().enumerate().rev().map(|(i, t)| line(t, world, &e.events[..i], &on, &format!("earlier-{i}"))) }</ol>
                } else if shown < SHOWN {
                    <button data-testid="btn-log-earlier" onclick={search_earlier}>
                        { "Search the earlier events (replays the run; can take seconds)" }
                    </button>
                }
            }
        </section>
    }
}
