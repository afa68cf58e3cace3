//! Applications move between groups by export and import (domain.md 5): a package holds an application's
//! artifacts and bindings as a versioned JSON document, the MSI analogue. Import follows BizTalk's rules;
//! a refused import changes nothing. Applications start and stop as wholes (domain.md 4.4), and the
//! engine proposes, and on request creates, the bridge a moved application needs.

use super::config::{Pipeline, ReceiveLocationDef, ReceivePortDef, SendPortDef, TransportDef};
use super::{Work, World, WorldEvent};
use crate::filter::Filter;
use crate::messagebox::{AdminAction, CommandError, Event, Owner, ServiceState};
use crate::orchestration::{calls, Binding, Program};
use crate::scenario::{add_application, deploy_properties, promotions_of, ApplicationSpec};
use crate::world::activation;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const PACKAGE_FORMAT: u32 = 1;

/// An application's subscribers in a group, by kind.
struct AppOwners {
    ports: Vec<Owner>,
    port_groups: Vec<Owner>,
    orchestrations: Vec<Owner>,
}

/// An exported application: its artifacts (programs, property schemas) and bindings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Package {
    pub format: u32,
    pub application: ApplicationSpec,
    /// The orchestration programs it deploys, and those they call.
    pub programs: Vec<Program>,
}

/// The stop options of domain.md 4.4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StopMode {
    /// Partial stop, allow running instances to continue: receive locations disabled only.
    AllowRunning,
    /// Partial stop, suspend running instances: locations disabled, orchestrations and send ports
    /// stopped, nothing unenlisted.
    Suspend,
    /// Full stop, terminate instances: locations disabled, instances terminated, orchestrations and send
    /// ports stopped and unenlisted.
    Full,
}

/// The pair of ports that reconnects a moved application (domain.md 5, 10.6).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BridgeProposal {
    pub from: String,
    pub to: String,
    /// In the group that stayed: a send port whose filter is the moved orchestrations' activation
    /// filters.
    pub send_port: SendPortDef,
    /// In the group the application moved to: a receive port whose location publishes what arrives.
    pub receive_port: ReceivePortDef,
}

fn refused<T>(why: String) -> Result<T, CommandError> {
    Err(CommandError::Refused(why))
}

/// Short names for generated port names: `SRV-SEA` gives `SEA`.
fn short(group: &str) -> &str {
    group.rsplit('-').next().unwrap_or(group)
}

impl World {
    /// Exports an application, with its current enlistment states, and the programs it needs.
    pub fn export_application(
        &self,
        group: &str,
        application: &str,
    ) -> Result<Package, CommandError> {
        let g = self
            .groups
            .get(group)
            .ok_or_else(|| CommandError::Unknown(format!("group {group}")))?;
        let mut app = g
            .applications
            .iter()
            .find(|a| a.name == application)
            .cloned()
            .ok_or_else(|| {
                CommandError::Unknown(format!("application {application} in {group}"))
            })?;
        let state = |owner: Owner| g.messagebox.state().services.get(&owner).map(|s| s.state);
        for p in &mut app.send_ports {
            p.state = state(Owner::SendPort(p.name.clone())).unwrap_or(p.state);
        }
        for sg in &mut app.send_port_groups {
            sg.state = state(Owner::SendPortGroup(sg.name.clone())).unwrap_or(sg.state);
        }
        for o in &mut app.orchestrations {
            o.state = state(Owner::Orchestration(o.name.clone())).unwrap_or(o.state);
        }
        let mut programs = Vec::new();
        let mut todo: Vec<String> = app.orchestrations.iter().map(|o| o.name.clone()).collect();
        while let Some(name) = todo.pop() {
            if programs.iter().any(|p: &Program| p.name == name) {
                continue;
            }
            if let Some(p) = self.program(&name) {
                todo.extend(calls(p));
                programs.push(p.clone());
            }
        }
        // By name (names are unique here), through the map type the world keeps programs in.
        let programs: Vec<Program> =
            crate::insert::map(programs.into_iter().map(|p| (p.name.clone(), p)))
                .into_values()
                .collect();
        Ok(Package {
            format: PACKAGE_FORMAT,
            application: app,
            programs,
        })
    }

