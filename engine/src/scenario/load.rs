//! Reading a scenario file and building its world. Every refusal names the field (a JSON path) and the
//! reason; a refused scenario builds nothing.

use super::model::{ApplicationSpec, GroupSpec, Scenario};
use super::summary::{ScenarioError, FORMAT_VERSION};
use crate::filter::{Op, Predicate};
use crate::messagebox::{
    AdminAction, MessageBox, OrchestrationDef, Owner, SendPortDef, SendPortGroupDef, ServiceDef,
    ServiceState,
};
use crate::orchestration::{Binding, Program};
use crate::property::{bts, PropertyName, PropertySchema, XsdType};
use crate::world::config::{Endpoint, Responder};
use crate::world::{activation, convoy, Group, World};
use std::collections::BTreeMap;

fn refuse<T>(field: impl Into<String>, reason: impl Into<String>) -> Result<T, ScenarioError> {
    Err(ScenarioError {
        field: field.into(),
        reason: reason.into(),
    })
}

impl Scenario {
    /// Parses a scenario; errors name the JSON path of the field at fault.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let mut de = serde_json::Deserializer::from_str(text);
        let scenario: Scenario = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            ScenarioError {
                field: if path == "." {
                    format!("line {}, column {}", inner.line(), inner.column())
                } else {
                    path
                },
                reason: inner.to_string(),
            }
        })?;
        if scenario.format != FORMAT_VERSION {
            return refuse(
                "format",
                format!(
                    "this engine reads format {FORMAT_VERSION}, the file has {}",
                    scenario.format
                ),
            );
        }
        Ok(scenario)
    }

    /// Parses a scenario known to be good (one of the shipped files): errors carry only the line and
    /// column. It skips the JSON-path tracking, which doubles the deserialising code in the browser's
    /// wasm; files from users go through `from_json`.
    pub fn from_shipped(text: &str) -> Result<Scenario, ScenarioError> {
        let scenario: Scenario = serde_json::from_str(text).map_err(|e| ScenarioError {
            field: format!("line {}, column {}", e.line(), e.column()),
            reason: e.to_string(),
        })?;
        if scenario.format != FORMAT_VERSION {
            return refuse(
                "format",
                format!("this engine reads format {FORMAT_VERSION}"),
            );
        }
        Ok(scenario)
    }

    /// Every program the scenario uses: its libraries' and its own.
    pub fn programs(&self) -> Result<Vec<Program>, ScenarioError> {
        let mut all = Vec::new();
        for (i, lib) in self.libraries.iter().enumerate() {
            match lib.as_str() {
                "bpm" => all.extend(crate::bpm::library()),
                other => {
                    return refuse(
                        format!("libraries[{i}]"),
                        format!("unknown library {other:?} (known: bpm)"),
                    )
                }
            }
        }
        all.extend(self.programs.iter().cloned());
        Ok(all)
    }

    /// Builds the world the scenario describes, with its script scheduled.
    pub fn build(&self) -> Result<World, ScenarioError> {
        let programs = self.programs()?;
        let by_name: BTreeMap<&str, &Program> =
            crate::insert::map(programs.iter().map(|p| (p.name.as_str(), p)));
        let mut groups = Vec::new();
        for (gi, spec) in self.groups.iter().enumerate() {
            if self.groups[..gi].iter().any(|g| g.name == spec.name) {
                return refuse(
                    format!("groups[{gi}].name"),
                    format!("group name {:?} is used twice", spec.name),
                );
            }
            groups.push(build_group(spec, &format!("groups[{gi}]"), &by_name)?);
        }
        let mut world = World::new(groups, programs, self.seed);
        if let Some(settings) = &self.settings {
            world.settings = settings.clone();
        }
        for (key, value) in &self.config {
            world
                .config
                .insert(key.clone(), crate::world::config_value(value));
        }
        for (i, item) in self.script.iter().enumerate() {
            for group in crate::world::command_groups(&item.command) {
                if !self.groups.iter().any(|g| g.name == group) {
                    return refuse(
                        format!("script[{i}].command.group"),
                        format!("no group {group:?} in this scenario"),
                    );
                }
            }
            world.schedule(item.at, item.command.clone());
        }
        for (i, link) in self.links.iter().enumerate() {
            for end in [&link.a, &link.b] {
                if !self.groups.iter().any(|g| &g.name == end) {
                    return refuse(
                        format!("links[{i}]"),
                        format!("no group {end:?} in this scenario"),
                    );
                }
            }
        }
        world.links = self.links.clone();
        Ok(world)
    }
}

