//! The message context: properties that are promoted (routable) or written (carried, not routable).

use crate::property::{PropertyName, PropertySchema, Value, PROMOTED_VALUE_CAP};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextProperty {
    pub value: Value,
    pub promoted: bool,
}

/// Shared until changed: a message's context is copied into every orchestration variable that holds
/// the message and into every snapshot of the world, and almost never changes after publishing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context(Arc<BTreeMap<PropertyName, ContextProperty>>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextError {
    pub property: String,
    pub reason: String,
}

impl fmt::Display for ContextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.property, self.reason)
    }
}

impl std::error::Error for ContextError {}

impl Context {
    /// Promotes a property: it must be declared in the schema, of its type, and within the length cap
    /// (domain.md 1.4).
    pub fn promote(
        &mut self,
        schema: &PropertySchema,
        name: &str,
        value: Value,
    ) -> Result<(), ContextError> {
        let refuse = |reason: String| ContextError {
            property: name.to_string(),
            reason,
        };
        let id = schema.id(name).ok_or_else(|| {
            refuse("cannot promote: no deployed property schema declares it".into())
        })?;
        let def = schema.def(id);
        if !value.fits(def.xsd) {
            return Err(refuse(format!(
                "cannot promote {value}: the property is {}",
                def.xsd
            )));
        }
        let len = value.text_len();
        if len > PROMOTED_VALUE_CAP {
            return Err(refuse(format!(
                "promoted values are capped at {PROMOTED_VALUE_CAP} characters; this one has {len}"
            )));
        }
        Arc::make_mut(&mut self.0).insert(
            def.name.clone(),
            ContextProperty {
                value,
                promoted: true,
            },
        );
        Ok(())
    }

    /// Writes a property: it travels with the message but routing ignores it. Writing a promoted
    /// property demotes it; writing `None` (null) deletes it (domain.md 1.4).
    pub fn write(&mut self, name: &str, value: Option<Value>) -> Result<(), ContextError> {
        let property = PropertyName::parse(name).map_err(|reason| ContextError {
            property: name.to_string(),
            reason,
        })?;
        match value {
            Some(value) => {
                Arc::make_mut(&mut self.0).insert(
                    property,
                    ContextProperty {
                        value,
                        promoted: false,
                    },
                );
            }
            None => {
                if self.0.contains_key(&property) {
                    Arc::make_mut(&mut self.0).remove(&property);
                }
            }
        }
        Ok(())
    }

    /// Removes these properties (full names), whether promoted or written.
    pub fn remove_all(&mut self, names: &[&str]) {
        if self.0.keys().any(|name| names.iter().any(|n| name.is(n))) {
            Arc::make_mut(&mut self.0).retain(|name, _| !names.iter().any(|n| name.is(n)));
        }
    }

    pub fn get(&self, name: &PropertyName) -> Option<&ContextProperty> {
        self.0.get(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&PropertyName, &ContextProperty)> {
        self.0.iter()
    }

    pub fn promoted(&self) -> impl Iterator<Item = (&PropertyName, &Value)> {
        self.0
            .iter()
            .filter(|(_, p)| p.promoted)
            .map(|(n, p)| (n, &p.value))
    }

    /// Every promoted property becomes written (failed-message routing demotes them, domain.md 1.9).
    pub fn demote_all(&mut self) {
        for p in Arc::make_mut(&mut self.0).values_mut() {
            p.promoted = false;
        }
    }
}
