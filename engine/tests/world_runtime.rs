//! The world's runtime rules with small programs: direct-bound sends, exceptions and resume, the classic
//! activation loop, transports with retries and backup, ordered delivery, pipelines, dehydration.

mod common;

use common::{record, Recorded};
use messagebox_engine::filter::Filter;
use messagebox_engine::messagebox::{Event, RefState, ServiceState, SuspendReason};
use messagebox_engine::orchestration::InstanceState;
use messagebox_engine::orchestration::{
    Assignment, Binding, Expr, Handler, Pattern, Port, Program, Receive, Send, Shape, Template,
};
use messagebox_engine::property::{PropertyName, PropertySchema, XsdType};
use messagebox_engine::scenario::{
    ApplicationSpec, GroupSpec, HostSpec, OrchestrationSpec, PropertySpec, Scenario, ScriptItem,
};
use messagebox_engine::world::config::{
    Pipeline, ReceiveLocationDef, ReceivePortDef, SendPortDef, TransportDef,
};
use messagebox_engine::world::{Command, TransmissionState, World, WorldEvent};

const G: &str = "G";
const KIND: &str = "http://t#Job";

fn schema() -> PropertySchema {
    let mut s = PropertySchema::with_system_properties();
    s.declare(PropertyName::parse("T.Kind").unwrap(), XsdType::String)
        .unwrap();
    s
}

fn filter(text: &str) -> Filter {
    Filter::parse_orchestration(text, &schema()).unwrap()
}

fn job(kind: &str) -> String {
    format!("<Job xmlns=\"http://t\"><Kind>{kind}</Kind></Job>")
}

fn port(name: &str, pattern: Pattern, binding: Binding) -> Port {
    Port {
        name: name.into(),
        pattern,
        binding,
    }
}

fn activating(filter_text: &str) -> Shape {
    Shape::Receive(Receive {
        port: "In".into(),
        message: "In".into(),
        message_type: Some(KIND.into()),
        activate: true,
        filter: Some(filter(filter_text)),
        initialize: vec![],
        follow: None,
    })
}

fn make(message: &str, kind: &str) -> Shape {
    Shape::Construct {
        message: message.into(),
        from: None,
        body: Some(Template {
            namespace: "http://t".into(),
            root: "Job".into(),
            fields: vec![("Kind".into(), Expr::Str(kind.into()))],
        }),
        set: vec![Assignment {
            property: "T.Kind".into(),
            value: Expr::Str(kind.into()),
            promote: true,
        }],
    }
}

fn send(port: &str, message: &str) -> Shape {
    Shape::Send(Send {
        port: port.into(),
        message: message.into(),
        initialize: vec![],
        follow: None,
        delivery_notification: false,
    })
}

fn program(name: &str, body: Vec<Shape>) -> Program {
    Program {
        name: name.into(),
        ports: vec![
            port("In", Pattern::OneWayReceive, Binding::MessageBox),
            port("Out", Pattern::OneWaySend, Binding::MessageBox),
        ],
        correlation_sets: vec![],
        parameters: vec![],
        body,
    }
}

fn send_port(name: &str, filter_text: &str, address: &str) -> SendPortDef {
    serde_json::from_value(serde_json::json!({
        "name": name, "filter": filter_text, "transport": {"transport_type": "FILE", "address": address}
    }))
    .unwrap()
}

