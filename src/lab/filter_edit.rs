//! The filter editor's logic: BizTalk-style rows and the orchestration text notation kept in sync
//! through the engine's one filter model, and a preview of which recent messages a filter would match.

use messagebox_engine::filter::{Filter, FilterRow, GroupBy, Op, Predicate};
use messagebox_engine::matcher::CompiledFilter;
use messagebox_engine::message::MessageId;
use messagebox_engine::messagebox::{explain_filter, MessageBox, Owner, ServiceDef};
use messagebox_engine::property::{bts, PropertyName};
use messagebox_engine::world::World;

/// How many of the latest published messages the preview checks.
pub const PREVIEW_SIZE: usize = 50;

/// Rows to a filter and its text; the error names the row and column.
pub fn rows_to_text(rows: &[FilterRow], mb: &MessageBox) -> Result<(Filter, String), String> {
    let filter = Filter::from_rows(rows, mb.schema()).map_err(|e| e.to_string())?;
    let text = filter.to_orchestration(mb.schema());
    Ok((filter, text))
}

/// Text (any notation) to a filter and its rows; the error names the position.
pub fn text_to_rows(text: &str, mb: &MessageBox) -> Result<(Filter, Vec<FilterRow>), String> {
    let filter = Filter::parse_any(text, mb.schema()).map_err(|e| e.to_string())?;
    let rows = filter.to_rows();
    Ok((filter, rows))
}

/// The subscriber's own filter (without the parts the engine adds: transport id, message type).
pub fn own_filter(mb: &MessageBox, owner: &Owner) -> Option<Filter> {
    Some(match &mb.state().services.get(owner)?.def {
        ServiceDef::SendPort(p) => p.filter.clone(),
        ServiceDef::SendPortGroup(g) => g.filter.clone(),
        ServiceDef::Orchestration(o) => o.activation_filter.clone(),
    })
}

/// The subscription the engine would make from `filter` for this owner's routing of published
/// messages: an orchestration's message type joins every AND-group.
fn as_subscribed(mb: &MessageBox, owner: &Owner, filter: &Filter) -> Filter {
    let message_type = match mb.state().services.get(owner).map(|s| &s.def) {
        Some(ServiceDef::Orchestration(o)) => o.message_type.clone(),
        _ => None,
    };
    let Some(t) = message_type else {
        return filter.clone();
    };
    let predicate = Predicate {
        property: PropertyName::parse(bts::MESSAGE_TYPE).expect("system name"),
        op: Op::Eq,
        value: Some(t),
    };
    if filter.is_empty() {
        return Filter {
            groups: vec![vec![predicate]],
        };
    }
    Filter {
        groups: filter
            .groups
            .iter()
            .map(|g| {
                let mut g = g.clone();
                g.push(predicate.clone());
                g
            })
            .collect(),
    }
}

/// Whether each of the latest published messages (newest first) would match this owner with `filter`.
pub fn preview(
    world: &World,
    group: &str,
    owner: &Owner,
    filter: &Filter,
) -> Vec<(MessageId, bool)> {
    let Some(mb) = world.group(group).map(|g| &g.messagebox) else {
        return Vec::new();
    };
    let full = as_subscribed(mb, owner, filter);
    let Ok(compiled) = CompiledFilter::compile(&full, mb.schema(), mb.state().collation) else {
        return Vec::new();
    };
    world
        .recent_messages(group, PREVIEW_SIZE)
        .into_iter()
        .map(|m| {
            let groups = explain_filter(
                &full,
                &compiled,
                m.context(),
                mb.schema(),
                mb.state().collation,
            );
            (m.id(), groups.iter().any(|g| g.matched))
        })
        .collect()
}

/// A blank row for the editor's "add row".
pub fn blank_row() -> FilterRow {
    FilterRow {
        property: String::new(),
        operator: "==".into(),
        value: String::new(),
        group_by: GroupBy::And,
    }
}

/// The property names a row can pick: the group's deployed schemas, shortest notation first.
pub fn property_names(mb: &MessageBox) -> Vec<String> {
    let mut names: Vec<String> = mb
        .schema()
        .iter()
        .map(|(_, def)| def.name.to_string())
        .collect();
    names.sort();
    names
}
