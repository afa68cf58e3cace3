//! The orchestration runtime: instances run their compiled programs until they wait or end; messages
//! delivered by the MessageBox wake them; exceptions unwind to scope handlers or suspend the instance
//! (domain.md 1.12, 1.13, 3, 6).
//!
//! This file holds the entry points the world calls (dispatch, run, timers, resume, finish); the shape
//! interpreter, correlation, addressing and exceptions each have their own file.

mod addressing;
mod correlation;
mod exceptions;
mod interpreter;

pub use correlation::convoy;
pub use exceptions::{ExceptionKind, ROUTING_FAILURE};

use super::{Cx, Group, WorldEvent};
use crate::message::{MessageDraft, MessageId};
use crate::messagebox::{CommandError, Event, InstanceId, Owner, Target};
use crate::orchestration::{
    calls, Frame, InstanceState, ListenTrigger, Program, Receive, Run, Wait,
};
use std::collections::BTreeSet;

/// More steps than this without waiting is taken for a loop that never waits.
const MAX_STEPS: usize = 10_000;

/// Whether an instance goes on running after a step.
enum Flow {
    Continue,
    Stop,
}

/// The root program and every program it calls, transitively.
pub(crate) fn program_tree<'a>(cx: &Cx<'a>, root: &str) -> Vec<&'a Program> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut todo = vec![root.to_string()];
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(p) = cx.programs.get(&name) {
            todo.extend(calls(p));
            out.push(p);
        }
    }
    out
}

/// The activating receive of a program, if its first shape is one.
pub fn activation(program: &Program) -> Option<&Receive> {
    match program.body.first() {
        Some(crate::orchestration::Shape::Receive(r)) if r.activate => Some(r),
        _ => None,
    }
}

/// References one dispatch takes off the work queues at most: a 5,000-order burst otherwise makes one
/// step of 45,000 events, which no caller can interrupt (the page froze for a third of a second).
pub const DEQUEUE_BATCH: usize = 100;

impl Group {
    /// Takes queued references off the work queues, and hands what was delivered to instances and send
    /// ports.
    pub(crate) fn dispatch(&mut self, cx: &mut Cx) {
        let (events, more) = self.messagebox.dispatch_batch(DEQUEUE_BATCH);
        if more {
            // The rest at the same virtual time, after the work already due then.
            cx.after(
                0,
                crate::world::Work::Dispatch {
                    group: cx.group.to_string(),
                },
            );
        }
        let mut activated: BTreeSet<InstanceId> =
            crate::insert::set(events.iter().filter_map(|e| match e {
                Event::InstanceActivated { instance, .. } => Some(*instance),
                _ => None,
            }));
        cx.emit_all(events.clone());
        for e in events {
            let Event::Delivered {
                reference,
                message,
                owner,
                instance,
            } = e
            else {
                continue;
            };
            match owner {
                Owner::SendPort(port) => {
                    self.warn_if_processed_twice(cx, &port, message);
                    self.start_transmission(cx, &port, message)
                }
                Owner::Orchestration(name) => {
                    let Some(i) = instance else {
                        continue;
                    };
                    let subscription = self.messagebox.reference(reference).and_then(|r| match &r
                        .target
                    {
                        Target::Subscriber { subscription, .. } => Some(*subscription),
                        Target::Unrouted { .. } => None,
                    });
                    let port = match subscription.and_then(|s| self.instance_ports.get(&s)) {
                        Some((_, port)) => port.clone(),
                        None => cx
                            .programs
                            .get(&name)
                            .and_then(activation)
                            .map(|r| r.port.clone())
                            .unwrap_or_default(),
                    };
                    // A convoy's messages delivered together start their instance once, with the first.
                    if activated.remove(&i) {
                        self.start_run(cx, &name, i, Vec::new());
                    }
                    self.deliver_to_run(cx, i, &port, message);
                }
                Owner::SendPortGroup(_) => {}
            }
        }
    }

