//! The session at the size users bring (issue 12): a burst of distinct orders run to its end keeps its
//! memory linear in the run, a bounded number of world copies and a bounded event log; Run to end and
//! Cancel leave the run at a consistent step; the outcome equals the engine's own run of the same inputs.
//! Heap use is measured with a counting allocator, so the bound is on bytes, not on a proxy.

// Native only: the wasm build installs its own counting allocator (src/heap.rs).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::burst;
use messagebox_engine::world::World;
use messagebox_lab::lab::event_window::KEEP_EVENTS;
use messagebox_lab::lab::order_form::BurstKind;
use messagebox_lab::lab::saved::build_shipped;
use messagebox_lab::lab::session::Session;
use messagebox_lab::lab::snapshots::MAX_SNAPSHOTS;
use messagebox_lab::lab::{Lab, Slice, MEMORY_BUDGET};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The count is process-wide: the tests of this file take turns so none measures another's work.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn turn() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

fn fresh() -> World {
    build_shipped("default.json").unwrap().1
}

/// Heap bytes a session holds after running a burst of `n` distinct orders to its end.
fn held_after(n: usize) -> (usize, Session) {
    let before = LIVE.load(Ordering::Relaxed);
    let mut s = Session::new(fresh());
    for c in burst(n, BurstKind::Distinct) {
        s.act(c).unwrap();
    }
    while s.step().is_some() {}
    (LIVE.load(Ordering::Relaxed).saturating_sub(before), s)
}

#[test]
fn memory_grows_at_most_linearly_with_the_run_and_copies_and_events_stay_bounded() {
    let _turn = turn();
    let (small, s) = held_after(150);
    drop(s);
    let (large, s) = held_after(600);
    eprintln!(
        "150 orders hold {small} bytes; 600 hold {large} bytes, {} events, {} world copies",
        s.events_total(),
        s.snapshot_count()
    );
    assert!(
        s.snapshot_count() <= MAX_SNAPSHOTS,
        "{} copies",
        s.snapshot_count()
    );
    assert!(s.recent().len() < 2 * KEEP_EVENTS);
    assert!(
        s.events_total() > 2 * KEEP_EVENTS,
        "{} events",
        s.events_total()
    );
    // Four times the orders: at most four times the memory, with room for fixed costs to shrink.
    assert!(
        large <= small * 4 + small / 2,
        "150 orders hold {small} bytes, 600 hold {large}"
    );
    // About 1.3 KB of retained history per event at most (finished work stays inspectable).
    assert!(
        large / s.events_total() < 1_300,
        "{large} bytes for {} events",
        s.events_total()
    );
}

#[test]
fn a_seek_back_into_a_big_run_and_forward_again_rebuilds_the_same_world() {
    let _turn = turn();
    let (_, mut s) = held_after(300);
    let end = s.world.clone();
    let total = s.events_total();
    s.seek(s.horizon / 3);
    assert!(s.in_past());
    s.seek(s.horizon);
    assert_eq!(s.world, end);
    assert_eq!(s.events_total(), total);
}

#[test]
fn earlier_events_are_rebuilt_by_replay_once_they_left_the_window() {
    let _turn = turn();
    // Every event, as the session handed them out.
    let mut all = Vec::new();
    let mut s = Session::new(fresh());
    for c in burst(300, BurstKind::Distinct) {
        all.extend(s.act(c).unwrap());
    }
    while let Some(events) = s.step() {
        all.extend(events);
    }
    assert_eq!(all.len(), s.events_total());
    assert!(s.events_kept_from() > 0, "the run must outgrow the window");
    assert_eq!(s.recent(), &all[s.events_kept_from()..]);
    for (from, to) in [
        (0, 50),
        (1_000, 1_200),
        (s.events_kept_from() - 10, s.events_kept_from() + 10),
    ] {
        assert_eq!(
            s.earlier_events(from, to, |_| true, 1_000),
            all[from..to],
            "{from}..{to}"
        );
    }
    // A filter keeps the newest matches: the last 5 receives before the window.
    let receives: Vec<_> = all[..s.events_kept_from()]
        .iter()
        .filter(|t| t.event.kind() == "received")
        .cloned()
        .collect();
    let found = s.earlier_events(0, s.events_kept_from(), |t| t.event.kind() == "received", 5);
    assert_eq!(found, receives[receives.len() - 5..]);
}

