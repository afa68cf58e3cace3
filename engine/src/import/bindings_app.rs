//! A binding file as an application to import into a group (domain.md 5): its send ports, groups and
//! receive ports, with the transports, retries and states the file gives.

use super::bindings::BindingImport;
use crate::messagebox::ServiceState;
use crate::property::PropertySchema;
use crate::scenario::{ApplicationSpec, PropertySpec};
use crate::world::config::{
    default_host, Pipeline, ReceiveLocationDef, ReceivePortDef, SendPortDef, SendPortGroupDef,
    TransportDef,
};

impl BindingImport {
    /// The imported bindings as an application. `base` is the schema of the group it goes to: the
    /// properties the file's filters needed beyond it travel with the application. Send ports and
    /// groups are started (a binding file carries no state for them); locations are enabled as the file
    /// says. Orchestrations need their programs, which a binding file does not carry: they are left
    /// out, with a warning.
    pub fn to_application(
        &self,
        name: &str,
        base: &PropertySchema,
    ) -> (ApplicationSpec, Vec<String>) {
        let transport =
            |kind: &Option<String>, address: &Option<String>, fallback: &str| TransportDef {
                transport_type: kind.clone().unwrap_or_else(|| "FILE".into()),
                address: address.clone().unwrap_or_else(|| fallback.to_string()),
            };
        let send_ports = self
            .send_ports
            .iter()
            .map(|p| SendPortDef {
                name: p.name.clone(),
                host: p.host.clone().unwrap_or_else(default_host),
                filter: p.filter.to_rows_text(),
                transport: transport(&p.transport_type, &p.address, &p.name),
                backup: p
                    .backup_address
                    .as_ref()
                    .map(|_| transport(&p.backup_transport_type, &p.backup_address, &p.name)),
                retry_count: p.retry_count.unwrap_or(3),
                retry_interval_ms: u64::from(p.retry_interval_minutes.unwrap_or(5)) * 60 * 1000,
                priority: p.priority.unwrap_or(5),
                ordered_delivery: p.ordered_delivery,
                stop_on_failure: p.stop_on_failure,
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
        let warnings = self
            .orchestrations
            .iter()
            .map(|o| {
                format!(
                    "orchestration {}: left out: a binding file carries no program, so the lab neither deploys it nor applies its port bindings",
                    o.name
                )
            })
            .collect();
        let properties = self
            .schema
            .iter()
            .filter(|(_, d)| !d.system && base.id(&d.name.to_string()).is_none())
            .map(|(_, d)| PropertySpec {
                name: d.name.to_string(),
                xsd: d.xsd.xsd_name().into(),
            })
            .collect();
        let app = ApplicationSpec {
            name: name.to_string(),
            properties,
            send_ports,
            send_port_groups,
            receive_ports,
            ..Default::default()
        };
        (app, warnings)
    }
}
