//! The world: groups, a virtual clock in milliseconds, scheduled work, one seeded RNG and the event trace.
//! Callers feed it commands and time; it returns events (design.md 2). Same scenario, commands and seed
//! give the same trace.

mod admin;
mod agenda;
mod command;
pub mod config;
mod event;
mod group;
mod pipeline;
mod runtime;
mod summary;
mod transport;

pub use agenda::{Agenda, Work};
pub use command::Command;
pub use event::{Traced, WorldEvent};
pub use group::Group;
pub use runtime::{activation, convoy, ROUTING_FAILURE};
pub use summary::{GroupSummary as GroupOutcome, InstanceSummary, MessageSummary, Summary};
pub use transport::{Transmission, TransmissionState};

use crate::messagebox::{CommandError, Event, Owner};
use crate::orchestration::{compile, Instr, Program};
use crate::property::Value;
use rand_pcg::rand_core::SeedableRng;
use rand_pcg::Pcg64;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Timings of the simulation, in virtual milliseconds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// An instance idle this long while waiting dehydrates (domain.md 1.13; the real threshold is
    /// computed by the engine).
    pub dehydrate_after_ms: u64,
    /// From a publish to the references being taken off the queues.
    pub dispatch_ms: u64,
    /// From a send port taking a message to its transport answering.
    pub transmit_ms: u64,
    /// From a message arriving at an instance to the instance running.
    pub step_ms: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            dehydrate_after_ms: 10_000,
            dispatch_ms: 5,
            transmit_ms: 20,
            step_ms: 1,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct World {
    clock: u64,
    pub groups: BTreeMap<String, Group>,
    programs: BTreeMap<String, Program>,
    compiled: BTreeMap<String, Vec<Instr>>,
    pub config: BTreeMap<String, Value>,
    pub settings: Settings,
    agenda: Agenda,
    rng: Pcg64,
    trace: Vec<Traced>,
}

/// What work in one group can reach besides the group itself.
pub(crate) struct Cx<'a> {
    pub now: u64,
    pub group: &'a str,
    pub programs: &'a BTreeMap<String, Program>,
    pub compiled: &'a BTreeMap<String, Vec<Instr>>,
    pub config: &'a BTreeMap<String, Value>,
    pub settings: &'a Settings,
    pub agenda: &'a mut Agenda,
    pub rng: &'a mut Pcg64,
    pub out: &'a mut Vec<Traced>,
}

impl Cx<'_> {
    pub fn emit(&mut self, event: WorldEvent) {
        self.out.push(Traced {
            at: self.now,
            group: self.group.to_string(),
            event,
        });
    }

    pub fn emit_all(&mut self, events: Vec<Event>) {
        for event in events {
            self.emit(WorldEvent::MessageBox { event });
        }
    }

    pub fn after(&mut self, delay: u64, work: Work) {
        self.agenda.at(self.now + delay, work);
    }
}

impl World {
    /// An empty world with these groups and orchestration programs.
    pub fn new(groups: Vec<Group>, programs: Vec<Program>, seed: u64) -> Self {
        let compiled = programs
            .iter()
            .map(|p| (p.name.clone(), compile(p)))
            .collect();
        Self {
            clock: 0,
            groups: groups.into_iter().map(|g| (g.name.clone(), g)).collect(),
            programs: programs.into_iter().map(|p| (p.name.clone(), p)).collect(),
            compiled,
            config: BTreeMap::new(),
            settings: Settings::default(),
            agenda: Agenda::default(),
            rng: Pcg64::seed_from_u64(seed),
            trace: Vec::new(),
        }
    }

    pub fn now(&self) -> u64 {
        self.clock
    }

    pub fn trace(&self) -> &[Traced] {
        &self.trace
    }

