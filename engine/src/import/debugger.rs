//! The routing debugger: "why didn't my message route?" Every subscriber of a binding file (send ports,
//! send port groups, orchestrations bound to a receive port) explained against a saved message context,
//! with each one's state, and the verdict BizTalk would reach: delivered, held (resumable), or a routing
//! failure, with the copies each port would send. What the file cannot say is assumed and listed.

use super::bindings::{BoundTo, ImportedOrchestration};
use super::property_schema::PropertySchemaFile;
use super::{import_bindings_with, import_context};
use crate::filter::{Filter, Op, Predicate};
use crate::messagebox::{
    explain_service, GroupExplanation, OrchestrationDef, Owner, SendPortDef, SendPortGroupDef,
    ServiceDef, ServiceState,
};
use crate::property::{bts, Collation, PropertyName, PropertySchema, Value};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// What the debugger is asked.
#[derive(Clone, Debug, Default)]
pub struct DebugInputs<'a> {
    pub bindings: &'a str,
    pub context: &'a str,
    /// The user's property schemas, deployed into this run only.
    pub schemas: &'a [PropertySchemaFile],
    /// States given by the user, by subscriber name; they win over the file.
    pub states: &'a [(String, ServiceState)],
    /// The schema of the group the file is meant for (the app passes its group's); by default the
    /// system and adapter schemas only.
    pub base: Option<&'a PropertySchema>,
    pub collation: Collation,
}

/// Where a subscriber's state came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum StateSource {
    File,
    Option,
    Assumed,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DebugSubscriber {
    pub owner: Owner,
    pub state: ServiceState,
    pub state_from: StateSource,
    /// Its subscription's filter holds for the context (whatever its state).
    pub matched: bool,
    pub groups: Vec<GroupExplanation>,
}

/// One copy of the message a subscriber would get.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    pub to: Owner,
    /// The send port group it came through, if not the port's own subscription.
    pub via_group: Option<String>,
    /// Suspended (resumable) because the subscriber or its group is stopped (domain.md 4.3, 4.4).
    pub held: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Delivered,
    /// Every copy is suspended, resumable: a subscriber is enlisted but stopped.
    Held,
    /// No enlisted subscriber matches (domain.md 1.9).
    RoutingFailure,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub outcome: Outcome,
    pub deliveries: Vec<Delivery>,
}

impl Verdict {
    /// How many copies each port (or orchestration) would get, in first-delivery order.
    pub fn copies(&self) -> Vec<(&Owner, usize)> {
        let mut out: Vec<(&Owner, usize)> = Vec::new();
        let mut at: HashMap<&Owner, usize> = HashMap::new();
        for d in &self.deliveries {
            match at.get(&d.to) {
                Some(&i) => out[i].1 += 1,
                None => {
                    at.insert(&d.to, out.len());
                    out.push((&d.to, 1));
                }
            }
        }
        out
    }
}

#[derive(Debug)]
pub struct RoutingDebug {
    pub subscribers: Vec<DebugSubscriber>,
    pub verdict: Verdict,
    /// The schema the filters and the context were read with (to print predicates).
    pub schema: PropertySchema,
    /// What was assumed about the context's properties.
    pub notes: Vec<String>,
    /// What was assumed about the subscribers: states, hosts, comparison, bindings.
    pub assumptions: Vec<String>,
    /// How the given property schemas were linked to the filters' names.
    pub links: Vec<String>,
    /// What the binding file held that the simulator does not model.
    pub warnings: Vec<String>,
}

/// Reads `Started`, `Stopped`, `Enlisted` (= stopped) or `Unenlisted` (`Bound`), any case.
pub fn parse_state(text: &str) -> Option<ServiceState> {
    Some(match text.trim().to_ascii_lowercase().as_str() {
        "started" => ServiceState::Started,
        "stopped" | "enlisted" => ServiceState::Stopped,
        "unenlisted" | "bound" | "unbound" => ServiceState::Unenlisted,
        _ => return None,
    })
}

