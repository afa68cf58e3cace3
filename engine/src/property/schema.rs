//! The set of properties a group knows: the built-in system properties plus those of deployed property
//! schemas. Each gets a small id so the matcher can index by it.

use super::system::BUILT_IN;
use super::{PropertyName, XsdType};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::fmt;

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
    by_name: FxHashMap<String, PropId>,
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
    /// A schema holding only the built-in system properties.
    pub fn with_system_properties() -> Self {
        let defs: Vec<PropertyDef> = BUILT_IN
            .iter()
            .map(|(ns, name, xsd)| PropertyDef {
                name: PropertyName::parse(&format!("{ns}.{name}"))
                    .expect("built-in names are valid"),
                xsd: *xsd,
                system: true,
            })
            .collect();
        Self::from(SchemaData {
            defs,
            ..Default::default()
        })
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

    /// The property with this name, written with its declared namespace or an aliased full one.
    pub fn id(&self, full_name: &str) -> Option<PropId> {
        if let Some(id) = self.by_name.get(full_name) {
            return Some(*id);
        }
        let (namespace, name) = full_name.rsplit_once('.')?;
        self.aliases
            .iter()
            .filter(|a| a.full == namespace)
            .find_map(|a| self.by_name.get(&format!("{}.{name}", a.short)).copied())
    }

    /// `id` for a parsed name; short names are looked up without allocating (every publish asks this
    /// for each promoted property).
    pub fn id_of(&self, name: &PropertyName) -> Option<PropId> {
        let (ns, local) = (name.namespace(), name.name());
        let mut buf = [0u8; 96];
        let len = ns.len() + 1 + local.len();
        if len > buf.len() {
            return self.id(&name.to_string());
        }
        buf[..ns.len()].copy_from_slice(ns.as_bytes());
        buf[ns.len()] = b'.';
        buf[ns.len() + 1..len].copy_from_slice(local.as_bytes());
        let full = std::str::from_utf8(&buf[..len]).expect("joined from two strs");
        self.id(full)
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
    fn from(data: SchemaData) -> Self {
        let by_name = data
            .defs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.name.to_string(), PropId(i as u32)))
            .collect();
        Self {
            defs: data.defs,
            aliases: data.aliases,
            xml_links: data.xml_links,
            by_name,
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
