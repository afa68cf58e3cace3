//! Generated order load for the world benchmark (`mbx bench-world`) and the tests that check a large run
//! means what small ones do: a seeded mix of every path of domain.md 10.5, the shipped scenarios'
//! deployments to run it in, a chunked driver, and each order's outcome with a digest of them all.

mod deployment;
mod digest;
mod drive;
mod generate;
mod order;
mod outcome;

pub use deployment::{with_load, Deployment};
pub use digest::{digest, fnv1a64};
pub use drive::{drive, horizon, RunCounts, CHUNK_MS, SETTLE_MS};
pub use generate::{generate, Load, LOAD_START_MS};
pub use order::{Order, Path, Role, ENTRY_GROUP, ENTRY_LOCATION};
pub use outcome::{outcomes, InstanceOutcome, OrderOutcome, OutcomeFold};
