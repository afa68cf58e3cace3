//! The event log: every engine event of the run so far, newest first, filterable by group, kind and
//! message, each line opening what it is about in the inspector.

use super::header::PanelProps;
use crate::app::Msg;
use crate::lab::describe::{clock, describe, CATEGORIES};
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

#[component]
pub fn EventLog(props: &PanelProps) -> Html {
    let filter = use_state(LogFilter::default);
    let lab = props.lab.lab.borrow();
    let trace = lab.session.recent();
    let total = lab.session.events_total();
    let dropped = lab.session.events_kept_from();
    let message: Option<u64> = filter.message.trim().trim_start_matches('#').parse().ok();
    let lines: Vec<Html> = trace
        .iter()
        .rev()
        .filter(|t| filter.group.is_empty() || t.group == filter.group)
        .map(|t| (t, describe(t)))
        .filter(|(_, d)| filter.category.is_empty() || d.category == filter.category)
        .filter(|(_, d)| message.is_none() || d.message == message)
        .take(SHOWN)
        .map(|(t, d)| {
            let text = format!("{}  {}  {}", clock(t.at), t.group, d.text);
            match d.link {
                Some(link) => html! {
                    <li class={classes!("log-line", d.category)} data-kind={d.kind}>
                        <button class="link" onclick={props.on.reform(move |_| Msg::Select(link.clone()))}>{ text }</button>
                    </li>
                },
                None => html! { <li class={classes!("log-line", d.category)} data-kind={d.kind}>{ text }</li> },
            }
        })
        .collect();
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
                <label>{ "Message # " }
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
                    "The newest {} events are kept here; the {dropped} before them are not kept in full. \
                     Scrub the timeline back to see an earlier moment.",
                    trace.len()
                ) }</p>
            }
        </section>
    }
}
