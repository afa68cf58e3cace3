//! A run of the engine that can be scrubbed back: the world, the user's actions recorded by the step at
//! which they were taken, and snapshots to seek from. The engine is deterministic, so replaying the
//! recorded actions at their steps rebuilds any point of the run exactly.

use super::event_window::EventWindow;
use super::snapshots::{Snapshot, Snapshots};
use messagebox_engine::messagebox::CommandError;
use messagebox_engine::world::{Command, Traced, World};
use serde::{Deserialize, Serialize};

/// A user action and the step count at which it was taken (after that many agenda items ran).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Input {
    pub step: u64,
    pub command: Command,
}

#[derive(Clone, Debug)]
pub struct Session {
    pub world: World,
    /// The events of this path: the newest in full, all of them numbered.
    log: EventWindow,
    /// Agenda items run so far on this path.
    pub steps: u64,
    /// The furthest step reached on this path; less than `steps` never, more when scrubbed back.
    pub horizon: u64,
    inputs: Vec<Input>,
    /// How many of `inputs` the current world has seen.
    applied: usize,
    snapshots: Snapshots,
    /// The load dashboard, fed every event `record` sees.
    pub dashboard: super::dashboard::Dashboard,
}

impl Session {
    pub fn new(world: World) -> Self {
        Self {
            snapshots: Snapshots::new(&world),
            dashboard: Default::default(),
            world,
            log: EventWindow::default(),
            steps: 0,
            horizon: 0,
            inputs: Vec::new(),
            applied: 0,
        }
    }

    pub fn inputs(&self) -> &[Input] {
        &self.inputs
    }

    /// The world as the run started, before any recorded action (None only for a scratch replay).
    pub fn start_world(&self) -> Option<&World> {
        self.snapshots.start()
    }

    /// The newest events of this path, oldest first (at most `event_window::KEEP_EVENTS` and at least
    /// half as many, once the run has that many).
    pub fn recent(&self) -> &[Traced] {
        self.log.kept()
    }

    /// How many events this path has handed out; the next event gets this number.
    pub fn events_total(&self) -> usize {
        self.log.total()
    }

    /// The number of the oldest event `recent` still holds; earlier ones come from `earlier_events`.
    pub fn events_kept_from(&self) -> usize {
        self.log.start()
    }

    /// The kept events numbered `since` on.
    pub fn since(&self, since: usize) -> &[Traced] {
        self.log.since(since)
    }

    /// How many copies of the world the session holds to seek from.
    pub fn snapshot_count(&self) -> usize {
        self.snapshots.len()
    }

    /// True when the view is behind the end of the run: acting now would discard the later part.
    pub fn in_past(&self) -> bool {
        self.steps < self.horizon || self.applied < self.inputs.len()
    }

    /// Runs the next agenda item (and, when replaying, the actions recorded after it). Returns its events,
    /// or None when nothing is scheduled.
    pub fn step(&mut self) -> Option<Vec<Traced>> {
        let handed = self.advance()?;
        Some(self.log.newest(handed).to_vec())
    }

    /// Runs the next agenda item like `step`, keeping its events without copying them for the caller
    /// (Run to end hands out some 670,000 for 5,000 orders). Returns how many it handed out.
    pub fn advance(&mut self) -> Option<usize> {
        let events = self.world.step()?;
        self.steps += 1;
        let mut handed = events.len();
        self.record(events);
        handed += self.apply_recorded();
        self.horizon = self.horizon.max(self.steps);
        if self.snapshots.due(self.log.total(), &self.world) {
            self.snapshots.push(Snapshot {
                steps: self.steps,
                applied: self.applied,
                events: self.log.total(),
                world: self.world.clone(),
                dashboard: self.dashboard.clone(),
                units: self.world.live_size().units(),
            });
        }
        Some(handed)
    }

    /// Carries out a user action now. In the past, the later part of the run is discarded first: the
    /// caller asks the user before calling this there. A refused command changes nothing.
    pub fn act(&mut self, command: Command) -> Result<Vec<Traced>, CommandError> {
        let trial = self.world.apply(command.clone())?;
        self.fork();
        self.record(trial.clone());
        self.inputs.push(Input {
            step: self.steps,
            command,
        });
        self.applied = self.inputs.len();
        Ok(trial)
    }

