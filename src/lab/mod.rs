//! The lab: everything the screen shows that is not the engine's own state — which scenario, the
//! scrubbable session, the animation, the selection and the dialogs. No web types here, so it is
//! tested like any Rust code; the components render it and the App feeds it browser events.

pub mod action;
pub mod camera;
pub mod canvas_view;
mod compute;
pub mod dashboard;
pub mod debugger_form;
mod debugging;
pub mod describe;
pub mod evaluation;
pub mod event_window;
pub mod explain_text;
pub mod filter_edit;
mod follow;
pub mod glide;
pub mod import_summary;
pub mod layout;
mod lesson;
pub mod marks;
pub mod order_form;
pub mod own_scenario;
pub mod panels;
pub mod pinch;
pub mod planner;
pub mod ports;
mod route;
pub mod saved;
pub mod saved_records;
pub mod session;
pub mod share;
pub mod snapshots;
pub mod subscription_query;
pub mod tokens;

pub use action::{Action, Effect};
pub use compute::{Computing, Slice, MEMORY_BUDGET};
pub use lesson::{LessonState, NEXT_LESSON, NEXT_STEP};

use messagebox_engine::messagebox::{Event, Owner};
use messagebox_engine::scenario::{self, ShippedScenario};
use messagebox_engine::world::{Command, Traced, WorldEvent};
use saved::{build_shipped, SavedLab, View};
use session::Session;
use std::collections::BTreeMap;
use tokens::{tokens_for, Token};

/// What the inspector shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Selection {
    Message { group: String, id: u64 },
    Instance { group: String, id: u64 },
    Subscription { group: String, id: u64 },
    Service { group: String, owner: Owner },
    Location { group: String, name: String },
    Host { group: String, name: String },
    Group { group: String },
}

