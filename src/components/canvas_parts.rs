//! The canvas's drawings: nodes by kind, the MessageBox's subscription table, WAN links, tokens and
//! the legend. Every label is text, so colour is never the only cue.

use crate::lab::canvas_view::{Detail, TextRole};
use crate::lab::layout::{owner_of, Layout, Node, NodeKind, TABLE_ROWS};
use crate::lab::marks::Shape;
use crate::lab::tokens::TokenKind;
use crate::lab::Action;
use crate::lab::{Lab, Selection, Tab};
use messagebox_engine::messagebox::{Owner, ServiceState, SubscriptionState};
use messagebox_engine::world::config::Pipeline;
use messagebox_engine::world::{Group, Link};
use std::collections::BTreeMap;
use yew::prelude::*;

/// More tokens than this on one edge are drawn as one counter (when grouping is on).
const AGGREGATE_ABOVE: usize = 8;

pub(super) fn f(v: f64) -> String {
    format!("{v:.1}")
}

/// A font size attribute for a text role at the canvas's detail (an attribute, not a style: the page's
/// Content-Security-Policy allows no inline style).
pub(super) fn size(detail: &Detail, role: TextRole) -> String {
    font_size(detail.font(role))
}

/// A font size rounded up to the tenth, so rounding never takes text under its minimum.
pub(super) fn font_size(v: f64) -> String {
    format!("{:.1}", (v * 10.0).ceil() / 10.0)
}

/// References waiting for a stopped subscriber (kept counted by the MessageBox: a burst holds thousands).
fn held_for(g: &Group, owner: &Owner) -> usize {
    g.messagebox.held_count(owner)
}

/// A receive pipeline by BizTalk's name for it.
fn pipeline_name(p: Pipeline) -> &'static str {
    match p {
        Pipeline::XmlReceive => "XMLReceive",
        Pipeline::PassThru => "PassThru",
    }
}

/// A subscription's state in words.
fn subscription_state(s: SubscriptionState) -> &'static str {
    match s {
        SubscriptionState::Started => "started",
        SubscriptionState::Stopped => "stopped",
        SubscriptionState::Disabled => "disabled",
    }
}

/// The CSS class of a node's kind.
fn kind_class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Location => "location",
        NodeKind::MessageBox => "messagebox",
        NodeKind::Suspended => "suspended",
        NodeKind::Orchestration => "orchestration",
        NodeKind::SendPort => "sendport",
        NodeKind::SendPortGroup => "sendportgroup",
        NodeKind::Host => "host",
        NodeKind::PortStack => "portstack",
    }
}

/// What the suspended queue holds, as the Group Hub lists it: suspended messages (routing failures,
/// copies held for a stopped subscriber) and send port transmissions suspended after their retries;
/// and the routing failure reports.
fn suspended_count(g: &Group) -> (usize, usize) {
    let state = g.messagebox.state();
    let transmissions = g.suspended_transmissions().count();
    (
        g.messagebox.queue_lengths().suspended + transmissions,
        state.reports.len(),
    )
}

/// A receive location's or send port's shape: a box with a pointed right end.
fn arrow(x: f64, y: f64, half: f64) -> String {
    let straight = 2.0 * half - 12.0;
    format!(
        "M{} {} h{} l12 15 l-12 15 h-{} z",
        f(x - half),
        f(y - 15.0),
        f(straight),
        f(straight)
    )
}

