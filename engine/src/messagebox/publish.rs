//! The publish algorithm (domain.md 1.8) and what happens when nothing matches (domain.md 1.9).

use super::*;
use crate::matcher::RoutingProps;
use crate::message::MessageDraft;
use crate::property::{bts, error_report};

/// Who published a message; it decides what a routing failure does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Publisher {
    /// A receive location of this port. `failed_message_routing` is the port's "Enable routing for
    /// failed messages"; requests on two-way ports are suspended non-resumable (domain.md 1.9).
    ReceivePort {
        port: String,
        failed_message_routing: bool,
        two_way: bool,
    },
    /// An orchestration's direct-bound send: no subscriber means an exception, not a suspended message.
    Orchestration { name: String },
    /// A delivery notification from a send port: with no subscriber it is discarded, not suspended
    /// (domain.md 1.10).
    Acknowledgement { send_port: String },
}

impl std::fmt::Display for Publisher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

impl Publisher {
    pub fn label(&self) -> String {
        match self {
            Publisher::ReceivePort { port, .. } => format!("receive port {port}"),
            Publisher::Orchestration { name } => format!("orchestration {name}"),
            Publisher::Acknowledgement { send_port } => format!("acknowledgement from {send_port}"),
        }
    }
}

/// The failure code usually shown for "no subscribers" ([unverified], domain.md 1.9).
const NO_SUBSCRIBERS_CODE: &str = "0xC0C01680";

impl MessageBox {
    /// The message's promoted properties as the matcher sees them. Only promoted properties route.
    pub fn routing_props(&self, message: &crate::message::Context) -> RoutingProps {
        let schema = &self.state.schema;
        RoutingProps::new(
            message
                .promoted()
                .filter_map(|(name, value)| Some((schema.id_of(name)?, value.clone()))),
            self.state.collation,
        )
    }

    /// Publishes a message: every matching subscriber gets its own reference, in priority order. With
    /// no match, a receive port's message becomes a routing failure and an orchestration's publish is
    /// refused with the product's error, storing nothing.
    pub fn publish(
        &mut self,
        draft: MessageDraft,
        publisher: &Publisher,
    ) -> Result<(MessageId, Vec<Event>), CommandError> {
        let props = self.routing_props(&draft.context);
        let mut matched: Vec<&Subscription> = self
            .matcher
            .matches(&props)
            .iter()
            .filter_map(|id| self.state.subscriptions.get(id))
            .filter(|s| s.state != SubscriptionState::Disabled)
            .collect();
        // Ids are unique (the matcher returns each once), so an unstable sort gives the same order.
        matched.sort_unstable_by_key(|s| (s.priority, s.id));
        let matched: Vec<SubId> = matched.iter().map(|s| s.id).collect();

        if matched.is_empty() && !matches!(publisher, Publisher::ReceivePort { .. }) {
            return Err(CommandError::NoSubscribers {
                publisher: publisher.label(),
            });
        }
        let id = MessageId(self.next_id());
        self.state.messages.insert(id, Message::new(id, draft));
        self.state.publishers.insert(id, publisher.clone());
        let mut events = vec![
            Event::Published {
                message: id,
                publisher: publisher.clone(),
            },
            Event::Evaluated {
                message: id,
                matched: matched.clone(),
            },
        ];
        if matched.is_empty() {
            self.routing_failure(id, publisher, &mut events);
        }
        for sub in matched {
            self.reference_for(id, sub, &props, publisher, &mut events);
        }
        Ok((id, events))
    }

    /// Whether a publish of this draft would find at least one subscriber, without publishing it (an
    /// atomic scope checks all its sends before any is published).
    pub fn would_route(&mut self, draft: &MessageDraft) -> bool {
        let props = self.routing_props(&draft.context);
        self.matcher.matches(&props).iter().any(|id| {
            self.state
                .subscriptions
                .get(id)
                .is_some_and(|s| s.state != SubscriptionState::Disabled)
        })
    }

