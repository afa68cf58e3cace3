//! A stable fingerprint of a run's outcomes: FNV-1a 64 over their JSON (sorted maps and sets, so the
//! same outcomes always give the same bytes). Written out here: no dependency for ten lines.

use super::outcome::OrderOutcome;
use std::collections::BTreeMap;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

/// The outcomes' digest as 16 hex digits.
pub fn digest(outcomes: &BTreeMap<String, OrderOutcome>) -> String {
    let json = serde_json::to_vec(outcomes).expect("outcomes are plain data");
    format!("{:016x}", fnv1a64(&json))
}
