//! The routing debugger: "Why didn't my message route?" A BizTalk binding file and a saved message
//! context (files or pasted), explained subscriber by subscriber, with the verdict BizTalk would reach.
//! It reads the property schemas deployed in a group of the lab, and never changes the simulation: bad
//! input only produces an error.

use super::group_picker::{group_picker, shown_group};
use super::lab_ref::LabProps;
use crate::browser;
use crate::lab::explain_text::predicate_line;
use messagebox_engine::import::{debug_routing, DebugInputs, Outcome, RoutingDebug};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[component]
pub fn Debugger(props: &LabProps) -> Html {
    let bindings = use_state(String::new);
    let context = use_state(String::new);
    let chosen = use_state(|| None::<String>);
    let (group, picker) = {
        let lab = props.lab.lab.borrow();
        let shown = shown_group(&lab, &chosen);
        let picker = group_picker(&lab, &shown, chosen.clone());
        (shown, picker)
    };
    let result = use_state(|| None::<Result<std::rc::Rc<RoutingDebug>, String>>);
    let area = |state: UseStateHandle<String>| {
        Callback::from(move |e: InputEvent| {
            let a: HtmlTextAreaElement = e.target_unchecked_into();
            state.set(a.value());
        })
    };
    let file =
        |state: UseStateHandle<String>,
         result: UseStateHandle<Option<Result<std::rc::Rc<RoutingDebug>, String>>>| {
            Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                let (state, result) = (state.clone(), result.clone());
                browser::read_chosen_file(&input, move |read| match read {
                    Ok((_, text)) => state.set(text),
                    Err(e) => result.set(Some(Err(e))),
                });
            })
        };
    let explain = {
        let (bindings, context, result, group) = (
            bindings.clone(),
            context.clone(),
            result.clone(),
            group.clone(),
        );
        let lab = props.lab.lab.clone();
        Callback::from(move |_: MouseEvent| {
            let base = lab
                .borrow()
                .session
                .world
                .group(&group)
                .map(|g| g.messagebox.schema().clone());
            result.set(Some(
                debug_routing(&DebugInputs {
                    bindings: &bindings,
                    context: &context,
                    base: base.as_ref(),
                    ..Default::default()
                })
                .map(std::rc::Rc::new),
            ));
        })
    };

    let outcome = match &*result {
        None => html! {},
        Some(Err(e)) => {
            html! { <p class="error" role="alert" data-testid="debugger-error">{ e.clone() }</p> }
        }
        Some(Ok(d)) => {
            let matched = d.subscribers.iter().filter(|s| s.matched).count();
            let verdict = match d.verdict.outcome {
                Outcome::Delivered => "Delivered",
                Outcome::Held => "Held: suspended (resumable) until a stopped subscriber starts",
                Outcome::RoutingFailure => "Routing failure: no enlisted subscriber matches",
            };
            let copies = d
                .verdict
                .copies()
                .iter()
                .map(|(owner, n)| format!("{owner} × {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            let rows = d.subscribers.iter().map(|s| {
                let preds = s.groups.iter().enumerate().map(|(i, g)| html! {
                    <li>
                        <span class="group-label">
                            { if i == 0 { "if" } else { "or" } }
                            { if g.added_by_engine { " (added by BizTalk, not the subscriber's filter)" } else { "" } }
                        </span>
                        <ul class="predicates">
                            { for g.predicates.iter().map(|p| html! {
                                <li class={classes!(if p.holds { "holds" } else { "fails" })}>
                                    { if p.holds { "✓ " } else { "✗ " } }{ predicate_line(p, &d.schema) }
                                </li>
                            }) }
                        </ul>
                    </li>
                });
                html! {
                    <li class={classes!("explain", if s.matched { "matched" } else { "unmatched" })} data-testid="debugger-subscriber">
                        <strong>{ format!("{} {} ({})", if s.matched { "✓ match" } else { "✗ no match" }, s.owner, s.state) }</strong>
                        <ul class="groups">{ for preds }</ul>
                    </li>
                }
            });
            html! {
                <>
                    <p class="verdict" data-testid="debugger-verdict"><strong>{ verdict }</strong>
                        if !copies.is_empty() { { format!(": {copies}") } }</p>
                    <h3 data-testid="debugger-summary">{ format!("{matched} of {} subscribers match", d.subscribers.len()) }</h3>
                    <ul class="explanations">{ for rows }</ul>
                    <h3>{ "Assumptions" }</h3>
                    <ul data-testid="debugger-assumptions">
                        { for d.assumptions.iter().chain(&d.notes).chain(&d.links).map(|n| html! { <li>{ n.clone() }</li> }) }
                    </ul>
                    if !d.warnings.is_empty() {
                        <h3>{ "Not simulated (from the binding file)" }</h3>
                        <ul>{ for d.warnings.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul>
                    }
                </>
            }
        }
    };
    html! {
        <section class="debugger" data-testid="debugger" aria-label="Routing debugger">
            <h2>{ "Why didn't my message route?" }</h2>
            <p class="hint">{ "Load a BizTalk binding file and a message context saved from the Administration console. Every send port, send port group and orchestration bound to a receive port is explained against the context, in the state the file gives (send ports: started). The simulation is not changed." }</p>
            <p class="hint">{ "Filters and the context are read with the property schemas deployed in the group below. Your own property schemas (.xsd) and subscriber states are not taken here yet: the command line takes them (mbx explain --schema FILE.xsd --state NAME=Stopped)." }</p>
            { picker }
            <label>{ "Binding file" }
                <input type="file" accept=".xml" data-testid="debugger-bindings-file" onchange={file(bindings.clone(), result.clone())} />
                <textarea rows="5" data-testid="debugger-bindings" value={(*bindings).clone()} oninput={area(bindings.clone())} spellcheck="false" />
            </label>
            <label>{ "Message context" }
                <input type="file" accept=".xml" data-testid="debugger-context-file" onchange={file(context.clone(), result.clone())} />
                <textarea rows="5" data-testid="debugger-context" value={(*context).clone()} oninput={area(context.clone())} spellcheck="false" />
            </label>
            <button data-testid="btn-explain" onclick={explain}>{ "Explain" }</button>
            { outcome }
        </section>
    }
}
