//! Taking references off the work queues, and the Group Hub's operations on suspended ones: resume and
//! terminate (domain.md 1.8, 1.9, 1.12).

use super::*;

impl MessageBox {
    /// Delivers every queued reference whose host has a running instance, highest priority first (then
    /// oldest). An activation creates an instance; a convoy match or an instance subscription feeds its
    /// running instance; a send port takes its copy.
    pub fn dispatch(&mut self) -> Vec<Event> {
        self.dispatch_batch(usize::MAX).0
    }

    /// Delivers at most `limit` queued references, in the same order as `dispatch`; true when more
    /// wait. The runtime dequeues in batches, as BizTalk's dequeue threads do (domain.md 1.8), so one
    /// step's work stays bounded however many messages a burst queued.
    pub fn dispatch_batch(&mut self, limit: usize) -> (Vec<Event>, bool) {
        let (ready, more) = self.lookups.ready(|host| self.host_running(host), limit);
        let mut events = Vec::new();
        for (_, id) in ready {
            self.deliver(id, &mut events);
        }
        (events, more)
    }

    fn deliver(&mut self, id: RefId, events: &mut Vec<Event>) {
        let reference = self.state.references[&id].clone();
        let Target::Subscriber {
            subscription,
            owner,
            convoy_instance,
            ..
        } = &reference.target
        else {
            return;
        };
        let kind = self.state.subscriptions.get(subscription).map(|s| s.kind);
        let running = |i: &InstanceId| self.state.instances.get(i).is_some_and(|x| x.active);
        let instance = match (owner, kind, convoy_instance) {
            // A convoy's message goes to its instance: the first one delivered starts it; after the
            // instance ended, the message is a zombie for the runtime to discard (domain.md 1.6, 11).
            (_, _, Some(i)) => {
                if self
                    .state
                    .instances
                    .get(i)
                    .is_some_and(|x| x.active && !x.started)
                {
                    self.start_pending(*i, reference.message, events);
                }
                Some(*i)
            }
            (_, Some(SubscriptionKind::Instance(i)), _) if running(&i) => Some(i),
            (Owner::Orchestration(_), _, _) => {
                Some(self.activate(owner, reference.message, events))
            }
            _ => None,
        };
        if let Some(x) = instance.and_then(|i| self.state.instances.get_mut(&i)) {
            x.consumed.push(reference.message);
        }
        self.set_ref_state(id, RefState::Delivered { instance });
        events.push(Event::Delivered {
            reference: id,
            message: reference.message,
            owner: owner.clone(),
            instance,
        });
    }

    /// A new running instance that no message activated (an orchestration started by another's Start
    /// shape, a send port's transmission).
    pub fn create_instance(&mut self, owner: Owner) -> InstanceId {
        self.new_instance(owner, true)
    }

    /// A new live instance; `started` is false for a convoy's instance made at routing time.
    pub(super) fn new_instance(&mut self, owner: Owner, started: bool) -> InstanceId {
        let instance = InstanceId(self.next_id());
        self.state.instances.insert(
            instance,
            Instance {
                id: instance,
                owner,
                active: true,
                started,
                consumed: Vec::new(),
            },
        );
        instance
    }

    /// A new orchestration instance for an activation.
    fn activate(
        &mut self,
        owner: &Owner,
        message: MessageId,
        events: &mut Vec<Event>,
    ) -> InstanceId {
        let instance = self.create_instance(owner.clone());
        events.push(Event::InstanceActivated {
            instance,
            owner: owner.clone(),
            message,
        });
        instance
    }

    /// A convoy's instance, made when its first message was routed, starts with the first message
    /// delivered to it.
    fn start_pending(&mut self, instance: InstanceId, message: MessageId, events: &mut Vec<Event>) {
        let Some(x) = self.state.instances.get_mut(&instance) else {
            return;
        };
        x.started = true;
        events.push(Event::InstanceActivated {
            instance,
            owner: x.owner.clone(),
            message,
        });
    }

