//! Correlation: the instance subscriptions that route later messages back to a running instance — a
//! correlation set's followers, and the token ports that replies and acknowledgements are addressed to
//! (domain.md 1.6, 1.10, 3).

use super::exceptions::Exception;
use super::{activation, program_tree};
use crate::filter::{Filter, Op, Predicate};
use crate::message::Context;
use crate::messagebox::InstanceId;
use crate::orchestration::{receives, sends, Binding, Pattern, Program};
use crate::property::{bts, PropertyName};
use crate::world::{Cx, Group};
use std::collections::BTreeSet;

/// The convoy of a program (domain.md 1.6): a correlation set its activating receive initialises and a
/// later receive on the same port follows. Returns the set's name and properties.
pub fn convoy(program: &Program) -> Option<(String, Vec<String>)> {
    let act = activation(program)?;
    act.initialize.iter().find_map(|set| {
        let followed = receives(program)
            .iter()
            .any(|r| !r.activate && r.port == act.port && r.follow.as_ref() == Some(set));
        let def = program.correlation_sets.iter().find(|c| &c.name == set)?;
        followed.then(|| (set.clone(), def.properties.clone()))
    })
}

/// `a == x && b == y ...` as a one-group filter.
fn equalities(pairs: &[(String, String)]) -> Filter {
    Filter {
        groups: vec![pairs
            .iter()
            .map(|(p, v)| Predicate {
                property: PropertyName::parse(p).expect("property names in programs are valid"),
                op: Op::Eq,
                value: Some(v.clone()),
            })
            .collect()],
    }
}

impl Group {
    /// Subscribes a new instance's token ports. Replies to this instance's ports are addressed to
    /// `instance/port` (BTS.CorrelationToken). A delivery notification is addressed the same way, and is
    /// told apart from the message it acknowledges (which carries the same token) by its AckType.
    pub(super) fn subscribe_token_ports(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        orchestration: &str,
    ) {
        let mut token_ports = BTreeSet::new();
        for p in program_tree(cx, orchestration) {
            for port in &p.ports {
                if port.binding == Binding::SelfCorrelating
                    || port.pattern == Pattern::SolicitResponse
                {
                    token_ports.insert((port.name.clone(), false));
                }
            }
            for s in sends(p) {
                if s.delivery_notification {
                    token_ports.insert((s.port.clone(), true));
                }
            }
        }
        for (port, ack) in token_ports {
            let mut pairs = vec![(
                bts::CORRELATION_TOKEN.to_string(),
                format!("{}/{port}", id.0),
            )];
            if ack {
                pairs.push((bts::ACK_TYPE.into(), "ACK".into()));
            }
            let filter = equalities(&pairs);
            if let Ok((sub, events)) = self.messagebox.subscribe_instance(id, filter) {
                self.instance_ports.insert(sub, (id, port));
                cx.emit_all(events);
            }
        }
    }

    /// Initialises a correlation set from a message's context and subscribes the receives that follow it
    /// (a convoy's own following receive is routed by the MessageBox's convoy set instead).
    pub(super) fn initialize(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        set: &str,
        context: &Context,
    ) -> Result<(), Exception> {
        let root = self.runs[&id].orchestration.clone();
        let tree = program_tree(cx, &root);
        let def = tree
            .iter()
            .find_map(|p| p.correlation_sets.iter().find(|c| c.name == set))
            .ok_or_else(|| Exception::Xlang(format!("no correlation set {set}")))?
            .clone();
        let mut values = Vec::new();
        for p in &def.properties {
            let name = PropertyName::parse(p).map_err(Exception::Xlang)?;
            let v = context.get(&name).ok_or_else(|| {
                Exception::Correlation(format!("{p} is missing, so {set} cannot be initialised"))
            })?;
            values.push(v.value.clone());
        }
        self.run(id)
            .correlation
            .insert(set.to_string(), (def.properties.clone(), values.clone()));
        let convoy_port = cx
            .programs
            .get(&root)
            .and_then(|p| convoy(p).filter(|(s, _)| s == set).and(activation(p)))
            .map(|r| r.port.clone());
        let mut done = BTreeSet::new();
        for program in tree {
            for r in receives(program) {
                if r.follow.as_deref() != Some(set) || Some(&r.port) == convoy_port.as_ref() {
                    continue;
                }
                if !done.insert((r.port.clone(), r.message_type.clone())) {
                    continue;
                }
                let mut pairs: Vec<(String, String)> = def
                    .properties
                    .iter()
                    .cloned()
                    .zip(values.iter().map(|v| v.to_string()))
                    .collect();
                if let Some(t) = &r.message_type {
                    pairs.push((bts::MESSAGE_TYPE.into(), t.clone()));
                }
                let physical = program.ports.iter().find_map(|p| match &p.binding {
                    Binding::Physical { name } if p.name == r.port => Some(name.clone()),
                    _ => None,
                });
                if let Some(name) =
                    physical.filter(|n| self.receive_ports.iter().any(|rp| &rp.name == n))
                {
                    pairs.push((bts::RECEIVE_PORT_NAME.into(), name));
                }
                let (sub, events) = self
                    .messagebox
                    .subscribe_instance(id, equalities(&pairs))
                    .map_err(|e| Exception::Correlation(e.to_string()))?;
                self.instance_ports.insert(sub, (id, r.port.clone()));
                cx.emit_all(events);
            }
        }
        Ok(())
    }
}