    /// Imports a package into a group. BizTalk's rules: referenced applications must already be there;
    /// names are unique in the group (an application's own ports are overwritten by a re-import); an
    /// orchestration binds to the host of the same name. Imported subscribers arrive unenlisted and
    /// locations disabled, until the application is started.
    pub fn import_application(
        &mut self,
        group: &str,
        package: &Package,
    ) -> Result<(), CommandError> {
        if package.format != PACKAGE_FORMAT {
            return refused(format!(
                "this engine imports package format {PACKAGE_FORMAT}, not {}",
                package.format
            ));
        }
        let app = &package.application;
        let g = self
            .groups
            .get(group)
            .ok_or_else(|| CommandError::Unknown(format!("group {group}")))?;
        for r in &app.references {
            if !g.applications.iter().any(|a| &a.name == r) {
                return refused(format!(
                    "{} references {r}, which is not in {group}: import {r} first",
                    app.name
                ));
            }
        }
        if g.applications.iter().any(|a| a.name == app.name) {
            return self.rebind_application(group, package);
        }
        // Orchestrations bind to the host of the same name. Unique names are checked by adding
        // everything to a trial copy of the group below.
        for o in &app.orchestrations {
            if !g.messagebox.state().hosts.contains_key(&o.host) {
                return refused(format!(
                    "{group} has no host {} for orchestration {}: create it before the import",
                    o.host, o.name
                ));
            }
        }
        for p in &package.programs {
            if let Some(existing) = self.program(&p.name) {
                if existing != p {
                    return refused(format!(
                        "a different version of orchestration {} is already deployed",
                        p.name
                    ));
                }
            }
        }
        // Try everything on copies first, so a refusal leaves the group untouched.
        let mut schema = g.messagebox.schema().clone();
        deploy_properties(
            &mut schema,
            &app.property_schemas,
            &app.properties,
            "application",
        )
        .map_err(|e| CommandError::Refused(e.to_string()))?;
        let promotions = promotions_of(&app.promotion_sets, &app.promotions, "application")
            .map_err(|e| CommandError::Refused(e.to_string()))?;
        let mut trial = g.clone();
        trial.messagebox.deploy_schema(schema.clone());
        let mut unenlisted = app.clone();
        unenlisted
            .send_ports
            .iter_mut()
            .for_each(|p| p.state = ServiceState::Unenlisted);
        unenlisted
            .send_port_groups
            .iter_mut()
            .for_each(|p| p.state = ServiceState::Unenlisted);
        unenlisted
            .orchestrations
            .iter_mut()
            .for_each(|o| o.state = ServiceState::Unenlisted);
        unenlisted
            .receive_ports
            .iter_mut()
            .flat_map(|p| p.locations.iter_mut())
            .for_each(|l| l.enabled = false);
        let mut all_programs: BTreeMap<&str, &Program> =
            crate::insert::map(self.programs.iter().map(|(n, p)| (n.as_str(), p)));
        for p in &package.programs {
            all_programs.insert(&p.name, p);
        }
        let mut mb = trial.messagebox.clone();
        add_application(
            &mut trial,
            &mut mb,
            &unenlisted,
            &app.name,
            &schema,
            &all_programs,
        )
        .map_err(|e| CommandError::Refused(format!("{}: {}", e.field, e.reason)))?;
        trial.messagebox = mb;
        trial.promotions.extend(promotions);
        trial.applications.push(app.clone());
        for p in &package.programs {
            if !self.programs.contains_key(&p.name) {
                self.compiled
                    .insert(p.name.clone(), crate::orchestration::compile(p));
                self.programs.insert(p.name.clone(), p.clone());
            }
        }
        self.groups.insert(group.to_string(), trial);
        self.note(
            group,
            WorldEvent::ApplicationImported {
                application: app.name.clone(),
            },
        );
        Ok(())
    }

