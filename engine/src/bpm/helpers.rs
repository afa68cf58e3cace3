//! CheckInterrupt and Interrupter (domain.md 6.6).

use super::dsl::*;
use super::{ns, root, types};
use crate::orchestration::{Binding, Pattern, Program, Shape, Trigger};

/// The acknowledgement a stage sends back for an interrupt.
pub(super) fn interrupt_ack() -> Vec<Shape> {
    vec![
        construct(
            "InterruptAck",
            None,
            Some(template(
                ns(types::ORDER_ACK),
                root(types::ORDER_ACK),
                vec![
                    ("CustID", prop("Interrupt", "SV.CustID")),
                    ("OrderID", prop("Interrupt", "SV.OrderID")),
                ],
            )),
            vec![],
        ),
        send("InterruptReplyPort", "InterruptAck"),
        Shape::Throw {
            exception: "InterruptException".into(),
        },
    ]
}

/// The ports a stage or CheckInterrupt uses to take an interrupt and answer it.
pub(super) fn interrupt_ports() -> Vec<crate::orchestration::Port> {
    vec![
        port("InterruptPort", Pattern::OneWayReceive, Binding::MessageBox),
        port(
            "InterruptReplyPort",
            Pattern::OneWaySend,
            Binding::ReplyTo {
                address: prop("Interrupt", "SV.InterruptReplyTo"),
            },
        ),
    ]
}

/// A Listen: an interrupt for this order (acknowledged, then InterruptException), or a Delay of 0 that
/// just returns.
pub fn check_interrupt() -> Program {
    Program {
        name: "CheckInterrupt".into(),
        ports: interrupt_ports(),
        correlation_sets: vec![],
        parameters: vec![],
        body: vec![listen(vec![
            (
                Trigger::Receive(following(
                    "InterruptPort",
                    "Interrupt",
                    types::INTERRUPT,
                    "OrderCorrelation",
                )),
                interrupt_ack(),
            ),
            (Trigger::Delay { ms: 0 }, vec![]),
        ])],
    }
}

/// Sends an Interrupt for the order and waits for the stage's acknowledgement, resending after a timeout;
/// a routing failure means no stage is running any more, which also ends it.
pub fn interrupter() -> Program {
    Program {
        name: "Interrupter".into(),
        ports: vec![
            port("InterruptOutPort", Pattern::OneWaySend, Binding::MessageBox),
            port(
                "InterruptAckPort",
                Pattern::OneWayReceive,
                Binding::SelfCorrelating,
            ),
        ],
        correlation_sets: vec![],
        parameters: vec!["Order".into()],
        body: vec![
            assign("acked", int(0)),
            Shape::While {
                condition: eq(var("acked"), int(0)),
                body: vec![
                    construct(
                        "Interrupt",
                        None,
                        Some(template(
                            ns(types::INTERRUPT),
                            root(types::INTERRUPT),
                            vec![
                                ("CustID", prop("Order", "SV.CustID")),
                                ("OrderID", prop("Order", "SV.OrderID")),
                            ],
                        )),
                        vec![
                            promote("SV.CustID", prop("Order", "SV.CustID")),
                            promote("SV.OrderID", prop("Order", "SV.OrderID")),
                            write(
                                "SV.InterruptReplyTo",
                                crate::orchestration::Expr::PortAddress("InterruptAckPort".into()),
                            ),
                        ],
                    ),
                    scope(
                        "SendInterrupt",
                        false,
                        vec![send("InterruptOutPort", "Interrupt")],
                        vec![("RoutingFailureException", vec![assign("acked", int(1))])],
                    ),
                    decide(
                        vec![(
                            eq(var("acked"), int(0)),
                            vec![listen(vec![
                                (
                                    Trigger::Receive(receive(
                                        "InterruptAckPort",
                                        "InterruptAck",
                                        types::ORDER_ACK,
                                    )),
                                    vec![assign("acked", int(1))],
                                ),
                                (Trigger::Delay { ms: 5_000 }, vec![]),
                            ])],
                        )],
                        vec![],
                    ),
                ],
            },
        ],
    }
}
