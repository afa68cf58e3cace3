//! Orchestrations as data: ports with their binding kinds (domain.md 3), correlation sets, and a body of
//! shapes. Programs are serialisable, so scenarios and exported applications can carry them.

use crate::filter::Filter;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Program {
    pub name: String,
    #[serde(default)]
    pub ports: Vec<Port>,
    #[serde(default)]
    pub correlation_sets: Vec<CorrelationSet>,
    /// Messages passed in by a Call or Start shape, by name.
    #[serde(default)]
    pub parameters: Vec<String>,
    pub body: Vec<Shape>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Port {
    pub name: String,
    pub pattern: Pattern,
    pub binding: Binding,
}

/// The message exchange pattern of a logical port, seen from the orchestration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pattern {
    /// The orchestration receives.
    OneWayReceive,
    /// The orchestration sends.
    OneWaySend,
    /// The orchestration receives a request and sends the response on the same port.
    RequestResponse,
    /// The orchestration sends a request and receives the response on the same port.
    SolicitResponse,
}

/// The binding kinds of domain.md 3.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Binding {
    /// Direct to the MessageBox: sends publish with no recipient; receives subscribe by filter.
    MessageBox,
    /// Direct, self-correlating: replies reach exactly the instance that owns the port.
    SelfCorrelating,
    /// Direct partner binding to `orchestration.port`. Inverse binding is the receiver naming the
    /// sender's port; a port that names its own orchestration is the sender side of an inverse binding.
    Partner { orchestration: String, port: String },
    /// Specify-later (or specify-now) binding to a physical send port, send port group or receive port.
    Physical { name: String },
    /// A dynamic send port whose address is set at run time from a message field or property.
    Dynamic { send_port: String, address: Expr },
    /// A send to another instance's self-correlating port, whose address came in a message (the BPM's
    /// `OrderMgrReturnAddress`, domain.md 6.4).
    ReplyTo { address: Expr },
}

/// Properties whose values, once initialised, route later messages to the same instance (at most 3,
/// domain.md 1.6).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorrelationSet {
    pub name: String,
    pub properties: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Receive {
    pub port: String,
    /// The variable the message is received into.
    pub message: String,
    /// The message type the receive is typed with (`namespace#root`), part of its subscription.
    #[serde(default)]
    pub message_type: Option<String>,
    #[serde(default)]
    pub activate: bool,
    /// Only an activating receive can have a filter (domain.md 2).
    #[serde(default)]
    pub filter: Option<Filter>,
    #[serde(default)]
    pub initialize: Vec<String>,
    #[serde(default)]
    pub follow: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Send {
    pub port: String,
    pub message: String,
    #[serde(default)]
    pub initialize: Vec<String>,
    #[serde(default)]
    pub follow: Option<String>,
    /// Ask the send port for a delivery notification (an ACK back to this instance's port).
    #[serde(default)]
    pub delivery_notification: bool,
}

/// A context property set by a Construct or Assign: written, or promoted (domain.md 8.4: setting a
/// property in an orchestration writes it unless it is a data property of the message type).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub property: String,
    pub value: Expr,
    #[serde(default)]
    pub promote: bool,
}

/// A body built from fields: `<root xmlns="namespace"><field>value</field>...</root>`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub namespace: String,
    pub root: String,
    pub fields: Vec<(String, Expr)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Branch {
    pub condition: Expr,
    pub body: Vec<Shape>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    Receive(Receive),
    Delay { ms: u64 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListenBranch {
    pub trigger: Trigger,
    pub body: Vec<Shape>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Handler {
    /// The exception caught: a name such as `RoutingFailure` or `InterruptException`, or `*` for all.
    pub exception: String,
    pub body: Vec<Shape>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Shape {
    Receive(Receive),
    Send(Send),
    /// Builds (or copies and changes) a message.
    Construct {
        message: String,
        #[serde(default)]
        from: Option<String>,
        #[serde(default)]
        body: Option<Template>,
        #[serde(default)]
        set: Vec<Assignment>,
    },
    /// Sets a variable.
    Assign {
        variable: String,
        value: Expr,
    },
    Decide {
        branches: Vec<Branch>,
        #[serde(default)]
        otherwise: Vec<Shape>,
    },
    While {
        condition: Expr,
        body: Vec<Shape>,
    },
    Delay {
        ms: u64,
    },
    /// The first branch whose trigger happens runs; the others are abandoned.
    Listen {
        branches: Vec<ListenBranch>,
    },
    /// Runs another orchestration inline, in this instance, with these messages (parameter, variable).
    Call {
        orchestration: String,
        #[serde(default)]
        messages: Vec<(String, String)>,
    },
    /// Starts another orchestration as a new instance, with these messages.
    Start {
        orchestration: String,
        #[serde(default)]
        messages: Vec<(String, String)>,
    },
    /// A scope with exception handlers. Sends in an atomic scope are published together when it ends:
    /// all or none (domain.md 6.2).
    Scope {
        name: String,
        #[serde(default)]
        atomic: bool,
        body: Vec<Shape>,
        #[serde(default)]
        handlers: Vec<Handler>,
    },
    Throw {
        exception: String,
    },
    Terminate {
        reason: Expr,
    },
    /// An event-log entry (the BPM writes warnings for interrupted and terminated orders).
    Log {
        text: Expr,
    },
}

/// Expressions of Decide, Assign and Construct shapes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Expr {
    Str(String),
    Int(i64),
    Var(String),
    /// A context property of a message variable, promoted or written.
    Prop {
        message: String,
        property: String,
    },
    /// The text of the first element with this name in a message's body (a distinguished field).
    Field {
        message: String,
        element: String,
    },
    /// A configuration value (SSO in the BPM, domain.md 6.4).
    Config(String),
    /// This instance's address for a self-correlating or solicit-response port (`instance/port`).
    PortAddress(String),
    Eq(Box<Expr>, Box<Expr>),
    Ne(Box<Expr>, Box<Expr>),
    Lt(Box<Expr>, Box<Expr>),
    Le(Box<Expr>, Box<Expr>),
    Gt(Box<Expr>, Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Add(Box<Expr>, Box<Expr>),
    /// True when the value is one of the strings.
    In(Box<Expr>, Vec<String>),
    Concat(Vec<Expr>),
}