    /// A package for an application the group already has: its bindings overwrite the same-named ones
    /// (send port transports, retries, priority and filter; receive location address, transport and
    /// pipeline; orchestration hosts). New artifacts in the package are refused: remove and import the
    /// application to change what it contains.
    pub(super) fn rebind_application(
        &mut self,
        group: &str,
        package: &Package,
    ) -> Result<(), CommandError> {
        let app = &package.application;
        let g = &self.groups[group];
        let current = g
            .applications
            .iter()
            .find(|a| a.name == app.name)
            .expect("checked");
        for p in &app.send_ports {
            if !current.send_ports.iter().any(|c| c.name == p.name) {
                return refused(format!(
                    "{} has no send port {} to rebind: remove the application and import it again",
                    app.name, p.name
                ));
            }
        }
        for rp in &app.receive_ports {
            for l in &rp.locations {
                if !current
                    .receive_ports
                    .iter()
                    .flat_map(|c| &c.locations)
                    .any(|c| c.name == l.name)
                {
                    return refused(format!(
                        "{} has no receive location {} to rebind",
                        app.name, l.name
                    ));
                }
            }
        }
        for o in &app.orchestrations {
            if !g.messagebox.state().hosts.contains_key(&o.host) {
                return refused(format!(
                    "{group} has no host {} for orchestration {}",
                    o.host, o.name
                ));
            }
        }
        let mut trial = g.clone();
        let mut events = Vec::new();
        for p in &app.send_ports {
            let filter = Filter::parse_any(&p.filter, trial.messagebox.schema())
                .map_err(|e| CommandError::Refused(format!("send port {}: filter: {e}", p.name)))?;
            events.extend(
                trial
                    .messagebox
                    .rebind(crate::messagebox::ServiceDef::SendPort(
                        crate::messagebox::SendPortDef {
                            name: p.name.clone(),
                            host: p.host.clone(),
                            filter,
                            priority: p.priority,
                        },
                    ))?,
            );
            trial.send_ports.insert(p.name.clone(), p.clone());
            if let Some(spec) = trial
                .applications
                .iter_mut()
                .filter(|a| a.name == app.name)
                .flat_map(|a| a.send_ports.iter_mut())
                .find(|s| s.name == p.name)
            {
                *spec = p.clone();
            }
        }
        for rp in &app.receive_ports {
            for l in &rp.locations {
                if let Some(existing) = trial
                    .receive_ports
                    .iter_mut()
                    .flat_map(|p| p.locations.iter_mut())
                    .find(|c| c.name == l.name)
                {
                    existing.address = l.address.clone();
                    existing.transport_type = l.transport_type.clone();
                    existing.pipeline = l.pipeline;
                }
            }
        }
        for o in &app.orchestrations {
            trial
                .orchestration_hosts
                .insert(o.name.clone(), o.host.clone());
        }
        self.groups.insert(group.to_string(), trial);
        for event in events {
            self.note(group, WorldEvent::MessageBox { event });
        }
        self.note(
            group,
            WorldEvent::ApplicationImported {
                application: app.name.clone(),
            },
        );
        Ok(())
    }

    pub(super) fn administer_all(&mut self, group: &str, owners: &[Owner], action: AdminAction) {
        let g = self.groups.get_mut(group).expect("checked");
        let mut events = Vec::new();
        for o in owners {
            // Already in the wanted state, or refused by a rule: the console reports and goes on.
            match g.messagebox.administer(o, action) {
                Ok(e) => events.extend(e),
                Err(CommandError::Refused(r)) if !r.contains("already") => {
                    events.push(Event::CommandRefused { reason: r })
                }
                Err(_) => {}
            }
        }
        for event in events {
            self.note(group, WorldEvent::MessageBox { event });
        }
    }

    fn app_owners(&self, group: &str, application: &str) -> Result<AppOwners, CommandError> {
        let g = self
            .groups
            .get(group)
            .ok_or_else(|| CommandError::Unknown(format!("group {group}")))?;
        let app = g
            .applications
            .iter()
            .find(|a| a.name == application)
            .ok_or_else(|| {
                CommandError::Unknown(format!("application {application} in {group}"))
            })?;
        Ok(AppOwners {
            ports: app
                .send_ports
                .iter()
                .map(|p| Owner::SendPort(p.name.clone()))
                .collect(),
            port_groups: app
                .send_port_groups
                .iter()
                .map(|p| Owner::SendPortGroup(p.name.clone()))
                .collect(),
            orchestrations: app
                .orchestrations
                .iter()
                .filter(|o| {
                    g.messagebox
                        .state()
                        .services
                        .contains_key(&Owner::Orchestration(o.name.clone()))
                })
                .map(|o| Owner::Orchestration(o.name.clone()))
                .collect(),
        })
    }

    fn set_app_locations(&mut self, group: &str, application: &str, enabled: bool) {
        let g = self.groups.get_mut(group).expect("checked");
        let names: Vec<String> = g
            .applications
            .iter()
            .filter(|a| a.name == application)
            .flat_map(|a| a.receive_ports.iter().map(|p| p.name.clone()))
            .collect();
        let mut changed = Vec::new();
        for p in g
            .receive_ports
            .iter_mut()
            .filter(|p| names.contains(&p.name))
        {
            for l in &mut p.locations {
                if l.enabled != enabled {
                    l.enabled = enabled;
                    changed.push(l.name.clone());
                }
            }
        }
        for location in changed {
            self.note(
                group,
                WorldEvent::ReceiveLocationChanged { location, enabled },
            );
        }
    }

