//! The CSR order form (domain.md 6.2, 6.3): customer, order, sequence number and service type code,
//! validated, submitted through a receive location as the CSR web front end would. Values are escaped
//! into the XML, so any text (even markup) arrives as text.

use super::dispatch::use_dispatch;
use super::lab_ref::LabProps;
use crate::lab::order_form::{
    commands, submitted, validate, BurstKind, OrderForm, MAX_BURST, TYPE_CODES,
};
use crate::lab::Action;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[component]
pub fn Compose(props: &LabProps) -> Html {
    let on = use_dispatch();
    let form = use_state(OrderForm::default);
    let lab = props.lab.lab.borrow();
    let world = &lab.session.world;
    // Every enabled-or-not receive location, as "group / location".
    let locations: Vec<(String, String)> = world
        .groups
        .values()
        .flat_map(|g| {
            g.receive_ports.iter().flat_map(move |p| {
                p.locations
                    .iter()
                    .map(move |l| (g.name.clone(), l.name.clone()))
            })
        })
        .collect();
    let chosen = locations
        .iter()
        .find(|(g, l)| format!("{g}/{l}") == form.location)
        .or_else(|| locations.iter().find(|(_, l)| l == "Order-RP-TestRL"))
        .or(locations.first())
        .cloned();
    let submitted = submitted(lab.session.inputs());
    let field = |update: fn(&mut OrderForm, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let mut next = (*form).clone();
            update(&mut next, input.value());
            form.set(next);
        })
    };
    let select = |update: fn(&mut OrderForm, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let input: HtmlSelectElement = e.target_unchecked_into();
            let mut next = (*form).clone();
            update(&mut next, input.value());
            form.set(next);
        })
    };
    let validation = validate(&form).err();
    let send = |terminate: bool| {
        let form = (*form).clone();
        let chosen = chosen.clone();
        on.reform(move |e: MouseEvent| {
            e.prevent_default();
            let Some((group, location)) = &chosen else {
                return Action::Notice("There is no receive location to submit to.".into());
            };
            match commands(&form, group, location, terminate, 1000 + submitted) {
                Ok(c) if c.len() == 1 => Action::Act(c.into_iter().next().expect("one")),
                Ok(c) => Action::ActAll(c),
                Err(e) => Action::Notice(e),
            }
        })
    };
    html! {
        <form class="compose" data-testid="compose-form" aria-label="CSR order form">
            <h2>{ "Submit a CSR order" }</h2>
            <p class="hint">{ "The customer-support front end sends a CSR_OrderRequest. The OrderBroker marks it for an order manager and publishes it; watch where it goes." }</p>
            <label>{ "Receive location" }
                <select data-testid="compose-location" onchange={select(|f, v| f.location = v)}>
                    { for locations.iter().map(|(g, l)| {
                        let key = format!("{g}/{l}");
                        let is = chosen.as_ref().is_some_and(|(cg, cl)| cg == g && cl == l);
                        html! { <option value={key.clone()} selected={is}>{ key }</option> }
                    }) }
                </select>
            </label>
            <label>{ "Customer ID" }
                <input data-testid="compose-customer" value={form.customer.clone()} oninput={field(|f, v| f.customer = v)} />
            </label>
            <label>{ "Order ID" }
                <input data-testid="compose-order" value={form.order.clone()} oninput={field(|f, v| f.order = v)} />
            </label>
            <label>{ "Sequence number" }
                <input data-testid="compose-seq" inputmode="numeric" value={form.seq.clone()} oninput={field(|f, v| f.seq = v)} />
            </label>
            <label>{ "Service type code" }
                <select data-testid="compose-code" onchange={select(|f, v| f.code = v)}>
                    { for TYPE_CODES.iter().map(|(c, what)| html! {
                        <option value={*c} selected={form.code == *c}>{ format!("{c} ({what})") }</option>
                    }) }
                </select>
            </label>
            if let Some(e) = &validation {
                <p class="error" role="alert" data-testid="compose-error">{ e.clone() }</p>
            }
            // Submit comes before the load settings, so it is in view at 1280x720 without scrolling.
            <div class="actions">
                <button type="submit" data-testid="btn-submit" disabled={validation.is_some()} onclick={send(false)}>{ "Submit" }</button>
                <button data-testid="btn-terminate" disabled={validation.is_some()} onclick={send(true)}>{ "Terminate" }</button>
            </div>
            <fieldset class="burst">
                <legend>{ "Load: how many orders Submit sends" }</legend>
                <label>{ format!("Copies (1 to {MAX_BURST})") }
                    <input data-testid="compose-burst" inputmode="numeric" value={form.burst.clone()} oninput={field(|f, v| f.burst = v)} />
                </label>
                <label>{ "Copies are" }
                    <select data-testid="compose-burst-kind" onchange={select(|f, v| f.kind = BurstKind::parse(&v))}>
                        <option value={BurstKind::Distinct.value()} selected={form.kind == BurstKind::Distinct}>{ "distinct orders (order id counts up)" }</option>
                        <option value={BurstKind::Identical.value()} selected={form.kind == BurstKind::Identical}>{ "identical copies of one order" }</option>
                    </select>
                </label>
            </fieldset>
        </form>
    }
}
