//! The tutorial's words (issue 14): every step names its action, no text cites a file, every BizTalk
//! term is explained where a lesson first uses it, the banner names a button that is there, and the
//! content fixes hold against the engine.

use messagebox_engine::filter::{Filter, Notation};
use messagebox_engine::messagebox::{Event, Owner};
use messagebox_engine::world::WorldEvent;
use messagebox_lab::lab::order_form::{commands, OrderForm, TYPE_CODES};
use messagebox_lab::lab::session::Session;
use messagebox_lab::lab::{Lab, NEXT_LESSON, NEXT_STEP};
use messagebox_lab::tutorial::glossary::{mark_first_uses, uses, Piece, GLOSSARY};
use messagebox_lab::tutorial::{
    lessons, perform, start, Goal, Lesson, PROMOTED_FILTER, WRITTEN_FILTER,
};
use std::collections::BTreeSet;

/// Every text of a lesson the learner reads, with where it is.
fn texts(lesson: &Lesson) -> Vec<(String, &'static str)> {
    let mut out = vec![(format!("{} title", lesson.id), lesson.title)];
    for (i, s) in lesson.steps.iter().enumerate() {
        let at = |what: &str| format!("{} step {} {what}", lesson.id, i + 1);
        out.push((at("narration"), s.narration));
        out.push((at("goal"), s.goal_text));
        out.push((at("hint"), s.hint));
    }
    for (i, s) in lesson.summary.iter().enumerate() {
        out.push((format!("{} summary {}", lesson.id, i + 1), *s));
    }
    out
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn no_text_cites_a_file_a_section_or_a_sample_order_id() {
    for lesson in lessons() {
        for (at, text) in texts(lesson) {
            let lower = text.to_lowercase();
            for bad in [
                "domain.md",
                "design.md",
                "domain notes",
                ".md",
                ".rs",
                ".toml",
                "section ",
            ] {
                assert!(!lower.contains(bad), "{at} cites {bad:?}: {text}");
            }
            // A path: a word, a slash, a word.
            let bytes = text.as_bytes();
            for (k, _) in text.match_indices('/') {
                let around = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
                assert!(
                    !(k > 0 && around(k - 1) && around(k + 1)),
                    "{at} has a path-like word: {text}"
                );
            }
            // The domain notes' sample orders (M1..M8) mean nothing to a learner.
            for w in words(text) {
                let sample = w.len() == 2 && w.starts_with('M') && w[1..].parse::<u8>().is_ok();
                assert!(!sample, "{at} names the sample order {w}: {text}");
            }
        }
    }
}

#[test]
fn every_step_that_waits_for_the_run_says_to_press_play_or_step() {
    let mut waiting = 0;
    for lesson in lessons() {
        for (i, step) in lesson.steps.iter().enumerate() {
            if !step.goal.needs_run() {
                continue;
            }
            waiting += 1;
            let w = words(step.narration);
            assert!(
                w.contains(&"Play") || w.contains(&"Step"),
                "{} step {}: its goal waits for the run, but the narration never says Play or Step: {}",
                lesson.id,
                i + 1,
                step.narration
            );
        }
    }
    // The check is not vacuous: most steps wait for the run.
    assert!(waiting >= 20, "only {waiting} steps wait for the run");
}

#[test]
fn goals_that_need_the_run_are_told_apart_from_those_the_learners_action_meets() {
    use messagebox_lab::tutorial::Who;
    assert!(Goal::Activated {
        group: "SRV-SEA",
        orchestration: "OrderBroker",
        mark: None
    }
    .needs_run());
    assert!(!Goal::Received { group: "SRV-SEA" }.needs_run());
    assert!(!Goal::Not(Box::new(Goal::Delivered {
        group: "SRV-SEA",
        who: Who::SendPort("X")
    }))
    .needs_run());
    assert!(Goal::All(vec![
        Goal::LinkUp { up: false },
        Goal::TransmitRetried { group: "SRV-SEA" }
    ])
    .needs_run());
}

/// The terms the issue names, and the ones the lessons lean on.
const REQUIRED_TERMS: &[&str] = &[
    "MessageBox",
    "publish",
    "subscription",
    "activation subscription",
    "instance subscription",
    "promoted property",
    "written property",
    "property schema",
    "filter",
    "send port",
    "send port group",
    "receive port",
    "receive location",
    "pipeline",
    "XMLReceive",
    "PassThru",
    "orchestration",
    "enlist",
    "unenlist",
    "started / stopped",
    "suspended (resumable)",
    "routing failure",
    "convoy",
    "convoy set",
    "correlation",
    "BizTalk group",
    "bridge",
    "host",
    "binding",
];

#[test]
fn the_glossary_has_every_term_in_one_plain_sentence_with_a_documentation_title() {
    for name in REQUIRED_TERMS {
        let term = GLOSSARY
            .iter()
            .find(|t| t.term == *name)
            .unwrap_or_else(|| panic!("the glossary lacks {name}"));
        let s = term.sentence;
        assert!(s.ends_with('.'), "{name}: {s}");
        assert!(
            !s.trim_end_matches('.').contains(". "),
            "{name}: more than one sentence: {s}"
        );
        assert!(s.len() < 220, "{name}: not short: {s}");
        assert!(
            !term.doc.is_empty() && !term.doc.contains(".md") && !term.doc.contains('/'),
            "{name}: the documentation is named by a page title, not a file: {}",
            term.doc
        );
    }
    let mut names: Vec<_> = GLOSSARY.iter().map(|t| t.term).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), GLOSSARY.len(), "a term is listed twice");
}