fn lab_with(n: usize, kind: BurstKind) -> Lab {
    let mut lab = Lab::fresh(0).unwrap();
    lab.act_all(burst(n, kind));
    assert!(
        lab.notice.as_ref().is_none_or(|n| !n.error),
        "{:?}",
        lab.notice
    );
    lab
}

#[test]
fn run_to_end_computes_the_same_outcome_as_the_engine_alone() {
    let _turn = turn();
    for kind in [BurstKind::Distinct, BurstKind::Identical] {
        let mut lab = lab_with(200, kind);
        lab.run_to(None);
        let mut slices = 0;
        // Each slice stops after one check of the clock: many slices, as in a page.
        while lab.compute(|| false) == Slice::Yielded {
            slices += 1;
        }
        assert!(slices > 10, "{slices} slices");
        assert!(lab.computing.is_none());
        let mut alone = fresh();
        for c in burst(200, kind) {
            alone.apply(c).unwrap();
        }
        while alone.step().is_some() {}
        assert_eq!(lab.session.world, alone);
        let managers = |w: &World| {
            let e = w
                .archive("SRV-SEA")
                .unwrap()
                .ended
                .get("OrderManager")
                .copied();
            let e = e.unwrap_or_default();
            e.completed + e.terminated
        };
        // The scenario's own sample orders run too: count what the burst added.
        let mut scripted = fresh();
        while scripted.step().is_some() {}
        let added = managers(&alone) - managers(&scripted);
        match kind {
            // domain.md 10: every distinct NEW order gets its own OrderManager.
            BurstKind::Distinct => assert_eq!(added, 200),
            // domain.md 1.6: identical copies share one convoy: one manager.
            BurstKind::Identical => assert_eq!(added, 1),
        }
    }
}

#[test]
fn cancel_stops_at_a_consistent_step_and_run_to_time_stops_at_its_time() {
    let _turn = turn();
    let mut lab = lab_with(100, BurstKind::Distinct);
    lab.run_to(None);
    assert_eq!(lab.compute(|| false), Slice::Yielded);
    lab.cancel_run();
    assert!(lab.computing.is_none());
    let at = lab.session.steps;
    assert!(at > 0);
    // The world there is the one a plain replay to that step gives.
    let mut replay = Session::new(fresh());
    for c in burst(100, BurstKind::Distinct) {
        replay.act(c).unwrap();
    }
    for _ in 0..at {
        replay.step().unwrap();
    }
    assert_eq!(lab.session.world, replay.world);
    // Run to t = 0.5 s: nothing due at or before it is left, and nothing after it ran.
    lab.run_to(Some(500));
    while lab.compute(|| true) == Slice::Yielded {}
    let w = &lab.session.world;
    assert!(w.now() <= 500, "t = {}", w.now());
    assert!(w.next_due().is_some_and(|d| d > 500));
}

#[test]
fn a_run_past_the_memory_budget_is_paused_with_a_reason_and_the_state_kept() {
    let _turn = turn();
    let mut lab = lab_with(50, BurstKind::Distinct);
    lab.run_to(None);
    assert_eq!(lab.compute(|| false), Slice::Yielded);
    let at = lab.session.steps;
    assert!(
        !lab.check_memory(MEMORY_BUDGET - 1),
        "under the budget nothing stops"
    );
    assert!(lab.computing.is_some());
    assert!(lab.check_memory(MEMORY_BUDGET + 1));
    assert!(lab.computing.is_none() && !lab.playing);
    let notice = lab.notice.clone().expect("a reason");
    assert!(notice.error);
    assert!(
        notice.text.contains("memory") && notice.text.contains("fewer orders"),
        "{}",
        notice.text
    );
    // Nothing was lost: the run is where it was and goes on when asked.
    assert_eq!(lab.session.steps, at);
    lab.run_to(None);
    while lab.compute(|| true) == Slice::Yielded {}
    assert!(lab.session.world.next_due().is_none());
}
