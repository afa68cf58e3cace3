//! The lab's side of the routing debugger: which group it reads, its edits, and what the screen does
//! after a context is published (the canvas comes back, looking at the group, the message selected).

use super::camera::CameraMode;
use super::debugger_form::DebuggerEdit;
use super::{Lab, Notice, Selection, Tab};
use messagebox_engine::messagebox::Event;
use messagebox_engine::world::{Traced, WorldEvent};

impl Lab {
    /// The group the debugger reads schemas from and publishes into: the one chosen there, else the
    /// selection's, else the first.
    pub fn debugger_group(&self) -> String {
        self.debugger
            .group
            .clone()
            .filter(|g| self.session.world.group(g).is_some())
            .or_else(|| self.selection.as_ref().map(|s| s.group().to_string()))
            .or_else(|| self.group_order().first().cloned())
            .unwrap_or_default()
    }

    pub(super) fn edit_debugger(&mut self, edit: DebuggerEdit) {
        let group = self.debugger_group();
        let base = self
            .session
            .world
            .group(&group)
            .map(|g| g.messagebox.schema().clone());
        self.debugger.edit(edit, base.as_ref());
    }

    /// After a context was published: show the canvas on its group with the message selected, and say
    /// how to watch it route.
    pub(super) fn show_published(&mut self, group: &str, events: &[Traced]) {
        let message = events.iter().find_map(|t| match &t.event {
            WorldEvent::MessageBox {
                event: Event::Published { message, .. },
            } => Some(*message),
            _ => None,
        });
        let Some(id) = message else {
            return;
        };
        self.tab = Tab::Inspector;
        self.selection = Some(Selection::Message {
            group: group.to_string(),
            id: id.0,
        });
        self.view.camera = CameraMode::Group(group.to_string());
        self.notice = Some(Notice {
            text: format!(
                "Your context was published into {group} as message {}. Press Play (Space) to watch it route; the Inspector explains each subscription.",
                id.0
            ),
            error: false,
        });
    }
}
