//! Importing a BizTalk binding file into a group, as the Administration console does: into a new
//! application, which is then started; or into an application the group has, whose ports and bindings
//! the file names are updated and whose new ones are added (domain.md 5). Either all of it lands or
//! nothing changes.

use super::application::{Package, PACKAGE_FORMAT};
use super::World;
use crate::import::{import_bindings_with, PropertySchemaFile};
use crate::messagebox::CommandError;
use crate::scenario::{add_application, deploy_properties, ApplicationSpec};
use std::collections::BTreeMap;

impl World {
    /// Imports a binding file's ports and groups into `application` in `group`. Returns the warnings:
    /// what the file held that the simulator does not model, and how property schemas were linked.
    pub fn import_binding_file(
        &mut self,
        group: &str,
        application: &str,
        text: &str,
    ) -> Result<Vec<String>, CommandError> {
        self.import_binding_file_with(group, application, text, &[])
    }

    /// `import_binding_file` with the user's property schemas, deployed with the application.
    pub fn import_binding_file_with(
        &mut self,
        group: &str,
        application: &str,
        text: &str,
        schemas: &[PropertySchemaFile],
    ) -> Result<Vec<String>, CommandError> {
        let g = self
            .groups
            .get(group)
            .ok_or_else(|| CommandError::Unknown(format!("group {group}")))?;
        let base = g.messagebox.schema().clone();
        let imported = import_bindings_with(text, &base, schemas)
            .map_err(|e| CommandError::Refused(format!("binding file: {e}")))?;
        let (app, app_warnings) = imported.to_application(application, &base);
        let mut warnings = imported.links.clone();
        warnings.extend(imported.warnings.iter().cloned());
        warnings.extend(app_warnings);
        let existing = g
            .applications
            .iter()
            .find(|a| a.name == application)
            .cloned();
        match existing {
            None => self.import_new(group, app)?,
            Some(current) => self.update_existing(group, &current, app)?,
        }
        Ok(warnings)
    }

    /// A new application: imported, started, and its locations left as the file says.
    fn import_new(&mut self, group: &str, app: ApplicationSpec) -> Result<(), CommandError> {
        let disabled: Vec<String> = app
            .receive_ports
            .iter()
            .flat_map(|p| &p.locations)
            .filter(|l| !l.enabled)
            .map(|l| l.name.clone())
            .collect();
        let name = app.name.clone();
        let package = Package {
            format: PACKAGE_FORMAT,
            application: app,
            programs: vec![],
        };
        self.import_application(group, &package)?;
        self.start_application(group, &name)?;
        let g = self.groups.get_mut(group).expect("checked");
        for location in g
            .receive_ports
            .iter_mut()
            .flat_map(|p| p.locations.iter_mut())
            .filter(|l| disabled.contains(&l.name))
        {
            location.enabled = false;
        }
        Ok(())
    }

    /// An application the group has: the ports the file names are rebound, the new ones added (and
    /// started, or enabled as the file says). On any refusal the group is as it was.
    fn update_existing(
        &mut self,
        group: &str,
        current: &ApplicationSpec,
        app: ApplicationSpec,
    ) -> Result<(), CommandError> {
        let has_port = |n: &str| current.send_ports.iter().any(|p| p.name == n);
        let has_group = |n: &str| current.send_port_groups.iter().any(|p| p.name == n);
        let has_receive_port = |n: &str| current.receive_ports.iter().any(|p| p.name == n);
        let (known_ports, new_ports): (Vec<_>, Vec<_>) =
            app.send_ports.into_iter().partition(|p| has_port(&p.name));
        let (known_groups, new_groups): (Vec<_>, Vec<_>) = app
            .send_port_groups
            .into_iter()
            .partition(|p| has_group(&p.name));
        let (known_receive, new_receive): (Vec<_>, Vec<_>) = app
            .receive_ports
            .into_iter()
            .partition(|p| has_receive_port(&p.name));
        let additions = ApplicationSpec {
            name: current.name.clone(),
            properties: app.properties.clone(),
            send_ports: new_ports,
            send_port_groups: new_groups,
            receive_ports: new_receive,
            ..Default::default()
        };
        let saved = self.groups[group].clone();
        let mark = self.pending_len();
        let result = self
            .add_to_application(group, &additions)
            .and_then(|()| {
                let rebind = ApplicationSpec {
                    name: current.name.clone(),
                    send_ports: known_ports,
                    ..Default::default()
                };
                self.rebind_application(
                    group,
                    &Package {
                        format: PACKAGE_FORMAT,
                        application: rebind,
                        programs: vec![],
                    },
                )
            })
            .and_then(|()| self.rebind_groups(group, &current.name, known_groups))
            .and_then(|()| self.rebind_receive_ports(group, &current.name, known_receive));
        if result.is_err() {
            self.groups.insert(group.to_string(), saved);
            self.truncate_pending(mark);
        }
        result
    }

