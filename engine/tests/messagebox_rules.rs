//! The MessageBox's rules, one test each, named after the behaviour and citing domain.md.

use messagebox_engine::filter::Filter;
use messagebox_engine::message::MessageDraft;
use messagebox_engine::messagebox::{
    AdminAction, CommandError, Event, InstanceId, MessageBox, OrchestrationDef, Owner, Publisher,
    RefState, Seen, SendPortDef, SendPortGroupDef, ServiceDef, ServiceState, SubscriptionKind,
    SuspendReason, Target, ACTIVATION_PRIORITY, INSTANCE_PRIORITY, NO_SUBSCRIBERS_TEXT,
};
use messagebox_engine::property::{bpm_schema, Collation, PropertyName, Value};

const HOST: &str = "BizTalkServerApplication";

fn filter(text: &str) -> Filter {
    Filter::parse_orchestration(text, &bpm_schema()).unwrap()
}

fn manager(name: &str, mark: &str, convoy: bool) -> ServiceDef {
    ServiceDef::Orchestration(OrchestrationDef {
        name: name.into(),
        host: HOST.into(),
        bound: true,
        message_type: None,
        activation_filter: filter(&format!(
            r#"SV.Status == "ACCEPTED" && SV.OrderMgrType == "{mark}""#
        )),
        convoy: convoy.then(|| {
            ["SV.Status", "SV.CustID", "SV.OrderID"]
                .map(|n| PropertyName::parse(n).unwrap())
                .to_vec()
        }),
    })
}

fn port(name: &str, filter_text: &str) -> ServiceDef {
    ServiceDef::SendPort(SendPortDef {
        name: name.into(),
        host: HOST.into(),
        filter: if filter_text.is_empty() {
            Filter::default()
        } else {
            filter(filter_text)
        },
        priority: 5,
    })
}

fn orch(name: &str) -> Owner {
    Owner::Orchestration(name.into())
}

fn sp(name: &str) -> Owner {
    Owner::SendPort(name.into())
}

fn mb() -> MessageBox {
    MessageBox::new(bpm_schema(), Collation::default())
}

fn add(mb: &mut MessageBox, def: ServiceDef, action: Option<AdminAction>) {
    let owner = match &def {
        ServiceDef::SendPort(p) => sp(&p.name),
        ServiceDef::SendPortGroup(g) => Owner::SendPortGroup(g.name.clone()),
        ServiceDef::Orchestration(o) => orch(&o.name),
    };
    mb.add_service(def).unwrap();
    if let Some(a) = action {
        mb.administer(&owner, a).unwrap();
    }
}

fn order(cust: &str, order: &str, seq: u32, mark: &str) -> MessageDraft {
    let s = bpm_schema();
    let mut d = MessageDraft::new(format!("<Order cust='{cust}' order='{order}'/>"));
    d.promote_text(&s, "SV.Status", "ACCEPTED").unwrap();
    d.promote_text(&s, "SV.OrderMgrType", mark).unwrap();
    d.promote_text(&s, "SV.CustID", cust).unwrap();
    d.promote_text(&s, "SV.OrderID", order).unwrap();
    d.promote_text(&s, "SV.SeqNum", &seq.to_string()).unwrap();
    d
}

fn receive(fmr: bool) -> Publisher {
    Publisher::ReceivePort {
        port: "Order-RP".into(),
        failed_message_routing: fmr,
        two_way: false,
    }
}

fn delivered_to(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Delivered { owner, .. } => Some(owner.name().to_string()),
            _ => None,
        })
        .collect()
}

/// The default scenario's phase-1 subscribers (domain.md 10.4), without the stages.
fn seattle() -> MessageBox {
    let mut mb = mb();
    add(
        &mut mb,
        manager("OrderManager", "CABLEORDER", true),
        Some(AdminAction::Start),
    );
    add(
        &mut mb,
        manager("VipOrderManager", "VIPORDER", false),
        Some(AdminAction::Start),
    );
    add(
        &mut mb,
        manager("BroadbandOrderManager", "BROADBANDORDER", false),
        Some(AdminAction::Enlist),
    );
    add(
        &mut mb,
        port("VIP-Audit-SP", r#"SV.OrderMgrType == "VIPORDER""#),
        Some(AdminAction::Start),
    );
    add(
        &mut mb,
        port("BizTalkErrors-SP", "ErrorReport.ErrorType exists"),
        Some(AdminAction::Start),
    );
    mb
}

#[test]
fn a_matching_activation_subscription_creates_an_instance() {
    // domain.md 1.6 and 10.5 M1: the order marked CABLEORDER activates a new OrderManager instance.
    let mut mb = seattle();
    let (msg, events) = mb
        .publish(order("1", "1", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::Queued { owner, .. } if owner == &orch("OrderManager"))));
    let events = mb.dispatch();
    assert_eq!(delivered_to(&events), ["OrderManager"]);
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::InstanceActivated { message, .. } if *message == msg)));
}

