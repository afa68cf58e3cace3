//! The set of properties a group knows: BizTalk's built-in ones (the catalogue: system, failed-message,
//! adapter, pipeline and EDI properties) plus those of deployed property schemas. Each gets a small id so
//! the matcher can index by it.

use super::catalogue;
use super::{PropertyName, XsdType};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::LazyLock;

/// The catalogue's properties as definitions, built once. Every schema starts with a copy: the names are
/// static strings, so copying allocates only the vector.
static CATALOGUE_DEFS: LazyLock<Vec<PropertyDef>> = LazyLock::new(|| {
    catalogue::properties()
        .map(|(schema, property)| PropertyDef {
            name: PropertyName::from_static(schema.prefix, property.name),
            xsd: property.xsd,
            system: true,
        })
        .collect()
});

/// Index of a property in its schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PropId(pub u32);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropertyDef {
    pub name: PropertyName,
    pub xsd: XsdType,
    /// Built into the engine rather than deployed with a property schema.
    pub system: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaError(pub String);

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SchemaError {}

/// A short prefix that stands for a schema's .NET namespace: filters in the docs write `SV.Status`
/// where binding files write `Microsoft.Samples.BizTalk.SouthridgeVideo.Schemas.Status`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamespaceAlias {
    pub short: String,
    pub full: String,
}

/// A deployed property schema's XML target namespace (what message contexts write) and the .NET
/// namespace its properties have in filters (domain.md 1.5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct XmlNamespaceLink {
    pub xml: String,
    pub prefix: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct SchemaData {
    defs: Vec<PropertyDef>,
    #[serde(default)]
    aliases: Vec<NamespaceAlias>,
    #[serde(default)]
    xml_links: Vec<XmlNamespaceLink>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(from = "SchemaData", into = "SchemaData")]
pub struct PropertySchema {
    defs: Vec<PropertyDef>,
    aliases: Vec<NamespaceAlias>,
    xml_links: Vec<XmlNamespaceLink>,
    /// The properties after the catalogue's (all of them when `catalogued` is 0), by full name.
    by_name: FxHashMap<String, PropId>,
    /// How many leading `defs` are the catalogue's, in its order: their ids are found through the
    /// catalogue's own index, so `by_name` needs no entry for them.
    catalogued: usize,
}

impl PartialEq for PropertySchema {
    fn eq(&self, other: &Self) -> bool {
        self.defs == other.defs
            && self.aliases == other.aliases
            && self.xml_links == other.xml_links
    }
}

impl Default for PropertySchema {
    fn default() -> Self {
        Self::with_system_properties()
    }
}

impl PropertySchema {
    /// A schema holding only BizTalk's built-in properties: every schema of the catalogue, typed.
    pub fn with_system_properties() -> Self {
        let defs = CATALOGUE_DEFS.clone();
        Self {
            catalogued: defs.len(),
            defs,
            aliases: Vec::new(),
            xml_links: Vec::new(),
            by_name: FxHashMap::default(),
        }
    }

    /// Adds a deployed property. Declaring the same name again with the same type is harmless; with
    /// another type it is refused (two schemas sharing a namespace break routing, domain.md 1.5).
    pub fn declare(&mut self, name: PropertyName, xsd: XsdType) -> Result<PropId, SchemaError> {
        if let Some(id) = self.id(&name.to_string()) {
            let existing = &self.defs[id.0 as usize];
            if existing.xsd == xsd {
                return Ok(id);
            }
            return Err(SchemaError(format!(
                "{name} is already declared as {}, not {xsd}",
                existing.xsd
            )));
        }
        let id = PropId(self.defs.len() as u32);
        self.by_name.insert(name.to_string(), id);
        self.defs.push(PropertyDef {
            name,
            xsd,
            system: false,
        });
        Ok(id)
    }

