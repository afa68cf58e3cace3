//! Events carry what their readers need: each event's `kind()` is its serialised tag, its Display is one
//! English line with no debug text, and the wire event names the send port and the message it carries.

mod common;

use common::default_scenario;
use messagebox_engine::matcher::SubId;
use messagebox_engine::message::MessageId;
use messagebox_engine::messagebox::{
    Event, InstanceId, Owner, Publisher, RefId, ReportId, ServiceState, SubscriptionState,
};
use messagebox_engine::property::Value;
use messagebox_engine::scenario::Scenario;
use messagebox_engine::world::{StopMode, Traced, WorldEvent};
use std::collections::BTreeSet;

const MSG: MessageId = MessageId(12);
const INST: InstanceId = InstanceId(7);
const REF: RefId = RefId(14);

fn owner() -> Owner {
    Owner::SendPort("Audit-SP".into())
}

/// One of each MessageBox event.
fn messagebox_samples() -> Vec<Event> {
    vec![
        Event::ServiceAdded { owner: owner() },
        Event::ServiceRemoved { owner: owner() },
        Event::ServiceStateChanged {
            owner: owner(),
            from: ServiceState::Stopped,
            to: ServiceState::Started,
        },
        Event::SubscriptionCreated {
            subscription: SubId(3),
            owner: owner(),
            filter: "BTS.SPTransportID == \"Audit-SP\"".into(),
        },
        Event::SubscriptionStateChanged {
            subscription: SubId(3),
            owner: owner(),
            state: SubscriptionState::Stopped,
        },
        Event::SubscriptionRemoved {
            subscription: SubId(3),
            owner: owner(),
        },
        Event::HostStateChanged {
            host: "BizTalkServerApplication".into(),
            running: false,
        },
        Event::Published {
            message: MSG,
            publisher: Publisher::ReceivePort {
                port: "Order-RP".into(),
                failed_message_routing: false,
                two_way: false,
            },
        },
        Event::Evaluated {
            message: MSG,
            matched: vec![SubId(3), SubId(4)],
        },
        Event::Queued {
            reference: REF,
            message: MSG,
            owner: owner(),
            host: "H".into(),
            priority: 5,
        },
        Event::Held {
            reference: REF,
            message: MSG,
            owner: owner(),
            host: "H".into(),
        },
        Event::Released {
            reference: REF,
            owner: owner(),
        },
        Event::Delivered {
            reference: REF,
            message: MSG,
            owner: owner(),
            instance: Some(INST),
        },
        Event::InstanceActivated {
            instance: INST,
            owner: Owner::Orchestration("OrderManager".into()),
            message: MSG,
        },
        Event::ConvoySetCreated {
            instance: INST,
            subscription: SubId(3),
            values: vec![Value::string("C-1"), Value::Int(2)],
        },
        Event::ConvoyMatched {
            reference: REF,
            instance: INST,
        },
        Event::InstanceCompleted { instance: INST },
        Event::RoutingFailed {
            message: MSG,
            reference: REF,
            report: ReportId(2),
            suspended: true,
            resumable: false,
        },
        Event::ErrorMessagePublished {
            failed_message: MSG,
            error_message: MessageId(13),
            report: ReportId(2),
        },
        Event::ActivationLoopDetected {
            reference: REF,
            message: MSG,
            owner: Owner::Orchestration("OrderBroker".into()),
        },
        Event::CommandRefused {
            reason: "no such port".into(),
        },
        Event::Resumed { reference: REF },
        Event::Terminated { reference: REF },
        Event::ReportRemoved {
            report: ReportId(2),
        },
    ]
}

