//! WAN links between groups, and the wire messages that cross them. What crosses is the body, never the
//! context: the receiving location's pipeline must promote the routing properties again (domain.md 5).

use crate::message::MessageId;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub a: String,
    pub b: String,
    /// Seattle to Dublin is about 150 ms (domain.md 5 [demo]).
    #[serde(default = "default_latency")]
    pub latency_ms: u64,
    /// Up to this much more, drawn from the world's seeded RNG.
    #[serde(default)]
    pub jitter_ms: u64,
    #[serde(default = "up")]
    pub up: bool,
}

fn default_latency() -> u64 {
    150
}

fn up() -> bool {
    true
}

impl Link {
    pub fn joins(&self, x: &str, y: &str) -> bool {
        (self.a == x && self.b == y) || (self.a == y && self.b == x)
    }
}

/// A message on its way to a receive location, in this group or another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Wire {
    pub from: String,
    /// The send port that transmitted, and the message it sent: what the wire event names.
    pub port: String,
    pub message: MessageId,
    pub to: String,
    pub location: String,
    pub body: String,
}

/// Where an endpoint is read: the group and receive location whose address it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reader {
    pub group: String,
    pub location: String,
}
