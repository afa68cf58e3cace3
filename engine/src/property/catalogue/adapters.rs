//! The adapters' property schemas.

use super::{typed, untyped, CatalogueSchema, INSTALLED};
use crate::property::XsdType::{Boolean, DateTime, Int, String as Str, UnsignedInt};

/// The MQSeries properties that are not MQSeries headers.
const MQ_BIZTALK: &str =
    "https://learn.microsoft.com/en-us/biztalk/core/properties-related-to-biztalk-server";
/// The page lists the transmission-queue copies of the message descriptor by name only, filled "following
/// the same rules" as the MQMD_ ones: each has its MQMD_ namesake's type.
const MSG_DESC: &str = "the type of its MQMD_ namesake: the page lists these copies by name only";
/// A filter in Microsoft's aimbiztalk binding file (in the shared fixtures as aimbiztalk__BindingInfo.xml).
const AIMBIZTALK: &str = "https://github.com/Azure/aimbiztalk/blob/f6b7a3ea32fe5c8f41feb4ce9d9e094bad63c60f/src/Microsoft.AzureIntegrationMigration.BizTalk.Types/Schemas/BindingInfo.xml";

/// File adapter.
/// <https://learn.microsoft.com/en-us/biztalk/core/file-adapter-property-schema-and-properties>
pub(super) const FILE: CatalogueSchema = CatalogueSchema {
    prefix: "FILE",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2003/file-properties",
    title: "File adapter",
    doc:
        "https://learn.microsoft.com/en-us/biztalk/core/file-adapter-property-schema-and-properties",
    namespace_source: None,
    properties: &[
        typed("CopyMode", UnsignedInt, "xs:unsignedInt"),
        typed("AllowCacheOnWrite", Boolean, "xs:Boolean"),
        typed("ReceivedFileName", Str, "xs:string"),
        typed("FileCreationTime", DateTime, "xs:datetime"),
        typed("Username", Str, "xs:string"),
        typed("Password", Str, "xs:string"),
        typed("TargetFileName", Str, "xs:string"),
        typed("UseTempFileOnWrite", Boolean, "xs:boolean"),
    ],
};

/// FTP adapter.
/// <https://learn.microsoft.com/en-us/biztalk/core/ftp-adapter-property-schema-and-properties>
pub(super) const FTP: CatalogueSchema = CatalogueSchema {
    prefix: "FTP",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2003/ftp-properties",
    title: "FTP adapter",
    doc:
        "https://learn.microsoft.com/en-us/biztalk/core/ftp-adapter-property-schema-and-properties",
    namespace_source: None,
    properties: &[
        typed("RepresentationType", Str, "xs:string"),
        typed("SSOAffiliateApplication", Str, "xs:string"),
        typed("UserName", Str, "xs:string"),
        typed("Password", Str, "xs:string"),
        typed("FirewallPassword", Str, "xs:string"),
        typed("BeforePut", Str, "xs:string"),
        typed("AfterPut", Str, "xs:string"),
        typed("ReceivedFileName", Str, "xs:string"),
        typed("MaxConnections", UnsignedInt, "xs:unsignedInt"),
        typed("CommandLogFileName", Str, "xs:string"),
        typed("AllocateStorage", Boolean, "xs:boolean"),
        typed("PassiveMode", Boolean, "xs:boolean"),
        typed("SpoolingFolder", Str, "xs:string"),
        typed("AppendIfExists", Boolean, "xs:boolean"),
        typed("UseSsl", Boolean, "xs:boolean"),
        typed("UseDataProtection", Boolean, "xs:boolean"),
        typed("FtpsConnectionMode", Str, "xs:string"),
        typed("ClientCertificateHash", Str, "xs:string"),
        typed("FtpServerType", Str, "xs:string"),
        typed("ExpandMacros", Boolean, "xs:boolean"),
    ],
};

