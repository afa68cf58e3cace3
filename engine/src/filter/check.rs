//! The checks every notation applies to a predicate: the property is known, `exists` has no value, and
//! any other operator has a value of the property's type.

use crate::property::{PropertyName, PropertySchema, Value, XsdType};

use super::{Op, Predicate};

/// Resolves a property name against the schema.
pub(super) fn known_property(
    schema: &PropertySchema,
    name: &str,
) -> Result<(PropertyName, XsdType), String> {
    let id = schema.id(name).ok_or_else(|| {
        format!("unknown property {name}: no deployed property schema declares it")
    })?;
    let def = schema.def(id);
    Ok((def.name.clone(), def.xsd))
}

/// Checks the operator and value of a predicate on a property of type `xsd`.
pub(super) fn predicate(
    property: PropertyName,
    xsd: XsdType,
    op: Op,
    value: Option<String>,
) -> Result<Predicate, String> {
    match (op, &value) {
        (Op::Exists, Some(v)) if !v.is_empty() => {
            return Err(format!(
                "exists takes no value, but {property} exists has {v:?}"
            ));
        }
        (Op::Exists, _) => {
            return Ok(Predicate {
                property,
                op,
                value: None,
            })
        }
        (_, None) => return Err(format!("{property} {op} needs a value")),
        (_, Some(v)) => {
            Value::parse_filter_value(xsd, v)
                .map_err(|e| format!("value of the wrong type: {property} is {xsd}, and {e}"))?;
        }
    }
    Ok(Predicate {
        property,
        op,
        value,
    })
}
