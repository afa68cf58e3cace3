//! The move planner on the default scenario: moving BTSScn.BPM.CableOrderApp to SRV-DUB reproduces
//! domain.md 10.6 (MessagingApp imported first, the bridge's filter in send port notation, XMLReceive
//! promoting what it reads, ordered delivery, the outcome table), and bad requests are refused by name.

mod common;

use common::*;
use messagebox_engine::plan::{
    compare, compare_run, plan_move, Comparing, PlanError, TimedCommand,
};
use messagebox_engine::world::Command;

const DUB: &str = "SRV-DUB";
const CABLE: &str = "BTSScn.BPM.CableOrderApp";
const MESSAGING: &str = "BTSScn.BPM.MessagingApp";

fn start() -> messagebox_engine::world::World {
    default_scenario()
        .build()
        .expect("the default scenario builds")
}

#[test]
fn the_plan_imports_messaging_first_and_proposes_the_managers_filter_as_the_bridge() {
    let plan = plan_move(&start(), CABLE, DUB).expect("a plan");
    assert_eq!((plan.from.as_str(), plan.to.as_str()), (SEA, DUB));
    // 10.6 step 2: MessagingApp (the property schema) first, then CableOrderApp.
    let order: Vec<&str> = plan
        .imports
        .iter()
        .map(|i| i.application.as_str())
        .collect();
    assert_eq!(order, [MESSAGING, CABLE]);
    assert!(
        plan.imports[0].why.contains("property schema"),
        "{}",
        plan.imports[0].why
    );
    let sv = plan
        .schemas
        .iter()
        .find(|s| s.prefix == "SV")
        .expect("the SV schema is needed");
    assert_eq!(sv.deployed_by.as_deref(), Some(MESSAGING));
    assert!(!sv.in_target);
    assert!(sv.properties.contains(&"SV.OrderMgrType".to_string()));
    assert!(plan.hosts.iter().all(|h| h.in_target), "{:?}", plan.hosts);
    // The stages wait for the facilities system, which answers in Seattle only (10.1): said, with a risk.
    let facilities = plan
        .partners
        .iter()
        .find(|p| p.send_port == "Facilities-SP")
        .expect("Facilities-SP");
    assert_eq!(
        (facilities.partner.as_str(), facilities.in_target),
        ("Facilities", false)
    );
    // 10.6 step 3: the manager's own filter, typed without quotes.
    assert_eq!(
        plan.bridge.filter,
        "SV.Status == ACCEPTED And SV.OrderMgrType == CABLEORDER"
    );
    assert!(plan.bridge.ordered_delivery);
    // 10.6 step 4: XMLReceive promoting the message type and the SV properties the filter reads.
    assert_eq!(plan.bridge.pipeline, "XMLReceive");
    for p in ["BTS.MessageType", "SV.Status", "SV.OrderMgrType"] {
        assert!(
            plan.bridge.promotes.contains(&p.to_string()),
            "{:?}",
            plan.bridge.promotes
        );
    }
    assert!(plan
        .leaving
        .iter()
        .any(|l| l.owner == "orchestration OrderManager" && l.kind == "activation"));
    // The risks of 10.6 and 8.
    let risks: String = plan.risks.iter().map(|r| r.text.clone()).collect();
    for needle in [
        "ordered delivery",
        "PassThru",
        "processed twice",
        "nothing answers in SRV-DUB",
    ] {
        assert!(risks.contains(needle), "{needle}: {risks}");
    }
    // The commands: imports, full stop and removal in SEA, starts in DUB, the bridge.
    assert!(
        matches!(&plan.commands[0], Command::CopyApplication { application, .. } if application == MESSAGING)
    );
    assert!(
        matches!(&plan.commands[1], Command::CopyApplication { application, .. } if application == CABLE)
    );
    assert!(matches!(
        plan.commands.last(),
        Some(Command::CreateBridge { .. })
    ));
    assert!(
        plan.traffic.basis.contains("No message has been published"),
        "{}",
        plan.traffic.basis
    );
}