    /// A port that forwards a message to another group, while an orchestration here took the same
    /// message and is enlisted there too: the order is processed twice (domain.md 10.6), so say so.
    fn warn_if_processed_twice(&self, cx: &mut Cx, port: &str, message: MessageId) {
        let Some(config) = self.send_ports.get(port) else {
            return;
        };
        let Some(reader) = cx.reader(&config.transport.address) else {
            return;
        };
        if reader.group == cx.group {
            return;
        }
        let Some(there) = cx.enlisted.get(&reader.group) else {
            return;
        };
        let here: Vec<String> = self
            .messagebox
            .references_of(message)
            .filter_map(|r| match &r.target {
                Target::Subscriber {
                    owner: Owner::Orchestration(o),
                    ..
                } if there.contains(o) => Some(o.clone()),
                _ => None,
            })
            .collect();
        for o in here {
            cx.emit(WorldEvent::Warning {
                text: format!(
                    "{o} is enlisted in both {} and {}, and {port} forwards the same message: it is processed twice",
                    cx.group, reader.group
                ),
            });
        }
    }

    /// A new instance of a program: its self-correlating and solicit-response ports get their
    /// subscriptions, and it is scheduled to run.
    pub(crate) fn start_run(
        &mut self,
        cx: &mut Cx,
        orchestration: &str,
        id: InstanceId,
        messages: Vec<(String, MessageDraft)>,
    ) {
        let host = self
            .orchestration_hosts
            .get(orchestration)
            .cloned()
            .unwrap_or_else(super::config::default_host);
        let mut frame = Frame::new(orchestration);
        frame.messages.extend(messages);
        self.runs.insert(
            id,
            Run {
                id,
                orchestration: orchestration.to_string(),
                host,
                frames: vec![frame],
                state: InstanceState::Active,
                wait: None,
                wait_epoch: 0,
                inbox: Vec::new(),
                correlation: Default::default(),
                reply_to: Default::default(),
                status: None,
            },
        );
        cx.emit(WorldEvent::InstanceStarted {
            instance: id,
            orchestration: orchestration.to_string(),
        });
        self.subscribe_token_ports(cx, id, orchestration);
        cx.run_soon(id);
    }

    /// A message for an instance goes to its inbox and wakes it if it waits.
    fn deliver_to_run(&mut self, cx: &mut Cx, id: InstanceId, port: &str, message: MessageId) {
        let Some(run) = self.runs.get_mut(&id) else {
            cx.emit(WorldEvent::Discarded {
                instance: id,
                message,
            });
            return;
        };
        if run.state.is_finished() {
            cx.emit(WorldEvent::Discarded {
                instance: id,
                message,
            });
            return;
        }
        run.inbox.push((port.to_string(), message));
        if matches!(
            run.state,
            InstanceState::Waiting | InstanceState::Dehydrated
        ) {
            if run.state == InstanceState::Dehydrated {
                cx.emit(WorldEvent::Rehydrated { instance: id });
            }
            run.state = InstanceState::Active;
            cx.run_soon(id);
        }
    }

    /// Runs an instance until it waits, ends or suspends.
    pub(crate) fn run_instance(&mut self, cx: &mut Cx, id: InstanceId) {
        let Some(run) = self.runs.get(&id) else {
            return;
        };
        if run.state != InstanceState::Active {
            return;
        }
        if !self.host_running(&run.host) {
            // No host instance runs it: it waits, Ready to Run (domain.md 1.11).
            if !self.deferred.contains(&id) {
                self.deferred.push(id);
            }
            return;
        }
        for _ in 0..MAX_STEPS {
            let flow = match self.step(cx, id) {
                Ok(flow) => flow,
                Err(exception) => self.throw(cx, id, &exception),
            };
            if let Flow::Stop = flow {
                return;
            }
        }
        self.suspend(
            cx,
            id,
            true,
            format!("{MAX_STEPS} steps without waiting: a loop that never waits"),
        );
    }

    fn run(&mut self, id: InstanceId) -> &mut Run {
        self.runs.get_mut(&id).expect("running instance")
    }

