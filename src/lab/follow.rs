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

    /// The view becomes the user's: it keeps the arrangement it has now.
    fn take_view(&mut self) -> super::canvas_view::CanvasView {
        let view = self.canvas_view();
        if !matches!(self.view.camera, CameraMode::Manual(_)) {
            self.view.arrangement = Some(view.detail.arrangement());
        }
        view
    }

    /// Zooms about the centre of the view; the view becomes the user's.
    pub fn zoom_to(&mut self, zoom: f64) {
        let (x, y) = (self.area.width / 2.0, self.area.height / 2.0);
        let c = self.camera();
        self.zoom_about(zoom / c.zoom, x, y);
    }

    /// Zooms by `factor` keeping the layout point under the area's point (`x`, `y`) where it is; the view
    /// becomes the user's.
    pub fn zoom_at(&mut self, factor: f64, x: f64, y: f64) {
        if !factor.is_finite() || factor <= 0.0 || factor == 1.0 {
            return;
        }
        self.zoom_about(factor, x, y);
    }

    /// The zoom about a point. The new zoom may draw more or less (a table's rows, a stack of ports),
    /// which moves things: the node nearest the point is then put back where it was on screen.
    fn zoom_about(&mut self, factor: f64, x: f64, y: f64) {
        let before = self.take_view();
        let c = before.camera;
        // Below the buttons' range only if the fitted view already was.
        let z = (c.zoom * factor).clamp(camera::MIN_ZOOM.min(c.zoom), camera::MAX_ZOOM);
        let (dx, dy) = (x - self.area.width / 2.0, y - self.area.height / 2.0);
        let (px, py) = (c.cx + dx / c.zoom, c.cy + dy / c.zoom);
        let nearest = before
            .layout
            .nodes
            .iter()
            .min_by(|a, b| {
                let d = |n: &super::layout::Node| (n.x - px).powi(2) + (n.y - py).powi(2);
                d(a).total_cmp(&d(b))
            })
            .map(|n| (n.key.clone(), n.x, n.y));
        let mut camera = camera::Camera {
            zoom: z,
            cx: px - dx / z,
            cy: py - dy / z,
        };
        self.view.camera = CameraMode::Manual(camera);
        if let Some((key, nx, ny)) = nearest {
            if let Some(n) = self.canvas_view().layout.node(&key) {
                camera.cx += n.x - nx;
                camera.cy += n.y - ny;
                self.view.camera = CameraMode::Manual(camera);
            }
        }
    }

    /// Follows a drag of the background by `dx`, `dy` screen pixels; the view becomes the user's.
    pub fn pan(&mut self, dx: f64, dy: f64) {
        let view = self.take_view();
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
