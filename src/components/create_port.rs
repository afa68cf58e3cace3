//! Creating a port by hand: a send port (name, filter, destination) or a receive location (name, address,
//! pipeline). Ports live in applications in BizTalk, so each new port is its own small application,
//! imported into the group and started, as an administrator would do with a binding file.

use crate::app::Msg;
use crate::lab::ports::{create_port, PortDraft};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CreatePortProps {
    pub group: String,
    pub on: Callback<Msg>,
}

#[derive(Clone, Default, PartialEq)]
struct Draft {
    kind: String,
    name: String,
    filter: String,
    address: String,
    pipeline: String,
}

#[component]
pub fn CreatePort(props: &CreatePortProps) -> Html {
    let draft = use_state(|| Draft {
        kind: "send".into(),
        pipeline: "XmlReceive".into(),
        ..Draft::default()
    });
    let text = |update: fn(&mut Draft, String)| {
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
    let choose = |update: fn(&mut Draft, String)| {
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
        props.on.reform(move |_| {
            match create_port(
                &group,
                &PortDraft {
                    receive: d.kind == "receive",
                    name: d.name.clone(),
                    filter: d.filter.clone(),
                    address: d.address.clone(),
                    pass_thru: d.pipeline == "PassThru",
                },
            ) {
                Ok(c) => Msg::ActAll(c),
                Err(e) => Msg::Notice(e),
            }
        })
    };
    let receive = draft.kind == "receive";
    html! {
        <fieldset class="create-port" data-testid="create-port">
            <legend>{ "Create a port" }</legend>
            <label>{ "Kind " }
                <select onchange={choose(|d, v| d.kind = v)}>
                    <option value="send" selected={!receive}>{ "send port" }</option>
                    <option value="receive" selected={receive}>{ "receive location" }</option>
                </select>
            </label>
            <label>{ "Name " }<input data-testid="create-port-name" value={draft.name.clone()} oninput={text(|d, v| d.name = v)} /></label>
            if receive {
                <label>{ "Pipeline " }
                    <select onchange={choose(|d, v| d.pipeline = v)}>
                        <option value="XmlReceive" selected={draft.pipeline == "XmlReceive"}>{ "XmlReceive" }</option>
                        <option value="PassThru" selected={draft.pipeline == "PassThru"}>{ "PassThru" }</option>
                    </select>
                </label>
            } else {
                <label>{ "Filter " }<input data-testid="create-port-filter" placeholder="SV.OrderMgrType == \"VIPORDER\"" value={draft.filter.clone()} oninput={text(|d, v| d.filter = v)} /></label>
            }
            <label>{ "Address " }<input data-testid="create-port-address" placeholder="a queue or folder name" value={draft.address.clone()} oninput={text(|d, v| d.address = v)} /></label>
            <button data-testid="btn-create-port" onclick={create}>{ "Create and start" }</button>
        </fieldset>
    }
}
