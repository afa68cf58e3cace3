//! The topology canvas: each group a region with its receive locations, MessageBox (and subscription
//! table showing the last evaluation), orchestrations, send ports and hosts; WAN links between groups;
//! message tokens moving along the edges. Nodes and regions can be dragged; the positions are saved.
//! The view fits every group into the canvas's area by default; dragging the background pans it, the
//! zoom buttons zoom it, and a lesson step brings its group into view.

use super::canvas_parts::{
    edges, f, legend, link_line, node_view, size, subscription_table, token_views,
};
use super::dispatch::use_dispatch;
use super::lab_ref::LabRef;
use crate::lab::camera::CameraMode;
use crate::lab::canvas_view::{Detail, TextRole};
use crate::lab::layout::{region_key, NodeKind, Region};
use crate::lab::Action;
use crate::lab::Selection;
use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub lab: LabRef,
    pub reduced_motion: bool,
}

/// A drag in progress: what is dragged, where the pointer started and where the thing was.
#[derive(Clone, Debug, PartialEq)]
struct Drag {
    key: String,
    pointer: (f64, f64),
    origin: (f64, f64),
}

/// The pointer's position relative to the SVG's corner, in layout units (only differences are used).
fn svg_point(svg: &NodeRef, e: &PointerEvent, zoom: f64) -> Option<(f64, f64)> {
    let el = svg.cast::<web_sys::Element>()?;
    let rect = el.get_bounding_client_rect();
    Some((
        (e.client_x() as f64 - rect.left()) / zoom,
        (e.client_y() as f64 - rect.top()) / zoom,
    ))
}

/// Parts of the drawing that have a pointer action of their own: a drag that starts on them is not a pan.
const OWN_POINTER: &str = ".node, .region-title, [data-testid='message-token'], .token-counter";

/// Whether a pointer event started on the background (not on a node, a region's title or a token).
fn on_background(e: &PointerEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_none_or(|el| el.closest(OWN_POINTER).ok().flatten().is_none())
}

/// The drawing area's size on screen, if it is laid out. It is capped at the window's size: where no
/// style fixes the area's height (a page without the app's CSS, as in the component tests), the SVG
/// sizes itself from the view box this measure sets, and the two would otherwise grow each other
/// without end.
fn measure(host: &NodeRef) -> Option<(f64, f64)> {
    let el = host.cast::<web_sys::Element>()?;
    let window = web_sys::window()?;
    let cap =
        |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(f64::MAX);
    let w = (el.client_width() as f64).min(cap(window.inner_width()));
    let h = (el.client_height() as f64).min(cap(window.inner_height()));
    (w > 0.0 && h > 0.0).then_some((w, h))
}

