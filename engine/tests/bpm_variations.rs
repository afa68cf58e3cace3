//! The default scenario's extra toggles (domain.md 10.5) and the SDK's four documented test cases
//! (domain.md 6.8).

mod common;

use common::*;
use messagebox_engine::messagebox::{AdminAction, Owner, RefState};
use messagebox_engine::orchestration::InstanceState;
use messagebox_engine::world::Command;

fn completed_managers(w: &messagebox_engine::world::World) -> Vec<(String, Option<String>)> {
    instances(w, "OrderManager")
        .iter()
        .filter(|r| r.state == InstanceState::Completed)
        .map(|r| (consumed_requests(w, r.id)[0].clone(), r.status.clone()))
        .collect()
}

#[test]
fn unenlisting_the_order_manager_makes_the_broker_fail_to_route_as_for_m7() {
    let unenlist = Command::Administer {
        group: SEA.into(),
        owner: owner("OrderManager"),
        action: AdminAction::Unenlist,
    };
    let w = run(
        &scenario_with(vec![
            (0, unenlist),
            (100, order("R-001", "1", "1", 1, "NS", "NEW")),
        ]),
        10_000,
    );
    assert!(messages(&w, "Routing", Some("R-001")).is_empty());
    assert!(logs(&w).iter().any(|l| l.contains("could not be routed")));
    assert_eq!(messages(&w, "CSR_OrderError", Some("R-001")).len(), 1);
}

#[test]
fn enlisting_the_test_history_port_gives_two_acks_and_suspends_the_broker() {
    // domain.md 6.2: both group members send, two ACKs come back, one is never consumed.
    let start = Command::Administer {
        group: SEA.into(),
        owner: Owner::SendPort("HistoryInsert-Test-SP".into()),
        action: AdminAction::Start,
    };
    let w = run(
        &scenario_with(vec![
            (0, start),
            (100, order("R-001", "1", "1", 1, "NS", "NEW")),
        ]),
        10_000,
    );
    let history = &messages(&w, "HistoryInsert", None)[0];
    assert_eq!(
        copies(&w, history),
        ["HistoryInsert-SP", "HistoryInsert-Test-SP"]
    );
    assert_eq!(messages(&w, "Ack", None).len(), 2);
    let broker = &instances(&w, "OrderBroker")[0];
    assert!(
        matches!(&broker.state, InstanceState::SuspendedNotResumable { error } if error.contains("without consuming all of its messages")),
        "{:?}",
        broker.state
    );
    // The order itself still went through.
    assert_eq!(
        completed_managers(&w),
        [("R-001".to_string(), Some("COMPLETED".to_string()))]
    );
}

#[test]
fn a_stopped_host_instance_leaves_work_ready_to_run_until_it_starts() {
    // domain.md 10.5 and 1.11: publishing succeeds; references wait until the host runs again.
    let stop = Command::SetHostRunning {
        group: SEA.into(),
        host: "BizTalkServerApplication".into(),
        running: false,
    };
    let start = Command::SetHostRunning {
        group: SEA.into(),
        host: "BizTalkServerApplication".into(),
        running: true,
    };
    let mut s = scenario_with(vec![
        (0, stop),
        (100, order("R-001", "1", "1", 1, "NS", "NEW")),
        (6_000, start),
    ]);
    let mut w = s.build().unwrap();
    w.advance_to(5_000);
    let request = &messages(&w, "CSR_OrderRequest", Some("R-001"))[0];
    let waiting = sea(&w)
        .messagebox
        .references_of(request.id())
        .all(|r| matches!(r.state, RefState::Queued { .. }));
    assert!(waiting, "the broker's copy waits in the work queue");
    assert!(instances(&w, "OrderBroker").is_empty());
    w.advance_to(20_000);
    assert_eq!(
        completed_managers(&w),
        [("R-001".to_string(), Some("COMPLETED".to_string()))]
    );
    s.script.clear();
}

#[test]
fn sdk_test_1_a_new_order_is_activated_and_completed_and_facilities_counts_one() {
    let w = run(
        &scenario_with(vec![(0, order("R-1", "1", "1", 1, "NS", "NEW"))]),
        10_000,
    );
    assert_eq!(
        completed_managers(&w),
        [("R-1".to_string(), Some("COMPLETED".to_string()))]
    );
    assert_eq!(sea(&w).endpoints["ToFacilitiesQ"].received.len(), 1);
}

