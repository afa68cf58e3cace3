//! The stages CableOrder1 and CableOrder2 (domain.md 6.5): activated through inverse partner binding to
//! `OrderManager.StagePort`, each filtered on its stage number; they acknowledge, check for interrupts,
//! do their work and report completion to the manager's self-correlating port.

use super::dsl::*;
use super::helpers::{interrupt_ack, interrupt_ports};
use super::{namespace, ns, root, types};
use crate::orchestration::{Binding, Pattern, Program, Send, Shape, Trigger};

pub fn cable_order(stage: u32) -> Program {
    let m = "OrderMgrMsg";
    let order_fields = |extra: Vec<(&'static str, crate::orchestration::Expr)>| {
        let mut fields = vec![
            ("CustID", prop(m, "SV.CustID")),
            ("OrderID", prop(m, "SV.OrderID")),
            ("SeqNum", prop(m, "SV.SeqNum")),
        ];
        fields.extend(extra);
        fields
    };
    let mut ports = vec![
        port(
            "BeginStagePort",
            Pattern::RequestResponse,
            Binding::Partner {
                orchestration: "OrderManager".into(),
                port: "StagePort".into(),
            },
        ),
        port(
            "CompletionPort",
            Pattern::OneWaySend,
            Binding::ReplyTo {
                address: prop(m, "SV.OrderMgrReturnAddress"),
            },
        ),
    ];
    ports.extend(interrupt_ports());
    let work = if stage == 1 {
        ports.push(port(
            "FacilitiesPort",
            Pattern::OneWaySend,
            physical("Facilities-SP"),
        ));
        ports.push(port(
            "FacilitiesReplyPort",
            Pattern::OneWayReceive,
            physical("Facilities-RP"),
        ));
        vec![
            // The provisioning request goes to the facilities system over MSMQ; its reply comes back on
            // another queue, correlated on the order and its sequence number [inferred].
            construct(
                "FacilitiesRequest",
                None,
                Some(template(
                    &namespace("Facilities"),
                    "FacilitiesRequest",
                    order_fields(vec![("OrdTypeCode", field(m, "OrdTypeCode"))]),
                )),
                vec![
                    promote("SV.CustID", prop(m, "SV.CustID")),
                    promote("SV.OrderID", prop(m, "SV.OrderID")),
                    promote("SV.SeqNum", prop(m, "SV.SeqNum")),
                ],
            ),
            Shape::Send(Send {
                port: "FacilitiesPort".into(),
                message: "FacilitiesRequest".into(),
                initialize: vec!["FacilitiesCorrelation".into()],
                follow: None,
                delivery_notification: false,
            }),
            listen(vec![
                (
                    Trigger::Receive(following(
                        "FacilitiesReplyPort",
                        "FacilitiesReply",
                        types::FACILITIES_REPLY,
                        "FacilitiesCorrelation",
                    )),
                    vec![],
                ),
                // Waiting for facilities, an interrupt is taken instead (domain.md 10.5 M4).
                (
                    Trigger::Receive(following(
                        "InterruptPort",
                        "Interrupt",
                        types::INTERRUPT,
                        "OrderCorrelation",
                    )),
                    interrupt_ack(),
                ),
            ]),
        ]
    } else {
        ports.push(port(
            "HistoryUpdatePort",
            Pattern::OneWaySend,
            physical("HistoryUpdate-SP"),
        ));
        vec![
            construct(
                "HistoryUpdate",
                None,
                Some(template(
                    &namespace("OrderBrokerSchemas.SQLHistoryUpdate"),
                    "HistoryUpdate",
                    order_fields(vec![("Status", s("COMPLETED"))]),
                )),
                vec![],
            ),
            send("HistoryUpdatePort", "HistoryUpdate"),
        ]
    };
    let mut body = vec![call("CheckInterrupt", &[])];
    body.extend(work);
    body.push(construct("Completion", Some(m), None, vec![]));
    body.push(send("CompletionPort", "Completion"));
    let mut correlation_sets = vec![correlation(
        "OrderCorrelation",
        &["SV.CustID", "SV.OrderID"],
    )];
    if stage == 1 {
        correlation_sets.push(correlation(
            "FacilitiesCorrelation",
            &["SV.CustID", "SV.OrderID", "SV.SeqNum"],
        ));
    }
    Program {
        name: format!("CableOrder{stage}"),
        ports,
        correlation_sets,
        parameters: vec![],
        body: vec![
            activate("BeginStagePort", m, types::ROUTING, Some(&format!("SV.Stage == {stage}")), &["OrderCorrelation"]),
            construct(
                "StageAck",
                None,
                Some(template(ns(types::ORDER_ACK), root(types::ORDER_ACK), order_fields(vec![]))),
                vec![promote("SV.CustID", prop(m, "SV.CustID")), promote("SV.OrderID", prop(m, "SV.OrderID"))],
            ),
            send("BeginStagePort", "StageAck"),
            scope(
                &format!("Stage{stage}"),
                false,
                body,
                vec![(
                    "InterruptException",
                    vec![log(vec![
                        s("Order "),
                        prop(m, "SV.CustID"),
                        s("/"),
                        prop(m, "SV.OrderID"),
                        s(" (SeqNum "),
                        prop(m, "SV.SeqNum"),
                        s(&format!("): stage {stage} was interrupted; this version of the order is not completed")),
                    ])],
                )],
            ),
        ],
    }
}
