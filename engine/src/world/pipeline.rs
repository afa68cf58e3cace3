//! Receiving: a location takes a message, its pipeline promotes properties, and the port publishes it
//! (domain.md 1.3, 4.1).

use super::config::Pipeline;
use super::{Cx, Group, WorldEvent};
use crate::message::{FieldIndex, MessageDraft};
use crate::messagebox::{CommandError, Publisher};
use crate::property::bts;

impl Group {
    /// A message arrives at a receive location. A disabled location takes nothing; a pipeline that cannot
    /// promote a value refuses the message. Either way the adapter gets the error and nothing changes.
    pub(crate) fn receive(
        &mut self,
        cx: &mut Cx,
        location: &str,
        body: &str,
    ) -> Result<(), CommandError> {
        let (port, index) = self.location(location).ok_or_else(|| {
            CommandError::Unknown(format!("receive location {location} in group {}", cx.group))
        })?;
        let loc = &port.locations[index];
        if !loc.enabled {
            return Err(CommandError::Refused(format!(
                "receive location {location} is disabled: it takes no messages"
            )));
        }
        let schema = self.messagebox.shared_schema();
        let mut draft = MessageDraft::new(body);
        let promote = |draft: &mut MessageDraft, name: &str, text: &str| {
            draft
                .promote_text(&schema, name, text)
                .map_err(|e| CommandError::Refused(format!("pipeline of {location}: {e}")))
        };
        // The messaging engine promotes these whatever the pipeline (domain.md 1.3).
        promote(&mut draft, bts::RECEIVE_PORT_NAME, &port.name)?;
        promote(&mut draft, bts::INBOUND_TRANSPORT_TYPE, &loc.transport_type)?;
        promote(&mut draft, bts::INBOUND_TRANSPORT_LOCATION, &loc.address)?;
        draft
            .write_text(&schema, bts::RECEIVE_LOCATION_NAME, &loc.name)
            .map_err(|e| CommandError::Refused(e.to_string()))?;
        if loc.pipeline == Pipeline::XmlReceive {
            // The disassembler reads the document once for its type and every promoted field.
            let fields = FieldIndex::build(body);
            if let Some(message_type) = fields.root_type() {
                promote(&mut draft, bts::MESSAGE_TYPE, message_type)?;
                for p in self
                    .promotions
                    .iter()
                    .filter(|p| p.message_type == message_type)
                {
                    if let Some(value) = fields.text(&p.element).filter(|v| !v.trim().is_empty()) {
                        promote(&mut draft, &p.property, &value)?;
                    }
                }
            }
        }
        let publisher = Publisher::ReceivePort {
            port: port.name.clone(),
            failed_message_routing: port.failed_message_routing,
            two_way: port.two_way,
        };
        let location = loc.name.clone();
        let (message, events) = self.messagebox.publish(draft, &publisher)?;
        cx.emit(WorldEvent::Received { location, message });
        cx.emit_all(events);
        cx.dispatch_soon();
        Ok(())
    }
}