/// HTTP adapter.
/// <https://learn.microsoft.com/en-us/biztalk/core/http-adapter-property-schema-and-properties>
pub(super) const HTTP: CatalogueSchema = CatalogueSchema {
    prefix: "HTTP",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2003/http-properties",
    title: "HTTP adapter",
    doc:
        "https://learn.microsoft.com/en-us/biztalk/core/http-adapter-property-schema-and-properties",
    namespace_source: None,
    properties: &[
        typed("ProxyName", Str, "xs:string"),
        typed("ProxyPort", Int, "xs:int"),
        typed("UseHandlerProxySettings", Boolean, "xs:boolean"),
        typed("UseProxy", Boolean, "xs:boolean"),
        typed("RequestTimeout", Int, "xs:int"),
        typed("Username", Str, "xs:string"),
        typed("Password", Str, "xs:string"),
        typed("ProxyUsername", Str, "xs:string"),
        typed("ProxyPassword", Str, "xs:string"),
        typed("MaxRedirects", Int, "xs:int"),
        typed("ContentType", Str, "xs:string"),
        typed("HttpCookie", Str, "xs:string"),
        typed("AuthenticationScheme", Str, "xs:string"),
        typed("Certificate", Str, "xs:string"),
        typed("UseSSO", Boolean, "xs:boolean"),
        typed("AffiliateApplicationName", Str, "xs:string"),
        typed("InboundHttpHeaders", Str, "xs:string"),
        typed("SubmissionHandle", Str, "xs:string"),
        typed("EnableChunkedEncoding", Boolean, "xs:boolean"),
        typed("UserHttpHeaders", Str, "xs:string"),
        typed("ResponseStatusCode", Int, "xs:int"),
    ],
};

/// SOAP adapter.
/// <https://learn.microsoft.com/en-us/biztalk/core/soap-adapter-property-schema-and-properties>
pub(super) const SOAP: CatalogueSchema = CatalogueSchema {
    prefix: "SOAP",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2003/soap-properties",
    title: "SOAP adapter",
    doc:
        "https://learn.microsoft.com/en-us/biztalk/core/soap-adapter-property-schema-and-properties",
    namespace_source: None,
    properties: &[
        typed("AssemblyName", Str, "xs:string"),
        typed("MethodName", Str, "xs:string"),
        typed("Username", Str, "xs:string"),
        typed("Password", Str, "xs:string"),
        typed("ClientCertificate", Str, "xs:string"),
        typed("UseProxy", Boolean, "xs:Boolean"),
        typed("ProxyAddress", Str, "xs:string"),
        typed("ProxyPort", Int, "xs:int"),
        typed("ProxyUsername", Str, "xs:string"),
        typed("ProxyPassword", Str, "xs:string"),
        typed("UnknownHeaders", Str, "xs:string"),
        typed("AffiliateApplicationName", Str, "xs:string"),
        typed("AuthenticationScheme", Str, "xs:string"),
        typed("UseSSO", Boolean, "xs:boolean"),
        typed("UseHandlerSetting", Boolean, "xs:boolean"),
        typed("ClientConnectionTimeout", Int, "xs:int"),
        typed("UserDefined", Str, "xs:string"),
        typed("UseSoap12", Boolean, "xs:boolean"),
        // In the installed schema (INSTALLED); not on the page.
        untyped("TypeName").at(INSTALLED),
    ],
};

/// SMTP adapter.
/// <https://learn.microsoft.com/en-us/biztalk/core/smtp-adapter-property-schema-and-properties>
pub(super) const SMTP: CatalogueSchema = CatalogueSchema {
    prefix: "SMTP",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2003/smtp-properties",
    title: "SMTP adapter",
    doc:
        "https://learn.microsoft.com/en-us/biztalk/core/smtp-adapter-property-schema-and-properties",
    namespace_source: None,
    properties: &[
        typed("Username", Str, "xs:string"),
        typed("Password", Str, "xs:string"),
        typed("SMTPHost", Str, "xs:string"),
        typed("From", Str, "xs:string"),
        typed("CC", Str, "xs:string"),
        typed("Subject", Str, "xs:string"),
        typed("SMTPAuthenticate", Int, "xs:int"),
        typed("ReadReceipt", Boolean, "xs:boolean"),
        typed("DeliveryReceipt", Boolean, "xs:boolean"),
        typed("EmailBodyText", Str, "xs:string"),
        typed("EmailBodyTextCharset", Str, "xs:string"),
        typed("EmailBodyFile", Str, "xs:string"),
        typed("EmailBodyFileCharset", Str, "xs:string"),
        typed("Attachments", Str, "xs:string"),
        typed("MessagePartsAttachments", UnsignedInt, "xs:unsignedInt"),
        typed("ReplyBy", DateTime, "xs:dateTime"),
        // In the installed schema (INSTALLED); not on the page.
        untyped("SMTPTo").at(INSTALLED),
    ],
};

