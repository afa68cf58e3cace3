//! What the screen says is written for people: no debug formatting in any event line or state, a resumed
//! message says where it came from, the bridge's filter reads as a filter, the group panels say which
//! group they are, and Remove and a re-import say what they will do before they do it.

use messagebox_engine::bpm::csr_request;
use messagebox_engine::filter::Filter;
use messagebox_engine::matcher::SubId;
use messagebox_engine::message::MessageId;
use messagebox_engine::messagebox::{
    AdminAction, Event, InstanceId, Owner, RefId, RefState, SubscriptionKind, SubscriptionState,
    SuspendReason,
};
use messagebox_engine::orchestration::InstanceState;
use messagebox_engine::world::config::Pipeline;
use messagebox_engine::world::{Command, StopMode, Traced, TransmissionState, WorldEvent};
use messagebox_lab::lab::describe::{describe_in, message_of_reference, republished};
use messagebox_lab::lab::explain_text::{
    group_holdings, instance_state, pipeline_name, readable_filter, reimport_question,
    remove_question, subscription_kind, subscription_state, suspend_reason, transmission_state,
};
use messagebox_lab::lab::saved::build_shipped;
use messagebox_lab::lab::session::Session;

const SEA: &str = "SRV-SEA";
const DUB: &str = "SRV-DUB";
const CABLE: &str = "BTSScn.BPM.CableOrderApp";
const MESSAGING: &str = "BTSScn.BPM.MessagingApp";

/// Debug formatting of Rust values: `Name { field`, `Name("…")`, `Name(12)`, `RefId(`, `Some(`, `None`.
fn debug_text(text: &str) -> Option<&'static str> {
    let patterns: &[(&str, &str)] = &[
        (r"\w+ \{", "struct braces"),
        (r"\{ ?\w+:", "struct field"),
        (r#"\w+\(""#, "tuple with a string"),
        (r"\b[A-Z]\w+\(\d+\)", "tuple with a number"),
        (
            r"\b(RefId|MessageId|InstanceId|SubId|ReportId)\b",
            "id type",
        ),
        (r"\bSome\(|\bNone\b", "option"),
        (
            r"\b(SendPort|SendPortGroup|Orchestration)\(",
            "owner variant",
        ),
        (
            r"\b(SuspendedResumable|SuspendedNotResumable|SubscriberStopped|RoutingFailure|ActivationLoop)\b",
            "variant name",
        ),
    ];
    patterns.iter().find_map(|(p, what)| {
        regex::Regex::new(p)
            .unwrap()
            .is_match(text)
            .then_some(*what)
    })
}

fn assert_readable(text: &str) {
    if let Some(what) = debug_text(text) {
        panic!("debug formatting ({what}) in {text:?}");
    }
}

#[test]
fn the_debug_text_check_catches_what_the_issue_saw() {
    for bad in [
        "Resumed { reference: RefId(10) }",
        "ServiceRemoved { owner: SendPort(\"VIP-Audit-SP\") }",
        "State: SuspendedResumable { error: \"x\" }",
        "Kind: Instance(InstanceId(18))",
        "suspended (RoutingFailure, resumable)",
        "Some(3)",
    ] {
        assert!(debug_text(bad).is_some(), "{bad}");
    }
    for good in [
        "message #10 resumed (copy 14)",
        "send port VIP-Audit-SP removed",
        "(SV.Status == \"ACCEPTED\") && (SV.OrderMgrType == \"CABLEORDER\")",
        "instance 7 completed (COMPLETED)",
    ] {
        assert!(debug_text(good).is_none(), "{good}");
    }
}

fn session(file: &str) -> Session {
    Session::new(build_shipped(file).unwrap().1)
}

fn order(customer: &str) -> Command {
    Command::Submit {
        group: SEA.into(),
        location: "Order-RP-TestRL".into(),
        body: csr_request("1", customer, "1", 1, "NS", "NEW"),
    }
}

fn admin(group: &str, owner: Owner, action: AdminAction) -> Command {
    Command::Administer {
        group: group.into(),
        owner,
        action,
    }
}

fn manager() -> Owner {
    Owner::Orchestration("OrderManager".into())
}

