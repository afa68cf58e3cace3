//! Golden outcomes: the eight sample orders M1-M8 of domain.md 10.5 in the shipped default scenario.

mod common;

use common::*;
use messagebox_engine::messagebox::{Event, RefState};
use messagebox_engine::orchestration::InstanceState;
use messagebox_engine::world::{World, WorldEvent};
use std::sync::OnceLock;

/// The default scenario run to its end, once for all the tests of this file.
fn world() -> &'static Recorded {
    static WORLD: OnceLock<Recorded> = OnceLock::new();
    WORLD.get_or_init(|| run(&default_scenario(), 92_000))
}

fn manager_for(world: &World, req: &str) -> messagebox_engine::orchestration::Run {
    instances(world, "OrderManager")
        .into_iter()
        .find(|r| consumed_requests(world, r.id).first().map(String::as_str) == Some(req))
        .unwrap_or_else(|| panic!("no OrderManager instance activated by {req}"))
        .clone()
}

#[test]
fn m1_activates_an_order_manager_that_runs_both_stages_to_completed() {
    // domain.md 10.5 M1.
    let w = world();
    let a = manager_for(w, "R-001");
    assert_eq!(a.state, InstanceState::Completed);
    assert_eq!(a.status.as_deref(), Some("COMPLETED"));
    // The stages were reached with Status STARTED, then STAGE_1_COMPLETED.
    let to_stages: Vec<(String, String)> = messages(w, "Routing", Some("R-001"))
        .into_iter()
        .filter(|m| publisher(w, m) == "orchestration OrderManager")
        .map(|m| (copies(w, m).join(","), text(m, "SV.Status").unwrap()))
        .collect();
    assert_eq!(
        to_stages,
        [
            ("CableOrder1".to_string(), "STARTED".to_string()),
            ("CableOrder2".into(), "STAGE_1_COMPLETED".into())
        ]
    );
    // The broker's other three sends went to their bound ports.
    let broker_sends: Vec<Vec<String>> = [
        "HistoryInsert",
        "Servicing_OrderRequest",
        "CSR_OrderConfirmation",
    ]
    .iter()
    .map(|r| {
        let m = messages(w, r, None)
            .into_iter()
            .find(|m| {
                field(m, "CustName")
                    .or_else(|| field(m, "CustID"))
                    .as_deref()
                    == Some("1")
                    || field(m, "ReqId").as_deref() == Some("R-001")
            })
            .unwrap();
        copies(w, m)
    })
    .collect();
    assert_eq!(
        broker_sends,
        [
            vec!["HistoryInsert-SP"],
            vec!["ServicingSystem-SP"],
            vec!["CSRResponse-DSP"]
        ]
    );
}

#[test]
fn m2_a_vip_order_reaches_the_vip_manager_and_the_audit_port() {
    // domain.md 10.5 M2 and 1.10: two subscribers, two copies.
    let w = world();
    let order = &messages(w, "Routing", Some("R-002"))[0];
    assert_eq!(text(order, "SV.OrderMgrType").as_deref(), Some("VIPORDER"));
    assert_eq!(copies(w, order), ["VIP-Audit-SP", "VipOrderManager"]);
}

#[test]
fn m3_waits_in_cable_order_1_for_facilities_and_dehydrates() {
    // domain.md 10.5 M3 and 1.13.
    let w = world();
    let c = manager_for(w, "R-003");
    let stage = instances(w, "CableOrder1")
        .into_iter()
        .find(|r| consumed_requests(w, r.id).first().map(String::as_str) == Some("R-003"))
        .unwrap()
        .id;
    let dehydrated: Vec<_> = w
        .trace()
        .iter()
        .filter_map(|t| match t.event {
            WorldEvent::Dehydrated { instance } if t.at < 20_000 => Some(instance),
            _ => None,
        })
        .collect();
    assert!(
        dehydrated.contains(&c.id),
        "instance C dehydrated while facilities was stopped"
    );
    assert!(
        dehydrated.contains(&stage),
        "its CableOrder1 dehydrated too"
    );
}

#[test]
fn m4_an_update_goes_to_the_running_instance_interrupts_the_stage_and_orphans_the_old_reply() {
    // domain.md 10.5 M4, 1.6 (convoy), 6.4, 6.6, 1.9.
    let w = world();
    let c = manager_for(w, "R-003");
    assert!(
        consumed_requests(w, c.id).contains(&"R-004".to_string()),
        "R-004 went to instance C"
    );
    let update = &messages(w, "Routing", Some("R-004"))[0];
    let convoy = w.trace().iter().any(|t| {
        matches!(&t.event, WorldEvent::MessageBox { event: Event::ConvoyMatched { instance, .. } } if *instance == c.id)
    });
    assert!(convoy, "the convoy set matched");
    assert_eq!(copies(w, update), ["OrderManager"]);
    assert_eq!(
        c.status.as_deref(),
        Some("COMPLETED"),
        "restarted with M4 and completed"
    );
    assert_logged_interrupt(w);
    // The old stage's facilities reply finds no subscriber: a routing failure report, and with failed
    // message routing on, an ErrorReport message to BizTalkErrors-SP.
    let g = sea(w);
    let reports: Vec<_> = g.messagebox.state().reports.values().collect();
    assert_eq!(reports.len(), 1);
    let orphan = w.find_message(SEA, reports[0].failed_message).unwrap();
    assert_eq!(root(orphan), "FacilitiesReply");
    assert_eq!(text(orphan, "SV.SeqNum").as_deref(), Some("1"));
    let error = all_messages(w, SEA)
        .into_iter()
        .find(|m| {
            text(m, "ErrorReport.FailureMessageID").is_none()
                && text(m, "ErrorReport.ErrorType").as_deref() == Some("FailedMessage")
        })
        .unwrap();
    assert_eq!(copies(w, error), ["BizTalkErrors-SP"]);
}

