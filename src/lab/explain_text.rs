//! The engine's explanations in words: a predicate with its short property name, what the message
//! had, and the first reason a subscription did not match.

use messagebox_engine::filter::{Op, Predicate};
use messagebox_engine::messagebox::{
    PredicateExplanation, Seen, SubscriptionExplanation, SubscriptionState,
};
use messagebox_engine::property::PropertySchema;

/// `Microsoft.Samples.BizTalk.SouthridgeVideo.Schemas.Status` as `SV.Status`, through the schema's
/// namespace aliases.
pub fn short_name(full: &str, schema: &PropertySchema) -> String {
    for alias in schema.aliases() {
        if let Some(rest) = full.strip_prefix(&alias.full) {
            if let Some(name) = rest.strip_prefix('.') {
                return format!("{}.{name}", alias.short);
            }
        }
    }
    full.to_string()
}

pub fn predicate_text(p: &Predicate, schema: &PropertySchema) -> String {
    let name = short_name(&p.property.to_string(), schema);
    match (&p.op, &p.value) {
        (Op::Exists, _) => format!("{name} exists"),
        (op, Some(v)) => format!("{name} {} {v}", op.symbol()),
        (op, None) => format!("{name} {}", op.symbol()),
    }
}

pub fn seen_text(seen: &Seen) -> String {
    match seen {
        Seen::Promoted(v) => format!("promoted {v}"),
        Seen::WrittenNotPromoted(v) => format!("written, not promoted: {v}"),
        Seen::Absent => "absent".to_string(),
    }
}

/// One line for a predicate: what it asks and what the message had.
pub fn predicate_line(p: &PredicateExplanation, schema: &PropertySchema) -> String {
    format!(
        "{} (had: {})",
        predicate_text(&p.predicate, schema),
        seen_text(&p.seen)
    )
}

/// What the inspector appends to a group or predicate the engine added to the subscriber's filter.
pub fn added_note(added_by_engine: bool) -> &'static str {
    if added_by_engine {
        " (added by BizTalk)"
    } else {
        ""
    }
}

pub fn subscription_state(state: SubscriptionState) -> &'static str {
    match state {
        SubscriptionState::Started => "started",
        SubscriptionState::Stopped => "stopped",
        SubscriptionState::Disabled => "disabled",
    }
}

/// Why a subscription did not match, in one line: its stopped or disabled state, else the first failing
/// predicate of its closest AND-group (the one with the fewest failures).
pub fn first_failure(e: &SubscriptionExplanation, schema: &PropertySchema) -> Option<String> {
    if e.matched {
        return None;
    }
    // A group the engine added (a send port's own transport id) always fails for a published message;
    // the user's groups say more. Among equally close groups the later (user-written) one wins.
    let closest = e
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| e.groups.len() == 1 || !g.added_by_engine)
        .min_by_key(|(i, g)| {
            (
                g.predicates.iter().filter(|p| !p.holds).count(),
                usize::MAX - i,
            )
        })?
        .1;
    let failing = closest.predicates.iter().find(|p| !p.holds)?;
    Some(predicate_line(failing, schema))
}
