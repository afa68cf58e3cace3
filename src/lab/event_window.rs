//! The session's event log, bounded: the newest events in full, the older ones counted and rebuilt on
//! demand by replaying from a snapshot (`Session::earlier_events`). Events are numbered along the path
//! from 0, so readers keep positions (a lesson's "since") that survive the oldest events being dropped.

use messagebox_engine::world::Traced;

/// The newest this many events are kept in full. A 5,000-order run hands out about 670,000.
pub const KEEP_EVENTS: usize = 10_000;

#[derive(Clone, Debug, Default)]
pub struct EventWindow {
    /// The number of the first kept event.
    start: usize,
    kept: Vec<Traced>,
}

impl EventWindow {
    /// An empty window whose next event has number `total`.
    pub fn at(total: usize) -> Self {
        Self {
            start: total,
            kept: Vec::new(),
        }
    }

    /// Events handed out on this path so far.
    pub fn total(&self) -> usize {
        self.start + self.kept.len()
    }

    /// The number of the oldest event still kept in full.
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn push(&mut self, events: Vec<Traced>) {
        self.kept.extend(events);
        // Dropping in halves keeps the cost per event constant.
        if self.kept.len() >= 2 * KEEP_EVENTS {
            let drop = self.kept.len() - KEEP_EVENTS;
            self.kept.drain(..drop);
            self.start += drop;
        }
    }

    /// The newest `n` kept events (fewer if fewer are kept).
    pub fn newest(&self, n: usize) -> &[Traced] {
        &self.kept[self.kept.len().saturating_sub(n)..]
    }

    /// The kept events, oldest first.
    pub fn kept(&self) -> &[Traced] {
        &self.kept
    }

    /// The kept events numbered `from` on (those dropped already are not in it).
    pub fn since(&self, from: usize) -> &[Traced] {
        let skip = from.saturating_sub(self.start);
        self.kept.get(skip..).unwrap_or(&[])
    }

    /// Moves to a copy of the world at `total` events: forgets the events numbered `total` on (a seek
    /// back replays them), or, when the copy is further on than the window, starts empty there.
    pub fn truncate(&mut self, total: usize) {
        if total <= self.start || total > self.total() {
            *self = Self::at(total);
        } else {
            self.kept.truncate(total - self.start);
        }
    }
}