#[test]
fn terms_are_found_as_whole_words_and_the_longest_form_wins() {
    let found = |text: &str| -> Vec<&str> { uses(text).iter().map(|(_, _, t)| t.term).collect() };
    assert_eq!(found("Written-SP filters"), vec!["filter"]);
    assert_eq!(found("non-resumable"), Vec::<&str>::new());
    assert_eq!(found("a send port group"), vec!["send port group"]);
    assert_eq!(
        found("the activation subscription"),
        vec!["activation subscription"]
    );
    assert_eq!(
        found("Promoted, written."),
        vec!["promoted property", "written property"]
    );
    let mut seen = BTreeSet::new();
    let pieces = mark_first_uses("publish, then publish again", &mut seen);
    let marked = pieces
        .iter()
        .filter(|p| matches!(p, Piece::Term(..)))
        .count();
    assert_eq!(marked, 1, "only the first use is marked");
    let again = mark_first_uses("publish", &mut seen);
    assert_eq!(again, vec![Piece::Text("publish")]);
}

#[test]
fn every_term_is_explained_in_the_narration_where_a_lesson_first_uses_it() {
    for lesson in lessons() {
        let mut explained = BTreeSet::new();
        for (i, step) in lesson.steps.iter().enumerate() {
            // The narration marks (explains) the terms it is the first to use.
            mark_first_uses(step.narration, &mut explained);
            for (what, text) in [("goal", step.goal_text), ("hint", step.hint)] {
                for (_, _, term) in uses(text) {
                    assert!(
                        explained.contains(term.term),
                        "{} step {} {what} uses \"{}\" before any narration explains it: {text}",
                        lesson.id,
                        i + 1,
                        term.term
                    );
                }
            }
        }
        for text in lesson.summary {
            for (_, _, term) in uses(text) {
                assert!(
                    explained.contains(term.term),
                    "{} summary uses \"{}\", which no step explained: {text}",
                    lesson.id,
                    term.term
                );
            }
        }
    }
}

#[test]
fn the_terms_the_issue_found_unexplained_are_marked_where_first_used() {
    // Promoted/written, enlist, activation subscription, convoy set and PassThru were used before
    // they were explained; each is now a marked term in the narration of the first step using it.
    for name in [
        "promoted property",
        "written property",
        "enlist",
        "activation subscription",
        "convoy set",
        "PassThru",
    ] {
        let mut lessons_using = 0;
        for lesson in lessons() {
            let mut seen = BTreeSet::new();
            let first = lesson.steps.iter().find_map(|s| {
                mark_first_uses(s.narration, &mut seen)
                    .into_iter()
                    .find(|p| matches!(p, Piece::Term(_, t) if t.term == name))
            });
            if first.is_some() {
                lessons_using += 1;
            }
        }
        assert!(lessons_using > 0, "no lesson explains {name}");
    }
}

/// Plays a lab until it pauses (at most `limit` animation milliseconds).
fn play_out(lab: &mut Lab, t: &mut f64, limit: f64) {
    let end = *t + limit;
    while lab.playing && *t < end {
        lab.frame(*t);
        lab.check_lesson();
        *t += 16.0;
    }
    lab.check_lesson();
}