    /// References held for stopped subscribers whose subscriber (and group) are now started go back to
    /// the work queue: held messages flow on start (domain.md 4.4).
    pub(super) fn release_held(&mut self, started_owner: &Owner, events: &mut Vec<Event>) {
        let started = |owner: &Owner| {
            self.state
                .services
                .get(owner)
                .is_some_and(|s| s.state == ServiceState::Started)
        };
        let releasable: Vec<(RefId, Owner)> = self
            .lookups
            .held(started_owner)
            .into_iter()
            .filter_map(|id| self.state.references.get(&id))
            .filter_map(|r| match &r.target {
                Target::Subscriber {
                    owner, via_group, ..
                } => {
                    let group_ok = via_group
                        .as_ref()
                        .is_none_or(|g| started(&Owner::SendPortGroup(g.clone())));
                    (started(owner) && group_ok).then(|| (r.id, owner.clone()))
                }
                Target::Unrouted { .. } => None,
            })
            .collect();
        for (id, owner) in releasable {
            self.set_ref_state(id, RefState::Queued { forced: false });
            events.push(Event::Released {
                reference: id,
                owner,
            });
        }
    }

    /// Resumes a suspended, resumable reference. One held for a stopped subscriber is delivered even if
    /// the subscriber is still stopped (domain.md 1.12); a routing failure is published again, so a fixed
    /// subscription now takes it (a new report is made if it still matches nothing).
    pub fn resume(&mut self, id: RefId) -> Result<Vec<Event>, CommandError> {
        let reference = self
            .state
            .references
            .get(&id)
            .ok_or_else(|| CommandError::Unknown(id.to_string()))?
            .clone();
        let RefState::Suspended { resumable, reason } = reference.state else {
            return Err(CommandError::Refused(format!("{id} is not suspended")));
        };
        if !resumable {
            return Err(CommandError::Refused(format!(
                "{id} is suspended non-resumable: it can only be terminated"
            )));
        }
        let mut events = vec![Event::Resumed { reference: id }];
        match reason {
            SuspendReason::ActivationLoop => {
                unreachable!("activation loops are held non-resumable")
            }
            SuspendReason::SubscriberStopped => {
                self.set_ref_state(id, RefState::Queued { forced: true });
            }
            SuspendReason::RoutingFailure => {
                let Target::Unrouted { report } = reference.target else {
                    unreachable!("routing failures are unrouted");
                };
                let publisher = self.state.reports[&report].publisher.clone();
                let draft = self.state.messages[&reference.message].to_draft();
                let (_, more) = self.publish(draft, &publisher)?;
                self.set_ref_state(id, RefState::Republished);
                events.extend(more);
            }
        }
        Ok(events)
    }

    /// Terminates a suspended reference. Terminating a routing failure's message also removes its report
    /// (domain.md 1.9).
    pub fn terminate(&mut self, id: RefId) -> Result<Vec<Event>, CommandError> {
        let reference = self
            .state
            .references
            .get(&id)
            .ok_or_else(|| CommandError::Unknown(id.to_string()))?;
        if !matches!(reference.state, RefState::Suspended { .. }) {
            return Err(CommandError::Refused(format!(
                "{id} is not suspended, so it cannot be terminated"
            )));
        }
        let target = reference.target.clone();
        self.set_ref_state(id, RefState::Terminated);
        let mut events = vec![Event::Terminated { reference: id }];
        match target {
            Target::Unrouted { report } => {
                if self.state.reports.remove(&report).is_some() {
                    events.push(Event::ReportRemoved { report });
                }
            }
            // The last message a convoy instance waited for is gone: the instance never starts, so it
            // ends with its convoy sets.
            Target::Subscriber {
                convoy_instance: Some(instance),
                ..
            } => {
                let unstarted = self
                    .state
                    .instances
                    .get(&instance)
                    .is_some_and(|i| i.active && !i.started);
                if unstarted && self.waiting_for(instance).is_empty() {
                    events.extend(self.end_unstarted(instance)?);
                }
            }
            Target::Subscriber { .. } => {}
        }
        Ok(events)
    }

    /// Terminates a routing failure report itself (it is non-resumable and never cleaned up on its own).
    pub fn terminate_report(&mut self, report: ReportId) -> Result<Vec<Event>, CommandError> {
        self.state
            .reports
            .remove(&report)
            .ok_or_else(|| CommandError::Unknown(format!("routing failure report {}", report.0)))?;
        Ok(vec![Event::ReportRemoved { report }])
    }
}
