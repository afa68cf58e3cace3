//! Administration from the inspector: a subscriber's enlist / start / stop / unenlist and its filter,
//! a receive location's enable / disable and pipeline, a host's start / stop, and for a group its
//! links, partner systems, endpoints, applications (export, import, start, stop, remove) and bridges.

use super::create_port::CreatePort;
use super::dispatch::use_dispatch;
use super::import_summary::import_summary_view;
use super::lab_ref::LabRef;
use crate::file_read;
use crate::lab::explain_text::{
    full_stop_question, group_holdings, pipeline_name, readable_filter, reimport_question,
    remove_question,
};
use crate::lab::import_summary::application_state;
use crate::lab::Action;
use messagebox_engine::messagebox::{AdminAction, Owner, ServiceState};
use messagebox_engine::world::config::Pipeline;
use messagebox_engine::world::{Command, Group, Package, StopMode};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

fn act(on: &Callback<Action>, command: Command) -> Callback<MouseEvent> {
    on.reform(move |_| Action::Act(command.clone()))
}

pub fn service_admin(g: &Group, owner: &Owner, on: &Callback<Action>) -> Html {
    let Some(service) = g.messagebox.state().services.get(owner) else {
        return html! { <p class="hint">{ format!("{owner} is not in {} at this point of the run.", g.name) }</p> };
    };
    let state = service.state;
    let admin = |action: AdminAction, label: &str, allowed: bool| {
        let command = Command::Administer {
            group: g.name.clone(),
            owner: owner.clone(),
            action,
        };
        html! {
            <button disabled={!allowed} data-testid={format!("btn-{action}")} onclick={act(on, command)}>{ label.to_string() }</button>
        }
    };
    let subs = g
        .messagebox
        .state()
        .subscriptions
        .values()
        .filter(|s| &s.owner == owner)
        .count();
    html! {
        <>
            <h2>{ owner.to_string() }</h2>
            <p data-testid="service-state">{ format!("State: {state} · {subs} subscription(s)") }</p>
            <p class="hint">{ match state {
                ServiceState::Started => "Started: its subscription is active and messages are delivered.",
                ServiceState::Stopped => "Enlisted but stopped: messages that match wait in the suspended queue (resumable) until it starts.",
                ServiceState::Unenlisted => "Unenlisted: it has no subscription, so a message only it wanted is a routing failure.",
            } }</p>
            <div class="actions">
                { admin(AdminAction::Enlist, "Enlist", state == ServiceState::Unenlisted) }
                { admin(AdminAction::Start, "Start", state != ServiceState::Started) }
                { admin(AdminAction::Stop, "Stop", state == ServiceState::Started) }
                { admin(AdminAction::Unenlist, "Unenlist", state != ServiceState::Unenlisted) }
            </div>
        </>
    }
}

pub fn location_admin(g: &Group, name: &str, on: &Callback<Action>) -> Html {
    let Some((port, i)) = g.location(name) else {
        return html! { <p class="hint">{ format!("Receive location {name} is not in {}.", g.name) }</p> };
    };
    let loc = &port.locations[i];
    let enable = Command::SetLocationEnabled {
        group: g.name.clone(),
        location: name.to_string(),
        enabled: !loc.enabled,
    };
    let other = match loc.pipeline {
        Pipeline::XmlReceive => Pipeline::PassThru,
        Pipeline::PassThru => Pipeline::XmlReceive,
    };
    let pipeline = Command::SetLocationPipeline {
        group: g.name.clone(),
        location: name.to_string(),
        pipeline: other,
    };
    html! {
        <>
            <h2>{ format!("Receive location {name}") }</h2>
            <p>{ format!("Receive port {} · {} at {}", port.name, loc.transport_type, loc.address) }</p>
            <p>{ format!("{} · pipeline {}", if loc.enabled { "Enabled" } else { "Disabled" }, pipeline_name(loc.pipeline)) }</p>
            <p class="hint">{ "XMLReceive promotes the message type and the document's properties that the deployed property schema declares. PassThru promotes none of the document's own properties (the engine still promotes system properties such as BTS.ReceivePortName), so filters on the document's content cannot match." }</p>
            <div class="actions">
                <button onclick={act(on, enable)}>{ if loc.enabled { "Disable" } else { "Enable" } }</button>
                <button onclick={act(on, pipeline)}>{ format!("Use {}", pipeline_name(other)) }</button>
            </div>
        </>
    }
}