#[test]
fn every_matching_subscriber_gets_its_own_reference() {
    // domain.md 1.10 and 10.5 M2: the VIP order reaches VipOrderManager and VIP-Audit-SP, two copies.
    let mut mb = seattle();
    let (msg, _) = mb
        .publish(order("900", "7", 1, "VIPORDER"), &receive(false))
        .unwrap();
    let refs: Vec<_> = mb.references_of(msg).collect();
    assert_eq!(refs.len(), 2);
    let mut got = delivered_to(&mb.dispatch());
    got.sort();
    assert_eq!(got, ["VIP-Audit-SP", "VipOrderManager"]);
}

#[test]
fn references_are_queued_and_delivered_in_priority_order() {
    // domain.md 1.6: 1 is highest; activation subscriptions default to 7, send ports to 5.
    let mut mb = seattle();
    let (_, events) = mb
        .publish(order("900", "7", 1, "VIPORDER"), &receive(false))
        .unwrap();
    let queued: Vec<u8> = events
        .iter()
        .filter_map(|e| match e {
            Event::Queued { priority, .. } => Some(*priority),
            _ => None,
        })
        .collect();
    assert_eq!(queued, [5, ACTIVATION_PRIORITY]);
    assert_eq!(
        delivered_to(&mb.dispatch()),
        ["VIP-Audit-SP", "VipOrderManager"]
    );
}

#[test]
fn a_stopped_subscriber_holds_its_messages_suspended_until_it_starts() {
    // domain.md 4.4 and 10.5 M6: BroadbandOrderManager is enlisted but stopped.
    let mut mb = seattle();
    let (msg, events) = mb
        .publish(order("60", "8", 1, "BROADBANDORDER"), &receive(false))
        .unwrap();
    assert!(events.iter().any(|e| matches!(e, Event::Held { .. })));
    let held = mb.references_of(msg).next().unwrap().clone();
    assert_eq!(
        held.state,
        RefState::Suspended {
            resumable: true,
            reason: SuspendReason::SubscriberStopped
        }
    );
    assert!(mb.dispatch().is_empty(), "nothing flows while stopped");
    let events = mb
        .administer(&orch("BroadbandOrderManager"), AdminAction::Start)
        .unwrap();
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::Released { reference, .. } if *reference == held.id)));
    assert_eq!(delivered_to(&mb.dispatch()), ["BroadbandOrderManager"]);
}

