//! Fit and follow (issue 14): the canvas's default view shows every group and port at 1280x720, it
//! keeps up with the window and the layout, zoom and drag move it, a lesson step brings its group into
//! view and opens its item, and the MessageBox's table lists first what the step is about.

mod canvas_common;
use canvas_common::lab_at;
use messagebox_engine::messagebox::Owner;
use messagebox_engine::world::Command;
use messagebox_lab::lab::camera::{self, Area, CameraMode, Rect, MIN_ZOOM};
use messagebox_lab::lab::layout::{table_order, Layout, NodeKind};
use messagebox_lab::lab::{Action, Lab, Selection, Tab};
use messagebox_lab::tutorial::focus::{self, Look, Open};
use messagebox_lab::tutorial::{lessons, Who};

/// The canvas's drawing area measured in Chromium at 1280x720 with the lesson panel open (the
/// narrowest case the app supports), and without it; and at 1920x1080 with it.
const LAPTOP_WITH_LESSON: Area = Area {
    width: 640.0,
    height: 418.0,
};
const LAPTOP: Area = Area {
    width: 912.0,
    height: 418.0,
};
const DESKTOP_WITH_LESSON: Area = Area {
    width: 1280.0,
    height: 807.0,
};

/// The box a node is drawn in (its widest shape), in layout coordinates.
fn node_box(kind: NodeKind, x: f64, y: f64) -> Rect {
    let (hw, hh) = match kind {
        NodeKind::Host => (100.0, 12.0),
        NodeKind::MessageBox => (62.0, 35.0),
        _ => (80.0, 18.0),
    };
    Rect {
        x: x - hw,
        y: y - hh,
        width: 2.0 * hw,
        height: 2.0 * hh,
    }
}

/// Asserts every region and node of the layout lies inside the camera's view.
fn shows_everything(lab: &Lab, what: &str) {
    let layout = lab.layout();
    let view = lab.camera().view_box(lab.area);
    for r in &layout.regions {
        let rect = Rect {
            x: r.x,
            y: r.y,
            width: r.width,
            height: r.height,
        };
        assert!(
            view.covers(&rect),
            "{what}: region {} outside {view:?}",
            r.group
        );
    }
    for n in &layout.nodes {
        let b = node_box(n.kind, n.x, n.y);
        assert!(view.covers(&b), "{what}: node {} outside {view:?}", n.key);
    }
}

fn shows_group(lab: &Lab, group: &str) {
    let layout = lab.layout();
    let view = lab.camera().view_box(lab.area);
    let r = layout.region(group).expect("the group has a region");
    let rect = Rect {
        x: r.x,
        y: r.y,
        width: r.width,
        height: r.height,
    };
    assert!(view.covers(&rect), "region {group} outside {view:?}");
}

#[test]
fn the_default_view_fits_every_group_and_port_at_1280x720() {
    for scenario in 0..Lab::fresh(0).unwrap().catalog.len() {
        for area in [LAPTOP_WITH_LESSON, LAPTOP, DESKTOP_WITH_LESSON] {
            let lab = lab_at(scenario, area);
            assert_eq!(lab.view.camera, CameraMode::Fit, "fit is the default");
            shows_everything(&lab, &format!("scenario {scenario} in {area:?}"));
        }
    }
}

#[test]
fn an_empty_group_is_drawn_narrow_so_the_default_scenario_is_larger() {
    let lab = lab_at(0, LAPTOP_WITH_LESSON);
    let layout = lab.layout();
    let sea = layout.region("SRV-SEA").unwrap();
    let dub = layout.region("SRV-DUB").unwrap();
    assert!(
        dub.width < sea.width / 1.5,
        "empty SRV-DUB is {}",
        dub.width
    );
    assert!(dub.x > sea.x + sea.width, "side by side");
    // Its MessageBox sits inside it.
    let mbx = layout
        .nodes
        .iter()
        .find(|n| n.group == "SRV-DUB" && n.kind == NodeKind::MessageBox);
    let mbx = mbx.unwrap();
    assert!(mbx.x > dub.x && mbx.x < dub.x + dub.width);
}

#[test]
fn the_fit_follows_the_window_and_groups_that_fill_up() {
    let mut lab = lab_at(0, LAPTOP_WITH_LESSON);
    let small = lab.zoom();
    lab.apply(Action::CanvasArea {
        width: DESKTOP_WITH_LESSON.width,
        height: DESKTOP_WITH_LESSON.height,
    });
    assert!(
        lab.zoom() > small,
        "a bigger window shows the groups bigger"
    );
    shows_everything(&lab, "after a resize");
    // Applications copied into the empty group widen it: the fit zooms out to keep it all in view.
    lab.apply(Action::CanvasArea {
        width: LAPTOP_WITH_LESSON.width,
        height: LAPTOP_WITH_LESSON.height,
    });
    let before = lab.zoom();
    for application in ["BTSScn.BPM.MessagingApp", "BTSScn.BPM.CableOrderApp"] {
        lab.apply(Action::Act(Command::CopyApplication {
            from: "SRV-SEA".into(),
            to: "SRV-DUB".into(),
            application: application.into(),
        }));
        assert_eq!(lab.notice, None);
    }
    assert!(lab.zoom() < before, "{} !< {before}", lab.zoom());
    shows_everything(&lab, "after the move");
}

