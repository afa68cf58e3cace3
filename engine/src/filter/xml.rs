//! Binding-file filter XML: `<Filter><Group><Statement Property=".." Operator="0..6" Value=".."/></Group>
//! </Filter>`. Each Group is an AND-group; Groups are ORed (domain.md 1.7). Inside a binding file the
//! document arrives as escaped text, often behind `<?xml version="1.0" encoding="utf-16"?>`.

use super::check;
use super::{Filter, FilterError, Op, Position};
use crate::property::PropertySchema;

impl Filter {
    /// Parses filter XML, escaped or not. `<Filter />`, a filter with no groups, and the empty text of a
    /// binding file's empty `<Filter />` element all mean "no filter".
    pub fn parse_xml(text: &str, schema: &PropertySchema) -> Result<Filter, FilterError> {
        let text = text.trim_start_matches('\u{feff}');
        if text.trim().is_empty() {
            return Ok(Filter::default());
        }
        let unescaped;
        let text = if text.trim_start().starts_with("&lt;") {
            unescaped = unescape(text)?;
            unescaped.as_str()
        } else {
            text
        };
        // An XML declaration must come first, but binding files pad it with whitespace.
        let body = text.trim_start();
        let skipped_lines = text[..text.len() - body.len()].matches('\n').count() as u32;
        let doc = roxmltree::Document::parse(body).map_err(|e| {
            let pos = e.pos();
            FilterError::new(
                Position::Xml {
                    line: pos.row + skipped_lines,
                    column: pos.col,
                },
                format!("not well-formed XML: {e}"),
            )
        })?;
        let at = |node: roxmltree::Node, reason: String| {
            let pos = doc.text_pos_at(node.range().start);
            FilterError::new(
                Position::Xml {
                    line: pos.row + skipped_lines,
                    column: pos.col,
                },
                reason,
            )
        };
        let root = doc.root_element();
        if root.tag_name().name() != "Filter" {
            return Err(at(
                root,
                format!("expected <Filter>, found <{}>", root.tag_name().name()),
            ));
        }
        let mut groups = Vec::new();
        for group in root.children().filter(|n| n.is_element()) {
            if group.tag_name().name() != "Group" {
                return Err(at(
                    group,
                    format!("expected <Group>, found <{}>", group.tag_name().name()),
                ));
            }
            let mut predicates = Vec::new();
            for statement in group.children().filter(|n| n.is_element()) {
                if statement.tag_name().name() != "Statement" {
                    let name = statement.tag_name().name();
                    return Err(at(
                        statement,
                        format!("expected <Statement>, found <{name}>"),
                    ));
                }
                let property = statement
                    .attribute("Property")
                    .ok_or_else(|| at(statement, "the Property attribute is missing".into()))?;
                let (property, xsd) =
                    check::known_property(schema, property.trim()).map_err(|e| at(statement, e))?;
                let code = statement.attribute("Operator").ok_or_else(|| {
                    at(statement, "operator missing: no Operator attribute".into())
                })?;
                let op = code
                    .trim()
                    .parse::<u8>()
                    .ok()
                    .and_then(Op::from_code)
                    .ok_or_else(|| {
                        at(
                            statement,
                            format!("unknown operator code {code:?}: expected 0..6"),
                        )
                    })?;
                let value = statement.attribute("Value").map(str::to_string);
                predicates.push(
                    check::predicate(property, xsd, op, value).map_err(|e| at(statement, e))?,
                );
            }
            // The SDK's samples end filters with an empty `<Group/>`; BizTalk ignores it.
            if !predicates.is_empty() {
                groups.push(predicates);
            }
        }
        Ok(Filter { groups })
    }

    /// Prints compact filter XML with operator codes; `exists` statements carry no Value.
    pub fn to_xml(&self) -> String {
        let mut out = String::from("<Filter>");
        for group in &self.groups {
            out.push_str("<Group>");
            for p in group {
                out.push_str(&format!(
                    "<Statement Property=\"{}\" Operator=\"{}\"",
                    attr(&p.property.to_string()),
                    p.op.code()
                ));
                if let Some(v) = &p.value {
                    out.push_str(&format!(" Value=\"{}\"", attr(v)));
                }
                out.push_str(" />");
            }
            out.push_str("</Group>");
        }
        out.push_str("</Filter>");
        out
    }
}

/// Escapes an attribute value, keeping whitespace characters that XML would otherwise normalise away.
/// The binding-file export writes its filter documents' statements with it too.
pub(crate) fn attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

/// Turns the escaped text of a binding file's `<Filter>` element back into XML.
fn unescape(text: &str) -> Result<String, FilterError> {
    let wrapped = format!("<escaped>{text}</escaped>");
    let doc = roxmltree::Document::parse(&wrapped).map_err(|e| {
        FilterError::new(
            Position::Xml {
                line: e.pos().row,
                column: e.pos().col,
            },
            format!("escaped filter text is not valid: {e}"),
        )
    })?;
    Ok(doc.root_element().text().unwrap_or_default().to_string())
}
