//! The OrderBroker (domain.md 6.2): takes a CSR order request, builds the history, servicing,
//! confirmation and order manager messages, marks the order for one manager (domain.md 10.3), and sends
//! the four in one atomic scope, inside a long-running scope whose handler reports a routing failure back
//! to the CSR system.

use super::dsl::*;
use super::{namespace, ns, root, types};
use crate::orchestration::{Binding, Pattern, Program, Send, Shape};

pub fn order_broker() -> Program {
    let req = "CSROrderMsg";
    let f = |e: &str| field(req, e);
    let marking = decide(
        vec![(
            eq(Expr::Config("Marking".into()), s("sdk")),
            vec![assign("mark", s("CABLEORDER"))],
        )],
        vec![decide(
            vec![
                (
                    one_of(f("CustID"), &["900", "901"]),
                    vec![assign("mark", s("VIPORDER"))],
                ),
                (
                    one_of(f("OrdTypeCode"), &["NS", "ND", "XS", "XD", "CS", "CD"]),
                    vec![assign("mark", s("CABLEORDER"))],
                ),
                (
                    one_of(f("OrdTypeCode"), &["NB", "XB"]),
                    vec![assign("mark", s("BROADBANDORDER"))],
                ),
            ],
            vec![assign("mark", s("UNASSIGNED"))],
        )],
    );
    let order_mgr_msg = construct(
        "OrderMgrMsg",
        None,
        Some(template(
            ns(types::ROUTING),
            root(types::ROUTING),
            vec![
                ("CustID", f("CustID")),
                ("OrderID", f("OrderID")),
                ("SeqNum", f("SeqNum")),
                ("Status", s("ACCEPTED")),
                ("OrderMgrType", var("mark")),
                ("RequestType", f("Status")),
                ("OrdTypeCode", f("OrdTypeCode")),
                ("RequestID", f("ReqId")),
                ("ReturnAddress", f("ReturnAddress")),
            ],
        )),
        vec![
            promote("SV.CustID", f("CustID")),
            promote("SV.OrderID", f("OrderID")),
            promote("SV.SeqNum", f("SeqNum")),
            promote("SV.Status", s("ACCEPTED")),
            promote("SV.OrderMgrType", var("mark")),
            // Distinguished fields of the routing class (RequestType, ...) are written, never routed
            // (domain.md 6.3); readers take them from the body, where they also survive a bridge.
            write("SV.RequestType", f("Status")),
        ],
    );
    let history = construct(
        "HistoryInsertMsg",
        None,
        Some(template(
            &namespace("OrderBrokerSchemas.SQLHistoryInsert"),
            "HistoryInsert",
            vec![
                ("CustName", f("CustID")),
                ("OrderNum", f("OrderID")),
                ("OrderSeqNum", f("SeqNum")),
                ("Status", f("Status")),
            ],
        )),
        vec![],
    );
    let servicing = construct(
        "ServicingMsg",
        None,
        Some(template(
            &namespace("OrderBrokerSchemas.Servicing_OrderRequest"),
            "Servicing_OrderRequest",
            vec![
                ("CustID", f("CustID")),
                ("OrderID", f("OrderID")),
                ("OrdTypeCode", f("OrdTypeCode")),
            ],
        )),
        vec![],
    );
    let confirmation = construct(
        "CSRConfMsg",
        None,
        Some(template(
            ns(types::CSR_REQUEST),
            "CSR_OrderConfirmation",
            vec![("ReqId", f("ReqId")), ("Status", s("RECEIVED"))],
        )),
        vec![],
    );
    let error = construct(
        "ErrorMsg",
        None,
        Some(template(
            ns(types::CSR_REQUEST),
            "CSR_OrderError",
            vec![
                ("ReqId", f("ReqId")),
                (
                    "Error",
                    concat(vec![
                        s("no order manager takes orders marked "),
                        var("mark"),
                    ]),
                ),
            ],
        )),
        vec![],
    );
    let history_send = Shape::Send(Send {
        port: "HistoryPort".into(),
        message: "HistoryInsertMsg".into(),
        initialize: vec![],
        follow: None,
        // Transmitted notification: the history row exists before CableOrder2 updates it (domain.md 6.2).
        delivery_notification: true,
    });
    Program {
        name: "OrderBroker".into(),
        ports: vec![
            port("CSRReceivePort", Pattern::OneWayReceive, physical("Order-RP")),
            port("HistoryPort", Pattern::OneWaySend, physical("HistoryInsert-SPG")),
            port("ServicingPort", Pattern::OneWaySend, physical("ServicingSystem-SP")),
            port(
                "CSRPort",
                Pattern::OneWaySend,
                Binding::Dynamic { send_port: "CSRResponse-DSP".into(), address: field(req, "ReturnAddress") },
            ),
            port("OrderMgrPort", Pattern::OneWaySend, Binding::MessageBox),
        ],
        correlation_sets: vec![],
        parameters: vec![],
        body: vec![
            activate("CSRReceivePort", req, types::CSR_REQUEST, None, &[]),
            assign("sent", int(0)),
            marking,
            history,
            servicing,
            confirmation,
            order_mgr_msg,
            scope(
                "OrderBrokerScope",
                false,
                vec![
                    // Four sends, one persistence point: all are published or none (domain.md 6.2).
                    scope(
                        "SendOrder",
                        true,
                        vec![history_send, send("ServicingPort", "ServicingMsg"), send("CSRPort", "CSRConfMsg"), send("OrderMgrPort", "OrderMgrMsg")],
                        vec![],
                    ),
                    assign("sent", int(1)),
                ],
                vec![(
                    "RoutingFailureException",
                    vec![
                        error,
                        send("CSRPort", "ErrorMsg"),
                        log(vec![
                            s("Order "),
                            f("CustID"),
                            s("/"),
                            f("OrderID"),
                            s(" could not be routed: no order manager subscribes to orders marked "),
                            var("mark"),
                        ]),
                    ],
                )],
            ),
            // The history port's delivery notification.
            decide(vec![(eq(var("sent"), int(1)), vec![Shape::Receive(receive("HistoryPort", "HistoryAck", types::ACK))])], vec![]),
        ],
    }
}

use crate::orchestration::Expr;
