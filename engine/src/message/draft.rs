//! A message under construction: a pipeline or orchestration sets its context, then publishes it.

use super::{Context, ContextError};
use crate::property::{PropertySchema, Value};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MessageDraft {
    pub body: String,
    pub context: Context,
}

impl MessageDraft {
    pub fn new(body: impl Into<String>) -> Self {
        Self {
            body: body.into(),
            context: Context::default(),
        }
    }

    /// Promotes a value given as text, typed by the schema.
    pub fn promote_text(
        &mut self,
        schema: &PropertySchema,
        name: &str,
        text: &str,
    ) -> Result<(), ContextError> {
        let id = schema.id(name).ok_or_else(|| ContextError {
            property: name.to_string(),
            reason: "cannot promote: no deployed property schema declares it".into(),
        })?;
        let value = Value::parse(schema.def(id).xsd, text).map_err(|e| ContextError {
            property: name.to_string(),
            reason: e.0,
        })?;
        self.context.promote(schema, name, value)
    }

    /// Writes a value given as text: typed by the schema when it declares the property, else a string.
    pub fn write_text(
        &mut self,
        schema: &PropertySchema,
        name: &str,
        text: &str,
    ) -> Result<(), ContextError> {
        let value = match schema.id(name) {
            Some(id) => Value::parse(schema.def(id).xsd, text).map_err(|e| ContextError {
                property: name.to_string(),
                reason: e.0,
            })?,
            None => Value::string(text),
        };
        self.context.write(name, Some(value))
    }
}
