//! Sending: an outgoing message gets its routing properties from its port's binding, and is published —
//! at once, or with the rest of its atomic scope when the scope ends (domain.md 3, 6.2).

use super::exceptions::Exception;
use super::{program_tree, Flow};
use crate::message::MessageDraft;
use crate::messagebox::{CommandError, InstanceId, Owner, Publisher, NO_SUBSCRIBERS_TEXT};
use crate::orchestration::{Binding, Pattern, Port, Send};
use crate::property::{bts, PropertyName};
use crate::world::{Cx, Group, WorldEvent};

/// System properties a send sets from its port binding; a copied message's old values are cleared first.
const PORT_PROPERTIES: &[&str] = &[
    bts::SP_TRANSPORT_ID,
    bts::SP_GROUP_ID,
    bts::SP_NAME,
    bts::PARTNER_PORT,
    bts::CORRELATION_TOKEN,
    bts::EPM_RR_CORRELATION_TOKEN,
    bts::ACK_REQUIRED,
    bts::OUTBOUND_TRANSPORT_LOCATION,
    bts::RECEIVE_PORT_NAME,
    bts::INBOUND_TRANSPORT_TYPE,
    bts::INBOUND_TRANSPORT_LOCATION,
];

impl Group {
    /// A Send shape: addresses the message, initialises the correlation sets it names, and publishes it
    /// (or holds it for its atomic scope).
    pub(super) fn send(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        program: &str,
        s: &Send,
    ) -> Result<Flow, Exception> {
        let port = self
            .port(cx, id, &s.port)
            .ok_or_else(|| Exception::Xlang(format!("{program} has no port {}", s.port)))?;
        let mut draft = self
            .frame(id)
            .messages
            .get(&s.message)
            .cloned()
            .ok_or_else(|| Exception::Xlang(format!("message {} is not constructed", s.message)))?;
        self.address(cx, id, &port, s, &mut draft)?;
        // An initialising send promotes the correlation properties (domain.md 3).
        let schema = self.messagebox.shared_schema();
        for set in &s.initialize {
            let props = program_tree(cx, &self.runs[&id].orchestration)
                .iter()
                .find_map(|p| {
                    p.correlation_sets
                        .iter()
                        .find(|c| &c.name == set)
                        .map(|c| c.properties.clone())
                })
                .unwrap_or_default();
            for p in props {
                let value = draft
                    .context
                    .get(&PropertyName::parse(&p).expect("name"))
                    .map(|v| v.value.clone());
                if let Some(v) = value {
                    draft
                        .context
                        .promote(&schema, &p, v)
                        .map_err(|e| Exception::Correlation(e.to_string()))?;
                }
            }
            self.initialize(cx, id, set, &draft.context.clone())?;
        }
        if let Some(scope) = self.frame(id).scopes.iter_mut().rev().find(|sc| sc.atomic) {
            scope.pending.push((s.port.clone(), draft));
            self.advance(id);
            return Ok(Flow::Continue);
        }
        self.publish(cx, id, &s.port, draft)?;
        self.advance(id);
        Ok(Flow::Continue)
    }

    /// Sets the routing properties of an outgoing message from its port's binding (domain.md 3).
    fn address(
        &mut self,
        cx: &Cx,
        id: InstanceId,
        port: &Port,
        s: &Send,
        draft: &mut MessageDraft,
    ) -> Result<(), Exception> {
        let schema = self.messagebox.shared_schema();
        draft.context.remove_all(PORT_PROPERTIES);
        // The engine promotes the message type of what an orchestration publishes.
        let _ = draft.promote_message_type(&schema);
        let promote = |draft: &mut MessageDraft, name: &str, value: String| {
            draft
                .promote_text(&schema, name, &value)
                .map_err(|e| Exception::Xlang(e.to_string()))
        };
        let token = |port: &str| format!("{}/{port}", id.0);
        match &port.binding {
            Binding::MessageBox => {}
            Binding::Physical { name } => {
                let group = Owner::SendPortGroup(name.clone());
                if self.messagebox.state().services.contains_key(&group) {
                    promote(draft, bts::SP_GROUP_ID, name.clone())?;
                } else {
                    promote(draft, bts::SP_TRANSPORT_ID, name.clone())?;
                    promote(draft, bts::SP_NAME, name.clone())?;
                }
            }
            Binding::Partner {
                orchestration,
                port,
            } => {
                promote(draft, bts::PARTNER_PORT, format!("{orchestration}.{port}"))?;
            }
            Binding::Dynamic { send_port, address } => {
                let address = self.evaluate(cx, id, address)?.to_string();
                promote(draft, bts::SP_TRANSPORT_ID, send_port.clone())?;
                promote(draft, bts::OUTBOUND_TRANSPORT_LOCATION, address)?;
            }
            Binding::ReplyTo { address } => {
                let address = self.evaluate(cx, id, address)?.to_string();
                promote(draft, bts::CORRELATION_TOKEN, address)?;
            }
            Binding::SelfCorrelating => promote(draft, bts::CORRELATION_TOKEN, token(&port.name))?,
        }
        match port.pattern {
            Pattern::SolicitResponse => {
                promote(draft, bts::EPM_RR_CORRELATION_TOKEN, token(&port.name))?
            }
            Pattern::RequestResponse => {
                let to = self.runs[&id]
                    .reply_to
                    .get(&port.name)
                    .cloned()
                    .ok_or_else(|| {
                        Exception::Xlang(format!("no request on {} to respond to", port.name))
                    })?;
                promote(draft, bts::CORRELATION_TOKEN, to)?;
            }
            Pattern::OneWaySend | Pattern::OneWayReceive => {}
        }
        if s.delivery_notification {
            promote(draft, bts::ACK_REQUIRED, "true".into())?;
            promote(draft, bts::CORRELATION_TOKEN, token(&port.name))?;
        }
        Ok(())
    }

    fn publish(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        port: &str,
        draft: MessageDraft,
    ) -> Result<(), Exception> {
        let publisher = Publisher::Orchestration {
            name: self.runs[&id].orchestration.clone(),
        };
        match self.messagebox.publish(draft, &publisher) {
            Ok((message, events)) => {
                cx.emit(WorldEvent::Sent {
                    instance: id,
                    port: port.to_string(),
                    message,
                });
                cx.emit_all(events);
                cx.dispatch_soon();
                Ok(())
            }
            Err(CommandError::NoSubscribers { .. }) => Err(Exception::RoutingFailure(format!(
                "{}: {}",
                port, NO_SUBSCRIBERS_TEXT
            ))),
            Err(e) => Err(Exception::Xlang(e.to_string())),
        }
    }

    /// An atomic scope's sends go out together, or none does (domain.md 6.2).
    pub(super) fn commit(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        pending: Vec<(String, MessageDraft)>,
    ) -> Result<(), Exception> {
        if let Some((port, _)) = pending
            .iter()
            .find(|(_, d)| !self.messagebox.would_route(d))
        {
            return Err(Exception::RoutingFailure(format!(
                "{port}: {NO_SUBSCRIBERS_TEXT} (the atomic scope published none of its messages)"
            )));
        }
        for (port, draft) in pending {
            self.publish(cx, id, &port, draft)?;
        }
        Ok(())
    }
}
