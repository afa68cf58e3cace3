//! Determinism (design.md 2): the same scenario and seed give the same trace, a snapshot restored and
//! run forward gives the same trace as the original, and the default scenario's trace matches the golden
//! file exactly (regenerate it on purpose with `UPDATE_GOLDEN=1 cargo test`).

mod common;

use common::*;
use messagebox_engine::world::{Traced, World};
use std::path::PathBuf;

fn trace_lines(trace: &[Traced]) -> String {
    trace
        .iter()
        .map(|t| serde_json::to_string(t).unwrap() + "\n")
        .collect()
}

#[test]
fn the_same_scenario_and_seed_give_the_same_trace() {
    let (_, a) = run_traced(&default_scenario(), 92_000);
    let (_, b) = run_traced(&default_scenario(), 92_000);
    assert_eq!(trace_lines(&a), trace_lines(&b));
    assert!(a.len() > 500);
}

#[test]
fn a_restored_snapshot_runs_forward_exactly_like_the_original() {
    let mut original = default_scenario().build().unwrap();
    original.advance_to(21_500);
    let snapshot = serde_json::to_string(&original).unwrap();
    let mut restored: World = serde_json::from_str(&snapshot).unwrap();
    assert_eq!(restored, original);
    let later = original.advance_to(92_000);
    assert_eq!(
        trace_lines(&restored.advance_to(92_000)),
        trace_lines(&later)
    );
}

#[test]
fn the_seed_changes_only_what_is_random() {
    // The facilities system's jitter comes from the seeded RNG: another seed, other times, same outcome.
    let mut s = default_scenario();
    s.groups[0].responders[0].jitter_ms = 300;
    let (a, trace_a) = run_traced(&s, 92_000);
    s.seed = 2;
    let (b, trace_b) = run_traced(&s, 92_000);
    assert_ne!(trace_lines(&trace_a), trace_lines(&trace_b));
    let outcome = |w: &World| {
        w.summary().groups["SRV-SEA"]
            .instances
            .iter()
            .map(|i| (i.orchestration.clone(), i.state.clone(), i.status.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(outcome(&a), outcome(&b));
}

#[test]
fn the_default_scenarios_trace_matches_the_golden_file() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/default.trace.jsonl");
    let actual = trace_lines(&run_traced(&default_scenario(), 92_000).1);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected =
        std::fs::read_to_string(&path).expect("golden trace; create it with UPDATE_GOLDEN=1");
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .map_or_else(
                || {
                    format!(
                        "lengths differ: {} vs {} lines",
                        expected.lines().count(),
                        actual.lines().count()
                    )
                },
                |i| {
                    format!(
                        "first difference at line {}:\n  golden: {}\n  actual: {}",
                        i + 1,
                        expected.lines().nth(i).unwrap(),
                        actual.lines().nth(i).unwrap()
                    )
                },
            );
        panic!("the trace differs from tests/golden/default.trace.jsonl; {line}");
    }
}
