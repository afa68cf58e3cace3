//! What is kept in the browser's storage between visits: which scenario, the recorded actions, where in
//! the run the user was, and the view. The world itself is rebuilt by replay, so the record stays small
//! and stays valid as long as the engine is deterministic.

use super::session::{Input, Session};
use messagebox_engine::scenario::{self, Scenario};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SAVED_FORMAT: u32 = 1;

/// A run that started as a lesson names its world `lesson:<id>` instead of a scenario file.
pub const LESSON_PREFIX: &str = "lesson:";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedLab {
    pub format: u32,
    /// The shipped scenario's file name (`default.json`).
    pub scenario: String,
    pub inputs: Vec<Input>,
    pub position: u64,
    pub horizon: u64,
    pub view: View,
    /// The lesson in progress: its id, step, and where in the trace the step began.
    #[serde(default)]
    pub lesson: Option<(String, usize, usize)>,
    /// The user's own scenario file, when the run is not of a shipped one (`scenario` is then
    /// `OWN_SCENARIO`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub own: Option<String>,
}

/// What `SavedLab::scenario` says for a run of the user's own scenario.
pub const OWN_SCENARIO: &str = "own:scenario";

/// The parts of the screen the user arranged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct View {
    /// Dragged node and region positions, by node key.
    #[serde(default)]
    pub positions: BTreeMap<String, (f64, f64)>,
    /// The speed slider's exponent: speed = 2^speed_log.
    #[serde(default)]
    pub speed_log: f64,
    /// Where the canvas looks: fitted to everything (the default), following a group, or where the
    /// user zoomed and dragged it. (Older saves had a bare `zoom`; it is ignored, so they open fitted.)
    #[serde(default)]
    pub camera: super::camera::CameraMode,
    /// The arrangement the user's own view was taken in (kept while the camera is theirs).
    #[serde(default)]
    pub arrangement: Option<super::canvas_view::Arrangement>,
}

/// A restored lab: the scenario's index in the catalog, the session and the view.
#[derive(Debug)]
pub struct Restored {
    pub scenario: usize,
    pub session: Session,
    pub view: View,
    pub file: String,
    pub lesson: Option<(String, usize, usize)>,
    pub own: Option<super::own_scenario::OwnScenario>,
}

/// Builds the world of the shipped scenario with this file name.
pub fn build_shipped(file: &str) -> Result<(usize, messagebox_engine::world::World), String> {
    let all = scenario::shipped().map_err(|e| e.to_string())?;
    // A lesson's world: its scenario without the scripted orders.
    if let Some(id) = file.strip_prefix(LESSON_PREFIX) {
        let (_, lesson) =
            crate::tutorial::lesson(id).ok_or_else(|| format!("no lesson is called {id}"))?;
        let index = all
            .iter()
            .position(|s| s.file == lesson.scenario)
            .ok_or_else(|| format!("no shipped scenario is called {}", lesson.scenario))?;
        return Ok((index, lesson.world()?));
    }
    let (index, shipped) = all
        .iter()
        .enumerate()
        .find(|(_, s)| s.file == file)
        .ok_or_else(|| format!("no shipped scenario is called {file}"))?;
    let world = Scenario::from_shipped(shipped.text)
        .and_then(|s| s.build())
        .map_err(|e| format!("{file}: {e}"))?;
    Ok((index, world))
}

impl SavedLab {
    pub fn of(file: &str, session: &Session, view: &View) -> Self {
        Self {
            format: SAVED_FORMAT,
            scenario: file.to_string(),
            inputs: session.inputs().to_vec(),
            position: session.steps,
            horizon: session.horizon,
            view: view.clone(),
            lesson: None,
            own: None,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a saved lab always serialises")
    }

    /// Reads and replays a saved lab. Errors say what was wrong: the JSON position, an older or newer
    /// format, an unknown scenario, or a replay that no longer fits the scenario.
    pub fn restore(text: &str) -> Result<Restored, String> {
        // The format first, so an older or newer save is named as such rather than as malformed.
        #[derive(Deserialize)]
        struct Header {
            format: Option<u64>,
        }
        let json_error = |e: serde_json::Error| {
            format!(
                "it is not valid JSON (line {}, column {}: {e})",
                e.line(),
                e.column()
            )
        };
        let header: Header = serde_json::from_str(text).map_err(json_error)?;
        if header.format != Some(u64::from(SAVED_FORMAT)) {
            return Err(match header.format {
                Some(f) => {
                    format!("it was saved in format {f}; this version reads format {SAVED_FORMAT}")
                }
                None => "it has no format number".to_string(),
            });
        }
        let saved: SavedLab = serde_json::from_str(text).map_err(|e| {
            format!(
                "it is not a saved lab (line {}, column {}: {e})",
                e.line(),
                e.column()
            )
        })?;
        let (scenario, world, own) = match &saved.own {
            Some(text) => {
                let (own, world) = super::own_scenario::OwnScenario::read(text)
                    .map_err(|e| format!("its scenario does not load: {e}"))?;
                (0, world, Some(own))
            }
            None => {
                let (index, world) = build_shipped(&saved.scenario)?;
                (index, world, None)
            }
        };
        let session = Session::replay(world, saved.inputs, saved.horizon, saved.position)?;
        Ok(Restored {
            scenario,
            session,
            view: saved.view,
            file: saved.scenario,
            lesson: saved.lesson,
            own,
        })
    }
}
