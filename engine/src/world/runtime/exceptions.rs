//! Exceptions: what an instance can raise, how one unwinds to a scope's handler, and suspension when no
//! handler takes it (domain.md 1.9, 6).

use super::Flow;
use crate::messagebox::InstanceId;
use crate::orchestration::InstanceState;
use crate::world::{Cx, Group, WorldEvent};
use serde::{Deserialize, Serialize};

/// The exception a direct-bound send raises when nothing subscribes (domain.md 1.9).
pub const ROUTING_FAILURE: &str = "RoutingFailureException";
/// A runtime failure of an orchestration: an expression that cannot be evaluated, a message not built.
const XLANG: &str = "XLANGsException";
/// A correlation set that cannot be initialised or followed.
const CORRELATION: &str = "CorrelationException";

/// Which exception an event reports: one the engine raises, or one a program throws by name. Written as
/// its .NET name (`RoutingFailureException`, ...), so readers match a value, not a string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum ExceptionKind {
    RoutingFailure,
    Xlang,
    Correlation,
    Named(String),
}

impl ExceptionKind {
    pub fn name(&self) -> &str {
        match self {
            Self::RoutingFailure => ROUTING_FAILURE,
            Self::Xlang => XLANG,
            Self::Correlation => CORRELATION,
            Self::Named(name) => name,
        }
    }
}

impl From<&str> for ExceptionKind {
    fn from(name: &str) -> Self {
        match name {
            ROUTING_FAILURE => Self::RoutingFailure,
            XLANG => Self::Xlang,
            CORRELATION => Self::Correlation,
            other => Self::Named(other.to_string()),
        }
    }
}

impl From<String> for ExceptionKind {
    fn from(name: String) -> Self {
        name.as_str().into()
    }
}

impl From<ExceptionKind> for String {
    fn from(kind: ExceptionKind) -> Self {
        kind.name().to_string()
    }
}

impl std::fmt::Display for ExceptionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// An exception and what happened. Scope handlers catch it by its name (or `*`).
pub(super) enum Exception {
    /// A send nothing subscribes to; the detail names the port.
    RoutingFailure(String),
    /// The engine's general failure, with its cause.
    Xlang(String),
    /// A correlation property missing or unusable, with its cause.
    Correlation(String),
    /// Raised by a Throw shape under the name the program gives it (the BPM's `InterruptException`).
    Thrown(String),
}

impl Exception {
    /// The exception's .NET name, as events report it and handlers match it.
    pub(super) fn name(&self) -> &str {
        match self {
            Self::RoutingFailure(_) => ROUTING_FAILURE,
            Self::Xlang(_) => XLANG,
            Self::Correlation(_) => CORRELATION,
            Self::Thrown(name) => name,
        }
    }

    /// What happened.
    pub(super) fn detail(&self) -> &str {
        match self {
            Self::RoutingFailure(detail) | Self::Xlang(detail) | Self::Correlation(detail) => {
                detail
            }
            Self::Thrown(_) => "thrown by the orchestration",
        }
    }
}

impl Group {
    /// Unwinds to the innermost scope with a handler for the exception; with none, the instance is
    /// suspended (resumable), and resuming runs the failed shape again (domain.md 1.9).
    pub(super) fn throw(&mut self, cx: &mut Cx, id: InstanceId, thrown: &Exception) -> Flow {
        let (exception, detail) = (thrown.name(), thrown.detail());
        cx.emit(WorldEvent::ExceptionThrown {
            instance: id,
            exception: ExceptionKind::from(exception),
            detail: detail.into(),
        });
        let run = &self.runs[&id];
        let found = run.frames.iter().enumerate().rev().find_map(|(fi, frame)| {
            frame
                .scopes
                .iter()
                .enumerate()
                .rev()
                .find_map(|(si, scope)| {
                    scope
                        .handlers
                        .iter()
                        .find(|(name, _)| name == exception || name == "*")
                        .map(|(_, target)| (fi, si, *target, scope.name.clone()))
                })
        });
        match found {
            Some((fi, si, target, scope)) => {
                let run = self.run(id);
                run.frames.truncate(fi + 1);
                let frame = run.frames.last_mut().expect("a frame");
                frame.scopes.truncate(si);
                frame.pc = target;
                cx.emit(WorldEvent::ExceptionCaught {
                    instance: id,
                    exception: exception.into(),
                    scope,
                });
                Flow::Continue
            }
            None => {
                self.suspend(
                    cx,
                    id,
                    true,
                    format!("Uncaught exception {exception}: {detail}"),
                );
                Flow::Stop
            }
        }
    }

    pub(super) fn suspend(&mut self, cx: &mut Cx, id: InstanceId, resumable: bool, error: String) {
        let run = self.run(id);
        run.wait = None;
        run.state = if resumable {
            InstanceState::SuspendedResumable {
                error: error.clone(),
            }
        } else {
            InstanceState::SuspendedNotResumable {
                error: error.clone(),
            }
        };
        cx.emit(WorldEvent::InstanceSuspended {
            instance: id,
            resumable,
            error,
        });
    }
}
