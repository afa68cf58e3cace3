//! The lookups each step needs, kept beside the state so that no step scans every reference,
//! subscription or convoy set: the cost of a publish or a dispatch follows the work in flight, not the
//! history. Derived from the state (rebuilt on load), never serialised.

use super::*;
use std::collections::BTreeSet;

#[derive(Clone, Debug, Default)]
pub(super) struct Lookups {
    /// Queued references by host, in delivery order: priority, then age.
    ready: BTreeMap<String, BTreeSet<(u8, RefId)>>,
    /// References held for a stopped subscriber, under the owner and the send port group they wait for.
    held: BTreeMap<Owner, BTreeSet<RefId>>,
    /// How many references are suspended (held, routing failures, activation loops), kept as a count so
    /// the queue lengths cost O(hosts), not O(references).
    suspended: usize,
    pub refs_by_message: BTreeMap<MessageId, Vec<RefId>>,
    pub subs_by_owner: BTreeMap<Owner, BTreeSet<SubId>>,
    pub subs_by_instance: BTreeMap<InstanceId, Vec<SubId>>,
    pub convoys_by_instance: BTreeMap<InstanceId, Vec<ConvoyKey>>,
}

/// A MessageBox's queue lengths at one moment, as Performance Monitor's host counters report them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueLengths {
    /// References in the hosts' work queues, waiting to be delivered (Ready to Run).
    pub ready: usize,
    /// Suspended references: held for a stopped subscriber, routing failures, activation loops.
    pub suspended: usize,
}

/// A convoy set's key: the convoy's activation subscription and the correlation values.
pub type ConvoyKey = (SubId, Vec<Value>);

impl Lookups {
    pub fn build(state: &MessageBoxState) -> Self {
        let mut ix = Self::default();
        for r in state.references.values() {
            ix.add_ref(r);
        }
        for s in state.subscriptions.values() {
            ix.add_sub(s);
        }
        for (key, instance) in &state.convoy_sets {
            ix.convoys_by_instance
                .entry(*instance)
                .or_default()
                .push(key.clone());
        }
        ix
    }

    pub fn add_ref(&mut self, r: &MessageRef) {
        self.refs_by_message
            .entry(r.message)
            .or_default()
            .push(r.id);
        self.file_state(r, true);
    }

    /// Files (or unfiles) a reference under the queues its state puts it in.
    fn file_state(&mut self, r: &MessageRef, add: bool) {
        if matches!(r.state, RefState::Suspended { .. }) {
            if add {
                self.suspended += 1;
            } else {
                self.suspended -= 1;
            }
        }
        let Target::Subscriber {
            owner,
            host,
            priority,
            via_group,
            ..
        } = &r.target
        else {
            return;
        };
        match r.state {
            RefState::Queued { .. } => {
                let queue = self.ready.entry(host.clone()).or_default();
                toggle(queue, (*priority, r.id), add);
            }
            RefState::Suspended {
                reason: SuspendReason::SubscriberStopped,
                ..
            } => {
                toggle(self.held.entry(owner.clone()).or_default(), r.id, add);
                if let Some(g) = via_group {
                    let group = Owner::SendPortGroup(g.clone());
                    toggle(self.held.entry(group).or_default(), r.id, add);
                }
            }
            _ => {}
        }
    }

    /// Moves a reference from the queues of its old state to those of its new one.
    pub fn restate(&mut self, before: &MessageRef, after: &MessageRef) {
        self.file_state(before, false);
        self.file_state(after, true);
    }

    pub fn remove_ref(&mut self, r: &MessageRef) {
        self.file_state(r, false);
        if let Some(ids) = self.refs_by_message.get_mut(&r.message) {
            ids.retain(|id| *id != r.id);
            if ids.is_empty() {
                self.refs_by_message.remove(&r.message);
            }
        }
    }

    /// The first `limit` queued references of the running hosts, in delivery order, and whether more
    /// wait. Each host's queue is in order, so only its first `limit` can be among them.
    pub fn ready(&self, running: impl Fn(&str) -> bool, limit: usize) -> (Vec<(u8, RefId)>, bool) {
        let queues: Vec<&BTreeSet<(u8, RefId)>> = self
            .ready
            .iter()
            .filter(|(host, _)| running(host))
            .map(|(_, q)| q)
            .collect();
        let waiting: usize = queues.iter().map(|q| q.len()).sum();
        let mut out: Vec<(u8, RefId)> = queues
            .iter()
            .flat_map(|q| q.iter().take(limit).copied())
            .collect();
        // Equal pairs are identical, so an unstable sort gives the same order (and less wasm).
        out.sort_unstable();
        out.truncate(limit);
        (out, waiting > limit)
    }

    /// How many references wait in the hosts' work queues (Ready to Run) and how many are suspended.
    /// O(hosts).
    pub fn queue_lengths(&self) -> QueueLengths {
        QueueLengths {
            ready: self.ready.values().map(BTreeSet::len).sum(),
            suspended: self.suspended,
        }
    }

    /// How many references are held for this owner: O(log owners).
    pub fn held_count(&self, owner: &Owner) -> usize {
        self.held.get(owner).map_or(0, BTreeSet::len)
    }

    /// The references held for this owner (or, for a send port group, for its members through it).
    pub fn held(&self, owner: &Owner) -> Vec<RefId> {
        self.held
            .get(owner)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default()
    }

    pub fn add_sub(&mut self, s: &Subscription) {
        self.subs_by_owner
            .entry(s.owner.clone())
            .or_default()
            .insert(s.id);
        if let SubscriptionKind::Instance(i) = s.kind {
            self.subs_by_instance.entry(i).or_default().push(s.id);
        }
    }

    pub fn remove_sub(&mut self, s: &Subscription) {
        if let Some(ids) = self.subs_by_owner.get_mut(&s.owner) {
            ids.remove(&s.id);
            if ids.is_empty() {
                self.subs_by_owner.remove(&s.owner);
            }
        }
        if let SubscriptionKind::Instance(i) = s.kind {
            if let Some(ids) = self.subs_by_instance.get_mut(&i) {
                ids.retain(|id| *id != s.id);
                if ids.is_empty() {
                    self.subs_by_instance.remove(&i);
                }
            }
        }
    }
}

fn toggle<T: Ord>(set: &mut BTreeSet<T>, item: T, add: bool) {
    if add {
        set.insert(item);
    } else {
        set.remove(&item);
    }
}
