//! The canvas's level of detail (lab/canvas_view.rs): no text under 11 px on screen at any zoom; what
//! is drawn less (the table as a count, ports as a stack, far groups as cards) as the zoom falls; the
//! lesson step's subscribers always drawn in full; the arrangement that shows the groups largest; and the
//! wheel's zoom about the pointer.

mod canvas_common;
use canvas_common::lab_at;
use messagebox_engine::messagebox::Owner;
use messagebox_lab::lab::camera::{Area, CameraMode};
use messagebox_lab::lab::canvas_view::{shorten, Level, TextRole, MIN_TEXT_PX};
use messagebox_lab::lab::layout::{owner_key, NodeKind};
use messagebox_lab::lab::{Action, Lab};
use messagebox_lab::tutorial::lessons;

/// The canvas's drawing area at 1280x720 with a lesson open and the side panel open (measured in
/// Chromium), at 1024x768 in the same state, and at 1920x1080.
const LAPTOP: Area = Area {
    width: 720.0,
    height: 560.0,
};
const SMALL: Area = Area {
    width: 470.0,
    height: 610.0,
};
const DESKTOP: Area = Area {
    width: 1360.0,
    height: 900.0,
};

const ROLES: [TextRole; 11] = [
    TextRole::GroupName,
    TextRole::GroupSite,
    TextRole::NodeLabel,
    TextRole::NodeStatus,
    TextRole::Badge,
    TextRole::TableTitle,
    TextRole::TableRow,
    TextRole::LinkLabel,
    TextRole::TokenLabel,
    TextRole::Callout,
    TextRole::Note,
];

/// Finishes the current step (Show me, then steps until the goal holds).
fn finish_step(lab: &mut Lab) {
    lab.apply(Action::ShowMe);
    for _ in 0..3000 {
        if lab.lesson.as_ref().is_some_and(|l| l.done) {
            return;
        }
        lab.apply(Action::Step);
    }
    panic!("the step's goal did not hold");
}

/// Every role's text is at least `MIN_TEXT_PX` on screen at the view's zoom, and the columns of nodes
/// are far enough apart for a name each (42 layout units between rows), unless the view fell back to
/// summary cards.
fn readable(lab: &Lab, what: &str) {
    let view = lab.canvas_view();
    eprintln!(
        "{what}: zoom {:.2} {:?} stacked {}",
        view.camera.zoom, view.detail.level, view.detail.stacked
    );
    assert!(
        view.detail.level == Level::Summaries || 42.0 >= view.detail.line(TextRole::NodeLabel),
        "{what}: rows of nodes overlap at zoom {:.2}",
        view.camera.zoom
    );
    for role in ROLES {
        let px = view.detail.font(role) * view.camera.zoom;
        assert!(
            px >= MIN_TEXT_PX - 1e-9,
            "{what}: {role:?} is {px:.1} px at zoom {:.2}",
            view.camera.zoom
        );
    }
}

#[test]
fn no_text_is_under_11_px_in_any_lesson_step_or_scenario_at_three_sizes() {
    let scenarios = Lab::fresh(0).unwrap().catalog.len();
    for area in [LAPTOP, SMALL, DESKTOP] {
        for scenario in 0..scenarios {
            readable(&lab_at(scenario, area), &format!("scenario {scenario}"));
        }
        for lesson in lessons() {
            let mut lab = lab_at(0, area);
            lab.apply(Action::Route(format!("#/lesson/{}", lesson.id)));
            for step in 0..lesson.steps.len() {
                readable(&lab, &format!("{} step {}", lesson.id, step + 1));
                finish_step(&mut lab);
                lab.apply(Action::NextStep);
            }
        }
    }
}