fn run(s: &mut Session, steps: usize) {
    for _ in 0..steps {
        if s.step().is_none() {
            break;
        }
    }
}

/// Every kept event as the log tells it.
fn lines(s: &Session) -> Vec<(String, Traced)> {
    let trace = s.recent();
    trace
        .iter()
        .enumerate()
        .map(|(i, t)| (describe_in(t, &s.world, &trace[..i]).text, t.clone()))
        .collect()
}

/// The split-groups run with a routing failure in Dublin that is fixed and resumed, a suspended
/// message terminated, and an application fully stopped and removed.
fn eventful_split_run() -> Session {
    let mut s = session("split-groups.json");
    // The scenario's script moves the cable order application to Dublin and bridges it at t = 0.
    for _ in 0..100 {
        let moved = s
            .world
            .group(DUB)
            .and_then(|g| g.messagebox.state().services.get(&manager()))
            .is_some_and(|m| m.state == messagebox_engine::messagebox::ServiceState::Started);
        if moved {
            break;
        }
        s.step().expect("the move is scheduled");
    }
    s.act(admin(DUB, manager(), AdminAction::Unenlist)).unwrap();
    s.act(order("1")).unwrap();
    s.act(order("2")).unwrap();
    run(&mut s, 300);
    s.act(admin(DUB, manager(), AdminAction::Start)).unwrap();
    let suspended: Vec<RefId> = s
        .world
        .group(DUB)
        .unwrap()
        .messagebox
        .state()
        .references
        .values()
        .filter(|r| {
            matches!(
                r.state,
                RefState::Suspended {
                    resumable: true,
                    reason: SuspendReason::RoutingFailure
                }
            )
        })
        .map(|r| r.id)
        .collect();
    // Ours and the scenario's own cable orders wait in Dublin as routing failures.
    assert!(suspended.len() >= 2, "{suspended:?}");
    s.act(Command::ResumeReference {
        group: DUB.into(),
        reference: suspended[0],
    })
    .unwrap();
    s.act(Command::TerminateReference {
        group: DUB.into(),
        reference: suspended[1],
    })
    .unwrap();
    run(&mut s, 400);
    s
}

#[test]
fn every_log_line_of_the_default_run_reads_without_debug_text() {
    let mut s = session("default.json");
    run(&mut s, 2_000);
    let all = lines(&s);
    assert!(all.len() > 500);
    for (text, _) in &all {
        assert_readable(text);
    }
}

#[test]
fn every_log_line_of_a_split_run_with_resume_terminate_and_remove_reads_without_debug_text() {
    let mut s = eventful_split_run();
    // Remove an application: first a full stop, then its services and subscriptions go.
    let vip = "SRV.VipOrderApp";
    s.act(Command::StopApplication {
        group: SEA.into(),
        application: vip.into(),
        mode: StopMode::Full,
    })
    .unwrap();
    s.act(Command::RemoveApplication {
        group: SEA.into(),
        application: vip.into(),
    })
    .unwrap();
    let all = lines(&s);
    for (text, _) in &all {
        assert_readable(text);
    }
    let kinds: Vec<&str> = all.iter().map(|(_, t)| t.event.kind()).collect();
    for kind in [
        "resumed",
        "terminated",
        "serviceRemoved",
        "subscriptionRemoved",
        "routingFailed",
        "applicationRemoved",
    ] {
        assert!(kinds.contains(&kind), "the run has a {kind} event");
    }
    // A resume and a termination are told by their message.
    let told = |kind: &str| {
        all.iter()
            .find(|(_, t)| t.event.kind() == kind)
            .map(|(text, _)| text.clone())
            .unwrap()
    };
    let resumed = told("resumed");
    assert!(
        regex::Regex::new(r"^message #\d+ resumed \(copy \d+\)$")
            .unwrap()
            .is_match(&resumed),
        "{resumed}"
    );
    let terminated = told("terminated");
    assert!(
        terminated.starts_with("message #") && terminated.contains(" terminated (copy "),
        "{terminated}"
    );
    assert!(told("serviceRemoved").ends_with(" removed"));
}