#[test]
fn the_comparison_reproduces_the_outcome_table_of_10_6() {
    let world = start();
    let plan = plan_move(&world, CABLE, DUB).unwrap();
    let c = compare(&world, &plan.commands).expect("both runs");
    assert!(!c.truncated);
    let row = |r: &str| {
        c.rows.iter().find(|x| x.request == r).unwrap_or_else(|| {
            panic!(
                "{r} in {:?}",
                c.rows.iter().map(|r| &r.request).collect::<Vec<_>>()
            )
        })
    };
    let in_group = |instances: &[String], group: &str, orch: &str| {
        instances
            .iter()
            .any(|i| i.starts_with(&format!("{group} {orch}:")))
    };
    // M1, M3, M8: the bridge in SEA, the OrderManager in DUB.
    for r in ["R-001", "R-003", "R-008"] {
        let x = row(r);
        assert!(
            in_group(&x.before.instances, SEA, "OrderManager"),
            "{r}: {:?}",
            x.before
        );
        assert!(
            in_group(&x.after.instances, DUB, "OrderManager"),
            "{r}: {:?}",
            x.after
        );
        assert!(
            !in_group(&x.after.instances, SEA, "OrderManager"),
            "{r}: {:?}",
            x.after
        );
        assert!(
            x.after
                .received_by
                .iter()
                .any(|s| s.starts_with("SRV-SEA/SEA-To-DUB")),
            "{r}: {:?}",
            x.after.received_by
        );
        assert!(x.changed);
    }
    // M4, M5: the existing DUB instance (convoy): no OrderManager in SEA.
    for r in ["R-004", "R-005"] {
        let x = row(r);
        assert!(
            x.after
                .received_by
                .iter()
                .any(|s| s == "SRV-DUB/OrderManager"),
            "{r}: {:?}",
            x.after
        );
        assert!(
            !x.after
                .received_by
                .iter()
                .any(|s| s == "SRV-SEA/OrderManager"),
            "{r}: {:?}",
            x.after
        );
    }
    // M2 (VIP), M6 (held for the stopped broadband manager), M7 (routing failure): unchanged.
    for r in ["R-002", "R-006", "R-007"] {
        let x = row(r);
        assert_eq!(x.before, x.after, "{r}");
        assert!(!x.changed);
    }
    assert!(row("R-002")
        .after
        .received_by
        .iter()
        .any(|s| s == "SRV-SEA/VIP-Audit-SP"));
}

#[test]
fn a_recorded_run_is_compared_with_the_move_made_after_its_last_change() {
    // The app's run: an order run to its end, then a change to the deployment (the audit port
    // stopped), then two more orders. The move is made right after the change: the first order is the
    // same on both sides, the two later ones go to Dublin.
    let empty = scenario_with(vec![]).build().unwrap();
    let mut now = empty.clone();
    let first = order("R-101", "41", "1", 1, "NS", "NEW");
    now.apply(first.clone()).unwrap();
    let mut idle = 0;
    while now.step().is_some() {
        idle += 1;
    }
    let stop_audit = Command::Administer {
        group: SEA.into(),
        owner: messagebox_engine::messagebox::Owner::SendPort("VIP-Audit-SP".into()),
        action: messagebox_engine::messagebox::AdminAction::Stop,
    };
    let actions = vec![
        TimedCommand {
            step: 0,
            command: first,
        },
        TimedCommand {
            step: idle,
            command: stop_audit,
        },
        TimedCommand {
            step: idle,
            command: order("R-102", "42", "1", 1, "NS", "NEW"),
        },
        TimedCommand {
            step: idle,
            command: order("R-103", "43", "1", 1, "NS", "NEW"),
        },
    ];
    for a in &actions[1..] {
        now.apply(a.command.clone()).unwrap();
    }
    let plan = plan_move(&now, CABLE, DUB).unwrap();

    let c = compare_run(&empty, &actions, 2, &plan.commands).expect("both runs");
    assert_eq!((c.moved_at_step, c.moved_after_actions), (idle, 2));
    let requests: Vec<&str> = c.rows.iter().map(|r| r.request.as_str()).collect();
    assert_eq!(requests, ["R-101", "R-102", "R-103"]);
    assert!(
        !c.rows[0].changed,
        "R-101 ended before the move: {:?}",
        c.rows[0]
    );
    let in_group = |instances: &[String], group: &str| {
        instances
            .iter()
            .any(|i| i.starts_with(&format!("{group} OrderManager:")))
    };
    for r in &c.rows[1..] {
        assert!(in_group(&r.before.instances, SEA), "{r:?}");
        assert!(in_group(&r.after.instances, DUB), "{r:?}");
        assert!(r.changed);
    }
    // With no actions and the move at the start, it is the scenario's comparison.
    let scripted = start();
    let plan = plan_move(&scripted, CABLE, DUB).unwrap();
    assert_eq!(
        compare_run(&scripted, &[], 0, &plan.commands),
        compare(&scripted, &plan.commands)
    );
}

