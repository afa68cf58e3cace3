//! What a binding file holds, gathered from a group (its live configuration and states, not the
//! scenario's starting point), and written in the console's layout.
//!
//! Choices where the lab has less than BizTalk, each following the real files:
//! * BizTalk names a property in a filter by its schema's .NET namespace
//!   (`Microsoft.Samples.BizTalk.SouthridgeVideo.Schemas.Status`); the lab's short alias (`SV.Status`) is
//!   written out in full wherever the group's schema declares the alias.
//! * Send ports and send port groups carry no state in a binding file (none of the real files has one);
//!   orchestrations carry `State` (`Unenlisted`, `Enlisted` for enlisted but stopped, `Started`) and
//!   receive locations `Enable`.
//! * Direct-bound orchestration ports are not listed, as the console lists none (a service with only
//!   direct ports has `<Ports />`): only ports bound to a physical port (`BindingOption` 1) or dynamic
//!   ones (4). `Modifier` is 1 for a port the orchestration sends on, 2 for one it receives on.
//! * A send port that an orchestration binds dynamically is written `IsStatic="false"`, with no primary
//!   or secondary transport (its address comes with each message).
//! * Retry intervals are whole minutes in BizTalk: the lab's milliseconds are rounded to the nearest
//!   minute, and a non-zero interval to at least one.
//! * The lab has no assemblies: each application's orchestrations are written in a module named after
//!   the application, version 1.0.0.0, with a zero public key token.
//! * No `<Timestamp>`: the engine has no wall clock (design.md 2), and the console needs none to import.

use super::writer::Xml;
// The filter document's attributes, escaped as `Filter::to_xml` escapes them; the document is escaped
// again as a whole when written, as the console does.
use super::ExportError;
use crate::filter::xml_attr as filter_attr;
use crate::filter::Filter;
use crate::messagebox::{Owner, Service, ServiceDef, ServiceState};
use crate::orchestration::{Binding, Pattern, Port};
use crate::property::{PropertyName, PropertySchema};
use crate::scenario::ApplicationSpec;
use crate::world::config::{default_host, Pipeline, ReceivePortDef, SendPortDef, TransportDef};
use crate::world::{BridgeProposal, Group, World};
use std::collections::BTreeSet;

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const XSD: &str = "http://www.w3.org/2001/XMLSchema";
const DEPLOYMENT_ASSEMBLY: &str =
    "Microsoft.BizTalk.Deployment, Version=3.0.1.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35";
const BINDING_VERSION: &str = "3.5.1.0";
const DEFAULT_PIPELINES: &str =
    "Microsoft.BizTalk.DefaultPipelines, Version=3.0.1.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35";
const XML_RECEIVE: &str = "Microsoft.BizTalk.DefaultPipelines.XMLReceive";
const PASSTHRU_RECEIVE: &str = "Microsoft.BizTalk.DefaultPipelines.PassThruReceive";
const XML_TRANSMIT: &str = "Microsoft.BizTalk.DefaultPipelines.XMLTransmit";
const PASSTHRU_TRANSMIT: &str = "Microsoft.BizTalk.DefaultPipelines.PassThruTransmit";
/// The service window and schedule the console writes when none is set.
const WINDOW_FROM: &str = "2000-01-01T00:00:00";
const WINDOW_TO: &str = "2000-01-01T23:59:59";
const LAB_TOKEN: &str = "0000000000000000";
const TRACKING: &str = "ServiceStartEnd MessageSendReceive OrchestrationEvents";
const APPLICATION_USERS: &str = "BizTalk Application Users";

struct SendPortOut {
    def: SendPortDef,
    filter: Filter,
    is_static: bool,
    application: Option<String>,
}

struct GroupOut {
    name: String,
    members: Vec<String>,
    filter: Filter,
    application: Option<String>,
}