pub fn node_view(
    lab: &Lab,
    detail: &Detail,
    n: &Node,
    stacked: usize,
    matched: Option<(u64, usize)>,
    onpointerdown: Callback<PointerEvent>,
    on: Callback<Action>,
) -> Html {
    let Some(g) = lab.session.world.group(&n.group) else {
        return html! {};
    };
    let selected = lab
        .selection
        .as_ref()
        .is_some_and(|s| match (s, owner_of(n)) {
            (Selection::Service { group, owner }, Some(o)) => group == &n.group && owner == &o,
            (Selection::Location { group, name }, _) => {
                n.kind == NodeKind::Location && group == &n.group && name == &n.name
            }
            _ => false,
        });
    let (x, y) = (n.x, n.y);
    let mut class = vec!["node".to_string(), format!("node-{}", kind_class(n.kind))];
    if selected {
        class.push("selected".into());
    }
    type Badge = Option<(String, String)>;
    let (shape, label, status, badge): (Html, String, String, Badge) = match n.kind {
        NodeKind::Location => {
            let loc = g.location(&n.name).map(|(p, i)| &p.locations[i]);
            let enabled = loc.is_some_and(|l| l.enabled);
            if !enabled {
                class.push("off".into());
            }
            let pipeline = loc.map(|l| pipeline_name(l.pipeline)).unwrap_or_default();
            (
                html! { <path d={arrow(x, y, n.half)} /> },
                n.name.clone(),
                format!(
                    "{} · {pipeline}",
                    if enabled { "enabled" } else { "disabled" }
                ),
                None,
            )
        }
        NodeKind::MessageBox => (
            html! {
                <>
                    <path d={format!("M{} {} v46 a62 12 0 0 0 124 0 v-46", f(x - 62.0), f(y - 23.0))} />
                    <ellipse cx={f(x)} cy={f(y - 23.0)} rx="62" ry="12" />
                </>
            },
            "MessageBox".into(),
            format!("{} subscriptions", g.messagebox.state().subscriptions.len()),
            None,
        ),
        NodeKind::Suspended => {
            let (refs, reports) = suspended_count(g);
            if refs + reports > 0 {
                class.push("alarm".into());
            }
            (
                html! { <rect x={f(x - 80.0)} y={f(y - 18.0)} width="160" height="36" rx="4" /> },
                "Suspended queue".into(),
                format!("{refs} suspended · {reports} failure reports"),
                None,
            )
        }
        NodeKind::Orchestration | NodeKind::SendPort | NodeKind::SendPortGroup => {
            let owner = owner_of(n).expect("a subscriber node");
            let state = g
                .messagebox
                .state()
                .services
                .get(&owner)
                .map(|s| s.state)
                .unwrap_or(ServiceState::Unenlisted);
            class.push(format!("state-{state}"));
            let held = held_for(g, &owner);
            let running = g
                .runs
                .values()
                .filter(|r| r.orchestration == n.name && !r.state.is_finished())
                .count();
            // The badge's count alone where words do not fit, and with its words where they do.
            let badge = match (held, running) {
                (0, 0) => None,
                (0, r) => Some((r.to_string(), format!("{r} running"))),
                (h, _) => Some((h.to_string(), format!("{h} waiting"))),
            };
            let shape = match n.kind {
                NodeKind::Orchestration => html! {
                    <rect x={f(x - n.half)} y={f(y - 17.0)} width={f(2.0 * n.half)} height="34" rx="12" />
                },
                NodeKind::SendPortGroup => html! {
                    <rect class="dashed" x={f(x - n.half)} y={f(y - 16.0)} width={f(2.0 * n.half)} height="32" rx="3" />
                },
                _ => html! { <path d={arrow(x, y, n.half)} /> },
            };
            (shape, n.name.clone(), state.to_string(), badge)
        }
        NodeKind::Host => {
            let running = g.host_running(&n.name);
            if !running {
                class.push("off".into());
            }
            (
                html! { <rect x={f(x - 100.0)} y={f(y - 12.0)} width="200" height="24" rx="3" /> },
                format!("Host {}", n.name),
                if running { "running" } else { "stopped" }.into(),
                None,
            )
        }
        NodeKind::PortStack => (
            html! {
                <>
                    <rect x={f(x - n.half + 6.0)} y={f(y - 21.0)} width={f(2.0 * n.half)} height="32" rx="3" />
                    <rect x={f(x - n.half + 3.0)} y={f(y - 18.0)} width={f(2.0 * n.half)} height="32" rx="3" />
                    <rect x={f(x - n.half)} y={f(y - 15.0)} width={f(2.0 * n.half)} height="32" rx="3" />
                </>
            },
            format!("{stacked} send ports"),
            "each is listed in the Subscriptions tab".into(),
            None,
        ),
    };
    let kind_word = match n.kind {
        NodeKind::Location => "Receive location",
        NodeKind::MessageBox => "",
        NodeKind::Suspended => "",
        NodeKind::Orchestration => "Orchestration",
        NodeKind::SendPort => "Send port",
        NodeKind::SendPortGroup => "Send port group",
        NodeKind::Host => "",
        NodeKind::PortStack => "",
    };
    let width = 2.0 * n.half - 10.0;
    // Names with a shorter form BizTalk people know take it before being cut.
    let shown = match n.kind {
        NodeKind::Suspended => detail.fit_any(&[&label, "Suspended"], TextRole::NodeLabel, width),
        NodeKind::Host => detail.fit_any(&[&label, &n.name], TextRole::NodeLabel, width),
        NodeKind::PortStack => detail.fit_any(
            &[&label, &format!("{stacked} ports")],
            TextRole::NodeLabel,
            width,
        ),
        _ => detail.fit(&label, TextRole::NodeLabel, width),
    };
    let onkeydown = {
        let on = on.clone();
        let select = crate::components::canvas_select(n);
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                on.emit(Action::Select(select.clone()));
            }
        })
    };
    let onclick =
        (n.kind == NodeKind::Suspended).then(|| on.reform(|_| Action::Tab(Tab::GroupHub)));
    let testid = match n.kind {
        NodeKind::MessageBox => Some(format!("messagebox-{}", n.group)),
        _ => None,
    };
    // The name, with the status under it where the box has room for two lines.
    let with_status = detail.status_lines() && n.kind != NodeKind::PortStack;
    let status_shown = with_status.then(|| detail.fit(&status, TextRole::NodeStatus, width));
    let label_font = detail.font(TextRole::NodeLabel);
    let status_line = detail.line(TextRole::NodeStatus);
    let label_y = if with_status {
        y + label_font * 0.35 - status_line / 2.0
    } else {
        y + label_font * 0.35
    };
    // The message the MessageBox is evaluating matched this subscriber: said on the node itself, so it
    // reads at any zoom.
    if matched.is_some() {
        class.push("matched".into());
    }
    let badge = matched
        .map(|(id, count)| match n.kind {
            NodeKind::PortStack => (format!("✓{count}"), format!("✓ {count} matched #{id}")),
            _ => ("✓".to_string(), format!("✓ matched #{id}")),
        })
        .or(badge);
    // The accessible name says everything drawn (the name may be shortened at this zoom) and the whole.
    let full = match &badge {
        Some((_, words)) => format!("{kind_word} {label}: {status}, {words}"),
        None => format!("{kind_word} {label}: {status}"),
    };
    let aria = crate::lab::canvas_view::accessible_name(&[shown.as_str()], full.trim());
    // Where there is no room for words beside the node, the badge is a bubble on its corner with the
    // count (or ✓); the words are in the accessible name and the tooltip.
    let roomy = detail.status_lines();
    let badge = badge.map(|(short, words)| if roomy { words } else { short });
    let badge = badge.map(|b| {
        let font = detail.font(TextRole::Badge);
        let w = detail.width_of(&b, TextRole::Badge) + font;
        let h = font * 1.35;
        let right = x + n.half;
        // Above the box's right end, or as a bubble on its corner.
        let (left, top) = if roomy {
            (right - w, y - 17.0 - h * 0.8)
        } else {
            (right - w * 0.6, y - 17.0 - h * 0.45)
        };
        html! {
            <g class="badge" data-testid="node-badge">
                <rect x={f(left)} y={f(top)} width={f(w)} height={f(h)} rx={f(h / 2.0)} />
                <text x={f(left + w / 2.0)} y={f(top + font * 1.0)} font-size={size(detail, TextRole::Badge)}>{ b }</text>
            </g>
        }
    });
    // Inside the button only its shape and name: assistive technology joins the texts inside a button
    // into its visible text, which the accessible name must contain. The status and the badge are
    // drawn beside it (clicks pass through them), and the tooltip's <title> wraps the lot.
    let matched_class = matched.is_some().then_some("matched");
    html! {
        <g class={classes!("node-tip", matched_class)}>
            <title>{ aria.clone() }</title>
            <g class={classes!(class)} tabindex="0" role="button" aria-label={aria}
               data-testid={testid} data-node={n.key.clone()} {onpointerdown} {onkeydown} {onclick}>
                { shape }
                <text class="node-label" x={f(x)} y={f(label_y)} font-size={size(detail, TextRole::NodeLabel)}>
                    { shown }
                </text>
            </g>
            <g class="node-extra" aria-hidden="true">
                if let Some(status) = status_shown {
                    <text class="node-status" x={f(x)} y={f(label_y + status_line)} font-size={size(detail, TextRole::NodeStatus)}>
                        { status }
                    </text>
                }
                { for badge }
            </g>
        </g>
    }
}