    fn frame(&mut self, id: InstanceId) -> &mut Frame {
        self.run(id).frames.last_mut().expect("a frame")
    }

    /// A delay ends: the instance takes its delay branch.
    pub(crate) fn timer(&mut self, cx: &mut Cx, id: InstanceId, epoch: u64) {
        let Some(run) = self.runs.get_mut(&id) else {
            return;
        };
        if run.wait_epoch != epoch
            || !matches!(
                run.state,
                InstanceState::Waiting | InstanceState::Dehydrated
            )
        {
            return;
        }
        let Some(Wait::Messages { branches, .. }) = run.wait.take() else {
            return;
        };
        let target = branches
            .iter()
            .filter_map(|(t, target)| match t {
                ListenTrigger::Delay { ms } => Some((*ms, *target)),
                ListenTrigger::Receive(_) => None,
            })
            .min()
            .map(|(_, t)| t);
        let Some(target) = target else {
            return;
        };
        if run.state == InstanceState::Dehydrated {
            cx.emit(WorldEvent::Rehydrated { instance: id });
        }
        run.state = InstanceState::Active;
        run.frames.last_mut().expect("a frame").pc = target;
        self.run_instance(cx, id);
    }

    pub(crate) fn dehydrate(&mut self, cx: &mut Cx, id: InstanceId, epoch: u64) {
        if let Some(run) = self.runs.get_mut(&id) {
            if run.wait_epoch == epoch && run.state == InstanceState::Waiting {
                run.state = InstanceState::Dehydrated;
                cx.emit(WorldEvent::Dehydrated { instance: id });
            }
        }
    }

    /// Resumes a suspended, resumable orchestration instance: it runs the shape that failed again.
    pub(crate) fn resume_run(&mut self, cx: &mut Cx, id: InstanceId) -> Result<(), CommandError> {
        let run = self
            .runs
            .get_mut(&id)
            .ok_or_else(|| CommandError::Unknown(format!("instance {}", id.0)))?;
        match &run.state {
            InstanceState::SuspendedResumable { .. } => {
                run.state = InstanceState::Active;
                cx.emit(WorldEvent::InstanceResumed { instance: id });
                cx.run_soon(id);
                Ok(())
            }
            InstanceState::SuspendedNotResumable { .. } => Err(CommandError::Refused(format!(
                "instance {} is suspended non-resumable: it can only be terminated",
                id.0
            ))),
            _ => Err(CommandError::Refused(format!(
                "instance {} is not suspended",
                id.0
            ))),
        }
    }

    /// Ends an instance: its instance subscriptions go. One that completes with messages still in its
    /// inbox is suspended instead (the BPM broker with two ACKs, domain.md 6.2).
    pub(crate) fn finish(&mut self, cx: &mut Cx, id: InstanceId, end: InstanceState) {
        if let Ok(events) = self.messagebox.complete_instance(id) {
            // The instance's subscriptions are gone, and so are the ports they fed.
            for e in &events {
                if let Event::SubscriptionRemoved { subscription, .. } = e {
                    self.instance_ports.remove(subscription);
                }
            }
            cx.emit_all(events);
        }
        let unconsumed = self.runs[&id].inbox.len();
        let run = self.run(id);
        run.wait = None;
        match end {
            InstanceState::Completed if unconsumed > 0 => {
                let error = format!(
                    "The instance completed without consuming all of its messages ({unconsumed} unconsumed): \
                     the instance and its unconsumed messages have been suspended"
                );
                self.suspend(cx, id, false, error);
            }
            InstanceState::Terminated { reason } => {
                run.state = InstanceState::Terminated {
                    reason: reason.clone(),
                };
                cx.emit(WorldEvent::InstanceTerminated {
                    instance: id,
                    reason,
                });
            }
            _ => {
                run.state = InstanceState::Completed;
                let status = run.status.clone();
                cx.emit(WorldEvent::InstanceCompleted {
                    instance: id,
                    status,
                });
            }
        }
    }
}
