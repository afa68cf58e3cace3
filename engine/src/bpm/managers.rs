//! The OrderManager (domain.md 6.4) and the demo's VipOrderManager and BroadbandOrderManager.

use super::dsl::*;
use super::{ns, root, types};
use crate::orchestration::{Binding, Expr, Pattern, Program, Shape, Trigger};

fn order_status(message: &str, from: &str, status: Expr, error: Option<&str>) -> Shape {
    let mut fields = vec![
        ("CustID", prop(from, "SV.CustID")),
        ("OrderID", prop(from, "SV.OrderID")),
        ("SeqNum", prop(from, "SV.SeqNum")),
        ("Status", status),
    ];
    let mut set = vec![
        promote("SV.CustID", prop(from, "SV.CustID")),
        promote("SV.OrderID", prop(from, "SV.OrderID")),
    ];
    if let Some(e) = error {
        fields.push(("Error", s(e)));
        set.push(promote("SV.Error", s(e)));
    }
    construct(
        message,
        None,
        Some(template(
            ns(types::ORDER_STATUS),
            root(types::ORDER_STATUS),
            fields,
        )),
        set,
    )
}

fn order_label(message: &str) -> Vec<Expr> {
    vec![
        s("Order "),
        prop(message, "SV.CustID"),
        s("/"),
        prop(message, "SV.OrderID"),
    ]
}

