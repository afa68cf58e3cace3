//! The screen (design.md section 4) and the one place that talks to the browser: the animation frame
//! loop, the keyboard, the URL, local storage and downloads. Every user action goes to `Lab::apply`; this
//! file only carries out the effects it returns.

use crate::browser;
use crate::browser_share;
use crate::components::{
    Canvas, Confirmation, Controls, ControlsProps, Dispatch, Header, HeaderProps, HelpOverlay,
    LabRef, LessonPanel, LogDrawer, NoticeBar, SharePanel, SidePanel,
};
use crate::lab::{Action, Effect, Lab};
use crate::storage::{Loaded, Store};
use gloo_events::EventListener;
use gloo_render::AnimationFrame;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

pub enum Msg {
    /// An animation frame, at the browser's clock (milliseconds).
    Frame(f64),
    /// Something the user did, for the lab to apply.
    Do(Action),
    /// The browser refused a save; the text says why.
    SaveFailed(String),
}

/// Where the app starts from: the store and what it held (`storage::load`, read before the app starts
/// because IndexedDB answers asynchronously).
#[derive(Properties, Default)]
pub struct AppProps {
    #[prop_or_default]
    pub loaded: Option<Rc<Loaded>>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        match (&self.loaded, &other.loaded) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// Milliseconds of each animation frame given to computing a run, so the page keeps drawing.
const COMPUTE_SLICE_MS: f64 = 10.0;
/// While computing, the screen is redrawn at most this often (milliseconds).
const COMPUTE_REDRAW_MS: f64 = 100.0;
/// ...but the panels that read the world (canvas, side panel, event log) only this often: drawing them
/// mid-burst costs more than the slice itself.
const COMPUTE_WORLD_REDRAW_MS: f64 = 500.0;

pub struct App {
    lab: Rc<RefCell<Lab>>,
    version: u64,
    /// The version the world-reading panels see: while a run computes it lags `version`, so a progress
    /// redraw touches the controls only.
    world_version: u64,
    world_drawn_at: f64,
    /// Made once, so the context's value stays equal across renders.
    dispatch: Callback<Action>,
    frame: Option<AnimationFrame>,
    _keys: Option<EventListener>,
    _hashes: Option<EventListener>,
    last_saved_at: f64,
    last_drawn_at: f64,
    reduced_motion: bool,
    /// A save put off: dragging the timeline or a node after a 5,000-order run would otherwise write
    /// megabytes to local storage at every pointer move. Written by the next frame after a pause, or
    /// when the page is hidden or closed.
    unsaved: Rc<Cell<bool>>,
    _leaving: Option<EventListener>,
    store: Rc<Store>,
    link: yew::html::Scope<Self>,
    workspace: NodeRef,
    _drops: Vec<EventListener>,
}

/// Saves the lab (the lessons' progress stays in local storage: a few ids); a refusal reaches the app
/// as `Msg::SaveFailed`.
fn store_lab(lab: &RefCell<Lab>, store: &Rc<Store>, link: &yew::html::Scope<App>) {
    let lab = lab.borrow();
    browser::store_progress(&lab.progress);
    browser::store_panels(&lab.panels);
    let saved = lab.saved();
    drop(lab);
    let link = link.clone();
    store.save(saved, move |text| link.send_message(Msg::SaveFailed(text)));
}

/// A scenario or run file dropped anywhere on the page (outside the debugger's fields) is opened.
fn page_drops(link: &yew::html::Scope<App>) -> Vec<EventListener> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let options = gloo_events::EventListenerOptions::enable_prevent_default();
    let over =
        EventListener::new_with_options(&window, "dragover", options, |e| e.prevent_default());
    let link = link.clone();
    let drop = EventListener::new_with_options(&window, "drop", options, move |e| {
        e.prevent_default();
        let Some(files) = e
            .dyn_ref::<web_sys::DragEvent>()
            .and_then(crate::file_read::dropped_files)
        else {
            return;
        };
        let link = link.clone();
        crate::file_read::read_files(files, move |read| {
            link.send_message(Msg::Do(match read {
                Ok((name, text)) => Action::OpenFile { name, text },
                Err(reason) => Action::Notice(format!("Not opened, nothing changed: {reason}")),
            }))
        });
    });
    vec![over, drop]
}

