//! The event log's words (issue 22): every word a log line can show is either plain English, listed
//! here for a reviewer to read, or a glossary term that the log marks with its tooltip. A new event, or
//! a new word in an event's sentence, fails here until it is said plainly or added to the glossary.

use messagebox_engine::matcher::SubId;
use messagebox_engine::message::MessageId;
use messagebox_engine::messagebox::{
    Event, InstanceId, Owner, Publisher, RefId, ReportId, ServiceState, SubscriptionState,
};
use messagebox_engine::property::Value;
use messagebox_engine::world::{ExceptionKind, StopMode, Traced, World, WorldEvent};
use messagebox_lab::lab::describe::{describe, describe_in};
use messagebox_lab::lab::saved::build_shipped;
use messagebox_lab::tutorial::glossary::uses;

/// The names the samples use: ports, groups, values and texts a scenario chooses, not the log's words.
const NAMES: &[&str] = &[
    "OrderManager",
    "Audit-SP",
    "Audit-Group",
    "Order-RP",
    "Order-RL",
    "SRV-DUB",
    "SRV-SEA",
    "HostA",
    "FILE-OUT",
    "CableOrderApp",
    "Partner",
    "RetryCount",
    "Handler",
    "ToManager",
    "SV.Status",
    "ACCEPTED",
    "Done",
    "Boom",
    "Quota",
    "Approved",
    "Careful",
    "Custom",
    "RoutingFailureException",
    "XLANGsException",
    "CorrelationException",
];

/// Plain words: what a newcomer reads without help. A BizTalk word belongs in the glossary instead.
/// "copy" is a reference (the lessons' word); "instance" and "endpoint" are the app's own words for a
/// running orchestration and a send port's address, used on every panel.
#[rustfmt::skip]
const PLAIN: &[&str] = &[
    "a", "activate", "activated", "added", "again", "application", "arriving", "as", "at",
    "attempt", "available", "by", "caught", "changed", "completed", "configuration", "continue",
    "copy", "could", "created", "cut", "database", "delivered", "disabled", "discarded", "enabled",
    "endpoint", "error", "failed", "for", "from", "full", "go", "held", "holds", "idle",
    "imported", "in", "instance", "instances", "is", "it", "its", "later", "left", "link",
    "logged", "loop", "matched", "message", "messages", "moved", "no", "nobody", "not", "now",
    "of", "on", "partial", "partner", "put", "queue", "queued", "reach", "received", "refused",
    "released", "removed", "replied", "report", "restored", "resumed", "retries", "retry",
    "running", "saved", "send", "sent", "set", "stop", "subscribed", "system", "take",
    "terminated", "the", "these", "threw", "through", "to", "took", "tries", "unavailable",
    "values", "waits", "warning", "was", "went", "which", "wire", "with", "work", "would",
];

const MESSAGE: MessageId = MessageId(5);
const REFERENCE: RefId = RefId(17);
const INSTANCE: InstanceId = InstanceId(12);

fn port() -> Owner {
    Owner::SendPort("Audit-SP".into())
}