#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let on = use_dispatch();
    let drag = use_state(|| None::<Drag>);
    // The pointer's last position while the background is dragged (updated at every move, between
    // renders, so a fast drag is not counted twice).
    let pan = use_mut_ref(|| None::<(f64, f64)>);
    let svg = use_node_ref();
    let host = use_node_ref();
    // Fingers on the background: two make a pinch.
    let pinch = use_mut_ref(crate::lab::pinch::Pinch::default);
    let lab = props.lab.lab.borrow();
    let world = &lab.session.world;
    let canvas_view = lab.canvas_view();
    let layout = &canvas_view.layout;
    let detail = &canvas_view.detail;
    let area = lab.area;
    let camera = lab.camera_now(&canvas_view);
    let zoom = camera.zoom;
    // The zoom the view is going to (a glide may be on its way there): what the buttons step from.
    let target_zoom = canvas_view.camera.zoom;
    let view = camera.view_box(area);
    let mode = lab.view.camera.clone();

    // The area is measured after every render (a panel opened or closed changes it) and when the
    // window is resized; the lab refits to it.
    {
        let host = host.clone();
        let on = on.clone();
        use_effect(move || {
            if let Some((w, h)) = measure(&host) {
                if (w - area.width).abs() > 0.5 || (h - area.height).abs() > 0.5 {
                    on.emit(Action::CanvasArea {
                        width: w,
                        height: h,
                    });
                }
            }
        });
    }
    {
        let host = host.clone();
        let on = on.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "resize", move |_| {
                    if let Some((width, height)) = measure(&host) {
                        on.emit(Action::CanvasArea { width, height });
                    }
                })
            });
            move || drop(listener)
        });
    }

    // The wheel (and a trackpad's pinch, which the browser sends as a wheel with Ctrl) zooms about the
    // pointer. Listened to directly: the page must not scroll meanwhile.
    {
        let host = host.clone();
        let on = on.clone();
        use_effect_with((), move |_| {
            let listener = host.cast::<web_sys::Element>().map(|el| {
                let target = el.clone();
                let options = gloo_events::EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&el, "wheel", options, move |e| {
                    let Some(w) = e.dyn_ref::<web_sys::WheelEvent>() else {
                        return;
                    };
                    w.prevent_default();
                    let rect = target.get_bounding_client_rect();
                    // Pixels of wheel travel: one notch (100) zooms by about 15%.
                    let delta = match w.delta_mode() {
                        1 => w.delta_y() * 33.0,
                        2 => w.delta_y() * rect.height(),
                        _ => w.delta_y(),
                    };
                    on.emit(Action::ZoomAt {
                        factor: (-delta / 700.0).exp(),
                        x: w.client_x() as f64 - rect.left(),
                        y: w.client_y() as f64 - rect.top(),
                    });
                })
            });
            move || drop(listener)
        });
    }

    // Starting a drag also selects: a click is a drag that did not move.
    let start = {
        let drag = drag.clone();
        let svg = svg.clone();
        let on = on.clone();
        move |key: String, origin: (f64, f64), select: Selection| {
            let drag = drag.clone();
            let svg = svg.clone();
            let on = on.clone();
            Callback::from(move |e: PointerEvent| {
                if let Some(pointer) = svg_point(&svg, &e, zoom) {
                    drag.set(Some(Drag {
                        key: key.clone(),
                        pointer,
                        origin,
                    }));
                }
                on.emit(Action::Select(select.clone()));
            })
        }
    };
    // A drag that starts on the background pans the view.
    let onpointerdown = {
        let pan = pan.clone();
        let svg = svg.clone();
        let pinch = pinch.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 || !on_background(&e) {
                return;
            }
            let (x, y) = (e.client_x() as f64, e.client_y() as f64);
            pinch.borrow_mut().down(e.pointer_id(), x, y);
            *pan.borrow_mut() = (!pinch.borrow().pinching()).then_some((x, y));
            if let Some(el) = svg.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
        })
    };
    let onpointermove = {
        let drag = drag.clone();
        let pan = pan.clone();
        let svg = svg.clone();
        let on = on.clone();
        let pinch = pinch.clone();
        let host = host.clone();
        Callback::from(move |e: PointerEvent| {
            let (px, py) = (e.client_x() as f64, e.client_y() as f64);
            let step = pinch.borrow_mut().moved(e.pointer_id(), px, py);
            if let Some(step) = step {
                if let Some(rect) = host
                    .cast::<web_sys::Element>()
                    .map(|h| h.get_bounding_client_rect())
                {
                    on.emit(Action::ZoomAt {
                        factor: step.factor,
                        x: step.x - rect.left(),
                        y: step.y - rect.top(),
                    });
                }
                return;
            }
            if pinch.borrow().pinching() {
                return;
            }
            let last = *pan.borrow();
            if let Some((x, y)) = last {
                if e.buttons() == 0 {
                    *pan.borrow_mut() = None;
                    return;
                }
                let (nx, ny) = (e.client_x() as f64, e.client_y() as f64);
                *pan.borrow_mut() = Some((nx, ny));
                if nx != x || ny != y {
                    on.emit(Action::Pan {
                        dx: nx - x,
                        dy: ny - y,
                    });
                }
                return;
            }
            let Some(d) = (*drag).clone() else { return };
            if e.buttons() == 0 {
                drag.set(None);
                return;
            }
            if let Some((x, y)) = svg_point(&svg, &e, zoom) {
                on.emit(Action::Move {
                    key: d.key,
                    x: (d.origin.0 + x - d.pointer.0).max(0.0),
                    y: (d.origin.1 + y - d.pointer.1).max(0.0),
                });
            }
        })
    };
    let stop = {
        let drag = drag.clone();
        let pan = pan.clone();
        Callback::from(move |e: PointerEvent| {
            pinch.borrow_mut().up(e.pointer_id());
            *pan.borrow_mut() = None;
            drag.set(None);
        })
    };

    let regions = layout.regions.iter().map(|r| {
        let g = world.group(&r.group);
        let (site, team) = g.map(|g| (g.site.clone(), g.team.clone())).unwrap_or_default();
        let select = Selection::Group {
            group: r.group.clone(),
        };
        let onkeydown = {
            let on = on.clone();
            let select = select.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" {
                    on.emit(Action::Select(select.clone()));
                }
            })
        };
        let name_font = detail.font(TextRole::GroupName);
        let name_y = r.y + 8.0 + name_font;
        let site_text = format!("{site} · {team}");
        let shown_name = detail.fit(&r.group, TextRole::GroupName, r.width - 32.0);
        let site_line = (detail.site_line() && !r.summary)
            .then(|| detail.fit(&site_text, TextRole::GroupSite, r.width - 32.0));
        // The title's accessible name says what it shows (shortened at this zoom) and what it opens.
        let title_name = crate::lab::canvas_view::accessible_name(
            &[&shown_name],
            &format!("Group {}: {site_text}. Open its administration", r.group),
        );
        html! {
            <g class={classes!("group-region", r.summary.then_some("summary"))} data-testid={format!("group-{}", r.group)}>
                <rect class="region" x={f(r.x)} y={f(r.y)} rx="14" width={f(r.width)} height={f(r.height)} />
                <g class="title-tip">
                    <title>{ title_name.clone() }</title>
                    <g class="region-title" tabindex="0" role="button"
                       aria-label={title_name.clone()}
                       onpointerdown={start(region_key(&r.group), (r.x, r.y), select)} {onkeydown}>
                        <rect class="region-handle" x={f(r.x)} y={f(r.y)} width={f(r.width)} height="58" rx="14" />
                        <text class="group-name" x={f(r.x + 16.0)} y={f(name_y)} font-size={size(detail, TextRole::GroupName)}>
                            { shown_name.clone() }
                        </text>
                    </g>
                    // Beside the button, not in it: its accessible name must contain the text inside it.
                    if let Some(line) = site_line {
                        <text class="group-site" aria-hidden="true" x={f(r.x + 16.0)} y={f(name_y + detail.line(TextRole::GroupSite))}
                              font-size={size(detail, TextRole::GroupSite)}>
                            { line }
                        </text>
                    }
                </g>
                if r.summary {
                    { summary_card(&lab, detail, r, name_y) }
                }
                if r.ports_not_drawn > 0 {
                    <text class="ports-not-drawn" data-testid="ports-not-drawn" font-size={size(detail, TextRole::Note)}
                          x={f(r.x + r.width - 16.0)} y={f(r.y + 95.0 + crate::lab::layout::PORTS_DRAWN as f64 * 42.0)}>
                        <title>{ "Every send port is listed in the Subscriptions tab." }</title>
                        { format!("+{} more send ports", crate::lab::import_summary::thousands(r.ports_not_drawn)) }
                    </text>
                }
            </g>
        }
    });

    // Each group's subscriptions and the message under evaluation, worked out once for the table and
    // the nodes.
    let evaluations: std::collections::BTreeMap<String, crate::lab::evaluation::Evaluation> =
        layout
            .regions
            .iter()
            .filter(|r| !r.summary)
            .filter_map(|r| Some((r.group.clone(), lab.evaluation(&r.group)?)))
            .collect();
    let nodes = layout.nodes.iter().map(|n| {
        let region = layout
            .region(&n.group)
            .expect("a node's group has a region");
        let origin = (n.x - region.x, n.y - region.y);
        let onpointerdown = start(n.key.clone(), origin, select_node(n));
        node_view(
            &lab,
            detail,
            n,
            region.stacked,
            evaluations
                .get(&n.group)
                .and_then(|e| e.matched_on(layout, n)),
            onpointerdown,
            on.clone(),
        )
    });
    let tables = layout
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::MessageBox)
        .map(|n| subscription_table(evaluations.get(&n.group), detail, n));
    let links = world.links.iter().map(|l| link_line(layout, detail, l));
    let tokens = token_views(&lab, layout, detail, props.reduced_motion, on.clone());

    let showing = match &mode {
        CameraMode::Fit => String::new(),
        CameraMode::Group(g) => format!("Showing {g}"),
        CameraMode::Manual(_) => String::new(),
    };
    let aggregate = on.reform(|e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        Action::Aggregate(input.checked())
    });
    let fitted = mode == CameraMode::Fit;
    html! {
        <section class="canvas" data-testid="canvas" aria-label="Topology canvas">
            <div class="zoom" role="toolbar" aria-label="View">
                <button aria-label="Zoom out" data-testid="btn-zoom-out" onclick={on.reform(move |_| Action::Zoom(target_zoom - 0.1))}>{ "−" }</button>
                <span data-testid="zoom-level">{ format!("{:.0}%", target_zoom * 100.0) }</span>
                <button aria-label="Zoom in" data-testid="btn-zoom-in" onclick={on.reform(move |_| Action::Zoom(target_zoom + 0.1))}>{ "+" }</button>
                <button aria-label="1:1, actual size" data-testid="btn-zoom-actual" onclick={on.reform(|_| Action::Zoom(1.0))}>{ "1:1" }</button>
                <button aria-label="Fit every group into view" title="Fit every group into view; the wheel zooms, dragging the background moves" data-testid="btn-zoom-fit" aria-pressed={fitted.to_string()}
                        class={classes!(fitted.then_some("active"))}
                        onclick={on.reform(|_| Action::Fit)}>{ "Fit" }</button>
                <span class="view-note" data-testid="view-note">{ showing }</span>
                <label class="aggregate" title="Many messages on one edge are drawn as one counter">
                    <input type="checkbox" checked={lab.aggregate} onchange={aggregate} />
                    { " group busy edges" }
                </label>
                { legend() }
            </div>
            // The area the camera is fitted to, so a test can wait until it is the measured one.
            <div class="canvas-area" ref={host} data-testid="canvas-area" data-area={format!("{:.0}x{:.0}", area.width, area.height)}>
                <svg ref={svg} width="100%" height="100%"
                     viewBox={format!("{:.1} {:.1} {:.1} {:.1}", view.x, view.y, view.width, view.height)}
                     data-zoom={format!("{zoom:.3}")} data-detail={format!("{:?}", detail.level)}
                     data-gliding={lab.gliding().to_string()}
                     data-arrangement={if detail.stacked { "stacked" } else { "side-by-side" }}
                     role="group" aria-label={format!("{} BizTalk groups", layout.regions.len())}
                     {onpointerdown} {onpointermove} onpointerup={stop.clone()} onpointercancel={stop.clone()}
                     onpointerleave={stop}>
                    { for regions }
                    { for links }
                    { edges(&lab, layout) }
                    { for tables }
                    { tokens.labels }
                    { for nodes }
                    { tokens.shapes }
                    { tokens.callouts }
                </svg>
            </div>
        </section>
    }
}

