//! Property test with random faults (endpoint down windows, ports, host instances and orchestrations
//! stopped and started, the facilities system stopped): every order ends processed exactly once or
//! suspended with a visible reason, and resuming after the faults heal completes it.

mod common;

use common::*;
use messagebox_engine::messagebox::{AdminAction, Owner, RefState, SuspendReason};
use messagebox_engine::orchestration::InstanceState;
use messagebox_engine::world::{Command, TransmissionState, World};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Fault {
    FacilitiesStopped,
    EndpointDown(&'static str),
    HostStopped,
    PortStopped(&'static str),
    OrchestrationStopped(&'static str),
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        Just(Fault::FacilitiesStopped),
        prop_oneof![Just("ToFacilitiesQ"), Just("CSR"), Just("HistoryInsert")]
            .prop_map(Fault::EndpointDown),
        Just(Fault::HostStopped),
        prop_oneof![
            Just("Facilities-SP"),
            Just("CSRResponse-DSP"),
            Just("HistoryUpdate-SP")
        ]
        .prop_map(Fault::PortStopped),
        prop_oneof![Just("OrderManager"), Just("CableOrder2")]
            .prop_map(Fault::OrchestrationStopped),
    ]
}

fn begin_end(f: &Fault) -> (Command, Command) {
    let g = || SEA.to_string();
    match f {
        Fault::FacilitiesStopped => (facilities(false), facilities(true)),
        Fault::EndpointDown(e) => (
            Command::SetEndpointAvailable {
                group: g(),
                endpoint: e.to_string(),
                available: false,
            },
            Command::SetEndpointAvailable {
                group: g(),
                endpoint: e.to_string(),
                available: true,
            },
        ),
        Fault::HostStopped => (
            Command::SetHostRunning {
                group: g(),
                host: "BizTalkServerApplication".into(),
                running: false,
            },
            Command::SetHostRunning {
                group: g(),
                host: "BizTalkServerApplication".into(),
                running: true,
            },
        ),
        Fault::PortStopped(p) => {
            let o = Owner::SendPort(p.to_string());
            (
                Command::Administer {
                    group: g(),
                    owner: o.clone(),
                    action: AdminAction::Stop,
                },
                Command::Administer {
                    group: g(),
                    owner: o,
                    action: AdminAction::Start,
                },
            )
        }
        Fault::OrchestrationStopped(p) => {
            let o = owner(p);
            (
                Command::Administer {
                    group: g(),
                    owner: o.clone(),
                    action: AdminAction::Stop,
                },
                Command::Administer {
                    group: g(),
                    owner: o,
                    action: AdminAction::Start,
                },
            )
        }
    }
}

/// Resumes what is suspended and resumable, as an operator would from the Group Hub. Messages held for
/// a stopped subscriber are left alone: they must flow by themselves when it starts (domain.md 4.4).
fn resume_all(w: &mut World) {
    let g = sea(w);
    let refs: Vec<_> = g
        .messagebox
        .state()
        .references
        .values()
        .filter(|r| {
            matches!(r.state, RefState::Suspended { resumable: true, reason } if reason != SuspendReason::SubscriberStopped)
        })
        .map(|r| r.id)
        .collect();
    let runs: Vec<_> = g
        .runs
        .values()
        .filter(|r| matches!(r.state, InstanceState::SuspendedResumable { .. }))
        .map(|r| r.id)
        .collect();
    let sends: Vec<_> = g
        .transmissions
        .values()
        .filter(|t| t.state == TransmissionState::Suspended { resumable: true })
        .map(|t| t.id)
        .collect();
    for reference in refs {
        let _ = w.apply(Command::ResumeReference {
            group: SEA.into(),
            reference,
        });
    }
    for instance in runs.into_iter().chain(sends) {
        let _ = w.apply(Command::ResumeInstance {
            group: SEA.into(),
            instance,
        });
    }
}

const ORDERS: usize = 4;

fn check(faults: Vec<(Fault, u64, u64)>, spacing: u64) -> Result<(), TestCaseError> {
    let mut script: Vec<(u64, Command)> = (0..ORDERS)
        .map(|i| {
            (
                i as u64 * spacing,
                order(
                    &format!("R-{i}"),
                    &format!("{}", 100 + i),
                    "1",
                    1,
                    "NS",
                    "NEW",
                ),
            )
        })
        .collect();
    for (f, start, length) in &faults {
        let (begin, end) = begin_end(f);
        script.push((*start, begin));
        script.push((start + length, end));
    }
    let mut w = scenario_with(script).build().unwrap();
    // Past the faults (which last up to 25 minutes) and every retry (3, 5 minutes apart).
    w.advance_to(45 * 60 * 1000);
    // An order not completed by now has something suspended with a visible reason.
    let g = sea(&w);
    let suspended_runs = g.runs.values().filter(|r| r.state.is_suspended()).count();
    let suspended_sends = g
        .transmissions
        .values()
        .filter(|t| matches!(t.state, TransmissionState::Suspended { .. }))
        .count();
    for run in g.runs.values() {
        if let InstanceState::SuspendedResumable { error }
        | InstanceState::SuspendedNotResumable { error } = &run.state
        {
            prop_assert!(!error.is_empty());
        }
    }
    for i in 0..ORDERS {
        let done = instances(&w, "OrderManager").iter().any(|r| {
            consumed_requests(&w, r.id).first() == Some(&format!("R-{i}"))
                && r.state == InstanceState::Completed
        });
        prop_assert!(
            done || suspended_runs + suspended_sends > 0,
            "order {} is neither done nor visibly stuck",
            i
        );
    }
    resume_all(&mut w);
    w.advance_to(75 * 60 * 1000);
    resume_all(&mut w);
    w.advance_to(105 * 60 * 1000);
    for i in 0..ORDERS {
        let cust = format!("{}", 100 + i);
        let managers: Vec<_> = instances(&w, "OrderManager")
            .into_iter()
            .filter(|r| consumed_requests(&w, r.id).first() == Some(&format!("R-{i}")))
            .collect();
        prop_assert_eq!(
            managers.len(),
            1,
            "order {} has {} managers",
            i,
            managers.len()
        );
        prop_assert_eq!(&managers[0].state, &InstanceState::Completed, "order {}", i);
        prop_assert_eq!(managers[0].status.as_deref(), Some("COMPLETED"));
        let completions = messages(&w, "OrderStatus", None)
            .into_iter()
            .filter(|m| {
                field(m, "CustID").as_deref() == Some(cust.as_str())
                    && field(m, "Status").as_deref() == Some("COMPLETED")
            })
            .count();
        prop_assert_eq!(
            completions,
            1,
            "order {} completed {} times",
            i,
            completions
        );
        let delivered = sea(&w).endpoints.get("CSR").map_or(0, |e| {
            e.received
                .iter()
                .filter(|m| {
                    let m = w.find_message(SEA, **m).unwrap();
                    field(m, "CustID").as_deref() == Some(cust.as_str())
                        && field(m, "Status").as_deref() == Some("COMPLETED")
                })
                .count()
        });
        prop_assert_eq!(
            delivered,
            1,
            "order {}'s completion reached the CSR system {} times",
            i,
            delivered
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn every_order_is_processed_exactly_once_after_the_faults_heal(
        faults in prop::collection::vec((fault(), 0u64..8_000, 100u64..1_500_000), 0..5),
        spacing in 100u64..2_000,
    ) {
        check(faults, spacing)?;
    }
}

#[test]
fn with_no_fault_every_order_completes() {
    check(vec![], 500).unwrap();
}
