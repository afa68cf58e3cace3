//! The camera's glide: when Fit or a lesson step moves the view, the canvas travels
//! there in `GLIDE_MS` rather than jumping, so the learner sees where they went. None when the browser
//! asks for reduced motion, and none for the wheel or a drag, which follow the hand directly.

use super::camera::Camera;

/// How long a glide lasts (browser milliseconds).
pub const GLIDE_MS: f64 = 250.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glide {
    pub from: Camera,
    /// When it started, on the browser's clock.
    pub start: f64,
}

impl Glide {
    /// Where the camera is at `now` on its way to `to`, or None once it has arrived.
    pub fn at(&self, to: Camera, now: f64) -> Option<Camera> {
        let t = (now - self.start) / GLIDE_MS;
        if !(0.0..1.0).contains(&t) {
            return None;
        }
        // Ease out: fast first, settling gently.
        let e = 1.0 - (1.0 - t).powi(3);
        let zoom = self.from.zoom * (to.zoom / self.from.zoom).powf(e);
        Some(Camera {
            zoom,
            cx: self.from.cx + (to.cx - self.from.cx) * e,
            cy: self.from.cy + (to.cy - self.from.cy) * e,
        })
    }
}