/// Adds built-in property schemas and single properties to a schema.
pub(crate) fn deploy_properties(
    schema: &mut PropertySchema,
    names: &[String],
    properties: &[super::model::PropertySpec],
    at: &str,
) -> Result<(), ScenarioError> {
    for (i, name) in names.iter().enumerate() {
        match name.as_str() {
            "bpm" => {
                schema.add_namespace_alias("SV", crate::property::BPM_NAMESPACE);
                schema.link_xml_namespace(crate::property::BPM_XML_NAMESPACE, "SV");
                for (n, xsd) in crate::property::BPM_PROPERTIES {
                    schema
                        .declare(PropertyName::parse(n).expect("valid"), *xsd)
                        .map_err(|e| ScenarioError {
                            field: format!("{at}.property_schemas[{i}]"),
                            reason: e.0,
                        })?;
                }
            }
            other => {
                return refuse(
                    format!("{at}.property_schemas[{i}]"),
                    format!("unknown property schema {other:?} (known: bpm)"),
                )
            }
        }
    }
    for (i, p) in properties.iter().enumerate() {
        let field = format!("{at}.properties[{i}]");
        let name = PropertyName::parse(&p.name).map_err(|e| ScenarioError {
            field: format!("{field}.name"),
            reason: e,
        })?;
        let xsd = XsdType::parse(&p.xsd).ok_or_else(|| ScenarioError {
            field: format!("{field}.type"),
            reason: format!("unknown or unpromotable XSD type {:?}", p.xsd),
        })?;
        schema
            .declare(name, xsd)
            .map_err(|e| ScenarioError { field, reason: e.0 })?;
    }
    Ok(())
}

/// The promotions of built-in sets and single ones.
pub(crate) fn promotions_of(
    sets: &[String],
    single: &[crate::world::config::Promotion],
    at: &str,
) -> Result<Vec<crate::world::config::Promotion>, ScenarioError> {
    let mut out = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        match set.as_str() {
            "bpm" => out.extend(crate::bpm::promotions()),
            other => {
                return refuse(
                    format!("{at}.promotion_sets[{i}]"),
                    format!("unknown promotion set {other:?} (known: bpm)"),
                )
            }
        }
    }
    out.extend(single.iter().cloned());
    Ok(out)
}

fn schema_for(spec: &GroupSpec, at: &str) -> Result<PropertySchema, ScenarioError> {
    let mut schema = PropertySchema::with_system_properties();
    deploy_properties(&mut schema, &spec.property_schemas, &spec.properties, at)?;
    for (ai, app) in spec.applications.iter().enumerate() {
        deploy_properties(
            &mut schema,
            &app.property_schemas,
            &app.properties,
            &format!("{at}.applications[{ai}]"),
        )?;
    }
    Ok(schema)
}

/// The MessageBox subscription side of an orchestration: its activating receive's filter, with what its
/// port binding adds (a physical receive port's name, a partner port), its message type and convoy.
pub fn orchestration_def(program: &Program, host: &str) -> OrchestrationDef {
    let act = activation(program);
    let mut filter = act.and_then(|r| r.filter.clone()).unwrap_or_default();
    let binding = act
        .and_then(|r| program.ports.iter().find(|p| p.name == r.port))
        .map(|p| &p.binding);
    let extra = match binding {
        Some(Binding::Physical { name }) => Some((bts::RECEIVE_PORT_NAME, name.clone())),
        Some(Binding::Partner {
            orchestration,
            port,
        }) => Some((bts::PARTNER_PORT, format!("{orchestration}.{port}"))),
        _ => None,
    };
    if let Some((property, value)) = extra {
        let p = Predicate {
            property: PropertyName::parse(property).expect("system name"),
            op: Op::Eq,
            value: Some(value),
        };
        if filter.groups.is_empty() {
            filter.groups.push(vec![p]);
        } else {
            filter.groups.iter_mut().for_each(|g| g.push(p.clone()));
        }
    }
    OrchestrationDef {
        name: program.name.clone(),
        host: host.to_string(),
        bound: true,
        message_type: act.and_then(|r| r.message_type.clone()),
        activation_filter: filter,
        convoy: convoy(program).map(|(_, props)| {
            props
                .iter()
                .map(|p| PropertyName::parse(p).expect("name"))
                .collect()
        }),
    }
}

/// Brings a subscriber from unenlisted to its configured state.
pub(crate) fn bring_to(
    mb: &mut MessageBox,
    owner: &Owner,
    state: ServiceState,
    field: &str,
) -> Result<(), ScenarioError> {
    let action = match state {
        ServiceState::Unenlisted => return Ok(()),
        ServiceState::Stopped => AdminAction::Enlist,
        ServiceState::Started => AdminAction::Start,
    };
    mb.administer(owner, action)
        .map(|_| ())
        .map_err(|e| ScenarioError {
            field: field.into(),
            reason: e.to_string(),
        })
}

