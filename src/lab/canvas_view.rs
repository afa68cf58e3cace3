//! What the canvas draws, and at which detail. Text is never drawn smaller than a learner can read
//! (`MIN_TEXT_PX` on screen, whatever the zoom): when the fitted zoom would shrink it, the canvas draws
//! less instead. In order, the MessageBox's table becomes a count, a group's send ports become a stack
//! (keeping the ones the lesson step is about), and a group the step is not about becomes a summary
//! card. Groups sit side by side or one below the other, whichever shows them larger in the area.

use super::camera::{self, Area, Camera, CameraMode};
use super::layout::{Layout, Options, TABLE_ROWS};
use super::{Lab, Selection};
use crate::tutorial::focus::{self, Look};
use messagebox_engine::messagebox::Owner;
use std::collections::{BTreeMap, BTreeSet};

/// No canvas text is smaller than this on screen (CSS pixels).
pub const MIN_TEXT_PX: f64 = 11.0;
/// The average width of a character, as a share of the font size (system sans-serif, semibold): what
/// decides how much of a name fits.
const CHAR_WIDTH: f64 = 0.56;
/// The average character width of a role's text: a callout is bold capitals (`marked CABLEORDER`).
fn char_width(role: TextRole) -> f64 {
    match role {
        TextRole::Callout => 0.7,
        // Semibold names.
        TextRole::NodeLabel | TextRole::TableTitle | TextRole::GroupName | TextRole::Badge => 0.62,
        _ => CHAR_WIDTH,
    }
}

/// A line of text takes this much of its font size in height.
const LINE: f64 = 1.25;

/// The kinds of canvas text, each with its size at zoom 1 (layout units).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRole {
    GroupName,
    GroupSite,
    NodeLabel,
    NodeStatus,
    Badge,
    TableTitle,
    TableRow,
    LinkLabel,
    TokenLabel,
    Callout,
    Note,
}

impl TextRole {
    fn base(self) -> f64 {
        match self {
            TextRole::GroupName => 20.0,
            TextRole::GroupSite => 13.0,
            TextRole::NodeLabel => 12.0,
            TextRole::NodeStatus => 11.0,
            TextRole::Badge => 11.0,
            TextRole::TableTitle => 11.5,
            TextRole::TableRow => 11.0,
            TextRole::LinkLabel => 13.0,
            TextRole::TokenLabel => 11.5,
            TextRole::Callout => 12.5,
            TextRole::Note => 12.0,
        }
    }
}

/// The level of detail, from everything to the least.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Every node, and the MessageBox's subscriptions as rows.
    Full,
    /// The MessageBox's table as a count (its rows in the inspector and the tooltip).
    TableCount,
    /// Send ports as one stack, but for those the step is about.
    PortStacks,
    /// Groups the step is not about as summary cards.
    Summaries,
}

const LEVELS: [Level; 4] = [
    Level::Full,
    Level::TableCount,
    Level::PortStacks,
    Level::Summaries,
];

/// The smallest zoom at which a level's drawing is readable: table rows need room for their lines,
/// the columns of nodes for one label a node.
fn readable(level: Level, zoom: f64) -> bool {
    match level {
        Level::Full => zoom >= 0.7,
        // Below this, port names shorten past recognition: a stack says more.
        Level::TableCount => zoom >= 0.55,
        Level::PortStacks => zoom >= 0.36,
        Level::Summaries => true,
    }
}

/// The distance between the MessageBox table's lines at a level: a line of `MIN_TEXT_PX` at the
/// smallest zoom the level is drawn at.
fn pitch(level: Level) -> f64 {
    let zoom = match level {
        Level::Full => 0.7,
        _ => 0.36,
    };
    MIN_TEXT_PX / zoom * LINE
}

/// How the canvas is drawn now.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    pub zoom: f64,
    pub level: Level,
    /// Groups one below the other.
    pub stacked: bool,
    /// How much wider than natural the regions are drawn.
    pub stretch: f64,
}

