//! The lesson in progress: which lesson and step, where in the trace the step began, and whether its
//! goal holds yet. Steps advance only when the engine says the goal holds.

use super::{Lab, Notice, Pending};
use crate::tutorial::{self, perform, resolve, Lesson, ShowMe};
use messagebox_engine::world::Command;

/// The label of the button that moves on to the next step.
pub const NEXT_STEP: &str = "Next step";
/// The label of the button that opens the next lesson, shown when a lesson is complete.
pub const NEXT_LESSON: &str = "Next lesson →";

#[derive(Clone, Debug, PartialEq)]
pub struct LessonState {
    pub index: usize,
    pub step: usize,
    /// The trace index the step's events are counted from.
    pub since: usize,
    /// The step's goal held.
    pub done: bool,
    /// Every step's goal held.
    pub finished: bool,
    /// "Show me" is playing the run to the goal: the trace length when it began.
    pub showing_since: Option<usize>,
}

impl Lab {
    pub fn current_lesson(&self) -> Option<(&'static Lesson, &LessonState)> {
        let state = self.lesson.as_ref()?;
        Some((tutorial::lessons().get(state.index)?, state))
    }

    /// Starts lesson `index`, asking first when it would discard the user's own actions.
    pub fn start_lesson(&mut self, index: usize) {
        if self.lesson.is_none() && !self.session.inputs().is_empty() {
            self.pending = Some(Pending::StartLesson(index));
            self.playing = false;
        } else {
            self.begin_lesson(index);
        }
    }

    pub(super) fn begin_lesson(&mut self, index: usize) {
        let Some(lesson) = tutorial::lessons().get(index) else {
            return;
        };
        let started = tutorial::start(lesson).and_then(|session| {
            let scenario = self
                .catalog
                .iter()
                .position(|s| s.file == lesson.scenario)
                .ok_or_else(|| format!("no scenario {}", lesson.scenario))?;
            Ok((scenario, session))
        });
        match started {
            Ok((scenario, session)) => {
                self.scenario = scenario;
                self.source = format!("{}{}", super::saved::LESSON_PREFIX, lesson.id);
                self.lesson = Some(LessonState {
                    index,
                    step: 0,
                    since: session.events_total(),
                    done: false,
                    finished: false,
                    showing_since: None,
                });
                self.session = session;
                // A run being computed was the old session's.
                self.computing = None;
                self.virtual_target = 0.0;
                self.tokens.clear();
                self.evaluations.clear();
                self.playing = false;
                self.play_until_goal = false;
                self.selection = None;
                self.notice = None;
                self.tutorial_open = true;
            }
            Err(reason) => {
                self.notice = Some(Notice {
                    text: format!("The lesson could not start: {reason}"),
                    error: true,
                })
            }
        }
    }

