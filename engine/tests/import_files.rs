//! Importing real BizTalk files (../shared/fixtures/biztalk, see its SOURCES.md): every fixture imports without
//! a panic, malformed and truncated variants give an error with a line, unsupported parts become warnings,
//! and a saved context is explained against a binding file's subscribers.

mod common;

use messagebox_engine::import::{
    decode, import_bindings, import_bindings_with, import_context, BoundTo, PropertySchemaFile,
};
use messagebox_engine::messagebox::{AdminAction, MessageBox, Owner, SendPortDef, ServiceDef};
use messagebox_engine::property::{bpm_schema, Collation};

fn fixture(name: &str) -> String {
    decode(&std::fs::read(common::biztalk_fixture(name)).unwrap()).unwrap()
}

const BINDINGS: [&str; 7] = [
    "aimbiztalk__BindingInfo.xml",
    "biztalk-cert-guide__BTS2010CertGuide-Ch05.xml",
    "biztalk-cert-guide__BTS2010CertGuide-Ch02-Orchestrations.xml",
    "biztalk-server-learning-path__CanonicalDataModelPattern.BindingInfo.xml",
    "btdf__PortBindingsMaster.xml",
    "biztalk-factory__bindings.xml",
    "ours__SRV-SEA.BPM.BindingInfo.xml",
];

