//! The system properties that filters commonly use, built into every schema (domain.md 1.4, 1.9, 2).

use super::XsdType;

/// The prefix filters use for `http://schemas.microsoft.com/BizTalk/2003/system-properties`.
pub const SYSTEM_NS: &str = "BTS";
/// The prefix of the failed-message routing properties (domain.md 1.9).
pub const ERROR_REPORT_NS: &str = "ErrorReport";

/// (namespace, name, type) of each built-in property.
pub(super) const BUILT_IN: &[(&str, &str, XsdType)] = &[
    (SYSTEM_NS, "MessageType", XsdType::String),
    (SYSTEM_NS, "ReceivePortName", XsdType::String),
    (SYSTEM_NS, "ReceivePortID", XsdType::String),
    (SYSTEM_NS, "ReceiveLocationName", XsdType::String),
    (SYSTEM_NS, "InboundTransportLocation", XsdType::String),
    (SYSTEM_NS, "InboundTransportType", XsdType::String),
    (SYSTEM_NS, "OutboundTransportLocation", XsdType::String),
    (SYSTEM_NS, "OutboundTransportType", XsdType::String),
    (SYSTEM_NS, "SPID", XsdType::String),
    (SYSTEM_NS, "SPName", XsdType::String),
    (SYSTEM_NS, "SPTransportID", XsdType::String),
    (SYSTEM_NS, "SPTransportBackupID", XsdType::String),
    (SYSTEM_NS, "SPGroupID", XsdType::String),
    (SYSTEM_NS, "CorrelationToken", XsdType::String),
    (SYSTEM_NS, "EpmRRCorrelationToken", XsdType::String),
    (
        SYSTEM_NS,
        "SuspendMessageOnRoutingFailure",
        XsdType::Boolean,
    ),
    (SYSTEM_NS, "SuspendAsNonResumable", XsdType::Boolean),
    (SYSTEM_NS, "RouteMessageOnFailure", XsdType::Boolean),
    (SYSTEM_NS, "ActualRetryCount", XsdType::Int),
    (SYSTEM_NS, "AckType", XsdType::String),
    (SYSTEM_NS, "AckSendPortName", XsdType::String),
    (SYSTEM_NS, "AckReceivePortName", XsdType::String),
    (SYSTEM_NS, "InterchangeID", XsdType::String),
    (SYSTEM_NS, "AckRequired", XsdType::Boolean),
    // [inferred] The simulator's stand-in for the service and port keys of a partner-bound subscription
    // (domain.md 3): the sending orchestration's port, as `Orchestration.Port`.
    (SYSTEM_NS, "PartnerPort", XsdType::String),
    (ERROR_REPORT_NS, "FailureCode", XsdType::String),
    (ERROR_REPORT_NS, "MessageType", XsdType::String),
    (ERROR_REPORT_NS, "ReceivePortName", XsdType::String),
    (ERROR_REPORT_NS, "InboundTransportLocation", XsdType::String),
    (ERROR_REPORT_NS, "SendPortName", XsdType::String),
    (
        ERROR_REPORT_NS,
        "OutboundTransportLocation",
        XsdType::String,
    ),
    (ERROR_REPORT_NS, "ErrorType", XsdType::String),
    (ERROR_REPORT_NS, "RoutingFailureReportID", XsdType::String),
    (ERROR_REPORT_NS, "Description", XsdType::String),
    (ERROR_REPORT_NS, "FailureTime", XsdType::DateTime),
    (ERROR_REPORT_NS, "FailureMessageID", XsdType::String),
    (ERROR_REPORT_NS, "FailureInstanceID", XsdType::String),
    (ERROR_REPORT_NS, "FailureAdapter", XsdType::String),
];