/// The MessageBox's activation subscriptions; after an evaluation, which matched and why the others
/// did not (the engine's Explain, first failing predicate). Where rows would be too small to read, the
/// table is a count, and the matched subscribers are marked on the canvas itself.
pub fn subscription_table(
    evaluation: Option<&crate::lab::evaluation::Evaluation>,
    detail: &Detail,
    mbx: &Node,
) -> Html {
    let Some(e) = evaluation else {
        return html! {};
    };
    let total = e.lines.len();
    let matched = e.matched().count();
    let title = match e.message {
        Some(id) => format!("Message #{id}: {matched} of {total} matched"),
        None => format!("{total} activation subscriptions"),
    };
    // The short form where the long one does not fit.
    let short = match e.message {
        Some(id) => format!("#{id}: {matched} of {total} matched"),
        None => format!("{total} subscriptions"),
    };
    let pitch = detail.row_pitch();
    let width = 244.0;
    let (x0, y0) = (mbx.x - width / 2.0, mbx.y + 44.0);
    let text_x = x0 + 6.0;
    let every = |line: &crate::lab::evaluation::Line| {
        let (mark, class) = match line.matched {
            Some(true) => ("✓", "hit"),
            Some(false) => ("✗", "miss"),
            None => ("·", ""),
        };
        let text = if line.why.is_empty() {
            format!(
                "{mark} {} ({})",
                line.owner.name(),
                subscription_state(line.state)
            )
        } else {
            format!("{mark} {}: {}", line.owner.name(), line.why)
        };
        (text, class)
    };
    // The tooltip lists the first lines (a group can hold 20,000 subscriptions).
    let mut whole: Vec<String> = e
        .lines
        .iter()
        .take(TABLE_ROWS)
        .map(|l| every(l).0)
        .collect();
    if total > TABLE_ROWS {
        whole.push(format!(
            "+{} more: every subscription is in the Subscriptions tab",
            total - TABLE_ROWS
        ));
    }
    if !detail.table_rows() {
        // One box: the count (and the message's result), every line in its tooltip.
        let height = pitch * 2.0;
        let more = format!("+{} instance", e.instance_subscriptions);
        return html! {
            <g class="sub-table" data-testid="mb-table-count" aria-label={title.clone()}>
                <rect x={f(x0)} y={f(y0)} width={f(width)} height={f(height)} rx="4" />
                <text class="sub-title" x={f(text_x)} y={f(y0 + pitch * 0.8)} font-size={size(detail, TextRole::TableTitle)}>
                    <title>{ whole.join("\n") }</title>
                    { detail.fit_any(&[&title, &short], TextRole::TableTitle, width - 12.0) }
                </text>
                <text class="sub-more" x={f(text_x)} y={f(y0 + pitch * 1.75)} font-size={size(detail, TextRole::TableRow)}>
                    <title>{ format!("{} instance (convoy) subscriptions; every subscription is in the Subscriptions tab", e.instance_subscriptions) }</title>
                    { detail.fit(&more, TextRole::TableRow, width - 12.0) }
                </text>
            </g>
        };
    }
    let rows = e.lines.iter().take(TABLE_ROWS).enumerate().map(|(i, line)| {
        let (text, class) = every(line);
        let y = y0 + pitch * (1.8 + i as f64);
        html! {
            <text class={classes!("sub-row", class)} x={f(text_x)} y={f(y)} data-testid="mb-subscription"
                  font-size={size(detail, TextRole::TableRow)}>
                <title>{ text.clone() }</title>
                { detail.fit(&text, TextRole::TableRow, width - 12.0) }
            </text>
        }
    });
    let more = total.saturating_sub(TABLE_ROWS);
    let shown = total.min(TABLE_ROWS) as f64;
    let height = pitch * (shown + 2.1);
    let footer = format!(
        "{}{} instance subscriptions",
        if more > 0 {
            format!("+{more} more · ")
        } else {
            String::new()
        },
        e.instance_subscriptions
    );
    html! {
        <g class="sub-table" aria-label={title.clone()}>
            <rect x={f(x0)} y={f(y0)} width={f(width)} height={f(height)} rx="4" />
            <text class="sub-title" x={f(text_x)} y={f(y0 + pitch * 0.8)} font-size={size(detail, TextRole::TableTitle)}>
                { detail.fit_any(&[&title, &short], TextRole::TableTitle, width - 12.0) }
            </text>
            { for rows }
            <text class="sub-more" x={f(text_x)} y={f(y0 + pitch * (shown + 1.8))} font-size={size(detail, TextRole::TableRow)}>
                <title>{ "Every subscription is listed in the Subscriptions tab." }</title>
                { detail.fit(&footer, TextRole::TableRow, width - 12.0) }
            </text>
        </g>
    }
}

