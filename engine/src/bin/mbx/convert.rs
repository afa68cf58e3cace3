//! `mbx filter convert`: prints a filter in another notation.

use super::{input, Notation};
use messagebox_engine::filter::Filter;
use messagebox_engine::property::bpm_schema;
use std::path::Path;

pub fn run(to: Notation, schema: Option<&Path>, expr: &str) -> Result<(), String> {
    let schema = match schema {
        Some(path) => input::schema(path)?,
        None => bpm_schema(),
    };
    let parsed = Filter::parse_any(expr, &schema).map_err(|e| format!("filter: {e}"))?;
    let out = match to {
        Notation::Orchestration => parsed.to_orchestration(&schema),
        Notation::Rows => parsed.to_rows_text(),
        Notation::Xml => parsed.to_xml(),
    };
    println!("{out}");
    Ok(())
}
