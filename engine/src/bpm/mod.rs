//! The BizTalk SDK's Business Process Management solution (domain.md 6, 10) as orchestration programs:
//! the OrderBroker, the OrderManager and its stages and helpers, and the demo's extra managers.

mod broker;
mod dsl;
mod helpers;
mod managers;
mod stages;

use crate::orchestration::Program;
use crate::world::config::Promotion;

const P: &str = "http://Microsoft.Samples.BizTalk.SouthridgeVideo";

/// Message types (namespace#root). The routing part is the order manager message's body [inferred,
/// domain.md 6.3].
pub mod types {
    pub const CSR_REQUEST: &str =
        "http://Microsoft.Samples.BizTalk.SouthridgeVideo.OrderBrokerSchemas.CSR_OrderRequest#CSR_OrderRequest";
    pub const ROUTING: &str =
        "http://Microsoft.Samples.BizTalk.SouthridgeVideo.SchemaClasses.Routing#Routing";
    pub const ORDER_ACK: &str =
        "http://Microsoft.Samples.BizTalk.SouthridgeVideo.SchemaClasses.OrderAck#OrderAck";
    pub const INTERRUPT: &str =
        "http://Microsoft.Samples.BizTalk.SouthridgeVideo.SchemaClasses.Interrupt#Interrupt";
    pub const ORDER_STATUS: &str =
        "http://Microsoft.Samples.BizTalk.SouthridgeVideo.SchemaClasses.OrderStatus#OrderStatus";
    pub const FACILITIES_REPLY: &str =
        "http://Microsoft.Samples.BizTalk.SouthridgeVideo.Facilities#FacilitiesReply";
    pub const ACK: &str = "http://schemas.microsoft.com/BizTalk/2003/system-messages#Ack";
}

/// Namespaces of the message types above (without the root).
pub(crate) fn ns(message_type: &str) -> &str {
    message_type.split('#').next().unwrap_or_default()
}

pub(crate) fn root(message_type: &str) -> &str {
    message_type.rsplit('#').next().unwrap_or_default()
}

/// Every BPM program. The OrderManager's stages need `TotalStages` and the broker `Marking` in the
/// world's configuration (SSO in the SDK, domain.md 6.4; the marking mode of domain.md 10.3).
pub fn library() -> Vec<Program> {
    vec![
        broker::order_broker(),
        managers::order_manager(),
        stages::cable_order(1),
        stages::cable_order(2),
        helpers::check_interrupt(),
        helpers::interrupter(),
        managers::demo_manager("VipOrderManager", "VIPORDER"),
        managers::demo_manager("BroadbandOrderManager", "BROADBANDORDER"),
    ]
}

/// What the XmlReceive pipeline promotes from BPM messages: the routing fields of an order manager
/// message (so a receive port can re-publish one, as the bridge of domain.md 5 needs) and the
/// correlation fields of a facilities reply.
pub fn promotions() -> Vec<Promotion> {
    let mut out = Vec::new();
    for (element, property) in [
        ("CustID", "SV.CustID"),
        ("OrderID", "SV.OrderID"),
        ("SeqNum", "SV.SeqNum"),
        ("Status", "SV.Status"),
        ("OrderMgrType", "SV.OrderMgrType"),
        ("Stage", "SV.Stage"),
    ] {
        out.push(Promotion {
            message_type: types::ROUTING.into(),
            element: element.into(),
            property: property.into(),
        });
    }
    for (element, property) in [
        ("CustID", "SV.CustID"),
        ("OrderID", "SV.OrderID"),
        ("SeqNum", "SV.SeqNum"),
    ] {
        out.push(Promotion {
            message_type: types::FACILITIES_REPLY.into(),
            element: element.into(),
            property: property.into(),
        });
    }
    out
}

/// A CSR order request as the CSR form submits it (domain.md 6.2, 6.8).
pub fn csr_request(
    request_id: &str,
    cust: &str,
    order: &str,
    seq: u32,
    type_code: &str,
    status: &str,
) -> String {
    format!(
        "<CSR_OrderRequest xmlns=\"{ns}\"><ReqId>{request_id}</ReqId><CustID>{cust}</CustID><OrderID>{order}</OrderID>\
         <SeqNum>{seq}</SeqNum><OrdTypeCode>{type_code}</OrdTypeCode><Status>{status}</Status>\
         <ReturnAddress>CSR</ReturnAddress></CSR_OrderRequest>",
        ns = ns(types::CSR_REQUEST)
    )
}

pub(crate) fn namespace(suffix: &str) -> String {
    format!("{P}.{suffix}")
}
