//! A catalogue of BizTalk's own property schemas: the system properties (`BTS`), failed-message routing
//! (`ErrorReport`), the adapters', the pipeline components', EDI and AS2. Data only, written from BizTalk's
//! documentation (each schema names its page, and a property its own page when it comes from another), plus
//! lookups by prefix, by XML namespace and by full name. `PropertySchema::with_system_properties()`
//! declares every property here, so every group knows them, typed.
//!
//! Types. `xsd` is the type the engine gives a property. `documented` is the type as the page writes it
//! (`xs:int`, `xs:Boolean`, `unsigned int`, `Integer`, `short`, `xs:QName`...), kept so the app can show
//! it; the engine's type is the nearest it has (a `short` is an int, a `QName` a string). When no page
//! gives a type, `documented` is `None` and `xsd` is String, unless `note` says why not.
//!
//! Names. Most schemas come with a table on their page. Some pages give no list: their names, and the
//! names a page's table leaves out, come from [`INSTALLED`], the property schemas of an installed BizTalk
//! Server as the docs' sample of the management REST API lists them (names and namespaces, no types).

mod adapters;
mod bts;
mod edi;
mod pipelines;

use super::XsdType;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The property schemas of an installed BizTalk Server 2016 (Feature Pack 1), as the docs' sample reply
/// of the management REST API's `GET /Schemas` lists them: each schema's target namespace and its
/// properties' names, without types. The page left the docs in 2017; this is its last version.
pub const INSTALLED: &str = "https://github.com/MicrosoftDocs/biztalk-docs/blob/d9ae6ed673cd724b751c3641315e6fafa38862b2/biztalk/feature-pack-1/get-schemas-application-json.md";

/// One property of a catalogued schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CatalogueProperty {
    /// The element name, as filters write it after the prefix.
    pub name: &'static str,
    /// The type the engine gives it.
    pub xsd: XsdType,
    /// The type as its page writes it; `None` when no page gives one.
    pub documented: Option<&'static str>,
    /// The page it comes from, when not its schema's page.
    pub source: Option<&'static str>,
    /// What else to know: why the engine's type is not the page's, a spelling the pages disagree on.
    /// Empty when nothing.
    pub note: &'static str,
}

impl CatalogueProperty {
    /// Whether the page's type is not the engine's one (a `short` kept as int, an `xs:int` kept as a
    /// string because the values are GUIDs...). False when the page gives no type.
    pub fn documented_differs(&self) -> bool {
        self.documented.is_some_and(|t| {
            let t = t
                .trim_start_matches("xs:")
                .replace(' ', "")
                .to_ascii_lowercase();
            let same = match self.xsd {
                XsdType::String => t == "string",
                XsdType::Int => t == "int" || t == "integer",
                XsdType::UnsignedInt => t == "unsignedint",
                XsdType::Decimal => t == "decimal",
                XsdType::Boolean => t == "boolean",
                XsdType::DateTime => t == "datetime",
            };
            !same
        })
    }
}

/// A documented type: the page's spelling and the engine's nearest type.
pub(super) const fn typed(
    name: &'static str,
    xsd: XsdType,
    documented: &'static str,
) -> CatalogueProperty {
    CatalogueProperty {
        name,
        xsd,
        documented: Some(documented),
        source: None,
        note: "",
    }
}

/// No page gives a type: a string.
pub(super) const fn untyped(name: &'static str) -> CatalogueProperty {
    CatalogueProperty {
        name,
        xsd: XsdType::String,
        documented: None,
        source: None,
        note: "",
    }
}

impl CatalogueProperty {
    /// Named (and typed, if it is) on another page than its schema's.
    pub(super) const fn at(self, source: &'static str) -> Self {
        Self {
            source: Some(source),
            ..self
        }
    }

    pub(super) const fn note(self, note: &'static str) -> Self {
        Self { note, ..self }
    }

    /// The engine's type when it is not the documented one, or when no page gives one (then `note` says
    /// where it comes from).
    pub(super) const fn engine(self, xsd: XsdType) -> Self {
        Self { xsd, ..self }
    }
}