pub(crate) fn select_node(n: &crate::lab::layout::Node) -> Selection {
    use messagebox_engine::messagebox::Owner;
    let group = n.group.clone();
    let name = n.name.clone();
    match n.kind {
        NodeKind::Location => Selection::Location { group, name },
        NodeKind::Host => Selection::Host { group, name },
        NodeKind::Orchestration => Selection::Service {
            group,
            owner: Owner::Orchestration(name),
        },
        NodeKind::SendPort => Selection::Service {
            group,
            owner: Owner::SendPort(name),
        },
        NodeKind::SendPortGroup => Selection::Service {
            group,
            owner: Owner::SendPortGroup(name),
        },
        NodeKind::MessageBox | NodeKind::Suspended | NodeKind::PortStack => {
            Selection::Group { group }
        }
    }
}

/// A group far from the step's action, as a card: its counts, each a line.
fn summary_card(lab: &crate::lab::Lab, detail: &Detail, r: &Region, name_y: f64) -> Html {
    let Some(g) = lab.session.world.group(&r.group) else {
        return html! {};
    };
    let lines = crate::lab::canvas_view::summary_lines(g);
    let pitch = detail.line(TextRole::Note);
    let texts = lines.iter().enumerate().map(|(i, line)| {
        html! {
            <text class="summary-line" x={f(r.x + 16.0)} y={f(name_y + pitch * (1.2 + i as f64))}
                  font-size={size(detail, TextRole::Note)}>
                <title>{ line.clone() }</title>
                { detail.fit(line, TextRole::Note, r.width - 32.0) }
            </text>
        }
    });
    html! { <g class="summary-card" data-testid={format!("summary-{}", r.group)}>{ for texts }</g> }
}
