//! The load dashboard, natively: its totals equal counts taken from the events and the world, it stays
//! small, a seek gives the same dashboard back, and a split counts the messages on the WAN link.

use messagebox_engine::messagebox::{Event, Owner};
use messagebox_engine::orchestration::InstanceState;
use messagebox_engine::world::{Command, TransmissionState, WorldEvent};
use messagebox_lab::lab::dashboard::{is_order_manager, Dashboard, MAX_BUCKETS};
mod common;

use messagebox_lab::lab::order_form::BurstKind;
use messagebox_lab::lab::saved::build_shipped;
use messagebox_lab::lab::session::Session;
use std::collections::BTreeMap;

fn session(file: &str) -> Session {
    Session::new(build_shipped(file).unwrap().1)
}

fn burst(n: usize) -> Vec<Command> {
    common::burst(n, BurstKind::Distinct)
}

fn submit(s: &mut Session, n: usize) {
    for c in burst(n) {
        s.act(c).unwrap();
    }
}

fn run_to_end(s: &mut Session) {
    while s.step().is_some() {}
}

/// The dashboard's numbers that a seek must give back, in a comparable form.
fn fingerprint(d: &Dashboard) -> String {
    format!("{:?}", d)
}

#[test]
fn totals_equal_the_events_and_the_world_after_200_orders() {
    let mut s = session("default.json");
    submit(&mut s, 200);
    run_to_end(&mut s);
    let d = &s.dashboard;
    assert_eq!(d.events as usize, s.events_total());
    assert!(d.len() <= MAX_BUCKETS, "{} buckets", d.len());
    let sea = &d.groups["SRV-SEA"];
    // Every event of the run: `recent` keeps only the newest, the rest comes back by replay.
    let all = s.earlier_events(0, s.events_total(), |_| true, usize::MAX);
    assert_eq!(all.len(), s.events_total());

    let published = all
        .iter()
        .filter(|t| {
            matches!(
                t.event,
                WorldEvent::MessageBox {
                    event: Event::Published { .. }
                }
            )
        })
        .count();
    assert_eq!(sea.published.total() as usize, published);

    let mut delivered: BTreeMap<Owner, u64> = BTreeMap::new();
    for t in &all {
        if let WorldEvent::MessageBox {
            event: Event::Delivered { owner, .. },
        } = &t.event
        {
            *delivered.entry(owner.clone()).or_default() += 1;
        }
    }
    let shown: BTreeMap<Owner, u64> = sea
        .delivered
        .iter()
        .map(|(o, c)| (o.clone(), c.total()))
        .collect();
    assert_eq!(shown, delivered);
    // Per bucket, the counts add up to the totals.
    let by_bucket: u64 = (0..d.len()).map(|b| u64::from(sea.published.at(b))).sum();
    assert_eq!(by_bucket, sea.published.total());

    let failures = all
        .iter()
        .filter(|t| {
            matches!(
                t.event,
                WorldEvent::MessageBox {
                    event: Event::RoutingFailed { .. }
                }
            )
        })
        .count();
    assert_eq!(sea.routing_failures.total() as usize, failures);

    // One latency per order manager instance that completed, from the world (live and archived).
    let completed = s
        .world
        .all_runs("SRV-SEA")
        .iter()
        .filter(|r| is_order_manager(&r.orchestration) && r.state == InstanceState::Completed)
        .count();
    assert!(
        completed >= 190,
        "most of the 200 orders complete: {completed}"
    );
    assert_eq!(sea.latency.count() as usize, completed);
    let all = sea.latency.overall();
    let (p50, p99) = (all.percentile(0.5).unwrap(), all.percentile(0.99).unwrap());
    assert!(
        p50 > 0.0 && p50 <= p99 && p99 <= all.max_ms as f64,
        "{p50} {p99}"
    );

    // The levels at the end equal what the world holds now.
    let g = s.world.group("SRV-SEA").unwrap();
    let suspended_refs = g
        .messagebox
        .state()
        .references
        .values()
        .filter(|r| {
            matches!(
                r.state,
                messagebox_engine::messagebox::RefState::Suspended { .. }
            )
        })
        .count();
    let suspended_runs = g.runs.values().filter(|r| r.state.is_suspended()).count()
        + g.transmissions
            .values()
            .filter(|t| matches!(t.state, TransmissionState::Suspended { .. }))
            .count();
    assert_eq!(
        sea.suspended.now() as usize,
        suspended_refs + suspended_runs
    );
    let dehydrated = g
        .runs
        .values()
        .filter(|r| r.state == InstanceState::Dehydrated)
        .count();
    assert_eq!(sea.dehydrated.now() as usize, dehydrated);
    assert_eq!(sea.ready.now(), 0, "nothing waits at the end");
    assert!(d.bytes() < 200_000, "{} bytes", d.bytes());
}