/// A put-off save waits at most this long (milliseconds).
const DEFERRED_SAVE_MS: f64 = 400.0;

impl App {
    fn request_frame(&mut self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        self.frame = Some(gloo_render::request_animation_frame(move |t| {
            link.send_message(Msg::Frame(t))
        }));
    }

    fn save(&mut self) {
        self.unsaved.set(false);
        store_lab(&self.lab, &self.store, &self.link);
    }

    /// One animation frame: computes a slice of a run, or plays; saves at most once a second.
    fn on_frame(&mut self, ctx: &Context<Self>, t: f64) -> bool {
        self.request_frame(ctx);
        if self.unsaved.get() && t - self.last_saved_at > DEFERRED_SAVE_MS {
            self.last_saved_at = t;
            self.save();
        }
        let mut lab = self.lab.borrow_mut();
        if lab.planner.comparing.is_some() {
            // The move planner's comparison runs the whole run twice: a slice per frame, like a run.
            let start = browser::now_ms();
            let slice = lab.compare_slice(|| browser::now_ms() - start < COMPUTE_SLICE_MS);
            if slice == crate::lab::Slice::Finished || t - self.last_drawn_at >= COMPUTE_REDRAW_MS {
                self.last_drawn_at = t;
                self.version += 1;
                self.world_version = self.version;
                return true;
            }
            return false;
        }
        let paused = lab.check_memory(crate::heap::in_use());
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
                if done || t - self.world_drawn_at >= COMPUTE_WORLD_REDRAW_MS {
                    self.world_drawn_at = t;
                    self.world_version = self.version + 1;
                }
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
        // A glide's last frame draws the camera where it arrived.
        let was_gliding = lab.gliding();
        lab.frame(t);
        let stepped = lab.session.steps != steps;
        if stepped {
            lab.check_lesson();
        }
        let moving = lab.now != before || was_gliding || lab.gliding();
        // Saved at most once a second while playing, and always where it stops.
        let stopped = was_playing && !lab.playing;
        drop(lab);
        if stopped || (stepped && t - self.last_saved_at > 1000.0) {
            self.last_saved_at = t;
            self.save();
        }
        if moving || stepped {
            self.version += 1;
            self.world_version = self.version;
            return true;
        }
        false
    }

