//! The canvas's drawings: nodes by kind, the MessageBox's subscription table, WAN links, tokens and
//! the legend. Every label is text, so colour is never the only cue.

use crate::lab::explain_text::first_failure;
use crate::lab::layout::{table_order, Layout, Node, NodeKind, TABLE_ROWS};
use crate::lab::marks::Shape;
use crate::lab::tokens::TokenKind;
use crate::lab::Action;
use crate::lab::{Lab, Selection, Tab};
use messagebox_engine::message::MessageId;
use messagebox_engine::messagebox::{Owner, ServiceState, SubscriptionKind, SubscriptionState};
use messagebox_engine::world::config::Pipeline;
use messagebox_engine::world::{Group, Link};
use std::collections::BTreeMap;
use yew::prelude::*;

/// More tokens than this on one edge are drawn as one counter (when grouping is on).
const AGGREGATE_ABOVE: usize = 8;

fn f(v: f64) -> String {
    format!("{v:.1}")
}

pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

fn owner_of(n: &Node) -> Option<Owner> {
    Some(match n.kind {
        NodeKind::Orchestration => Owner::Orchestration(n.name.clone()),
        NodeKind::SendPort => Owner::SendPort(n.name.clone()),
        NodeKind::SendPortGroup => Owner::SendPortGroup(n.name.clone()),
        _ => return None,
    })
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

pub fn node_view(
    lab: &Lab,
    n: &Node,
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
    let (shape, label, status, badge): (Html, String, String, Option<String>) = match n.kind {
        NodeKind::Location => {
            let loc = g.location(&n.name).map(|(p, i)| &p.locations[i]);
            let enabled = loc.is_some_and(|l| l.enabled);
            if !enabled {
                class.push("off".into());
            }
            let pipeline = loc.map(|l| pipeline_name(l.pipeline)).unwrap_or_default();
            (
                html! { <path d={format!("M{} {} h118 l12 15 l-12 15 h-118 z", f(x - 65.0), f(y - 15.0))} /> },
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
            let badge = match (held, running) {
                (0, 0) => None,
                (0, r) => Some(format!("{r} running")),
                (h, _) => Some(format!("{h} waiting")),
            };
            let shape = match n.kind {
                NodeKind::Orchestration => html! {
                    <rect x={f(x - 80.0)} y={f(y - 17.0)} width="160" height="34" rx="12" />
                },
                NodeKind::SendPortGroup => html! {
                    <rect class="dashed" x={f(x - 65.0)} y={f(y - 16.0)} width="130" height="32" rx="3" />
                },
                _ => html! {
                    <path d={format!("M{} {} h118 l12 15 l-12 15 h-118 z", f(x - 65.0), f(y - 15.0))} />
                },
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
                format!("Host {}", clip(&n.name, 24)),
                if running { "running" } else { "stopped" }.into(),
                None,
            )
        }
    };
    let kind_word = match n.kind {
        NodeKind::Location => "Receive location",
        NodeKind::MessageBox => "",
        NodeKind::Suspended => "",
        NodeKind::Orchestration => "Orchestration",
        NodeKind::SendPort => "Send port",
        NodeKind::SendPortGroup => "Send port group",
        NodeKind::Host => "",
    };
    let aria = format!("{kind_word} {label}: {status}").trim().to_string();
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
    let text_y = if n.kind == NodeKind::MessageBox {
        y - 2.0
    } else {
        y + 1.0
    };
    html! {
        <g class={classes!(class)} tabindex="0" role="button" aria-label={aria.clone()}
           data-testid={testid} data-node={n.key.clone()} {onpointerdown} {onkeydown} {onclick}>
            <title>{ aria }</title>
            { shape }
            <text class="node-label" x={f(x)} y={f(text_y)}>{ clip(&label, 22) }</text>
            <text class="node-status" x={f(x)} y={f(text_y + 11.0)}>{ clip(&status, 30) }</text>
            if let Some(b) = badge {
                <g class="badge">
                    <rect x={f(x + 34.0)} y={f(y - 27.0)} width="62" height="14" rx="7" />
                    <text x={f(x + 65.0)} y={f(y - 17.0)}>{ b }</text>
                </g>
            }
        </g>
    }
}

/// The MessageBox's activation subscriptions; after an evaluation, which matched and why the others
/// did not (the engine's Explain, first failing predicate).
pub fn subscription_table(lab: &Lab, mbx: &Node) -> Html {
    let Some(g) = lab.session.world.group(&mbx.group) else {
        return html! {};
    };
    let mb = &g.messagebox;
    let recent = lab
        .evaluations
        .get(&mbx.group)
        .filter(|(_, at)| lab.now - at < 4000.0 / lab.speed().max(0.25));
    // The message may have finished and left the live state already: the world also looks in the archive.
    let explanation = recent.and_then(|(id, _)| {
        let e = lab
            .session
            .world
            .explain_activation(&mbx.group, MessageId(*id))?;
        Some((*id, e))
    });
    let subs: Vec<_> = mb
        .state()
        .subscriptions
        .values()
        .filter(|s| s.kind == SubscriptionKind::Activation)
        .collect();
    let instance_subs = mb.state().subscriptions.len() - subs.len();
    let (x0, y0) = (mbx.x - 92.0, mbx.y + 44.0);
    let title = match &explanation {
        Some((id, _)) => format!("Evaluating message #{id}"),
        None => "Activation subscriptions".into(),
    };
    let explained = |id| {
        explanation
            .as_ref()
            .and_then(|(_, all)| all.iter().find(|e| e.subscription == id))
    };
    // The lines the step or the message is about come first, so "+N more" never hides them.
    let order = table_order(
        &subs
            .iter()
            .map(|s| (s.owner.clone(), explained(s.id).map(|e| e.matched)))
            .collect::<Vec<_>>(),
        &lab.concerned_owners(&mbx.group),
    );
    let rows = order.iter().take(TABLE_ROWS).enumerate().map(|(i, &k)| {
        let s = subs[k];
        let e = explained(s.id);
        let (class, mark, why) = match e {
            Some(e) if e.matched => ("hit", "✓", String::new()),
            Some(e) => (
                "miss",
                "✗",
                first_failure(e, mb.schema()).unwrap_or_default(),
            ),
            None => ("", "·", String::new()),
        };
        let y = y0 + 30.0 + i as f64 * 15.0;
        let text = if why.is_empty() {
            format!("{mark} {} ({})", s.owner.name(), subscription_state(s.state))
        } else {
            format!("{mark} {}: {why}", s.owner.name())
        };
        html! {
            <text class={classes!("sub-row", class)} x={f(x0 + 6.0)} y={f(y)} data-testid="mb-subscription">
                <title>{ text.clone() }</title>
                { clip(&text, 33) }
            </text>
        }
    });
    let more = subs.len().saturating_sub(TABLE_ROWS);
    let height = 40.0 + subs.len().min(TABLE_ROWS) as f64 * 15.0;
    let clip_id = format!(
        "sub-table-{}",
        mbx.group.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    html! {
        <g class="sub-table" aria-label={title.clone()}>
            // Every line stays inside the box, whatever its length (the whole line is its tooltip).
            <clipPath id={clip_id.clone()}>
                <rect x={f(x0)} y={f(y0)} width="184" height={f(height)} rx="4" />
            </clipPath>
            <rect x={f(x0)} y={f(y0)} width="184" height={f(height)} rx="4" />
            <g clip-path={format!("url(#{clip_id})")}>
                <text class="sub-title" x={f(x0 + 6.0)} y={f(y0 + 14.0)}>{ title }</text>
                { for rows }
                <text class="sub-more" x={f(x0 + 6.0)} y={f(y0 + height - 4.0)}>
                    <title>{ "Every subscription is listed in the Subscriptions tab." }</title>
                    { format!("{}{instance_subs} instance subscriptions",
                        if more > 0 { format!("+{more} more · ") } else { String::new() }) }
                </text>
            </g>
        </g>
    }
}

pub fn link_line(layout: &Layout, link: &Link) -> Html {
    let (Some(a), Some(b)) = (layout.region(&link.a), layout.region(&link.b)) else {
        return html! {};
    };
    let (left, right) = if a.x <= b.x { (a, b) } else { (b, a) };
    let (x1, y1) = (left.x + left.width, left.y + 80.0);
    let (x2, y2) = (right.x, right.y + 80.0);
    let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
    let label = format!(
        "WAN {} ms{}",
        link.latency_ms,
        if link.up { "" } else { " · CUT" }
    );
    html! {
        <g class={classes!("link", (!link.up).then_some("cut"))} data-testid={format!("link-{}-{}", link.a, link.b)}>
            <title>{ format!("WAN link {} – {}: {label}", link.a, link.b) }</title>
            if link.up {
                <line x1={f(x1)} y1={f(y1)} x2={f(x2)} y2={f(y2)} />
            } else {
                <>
                    <line x1={f(x1)} y1={f(y1)} x2={f(mx - 10.0)} y2={f(my)} />
                    <line x1={f(mx + 10.0)} y1={f(my)} x2={f(x2)} y2={f(y2)} />
                </>
            }
            <text x={f(mx)} y={f(my - 8.0)}>{ label }</text>
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
}

pub fn token_views(
    lab: &Lab,
    layout: &Layout,
    reduced_motion: bool,
    on: Callback<Action>,
) -> TokenLayers {
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
        let a = layout.node(from)?;
        let (bx, by) = match to {
            Some(k) => layout.node(k).map(|b| (b.x, b.y))?,
            None => (a.x + 95.0, a.y),
        };
        Some((a.x + (bx - a.x) * p, a.y + (by - a.y) * p))
    };
    let mut out = Vec::new();
    let mut labels = Vec::new();
    for ((from, to), tokens) in &buckets {
        if lab.aggregate && tokens.len() > AGGREGATE_ABOVE {
            let p = tokens.iter().map(|(_, p)| p).sum::<f64>() / tokens.len() as f64;
            if let Some((x, y)) = point(from, to, p) {
                out.push(html! {
                    <g class="token-counter" transform={format!("translate({},{})", f(x), f(y))}
                       data-testid="token-counter" aria-label={format!("{} messages on this edge", tokens.len())}>
                        <circle r="13" />
                        <text y="4">{ format!("×{}", tokens.len()) }</text>
                    </g>
                });
            }
            continue;
        }
        // Copies on one edge fan out across it, so each stays visible and clickable.
        let spread = (tokens.len() as f64 - 1.0) * 8.0;
        for (k, (i, p)) in tokens.iter().enumerate() {
            let t = &lab.tokens[*i];
            let Some((x, y)) = point(from, to, *p) else {
                continue;
            };
            let y = y + k as f64 * 16.0 - spread;
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
                   transform={format!("translate({},{})", f(x), f(y))}
                   data-testid="message-token" data-message={t.message.0.to_string()} data-kind={kind}
                   data-to={t.to.clone().unwrap_or_default()}
                   aria-label={format!("message #{} {}", t.message.0, t.mark.label)}
                   onpointerdown={on.reform(move |e: PointerEvent| { e.stop_propagation(); Action::Select(select.clone()) })}>
                    <title>{ format!("Message #{} {}", t.message.0, t.mark.label) }</title>
                    { shape_view(t.mark.shape) }
                </g>
            });
            labels.push(html! {
                <text class="token-label" x={f(x + 13.0)} y={f(y + 4.0)}>{ clip(&t.mark.label, 16) }</text>
            });
        }
    }
    TokenLayers {
        labels: html! { <g class="token-labels" aria-hidden="true">{ for labels }</g> },
        shapes: html! { <g class="tokens">{ for out }</g> },
    }
}

pub fn legend(y: f64) -> Html {
    let items = [
        (Shape::Envelope, "mark-none", "order request"),
        (
            Shape::Circle,
            "mark-cable",
            "routing message, marked CABLEORDER",
        ),
        (Shape::Circle, "mark-vip", "marked VIPORDER"),
        (Shape::Circle, "mark-broadband", "marked BROADBANDORDER"),
        (Shape::Triangle, "mark-none", "ack / reply"),
        (Shape::Diamond, "mark-none", "other message"),
    ];
    let mut x = 30.0;
    let views = items.iter().map(|(shape, class, text)| {
        let at = x;
        x += 40.0 + text.len() as f64 * 6.2;
        html! {
            <g class={classes!("token", *class)} transform={format!("translate({},{})", f(at), f(y))}>
                { shape_view(*shape) }
                <text class="legend-text" x="14" y="4">{ *text }</text>
            </g>
        }
    });
    html! { <g class="legend" aria-label="Legend">{ for views }</g> }
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