#[test]
fn a_comparison_computed_in_slices_is_the_one_computed_at_once() {
    // The app computes a comparison a few steps per animation frame; the answer must not depend on it.
    let world = start();
    let plan = plan_move(&world, CABLE, DUB).unwrap();
    let mut comparing = Comparing::new(&world, &[], 0, &plan.commands);
    let (mut slices, mut last) = (0, 0.0);
    while !comparing.advance(7).unwrap() {
        slices += 1;
        let p = comparing.progress();
        assert!((last..1.0).contains(&p), "progress {last} then {p}");
        last = p;
    }
    assert!(slices > 10, "{slices} slices");
    assert_eq!(comparing.progress(), 1.0);
    assert_eq!(comparing.finish(), compare(&world, &plan.commands).unwrap());
}

#[test]
fn traffic_so_far_says_what_crosses_what_stays_inside_and_what_would_be_stranded() {
    // A run of the scripted orders, then the plan: the cable orders cross, stage traffic stays inside.
    let mut r = run(&default_scenario(), 30 * 60_000);
    r.advance_to(30 * 60_000);
    let plan = plan_move(&r.world, CABLE, DUB).unwrap();
    let t = &plan.traffic;
    assert!(
        t.basis.contains("messages published in SRV-SEA"),
        "{}",
        t.basis
    );
    let crossing: usize = t.crossing.iter().map(|c| c.count).sum();
    let stranded: usize = t.stranded.iter().map(|c| c.count).sum();
    assert!(crossing >= 5, "{t:?}");
    assert!(stranded >= 1 && stranded <= crossing, "{t:?}");
    assert!(t.crossing.iter().all(|c| c.per_minute > 0.0));
    assert!(!t.inside.is_empty(), "stage traffic stays inside: {t:?}");
}

#[test]
fn a_burst_of_orders_is_counted_per_kind_at_the_runs_rate() {
    let script = (0..300)
        .map(|i| {
            (
                i as u64 * 100,
                order(
                    &format!("R-{i}"),
                    &format!("{i}"),
                    "1",
                    1,
                    if i % 3 == 0 { "NB" } else { "NS" },
                    "NEW",
                ),
            )
        })
        .collect();
    let mut r = run(&scenario_with(script), 0);
    r.advance_to(20 * 60_000);
    let plan = plan_move(&r.world, CABLE, DUB).unwrap();
    let routed: usize = plan.traffic.stranded.iter().map(|k| k.count).sum();
    // 200 cable orders reach only the OrderManager (10.5): each would be a routing failure without the bridge.
    assert!(routed >= 200, "{:?}", plan.traffic);
    assert!(plan.traffic.stranded.iter().all(|k| k.requests.len() <= 5));
}

#[test]
fn orders_counted_at_virtual_time_zero_have_no_rate() {
    // A burst submitted at once and run for 2.5 virtual seconds: counted, but a rate over so short a
    // time would be nonsense.
    let mut world = scenario_with(vec![]).build().unwrap();
    for i in 0..20 {
        world
            .apply(order(
                &format!("R-{i}"),
                &format!("{i}"),
                "1",
                1,
                "NS",
                "NEW",
            ))
            .unwrap();
    }
    while world.next_due().is_some_and(|t| t <= 2_500) {
        world.step();
    }
    assert!(world.now() <= 2_500);
    let t = plan_move(&world, CABLE, DUB).unwrap().traffic;
    assert!(t.basis.contains("too early for a rate"), "{}", t.basis);
    assert!(!t.crossing.is_empty(), "{t:?}");
    assert!(t.crossing.iter().all(|c| c.per_minute == 0.0), "{t:?}");
}

#[test]
fn bad_requests_are_refused_by_name() {
    let w = start();
    assert_eq!(
        plan_move(&w, "Nope", DUB).unwrap_err(),
        PlanError::UnknownApplication("Nope".into())
    );
    assert_eq!(
        plan_move(&w, CABLE, "SRV-XYZ").unwrap_err(),
        PlanError::UnknownGroup("SRV-XYZ".into())
    );
    assert!(matches!(
        plan_move(&w, CABLE, SEA).unwrap_err(),
        PlanError::AlreadyThere { .. }
    ));
    // MessagingApp is referenced by the applications that stay (domain.md 5): the move is refused at
    // the step that would fail, with BizTalk's reason.
    let e = plan_move(&w, MESSAGING, DUB).unwrap_err();
    assert!(matches!(e, PlanError::Refused { .. }));
    let e = e.to_string();
    assert!(
        e.contains("removing BTSScn.BPM.MessagingApp from SRV-SEA")
            && e.contains("remove it first"),
        "{e}"
    );
}