struct ReceiveOut {
    def: ReceivePortDef,
    application: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Reference {
    SendPort,
    DistributionList,
    ReceivePort,
}

struct PortOut {
    name: String,
    sends: bool,
    dynamic: bool,
    reference: Reference,
    target: String,
}

struct OrchestrationOut {
    name: String,
    host: String,
    state: ServiceState,
    ports: Vec<PortOut>,
}

struct ModuleOut {
    application: Option<String>,
    orchestrations: Vec<OrchestrationOut>,
}

#[derive(Default)]
struct Doc {
    modules: Vec<ModuleOut>,
    send_ports: Vec<SendPortOut>,
    groups: Vec<GroupOut>,
    receive_ports: Vec<ReceiveOut>,
}

fn unknown_group(world: &World, group: &str) -> ExportError {
    ExportError::UnknownGroup {
        group: group.into(),
        known: world.groups.keys().cloned().collect(),
    }
}

fn parse_filter(text: &str, schema: &PropertySchema, owner: String) -> Result<Filter, ExportError> {
    Filter::parse_any(text, schema).map_err(|e| ExportError::Filter {
        owner,
        reason: e.to_string(),
    })
}

/// The binding file of a group, or of one application in it: the group's current configuration and
/// states. A group or application that does not exist is an error naming it.
pub fn export_bindings(
    world: &World,
    group: &str,
    application: Option<&str>,
) -> Result<String, ExportError> {
    let g = world
        .group(group)
        .ok_or_else(|| unknown_group(world, group))?;
    let apps: Vec<&ApplicationSpec> = match application {
        Some(name) => vec![g
            .applications
            .iter()
            .find(|a| a.name == name)
            .ok_or_else(|| ExportError::UnknownApplication {
                group: group.into(),
                application: name.into(),
                known: g.applications.iter().map(|a| a.name.clone()).collect(),
            })?],
        None => g.applications.iter().collect(),
    };
    let gather = Gather {
        world,
        group: g,
        dynamic: dynamic_ports(world, g),
    };
    let mut doc = Doc::default();
    for app in apps {
        gather.application(&mut doc, app)?;
    }
    if application.is_none() {
        gather.unowned(&mut doc)?;
    }
    write(&doc, g.messagebox.schema(), group)
}

/// The two binding files of a proposed bridge (domain.md 5, 10.6): the send port for the group the
/// application left, and the receive port and location for the group it moved to. Each is imported
/// into its own group, in an application named as `World::create_bridge` names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BridgeBindings {
    pub from: String,
    pub send_side: String,
    pub to: String,
    pub receive_side: String,
}

pub fn export_bridge(
    world: &World,
    proposal: &BridgeProposal,
) -> Result<BridgeBindings, ExportError> {
    let from = world
        .group(&proposal.from)
        .ok_or_else(|| unknown_group(world, &proposal.from))?;
    let to = world
        .group(&proposal.to)
        .ok_or_else(|| unknown_group(world, &proposal.to))?;
    // As World::create_bridge names the application it creates in each group.
    let application = format!("{}.Bridge", proposal.send_port.name.trim_end_matches("-SP"));
    let module = || ModuleOut {
        application: Some(application.clone()),
        orchestrations: Vec::new(),
    };
    let port = &proposal.send_port;
    let send = Doc {
        modules: vec![module()],
        send_ports: vec![SendPortOut {
            filter: parse_filter(
                &port.filter,
                from.messagebox.schema(),
                format!("send port {}", port.name),
            )?,
            def: port.clone(),
            is_static: true,
            application: Some(application.clone()),
        }],
        ..Doc::default()
    };
    let receive = Doc {
        modules: vec![module()],
        receive_ports: vec![ReceiveOut {
            def: proposal.receive_port.clone(),
            application: Some(application.clone()),
        }],
        ..Doc::default()
    };
    Ok(BridgeBindings {
        from: proposal.from.clone(),
        send_side: write(&send, from.messagebox.schema(), &proposal.from)?,
        to: proposal.to.clone(),
        receive_side: write(&receive, to.messagebox.schema(), &proposal.to)?,
    })
}

/// Send ports an orchestration of the group binds dynamically.
fn dynamic_ports(world: &World, g: &Group) -> BTreeSet<String> {
    g.orchestration_hosts
        .keys()
        .filter_map(|o| world.program(o))
        .flat_map(|p| &p.ports)
        .filter_map(|port| match &port.binding {
            Binding::Dynamic { send_port, .. } => Some(send_port.clone()),
            _ => None,
        })
        .collect()
}

struct Gather<'w> {
    world: &'w World,
    group: &'w Group,
    dynamic: BTreeSet<String>,
}

