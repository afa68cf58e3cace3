//! The app's one reducer. For now it holds the shipped scenario catalog and which one is chosen; the
//! simulation state joins it when the engine can run one.

use messagebox_engine::scenario::{self, ShippedScenario};
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The shipped scenarios, or why they could not be read (a build defect, shown rather than hidden).
    pub catalog: Result<Vec<ShippedScenario>, String>,
    pub selected: usize,
}

pub enum Action {
    SelectScenario(usize),
}

impl AppState {
    pub fn load() -> Self {
        Self {
            catalog: scenario::shipped().map_err(|e| e.to_string()),
            selected: 0,
        }
    }

    pub fn selected_scenario(&self) -> Option<&ShippedScenario> {
        self.catalog.as_ref().ok()?.get(self.selected)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SelectScenario(index) => {
                let known = self.catalog.as_ref().map_or(0, Vec::len);
                if index >= known || index == self.selected {
                    return self;
                }
                Rc::new(Self {
                    selected: index,
                    ..(*self).clone()
                })
            }
        }
    }
}