pub fn host_admin(g: &Group, name: &str, on: &Callback<Action>) -> Html {
    let running = g.host_running(name);
    let toggle = Command::SetHostRunning {
        group: g.name.clone(),
        host: name.to_string(),
        running: !running,
    };
    html! {
        <>
            <h2>{ format!("Host {name}") }</h2>
            <p>{ format!("Host instance {}", if running { "running" } else { "stopped" }) }</p>
            <p class="hint">{ "A stopped host still receives its subscribers' messages into its queue; they are processed when it starts." }</p>
            <button onclick={act(on, toggle)}>{ if running { "Stop host instance" } else { "Start host instance" } }</button>
        </>
    }
}

/// What the group panel is asking before it acts.
#[derive(Clone, PartialEq)]
enum Ask {
    /// Remove this application.
    Remove(String),
    /// Full stop this application: it terminates its running instances.
    FullStop(String),
    /// Import this package, whose application the group already has.
    Reimport(Box<Package>),
}

#[derive(Properties, PartialEq)]
pub struct GroupAdminProps {
    pub lab: LabRef,
    pub group: String,
}

/// A group's administration: which group it is and what it holds, its links, partner systems,
/// applications (export, import, start, stop, remove), bridges, new ports and endpoints. Remove, and an
/// import that would rebind an application the group already has, ask first, in the panel.
#[component]
pub fn GroupAdmin(props: &GroupAdminProps) -> Html {
    let on = &use_dispatch();
    let asking = use_state(|| None::<Ask>);
    let root = use_node_ref();
    // A question that appears is scrolled into view and takes the focus (on its Cancel, the safe
    // answer).
    {
        let root = root.clone();
        let key = match &*asking {
            None => String::new(),
            Some(Ask::Remove(a)) => format!("remove {a}"),
            Some(Ask::FullStop(a)) => format!("full stop {a}"),
            Some(Ask::Reimport(p)) => format!("import {}", p.application.name),
        };
        use_effect_with(key, move |key| {
            if !key.is_empty() {
                // The whole question in view, its first line at the top, then its Cancel focused.
                if let Some(question) = root
                    .cast::<Element>()
                    .and_then(|r| r.query_selector("[role=alertdialog]").ok().flatten())
                {
                    question.scroll_into_view_with_bool(true);
                }
                focus_in(&root, "[data-testid=\"confirm-admin-no\"]");
            }
        });
    }
    let lab = props.lab.lab.borrow();
    let world = &lab.session.world;
    let Some(g) = world.group(&props.group) else {
        return html! { <p class="hint">{ format!("Group {} is not in this run.", props.group) }</p> };
    };
    let links = world.links.iter().filter(|l| l.a == g.name || l.b == g.name).map(|l| {
        let command = Command::SetLinkUp { a: l.a.clone(), b: l.b.clone(), up: !l.up };
        html! {
            <li>
                { format!("{} – {}: {} ms, {} ", l.a, l.b, l.latency_ms, if l.up { "up" } else { "CUT" }) }
                <button data-testid="btn-link" onclick={act(on, command)}>{ if l.up { "Cut" } else { "Restore" } }</button>
            </li>
        }
    });
    let responders = g.responders.iter().map(|r| {
        let command = Command::SetResponderRunning { group: g.name.clone(), responder: r.def.name.clone(), running: !r.def.running };
        html! {
            <li>
                { format!("{} (reads {}): {} ", r.def.name, r.def.endpoint, if r.def.running { "running" } else { "stopped" }) }
                <button data-testid="btn-responder" onclick={act(on, command)}>{ if r.def.running { "Stop" } else { "Start" } }</button>
            </li>
        }
    });
    let endpoints = g.endpoints.iter().map(|(name, e)| {
        let command = Command::SetEndpointAvailable { group: g.name.clone(), endpoint: name.clone(), available: !e.available };
        html! {
            <li>
                { format!("{name}: {} received, {} ", e.received.len(), if e.available { "available" } else { "unavailable" }) }
                <button onclick={act(on, command)}>{ if e.available { "Make unavailable" } else { "Make available" } }</button>
            </li>
        }
    });
    let others: Vec<String> = world
        .groups
        .keys()
        .filter(|n| **n != g.name)
        .cloned()
        .collect();
    // After a yes, the focus goes to the group's heading: the button that had it is gone (Remove) or
    // means something else now.
    let answered = {
        let (asking, root) = (asking.clone(), root.clone());
        move || {
            asking.set(None);
            focus_soon(&root, "[data-testid=\"group-admin-heading\"]");
        }
    };
    let question = |testid: &str, text: String, yes: &str, command: Command| {
        let on_yes = {
            let (on, answered) = (on.clone(), answered.clone());
            Callback::from(move |_: MouseEvent| {
                on.emit(Action::Act(command.clone()));
                answered();
            })
        };
        let on_no = {
            let (asking, root, back) = (asking.clone(), root.clone(), testid.to_string());
            Callback::from(move |_: MouseEvent| {
                asking.set(None);
                // Back to the button that asked.
                focus_soon(&root, &format!("[data-asks=\"{back}\"]"));
            })
        };
        html! {
            <div class="confirm admin-confirm" role="alertdialog" aria-label="Please confirm" data-testid={testid.to_string()}>
                <p>{ text }</p>
                <div class="actions">
                    <button class="danger" data-testid="confirm-admin-yes" onclick={on_yes}>{ yes.to_string() }</button>
                    <button data-testid="confirm-admin-no" onclick={on_no}>{ "Cancel" }</button>
                </div>
            </div>
        }
    };
    let apps = g.applications.iter().map(|a| {
        let name = a.name.clone();
        let state = application_state(g, a);
        let group = g.name.clone();
        let export = {
            let (name, group) = (name.clone(), group.clone());
            on.reform(move |_| Action::Export { group: group.clone(), application: name.clone() })
        };
        let remove_command = Command::RemoveApplication { group: group.clone(), application: name.clone() };
        let remove = {
            let (asking, on, command) = (asking.clone(), on.clone(), remove_command.clone());
            let ask = remove_question(g, &name).is_some();
            let name = name.clone();
            Callback::from(move |_: MouseEvent| {
                if ask {
                    asking.set(Some(Ask::Remove(name.clone())));
                } else {
                    // Still enlisted: the engine refuses with its reason, nothing to confirm.
                    on.emit(Action::Act(command.clone()));
                }
            })
        };
        let full_stop_command = Command::StopApplication { group: group.clone(), application: name.clone(), mode: StopMode::Full };
        let full_stop = {
            let (asking, name) = (asking.clone(), name.clone());
            Callback::from(move |_: MouseEvent| asking.set(Some(Ask::FullStop(name.clone()))))
        };
        let confirm_remove = match &*asking {
            Some(Ask::Remove(n)) if *n == name => remove_question(g, &name)
                .map(|text| question(&format!("remove-{name}"), text, "Remove it", remove_command.clone())),
            Some(Ask::FullStop(n)) if *n == name => Some(question(
                &format!("fullstop-{name}"),
                full_stop_question(&name),
                "Full stop",
                full_stop_command.clone(),
            )),
            _ => None,
        };
        let bridges = others.iter().filter_map(|from| {
            let proposal = world.propose_bridge(from, &g.name, &a.name).ok()?;
            let exists = world
                .group(from)
                .is_some_and(|f| f.send_ports.contains_key(&proposal.send_port.name));
            if exists {
                Some(html! {
                    <p class="bridge">{ format!("Bridged from {from} by send port {} to receive port {}.", proposal.send_port.name, proposal.receive_port.name) }</p>
                })
            } else if !proposal.send_port.filter.trim().is_empty() {
                let schema = world.group(from).map(|f| f.messagebox.schema()).unwrap_or(g.messagebox.schema());
                let filter = readable_filter(&proposal.send_port.filter, schema);
                let command = Command::CreateBridge { from: from.clone(), to: g.name.clone(), application: a.name.clone() };
                Some(html! {
                    <div class="bridge">
                        <p>{ format!("Bridge from {from}: send port {} in {from}, with the filter", proposal.send_port.name) }</p>
                        <pre class="filter-text" data-testid="bridge-filter">{ filter }</pre>
                        <p>{ format!("forwards what it matches to receive port {} here.", proposal.receive_port.name) }</p>
                        <button data-testid="btn-create-bridge" onclick={act(on, command)}>{ format!("Create bridge from {from}") }</button>
                    </div>
                })
            } else {
                None
            }
        });
        html! {
            <li class="application" data-application={name.clone()}>
                <strong>{ name.clone() }</strong>
                <span class={classes!("app-state", state.to_lowercase().replace(' ', "-"))} data-testid="application-state">{ state }</span>
                <div class="actions">
                    <button onclick={export}>{ "Export" }</button>
                    <button onclick={act(on, Command::StartApplication { group: group.clone(), application: name.clone() })}>{ "Start" }</button>
                    <button data-asks={format!("fullstop-{name}")} onclick={full_stop}>{ "Full stop" }</button>
                    <button class="danger" data-asks={format!("remove-{name}")} onclick={remove}>{ "Remove" }</button>
                </div>
                { for confirm_remove }
                { for bridges }
            </li>
        }
    });
    let import = {
        let group = g.name.clone();
        let (on, asking, lab) = (on.clone(), asking.clone(), props.lab.lab.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (group, on, asking, lab) = (group.clone(), on.clone(), asking.clone(), lab.clone());
            file_read::read_chosen_file(&input, move |read| {
                let package = read.and_then(|(name, text)| {
                    serde_json::from_str::<Package>(&text).map_err(|e| {
                        format!(
                            "{name} is not an application package (line {}, column {}: {e})",
                            e.line(),
                            e.column()
                        )
                    })
                });
                match package {
                    Ok(package) => {
                        let rebinds = lab
                            .borrow()
                            .session
                            .world
                            .group(&group)
                            .is_some_and(|g| reimport_question(g, &package).is_some());
                        if rebinds {
                            asking.set(Some(Ask::Reimport(Box::new(package))));
                        } else {
                            on.emit(Action::Act(Command::ImportApplication {
                                group,
                                package: Box::new(package),
                            }));
                        }
                    }
                    Err(reason) => on.emit(Action::Notice(format!(
                        "Import refused, nothing changed: {reason}"
                    ))),
                }
            });
            input.set_value("");
        })
    };
    let confirm_import = match &*asking {
        Some(Ask::Reimport(package)) => reimport_question(g, package).map(|text| {
            let command = Command::ImportApplication {
                group: g.name.clone(),
                package: package.clone(),
            };
            question("reimport", text, "Import again", command)
        }),
        _ => None,
    };
    let import_bindings = {
        let group = g.name.clone();
        let on = on.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (group, on) = (group.clone(), on.clone());
            file_read::read_chosen_file(&input, move |read| {
                on.emit(match read {
                    Ok((name, text)) => Action::Act(Command::ImportBindings {
                        group,
                        application: name.trim_end_matches(".xml").to_string(),
                        text,
                    }),
                    Err(reason) => {
                        Action::Notice(format!("Import refused, nothing changed: {reason}"))
                    }
                })
            });
            input.set_value("");
        })
    };
    html! {
        <div data-testid="group-admin" data-group={g.name.clone()} ref={root.clone()}>
            <h2 tabindex="-1" data-testid="group-admin-heading">{ format!("Group {}", g.name) }</h2>
            <p class="group-identity" data-testid="group-identity">
                <strong>{ g.site.clone() }</strong>{ format!(" · run by the {}", lowercase_first(&g.team)) }
            </p>
            <p class="group-holds" data-testid="group-holds">{ group_holdings(g) }</p>
            // The last import's summary, at the top where it is seen after choosing the file.
            if let Some(summary) = lab.import_summary.as_ref().filter(|s| s.group == g.name) {
                { import_summary_view(summary, on) }
            }
            if !world.links.is_empty() {
                <h3>{ "WAN links" }</h3>
                <ul>{ for links }</ul>
            }
            if !g.responders.is_empty() {
                <h3>{ "Partner systems" }</h3>
                <ul>{ for responders }</ul>
            }
            <h3>{ format!("Applications in {}", g.name) }</h3>
            <ul class="applications" data-testid="applications">{ for apps }</ul>
            <label class="file">
                { format!("Import an application package into {}: ", g.name) }
                <input type="file" accept=".json,application/json" data-testid="import-package" data-asks="reimport" onchange={import} />
            </label>
            { for confirm_import }
            <CreatePort group={g.name.clone()} />
            <label class="file">
                { "Import a BizTalk binding file as a new, started application: " }
                <input type="file" accept=".xml" data-testid="import-bindings" onchange={import_bindings} />
            </label>
            if !g.endpoints.is_empty() {
                <h3>{ "Endpoints" }</h3>
                <ul>{ for endpoints }</ul>
            }
        </div>
    }
}

/// "Messaging IT team" as "messaging IT team", keeping acronyms.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(c), Some(next)) if !next.is_uppercase() => c.to_lowercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// Focuses what `selector` finds under `root` once the answer has been rendered: the re-render replaces
/// the elements around the question, so focusing at once would be lost.
fn focus_soon(root: &NodeRef, selector: &str) {
    let (root, selector) = (root.clone(), selector.to_string());
    gloo_timers::callback::Timeout::new(0, move || focus_in(&root, &selector)).forget();
}

/// Focuses the first element under `root` that `selector` finds.
fn focus_in(root: &NodeRef, selector: &str) {
    let found = root
        .cast::<Element>()
        .and_then(|r| r.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(e) = found {
        let _ = e.focus();
    }
}
