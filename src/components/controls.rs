//! Time: play / pause, one step, speed on a log scale, reset, and the timeline that scrubs back.

use super::header::PanelProps;
use crate::app::Msg;
use crate::lab::describe::clock;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[component]
pub fn Controls(props: &PanelProps) -> Html {
    let until = use_state(|| "1".to_string());
    let lab = props.lab.lab.borrow();
    let s = &lab.session;
    let on = &props.on;
    let speed = on.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Msg::Speed(input.value().parse().unwrap_or(0.0))
    });
    let seek = on.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Msg::Seek(input.value().parse().unwrap_or(0))
    });
    let aggregate = on.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Msg::Aggregate(input.checked())
    });
    let run_to_time = {
        let until = until.clone();
        on.reform(move |e: SubmitEvent| {
            e.prevent_default();
            match parse_seconds(&until) {
                Some(ms) => Msg::RunTo(Some(ms)),
                None => Msg::Notice(format!(
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
    let computing = lab.computing.as_ref();
    let busy = computing.is_some();
    html! {
        <section class="controls" data-testid="controls" aria-label="Time controls">
            if let Some(job) = computing {
                <div class="computing" data-testid="run-progress" role="status" aria-live="polite">
                    <progress max="1" value={job.progress.to_string()}
                              aria-label="Computing the run"></progress>
                    <span>{ match job.until_step {
                        Some(target) => format!("Replaying to step {target}… step {}", s.steps),
                        None => format!(
                            "Computing {}… t = {}, {} steps",
                            job.until.map_or("to the end".to_string(), |t| format!("to t = {}", clock(t))),
                            clock(s.world.now()),
                            s.steps - job.from_step
                        ),
                    } }</span>
                    <button data-testid="btn-cancel-run" onclick={on.reform(|_| Msg::CancelRun)}>{ "Cancel" }</button>
                </div>
            }
            if lab.playing {
                <button data-testid="btn-pause" aria-label="Pause (Space)" onclick={on.reform(|_| Msg::TogglePlay)}>
                    { "❚❚ Pause" }
                </button>
            } else {
                <button data-testid="btn-play" aria-label="Play (Space)" disabled={busy} onclick={on.reform(|_| Msg::TogglePlay)}>
                    { "▶ Play" }
                </button>
            }
            <button data-testid="btn-step" aria-label="Step one event (Right arrow)" disabled={busy}
                    onclick={on.reform(|_| Msg::Step)}>{ "Step ▸|" }</button>
            <button data-testid="btn-run-to-end" disabled={busy}
                    title="Compute the rest of the run without animating it"
                    onclick={on.reform(|_| Msg::RunTo(None))}>{ "Run to end" }</button>
            <form class="run-to" onsubmit={run_to_time}>
                <label>{ "Run to t = " }
                    <input class="short" data-testid="run-to-time" inputmode="decimal" value={(*until).clone()}
                           oninput={until_input} disabled={busy} aria-label="Run to virtual time, in seconds" />
                    { " s" }
                </label>
                <button type="submit" data-testid="btn-run-to-time" disabled={busy}>{ "Go" }</button>
            </form>
            <label class="speed">
                { "Speed " }
                <input type="range" data-testid="speed" min="-3" max="6" step="0.5"
                       value={lab.view.speed_log.to_string()} oninput={speed}
                       aria-valuetext={format!("{} times", lab.speed())} />
                <span class="speed-value">{ format_speed(lab.speed()) }</span>
                <span class="pace" data-testid="pace" title="With a handful of messages each step is animated; with more, speed is virtual seconds per second">
                    { format!(" · {}", lab.pace()) }
                </span>
            </label>
            <button data-testid="btn-reset" disabled={busy} onclick={on.reform(|_| Msg::Reset)}>{ "Reset" }</button>
            <label class="timeline">
                <span class="visually-hidden">{ "Timeline" }</span>
                <input type="range" data-testid="timeline" min="0" max={s.horizon.max(1).to_string()}
                       value={s.steps.to_string()} oninput={seek} disabled={s.horizon == 0 || busy}
                       aria-valuetext={format!("step {} of {}", s.steps, s.horizon)} />
            </label>
            <span class="clock" data-testid="clock" aria-live="off">
                { format!("t = {}  ·  step {} of {}", clock(s.world.now()), s.steps, s.horizon) }
                if s.in_past() { <strong class="in-past">{ "  · viewing the past" }</strong> }
            </span>
            <label class="aggregate">
                <input type="checkbox" checked={lab.aggregate} onchange={aggregate} />
                { " group busy edges" }
            </label>
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
