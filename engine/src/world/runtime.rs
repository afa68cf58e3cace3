//! The orchestration runtime: instances run their compiled programs until they wait or end; messages
//! delivered by the MessageBox wake them; exceptions unwind to scope handlers or suspend the instance
//! (domain.md 1.12, 1.13, 3, 6).

use super::{Cx, Group, Work, WorldEvent};
use crate::filter::{Filter, Op, Predicate};
use crate::message::{message_type_of, Context, MessageDraft, MessageId};
use crate::messagebox::{CommandError, Event, InstanceId, Owner, Publisher, Target};
use crate::orchestration::{
    calls, eval, receives, Binding, EvalContext, Frame, InstanceState, Instr, ListenTrigger,
    Pattern, Port, Program, Receive, Run, ScopeFrame, Send, Template, Wait,
};
use crate::property::{PropertyName, Value};
use std::collections::BTreeSet;

/// More steps than this without waiting is taken for a loop that never waits.
const MAX_STEPS: usize = 10_000;

/// The exception a direct-bound send raises when nothing subscribes (domain.md 1.9).
pub const ROUTING_FAILURE: &str = "RoutingFailureException";

/// System properties a send sets from its port binding; a copied message's old values are cleared first.
const PORT_PROPERTIES: &[&str] = &[
    "BTS.SPTransportID",
    "BTS.SPGroupID",
    "BTS.SPName",
    "BTS.PartnerPort",
    "BTS.CorrelationToken",
    "BTS.EpmRRCorrelationToken",
    "BTS.AckRequired",
    "BTS.OutboundTransportLocation",
    "BTS.ReceivePortName",
    "BTS.InboundTransportType",
    "BTS.InboundTransportLocation",
];

enum Flow {
    Continue,
    Stop,
}

/// An exception: its name and what happened.
struct Thrown(String, String);

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

/// The convoy of a program (domain.md 1.6): a correlation set its activating receive initialises and a
/// later receive on the same port follows. Returns the set's name and properties.
pub fn convoy(program: &Program) -> Option<(String, Vec<String>)> {
    let act = activation(program)?;
    act.initialize.iter().find_map(|set| {
        let followed = receives(program)
            .iter()
            .any(|r| !r.activate && r.port == act.port && r.follow.as_ref() == Some(set));
        let def = program.correlation_sets.iter().find(|c| &c.name == set)?;
        followed.then(|| (set.clone(), def.properties.clone()))
    })
}

/// `a == x && b == y ...` as a one-group filter.
fn equalities(pairs: &[(String, String)]) -> Filter {
    Filter {
        groups: vec![pairs
            .iter()
            .map(|(p, v)| Predicate {
                property: PropertyName::parse(p).expect("property names in programs are valid"),
                op: Op::Eq,
                value: Some(v.clone()),
            })
            .collect()],
    }
}

fn message_type_matches(context: &Context, body: &str, wanted: Option<&str>) -> bool {
    let Some(wanted) = wanted else {
        return true;
    };
    let promoted = context
        .get(&PropertyName::parse("BTS.MessageType").expect("name"))
        .map(|p| p.value.to_string());
    promoted.or_else(|| message_type_of(body)).as_deref() == Some(wanted)
}