/// How the groups are arranged: kept with a view the user zoomed or dragged.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Arrangement {
    pub stacked: bool,
    pub stretch: f64,
}

impl Detail {
    /// The arrangement drawn now.
    pub fn arrangement(&self) -> Arrangement {
        Arrangement {
            stacked: self.stacked,
            stretch: self.stretch,
        }
    }

    /// The font size of a role, in layout units: its own size, or larger where that would be under
    /// `MIN_TEXT_PX` on screen.
    pub fn font(&self, role: TextRole) -> f64 {
        role.base().max(MIN_TEXT_PX / self.zoom)
    }

    /// The height of a line of that role (layout units).
    pub fn line(&self, role: TextRole) -> f64 {
        self.font(role) * LINE
    }

    /// How many characters of that role fit in `width` layout units.
    pub fn chars(&self, role: TextRole, width: f64) -> usize {
        (width / (self.font(role) * char_width(role)))
            .floor()
            .max(1.0) as usize
    }

    /// `text` shortened to fit `width`: the full name stays in the tooltip and the accessible name.
    pub fn fit(&self, text: &str, role: TextRole, width: f64) -> String {
        shorten(text, self.chars(role, width))
    }

    /// The first of `choices` (longest first) that fits `width`, else the last one shortened.
    pub fn fit_any(&self, choices: &[&str], role: TextRole, width: f64) -> String {
        let max = self.chars(role, width);
        choices
            .iter()
            .find(|c| c.chars().count() <= max)
            .map(|c| c.to_string())
            .unwrap_or_else(|| shorten(choices.last().copied().unwrap_or(""), max))
    }

    /// The width of `text` in that role (layout units), for boxes drawn around it.
    pub fn width_of(&self, text: &str, role: TextRole) -> f64 {
        text.chars().count() as f64 * self.font(role) * char_width(role)
    }

    /// Whether a node has room for its status line under its name (node boxes are 34 units high).
    pub fn status_lines(&self) -> bool {
        self.line(TextRole::NodeLabel) + self.line(TextRole::NodeStatus) <= 36.0
    }

    /// Whether the group's site and team fit under its name in the title band (58 units).
    pub fn site_line(&self) -> bool {
        8.0 + self.line(TextRole::GroupName) + self.line(TextRole::GroupSite) <= 74.0
    }

    /// The MessageBox's subscriptions drawn as rows (else as a count).
    pub fn table_rows(&self) -> bool {
        self.level == Level::Full
    }

    /// The distance between two of the table's lines (the layout keeps room for them).
    pub fn row_pitch(&self) -> f64 {
        pitch(self.level)
    }

    /// How much a token's shape is enlarged, so it stays about 14 px on screen.
    pub fn token_scale(&self) -> f64 {
        (14.0 / (16.0 * self.zoom)).max(1.0)
    }
}

/// `text` in at most `max` characters. A dotted name keeps its last part (`BTSScn.BPM.CableOrder1`
/// gives `…CableOrder1`); other names keep their start and end, which is where port names differ.
pub fn shorten(text: &str, max: usize) -> String {
    let n = text.chars().count();
    if n <= max {
        return text.to_string();
    }
    if max <= 1 {
        return "…".into();
    }
    if let Some((_, last)) = text.rsplit_once('.') {
        if !last.is_empty() && last.chars().count() < max {
            return format!("…{last}");
        }
    }
    let keep = max - 1;
    let head = keep.div_ceil(2);
    let tail = keep - head;
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(n - tail).collect();
    format!("{start}…{end}")
}

