//! The subscription query, as the Administration console's: every subscription of a group with its
//! service, type, state, priority and filter, filtered by service name, property or value and sorted by
//! a column. Filtering reads the stored filters directly and only the rows shown are put into words, so
//! a group with 20,000 subscriptions stays quick.

use super::explain_text::{predicate_text, subscription_state};
use messagebox_engine::filter::{Op, Predicate};
use messagebox_engine::messagebox::{Owner, Subscription, SubscriptionKind};
use messagebox_engine::property::{bts, PropertySchema};
use messagebox_engine::world::Group;

/// At most this many rows are drawn; the count says how many matched.
pub const ROWS_SHOWN: usize = 500;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Column {
    #[default]
    Id,
    Service,
    Type,
    State,
    Priority,
}

/// What the search box looks in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    Anything,
    Service,
    Property,
    Value,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub search: String,
    pub scope: Scope,
    pub sort: Column,
    pub descending: bool,
}

impl Query {
    /// Sorting by the column already sorted by reverses it.
    pub fn sorted_by(&self, column: Column) -> Self {
        Self {
            descending: self.sort == column && !self.descending,
            sort: column,
            ..self.clone()
        }
    }
}

/// One subscription in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: u64,
    pub service: String,
    pub service_kind: &'static str,
    /// "Activation", or "Instance" with the instance's number.
    pub kind: String,
    pub state: &'static str,
    pub priority: u8,
    /// The subscriber's own filter: OR-groups of AND-ed predicates.
    pub filter: Vec<Vec<String>>,
    /// What BizTalk added: a send port's own id, an orchestration's message type.
    pub added: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub rows: Vec<Row>,
    /// How many subscriptions matched the search (the rows are the first `ROWS_SHOWN` of them).
    pub matched: usize,
    pub total: usize,
}

pub fn query(group: &Group, q: &Query) -> Answer {
    let schema = group.messagebox.schema();
    let subs = &group.messagebox.state().subscriptions;
    let needle = q.search.trim().to_lowercase();
    let mut hits: Vec<&Subscription> = subs
        .values()
        .filter(|s| needle.is_empty() || mentions(s, q.scope, &needle, schema))
        .collect();
    let key_type = |s: &Subscription| match s.kind {
        SubscriptionKind::Activation => (0, 0),
        SubscriptionKind::Instance(i) => (1, i.0),
    };
    match q.sort {
        Column::Id => hits.sort_by_key(|s| s.id.0),
        Column::Service => hits.sort_by(|a, b| {
            a.owner
                .name()
                .to_lowercase()
                .cmp(&b.owner.name().to_lowercase())
                .then(a.id.0.cmp(&b.id.0))
        }),
        Column::Type => hits.sort_by_key(|s| (key_type(s), s.id.0)),
        Column::State => hits.sort_by_key(|s| (subscription_state(s.state), s.id.0)),
        Column::Priority => hits.sort_by_key(|s| (s.priority, s.id.0)),
    }
    if q.descending {
        hits.reverse();
    }
    Answer {
        matched: hits.len(),
        total: subs.len(),
        rows: hits
            .into_iter()
            .take(ROWS_SHOWN)
            .map(|s| row(s, schema))
            .collect(),
    }
}

fn mentions(s: &Subscription, scope: Scope, needle: &str, schema: &PropertySchema) -> bool {
    let service = || s.owner.name().to_lowercase().contains(needle);
    let property = || {
        s.filter.predicates().any(|p| {
            let full = p.property.to_string();
            full.to_lowercase().contains(needle)
                || super::explain_text::short_name(&full, schema)
                    .to_lowercase()
                    .contains(needle)
        })
    };
    let value = || {
        s.filter.predicates().any(|p| {
            p.value
                .as_deref()
                .is_some_and(|v| v.to_lowercase().contains(needle))
        })
    };
    match scope {
        Scope::Anything => service() || property() || value(),
        Scope::Service => service(),
        Scope::Property => property(),
        Scope::Value => value(),
    }
}

fn row(s: &Subscription, schema: &PropertySchema) -> Row {
    let text = |p: &Predicate| predicate_text(p, schema);
    let (own, added) = split_added(s);
    Row {
        id: s.id.0,
        service: s.owner.name().to_string(),
        service_kind: match s.owner {
            Owner::Orchestration(_) => "orchestration",
            Owner::SendPort(_) => "send port",
            Owner::SendPortGroup(_) => "send port group",
        },
        kind: match s.kind {
            SubscriptionKind::Activation => "Activation".into(),
            SubscriptionKind::Instance(i) => format!("Instance {}", i.0),
        },
        state: subscription_state(s.state),
        priority: s.priority,
        filter: own
            .iter()
            .map(|g| g.iter().map(|p| text(p)).collect())
            .collect(),
        added: added.iter().map(|p| text(p)).collect(),
    }
}

/// Splits what BizTalk added to an activation subscription from the subscriber's own filter
/// (domain.md 1.6, 1.7): a send port's (group's) own-id group, and the message type an orchestration's
/// activating Receive appends to every group.
fn split_added(s: &Subscription) -> (Vec<Vec<&Predicate>>, Vec<&Predicate>) {
    let groups: Vec<Vec<&Predicate>> = s.filter.groups.iter().map(|g| g.iter().collect()).collect();
    if s.kind != SubscriptionKind::Activation {
        return (groups, Vec::new());
    }
    let identity = match &s.owner {
        Owner::SendPort(name) => Some((bts::SP_TRANSPORT_ID, name)),
        Owner::SendPortGroup(name) => Some((bts::SP_GROUP_ID, name)),
        Owner::Orchestration(_) => None,
    };
    if let Some((property, name)) = identity {
        let is_identity = |g: &Vec<&Predicate>| matches!(g.as_slice(), [p] if is(p, property) && p.value.as_deref() == Some(name.as_str()));
        let (added, own): (Vec<_>, Vec<_>) = groups.into_iter().partition(is_identity);
        return (own, added.into_iter().flatten().collect());
    }
    // An orchestration's message type closes every group, the same in each.
    fn last_type(g: &[&Predicate]) -> Option<Option<String>> {
        g.last()
            .filter(|p| is(p, bts::MESSAGE_TYPE))
            .map(|p| p.value.clone())
    }
    let shared = groups.first().and_then(|g| last_type(g));
    let every = shared.is_some() && groups.iter().all(|g| g.len() > 1 && last_type(g) == shared);
    if !every {
        return (groups, Vec::new());
    }
    let added = vec![*groups[0].last().expect("checked")];
    let own = groups
        .into_iter()
        .map(|mut g| {
            g.pop();
            g
        })
        .collect();
    (own, added)
}

fn is(p: &Predicate, property: &str) -> bool {
    p.op == Op::Eq && p.property.to_string() == property
}