impl Selection {
    pub fn group(&self) -> &str {
        match self {
            Selection::Message { group, .. }
            | Selection::Instance { group, .. }
            | Selection::Subscription { group, .. }
            | Selection::Service { group, .. }
            | Selection::Location { group, .. }
            | Selection::Host { group, .. }
            | Selection::Group { group } => group,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Inspector,
    Compose,
    GroupHub,
    Subscriptions,
    Debugger,
    Dashboard,
    Planner,
}

impl Tab {
    /// The practitioner's views take the whole workspace: the canvas steps aside for them.
    pub fn is_wide(self) -> bool {
        matches!(self, Tab::Subscriptions | Tab::Debugger | Tab::Planner)
    }
}

/// Something that needs the user's yes before it happens.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// An action taken in the past, which discards the later part of the run.
    Fork(Command),
    Reset,
    Switch(usize),
    /// Starting a lesson replaces the run.
    StartLesson(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// A hop lasts this long at speed 1 (animation milliseconds).
const HOP_MS: f64 = 900.0;
/// At most this many steps run in one frame, however fast the speed.
const MAX_STEPS_PER_FRAME: usize = 400;
/// Up to this many messages in flight, playing animates every step; beyond, speed is virtual time.
const HANDFUL: usize = 16;
/// Tokens beyond this are dropped (the oldest first): the screen cannot show more anyway.
const MAX_TOKENS: usize = 3000;

pub struct Lab {
    pub catalog: Vec<ShippedScenario>,
    pub scenario: usize,
    pub session: Session,
    pub view: View,
    pub tokens: Vec<Token>,
    /// The animation clock (milliseconds). It runs while playing, and after a single step until that
    /// step's tokens arrive; paused, everything on the canvas holds still so it can be clicked.
    pub now: f64,
    next_step_at: f64,
    run_until: f64,
    last_frame: Option<f64>,
    pub playing: bool,
    pub pending: Option<Pending>,
    pub notice: Option<Notice>,
    pub selection: Option<Selection>,
    pub tab: Tab,
    pub help: bool,
    /// The message each group's MessageBox evaluated last, and when (animation clock).
    pub evaluations: BTreeMap<String, (u64, f64)>,
    /// A saved state that could not be restored, kept so the user can download it.
    pub unrestored: Option<String>,
    /// Draw busy edges as one counter rather than every token.
    pub aggregate: bool,
    /// Where the run's world came from: a shipped scenario file, or `lesson:<id>`.
    pub source: String,
    /// The lesson in progress, if any.
    pub lesson: Option<LessonState>,
    /// The ids of the lessons completed (their goals held), kept apart from the run.
    pub progress: std::collections::BTreeSet<String>,
    /// The lesson panel is shown.
    pub tutorial_open: bool,
    /// Playing stops by itself when the current step's goal holds ("show me").
    pub play_until_goal: bool,
    /// Run to end or Run to time in progress.
    pub computing: Option<Computing>,
    /// The virtual time playing has reached when many messages are in flight (virtual milliseconds).
    virtual_target: f64,
    /// The canvas's drawing area on screen, as last measured (the view's camera is fitted into it).
    pub area: camera::Area,
    /// The routing debugger's inputs and last answer.
    pub debugger: debugger_form::DebuggerForm,
    /// What the last import did, shown in its group's panel until dismissed.
    pub import_summary: Option<import_summary::ImportSummary>,
    /// The move planner's choices, plan and comparison.
    pub planner: planner::Planner,
    /// The link Copy link made (shown until closed).
    pub shared: Option<share::ShareLink>,
    /// The user's own scenario, when the run is not of a shipped one.
    pub own: Option<own_scenario::OwnScenario>,
    /// The panels around the canvas, as the learner left them.
    pub panels: panels::Panels,
    /// The camera's glide in progress, if any.
    glide: Option<glide::Glide>,
    /// The browser's clock at the last frame (milliseconds): glides run on it, even while paused.
    browser_now: f64,
    /// The browser asks for reduced motion: the camera jumps.
    pub reduced_motion: bool,
}

impl Lab {
    /// A fresh run of the shipped scenario at `index` in the catalog.
    pub fn fresh(index: usize) -> Result<Self, String> {
        let catalog = scenario::shipped().map_err(|e| e.to_string())?;
        let file = catalog
            .get(index)
            .ok_or_else(|| format!("no scenario number {index}"))?
            .file;
        let (scenario, world) = build_shipped(file)?;
        Ok(Self {
            source: file.to_string(),
            lesson: None,
            progress: Default::default(),
            tutorial_open: false,
            play_until_goal: false,
            computing: None,
            virtual_target: 0.0,
            area: camera::DEFAULT_AREA,
            debugger: Default::default(),
            import_summary: None,
            planner: Default::default(),
            shared: None,
            own: None,
            panels: Default::default(),
            glide: None,
            browser_now: 0.0,
            reduced_motion: false,
            catalog,
            scenario,
            session: Session::new(world),
            view: View::default(),
            tokens: Vec::new(),
            now: 0.0,
            next_step_at: 0.0,
            run_until: 0.0,
            last_frame: None,
            playing: false,
            pending: None,
            notice: None,
            selection: None,
            tab: Tab::Inspector,
            help: false,
            evaluations: BTreeMap::new(),
            unrestored: None,
            aggregate: true,
        })
    }

    /// The saved lab if it restores, else the default scenario with a notice saying why, keeping the
    /// saved text for download.
    pub fn restore_or_default(saved: Option<String>) -> Result<Self, String> {
        let Some(text) = saved else {
            return Self::fresh(0);
        };
        match SavedLab::restore(&text) {
            Ok(r) => {
                let mut lab = Self::fresh(r.scenario)?;
                lab.own = r.own;
                lab.session = r.session;
                lab.view = r.view;
                lab.source = r.file;
                lab.restore_lesson(r.lesson);
                Ok(lab)
            }
            Err(reason) => {
                let mut lab = Self::fresh(0)?;
                lab.notice = Some(Notice {
                    text: format!(
                        "Your saved session could not be restored: {reason}. The default scenario is \
                         loaded instead; download the saved session to keep it."
                    ),
                    error: true,
                });
                lab.unrestored = Some(text);
                Ok(lab)
            }
        }
    }

    pub fn saved(&self) -> SavedLab {
        let mut saved = SavedLab::of(&self.source, &self.session, &self.view);
        saved.lesson = self.lesson_save();
        saved.own = self.own.as_ref().map(|o| o.text.clone());
        saved
    }

    pub fn group_order(&self) -> Vec<String> {
        self.scenario_summary()
            .groups
            .iter()
            .map(|g| g.name.clone())
            .collect()
    }

    /// Where things are drawn on the canvas (at the detail the zoom allows).
    pub fn layout(&self) -> layout::Layout {
        self.canvas_view().layout
    }

    /// Where the canvas looks now (its mode resolved against the layout and the measured area).
    pub fn camera(&self) -> camera::Camera {
        self.canvas_view().camera
    }

    /// Glides from `from` to wherever the view now looks (unless motion is reduced).
    pub(crate) fn glide_from(&mut self, from: camera::Camera) {
        self.glide = (!self.reduced_motion && from != self.camera()).then_some(glide::Glide {
            from,
            start: self.browser_now,
        });
    }

    /// The camera as drawn at this moment: on its glide, or where it looks.
    pub fn camera_now(&self, view: &canvas_view::CanvasView) -> camera::Camera {
        self.glide
            .and_then(|g| g.at(view.camera, self.browser_now))
            .unwrap_or(view.camera)
    }

    /// Whether the camera is gliding (the canvas needs drawing at every frame).
    pub fn gliding(&self) -> bool {
        self.glide
            .is_some_and(|g| self.browser_now - g.start < glide::GLIDE_MS)
    }

    /// The canvas's zoom now.
    pub fn zoom(&self) -> f64 {
        self.camera().zoom
    }

    pub fn speed(&self) -> f64 {
        2f64.powf(self.view.speed_log)
    }

    fn hop(&self) -> f64 {
        HOP_MS / self.speed()
    }

    /// One animation frame at browser time `now`: runs the steps that are due when playing, and lets
    /// tokens that have arrived go.
    pub fn frame(&mut self, browser_now: f64) {
        // A long gap (a background tab) does not fast-forward the animation.
        let dt = (browser_now - self.last_frame.unwrap_or(browser_now)).clamp(0.0, 100.0);
        self.last_frame = Some(browser_now);
        self.browser_now = browser_now;
        if self.playing {
            self.now += dt;
        } else if self.now < self.run_until {
            self.now = (self.now + dt).min(self.run_until);
        }
        if self.playing {
            self.play_frame(dt);
        }
        let now = self.now;
        // An arrived token goes, so it never sits on top of the node it reached.
        self.tokens.retain(|t| t.end() > now);
    }

    /// The steps of one frame of play. With a handful of messages in flight each step is animated in
    /// turn (event-paced, a hop taking `HOP_MS / speed`); with more, the speed is virtual time: at ×64
    /// the virtual clock advances 64 seconds a second, and the steps due are computed, their tokens
    /// grouped per edge.
    fn play_frame(&mut self, dt: f64) {
        let busy = self.session.world.live_size().messages > HANDFUL;
        if busy {
            let now = self.session.world.now() as f64;
            self.virtual_target = self.virtual_target.max(now) + dt * self.speed();
        }
        let mut ran = 0;
        loop {
            // In a lesson the run pauses as soon as the step's goal is reached, so the next step's
            // events are the learner's to cause.
            if self.pause_at_goal() || ran >= MAX_STEPS_PER_FRAME {
                break;
            }
            let due = match (busy, self.session.world.next_due()) {
                (true, Some(at)) => at as f64 <= self.virtual_target,
                _ => self.now >= self.next_step_at,
            };
            if !due {
                break;
            }
            if !self.step_once() {
                self.playing = false;
                self.notice = Some(Notice {
                    text:
                        "The run has reached its end: nothing else is scheduled. Submit an order \
                           or change something to continue."
                            .into(),
                    error: false,
                });
                break;
            }
            ran += 1;
        }
        if !busy {
            self.virtual_target = self.session.world.now() as f64;
        }
    }

    /// How playing is paced now, in words for the controls.
    pub fn pace(&self) -> &'static str {
        if self.session.world.live_size().messages > HANDFUL {
            "virtual clock"
        } else {
            "event by event"
        }
    }

    /// Pauses a lesson's run (or a "show me") where the current step's goal holds.
    fn pause_at_goal(&mut self) -> bool {
        let in_lesson = self.lesson.as_ref().is_some_and(|l| !l.finished);
        if !(self.play_until_goal || in_lesson) || !self.step_goal_holds() {
            return false;
        }
        self.playing = false;
        self.play_until_goal = false;
        // The tokens in flight finish their hop.
        self.run_until = self.tokens.iter().map(|t| t.end()).fold(self.now, f64::max);
        self.notice = Some(Notice {
            text: self.goal_reached_text(),
            error: false,
        });
        true
    }

    /// Actions wait while a run is computed: the step they would be taken at is still moving.
    fn refuse_while_computing(&mut self) -> bool {
        if self.computing.is_none() {
            return false;
        }
        self.notice = Some(Notice {
            text: "A run is being computed: wait for it to finish, or Cancel it, then act.".into(),
            error: true,
        });
        true
    }

    pub fn toggle_play(&mut self) {
        if self.computing.is_some() {
            return;
        }
        if self.playing {
            self.playing = false;
            // Freeze where it is, so a token can be clicked.
            self.run_until = self.now;
        } else if self.session.world.next_due().is_some() || self.session.in_past() {
            self.playing = true;
            self.next_step_at = self.now;
            // The virtual clock starts from where the run is (it may have been scrubbed back).
            self.virtual_target = self.session.world.now() as f64;
            self.notice = None;
        } else {
            self.notice = Some(Notice {
                text: "Nothing is scheduled: submit an order first.".into(),
                error: false,
            });
        }
    }

    /// Runs one agenda item and animates its events. False when nothing is scheduled.
    pub fn step_once(&mut self) -> bool {
        let Some(events) = self.session.step() else {
            return false;
        };
        let last = self.animate(&events);
        self.next_step_at = self.now.max(self.next_step_at) + last.max(self.hop() * 0.25);
        self.run_until = self.now + last;
        true
    }

    /// Adds the tokens of these events; returns how long the longest of them takes.
    fn animate(&mut self, events: &[Traced]) -> f64 {
        let new = tokens_for(&self.session.world, events, self.now, self.hop());
        let longest = new.iter().map(|t| t.duration).fold(0.0, f64::max);
        self.tokens.extend(new);
        if self.tokens.len() > MAX_TOKENS {
            let excess = self.tokens.len() - MAX_TOKENS;
            self.tokens.drain(..excess);
        }
        for t in events {
            if let WorldEvent::MessageBox {
                event: Event::Evaluated { message, .. },
            } = &t.event
            {
                self.evaluations
                    .insert(t.group.to_string(), (message.0, self.now));
            }
        }
        longest
    }

    /// A user action. In the past it waits for a confirmation; a refused one is reported and changes
    /// nothing.
    pub fn act(&mut self, command: Command) {
        if self.refuse_while_computing() {
            return;
        }
        if self.session.in_past() {
            self.pending = Some(Pending::Fork(command));
            self.playing = false;
            return;
        }
        self.carry_out(command);
    }

    fn carry_out(&mut self, command: Command) {
        let published_into = match &command {
            Command::PublishContext { group, .. } => Some(group.clone()),
            _ => None,
        };
        let import = import_summary::ImportSummary::target(&command).map(|(group, app)| {
            let before = self
                .session
                .world
                .group(&group)
                .and_then(|g| g.applications.iter().find(|a| a.name == app))
                .map(import_summary::Artifacts::of);
            (group, app, before)
        });
        match self.session.act(command) {
            Ok(events) => {
                let last = self.animate(&events);
                self.run_until = self.run_until.max(self.now + last);
                self.notice = None;
                if let Some(group) = published_into {
                    self.show_published(&group, &events);
                }
                if let Some((group, app, before)) = import {
                    self.import_summary =
                        self.session.world.group(&group).and_then(|g| {
                            import_summary::ImportSummary::of(g, &app, before, &events)
                        });
                }
            }
            Err(e) => {
                self.notice = Some(Notice {
                    text: format!("Refused: {e}"),
                    error: true,
                })
            }
        }
    }

    /// Several actions at once (a burst of orders, a port's import and start), from the end of the run
    /// only: a fork is confirmed for one action at a time. Stops at the first refusal.
    pub fn act_all(&mut self, commands: Vec<Command>) {
        if self.refuse_while_computing() {
            return;
        }
        if self.session.in_past() {
            self.notice = Some(Notice {
                text: "Go to the end of the run (or act once to fork it) before doing several \
                       things at once."
                    .into(),
                error: true,
            });
            return;
        }
        for c in commands {
            self.carry_out(c);
            if self.notice.as_ref().is_some_and(|n| n.error) {
                break;
            }
        }
    }

    /// What a pending confirmation is about, in words.
    pub fn pending_text(&self) -> Option<String> {
        let s = &self.session;
        Some(match self.pending.as_ref()? {
            Pending::Fork(_) => format!(
                "You are at step {} of {}. Acting here starts a new future: the later {} steps of \
                 this run{} will be discarded.",
                s.steps,
                s.horizon,
                s.horizon - s.steps,
                match s.inputs().len() {
                    0 => String::new(),
                    _ => " and the actions you took in them".into(),
                }
            ),
            Pending::Reset => format!(
                "Reset returns to the shipped scenario \"{}\". Your {} actions and the run so far \
                 will be discarded.",
                self.scenario_summary().title,
                s.inputs().len()
            ),
            Pending::Switch(i) => format!(
                "Switch to \"{}\"? Your {} actions in this scenario will be discarded.",
                self.catalog[*i].summary.title,
                s.inputs().len()
            ),
            Pending::StartLesson(i) => format!(
                "Start lesson {}? It starts a run of its own; your {} actions in this run will be discarded.",
                i + 1,
                s.inputs().len()
            ),
        })
    }

    pub fn confirm(&mut self) {
        if self.refuse_while_computing() {
            return;
        }
        match self.pending.take() {
            Some(Pending::Fork(command)) => {
                self.tokens.clear();
                self.carry_out(command);
            }
            Some(Pending::Reset) => match self.lesson.as_ref().map(|l| l.index) {
                Some(index) => self.begin_lesson(index),
                None => self.load(self.scenario),
            },
            Some(Pending::Switch(i)) => self.load(i),
            Some(Pending::StartLesson(i)) => self.begin_lesson(i),
            None => {}
        }
    }

    pub fn cancel(&mut self) {
        self.pending = None;
    }

    pub fn reset(&mut self) {
        self.pending = Some(Pending::Reset);
        self.playing = false;
    }

    pub fn switch(&mut self, index: usize) {
        if (index == self.scenario && self.own.is_none()) || index >= self.catalog.len() {
            return;
        }
        if self.session.inputs().is_empty() {
            self.load(index);
        } else {
            self.pending = Some(Pending::Switch(index));
            self.playing = false;
        }
    }

    fn load(&mut self, index: usize) {
        if let Ok(fresh) = Self::fresh(index) {
            let keep_aggregate = self.aggregate;
            let progress = std::mem::take(&mut self.progress);
            *self = Self {
                now: self.now,
                next_step_at: self.now,
                last_frame: self.last_frame,
                aggregate: keep_aggregate,
                area: self.area,
                progress,
                tutorial_open: self.tutorial_open,
                panels: self.panels.clone(),
                reduced_motion: self.reduced_motion,
                browser_now: self.browser_now,
                ..fresh
            };
        }
    }

    /// What belongs to the page rather than the run (the canvas's measured area, the panels, the
    /// motion preference), carried over to a lab that replaces this one.
    pub(crate) fn carry_page_to(&self, lab: &mut Lab) {
        lab.area = self.area;
        lab.panels = self.panels.clone();
        lab.reduced_motion = self.reduced_motion;
        lab.browser_now = self.browser_now;
    }

    pub fn select(&mut self, selection: Selection) {
        self.selection = Some(selection);
        self.tab = Tab::Inspector;
    }
}