#[test]
fn detail_falls_with_the_zoom_table_first_then_ports() {
    let mut lab = lab_at(1, LAPTOP);
    lab.apply(Action::Zoom(1.0));
    let full = lab.canvas_view();
    assert_eq!(full.detail.level, Level::Full, "rows are readable at 100%");
    assert!(full.detail.table_rows());
    assert!(full.detail.status_lines(), "a status line fits under names");

    lab.apply(Action::Zoom(0.6));
    let less = lab.canvas_view();
    assert_eq!(less.detail.level, Level::TableCount);
    assert!(!less.detail.table_rows(), "the table is a count at 60%");
    assert!(!less.detail.status_lines(), "names only at 60%");
    // Names shorten to their box at that size, and say the rest in full elsewhere.
    let chars = less.detail.chars(TextRole::NodeLabel, 150.0);
    assert!((10..=16).contains(&chars), "{chars} characters fit");

    lab.apply(Action::Zoom(0.45));
    assert_eq!(
        lab.canvas_view().detail.level,
        Level::PortStacks,
        "below 55% port names would be cut past recognition"
    );
    lab.apply(Action::Zoom(0.3));
    let small = lab.canvas_view();
    assert_eq!(
        small.detail.level,
        Level::PortStacks,
        "free play has no focus group to keep: ports stack, no group is summarised"
    );
    let stack = small
        .layout
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::PortStack)
        .count();
    assert!(stack >= 1, "a group's ports are one stack");
    // A token for a stacked port travels to the stack.
    let region = small.layout.region("SRV-SEA").unwrap();
    assert!(region.stacked > 0);
    let port = owner_key("SRV-SEA", &Owner::SendPort("VIP-Audit-SP".into()));
    assert_eq!(
        small.layout.node(&port).map(|n| n.kind),
        Some(NodeKind::PortStack)
    );
}

#[test]
fn the_steps_own_port_is_never_stacked() {
    // Lesson 5 step 2 is about VIP-Audit-SP: even at the smallest zoom it is drawn on its own.
    let copies = lessons().iter().position(|l| l.id == "copies").unwrap();
    let mut lab = lab_at(0, SMALL);
    lab.apply(Action::Route(format!("#/lesson/{}", lessons()[copies].id)));
    finish_step(&mut lab);
    lab.apply(Action::NextStep);
    lab.apply(Action::Zoom(0.3));
    let view = lab.canvas_view();
    assert!(view.detail.level >= Level::PortStacks);
    let port = owner_key("SRV-SEA", &Owner::SendPort("VIP-Audit-SP".into()));
    assert_eq!(
        view.layout.node(&port).map(|n| n.kind),
        Some(NodeKind::SendPort),
        "the step's port keeps its own node"
    );
}

#[test]
fn a_group_far_from_the_step_becomes_a_card_only_when_needed() {
    // Lesson 6 looks at Dublin. At a readable zoom both groups are drawn in full.
    let mut lab = lab_at(0, DESKTOP);
    lab.apply(Action::Route("#/lesson/routing-failures".into()));
    let view = lab.canvas_view();
    assert!(view.layout.regions.iter().all(|r| !r.summary));
    // Zoomed out by hand below the columns' readable size, Seattle becomes a card and Dublin stays.
    lab.apply(Action::Zoom(0.3));
    let view = lab.canvas_view();
    assert_eq!(view.detail.level, Level::Summaries);
    assert!(view.layout.region("SRV-SEA").unwrap().summary);
    assert!(!view.layout.region("SRV-DUB").unwrap().summary);
}

#[test]
fn groups_stack_when_the_area_is_tall_and_sit_side_by_side_when_wide() {
    let wide = lab_at(
        1,
        Area {
            width: 1400.0,
            height: 500.0,
        },
    );
    let view = wide.canvas_view();
    assert!(!view.detail.stacked);
    let (a, b) = (
        view.layout.region("SRV-SEA").unwrap(),
        view.layout.region("SRV-DUB").unwrap(),
    );
    assert!(b.x >= a.x + a.width, "side by side");

    let tall = lab_at(
        1,
        Area {
            width: 600.0,
            height: 1000.0,
        },
    );
    let view = tall.canvas_view();
    assert!(view.detail.stacked);
    let (a, b) = (
        view.layout.region("SRV-SEA").unwrap(),
        view.layout.region("SRV-DUB").unwrap(),
    );
    assert!(b.y >= a.y + a.height, "one below the other");
    // Stacked shows them larger than side by side would in that area.
    assert!(view.camera.zoom > 600.0 / (a.width * 2.0));
}

#[test]
fn the_wheel_zooms_about_the_pointer() {
    let mut lab = lab_at(0, LAPTOP);
    let before = lab.camera();
    let (x, y) = (100.0, 80.0);
    let under = |c: messagebox_lab::lab::camera::Camera, area: Area| {
        (
            c.cx + (x - area.width / 2.0) / c.zoom,
            c.cy + (y - area.height / 2.0) / c.zoom,
        )
    };
    let point = under(before, LAPTOP);
    lab.apply(Action::ZoomAt { factor: 1.5, x, y });
    let after = lab.camera();
    assert!(matches!(lab.view.camera, CameraMode::Manual(_)));
    assert!((after.zoom - before.zoom * 1.5).abs() < 1e-9);
    let moved = under(after, LAPTOP);
    assert!(
        (moved.0 - point.0).abs() < 1e-6 && (moved.1 - point.1).abs() < 1e-6,
        "the point under the pointer stays: {point:?} then {moved:?}"
    );
}