#[test]
fn a_resumed_message_is_linked_to_the_message_it_resumed() {
    let s = eventful_split_run();
    let resumes = republished(&s.world, s.recent(), DUB);
    assert_eq!(resumes.len(), 1, "{resumes:?}");
    let r = resumes[0];
    assert!(r.new > r.original, "the new publish takes a later number");
    // The reference resumed carried the original message, and is now republished.
    assert_eq!(
        message_of_reference(&s.world, s.recent(), DUB, r.reference),
        Some(r.original)
    );
    let world = &s.world;
    let original_ref = world
        .references_of(DUB, r.original)
        .into_iter()
        .find(|x| x.id == r.reference)
        .unwrap();
    assert_eq!(original_ref.state, RefState::Republished);
    // Same body and context: resuming published the same message again.
    let (a, b) = (
        world.find_message(DUB, r.original).unwrap(),
        world.find_message(DUB, r.new).unwrap(),
    );
    assert_eq!(a.body().to_string(), b.body().to_string());
    assert_eq!(a.context(), b.context());
    // The log line of the resume belongs to the original's lifecycle.
    let trace = s.recent();
    let line = trace
        .iter()
        .enumerate()
        .find(|(_, t)| {
            matches!(&t.event, WorldEvent::MessageBox { event: Event::Resumed { reference } } if *reference == r.reference)
        })
        .map(|(i, t)| describe_in(t, world, &trace[..i]))
        .unwrap();
    assert_eq!(line.message, Some(r.original.0));
}

#[test]
fn every_state_the_panels_show_reads_as_words() {
    let mut texts = vec![
        suspend_reason(SuspendReason::SubscriberStopped).to_string(),
        suspend_reason(SuspendReason::RoutingFailure).to_string(),
        suspend_reason(SuspendReason::ActivationLoop).to_string(),
        subscription_kind(&SubscriptionKind::Activation),
        subscription_kind(&SubscriptionKind::Instance(InstanceId(18))),
        pipeline_name(Pipeline::XmlReceive).to_string(),
        pipeline_name(Pipeline::PassThru).to_string(),
    ];
    for state in [
        SubscriptionState::Started,
        SubscriptionState::Stopped,
        SubscriptionState::Disabled,
    ] {
        texts.push(subscription_state(state).to_string());
    }
    for state in [
        InstanceState::Active,
        InstanceState::Waiting,
        InstanceState::Dehydrated,
        InstanceState::SuspendedResumable {
            error: "no subscriber".into(),
        },
        InstanceState::SuspendedNotResumable { error: "".into() },
        InstanceState::Completed,
        InstanceState::Terminated {
            reason: "by the administrator".into(),
        },
    ] {
        texts.push(instance_state(&state));
    }
    for state in [
        TransmissionState::Pending,
        TransmissionState::Retrying { next_at: 65_250 },
        TransmissionState::Queued,
        TransmissionState::Suspended { resumable: true },
        TransmissionState::Suspended { resumable: false },
        TransmissionState::Done,
        TransmissionState::Terminated,
    ] {
        texts.push(transmission_state(&state));
    }
    for t in &texts {
        assert_readable(t);
        assert!(!t.is_empty());
    }
    assert_eq!(
        subscription_kind(&SubscriptionKind::Instance(InstanceId(18))),
        "instance (matches go to the running instance 18)"
    );
    assert_eq!(
        transmission_state(&TransmissionState::Retrying { next_at: 65_250 }),
        "retrying: next attempt at 01:05.250"
    );
    let _ = SubId(1);
    let _ = MessageId(1);
}

/// The default scenario with the cable order application copied to Dublin, as lesson 8 does with
/// Export and Import.
fn moved() -> Session {
    let mut s = session("default.json");
    for app in [MESSAGING, CABLE] {
        s.act(Command::CopyApplication {
            from: SEA.into(),
            to: DUB.into(),
            application: app.into(),
        })
        .unwrap();
    }
    s
}

