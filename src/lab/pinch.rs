//! Two fingers on the canvas: the pinch's zoom factor and the point it zooms about, from the pointers'
//! positions as they move. A single pointer is a drag (the canvas pans), not a pinch.

use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pinch {
    pointers: BTreeMap<i32, (f64, f64)>,
}

/// A pinch's step: zoom by `factor` about (`x`, `y`) (screen pixels, as the pointers gave them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PinchStep {
    pub factor: f64,
    pub x: f64,
    pub y: f64,
}

impl Pinch {
    pub fn down(&mut self, id: i32, x: f64, y: f64) {
        self.pointers.insert(id, (x, y));
    }

    pub fn up(&mut self, id: i32) {
        self.pointers.remove(&id);
    }

    /// Whether two or more pointers are down (a pan must not also move the view).
    pub fn pinching(&self) -> bool {
        self.pointers.len() >= 2
    }

    /// A pointer moved: the zoom step if it is one of a pinch's two.
    pub fn moved(&mut self, id: i32, x: f64, y: f64) -> Option<PinchStep> {
        if !self.pointers.contains_key(&id) {
            return None;
        }
        let before = self.spread();
        self.pointers.insert(id, (x, y));
        let (d0, _) = before?;
        let (d1, (mx, my)) = self.spread()?;
        (d0 > 1.0 && d1 > 1.0).then_some(PinchStep {
            factor: d1 / d0,
            x: mx,
            y: my,
        })
    }

    /// The distance between the first two pointers, and their midpoint.
    fn spread(&self) -> Option<(f64, (f64, f64))> {
        let mut it = self.pointers.values();
        let (a, b) = (it.next()?, it.next()?);
        let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
        Some((d, ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingers_moving_apart_zoom_in_about_their_midpoint() {
        let mut p = Pinch::default();
        p.down(1, 100.0, 100.0);
        assert_eq!(p.moved(1, 110.0, 100.0), None, "one finger is a drag");
        p.down(2, 210.0, 100.0);
        assert!(p.pinching());
        let s = p.moved(2, 310.0, 100.0).unwrap();
        assert!((s.factor - 2.0).abs() < 1e-9);
        assert_eq!((s.x, s.y), (210.0, 100.0));
        p.up(2);
        assert!(!p.pinching());
        assert_eq!(p.moved(1, 0.0, 0.0), None);
    }
}
