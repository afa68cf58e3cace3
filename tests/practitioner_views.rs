//! The debugger's inputs and the subscription query, natively: states read with their line, the answer
//! kept in the lab (and never saved with the run), a published context shown on the canvas, and the query
//! filtering and sorting a group of the default scenario and one of 20,000 imported send ports.

use messagebox_engine::messagebox::ServiceState;
use messagebox_engine::property::BPM_XML_NAMESPACE;
use messagebox_engine::world::Command;
use messagebox_lab::lab::debugger_form::{parse_states, DebuggerEdit};
use messagebox_lab::lab::subscription_query::{query, Column, Query, Scope, ROWS_SHOWN};
use messagebox_lab::lab::{Action, Effect, Lab, Selection, Tab};

const SEA: &str = "SRV-SEA";

fn context(mark: &str) -> String {
    format!(
        r#"<MessageInfo><ContextInfo><Property Name="Status" Namespace="{BPM_XML_NAMESPACE}" Value="ACCEPTED" Promoted="true" /><Property Name="OrderMgrType" Namespace="{BPM_XML_NAMESPACE}" Value="{mark}" Promoted="true" /></ContextInfo></MessageInfo>"#
    )
}

/// `ports` send ports, port i filtering on receive port `RP-(i % 100)`.
fn binding_file(ports: usize) -> String {
    let mut text = String::from("<BindingInfo><SendPortCollection>");
    for i in 0..ports {
        text.push_str(&format!(
            r#"<SendPort Name="SP-{i}" IsStatic="true" IsTwoWay="false"><PrimaryTransport><Address>C:\out\{i}</Address><TransportType Name="FILE" /></PrimaryTransport><Filter>&lt;Filter&gt;&lt;Group&gt;&lt;Statement Property="BTS.ReceivePortName" Operator="0" Value="RP-{}" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter></SendPort>"#,
            i % 100
        ));
    }
    text + "</SendPortCollection></BindingInfo>"
}

#[test]
fn subscriber_states_are_read_one_per_line_and_errors_name_the_line() {
    let states =
        parse_states("# what-if\nBilling-SP = Stopped\n\n  Archive-SP=unenlisted ").unwrap();
    assert_eq!(
        states,
        [
            ("Billing-SP".to_string(), ServiceState::Stopped),
            ("Archive-SP".to_string(), ServiceState::Unenlisted)
        ]
    );
    let e = parse_states("A = Started\nB Stopped").unwrap_err();
    assert!(e.contains("line 2") && e.contains("no `=`"), "{e}");
    let e = parse_states("A = Sleeping").unwrap_err();
    assert!(
        e.contains("line 1") && e.contains("`Sleeping` is not a state"),
        "{e}"
    );
}

#[test]
fn the_debugger_answers_in_the_lab_without_saving_and_says_what_is_missing() {
    let mut lab = Lab::fresh(0).unwrap();
    let effects = lab.apply(Action::Debugger(DebuggerEdit::Explain));
    assert!(
        !effects.contains(&Effect::Save),
        "debugger edits are not saved with the run"
    );
    let error = lab.debugger.answer.clone().unwrap().unwrap_err();
    assert!(error.contains("binding file: none given"), "{error}");
    lab.apply(Action::Debugger(DebuggerEdit::BindingsFile(
        "acme.xml".into(),
        binding_file(300),
    )));
    lab.apply(Action::Debugger(DebuggerEdit::Context(
        r#"<MessageInfo><ContextInfo><Property Name="ReceivePortName" Namespace="http://schemas.microsoft.com/BizTalk/2003/system-properties" Value="RP-7" Promoted="true" /></ContextInfo></MessageInfo>"#
            .to_string(),
    )));
    lab.apply(Action::Debugger(DebuggerEdit::States(
        "SP-107 = Stopped".into(),
    )));
    lab.apply(Action::Debugger(DebuggerEdit::Explain));
    let answer = lab.debugger.answer.clone().unwrap().unwrap();
    let ranked = answer.ranked("");
    // SP-7, SP-107 and SP-207 listen to RP-7 (domain.md 1.8); SP-107 is stopped, so its copy is held.
    let matched: Vec<&str> = ranked.matched.iter().map(|s| s.owner.name()).collect();
    assert_eq!(matched, ["SP-7", "SP-107", "SP-207"]);
    assert_eq!(ranked.near_misses.len(), 297);
    assert_eq!(
        answer.verdict.deliveries.iter().filter(|d| d.held).count(),
        1
    );
    // The inputs survive a trip to the canvas and back.
    lab.apply(Action::Tab(Tab::Inspector));
    lab.apply(Action::Tab(Tab::Debugger));
    assert_eq!(lab.debugger.bindings_from.as_deref(), Some("acme.xml"));
    assert!(lab.debugger.answer.as_ref().unwrap().is_ok());
    // A bad states line is the answer's error, naming the line.
    lab.apply(Action::Debugger(DebuggerEdit::States(
        "ok = Started\nbad".into(),
    )));
    lab.apply(Action::Debugger(DebuggerEdit::Explain));
    let error = lab.debugger.answer.clone().unwrap().unwrap_err();
    assert!(error.contains("subscriber states, line 2"), "{error}");
}