/// Where the WAN link between two groups' regions starts (at `from`'s edge) and ends. Side by side, it
/// joins the facing edges near the top; one below the other, the bottom of the upper to the top of the
/// lower, near the left.
fn link_ends(layout: &Layout, from: &str, to: &str) -> Option<((f64, f64), (f64, f64))> {
    let (a, b) = (layout.region(from)?, layout.region(to)?);
    // One above the other where they overlap across (wherever they were dragged), else side by side.
    let above = a.x < b.x + b.width && b.x < a.x + a.width;
    let edge = |r: &crate::lab::layout::Region, other: &crate::lab::layout::Region| {
        if above {
            let below = r.y > other.y;
            (r.x + 40.0, if below { r.y } else { r.y + r.height })
        } else {
            let right = r.x > other.x;
            (if right { r.x } else { r.x + r.width }, r.y + 80.0)
        }
    };
    Some((edge(a, b), edge(b, a)))
}

/// The point `p` (0 to 1) of the way along a path of segments, `split` giving the share of the way at
/// which each inner point is reached.
fn along(points: &[(f64, f64)], split: &[f64], p: f64) -> (f64, f64) {
    let mut marks = vec![0.0];
    marks.extend_from_slice(split);
    marks.push(1.0);
    for (i, pair) in points.windows(2).enumerate() {
        let (t0, t1) = (marks[i], marks[i + 1]);
        if p <= t1 || i + 2 == points.len() {
            let q = if t1 > t0 {
                ((p - t0) / (t1 - t0)).clamp(0.0, 1.0)
            } else {
                1.0
            };
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            return (x0 + (x1 - x0) * q, y0 + (y1 - y0) * q);
        }
    }
    points[points.len() - 1]
}

