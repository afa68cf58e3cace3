//! Message parts. Every message is multi-part with exactly one body part, and its message type comes from
//! the body: target namespace + `#` + root element (domain.md 1.3).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub name: String,
    pub content: String,
}

/// The message type of an XML body: `namespace#root`, or just `root` without a namespace; `None` when the
/// body is not XML (a flat file or a .NET-typed part carries no schema type).
pub fn message_type_of(body: &str) -> Option<String> {
    super::scan::root_type(body)
}
