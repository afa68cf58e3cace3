//! Message tokens: the engine's events of one step turned into moves along the canvas's edges. A token
//! knows the nodes it travels between (by key, so a dragged node takes its tokens along), when it
//! starts on the animation clock, and how long it takes. The engine decides every route; this only
//! draws what it reported.

use super::layout::{node_key, owner_key, NodeKind};
use super::marks::{mark_of, Mark};
use messagebox_engine::message::MessageId;
use messagebox_engine::messagebox::{Event, Publisher};
use messagebox_engine::world::{Traced, World, WorldEvent};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Into or out of the MessageBox.
    Route,
    /// Into the suspended queue: a routing failure.
    Failed,
    /// To a stopped subscriber, where it waits.
    Held,
    /// Across a WAN link to another group.
    Wire,
    /// Out of a send port to its endpoint.
    Out,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub group: String,
    pub message: MessageId,
    pub from: String,
    /// A node key, or None for "off the region's right edge" (a send port's endpoint).
    pub to: Option<String>,
    pub start: f64,
    pub duration: f64,
    pub kind: TokenKind,
    pub mark: Mark,
    /// The publishing orchestration set the mark: it carries one out and does not subscribe by mark
    /// (the OrderBroker, not the managers that pass a marked order on).
    pub marking: bool,
}

impl Token {
    /// How far along its edge the token is at animation time `now`: None before it starts or after
    /// it arrived.
    pub fn progress(&self, now: f64) -> Option<f64> {
        let p = (now - self.start) / self.duration;
        (0.0..=1.0).contains(&p).then_some(p)
    }

    pub fn end(&self) -> f64 {
        self.start + self.duration
    }
}

/// Whether an orchestration's activation subscription tests the mark (`OrderMgrType`): such an
/// orchestration receives marked orders rather than marking them.
fn subscribes_by_mark(world: &World, group: &str, orchestration: &str) -> bool {
    use messagebox_engine::messagebox::{Owner, SubscriptionKind};
    let Some(g) = world.group(group) else {
        return false;
    };
    let owner = Owner::Orchestration(orchestration.to_string());
    g.messagebox.state().subscriptions.values().any(|s| {
        s.owner == owner
            && s.kind == SubscriptionKind::Activation
            && s.filter
                .predicates()
                .any(|p| p.property.name() == super::marks::MARK_NAME)
    })
}

/// The tokens for one step's events, starting at `start` and lasting `hop` each (a wire hop lasts in
/// proportion to the link's latency).
pub fn tokens_for(world: &World, events: &[Traced], start: f64, hop: f64) -> Vec<Token> {
    let mut out = Vec::new();
    // Messages published marked by the orchestration that marked them.
    let mut marked: Vec<(String, MessageId)> = Vec::new();
    for t in events {
        let g = t.group.as_str();
        let mbx = node_key(g, NodeKind::MessageBox, "MessageBox");
        let mut push = |message: MessageId, from: String, to: Option<String>, kind, duration| {
            let mark = mark_of(world, g, message);
            out.push(Token {
                marking: false,
                mark,
                group: g.to_string(),
                message,
                from,
                to,
                start,
                duration,
                kind,
            })
        };
        match &t.event {
            WorldEvent::Received { location, message } => push(
                *message,
                node_key(g, NodeKind::Location, location),
                Some(mbx),
                TokenKind::Route,
                hop,
            ),
            WorldEvent::MessageBox { event } => match event {
                Event::Published {
                    message,
                    publisher: Publisher::Orchestration { name },
                } => {
                    push(
                        *message,
                        node_key(g, NodeKind::Orchestration, name),
                        Some(mbx),
                        TokenKind::Route,
                        hop,
                    );
                    if mark_of(world, g, *message).class != "mark-none"
                        && !subscribes_by_mark(world, g, name)
                    {
                        marked.push((g.to_string(), *message));
                    }
                }
                Event::Delivered { message, owner, .. } => push(
                    *message,
                    mbx,
                    Some(owner_key(g, owner)),
                    TokenKind::Route,
                    hop,
                ),
                Event::Held { message, owner, .. } => push(
                    *message,
                    mbx,
                    Some(owner_key(g, owner)),
                    TokenKind::Held,
                    hop,
                ),
                Event::RoutingFailed { message, .. } => push(
                    *message,
                    mbx,
                    Some(node_key(g, NodeKind::Suspended, "Suspended queue")),
                    TokenKind::Failed,
                    hop,
                ),
                _ => {}
            },
            WorldEvent::Transmitted { port, message, .. } => push(
                *message,
                node_key(g, NodeKind::SendPort, port),
                None,
                TokenKind::Out,
                hop,
            ),
            // The wire event names its port and message, so the token needs no earlier event.
            WorldEvent::WireSent {
                port,
                message,
                to,
                location,
                arrives_at,
            } if to != g => {
                let latency = arrives_at.saturating_sub(t.at) as f64;
                push(
                    *message,
                    node_key(g, NodeKind::SendPort, port),
                    Some(node_key(to, NodeKind::Location, location)),
                    TokenKind::Wire,
                    hop * (latency / 100.0).clamp(1.0, 4.0),
                )
            }
            _ => {}
        }
    }
    for t in &mut out {
        t.marking = t.from.contains("|orch|") && marked.contains(&(t.group.clone(), t.message));
    }
    // A message that crosses the wire is drawn on the link, not also off the port's edge.
    let wired: Vec<(String, MessageId)> = out
        .iter()
        .filter(|t| t.kind == TokenKind::Wire)
        .map(|t| (t.from.clone(), t.message))
        .collect();
    out.retain(|t| t.kind != TokenKind::Out || !wired.contains(&(t.from.clone(), t.message)));
    out
}
