//! The world: groups, a virtual clock in milliseconds, scheduled work and one seeded RNG. Callers feed it
//! commands and time; each call hands out its events and keeps none (design.md 2). Same scenario,
//! commands and seed give the same events.

mod admin;
mod agenda;
mod application;
pub mod archive;
mod binding_file;
mod command;
mod command_json;
pub mod config;
mod context;
mod event;
mod group;
mod link;
mod live;
mod lookup;
mod output;
mod pipeline;
mod publish_context;
mod retire;
mod runtime;
mod sending;
mod summary;
mod transport;

pub use agenda::{Agenda, Work};
pub use application::{BridgeProposal, Package, StopMode, PACKAGE_FORMAT};
pub use archive::{Ended, GroupArchive, Retention, Retired, RetiredInstance};
pub use command::Command;
use context::ContextCache;
pub(crate) use context::Cx;
pub use event::{Traced, WorldEvent};
pub use group::Group;
pub use link::{Link, Reader, Wire};
pub use live::LiveSize;
pub use runtime::DEQUEUE_BATCH;
pub use runtime::{activation, convoy, ExceptionKind, ROUTING_FAILURE};
pub use summary::{
    GroupSummary as GroupOutcome, InstanceSummary, MessageSummary, Summary, SummaryBuilder,
};
pub use transport::{Transmission, TransmissionState};

use crate::messagebox::{CommandError, Event};
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
    /// Events of the call in progress; every call hands its events out and keeps none (design.md 2).
    #[serde(skip)]
    pending: Vec<Traced>,
    /// Events handed out so far.
    events_emitted: usize,
    pub links: Vec<Link>,
    /// What happens to finished work.
    retention: Retention,
    /// Finished work by group, under `Retention::Keep`.
    archive: BTreeMap<String, GroupArchive>,
    /// Finished work waiting for the caller, under `Retention::HandOut`.
    #[serde(skip)]
    handed: Vec<Retired>,
    /// Who reads each address and what each group has enlisted: built once, rebuilt after a command.
    #[serde(skip)]
    context: ContextCache,
}

impl World {
    /// An empty world with these groups and orchestration programs.
    pub fn new(groups: Vec<Group>, programs: Vec<Program>, seed: u64) -> Self {
        let compiled = crate::insert::map(programs.iter().map(|p| (p.name.clone(), compile(p))));
        Self {
            clock: 0,
            groups: crate::insert::map(groups.into_iter().map(|g| (g.name.clone(), g))),
            programs: crate::insert::map(programs.into_iter().map(|p| (p.name.clone(), p))),
            compiled,
            config: BTreeMap::new(),
            settings: Settings::default(),
            agenda: Agenda::default(),
            rng: Pcg64::seed_from_u64(seed),
            pending: Vec::new(),
            events_emitted: 0,
            links: Vec::new(),
            retention: Retention::default(),
            archive: BTreeMap::new(),
            handed: Vec::new(),
            context: ContextCache::default(),
        }
    }

    pub fn now(&self) -> u64 {
        self.clock
    }

    /// Every orchestration program the world holds, by name.
    pub fn programs(&self) -> impl Iterator<Item = &Program> {
        self.programs.values()
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
        match self.execute(command) {
            Ok(()) => Ok(self.hand_out()),
            Err(e) => {
                // A refused command changes nothing, and says nothing but why.
                self.pending.clear();
                Err(e)
            }
        }
    }

    /// Runs the next scheduled work, moving the clock to its time, and hands out its events. `None` when
    /// nothing is scheduled.
    pub fn step(&mut self) -> Option<Vec<Traced>> {
        let (at, work) = self.agenda.pop()?;
        self.clock = self.clock.max(at);
        self.run_work(work);
        Some(self.hand_out())
    }

    /// Runs all work due up to `t` and moves the clock to `t`. For long spans, prefer `step` or short
    /// spans: the events of the whole span are handed out at once.
    pub fn advance_to(&mut self, t: u64) -> Vec<Traced> {
        let mut events = Vec::new();
        while self.agenda.next_time().is_some_and(|due| due <= t) {
            events.extend(self.step().unwrap_or_default());
        }
        self.clock = self.clock.max(t);
        events
    }

    fn run_work(&mut self, work: Work) {
        let group_name = match &work {
            Work::Scripted(command) => {
                if let Err(e) = self.execute(command.clone()) {
                    // A scripted command that is refused is part of the story: record why.
                    let group = command_group(command).unwrap_or_default();
                    let event = Event::CommandRefused {
                        reason: e.to_string(),
                    };
                    self.note(&group, WorldEvent::MessageBox { event });
                }
                return;
            }
            Work::Dispatch { group }
            | Work::Run { group, .. }
            | Work::Timer { group, .. }
            | Work::Dehydrate { group, .. }
            | Work::Transmit { group, .. }
            | Work::Reply { group, .. }
            | Work::Arrive { group, .. } => group.clone(),
        };
        self.in_group(&group_name, |group, cx| match work {
            Work::Dispatch { .. } => group.dispatch(cx),
            Work::Run { instance, .. } => group.run_instance(cx, instance),
            Work::Timer {
                instance, epoch, ..
            } => group.timer(cx, instance, epoch),
            Work::Dehydrate {
                instance, epoch, ..
            } => group.dehydrate(cx, instance, epoch),
            Work::Transmit { transmission, .. } => group.transmit(cx, transmission),
            Work::Reply {
                responder, request, ..
            } => group.reply(cx, &responder, &request),
            Work::Arrive { location, body, .. } => {
                if let Err(e) = group.receive(cx, &location, &body) {
                    cx.emit(WorldEvent::MessageBox {
                        event: Event::CommandRefused {
                            reason: e.to_string(),
                        },
                    });
                }
            }
            Work::Scripted(_) => unreachable!("handled above"),
        });
    }

