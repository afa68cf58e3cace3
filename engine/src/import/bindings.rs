//! Binding files (`<BindingInfo>`): send ports with their filters and transports, send port groups
//! (distribution lists), receive ports and locations, and orchestration port bindings.

use super::{parse_xml, ImportError};
use crate::filter::{Filter, FilterError};
use crate::property::{bpm_schema, PropertyName, PropertySchema, XsdType};
use roxmltree::Node;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedSendPort {
    pub name: String,
    pub is_static: bool,
    pub two_way: bool,
    pub filter: Filter,
    pub transport_type: Option<String>,
    pub address: Option<String>,
    pub backup_address: Option<String>,
    pub ordered_delivery: bool,
    pub priority: Option<u8>,
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
    pub enabled: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedReceivePort {
    pub name: String,
    pub two_way: bool,
    pub failed_message_routing: bool,
    pub locations: Vec<ImportedLocation>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportedOrchestration {
    pub name: String,
    pub state: Option<String>,
    /// Logical port, and the physical port it is bound to (none when unbound or direct).
    pub ports: Vec<(String, Option<String>)>,
}

/// What a binding file said that the simulator understood, the schema its filters needed, and warnings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BindingImport {
    pub send_ports: Vec<ImportedSendPort>,
    pub send_port_groups: Vec<ImportedSendPortGroup>,
    pub receive_ports: Vec<ImportedReceivePort>,
    pub orchestrations: Vec<ImportedOrchestration>,
    pub warnings: Vec<String>,
    #[serde(skip)]
    pub schema: PropertySchema,
}

fn child<'a>(n: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn child_text(n: Node, name: &str) -> Option<String> {
    child(n, name)
        .and_then(|c| c.text())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

fn flag(n: Node, name: &str) -> bool {
    child_text(n, name).is_some_and(|t| t.eq_ignore_ascii_case("true"))
}

fn attr_flag(n: Node, name: &str) -> bool {
    n.attribute(name)
        .is_some_and(|t| t.eq_ignore_ascii_case("true"))
}

/// Collects the elements the simulator does not model, once per element path, with a count.
#[derive(Default)]
struct Ignored(BTreeMap<String, usize>);

impl Ignored {
    fn rest(&mut self, n: Node, path: &str, known: &[&str]) {
        for c in n.children().filter(|c| c.is_element()) {
            if !known.contains(&c.tag_name().name()) {
                *self
                    .0
                    .entry(format!("{path}/{}", c.tag_name().name()))
                    .or_default() += 1;
            }
        }
    }
}

/// Every property a filter text names (`Property="..."`), to declare the unknown ones.
fn filter_properties(text: &str) -> Vec<String> {
    text.split("Property=")
        .skip(1)
        .map(|chunk| {
            chunk
                .chars()
                .skip(1)
                .take_while(|c| *c != '"' && *c != '\'')
                .collect()
        })
        .collect()
}

pub fn import_bindings(text: &str) -> Result<BindingImport, ImportError> {
    let doc = parse_xml(text)?;
    let root = doc.root_element();
    if root.tag_name().name() != "BindingInfo" {
        return Err(ImportError {
            line: doc.text_pos_at(root.range().start).row,
            reason: format!("expected <BindingInfo>, found <{}>", root.tag_name().name()),
        });
    }
    let mut warnings = Vec::new();
    let mut ignored = Ignored::default();
    // The BPM property schema is known; a filter's other properties are assumed to be strings.
    let mut schema = bpm_schema();
    let filters: Vec<String> = root
        .descendants()
        .filter(|n| n.has_tag_name("Filter"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect();
    for name in filters.iter().flat_map(|f| filter_properties(f)) {
        if schema.id(&name).is_none() {
            if let Ok(p) = PropertyName::parse(&name) {
                if schema.declare(p, XsdType::String).is_ok() {
                    warnings.push(format!(
                        "{name}: not in a known property schema; assumed to be a string"
                    ));
                }
            }
        }
    }
    let line_of = |n: Node| doc.text_pos_at(n.range().start).row;
    let parse_filter = |n: Node, owner: &str, warnings: &mut Vec<String>| -> Filter {
        let Some(text) = child(n, "Filter").and_then(|f| f.text()) else {
            return Filter::default();
        };
        match Filter::parse_xml(text, &schema) {
            Ok(f) => f,
            Err(FilterError { position, reason }) => {
                warnings.push(format!(
                    "line {}: {owner}: filter not imported ({position}: {reason})",
                    line_of(n)
                ));
                Filter::default()
            }
        }
    };
    ignored.rest(
        root,
        "BindingInfo",
        &[
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
    for sp in root.descendants().filter(|n| {
        n.has_tag_name("SendPort")
            && n.parent()
                .is_some_and(|p| p.has_tag_name("SendPortCollection"))
    }) {
        let name = sp.attribute("Name").unwrap_or_default().to_string();
        let primary = child(sp, "PrimaryTransport");
        let secondary = child(sp, "SecondaryTransport");
        ignored.rest(
            sp,
            "SendPort",
            &[
                "PrimaryTransport",
                "SecondaryTransport",
                "Filter",
                "OrderedDelivery",
                "Priority",
                "Description",
                "Transforms",
                "TransmitPipeline",
                "SendPipelineData",
                "ReceivePipeline",
                "ReceivePipelineData",
                "Tracking",
                "RouteFailedMessage",
            ],
        );
        for ignored_part in [
            "Transforms",
            "TransmitPipeline",
            "SendPipelineData",
            "ReceivePipeline",
            "ReceivePipelineData",
            "Tracking",
            "RouteFailedMessage",
        ] {
            if child(sp, ignored_part).is_some_and(|c| {
                c.children().any(|x| x.is_element())
                    || c.text().is_some_and(|t| !t.trim().is_empty())
            }) {
                *ignored
                    .0
                    .entry(format!("SendPort/{ignored_part}"))
                    .or_default() += 1;
            }
        }
        send_ports.push(ImportedSendPort {
            filter: parse_filter(sp, &format!("send port {name}"), &mut warnings),
            is_static: sp
                .attribute("IsStatic")
                .is_none_or(|v| v.eq_ignore_ascii_case("true")),
            two_way: attr_flag(sp, "IsTwoWay"),
            transport_type: primary
                .and_then(|p| child(p, "TransportType"))
                .and_then(|t| t.attribute("Name"))
                .map(str::to_string),
            address: primary.and_then(|p| child_text(p, "Address")),
            backup_address: secondary.and_then(|p| child_text(p, "Address")),
            ordered_delivery: flag(sp, "OrderedDelivery"),
            priority: child_text(sp, "Priority").and_then(|p| p.parse().ok()),
            name,
        });
    }
    let mut send_port_groups = Vec::new();
    for dl in root
        .descendants()
        .filter(|n| n.has_tag_name("DistributionList"))
    {
        let name = dl.attribute("Name").unwrap_or_default().to_string();
        let members = child(dl, "SendPorts")
            .map(|s| {
                s.children()
                    .filter(|c| c.has_tag_name("SendPortRef"))
                    .filter_map(|c| c.attribute("Name"))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        send_port_groups.push(ImportedSendPortGroup {
            filter: parse_filter(dl, &format!("send port group {name}"), &mut warnings),
            members,
            name,
        });
    }
    for g in &send_port_groups {
        for m in &g.members {
            if !send_ports.iter().any(|p| &p.name == m) {
                warnings.push(format!(
                    "send port group {}: member {m} is not in this file",
                    g.name
                ));
            }
        }
    }
    let mut receive_ports = Vec::new();
    for rp in root.descendants().filter(|n| {
        n.has_tag_name("ReceivePort")
            && n.parent()
                .is_some_and(|p| p.has_tag_name("ReceivePortCollection"))
    }) {
        let locations = child(rp, "ReceiveLocations")
            .map(|ls| {
                ls.children()
                    .filter(|c| c.has_tag_name("ReceiveLocation"))
                    .map(|l| ImportedLocation {
                        name: l.attribute("Name").unwrap_or_default().to_string(),
                        address: child_text(l, "Address"),
                        transport_type: child(l, "ReceiveLocationTransportType")
                            .and_then(|t| t.attribute("Name"))
                            .map(str::to_string),
                        pipeline: child(l, "ReceivePipeline")
                            .and_then(|p| p.attribute("Name"))
                            .map(str::to_string),
                        enabled: flag(l, "Enable"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        receive_ports.push(ImportedReceivePort {
            name: rp.attribute("Name").unwrap_or_default().to_string(),
            two_way: attr_flag(rp, "IsTwoWay"),
            failed_message_routing: flag(rp, "RouteFailedMessage"),
            locations,
        });
    }
    let mut orchestrations = Vec::new();
    for service in root.descendants().filter(|n| {
        n.has_tag_name("Service") && n.parent().is_some_and(|p| p.has_tag_name("Services"))
    }) {
        let ports = child(service, "Ports")
            .map(|ps| {
                ps.children()
                    .filter(|c| c.has_tag_name("Port"))
                    .map(|p| {
                        let bound = ["SendPortRef", "ReceivePortRef", "DistributionListRef"]
                            .iter()
                            .filter_map(|r| child(p, r))
                            .find_map(|r| r.attribute("Name").map(str::to_string));
                        (p.attribute("Name").unwrap_or_default().to_string(), bound)
                    })
                    .collect()
            })
            .unwrap_or_default();
        orchestrations.push(ImportedOrchestration {
            name: service.attribute("Name").unwrap_or_default().to_string(),
            state: service.attribute("State").map(str::to_string),
            ports,
        });
    }
    for (path, count) in ignored.0 {
        warnings.push(format!("{path}: not simulated ({count}x), ignored"));
    }
    Ok(BindingImport {
        send_ports,
        send_port_groups,
        receive_ports,
        orchestrations,
        warnings,
        schema,
    })
}

impl BindingImport {
    /// The imported bindings as an application to import into a group. Orchestrations need their
    /// programs, which a binding file does not carry: they are left out, with a warning.
    pub fn to_application(&self, name: &str) -> (crate::scenario::ApplicationSpec, Vec<String>) {
        use crate::messagebox::ServiceState;
        use crate::world::config::{
            Pipeline, ReceiveLocationDef, ReceivePortDef, SendPortDef, SendPortGroupDef,
            TransportDef,
        };
        let mut warnings = Vec::new();
        let send_ports = self
            .send_ports
            .iter()
            .map(|p| SendPortDef {
                name: p.name.clone(),
                host: crate::world::config::default_host(),
                filter: p.filter.to_rows_text(),
                transport: TransportDef {
                    transport_type: p.transport_type.clone().unwrap_or_else(|| "FILE".into()),
                    address: p.address.clone().unwrap_or_else(|| p.name.clone()),
                },
                backup: p.backup_address.clone().map(|a| TransportDef {
                    transport_type: "FILE".into(),
                    address: a,
                }),
                retry_count: 3,
                retry_interval_ms: 5 * 60 * 1000,
                priority: p.priority.unwrap_or(5),
                ordered_delivery: p.ordered_delivery,
                stop_on_failure: false,
                state: ServiceState::Started,
            })
            .collect();
        let send_port_groups = self
            .send_port_groups
            .iter()
            .map(|g| SendPortGroupDef {
                name: g.name.clone(),
                members: g.members.clone(),
                filter: g.filter.to_rows_text(),
                state: ServiceState::Started,
            })
            .collect();
        let receive_ports = self
            .receive_ports
            .iter()
            .map(|p| ReceivePortDef {
                name: p.name.clone(),
                two_way: p.two_way,
                failed_message_routing: p.failed_message_routing,
                locations: p
                    .locations
                    .iter()
                    .map(|l| ReceiveLocationDef {
                        name: l.name.clone(),
                        address: l.address.clone().unwrap_or_else(|| l.name.clone()),
                        transport_type: l.transport_type.clone().unwrap_or_else(|| "FILE".into()),
                        pipeline: if l
                            .pipeline
                            .as_deref()
                            .is_some_and(|p| p.contains("PassThru"))
                        {
                            Pipeline::PassThru
                        } else {
                            Pipeline::XmlReceive
                        },
                        enabled: l.enabled,
                    })
                    .collect(),
            })
            .collect();
        for o in &self.orchestrations {
            warnings.push(format!("orchestration {}: a binding file carries no program; only its ports' bindings were read", o.name));
        }
        // Properties the filters name beyond the BPM schema were assumed to be strings.
        let bpm = bpm_schema();
        let properties = self
            .schema
            .iter()
            .filter(|(_, d)| !d.system && bpm.id(&d.name.to_string()).is_none())
            .map(|(_, d)| crate::scenario::PropertySpec {
                name: d.name.to_string(),
                xsd: d.xsd.xsd_name().into(),
            })
            .collect();
        let app = crate::scenario::ApplicationSpec {
            name: name.to_string(),
            property_schemas: vec!["bpm".into()],
            properties,
            send_ports,
            send_port_groups,
            receive_ports,
            ..Default::default()
        };
        (app, warnings)
    }
}