/// The accessible name of something drawn with `visible` texts (shortened to fit) and described in
/// full by `full`: the full description when it already says what is visible (as assistive technology
/// compares them: letters and digits, any case), else what is visible first, so a voice command naming
/// what is on screen finds it.
pub fn accessible_name(visible: &[&str], full: &str) -> String {
    let words = |t: &str| -> String {
        t.chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    ' '
                }
            })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let seen = words(&visible.join(" "));
    if words(full).contains(&seen) {
        full.to_string()
    } else {
        format!("{}: {full}", visible.join(", "))
    }
}

/// What the canvas shows: where everything is, where the camera looks, and the detail.
#[derive(Clone, Debug, PartialEq)]
pub struct CanvasView {
    pub layout: Layout,
    pub camera: Camera,
    pub detail: Detail,
}

/// What the current step (and the selection) is about: its group, and the subscribers it names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Focus {
    pub group: Option<String>,
    pub keep: Vec<(String, Owner)>,
}

/// The view at the least detail that is readable: for each level from the most detailed, both
/// arrangements are laid out and fitted (or the user's zoom is taken), and the first readable one
/// wins, the larger of the two when both are.
pub fn plan(
    world: &messagebox_engine::world::World,
    order: &[String],
    positions: &BTreeMap<String, (f64, f64)>,
    mode: &CameraMode,
    area: Area,
    focus: &Focus,
    frozen: Option<Arrangement>,
) -> CanvasView {
    // The user's own view keeps the arrangement it was taken in, so a zoom or a drag never re-lays
    // the canvas out under the pointer.
    let frozen = frozen.filter(|_| matches!(mode, CameraMode::Manual(_)));
    let arrangements: &[bool] = match frozen {
        Some(Arrangement { stacked: true, .. }) => &[true],
        Some(_) => &[false],
        None if world.groups.len() < 2 => &[false],
        None => &[false, true],
    };
    let owners = std::rc::Rc::new(super::layout::subscribers_of(world));
    let mut last = None;
    for level in LEVELS {
        if level == Level::Summaries && focus.group.is_none() {
            continue;
        }
        let mut best: Option<CanvasView> = None;
        for &stacked in arrangements {
            let mut options = options_for(world, level, stacked, focus);
            options.owners = Some(owners.clone());
            if let Some(f) = frozen {
                options.stretch = f.stretch;
            }
            let mut layout = Layout::with(world, order, positions, &options);
            let mut camera = camera::resolve(mode, &layout, area);
            // A fitted drawing narrower than the area widens its regions to fill it (the zoom stays:
            // the height still binds).
            if *mode == CameraMode::Fit {
                let stretch = stretch_to_fill(&layout, area, camera.zoom, stacked);
                if stretch > 1.01 {
                    options.stretch = stretch;
                    layout = Layout::with(world, order, positions, &options);
                    camera = camera::resolve(mode, &layout, area);
                }
            }
            let view = CanvasView {
                detail: Detail {
                    zoom: camera.zoom,
                    level,
                    stacked,
                    stretch: options.stretch,
                },
                layout,
                camera,
            };
            // Side by side unless one below the other shows the groups clearly larger.
            if best
                .as_ref()
                .is_none_or(|b| view.camera.zoom > b.camera.zoom * 1.05)
            {
                best = Some(view);
            }
        }
        let best = best.expect("an arrangement was laid out");
        if readable(level, best.camera.zoom) {
            return best;
        }
        last = Some(best);
    }
    last.expect("at least one level")
}

/// The layout's options at a level: rows of the table at a readable pitch, the groups whose ports
/// stack, and the groups drawn as cards.
fn options_for(
    world: &messagebox_engine::world::World,
    level: Level,
    stacked: bool,
    focus: &Focus,
) -> Options {
    let all: BTreeSet<String> = world.groups.keys().cloned().collect();
    let others: BTreeSet<String> = all
        .iter()
        .filter(|g| focus.group.as_ref() != Some(*g))
        .cloned()
        .collect();
    Options {
        stacked,
        table_lines: if level == Level::Full { TABLE_ROWS } else { 0 },
        line_pitch: pitch(level),
        port_stacks: if level >= Level::PortStacks {
            all
        } else {
            BTreeSet::new()
        },
        summaries: if level >= Level::Summaries {
            others
        } else {
            BTreeSet::new()
        },
        keep: focus.keep.clone(),
        stretch: 1.0,
        owners: None,
    }
}

