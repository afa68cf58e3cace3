//! Goals: predicates over the engine's state and the events since a step began. A step is done only
//! when its goal holds in the engine, never because something was clicked.

use crate::lab::marks::{context_value, message_mark};
use messagebox_engine::message::MessageId;
use messagebox_engine::messagebox::{Event, Owner, ServiceState};
use messagebox_engine::world::{ExceptionKind, Traced, TransmissionState, World, WorldEvent};

/// A subscriber named in a goal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Who {
    Orchestration(&'static str),
    SendPort(&'static str),
}

impl Who {
    pub fn owner(self) -> Owner {
        match self {
            Who::Orchestration(n) => Owner::Orchestration(n.into()),
            Who::SendPort(n) => Owner::SendPort(n.into()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Goal {
    /// A receive location in `group` published a message.
    Received { group: &'static str },
    /// An instance of `orchestration` in `group` was activated by a message marked `mark` (any mark if
    /// None).
    Activated {
        group: &'static str,
        orchestration: &'static str,
        mark: Option<&'static str>,
    },
    /// A message marked `mark` was published in `group`.
    Published {
        group: &'static str,
        mark: &'static str,
    },
    /// One published message was delivered to at least `copies` subscribers.
    Copies { group: &'static str, copies: usize },
    /// A message was delivered to `who` in `group`.
    Delivered { group: &'static str, who: Who },
    /// A message waits for `who`, which is stopped.
    Held { group: &'static str, who: Who },
    /// A routing failure report was made in `group` (a messaging publish with no subscriber).
    RoutingFailure { group: &'static str },
    /// An orchestration's publish found no subscriber (the RoutingFailureException of domain.md 1.9).
    PublishFailed {
        group: &'static str,
        orchestration: &'static str,
    },
    /// `who` exists in `group` and is in `state`.
    ServiceIs {
        group: &'static str,
        who: Who,
        state: ServiceState,
    },
    /// `who`'s own filter, as text, mentions `text`.
    FilterMentions {
        group: &'static str,
        who: Who,
        text: &'static str,
    },
    /// The application is (or is not) deployed in `group`.
    Application {
        group: &'static str,
        name: &'static str,
        present: bool,
    },
    /// A bridge was created.
    BridgeCreated,
    /// The WAN link is up or cut.
    LinkUp { up: bool },
    /// A send port's transport failed and will retry.
    TransmitRetried { group: &'static str },
    /// A send port's transmission was suspended after its retries.
    TransmissionSuspended { group: &'static str },
    /// A convoy match went to a running instance in `group`.
    ConvoyMatched { group: &'static str },
    /// An orchestration in `group` wrote an event-log entry containing `text`.
    Logged {
        group: &'static str,
        text: &'static str,
    },
    /// A message was published in `group` whose context has `property` (by its short name) = `value`.
    PublishedWith {
        group: &'static str,
        property: &'static str,
        value: &'static str,
    },
    /// The goal does not hold.
    Not(Box<Goal>),
    /// A receive location in `group` uses the PassThru pipeline.
    PassThru { group: &'static str },
    /// No instance of `orchestration` is running in `group` (every one has finished).
    NoneRunning {
        group: &'static str,
        orchestration: &'static str,
    },
    /// Every one of these.
    All(Vec<Goal>),
}

fn mark_is(world: &World, group: &str, message: MessageId, mark: Option<&str>) -> bool {
    let Some(want) = mark else { return true };
    world
        .find_message(group, message)
        .is_some_and(|m| message_mark(m).label == want)
}

impl Goal {
    /// Whether the goal holds, counting only `events` (those since the step began).
    pub fn holds(&self, world: &World, events: &[Traced]) -> bool {
        let in_group = |group: &'static str| events.iter().filter(move |t| t.group == group);
        let service = |group: &str, who: Who| {
            world
                .group(group)
                .and_then(|g| g.messagebox.state().services.get(&who.owner()))
        };
        match self {
            Goal::Received { group } => {
                in_group(group).any(|t| matches!(t.event, WorldEvent::Received { .. }))
            }
            Goal::Activated {
                group,
                orchestration,
                mark,
            } => in_group(group).any(|t| match &t.event {
                WorldEvent::MessageBox {
                    event: Event::InstanceActivated { owner, message, .. },
                } => owner.name() == *orchestration && mark_is(world, group, *message, *mark),
                _ => false,
            }),
            Goal::Published { group, mark } => in_group(group).any(|t| match &t.event {
                WorldEvent::MessageBox {
                    event: Event::Published { message, .. },
                } => mark_is(world, group, *message, Some(mark)),
                _ => false,
            }),
            Goal::Copies { group, copies } => {
                let mut delivered: std::collections::BTreeMap<u64, usize> = Default::default();
                for t in in_group(group) {
                    if let WorldEvent::MessageBox {
                        event: Event::Delivered { message, .. },
                    } = &t.event
                    {
                        *delivered.entry(message.0).or_default() += 1;
                    }
                }
                delivered.values().any(|n| n >= copies)
            }
            Goal::Delivered { group, who } => in_group(group).any(|t| match &t.event {
                WorldEvent::MessageBox {
                    event: Event::Delivered { owner, .. },
                } => *owner == who.owner(),
                _ => false,
            }),
            Goal::Held { group, who } => in_group(group).any(|t| match &t.event {
                WorldEvent::MessageBox {
                    event: Event::Held { owner, .. },
                } => *owner == who.owner(),
                _ => false,
            }),
            Goal::RoutingFailure { group } => in_group(group).any(|t| {
                matches!(
                    t.event,
                    WorldEvent::MessageBox {
                        event: Event::RoutingFailed { .. }
                    }
                )
            }),
            Goal::PublishFailed {
                group,
                orchestration,
            } => {
                let instances: Vec<_> = world
                    .all_runs(group)
                    .into_iter()
                    .filter(|r| r.orchestration == *orchestration)
                    .map(|r| r.id)
                    .collect();
                in_group(group).any(|t| match &t.event {
                    WorldEvent::ExceptionThrown {
                        instance,
                        exception,
                        ..
                    } => {
                        *exception == ExceptionKind::RoutingFailure && instances.contains(instance)
                    }
                    _ => false,
                })
            }
            Goal::ServiceIs { group, who, state } => {
                service(group, *who).is_some_and(|s| s.state == *state)
            }
            Goal::FilterMentions { group, who, text } => world
                .group(group)
                .and_then(|g| {
                    let filter = crate::lab::filter_edit::own_filter(&g.messagebox, &who.owner())?;
                    Some(
                        filter
                            .to_orchestration(g.messagebox.schema())
                            .contains(text),
                    )
                })
                .unwrap_or(false),
            Goal::Application {
                group,
                name,
                present,
            } => {
                world
                    .group(group)
                    .is_some_and(|g| g.applications.iter().any(|a| a.name == *name))
                    == *present
            }
            Goal::BridgeCreated => events
                .iter()
                .any(|t| matches!(t.event, WorldEvent::BridgeCreated { .. })),
            Goal::LinkUp { up } => world.links.iter().all(|l| l.up == *up),
            Goal::TransmitRetried { group } => in_group(group).any(|t| {
                matches!(
                    t.event,
                    WorldEvent::TransmitFailed {
                        retry_at: Some(_),
                        ..
                    }
                )
            }),
            Goal::TransmissionSuspended { group } => {
                in_group(group).any(|t| matches!(t.event, WorldEvent::TransmissionSuspended { .. }))
            }
            Goal::ConvoyMatched { group } => in_group(group).any(|t| {
                matches!(
                    t.event,
                    WorldEvent::MessageBox {
                        event: Event::ConvoyMatched { .. }
                    }
                )
            }),
            Goal::Logged { group, text } => in_group(group).any(|t| match &t.event {
                WorldEvent::Logged { text: logged, .. } => logged.contains(text),
                _ => false,
            }),
            Goal::PassThru { group } => world.group(group).is_some_and(|g| {
                g.receive_ports
                    .iter()
                    .flat_map(|p| &p.locations)
                    .any(|l| l.pipeline == messagebox_engine::world::config::Pipeline::PassThru)
            }),
            Goal::PublishedWith {
                group,
                property,
                value,
            } => in_group(group).any(|t| match &t.event {
                WorldEvent::MessageBox {
                    event: Event::Published { message, .. },
                } => world
                    .find_message(group, *message)
                    .is_some_and(|m| context_value(m, property).as_deref() == Some(*value)),
                _ => false,
            }),
            Goal::NoneRunning {
                group,
                orchestration,
            } => running(world, group, orchestration) == 0,
            Goal::Not(goal) => !goal.holds(world, events),
            Goal::All(goals) => goals.iter().all(|g| g.holds(world, events)),
        }
    }
}

/// How many instances of `orchestration` are running in `group` (BizTalk will not unenlist it until none).
pub fn running(world: &World, group: &str, orchestration: &str) -> usize {
    world.group(group).map_or(0, |g| {
        g.messagebox
            .state()
            .instances
            .values()
            .filter(|i| i.active && i.owner == Owner::Orchestration(orchestration.into()))
            .count()
    })
}

impl Goal {
    /// Whether the goal can only come true as the run advances (something must be routed, delivered,
    /// retried or logged), rather than at once from the learner's own action. Such a step's narration
    /// must say to press Play or Step.
    pub fn needs_run(&self) -> bool {
        match self {
            Goal::Activated { .. }
            | Goal::Published { .. }
            | Goal::Copies { .. }
            | Goal::Delivered { .. }
            | Goal::Held { .. }
            | Goal::RoutingFailure { .. }
            | Goal::PublishFailed { .. }
            | Goal::TransmitRetried { .. }
            | Goal::TransmissionSuspended { .. }
            | Goal::ConvoyMatched { .. }
            | Goal::Logged { .. }
            | Goal::PublishedWith { .. }
            | Goal::NoneRunning { .. } => true,
            // A submit is received at once; admin, filters, applications, links and pipelines change
            // as the learner acts. "Not" holds until something happens, so it never waits.
            Goal::Received { .. }
            | Goal::ServiceIs { .. }
            | Goal::FilterMentions { .. }
            | Goal::Application { .. }
            | Goal::BridgeCreated
            | Goal::LinkUp { .. }
            | Goal::PassThru { .. }
            | Goal::Not(_) => false,
            Goal::All(goals) => goals.iter().any(Goal::needs_run),
        }
    }

    /// The state a waiting goal watches, in words, for the panel to show while the run goes on (None
    /// when the goal's own text says it all).
    pub fn watch(&self, world: &World) -> Option<String> {
        match self {
            Goal::NoneRunning {
                group,
                orchestration,
            } => {
                let n = running(world, group, orchestration);
                Some(match n {
                    0 => format!("No {orchestration} instance is running in {group} now."),
                    1 => format!("1 {orchestration} instance is still running in {group}."),
                    n => format!("{n} {orchestration} instances are still running in {group}."),
                })
            }
            Goal::TransmissionSuspended { group } => {
                let g = world.group(group)?;
                let retrying = g.transmissions.values().find_map(|t| match t.state {
                    TransmissionState::Retrying { next_at } => {
                        Some((t.port.clone(), t.attempt, next_at))
                    }
                    _ => None,
                });
                Some(match retrying {
                    Some((port, attempt, next_at)) => format!(
                        "{port} has failed {}; next retry at {} (virtual time now {}).",
                        match attempt {
                            1 => "once".to_string(),
                            n => format!("{n} times"),
                        },
                        clock(next_at),
                        clock(world.now())
                    ),
                    None => format!("Virtual time now {}.", clock(world.now())),
                })
            }
            Goal::All(goals) => {
                let parts: Vec<String> = goals.iter().filter_map(|g| g.watch(world)).collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            }
            _ => None,
        }
    }
}

/// Virtual milliseconds as m:ss.
fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}
