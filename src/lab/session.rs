//! A run of the engine that can be scrubbed back: the world, the user's actions recorded by the step at
//! which they were taken, and snapshots to seek from. The engine is deterministic, so replaying the
//! recorded actions at their steps rebuilds any point of the run exactly.

use messagebox_engine::messagebox::CommandError;
use messagebox_engine::world::{Command, Traced, World};
use serde::{Deserialize, Serialize};

/// A snapshot every this many steps keeps a seek to at most this many replayed steps.
const SNAPSHOT_EVERY: u64 = 50;

/// A user action and the step count at which it was taken (after that many agenda items ran).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Input {
    pub step: u64,
    pub command: Command,
}

#[derive(Clone, Debug)]
struct Snapshot {
    steps: u64,
    applied: usize,
    /// The length of the trace at this point: the world keeps no events, the session does.
    events: usize,
    world: World,
    dashboard: super::dashboard::Dashboard,
}

#[derive(Clone, Debug)]
pub struct Session {
    pub world: World,
    /// Every event the world handed out on this path, in order.
    trace: Vec<Traced>,
    /// Agenda items run so far on this path.
    pub steps: u64,
    /// The furthest step reached on this path; less than `steps` never, more when scrubbed back.
    pub horizon: u64,
    inputs: Vec<Input>,
    /// How many of `inputs` the current world has seen.
    applied: usize,
    snapshots: Vec<Snapshot>,
    /// The load dashboard, fed every event `record` sees.
    pub dashboard: super::dashboard::Dashboard,
}

impl Session {
    pub fn new(world: World) -> Self {
        Self {
            snapshots: vec![Snapshot {
                steps: 0,
                applied: 0,
                events: 0,
                world: world.clone(),
                dashboard: Default::default(),
            }],
            dashboard: Default::default(),
            world,
            trace: Vec::new(),
            steps: 0,
            horizon: 0,
            inputs: Vec::new(),
            applied: 0,
        }
    }

    pub fn inputs(&self) -> &[Input] {
        &self.inputs
    }

    /// The events of this path so far.
    pub fn trace(&self) -> &[Traced] {
        &self.trace
    }

    /// The events from trace index `since` on.
    pub fn since(&self, since: usize) -> &[Traced] {
        self.trace.get(since..).unwrap_or(&[])
    }

    /// True when the view is behind the end of the run: acting now would discard the later part.
    pub fn in_past(&self) -> bool {
        self.steps < self.horizon || self.applied < self.inputs.len()
    }

    /// Runs the next agenda item (and, when replaying, the actions recorded after it). Returns its events,
    /// or None when nothing is scheduled.
    pub fn step(&mut self) -> Option<Vec<Traced>> {
        let mut events = self.world.step()?;
        self.steps += 1;
        self.record(&events);
        events.extend(self.apply_recorded());
        self.horizon = self.horizon.max(self.steps);
        if self.steps.is_multiple_of(SNAPSHOT_EVERY)
            && self.snapshots.iter().all(|s| s.steps != self.steps)
        {
            self.snapshots.push(Snapshot {
                steps: self.steps,
                applied: self.applied,
                events: self.trace.len(),
                world: self.world.clone(),
                dashboard: self.dashboard.clone(),
            });
        }
        Some(events)
    }

    /// Carries out a user action now. In the past, the later part of the run is discarded first: the
    /// caller asks the user before calling this there. A refused command changes nothing.
    pub fn act(&mut self, command: Command) -> Result<Vec<Traced>, CommandError> {
        let trial = self.world.apply(command.clone())?;
        self.fork();
        self.record(&trial);
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
        let steps = self.steps;
        self.snapshots.retain(|s| s.steps <= steps);
        self.horizon = steps;
    }

    /// Moves to `target` steps (at most the horizon) from the nearest snapshot before it.
    pub fn seek(&mut self, target: u64) {
        let target = target.min(self.horizon);
        let snapshot = self
            .snapshots
            .iter()
            .rev()
            .find(|s| s.steps <= target)
            .expect("the snapshot at step 0 is never removed");
        self.world = snapshot.world.clone();
        self.trace.truncate(snapshot.events);
        self.dashboard = snapshot.dashboard.clone();
        self.steps = snapshot.steps;
        self.applied = snapshot.applied;
        self.apply_recorded();
        while self.steps < target {
            if self.step().is_none() {
                break;
            }
        }
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
            if session.step().is_none() {
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
    fn apply_recorded(&mut self) -> Vec<Traced> {
        let mut events = Vec::new();
        while let Some(input) = self.inputs.get(self.applied) {
            if input.step != self.steps {
                break;
            }
            // A recorded action succeeded when it was taken, and the engine is deterministic.
            if let Ok(more) = self.world.apply(input.command.clone()) {
                self.record(&more);
                events.extend(more);
            }
            self.applied += 1;
        }
        events
    }

    /// Every event the world hands out on this path passes through here, once, in order.
    fn record(&mut self, events: &[Traced]) {
        self.trace.extend(events.iter().cloned());
        self.dashboard.observe(&self.world, events);
    }
}
