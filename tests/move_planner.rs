//! The move planner in the lab, natively: choices and Plan compute on copies and are not saved, Compare
//! runs the run's orders (scripted and submitted) without and with the move applied now, Export the bridge downloads its two binding files, and
//! Apply records the move as the run's actions (domain.md 10.6).

mod common;

use messagebox_engine::world::Command;
use messagebox_lab::lab::order_form::BurstKind;
use messagebox_lab::lab::planner::PlannerEdit;
use messagebox_lab::lab::{Action, Effect, Lab, Slice, Tab};

const CABLE: &str = "BTSScn.BPM.CableOrderApp";

fn planned() -> Lab {
    let mut lab = Lab::fresh(0).unwrap();
    lab.apply(Action::Tab(Tab::Planner));
    assert!(lab.tab.is_wide());
    for edit in [
        PlannerEdit::Application(CABLE.into()),
        PlannerEdit::To("SRV-DUB".into()),
    ] {
        assert!(!lab.apply(Action::Planner(edit)).contains(&Effect::Save));
    }
    let effects = lab.apply(Action::Planner(PlannerEdit::Plan));
    assert!(!effects.contains(&Effect::Save), "planning changes nothing");
    lab
}

#[test]
fn plan_and_compare_change_nothing_and_reproduce_the_move_of_10_6() {
    let mut lab = planned();
    let plan = lab.planner.plan.clone().unwrap().unwrap();
    assert_eq!(
        plan.bridge.filter,
        "SV.Status == ACCEPTED And SV.OrderMgrType == CABLEORDER"
    );
    assert!(lab.session.inputs().is_empty());
    lab.apply(Action::Planner(PlannerEdit::Compare));
    assert_eq!(lab.compare_slice(|| true), Slice::Finished);
    let c = lab.planner.comparison.clone().unwrap().unwrap();
    assert_eq!(c.rows.len(), 8, "the eight sample orders");
    let r1 = c.rows.iter().find(|r| r.request == "R-001").unwrap();
    assert!(
        r1.changed
            && r1
                .after
                .instances
                .iter()
                .any(|i| i.starts_with("SRV-DUB OrderManager"))
    );
    let r2 = c.rows.iter().find(|r| r.request == "R-002").unwrap();
    assert!(!r2.changed, "VIP orders stay in Seattle");
    assert!(lab.session.inputs().is_empty());
}

#[test]
fn export_downloads_the_bridge_pair_as_binding_files() {
    let mut lab = planned();
    let effects = lab.apply(Action::Planner(PlannerEdit::ExportBridge));
    let files: Vec<(&str, &str)> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Download { file, text } => Some((file.as_str(), text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].0.starts_with("SRV-SEA.SEA-To-DUB") && files[0].1.contains("<SendPort"));
    assert!(files[1].0.starts_with("SRV-DUB.DUB-FromSEA") && files[1].1.contains("<ReceivePort"));
    assert!(files[0].1.contains("SV.OrderMgrType") || files[0].1.contains("OrderMgrType"));
}

#[test]
fn apply_records_the_move_as_the_runs_actions() {
    let mut lab = planned();
    let commands = lab.planner.plan.clone().unwrap().unwrap().commands.clone();
    let effects = lab.apply(Action::Planner(PlannerEdit::Apply));
    assert!(effects.contains(&Effect::Save));
    let recorded: Vec<Command> = lab
        .session
        .inputs()
        .iter()
        .map(|i| i.command.clone())
        .collect();
    assert_eq!(recorded, commands);
    let world = &lab.session.world;
    assert!(world
        .group("SRV-DUB")
        .unwrap()
        .applications
        .iter()
        .any(|a| a.name == CABLE));
    assert!(!world
        .group("SRV-SEA")
        .unwrap()
        .applications
        .iter()
        .any(|a| a.name == CABLE));
    assert_eq!(lab.tab, Tab::Inspector);
    assert!(lab
        .notice
        .clone()
        .unwrap()
        .text
        .contains("moved from SRV-SEA to SRV-DUB"));
    // The application is already in SRV-DUB: the engine refuses that move and says why...
    let e = messagebox_engine::plan::plan_move(&lab.session.world, CABLE, "SRV-DUB")
        .unwrap_err()
        .to_string();
    assert!(e.contains("already in SRV-DUB"), "{e}");
    // ...and the planner, whose target picker no longer offers SRV-DUB, plans the way back instead of
    // keeping the stale target the page does not show.
    lab.apply(Action::Planner(PlannerEdit::To("SRV-DUB".into())));
    let choice = lab.planner_choice();
    assert_eq!(
        (choice.application.as_str(), choice.to.as_str()),
        (CABLE, "SRV-SEA")
    );
    assert!(!choice.targets.contains(&"SRV-DUB".to_string()));
    lab.apply(Action::Planner(PlannerEdit::Plan));
    let back = lab.planner.plan.clone().unwrap().unwrap();
    assert_eq!(
        (back.from.as_str(), back.to.as_str()),
        ("SRV-DUB", "SRV-SEA")
    );
}

/// A lab on the default scenario's deployment saved and opened as your own (it has no script).
fn own_scenario() -> Lab {
    let mut lab = Lab::fresh(0).unwrap();
    let Effect::Download { text, .. } = lab.save_scenario() else {
        panic!("a download")
    };
    lab.apply(Action::OpenFile {
        name: "mine.json".into(),
        text,
    });
    lab
}

