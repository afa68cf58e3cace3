//! The lesson panel, beside the canvas: the lessons with their completion, and for the lesson in
//! progress the step's narration, its goal as the engine sees it, a hint, "show me", and the way on.

use super::dispatch::use_dispatch;
use super::lab_ref::LabProps;
use crate::lab::Action;
use crate::tutorial::lessons;
use yew::prelude::*;

#[component]
pub fn LessonPanel(props: &LabProps) -> Html {
    let on = &use_dispatch();
    let hint = use_state(|| false);
    let lab = props.lab.lab.borrow();
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
    let body = match lab.current_lesson() {
        None => html! {
            <>
                <h2>{ "Tutorial" }</h2>
                <p class="hint">{ "Ten lessons, from the MessageBox's basics to moving the OrderManager to another group. Each step has a goal the simulator checks; \"Show me\" does it for you." }</p>
                { list }
                <button data-testid="btn-leave-tutorial" onclick={on.reform(|_| Action::LeaveTutorial)}>{ "Close (free play)" }</button>
            </>
        },
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
            html! {
                <>
                    <p class="lesson-count">{ format!("Lesson {} of {}", state.index + 1, all.len()) }</p>
                    <h2 data-testid="lesson-title">{ lesson.title }</h2>
                    <p class="lesson-step" data-testid="lesson-step">{ format!("Step {} of {}", state.step + 1, lesson.steps.len()) }</p>
                    <p class="narration" data-testid="lesson-narration">{ step.narration }</p>
                    <p class={classes!("goal", state.done.then_some("done"))} data-testid="lesson-goal"
                       data-done={state.done.to_string()} role="status">
                        { if state.done { "✓ " } else { "○ " } }{ step.goal_text }
                    </p>
                    if hint_shown {
                        <p class="hint" data-testid="lesson-hint">{ step.hint }</p>
                    }
                    <div class="actions">
                        <button onclick={toggle_hint}>{ if hint_shown { "Hide hint" } else { "Hint" } }</button>
                        <button data-testid="btn-show-me" disabled={state.done} onclick={on.reform(|_| Action::ShowMe)}>{ "Show me" }</button>
                        if !last {
                            <button data-testid="btn-next-step" class="primary" disabled={!state.done} onclick={next}>{ "Next step" }</button>
                        }
                    </div>
                    if state.finished {
                        <div class="lesson-summary" data-testid="lesson-summary">
                            <h3>{ "Lesson complete" }</h3>
                            <p>{ lesson.summary[0] }</p>
                            <p>{ lesson.summary[1] }</p>
                            if state.index + 1 < all.len() {
                                <a href={format!("#/lesson/{}", all[state.index + 1].id)} data-testid="btn-next-lesson">{ "Next lesson →" }</a>
                            }
                        </div>
                    }
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
            }
        }
    };
    html! {
        <aside class="lesson-panel" data-testid="lesson-panel" aria-label="Lesson">{ body }</aside>
    }
}
