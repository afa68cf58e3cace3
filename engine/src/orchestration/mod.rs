//! The orchestration runtime's model: programs of shapes (domain.md 3, 6), compiled to instructions, and
//! the state of a running instance.

mod compile;
mod eval;
mod instance;
mod program;

pub use compile::{calls, compile, receives, sends, Instr, ListenTrigger};
pub use eval::{eval, field as eval_field, truth, EvalContext, EvalError};
pub use instance::{Frame, InstanceState, Run, ScopeFrame, Wait};
pub use program::{
    Assignment, Binding, Branch, CorrelationSet, Expr, Handler, ListenBranch, Pattern, Port,
    Program, Receive, Send, Shape, Template, Trigger,
};