#[test]
fn a_published_context_brings_the_canvas_back_on_its_message() {
    let mut lab = Lab::fresh(0).unwrap();
    lab.apply(Action::Tab(Tab::Debugger));
    lab.apply(Action::Debugger(DebuggerEdit::Context(context("VIPORDER"))));
    let command = lab
        .debugger
        .publish_command(SEA)
        .expect("a context is given");
    assert!(matches!(
        &command,
        Command::PublishContext { body: None, .. }
    ));
    let effects = lab.apply(Action::Act(command));
    assert!(
        effects.contains(&Effect::Save),
        "a publish is an action of the run"
    );
    assert_eq!(lab.tab, Tab::Inspector);
    assert!(!lab.tab.is_wide());
    let Some(Selection::Message { group, id }) = lab.selection.clone() else {
        panic!("the message is selected: {:?}", lab.selection);
    };
    assert_eq!(group, SEA);
    let notice = lab.notice.clone().unwrap();
    assert!(
        !notice.error && notice.text.contains(&format!("as message {id}")),
        "{}",
        notice.text
    );
    // It is in the run's inputs, so a reload replays it.
    assert!(matches!(
        lab.session.inputs().last().map(|i| &i.command),
        Some(Command::PublishContext { .. })
    ));
}

#[test]
fn a_refused_context_changes_nothing_and_says_why() {
    let mut lab = Lab::fresh(0).unwrap();
    let inputs = lab.session.inputs().len();
    lab.apply(Action::Act(Command::PublishContext {
        group: SEA.into(),
        context: "<MessageInfo><Property Name=\"x\" /></MessageInfo>".into(),
        body: None,
    }));
    let notice = lab.notice.clone().unwrap();
    assert!(
        notice.error && notice.text.contains("Name and Namespace"),
        "{}",
        notice.text
    );
    assert_eq!(lab.session.inputs().len(), inputs);
}

#[test]
fn the_query_filters_by_service_property_or_value_and_sorts_by_column() {
    let lab = Lab::fresh(0).unwrap();
    let sea = lab.session.world.group(SEA).unwrap();
    let all = query(sea, &Query::default());
    assert_eq!(all.matched, all.total);
    // domain.md 10.4: the three managers and the VIP audit port filter on OrderMgrType.
    let by_property = query(
        sea,
        &Query {
            search: "ordermgrtype".into(),
            scope: Scope::Property,
            ..Default::default()
        },
    );
    let mut names: Vec<&str> = by_property
        .rows
        .iter()
        .map(|r| r.service.as_str())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "BroadbandOrderManager",
            "OrderManager",
            "VIP-Audit-SP",
            "VipOrderManager"
        ]
    );
    let by_value = query(
        sea,
        &Query {
            search: "VIPORDER".into(),
            scope: Scope::Value,
            ..Default::default()
        },
    );
    assert_eq!(by_value.matched, 2);
    let by_service = query(
        sea,
        &Query {
            search: "audit".into(),
            scope: Scope::Service,
            ..Default::default()
        },
    );
    let audit = &by_service.rows[0];
    assert_eq!(audit.service, "VIP-Audit-SP");
    // The port's own-id group is BizTalk's, apart from the user's filter; values keep their quotes.
    assert_eq!(
        audit.filter,
        [vec![r#"SV.OrderMgrType == "VIPORDER""#.to_string()]]
    );
    assert_eq!(audit.added, [r#"BTS.SPTransportID == "VIP-Audit-SP""#]);
    let manager = all
        .rows
        .iter()
        .find(|r| r.service == "OrderManager")
        .unwrap();
    assert_eq!(manager.filter.len(), 1);
    assert!(
        manager.added[0].starts_with("BTS.MessageType == "),
        "{:?}",
        manager.added
    );
    // Sorting by a column, and the same column again reverses it.
    let q = Query::default().sorted_by(Column::Service);
    let sorted = query(sea, &q);
    let names: Vec<String> = sorted
        .rows
        .iter()
        .map(|r| r.service.to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    let reversed = query(sea, &q.sorted_by(Column::Service));
    assert_eq!(
        reversed.rows.first().map(|r| &r.service),
        sorted.rows.last().map(|r| &r.service)
    );
}

#[test]
fn a_group_of_20000_imported_ports_is_queried_with_the_rows_shown_capped() {
    let mut lab = Lab::fresh(0).unwrap();
    lab.apply(Action::Act(Command::ImportBindings {
        group: SEA.into(),
        application: "Acme".into(),
        text: binding_file(20_000),
    }));
    assert!(
        lab.notice.as_ref().is_none_or(|n| !n.error),
        "{:?}",
        lab.notice
    );
    let sea = lab.session.world.group(SEA).unwrap();
    let all = query(sea, &Query::default());
    assert!(all.total > 20_000);
    assert_eq!(all.rows.len(), ROWS_SHOWN);
    // Fitted, the group is far too tall to read: its ports are one stack with their count.
    let drawn_ports = |lab: &Lab| {
        let layout = lab.layout();
        let region = layout.region(SEA).unwrap().clone();
        let drawn = layout
            .nodes
            .iter()
            .filter(|n| n.group == SEA && (n.key.contains("|sp|") || n.key.contains("|spg|")))
            .count();
        (drawn, region)
    };
    let (drawn, region) = drawn_ports(&lab);
    assert!(drawn <= messagebox_lab::lab::layout::PORTS_DRAWN);
    assert!(region.stacked > 19_000, "{}", region.stacked);
    // Zoomed in to read them, the canvas draws at most PORTS_DRAWN and says how many more there are.
    lab.apply(Action::Zoom(1.0));
    let (drawn, region) = drawn_ports(&lab);
    assert_eq!(drawn, messagebox_lab::lab::layout::PORTS_DRAWN);
    assert!(
        region.ports_not_drawn > 19_000,
        "{}",
        region.ports_not_drawn
    );
    let sea = lab.session.world.group(SEA).unwrap();
    let one_port = query(
        sea,
        &Query {
            search: "RP-42".into(),
            scope: Scope::Value,
            ..Default::default()
        },
    );
    assert_eq!(one_port.matched, 200);
    assert!(one_port
        .rows
        .iter()
        .all(|r| r.filter[0][0] == r#"BTS.ReceivePortName == "RP-42""#));
}