/// POP3 adapter.
/// <https://learn.microsoft.com/en-us/biztalk/core/pop3-adapter-property-schema-and-properties>
pub(super) const POP3: CatalogueSchema = CatalogueSchema {
    prefix: "POP3",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2003/pop3-properties",
    title: "POP3 adapter",
    doc:
        "https://learn.microsoft.com/en-us/biztalk/core/pop3-adapter-property-schema-and-properties",
    namespace_source: None,
    properties: &[
        typed("Subject", Str, "xs:string"),
        typed("From", Str, "xs:string"),
        typed("To", Str, "xs:string"),
        typed("ReplyTo", Str, "xs:string"),
        typed("CC", Str, "xs:string"),
        typed("Date", Str, "xs:string"),
        typed("DispositionNotificationTo", Str, "xs:string"),
        typed("Headers", Str, "xs:string"),
    ],
};

/// MSMQ adapter.
/// <https://learn.microsoft.com/en-us/biztalk/core/msmq-adapter-property-schema-and-properties>; the
/// namespace from [`INSTALLED`].
pub(super) const MSMQ: CatalogueSchema = CatalogueSchema {
    prefix: "MSMQ",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2003/msmq-properties",
    title: "MSMQ adapter",
    doc:
        "https://learn.microsoft.com/en-us/biztalk/core/msmq-adapter-property-schema-and-properties",
    namespace_source: Some(INSTALLED),
    properties: &[
        typed("Acknowledgement", Int, "xs:int"),
        typed("AcknowledgeType", Int, "xs:int"),
        typed("AdministrationQueue", Str, "xs:string"),
        typed("AppSpecific", Int, "xs:int"),
        typed("ArrivedTime", DateTime, "xs:dateTime"),
        typed("Authenticated", Boolean, "xs:boolean"),
        typed("BodyType", Int, "xs:int"),
        typed("CertificateThumbPrint", Str, "xs:string"),
        typed("CorrelationId", Str, "xs:string"),
        typed("EncryptionAlgorithm", Int, "xs:int"),
        typed("Id", Str, "xs:string"),
        typed("Label", Str, "xs:string"),
        typed("MaximumMessageSize", UnsignedInt, "xs:unsignedInt"),
        typed("MessageType", Int, "xs:int"),
        typed("Priority", Int, "xs:int"),
        typed("Recoverable", Boolean, "xs:boolean"),
        typed("ResponseQueue", Str, "xs:string"),
        typed("SegmentationSupport", Boolean, "xs:boolean"),
        typed("SentTime", DateTime, "xs:dateTime"),
        typed("SourceMachine", Str, "xs:string"),
        typed("TimeOut", Int, "xs:int"),
        typed("TimeOutUnits", Str, "string"),
        typed("Transactional", Boolean, "xs:boolean"),
        typed("UseAuthentication", Boolean, "xs:boolean"),
        typed("UseDeadLetterQueue", Boolean, "xs:boolean"),
        typed("UseJournalQueue", Boolean, "xs:boolean"),
        typed("Password", Str, "xs:string"),
    ],
};

