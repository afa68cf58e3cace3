//! The system property schema (`BTS`) and the failed-message routing schema (`ErrorReport`).

use super::{typed, untyped, CatalogueSchema, INSTALLED};
use crate::property::XsdType::{Boolean, DateTime, Int, String as Str};

const HOW_TO_USE: &str =
    "https://learn.microsoft.com/en-us/biztalk/core/how-to-use-message-context-properties";
/// Its code sample reads `RetryCount` and `RetryInterval` (minutes) from the context as `int`s.
const SEND_ADAPTERS: &str =
    "https://learn.microsoft.com/en-us/biztalk/core/exchange-patterns-for-send-adapters";
/// Says `ReceiveLocationName` is written, not promoted; its sample reads it into a string.
const PROMOTING: &str = "https://learn.microsoft.com/en-us/biztalk/core/promoting-properties";
/// Lists `IsSolicitResponse` (boolean) among BizTalk's internal properties.
const AS2: &str = "https://learn.microsoft.com/en-us/biztalk/core/as2-context-properties";
/// BizTalk.Factory's schema in BizTalk's system namespace, for the properties BizTalk writes but does not
/// declare (in the shared fixtures as biztalk-factory__SystemProperties.xsd). Not Microsoft's.
const FACTORY: &str = "https://github.com/icraftsoftware/BizTalk.Factory/blob/7584592b505299d0d689cb8a5d53135298e58dff/src/BizTalk.Schemas/Schemas/SystemProperties.xsd";

