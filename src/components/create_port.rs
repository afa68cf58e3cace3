//! Creating a port by hand: a send port (name, filter, destination) or a receive location (name, address,
//! pipeline). Ports live in applications in BizTalk, so each new port is its own small application,
//! imported into the group and started, as an administrator would do with a binding file.

use crate::app::Msg;
use messagebox_engine::scenario::ApplicationSpec;
use messagebox_engine::world::{Command, Package, PACKAGE_FORMAT};
use serde_json::json;
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

/// The commands that create the port: import its one-port application, then start it.
fn commands(group: &str, d: &Draft) -> Result<Vec<Command>, String> {
    let name = d.name.trim();
    if name.is_empty() {
        return Err("Give the port a name".into());
    }
    if d.address.trim().is_empty() {
        return Err("Give the address (the queue, folder or URL)".into());
    }
    let application = format!("Lab.{name}");
    let spec = if d.kind == "receive" {
        json!({"name": application, "receive_ports": [{"name": format!("{name}-RP"), "locations": [{
            "name": name, "address": d.address.trim(), "transport_type": "FILE",
            "pipeline": if d.pipeline == "PassThru" { "PassThru" } else { "XmlReceive" }}]}]})
    } else {
        json!({"name": application, "send_ports": [{"name": name, "filter": d.filter.trim(),
            "transport": {"transport_type": "FILE", "address": d.address.trim()}}]})
    };
    let application_spec: ApplicationSpec =
        serde_json::from_str(&spec.to_string()).map_err(|e| e.to_string())?;
    Ok(vec![
        Command::ImportApplication {
            group: group.to_string(),
            package: Box::new(Package {
                format: PACKAGE_FORMAT,
                application: application_spec,
                programs: vec![],
            }),
        },
        Command::StartApplication {
            group: group.to_string(),
            application,
        },
    ])
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
        props.on.reform(move |_| match commands(&group, &d) {
            Ok(c) => Msg::ActAll(c),
            Err(e) => Msg::Notice(e),
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