    /// Creates the reference(s) for one matching subscription: a send port group fans out to its
    /// enlisted members; a convoy set redirects an activation match to its instance.
    fn reference_for(
        &mut self,
        message: MessageId,
        sub: SubId,
        props: &RoutingProps,
        publisher: &Publisher,
        events: &mut Vec<Event>,
    ) {
        // Work out the targets first (reading state), then create the references (changing it).
        let s = &self.state.subscriptions[&sub];
        let started = s.state == SubscriptionState::Started;
        // The classic loop (domain.md 3): an orchestration publishing what its own activation receive
        // subscribes to would activate itself forever. It is held and reported instead.
        let looping = s.kind == SubscriptionKind::Activation
            && matches!((publisher, &s.owner), (Publisher::Orchestration { name }, Owner::Orchestration(o)) if name == o);
        if looping {
            let target = Target::Subscriber {
                subscription: sub,
                owner: s.owner.clone(),
                host: s.host.clone(),
                priority: s.priority,
                convoy_instance: None,
                via_group: None,
            };
            let owner = s.owner.clone();
            let id = RefId(self.next_id());
            events.push(Event::ActivationLoopDetected {
                reference: id,
                message,
                owner,
            });
            self.insert_ref(MessageRef {
                id,
                message,
                target,
                state: RefState::Suspended {
                    resumable: false,
                    reason: SuspendReason::ActivationLoop,
                },
            });
            return;
        }
        let (owner, host, priority) = (s.owner.clone(), s.host.clone(), s.priority);
        let targets: Vec<(Target, bool)> = match &owner {
            Owner::SendPortGroup(group) => self.member_targets(sub, group, started),
            _ => vec![(
                Target::Subscriber {
                    subscription: sub,
                    owner,
                    host,
                    priority,
                    convoy_instance: None,
                    via_group: None,
                },
                started,
            )],
        };
        let convoy = self.convoy_for(sub, props, events);
        for (mut target, ready) in targets {
            if let Target::Subscriber {
                convoy_instance, ..
            } = &mut target
            {
                *convoy_instance = convoy.map(|(i, _)| i);
            }
            let reference = self.add_reference(message, target, ready, events);
            if let Some((instance, false)) = convoy {
                events.push(Event::ConvoyMatched {
                    reference,
                    instance,
                });
            }
        }
    }

    /// For a convoy's activation subscription, the instance this message is for: the one whose convoy
    /// set holds its correlation values, or, for the first message, a new instance whose set is recorded
    /// now, at routing time, so that every later message of the convoy goes to it even before it runs
    /// (domain.md 1.6). The flag tells a new instance.
    fn convoy_for(
        &mut self,
        sub: SubId,
        props: &RoutingProps,
        events: &mut Vec<Event>,
    ) -> Option<(InstanceId, bool)> {
        let s = &self.state.subscriptions[&sub];
        if s.kind != SubscriptionKind::Activation {
            return None;
        }
        let values = self.convoy_values(s, props)?;
        let key = (sub, values);
        if let Some(instance) = self.state.convoy_sets.get(&key) {
            return Some((*instance, false));
        }
        let instance = self.new_instance(s.owner.clone(), false);
        events.push(Event::ConvoySetCreated {
            instance,
            subscription: sub,
            values: key.1.clone(),
        });
        self.insert_convoy(key, instance);
        Some((instance, true))
    }

    /// A send port group's match fans out to its enlisted members; by domain.md 4.3 a member's copy is
    /// processed only when both the group and the port are started, else it waits suspended.
    fn member_targets(&self, sub: SubId, group: &str, group_started: bool) -> Vec<(Target, bool)> {
        let Some(ServiceDef::SendPortGroup(def)) = self
            .state
            .services
            .get(&Owner::SendPortGroup(group.to_string()))
            .map(|s| &s.def)
        else {
            return Vec::new();
        };
        def.members
            .iter()
            .filter_map(|member| {
                let owner = Owner::SendPort(member.clone());
                let service = self.state.services.get(&owner)?;
                let ServiceDef::SendPort(port) = &service.def else {
                    return None;
                };
                if service.state == ServiceState::Unenlisted {
                    return None;
                }
                let ready = group_started && service.state == ServiceState::Started;
                let target = Target::Subscriber {
                    subscription: sub,
                    owner,
                    host: port.host.clone(),
                    priority: port.priority,
                    convoy_instance: None,
                    via_group: Some(group.to_string()),
                };
                Some((target, ready))
            })
            .collect()
    }

    /// Queues a reference, or holds it suspended (resumable) when its subscriber is stopped.
    fn add_reference(
        &mut self,
        message: MessageId,
        target: Target,
        ready: bool,
        events: &mut Vec<Event>,
    ) -> RefId {
        let id = RefId(self.next_id());
        let Target::Subscriber {
            owner,
            host,
            priority,
            ..
        } = &target
        else {
            unreachable!("subscriber references only");
        };
        events.push(if ready {
            Event::Queued {
                reference: id,
                message,
                owner: owner.clone(),
                host: host.clone(),
                priority: *priority,
            }
        } else {
            Event::Held {
                reference: id,
                message,
                owner: owner.clone(),
                host: host.clone(),
            }
        });
        let state = if ready {
            RefState::Queued { forced: false }
        } else {
            RefState::Suspended {
                resumable: true,
                reason: SuspendReason::SubscriberStopped,
            }
        };
        self.insert_ref(MessageRef {
            id,
            message,
            target,
            state,
        });
        id
    }

