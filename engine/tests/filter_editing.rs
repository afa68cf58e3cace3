//! The filter editor's Apply (`Command::SetFilter`): the subscription follows the new filter, keeps its
//! state, and a filter the schema refuses changes nothing.

mod common;

use common::*;
use messagebox_engine::messagebox::{Owner, SubscriptionState};
use messagebox_engine::world::{Command, ExceptionKind, WorldEvent};

fn set_filter(owner: Owner, filter: &str) -> Command {
    Command::SetFilter {
        group: SEA.into(),
        owner,
        filter: filter.into(),
    }
}

fn activated(world: &Recorded, name: &str) -> usize {
    world
        .trace()
        .iter()
        .filter(|t| {
            matches!(&t.event, WorldEvent::InstanceStarted { orchestration, .. } if orchestration == name)
        })
        .count()
}

fn routing_failures(world: &Recorded) -> usize {
    world
        .trace()
        .iter()
        .filter(|t| {
            matches!(&t.event, WorldEvent::ExceptionThrown { exception, .. } if *exception == ExceptionKind::RoutingFailure)
        })
        .count()
}

#[test]
fn a_manager_whose_filter_no_longer_matches_gets_nothing_and_gets_orders_again_when_restored() {
    let mut w = default_scenario_without_script();
    let manager = owner("OrderManager");
    w.apply(set_filter(
        manager.clone(),
        r#"SV.Status == "ACCEPTED" && SV.OrderMgrType == "SOMEONE_ELSE""#,
    ))
    .unwrap();
    let sub = sea(&w)
        .messagebox
        .activation_subscription(&manager)
        .expect("still subscribed");
    assert_eq!(sub.state, SubscriptionState::Started);
    assert!(sub.filter.to_rows_text().contains("SOMEONE_ELSE"));

    w.apply(order("R-1", "1", "1", 1, "NS", "NEW")).unwrap();
    w.advance_to(1_000);
    assert_eq!(activated(&w, "OrderManager"), 0);
    // An orchestration's publish with no subscriber is an exception in the broker (domain.md 1.9).
    assert_eq!(
        routing_failures(&w),
        1,
        "the marked order had no subscriber"
    );

    // The rows notation is accepted too.
    w.apply(set_filter(
        manager,
        "SV.Status|==|ACCEPTED|And\nSV.OrderMgrType|==|CABLEORDER|And",
    ))
    .unwrap();
    w.apply(order("R-2", "2", "1", 1, "NS", "NEW")).unwrap();
    w.advance_to(2_000);
    assert_eq!(activated(&w, "OrderManager"), 1);
}

#[test]
fn a_refused_filter_leaves_the_world_unchanged() {
    let mut w = default_scenario_without_script();
    let before = w.clone();
    let err = w
        .apply(set_filter(owner("OrderManager"), "SV.NoSuchProperty == 1"))
        .unwrap_err();
    assert!(err.to_string().contains("NoSuchProperty"), "{err}");
    assert_eq!(w, before);
}

#[test]
fn a_send_port_filter_edit_is_kept_in_its_configuration() {
    let mut w = default_scenario_without_script();
    let port = sea(&w).send_ports.keys().next().unwrap().clone();
    w.apply(set_filter(
        Owner::SendPort(port.clone()),
        r#"SV.CustID == "42""#,
    ))
    .unwrap();
    assert_eq!(sea(&w).send_ports[&port].filter, r#"SV.CustID == "42""#);
}

fn default_scenario_without_script() -> Recorded {
    record(scenario_with(vec![]).build().unwrap())
}
