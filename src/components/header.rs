//! The top bar: product name, the scenario picker, the engine version and the help button (keyboard
//! shortcuts and the glossary).

use super::dispatch::use_dispatch;
use crate::lab::{Action, Lab};
use messagebox_engine::VERSION;
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The shipped scenarios' titles, in the picker's order.
    pub titles: Rc<[String]>,
    /// The scenario of the run, an index into `titles`.
    pub scenario: usize,
    /// The current scenario's one-line summary.
    pub summary: String,
    pub tutorial_open: bool,
}

impl HeaderProps {
    pub fn of(lab: &Lab) -> Self {
        Self {
            titles: lab
                .catalog
                .iter()
                .map(|s| s.summary.title.clone())
                .collect(),
            scenario: lab.scenario,
            summary: lab.catalog[lab.scenario].summary.summary.clone(),
            tutorial_open: lab.tutorial_open,
        }
    }
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let on = use_dispatch();
    let onchange = on.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::Scenario(select.value().parse().unwrap_or(0))
    });
    let title = props
        .titles
        .get(props.scenario)
        .cloned()
        .unwrap_or_default();
    html! {
        <header class="app-header" data-testid="header">
            <h1>{ "MessageBox Lab" }</h1>
            <label class="scenario-picker">
                { "Scenario " }
                <select data-testid="scenario-picker" {onchange}>
                    { for props.titles.iter().enumerate().map(|(i, t)| html! {
                        <option value={i.to_string()} selected={i == props.scenario}>
                            { t.clone() }
                        </option>
                    }) }
                </select>
            </label>
            <span class="scenario-summary" title={props.summary.clone()}>{ props.summary.clone() }</span>
            <span class="visually-hidden" data-testid="scenario-title">{ title }</span>
            <span class="engine-version" data-testid="engine-version">
                { format!("engine v{VERSION}") }
            </span>
            <button data-testid="btn-copy-link" title="A link that opens this run at this step"
                    onclick={on.reform(|_| Action::CopyLink)}>{ "Copy link" }</button>
            <button data-testid="btn-tutorial" aria-pressed={props.tutorial_open.to_string()}
                    onclick={on.reform(|_| Action::ToggleTutorial)}>{ "Tutorial" }</button>
            <button class="help-button" aria-label="Help: keyboard shortcuts and glossary" title="Help: keyboard shortcuts and glossary" data-testid="btn-help"
                    onclick={on.reform(|_| Action::ToggleHelp)}>{ "?" }</button>
        </header>
    }
}
