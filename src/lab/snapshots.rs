//! Where the session keeps copies of the world to seek from. A copy costs time and memory in proportion
//! to the work in flight (`World::live_size`), so a copy is taken only after enough events to pay for it,
//! and the list is thinned to a fixed count, so memory follows the run's live state and never its length.
//! The finished work a copy holds (the archive, message bodies and contexts) is shared, not copied.

use messagebox_engine::world::World;

/// A copy is taken after at least this many events...
const MIN_SPACING: usize = 2_000;
/// ...and at least this many events per piece of live work it copies (copying a piece costs about as
/// much as a handful of events; measured in tests/session_memory.rs), so copies take a small share of
/// the run's time.
const EVENTS_PER_UNIT: usize = 8;
/// At most this many copies; beyond it the one whose removal widens the replay gap least goes.
pub const MAX_SNAPSHOTS: usize = 24;
/// The copies together hold at most this much live work (about 1.3 KB a piece, so some 16 MB): in the
/// middle of a 5,000-order burst the live world alone is larger, and is not copied; a seek there
/// replays from an earlier copy, in slices (`Lab::seek`).
pub const MAX_COPIED_UNITS: usize = 12_000;
/// One copy holds at most this share of it.
const MAX_UNITS_PER_COPY: usize = MAX_COPIED_UNITS / 4;

#[derive(Clone, Debug)]
pub struct Snapshot {
    pub steps: u64,
    /// How many recorded inputs the world had seen.
    pub applied: usize,
    /// How many events the path had handed out.
    pub events: usize,
    pub world: World,
    pub dashboard: super::dashboard::Dashboard,
    /// The live work the copy holds (`LiveSize::units`).
    pub units: usize,
}

#[derive(Clone, Debug)]
pub struct Snapshots {
    /// In step order; the first (step 0) is never removed.
    list: Vec<Snapshot>,
}

impl Snapshots {
    pub fn new(world: &World) -> Self {
        Self {
            list: vec![Snapshot {
                steps: 0,
                applied: 0,
                events: 0,
                world: world.clone(),
                dashboard: Default::default(),
                units: world.live_size().units(),
            }],
        }
    }

    /// A list that never takes a copy: for a scratch replay that will not seek.
    pub fn empty() -> Self {
        Self { list: Vec::new() }
    }

    /// The world at the run's start (step 0, before any recorded action).
    pub fn start(&self) -> Option<&World> {
        self.list
            .first()
            .filter(|s| s.steps == 0 && s.applied == 0)
            .map(|s| &s.world)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Whether a copy of `world` is worth taking at `events` events.
    pub fn due(&self, events: usize, world: &World) -> bool {
        let Some(last) = self.list.last().map(|s| s.events) else {
            return false;
        };
        let since = events.saturating_sub(last);
        let units = world.live_size().units();
        since >= MIN_SPACING && since >= units * EVENTS_PER_UNIT && units <= MAX_UNITS_PER_COPY
    }

    pub fn push(&mut self, snapshot: Snapshot) {
        if self.list.iter().any(|s| s.steps == snapshot.steps) {
            return;
        }
        self.list.push(snapshot);
        if self.list.len() > MAX_SNAPSHOTS {
            self.thin();
        }
        while self.copied_units() > MAX_COPIED_UNITS && self.list.len() > 2 {
            self.drop_largest();
        }
    }

    fn copied_units(&self) -> usize {
        self.list.iter().map(|s| s.units).sum()
    }

    /// Removes the copy holding the most live work, keeping the first and the newest.
    fn drop_largest(&mut self) {
        let last = self.list.len() - 1;
        if let Some(i) = (1..last).max_by_key(|&i| self.list[i].units) {
            self.list.remove(i);
        }
    }

    /// Removes the copy whose neighbours are closest together (in events), keeping the first and last.
    fn thin(&mut self) {
        let gap = |i: usize| self.list[i + 1].events - self.list[i - 1].events;
        if let Some(i) = (1..self.list.len() - 1).min_by_key(|&i| gap(i)) {
            self.list.remove(i);
        }
    }

    /// The latest copy at or before `steps`.
    pub fn at_or_before(&self, steps: u64) -> &Snapshot {
        self.list
            .iter()
            .rev()
            .find(|s| s.steps <= steps)
            .unwrap_or(&self.list[0])
    }

    /// The latest copy whose event count is at or before `events`.
    pub fn at_or_before_event(&self, events: usize) -> &Snapshot {
        self.list
            .iter()
            .rev()
            .find(|s| s.events <= events)
            .unwrap_or(&self.list[0])
    }

    /// Forgets the copies after `steps` (a fork discards that future).
    pub fn forget_after(&mut self, steps: u64) {
        self.list.retain(|s| s.steps <= steps);
    }
}
