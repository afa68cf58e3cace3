//! Helpers shared by the world tests: the shipped default scenario, CSR orders, and queries.
#![allow(dead_code)]

use messagebox_engine::bpm::csr_request;
use messagebox_engine::message::Message;
use messagebox_engine::messagebox::{Event, Owner, RefState, Target};
use messagebox_engine::property::PropertyName;
use messagebox_engine::scenario::{Scenario, ScriptItem};
use messagebox_engine::world::{Command, Group, World, WorldEvent};

pub const SEA: &str = "SRV-SEA";
pub const DEFAULT: &str = include_str!("../../../scenarios/default.json");

pub fn default_scenario() -> Scenario {
    Scenario::from_json(DEFAULT).expect("the shipped scenario parses")
}

/// The default scenario with its script replaced.
pub fn scenario_with(script: Vec<(u64, Command)>) -> Scenario {
    let mut s = default_scenario();
    s.script = script
        .into_iter()
        .map(|(at, command)| ScriptItem { at, command })
        .collect();
    s
}

pub fn order(req: &str, cust: &str, ord: &str, seq: u32, code: &str, status: &str) -> Command {
    Command::Submit {
        group: SEA.into(),
        location: "Order-RP-TestRL".into(),
        body: csr_request(req, cust, ord, seq, code, status),
    }
}

pub fn facilities(running: bool) -> Command {
    Command::SetResponderRunning {
        group: SEA.into(),
        responder: "Facilities".into(),
        running,
    }
}

pub fn run(scenario: &Scenario, until: u64) -> World {
    let mut world = scenario.build().expect("the scenario builds");
    world.advance_to(until);
    world
}

pub fn sea(world: &World) -> &Group {
    world.group(SEA).unwrap()
}

pub fn text(message: &Message, property: &str) -> Option<String> {
    message
        .context()
        .get(&PropertyName::parse(property).unwrap())
        .map(|p| p.value.to_string())
}

pub fn root(message: &Message) -> String {
    message
        .message_type()
        .unwrap_or_default()
        .rsplit('#')
        .next()
        .unwrap()
        .to_string()
}

/// Field text from a message body.
pub fn field(message: &Message, element: &str) -> Option<String> {
    messagebox_engine::orchestration::eval_field(message.body(), element)
}

/// Messages of SRV-SEA whose body type root is `root_name` and whose RequestID/ReqId is `req`.
pub fn messages<'a>(world: &'a World, root_name: &str, req: Option<&str>) -> Vec<&'a Message> {
    messages_in(world, SEA, root_name, req)
}

/// The same, in any group.
pub fn messages_in<'a>(
    world: &'a World,
    group: &str,
    root_name: &str,
    req: Option<&str>,
) -> Vec<&'a Message> {
    world
        .group(group)
        .unwrap()
        .messagebox
        .state()
        .messages
        .values()
        .filter(|m| root(m) == root_name)
        .filter(|m| {
            req.is_none_or(|r| {
                field(m, "RequestID")
                    .or_else(|| field(m, "ReqId"))
                    .as_deref()
                    == Some(r)
            })
        })
        .collect()
}

/// Who in SRV-SEA received a copy of a message.
pub fn copies(world: &World, message: &Message) -> Vec<String> {
    copies_in(world, SEA, message)
}

/// Who in a group received a copy of a message, sorted.
pub fn copies_in(world: &World, group: &str, message: &Message) -> Vec<String> {
    let mut out: Vec<String> = world
        .group(group)
        .unwrap()
        .messagebox
        .references_of(message.id())
        .filter(|r| matches!(r.state, RefState::Delivered { .. }))
        .filter_map(|r| match &r.target {
            Target::Subscriber { owner, .. } => Some(owner.name().to_string()),
            Target::Unrouted { .. } => None,
        })
        .collect();
    out.sort();
    out
}

pub fn publisher(world: &World, message: &Message) -> String {
    world
        .trace()
        .iter()
        .find_map(|t| match &t.event {
            WorldEvent::MessageBox {
                event:
                    Event::Published {
                        message: m,
                        publisher,
                    },
            } if *m == message.id() => Some(publisher.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// Orchestration instances of a program, with the request ids they consumed.
pub fn instances<'a>(
    world: &'a World,
    orchestration: &str,
) -> Vec<&'a messagebox_engine::orchestration::Run> {
    sea(world)
        .runs
        .values()
        .filter(|r| r.orchestration == orchestration)
        .collect()
}

pub fn consumed_requests(
    world: &World,
    instance: messagebox_engine::messagebox::InstanceId,
) -> Vec<String> {
    let mb = &sea(world).messagebox;
    mb.state().instances[&instance]
        .consumed
        .iter()
        .filter_map(|m| mb.message(*m))
        .filter_map(|m| field(m, "RequestID").or_else(|| field(m, "ReqId")))
        .collect()
}

pub fn owner(name: &str) -> Owner {
    Owner::Orchestration(name.into())
}

pub fn logs(world: &World) -> Vec<String> {
    world
        .trace()
        .iter()
        .filter_map(|t| match &t.event {
            WorldEvent::Logged { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}