/// One sample of each MessageBox event, both ways where a flag changes the sentence.
fn messagebox_events() -> Vec<Event> {
    let orchestration = Owner::Orchestration("OrderManager".into());
    let mut events = vec![
        Event::ServiceAdded { owner: port() },
        Event::ServiceRemoved {
            owner: Owner::SendPortGroup("Audit-Group".into()),
        },
        Event::SubscriptionCreated {
            subscription: SubId(9),
            owner: orchestration.clone(),
            filter: "SV.Status == ACCEPTED".into(),
        },
        Event::SubscriptionRemoved {
            subscription: SubId(9),
            owner: port(),
        },
        Event::Evaluated {
            message: MESSAGE,
            matched: vec![],
        },
        Event::Evaluated {
            message: MESSAGE,
            matched: vec![SubId(9)],
        },
        Event::Evaluated {
            message: MESSAGE,
            matched: vec![SubId(9), SubId(10)],
        },
        Event::Queued {
            reference: REFERENCE,
            message: MESSAGE,
            owner: port(),
            host: "HostA".into(),
            priority: 7,
        },
        Event::Held {
            reference: REFERENCE,
            message: MESSAGE,
            owner: port(),
            host: "HostA".into(),
        },
        Event::Released {
            reference: REFERENCE,
            owner: port(),
        },
        Event::Delivered {
            reference: REFERENCE,
            message: MESSAGE,
            owner: port(),
            instance: None,
        },
        Event::Delivered {
            reference: REFERENCE,
            message: MESSAGE,
            owner: orchestration.clone(),
            instance: Some(INSTANCE),
        },
        Event::InstanceActivated {
            instance: INSTANCE,
            owner: orchestration.clone(),
            message: MESSAGE,
        },
        Event::ConvoySetCreated {
            instance: INSTANCE,
            subscription: SubId(9),
            values: vec![Value::Str("ACCEPTED".into()), Value::Int(1)],
        },
        Event::ConvoyMatched {
            reference: REFERENCE,
            instance: INSTANCE,
        },
        Event::InstanceCompleted { instance: INSTANCE },
        Event::ErrorMessagePublished {
            failed_message: MESSAGE,
            error_message: MessageId(6),
            report: ReportId(3),
        },
        Event::ActivationLoopDetected {
            reference: REFERENCE,
            message: MESSAGE,
            owner: orchestration,
        },
        Event::CommandRefused {
            reason: "Quota".into(),
        },
        Event::Resumed {
            reference: REFERENCE,
        },
        Event::Terminated {
            reference: REFERENCE,
        },
        Event::ReportRemoved {
            report: ReportId(3),
        },
    ];
    for running in [true, false] {
        events.push(Event::HostStateChanged {
            host: "HostA".into(),
            running,
        });
    }
    for (from, to) in [
        (ServiceState::Unenlisted, ServiceState::Stopped),
        (ServiceState::Stopped, ServiceState::Started),
    ] {
        events.push(Event::ServiceStateChanged {
            owner: port(),
            from,
            to,
        });
    }
    for state in [
        SubscriptionState::Started,
        SubscriptionState::Stopped,
        SubscriptionState::Disabled,
    ] {
        events.push(Event::SubscriptionStateChanged {
            subscription: SubId(9),
            owner: port(),
            state,
        });
    }
    for publisher in [
        Publisher::ReceivePort {
            port: "Order-RP".into(),
            failed_message_routing: false,
            two_way: false,
        },
        Publisher::Orchestration {
            name: "OrderManager".into(),
        },
        Publisher::Acknowledgement {
            send_port: "Audit-SP".into(),
        },
    ] {
        events.push(Event::Published {
            message: MESSAGE,
            publisher,
        });
    }
    for (suspended, resumable) in [(false, false), (true, true), (true, false)] {
        events.push(Event::RoutingFailed {
            message: MESSAGE,
            reference: REFERENCE,
            report: ReportId(3),
            suspended,
            resumable,
        });
    }
    events
}

