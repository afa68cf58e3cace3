//! The routing debugger: "why didn't my message route?" Every subscriber of a binding file, enlisted and
//! started in a MessageBox of its own, explained against a saved message context.

use super::{import_bindings, import_context};
use crate::messagebox::{
    AdminAction, MessageBox, Owner, SendPortDef, SendPortGroupDef, ServiceDef,
    SubscriptionExplanation,
};
use crate::property::{Collation, PropertySchema};

pub struct RoutingDebug {
    pub subscribers: Vec<SubscriptionExplanation>,
    /// The schema the binding file's filters declared (to print predicates).
    pub schema: PropertySchema,
    /// What was assumed about the context's properties.
    pub notes: Vec<String>,
    /// What the binding file held that the simulator does not model.
    pub warnings: Vec<String>,
}

/// Errors name the file ("binding file" or "context") and the line.
pub fn debug_routing(bindings: &str, context: &str) -> Result<RoutingDebug, String> {
    let b = import_bindings(bindings).map_err(|e| format!("binding file: {e}"))?;
    let imported = import_context(context, &b.schema).map_err(|e| format!("context: {e}"))?;
    let mut mb = MessageBox::new(b.schema.clone(), Collation::default());
    for p in &b.send_ports {
        let def = SendPortDef {
            name: p.name.clone(),
            host: "BizTalkServerApplication".into(),
            filter: p.filter.clone(),
            priority: p.priority.unwrap_or(5),
        };
        mb.add_service(ServiceDef::SendPort(def))
            .map_err(|e| e.to_string())?;
        mb.administer(&Owner::SendPort(p.name.clone()), AdminAction::Start)
            .map_err(|e| e.to_string())?;
    }
    for g in &b.send_port_groups {
        let members = g
            .members
            .iter()
            .filter(|m| b.send_ports.iter().any(|p| &p.name == *m))
            .cloned()
            .collect();
        mb.add_service(ServiceDef::SendPortGroup(SendPortGroupDef {
            name: g.name.clone(),
            members,
            filter: g.filter.clone(),
        }))
        .map_err(|e| e.to_string())?;
        // A group with no started member has no subscription to explain; that is not an error.
        let _ = mb.administer(&Owner::SendPortGroup(g.name.clone()), AdminAction::Start);
    }
    Ok(RoutingDebug {
        subscribers: mb.explain_context(&imported.context),
        schema: mb.schema().clone(),
        notes: imported.notes,
        warnings: b.warnings,
    })
}
