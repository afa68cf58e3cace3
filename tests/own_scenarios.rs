//! Your own scenarios in the lab, natively: the current deployment saved as a scenario file opens to
//! the same deployment (and survives a reload, its text saved with the run), a refused file names the
//! JSON path and changes nothing, and a run's file opens at its step.

use messagebox_engine::messagebox::{AdminAction, Owner};
use messagebox_engine::world::{Command, World};
use messagebox_lab::lab::planner::PlannerEdit;
use messagebox_lab::lab::saved::SavedLab;
use messagebox_lab::lab::{Action, Effect, Lab};

fn subscriptions(world: &World) -> Vec<String> {
    let mut out: Vec<String> = world
        .groups
        .values()
        .flat_map(|g| {
            g.messagebox.state().subscriptions.values().map(move |s| {
                format!(
                    "{} {} {:?} {:?} {}",
                    g.name,
                    s.owner,
                    s.kind,
                    s.state,
                    s.filter.to_orchestration(g.messagebox.schema())
                )
            })
        })
        .collect();
    out.sort();
    out
}

fn download(effects: Vec<Effect>) -> (String, String) {
    effects
        .into_iter()
        .find_map(|e| match e {
            Effect::Download { file, text } => Some((file, text)),
            _ => None,
        })
        .expect("a download")
}

fn moved_and_stopped() -> Lab {
    let mut lab = Lab::fresh(0).unwrap();
    lab.apply(Action::Planner(PlannerEdit::Application(
        "BTSScn.BPM.CableOrderApp".into(),
    )));
    lab.apply(Action::Planner(PlannerEdit::To("SRV-DUB".into())));
    lab.apply(Action::Planner(PlannerEdit::Plan));
    lab.apply(Action::Planner(PlannerEdit::Apply));
    lab.apply(Action::Act(Command::Administer {
        group: "SRV-SEA".into(),
        owner: Owner::SendPort("VIP-Audit-SP".into()),
        action: AdminAction::Stop,
    }));
    lab
}

#[test]
fn a_saved_scenario_opens_to_the_same_deployment_and_survives_a_reload() {
    let mut lab = moved_and_stopped();
    let (file, text) = download(lab.apply(Action::SaveScenario));
    assert!(file.ends_with(".scenario.json"));
    let mut other = Lab::fresh(0).unwrap();
    other.apply(Action::OpenFile {
        name: file.clone(),
        text: text.clone(),
    });
    assert!(other
        .notice
        .clone()
        .unwrap()
        .text
        .starts_with(&format!("Opened {file}")));
    assert_eq!(
        subscriptions(&other.session.world),
        subscriptions(&lab.session.world)
    );
    assert!(other.scenario_summary().title.contains("saved deployment"));
    assert_eq!(other.group_order().len(), 2);
    // A reload: the saved run carries the scenario's text.
    let saved = other.saved();
    assert_eq!(saved.own.as_deref(), Some(text.as_str()));
    let restored = Lab::restore_or_default(Some(saved.to_json())).unwrap();
    assert!(restored.notice.is_none(), "{:?}", restored.notice);
    assert_eq!(
        subscriptions(&restored.session.world),
        subscriptions(&lab.session.world)
    );
    // Saving again from the opened one gives the same deployment file, but for its title.
    let (_, again) = download(other.apply(Action::SaveScenario));
    let strip = |t: &str| {
        serde_json::from_str::<serde_json::Value>(t)
            .map(|mut v| {
                v["title"] = "".into();
                v["summary"] = "".into();
                v
            })
            .unwrap()
    };
    assert_eq!(strip(&again), strip(&text));
}

#[test]
fn a_refused_file_names_the_json_path_and_changes_nothing() {
    let mut lab = moved_and_stopped();
    let before = lab.saved();
    let (_, text) = download(lab.apply(Action::SaveScenario));
    let broken = text.replacen("\"running\": true", "\"running\": \"yes\"", 1);
    assert_ne!(broken, text);
    lab.apply(Action::OpenFile {
        name: "broken.json".into(),
        text: broken,
    });
    let notice = lab.notice.clone().unwrap();
    assert!(notice.error, "{}", notice.text);
    assert!(
        notice
            .text
            .starts_with("broken.json was not opened, nothing changed")
            && notice.text.contains("groups[0].hosts[0].running"),
        "{}",
        notice.text
    );
    assert_eq!(lab.saved(), before);
    lab.apply(Action::OpenFile {
        name: "x.json".into(),
        text: "{ not json".into(),
    });
    assert!(
        lab.notice.clone().unwrap().text.contains("line 1"),
        "{:?}",
        lab.notice
    );
    assert_eq!(lab.saved(), before);
}

#[test]
fn a_runs_file_opens_at_its_step() {
    let mut lab = moved_and_stopped();
    for _ in 0..10 {
        lab.apply(Action::Step);
    }
    let (_, text) = download(lab.apply(Action::DownloadRun));
    let mut other = Lab::fresh(1).unwrap();
    other.apply(Action::OpenFile {
        name: "run.json".into(),
        text,
    });
    assert_eq!(other.session.steps, lab.session.steps);
    assert_eq!(other.session.world, lab.session.world);
    assert_eq!(
        other.saved(),
        SavedLab {
            view: other.saved().view,
            ..lab.saved()
        }
    );
}
