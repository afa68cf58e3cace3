//! Send ports at work: transmission attempts to an endpoint, retries, the backup transport, suspension,
//! ordered delivery, delivery notifications (domain.md 4.2), and the simulated partner systems that
//! answer at some endpoints.

use super::{Cx, Group, Work, WorldEvent};
use crate::message::{MessageDraft, MessageId};
use crate::messagebox::{CommandError, Event, InstanceId, Owner, Publisher};
use crate::orchestration::eval_field;
use crate::property::{bts, PropertyName, Value};
use rand_pcg::rand_core::Rng;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TransmissionState {
    /// Due to be attempted.
    Pending,
    /// Between retries (the instance shows Retrying, domain.md 4.2).
    Retrying {
        next_at: u64,
    },
    /// Behind an earlier message of an ordered port.
    Queued,
    Suspended {
        resumable: bool,
    },
    Done,
    Terminated,
}

/// A send port's service instance for one message (domain.md 1.8).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Transmission {
    pub id: InstanceId,
    pub port: String,
    pub message: MessageId,
    pub attempt: u32,
    pub backup: bool,
    pub state: TransmissionState,
}

impl Group {
    /// A send port took a message: start its service instance (behind earlier ones on an ordered port).
    pub(crate) fn start_transmission(&mut self, cx: &mut Cx, port: &str, message: MessageId) {
        let id = self
            .messagebox
            .create_instance(Owner::SendPort(port.to_string()));
        let ordered = self
            .send_ports
            .get(port)
            .is_some_and(|p| p.ordered_delivery);
        let busy = ordered
            && self.port_transmissions(port).any(|t| {
                matches!(
                    t.state,
                    TransmissionState::Pending
                        | TransmissionState::Retrying { .. }
                        | TransmissionState::Queued
                        | TransmissionState::Suspended { resumable: true }
                )
            });
        let state = if busy {
            TransmissionState::Queued
        } else {
            TransmissionState::Pending
        };
        let transmission = Transmission {
            id,
            port: port.to_string(),
            message,
            attempt: 0,
            backup: false,
            state: state.clone(),
        };
        self.sending.ensure(&self.transmissions);
        self.sending.add(&transmission);
        self.transmissions.insert(id, transmission);
        if state == TransmissionState::Pending {
            cx.after(
                cx.settings.transmit_ms,
                Work::Transmit {
                    group: cx.group.to_string(),
                    transmission: id,
                },
            );
        }
    }