/// Where a node is on screen (CSS pixels from the area's corner).
fn on_screen(lab: &Lab, key: &str) -> (f64, f64) {
    let view = lab.canvas_view();
    let n = view.layout.node(key).expect("drawn");
    let b = view.camera.view_box(lab.area);
    (
        (n.x - b.x) * view.camera.zoom,
        (n.y - b.y) * view.camera.zoom,
    )
}

#[test]
fn leaving_the_fit_keeps_the_arrangement_and_the_node_under_the_pointer() {
    // At 1024x768 with a lesson open the split scenario is fitted one group below the other, stretched.
    let mut lab = lab_at(1, SMALL);
    let fitted = lab.canvas_view();
    assert!(fitted.detail.stacked);
    let key = "SRV-DUB|mbx|MessageBox";
    let (x, y) = on_screen(&lab, key);
    lab.apply(Action::ZoomAt { factor: 1.25, x, y });
    let zoomed = lab.canvas_view();
    assert!(
        zoomed.detail.stacked,
        "the wheel does not re-lay the groups out"
    );
    assert_eq!(zoomed.detail.stretch, fitted.detail.stretch);
    let (x2, y2) = on_screen(&lab, key);
    assert!(
        (x2 - x).abs() < 1.0 && (y2 - y).abs() < 1.0,
        "Dublin's MessageBox stays under the pointer: ({x:.1}, {y:.1}) then ({x2:.1}, {y2:.1})"
    );
    // A drag moves it with the pointer, in the same arrangement.
    lab.apply(Action::Pan {
        dx: 30.0,
        dy: -20.0,
    });
    let (x3, y3) = on_screen(&lab, key);
    assert!((x3 - x2 - 30.0).abs() < 1.0 && (y3 - y2 + 20.0).abs() < 1.0);
    assert!(lab.canvas_view().detail.stacked);
    // A wheel without vertical travel (a sideways scroll) changes nothing.
    let before = lab.view.camera.clone();
    lab.apply(Action::ZoomAt { factor: 1.0, x, y });
    assert_eq!(lab.view.camera, before);
}

#[test]
fn a_stack_says_how_many_of_its_ports_matched_and_tokens_reach_summary_cards() {
    // Lesson 6 looks at Dublin; zoomed out by hand, Seattle is a card: a message from Seattle's send
    // port still has a place to start from.
    let mut lab = lab_at(0, DESKTOP);
    lab.apply(Action::Route("#/lesson/routing-failures".into()));
    lab.apply(Action::Zoom(0.3));
    let view = lab.canvas_view();
    assert!(view.layout.region("SRV-SEA").unwrap().summary);
    let port = owner_key("SRV-SEA", &Owner::SendPort("VIP-Audit-SP".into()));
    let (x, y, group) = view
        .layout
        .anchor(&port)
        .expect("the card stands for its ports");
    let card = view.layout.region("SRV-SEA").unwrap();
    assert_eq!(group, "SRV-SEA");
    assert!(x > card.x && x < card.x + card.width && y > card.y && y < card.y + card.height);
}

#[test]
fn a_dragged_node_stays_in_its_column_as_its_region_stretches() {
    // A tall window: the groups one below the other, narrower than the area, so they stretch.
    let mut lab = lab_at(
        1,
        Area {
            width: 900.0,
            height: 1400.0,
        },
    );
    let key = "SRV-SEA|orch|OrderBroker";
    let stretched = lab.layout();
    let region = stretched.region("SRV-SEA").unwrap().clone();
    assert!(
        region.stretch > 1.01,
        "the fit stretches the region: {}",
        region.stretch
    );
    // Dragged 20 units right of where it was, within the stretched region.
    let n = stretched.node(key).unwrap().clone();
    let (x, y) = (n.x - region.x + 20.0, n.y - region.y);
    lab.apply(Action::Move {
        key: key.into(),
        x,
        y,
    });
    let moved = lab.layout();
    let r = moved.region("SRV-SEA").unwrap();
    let m = moved.node(key).unwrap();
    assert!((m.x - r.x - x).abs() <= 1.0, "drawn where it was dropped");
    // A window where the region is not stretched draws it at the same share of the region's width.
    lab.apply(Action::CanvasArea {
        width: 700.0,
        height: 2000.0,
    });
    let plain = lab.layout();
    let r2 = plain.region("SRV-SEA").unwrap();
    let m2 = plain.node(key).unwrap();
    let share =
        |node_x: f64, reg: &messagebox_lab::lab::layout::Region| (node_x - reg.x) / reg.width;
    assert!(
        (share(m2.x, r2) - share(m.x, r)).abs() < 0.01,
        "{} then {}",
        share(m.x, r),
        share(m2.x, r2)
    );
}

