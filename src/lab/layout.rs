//! Where things are drawn: one region per group, and inside it receive locations on the left, the
//! MessageBox in the middle, orchestrations beside it, send ports on the right edge and hosts along the
//! bottom. Order follows the applications' definition order, so adding a port appends rather than
//! reshuffles; dragged positions (relative to their region) override the automatic ones. Groups sit side
//! by side or one below the other, and the level of detail (`Options`, chosen by `canvas_view`) can
//! shorten the MessageBox's table to a count, stack a group's send ports, or draw a group as a summary.

use messagebox_engine::messagebox::{Owner, SubscriptionKind};
use messagebox_engine::world::{Group, World};
use std::collections::{BTreeMap, BTreeSet};

pub const REGION_WIDTH: f64 = 660.0;
/// A group far from the action, drawn as a card with its counts.
pub const SUMMARY_WIDTH: f64 = 300.0;
pub const SUMMARY_HEIGHT: f64 = 170.0;
/// A group with no receive locations and no subscribers (a group waiting for its applications) is
/// drawn narrower, so an empty group does not take half the canvas.
pub const EMPTY_REGION_WIDTH: f64 = 340.0;
/// Between regions side by side (room for the WAN link's label) and one below the other.
const REGION_GAP: f64 = 110.0;
const STACK_GAP: f64 = 80.0;
const MIN_HEIGHT: f64 = 360.0;
/// The MessageBox's table lists at most this many activation subscriptions ("+N more" for the rest).
pub const TABLE_ROWS: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    Location,
    MessageBox,
    Suspended,
    Orchestration,
    SendPort,
    SendPortGroup,
    Host,
    /// A group's send ports drawn as one stack with their count.
    PortStack,
}

impl NodeKind {
    fn tag(self) -> &'static str {
        match self {
            NodeKind::Location => "loc",
            NodeKind::MessageBox => "mbx",
            NodeKind::Suspended => "susp",
            NodeKind::Orchestration => "orch",
            NodeKind::SendPort => "sp",
            NodeKind::SendPortGroup => "spg",
            NodeKind::Host => "host",
            NodeKind::PortStack => "stack",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub key: String,
    pub group: String,
    pub kind: NodeKind,
    pub name: String,
    pub x: f64,
    pub y: f64,
    /// Half the width of the node's box: wider where the region is stretched to fill the canvas.
    pub half: f64,
}

/// Half the width of a node's box at the natural width of its region.
pub fn natural_half(kind: NodeKind) -> f64 {
    match kind {
        NodeKind::Orchestration | NodeKind::Suspended => 80.0,
        NodeKind::Host => 100.0,
        NodeKind::MessageBox => 62.0,
        _ => 65.0,
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    pub group: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Send ports and groups not drawn (beyond `PORTS_DRAWN`); the Subscriptions tab lists them all.
    pub ports_not_drawn: usize,
    /// Drawn as a summary card (no nodes inside).
    pub summary: bool,
    /// Send ports and groups drawn as one stack.
    pub stacked: usize,
    /// How much wider than natural its columns are drawn: dragged positions are kept unstretched.
    pub stretch: f64,
}

/// The name of a group's stack of send ports (its key does not change with its count).
pub const STACK_NAME: &str = "send ports";

/// How much the layout draws, and how groups are arranged (chosen by `canvas_view` from the zoom).
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Groups one below the other rather than side by side.
    pub stacked: bool,
    /// Lines of the MessageBox's table (0: the table is a count), and the distance between them.
    pub table_lines: usize,
    pub line_pitch: f64,
    /// Groups whose send ports are drawn as one stack (but for those in `keep`).
    pub port_stacks: BTreeSet<String>,
    /// Groups drawn as a summary card.
    pub summaries: BTreeSet<String>,
    /// Subscribers drawn on their own even in a stack: what the step is about, and the selection.
    pub keep: Vec<(String, Owner)>,
    /// How much wider than `REGION_WIDTH` a group's region is drawn (at least 1), so the drawing fills
    /// a canvas wider than it: its columns spread and its boxes widen, so names need no shortening.
    pub stretch: f64,
    /// Each group's subscribers in drawing order, when already worked out (`subscribers_of`): the level
    /// of detail lays a world out several times, and a group can hold 20,000 imported ports.
    pub owners: Option<std::rc::Rc<BTreeMap<String, Vec<Owner>>>>,
}

/// Every group's subscribers in drawing order, worked out once for several layouts.
pub fn subscribers_of(world: &World) -> BTreeMap<String, Vec<Owner>> {
    world
        .groups
        .iter()
        .map(|(name, g)| (name.clone(), subscribers(g)))
        .collect()
}

impl Default for Options {
    fn default() -> Self {
        Self {
            stacked: false,
            table_lines: TABLE_ROWS,
            line_pitch: 15.0,
            port_stacks: BTreeSet::new(),
            summaries: BTreeSet::new(),
            keep: Vec::new(),
            stretch: 1.0,
            owners: None,
        }
    }
}

/// At most this many send ports and send port groups are drawn per group: a group of 20,000 imported
/// ports would otherwise put 20,000 nodes in the page (seconds of layout) at a size nobody can read.
pub const PORTS_DRAWN: usize = 40;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub regions: Vec<Region>,
    pub nodes: Vec<Node>,
    pub width: f64,
    pub height: f64,
}