    /// Forgets everything after the current point: later actions, later snapshots, the horizon.
    fn fork(&mut self) {
        self.inputs.truncate(self.applied);
        self.snapshots.forget_after(self.steps);
        self.horizon = self.steps;
    }

    /// Moves to `target` steps (at most the horizon) from the nearest snapshot before it.
    pub fn seek(&mut self, target: u64) {
        let target = self.start_seek(target);
        while self.steps < target {
            if self.advance().is_none() {
                break;
            }
        }
    }

    /// Goes to the nearest copy of the world at or before `target` (or stays, when the current point
    /// is nearer) and returns the step to replay to (`target`, at most the horizon): the caller steps
    /// there, at once or in slices.
    pub fn start_seek(&mut self, target: u64) -> u64 {
        let target = target.min(self.horizon);
        let snapshot = self.snapshots.at_or_before(target);
        if !(self.steps <= target && self.steps >= snapshot.steps) {
            self.world = snapshot.world.clone();
            self.log.truncate(snapshot.events);
            self.dashboard = snapshot.dashboard.clone();
            self.steps = snapshot.steps;
            self.applied = snapshot.applied;
        }
        self.apply_recorded();
        target
    }

    /// Rebuilds a recorded run: replays `inputs` to `horizon`, then seeks to `position`.
    pub fn replay(
        world: World,
        inputs: Vec<Input>,
        horizon: u64,
        position: u64,
    ) -> Result<Self, String> {
        let mut session = Session::new(world);
        session.inputs = inputs;
        session.apply_recorded();
        while session.steps < horizon {
            if session.advance().is_none() {
                return Err(format!(
                    "the run ends after {} steps but the saved run reached {horizon}",
                    session.steps
                ));
            }
        }
        if session.applied < session.inputs.len() {
            return Err(format!(
                "{} saved actions lie beyond the saved run's end",
                session.inputs.len() - session.applied
            ));
        }
        session.horizon = horizon;
        session.seek(position);
        Ok(session)
    }

    /// Applies the recorded actions taken at the current step that the world has not seen yet.
    fn apply_recorded(&mut self) -> usize {
        let mut handed = 0;
        while let Some(input) = self.inputs.get(self.applied) {
            if input.step != self.steps {
                break;
            }
            // A recorded action succeeded when it was taken, and the engine is deterministic.
            if let Ok(more) = self.world.apply(input.command.clone()) {
                handed += more.len();
                self.record(more);
            }
            self.applied += 1;
        }
        handed
    }

    /// Every event the world hands out on this path passes through here, once, in order.
    fn record(&mut self, events: Vec<Traced>) {
        self.dashboard.observe(&self.world, &events);
        self.log.push(events);
    }

    /// The newest `limit` events numbered `from` up to `to` that `wanted` accepts, oldest first, rebuilt
    /// by replaying this path from the nearest copy of the world before them: for readers that look
    /// further back than `recent` (a filtered event log, a finished message's life).
    pub fn earlier_events(
        &self,
        from: usize,
        to: usize,
        mut wanted: impl FnMut(&Traced) -> bool,
        limit: usize,
    ) -> Vec<Traced> {
        let to = to.min(self.log.total());
        let mut out = std::collections::VecDeque::new();
        let mut keep = |number: usize, t: &Traced| {
            if (from..to).contains(&number) && wanted(t) {
                out.push_back(t.clone());
                if out.len() > limit {
                    out.pop_front();
                }
            }
        };
        if from >= self.log.start() {
            for (i, t) in self.log.kept().iter().enumerate() {
                keep(self.log.start() + i, t);
            }
            return out.into();
        }
        let snapshot = self.snapshots.at_or_before_event(from);
        let mut scratch = Session {
            world: snapshot.world.clone(),
            log: EventWindow::at(snapshot.events),
            steps: snapshot.steps,
            horizon: self.horizon,
            inputs: self.inputs[..self.applied].to_vec(),
            applied: snapshot.applied,
            snapshots: Snapshots::empty(),
            dashboard: Default::default(),
        };
        let mut drain = |scratch: &mut Session| {
            let first = scratch.log.start();
            for (i, t) in scratch.log.kept().iter().enumerate() {
                keep(first + i, t);
            }
            scratch.log = EventWindow::at(scratch.log.total());
        };
        scratch.apply_recorded();
        drain(&mut scratch);
        while scratch.log.total() < to && scratch.advance().is_some() {
            drain(&mut scratch);
        }
        out.into()
    }
}
