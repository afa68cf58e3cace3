//! The only places that add, change or remove references, subscriptions and convoy sets, so the lookups
//! (index.rs) and the matcher's index always agree with the state.

use super::*;

impl MessageBox {
    pub(super) fn insert_ref(&mut self, r: MessageRef) {
        self.lookups.add_ref(&r);
        if is_final(&r.state) {
            self.spent.insert(r.message);
        }
        self.state.references.insert(r.id, r);
    }

    /// Changes a reference's state; one that reaches an end makes its message a candidate to retire.
    pub(super) fn set_ref_state(&mut self, id: RefId, state: RefState) {
        let Some(r) = self.state.references.get_mut(&id) else {
            return;
        };
        let before = r.clone();
        r.state = state;
        let after = r.clone();
        self.lookups.restate(&before, &after);
        if is_final(&after.state) {
            self.spent.insert(after.message);
        }
    }

    pub(super) fn insert_sub(&mut self, s: Subscription) {
        if s.state != SubscriptionState::Disabled {
            self.matcher.insert(s.id, &s.compiled);
        }
        self.lookups.add_sub(&s);
        self.state.subscriptions.insert(s.id, s);
    }

    /// Removes a subscription and the convoy sets made through it.
    pub(super) fn remove_sub(&mut self, id: SubId) -> Option<Subscription> {
        let s = self.state.subscriptions.remove(&id)?;
        self.matcher.remove(id);
        self.lookups.remove_sub(&s);
        if s.convoy.is_some() {
            let keys: Vec<ConvoyKey> = self
                .state
                .convoy_sets
                .range((id, Vec::new())..)
                .take_while(|((sub, _), _)| *sub == id)
                .map(|(k, _)| k.clone())
                .collect();
            for key in keys {
                if let Some(instance) = self.state.convoy_sets.remove(&key) {
                    self.unfile_convoy(instance, &key);
                }
            }
        }
        Some(s)
    }

    pub(super) fn subscriptions_of(&self, owner: &Owner) -> Vec<SubId> {
        self.lookups
            .subs_by_owner
            .get(owner)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default()
    }

    pub(super) fn insert_convoy(&mut self, key: ConvoyKey, instance: InstanceId) {
        self.lookups
            .convoys_by_instance
            .entry(instance)
            .or_default()
            .push(key.clone());
        self.state.convoy_sets.insert(key, instance);
    }

    /// Deletes an instance's convoy sets (it completed, domain.md 1.6).
    pub(super) fn remove_convoys_of(&mut self, instance: InstanceId) {
        for key in self
            .lookups
            .convoys_by_instance
            .remove(&instance)
            .unwrap_or_default()
        {
            self.state.convoy_sets.remove(&key);
        }
    }

    fn unfile_convoy(&mut self, instance: InstanceId, key: &ConvoyKey) {
        if let Some(keys) = self.lookups.convoys_by_instance.get_mut(&instance) {
            keys.retain(|k| k != key);
            if keys.is_empty() {
                self.lookups.convoys_by_instance.remove(&instance);
            }
        }
    }
}

/// A reference that nothing will act on again.
pub(super) fn is_final(state: &RefState) -> bool {
    matches!(
        state,
        RefState::Delivered { .. }
            | RefState::Rerouted { .. }
            | RefState::Republished
            | RefState::Terminated
    )
}
