//! Saving the current deployment of every group as a scenario file that opens to the same state: the
//! default scenario, the scenario after the move of 10.6 (imports, removal, the bridge) with a port
//! stopped and a location disabled, and a world with an imported binding file. The file reads back
//! and saves again to the same file, and every MessageBox holds the same subscriptions in the same
//! states.

mod common;

use common::*;
use messagebox_engine::messagebox::{AdminAction, Owner};
use messagebox_engine::plan::plan_move;
use messagebox_engine::scenario::{scenario_of, Scenario};
use messagebox_engine::world::{Command, World};

/// Each group's deployment: subscriptions (owner, kind, state, filter), hosts, locations, applications.
fn deployment(world: &World) -> Vec<String> {
    let mut out = Vec::new();
    for g in world.groups.values() {
        let st = g.messagebox.state();
        let mut subs: Vec<String> = st
            .subscriptions
            .values()
            .map(|s| {
                format!(
                    "{} {} {:?} {:?} {}",
                    g.name,
                    s.owner,
                    s.kind,
                    s.state,
                    s.filter.to_orchestration(g.messagebox.schema())
                )
            })
            .collect();
        subs.sort();
        out.extend(subs);
        out.push(format!("{} hosts {:?}", g.name, st.hosts));
        out.push(format!("{} locations {:?}", g.name, g.receive_ports));
        let mut apps: Vec<&str> = g.applications.iter().map(|a| a.name.as_str()).collect();
        apps.sort();
        out.push(format!("{} applications {apps:?}", g.name));
        out.push(format!("{} promotions {}", g.name, g.promotions.len()));
        out.push(format!("{} schema {}", g.name, g.messagebox.schema().len()));
    }
    out
}

fn round_trip(world: &World) {
    let saved = scenario_of(world, "Saved");
    let text = serde_json::to_string_pretty(&saved).unwrap();
    let read = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    let rebuilt = read.build().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(deployment(&rebuilt), deployment(world));
    // Saving the opened file again gives the same file.
    assert_eq!(scenario_of(&rebuilt, "Saved"), saved);
}

#[test]
fn the_default_scenario_saves_and_opens_to_the_same_deployment() {
    round_trip(&default_scenario().build().unwrap());
}

#[test]
fn the_deployment_after_the_move_with_stopped_ports_and_a_disabled_location_round_trips() {
    let mut r = run(&scenario_with(vec![]), 0);
    let plan = plan_move(&r.world, "BTSScn.BPM.CableOrderApp", "SRV-DUB").unwrap();
    for c in plan.commands {
        r.apply(c).unwrap();
    }
    r.apply(Command::Administer {
        group: SEA.into(),
        owner: Owner::SendPort("VIP-Audit-SP".into()),
        action: AdminAction::Stop,
    })
    .unwrap();
    r.apply(Command::SetLocationEnabled {
        group: "SRV-DUB".into(),
        location: "DUB-FromSEA-CableOrder-RL".into(),
        enabled: false,
    })
    .unwrap();
    r.apply(Command::SetHostRunning {
        group: SEA.into(),
        host: "BizTalkServerApplication".into(),
        running: false,
    })
    .unwrap();
    r.apply(Command::SetFilter {
        group: SEA.into(),
        owner: Owner::SendPort("VIP-Audit-SP".into()),
        filter: "SV.OrderMgrType == \"VIPORDER\" || SV.CustID == \"900\"".into(),
    })
    .unwrap();
    round_trip(&r.world);
}

#[test]
fn a_world_with_an_imported_binding_file_round_trips() {
    let mut r = run(&scenario_with(vec![]), 0);
    let mut text = String::from("<BindingInfo><SendPortCollection>");
    for i in 0..50 {
        text.push_str(&format!(r#"<SendPort Name="SP-{i}" IsStatic="true" IsTwoWay="false"><PrimaryTransport><Address>C:\out\{i}</Address><TransportType Name="FILE" /></PrimaryTransport><Filter>&lt;Filter&gt;&lt;Group&gt;&lt;Statement Property="Acme.Region" Operator="0" Value="R{i}" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter></SendPort>"#));
    }
    text.push_str("</SendPortCollection></BindingInfo>");
    r.apply(Command::ImportBindings {
        group: SEA.into(),
        application: "Acme".into(),
        text,
    })
    .unwrap();
    round_trip(&r.world);
}