/// One property schema: the prefix filters write, the namespace message contexts write, its properties.
#[derive(Debug, PartialEq, Eq)]
pub struct CatalogueSchema {
    /// The .NET namespace filters write before the property name (`BTS`, `FILE`, `WCF`).
    pub prefix: &'static str,
    /// Its XML target namespace, as message contexts write it.
    pub xml_namespace: &'static str,
    /// What it belongs to, for people (`File adapter`).
    pub title: &'static str,
    /// The page it comes from.
    pub doc: &'static str,
    /// The page giving `xml_namespace`, when `doc` does not.
    pub namespace_source: Option<&'static str>,
    pub properties: &'static [CatalogueProperty],
}

impl CatalogueSchema {
    pub fn property(&self, name: &str) -> Option<&'static CatalogueProperty> {
        let (schema, property) = *INDEX.get(self.prefix)?.1.get(name)?;
        Some(&SCHEMAS[schema as usize].properties[property as usize])
    }

    /// The page a property of this schema comes from.
    pub fn source_of(&self, property: &CatalogueProperty) -> &'static str {
        property.source.unwrap_or(self.doc)
    }
}

/// Every catalogued schema: the system and failed-message schemas first, then the adapters', the
/// pipeline components', EDI's. A group's property ids follow this order.
pub static SCHEMAS: &[CatalogueSchema] = &[
    bts::BTS,
    bts::ERROR_REPORT,
    adapters::FILE,
    adapters::FTP,
    adapters::HTTP,
    adapters::SOAP,
    adapters::SMTP,
    adapters::POP3,
    adapters::MSMQ,
    adapters::MQSERIES,
    adapters::WCF,
    adapters::SB_MESSAGING,
    adapters::SFTP,
    adapters::AZURE_BLOB_STORAGE,
    adapters::WSS,
    pipelines::XMLNORM,
    pipelines::MIME,
    pipelines::BTF2,
    edi::EDI,
    edi::EDI_INT_AS,
    edi::EDI_OVERRIDE,
];

/// (schema, property within it) by name, per prefix; with the position of the prefix's first property in
/// the whole catalogue.
type Index = FxHashMap<&'static str, (usize, FxHashMap<&'static str, (u16, u16)>)>;

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut index = Index::default();
    let mut position = 0;
    for (s, schema) in SCHEMAS.iter().enumerate() {
        let names = schema
            .properties
            .iter()
            .enumerate()
            .map(|(p, property)| (property.name, (s as u16, p as u16)))
            .collect();
        index.insert(schema.prefix, (position, names));
        position += schema.properties.len();
    }
    index
});

pub fn by_prefix(prefix: &str) -> Option<&'static CatalogueSchema> {
    SCHEMAS.iter().find(|s| s.prefix == prefix)
}

/// The schema whose target namespace this is, as a message context writes it.
pub fn by_xml_namespace(ns: &str) -> Option<&'static CatalogueSchema> {
    SCHEMAS.iter().find(|s| s.xml_namespace == ns)
}

/// A property by its full name, `Prefix.Name`.
pub fn by_name(full: &str) -> Option<(&'static CatalogueSchema, &'static CatalogueProperty)> {
    let (prefix, name) = full.rsplit_once('.')?;
    let (schema, property) = *INDEX.get(prefix)?.1.get(name)?;
    let schema = &SCHEMAS[schema as usize];
    Some((schema, &schema.properties[property as usize]))
}

/// Every property, with its schema, in catalogue order.
pub fn properties() -> impl Iterator<Item = (&'static CatalogueSchema, &'static CatalogueProperty)>
{
    SCHEMAS
        .iter()
        .flat_map(|s| s.properties.iter().map(move |p| (s, p)))
}

/// How many properties the catalogue holds.
pub fn len() -> usize {
    SCHEMAS.iter().map(|s| s.properties.len()).sum()
}

