//! Commands on a group: input, administration of ports, orchestrations, hosts and locations, faults, and
//! the Group Hub's resume and terminate. A refused command changes nothing.

use super::{Command, Cx, Group, TransmissionState, WorldEvent};
use crate::messagebox::{AdminAction, CommandError};
use crate::orchestration::InstanceState;

impl Group {
    fn location_mut(
        &mut self,
        name: &str,
    ) -> Result<&mut super::config::ReceiveLocationDef, CommandError> {
        self.receive_ports
            .iter_mut()
            .flat_map(|p| p.locations.iter_mut())
            .find(|l| l.name == name)
            .ok_or_else(|| CommandError::Unknown(format!("receive location {name}")))
    }

    pub(crate) fn execute(&mut self, cx: &mut Cx, command: Command) -> Result<(), CommandError> {
        match command {
            Command::Submit { location, body, .. } => self.receive(cx, &location, &body),
            Command::PublishContext { context, body, .. } => {
                self.publish_context(cx, &context, body.as_deref())
            }
            Command::Administer { owner, action, .. } => {
                let events = self.messagebox.administer(&owner, action)?;
                cx.emit_all(events);
                if matches!(action, AdminAction::Start) {
                    cx.dispatch_soon();
                }
                Ok(())
            }
            Command::SetFilter { owner, filter, .. } => {
                let parsed = crate::filter::Filter::parse_any(&filter, self.messagebox.schema())
                    .map_err(|e| CommandError::Refused(format!("{owner}: filter: {e}")))?;
                let events = self.messagebox.set_filter(&owner, parsed)?;
                cx.emit_all(events);
                if let crate::messagebox::Owner::SendPort(name) = &owner {
                    if let Some(port) = self.send_ports.get_mut(name) {
                        port.filter = filter.clone();
                    }
                }
                cx.emit(WorldEvent::FilterChanged { owner, filter });
                Ok(())
            }
            Command::SetLocationPipeline {
                location, pipeline, ..
            } => {
                self.location_mut(&location)?.pipeline = pipeline;
                Ok(())
            }
            Command::SetLocationEnabled {
                location, enabled, ..
            } => {
                self.location_mut(&location)?.enabled = enabled;
                cx.emit(WorldEvent::ReceiveLocationChanged { location, enabled });
                Ok(())
            }
            Command::SetHostRunning { host, running, .. } => {
                let events = self.messagebox.set_host_running(&host, running);
                cx.emit_all(events);
                if running {
                    cx.dispatch_soon();
                    for id in std::mem::take(&mut self.deferred) {
                        cx.run_soon(id);
                    }
                }
                Ok(())
            }
            Command::SetEndpointAvailable {
                endpoint,
                available,
                ..
            } => {
                self.endpoints
                    .entry(endpoint.clone())
                    .or_insert(super::config::Endpoint {
                        available,
                        received: Vec::new(),
                    })
                    .available = available;
                cx.emit(WorldEvent::EndpointChanged {
                    endpoint,
                    available,
                });
                Ok(())
            }
            Command::SetResponderRunning {
                responder, running, ..
            } => self.set_responder_running(cx, &responder, running),
            Command::ResumeReference { reference, .. } => {
                let events = self.messagebox.resume(reference)?;
                cx.emit_all(events);
                cx.dispatch_soon();
                Ok(())
            }
            Command::TerminateReference { reference, .. } => {
                let events = self.messagebox.terminate(reference)?;
                cx.emit_all(events);
                Ok(())
            }
            Command::TerminateReport { report, .. } => {
                let events = self.messagebox.terminate_report(report)?;
                cx.emit_all(events);
                Ok(())
            }
            Command::ResumeInstance { instance, .. } => {
                if self.runs.contains_key(&instance) {
                    self.resume_run(cx, instance)
                } else {
                    self.resume_transmission(cx, instance)
                }
            }
            Command::TerminateInstance { instance, .. } => {
                if let Some(run) = self.runs.get(&instance) {
                    if run.state.is_finished() {
                        return Err(CommandError::Refused(format!(
                            "instance {} has already ended",
                            instance.0
                        )));
                    }
                    self.finish(
                        cx,
                        instance,
                        InstanceState::Terminated {
                            reason: "terminated by an administrator".into(),
                        },
                    );
                    return Ok(());
                }
                if !self.transmissions.contains_key(&instance) {
                    // A convoy instance still waiting for its first message to be delivered.
                    let events = self
                        .messagebox
                        .end_unstarted(instance)
                        .map_err(|_| CommandError::Unknown(format!("instance {}", instance.0)))?;
                    cx.emit_all(events);
                    cx.emit(WorldEvent::InstanceTerminated {
                        instance,
                        reason: "terminated by an administrator".into(),
                    });
                    return Ok(());
                }
                let t = self
                    .transmissions
                    .get_mut(&instance)
                    .ok_or_else(|| CommandError::Unknown(format!("instance {}", instance.0)))?;
                if matches!(
                    t.state,
                    TransmissionState::Done | TransmissionState::Terminated
                ) {
                    return Err(CommandError::Refused(format!(
                        "instance {} has already ended",
                        instance.0
                    )));
                }
                t.state = TransmissionState::Terminated;
                let _ = self.messagebox.complete_instance(instance);
                cx.emit(WorldEvent::InstanceTerminated {
                    instance,
                    reason: "terminated by an administrator".into(),
                });
                Ok(())
            }
            Command::SetConfig { .. }
            | Command::SetLinkUp { .. }
            | Command::ImportApplication { .. }
            | Command::CopyApplication { .. }
            | Command::StartApplication { .. }
            | Command::ImportBindings { .. }
            | Command::StopApplication { .. }
            | Command::RemoveApplication { .. }
            | Command::CreateBridge { .. } => {
                unreachable!("the world carries out these commands itself")
            }
        }
    }
}