pub fn node_key(group: &str, kind: NodeKind, name: &str) -> String {
    format!("{group}|{}|{name}", kind.tag())
}

pub fn region_key(group: &str) -> String {
    format!("{group}|region")
}

/// The node that stands for a subscriber.
pub fn owner_key(group: &str, owner: &Owner) -> String {
    let kind = match owner {
        Owner::Orchestration(_) => NodeKind::Orchestration,
        Owner::SendPort(_) => NodeKind::SendPort,
        Owner::SendPortGroup(_) => NodeKind::SendPortGroup,
    };
    node_key(group, kind, owner.name())
}

/// The subscriber a node stands for, if it stands for one.
pub fn owner_of(n: &Node) -> Option<Owner> {
    Some(match n.kind {
        NodeKind::Orchestration => Owner::Orchestration(n.name.clone()),
        NodeKind::SendPort => Owner::SendPort(n.name.clone()),
        NodeKind::SendPortGroup => Owner::SendPortGroup(n.name.clone()),
        _ => return None,
    })
}

/// The subscribers of a group in a stable order: by application definition, then anything else.
fn subscribers(g: &Group) -> Vec<Owner> {
    let mut order: Vec<Owner> = Vec::new();
    for app in &g.applications {
        order.extend(
            app.orchestrations
                .iter()
                .map(|o| Owner::Orchestration(o.name.clone())),
        );
        order.extend(
            app.send_ports
                .iter()
                .map(|p| Owner::SendPort(p.name.clone())),
        );
        order.extend(
            app.send_port_groups
                .iter()
                .map(|p| Owner::SendPortGroup(p.name.clone())),
        );
    }
    let services = &g.messagebox.state().services;
    order.retain(|o| services.contains_key(o));
    // A set, not a scan of the order: groups of 20,000 imported ports.
    let listed: std::collections::HashSet<Owner> = order.iter().cloned().collect();
    for owner in services.keys() {
        if !listed.contains(owner) {
            order.push(owner.clone());
        }
    }
    order
}

impl Layout {
    /// The layout with every detail, groups side by side.
    pub fn of(world: &World, order: &[String], positions: &BTreeMap<String, (f64, f64)>) -> Self {
        Self::with(world, order, positions, &Options::default())
    }

    pub fn with(
        world: &World,
        order: &[String],
        positions: &BTreeMap<String, (f64, f64)>,
        options: &Options,
    ) -> Self {
        let mut layout = Layout::default();
        let groups = order
            .iter()
            .filter_map(|name| world.group(name))
            .chain(world.groups.values().filter(|g| !order.contains(&g.name)));
        for (i, g) in groups.enumerate() {
            if options.summaries.contains(&g.name) {
                layout.add_summary(g, i, positions, options);
            } else {
                layout.add_group(g, i, positions, options);
            }
        }
        layout.width = layout
            .regions
            .iter()
            .map(|r| r.x + r.width)
            .fold(0.0, f64::max)
            + 20.0;
        layout.height = layout
            .regions
            .iter()
            .map(|r| r.y + r.height)
            .fold(0.0, f64::max)
            + 20.0;
        layout
    }