fn scenario(
    programs: Vec<Program>,
    send_ports: Vec<SendPortDef>,
    pipeline: Pipeline,
    script: Vec<(u64, Command)>,
) -> Scenario {
    let orchestrations = programs
        .iter()
        .map(|p| OrchestrationSpec {
            name: p.name.clone(),
            host: "H".into(),
            state: ServiceState::Started,
        })
        .collect();
    Scenario {
        format: 1,
        id: "t".into(),
        title: "t".into(),
        summary: String::new(),
        seed: 7,
        settings: None,
        config: Default::default(),
        libraries: vec![],
        programs,
        groups: vec![GroupSpec {
            name: G.into(),
            site: "s".into(),
            team: "t".into(),
            hosts: vec![HostSpec {
                name: "H".into(),
                running: true,
            }],
            property_schemas: vec![],
            properties: vec![PropertySpec {
                name: "T.Kind".into(),
                xsd: "string".into(),
            }],
            promotion_sets: vec![],
            promotions: vec![serde_json::from_value(
                serde_json::json!({"message_type": KIND, "element": "Kind", "property": "T.Kind"}),
            )
            .unwrap()],
            collation: Default::default(),
            applications: vec![ApplicationSpec {
                name: "App".into(),
                receive_ports: vec![ReceivePortDef {
                    name: "In-RP".into(),
                    two_way: false,
                    failed_message_routing: false,
                    locations: vec![ReceiveLocationDef {
                        name: "In-RL".into(),
                        address: "in".into(),
                        transport_type: "FILE".into(),
                        pipeline,
                        enabled: true,
                    }],
                }],
                send_ports,
                orchestrations,
                ..Default::default()
            }],
            endpoints: vec![],
            responders: vec![],
        }],
        links: vec![],
        script: script
            .into_iter()
            .map(|(at, command)| ScriptItem { at, command })
            .collect(),
    }
}

fn submit(kind: &str) -> Command {
    Command::Submit {
        group: G.into(),
        location: "In-RL".into(),
        body: job(kind),
    }
}

fn events(w: &Recorded) -> impl Iterator<Item = &WorldEvent> {
    w.trace().iter().map(|t| &t.event)
}

fn runs<'a>(w: &'a World, name: &str) -> Vec<&'a messagebox_engine::orchestration::Run> {
    w.all_runs(G)
        .into_iter()
        .filter(|r| r.orchestration == name)
        .collect()
}

