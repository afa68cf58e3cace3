//! Conservation (design.md 5): over random sequences of publish / enlist / unenlist / start / stop /
//! resume / terminate (and dispatch, host stops, instance completion), every reference a publish creates
//! ends in exactly one state — delivered, waiting, suspended or reported — none disappears and none is
//! delivered twice.

use messagebox_engine::filter::Filter;
use messagebox_engine::message::MessageDraft;
use messagebox_engine::messagebox::{
    AdminAction, Event, MessageBox, OrchestrationDef, Owner, Publisher, RefId, RefState,
    SendPortDef, SendPortGroupDef, ServiceDef,
};
use messagebox_engine::property::{bpm_schema, Collation, PropertyName};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const HOST: &str = "BizTalkServerApplication";
const MARKS: [&str; 4] = ["CABLEORDER", "VIPORDER", "BROADBANDORDER", "UNASSIGNED"];

#[derive(Debug, Clone)]
enum Command {
    Publish {
        mark: usize,
        cust: u8,
        fmr: bool,
        to_group: bool,
    },
    Admin {
        service: usize,
        action: usize,
    },
    Dispatch,
    Resume(usize),
    Terminate(usize),
    Host(bool),
    Complete(usize),
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        4 => (0..MARKS.len(), 0u8..3, any::<bool>(), any::<bool>())
            .prop_map(|(mark, cust, fmr, to_group)| Command::Publish { mark, cust, fmr, to_group }),
        3 => (0..6usize, 0..4usize).prop_map(|(service, action)| Command::Admin { service, action }),
        2 => Just(Command::Dispatch),
        1 => any::<usize>().prop_map(Command::Resume),
        1 => any::<usize>().prop_map(Command::Terminate),
        1 => any::<bool>().prop_map(Command::Host),
        1 => any::<usize>().prop_map(Command::Complete),
    ]
}

fn owners() -> Vec<Owner> {
    vec![
        Owner::Orchestration("OrderManager".into()),
        Owner::Orchestration("VipOrderManager".into()),
        Owner::SendPort("VIP-Audit-SP".into()),
        Owner::SendPort("History-SP".into()),
        Owner::SendPort("History-Test-SP".into()),
        Owner::SendPortGroup("History-SPG".into()),
    ]
}