#[test]
fn zoom_keeps_the_centre_fit_returns_and_a_drag_pans() {
    let mut lab = lab_at(1, LAPTOP_WITH_LESSON);
    let fitted = lab.camera();
    lab.apply(Action::Zoom(1.0));
    let c = lab.camera();
    assert_eq!(c.zoom, 1.0);
    assert_eq!(
        (c.cx, c.cy),
        (fitted.cx, fitted.cy),
        "zoom keeps the centre"
    );
    assert!(matches!(lab.view.camera, CameraMode::Manual(_)));
    // Dragging the background 100 px to the right shows what was 100 px to the left.
    lab.apply(Action::Pan { dx: 100.0, dy: 0.0 });
    assert_eq!(lab.camera().cx, c.cx - 100.0);
    // A drag cannot lose the layout: the centre stays on it.
    lab.apply(Action::Pan { dx: 1e6, dy: -1e6 });
    let far = lab.camera();
    let extent = camera::extent(&lab.layout());
    assert_eq!((far.cx, far.cy), (0.0, extent.height));
    lab.apply(Action::Zoom(0.01));
    assert_eq!(lab.zoom(), MIN_ZOOM);
    lab.apply(Action::Fit);
    assert_eq!(lab.view.camera, CameraMode::Fit);
    assert_eq!(lab.camera(), fitted);
}

#[test]
fn the_view_is_saved_with_the_session() {
    let mut lab = lab_at(0, LAPTOP);
    lab.apply(Action::Zoom(0.7));
    let text = lab.saved().to_json();
    let restored = Lab::restore_or_default(Some(text)).unwrap();
    assert_eq!(restored.view.camera, lab.view.camera);
    // A save from before the camera (a bare zoom) opens fitted.
    let old = lab
        .saved()
        .to_json()
        .replace("\"camera\"", "\"zoom\":0.7,\"old_camera\"");
    let restored = Lab::restore_or_default(Some(old)).unwrap();
    assert_eq!(restored.unrestored, None, "an older save still restores");
    assert_eq!(restored.view.camera, CameraMode::Fit);
}

#[test]
fn lesson_6_brings_dublins_order_manager_into_view_and_opens_it() {
    let mut lab = lab_at(0, LAPTOP_WITH_LESSON);
    lab.apply(Action::Route("#/lesson/routing-failures".into()));
    assert_eq!(lab.view.camera, CameraMode::Group("SRV-DUB".into()));
    shows_group(&lab, "SRV-DUB");
    // Dublin's OrderManager, which the step asks to unenlist, is in view and in the Inspector.
    let layout = lab.layout();
    let manager = layout.node("SRV-DUB|orch|OrderManager").expect("drawn");
    let view = lab.camera().view_box(lab.area);
    assert!(view.covers(&node_box(manager.kind, manager.x, manager.y)));
    assert!(
        lab.zoom() > camera::fit(&layout, lab.area).zoom,
        "closer than the fit"
    );
    assert_eq!(
        lab.selection,
        Some(Selection::Service {
            group: "SRV-DUB".into(),
            owner: Owner::Orchestration("OrderManager".into()),
        })
    );
    assert_eq!(lab.tab, Tab::Inspector);
    // The next step is about Dublin's Group Hub, with the order coming from Seattle: both groups.
    lab.apply(Action::ShowMe);
    lab.apply(Action::NextStep);
    assert_eq!(lab.view.camera, CameraMode::Fit);
    assert_eq!(lab.tab, Tab::GroupHub);
    assert_eq!(lab.selection.as_ref().map(|s| s.group()), Some("SRV-DUB"));
}

#[test]
fn a_drag_during_a_step_is_kept_until_the_next_step() {
    let mut lab = lab_at(0, LAPTOP_WITH_LESSON);
    lab.apply(Action::Route("#/lesson/the-messagebox".into()));
    assert_eq!(lab.view.camera, CameraMode::Group("SRV-SEA".into()));
    assert_eq!(lab.tab, Tab::Compose);
    lab.apply(Action::Pan { dx: 30.0, dy: 0.0 });
    lab.apply(Action::Tab(Tab::Subscriptions));
    lab.apply(Action::Step);
    assert!(matches!(lab.view.camera, CameraMode::Manual(_)));
    assert_eq!(
        lab.tab,
        Tab::Subscriptions,
        "the panel is the learner's within a step"
    );
}

