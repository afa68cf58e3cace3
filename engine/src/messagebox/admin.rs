//! Administration: adding subscribers, enlisting, starting, stopping and unenlisting them, and the
//! subscriptions that follow (domain.md 1.6, 4.3, 4.4).

use super::*;
use crate::filter::Filter;
use crate::matcher::CompiledFilter;

impl MessageBox {
    /// Adds a subscriber, unenlisted. Names are unique per kind in a group.
    pub fn add_service(&mut self, def: ServiceDef) -> Result<Vec<Event>, CommandError> {
        let owner = owner_of(&def);
        if self.state.services.contains_key(&owner) {
            return Err(CommandError::Refused(format!(
                "{owner} already exists in this group"
            )));
        }
        // Check the filter now, so a bad one is refused here rather than at enlistment.
        self.subscription_filter(&def)?;
        if let ServiceDef::Orchestration(o) = &def {
            if o.convoy
                .as_ref()
                .is_some_and(|c| c.len() > 3 || c.is_empty())
            {
                return Err(CommandError::Refused(format!(
                    "{owner}: a correlation set has 1 to 3 properties (domain.md 1.6)"
                )));
            }
        }
        self.state.services.insert(
            owner.clone(),
            Service {
                def,
                state: ServiceState::Unenlisted,
            },
        );
        Ok(vec![Event::ServiceAdded { owner }])
    }

    /// Overwrites a send port's or send port group's binding (an imported binding file overwrites
    /// same-named ports and groups, domain.md 5); an enlisted subscriber's subscription follows its new
    /// filter (and members) and keeps its state.
    pub fn rebind(&mut self, def: ServiceDef) -> Result<Vec<Event>, CommandError> {
        let owner = owner_of(&def);
        if !self.state.services.contains_key(&owner) {
            return Err(CommandError::Unknown(owner.to_string()));
        }
        self.subscription_filter(&def)?;
        let enlisted = self.state.services[&owner].state != ServiceState::Unenlisted;
        self.state.services.get_mut(&owner).expect("checked").def = def;
        let mut events = Vec::new();
        if enlisted {
            self.remove_subscriptions(&owner, &mut events);
            self.ensure_subscription(&owner, &mut events)?;
        }
        Ok(events)
    }

    /// Replaces a subscriber's own filter (the filter editor's Apply; for an orchestration, the activate
    /// receive's filter expression). An enlisted subscriber's subscription follows, keeping its state; a
    /// filter the schema refuses changes nothing.
    pub fn set_filter(
        &mut self,
        owner: &Owner,
        filter: Filter,
    ) -> Result<Vec<Event>, CommandError> {
        let service = self
            .state
            .services
            .get(owner)
            .ok_or_else(|| CommandError::Unknown(owner.to_string()))?;
        let mut def = service.def.clone();
        match &mut def {
            ServiceDef::SendPort(p) => p.filter = filter,
            ServiceDef::SendPortGroup(g) => g.filter = filter,
            ServiceDef::Orchestration(o) => o.activation_filter = filter,
        }
        self.subscription_filter(&def)?;
        let enlisted = service.state != ServiceState::Unenlisted;
        self.state.services.get_mut(owner).expect("checked").def = def;
        let mut events = Vec::new();
        if enlisted {
            self.remove_subscriptions(owner, &mut events);
            self.ensure_subscription(owner, &mut events)?;
        }
        Ok(events)
    }

    /// Removes an unenlisted subscriber (its application is being removed).
    pub fn remove_service(&mut self, owner: &Owner) -> Result<Vec<Event>, CommandError> {
        let service = self
            .state
            .services
            .get(owner)
            .ok_or_else(|| CommandError::Unknown(owner.to_string()))?;
        if service.state != ServiceState::Unenlisted {
            return Err(CommandError::Refused(format!(
                "{owner} is {}: unenlist it before removing it",
                service.state
            )));
        }
        self.state.services.remove(owner);
        Ok(vec![Event::ServiceRemoved {
            owner: owner.clone(),
        }])
    }

    /// Enlist, start, stop or unenlist a subscriber. A refused action changes nothing.
    pub fn administer(
        &mut self,
        owner: &Owner,
        action: AdminAction,
    ) -> Result<Vec<Event>, CommandError> {
        let service = self
            .state
            .services
            .get(owner)
            .ok_or_else(|| CommandError::Unknown(owner.to_string()))?;
        let from = service.state;
        let to = from
            .after(action)
            .map_err(|why| CommandError::Refused(format!("cannot {action} {owner}: {why}")))?;
        self.check_rules(owner, action, to)?;

        let mut events = Vec::new();
        self.state.services.get_mut(owner).unwrap().state = to;
        events.push(Event::ServiceStateChanged {
            owner: owner.clone(),
            from,
            to,
        });
        match to {
            ServiceState::Unenlisted => self.remove_subscriptions(owner, &mut events),
            ServiceState::Stopped | ServiceState::Started => {
                self.ensure_subscription(owner, &mut events)?;
                let state = if to == ServiceState::Started {
                    SubscriptionState::Started
                } else {
                    SubscriptionState::Stopped
                };
                self.set_subscription_state(owner, state, &mut events);
            }
        }
        // A port that joins or leaves may change whether its groups have a subscription, and starting
        // releases what waited for this subscriber.
        if let Owner::SendPort(port) = owner {
            for group in self.groups_containing(port) {
                if self.state.services[&group].state != ServiceState::Unenlisted {
                    self.ensure_subscription(&group, &mut events)?;
                }
            }
        }
        if to == ServiceState::Started {
            self.release_held(owner, &mut events);
        }
        Ok(events)
    }

