//! Finished work leaves the live state, as BizTalk purges a message once every reference to it is
//! consumed and an instance's state once it completes (domain.md 1.8, 1.13): the next step then never
//! looks at it. What leaves is handed to the caller, who archives it or drops it.

use super::store::is_final;
use super::*;

/// A message that left the live state, with everything the MessageBox knew of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RetiredMessage {
    pub message: Message,
    pub publisher: Option<Publisher>,
    pub references: Vec<MessageRef>,
}

impl MessageBox {
    /// An ended instance leaves the live state; the messages it consumed may follow it.
    pub fn retire_instance(&mut self, id: InstanceId) -> Option<Instance> {
        if self.state.instances.get(&id)?.active {
            return None;
        }
        let instance = self.state.instances.remove(&id)?;
        self.spent.extend(instance.consumed.iter().copied());
        Some(instance)
    }

    /// Makes a message a candidate again (the group let go of it: its transmission ended).
    pub fn released(&mut self, message: MessageId) {
        self.spent.insert(message);
    }

    /// The candidate messages whose every reference has ended, that no live instance consumed and that
    /// the group does not `hold`, leave the live state with their references.
    pub fn retire_spent(&mut self, hold: impl Fn(MessageId) -> bool) -> Vec<RetiredMessage> {
        let candidates = std::mem::take(&mut self.spent);
        let mut out = Vec::new();
        for id in candidates {
            if hold(id) || !self.is_spent(id) {
                continue;
            }
            let Some(message) = self.state.messages.remove(&id) else {
                continue;
            };
            let ids = self
                .lookups
                .refs_by_message
                .get(&id)
                .cloned()
                .unwrap_or_default();
            let mut references = Vec::with_capacity(ids.len());
            for rid in ids {
                if let Some(r) = self.state.references.remove(&rid) {
                    self.lookups.remove_ref(&r);
                    references.push(r);
                }
            }
            out.push(RetiredMessage {
                message,
                publisher: self.state.publishers.remove(&id),
                references,
            });
        }
        out
    }

    fn is_spent(&self, message: MessageId) -> bool {
        self.state.messages.contains_key(&message)
            && self.references_of(message).all(|r| match r.state {
                RefState::Delivered { instance: Some(i) } => !self.state.instances.contains_key(&i),
                ref state => is_final(state),
            })
    }
}

impl MessageBox {
    /// The instances that ended since the last call.
    pub fn take_ended(&mut self) -> std::collections::BTreeSet<InstanceId> {
        std::mem::take(&mut self.ended)
    }

    /// Convoy instances of these owners that were made for a message and have not started yet.
    pub fn unstarted_of(&self, owners: &[Owner]) -> Vec<InstanceId> {
        self.state
            .instances
            .values()
            .filter(|i| i.active && !i.started && owners.contains(&i.owner))
            .map(|i| i.id)
            .collect()
    }

    /// Ends a convoy instance that has not started: the messages still waiting for it are terminated
    /// and its convoy sets deleted, so the next message of the convoy activates a new instance
    /// (domain.md 1.6, 1.12). An administrator's Terminate on it, or the last of its messages ending.
    pub fn end_unstarted(&mut self, instance: InstanceId) -> Result<Vec<Event>, CommandError> {
        if !self
            .state
            .instances
            .get(&instance)
            .is_some_and(|i| i.active && !i.started)
        {
            return Err(CommandError::Unknown(format!(
                "instance {} waiting to start",
                instance.0
            )));
        }
        let mut events = Vec::new();
        for id in self.waiting_for(instance) {
            self.set_ref_state(id, RefState::Terminated);
            events.push(Event::Terminated { reference: id });
        }
        events.extend(self.complete_instance(instance)?);
        Ok(events)
    }

    /// The references still queued or suspended for a convoy instance. An administrative path, so a
    /// pass over the live references is fine.
    pub(super) fn waiting_for(&self, instance: InstanceId) -> Vec<RefId> {
        self.state
            .references
            .values()
            .filter(|r| matches!(r.state, RefState::Queued { .. } | RefState::Suspended { .. }))
            .filter(|r| {
                matches!(r.target, Target::Subscriber { convoy_instance: Some(i), .. } if i == instance)
            })
            .map(|r| r.id)
            .collect()
    }
}
