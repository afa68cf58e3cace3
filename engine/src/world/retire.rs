//! After each piece of work, what it finished leaves the group's live state: orchestration instances that
//! completed or were terminated, transmissions that were sent or terminated, and then every message whose
//! references have all ended and that nothing live still needs (domain.md 1.8, 1.13). Only what this
//! work's events name is looked at, so the cost follows the work, not the history.

use super::archive::{Retired, RetiredInstance};
use super::summary::requests_of;
use super::{Group, Traced, TransmissionState, WorldEvent};
use crate::messagebox::InstanceId;
use std::collections::BTreeSet;

impl Group {
    /// Retires what `events` (this group's latest) finished, and returns it. `keep` is false when nobody
    /// will read what is retired, which then skips reading the request ids of retired instances.
    pub(crate) fn retire(&mut self, events: &[Traced], keep: bool) -> Vec<Retired> {
        self.sending.ensure(&self.transmissions);
        let mut ended: BTreeSet<InstanceId> = self.messagebox.take_ended();
        let named = events
            .iter()
            .filter(|t| t.group == self.name)
            .filter_map(|t| match &t.event {
                WorldEvent::InstanceCompleted { instance, .. }
                | WorldEvent::InstanceTerminated { instance, .. } => Some(*instance),
                WorldEvent::Transmitted { transmission, .. } => Some(*transmission),
                _ => None,
            });
        ended.extend(named);
        let mut out = Vec::new();
        for id in ended {
            if let Some(record) = self.retire_instance(id, keep) {
                out.push(Retired::Instance {
                    group: self.name.clone(),
                    record: Box::new(record),
                });
            }
        }
        let sending = &self.sending;
        for record in self.messagebox.retire_spent(|m| sending.holds(m)) {
            out.push(Retired::Message {
                group: self.name.clone(),
                record: Box::new(record),
            });
        }
        out
    }

    fn retire_instance(&mut self, id: InstanceId, keep: bool) -> Option<RetiredInstance> {
        let run_ended = self.runs.get(&id).is_some_and(|r| r.state.is_finished());
        let sent = self.transmissions.get(&id).is_some_and(|t| {
            matches!(
                t.state,
                TransmissionState::Done | TransmissionState::Terminated
            )
        });
        // A convoy instance that ended before it started has neither run nor transmission.
        let never_ran = !self.runs.contains_key(&id)
            && !self.transmissions.contains_key(&id)
            && self
                .messagebox
                .state()
                .instances
                .get(&id)
                .is_some_and(|i| !i.active && !i.started);
        if !run_ended && !sent && !never_ran {
            return None;
        }
        let requests = self
            .messagebox
            .state()
            .instances
            .get(&id)
            .filter(|_| keep)
            .map(|i| requests_of(&self.messagebox, &i.consumed))
            .unwrap_or_default();
        // The MessageBox lets go of its record only once the instance has ended there too.
        let instance = self.messagebox.retire_instance(id)?;
        self.deferred.retain(|d| *d != id);
        if let Some(run) = self.runs.remove(&id) {
            return Some(RetiredInstance::Orchestration {
                instance,
                run: Box::new(run),
                requests,
            });
        }
        if let Some(transmission) = self.transmissions.remove(&id) {
            // When the last transmission needing its message ends, the message may retire.
            if self.sending.remove(&transmission) {
                self.messagebox.released(transmission.message);
            }
            return Some(RetiredInstance::Transmission {
                instance,
                transmission,
            });
        }
        Some(RetiredInstance::Unstarted { instance })
    }
}