impl Group {
    /// Takes queued references off the work queues, and hands what was delivered to instances and send
    /// ports.
    pub(crate) fn dispatch(&mut self, cx: &mut Cx) {
        let events = self.messagebox.dispatch();
        let activated: BTreeSet<InstanceId> = events
            .iter()
            .filter_map(|e| match e {
                Event::InstanceActivated { instance, .. } => Some(*instance),
                _ => None,
            })
            .collect();
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
                    if activated.contains(&i) {
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
        // Replies to this instance's ports are addressed to `instance/port` (BTS.CorrelationToken).
        // A delivery notification is addressed the same way, and is told apart from the message it
        // acknowledges (which carries the same token) by its AckType.
        let mut token_ports = BTreeSet::new();
        for p in program_tree(cx, orchestration) {
            for port in &p.ports {
                if port.binding == Binding::SelfCorrelating
                    || port.pattern == Pattern::SolicitResponse
                {
                    token_ports.insert((port.name.clone(), false));
                }
            }
            for s in crate::orchestration::sends(p) {
                if s.delivery_notification {
                    token_ports.insert((s.port.clone(), true));
                }
            }
        }
        for (port, ack) in token_ports {
            let mut pairs = vec![(
                "BTS.CorrelationToken".to_string(),
                format!("{}/{port}", id.0),
            )];
            if ack {
                pairs.push(("BTS.AckType".into(), "ACK".into()));
            }
            let filter = equalities(&pairs);
            if let Ok((sub, events)) = self.messagebox.subscribe_instance(id, filter) {
                self.instance_ports.insert(sub, (id, port));
                cx.emit_all(events);
            }
        }
        cx.after(
            cx.settings.step_ms,
            Work::Run {
                group: cx.group.to_string(),
                instance: id,
            },
        );
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
            cx.after(
                cx.settings.step_ms,
                Work::Run {
                    group: cx.group.to_string(),
                    instance: id,
                },
            );
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
                Err(Thrown(name, detail)) => self.throw(cx, id, &name, &detail),
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

    fn advance(&mut self, id: InstanceId) {
        self.frame(id).pc += 1;
    }

    fn evaluate(
        &mut self,
        cx: &Cx,
        id: InstanceId,
        expr: &crate::orchestration::Expr,
    ) -> Result<Value, Thrown> {
        let frame = self.runs[&id].frames.last().expect("a frame");
        let ecx = EvalContext {
            variables: &frame.variables,
            messages: &frame.messages,
            config: cx.config,
            instance: id.0,
        };
        eval(expr, &ecx).map_err(|e| Thrown("XLANGsException".into(), e.0))
    }

    fn step(&mut self, cx: &mut Cx, id: InstanceId) -> Result<Flow, Thrown> {
        let (program, pc) = {
            let f = self.runs[&id].frames.last().expect("a frame");
            (f.program.clone(), f.pc)
        };
        let instr = cx.compiled[&program][pc].clone();
        match instr {
            Instr::Receive(r) => {
                if let Some(message) = self.take(id, &r.port, r.message_type.as_deref()) {
                    self.bind(cx, id, &r, message)?;
                    self.advance(id);
                    return Ok(Flow::Continue);
                }
                self.wait(cx, id, pc, vec![(ListenTrigger::Receive(r), pc + 1)]);
                Ok(Flow::Stop)
            }
            Instr::Listen { branches } => {
                let run = &self.runs[&id];
                let ready = run
                    .inbox
                    .iter()
                    .enumerate()
                    .find_map(|(at, (port, message))| {
                        let m = self.messagebox.message(*message)?;
                        branches.iter().find_map(|(trigger, target)| match trigger {
                            ListenTrigger::Receive(r)
                                if &r.port == port
                                    && message_type_matches(
                                        m.context(),
                                        m.body(),
                                        r.message_type.as_deref(),
                                    ) =>
                            {
                                Some((at, r.clone(), *target))
                            }
                            _ => None,
                        })
                    });
                if let Some((at, r, target)) = ready {
                    let (_, message) = self.run(id).inbox.remove(at);
                    self.bind(cx, id, &r, message)?;
                    self.frame(id).pc = target;
                    return Ok(Flow::Continue);
                }
                if let Some((_, target)) = branches
                    .iter()
                    .find(|(t, _)| matches!(t, ListenTrigger::Delay { ms: 0 }))
                {
                    self.frame(id).pc = *target;
                    return Ok(Flow::Continue);
                }
                self.wait(cx, id, pc, branches);
                Ok(Flow::Stop)
            }
            Instr::Delay { ms: 0 } => {
                self.advance(id);
                Ok(Flow::Continue)
            }
            Instr::Delay { ms } => {
                self.wait(cx, id, pc, vec![(ListenTrigger::Delay { ms }, pc + 1)]);
                Ok(Flow::Stop)
            }
            Instr::Send(s) => self.send(cx, id, &program, &s),
            Instr::Construct {
                message,
                from,
                body,
                set,
            } => {
                let mut draft = match &from {
                    Some(f) => self.frame(id).messages.get(f).cloned().ok_or_else(|| {
                        Thrown(
                            "XLANGsException".into(),
                            format!("message {f} is not constructed"),
                        )
                    })?,
                    None => MessageDraft::new(""),
                };
                if let Some(t) = &body {
                    let xml = self.render(cx, id, t)?;
                    let b = draft.body_part;
                    draft.parts[b].content = xml;
                }
                let schema = self.messagebox.schema().clone();
                for a in &set {
                    // Values are set after the body, so a construct can read the message it builds from.
                    let value = self.evaluate(cx, id, &a.value)?.to_string();
                    let result = if a.promote {
                        draft.promote_text(&schema, &a.property, &value)
                    } else {
                        draft.write_text(&schema, &a.property, &value)
                    };
                    result.map_err(|e| Thrown("XLANGsException".into(), e.to_string()))?;
                }
                self.frame(id).messages.insert(message, draft);
                self.advance(id);
                Ok(Flow::Continue)
            }
            Instr::Assign { variable, value } => {
                let v = self.evaluate(cx, id, &value)?;
                if variable == "status" {
                    self.run(id).status = Some(v.to_string());
                }
                self.frame(id).variables.insert(variable, v);
                self.advance(id);
                Ok(Flow::Continue)
            }
            Instr::JumpUnless { condition, target } => {
                let v = self.evaluate(cx, id, &condition)?;
                let yes = crate::orchestration::truth(&v)
                    .map_err(|e| Thrown("XLANGsException".into(), e.0))?;
                self.frame(id).pc = if yes { pc + 1 } else { target };
                Ok(Flow::Continue)
            }
            Instr::Jump(target) => {
                self.frame(id).pc = target;
                Ok(Flow::Continue)
            }
            Instr::Call {
                orchestration,
                messages,
            } => {
                if !cx.compiled.contains_key(&orchestration) {
                    return Err(Thrown(
                        "XLANGsException".into(),
                        format!("no orchestration {orchestration} to call"),
                    ));
                }
                let mut callee = Frame::new(&orchestration);
                for (param, var) in &messages {
                    if let Some(m) = self.frame(id).messages.get(var).cloned() {
                        callee.messages.insert(param.clone(), m);
                    }
                }
                callee.returns = messages;
                self.advance(id);
                self.run(id).frames.push(callee);
                Ok(Flow::Continue)
            }
            Instr::Start {
                orchestration,
                messages,
            } => {
                if !cx.compiled.contains_key(&orchestration) {
                    return Err(Thrown(
                        "XLANGsException".into(),
                        format!("no orchestration {orchestration} to start"),
                    ));
                }
                let passed: Vec<(String, MessageDraft)> = messages
                    .iter()
                    .filter_map(|(param, var)| {
                        Some((param.clone(), self.frame(id).messages.get(var)?.clone()))
                    })
                    .collect();
                let started = self
                    .messagebox
                    .create_instance(Owner::Orchestration(orchestration.clone()));
                self.start_run(cx, &orchestration, started, passed);
                self.advance(id);
                Ok(Flow::Continue)
            }
            Instr::ScopeEnter {
                name,
                atomic,
                handlers,
                end,
            } => {
                self.frame(id).scopes.push(ScopeFrame {
                    name,
                    atomic,
                    handlers,
                    end,
                    pending: Vec::new(),
                });
                self.advance(id);
                Ok(Flow::Continue)
            }
            Instr::ScopeExit => {
                let scope = self
                    .frame(id)
                    .scopes
                    .pop()
                    .expect("scope exit matches an enter");
                self.advance(id);
                if scope.atomic && !scope.pending.is_empty() {
                    self.commit(cx, id, scope.pending)?;
                }
                Ok(Flow::Continue)
            }
            Instr::Throw { exception } => {
                Err(Thrown(exception, "thrown by the orchestration".into()))
            }
            Instr::Terminate { reason } => {
                let reason = self.evaluate(cx, id, &reason)?.to_string();
                self.finish(cx, id, InstanceState::Terminated { reason });
                Ok(Flow::Stop)
            }
            Instr::Log { text } => {
                let text = self.evaluate(cx, id, &text)?.to_string();
                cx.emit(WorldEvent::Logged { instance: id, text });
                self.advance(id);
                Ok(Flow::Continue)
            }
            Instr::End => {
                if self.runs[&id].frames.len() > 1 {
                    let callee = self.run(id).frames.pop().expect("callee");
                    for (param, var) in &callee.returns {
                        if let Some(m) = callee.messages.get(param) {
                            self.frame(id).messages.insert(var.clone(), m.clone());
                        }
                    }
                    return Ok(Flow::Continue);
                }
                self.finish(cx, id, InstanceState::Completed);
                Ok(Flow::Stop)
            }
        }
    }

    /// Takes the first message waiting in the inbox for this port (and type).
    fn take(
        &mut self,
        id: InstanceId,
        port: &str,
        message_type: Option<&str>,
    ) -> Option<MessageId> {
        let run = &self.runs[&id];
        let at = run.inbox.iter().position(|(p, m)| {
            p == port
                && self
                    .messagebox
                    .message(*m)
                    .is_some_and(|m| message_type_matches(m.context(), m.body(), message_type))
        })?;
        Some(self.run(id).inbox.remove(at).1)
    }

    /// Binds a received message to its variable, initialises correlation sets, and remembers where to
    /// send the response of a request-response port.
    fn bind(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        r: &Receive,
        message: MessageId,
    ) -> Result<(), Thrown> {
        let draft = self
            .messagebox
            .message(message)
            .expect("delivered messages are stored")
            .to_draft();
        cx.emit(WorldEvent::Consumed {
            instance: id,
            port: r.port.clone(),
            message,
        });
        for set in &r.initialize {
            self.initialize(cx, id, set, &draft.context)?;
        }
        let port = self.port(cx, id, &r.port);
        if port.is_some_and(|p| p.pattern == Pattern::RequestResponse) {
            if let Some(token) = draft
                .context
                .get(&PropertyName::parse("BTS.EpmRRCorrelationToken").expect("name"))
            {
                let token = token.value.to_string();
                self.run(id).reply_to.insert(r.port.clone(), token);
            }
        }
        self.frame(id).messages.insert(r.message.clone(), draft);
        Ok(())
    }

    /// The port definition, from the running frame's program or any program of the instance.
    fn port(&self, cx: &Cx, id: InstanceId, name: &str) -> Option<Port> {
        let run = &self.runs[&id];
        run.frames
            .iter()
            .rev()
            .filter_map(|f| cx.programs.get(&f.program))
            .chain(program_tree(cx, &run.orchestration))
            .find_map(|p| p.ports.iter().find(|port| port.name == name).cloned())
    }

    /// Initialises a correlation set from a message's context and subscribes the receives that follow it
    /// (a convoy's own following receive is routed by the MessageBox's convoy set instead).
    fn initialize(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        set: &str,
        context: &Context,
    ) -> Result<(), Thrown> {
        let root = self.runs[&id].orchestration.clone();
        let tree = program_tree(cx, &root);
        let def = tree
            .iter()
            .find_map(|p| p.correlation_sets.iter().find(|c| c.name == set))
            .ok_or_else(|| {
                Thrown(
                    "XLANGsException".into(),
                    format!("no correlation set {set}"),
                )
            })?
            .clone();
        let mut values = Vec::new();
        for p in &def.properties {
            let name = PropertyName::parse(p).map_err(|e| Thrown("XLANGsException".into(), e))?;
            let v = context.get(&name).ok_or_else(|| {
                Thrown(
                    "CorrelationException".into(),
                    format!("{p} is missing, so {set} cannot be initialised"),
                )
            })?;
            values.push(v.value.clone());
        }
        self.run(id)
            .correlation
            .insert(set.to_string(), (def.properties.clone(), values.clone()));
        let convoy_port = cx
            .programs
            .get(&root)
            .and_then(|p| convoy(p).filter(|(s, _)| s == set).and(activation(p)))
            .map(|r| r.port.clone());
        let mut done = BTreeSet::new();
        for program in tree {
            for r in receives(program) {
                if r.follow.as_deref() != Some(set) || Some(&r.port) == convoy_port.as_ref() {
                    continue;
                }
                if !done.insert((r.port.clone(), r.message_type.clone())) {
                    continue;
                }
                let mut pairs: Vec<(String, String)> = def
                    .properties
                    .iter()
                    .cloned()
                    .zip(values.iter().map(|v| v.to_string()))
                    .collect();
                if let Some(t) = &r.message_type {
                    pairs.push(("BTS.MessageType".into(), t.clone()));
                }
                let physical = program.ports.iter().find_map(|p| match &p.binding {
                    Binding::Physical { name } if p.name == r.port => Some(name.clone()),
                    _ => None,
                });
                if let Some(name) =
                    physical.filter(|n| self.receive_ports.iter().any(|rp| &rp.name == n))
                {
                    pairs.push(("BTS.ReceivePortName".into(), name));
                }
                let (sub, events) = self
                    .messagebox
                    .subscribe_instance(id, equalities(&pairs))
                    .map_err(|e| Thrown("CorrelationException".into(), e.to_string()))?;
                self.instance_ports.insert(sub, (id, r.port.clone()));
                cx.emit_all(events);
            }
        }
        Ok(())
    }

    fn render(&mut self, cx: &Cx, id: InstanceId, t: &Template) -> Result<String, Thrown> {
        let mut xml = format!("<{} xmlns=\"{}\">", t.root, t.namespace);
        for (field, expr) in &t.fields {
            let v = self.evaluate(cx, id, expr)?.to_string();
            xml.push_str(&format!(
                "<{field}>{}</{field}>",
                super::transport::escape(&v)
            ));
        }
        xml.push_str(&format!("</{}>", t.root));
        Ok(xml)
    }

    /// Sets the routing properties of an outgoing message from its port's binding (domain.md 3).
    fn address(
        &mut self,
        cx: &Cx,
        id: InstanceId,
        port: &Port,
        s: &Send,
        draft: &mut MessageDraft,
    ) -> Result<(), Thrown> {
        let schema = self.messagebox.schema().clone();
        for p in PORT_PROPERTIES {
            draft.context.write(p, None).expect("valid names");
        }
        // The engine promotes the message type of what an orchestration publishes.
        let _ = draft.promote_message_type(&schema);
        let promote = |draft: &mut MessageDraft, name: &str, value: String| {
            draft
                .promote_text(&schema, name, &value)
                .map_err(|e| Thrown("XLANGsException".into(), e.to_string()))
        };
        let token = |port: &str| format!("{}/{port}", id.0);
        match &port.binding {
            Binding::MessageBox => {}
            Binding::Physical { name } => {
                let group = Owner::SendPortGroup(name.clone());
                if self.messagebox.state().services.contains_key(&group) {
                    promote(draft, "BTS.SPGroupID", name.clone())?;
                } else {
                    promote(draft, "BTS.SPTransportID", name.clone())?;
                    promote(draft, "BTS.SPName", name.clone())?;
                }
            }
            Binding::Partner {
                orchestration,
                port,
            } => {
                promote(draft, "BTS.PartnerPort", format!("{orchestration}.{port}"))?;
            }
            Binding::Dynamic { send_port, address } => {
                let address = self.evaluate(cx, id, address)?.to_string();
                promote(draft, "BTS.SPTransportID", send_port.clone())?;
                promote(draft, "BTS.OutboundTransportLocation", address)?;
            }
            Binding::ReplyTo { address } => {
                let address = self.evaluate(cx, id, address)?.to_string();
                promote(draft, "BTS.CorrelationToken", address)?;
            }
            Binding::SelfCorrelating => promote(draft, "BTS.CorrelationToken", token(&port.name))?,
        }
        match port.pattern {
            Pattern::SolicitResponse => {
                promote(draft, "BTS.EpmRRCorrelationToken", token(&port.name))?
            }
            Pattern::RequestResponse => {
                let to = self.runs[&id]
                    .reply_to
                    .get(&port.name)
                    .cloned()
                    .ok_or_else(|| {
                        Thrown(
                            "XLANGsException".into(),
                            format!("no request on {} to respond to", port.name),
                        )
                    })?;
                promote(draft, "BTS.CorrelationToken", to)?;
            }
            Pattern::OneWaySend | Pattern::OneWayReceive => {}
        }
        if s.delivery_notification {
            promote(draft, "BTS.AckRequired", "true".into())?;
            promote(draft, "BTS.CorrelationToken", token(&port.name))?;
        }
        Ok(())
    }

    fn send(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        program: &str,
        s: &Send,
    ) -> Result<Flow, Thrown> {
        let port = self.port(cx, id, &s.port).ok_or_else(|| {
            Thrown(
                "XLANGsException".into(),
                format!("{program} has no port {}", s.port),
            )
        })?;
        let mut draft = self
            .frame(id)
            .messages
            .get(&s.message)
            .cloned()
            .ok_or_else(|| {
                Thrown(
                    "XLANGsException".into(),
                    format!("message {} is not constructed", s.message),
                )
            })?;
        self.address(cx, id, &port, s, &mut draft)?;
        // An initialising send promotes the correlation properties (domain.md 3).
        let schema = self.messagebox.schema().clone();
        for set in &s.initialize {
            let props = program_tree(cx, &self.runs[&id].orchestration)
                .iter()
                .find_map(|p| {
                    p.correlation_sets
                        .iter()
                        .find(|c| &c.name == set)
                        .map(|c| c.properties.clone())
                })
                .unwrap_or_default();
            for p in props {
                let value = draft
                    .context
                    .get(&PropertyName::parse(&p).expect("name"))
                    .map(|v| v.value.clone());
                if let Some(v) = value {
                    draft
                        .context
                        .promote(&schema, &p, v)
                        .map_err(|e| Thrown("CorrelationException".into(), e.to_string()))?;
                }
            }
            self.initialize(cx, id, set, &draft.context.clone())?;
        }
        if let Some(scope) = self.frame(id).scopes.iter_mut().rev().find(|sc| sc.atomic) {
            scope.pending.push((s.port.clone(), draft));
            self.advance(id);
            return Ok(Flow::Continue);
        }
        self.publish(cx, id, &s.port, draft)?;
        self.advance(id);
        Ok(Flow::Continue)
    }

    fn publish(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        port: &str,
        draft: MessageDraft,
    ) -> Result<(), Thrown> {
        let publisher = Publisher::Orchestration {
            name: self.runs[&id].orchestration.clone(),
        };
        match self.messagebox.publish(draft, &publisher) {
            Ok((message, events)) => {
                cx.emit(WorldEvent::Sent {
                    instance: id,
                    port: port.to_string(),
                    message,
                });
                cx.emit_all(events);
                cx.after(
                    cx.settings.dispatch_ms,
                    Work::Dispatch {
                        group: cx.group.to_string(),
                    },
                );
                Ok(())
            }
            Err(CommandError::NoSubscribers { .. }) => Err(Thrown(
                ROUTING_FAILURE.into(),
                format!("{}: {}", port, crate::messagebox::NO_SUBSCRIBERS_TEXT),
            )),
            Err(e) => Err(Thrown("XLANGsException".into(), e.to_string())),
        }
    }

    /// An atomic scope's sends go out together, or none does (domain.md 6.2).
    fn commit(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        pending: Vec<(String, MessageDraft)>,
    ) -> Result<(), Thrown> {
        if let Some((port, _)) = pending
            .iter()
            .find(|(_, d)| !self.messagebox.would_route(d))
        {
            return Err(Thrown(
                ROUTING_FAILURE.into(),
                format!(
                    "{port}: {} (the atomic scope published none of its messages)",
                    crate::messagebox::NO_SUBSCRIBERS_TEXT
                ),
            ));
        }
        for (port, draft) in pending {
            self.publish(cx, id, &port, draft)?;
        }
        Ok(())
    }

    /// Unwinds to the innermost scope with a handler for the exception; with none, the instance is
    /// suspended (resumable), and resuming runs the failed shape again (domain.md 1.9).
    fn throw(&mut self, cx: &mut Cx, id: InstanceId, exception: &str, detail: &str) -> Flow {
        cx.emit(WorldEvent::ExceptionThrown {
            instance: id,
            exception: exception.into(),
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

    fn suspend(&mut self, cx: &mut Cx, id: InstanceId, resumable: bool, error: String) {
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

    /// Ends an instance: its instance subscriptions go. One that completes with messages still in its
    /// inbox is suspended instead (the BPM broker with two ACKs, domain.md 6.2).
    pub(crate) fn finish(&mut self, cx: &mut Cx, id: InstanceId, end: InstanceState) {
        if let Ok(events) = self.messagebox.complete_instance(id) {
            cx.emit_all(events);
        }
        self.instance_ports.retain(|_, (i, _)| *i != id);
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

    /// Waits at `pc` for the branches. Waking and waiting again at the same place keeps the deadline.
    fn wait(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        pc: usize,
        branches: Vec<(ListenTrigger, usize)>,
    ) {
        let now = cx.now;
        let run = self.run(id);
        let previous = match &run.wait {
            Some(Wait::Messages { at_pc, until, .. }) if *at_pc == pc => *until,
            _ => None,
        };
        let shortest = branches
            .iter()
            .filter_map(|(t, _)| match t {
                ListenTrigger::Delay { ms } => Some(*ms),
                ListenTrigger::Receive(_) => None,
            })
            .min();
        let until = previous.or(shortest.map(|ms| now + ms));
        run.wait = Some(Wait::Messages {
            at_pc: pc,
            branches,
            until,
        });
        run.state = InstanceState::Waiting;
        run.wait_epoch += 1;
        let epoch = run.wait_epoch;
        cx.emit(WorldEvent::Waiting { instance: id });
        if let Some(u) = until {
            cx.agenda.at(
                u,
                Work::Timer {
                    group: cx.group.to_string(),
                    instance: id,
                    epoch,
                },
            );
        }
        let threshold = cx.settings.dehydrate_after_ms;
        if threshold > 0 && until.is_none_or(|u| u > now + threshold) {
            cx.after(
                threshold,
                Work::Dehydrate {
                    group: cx.group.to_string(),
                    instance: id,
                    epoch,
                },
            );
        }
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
                cx.after(
                    cx.settings.step_ms,
                    Work::Run {
                        group: cx.group.to_string(),
                        instance: id,
                    },
                );
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
}
