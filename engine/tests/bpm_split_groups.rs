//! Phase 2 (domain.md 10.6): the cable order manager moved to SRV-DUB and bridged. The expected outcomes
//! table, and each failure drill from scripted faults.

mod common;

use common::{copies_in, field, messages_in, order, record, text, Recorded};
use messagebox_engine::message::Message;
use messagebox_engine::messagebox::{AdminAction, Event, Owner, RefState, SuspendReason};
use messagebox_engine::orchestration::InstanceState;
use messagebox_engine::scenario::{Scenario, ScriptItem};
use messagebox_engine::world::config::Pipeline;
use messagebox_engine::world::{Command, TransmissionState, World, WorldEvent};

const SEA: &str = "SRV-SEA";
const DUB: &str = "SRV-DUB";
const BRIDGE: &str = "SEA-To-DUB-CableOrder-SP";
const BRIDGE_RL: &str = "DUB-FromSEA-CableOrder-RL";

fn split() -> Scenario {
    Scenario::from_json(include_str!("../../scenarios/split-groups.json")).unwrap()
}

/// The split scenario with its move (the first seven commands) and then these commands instead of the
/// sample orders.
fn split_with(extra: Vec<(u64, Command)>) -> Scenario {
    let mut s = split();
    s.script.truncate(7);
    s.script.extend(
        extra
            .into_iter()
            .map(|(at, command)| ScriptItem { at, command }),
    );
    s
}

fn run(s: &Scenario, until: u64) -> Recorded {
    let mut w = record(s.build().unwrap());
    w.advance_to(until);
    w
}

fn msgs<'a>(w: &'a World, group: &str, root_name: &str, req: Option<&str>) -> Vec<&'a Message> {
    messages_in(w, group, root_name, req)
}

fn copies(w: &World, group: &str, m: &Message) -> Vec<String> {
    copies_in(w, group, m)
}

fn managers(w: &World, group: &str) -> Vec<(String, Option<String>, InstanceState)> {
    w.all_runs(group)
        .into_iter()
        .filter(|r| r.orchestration == "OrderManager")
        .map(|r| {
            let first = w.find_instance(group, r.id).unwrap().consumed[0];
            let req = field(w.find_message(group, first).unwrap(), "RequestID").unwrap();
            (req, r.status.clone(), r.state.clone())
        })
        .collect()
}

fn cable(req: &str, cust: &str) -> Command {
    order(req, cust, "1", 1, "NS", "NEW")
}

#[test]
fn after_the_move_cable_orders_cross_the_bridge_and_activate_the_manager_in_dublin() {
    // domain.md 10.6, expected outcomes: M1, M3, M8 (and M4, M5 through the convoy in DUB).
    let w = run(&split(), 93_000);
    for req in ["R-001", "R-003", "R-004", "R-005", "R-008"] {
        let sea = &msgs(&w, SEA, "Routing", Some(req))[0];
        assert_eq!(
            copies(&w, SEA, sea),
            [BRIDGE],
            "{req}: in SEA only the bridge subscribes"
        );
        let dub = &msgs(&w, DUB, "Routing", Some(req))
            .into_iter()
            .find(|m| {
                text(m, "BTS.ReceivePortName").as_deref() == Some("DUB-FromSEA-CableOrder-RP")
            })
            .unwrap_or_else(|| panic!("{req} did not arrive in DUB"));
        assert_eq!(copies(&w, DUB, dub), ["OrderManager"], "{req} in DUB");
    }
    assert_eq!(
        managers(&w, DUB),
        [
            (
                "R-001".to_string(),
                Some("COMPLETED".to_string()),
                InstanceState::Completed
            ),
            (
                "R-003".into(),
                Some("COMPLETED".into()),
                InstanceState::Completed
            ),
            (
                "R-008".into(),
                Some("TERMINATED".into()),
                InstanceState::Completed
            ),
        ],
        "M4 and M5 reached instance C through its convoy set; M8 took the terminate branch"
    );
    assert!(managers(&w, SEA).is_empty(), "no manager in SEA any more");
    // Interrupts, stage traffic and StagePort stay inside DUB.
    for r in ["Interrupt", "OrderAck", "FacilitiesRequest"] {
        assert!(msgs(&w, SEA, r, None).is_empty(), "{r} in SEA");
        assert!(!msgs(&w, DUB, r, None).is_empty(), "{r} in DUB");
    }
    assert!(msgs(&w, DUB, "OrderStatus", None)
        .iter()
        .any(|m| text(m, "SV.Error").as_deref() == Some("DUPLICATE")));
}

