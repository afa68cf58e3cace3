//! A message under construction: a pipeline or orchestration sets its context, then publishes it.

use super::scan::{element_text, FieldIndex};
use super::{message_type_of, Context, ContextError, Part};
use crate::property::{bts, PropertySchema, Value};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A message being built: its parts (exactly one is the body) and its context.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageDraft {
    /// Shared with the message it becomes and the drafts copied from it; written on change.
    pub parts: Arc<Vec<Part>>,
    pub body_part: usize,
    pub context: Context,
    /// The body's fields, read once when first asked (derived, never saved).
    #[serde(skip)]
    fields: FieldCache,
}

/// A lazily built `FieldIndex`, shared by the draft's copies.
#[derive(Clone, Debug, Default)]
struct FieldCache(std::sync::OnceLock<std::sync::Arc<FieldIndex>>);

impl PartialEq for FieldCache {
    /// Derived from the body, which the draft's equality already compares.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Default for MessageDraft {
    fn default() -> Self {
        Self::new("")
    }
}

impl MessageDraft {
    /// A one-part message whose body is `body`.
    pub fn new(body: impl Into<String>) -> Self {
        Self {
            parts: Arc::new(vec![Part {
                name: "Body".into(),
                content: body.into(),
            }]),
            body_part: 0,
            context: Context::default(),
            fields: FieldCache::default(),
        }
    }

    /// Adds a part that is not the body (the BPM order manager message has a routing and an order
    /// part, domain.md 6.3).
    pub fn with_part(mut self, name: impl Into<String>, content: impl Into<String>) -> Self {
        Arc::make_mut(&mut self.parts).push(Part {
            name: name.into(),
            content: content.into(),
        });
        self
    }

    /// Makes the named part the body; the body decides the message type (domain.md 1.3).
    pub fn set_body_part(&mut self, name: &str) -> Result<(), ContextError> {
        self.body_part = self
            .parts
            .iter()
            .position(|p| p.name == name)
            .ok_or_else(|| ContextError {
                property: name.to_string(),
                reason: "no part has this name".into(),
            })?;
        Ok(())
    }

    pub fn body(&self) -> &str {
        &self.parts[self.body_part].content
    }

    pub(crate) fn from_parts(parts: Arc<Vec<Part>>, body_part: usize, context: Context) -> Self {
        Self {
            parts,
            body_part,
            context,
            fields: FieldCache::default(),
        }
    }

    /// Replaces the body's content (a Construct writing the message).
    pub fn set_body(&mut self, content: String) {
        let b = self.body_part;
        Arc::make_mut(&mut self.parts)[b].content = content;
        self.fields = FieldCache::default();
    }

    /// The text of the body's first element with this local name, as `element_text`; the body is read
    /// once, however many fields are asked for.
    pub fn field(&self, element: &str) -> Option<String> {
        let index = self
            .fields
            .0
            .get_or_init(|| std::sync::Arc::new(FieldIndex::build(self.body())));
        if index.is_for(self.body()) {
            index.text(element)
        } else {
            // The body changed after the index was built (a Construct rewrote it).
            element_text(self.body(), element)
        }
    }

    /// Promotes `BTS.MessageType` from the body, as the XML disassembler does (domain.md 1.3). A body
    /// that is not XML has no message type to promote.
    pub fn promote_message_type(
        &mut self,
        schema: &PropertySchema,
    ) -> Result<String, ContextError> {
        let message_type = message_type_of(self.body()).ok_or_else(|| ContextError {
            property: bts::MESSAGE_TYPE.into(),
            reason: "the body is not XML, so it has no message type".into(),
        })?;
        self.context.promote(
            schema,
            bts::MESSAGE_TYPE,
            Value::string(message_type.as_str()),
        )?;
        Ok(message_type)
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
