//! Where the canvas looks: the part of the layout shown in the canvas's area, and how big. By default
//! it fits the whole layout into the area (recomputed when the window or the layout changes); a lesson
//! step can follow one group; zooming or dragging the background makes it the user's own.

use super::layout::Layout;
use serde::{Deserialize, Serialize};

/// The smallest and largest zoom the buttons reach.
pub const MIN_ZOOM: f64 = 0.3;
pub const MAX_ZOOM: f64 = 2.0;
/// A fitted view never magnifies beyond this: a small layout on a big screen stays its natural size.
const FIT_MAX: f64 = 1.2;
/// Room left around what is fitted (screen pixels, each side).
const MARGIN: f64 = 8.0;
/// The area assumed before the canvas has been measured.
pub const DEFAULT_AREA: Area = Area {
    width: 960.0,
    height: 560.0,
};

/// The canvas's drawing area on screen, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Area {
    pub width: f64,
    pub height: f64,
}

/// A rectangle in layout coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.x && x <= self.x + self.width && y >= self.y && y <= self.y + self.height
    }

    /// Whether all of `other` lies inside this rectangle.
    pub fn covers(&self, other: &Rect) -> bool {
        self.contains(other.x, other.y)
            && self.contains(other.x + other.width, other.y + other.height)
    }
}

/// A view: the zoom, and the layout point shown at the centre of the area.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Camera {
    pub zoom: f64,
    pub cx: f64,
    pub cy: f64,
}

/// What the camera follows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum CameraMode {
    /// The whole layout, as large as fits.
    #[default]
    Fit,
    /// One group's region, as large as fits (but never smaller than the whole layout's fit).
    Group(String),
    /// Where the user zoomed or dragged it.
    Manual(Camera),
}

impl Camera {
    /// The camera that shows all of `rect` in `area`, as large as fits, capped at `max_zoom`.
    pub fn showing(rect: Rect, area: Area, max_zoom: f64) -> Self {
        let w = (area.width - 2.0 * MARGIN).max(1.0);
        let h = (area.height - 2.0 * MARGIN).max(1.0);
        let zoom = (w / rect.width.max(1.0))
            .min(h / rect.height.max(1.0))
            .min(max_zoom)
            .max(0.05);
        Self {
            zoom,
            cx: rect.x + rect.width / 2.0,
            cy: rect.y + rect.height / 2.0,
        }
    }

    /// The part of the layout shown: the SVG's viewBox.
    pub fn view_box(&self, area: Area) -> Rect {
        let width = area.width / self.zoom;
        let height = area.height / self.zoom;
        Rect {
            x: self.cx - width / 2.0,
            y: self.cy - height / 2.0,
            width,
            height,
        }
    }

    /// The same centre at another zoom (clamped to the buttons' range).
    pub fn zoomed(self, zoom: f64) -> Self {
        Self {
            zoom: zoom.clamp(MIN_ZOOM, MAX_ZOOM),
            ..self
        }
    }

    /// Moved by a drag of `dx`, `dy` screen pixels (the content follows the pointer), the centre kept
    /// within `bounds` so the layout cannot be lost off screen.
    pub fn panned(self, dx: f64, dy: f64, bounds: Rect) -> Self {
        Self {
            cx: (self.cx - dx / self.zoom).clamp(bounds.x, bounds.x + bounds.width),
            cy: (self.cy - dy / self.zoom).clamp(bounds.y, bounds.y + bounds.height),
            ..self
        }
    }
}

/// Everything drawn: the regions (the legend is the page's, under the canvas).
pub fn extent(layout: &Layout) -> Rect {
    Rect {
        x: 0.0,
        y: 0.0,
        width: layout.width.max(1.0),
        height: layout.height,
    }
}

/// The camera that fits the whole layout into the area.
pub fn fit(layout: &Layout, area: Area) -> Camera {
    Camera::showing(extent(layout), area, FIT_MAX)
}

/// The camera for a mode, now: fit and follow are recomputed from the layout and the area every time,
/// so they keep up with a resized window and with groups and ports that appear.
pub fn resolve(mode: &CameraMode, layout: &Layout, area: Area) -> Camera {
    match mode {
        CameraMode::Fit => fit(layout, area),
        // A damaged save's view (a zero or endless zoom) falls back to the fit.
        CameraMode::Manual(c)
            if c.zoom.is_finite() && c.zoom > 0.0 && c.cx.is_finite() && c.cy.is_finite() =>
        {
            *c
        }
        CameraMode::Manual(_) => fit(layout, area),
        CameraMode::Group(group) => match layout.region(group) {
            Some(r) => {
                let rect = Rect {
                    x: r.x - 10.0,
                    y: r.y - 10.0,
                    width: r.width + 20.0,
                    height: r.height + 20.0,
                };
                let all = fit(layout, area);
                let one = Camera::showing(rect, area, FIT_MAX);
                // A group that is most of the layout anyway: show it all.
                if one.zoom <= all.zoom * 1.05 {
                    all
                } else {
                    one
                }
            }
            None => fit(layout, area),
        },
    }
}