#[test]
fn the_bridge_proposal_filter_reads_in_the_orchestration_notation() {
    let s = moved();
    let proposal = s.world.propose_bridge(SEA, DUB, CABLE).unwrap();
    let schema = s.world.group(SEA).unwrap().messagebox.schema();
    let text = readable_filter(&proposal.send_port.filter, schema);
    assert!(!text.contains('|'), "{text}");
    assert!(text.contains("SV.Status == \"ACCEPTED\""), "{text}");
    assert!(text.contains("SV.OrderMgrType == \"CABLEORDER\""), "{text}");
    assert!(text.contains("&&"), "{text}");
    assert_readable(&text);
    // The same filter as the proposal's.
    assert_eq!(
        Filter::parse_any(&text, schema).unwrap(),
        Filter::parse_any(&proposal.send_port.filter, schema).unwrap()
    );
    // What does not parse is shown as it is.
    assert_eq!(readable_filter("SV.Nope ==", schema), "SV.Nope ==");
}

#[test]
fn the_two_group_panels_say_which_group_they_are_and_what_it_holds() {
    let s = session("default.json");
    let sea = group_holdings(s.world.group(SEA).unwrap());
    let dub = group_holdings(s.world.group(DUB).unwrap());
    assert_ne!(sea, dub);
    assert!(sea.starts_with("SRV-SEA holds "), "{sea}");
    assert!(sea.contains("subscriptions"), "{sea}");
    assert!(dub.starts_with("SRV-DUB holds nothing yet"), "{dub}");
    let s = moved();
    let sea = group_holdings(s.world.group(SEA).unwrap());
    let dub = group_holdings(s.world.group(DUB).unwrap());
    assert!(dub.starts_with("SRV-DUB holds 2 applications"), "{dub}");
    assert_ne!(sea, dub);
    assert_readable(&sea);
    assert_readable(&dub);
}

#[test]
fn remove_asks_only_what_it_will_do() {
    let mut s = session("default.json");
    let g = s.world.group(SEA).unwrap();
    // Enlisted: nothing to ask, the engine refuses with its reason.
    assert_eq!(remove_question(g, CABLE), None);
    assert_eq!(remove_question(g, "No.Such.App"), None);
    s.act(Command::StopApplication {
        group: SEA.into(),
        application: CABLE.into(),
        mode: StopMode::Full,
    })
    .unwrap();
    let g = s.world.group(SEA).unwrap();
    let q = remove_question(g, CABLE).unwrap();
    assert!(
        q.starts_with("Remove BTSScn.BPM.CableOrderApp from SRV-SEA?"),
        "{q}"
    );
    assert!(q.contains("orchestrations"), "{q}");
    assert_readable(&q);
}

#[test]
fn a_reimport_into_the_group_that_has_the_application_asks_and_says_what_it_will_do() {
    let mut s = session("default.json");
    let package = s.world.export_application(SEA, CABLE).unwrap();
    // Into Dublin, which does not have it: a plain import, nothing to ask.
    assert_eq!(
        reimport_question(s.world.group(DUB).unwrap(), &package),
        None
    );
    // Back into Seattle, where it came from: it asks, naming the subscriptions it recreates.
    let q = reimport_question(s.world.group(SEA).unwrap(), &package).unwrap();
    assert!(
        q.starts_with("SRV-SEA already has BTSScn.BPM.CableOrderApp."),
        "{q}"
    );
    assert_readable(&q);
    // What the question says is what the import does: the send ports' subscriptions are recreated.
    let enlisted_ports = package
        .application
        .send_ports
        .iter()
        .filter(|p| {
            s.world
                .group(SEA)
                .unwrap()
                .messagebox
                .state()
                .services
                .get(&Owner::SendPort(p.name.clone()))
                .is_some_and(|x| x.state != messagebox_engine::messagebox::ServiceState::Unenlisted)
        })
        .count();
    let events = s
        .act(Command::ImportApplication {
            group: SEA.into(),
            package: Box::new(package),
        })
        .unwrap();
    let removed = events
        .iter()
        .filter(|t| t.event.kind() == "subscriptionRemoved")
        .count();
    let created = events
        .iter()
        .filter(|t| t.event.kind() == "subscriptionCreated")
        .count();
    assert_eq!(removed, enlisted_ports);
    assert_eq!(created, enlisted_ports);
    if enlisted_ports > 0 {
        assert!(q.contains("deleted and created again"), "{q}");
    } else {
        assert!(q.contains("No subscription changes"), "{q}");
    }
}