/// MQSeries adapter.
/// <https://learn.microsoft.com/en-us/biztalk/core/mqseries-context-properties> (the headers) and
/// <https://learn.microsoft.com/en-us/biztalk/core/properties-related-to-biztalk-server> (the rest); the
/// namespace from [`INSTALLED`]. The client-based MQSC adapter (Host Integration Server) writes the same
/// schema: <https://learn.microsoft.com/en-us/host-integration-server/core/mqseries-mqspropertyschema-properties1>.
pub(super) const MQSERIES: CatalogueSchema = CatalogueSchema {
    prefix: "MQSeries",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2003/mqs-properties",
    title: "MQSeries adapter (and MQSC)",
    doc: "https://learn.microsoft.com/en-us/biztalk/core/mqseries-context-properties",
    namespace_source: Some(INSTALLED),
    properties: &[
        typed("MQMD_AccountingToken", Str, "string"),
        typed("MQMD_ApplIdentityData", Str, "string"),
        typed("MQMD_ApplOriginData", Str, "string"),
        typed("MQMD_BackoutCount", UnsignedInt, "unsigned int"),
        typed("MQMD_CodedCharSetId", UnsignedInt, "unsigned int"),
        typed("MQMD_CorrelId", Str, "string"),
        typed("MQMD_Encoding", UnsignedInt, "unsigned int"),
        typed("MQMD_Expiry", UnsignedInt, "unsigned int"),
        typed("MQMD_Feedback", UnsignedInt, "unsigned int"),
        typed("MQMD_Format", Str, "string"),
        typed("MQMD_GroupId", Str, "string").note(
            "the page writes MQMD_GroupID; the installed schema (INSTALLED) spells it MQMD_GroupId",
        ),
        typed("MQMD_MsgFlags", UnsignedInt, "unsigned int"),
        typed("MQMD_MsgId", Str, "string"),
        typed("MQMD_MsgSeqNumber", UnsignedInt, "unsigned int"),
        typed("MQMD_MsgType", UnsignedInt, "unsigned int"),
        typed("MQMD_Offset", UnsignedInt, "unsigned int"),
        typed("MQMD_OriginalLength", UnsignedInt, "unsigned int"),
        typed("MQMD_Persistence", UnsignedInt, "unsigned int"),
        typed("MQMD_Priority", UnsignedInt, "unsigned int"),
        typed("MQMD_PutApplName", Str, "string"),
        typed("MQMD_PutApplType", UnsignedInt, "unsigned int"),
        typed("MQMD_PutDate", Str, "string"),
        typed("MQMD_PutTime", Str, "string"),
        typed("MQMD_ReplyToQ", Str, "string"),
        typed("MQMD_ReplyToQMgr", Str, "string"),
        typed("MQMD_Report", UnsignedInt, "unsigned int"),
        typed("MQMD_UserIdentifier", Str, "string"),
        typed("MQXQH_RemoteQMgrName", Str, "string"),
        typed("MQXQH_RemoteQName", Str, "string"),
        typed("MQXQH_MsgDesc_AccountingToken", Str, "string").note(MSG_DESC),
        typed("MQXQH_MsgDesc_ApplIdentityData", Str, "string").note(MSG_DESC),
        typed("MQXQH_MsgDesc_ApplOriginData", Str, "string").note(MSG_DESC),
        typed("MQXQH_MsgDesc_BackoutCount", UnsignedInt, "unsigned int").note(MSG_DESC),
        typed("MQXQH_MsgDesc_CodedCharSetId", UnsignedInt, "unsigned int").note(MSG_DESC),
        typed("MQXQH_MsgDesc_CorrelId", Str, "string").note(MSG_DESC),
        typed("MQXQH_MsgDesc_Encoding", UnsignedInt, "unsigned int").note(MSG_DESC),
        typed("MQXQH_MsgDesc_Expiry", UnsignedInt, "unsigned int").note(MSG_DESC),
        typed("MQXQH_MsgDesc_Feedback", UnsignedInt, "unsigned int").note(MSG_DESC),
        typed("MQXQH_MsgDesc_Format", Str, "string").note(MSG_DESC),
        typed("MQXQH_MsgDesc_MsgId", Str, "string").note(MSG_DESC),
        typed("MQXQH_MsgDesc_MsgType", UnsignedInt, "unsigned int").note(MSG_DESC),
        typed("MQXQH_MsgDesc_Persistence", UnsignedInt, "unsigned int").note(MSG_DESC),
        typed("MQXQH_MsgDesc_Priority", UnsignedInt, "unsigned int").note(MSG_DESC),
        typed("MQXQH_MsgDesc_PutApplName", Str, "string").note(MSG_DESC),
        typed("MQXQH_MsgDesc_PutApplType", UnsignedInt, "unsigned int").note(MSG_DESC),
        typed("MQXQH_MsgDesc_PutDate", Str, "string").note(MSG_DESC),
        typed("MQXQH_MsgDesc_PutTime", Str, "string").note(MSG_DESC),
        typed("MQXQH_MsgDesc_ReplyToQ", Str, "string").note(MSG_DESC),
        typed("MQXQH_MsgDesc_ReplyToQMgr", Str, "string").note(MSG_DESC),
        typed("MQXQH_MsgDesc_Report", UnsignedInt, "unsigned int").note(MSG_DESC),
        typed("MQXQH_MsgDesc_UserIdentifier", Str, "string").note(MSG_DESC),
        typed("MQCIH_AbendCode", Str, "string"),
        typed("MQCIH_ADSDescriptor", UnsignedInt, "unsigned int"),
        typed("MQCIH_AttentionId", Str, "string"),
        typed("MQCIH_Authenticator", Str, "string"),
        typed("MQCIH_CancelCode", Str, "string"),
        typed("MQCIH_CompCode", UnsignedInt, "unsigned int"),
        typed("MQCIH_ConversationalTask", UnsignedInt, "unsigned int"),
        typed("MQCIH_CursorPosition", UnsignedInt, "unsigned int"),
        typed("MQCIH_ErrorOffset", UnsignedInt, "unsigned int"),
        typed("MQCIH_Facility", Str, "string"),
        typed("MQCIH_FacilityKeepTime", UnsignedInt, "unsigned int"),
        typed("MQCIH_FacilityLike", Str, "string"),
        typed("MQCIH_Flags", UnsignedInt, "unsigned int"),
        typed("MQCIH_Format", Str, "string"),
        typed("MQCIH_Function", Str, "string"),
        typed("MQCIH_GetWaitInterval", UnsignedInt, "unsigned int"),
        typed("MQCIH_LinkType", UnsignedInt, "unsigned int"),
        typed("MQCIH_NextTransactionId", Str, "string"),
        typed("MQCIH_OutputDataLength", UnsignedInt, "unsigned int"),
        typed("MQCIH_Reason", UnsignedInt, "unsigned int"),
        typed("MQCIH_ReplyToFormat", Str, "string"),
        typed("MQCIH_ReturnCode", UnsignedInt, "unsigned int"),
        typed("MQCIH_StartCode", Str, "string"),
        typed("MQCIH_TaskEndStatus", UnsignedInt, "unsigned int"),
        typed("MQCIH_TransactionId", Str, "string"),
        typed("MQCIH_UOWControl", UnsignedInt, "unsigned int"),
        typed("MQIIH_Authenticator", Str, "string"),
        typed("MQIIH_CommitMode", Str, "string"),
        typed("MQIIH_Flags", UnsignedInt, "unsigned int"),
        typed("MQIIH_Format", Str, "string"),
        typed("MQIIH_LTermOverride", Str, "string"),
        typed("MQIIH_MFSMapName", Str, "string"),
        typed("MQIIH_ReplyToFormat", Str, "string"),
        typed("MQIIH_SecurityScope", Str, "string"),
        typed("MQIIH_TranInstanceId", Str, "string"),
        typed("MQIIH_TranState", Str, "string"),
        typed("BizTalk_CorrelationID", Str, "string").at(MQ_BIZTALK),
        typed("DataConversion", Str, "string").at(MQ_BIZTALK),
        typed("Ordered", Str, "string").at(MQ_BIZTALK),
        typed("SegmentationAllowed", Str, "string").at(MQ_BIZTALK),
        typed("SSOAffiliateApplication", Str, "string").at(MQ_BIZTALK),
        typed("CompleteMessage", Str, "string").at(MQ_BIZTALK),
        typed("DynamicReceive", Str, "string").at(MQ_BIZTALK),
        typed("TransactionSupported", Str, "string").at(MQ_BIZTALK),
        typed("WaitInterval", Str, "string")
            .at(MQ_BIZTALK)
            .note("the MQSC adapter's page gives Int"),
    ],
};