/// One of each world event besides the MessageBox's.
fn world_samples() -> Vec<WorldEvent> {
    let port = || "SEA-To-DUB-CableOrder-SP".to_string();
    vec![
        WorldEvent::Received {
            location: "Order-RP-TestRL".into(),
            message: MSG,
        },
        WorldEvent::FilterChanged {
            owner: owner(),
            filter: "SV.Status == \"ACCEPTED\"".into(),
        },
        WorldEvent::ReceiveLocationChanged {
            location: "Order-RP-TestRL".into(),
            enabled: false,
        },
        WorldEvent::InstanceStarted {
            instance: INST,
            orchestration: "OrderManager".into(),
        },
        WorldEvent::Consumed {
            instance: INST,
            port: "OrderMgrPort".into(),
            message: MSG,
        },
        WorldEvent::Sent {
            instance: INST,
            port: "OrderMgrPort".into(),
            message: MSG,
        },
        WorldEvent::Waiting { instance: INST },
        WorldEvent::Dehydrated { instance: INST },
        WorldEvent::Rehydrated { instance: INST },
        WorldEvent::ExceptionThrown {
            instance: INST,
            exception: "DeliveryFailureException".into(),
            detail: "the facilities system is down".into(),
        },
        WorldEvent::ExceptionCaught {
            instance: INST,
            exception: "DeliveryFailureException".into(),
            scope: "Retry".into(),
        },
        WorldEvent::InstanceSuspended {
            instance: INST,
            resumable: true,
            error: "no subscriber".into(),
        },
        WorldEvent::InstanceResumed { instance: INST },
        WorldEvent::InstanceCompleted {
            instance: INST,
            status: Some("COMPLETED".into()),
        },
        WorldEvent::InstanceTerminated {
            instance: INST,
            reason: "by the administrator".into(),
        },
        WorldEvent::Logged {
            instance: INST,
            text: "order accepted".into(),
        },
        WorldEvent::Discarded {
            instance: INST,
            message: MSG,
        },
        WorldEvent::TransmitAttempt {
            transmission: INST,
            port: port(),
            message: MSG,
            endpoint: "http://dub/orders".into(),
            attempt: 2,
            backup: true,
        },
        WorldEvent::Transmitted {
            transmission: INST,
            port: port(),
            message: MSG,
            endpoint: "http://dub/orders".into(),
        },
        WorldEvent::TransmitFailed {
            transmission: INST,
            port: port(),
            endpoint: "http://dub/orders".into(),
            retry_at: Some(65_250),
        },
        WorldEvent::MovedToBackup {
            transmission: INST,
            port: port(),
        },
        WorldEvent::TransmissionSuspended {
            transmission: INST,
            port: port(),
            message: MSG,
            resumable: true,
        },
        WorldEvent::AckDiscarded { port: port() },
        WorldEvent::EndpointChanged {
            endpoint: "http://dub/orders".into(),
            available: false,
        },
        WorldEvent::ResponderChanged {
            responder: "Facilities".into(),
            running: false,
        },
        WorldEvent::ResponderReplied {
            responder: "Facilities".into(),
        },
        WorldEvent::ConfigChanged {
            key: "retries".into(),
        },
        WorldEvent::WireSent {
            port: port(),
            message: MSG,
            to: "SRV-DUB".into(),
            location: "DUB-FromSEA-CableOrder-RL".into(),
            arrives_at: 1_150,
        },
        WorldEvent::LinkChanged {
            a: "SRV-SEA".into(),
            b: "SRV-DUB".into(),
            up: false,
        },
        WorldEvent::ApplicationImported {
            application: "CableOrders".into(),
        },
        WorldEvent::ApplicationStarted {
            application: "CableOrders".into(),
        },
        WorldEvent::ApplicationStopped {
            application: "CableOrders".into(),
            mode: StopMode::Suspend,
        },
        WorldEvent::ApplicationRemoved {
            application: "CableOrders".into(),
        },
        WorldEvent::BridgeCreated {
            send_port: port(),
            to: "SRV-DUB".into(),
            receive_port: "DUB-FromSEA-CableOrder-RP".into(),
        },
        WorldEvent::Warning {
            text: "OrderManager is enlisted in both groups".into(),
        },
    ]
}

/// Every event of both lists, the MessageBox's wrapped as the world hands them out.
fn all_samples() -> Vec<WorldEvent> {
    messagebox_samples()
        .into_iter()
        .map(|event| WorldEvent::MessageBox { event })
        .chain(world_samples())
        .collect()
}

/// A distinct number per variant. Adding a variant breaks this match, which is the reminder to add a
/// sample above.
fn variant(e: &WorldEvent) -> usize {
    match e {
        WorldEvent::MessageBox { event } => match event {
            Event::ServiceAdded { .. } => 0,
            Event::ServiceRemoved { .. } => 1,
            Event::ServiceStateChanged { .. } => 2,
            Event::SubscriptionCreated { .. } => 3,
            Event::SubscriptionStateChanged { .. } => 4,
            Event::SubscriptionRemoved { .. } => 5,
            Event::HostStateChanged { .. } => 6,
            Event::Published { .. } => 7,
            Event::Evaluated { .. } => 8,
            Event::Queued { .. } => 9,
            Event::Held { .. } => 10,
            Event::Released { .. } => 11,
            Event::Delivered { .. } => 12,
            Event::InstanceActivated { .. } => 13,
            Event::ConvoySetCreated { .. } => 14,
            Event::ConvoyMatched { .. } => 15,
            Event::InstanceCompleted { .. } => 16,
            Event::RoutingFailed { .. } => 17,
            Event::ErrorMessagePublished { .. } => 18,
            Event::ActivationLoopDetected { .. } => 19,
            Event::CommandRefused { .. } => 20,
            Event::Resumed { .. } => 21,
            Event::Terminated { .. } => 22,
            Event::ReportRemoved { .. } => 23,
        },
        WorldEvent::Received { .. } => 24,
        WorldEvent::FilterChanged { .. } => 25,
        WorldEvent::ReceiveLocationChanged { .. } => 26,
        WorldEvent::InstanceStarted { .. } => 27,
        WorldEvent::Consumed { .. } => 28,
        WorldEvent::Sent { .. } => 29,
        WorldEvent::Waiting { .. } => 30,
        WorldEvent::Dehydrated { .. } => 31,
        WorldEvent::Rehydrated { .. } => 32,
        WorldEvent::ExceptionThrown { .. } => 33,
        WorldEvent::ExceptionCaught { .. } => 34,
        WorldEvent::InstanceSuspended { .. } => 35,
        WorldEvent::InstanceResumed { .. } => 36,
        WorldEvent::InstanceCompleted { .. } => 37,
        WorldEvent::InstanceTerminated { .. } => 38,
        WorldEvent::Logged { .. } => 39,
        WorldEvent::Discarded { .. } => 40,
        WorldEvent::TransmitAttempt { .. } => 41,
        WorldEvent::Transmitted { .. } => 42,
        WorldEvent::TransmitFailed { .. } => 43,
        WorldEvent::MovedToBackup { .. } => 44,
        WorldEvent::TransmissionSuspended { .. } => 45,
        WorldEvent::AckDiscarded { .. } => 46,
        WorldEvent::EndpointChanged { .. } => 47,
        WorldEvent::ResponderChanged { .. } => 48,
        WorldEvent::ResponderReplied { .. } => 49,
        WorldEvent::ConfigChanged { .. } => 50,
        WorldEvent::WireSent { .. } => 51,
        WorldEvent::LinkChanged { .. } => 52,
        WorldEvent::ApplicationImported { .. } => 53,
        WorldEvent::ApplicationStarted { .. } => 54,
        WorldEvent::ApplicationStopped { .. } => 55,
        WorldEvent::ApplicationRemoved { .. } => 56,
        WorldEvent::BridgeCreated { .. } => 57,
        WorldEvent::Warning { .. } => 58,
    }
}

