//! The filter model shared by the three notations.

use crate::property::PropertyName;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The seven filter operators (domain.md 2), with the binding-file codes 0..6 (domain.md 1.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Op {
    #[serde(rename = "==")]
    Eq,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "!=")]
    Ne,
    #[serde(rename = "exists")]
    Exists,
}

impl Op {
    pub const ALL: [Op; 7] = [Op::Eq, Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Ne, Op::Exists];

    /// The operator code used in binding-file XML.
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<Op> {
        Op::ALL.get(code as usize).copied()
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Ne => "!=",
            Op::Exists => "exists",
        }
    }

    pub fn from_symbol(s: &str) -> Option<Op> {
        Op::ALL
            .into_iter()
            .find(|op| op.symbol().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// One predicate: a property, an operator and, except for `exists`, the value as written (unquoted).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Predicate {
    pub property: PropertyName,
    pub op: Op,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// An OR of AND-groups. No groups at all means "no filter".
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Filter {
    pub groups: Vec<Vec<Predicate>>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    pub fn predicates(&self) -> impl Iterator<Item = &Predicate> {
        self.groups.iter().flatten()
    }
}