impl Gather<'_> {
    fn service(&self, owner: Owner) -> Option<&Service> {
        self.group.messagebox.state().services.get(&owner)
    }

    fn send_port(
        &self,
        spec: &SendPortDef,
        application: Option<&str>,
    ) -> Result<SendPortOut, ExportError> {
        let def = self
            .group
            .send_ports
            .get(&spec.name)
            .unwrap_or(spec)
            .clone();
        // The MessageBox holds the filter in force.
        let filter = match self.service(Owner::SendPort(def.name.clone())) {
            Some(Service {
                def: ServiceDef::SendPort(p),
                ..
            }) => p.filter.clone(),
            _ => parse_filter(
                &def.filter,
                self.group.messagebox.schema(),
                format!("send port {}", def.name),
            )?,
        };
        Ok(SendPortOut {
            is_static: !self.dynamic.contains(&def.name),
            filter,
            def,
            application: application.map(str::to_string),
        })
    }

    fn port_group(
        &self,
        name: &str,
        spec: Option<(&[String], &str)>,
        application: Option<&str>,
    ) -> Result<GroupOut, ExportError> {
        let (members, filter) = match (self.service(Owner::SendPortGroup(name.into())), spec) {
            (
                Some(Service {
                    def: ServiceDef::SendPortGroup(g),
                    ..
                }),
                _,
            ) => (g.members.clone(), g.filter.clone()),
            (_, Some((members, filter))) => (
                members.to_vec(),
                parse_filter(
                    filter,
                    self.group.messagebox.schema(),
                    format!("send port group {name}"),
                )?,
            ),
            (_, None) => (Vec::new(), Filter::default()),
        };
        Ok(GroupOut {
            name: name.into(),
            members,
            filter,
            application: application.map(str::to_string),
        })
    }

    fn receive_port(&self, spec: &ReceivePortDef, application: Option<&str>) -> ReceiveOut {
        let def = self
            .group
            .receive_ports
            .iter()
            .find(|p| p.name == spec.name)
            .unwrap_or(spec)
            .clone();
        ReceiveOut {
            def,
            application: application.map(str::to_string),
        }
    }

    fn orchestration(&self, name: &str, host: &str, state: ServiceState) -> OrchestrationOut {
        let host = self
            .group
            .orchestration_hosts
            .get(name)
            .map_or(host, String::as_str)
            .to_string();
        let state = self
            .service(Owner::Orchestration(name.into()))
            .map_or(state, |s| s.state);
        let ports = self
            .world
            .program(name)
            .map(|p| p.ports.iter().filter_map(|port| self.port(port)).collect())
            .unwrap_or_default();
        OrchestrationOut {
            name: name.into(),
            host,
            state,
            ports,
        }
    }

    fn port(&self, port: &Port) -> Option<PortOut> {
        let sends = matches!(port.pattern, Pattern::OneWaySend | Pattern::SolicitResponse);
        let (target, dynamic) = match &port.binding {
            Binding::Physical { name } => (name, false),
            Binding::Dynamic { send_port, .. } => (send_port, true),
            // Direct bindings: the console lists none.
            _ => return None,
        };
        let reference = if !sends {
            Reference::ReceivePort
        } else if !dynamic && self.service(Owner::SendPortGroup(target.clone())).is_some() {
            Reference::DistributionList
        } else {
            Reference::SendPort
        };
        Some(PortOut {
            name: port.name.clone(),
            sends,
            dynamic,
            reference,
            target: target.clone(),
        })
    }

    fn application(&self, doc: &mut Doc, app: &ApplicationSpec) -> Result<(), ExportError> {
        let name = Some(app.name.as_str());
        for p in &app.send_ports {
            doc.send_ports.push(self.send_port(p, name)?);
        }
        for g in &app.send_port_groups {
            doc.groups
                .push(self.port_group(&g.name, Some((&g.members, &g.filter)), name)?);
        }
        for p in &app.receive_ports {
            doc.receive_ports.push(self.receive_port(p, name));
        }
        doc.modules.push(ModuleOut {
            application: Some(app.name.clone()),
            orchestrations: app
                .orchestrations
                .iter()
                .map(|o| self.orchestration(&o.name, &o.host, o.state))
                .collect(),
        });
        Ok(())
    }

    /// What the group holds outside its applications, written without an application name.
    fn unowned(&self, doc: &mut Doc) -> Result<(), ExportError> {
        let apps = &self.group.applications;
        let owned = |f: &dyn Fn(&ApplicationSpec) -> bool| apps.iter().any(f);
        for p in self.group.send_ports.values() {
            if !owned(&|a| a.send_ports.iter().any(|s| s.name == p.name)) {
                doc.send_ports.push(self.send_port(p, None)?);
            }
        }
        for owner in self.group.messagebox.state().services.keys() {
            if let Owner::SendPortGroup(name) = owner {
                if !owned(&|a| a.send_port_groups.iter().any(|s| &s.name == name)) {
                    doc.groups.push(self.port_group(name, None, None)?);
                }
            }
        }
        for p in &self.group.receive_ports {
            if !owned(&|a| a.receive_ports.iter().any(|r| r.name == p.name)) {
                doc.receive_ports.push(self.receive_port(p, None));
            }
        }
        let orchestrations: Vec<OrchestrationOut> = self
            .group
            .orchestration_hosts
            .iter()
            .filter(|(name, _)| !owned(&|a| a.orchestrations.iter().any(|o| &o.name == *name)))
            .map(|(name, host)| self.orchestration(name, host, ServiceState::Unenlisted))
            .collect();
        if !orchestrations.is_empty() {
            doc.modules.push(ModuleOut {
                application: None,
                orchestrations,
            });
        }
        Ok(())
    }
}

