//! Filters: an OR of AND-groups of predicates (disjunctive normal form, domain.md 1.7 and 2), in three
//! notations that each parse and print losslessly: orchestration syntax, send-port rows, binding XML.

mod check;
mod dnf;
mod error;
mod model;
mod orchestration;
mod rows;
mod xml;

pub use dnf::{Expr, DNF_GROUP_LIMIT};
pub use error::{FilterError, Position};
pub use model::{Filter, Op, Predicate};
pub use rows::{FilterRow, GroupBy};
pub(crate) use xml::attr as xml_attr;

/// The three notations a filter can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notation {
    /// `(SV.Status == "ACCEPTED") && (SV.OrderMgrType == "CABLEORDER")`
    Orchestration,
    /// One row a line: `Property | Operator | Value | And|Or`, values unquoted.
    Rows,
    /// `<Filter><Group><Statement Property=".." Operator="0" Value=".."/></Group></Filter>`
    Xml,
}

impl Notation {
    /// Guesses the notation of a text: XML (also escaped, as inside a binding file), rows (has `|` column
    /// separators), or else orchestration syntax.
    pub fn detect(text: &str) -> Self {
        let t = text.trim_start();
        if t.starts_with('<') || t.starts_with("&lt;") {
            Notation::Xml
        } else if rows::looks_like_rows(t) {
            Notation::Rows
        } else {
            Notation::Orchestration
        }
    }
}

impl Filter {
    /// Parses a filter in whichever notation it is written (see `Notation::detect`). Every notation
    /// reads an empty text as "no filter".
    pub fn parse_any(
        text: &str,
        schema: &crate::property::PropertySchema,
    ) -> Result<Filter, FilterError> {
        if text.trim().is_empty() {
            return Ok(Filter::default());
        }
        match Notation::detect(text) {
            Notation::Orchestration => Filter::parse_orchestration(text, schema),
            Notation::Rows => Filter::parse_rows_text(text, schema),
            Notation::Xml => Filter::parse_xml(text, schema),
        }
    }
}
