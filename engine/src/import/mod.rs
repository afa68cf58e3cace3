//! Importing real BizTalk files: binding files (ports, groups, locations, orchestration bindings) and saved
//! message contexts. What the simulator does not model becomes a warning, never silently dropped; bad
//! XML is an error with its line.

mod binding_xml;
mod bindings;
mod bindings_app;
mod context;
mod debug_rank;
mod debugger;
mod property_schema;
mod text;

pub use bindings::{
    import_bindings, import_bindings_with, BindingImport, BoundTo, ImportedLocation,
    ImportedOrchestration, ImportedPort, ImportedReceivePort, ImportedSendPort,
    ImportedSendPortGroup,
};
pub use context::{import_context, ContextImport};
pub use debug_rank::Ranked;
pub use debugger::{
    debug_routing, parse_state, DebugInputs, DebugSubscriber, Delivery, Outcome, RoutingDebug,
    StateSource, Verdict,
};
pub use property_schema::{deploy_property_schemas, PropertySchemaFile, SchemaProperty};
pub use text::decode;

use std::fmt;

/// Why a file could not be imported at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub line: u32,
    pub reason: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for ImportError {}

/// Parses XML text (declaration padded with whitespace allowed), reporting the line of any error.
pub(crate) fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, ImportError> {
    let body = text.trim_start();
    let skipped = text[..text.len() - body.len()].matches('\n').count() as u32;
    roxmltree::Document::parse(body).map_err(|e| ImportError {
        line: e.pos().row + skipped,
        reason: format!("not well-formed XML: {e}"),
    })
}