#[test]
fn every_binding_fixture_imports_with_its_ports() {
    if !common::shared_present() {
        return;
    }
    for file in BINDINGS {
        let b = import_bindings(&fixture(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(
            !b.send_ports.is_empty() || !b.receive_ports.is_empty(),
            "{file}: nothing understood"
        );
    }
    // What the simulator does not model is said: CanonicalDataModelPattern's inbound maps.
    let b = import_bindings(&fixture(
        "biztalk-server-learning-path__CanonicalDataModelPattern.BindingInfo.xml",
    ))
    .unwrap();
    assert!(
        b.warnings
            .iter()
            .any(|w| w.contains("ReceivePort/Transforms") && w.contains("not simulated")),
        "{:?}",
        b.warnings
    );
}

#[test]
fn the_seattle_binding_is_understood_in_detail() {
    if !common::shared_present() {
        return;
    }
    // With the demo's property schema given as a file, linked by the binding's TrackedSchemas.
    let xsd = PropertySchemaFile::parse(
        "ours__OrderPropertySchema.xsd",
        &fixture("ours__OrderPropertySchema.xsd"),
    )
    .unwrap();
    let b = import_bindings_with(
        &fixture("ours__SRV-SEA.BPM.BindingInfo.xml"),
        &messagebox_engine::property::PropertySchema::with_system_properties(),
        &[xsd],
    )
    .unwrap();
    assert!(
        b.links[0].contains("TrackedSchemas"),
        "linked by the tracked schema's type name: {:?}",
        b.links
    );
    let names: Vec<_> = b.send_ports.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 6);
    let bridge = b
        .send_ports
        .iter()
        .find(|p| p.name == "SEA-To-DUB-CableOrders-SP")
        .unwrap();
    assert!(bridge.ordered_delivery);
    assert_eq!(
        bridge.filter.to_orchestration(&b.schema),
        r#"(Microsoft.Samples.BizTalk.SouthridgeVideo.Schemas.Status == "ACCEPTED") && (Microsoft.Samples.BizTalk.SouthridgeVideo.Schemas.OrderMgrType == "CABLEORDER")"#
    );
    let seq = b
        .schema
        .id("Microsoft.Samples.BizTalk.SouthridgeVideo.Schemas.SeqNum")
        .unwrap();
    assert_eq!(
        b.schema.def(seq).xsd,
        messagebox_engine::property::XsdType::Int,
        "typed by the property schema, not assumed a string"
    );
    let group = &b.send_port_groups[0];
    assert_eq!(group.name, "HistoryInsert-SPG");
    assert_eq!(group.members, ["HistoryInsert-SP", "HistoryInsert-Test-SP"]);
    let rp = &b.receive_ports[0];
    assert!(rp.failed_message_routing);
    assert_eq!(
        rp.locations[0].pipeline.as_deref(),
        Some("Microsoft.BizTalk.DefaultPipelines.XMLReceive")
    );
    assert_eq!(b.orchestrations[0].state.as_deref(), Some("Started"));
    assert!(b.orchestrations[0]
        .ports
        .iter()
        .any(|p| p.bound == Some(BoundTo::SendPortGroup("HistoryInsert-SPG".into()))));
}

#[test]
fn unknown_filter_properties_and_missing_group_members_are_warnings() {
    if !common::shared_present() {
        return;
    }
    // aimbiztalk: groups name send ports that are not in the file; filters use non-BPM properties.
    let b = import_bindings(&fixture("aimbiztalk__BindingInfo.xml")).unwrap();
    assert!(
        b.warnings
            .iter()
            .any(|w| w.contains("defined outside this file")),
        "{:?}",
        b.warnings
    );
    assert!(
        b.warnings
            .iter()
            .any(|w| w.contains("compared as a string")),
        "{:?}",
        b.warnings
    );
}

#[test]
fn malformed_and_truncated_files_give_an_error_with_a_line_and_never_panic() {
    if !common::shared_present() {
        return;
    }
    for file in BINDINGS {
        let text = fixture(file);
        let cut = text
            .char_indices()
            .map(|(i, _)| i)
            .nth(text.chars().count() * 2 / 3)
            .unwrap();
        let err = import_bindings(&text[..cut]).unwrap_err();
        assert!(err.line >= 1, "{file}: {err}");
        assert!(err.reason.contains("not well-formed"), "{file}: {err}");
        // Every truncation point: an error or a partial import, never a panic.
        let step = (text.len() / 40).max(1);
        for at in (0..text.len())
            .step_by(step)
            .filter(|i| text.is_char_boundary(*i))
        {
            let _ = import_bindings(&text[..at]);
            let _ = import_context(&text[..at], &mut bpm_schema());
        }
    }
    let err = import_bindings(
        "<BindingInfo>\n  <SendPortCollection>\n    <SendPort Name=\"x\">\n</BindingInfo>",
    )
    .unwrap_err();
    assert_eq!(err.line, 4, "{err}");
    let err = import_bindings("<Other/>").unwrap_err();
    assert!(err.reason.contains("expected <BindingInfo>"), "{err}");
}

fn explain(context_file: &str) -> Vec<String> {
    let b = import_bindings_with(
        &fixture("ours__SRV-SEA.BPM.BindingInfo.xml"),
        &bpm_schema(),
        &[],
    )
    .unwrap();
    let imported = import_context(&fixture(context_file), &mut b.schema.clone()).unwrap();
    let mut mb = MessageBox::new(b.schema.clone(), Collation::default());
    for p in &b.send_ports {
        mb.add_service(ServiceDef::SendPort(SendPortDef {
            name: p.name.clone(),
            host: "H".into(),
            filter: p.filter.clone(),
            priority: 5,
        }))
        .unwrap();
        mb.administer(&Owner::SendPort(p.name.clone()), AdminAction::Start)
            .unwrap();
    }
    mb.explain_context(&imported.context)
        .into_iter()
        .filter(|e| e.matched)
        .map(|e| e.owner.name().to_string())
        .collect()
}

#[test]
fn the_unassigned_order_matches_only_the_non_cable_archive_port() {
    if !common::shared_present() {
        return;
    }
    // SOURCES.md: R-007 marked UNASSIGNED matches only NonCable-Archive-SP; the bridge does not match.
    assert_eq!(explain("ours__R-007_context.xml"), ["NonCable-Archive-SP"]);
}

#[test]
fn a_written_mark_matches_nothing() {
    if !common::shared_present() {
        return;
    }
    // SOURCES.md: OrderMgrType written, not promoted: the classic mistake; nothing matches, not even !=.
    assert!(explain("ours__R-001-written-mark_context.xml").is_empty());
}

#[test]
fn a_context_without_promoted_flags_says_what_it_assumed() {
    if !common::shared_present() {
        return;
    }
    let imported = import_context(&fixture("ours__R-007_context.xml"), &mut bpm_schema()).unwrap();
    assert!(imported
        .notes
        .iter()
        .any(|n| n.contains("does not say which properties were promoted")));
    let written = imported
        .context
        .get(&messagebox_engine::property::PropertyName::parse("BTS.ReceiveLocationName").unwrap())
        .unwrap();
    assert!(
        !written.promoted,
        "ReceiveLocationName is written, never promoted (domain.md 1.4)"
    );
}

#[test]
fn a_binding_file_imports_into_a_group_as_a_started_application() {
    if !common::shared_present() {
        return;
    }
    let mut w = common::default_scenario().build().unwrap();
    let warnings = w
        .import_binding_file(
            "SRV-DUB",
            "Imported.SEA",
            &fixture("ours__SRV-SEA.BPM.BindingInfo.xml"),
        )
        .unwrap();
    assert!(warnings.iter().any(|w| w.contains("carries no program")));
    let dub = w.group("SRV-DUB").unwrap();
    assert!(dub.send_ports.contains_key("NonCable-Archive-SP"));
    let state = dub.messagebox.state().services[&Owner::SendPort("VIP-Audit-SP".into())].state;
    assert_eq!(state, messagebox_engine::messagebox::ServiceState::Started);
    // Importing the same file again as another application collides on names, and changes nothing.
    let before = w.clone();
    assert!(w
        .import_binding_file(
            "SRV-DUB",
            "Imported.Again",
            &fixture("ours__SRV-SEA.BPM.BindingInfo.xml")
        )
        .is_err());
    assert_eq!(w, before);
}

#[test]
fn the_import_bindings_command_records_warnings_and_a_malformed_file_changes_nothing() {
    if !common::shared_present() {
        return;
    }
    use messagebox_engine::world::{Command, WorldEvent};
    let mut w = common::default_scenario().build().unwrap();
    let command = |text: String| Command::ImportBindings {
        group: "SRV-DUB".into(),
        application: "Imported.SEA".into(),
        text,
    };
    let before = w.clone();
    let err = w
        .apply(command("<BindingInfo><SendPortCollection>".into()))
        .unwrap_err();
    assert!(err.to_string().contains("binding file"), "{err}");
    assert!(err.to_string().contains("line"), "{err}");
    assert_eq!(w, before);
    let events = w
        .apply(command(fixture("ours__SRV-SEA.BPM.BindingInfo.xml")))
        .unwrap();
    assert!(events.iter().any(
        |t| matches!(&t.event, WorldEvent::Warning { text } if text.contains("carries no program"))
    ));
    assert!(w
        .group("SRV-DUB")
        .unwrap()
        .send_ports
        .contains_key("VIP-Audit-SP"));
}
