//! What a lesson step shows when it opens: where the canvas looks (one group, or everything) and what
//! the side panel opens (the Inspector on the item the step is about, the Group Hub on its group,
//! Compose). Most of it follows from the step's own data, the `highlight` and the goal's group and
//! subscriber; the table below says it for the steps where that is not enough.

use super::{Goal, Lesson, Step, Who};
use messagebox_engine::messagebox::Owner;

/// Where the canvas looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// Every group (the fitted view).
    All,
    /// One group's region.
    Group(&'static str),
}

/// What the side panel opens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Open {
    /// The panel stays as it is.
    Nothing,
    Compose,
    /// The Group Hub on this group.
    GroupHub(&'static str),
    /// The Inspector on the group (its administration: applications, ports, the link).
    Group(&'static str),
    /// The Inspector on an orchestration or send port (if it exists yet; else on its group).
    Service(&'static str, Who),
    /// The Inspector on a receive location.
    Location(&'static str, &'static str),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Focus {
    pub look: Look,
    pub open: Open,
}

const SEA: &str = super::SEA;
const DUB: &str = super::DUB;

/// Steps whose focus the step's data does not say well enough: (lesson id, step index, focus).
const TABLE: &[(&str, usize, Focus)] = &[
    // Submit first: Written-SP has no copy to inspect until an order has run.
    (
        "promoted-vs-written",
        1,
        Focus {
            look: Look::Group(SEA),
            open: Open::Compose,
        },
    ),
    // The cable order starts in Seattle and crosses the link: watch both groups.
    (
        "routing-failures",
        1,
        Focus {
            look: Look::All,
            open: Open::GroupHub(DUB),
        },
    ),
    // Unenlist the OrderManager first (after its order finished), then submit.
    (
        "stopped-vs-unenlisted",
        3,
        Focus {
            look: Look::Group(SEA),
            open: Open::Service(SEA, Who::Orchestration("OrderManager")),
        },
    ),
    // Export from Seattle, import into Dublin: both groups, starting with Seattle's panel.
    (
        "moving-the-manager",
        0,
        Focus {
            look: Look::All,
            open: Open::Group(SEA),
        },
    ),
    (
        "moving-the-manager",
        1,
        Focus {
            look: Look::All,
            open: Open::Group(SEA),
        },
    ),
    (
        "moving-the-manager",
        2,
        Focus {
            look: Look::All,
            open: Open::Group(SEA),
        },
    ),
    (
        "moving-the-manager",
        3,
        Focus {
            look: Look::All,
            open: Open::Group(DUB),
        },
    ),
    // The link's Cut button is in a group's panel.
    (
        "bridge-breaks",
        0,
        Focus {
            look: Look::All,
            open: Open::Group(SEA),
        },
    ),
    // Restore the link, then resume in Seattle's Group Hub; the order goes on to Dublin.
    (
        "bridge-breaks",
        2,
        Focus {
            look: Look::All,
            open: Open::GroupHub(SEA),
        },
    ),
    (
        "bridge-breaks",
        3,
        Focus {
            look: Look::Group(DUB),
            open: Open::Location(DUB, "DUB-FromSEA-CableOrder-RL"),
        },
    ),
    // Each convoy step starts with submitting the same order again.
    (
        "convoys",
        1,
        Focus {
            look: Look::Group(SEA),
            open: Open::Compose,
        },
    ),
    (
        "convoys",
        2,
        Focus {
            look: Look::Group(SEA),
            open: Open::Compose,
        },
    ),
];

/// The focus of a lesson's step: the table's, else derived from the step.
pub fn focus(lesson: &Lesson, step: usize) -> Option<Focus> {
    let s = lesson.steps.get(step)?;
    Some(
        TABLE
            .iter()
            .find(|(id, i, _)| *id == lesson.id && *i == step)
            .map(|(_, _, f)| *f)
            .unwrap_or_else(|| derived(s)),
    )
}

/// The focus a step's own data gives: its highlight names a group, the MessageBox, a panel or the
/// whole canvas; its goal names the group and the subscriber.
pub fn derived(step: &Step) -> Focus {
    let groups = groups(&step.goal);
    let who = subscribers(&step.goal).into_iter().next();
    let one_group = match groups.as_slice() {
        [g] => Some(*g),
        _ => None,
    };
    let highlighted_group = step
        .highlight
        .strip_prefix("group-")
        .or_else(|| step.highlight.strip_prefix("messagebox-"))
        .and_then(|g| [SEA, DUB].into_iter().find(|k| *k == g));
    let look = match (step.highlight, highlighted_group, one_group) {
        ("canvas", _, _) => Look::All,
        (_, Some(g), _) => Look::Group(g),
        (_, None, Some(g)) => Look::Group(g),
        _ => Look::All,
    };
    let group = highlighted_group.or(one_group);
    let inspect = || match (who, group) {
        (Some((g, w)), _) => Open::Service(g, w),
        (None, Some(g)) => Open::Group(g),
        (None, None) => Open::Nothing,
    };
    let open = match step.highlight {
        "compose-form" => Open::Compose,
        "group-hub" => group.map_or(Open::Nothing, Open::GroupHub),
        "inspector" | "filter-editor" => inspect(),
        h if h.starts_with("group-") => inspect(),
        _ => Open::Nothing,
    };
    Focus { look, open }
}

/// The groups a goal names, in order, each once.
pub fn groups(goal: &Goal) -> Vec<&'static str> {
    let mut out = Vec::new();
    collect_groups(goal, &mut out);
    out
}

fn collect_groups(goal: &Goal, out: &mut Vec<&'static str>) {
    let group = match goal {
        Goal::Received { group }
        | Goal::Activated { group, .. }
        | Goal::Published { group, .. }
        | Goal::Copies { group, .. }
        | Goal::Delivered { group, .. }
        | Goal::Held { group, .. }
        | Goal::RoutingFailure { group }
        | Goal::PublishFailed { group, .. }
        | Goal::ServiceIs { group, .. }
        | Goal::FilterMentions { group, .. }
        | Goal::Application { group, .. }
        | Goal::TransmitRetried { group }
        | Goal::TransmissionSuspended { group }
        | Goal::ConvoyMatched { group }
        | Goal::Logged { group, .. }
        | Goal::PublishedWith { group, .. }
        | Goal::NoneRunning { group, .. }
        | Goal::PassThru { group } => *group,
        Goal::BridgeCreated | Goal::LinkUp { .. } => return,
        Goal::Not(inner) => return collect_groups(inner, out),
        Goal::All(goals) => {
            for g in goals {
                collect_groups(g, out);
            }
            return;
        }
    };
    if !out.contains(&group) {
        out.push(group);
    }
}

/// The subscribers a goal names (orchestrations and send ports), with their group, in order, each
/// once: the lines of the MessageBox's table a step is about.
pub fn subscribers(goal: &Goal) -> Vec<(&'static str, Who)> {
    let mut out = Vec::new();
    collect_subscribers(goal, &mut out);
    out
}

fn collect_subscribers(goal: &Goal, out: &mut Vec<(&'static str, Who)>) {
    let named = match goal {
        Goal::Activated {
            group,
            orchestration,
            ..
        }
        | Goal::PublishFailed {
            group,
            orchestration,
        } => (*group, Who::Orchestration(orchestration)),
        Goal::Delivered { group, who }
        | Goal::Held { group, who }
        | Goal::ServiceIs { group, who, .. }
        | Goal::FilterMentions { group, who, .. } => (*group, *who),
        Goal::Not(inner) => return collect_subscribers(inner, out),
        Goal::All(goals) => {
            for g in goals {
                collect_subscribers(g, out);
            }
            return;
        }
        _ => return,
    };
    if !out.contains(&named) {
        out.push(named);
    }
}

/// The owners of the subscriptions a step is about, in `group`.
pub fn concerned_owners(step: &Step, group: &str) -> Vec<Owner> {
    subscribers(&step.goal)
        .into_iter()
        .filter(|(g, _)| *g == group)
        .map(|(_, w)| w.owner())
        .collect()
}
