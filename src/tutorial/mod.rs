//! The tutorial: lessons as data. Each step has narration, the part of the screen it is about (a
//! `data-testid`), a goal the engine checks, a hint, and a "show me" that performs the step. Lessons
//! start from a shipped scenario without its scripted orders, plus setup commands recorded as the run's
//! first actions (so a saved lesson replays like any run).

pub mod focus;
pub mod glossary;
pub mod goals;
mod lessons;

pub use goals::{Goal, Who};
pub use lessons::{lessons, PROMOTED_FILTER, WRITTEN_FILTER};

use messagebox_engine::messagebox::{AdminAction, RefState, ServiceState};
use messagebox_engine::scenario::Scenario;
use messagebox_engine::world::{Command, TransmissionState, World};

/// What "show me" does: a command, or some steps of the run.
#[derive(Clone, Debug, PartialEq)]
pub enum ShowMe {
    Do(Command),
    /// Run up to this many steps, stopping as soon as the step's goal holds.
    Run(u64),
    /// Resume the first resumable suspended message in the group (its id is only known at run time).
    ResumeMessage(&'static str),
    /// Resume the first suspended send port transmission in the group.
    ResumeTransmission(&'static str),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub narration: &'static str,
    /// The `data-testid` of the screen part the step is about.
    pub highlight: &'static str,
    pub goal: Goal,
    /// The goal in words, shown with its state.
    pub goal_text: &'static str,
    pub hint: &'static str,
    pub show_me: Vec<ShowMe>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// The URL slug: `#/lesson/<id>`.
    pub id: &'static str,
    pub title: &'static str,
    /// The shipped scenario file; its scripted orders are left out.
    pub scenario: &'static str,
    /// Recorded as the run's first actions.
    pub setup: Vec<Command>,
    pub steps: Vec<Step>,
    /// What BizTalk does and why, in two lines.
    pub summary: [&'static str; 2],
}

impl Lesson {
    /// The lesson's starting world: the scenario without its script (setup commands are applied by the
    /// caller, as recorded actions).
    pub fn world(&self) -> Result<World, String> {
        let all = messagebox_engine::scenario::shipped().map_err(|e| e.to_string())?;
        let shipped = all
            .iter()
            .find(|s| s.file == self.scenario)
            .ok_or_else(|| format!("no shipped scenario {}", self.scenario))?;
        let mut scenario = Scenario::from_shipped(shipped.text).map_err(|e| e.to_string())?;
        scenario.script.clear();
        scenario.build().map_err(|e| e.to_string())
    }
}

pub fn lesson(id: &str) -> Option<(usize, &'static Lesson)> {
    lessons().iter().enumerate().find(|(_, l)| l.id == id)
}

/// Turns a "show me" into commands now, against the current world.
pub fn resolve(show: &ShowMe, world: &World) -> Option<Command> {
    match show {
        ShowMe::Do(c) => Some(c.clone()),
        ShowMe::Run(_) => None,
        ShowMe::ResumeMessage(group) => {
            let g = world.group(group)?;
            let r = g.messagebox.state().references.values().find(|r| {
                matches!(
                    r.state,
                    RefState::Suspended {
                        resumable: true,
                        ..
                    }
                )
            })?;
            Some(Command::ResumeReference {
                group: group.to_string(),
                reference: r.id,
            })
        }
        ShowMe::ResumeTransmission(group) => {
            let g = world.group(group)?;
            let (id, _) = g.transmissions.iter().find(|(_, t)| {
                matches!(t.state, TransmissionState::Suspended { resumable: true })
            })?;
            Some(Command::ResumeInstance {
                group: group.to_string(),
                instance: *id,
            })
        }
    }
}

// Helpers for writing lessons.

pub(crate) const SEA: &str = "SRV-SEA";
pub(crate) const DUB: &str = "SRV-DUB";

pub(crate) fn order(cust: &str, ord: &str, seq: u32, code: &str) -> Command {
    Command::Submit {
        group: SEA.into(),
        location: "Order-RP-TestRL".into(),
        body: messagebox_engine::bpm::csr_request(
            &format!("L-{cust}-{ord}-{seq}"),
            cust,
            ord,
            seq,
            code,
            "NEW",
        ),
    }
}

pub(crate) fn admin(group: &str, who: Who, action: AdminAction) -> Command {
    Command::Administer {
        group: group.into(),
        owner: who.owner(),
        action,
    }
}

pub(crate) fn started(group: &'static str, who: Who) -> Goal {
    Goal::ServiceIs {
        group,
        who,
        state: ServiceState::Started,
    }
}

/// Carries out one "show me" on a session: a command as a recorded action, or some steps of the run.
/// Returns the events, or why the command was refused.
pub fn perform(
    session: &mut crate::lab::session::Session,
    show: &ShowMe,
    goal: &Goal,
    since: usize,
) -> Result<Vec<messagebox_engine::world::Traced>, String> {
    if let ShowMe::Run(n) = show {
        let mut events = Vec::new();
        for _ in 0..*n {
            if goal.holds(&session.world, session.since(since)) {
                break;
            }
            match session.step() {
                Some(more) => events.extend(more),
                None => break,
            }
        }
        return Ok(events);
    }
    let command = resolve(show, &session.world)
        .ok_or_else(|| "there is nothing of that kind to resume yet".to_string())?;
    session.act(command).map_err(|e| e.to_string())
}

/// A fresh session for a lesson: its world, with its setup recorded as the first actions.
pub fn start(lesson: &Lesson) -> Result<crate::lab::session::Session, String> {
    let mut session = crate::lab::session::Session::new(lesson.world()?);
    for command in &lesson.setup {
        session
            .act(command.clone())
            .map_err(|e| format!("lesson {} setup: {e}", lesson.id))?;
    }
    Ok(session)
}