    /// Enlists and starts everything in the application and enables its receive locations.
    pub fn start_application(
        &mut self,
        group: &str,
        application: &str,
    ) -> Result<(), CommandError> {
        let AppOwners {
            ports,
            port_groups,
            orchestrations,
        } = self.app_owners(group, application)?;
        self.administer_all(group, &ports, AdminAction::Start);
        self.administer_all(group, &port_groups, AdminAction::Start);
        self.administer_all(group, &orchestrations, AdminAction::Start);
        self.set_app_locations(group, application, true);
        self.note(
            group,
            WorldEvent::ApplicationStarted {
                application: application.to_string(),
            },
        );
        let at = self.clock + self.settings.dispatch_ms;
        self.agenda.at(
            at,
            Work::Dispatch {
                group: group.to_string(),
            },
        );
        Ok(())
    }

    pub fn stop_application(
        &mut self,
        group: &str,
        application: &str,
        mode: StopMode,
    ) -> Result<(), CommandError> {
        let AppOwners {
            ports,
            port_groups,
            orchestrations,
        } = self.app_owners(group, application)?;
        self.set_app_locations(group, application, false);
        if mode != StopMode::AllowRunning {
            self.administer_all(group, &orchestrations, AdminAction::Stop);
            self.administer_all(group, &port_groups, AdminAction::Stop);
            self.administer_all(group, &ports, AdminAction::Stop);
        }
        if mode == StopMode::Full {
            let running: Vec<_> = self.groups[group]
                .runs
                .values()
                .filter(|r| {
                    !r.state.is_finished()
                        && orchestrations.contains(&Owner::Orchestration(r.orchestration.clone()))
                })
                .map(|r| r.id)
                .collect();
            // Carried out inside this command, so their events stay with it.
            for instance in running {
                self.execute(super::Command::TerminateInstance {
                    group: group.into(),
                    instance,
                })?;
            }
            // Convoy instances made for messages that are still waiting end with them (domain.md 1.6).
            for instance in self.groups[group].messagebox.unstarted_of(&orchestrations) {
                self.execute(super::Command::TerminateInstance {
                    group: group.into(),
                    instance,
                })?;
            }
            self.administer_all(group, &orchestrations, AdminAction::Unenlist);
            self.administer_all(group, &port_groups, AdminAction::Unenlist);
            self.administer_all(group, &ports, AdminAction::Unenlist);
        }
        self.note(
            group,
            WorldEvent::ApplicationStopped {
                application: application.to_string(),
                mode,
            },
        );
        Ok(())
    }

    /// Removes a fully stopped application: its ports, groups, orchestrations and locations go.
    pub fn remove_application(
        &mut self,
        group: &str,
        application: &str,
    ) -> Result<(), CommandError> {
        let AppOwners {
            ports,
            port_groups,
            orchestrations,
        } = self.app_owners(group, application)?;
        let g = &self.groups[group];
        let enlisted: Vec<&Owner> = ports
            .iter()
            .chain(&port_groups)
            .chain(&orchestrations)
            .filter(|o| {
                g.messagebox
                    .state()
                    .services
                    .get(o)
                    .is_some_and(|s| s.state != ServiceState::Unenlisted)
            })
            .collect();
        if let Some(o) = enlisted.first() {
            return refused(format!(
                "{o} is still enlisted: do a full stop of {application} first"
            ));
        }
        if let Some(r) = g
            .applications
            .iter()
            .find(|a| a.references.iter().any(|r| r == application))
        {
            return refused(format!(
                "{} references {application}: remove it first",
                r.name
            ));
        }
        let g = self.groups.get_mut(group).expect("checked");
        let app = g
            .applications
            .iter()
            .position(|a| a.name == application)
            .map(|i| g.applications.remove(i))
            .expect("checked");
        let mut events = Vec::new();
        for o in orchestrations.iter().chain(&port_groups).chain(&ports) {
            events.extend(g.messagebox.remove_service(o).unwrap_or_default());
        }
        for p in &app.send_ports {
            g.send_ports.remove(&p.name);
        }
        g.receive_ports
            .retain(|p| !app.receive_ports.iter().any(|r| r.name == p.name));
        for o in &app.orchestrations {
            g.orchestration_hosts.remove(&o.name);
        }
        for event in events {
            self.note(group, WorldEvent::MessageBox { event });
        }
        self.note(
            group,
            WorldEvent::ApplicationRemoved {
                application: application.to_string(),
            },
        );
        Ok(())
    }

