//! The pipeline components' property schemas: XML and flat file, MIME/SMIME, BizTalk Framework.

use super::{typed, untyped, CatalogueSchema, INSTALLED};
use crate::property::XsdType::{Boolean, DateTime, Int, String as Str};

/// The XML and flat file assemblers and disassemblers.
/// <https://learn.microsoft.com/en-us/biztalk/core/xml-and-flat-file-property-schema-and-properties>
pub(super) const XMLNORM: CatalogueSchema = CatalogueSchema {
    prefix: "XMLNORM",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2003/xmlnorm-properties",
    title: "XML and flat file pipeline components",
    doc: "https://learn.microsoft.com/en-us/biztalk/core/xml-and-flat-file-property-schema-and-properties",
    namespace_source: None,
    properties: &[
        typed("FlatFileHeaderDocument", Str, "xs:string"),
        typed("AllowUnrecognizedMessage", Boolean, "xs:Boolean"),
        typed("ProcessingInstruction", Str, "xs:string"),
        typed("DocumentSpecName", Str, "xs:string"),
        typed("EnvelopeSpecName", Str, "xs:string"),
        typed("TargetCharset", Str, "xs:string"),
        typed("SourceCharset", Str, "xs:string"),
        typed("ProcessingInstructionOption", Int, "xs:int"),
        typed("AddXMLDeclaration", Boolean, "xs:boolean"),
        typed("HeaderSpecName", Str, "xs:string"),
        typed("TrailerSpecName", Str, "xs:string"),
        typed("PromotePropertiesOnly", Boolean, "xs:boolean"),
        // In the installed schema (INSTALLED); not on the page.
        untyped("BamTrackingOnly").at(INSTALLED),
        untyped("InboundPropertiesTracked").at(INSTALLED),
        untyped("PreserveBom").at(INSTALLED),
        untyped("ProcessingInstructionScope").at(INSTALLED),
        untyped("RecoverableInterchangeProcessing").at(INSTALLED),
    ],
};

/// The MIME/SMIME encoder and decoder (per message part). The page's second table, the system
/// namespace's part properties the encoder reads, is not this schema.
/// <https://learn.microsoft.com/en-us/biztalk/core/mime-smime-property-schema-and-properties>
pub(super) const MIME: CatalogueSchema = CatalogueSchema {
    prefix: "MIME",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2003/mime-properties",
    title: "MIME/SMIME encoder and decoder",
    doc: "https://learn.microsoft.com/en-us/biztalk/core/mime-smime-property-schema-and-properties",
    namespace_source: None,
    properties: &[
        typed("FileName", Str, "xs:string"),
        typed("ContentID", Str, "xs:string"),
        typed("ContentDescription", Str, "xs:string"),
        typed("ContentTransferEncoding", Str, "xs:string"),
        typed("ContentLocation", Str, "xs:string"),
        typed("PassThroughBTF", Boolean, "xs:boolean"),
        typed("IsMIMEEncoded", Boolean, "xs:boolean"),
        typed("IsMultipartRelated", Boolean, "xs:boolean"),
        typed("ContentTypeSecondaryHeader", Str, "xs:string"),
        typed("ContentTypeSecondaryHeaderValue", Str, "xs:string"),
        typed("PartContentTypeSecondaryHeader", Str, "xs:string"),
        typed("PartContentTypeSecondaryHeaderValue", Str, "xs:string"),
    ],
};

/// The BizTalk Framework assembler and disassembler.
/// <https://learn.microsoft.com/en-us/biztalk/core/biztalk-framework-schema-and-properties>
pub(super) const BTF2: CatalogueSchema = CatalogueSchema {
    prefix: "BTF2",
    xml_namespace: "http://schemas.microsoft.com/BizTalk/2003/btf2-properties",
    title: "BizTalk Framework",
    doc: "https://learn.microsoft.com/en-us/biztalk/core/biztalk-framework-schema-and-properties",
    namespace_source: None,
    properties: &[
        typed("IsReliable", Boolean, "xs:boolean"),
        typed("PassAckThrough", Boolean, "xs:boolean"),
        typed("eps_to_address", Str, "xs:string"),
        typed("eps_to_address_type", Str, "xs:string"),
        typed("eps_from_address", Str, "xs:string"),
        typed("eps_from_address_type", Str, "xs:string"),
        typed("prop_identity", Str, "xs:string"),
        typed("prop_sentAt", DateTime, "xs:dateTime"),
        typed("prop_topic", Str, "xs:string"),
        typed("svc_deliveryRctRqt_sendTo_address", Str, "xs:string"),
        typed("svc_deliveryRctRqt_sendTo_address_type", Str, "xs:string"),
        typed("svc_deliveryRctRqt_sendBy", DateTime, "xs:dateTime"),
        typed("svc_commitmentRctRqt_sendTo_address", Str, "xs:string"),
        typed("svc_commitmentRctRqt_sendTo_address_type", Str, "xs:string"),
        typed("svc_commitmentRctRqt_sendBy", DateTime, "xs:dateTime"),
        typed("prc_type", Str, "xs:string"),
        typed("prc_instance", Str, "xs:string"),
        typed("deliveryRct_receivedAt", DateTime, "xs:dateTime"),
        typed("deliveryRct_identity", Str, "xs:string"),
        typed("commitmentRct_identity", Str, "xs:string"),
        typed("commitmentRct_decidedAt", DateTime, "xs:dateTime"),
        typed("commitmentRct_decision", Str, "xs:string"),
        typed("commitmentRct_commitmentCode", Str, "xs:QName")
            .note("no QName type in the engine: a string"),
        typed("fault_faultcode", Str, "xs:QName").note("no QName type in the engine: a string"),
        typed("fault_faultstring", Str, "xs:string"),
        typed("fault_faultactor", Str, "xs:string"),
    ],
};
