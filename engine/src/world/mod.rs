//! The world: groups, a virtual clock in milliseconds, scheduled work, one seeded RNG and the event trace.
//! Callers feed it commands and time; it returns events (design.md 2). Same scenario, commands and seed
//! give the same trace.

mod admin;
mod agenda;
mod application;
pub mod archive;
mod command;
pub mod config;
mod event;
mod group;
mod link;
mod lookup;
mod pipeline;
mod retire;
mod runtime;
mod summary;
mod transport;

pub use agenda::{Agenda, Work};
pub use application::{BridgeProposal, Package, StopMode, PACKAGE_FORMAT};
pub use archive::{GroupArchive, Retention, Retired, RetiredInstance};
pub use command::Command;
pub use event::{Traced, WorldEvent};
pub use group::Group;
pub use link::{Link, Reader, Wire};
pub use runtime::{activation, convoy, ROUTING_FAILURE};
pub use summary::{
    GroupSummary as GroupOutcome, InstanceSummary, MessageSummary, Summary, SummaryBuilder,
};
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

/// The world-wide facts every piece of work may consult, which only commands change.
#[derive(Clone, Debug, Default)]
struct ContextCache(Option<std::sync::Arc<WorldContext>>);

#[derive(Debug)]
struct WorldContext {
    readers: BTreeMap<String, Vec<Reader>>,
    enlisted: BTreeMap<String, std::collections::BTreeSet<String>>,
}

impl PartialEq for ContextCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
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
    /// Every receive location's address, world-wide, and who reads it.
    pub readers: &'a BTreeMap<String, Vec<Reader>>,
    pub links: &'a [Link],
    /// Wire messages sent during this work, for the world to deliver.
    pub wire: &'a mut Vec<Wire>,
    /// Orchestrations enlisted in each group, to notice one enlisted on both ends of a bridge.
    pub enlisted: &'a BTreeMap<String, std::collections::BTreeSet<String>>,
}

