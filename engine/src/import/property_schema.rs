//! Users' property schemas (`.xsd` with `b:schemaInfo schema_type="property"`, UTF-8 or UTF-16): read,
//! linked to the names filters use, and deployed into a schema (domain.md 1.5).
//!
//! Filters name a property `<.NET namespace>.<element>`; contexts name it by the XSD's
//! `targetNamespace` and the element. The XSD does not say its .NET namespace, so the link is made, in
//! this order, from the binding file's `TrackedSchemas` (the schema's .NET type name), from Visual
//! Studio's naming convention (`https://Ns.SchemaName`), or from the filters that name its properties;
//! each link says which.

use super::{parse_xml, ImportError};
use crate::property::{PropertyName, PropertySchema, XsdType};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchemaProperty {
    pub name: String,
    pub xsd: XsdType,
    /// The XSD type as written, when the engine compares it as a near type (`short` as `int`).
    pub written_type: Option<String>,
    pub line: u32,
}

/// A property schema file as read, before it is linked to a .NET namespace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PropertySchemaFile {
    /// What the user called it (a file name), for messages.
    pub source: String,
    pub target_namespace: String,
    pub properties: Vec<SchemaProperty>,
    /// Declarations left out, and why (a type that cannot be promoted).
    pub notes: Vec<String>,
}

const XSD: &str = "http://www.w3.org/2001/XMLSchema";

/// The engine type for an XSD type name, and whether it is only near it.
fn engine_type(written: &str) -> Option<(XsdType, bool)> {
    let local = written.rsplit(':').next().unwrap_or(written);
    if let Some(t) = XsdType::parse(local) {
        return Some((t, false));
    }
    Some(match local {
        "short" | "byte" | "integer" => (XsdType::Int, true),
        "unsignedShort" | "unsignedByte" | "nonNegativeInteger" => (XsdType::UnsignedInt, true),
        "double" | "float" => (XsdType::Decimal, true),
        "date" | "time" => (XsdType::DateTime, true),
        "normalizedString" | "token" | "anyURI" | "QName" | "NOTATION" | "ID" | "language"
        | "Name" | "NCName" | "NMTOKEN" => (XsdType::String, true),
        _ => return None,
    })
}

impl PropertySchemaFile {
    pub fn parse(source: &str, text: &str) -> Result<Self, ImportError> {
        let doc = parse_xml(text)?;
        let root = doc.root_element();
        let line_of = |n: roxmltree::Node| doc.text_pos_at(n.range().start).row;
        if root.tag_name().name() != "schema" || root.tag_name().namespace() != Some(XSD) {
            return Err(ImportError {
                line: line_of(root),
                reason: format!(
                    "expected an XML Schema <xs:schema>, found <{}>",
                    root.tag_name().name()
                ),
            });
        }
        let target_namespace = root
            .attribute("targetNamespace")
            .ok_or_else(|| ImportError {
                line: line_of(root),
                reason: "a property schema needs a targetNamespace".into(),
            })?
            .to_string();
        let is_property_schema = root.descendants().any(|n| {
            (n.has_tag_name("schemaInfo") && n.attribute("schema_type") == Some("property"))
                || n.has_tag_name("fieldInfo")
        });
        if !is_property_schema {
            return Err(ImportError {
                line: line_of(root),
                reason: "not a property schema: no <b:schemaInfo schema_type=\"property\"> and no <b:fieldInfo>"
                    .into(),
            });
        }
        let mut properties = Vec::new();
        let mut notes = Vec::new();
        for element in root
            .children()
            .filter(|n| n.is_element() && n.tag_name().name() == "element")
        {
            let line = line_of(element);
            let name = element.attribute("name").ok_or_else(|| ImportError {
                line,
                reason: "an <xs:element> needs a name".into(),
            })?;
            // `type="xs:int"`, or an inline simple type restricting one.
            let written = element
                .attribute("type")
                .or_else(|| {
                    element
                        .descendants()
                        .find(|n| n.has_tag_name((XSD, "restriction")))
                        .and_then(|r| r.attribute("base"))
                })
                .unwrap_or("xs:string");
            match engine_type(written) {
                Some((xsd, near)) => properties.push(SchemaProperty {
                    name: name.to_string(),
                    xsd,
                    written_type: near.then(|| written.to_string()),
                    line,
                }),
                None => notes.push(format!(
                    "{source} line {line}: {name} is {written}, which cannot be promoted (domain.md 1.5); left out"
                )),
            }
        }
        Ok(Self {
            source: source.to_string(),
            target_namespace,
            properties,
            notes,
        })
    }

    fn tail(&self) -> &str {
        namespace_tail(&self.target_namespace)
    }

    fn declares(&self, name: &str) -> bool {
        self.properties.iter().any(|p| p.name == name)
    }
}

