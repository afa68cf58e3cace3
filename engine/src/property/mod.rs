//! Context properties: names, XSD types, typed values and the schema that declares them
//! (domain.md 1.4, 1.5).

mod bpm;
pub mod catalogue;
mod datetime;
mod name;
mod schema;
mod system;
mod value;

pub use bpm::{bpm_schema, BPM_NAMESPACE, BPM_PROPERTIES, BPM_XML_NAMESPACE};
pub use catalogue::{CatalogueProperty, CatalogueSchema};
pub use name::PropertyName;
pub use schema::{
    NamespaceAlias, PropId, PropertyDef, PropertySchema, SchemaError, XmlNamespaceLink,
};
pub use system::{bts, error_report, ERROR_REPORT_NS, SYSTEM_NS};
pub use value::{Collation, Value, ValueError, XsdType, PROMOTED_VALUE_CAP};
