//! Saved message contexts (`<MessageInfo><ContextInfo><Property Name Namespace Value Promoted?/>`), as
//! the Administration console saves them, into a message context.

use super::{parse_xml, ImportError};
use crate::message::Context;
use crate::property::{PropertyName, PropertySchema, Value, ERROR_REPORT_NS, SYSTEM_NS};
use serde::{Deserialize, Serialize};

const SYSTEM_PROPERTIES: &str = "http://schemas.microsoft.com/BizTalk/2003/system-properties";
const ERROR_REPORT: &str = "http://schemas.microsoft.com/BizTalk/2005/error-report";
/// The BPM property schema's target namespace (fixtures: ours__OrderPropertySchema.xsd).
const BPM_TARGET: &str =
    "https://Microsoft.Samples.BizTalk.SouthridgeVideo.Schemas.OrderPropertySchema";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContextImport {
    pub context: Context,
    /// What was assumed to link a property to a filter's name, or about promotion.
    pub notes: Vec<String>,
}

/// System properties the messaging engine writes but does not promote (domain.md 1.4).
const WRITTEN_SYSTEM: &[&str] = &["ReceiveLocationName", "InterchangeID"];

pub fn import_context(text: &str, schema: &PropertySchema) -> Result<ContextImport, ImportError> {
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
        let value = p.attribute("Value").unwrap_or_default();
        // Link the XML namespace to the prefix filters use.
        let full = match ns {
            SYSTEM_PROPERTIES => format!("{SYSTEM_NS}.{name}"),
            ERROR_REPORT => format!("{ERROR_REPORT_NS}.{name}"),
            BPM_TARGET => format!("SV.{name}"),
            other => {
                let candidates: Vec<String> = schema
                    .iter()
                    .filter(|(_, d)| !d.system && d.name.name() == name)
                    .map(|(_, d)| d.name.to_string())
                    .collect();
                if candidates.len() == 1 {
                    notes.push(format!(
                        "{name} ({other}) taken as {} by its element name alone",
                        candidates[0]
                    ));
                    candidates[0].clone()
                } else {
                    let prefix = other
                        .trim_end_matches('/')
                        .rsplit(['/', ':'])
                        .next()
                        .unwrap_or("ns")
                        .replace('.', "_");
                    notes.push(format!(
                        "{name} ({other}): no known property schema declares it; kept as written"
                    ));
                    format!("{prefix}.{name}")
                }
            }
        };
        let id = schema.id(&full);
        let promoted = match p.attribute("Promoted") {
            Some(v) => v.eq_ignore_ascii_case("true"),
            None => {
                promotion_assumed = true;
                id.is_some() && !(ns == SYSTEM_PROPERTIES && WRITTEN_SYSTEM.contains(&name))
            }
        };
        let typed = match id {
            Some(id) => Value::parse(schema.def(id).xsd, value).map_err(|e| ImportError {
                line,
                reason: format!("{full}: {e}"),
            })?,
            None => Value::string(value),
        };
        let result = if promoted {
            context.promote(schema, &full, typed)
        } else {
            PropertyName::parse(&full).map_err(|e| ImportError { line, reason: e })?;
            context.write(&full, Some(typed))
        };
        result.map_err(|e| ImportError {
            line,
            reason: e.to_string(),
        })?;
    }
    if promotion_assumed {
        notes.push(
            "the file does not say which properties were promoted: known schema properties are taken as promoted, \
             except the system properties the engine only writes (ReceiveLocationName, InterchangeID)"
                .into(),
        );
    }
    Ok(ContextImport { context, notes })
}
