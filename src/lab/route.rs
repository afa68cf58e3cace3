//! The URL's hash: where the user is (a lesson's deep link, or free play), and following a hash typed or
//! shared.

use super::{Lab, Notice};

impl Lab {
    /// The hash that names where the user is: a lesson's deep link, or free play.
    pub fn location_hash(&self) -> String {
        match self.current_lesson() {
            Some((lesson, _)) => format!("#/lesson/{}", lesson.id),
            None => "#/".to_string(),
        }
    }

    /// Follows a hash: `#/lesson/<id>` starts that lesson unless it is the one in progress; a shared
    /// run's link opens that run. A run playing or computing is paused or cancelled first, so the link
    /// is followed (or its question asked) and never lost behind the run.
    pub fn route(&mut self, hash: &str) {
        let shared = hash.starts_with(super::share::RUN_PREFIX);
        let lesson = hash.strip_prefix("#/lesson/");
        if shared || lesson.is_some() {
            self.stop_for_link();
        }
        if shared {
            return self.open_shared(hash);
        }
        let Some(id) = lesson else {
            return;
        };
        let current = self.current_lesson().map(|(l, _)| l.id);
        if current == Some(id) {
            self.tutorial_open = true;
            return;
        }
        match crate::tutorial::lesson(id) {
            Some((index, _)) => self.start_lesson(index),
            None => {
                self.notice = Some(Notice {
                    text: format!(
                        "There is no lesson called \"{id}\"; the lessons are listed under Tutorial."
                    ),
                    error: true,
                })
            }
        }
    }

    /// Pauses playing (Play and Show me), cancels Run to end and the move planner's Compare: a link
    /// opened meanwhile replaces the run, or asks first, and a computation would refuse the answer.
    fn stop_for_link(&mut self) {
        if self.playing {
            self.playing = false;
            self.run_until = self.now;
        }
        self.play_until_goal = false;
        if let Some(state) = self.lesson.as_mut() {
            state.showing_since = None;
        }
        self.cancel_run();
        if self.planner.comparing.is_some() {
            self.edit_planner(super::planner::PlannerEdit::CancelCompare);
        }
    }
}