    /// The bridge for an application moved from `from` to `to`: a send port in `from` whose filter is the
    /// moved orchestrations' MessageBox-bound activation filters (without the message type, which the
    /// receiving pipeline promotes again), and a receive port in `to` that publishes what arrives.
    pub fn propose_bridge(
        &self,
        from: &str,
        to: &str,
        application: &str,
    ) -> Result<BridgeProposal, CommandError> {
        let g = self
            .groups
            .get(to)
            .ok_or_else(|| CommandError::Unknown(format!("group {to}")))?;
        if !self.groups.contains_key(from) {
            return Err(CommandError::Unknown(format!("group {from}")));
        }
        let app = g
            .applications
            .iter()
            .find(|a| a.name == application)
            .ok_or_else(|| {
                CommandError::Unknown(format!(
                    "application {application} in {to}: import it there first"
                ))
            })?;
        let mut groups = Vec::new();
        for o in &app.orchestrations {
            let Some(program) = self.program(&o.name) else {
                continue;
            };
            let Some(act) = activation(program) else {
                continue;
            };
            let direct = program
                .ports
                .iter()
                .any(|p| p.name == act.port && p.binding == Binding::MessageBox);
            if let (true, Some(filter)) = (direct, &act.filter) {
                groups.extend(filter.groups.iter().cloned());
            }
        }
        if groups.is_empty() {
            return refused(format!("{application} has no MessageBox-bound orchestration whose messages a bridge could forward"));
        }
        let filter = Filter { groups };
        let schema = self.groups[from].messagebox.schema();
        let tag = application
            .rsplit('.')
            .next()
            .unwrap_or(application)
            .trim_end_matches("App");
        let queue = format!("From{}{}Q", short(from), tag);
        let send_port: SendPortDef = serde_json::from_value(serde_json::json!({
            "name": format!("{}-To-{}-{}-SP", short(from), short(to), tag),
            "filter": filter.to_rows_text(),
            "transport": TransportDef { transport_type: "MSMQ".into(), address: queue.clone() },
            // An update must not overtake its original on the way (domain.md 10.6 [inferred]).
            "ordered_delivery": true,
            "stop_on_failure": true,
        }))
        .expect("a valid send port");
        // The filter must compile where the port will live.
        Filter::parse_any(&send_port.filter, schema)
            .map_err(|e| CommandError::Refused(format!("bridge filter: {e}")))?;
        let receive_port = ReceivePortDef {
            name: format!("{}-From{}-{}-RP", short(to), short(from), tag),
            two_way: false,
            // Off, as BizTalk creates a receive port: an order nobody in the new group subscribes to
            // stays suspended (resumable) there, to be resumed once the subscriber is fixed (10.6).
            failed_message_routing: false,
            locations: vec![ReceiveLocationDef {
                name: format!("{}-From{}-{}-RL", short(to), short(from), tag),
                address: queue,
                transport_type: "MSMQ".into(),
                pipeline: Pipeline::XmlReceive,
                enabled: true,
            }],
        };
        Ok(BridgeProposal {
            from: from.into(),
            to: to.into(),
            send_port,
            receive_port,
        })
    }

    /// Creates a proposed bridge, started, in an application `Bridge` of each group.
    pub fn create_bridge(&mut self, proposal: &BridgeProposal) -> Result<(), CommandError> {
        let name = format!("{}.Bridge", proposal.send_port.name.trim_end_matches("-SP"));
        let bridge_app = |send_ports, receive_ports| ApplicationSpec {
            name: name.clone(),
            send_ports,
            receive_ports,
            ..Default::default()
        };
        let send_side = Package {
            format: PACKAGE_FORMAT,
            application: bridge_app(vec![proposal.send_port.clone()], vec![]),
            programs: vec![],
        };
        let receive_side = Package {
            format: PACKAGE_FORMAT,
            application: bridge_app(vec![], vec![proposal.receive_port.clone()]),
            programs: vec![],
        };
        let before = (
            self.groups[&proposal.from].clone(),
            self.groups.get(&proposal.to).cloned(),
            self.pending.len(),
            self.agenda.clone(),
        );
        let result = self
            .import_application(&proposal.from, &send_side)
            .and_then(|_| self.import_application(&proposal.to, &receive_side))
            .and_then(|_| self.start_application(&proposal.from, &name))
            .and_then(|_| self.start_application(&proposal.to, &name));
        if result.is_err() {
            // Nothing of a refused bridge stays.
            self.groups.insert(proposal.from.clone(), before.0);
            if let Some(to) = before.1 {
                self.groups.insert(proposal.to.clone(), to);
            }
            self.pending.truncate(before.2);
            self.agenda = before.3;
            return result;
        }
        let (from, to) = (proposal.from.clone(), proposal.to.clone());
        self.note(
            &from,
            WorldEvent::BridgeCreated {
                send_port: proposal.send_port.name.clone(),
                to,
                receive_port: proposal.receive_port.name.clone(),
            },
        );
        Ok(())
    }
}