pub fn link_line(layout: &Layout, detail: &Detail, link: &Link) -> Html {
    let Some(((x1, y1), (x2, y2))) = link_ends(layout, &link.a, &link.b) else {
        return html! {};
    };
    let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
    let label = format!(
        "WAN {} ms{}",
        link.latency_ms,
        if link.up { "" } else { " · CUT" }
    );
    let (tx, ty, anchor) = if (x2 - x1).abs() < (y2 - y1).abs() {
        (
            mx + 14.0,
            my + detail.font(TextRole::LinkLabel) * 0.35,
            "start",
        )
    } else {
        (mx, my - 8.0, "middle")
    };
    html! {
        <g class={classes!("link", (!link.up).then_some("cut"))} data-testid={format!("link-{}-{}", link.a, link.b)}>
            <title>{ format!("WAN link {} – {}: {label}", link.a, link.b) }</title>
            if link.up {
                <line x1={f(x1)} y1={f(y1)} x2={f(x2)} y2={f(y2)} />
            } else {
                <>
                    <line x1={f(x1)} y1={f(y1)} x2={f(mx - (x2 - x1).signum() * 10.0)} y2={f(my - (y2 - y1).signum() * 10.0)} />
                    <line x1={f(mx + (x2 - x1).signum() * 10.0)} y1={f(my + (y2 - y1).signum() * 10.0)} x2={f(x2)} y2={f(y2)} />
                </>
            }
            <text x={f(tx)} y={f(ty)} text-anchor={anchor} font-size={size(detail, TextRole::LinkLabel)}>{ label }</text>
        </g>
    }
}