    /// A user action: the lab applies it, this carries out what needs the browser.
    fn on_action(&mut self, action: Action) -> bool {
        // Moves that come many a second are saved once they pause.
        let defer = matches!(
            action,
            Action::Seek(_)
                | Action::Move { .. }
                | Action::Pan { .. }
                | Action::CanvasArea { .. }
                | Action::Zoom(_)
                | Action::ZoomAt { .. }
                | Action::ResizeSidePanel(_)
        );
        let effects = self.lab.borrow_mut().apply(action);
        for effect in effects {
            match effect {
                Effect::Download { file, text } => browser::download(&file, &text),
                Effect::Save if defer => self.unsaved.set(true),
                Effect::Save => self.save(),
                Effect::CopyLink(fragment) => browser_share::copy_link(&fragment),
            }
        }
        self.version += 1;
        self.world_version = self.version;
        true
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        let (store, saved) = match &ctx.props().loaded {
            Some(loaded) => (loaded.store.clone(), loaded.text.clone()),
            None => (
                Rc::new(Store::local("started without reading the store")),
                None,
            ),
        };
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
                let action = match key.key().as_str() {
                    " " => Action::TogglePlay,
                    "ArrowRight" => Action::Step,
                    "?" => Action::ToggleHelp,
                    "Escape" => Action::Escape,
                    _ => return,
                };
                key.prevent_default();
                link.send_message(Msg::Do(action));
            })
        });
        let mut lab = lab;
        lab.tutorial_open |= first_visit;
        lab.progress.extend(browser::load_progress());
        lab.panels = browser::load_panels();
        lab.reduced_motion = browser::prefers_reduced_motion();
        if let Some(hash) = browser::location_hash() {
            let before = lab.current_lesson().map(|(l, s)| (l.id, s.step));
            lab.route(&hash);
            // A lesson's deep link opens its first step: bring what it is about into view.
            if lab.current_lesson().map(|(l, s)| (l.id, s.step)) != before {
                lab.follow_step();
            }
        }
        let hashes = {
            let link = ctx.link().clone();
            web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |event| {
                    if let Some(hash) = browser::changed_hash(event) {
                        link.send_message(Msg::Do(Action::Route(hash)));
                    }
                })
            })
        };
        let lab = Rc::new(RefCell::new(lab));
        let unsaved = Rc::new(Cell::new(false));
        let leaving = {
            let (lab, unsaved, store, link) = (
                lab.clone(),
                unsaved.clone(),
                store.clone(),
                ctx.link().clone(),
            );
            web_sys::window().map(|w| {
                EventListener::new(&w, "pagehide", move |_| {
                    if unsaved.replace(false) || !store.settled() {
                        let saved = lab.borrow().saved();
                        let link = link.clone();
                        store.journal(saved, move |text| link.send_message(Msg::SaveFailed(text)));
                    }
                })
            })
        };
        let mut app = Self {
            _hashes: hashes,
            unsaved,
            _leaving: leaving,
            lab,
            version: 0,
            world_version: 0,
            world_drawn_at: 0.0,
            dispatch: ctx.link().callback(Msg::Do),
            frame: None,
            _keys: keys,
            last_saved_at: 0.0,
            last_drawn_at: 0.0,
            reduced_motion: browser::prefers_reduced_motion(),
            store,
            link: ctx.link().clone(),
            workspace: NodeRef::default(),
            _drops: page_drops(ctx.link()),
        };
        app.request_frame(ctx);
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Frame(t) => self.on_frame(ctx, t),
            Msg::Do(action) => self.on_action(action),
            Msg::SaveFailed(text) => {
                self.lab.borrow_mut().notice = Some(crate::lab::Notice { text, error: true });
                self.version += 1;
                true
            }
        }
    }

    fn rendered(&mut self, _ctx: &Context<Self>, _first_render: bool) {
        let lab = self.lab.borrow();
        // The side panel's width, which the learner drags: a property the grid reads.
        if let Some(el) = self.workspace.cast::<web_sys::Element>() {
            let width = format!("{:.0}px", lab.panels.side_width);
            browser::set_css_property(&el, "--side-width", &width);
        }
        browser::show_location(&lab.location_hash());
        browser::highlight(lab.current_lesson().map(|(l, s)| l.steps[s.step].highlight));
    }

    fn view(&self, _ctx: &Context<Self>) -> Html {
        // Panels that read the world get the shared lab; the others, the values they show.
        let shared = LabRef {
            lab: self.lab.clone(),
            version: self.world_version,
        };
        let dispatch = Dispatch(self.dispatch.clone());
        let lab = self.lab.borrow();
        let tutorial = lab.tutorial_open;
        let wide = lab.tab.is_wide();
        html! {
            <ContextProvider<Dispatch> context={dispatch}>
                <div class="app">
                    <Header ..HeaderProps::of(&lab) />
                    <NoticeBar notice={lab.notice.clone()} unrestored={lab.unrestored.is_some()} />
                    <Confirmation pending={lab.pending_text()} />
                    if let Some(link) = lab.shared.clone() {
                        <SharePanel {link} />
                    }
                    <main class={classes!("workspace", tutorial.then_some("with-lesson"), wide.then_some("wide-panel"),
                                          (!lab.panels.side_open && !wide).then_some("side-closed"))}
                          ref={self.workspace.clone()}>
                        if tutorial {
                            <LessonPanel lab={shared.clone()} />
                        }
                        // The debugger and the subscription query take the canvas's place.
                        if !wide {
                            <Canvas lab={shared.clone()} reduced_motion={self.reduced_motion} />
                        }
                        <SidePanel lab={shared.clone()} tab={lab.tab} open={lab.panels.side_open || wide}
                                   width={lab.panels.side_width} />
                    </main>
                    <Controls ..ControlsProps::of(&lab) />
                    // The wide views need the height; the log is back with the canvas.
                    if !wide {
                        <LogDrawer lab={shared.clone()} open={lab.panels.log_open} />
                    }
                    if lab.help {
                        <HelpOverlay />
                    }
                </div>
            </ContextProvider<Dispatch>>
        }
    }
}