    /// The rules beyond the state table: binding, running instances, and send port group membership.
    fn check_rules(
        &self,
        owner: &Owner,
        action: AdminAction,
        to: ServiceState,
    ) -> Result<(), CommandError> {
        let refuse = |why: String| {
            Err(CommandError::Refused(format!(
                "cannot {action} {owner}: {why}"
            )))
        };
        match (&self.state.services[owner].def, to) {
            (ServiceDef::Orchestration(o), ServiceState::Stopped | ServiceState::Started)
                if !o.bound =>
            {
                refuse("an orchestration must be bound before it can be enlisted".into())
            }
            (ServiceDef::Orchestration(_), ServiceState::Unenlisted) => {
                let running = self
                    .state
                    .instances
                    .values()
                    .filter(|i| i.active && &i.owner == owner)
                    .count();
                if running > 0 {
                    return refuse(format!("terminate its {running} running instance(s) first"));
                }
                Ok(())
            }
            (ServiceDef::SendPortGroup(g), ServiceState::Started)
                if self.enlisted_members(g) == 0 =>
            {
                refuse(
                    "a send port group needs at least one enlisted member before it can start"
                        .into(),
                )
            }
            (ServiceDef::SendPort(_), ServiceState::Unenlisted) => {
                let port = owner.name();
                for group in self.groups_containing(port) {
                    let ServiceDef::SendPortGroup(g) = &self.state.services[&group].def else {
                        continue;
                    };
                    let group_enlisted =
                        self.state.services[&group].state != ServiceState::Unenlisted;
                    if group_enlisted && self.enlisted_members(g) == 1 {
                        return refuse(format!(
                            "it is the last enlisted member of {group}, which is enlisted"
                        ));
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn enlisted_members(&self, group: &SendPortGroupDef) -> usize {
        group
            .members
            .iter()
            .filter(|m| {
                self.state
                    .services
                    .get(&Owner::SendPort(m.to_string()))
                    .is_some_and(|s| s.state != ServiceState::Unenlisted)
            })
            .count()
    }

    pub(super) fn groups_containing(&self, port: &str) -> Vec<Owner> {
        // Owners sort by kind, send port groups last: only they are read, not every port (asked once
        // per port, a scan of all services made a 20,000-port import quadratic).
        self.state
            .services
            .range(Owner::SendPortGroup(String::new())..)
            .filter_map(|(owner, s)| match &s.def {
                ServiceDef::SendPortGroup(g) if g.members.iter().any(|m| m == port) => {
                    Some(owner.clone())
                }
                _ => None,
            })
            .collect()
    }

    /// The filter a subscriber's activation subscription uses: a send port also subscribes to its own
    /// transport id, a group to its group id (domain.md 1.6); an orchestration's message type joins
    /// every AND-group (domain.md 1.7).
    fn subscription_filter(
        &self,
        def: &ServiceDef,
    ) -> Result<(Filter, CompiledFilter), CommandError> {
        let filter = activation_filter(def);
        let compiled =
            CompiledFilter::compile(&filter, &self.state.schema, self.state.collation)
                .map_err(|e| CommandError::Refused(format!("{}: filter: {e}", owner_of(def))))?;
        Ok((filter, compiled))
    }

    /// Creates the subscriber's activation subscription if it should have one and does not.
    fn ensure_subscription(
        &mut self,
        owner: &Owner,
        events: &mut Vec<Event>,
    ) -> Result<(), CommandError> {
        if self.activation_subscription(owner).is_some() {
            return Ok(());
        }
        let service = &self.state.services[owner];
        // Enlisting an empty group creates no subscription (domain.md 4.3).
        if let ServiceDef::SendPortGroup(g) = &service.def {
            if self.enlisted_members(g) == 0 {
                return Ok(());
            }
        }
        let (filter, compiled) = self.subscription_filter(&service.def)?;
        let (host, priority, convoy) = match &service.def {
            ServiceDef::SendPort(p) => (p.host.clone(), p.priority, None),
            ServiceDef::SendPortGroup(_) => (String::new(), SEND_PORT_PRIORITY, None),
            ServiceDef::Orchestration(o) => (o.host.clone(), ACTIVATION_PRIORITY, o.convoy.clone()),
        };
        let state = match service.state {
            ServiceState::Started => SubscriptionState::Started,
            _ => SubscriptionState::Stopped,
        };
        let id = SubId(self.next_id());
        events.push(Event::SubscriptionCreated {
            subscription: id,
            owner: owner.clone(),
            filter: filter.to_orchestration(&self.state.schema),
        });
        self.insert_sub(Subscription {
            id,
            kind: SubscriptionKind::Activation,
            owner: owner.clone(),
            host,
            priority,
            state,
            filter,
            compiled,
            convoy,
        });
        Ok(())
    }

    pub fn activation_subscription(&self, owner: &Owner) -> Option<&Subscription> {
        self.lookups
            .subs_by_owner
            .get(owner)?
            .iter()
            .filter_map(|id| self.state.subscriptions.get(id))
            .find(|s| s.kind == SubscriptionKind::Activation)
    }

    fn set_subscription_state(
        &mut self,
        owner: &Owner,
        state: SubscriptionState,
        events: &mut Vec<Event>,
    ) {
        for id in self.subscriptions_of(owner) {
            let Some(sub) = self.state.subscriptions.get_mut(&id) else {
                continue;
            };
            if sub.kind == SubscriptionKind::Activation && sub.state != state {
                sub.state = state;
                events.push(Event::SubscriptionStateChanged {
                    subscription: sub.id,
                    owner: owner.clone(),
                    state,
                });
            }
        }
    }

    /// Unenlisting removes the subscriber's subscriptions (and a convoy's sets): no subscription exists
    /// any more, so what only it would have taken becomes a routing failure (domain.md 4.4).
    fn remove_subscriptions(&mut self, owner: &Owner, events: &mut Vec<Event>) {
        for id in self.subscriptions_of(owner) {
            self.remove_sub(id);
            events.push(Event::SubscriptionRemoved {
                subscription: id,
                owner: owner.clone(),
            });
        }
    }

    /// Adds an instance subscription for a running instance (a correlated, following receive). It has
    /// priority 5, so correlated messages go first (domain.md 1.6), and ends with the instance.
    pub fn subscribe_instance(
        &mut self,
        instance: InstanceId,
        filter: Filter,
    ) -> Result<(SubId, Vec<Event>), CommandError> {
        let owner = self
            .state
            .instances
            .get(&instance)
            .filter(|i| i.active)
            .map(|i| i.owner.clone())
            .ok_or_else(|| CommandError::Unknown(format!("running instance {}", instance.0)))?;
        let compiled = CompiledFilter::compile(&filter, &self.state.schema, self.state.collation)
            .map_err(|e| CommandError::Refused(format!("instance subscription: {e}")))?;
        let host = self
            .activation_subscription(&owner)
            .map(|s| s.host.clone())
            .unwrap_or_default();
        let id = SubId(self.next_id());
        let event = Event::SubscriptionCreated {
            subscription: id,
            owner: owner.clone(),
            filter: filter.to_orchestration(&self.state.schema),
        };
        self.insert_sub(Subscription {
            id,
            kind: SubscriptionKind::Instance(instance),
            owner,
            host,
            priority: INSTANCE_PRIORITY,
            state: SubscriptionState::Started,
            filter,
            compiled,
            convoy: None,
        });
        Ok((id, vec![event]))
    }

    /// Completes an instance: its instance subscriptions and convoy sets are deleted (domain.md 1.6).
    pub fn complete_instance(&mut self, instance: InstanceId) -> Result<Vec<Event>, CommandError> {
        let entry = self
            .state
            .instances
            .get_mut(&instance)
            .filter(|i| i.active)
            .ok_or_else(|| CommandError::Unknown(format!("running instance {}", instance.0)))?;
        entry.active = false;
        self.ended.insert(instance);
        let mut events = vec![Event::InstanceCompleted { instance }];
        let ids = self
            .lookups
            .subs_by_instance
            .get(&instance)
            .cloned()
            .unwrap_or_default();
        for id in ids {
            if let Some(s) = self.remove_sub(id) {
                events.push(Event::SubscriptionRemoved {
                    subscription: id,
                    owner: s.owner,
                });
            }
        }
        self.remove_convoys_of(instance);
        Ok(events)
    }
}

/// The owner a subscriber's subscriptions carry.
pub fn owner_of(def: &ServiceDef) -> Owner {
    match def {
        ServiceDef::SendPort(p) => Owner::SendPort(p.name.clone()),
        ServiceDef::SendPortGroup(g) => Owner::SendPortGroup(g.name.clone()),
        ServiceDef::Orchestration(o) => Owner::Orchestration(o.name.clone()),
    }
}
