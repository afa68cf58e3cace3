//! What the canvas's native tests share: a fresh lab whose canvas was measured at a given size.

use messagebox_lab::lab::camera::Area;
use messagebox_lab::lab::{Action, Lab};

/// A fresh run of shipped scenario `scenario`, its canvas measured at `area`.
pub fn lab_at(scenario: usize, area: Area) -> Lab {
    let mut lab = Lab::fresh(scenario).unwrap();
    lab.apply(Action::CanvasArea {
        width: area.width,
        height: area.height,
    });
    lab
}