#[test]
fn vip_broadband_and_unassigned_orders_stay_in_seattle_as_in_phase_1() {
    // domain.md 10.6: M2 unchanged in SEA; M6 suspended for the stopped manager, then started; M7 a
    // routing failure in the broker. Nothing of them in DUB.
    let mut w = record(split().build().unwrap());
    w.advance_to(30_000);
    let m6 = msgs(&w, SEA, "Routing", Some("R-006"))[0].id();
    let r = w
        .group(SEA)
        .unwrap()
        .messagebox
        .references_of(m6)
        .next()
        .unwrap()
        .clone();
    assert_eq!(
        r.state,
        RefState::Suspended {
            resumable: true,
            reason: SuspendReason::SubscriberStopped
        }
    );
    w.advance_to(93_000);
    let m6 = &msgs(&w, SEA, "Routing", Some("R-006"))[0];
    let m2 = &msgs(&w, SEA, "Routing", Some("R-002"))[0];
    assert_eq!(copies(&w, SEA, m2), ["VIP-Audit-SP", "VipOrderManager"]);
    assert_eq!(copies(&w, SEA, m6), ["BroadbandOrderManager"]);
    assert!(msgs(&w, SEA, "Routing", Some("R-007")).is_empty());
    assert_eq!(msgs(&w, SEA, "CSR_OrderError", Some("R-007")).len(), 1);
    for req in ["R-002", "R-006", "R-007"] {
        assert!(
            msgs(&w, DUB, "Routing", Some(req)).is_empty(),
            "{req} reached DUB"
        );
    }
}

#[test]
fn the_move_left_the_orchestrations_unchanged() {
    // The same programs run in DUB as ran in SEA: the move changed bindings and ports only.
    let phase1 = common::default_scenario().programs().unwrap();
    let phase2 = split().programs().unwrap();
    assert_eq!(phase1, phase2);
}

