//! A property's name as filters write it: the .NET namespace of its property schema, a dot, and the
//! element name (`BTS.ReceivePortName`, `SV.Status`).

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct PropertyName {
    // Inline up to 24 bytes (`BTS`, `InboundTransportLocation`): every message context holds a dozen
    // names, so cloning a context (a run's copy of a message, a snapshot of the world) allocates none.
    namespace: CompactString,
    name: CompactString,
}

impl PropertyName {
    /// Splits `Ns.Sub.Name` at its last dot. Both sides must be non-empty and hold no spaces.
    pub fn parse(full: &str) -> Result<Self, String> {
        let (namespace, name) = full
            .rsplit_once('.')
            .ok_or_else(|| format!("{full:?} is not Namespace.Name"))?;
        let valid = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
        };
        if !valid(namespace) || !valid(name) || name.contains('.') {
            return Err(format!("{full:?} is not Namespace.Name"));
        }
        Ok(Self {
            namespace: namespace.into(),
            name: name.into(),
        })
    }

    /// A name from two static strings, without allocating (cloning it allocates nothing either). Not
    /// checked: the catalogue's names are, by its tests.
    pub(crate) const fn from_static(namespace: &'static str, name: &'static str) -> Self {
        Self {
            namespace: CompactString::const_new(namespace),
            name: CompactString::const_new(name),
        }
    }

    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// Whether this is the property `Ns.Name` (compared without building the full name).
    pub fn is(&self, full: &str) -> bool {
        full.rsplit_once('.')
            .is_some_and(|(ns, name)| ns == self.namespace && name == self.name)
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for PropertyName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.namespace, self.name)
    }
}

impl From<PropertyName> for String {
    fn from(p: PropertyName) -> String {
        p.to_string()
    }
}

impl TryFrom<String> for PropertyName {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}
