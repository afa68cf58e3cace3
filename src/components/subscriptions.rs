//! The subscription query, per group, as BizTalk's Administration console lists subscriptions: service,
//! type, state, priority and the filter in full, with what BizTalk added shown apart. It takes the whole
//! workspace; a subscription's number opens it in the inspector, on the canvas.

use super::dispatch::use_dispatch;
use super::group_picker::{group_picker, shown_group};
use super::lab_ref::LabProps;
use crate::lab::subscription_query::{query, Column, Query, Row, Scope, ROWS_SHOWN};
use crate::lab::{Action, Selection, Tab};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

const COLUMNS: &[(Column, &str)] = &[
    (Column::Id, "Id"),
    (Column::Service, "Service name"),
    (Column::Type, "Type"),
    (Column::State, "State"),
    (Column::Priority, "Priority"),
];

#[component]
pub fn Subscriptions(props: &LabProps) -> Html {
    let on = use_dispatch();
    let chosen = use_state(|| None::<String>);
    let q = use_state(Query::default);
    let lab = props.lab.lab.borrow();
    let name = shown_group(&lab, &chosen);
    let Some(g) = lab.session.world.group(&name) else {
        return html! {};
    };
    let answer = query(g, &q);
    let search = {
        let q = q.clone();
        Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            q.set(Query {
                search: i.value(),
                ..(*q).clone()
            });
        })
    };
    let scope = {
        let q = q.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            let scope = match s.value().as_str() {
                "service" => Scope::Service,
                "property" => Scope::Property,
                "value" => Scope::Value,
                _ => Scope::Anything,
            };
            q.set(Query {
                scope,
                ..(*q).clone()
            });
        })
    };
    let headers = COLUMNS.iter().map(|(column, label)| {
        let sort = if q.sort == *column {
            if q.descending { "descending" } else { "ascending" }
        } else {
            "none"
        };
        let onclick = {
            let (q, column) = (q.clone(), *column);
            Callback::from(move |_: MouseEvent| q.set(q.sorted_by(column)))
        };
        html! {
            <th aria-sort={sort}><button class="sort" {onclick}>{ *label }
                <span aria-hidden="true">{ match sort { "ascending" => " ▲", "descending" => " ▼", _ => "" } }</span></button></th>
        }
    });
    let rows = answer.rows.iter().map(|r| row(r, &name, &on));
    let shown = answer.rows.len();
    html! {
        <section class="subscriptions wide-view" data-testid="subscription-query" aria-label="Subscription query">
            <header class="wide-head">
                <h2>{ "Subscriptions" }</h2>
                <button data-testid="btn-back-to-canvas" onclick={on.reform(|_| Action::Tab(Tab::Inspector))}>{ "Back to the canvas" }</button>
            </header>
            <div class="query-bar">
                { group_picker(&lab, &name, chosen.clone()) }
                <label>{ "Search " }
                    <input type="search" data-testid="subscription-search" value={q.search.clone()} oninput={search}
                           placeholder="e.g. OrderMgrType or CABLEORDER" />
                </label>
                <label>{ "in " }
                    <select onchange={scope} data-testid="subscription-scope">
                        <option value="any" selected={q.scope == Scope::Anything}>{ "service, property or value" }</option>
                        <option value="service" selected={q.scope == Scope::Service}>{ "service name" }</option>
                        <option value="property" selected={q.scope == Scope::Property}>{ "property" }</option>
                        <option value="value" selected={q.scope == Scope::Value}>{ "value" }</option>
                    </select>
                </label>
                <span class="counts" data-testid="subscription-count">
                    { if answer.matched == answer.total {
                        format!("{} subscriptions", answer.total)
                    } else {
                        format!("{} of {} subscriptions match", answer.matched, answer.total)
                    } }
                    if shown < answer.matched { { format!("; the first {ROWS_SHOWN} are listed") } }
                </span>
            </div>
            <div class="query-scroll">
                <table class="query">
                    <thead><tr>{ for headers }<th>{ "Filter" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}

fn row(r: &Row, group: &str, on: &Callback<Action>) -> Html {
    let sel = Selection::Subscription {
        group: group.to_string(),
        id: r.id,
    };
    let filter = r.filter.iter().enumerate().map(|(i, g)| {
        html! {
            <div class="or-group">
                <span class="group-label">{ if i == 0 { "" } else { "Or " } }</span>
                { for g.iter().enumerate().map(|(j, p)| html! {
                    <>{ if j > 0 { " And " } else { "" } }<code>{ p.clone() }</code></>
                }) }
            </div>
        }
    });
    html! {
        <tr data-testid="subscription-row">
            <td><button class="link" title="Open in the inspector" onclick={on.reform(move |_| Action::Select(sel.clone()))}>{ r.id }</button></td>
            <td><strong class="service">{ r.service.clone() }</strong><br /><span class="muted">{ r.service_kind }</span></td>
            <td>{ r.kind.clone() }</td>
            <td>{ r.state }</td>
            <td class="num">{ r.priority }</td>
            <td class="filter-cell">
                if r.filter.is_empty() && r.added.is_empty() { <span class="muted">{ "(no filter)" }</span> }
                { for filter }
                if !r.added.is_empty() {
                    <div class="added-by-biztalk">{ "Added by BizTalk: " }{ r.added.join(" Or ") }</div>
                }
            </td>
        </tr>
    }
}
