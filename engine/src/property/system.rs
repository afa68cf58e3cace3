//! The system properties the engine's code names (domain.md 1.4, 1.9, 2), as constants: `bts::MESSAGE_TYPE`
//! is `"BTS.MessageType"`. Every schema declares them, with all of BizTalk's other built-in properties,
//! from the catalogue (`catalogue/`); the list below also says which type the engine relies on for each,
//! and the catalogue's tests check that it agrees.

#[cfg(test)]
use super::XsdType;

/// Declares, per namespace, its prefix constant, a module of full `Prefix.Name` constants and the rows of
/// `BUILT_IN` (for the tests).
macro_rules! system_properties {
    ($(
        $(#[$prefix_doc:meta])*
        $prefix:ident = $ns:literal in mod $module:ident {
            $($(#[$doc:meta])* $constant:ident = $name:literal: $xsd:ident,)*
        }
    )*) => {
        $(
            $(#[$prefix_doc])*
            pub const $prefix: &str = $ns;

            #[doc = concat!("The built-in `", $ns, "` properties, as full names ready for `PropertyName::parse`.")]
            pub mod $module {
                $(
                    $(#[$doc])*
                    pub const $constant: &str = concat!($ns, ".", $name);
                )*
            }
        )*

        /// (namespace, name, type) of each property the engine names.
        #[cfg(test)]
        pub(super) const BUILT_IN: &[(&str, &str, XsdType)] = &[$($(($ns, $name, XsdType::$xsd),)*)*];
    };
}

system_properties! {
    /// The prefix filters use for `http://schemas.microsoft.com/BizTalk/2003/system-properties`.
    SYSTEM_NS = "BTS" in mod bts {
        MESSAGE_TYPE = "MessageType": String,
        RECEIVE_PORT_NAME = "ReceivePortName": String,
        RECEIVE_PORT_ID = "ReceivePortID": String,
        RECEIVE_LOCATION_NAME = "ReceiveLocationName": String,
        INBOUND_TRANSPORT_LOCATION = "InboundTransportLocation": String,
        INBOUND_TRANSPORT_TYPE = "InboundTransportType": String,
        OUTBOUND_TRANSPORT_LOCATION = "OutboundTransportLocation": String,
        OUTBOUND_TRANSPORT_TYPE = "OutboundTransportType": String,
        SP_ID = "SPID": String,
        SP_NAME = "SPName": String,
        SP_TRANSPORT_ID = "SPTransportID": String,
        SP_TRANSPORT_BACKUP_ID = "SPTransportBackupID": String,
        SP_GROUP_ID = "SPGroupID": String,
        CORRELATION_TOKEN = "CorrelationToken": String,
        EPM_RR_CORRELATION_TOKEN = "EpmRRCorrelationToken": String,
        SUSPEND_MESSAGE_ON_ROUTING_FAILURE = "SuspendMessageOnRoutingFailure": Boolean,
        SUSPEND_AS_NON_RESUMABLE = "SuspendAsNonResumable": Boolean,
        ROUTE_MESSAGE_ON_FAILURE = "RouteMessageOnFailure": Boolean,
        ACTUAL_RETRY_COUNT = "ActualRetryCount": Int,
        ACK_TYPE = "AckType": String,
        ACK_SEND_PORT_NAME = "AckSendPortName": String,
        ACK_RECEIVE_PORT_NAME = "AckReceivePortName": String,
        INTERCHANGE_ID = "InterchangeID": String,
        ACK_REQUIRED = "AckRequired": Boolean,
        /// [inferred] The simulator's stand-in for the service and port keys of a partner-bound
        /// subscription (domain.md 3): the sending orchestration's port, as `Orchestration.Port`.
        PARTNER_PORT = "PartnerPort": String,
    }

    /// The prefix of the failed-message routing properties (domain.md 1.9).
    ERROR_REPORT_NS = "ErrorReport" in mod error_report {
        FAILURE_CODE = "FailureCode": String,
        MESSAGE_TYPE = "MessageType": String,
        RECEIVE_PORT_NAME = "ReceivePortName": String,
        INBOUND_TRANSPORT_LOCATION = "InboundTransportLocation": String,
        SEND_PORT_NAME = "SendPortName": String,
        OUTBOUND_TRANSPORT_LOCATION = "OutboundTransportLocation": String,
        ERROR_TYPE = "ErrorType": String,
        ROUTING_FAILURE_REPORT_ID = "RoutingFailureReportID": String,
        DESCRIPTION = "Description": String,
        FAILURE_TIME = "FailureTime": DateTime,
        FAILURE_MESSAGE_ID = "FailureMessageID": String,
        FAILURE_INSTANCE_ID = "FailureInstanceID": String,
        FAILURE_ADAPTER = "FailureAdapter": String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_are_the_full_names_of_the_built_in_rows() {
        assert_eq!(bts::MESSAGE_TYPE, "BTS.MessageType");
        assert_eq!(bts::EPM_RR_CORRELATION_TOKEN, "BTS.EpmRRCorrelationToken");
        assert_eq!(error_report::FAILURE_CODE, "ErrorReport.FailureCode");
        assert_eq!(BUILT_IN.len(), 38);
        assert!(BUILT_IN.contains(&("BTS", "PartnerPort", XsdType::String)));
        assert!(BUILT_IN.contains(&("ErrorReport", "FailureTime", XsdType::DateTime)));
    }
}