/// Deploys property schema files on their own (no binding file to link them by): each is linked by its
/// targetNamespace, and the returned lines say so.
pub fn deploy_property_schemas(
    schema: &mut PropertySchema,
    files: &[PropertySchemaFile],
) -> Result<Vec<String>, ImportError> {
    deploy_schemas(schema, files, &[], &[])
}

/// Links each file to a .NET namespace, deploys its properties into `schema`, and says how each was
/// linked. `tracked` are the binding file's tracked schema type names, `filter_names` the properties
/// its filters name.
pub(crate) fn deploy_schemas(
    schema: &mut PropertySchema,
    files: &[PropertySchemaFile],
    tracked: &[String],
    filter_names: &[String],
) -> Result<Vec<String>, ImportError> {
    let mut links = Vec::new();
    for file in files {
        let (prefix, how) = link(schema, file, tracked, filter_names);
        links.push(format!(
            "{} ({}): {} properties as {prefix}.*, {how}",
            file.source,
            file.target_namespace,
            file.properties.len()
        ));
        links.extend(file.notes.iter().cloned());
        for p in &file.properties {
            let name = PropertyName::parse(&format!("{prefix}.{}", p.name)).map_err(|reason| {
                ImportError {
                    line: p.line,
                    reason: format!("{}: {reason}", file.source),
                }
            })?;
            schema.declare(name, p.xsd).map_err(|e| ImportError {
                line: p.line,
                reason: format!("{}: {e}", file.source),
            })?;
        }
        schema.link_xml_namespace(&file.target_namespace, &prefix);
    }
    Ok(links)
}

fn link(
    schema: &PropertySchema,
    file: &PropertySchemaFile,
    tracked: &[String],
    filter_names: &[String],
) -> (String, String) {
    let tail = file.tail();
    if let Some(known) = crate::property::catalogue::by_xml_namespace(&file.target_namespace) {
        return (
            known.prefix.to_string(),
            format!("the namespace of BizTalk's own {} schema", known.title),
        );
    }
    if let Some(prefix) = schema.prefix_of_xml_namespace(&file.target_namespace) {
        return (
            prefix.to_string(),
            "the namespace the group already links it to".into(),
        );
    }
    if let Some(full) = tracked.iter().find(|t| t.as_str() == tail) {
        if let Some((prefix, _)) = full.rsplit_once('.') {
            return (
                prefix.to_string(),
                format!("linked by the binding file's TrackedSchemas ({full})"),
            );
        }
    }
    let named_by_filters = |prefix: &str| {
        filter_names.iter().any(|n| {
            n.rsplit_once('.')
                .is_some_and(|(p, name)| p == prefix && file.declares(name))
        })
    };
    let convention = convention_prefix(&file.target_namespace);
    if let Some(prefix) = convention.filter(|p| named_by_filters(p)) {
        return (
            prefix.to_string(),
            "assumed from Visual Studio's naming convention (targetNamespace https://<.NET namespace>.<schema name>), which the filters confirm".into(),
        );
    }
    let mut prefixes: Vec<&str> = filter_names
        .iter()
        .filter_map(|n| n.rsplit_once('.'))
        .filter(|(_, name)| file.declares(name))
        .map(|(p, _)| p)
        .collect();
    prefixes.sort_unstable();
    prefixes.dedup();
    if let [only] = prefixes.as_slice() {
        return (
            only.to_string(),
            "assumed because the binding file's filters name these properties only under it".into(),
        );
    }
    let fallback = fallback_prefix(&file.target_namespace);
    (
        fallback,
        "assumed from the targetNamespace; no filter or tracked schema confirms it".into(),
    )
}

/// A targetNamespace without its scheme: `https://Acme.Schemas.PropertySchema` gives
/// `Acme.Schemas.PropertySchema`.
pub(crate) fn namespace_tail(ns: &str) -> &str {
    ["https://", "http://", "urn:"]
        .iter()
        .find_map(|s| ns.strip_prefix(s))
        .unwrap_or(ns)
        .trim_end_matches('/')
}

/// The .NET namespace Visual Studio's naming convention implies: a targetNamespace
/// `https://<.NET namespace>.<schema name>` gives `<.NET namespace>`. None for a URL-like namespace.
pub(crate) fn convention_prefix(ns: &str) -> Option<&str> {
    let tail = namespace_tail(ns);
    (!tail.contains('/'))
        .then(|| tail.rsplit_once('.').map(|(p, _)| p))
        .flatten()
}

/// The prefix a namespace that nothing links gets: its convention prefix, else its tail made a valid
/// name.
pub(crate) fn fallback_prefix(ns: &str) -> String {
    convention_prefix(ns)
        .map(str::to_string)
        .unwrap_or_else(|| namespace_tail(ns).replace(['/', ':'], "_"))
}
