//! The shape interpreter: one compiled instruction at a time, reading and binding messages from the
//! instance's inbox, and waiting when nothing it needs is there (domain.md 1.12, 1.13).

use super::exceptions::Exception;
use super::{program_tree, Flow};
use crate::message::{message_type_of, Context, MessageDraft, MessageId};
use crate::messagebox::{InstanceId, Owner};
use crate::orchestration::{
    eval, truth, Assignment, EvalContext, Expr, Frame, InstanceState, Instr, ListenTrigger,
    Pattern, Port, Receive, ScopeFrame, Template, Wait,
};
use crate::property::{bts, PropertyName, Value};
use crate::world::transport::escape;
use crate::world::{Cx, Group, Work, WorldEvent};

/// Whether a message is of the wanted type (any, when none is wanted): its promoted BTS.MessageType, or
/// the type its body declares.
fn message_type_matches(context: &Context, body: &str, wanted: Option<&str>) -> bool {
    let Some(wanted) = wanted else {
        return true;
    };
    let promoted = context
        .get(&PropertyName::parse(bts::MESSAGE_TYPE).expect("name"))
        .map(|p| p.value.to_string());
    promoted.or_else(|| message_type_of(body)).as_deref() == Some(wanted)
}

impl Group {
    /// Runs the instruction at the instance's program counter.
    pub(super) fn step(&mut self, cx: &mut Cx, id: InstanceId) -> Result<Flow, Exception> {
        // The instruction is borrowed from the compiled programs, which outlive this work: a step copies
        // only what the instance keeps.
        let compiled = cx.compiled;
        let (instr, pc) = {
            let f = self.runs[&id].frames.last().expect("a frame");
            (&compiled[&f.program][f.pc], f.pc)
        };
        match instr {
            Instr::Receive(r) => {
                if let Some(message) = self.take(id, &r.port, r.message_type.as_deref()) {
                    self.bind(cx, id, r, message)?;
                    self.advance(id);
                    return Ok(Flow::Continue);
                }
                self.wait(
                    cx,
                    id,
                    pc,
                    vec![(ListenTrigger::Receive(r.clone()), pc + 1)],
                );
                Ok(Flow::Stop)
            }
            Instr::Listen { branches } => self.listen(cx, id, pc, branches.clone()),
            Instr::Delay { ms: 0 } => {
                self.advance(id);
                Ok(Flow::Continue)
            }
            Instr::Delay { ms } => {
                self.wait(cx, id, pc, vec![(ListenTrigger::Delay { ms: *ms }, pc + 1)]);
                Ok(Flow::Stop)
            }
            Instr::Send(s) => {
                let program = self.runs[&id]
                    .frames
                    .last()
                    .expect("a frame")
                    .program
                    .clone();
                self.send(cx, id, &program, s)
            }
            Instr::Construct {
                message,
                from,
                body,
                set,
            } => {
                let draft = self.construct(cx, id, from.as_deref(), body.as_ref(), set)?;
                self.frame(id).messages.insert(message.clone(), draft);
                self.advance(id);
                Ok(Flow::Continue)
            }
            Instr::Assign { variable, value } => {
                let v = self.evaluate(cx, id, value)?;
                if variable == "status" {
                    self.run(id).status = Some(v.to_string());
                }
                self.frame(id).variables.insert(variable.clone(), v);
                self.advance(id);
                Ok(Flow::Continue)
            }
            Instr::JumpUnless { condition, target } => {
                let v = self.evaluate(cx, id, condition)?;
                let yes = truth(&v).map_err(|e| Exception::Xlang(e.0))?;
                self.frame(id).pc = if yes { pc + 1 } else { *target };
                Ok(Flow::Continue)
            }
            Instr::Jump(target) => {
                self.frame(id).pc = *target;
                Ok(Flow::Continue)
            }
            Instr::Call {
                orchestration,
                messages,
            } => self.call(cx, id, orchestration.clone(), messages.clone()),
            Instr::Start {
                orchestration,
                messages,
            } => self.start(cx, id, orchestration.clone(), messages),
            Instr::ScopeEnter {
                name,
                atomic,
                handlers,
                end,
            } => {
                self.frame(id).scopes.push(ScopeFrame {
                    name: name.clone(),
                    atomic: *atomic,
                    handlers: handlers.clone(),
                    end: *end,
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
            Instr::Throw { exception } => Err(Exception::Thrown(exception.clone())),
            Instr::Terminate { reason } => {
                let reason = self.evaluate(cx, id, reason)?.to_string();
                self.finish(cx, id, InstanceState::Terminated { reason });
                Ok(Flow::Stop)
            }
            Instr::Log { text } => {
                let text = self.evaluate(cx, id, text)?.to_string();
                cx.emit(WorldEvent::Logged { instance: id, text });
                self.advance(id);
                Ok(Flow::Continue)
            }
            Instr::End => {
                if self.runs[&id].frames.len() > 1 {
                    self.return_to_caller(id);
                    return Ok(Flow::Continue);
                }
                self.finish(cx, id, InstanceState::Completed);
                Ok(Flow::Stop)
            }
        }
    }

    /// A Listen: the first branch whose message is in the inbox wins; a zero delay wins when none is
    /// there; otherwise the instance waits for all of them.
    fn listen(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        pc: usize,
        branches: Vec<(ListenTrigger, usize)>,
    ) -> Result<Flow, Exception> {
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

    /// A Construct: a copy of another message or a new one, its body rendered, then its properties set.
    fn construct(
        &mut self,
        cx: &Cx,
        id: InstanceId,
        from: Option<&str>,
        body: Option<&Template>,
        set: &[Assignment],
    ) -> Result<MessageDraft, Exception> {
        let mut draft = match from {
            Some(f) => self
                .frame(id)
                .messages
                .get(f)
                .cloned()
                .ok_or_else(|| Exception::Xlang(format!("message {f} is not constructed")))?,
            None => MessageDraft::new(""),
        };
        if let Some(t) = body {
            let xml = self.render(cx, id, t)?;
            draft.set_body(xml);
        }
        let schema = self.messagebox.shared_schema();
        for a in set {
            // Values are set after the body, so a construct can read the message it builds from.
            let value = self.evaluate(cx, id, &a.value)?.to_string();
            let result = if a.promote {
                draft.promote_text(&schema, &a.property, &value)
            } else {
                draft.write_text(&schema, &a.property, &value)
            };
            result.map_err(|e| Exception::Xlang(e.to_string()))?;
        }
        Ok(draft)
    }

    /// A Call: the callee runs in a new frame on the same instance, with the messages passed to it.
    fn call(
        &mut self,
        cx: &Cx,
        id: InstanceId,
        orchestration: String,
        messages: Vec<(String, String)>,
    ) -> Result<Flow, Exception> {
        if !cx.compiled.contains_key(&orchestration) {
            return Err(Exception::Xlang(format!(
                "no orchestration {orchestration} to call"
            )));
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

    /// A callee ends: its frame goes, and the messages it returns are copied back to the caller.
    fn return_to_caller(&mut self, id: InstanceId) {
        let callee = self.run(id).frames.pop().expect("callee");
        for (param, var) in &callee.returns {
            if let Some(m) = callee.messages.get(param) {
                self.frame(id).messages.insert(var.clone(), m.clone());
            }
        }
    }

    /// A Start: a new instance of another orchestration, given copies of the messages passed.
    fn start(
        &mut self,
        cx: &mut Cx,
        id: InstanceId,
        orchestration: String,
        messages: &[(String, String)],
    ) -> Result<Flow, Exception> {
        if !cx.compiled.contains_key(&orchestration) {
            return Err(Exception::Xlang(format!(
                "no orchestration {orchestration} to start"
            )));
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

    pub(super) fn advance(&mut self, id: InstanceId) {
        self.frame(id).pc += 1;
    }

    pub(super) fn evaluate(
        &mut self,
        cx: &Cx,
        id: InstanceId,
        expr: &Expr,
    ) -> Result<Value, Exception> {
        let frame = self.runs[&id].frames.last().expect("a frame");
        let ecx = EvalContext {
            variables: &frame.variables,
            messages: &frame.messages,
            config: cx.config,
            instance: id.0,
        };
        eval(expr, &ecx).map_err(|e| Exception::Xlang(e.0))
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
    ) -> Result<(), Exception> {
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
                .get(&PropertyName::parse(bts::EPM_RR_CORRELATION_TOKEN).expect("name"))
            {
                let token = token.value.to_string();
                self.run(id).reply_to.insert(r.port.clone(), token);
            }
        }
        self.frame(id).messages.insert(r.message.clone(), draft);
        Ok(())
    }

    /// The port definition, from the running frame's program or any program of the instance.
    pub(super) fn port(&self, cx: &Cx, id: InstanceId, name: &str) -> Option<Port> {
        let run = &self.runs[&id];
        run.frames
            .iter()
            .rev()
            .filter_map(|f| cx.programs.get(&f.program))
            .chain(program_tree(cx, &run.orchestration))
            .find_map(|p| p.ports.iter().find(|port| port.name == name).cloned())
    }

    fn render(&mut self, cx: &Cx, id: InstanceId, t: &Template) -> Result<String, Exception> {
        let mut xml = format!("<{} xmlns=\"{}\">", t.root, t.namespace);
        for (field, expr) in &t.fields {
            let v = self.evaluate(cx, id, expr)?.to_string();
            xml.push_str(&format!("<{field}>{}</{field}>", escape(&v)));
        }
        xml.push_str(&format!("</{}>", t.root));
        Ok(xml)
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
}