#[test]
fn the_banner_at_each_goal_names_the_button_that_is_there() {
    let all = lessons();
    let (mut banners, mut lesson_ends) = (0, 0);
    for (index, lesson) in all.iter().enumerate() {
        let mut lab = Lab::fresh(0).unwrap();
        lab.start_lesson(index);
        lab.view.speed_log = 6.0;
        let mut t = 0.0;
        for (i, step) in lesson.steps.iter().enumerate() {
            let at = format!("{} step {}", lesson.id, i + 1);
            let last = i + 1 == lesson.steps.len();
            let want = if !last {
                Some(NEXT_STEP)
            } else if index + 1 < all.len() {
                Some(NEXT_LESSON)
            } else {
                None
            };
            assert_eq!(lab.next_button(), want, "{at}");
            lab.show_me();
            if step.goal.needs_run() {
                assert!(
                    lab.showing_progress().is_some(),
                    "{at}: show me shows no progress while it plays"
                );
            }
            play_out(&mut lab, &mut t, 600_000.0);
            assert!(lab.showing_progress().is_none(), "{at}: still showing");
            let state = lab.lesson.clone().unwrap();
            assert!(state.done, "{at}: show me did not reach the goal");
            if let Some(notice) = lab.notice.as_ref().filter(|n| n.text.contains("paused")) {
                banners += 1;
                lesson_ends += usize::from(want == Some(NEXT_LESSON));
                match want {
                    Some(label) => {
                        assert!(notice.text.contains(label), "{at}: {}", notice.text);
                    }
                    None => assert!(!notice.text.contains("Press"), "{at}: {}", notice.text),
                }
                for other in [NEXT_STEP, NEXT_LESSON] {
                    if Some(other) != want {
                        assert!(!notice.text.contains(other), "{at}: {}", notice.text);
                    }
                }
            }
            if last {
                assert!(state.finished, "{at}: the lesson is not complete");
            } else {
                lab.next_step();
            }
        }
    }
    // Not vacuous: most steps pause at their goal, the last steps among them.
    assert!(banners >= 20, "{banners} banners");
    assert!(lesson_ends >= 8, "{lesson_ends} lesson ends");
}

#[test]
fn lesson_3s_codes_are_the_ones_compose_offers_and_a_broadband_code_is_marked_broadband() {
    let marking = lessons().iter().find(|l| l.id == "marking").unwrap();
    let named: Vec<&str> = marking
        .steps
        .iter()
        .flat_map(|s| words(s.narration))
        .filter(|w| w.len() == 2 && w.chars().all(|c| c.is_ascii_uppercase()) && *w != "ID")
        .collect();
    for code in ["NB", "XB", "NS", "CD"] {
        assert!(named.contains(&code), "lesson 3 names {code}");
    }
    for code in &named {
        assert!(
            TYPE_CODES.iter().any(|(c, _)| c == code),
            "lesson 3 names the code {code}, which Compose does not offer"
        );
    }
    // Compose's NB order is marked BROADBANDORDER, for the broadband manager's subscription.
    let form = OrderForm {
        customer: "60".into(),
        order: "8".into(),
        code: "NB".into(),
        ..OrderForm::default()
    };
    let mut session = Session::new(marking.world().unwrap());
    let since = session.events_total();
    for c in commands(&form, "SRV-SEA", "Order-RP-TestRL", false, 1).unwrap() {
        session.act(c).unwrap();
    }
    let goal = Goal::Published {
        group: "SRV-SEA",
        mark: "BROADBANDORDER",
    };
    for _ in 0..200 {
        if goal.holds(&session.world, session.since(since)) {
            break;
        }
        session.step();
    }
    assert!(goal.holds(&session.world, session.since(since)));
}

fn lesson(id: &str) -> &'static Lesson {
    lessons().iter().find(|l| l.id == id).unwrap()
}

#[test]
fn lesson_9_says_what_passthru_still_promotes() {
    let step = lesson("bridge-breaks").steps.last().unwrap();
    assert!(!step.narration.contains("promotes nothing"));
    assert!(step.narration.contains("BTS.ReceivePortName"));
    assert!(step.narration.contains("document's own properties"));
    let passthru = GLOSSARY.iter().find(|t| t.term == "PassThru").unwrap();
    assert!(passthru.sentence.contains("BTS.ReceivePortName"));
}

#[test]
fn lesson_4_says_the_activation_filter_lives_in_the_receive_shape_and_needs_a_redeploy() {
    let step = &lesson("filters").steps[0];
    assert!(
        step.narration.contains("Receive shape"),
        "{}",
        step.narration
    );
    assert!(
        step.narration.contains("rebuilding and redeploying"),
        "{}",
        step.narration
    );
}

#[test]
fn lesson_2_types_send_port_filters_without_quotes_as_send_ports_take_them() {
    let l = lesson("promoted-vs-written");
    for filter in [WRITTEN_FILTER, PROMOTED_FILTER] {
        assert!(!filter.contains('"'), "{filter}");
        assert_eq!(Notation::detect(filter), Notation::Rows, "{filter}");
        let world = l.world().unwrap();
        let schema = world.group("SRV-SEA").unwrap().messagebox.schema();
        Filter::parse_any(filter, schema).unwrap_or_else(|e| panic!("{filter}: {e}"));
    }
    assert!(l.steps[0].narration.contains(WRITTEN_FILTER));
    assert!(l.steps[2].hint.contains(PROMOTED_FILTER));
    for step in &l.steps {
        for text in [step.narration, step.hint] {
            assert!(
                !text.contains("\"Order-RP"),
                "a quoted send-port value: {text}"
            );
        }
    }
}