pub fn order_manager() -> Program {
    let exit_inner = assign("currentStage", int(0));
    let update = vec![decide(
        vec![
            (
                eq(field("Update", "RequestType"), s("TERMINATE")),
                vec![
                    call("Interrupter", &[("Order", "Current")]),
                    log([
                        order_label("Current"),
                        vec![s(" was terminated by the user")],
                    ]
                    .concat()),
                    assign("status", s("TERMINATED")),
                    assign("stage", add(var("numStages"), int(1))),
                    exit_inner.clone(),
                ],
            ),
            (
                gt(prop("Update", "SV.SeqNum"), var("seq")),
                vec![
                    // A higher SeqNum is an update: interrupt the stage and restart with it (domain.md 6.4).
                    call("Interrupter", &[("Order", "Current")]),
                    log([
                        order_label("Current"),
                        vec![
                            s(": SeqNum "),
                            var("seq"),
                            s(" was interrupted by the update with SeqNum "),
                            prop("Update", "SV.SeqNum"),
                        ],
                    ]
                    .concat()),
                    construct("Current", Some("Update"), None, vec![]),
                    assign("seq", prop("Update", "SV.SeqNum")),
                    assign("stage", int(1)),
                    assign("status", s("STARTED")),
                    exit_inner.clone(),
                ],
            ),
            (
                eq(prop("Update", "SV.SeqNum"), var("seq")),
                vec![
                    order_status("ErrorMsg", "Update", s("ERROR"), Some("DUPLICATE")),
                    send("OperatorPort", "ErrorMsg"),
                ],
            ),
        ],
        vec![
            order_status("ErrorMsg", "Update", s("ERROR"), Some("SEQUENCE")),
            send("OperatorPort", "ErrorMsg"),
        ],
    )];
    let completion = vec![
        assign("stage", add(var("stage"), int(1))),
        decide(
            vec![(
                gt(var("stage"), var("numStages")),
                vec![assign("status", s("COMPLETED"))],
            )],
            vec![assign(
                "status",
                concat(vec![
                    s("STAGE_"),
                    add(var("stage"), int(-1)),
                    s("_COMPLETED"),
                ]),
            )],
        ),
        exit_inner,
    ];
    let stages = Shape::While {
        condition: le(var("stage"), var("numStages")),
        body: vec![
            construct(
                "OrderMgrMsg",
                Some("Current"),
                None,
                vec![
                    promote("SV.Stage", var("stage")),
                    promote("SV.Status", var("status")),
                    write(
                        "SV.OrderMgrReturnAddress",
                        Expr::PortAddress("StageCompletionPort".into()),
                    ),
                ],
            ),
            send("StagePort", "OrderMgrMsg"),
            Shape::Receive(receive("StagePort", "StageAck", types::ORDER_ACK)),
            assign("currentStage", var("stage")),
            Shape::While {
                condition: eq(var("currentStage"), var("stage")),
                body: vec![listen(vec![
                    (
                        Trigger::Receive(following(
                            "FromBrokerPort",
                            "Update",
                            types::ROUTING,
                            "OrderConvoyCorrelation",
                        )),
                        update,
                    ),
                    (
                        Trigger::Receive(receive(
                            "StageCompletionPort",
                            "Completion",
                            types::ROUTING,
                        )),
                        completion,
                    ),
                ])],
            },
        ],
    };
    Program {
        name: "OrderManager".into(),
        ports: vec![
            port("FromBrokerPort", Pattern::OneWayReceive, Binding::MessageBox),
            port(
                "StagePort",
                Pattern::SolicitResponse,
                Binding::Partner { orchestration: "OrderManager".into(), port: "StagePort".into() },
            ),
            port("StageCompletionPort", Pattern::OneWayReceive, Binding::SelfCorrelating),
            port("OperatorPort", Pattern::OneWaySend, physical("BizTalkErrors-SP")),
            port(
                "CSRCompletionPort",
                Pattern::OneWaySend,
                // The CableOrder application's own dynamic port, so the manager can move without the broker.
                Binding::Dynamic { send_port: "CSRCompletion-DSP".into(), address: field("Current", "ReturnAddress") },
            ),
        ],
        correlation_sets: vec![
            correlation("OrderCorrelation", &["SV.CustID", "SV.OrderID"]),
            correlation("OrderConvoyCorrelation", &["SV.Status", "SV.CustID", "SV.OrderID"]),
        ],
        parameters: vec![],
        body: vec![
            activate(
                "FromBrokerPort",
                "NewOrderMgrMsg",
                types::ROUTING,
                Some(r#"SV.Status == "ACCEPTED" && SV.OrderMgrType == "CABLEORDER""#),
                &["OrderCorrelation", "OrderConvoyCorrelation"],
            ),
            construct("Current", Some("NewOrderMgrMsg"), None, vec![]),
            decide(
                vec![(
                    eq(field("NewOrderMgrMsg", "RequestType"), s("TERMINATE")),
                    vec![
                        // A cancellation for an order that is not in progress: flags and a warning only.
                        assign("status", s("TERMINATED")),
                        log([order_label("Current"), vec![s(": terminate request for an order not in progress; nothing to cancel")]].concat()),
                    ],
                )],
                vec![
                    assign("numStages", Expr::Config("TotalStages".into())),
                    assign("stage", int(1)),
                    assign("status", s("STARTED")),
                    assign("seq", prop("Current", "SV.SeqNum")),
                    stages,
                    order_status("CompletionMsg", "Current", var("status"), None),
                    send("CSRCompletionPort", "CompletionMsg"),
                ],
            ),
        ],
    }
}

/// A demo manager (domain.md 10.3, [demo]): takes the orders marked for it and reports completion.
pub fn demo_manager(name: &str, mark: &str) -> Program {
    Program {
        name: name.into(),
        ports: vec![
            port(
                "FromBrokerPort",
                Pattern::OneWayReceive,
                Binding::MessageBox,
            ),
            port(
                "CSRCompletionPort",
                Pattern::OneWaySend,
                Binding::Dynamic {
                    send_port: "CSRResponse-DSP".into(),
                    address: field("Order", "ReturnAddress"),
                },
            ),
        ],
        correlation_sets: vec![],
        parameters: vec![],
        body: vec![
            activate(
                "FromBrokerPort",
                "Order",
                types::ROUTING,
                Some(&format!(
                    r#"SV.Status == "ACCEPTED" && SV.OrderMgrType == "{mark}""#
                )),
                &[],
            ),
            assign("status", s("COMPLETED")),
            order_status("CompletionMsg", "Order", var("status"), None),
            send("CSRCompletionPort", "CompletionMsg"),
        ],
    }
}
