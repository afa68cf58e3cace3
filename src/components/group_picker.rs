//! A group chooser for the per-group tabs, starting on the group of whatever is selected.

use crate::lab::Lab;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The group a per-group tab shows: the one chosen in it, else the selection's, else the first.
pub fn shown_group(lab: &Lab, chosen: &Option<String>) -> String {
    chosen
        .clone()
        .filter(|g| lab.session.world.group(g).is_some())
        .or_else(|| lab.selection.as_ref().map(|s| s.group().to_string()))
        .or_else(|| lab.group_order().first().cloned())
        .unwrap_or_default()
}

pub fn group_picker(lab: &Lab, shown: &str, chosen: UseStateHandle<Option<String>>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        chosen.set(Some(select.value()));
    });
    html! {
        <label class="group-picker">{ "Group " }
            <select {onchange}>
                { for lab.session.world.groups.keys().map(|g| html! {
                    <option value={g.clone()} selected={g == shown}>{ g.clone() }</option>
                }) }
            </select>
        </label>
    }
}
