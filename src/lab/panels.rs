//! The page's panels around the canvas: whether the side panel is open and how wide, and whether the
//! event log's drawer is open. Kept in the browser apart from the run (like the lessons' progress), so
//! they stay as the learner left them across runs, lessons and reloads.

use serde::{Deserialize, Serialize};

/// The side panel's width (CSS pixels): the narrowest that holds its forms, and the widest that leaves
/// the canvas room.
pub const SIDE_MIN: f64 = 300.0;
pub const SIDE_MAX: f64 = 640.0;
pub const SIDE_DEFAULT: f64 = 310.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Panels {
    pub side_open: bool,
    pub side_width: f64,
    pub log_open: bool,
}

impl Default for Panels {
    fn default() -> Self {
        Self {
            side_open: true,
            side_width: SIDE_DEFAULT,
            log_open: false,
        }
    }
}

impl Panels {
    /// The side panel dragged to `width`, kept within its bounds.
    pub fn resize_side(&mut self, width: f64) {
        if width.is_finite() {
            self.side_width = width.clamp(SIDE_MIN, SIDE_MAX);
        }
    }

    /// Read back from storage: anything unreadable gives the defaults, a width out of bounds is clamped.
    pub fn from_json(text: &str) -> Self {
        let mut p: Panels = serde_json::from_str(text).unwrap_or_default();
        let w = p.side_width;
        p.side_width = SIDE_DEFAULT;
        p.resize_side(w);
        p
    }
}
