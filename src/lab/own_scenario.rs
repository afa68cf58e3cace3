//! Your own scenarios: a scenario file opened (the loader's error, with its JSON path, refuses it and
//! changes nothing), a run file opened (as saved or downloaded when its link was too long), and the
//! current deployment of every group saved as a scenario file that opens to the same state.

use super::saved::SavedLab;
use super::session::Session;
use super::{Effect, Lab, Notice};
use messagebox_engine::scenario::{scenario_of, Scenario, ScenarioSummary};

/// A scenario the user opened: its text (saved with the run, so a reload or a link rebuilds it) and
/// its summary (title, groups) for the header and the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnScenario {
    pub text: String,
    pub summary: ScenarioSummary,
}

impl OwnScenario {
    pub fn read(text: &str) -> Result<(Self, messagebox_engine::world::World), String> {
        let scenario = Scenario::from_json(text).map_err(|e| e.to_string())?;
        let world = scenario.build().map_err(|e| e.to_string())?;
        let summary = ScenarioSummary::from_json(text).map_err(|e| e.to_string())?;
        Ok((
            Self {
                text: text.to_string(),
                summary,
            },
            world,
        ))
    }
}

impl Lab {
    /// The summary of the scenario being run: the user's, or the shipped one.
    pub fn scenario_summary(&self) -> &ScenarioSummary {
        match &self.own {
            Some(own) => &own.summary,
            None => &self.catalog[self.scenario].summary,
        }
    }

    /// Opens a file the user chose or dropped: a run (it has `inputs`) or a scenario.
    pub fn open_file(&mut self, name: &str, text: &str) {
        let is_run = serde_json::from_str::<serde_json::Value>(text)
            .map(|v| v.get("inputs").is_some() && v.get("groups").is_none())
            .unwrap_or(false);
        let opened = if is_run {
            SavedLab::restore(text).and_then(|r| {
                let mut lab = Lab::fresh(r.scenario)?;
                lab.own = r.own;
                lab.session = r.session;
                lab.source = r.file;
                lab.restore_lesson(r.lesson);
                Ok(lab)
            })
        } else {
            OwnScenario::read(text).and_then(|(own, world)| {
                let mut lab = Lab::fresh(0)?;
                lab.session = Session::new(world);
                lab.own = Some(own);
                lab.source = super::saved::OWN_SCENARIO.into();
                Ok(lab)
            })
        };
        match opened {
            Ok(mut lab) => {
                lab.progress = std::mem::take(&mut self.progress);
                lab.area = self.area;
                lab.tutorial_open = false;
                let title = lab.scenario_summary().title.clone();
                lab.notice = Some(Notice {
                    text: format!("Opened {name}: {title}."),
                    error: false,
                });
                self.carry_page_to(&mut lab);
                *self = lab;
            }
            Err(reason) => {
                self.notice = Some(Notice {
                    text: format!("{name} was not opened, nothing changed: {reason}"),
                    error: true,
                })
            }
        }
    }

    /// The current deployment of every group as a scenario file to download.
    pub fn save_scenario(&self) -> Effect {
        let title = format!("{} (saved deployment)", self.scenario_summary().title);
        let scenario = scenario_of(&self.session.world, &title);
        Effect::Download {
            file: "messagebox-lab.scenario.json".into(),
            text: serde_json::to_string_pretty(&scenario).expect("a scenario always serialises"),
        }
    }
}
