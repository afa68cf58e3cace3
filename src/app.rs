//! The screen (design.md section 4) and the one place that talks to the browser: the animation frame
//! loop, the keyboard, local storage. Every change goes through `Msg` into the `Lab`.

use crate::browser;
use crate::components::{
    Canvas, Confirmation, Controls, EventLog, Header, HelpOverlay, LessonPanel, NoticeBar,
    SidePanel,
};
use crate::lab::{Lab, Selection, Tab};
use gloo_events::EventListener;
use gloo_render::AnimationFrame;
use messagebox_engine::world::Command;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The lab shared with the components. Equality is by version, so a component re-renders exactly when
/// the lab changed.
#[derive(Clone)]
pub struct LabRef {
    pub lab: Rc<RefCell<Lab>>,
    pub version: u64,
}

impl PartialEq for LabRef {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.lab, &other.lab)
    }
}

pub enum Msg {
    Frame(f64),
    TogglePlay,
    Step,
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
    Notice(String),
    Export {
        group: String,
        application: String,
    },
    Zoom(f64),
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
}

/// Milliseconds of each animation frame given to computing a run, so the page keeps drawing.
const COMPUTE_SLICE_MS: f64 = 10.0;
/// While computing, the screen is redrawn at most this often (milliseconds).
const COMPUTE_REDRAW_MS: f64 = 100.0;

pub struct App {
    lab: Rc<RefCell<Lab>>,
    version: u64,
    frame: Option<AnimationFrame>,
    _keys: Option<EventListener>,
    _hashes: Option<EventListener>,
    last_saved_at: f64,
    last_drawn_at: f64,
    reduced_motion: bool,
}

impl App {
    fn request_frame(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        self.frame = Some(gloo_render::request_animation_frame(move |t| {
            link.send_message(Msg::Frame(t))
        }));
    }

