//! Browser tests of the components with logic: the filter editor keeps rows and text in sync through the
//! engine and says so when its subscriber goes away, the inspector shows the engine's explanation, and the
//! timeline forks after a confirmation.
#![cfg(target_arch = "wasm32")]

use messagebox_engine::messagebox::Owner;
use messagebox_engine::world::{Command, StopMode};
use messagebox_lab::components::filter_editor::{FilterEditor, FilterEditorProps};
use messagebox_lab::components::inspector::Inspector;
use messagebox_lab::components::{LabProps, LabRef};
use messagebox_lab::lab::{Action, Lab, Selection};
use messagebox_lab::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::Element {
    let document = gloo_utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

fn find(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn all_values(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| {
            list.get(i)
                .unwrap()
                .unchecked_into::<web_sys::HtmlInputElement>()
                .value()
        })
        .collect()
}

async fn type_into(el: &web_sys::Element, value: &str) {
    if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    } else {
        el.unchecked_ref::<web_sys::HtmlInputElement>()
            .set_value(value);
    }
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    el.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
}

async fn click(root: &web_sys::Element, selector: &str) {
    find(root, selector)
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_filter_editor_keeps_rows_and_text_in_sync_and_shows_the_engines_errors() {
    let root = fresh_root();
    let props = FilterEditorProps {
        lab: LabRef::new(Lab::fresh(0).unwrap()),
        group: "SRV-SEA".into(),
        owner: Owner::Orchestration("VipOrderManager".into()),
    };
    yew::Renderer::<FilterEditor>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(
        all_values(&root, "[data-testid=filter-row] td:nth-child(3) input"),
        ["ACCEPTED", "VIPORDER"]
    );
    // Text to rows: an OR makes the first row close its group.
    let text = find(&root, "[data-testid=filter-text]");
    type_into(&text, r#"SV.OrderMgrType == "A" || SV.OrderMgrType == "B""#).await;
    assert_eq!(
        all_values(&root, "[data-testid=filter-row] td:nth-child(3) input"),
        ["A", "B"]
    );
    let group_by = find(&root, "[data-testid=filter-row] td:nth-child(4) select")
        .unchecked_into::<web_sys::HtmlSelectElement>()
        .value();
    assert_eq!(group_by, "Or");
    // Rows to text.
    let value = find(&root, "[data-testid=filter-row] td:nth-child(3) input");
    type_into(&value, "VIPORDER").await;
    let synced = find(&root, "[data-testid=filter-text]")
        .unchecked_into::<web_sys::HtmlTextAreaElement>()
        .value();
    assert!(synced.contains(r#""VIPORDER""#), "{synced}");
    // An unknown property is the engine's error, with its position; the rows keep their last state.
    type_into(&text, "SV.Nope == 1").await;
    let error = find(&root, "[data-testid=filter-error]")
        .text_content()
        .unwrap();
    assert!(error.contains("Nope"), "{error}");
    assert_eq!(
        all_values(&root, "[data-testid=filter-row] td:nth-child(3) input"),
        ["VIPORDER", "B"]
    );
    assert!(find(&root, "[data-testid=btn-apply-filter]")
        .unchecked_into::<web_sys::HtmlButtonElement>()
        .disabled());
}

#[wasm_bindgen_test]
async fn the_filter_editor_says_so_when_its_subscribers_application_is_removed_while_it_is_open() {
    let root = fresh_root();
    let shared = LabRef::new(Lab::fresh(0).unwrap());
    let props = |version: u64| FilterEditorProps {
        lab: LabRef {
            lab: shared.lab.clone(),
            version,
        },
        group: "SRV-SEA".into(),
        owner: Owner::Orchestration("VipOrderManager".into()),
    };
    let mut app =
        yew::Renderer::<FilterEditor>::with_root_and_props(root.clone(), props(0)).render();
    yew::scheduler::flush().await;
    // An edit in progress: the editor holds state of its own when the subscriber goes.
    type_into(
        &find(&root, "[data-testid=filter-text]"),
        "SV.OrderMgrType == \"X\"",
    )
    .await;
    let gone = |root: &web_sys::Element| {
        root.query_selector("[data-testid=filter-editor-gone]")
            .unwrap()
    };
    assert!(gone(&root).is_none());
    let (group, application) = ("SRV-SEA".to_string(), "SRV.VipOrderApp".to_string());
    // One step first, so there is a point of the run before the removal to scrub back to.
    shared.lab.borrow_mut().apply(Action::Step);
    shared.lab.borrow_mut().apply(Action::ActAll(vec![
        Command::StopApplication {
            group: group.clone(),
            application: application.clone(),
            mode: StopMode::Full,
        },
        Command::RemoveApplication { group, application },
    ]));
    assert_eq!(
        shared.lab.borrow().notice,
        None,
        "the application was removed"
    );
    app.update(props(1));
    yew::scheduler::flush().await;
    let text = gone(&root)
        .expect("the editor says its subscriber is gone")
        .text_content()
        .unwrap();
    assert!(text.contains("no longer exists"), "{text}");
    assert!(text.contains("VipOrderManager"), "{text}");
    assert!(root
        .query_selector("[data-testid=filter-editor]")
        .unwrap()
        .is_none());
    // Scrubbing back to before the removal brings the subscriber, and a fresh editor, back.
    shared.lab.borrow_mut().apply(Action::Seek(0));
    app.update(props(2));
    yew::scheduler::flush().await;
    assert!(gone(&root).is_none());
    assert_eq!(
        all_values(&root, "[data-testid=filter-row] td:nth-child(3) input"),
        ["ACCEPTED", "VIPORDER"]
    );
}

#[wasm_bindgen_test]
async fn the_inspector_explains_a_message_per_subscription_and_predicate() {
    let mut lab = Lab::fresh(0).unwrap();
    // Run until the broker has published the first order's routing message.
    let routed = loop {
        assert!(lab.step_once(), "the order is routed before the run ends");
        let found = lab.session.recent().iter().find_map(|t| match &t.event {
            messagebox_engine::world::WorldEvent::Sent { port, message, .. }
                if port == "OrderMgrPort" =>
            {
                Some(message.0)
            }
            _ => None,
        });
        if let Some(id) = found {
            break id;
        }
    };
    lab.selection = Some(Selection::Message {
        group: "SRV-SEA".into(),
        id: routed,
    });
    let root = fresh_root();
    let props = LabProps {
        lab: LabRef::new(lab),
    };
    yew::Renderer::<Inspector>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let text = find(&root, "[data-testid=inspector]")
        .text_content()
        .unwrap();
    assert!(text.contains("CABLEORDER"), "{text}");
    let first = find(&root, "[data-testid=explanation]")
        .text_content()
        .unwrap();
    assert!(
        first.contains("matched orchestration OrderManager"),
        "{first}"
    );
    // The VIP manager did not match, and the reason names the predicate and the value seen.
    let list = root
        .query_selector_all("[data-testid=explanation]")
        .unwrap();
    let vip = (0..list.length())
        .filter_map(|i| list.get(i)?.text_content())
        .find(|t| t.contains("VipOrderManager"))
        .unwrap();
    assert!(vip.contains("no match"), "{vip}");
    assert!(
        vip.contains(r#"SV.OrderMgrType == "VIPORDER" (had: promoted "CABLEORDER")"#),
        "{vip}"
    );
}

#[wasm_bindgen_test]
async fn acting_in_the_past_asks_first_then_forks_the_timeline() {
    gloo_utils::window()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    for _ in 0..6 {
        click(&root, "[data-testid=btn-step]").await;
    }
    let clock = || find(&root, "[data-testid=clock]").text_content().unwrap();
    assert!(clock().contains("step 6 of 6"), "{}", clock());
    type_into(&find(&root, "[data-testid=timeline]"), "2").await;
    assert!(clock().contains("step 2 of 6"), "{}", clock());
    assert!(clock().contains("viewing the past"));
    click(&root, "[data-testid=tab-compose]").await;
    click(&root, "[data-testid=btn-submit]").await;
    let confirm = find(&root, "[data-testid=confirm]").text_content().unwrap();
    assert!(confirm.contains("later 4 steps"), "{confirm}");
    assert!(clock().contains("step 2 of 6"), "nothing discarded yet");
    click(&root, "[data-testid=confirm-yes]").await;
    assert!(clock().contains("step 2 of 2"), "{}", clock());
    assert!(root
        .query_selector("[data-testid=confirm]")
        .unwrap()
        .is_none());
}
