//! The routing debugger: "Why didn't my message route?" A BizTalk binding file and a saved message
//! context (files or pasted), explained subscriber by subscriber. It runs in a MessageBox of its own:
//! the simulation is never touched, and bad input only produces an error.

use crate::browser;
use crate::lab::explain_text::predicate_line;
use messagebox_engine::import::{debug_routing, RoutingDebug};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[component]
pub fn Debugger() -> Html {
    let bindings = use_state(String::new);
    let context = use_state(String::new);
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
        let (bindings, context, result) = (bindings.clone(), context.clone(), result.clone());
        Callback::from(move |_: MouseEvent| {
            result.set(Some(
                debug_routing(&bindings, &context).map(std::rc::Rc::new),
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
            let rows = d.subscribers.iter().map(|s| {
                let preds = s.groups.iter().enumerate().map(|(i, g)| html! {
                    <li>
                        <span class="group-label">{ if i == 0 { "if" } else { "or" } }</span>
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
                        <strong>{ format!("{} {}", if s.matched { "✓ match" } else { "✗ no match" }, s.owner) }</strong>
                        <ul class="groups">{ for preds }</ul>
                    </li>
                }
            });
            html! {
                <>
                    <h3 data-testid="debugger-summary">{ format!("{matched} of {} subscribers match", d.subscribers.len()) }</h3>
                    <ul class="explanations">{ for rows }</ul>
                    if !d.notes.is_empty() {
                        <h3>{ "Assumptions" }</h3>
                        <ul>{ for d.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                    }
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
            <p class="hint">{ "Load a BizTalk binding file and a message context saved from the Administration console. Every send port and send port group of the file is enlisted and started in a MessageBox of its own and explained against the context. The simulation is not changed." }</p>
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
