//! Time: play / pause, one step, speed on a log scale, reset, and the timeline that scrubs back.

use super::header::PanelProps;
use crate::app::Msg;
use crate::lab::describe::clock;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[component]
pub fn Controls(props: &PanelProps) -> Html {
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
    html! {
        <section class="controls" data-testid="controls" aria-label="Time controls">
            if lab.playing {
                <button data-testid="btn-pause" aria-label="Pause (Space)" onclick={on.reform(|_| Msg::TogglePlay)}>
                    { "❚❚ Pause" }
                </button>
            } else {
                <button data-testid="btn-play" aria-label="Play (Space)" onclick={on.reform(|_| Msg::TogglePlay)}>
                    { "▶ Play" }
                </button>
            }
            <button data-testid="btn-step" aria-label="Step one event (Right arrow)"
                    onclick={on.reform(|_| Msg::Step)}>{ "Step ▸|" }</button>
            <label class="speed">
                { "Speed " }
                <input type="range" data-testid="speed" min="-3" max="6" step="0.5"
                       value={lab.view.speed_log.to_string()} oninput={speed}
                       aria-valuetext={format!("{} times", lab.speed())} />
                <span class="speed-value">{ format_speed(lab.speed()) }</span>
            </label>
            <button data-testid="btn-reset" onclick={on.reform(|_| Msg::Reset)}>{ "Reset" }</button>
            <label class="timeline">
                <span class="visually-hidden">{ "Timeline" }</span>
                <input type="range" data-testid="timeline" min="0" max={s.horizon.max(1).to_string()}
                       value={s.steps.to_string()} oninput={seek} disabled={s.horizon == 0}
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

fn format_speed(speed: f64) -> String {
    if speed >= 1.0 {
        format!("×{speed:.0}")
    } else {
        format!("×{speed:.2}")
    }
}
