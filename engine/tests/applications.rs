//! Export and import of applications between groups, with BizTalk's rules (domain.md 5), and the
//! application stop options (domain.md 4.4).

mod common;

use common::{default_scenario, order, SEA};
use messagebox_engine::messagebox::{Owner, ServiceState};
use messagebox_engine::world::{Command, Package, StopMode, World, WorldEvent};

const DUB: &str = "SRV-DUB";
const MESSAGING: &str = "BTSScn.BPM.MessagingApp";
const CABLE: &str = "BTSScn.BPM.CableOrderApp";

fn world() -> World {
    default_scenario().build().unwrap()
}

fn state(w: &World, group: &str, owner: Owner) -> Option<ServiceState> {
    w.group(group)
        .unwrap()
        .messagebox
        .state()
        .services
        .get(&owner)
        .map(|s| s.state)
}

#[test]
fn a_package_is_a_versioned_json_document_with_bindings_and_programs() {
    let w = world();
    let package = w.export_application(SEA, CABLE).unwrap();
    assert_eq!(package.format, 1);
    let names: Vec<_> = package.programs.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "CableOrder1",
            "CableOrder2",
            "CheckInterrupt",
            "Interrupter",
            "OrderManager"
        ]
    );
    assert_eq!(package.application.references, [MESSAGING]);
    let json = serde_json::to_string(&package).unwrap();
    let back: Package = serde_json::from_str(&json).unwrap();
    assert_eq!(back, package);
}

#[test]
fn import_needs_the_referenced_applications_first() {
    let mut w = world();
    let package = w.export_application(SEA, CABLE).unwrap();
    let before = w.clone();
    let err = w.import_application(DUB, &package).unwrap_err();
    assert_eq!(
        err.to_string(),
        "BTSScn.BPM.CableOrderApp references BTSScn.BPM.MessagingApp, which is not in SRV-DUB: import BTSScn.BPM.MessagingApp first"
    );
    assert_eq!(w, before, "nothing changed");
    w.apply(Command::CopyApplication {
        from: SEA.into(),
        to: DUB.into(),
        application: MESSAGING.into(),
    })
    .unwrap();
    w.import_application(DUB, &package).unwrap();
    // Imported subscribers arrive unenlisted, locations disabled, until the application starts.
    assert_eq!(
        state(&w, DUB, Owner::Orchestration("OrderManager".into())),
        Some(ServiceState::Unenlisted)
    );
    w.apply(Command::StartApplication {
        group: DUB.into(),
        application: CABLE.into(),
    })
    .unwrap();
    assert_eq!(
        state(&w, DUB, Owner::Orchestration("OrderManager".into())),
        Some(ServiceState::Started)
    );
    assert!(w
        .group(DUB)
        .unwrap()
        .location("Facilities-RP-TestRL")
        .is_some());
}

#[test]
fn names_must_be_unique_in_the_group() {
    let mut w = world();
    let mut package = w.export_application(SEA, "SRV.VipOrderApp").unwrap();
    package.application.name = "Other.App".into();
    let before = w.clone();
    let err = w.import_application(SEA, &package).unwrap_err();
    assert!(
        err.to_string()
            .contains("send port VIP-Audit-SP already exists"),
        "{err}"
    );
    // A receive port of the same name is refused too, and a refused import changes nothing.
    let mut package = w.export_application(SEA, CABLE).unwrap();
    package.application.name = "Other.App".into();
    package.application.send_ports.clear();
    package.application.orchestrations.clear();
    package.application.receive_ports[0].locations[0].name = "Other-RL".into();
    let err = w.import_application(SEA, &package).unwrap_err();
    assert!(
        err.to_string()
            .contains("receive port \"Facilities-RP\" already exists"),
        "{err}"
    );
    assert_eq!(w, before);
}

#[test]
fn orchestrations_bind_to_a_host_of_the_same_name() {
    let mut w = world();
    w.apply(Command::CopyApplication {
        from: SEA.into(),
        to: DUB.into(),
        application: MESSAGING.into(),
    })
    .unwrap();
    let mut package = w.export_application(SEA, CABLE).unwrap();
    package.application.orchestrations[0].host = "OrdersHost".into();
    let err = w.import_application(DUB, &package).unwrap_err();
    assert!(err.to_string().contains("has no host OrdersHost"), "{err}");
}

#[test]
fn a_reimport_overwrites_the_same_named_bindings() {
    // domain.md 5: imported bindings always overwrite same-named existing bindings.
    let mut w = world();
    let mut package = w.export_application(SEA, "SRV.VipOrderApp").unwrap();
    package.application.send_ports[0].transport.address = "VipAuditArchive".into();
    package.application.send_ports[0].filter = "SV.OrderMgrType | == | GOLDORDER | And".into();
    w.import_application(SEA, &package).unwrap();
    let g = w.group(SEA).unwrap();
    assert_eq!(
        g.send_ports["VIP-Audit-SP"].transport.address,
        "VipAuditArchive"
    );
    assert_eq!(
        state(&w, SEA, Owner::SendPort("VIP-Audit-SP".into())),
        Some(ServiceState::Started),
        "state kept"
    );
    let sub = w
        .group(SEA)
        .unwrap()
        .messagebox
        .activation_subscription(&Owner::SendPort("VIP-Audit-SP".into()))
        .unwrap();
    assert!(sub
        .filter
        .groups
        .iter()
        .any(|g| g.iter().any(|p| p.value.as_deref() == Some("GOLDORDER"))));
}

