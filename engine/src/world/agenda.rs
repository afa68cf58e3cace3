//! Scheduled work, in time order; work at the same time runs in the order it was scheduled.

use super::command::Command;
use crate::messagebox::InstanceId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Work {
    /// Take queued references off the work queues.
    Dispatch { group: String },
    /// Let an instance run until it waits or ends.
    Run { group: String, instance: InstanceId },
    /// A Delay (or a Listen's delay branch) ends, if the instance still waits with this epoch.
    Timer {
        group: String,
        instance: InstanceId,
        epoch: u64,
    },
    /// The instance has been idle long enough to dehydrate, if it still waits with this epoch.
    Dehydrate {
        group: String,
        instance: InstanceId,
        epoch: u64,
    },
    /// A send port tries to transmit.
    Transmit {
        group: String,
        transmission: InstanceId,
    },
    /// A partner system's reply arrives at its receive location.
    Reply {
        group: String,
        responder: String,
        request: String,
    },
    /// A wire message arrives at a receive location.
    Arrive {
        group: String,
        location: String,
        body: String,
    },
    /// A scripted command from the scenario.
    Scripted(Command),
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    #[serde(with = "crate::serde_pairs")]
    items: BTreeMap<(u64, u64), Work>,
    next: u64,
}

impl Agenda {
    pub fn at(&mut self, time: u64, work: Work) {
        self.next += 1;
        self.items.insert((time, self.next), work);
    }

    pub fn next_time(&self) -> Option<u64> {
        self.items.keys().next().map(|(t, _)| *t)
    }

    pub fn pop(&mut self) -> Option<(u64, Work)> {
        let key = *self.items.keys().next()?;
        self.items.remove(&key).map(|w| (key.0, w))
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }
}
