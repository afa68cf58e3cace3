//! Reading the CLI's input files, with errors that name the file and line.

use messagebox_engine::import::{decode, deploy_property_schemas, PropertySchemaFile};
use messagebox_engine::property::PropertySchema;
use std::path::Path;

pub fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))
}

/// A file BizTalk tools may have written in UTF-16 or UTF-8, with or without a BOM.
pub fn read_any(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// A BizTalk property schema (`.xsd`).
pub fn property_schema_file(path: &Path) -> Result<PropertySchemaFile, String> {
    let text = read_any(path)?;
    PropertySchemaFile::parse(&path.display().to_string(), &text)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// A schema for `route` and `filter convert`: the line format (`NS.Name<TAB>xsd-type`), or a BizTalk
/// property schema (`.xsd`) deployed beside the system and adapter ones.
pub fn schema(path: &Path) -> Result<PropertySchema, String> {
    let text = read_any(path)?;
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
    {
        let file = property_schema_file(path)?;
        let mut schema = PropertySchema::with_system_properties();
        for line in deploy_property_schemas(&mut schema, &[file])
            .map_err(|e| format!("{}: {e}", path.display()))?
        {
            eprintln!("mbx: {line}");
        }
        return Ok(schema);
    }
    PropertySchema::parse_lines(&text).map_err(|e| format!("{}: {e}", path.display()))
}