fn shape_view(shape: Shape) -> Html {
    match shape {
        Shape::Envelope => html! {
            <><rect x="-11" y="-7" width="22" height="14" rx="2" /><path class="flap" d="M-11 -7 L0 1 L11 -7" /></>
        },
        Shape::Circle => html! { <circle r="8" /> },
        Shape::Diamond => html! { <path d="M0 -9 L9 0 L0 9 L-9 0 Z" /> },
        Shape::Triangle => html! { <path d="M0 -9 L9 7 L-9 7 Z" /> },
    }
}

/// An edge tokens travel: from a node key to a node key (or off the edge).
type Edge = (String, Option<String>);

/// The tokens in flight, as two layers: their text labels, drawn under the nodes (a node's box hides
/// a label passing over it, so the node's name stays readable), and their shapes, drawn over the nodes
/// (so every token stays visible and clickable).
pub struct TokenLayers {
    pub labels: Html,
    pub shapes: Html,
    /// The marking said beside the broker: over everything, while the marked order leaves it.
    pub callouts: Html,
}

pub fn token_views(
    lab: &Lab,
    layout: &Layout,
    detail: &Detail,
    reduced_motion: bool,
    on: Callback<Action>,
) -> TokenLayers {
    let scale = detail.token_scale();
    let label_font = detail.font(TextRole::TokenLabel);
    let mut buckets: BTreeMap<Edge, Vec<(usize, f64)>> = BTreeMap::new();
    for (i, t) in lab.tokens.iter().enumerate() {
        let Some(p) = t.progress(lab.now) else {
            continue;
        };
        let p = if reduced_motion { 1.0 } else { p };
        buckets
            .entry((t.from.clone(), t.to.clone()))
            .or_default()
            .push((i, p));
    }
    let point = |from: &str, to: &Option<String>, p: f64| -> Option<(f64, f64)> {
        let (ax, ay, a_group) = layout.anchor(from)?;
        let (bx, by, b_group) = match to {
            Some(k) => layout.anchor(k)?,
            None => (ax + 95.0, ay, a_group),
        };
        // Across groups, the message travels along the WAN link: most of its time is the link's.
        if b_group != a_group {
            if let Some((s, e)) = link_ends(layout, a_group, b_group) {
                return Some(along(&[(ax, ay), s, e, (bx, by)], &[0.15, 0.85], p));
            }
        }
        Some((ax + (bx - ax) * p, ay + (by - ay) * p))
    };
    let mut out = Vec::new();
    let mut labels = Vec::new();
    let mut callouts = Vec::new();
    for ((from, to), tokens) in &buckets {
        if lab.aggregate && tokens.len() > AGGREGATE_ABOVE {
            let p = tokens.iter().map(|(_, p)| p).sum::<f64>() / tokens.len() as f64;
            if let Some((x, y)) = point(from, to, p) {
                out.push(html! {
                    <g class="token-counter" transform={format!("translate({},{}) scale({})", f(x), f(y), f(scale))}
                       data-testid="token-counter" aria-label={format!("{} messages on this edge", tokens.len())}>
                        <circle r="13" />
                        <text y="4" font-size={font_size(detail.font(TextRole::Badge) / scale)}>{ format!("×{}", tokens.len()) }</text>
                    </g>
                });
            }
            continue;
        }
        // Copies on one edge fan out across it, so each stays visible and clickable.
        let step = 16.0 * scale;
        let spread = (tokens.len() as f64 - 1.0) * step / 2.0;
        for (k, (i, p)) in tokens.iter().enumerate() {
            let t = &lab.tokens[*i];
            let Some((x, y)) = point(from, to, *p) else {
                continue;
            };
            let y = y + k as f64 * step - spread;
            let kind = match t.kind {
                TokenKind::Failed => "failed",
                TokenKind::Held => "held",
                TokenKind::Wire => "wire",
                TokenKind::Out => "out",
                TokenKind::Route => "route",
            };
            let select = Selection::Message {
                group: t.group.clone(),
                id: t.message.0,
            };
            out.push(html! {
                <g class={classes!("token", t.mark.class, kind)}
                   transform={format!("translate({},{}) scale({})", f(x), f(y), f(scale))}
                   data-testid="message-token" data-message={t.message.0.to_string()} data-kind={kind}
                   data-to={t.to.clone().unwrap_or_default()}
                   aria-label={format!("message #{} {}", t.message.0, t.mark.label)}
                   onpointerdown={on.reform(move |e: PointerEvent| { e.stop_propagation(); Action::Select(select.clone()) })}>
                    <title>{ format!("Message #{} {}", t.message.0, t.mark.label) }</title>
                    { shape_view(t.mark.shape) }
                </g>
            });
            // Words beside tokens only where there is room: the shape and colour say the mark, the
            // legend names them, and the token's tooltip says it in full.
            if detail.status_lines() {
                labels.push(html! {
                <text class="token-label" x={f(x + 13.0 * scale)} y={f(y + label_font * 0.35)} font-size={font_size(label_font)}>
                    { crate::lab::canvas_view::shorten(&t.mark.label, 16) }
                </text>
                });
            }
            // The moment of marking: the broker's marked order leaves it with its mark said beside it.
            if t.marking {
                if let Some(node) = layout.node(from) {
                    let text = format!("marked {}", t.mark.label);
                    let font = detail.font(TextRole::Callout);
                    let w = detail.width_of(&text, TextRole::Callout) + font;
                    let h = font * 1.5;
                    // Above the broker, centred on it.
                    let (cx, cy) = (node.x - w / 2.0, node.y - 19.0 - h);
                    callouts.push(html! {
                        <g class={classes!("mark-callout", t.mark.class)} data-testid="mark-callout">
                            <rect x={f(cx)} y={f(cy)} width={f(w)} height={f(h)} rx={f(h / 2.0)} />
                            <text x={f(cx + font / 2.0)} y={f(cy + h * 0.7)} font-size={font_size(font)}>{ text }</text>
                        </g>
                    });
                }
            }
        }
    }
    TokenLayers {
        labels: html! { <g class="token-labels" aria-hidden="true">{ for labels }</g> },
        shapes: html! { <g class="tokens">{ for out }</g> },
        callouts: html! { <g class="mark-callouts">{ for callouts }</g> },
    }
}

