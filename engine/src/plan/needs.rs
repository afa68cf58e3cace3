//! What must be in the target group before the application can run there: the applications it
//! references (in dependency order), the property schemas its filters and promotions use, and the
//! hosts its orchestrations and send ports bind to (domain.md 5, 10.6 step 2).

use crate::filter::Filter;
use crate::scenario::ApplicationSpec;
use crate::world::{activation, World};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImportStep {
    pub application: String,
    pub why: String,
    pub already_in_target: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SchemaNeed {
    /// The schema's prefix (`SV`).
    pub prefix: String,
    /// The properties of it the application's filters and promotions read.
    pub properties: Vec<String>,
    /// The application in the source group that deploys it, if one does.
    pub deployed_by: Option<String>,
    pub in_target: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HostNeed {
    pub host: String,
    pub used_by: Vec<String>,
    pub in_target: bool,
}

fn app<'a>(world: &'a World, group: &str, name: &str) -> Option<&'a ApplicationSpec> {
    world
        .group(group)?
        .applications
        .iter()
        .find(|a| a.name == name)
}

/// The applications to import, references first (each once), the moved application last.
pub fn imports(world: &World, from: &str, to: &str, application: &str) -> Vec<ImportStep> {
    let mut out: Vec<ImportStep> = Vec::new();
    visit(world, from, to, application, None, &mut out);
    out
}

fn visit(
    world: &World,
    from: &str,
    to: &str,
    name: &str,
    referenced_by: Option<&str>,
    out: &mut Vec<ImportStep>,
) {
    if out.iter().any(|s| s.application == name) {
        return;
    }
    if let Some(spec) = app(world, from, name) {
        for r in &spec.references {
            visit(world, from, to, r, Some(name), out);
        }
    }
    let deploys = app(world, from, name)
        .map(|a| !a.property_schemas.is_empty() || !a.properties.is_empty())
        .unwrap_or(false);
    let why = match referenced_by {
        None => "the application being moved".to_string(),
        Some(by) if deploys => {
            format!("referenced by {by}; it deploys the property schema the filters use")
        }
        Some(by) => format!("referenced by {by}"),
    };
    out.push(ImportStep {
        application: name.to_string(),
        why,
        already_in_target: app(world, to, name).is_some(),
    });
}

/// The non-system property schemas the application's activation filters, send port filters and
/// promotions read, and who deploys them.
pub fn schemas(world: &World, from: &str, to: &str, application: &str) -> Vec<SchemaNeed> {
    let Some(spec) = app(world, from, application) else {
        return Vec::new();
    };
    let source = world.groups[from].messagebox.schema();
    let mut names: Vec<String> = Vec::new();
    for o in &spec.orchestrations {
        if let Some(filter) = world
            .program(&o.name)
            .and_then(activation)
            .and_then(|r| r.filter.as_ref())
        {
            names.extend(filter.predicates().map(|p| p.property.to_string()));
        }
    }
    for p in &spec.send_ports {
        if let Ok(f) = Filter::parse_any(&p.filter, source) {
            names.extend(f.predicates().map(|p| p.property.to_string()));
        }
    }
    names.extend(spec.promotions.iter().map(|p| p.property.clone()));
    let mut by_prefix: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for full in names {
        let short = super::short_name(&full, source);
        let Some((prefix, _)) = short.split_once('.') else {
            continue;
        };
        if crate::property::catalogue::by_prefix(prefix).is_some() {
            continue;
        }
        let list = by_prefix.entry(prefix.to_string()).or_default();
        if !list.contains(&short) {
            list.push(short);
        }
    }
    let target = world.groups[to].messagebox.schema();
    by_prefix
        .into_iter()
        .map(|(prefix, mut properties)| {
            properties.sort();
            let deployed_by = world.groups[from]
                .applications
                .iter()
                .find(|a| {
                    a.property_schemas
                        .iter()
                        .any(|s| s == "bpm" && prefix == "SV")
                        || a.properties
                            .iter()
                            .any(|p| p.name.starts_with(&format!("{prefix}.")))
                })
                .map(|a| a.name.clone());
            let in_target = properties.iter().all(|p| {
                let full = source
                    .aliases()
                    .iter()
                    .find(|a| a.short == prefix)
                    .map(|a| format!("{}{}", a.full, &p[prefix.len()..]))
                    .unwrap_or_else(|| p.clone());
                target.id(&full).is_some() || target.id(p).is_some()
            });
            SchemaNeed {
                prefix,
                properties,
                deployed_by,
                in_target,
            }
        })
        .collect()
}

/// The hosts the application's orchestrations and send ports run in.
pub fn hosts(world: &World, from: &str, to: &str, application: &str) -> Vec<HostNeed> {
    let Some(spec) = app(world, from, application) else {
        return Vec::new();
    };
    let mut out: Vec<HostNeed> = Vec::new();
    let uses = spec
        .orchestrations
        .iter()
        .map(|o| (o.host.clone(), o.name.clone()))
        .chain(
            spec.send_ports
                .iter()
                .map(|p| (p.host.clone(), p.name.clone())),
        );
    for (host, user) in uses {
        match out.iter_mut().find(|h| h.host == host) {
            Some(h) => h.used_by.push(user),
            None => out.push(HostNeed {
                in_target: world.groups[to]
                    .messagebox
                    .state()
                    .hosts
                    .contains_key(&host),
                host,
                used_by: vec![user],
            }),
        }
    }
    out
}

/// A partner system one of the application's send ports sends to (a queue a responder reads).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartnerNeed {
    pub address: String,
    pub send_port: String,
    /// The partner system that answers there in the source group.
    pub partner: String,
    /// Whether a partner system answers at that address in the target group too.
    pub in_target: bool,
}

/// The partner systems the application's send ports reach in the source group, and whether the
/// target group reaches them too: a stage waiting for a reply that never comes waits for ever.
pub fn partners(world: &World, from: &str, to: &str, application: &str) -> Vec<PartnerNeed> {
    let Some(spec) = app(world, from, application) else {
        return Vec::new();
    };
    let serves = |group: &str, address: &str| {
        world.groups[group]
            .responders
            .iter()
            .find(|r| r.def.endpoint == address)
            .map(|r| r.def.name.clone())
    };
    spec.send_ports
        .iter()
        .filter_map(|p| {
            let partner = serves(from, &p.transport.address)?;
            Some(PartnerNeed {
                address: p.transport.address.clone(),
                send_port: p.name.clone(),
                partner,
                in_target: serves(to, &p.transport.address).is_some(),
            })
        })
        .collect()
}