fn setup() -> MessageBox {
    let s = bpm_schema();
    let f = |t: &str| Filter::parse_orchestration(t, &s).unwrap();
    let mut mb = MessageBox::new(s.clone(), Collation::default());
    let convoy = ["SV.Status", "SV.CustID", "SV.OrderID"]
        .map(|n| PropertyName::parse(n).unwrap())
        .to_vec();
    for (name, mark, convoy) in [
        ("OrderManager", "CABLEORDER", Some(convoy)),
        ("VipOrderManager", "VIPORDER", None),
    ] {
        mb.add_service(ServiceDef::Orchestration(OrchestrationDef {
            name: name.into(),
            host: HOST.into(),
            bound: true,
            message_type: None,
            activation_filter: f(&format!(
                r#"SV.Status == "ACCEPTED" && SV.OrderMgrType == "{mark}""#
            )),
            convoy,
        }))
        .unwrap();
    }
    for (name, filter) in [
        ("VIP-Audit-SP", f(r#"SV.OrderMgrType == "VIPORDER""#)),
        ("History-SP", Filter::default()),
        ("History-Test-SP", Filter::default()),
    ] {
        mb.add_service(ServiceDef::SendPort(SendPortDef {
            name: name.into(),
            host: HOST.into(),
            filter,
            priority: 5,
        }))
        .unwrap();
    }
    mb.add_service(ServiceDef::SendPortGroup(SendPortGroupDef {
        name: "History-SPG".into(),
        members: vec!["History-SP".into(), "History-Test-SP".into()],
        filter: Filter::default(),
    }))
    .unwrap();
    for owner in [&owners()[0], &owners()[2], &owners()[3]] {
        mb.administer(owner, AdminAction::Start).unwrap();
    }
    mb
}

fn draft(mark: &str, cust: u8, to_group: bool) -> MessageDraft {
    let s = bpm_schema();
    let mut d = MessageDraft::new("<Order/>");
    for (n, v) in [
        ("SV.Status", "ACCEPTED"),
        ("SV.OrderMgrType", mark),
        ("SV.OrderID", "1"),
    ] {
        d.promote_text(&s, n, v).unwrap();
    }
    d.promote_text(&s, "SV.CustID", &cust.to_string()).unwrap();
    if to_group {
        d.promote_text(&s, "BTS.SPGroupID", "History-SPG").unwrap();
    }
    d
}

/// What the events say about each reference.
#[derive(Default)]
struct Ledger {
    created: BTreeSet<RefId>,
    delivered: BTreeMap<RefId, usize>,
    messages: usize,
}

impl Ledger {
    fn record(&mut self, events: &[Event]) -> Result<(), TestCaseError> {
        for e in events {
            match e {
                Event::Queued { reference, .. }
                | Event::Held { reference, .. }
                | Event::RoutingFailed { reference, .. } => {
                    prop_assert!(self.created.insert(*reference), "{reference} created twice");
                }
                Event::Delivered { reference, .. } => {
                    *self.delivered.entry(*reference).or_default() += 1
                }
                Event::Published { .. } => self.messages += 1,
                _ => {}
            }
        }
        Ok(())
    }
}

fn check(mb: &MessageBox, ledger: &Ledger) -> Result<(), TestCaseError> {
    let refs = &mb.state().references;
    // Nothing disappears, nothing appears unannounced.
    let stored: BTreeSet<RefId> = refs.keys().copied().collect();
    prop_assert_eq!(&stored, &ledger.created);
    // Nothing is delivered twice, and what was delivered says so.
    for (r, n) in &ledger.delivered {
        prop_assert_eq!(*n, 1, "{} delivered {} times", r, n);
        let is_delivered = matches!(refs[r].state, RefState::Delivered { .. });
        prop_assert!(
            is_delivered,
            "{} was delivered but is {:?}",
            r,
            refs[r].state
        );
    }
    let delivered_states = refs
        .values()
        .filter(|r| matches!(r.state, RefState::Delivered { .. }))
        .count();
    prop_assert_eq!(delivered_states, ledger.delivered.len());
    // Every stored message has at least one reference.
    prop_assert_eq!(mb.state().messages.len(), ledger.messages);
    for id in mb.state().messages.keys() {
        prop_assert!(
            refs.values().any(|r| r.message == *id),
            "message {} has no reference",
            id
        );
    }
    // A report exists exactly for each routing failure not yet terminated.
    for report in mb.state().reports.values() {
        prop_assert!(mb.state().messages.contains_key(&report.failed_message));
    }
    Ok(())
}

fn run(commands: &[Command]) -> Result<(), TestCaseError> {
    let mut mb = setup();
    let mut ledger = Ledger::default();
    let actions = [
        AdminAction::Enlist,
        AdminAction::Start,
        AdminAction::Stop,
        AdminAction::Unenlist,
    ];
    for c in commands {
        let ids: Vec<RefId> = mb.state().references.keys().copied().collect();
        let pick = |k: &usize| (!ids.is_empty()).then(|| ids[k % ids.len()]);
        let events = match c {
            Command::Publish {
                mark,
                cust,
                fmr,
                to_group,
            } => {
                let publisher = Publisher::ReceivePort {
                    port: "Order-RP".into(),
                    failed_message_routing: *fmr,
                    two_way: false,
                };
                mb.publish(draft(MARKS[*mark], *cust, *to_group), &publisher)
                    .map(|(_, e)| e)
                    .unwrap_or_default()
            }
            Command::Admin { service, action } => mb
                .administer(&owners()[*service], actions[*action])
                .unwrap_or_default(),
            Command::Dispatch => mb.dispatch(),
            Command::Resume(k) => pick(k).and_then(|r| mb.resume(r).ok()).unwrap_or_default(),
            Command::Terminate(k) => pick(k)
                .and_then(|r| mb.terminate(r).ok())
                .unwrap_or_default(),
            Command::Host(running) => mb.set_host_running(HOST, *running),
            Command::Complete(k) => {
                let running: Vec<_> = mb
                    .state()
                    .instances
                    .values()
                    .filter(|i| i.active)
                    .map(|i| i.id)
                    .collect();
                if running.is_empty() {
                    Vec::new()
                } else {
                    mb.complete_instance(running[k % running.len()]).unwrap()
                }
            }
        };
        ledger.record(&events)?;
        check(&mb, &ledger)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_reference_ends_in_exactly_one_state(commands in prop::collection::vec(command(), 1..60)) {
        run(&commands)?;
    }
}

#[test]
fn the_same_commands_give_the_same_state_and_events() {
    // design.md 2: same scenario and commands, same trace.
    let commands: Vec<Command> = (0..40)
        .map(|i| match i % 5 {
            0 => Command::Publish {
                mark: i % 4,
                cust: (i % 3) as u8,
                fmr: i % 2 == 0,
                to_group: i % 3 == 0,
            },
            1 => Command::Dispatch,
            2 => Command::Admin {
                service: i % 6,
                action: i % 4,
            },
            3 => Command::Resume(i),
            _ => Command::Terminate(i),
        })
        .collect();
    let trace = |cs: &[Command]| {
        let mut mb = setup();
        let mut all = Vec::new();
        for c in cs {
            all.extend(match c {
                Command::Publish {
                    mark,
                    cust,
                    fmr,
                    to_group,
                } => mb
                    .publish(
                        draft(MARKS[*mark], *cust, *to_group),
                        &Publisher::ReceivePort {
                            port: "RP".into(),
                            failed_message_routing: *fmr,
                            two_way: false,
                        },
                    )
                    .map(|(_, e)| e)
                    .unwrap_or_default(),
                Command::Dispatch => mb.dispatch(),
                Command::Admin { service, action } => mb
                    .administer(
                        &owners()[*service],
                        [
                            AdminAction::Enlist,
                            AdminAction::Start,
                            AdminAction::Stop,
                            AdminAction::Unenlist,
                        ][*action],
                    )
                    .unwrap_or_default(),
                Command::Resume(k) => {
                    let ids: Vec<RefId> = mb.state().references.keys().copied().collect();
                    ids.get(k % ids.len().max(1))
                        .and_then(|r| mb.resume(*r).ok())
                        .unwrap_or_default()
                }
                Command::Terminate(k) => {
                    let ids: Vec<RefId> = mb.state().references.keys().copied().collect();
                    ids.get(k % ids.len().max(1))
                        .and_then(|r| mb.terminate(*r).ok())
                        .unwrap_or_default()
                }
                _ => Vec::new(),
            });
        }
        (
            serde_json::to_string(&all).unwrap(),
            serde_json::to_string(&mb).unwrap(),
        )
    };
    let first = trace(&commands);
    assert!(first.0.len() > 1000, "the run should do something");
    assert_eq!(trace(&commands), first);
}
