//! The part of a scenario file that names it and its groups, read with field-level errors.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The scenario format version this engine reads. Older or newer files are refused by name.
pub const FORMAT_VERSION: u32 = 1;

/// A BizTalk group as a scenario introduces it: its name, where it runs and who runs it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSummary {
    pub name: String,
    pub site: String,
    pub team: String,
}

/// What a scenario is about, without the simulation it sets up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioSummary {
    pub format: u32,
    pub id: String,
    pub title: String,
    pub summary: String,
    pub groups: Vec<GroupSummary>,
}

/// Why a scenario file was refused: the field (a JSON path or line/column) and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    pub field: String,
    pub reason: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for ScenarioError {}

impl ScenarioSummary {
    /// Reads the summary of a scenario file. Unknown top-level fields are allowed (the full scenario
    /// has more); a wrong format version, an empty id or title, or duplicate group names are refused.
    pub fn from_json(text: &str) -> Result<Self, ScenarioError> {
        let summary: ScenarioSummary = serde_json::from_str(text).map_err(|e| ScenarioError {
            field: format!("line {}, column {}", e.line(), e.column()),
            reason: e.to_string(),
        })?;
        summary.validate()?;
        Ok(summary)
    }

    fn validate(&self) -> Result<(), ScenarioError> {
        let refuse = |field: &str, reason: String| {
            Err(ScenarioError {
                field: field.into(),
                reason,
            })
        };
        if self.format != FORMAT_VERSION {
            return refuse(
                "format",
                format!(
                    "this engine reads format {FORMAT_VERSION}, the file has {}",
                    self.format
                ),
            );
        }
        if self.id.trim().is_empty() {
            return refuse("id", "must not be empty".into());
        }
        if self.title.trim().is_empty() {
            return refuse("title", "must not be empty".into());
        }
        for (i, group) in self.groups.iter().enumerate() {
            if group.name.trim().is_empty() {
                return refuse(&format!("groups[{i}].name"), "must not be empty".into());
            }
            if self.groups[..i].iter().any(|g| g.name == group.name) {
                return refuse(
                    &format!("groups[{i}].name"),
                    format!("group name {:?} is used twice", group.name),
                );
            }
        }
        Ok(())
    }
}
