//! What the world hands out after each call: its events, and the finished work the retention says to
//! hand out or keep.

use super::{GroupArchive, Retention, Retired, Traced, World, WorldEvent};

impl World {
    /// Chooses what happens to finished work from now on.
    pub fn set_retention(&mut self, retention: Retention) {
        self.retention = retention;
    }

    pub fn retention(&self) -> Retention {
        self.retention
    }

    /// The finished work handed out since the last call (under `Retention::HandOut`).
    pub fn take_retired(&mut self) -> Vec<Retired> {
        std::mem::take(&mut self.handed)
    }

    /// A group's archive of finished work (under `Retention::Keep`).
    pub fn archive(&self, group: &str) -> Option<&GroupArchive> {
        self.archive.get(group)
    }

    /// A message, live or archived.
    pub fn find_message(
        &self,
        group: &str,
        id: crate::message::MessageId,
    ) -> Option<&crate::message::Message> {
        let live = self.group(group)?.messagebox.message(id);
        live.or_else(|| self.archive.get(group)?.message(id))
    }

    /// How many events the world has handed out since it was made.
    pub fn events_emitted(&self) -> usize {
        self.events_emitted
    }

    /// The events of the call that just ended, and the finished work it retired.
    pub(super) fn hand_out(&mut self) -> Vec<Traced> {
        let events = std::mem::take(&mut self.pending);
        self.events_emitted += events.len();
        if self.retention == Retention::Keep {
            for t in &events {
                if let WorldEvent::Logged { text, .. } = &t.event {
                    let archive = self.archive.entry(t.group.to_string()).or_default();
                    archive.log.push_back(text.clone());
                }
            }
        }
        events
    }

    /// Files what a piece of work in `group` finished, as the retention says.
    pub(super) fn file_retired(&mut self, group: &str, since: usize) {
        let Some(g) = self.groups.get_mut(group) else {
            return;
        };
        let retired = g.retire(&self.pending[since..], self.retention != Retention::Discard);
        if retired.is_empty() {
            return;
        }
        match self.retention {
            Retention::Keep => {
                let archive = self.archive.entry(group.to_string()).or_default();
                for r in retired {
                    archive.keep(r);
                }
            }
            Retention::HandOut => self.handed.extend(retired),
            Retention::Discard => {}
        }
    }
}