    fn save(&mut self) {
        let lab = self.lab.borrow();
        browser::store_progress(&lab.progress);
        let text = lab.saved().to_json();
        drop(lab);
        if let Err(reason) = browser::store(&text) {
            self.lab.borrow_mut().notice = Some(crate::lab::Notice {
                text: format!("Your work could not be saved in this browser: {reason}"),
                error: true,
            });
        }
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let saved = browser::load();
        // A first visit opens the lesson list beside the canvas: the way in for someone new to BizTalk.
        let first_visit = saved.is_none();
        let lab = match Lab::restore_or_default(saved) {
            Ok(lab) => lab,
            // Only a defect in the shipped scenarios gets here; the catalog test guards it.
            Err(reason) => panic!("the shipped scenarios cannot be loaded: {reason}"),
        };
        let link = ctx.link().clone();
        let keys = web_sys::window().and_then(|w| w.document()).map(|doc| {
            let options = gloo_events::EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&doc, "keydown", options, move |event| {
                let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if browser::typing_in_a_field(key) {
                    return;
                }
                let msg = match key.key().as_str() {
                    " " => Msg::TogglePlay,
                    "ArrowRight" => Msg::Step,
                    "?" => Msg::ToggleHelp,
                    "Escape" => Msg::Escape,
                    _ => return,
                };
                key.prevent_default();
                link.send_message(msg);
            })
        });
        let mut lab = lab;
        lab.tutorial_open |= first_visit;
        lab.progress.extend(browser::load_progress());
        if let Some(hash) = browser::location_hash() {
            route(&mut lab, &hash);
        }
        let hashes = {
            let link = ctx.link().clone();
            web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    if let Some(hash) = browser::location_hash() {
                        link.send_message(Msg::Route(hash));
                    }
                })
            })
        };
        let mut app = Self {
            _hashes: hashes,
            lab: Rc::new(RefCell::new(lab)),
            version: 0,
            frame: None,
            _keys: keys,
            last_saved_at: 0.0,
            last_drawn_at: 0.0,
            reduced_motion: browser::prefers_reduced_motion(),
        };
        app.request_frame(ctx);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        if let Msg::Frame(t) = msg {
            self.request_frame(ctx);
            let mut lab = self.lab.borrow_mut();
            let paused = lab.check_memory(browser::wasm_memory_bytes());
            if lab.computing.is_some() || paused {
                let start = browser::now_ms();
                let slice = lab.compute(|| browser::now_ms() - start < COMPUTE_SLICE_MS);
                let done = paused || slice == crate::lab::Slice::Finished;
                if done {
                    lab.check_lesson();
                }
                drop(lab);
                if done || t - self.last_drawn_at >= COMPUTE_REDRAW_MS {
                    self.last_drawn_at = t;
                    if done {
                        self.save();
                    }
                    self.version += 1;
                    return true;
                }
                return false;
            }
            let before = lab.now;
            let steps = lab.session.steps;
            let was_playing = lab.playing;
            lab.frame(t);
            let stepped = lab.session.steps != steps;
            if stepped {
                lab.check_lesson();
            }
            let moving = lab.now != before;
            // Saved at most once a second while playing, and always where it stops.
            let stopped = was_playing && !lab.playing;
            drop(lab);
            if stopped || (stepped && t - self.last_saved_at > 1000.0) {
                self.last_saved_at = t;
                self.save();
            }
            if moving || stepped {
                self.version += 1;
                return true;
            }
            return false;
        }
        {
            let mut lab = self.lab.borrow_mut();
            match msg {
                Msg::Frame(_) => unreachable!("handled above"),
                Msg::TogglePlay => lab.toggle_play(),
                Msg::Step if lab.computing.is_some() => {}
                Msg::Step => {
                    lab.playing = false;
                    if !lab.step_once() {
                        lab.notice = Some(crate::lab::Notice {
                            text: "Nothing is scheduled: the run is at its end.".into(),
                            error: false,
                        });
                    }
                }
                Msg::Speed(v) => lab.view.speed_log = v.clamp(-3.0, 6.0),
                Msg::Reset => lab.reset(),
                Msg::Seek(step) => lab.seek(step),
                Msg::Act(command) => lab.act(command),
                Msg::ActAll(commands) => lab.act_all(commands),
                Msg::Confirm => lab.confirm(),
                Msg::Cancel => lab.cancel(),
                Msg::Select(s) => lab.select(s),
                Msg::Tab(tab) => lab.tab = tab,
                Msg::Scenario(i) => lab.switch(i),
                Msg::Move { key, x, y } => {
                    lab.view.positions.insert(key, (x.round(), y.round()));
                }
                Msg::ToggleHelp => lab.help = !lab.help,
                Msg::Escape => {
                    lab.help = false;
                    lab.pending = None;
                }
                Msg::DismissNotice => lab.notice = None,
                Msg::DownloadUnrestored => {
                    if let Some(text) = lab.unrestored.take() {
                        browser::download("messagebox-lab-saved-session.json", &text);
                    }
                }
                Msg::Aggregate(on) => lab.aggregate = on,
                Msg::Export { group, application } => {
                    let exported = lab.session.world.export_application(&group, &application);
                    lab.notice = Some(match exported {
                        Ok(package) => {
                            let file = format!("{application}.package.json");
                            let text = serde_json::to_string_pretty(&package)
                                .expect("a package always serialises");
                            browser::download(&file, &text);
                            crate::lab::Notice {
                                text: format!("{application} exported from {group} as {file}."),
                                error: false,
                            }
                        }
                        Err(e) => crate::lab::Notice {
                            text: format!("Export refused: {e}"),
                            error: true,
                        },
                    });
                }
                Msg::Notice(text) => lab.notice = Some(crate::lab::Notice { text, error: true }),
                Msg::ToggleTutorial => lab.tutorial_open = !lab.tutorial_open,
                Msg::Zoom(z) => lab.view.zoom = z.clamp(0.5, 1.5),
                Msg::NextStep => lab.next_step(),
                Msg::ShowMe => lab.show_me(),
                Msg::RestartLesson => lab.restart_lesson(),
                Msg::SkipLesson => lab.skip_lesson(),
                Msg::LeaveTutorial => lab.leave_tutorial(),
                Msg::Route(hash) => route(&mut lab, &hash),
                Msg::RunTo(until) => lab.run_to(until),
                Msg::CancelRun => lab.cancel_run(),
            }
            lab.check_lesson();
        }
        self.save();
        self.version += 1;
        true
    }

    fn rendered(&mut self, _ctx: &Context<Self>, _first_render: bool) {
        let lab = self.lab.borrow();
        browser::show_location(&lesson_hash(&lab));
        browser::highlight(lab.current_lesson().map(|(l, s)| l.steps[s.step].highlight));
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let lab = LabRef {
            lab: self.lab.clone(),
            version: self.version,
        };
        let on = ctx.link().callback(|m: Msg| m);
        let (help, tutorial) = {
            let lab = self.lab.borrow();
            (lab.help, lab.tutorial_open)
        };
        html! {
            <div class="app">
                <Header lab={lab.clone()} on={on.clone()} />
                <NoticeBar lab={lab.clone()} on={on.clone()} />
                <Confirmation lab={lab.clone()} on={on.clone()} />
                <main class={classes!("workspace", tutorial.then_some("with-lesson"))}>
                    if tutorial {
                        <LessonPanel lab={lab.clone()} on={on.clone()} />
                    }
                    <Canvas lab={lab.clone()} on={on.clone()} reduced_motion={self.reduced_motion} />
                    <SidePanel lab={lab.clone()} on={on.clone()} />
                </main>
                <Controls lab={lab.clone()} on={on.clone()} />
                <EventLog lab={lab.clone()} on={on.clone()} />
                if help {
                    <HelpOverlay on={on.clone()} />
                }
            </div>
        }
    }
}

/// The hash that names where the user is: a lesson's deep link, or free play.
fn lesson_hash(lab: &Lab) -> String {
    match lab.current_lesson() {
        Some((lesson, _)) => format!("#/lesson/{}", lesson.id),
        None => "#/".to_string(),
    }
}

/// Follows a hash: `#/lesson/<id>` starts that lesson unless it is the one in progress.
fn route(lab: &mut Lab, hash: &str) {
    let Some(id) = hash.strip_prefix("#/lesson/") else {
        return;
    };
    let current = lab.current_lesson().map(|(l, _)| l.id);
    if current == Some(id) {
        lab.tutorial_open = true;
        return;
    }
    match crate::tutorial::lesson(id) {
        Some((index, _)) => lab.start_lesson(index),
        None => {
            lab.notice = Some(crate::lab::Notice {
                text: format!(
                    "There is no lesson called \"{id}\"; the lessons are listed under Tutorial."
                ),
                error: true,
            })
        }
    }
}