#[test]
fn long_names_shorten_where_they_differ() {
    assert_eq!(shorten("OrderManager", 12), "OrderManager");
    assert_eq!(
        shorten("BTSScn.BPM.CableOrderApp.CableOrder1", 14),
        "…CableOrder1"
    );
    assert_eq!(shorten("DUB-FromSEA-CableOrder-RL", 12), "DUB-Fr…er-RL");
    assert_eq!(shorten("abc", 1), "…");
    assert_eq!(shorten("abcdef", 5).chars().count(), 5);
}

#[test]
fn a_shortened_name_leads_its_accessible_name() {
    use messagebox_lab::lab::canvas_view::accessible_name;
    let full = "Send port DUB-FromSEA-CableOrder-RL: started";
    assert_eq!(
        accessible_name(&["DUB-FromSEA-CableOrder-RL", "started"], full),
        full
    );
    assert_eq!(
        accessible_name(&["DUB-Fr…er-RL"], full),
        format!("DUB-Fr…er-RL: {full}")
    );
    // Badges and marks are compared as words, as assistive technology does.
    let badged = "Orchestration OrderManager: started, ✓ matched #12";
    assert_eq!(
        accessible_name(&["OrderManager", "started", "✓ matched #12"], badged),
        badged
    );
}

#[test]
fn the_panels_stay_as_left_across_a_scenario_switch_and_a_lesson() {
    use messagebox_lab::lab::panels::{Panels, SIDE_MAX};
    let mut lab = lab_at(0, LAPTOP);
    assert!(!lab.panels.log_open, "the log is a closed drawer at first");
    lab.apply(Action::ToggleLog);
    lab.apply(Action::ToggleSidePanel);
    lab.apply(Action::ResizeSidePanel(5000.0));
    assert_eq!(lab.panels.side_width, SIDE_MAX, "kept within bounds");
    lab.apply(Action::Scenario(1));
    lab.apply(Action::Route("#/lesson/the-messagebox".into()));
    assert!(lab.panels.log_open);
    // The lesson's first step opens Compose, which opens the side panel.
    assert!(lab.panels.side_open);
    assert_eq!(
        lab.area, LAPTOP,
        "the measured area is the page's, not the run's"
    );
    // Read back from storage, a damaged value gives the defaults.
    assert_eq!(Panels::from_json("{"), Panels::default());
    assert_eq!(Panels::from_json(r#"{"side_width": 1}"#).side_width, 300.0);
}

#[test]
fn fit_glides_in_250_ms_and_not_with_reduced_motion_nor_for_the_buttons() {
    for reduced in [false, true] {
        let mut lab = lab_at(1, LAPTOP);
        lab.reduced_motion = reduced;
        lab.frame(1000.0);
        lab.apply(Action::Zoom(1.0));
        let zoomed = lab.canvas_view();
        assert_eq!(lab.camera_now(&zoomed), zoomed.camera, "the buttons jump");
        lab.apply(Action::Fit);
        let fitted = lab.canvas_view();
        let drawn = lab.camera_now(&fitted);
        if reduced {
            assert_eq!(drawn, fitted.camera, "reduced motion: no glide");
            assert!(!lab.gliding());
            continue;
        }
        assert_eq!(drawn, zoomed.camera, "the glide starts where the view was");
        assert!(lab.gliding());
        lab.frame(1125.0);
        let half = lab.camera_now(&fitted);
        assert!(half.zoom < zoomed.camera.zoom && half.zoom > fitted.camera.zoom);
        lab.frame(1250.0);
        assert_eq!(
            lab.camera_now(&fitted),
            fitted.camera,
            "arrived after 250 ms"
        );
        assert!(!lab.gliding());
    }
}
