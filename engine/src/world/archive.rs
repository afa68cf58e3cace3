//! What the world does with finished work. Like BizTalk's tracking database beside the MessageBox, the
//! archive is apart from the live state that every step looks at, and the caller chooses what it keeps:
//! all of it (the app's inspector and Group Hub history), hand it out to be folded as it comes (`mbx run`'s
//! summary, `mbx bench-world`'s outcomes), or nothing.

use crate::message::{Message, MessageId};
use crate::messagebox::{Instance, InstanceId, RetiredMessage};
use crate::orchestration::Run;
use imbl::{OrdMap, Vector};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::Transmission;

/// What happens to work once it has finished.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Retention {
    /// The world keeps it in its archive, where lookups (`World::find_message`, ...) still find it.
    #[default]
    Keep,
    /// The world buffers it for the caller to take with `World::take_retired` after each call.
    HandOut,
    /// Nobody keeps it: memory follows the work in flight only.
    Discard,
}

/// An ended service instance, with the MessageBox's record of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RetiredInstance {
    /// An orchestration instance that completed or was terminated.
    Orchestration {
        instance: Instance,
        run: Box<Run>,
        /// The request ids of the order messages it consumed, read while those messages were still
        /// live (empty when nobody keeps what is retired).
        requests: Vec<String>,
    },
    /// A send port's transmission that was sent or terminated.
    Transmission {
        instance: Instance,
        transmission: Transmission,
    },
    /// A convoy instance that ended before its first message was delivered (domain.md 1.6).
    Unstarted { instance: Instance },
}

impl RetiredInstance {
    pub fn instance(&self) -> &Instance {
        match self {
            Self::Orchestration { instance, .. }
            | Self::Transmission { instance, .. }
            | Self::Unstarted { instance } => instance,
        }
    }

    pub fn id(&self) -> InstanceId {
        self.instance().id
    }

    pub fn run(&self) -> Option<&Run> {
        match self {
            Self::Orchestration { run, .. } => Some(run),
            _ => None,
        }
    }

    pub fn transmission(&self) -> Option<&Transmission> {
        match self {
            Self::Transmission { transmission, .. } => Some(transmission),
            _ => None,
        }
    }
}

/// One piece of finished work of one group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Retired {
    Instance {
        group: String,
        record: Box<RetiredInstance>,
    },
    Message {
        group: String,
        record: Box<RetiredMessage>,
    },
}

/// A group's finished work, kept under `Retention::Keep`. Persistent maps: a clone of the world (the
/// app's snapshot for scrubbing back) shares what the archive already held instead of copying it, so
/// snapshots cost what changed since the last one, not the whole history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupArchive {
    #[serde(with = "crate::serde_pairs::persistent")]
    pub messages: OrdMap<MessageId, RetiredMessage>,
    #[serde(with = "crate::serde_pairs::persistent")]
    pub instances: OrdMap<InstanceId, RetiredInstance>,
    /// The event-log entries orchestrations wrote.
    pub log: Vector<String>,
    /// Ended orchestration instances by orchestration: how many completed, how many were terminated.
    /// Kept as they end, so a reader asks in O(orchestrations), never over the history.
    pub ended: BTreeMap<String, Ended>,
}

/// How the instances of one orchestration ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ended {
    pub completed: usize,
    pub terminated: usize,
}

impl Ended {
    /// Counts one ended run in its state.
    pub fn count(&mut self, state: &crate::orchestration::InstanceState) {
        match state {
            crate::orchestration::InstanceState::Completed => self.completed += 1,
            _ => self.terminated += 1,
        }
    }
}

impl GroupArchive {
    pub fn message(&self, id: MessageId) -> Option<&Message> {
        self.messages.get(&id).map(|r| &r.message)
    }

    pub fn keep(&mut self, retired: Retired) {
        match retired {
            Retired::Instance { mut record, .. } => {
                // An ended run's frames (its message and variable copies) are never read again;
                // the archive keeps its identity, state and correlation only.
                if let RetiredInstance::Orchestration { run, .. } = record.as_mut() {
                    run.frames = Vec::new();
                }
                if let Some(run) = record.run() {
                    let ended = self.ended.entry(run.orchestration.clone()).or_default();
                    ended.count(&run.state);
                }
                self.instances.insert(record.id(), *record);
            }
            Retired::Message { record, .. } => {
                self.messages.insert(record.message.id(), *record);
            }
        }
    }
}
