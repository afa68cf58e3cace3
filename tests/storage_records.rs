//! The saved lab as records (what IndexedDB holds), natively: a save writes only the actions that
//! changed, a fork rewrites from where it differs, the records join back into the same saved lab, and a
//! full quota is named as such. Also what an import says it did, and each application's state.

use messagebox_engine::messagebox::{AdminAction, Owner};
use messagebox_engine::world::{Command, StopMode};
use messagebox_lab::lab::import_summary::{application_state, thousands};
use messagebox_lab::lab::saved::SavedLab;
use messagebox_lab::lab::saved_records::{join_records, plan_save, save_error_text};
use messagebox_lab::lab::{Action, Lab};

const SEA: &str = "SRV-SEA";

fn binding_file(ports: usize) -> String {
    let mut text = String::from("<BindingInfo><SendPortCollection>");
    for i in 0..ports {
        text.push_str(&format!(
            r#"<SendPort Name="SP-{i}" IsStatic="true" IsTwoWay="false"><PrimaryTransport><Address>C:\out\{i}</Address><TransportType Name="FILE" /></PrimaryTransport><Filter>&lt;Filter&gt;&lt;Group&gt;&lt;Statement Property="BTS.ReceivePortName" Operator="0" Value="RP-{i}" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter></SendPort>"#
        ));
    }
    // A property no deployed schema declares: the import keeps it as a string and warns.
    text.push_str(r#"<SendPort Name="Odd-SP" IsStatic="true" IsTwoWay="false"><Filter>&lt;Filter&gt;&lt;Group&gt;&lt;Statement Property="Acme.Region" Operator="0" Value="EU" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter></SendPort>"#);
    text + "</SendPortCollection></BindingInfo>"
}

fn import(lab: &mut Lab, ports: usize) {
    lab.apply(Action::Act(Command::ImportBindings {
        group: SEA.into(),
        application: "Acme".into(),
        text: binding_file(ports),
    }));
}

fn stop_port(name: &str) -> Command {
    Command::Administer {
        group: SEA.into(),
        owner: Owner::SendPort(name.into()),
        action: AdminAction::Stop,
    }
}

#[test]
fn a_save_writes_only_what_changed_and_the_records_join_back() {
    let mut lab = Lab::fresh(0).unwrap();
    import(&mut lab, 2_000);
    let first = plan_save(lab.saved(), &[]);
    assert_eq!(first.inputs.len(), 1);
    let written = lab.saved().inputs;
    // A click later: the 1 MB import is not written again, only the new action and the header.
    lab.apply(Action::Act(stop_port("SP-1")));
    let second = plan_save(lab.saved(), &written);
    assert_eq!(
        second.inputs.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        [1]
    );
    assert!(second.bytes() < 4_096, "{} bytes", second.bytes());
    assert!(first.bytes() > 500_000, "{} bytes", first.bytes());
    // The records join into the saved lab itself.
    let mut records: Vec<String> = first.inputs.iter().map(|(_, t)| t.clone()).collect();
    records.extend(second.inputs.iter().map(|(_, t)| t.clone()));
    let text = join_records(&second.header, &records).unwrap();
    assert_eq!(
        serde_json::from_str::<SavedLab>(&text).unwrap(),
        lab.saved()
    );
    assert!(SavedLab::restore(&text).is_ok());
}

#[test]
fn a_fork_rewrites_from_the_first_action_that_differs_and_drops_the_rest() {
    let mut lab = Lab::fresh(0).unwrap();
    lab.apply(Action::Act(stop_port("VIP-Audit-SP")));
    lab.apply(Action::Step);
    lab.apply(Action::Act(stop_port("Facilities-SP")));
    let written = lab.saved().inputs;
    // Back to the start, and another action there: the past is rewritten from index 0.
    lab.apply(Action::Seek(0));
    lab.apply(Action::Act(stop_port("HistoryUpdate-SP")));
    lab.apply(Action::Confirm);
    // The first action was taken at step 0 and stays; the second is replaced.
    let plan = plan_save(lab.saved(), &written);
    assert_eq!(plan.inputs.len(), 1);
    assert_eq!(plan.inputs[0].0, 1);
    assert!(plan.inputs[0].1.contains("HistoryUpdate-SP"));
    assert_eq!((plan.len, plan.old_len), (2, 2));
}

#[test]
fn a_header_without_actions_is_refused_and_a_full_quota_is_named() {
    assert!(join_records("{\"format\":1}", &[])
        .unwrap_err()
        .contains("no list of actions"));
    let text = save_error_text(
        "QuotaExceededError: The quota has been exceeded.",
        12 * 1_048_576,
    );
    assert!(
        text.contains("storage quota is full") && text.contains("12.0 MB"),
        "{text}"
    );
    let other = save_error_text("InvalidStateError", 2_048);
    assert!(
        other.contains("InvalidStateError") && !other.contains("quota"),
        "{other}"
    );
}

#[test]
fn an_import_says_what_it_added_or_updated_and_lists_its_warnings() {
    let mut lab = Lab::fresh(0).unwrap();
    import(&mut lab, 20);
    let s = lab.import_summary.clone().expect("a summary");
    assert_eq!((s.group.as_str(), s.application.as_str()), (SEA, "Acme"));
    assert!(s.before.is_none());
    assert_eq!(s.after.send_ports, 21);
    assert!(
        s.warnings.iter().any(|w| w.contains("Acme.Region")),
        "{:?}",
        s.warnings
    );
    let headline = s.headline();
    assert!(
        headline.starts_with("Acme was added to SRV-SEA: it holds 21 send ports"),
        "{headline}"
    );
    // The same application imported again with more ports is an update.
    import(&mut lab, 25);
    let s = lab.import_summary.clone().unwrap();
    assert_eq!(s.before.map(|b| b.send_ports), Some(21));
    assert!(
        s.headline().contains("was updated in SRV-SEA")
            && s.headline().contains("(21 send ports before)"),
        "{}",
        s.headline()
    );
    lab.apply(Action::DismissImportSummary);
    assert!(lab.import_summary.is_none());
    // A refused import leaves no summary.
    lab.apply(Action::Act(Command::ImportBindings {
        group: SEA.into(),
        application: "Broken".into(),
        text: "<BindingInfo><SendPortCollection>".into(),
    }));
    assert!(lab.import_summary.is_none());
    assert_eq!(thousands(20_000), "20,000");
    assert_eq!(thousands(999), "999");
}

#[test]
fn applications_are_started_partially_started_or_stopped_as_the_console_says() {
    let mut lab = Lab::fresh(0).unwrap();
    let state = |lab: &Lab, app: &str| {
        let g = lab.session.world.group(SEA).unwrap();
        application_state(g, g.applications.iter().find(|a| a.name == app).unwrap())
    };
    assert_eq!(state(&lab, "SRV.VipOrderApp"), "Started");
    // domain.md 10.4: BroadbandOrderManager is enlisted but stopped.
    assert_eq!(state(&lab, "SRV.BroadbandOrderApp"), "Stopped");
    lab.apply(Action::Act(stop_port("VIP-Audit-SP")));
    assert_eq!(state(&lab, "SRV.VipOrderApp"), "Partially started");
    lab.apply(Action::Act(Command::StopApplication {
        group: SEA.into(),
        application: "SRV.VipOrderApp".into(),
        mode: StopMode::Full,
    }));
    assert_eq!(state(&lab, "SRV.VipOrderApp"), "Stopped");
}
