//! The lab's actions, natively: what each button does to the lab and which effects it leaves to the
//! browser (files to download, saving).

use messagebox_engine::messagebox::Owner;
use messagebox_engine::world::{Command, StopMode};
use messagebox_lab::lab::action::UNRESTORED_FILE;
use messagebox_lab::lab::filter_edit::own_filter;
use messagebox_lab::lab::{Action, Effect, Lab};

fn notice(lab: &Lab) -> String {
    lab.notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

#[test]
fn export_downloads_the_package_as_json_and_says_so() {
    let mut lab = Lab::fresh(0).unwrap();
    let effects = lab.apply(Action::Export {
        group: "SRV-SEA".into(),
        application: "SRV.VipOrderApp".into(),
    });
    let [Effect::Download { file, text }, Effect::Save] = effects.as_slice() else {
        panic!("a download then a save: {effects:?}");
    };
    assert_eq!(file, "SRV.VipOrderApp.package.json");
    let package: serde_json::Value = serde_json::from_str(text).unwrap();
    assert!(text.contains("VipOrderManager"), "{package}");
    assert!(
        notice(&lab).contains("exported from SRV-SEA"),
        "{}",
        notice(&lab)
    );
}

#[test]
fn an_export_refused_downloads_nothing_and_says_why() {
    let mut lab = Lab::fresh(0).unwrap();
    let effects = lab.apply(Action::Export {
        group: "SRV-SEA".into(),
        application: "NoSuchApp".into(),
    });
    assert_eq!(effects, [Effect::Save]);
    assert!(
        notice(&lab).starts_with("Export refused"),
        "{}",
        notice(&lab)
    );
    assert!(lab.notice.unwrap().error);
}

#[test]
fn step_at_the_end_of_the_run_says_nothing_is_scheduled() {
    let mut lab = Lab::fresh(0).unwrap();
    while lab.session.world.next_due().is_some() {
        assert_eq!(lab.apply(Action::Step), [Effect::Save]);
    }
    assert_eq!(lab.notice, None);
    let steps = lab.session.steps;
    lab.apply(Action::Step);
    assert_eq!(lab.session.steps, steps);
    assert_eq!(notice(&lab), "Nothing is scheduled: the run is at its end.");
}

#[test]
fn a_route_to_an_unknown_lesson_is_refused_with_a_notice_and_a_known_one_starts_it() {
    let mut lab = Lab::fresh(0).unwrap();
    lab.apply(Action::Route("#/lesson/no-such-lesson".into()));
    assert!(
        notice(&lab).contains("There is no lesson called \"no-such-lesson\""),
        "{}",
        notice(&lab)
    );
    assert!(lab.current_lesson().is_none());
    assert_eq!(lab.location_hash(), "#/");
    let id = messagebox_lab::tutorial::lessons()[0].id;
    lab.apply(Action::Route(format!("#/lesson/{id}")));
    assert_eq!(lab.location_hash(), format!("#/lesson/{id}"));
}

#[test]
fn a_saved_session_that_did_not_restore_is_downloaded_once() {
    let mut lab = Lab::restore_or_default(Some("not a saved lab".into())).unwrap();
    assert_eq!(
        lab.apply(Action::DownloadUnrestored),
        [
            Effect::Download {
                file: UNRESTORED_FILE.into(),
                text: "not a saved lab".into()
            },
            Effect::Save
        ]
    );
    assert_eq!(lab.apply(Action::DownloadUnrestored), [Effect::Save]);
}

#[test]
fn removing_an_application_removes_its_subscribers_filters() {
    let mut lab = Lab::fresh(0).unwrap();
    let (group, application) = ("SRV-SEA", "SRV.VipOrderApp");
    let owner = Owner::Orchestration("VipOrderManager".into());
    let filter =
        |lab: &Lab| own_filter(&lab.session.world.group(group).unwrap().messagebox, &owner);
    assert!(filter(&lab).is_some());
    lab.apply(Action::ActAll(vec![
        Command::StopApplication {
            group: group.into(),
            application: application.into(),
            mode: StopMode::Full,
        },
        Command::RemoveApplication {
            group: group.into(),
            application: application.into(),
        },
    ]));
    assert_eq!(lab.notice, None, "both commands accepted");
    assert!(filter(&lab).is_none());
}

#[test]
fn keys_and_small_actions_change_only_the_view() {
    let mut lab = Lab::fresh(0).unwrap();
    lab.apply(Action::Speed(99.0));
    assert_eq!(lab.view.speed_log, 6.0);
    lab.apply(Action::Zoom(0.1));
    assert_eq!(lab.zoom(), messagebox_lab::lab::camera::MIN_ZOOM);
    lab.apply(Action::ToggleHelp);
    assert!(lab.help);
    lab.apply(Action::Escape);
    assert!(!lab.help);
    lab.apply(Action::Move {
        key: "node".into(),
        x: 10.4,
        y: 20.6,
    });
    assert_eq!(lab.view.positions["node"], (10.0, 21.0));
}
