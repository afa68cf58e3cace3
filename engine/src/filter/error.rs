//! Filter errors carry where the problem is and why.

use std::fmt;

/// Where in the input a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Position {
    /// 1-based character column in a one-line orchestration expression.
    Column(usize),
    /// 1-based row of the send-port rows, and the column of that row.
    Row { row: usize, column: &'static str },
    /// 1-based line and column in filter XML.
    Xml { line: u32, column: u32 },
    /// The filter as a whole.
    Whole,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterError {
    pub position: Position,
    pub reason: String,
}

impl FilterError {
    pub fn new(position: Position, reason: impl Into<String>) -> Self {
        Self {
            position,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Column(c) => write!(f, "column {c}"),
            Position::Row { row, column } => write!(f, "row {row}, {column}"),
            Position::Xml { line, column } => write!(f, "line {line}, column {column}"),
            Position::Whole => write!(f, "filter"),
        }
    }
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position, self.reason)
    }
}

impl std::error::Error for FilterError {}