/// WCF adapters: every WCF-* adapter (BasicHttp, WSHttp, NetTcp, NetMsmq, Custom, WebHttp...) shares it.
/// <https://learn.microsoft.com/en-us/biztalk/core/wcf-adapters-property-schema-and-properties>
pub(super) const WCF: CatalogueSchema = CatalogueSchema {
    prefix: "WCF",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2006/01/Adapters/WCF-properties",
    title: "WCF adapters",
    doc:
        "https://learn.microsoft.com/en-us/biztalk/core/wcf-adapters-property-schema-and-properties",
    namespace_source: None,
    properties: &[
        typed("Action", Str, "String"),
        typed("AffiliateApplicationName", Str, "String"),
        typed("AlgorithmSuite", Str, "String"),
        typed("BindingConfiguration", Str, "String"),
        typed("BindingType", Str, "String"),
        typed("ClientCertificate", Str, "String"),
        typed("CloseTimeout", Str, "String"),
        typed("CustomDeadLetterQueue", Str, "String"),
        typed("DeadLetterQueue", Str, "String"),
        typed("DisableLocationOnFailure", Boolean, "Boolean"),
        typed("EnableTransaction", Boolean, "Boolean"),
        typed("EndpointBehaviorConfiguration", Str, "String"),
        typed("EstablishSecurityContext", Boolean, "Boolean"),
        typed("FromAddress", Str, "String"),
        typed("Headers", Str, "String"),
        typed("Identity", Str, "String"),
        typed("InboundBodyLocation", Str, "String"),
        typed("InboundBodyPathExpression", Str, "String"),
        typed("InboundHeaders", Str, "String"),
        typed("InboundNodeEncoding", Str, "String"),
        typed("IsFault", Boolean, "Boolean"),
        typed("LeaseTimeout", Str, "String"),
        typed("MaxConcurrentCalls", Int, "Integer"),
        typed("MaxConnections", Int, "Integer"),
        typed("MaxReceivedMessageSize", Int, "Integer"),
        typed("MessageClientCredentialType", Str, "String"),
        typed("MessageEncoding", Str, "String"),
        typed("MsmqAuthenticationMode", Str, "String"),
        typed("MsmqEncryptionAlgorithm", Str, "String"),
        typed("MsmqProtectionLevel", Str, "String"),
        typed("MsmqSecureHashAlgorithm", Str, "String"),
        typed("NegotiateServiceCredential", Boolean, "Boolean"),
        typed("OpenTimeout", Str, "String"),
        typed("OrderedProcessing", Str, "String"),
        typed("OutboundBodyLocation", Str, "String"),
        typed("OutboundCustomHeaders", Str, "String"),
        typed("OutboundXmlTemplate", Str, "String"),
        typed("Password", Str, "String"),
        typed("PropagateFaultMessage", Boolean, "Boolean"),
        typed("ProxyAddress", Str, "String"),
        typed("ProxyPassword", Str, "String"),
        typed("ProxyToUse", Str, "String"),
        typed("ProxyUserName", Str, "String"),
        typed("ReplyToAddress", Str, "String"),
        typed("SecurityMode", Str, "String"),
        typed("SendTimeout", Str, "String"),
        typed("ServiceBehaviorConfiguration", Str, "String"),
        typed("ServiceCertificate", Str, "String"),
        typed("SuspendMessageOnFailure", Boolean, "Boolean"),
        typed("TextEncoding", Str, "String"),
        typed("TimeToLive", Str, "String"),
        typed("To", Str, "String"),
        typed("TransactionProtocol", Str, "String"),
        typed("TransportClientCredentialType", Str, "String"),
        typed("TransportProtectionLevel", Str, "String"),
        typed("UserName", Str, "String"),
        typed("UseSourceJournal", Boolean, "Boolean"),
        typed("UseSSO", Boolean, "Boolean"),
        typed("ReferencedBindings", Str, "String"),
        // In the installed schema (INSTALLED); not on the page.
        untyped("HttpHeaders").at(INSTALLED),
        untyped("HttpMethodAndUrl").at(INSTALLED),
        untyped("InboundHttpHeaders").at(INSTALLED),
        untyped("InboundHttpMethod").at(INSTALLED),
        untyped("InboundHttpStatusCode").at(INSTALLED),
        untyped("InboundHttpStatusDescription").at(INSTALLED),
        untyped("IsolationLevel").at(INSTALLED),
        untyped("IssuerName").at(INSTALLED),
        untyped("IssuerSecret").at(INSTALLED),
        untyped("OutboundHttpStatusCode").at(INSTALLED),
        untyped("OutboundHttpStatusDescription").at(INSTALLED),
        untyped("SessionIdleTimeout").at(INSTALLED),
        untyped("SharedAccessKey").at(INSTALLED),
        untyped("SharedAccessKeyName").at(INSTALLED),
        untyped("StsUri").at(INSTALLED),
        untyped("SuppressMessageBodyForHttpVerbs").at(INSTALLED),
        untyped("UseAcsAuthentication").at(INSTALLED),
        untyped("UseSasAuthentication").at(INSTALLED),
        untyped("VariablePropertyMapping").at(INSTALLED),
    ],
};