    /// Where the next region goes: after the previous ones (wherever they were dragged), across or down.
    fn slot(&self, index: usize, options: &Options) -> (f64, f64) {
        let before = self.regions.iter().take(index);
        if options.stacked {
            (
                20.0,
                20.0 + before.map(|r| r.height + STACK_GAP).sum::<f64>(),
            )
        } else {
            (
                20.0 + before.map(|r| r.width + REGION_GAP).sum::<f64>(),
                20.0,
            )
        }
    }

    /// A region's top-left corner: where it was dragged, else its slot.
    fn corner(
        &self,
        group: &str,
        index: usize,
        positions: &BTreeMap<String, (f64, f64)>,
        options: &Options,
    ) -> (f64, f64) {
        positions
            .get(&region_key(group))
            .copied()
            .unwrap_or_else(|| self.slot(index, options))
    }

    fn add_summary(
        &mut self,
        g: &Group,
        index: usize,
        positions: &BTreeMap<String, (f64, f64)>,
        options: &Options,
    ) {
        let (x, y) = self.corner(&g.name, index, positions, options);
        self.regions.push(Region {
            group: g.name.clone(),
            x,
            y,
            width: SUMMARY_WIDTH,
            height: SUMMARY_HEIGHT,
            ports_not_drawn: 0,
            summary: true,
            stacked: 0,
            stretch: 1.0,
        });
    }

    fn add_group(
        &mut self,
        g: &Group,
        index: usize,
        positions: &BTreeMap<String, (f64, f64)>,
        options: &Options,
    ) {
        let owners = match options.owners.as_ref().and_then(|o| o.get(&g.name)) {
            Some(o) => o.clone(),
            None => subscribers(g),
        };
        let locations: Vec<&str> = g
            .receive_ports
            .iter()
            .flat_map(|p| p.locations.iter().map(|l| l.name.as_str()))
            .collect();
        let orchestrations: Vec<&Owner> = owners
            .iter()
            .filter(|o| matches!(o, Owner::Orchestration(_)))
            .collect();
        let mut ports: Vec<&Owner> = owners
            .iter()
            .filter(|o| !matches!(o, Owner::Orchestration(_)))
            .collect();
        // A stack keeps the ports the step is about; the rest are counted in it.
        let mut stacked: Vec<&Owner> = Vec::new();
        if options.port_stacks.contains(&g.name) {
            let kept = |o: &Owner| options.keep.iter().any(|(grp, k)| grp == &g.name && k == o);
            let (keep, rest): (Vec<&Owner>, Vec<&Owner>) = ports.into_iter().partition(|o| kept(o));
            ports = keep;
            stacked = rest;
        }
        let ports_not_drawn = ports.len().saturating_sub(PORTS_DRAWN);
        ports.truncate(PORTS_DRAWN);
        let stack_rows = usize::from(!stacked.is_empty());
        let rows = locations
            .len()
            .max(orchestrations.len())
            .max(ports.len() + stack_rows + usize::from(ports_not_drawn > 0))
            as f64;
        // Tall enough for the columns, and for the MessageBox's table with the suspended queue and the
        // hosts below it (the table starts 44 below the MessageBox at 160: a title, then its lines).
        let table_lines = g
            .messagebox
            .state()
            .subscriptions
            .values()
            .filter(|s| s.kind == SubscriptionKind::Activation)
            .count()
            .min(options.table_lines) as f64;
        let below_table = 160.0
            + 44.0
            + 2.0 * options.line_pitch.max(20.0)
            + table_lines * options.line_pitch
            + 36.0
            + 80.0;
        let height = MIN_HEIGHT.max(100.0 + rows * 42.0 + 60.0).max(below_table);
        let hosts = g.messagebox.state().hosts.len();
        let empty = locations.is_empty() && owners.is_empty();
        let s = if empty { 1.0 } else { options.stretch.max(1.0) };
        let width = if empty {
            EMPTY_REGION_WIDTH.max(20.0 + hosts as f64 * 220.0)
        } else {
            REGION_WIDTH * s
        };
        // The MessageBox column: in the middle of an empty region, else between locations and
        // orchestrations.
        let mbx_dx = if empty { width / 2.0 } else { 240.0 * s };
        let host_dx = if empty { 120.0 } else { 110.0 };
        let (x, y) = self.corner(&g.name, index, positions, options);
        self.regions.push(Region {
            group: g.name.clone(),
            x,
            y,
            width,
            height,
            ports_not_drawn,
            summary: false,
            stacked: stacked.len(),
            stretch: s,
        });
        let mut place = |kind: NodeKind, name: &str, dx: f64, dy: f64| {
            let key = node_key(&g.name, kind, name);
            // A dragged node's place is kept in the region's natural width, so it stays in its column
            // as the region stretches and narrows.
            let (dx, dy) = positions
                .get(&key)
                .map(|&(px, py)| (px * s, py))
                .unwrap_or((dx, dy));
            let widens = !matches!(
                kind,
                NodeKind::MessageBox | NodeKind::Suspended | NodeKind::Host
            );
            self.nodes.push(Node {
                key,
                group: g.name.clone(),
                kind,
                name: name.to_string(),
                x: x + dx,
                y: y + dy,
                half: natural_half(kind) * if widens { s } else { 1.0 },
            });
        };
        for (i, name) in locations.iter().enumerate() {
            place(NodeKind::Location, name, 80.0 * s, 95.0 + i as f64 * 50.0);
        }
        place(NodeKind::MessageBox, "MessageBox", mbx_dx, 160.0);
        place(
            NodeKind::Suspended,
            "Suspended queue",
            mbx_dx,
            height - 80.0,
        );
        for (i, o) in orchestrations.iter().enumerate() {
            place(
                NodeKind::Orchestration,
                o.name(),
                425.0 * s,
                95.0 + i as f64 * 42.0,
            );
        }
        for (i, o) in ports.iter().enumerate() {
            let kind = match o {
                Owner::SendPortGroup(_) => NodeKind::SendPortGroup,
                _ => NodeKind::SendPort,
            };
            place(kind, o.name(), 585.0 * s, 95.0 + i as f64 * 42.0);
        }
        if !stacked.is_empty() {
            place(
                NodeKind::PortStack,
                STACK_NAME,
                585.0 * s,
                95.0 + ports.len() as f64 * 42.0,
            );
        }
        for (i, host) in g.messagebox.state().hosts.keys().enumerate() {
            place(
                NodeKind::Host,
                host,
                host_dx + i as f64 * 220.0,
                height - 24.0,
            );
        }
    }