#[test]
fn the_classic_loop_is_detected_and_held_instead_of_running_forever() {
    // domain.md 3: an orchestration whose send matches its own activation filter activates itself again.
    let echo = program(
        "Echo",
        vec![
            activating(r#"T.Kind == "ping""#),
            make("Out", "ping"),
            send("Out", "Out"),
        ],
    );
    let mut w = scenario(
        vec![echo],
        vec![],
        Pipeline::XmlReceive,
        vec![(0, submit("ping"))],
    )
    .build()
    .map(record)
    .unwrap();
    w.advance_to(10_000);
    assert_eq!(
        runs(&w, "Echo").len(),
        1,
        "one instance, not an endless chain"
    );
    let looped = events(&w).find_map(|e| match e {
        WorldEvent::MessageBox {
            event: Event::ActivationLoopDetected { reference, .. },
        } => Some(*reference),
        _ => None,
    });
    let r = w
        .group(G)
        .unwrap()
        .messagebox
        .reference(looped.expect("the loop is reported"))
        .unwrap();
    assert_eq!(
        r.state,
        RefState::Suspended {
            resumable: false,
            reason: SuspendReason::ActivationLoop
        }
    );
}

#[test]
fn an_uncaught_routing_failure_suspends_the_instance_and_resume_retries_the_send() {
    // domain.md 1.9: uncaught, the "no subscribers" exception suspends the instance (resumable); resumed,
    // it runs the failed send again.
    let p = program(
        "Sender",
        vec![
            activating(r#"T.Kind == "go""#),
            make("Out", "result"),
            send("Out", "Out"),
        ],
    );
    let mut w = scenario(
        vec![p],
        vec![],
        Pipeline::XmlReceive,
        vec![(0, submit("go"))],
    )
    .build()
    .map(record)
    .unwrap();
    w.advance_to(1_000);
    let run = runs(&w, "Sender")[0].clone();
    assert!(
        matches!(&run.state, InstanceState::SuspendedResumable { error } if error.contains("RoutingFailureException")),
        "{:?}",
        run.state
    );
    // Fix the routing: a send port that takes results, then resume.
    let group = w.groups.get_mut(G).unwrap();
    group
        .messagebox
        .add_service(messagebox_engine::messagebox::ServiceDef::SendPort(
            messagebox_engine::messagebox::SendPortDef {
                name: "Results-SP".into(),
                host: "H".into(),
                filter: filter(r#"T.Kind == "result""#),
                priority: 5,
            },
        ))
        .unwrap();
    w.apply(Command::Administer {
        group: G.into(),
        owner: messagebox_engine::messagebox::Owner::SendPort("Results-SP".into()),
        action: messagebox_engine::messagebox::AdminAction::Start,
    })
    .unwrap();
    w.apply(Command::ResumeInstance {
        group: G.into(),
        instance: run.id,
    })
    .unwrap();
    w.advance_to(5_000);
    assert_eq!(runs(&w, "Sender")[0].state, InstanceState::Completed);
    assert_eq!(
        w.group(G).unwrap().endpoints["Results-SP"].received.len(),
        1
    );
}

#[test]
fn a_scope_handler_catches_the_routing_failure() {
    let body = vec![
        activating(r#"T.Kind == "go""#),
        make("Out", "nobody"),
        Shape::Scope {
            name: "Try".into(),
            atomic: false,
            body: vec![send("Out", "Out")],
            handlers: vec![Handler {
                exception: "RoutingFailureException".into(),
                body: vec![Shape::Log {
                    text: Expr::Str("caught".into()),
                }],
            }],
        },
    ];
    let mut w = scenario(
        vec![program("Careful", body)],
        vec![],
        Pipeline::XmlReceive,
        vec![(0, submit("go"))],
    )
    .build()
    .map(record)
    .unwrap();
    w.advance_to(1_000);
    assert_eq!(runs(&w, "Careful")[0].state, InstanceState::Completed);
    assert!(events(&w)
        .any(|e| matches!(e, WorldEvent::ExceptionCaught { scope, .. } if scope == "Try")));
    assert!(events(&w).any(|e| matches!(e, WorldEvent::Logged { text, .. } if text == "caught")));
}

fn retrying_port(backup: bool, ordered: bool, stop: bool) -> SendPortDef {
    let mut p = send_port("Out-SP", r#"T.Kind == "out""#, "primary");
    p.retry_count = 2;
    p.retry_interval_ms = 1_000;
    p.ordered_delivery = ordered;
    p.stop_on_failure = stop;
    if backup {
        p.backup = Some(TransportDef {
            transport_type: "FILE".into(),
            address: "backup".into(),
        });
    }
    p
}

fn down(endpoint: &str, available: bool) -> Command {
    Command::SetEndpointAvailable {
        group: G.into(),
        endpoint: endpoint.into(),
        available,
    }
}

#[test]
fn a_failing_transport_retries_moves_to_its_backup_and_then_suspends() {
    // domain.md 4.2: retries on the primary, then the backup with its own retries, then suspended
    // (resumable); resuming once the endpoint is back delivers.
    let s = scenario(
        vec![],
        vec![retrying_port(true, false, false)],
        Pipeline::XmlReceive,
        vec![
            (0, down("primary", false)),
            (0, down("backup", false)),
            (10, submit("out")),
        ],
    );
    let mut w = s.build().map(record).unwrap();
    w.advance_to(20_000);
    let attempts: Vec<(String, bool)> = events(&w)
        .filter_map(|e| match e {
            WorldEvent::TransmitAttempt {
                endpoint, backup, ..
            } => Some((endpoint.clone(), *backup)),
            _ => None,
        })
        .collect();
    assert_eq!(
        attempts.len(),
        6,
        "3 on the primary, 3 on the backup: {attempts:?}"
    );
    assert!(attempts[..3].iter().all(|(e, b)| e == "primary" && !b));
    assert!(attempts[3..].iter().all(|(e, b)| e == "backup" && *b));
    let t = w
        .group(G)
        .unwrap()
        .transmissions
        .values()
        .next()
        .unwrap()
        .clone();
    assert_eq!(t.state, TransmissionState::Suspended { resumable: true });
    w.apply(down("primary", true)).unwrap();
    w.apply(Command::ResumeInstance {
        group: G.into(),
        instance: t.id,
    })
    .unwrap();
    w.advance_to(21_000);
    assert_eq!(w.group(G).unwrap().endpoints["primary"].received.len(), 1);
}

#[test]
fn ordered_delivery_with_stop_on_failure_holds_later_messages() {
    // domain.md 4.2: with stop-on-failure the whole port waits behind the failed message.
    let s = scenario(
        vec![],
        vec![retrying_port(false, true, true)],
        Pipeline::XmlReceive,
        vec![
            (0, down("primary", false)),
            (10, submit("out")),
            (20, submit("out")),
        ],
    );
    let mut w = s.build().map(record).unwrap();
    w.advance_to(10_000);
    let states: Vec<TransmissionState> = w
        .all_transmissions(G)
        .into_iter()
        .map(|t| t.state.clone())
        .collect();
    assert_eq!(
        states,
        [
            TransmissionState::Suspended { resumable: true },
            TransmissionState::Queued
        ]
    );
    w.apply(down("primary", true)).unwrap();
    let first = w
        .group(G)
        .unwrap()
        .transmissions
        .keys()
        .next()
        .copied()
        .unwrap();
    w.apply(Command::ResumeInstance {
        group: G.into(),
        instance: first,
    })
    .unwrap();
    w.advance_to(11_000);
    assert_eq!(
        w.group(G).unwrap().endpoints["primary"].received.len(),
        2,
        "both, in order"
    );
}

#[test]
fn ordered_delivery_without_stop_on_failure_skips_the_failed_message() {
    // domain.md 4.2: only the failed message is suspended, non-resumable, leaving a gap.
    let s = scenario(
        vec![],
        vec![retrying_port(false, true, false)],
        Pipeline::XmlReceive,
        vec![
            (0, down("primary", false)),
            (10, submit("out")),
            (2_500, down("primary", true)),
            (2_600, submit("out")),
        ],
    );
    let mut w = s.build().map(record).unwrap();
    w.advance_to(10_000);
    let states: Vec<TransmissionState> = w
        .all_transmissions(G)
        .into_iter()
        .map(|t| t.state.clone())
        .collect();
    assert_eq!(
        states,
        [
            TransmissionState::Suspended { resumable: false },
            TransmissionState::Done
        ]
    );
}

#[test]
fn passthru_promotes_no_message_type_so_type_filters_fail_but_receive_port_filters_work() {
    // domain.md 1.3 and 8.5.
    let by_type = send_port("ByType-SP", r#"T.Kind == "out""#, "by-type");
    let by_port = send_port("ByPort-SP", r#"BTS.ReceivePortName == "In-RP""#, "by-port");
    let w = {
        let mut w = scenario(
            vec![],
            vec![by_type, by_port],
            Pipeline::PassThru,
            vec![(0, submit("out"))],
        )
        .build()
        .map(record)
        .unwrap();
        w.advance_to(1_000);
        w
    };
    let g = w.group(G).unwrap();
    assert!(!g.endpoints.contains_key("by-type") || g.endpoints["by-type"].received.is_empty());
    assert_eq!(g.endpoints["by-port"].received.len(), 1);
}

#[test]
fn a_long_delay_dehydrates_and_the_timer_rehydrates() {
    // domain.md 1.13.
    let body = vec![
        activating(r#"T.Kind == "go""#),
        Shape::Delay { ms: 60_000 },
        Shape::Log {
            text: Expr::Str("done".into()),
        },
    ];
    let mut w = scenario(
        vec![program("Sleeper", body)],
        vec![],
        Pipeline::XmlReceive,
        vec![(0, submit("go"))],
    )
    .build()
    .map(record)
    .unwrap();
    w.advance_to(30_000);
    assert_eq!(runs(&w, "Sleeper")[0].state, InstanceState::Dehydrated);
    w.advance_to(70_000);
    assert_eq!(runs(&w, "Sleeper")[0].state, InstanceState::Completed);
    assert!(events(&w).any(|e| matches!(e, WorldEvent::Rehydrated { .. })));
}

#[test]
fn a_scenario_error_names_the_field() {
    let mut s = scenario(
        vec![],
        vec![send_port("Bad-SP", "T.Colour == red", "x")],
        Pipeline::XmlReceive,
        vec![],
    );
    let err = s.build().unwrap_err();
    assert_eq!(err.field, "groups[0].applications[0].send_ports[0].filter");
    assert!(
        err.reason.contains("unknown property T.Colour"),
        "{}",
        err.reason
    );
    s.groups[0].applications[0].send_ports.clear();
    s.groups[0].applications[0]
        .orchestrations
        .push(OrchestrationSpec {
            name: "Nope".into(),
            host: "H".into(),
            state: ServiceState::Started,
        });
    let err = s.build().unwrap_err();
    assert_eq!(
        err.field,
        "groups[0].applications[0].orchestrations[0].name"
    );
    let err = Scenario::from_json(r#"{"format": 1, "id": "x", "title": "t", "summary": "", "groups": [{"name": "A", "site": "s", "team": "t", "hosts": [{"nme": "H"}]}]}"#).unwrap_err();
    assert_eq!(err.field, "groups[0].hosts[0].nme");
}

#[test]
fn start_runs_another_orchestration_as_a_new_instance_and_terminate_ends_with_a_reason() {
    // domain.md 3 (Start Orchestration) and 1.12 (terminated instances).
    let parent = program(
        "Parent",
        vec![
            activating(r#"T.Kind == "go""#),
            Shape::Start {
                orchestration: "Child".into(),
                messages: vec![("Work".into(), "In".into())],
            },
            Shape::Terminate {
                reason: Expr::Concat(vec![
                    Expr::Str("stopped after starting a child for ".into()),
                    Expr::Prop {
                        message: "In".into(),
                        property: "T.Kind".into(),
                    },
                ]),
            },
        ],
    );
    let child = Program {
        name: "Child".into(),
        ports: vec![],
        correlation_sets: vec![],
        parameters: vec!["Work".into()],
        body: vec![Shape::Log {
            text: Expr::Concat(vec![
                Expr::Str("child got ".into()),
                Expr::Field {
                    message: "Work".into(),
                    element: "Kind".into(),
                },
            ]),
        }],
    };
    let mut w = scenario(
        vec![parent, child],
        vec![],
        Pipeline::XmlReceive,
        vec![(0, submit("go"))],
    )
    .build()
    .map(record)
    .unwrap();
    w.advance_to(1_000);
    assert_eq!(
        runs(&w, "Parent")[0].state,
        InstanceState::Terminated {
            reason: "stopped after starting a child for go".into()
        }
    );
    assert_eq!(runs(&w, "Child")[0].state, InstanceState::Completed);
    assert!(
        events(&w).any(|e| matches!(e, WorldEvent::Logged { text, .. } if text == "child got go"))
    );
}

#[test]
fn an_administrator_can_terminate_a_waiting_instance_and_its_subscriptions_go() {
    let body = vec![activating(r#"T.Kind == "go""#), Shape::Delay { ms: 60_000 }];
    let mut w = scenario(
        vec![program("Waiter", body)],
        vec![],
        Pipeline::XmlReceive,
        vec![(0, submit("go"))],
    )
    .build()
    .map(record)
    .unwrap();
    w.advance_to(100);
    let id = runs(&w, "Waiter")[0].id;
    w.apply(Command::TerminateInstance {
        group: G.into(),
        instance: id,
    })
    .unwrap();
    assert!(matches!(
        runs(&w, "Waiter")[0].state,
        InstanceState::Terminated { .. }
    ));
    assert!(
        w.apply(Command::TerminateInstance {
            group: G.into(),
            instance: id
        })
        .is_err(),
        "only once"
    );
    w.advance_to(70_000);
    assert!(
        matches!(
            runs(&w, "Waiter")[0].state,
            InstanceState::Terminated { .. }
        ),
        "the timer does not revive it"
    );
}

#[test]
fn the_current_shape_of_a_waiting_instance_is_named() {
    // The BPM default scenario: the broker waits for its delivery notification after its sends.
    let scenario = messagebox_engine::scenario::Scenario::from_json(include_str!(
        "../../scenarios/default.json"
    ))
    .unwrap();
    let mut w = scenario.build().map(record).unwrap();
    w.advance_to(8);
    let broker = w
        .group("SRV-SEA")
        .unwrap()
        .runs
        .values()
        .find(|r| r.orchestration == "OrderBroker")
        .unwrap()
        .id;
    let shape = w.current_shape("SRV-SEA", broker).unwrap();
    assert!(shape.contains("(in OrderBroker)"), "{shape}");
    assert!(
        shape.starts_with("Receive") || shape.starts_with("Listen"),
        "{shape}"
    );
}