#[test]
fn drill_bridge_stopped_piles_orders_up_suspended_until_it_starts() {
    let bridge = Owner::SendPort(BRIDGE.into());
    let s = split_with(vec![
        (
            10,
            Command::Administer {
                group: SEA.into(),
                owner: bridge.clone(),
                action: AdminAction::Stop,
            },
        ),
        (100, cable("R-1", "11")),
        (200, cable("R-2", "12")),
        (
            10_000,
            Command::Administer {
                group: SEA.into(),
                owner: bridge,
                action: AdminAction::Start,
            },
        ),
    ]);
    let mut w = record(s.build().unwrap());
    w.advance_to(9_000);
    let held: Vec<_> = msgs(&w, SEA, "Routing", None)
        .iter()
        .flat_map(|m| {
            w.group(SEA)
                .unwrap()
                .messagebox
                .references_of(m.id())
                .map(|r| r.state.clone())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        held,
        vec![
            RefState::Suspended {
                resumable: true,
                reason: SuspendReason::SubscriberStopped
            };
            2
        ]
    );
    assert!(managers(&w, DUB).is_empty());
    w.advance_to(30_000);
    let done: Vec<_> = managers(&w, DUB)
        .into_iter()
        .map(|(r, s, _)| (r, s))
        .collect();
    assert_eq!(
        done,
        [
            ("R-1".to_string(), Some("COMPLETED".to_string())),
            ("R-2".into(), Some("COMPLETED".into()))
        ]
    );
}

#[test]
fn drill_bridge_unenlisted_makes_cable_orders_routing_failures_in_the_broker() {
    let s = split_with(vec![
        (
            10,
            Command::Administer {
                group: SEA.into(),
                owner: Owner::SendPort(BRIDGE.into()),
                action: AdminAction::Unenlist,
            },
        ),
        (100, cable("R-1", "11")),
    ]);
    let w = run(&s, 10_000);
    assert!(msgs(&w, SEA, "Routing", Some("R-1")).is_empty());
    assert_eq!(msgs(&w, SEA, "CSR_OrderError", Some("R-1")).len(), 1);
    assert!(managers(&w, DUB).is_empty());
}

#[test]
fn drill_manager_left_enlisted_in_both_groups_processes_each_order_twice_and_says_so() {
    // Skip the full stop and removal in SEA (script items 2 and 3).
    let mut s = split_with(vec![(100, cable("R-1", "11"))]);
    s.script.remove(3);
    s.script.remove(2);
    let w = run(&s, 20_000);
    assert_eq!(managers(&w, SEA).len(), 1);
    assert_eq!(managers(&w, DUB).len(), 1);
    let warned = w.trace().iter().any(|t| matches!(&t.event, WorldEvent::Warning { text } if text.contains("OrderManager is enlisted in both SRV-SEA and SRV-DUB")));
    assert!(warned, "the engine says so");
}

#[test]
fn drill_passthru_in_dublin_gives_a_routing_failure_in_dublin() {
    let s = split_with(vec![
        (
            10,
            Command::SetLocationPipeline {
                group: DUB.into(),
                location: BRIDGE_RL.into(),
                pipeline: Pipeline::PassThru,
            },
        ),
        (100, cable("R-1", "11")),
    ]);
    let w = run(&s, 10_000);
    let dub = w.group(DUB).unwrap();
    assert_eq!(
        dub.messagebox.state().reports.len(),
        1,
        "a routing failure report in DUB"
    );
    assert!(managers(&w, DUB).is_empty());
    // In SEA the bridge transmitted as usual: the failure is DUB's.
    let sea_order = &msgs(&w, SEA, "Routing", Some("R-1"))[0];
    assert_eq!(copies(&w, SEA, sea_order), [BRIDGE]);
    let arrived = dub
        .messagebox
        .state()
        .messages
        .values()
        .find(|m| text(m, "BTS.ReceivePortName").as_deref() == Some("DUB-FromSEA-CableOrder-RP"))
        .unwrap();
    assert!(
        text(arrived, "SV.Status").is_none(),
        "PassThru promoted no SV.* property"
    );
}

#[test]
fn drill_messaging_app_not_imported_refuses_the_cable_order_app() {
    // domain.md 5 and 8.10: the referenced application that holds the property schema must be there.
    let mut s = split();
    s.script.remove(0);
    let mut w = record(s.build().unwrap());
    w.advance_to(0);
    let refused = w.trace().iter().find_map(|t| match &t.event {
        WorldEvent::MessageBox {
            event: Event::CommandRefused { reason },
        } => Some(reason.clone()),
        _ => None,
    });
    assert!(refused
        .unwrap()
        .contains("references BTSScn.BPM.MessagingApp, which is not in SRV-DUB"));
    // Without the reference the import is still refused: the manager's filter names SV.* properties
    // that no deployed schema declares.
    let mut package = w.export_application(SEA, "SRV.VipOrderApp").unwrap();
    package.application.references.clear();
    let before = w.clone();
    let err = w.import_application(DUB, &package).unwrap_err();
    assert!(err.to_string().contains("unknown property SV."), "{err}");
    assert_eq!(w.world, before.world, "a refused import changes nothing");
}

#[test]
fn drill_link_cut_retries_then_suspends_and_resume_after_restore_delivers() {
    let s = split_with(vec![
        (
            10,
            Command::SetLinkUp {
                a: SEA.into(),
                b: DUB.into(),
                up: false,
            },
        ),
        (100, cable("R-1", "11")),
    ]);
    let mut w = record(s.build().unwrap());
    w.advance_to(5 * 60 * 1000);
    let t = w
        .group(SEA)
        .unwrap()
        .transmissions
        .values()
        .find(|t| t.port == BRIDGE)
        .unwrap()
        .clone();
    assert!(
        matches!(t.state, TransmissionState::Retrying { .. }),
        "{:?}",
        t.state
    );
    w.advance_to(25 * 60 * 1000);
    let t = w.group(SEA).unwrap().transmissions[&t.id].clone();
    assert_eq!(
        t.state,
        TransmissionState::Suspended { resumable: true },
        "after 3 retries 5 minutes apart"
    );
    let attempts = w
        .trace()
        .iter()
        .filter(|e| matches!(&e.event, WorldEvent::TransmitAttempt { port, .. } if port == BRIDGE))
        .count();
    assert_eq!(attempts, 4);
    w.apply(Command::SetLinkUp {
        a: SEA.into(),
        b: DUB.into(),
        up: true,
    })
    .unwrap();
    w.apply(Command::ResumeInstance {
        group: SEA.into(),
        instance: t.id,
    })
    .unwrap();
    w.advance_to(26 * 60 * 1000);
    assert_eq!(
        managers(&w, DUB)
            .into_iter()
            .map(|(r, s, _)| (r, s))
            .collect::<Vec<_>>(),
        [("R-1".to_string(), Some("COMPLETED".to_string()))]
    );
}

#[test]
fn the_wire_takes_the_link_latency() {
    let w = run(&split_with(vec![(100, cable("R-1", "11"))]), 10_000);
    let sent = w.trace().iter().find_map(|t| match &t.event {
        WorldEvent::WireSent { arrives_at, .. } => Some((t.at, *arrives_at)),
        _ => None,
    });
    let (at, arrives) = sent.unwrap();
    assert!(
        (150..=170).contains(&(arrives - at)),
        "150 ms plus up to 20 ms of jitter: {}",
        arrives - at
    );
}

#[test]
fn drill_without_the_property_schema_in_dublin_the_bridged_order_fails_to_route_there() {
    // domain.md 5: without the schema's application in the receiving group, its pipeline promotes no
    // SV.* property and the publish fails to route in that group.
    let moved = run(&split_with(vec![]), 10);
    let proposal = moved
        .propose_bridge(SEA, DUB, "BTSScn.BPM.CableOrderApp")
        .unwrap();
    let mut s = split_with(vec![(100, cable("R-1", "11"))]);
    s.script.truncate(0);
    s.script.push(ScriptItem {
        at: 100,
        command: cable("R-1", "11"),
    });
    let mut w = record(s.build().unwrap());
    w.create_bridge(&proposal).unwrap();
    w.advance_to(10_000);
    let dub = w.group(DUB).unwrap();
    let arrived = dub.messagebox.state().messages.values().next().unwrap();
    assert_eq!(
        text(arrived, "BTS.ReceivePortName").as_deref(),
        Some("DUB-FromSEA-CableOrder-RP")
    );
    assert!(
        text(arrived, "SV.Status").is_none(),
        "nothing promoted the order's properties"
    );
    let failed: Vec<_> = dub
        .messagebox
        .state()
        .reports
        .values()
        .map(|r| r.failed_message)
        .collect();
    assert_eq!(
        failed[0],
        arrived.id(),
        "a routing failure in DUB for the bridged order"
    );
    // The bridge's receive port has failed-message routing off: one report, and the order itself
    // suspended (resumable) in DUB, to be resumed once the schema is deployed (domain.md 10.6).
    assert_eq!(failed.len(), 1);
    let suspended = dub.messagebox.references_of(arrived.id()).any(|r| {
        matches!(
            r.state,
            RefState::Suspended {
                resumable: true,
                ..
            }
        )
    });
    assert!(suspended, "the failed order waits, resumable");
}