    pub(crate) fn transmit(&mut self, cx: &mut Cx, id: InstanceId) {
        let Some(t) = self.transmissions.get(&id).cloned() else {
            return;
        };
        if !matches!(
            t.state,
            TransmissionState::Pending | TransmissionState::Retrying { .. }
        ) {
            return;
        }
        let config = self.send_ports.get(&t.port).cloned();
        let Some(message) = self.messagebox.message(t.message).cloned() else {
            return;
        };
        // A dynamic port's address comes with the message (domain.md 3).
        let dynamic = message
            .context()
            .get(&PropertyName::parse(bts::OUTBOUND_TRANSPORT_LOCATION).expect("name"))
            .map(|p| p.value.to_string());
        let endpoint = match (&config, t.backup) {
            (Some(c), true) => c
                .backup
                .as_ref()
                .map_or(c.transport.address.clone(), |b| b.address.clone()),
            (Some(c), false) => dynamic.unwrap_or_else(|| c.transport.address.clone()),
            (None, _) => dynamic.unwrap_or_else(|| t.port.clone()),
        };
        cx.emit(WorldEvent::TransmitAttempt {
            transmission: id,
            port: t.port.clone(),
            message: t.message,
            endpoint: endpoint.clone(),
            attempt: t.attempt + 1,
            backup: t.backup,
        });
        // An endpoint another group reads is across a WAN link, which may be cut.
        let reader = cx.reader(&endpoint);
        let reachable = reader.as_ref().is_none_or(|r| cx.reachable(&r.group));
        let available = reachable && self.endpoints.get(&endpoint).is_none_or(|e| e.available);
        if available {
            if let Some(r) = &reader {
                cx.wire.push(super::Wire {
                    from: cx.group.to_string(),
                    port: t.port.clone(),
                    message: t.message,
                    to: r.group.clone(),
                    location: r.location.clone(),
                    body: message.body().to_string(),
                });
            }
            self.endpoints
                .entry(endpoint.clone())
                .or_insert(super::config::Endpoint {
                    available: true,
                    received: Vec::new(),
                });
            self.endpoints
                .get_mut(&endpoint)
                .unwrap()
                .received
                .push(t.message);
            self.transmissions.get_mut(&id).unwrap().state = TransmissionState::Done;
            cx.emit(WorldEvent::Transmitted {
                transmission: id,
                port: t.port.clone(),
                message: t.message,
                endpoint: endpoint.clone(),
            });
            let _ = self.messagebox.complete_instance(id);
            self.acknowledge(cx, &t.port, &message);
            self.deliver_to_responders(cx, &endpoint, message.body());
            self.next_in_order(cx, &t.port);
            return;
        }
        let (retry_count, interval) = config
            .as_ref()
            .map_or((0, 0), |c| (c.retry_count, c.retry_interval_ms));
        let entry = self.transmissions.get_mut(&id).unwrap();
        if entry.attempt < retry_count {
            entry.attempt += 1;
            let next_at = cx.now + interval;
            entry.state = TransmissionState::Retrying { next_at };
            cx.emit(WorldEvent::TransmitFailed {
                transmission: id,
                port: t.port.clone(),
                endpoint,
                retry_at: Some(next_at),
            });
            cx.after(
                interval,
                Work::Transmit {
                    group: cx.group.to_string(),
                    transmission: id,
                },
            );
        } else if config.as_ref().is_some_and(|c| c.backup.is_some()) && !entry.backup {
            entry.backup = true;
            entry.attempt = 0;
            entry.state = TransmissionState::Pending;
            cx.emit(WorldEvent::TransmitFailed {
                transmission: id,
                port: t.port.clone(),
                endpoint,
                retry_at: None,
            });
            cx.emit(WorldEvent::MovedToBackup {
                transmission: id,
                port: t.port.clone(),
            });
            cx.after(
                cx.settings.transmit_ms,
                Work::Transmit {
                    group: cx.group.to_string(),
                    transmission: id,
                },
            );
        } else {
            // Only now, every retry spent on both transports, is the message suspended (domain.md 4.2).
            // Ordered delivery without stop-on-failure suspends it non-resumable and carries on.
            let (ordered, stop) = config
                .as_ref()
                .map_or((false, false), |c| (c.ordered_delivery, c.stop_on_failure));
            let resumable = !ordered || stop;
            entry.state = TransmissionState::Suspended { resumable };
            cx.emit(WorldEvent::TransmitFailed {
                transmission: id,
                port: t.port.clone(),
                endpoint,
                retry_at: None,
            });
            cx.emit(WorldEvent::TransmissionSuspended {
                transmission: id,
                port: t.port.clone(),
                message: t.message,
                resumable,
            });
            if !resumable {
                self.next_in_order(cx, &t.port);
            }
        }
    }

