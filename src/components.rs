//! One component per region of the screen.

mod canvas;
mod controls;
mod event_log;
mod header;
mod side_panel;

pub use canvas::Canvas;
pub use controls::Controls;
pub use event_log::EventLog;
pub use header::Header;
pub use side_panel::SidePanel;
