//! What an import did, said after it: the application added or updated, what it holds now against what
//! it held, and the warnings (what the file holds that the simulator does not model), read from the
//! group and the import's events, never from text. Also each application's state as the Administration
//! console shows it.

use messagebox_engine::messagebox::{Owner, ServiceState};
use messagebox_engine::scenario::ApplicationSpec;
use messagebox_engine::world::{Command, Group, Traced, WorldEvent};

/// How many of each artifact an application holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Artifacts {
    pub send_ports: usize,
    pub send_port_groups: usize,
    pub receive_ports: usize,
    pub receive_locations: usize,
    pub orchestrations: usize,
}

impl Artifacts {
    pub fn of(app: &ApplicationSpec) -> Self {
        Self {
            send_ports: app.send_ports.len(),
            send_port_groups: app.send_port_groups.len(),
            receive_ports: app.receive_ports.len(),
            receive_locations: app.receive_ports.iter().map(|p| p.locations.len()).sum(),
            orchestrations: app.orchestrations.len(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ImportSummary {
    pub group: String,
    pub application: String,
    /// None for an application new to the group.
    pub before: Option<Artifacts>,
    pub after: Artifacts,
    pub warnings: Vec<String>,
}

impl ImportSummary {
    /// The group and application an import command writes to, if it is one.
    pub fn target(command: &Command) -> Option<(String, String)> {
        match command {
            Command::ImportBindings {
                group, application, ..
            } => Some((group.clone(), application.clone())),
            Command::ImportApplication { group, package } => {
                Some((group.clone(), package.application.name.clone()))
            }
            _ => None,
        }
    }

    /// The summary of an import into `group`, from the application as it was (`before`), the group
    /// after, and the import's events.
    pub fn of(
        group: &Group,
        application: &str,
        before: Option<Artifacts>,
        events: &[Traced],
    ) -> Option<Self> {
        let app = group.applications.iter().find(|a| a.name == application)?;
        let warnings = events
            .iter()
            .filter(|t| t.group == group.name)
            .filter_map(|t| match &t.event {
                WorldEvent::Warning { text } => Some(text.clone()),
                _ => None,
            })
            .collect();
        Some(Self {
            group: group.name.clone(),
            application: application.to_string(),
            before,
            after: Artifacts::of(app),
            warnings,
        })
    }

    /// One sentence: what was added or updated, and how many warnings.
    pub fn headline(&self) -> String {
        let a = &self.after;
        let holds = [
            (a.send_ports, "send port"),
            (a.send_port_groups, "send port group"),
            (a.receive_ports, "receive port"),
            (a.receive_locations, "receive location"),
            (a.orchestrations, "orchestration"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{} {what}{}", thousands(*n), if *n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>();
        let holds = if holds.is_empty() {
            "nothing that routes".to_string()
        } else {
            holds.join(", ")
        };
        let verb = match &self.before {
            None => format!("{} was added to {}", self.application, self.group),
            Some(_) => format!("{} was updated in {}", self.application, self.group),
        };
        let change = match &self.before {
            Some(b) if b.send_ports != a.send_ports => {
                format!(" ({} send ports before)", thousands(b.send_ports))
            }
            _ => String::new(),
        };
        let warnings = match self.warnings.len() {
            0 => "no warnings".to_string(),
            1 => "1 warning".to_string(),
            n => format!("{} warnings", thousands(n)),
        };
        format!("{verb}: it holds {holds}{change}; {warnings}.")
    }
}

/// `20000` as `20,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The application's state as the Administration console shows it: Started when every orchestration,
/// send port and send port group is started and every receive location enabled, Stopped when none is,
/// Partially started otherwise (an application with nothing to run counts as Started).
pub fn application_state(group: &Group, app: &ApplicationSpec) -> &'static str {
    let services = &group.messagebox.state().services;
    let started = |owner: Owner| {
        services
            .get(&owner)
            .is_some_and(|s| s.state == ServiceState::Started)
    };
    let mut parts: Vec<bool> = Vec::new();
    parts.extend(
        app.orchestrations
            .iter()
            .map(|o| started(Owner::Orchestration(o.name.clone()))),
    );
    parts.extend(
        app.send_ports
            .iter()
            .map(|p| started(Owner::SendPort(p.name.clone()))),
    );
    parts.extend(
        app.send_port_groups
            .iter()
            .map(|p| started(Owner::SendPortGroup(p.name.clone()))),
    );
    parts.extend(
        app.receive_ports
            .iter()
            .flat_map(|p| &p.locations)
            .map(|l| {
                group
                    .location(&l.name)
                    .is_some_and(|(port, i)| port.locations[i].enabled)
            }),
    );
    match (parts.iter().all(|p| *p), parts.iter().any(|p| *p)) {
        (true, _) => "Started",
        (false, true) => "Partially started",
        (false, false) => "Stopped",
    }
}
