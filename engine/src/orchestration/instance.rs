//! The state of a running orchestration instance: a call stack of frames, what it waits for, and its
//! state in the Group Hub's vocabulary (domain.md 1.12, 1.13).

use super::compile::ListenTrigger;
use crate::message::{MessageDraft, MessageId};
use crate::messagebox::InstanceId;
use crate::property::Value;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum InstanceState {
    /// Running or ready to run.
    Active,
    /// Waiting for a message or a delay.
    Waiting,
    /// Idle past the threshold: saved to the database and out of memory (domain.md 1.13).
    Dehydrated,
    SuspendedResumable {
        error: String,
    },
    SuspendedNotResumable {
        error: String,
    },
    Completed,
    Terminated {
        reason: String,
    },
}

impl InstanceState {
    pub fn is_finished(&self) -> bool {
        matches!(
            self,
            InstanceState::Completed | InstanceState::Terminated { .. }
        )
    }

    pub fn is_suspended(&self) -> bool {
        matches!(
            self,
            InstanceState::SuspendedResumable { .. } | InstanceState::SuspendedNotResumable { .. }
        )
    }
}

/// What a waiting instance waits for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Wait {
    /// A message on one of these ports (one for a Receive, several for a Listen), or a delay's end.
    Messages {
        /// The instruction that waits: waking and waiting again there keeps the same deadline.
        at_pc: usize,
        branches: Vec<(ListenTrigger, usize)>,
        /// When a Delay branch (or a Delay shape) fires.
        until: Option<u64>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScopeFrame {
    pub name: String,
    pub atomic: bool,
    pub handlers: Vec<(String, usize)>,
    pub end: usize,
    /// Sends held by an atomic scope until it ends: (port, message variable).
    pub pending: Vec<(String, MessageDraft)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    pub program: String,
    pub pc: usize,
    pub messages: BTreeMap<String, MessageDraft>,
    pub variables: BTreeMap<String, Value>,
    pub scopes: Vec<ScopeFrame>,
    /// For a called frame: (parameter, caller's variable) to copy back on return.
    pub returns: Vec<(String, String)>,
}

impl Frame {
    pub fn new(program: &str) -> Self {
        Self {
            program: program.to_string(),
            pc: 0,
            messages: BTreeMap::new(),
            variables: BTreeMap::new(),
            scopes: Vec::new(),
            returns: Vec::new(),
        }
    }
}

/// A running (or finished) orchestration instance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Run {
    pub id: InstanceId,
    pub orchestration: String,
    pub host: String,
    pub frames: Vec<Frame>,
    pub state: InstanceState,
    pub wait: Option<Wait>,
    /// Bumped at every wait, so a stale timer or dehydration check is recognised and ignored.
    pub wait_epoch: u64,
    /// Messages delivered to this instance and not yet consumed: (port, message).
    pub inbox: Vec<(String, MessageId)>,
    /// Initialised correlation sets: name, (properties, values).
    pub correlation: BTreeMap<String, (Vec<String>, Vec<Value>)>,
    /// For request-response ports: the reply address of the request being served.
    pub reply_to: BTreeMap<String, String>,
    /// The last status the orchestration set (the BPM's order status), for summaries.
    pub status: Option<String>,
}