#[test]
fn resume_delivers_even_to_a_stopped_port() {
    // domain.md 1.12: resuming sends the message to the port even if the port is not started.
    let mut mb = mb();
    add(
        &mut mb,
        port("Archive-SP", r#"SV.Status == "ACCEPTED""#),
        Some(AdminAction::Enlist),
    );
    let (msg, _) = mb
        .publish(order("1", "1", 1, "X"), &receive(false))
        .unwrap();
    let held = mb.references_of(msg).next().unwrap().id;
    mb.resume(held).unwrap();
    assert_eq!(delivered_to(&mb.dispatch()), ["Archive-SP"]);
    assert_eq!(
        mb.state().services[&sp("Archive-SP")].state,
        ServiceState::Stopped
    );
}

#[test]
fn no_match_makes_a_routing_failure_report_and_suspends_the_message() {
    // domain.md 1.9 and 10.5 M7: a report with no body and a context snapshot, suspended non-resumable;
    // the message suspended resumable.
    let mut mb = seattle();
    let (msg, events) = mb
        .publish(order("70", "9", 1, "UNASSIGNED"), &receive(false))
        .unwrap();
    let Some(Event::RoutingFailed {
        report,
        reference,
        suspended: true,
        resumable: true,
        ..
    }) = events
        .iter()
        .find(|e| matches!(e, Event::RoutingFailed { .. }))
    else {
        panic!("no routing failure in {events:?}");
    };
    let report = &mb.state().reports[report];
    assert_eq!(report.failed_message, msg);
    assert_eq!(report.context_snapshot, *mb.message(msg).unwrap().context());
    assert_eq!(report.description, NO_SUBSCRIBERS_TEXT);
    assert_eq!(
        mb.reference(*reference).unwrap().state,
        RefState::Suspended {
            resumable: true,
            reason: SuspendReason::RoutingFailure
        }
    );
    // The report itself cannot be resumed: only its message can.
    assert!(matches!(
        mb.reference(*reference).unwrap().target,
        Target::Unrouted { .. }
    ));
}

#[test]
fn a_two_way_request_that_fails_to_route_is_suspended_non_resumable() {
    // domain.md 1.9: request messages from two-way receive ports are suspended as non-resumable.
    let mut mb = seattle();
    let publisher = Publisher::ReceivePort {
        port: "Req-RP".into(),
        failed_message_routing: false,
        two_way: true,
    };
    let (msg, _) = mb
        .publish(order("70", "9", 1, "UNASSIGNED"), &publisher)
        .unwrap();
    let r = mb.references_of(msg).next().unwrap().id;
    assert!(matches!(mb.resume(r), Err(CommandError::Refused(_))));
}

#[test]
fn failed_message_routing_publishes_an_error_message_instead_of_suspending() {
    // domain.md 1.9: with failed-message routing the message is not suspended; an error message with
    // ErrorReport.* promoted and its old properties demoted is published; the report is still made.
    let mut mb = seattle();
    let (msg, events) = mb
        .publish(order("70", "9", 1, "UNASSIGNED"), &receive(true))
        .unwrap();
    let error_message = events
        .iter()
        .find_map(|e| match e {
            Event::ErrorMessagePublished {
                failed_message,
                error_message,
                ..
            } if *failed_message == msg => Some(*error_message),
            _ => None,
        })
        .expect("an error message");
    assert_eq!(mb.state().reports.len(), 1);
    let context = mb.message(error_message).unwrap().context();
    let get = |n: &str| {
        context
            .get(&PropertyName::parse(n).unwrap())
            .unwrap()
            .clone()
    };
    assert!(get("ErrorReport.ErrorType").promoted);
    assert_eq!(
        get("ErrorReport.ErrorType").value,
        Value::string("FailedMessage")
    );
    assert_eq!(
        get("ErrorReport.ReceivePortName").value,
        Value::string("Order-RP")
    );
    assert!(
        !get("SV.OrderMgrType").promoted,
        "old promoted properties are demoted"
    );
    assert!(
        !get("ErrorReport.Description").promoted,
        "the description is not promoted"
    );
    // BizTalkErrors-SP (ErrorReport.ErrorType exists) takes it.
    assert_eq!(delivered_to(&mb.dispatch()), ["BizTalkErrors-SP"]);
    assert!(matches!(
        mb.references_of(msg).next().unwrap().state,
        RefState::Rerouted { .. }
    ));
}

#[test]
fn an_orchestration_publish_with_no_subscriber_is_refused_and_stores_nothing() {
    // domain.md 1.9: the orchestration gets a "no subscribers" exception; the message is never stored.
    let mut mb = seattle();
    let before = mb.state().clone();
    let err = mb
        .publish(
            order("70", "9", 1, "UNASSIGNED"),
            &Publisher::Orchestration {
                name: "OrderBroker".into(),
            },
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("could not be routed because no subscribers were found"),
        "{err}"
    );
    assert_eq!(mb.state(), &before);
}

#[test]
fn terminating_the_failed_message_removes_its_report() {
    // domain.md 1.9: when the failed message is terminated, its report is deleted.
    let mut mb = seattle();
    let (msg, _) = mb
        .publish(order("70", "9", 1, "UNASSIGNED"), &receive(false))
        .unwrap();
    let r = mb.references_of(msg).next().unwrap().id;
    let events = mb.terminate(r).unwrap();
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::ReportRemoved { .. })));
    assert!(mb.state().reports.is_empty());
    assert_eq!(mb.reference(r).unwrap().state, RefState::Terminated);
}

#[test]
fn resuming_a_routing_failure_after_fixing_the_subscription_delivers_it() {
    // domain.md 1.9: fix the routing, then resume the message.
    let mut mb = seattle();
    let (msg, _) = mb
        .publish(order("70", "9", 1, "UNASSIGNED"), &receive(false))
        .unwrap();
    let r = mb.references_of(msg).next().unwrap().id;
    add(
        &mut mb,
        port("Unassigned-SP", r#"SV.OrderMgrType == "UNASSIGNED""#),
        Some(AdminAction::Start),
    );
    mb.resume(r).unwrap();
    assert_eq!(mb.reference(r).unwrap().state, RefState::Republished);
    assert_eq!(delivered_to(&mb.dispatch()), ["Unassigned-SP"]);
}

#[test]
fn an_unenlisted_subscriber_has_no_subscription_so_its_orders_fail_to_route() {
    // domain.md 4.4 and 10.5 "Unenlist OrderManager": the broker's publish becomes a routing failure.
    let mut mb = seattle();
    mb.administer(&orch("OrderManager"), AdminAction::Unenlist)
        .unwrap();
    assert!(mb.activation_subscription(&orch("OrderManager")).is_none());
    let (_, events) = mb
        .publish(order("1", "1", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::RoutingFailed { .. })));
}

