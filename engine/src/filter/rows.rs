//! The send-port Filters tab: rows of property / operator / value / group-by, values unquoted. "And" joins
//! a row to the next; "Or" closes the group (domain.md 2). As text, one row a line with the columns
//! separated by `|` (inside a value, `|`, `\`, and line breaks are escaped as `\|`, `\\`, `\n`, `\r`).

use super::check;
use super::{Filter, FilterError, Op, Position};
use crate::property::PropertySchema;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum GroupBy {
    #[default]
    And,
    Or,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterRow {
    pub property: String,
    pub operator: String,
    pub value: String,
    pub group_by: GroupBy,
}

impl Filter {
    /// Builds a filter from rows, checking each against the schema. Errors name the row and column.
    pub fn from_rows(rows: &[FilterRow], schema: &PropertySchema) -> Result<Filter, FilterError> {
        let mut groups = vec![Vec::new()];
        for (index, row) in rows.iter().enumerate() {
            let at = |column, reason| {
                FilterError::new(
                    Position::Row {
                        row: index + 1,
                        column,
                    },
                    reason,
                )
            };
            let (property, xsd) = check::known_property(schema, row.property.trim())
                .map_err(|e| at("Property", e))?;
            let op = Op::from_symbol(row.operator.trim()).ok_or_else(|| {
                let reason = if row.operator.trim().is_empty() {
                    "operator missing: choose ==, !=, <, <=, >, >= or Exists".to_string()
                } else {
                    format!("unknown operator {:?}", row.operator.trim())
                };
                at("Operator", reason)
            })?;
            let value = (op != Op::Exists || !row.value.is_empty()).then(|| row.value.clone());
            let predicate =
                check::predicate(property, xsd, op, value).map_err(|e| at("Value", e))?;
            groups
                .last_mut()
                .expect("always one open group")
                .push(predicate);
            if row.group_by == GroupBy::Or {
                if index + 1 == rows.len() {
                    return Err(at(
                        "Group by",
                        "empty group: the last row's Or opens a group with no rows".into(),
                    ));
                }
                groups.push(Vec::new());
            }
        }
        if rows.is_empty() {
            groups.clear();
        }
        Ok(Filter { groups })
    }

    /// The rows the Filters tab shows: "Or" on the last row of every group but the last, "And" elsewhere.
    pub fn to_rows(&self) -> Vec<FilterRow> {
        let mut rows = Vec::new();
        for (g, group) in self.groups.iter().enumerate() {
            for (i, p) in group.iter().enumerate() {
                let closes_group = i + 1 == group.len() && g + 1 < self.groups.len();
                rows.push(FilterRow {
                    property: p.property.to_string(),
                    operator: if p.op == Op::Exists {
                        "Exists".into()
                    } else {
                        p.op.symbol().into()
                    },
                    value: p.value.clone().unwrap_or_default(),
                    group_by: if closes_group {
                        GroupBy::Or
                    } else {
                        GroupBy::And
                    },
                });
            }
        }
        rows
    }

    /// Parses the rows text format (see the module comment).
    pub fn parse_rows_text(text: &str, schema: &PropertySchema) -> Result<Filter, FilterError> {
        let rows = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
            .map(|(i, line)| row_from_line(line, i + 1))
            .collect::<Result<Vec<_>, _>>()?;
        Filter::from_rows(&rows, schema)
    }

    /// Prints the rows text format, one row a line.
    pub fn to_rows_text(&self) -> String {
        self.to_rows()
            .iter()
            .map(|r| {
                let group_by = match r.group_by {
                    GroupBy::And => "And",
                    GroupBy::Or => "Or",
                };
                format!(
                    "{} | {} | {} | {group_by}",
                    r.property,
                    r.operator,
                    escape(&r.value)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Rows text has `|` separators outside of any quoted string.
pub(super) fn looks_like_rows(text: &str) -> bool {
    !text.contains('"') && text.contains('|') && !text.contains("||")
}

fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// Splits one line into its four columns, honouring `\|` and `\\`.
fn row_from_line(line: &str, row: usize) -> Result<FilterRow, FilterError> {
    let mut columns = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e @ ('|' | '\\')) => columns.last_mut().unwrap().push(e),
                Some('n') => columns.last_mut().unwrap().push('\n'),
                Some('r') => columns.last_mut().unwrap().push('\r'),
                Some(other) => {
                    let last = columns.last_mut().unwrap();
                    last.push('\\');
                    last.push(other);
                }
                None => columns.last_mut().unwrap().push('\\'),
            },
            '|' => columns.push(String::new()),
            c => columns.last_mut().unwrap().push(c),
        }
    }
    if columns.len() != 4 {
        return Err(FilterError::new(
            Position::Row {
                row,
                column: "line",
            },
            format!(
                "expected 4 columns (Property | Operator | Value | And|Or), found {}",
                columns.len()
            ),
        ));
    }
    let group_by = match columns[3].trim() {
        g if g.eq_ignore_ascii_case("and") || g.is_empty() => GroupBy::And,
        g if g.eq_ignore_ascii_case("or") => GroupBy::Or,
        other => {
            return Err(FilterError::new(
                Position::Row {
                    row,
                    column: "Group by",
                },
                format!("group-by must be And or Or, not {other:?}"),
            ))
        }
    };
    // The value column keeps inner spaces but loses the padding around the separators.
    let value = columns[2].strip_prefix(' ').unwrap_or(&columns[2]);
    let value = value.strip_suffix(' ').unwrap_or(value).to_string();
    Ok(FilterRow {
        property: columns[0].trim().to_string(),
        operator: columns[1].trim().to_string(),
        value,
        group_by,
    })
}
