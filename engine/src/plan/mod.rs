//! The move planner: what moving an application to another BizTalk group implies, computed on a copy
//! of the world (domain.md 5 and 10.6). It says what must be in the target group first and in which
//! order to import it, which subscriptions leave the source group and which of the source's messages
//! would then have no subscriber, the bridge to create (a send port with the moved activation filters,
//! a receive location whose pipeline promotes what they read), what stays inside the target group and
//! what crosses the link, and the risks the rules imply. `commands` performs the move; `compare` runs
//! the same orders before and after it.

mod compare;
mod needs;
mod traffic;

pub use compare::{compare, compare_run, Comparing, Comparison, OrderRow, Side, TimedCommand};
pub use needs::{HostNeed, ImportStep, PartnerNeed, SchemaNeed};
pub use traffic::{Crossing, KindCount, LeavingSubscription, Traffic};

use crate::filter::Filter;
use crate::property::PropertySchema;
use crate::world::{Command, StopMode, World};
use serde::Serialize;
use std::fmt;

/// Why no plan could be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanError {
    UnknownGroup(String),
    UnknownApplication(String),
    AlreadyThere {
        application: String,
        group: String,
    },
    /// One of the move's commands was refused on the copy: the move cannot be done as planned.
    Refused {
        step: String,
        reason: String,
    },
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanError::UnknownGroup(g) => write!(f, "no group is called {g}"),
            PlanError::UnknownApplication(a) => {
                write!(f, "no group holds an application called {a}")
            }
            PlanError::AlreadyThere { application, group } => {
                write!(f, "{application} is already in {group}: pick another group")
            }
            PlanError::Refused { step, reason } => write!(f, "{step} would be refused: {reason}"),
        }
    }
}

impl std::error::Error for PlanError {}

/// The bridge the move needs (domain.md 10.6 steps 3 and 4).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BridgePlan {
    pub send_port: String,
    /// In send port notation (typed without quotes, as the Administration console takes it).
    pub filter: String,
    pub transport_type: String,
    pub address: String,
    pub ordered_delivery: bool,
    pub receive_port: String,
    pub receive_location: String,
    pub pipeline: String,
    /// What the receive pipeline must promote for the moved subscriptions to match.
    pub promotes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Risk {
    /// The domain.md section the risk follows from.
    pub rule: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MovePlan {
    pub application: String,
    pub from: String,
    pub to: String,
    /// What to import into the target, in order; the application itself last.
    pub imports: Vec<ImportStep>,
    pub schemas: Vec<SchemaNeed>,
    pub hosts: Vec<HostNeed>,
    pub partners: Vec<PartnerNeed>,
    pub leaving: Vec<LeavingSubscription>,
    pub traffic: Traffic,
    pub bridge: BridgePlan,
    pub risks: Vec<Risk>,
    /// The move as the run's actions (Apply).
    pub commands: Vec<Command>,
}

/// Plans moving `application` to the group `to`.
pub fn plan_move(world: &World, application: &str, to: &str) -> Result<MovePlan, PlanError> {
    let target = world
        .group(to)
        .ok_or_else(|| PlanError::UnknownGroup(to.to_string()))?;
    let from = world
        .groups
        .values()
        .find(|g| g.applications.iter().any(|a| a.name == application))
        .map(|g| g.name.clone())
        .ok_or_else(|| PlanError::UnknownApplication(application.to_string()))?;
    if target.applications.iter().any(|a| a.name == application) || from == to {
        return Err(PlanError::AlreadyThere {
            application: application.into(),
            group: to.into(),
        });
    }
    let imports = needs::imports(world, &from, to, application);
    let commands = move_commands(&imports, &from, to, application);
    // The whole move on a copy: a refusal names its step, and the bridge is the one it would create.
    let mut copy = world.clone();
    for command in &commands {
        copy.apply(command.clone())
            .map_err(|e| PlanError::Refused {
                step: step_name(command),
                reason: e.to_string(),
            })?;
    }
    let proposal = {
        let mut before_bridge = world.clone();
        for c in commands
            .iter()
            .filter(|c| !matches!(c, Command::CreateBridge { .. }))
        {
            before_bridge
                .apply(c.clone())
                .expect("applied on the copy above");
        }
        before_bridge
            .propose_bridge(&from, to, application)
            .map_err(|e| PlanError::Refused {
                step: "the bridge".into(),
                reason: e.to_string(),
            })?
    };
    let source_schema = world.groups[&from].messagebox.schema();
    let filter = Filter::parse_any(&proposal.send_port.filter, source_schema).map_err(|e| {
        PlanError::Refused {
            step: "the bridge".into(),
            reason: e.to_string(),
        }
    })?;
    let location = &proposal.receive_port.locations[0];
    let bridge = BridgePlan {
        send_port: proposal.send_port.name.clone(),
        filter: send_port_text(&filter, source_schema),
        transport_type: proposal.send_port.transport.transport_type.clone(),
        address: proposal.send_port.transport.address.clone(),
        ordered_delivery: proposal.send_port.ordered_delivery,
        receive_port: proposal.receive_port.name.clone(),
        receive_location: location.name.clone(),
        pipeline: "XMLReceive".into(),
        promotes: promoted_for(&filter, source_schema),
    };
    let traffic = traffic::traffic(world, &from, application);
    let partners = needs::partners(world, &from, to, application);
    let risks = risks(&from, to, application, &bridge, &traffic, &partners);
    Ok(MovePlan {
        application: application.into(),
        schemas: needs::schemas(world, &from, to, application),
        hosts: needs::hosts(world, &from, to, application),
        partners,
        leaving: traffic::leaving(world, &from, application),
        from,
        to: to.into(),
        imports,
        traffic,
        bridge,
        risks,
        commands,
    })
}

/// The move as BizTalk administrators do it (domain.md 10.6): import what the target lacks, then the
/// application; full stop and remove it in the source; start what was imported; create the bridge.
fn move_commands(imports: &[ImportStep], from: &str, to: &str, application: &str) -> Vec<Command> {
    let missing: Vec<&ImportStep> = imports.iter().filter(|i| !i.already_in_target).collect();
    let mut out: Vec<Command> = missing
        .iter()
        .map(|i| Command::CopyApplication {
            from: from.into(),
            to: to.into(),
            application: i.application.clone(),
        })
        .collect();
    out.push(Command::StopApplication {
        group: from.into(),
        application: application.into(),
        mode: StopMode::Full,
    });
    out.push(Command::RemoveApplication {
        group: from.into(),
        application: application.into(),
    });
    out.extend(missing.iter().map(|i| Command::StartApplication {
        group: to.into(),
        application: i.application.clone(),
    }));
    out.push(Command::CreateBridge {
        from: from.into(),
        to: to.into(),
        application: application.into(),
    });
    out
}

fn step_name(command: &Command) -> String {
    match command {
        Command::CopyApplication {
            application, to, ..
        } => format!("importing {application} into {to}"),
        Command::StopApplication {
            application, group, ..
        } => format!("the full stop of {application} in {group}"),
        Command::RemoveApplication { application, group } => {
            format!("removing {application} from {group}")
        }
        Command::StartApplication { application, group } => {
            format!("starting {application} in {group}")
        }
        Command::CreateBridge { from, to, .. } => format!("the bridge from {from} to {to}"),
        other => format!("{other:?}"),
    }
}

/// A name with the schema's short alias (`SV.Status`).
pub(crate) fn short_name(full: &str, schema: &PropertySchema) -> String {
    for alias in schema.aliases() {
        if let Some(rest) = full.strip_prefix(&alias.full) {
            if let Some(name) = rest.strip_prefix('.') {
                return format!("{}.{name}", alias.short);
            }
        }
    }
    full.to_string()
}

/// A filter as a send port's filter dialog shows it: values without quotes, And within a group, Or
/// between groups.
pub fn send_port_text(filter: &Filter, schema: &PropertySchema) -> String {
    filter
        .groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|p| {
                    let name = short_name(&p.property.to_string(), schema);
                    match &p.value {
                        Some(v) => format!("{name} {} {v}", p.op.symbol()),
                        None => format!("{name} {}", p.op.symbol()),
                    }
                })
                .collect::<Vec<_>>()
                .join(" And ")
        })
        .collect::<Vec<_>>()
        .join(" Or ")
}