    /// A port's live transmissions, oldest first.
    fn port_transmissions<'a>(
        &'a mut self,
        port: &'a str,
    ) -> impl Iterator<Item = &'a Transmission> + 'a {
        self.sending.ensure(&self.transmissions);
        let transmissions = &self.transmissions;
        self.sending
            .of_port(port)
            .filter_map(move |id| transmissions.get(&id))
    }

    /// On an ordered port, the next queued message goes once the one before it is done.
    fn next_in_order(&mut self, cx: &mut Cx, port: &str) {
        if !self
            .send_ports
            .get(port)
            .is_some_and(|p| p.ordered_delivery)
        {
            return;
        }
        let next = self
            .port_transmissions(port)
            .find(|t| t.state == TransmissionState::Queued)
            .map(|t| t.id);
        if let Some(id) = next {
            self.transmissions.get_mut(&id).unwrap().state = TransmissionState::Pending;
            cx.after(
                cx.settings.transmit_ms,
                Work::Transmit {
                    group: cx.group.to_string(),
                    transmission: id,
                },
            );
        }
    }

    pub(crate) fn resume_transmission(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
    ) -> Result<(), CommandError> {
        let t = self
            .transmissions
            .get_mut(&id)
            .ok_or_else(|| CommandError::Unknown(format!("instance {}", id.0)))?;
        match t.state {
            TransmissionState::Suspended { resumable: true } => {
                t.state = TransmissionState::Pending;
                t.attempt = 0;
                t.backup = false;
                cx.emit(WorldEvent::InstanceResumed { instance: id });
                cx.after(
                    cx.settings.transmit_ms,
                    Work::Transmit {
                        group: cx.group.to_string(),
                        transmission: id,
                    },
                );
                Ok(())
            }
            TransmissionState::Suspended { resumable: false } => {
                Err(CommandError::Refused(format!(
                    "instance {} is suspended non-resumable: it can only be terminated",
                    id.0
                )))
            }
            _ => Err(CommandError::Refused(format!(
                "instance {} is not suspended",
                id.0
            ))),
        }
    }

    /// A delivery notification (an ACK) for a message whose sender asked for one. With no subscriber it
    /// is discarded (domain.md 1.10).
    fn acknowledge(&mut self, cx: &mut Cx, port: &str, message: &crate::message::Message) {
        let get = |name: &str| {
            message
                .context()
                .get(&PropertyName::parse(name).expect("name"))
                .map(|p| p.value.clone())
        };
        if get(bts::ACK_REQUIRED) != Some(Value::Bool(true)) {
            return;
        }
        let Some(token) = get(bts::CORRELATION_TOKEN) else {
            return;
        };
        let schema = self.messagebox.shared_schema();
        let mut ack = MessageDraft::new(
            "<Ack xmlns=\"http://schemas.microsoft.com/BizTalk/2003/system-messages\"/>",
        );
        for (name, value) in [
            (bts::ACK_TYPE, "ACK".to_string()),
            (bts::CORRELATION_TOKEN, token.to_string()),
            (bts::ACK_SEND_PORT_NAME, port.to_string()),
        ] {
            ack.promote_text(&schema, name, &value)
                .expect("system properties");
        }
        match self.messagebox.publish(
            ack,
            &Publisher::Acknowledgement {
                send_port: port.to_string(),
            },
        ) {
            Ok((_, events)) => {
                cx.emit_all(events);
                cx.dispatch_soon();
            }
            Err(_) => cx.emit(WorldEvent::AckDiscarded {
                port: port.to_string(),
            }),
        }
    }

    fn deliver_to_responders(&mut self, cx: &mut Cx, endpoint: &str, body: &str) {
        for r in self
            .responders
            .iter_mut()
            .filter(|r| r.def.endpoint == endpoint)
        {
            if r.def.running {
                let work = Work::Reply {
                    group: cx.group.to_string(),
                    responder: r.def.name.clone(),
                    request: body.to_string(),
                };
                let jitter = if r.def.jitter_ms > 0 {
                    cx.rng.next_u64() % (r.def.jitter_ms + 1)
                } else {
                    0
                };
                cx.after(r.def.delay_ms + jitter, work);
            } else {
                r.waiting.push(body.to_string());
            }
        }
    }

    /// A partner system answers: its reply arrives at its receive location.
    pub(crate) fn reply(&mut self, cx: &mut Cx, responder: &str, request: &str) {
        let Some(r) = self
            .responders
            .iter()
            .find(|r| r.def.name == responder)
            .cloned()
        else {
            return;
        };
        let mut body = format!("<{} xmlns=\"{}\">", r.def.reply_root, r.def.reply_namespace);
        for f in &r.def.copy_fields {
            let value = eval_field(request, f).unwrap_or_default();
            body.push_str(&format!("<{f}>{}</{f}>", escape(&value)));
        }
        body.push_str(&format!("</{}>", r.def.reply_root));
        cx.emit(WorldEvent::ResponderReplied {
            responder: responder.to_string(),
        });
        if let Err(e) = self.receive(cx, &r.def.reply_location, &body) {
            cx.emit(WorldEvent::MessageBox {
                event: Event::CommandRefused {
                    reason: e.to_string(),
                },
            });
        }
    }

    pub(crate) fn set_responder_running(
        &mut self,
        cx: &mut Cx,
        name: &str,
        running: bool,
    ) -> Result<(), CommandError> {
        let r = self
            .responders
            .iter_mut()
            .find(|r| r.def.name == name)
            .ok_or_else(|| CommandError::Unknown(format!("partner system {name}")))?;
        r.def.running = running;
        let waiting = if running {
            std::mem::take(&mut r.waiting)
        } else {
            Vec::new()
        };
        let delay = r.def.delay_ms;
        cx.emit(WorldEvent::ResponderChanged {
            responder: name.to_string(),
            running,
        });
        for request in waiting {
            cx.after(
                delay,
                Work::Reply {
                    group: cx.group.to_string(),
                    responder: name.to_string(),
                    request,
                },
            );
        }
        Ok(())
    }
}

pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
