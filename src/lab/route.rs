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

    /// Follows a hash: `#/lesson/<id>` starts that lesson unless it is the one in progress.
    pub fn route(&mut self, hash: &str) {
        if hash.starts_with(super::share::RUN_PREFIX) {
            return self.open_shared(hash);
        }
        let Some(id) = hash.strip_prefix("#/lesson/") else {
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
}
