//! The subscription viewer, per group: every subscription the MessageBox holds, as BizTalk's
//! Administration console lists them, each opening in the inspector.

use super::dispatch::use_dispatch;
use super::group_picker::{group_picker, shown_group};
use super::lab_ref::LabProps;
use crate::lab::explain_text::subscription_state;
use crate::lab::Action;
use crate::lab::Selection;
use messagebox_engine::messagebox::SubscriptionKind;
use yew::prelude::*;

#[component]
pub fn Subscriptions(props: &LabProps) -> Html {
    let on = use_dispatch();
    let chosen = use_state(|| None::<String>);
    let lab = props.lab.lab.borrow();
    let name = shown_group(&lab, &chosen);
    let Some(g) = lab.session.world.group(&name) else {
        return html! {};
    };
    let schema = g.messagebox.schema();
    let rows = g.messagebox.state().subscriptions.values().map(|s| {
        let sel = Selection::Subscription { group: name.clone(), id: s.id.0 };
        let kind = match s.kind {
            SubscriptionKind::Activation => "activation".to_string(),
            SubscriptionKind::Instance(i) => format!("instance {}", i.0),
        };
        html! {
            <tr data-testid="subscription-row">
                <td><button class="link" onclick={on.reform(move |_| Action::Select(sel.clone()))}>{ s.id.0 }</button></td>
                <td>{ s.owner.to_string() }</td>
                <td>{ kind }</td>
                <td>{ subscription_state(s.state) }</td>
                <td>{ s.priority }</td>
                <td class="filter-cell">{ s.filter.to_orchestration(schema) }</td>
            </tr>
        }
    });
    html! {
        <section class="subscriptions" data-testid="subscriptions" aria-label="Subscription viewer">
            <h2>{ "Subscriptions" }</h2>
            { group_picker(&lab, &name, chosen.clone()) }
            <table>
                <thead><tr><th>{ "Id" }</th><th>{ "Owner" }</th><th>{ "Kind" }</th><th>{ "State" }</th><th>{ "Priority" }</th><th>{ "Filter" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}
