//! Binding files (`<BindingInfo>`): send ports with their filters and transports, send port groups
//! (distribution lists), receive ports and locations, orchestration port bindings, and the property
//! schemas the file tracks.

use super::binding_xml::{
    attr_flag, child, child_text, filter_properties, filter_source, flag, ref_name, Ignored,
};
use super::property_schema::{deploy_schemas, PropertySchemaFile};
use super::{parse_xml, ImportError};
use crate::filter::{Filter, FilterError};
use crate::property::{PropertyName, PropertySchema, XsdType};
use roxmltree::Node;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedSendPort {
    pub name: String,
    pub is_static: bool,
    pub two_way: bool,
    pub filter: Filter,
    pub transport_type: Option<String>,
    pub address: Option<String>,
    pub backup_transport_type: Option<String>,
    pub backup_address: Option<String>,
    pub ordered_delivery: bool,
    pub stop_on_failure: bool,
    pub priority: Option<u8>,
    /// The primary transport's send handler (the host that sends).
    pub host: Option<String>,
    /// The primary transport's retries, as the file gives them (the interval in minutes).
    pub retry_count: Option<u32>,
    pub retry_interval_minutes: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedSendPortGroup {
    pub name: String,
    pub members: Vec<String>,
    pub filter: Filter,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedLocation {
    pub name: String,
    pub address: Option<String>,
    pub transport_type: Option<String>,
    pub pipeline: Option<String>,
    /// `<Enable>`: a disabled location takes no messages (domain.md 4.1).
    pub enabled: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedReceivePort {
    pub name: String,
    pub two_way: bool,
    pub failed_message_routing: bool,
    pub locations: Vec<ImportedLocation>,
}

/// The physical port a logical orchestration port is bound to (domain.md 3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "camelCase")]
pub enum BoundTo {
    SendPort(String),
    SendPortGroup(String),
    ReceivePort(String),
}

impl BoundTo {
    pub fn name(&self) -> &str {
        match self {
            BoundTo::SendPort(n) | BoundTo::SendPortGroup(n) | BoundTo::ReceivePort(n) => n,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedPort {
    pub name: String,
    /// None when unbound, or direct-bound (the file does not list direct ports' bindings).
    pub bound: Option<BoundTo>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedOrchestration {
    pub name: String,
    /// `State`: Unenlisted, Enlisted or Started, as the console writes it.
    pub state: Option<String>,
    pub host: Option<String>,
    pub ports: Vec<ImportedPort>,
}

/// What a binding file said that the simulator understood, the schema its filters needed, and warnings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BindingImport {
    pub send_ports: Vec<ImportedSendPort>,
    pub send_port_groups: Vec<ImportedSendPortGroup>,
    pub receive_ports: Vec<ImportedReceivePort>,
    pub orchestrations: Vec<ImportedOrchestration>,
    /// `TrackedSchemas/Schema/@FullName`: the .NET type names of the schemas the file's modules track.
    pub tracked_schemas: Vec<String>,
    pub warnings: Vec<String>,
    /// How each property schema given with the file was linked to the names its filters use.
    pub links: Vec<String>,
    #[serde(skip)]
    pub schema: PropertySchema,
}

/// A binding file against the system and adapter property schemas alone.
pub fn import_bindings(text: &str) -> Result<BindingImport, ImportError> {
    import_bindings_with(text, &PropertySchema::with_system_properties(), &[])
}

/// A binding file against `base` (a group's deployed schema, or the system one) plus the user's property
/// schemas, which are linked to the filters' names and deployed first. A property a filter names that
/// no schema declares is taken as a string, with a warning.
pub fn import_bindings_with(
    text: &str,
    base: &PropertySchema,
    user_schemas: &[PropertySchemaFile],
) -> Result<BindingImport, ImportError> {
    let doc = parse_xml(text)?;
    let input = doc.input_text();
    let root = doc.root_element();
    let line_of = |n: Node| doc.text_pos_at(n.range().start).row;
    if root.tag_name().name() != "BindingInfo" {
        return Err(ImportError {
            line: line_of(root),
            reason: format!("expected <BindingInfo>, found <{}>", root.tag_name().name()),
        });
    }
    let tracked_schemas: Vec<String> = root
        .descendants()
        .filter(|n| {
            n.has_tag_name("Schema") && n.parent().is_some_and(|p| p.has_tag_name("TrackedSchemas"))
        })
        .filter_map(|n| n.attribute("FullName").map(str::to_string))
        .collect();
    let subscribers: Vec<Node> = root
        .descendants()
        .filter(|n| is_send_port(*n) || n.has_tag_name("DistributionList"))
        .collect();
    let filters: Vec<(Node, Option<String>)> = subscribers
        .iter()
        .map(|n| (*n, filter_source(input, *n).map(|f| f.into_owned())))
        .collect();
    let filter_names: Vec<String> = filters
        .iter()
        .filter_map(|(_, f)| f.as_deref())
        .flat_map(filter_properties)
        .collect();
    let mut schema = base.clone();
    let links = deploy_schemas(&mut schema, user_schemas, &tracked_schemas, &filter_names)?;
    let mut warnings = Vec::new();
    for name in &filter_names {
        if schema.id(name).is_none() {
            if let Ok(p) = PropertyName::parse(name) {
                if schema.declare(p, XsdType::String).is_ok() {
                    warnings.push(format!(
                        "{name}: no known or given property schema declares it; compared as a string"
                    ));
                }
            }
        }
    }
    let parsed_filters: Vec<Filter> = filters
        .into_iter()
        .map(|(n, source)| {
            let owner = if is_send_port(n) {
                "send port"
            } else {
                "send port group"
            };
            let name = n.attribute("Name").unwrap_or_default();
            match source.as_deref().map(|s| Filter::parse_xml(s, &schema)) {
                None => Filter::default(),
                Some(Ok(f)) => f,
                Some(Err(FilterError { position, reason })) => {
                    warnings.push(format!(
                        "line {}: {owner} {name}: filter not imported ({position}: {reason})",
                        line_of(n)
                    ));
                    Filter::default()
                }
            }
        })
        .collect();
    let mut ignored = Ignored::default();
    ignored.rest(
        root,
        "BindingInfo",
        &[
            "Timestamp",
            "Description",
            "ModuleRefCollection",
            "SendPortCollection",
            "DistributionListCollection",
            "ReceivePortCollection",
            "PartyCollection",
        ],
    );
    if root
        .children()
        .any(|c| c.has_tag_name("PartyCollection") && c.children().any(|p| p.is_element()))
    {
        warnings.push("PartyCollection: parties are not simulated".into());
    }
    let mut send_ports = Vec::new();
    let mut send_port_groups = Vec::new();
    for (n, filter) in subscribers.iter().zip(parsed_filters) {
        if is_send_port(*n) {
            send_ports.push(send_port(*n, filter, &mut ignored));
        } else {
            send_port_groups.push(send_port_group(*n, filter));
        }
    }
    let in_file: std::collections::HashSet<&str> =
        send_ports.iter().map(|p| p.name.as_str()).collect();
    for g in &send_port_groups {
        let outside: Vec<&str> = g
            .members
            .iter()
            .map(String::as_str)
            .filter(|m| !in_file.contains(m))
            .collect();
        if !outside.is_empty() {
            warnings.push(format!(
                "send port group {}: {} defined outside this file (another application); kept as members",
                g.name,
                outside.join(", ")
            ));
        }
    }
    let receive_ports = root
        .descendants()
        .filter(|n| {
            n.has_tag_name("ReceivePort")
                && n.parent()
                    .is_some_and(|p| p.has_tag_name("ReceivePortCollection"))
        })
        .map(|rp| {
            // Inbound maps run after the pipeline; the simulator does not map messages.
            ignored.if_set(rp, "ReceivePort", "Transforms");
            receive_port(rp)
        })
        .collect();
    let orchestrations = root
        .descendants()
        .filter(|n| {
            n.has_tag_name("Service") && n.parent().is_some_and(|p| p.has_tag_name("Services"))
        })
        .map(orchestration)
        .collect();
    for (path, count) in ignored.0 {
        warnings.push(format!("{path}: not simulated ({count}x), ignored"));
    }
    Ok(BindingImport {
        send_ports,
        send_port_groups,
        receive_ports,
        orchestrations,
        tracked_schemas,
        warnings,
        links,
        schema,
    })
}

fn is_send_port(n: Node) -> bool {
    n.has_tag_name("SendPort")
        && n.parent()
            .is_some_and(|p| p.has_tag_name("SendPortCollection"))
}

fn send_port(sp: Node, filter: Filter, ignored: &mut Ignored) -> ImportedSendPort {
    let primary = child(sp, "PrimaryTransport");
    let secondary = child(sp, "SecondaryTransport");
    const NOT_SIMULATED: &[&str] = &[
        "Transforms",
        "TransmitPipeline",
        "SendPipelineData",
        "ReceivePipeline",
        "ReceivePipelineData",
        "Tracking",
        "RouteFailedMessage",
    ];
    let mut known = vec![
        "PrimaryTransport",
        "SecondaryTransport",
        "Filter",
        "OrderedDelivery",
        "StopSendingOnFailure",
        "Priority",
        "Description",
        "ApplicationName",
    ];
    known.extend(NOT_SIMULATED);
    ignored.rest(sp, "SendPort", &known);
    for part in NOT_SIMULATED {
        ignored.if_set(sp, "SendPort", part);
    }
    let transport_type = |t: Option<Node>| t.and_then(|p| ref_name(p, "TransportType"));
    let number = |n: Option<Node>, name: &str| {
        n.and_then(|p| child_text(p, name))
            .and_then(|t| t.parse().ok())
    };
    ImportedSendPort {
        name: sp.attribute("Name").unwrap_or_default().to_string(),
        is_static: sp
            .attribute("IsStatic")
            .is_none_or(|v| v.eq_ignore_ascii_case("true")),
        two_way: attr_flag(sp, "IsTwoWay"),
        filter,
        transport_type: transport_type(primary),
        address: primary.and_then(|p| child_text(p, "Address")),
        backup_transport_type: transport_type(secondary),
        backup_address: secondary.and_then(|p| child_text(p, "Address")),
        // The console writes it on the port and again on the primary transport.
        ordered_delivery: flag(sp, "OrderedDelivery")
            .or_else(|| primary.and_then(|p| flag(p, "OrderedDelivery")))
            .unwrap_or(false),
        stop_on_failure: flag(sp, "StopSendingOnFailure").unwrap_or(false),
        priority: child_text(sp, "Priority").and_then(|p| p.parse().ok()),
        host: primary.and_then(|p| ref_name(p, "SendHandler")),
        retry_count: number(primary, "RetryCount"),
        retry_interval_minutes: number(primary, "RetryInterval"),
    }
}

fn send_port_group(dl: Node, filter: Filter) -> ImportedSendPortGroup {
    let members = child(dl, "SendPorts")
        .map(|s| {
            s.children()
                .filter(|c| c.has_tag_name("SendPortRef"))
                .filter_map(|c| c.attribute("Name"))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    ImportedSendPortGroup {
        name: dl.attribute("Name").unwrap_or_default().to_string(),
        members,
        filter,
    }
}

fn receive_port(rp: Node) -> ImportedReceivePort {
    let locations = child(rp, "ReceiveLocations")
        .map(|ls| {
            ls.children()
                .filter(|c| c.has_tag_name("ReceiveLocation"))
                .map(|l| ImportedLocation {
                    name: l.attribute("Name").unwrap_or_default().to_string(),
                    address: child_text(l, "Address"),
                    transport_type: ref_name(l, "ReceiveLocationTransportType"),
                    pipeline: ref_name(l, "ReceivePipeline"),
                    enabled: flag(l, "Enable").unwrap_or(false),
                })
                .collect()
        })
        .unwrap_or_default();
    ImportedReceivePort {
        name: rp.attribute("Name").unwrap_or_default().to_string(),
        two_way: attr_flag(rp, "IsTwoWay"),
        failed_message_routing: flag(rp, "RouteFailedMessage").unwrap_or(false),
        locations,
    }
}

fn orchestration(service: Node) -> ImportedOrchestration {
    let ports = child(service, "Ports")
        .map(|ps| {
            ps.children()
                .filter(|c| c.has_tag_name("Port"))
                .map(|p| ImportedPort {
                    name: p.attribute("Name").unwrap_or_default().to_string(),
                    bound: ref_name(p, "ReceivePortRef")
                        .map(BoundTo::ReceivePort)
                        .or_else(|| ref_name(p, "SendPortRef").map(BoundTo::SendPort))
                        .or_else(|| ref_name(p, "DistributionListRef").map(BoundTo::SendPortGroup)),
                })
                .collect()
        })
        .unwrap_or_default();
    ImportedOrchestration {
        name: service.attribute("Name").unwrap_or_default().to_string(),
        state: service.attribute("State").map(str::to_string),
        host: ref_name(service, "Host"),
        ports,
    }
}
