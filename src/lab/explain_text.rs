//! The engine's explanations and states in words: a predicate with its short property name, what the
//! message had, the first reason a subscription did not match, and every state the panels show, so no
//! debug text reaches the screen.

use messagebox_engine::filter::{Filter, Op, Predicate};
use messagebox_engine::messagebox::{
    Owner, PredicateExplanation, Seen, ServiceState, SubscriptionExplanation, SubscriptionKind,
    SubscriptionState, SuspendReason,
};
use messagebox_engine::orchestration::InstanceState;
use messagebox_engine::property::{PropertySchema, Value, XsdType};
use messagebox_engine::scenario::ApplicationSpec;
use messagebox_engine::world::config::Pipeline;
use messagebox_engine::world::{Group, Package, TransmissionState};

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

/// A predicate as a reader compares it: a string property's value in double quotes, a number bare, so
/// `BTS.RetryCount >= 10` is read as a number and `SV.Status == "ACCEPTED"` as text.
pub fn predicate_text(p: &Predicate, schema: &PropertySchema) -> String {
    let full = p.property.to_string();
    let name = short_name(&full, schema);
    let text_typed = schema
        .id(&full)
        .is_none_or(|id| schema.def(id).xsd == XsdType::String);
    match (&p.op, &p.value) {
        (Op::Exists, _) => format!("{name} exists"),
        (op, Some(v)) if text_typed => format!("{name} {} \"{v}\"", op.symbol()),
        (op, Some(v)) => format!("{name} {} {v}", op.symbol()),
        (op, None) => format!("{name} {}", op.symbol()),
    }
}

/// A context value as the predicate shows it: text quoted, numbers, booleans and dates bare.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Str(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

pub fn seen_text(seen: &Seen) -> String {
    match seen {
        Seen::Promoted(v) => format!("promoted {}", value_text(v)),
        Seen::WrittenNotPromoted(v) => format!("written, not promoted: {}", value_text(v)),
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

/// Why a reference waits in the suspended queue, in words.
pub fn suspend_reason(reason: SuspendReason) -> &'static str {
    match reason {
        SuspendReason::SubscriberStopped => "its subscriber is stopped",
        SuspendReason::RoutingFailure => "routing failure: no subscriber",
        SuspendReason::ActivationLoop => {
            "it would have activated the orchestration that published it"
        }
    }
}

/// An orchestration instance's state as the Group Hub names it, with its error or reason.
pub fn instance_state(state: &InstanceState) -> String {
    match state {
        InstanceState::Active => "active".into(),
        InstanceState::Waiting => "waiting for a message".into(),
        InstanceState::Dehydrated => "dehydrated (idle, saved to the database)".into(),
        InstanceState::SuspendedResumable { error } => with_detail("suspended (resumable)", error),
        InstanceState::SuspendedNotResumable { error } => {
            with_detail("suspended (not resumable)", error)
        }
        InstanceState::Completed => "completed".into(),
        InstanceState::Terminated { reason } => with_detail("terminated", reason),
    }
}

fn with_detail(state: &str, detail: &str) -> String {
    if detail.trim().is_empty() {
        state.to_string()
    } else {
        format!("{state}: {detail}")
    }
}

/// A send port's transmission (its messaging instance) in words; times as the app's clock shows them.
pub fn transmission_state(state: &TransmissionState) -> String {
    match state {
        TransmissionState::Pending => "due to be sent".into(),
        TransmissionState::Retrying { next_at } => {
            format!(
                "retrying: next attempt at {}",
                super::describe::clock(*next_at)
            )
        }
        TransmissionState::Queued => "waiting behind an earlier message (ordered delivery)".into(),
        TransmissionState::Suspended { resumable: true } => "suspended (resumable)".into(),
        TransmissionState::Suspended { resumable: false } => "suspended (not resumable)".into(),
        TransmissionState::Done => "sent".into(),
        TransmissionState::Terminated => "terminated".into(),
    }
}

/// What kind of subscription it is, and what a match does.
pub fn subscription_kind(kind: &SubscriptionKind) -> String {
    match kind {
        SubscriptionKind::Activation => "activation (each match starts a new instance)".into(),
        SubscriptionKind::Instance(i) => {
            format!("instance (matches go to the running instance {})", i.0)
        }
    }
}

/// A receive pipeline's name, as BizTalk spells it.
pub fn pipeline_name(pipeline: Pipeline) -> &'static str {
    match pipeline {
        Pipeline::XmlReceive => "XmlReceive",
        Pipeline::PassThru => "PassThru",
    }
}

/// A filter as a person reads it: in the orchestration notation, parsed from whichever notation it is
/// stored in (send-port rows, XML, text). What does not parse is shown as it is.
pub fn readable_filter(text: &str, schema: &PropertySchema) -> String {
    match Filter::parse_any(text, schema) {
        Ok(f) => f.to_orchestration(schema),
        Err(_) => text.to_string(),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        super::import_summary::thousands(n),
        if n == 1 { one } else { many }
    )
}

