//! One component per region of the screen.

mod canvas;
mod canvas_parts;
mod compose;
mod controls;
mod create_port;
mod dashboard;
mod debugger;
mod event_log;
pub mod filter_editor;
mod group_hub;
mod group_picker;
mod header;
pub mod inspector;
mod inspector_admin;
mod lesson_panel;
mod notices;
mod side_panel;
mod subscriptions;

pub use canvas::Canvas;
pub use controls::Controls;
pub use event_log::EventLog;
pub use header::{Header, PanelProps};
pub use lesson_panel::LessonPanel;
pub use notices::{Confirmation, HelpOverlay, NoticeBar};
pub use side_panel::SidePanel;

use crate::lab::layout::Node;
use crate::lab::Selection;

/// What opening a canvas node selects.
pub(crate) fn canvas_select(n: &Node) -> Selection {
    canvas::select_node(n)
}
