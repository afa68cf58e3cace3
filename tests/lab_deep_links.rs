//! Deep links followed while a run plays or computes (issue 22): a lesson's link or a shared run's
//! link pauses Play and Show me, cancels Run to end and the move planner's Compare, and is followed (or
//! asks its question) instead of being lost behind the run.

mod common;

use messagebox_lab::lab::order_form::BurstKind;
use messagebox_lab::lab::planner::PlannerEdit;
use messagebox_lab::lab::share::ShareLink;
use messagebox_lab::lab::{Action, Lab, Slice, Tab};

const LESSON: &str = "#/lesson/moving-the-manager";

fn lesson_id(lab: &Lab) -> Option<&'static str> {
    lab.current_lesson().map(|(l, _)| l.id)
}

/// Free play with a burst of 500 orders, playing.
fn playing_a_burst() -> Lab {
    let mut lab = Lab::fresh(0).unwrap();
    lab.act_all(common::burst(500, BurstKind::Distinct));
    lab.apply(Action::TogglePlay);
    assert!(lab.playing);
    lab
}

/// The link asks first (the run has the learner's own orders); yes opens the lesson, paused.
fn confirm_opens_the_lesson(lab: &mut Lab) {
    assert!(
        lab.pending_text()
            .is_some_and(|q| q.contains("Start lesson 8")),
        "the link asks before discarding the burst: {:?}",
        lab.pending_text()
    );
    lab.apply(Action::Confirm);
    assert_eq!(lesson_id(lab), Some("moving-the-manager"));
    assert!(!lab.playing);
    assert!(lab.computing.is_none());
    assert_eq!(lab.location_hash(), LESSON);
}

#[test]
fn a_lesson_link_while_playing_a_burst_pauses_and_asks_to_open_the_lesson() {
    let mut lab = playing_a_burst();
    lab.apply(Action::Route(LESSON.into()));
    assert!(!lab.playing, "the run is paused while the question is open");
    confirm_opens_the_lesson(&mut lab);
}

#[test]
fn a_lesson_link_while_running_to_the_end_cancels_the_run_and_the_answer_is_taken() {
    let mut lab = playing_a_burst();
    lab.apply(Action::RunTo(None));
    assert_eq!(lab.compute(|| false), Slice::Yielded);
    lab.apply(Action::Route(LESSON.into()));
    assert!(lab.computing.is_none(), "the computation is cancelled");
    assert!(lab
        .notice
        .as_ref()
        .is_some_and(|n| n.text.starts_with("Cancelled at step")));
    confirm_opens_the_lesson(&mut lab);
}

#[test]
fn a_lesson_link_while_show_me_plays_opens_the_other_lesson_paused() {
    let mut lab = Lab::fresh(0).unwrap();
    lab.apply(Action::Route("#/lesson/the-messagebox".into()));
    // Step 1's Show me submits an order; step 2's plays the run to its goal.
    lab.apply(Action::ShowMe);
    lab.apply(Action::NextStep);
    lab.apply(Action::ShowMe);
    assert!(lab.playing && lab.showing_progress().is_some());
    lab.apply(Action::Route(LESSON.into()));
    assert_eq!(lesson_id(&lab), Some("moving-the-manager"));
    assert!(!lab.playing && lab.showing_progress().is_none());
}

#[test]
fn a_lesson_link_while_the_planner_compares_cancels_the_comparison() {
    let mut lab = Lab::fresh(0).unwrap();
    lab.apply(Action::Tab(Tab::Planner));
    for edit in [
        PlannerEdit::Application("BTSScn.BPM.CableOrderApp".into()),
        PlannerEdit::To("SRV-DUB".into()),
        PlannerEdit::Plan,
        PlannerEdit::Compare,
    ] {
        lab.apply(Action::Planner(edit));
    }
    assert_eq!(lab.compare_slice(|| false), Slice::Yielded);
    lab.apply(Action::Route(LESSON.into()));
    assert!(lab.planner.comparing.is_none());
    assert_eq!(lesson_id(&lab), Some("moving-the-manager"));
}

#[test]
fn a_shared_run_link_while_running_to_the_end_opens_the_shared_run() {
    let mut shared = Lab::fresh(0).unwrap();
    shared.act_all(common::burst(3, BurstKind::Distinct));
    for _ in 0..5 {
        shared.step_once();
    }
    let ShareLink::Link(fragment) = shared.share_link() else {
        panic!("a short run fits a link");
    };
    let mut lab = playing_a_burst();
    lab.apply(Action::RunTo(None));
    assert_eq!(lab.compute(|| false), Slice::Yielded);
    lab.apply(Action::Route(fragment));
    assert!(lab.computing.is_none() && !lab.playing);
    assert_eq!(lab.session.steps, 5);
    assert!(lab
        .notice
        .as_ref()
        .is_some_and(|n| n.text.starts_with("Opened a shared run at step 5")));
}

#[test]
fn free_play_s_own_hash_stops_nothing() {
    let mut lab = playing_a_burst();
    lab.apply(Action::Route("#/".into()));
    assert!(lab.playing);
}
