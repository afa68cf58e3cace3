//! The topology canvas. For now it draws each of the scenario's groups as a labelled region; ports,
//! MessageBoxes and message tokens arrive with the simulation.

use messagebox_engine::scenario::GroupSummary;
use yew::prelude::*;

const REGION_WIDTH: u32 = 420;
const REGION_HEIGHT: u32 = 300;
const GAP: u32 = 60;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub groups: Vec<GroupSummary>,
}

#[component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let count = props.groups.len().max(1) as u32;
    let width = count * REGION_WIDTH + (count + 1) * GAP;
    let height = REGION_HEIGHT + 2 * GAP;
    html! {
        <section class="canvas" data-testid="canvas" aria-label="Topology canvas">
            <h2 class="region-label">{ "Topology" }</h2>
            <svg viewBox={format!("0 0 {width} {height}")} role="img"
                 aria-label={format!("{} BizTalk groups", props.groups.len())}>
                { for props.groups.iter().enumerate().map(|(i, group)| group_region(i as u32, group)) }
            </svg>
            <p class="placeholder-note">
                { "Ports, MessageBoxes and message tokens are drawn here once the simulation runs." }
            </p>
        </section>
    }
}

fn group_region(index: u32, group: &GroupSummary) -> Html {
    let x = GAP + index * (REGION_WIDTH + GAP);
    html! {
        <g class="group-region" data-testid={format!("group-{}", group.name)}>
            <rect x={x.to_string()} y={GAP.to_string()} rx="14"
                  width={REGION_WIDTH.to_string()} height={REGION_HEIGHT.to_string()} />
            <text class="group-name" x={(x + 18).to_string()} y={(GAP + 34).to_string()}>
                { group.name.clone() }
            </text>
            <text class="group-site" x={(x + 18).to_string()} y={(GAP + 58).to_string()}>
                { group.site.clone() }
            </text>
            <text class="group-team" x={(x + 18).to_string()} y={(GAP + 80).to_string()}>
                { group.team.clone() }
            </text>
        </g>
    }
}
