//! The MessageBox Lab engine: a deterministic, sans-IO simulation of BizTalk Server's MessageBox
//! publish/subscribe engine. No wall clock, no global randomness, no I/O: callers feed it commands and
//! time and read back events (see `../shared/design.md`, section 2).

pub mod bpm;
pub mod export;
pub mod filter;
pub mod import;
mod insert;
pub mod load;
pub mod matcher;
pub mod message;
pub mod messagebox;
pub mod orchestration;
pub mod plan;
pub mod property;
pub mod scenario;
mod serde_pairs;
pub mod workload;
pub mod world;

/// The engine crate's version, shown in the app so a learner can tell which rules they are running.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