/// Errors name the input ("binding file", "context") and the line.
pub fn debug_routing(inputs: &DebugInputs) -> Result<RoutingDebug, String> {
    let system;
    let base = match inputs.base {
        Some(b) => b,
        None => {
            system = PropertySchema::with_system_properties();
            &system
        }
    };
    let b = import_bindings_with(inputs.bindings, base, inputs.schemas)
        .map_err(|e| format!("binding file: {e}"))?;
    let mut schema = b.schema.clone();
    let mut imported =
        import_context(inputs.context, &mut schema).map_err(|e| format!("context: {e}"))?;
    let mut assumptions = Vec::new();
    if let Some(note) = port_id_by_name(&mut imported.context, &schema) {
        assumptions.push(note);
    }
    if let Some(group_id) = imported
        .context
        .get(&PropertyName::parse(bts::SP_GROUP_ID).expect("system name"))
        .filter(|p| p.promoted && looks_like_guid(&p.value.to_string()))
    {
        assumptions.push(format!(
            "BTS.SPGroupID is a send port group's GUID ({}), which a binding file does not carry: no group's own subscription can match it here",
            group_id.value
        ));
    }
    let given: HashMap<&str, ServiceState> = inputs
        .states
        .iter()
        .map(|(n, s)| (n.as_str(), *s))
        .collect();
    let state_of = |name: &str, file: Option<ServiceState>| match (given.get(name), file) {
        (Some(s), _) => (*s, StateSource::Option),
        (None, Some(s)) => (s, StateSource::File),
        (None, None) => (ServiceState::Started, StateSource::Assumed),
    };
    let mut subscribers = Vec::new();
    let mut explain = |def: ServiceDef, (state, state_from)| -> Result<(), String> {
        let groups = explain_service(&def, &imported.context, &schema, inputs.collation)
            .map_err(|e| e.to_string())?;
        subscribers.push(DebugSubscriber {
            owner: crate::messagebox::owner_of(&def),
            state,
            state_from,
            matched: groups.iter().any(|g| g.matched),
            groups,
        });
        Ok(())
    };
    for p in &b.send_ports {
        let def = SendPortDef {
            name: p.name.clone(),
            host: "BizTalkServerApplication".into(),
            filter: p.filter.clone(),
            priority: p.priority.unwrap_or(5),
        };
        explain(ServiceDef::SendPort(def), state_of(&p.name, None))?;
    }
    for g in &b.send_port_groups {
        let def = SendPortGroupDef {
            name: g.name.clone(),
            members: g.members.clone(),
            filter: g.filter.clone(),
        };
        explain(ServiceDef::SendPortGroup(def), state_of(&g.name, None))?;
    }
    let mut unbound = Vec::new();
    for o in &b.orchestrations {
        match receive_binding(o) {
            Some(def) => {
                let file = o.state.as_deref().and_then(parse_state);
                explain(ServiceDef::Orchestration(def), state_of(&o.name, file))?;
            }
            None => unbound.push(o.name.as_str()),
        }
    }
    let verdict = verdict(&subscribers, &b, &given);
    assumptions.extend(stated_assumptions(
        &subscribers,
        &unbound,
        &b,
        inputs.collation,
    ));
    Ok(RoutingDebug {
        subscribers,
        verdict,
        schema,
        notes: imported.notes,
        assumptions,
        links: b.links,
        warnings: b.warnings,
    })
}

