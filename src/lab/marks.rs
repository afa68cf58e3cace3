//! How a message looks: its mark (`OrderMgrType`, the order manager it is meant for) as label and colour,
//! and its message type as shape, so colour is never the only cue.

use messagebox_engine::message::{Message, MessageId};
use messagebox_engine::world::World;

/// The BPM's mark: `SV.OrderMgrType`, the order manager an order is meant for (domain.md 6.3).
pub const MARK_NAME: &str = "OrderMgrType";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Envelope,
    Circle,
    Diamond,
    Triangle,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// The mark, or the message type's root name when unmarked.
    pub label: String,
    /// A CSS class: `mark-cable`, `mark-vip`, `mark-broadband`, `mark-other`, `mark-none`.
    pub class: &'static str,
    pub shape: Shape,
}

/// The root element name of a message type (`ns#Root` gives `Root`).
pub fn root_name(message_type: &str) -> &str {
    message_type.rsplit('#').next().unwrap_or(message_type)
}

pub fn mark_class(mark: &str) -> &'static str {
    match mark {
        "CABLEORDER" => "mark-cable",
        "VIPORDER" => "mark-vip",
        "BROADBANDORDER" => "mark-broadband",
        _ => "mark-other",
    }
}

fn shape_of(root: &str) -> Shape {
    match root {
        "CSR_OrderRequest" | "" => Shape::Envelope,
        "Routing" => Shape::Circle,
        r if r.contains("Ack") || r.contains("Reply") => Shape::Triangle,
        _ => Shape::Diamond,
    }
}

/// A context property's value by its short name (`OrderMgrType`), whatever namespace alias names it.
pub fn context_value(message: &Message, name: &str) -> Option<String> {
    message
        .context()
        .iter()
        .find(|(n, _)| n.name() == name)
        .map(|(_, p)| p.value.to_string())
}

pub fn message_mark(message: &Message) -> Mark {
    let root = message
        .message_type()
        .map(|t| root_name(&t).to_string())
        .unwrap_or_default();
    let mark = context_value(message, MARK_NAME);
    match mark {
        Some(m) => Mark {
            class: mark_class(&m),
            label: m,
            shape: shape_of(&root),
        },
        None => Mark {
            label: if root.is_empty() {
                "message".into()
            } else {
                root.clone()
            },
            class: "mark-none",
            shape: shape_of(&root),
        },
    }
}

pub fn mark_of(world: &World, group: &str, id: MessageId) -> Mark {
    world
        .find_message(group, id)
        .map(message_mark)
        .unwrap_or(Mark {
            label: format!("#{}", id.0),
            class: "mark-none",
            shape: Shape::Envelope,
        })
}