/// How a binding file names a property: by its schema's .NET namespace where the lab uses a short
/// alias for it.
fn binding_property(p: &PropertyName, schema: &PropertySchema) -> String {
    match schema.aliases().iter().find(|a| a.short == p.namespace()) {
        Some(a) => format!("{}.{}", a.full, p.name()),
        None => p.to_string(),
    }
}

/// The filter document as the console writes it inside `<Filter>` (escaped there as text); empty for
/// no filter, which gives `<Filter />`.
fn filter_document(filter: &Filter, schema: &PropertySchema) -> String {
    if filter.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<Filter xmlns:xsi=\"{XSI}\" xmlns:xsd=\"{XSD}\">\n"
    );
    for group in &filter.groups {
        out.push_str("  <Group>\n");
        for p in group {
            out.push_str(&format!(
                "    <Statement Property=\"{}\" Operator=\"{}\"",
                filter_attr(&binding_property(&p.property, schema)),
                p.op.code()
            ));
            if let Some(v) = &p.value {
                out.push_str(&format!(" Value=\"{}\"", filter_attr(v)));
            }
            out.push_str(" />\n");
        }
        out.push_str("  </Group>\n");
    }
    out.push_str("</Filter>");
    out
}

/// An orchestration's state as a binding file writes it.
fn state_name(state: ServiceState) -> &'static str {
    match state {
        ServiceState::Unenlisted => "Unenlisted",
        ServiceState::Stopped => "Enlisted",
        ServiceState::Started => "Started",
    }
}