/// SB-Messaging adapter: the Service Bus brokered message properties.
/// <https://learn.microsoft.com/en-us/biztalk/core/sb-messaging-adapter> describes the adapter but lists
/// no properties: names and namespace from [`INSTALLED`], no types.
pub(super) const SB_MESSAGING: CatalogueSchema = CatalogueSchema {
    prefix: "SBMessaging",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2012/Adapter/BrokeredMessage-properties",
    title: "SB-Messaging adapter",
    doc: "https://learn.microsoft.com/en-us/biztalk/core/sb-messaging-adapter",
    namespace_source: Some(INSTALLED),
    properties: &[
        untyped("ContentType").at(INSTALLED),
        untyped("CorrelationId").at(INSTALLED),
        untyped("CustomBrokeredMessagePropertyNamespace").at(INSTALLED),
        untyped("DeliveryCount").at(INSTALLED),
        untyped("EnqueuedTimeUtc").at(INSTALLED),
        untyped("ExpiresAtUtc").at(INSTALLED),
        untyped("Label").at(INSTALLED),
        untyped("LockToken").at(INSTALLED),
        untyped("LockedUntilUtc").at(INSTALLED),
        untyped("MessageId").at(INSTALLED),
        untyped("ReplyTo").at(INSTALLED),
        untyped("ReplyToSessionId").at(INSTALLED),
        untyped("ScheduledEnqueueTimeUtc").at(INSTALLED),
        untyped("SequenceNumber").at(INSTALLED),
        untyped("SessionId").at(INSTALLED),
        untyped("TimeToLive").at(INSTALLED),
        untyped("To").at(INSTALLED),
    ],
};