/// One sample of each world event, both ways where a flag changes the sentence.
fn world_events() -> Vec<WorldEvent> {
    let mut events: Vec<WorldEvent> = messagebox_events()
        .into_iter()
        .map(|event| WorldEvent::MessageBox { event })
        .collect();
    let transmission = InstanceId(32);
    events.extend([
        WorldEvent::Received {
            location: "Order-RL".into(),
            message: MESSAGE,
        },
        WorldEvent::FilterChanged {
            owner: port(),
            filter: "SV.Status == ACCEPTED".into(),
        },
        WorldEvent::InstanceStarted {
            instance: INSTANCE,
            orchestration: "OrderManager".into(),
        },
        WorldEvent::Consumed {
            instance: INSTANCE,
            port: "ToManager".into(),
            message: MESSAGE,
        },
        WorldEvent::Sent {
            instance: INSTANCE,
            port: "ToManager".into(),
            message: MESSAGE,
        },
        WorldEvent::Waiting { instance: INSTANCE },
        WorldEvent::Dehydrated { instance: INSTANCE },
        WorldEvent::Rehydrated { instance: INSTANCE },
        WorldEvent::ExceptionCaught {
            instance: INSTANCE,
            exception: ExceptionKind::RoutingFailure,
            scope: "Handler".into(),
        },
        WorldEvent::InstanceResumed { instance: INSTANCE },
        WorldEvent::InstanceTerminated {
            instance: INSTANCE,
            reason: "Quota".into(),
        },
        WorldEvent::Logged {
            instance: INSTANCE,
            text: "Done".into(),
        },
        WorldEvent::Discarded {
            instance: INSTANCE,
            message: MESSAGE,
        },
        WorldEvent::Transmitted {
            transmission,
            port: "Audit-SP".into(),
            message: MESSAGE,
            endpoint: "FILE-OUT".into(),
        },
        WorldEvent::MovedToBackup {
            transmission,
            port: "Audit-SP".into(),
        },
        WorldEvent::AckDiscarded {
            port: "Audit-SP".into(),
        },
        WorldEvent::ResponderReplied {
            responder: "Partner".into(),
        },
        WorldEvent::ConfigChanged {
            key: "RetryCount".into(),
        },
        WorldEvent::WireSent {
            port: "Audit-SP".into(),
            message: MESSAGE,
            to: "SRV-SEA".into(),
            location: "Order-RL".into(),
            arrives_at: 1_500,
        },
        WorldEvent::ApplicationImported {
            application: "CableOrderApp".into(),
        },
        WorldEvent::ApplicationStarted {
            application: "CableOrderApp".into(),
        },
        WorldEvent::ApplicationRemoved {
            application: "CableOrderApp".into(),
        },
        WorldEvent::BridgeCreated {
            send_port: "Audit-SP".into(),
            to: "SRV-SEA".into(),
            receive_port: "Order-RP".into(),
        },
        WorldEvent::Warning {
            text: "Careful".into(),
        },
    ]);
    for on in [true, false] {
        events.extend([
            WorldEvent::ReceiveLocationChanged {
                location: "Order-RL".into(),
                enabled: on,
            },
            WorldEvent::InstanceSuspended {
                instance: INSTANCE,
                resumable: on,
                error: "Boom".into(),
            },
            WorldEvent::TransmitAttempt {
                transmission,
                port: "Audit-SP".into(),
                message: MESSAGE,
                endpoint: "FILE-OUT".into(),
                attempt: 2,
                backup: on,
            },
            WorldEvent::TransmitFailed {
                transmission,
                port: "Audit-SP".into(),
                endpoint: "FILE-OUT".into(),
                retry_at: on.then_some(61_000),
            },
            WorldEvent::TransmissionSuspended {
                transmission,
                port: "Audit-SP".into(),
                message: MESSAGE,
                resumable: on,
            },
            WorldEvent::EndpointChanged {
                endpoint: "FILE-OUT".into(),
                available: on,
            },
            WorldEvent::ResponderChanged {
                responder: "Partner".into(),
                running: on,
            },
            WorldEvent::LinkChanged {
                a: "SRV-DUB".into(),
                b: "SRV-SEA".into(),
                up: on,
            },
        ]);
    }
    for status in [None, Some("Approved".to_string())] {
        events.push(WorldEvent::InstanceCompleted {
            instance: INSTANCE,
            status,
        });
    }
    for exception in [
        ExceptionKind::Xlang,
        ExceptionKind::Correlation,
        ExceptionKind::Named("Custom".into()),
    ] {
        events.push(WorldEvent::ExceptionThrown {
            instance: INSTANCE,
            exception,
            detail: "Boom".into(),
        });
    }
    for mode in [StopMode::AllowRunning, StopMode::Suspend, StopMode::Full] {
        events.push(WorldEvent::ApplicationStopped {
            application: "CableOrderApp".into(),
            mode,
        });
    }
    events
}

/// Which variant an event is. No wildcard: a new event fails to compile here until it has a sample.
fn variant(event: &WorldEvent) -> (&'static str, &'static str) {
    match event {
        WorldEvent::MessageBox { event } => match event {
            Event::ServiceAdded { .. }
            | Event::ServiceRemoved { .. }
            | Event::ServiceStateChanged { .. }
            | Event::SubscriptionCreated { .. }
            | Event::SubscriptionStateChanged { .. }
            | Event::SubscriptionRemoved { .. }
            | Event::HostStateChanged { .. }
            | Event::Published { .. }
            | Event::Evaluated { .. }
            | Event::Queued { .. }
            | Event::Held { .. }
            | Event::Released { .. }
            | Event::Delivered { .. }
            | Event::InstanceActivated { .. }
            | Event::ConvoySetCreated { .. }
            | Event::ConvoyMatched { .. }
            | Event::InstanceCompleted { .. }
            | Event::RoutingFailed { .. }
            | Event::ErrorMessagePublished { .. }
            | Event::ActivationLoopDetected { .. }
            | Event::CommandRefused { .. }
            | Event::Resumed { .. }
            | Event::Terminated { .. }
            | Event::ReportRemoved { .. } => ("MessageBox", event.kind()),
        },
        WorldEvent::Received { .. }
        | WorldEvent::FilterChanged { .. }
        | WorldEvent::ReceiveLocationChanged { .. }
        | WorldEvent::InstanceStarted { .. }
        | WorldEvent::Consumed { .. }
        | WorldEvent::Sent { .. }
        | WorldEvent::Waiting { .. }
        | WorldEvent::Dehydrated { .. }
        | WorldEvent::Rehydrated { .. }
        | WorldEvent::ExceptionThrown { .. }
        | WorldEvent::ExceptionCaught { .. }
        | WorldEvent::InstanceSuspended { .. }
        | WorldEvent::InstanceResumed { .. }
        | WorldEvent::InstanceCompleted { .. }
        | WorldEvent::InstanceTerminated { .. }
        | WorldEvent::Logged { .. }
        | WorldEvent::Discarded { .. }
        | WorldEvent::TransmitAttempt { .. }
        | WorldEvent::Transmitted { .. }
        | WorldEvent::TransmitFailed { .. }
        | WorldEvent::MovedToBackup { .. }
        | WorldEvent::TransmissionSuspended { .. }
        | WorldEvent::AckDiscarded { .. }
        | WorldEvent::EndpointChanged { .. }
        | WorldEvent::ResponderChanged { .. }
        | WorldEvent::ResponderReplied { .. }
        | WorldEvent::ConfigChanged { .. }
        | WorldEvent::WireSent { .. }
        | WorldEvent::LinkChanged { .. }
        | WorldEvent::ApplicationImported { .. }
        | WorldEvent::ApplicationStarted { .. }
        | WorldEvent::ApplicationStopped { .. }
        | WorldEvent::ApplicationRemoved { .. }
        | WorldEvent::BridgeCreated { .. }
        | WorldEvent::Warning { .. } => ("world", event.kind()),
    }
}