    /// Reads the `mbx route` schema format: one property a line, `NS.Name<TAB>xsd-type`; `#` starts a
    /// comment. Errors name the line.
    pub fn parse_lines(text: &str) -> Result<Self, SchemaError> {
        let mut schema = Self::with_system_properties();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let at = |reason: String| SchemaError(format!("line {}: {reason}", index + 1));
            let (name, xsd) = line
                .split_once('\t')
                .ok_or_else(|| at("expected NS.Name<TAB>xsd-type".into()))?;
            let name = PropertyName::parse(name.trim()).map_err(at)?;
            let xsd = XsdType::parse(xsd)
                .ok_or_else(|| at(format!("unknown or unpromotable XSD type {:?}", xsd.trim())))?;
            schema.declare(name, xsd).map_err(|e| at(e.0))?;
        }
        Ok(schema)
    }

    pub fn aliases(&self) -> &[NamespaceAlias] {
        &self.aliases
    }

    /// Lets `full.Name` resolve to the property declared as `short.Name`.
    pub fn add_namespace_alias(&mut self, short: &str, full: &str) {
        if self
            .aliases
            .iter()
            .any(|a| a.short == short && a.full == full)
        {
            return;
        }
        self.aliases.push(NamespaceAlias {
            short: short.to_string(),
            full: full.to_string(),
        });
    }

    /// Records that contexts write this schema's properties under the XML namespace `xml`.
    pub fn link_xml_namespace(&mut self, xml: &str, prefix: &str) {
        self.xml_links.retain(|l| l.xml != xml);
        self.xml_links.push(XmlNamespaceLink {
            xml: xml.to_string(),
            prefix: prefix.to_string(),
        });
    }

    /// The .NET namespace filters use for a deployed schema's XML target namespace.
    pub fn prefix_of_xml_namespace(&self, xml: &str) -> Option<&str> {
        self.xml_links
            .iter()
            .find(|l| l.xml == xml)
            .map(|l| l.prefix.as_str())
    }

    /// Whether the schema deployed under this .NET namespace has a known XML target namespace: its
    /// properties arrive in contexts under that namespace and no other.
    pub fn is_xml_linked(&self, prefix: &str) -> bool {
        self.xml_links.iter().any(|l| l.prefix == prefix)
            || super::catalogue::by_prefix(prefix).is_some()
    }

    /// The property with this name, written with its declared namespace or an aliased full one.
    pub fn id(&self, full_name: &str) -> Option<PropId> {
        let (namespace, name) = full_name.rsplit_once('.')?;
        self.catalogued(namespace, name)
            .or_else(|| self.declared(full_name, namespace, name))
    }

    /// `id` for a parsed name; short names are looked up without allocating (every publish asks this
    /// for each promoted property).
    pub fn id_of(&self, name: &PropertyName) -> Option<PropId> {
        let (ns, local) = (name.namespace(), name.name());
        if let Some(id) = self.catalogued(ns, local) {
            return Some(id);
        }
        let mut buf = [0u8; 96];
        let len = ns.len() + 1 + local.len();
        if len > buf.len() {
            return self.declared(&name.to_string(), ns, local);
        }
        buf[..ns.len()].copy_from_slice(ns.as_bytes());
        buf[ns.len()] = b'.';
        buf[ns.len() + 1..len].copy_from_slice(local.as_bytes());
        let full = std::str::from_utf8(&buf[..len]).expect("joined from two strs");
        self.declared(full, ns, local)
    }

    /// A property of the catalogue this schema starts with.
    fn catalogued(&self, namespace: &str, name: &str) -> Option<PropId> {
        catalogue::position(namespace, name)
            .filter(|i| *i < self.catalogued)
            .map(|i| PropId(i as u32))
    }

    /// A property declared after the catalogue, by its full name (`namespace.name`), or one of either
    /// kind written with an aliased full namespace.
    fn declared(&self, full_name: &str, namespace: &str, name: &str) -> Option<PropId> {
        if let Some(id) = self.by_name.get(full_name) {
            return Some(*id);
        }
        self.aliases
            .iter()
            .filter(|a| a.full == namespace)
            .find_map(|a| {
                self.catalogued(&a.short, name)
                    .or_else(|| self.by_name.get(&format!("{}.{name}", a.short)).copied())
            })
    }

    pub fn def(&self, id: PropId) -> &PropertyDef {
        &self.defs[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.defs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (PropId, &PropertyDef)> {
        self.defs
            .iter()
            .enumerate()
            .map(|(i, d)| (PropId(i as u32), d))
    }
}

impl From<SchemaData> for PropertySchema {
    /// Saved definitions that start with the catalogue (all saved since it exists) find those through
    /// it; any other list (saved before) is indexed whole, so its ids stay what they were.
    fn from(data: SchemaData) -> Self {
        let catalogue = &*CATALOGUE_DEFS;
        let catalogued = if data.defs.get(..catalogue.len()) == Some(&catalogue[..]) {
            catalogue.len()
        } else {
            0
        };
        let by_name = data
            .defs
            .iter()
            .enumerate()
            .skip(catalogued)
            .map(|(i, d)| (d.name.to_string(), PropId(i as u32)))
            .collect();
        Self {
            defs: data.defs,
            aliases: data.aliases,
            xml_links: data.xml_links,
            by_name,
            catalogued,
        }
    }
}

impl From<PropertySchema> for SchemaData {
    fn from(schema: PropertySchema) -> Self {
        SchemaData {
            defs: schema.defs,
            aliases: schema.aliases,
            xml_links: schema.xml_links,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(full: &str) -> PropertyName {
        PropertyName::parse(full).unwrap()
    }

    #[test]
    fn every_catalogued_property_is_known_typed_and_in_catalogue_order() {
        let schema = PropertySchema::with_system_properties();
        assert_eq!(schema.len(), catalogue::len());
        for (i, (s, p)) in catalogue::properties().enumerate() {
            let full = format!("{}.{}", s.prefix, p.name);
            assert_eq!(schema.id(&full), Some(PropId(i as u32)), "{full}");
            assert_eq!(schema.id_of(&name(&full)), Some(PropId(i as u32)), "{full}");
            let def = schema.def(PropId(i as u32));
            assert_eq!(
                (def.name.to_string(), def.xsd, def.system),
                (full, p.xsd, true)
            );
        }
        assert_eq!(
            schema.def(schema.id("BTS.RetryCount").unwrap()).xsd,
            XsdType::Int
        );
        assert_eq!(schema.id("BTS.NoSuchThing"), None);
        assert_eq!(schema.id("NoDot"), None);
    }

    #[test]
    fn deployed_properties_follow_the_catalogue_and_cannot_retype_it() {
        let mut schema = PropertySchema::with_system_properties();
        let status = schema.declare(name("SV.Status"), XsdType::String).unwrap();
        assert_eq!(status, PropId(catalogue::len() as u32));
        assert_eq!(schema.id("SV.Status"), Some(status));
        assert_eq!(schema.id_of(&name("SV.Status")), Some(status));
        // Declaring a catalogued property again with its type is harmless; with another, refused.
        let file = schema.id("FILE.ReceivedFileName").unwrap();
        assert_eq!(
            schema.declare(name("FILE.ReceivedFileName"), XsdType::String),
            Ok(file)
        );
        assert!(schema
            .declare(name("FILE.ReceivedFileName"), XsdType::Int)
            .is_err());
        // Aliases reach catalogued and deployed properties alike.
        schema.add_namespace_alias("SV", "Full.Namespace");
        assert_eq!(schema.id("Full.Namespace.Status"), Some(status));
        schema.add_namespace_alias("BTS", "Microsoft.BizTalk.System");
        assert_eq!(
            schema.id("Microsoft.BizTalk.System.MessageType"),
            schema.id("BTS.MessageType")
        );
    }

    #[test]
    fn saved_schemas_keep_their_ids_with_or_without_the_catalogue() {
        let mut schema = PropertySchema::with_system_properties();
        let status = schema.declare(name("SV.Status"), XsdType::String).unwrap();
        let back = PropertySchema::from(SchemaData::from(schema.clone()));
        assert_eq!(back, schema);
        assert_eq!(back.catalogued, catalogue::len());
        assert_eq!(back.by_name.len(), 1);
        assert_eq!(back.id("SV.Status"), Some(status));
        assert_eq!(back.id("BTS.MessageType"), schema.id("BTS.MessageType"));
        // A list saved before the catalogue: indexed whole, its ids unchanged.
        let old = PropertySchema::from(SchemaData {
            defs: vec![
                PropertyDef {
                    name: name("BTS.MessageType"),
                    xsd: XsdType::String,
                    system: true,
                },
                PropertyDef {
                    name: name("SV.Status"),
                    xsd: XsdType::String,
                    system: false,
                },
            ],
            aliases: Vec::new(),
            xml_links: Vec::new(),
        });
        assert_eq!(old.id("BTS.MessageType"), Some(PropId(0)));
        assert_eq!(old.id_of(&name("SV.Status")), Some(PropId(1)));
        assert_eq!(old.id("FILE.ReceivedFileName"), None);
    }
}
