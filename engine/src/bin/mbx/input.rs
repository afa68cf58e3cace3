//! Reading the CLI's input files, with errors that name the file and line.

use messagebox_engine::property::PropertySchema;
use std::path::Path;

pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

pub fn schema(path: &Path) -> Result<PropertySchema, String> {
    PropertySchema::parse_lines(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}