fn build_group(
    spec: &GroupSpec,
    at: &str,
    programs: &BTreeMap<&str, &Program>,
) -> Result<Group, ScenarioError> {
    let schema = schema_for(spec, at)?;
    let mut mb = MessageBox::new(schema.clone(), spec.collation);
    for h in &spec.hosts {
        mb.set_host_running(&h.name, h.running);
    }
    let mut group = Group {
        name: spec.name.clone(),
        site: spec.site.clone(),
        team: spec.team.clone(),
        messagebox: MessageBox::default(),
        receive_ports: Vec::new(),
        send_ports: BTreeMap::new(),
        promotions: spec.promotions.clone(),
        endpoints: crate::insert::map(spec.endpoints.iter().map(|e| {
            (
                e.name.clone(),
                Endpoint {
                    available: e.available,
                    received: Vec::new(),
                },
            )
        })),
        responders: spec
            .responders
            .iter()
            .map(|d| Responder {
                def: d.clone(),
                waiting: Vec::new(),
            })
            .collect(),
        runs: BTreeMap::new(),
        transmissions: BTreeMap::new(),
        instance_ports: BTreeMap::new(),
        orchestration_hosts: BTreeMap::new(),
        deferred: Vec::new(),
        applications: spec.applications.clone(),
        sending: Default::default(),
    };
    // A responder's reply location may arrive later, with an imported application.
    group.promotions = promotions_of(&spec.promotion_sets, &spec.promotions, at)?;
    for (ai, app) in spec.applications.iter().enumerate() {
        let app_at = format!("{at}.applications[{ai}]");
        group.promotions.extend(promotions_of(
            &app.promotion_sets,
            &app.promotions,
            &app_at,
        )?);
        add_application(&mut group, &mut mb, app, &app_at, &schema, programs)?;
    }
    group.messagebox = mb;
    Ok(group)
}

pub(crate) fn add_application(
    group: &mut Group,
    mb: &mut MessageBox,
    app: &ApplicationSpec,
    at: &str,
    schema: &PropertySchema,
    programs: &BTreeMap<&str, &Program>,
) -> Result<(), ScenarioError> {
    for (i, rp) in app.receive_ports.iter().enumerate() {
        if group.receive_ports.iter().any(|p| p.name == rp.name) {
            return refuse(
                format!("{at}.receive_ports[{i}].name"),
                format!("receive port {:?} already exists in the group", rp.name),
            );
        }
        for (li, loc) in rp.locations.iter().enumerate() {
            if group.location(&loc.name).is_some() {
                return refuse(
                    format!("{at}.receive_ports[{i}].locations[{li}].name"),
                    format!(
                        "receive location {:?} already exists in the group",
                        loc.name
                    ),
                );
            }
        }
        group.receive_ports.push(rp.clone());
    }
    for (i, sp) in app.send_ports.iter().enumerate() {
        let field = format!("{at}.send_ports[{i}]");
        let filter = filter_at(&sp.filter, schema, &field)?;
        let def = ServiceDef::SendPort(SendPortDef {
            name: sp.name.clone(),
            host: sp.host.clone(),
            filter,
            priority: sp.priority,
        });
        add_service(mb, def, sp.state, &field)?;
        group.send_ports.insert(sp.name.clone(), sp.clone());
    }
    for (i, g) in app.send_port_groups.iter().enumerate() {
        let field = format!("{at}.send_port_groups[{i}]");
        let filter = filter_at(&g.filter, schema, &field)?;
        let def = ServiceDef::SendPortGroup(SendPortGroupDef {
            name: g.name.clone(),
            members: g.members.clone(),
            filter,
        });
        add_service(mb, def, g.state, &field)?;
    }
    for (i, o) in app.orchestrations.iter().enumerate() {
        let field = format!("{at}.orchestrations[{i}]");
        let program = programs.get(o.name.as_str()).ok_or_else(|| ScenarioError {
            field: format!("{field}.name"),
            reason: format!(
                "no program {:?}: load a library or add it to programs",
                o.name
            ),
        })?;
        group
            .orchestration_hosts
            .insert(o.name.clone(), o.host.clone());
        if activation(program).is_none() {
            // Called or started by others: no subscription of its own.
            continue;
        }
        add_service(
            mb,
            ServiceDef::Orchestration(orchestration_def(program, &o.host)),
            o.state,
            &field,
        )?;
    }
    Ok(())
}

/// A filter in any notation, or the error at `{field}.filter`.
fn filter_at(
    text: &str,
    schema: &PropertySchema,
    field: &str,
) -> Result<crate::filter::Filter, ScenarioError> {
    crate::filter::Filter::parse_any(text, schema).map_err(|e| ScenarioError {
        field: format!("{field}.filter"),
        reason: e.to_string(),
    })
}

/// Adds a subscriber and brings it to its configured state; errors name `{field}.name` or `.state`.
fn add_service(
    mb: &mut MessageBox,
    def: ServiceDef,
    state: ServiceState,
    field: &str,
) -> Result<(), ScenarioError> {
    let owner = match &def {
        ServiceDef::SendPort(p) => Owner::SendPort(p.name.clone()),
        ServiceDef::SendPortGroup(g) => Owner::SendPortGroup(g.name.clone()),
        ServiceDef::Orchestration(o) => Owner::Orchestration(o.name.clone()),
    };
    mb.add_service(def).map_err(|e| ScenarioError {
        field: format!("{field}.name"),
        reason: e.to_string(),
    })?;
    bring_to(mb, &owner, state, &format!("{field}.state"))
}