/// An orchestration whose logical receive port is bound to a physical receive port subscribes to what
/// that port publishes (domain.md 3). BizTalk keys it on the port's ID and the receive's message type,
/// which a binding file does not carry: the port's name stands for both, and the answer says so.
fn receive_binding(o: &ImportedOrchestration) -> Option<OrchestrationDef> {
    let ports: Vec<&str> = o
        .ports
        .iter()
        .filter_map(|p| match &p.bound {
            Some(BoundTo::ReceivePort(name)) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    if ports.is_empty() {
        return None;
    }
    let groups = ports
        .iter()
        .map(|port| {
            vec![Predicate {
                property: PropertyName::parse(bts::RECEIVE_PORT_NAME).expect("system name"),
                op: Op::Eq,
                value: Some(port.to_string()),
            }]
        })
        .collect();
    Some(OrchestrationDef {
        name: o.name.clone(),
        host: o
            .host
            .clone()
            .unwrap_or_else(|| "BizTalkServerApplication".into()),
        bound: true,
        message_type: None,
        activation_filter: Filter { groups },
        convoy: None,
    })
}

/// A message an orchestration sent through a bound port carries the port's GUID in
/// `BTS.SPTransportID` and its name in `BTS.SPName` (domain.md 1.4). A binding file has no GUIDs, so the
/// port is found by its name.
fn port_id_by_name(
    context: &mut crate::message::Context,
    schema: &PropertySchema,
) -> Option<String> {
    // Only promoted values route: failed-message routing leaves them written (domain.md 1.9).
    let promoted = |name: &str| {
        context
            .get(&PropertyName::parse(name).ok()?)
            .filter(|p| p.promoted)
            .map(|p| p.value.to_string())
    };
    let guid = promoted(bts::SP_TRANSPORT_ID)?;
    if !looks_like_guid(&guid) {
        return None;
    }
    let name = promoted(bts::SP_NAME)?;
    context
        .promote(schema, bts::SP_TRANSPORT_ID, Value::string(&name))
        .ok()?;
    Some(format!(
        "BTS.SPTransportID is a port's GUID ({guid}), which a binding file does not carry: it is taken as the send port BTS.SPName names ({name})"
    ))
}

fn looks_like_guid(text: &str) -> bool {
    let t = text.trim_start_matches('{').trim_end_matches('}');
    t.len() == 36
        && t.chars().enumerate().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// Who gets a copy, following the combined-state table of domain.md 4.3: a port gets one copy through
/// its own subscription and one through each matching group it belongs to.
fn verdict(
    subscribers: &[DebugSubscriber],
    b: &super::BindingImport,
    given: &HashMap<&str, ServiceState>,
) -> Verdict {
    let port_states: HashMap<&str, ServiceState> = subscribers
        .iter()
        .filter_map(|s| match &s.owner {
            Owner::SendPort(name) => Some((name.as_str(), s.state)),
            _ => None,
        })
        .collect();
    let groups: HashMap<&str, &[String]> = b
        .send_port_groups
        .iter()
        .map(|g| (g.name.as_str(), g.members.as_slice()))
        .collect();
    let port_state = |name: &str| {
        port_states
            .get(name)
            .or_else(|| given.get(name))
            .copied()
            .unwrap_or(ServiceState::Started)
    };
    let mut deliveries = Vec::new();
    for s in subscribers
        .iter()
        .filter(|s| s.matched && s.state != ServiceState::Unenlisted)
    {
        match &s.owner {
            Owner::SendPortGroup(group) => {
                let members = groups.get(group.as_str()).copied().unwrap_or_default();
                for m in members {
                    let member = port_state(m);
                    if member == ServiceState::Unenlisted {
                        continue;
                    }
                    deliveries.push(Delivery {
                        to: Owner::SendPort(m.clone()),
                        via_group: Some(group.clone()),
                        held: s.state == ServiceState::Stopped || member == ServiceState::Stopped,
                    });
                }
            }
            owner => deliveries.push(Delivery {
                to: owner.clone(),
                via_group: None,
                held: s.state == ServiceState::Stopped,
            }),
        }
    }
    let outcome = if deliveries.iter().any(|d| !d.held) {
        Outcome::Delivered
    } else if deliveries.is_empty() {
        Outcome::RoutingFailure
    } else {
        Outcome::Held
    };
    Verdict {
        outcome,
        deliveries,
    }
}

fn stated_assumptions(
    subscribers: &[DebugSubscriber],
    unbound: &[&str],
    b: &super::BindingImport,
    collation: Collation,
) -> Vec<String> {
    let mut out = Vec::new();
    let assumed: Vec<String> = subscribers
        .iter()
        .filter(|s| s.state_from == StateSource::Assumed)
        .map(|s| s.owner.to_string())
        .collect();
    if !assumed.is_empty() {
        out.push(format!(
            "enlisted and started, as a binding file carries no state for send ports and groups: {}",
            abbreviated(&assumed)
        ));
    }
    let in_file: HashSet<&str> = b.send_ports.iter().map(|p| p.name.as_str()).collect();
    let mut outside: Vec<String> = b
        .send_port_groups
        .iter()
        .flat_map(|g| &g.members)
        .filter(|m| !in_file.contains(m.as_str()))
        .cloned()
        .collect();
    outside.sort_unstable();
    outside.dedup();
    if !outside.is_empty() {
        out.push(format!(
            "group members defined outside this file are taken as enlisted and started: {}",
            abbreviated(&outside)
        ));
    }
    let bound: Vec<String> = subscribers
        .iter()
        .filter(|s| matches!(s.owner, Owner::Orchestration(_)))
        .map(|s| s.owner.to_string())
        .collect();
    if !bound.is_empty() {
        out.push(format!(
            "an orchestration bound to a receive port subscribes to that port's ID and its receive's message type; the file carries neither, so the port's name (BTS.ReceivePortName) stands for both: {}",
            abbreviated(&bound)
        ));
    }
    if !unbound.is_empty() {
        out.push(format!(
            "not considered: orchestrations with no port bound to a receive port (their activating receive is direct-bound, and its filter is in the assembly, not the binding file): {}",
            abbreviated(&unbound.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        ));
    }
    out.push(match collation {
        Collation::CaseInsensitive => "strings compare case-insensitively, as SQL Server's usual collation does (BizTalk's documentation does not say)".into(),
        Collation::CaseSensitive => "strings compare case-sensitively (as asked)".into(),
    });
    out.push(
        "every subscriber's host has a running host instance (hosts are not in a binding file)"
            .into(),
    );
    out
}

fn abbreviated(names: &[String]) -> String {
    const SHOWN: usize = 8;
    if names.len() <= SHOWN {
        names.join(", ")
    } else {
        format!(
            "{} and {} more",
            names[..SHOWN].join(", "),
            names.len() - SHOWN
        )
    }
}
