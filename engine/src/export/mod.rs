//! Exporting BizTalk binding files (`<BindingInfo>`), laid out as the Administration console writes
//! them (the real files in `../shared/fixtures`): a group's or an application's send ports with their
//! filters and transports, send port groups (distribution lists), receive ports and locations, and
//! orchestration port bindings; and the bridge the engine proposes for a moved application (domain.md
//! 5, 10.6). `crate::import::import_bindings` reads them back.

mod bindings;
mod writer;

pub use bindings::{export_bindings, export_bridge, BridgeBindings};

use std::fmt;

/// Why a binding file could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    UnknownGroup {
        group: String,
        known: Vec<String>,
    },
    UnknownApplication {
        group: String,
        application: String,
        known: Vec<String>,
    },
    /// A filter kept as text that the group's property schema does not accept.
    Filter {
        owner: String,
        reason: String,
    },
    /// A name, address or value holding a character no XML 1.0 file can carry.
    Unwritable {
        what: String,
        character: char,
    },
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::UnknownGroup { group, known } => {
                write!(f, "no group {group} (groups: {})", list(known))
            }
            ExportError::UnknownApplication {
                group,
                application,
                known,
            } => write!(
                f,
                "no application {application} in group {group} (applications: {})",
                list(known)
            ),
            ExportError::Filter { owner, reason } => {
                write!(f, "{owner}: filter cannot be exported: {reason}")
            }
            ExportError::Unwritable { what, character } => write!(
                f,
                "{what}: holds U+{:04X}, which an XML 1.0 file cannot carry",
                *character as u32
            ),
        }
    }
}

impl std::error::Error for ExportError {}