    /// Puts this work's wire messages on their links: they arrive after the link's latency and jitter.
    fn send_wire(&mut self, wire: Vec<Wire>) {
        use rand_pcg::rand_core::Rng;
        for w in wire {
            let link = self.links.iter().find(|l| l.joins(&w.from, &w.to));
            let (latency, jitter) = link.map_or((0, 0), |l| (l.latency_ms, l.jitter_ms));
            let extra = if jitter > 0 {
                self.rng.next_u64() % (jitter + 1)
            } else {
                0
            };
            let at = self.clock + latency + extra;
            let sent = WorldEvent::WireSent {
                port: w.port,
                message: w.message,
                to: w.to.clone(),
                location: w.location.clone(),
                arrives_at: at,
            };
            self.note(&w.from, sent);
            self.agenda.at(
                at,
                Work::Arrive {
                    group: w.to,
                    location: w.location,
                    body: w.body,
                },
            );
        }
    }

    fn execute(&mut self, command: Command) -> Result<(), CommandError> {
        // Commands change who reads an address and what is enlisted: the context is rebuilt after one.
        self.context.invalidate();
        let result = self.carry_out(command);
        self.context.invalidate();
        result
    }

    fn carry_out(&mut self, command: Command) -> Result<(), CommandError> {
        if let Command::SetConfig { key, value } = &command {
            self.config.insert(key.clone(), config_value(value));
            self.note("", WorldEvent::ConfigChanged { key: key.clone() });
            return Ok(());
        }
        match &command {
            Command::ImportApplication { group, package } => {
                return self.import_application(group, package)
            }
            Command::CopyApplication {
                from,
                to,
                application,
            } => {
                let package = self.export_application(from, application)?;
                return self.import_application(to, &package);
            }
            Command::StartApplication { group, application } => {
                return self.start_application(group, application)
            }
            Command::ImportBindings {
                group,
                application,
                text,
            } => {
                let warnings = self.import_binding_file(group, application, text)?;
                for text in warnings {
                    self.note(group, WorldEvent::Warning { text });
                }
                return Ok(());
            }
            Command::StopApplication {
                group,
                application,
                mode,
            } => return self.stop_application(group, application, *mode),
            Command::RemoveApplication { group, application } => {
                return self.remove_application(group, application)
            }
            Command::CreateBridge {
                from,
                to,
                application,
            } => {
                let proposal = self.propose_bridge(from, to, application)?;
                return self.create_bridge(&proposal);
            }
            _ => {}
        }
        if let Command::SetLinkUp { a, b, up } = &command {
            let link = self
                .links
                .iter_mut()
                .find(|l| l.joins(a, b))
                .ok_or_else(|| CommandError::Unknown(format!("link between {a} and {b}")))?;
            link.up = *up;
            self.note(
                "",
                WorldEvent::LinkChanged {
                    a: a.clone(),
                    b: b.clone(),
                    up: *up,
                },
            );
            return Ok(());
        }
        let group_name = command_group(&command).expect("every other command names a group");
        self.in_group(&group_name, |group, cx| group.execute(cx, command))
            .unwrap_or_else(|| Err(CommandError::Unknown(format!("group {group_name}"))))
    }

    fn pending_len(&self) -> usize {
        self.pending.len()
    }

    /// Takes back events recorded by work that was then undone.
    fn truncate_pending(&mut self, len: usize) {
        self.pending.truncate(len);
    }

    /// Records a world-level event (or one of a group, done by the world itself) at the current time.
    fn note(&mut self, group: &str, event: WorldEvent) {
        self.pending.push(Traced {
            at: self.clock,
            group: group.into(),
            event,
        });
    }
}

/// A configuration value as text gives a number when it reads as one (`TotalStages`), else a string.
pub fn config_value(text: &str) -> Value {
    text.parse::<i64>()
        .map(Value::Int)
        .unwrap_or_else(|_| Value::string(text))
}

fn command_group(command: &Command) -> Option<String> {
    command_groups(command).first().map(|g| g.to_string())
}

/// The groups a command names.
pub fn command_groups(command: &Command) -> Vec<&str> {
    match command {
        Command::Submit { group, .. }
        | Command::Administer { group, .. }
        | Command::ImportBindings { group, .. }
        | Command::PublishContext { group, .. }
        | Command::SetFilter { group, .. }
        | Command::SetLocationEnabled { group, .. }
        | Command::SetLocationPipeline { group, .. }
        | Command::SetHostRunning { group, .. }
        | Command::SetEndpointAvailable { group, .. }
        | Command::SetResponderRunning { group, .. }
        | Command::ResumeReference { group, .. }
        | Command::TerminateReference { group, .. }
        | Command::TerminateReport { group, .. }
        | Command::ResumeInstance { group, .. }
        | Command::TerminateInstance { group, .. }
        | Command::ImportApplication { group, .. }
        | Command::StartApplication { group, .. }
        | Command::StopApplication { group, .. }
        | Command::RemoveApplication { group, .. } => vec![group],
        Command::CopyApplication { from, to, .. } | Command::CreateBridge { from, to, .. } => {
            vec![from, to]
        }
        Command::SetLinkUp { a, b, .. } => vec![a, b],
        Command::SetConfig { .. } => vec![],
    }
}
