//! The lesson panel, beside the canvas: the lessons with their completion, and for the lesson in
//! progress the step's narration (its BizTalk terms explained where they first appear), its goal as the
//! engine sees it, a hint, "show me", and the way on. The goal, the buttons and the completion summary
//! sit in a footer that stays in view; the text above scrolls, back to its top when a lesson or step opens.

use super::dispatch::use_dispatch;
use super::glossary::marked_text;
use super::lab_ref::LabProps;
use crate::lab::{Action, NEXT_LESSON, NEXT_STEP};
use crate::tutorial::glossary::{mark_first_uses, seen_before};
use crate::tutorial::lessons;
use yew::prelude::*;

#[component]
pub fn LessonPanel(props: &LabProps) -> Html {
    let on = &use_dispatch();
    let hint = use_state(|| false);
    let scroll = use_node_ref();
    let lab = props.lab.lab.borrow();
    // A new lesson or step opens at the top of the panel, its title in view.
    let at = lab.lesson.as_ref().map(|s| (s.index, s.step));
    {
        let scroll = scroll.clone();
        use_effect_with(at, move |_| {
            if let Some(el) = scroll.cast::<web_sys::Element>() {
                el.set_scroll_top(0);
            }
        });
    }
    let all = lessons();
    let list = html! {
        <ol class="lesson-list">
            { for all.iter().enumerate().map(|(i, l)| {
                let done = lab.progress.contains(l.id);
                let current = lab.lesson.as_ref().is_some_and(|s| s.index == i);
                html! {
                    <li class={classes!(current.then_some("current"))}>
                        <a href={format!("#/lesson/{}", l.id)} data-testid={format!("lesson-link-{}", l.id)}
                           aria-current={current.then_some("step")}>
                            { format!("{}{}", l.title, if done { " ✓" } else { "" }) }
                        </a>
                    </li>
                }
            }) }
        </ol>
    };
    let (body, footer) = match lab.current_lesson() {
        None => (
            html! {
                <>
                    <h2>{ "Tutorial" }</h2>
                    <p class="hint">{ "Ten lessons, from the MessageBox's basics to moving the OrderManager to another group. Each step says what to do and has a goal the simulator checks; \"Show me\" does it for you. Words with a dotted underline are explained when you point at them or Tab to them; the ? button lists them all." }</p>
                    { list }
                    <button data-testid="btn-leave-tutorial" onclick={on.reform(|_| Action::LeaveTutorial)}>{ "Close (free play)" }</button>
                </>
            },
            html! {},
        ),
        Some((lesson, state)) => {
            let step = &lesson.steps[state.step];
            let last = state.step + 1 == lesson.steps.len();
            let hint_shown = *hint;
            let toggle_hint = {
                let hint = hint.clone();
                Callback::from(move |_: MouseEvent| hint.set(!*hint))
            };
            let next = {
                let hint = hint.clone();
                on.reform(move |_| {
                    hint.set(false);
                    Action::NextStep
                })
            };
            let mut seen = seen_before(lesson, state.step);
            let narration = mark_first_uses(step.narration, &mut seen);
            let watch = (!state.done)
                .then(|| step.goal.watch(&lab.session.world))
                .flatten();
            let showing = lab.showing_progress();
            let next_lesson = all.get(state.index + 1);
            let body = html! {
                <>
                    <p class="lesson-count">{ format!("Lesson {} of {}", state.index + 1, all.len()) }</p>
                    <h2 data-testid="lesson-title">{ lesson.title }</h2>
                    <p class="lesson-step" data-testid="lesson-step">{ format!("Step {} of {}", state.step + 1, lesson.steps.len()) }</p>
                    <p class="narration" data-testid="lesson-narration">
                        { marked_text(&narration, &format!("l{}s{}", state.index, state.step)) }
                    </p>
                    <div class="actions lesson-nav">
                        <button data-testid="btn-restart-lesson" onclick={on.reform(|_| Action::RestartLesson)}>{ "Restart" }</button>
                        <button data-testid="btn-skip-lesson" onclick={on.reform(|_| Action::SkipLesson)}>{ "Skip" }</button>
                        <button data-testid="btn-leave-tutorial" onclick={on.reform(|_| Action::LeaveTutorial)}>{ "Free play" }</button>
                    </div>
                    <details>
                        <summary>{ "All lessons" }</summary>
                        { list }
                    </details>
                </>
            };
            let footer = html! {
                <div class="lesson-footer" data-testid="lesson-footer">
                    <p class={classes!("goal", state.done.then_some("done"))} data-testid="lesson-goal"
                       data-done={state.done.to_string()} role="status">
                        { if state.done { "✓ " } else { "○ " } }{ step.goal_text }
                    </p>
                    if let Some(text) = watch {
                        <p class="goal-watch" data-testid="lesson-watch" aria-live="polite">{ text }</p>
                    }
                    if let Some(events) = showing {
                        <p class="show-me-progress" data-testid="show-me-progress" aria-live="polite">
                            <progress aria-label="Show me is running"></progress>
                            { format!("Show me is playing the run until the goal holds: {events} events so far, virtual time {}. Raise the speed to go faster.", clock(lab.session.world.now())) }
                        </p>
                    }
                    if hint_shown {
                        <p class="hint" data-testid="lesson-hint">{ step.hint }</p>
                    }
                    <div class="actions">
                        <button onclick={toggle_hint} aria-expanded={hint_shown.to_string()}>{ if hint_shown { "Hide hint" } else { "Hint" } }</button>
                        <button data-testid="btn-show-me" disabled={state.done || showing.is_some()} onclick={on.reform(|_| Action::ShowMe)}>{ "Show me" }</button>
                        if !last {
                            <button data-testid="btn-next-step" class="primary" disabled={!state.done} onclick={next}>{ NEXT_STEP }</button>
                        } else if let Some(next) = next_lesson.filter(|_| state.finished) {
                            <a class="button primary" href={format!("#/lesson/{}", next.id)} data-testid="btn-next-lesson">{ NEXT_LESSON }</a>
                        }
                    </div>
                    if state.finished {
                        <div class="lesson-summary" data-testid="lesson-summary">
                            <h3>{ "Lesson complete" }</h3>
                            <p>{ lesson.summary[0] }</p>
                            <p>{ lesson.summary[1] }</p>
                            if next_lesson.is_none() {
                                <p>{ "That was the last lesson. Carry on in free play, or open any lesson again from All lessons." }</p>
                            }
                        </div>
                    }
                </div>
            };
            (body, footer)
        }
    };
    html! {
        <aside class="lesson-panel" data-testid="lesson-panel" aria-label="Lesson">
            <div class="lesson-scroll" ref={scroll} data-testid="lesson-scroll">{ body }</div>
            { footer }
        </aside>
    }
}

/// Virtual milliseconds as m:ss.
fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}
