//! Small helpers that keep the BPM programs readable.

use crate::filter::Filter;
use crate::orchestration::{
    Assignment, Binding, Branch, CorrelationSet, Expr, Handler, ListenBranch, Pattern, Port,
    Receive, Send, Shape, Template, Trigger,
};
use crate::property::bpm_schema;

pub fn s(text: &str) -> Expr {
    Expr::Str(text.into())
}

pub fn int(n: i64) -> Expr {
    Expr::Int(n)
}

pub fn var(name: &str) -> Expr {
    Expr::Var(name.into())
}

pub fn prop(message: &str, property: &str) -> Expr {
    Expr::Prop {
        message: message.into(),
        property: property.into(),
    }
}

pub fn field(message: &str, element: &str) -> Expr {
    Expr::Field {
        message: message.into(),
        element: element.into(),
    }
}

pub fn eq(a: Expr, b: Expr) -> Expr {
    Expr::Eq(Box::new(a), Box::new(b))
}

pub fn gt(a: Expr, b: Expr) -> Expr {
    Expr::Gt(Box::new(a), Box::new(b))
}

pub fn le(a: Expr, b: Expr) -> Expr {
    Expr::Le(Box::new(a), Box::new(b))
}

pub fn add(a: Expr, b: Expr) -> Expr {
    Expr::Add(Box::new(a), Box::new(b))
}

pub fn one_of(e: Expr, values: &[&str]) -> Expr {
    Expr::In(Box::new(e), values.iter().map(|v| v.to_string()).collect())
}

pub fn concat(parts: Vec<Expr>) -> Expr {
    Expr::Concat(parts)
}

pub fn filter(text: &str) -> Filter {
    Filter::parse_orchestration(text, &bpm_schema()).expect("BPM filters are valid")
}

pub fn port(name: &str, pattern: Pattern, binding: Binding) -> Port {
    Port {
        name: name.into(),
        pattern,
        binding,
    }
}

pub fn physical(name: &str) -> Binding {
    Binding::Physical { name: name.into() }
}

pub fn correlation(name: &str, properties: &[&str]) -> CorrelationSet {
    CorrelationSet {
        name: name.into(),
        properties: properties.iter().map(|p| p.to_string()).collect(),
    }
}

pub fn receive(port: &str, message: &str, message_type: &str) -> Receive {
    Receive {
        port: port.into(),
        message: message.into(),
        message_type: Some(message_type.into()),
        activate: false,
        filter: None,
        initialize: Vec::new(),
        follow: None,
    }
}

pub fn activate(
    port: &str,
    message: &str,
    message_type: &str,
    filter_text: Option<&str>,
    initialize: &[&str],
) -> Shape {
    Shape::Receive(Receive {
        activate: true,
        filter: filter_text.map(filter),
        initialize: initialize.iter().map(|s| s.to_string()).collect(),
        ..receive(port, message, message_type)
    })
}

pub fn following(port: &str, message: &str, message_type: &str, set: &str) -> Receive {
    Receive {
        follow: Some(set.into()),
        ..receive(port, message, message_type)
    }
}

pub fn send(port: &str, message: &str) -> Shape {
    Shape::Send(Send {
        port: port.into(),
        message: message.into(),
        initialize: Vec::new(),
        follow: None,
        delivery_notification: false,
    })
}

pub fn assign(variable: &str, value: Expr) -> Shape {
    Shape::Assign {
        variable: variable.into(),
        value,
    }
}

pub fn log(parts: Vec<Expr>) -> Shape {
    Shape::Log {
        text: concat(parts),
    }
}

pub fn promote(property: &str, value: Expr) -> Assignment {
    Assignment {
        property: property.into(),
        value,
        promote: true,
    }
}

pub fn write(property: &str, value: Expr) -> Assignment {
    Assignment {
        property: property.into(),
        value,
        promote: false,
    }
}

pub fn construct(
    message: &str,
    from: Option<&str>,
    body: Option<Template>,
    set: Vec<Assignment>,
) -> Shape {
    Shape::Construct {
        message: message.into(),
        from: from.map(str::to_string),
        body,
        set,
    }
}

pub fn template(namespace: &str, root: &str, fields: Vec<(&str, Expr)>) -> Template {
    Template {
        namespace: namespace.into(),
        root: root.into(),
        fields: fields
            .into_iter()
            .map(|(f, e)| (f.to_string(), e))
            .collect(),
    }
}

pub fn decide(branches: Vec<(Expr, Vec<Shape>)>, otherwise: Vec<Shape>) -> Shape {
    Shape::Decide {
        branches: branches
            .into_iter()
            .map(|(condition, body)| Branch { condition, body })
            .collect(),
        otherwise,
    }
}

pub fn listen(branches: Vec<(Trigger, Vec<Shape>)>) -> Shape {
    Shape::Listen {
        branches: branches
            .into_iter()
            .map(|(trigger, body)| ListenBranch { trigger, body })
            .collect(),
    }
}

pub fn scope(
    name: &str,
    atomic: bool,
    body: Vec<Shape>,
    handlers: Vec<(&str, Vec<Shape>)>,
) -> Shape {
    Shape::Scope {
        name: name.into(),
        atomic,
        body,
        handlers: handlers
            .into_iter()
            .map(|(e, body)| Handler {
                exception: e.into(),
                body,
            })
            .collect(),
    }
}

pub fn call(orchestration: &str, messages: &[(&str, &str)]) -> Shape {
    Shape::Call {
        orchestration: orchestration.into(),
        messages: messages
            .iter()
            .map(|(p, v)| (p.to_string(), v.to_string()))
            .collect(),
    }
}