    /// The label of the button that leads on from the current step once its goal holds: Next step, or
    /// on a lesson's last step Next lesson (None after the last lesson). The panel shows this button
    /// and the "goal reached" notice names it.
    pub fn next_button(&self) -> Option<&'static str> {
        let (lesson, state) = self.current_lesson()?;
        if state.step + 1 < lesson.steps.len() {
            Some(NEXT_STEP)
        } else if state.index + 1 < tutorial::lessons().len() {
            Some(NEXT_LESSON)
        } else {
            None
        }
    }

    /// The notice shown when playing pauses at the step's goal.
    pub fn goal_reached_text(&self) -> String {
        match self.next_button() {
            Some(NEXT_STEP) => "Goal reached: the run is paused here. Press Next step to go on.".into(),
            Some(label) => format!(
                "Lesson complete: the run is paused here. Read the summary, then press {label} to go on."
            ),
            None => "Lesson complete, and with it the tutorial: the run is paused here. Carry on in free play, or pick any lesson again.".into(),
        }
    }

    /// While "show me" plays the run to the goal: the events it has run so far.
    pub fn showing_progress(&self) -> Option<usize> {
        let since = self.lesson.as_ref()?.showing_since?;
        self.play_until_goal
            .then(|| self.session.events_total().saturating_sub(since))
    }

    pub fn step_goal_holds(&self) -> bool {
        self.current_lesson().is_some_and(|(lesson, state)| {
            lesson.steps.get(state.step).is_some_and(|s| {
                s.goal
                    .holds(&self.session.world, self.session.since(state.since))
            })
        })
    }

    /// Marks the step done when its goal holds, and the lesson complete after its last step.
    pub fn check_lesson(&mut self) {
        let trace_len = self.session.events_total();
        if let Some(state) = self.lesson.as_mut() {
            // Scrubbed back before the step began: count from where the run is now.
            state.since = state.since.min(trace_len);
        }
        let holds = self.step_goal_holds();
        let Some((lesson, _)) = self.current_lesson() else {
            return;
        };
        let state = self.lesson.as_mut().expect("checked");
        if holds && !state.done {
            state.done = true;
            if state.step + 1 == lesson.steps.len() {
                state.finished = true;
                self.progress.insert(lesson.id.to_string());
            }
        }
    }

    pub fn next_step(&mut self) {
        let Some((lesson, state)) = self.current_lesson() else {
            return;
        };
        if !state.done || state.step + 1 >= lesson.steps.len() {
            return;
        }
        let since = self.session.events_total();
        if let Some(state) = self.lesson.as_mut() {
            state.step += 1;
            state.since = since;
            state.done = false;
        }
        self.notice = None;
        self.check_lesson();
    }

    /// Performs the current step for the learner. A final "run" plays, animated, until the goal holds.
    pub fn show_me(&mut self) {
        let Some((lesson, state)) = self.current_lesson() else {
            return;
        };
        let Some(step) = lesson.steps.get(state.step) else {
            return;
        };
        let since = state.since;
        let last = step.show_me.len().saturating_sub(1);
        for (k, show) in step.show_me.iter().enumerate() {
            match show {
                ShowMe::Run(_) if k == last => {
                    self.playing = true;
                    self.play_until_goal = true;
                    self.next_step_at = self.now;
                    let total = self.session.events_total();
                    if let Some(state) = self.lesson.as_mut() {
                        state.showing_since = Some(total);
                    }
                }
                ShowMe::Run(_) => {
                    if let Err(reason) = perform(&mut self.session, show, &step.goal, since) {
                        self.notice = Some(Notice {
                            text: reason,
                            error: true,
                        });
                        return;
                    }
                }
                _ => match resolve(show, &self.session.world) {
                    Some(command) => self.act_now(command),
                    None => {
                        self.notice = Some(Notice {
                            text: "Nothing to resume yet: run the earlier steps first.".into(),
                            error: true,
                        });
                        return;
                    }
                },
            }
        }
        self.check_lesson();
    }

    /// An action from "show me": in the past it forks without asking (the learner asked for it).
    fn act_now(&mut self, command: Command) {
        if self.session.in_past() {
            self.pending = Some(Pending::Fork(command));
            self.confirm();
        } else {
            self.act(command);
        }
    }

    pub fn restart_lesson(&mut self) {
        if let Some(state) = &self.lesson {
            self.begin_lesson(state.index);
        }
    }

    /// Moves on to the next lesson without completing this one.
    pub fn skip_lesson(&mut self) {
        let next = self.lesson.as_ref().map_or(0, |s| s.index + 1);
        if next < tutorial::lessons().len() {
            self.begin_lesson(next);
        } else {
            self.leave_tutorial();
        }
    }

    /// Free play: the run stays as it is; the lesson panel closes.
    pub fn leave_tutorial(&mut self) {
        self.lesson = None;
        self.tutorial_open = false;
        self.play_until_goal = false;
    }

    pub(super) fn lesson_save(&self) -> Option<(String, usize, usize)> {
        let (lesson, state) = self.current_lesson()?;
        Some((lesson.id.to_string(), state.step, state.since))
    }

    pub(super) fn restore_lesson(&mut self, saved: Option<(String, usize, usize)>) {
        let Some((id, step, since)) = saved else {
            return;
        };
        if let Some((index, lesson)) = tutorial::lesson(&id) {
            if step < lesson.steps.len() {
                self.lesson = Some(LessonState {
                    index,
                    step,
                    since,
                    done: false,
                    finished: false,
                    showing_since: None,
                });
                self.tutorial_open = true;
                self.check_lesson();
            }
        }
    }
}
