//! The scenario format (version 1): groups with their hosts, property schemas, applications (ports,
//! send port groups, orchestrations), endpoints and partner systems, the orchestration programs, and a
//! script of commands at given times (inputs and faults).

use crate::messagebox::ServiceState;
use crate::orchestration::Program;
use crate::property::Collation;
use crate::world::config::{
    default_host, started, Promotion, ReceivePortDef, ResponderDef, SendPortDef, SendPortGroupDef,
};
use crate::world::{Command, Settings};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub format: u32,
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub seed: u64,
    #[serde(default)]
    pub settings: Option<Settings>,
    /// Configuration values (SSO settings in the BPM): `TotalStages`, `Marking`.
    #[serde(default)]
    pub config: BTreeMap<String, String>,
    /// Built-in program libraries to load: `bpm`.
    #[serde(default)]
    pub libraries: Vec<String>,
    /// Programs written out in full.
    #[serde(default)]
    pub programs: Vec<Program>,
    pub groups: Vec<GroupSpec>,
    /// WAN links between groups.
    #[serde(default)]
    pub links: Vec<crate::world::Link>,
    #[serde(default)]
    pub script: Vec<ScriptItem>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScriptItem {
    pub at: u64,
    pub command: Command,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostSpec {
    pub name: String,
    #[serde(default = "yes")]
    pub running: bool,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropertySpec {
    pub name: String,
    #[serde(rename = "type")]
    pub xsd: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointSpec {
    pub name: String,
    #[serde(default = "yes")]
    pub available: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrchestrationSpec {
    /// The program's name.
    pub name: String,
    #[serde(default = "default_host")]
    pub host: String,
    #[serde(default = "started")]
    pub state: ServiceState,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationSpec {
    pub name: String,
    #[serde(default)]
    pub references: Vec<String>,
    /// Property schemas the application deploys: built-in ones by name (`bpm`), and single properties.
    #[serde(default)]
    pub property_schemas: Vec<String>,
    #[serde(default)]
    pub properties: Vec<PropertySpec>,
    /// What the XmlReceive pipeline promotes, for the schemas above: built-in sets (`bpm`) and single ones.
    #[serde(default)]
    pub promotion_sets: Vec<String>,
    #[serde(default)]
    pub promotions: Vec<Promotion>,
    #[serde(default)]
    pub receive_ports: Vec<ReceivePortDef>,
    #[serde(default)]
    pub send_ports: Vec<SendPortDef>,
    #[serde(default)]
    pub send_port_groups: Vec<SendPortGroupDef>,
    #[serde(default)]
    pub orchestrations: Vec<OrchestrationSpec>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub name: String,
    pub site: String,
    pub team: String,
    #[serde(default)]
    pub hosts: Vec<HostSpec>,
    /// Built-in property schemas deployed in the group: `bpm`.
    #[serde(default)]
    pub property_schemas: Vec<String>,
    /// Further properties, as `NS.Name` and an XSD type.
    #[serde(default)]
    pub properties: Vec<PropertySpec>,
    /// Built-in promotion sets of the XmlReceive pipeline: `bpm`.
    #[serde(default)]
    pub promotion_sets: Vec<String>,
    #[serde(default)]
    pub promotions: Vec<Promotion>,
    #[serde(default)]
    pub collation: Collation,
    #[serde(default)]
    pub applications: Vec<ApplicationSpec>,
    #[serde(default)]
    pub endpoints: Vec<EndpointSpec>,
    #[serde(default)]
    pub responders: Vec<ResponderDef>,
}
