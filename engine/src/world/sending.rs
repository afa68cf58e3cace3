//! What a group's live transmissions imply, kept for quick lookups: which messages they still need (so a
//! message is not retired under a retry) and which belong to each send port (ordered delivery). Derived
//! from `Group::transmissions`, never saved, and rebuilt from them on first use after a load.

use super::Transmission;
use crate::message::MessageId;
use crate::messagebox::InstanceId;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Default)]
pub struct Sending {
    built: bool,
    /// Messages that live transmissions still need, and how many hold each.
    holds: BTreeMap<MessageId, u32>,
    /// Live transmissions by send port, oldest first.
    by_port: BTreeMap<String, BTreeSet<InstanceId>>,
}

impl PartialEq for Sending {
    /// Derived from the transmissions, which the group's equality already compares.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Sending {
    /// Builds the lookups from the live transmissions if they are not built yet (after a load).
    pub fn ensure(&mut self, transmissions: &BTreeMap<InstanceId, Transmission>) {
        if self.built {
            return;
        }
        self.built = true;
        for t in transmissions.values() {
            self.add(t);
        }
    }

    pub fn add(&mut self, t: &Transmission) {
        *self.holds.entry(t.message).or_default() += 1;
        self.by_port.entry(t.port.clone()).or_default().insert(t.id);
    }

    /// Forgets a retired transmission; true when nothing holds its message any more.
    pub fn remove(&mut self, t: &Transmission) -> bool {
        if let Some(ids) = self.by_port.get_mut(&t.port) {
            ids.remove(&t.id);
        }
        let Some(n) = self.holds.get_mut(&t.message) else {
            return false;
        };
        *n -= 1;
        if *n > 0 {
            return false;
        }
        self.holds.remove(&t.message);
        true
    }

    pub fn holds(&self, message: MessageId) -> bool {
        self.holds.contains_key(&message)
    }

    /// A port's live transmissions, oldest first.
    pub fn of_port(&self, port: &str) -> impl Iterator<Item = InstanceId> + '_ {
        self.by_port.get(port).into_iter().flatten().copied()
    }
}