/// The system properties.
/// <https://learn.microsoft.com/en-us/biztalk/core/how-to-use-message-context-properties> (both tables,
/// promotable and not), the rest of the installed schema's names from [`INSTALLED`], and the pages named
/// per property.
pub(super) const BTS: CatalogueSchema = CatalogueSchema {
    prefix: "BTS",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2003/system-properties",
    title: "System properties",
    doc: HOW_TO_USE,
    namespace_source: Some("https://learn.microsoft.com/en-us/biztalk/core/about-biztalk-message-context-properties"),
    properties: &[
        // The page's table of properties the engine promotes.
        typed("AckFailureCategory", Int, "xs:int"),
        typed("AckFailureCode", Str, "xs:string"),
        typed("AckID", Str, "xs:string"),
        typed("AckInboundTransportLocation", Str, "xs:string"),
        typed("AckOutboundTransportLocation", Str, "xs:string"),
        typed("AckOwnerID", Str, "xs:string"),
        typed("AckReceivePortID", Str, "xs:string"),
        typed("AckReceivePortName", Str, "xs:string"),
        typed("AckSendPortID", Str, "xs:string"),
        typed("AckSendPortName", Str, "xs:string"),
        typed("AckType", Str, "xs:string"),
        typed("ActionOnFailure", Int, "xs:int"),
        typed("CorrelationToken", Str, "xs:string"),
        typed("EpmRRCorrelationToken", Str, "xs:int").note(
            "the same row describes the value as a server name, a process ID and a GUID; \
             kept a string, as the engine promotes it",
        ),
        typed("InboundTransportLocation", Str, "xs:string"),
        typed("InboundTransportType", Str, "xs:string"),
        typed("InterchangeSequenceNumber", Int, "xs:int"),
        typed("IsDynamicSend", Boolean, "xs:boolean"),
        typed("MessageDestination", Str, "xs:string"),
        typed("MessageType", Str, "xs:string"),
        typed("OutboundTransportLocation", Str, "xs:string"),
        typed("OutboundTransportType", Str, "xs:string"),
        typed("PropertiesToUpdate", Str, "xs:string"),
        typed("ReceivePortID", Str, "xs:int").note(
            "the docs' own direct-bound port example compares it with a GUID \
             (how-to-use-messagebox-direct-bound-ports); kept a string",
        ),
        typed("ReceivePortName", Str, "xs:string"),
        typed("RouteDirectToTP", Boolean, "xs:boolean"),
        typed("SPGroupID", Str, "xs:string"),
        typed("SPID", Str, "xs:string"),
        typed("SPName", Str, "xs:string"),
        typed("SPTransportBackupID", Str, "xs:string"),
        typed("SPTransportID", Str, "xs:string"),
        typed("SuspendAsNonResumable", Boolean, "xs:boolean"),
        typed("SuspendMessageOnRoutingFailure", Boolean, "xs:boolean"),
        // The page's table of properties that are not promoted.
        typed("AckDescription", Str, "xs:string"),
        typed("EncryptionCert", Str, "xs:int").note(
            "the same row describes a certificate thumbprint; kept a string",
        ),
        typed("InterchangeID", Str, "xs:string"),
        typed("LoopBack", Boolean, "xs:boolean").note(
            "the page writes Loopback; the installed schema (INSTALLED) spells it LoopBack",
        ),
        typed("SignatureCertificate", Str, "xs:string"),
        typed("SourcePartyID", Str, "xs:string"),
        typed("SSOTicket", Str, "xs:string"),
        typed("WindowsUser", Str, "xs:string"),
        // Typed on other pages.
        typed("RetryCount", Int, "int")
            .at(SEND_ADAPTERS)
            .note("the page's code reads it as an int"),
        typed("RetryInterval", Int, "int")
            .at(SEND_ADAPTERS)
            .note("minutes; the page's code reads it as an int"),
        typed("IsSolicitResponse", Boolean, "boolean").at(AS2).note(
            "that page lists it among internal properties in \
             http://schemas.microsoft.com/BizTalk/2006/system-properties; the installed schema \
             (INSTALLED) has it here",
        ),
        // The rest of the installed schema: no page gives their types.
        untyped("AckRequired")
            .at(INSTALLED)
            .engine(Boolean)
            .note("no page gives its type: boolean is the engine's earlier type"),
        untyped("ActivationServiceID").at(INSTALLED),
        untyped("BackupEndpointInfo").at(INSTALLED),
        untyped("BatchRequired").at(INSTALLED),
        untyped("BizTalkControl").at(INSTALLED),
        untyped("DecryptionCert").at(INSTALLED),
        untyped("DestinationParty").at(INSTALLED),
        untyped("DestinationPartyID").at(INSTALLED),
        untyped("DestinationPartyQualifier").at(INSTALLED),
        untyped("EndpointGroup").at(INSTALLED),
        untyped("ExpirationTime").at(INSTALLED),
        untyped("FaultName").at(INSTALLED),
        untyped("FaultQueue").at(INSTALLED),
        untyped("IsFragmented").at(INSTALLED),
        untyped("IsRequestResponse").at(INSTALLED),
        untyped("JobID").at(INSTALLED),
        untyped("LastInterchangeMessage").at(INSTALLED),
        untyped("LRPMsgBodyTracking").at(INSTALLED),
        untyped("LTPMsgBodyTracking").at(INSTALLED),
        untyped("MessageExchangePattern").at(INSTALLED),
        untyped("MessageID").at(INSTALLED),
        untyped("Operation").at(INSTALLED),
        untyped("OutboundTransportCLSID").at(INSTALLED),
        untyped("PartnerPort").at(INSTALLED).note(
            "[inferred] the simulator's stand-in for the service and port keys of a partner-bound \
             subscription: the sending orchestration's port, as Orchestration.Port (domain.md 3)",
        ),
        untyped("PartnerService").at(INSTALLED),
        untyped("PassThrough").at(INSTALLED),
        untyped("PipelinesExecuted").at(INSTALLED),
        untyped("ProcessingParts").at(INSTALLED),
        untyped("ReceivePipelineConfig").at(INSTALLED),
        untyped("ReceivePipelineID").at(INSTALLED),
        untyped("ReceivePipelineResponseConfig").at(INSTALLED),
        untyped("ReceivePortTransformHint").at(INSTALLED),
        untyped("ReqRespTransmitPipelineID").at(INSTALLED),
        untyped("SchemaStrongName").at(INSTALLED),
        untyped("SendPipelineConfig").at(INSTALLED),
        untyped("SendPipelineResponseConfig").at(INSTALLED),
        untyped("SendPortTransformHint").at(INSTALLED),
        untyped("SigningCert").at(INSTALLED),
        untyped("SOAPAction").at(INSTALLED),
        untyped("SourceParty").at(INSTALLED),
        untyped("SourcePartyEvidence").at(INSTALLED),
        untyped("SourcePartyEvidenceQualifier").at(INSTALLED),
        untyped("SourcePartyQualifier").at(INSTALLED),
        untyped("SuppressRoutingFailureDiagnosticInfo").at(INSTALLED),
        untyped("SuspendMessageOnMappingFailure").at(INSTALLED),
        untyped("TransmitPipelineID").at(INSTALLED),
        untyped("TransmitWorkID").at(INSTALLED),
        untyped("WorkID").at(INSTALLED),
        // Written into this namespace by BizTalk but not in its schema.
        untyped("ReceiveLocationName").at(PROMOTING).note(
            "written, not promoted, so filters cannot use it; the page's sample reads it into a \
             string",
        ),
        untyped("ActualRetryCount").at(FACTORY).engine(Int).note(
            "on no Microsoft page and not in the installed schema (INSTALLED); BizTalk.Factory \
             declares it xs:int in this namespace; int is the engine's earlier type",
        ),
        untyped("RouteMessageOnFailure").at(FACTORY).engine(Boolean).note(
            "on no Microsoft page and not in the installed schema (INSTALLED); BizTalk.Factory \
             declares it xs:boolean in this namespace; boolean is the engine's earlier type",
        ),
    ],
};

/// The properties BizTalk promotes on a failed message it routes (failed-message routing).
/// <https://learn.microsoft.com/en-us/biztalk/core/using-failed-message-routing>; the namespace and
/// `ProcessingServer` from [`INSTALLED`].
pub(super) const ERROR_REPORT: CatalogueSchema = CatalogueSchema {
    prefix: "ErrorReport",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2005/error-report",
    title: "Failed-message routing",
    doc: "https://learn.microsoft.com/en-us/biztalk/core/using-failed-message-routing",
    namespace_source: Some(INSTALLED),
    properties: &[
        typed("FailureCode", Str, "xs:string"),
        typed("FailureCategory", Int, "xs:int"),
        typed("Description", Str, "xs:string"),
        typed("MessageType", Str, "xs:string"),
        typed("ReceivePortName", Str, "xs:string"),
        typed("InboundTransportLocation", Str, "xs:string"),
        typed("SendPortName", Str, "xs:string"),
        typed("OutboundTransportLocation", Str, "xs:string"),
        typed("ErrorType", Str, "xs:string"),
        typed("RoutingFailureReportID", Str, "xs:string"),
        typed("FailureTime", DateTime, "xs:dateTime"),
        typed("FailureMessageID", Str, "xs:string"),
        typed("FailureInstanceID", Str, "xs:string"),
        typed("FailureAdapter", Str, "xs:string"),
        untyped("ProcessingServer").at(INSTALLED),
    ],
};