    pub(super) fn convoy_values(
        &self,
        sub: &Subscription,
        props: &RoutingProps,
    ) -> Option<Vec<Value>> {
        sub.convoy
            .as_ref()?
            .iter()
            .map(|name| props.get(self.state.schema.id_of(name)?).cloned())
            .collect()
    }

    /// No subscriber (domain.md 1.9): a report with no body and a snapshot of the context, suspended
    /// non-resumable; the message suspended resumable (non-resumable for a two-way request), or, with
    /// failed-message routing, an error message published in its place.
    fn routing_failure(
        &mut self,
        message: MessageId,
        publisher: &Publisher,
        events: &mut Vec<Event>,
    ) {
        let Publisher::ReceivePort {
            port,
            failed_message_routing,
            two_way,
        } = publisher
        else {
            unreachable!("orchestration publishes are refused before this");
        };
        let report = ReportId(self.next_id());
        let reference = RefId(self.next_id());
        let context = self.state.messages[&message].context().clone();
        self.state.reports.insert(
            report,
            RoutingFailureReport {
                id: report,
                failed_message: message,
                context_snapshot: context,
                publisher: publisher.clone(),
                description: crate::messagebox::NO_SUBSCRIBERS_TEXT.to_string(),
            },
        );
        let resumable = !*two_way;
        self.insert_ref(MessageRef {
            id: reference,
            message,
            target: Target::Unrouted { report },
            state: RefState::Suspended {
                resumable,
                reason: SuspendReason::RoutingFailure,
            },
        });
        events.push(Event::RoutingFailed {
            message,
            reference,
            report,
            suspended: !*failed_message_routing,
            resumable,
        });
        if *failed_message_routing {
            let error_draft = self.error_message(message, port, report);
            // The error message is published without failed-message routing, so it cannot loop.
            let plain = Publisher::ReceivePort {
                port: port.clone(),
                failed_message_routing: false,
                two_way: false,
            };
            let (error_message, more) = self
                .publish(error_draft, &plain)
                .expect("receive-port publishes are never refused");
            self.set_ref_state(reference, RefState::Rerouted { error_message });
            events.push(Event::ErrorMessagePublished {
                failed_message: message,
                error_message,
                report,
            });
            events.extend(more);
        }
    }

    /// The error message of failed-message routing: a clone of the failed message with its promoted
    /// properties demoted and the `ErrorReport` properties promoted (domain.md 1.9).
    fn error_message(&self, failed: MessageId, port: &str, report: ReportId) -> MessageDraft {
        let original = &self.state.messages[&failed];
        let mut draft = original.to_draft();
        draft.context.demote_all();
        let schema = &self.state.schema;
        let text_of = |name: &str| {
            original
                .context()
                .iter()
                .find(|(n, _)| n.is(name))
                .map(|(_, p)| p.value.to_string())
        };
        let mut promoted = vec![
            (error_report::FAILURE_CODE, NO_SUBSCRIBERS_CODE.to_string()),
            (error_report::ERROR_TYPE, "FailedMessage".to_string()),
            (error_report::RECEIVE_PORT_NAME, port.to_string()),
            (
                error_report::ROUTING_FAILURE_REPORT_ID,
                report.0.to_string(),
            ),
        ];
        if let Some(t) = text_of(bts::MESSAGE_TYPE) {
            promoted.push((error_report::MESSAGE_TYPE, t));
        }
        if let Some(l) = text_of(bts::INBOUND_TRANSPORT_LOCATION) {
            promoted.push((error_report::INBOUND_TRANSPORT_LOCATION, l));
        }
        for (name, value) in promoted {
            draft
                .context
                .promote(schema, name, Value::string(value))
                .expect("ErrorReport properties are built in and short");
        }
        // The description is the event-log text, and is not promoted.
        draft
            .context
            .write(
                error_report::DESCRIPTION,
                Some(Value::string(NO_SUBSCRIBERS_TEXT)),
            )
            .expect("valid name");
        draft
    }
}