impl Cx<'_> {
    /// Who reads an endpoint: a location of this group first, else one of another group.
    pub fn reader(&self, endpoint: &str) -> Option<Reader> {
        let all = self.readers.get(endpoint)?;
        all.iter()
            .find(|r| r.group == self.group)
            .or_else(|| all.first())
            .cloned()
    }

    /// Whether a message from this group can reach `group` now: the same group, or an up link.
    pub fn reachable(&self, group: &str) -> bool {
        group == self.group
            || self
                .links
                .iter()
                .any(|l| l.joins(self.group, group) && l.up)
    }

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
            pending: Vec::new(),
            events_emitted: 0,
            links: Vec::new(),
            retention: Retention::default(),
            archive: BTreeMap::new(),
            handed: Vec::new(),
            context: ContextCache::default(),
        }
    }

    /// Chooses what happens to finished work from now on.
    pub fn set_retention(&mut self, retention: Retention) {
        self.retention = retention;
    }

    pub fn retention(&self) -> Retention {
        self.retention
    }

    /// The finished work handed out since the last call (under `Retention::HandOut`).
    pub fn take_retired(&mut self) -> Vec<Retired> {
        std::mem::take(&mut self.handed)
    }

    /// A group's archive of finished work (under `Retention::Keep`).
    pub fn archive(&self, group: &str) -> Option<&GroupArchive> {
        self.archive.get(group)
    }

    /// A message, live or archived.
    pub fn find_message(
        &self,
        group: &str,
        id: crate::message::MessageId,
    ) -> Option<&crate::message::Message> {
        let live = self.group(group)?.messagebox.message(id);
        live.or_else(|| self.archive.get(group)?.message(id))
    }

    /// How many events the world has handed out since it was made.
    pub fn events_emitted(&self) -> usize {
        self.events_emitted
    }

    pub fn now(&self) -> u64 {
        self.clock
    }

    pub fn program(&self, name: &str) -> Option<&Program> {
        self.programs.get(name)
    }

    /// The shape an instance is at (its innermost frame's next instruction), in words, for the inspector.
    pub fn current_shape(
        &self,
        group: &str,
        instance: crate::messagebox::InstanceId,
    ) -> Option<String> {
        let run = self.group(group)?.runs.get(&instance)?;
        let frame = run.frames.last()?;
        let instr = self.compiled.get(&frame.program)?.get(frame.pc)?;
        let what = match instr {
            Instr::Receive(r) => format!("Receive {} on port {}", r.message, r.port),
            Instr::Send(s) => format!("Send {} on port {}", s.message, s.port),
            Instr::Construct { message, .. } => format!("Construct {message}"),
            Instr::Assign { variable, .. } => format!("Expression assigning {variable}"),
            Instr::JumpUnless { .. } => "Decide".to_string(),
            Instr::Jump(_) => "end of a branch".to_string(),
            Instr::Delay { ms } => format!("Delay {ms} ms"),
            Instr::Listen { branches } => format!("Listen ({} branches)", branches.len()),
            Instr::Call { orchestration, .. } => format!("Call {orchestration}"),
            Instr::Start { orchestration, .. } => format!("Start {orchestration}"),
            Instr::ScopeEnter { name, atomic, .. } => {
                format!(
                    "{} scope {name}",
                    if *atomic { "Atomic" } else { "Long-running" }
                )
            }
            Instr::ScopeExit => "end of a scope".to_string(),
            Instr::Throw { exception } => format!("Throw {exception}"),
            Instr::Terminate { .. } => "Terminate".to_string(),
            Instr::Log { .. } => "Expression writing to the event log".to_string(),
            Instr::End => "the end".to_string(),
        };
        Some(format!("{what} (in {})", frame.program))
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

    /// The events of the call that just ended, and the finished work it retired.
    fn hand_out(&mut self) -> Vec<Traced> {
        let events = std::mem::take(&mut self.pending);
        self.events_emitted += events.len();
        if self.retention == Retention::Keep {
            for t in &events {
                if let WorldEvent::Logged { text, .. } = &t.event {
                    let archive = self.archive.entry(t.group.clone()).or_default();
                    archive.log.push(text.clone());
                }
            }
        }
        events
    }

    /// Files what a piece of work in `group` finished, as the retention says.
    fn file_retired(&mut self, group: &str, since: usize) {
        let Some(g) = self.groups.get_mut(group) else {
            return;
        };
        let retired = g.retire(&self.pending[since..], self.retention != Retention::Discard);
        if retired.is_empty() {
            return;
        }
        match self.retention {
            Retention::Keep => {
                let archive = self.archive.entry(group.to_string()).or_default();
                for r in retired {
                    archive.keep(r);
                }
            }
            Retention::HandOut => self.handed.extend(retired),
            Retention::Discard => {}
        }
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

    /// Every receive location address and the locations that read it.
    fn readers(&self) -> BTreeMap<String, Vec<Reader>> {
        let mut out: BTreeMap<String, Vec<Reader>> = BTreeMap::new();
        for (name, g) in &self.groups {
            for p in &g.receive_ports {
                for l in &p.locations {
                    out.entry(l.address.clone()).or_default().push(Reader {
                        group: name.clone(),
                        location: l.name.clone(),
                    });
                }
            }
        }
        out
    }

    /// The orchestrations enlisted (stopped or started) in each group.
    fn enlisted(&self) -> BTreeMap<String, std::collections::BTreeSet<String>> {
        self.groups
            .iter()
            .map(|(name, g)| {
                let names = g
                    .messagebox
                    .state()
                    .services
                    .iter()
                    .filter(|(o, s)| {
                        matches!(o, Owner::Orchestration(_))
                            && s.state != crate::messagebox::ServiceState::Unenlisted
                    })
                    .map(|(o, _)| o.name().to_string())
                    .collect();
                (name.clone(), names)
            })
            .collect()
    }

    fn execute(&mut self, command: Command) -> Result<(), CommandError> {
        // Commands change who reads an address and what is enlisted: the context is rebuilt after one.
        self.context.0 = None;
        let result = self.carry_out(command);
        self.context.0 = None;
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

    /// Runs `f` on one group with what it may reach of the rest of the world, then puts the wire messages
    /// it sent on their links. `None` when there is no such group.
    fn in_group<R>(&mut self, name: &str, f: impl FnOnce(&mut Group, &mut Cx) -> R) -> Option<R> {
        let context = self.context();
        let since = self.pending.len();
        let mut wire = Vec::new();
        let World {
            clock,
            groups,
            programs,
            compiled,
            config,
            settings,
            agenda,
            rng,
            pending,
            links,
            ..
        } = self;
        let group = groups.get_mut(name)?;
        let mut cx = Cx {
            now: *clock,
            group: name,
            programs,
            compiled,
            config,
            settings,
            agenda,
            rng,
            out: pending,
            readers: &context.readers,
            links,
            wire: &mut wire,
            enlisted: &context.enlisted,
        };
        let result = f(group, &mut cx);
        self.file_retired(name, since);
        self.send_wire(wire);
        Some(result)
    }

    /// The world-wide context, built on first use after a command.
    fn context(&mut self) -> std::sync::Arc<WorldContext> {
        if let Some(c) = &self.context.0 {
            return c.clone();
        }
        let c = std::sync::Arc::new(WorldContext {
            readers: self.readers(),
            enlisted: self.enlisted(),
        });
        self.context.0 = Some(c.clone());
        c
    }

    /// Records a world-level event (or one of a group, done by the world itself) at the current time.
    fn note(&mut self, group: &str, event: WorldEvent) {
        self.pending.push(Traced {
            at: self.clock,
            group: group.to_string(),
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
