//! Sharing a run by link, natively: the fragment round-trips, a damaged link is refused with the reason
//! and changes nothing, opening a link replays to the same step and the same world (the engine is
//! deterministic), the run it replaces stays downloadable, and a run too big for a link says so.

use messagebox_engine::messagebox::{AdminAction, Owner};
use messagebox_engine::world::Command;
use messagebox_lab::lab::saved::{SavedLab, View};
use messagebox_lab::lab::share::{decode, encode, ShareLink, LINK_LIMIT, RUN_PREFIX};
use messagebox_lab::lab::{Action, Effect, Lab};

fn worked() -> Lab {
    let mut lab = Lab::fresh(0).unwrap();
    lab.apply(Action::Act(Command::Administer {
        group: "SRV-SEA".into(),
        owner: Owner::Orchestration("BroadbandOrderManager".into()),
        action: AdminAction::Start,
    }));
    for _ in 0..40 {
        lab.apply(Action::Step);
    }
    lab
}

#[test]
fn a_link_opens_the_same_run_at_the_same_step() {
    let lab = worked();
    let ShareLink::Link(fragment) = lab.share_link() else {
        panic!("a small run fits a link");
    };
    assert!(fragment.starts_with(RUN_PREFIX) && fragment.len() <= LINK_LIMIT);
    assert!(fragment[RUN_PREFIX.len()..]
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    let mut other = Lab::fresh(0).unwrap();
    other.route(&fragment);
    assert_eq!(other.session.steps, lab.session.steps);
    assert_eq!(other.session.horizon, lab.session.horizon);
    assert_eq!(other.session.inputs(), lab.session.inputs());
    assert_eq!(other.session.world, lab.session.world);
    assert_eq!(other.session.recent(), lab.session.recent());
    assert!(other
        .notice
        .clone()
        .unwrap()
        .text
        .contains("Opened a shared run at step 40 of 40"));
    // The fresh lab had nothing to lose: nothing is offered for download.
    assert!(other.unrestored.is_none());
    // The link carries the run, not the view (positions belong to who arranged them).
    let carried: SavedLab = serde_json::from_str(&decode(&encode(&lab.saved())).unwrap()).unwrap();
    assert_eq!(
        carried,
        SavedLab {
            view: View::default(),
            ..lab.saved()
        }
    );
}

#[test]
fn opening_a_link_over_your_own_work_keeps_it_for_download() {
    let shared = worked();
    let ShareLink::Link(fragment) = shared.share_link() else {
        panic!()
    };
    let mut mine = Lab::fresh(0).unwrap();
    mine.apply(Action::Step);
    let my_run = mine.saved().to_json();
    mine.route(&fragment);
    assert_eq!(mine.session.steps, 40);
    assert!(mine.notice.clone().unwrap().text.contains("download yours"));
    let effects = mine.apply(Action::DownloadUnrestored);
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::Download { text, .. } if *text == my_run)));
}

#[test]
fn a_damaged_link_is_refused_with_its_reason_and_changes_nothing() {
    let mut lab = worked();
    let before = lab.saved();
    for (fragment, reason) in [
        ("#/run/not*base64", "not URL-safe base64"),
        ("#/run/AAAA", "does not inflate"),
    ] {
        lab.route(fragment);
        let notice = lab.notice.clone().unwrap();
        assert!(
            notice.error && notice.text.contains(reason),
            "{}",
            notice.text
        );
        assert_eq!(lab.saved(), before);
    }
    // A link whose run names no shipped scenario.
    let mut bad = before.clone();
    bad.scenario = "nowhere.json".into();
    lab.route(&encode(&bad));
    let notice = lab.notice.clone().unwrap();
    assert!(
        notice.error && notice.text.contains("nowhere.json"),
        "{}",
        notice.text
    );
    assert_eq!(lab.saved(), before);
}

#[test]
fn a_run_with_a_big_import_is_too_long_for_a_link_and_offers_its_file() {
    let mut lab = Lab::fresh(0).unwrap();
    let mut text = String::from("<BindingInfo><SendPortCollection>");
    for i in 0..2000 {
        text.push_str(&format!(r#"<SendPort Name="SP-{i}" IsStatic="true" IsTwoWay="false"><Filter>&lt;Filter&gt;&lt;Group&gt;&lt;Statement Property="BTS.ReceivePortName" Operator="0" Value="RP-{}" /&gt;&lt;/Group&gt;&lt;/Filter&gt;</Filter></SendPort>"#, i * 7919 % 100_003));
    }
    text.push_str("</SendPortCollection></BindingInfo>");
    lab.apply(Action::Act(Command::ImportBindings {
        group: "SRV-SEA".into(),
        application: "Big".into(),
        text,
    }));
    let effects = lab.apply(Action::CopyLink);
    assert!(!effects.iter().any(|e| matches!(e, Effect::CopyLink(_))));
    assert!(matches!(lab.shared, Some(ShareLink::TooLong(n)) if n > LINK_LIMIT));
    let effects = lab.apply(Action::DownloadRun);
    assert!(effects
        .iter()
        .any(|e| matches!(e, Effect::Download { file, .. } if file.ends_with(".json"))));
}