/// SFTP adapter.
/// <https://learn.microsoft.com/en-us/biztalk/core/sftp-adapter> describes the adapter but lists no
/// properties: names and namespace from [`INSTALLED`], no types.
pub(super) const SFTP: CatalogueSchema = CatalogueSchema {
    prefix: "SFTP",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2012/Adapter/sftp-properties",
    title: "SFTP adapter",
    doc: "https://learn.microsoft.com/en-us/biztalk/core/sftp-adapter",
    namespace_source: Some(INSTALLED),
    properties: &[
        untyped("AccessAnyServerHostKey").at(INSTALLED),
        untyped("AppendIfExists").at(INSTALLED),
        untyped("ClientAuthenticationMode").at(INSTALLED),
        untyped("EncryptionCipher").at(INSTALLED),
        untyped("Log").at(INSTALLED),
        untyped("Password").at(INSTALLED),
        untyped("PrivateKeyFile").at(INSTALLED),
        untyped("PrivateKeyPassword").at(INSTALLED),
        untyped("ProxyAddress").at(INSTALLED),
        untyped("ProxyPassword").at(INSTALLED),
        untyped("ProxyPort").at(INSTALLED),
        untyped("ProxyType").at(INSTALLED),
        untyped("ProxyUserName").at(INSTALLED),
        untyped("ReceivedFileName").at(INSTALLED),
        untyped("SSHServerHostKeyFingerPrint").at(INSTALLED),
        untyped("TargetFileName").at(INSTALLED),
        untyped("TemporaryFolder").at(INSTALLED),
        untyped("UserName").at(INSTALLED),
    ],
};