#[test]
fn sdk_test_2_a_duplicate_is_processed_once_and_reported() {
    let w = run(
        &scenario_with(vec![
            (0, facilities(false)),
            (100, order("R-1", "2", "1", 1, "NS", "NEW")),
            (2_000, order("R-2", "2", "1", 1, "NS", "NEW")),
            (5_000, facilities(true)),
        ]),
        20_000,
    );
    assert_eq!(
        completed_managers(&w),
        [("R-1".to_string(), Some("COMPLETED".to_string()))]
    );
    let errors: Vec<_> = messages(&w, "OrderStatus", None)
        .into_iter()
        .filter(|m| text(m, "SV.Error").is_some())
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(text(errors[0], "SV.Error").as_deref(), Some("DUPLICATE"));
    assert_eq!(copies(&w, errors[0]), ["BizTalkErrors-SP"]);
}

#[test]
fn sdk_test_3_an_update_interrupts_the_original_and_only_the_update_completes() {
    let w = run(
        &scenario_with(vec![
            (0, facilities(false)),
            (100, order("R-1", "3", "1", 1, "NS", "NEW")),
            (2_000, order("R-2", "3", "1", 2, "ND", "NEW")),
            (5_000, facilities(true)),
        ]),
        20_000,
    );
    let managers = instances(&w, "OrderManager");
    assert_eq!(managers.len(), 1, "the update went to the same instance");
    assert_eq!(managers[0].status.as_deref(), Some("COMPLETED"));
    // Both were analysed (stage 1 started for each); only the update reached stage 2.
    let stage1: Vec<_> = instances(&w, "CableOrder1")
        .iter()
        .map(|r| consumed_requests(&w, r.id)[0].clone())
        .collect();
    assert_eq!(stage1, ["R-1", "R-2"]);
    let stage2: Vec<_> = instances(&w, "CableOrder2")
        .iter()
        .map(|r| consumed_requests(&w, r.id)[0].clone())
        .collect();
    assert_eq!(stage2, ["R-2"]);
    assert!(logs(&w).iter().any(|l| l.contains("was interrupted")));
    assert_eq!(
        sea(&w).messagebox.state().reports.len(),
        1,
        "the orphaned facilities reply"
    );
    let newest = messages(&w, "HistoryUpdate", None)
        .into_iter()
        .last()
        .unwrap();
    assert_eq!(field(newest, "Status").as_deref(), Some("COMPLETED"));
    assert_eq!(field(newest, "SeqNum").as_deref(), Some("2"));
}

#[test]
fn sdk_test_4_terminate_stops_the_order_in_flight() {
    let w = run(
        &scenario_with(vec![
            (0, order("R-1", "4", "1", 1, "NS", "NEW")),
            (200, order("R-2", "4", "1", 1, "NS", "TERMINATE")),
        ]),
        20_000,
    );
    let managers = instances(&w, "OrderManager");
    assert_eq!(managers.len(), 1);
    assert_eq!(managers[0].status.as_deref(), Some("TERMINATED"));
    assert!(
        instances(&w, "CableOrder2").is_empty(),
        "analysed and activated only"
    );
    assert!(logs(&w)
        .iter()
        .any(|l| l.contains("terminated by the user")));
    assert_eq!(
        sea(&w).messagebox.state().reports.len(),
        1,
        "the facilities reply finds no subscriber"
    );
}

#[test]
fn sdk_marking_mode_marks_every_order_cableorder() {
    // domain.md 10.3: the SDK-faithful broker always writes CABLEORDER.
    let mut s = scenario_with(vec![(0, order("R-1", "900", "7", 1, "ND", "NEW"))]);
    s.config.insert("Marking".into(), "sdk".into());
    let w = run(&s, 10_000);
    let order = &messages(&w, "Routing", Some("R-1"))[0];
    assert_eq!(
        text(order, "SV.OrderMgrType").as_deref(),
        Some("CABLEORDER")
    );
    assert_eq!(completed_managers(&w).len(), 1);
    assert!(instances(&w, "VipOrderManager").is_empty());
}

#[test]
fn a_disabled_receive_location_takes_nothing() {
    // domain.md 4.1: a disabled location takes no messages; the command is refused and nothing changes.
    let mut w = default_scenario().build().unwrap();
    w.apply(Command::SetLocationEnabled {
        group: SEA.into(),
        location: "Order-RP-TestRL".into(),
        enabled: false,
    })
    .unwrap();
    let before = w.clone();
    let err = w.apply(order("R-1", "1", "1", 1, "NS", "NEW")).unwrap_err();
    assert!(err.to_string().contains("disabled"), "{err}");
    assert_eq!(w, before);
}