/// Milliseconds as BizTalk's whole minutes: the nearest, and at least one for a non-zero interval.
fn minutes(ms: u64) -> u64 {
    let m = ms.saturating_add(30_000) / 60_000;
    if m == 0 && ms > 0 {
        1
    } else {
        m
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

fn pipeline(x: &mut Xml, element: &str, name: &str, kind: &str) {
    x.empty(
        element,
        &[
            ("Name", name),
            (
                "FullyQualifiedName",
                &format!("{name}, {DEFAULT_PIPELINES}"),
            ),
            ("Type", kind),
            ("TrackingOption", "None"),
            ("Description", ""),
        ],
    );
}

fn write(doc: &Doc, schema: &PropertySchema, group: &str) -> Result<String, ExportError> {
    let mut x = Xml::new();
    let endpoints: usize = doc
        .modules
        .iter()
        .flat_map(|m| &m.orchestrations)
        .map(|o| o.ports.len())
        .sum();
    // Every port written is bound (a lab port always names its physical port).
    let status = if endpoints == 0 {
        "NoBindings"
    } else {
        "FullyBound"
    };
    let endpoints = endpoints.to_string();
    x.open(
        "BindingInfo",
        &[
            ("xmlns:xsi", XSI),
            ("xmlns:xsd", XSD),
            ("Assembly", DEPLOYMENT_ASSEMBLY),
            ("Version", BINDING_VERSION),
            ("BindingStatus", status),
            ("BoundEndpoints", &endpoints),
            ("TotalEndpoints", &endpoints),
        ],
    );
    collection(&mut x, "ModuleRefCollection", &doc.modules, |x, m| {
        module(x, m, group)
    });
    collection(&mut x, "SendPortCollection", &doc.send_ports, |x, p| {
        send_port(x, p, schema)
    });
    collection(&mut x, "DistributionListCollection", &doc.groups, |x, g| {
        distribution_list(x, g, schema)
    });
    collection(
        &mut x,
        "ReceivePortCollection",
        &doc.receive_ports,
        receive_port,
    );
    x.context("");
    x.nil("PartyCollection");
    x.close("BindingInfo");
    x.finish()
        .map_err(|(what, character)| ExportError::Unwritable { what, character })
}

/// `<name>` holding an element per item, or `<name />` for none.
fn collection<T>(x: &mut Xml, name: &str, items: &[T], mut each: impl FnMut(&mut Xml, &T)) {
    if items.is_empty() {
        x.empty(name, &[]);
        return;
    }
    x.open(name, &[]);
    for item in items {
        each(x, item);
    }
    x.close(name);
}

fn module(x: &mut Xml, m: &ModuleOut, group: &str) {
    if let Some(app) = &m.application {
        // The console's entry for the application itself, before its assemblies.
        x.context(format!("application {app}"));
        let name = format!("[Application:{app}]");
        x.open(
            "ModuleRef",
            &[
                ("Name", &name),
                ("Version", ""),
                ("Culture", ""),
                ("PublicKeyToken", ""),
                (
                    "FullName",
                    &format!("{name}, Version=, Culture=, PublicKeyToken="),
                ),
            ],
        );
        x.empty("Services", &[]);
        x.empty("TrackedSchemas", &[]);
        x.close("ModuleRef");
    }
    if m.orchestrations.is_empty() {
        return;
    }
    let assembly = m.application.as_deref().unwrap_or(group);
    x.open(
        "ModuleRef",
        &[
            ("Name", assembly),
            ("Version", "1.0.0.0"),
            ("Culture", "neutral"),
            ("PublicKeyToken", LAB_TOKEN),
            (
                "FullName",
                &format!(
                    "{assembly}, Version=1.0.0.0, Culture=neutral, PublicKeyToken={LAB_TOKEN}"
                ),
            ),
        ],
    );
    x.open("Services", &[]);
    for o in &m.orchestrations {
        x.context(format!("orchestration {}", o.name));
        x.open(
            "Service",
            &[
                ("Name", &o.name),
                ("State", state_name(o.state)),
                ("TrackingOption", TRACKING),
            ],
        );
        collection(x, "Ports", &o.ports, |x, p| {
            x.open(
                "Port",
                &[
                    ("Name", &p.name),
                    ("Modifier", if p.sends { "1" } else { "2" }),
                    ("BindingOption", if p.dynamic { "4" } else { "1" }),
                ],
            );
            for (element, kind) in [
                ("SendPortRef", Reference::SendPort),
                ("DistributionListRef", Reference::DistributionList),
                ("ReceivePortRef", Reference::ReceivePort),
            ] {
                if p.reference == kind {
                    x.empty(element, &[("Name", &p.target)]);
                } else {
                    x.nil(element);
                }
            }
            x.close("Port");
        });
        x.empty("Roles", &[]);
        x.empty(
            "Host",
            &[
                ("Name", &o.host),
                ("NTGroupName", APPLICATION_USERS),
                ("Type", "1"),
                ("Trusted", "false"),
            ],
        );
        x.close("Service");
    }
    x.close("Services");
    x.empty("TrackedSchemas", &[]);
    x.close("ModuleRef");
}

fn transport(x: &mut Xml, element: &str, t: Option<&TransportDef>, p: &SendPortDef) {
    let primary = element == "PrimaryTransport";
    x.open(element, &[]);
    match t {
        Some(t) => {
            x.text("Address", &t.address);
            x.empty("TransportType", &[("Name", &t.transport_type)]);
        }
        None => x.empty("Address", &[]),
    }
    // The backup transport retries as the primary does in the lab (world/transport.rs).
    x.text("RetryCount", &p.retry_count.to_string());
    x.text("RetryInterval", &minutes(p.retry_interval_ms).to_string());
    x.flag("ServiceWindowEnabled", false);
    x.text("FromTime", WINDOW_FROM);
    x.text("ToTime", WINDOW_TO);
    x.flag("Primary", primary);
    x.flag("OrderedDelivery", primary && p.ordered_delivery);
    x.text("DeliveryNotification", "1");
    match t {
        Some(t) => {
            x.open(
                "SendHandler",
                &[("Name", &p.host), ("HostTrusted", "false")],
            );
            x.empty("TransportType", &[("Name", &t.transport_type)]);
            x.close("SendHandler");
        }
        None => x.nil("SendHandler"),
    }
    x.close(element);
}

fn send_port(x: &mut Xml, p: &SendPortOut, schema: &PropertySchema) {
    let d = &p.def;
    x.context(format!("send port {}", d.name));
    x.open(
        "SendPort",
        &[
            ("Name", &d.name),
            ("IsStatic", yes_no(p.is_static)),
            ("IsTwoWay", "false"),
            ("BindingOption", "0"),
        ],
    );
    x.nil("Description");
    pipeline(x, "TransmitPipeline", XML_TRANSMIT, "2");
    if p.is_static {
        transport(x, "PrimaryTransport", Some(&d.transport), d);
        transport(x, "SecondaryTransport", d.backup.as_ref(), d);
    }
    x.nil("ReceivePipelineData");
    x.text("Tracking", "0");
    x.text("Filter", &filter_document(&p.filter, schema));
    x.empty("Transforms", &[]);
    x.flag("OrderedDelivery", d.ordered_delivery);
    x.text("Priority", &d.priority.to_string());
    x.flag("StopSendingOnFailure", d.stop_on_failure);
    x.flag("RouteFailedMessage", false);
    if let Some(app) = &p.application {
        x.text("ApplicationName", app);
    }
    x.close("SendPort");
}

fn distribution_list(x: &mut Xml, g: &GroupOut, schema: &PropertySchema) {
    x.context(format!("send port group {}", g.name));
    x.open("DistributionList", &[("Name", &g.name)]);
    collection(x, "SendPorts", &g.members, |x, m| {
        x.empty("SendPortRef", &[("Name", m)])
    });
    x.text("Filter", &filter_document(&g.filter, schema));
    if let Some(app) = &g.application {
        x.text("ApplicationName", app);
    }
    x.nil("Description");
    x.close("DistributionList");
}

fn receive_port(x: &mut Xml, r: &ReceiveOut) {
    let p = &r.def;
    x.context(format!("receive port {}", p.name));
    x.open(
        "ReceivePort",
        &[
            ("Name", &p.name),
            ("IsTwoWay", yes_no(p.two_way)),
            ("BindingOption", "0"),
        ],
    );
    x.nil("Description");
    let host = default_host();
    collection(x, "ReceiveLocations", &p.locations, |x, l| {
        x.context(format!("receive location {}", l.name));
        x.open("ReceiveLocation", &[("Name", &l.name)]);
        x.nil("Description");
        x.text("Address", &l.address);
        x.empty("PublicAddress", &[]);
        // The first location is the port's primary one.
        x.flag(
            "Primary",
            p.locations.first().is_some_and(|f| std::ptr::eq(f, l)),
        );
        x.flag("ReceiveLocationServiceWindowEnabled", false);
        x.text("ReceiveLocationFromTime", WINDOW_FROM);
        x.text("ReceiveLocationToTime", WINDOW_TO);
        x.flag("ReceiveLocationStartDateEnabled", false);
        x.text("ReceiveLocationStartDate", WINDOW_FROM);
        x.flag("ReceiveLocationEndDateEnabled", false);
        x.text("ReceiveLocationEndDate", WINDOW_TO);
        x.empty(
            "ReceiveLocationTransportType",
            &[("Name", &l.transport_type)],
        );
        let receive = match l.pipeline {
            Pipeline::XmlReceive => XML_RECEIVE,
            Pipeline::PassThru => PASSTHRU_RECEIVE,
        };
        pipeline(x, "ReceivePipeline", receive, "1");
        x.nil("ReceivePipelineData");
        if p.two_way {
            pipeline(x, "SendPipeline", PASSTHRU_TRANSMIT, "2");
        } else {
            x.nil("SendPipeline");
        }
        x.nil("SendPipelineData");
        x.flag("Enable", l.enabled);
        x.open(
            "ReceiveHandler",
            &[("Name", &host), ("HostTrusted", "false")],
        );
        x.empty("TransportType", &[("Name", &l.transport_type)]);
        x.close("ReceiveHandler");
        x.close("ReceiveLocation");
    });
    x.context(format!("receive port {}", p.name));
    if p.two_way {
        pipeline(x, "TransmitPipeline", PASSTHRU_TRANSMIT, "2");
    }
    x.nil("SendPipelineData");
    x.text("Authentication", "0");
    x.text("Tracking", "0");
    x.empty("Transforms", &[]);
    if p.two_way {
        x.empty("OutboundTransforms", &[]);
    }
    x.flag("RouteFailedMessage", p.failed_message_routing);
    if let Some(app) = &r.application {
        x.text("ApplicationName", app);
    }
    x.close("ReceivePort");
}
