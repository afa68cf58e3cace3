//! Fit and follow: the canvas's camera as the user moves it (zoom, drag, Fit), and what a lesson step
//! brings into view when it opens: the canvas looks at the step's group and the side panel opens the
//! item it is about.

use super::camera::{self, Area, CameraMode};
use super::{Lab, Selection, Tab};
use crate::tutorial::focus::{self, Look, Open};
use messagebox_engine::messagebox::Owner;

impl Lab {
    /// The canvas was measured: its drawing area on screen (CSS pixels).
    pub fn set_area(&mut self, width: f64, height: f64) {
        if width >= 1.0 && height >= 1.0 {
            self.area = Area { width, height };
        }
    }

    /// Zooms about the centre of the view; the view becomes the user's.
    pub fn zoom_to(&mut self, zoom: f64) {
        let c = self.camera();
        self.view.camera = CameraMode::Manual(c.zoomed(zoom));
    }

    /// Zooms by `factor` keeping the layout point under the area's point (`x`, `y`) where it is; the view
    /// becomes the user's.
    pub fn zoom_at(&mut self, factor: f64, x: f64, y: f64) {
        let c = self.camera();
        let z = (c.zoom * factor).clamp(camera::MIN_ZOOM, camera::MAX_ZOOM);
        let (dx, dy) = (x - self.area.width / 2.0, y - self.area.height / 2.0);
        let (px, py) = (c.cx + dx / c.zoom, c.cy + dy / c.zoom);
        self.view.camera = CameraMode::Manual(camera::Camera {
            zoom: z,
            cx: px - dx / z,
            cy: py - dy / z,
        });
    }

    /// Follows a drag of the background by `dx`, `dy` screen pixels; the view becomes the user's.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        let view = self.canvas_view();
        let bounds = camera::extent(&view.layout);
        self.view.camera = CameraMode::Manual(view.camera.panned(dx, dy, bounds));
    }

    pub fn fit(&mut self) {
        self.view.camera = CameraMode::Fit;
    }

    /// The lesson step now shown, if any: (lesson index, step index).
    pub(super) fn step_position(&self) -> Option<(usize, usize)> {
        self.lesson.as_ref().map(|s| (s.index, s.step))
    }

    /// Brings what the current lesson step is about into view: the canvas looks at its group (or at
    /// everything), and the side panel opens its item.
    pub fn follow_step(&mut self) {
        let Some((lesson, state)) = self.current_lesson() else {
            return;
        };
        let Some(f) = focus::focus(lesson, state.step) else {
            return;
        };
        self.view.camera = match f.look {
            Look::All => CameraMode::Fit,
            Look::Group(g) => CameraMode::Group(g.to_string()),
        };
        if f.open != Open::Nothing {
            self.panels.side_open = true;
        }
        let world = &self.session.world;
        let group_of = |g: &str| Selection::Group {
            group: g.to_string(),
        };
        match f.open {
            Open::Nothing => {}
            Open::Compose => self.tab = Tab::Compose,
            Open::GroupHub(g) => {
                self.selection = Some(group_of(g));
                self.tab = Tab::GroupHub;
            }
            Open::Group(g) => self.select(group_of(g)),
            Open::Service(g, who) => {
                let owner = who.owner();
                let exists = world
                    .group(g)
                    .is_some_and(|grp| grp.messagebox.state().services.contains_key(&owner));
                self.select(if exists {
                    Selection::Service {
                        group: g.to_string(),
                        owner,
                    }
                } else {
                    group_of(g)
                });
            }
            Open::Location(g, name) => {
                let exists = world
                    .group(g)
                    .is_some_and(|grp| grp.location(name).is_some());
                self.select(if exists {
                    Selection::Location {
                        group: g.to_string(),
                        name: name.to_string(),
                    }
                } else {
                    group_of(g)
                });
            }
        }
    }

    /// The subscribers in `group` the current lesson step is about (its goal names them), and the
    /// selected one: the MessageBox's table lists these first.
    pub fn concerned_owners(&self, group: &str) -> Vec<Owner> {
        let mut out: Vec<Owner> = self
            .current_lesson()
            .and_then(|(lesson, state)| lesson.steps.get(state.step))
            .map(|step| focus::concerned_owners(step, group))
            .unwrap_or_default();
        if let Some(Selection::Service { group: g, owner }) = &self.selection {
            if g == group && !out.contains(owner) {
                out.push(owner.clone());
            }
        }
        out
    }
}
