//! Run to end and Run to time: the engine computes without animating, in slices the caller bounds (the
//! app gives each animation frame a few milliseconds), so the page keeps drawing, shows progress and can
//! cancel between any two steps. A run that outgrows the page's memory budget is paused with a reason.

use super::{Lab, Notice};
use crate::lab::describe::clock;

/// Heap the app may hold (`heap::in_use`) before a run is paused. Chromium gives a page's wasm at most 4 GB
/// (the page died at 4.8 GB of renderer memory before issue 12); a 5,000-order run takes the whole
/// renderer to about 440 MB (README, "The app at scale"), so this leaves room for several.
pub const MEMORY_BUDGET: usize = 2 << 30;

/// A seek replays up to this many steps at once; more are replayed in slices.
const SEEK_AT_ONCE: u64 = 3_000;

/// Steps between two looks at the caller's clock (a step takes microseconds).
pub(super) const STEPS_PER_CHECK: usize = 64;

/// A run being computed.
#[derive(Clone, Debug, PartialEq)]
pub struct Computing {
    /// Stop before the first item due after this virtual time; None runs to the end.
    pub until: Option<u64>,
    /// A seek replaying to this step (from a copy of the world before it).
    pub until_step: Option<u64>,
    pub from_step: u64,
    pub from_time: u64,
    pub from_events: usize,
    /// The most messages in flight seen so far, for Run to end's progress.
    peak_in_flight: usize,
    /// Done, from 0 to 1; it never goes back.
    pub progress: f64,
}

/// What a slice of computing ended with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slice {
    /// The caller's time for this slice ran out; more to do.
    Yielded,
    /// The run reached its end or its time.
    Finished,
    /// Nothing is being computed.
    Idle,
}

impl Lab {
    /// Starts computing to the run's end (`until` None) or to virtual time `until`.
    pub fn run_to(&mut self, until: Option<u64>) {
        let world = &self.session.world;
        if until.is_some_and(|t| t <= world.now()) {
            self.notice = Some(Notice {
                text: format!(
                    "The run is already at t = {}: choose a later time.",
                    clock(world.now())
                ),
                error: true,
            });
            return;
        }
        if world.next_due().is_none() && !self.session.in_past() {
            self.notice = Some(Notice {
                text: "Nothing is scheduled: submit an order first.".into(),
                error: false,
            });
            return;
        }
        self.playing = false;
        self.tokens.clear();
        self.notice = None;
        self.computing = Some(Computing {
            until,
            until_step: None,
            from_step: self.session.steps,
            from_time: world.now(),
            from_events: self.session.events_total(),
            peak_in_flight: world.live_size().messages,
            progress: 0.0,
        });
    }

    /// Computes until `time_left` says the slice is over, the run ends, or memory runs short.
    pub fn compute(&mut self, mut time_left: impl FnMut() -> bool) -> Slice {
        let Some(job) = self.computing.clone() else {
            return Slice::Idle;
        };
        let finished = loop {
            let mut end = false;
            for _ in 0..STEPS_PER_CHECK {
                let due = self.session.world.next_due();
                let reached = match (job.until, due) {
                    (Some(t), Some(d)) => d > t,
                    _ => false,
                } || job.until_step.is_some_and(|s| self.session.steps >= s);
                if reached || self.session.advance().is_none() {
                    end = true;
                    break;
                }
            }
            if end {
                break true;
            }
            if !time_left() {
                break false;
            }
        };
        if finished {
            self.finish_computing(&job);
            return Slice::Finished;
        }
        self.update_progress();
        Slice::Yielded
    }

    fn update_progress(&mut self) {
        let world = &self.session.world;
        let Some(job) = self.computing.as_mut() else {
            return;
        };
        let progress = match (job.until_step, job.until) {
            (Some(target), _) => {
                self.session.steps.saturating_sub(job.from_step) as f64
                    / target.saturating_sub(job.from_step).max(1) as f64
            }
            (None, Some(t)) => {
                world.now().saturating_sub(job.from_time) as f64
                    / t.saturating_sub(job.from_time).max(1) as f64
            }
            (None, None) => {
                let live = world.live_size().messages;
                job.peak_in_flight = job.peak_in_flight.max(live);
                1.0 - live as f64 / job.peak_in_flight.max(1) as f64
            }
        };
        job.progress = job.progress.max(progress.clamp(0.0, 0.99));
    }

    fn finish_computing(&mut self, job: &Computing) {
        self.computing = None;
        self.virtual_target = self.session.world.now() as f64;
        let s = &self.session;
        if job.until_step.is_some() {
            self.notice = None;
            return;
        }
        let at_end = s.world.next_due().is_none() && !s.in_past();
        self.notice = Some(Notice {
            text: format!(
                "{} t = {}: {} steps and {} events computed.",
                if at_end {
                    "The run has reached its end at"
                } else {
                    "Stopped at"
                },
                clock(s.world.now()),
                s.steps.saturating_sub(job.from_step),
                s.events_total().saturating_sub(job.from_events),
            ),
            error: false,
        });
    }

    /// Moves the view to `step`: at once when few steps are to be replayed, else in slices like a run,
    /// with progress and Cancel (a seek into a big burst replays from an earlier copy of the world).
    pub fn seek(&mut self, step: u64) {
        self.playing = false;
        self.computing = None;
        self.tokens.clear();
        self.evaluations.clear();
        let target = self.session.start_seek(step);
        let from = self.session.steps;
        self.virtual_target = self.session.world.now() as f64;
        if target - from <= SEEK_AT_ONCE {
            while self.session.steps < target && self.session.advance().is_some() {}
            return;
        }
        self.computing = Some(Computing {
            until: None,
            until_step: Some(target),
            from_step: from,
            from_time: self.session.world.now(),
            from_events: self.session.events_total(),
            peak_in_flight: 0,
            progress: 0.0,
        });
    }

    /// Stops computing between two steps; the run stays at a consistent step.
    pub fn cancel_run(&mut self) {
        let Some(job) = self.computing.take() else {
            return;
        };
        let s = &self.session;
        self.notice = Some(Notice {
            text: format!(
                "Cancelled at step {} (t = {}) after {} steps; everything up to here can be inspected, \
                 scrubbed and continued.",
                s.steps,
                clock(s.world.now()),
                s.steps.saturating_sub(job.from_step)
            ),
            error: false,
        });
    }

    /// Pauses whatever is running when the app's heap passed the budget, saying why and what to do. The
    /// state before stays usable. True when it paused something.
    pub fn check_memory(&mut self, heap_bytes: usize) -> bool {
        if heap_bytes < MEMORY_BUDGET || !(self.playing || self.computing.is_some()) {
            return false;
        }
        self.playing = false;
        self.computing = None;
        self.notice = Some(Notice {
            text: format!(
                "Paused at step {} (t = {}): the app's memory reached {} MB, the most this page can \
                 safely hold. Everything up to here stays usable. To go further, reset and submit fewer \
                 orders at once, or run this load on the command line with mbx bench-world.",
                self.session.steps,
                clock(self.session.world.now()),
                heap_bytes >> 20
            ),
            error: true,
        });
        true
    }
}
