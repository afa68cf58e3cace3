//! What the user can do, as data: the components send an `Action`, the lab applies it and answers with the
//! `Effect`s only a browser can carry out (files, storage). Keeping this here, free of web types, makes
//! every button's logic a plain function tested natively.

use super::{Lab, Notice, Selection, Tab};
use messagebox_engine::world::Command;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    TogglePlay,
    Step,
    /// The speed's log2, from -3 to 6.
    Speed(f64),
    Reset,
    Seek(u64),
    Act(Command),
    ActAll(Vec<Command>),
    Confirm,
    Cancel,
    Select(Selection),
    Tab(Tab),
    Scenario(usize),
    /// A canvas node or region dragged to a new place.
    Move {
        key: String,
        x: f64,
        y: f64,
    },
    ToggleHelp,
    Escape,
    DismissNotice,
    DownloadUnrestored,
    Aggregate(bool),
    /// A refusal found before anything reached the lab (a form that does not validate).
    Notice(String),
    Export {
        group: String,
        application: String,
    },
    /// The side panel opened or closed.
    ToggleSidePanel,
    /// The side panel dragged to this width (CSS pixels).
    ResizeSidePanel(f64),
    /// The event log's drawer opened or closed.
    ToggleLog,
    /// The canvas's zoom, about the centre of the view.
    Zoom(f64),
    /// The wheel or a pinch: zoom by `factor` about the point `x`, `y` of the canvas's area (CSS
    /// pixels from its corner), which stays where it is.
    ZoomAt {
        factor: f64,
        x: f64,
        y: f64,
    },
    /// Back to the view that fits every group.
    Fit,
    /// The canvas's background dragged by this many screen pixels.
    Pan {
        dx: f64,
        dy: f64,
    },
    /// The canvas's drawing area was measured (on load, and when the window or the panels change).
    CanvasArea {
        width: f64,
        height: f64,
    },
    ToggleTutorial,
    NextStep,
    ShowMe,
    RestartLesson,
    SkipLesson,
    LeaveTutorial,
    /// The URL's hash changed (a lesson's deep link, or the back button).
    Route(String),
    /// Compute without animating to the run's end (None) or to a virtual time.
    RunTo(Option<u64>),
    CancelRun,
    /// An edit of the routing debugger's inputs, or Explain. Not saved: the inputs are the user's files.
    Debugger(super::debugger_form::DebuggerEdit),
    DismissImportSummary,
    /// The move planner: a choice, Plan, Compare, Apply or Export the bridge.
    Planner(super::planner::PlannerEdit),
    /// Share the run by link (or say it is too long for one).
    CopyLink,
    CloseShare,
    /// Download the run as a file (when its link would be too long).
    DownloadRun,
    /// A scenario or run file chosen or dropped.
    OpenFile {
        name: String,
        text: String,
    },
    SaveScenario,
}

/// What the browser does after an action.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Offer `text` as a file called `file`.
    Download { file: String, text: String },
    /// Store the lab (and the lessons' progress) so a reload restores it.
    Save,
    /// Put this URL fragment, after the page's address, on the clipboard.
    CopyLink(String),
}

/// The file a run too long for a link is offered as.
pub const RUN_FILE: &str = "messagebox-lab-run.json";

/// The file a saved session that could not be restored is offered as.
pub const UNRESTORED_FILE: &str = "messagebox-lab-saved-session.json";

