//! The property schema of the BPM demo (domain.md 10.2), under the docs' short prefix `SV.` for
//! `Microsoft.Samples.BizTalk.SouthridgeVideo.Schemas`.

use super::{PropertyName, PropertySchema, XsdType};

pub const BPM_PROPERTIES: &[(&str, XsdType)] = &[
    ("SV.CustID", XsdType::String),
    ("SV.OrderID", XsdType::String),
    ("SV.SeqNum", XsdType::Int),
    ("SV.Status", XsdType::String),
    ("SV.OrderMgrType", XsdType::String),
    ("SV.Stage", XsdType::UnsignedInt),
    // OrderStatus.Error is promoted too (domain.md 6.3).
    ("SV.Error", XsdType::String),
];

/// The .NET namespace of the BPM property schema, as binding files write it.
pub const BPM_NAMESPACE: &str = "Microsoft.Samples.BizTalk.SouthridgeVideo.Schemas";

/// The XML target namespace message contexts write the BPM properties under.
pub const BPM_XML_NAMESPACE: &str =
    "https://Microsoft.Samples.BizTalk.SouthridgeVideo.Schemas.OrderPropertySchema";

/// The system properties plus the BPM order properties, which also answer to their full namespace.
pub fn bpm_schema() -> PropertySchema {
    let mut schema = PropertySchema::with_system_properties();
    schema.add_namespace_alias("SV", BPM_NAMESPACE);
    schema.link_xml_namespace(BPM_XML_NAMESPACE, "SV");
    for (name, xsd) in BPM_PROPERTIES {
        schema
            .declare(PropertyName::parse(name).expect("valid name"), *xsd)
            .expect("no clash with system properties");
    }
    schema
}