fn traced(event: WorldEvent) -> Traced {
    Traced {
        at: 61_500,
        group: "SRV-DUB".into(),
        event,
    }
}

/// Every sentence the log can show for the samples: as `describe` says it, and as `describe_in` says it
/// when an earlier event names the reference's message.
fn sentences(world: &World) -> Vec<String> {
    let before = [traced(WorldEvent::MessageBox {
        event: messagebox_events()
            .into_iter()
            .find(|e| matches!(e, Event::Queued { .. }))
            .expect("a queued sample"),
    })];
    world_events()
        .into_iter()
        .map(traced)
        .flat_map(|t| [describe(&t).text, describe_in(&t, world, &before).text])
        .collect()
}

/// The words of `text` a reader has to understand: glossary terms, names and numbers taken out.
fn unexplained_words(text: &str) -> Vec<String> {
    let mut plain = text.to_string();
    for (start, end, _) in uses(text).into_iter().rev() {
        plain.replace_range(start..end, " ");
    }
    plain
        .split(|c: char| c.is_whitespace() || ",;:()/'\"".contains(c))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty() && !NAMES.contains(w))
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()) && *w != "-" && *w != "==")
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn every_event_kind_has_a_sample() {
    let mut kinds: Vec<(&str, &str)> = world_events().iter().map(variant).collect();
    kinds.sort();
    kinds.dedup();
    // 24 MessageBox events and 35 world events besides the MessageBox's.
    assert_eq!(kinds.len(), 24 + 35, "{kinds:?}");
}

#[test]
fn every_word_the_event_log_shows_is_plain_or_a_glossary_term() {
    let world = build_shipped("default.json").unwrap().1;
    let mut unexplained: Vec<(String, String)> = sentences(&world)
        .iter()
        .flat_map(|s| {
            unexplained_words(s)
                .into_iter()
                .filter(|w| !PLAIN.contains(&w.as_str()))
                .map(move |w| (w, s.clone()))
        })
        .collect();
    unexplained.sort();
    unexplained.dedup_by(|a, b| a.0 == b.0);
    assert!(
        unexplained.is_empty(),
        "words neither plain nor in the glossary:\n{}",
        unexplained
            .iter()
            .map(|(w, s)| format!("{w:>16}  in \"{s}\""))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_terms_the_issue_found_are_said_plainly_or_marked() {
    let world = build_shipped("default.json").unwrap().1;
    let all = sentences(&world);
    let marked = |term: &str| {
        all.iter()
            .any(|s| uses(s).iter().any(|(_, _, t)| t.term == term))
    };
    for term in ["priority", "convoy set", "transmission", "dehydration"] {
        assert!(marked(term), "no log line marks {term}");
    }
    // A reference is the subscriber's copy, as the lessons say; "ref 17" meant nothing.
    assert!(all.iter().all(|s| !s.contains("ref ")), "a line says ref");
    assert!(all.iter().any(|s| s.contains("(copy 17")));
    assert!(all.iter().all(|s| !s.contains("receives the convoy of")));
}