impl Lab {
    /// Applies one user action; returns what the browser has to do about it. Every action is saved.
    pub fn apply(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        let step_before = self.step_position();
        let restart = matches!(action, Action::RestartLesson);
        // Fit and a step's follow glide; the buttons, the wheel and a drag follow the hand.
        let glides = matches!(
            action,
            Action::Fit | Action::NextStep | Action::Route(_) | Action::RestartLesson
        );
        let camera_before = glides.then(|| self.camera());
        let saved = !matches!(
            action,
            Action::Debugger(_)
                | Action::CopyLink
                | Action::CloseShare
                | Action::DownloadRun
                | Action::SaveScenario
                | Action::Planner(
                    super::planner::PlannerEdit::Application(_)
                        | super::planner::PlannerEdit::To(_)
                        | super::planner::PlannerEdit::Plan
                        | super::planner::PlannerEdit::Compare
                        | super::planner::PlannerEdit::ExportBridge
                )
        );
        match action {
            Action::TogglePlay => self.toggle_play(),
            Action::Step => self.step_by_hand(),
            Action::Speed(v) => self.view.speed_log = v.clamp(-3.0, 6.0),
            Action::Reset => self.reset(),
            Action::Seek(step) => self.seek(step),
            Action::Act(command) => self.act(command),
            Action::ActAll(commands) => self.act_all(commands),
            Action::Confirm => self.confirm(),
            Action::Cancel => self.cancel(),
            // A press on the canvas selects without opening a closed side panel: it also starts a
            // drag, which must not see the canvas resize under it. The rail says where details are.
            Action::Select(s) => self.select(s),
            Action::Tab(tab) => {
                self.panels.side_open = true;
                self.tab = tab
            }
            Action::ToggleSidePanel => self.panels.side_open = !self.panels.side_open,
            Action::ResizeSidePanel(width) => self.panels.resize_side(width),
            Action::ToggleLog => self.panels.log_open = !self.panels.log_open,
            Action::Scenario(i) => self.switch(i),
            Action::Move { key, x, y } => {
                // A node's place within its region is kept at the region's natural width.
                let layout = self.layout();
                let stretch = layout
                    .node(&key)
                    .filter(|n| n.key == key)
                    .and_then(|n| layout.region(&n.group).map(|r| r.stretch))
                    .unwrap_or(1.0);
                self.view
                    .positions
                    .insert(key, ((x / stretch).round(), y.round()));
            }
            Action::ToggleHelp => self.help = !self.help,
            Action::Escape => {
                self.help = false;
                self.pending = None;
            }
            Action::DismissNotice => self.notice = None,
            Action::DownloadUnrestored => {
                if let Some(text) = self.unrestored.take() {
                    effects.push(Effect::Download {
                        file: UNRESTORED_FILE.into(),
                        text,
                    });
                }
            }
            Action::Aggregate(on) => self.aggregate = on,
            Action::Export { group, application } => {
                effects.extend(self.export(&group, &application));
            }
            Action::Notice(text) => self.notice = Some(Notice { text, error: true }),
            Action::ToggleTutorial => self.tutorial_open = !self.tutorial_open,
            Action::Zoom(z) => self.zoom_to(z),
            Action::ZoomAt { factor, x, y } => self.zoom_at(factor, x, y),
            Action::Fit => self.fit(),
            Action::Pan { dx, dy } => self.pan(dx, dy),
            Action::CanvasArea { width, height } => self.set_area(width, height),
            Action::NextStep => self.next_step(),
            Action::ShowMe => self.show_me(),
            Action::RestartLesson => self.restart_lesson(),
            Action::SkipLesson => self.skip_lesson(),
            Action::LeaveTutorial => self.leave_tutorial(),
            Action::Route(hash) => self.route(&hash),
            Action::RunTo(until) => self.run_to(until),
            Action::CancelRun => self.cancel_run(),
            Action::Debugger(edit) => self.edit_debugger(edit),
            Action::DismissImportSummary => self.import_summary = None,
            Action::Planner(edit) => effects.extend(self.edit_planner(edit)),
            Action::CopyLink => {
                let link = self.share_link();
                if let super::share::ShareLink::Link(fragment) = &link {
                    effects.push(Effect::CopyLink(fragment.clone()));
                }
                self.shared = Some(link);
            }
            Action::CloseShare => self.shared = None,
            Action::OpenFile { name, text } => self.open_file(&name, &text),
            Action::SaveScenario => effects.push(self.save_scenario()),
            Action::DownloadRun => effects.push(Effect::Download {
                file: RUN_FILE.into(),
                text: self.saved().to_json(),
            }),
        }
        self.check_lesson();
        // A step that opens (a lesson started, Next step, a deep link) brings what it is about into view.
        if restart || self.step_position() != step_before {
            self.follow_step();
        }
        if let Some(before) = camera_before {
            self.glide_from(before);
        }
        if saved {
            effects.push(Effect::Save);
        }
        effects
    }

    /// One step by hand (the Step button or the right arrow); ignored while a run is computed.
    fn step_by_hand(&mut self) {
        if self.computing.is_some() {
            return;
        }
        self.playing = false;
        if !self.step_once() {
            self.notice = Some(Notice {
                text: "Nothing is scheduled: the run is at its end.".into(),
                error: false,
            });
        }
    }

    /// An application's package as a file, with a notice saying what was exported or why not.
    fn export(&mut self, group: &str, application: &str) -> Option<Effect> {
        let (notice, effect) = match self.session.world.export_application(group, application) {
            Ok(package) => {
                let file = format!("{application}.package.json");
                let text =
                    serde_json::to_string_pretty(&package).expect("a package always serialises");
                let notice = Notice {
                    text: format!("{application} exported from {group} as {file}."),
                    error: false,
                };
                (notice, Some(Effect::Download { file, text }))
            }
            Err(e) => (
                Notice {
                    text: format!("Export refused: {e}"),
                    error: true,
                },
                None,
            ),
        };
        self.notice = Some(notice);
        effect
    }
}
