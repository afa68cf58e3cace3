//! Lookups over a group's live state and its archive together (`Retention::Keep`), for readers that ask
//! about any piece of work, finished or not: the inspector, the Group Hub's history, tests. The steps
//! themselves look at the live state only.

use super::World;
use crate::message::MessageId;
use crate::messagebox::{Instance, InstanceId, MessageRef, Publisher};
use crate::orchestration::{Instr, Run};

impl World {
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

    /// Every orchestration instance of a group, live or archived, in id order.
    pub fn all_runs(&self, group: &str) -> Vec<&Run> {
        let mut out: Vec<&Run> = Vec::new();
        if let Some(g) = self.group(group) {
            out.extend(g.runs.values());
        }
        if let Some(a) = self.archive(group) {
            out.extend(a.instances.values().filter_map(|r| r.run()));
        }
        out.sort_by_key(|r| r.id);
        out
    }

    /// Every transmission of a group, live or archived, in id order.
    pub fn all_transmissions(&self, group: &str) -> Vec<&super::Transmission> {
        let mut out: Vec<&super::Transmission> = Vec::new();
        if let Some(g) = self.group(group) {
            out.extend(g.transmissions.values());
        }
        if let Some(a) = self.archive(group) {
            out.extend(a.instances.values().filter_map(|r| r.transmission()));
        }
        out.sort_by_key(|t| t.id);
        out
    }

    pub fn find_run(&self, group: &str, id: InstanceId) -> Option<&Run> {
        let live = self.group(group)?.runs.get(&id);
        live.or_else(|| self.archive(group)?.instances.get(&id)?.run())
    }

    pub fn find_instance(&self, group: &str, id: InstanceId) -> Option<&Instance> {
        let live = self.group(group)?.messagebox.state().instances.get(&id);
        live.or_else(|| Some(self.archive(group)?.instances.get(&id)?.instance()))
    }

    pub fn find_transmission(&self, group: &str, id: InstanceId) -> Option<&super::Transmission> {
        let live = self.group(group)?.transmissions.get(&id);
        live.or_else(|| self.archive(group)?.instances.get(&id)?.transmission())
    }

    /// Why a message, live or archived, matched or missed each of its group's current subscriptions.
    pub fn explain(
        &self,
        group: &str,
        message: MessageId,
    ) -> Option<Vec<crate::messagebox::SubscriptionExplanation>> {
        let m = self.find_message(group, message)?;
        Some(self.group(group)?.messagebox.explain_context(m.context()))
    }

    /// How a group's orchestration instances ended, by orchestration: the archive's tallies and the
    /// ended runs still live. O(live runs + orchestrations), never over the history.
    pub fn ended(&self, group: &str) -> std::collections::BTreeMap<String, super::Ended> {
        let mut ended = self
            .archive(group)
            .map(|a| a.ended.clone())
            .unwrap_or_default();
        if let Some(g) = self.group(group) {
            for r in g.runs.values().filter(|r| r.state.is_finished()) {
                ended
                    .entry(r.orchestration.clone())
                    .or_default()
                    .count(&r.state);
            }
        }
        ended
    }

    /// Like `explain`, against the group's activation subscriptions only.
    pub fn explain_activation(
        &self,
        group: &str,
        message: MessageId,
    ) -> Option<Vec<crate::messagebox::SubscriptionExplanation>> {
        let m = self.find_message(group, message)?;
        Some(
            self.group(group)?
                .messagebox
                .explain_activation(m.context()),
        )
    }

    /// A message's references, live or archived.
    pub fn references_of(&self, group: &str, message: MessageId) -> Vec<&MessageRef> {
        let Some(g) = self.group(group) else {
            return Vec::new();
        };
        let live: Vec<&MessageRef> = g.messagebox.references_of(message).collect();
        if !live.is_empty() {
            return live;
        }
        self.archive(group)
            .and_then(|a| a.messages.get(&message))
            .map(|r| r.references.iter().collect())
            .unwrap_or_default()
    }

    pub fn publisher_of(&self, group: &str, message: MessageId) -> Option<&Publisher> {
        let live = self.group(group)?.messagebox.publisher(message);
        live.or_else(|| {
            self.archive(group)?
                .messages
                .get(&message)?
                .publisher
                .as_ref()
        })
    }

    /// A group's latest `n` messages, live or archived, newest first.
    pub fn recent_messages(&self, group: &str, n: usize) -> Vec<&crate::message::Message> {
        let mut out: Vec<&crate::message::Message> = Vec::new();
        if let Some(g) = self.group(group) {
            out.extend(g.messagebox.state().messages.values().rev().take(n));
        }
        if let Some(a) = self.archive(group) {
            out.extend(a.messages.values().rev().take(n).map(|r| &r.message));
        }
        out.sort_by_key(|m| std::cmp::Reverse(m.id()));
        out.truncate(n);
        out
    }

    /// The event-log entries orchestrations of a group wrote (kept under `Retention::Keep`).
    pub fn event_log(&self, group: &str) -> impl Iterator<Item = &String> {
        self.archive(group).into_iter().flat_map(|a| a.log.iter())
    }
}
