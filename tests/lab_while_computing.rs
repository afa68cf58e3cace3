//! What a user can do while Run to end computes (issue 12, found in review): acting waits, a lesson
//! started or skipped replaces the run and ends the computation, playing after a scrub back keeps to the
//! chosen speed, and the order form's burst ids are the ones typed.

use messagebox_engine::world::Command;
mod common;

use messagebox_lab::lab::order_form::{commands, validate, BurstKind, OrderForm};
use messagebox_lab::lab::{Action, Lab, Slice};

fn burst(n: usize) -> Vec<Command> {
    common::burst(n, BurstKind::Distinct)
}

fn computing(n: usize) -> Lab {
    let mut lab = Lab::fresh(0).unwrap();
    lab.act_all(burst(n));
    lab.run_to(None);
    assert_eq!(lab.compute(|| false), Slice::Yielded);
    lab
}

#[test]
fn acting_while_a_run_computes_is_refused_with_a_reason_and_changes_nothing() {
    let mut lab = computing(100);
    let inputs = lab.session.inputs().len();
    lab.act_all(burst(1));
    assert!(lab
        .notice
        .as_ref()
        .is_some_and(|n| n.error && n.text.contains("Cancel")));
    assert_eq!(lab.session.inputs().len(), inputs);
    assert!(lab.computing.is_some(), "the run goes on");
}

#[test]
fn skipping_a_lesson_while_its_run_computes_ends_the_computation() {
    let mut lab = Lab::fresh(0).unwrap();
    lab.apply(Action::Route("#/lesson/the-messagebox".into()));
    let lesson = lab
        .lesson
        .as_ref()
        .map(|l| l.index)
        .expect("the first lesson started");
    lab.act_all(burst(50));
    lab.run_to(None);
    assert_eq!(lab.compute(|| false), Slice::Yielded);
    lab.apply(Action::SkipLesson);
    assert_eq!(lab.lesson.as_ref().map(|l| l.index), Some(lesson + 1));
    assert!(
        lab.computing.is_none(),
        "the old run's computation must not go on in the new one"
    );
    assert_eq!(lab.session.steps, 0);
}

#[test]
fn burst_order_ids_keep_what_was_typed_and_refuse_to_overflow() {
    let ids = |order: &str, n: usize| -> Vec<String> {
        let form = OrderForm {
            order: order.into(),
            burst: n.to_string(),
            ..OrderForm::default()
        };
        commands(&form, "G", "L", false, 1)
            .unwrap()
            .into_iter()
            .map(|c| match c {
                Command::Submit { body, .. } => {
                    let start = body.find("<OrderID>").unwrap() + 9;
                    body[start..start + body[start..].find('<').unwrap()].to_string()
                }
                _ => unreachable!(),
            })
            .collect()
    };
    assert_eq!(ids("007", 3), ["007", "008", "009"]);
    assert_eq!(ids("+5", 1), ["+5"]);
    assert_eq!(ids("A-7", 2), ["A-7", "A-7-1"]);
    let form = OrderForm {
        order: u64::MAX.to_string(),
        burst: "2".into(),
        kind: BurstKind::Distinct,
        ..OrderForm::default()
    };
    assert!(validate(&form).unwrap_err().contains("Order ID"));
}
