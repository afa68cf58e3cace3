//! `mbx import-bindings` and `mbx explain`: real BizTalk binding files and saved contexts.

use messagebox_engine::import::{debug_routing, decode, import_bindings, BindingImport};
use serde_json::json;
use std::path::Path;

fn read_bindings(path: &Path) -> Result<BindingImport, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let text = decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    import_bindings(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn import_bindings_cmd(path: &Path) -> Result<(), String> {
    let b = read_bindings(path)?;
    let schema = &b.schema;
    let out = json!({
        "send_ports": b.send_ports.iter().map(|p| json!({
            "name": p.name, "static": p.is_static, "two_way": p.two_way,
            "transport": p.transport_type, "address": p.address, "backup_address": p.backup_address,
            "ordered_delivery": p.ordered_delivery, "priority": p.priority,
            "filter": p.filter.to_orchestration(schema),
        })).collect::<Vec<_>>(),
        "send_port_groups": b.send_port_groups.iter().map(|g| json!({
            "name": g.name, "members": g.members, "filter": g.filter.to_orchestration(schema),
        })).collect::<Vec<_>>(),
        "receive_ports": b.receive_ports.iter().map(|p| json!({
            "name": p.name, "two_way": p.two_way, "failed_message_routing": p.failed_message_routing,
            "locations": p.locations.iter().map(|l| json!({
                "name": l.name, "address": l.address, "transport": l.transport_type, "pipeline": l.pipeline, "enabled": l.enabled,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "orchestrations": b.orchestrations.iter().map(|o| json!({
            "name": o.name, "state": o.state,
            "ports": o.ports.iter().map(|(p, bound)| json!({"port": p, "bound_to": bound})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "warnings": b.warnings,
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
    );
    Ok(())
}

pub fn explain_cmd(bindings: &Path, context: &Path) -> Result<(), String> {
    let read = |path: &Path| -> Result<String, String> {
        let bytes =
            std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    };
    let d = debug_routing(&read(bindings)?, &read(context)?)?;
    let schema = d.schema;
    let subscribers: Vec<_> = d
        .subscribers
        .into_iter()
        .map(|s| {
            json!({
                "subscriber": s.owner.to_string(),
                "matched": s.matched,
                "groups": super::explain_json::groups(&s.groups, &schema),
            })
        })
        .collect();
    let out = json!({
        "matched": subscribers.iter().filter(|s| s["matched"] == true).map(|s| s["subscriber"].clone()).collect::<Vec<_>>(),
        "subscribers": subscribers,
        "notes": d.notes,
        "warnings": d.warnings,
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
    );
    Ok(())
}