#[test]
fn every_lesson_step_looks_at_a_group_that_is_there_and_shows_it_whole() {
    for (index, lesson) in lessons().iter().enumerate() {
        let mut lab = lab_at(0, LAPTOP_WITH_LESSON);
        lab.apply(Action::Route(format!("#/lesson/{}", lesson.id)));
        assert_eq!(lab.lesson.as_ref().map(|l| l.index), Some(index));
        for step in 0..lesson.steps.len() {
            let f = focus::focus(lesson, step).unwrap();
            let what = format!("{} step {}", lesson.id, step + 1);
            match f.look {
                Look::All => assert_eq!(lab.view.camera, CameraMode::Fit, "{what}"),
                Look::Group(g) => {
                    assert_eq!(lab.view.camera, CameraMode::Group(g.into()), "{what}");
                    shows_group(&lab, g);
                }
            }
            match f.open {
                Open::Compose => assert_eq!(lab.tab, Tab::Compose, "{what}"),
                Open::GroupHub(g) => {
                    assert_eq!(lab.tab, Tab::GroupHub, "{what}");
                    assert_eq!(lab.selection.as_ref().map(|s| s.group()), Some(g), "{what}");
                }
                Open::Group(g) | Open::Service(g, _) | Open::Location(g, _) => {
                    assert_eq!(lab.tab, Tab::Inspector, "{what}");
                    assert_eq!(lab.selection.as_ref().map(|s| s.group()), Some(g), "{what}");
                }
                Open::Nothing => {}
            }
            lab.apply(Action::ShowMe);
            // Show me may leave a run playing to the goal: finish it.
            for _ in 0..2000 {
                if lab.lesson.as_ref().is_some_and(|l| l.done) {
                    break;
                }
                lab.apply(Action::Step);
            }
            assert!(lab.lesson.as_ref().unwrap().done, "{what}: goal reached");
            lab.apply(Action::NextStep);
        }
    }
}

#[test]
fn the_steps_that_name_a_port_or_orchestration_open_it() {
    let l6 = lessons()
        .iter()
        .find(|l| l.id == "routing-failures")
        .unwrap();
    assert_eq!(
        focus::focus(l6, 0).unwrap().open,
        Open::Service("SRV-DUB", Who::Orchestration("OrderManager"))
    );
    let l5 = lessons().iter().find(|l| l.id == "copies").unwrap();
    assert_eq!(
        focus::focus(l5, 1).unwrap().open,
        Open::Service("SRV-SEA", Who::SendPort("VIP-Audit-SP"))
    );
    let l9 = lessons().iter().find(|l| l.id == "bridge-breaks").unwrap();
    assert_eq!(focus::focus(l9, 0).unwrap().look, Look::All);
}

#[test]
fn table_order_puts_the_step_first_then_the_matches_then_the_rest() {
    let o = |n: &str| Owner::Orchestration(n.into());
    let rows = vec![
        (o("A"), Some(false)),
        (o("B"), Some(true)),
        (o("C"), None),
        (o("D"), Some(true)),
        (o("E"), Some(false)),
    ];
    assert_eq!(table_order(&rows, &[]), vec![1, 3, 0, 2, 4]);
    assert_eq!(table_order(&rows, &[o("E"), o("C")]), vec![4, 2, 1, 3, 0]);
    assert_eq!(table_order(&[], &[o("E")]), Vec::<usize>::new());
}

#[test]
fn lesson_3s_vip_order_manager_leads_the_table() {
    let mut lab = lab_at(0, LAPTOP_WITH_LESSON);
    lab.apply(Action::Route("#/lesson/marking".into()));
    lab.apply(Action::ShowMe);
    for _ in 0..2000 {
        if lab.lesson.as_ref().is_some_and(|l| l.done) {
            break;
        }
        lab.apply(Action::Step);
    }
    lab.apply(Action::NextStep);
    let concerned = lab.concerned_owners("SRV-SEA");
    assert_eq!(
        concerned.first(),
        Some(&Owner::Orchestration("VipOrderManager".into()))
    );
    // In the real table (activation subscriptions in the MessageBox's order) it comes first.
    let g = lab.session.world.group("SRV-SEA").unwrap();
    let rows: Vec<_> = g
        .messagebox
        .state()
        .subscriptions
        .values()
        .filter(|s| s.kind == messagebox_engine::messagebox::SubscriptionKind::Activation)
        .map(|s| (s.owner.clone(), None))
        .collect();
    let position = rows
        .iter()
        .position(|(owner, _)| owner.name() == "VipOrderManager")
        .unwrap();
    assert!(position > 0, "without the ordering it is not first");
    assert_eq!(table_order(&rows, &concerned)[0], position);
}

#[test]
fn the_camera_math() {
    let area = Area {
        width: 416.0,
        height: 216.0,
    };
    let rect = Rect {
        x: 0.0,
        y: 0.0,
        width: 800.0,
        height: 200.0,
    };
    let c = camera::Camera::showing(rect, area, 2.0);
    // 400 / 800 across (8 px margins), 200 / 200 down: the width binds.
    assert_eq!(c.zoom, 0.5);
    let v = c.view_box(area);
    assert_eq!((v.x, v.width), (-16.0, 832.0));
    assert!(v.covers(&rect));
    let _ = Layout::default();
}