#[test]
fn m5_a_duplicate_goes_to_the_same_instance_and_reports_a_duplicate_error() {
    // domain.md 10.5 M5 and 6.4.
    let w = world();
    let c = manager_for(w, "R-003");
    assert!(consumed_requests(w, c.id).contains(&"R-005".to_string()));
    let duplicate = messages(w, "OrderStatus", None)
        .into_iter()
        .find(|m| text(m, "SV.Error").as_deref() == Some("DUPLICATE"))
        .expect("a duplicate error");
    assert_eq!(copies(w, duplicate), ["BizTalkErrors-SP"]);
    // No instance was activated by M4 or M5: R-001, R-003 (C) and R-008 only.
    let activated: Vec<String> = instances(w, "OrderManager")
        .iter()
        .map(|r| consumed_requests(w, r.id)[0].clone())
        .collect();
    assert_eq!(activated, ["R-001", "R-003", "R-008"]);
}

#[test]
fn m6_waits_suspended_for_the_stopped_broadband_manager_and_flows_when_it_starts() {
    // domain.md 10.5 M6 and 4.4.
    let w = world();
    let order = &messages(w, "Routing", Some("R-006"))[0];
    let held_at = w.trace().iter().find_map(|t| match &t.event {
        WorldEvent::MessageBox {
            event: Event::Held { message, .. },
        } if *message == order.id() => Some(t.at),
        _ => None,
    });
    assert!(held_at.is_some_and(|t| t < 32_000), "held while stopped");
    assert_eq!(copies(w, order), ["BroadbandOrderManager"]);
    let broadband = instances(w, "BroadbandOrderManager");
    assert_eq!(broadband.len(), 1);
    assert_eq!(broadband[0].state, InstanceState::Completed);
    let started_at = w.trace().iter().find_map(|t| match &t.event {
        WorldEvent::InstanceStarted { orchestration, .. }
            if orchestration == "BroadbandOrderManager" =>
        {
            Some(t.at)
        }
        _ => None,
    });
    assert!(
        started_at.unwrap() >= 32_000,
        "it ran only after the start at 32 s"
    );
}

#[test]
fn m7_an_unassigned_order_fails_to_route_and_the_broker_publishes_none_of_its_four_messages() {
    // domain.md 10.5 M7 and 6.2: the atomic scope publishes all or nothing; the long-running scope's
    // handler reports back through the CSR port.
    let w = world();
    assert!(
        messages(w, "Routing", Some("R-007")).is_empty(),
        "no order manager message"
    );
    assert!(
        messages(w, "CSR_OrderConfirmation", Some("R-007")).is_empty(),
        "no confirmation"
    );
    let seventy = |root_name: &str| {
        messages(w, root_name, None)
            .into_iter()
            .filter(|m| {
                field(m, "CustName")
                    .or_else(|| field(m, "CustID"))
                    .as_deref()
                    == Some("70")
            })
            .count()
    };
    assert_eq!(seventy("HistoryInsert"), 0);
    assert_eq!(seventy("Servicing_OrderRequest"), 0);
    let error = &messages(w, "CSR_OrderError", Some("R-007"))[0];
    assert_eq!(copies(w, error), ["CSRResponse-DSP"]);
    assert!(logs(w).iter().any(|l| l == "Order 70/9 could not be routed: no order manager subscribes to orders marked UNASSIGNED"));
    let broker = instances(w, "OrderBroker")
        .into_iter()
        .find(|r| consumed_requests(w, r.id) == ["R-007"])
        .unwrap();
    assert_eq!(
        broker.state,
        InstanceState::Completed,
        "the handler dealt with it"
    );
}

#[test]
fn m8_a_terminate_after_completion_starts_a_new_instance_that_takes_the_terminate_branch() {
    // domain.md 10.5 M8 and 6.4.
    let w = world();
    let m8 = manager_for(w, "R-008");
    assert_ne!(m8.id, manager_for(w, "R-001").id);
    assert_eq!(m8.status.as_deref(), Some("TERMINATED"));
    assert_eq!(m8.state, InstanceState::Completed);
    let stages = messages(w, "Routing", Some("R-008"))
        .into_iter()
        .filter(|m| publisher(w, m) == "orchestration OrderManager")
        .count();
    assert_eq!(stages, 0, "no stages ran");
    assert!(logs(w)
        .iter()
        .any(|l| l.contains("terminate request for an order not in progress")));
}

#[test]
fn at_the_end_nothing_waits_and_only_the_orphan_report_remains() {
    let w = world();
    let g = sea(w);
    assert!(
        w.all_runs(SEA)
            .iter()
            .all(|r| r.state == InstanceState::Completed),
        "every instance completed"
    );
    // Finished work left the live state (issue 11): no completed instance, no consumed message, no
    // reference; the archive and the summary still have them.
    let live = g.messagebox.state();
    assert!(g.runs.is_empty(), "{:?}", g.runs.keys());
    assert!(live.instances.is_empty() && g.transmissions.is_empty());
    assert!(live.messages.is_empty() && live.references.is_empty());
    let summary = w.summary();
    assert_eq!(summary.groups[SEA].instances.len(), w.all_runs(SEA).len());
    assert!(summary.groups[SEA].messages.len() > 40);
    // Nothing waits, live or among the archived messages' references.
    let suspended = all_messages(w, SEA)
        .iter()
        .flat_map(|m| w.references_of(SEA, m.id()))
        .filter(|r| {
            matches!(
                r.state,
                RefState::Suspended { .. } | RefState::Queued { .. }
            )
        })
        .count();
    assert_eq!(suspended, 0);
    assert_eq!(g.messagebox.state().reports.len(), 1);
}