#[test]
fn a_convoy_set_sends_later_messages_to_the_running_instance() {
    // domain.md 1.6 and 10.5 M3/M4: the second order of customer 3, order 1 goes to instance C.
    let mut mb = seattle();
    let (_, events) = mb
        .publish(order("3", "1", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    // The set is made when the first message is routed, not when its instance runs.
    let set_for = events.iter().find_map(|e| match e {
        Event::ConvoySetCreated { instance, .. } => Some(*instance),
        _ => None,
    });
    let events = mb.dispatch();
    let instance = events
        .iter()
        .find_map(|e| match e {
            Event::InstanceActivated { instance, .. } => Some(*instance),
            _ => None,
        })
        .unwrap();
    assert_eq!(set_for, Some(instance));
    let (_, events) = mb
        .publish(order("3", "1", 2, "CABLEORDER"), &receive(false))
        .unwrap();
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::ConvoyMatched { instance: i, .. } if *i == instance)));
    let events = mb.dispatch();
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::InstanceActivated { .. })),
        "no new instance"
    );
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::Delivered { instance: Some(i), .. } if *i == instance)));
    assert_eq!(mb.state().instances[&instance].consumed.len(), 2);
    // Another order of the same customer is a new convoy.
    mb.publish(order("3", "2", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    assert!(mb
        .dispatch()
        .iter()
        .any(|e| matches!(e, Event::InstanceActivated { .. })));
}

/// The instances activated and the instance each delivery went to.
fn activations_and_deliveries(events: &[Event]) -> (Vec<InstanceId>, Vec<Option<InstanceId>>) {
    let activated = events
        .iter()
        .filter_map(|e| match e {
            Event::InstanceActivated { instance, .. } => Some(*instance),
            _ => None,
        })
        .collect();
    let delivered = events
        .iter()
        .filter_map(|e| match e {
            Event::Delivered { instance, .. } => Some(*instance),
            _ => None,
        })
        .collect();
    (activated, delivered)
}

#[test]
fn messages_of_one_convoy_routed_before_its_instance_runs_all_reach_that_instance() {
    // domain.md 1.6 (working-with-convoy-scenarios): the set exists from the first message's routing, so
    // an order and its update published together make one instance, not two (the race convoys close).
    let mut mb = seattle();
    for seq in 1..=3 {
        mb.publish(order("47", "8", seq, "CABLEORDER"), &receive(false))
            .unwrap();
    }
    let (activated, delivered) = activations_and_deliveries(&mb.dispatch());
    assert_eq!(activated.len(), 1, "one instance for the convoy");
    assert_eq!(delivered, vec![Some(activated[0]); 3]);
    assert_eq!(mb.state().instances[&activated[0]].consumed.len(), 3);
}

#[test]
fn with_the_host_stopped_the_convoys_messages_wait_and_start_one_instance() {
    // domain.md 1.6's example (the host is stopped while a patient's messages arrive) and 1.11.
    let mut mb = seattle();
    let host = mb
        .activation_subscription(&orch("OrderManager"))
        .unwrap()
        .host
        .clone();
    mb.set_host_running(&host, false);
    for seq in [1, 2] {
        mb.publish(order("47", "8", seq, "CABLEORDER"), &receive(false))
            .unwrap();
    }
    assert!(activations_and_deliveries(&mb.dispatch()).1.is_empty());
    mb.set_host_running(&host, true);
    let (activated, delivered) = activations_and_deliveries(&mb.dispatch());
    assert_eq!(activated.len(), 1);
    assert_eq!(delivered, vec![Some(activated[0]); 2]);
}

#[test]
fn a_convoy_instance_whose_only_message_is_terminated_before_it_starts_ends_with_its_set() {
    // domain.md 1.6 and 4.4: with the manager stopped its order is held for the convoy's new instance;
    // terminating that message leaves the instance nothing to start with, so it ends and its convoy
    // set goes: the next order of the convoy makes a new instance, and the manager can be unenlisted.
    let mut mb = seattle();
    mb.administer(&orch("OrderManager"), AdminAction::Stop)
        .unwrap();
    let created = |events: &[Event]| {
        events.iter().find_map(|e| match e {
            Event::ConvoySetCreated { instance, .. } => Some(*instance),
            _ => None,
        })
    };
    let (_, events) = mb
        .publish(order("47", "8", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    let first = created(&events).expect("the set is made at routing time");
    let held = events
        .iter()
        .find_map(|e| match e {
            Event::Held { reference, .. } => Some(*reference),
            _ => None,
        })
        .expect("held for the stopped manager");
    let events = mb.terminate(held).unwrap();
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::InstanceCompleted { instance } if *instance == first)));
    assert!(mb.state().convoy_sets.is_empty());
    let (_, events) = mb
        .publish(order("47", "8", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    let second = created(&events).expect("a new set for a new instance");
    assert_ne!(second, first);
    // The administrator can end the waiting instance too, and then unenlist the manager.
    let events = mb.end_unstarted(second).unwrap();
    assert!(events.iter().any(|e| matches!(e, Event::Terminated { .. })));
    mb.administer(&orch("OrderManager"), AdminAction::Unenlist)
        .expect("no instance is left running");
}

#[test]
fn after_the_instance_completes_the_same_correlation_activates_a_new_one() {
    // domain.md 10.5 M8: instance A is gone, so no convoy set matches and a new instance starts.
    let mut mb = seattle();
    mb.publish(order("1", "1", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    let a = mb.dispatch().iter().find_map(|e| match e {
        Event::InstanceActivated { instance, .. } => Some(*instance),
        _ => None,
    });
    mb.complete_instance(a.unwrap()).unwrap();
    assert!(mb.state().convoy_sets.is_empty());
    mb.publish(order("1", "1", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    assert!(mb
        .dispatch()
        .iter()
        .any(|e| matches!(e, Event::InstanceActivated { .. })));
}

#[test]
fn instance_subscriptions_have_priority_5_and_end_with_their_instance() {
    // domain.md 1.6: correlating subscriptions default to 5; they are deleted when the instance completes.
    let mut mb = seattle();
    mb.publish(order("1", "1", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    let instance = mb
        .dispatch()
        .iter()
        .find_map(|e| match e {
            Event::InstanceActivated { instance, .. } => Some(*instance),
            _ => None,
        })
        .unwrap();
    let (sub, _) = mb
        .subscribe_instance(instance, filter("SV.Stage == 1"))
        .unwrap();
    let s = &mb.state().subscriptions[&sub];
    assert_eq!(s.kind, SubscriptionKind::Instance(instance));
    assert_eq!(s.priority, INSTANCE_PRIORITY);
    let mut stage = MessageDraft::new("<Stage/>");
    stage.promote_text(&bpm_schema(), "SV.Stage", "1").unwrap();
    mb.publish(
        stage,
        &Publisher::Orchestration {
            name: "CableOrder1".into(),
        },
    )
    .unwrap();
    assert!(mb
        .dispatch()
        .iter()
        .any(|e| matches!(e, Event::Delivered { instance: Some(i), .. } if *i == instance)));
    mb.complete_instance(instance).unwrap();
    assert!(!mb.state().subscriptions.contains_key(&sub));
}

#[test]
fn the_send_port_state_machine_follows_the_docs_table() {
    // domain.md 4.4: Bound --enlist--> Stopped --start--> Started --stop--> Stopped --unenlist--> Bound;
    // start from Bound enlists first; unenlist from Started stops it; the other cells are refused.
    use AdminAction::*;
    use ServiceState::*;
    let cases = [
        (Unenlisted, Enlist, Some(Stopped)),
        (Unenlisted, Start, Some(Started)),
        (Unenlisted, Stop, None),
        (Unenlisted, Unenlist, None),
        (Stopped, Enlist, None),
        (Stopped, Start, Some(Started)),
        (Stopped, Stop, None),
        (Stopped, Unenlist, Some(Unenlisted)),
        (Started, Enlist, None),
        (Started, Start, None),
        (Started, Stop, Some(Stopped)),
        (Started, Unenlist, Some(Unenlisted)),
    ];
    for (from, action, to) in cases {
        assert_eq!(from.after(action).ok(), to, "{from} {action}");
    }
}

#[test]
fn a_refused_administrative_action_changes_nothing() {
    let mut mb = seattle();
    let before = mb.state().clone();
    assert!(mb
        .administer(&sp("VIP-Audit-SP"), AdminAction::Start)
        .is_err());
    assert!(mb
        .administer(&sp("No-Such-SP"), AdminAction::Start)
        .is_err());
    assert_eq!(mb.state(), &before);
}

#[test]
fn an_orchestration_must_be_bound_before_it_is_enlisted() {
    // domain.md 4.4.
    let mut mb = mb();
    let ServiceDef::Orchestration(mut o) = manager("OrderManager", "CABLEORDER", false) else {
        unreachable!()
    };
    o.bound = false;
    mb.add_service(ServiceDef::Orchestration(o)).unwrap();
    let err = mb
        .administer(&orch("OrderManager"), AdminAction::Enlist)
        .unwrap_err();
    assert!(err.to_string().contains("must be bound"), "{err}");
}

#[test]
fn unenlisting_an_orchestration_needs_its_running_instances_terminated_first() {
    // domain.md 4.4.
    let mut mb = seattle();
    mb.publish(order("1", "1", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    mb.dispatch();
    let err = mb
        .administer(&orch("OrderManager"), AdminAction::Unenlist)
        .unwrap_err();
    assert!(err.to_string().contains("running instance"), "{err}");
}

#[test]
fn an_enlisted_send_port_always_subscribes_to_its_own_transport() {
    // domain.md 1.6: a send port's subscription includes "my transport ID is in the context", so a
    // bound orchestration reaches it whatever its filter.
    let mut mb = mb();
    add(
        &mut mb,
        port("HistoryInsert-SP", ""),
        Some(AdminAction::Start),
    );
    let mut d = MessageDraft::new("<History/>");
    d.promote_text(&bpm_schema(), "BTS.SPTransportID", "HistoryInsert-SP")
        .unwrap();
    mb.publish(
        d,
        &Publisher::Orchestration {
            name: "OrderBroker".into(),
        },
    )
    .unwrap();
    assert_eq!(delivered_to(&mb.dispatch()), ["HistoryInsert-SP"]);
}

fn history_group(mb: &mut MessageBox) {
    add(mb, port("HistoryInsert-SP", ""), Some(AdminAction::Start));
    add(mb, port("HistoryInsert-Test-SP", ""), None);
    mb.add_service(ServiceDef::SendPortGroup(SendPortGroupDef {
        name: "HistoryInsert-SPG".into(),
        members: vec!["HistoryInsert-SP".into(), "HistoryInsert-Test-SP".into()],
        filter: Filter::default(),
    }))
    .unwrap();
}

fn to_group() -> MessageDraft {
    let mut d = MessageDraft::new("<History/>");
    d.promote_text(&bpm_schema(), "BTS.SPGroupID", "HistoryInsert-SPG")
        .unwrap();
    d
}

#[test]
fn a_send_port_group_delivers_to_its_enlisted_members_by_the_combined_state_table() {
    // domain.md 4.3 and 10.4: via the group, processed only when group and port are both started;
    // the unenlisted member (HistoryInsert-Test-SP) gets nothing.
    let mut mb = mb();
    history_group(&mut mb);
    let group = Owner::SendPortGroup("HistoryInsert-SPG".into());
    mb.administer(&group, AdminAction::Enlist).unwrap();
    // Group stopped, port started: suspended.
    let (m1, _) = mb
        .publish(
            to_group(),
            &Publisher::Orchestration {
                name: "OrderBroker".into(),
            },
        )
        .unwrap();
    assert!(matches!(
        mb.references_of(m1).next().unwrap().state,
        RefState::Suspended { .. }
    ));
    // Group started, port started: processed (and the held one flows).
    mb.administer(&group, AdminAction::Start).unwrap();
    mb.publish(
        to_group(),
        &Publisher::Orchestration {
            name: "OrderBroker".into(),
        },
    )
    .unwrap();
    assert_eq!(
        delivered_to(&mb.dispatch()),
        ["HistoryInsert-SP", "HistoryInsert-SP"]
    );
    // Group started, port stopped: suspended.
    mb.administer(&sp("HistoryInsert-SP"), AdminAction::Stop)
        .unwrap();
    let (m3, _) = mb
        .publish(
            to_group(),
            &Publisher::Orchestration {
                name: "OrderBroker".into(),
            },
        )
        .unwrap();
    assert!(matches!(
        mb.references_of(m3).next().unwrap().state,
        RefState::Suspended { .. }
    ));
}

#[test]
fn enlisting_the_test_member_doubles_what_the_group_sends() {
    // domain.md 10.5 extra toggle: enlist HistoryInsert-Test-SP and every order gets two copies.
    let mut mb = mb();
    history_group(&mut mb);
    mb.administer(
        &Owner::SendPortGroup("HistoryInsert-SPG".into()),
        AdminAction::Start,
    )
    .unwrap();
    mb.administer(&sp("HistoryInsert-Test-SP"), AdminAction::Start)
        .unwrap();
    mb.publish(
        to_group(),
        &Publisher::Orchestration {
            name: "OrderBroker".into(),
        },
    )
    .unwrap();
    assert_eq!(
        delivered_to(&mb.dispatch()),
        ["HistoryInsert-SP", "HistoryInsert-Test-SP"]
    );
}

#[test]
fn a_port_with_its_own_matching_filter_in_a_group_gets_two_copies() {
    // domain.md 1.10: a member also receives through its own subscription.
    let mut mb = mb();
    add(
        &mut mb,
        port("Audit-SP", r#"SV.Status == "ACCEPTED""#),
        Some(AdminAction::Start),
    );
    mb.add_service(ServiceDef::SendPortGroup(SendPortGroupDef {
        name: "Audit-SPG".into(),
        members: vec!["Audit-SP".into()],
        filter: filter(r#"SV.Status == "ACCEPTED""#),
    }))
    .unwrap();
    mb.administer(
        &Owner::SendPortGroup("Audit-SPG".into()),
        AdminAction::Start,
    )
    .unwrap();
    mb.publish(order("1", "1", 1, "X"), &receive(false))
        .unwrap();
    assert_eq!(delivered_to(&mb.dispatch()), ["Audit-SP", "Audit-SP"]);
}

#[test]
fn send_port_group_membership_rules() {
    // domain.md 4.3: an empty group's enlistment creates no subscription; a group needs an enlisted
    // member to start; the last enlisted member of an enlisted group cannot be unenlisted.
    let mut mb = mb();
    add(&mut mb, port("A-SP", ""), None);
    mb.add_service(ServiceDef::SendPortGroup(SendPortGroupDef {
        name: "G".into(),
        members: vec!["A-SP".into()],
        filter: Filter::default(),
    }))
    .unwrap();
    let g = Owner::SendPortGroup("G".into());
    mb.administer(&g, AdminAction::Enlist).unwrap();
    assert!(mb.activation_subscription(&g).is_none());
    assert!(mb
        .administer(&g, AdminAction::Start)
        .unwrap_err()
        .to_string()
        .contains("at least one enlisted member"));
    mb.administer(&sp("A-SP"), AdminAction::Enlist).unwrap();
    assert!(
        mb.activation_subscription(&g).is_some(),
        "the group subscribes once it has a member"
    );
    mb.administer(&g, AdminAction::Start).unwrap();
    assert!(mb
        .administer(&sp("A-SP"), AdminAction::Unenlist)
        .unwrap_err()
        .to_string()
        .contains("last enlisted member"));
}

#[test]
fn a_stopped_host_leaves_references_waiting_until_it_starts() {
    // domain.md 1.11 [inferred]: subscriptions still match; references wait (Ready to Run).
    let mut mb = seattle();
    mb.set_host_running(HOST, false);
    mb.publish(order("1", "1", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    assert!(mb.dispatch().is_empty());
    mb.set_host_running(HOST, true);
    assert_eq!(delivered_to(&mb.dispatch()), ["OrderManager"]);
}

#[test]
fn explain_names_each_predicate_with_the_value_it_saw() {
    // design.md 4 "why it routed": per subscription, group and predicate, with the actual value; a
    // written mark is reported as written, not promoted (fixture ours__R-001-written-mark_context.xml).
    let mut mb = seattle();
    let s = bpm_schema();
    let mut d = MessageDraft::new("<Order/>");
    d.promote_text(&s, "SV.Status", "ACCEPTED").unwrap();
    d.write_text(&s, "SV.OrderMgrType", "CABLEORDER").unwrap();
    let (msg, _) = mb.publish(d, &receive(false)).unwrap();
    let explained = mb.explain(msg).unwrap();
    let manager = explained
        .iter()
        .find(|e| e.owner == orch("OrderManager"))
        .unwrap();
    assert!(!manager.matched);
    let predicates = &manager.groups[0].predicates;
    assert!(predicates[0].holds);
    assert_eq!(
        predicates[0].seen,
        Seen::Promoted(Value::string("ACCEPTED"))
    );
    assert!(!predicates[1].holds);
    assert_eq!(
        predicates[1].seen,
        Seen::WrittenNotPromoted(Value::string("CABLEORDER"))
    );
    let errors = explained
        .iter()
        .find(|e| e.owner == sp("BizTalkErrors-SP"))
        .unwrap();
    assert_eq!(errors.groups[1].predicates[0].seen, Seen::Absent);
}

#[test]
fn explain_marks_what_biztalk_added_to_the_subscribers_filter() {
    // domain.md 1.6, 1.7: a send port (group) also subscribes to its own id, and an orchestration's
    // message type joins every AND-group; the explanation tells those from the user's filter.
    let mut mb = seattle();
    add(
        &mut mb,
        ServiceDef::SendPortGroup(SendPortGroupDef {
            name: "Audit-SPG".into(),
            members: vec!["VIP-Audit-SP".into()],
            filter: filter(r#"SV.OrderMgrType == "VIPORDER""#),
        }),
        Some(AdminAction::Start),
    );
    for (name, message_type, user_filter) in [
        (
            "Typed",
            "http://ns#Order",
            r#"SV.Status == "A" || SV.Status == "B""#,
        ),
        ("TypeOnly", "http://ns#Order", ""),
    ] {
        add(
            &mut mb,
            ServiceDef::Orchestration(OrchestrationDef {
                name: name.into(),
                host: HOST.into(),
                bound: true,
                message_type: Some(message_type.into()),
                activation_filter: if user_filter.is_empty() {
                    Filter::default()
                } else {
                    filter(user_filter)
                },
                convoy: None,
            }),
            Some(AdminAction::Start),
        );
    }
    let (msg, _) = mb
        .publish(order("1", "1", 1, "VIPORDER"), &receive(false))
        .unwrap();
    let explained = mb.explain(msg).unwrap();
    let of = |owner: Owner| explained.iter().find(|e| e.owner == owner).unwrap();
    let added = |owner: Owner| -> Vec<(bool, Vec<bool>)> {
        of(owner)
            .groups
            .iter()
            .map(|g| {
                (
                    g.added_by_engine,
                    g.predicates.iter().map(|p| p.added_by_engine).collect(),
                )
            })
            .collect()
    };
    // The port's transport id group is BizTalk's; the user's filter is not.
    assert_eq!(
        added(sp("VIP-Audit-SP")),
        [(true, vec![true]), (false, vec![false])]
    );
    assert_eq!(
        added(Owner::SendPortGroup("Audit-SPG".into())),
        [(true, vec![true]), (false, vec![false])]
    );
    // The message type is BizTalk's predicate in each of the user's groups; alone, the whole group.
    assert_eq!(
        added(orch("Typed")),
        [(false, vec![false, true]), (false, vec![false, true])]
    );
    assert_eq!(added(orch("TypeOnly")), [(true, vec![true])]);
    // An orchestration without a message type is all the user's.
    assert_eq!(added(orch("OrderManager")), [(false, vec![false, false])]);
}

#[test]
fn an_orchestrations_message_type_joins_every_and_group() {
    // domain.md 1.7 [inferred]: the receive's message type is added to every OR group.
    let mut mb = mb();
    mb.add_service(ServiceDef::Orchestration(OrchestrationDef {
        name: "O".into(),
        host: HOST.into(),
        bound: true,
        message_type: Some("http://ns#Order".into()),
        activation_filter: filter(r#"SV.Status == "A" || SV.Status == "B""#),
        convoy: None,
    }))
    .unwrap();
    mb.administer(&orch("O"), AdminAction::Start).unwrap();
    let sub = mb.activation_subscription(&orch("O")).unwrap();
    assert_eq!(sub.priority, ACTIVATION_PRIORITY);
    assert!(sub
        .filter
        .groups
        .iter()
        .all(|g| g.last().unwrap().property.to_string() == "BTS.MessageType"));
}

#[test]
fn the_whole_state_serialises_and_the_index_is_rebuilt() {
    // design.md 2: all engine state is serialisable; the matcher index is derived and rebuilt.
    let mut mb = seattle();
    mb.publish(order("900", "7", 1, "VIPORDER"), &receive(false))
        .unwrap();
    let json = serde_json::to_string(&mb).unwrap();
    let mut back: MessageBox = serde_json::from_str(&json).unwrap();
    assert_eq!(back, mb);
    back.publish(order("1", "1", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    mb.publish(order("1", "1", 1, "CABLEORDER"), &receive(false))
        .unwrap();
    assert_eq!(back.dispatch(), mb.dispatch());
}
