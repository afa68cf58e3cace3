//! One component per region of the screen. Each gets the values it shows as props (or the `LabRef` when
//! it reads the world) and acts through the `Dispatch` context; none knows the app.

mod canvas;
mod canvas_parts;
mod compose;
mod controls;
mod create_port;
mod dashboard;
mod debugger;
mod debugger_answer;
mod dispatch;
mod event_log;
mod file_field;
pub mod filter_editor;
mod glossary;
mod group_hub;
mod group_picker;
mod header;
mod import_summary;
pub mod inspector;
mod inspector_admin;
mod lab_ref;
mod lesson_panel;
mod log_drawer;
mod log_terms;
mod move_planner;
mod notices;
mod share_panel;
mod side_panel;
mod subscriptions;

pub use canvas::Canvas;
pub use controls::{Controls, ControlsProps};
pub use dispatch::{use_dispatch, Dispatch};
pub use event_log::EventLog;
pub use header::{Header, HeaderProps};
pub use lab_ref::{LabProps, LabRef};
pub use lesson_panel::LessonPanel;
pub use log_drawer::LogDrawer;
pub use notices::{Confirmation, HelpOverlay, NoticeBar};
pub use share_panel::SharePanel;
pub use side_panel::SidePanel;

use crate::lab::layout::Node;
use crate::lab::Selection;

/// What opening a canvas node selects.
pub(crate) fn canvas_select(n: &Node) -> Selection {
    canvas::select_node(n)
}
