//! Creating a port by hand: each new port is its own small application, imported into the group and
//! started, as an administrator would do with a binding file (ports live in applications in BizTalk).

use messagebox_engine::scenario::ApplicationSpec;
use messagebox_engine::world::{Command, Package, PACKAGE_FORMAT};
use serde_json::json;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PortDraft {
    /// A receive location rather than a send port.
    pub receive: bool,
    pub name: String,
    /// A send port's filter, in any notation.
    pub filter: String,
    /// Where a send port writes, or where a receive location reads.
    pub address: String,
    /// A receive location's pipeline: PassThru rather than XmlReceive.
    pub pass_thru: bool,
}

/// The commands that create the port: import its one-port application, then start it. Errors name the
/// missing field.
pub fn create_port(group: &str, d: &PortDraft) -> Result<Vec<Command>, String> {
    let name = d.name.trim();
    if name.is_empty() {
        return Err("Give the port a name".into());
    }
    if d.address.trim().is_empty() {
        return Err("Give the address (the queue, folder or URL)".into());
    }
    let application = format!("Lab.{name}");
    let spec = if d.receive {
        json!({"name": application, "receive_ports": [{"name": format!("{name}-RP"), "locations": [{
            "name": name, "address": d.address.trim(), "transport_type": "FILE",
            "pipeline": if d.pass_thru { "PassThru" } else { "XmlReceive" }}]}]})
    } else {
        json!({"name": application, "send_ports": [{"name": name, "filter": d.filter.trim(),
            "transport": {"transport_type": "FILE", "address": d.address.trim()}}]})
    };
    let application_spec: ApplicationSpec =
        serde_json::from_str(&spec.to_string()).map_err(|e| e.to_string())?;
    Ok(vec![
        Command::ImportApplication {
            group: group.to_string(),
            package: Box::new(Package {
                format: PACKAGE_FORMAT,
                application: application_spec,
                programs: vec![],
            }),
        },
        Command::StartApplication {
            group: group.to_string(),
            application,
        },
    ])
}