    /// The node drawn for `key`: itself, or, for a send port (or group) not drawn on its own, its
    /// group's stack.
    pub fn node(&self, key: &str) -> Option<&Node> {
        if let Some(n) = self.nodes.iter().find(|n| n.key == key) {
            return Some(n);
        }
        let (group, rest) = key.split_once('|')?;
        let port = rest.starts_with("sp|") || rest.starts_with("spg|");
        let stacked = self.region(group).is_some_and(|r| r.stacked > 0);
        if !(port && stacked) {
            return None;
        }
        let stack = node_key(group, NodeKind::PortStack, STACK_NAME);
        self.nodes.iter().find(|n| n.key == stack)
    }

    /// Where something of `key` is drawn: its node (or stack), or the middle of its group's summary
    /// card, so a message to or from a summarised group still travels there.
    pub fn anchor(&self, key: &str) -> Option<(f64, f64, &str)> {
        if let Some(n) = self.node(key) {
            return Some((n.x, n.y, n.group.as_str()));
        }
        let group = key.split_once('|')?.0;
        let r = self.region(group).filter(|r| r.summary)?;
        Some((r.x + r.width / 2.0, r.y + r.height / 2.0, r.group.as_str()))
    }

    pub fn region(&self, group: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.group == group)
    }
}

/// The order of the MessageBox table's lines: first the subscribers the current lesson step is about
/// (`concerned`, in that order), then those the message being evaluated matched, then the rest, each
/// part in its original order. `rows` gives each line's owner and whether it matched (None when no
/// message is being evaluated). Returns indexes into `rows`.
pub fn table_order(rows: &[(Owner, Option<bool>)], concerned: &[Owner]) -> Vec<usize> {
    let rank = |i: usize| {
        let (owner, matched) = &rows[i];
        match concerned.iter().position(|c| c == owner) {
            Some(p) => (0, p),
            None if *matched == Some(true) => (1, 0),
            None => (2, 0),
        }
    };
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| (rank(i), i));
    order
}
