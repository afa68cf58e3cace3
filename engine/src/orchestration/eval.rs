//! Evaluating the expressions of Decide, Assign and Construct shapes.

use super::program::Expr;
use crate::message::MessageDraft;
use crate::property::{PropertyName, Value};
use std::collections::BTreeMap;
use std::fmt;

/// What an expression can read.
pub struct EvalContext<'a> {
    pub variables: &'a BTreeMap<String, Value>,
    pub messages: &'a BTreeMap<String, MessageDraft>,
    pub config: &'a BTreeMap<String, Value>,
    /// This instance's id, for port addresses.
    pub instance: u64,
}

/// An expression that cannot be evaluated: the orchestration sees it as an exception.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError(pub String);

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn eval(expr: &Expr, cx: &EvalContext) -> Result<Value, EvalError> {
    let bool_of = |v: bool| Value::Bool(v);
    Ok(match expr {
        Expr::Str(s) => Value::string(s.as_str()),
        Expr::Int(n) => Value::Int(*n),
        Expr::Var(name) => cx
            .variables
            .get(name)
            .cloned()
            .ok_or_else(|| EvalError(format!("variable {name} is not set")))?,
        Expr::Prop { message, property } => {
            let draft = message_of(cx, message)?;
            let name = PropertyName::parse(property).map_err(EvalError)?;
            draft
                .context
                .get(&name)
                .map(|p| p.value.clone())
                .ok_or_else(|| {
                    EvalError(format!(
                        "{message}({property}) is not in the message context"
                    ))
                })?
        }
        Expr::Field { message, element } => {
            let draft = message_of(cx, message)?;
            Value::string(
                draft
                    .field(element)
                    .ok_or_else(|| EvalError(format!("{message} has no <{element}> element")))?,
            )
        }
        Expr::Config(key) => cx
            .config
            .get(key)
            .cloned()
            .ok_or_else(|| EvalError(format!("configuration {key} is not set")))?,
        Expr::PortAddress(port) => Value::string(format!("{}/{port}", cx.instance)),
        Expr::Eq(a, b) => bool_of(compare(a, b, cx)? == std::cmp::Ordering::Equal),
        Expr::Ne(a, b) => bool_of(compare(a, b, cx)? != std::cmp::Ordering::Equal),
        Expr::Lt(a, b) => bool_of(compare(a, b, cx)? == std::cmp::Ordering::Less),
        Expr::Le(a, b) => bool_of(compare(a, b, cx)? != std::cmp::Ordering::Greater),
        Expr::Gt(a, b) => bool_of(compare(a, b, cx)? == std::cmp::Ordering::Greater),
        Expr::And(parts) => {
            for p in parts {
                if !truth(&eval(p, cx)?)? {
                    return Ok(Value::Bool(false));
                }
            }
            Value::Bool(true)
        }
        Expr::Or(parts) => {
            for p in parts {
                if truth(&eval(p, cx)?)? {
                    return Ok(Value::Bool(true));
                }
            }
            Value::Bool(false)
        }
        Expr::Not(e) => Value::Bool(!truth(&eval(e, cx)?)?),
        Expr::Add(a, b) => Value::Int(number(&eval(a, cx)?)? + number(&eval(b, cx)?)?),
        Expr::In(e, set) => {
            let v = eval(e, cx)?.to_string();
            Value::Bool(set.contains(&v))
        }
        Expr::Concat(parts) => {
            let mut s = String::new();
            for p in parts {
                s.push_str(&eval(p, cx)?.to_string());
            }
            Value::string(s)
        }
    })
}

fn message_of<'a>(cx: &'a EvalContext, name: &str) -> Result<&'a MessageDraft, EvalError> {
    cx.messages
        .get(name)
        .ok_or_else(|| EvalError(format!("message {name} is not constructed")))
}

/// The text of the first element named `element` (any namespace).
pub fn field(body: &str, element: &str) -> Option<String> {
    crate::message::element_text(body, element)
}

pub fn truth(v: &Value) -> Result<bool, EvalError> {
    match v {
        Value::Bool(b) => Ok(*b),
        other => Err(EvalError(format!("{other} is not true or false"))),
    }
}

fn number(v: &Value) -> Result<i64, EvalError> {
    match v {
        Value::Int(n) => Ok(*n),
        Value::Str(s) => s
            .trim()
            .parse()
            .map_err(|_| EvalError(format!("{s:?} is not a number"))),
        other => Err(EvalError(format!("{other} is not a number"))),
    }
}

/// Compares two values: as numbers when either side is a number, else as text.
fn compare(a: &Expr, b: &Expr, cx: &EvalContext) -> Result<std::cmp::Ordering, EvalError> {
    let (a, b) = (eval(a, cx)?, eval(b, cx)?);
    Ok(match (&a, &b) {
        (Value::Int(_), _) | (_, Value::Int(_)) => number(&a)?.cmp(&number(&b)?),
        _ => a.to_string().cmp(&b.to_string()),
    })
}