/// How much wider the regions can be drawn so the fitted drawing fills the area's width at `zoom`
/// (at most half as wide again): the regions that sit in one row share the width left over.
fn stretch_to_fill(layout: &Layout, area: Area, zoom: f64, stacked: bool) -> f64 {
    let regions = &layout.regions;
    let full: Vec<_> = regions.iter().filter(|r| !r.summary).collect();
    if full.is_empty() {
        return 1.0;
    }
    let room = (area.width - 24.0) / zoom - 40.0;
    let (fixed, stretchable): (f64, f64) = if stacked {
        (0.0, full.iter().map(|r| r.width).fold(0.0, f64::max))
    } else {
        let stretchable: f64 = full
            .iter()
            .filter(|r| r.width >= super::layout::REGION_WIDTH)
            .map(|r| r.width)
            .sum();
        (layout.width - 40.0 - stretchable, stretchable)
    };
    if stretchable <= 0.0 {
        return 1.0;
    }
    ((room - fixed) / stretchable).clamp(1.0, 1.5)
}

impl Lab {
    /// What the current step is about, the selected subscriber and the bridges: never stacked (a
    /// summary card, the last resort, holds a whole group).
    pub fn canvas_focus(&self) -> Focus {
        let mut f = Focus::default();
        if let Some((lesson, state)) = self.current_lesson() {
            if let Some(fc) = focus::focus(lesson, state.step) {
                if let Look::Group(g) = fc.look {
                    f.group = Some(g.to_string());
                }
            }
            if let Some(step) = lesson.steps.get(state.step) {
                for group in self.session.world.groups.keys() {
                    for owner in focus::concerned_owners(step, group) {
                        f.keep.push((group.clone(), owner));
                    }
                }
            }
        }
        if let Some(Selection::Service { group, owner }) = &self.selection {
            f.keep.push((group.clone(), owner.clone()));
        }
        f.keep.extend(bridge_ports(&self.session.world));
        f
    }

    /// The canvas as drawn now.
    pub fn canvas_view(&self) -> CanvasView {
        plan(
            &self.session.world,
            &self.group_order(),
            &self.view.positions,
            &self.view.camera,
            self.area,
            &self.canvas_focus(),
            self.view.arrangement,
        )
    }
}

/// A summarised group's key counts, a line each: what its card says.
pub fn summary_lines(g: &messagebox_engine::world::Group) -> Vec<String> {
    let state = g.messagebox.state();
    let locations: usize = g.receive_ports.iter().map(|p| p.locations.len()).sum();
    let running = g.runs.values().filter(|i| !i.state.is_finished()).count();
    vec![
        format!("{locations} receive locations"),
        format!("{} subscribers", state.services.len()),
        format!("{running} running instances"),
        format!("{} failure reports", state.reports.len()),
    ]
}

/// The send ports whose address a receive location of another group reads: the bridges between
/// groups, which the canvas never puts in a stack (the crossing is what the lab is about).
pub fn bridge_ports(world: &messagebox_engine::world::World) -> Vec<(String, Owner)> {
    let mut read_by: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, g) in &world.groups {
        for l in g.receive_ports.iter().flat_map(|p| &p.locations) {
            read_by.entry(l.address.as_str()).or_default().push(name);
        }
    }
    let mut out = Vec::new();
    for (name, g) in &world.groups {
        for (port, def) in &g.send_ports {
            let remote = read_by
                .get(def.transport.address.as_str())
                .is_some_and(|readers| readers.iter().any(|r| r != name));
            if remote {
                out.push((name.clone(), Owner::SendPort(port.clone())));
            }
        }
    }
    out
}