/// The legend, under the drawing in the page's own text (so it keeps its size at any zoom).
pub fn legend() -> Html {
    let items = [
        (
            Shape::Envelope,
            "mark-none",
            "request",
            "An order request, not marked yet",
        ),
        (
            Shape::Circle,
            "mark-cable",
            "CABLEORDER",
            "A routing message the broker marked CABLEORDER",
        ),
        (
            Shape::Circle,
            "mark-vip",
            "VIPORDER",
            "A routing message the broker marked VIPORDER",
        ),
        (
            Shape::Circle,
            "mark-broadband",
            "BROADBANDORDER",
            "A routing message the broker marked BROADBANDORDER",
        ),
        (
            Shape::Triangle,
            "mark-none",
            "reply",
            "An acknowledgement or a reply",
        ),
        (Shape::Diamond, "mark-none", "other", "Any other message"),
    ];
    let views = items.iter().map(|(shape, class, text, title)| {
        html! {
            <li title={*title}>
                <svg class={classes!("token", *class)} viewBox="-12 -10 24 20" width="22" height="18" aria-hidden="true">
                    { shape_view(*shape) }
                </svg>
                { *text }
            </li>
        }
    });
    html! { <ul class="canvas-legend" aria-label="Legend">{ for views }</ul> }
}

/// Faint edges from each receive location into the MessageBox and from the MessageBox to each
/// subscriber that has a subscription, so a token's path is visible before it moves.
pub fn edges(lab: &Lab, layout: &Layout) -> Html {
    let mut lines = Vec::new();
    for mbx in layout
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::MessageBox)
    {
        let Some(g) = lab.session.world.group(&mbx.group) else {
            continue;
        };
        for n in layout.nodes.iter().filter(|n| n.group == mbx.group) {
            let subscribed = owner_of(n).is_some_and(|o| {
                g.messagebox
                    .state()
                    .services
                    .get(&o)
                    .is_some_and(|s| s.state != ServiceState::Unenlisted)
            });
            if n.kind == NodeKind::Location || subscribed {
                lines.push(html! {
                    <line class="edge" x1={f(n.x)} y1={f(n.y)} x2={f(mbx.x)} y2={f(mbx.y)} />
                });
            }
        }
    }
    html! { <g class="edges" aria-hidden="true">{ for lines }</g> }
}