/// Windows SharePoint Services adapter.
/// <https://learn.microsoft.com/en-us/biztalk/core/windows-sharepoint-services-adapter-properties-reference>.
/// The page also lists TransmittedFileLocation, with no type, as a BAM-only property; the installed
/// schema ([`INSTALLED`]) has it in MessageTracking, not here, so it is left out.
pub(super) const WSS: CatalogueSchema = CatalogueSchema {
    prefix: "WSS",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2006/WindowsSharePointServices-properties",
    title: "Windows SharePoint Services adapter",
    doc: "https://learn.microsoft.com/en-us/biztalk/core/windows-sharepoint-services-adapter-properties-reference",
    namespace_source: None,
    properties: &[
        typed("Filename", Str, "xs:string"),
        typed("Url", Str, "xs:string"),
        typed("InArchivedMsgUrl", Str, "xs:string"),
        typed("InIconUrl", Str, "xs:string"),
        typed("InTitle", Str, "xs:string"),
        typed("InLastModified", DateTime, "xs:dateTime"),
        typed("InLastModifiedBy", Str, "xs:string"),
        typed("InItemId", Int, "xs:int"),
        typed("InEditUrl", Str, "xs:string"),
        typed("InCreated", DateTime, "xs:dateTime"),
        typed("InCreatedBy", Str, "xs:string"),
        typed("InFileSize", Int, "xs:int"),
        typed("InListName", Str, "xs:string"),
        typed("InListUrl", Str, "xs:string"),
        typed("InPropertiesXml", Str, "xs:string"),
        typed("InOfficeIntegration", Str, "xs:string"),
        typed("ConfigOverwrite", Str, "xs:string"),
        typed("ConfigNamespaceAliases", Str, "xs:string"),
        typed("ConfigOfficeIntegration", Str, "xs:string"),
        typed("ConfigTemplatesDocLib", Str, "xs:string"),
        typed("ConfigTemplatesNamespaceCol", Str, "xs:string"),
        typed("ConfigCustomTemplatesDocLib", Str, "xs:string"),
        typed("ConfigCustomTemplatesNamespaceCol", Str, "xs:string"),
        typed("ConfigPropertiesXml", Str, "xs:string"),
        typed("ConfigTimeout", Int, "xs:int"),
        typed("ConfigAdapterWSPort", Int, "xs:int"),
        // In the installed schema (INSTALLED); not on the page.
        untyped("ConfigSharePointOnlinePassword").at(INSTALLED),
        untyped("ConfigSharePointOnlineUsername").at(INSTALLED),
        untyped("ConfigUseClientOM").at(INSTALLED),
    ],
};

/// Azure Blob Storage adapter.
/// <https://learn.microsoft.com/en-us/biztalk/core/azure-blob-adapter> gives the namespace and names the
/// standard blob properties only loosely ("Blob Uri, Name, and BlobType"): `BlobType` is taken as
/// written. `BlobName`, and the prefix, come from a filter in Microsoft's aimbiztalk binding file; that
/// this prefix is this namespace's is [inferred].
pub(super) const AZURE_BLOB_STORAGE: CatalogueSchema = CatalogueSchema {
    prefix: "AzureBlobStorage",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/Adapter/AzureStorage-properties",
    title: "Azure Blob Storage adapter",
    doc: "https://learn.microsoft.com/en-us/biztalk/core/azure-blob-adapter",
    namespace_source: None,
    properties: &[
        untyped("BlobName").at(AIMBIZTALK).note(
            "[inferred] the prefix's namespace: the name is from a filter, the namespace from the page",
        ),
        untyped("BlobType").note("the page names it in passing, with no type"),
    ],
};
