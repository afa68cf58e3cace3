//! Helpers shared by the world tests: the shipped default scenario, CSR orders, and queries.
#![allow(dead_code)]

use messagebox_engine::bpm::csr_request;
use messagebox_engine::message::Message;
use messagebox_engine::messagebox::{Owner, RefState, Target};
use messagebox_engine::property::PropertyName;
use messagebox_engine::scenario::{Scenario, ScriptItem};
use messagebox_engine::world::{Command, Group, Traced, World};

pub const SEA: &str = "SRV-SEA";

/// The shared fixtures (`../shared/fixtures` beside the repository, see their SOURCES files). They were
/// written by others, so the project reads them there and keeps no copy.
pub fn shared_fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures")
}

/// Whether the shared fixtures are there; when they are not, says so on a "skipped" line, so that a
/// test that returns early is never a silent pass. CI always has them.
pub fn shared_present() -> bool {
    let dir = shared_fixtures();
    let present = dir.is_dir();
    if !present {
        println!(
            "skipped: ../shared not present (expected {}), so this test checked nothing",
            dir.display()
        );
    }
    present
}

/// A real BizTalk file from `../shared/fixtures/biztalk` (callers check `shared_present` first).
pub fn biztalk_fixture(name: &str) -> std::path::PathBuf {
    shared_fixtures().join("biztalk").join(name)
}

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

pub fn run(scenario: &Scenario, until: u64) -> Recorded {
    let mut world = record(scenario.build().expect("the scenario builds"));
    world.advance_to(until);
    world
}

/// A run and every event it handed out.
pub fn run_traced(scenario: &Scenario, until: u64) -> (World, Vec<Traced>) {
    let r = run(scenario, until);
    (r.world, r.trace)
}

/// A world that keeps the events it hands out, for tests that read the whole trace. The world itself
/// keeps none (design.md 2).
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    pub world: World,
    pub trace: Vec<Traced>,
}

pub fn record(world: World) -> Recorded {
    Recorded {
        world,
        trace: Vec::new(),
    }
}

impl Recorded {
    pub fn trace(&self) -> &[Traced] {
        &self.trace
    }

    pub fn advance_to(&mut self, t: u64) -> Vec<Traced> {
        let events = self.world.advance_to(t);
        self.trace.extend(events.iter().cloned());
        events
    }

    pub fn step(&mut self) -> Option<Vec<Traced>> {
        let events = self.world.step()?;
        self.trace.extend(events.iter().cloned());
        Some(events)
    }

    pub fn apply(
        &mut self,
        command: Command,
    ) -> Result<Vec<Traced>, messagebox_engine::messagebox::CommandError> {
        let events = self.world.apply(command)?;
        self.trace.extend(events.iter().cloned());
        Ok(events)
    }
}

impl std::ops::Deref for Recorded {
    type Target = World;
    fn deref(&self) -> &World {
        &self.world
    }
}

impl std::ops::DerefMut for Recorded {
    fn deref_mut(&mut self) -> &mut World {
        &mut self.world
    }
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
    all_messages(world, group)
        .into_iter()
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

/// Every message a group published, live or archived, in id order.
pub fn all_messages<'a>(world: &'a World, group: &str) -> Vec<&'a Message> {
    let live = world
        .group(group)
        .unwrap()
        .messagebox
        .state()
        .messages
        .values();
    let archived = world
        .archive(group)
        .into_iter()
        .flat_map(|a| a.messages.values().map(|r| &r.message));
    let mut all: Vec<&Message> = live.chain(archived).collect();
    all.sort_by_key(|m| m.id());
    all
}

/// Who in SRV-SEA received a copy of a message.
pub fn copies(world: &World, message: &Message) -> Vec<String> {
    copies_in(world, SEA, message)
}

/// Who in a group received a copy of a message, sorted.
pub fn copies_in(world: &World, group: &str, message: &Message) -> Vec<String> {
    let mut out: Vec<String> = world
        .references_of(group, message.id())
        .into_iter()
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
        .publisher_of(SEA, message.id())
        .map(|p| p.label())
        .unwrap_or_default()
}

/// Orchestration instances of a program, with the request ids they consumed.
pub fn instances<'a>(
    world: &'a World,
    orchestration: &str,
) -> Vec<&'a messagebox_engine::orchestration::Run> {
    world
        .all_runs(SEA)
        .into_iter()
        .filter(|r| r.orchestration == orchestration)
        .collect()
}

pub fn consumed_requests(
    world: &World,
    instance: messagebox_engine::messagebox::InstanceId,
) -> Vec<String> {
    world
        .find_instance(SEA, instance)
        .expect("the instance exists, live or archived")
        .consumed
        .iter()
        .filter_map(|m| world.find_message(SEA, *m))
        .filter_map(|m| field(m, "RequestID").or_else(|| field(m, "ReqId")))
        .collect()
}

pub fn owner(name: &str) -> Owner {
    Owner::Orchestration(name.into())
}

/// The OrderManager logged that the update interrupted SeqNum 1 and its first stage (domain.md 10.5 M4).
pub fn assert_logged_interrupt(world: &World) {
    let logs = logs(world);
    assert!(
        logs.iter()
            .any(|l| l.contains("SeqNum 1 was interrupted by the update with SeqNum 2")),
        "{logs:?}"
    );
    assert!(
        logs.iter().any(|l| l.contains("stage 1 was interrupted")),
        "{logs:?}"
    );
}

/// The event-log entries of every group.
pub fn logs(world: &World) -> Vec<String> {
    world
        .groups
        .keys()
        .flat_map(|g| world.event_log(g).cloned())
        .collect()
}