#[test]
fn stop_options_disable_stop_or_unenlist() {
    // domain.md 4.4.
    let owner = Owner::Orchestration("OrderManager".into());
    let mut w = world();
    w.apply(Command::StopApplication {
        group: SEA.into(),
        application: CABLE.into(),
        mode: StopMode::AllowRunning,
    })
    .unwrap();
    assert!(!w
        .group(SEA)
        .unwrap()
        .location("Facilities-RP-TestRL")
        .map(|(p, i)| p.locations[i].enabled)
        .unwrap());
    assert_eq!(state(&w, SEA, owner.clone()), Some(ServiceState::Started));
    w.apply(Command::StopApplication {
        group: SEA.into(),
        application: CABLE.into(),
        mode: StopMode::Suspend,
    })
    .unwrap();
    assert_eq!(state(&w, SEA, owner.clone()), Some(ServiceState::Stopped));
    w.apply(Command::StopApplication {
        group: SEA.into(),
        application: CABLE.into(),
        mode: StopMode::Full,
    })
    .unwrap();
    assert_eq!(state(&w, SEA, owner), Some(ServiceState::Unenlisted));
}

#[test]
fn a_full_stop_terminates_running_instances_and_removal_needs_one() {
    let mut w = world();
    let err = w
        .apply(Command::RemoveApplication {
            group: SEA.into(),
            application: CABLE.into(),
        })
        .unwrap_err();
    assert!(err.to_string().contains("still enlisted"), "{err}");
    w.apply(Command::SetResponderRunning {
        group: SEA.into(),
        responder: "Facilities".into(),
        running: false,
    })
    .unwrap();
    w.apply(order("R-1", "1", "1", 1, "NS", "NEW")).unwrap();
    w.advance_to(5_000);
    let running = |w: &World| {
        w.group(SEA)
            .unwrap()
            .runs
            .values()
            .filter(|r| r.orchestration == "OrderManager" && !r.state.is_finished())
            .count()
    };
    assert!(running(&w) >= 1, "a manager waits for facilities");
    let events = w
        .apply(Command::StopApplication {
            group: SEA.into(),
            application: CABLE.into(),
            mode: StopMode::Full,
        })
        .unwrap();
    assert_eq!(running(&w), 0);
    // The terminations are part of the stop's own events (the event log shows them).
    assert!(events
        .iter()
        .any(|t| matches!(t.event, WorldEvent::InstanceTerminated { .. })));
    let managers = w.all_runs(SEA);
    let managers: Vec<_> = managers
        .iter()
        .filter(|r| r.orchestration == "OrderManager")
        .collect();
    assert!(!managers.is_empty() && managers.iter().all(|r| r.state.is_finished()));
    w.apply(Command::RemoveApplication {
        group: SEA.into(),
        application: CABLE.into(),
    })
    .unwrap();
    assert!(w
        .group(SEA)
        .unwrap()
        .applications
        .iter()
        .all(|a| a.name != CABLE));
    assert_eq!(
        state(&w, SEA, Owner::Orchestration("OrderManager".into())),
        None
    );
}

#[test]
fn the_engine_proposes_a_bridge_from_the_moved_managers_filter_but_creates_it_only_when_asked() {
    let mut w = world();
    w.apply(Command::CopyApplication {
        from: SEA.into(),
        to: DUB.into(),
        application: MESSAGING.into(),
    })
    .unwrap();
    w.apply(Command::CopyApplication {
        from: SEA.into(),
        to: DUB.into(),
        application: CABLE.into(),
    })
    .unwrap();
    let proposal = w.propose_bridge(SEA, DUB, CABLE).unwrap();
    // The manager's activation filter, typed as a send port takes it (domain.md 10.6 step 3).
    assert_eq!(
        proposal.send_port.filter,
        "SV.Status | == | ACCEPTED | And\nSV.OrderMgrType | == | CABLEORDER | And"
    );
    assert_eq!(
        proposal.receive_port.locations[0].address,
        proposal.send_port.transport.address
    );
    assert!(
        !w.group(SEA)
            .unwrap()
            .send_ports
            .contains_key(&proposal.send_port.name),
        "only proposed"
    );
    w.apply(Command::CreateBridge {
        from: SEA.into(),
        to: DUB.into(),
        application: CABLE.into(),
    })
    .unwrap();
    assert_eq!(
        state(&w, SEA, Owner::SendPort(proposal.send_port.name.clone())),
        Some(ServiceState::Started)
    );
    assert!(w
        .group(DUB)
        .unwrap()
        .location(&proposal.receive_port.locations[0].name)
        .is_some());
}
