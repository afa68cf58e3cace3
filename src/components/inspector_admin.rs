//! Administration from the inspector: a subscriber's enlist / start / stop / unenlist and its filter,
//! a receive location's enable / disable and pipeline, a host's start / stop, and for a group its
//! links, partner systems, endpoints, applications (export, import, start, stop, remove) and bridges.

use super::create_port::CreatePort;
use crate::browser;
use crate::lab::Action;
use crate::lab::Lab;
use messagebox_engine::messagebox::{AdminAction, Owner, ServiceState};
use messagebox_engine::world::config::Pipeline;
use messagebox_engine::world::{Command, Group, Package, StopMode};
use web_sys::HtmlInputElement;
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
            <p>{ format!("{} · pipeline {:?}", if loc.enabled { "Enabled" } else { "Disabled" }, loc.pipeline) }</p>
            <p class="hint">{ "XmlReceive promotes the message type and the deployed property schema's properties; PassThru promotes neither, so content filters cannot match." }</p>
            <div class="actions">
                <button onclick={act(on, enable)}>{ if loc.enabled { "Disable" } else { "Enable" } }</button>
                <button onclick={act(on, pipeline)}>{ format!("Use {other:?}") }</button>
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

pub fn group_admin(lab: &Lab, g: &Group, on: &Callback<Action>) -> Html {
    let world = &lab.session.world;
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
    let apps = g.applications.iter().map(|a| {
        let name = a.name.clone();
        let group = g.name.clone();
        let export = {
            let (name, group) = (name.clone(), group.clone());
            on.reform(move |_| Action::Export { group: group.clone(), application: name.clone() })
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
                let command = Command::CreateBridge { from: from.clone(), to: g.name.clone(), application: a.name.clone() };
                Some(html! {
                    <div class="bridge">
                        <p>{ format!("Bridge from {from}: send port {} with filter ", proposal.send_port.name) }
                           <code>{ proposal.send_port.filter.clone() }</code>
                           { format!(", to receive port {} here.", proposal.receive_port.name) }</p>
                        <button data-testid="btn-create-bridge" onclick={act(on, command)}>{ format!("Create bridge from {from}") }</button>
                    </div>
                })
            } else {
                None
            }
        });
        html! {
            <li class="application">
                <strong>{ name.clone() }</strong>
                <div class="actions">
                    <button onclick={export}>{ "Export" }</button>
                    <button onclick={act(on, Command::StartApplication { group: group.clone(), application: name.clone() })}>{ "Start" }</button>
                    <button onclick={act(on, Command::StopApplication { group: group.clone(), application: name.clone(), mode: StopMode::Full })}>{ "Full stop" }</button>
                    <button class="danger" onclick={act(on, Command::RemoveApplication { group: group.clone(), application: name.clone() })}>{ "Remove" }</button>
                </div>
                { for bridges }
            </li>
        }
    });
    let import = {
        let group = g.name.clone();
        let on = on.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (group, on) = (group.clone(), on.clone());
            browser::read_chosen_file(&input, move |read| {
                on.emit(
                    match read.and_then(|(name, text)| {
                        serde_json::from_str::<Package>(&text).map_err(|e| {
                            format!(
                                "{name} is not an application package (line {}, column {}: {e})",
                                e.line(),
                                e.column()
                            )
                        })
                    }) {
                        Ok(package) => Action::Act(Command::ImportApplication {
                            group,
                            package: Box::new(package),
                        }),
                        Err(reason) => {
                            Action::Notice(format!("Import refused, nothing changed: {reason}"))
                        }
                    },
                )
            });
            input.set_value("");
        })
    };
    let import_bindings = {
        let group = g.name.clone();
        let on = on.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let (group, on) = (group.clone(), on.clone());
            browser::read_chosen_file(&input, move |read| {
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
        <div data-testid="group-admin">
            <h2>{ format!("Group {}", g.name) }</h2>
            <p>{ format!("{} · {}", g.site, g.team) }</p>
            if !world.links.is_empty() {
                <h3>{ "WAN links" }</h3>
                <ul>{ for links }</ul>
            }
            if !g.responders.is_empty() {
                <h3>{ "Partner systems" }</h3>
                <ul>{ for responders }</ul>
            }
            <h3>{ "Applications" }</h3>
            <ul class="applications">{ for apps }</ul>
            <label class="file">
                { "Import an application package into this group: " }
                <input type="file" accept=".json,application/json" data-testid="import-package" onchange={import} />
            </label>
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
