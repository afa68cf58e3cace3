//! The same orders before and after the move, side by side: the world at its start is run to its end
//! twice (deterministic), once as it is and once with the move's commands applied, and each order's
//! outcome (who received it, the instances it ran in and how they ended, a routing failure) is put
//! beside the other. A recorded run (the app's actions: imports, submitted orders, changed states) is
//! replayed on both sides; the after side makes the move after a given number of them.

use crate::load::{OrderOutcome, OutcomeFold};
use crate::world::{Command, Retention, SummaryBuilder, World};
use serde::Serialize;
use std::collections::BTreeMap;

/// A run stops after this many steps: the comparison says so rather than running without end.
pub const STEP_LIMIT: usize = 2_000_000;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Side {
    /// `group/subscriber` for each subscriber that received a copy of one of the order's messages.
    pub received_by: Vec<String>,
    /// `group orchestration: state (status)` for each instance the order ran in.
    pub instances: Vec<String>,
    pub routing_failure: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrderRow {
    pub request: String,
    pub before: Side,
    pub after: Side,
    pub changed: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub rows: Vec<OrderRow>,
    /// The step (agenda items run) at which the after side made the move; 0 is the start.
    pub moved_at_step: u64,
    /// How many of the run's actions were taken before the move (the same on both sides).
    pub moved_after_actions: usize,
    /// A run hit `STEP_LIMIT` (its outcomes are those reached by then).
    pub truncated: bool,
}

fn side(o: Option<&OrderOutcome>) -> Side {
    let Some(o) = o else {
        return Side::default();
    };
    Side {
        received_by: o.copies.iter().cloned().collect(),
        instances: o
            .instances
            .iter()
            .map(|i| match &i.status {
                Some(s) => format!("{} {}: {} ({s})", i.group, i.orchestration, i.state),
                None => format!("{} {}: {}", i.group, i.orchestration, i.state),
            })
            .collect(),
        routing_failure: o.routing_failure,
    }
}

/// An action of a recorded run and the step at which it was taken (after that many agenda items ran).
#[derive(Clone, Debug, PartialEq)]
pub struct TimedCommand {
    pub step: u64,
    pub command: Command,
}

/// One side of a comparison: a copy of the world replaying the run's actions at their steps, and the
/// move's commands (after side) at its step, run to its end a slice at a time.
#[derive(Clone, Debug)]
struct Replay {
    world: World,
    /// Each order's outcome, folded from the finished work the world hands out (it keeps none, so a
    /// side's memory follows the work in flight, not the run's length).
    fold: OutcomeFold,
    next_action: usize,
    steps: u64,
    inserted: Option<Vec<Command>>,
    done: bool,
    cut: bool,
    /// The most messages in flight seen, for the progress of a side whose length is not known yet.
    peak_live: usize,
}

impl Replay {
    fn new(start: &World, inserted: Option<Vec<Command>>) -> Self {
        let mut world = start.clone();
        world.set_retention(Retention::HandOut);
        Self {
            world,
            fold: OutcomeFold::default(),
            next_action: 0,
            steps: 0,
            inserted,
            done: false,
            cut: false,
            peak_live: 0,
        }
    }

    /// Runs at most `budget` steps and actions; returns how many ran. The move (after side) is made
    /// once the first `move_after` actions have been taken, before anything else happens.
    fn advance(
        &mut self,
        actions: &[TimedCommand],
        move_after: usize,
        budget: usize,
    ) -> Result<usize, String> {
        let mut ran = 0;
        while !self.done && ran < budget {
            if self.next_action == move_after {
                let step = self.steps;
                for c in self.inserted.take().unwrap_or_default() {
                    self.world
                        .apply(c)
                        .map_err(|e| format!("the move at step {step}: {e}"))?;
                }
            }
            // An action counts against the budget like a step: a burst of 5,000 orders is 5,000
            // actions taken at one step.
            if let Some(a) = actions
                .get(self.next_action)
                .filter(|a| a.step <= self.steps)
            {
                self.world.apply(a.command.clone()).map_err(|e| {
                    format!(
                        "the run's action {} (step {}): {e}",
                        self.next_action + 1,
                        a.step
                    )
                })?;
                self.next_action += 1;
                ran += 1;
                continue;
            }
            if self.world.step().is_none() {
                self.done = true;
                break;
            }
            self.steps += 1;
            ran += 1;
            if self.steps >= STEP_LIMIT as u64 {
                self.done = true;
                self.cut = true;
            }
        }
        for r in self.world.take_retired() {
            self.fold.retired(&r);
        }
        self.peak_live = self.peak_live.max(self.world.live_size().messages);
        Ok(ran)
    }

    /// Every order's outcome: the finished work folded so far, and what is still live.
    fn outcomes(&self) -> BTreeMap<String, OrderOutcome> {
        let mut fold = self.fold.clone();
        fold.summary(&SummaryBuilder::new().finish(&self.world));
        fold.finish()
    }

    /// Done, from 0 to 1, judged by the messages still in flight against the most seen.
    fn progress(&self) -> f64 {
        if self.done {
            return 1.0;
        }
        let live = self.world.live_size().messages;
        (1.0 - live as f64 / self.peak_live.max(1) as f64).clamp(0.0, 0.99)
    }
}

/// A comparison being computed, a slice at a time, so a caller with a frame budget (the app) can show
/// progress and cancel; `compare_run` runs one to its end at once.
#[derive(Clone, Debug)]
pub struct Comparing {
    actions: Vec<TimedCommand>,
    move_after: usize,
    before: Replay,
    after: Replay,
    /// Done, from 0 to 1; it never goes back.
    progress: f64,
}

impl Comparing {
    /// The run's `actions` are replayed on both sides at their steps; the after side makes the move
    /// (`commands`) right after the first `move_after` of them (at the start when 0).
    pub fn new(
        start: &World,
        actions: &[TimedCommand],
        move_after: usize,
        commands: &[Command],
    ) -> Self {
        Self {
            actions: actions.to_vec(),
            move_after: move_after.min(actions.len()),
            before: Replay::new(start, None),
            after: Replay::new(start, Some(commands.to_vec())),
            progress: 0.0,
        }
    }

    /// Runs at most `budget` steps (the before side first, then the after side). Ok(true) once both
    /// sides have reached their end; an error if an action or the move is refused on the way.
    pub fn advance(&mut self, budget: usize) -> Result<bool, String> {
        let ran = self.before.advance(&self.actions, usize::MAX, budget)?;
        if self.before.done {
            self.after
                .advance(&self.actions, self.move_after, budget - ran)?;
        }
        self.progress = self.progress.max(self.estimate());
        Ok(self.before.done && self.after.done)
    }

    /// Done, from 0 to 1, never going back.
    pub fn progress(&self) -> f64 {
        self.progress
    }

    /// Half for each side (the after side judged against the before side's length).
    fn estimate(&self) -> f64 {
        if !self.before.done {
            return 0.5 * self.before.progress();
        }
        let after = if self.after.done {
            1.0
        } else {
            (self.after.steps as f64 / self.before.steps.max(1) as f64)
                .max(self.after.progress())
                .min(0.99)
        };
        0.5 + 0.5 * after
    }

    /// Steps run so far, both sides together.
    pub fn steps(&self) -> u64 {
        self.before.steps + self.after.steps
    }

    /// The comparison, once `advance` has said both sides are done (before that, the outcomes reached).
    pub fn finish(&self) -> Comparison {
        let (before, after) = (self.before.outcomes(), self.after.outcomes());
        let mut requests: Vec<&String> = before.keys().chain(after.keys()).collect();
        requests.sort();
        requests.dedup();
        Comparison {
            rows: requests
                .into_iter()
                .map(|r| {
                    let (b, a) = (side(before.get(r)), side(after.get(r)));
                    OrderRow {
                        request: r.clone(),
                        changed: b != a,
                        before: b,
                        after: a,
                    }
                })
                .collect(),
            moved_at_step: match self.move_after {
                0 => 0,
                n => self.actions[n - 1].step,
            },
            moved_after_actions: self.move_after,
            truncated: self.before.cut || self.after.cut,
        }
    }
}

/// Runs `start` to its end without and with `commands` applied first, and compares every order.
pub fn compare(start: &World, commands: &[Command]) -> Result<Comparison, String> {
    compare_run(start, &[], 0, commands)
}

/// Replays a recorded run from `start` with its `actions` at their steps, to its end, without and with
/// the move (`commands`) made right after the first `move_after` actions, and compares every order.
pub fn compare_run(
    start: &World,
    actions: &[TimedCommand],
    move_after: usize,
    commands: &[Command],
) -> Result<Comparison, String> {
    let mut comparing = Comparing::new(start, actions, move_after, commands);
    // In batches, so the finished work handed out between two folds stays small.
    while !comparing.advance(4_096)? {}
    Ok(comparing.finish())
}
