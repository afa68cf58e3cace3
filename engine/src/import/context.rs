//! Saved message contexts (`<MessageInfo><ContextInfo><Property Name Namespace Value Promoted?/>`), as
//! the Administration console saves them, into a message context.
//!
//! A property is linked to the name filters use by its XML namespace: a system or adapter schema, or a
//! deployed one. A namespace nothing declares is kept, typed as a string, and said: BizTalk would still
//! route the message on its other properties.

use super::property_schema::{convention_prefix, fallback_prefix};
use super::{parse_xml, ImportError};
use crate::message::Context;
use crate::property::{catalogue, PropertyName, PropertySchema, Value, XsdType};
use serde::{Deserialize, Serialize};

const SYSTEM_PROPERTIES: &str = "http://schemas.microsoft.com/BizTalk/2003/system-properties";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContextImport {
    pub context: Context,
    /// What was assumed to link a property to a filter's name, or about promotion.
    pub notes: Vec<String>,
}

/// System properties the messaging engine writes but does not promote (domain.md 1.4).
const WRITTEN_SYSTEM: &[&str] = &["ReceiveLocationName", "InterchangeID"];

/// Reads a saved context against `schema`, declaring (as strings) the properties of namespaces no
/// schema declares, so that they are kept.
pub fn import_context(
    text: &str,
    schema: &mut PropertySchema,
) -> Result<ContextImport, ImportError> {
    let doc = parse_xml(text)?;
    let root = doc.root_element();
    if root.tag_name().name() != "MessageInfo" {
        return Err(ImportError {
            line: 1,
            reason: format!("expected <MessageInfo>, found <{}>", root.tag_name().name()),
        });
    }
    let mut context = Context::default();
    let mut notes = Vec::new();
    let mut promotion_assumed = false;
    for p in root.descendants().filter(|n| n.has_tag_name("Property")) {
        let line = doc.text_pos_at(p.range().start).row;
        let (Some(name), Some(ns)) = (p.attribute("Name"), p.attribute("Namespace")) else {
            return Err(ImportError {
                line,
                reason: "a <Property> needs Name and Namespace".into(),
            });
        };
        let at = |reason: String| ImportError { line, reason };
        let value = p.attribute("Value").unwrap_or_default();
        let (full, known) = resolve(schema, ns, name, &mut notes);
        let id = match schema.id(&full) {
            Some(id) => id,
            None => {
                let parsed = PropertyName::parse(&full).map_err(at)?;
                schema
                    .declare(parsed, XsdType::String)
                    .map_err(|e| at(e.0))?
            }
        };
        let promoted = match p.attribute("Promoted") {
            Some(v) => v.eq_ignore_ascii_case("true"),
            None => {
                promotion_assumed = true;
                known && !(ns == SYSTEM_PROPERTIES && WRITTEN_SYSTEM.contains(&name))
            }
        };
        let typed =
            Value::parse(schema.def(id).xsd, value).map_err(|e| at(format!("{full}: {e}")))?;
        let result = if promoted {
            context.promote(schema, &full, typed)
        } else {
            context.write(&full, Some(typed))
        };
        result.map_err(|e| at(e.to_string()))?;
    }
    if promotion_assumed {
        notes.push(
            "the file does not say which properties were promoted: properties of known schemas are taken as promoted, \
             except the system properties the engine only writes (ReceiveLocationName, InterchangeID)"
                .into(),
        );
    }
    Ok(ContextImport { context, notes })
}

/// The name a filter would use for `ns`/`name`, and whether a schema declares it.
fn resolve(
    schema: &PropertySchema,
    ns: &str,
    name: &str,
    notes: &mut Vec<String>,
) -> (String, bool) {
    // BizTalk's own schemas (system, adapters, pipelines), then those deployed in the group or run.
    let prefix = catalogue::by_xml_namespace(ns)
        .map(|s| s.prefix)
        .or_else(|| schema.prefix_of_xml_namespace(ns));
    if let Some(prefix) = prefix {
        let full = format!("{prefix}.{name}");
        let known = schema.id(&full).is_some();
        if !known {
            notes.push(format!(
                "{name} ({ns}): its schema does not declare it; kept as a string"
            ));
        }
        return (full, known);
    }
    if let Some(prefix) = convention_prefix(ns) {
        let full = format!("{prefix}.{name}");
        if schema.id(&full).is_some() {
            notes.push(format!(
                "{name} ({ns}) taken as {full}: no property schema links that namespace, so by Visual Studio's naming convention"
            ));
            return (full, true);
        }
    }
    let candidates: Vec<String> = schema
        .iter()
        // A property whose schema is known to live at another XML namespace is not this one: a
        // property is its namespace and its name (domain.md 1.4).
        .filter(|(_, d)| {
            !d.system && d.name.name() == name && !schema.is_xml_linked(d.name.namespace())
        })
        .map(|(_, d)| d.name.to_string())
        .collect();
    if let [only] = candidates.as_slice() {
        notes.push(format!(
            "{name} ({ns}) taken as {only} by its element name alone: no property schema links that namespace"
        ));
        return (only.clone(), true);
    }
    let prefix = fallback_prefix(ns);
    let full = format!("{prefix}.{name}");
    notes.push(format!(
        "{name} ({ns}): no known or given property schema declares it; kept as {full}, a string"
    ));
    (full, false)
}
