//! The CSR order form (domain.md 6.2, 6.3): customer, order, sequence number and service type code,
//! validated, submitted through a receive location as the CSR web front end would. Values are escaped
//! into the XML, so any text (even markup) arrives as text.

use super::header::PanelProps;
use crate::app::Msg;
use messagebox_engine::bpm::csr_request;
use messagebox_engine::property::PROMOTED_VALUE_CAP;
use messagebox_engine::world::Command;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The OrderTypeCode values of domain.md 6.3.
pub const TYPE_CODES: &[(&str, &str)] = &[
    ("NS", "new standard"),
    ("ND", "new deluxe"),
    ("XS", "cancel standard"),
    ("XD", "cancel deluxe"),
    ("CS", "change standard"),
    ("CD", "change deluxe"),
    ("UNKNOWN", "unknown"),
];

/// The most orders one burst submits.
pub const MAX_BURST: u32 = 500;

#[derive(Clone, PartialEq)]
pub struct OrderForm {
    pub customer: String,
    pub order: String,
    pub seq: String,
    pub code: String,
    pub burst: String,
    pub location: String,
}

impl Default for OrderForm {
    fn default() -> Self {
        Self {
            customer: "1".into(),
            order: "1".into(),
            seq: "1".into(),
            code: "NS".into(),
            burst: "1".into(),
            location: String::new(),
        }
    }
}

pub fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Checks the form; the error names the field.
pub fn validate(form: &OrderForm) -> Result<(u32, u32), String> {
    for (field, value) in [("Customer ID", &form.customer), ("Order ID", &form.order)] {
        if value.trim().is_empty() {
            return Err(format!("{field} is required"));
        }
        if value.chars().count() > PROMOTED_VALUE_CAP {
            return Err(format!(
                "{field} is longer than {PROMOTED_VALUE_CAP} characters, the limit for a promoted property"
            ));
        }
    }
    let seq: u32 = form
        .seq
        .trim()
        .parse()
        .map_err(|_| "Sequence number must be a whole number of 0 or more".to_string())?;
    let burst: u32 = form
        .burst
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=MAX_BURST).contains(n))
        .ok_or(format!("Copies must be between 1 and {MAX_BURST}"))?;
    if !TYPE_CODES.iter().any(|(c, _)| *c == form.code) {
        return Err("Choose a service type code".into());
    }
    Ok((seq, burst))
}

/// The Submit (status NEW) or Terminate (status TERMINATE) commands for the form, `burst` of them, with
/// request ids following `first_request`.
pub fn commands(
    form: &OrderForm,
    group: &str,
    location: &str,
    terminate: bool,
    first_request: usize,
) -> Result<Vec<Command>, String> {
    let (seq, burst) = validate(form)?;
    Ok((0..burst as usize)
        .map(|i| Command::Submit {
            group: group.to_string(),
            location: location.to_string(),
            body: csr_request(
                &format!("R-{}", first_request + i),
                &escape_xml(form.customer.trim()),
                &escape_xml(form.order.trim()),
                seq,
                &form.code,
                if terminate { "TERMINATE" } else { "NEW" },
            ),
        })
        .collect())
}

#[component]
pub fn Compose(props: &PanelProps) -> Html {
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
    let submitted = lab
        .session
        .trace()
        .iter()
        .filter(|t| {
            matches!(
                t.event,
                messagebox_engine::world::WorldEvent::Received { .. }
            )
        })
        .count();
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
        props.on.reform(move |e: MouseEvent| {
            e.prevent_default();
            let Some((group, location)) = &chosen else {
                return Msg::Notice("There is no receive location to submit to.".into());
            };
            match commands(&form, group, location, terminate, 1000 + submitted) {
                Ok(c) if c.len() == 1 => Msg::Act(c.into_iter().next().expect("one")),
                Ok(c) => Msg::ActAll(c),
                Err(e) => Msg::Notice(e),
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
            <label>{ "Copies (for load)" }
                <input data-testid="compose-burst" inputmode="numeric" value={form.burst.clone()} oninput={field(|f, v| f.burst = v)} />
            </label>
            if let Some(e) = &validation {
                <p class="error" role="alert" data-testid="compose-error">{ e.clone() }</p>
            }
            <div class="actions">
                <button type="submit" data-testid="btn-submit" disabled={validation.is_some()} onclick={send(false)}>{ "Submit" }</button>
                <button data-testid="btn-terminate" disabled={validation.is_some()} onclick={send(true)}>{ "Terminate" }</button>
            </div>
        </form>
    }
}
