//! The lab's pure logic, natively: the session's scrub and fork, the saved state's replay, the marks and
//! the tokens drawn from engine events.

use messagebox_engine::bpm::csr_request;
use messagebox_engine::world::{Command, WorldEvent};
use messagebox_lab::lab::marks::mark_of;
use messagebox_lab::lab::saved::{build_shipped, SavedLab, View};
use messagebox_lab::lab::session::Session;
use messagebox_lab::lab::tokens::{tokens_for, TokenKind};
use messagebox_lab::lab::{Lab, Pending};

fn default_session() -> Session {
    Session::new(build_shipped("default.json").unwrap().1)
}

fn order(req: &str, cust: &str) -> Command {
    Command::Submit {
        group: "SRV-SEA".into(),
        location: "Order-RP-TestRL".into(),
        body: csr_request(req, cust, "1", 1, "NS", "NEW"),
    }
}

fn run(s: &mut Session, steps: u64) {
    for _ in 0..steps {
        s.step().expect("work is scheduled");
    }
}

#[test]
fn seeking_back_and_forward_rebuilds_the_same_world() {
    let mut s = default_session();
    run(&mut s, 120);
    let at_120 = s.world.clone();
    run(&mut s, 30);
    let at_150 = s.world.clone();
    s.seek(37);
    assert_eq!(s.steps, 37);
    assert!(s.in_past());
    s.seek(120);
    assert_eq!(s.world, at_120);
    s.seek(150);
    assert_eq!(s.world, at_150);
    assert!(!s.in_past());
}

#[test]
fn an_action_in_the_past_forks_the_future_and_a_replay_follows_the_new_path() {
    let mut s = default_session();
    run(&mut s, 10);
    s.act(order("R-A", "1")).unwrap();
    run(&mut s, 60);
    assert_eq!(s.horizon, 70);
    s.seek(20);
    s.act(order("R-B", "2")).unwrap();
    // The later part is gone: the horizon is now, and only the two actions remain.
    assert_eq!(s.horizon, 20);
    assert_eq!(s.inputs().len(), 2);
    run(&mut s, 40);
    let end = s.world.clone();
    // The saved form replays to exactly the same world.
    let saved = SavedLab::of("default.json", &s, &View::default()).to_json();
    let restored = SavedLab::restore(&saved).unwrap();
    assert_eq!(restored.session.world, end);
    assert_eq!(restored.session.steps, 60);
}

#[test]
fn a_refused_action_is_not_recorded_and_changes_nothing() {
    let mut s = default_session();
    run(&mut s, 5);
    let before = s.world.clone();
    let err = s.act(Command::SetLocationEnabled {
        group: "SRV-SEA".into(),
        location: "No-Such-Location".into(),
        enabled: false,
    });
    assert!(err.is_err());
    assert!(s.inputs().is_empty());
    assert_eq!(s.world, before);
}

#[test]
fn corrupt_or_older_saved_states_are_refused_with_a_reason_and_the_default_loads() {
    let older = r#"{"format":0,"scenario":"default.json"}"#;
    assert!(SavedLab::restore(older).unwrap_err().contains("format 0"));
    let broken = SavedLab::restore("{\"format\": 1,").unwrap_err();
    assert!(broken.contains("line 1"), "{broken}");
    let lab = Lab::restore_or_default(Some("not json".into())).unwrap();
    assert_eq!(lab.scenario, 0);
    assert!(lab.notice.as_ref().unwrap().error);
    assert_eq!(
        lab.unrestored.as_deref(),
        Some("not json"),
        "kept for download"
    );
}

#[test]
fn acting_in_the_past_waits_for_a_confirmation() {
    let mut lab = Lab::fresh(0).unwrap();
    for _ in 0..30 {
        lab.step_once();
    }
    lab.seek(10);
    lab.act(order("R-C", "3"));
    assert!(matches!(lab.pending, Some(Pending::Fork(_))));
    assert_eq!(lab.session.horizon, 30, "nothing discarded before the yes");
    assert!(lab.pending_text().unwrap().contains("20 steps"));
    lab.confirm();
    assert_eq!(lab.session.horizon, 10);
    assert_eq!(lab.session.inputs().len(), 1);
}

#[test]
fn tokens_follow_the_engine_events_and_carry_the_mark() {
    let mut s = default_session();
    let mut kinds = Vec::new();
    let mut marks = Vec::new();
    for _ in 0..12 {
        let events = s.step().unwrap();
        for t in tokens_for(&s.world, &events, 0.0, 100.0) {
            kinds.push((t.from.clone(), t.to.clone(), t.kind));
            marks.push(t.mark.label.clone());
        }
    }
    // The order enters at the location, the broker publishes, the manager gets the marked copy.
    assert!(kinds
        .iter()
        .any(|(f, _, _)| f == "SRV-SEA|loc|Order-RP-TestRL"));
    assert!(kinds.iter().any(|(f, to, k)| f == "SRV-SEA|mbx|MessageBox"
        && to.as_deref() == Some("SRV-SEA|orch|OrderManager")
        && *k == TokenKind::Route));
    assert!(marks.iter().any(|m| m == "CABLEORDER"));
    // The mark is read from the routed message's context.
    let routed = s
        .recent()
        .iter()
        .find_map(|t| match &t.event {
            WorldEvent::Sent { port, message, .. } if port == "OrderMgrPort" => Some(*message),
            _ => None,
        })
        .unwrap();
    assert_eq!(mark_of(&s.world, "SRV-SEA", routed).label, "CABLEORDER");
}

#[test]
fn in_a_lesson_playing_pauses_where_the_steps_goal_is_reached() {
    let mut lab = Lab::fresh(0).unwrap();
    lab.start_lesson(2); // marking: step 1 asks for a VIP-marked publish
    lab.act(Command::Submit {
        group: "SRV-SEA".into(),
        location: "Order-RP-TestRL".into(),
        body: csr_request("R-9", "900", "7", 1, "ND", "NEW"),
    });
    lab.view.speed_log = 6.0;
    lab.toggle_play();
    let mut t = 0.0;
    while lab.playing && t < 10_000.0 {
        lab.frame(t);
        lab.check_lesson();
        t += 16.0;
    }
    assert!(lab.lesson.as_ref().unwrap().done);
    // Paused right after the broker's publish: the VIP manager's activation is still to come.
    assert_eq!(lab.session.steps, 2);
    lab.next_step();
    assert!(!lab.lesson.as_ref().unwrap().done);
}
