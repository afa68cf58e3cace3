//! The topology canvas: each group a region with its receive locations, MessageBox (and subscription
//! table showing the last evaluation), orchestrations, send ports and hosts; WAN links between groups;
//! message tokens moving along the edges. Nodes and regions can be dragged; the positions are saved.

use super::canvas_parts::{edges, legend, link_line, node_view, subscription_table, token_views};
use super::dispatch::use_dispatch;
use super::lab_ref::LabRef;
use crate::lab::layout::{region_key, Layout, NodeKind};
use crate::lab::Action;
use crate::lab::Selection;
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

/// The pointer's position in the SVG's own coordinates (the SVG is drawn at `zoom`, top-left aligned).
fn svg_point(svg: &NodeRef, e: &PointerEvent, zoom: f64) -> Option<(f64, f64)> {
    let el = svg.cast::<web_sys::Element>()?;
    let rect = el.get_bounding_client_rect();
    Some((
        (e.client_x() as f64 - rect.left()) / zoom,
        (e.client_y() as f64 - rect.top()) / zoom,
    ))
}

#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let on = use_dispatch();
    let drag = use_state(|| None::<Drag>);
    let svg = use_node_ref();
    let lab = props.lab.lab.borrow();
    let world = &lab.session.world;
    let layout = Layout::of(world, &lab.group_order(), &lab.view.positions);
    let zoom = lab.zoom();

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
    let onpointermove = {
        let drag = drag.clone();
        let svg = svg.clone();
        let on = on.clone();
        Callback::from(move |e: PointerEvent| {
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
        Callback::from(move |_: PointerEvent| drag.set(None))
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
        html! {
            <g class="group-region" data-testid={format!("group-{}", r.group)}>
                <rect class="region" x={r.x.to_string()} y={r.y.to_string()} rx="14"
                      width={r.width.to_string()} height={r.height.to_string()} />
                <g class="region-title" tabindex="0" role="button"
                   aria-label={format!("Group {}: {site}. Open its administration", r.group)}
                   onpointerdown={start(region_key(&r.group), (r.x, r.y), select)} {onkeydown}>
                    <rect class="region-handle" x={r.x.to_string()} y={r.y.to_string()}
                          width={r.width.to_string()} height="58" rx="14" />
                    <text class="group-name" x={(r.x + 16.0).to_string()} y={(r.y + 26.0).to_string()}>
                        { r.group.clone() }
                    </text>
                    <text class="group-site" x={(r.x + 16.0).to_string()} y={(r.y + 46.0).to_string()}>
                        { format!("{site} · {team}") }
                    </text>
                </g>
            </g>
        }
    });

    let nodes = layout.nodes.iter().map(|n| {
        let region = layout
            .region(&n.group)
            .expect("a node's group has a region");
        let origin = (n.x - region.x, n.y - region.y);
        let onpointerdown = start(n.key.clone(), origin, select_node(n));
        node_view(&lab, n, onpointerdown, on.clone())
    });
    let tables = layout
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::MessageBox)
        .map(|n| subscription_table(&lab, n));
    let links = world.links.iter().map(|l| link_line(&layout, l));
    let tokens = token_views(&lab, &layout, props.reduced_motion, on.clone());

    html! {
        <section class="canvas" data-testid="canvas" aria-label="Topology canvas">
            <div class="zoom" role="group" aria-label="Zoom">
                <button aria-label="Zoom out" data-testid="btn-zoom-out" onclick={on.reform(move |_| Action::Zoom(zoom - 0.1))}>{ "−" }</button>
                <span>{ format!("{:.0}%", zoom * 100.0) }</span>
                <button aria-label="Zoom in" data-testid="btn-zoom-in" onclick={on.reform(move |_| Action::Zoom(zoom + 0.1))}>{ "+" }</button>
                <button aria-label="Actual size" onclick={on.reform(|_| Action::Zoom(1.0))}>{ "1:1" }</button>
            </div>
            <svg ref={svg} width={(layout.width * zoom).to_string()} height={((layout.height + 60.0) * zoom).to_string()}
                 viewBox={format!("0 0 {} {}", layout.width, layout.height + 60.0)}
                 role="group" aria-label={format!("{} BizTalk groups", layout.regions.len())}
                 {onpointermove} onpointerup={stop.clone()} onpointerleave={stop}>
                { for regions }
                { for links }
                { edges(&lab, &layout) }
                { for tables }
                { for nodes }
                { tokens }
                { legend(layout.height + 14.0) }
            </svg>
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
        NodeKind::MessageBox | NodeKind::Suspended => Selection::Group { group },
    }
}
