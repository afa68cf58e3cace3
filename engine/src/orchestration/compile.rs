//! Programs compile to a flat list of instructions with jumps, so a running instance is just a program
//! counter and some stacks: easy to snapshot, serialise and resume.

use super::program::{Assignment, Expr, Program, Receive, Send, Shape, Template, Trigger};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ListenTrigger {
    Receive(Receive),
    Delay { ms: u64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Instr {
    Receive(Receive),
    Send(Send),
    Construct {
        message: String,
        from: Option<String>,
        body: Option<Template>,
        set: Vec<Assignment>,
    },
    Assign {
        variable: String,
        value: Expr,
    },
    JumpUnless {
        condition: Expr,
        target: usize,
    },
    Jump(usize),
    Delay {
        ms: u64,
    },
    Listen {
        branches: Vec<(ListenTrigger, usize)>,
    },
    Call {
        orchestration: String,
        messages: Vec<(String, String)>,
    },
    Start {
        orchestration: String,
        messages: Vec<(String, String)>,
    },
    /// Enters a scope: handlers by exception name with their code, and where the scope ends.
    ScopeEnter {
        name: String,
        atomic: bool,
        handlers: Vec<(String, usize)>,
        end: usize,
    },
    ScopeExit,
    Throw {
        exception: String,
    },
    Terminate {
        reason: Expr,
    },
    Log {
        text: Expr,
    },
    /// The end of the program: complete, or return to the caller.
    End,
}

pub fn compile(program: &Program) -> Vec<Instr> {
    let mut out = Vec::new();
    block(&program.body, &mut out);
    out.push(Instr::End);
    out
}

fn block(shapes: &[Shape], out: &mut Vec<Instr>) {
    for shape in shapes {
        one(shape, out);
    }
}

/// Emits a placeholder jump and returns its index, to patch once the target is known.
fn hole(out: &mut Vec<Instr>) -> usize {
    out.push(Instr::Jump(usize::MAX));
    out.len() - 1
}

fn patch(out: &mut [Instr], at: usize, target: usize) {
    match &mut out[at] {
        Instr::Jump(t) | Instr::JumpUnless { target: t, .. } => *t = target,
        other => unreachable!("patching {other:?}"),
    }
}

fn one(shape: &Shape, out: &mut Vec<Instr>) {
    match shape {
        Shape::Receive(r) => out.push(Instr::Receive(r.clone())),
        Shape::Send(s) => out.push(Instr::Send(s.clone())),
        Shape::Construct {
            message,
            from,
            body,
            set,
        } => out.push(Instr::Construct {
            message: message.clone(),
            from: from.clone(),
            body: body.clone(),
            set: set.clone(),
        }),
        Shape::Assign { variable, value } => out.push(Instr::Assign {
            variable: variable.clone(),
            value: value.clone(),
        }),
        Shape::Decide {
            branches,
            otherwise,
        } => {
            let mut to_end = Vec::new();
            for branch in branches {
                out.push(Instr::JumpUnless {
                    condition: branch.condition.clone(),
                    target: usize::MAX,
                });
                let test = out.len() - 1;
                block(&branch.body, out);
                to_end.push(hole(out));
                let next = out.len();
                patch(out, test, next);
            }
            block(otherwise, out);
            let end = out.len();
            for j in to_end {
                patch(out, j, end);
            }
        }
        Shape::While { condition, body } => {
            let start = out.len();
            out.push(Instr::JumpUnless {
                condition: condition.clone(),
                target: usize::MAX,
            });
            block(body, out);
            out.push(Instr::Jump(start));
            let end = out.len();
            patch(out, start, end);
        }
        Shape::Delay { ms } => out.push(Instr::Delay { ms: *ms }),
        Shape::Listen { branches } => {
            let at = out.len();
            out.push(Instr::Listen {
                branches: Vec::new(),
            });
            let mut targets = Vec::new();
            let mut to_end = Vec::new();
            for branch in branches {
                targets.push(out.len());
                block(&branch.body, out);
                to_end.push(hole(out));
            }
            let end = out.len();
            for j in to_end {
                patch(out, j, end);
            }
            let compiled = branches
                .iter()
                .zip(targets)
                .map(|(b, t)| {
                    let trigger = match &b.trigger {
                        Trigger::Receive(r) => ListenTrigger::Receive(r.clone()),
                        Trigger::Delay { ms } => ListenTrigger::Delay { ms: *ms },
                    };
                    (trigger, t)
                })
                .collect();
            out[at] = Instr::Listen { branches: compiled };
        }
        Shape::Call {
            orchestration,
            messages,
        } => out.push(Instr::Call {
            orchestration: orchestration.clone(),
            messages: messages.clone(),
        }),
        Shape::Start {
            orchestration,
            messages,
        } => out.push(Instr::Start {
            orchestration: orchestration.clone(),
            messages: messages.clone(),
        }),
        Shape::Scope {
            name,
            atomic,
            body,
            handlers,
        } => {
            let enter = out.len();
            out.push(Instr::ScopeEnter {
                name: name.clone(),
                atomic: *atomic,
                handlers: Vec::new(),
                end: usize::MAX,
            });
            block(body, out);
            out.push(Instr::ScopeExit);
            let mut to_end = vec![hole(out)];
            let mut compiled = Vec::new();
            for h in handlers {
                compiled.push((h.exception.clone(), out.len()));
                block(&h.body, out);
                to_end.push(hole(out));
            }
            let end = out.len();
            for j in to_end {
                patch(out, j, end);
            }
            if let Instr::ScopeEnter {
                handlers, end: e, ..
            } = &mut out[enter]
            {
                *handlers = compiled;
                *e = end;
            }
        }
        Shape::Throw { exception } => out.push(Instr::Throw {
            exception: exception.clone(),
        }),
        Shape::Terminate { reason } => out.push(Instr::Terminate {
            reason: reason.clone(),
        }),
        Shape::Log { text } => out.push(Instr::Log { text: text.clone() }),
    }
}

/// Visits every shape of a block, nested ones included, and every Listen trigger's receive.
fn visit(
    shapes: &[Shape],
    on_shape: &mut impl FnMut(&Shape),
    on_trigger: &mut impl FnMut(&Receive),
) {
    for shape in shapes {
        on_shape(shape);
        match shape {
            Shape::Decide {
                branches,
                otherwise,
            } => {
                branches
                    .iter()
                    .for_each(|b| visit(&b.body, on_shape, on_trigger));
                visit(otherwise, on_shape, on_trigger);
            }
            Shape::While { body, .. } => visit(body, on_shape, on_trigger),
            Shape::Listen { branches } => {
                for b in branches {
                    if let Trigger::Receive(r) = &b.trigger {
                        on_trigger(r);
                    }
                    visit(&b.body, on_shape, on_trigger);
                }
            }
            Shape::Scope { body, handlers, .. } => {
                visit(body, on_shape, on_trigger);
                handlers
                    .iter()
                    .for_each(|h| visit(&h.body, on_shape, on_trigger));
            }
            _ => {}
        }
    }
}

/// Every Receive of a program, including those in Listen branches, in program order.
pub fn receives(program: &Program) -> Vec<Receive> {
    let out = std::cell::RefCell::new(Vec::new());
    visit(
        &program.body,
        &mut |s| {
            if let Shape::Receive(r) = s {
                out.borrow_mut().push(r.clone());
            }
        },
        &mut |r| out.borrow_mut().push(r.clone()),
    );
    out.into_inner()
}

/// The orchestrations a program calls, directly.
pub fn calls(program: &Program) -> Vec<String> {
    let mut out = Vec::new();
    visit(
        &program.body,
        &mut |s| {
            if let Shape::Call { orchestration, .. } = s {
                out.push(orchestration.clone());
            }
        },
        &mut |_| {},
    );
    out
}

/// Every Send of a program, in program order.
pub fn sends(program: &Program) -> Vec<Send> {
    let mut out = Vec::new();
    visit(
        &program.body,
        &mut |s| {
            if let Shape::Send(x) = s {
                out.push(x.clone());
            }
        },
        &mut |_| {},
    );
    out
}
