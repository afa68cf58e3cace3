//! The lab shared with the components that read the world (the canvas, the inspector, the panels).

use crate::lab::Lab;
use std::cell::RefCell;
use std::rc::Rc;

/// The lab and its version. Equality is by version, so a component re-renders exactly when the lab
/// changed.
#[derive(Clone)]
pub struct LabRef {
    pub lab: Rc<RefCell<Lab>>,
    pub version: u64,
}

impl LabRef {
    /// A lab of its own, at version 0 (for tests and previews).
    pub fn new(lab: Lab) -> Self {
        Self {
            lab: Rc::new(RefCell::new(lab)),
            version: 0,
        }
    }
}

impl PartialEq for LabRef {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.lab, &other.lab)
    }
}

/// The props of a panel that reads the world.
#[derive(yew::Properties, PartialEq)]
pub struct LabProps {
    pub lab: LabRef,
}