#[test]
fn a_move_is_compared_on_your_own_scenario_too() {
    let mut lab = own_scenario();
    assert!(lab.own.is_some());
    lab.apply(Action::Planner(PlannerEdit::Application(CABLE.into())));
    lab.apply(Action::Planner(PlannerEdit::Plan));
    lab.apply(Action::Planner(PlannerEdit::Compare));
    assert_eq!(lab.compare_slice(|| true), Slice::Finished);
    // A saved deployment has no scripted orders: the comparison runs and has none to show.
    let c = lab.planner.comparison.clone().unwrap().unwrap();
    assert!(c.rows.is_empty());
}

fn compared(lab: &mut Lab) -> std::rc::Rc<messagebox_engine::plan::Comparison> {
    lab.apply(Action::Planner(PlannerEdit::Application(CABLE.into())));
    lab.apply(Action::Planner(PlannerEdit::To("SRV-DUB".into())));
    lab.apply(Action::Planner(PlannerEdit::Plan));
    lab.apply(Action::Planner(PlannerEdit::Compare));
    assert_eq!(lab.compare_slice(|| true), Slice::Finished);
    lab.planner.comparison.clone().unwrap().unwrap()
}

fn in_dublin(s: &messagebox_engine::plan::Side) -> bool {
    s.instances
        .iter()
        .any(|i| i.starts_with("SRV-DUB OrderManager"))
}

/// Submits `orders` as the compose form does and steps until nothing is scheduled.
fn submit_and_run(lab: &mut Lab, orders: Vec<Command>) {
    lab.apply(Action::ActAll(orders));
    while lab.session.world.next_due().is_some() {
        lab.apply(Action::Step);
    }
}

#[test]
fn compare_runs_the_orders_you_submitted_on_both_deployments_even_after_they_ended() {
    // Your own scenario has no script: the orders are the ones you submit. Run to their end, then
    // compared: the move is made at the start (no action changed the deployment), so every one of them
    // runs once as it was and once with the move.
    let mut lab = own_scenario();
    submit_and_run(&mut lab, common::burst(6, BurstKind::Distinct));
    let (inputs, steps) = (lab.session.inputs().to_vec(), lab.session.steps);
    let c = compared(&mut lab);
    assert_eq!((c.moved_at_step, c.moved_after_actions), (0, 0));
    assert_eq!(c.rows.len(), 6, "the six submitted orders");
    assert!(c.rows.iter().all(|r| !in_dublin(&r.before)));
    assert!(
        c.rows.iter().all(|r| r.changed && in_dublin(&r.after)),
        "{:?}",
        c.rows
    );
    assert_eq!(
        lab.session.inputs(),
        inputs.as_slice(),
        "comparing changes nothing"
    );
    assert_eq!(lab.session.steps, steps);
}

#[test]
fn the_move_is_compared_after_your_last_change_to_the_deployment() {
    // Orders, then a change (the audit port stopped), then more orders: the move is made right after
    // the change, so the first orders are the same on both sides and the later ones go to Dublin.
    let mut lab = own_scenario();
    submit_and_run(&mut lab, common::burst(3, BurstKind::Distinct));
    lab.apply(Action::Act(Command::Administer {
        group: "SRV-SEA".into(),
        owner: messagebox_engine::messagebox::Owner::SendPort("VIP-Audit-SP".into()),
        action: messagebox_engine::messagebox::AdminAction::Stop,
    }));
    let changed_at = lab.session.steps;
    lab.apply(Action::ActAll(common::burst_from(
        2000,
        2,
        BurstKind::Distinct,
    )));
    let c = compared(&mut lab);
    assert_eq!((c.moved_at_step, c.moved_after_actions), (changed_at, 4));
    assert_eq!(c.rows.len(), 5);
    let (earlier, later): (Vec<_>, Vec<_>) = c.rows.iter().partition(|r| r.request.contains("100"));
    assert_eq!((earlier.len(), later.len()), (3, 2), "{:?}", c.rows);
    assert!(earlier.iter().all(|r| !r.changed), "{earlier:?}");
    assert!(
        later.iter().all(|r| r.changed && in_dublin(&r.after)),
        "{later:?}"
    );
}

#[test]
fn a_comparison_is_computed_in_slices_with_progress_and_can_be_cancelled() {
    let mut lab = planned();
    lab.apply(Action::Planner(PlannerEdit::Compare));
    // A slice whose time is up at once still runs one bounded batch of steps.
    assert_eq!(lab.compare_slice(|| false), Slice::Yielded);
    let comparing = lab.planner.comparing.as_ref().expect("still computing");
    assert!(comparing.steps() > 0 && comparing.progress() < 1.0);
    assert!(lab.planner.comparison.is_none());
    lab.apply(Action::Planner(PlannerEdit::CancelCompare));
    assert!(lab.planner.comparing.is_none());
    let e = lab.planner.comparison.clone().unwrap().unwrap_err();
    assert!(e.starts_with("cancelled after"), "{e}");
    assert_eq!(lab.compare_slice(|| true), Slice::Idle);
    assert!(lab.session.inputs().is_empty(), "nothing was recorded");
}
