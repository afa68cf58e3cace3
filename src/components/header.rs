//! The top bar: product name, the engine version, and the scenario picker.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub engine_version: AttrValue,
    /// Titles of the shipped scenarios, in catalog order.
    pub titles: Vec<AttrValue>,
    pub selected: usize,
    pub on_select: Callback<usize>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let onchange = {
        let on_select = props.on_select.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(index) = select.value().parse() {
                on_select.emit(index);
            }
        })
    };
    html! {
        <header class="app-header" data-testid="header">
            <h1>{ "MessageBox Lab" }</h1>
            <label class="scenario-picker">
                { "Scenario " }
                <select data-testid="scenario-picker" {onchange}>
                    { for props.titles.iter().enumerate().map(|(i, title)| html! {
                        <option value={i.to_string()} selected={i == props.selected}>{ title.clone() }</option>
                    }) }
                </select>
            </label>
            <span class="engine-version" data-testid="engine-version">
                { format!("engine v{}", props.engine_version) }
            </span>
        </header>
    }
}