/// A property's place in catalogue order (its property id in a schema that starts with the catalogue).
pub(crate) fn position(prefix: &str, name: &str) -> Option<usize> {
    let (first, names) = INDEX.get(prefix)?;
    let (_, property) = names.get(name)?;
    Some(first + *property as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::property::system::BUILT_IN;
    use crate::property::PropertyName;
    use std::collections::HashSet;

    #[test]
    fn prefixes_and_xml_namespaces_are_unique_and_names_unique_within_a_schema() {
        let mut prefixes = HashSet::new();
        let mut namespaces = HashSet::new();
        for schema in SCHEMAS {
            assert!(prefixes.insert(schema.prefix), "prefix {}", schema.prefix);
            assert!(
                namespaces.insert(schema.xml_namespace),
                "namespace {}",
                schema.xml_namespace
            );
            assert!(!schema.properties.is_empty(), "{}", schema.prefix);
            let mut names = HashSet::new();
            for p in schema.properties {
                assert!(names.insert(p.name), "{}.{} twice", schema.prefix, p.name);
            }
        }
    }

    #[test]
    fn every_name_parses_and_every_page_is_an_address() {
        for (schema, p) in properties() {
            let full = format!("{}.{}", schema.prefix, p.name);
            let parsed = PropertyName::parse(&full).unwrap();
            assert_eq!(parsed, PropertyName::from_static(schema.prefix, p.name));
            assert!(schema.source_of(p).starts_with("https://"), "{full}");
            // An undocumented type is a string, unless a note says where the engine's type comes from.
            if p.documented.is_none() && p.xsd != XsdType::String {
                assert!(!p.note.is_empty(), "{full}");
            }
            // So does a type other than the page's.
            if p.documented_differs() {
                assert!(!p.note.is_empty(), "{full}");
            }
        }
        for schema in SCHEMAS {
            assert!(schema.doc.starts_with("https://"), "{}", schema.prefix);
            assert!(
                schema.xml_namespace.starts_with("http"),
                "{}",
                schema.prefix
            );
        }
    }

    #[test]
    fn the_engines_named_properties_are_catalogued_with_the_types_the_engine_relies_on() {
        for (prefix, name, xsd) in BUILT_IN {
            let (_, p) = by_name(&format!("{prefix}.{name}"))
                .unwrap_or_else(|| panic!("{prefix}.{name} is not catalogued"));
            assert_eq!(p.xsd, *xsd, "{prefix}.{name}");
        }
        // The constants name catalogued properties.
        for full in [
            crate::property::bts::MESSAGE_TYPE,
            crate::property::bts::PARTNER_PORT,
            crate::property::error_report::FAILURE_TIME,
        ] {
            assert!(by_name(full).is_some(), "{full}");
        }
    }

    #[test]
    fn lookups_by_prefix_namespace_and_name_agree() {
        let file = by_prefix("FILE").unwrap();
        assert_eq!(
            by_xml_namespace("http://schemas.microsoft.com/BizTalk/2003/file-properties"),
            Some(file)
        );
        let (schema, received) = by_name("FILE.ReceivedFileName").unwrap();
        assert_eq!(schema, file);
        assert_eq!(received.xsd, XsdType::String);
        assert_eq!(file.property("ReceivedFileName"), Some(received));
        assert_eq!(
            by_xml_namespace("http://schemas.microsoft.com/BizTalk/2003/system-properties")
                .map(|s| s.prefix),
            Some("BTS")
        );
        assert_eq!(
            by_xml_namespace(
                "http://schemas.microsoft.com/BizTalk/2006/01/Adapters/WCF-properties"
            )
            .map(|s| s.prefix),
            Some("WCF")
        );
        assert_eq!(by_name("BTS.RetryCount").unwrap().1.xsd, XsdType::Int);
        assert!(by_name("BTS.NoSuchThing").is_none());
        assert!(by_name("Nope.MessageType").is_none());
        assert!(by_name("MessageType").is_none());
        // Positions run through the whole catalogue in order.
        for (i, (schema, p)) in properties().enumerate() {
            assert_eq!(position(schema.prefix, p.name), Some(i));
        }
        assert_eq!(properties().count(), len());
    }

    #[test]
    fn documented_types_that_differ_are_flagged() {
        let short = by_name("EDI.EncodingType").unwrap().1;
        assert_eq!((short.xsd, short.documented), (XsdType::Int, Some("short")));
        assert!(short.documented_differs());
        assert!(!by_name("FILE.AllowCacheOnWrite")
            .unwrap()
            .1
            .documented_differs());
        assert!(!by_name("MQSeries.MQMD_Priority")
            .unwrap()
            .1
            .documented_differs());
        let port_id = by_name("BTS.ReceivePortID").unwrap().1;
        assert_eq!(port_id.xsd, XsdType::String);
        assert!(port_id.documented_differs());
    }
}
