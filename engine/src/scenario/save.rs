//! The current deployment of every group as a scenario file: groups with their hosts (running or not),
//! property schemas, promotions, applications with each subscriber's state and each receive location's,
//! partner systems and endpoints, the orchestration programs, the links, settings and configuration.
//! What is not a deployment is left out: messages and instances in flight, the run's history and the
//! scenario's script (the saved file opens at time 0 with nothing scheduled). The world's random seed
//! is not kept by the world, so the file says seed 0.

use super::load::promotions_of;
use super::model::{EndpointSpec, GroupSpec, HostSpec, PropertySpec, Scenario};
use super::summary::FORMAT_VERSION;
use crate::messagebox::{Owner, ServiceState};
use crate::property::{PropertySchema, BPM_PROPERTIES};
use crate::world::{Group, World};

/// The deployment of `world` as a scenario called `title`.
pub fn scenario_of(world: &World, title: &str) -> Scenario {
    Scenario {
        format: FORMAT_VERSION,
        id: "saved-deployment".into(),
        title: title.into(),
        summary: format!(
            "The deployment of {} group(s) saved from MessageBox Lab, without messages in flight.",
            world.groups.len()
        ),
        seed: 0,
        settings: Some(world.settings.clone()),
        config: world
            .config
            .iter()
            .map(|(k, v)| (k.clone(), v.to_string()))
            .collect(),
        libraries: Vec::new(),
        programs: world.programs().cloned().collect(),
        groups: world.groups.values().map(group_spec).collect(),
        links: world.links.clone(),
        script: Vec::new(),
    }
}

fn state_of(g: &Group, owner: Owner) -> ServiceState {
    g.messagebox
        .state()
        .services
        .get(&owner)
        .map_or(ServiceState::Unenlisted, |s| s.state)
}

fn group_spec(g: &Group) -> GroupSpec {
    let mut applications = g.applications.clone();
    for app in &mut applications {
        for o in &mut app.orchestrations {
            o.state = state_of(g, Owner::Orchestration(o.name.clone()));
        }
        for p in &mut app.send_ports {
            // The live definition (a filter edited in the lab), with its live state.
            if let Some(live) = g.send_ports.get(&p.name) {
                *p = live.clone();
            }
            p.state = state_of(g, Owner::SendPort(p.name.clone()));
        }
        for p in &mut app.send_port_groups {
            p.state = state_of(g, Owner::SendPortGroup(p.name.clone()));
        }
        for port in &mut app.receive_ports {
            if let Some(live) = g.receive_ports.iter().find(|r| r.name == port.name) {
                *port = live.clone();
            }
        }
    }
    // What the applications deploy is theirs; the rest was deployed in the group itself.
    let by_apps: Vec<_> = applications
        .iter()
        .flat_map(|a| promotions_of(&a.promotion_sets, &a.promotions, "").unwrap_or_default())
        .collect();
    let mut promotions = g.promotions.clone();
    for p in &by_apps {
        if let Some(i) = promotions.iter().position(|q| q == p) {
            promotions.remove(i);
        }
    }
    let (property_schemas, properties) = group_properties(g.messagebox.schema(), &applications);
    GroupSpec {
        name: g.name.clone(),
        site: g.site.clone(),
        team: g.team.clone(),
        hosts: g
            .messagebox
            .state()
            .hosts
            .iter()
            .map(|(name, running)| HostSpec {
                name: name.clone(),
                running: *running,
            })
            .collect(),
        property_schemas,
        properties,
        promotion_sets: Vec::new(),
        promotions,
        collation: g.messagebox.state().collation,
        applications,
        endpoints: g
            .endpoints
            .iter()
            .map(|(name, e)| EndpointSpec {
                name: name.clone(),
                available: e.available,
            })
            .collect(),
        responders: g.responders.iter().map(|r| r.def.clone()).collect(),
    }
}

/// The properties deployed in the group that none of its applications deploys: the BPM schema by
/// name, the others one by one.
fn group_properties(
    schema: &PropertySchema,
    applications: &[super::ApplicationSpec],
) -> (Vec<String>, Vec<PropertySpec>) {
    let apps_bpm = applications
        .iter()
        .any(|a| a.property_schemas.iter().any(|s| s == "bpm"));
    let apps_props: Vec<&str> = applications
        .iter()
        .flat_map(|a| a.properties.iter().map(|p| p.name.as_str()))
        .collect();
    let bpm_names: Vec<String> = BPM_PROPERTIES
        .iter()
        .map(|(n, _)| n.replacen("SV.", &format!("{}.", crate::property::BPM_NAMESPACE), 1))
        .collect();
    let deployed: Vec<(String, &'static str)> = schema
        .iter()
        .map(|(_, d)| d)
        .filter(|d| !d.system)
        .map(|d| (d.name.to_string(), d.xsd.xsd_name()))
        .collect();
    let has_bpm = deployed
        .iter()
        .any(|(n, _)| bpm_names.contains(n) || n.starts_with("SV."));
    let property_schemas = if has_bpm && !apps_bpm {
        vec!["bpm".to_string()]
    } else {
        Vec::new()
    };
    let properties = deployed
        .into_iter()
        .filter(|(n, _)| !bpm_names.contains(n) && !n.starts_with("SV."))
        .filter(|(n, _)| !apps_props.contains(&n.as_str()))
        .map(|(name, xsd)| PropertySpec {
            name,
            xsd: xsd.into(),
        })
        .collect();
    (property_schemas, properties)
}