    /// The file's version of send port groups the application has: members and filter, state kept.
    fn rebind_groups(
        &mut self,
        group: &str,
        application: &str,
        groups: Vec<crate::world::config::SendPortGroupDef>,
    ) -> Result<(), CommandError> {
        let g = self.groups.get_mut(group).expect("checked");
        let mut events = Vec::new();
        for def in groups {
            let filter = crate::filter::Filter::parse_any(&def.filter, g.messagebox.schema())
                .map_err(|e| {
                    CommandError::Refused(format!("send port group {}: filter: {e}", def.name))
                })?;
            events.extend(
                g.messagebox
                    .rebind(crate::messagebox::ServiceDef::SendPortGroup(
                        crate::messagebox::SendPortGroupDef {
                            name: def.name.clone(),
                            members: def.members.clone(),
                            filter,
                        },
                    ))?,
            );
            if let Some(spec) = g
                .applications
                .iter_mut()
                .filter(|a| a.name == application)
                .flat_map(|a| a.send_port_groups.iter_mut())
                .find(|s| s.name == def.name)
            {
                spec.members = def.members;
                spec.filter = def.filter;
            }
        }
        for event in events {
            self.note(group, super::WorldEvent::MessageBox { event });
        }
        Ok(())
    }

    /// The file's version of receive ports the application has: the port's failed-message routing, its
    /// locations' address, transport, pipeline and `Enable`, and its new locations added.
    fn rebind_receive_ports(
        &mut self,
        group: &str,
        application: &str,
        ports: Vec<crate::world::config::ReceivePortDef>,
    ) -> Result<(), CommandError> {
        let g = self.groups.get_mut(group).expect("checked");
        for port in ports {
            for l in &port.locations {
                if let Some((owner, _)) = g.location(&l.name) {
                    if owner.name != port.name {
                        return Err(CommandError::Refused(format!(
                            "receive location {} already belongs to receive port {} in {group}",
                            l.name, owner.name
                        )));
                    }
                }
            }
            let update = |existing: &mut crate::world::config::ReceivePortDef| {
                existing.failed_message_routing = port.failed_message_routing;
                for l in &port.locations {
                    match existing.locations.iter_mut().find(|x| x.name == l.name) {
                        Some(x) => *x = l.clone(),
                        None => existing.locations.push(l.clone()),
                    }
                }
            };
            if let Some(existing) = g.receive_ports.iter_mut().find(|p| p.name == port.name) {
                update(existing);
            }
            if let Some(spec) = g
                .applications
                .iter_mut()
                .filter(|a| a.name == application)
                .flat_map(|a| a.receive_ports.iter_mut())
                .find(|p| p.name == port.name)
            {
                update(spec);
            }
        }
        Ok(())
    }

    /// Adds new artifacts to an existing application, in the states the spec gives.
    fn add_to_application(
        &mut self,
        group: &str,
        additions: &ApplicationSpec,
    ) -> Result<(), CommandError> {
        let g = &self.groups[group];
        let mut schema = g.messagebox.schema().clone();
        deploy_properties(&mut schema, &[], &additions.properties, "binding file")
            .map_err(|e| CommandError::Refused(e.to_string()))?;
        let mut trial = g.clone();
        trial.messagebox.deploy_schema(schema.clone());
        let mut mb = trial.messagebox.clone();
        let programs = BTreeMap::new();
        add_application(
            &mut trial,
            &mut mb,
            additions,
            &additions.name,
            &schema,
            &programs,
        )
        .map_err(|e| CommandError::Refused(format!("{}: {}", e.field, e.reason)))?;
        trial.messagebox = mb;
        let app = trial
            .applications
            .iter_mut()
            .find(|a| a.name == additions.name)
            .expect("the application exists");
        app.properties.extend(additions.properties.iter().cloned());
        app.send_ports.extend(additions.send_ports.iter().cloned());
        app.send_port_groups
            .extend(additions.send_port_groups.iter().cloned());
        app.receive_ports
            .extend(additions.receive_ports.iter().cloned());
        self.groups.insert(group.to_string(), trial);
        Ok(())
    }
}