/// The properties the bridge's filter reads, which the receive pipeline must promote in the target.
fn promoted_for(filter: &Filter, schema: &PropertySchema) -> Vec<String> {
    let mut names: Vec<String> = filter
        .predicates()
        .map(|p| short_name(&p.property.to_string(), schema))
        .collect();
    names.push("BTS.MessageType".into());
    names.sort();
    names.dedup();
    names
}

fn risks(
    from: &str,
    to: &str,
    application: &str,
    bridge: &BridgePlan,
    traffic: &Traffic,
    partners: &[PartnerNeed],
) -> Vec<Risk> {
    let mut out = vec![Risk {
        rule: "10.6".into(),
        text: format!(
            "An update can overtake its original on the link: keep ordered delivery on {} (it is {}) over an order-preserving transport ({}), or a later sequence number activates a new instance before the original arrives.",
            bridge.send_port,
            if bridge.ordered_delivery { "on" } else { "off" },
            bridge.transport_type
        ),
    }];
    out.push(Risk {
        rule: "8 item 5".into(),
        text: format!(
            "{} must use XMLReceive with the property schema deployed: with PassThru nothing of {} is promoted and every bridged order is a routing failure in the target.",
            bridge.receive_location,
            bridge.promotes.join(", ")
        ),
    });
    out.push(Risk {
        rule: "1.10".into(),
        text: format!(
            "Leave {application} enlisted in {from} as well as the bridge and every order it takes is processed twice, once in each group: the plan full-stops and removes it in {from}."
        ),
    });
    if !traffic.stranded.is_empty() {
        out.push(Risk {
            rule: "1.9".into(),
            text: format!(
                "Between removing {application} from {from} and creating the bridge, what only it subscribed to is a routing failure there ({} message(s) so far in this run would have been): create the bridge in the same change window.",
                traffic.stranded.iter().map(|k| k.count).sum::<usize>()
            ),
        });
    }
    for p in partners.iter().filter(|p| !p.in_target) {
        out.push(Risk {
            rule: "5".into(),
            text: format!(
                "{} sends to {}, which {} answers in {from} but nothing answers in {to}: give {to} a route to it (or its own {}), or the instances that wait for its reply wait for ever.",
                p.send_port, p.address, p.partner, p.partner
            ),
        });
    }
    out
}

/// The bridge of a plan as the two BizTalk binding files to import (the send port's for the source,
/// the receive port's for the target), made on a copy where the move's imports were done.
pub fn bridge_bindings(
    world: &World,
    plan: &MovePlan,
) -> Result<crate::export::BridgeBindings, String> {
    let mut copy = world.clone();
    for c in plan
        .commands
        .iter()
        .filter(|c| !matches!(c, Command::CreateBridge { .. }))
    {
        copy.apply(c.clone()).map_err(|e| e.to_string())?;
    }
    let proposal = copy
        .propose_bridge(&plan.from, &plan.to, &plan.application)
        .map_err(|e| e.to_string())?;
    crate::export::export_bridge(&copy, &proposal).map_err(|e| e.to_string())
}
