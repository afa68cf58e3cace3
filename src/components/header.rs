//! The top bar: product name, the scenario picker, the engine version and the shortcuts button.

use crate::app::{LabRef, Msg};
use messagebox_engine::VERSION;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub lab: LabRef,
    pub on: Callback<Msg>,
}

#[component]
pub fn Header(props: &PanelProps) -> Html {
    let lab = props.lab.lab.borrow();
    let onchange = props.on.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Msg::Scenario(select.value().parse().unwrap_or(0))
    });
    let current = &lab.catalog[lab.scenario].summary;
    html! {
        <header class="app-header" data-testid="header">
            <h1>{ "MessageBox Lab" }</h1>
            <label class="scenario-picker">
                { "Scenario " }
                <select data-testid="scenario-picker" {onchange}>
                    { for lab.catalog.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == lab.scenario}>
                            { s.summary.title.clone() }
                        </option>
                    }) }
                </select>
            </label>
            <span class="scenario-summary" title={current.summary.clone()}>{ current.summary.clone() }</span>
            <span class="visually-hidden" data-testid="scenario-title">{ current.title.clone() }</span>
            <span class="engine-version" data-testid="engine-version">
                { format!("engine v{VERSION}") }
            </span>
            <button data-testid="btn-tutorial" aria-pressed={lab.tutorial_open.to_string()}
                    onclick={props.on.reform(|_| Msg::ToggleTutorial)}>{ "Tutorial" }</button>
            <button class="help-button" aria-label="Keyboard shortcuts" data-testid="btn-help"
                    onclick={props.on.reform(|_| Msg::ToggleHelp)}>{ "?" }</button>
        </header>
    }
}
