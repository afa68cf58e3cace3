//! `mbx import-bindings` and `mbx explain`: real BizTalk binding files, property schemas and saved
//! contexts.

use super::input::{property_schema_file, read_any};
use messagebox_engine::import::{
    debug_routing, import_bindings_with, parse_state, BoundTo, DebugInputs, Outcome,
    PropertySchemaFile, StateSource,
};
use messagebox_engine::messagebox::ServiceState;
use messagebox_engine::property::{Collation, PropertySchema};
use serde_json::json;
use std::path::{Path, PathBuf};

fn schemas(paths: &[PathBuf]) -> Result<Vec<PropertySchemaFile>, String> {
    paths.iter().map(|p| property_schema_file(p)).collect()
}

pub fn import_bindings_cmd(path: &Path, schema_paths: &[PathBuf]) -> Result<(), String> {
    let b = import_bindings_with(
        &read_any(path)?,
        &PropertySchema::with_system_properties(),
        &schemas(schema_paths)?,
    )
    .map_err(|e| format!("{}: {e}", path.display()))?;
    let schema = &b.schema;
    let out = json!({
        "send_ports": b.send_ports.iter().map(|p| json!({
            "name": p.name, "static": p.is_static, "two_way": p.two_way,
            "transport": p.transport_type, "address": p.address,
            "backup_transport": p.backup_transport_type, "backup_address": p.backup_address,
            "retry_count": p.retry_count, "retry_interval_minutes": p.retry_interval_minutes,
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
            "name": o.name, "state": o.state, "host": o.host,
            "ports": o.ports.iter().map(|p| json!({
                "port": p.name,
                "bound_to": p.bound.as_ref().map(BoundTo::name),
                "bound_kind": p.bound.as_ref().map(|b| match b {
                    BoundTo::SendPort(_) => "send port",
                    BoundTo::SendPortGroup(_) => "send port group",
                    BoundTo::ReceivePort(_) => "receive port",
                }),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "tracked_schemas": b.tracked_schemas,
        "schema_links": b.links,
        "warnings": b.warnings,
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
    );
    Ok(())
}

/// `NAME=Started|Stopped|Unenlisted`.
fn parse_state_option(text: &str) -> Result<(String, ServiceState), String> {
    let (name, state) = text
        .rsplit_once('=')
        .ok_or_else(|| format!("--state '{text}': expected NAME=Started|Stopped|Unenlisted"))?;
    let state = parse_state(state).ok_or_else(|| {
        format!("--state '{text}': '{state}' is not Started, Stopped (Enlisted) or Unenlisted")
    })?;
    Ok((name.to_string(), state))
}

pub struct ExplainArgs {
    pub bindings: PathBuf,
    pub context: PathBuf,
    pub schemas: Vec<PathBuf>,
    pub states: Vec<String>,
    pub case_sensitive: bool,
}

pub fn explain_cmd(args: &ExplainArgs) -> Result<(), String> {
    let states = args
        .states
        .iter()
        .map(|s| parse_state_option(s))
        .collect::<Result<Vec<_>, _>>()?;
    let schemas = schemas(&args.schemas)?;
    let (bindings, context) = (read_any(&args.bindings)?, read_any(&args.context)?);
    let d = debug_routing(&DebugInputs {
        bindings: &bindings,
        context: &context,
        schemas: &schemas,
        states: &states,
        base: None,
        collation: if args.case_sensitive {
            Collation::CaseSensitive
        } else {
            Collation::CaseInsensitive
        },
    })?;
    let schema = &d.schema;
    let subscribers: Vec<_> = d
        .subscribers
        .iter()
        .map(|s| {
            json!({
                "subscriber": s.owner.to_string(),
                "state": s.state.to_string(),
                "state_from": s.state_from,
                "matched": s.matched,
                "groups": super::explain_json::groups(&s.groups, schema),
            })
        })
        .collect();
    let outcome = match d.verdict.outcome {
        Outcome::Delivered => "delivered",
        Outcome::Held => "held (suspended, resumable)",
        Outcome::RoutingFailure => "routing failure",
    };
    let mut assumptions = d.assumptions.clone();
    if d.subscribers
        .iter()
        .any(|s| s.state_from == StateSource::Assumed)
    {
        assumptions.push(
            "give a subscriber's real state with --state NAME=Started|Stopped|Unenlisted".into(),
        );
    }
    let out = json!({
        "verdict": {
            "outcome": outcome,
            "copies": d.verdict.copies().iter().map(|(owner, n)| json!({"to": owner.to_string(), "copies": n})).collect::<Vec<_>>(),
            "deliveries": d.verdict.deliveries.iter().map(|x| json!({
                "to": x.to.to_string(), "via_group": x.via_group, "held": x.held,
            })).collect::<Vec<_>>(),
        },
        "matched": d.subscribers.iter().filter(|s| s.matched).map(|s| s.owner.to_string()).collect::<Vec<_>>(),
        "subscribers": subscribers,
        "assumptions": assumptions,
        "notes": d.notes,
        "schema_links": d.links,
        "warnings": d.warnings,
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
    );
    Ok(())
}
