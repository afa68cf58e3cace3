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
    /// The title of the user's own scenario, when the run is of one.
    pub own: Option<String>,
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
            own: lab.own.as_ref().map(|o| o.summary.title.clone()),
            summary: lab.scenario_summary().summary.clone(),
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
    let open_file = {
        let on = on.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let on = on.clone();
            crate::file_read::read_chosen_file(&input, move |read| {
                on.emit(match read {
                    Ok((name, text)) => Action::OpenFile { name, text },
                    Err(reason) => Action::Notice(format!("Not opened, nothing changed: {reason}")),
                })
            });
            input.set_value("");
        })
    };
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
                        <option value={i.to_string()} selected={props.own.is_none() && i == props.scenario}>
                            { t.clone() }
                        </option>
                    }) }
                    if let Some(own) = &props.own {
                        <option value="own" selected=true disabled=true>{ format!("Yours: {own}") }</option>
                    }
                </select>
            </label>
            <span class="scenario-summary" title={props.summary.clone()}>{ props.summary.clone() }</span>
            <span class="visually-hidden" data-testid="scenario-title">{ title }</span>
            <span class="engine-version" data-testid="engine-version">
                { format!("engine v{VERSION}") }
            </span>
            <label class="button-like" title="Open a scenario file, or a run file, from your disk (or drop it on the page)">
                { "Open…" }
                <input type="file" accept=".json,application/json" class="visually-hidden" data-testid="btn-open-scenario"
                       onchange={open_file} />
            </label>
            <button data-testid="btn-save-scenario" title="Download the current deployment of every group as a scenario file"
                    onclick={on.reform(|_| Action::SaveScenario)}>{ "Save scenario" }</button>
            <button data-testid="btn-copy-link" title="A link that opens this run at this step"
                    onclick={on.reform(|_| Action::CopyLink)}>{ "Copy link" }</button>
            <button data-testid="btn-tutorial" aria-pressed={props.tutorial_open.to_string()}
                    onclick={on.reform(|_| Action::ToggleTutorial)}>{ "Tutorial" }</button>
            <button class="help-button" aria-label="Help: keyboard shortcuts and glossary" title="Help: keyboard shortcuts and glossary" data-testid="btn-help"
                    onclick={on.reform(|_| Action::ToggleHelp)}>{ "?" }</button>
        </header>
    }
}
