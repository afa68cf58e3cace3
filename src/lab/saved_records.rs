//! The saved lab as separate records, so a save writes what changed and not the whole history: a small
//! header (the saved lab without its actions) and one record per recorded action. A 20,000-port binding
//! file imported once is written once, not again at every click. No web types: the browser's store
//! (`src/storage`) only puts and gets these strings.

use super::saved::SavedLab;
use super::session::Input;

/// What a save has to write, given what the store already holds.
#[derive(Clone, Debug, PartialEq)]
pub struct SavePlan {
    /// The saved lab without its actions (`"inputs":[]`).
    pub header: String,
    /// Actions to write, by their index.
    pub inputs: Vec<(usize, String)>,
    /// How many actions the store must hold after the save (records beyond are deleted).
    pub len: usize,
    /// How many actions the store held before.
    pub old_len: usize,
}

impl SavePlan {
    /// Bytes written by this save.
    pub fn bytes(&self) -> usize {
        self.header.len() + self.inputs.iter().map(|(_, t)| t.len()).sum::<usize>()
    }
}

/// Splits `saved` into records, writing only the actions that differ from `written` (what the store
/// holds, in order). An action scrubbed back and replaced (a fork) is rewritten from where it differs.
pub fn plan_save(mut saved: SavedLab, written: &[Input]) -> SavePlan {
    let inputs = std::mem::take(&mut saved.inputs);
    let same = inputs
        .iter()
        .zip(written)
        .take_while(|(a, b)| a == b)
        .count();
    SavePlan {
        header: saved.to_json(),
        inputs: inputs
            .iter()
            .enumerate()
            .skip(same)
            .map(|(i, input)| {
                (
                    i,
                    serde_json::to_string(input).expect("an action always serialises"),
                )
            })
            .collect(),
        len: inputs.len(),
        old_len: written.len(),
    }
}

/// The saved lab's text from its records (the inverse of `plan_save`), for `SavedLab::restore`.
pub fn join_records(header: &str, inputs: &[String]) -> Result<String, String> {
    const EMPTY: &str = "\"inputs\":[]";
    let at = header
        .find(EMPTY)
        .ok_or("the saved header has no list of actions")?;
    let mut text =
        String::with_capacity(header.len() + inputs.iter().map(|i| i.len() + 1).sum::<usize>());
    text.push_str(&header[..at]);
    text.push_str("\"inputs\":[");
    text.push_str(&inputs.join(","));
    text.push(']');
    text.push_str(&header[at + EMPTY.len()..]);
    Ok(text)
}

/// The notice for a write the browser refused; a full quota is named as such, with the size tried.
pub fn save_error_text(browser_error: &str, bytes: usize) -> String {
    let size = format!("{:.1} MB", bytes as f64 / 1_048_576.0);
    if browser_error.contains("QuotaExceeded") || browser_error.to_lowercase().contains("quota") {
        format!(
            "The browser's storage quota is full: this save ({size}) could not be written, so a reload \
             would return to the last save that fit. Free space for this site (or download the run's \
             files) and keep working: the run itself is not affected."
        )
    } else {
        format!("Your work could not be saved in this browser ({browser_error}); {size} were to be written.")
    }
}
