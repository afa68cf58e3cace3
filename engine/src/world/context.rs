//! What work in one group can reach of the rest of the world (`Cx`), and the world-wide facts it consults
//! (who reads each address, what each group has enlisted), built once and rebuilt only after a command.

use super::{Agenda, Group, Link, Reader, Settings, Traced, Wire, Work, World, WorldEvent};
use crate::messagebox::{Event, InstanceId, Owner};
use crate::orchestration::{Instr, Program};
use crate::property::Value;
use rand_pcg::Pcg64;
use std::collections::BTreeMap;

/// The world-wide facts every piece of work may consult, which only commands change.
#[derive(Clone, Debug, Default)]
pub(super) struct ContextCache(Option<std::sync::Arc<WorldContext>>);

impl ContextCache {
    /// A command may change who reads an address or what is enlisted.
    pub(super) fn invalidate(&mut self) {
        self.0 = None;
    }
}

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
            group: self.group.into(),
            event,
        });
    }

    pub fn emit_all(&mut self, events: Vec<Event>) {
        for event in events {
            self.emit(WorldEvent::MessageBox { event });
        }
    }

    /// The MessageBox takes its queued references off the work queues after the dispatch delay.
    pub fn dispatch_soon(&mut self) {
        self.after(
            self.settings.dispatch_ms,
            Work::Dispatch {
                group: self.group.to_string(),
            },
        );
    }

    /// An instance runs after the step delay.
    pub fn run_soon(&mut self, instance: InstanceId) {
        self.after(
            self.settings.step_ms,
            Work::Run {
                group: self.group.to_string(),
                instance,
            },
        );
    }

    pub fn after(&mut self, delay: u64, work: Work) {
        self.agenda.at(self.now + delay, work);
    }
}

impl World {
    /// Runs `f` on one group with what it may reach of the rest of the world, then puts the wire messages
    /// it sent on their links. `None` when there is no such group.
    pub(super) fn in_group<R>(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut Group, &mut Cx) -> R,
    ) -> Option<R> {
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
        crate::insert::map(self.groups.iter().map(|(name, g)| {
            let names = crate::insert::set(
                g.messagebox
                    .state()
                    .services
                    .iter()
                    .filter(|(o, s)| {
                        matches!(o, Owner::Orchestration(_))
                            && s.state != crate::messagebox::ServiceState::Unenlisted
                    })
                    .map(|(o, _)| o.name().to_string()),
            );
            (name.clone(), names)
        }))
    }
}
