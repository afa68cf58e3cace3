//! Browser tests: mount the app in headless Chromium and check what a learner sees first.
#![cfg(target_arch = "wasm32")]

use messagebox_engine::{scenario, VERSION};
use messagebox_lab::App;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app into a fresh element and waits until Yew has rendered it.
async fn mount_app() -> web_sys::Element {
    let document = gloo_utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn text_of(root: &web_sys::Element, testid: &str) -> String {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn shell_shows_product_name_and_engine_version() {
    let root = mount_app().await;
    assert!(text_of(&root, "header").contains("MessageBox Lab"));
    assert_eq!(
        text_of(&root, "engine-version"),
        format!("engine v{VERSION}")
    );
}

#[wasm_bindgen_test]
async fn every_region_of_the_screen_is_present() {
    let root = mount_app().await;
    // The event log is a drawer: closed, it shows its newest line.
    for region in ["canvas", "side-panel", "controls", "log-drawer"] {
        assert!(
            !text_of(&root, region).is_empty(),
            "region {region} is empty"
        );
    }
}

#[wasm_bindgen_test]
async fn picker_lists_the_engines_shipped_scenarios_and_canvas_draws_their_groups() {
    let root = mount_app().await;
    let shipped = scenario::shipped().unwrap();
    let options = root
        .query_selector_all("[data-testid='scenario-picker'] option")
        .unwrap();
    assert_eq!(options.length() as usize, shipped.len());
    assert_eq!(
        options.get(0).unwrap().text_content().unwrap(),
        shipped[0].summary.title
    );
    for group in &shipped[0].summary.groups {
        let region = text_of(&root, &format!("group-{}", group.name));
        assert!(region.contains(&group.site), "{region}");
    }
    assert_eq!(text_of(&root, "scenario-title"), shipped[0].summary.title);
}
