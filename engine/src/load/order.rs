//! One generated CSR request: which path of domain.md 10.5 its family takes and what it is within it.

use crate::bpm::csr_request;
use crate::world::Command;
use serde::Serialize;

/// Where the CSR form submits orders in both shipped scenarios (domain.md 10.1, 10.6: the broker stays
/// in Seattle).
pub const ENTRY_GROUP: &str = "SRV-SEA";
pub const ENTRY_LOCATION: &str = "Order-RP-TestRL";

/// The path a family of requests takes (domain.md 10.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Path {
    /// A new cable order: stage 1 with its facilities reply, then stage 2 (M1).
    Cable,
    /// A VIP customer: VipOrderManager plus the audit copy (M2).
    Vip,
    /// A broadband code: held while BroadbandOrderManager is stopped, released on start (M6).
    Broadband,
    /// A code no manager takes: the broker's routing failure (M7).
    Unassigned,
    /// A cable order and, a little later, its update with SeqNum + 1 that interrupts it (M3, M4).
    Update,
    /// A cable order and, a little later, the same SeqNum again: a duplicate error (M5).
    Duplicate,
    /// A cable order and, after it completed, a TERMINATE for it: a new instance's terminate branch (M8).
    Terminate,
}

impl Path {
    pub const ALL: [Path; 7] = [
        Path::Cable,
        Path::Vip,
        Path::Broadband,
        Path::Unassigned,
        Path::Update,
        Path::Duplicate,
        Path::Terminate,
    ];

    /// How many requests a family of this path submits.
    pub fn requests(self) -> usize {
        match self {
            Path::Update | Path::Duplicate | Path::Terminate => 2,
            Path::Cable | Path::Vip | Path::Broadband | Path::Unassigned => 1,
        }
    }
}

/// What a request is within its family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Role {
    Original,
    Update,
    Duplicate,
    Terminate,
}

/// A CSR request and when it arrives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Order {
    /// `ReqId`, which the broker copies into `RequestID`: how outcomes are keyed.
    pub request: String,
    /// The index of the family; an original and its follow-up share it.
    pub family: usize,
    pub path: Path,
    pub role: Role,
    pub cust: String,
    pub order: String,
    pub seq: u32,
    pub code: String,
    /// The request status, NEW or TERMINATE (the broker's `RequestType`).
    pub status: String,
    /// Virtual milliseconds.
    pub at: u64,
}

impl Order {
    /// The CSR form's submit of this request.
    pub fn command(&self) -> Command {
        Command::Submit {
            group: ENTRY_GROUP.into(),
            location: ENTRY_LOCATION.into(),
            body: csr_request(
                &self.request,
                &self.cust,
                &self.order,
                self.seq,
                &self.code,
                &self.status,
            ),
        }
    }
}
