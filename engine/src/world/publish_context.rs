//! A message the user brings: a saved context (the Administration console's `MessageInfo` XML) published
//! straight into a group's MessageBox, so a context from production can be watched routing through the
//! lab's subscriptions. No pipeline runs: the context is the pipeline's output already.

use super::{Cx, Group, WorldEvent};
use crate::import::import_context;
use crate::message::MessageDraft;
use crate::messagebox::{CommandError, Publisher};
use crate::property::{bts, PropertyName};

/// The publisher's name when the context names no receive port of the group.
pub const PUBLISHED_BY_HAND: &str = "(saved context)";

impl Group {
    pub(crate) fn publish_context(
        &mut self,
        cx: &mut Cx,
        context: &str,
        body: Option<&str>,
    ) -> Result<(), CommandError> {
        // Properties of schemas the group lacks are declared as strings so they stay in the context
        // (no filter can name them); declaring only appends, so existing ids are unchanged.
        let mut schema = (*self.messagebox.shared_schema()).clone();
        let before = schema.len();
        let imported = import_context(context, &mut schema)
            .map_err(|e| CommandError::Refused(format!("context: {e}")))?;
        let mut draft = MessageDraft::new(body.unwrap_or_default());
        draft.context = imported.context;
        let port_name = PropertyName::parse(bts::RECEIVE_PORT_NAME).expect("system name");
        let named_port = draft
            .context
            .get(&port_name)
            .map(|p| p.value.to_string())
            .and_then(|name| self.receive_ports.iter().find(|p| p.name == name));
        // A context from one of the group's receive ports is published as that port would: its
        // failed-message routing and two-way settings decide a routing failure (domain.md 1.9).
        let (publisher, location) = match named_port {
            Some(port) => (
                Publisher::ReceivePort {
                    port: port.name.clone(),
                    failed_message_routing: port.failed_message_routing,
                    two_way: port.two_way,
                },
                port.locations.first().map(|l| l.name.clone()),
            ),
            None => (
                Publisher::ReceivePort {
                    port: PUBLISHED_BY_HAND.into(),
                    failed_message_routing: false,
                    two_way: false,
                },
                None,
            ),
        };
        if schema.len() > before {
            self.messagebox.deploy_schema(schema);
        }
        let (message, events) = self.messagebox.publish(draft, &publisher)?;
        if let Some(location) = location {
            cx.emit(WorldEvent::Received { location, message });
        }
        cx.emit_all(events);
        cx.dispatch_soon();
        Ok(())
    }
}
