//! The MessageBox's queue lengths, kept as counts as references change state, always equal a count over
//! the live references.

use messagebox_engine::messagebox::{MessageBox, QueueLengths, RefState};
use messagebox_engine::scenario::Scenario;

fn scanned(mb: &MessageBox) -> QueueLengths {
    let refs = mb.state().references.values();
    let mut out = QueueLengths::default();
    for r in refs {
        match r.state {
            RefState::Queued { .. } => out.ready += 1,
            RefState::Suspended { .. } => out.suspended += 1,
            _ => {}
        }
    }
    out
}

fn check_every_step(text: &str) {
    let mut world = Scenario::from_shipped(text).unwrap().build().unwrap();
    let mut suspended_seen = 0;
    while world.step().is_some() {
        for g in world.groups.values() {
            let counted = g.messagebox.queue_lengths();
            assert_eq!(counted, scanned(&g.messagebox), "group {}", g.name);
            suspended_seen = suspended_seen.max(counted.suspended);
        }
    }
    assert!(suspended_seen > 0, "the scenario suspends something");
}

#[test]
fn queue_lengths_follow_the_references_in_the_default_scenario() {
    check_every_step(include_str!("../../scenarios/default.json"));
}

#[test]
fn queue_lengths_follow_the_references_in_the_split_scenario() {
    check_every_step(include_str!("../../scenarios/split-groups.json"));
}
