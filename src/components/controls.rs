//! Time: play / pause, one step, speed on a log scale, reset, and the timeline that scrubs back.

use super::dispatch::use_dispatch;
use crate::lab::describe::clock;
use crate::lab::{Action, Lab};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The values the controls show.
#[derive(Properties, PartialEq, Clone)]
pub struct ControlsProps {
    pub playing: bool,
    /// The run's step shown, and the last step computed.
    pub steps: u64,
    pub horizon: u64,
    pub in_past: bool,
    /// The virtual clock (milliseconds).
    pub now: u64,
    pub speed_log: f64,
    pub speed: f64,
    /// How playing is paced, in words.
    pub pace: &'static str,
    /// A run being computed: how far along (0 to 1) and what it is doing, in words.
    pub computing: Option<(f64, String)>,
}

impl ControlsProps {
    pub fn of(lab: &Lab) -> Self {
        let s = &lab.session;
        let computing = lab.computing.as_ref().map(|job| {
            let text = match job.until_step {
                Some(target) => format!("Replaying to step {target}… step {}", s.steps),
                None => format!(
                    "Computing {}… t = {}, {} steps",
                    job.until
                        .map_or("to the end".to_string(), |t| format!("to t = {}", clock(t))),
                    clock(s.world.now()),
                    s.steps.saturating_sub(job.from_step)
                ),
            };
            (job.progress, text)
        });
        Self {
            playing: lab.playing,
            steps: s.steps,
            horizon: s.horizon,
            in_past: s.in_past(),
            now: s.world.now(),
            speed_log: lab.view.speed_log,
            speed: lab.speed(),
            pace: lab.pace(),
            computing,
        }
    }
}

#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let until = use_state(|| "1".to_string());
    let on = &use_dispatch();
    let speed = on.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::Speed(input.value().parse().unwrap_or(0.0))
    });
    let seek = on.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::Seek(input.value().parse().unwrap_or(0))
    });
    let run_to_time = {
        let until = until.clone();
        on.reform(move |e: SubmitEvent| {
            e.prevent_default();
            match parse_seconds(&until) {
                Some(ms) => Action::RunTo(Some(ms)),
                None => Action::Notice(format!(
                    "Run to: \"{}\" is not a time in seconds (for example 2.5).",
                    until.as_str()
                )),
            }
        })
    };
    let until_input = {
        let until = until.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            until.set(input.value());
        })
    };
    let p = props;
    let busy = p.computing.is_some();
    html! {
        <section class="controls" data-testid="controls" aria-label="Time controls">
            if let Some((progress, text)) = &p.computing {
                <div class="computing" data-testid="run-progress" role="status" aria-live="polite">
                    <progress max="1" value={progress.to_string()}
                              aria-label="Computing the run"></progress>
                    <span>{ text.clone() }</span>
                    <button data-testid="btn-cancel-run" onclick={on.reform(|_| Action::CancelRun)}>{ "Cancel" }</button>
                </div>
            }
            if p.playing {
                <button data-testid="btn-pause" aria-label="Pause (Space)" onclick={on.reform(|_| Action::TogglePlay)}>
                    { "❚❚ Pause" }
                </button>
            } else {
                <button data-testid="btn-play" aria-label="Play (Space)" disabled={busy} onclick={on.reform(|_| Action::TogglePlay)}>
                    { "▶ Play" }
                </button>
            }
            <button data-testid="btn-step" aria-label="Step one event (Right arrow)" disabled={busy}
                    onclick={on.reform(|_| Action::Step)}>{ "Step ▸|" }</button>
            <button data-testid="btn-run-to-end" disabled={busy}
                    title="Compute the rest of the run without animating it"
                    onclick={on.reform(|_| Action::RunTo(None))}>{ "Run to end" }</button>
            <form class="run-to" onsubmit={run_to_time}>
                <label>{ "Run to " }
                    <input class="short" data-testid="run-to-time" inputmode="decimal" value={(*until).clone()}
                           oninput={until_input} disabled={busy} aria-label="Run to virtual time, in seconds" />
                    { " s" }
                </label>
                <button type="submit" data-testid="btn-run-to-time" disabled={busy}>{ "Go" }</button>
            </form>
            <label class="speed" title={format!("Speed: {}", p.pace)}>
                { "Speed " }
                <input type="range" data-testid="speed" min="-3" max="6" step="0.5"
                       value={p.speed_log.to_string()} oninput={speed}
                       aria-valuetext={format!("{} times", p.speed)} />
                <span class="speed-value">{ format_speed(p.speed) }</span>
                <span class="visually-hidden" data-testid="pace">{ format!(" · {}", p.pace) }</span>
            </label>
            <button data-testid="btn-reset" disabled={busy} onclick={on.reform(|_| Action::Reset)}>{ "Reset" }</button>
            <label class="timeline">
                <span class="visually-hidden">{ "Timeline" }</span>
                <input type="range" data-testid="timeline" min="0" max={p.horizon.max(1).to_string()}
                       value={p.steps.to_string()} oninput={seek} disabled={p.horizon == 0 || busy}
                       aria-valuetext={format!("step {} of {}", p.steps, p.horizon)} />
            </label>
            <span class="clock" data-testid="clock" aria-live="off">
                { format!("t = {}  ·  step {} of {}", clock(p.now), p.steps, p.horizon) }
                if p.in_past { <strong class="in-past">{ "  · viewing the past" }</strong> }
            </span>
        </section>
    }
}

/// Seconds as typed ("2.5") to virtual milliseconds.
fn parse_seconds(text: &str) -> Option<u64> {
    let seconds: f64 = text.trim().parse().ok()?;
    (0.0..1e9)
        .contains(&seconds)
        .then(|| (seconds * 1000.0).round() as u64)
}

fn format_speed(speed: f64) -> String {
    if speed >= 1.0 {
        format!("×{speed:.0}")
    } else {
        format!("×{speed:.2}")
    }
}