#[test]
fn the_resumed_order_comes_back_under_a_new_number_and_the_lesson_says_why() {
    let l = lesson("routing-failures");
    let step = l.steps.last().unwrap();
    assert!(
        step.narration.contains("new message number"),
        "{}",
        step.narration
    );
    assert!(
        step.narration.contains("builds a new message"),
        "{}",
        step.narration
    );
    // What the narration says is what the engine does.
    let mut session = start(l).unwrap();
    let (mut failed, mut resumed, mut activated_by) = (None, false, None);
    for step in &l.steps {
        let since = session.events_total();
        for show in &step.show_me {
            perform(&mut session, show, &step.goal, since).unwrap();
        }
        for t in session.since(since).iter().filter(|t| t.group == "SRV-DUB") {
            match &t.event {
                WorldEvent::MessageBox {
                    event: Event::RoutingFailed { message, .. },
                } => failed = failed.or(Some(*message)),
                WorldEvent::MessageBox {
                    event: Event::Resumed { .. },
                } => resumed = true,
                WorldEvent::MessageBox {
                    event:
                        Event::InstanceActivated {
                            owner: Owner::Orchestration(o),
                            message,
                            ..
                        },
                } if o == "OrderManager" => activated_by = Some(*message),
                _ => {}
            }
        }
    }
    assert!(resumed, "the suspended order was resumed");
    let failed = failed.expect("an order failed to route in Dublin");
    let activated_by = activated_by.expect("the resumed order activated Dublin's OrderManager");
    assert_ne!(failed, activated_by, "resuming publishes a new message");
}

#[test]
fn lesson_7_waits_for_the_running_order_and_shows_how_many_are_left() {
    let l = lesson("stopped-vs-unenlisted");
    let mut session = start(l).unwrap();
    let waiting = l
        .steps
        .iter()
        .position(|s| matches!(s.goal, Goal::NoneRunning { .. }))
        .expect("a step waits for the order to finish");
    for step in &l.steps[..waiting] {
        let since = session.events_total();
        for show in &step.show_me {
            perform(&mut session, show, &step.goal, since).unwrap();
        }
    }
    let step = &l.steps[waiting];
    let watch = step.goal.watch(&session.world).unwrap();
    assert!(
        watch.contains("1 OrderManager instance is still running"),
        "{watch}"
    );
    let since = session.events_total();
    for show in &step.show_me {
        perform(&mut session, show, &step.goal, since).unwrap();
    }
    let watch = step.goal.watch(&session.world).unwrap();
    assert!(watch.starts_with("No OrderManager instance"), "{watch}");
    // The next step can then unenlist it.
    assert!(l.steps[waiting + 1].narration.contains("Unenlist"));
}

/// A filter row as a lesson writes it: `SV.Status == ACCEPTED`.
fn row_words(row: &messagebox_engine::filter::FilterRow) -> String {
    format!("{} {} {}", row.property, row.operator, row.value)
}

#[test]
fn lesson_4_says_which_values_the_filter_rows_hold_before_and_after() {
    let step = &lesson("filters").steps[0];
    let world = messagebox_lab::lab::saved::build_shipped("default.json")
        .unwrap()
        .1;
    let mb = &world.group("SRV-SEA").unwrap().messagebox;
    let owner = Owner::Orchestration("VipOrderManager".into());
    let before = messagebox_lab::lab::filter_edit::own_filter(mb, &owner).unwrap();
    let Some(messagebox_lab::tutorial::ShowMe::Do(messagebox_engine::world::Command::SetFilter {
        filter: after,
        ..
    })) = step.show_me.first()
    else {
        panic!("lesson 4 step 1 shows the filter it asks for");
    };
    let (_, after) = messagebox_lab::lab::filter_edit::text_to_rows(after, mb).unwrap();
    assert_eq!(before.to_rows().len(), 2);
    assert_eq!(after.len(), 4);
    for row in before.to_rows().iter().chain(&after) {
        assert!(
            step.narration.contains(&row_words(row)),
            "the narration does not give the row {}: {}",
            row_words(row),
            step.narration
        );
    }
    assert!(step.narration.contains("Group by to Or"));
}

#[test]
fn lesson_8_says_full_stop_and_remove_ask_to_confirm() {
    let step = &lesson("moving-the-manager").steps[2];
    assert!(step.narration.contains("Full stop"));
    assert!(
        step.narration
            .contains("Full stop and Remove each ask to confirm"),
        "{}",
        step.narration
    );
    assert!(step.hint.contains("confirming each"), "{}", step.hint);
}