/// The tag serde writes: `kind`, or for a MessageBox event the inner `event`.
fn serde_tag(e: &WorldEvent) -> String {
    let json = serde_json::to_value(e).unwrap();
    let tag = match e {
        WorldEvent::MessageBox { .. } => &json["event"]["event"],
        _ => &json["kind"],
    };
    tag.as_str().unwrap().to_string()
}

/// A line a learner can read: one line, and no struct or tuple debug text.
fn assert_readable(e: &WorldEvent) {
    let line = e.to_string();
    assert!(!line.is_empty(), "{}: empty line", e.kind());
    for debug in [
        "{",
        "}",
        "RefId(",
        "MessageId(",
        "InstanceId(",
        "SubId(",
        "Some(",
        "\n",
    ] {
        assert!(!line.contains(debug), "{}: {debug:?} in {line:?}", e.kind());
    }
}

#[test]
fn the_samples_cover_every_variant() {
    let covered: BTreeSet<usize> = all_samples().iter().map(variant).collect();
    assert_eq!(covered, (0..=58).collect());
}

#[test]
fn kind_is_the_serialised_tag_of_every_variant() {
    for e in all_samples() {
        assert_eq!(e.kind(), serde_tag(&e));
    }
    for event in messagebox_samples() {
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(event.kind(), json["event"].as_str().unwrap());
    }
}

#[test]
fn every_sample_reads_as_one_english_line() {
    for e in all_samples() {
        assert_readable(&e);
    }
    let line = |kind: &str| {
        all_samples()
            .into_iter()
            .find(|e| e.kind() == kind)
            .unwrap()
            .to_string()
    };
    assert_eq!(
        line("published"),
        "message #12 published by receive port Order-RP"
    );
    assert_eq!(
        line("held"),
        "message #12 held for send port Audit-SP, which is stopped (copy 14)"
    );
    assert_eq!(line("resumed"), "copy 14 resumed");
    assert_eq!(
        line("wireSent"),
        "send port SEA-To-DUB-CableOrder-SP put message #12 on the wire to SRV-DUB / \
         DUB-FromSEA-CableOrder-RL, arriving at 00:01.150"
    );
}

fn run(scenario: &Scenario, until: u64) -> Vec<Traced> {
    let mut world = scenario.build().unwrap();
    world.advance_to(until)
}

#[test]
fn every_event_of_the_default_run_reads_as_one_english_line_with_its_tag_as_kind() {
    let trace = run(&default_scenario(), 92_000);
    assert!(trace.len() > 500);
    for t in &trace {
        assert_readable(&t.event);
        assert_eq!(t.event.kind(), serde_tag(&t.event));
    }
}

#[test]
fn the_wire_event_names_the_send_port_that_transmitted_and_the_message() {
    let split = Scenario::from_shipped(include_str!("../../scenarios/split-groups.json")).unwrap();
    let trace = run(&split, 92_000);
    let wires: Vec<&Traced> = trace
        .iter()
        .filter(|t| matches!(t.event, WorldEvent::WireSent { .. }))
        .collect();
    assert!(!wires.is_empty(), "the split scenario bridges orders");
    for wire in wires {
        assert_readable(&wire.event);
        let WorldEvent::WireSent { port, message, .. } = &wire.event else {
            unreachable!()
        };
        let transmitted = trace.iter().any(|t| {
            t.group == wire.group
                && matches!(&t.event, WorldEvent::Transmitted { port: p, message: m, .. }
                    if p == port && m == message)
        });
        assert!(transmitted, "{}", wire.event);
    }
}