    pub fn program(&self, name: &str) -> Option<&Program> {
        self.programs.get(name)
    }

    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups.get(name)
    }

    /// When the next scheduled work is due, if any.
    pub fn next_due(&self) -> Option<u64> {
        self.agenda.next_time()
    }

    /// Schedules a command at a time (scenario scripts).
    pub fn schedule(&mut self, at: u64, command: Command) {
        self.agenda.at(at.max(self.clock), Work::Scripted(command));
    }

    /// Applies a command now. A refused command changes nothing and returns why.
    pub fn apply(&mut self, command: Command) -> Result<Vec<Traced>, CommandError> {
        let start = self.trace.len();
        self.execute(command)?;
        Ok(self.trace[start..].to_vec())
    }

    /// Runs the next scheduled work, moving the clock to its time. `None` when nothing is scheduled.
    pub fn step(&mut self) -> Option<Vec<Traced>> {
        let (at, work) = self.agenda.pop()?;
        self.clock = self.clock.max(at);
        let start = self.trace.len();
        self.run_work(work);
        Some(self.trace[start..].to_vec())
    }

    /// Runs all work due up to `t` and moves the clock to `t`.
    pub fn advance_to(&mut self, t: u64) -> Vec<Traced> {
        let start = self.trace.len();
        while self.agenda.next_time().is_some_and(|due| due <= t) {
            self.step();
        }
        self.clock = self.clock.max(t);
        self.trace[start..].to_vec()
    }

    fn run_work(&mut self, work: Work) {
        let group_name = match &work {
            Work::Scripted(command) => {
                if let Err(e) = self.execute(command.clone()) {
                    // A scripted command that is refused is part of the story: record why.
                    let group = command_group(command).unwrap_or_default();
                    self.trace.push(Traced {
                        at: self.clock,
                        group,
                        event: WorldEvent::MessageBox {
                            event: Event::CommandRefused {
                                reason: e.to_string(),
                            },
                        },
                    });
                }
                return;
            }
            Work::Dispatch { group }
            | Work::Run { group, .. }
            | Work::Timer { group, .. }
            | Work::Dehydrate { group, .. }
            | Work::Transmit { group, .. }
            | Work::Reply { group, .. } => group.clone(),
        };
        let World {
            clock,
            groups,
            programs,
            compiled,
            config,
            settings,
            agenda,
            rng,
            trace,
        } = self;
        let Some(group) = groups.get_mut(&group_name) else {
            return;
        };
        let mut cx = Cx {
            now: *clock,
            group: &group_name,
            programs,
            compiled,
            config,
            settings,
            agenda,
            rng,
            out: trace,
        };
        match work {
            Work::Dispatch { .. } => group.dispatch(&mut cx),
            Work::Run { instance, .. } => group.run_instance(&mut cx, instance),
            Work::Timer {
                instance, epoch, ..
            } => group.timer(&mut cx, instance, epoch),
            Work::Dehydrate {
                instance, epoch, ..
            } => group.dehydrate(&mut cx, instance, epoch),
            Work::Transmit { transmission, .. } => group.transmit(&mut cx, transmission),
            Work::Reply {
                responder, request, ..
            } => group.reply(&mut cx, &responder, &request),
            Work::Scripted(_) => unreachable!("handled above"),
        }
    }

    fn execute(&mut self, command: Command) -> Result<(), CommandError> {
        if let Command::SetConfig { key, value } = &command {
            let parsed = value
                .parse::<i64>()
                .map(Value::Int)
                .unwrap_or_else(|_| Value::string(value.as_str()));
            self.config.insert(key.clone(), parsed);
            self.trace.push(Traced {
                at: self.clock,
                group: String::new(),
                event: WorldEvent::ConfigChanged { key: key.clone() },
            });
            return Ok(());
        }
        let group_name = command_group(&command).expect("every other command names a group");
        let World {
            clock,
            groups,
            programs,
            compiled,
            config,
            settings,
            agenda,
            rng,
            trace,
        } = self;
        let group = groups
            .get_mut(&group_name)
            .ok_or_else(|| CommandError::Unknown(format!("group {group_name}")))?;
        let mut cx = Cx {
            now: *clock,
            group: &group_name,
            programs,
            compiled,
            config,
            settings,
            agenda,
            rng,
            out: trace,
        };
        group.execute(&mut cx, command)
    }

    /// Orchestration instances of every group, for summaries: (group, run).
    pub fn runs(&self) -> impl Iterator<Item = (&str, &crate::orchestration::Run)> {
        self.groups
            .iter()
            .flat_map(|(name, g)| g.runs.values().map(move |r| (name.as_str(), r)))
    }

    /// The owner of an orchestration's activation subscription, if it is enlisted in a group.
    pub fn orchestration_owner(name: &str) -> Owner {
        Owner::Orchestration(name.to_string())
    }
}

fn command_group(command: &Command) -> Option<String> {
    match command {
        Command::Submit { group, .. }
        | Command::Administer { group, .. }
        | Command::SetLocationEnabled { group, .. }
        | Command::SetHostRunning { group, .. }
        | Command::SetEndpointAvailable { group, .. }
        | Command::SetResponderRunning { group, .. }
        | Command::ResumeReference { group, .. }
        | Command::TerminateReference { group, .. }
        | Command::TerminateReport { group, .. }
        | Command::ResumeInstance { group, .. }
        | Command::TerminateInstance { group, .. } => Some(group.clone()),
        Command::SetConfig { .. } => None,
    }
}
