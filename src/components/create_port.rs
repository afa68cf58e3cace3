//! Creating a port by hand: a send port (name, filter, destination) or a receive location (name, address,
//! pipeline). Ports live in applications in BizTalk, so each new port is its own small application,
//! imported into the group and started, as an administrator would do with a binding file.

use super::dispatch::use_dispatch;
use crate::lab::ports::{create_port, PortDraft};
use crate::lab::Action;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CreatePortProps {
    pub group: String,
}

#[component]
pub fn CreatePort(props: &CreatePortProps) -> Html {
    let on = use_dispatch();
    let draft = use_state(PortDraft::default);
    let text = |update: fn(&mut PortDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*draft).clone();
            update(
                &mut next,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            );
            draft.set(next);
        })
    };
    let choose = |update: fn(&mut PortDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut next = (*draft).clone();
            update(
                &mut next,
                e.target_unchecked_into::<HtmlSelectElement>().value(),
            );
            draft.set(next);
        })
    };
    let create = {
        let (group, d) = (props.group.clone(), (*draft).clone());
        on.reform(move |_| match create_port(&group, &d) {
            Ok(c) => Action::ActAll(c),
            Err(e) => Action::Notice(e),
        })
    };
    let receive = draft.receive;
    html! {
        <fieldset class="create-port" data-testid="create-port">
            <legend>{ "Create a port" }</legend>
            <label>{ "Kind " }
                <select onchange={choose(|d, v| d.receive = v == "receive")}>
                    <option value="send" selected={!receive}>{ "send port" }</option>
                    <option value="receive" selected={receive}>{ "receive location" }</option>
                </select>
            </label>
            <label>{ "Name " }<input data-testid="create-port-name" value={draft.name.clone()} oninput={text(|d, v| d.name = v)} /></label>
            if receive {
                <label>{ "Pipeline " }
                    <select onchange={choose(|d, v| d.pass_thru = v == "PassThru")}>
                        <option value="XmlReceive" selected={!draft.pass_thru}>{ "XMLReceive" }</option>
                        <option value="PassThru" selected={draft.pass_thru}>{ "PassThru" }</option>
                    </select>
                </label>
            } else {
                <label>{ "Filter " }<input data-testid="create-port-filter" placeholder="SV.OrderMgrType | == | VIPORDER | And" value={draft.filter.clone()} oninput={text(|d, v| d.filter = v)} /></label>
            }
            <label>{ "Address " }<input data-testid="create-port-address" placeholder="a queue or folder name" value={draft.address.clone()} oninput={text(|d, v| d.address = v)} /></label>
            <button data-testid="btn-create-port" onclick={create}>{ "Create and start" }</button>
        </fieldset>
    }
}
