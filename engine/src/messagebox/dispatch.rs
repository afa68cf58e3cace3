//! Taking references off the work queues, and the Group Hub's operations on suspended ones: resume and
//! terminate (domain.md 1.8, 1.9, 1.12).

use super::*;

impl MessageBox {
    /// Delivers every queued reference whose host has a running instance, highest priority first (then
    /// oldest). An activation creates an instance; a convoy match or an instance subscription feeds its
    /// running instance; a send port takes its copy.
    pub fn dispatch(&mut self) -> Vec<Event> {
        let mut ready: Vec<(u8, RefId)> = self
            .state
            .references
            .values()
            .filter(|r| matches!(r.state, RefState::Queued { .. }))
            .filter_map(|r| match &r.target {
                Target::Subscriber { host, priority, .. } if self.host_running(host) => {
                    Some((*priority, r.id))
                }
                _ => None,
            })
            .collect();
        ready.sort();
        let mut events = Vec::new();
        for (_, id) in ready {
            self.deliver(id, &mut events);
        }
        events
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
            (_, _, Some(i)) if running(i) => Some(*i),
            (_, Some(SubscriptionKind::Instance(i)), _) if running(&i) => Some(i),
            (Owner::Orchestration(_), _, _) => {
                Some(self.activate(*subscription, owner, reference.message, events))
            }
            _ => None,
        };
        if let Some(i) = instance {
            self.state
                .instances
                .get_mut(&i)
                .unwrap()
                .consumed
                .push(reference.message);
        }
        self.state.references.get_mut(&id).unwrap().state = RefState::Delivered { instance };
        events.push(Event::Delivered {
            reference: id,
            message: reference.message,
            owner: owner.clone(),
            instance,
        });
    }

    /// A new running instance that no message activated (an orchestration started by another's Start
    /// shape).
    pub fn create_instance(&mut self, owner: Owner) -> InstanceId {
        let instance = InstanceId(self.next_id());
        self.state.instances.insert(
            instance,
            Instance {
                id: instance,
                owner,
                active: true,
                consumed: Vec::new(),
            },
        );
        instance
    }

    /// A new orchestration instance for an activation; a convoy's first message creates its convoy set.
    fn activate(
        &mut self,
        sub: SubId,
        owner: &Owner,
        message: MessageId,
        events: &mut Vec<Event>,
    ) -> InstanceId {
        let instance = InstanceId(self.next_id());
        self.state.instances.insert(
            instance,
            Instance {
                id: instance,
                owner: owner.clone(),
                active: true,
                consumed: Vec::new(),
            },
        );
        events.push(Event::InstanceActivated {
            instance,
            owner: owner.clone(),
            message,
        });
        let subscription = self.state.subscriptions.get(&sub).cloned();
        if let Some(s) = subscription.filter(|s| s.convoy.is_some()) {
            let props = self.routing_props(self.state.messages[&message].context());
            if let Some(values) = self.convoy_values(&s, &props) {
                events.push(Event::ConvoySetCreated {
                    instance,
                    subscription: sub,
                    values: values.clone(),
                });
                self.state.convoy_sets.push(ConvoySet {
                    subscription: sub,
                    instance,
                    values,
                });
            }
        }
        instance
    }

    /// References held for stopped subscribers whose subscriber (and group) are now started go back to
    /// the work queue: held messages flow on start (domain.md 4.4).
    pub(super) fn release_held(&mut self, events: &mut Vec<Event>) {
        let started = |owner: &Owner| {
            self.state
                .services
                .get(owner)
                .is_some_and(|s| s.state == ServiceState::Started)
        };
        let releasable: Vec<(RefId, Owner)> = self
            .state
            .references
            .values()
            .filter(|r| {
                matches!(
                    r.state,
                    RefState::Suspended {
                        reason: SuspendReason::SubscriberStopped,
                        ..
                    }
                )
            })
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
            self.state.references.get_mut(&id).unwrap().state = RefState::Queued { forced: false };
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
                self.state.references.get_mut(&id).unwrap().state =
                    RefState::Queued { forced: true };
            }
            SuspendReason::RoutingFailure => {
                let Target::Unrouted { report } = reference.target else {
                    unreachable!("routing failures are unrouted");
                };
                let publisher = self.state.reports[&report].publisher.clone();
                let draft = self.state.messages[&reference.message].to_draft();
                let (_, more) = self.publish(draft, &publisher)?;
                self.state.references.get_mut(&id).unwrap().state = RefState::Republished;
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
        self.state.references.get_mut(&id).unwrap().state = RefState::Terminated;
        let mut events = vec![Event::Terminated { reference: id }];
        if let Target::Unrouted { report } = target {
            if self.state.reports.remove(&report).is_some() {
                events.push(Event::ReportRemoved { report });
            }
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