#[test]
fn a_seek_back_and_forward_gives_the_same_dashboard() {
    let mut s = session("default.json");
    submit(&mut s, 40);
    for _ in 0..500 {
        s.step().unwrap();
    }
    let at_500 = fingerprint(&s.dashboard);
    run_to_end(&mut s);
    let end = s.steps;
    let at_end = fingerprint(&s.dashboard);
    s.seek(123);
    assert_ne!(fingerprint(&s.dashboard), at_end);
    s.seek(500);
    assert_eq!(fingerprint(&s.dashboard), at_500);
    s.seek(end);
    assert_eq!(fingerprint(&s.dashboard), at_end);
}

#[test]
fn buckets_merge_so_a_long_run_stays_within_the_bound() {
    let mut s = session("default.json");
    submit(&mut s, 30);
    run_to_end(&mut s);
    let d = &s.dashboard;
    // The run lasts longer than MAX_BUCKETS first-width buckets, so the width doubled.
    assert!(d.now_ms / d.width_ms() < MAX_BUCKETS as u64);
    assert!(d.width_ms() > messagebox_lab::lab::dashboard::FIRST_WIDTH_MS);
    assert!(d.len() <= MAX_BUCKETS);
    eprintln!(
        "width {} ms, {} buckets, {} ms, in flight {}, latencies {}, {} bytes",
        d.width_ms(),
        d.len(),
        d.now_ms,
        d.orders_in_flight(),
        d.groups["SRV-SEA"].latency.count(),
        d.bytes()
    );
    // The sample orders of the scenario's script also run; one of them never reaches a manager.
    assert!(d.orders_in_flight() <= 2);
}

/// `cargo test --release --test lab_dashboard -- --ignored --nocapture` prints the dashboard's size after
/// a 5,000-order run.
#[test]
#[ignore]
fn the_dashboard_stays_small_after_5000_orders() {
    // The world and the dashboard alone: the session's snapshots are not what is measured here.
    let mut world = build_shipped("default.json").unwrap().1;
    let mut dashboard = Dashboard::default();
    for c in burst(5000) {
        let events = world.apply(c).unwrap();
        dashboard.observe(&world, &events);
    }
    let mut peak = 0;
    let mut steps = 0u64;
    while let Some(events) = world.step() {
        dashboard.observe(&world, &events);
        steps += 1;
        if steps.is_multiple_of(1000) {
            peak = peak.max(dashboard.bytes());
        }
    }
    let d = &dashboard;
    eprintln!(
        "5000 orders: {} events, {} steps, {} ms virtual, width {} ms, {} buckets, {} latencies, \
         {} bytes at the end, {} bytes at most during the run",
        d.events,
        steps,
        d.now_ms,
        d.width_ms(),
        d.len(),
        d.groups["SRV-SEA"].latency.count(),
        d.bytes(),
        peak
    );
    assert!(d.len() <= MAX_BUCKETS);
    assert!(d.bytes() < 200_000);
}

#[test]
fn the_split_counts_the_messages_on_the_wan_link() {
    let mut s = session("split-groups.json");
    submit(&mut s, 20);
    run_to_end(&mut s);
    let d = &s.dashboard;
    let wires: u64 = s
        .recent()
        .iter()
        .filter(|t| matches!(&t.event, WorldEvent::WireSent { to, .. } if *to != t.group))
        .count() as u64;
    assert!(wires >= 20, "every order crosses the link: {wires}");
    let sea_to_dub = d.groups["SRV-SEA"]
        .wan
        .get("SRV-DUB")
        .map_or(0, |c| c.total());
    let dub_to_sea = d
        .groups
        .get("SRV-DUB")
        .and_then(|g| g.wan.get("SRV-SEA"))
        .map_or(0, |c| c.total());
    assert_eq!(sea_to_dub + dub_to_sea, wires);
    assert!(sea_to_dub >= 20);
    // The orders' managers run in Dublin: that is where their latency shows, measured from Seattle.
    let dub = &d.groups["SRV-DUB"];
    assert!(dub.latency.count() >= 20, "{}", dub.latency.count());
    for (name, board) in &d.groups {
        let completed = s
            .world
            .all_runs(name)
            .iter()
            .filter(|r| is_order_manager(&r.orchestration) && r.state == InstanceState::Completed)
            .count();
        eprintln!(
            "{name}: {completed} managers completed, {} latencies",
            board.latency.count()
        );
        assert_eq!(board.latency.count() as usize, completed, "{name}");
    }
}