/// What a group holds, in one sentence, so two groups' panels cannot be mistaken for each other.
pub fn group_holdings(g: &Group) -> String {
    let state = g.messagebox.state();
    if g.applications.is_empty() && state.subscriptions.is_empty() {
        return format!(
            "{} holds nothing yet: no application and no subscription. Import an application package or \
             create a port below.",
            g.name
        );
    }
    let locations: usize = g.receive_ports.iter().map(|p| p.locations.len()).sum();
    let orchestrations = state
        .services
        .keys()
        .filter(|o| matches!(o, Owner::Orchestration(_)))
        .count();
    let hosts: Vec<String> = state
        .hosts
        .iter()
        .map(|(h, running)| format!("{h} ({})", if *running { "running" } else { "stopped" }))
        .collect();
    format!(
        "{} holds {}: {}, {}, {}; its MessageBox has {}. Host{}: {}.",
        g.name,
        count(g.applications.len(), "application", "applications"),
        count(orchestrations, "orchestration", "orchestrations"),
        count(g.send_ports.len(), "send port", "send ports"),
        count(locations, "receive location", "receive locations"),
        count(state.subscriptions.len(), "subscription", "subscriptions"),
        if hosts.len() == 1 { "" } else { "s" },
        if hosts.is_empty() {
            "none".to_string()
        } else {
            hosts.join(", ")
        },
    )
}

/// The subscribers an application deployed to a group.
fn owners_of(app: &ApplicationSpec) -> Vec<Owner> {
    app.send_ports
        .iter()
        .map(|p| Owner::SendPort(p.name.clone()))
        .chain(
            app.send_port_groups
                .iter()
                .map(|p| Owner::SendPortGroup(p.name.clone())),
        )
        .chain(
            app.orchestrations
                .iter()
                .map(|o| Owner::Orchestration(o.name.clone())),
        )
        .collect()
}

/// What Remove would do to an application, asked before it is done; None when there is nothing to ask:
/// the application is not in the group, or something of it is still enlisted, so the engine refuses
/// the removal with its reason and nothing changes.
/// What a Full stop of an application does (the console's "Full Stop - Terminate instances").
pub fn full_stop_question(application: &str) -> String {
    format!(
        "Full stop {application}? Its receive locations are disabled, its running instances are terminated, and its orchestrations and send ports are stopped and unenlisted: their subscriptions are removed, so messages for them fail to route until they are started again."
    )
}

pub fn remove_question(g: &Group, application: &str) -> Option<String> {
    let app = g.applications.iter().find(|a| a.name == application)?;
    let state = g.messagebox.state();
    let owners = owners_of(app);
    let enlisted = owners.iter().any(|o| {
        state
            .services
            .get(o)
            .is_some_and(|s| s.state != ServiceState::Unenlisted)
    });
    if enlisted {
        return None;
    }
    let locations: usize = app.receive_ports.iter().map(|p| p.locations.len()).sum();
    let parts: Vec<String> = [
        (app.orchestrations.len(), "orchestration", "orchestrations"),
        (app.send_ports.len(), "send port", "send ports"),
        (
            app.send_port_groups.len(),
            "send port group",
            "send port groups",
        ),
        (locations, "receive location", "receive locations"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| count(n, one, many))
    .collect();
    let what = match parts.as_slice() {
        [] => "It holds no port or orchestration; only its name leaves the group.".to_string(),
        [one] => format!("Its {one} leaves the group."),
        [init @ .., last] => format!("Its {} and {last} leave the group.", init.join(", ")),
    };
    Some(format!(
        "Remove {application} from {}? {what} To have it back, import its package again (Export saves \
         one).",
        g.name
    ))
}

/// What importing a package into a group that already has its application would do (BizTalk's import
/// rebinds: the package's bindings overwrite the group's), asked before it is done; None for a package
/// whose application the group does not have, which imports as new.
pub fn reimport_question(g: &Group, package: &Package) -> Option<String> {
    let app = &package.application;
    g.applications.iter().find(|a| a.name == app.name)?;
    let state = g.messagebox.state();
    let enlisted: Vec<&str> = app
        .send_ports
        .iter()
        .filter(|p| {
            state
                .services
                .get(&Owner::SendPort(p.name.clone()))
                .is_some_and(|s| s.state != ServiceState::Unenlisted)
        })
        .map(|p| p.name.as_str())
        .collect();
    let subscriptions = match enlisted.len() {
        0 => "No subscription changes: none of its send ports is enlisted.".to_string(),
        _ => format!(
            "The subscriptions of its {} ({}) are deleted and created again from the package's filters, \
             under new numbers.",
            count(enlisted.len(), "enlisted send port", "enlisted send ports"),
            enlisted.join(", ")
        ),
    };
    Some(format!(
        "{} already has {}. Importing it again overwrites its bindings with the package's: send port \
         filters, transports, retries and priorities, receive location addresses and pipelines, and \
         orchestration hosts. {subscriptions} Changes you made to those since the export are lost.",
        g.name, app.name
    ))
}
