//! Publishing a message the user brings: a saved context (and optional body) routed by a group's
//! MessageBox like any message (domain.md 1.8), with routing failures (1.9) and copies (1.10) as for an
//! order, and bad input refused with its line, changing nothing.

mod common;

use common::*;
use messagebox_engine::messagebox::{Event, Owner};
use messagebox_engine::property::BPM_XML_NAMESPACE;
use messagebox_engine::world::{Command, Traced, WorldEvent};

const SYSTEM: &str = "http://schemas.microsoft.com/BizTalk/2003/system-properties";

fn context(rows: &[(&str, &str, &str)]) -> String {
    let rows: String = rows
        .iter()
        .map(|(ns, name, value)| {
            format!(
                r#"<Property Name="{name}" Namespace="{ns}" Value="{value}" Promoted="true" />"#
            )
        })
        .collect();
    format!("<MessageInfo><ContextInfo>{rows}</ContextInfo></MessageInfo>")
}

fn marked(mark: &str) -> String {
    context(&[
        (BPM_XML_NAMESPACE, "Status", "ACCEPTED"),
        (BPM_XML_NAMESPACE, "OrderMgrType", mark),
    ])
}

fn publish(context: String) -> Command {
    Command::PublishContext {
        group: SEA.into(),
        context,
        body: None,
    }
}

fn deliveries(events: &[Traced]) -> Vec<Owner> {
    events
        .iter()
        .filter_map(|t| match &t.event {
            WorldEvent::MessageBox {
                event: Event::Delivered { owner, .. } | Event::Held { owner, .. },
            } => Some(owner.clone()),
            _ => None,
        })
        .collect()
}

fn world() -> Recorded {
    run(&scenario_with(vec![]), 0)
}

/// The events of publishing `command` and of the dispatch that follows.
fn publish_and_dispatch(w: &mut Recorded, command: Command) -> Vec<Traced> {
    let mut events = w.apply(command).expect("published");
    let now = w.world.now();
    events.extend(w.advance_to(now + 60_000));
    events
}

#[test]
fn a_vip_context_reaches_the_audit_port_but_not_the_orchestration_without_its_message_type() {
    // domain.md 10.4: VIP-Audit-SP filters on the mark alone; VipOrderManager's activation subscription
    // also carries the receive's message type (1.6), which this context does not promote.
    let mut w = world();
    let events = publish_and_dispatch(&mut w, publish(marked("VIPORDER")));
    let owners: Vec<String> = deliveries(&events).iter().map(|o| o.to_string()).collect();
    assert_eq!(owners.len(), 1, "{owners:?}");
    assert!(owners[0].contains("VIP-Audit-SP"), "{owners:?}");
}

#[test]
fn a_context_no_subscriber_matches_is_a_routing_failure() {
    // domain.md 10.5 M7 and 1.9: UNASSIGNED has no subscriber.
    let mut w = world();
    let events = w.apply(publish(marked("UNASSIGNED"))).expect("published");
    assert!(deliveries(&events).is_empty());
    assert!(events.iter().any(|t| matches!(
        t.event,
        WorldEvent::MessageBox {
            event: Event::RoutingFailed { .. }
        }
    )));
}

#[test]
fn a_context_from_a_receive_port_of_the_group_is_received_at_its_location() {
    let mut w = world();
    let mut rows = vec![(SYSTEM, "ReceivePortName", "Order-RP")];
    rows.push((BPM_XML_NAMESPACE, "Status", "ACCEPTED"));
    rows.push((BPM_XML_NAMESPACE, "OrderMgrType", "VIPORDER"));
    let events = w.apply(publish(context(&rows))).expect("published");
    assert!(events.iter().any(|t| matches!(
        &t.event,
        WorldEvent::Received { location, .. } if location == "Order-RP-TestRL"
    )));
}

#[test]
fn properties_of_schemas_the_group_lacks_are_kept_in_the_context() {
    let mut w = world();
    let mut rows = vec![("https://Acme.Schemas.PropertySchema", "Region", "EU")];
    rows.push((BPM_XML_NAMESPACE, "OrderMgrType", "UNASSIGNED"));
    let before = sea(&w).messagebox.schema().len();
    let events = w.apply(publish(context(&rows))).expect("published");
    let message = events
        .iter()
        .find_map(|t| match &t.event {
            WorldEvent::MessageBox {
                event: Event::RoutingFailed { message, .. },
            } => Some(*message),
            _ => None,
        })
        .expect("routing failure");
    let kept = sea(&w).messagebox.message(message).expect("kept");
    assert!(
        kept.context()
            .iter()
            .any(|(n, p)| n.to_string().ends_with(".Region") && p.value.to_string() == "EU"),
        "{:?}",
        kept.context()
    );
    assert!(sea(&w).messagebox.schema().len() > before);
}

#[test]
fn a_bad_context_is_refused_with_its_line_and_changes_nothing() {
    let mut w = world();
    let before = w.world.clone();
    let bad =
        "<MessageInfo>\n<ContextInfo>\n<Property Name=\"Status\" />\n</ContextInfo></MessageInfo>";
    let error = w.apply(publish(bad.into())).unwrap_err().to_string();
    assert!(error.contains("line 3"), "{error}");
    assert!(error.contains("Name and Namespace"), "{error}");
    assert_eq!(w.world, before);
    let typed = context(&[(BPM_XML_NAMESPACE, "SeqNum", "two")]);
    let error = w.apply(publish(typed)).unwrap_err().to_string();
    assert!(error.contains("SV.SeqNum"), "{error}");
    assert_eq!(w.world, before);
}

#[test]
fn the_command_reads_back_from_json_with_and_without_a_body() {
    for body in [None, Some("<Order/>".to_string())] {
        let command = Command::PublishContext {
            group: SEA.into(),
            context: marked("VIPORDER"),
            body,
        };
        let text = serde_json::to_string(&command).unwrap();
        assert!(text.starts_with("{\"do\":\"publishContext\""), "{text}");
        assert_eq!(serde_json::from_str::<Command>(&text).unwrap(), command);
    }
}

#[test]
fn a_burst_of_a_thousand_published_contexts_all_route() {
    // Arriving together: every one is published at the same virtual time, and each gets its copies.
    let mut w = world();
    let mut events = Vec::new();
    for i in 0..1000 {
        let mark = if i % 2 == 0 { "VIPORDER" } else { "UNASSIGNED" };
        events.extend(w.apply(publish(marked(mark))).expect("published"));
    }
    events.extend(w.advance_to(w.world.now() + 60_000));
    let delivered = deliveries(&events).len();
    let failures = events
        .iter()
        .filter(|t| {
            matches!(
                t.event,
                WorldEvent::MessageBox {
                    event: Event::RoutingFailed { .. }
                }
            )
        })
        .count();
    assert_eq!((delivered, failures), (500, 500));
}
